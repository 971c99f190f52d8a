"""The real bot against the stand-in Bot API server, answering from real services.

`service` is the real RetrievalService over the ingested corpus (tests/conftest.py); the corpus
is all public, so who-sees-what is checked with `mixed_service` (tests/bot/conftest.py), a real
service over a tiny corpus with one internal document. What reached the service is read back
from its real feedback store (tests/bot/records.py), never from a stand-in.

Covers the transport: polling, commands, HTML replies, splitting, buttons, feedback, access,
rate limit, unsupported and oversized messages, the error handler, and the webhook router.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from telegram import Chat, Message
from telegram.constants import ChatType

from bot import handlers, texts
from bot.app import build_application
from bot.formatting import compose_answer
from bot.webhook import SECRET_HEADER, WEBHOOK_PATH, build_webhook_router
from sosa.models import Answer, Citation
from tests.bot.constants import EVAL_TITLE, OTHER_ID, PLAN_TITLE, STAFF_ID, TOKEN
from tests.bot.records import answers_since, feedback_for, mark
from tests.support.telegram_stub import TEXT_LIMIT, Call, TelegramStub, utf16_len

pytestmark = pytest.mark.slow

QUESTION = "대체인력 파견 목표는 몇 건이야?"  # the corpus answers 1,500건, from the business plan
SECRET_QUESTION = "직원 회식 예산은 얼마인가요?"  # only the internal memo answers it
MEMO_QUESTION = "회식 참석률 목표는?"  # answered by the memo's line "<목표> & 실적: …"


def _to(chat_id: int):  # noqa: ANN202
    return lambda c: c.chat_id == chat_id


async def _reply(
    stub: TelegramStub, user_id: int, text: str, count: int = 1, chat_id: int | None = None
) -> list[Call]:
    since = stub.mark()
    if chat_id is None:
        stub.push_message(user_id, text)
    else:
        stub.push_message(user_id, text, chat_id=chat_id, chat_type="group")
    target = user_id if chat_id is None else chat_id
    return await stub.await_for("sendMessage", _to(target), since=since, count=count, timeout=30)


async def _press(stub: TelegramStub, user_id: int, reply: Call, label: str) -> int:
    """Press the button `label` under `reply`; returns the call-log mark from before."""
    button = next(b for b in reply.buttons() if b["text"] == label)
    since = stub.mark()
    stub.push_callback(user_id, button["callback_data"], stub.sent_message(reply))
    return since


def _no_refused_calls(stub: TelegramStub) -> None:
    assert stub.failed_calls() == [], [(c.method, c.error) for c in stub.failed_calls()]


async def test_start_and_help(stub, bot_settings, service, run_bot) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        [greet] = await _reply(stub, STAFF_ID, "/start")
        text = greet.visible_text
        assert "안녕하세요" in text and "전북특별자치도사회서비스원" in text
        assert QUESTION in text  # an example question
        assert "내부 문서" in text  # staff are told they see internal documents
        assert greet.params["parse_mode"] == "HTML"

        [public] = await _reply(stub, OTHER_ID, "/start")
        assert "공개된 문서" in public.visible_text

        [help_] = await _reply(stub, STAFF_ID, "/help")
        for command in ("/ask <질문>", "/score", "/target <키워드>", "/budget <키워드>"):
            assert command in help_.visible_text
    assert answers_since(service, since_answers) == []  # greetings never reach the service
    assert stub.calls_to("setMyCommands")
    assert stub.calls_to("deleteWebhook")  # polling start-up clears any webhook
    assert stub.tokens_seen == {TOKEN}
    _no_refused_calls(stub)


async def test_question_gets_figure_source_and_buttons(
    stub, bot_settings, service, run_bot
) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        [reply] = await _reply(stub, STAFF_ID, QUESTION)
        assert "1,500건" in reply.visible_text
        assert re.search(rf"출처\n• {re.escape(PLAN_TITLE)} · \d+쪽 · ", reply.visible_text)
        assert [b["text"] for b in reply.buttons()] == ["근거 보기", "👍", "👎"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in reply.buttons())
    [row] = answers_since(service, since_answers)
    assert (row.question, row.found, row.channel) == (QUESTION, True, "telegram")
    assert "1,500건" in row.answer
    _no_refused_calls(stub)


async def test_text_and_ask_answer_as_staff_or_public(
    stub, bot_settings, mixed_service, run_bot
) -> None:
    """Plain text and /ask are the same question; staff see the internal memo, others do not."""
    since_answers = mark(mixed_service)
    async with run_bot(bot_settings(), mixed_service):
        [staff_text] = await _reply(stub, STAFF_ID, SECRET_QUESTION)
        [staff_ask] = await _reply(stub, STAFF_ID, f"/ask {SECRET_QUESTION}")
        for reply in (staff_text, staff_ask):
            assert "30,000원" in reply.visible_text
            assert "<내부> 회의 & 메모" in reply.visible_text  # the source line

        [public_ask] = await _reply(stub, OTHER_ID, f"/ask {SECRET_QUESTION}")
        [public_text] = await _reply(stub, OTHER_ID, SECRET_QUESTION)
        for reply in (public_ask, public_text):
            assert "찾지 못했습니다" in reply.visible_text
            assert "30,000" not in reply.visible_text and "메모" not in reply.visible_text
            assert [b["text"] for b in reply.buttons()] == ["👍", "👎"]  # nothing to show

        [public_notice] = await _reply(stub, OTHER_ID, "긴급돌봄 대표번호는?")
        assert "1522-0365" in public_notice.visible_text  # public documents are for everyone
    rows = answers_since(mixed_service, since_answers)
    assert [(r.question, r.found) for r in rows] == [
        (SECRET_QUESTION, True),
        (SECRET_QUESTION, True),
        (SECRET_QUESTION, False),
        (SECRET_QUESTION, False),
        ("긴급돌봄 대표번호는?", True),
    ]
    assert {r.channel for r in rows} == {"telegram"}
    _no_refused_calls(stub)


async def test_fact_commands_and_usage(stub, bot_settings, service, run_bot) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        [score] = await _reply(stub, STAFF_ID, "/score 리더십")
        assert "리더십 영역의 득점은 12.75점(배점 15점)" in score.visible_text
        assert EVAL_TITLE in score.visible_text
        [overall] = await _reply(stub, STAFF_ID, "/score")  # no argument: the overall result
        assert "총점은 92.15점" in overall.visible_text and "A등급" in overall.visible_text
        [target] = await _reply(stub, STAFF_ID, "/target 대체인력")
        assert "목표는 1,500건" in target.visible_text
        [budget] = await _reply(stub, STAFF_ID, "/budget 긴급돌봄")
        assert "소요예산은 80,000천원" in budget.visible_text
        for reply in (score, overall, target, budget):
            assert [b["text"] for b in reply.buttons()] == ["근거 보기", "👍", "👎"]

        after_facts = mark(service)
        for command in ("/target", "/budget", "/ask"):
            [usage] = await _reply(stub, STAFF_ID, command)
            assert "예:" in usage.visible_text
        [unknown] = await _reply(stub, STAFF_ID, "/nope")
        assert "/help" in unknown.visible_text
        assert answers_since(service, after_facts) == []  # usage hints never reach the service
    rows = answers_since(service, since_answers)
    assert [(r.question, r.found) for r in rows] == [
        ("리더십", True),
        ("", True),
        ("대체인력", True),
        ("긴급돌봄", True),
    ]
    # The fact commands record where they were asked, like questions do.
    assert [r.channel for r in rows] == ["telegram"] * 4
    _no_refused_calls(stub)


async def test_evidence_button_sends_the_cited_passage_only_to_who_may_see_it(
    stub, bot_settings, mixed_service, run_bot
) -> None:
    [memo] = [
        h for h in mixed_service.search("회식 참석률", viewer="staff") if h.document == "memo.txt"
    ]
    async with run_bot(bot_settings(), mixed_service):
        [reply] = await _reply(stub, STAFF_ID, MEMO_QUESTION)
        since = await _press(stub, STAFF_ID, reply, "근거 보기")
        [passage] = await stub.await_for("sendMessage", since=since)
        [ack] = await stub.await_for("answerCallbackQuery", since=since)
        assert "text" not in ack.params  # a silent acknowledgement: the passage is the answer
        assert passage.visible_text.startswith("근거 <내부> 회의 & 메모")
        assert memo.text.strip() in passage.visible_text  # the cited chunk, as ingested
        assert "\n&lt;목표&gt; &amp; 실적: 회식 참석률 90% 이상.</blockquote>" in passage.text

        # The same button pressed by a public user (a forwarded or forged press): the internal
        # passage is not shown, only an alert.
        since = await _press(stub, OTHER_ID, reply, "근거 보기")
        [alert] = await stub.await_for("answerCallbackQuery", since=since)
        assert alert.params["text"] == texts.EVIDENCE_UNAVAILABLE
        assert alert.params["show_alert"] is True
        assert stub.calls_to("sendMessage", since) == []

        # A public answer's passage opens for the public.
        [notice] = await _reply(stub, OTHER_ID, "긴급돌봄 대표번호는?")
        since = await _press(stub, OTHER_ID, notice, "근거 보기")
        [passage] = await stub.await_for("sendMessage", _to(OTHER_ID), since=since)
        assert "1522-0365" in passage.visible_text and "<blockquote>" in passage.text
    _no_refused_calls(stub)


async def test_feedback_buttons_store_once(stub, bot_settings, service, run_bot) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        [reply] = await _reply(stub, STAFF_ID, QUESTION)
        [row] = answers_since(service, since_answers)

        since = await _press(stub, STAFF_ID, reply, "👍")
        [edit] = await stub.await_for("editMessageReplyMarkup", since=since)
        [ack] = await stub.await_for("answerCallbackQuery", since=since)
        assert "감사" in ack.params["text"]
        assert [b["text"] for r in edit.params["reply_markup"]["inline_keyboard"] for b in r] == [
            "근거 보기"
        ]
        assert feedback_for(service, row.id) == [(True, None, "telegram")]

        since = await _press(stub, STAFF_ID, reply, "👎")  # a second vote on the old buttons
        [again] = await stub.await_for("answerCallbackQuery", since=since)
        assert "이미" in again.params["text"]
        assert feedback_for(service, row.id) == [(True, None, "telegram")]

        since = stub.mark()
        stub.push_callback(STAFF_ID, "u:unknown1", stub.sent_message(reply))
        [expired] = await stub.await_for("answerCallbackQuery", since=since)
        assert expired.params["text"] == texts.EXPIRED and expired.params["show_alert"] is True
    _no_refused_calls(stub)


async def test_html_in_documents_is_escaped_end_to_end(
    stub, bot_settings, mixed_service, run_bot
) -> None:
    """The memo's title and text hold <, > and &: the stub, like Telegram, refuses bad HTML."""
    async with run_bot(bot_settings(), mixed_service):
        [reply] = await _reply(stub, STAFF_ID, MEMO_QUESTION)
        assert reply.params["parse_mode"] == "HTML"
        assert "<목표> & 실적: 회식 참석률 90% 이상." in reply.visible_text
        assert "&lt;목표&gt; &amp; 실적" in reply.text
        assert "• <내부> 회의 & 메모" in reply.visible_text
        assert "&lt;내부&gt; 회의 &amp; 메모" in reply.text
    _no_refused_calls(stub)


async def test_long_reply_is_split_below_the_limit_with_buttons_last(
    stub, bot_settings, service
) -> None:
    """Real answers are a few sentences, so a long hand-built Answer goes through the bot's
    reply path to the stub, which refuses parts over 4,096 characters or with broken HTML."""
    lines = "\n".join(f"{i}번째 줄: <긴 답변> & 나누어 보내기 😀" for i in range(600))
    answer = Answer(
        id="long-answer",
        question="긴 답변",
        answer=lines,
        found=True,
        citations=[Citation(document="p.pdf", title=PLAN_TITLE, section="<절>", page=1, quote="q")],
    )
    application = build_application(bot_settings(), service)
    chat = Chat(STAFF_ID, ChatType.PRIVATE)
    async with application.bot as bot:
        message = Message(message_id=1, date=datetime.now(UTC), chat=chat)
        message.set_bot(bot)
        since = stub.mark()
        markup = handlers.answer_keyboard("k", evidence=True)
        await handlers._reply(message, compose_answer(answer), markup)
    parts = stub.calls_to("sendMessage", since)
    assert len(parts) >= 3
    assert all(utf16_len(p.visible_text) <= TEXT_LIMIT for p in parts)
    assert [bool(p.buttons()) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "0번째 줄: <긴 답변> & 나누어 보내기 😀" in parts[0].visible_text
    assert "599번째 줄" in parts[-1].visible_text
    assert f"{PLAN_TITLE} · 1쪽 · <절>" in parts[-1].visible_text
    _no_refused_calls(stub)


async def test_oversized_and_unsupported_messages_get_polite_replies(
    stub, bot_settings, service, run_bot
) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        [long] = await _reply(stub, STAFF_ID, "가" * 5000)
        assert "5,000자" in long.visible_text and "1,000자" in long.visible_text
        assert answers_since(service, since_answers) == []  # refused before the service

        for push in (stub.push_sticker, stub.push_photo, stub.push_document):
            since = stub.mark()
            push(STAFF_ID)
            [reply] = await stub.await_for("sendMessage", since=since)
            assert reply.visible_text == texts.UNSUPPORTED

        [answer] = await _reply(stub, STAFF_ID, QUESTION)
        assert "1,500건" in answer.visible_text  # still answering
    assert [r.question for r in answers_since(service, since_answers)] == [QUESTION]
    _no_refused_calls(stub)


async def test_rate_limit_is_per_user(stub, bot_settings, service, run_bot) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(telegram_rate_limit_per_minute=2), service):
        [first] = await _reply(stub, STAFF_ID, QUESTION)
        assert "1,500건" in first.visible_text
        [second] = await _reply(stub, STAFF_ID, "긴급돌봄 대표번호 알려줘")
        assert "1522-0365" in second.visible_text
        [limited] = await _reply(stub, STAFF_ID, "/score 리더십")
        assert "초 뒤에 다시" in limited.visible_text and "12.75" not in limited.visible_text
        [other] = await _reply(stub, OTHER_ID, "/score 리더십")
        assert "12.75점" in other.visible_text
    questions = [r.question for r in answers_since(service, since_answers)]
    assert questions == [QUESTION, "긴급돌봄 대표번호 알려줘", "리더십"]
    _no_refused_calls(stub)


async def test_closed_bot_refuses_outsiders_politely(stub, bot_settings, service, run_bot) -> None:
    since_answers = mark(service)
    async with run_bot(bot_settings(telegram_public=False), service):
        for text in ("/start", "/help", QUESTION, "/score"):
            [reply] = await _reply(stub, OTHER_ID, text)
            assert "직원만" in reply.visible_text and str(OTHER_ID) in reply.visible_text
        since = stub.mark()
        stub.push_sticker(OTHER_ID)
        [reply] = await stub.await_for("sendMessage", since=since)
        assert "직원만" in reply.visible_text
        assert answers_since(service, since_answers) == []
        [staff] = await _reply(stub, STAFF_ID, QUESTION)
        assert "1,500건" in staff.visible_text
    assert [r.question for r in answers_since(service, since_answers)] == [QUESTION]
    _no_refused_calls(stub)


async def test_staff_in_a_group_get_public_answers(
    stub, bot_settings, mixed_service, run_bot
) -> None:
    async with run_bot(bot_settings(), mixed_service):
        [group] = await _reply(stub, STAFF_ID, f"/ask {SECRET_QUESTION}", chat_id=-100)
        assert "찾지 못했습니다" in group.visible_text and "30,000" not in group.visible_text
        [private] = await _reply(stub, STAFF_ID, f"/ask {SECRET_QUESTION}")
        assert "30,000원" in private.visible_text
    _no_refused_calls(stub)


async def test_error_handler_replies_logs_and_keeps_running(
    stub, bot_settings, service, run_bot, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    since_answers = mark(service)
    async with run_bot(bot_settings(), service):
        # The service refuses a question with control characters: its own Korean message.
        since = stub.mark()
        invalid_id = stub.push_message(STAFF_ID, "대체인력\x07 파견 목표")["update_id"]
        [invalid] = await stub.await_for("sendMessage", since=since)
        assert "제어 문자" in invalid.visible_text
        assert any(
            r.levelno == logging.WARNING and f"업데이트 {invalid_id} 처리 실패" in r.getMessage()
            for r in caplog.records
        )

        # Telegram refuses the reply (here with a description echoing the request path, token
        # and all): an unexpected error, logged with the update id, and the user hears about it.
        stub.fail_next(
            "sendMessage", f"Bad Request: chat not found in POST /bot{TOKEN}/sendMessage"
        )
        since = stub.mark()
        update_id = stub.push_message(STAFF_ID, QUESTION)["update_id"]
        [sorry] = await stub.await_for("sendMessage", since=since)
        assert sorry.visible_text == texts.ERROR
        [refused] = [c for c in stub.calls_to("sendMessage", since) if c.injected]
        assert "1,500건" in refused.visible_text  # the answer itself was what failed
        assert any(
            r.levelno == logging.ERROR and f"업데이트 {update_id} 처리 중 오류" in r.getMessage()
            for r in caplog.records
        )

        [answer] = await _reply(stub, STAFF_ID, QUESTION)
        assert "1,500건" in answer.visible_text  # still running
    assert [r.question for r in answers_since(service, since_answers)] == [QUESTION, QUESTION]
    # python-telegram-bot lower-cases what follows "Bad Request: ", token included; the error
    # handler scrubs it in any case, and renders the traceback into the message (not exc_info)
    # so the production log filter sees all of it too.
    logged = [r for r in caplog.records if r.name.startswith("bot")]
    [error] = [r for r in logged if f"업데이트 {update_id} 처리 중 오류" in r.getMessage()]
    assert (
        "telegram.error.BadRequest: Chat not found in post /bot***/sendmessage"
        in error.getMessage()
    )
    secret = TOKEN.split(":", 1)[1].lower()
    for record in logged:
        assert secret not in record.getMessage().lower() and not record.exc_info
    _no_refused_calls(stub)


def test_webhook_router_feeds_updates_into_the_application(stub, bot_settings, service) -> None:
    settings = bot_settings(telegram_webhook_secret="s3cret-webhook-value")
    # As in the API app: the service is loaded in the app's lifespan and shared with the bot.
    application = build_application(settings, None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = service
        yield

    api = FastAPI(lifespan=lifespan)
    api.include_router(build_webhook_router(settings, application))
    update = {
        "update_id": 1,
        "message": {
            "message_id": 5,
            "from": stub.user(STAFF_ID),
            "chat": {"id": STAFF_ID, "type": "private", "first_name": "직원"},
            "date": 1_700_000_000,
            "text": QUESTION,
        },
    }
    since_answers = mark(service)
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
        [reply] = stub.wait_for("sendMessage", _to(STAFF_ID), timeout=30)
        assert "1,500건" in reply.visible_text
    [row] = answers_since(service, since_answers)  # only the authenticated update was answered
    assert (row.question, row.channel) == (QUESTION, "telegram")
    assert not application.running  # the router's lifespan stopped it with the API app
    assert application.bot_data["service"] is service
    _no_refused_calls(stub)
