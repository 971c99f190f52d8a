"""Business plan targets: the 성과계약 table and each project's 사업목표 lines.

Team and project come from the section breadcrumb ("… › 시설지원팀 › 인력 공백에 대한 대체인력
파견 › 사업목표").
"""

from __future__ import annotations

import re

from ingest.blocks import Block, render_row
from ingest.profiles.business_plan.outline import last, parent, plan_context
from ingest.profiles.records import Cite, FactRecord
from ingest.profiles.text import FIGURE_RE, drop_parens, figures, strip_marks
from sosa.korean.text import nospace
from sosa.models import DocumentInfo, TargetRow

# A measure name ends in one of these, which is where two stacked measures in one cell split.
_MEASURE_END = re.compile(r"(?:비율|률|율|횟수|건수|점수|인원수|수|액|량)$")


# -- 성과계약 목표 ------------------------------------------------------------------------


def _split_measures(measure: str, n: int) -> list[str] | None:
    """ "직접 고용 비율 처우개선 추진횟수" with 2 targets -> ["직접 고용 비율", "처우개선 추진횟수"]."""
    words = measure.split()
    parts: list[str] = []
    start = 0
    for k in range(len(words)):
        if len(parts) == n - 1:
            break
        if _MEASURE_END.search(words[k]) and k + 1 < len(words):
            parts.append(" ".join(words[start : k + 1]))
            start = k + 1
    parts.append(" ".join(words[start:]))
    return parts if len(parts) == n and all(parts) else None


def _continues_contract(b: Block) -> bool:
    """The next page's part of the table: its first row ("【1. …】") was taken for a header."""
    first = (b.header or (b.rows[0] if b.rows else [""]))[0]
    return b.kind == "table" and (b.continued or re.match(r"^[【①-⑳]", first) is not None)


def _contract_rows(blocks: list[Block], start: int) -> list[tuple[list[str], int]]:
    rows = [(r, start) for r in blocks[start].rows]
    i = start + 1
    while i < len(blocks) and _continues_contract(blocks[i]):
        b = blocks[i]
        if b.header and any(b.header):
            rows.append((b.header, i))
        rows.extend((r, i) for r in b.rows)
        i += 1
    return rows


def _is_contract(b: Block) -> bool:
    head = nospace(" ".join(b.header))
    return b.kind == "table" and "성과지표" in head and "측정방법" in head


def contract_targets(
    info: DocumentInfo, blocks: list[Block], sections: list[str]
) -> list[FactRecord]:
    out: list[FactRecord] = []
    for start, b in enumerate(blocks):
        if not _is_contract(b):
            continue
        header = b.header
        goal_area: str | None = None
        for row, i in _contract_rows(blocks, start):
            cells = [c for c in row if c]
            if not cells:
                continue
            if cells[0].startswith("【"):
                goal_area = cells[0]
                continue
            if len(row) < 3:
                continue
            indicator, measure, target = strip_marks(row[0]), row[1], row[2]
            quote = render_row(header[: len(row)], row)
            text = " · ".join(cells)
            found = [m.group(0) for m in figures(target, outside_parens_first=True)]
            outside_only = re.sub(r"\([^)]*\)", "", target)
            split = None
            if len(found) > 1 and FIGURE_RE.sub("", outside_only).strip() == "":
                split = _split_measures(measure, len(found))
            pairs = list(zip(split, found, strict=True)) if split else [(measure, target)]
            for meas, tgt in pairs:
                row_model = TargetRow(
                    kind="performance_contract",
                    goal_area=goal_area,
                    indicator=indicator,
                    measure=meas,
                    target=tgt,
                    text=text,
                    document=info.document,
                    page=blocks[i].page,
                    section=sections[i],
                    audience=info.audience,
                    year=info.year,
                )
                search = f"성과계약 목표 {goal_area or ''} {indicator} {meas}"
                out.append(
                    FactRecord(
                        "target",
                        row_model,
                        [Cite(quote, blocks[i].page, sections[i])],
                        search=search,
                        agency=info.agency,
                    )
                )
    return out


# -- 사업목표 lines ------------------------------------------------------------------------


def _clauses(text: str) -> list[str]:
    """Split on top-level commas and "→", never inside parentheses or figures ("1,500건")."""
    out, depth, cur = [], 0, ""
    for k, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        in_figure = (
            ch == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()
        )
        if depth <= 0 and ch in ",→" and not in_figure:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    merged: list[str] = []
    pending = ""
    for c in (c.strip() for c in out):
        if not c:
            continue
        if not FIGURE_RE.search(c):
            pending = f"{pending}, {c}" if pending else c  # "의무교육, 직무교육, … 등 50회"
            continue
        merged.append(f"{pending}, {c}" if pending else c)
        pending = ""
    return merged


_YEAR = re.compile(r"'\d{2}년|\d{4}년")


def _label(text: str) -> str:
    """A target's name from the words around its figure, without marks and qualifiers."""
    text = FIGURE_RE.sub(" ", text)
    text = re.sub(r"\([^)]*$", " ", text)  # "교육(반기별" -> "교육"
    text = re.sub(r"^[^(]*\)", " ", text) if text.count(")") > text.count("(") else text
    text = re.sub(r"\(\s*\)|[:：]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,·:-")
    text = re.sub(r"^(?:및|또는)\s+", "", text)
    return re.sub(r"\s(?:총|연|월|년|각|약)$", "", text).strip()


def _hangul(text: str) -> int:
    return len(re.findall(r"[가-힣]", _YEAR.sub("", text)))


def _is_criterion(clause: str, m: re.Match[str]) -> bool:
    """ "500만원이상 계약 대상": a money threshold that qualifies the goal, not a goal."""
    return "원" in m.group(0) and re.search(r"이상|이하|미만|초과", m.group(0)) is not None


# How often a figure recurs: "(분기별 1회)" is four a year, not one; "연 2회", "월 1회", "각 1회".
_EVERY = re.compile(
    r"(?:^|(?<=[\s(]))(연간|연|매년|매월|매주|월|주|격월|분기별|분기마다|분기|반기별|반기마다|반기|각)\s*$"
)


def _clause_targets(clause: str, previous: str) -> list[tuple[str, str]]:
    """(label, figure) pairs of one clause; `previous` names figures that stand alone."""
    out: list[tuple[str, str]] = []
    found = [m for m in figures(clause) if not _is_criterion(clause, m)]
    start = 0
    for n, m in enumerate(found):
        segment = clause[start : m.start()]
        before = _label(segment)
        end = found[n + 1].start() if n + 1 < len(found) else len(clause)
        after = _label(drop_parens(clause[m.end() : end]))
        year = _YEAR.search(segment)
        if _hangul(before) >= 2:
            label = before
            if re.match(r"\s*(?:\)\s*)?및\s", segment) and " " not in before and previous:
                label = f"{previous.rsplit(' ', 1)[0]} {before}"  # "수요조사 1회 및 지원 5회"
        elif year and previous:
            label = _YEAR.sub("", previous).strip()
            label = f"{year.group(0)} {label}"  # "'25년 2만 명" after "'24년 플랫폼 이용자 1만 명"
        elif _hangul(after) >= 4:
            label = after  # "90%이상 만족도 도출"
        else:
            label = previous
        every = _EVERY.search(clause[: m.start()])
        figure = clause[every.start(1) if every else m.start() : m.end()]
        out.append((label, re.sub(r"\s+", " ", figure)))
        previous = label
        start = m.end()
    return out


def goal_targets(info: DocumentInfo, blocks: list[Block], sections: list[str]) -> list[FactRecord]:
    out: list[FactRecord] = []
    heading: str | None = None
    project_of: str | None = None
    for i, b in enumerate(blocks):
        if b.kind != "line" or last(sections[i]) != "사업목표":
            continue
        raw = b.text.strip()
        if re.fullmatch(r"<\s*사업목표\s*>", raw):
            continue
        team, project = plan_context(parent(sections[i]))
        if project != project_of:
            heading, project_of = None, project
        is_head = "◆" in raw[:4]
        body = strip_marks(raw)
        goal_area = None if is_head else heading
        if is_head:
            heading = body
        previous = _label(heading or "") if not is_head else ""
        for clause in _clauses(body):
            pairs = _clause_targets(clause, previous)
            if pairs:
                previous = pairs[-1][0]
            for label, target in pairs:
                row = TargetRow(
                    kind="project_goal",
                    team=team,
                    project=project,
                    goal_area=goal_area,
                    indicator=label or None,
                    target=target,
                    text=body,
                    document=info.document,
                    page=b.page,
                    section=sections[i],
                    audience=info.audience,
                    year=info.year,
                )
                search = f"{team or ''} {project or ''} {goal_area or ''} {label}"
                out.append(
                    FactRecord(
                        "target",
                        row,
                        [Cite(raw, b.page, sections[i])],
                        search=search,
                        origin="line",
                        agency=info.agency,
                        extra={"clause": clause},
                    )
                )
    return out
