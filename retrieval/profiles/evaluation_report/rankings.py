"""Which area (영역), field (분야) or indicator (지표) of this agency's evaluation scored
highest or lowest.

Areas carry different 배점 (리더십 15, 정책성과 28), so the raw 득점 ranks the small areas
last whatever their result: the answer ranks by 득점률 (득점 ÷ 배점) and names the raw lowest
or highest too when that is another area, every figure shown with its inputs. Indicators are
ranked by their scored lines (the rating table's rows), within the area or field the question
names; "가장 많이 깎인" asks the lowest.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from retrieval.facts.compose import Composer
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE, rank_asked
from retrieval.facts.repository import Fact
from retrieval.intent import OTHERS, WHY_ASKED
from retrieval.listing import count_word
from retrieval.profiles.evaluation_report.arithmetic import group_rate
from retrieval.profiles.evaluation_report.lines import (
    LEVEL_NAMES,
    bonus_line,
    named_group,
    named_parts,
)
from retrieval.profiles.evaluation_report.scores import own_report
from retrieval.table_asks import CUT_RE
from sosa.korean.text import josa, ordinal_said, region_of
from sosa.models import Answer, FactRef
from sosa.numbers import format_decimal

_LEVELS = (("영역", "area"), ("분야", "domain"), ("지표", "indicator"), ("항목", "indicator"))
_LEVEL_WORD = re.compile(r"영역|분야|지표|항목")
# "가장 적게 깎인 영역": the least lost is the highest scored, though 적 reads as lowest.
_LEAST_CUT = re.compile(r"(?:가장|제일)\s*적게\s*(?:깎|줄|감점|감소)")
# An indicator's rows ranked: its few lowest (or highest) are shown, not all of them.
SHOWN_INDICATORS = 5


def _number(text: str | None) -> Decimal | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", text or "")
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:
        return None


def _name(f: Fact) -> str:
    row = f.row
    if row.level == "indicator":
        # a scored line of an indicator: the indicator (with its area) and what the line
        # measures, as the report's table says it
        parts = [row.area, row.indicator, row.description]
        return " › ".join(p for p in parts if p)
    return (row.area if row.level == "area" else row.domain) or ""


def _operands(c: Composer, f: Fact, name: str, maximum: Decimal) -> tuple[FactRef, FactRef]:
    """One part's 득점 and 배점 as quoted facts: the inputs of a figure worked out from them."""
    return (
        c.ref(f, f"{name} 득점", f.row.points or ""),
        c.ref(f, f"{name} 배점", format_decimal(maximum)),
    )


def _percent(points: Decimal, maximum: Decimal) -> str:
    """득점 ÷ 배점 in per cent, to one decimal as the answers print it (85, 93.2)."""
    return format_decimal((points / maximum * 100).quantize(Decimal("0.1")))


def _share(item: tuple[Fact, Decimal, Decimal]) -> Decimal:
    """A scored part's 득점 ÷ 배점."""
    return item[1] / item[2]


def _shown(item: tuple[Fact, Decimal, Decimal]) -> str:
    # The base 배점 only ("27(+0.5)" -> 27): the rate is of it, the bonus aside.
    f, points, maximum = item
    return f"{_name(f)} {f.row.points}점/{format_decimal(maximum)}점({_percent(points, maximum)}%)"


def _rate_refs(c: Composer, items: list[tuple[Fact, Decimal, Decimal]]) -> list[FactRef]:
    """Each part's 득점률 as a figure computed from its quoted 득점 and 배점, with them."""
    refs: list[FactRef] = []
    for f, points, maximum in items:
        operands = _operands(c, f, _name(f), maximum)
        refs.append(c.computed(f"{_name(f)} 득점률(%)", _percent(points, maximum), list(operands)))
        refs += operands
    return refs


# Whether the indicator ranked first is quoted by its own line's name alone (its area and
# indicator group said beside it, unquoted).
WINNER_ALONE_QUOTED = True
# Whether a superlative naming no level but a part ranks the parts right under that part.
RANK_BELOW_NAMED = True


def ranked(c: Composer) -> Answer | None:
    """ "점수가 가장 낮은 영역은?": the areas of the latest evaluation ranked by 득점률."""
    text = c.query.text
    highest, lowest = bool(HIGHEST_RE.search(text)), bool(LOWEST_RE.search(text))
    if CUT_RE.search(text) or _LEAST_CUT.search(text):
        # "가장 많이 깎인 영역": the most lost scored lowest, though 많이 reads as highest
        highest = bool(_LEAST_CUT.search(text))
        lowest = not highest
    place = 1
    if not (highest or lowest) and (asked := rank_asked(text)):
        # "점수가 두 번째로 낮은 영역은?": the part at that place
        place, highest = asked
        lowest = not highest
    # The level asked is the last one named: "정책성과 영역에서 … 지표는?" ranks indicators.
    said = _LEVEL_WORD.findall(text)
    level = dict(_LEVELS).get(said[-1]) if said else None
    if highest == lowest:
        return None
    home = region_of(c.repo.home)
    # (this agency's lines of its own report, read once for the level and the ranking)
    own = [
        f
        for f in c.ranker.score_facts(c.query, c.viewer)
        if own_report(f) and region_of(f.row.agency) == home
    ]
    if level is None and RANK_BELOW_NAMED:
        # "경영관리 점수 제일 낮은 건?" (or "그 중 제일 낮은 건?" after its score): no level
        # named, a part is: the parts right under it are ranked (a field's areas, an area's
        # indicators).
        if named_parts(own, text, "area"):
            level = "indicator"
        elif named_parts(own, text, "domain"):
            level = "area"
    if level is None:
        return None
    if level == "indicator" and CUT_RE.search(text) and "배점" in text:
        # "배점 대비 가장 많이 깎인 지표": the columns named, the rating table's rows answer,
        # each with the share of its 배점 it lost (table_aggregates)
        return None
    facts = [f for f in own if f.row.level == level]
    # "정책성과 영역에서 가장 낮은 지표는?": within the area (or field) the question names.
    for outer in ("area", "domain"):
        named = named_parts(facts, text, outer)
        if named and outer != level:
            facts = [f for f in facts if getattr(f.row, outer) in named]
    if level == "indicator" and (group := named_group(facts, text)) is not None:
        # "민간지원 지표 중 제일 낮은 건?": the lines of the one indicator group named
        facts = [f for f in facts if f.row.indicator == group]
    scored = [
        (f, p, m)
        for f in facts
        if (p := _number(f.row.points)) is not None
        and (m := _number(f.row.max_points))
        # a bonus line (가점) is outside the 배점 an indicator is scored on: one not earned
        # lowered nothing
        and not bonus_line(f.row)
    ]
    if len(scored) < 2 or len({_name(f) for f, _p, _m in scored}) != len(scored):
        return None  # one evaluation's areas, once each

    by_share = sorted(scored, key=_share, reverse=highest)
    if place > 1:
        return _at_place(c, by_share, place, highest, level)
    by_points = sorted(scored, key=lambda x: x[1], reverse=highest)
    first = by_share[0]
    tied = [x for x in by_share if _share(x) == _share(first)]
    if len(tied) > 1 and level != "indicator":
        return None  # a tie: no one area
    word = "높은" if highest else "낮은"
    kind = LEVEL_NAMES[level]
    if level == "indicator":
        # Indicators' 배점 are of one scale (0.5–8): the raw lowest says little beside the
        # rate, and the few nearest the end are what the asker reads.
        by_points = by_share
        # "득점률이 가장 높은 지표는?": many at 100 %, none first; they are shown
        by_share = (tied if len(tied) > 1 else by_share)[:SHOWN_INDICATORS]

    def rate(item: tuple[Fact, Decimal, Decimal]) -> str:
        return _percent(item[1], item[2])

    f0 = first[0]
    year = f"{f0.year}년 경영평가에서 " if f0.year else ""
    # The winner quoted (‘주요사업’): a follow-up ("왜 깎였어?") is about it.
    if len(tied) > 1:
        more = " 등" if len(tied) > len(by_share) else ""
        answer = (
            f"{year}득점률(득점÷배점)이 {rate(first)}%로 가장 {word} {josa(kind, '은', '는')} "
            "여럿입니다: " + ", ".join(_shown(x) for x in by_share) + f"{more}."
        )
    else:
        # (an indicator's line quoted alone, the parts it sits under beside it: "정부위탁사업
        # 운영계획은 왜 낮았어?" next names a sibling under the same 정부위탁사업 운영, not a
        # word of the winner's own name)
        alone = WINNER_ALONE_QUOTED and f0.row.level == "indicator" and f0.row.description
        under = " › ".join(p for p in (f0.row.area, f0.row.indicator) if p)
        quoted = f"‘{f0.row.description}’({under}, " if alone else f"‘{_name(f0)}’("
        answer = (
            f"{year}득점률(득점÷배점)이 가장 {word} {josa(kind, '은', '는')} {quoted}"
            f"{f0.row.points}점/{format_decimal(first[2])}점, {rate(first)}%)입니다."
        )
    raw = by_points[0]
    if len(tied) == 1 and raw[0] is not f0:
        verb = "높습니다" if highest else "낮습니다"
        answer += (
            f" 득점 자체로는 {_name(raw[0])} {raw[0].row.points}점이 가장 {verb}"
            f" ({kind}마다 배점이 다릅니다)."
        )
    if len(tied) == 1:
        listed = "전체" if level != "indicator" else f"{word} 순으로"
        answer += f" {listed}: " + ", ".join(_shown(x) for x in by_share) + "."
    refs = _rate_refs(c, by_share) + c.year_ref(f0)
    return c.answer(answer, [f for f, _p, _m in by_share], refs)


def _at_place(
    c: Composer,
    by_share: list[tuple[Fact, Decimal, Decimal]],
    place: int,
    highest: bool,
    level: str,
) -> Answer | None:
    """The part at a place of the 득점률 ranking ("두 번째로 낮은 영역"), with the parts ranked
    above it; the parts sharing it when the place falls inside a tie. None past the end."""
    if place > len(by_share):
        return None

    at = by_share[place - 1]
    tied = [x for x in by_share if _share(x) == _share(at)]
    word, kind = ("높은" if highest else "낮은"), LEVEL_NAMES[level]
    f, points, maximum = at
    year = f"{f.year}년 경영평가에서 " if f.year else ""
    shown = by_share[: place + 1] if level == "indicator" else by_share
    if len(tied) > 1:
        # "리더십 영역에서 두 번째로 낮은 지표는?" where three share the lowest rate: the
        # place is theirs together, not one indicator's
        answer = (
            f"{year}득점률(득점÷배점)이 {_percent(points, maximum)}%로 같은 {josa(kind, '이', '가')} "
            f"여럿이라, {ordinal_said(place)}로 {word} {josa(kind, '은', '는')} 하나로 정해지지 "
            f"않습니다: " + ", ".join(_shown(x) for x in tied) + "."
        )
        shown = tied
    else:
        answer = (
            f"{year}득점률(득점÷배점)이 {ordinal_said(place)}로 {word} {josa(kind, '은', '는')} "
            f"‘{_name(f)}’({f.row.points}점/{format_decimal(maximum)}점, "
            f"{_percent(points, maximum)}%)입니다. {word} 순으로: "
            + ", ".join(_shown(x) for x in shown)
            + "."
        )
    refs = _rate_refs(c, shown) + c.year_ref(f)
    return c.answer(answer, [g for g, _p, _m in [at, *(x for x in shown if x is not at)]], refs)


# "다른 시도는 어땠어?", "다른 사회서비스원 등급은?": every other agency's result the
# documents give (a ministry's release lists grades, a news item a total), latest year; asked
# of a result (its grade, score or evaluation), not of anything else elsewhere.
_RESULT_ASKED = re.compile(r"등급|점수|총점|결과|평가|어땠|어떻게\s*나왔")


def others(c: Composer) -> Answer | None:
    """The other agencies' totals and grades of the latest evaluation year, best first."""
    if not OTHERS.search(c.query.text) or not _RESULT_ASKED.search(c.query.text):
        return None
    home = region_of(c.repo.home)
    every = c.repo.facts_of("score", c.viewer)
    if any(named_parts(every, c.query.text, level) for level in ("area", "domain")):
        return None  # others' 리더십 is no total: not given for every agency
    totals = [
        f
        for f in every
        if f.row.level == "total" and (region := region_of(f.row.agency)) and region != home
    ]
    newest = max((f.year for f in totals if f.year is not None), default=None)
    best: dict[str, Fact] = {}
    for f in totals:
        if f.year != newest:
            continue
        region = region_of(f.row.agency) or ""
        have = best.get(region)
        # (the fact giving a total too, 대전's 97.43점, over the one giving the grade alone)
        if have is None or (f.row.points and not have.row.points):
            best[region] = f
    if not best:
        return None
    order = "SABCD"
    ranked_facts = sorted(
        best.values(),
        key=lambda f: (
            order.find(f.row.grade) if f.row.grade in order else 9,
            -(_number(f.row.points) or Decimal(0)),
        ),
    )
    parts, refs = [], []
    for f in ranked_facts:
        region = region_of(f.row.agency) or f.row.agency or ""
        said = f.row.grade or ""
        if f.row.grade:
            refs.append(c.ref(f, f"{f.row.agency} 등급", f.row.grade))
        if f.row.points:
            said += f"(총점 {f.row.points}점)"
            refs.append(c.ref(f, f"{f.row.agency} 총점", f.row.points))
        parts.append(f"{region} {said}".strip())
    when = f"{newest}년 경영평가에서 " if newest else ""
    text = f"{when}문서에 나온 다른 시도 사회서비스원의 결과는 " + ", ".join(parts) + "입니다."
    return c.answer(text, ranked_facts, [*refs, *c.year_ref(ranked_facts[0])])


# Points lost asked, not the most lost: "몇 점 깎였어?", "감점된 지표 다 알려줘".
_LOST = re.compile(
    r"몇\s*점\s*(?:이나\s*)?(?:깎|감점|잃|빠졌)|감점된|깎인|깎였|만점\s*(?:을\s*)?못"
    # (a follow-up rewritten to its words: "거기서 감점된 지표는?" -> "주요사업 감점 지표")
    r"|감점\s*(?:받은\s*)?(?:지표|항목)"
)
_ALL_ASKED = re.compile(
    r"다\s*(?:알려|보여|말해)|모두|전부|뭐\s*뭐|목록|어떤\s*(?:게|것|지표)|뭐(?:야|있)|있(?:어|나|습|는)"
)
_LOST_THINGS = re.compile(
    r"(?:감점된|감점\s*받은|깎인|깎였던)\s*(?:거|것|건|게|데|곳)(?![가-힣])|(?:감점된|깎인)\s*(?:거|게)(?:는|야|예요|에요|있)"
)
# Indicators short of their 배점 listed at most.
SHOWN_LOST = 10


def lost_points(c: Composer) -> Answer | None:
    """ "리더십 영역은 몇 점 깎였어?": the area's (or field's) 배점 less its 득점, worked out from
    both; "감점된 지표 다 알려줘": the indicators scored below their 배점, the most lost first.
    None for a superlative ("가장 많이 깎인": `ranked`) or when no part is named nor all
    asked."""
    text = c.query.text
    if not _LOST.search(text) or HIGHEST_RE.search(text) or LOWEST_RE.search(text):
        return None
    if WHY_ASKED.search(text):
        # "왜 깎였어?": the evaluators' reasons (reasons.py), not the arithmetic
        return None
    if CUT_RE.search(text):
        return None
    home = region_of(c.repo.home)
    facts = [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if own_report(f) and region_of(f.row.agency) == home and not bonus_line(f.row)
    ]
    # ("감점된 거는?", "깎인 거 있어?": the things that lost points, its parts, are asked)
    listing = "지표" in text or bool(_LOST_THINGS.search(text))
    scope = ""
    for level in ("area", "domain"):
        of_level = [f for f in facts if f.row.level == level]
        named = named_parts(of_level, text, level)
        if listing and named:
            # "경영성과에서 감점된 지표 있어?": the indicators within it (a field's by its
            # areas: an indicator's row names its area)
            areas = {
                f.row.area
                for f in facts
                if f.row.level == "area" and getattr(f.row, level) in named
            }
            facts = [f for f in facts if getattr(f.row, level) in named or f.row.area in areas]
            scope = " " + ", ".join(sorted(named)) + f" {LEVEL_NAMES[level]}에서"
            continue
        if listing or len(named) != 1:
            continue
        (name,) = named
        f = next(x for x in of_level if getattr(x.row, level) == name)
        points, maximum = _number(f.row.points), _number(f.row.max_points)
        if points is None or maximum is None:
            return None
        lost = format_decimal(maximum - points)
        kind = LEVEL_NAMES[level]
        year = f"{f.year}년 경영평가 " if f.year else ""
        answer = (
            f"{year}{name} {josa(kind, '은', '는')} 배점 {format_decimal(maximum)}점 중 "
            f"{f.row.points}점을 받아 "
            f"{lost}점이 모자랐습니다."
        )
        got, full = _operands(c, f, name, maximum)
        lost_ref = c.computed(f"{name} 배점 − 득점", lost, [full, got])
        return c.answer(answer, [f], [lost_ref, got, full, *c.year_ref(f)])
    # ("…에서 감점된 지표는?" names the part whose indicators are asked: a list, as "다 알려줘")
    if not listing or not (scope or _ALL_ASKED.search(text)):
        return None
    short = [
        (f, p, m)
        for f in facts
        if f.row.level == "indicator"
        and (p := _number(f.row.points)) is not None
        and (m := _number(f.row.max_points))
        and p < m
    ]
    if not short:
        return None
    short.sort(key=lambda x: x[1] / x[2])
    shown = short[:SHOWN_LOST]
    # (an indicator by its area and what it measures: its group's numbering, "1. 서비스의
    # 질(10)", is not in every line's quote)
    listed = ", ".join(
        f"{' › '.join(x for x in (f.row.area, f.row.description or f.row.indicator) if x)} "
        f"{f.row.points}점/{format_decimal(m)}점"
        for f, _p, m in shown
    )
    # (in words: the count shown is no figure of the report's)
    more = (
        f" (득점률이 낮은 순으로 앞의 {count_word(len(shown))})" if len(short) > len(shown) else ""
    )
    f0 = short[0][0]
    year = f"{f0.year}년 경영평가" if f0.year else "경영평가"
    year += f"{scope} " if scope else "에서 "
    refs: list[FactRef] = []
    for f, _p, m in short:
        refs += _operands(c, f, _name(f), m)
    count = c.computed("배점에 못 미친 지표 수", str(len(short)), refs)
    answer = f"{year}배점보다 낮게 받은 지표는 {len(short)}개입니다{more}: {listed}."
    return c.answer(answer, [f for f, _p, _m in shown], [count, *refs, *c.year_ref(f0)])


# One part's share of its 배점 asked: "리더십 득점률은?", "배점 대비 몇 %야?".
# (a bare "몇 %" asks a target's rate as often: "공시율 목표 몇 %야?")
_RATE_ASKED = re.compile(r"득점률|(?:배점|만점)\s*대비\s*(?:몇|얼마)")


def rate_of(c: Composer) -> Answer | None:
    """ "리더십 득점률은?": the area's (field's, or one scored line's) 득점 ÷ 배점, worked out from
    both. None for a ranking ("가장 …": `ranked`) or when no one part is named."""
    text = c.query.text
    if not _RATE_ASKED.search(text) or HIGHEST_RE.search(text) or LOWEST_RE.search(text):
        return None
    if CUT_RE.search(text) or _LOST.search(text):
        return None
    home = region_of(c.repo.home)
    facts = [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if own_report(f) and region_of(f.row.agency) == home and not bonus_line(f.row)
    ]
    part: Fact | None = None
    for level in ("area", "domain"):
        of_level = [f for f in facts if f.row.level == level]
        named = named_parts(of_level, text, level)
        if len(named) == 1 and not _LEVEL_WORD.search(text.replace(LEVEL_NAMES[level], "")):
            part = next(x for x in of_level if getattr(x.row, level) in named)
            break
    if part is None:
        hits = [h for h in c.ranker.candidates("score", c.query, c.viewer) if h.good()]
        if not hits or hits[0].fact.row.level != "indicator" or not own_report(hits[0].fact):
            return None
        if any(h.matched == hits[0].matched for h in hits[1:3]):
            # lines the question cannot tell apart: the indicator group they make, when the
            # question names it ("정부위탁사업 운영 배점 대비 몇 퍼센트야?")
            return group_rate(c)
        part = hits[0].fact
    points, maximum = _number(part.row.points), _number(part.row.max_points)
    if points is None or not maximum:
        return None
    rate = _percent(points, maximum)
    name = _name(part) if part.row.level == "indicator" else (part.row.area or part.row.domain)
    year = f"{part.year}년 경영평가 " if part.year else ""
    answer = (
        f"{year}‘{name}’의 배점 대비 득점률(득점÷배점)은 {rate}%입니다 "
        f"({part.row.points}점/{format_decimal(maximum)}점)."
    )
    got, full = _operands(c, part, name, maximum)
    share = c.computed(f"{name} 득점률(%)", rate, [got, full])
    return c.answer(answer, [part], [share, got, full, *c.year_ref(part)])
