"""Composition root of the server: the API app with the bot's webhook beside it, under uvicorn.

`api` and `bot` never import each other; this module (and the CLI) put them together.
"""

from __future__ import annotations

import ipaddress
import logging

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from retrieval.service import RetrievalService
from sosa.errors import ConfigError, UnsafeBind
from sosa.settings import Settings

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 (also IPv4-mapped) and the name localhost; "" or 0.0.0.0 are not."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        addr = ipaddress.ip_address(name)
    except ValueError:
        return False  # any other name could resolve anywhere
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_loopback


def check_bind(settings: Settings, host: str) -> None:
    """Without API keys the service is for this machine only."""
    try:
        has_keys = bool(settings.parsed_api_keys())
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if not has_keys and not is_loopback(host):
        raise UnsafeBind()


def build_app(settings: Settings, service: RetrievalService | None = None) -> FastAPI:
    """The API app; in webhook mode (token and secret set) the bot's route is mounted beside
    it and shares the app's service (one index in memory)."""
    app = create_app(settings, service)
    if settings.telegram_token is not None and settings.telegram_webhook_secret is not None:
        from bot.app import build_application
        from bot.webhook import build_webhook_router

        app.include_router(build_webhook_router(settings, build_application(settings, None)))
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    check_bind(settings, host)
    # Load before binding: a missing index fails here as a clean CLI error, not a traceback.
    service = RetrievalService.load(settings)
    app = build_app(settings, service)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # keep the root logging (with secret redaction) set up by the CLI
        server_header=False,
        # X-Forwarded-For is believed only from these proxies (the per-client rate limit).
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=5,
    )
    logger.info("serving on http://%s:%d (위젯: /widget.js, 문서: /docs)", host, port)
    uvicorn.Server(config).run()
