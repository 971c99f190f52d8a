"""Fixtures for the bot tests: the stand-in Bot API server, settings, a running bot.

`service` and `settings_factory` (the real, loaded RetrievalService over the ingested corpus)
come from tests/conftest.py; the transport tests here use `fake_service` instead, which speaks
the same contract with canned answers and never touches an index.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

# The stub lives in tests/support; make the project root importable whatever pytest's rootdir
# handling (`pytest` vs `python -m pytest`).
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from bot.app import ALLOWED_UPDATES, build_application  # noqa: E402
from sosa.settings import Settings  # noqa: E402
from tests.bot.fakes import STAFF_ID, TOKEN, FakeService  # noqa: E402
from tests.support.telegram_stub import TelegramStub  # noqa: E402


@pytest.fixture
def fake_service() -> FakeService:
    return FakeService()


@pytest.fixture
def stub() -> Iterator[TelegramStub]:
    with TelegramStub(valid_token=TOKEN) as server:
        yield server


@pytest.fixture
def bot_settings(stub: TelegramStub, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a bot talking to `stub`; keyword arguments override fields."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "telegram_token": TOKEN,
            "telegram_api_url": stub.base_url,
            "telegram_allowed_users": str(STAFF_ID),
            "telegram_public": True,
            "telegram_rate_limit_per_minute": 100,
            "telegram_webhook_secret": None,
        }
        values.update(overrides)
        return Settings(**values)

    return make


@asynccontextmanager
async def running_bot(settings: Settings, service: Any) -> AsyncIterator[Any]:
    """The real Application, polling the stub, the way run_polling drives it (minus signals)."""
    application = build_application(settings, service)
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        timeout=timedelta(seconds=1), allowed_updates=ALLOWED_UPDATES
    )
    try:
        yield application
    finally:
        # Bounded: a hang in shutdown must fail the test, not stall the suite.
        async def stop() -> None:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()

        await asyncio.wait_for(stop(), timeout=15)


@pytest.fixture
def run_bot() -> Callable[[Settings, Any], Any]:
    return running_bot
