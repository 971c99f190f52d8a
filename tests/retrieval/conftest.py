"""Fixtures of the retrieval tests: facts of two evaluation years side by side."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ingest.metadata import document_info, read_manifest
from ingest.pdf import load_pdf
from ingest.profiles import extract_all
from ingest.store import ChunkStore
from ingest.structure import assign_sections
from ingest.text import load_text
from tests.conftest import CORPUS

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
