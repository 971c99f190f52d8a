"""Scores stated in running prose (press release, news): other agencies' totals and grades.

Each fact keeps the sentence it came from as its citation, and is marked origin="prose" in the
facts table, so answers can say where a number came from.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.blocks import Block
from ingest.profiles.records import Cite, FactRecord
from sosa.korean.text import region_of
from sosa.models import DocumentInfo, Evidence, MeasurementRow, ScoreRow

_NUM = r"\d+(?:\.\d+)?"
_TOTAL_RE = re.compile(rf"([SABCD])\s?등급\s*\(?\s*총점\s*({_NUM})\s*점")
_DOMAIN_RE = re.compile(rf"(경영\s?관리|경영\s?성과)\s*({_NUM})\s*점\s*\(\s*({_NUM})\s*점\s*만점\)")
_GRADE_LIST_RE = re.compile(r"([SABCD])등급을 받은 ((?:[가-힣]{2}(?:,\s*)?)+)\s*사회서비스원")
_YEARS_RE = re.compile(r"(20\d{2})년\s*\(\s*(20\d{2})년\s*실적\s*\)")
_SATISFACTION_RE = re.compile(
    rf"((?:[가-힣]+\s){{0,3}}[가-힣]*만족도)(?:\s*조사\s*결과|는|은)?\s*({_NUM})\s*점"
)
_AVERAGE_RE = re.compile(rf"(전국\s?평균)인?\s*({_NUM})\s*점")
_VERBISH = re.compile(r"(?:한|된|인|로|을|를|은|는|의|에서|에|고|며)$")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[다음함임])\.\s+|(?<=[.!?])\s+(?=[가-힣‘'\"“])", text)
    return [p.strip() for p in parts if p.strip()]


def _label(text: str) -> str:
    words = text.split()
    while len(words) > 1 and _VERBISH.search(words[0]):
        words = words[1:]
    return " ".join(words)


def prose_records(info: DocumentInfo, blocks: list[Block], sections: list[str]) -> list[FactRecord]:
    out: list[FactRecord] = []
    years: tuple[int | None, int | None] = (info.year, None)
    agency = info.agency or ""
    for i, b in enumerate(blocks):
        if b.kind != "line" or not re.search(r"[가-힣]", b.text):
            continue
        for sentence in _sentences(b.text):
            m = _YEARS_RE.search(sentence)
            if m:
                years = (int(m.group(1)), int(m.group(2)))
            cite = Cite(sentence, b.page, sections[i])
            # The sentence rides along as the row's evidence: the API shows where it came from.
            base: dict[str, Any] = {
                "year": years[0],
                "performance_year": years[1],
                "document": info.document,
                "page": b.page,
                "section": sections[i],
                "evidence": [Evidence(quote=sentence, page=b.page, section=sections[i])],
            }
            rows: list[tuple[ScoreRow | MeasurementRow, str, str]] = []
            for m in _TOTAL_RE.finditer(sentence):
                row = ScoreRow(
                    agency=agency, level="total", points=m.group(2), grade=m.group(1), **base
                )
                rows.append((row, "score", f"{agency} 총점 등급"))
            for m in _DOMAIN_RE.finditer(sentence):
                domain = re.sub(r"\s+", "", m.group(1))
                row = ScoreRow(
                    agency=agency,
                    level="domain",
                    domain=domain,
                    max_points=m.group(3),
                    points=m.group(2),
                    **base,
                )
                rows.append((row, "score", f"{agency} {domain} 분야"))
            for m in _GRADE_LIST_RE.finditer(sentence):
                for region in re.split(r",\s*", m.group(2)):
                    if region_of(region):
                        name = f"{region} 사회서비스원"
                        row = ScoreRow(agency=name, level="total", grade=m.group(1), **base)
                        rows.append((row, "score", f"{name} 등급"))
            for m in [*_SATISFACTION_RE.finditer(sentence), *_AVERAGE_RE.finditer(sentence)]:
                label = _label(m.group(1))
                measured = MeasurementRow(
                    indicator=label,
                    field="점수",
                    value=f"{m.group(2)}점",
                    document=info.document,
                    page=b.page,
                    section=sections[i],
                )
                rows.append((measured, "measurement", f"{agency} {label} 만족도"))
            for fact_row, kind, search in rows:
                who = fact_row.agency if isinstance(fact_row, ScoreRow) else agency
                out.append(
                    FactRecord(kind, fact_row, [cite], search=search, origin="prose", agency=who)
                )
    return out
