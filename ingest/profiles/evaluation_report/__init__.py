"""Evaluation report (경영평가 결과): its heading marks, scores with sum checks, evidence.

Report breadcrumb: 2024년 … 경영평가 결과 › 리더십 › 기관장의 리더십 › 기관의 사명과 사회적 역할
"""

from __future__ import annotations

import logging
import re

from ingest.blocks import Block
from ingest.cells import extract_cells
from ingest.profiles.base import Profile, Rule
from ingest.profiles.evaluation_report.evidence import collect, group_key, indicator_key
from ingest.profiles.evaluation_report.scores import (
    measurement_records,
    parse_report,
    score_records,
    validate,
)
from ingest.profiles.records import FactRecord
from ingest.tablerows import TableRow
from sosa.korean.text import nospace
from sosa.models import DocumentInfo, ScoreRow

logger = logging.getLogger(__name__)

RULES = (
    Rule(re.compile(r"^◆\s*(.+)$"), 1),
    Rule(re.compile(r"^\d{1,2}\)\s*(.+)$"), 1),
    Rule(re.compile(r"^□\s*(.+)$"), 2),
    Rule(re.compile(r"^○\s*(.+)$"), 3),
)


def extract(
    info: DocumentInfo, blocks: list[Block], sections: list[str], meta: dict
) -> list[FactRecord]:
    rows: list[TableRow] = []
    extract_cells(info, blocks, sections, rows)
    report = parse_report(blocks, sections, rows)
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


PROFILE = Profile(kind="evaluation_report", rules=RULES, extract=extract)
