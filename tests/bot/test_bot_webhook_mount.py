"""`sosa serve` mounts the bot's webhook route only when a token and a webhook secret are set."""

from __future__ import annotations

import httpx

from bot.webhook import SECRET_HEADER, WEBHOOK_PATH
from sosa.serve import build_app
from tests.bot.constants import TOKEN


async def _post(app, secret: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await client.post(
            WEBHOOK_PATH, json={"update_id": 1}, headers={SECRET_HEADER: secret}
        )


async def test_no_webhook_route_without_its_secret(settings_factory, service) -> None:
    app = build_app(
        settings_factory(telegram_token=TOKEN, rate_limit_per_minute=0), service=service
    )
    r = await _post(app, "anything")
    assert r.status_code == 404 and r.json()["error"]["message"]


async def test_webhook_route_refuses_a_wrong_secret(settings_factory, service) -> None:
    settings = settings_factory(
        telegram_token=TOKEN,
        telegram_webhook_secret="webhook-secret-0123456789",
        telegram_api_url="http://127.0.0.1:9/bot",
        rate_limit_per_minute=0,
    )
    r = await _post(build_app(settings, service=service), "nope")
    assert r.status_code == 403
    assert r.json()["error"]["message"]
