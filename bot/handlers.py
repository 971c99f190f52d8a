"""Telegram update handlers. They call the shared RetrievalService and nothing lower.

The service is synchronous and CPU-bound (tens of milliseconds per question). It runs in a
worker thread via `asyncio.to_thread` so the event loop keeps polling, sending replies and, in
webhook mode, serving the FastAPI app that shares the loop.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.formatting import (
    MAX_QUESTION_CHARS,
    compose_answer,
    compose_evidence,
    escape,
    split_html,
)
from bot.state import (
    EVIDENCE,
    HELPFUL,
    UNHELPFUL,
    AnswerRecord,
    callback_data,
    chat_history,
    forget_conversation,
    get_state,
    parse_callback_data,
    remember_turn,
)
from sosa.errors import NotFound, SosaError
from sosa.logs import scrub
from sosa.models import Answer, Viewer

if TYPE_CHECKING:
    from retrieval.service import RetrievalService

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

CHANNEL = "telegram"
MAX_EVIDENCE = 3  # passages sent per '근거 보기'; more would flood the chat
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _service(context: Context) -> RetrievalService:
    return context.bot_data["service"]


def _viewer(update: Update, context: Context) -> Viewer | None:
    """Viewer for this update, or None to refuse.

    Staff access only in private chats: in a group, a staff member's answer would show
    internal documents to every member of that group.
    """
    user = update.effective_user
    chat = update.effective_chat
    viewer = get_state(context).policy.viewer_for(user.id if user else None)
    if viewer == "staff" and (chat is None or chat.type != ChatType.PRIVATE):
        viewer = get_state(context).policy.viewer_for(None)
    return viewer


async def _reply(
    message: Message, html_text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send HTML in parts below Telegram's limit; buttons go under the last part."""
    parts = split_html(html_text)
    for i, part in enumerate(parts):
        await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            link_preview_options=_NO_PREVIEW,
            reply_markup=markup if i == len(parts) - 1 else None,
        )


async def _admit(update: Update, context: Context) -> Viewer | None:
    """Access check and rate limit for anything that reaches the service; replies if refused."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return None
    viewer = _viewer(update, context)
    if viewer is None:
        await _reply(message, texts.refusal(user.id))
        return None
    wait = get_state(context).limiter.check(user.id)
    if wait:
        logger.info("사용자 %s 요청 제한 (%s초 대기)", user.id, wait)
        await _reply(message, escape(texts.rate_limited(wait)))
        return None
    return viewer


def answer_keyboard(key: str, evidence: bool, feedback: bool = True) -> InlineKeyboardMarkup | None:
    row: list[InlineKeyboardButton] = []
    if evidence:
        row.append(InlineKeyboardButton("근거 보기", callback_data=callback_data(EVIDENCE, key)))
    if feedback:
        row.append(InlineKeyboardButton("👍", callback_data=callback_data(HELPFUL, key)))
        row.append(InlineKeyboardButton("👎", callback_data=callback_data(UNHELPFUL, key)))
    return InlineKeyboardMarkup([row]) if row else None


async def _send_answer(message: Message, context: Context, answer: Answer) -> None:
    chunk_ids = list(dict.fromkeys(c.chunk_id for c in answer.citations if c.chunk_id))
    key = get_state(context).answers.put(AnswerRecord(answer.id, chunk_ids))
    await _reply(message, compose_answer(answer), answer_keyboard(key, evidence=bool(chunk_ids)))


async def _answer(update: Update, context: Context, kind: str, query: str) -> None:
    message = update.effective_message
    if message is None:
        return
    viewer = await _admit(update, context)
    if viewer is None:
        return
    if len(query) > MAX_QUESTION_CHARS:
        await _reply(message, escape(texts.too_long(len(query))))
        return
    service = _service(context)
    methods: dict[str, Callable[..., Answer]] = {
        "ask": service.ask,
        "score": service.ask_scores,
        "target": service.ask_targets,
        "budget": service.ask_budgets,
    }
    method = methods[kind]
    # channel marks where the answer was given in the feedback store the API shares.
    if kind == "ask":
        # Each chat (private or group) is one conversation: follow-ups keep its topic.
        chat_data = context.chat_data if context.chat_data is not None else {}
        history = chat_history(chat_data)
        answer = await asyncio.to_thread(
            service.ask, query, viewer, channel=CHANNEL, history=history
        )
        remember_turn(chat_data, query, answer.answer)
    else:
        answer = await asyncio.to_thread(method, query, viewer, channel=CHANNEL)
    logger.info("답변 %s (%s, found=%s, viewer=%s)", answer.id, kind, answer.found, viewer)
    await _send_answer(message, context, answer)


def _command_argument(message: Message) -> str:
    """Everything after the command word, line breaks kept ('/ask@bot 질문' too)."""
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def _admitted(update: Update, context: Context) -> tuple[Message, Viewer] | None:
    """The message and who asks, or None after the polite refusal (or for an update with no
    message or user)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return None
    viewer = _viewer(update, context)
    if viewer is None:
        await _reply(message, texts.refusal(user.id))
        return None
    return message, viewer


# --- commands ----------------------------------------------------------------------------------


async def start(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    viewer = _viewer(update, context)
    if viewer is None:
        await _reply(message, texts.refusal(user.id))
        return
    await _reply(message, texts.greeting(user.first_name, staff=viewer == "staff"))


async def new_command(update: Update, context: Context) -> None:
    """/new: forget this chat's earlier turns, so the next question stands alone."""
    admitted = await _admitted(update, context)
    if admitted is None:
        return
    message, _ = admitted
    if context.chat_data is not None:
        forget_conversation(context.chat_data)
    await _reply(message, texts.NEW_CONVERSATION)


async def help_command(update: Update, context: Context) -> None:
    admitted = await _admitted(update, context)
    if admitted is not None:
        await _reply(admitted[0], texts.HELP)


async def _command(update: Update, context: Context, kind: str, usage: str | None) -> None:
    message = update.effective_message
    if message is None:
        return
    query = _command_argument(message)
    if not query and usage is not None:
        await _reply(message, usage)
        return
    await _answer(update, context, kind, query)


async def ask_command(update: Update, context: Context) -> None:
    await _command(update, context, "ask", texts.USAGE_ASK)


async def score_command(update: Update, context: Context) -> None:
    # No argument is fine: the service then answers with the overall result.
    await _command(update, context, "score", None)


async def target_command(update: Update, context: Context) -> None:
    await _command(update, context, "target", texts.USAGE_TARGET)


async def budget_command(update: Update, context: Context) -> None:
    await _command(update, context, "budget", texts.USAGE_BUDGET)


async def unknown_command(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await _reply(update.effective_message, texts.UNKNOWN_COMMAND)


# --- messages ----------------------------------------------------------------------------------


async def text_message(update: Update, context: Context) -> None:
    message = update.effective_message
    text = (message.text or "").strip() if message is not None else ""
    if not text:
        return
    await _answer(update, context, "ask", text)


async def unsupported_message(update: Update, context: Context) -> None:
    admitted = await _admitted(update, context)
    if admitted is not None:
        await _reply(admitted[0], escape(texts.UNSUPPORTED))


# --- buttons -----------------------------------------------------------------------------------


async def button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    parsed = parse_callback_data(query.data)
    record = get_state(context).answers.get(parsed[1]) if parsed else None
    if parsed is None or record is None:
        await query.answer(texts.EXPIRED, show_alert=True)
        return
    viewer = _viewer(update, context)
    if viewer is None:
        await query.answer(texts.refusal(query.from_user.id, html=False), show_alert=True)
        return
    action, key = parsed
    if action == EVIDENCE:
        await _send_evidence(update, context, record, viewer)
    else:
        await _record_feedback(update, context, record, key, helpful=action == HELPFUL)


async def _send_evidence(
    update: Update, context: Context, record: AnswerRecord, viewer: Viewer
) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    wait = get_state(context).limiter.check(query.from_user.id)
    if wait:
        await query.answer(texts.rate_limited(wait), show_alert=True)
        return
    if not record.chunk_ids:
        await query.answer(texts.NO_EVIDENCE, show_alert=True)
        return
    service = _service(context)
    chunks = []
    for chunk_id in record.chunk_ids[:MAX_EVIDENCE]:
        try:
            chunks.append(await asyncio.to_thread(service.chunk, chunk_id, viewer))
        except NotFound:
            # Re-indexed since the answer, or not visible to this viewer.
            continue
    if not chunks or chat is None:
        await query.answer(texts.EVIDENCE_UNAVAILABLE, show_alert=True)
        return
    await query.answer()
    for chunk in chunks:
        for part in split_html(compose_evidence(chunk)):
            await context.bot.send_message(
                chat.id, part, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
            )


async def _record_feedback(
    update: Update, context: Context, record: AnswerRecord, key: str, helpful: bool
) -> None:
    query = update.callback_query
    assert query is not None
    if record.feedback_given:
        await query.answer(texts.FEEDBACK_ALREADY)
        return
    record.feedback_given = True  # set before awaiting: a double tap must not vote twice
    try:
        await asyncio.to_thread(
            _service(context).record_feedback, record.answer_id, helpful, None, channel=CHANNEL
        )
    except Exception:
        record.feedback_given = False
        raise
    logger.info("피드백 저장: 답변 %s, helpful=%s", record.answer_id, helpful)
    await query.answer(texts.FEEDBACK_THANKS)
    # Keep '근거 보기' but take the vote buttons away, so the message shows the vote was taken.
    try:
        await query.edit_message_reply_markup(
            answer_keyboard(key, evidence=bool(record.chunk_ids), feedback=False)
        )
    except TelegramError as exc:
        # The vote is stored; an old or deleted message just keeps its buttons.
        logger.info("버튼을 바꾸지 못했습니다: %s", scrub(str(exc), [context.bot.token]))


# --- errors ------------------------------------------------------------------------------------


def _traceback(exc: BaseException, token: str) -> str:
    # Rendered into the message (not exc_info) so the secret-scrubbing log filter sees it too.
    return scrub("".join(traceback.format_exception(exc)).rstrip(), [token])


async def on_error(update: object, context: Context) -> None:
    """The one error handler: log the update id, reply politely, keep the bot running."""
    exc = context.error
    token = context.bot.token
    if not isinstance(update, Update):
        # Polling errors arrive without an update; the updater retries on its own.
        if isinstance(exc, NetworkError):
            logger.warning(
                "텔레그램 서버와 통신하지 못했습니다. 다시 시도합니다: %s", scrub(str(exc), [token])
            )
        elif exc is not None:
            logger.error("업데이트 없이 오류가 났습니다:\n%s", _traceback(exc, token))
        return

    if isinstance(exc, SosaError):
        logger.warning("업데이트 %s 처리 실패 (%s): %s", update.update_id, exc.code, exc.message)
        text = exc.message
    else:
        detail = _traceback(exc, token) if exc is not None else "(예외 정보 없음)"
        logger.error("업데이트 %s 처리 중 오류:\n%s", update.update_id, detail)
        text = texts.ERROR

    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(
                update.effective_chat.id, escape(text), parse_mode=ParseMode.HTML
            )
    except TelegramError as send_exc:
        logger.warning(
            "업데이트 %s 오류 안내를 보내지 못했습니다: %s",
            update.update_id,
            scrub(str(send_exc), [token]),
        )
