"""Structured facts extracted at ingest: scores, measurements, targets, budgets, contacts."""

from __future__ import annotations

import sqlite3

from ingest.blocks import Block
from sosa.models import DocumentInfo

FACT_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, type TEXT NOT NULL, document TEXT NOT NULL, page INTEGER,
    section TEXT NOT NULL, audience TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_type ON facts(type);
"""


def extract_all(
    conn: sqlite3.Connection, docs: list[tuple[DocumentInfo, list[Block], list[str]]]
) -> None:
    """Extract every kind of fact from the parsed documents into `conn`."""
    conn.executescript(FACT_SCHEMA)
