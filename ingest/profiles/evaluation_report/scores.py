"""Evaluation report → scores (종합결과 + each area's 평정표) and the smaller measurement tables.

Sums are checked at ingest: indicators add up to their area's 소계 (penalty "△" rows deduct,
bonus "가점" rows count), areas to their domain, domains to the total. A mismatch is logged
with its rows; the printed values are stored either way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ingest.blocks import Block, render_row
from ingest.profiles.records import Cite, FactRecord
from ingest.profiles.text import SEP, squash_spaced
from ingest.tablerows import TableRow
from sosa.korean.text import nospace
from sosa.models import DocumentInfo, MeasurementRow, ScoreRow
from sosa.numbers import to_decimal

logger = logging.getLogger(__name__)

_SUBTOTAL = {"소계", "합계", "계"}


@dataclass
class Indicator:
    area: str
    group: str
    desc: str
    nature: str
    max: str
    points: str
    cite: Cite
    block: int

    @property
    def is_penalty(self) -> bool:
        return self.max.startswith("△")

    @property
    def is_bonus(self) -> bool:
        return "가점" in self.desc or self.max.startswith(("+", "(+"))

    def contribution(self) -> Decimal:
        value = to_decimal(self.points) or Decimal(0)
        return -abs(value) if self.is_penalty else value


@dataclass
class AreaTable:
    name: str
    max: str | None
    subtotal: str | None
    subtotal_cite: Cite | None
    first_block: int
    last_block: int
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Summary:
    grade: str | None
    total: str | None
    domains: list[tuple[str, str | None, str | None]]  # (name, max, points)
    areas: list[tuple[str, str, str | None, str | None]]  # (domain, name, max, points)
    cite: Cite


@dataclass
class Report:
    summary: Summary | None
    areas: list[AreaTable]
    measurements: list[tuple[MeasurementRow, Cite]]


def split_label(text: str) -> tuple[str, str | None]:
    """ "주요 사업 (27) (+0.5)" -> ("주요 사업", "27(+0.5)")."""
    parens = re.findall(r"\(([^()]*)\)", text)
    name = re.sub(r"\s+", " ", text.split("(")[0]).strip()
    if not parens:
        return name, None
    return name, parens[0].strip() + "".join(f"({p.strip()})" for p in parens[1:])


def clean_group(text: str) -> str:
    """Undo the PDF's wrap space before a figure: "1. 기관장의 리더 (9)" -> "1. 기관장의 리더(9)"."""
    return re.sub(r"(?<=[가-힣·])\s+\((?=\d)", "(", text.strip())


def _is_summary(b: Block) -> bool:
    head = {nospace(h) for h in b.header}
    return b.kind == "table" and "총점" in head and "등급" in head


def _is_rating(b: Block) -> bool:
    head = nospace(" ".join(b.header))
    return b.kind == "table" and "배점" in head and "득점" in head


def _parse_summary(row: TableRow) -> Summary:
    """종합결과: 등급, 총점, then each domain's 계 and its areas under "domain › area" headers."""
    grade = total = None
    domains: list[tuple[str, str | None, str | None]] = []
    areas: list[tuple[str, str, str | None, str | None]] = []
    for h, value in row.columns:
        key = nospace(h)
        if key == "등급":
            grade = value
        elif key == "총점":
            total = value
        elif SEP in h:
            top, sub = h.split(SEP, 1)
            domain, dmax = split_label(top)
            if nospace(sub) in _SUBTOTAL:
                domains.append((domain, dmax, value))
            else:
                name, amax = split_label(sub)
                areas.append((domain, name, amax, value))
    return Summary(grade, total, domains, areas, Cite(row.text, row.page, row.section))


def _area_name(section: str, cell: str) -> str:
    parts = section.split(SEP)
    if len(parts) >= 3 and parts[-1] == "평정표":
        return parts[-2]
    return split_label(cell)[0] if cell else "?"


def _parse_rating(sections: list[str], start: int, rows: list[TableRow]) -> AreaTable:
    """The 평정표 whose header is block `start`, with the pages it runs onto (one table)."""
    number = next((row.table for row in rows if row.block == start), None)
    own = [row for row in rows if row.table == number]
    area_cell = ""
    table = AreaTable("", None, None, None, start, max((r.block for r in own), default=start))
    group = ""
    for row in own:
        cite = Cite(row.text, row.page, row.section)
        if any(nospace(c) in _SUBTOTAL for c in row.texts()):
            table.subtotal, table.subtotal_cite = row.get("득점"), cite
            continue
        if row.get("평가영역"):
            area_cell = row.get("평가영역")
        if row.get("평가지표"):
            group = clean_group(row.get("평가지표"))
        desc = re.sub(r"^[-–]\s*", "", row.get("지표설명")).strip()
        points = row.get("득점")
        if not desc or not points:
            continue
        nature = re.sub(r"\s*/\s*", "/", row.get("지표성격"))
        max_points = row.get("배점").replace(" ", "")
        table.indicators.append(
            Indicator("", group, desc, nature, max_points, points, cite, row.block)
        )
    table.name = _area_name(sections[start], area_cell)
    table.max = split_label(area_cell)[1] if area_cell else None
    for ind in table.indicators:
        ind.area = table.name
    return table


def _parse_measurements(b: Block, section: str) -> list[tuple[MeasurementRow, Cite]]:
    """One row per cell of a small table: (row label, column header, value)."""
    out: list[tuple[MeasurementRow, Cite]] = []
    header = [squash_spaced(h.replace("*", "")) for h in b.header]
    if len(header) < 2:
        return out
    for row in b.rows:
        if not row or not row[0]:
            continue
        cite = Cite(render_row(b.header, row), b.page, section)
        for j in range(1, min(len(row), len(header))):
            if row[j]:
                m = MeasurementRow(
                    indicator=row[0],
                    field=header[j],
                    value=row[j],
                    document="",
                    page=b.page,
                    section=section,
                )
                out.append((m, cite))
    return out


def parse_report(blocks: list[Block], sections: list[str], rows: list[TableRow]) -> Report:
    """The report's tables; `rows` are the document's table rows (ingest/cells.py)."""
    summary: Summary | None = None
    areas: list[AreaTable] = []
    measurements: list[tuple[MeasurementRow, Cite]] = []
    skip_until = -1
    for i, b in enumerate(blocks):
        if i <= skip_until or b.kind != "table":
            continue
        if _is_summary(b):
            first = next((row for row in rows if row.block == i), None)
            summary = summary or (_parse_summary(first) if first else None)
        elif _is_rating(b):
            table = _parse_rating(sections, i, rows)
            areas.append(table)
            skip_until = table.last_block
        elif b.header and nospace(b.header[0]) in ("구분", "항목"):
            measurements.extend(_parse_measurements(b, sections[i]))
    return Report(summary, areas, measurements)


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _max_parts(label: str | None) -> tuple[Decimal | None, Decimal]:
    """ "27(+0.5)" -> (27, 0.5); "15" -> (15, 0); None -> (None, 0)."""
    if not label:
        return None, Decimal(0)
    bonus = re.search(r"\(\+([\d.]+)\)", label)
    return to_decimal(label.split("(")[0]), Decimal(bonus.group(1)) if bonus else Decimal(0)


def validate(report: Report) -> list[str]:
    """Check the sums; returns the problems (each also logged as a warning)."""
    problems: list[str] = []

    def fail(message: str, rows: list[str]) -> None:
        problems.append(message)
        logger.warning("%s\n  %s", message, "\n  ".join(rows))

    for area in report.areas:
        rows = [ind.cite.quote for ind in area.indicators]
        got = _sum([ind.contribution() for ind in area.indicators])
        want = to_decimal(area.subtotal)
        if want is not None and got != want:
            fail(f"평정표 합계 불일치: {area.name} 소계 {area.subtotal} ≠ 지표 득점 합 {got}", rows)
        # The maxima too: regular indicators add up to the area's 배점, 가점 rows to its (+x).
        base, bonus = _max_parts(area.max)
        regular = [i for i in area.indicators if not i.is_penalty and not i.is_bonus]
        extra = [i for i in area.indicators if i.is_bonus]
        got_max = _sum([to_decimal(i.max) or Decimal(0) for i in regular])
        got_bonus = _sum([to_decimal(i.max) or Decimal(0) for i in extra])
        if base is not None and (got_max, got_bonus) != (base, bonus):
            fail(
                f"평정표 배점 불일치: {area.name} 배점 {area.max} ≠ 지표 배점 합 {got_max}(+{got_bonus})",
                rows,
            )
    summary = report.summary
    if summary is None:
        return problems
    by_area = {nospace(a.name): a for a in report.areas}
    for _domain, name, _amax, points in summary.areas:
        table = by_area.get(nospace(name))
        if table and table.subtotal and to_decimal(table.subtotal) != to_decimal(points):
            fail(
                f"영역 점수 불일치: {name} 종합결과 {points} ≠ 평정표 소계 {table.subtotal}",
                [summary.cite.quote, table.subtotal_cite.quote if table.subtotal_cite else ""],
            )
    for domain, _dmax, dpoints in summary.domains:
        parts = [p for d, _n, _m, p in summary.areas if d == domain]
        got = _sum([to_decimal(p) or Decimal(0) for p in parts])
        if to_decimal(dpoints) is not None and got != to_decimal(dpoints):
            fail(f"분야 합계 불일치: {domain} {dpoints} ≠ 영역 합 {got}", [summary.cite.quote])
    got = _sum([to_decimal(p) or Decimal(0) for _d, _m, p in summary.domains])
    if to_decimal(summary.total) is not None and got != to_decimal(summary.total):
        fail(f"총점 불일치: {summary.total} ≠ 분야 합 {got}", [summary.cite.quote])
    return problems


def score_records(info: DocumentInfo, report: Report, perf_year: int | None) -> list[FactRecord]:
    """ScoreRows in document order: total, domains, areas, then every indicator."""
    agency = info.agency or info.title
    base: dict[str, Any] = {"agency": agency, "year": info.year, "performance_year": perf_year}
    base["document"] = info.document
    out: list[FactRecord] = []
    s = report.summary
    area_domain: dict[str, str | None] = {}
    if s is not None:
        sec = s.cite.section
        out.append(
            _rec(
                ScoreRow(
                    **base,
                    level="total",
                    points=s.total,
                    grade=s.grade,
                    page=s.cite.page,
                    section=sec,
                ),
                [s.cite],
                "총점 종합 등급",
            )
        )
        for dom_name, dmax, points in s.domains:
            row = ScoreRow(
                **base,
                level="domain",
                domain=dom_name,
                max_points=dmax,
                points=points,
                page=s.cite.page,
                section=sec,
            )
            out.append(_rec(row, [s.cite], f"{dom_name} 분야 계"))
        for area_dom, area_name, _amax, _points in s.areas:
            area_domain[nospace(area_name)] = area_dom
    tables = {nospace(a.name): a for a in report.areas}
    summary_areas: dict[str, tuple[str | None, str | None, str | None, str | None]] = (
        {nospace(n): (d, n, m, p) for d, n, m, p in s.areas} if s else {}
    )
    for key in list(summary_areas) + [k for k in tables if k not in summary_areas]:
        table = tables.get(key)
        domain, name, amax, points = summary_areas.get(key, (None, None, None, None))
        cites = [s.cite] if s is not None and key in summary_areas else []
        if table is not None and table.subtotal_cite is not None:
            cites.append(table.subtotal_cite)
        if not cites:
            continue
        row = ScoreRow(
            **base,
            level="area",
            domain=domain,
            area=table.name if table else name,
            max_points=amax or (table.max if table else None),
            points=points or (table.subtotal if table else None),
            grade=s.grade if s else None,
            page=cites[0].page,
            section=cites[0].section,
        )
        out.append(_rec(row, cites, f"{row.area} 영역 소계"))
    for table in report.areas:
        domain = area_domain.get(nospace(table.name))
        for ind in table.indicators:
            row = ScoreRow(
                **base,
                level="indicator",
                domain=domain,
                area=table.name,
                indicator=ind.group,
                description=ind.desc,
                nature=ind.nature,
                max_points=ind.max,
                points=ind.points,
                page=ind.cite.page,
                section=ind.cite.section,
            )
            out.append(_rec(row, [ind.cite], f"{table.name} {ind.group} {ind.desc}"))
    return out


def _rec(row: ScoreRow, cites: list[Cite], search: str) -> FactRecord:
    return FactRecord("score", row, cites, search=search, agency=row.agency)


def measurement_records(info: DocumentInfo, report: Report) -> list[FactRecord]:
    out: list[FactRecord] = []
    for m, cite in report.measurements:
        m.document = info.document
        out.append(
            FactRecord(
                "measurement",
                m,
                [cite],
                search=f"{m.indicator} {m.field} {m.section.split(SEP)[-1]}",
                agency=info.agency,
            )
        )
    return out
