"""Document-kind profiles: what each kind of document looks like and which facts it holds.

One folder per kind (`evaluation_report/`, `business_plan/`, `prose/`) supplies its heading
rules, its structure hook and its fact extractor; this registry maps `DocumentInfo.kind` to
its profile, and every kind without one is read as prose. The generic path (ingest.structure,
`extract_all`) knows no kind. Shared pieces: base (Profile, Rule), records (the `facts`
table), text (figure and label helpers), phones (public numbers in any document).
"""

from __future__ import annotations

import json
import logging
import sqlite3

from ingest.blocks import Block
from ingest.profiles import business_plan, evaluation_report, prose
from ingest.profiles.base import Profile
from ingest.profiles.phones import public_numbers
from ingest.profiles.records import FACT_SCHEMA, FactRecord, write_facts
from sosa.models import DocumentInfo

logger = logging.getLogger(__name__)

__all__ = ["FACT_SCHEMA", "extract_all", "extract_document", "profile_for"]

PROFILES: dict[str, Profile] = {
    p.kind: p for p in (evaluation_report.PROFILE, business_plan.PROFILE, prose.PROFILE)
}


def profile_for(kind: str) -> Profile:
    """The profile of a document kind; press releases, news and unknown kinds read as prose."""
    return PROFILES.get(kind, prose.PROFILE)


def _meta(conn: sqlite3.Connection, document: str) -> dict:
    """The documents.toml entry stored by the pipeline (performance_year lives only there)."""
    try:
        row = conn.execute(
            "SELECT meta_json FROM documents WHERE document=?", (document,)
        ).fetchone()
    except sqlite3.OperationalError:
        return {}  # no documents table: facts extracted on their own (tests, tools)
    return json.loads(row[0]) if row and row[0] else {}


def extract_document(
    info: DocumentInfo, blocks: list[Block], sections: list[str], meta: dict | None = None
) -> list[FactRecord]:
    """Every fact of one parsed document, in document order."""
    profile = profile_for(info.kind)
    records = profile.extract(info, blocks, sections, meta or {})
    return records + public_numbers(info, blocks, sections, profile)


def extract_all(
    conn: sqlite3.Connection, docs: list[tuple[DocumentInfo, list[Block], list[str]]]
) -> None:
    """Extract every kind of fact from the parsed documents into `conn`."""
    conn.executescript(FACT_SCHEMA)
    for info, blocks, sections in docs:
        try:
            records = extract_document(info, blocks, sections, _meta(conn, info.document))
        except Exception:  # one odd document must not fail the whole index
            logger.exception("%s: 사실 추출 실패, 이 문서의 사실은 건너뜁니다", info.document)
            continue
        write_facts(conn, records, info)
        counts: dict[str, int] = {}
        for rec in records:
            counts[rec.type] = counts.get(rec.type, 0) + 1
        if counts:
            logger.info("%s: 사실 %s", info.document, counts)
