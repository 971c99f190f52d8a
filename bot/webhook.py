"""Webhook mode: a FastAPI router that feeds Telegram's POSTs into the Application.

Mount it in the API app with `app.include_router(build_webhook_router(settings, application))`;
the router's lifespan initializes and starts the Application with the API app, and stops it on
shutdown. Build the Application with `build_application(settings, None)` to share the service
the API app puts in `app.state.service`. Registering the public URL with Telegram (setWebhook, with the same secret) is a
deployment step, not done here.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from telegram import Update
from telegram.ext import Application

from sosa.errors import ConfigError
from sosa.settings import Settings

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def _lifespan(application: Application) -> Any:
    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        # Runs inside the API app's own lifespan (FastAPI nests router lifespans), so a service
        # the API loads at start-up is there to share: one index in memory, not two.
        if application.bot_data.get("service") is None:
            application.bot_data["service"] = getattr(app.state, "service", None)
        if application.bot_data["service"] is None:
            raise ConfigError("텔레그램 웹훅에 쓸 검색 서비스가 없습니다.")
        await application.initialize()
        if application.post_init:
            await application.post_init(application)
        await application.start()  # consumes update_queue
        try:
            yield
        finally:
            await application.stop()
            await application.shutdown()

    return lifespan


def build_webhook_router(
    settings: Settings, application: Application, path: str = WEBHOOK_PATH
) -> APIRouter:
    secret = (
        settings.telegram_webhook_secret.get_secret_value()
        if settings.telegram_webhook_secret
        else None
    )
    if not secret:
        logger.warning(
            "SOSA_TELEGRAM_WEBHOOK_SECRET 없이 웹훅을 엽니다. 누구나 가짜 업데이트를 보낼 수 있습니다."
        )
    router = APIRouter(lifespan=_lifespan(application))

    @router.post(path, include_in_schema=False)
    async def telegram_webhook(request: Request) -> Response:
        if secret is not None:
            given = request.headers.get(SECRET_HEADER, "")
            # Constant-time comparison: the secret is the only thing authenticating Telegram.
            if not hmac.compare_digest(given.encode(), secret.encode()):
                raise HTTPException(status_code=403, detail="웹훅 비밀값이 올바르지 않습니다.")
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except Exception as exc:
            logger.warning("웹훅 본문을 읽지 못했습니다: %s", type(exc).__name__)
            raise HTTPException(
                status_code=400, detail="업데이트 형식이 올바르지 않습니다."
            ) from None
        if update is None:
            raise HTTPException(status_code=400, detail="업데이트 형식이 올바르지 않습니다.")
        # Queue and return at once: Telegram retries webhooks that answer slowly.
        await application.update_queue.put(update)
        return Response(status_code=200)

    return router
