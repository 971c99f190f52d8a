"""The real bot with the real RetrievalService over the ingested corpus, via the stub server.

`service` (session-scoped, loaded over the ingested corpus) comes from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.bot.constants import OTHER_ID, PLAN_TITLE, STAFF_ID, TOKEN
from tests.support.telegram_stub import TEXT_LIMIT, Call, TelegramStub, utf16_len

pytestmark = pytest.mark.slow


async def _ask(stub: TelegramStub, text: str, user_id: int = STAFF_ID) -> Call:
    """The reply carrying the buttons (the last part when an answer was split)."""
    since = stub.mark()
    stub.push_message(user_id, text)
    [first] = await stub.await_for("sendMessage", since=since, timeout=30)
    if not first.buttons():
        # Polite replies carry no buttons; answers put them under their last part.
        with contextlib.suppress(TimeoutError):
            [first] = await stub.await_for(
                "sendMessage", lambda c: bool(c.buttons()), since=since, timeout=2
            )
    return first


def _all_text(stub: TelegramStub, since: int) -> str:
    return "\n".join(c.visible_text for c in stub.calls_to("sendMessage", since))


def _telegram_feedback(db: Path) -> list[tuple[str, int, str, str]]:
    """Rows of the store the API shares (sosa.feedback), joined to the recorded answers."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(
            "SELECT f.answer_id, f.helpful, f.channel, a.channel FROM feedback f"
            " JOIN answers a ON a.id = f.answer_id WHERE f.channel = 'telegram'"
        ).fetchall()


async def test_done_criteria(
    stub, bot_settings, service: Any, settings_factory: Any, run_bot
) -> None:
    feedback_db = settings_factory().feedback_db
    before = _telegram_feedback(feedback_db) if feedback_db.exists() else []
    async with run_bot(bot_settings(), service):
        since = stub.mark()
        reply = await _ask(stub, "대체인력 파견 목표는 몇 건이야?")
        text = _all_text(stub, since)
        assert "1,500" in text
        assert PLAN_TITLE in text  # the business plan is the source

        since = stub.mark()
        await _ask(stub, "/score 리더십")
        assert "12.75" in _all_text(stub, since)

        since = stub.mark()
        await _ask(stub, "긴급돌봄 대표번호 알려줘")
        assert "1522-0365" in _all_text(stub, since)

        polite = await _ask(stub, "가" * 5000)
        assert "1,000자" in polite.visible_text

        since = stub.mark()
        await _ask(stub, "대체인력 파견 목표는 몇 건이야?")
        assert "1,500" in _all_text(stub, since)  # still answering after the long message

        # 근거 보기 sends the cited passage.
        evidence = [b for b in reply.buttons() if b["text"] == "근거 보기"]
        assert evidence, "an answer with citations offers 근거 보기"
        since = stub.mark()
        stub.push_callback(STAFF_ID, evidence[0]["callback_data"], stub.sent_message(reply))
        passages = await stub.await_for("sendMessage", since=since, timeout=30)
        assert "근거" in passages[0].visible_text and "<blockquote>" in passages[0].text

        # 👍 is stored through the service (the API's feedback store) and acknowledged.
        up = next(b for b in reply.buttons() if b["text"] == "👍")
        since = stub.mark()
        stub.push_callback(STAFF_ID, up["callback_data"], stub.sent_message(reply))
        acks = await stub.await_for(
            "answerCallbackQuery", lambda c: "감사" in str(c.params.get("text")), since=since
        )
        assert acks
        after = _telegram_feedback(feedback_db)
        assert len(after) == len(before) + 1
        assert after[-1][1:] == (1, "telegram", "telegram")  # helpful, on an answer asked here

    assert stub.tokens_seen == {TOKEN}
    sent = stub.calls_to("sendMessage")
    assert all(utf16_len(c.visible_text) <= TEXT_LIMIT for c in sent)
    assert stub.failed_calls() == [], [(c.method, c.error) for c in stub.failed_calls()]


async def test_follow_up_in_one_chat_keeps_its_topic(stub, bot_settings, service, run_bot) -> None:
    async with run_bot(bot_settings(), service):
        since = stub.mark()
        await _ask(stub, "긴급돌봄 서비스는 누가 받을 수 있나요?")
        first = _all_text(stub, since)
        assert "앞의 질문에 이어" not in first
        since = stub.mark()
        await _ask(stub, "그럼 예산은?")
        follow_up = _all_text(stub, since)
        assert "앞의 질문에 이어" in follow_up and "긴급돌봄" in follow_up
        # Another chat has its own conversation: the same words there inherit nothing.
        since = stub.mark()
        await _ask(stub, "그럼 예산은?", user_id=OTHER_ID)
        assert "앞의 질문에 이어" not in _all_text(stub, since)
        # /new forgets the conversation: the same follow-up then stands alone.
        since = stub.mark()
        stub.push_message(STAFF_ID, "/new")
        [ack] = await stub.await_for("sendMessage", since=since, timeout=30)
        assert "새 대화" in ack.visible_text
        since = stub.mark()
        await _ask(stub, "그럼 예산은?")
        assert "앞의 질문에 이어" not in _all_text(stub, since)
