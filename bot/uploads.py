"""Admins (SOSA_TELEGRAM_ADMINS) add documents by sending the file to the bot in a private chat.

file → "who may see it?" buttons → ingest, with progress shown by editing one message → a
summary (pages, tables, chunks, figures). Everyone else's files never reach this module: the
filter below lets them fall through to the generic polite reply in bot.handlers.

Buttons carry "up:<key>:<choice>", the key pointing into a small in-memory map of pending
files (Telegram allows 64 bytes of callback data; a file id alone can be longer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, filters

from bot.formatting import escape
from bot.state import get_state
from retrieval.library import DocumentLibrary, Job
from sosa.errors import SosaError
from sosa.settings import Settings

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

PREFIX = "up"
CALLBACK_PATTERN = rf"^{PREFIX}:"
_PENDING = "pending_uploads"
_MAX_PENDING = 200
_PENDING_SECONDS = 3600  # an unanswered question about a file expires after an hour
PUBLIC, INTERNAL, CANCEL = "p", "i", "x"
# Telegram's Bot API lets bots download files up to 20 MB.
TELEGRAM_DOWNLOAD_MB = 20


@dataclass
class PendingUpload:
    user_id: int
    file_id: str
    file_name: str
    created: float


def admin_documents(settings: Settings) -> filters.BaseFilter:
    """New file messages from an admin in a private chat."""
    return (
        filters.UpdateType.MESSAGE
        & filters.Document.ALL
        & filters.ChatType.PRIVATE
        & filters.User(user_id=settings.admin_telegram_users())
    )


def _pending(context: Context) -> OrderedDict[str, PendingUpload]:
    return context.bot_data.setdefault(_PENDING, OrderedDict())


def audience_keyboard(key: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("공개 (시민 포함)", callback_data=f"{PREFIX}:{key}:{PUBLIC}"),
                InlineKeyboardButton("내부 (직원만)", callback_data=f"{PREFIX}:{key}:{INTERNAL}"),
            ],
            [InlineKeyboardButton("취소", callback_data=f"{PREFIX}:{key}:{CANCEL}")],
        ]
    )


async def document_received(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.document is None:
        return
    doc = message.document
    settings = get_state(context).settings
    name = doc.file_name or "문서"
    limit_mb = min(settings.max_upload_mb, TELEGRAM_DOWNLOAD_MB)
    if doc.file_size and doc.file_size > limit_mb * 1024 * 1024:
        await message.reply_text(
            f"파일이 너무 큽니다. 텔레그램으로는 {limit_mb}MB 이하 파일만 올릴 수 있습니다. "
            "더 큰 파일은 관리 페이지(/admin)에서 올려 주세요."
        )
        return
    pending = _pending(context)
    now = time.time()
    for k in [k for k, p in pending.items() if now - p.created > _PENDING_SECONDS]:
        del pending[k]
    key = secrets.token_urlsafe(6)
    pending[key] = PendingUpload(user.id, doc.file_id, name, now)
    while len(pending) > _MAX_PENDING:
        pending.popitem(last=False)
    await message.reply_text(
        f"<b>{escape(name)}</b> 파일을 받았습니다.\n"
        "이 문서를 누가 볼 수 있게 할까요? 고르시면 바로 색인합니다.",
        parse_mode=ParseMode.HTML,
        reply_markup=audience_keyboard(key),
    )


async def _edit(message: Message, html_text: str) -> None:
    try:
        await message.edit_text(html_text, parse_mode=ParseMode.HTML)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _summary_text(name: str, job: Job) -> str:
    s = job.summary or {}
    pages = f"{s.get('pages', 0)}쪽, " if s.get("pages") else ""
    return (
        f"<b>{escape(name)}</b> 문서를 색인했습니다. 이제 질문에 답할 때 씁니다.\n"
        f"• {pages}표 {s.get('tables', 0)}개, 청크 {s.get('chunks', 0)}개, "
        f"수치 {s.get('figures', 0)}개를 찾았습니다.\n"
        f"• 새로 계산한 임베딩 {job.embedded or 0}개, {job.seconds or 0:.1f}초 걸렸습니다."
    )


async def audience_chosen(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    parts = (query.data or "").split(":")
    settings = get_state(context).settings
    chat = update.effective_chat
    if query.from_user.id not in settings.admin_telegram_users() or (
        chat is None or chat.type != ChatType.PRIVATE
    ):
        await query.answer("문서를 올릴 권한이 없습니다.", show_alert=True)
        return
    pending = _pending(context)
    upload = pending.get(parts[1]) if len(parts) == 3 else None
    if upload is None or upload.user_id != query.from_user.id:
        await query.answer("시간이 지난 요청입니다. 파일을 다시 보내 주세요.", show_alert=True)
        return
    del pending[parts[1]]
    await query.answer()
    message = query.message
    assert isinstance(message, Message)
    if parts[2] == CANCEL:
        await _edit(message, f"<b>{escape(upload.file_name)}</b> 올리기를 취소했습니다.")
        return
    audience = "internal" if parts[2] == INTERNAL else "public"
    await _ingest(context, message, upload, audience)


async def _ingest(context: Context, message: Message, upload: PendingUpload, audience: str) -> None:
    name = escape(upload.file_name)
    scope = "내부 (직원만)" if audience == "internal" else "공개"
    await _edit(message, f"<b>{name}</b> ({scope}) 파일을 내려받고 있습니다…")
    try:
        tg_file = await context.bot.get_file(upload.file_id)
        data = bytes(await tg_file.download_as_bytearray())
    except TelegramError as exc:
        logger.warning("업로드 파일을 받지 못했습니다: %s", type(exc).__name__)
        await _edit(message, f"<b>{name}</b> 파일을 내려받지 못했습니다. 다시 보내 주세요.")
        return
    library = DocumentLibrary.shared(get_state(context).settings, context.bot_data.get("service"))
    try:
        job = await asyncio.to_thread(library.upload, data, upload.file_name, audience=audience)
    except SosaError as exc:
        await _edit(message, f"<b>{name}</b>: {escape(exc.message)}")
        return
    seen = ""
    while not job.finished:
        if job.progress != seen:
            seen = job.progress
            with contextlib.suppress(TelegramError):  # progress is a courtesy
                await _edit(message, f"<b>{name}</b> ({scope}): {escape(seen)}")
        job = await asyncio.to_thread(library.wait, job.id, 30.0, seen)
    if job.status == "failed":
        await _edit(
            message,
            f"<b>{name}</b> 문서를 올리지 못했습니다.\n{escape(job.error or '')}\n"
            "기존 문서와 답변은 그대로입니다.",
        )
        return
    await _edit(message, _summary_text(upload.file_name, job))
