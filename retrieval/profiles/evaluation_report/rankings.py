"""Which area (영역) or field (분야) of this agency's evaluation scored highest or lowest.

Areas carry different 배점 (리더십 15, 정책성과 28), so the raw 득점 ranks the small areas
last whatever their result: the answer ranks by 득점률 (득점 ÷ 배점) and names the raw lowest
or highest too when that is another area, every figure shown with its inputs.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from retrieval.facts.compose import Composer
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.scores import own_report
from sosa.korean.text import josa, region_of
from sosa.models import Answer, FactRef
from sosa.numbers import format_decimal

_LEVELS = (("영역", "area"), ("분야", "domain"))
_LEVEL_WORD = re.compile(r"영역|분야|지표|항목")


def _number(text: str | None) -> Decimal | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", text or "")
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:
        return None


def _name(f: Fact) -> str:
    return (f.row.area if f.row.level == "area" else f.row.domain) or ""


def ranked(c: Composer) -> Answer | None:
    """ "점수가 가장 낮은 영역은?": the areas of the latest evaluation ranked by 득점률."""
    text = c.query.text
    highest, lowest = bool(HIGHEST_RE.search(text)), bool(LOWEST_RE.search(text))
    # The level asked is the last one named: "정책성과 영역에서 … 지표는?" ranks indicators.
    said = _LEVEL_WORD.findall(text)
    level = dict(_LEVELS).get(said[-1]) if said else None
    if level is None or highest == lowest:
        return None
    home = region_of(c.repo.home)
    facts = [
        f
        for f in c.ranker.score_facts(c.query, c.viewer)
        if f.row.level == level and own_report(f) and region_of(f.row.agency) == home
    ]
    scored = [
        (f, p, m)
        for f in facts
        if (p := _number(f.row.points)) is not None and (m := _number(f.row.max_points))
    ]
    if len(scored) < 2 or len({_name(f) for f, _p, _m in scored}) != len(scored):
        return None  # one evaluation's areas, once each

    def share(item: tuple[Fact, Decimal, Decimal]) -> Decimal:
        return item[1] / item[2]

    by_share = sorted(scored, key=share, reverse=highest)
    by_points = sorted(scored, key=lambda x: x[1], reverse=highest)
    first = by_share[0]
    if len(by_share) > 1 and share(by_share[1]) == share(first):
        return None  # a tie: no one area
    word = "높은" if highest else "낮은"
    kind = "영역" if level == "area" else "분야"

    def rate(item: tuple[Fact, Decimal, Decimal]) -> str:
        return format_decimal((share(item) * 100).quantize(Decimal("0.1")))

    def shown(item: tuple[Fact, Decimal, Decimal]) -> str:
        # The base 배점 only ("27(+0.5)" -> 27): the rate is of it, the bonus aside.
        f, _p, m = item
        return f"{_name(f)} {f.row.points}점/{format_decimal(m)}점({rate(item)}%)"

    f0 = first[0]
    year = f"{f0.year}년 경영평가에서 " if f0.year else ""
    # The winner quoted (‘주요사업’): a follow-up ("왜 깎였어?") is about it.
    answer = (
        f"{year}득점률(득점÷배점)이 가장 {word} {josa(kind, '은', '는')} ‘{_name(f0)}’"
        f"({f0.row.points}점/{format_decimal(first[2])}점, {rate(first)}%)입니다."
    )
    raw = by_points[0]
    if raw[0] is not f0:
        verb = "높습니다" if highest else "낮습니다"
        answer += (
            f" 득점 자체로는 {_name(raw[0])} {raw[0].row.points}점이 가장 {verb}"
            " (영역마다 배점이 다릅니다)."
        )
    answer += " 전체: " + ", ".join(shown(x) for x in by_share) + "."
    refs: list[FactRef] = []
    for item in by_share:
        f, _p, m = item
        points = c.ref(f, f"{_name(f)} 득점", f.row.points or "")
        maximum = c.ref(f, f"{_name(f)} 배점", format_decimal(m))
        refs.append(
            FactRef(
                type="computed",
                label=f"{_name(f)} 득점률(%)",
                value=rate(item),
                document=f.document,
                inputs=[points, maximum],
            )
        )
        refs += [points, maximum]
    refs += c.year_ref(f0)
    return c.answer(answer, [f for f, _p, _m in by_share], refs)
