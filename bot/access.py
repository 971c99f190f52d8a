"""Who may ask what: viewer resolution from Telegram user ids, and a per-user rate limit."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from sosa.models import Viewer
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
    """Sliding one-minute window per user; 0 per minute turns it off.

    Used from the event loop only, so it needs no lock.
    """

    WINDOW = 60.0

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}

    def check(self, user_id: int) -> int:
        """Record one request; return 0 if allowed, else the seconds to wait before retrying."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.WINDOW:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return max(1, math.ceil(self.WINDOW - (now - hits[0])))
        hits.append(now)
        if len(self._hits) > 10_000:
            self._forget_idle(now)
        return 0

    def _forget_idle(self, now: float) -> None:
        # Bounded memory: users with no request inside the window carry no state worth keeping.
        for uid in [u for u, h in self._hits.items() if not h or now - h[-1] >= self.WINDOW]:
            del self._hits[uid]
