"""Structured facts extracted at ingest: scores, measurements, targets, budgets, contacts.

Modules: scores (evaluation tables + sum checks), evidence (commentary per indicator), plan
(targets, budgets, contacts of the business plan), prose (scores stated in press/news text),
store (the `facts` table). retrieval.facts reads the table back.
"""

from __future__ import annotations

import json
import logging
import sqlite3

from ingest.blocks import Block
from ingest.facts.evidence import collect, group_key, indicator_key
from ingest.facts.plan import plan_records, public_numbers
from ingest.facts.prose import prose_records
from ingest.facts.scores import measurement_records, parse_report, score_records, validate
from ingest.facts.store import FACT_SCHEMA, FactRecord, write_facts
from sosa.korean.text import nospace
from sosa.models import DocumentInfo, ScoreRow

logger = logging.getLogger(__name__)

__all__ = ["FACT_SCHEMA", "extract_all", "extract_document"]


def _meta(conn: sqlite3.Connection, document: str) -> dict:
    """The documents.toml entry stored by the pipeline (performance_year lives only there)."""
    try:
        row = conn.execute(
            "SELECT meta_json FROM documents WHERE document=?", (document,)
        ).fetchone()
    except sqlite3.OperationalError:
        return {}  # no documents table: facts extracted on their own (tests, tools)
    return json.loads(row[0]) if row and row[0] else {}


def _evaluation(
    info: DocumentInfo, blocks: list[Block], sections: list[str], meta: dict
) -> list[FactRecord]:
    report = parse_report(blocks, sections)
    if not report.areas and report.summary is None:
        return measurement_records(info, report)
    problems = validate(report)
    if problems:
        logger.warning("%s: 점수표 검증 실패 %d건", info.document, len(problems))
    perf = meta.get("performance_year")
    records = score_records(info, report, int(perf) if perf else None)
    evidence = collect(blocks, sections, report)
    for rec in records:
        row = rec.row
        if not isinstance(row, ScoreRow):
            continue
        if row.level == "indicator":
            row.evidence = evidence.get(indicator_key(row.area or "", row.description or ""), [])
            title = evidence.get(group_key(row.area or "", row.indicator or ""))
            if title:
                rec.extra["group_title"] = title[0].quote
                rec.search = f"{rec.search} {title[0].quote}"
        elif row.level == "area":
            row.evidence = evidence.get(("area", nospace(row.area or "")), [])
        elif row.level == "domain":
            row.evidence = evidence.get(("domain", row.domain or ""), [])
        else:
            row.evidence = evidence.get(("total",), [])
    indicators = [
        r.row for r in records if isinstance(r.row, ScoreRow) and r.row.level == "indicator"
    ]
    covered = sum(1 for row in indicators if row.evidence)
    logger.info("%s: 지표 %d개, 근거 연결 %d개", info.document, len(indicators), covered)
    return records + measurement_records(info, report)


def extract_document(
    info: DocumentInfo, blocks: list[Block], sections: list[str], meta: dict | None = None
) -> list[FactRecord]:
    """Every fact of one parsed document, in document order."""
    meta = meta or {}
    if info.kind == "evaluation_report":
        records = _evaluation(info, blocks, sections, meta)
    elif info.kind == "business_plan":
        records = plan_records(info, blocks, sections)
    else:  # press releases, news, anything else: scores stated in sentences, if any
        records = prose_records(info, blocks, sections)
    return records + public_numbers(info, blocks, sections)


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
        write_facts(conn, records, info.title, info.audience)
        counts: dict[str, int] = {}
        for rec in records:
            counts[rec.type] = counts.get(rec.type, 0) + 1
        if counts:
            logger.info("%s: 사실 %s", info.document, counts)
