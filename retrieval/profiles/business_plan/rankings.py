"""Which project of the plan has the largest or smallest budget, or what they add up to.

The plan's projects are ranked by their 소요예산 (in 천원 as printed), over the whole plan or
the team or centre the question names; 비예산 projects have no figure to rank. The deciding
projects are shown with their amounts; a sum is shown with how many projects it adds.
"""

from __future__ import annotations

import re
from decimal import Decimal

from retrieval.answer_terms import coordinated
from retrieval.facts.compose import Composer
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE, rank_asked
from retrieval.facts.ranker import in_years
from retrieval.facts.repository import Fact
from retrieval.profiles.business_plan.targets import _plan_year
from sosa.korean.analysis import INTERROGATIVES, tokens
from sosa.korean.text import ordinal_said
from sosa.models import Answer, FactRef
from sosa.numbers import format_decimal

_BUDGET = re.compile(r"예산|사업비")
_SUM = re.compile(r"합계|합치면|모두\s*합|다\s*합|총\s*얼마|전체\s*얼마")
_MORE = re.compile(r"더\s*(?:(크|큰|커|많|높)|(?:작|적|낮))")
_AMOUNT = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)천원$")
# "예산 없는 사업은?", "비예산 사업 뭐 있어?": the projects the plan gives no budget.
_NO_BUDGET = re.compile(r"예산\s*(?:이|은|는)?\s*없|비예산|무예산")
_UNBUDGETED = "비예산"
UNBUDGETED_SHOWN = 10
SHOWN = 3  # the deciding projects shown after the first
# The words of a budget question that name nothing budgeted ("경영기획팀 예산 총 얼마야?").
_BUDGET_WORDS = {"예산", "사업", "사업비", "총", "총액", "전체", "규모", "올해", "금년", "년", "팀"}


def _amount(f: Fact) -> Decimal | None:
    m = _AMOUNT.match(f.row.amount or "")
    return Decimal(m.group(1).replace(",", "")) if m else None


def _team_named(question: str, facts: list[Fact]) -> str | None:
    """The team or centre the question names (시설지원팀, 종합재가센터), when one is."""
    flat = question.replace(" ", "")
    teams = {f.row.team for f in facts if f.row.team and f.row.team.replace(" ", "") in flat}
    return teams.pop() if len(teams) == 1 else None


def ranked_budgets(c: Composer) -> Answer | None:
    """ "예산이 가장 큰 사업은?", "시설지원팀 사업 예산 합계는?" over the latest plan."""
    text = c.query.text
    if not _BUDGET.search(text):
        return None
    highest, lowest, total = (bool(r.search(text)) for r in (HIGHEST_RE, LOWEST_RE, _SUM))
    place = 1
    if not (highest or lowest) and (asked := rank_asked(text)):
        # "예산이 두 번째로 큰 사업은?", "예산 3위 사업": the project at that place
        place, highest = asked
        lowest = not highest
    more = None if highest or lowest else _MORE.search(text)
    if more:
        # "대체인력이랑 긴급돌봄 중 예산 더 큰 건?": of the two named, the larger
        highest, lowest = bool(more.group(1)), not more.group(1)
    unbudgeted = bool(_NO_BUDGET.search(text))
    if highest + lowest + total + unbudgeted > 1:
        return None
    every = c.repo.facts_of("budget", c.viewer)
    if c.query.years:
        facts = in_years(every, c.query.years)
    else:  # the latest plan's projects, not each project's latest plan
        newest = max((f.year for f in every if f.year is not None), default=None)
        facts = [f for f in every if f.year == newest]
    if not facts or len({f.document for f in facts}) != 1:
        return None  # one plan's projects, not two plans' joined
    named = _projects_named(text, facts)
    if named:
        # "대체인력이랑 긴급돌봄 예산 합치면?": those projects, not the whole plan's.
        facts = named
    elif more:
        return None  # "더 큰" of two the question does not name
    team = _team_named(text, facts)
    if team is not None:
        facts = [f for f in facts if f.row.team == team]
        # "경영기획팀 예산 얼마야?": a team's budget is what its projects' budgets add up to
        # (the plan prints no team total); a project or cost item named is asked of its own.
        total = total or not (highest or lowest or unbudgeted) and _team_alone(text, team)
    if not (highest or lowest or total or unbudgeted):
        return None
    if total and not named and team is None and _one_project_said(text, facts):
        return None  # "위원회 참석수당 예산 총 얼마": that project's total, not the plan's
    if unbudgeted:
        return _unbudgeted(c, facts, team)
    scored = [(f, a) for f in facts if (a := _amount(f)) is not None]
    if len(scored) < 2:
        return None
    when, year_refs = _plan_year(c, scored[0][0])
    scope = f"{team}의 " if team else ""
    ref = {id(f): c.ref(f, f"{f.row.project} 소요예산", f.row.amount) for f, _a in scored}
    refs = list(ref.values())
    if total:
        value = format_decimal(sum((a for _f, a in scored), Decimal(0)))
        sum_ref = c.computed(f"{team or '전체'} 소요예산 합계(천원)", value, refs)
        count_ref = c.computed(f"{team or '전체'} 예산이 있는 사업 수", str(len(scored)), refs)
        items = ", ".join(f"'{f.row.project}' {f.row.amount}" for f, _a in scored)
        if named:
            answer = f"{when}{items}의 소요예산을 더하면 {value}천원입니다."
        else:
            answer = (
                f"{when}{scope}예산이 있는 사업 {len(scored)}개의 소요예산을 더하면 {value}천원"
                f"입니다 (비예산 사업은 빼고 셈했습니다: {items})."
            )
        return c.answer(answer, [f for f, _a in scored], [sum_ref, count_ref, *year_refs])
    ordered = sorted(scored, key=lambda x: x[1], reverse=highest)
    word = "큰" if highest else "작은"
    if place > 1:
        return _at_place(c, ordered, place, word, f"{when}{scope}", ref, year_refs)
    first = [x for x in ordered if x[1] == ordered[0][1]]
    names = ", ".join(f"'{f.row.project}'" for f, _a in first)
    rest = ", ".join(f"'{f.row.project}' {f.row.amount}" for f, _a in ordered[len(first) :][:SHOWN])
    most = "더" if named and len(scored) == 2 else "가장"  # (of the two named)
    answer = f"{when}{scope}소요예산이 {most} {word} 사업은 {names}({first[0][0].row.amount})입니다"
    answer += f" (다음: {rest})." if rest else "."
    shown = [f for f, _a in ordered[: len(first) + SHOWN]]
    return c.answer(answer, shown, [ref[id(f)] for f in shown] + year_refs)


def _at_place(
    c: Composer,
    ordered: list[tuple[Fact, Decimal]],
    place: int,
    word: str,
    lead: str,
    ref: dict[int, FactRef],
    year_refs: list[FactRef],
) -> Answer | None:
    """The project at a place of the ranking ("두 번째로 큰"), named first (a follow-up is about
    it), with the projects ranked above it and the next ones. Projects of one amount share a
    place, as ranks do: after two at 400,000천원 the next is third."""
    if place > len(ordered):
        return None
    amount = ordered[place - 1][1]
    at = [x for x in ordered if x[1] == amount]
    if ordered.index(at[0]) != place - 1:
        return None  # the place falls inside a tie: no project is there alone
    before = ordered[: place - 1]
    after = ordered[place - 1 + len(at) :][:SHOWN]
    names = ", ".join(f"'{f.row.project}'" for f, _a in at)
    answer = (
        f"{lead}소요예산이 {ordinal_said(place)}로 {word} 사업은 {names}({at[0][0].row.amount})"
        f"입니다 (더 {word} 사업: "
        + ", ".join(f"'{f.row.project}' {f.row.amount}" for f, _a in before)
    )
    if after:
        answer += "; 다음: " + ", ".join(f"'{f.row.project}' {f.row.amount}" for f, _a in after)
    shown = [f for f, _a in [*at, *before, *after]]
    return c.answer(answer + ").", shown, [ref[id(f)] for f in shown] + year_refs)


_WORD = re.compile(r"[가-힣A-Za-z0-9·]+")
_JOSA_END = re.compile(r"(?:이랑|랑|하고|과|와|의|은|는|이|가|을|를|도|에서|중)$")


def _projects_named(question: str, facts: list[Fact]) -> list[Fact]:
    """The projects the question names by a word of their name (대체인력, 긴급돌봄: a
    middle-dot coordination read per part), when it names at least two; else none."""
    words = [
        w
        for raw in _WORD.findall(question)
        if len(w := _JOSA_END.sub("", raw)) >= 3 and w not in _BUDGET_WORDS
    ]
    if not words:
        return []
    found: dict[str, list[Fact]] = {}
    for f in facts:
        name = f.row.project or ""
        spelled = [name.replace(" ", ""), *(v.replace(" ", "") for v in coordinated(name))]
        for w in words:
            if any(w in n for n in spelled):
                found.setdefault(w, []).append(f)
    # each word naming one project, and two or more projects named (several words of one
    # name, 대체인력 and 파견, name it once)
    if any(len({f.row.project for f in fs}) != 1 for fs in found.values()):
        return []
    named = {fs[0].row.project: fs[0] for fs in found.values()}
    return list(named.values()) if len(named) >= 2 else []


def _one_project_said(question: str, facts: list[Fact]) -> bool:
    """Whether a noun of the question is said by one project's name or budget lines alone
    (참석수당 of "위원회 참석수당 예산 총 얼마"): a total asked of that project's budget, not of
    the plan's (기관, said by many, names none)."""
    for t in tokens(question):
        form = t.form
        if not t.tag.startswith("NN") or len(form) < 2 or form in _BUDGET_WORDS | INTERROGATIVES:
            continue
        owners = {
            f.row.project
            for f in facts
            if form in (f.row.project or "").replace(" ", "")
            or any(form in item.replace(" ", "") for item in f.row.items)
        }
        if len(owners) == 1:
            return True
    return False


def _team_alone(question: str, team: str) -> bool:
    """Whether the question names nothing but the team and its budget."""
    said = {t.form for t in tokens(team)} | _BUDGET_WORDS | INTERROGATIVES
    return all(t.form in said for t in tokens(question) if t.tag.startswith("NN"))


def _unbudgeted(c: Composer, facts: list[Fact], team: str | None) -> Answer | None:
    """The projects (of the team named) whose 소요예산 the plan writes as 비예산."""
    none = [f for f in facts if (f.row.amount or "").replace(" ", "") == _UNBUDGETED]
    if not none:
        return None
    when, year_refs = _plan_year(c, none[0])
    scope = f"{team}의 " if team else ""
    shown = none[:UNBUDGETED_SHOWN]
    names = ", ".join(f"'{f.row.project}'" for f in shown)
    more = " 등" if len(none) > len(shown) else ""
    answer = f"{when}{scope}비예산 사업은 {len(none)}개입니다: {names}{more}."
    refs = [c.ref(f, f"{f.row.project} 소요예산", f.row.amount) for f in none]
    count_ref = c.computed(f"{team or '전체'} 비예산 사업 수", str(len(none)), refs)
    return c.answer(answer, shown, [count_ref, *refs[: len(shown)], *year_refs])
