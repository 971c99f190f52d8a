"""Per-application state kept in `application.bot_data`: recent answers for the buttons.

Telegram's callback_data holds at most 64 bytes, too little for an answer id plus the cited
chunk ids, so buttons carry a short key into this in-memory LRU instead.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.access import AccessPolicy, RateLimiter
from sosa.settings import Settings

# Callback data is "<action>:<key>"; actions are one letter.
EVIDENCE, HELPFUL, UNHELPFUL = "e", "u", "d"


@dataclass
class AnswerRecord:
    answer_id: str
    chunk_ids: list[str]
    feedback_given: bool = False


class AnswerCache:
    """Least-recently-used map of short keys to answers; old buttons simply expire."""

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, AnswerRecord] = OrderedDict()

    def put(self, record: AnswerRecord) -> str:
        key = secrets.token_urlsafe(6)  # 8 characters
        while key in self._items:
            key = secrets.token_urlsafe(6)
        self._items[key] = record
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> AnswerRecord | None:
        record = self._items.get(key)
        if record is not None:
            self._items.move_to_end(key)
        return record

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class BotState:
    settings: Settings
    policy: AccessPolicy
    limiter: RateLimiter
    answers: AnswerCache = field(default_factory=AnswerCache)

    @classmethod
    def from_settings(cls, settings: Settings) -> BotState:
        return cls(
            settings=settings,
            policy=AccessPolicy.from_settings(settings),
            limiter=RateLimiter(settings.telegram_rate_limit_per_minute),
        )


def callback_data(action: str, key: str) -> str:
    return f"{action}:{key}"


def parse_callback_data(data: str | None) -> tuple[str, str] | None:
    action, sep, key = (data or "").partition(":")
    if not sep or action not in (EVIDENCE, HELPFUL, UNHELPFUL) or not key:
        return None
    return action, key


def get_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.bot_data["state"]
