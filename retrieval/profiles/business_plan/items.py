"""The lines of a project's 산출내역 ranked by what each costs: "그 중 제일 큰 항목은?" after a
budget asked, "복리후생 예산에서 가장 적게 드는 건?".

A line's amount is its own calculation's result ("…×1회×1식=20,498천원"), or the 금액 printed
on its row when it has no calculation of its own (a 금액 cell may span several lines).
"""

from __future__ import annotations

import re
from decimal import Decimal

from retrieval.answer_terms import squash
from retrieval.facts.compose import Composer
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE, rank_asked
from retrieval.facts.repository import Fact
from retrieval.profiles.business_plan.targets import _plan_year, item_citation
from sosa.korean.text import ordinal_said
from sosa.models import Answer, BudgetRow
from sosa.numbers import format_decimal

# The lines of a budget asked for as such: 항목, 산출내역, 세목, 비목.
_ITEM_ASKED = re.compile(r"항목|산출\s*내역|세목|비목|내역")
_MONEY = re.compile(r"예산|사업비|금액|산출\s*내역|세목|비목|비용|돈")
_CALCULATED = re.compile(r"=\s*(\d{1,3}(?:,\d{3})*|\d+)\s*천원")
_ROW_AMOUNT = re.compile(r"금액\s*(\d{1,3}(?:,\d{3})*|\d+)\s*천원")
_NAME = re.compile(r"산출\s*내역\s+([^·×=\d]+?)\s*(?:·|\d|$)")
SHOWN = 5
# Whether a place past the first is asked too ("두 번째로 큰 항목은?").
ITEM_PLACES = True


def _cost(item: str) -> Decimal | None:
    m = _CALCULATED.findall(item)
    if m:
        return Decimal(m[-1].replace(",", ""))
    row = _ROW_AMOUNT.search(item)
    return Decimal(row.group(1).replace(",", "")) if row else None


def _name(item: str) -> str:
    m = _NAME.search(item)
    return m.group(1).strip() if m else item[:30]


def ranked_items(c: Composer) -> Answer | None:
    """The 산출내역 line costing most (or least) of the one project the question names, with
    the others in order; None when no single project with costed lines is named."""
    text = c.query.text
    highest, lowest = bool(HIGHEST_RE.search(text)), bool(LOWEST_RE.search(text))
    place = rank_asked(text) if ITEM_PLACES else None
    if place is not None and not (highest or lowest):
        # "두 번째로 큰 항목은?" (or "그 다음은?" after the largest, rewritten so)
        highest, lowest = place[1], not place[1]
    if highest == lowest or not _ITEM_ASKED.search(text):
        return None
    at = place[0] if place is not None else 1
    hits = c.ranker.candidates("budget", c.query, c.viewer)
    if not hits or not hits[0].good():
        return None
    f: Fact = hits[0].fact
    row: BudgetRow = f.row
    if not _MONEY.search(text) and squash(row.project or "") not in squash(text):
        # (a budget named, or its project whole, as a follow-up carries it: "리더십 영역에서
        # 가장 낮은 항목" ranks the evaluation's lines, not a project's costs)
        return None
    costed = [(cost, item) for item in row.items if (cost := _cost(item)) is not None]
    if len(costed) < 2:
        return None
    if at > len(costed):
        return None
    costed.sort(key=lambda ci: -ci[0] if highest else ci[0])
    when, year_refs = _plan_year(c, f)
    (cost, item), rest = costed[at - 1], [x for k, x in enumerate(costed[:SHOWN]) if k != at - 1]
    order = "큰" if highest else "작은"
    most = f"가장 {order}" if at == 1 else f"{ordinal_said(at)}로 {order}"
    text_out = (
        f"{when}'{row.project}' 사업의 산출내역 중 금액이 {most} 항목은 "
        f"‘{_name(item)}’({format_decimal(cost)}천원)입니다. {order} 순으로: "
        + ", ".join(f"{_name(i)} {format_decimal(x)}천원" for x, i in costed[:SHOWN])
        + "."
    )
    shown = [item] + [i for _x, i in rest]
    cites = [item_citation(c, f, i) for i in shown]
    refs = [c.ref(f, f"{row.project} 산출내역", i) for i in shown]
    return c.answer(text_out, [f], refs + year_refs, cites)
