"""Target and budget answers of the business plan.

Each answer names its plan's year ("2023년 사업계획서 기준으로 …"), grounded in the plan's
metadata; targets of two plans are never joined into one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Container

from retrieval.asked import UNIT_LACKING, counts_apart
from retrieval.facts.compose import Composer
from retrieval.facts.query import YEAR_PREFIX
from retrieval.facts.ranker import Hit, group_key
from retrieval.facts.repository import Fact
from retrieval.passages import clean_quote
from sosa.korean.text import josa, token_set
from sosa.models import Answer, BudgetRow, Citation, FactRef, TargetRow


def _plan_year(c: Composer, f: Fact) -> tuple[str, list[FactRef]]:
    if f.doc_kind != "business_plan" or f.year is None:
        return "", []
    return f"{f.year}년 사업계획서 기준으로 ", c.year_ref(f)


# Whether a target asked in a unit its project does not count in is given as written, with
# asked.UNIT_LACKING (off: no answer from the targets).
UNIT_NOTED = True
# Whether a count of persons or things asked is never answered by targets counted in times
# (asked.counts_apart).
TIMES_APART = True


# Whether a target answer ends with its plan's line as written ("정기감사 연 2회, 특별감사 연
# 2회, 수시감사 진행"): the sentence before it joins the label and the figure in words of its
# own ("정기감사는 연 2회"), and the line also gives the targets written beside the one asked.
LINE_AS_WRITTEN = True
# A longer line is left to the citation: read whole in a chat, it would bury the figure.
LINE_AS_WRITTEN_MAX = 80


def _as_written(c: Composer, facts: list[Fact], text: str) -> str:
    """The facts' plan lines as written, quoted after the answer `text`; "" when off, too long
    or already said in `text`."""
    if not LINE_AS_WRITTEN:
        return ""
    said = re.sub(r"\s+", "", text)
    quoted = []
    for f in facts:
        line = clean_quote(c.repo.quote(f))  # (its bullet is no part of it)
        if " · " in line:
            continue  # a table's row, its cells joined (the 성과계약 table): no line as written
        if line and len(line) <= LINE_AS_WRITTEN_MAX and re.sub(r"\s+", "", line) not in said:
            quoted.append(line)
    quoted = list(dict.fromkeys(quoted))
    if not quoted:
        return ""
    return " 문서에는 " + ", ".join(f"“{q}”" for q in quoted) + "라고 되어 있습니다."


def target(c: Composer, hits: list[Hit], several: bool = False) -> Answer | None:
    best = hits[0].fact
    row: TargetRow = best.row
    unit = c.query.unit or ("원" if c.query.money else None)
    key = group_key(best)
    # One plan only: the same target in two plans' years is two answers, not one sentence.
    hits = [h for h in hits if h.fact.document == best.document]
    grouped = [h.fact for h in hits[:8] if group_key(h.fact) == key]  # (best is among them)
    same = [f for f in grouped if not unit or unit in f.row.target]
    note = ""
    if not same:  # (so a unit was asked)
        if unit == "원" or not UNIT_NOTED:
            return None  # the best line has no figure in the unit asked for
        if TIMES_APART and all(counts_apart(unit or "", f.row.target) for f in grouped):
            return None  # "몇 개 운영해?": a number of times (발간 1회) counts no things
        # "대체인력 몇 명 목표야?": the project asked about counts its target in another unit
        # (1,500건); its targets as written, said so, rather than none.
        same, note = grouped, UNIT_LACKING.format(unit=unit)
    same = list({(f.row.indicator, f.row.target): f for f in same}.values())
    years = len({f.row.indicator for f in same}) > 1  # "'23년 …", "'24년 …": one series
    if several:
        same += [
            h.fact
            for h in hits[:8]
            if h.fact.row.project == row.project
            and h.score >= 0.8 * hits[0].score
            and h.fact not in same
        ][:2]
    values = ", ".join(dict.fromkeys(f"{f.row.target}" for f in same))
    when, year_refs = _plan_year(c, best)
    if row.kind == "performance_contract":
        measure = f"({row.measure})" if row.measure else ""
        year = re.search(r"20\d{2}년", " ".join(x.get("quote", "") for x in best.cites))
        where = f"{year.group(0)} 성과계약 목표" if year else "성과계약 목표"
        if year:
            when, year_refs = "", []  # the quote itself says the year
        text = f"{when}{where}에서 '{row.indicator}'{measure}의 목표치는 {row.target}입니다."
    elif several and len(same) > 1:
        items = ", ".join(f"{f.row.indicator} {f.row.target}" for f in same)
        text = f"{when}'{row.project}' 사업의 목표는 {items}입니다."
    elif years:
        base = YEAR_PREFIX.sub("", row.indicator or "")
        series = sorted(same, key=lambda f: f.row.indicator or "")
        items = ", ".join(
            f"{(f.row.indicator or '')[: len(f.row.indicator or '') - len(base)].strip()} "
            f"{f.row.target}"
            for f in series
        )
        text = f"{when}'{row.project}' 사업의 {base} 목표는 {items}입니다."
    elif row.goal_area and len(row.indicator or "") <= 6:
        label = josa(row.indicator or "", "은", "는")
        text = f"{when}'{row.project}' 사업의 '{row.goal_area}' 목표 중 {label} {values}입니다."
    else:
        text = f"{when}'{row.project}' 사업에서 {row.indicator} 목표는 {values}입니다."
    refs = [c.ref(f, f.row.indicator or "", f.row.target) for f in same]
    return c.answer(text + note + _as_written(c, same, text), same, refs + year_refs)


def targets_listed(c: Composer, facts: list[Fact]) -> Answer | None:
    """Several targets of one project that fit a question alike, each with its label, in
    the plan's order: "… 사업의 목표는 돌봄제공인력 25명, … 대상 100명입니다"."""
    facts = list({(f.row.indicator, f.row.target): f for f in facts}.values())
    row: TargetRow = facts[0].row
    when, year_refs = _plan_year(c, facts[0])
    unit = c.query.unit
    same = [f for f in facts if not unit or unit in f.row.target]
    note = ""
    if not same and TIMES_APART and all(counts_apart(unit or "", f.row.target) for f in facts):
        return None  # (a number of times counts no persons or things)
    if not same and UNIT_NOTED:
        # ("몇 건 하는데?" of a project counting its targets in 회: as written, said so)
        same, note = facts, UNIT_LACKING.format(unit=unit)
    facts = same or facts
    items = ", ".join(f"{f.row.indicator} {f.row.target}" for f in facts)
    text = f"{when}'{row.project}' 사업의 목표는 {items}입니다.{note}"
    refs = [c.ref(f, f.row.indicator or "", f.row.target) for f in facts]
    return c.answer(text + _as_written(c, facts, text), facts, refs + year_refs)


def _items_asked(c: Composer, f: Fact) -> list[str]:
    """The lines of the project's 산출내역 that the question's words name beyond the project
    ("긴급·틈새돌봄 돌봄제공단가는 얼마": 돌봄제공단가 지급 52천원×60명×24회): those lines
    answer, not the project's total. A cost named by its thing ("교육비는?") is every line of
    that thing (본부직원 인권교육, 소속시설 인권교육 …), up to ITEMS_SHOWN."""
    row: BudgetRow = f.row
    weights = c.repo.weights["budget"]
    listed = " ".join(row.items)
    # A cost named by its thing and 비 ("교육비") that no line spells is the lines of that
    # thing (인권교육 · 400천원×2회=800천원).
    subject = _COST_OF.sub(
        lambda m: m.group(0) if m.group(0) in listed else m.group(1), c.query.subject
    )
    # (only a cost so named is several lines; else one line, or the project's total)
    most = ITEMS_SHOWN if subject != c.query.subject else 1
    rest = _beyond_name(subject, row, weights.df)
    if not rest or not row.items:
        return []
    said = [(weights.mass(rest & token_set(item)), item) for item in row.items]
    best = max(m for m, _i in said)
    lines = [i for m, i in said if m == best]
    if best <= 0 or len(lines) > most or best < ITEM_SHARE * weights.mass(rest):
        return []
    return lines


def _beyond_name(subject: str, row: BudgetRow, known: Container[str]) -> set[str]:
    """The question's words (those the budget facts know) beyond the project's and team's
    names. (A pair of syllables the name spells across a dot or a space is the name's too:
    "교육연수" of ‘…교육·연수 강화’ names the project, not the line "교육연수 지원".)"""
    named = f"{row.project or ''} {row.team or ''}"
    flat = _JOINERS.sub("", named)
    asked = {t for t in token_set(subject) if t in known}
    return {t for t in asked - token_set(named) if not (t.startswith("#") and t[1:] in flat)}


def lines_saying_all(c: Composer, f: Fact) -> list[str]:
    """The project's 산출내역 lines, when every one says the question's words beyond its name
    ("위원회 참석수당 예산 총 얼마": every line of ‘안정적인 회의체계 마련’ is a 참석수당): the
    total asked is theirs, and they show it."""
    row: BudgetRow = f.row
    if len(row.items) < 2:
        return []
    weights = c.repo.weights["budget"]
    rest = _beyond_name(c.query.subject, row, weights.df)
    if not rest:
        return []
    whole = weights.mass(rest)
    said = [i for i in row.items if weights.mass(rest & token_set(i)) >= ITEM_SHARE * whole]
    return said[:ITEMS_SHOWN] if len(said) == len(row.items) else []


def item_citation(c: Composer, f: Fact, item: str) -> Citation:
    """A 산출내역 line as a quote, on the page that holds it (a budget table may run onto the
    next page)."""
    row: BudgetRow = f.row
    page = next(
        (p for p in (row.page, (row.page or 0) + 1) if c.repo.chunk_id(f.document, p, item)),
        row.page,
    )
    return c.repo.citation(f, {"quote": item, "page": page, "section": row.section})


# Whether a project's total asked by words every one of its 산출내역 lines says quotes those
# lines beside it.
ALL_LINES_SHOWN = True
_JOINERS = re.compile(r"[\s·ㆍ・,]")
# How much of the question's words beyond the project's name one 산출내역 line must hold.
ITEM_SHARE = 0.5
ITEMS_SHOWN = 4
_COST_OF = re.compile(r"(?<![가-힣])([가-힣]{2,})비(?=(?:은|는|이|가|을|를|도|만)?(?![가-힣]))")


def budget(c: Composer, f: Fact, whole: list[str] | None = None) -> Answer | None:
    """A project's 소요예산, or the 산출내역 lines asked; `whole`: the lines that every one say
    what was asked (`lines_saying_all`, read by the caller that chose the project by them), so
    the total is asked and they are shown beside it."""
    row: BudgetRow = f.row
    when, year_refs = _plan_year(c, f)
    items = [] if whole else _items_asked(c, f)
    if items:
        cites = [item_citation(c, f, item) for item in items]
        said = ", ".join(f"“{item}”" for item in items)
        text = f"{when}'{row.project}' 사업의 산출내역 중 해당 항목은 {said}입니다."
        refs = [*(c.ref(f, f"{row.project} 산출내역", item) for item in items), *year_refs]
        return c.answer(text, [f], refs, cites)
    if row.amount == "비예산":
        text = f"{when}'{row.project}' 사업은 별도 예산이 없는 비예산 사업입니다."
    else:
        funding = f"({row.funding})" if row.funding else ""
        text = f"{when}'{row.project}' 사업의 소요예산은 {row.amount}{funding}입니다."
        if row.items:
            text += " 세부 산출내역도 출처에 함께 실려 있어요."
    refs = [c.ref(f, f"{row.project} 소요예산", row.amount), *year_refs]
    if ALL_LINES_SHOWN and (lines := whole or lines_saying_all(c, f)):
        # (the total's own line first, then the lines that say what was asked)
        cites = [c.repo.citation(f), *(item_citation(c, f, item) for item in lines)]
        return c.answer(text, [f], refs, cites)
    return c.answer(text, [f], refs)
