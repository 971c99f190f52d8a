"""Build and run the python-telegram-bot Application (long polling, or webhook via bot.webhook)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from telegram import Bot, BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import handlers, uploads
from bot.state import BotState
from sosa.errors import ConfigError, SosaError
from sosa.logs import RedactSecrets, scrub
from sosa.settings import Settings

if TYPE_CHECKING:
    from retrieval.service import RetrievalService

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_URL = "https://api.telegram.org/file/bot"

# Updates handled concurrently: one slow reply (network) must not hold up other users.
CONCURRENT_UPDATES = 8
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]

COMMANDS = [
    BotCommand("start", "소개와 예시 질문"),
    BotCommand("help", "사용법"),
    BotCommand("new", "새 대화 시작"),
    BotCommand("ask", "질문하기"),
    BotCommand("score", "경영평가 점수와 등급"),
    BotCommand("target", "사업 목표 찾기"),
    BotCommand("budget", "사업 예산 찾기"),
]

_TOKEN_MISSING = "텔레그램 봇 토큰이 없습니다. SOSA_TELEGRAM_TOKEN 환경 변수에 BotFather가 준 토큰을 넣어 주세요."
_TOKEN_REJECTED = "텔레그램이 봇 토큰을 거부했습니다. SOSA_TELEGRAM_TOKEN 값을 확인해 주세요."


def _token(settings: Settings) -> str:
    token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
    if not token:
        raise ConfigError(_TOKEN_MISSING)
    return token


def file_url_for(api_url: str) -> str:
    """Derive the file URL from the API URL the way Telegram lays them out (…/bot → …/file/bot)."""
    base = api_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    return base


async def _post_init(application: Application) -> None:
    # The command menu is a convenience; a failure here must not stop the bot.
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as exc:
        logger.warning(
            "명령어 메뉴를 등록하지 못했습니다: %s", scrub(str(exc), [application.bot.token])
        )


def build_application(settings: Settings, service: RetrievalService | None) -> Application:
    """An Application wired to the shared service; not yet initialized or started.

    `service` may be None only in webhook mode, where the router takes the API app's service.
    """
    api_url = settings.telegram_api_url or DEFAULT_API_URL
    application = (
        ApplicationBuilder()
        .token(_token(settings))
        .base_url(api_url)
        .base_file_url(file_url_for(api_url) if settings.telegram_api_url else DEFAULT_FILE_URL)
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(_post_init)
        .build()
    )
    application.bot_data["service"] = service
    application.bot_data["state"] = BotState.from_settings(settings)

    only_new = filters.UpdateType.MESSAGE  # edited messages would be answered twice
    # Admins' files (private chat) become documents; everyone else's fall through to the refusal.
    application.add_handler(
        MessageHandler(uploads.admin_documents(settings), uploads.document_received)
    )
    application.add_handler(
        CallbackQueryHandler(uploads.audience_chosen, pattern=uploads.CALLBACK_PATTERN)
    )
    application.add_handler(CommandHandler("start", handlers.start, filters=only_new))
    application.add_handler(CommandHandler("help", handlers.help_command, filters=only_new))
    application.add_handler(CommandHandler("new", handlers.new_command, filters=only_new))
    application.add_handler(CommandHandler("ask", handlers.ask_command, filters=only_new))
    application.add_handler(CommandHandler("score", handlers.score_command, filters=only_new))
    application.add_handler(CommandHandler("target", handlers.target_command, filters=only_new))
    application.add_handler(CommandHandler("budget", handlers.budget_command, filters=only_new))
    application.add_handler(MessageHandler(only_new & filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(only_new & filters.TEXT, handlers.text_message))
    # Stickers, photos, files, voice, locations …: everything but text, except service
    # messages (members joining a group) which deserve no reply.
    application.add_handler(
        MessageHandler(
            only_new & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.unsupported_message
        )
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_error_handler(handlers.on_error)
    return application


def _guard_logs(token: str) -> None:
    for handler in logging.getLogger().handlers:
        # Handlers set up outside configure_logging (tests, embedding apps) get the same guard.
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets([token]))


async def _check_token(settings: Settings, token: str) -> None:
    """Ask Telegram who the bot is (getMe, as PTB's start-up does): a rejected token fails
    here, before the index and models are loaded for nothing."""
    api_url = settings.telegram_api_url or DEFAULT_API_URL
    async with Bot(token, base_url=api_url):
        pass


def run_polling(settings: Settings) -> None:
    """`sosa bot`: check the token, load the service once, then long-poll until SIGINT/SIGTERM.

    Logging is configured by the CLI (sosa.logs.configure_logging) before this runs.
    """
    token = _token(settings)  # fail before the slow index load
    _guard_logs(token)
    try:
        asyncio.run(_check_token(settings, token))
        from retrieval.service import RetrievalService

        service = RetrievalService.load(settings)
        application = build_application(settings, service)
        logger.info("텔레그램 봇을 시작합니다 (long polling).")
        application.run_polling(drop_pending_updates=False, allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise ConfigError(_TOKEN_REJECTED) from None
    except TelegramError as exc:
        # Start-up failures (server unreachable …) end the command with one Korean line;
        # the message is scrubbed because exception texts can carry the token.
        raise SosaError(
            f"텔레그램 서버에 연결하지 못했습니다: {scrub(str(exc), [token])}"
        ) from None
    logger.info("텔레그램 봇을 멈췄습니다.")
