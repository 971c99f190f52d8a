"""A plan's target or budget against the plan before: "대체인력 파견 목표는 작년보다 늘었어?",
"대체인력 예산은 전년 대비 얼마나 늘었나요?", "노사협의회 정기회의 2년 연속 4회야?"

The plan asked for (or the latest one holding the project) and the latest earlier plan holding
the same target (project, indicator and measure) or the same project's budget. The answer shows
both plans' figures with their years and, when both are figures in one unit, their difference
(decimal.Decimal) as a "computed" FactRef whose inputs are the two quoted figures. Which
question compares years, the earlier year's fact and the computed reference are the machinery
the evaluation report's scores use (retrieval.facts.query, retrieval.facts.compose).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from retrieval.facts.compose import Composer
from retrieval.facts.query import YEAR_PREFIX
from retrieval.facts.ranker import Hit, group_key, tied
from retrieval.facts.repository import Fact
from sosa.korean.text import Weighted, josa, nospace
from sosa.models import Answer, FactRef

# A figure as the plans print it, and its unit: "1,600건", "540,000천원", "100%", "24회".
_FIGURE = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)\s*([^\d\s(]*)")
_KINDS = ("target", "budget")


# The router's tie-break (a fact whose own name holds the words), or Ambiguous.
TieBreak = Callable[[list[Hit], list[Hit], Weighted], list[Hit]]


def compare_plan_years(c: Composer, by_name: TieBreak) -> Answer | None:
    """Both plans' figures of the target or budget asked about; None when only one plan
    holds it (the passages may still say how it changed)."""
    hits = _asked(c)
    if hits is None:
        return None
    ties = tied(hits)
    if ties:  # broken as a single year's answer breaks them, else Ambiguous: no guess
        hits = by_name([hits[0], *ties], hits, c.repo.weights[hits[0].fact.type])
    current = hits[0].fact
    if current.type == "target":
        key = group_key(current)
        previous = c.year_before(current, lambda f: group_key(f) == key)
    else:
        project = nospace(current.row.project or "")
        previous = c.year_before(current, lambda f: nospace(f.row.project or "") == project)
    if previous is None:
        return None
    return _answer(c, current, previous)


def _asked(c: Composer) -> list[Hit] | None:
    """Plan facts of the kind the question asks for most, best first (the year asked, or the
    latest plan holding each project)."""
    best: tuple[float, list[Hit]] | None = None
    for kind in _KINDS:
        strength = c.query.intents.get(kind, 0.0)
        if not strength:
            continue
        hits = [
            h
            for h in c.ranker.candidates(kind, c.query, c.viewer)
            if h.fact.doc_kind == "business_plan"
        ]
        if hits and hits[0].good() and (best is None or strength * hits[0].score > best[0]):
            best = (strength * hits[0].score, hits)
    return best[1] if best else None


def _value(f: Fact) -> str:
    return f.row.target if f.type == "target" else f.row.amount


def _name(f: Fact) -> str:
    row = f.row
    if f.type == "budget":
        return f"'{row.project}' 사업의 소요예산"
    if row.kind == "performance_contract":
        measure = f"({row.measure})" if row.measure else ""
        return f"성과계약 목표 '{row.indicator}'{measure}의 목표치"
    return f"'{row.project}' 사업의 {YEAR_PREFIX.sub('', row.indicator or '')} 목표"


def _figure(value: str) -> tuple[Decimal, str] | None:
    m = _FIGURE.match(value)
    if not m:
        return None
    try:
        return Decimal(m.group(1).replace(",", "")), m.group(2)
    except InvalidOperation:
        return None


def _answer(c: Composer, now: Fact, then: Fact) -> Answer:
    name = _name(now)
    a_value, b_value = _value(now), _value(then)
    funding = f"({now.row.funding})" if now.type == "budget" and now.row.funding else ""
    text = f"{josa(name, '은', '는')} {now.year}년 사업계획서 기준 {a_value}{funding}입니다."
    a, b = _figure(a_value), _figure(b_value)
    now_ref = c.ref(now, f"{now.year}년 {name}", a_value)
    then_ref = c.ref(then, f"{then.year}년 {name}", b_value)
    refs: list[FactRef] = [now_ref, then_ref]
    # The difference only between figures in one unit.
    diff = a[0] - b[0] if a is not None and b is not None and a[1] == b[1] else None
    if a_value == b_value or diff == 0:
        text += f" {then.year}년 사업계획서({b_value})와 같습니다."
    elif diff is not None:
        shown = f"{abs(diff):,}"
        way = "늘었습니다" if diff > 0 else "줄었습니다"
        unit = a[1] if a is not None else ""
        text += f" {then.year}년 사업계획서의 {b_value}보다 {shown}{unit} {way}."
        label = f"{name} 차이 ({then.year}년→{now.year}년)"
        refs = [c.difference(now_ref, then_ref, label, shown)]
    else:  # "80% 구축완료" against "구축완료": both shown, no difference
        text += f" {then.year}년 사업계획서 기준으로는 {b_value}입니다."
    return c.answer(text, [now, then], [*refs, *c.year_ref(now), *c.year_ref(then)])
