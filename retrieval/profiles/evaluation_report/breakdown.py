"""One part of this agency's evaluation broken into its parts: "리더십 영역 지표별 점수 알려줘",
"경영관리 분야 영역별 점수는?" — every line of the rating table under the part named, with its
득점 and 배점 as printed (가점 and 감점 lines said so)."""

from __future__ import annotations

import re

from retrieval.facts.compose import Composer
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.lines import (
    LEVEL_NAMES,
    bonus_line,
    deduction_line,
    named_parts,
)
from retrieval.profiles.evaluation_report.scores import max_display, own_report
from sosa.korean.text import region_of
from sosa.models import Answer

# "지표별", "영역마다", "세부 지표", "각 지표": the parts asked, each.
_EACH = re.compile(r"(지표|영역|분야)\s*(?:별|마다)|세부\s*(지표)|각\s*(지표|영역|분야)")
_LEVEL = {word: level for level, word in LEVEL_NAMES.items()}
_OUTER = {"indicator": ("area", "domain"), "area": ("domain",), "domain": ()}
# "경영성과 분야 세부 점수 알려줘": the level right under the part named (a field's areas, an
# area's indicators).
_DETAIL = re.compile(r"세부\s*(?:점수|내역|결과|득점)|점수\s*(?:를\s*)?(?:세부|자세히|상세)")
_INNER = {"domain": "area", "area": "indicator"}


def _part(f: Fact) -> str:
    row = f.row
    if row.level == "indicator":
        return row.description or row.indicator or ""
    return (row.area if row.level == "area" else row.domain) or ""


def _listed(parts: list[Fact]) -> str:
    """The lines, an indicator's under its name ("1. 기관장의 리더(9) — …, …; 2. …")."""
    groups: dict[str, list[str]] = {}
    for f in parts:
        key = (f.row.indicator or "") if f.row.level == "indicator" else ""
        groups.setdefault(key, []).append(_shown(f))
    return "; ".join(f"{k} — {', '.join(v)}" if k else ", ".join(v) for k, v in groups.items())


def _shown(f: Fact) -> str:
    row = f.row
    maximum = row.max_points or ""
    if deduction_line(row):
        return f"{_part(f)} 감점 {row.points}점(최대 {maximum}점)"
    if bonus_line(row):
        return f"{_part(f)} 가점 {row.points}점(최대 {maximum}점)"
    return f"{_part(f)} {row.points}점({max_display(maximum)})"


def breakdown(c: Composer) -> Answer | None:
    """The lines of the level asked ("지표별") under the area or field the question names;
    None when it names none, or more than one."""
    text = c.query.text
    m = _EACH.search(text)
    if m is None and not _DETAIL.search(text):
        return None
    home = region_of(c.repo.home)
    facts = [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if own_report(f) and region_of(f.row.agency) == home and f.row.points
    ]
    if m is None:
        # the part named and the level under it ("경영성과 분야 세부 점수": its areas)
        outers = [o for o in _INNER if named_parts([f for f in facts if f.row.level == o], text, o)]
        if len(outers) != 1:
            return None
        levels = [(_INNER[outers[0]], outers[0])]
    else:
        level = _LEVEL[next(g for g in m.groups() if g)]
        levels = [(level, outer) for outer in _OUTER[level]]
    for level, outer in levels:
        named = named_parts([f for f in facts if f.row.level == outer], text, outer)
        if len(named) != 1:
            continue
        (name,) = named
        parts = [f for f in facts if f.row.level == level and getattr(f.row, outer) == name]
        if len(parts) < 2:
            return None
        whole = next(f for f in facts if f.row.level == outer and getattr(f.row, outer) == name)
        kind, each = LEVEL_NAMES[outer], LEVEL_NAMES[level]
        year = f"{whole.year}년 경영평가 " if whole.year else ""
        answer = (
            f"{year}{name} {kind}(득점 {whole.row.points}점, {max_display(whole.row.max_points)})의 "
            f"{each}별 점수는 다음과 같습니다: " + _listed(parts) + "."
        )
        refs = [c.ref(whole, f"{name} 득점", whole.row.points or "")]
        refs += [c.ref(f, _part(f), f.row.points or "") for f in parts]
        return c.answer(answer, [whole, *parts], refs + c.year_ref(whole))
    return None
