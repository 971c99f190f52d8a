"""Measurement answers: the report's small tables (기준치, 실적, 이행률) and figures stated in
news text (만족도)."""

from __future__ import annotations

import re

from retrieval.facts.compose import Composer
from retrieval.facts.repository import Fact
from sosa.korean.text import josa, nospace
from sosa.models import Answer, MeasurementRow

# Whether a measurement is answered from its table row: the columns the question names
# ("기준치와 실적은?": both), or the row whole when it names none ("복리후생비 집행률은요?":
# 기준치 99.90 · … · 실적 99.80 · …), not the one cell the ranking put first.
ROW_WHOLE = True
_UNIT = re.compile(r"\([^)]*\)")


def _field_name(field: str) -> str:
    parts = field.split(" › ")
    return f"{parts[-1]} {parts[0]}" if re.fullmatch(r"\d{4}년", parts[-1]) else parts[-1]


def _row(c: Composer, f: Fact) -> list[Fact]:
    """The facts of `f`'s table row: its indicator's cells in the same table, in table order."""
    row: MeasurementRow = f.row
    return [
        g
        for g in c.repo.facts_of("measurement", c.viewer)
        if g.document == f.document
        and g.row.section == row.section
        and g.row.indicator == row.indicator
    ]


def _names_field(question: str, row: MeasurementRow) -> bool:
    """Whether the question names the cell's column (실적, 기준치, 2023년 …; "외부지적사항
    이행률은?" names its 이행률(%) column, as the indicator's name does)."""
    asked = nospace(question)
    words = [w for part in row.field.split(" › ") for w in _UNIT.sub("", part).split()]
    return bool(words) and all(nospace(w) in asked for w in words)


def measurement(c: Composer, f: Fact) -> Answer | None:
    row: MeasurementRow = f.row
    who = f"{f.agency}의 " if f.origin == "prose" and f.agency else ""
    cells = _row(c, f) if ROW_WHOLE and f.origin != "prose" else []
    named = [g for g in cells if _names_field(c.query.text, g.row)]
    if len(named) > 1:
        cells = named  # "기준치와 실적은?": the columns named, in the table's order
    elif len(named) == 1:
        f, row = named[0], named[0].row  # (the column named, whichever its ranking put first)
    if len(cells) > 1 and len(named) != 1:
        # "복리후생비 집행률은요?": no column named; the row as the table gives it
        # (cells apart as the table's row prints them: a comma after a bare figure, "2, 이행건수",
        # would read as a thousands separator)
        said = " · ".join(f"{_field_name(g.row.field)} {g.row.value}" for g in cells)
        text = josa(f"{who}{row.indicator}", "은", "는") + f" {said}입니다."
        refs = [c.ref(g, f"{g.row.indicator} {g.row.field}", g.row.value) for g in cells]
        return c.answer(text, cells, refs)
    field_name = _field_name(row.field)
    subject = f"{who}{row.indicator}" + (f"의 {field_name}" if field_name != "점수" else "")
    text = josa(subject, "은", "는") + f" {row.value}입니다."
    return c.answer(text, [f], [c.ref(f, f"{row.indicator} {row.field}", row.value)])
