"""Fixtures of the retrieval tests: facts of two evaluation years, and of two plan years, side by
side."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest.metadata import document_info, read_manifest
from ingest.pdf import load_pdf
from ingest.profiles import extract_all
from ingest.store import ChunkStore
from ingest.structure import assign_sections
from ingest.text import load_text
from sosa.settings import Settings
from tests.conftest import CORPUS, ingest_sharing_cache, parsed_pdf, use_persistent_cache

SECOND_YEAR = Path(__file__).resolve().parents[1] / "data" / "second-year"


@pytest.fixture(scope="session")
def two_years_conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The 2024 report, press release and news of corpus/ with the made-up 2025 report, as
    ingest writes their facts (read-only, as the service opens the index)."""
    files = [
        (CORPUS, "jb-2024-management-evaluation.pdf"),
        (CORPUS, "mohw-2024-performance-conference-press.txt"),
        (CORPUS, "daejeon-2024-evaluation-news.txt"),
        (SECOND_YEAR, "jb-2025-management-evaluation.pdf"),
    ]
    path = tmp_path_factory.mktemp("two-years") / "sosa.sqlite"
    store = ChunkStore(path)
    docs = []
    for folder, name in files:
        entry = read_manifest(folder)[name]
        info = document_info(name, entry)
        blocks = load_pdf(folder / name)[0] if name.endswith(".pdf") else load_text(folder / name)
        store.add_document(info, "sha", entry)
        docs.append((info, blocks, assign_sections(blocks, info.title, info.kind)))
    extract_all(store.conn, docs)
    store.commit()
    store.close()
    return ChunkStore(path, readonly=True).conn


PLANS = ("jb-2023-annual-business-plan.pdf", "jb-2024-annual-business-plan.pdf")


@pytest.fixture(scope="session")
def two_plans_conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The corpus's 2023 plan with the made-up 2024 plan, indexed by the real ingest (parses and
    embeddings from the suite's persistent cache), opened read-only as the service opens it."""
    root = tmp_path_factory.mktemp("two-plans")
    corpus, data = root / "corpus", root / "data"
    corpus.mkdir()
    manifest = ""
    for folder, name in zip((CORPUS, SECOND_YEAR), PLANS, strict=True):
        shutil.copyfile(folder / name, corpus / name)
        # The file's own documents.toml table, copied as written.
        text = (folder / "documents.toml").read_text(encoding="utf-8")
        manifest += _manifest_table(text, name) + "\n"
    (corpus / "documents.toml").write_text(manifest, encoding="utf-8")
    use_persistent_cache(data)
    settings = Settings(data_dir=data, corpus_dir=corpus)
    report = ingest_sharing_cache([corpus], settings)
    assert not report.failures and report.documents == 2, report.failures
    return ChunkStore(settings.index_link / "sosa.sqlite", readonly=True).conn


def _manifest_table(text: str, name: str) -> str:
    start = text.index(f'["{name}"]')
    end = text.find("\n[", start)
    return text[start : end if end >= 0 else len(text)].strip() + "\n"


REAL_DOCS = Path(__file__).resolve().parents[1] / "data" / "real-docs"


def real_table_index(names: list[str]):  # type: ignore[no-untyped-def]
    """The table cells of a few real documents (tests/data/real-docs), as a TableIndex."""
    from ingest.cells import Cell, extract_cells
    from ingest.loaders import load
    from retrieval.tables import TableIndex

    cells: list[Cell] = []
    titles = {}
    for name in names:
        path = REAL_DOCS / name
        # (a PDF's parse is shared with the other tests reading it: a scan's OCR is slow)
        blocks = parsed_pdf(path).blocks if path.suffix == ".pdf" else load(path)[0]
        info = document_info(name, None)
        titles[name] = info.title
        cells += extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind))
    return TableIndex(cells, titles)


def everyone(_cell: object) -> bool:
    """A viewer allowed every cell."""
    return True
