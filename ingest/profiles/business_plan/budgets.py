"""Business plan budgets: each project's (소요예산) line and its 세목 table."""

from __future__ import annotations

import re

from ingest.blocks import Block, render_row
from ingest.profiles.business_plan.outline import last, parent, plan_context
from ingest.profiles.records import Cite, FactRecord
from ingest.profiles.text import strip_marks
from sosa.korean.text import nospace
from sosa.models import BudgetRow, DocumentInfo

_BUDGET_RE = re.compile(r"\(\s*소요\s*예산\s*\)\s*(.+)$")
_AMOUNT_RE = re.compile(r"\d{1,3}(?:,\d{3})+\s?천\s?원|\d+\s?천\s?원|비예산")


def _budget_table(blocks: list[Block], start: int) -> list[str]:
    """Line items of the 세목/항목/산출내역/금액 table that follows a (소요예산) line."""
    i = start + 1
    while i < len(blocks) and i <= start + 3 and blocks[i].kind == "line":
        if _BUDGET_RE.search(blocks[i].text) or "사업내용" in blocks[i].text:
            return []
        i += 1
    if i >= len(blocks) or blocks[i].kind != "table":
        return []
    b = blocks[i]
    header, rows = b.header, list(b.rows)
    if "세목" not in nospace(" ".join(header)):
        if rows and "세목" in nospace(" ".join(rows[0])):
            header, rows = rows[0], rows[1:]
        else:
            return []
    while i + 1 < len(blocks) and blocks[i + 1].kind == "table":
        nxt = blocks[i + 1]
        if "세목" in nospace(" ".join(nxt.header)) or "담당자" in nospace(" ".join(nxt.header)):
            break
        if nxt.header and any(nxt.header):
            rows.append(nxt.header)  # a continuation's first row, taken for a header
        rows.extend(nxt.rows)
        i += 1
    items = []
    for row in rows:
        head = header if len(header) == len(row) else []
        text = render_row(head, row)
        if text:
            items.append(text)
    return items


def project_context(blocks: list[Block], sections: list[str], project_section: str) -> str:
    lines = [
        strip_marks(b.text)
        for b, s in zip(blocks, sections, strict=True)
        if b.kind == "line"
        and s.startswith(project_section)
        and last(s) in ("사업목표", "사업개요", "추진배경", "추진방향")
    ]
    return " ".join(lines)[:1500]


def budgets(info: DocumentInfo, blocks: list[Block], sections: list[str]) -> list[FactRecord]:
    out: list[FactRecord] = []
    for i, b in enumerate(blocks):
        m = _BUDGET_RE.search(b.text) if b.kind == "line" else None
        if not m:
            continue
        rest = m.group(1)
        amount = _AMOUNT_RE.search(rest)
        if not amount:
            continue
        funding = [
            p.strip() for p in re.findall(r"\(([^()]*)\)", rest) if not p.strip().startswith("단위")
        ]
        project_section = parent(sections[i]) if last(sections[i]) == "사업개요" else sections[i]
        team, project = plan_context(project_section)
        row = BudgetRow(
            team=team,
            project=project,
            amount=re.sub(r"\s+", "", amount.group(0)),
            funding=", ".join(funding) or None,
            items=_budget_table(blocks, i),
            text=strip_marks(b.text),
            document=info.document,
            page=b.page,
            section=sections[i],
            audience=info.audience,
            year=info.year,
        )
        context = project_context(blocks, sections, project_section)
        out.append(
            FactRecord(
                "budget",
                row,
                [Cite(b.text.strip(), b.page, sections[i])],
                search=f"{team or ''} {project or ''}",
                origin="line",
                agency=info.agency,
                extra={"context": context},
            )
        )
    return out
