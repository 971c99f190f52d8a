"""Who may ask what: viewer resolution from Telegram user ids, and a per-user rate limit."""

from __future__ import annotations

from dataclasses import dataclass

from sosa.errors import RateLimited
from sosa.models import Viewer
from sosa.ratelimit import Limiter
from sosa.settings import Settings


@dataclass(frozen=True)
class AccessPolicy:
    """Staff ids see internal documents; everyone else gets public answers or a refusal."""

    staff_ids: frozenset[int]
    public: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        return cls(frozenset(settings.allowed_telegram_users()), settings.telegram_public)

    def viewer_for(self, user_id: int | None) -> Viewer | None:
        """The viewer to answer as, or None when this user is to be refused politely."""
        if user_id is not None and user_id in self.staff_ids:
            return "staff"
        return "public" if self.public else None


class RateLimiter:
    """Requests per user per minute, counted by the one limiter (sosa.ratelimit, the `limits`
    library; shared through SOSA_RATE_LIMIT_STORAGE like the API's); 0 turns it off."""

    def __init__(self, per_minute: int, storage_uri: str = "memory://") -> None:
        self.per_minute = per_minute
        self._limiter = Limiter(storage_uri)

    def check(self, user_id: int) -> int:
        """Record one request; return 0 if allowed, else the seconds to wait before retrying."""
        try:
            self._limiter.hit("telegram", str(user_id), self.per_minute)
        except RateLimited as exc:
            return exc.retry_after
        return 0
