"""Fixtures for the bot tests: the stand-in Bot API server, settings, a running bot, and a
second real service over a tiny corpus with an internal document.

`service` and `settings_factory` (the real RetrievalService loaded over the ingested corpus)
come from tests/conftest.py. That corpus is all public, so audience checks use `mixed_service`:
the same real ingest and service over two small texts, one marked `audience = "internal"`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import ALLOWED_UPDATES, build_application
from ingest.pipeline import run_ingest
from retrieval.service import RetrievalService
from sosa.settings import Settings
from tests.bot.constants import STAFF_ID, TOKEN
from tests.conftest import use_persistent_cache, write_mixed_corpus
from tests.support.telegram_stub import TelegramStub

# The tiny corpus: markup characters in a title and a passage, so replies must escape them.
MEMO_TITLE = "<내부> 회의 & 메모"
MEMO_TEXT = "직원 회식 예산은 1인당 30,000원입니다.\n<목표> & 실적: 회식 참석률 90% 이상.\n"


@pytest.fixture(scope="session")
def mixed_service(tmp_path_factory: pytest.TempPathFactory) -> RetrievalService:
    """A real RetrievalService over memo.txt (internal) and notice.txt (public)."""
    root = tmp_path_factory.mktemp("mixed-corpus")
    folder = write_mixed_corpus(root / "docs", MEMO_TITLE, MEMO_TEXT)
    data = root / "data"
    use_persistent_cache(data)
    settings = Settings(data_dir=data)
    report = run_ingest([folder], settings, progress=False)
    assert not report.failures and report.documents == 2, report.summary()
    return RetrievalService.load(settings)


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
async def running_bot(settings: Settings, service: RetrievalService) -> AsyncIterator[Any]:
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
def run_bot() -> Callable[[Settings, RetrievalService], Any]:
    return running_bot


@pytest.fixture
def upload_env(tmp_path: Path) -> tuple[Settings, RetrievalService]:
    """A fresh small corpus and data dir (indexed, service loaded) for admin uploads."""
    folder = write_mixed_corpus(tmp_path / "corpus", MEMO_TITLE, MEMO_TEXT)
    data = tmp_path / "upload-data"
    use_persistent_cache(data)
    settings = Settings(data_dir=data, corpus_dir=folder)
    report = run_ingest([folder], settings, progress=False)
    assert not report.failures and report.documents == 2, report.summary()
    return settings, RetrievalService.load(settings)
