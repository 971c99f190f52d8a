"""The real bot against the stand-in Bot API server, with a fake service (no index needed).

Covers the transport: polling, commands, HTML replies, splitting, buttons, feedback, access,
rate limit, unsupported and oversized messages, the error handler, and the webhook router.
"""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.app import build_application
from bot.webhook import SECRET_HEADER, WEBHOOK_PATH, build_webhook_router
from sosa.logs import RedactSecrets
from tests.bot.fakes import OTHER_ID, PLAN_TITLE, STAFF_ID, TOKEN
from tests.support.telegram_stub import TEXT_LIMIT, Call, TelegramStub, utf16_len

pytestmark = pytest.mark.slow


def _to(chat_id: int):  # noqa: ANN202
    return lambda c: c.chat_id == chat_id


async def _reply(stub: TelegramStub, user_id: int, text: str, count: int = 1) -> list[Call]:
    since = stub.mark()
    stub.push_message(user_id, text)
    return await stub.await_for("sendMessage", _to(user_id), since=since, count=count)


def _no_refused_calls(stub: TelegramStub) -> None:
    assert stub.failed_calls() == [], [(c.method, c.error) for c in stub.failed_calls()]


async def test_start_and_help(stub, bot_settings, fake_service, run_bot) -> None:
    async with run_bot(bot_settings(), fake_service):
        [greet] = await _reply(stub, STAFF_ID, "/start")
        text = greet.visible_text
        assert "안녕하세요" in text and "전북특별자치도사회서비스원" in text
        assert "대체인력 파견 목표는 몇 건이야?" in text  # an example question
        assert "내부 문서" in text  # staff are told they see internal documents
        assert greet.params["parse_mode"] == "HTML"

        [public] = await _reply(stub, OTHER_ID, "/start")
        assert "공개된 문서" in public.visible_text

        [help_] = await _reply(stub, STAFF_ID, "/help")
        for command in ("/ask <질문>", "/score", "/target <키워드>", "/budget <키워드>"):
            assert command in help_.visible_text
        assert fake_service.calls == []  # greetings never reach the service
    assert stub.calls_to("setMyCommands")
    assert stub.calls_to("deleteWebhook")  # polling start-up clears any webhook
    assert stub.tokens_seen == {TOKEN}
    _no_refused_calls(stub)


async def test_question_gets_figure_source_and_buttons(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(), fake_service):
        [reply] = await _reply(stub, STAFF_ID, "대체인력 파견 목표는 몇 건이야?")
        assert "1,500" in reply.visible_text
        assert f"{PLAN_TITLE} · 42쪽 · 대체인력 지원사업" in reply.visible_text
        labels = [b["text"] for b in reply.buttons()]
        assert labels == ["근거 보기", "👍", "👎"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in reply.buttons())
        assert fake_service.calls == [("ask", "대체인력 파견 목표는 몇 건이야?", "staff")]

        # /ask and plain text are the same question; other users get public answers.
        await _reply(stub, OTHER_ID, "/ask 대체인력 파견 목표는?")
        assert fake_service.calls[-1] == ("ask", "대체인력 파견 목표는?", "public")
    _no_refused_calls(stub)


async def test_fact_commands_and_usage(stub, bot_settings, fake_service, run_bot) -> None:
    async with run_bot(bot_settings(), fake_service):
        [score] = await _reply(stub, STAFF_ID, "/score 리더십")
        assert "12.75" in score.visible_text
        await _reply(stub, STAFF_ID, "/score")
        await _reply(stub, STAFF_ID, "/target 대체인력")
        await _reply(stub, STAFF_ID, "/budget 긴급돌봄")
        assert fake_service.calls == [
            ("score", "리더십", "staff"),
            ("score", "", "staff"),
            ("target", "대체인력", "staff"),
            ("budget", "긴급돌봄", "staff"),
        ]
        for command in ("/target", "/budget", "/ask"):
            [usage] = await _reply(stub, STAFF_ID, command)
            assert "예:" in usage.visible_text
        [unknown] = await _reply(stub, STAFF_ID, "/nope")
        assert "/help" in unknown.visible_text
        assert len(fake_service.calls) == 4
    _no_refused_calls(stub)


async def test_evidence_button_sends_the_cited_passage(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(), fake_service):
        [reply] = await _reply(stub, STAFF_ID, "대체인력 파견 목표는?")
        evidence = next(b for b in reply.buttons() if b["text"] == "근거 보기")
        since = stub.mark()
        stub.push_callback(STAFF_ID, evidence["callback_data"], stub.sent_message(reply))
        passages = await stub.await_for("sendMessage", since=since, count=2)
        await stub.await_for("answerCallbackQuery", since=since)
        assert "[c-plan-42]" in passages[0].visible_text
        assert "<목표> & 실적" in passages[0].visible_text
        assert "<blockquote>" in passages[0].text
        assert ("chunk", "c-internal", "staff") in fake_service.calls

        # The public viewer cannot open an internal passage: only the public one is sent.
        [reply] = await _reply(stub, OTHER_ID, "대체인력 목표")
        since = stub.mark()
        button = reply.buttons()[0]["callback_data"]
        stub.push_callback(OTHER_ID, button, stub.sent_message(reply))
        [passage] = await stub.await_for("sendMessage", since=since)
        await stub.await_for("answerCallbackQuery", since=since)
        assert "[c-plan-42]" in passage.visible_text
        assert not any(
            "[c-internal]" in c.visible_text for c in stub.calls_to("sendMessage", since)
        )
    _no_refused_calls(stub)


async def test_feedback_buttons_store_once(stub, bot_settings, fake_service, run_bot) -> None:
    async with run_bot(bot_settings(), fake_service):
        [reply] = await _reply(stub, STAFF_ID, "대체인력 파견 목표는?")
        up = next(b for b in reply.buttons() if b["text"] == "👍")
        message = stub.sent_message(reply)

        since = stub.mark()
        stub.push_callback(STAFF_ID, up["callback_data"], message)
        [edit] = await stub.await_for("editMessageReplyMarkup", since=since)
        [ack] = await stub.await_for("answerCallbackQuery", since=since)
        assert "감사" in ack.params["text"]
        assert [
            b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row
        ] == ["근거 보기"]
        answer_id = fake_service.feedback[0][0]
        assert fake_service.feedback == [(answer_id, True, None, "telegram")]

        down = next(b for b in reply.buttons() if b["text"] == "👎")
        since = stub.mark()
        stub.push_callback(STAFF_ID, down["callback_data"], message)
        [again] = await stub.await_for("answerCallbackQuery", since=since)
        assert "이미" in again.params["text"]
        assert len(fake_service.feedback) == 1

        since = stub.mark()
        stub.push_callback(STAFF_ID, "u:unknown1", message)
        [expired] = await stub.await_for("answerCallbackQuery", since=since)
        assert "다시" in expired.params["text"] and expired.params["show_alert"] is True
    _no_refused_calls(stub)


async def test_html_is_escaped(stub, bot_settings, fake_service, run_bot) -> None:
    async with run_bot(bot_settings(), fake_service):
        [reply] = await _reply(stub, STAFF_ID, "html")
        assert "<script>alert(1)</script>" in reply.visible_text
        assert "<제목> & 문서 · 3쪽 · a<b" in reply.visible_text
    _no_refused_calls(stub)


async def test_long_answer_is_split_below_the_limit(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(), fake_service):
        since = stub.mark()
        stub.push_message(STAFF_ID, "long")
        parts = await stub.await_for("sendMessage", since=since, count=3)
        await stub.await_for("sendMessage", lambda c: bool(c.buttons()), since=since)
        parts = stub.calls_to("sendMessage", since)
        assert len(parts) >= 3
        assert all(utf16_len(p.visible_text) <= TEXT_LIMIT for p in parts)
        assert [bool(p.buttons()) for p in parts] == [False] * (len(parts) - 1) + [True]
        assert "599번째 줄" in parts[-1].visible_text
    _no_refused_calls(stub)


async def test_oversized_and_unsupported_messages_get_polite_replies(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(), fake_service):
        [long] = await _reply(stub, STAFF_ID, "가" * 5000)
        assert "5,000자" in long.visible_text and "1,000자" in long.visible_text
        assert fake_service.calls == []

        for push in (stub.push_sticker, stub.push_photo, stub.push_document):
            since = stub.mark()
            push(STAFF_ID)
            [reply] = await stub.await_for("sendMessage", since=since)
            assert "글로 보내 주세요" in reply.visible_text

        [answer] = await _reply(stub, STAFF_ID, "대체인력 파견 목표는 몇 건이야?")
        assert "1,500" in answer.visible_text  # still answering
    _no_refused_calls(stub)


async def test_rate_limit_is_per_user(stub, bot_settings, fake_service, run_bot) -> None:
    async with run_bot(bot_settings(telegram_rate_limit_per_minute=2), fake_service):
        await _reply(stub, STAFF_ID, "첫째 질문")
        await _reply(stub, STAFF_ID, "둘째 질문")
        [limited] = await _reply(stub, STAFF_ID, "셋째 질문")
        assert "초 뒤에 다시" in limited.visible_text
        [other] = await _reply(stub, OTHER_ID, "다른 사람 질문")
        assert "답변입니다" in other.visible_text
        assert [c[1] for c in fake_service.calls] == ["첫째 질문", "둘째 질문", "다른 사람 질문"]
    _no_refused_calls(stub)


async def test_closed_bot_refuses_outsiders_politely(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(telegram_public=False), fake_service):
        for text in ("/start", "대체인력 목표", "/score"):
            [reply] = await _reply(stub, OTHER_ID, text)
            assert "직원만" in reply.visible_text and str(OTHER_ID) in reply.visible_text
        assert fake_service.calls == []
        [staff] = await _reply(stub, STAFF_ID, "대체인력 목표")
        assert "1,500" in staff.visible_text
    _no_refused_calls(stub)


async def test_staff_in_a_group_get_public_answers(
    stub, bot_settings, fake_service, run_bot
) -> None:
    async with run_bot(bot_settings(), fake_service):
        since = stub.mark()
        stub.push_message(STAFF_ID, "/ask 대체인력 목표", chat_id=-100, chat_type="group")
        await stub.await_for("sendMessage", _to(-100), since=since)
        assert fake_service.calls == [("ask", "대체인력 목표", "public")]
    _no_refused_calls(stub)


async def test_error_handler_replies_logs_and_keeps_running(
    stub, bot_settings, fake_service, run_bot, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with run_bot(bot_settings(), fake_service):
        update_id = None
        since = stub.mark()
        update_id = stub.push_message(STAFF_ID, "boom")["update_id"]
        [sorry] = await stub.await_for("sendMessage", since=since)
        assert "죄송합니다" in sorry.visible_text and "다시 시도" in sorry.visible_text
        assert any(
            r.levelno == logging.ERROR and f"업데이트 {update_id}" in r.getMessage()
            for r in caplog.records
        )

        [invalid] = await _reply(stub, STAFF_ID, "invalid")
        assert "구체적으로" in invalid.visible_text  # a SosaError's own Korean message

        [answer] = await _reply(stub, STAFF_ID, "대체인력 파견 목표는 몇 건이야?")
        assert "1,500" in answer.visible_text
    # The traceback is rendered into the message (not exc_info), so the production redacting
    # filter reaches it: the token inside the exception text does not survive.
    logged = [r for r in caplog.records if r.name.startswith("bot")]
    assert any(TOKEN in r.getMessage() for r in logged)  # the fake put it there on purpose
    for record in logged:
        RedactSecrets([]).filter(record)
        assert TOKEN not in record.getMessage() and not record.exc_info
    _no_refused_calls(stub)


def test_webhook_router_feeds_updates_into_the_application(
    stub, bot_settings, fake_service
) -> None:
    settings = bot_settings(telegram_webhook_secret="s3cret-webhook-value")
    application = build_application(settings, fake_service)
    api = FastAPI()
    api.include_router(build_webhook_router(settings, application))
    update = {
        "update_id": 1,
        "message": {
            "message_id": 5,
            "from": stub.user(STAFF_ID),
            "chat": {"id": STAFF_ID, "type": "private", "first_name": "직원"},
            "date": 1_700_000_000,
            "text": "대체인력 파견 목표는 몇 건이야?",
        },
    }
    with TestClient(api) as client:
        denied = client.post(WEBHOOK_PATH, json=update, headers={SECRET_HEADER: "wrong"})
        assert denied.status_code == 403
        assert client.post(WEBHOOK_PATH, json=update).status_code == 403
        bad = client.post(
            WEBHOOK_PATH, content=b"not json", headers={SECRET_HEADER: "s3cret-webhook-value"}
        )
        assert bad.status_code == 400
        ok = client.post(WEBHOOK_PATH, json=update, headers={SECRET_HEADER: "s3cret-webhook-value"})
        assert ok.status_code == 200
        [reply] = stub.wait_for("sendMessage", _to(STAFF_ID), timeout=10)
        assert "1,500" in reply.visible_text
    assert fake_service.calls == [("ask", "대체인력 파견 목표는 몇 건이야?", "staff")]
    assert not application.running  # the router's lifespan stopped it with the API app
