"""The `facts` table: one row per extracted fact, the pydantic row as JSON plus what lookup needs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from pydantic import BaseModel

# Bump when fact extraction changes: an index built by an older extractor is rebuilt on the
# next ingest even when no document changed.
FACTS_VERSION = "2"

FACT_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, type TEXT NOT NULL, document TEXT NOT NULL, page INTEGER,
    section TEXT NOT NULL, audience TEXT NOT NULL, data TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'table', agency TEXT, title TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL DEFAULT '', cites TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}', ordinal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS facts_type ON facts(type);
"""

TYPES = ("score", "measurement", "target", "budget", "contact")


@dataclass
class Cite:
    """Where a fact is printed: the row or line as printed, its page and breadcrumb."""

    quote: str
    page: int | None
    section: str


@dataclass
class FactRecord:
    type: str  # one of TYPES
    row: BaseModel  # ScoreRow | MeasurementRow | TargetRow | BudgetRow | ContactRow
    cites: list[Cite]
    search: str = ""  # the text queries are matched against
    origin: str = "table"  # table | line | prose
    agency: str | None = None
    extra: dict = field(default_factory=dict)


def write_facts(
    conn: sqlite3.Connection, records: list[FactRecord], title: str, audience: str
) -> None:
    rows = []
    for n, rec in enumerate(records):
        data = rec.row.model_dump(mode="json")
        row_audience = data.get("audience") or audience
        if audience == "internal":
            row_audience = "internal"  # an internal document never yields public facts
        if "audience" in data:
            data["audience"] = row_audience
        rows.append(
            (
                rec.type,
                data["document"],
                data.get("page"),
                data.get("section") or "",
                row_audience,
                json.dumps(data, ensure_ascii=False),
                rec.origin,
                rec.agency,
                title,
                rec.search,
                json.dumps([c.__dict__ for c in rec.cites], ensure_ascii=False),
                json.dumps(rec.extra, ensure_ascii=False),
                n,
            )
        )
    conn.executemany(
        "INSERT INTO facts (type, document, page, section, audience, data, origin, agency, title,"
        " search, cites, extra, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
