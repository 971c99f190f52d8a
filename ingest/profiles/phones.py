"""Public phone numbers printed in any document (대표번호, 콜센터): public, unlike staff
extensions. Every kind has them; the kind's profile says which team and project a line names.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.profiles.base import Profile
from ingest.profiles.records import Cite, FactRecord
from ingest.profiles.text import strip_marks
from sosa.models import ContactRow, DocumentInfo

_PHONE_RE = re.compile(r"(?<![\d-])(1[5-9]\d{2}-\d{4}|0\d{1,2}-\d{3,4}-\d{4})(?![\d-])")


def public_numbers(
    info: DocumentInfo, blocks: list[Block], sections: list[str], profile: Profile
) -> list[FactRecord]:
    """Numbers printed for citizens (대표번호, 콜센터): public, unlike staff extensions."""
    out: list[FactRecord] = []
    for i, b in enumerate(blocks):
        if b.kind != "line":
            continue
        for m in _PHONE_RE.finditer(b.text):
            # "LH콜센터(1600-1004)": the bracket opening the number is not the line's name.
            label = strip_marks(b.text[: m.start()]).rstrip(" :：(（[［☎")
            label = re.sub(r"\s*(?:운영|안내)$", "", label) or "대표번호"
            team, project = profile.context(sections[i])
            row = ContactRow(
                team=team,
                project=project,
                role="대표번호",
                name=label,
                phone=m.group(1),
                document=info.document,
                page=b.page,
                section=sections[i],
                audience=info.audience,
            )
            out.append(
                FactRecord(
                    "contact",
                    row,
                    [Cite(b.text.strip(), b.page, sections[i])],
                    search=f"{team or ''} {project or ''} {label} 대표번호 전화 {b.text}",
                    origin="line",
                    agency=info.agency,
                )
            )
    return out
