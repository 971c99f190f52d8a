"""Per-application state kept in `application.bot_data`: recent answers for the buttons.

Telegram's callback_data holds at most 64 bytes, too little for an answer id plus the cited
chunk ids, so buttons carry a short key into this in-memory LRU instead.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

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
            limiter=RateLimiter(
                settings.telegram_rate_limit_per_minute, settings.rate_limit_storage
            ),
        )


def callback_data(action: str, key: str) -> str:
    return f"{action}:{key}"


def parse_callback_data(data: str | None) -> tuple[str, str] | None:
    action, sep, key = (data or "").partition(":")
    if not sep or action not in (EVIDENCE, HELPFUL, UNHELPFUL) or not key:
        return None
    return action, key


# A chat's earlier turns are sent with each question so follow-ups ("그럼 예산은?") keep their
# topic; after this long without a question the conversation starts afresh.
CONVERSATION_IDLE_SECONDS = 30 * 60
MAX_TURNS = 10  # what the service accepts
MAX_TURN_CHARS = 1000
_HISTORY_KEY = "conversation"


@dataclass
class Conversation:
    turns: list[dict[str, str]] = field(default_factory=list)
    last: float = 0.0


def chat_history(chat_data: MutableMapping[Any, Any], now: float | None = None) -> list[dict]:
    """The chat's earlier turns, oldest first; forgotten after 30 minutes idle."""
    now = time.monotonic() if now is None else now
    conv = chat_data.get(_HISTORY_KEY)
    if not isinstance(conv, Conversation):
        return []
    if now - conv.last > CONVERSATION_IDLE_SECONDS:
        chat_data.pop(_HISTORY_KEY, None)
        return []
    return list(conv.turns)


def remember_turn(
    chat_data: MutableMapping[Any, Any], question: str, answer: str, now: float | None = None
) -> None:
    now = time.monotonic() if now is None else now
    conv = chat_data.get(_HISTORY_KEY)
    if not isinstance(conv, Conversation) or now - conv.last > CONVERSATION_IDLE_SECONDS:
        conv = chat_data[_HISTORY_KEY] = Conversation()
    conv.turns.append({"question": question[:MAX_TURN_CHARS], "answer": answer[:MAX_TURN_CHARS]})
    del conv.turns[:-MAX_TURNS]
    conv.last = now


def forget_conversation(chat_data: MutableMapping[Any, Any]) -> None:
    chat_data.pop(_HISTORY_KEY, None)


def get_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.bot_data["state"]
