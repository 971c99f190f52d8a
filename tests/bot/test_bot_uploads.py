"""Admins add a document by sending the file: audience buttons, progress edits, a summary.

The real bot polls the stand-in Bot API (tests/support/telegram_stub.py), downloads the file
from it, and ingests it with the real pipeline into a temporary corpus (`upload_env`).
"""

from __future__ import annotations

import uuid

import pytest

from bot import texts
from tests.bot.constants import OTHER_ID, STAFF_ID
from tests.support.telegram_stub import Call, TelegramStub

pytestmark = pytest.mark.slow

ADMIN_ID = 333


async def _buttons_reply(stub: TelegramStub, since: int) -> Call:
    [reply] = await stub.await_for("sendMessage", since=since, timeout=30)
    return reply


async def _choose(stub: TelegramStub, reply: Call, label: str) -> None:
    [button] = [b for b in reply.buttons() if b["text"].startswith(label)]
    stub.push_callback(ADMIN_ID, button["callback_data"], stub.sent_message(reply))


def _settings(bot_settings, upload_env):  # type: ignore[no-untyped-def]
    settings, _ = upload_env
    return bot_settings(
        data_dir=settings.data_dir,
        corpus_dir=settings.corpus_dir,
        telegram_admins=str(ADMIN_ID),
    )


async def test_admin_file_becomes_an_answerable_document(
    stub, bot_settings, upload_env, run_bot
) -> None:
    _, service = upload_env
    token = uuid.uuid4().hex[:8]  # new text: its chunks are not in the embedding cache
    content = (
        f"주차장 이용 안내 {token}\n\n본관 주차장의 주차 면수는 42면이며 평일 오전 9시부터 "
        "오후 6시까지 무료로 이용할 수 있습니다.\n"
    ).encode()
    async with run_bot(_settings(bot_settings, upload_env), service):
        since = stub.mark()
        stub.push_document(ADMIN_ID, "주차 안내.txt", content)
        reply = await _buttons_reply(stub, since)
        assert "주차 안내.txt" in reply.visible_text
        assert [b["text"] for b in reply.buttons()][:2] == ["공개 (시민 포함)", "내부 (직원만)"]

        await _choose(stub, reply, "공개")
        [done] = await stub.await_for(
            "editMessageText", lambda c: "색인했습니다" in c.visible_text, since=since, timeout=60
        )
        edits = stub.calls_to("editMessageText", since)
        assert len(edits) >= 3  # downloading, progress …, summary: all in one message
        assert {c.params["message_id"] for c in edits} == {stub.sent_message(reply)["message_id"]}
        assert "청크 1개" in done.visible_text and "수치" in done.visible_text
        assert "새로 계산한 임베딩 1개" in done.visible_text

        since = stub.mark()
        stub.push_message(STAFF_ID, "본관 주차장 주차 면수는 몇 면이야?")
        [answer] = await stub.await_for("sendMessage", since=since, timeout=30)
        assert "42면" in answer.visible_text
    assert stub.failed_calls() == []


async def test_corrupt_file_fails_politely_and_nothing_changes(
    stub, bot_settings, upload_env, run_bot
) -> None:
    settings, service = upload_env
    before = sorted(p.name for p in settings.corpus_dir.iterdir())
    async with run_bot(_settings(bot_settings, upload_env), service):
        since = stub.mark()
        stub.push_document(ADMIN_ID, "보고서.pdf", b"%PDF-1.5\n" + b"\x00broken" * 40)
        await _choose(stub, await _buttons_reply(stub, since), "내부")
        [failed] = await stub.await_for(
            "editMessageText", lambda c: "올리지 못했습니다" in c.visible_text, since=since,
            timeout=60,
        )  # fmt: skip
        assert "PDF" in failed.visible_text and "그대로" in failed.visible_text
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == before


async def test_other_users_files_get_the_usual_reply(
    stub, bot_settings, upload_env, run_bot
) -> None:
    _, service = upload_env
    async with run_bot(_settings(bot_settings, upload_env), service):
        for user in (STAFF_ID, OTHER_ID):
            since = stub.mark()
            stub.push_document(user, "보고서.txt", "회의록".encode())
            [reply] = await stub.await_for("sendMessage", since=since, timeout=30)
            assert reply.visible_text == texts.UNSUPPORTED and not reply.buttons()
        # An admin in a group is not taken as an upload either.
        since = stub.mark()
        stub.push_document(ADMIN_ID, "보고서.txt", "회의록".encode(), chat_type="group")
        [reply] = await stub.await_for("sendMessage", since=since, timeout=30)
        assert not reply.buttons()
        assert stub.calls_to("getFile") == []
