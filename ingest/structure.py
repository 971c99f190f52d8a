"""Headings → breadcrumb sections, from the documents' own marks.

Generic: a stack of headings ranked by the kind's rules, under the title's root. What a kind
knows beyond its marks (a plan's teams and projects without a title line) comes from its
profile's outline (ingest.profiles).
"""

from __future__ import annotations

import re

from ingest.blocks import Block, line_fact
from ingest.profiles import profile_for
from ingest.profiles.base import heading
from ingest.profiles.text import SEP

__all__ = ["SEP", "assign_sections", "short_title"]


def short_title(title: str) -> str:
    """Root of the breadcrumb: the title without the agency's name."""
    root = title.split(" — ")[0]
    root = re.sub(r"\S+도사회서비스원\s*", "", root).strip()
    return root or title


def assign_sections(blocks: list[Block], title: str, kind: str) -> list[str]:
    """One breadcrumb per block."""
    root = short_title(title)
    profile = profile_for(kind)
    outline = profile.outline(blocks)
    stack: list[tuple[int, str]] = []
    sections: list[str] = []
    for i, b in enumerate(blocks):
        if i in outline.anchors:
            stack = list(outline.anchors[i])
        if b.kind == "line" and i not in outline.plain:
            # An outline level the file records (HWP/HWPX) outranks the text's own marks.
            text = b.text.strip()
            if b.level is not None and text:
                h: tuple[int, str] | None = (b.level, text)
            elif line_fact(blocks, i):
                # "□ 사업 기간 : ’26. 4. ∼ ’27. 3.": a fact under the heading above, not a new
                # section (else every later section would be filed under that date).
                h = None
            else:
                h = heading(text, profile.rules)
            if h:
                rank, name = h
                stack = [s for s in stack if s[0] < rank]
                stack.append((rank, name))
        sections.append(SEP.join([root, *[name for _, name in stack]]))
    return sections
