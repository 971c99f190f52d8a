"""Shared fixtures for the facts tests: the real corpus parsed once, its facts in a fresh DB.

Parsing the business plan takes ~16 s, so parses are cached in pytest's cache directory,
keyed by each file's sha256 and the parser version. No test functions live here.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

import pytest

from ingest.blocks import Block
from ingest.metadata import document_info, read_manifest
from ingest.pdf import load_pdf
from ingest.pipeline import PARSER_VERSION
from ingest.profiles import extract_all
from ingest.store import ChunkStore
from ingest.structure import assign_sections
from ingest.text import load_text
from sosa.models import DocumentInfo
from tests.conftest import CORPUS

Doc = tuple[DocumentInfo, list[Block], list[str]]


def _blocks(path: Path, cache: Path) -> tuple[list[Block], int | None]:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    cached = cache / f"{sha}-{PARSER_VERSION}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    parsed = load_pdf(path) if path.suffix == ".pdf" else (load_text(path), None)
    cached.write_bytes(pickle.dumps(parsed))
    return parsed


@pytest.fixture(scope="session")
def corpus_docs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Doc, dict]]:
    """name -> ((info, blocks, sections), documents.toml entry) for every corpus file."""
    config_cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    cache = (
        Path(config_cache.mkdir("sosa-facts-parse"))
        if config_cache
        else tmp_path_factory.mktemp("parse")
    )
    manifest = read_manifest(CORPUS)
    out: dict[str, tuple[Doc, dict]] = {}
    for name, entry in sorted(manifest.items()):
        blocks, pages = _blocks(CORPUS / name, cache)
        info = document_info(name, entry)
        info.pages = pages
        out[name] = ((info, blocks, assign_sections(blocks, info.title, info.kind)), entry)
    return out


@pytest.fixture(scope="session")
def facts_db(
    corpus_docs: dict[str, tuple[Doc, dict]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A sosa.sqlite holding the documents table and every extracted fact, as ingest writes it."""
    path = tmp_path_factory.mktemp("facts") / "sosa.sqlite"
    store = ChunkStore(path)
    for (info, _blocks, _sections), entry in corpus_docs.values():
        store.add_document(info, "sha", entry)
    extract_all(store.conn, [doc for doc, _entry in corpus_docs.values()])
    store.commit()
    store.close()
    return path


@pytest.fixture(scope="session")
def facts_conn(facts_db: Path) -> sqlite3.Connection:
    """Read-only, with sqlite3.Row rows, as the retrieval service opens the index."""
    return ChunkStore(facts_db, readonly=True).conn
