"""Score answers of the evaluation report: one score, the overall result, ties among scores.

Our own report's figures name their evaluation year ("2025년 경영평가 …"), since several
years may be indexed; the year is grounded in the document's metadata (a "year" FactRef).
"""

from __future__ import annotations

from retrieval.facts.compose import Composer
from retrieval.facts.ranker import Ambiguous, Hit, short_group
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.arithmetic import group_sum
from retrieval.profiles.evaluation_report.lines import bonus_line, deduction_line, max_display
from sosa.korean.text import josa, region_of, token_set
from sosa.models import Answer, FactRef, ScoreRow


def own_report(f: Fact) -> bool:
    """A score from an evaluation report's own tables (not a sentence of a press release)."""
    return f.doc_kind == "evaluation_report" and f.origin == "table"


def _performance(c: Composer, f: Fact, year: int | None) -> tuple[str, list[FactRef]]:
    """ "(2023년 실적)" when the question's year is the performance year of the evaluation
    that answers it ("2023년 리더십 점수는?"): both years said, so the answer cannot read as
    that year's own evaluation."""
    perf = getattr(f.row, "performance_year", None)
    asked = c.query.years
    if perf is None or perf == year or perf not in asked or year in asked:
        return "", []
    ref = FactRef(type="year", label="실적 연도", value=str(perf), document=f.document)
    return f"({perf}년 실적)", [ref]


def _when(c: Composer, f: Fact) -> tuple[str, list[FactRef]]:
    if not own_report(f) or f.year is None:
        return "", []
    perf, refs = _performance(c, f, f.year)
    return f"{f.year}년 경영평가{perf} ", [*c.year_ref(f), *refs]


def score(c: Composer, f: Fact) -> Answer | None:
    row: ScoreRow = f.row
    cites = [c.repo.citation(f, x) for x in f.cites]
    when, years = _when(c, f)
    if row.level == "indicator":
        group = f.extra.get("group_title") or short_group(row.indicator)
        desc = row.description or ""
        if deduction_line(row):
            particle = josa(desc, "은", "는")[len(desc) :]
            text = (
                f"{when}{group} 지표 중 '{desc}'{particle} 감점 지표(최대 "
                f"{row.max_points}점)로, 감점은 {row.points}점입니다."
            )
        elif bonus_line(row):
            text = f"{when}{group} 지표 중 '{desc}'의 가점은 {row.points}점(최대 {row.max_points}점)입니다."
        else:
            text = f"{when}{group} 지표 중 '{desc}'의 득점은 {row.points}점({max_display(row.max_points)})입니다."
        if row.evidence:
            ev = row.evidence[0]
            text += f" 평가위원 의견으로는 '{ev.quote}' 등이 있어요."
            cites.append(c.repo.evidence_citation(f, ev))
        return c.answer(text, [f], [c.ref(f, desc, row.points or ""), *years], cites)
    if row.level == "area":
        text = (
            f"{when}{row.area} 영역의 득점은 {row.points}점({max_display(row.max_points)})입니다."
        )
        total = _total(c, row.agency, f.document)
        if total and total.row.grade:
            text += f" 종합 결과는 {total.row.grade}등급(총점 {total.row.points}점)이에요."
            cites.append(c.repo.citation(total))
        refs = [c.ref(f, f"{row.area} 소계", row.points or ""), *years]
        return c.answer(text, [f], refs, cites)
    if row.level == "domain":
        text = f"{row.agency}의 {when}{row.domain} 분야 득점은 {row.points}점({max_display(row.max_points)})입니다."
        return c.answer(text, [f], [c.ref(f, row.domain or "", row.points or ""), *years], cites)
    if row.points:
        text = f"{row.agency}의 {when}총점은 {row.points}점이며, {row.grade}등급입니다."
    elif row.grade:
        text = f"{josa(row.agency, '은', '는')} {row.grade}등급을 받았어요."
    else:
        return None
    refs = [c.ref(f, "총점", row.points or row.grade or ""), *years]
    return c.answer(text, [f], refs, cites)


def _total(c: Composer, agency: str, document: str) -> Fact | None:
    for f in c.repo.facts_of("score"):
        if f.row.level == "total" and f.row.agency == agency and f.document == document:
            return f
    return None


def overview(c: Composer) -> Answer | None:
    """The overall result (총점, 등급) of each agency asked about; this agency by default."""
    home = c.repo.home
    totals = [
        f
        for f in c.ranker.score_facts(c.query, c.viewer)
        if f.row.level == "total" and (f.row.points or f.row.grade)
    ]
    # The evaluation's own table first, then a figure over a bare grade.
    totals.sort(key=lambda f: (f.row.points is None, f.origin != "table", f.agency != home))
    best: dict[str | None, Fact] = {}
    for f in totals:
        best.setdefault(region_of(f.row.agency), f)
    regions = c.query.regions or [r for r in best if r is not None]
    if not best or any(r not in best for r in regions):
        return None  # an agency asked about has no result in the documents
    picked = [best[r] for r in regions]
    if len(picked) > 1:
        parts = [
            f"{josa(t.row.agency, '은', '는')} "
            + (
                f"총점 {t.row.points}점({t.row.grade}등급)"
                if t.row.points
                else f"{t.row.grade}등급"
            )
            for t in picked
        ]
        refs = [c.ref(t, f"{t.row.agency} 총점", t.row.points or t.row.grade) for t in picked]
        return c.answer(", ".join(parts) + "입니다.", picked, refs)
    t = picked[0]
    # The year is said where a quote prints it (that quote is cited too), else from the
    # report's own metadata.
    dated = next(
        (
            f
            for f in [t, *totals]
            if region_of(f.row.agency) == region_of(t.row.agency)
            and f.row.year == t.row.year
            and f.row.grade == t.row.grade
            and any(str(t.row.year) in x.get("quote", "") for x in f.cites)
        ),
        None,
    )
    year, years = (f"{t.row.year}년 ", []) if dated is not None else ("", [])
    if dated is None and own_report(t) and t.year is not None:
        year, years = f"{t.year}년 ", c.year_ref(t)
    if year:
        perf, refs = _performance(c, t, t.row.year if dated is not None else t.year)
        year, years = (f"{year.rstrip()}{perf} ", [*years, *refs]) if perf else (year, years)
    also = [dated] if dated is not None and dated is not t else []
    if not t.row.points:
        text = f"{josa(t.row.agency, '은', '는')} {year}경영평가에서 {t.row.grade}등급을 받았어요."
        return c.answer(text, [t, *also], [c.ref(t, "등급", t.row.grade), *years])
    # (a grade said as the documents and readers say it, "A등급")
    grade = f"으로 {t.row.grade}등급" if t.row.grade else ""
    text = f"{t.row.agency}의 {year}경영평가 총점은 {t.row.points}점{grade}입니다."
    domains = [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if f.row.level == "domain" and f.document == t.document and f.row.agency == t.row.agency
    ]
    if domains:
        text += " 분야별로는 " + ", ".join(f"{d.row.domain} {d.row.points}점" for d in domains)
        text += "이에요."
    refs = [c.ref(t, "총점", t.row.points)]
    refs += [c.ref(d, d.row.domain or "", d.row.points or "") for d in domains]
    return c.answer(text, [t, *domains, *also], refs + years)


def score_tie(c: Composer, hits: list[Hit]) -> Answer | None:
    """Scores the question cannot tell apart: the one containing the others (리더십 영역 over its
    indicators), the sum of one indicator group (재무관리), or the one indicator whose own
    description holds the words; otherwise Ambiguous."""
    facts = [h.fact for h in hits]
    for f in facts:
        if all(o is f or contains(f, o) for o in facts):
            return score(c, f)
    if all(f.row.level == "indicator" for f in facts):
        answer = group_sum(c, facts)
        if answer is not None:
            return answer
    named = [h for h in hits if h.matched <= token_set(h.fact.row.description or "")]
    if len(named) == 1:
        return score(c, named[0].fact)
    listed = _bonus_lines(c, facts)
    if listed is not None:
        return listed
    raise Ambiguous


# Bonus (or deduction) lines a question cannot tell apart, listed rather than none picked:
# "경영성과 가점은 받았어?" is asked of every 가점 line of the field, two or three of them.
BONUS_LINES_LISTED = 4


def _bonus_lines(c: Composer, facts: list[Fact]) -> Answer | None:
    """Tied 가점 (or 감점) lines of one report, each with its points, in the report's order."""
    rows: list[ScoreRow] = [f.row for f in facts]
    bonus = all(bonus_line(r) for r in rows)
    if not (bonus or all(deduction_line(r) for r in rows)) or len(facts) > BONUS_LINES_LISTED:
        return None
    if len({f.document for f in facts}) != 1 or len({r.agency for r in rows}) != 1:
        return None
    kind = "가점" if bonus else "감점"
    when, years = _when(c, facts[0])
    items = ", ".join(
        f"'{f.row.description}'({f.extra.get('group_title') or short_group(f.row.indicator)}) "
        f"{f.row.points}점(최대 {f.row.max_points}점)"
        for f in facts
    )
    areas, domains = {r.area for r in rows}, {r.domain for r in rows}
    scope = (
        f"{rows[0].area} 영역에서 "
        if len(areas) == 1 and rows[0].area
        else f"{rows[0].domain} 분야에서 "
        if len(domains) == 1 and rows[0].domain
        else ""
    )
    # (how many is not said in a figure: no quote holds it)
    text = f"{when}{scope}{kind}이 걸린 지표는 다음과 같습니다: {items}."
    refs = [c.ref(f, f.row.description or "", f.row.points or "") for f in facts]
    return c.answer(text, facts, [*refs, *years])


def contains(outer: Fact, inner: Fact) -> bool:
    """`outer` is a total, domain or area that `inner` is part of."""
    a, b = outer.row, inner.row
    if outer.document != inner.document or a.agency != b.agency:
        return False
    if a.level == "total":
        return b.level != "total"
    if a.level == "domain":
        return b.level in ("area", "indicator") and b.domain == a.domain
    if a.level == "area":
        return b.level == "indicator" and b.area == a.area
    return False
