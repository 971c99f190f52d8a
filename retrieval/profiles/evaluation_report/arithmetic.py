"""Figures computed from quoted facts: an indicator group's sum, two agencies' difference.

Computed with decimal.Decimal; the answer carries a "computed" FactRef whose inputs are the
quoted figures, so every number shown is either quoted or derived from quotes.
"""

from __future__ import annotations

import re
from decimal import Decimal

from retrieval.facts.compose import Composer
from retrieval.facts.query import ADDED_RE, DIFF_RE, SUM_RE
from retrieval.facts.ranker import short_group
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.lines import LEVEL_NAMES, deduction_line, max_display
from sosa.korean.text import josa, nospace, region_of, token_set
from sosa.models import Answer
from sosa.numbers import format_decimal, to_decimal

_COUNT_RE = re.compile(r"(두|세|네|다섯|\d+)\s*(?:개|가지)")
_COUNTS = {"두": 2, "세": 3, "네": 4, "다섯": 5}


def arithmetic(c: Composer) -> Answer | None:
    if DIFF_RE.search(c.query.text) and len(c.query.regions) >= 2:
        return _difference(c)
    if SUM_RE.search(c.query.text):
        return _sum(c)
    return None


def _groups(c: Composer) -> dict[tuple[str, str, str], list[Fact]]:
    """Indicators with points by (document, area, indicator group), in table order."""
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for f in c.ranker.score_facts(c.query, c.viewer):
        if f.row.level == "indicator" and f.row.points:
            key = (f.document, f.row.area or "", f.row.indicator or "")
            groups.setdefault(key, []).append(f)
    return groups


def _named_group(c: Composer, words: str) -> tuple[list[Fact], str] | None:
    """The indicator group whose name the words spell out (most of its name's weight)."""
    w = c.repo.weights["score"]
    q = frozenset(t for t in token_set(words) if t in w.df)
    best: tuple[float, list[Fact], str] | None = None
    for (_doc, _area, group), members in _groups(c).items():
        name = members[0].extra.get("group_title") or short_group(group)
        for label in (name, short_group(group)):
            mass = w.mass(q & token_set(label))
            own = w.mass(token_set(label)) or 1.0
            # Kiwi may split the label one way in the question and another in the table.
            spelled = bool(nospace(label)) and nospace(label) in nospace(words)
            if (mass / own >= 0.8 or spelled) and (best is None or mass > best[0]):
                best = (mass, members, name)
    return (best[1], best[2]) if best else None


def _sum(c: Composer) -> Answer | None:
    named = _named_group(c, c.query.subject)
    if named is None:
        return None
    members, name = named
    count = _COUNT_RE.search(c.query.text)
    if count:
        tok = count.group(1)
        n = _COUNTS.get(tok) or (int(tok) if tok.isdigit() else None)
        if n is not None and n != len(members):
            return None  # "세 개" but the group has another count: not what was asked
    return _sum_answer(c, members, name)


def group_sum(c: Composer, tied: list[Fact]) -> Answer | None:
    """ "재무관리 점수는?": the tied indicators are one group the question names: its sum."""
    named = _named_group(c, c.query.topic)
    if named is None:
        return None
    members, name = named
    if not all(f in members for f in tied):
        return None
    return _sum_answer(c, members, name)


# The 배점 an indicator group is printed with: "2. 정부위탁사업 운영(6)" -> 6 (a 가점 beside
# it, "(+0.5)", is outside it).
_GROUP_MAX = re.compile(r"\((\d+(?:\.\d+)?)\)")


def group_max(members: list[Fact]) -> str | None:
    m = _GROUP_MAX.search(members[0].row.indicator or "") if members else None
    return m.group(1) if m else None


def _points_of(members: list[Fact]) -> list[tuple[Fact, str]] | None:
    """Each line's 득점, or None when a deduction was taken (how the table nets it is not for
    us to guess) or a line has none."""
    if any(deduction_line(m.row) and to_decimal(m.row.points) for m in members):
        return None
    parts = [(m, m.row.points or "") for m in members]
    if not parts or any(to_decimal(v) is None for _m, v in parts):
        return None
    return parts


def group_rate(c: Composer) -> Answer | None:
    """ "정부위탁사업 운영 배점 대비 몇 퍼센트야?": the group's 득점 (its lines' sum) ÷ the 배점
    it is printed with, worked out from both."""
    named = _named_group(c, c.query.topic or c.query.subject)
    if named is None:
        return None
    members, name = named
    parts, maximum = _points_of(members), group_max(members)
    full = to_decimal(maximum)
    if parts is None or not full:
        return None
    total = sum((to_decimal(v) or Decimal(0) for _m, v in parts), Decimal(0))
    rate = (total / full * 100).quantize(Decimal("0.1"))
    shown = format_decimal(rate)
    text = (
        f"‘{name}’ 지표의 배점 대비 득점률(득점÷배점)은 {shown}%입니다 "
        f"({total}점/{maximum}점, 득점 {' + '.join(v for _m, v in parts)})."
    )
    inputs = [c.ref(m, m.row.description or "", v) for m, v in parts]
    points = c.computed(f"{name} 지표 득점 합계", str(total), inputs)
    printed = c.ref(members[0], members[0].row.indicator or name, maximum or "")
    # (a computed figure's inputs are quoted ones: the lines' points and the printed 배점)
    share = c.computed(f"{name} 득점률(%)", shown, [*inputs, printed])
    return c.answer(text, members, [share, points, printed, *inputs])


def _sum_answer(c: Composer, members: list[Fact], name: str) -> Answer | None:
    text_q = nospace(c.query.text)
    if "배점" in text_q and "득점" not in text_q:
        # "재무관리 배점은?": the points the group is worth; a deduction item (△1.5) adds none.
        members = [m for m in members if not deduction_line(m.row)]
        parts = [(m, m.row.max_points or "") for m in members]
        what = "배점"
    else:
        scored = _points_of(members)
        if scored is None:
            return None
        parts, what = scored, "득점"
    if not parts or any(to_decimal(v) is None for _m, v in parts):
        return None
    total = sum((to_decimal(v) or Decimal(0) for _m, v in parts), Decimal(0))
    shown = " + ".join(v for _m, v in parts)
    # (the 득점 beside the 배점 the group is printed with: "3.00점(배점 6점)")
    out_of = f"(배점 {maximum}점)" if what == "득점" and (maximum := group_max(members)) else ""
    text = f"‘{name}’ 지표 {what}의 합은 {total}점{out_of}입니다({shown})."
    inputs = [c.ref(m, m.row.description or "", v) for m, v in parts]
    ref = c.computed(f"{name} 지표 {what} 합계", str(total), inputs)
    return c.answer(text, members, [ref])


def _difference(c: Composer) -> Answer | None:
    level, domain = "total", None
    for d in ("경영관리", "경영성과"):
        if d in nospace(c.query.text):
            level, domain = "domain", d
    years = c.query.years
    by_region: list[list[Fact]] = []
    for region in c.query.regions[:2]:
        by_region.append(
            [
                f
                for f in c.repo.facts_of("score", c.viewer)
                if region_of(f.row.agency) == region
                and f.row.level == level
                and f.row.points
                and (domain is None or f.row.domain == domain)
                and (not years or set(years) & {f.row.year, f.row.performance_year})
            ]
        )
    if not years:  # two agencies are compared in the latest evaluation year both have
        common = set.intersection(*({f.row.year for f in fs} for fs in by_region))
        if common:
            by_region = [[f for f in fs if f.row.year == max(common)] for fs in by_region]
    picked: list[Fact] = []
    for cands in by_region:
        cands.sort(key=lambda f: f.origin != "table")
        if not cands:
            return None
        picked.append(cands[0])
    a, b = picked
    va, vb = to_decimal(a.row.points), to_decimal(b.row.points)
    if va is None or vb is None:
        return None
    diff = abs(va - vb)
    what = f"{domain} 점수" if domain else "총점"
    ra, rb = c.query.regions[0], c.query.regions[1]
    text = f"{ra}({a.row.points}점)과 {rb}({b.row.points}점)의 {what} 차이는 {diff}점입니다."
    inputs = [
        c.ref(a, f"{a.row.agency} {what}", a.row.points),
        c.ref(b, f"{b.row.agency} {what}", b.row.points),
    ]
    ref = c.computed(f"{ra}·{rb} {what} 차이", str(diff), inputs)
    return c.answer(text, [a, b], [ref])


# Two parts of the evaluation set side by side: "경영관리랑 경영성과 점수 합치면?",
# "사회적책임이랑 경영시스템 중 어느 게 더 높아?", "리더십과 주요사업 점수 차이는?".
_EACH_ASKED = re.compile(r"비교|각각|둘\s*다|점수|득점|몇\s*점")
_WHICH_MORE = re.compile(r"어느\s*(?:게|것이|쪽이?|영역이?|분야가?)|더\s*(?:높|낮|잘|못)")


def parts_compared(c: Composer) -> Answer | None:
    """Two areas (or two fields) of this agency's latest evaluation the question names, added,
    subtracted or set against each other, by their 득점 as the report's tables print them."""
    text = c.query.text
    summed = bool(SUM_RE.search(text) or ADDED_RE.search(text))
    differ = bool(DIFF_RE.search(text))
    which = bool(_WHICH_MORE.search(text))
    # (or each told beside the other: "경영관리랑 경영성과 점수는?", "… 점수 비교해줘")
    each = not (summed or differ or which) and bool(_EACH_ASKED.search(text))
    if summed + differ + which + each != 1:
        return None
    home = region_of(c.repo.home)
    facts = [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if f.doc_kind == "evaluation_report"
        and f.origin == "table"
        and region_of(f.row.agency) == home
        and f.row.level in ("area", "domain")
        and to_decimal(f.row.points) is not None
    ]
    newest = max((f.year for f in facts if f.year is not None), default=None)
    facts = [f for f in facts if f.year == newest]
    said = nospace(text)
    for level in ("area", "domain"):
        named = [f for f in facts if f.row.level == level and nospace(_part(f)) in said]
        if len({_part(f) for f in named}) != len(named):
            return None  # one part twice: not one evaluation's parts
        if len(named) == 2:
            break
    else:
        return None
    # (in the order the question names them)
    a, b = sorted(named, key=lambda f: said.find(nospace(_part(f))))
    va, vb = to_decimal(a.row.points), to_decimal(b.row.points)
    if va is None or vb is None:
        return None
    na, nb = _part(a), _part(b)
    when = f"{a.year}년 경영평가 " if a.year else ""
    inputs = [
        c.ref(a, f"{na} 득점", a.row.points or ""),
        c.ref(b, f"{nb} 득점", b.row.points or ""),
    ]
    years = c.year_ref(a)
    # (the particle after the figure is the name's: "리더십(12.75점)과")
    both = f"{na}({a.row.points}점){josa(na, '과', '와')[len(na) :]} {nb}({b.row.points}점)의 득점"
    if each:
        text_out = f"{when}" + ", ".join(
            f"{_part(f)} {LEVEL_NAMES[f.row.level]} 득점은 {f.row.points}점"
            f"({max_display(f.row.max_points)})"
            for f in (a, b)
        )
        maxima = [c.ref(f, f"{_part(f)} 배점", f.row.max_points or "") for f in (a, b)]
        return c.answer(text_out + "입니다.", [a, b], [*inputs, *maxima, *years])
    if which:
        if va == vb:
            text_out = f"{when}{both}은 같습니다."
        else:
            hi, lo = (a, b) if va > vb else (b, a)
            text_out = (
                f"{when}득점은 {_part(hi)}({hi.row.points}점, {max_display(hi.row.max_points)})이 "
                f"{_part(lo)}({lo.row.points}점, {max_display(lo.row.max_points)})보다 높습니다."
            )
        maxima = [c.ref(f, f"{_part(f)} 배점", f.row.max_points or "") for f in (a, b)]
        return c.answer(text_out, [a, b], [*inputs, *maxima, *years])
    value = va + vb if summed else abs(va - vb)
    what = "합" if summed else "차이"
    text_out = f"{when}{both} {josa(what, '은', '는')} {value}점입니다."
    ref = c.computed(f"{na}·{nb} 득점 {what}", str(value), inputs)
    return c.answer(text_out, [a, b], [ref, *inputs, *years])


def _part(f: Fact) -> str:
    return (f.row.area if f.row.level == "area" else f.row.domain) or ""
