"""The chunk store (SQLite) of one index directory, and finding the current index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ingest.cells import CELLS_SCHEMA
from sosa.errors import IndexNotFound
from sosa.models import Chunk, DocumentInfo
from sosa.settings import Settings

DB_NAME = "sosa.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    document TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, audience TEXT NOT NULL,
    agency TEXT, year INTEGER, pages INTEGER, sha256 TEXT NOT NULL, meta_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, document TEXT NOT NULL, title TEXT NOT NULL,
    section TEXT NOT NULL, page INTEGER, ordinal INTEGER NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, audience TEXT NOT NULL, year INTEGER
);
CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document);
"""
SCHEMA += CELLS_SCHEMA  # every table cell as a fact (ingest/cells.py)


def current_index_dir(settings: Settings) -> Path:
    link = settings.index_link
    if not link.exists():
        raise IndexNotFound()
    return link.resolve()


class ChunkStore:
    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        if not readonly:
            self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    # -- writing (ingest only) --
    def set_meta(self, key: str, value: object) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    def add_document(self, info: DocumentInfo, sha256: str, meta: dict) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
            (
                info.document,
                info.title,
                info.kind,
                info.audience,
                info.agency,
                info.year,
                info.pages,
                sha256,
                json.dumps(meta, ensure_ascii=False, default=str),
            ),
        )

    def add_chunks(self, chunks: list[Chunk]) -> None:
        self.conn.executemany(
            "INSERT INTO chunks (id, document, title, section, page, ordinal, kind, text, audience,"
            " year) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.document,
                    c.title,
                    c.section,
                    c.page,
                    c.ordinal,
                    c.kind,
                    c.text,
                    c.audience,
                    c.year,
                )
                for c in chunks
            ],
        )

    def commit(self) -> None:
        self.conn.commit()

    # -- reading --
    def meta(self, key: str, default: object = None) -> object:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def documents(self) -> list[DocumentInfo]:
        rows = self.conn.execute(
            "SELECT d.*, (SELECT COUNT(*) FROM chunks c WHERE c.document=d.document) AS n "
            "FROM documents d ORDER BY d.document"
        ).fetchall()
        return [
            DocumentInfo(
                document=r["document"],
                title=r["title"],
                kind=r["kind"],
                audience=r["audience"],
                agency=r["agency"],
                year=r["year"],
                pages=r["pages"],
                chunks=r["n"],
            )
            for r in rows
        ]

    def document_meta(self) -> dict[str, dict]:
        return {
            r["document"]: json.loads(r["meta_json"])
            for r in self.conn.execute("SELECT document, meta_json FROM documents")
        }

    @staticmethod
    def _chunk(r: sqlite3.Row) -> Chunk:
        return Chunk(
            id=r["id"],
            document=r["document"],
            title=r["title"],
            section=r["section"],
            page=r["page"],
            ordinal=r["ordinal"],
            kind=r["kind"],
            text=r["text"],
            audience=r["audience"],
            # sqlite3.Row: `in` tests values, .keys() the columns; an index built before years.
            year=r["year"] if "year" in r.keys() else None,  # noqa: SIM118
        )

    def iter_chunks(self, document: str | None = None) -> Iterator[Chunk]:
        if document:
            cur = self.conn.execute(
                "SELECT * FROM chunks WHERE document=? ORDER BY rowid", (document,)
            )
        else:
            cur = self.conn.execute("SELECT * FROM chunks ORDER BY rowid")
        for r in cur:
            yield self._chunk(r)

    def all_chunks(self) -> list[Chunk]:
        return list(self.iter_chunks())

    def get(self, chunk_id: str) -> Chunk | None:
        r = self.conn.execute("SELECT * FROM chunks WHERE id=?", (chunk_id,)).fetchone()
        return self._chunk(r) if r else None


def open_current_store(settings: Settings) -> ChunkStore:
    return ChunkStore(current_index_dir(settings) / DB_NAME, readonly=True)
