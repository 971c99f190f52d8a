"""The rating table's vocabulary: what each level is called, and its 가점 and 감점 lines."""

from __future__ import annotations

import re

from retrieval.facts.ranker import short_group
from retrieval.facts.repository import Fact
from sosa.korean.text import nospace
from sosa.models import ScoreRow
from sosa.numbers import to_decimal

# What the report calls each level of its rating table.
LEVEL_NAMES = {"area": "영역", "domain": "분야", "indicator": "지표"}


def deduction_line(row: ScoreRow) -> bool:
    """A 감점 line: worth △ points at most (채용비리 방지 … △1.5)."""
    return (row.max_points or "").startswith("△")


def bonus_line(row: ScoreRow) -> bool:
    """A 가점 line: outside the 배점 its indicator is scored on."""
    return "가점" in (row.description or "")


def named_parts(facts: list[Fact], question: str, level: str) -> set[str]:
    """The areas (or fields) of `facts` the question names, spacing aside ("정책 성과")."""
    said = re.sub(r"\s+", "", question)
    return {n for f in facts if (n := getattr(f.row, level)) and re.sub(r"\s+", "", n) in said}


def named_group(facts: list[Fact], question: str) -> str | None:
    """The one indicator group of `facts` the question names, by its name without number and
    배점 ("1. 민간지원(14) (+0.5)" -> 민간지원), else None."""
    said = nospace(question)
    groups = {
        f.row.indicator for f in facts if (g := nospace(short_group(f.row.indicator))) and g in said
    }
    return next(iter(groups)) if len(groups) == 1 else None


def full_marks(row: ScoreRow) -> bool:
    """Whether a scored line lost nothing: all its points (득점 1.00 of 배점 1), or, for a 감점
    line (△1.5), none taken off."""
    points, maximum = to_decimal(row.points), to_decimal(row.max_points)
    if points is None:
        return False
    if deduction_line(row):
        return points == 0
    return maximum is not None and points >= maximum > 0


def max_display(max_points: str | None) -> str:
    """ "27(+0.5)" -> "배점 27점, 가점 0.5점"; "△1.5" -> "배점 △1.5점"."""
    if not max_points:
        return ""
    m = re.fullmatch(r"([\d.]+)\(\+([\d.]+)\)", max_points)
    if m:
        return f"배점 {m.group(1)}점, 가점 {m.group(2)}점"
    return f"배점 {max_points}점"
