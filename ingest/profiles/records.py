"""The `facts` table: one row per extracted fact, the pydantic row as JSON plus what lookup needs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from pydantic import BaseModel

from sosa.models import DocumentInfo

# Bump when fact extraction changes: an index built by an older extractor is rebuilt on the
# next ingest even when no document changed.
FACTS_VERSION = "4"  # 4: a public line's name without the bracket opening its number

# `year` is the document's year (documents.toml, else the document): questions without a year
# are answered from the latest document of a kind, and years are compared on it.
FACT_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, type TEXT NOT NULL, document TEXT NOT NULL, year INTEGER,
    section TEXT NOT NULL, audience TEXT NOT NULL, data TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'table', agency TEXT, title TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL DEFAULT '', cites TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS facts_type ON facts(type);
"""


@dataclass
class Cite:
    """Where a fact is printed: the row or line as printed, its page and breadcrumb."""

    quote: str
    page: int | None
    section: str


@dataclass
class FactRecord:
    type: str  # score | measurement | target | budget | contact
    row: BaseModel  # ScoreRow | MeasurementRow | TargetRow | BudgetRow | ContactRow
    cites: list[Cite]
    search: str = ""  # the text queries are matched against
    origin: str = "table"  # table | line | prose
    agency: str | None = None
    extra: dict = field(default_factory=dict)


def write_facts(conn: sqlite3.Connection, records: list[FactRecord], info: DocumentInfo) -> None:
    rows = []
    for rec in records:
        data = rec.row.model_dump(mode="json")
        row_audience = data.get("audience") or info.audience
        if info.audience == "internal":
            row_audience = "internal"  # an internal document never yields public facts
        if "audience" in data:
            data["audience"] = row_audience
        rows.append(
            (
                rec.type,
                data["document"],
                info.year,
                data.get("section") or "",
                row_audience,
                json.dumps(data, ensure_ascii=False),
                rec.origin,
                rec.agency,
                info.title,
                rec.search,
                json.dumps([c.__dict__ for c in rec.cites], ensure_ascii=False),
                json.dumps(rec.extra, ensure_ascii=False),
            )
        )
    conn.executemany(
        "INSERT INTO facts (type, document, year, section, audience, data, origin, agency, title,"
        " search, cites, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
