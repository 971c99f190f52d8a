"""A score against the year before: "리더십 득점은 전년 대비 얼마나 올랐나요?", "2년 연속 A등급?"

The year asked (or the latest) and the evaluation before it, both from the agency's own
reports; the answer shows both figures and their difference (decimal.Decimal), as a
"computed" FactRef whose inputs are the two quoted figures.
"""

from __future__ import annotations

from retrieval.facts.compose import Composer
from retrieval.facts.ranker import Ambiguous, group_key, tied
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.scores import contains, own_report
from sosa.korean.text import region_of
from sosa.models import Answer
from sosa.numbers import to_decimal


def compare_years(c: Composer) -> Answer | None:
    current = _asked(c)
    if current is None or current.year is None:
        return None
    key = group_key(current)
    previous = c.year_before(
        current, lambda f: own_report(f) and group_key(f) == key and bool(f.row.points)
    )
    if previous is None:
        return None  # one year only: the passages may still say how it changed
    return _answer(c, current, previous)


def _asked(c: Composer) -> Fact | None:
    """The score asked about, in the year asked or the latest one."""
    if not c.query.topic:
        totals = [
            f
            for f in c.ranker.score_facts(c.query, c.viewer)
            if own_report(f) and f.row.level == "total" and f.row.points
        ]
        return max(totals, key=lambda f: f.year or 0) if totals else None
    hits = [h for h in c.ranker.candidates("score", c.query, c.viewer) if own_report(h.fact)]
    if not hits or not hits[0].good():
        return None
    ties = tied(hits)
    if not ties:
        return hits[0].fact
    facts = [hits[0].fact, *(h.fact for h in ties)]
    for f in facts:  # "리더십": the area, not one of its indicators
        if all(o is f or contains(f, o) for o in facts):
            return f
    raise Ambiguous


def _name(f: Fact) -> str:
    row = f.row
    if row.level == "indicator":
        return f"'{row.description}' 지표 득점"
    if row.level == "area":
        return f"{row.area} 영역 득점"
    if row.level == "domain":
        return f"{row.domain} 분야 득점"
    return "경영평가 총점"


def _answer(c: Composer, now: Fact, then: Fact) -> Answer | None:
    a, b = to_decimal(now.row.points), to_decimal(then.row.points)
    if a is None or b is None:
        return None
    diff = a - b
    name = _name(now)
    who = f"{now.row.agency}의 " if region_of(now.row.agency) else ""

    def shown(f: Fact) -> str:
        grade = f"({f.row.grade}등급)" if f.row.level == "total" and f.row.grade else ""
        return f"{f.year}년 {f.row.points}점{grade}"

    text = f"{who}{name}은 {shown(now)}으로, {shown(then)}"
    if diff:
        text += f"보다 {abs(diff)}점 {'높습니다' if diff > 0 else '낮습니다'}."
    else:
        text += "과 같습니다."
    grades = {now.row.grade, then.row.grade}
    if now.row.level == "total" and len(grades) == 1 and now.row.grade:
        text += f" 두 해 연속 {now.row.grade}등급이에요."
    computed = c.difference(
        c.ref(now, f"{now.year}년 {name}", now.row.points),
        c.ref(then, f"{then.year}년 {name}", then.row.points),
        f"{name} 전년 대비 차이 ({then.year}년→{now.year}년)",
        str(abs(diff)),
    )
    return c.answer(text, [now, then], [computed, *c.year_ref(now), *c.year_ref(then)])
