"""One part of this agency's evaluation broken into its parts: "리더십 영역 지표별 점수 알려줘",
"경영관리 분야 영역별 점수는?" — every line of the rating table under the part named, with its
득점 and 배점 as printed (가점 and 감점 lines said so)."""

from __future__ import annotations

import re

from retrieval.facts.compose import Composer
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE, rank_asked
from retrieval.facts.ranker import short_group
from retrieval.facts.repository import Fact
from retrieval.profiles.evaluation_report.lines import (
    LEVEL_NAMES,
    bonus_line,
    deduction_line,
    full_marks,
    max_display,
    named_group,
    named_parts,
)
from retrieval.profiles.evaluation_report.scores import own_report
from retrieval.table_asks import CUT_RE
from sosa.korean.text import josa, region_of
from sosa.models import Answer

# "지표별", "영역마다", "세부 지표", "각 지표": the parts asked, each.
_EACH = re.compile(r"(지표|영역|분야)\s*(?:별|마다)|세부\s*(지표)|각\s*(지표|영역|분야)")
_LEVEL = {word: level for level, word in LEVEL_NAMES.items()}
_OUTER = {"indicator": ("area", "domain"), "area": ("domain",), "domain": ()}
# "경영성과 분야 세부 점수 알려줘": the level right under the part named (a field's areas, an
# area's indicators).
_DETAIL = re.compile(r"세부\s*(?:점수|내역|결과|득점)|점수\s*(?:를\s*)?(?:세부|자세히|상세)")
_INNER = {"domain": "area", "area": "indicator"}
# Whether a superlative ("배점 대비 가장 많이 깎인 세부지표는?") is left to the rankings: it
# asks which one of the parts, and 세부지표 names their level, not every one of them.
ONE_OF_THEM = True


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


def _own_scores(c: Composer) -> list[Fact]:
    """This agency's scored lines in its evaluation reports' own tables (not a news story's)."""
    home = region_of(c.repo.home)
    return [
        f
        for f in c.repo.facts_of("score", c.viewer)
        if own_report(f) and region_of(f.row.agency) == home and f.row.points
    ]


def breakdown(c: Composer) -> Answer | None:
    """The lines of the level asked ("지표별") under the area or field the question names;
    None when it names none, or more than one."""
    text = c.query.text
    m = _EACH.search(text)
    if m is None and not _DETAIL.search(text):
        return None
    if ONE_OF_THEM and (
        HIGHEST_RE.search(text) or LOWEST_RE.search(text) or CUT_RE.search(text) or rank_asked(text)
    ):
        return None
    facts = _own_scores(c)
    if m is not None:
        whole_evaluation = _whole(c, facts, _LEVEL[next(g for g in m.groups() if g)])
        if whole_evaluation is not None:
            return whole_evaluation
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


# The evaluation asked of as a whole ("경영평가 영역별 점수 다 보여줘"): no part named, a score
# or result asked.
_RESULT = re.compile(r"점수|득점|결과|평가|몇\s*점")


# Every indicator of the evaluation is too long a list for one answer: its areas are given,
# and how to ask an area's indicators.
_BY_AREA = " 지표별 점수는 영역 이름을 넣어 물어봐 주세요(예: ‘{area} 영역 지표별 점수’)."


def _whole(c: Composer, facts: list[Fact], level: str) -> Answer | None:
    """Every area (or field) of the latest evaluation with its 득점, under the 총점, when the
    question names none of the parts ("영역별 점수 보여줘"); its areas for its indicators."""
    text = c.query.text
    note = ""
    if level == "indicator":
        level, note = "area", _BY_AREA
    if not _RESULT.search(text) or any(
        named_parts([f for f in facts if f.row.level == lv], text, lv) for lv in _OUTER
    ):
        return None
    latest = max((f.year or 0 for f in facts if f.row.level == level), default=0)
    parts = [f for f in facts if f.row.level == level and (f.year or 0) == latest]
    total = next((f for f in facts if f.row.level == "total" and (f.year or 0) == latest), None)
    if len(parts) < 2 or total is None:
        return None
    year = f"{latest}년 " if latest else ""
    grade = f", {total.row.grade}등급" if total.row.grade else ""
    answer = (
        f"{year}경영평가(총점 {total.row.points}점{grade})의 {LEVEL_NAMES[level]}별 점수는 "
        "다음과 같습니다: " + _listed(parts) + "." + note.format(area=_part(parts[0]))
    )
    refs = [c.ref(total, "총점", total.row.points or "")]
    refs += [c.ref(f, _part(f), f.row.points or "") for f in parts]
    return c.answer(answer, [total, *parts], refs + c.year_ref(total))


# Which parts got all their points, asked ("만점 받은 지표 있어?", "만점인 영역은?"); not the
# points a part is worth ("만점이 몇 점이야?").
_FULL_MARKS_ASKED = re.compile(
    r"만점(?:을|으로)?\s*(?:받|맞|기록|획득)|만점인|만점이었|만점(?:이)?\s*나온"
    r"|만점\s*(?:지표|항목|영역|분야)"
)
# Which parts fell short of all their points ("만점 못 받은 세부지표가 어느 항목이야?", "만점이
# 아닌 지표는?"): the others.
_SHORT_ASKED = re.compile(
    r"만점(?:을|은|이)?\s*(?:못|안)\s*(?:받|맞|나|한)|만점(?:을|은|이)?\s*받지\s*못"
    r"|만점이?\s*아닌|만점에?\s*못\s*미친"
)
_LEVEL_ASKED = re.compile(r"(지표|항목|영역|분야)")
_NATURE = re.compile(r"(정량|정성)\s*(?:지표|평가|항목)")

# Whether "만점 못 받은 지표는?" lists the lines short of their points.
SHORT_OF_FULL_MARKS = True


def full_marks_listed(c: Composer) -> Answer | None:
    """The indicator lines (or areas, or fields) of the latest evaluation that got all their
    points, within the area or field the question names; said so when none did."""
    text = c.query.text
    # (the level asked is the last named: "주요사업 영역에서 만점 받은 지표")
    asked = _LEVEL_ASKED.findall(text)
    short = SHORT_OF_FULL_MARKS and bool(_SHORT_ASKED.search(text))
    if not asked or not (short or _FULL_MARKS_ASKED.search(text)):
        return None
    level = "indicator" if asked[-1] == "항목" else _LEVEL[asked[-1]]
    facts = _own_scores(c)
    latest = max((f.year or 0 for f in facts if f.row.level == level), default=0)
    facts = [f for f in facts if (f.year or 0) == latest]
    lines = [f for f in facts if f.row.level == level and not bonus_line(f.row)]
    nature = _NATURE.search(text)
    if nature is not None:
        # "정량지표 중 만점 받은 거": the lines of that nature (a 정성/정량 line is both)
        lines = [f for f in lines if nature.group(1) in (f.row.nature or "")]
    whole: Fact | None = next((f for f in facts if f.row.level == "total"), None)
    scope = "경영평가"
    for outer in _OUTER[level]:
        named = named_parts([f for f in facts if f.row.level == outer], text, outer)
        if len(named) == 1:
            (name,) = named
            lines = [f for f in lines if getattr(f.row, outer) == name]
            whole = next(f for f in facts if f.row.level == outer and getattr(f.row, outer) == name)
            scope = f"경영평가 {name} {LEVEL_NAMES[outer]}"
            break
    if level == "indicator" and scope == "경영평가" and (group := named_group(lines, text)):
        # "재무관리 지표 만점 받았어?": the lines of the one indicator group named
        lines = [f for f in lines if f.row.indicator == group]
        scope = f"경영평가 {short_group(group)}"
    if not lines or whole is None:
        return None
    year = f"{latest}년 " if latest else ""
    full = [f for f in lines if full_marks(f.row) and not deduction_line(f.row)]
    each = josa((nature.group(1) if nature else "") + LEVEL_NAMES[level], "은", "는")
    if short:
        # (a deduction line is no part short of its points: what it took off is asked apart)
        below = [f for f in lines if not full_marks(f.row) and not deduction_line(f.row)]
        if below:
            answer = (
                f"{year}{scope}에서 만점을 받지 못한 {each} 다음과 같습니다: "
                + _listed(below)
                + "."
            )
        else:
            answer = f"{year}{scope}의 {each} 모두 만점입니다: " + _listed(lines) + "."
        shown = below or lines
        refs = [c.ref(f, _part(f), f.row.points or "") for f in shown]
        return c.answer(answer, shown, refs + c.year_ref(whole))
    if full:
        answer = f"{year}{scope}에서 만점을 받은 {each} 다음과 같습니다: " + _listed(full) + "."
    else:
        answer = f"{year}{scope}에서 만점을 받은 {each} 없습니다: " + _listed(lines) + "."
    shown = full or lines
    refs = [c.ref(f, _part(f), f.row.points or "") for f in shown]
    return c.answer(answer, shown, refs + c.year_ref(whole))
