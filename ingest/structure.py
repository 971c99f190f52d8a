"""Headings → breadcrumb sections, from the documents' own marks.

Report:  2024년 … 경영평가 결과 › 리더십 › 기관장의 리더십 › 기관의 사명과 사회적 역할
Plan:    2023년 연간수정사업계획서 › 시설지원팀 › 인력 공백에 대한 대체인력 파견 › 사업목표

In the business plan many projects lack their title line. Each team opens with its
세부실천과제 list, and projects follow in that order, so a project without a title takes the
next title from the list; failing that, its 사업개요 "(목 적)" line names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block

SEP = " › "

_TEAM_RE = re.compile(r"^(?:[①-⑳]|\d{1,2})\s*([가-힣]+(?:팀|센터|지원단))$")
_PROJECT_NO_RE = re.compile(r"^\d{1,2}$")
_GOALS_RE = re.compile(r"^<\s*(.+?)\s*>$")
_PURPOSE_RE = re.compile(r"^-?\s*\((?:목\s*적)\)\s*(.+)$")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")


def short_title(title: str) -> str:
    """Root of the breadcrumb: the title without the agency's name."""
    root = title.split(" — ")[0]
    root = re.sub(r"\S+도사회서비스원\s*", "", root).strip()
    return root or title


def _clean(text: str) -> str:
    return _BOLD_RE.sub(r"\1", text).strip()


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    rank: int
    group: int = 1


_REPORT_RULES = [
    Rule(re.compile(r"^◆\s*(.+)$"), 1),
    Rule(re.compile(r"^\d{1,2}\)\s*(.+)$"), 1),
    Rule(re.compile(r"^□\s*(.+)$"), 2),
    Rule(re.compile(r"^○\s*(.+)$"), 3),
]
_PLAN_RULES = [
    Rule(re.compile(r"^(\d{4}년\s+\S.{0,20}(?:목표|계획))$"), 1),
    Rule(re.compile(r"^(\d+대 비전.*)$"), 2),
    Rule(re.compile(r"^(0\d\.\s+.+)$"), 2),
    Rule(re.compile(r"^<\s*(.+?)\s*>$"), 3),
    Rule(re.compile(r"^□\s*(.+)$"), 3),
    Rule(re.compile(r"^[①-⑳]\s*(.+)$"), 4),
]
_GENERIC_RULES = [
    Rule(re.compile(r"^\d{1,2}\.\s+(.+)$"), 1),
    Rule(re.compile(r"^\d{1,2}\)\s*(.+)$"), 2),
    Rule(re.compile(r"^□\s*(.+)$"), 2),
    Rule(re.compile(r"^○\s*(.+)$"), 3),
]


def _rules(kind: str) -> list[Rule]:
    if kind == "evaluation_report":
        return _REPORT_RULES
    if kind == "business_plan":
        return _PLAN_RULES
    return _GENERIC_RULES


def _heading(text: str, rules: list[Rule]) -> tuple[int, str] | None:
    text = _clean(text)
    if len(text) > 60 or text.endswith(("다.", "함", "음", "임")) and len(text) > 30:
        return None
    for rule in rules:
        m = rule.pattern.match(text)
        if m:
            return rule.rank, m.group(rule.group).strip()
    return None


def _team_list(block: Block) -> list[tuple[int, str]]:
    """(number, title) pairs from a team's 세부실천과제 table."""
    out = []
    for row in block.rows:
        for j, cell in enumerate(row[:-1]):
            if _PROJECT_NO_RE.match(cell) and row[j + 1]:
                out.append((int(cell), _clean(row[j + 1])))
                break
    return out


def _is_team_list(block: Block) -> bool:
    head = " ".join(block.header)
    return block.kind == "table" and ("실천과제" in head or "추진전략" in head)


def _is_contact(block: Block) -> bool:
    return block.kind == "table" and any("담당자" in h for h in block.header)


def _purpose_after(blocks: list[Block], start: int) -> str | None:
    for b in blocks[start : start + 40]:
        if b.kind == "line":
            m = _PURPOSE_RE.match(_clean(b.text))
            if m:
                return m.group(1).strip()
            if _GOALS_RE.match(b.text.strip()) and b is not blocks[start]:
                return None
    return None


def plan_projects(blocks: list[Block]) -> dict[int, tuple[str | None, str]]:
    """Block index where a project starts -> (team, project title)."""
    starts: dict[int, tuple[str | None, str]] = {}
    team: str | None = None
    titles: dict[int, str] = {}
    last_no = 0
    explicit: tuple[int, int, str] | None = None  # (block index, number, title)
    for i, b in enumerate(blocks):
        if b.kind == "line":
            text = _clean(b.text)
            m = _TEAM_RE.match(text)
            if m:
                team, titles, last_no, explicit = m.group(1), {}, 0, None
                continue
            if (
                _PROJECT_NO_RE.match(text)
                and i + 1 < len(blocks)
                and blocks[i + 1].kind == "line"
                and not _heading(blocks[i + 1].text, _PLAN_RULES)
            ):
                explicit = (i, int(text), _clean(blocks[i + 1].text))
                continue
            if _GOALS_RE.match(text) and "사업목표" in text:
                if explicit is not None:
                    start, no, title = explicit
                    if no <= last_no and titles:
                        team, titles = None, {}  # numbering restarts: a team without a heading
                else:
                    no = last_no + 1
                    title = titles.get(no) or _purpose_after(blocks, i) or f"{no}번 사업"
                    if no not in titles and titles:
                        team, titles = None, {}
                    start = i - 1 if i > 0 and _is_contact(blocks[i - 1]) else i
                last_no = no
                starts[start] = (team, title)
                explicit = None
        elif _is_team_list(b):
            titles.update(dict(_team_list(b)))
    return starts


def assign_sections(blocks: list[Block], title: str, kind: str) -> list[str]:
    """One breadcrumb per block."""
    root = short_title(title)
    rules = _rules(kind)
    projects = plan_projects(blocks) if kind == "business_plan" else {}
    stack: list[tuple[int, str]] = []
    team: str | None = None
    sections: list[str] = []
    skip_next = False
    for i, b in enumerate(blocks):
        if i in projects:
            team_name, project = projects[i]
            stack = [(1, team_name)] if team_name else []
            stack.append((2, project))
        if b.kind == "line" and not skip_next:
            text = _clean(b.text)
            m = _TEAM_RE.match(text) if kind == "business_plan" else None
            if m:
                team = m.group(1)
                stack = [(1, team)]
            elif kind == "business_plan" and _PROJECT_NO_RE.match(text):
                skip_next = i in projects  # the title line right after the number
            else:
                h = _heading(text, rules)
                if h:
                    rank, name = h
                    stack = [s for s in stack if s[0] < rank]
                    stack.append((rank, name))
        elif skip_next:
            skip_next = False
        sections.append(SEP.join([root, *[name for _, name in stack]]))
    return sections
