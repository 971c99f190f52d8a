"""Business plan contacts: each project's 담당자/팀장 table (staff extensions, internal).

Each project opens with its 담당자/팀장 table, then "< 사업목표 >"; so a contact table belongs
to the project whose 사업목표 follows it, even when the page break pushed the table into the
previous project's section.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.profiles.business_plan.budgets import project_context
from ingest.profiles.business_plan.outline import last, parent, plan_context
from ingest.profiles.records import Cite, FactRecord
from sosa.korean.text import nospace
from sosa.models import ContactRow, DocumentInfo

_EXT_RE = re.compile(r"^(.*?)\s*(\d{4})$")


def _people(rows: list[list[str]]) -> list[list[tuple[str, str]]]:
    """Rows of (name, extension) cells: "이경준 4032", or a names row above a numbers row."""
    out: list[list[tuple[str, str]]] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        pairs = [_EXT_RE.match(c) for c in row]
        if row and all(p and p.group(1) for p in pairs):
            out.append([(p.group(1), p.group(2)) for p in pairs if p])
        elif (
            k + 1 < len(rows)
            and all(c and not re.search(r"\d", c) for c in row)
            and all(re.fullmatch(r"\d{4}", c) for c in rows[k + 1])
        ):
            out.append(list(zip(row, rows[k + 1], strict=False)))
            k += 1
        k += 1
    return out


def _next_goal_section(sections: list[str], start: int) -> str | None:
    for j in range(start, min(start + 8, len(sections))):
        if last(sections[j]) == "사업목표":
            return parent(sections[j])
    return None


def contacts(info: DocumentInfo, blocks: list[Block], sections: list[str]) -> list[FactRecord]:
    out: list[FactRecord] = []
    for i, b in enumerate(blocks):
        if b.kind != "table":
            continue
        header, rows = b.header, list(b.rows)
        if "담당자" not in nospace(" ".join(header)):
            if rows and "담당자" in nospace(" ".join(rows[0])):
                header, rows = rows[0], rows[1:]
            else:
                continue
        if not rows and i + 1 < len(blocks) and blocks[i + 1].kind == "table":
            rows = list(blocks[i + 1].rows)  # the names went onto the next page
        project_section = _next_goal_section(sections, i + 1) or sections[i]
        team, project = plan_context(project_section)
        context = project_context(blocks, sections, project_section)  # "인사위원회 담당자"
        roles = [nospace(h) for h in header]
        for people in _people(rows):
            for role, (name, phone) in zip(roles, people, strict=False):
                row = ContactRow(
                    team=team,
                    project=project,
                    role=role,
                    name=name,
                    phone=phone,
                    document=info.document,
                    page=b.page,
                    section=project_section,
                    audience="internal",
                )
                quote = f"{' · '.join(header)}: {' · '.join(f'{n} {p}' for n, p in people)}"
                out.append(
                    FactRecord(
                        "contact",
                        row,
                        [Cite(quote, b.page, sections[i])],
                        search=f"{team or ''} {project or ''} {role} {name}",
                        extra={"context": context},
                        agency=info.agency,
                    )
                )
    return out
