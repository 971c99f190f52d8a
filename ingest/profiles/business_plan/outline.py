"""The business plan's structure: heading marks, teams, and projects whose title line is missing.

Plan breadcrumb: 2023년 연간수정사업계획서 › 시설지원팀 › 인력 공백에 대한 대체인력 파견 › 사업목표

Many projects lack their title line. Each team opens with its 세부실천과제 list, and projects
follow in that order, so a project without a title takes the next title from the list; failing
that, its 사업개요 "(목 적)" line names it.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.profiles.base import Outline, Rule, clean, heading
from ingest.profiles.text import SEP

RULES = (
    Rule(re.compile(r"^(\d{4}년\s+\S.{0,20}(?:목표|계획))$"), 1),
    Rule(re.compile(r"^(\d+대 비전.*)$"), 2),
    Rule(re.compile(r"^(0\d\.\s+.+)$"), 2),
    Rule(re.compile(r"^<\s*(.+?)\s*>$"), 3),
    Rule(re.compile(r"^□\s*(.+)$"), 3),
    Rule(re.compile(r"^[①-⑳]\s*(.+)$"), 4),
)

_TEAM_RE = re.compile(r"^(?:[①-⑳]|\d{1,2})\s*([가-힣]+(?:팀|센터|지원단))$")
_PROJECT_NO_RE = re.compile(r"^\d{1,2}$")
_GOALS_RE = re.compile(r"^<\s*(.+?)\s*>$")
_PURPOSE_RE = re.compile(r"^-?\s*\((?:목\s*적)\)\s*(.+)$")


def last(section: str) -> str:
    return section.rsplit(SEP, 1)[-1]


def parent(section: str) -> str:
    return section.rsplit(SEP, 1)[0]


def plan_context(section: str) -> tuple[str | None, str | None]:
    """(team, project) from a plan breadcrumb: root › [team ›] project › …"""
    parts = [p for p in section.split(SEP)[1:] if p]
    if not parts:
        return None, None
    if re.search(r"(?:팀|센터|지원단)$", parts[0]):
        return parts[0], parts[1] if len(parts) > 1 else None
    return None, parts[0]


def _team_list(block: Block) -> list[tuple[int, str]]:
    """(number, title) pairs from a team's 세부실천과제 table."""
    out = []
    for row in block.rows:
        for j, cell in enumerate(row[:-1]):
            if _PROJECT_NO_RE.match(cell) and row[j + 1]:
                out.append((int(cell), clean(row[j + 1])))
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
            m = _PURPOSE_RE.match(clean(b.text))
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
            text = clean(b.text)
            m = _TEAM_RE.match(text)
            if m:
                team, titles, last_no, explicit = m.group(1), {}, 0, None
                continue
            if (
                _PROJECT_NO_RE.match(text)
                and i + 1 < len(blocks)
                and blocks[i + 1].kind == "line"
                and not heading(blocks[i + 1].text, RULES)
            ):
                explicit = (i, int(text), clean(blocks[i + 1].text))
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


def outline(blocks: list[Block]) -> Outline:
    """Projects reset the breadcrumb to team › project; a team heading resets it to the team.

    A project's number line and the title line after it are not headings.
    """
    out = Outline()
    projects = plan_projects(blocks)
    for i, (team, project) in projects.items():
        out.anchors[i] = [(1, team), (2, project)] if team else [(2, project)]
    for i, b in enumerate(blocks):
        if b.kind != "line":
            continue
        text = clean(b.text)
        m = _TEAM_RE.match(text)
        if m:
            out.anchors[i] = [(1, m.group(1))]
            out.plain.add(i)
        elif _PROJECT_NO_RE.match(text):
            out.plain.add(i)
            if i in projects:
                out.plain.add(i + 1)  # the title line right after the number
    return out
