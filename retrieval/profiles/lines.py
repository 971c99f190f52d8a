"""What the labelled lines of each document kind say, for the generic answer path.

A kind's profile (`retrieval/profiles/<kind>/lines.py`) lists, as regular expressions, the
labels its documents put on the lines that say what a thing is, whom it is for, why it is
done, or whom to call. The answer path asks these roles of any sentence or section name and
knows no label: next year's plan needs nothing, another kind adds its own `Labels`.
"""

from __future__ import annotations

import re

from retrieval.profiles.business_plan import lines as business_plan_lines
from retrieval.profiles.labels import Labels

__all__ = ["Labels", "section_name"]


# Every kind that labels its lines.
_ALL: tuple[Labels, ...] = (business_plan_lines.LABELS,)


def _union(*parts: tuple[str, ...]) -> str:
    alts = [p for part in parts for p in part]
    return "|".join(f"(?:{p})" for p in alts) if alts else r"(?!)"  # (?!): matches nothing


DEFINING = _union(*(k.defining for k in _ALL))
OVERVIEW = re.compile(_union(*(k.overview for k in _ALL)))
TARGET = _union(*(k.target for k in _ALL))
TARGET_LABEL = re.compile(TARGET)
RECEIVING = re.compile(_union(*(k.target for k in _ALL), *(k.receiving for k in _ALL)))
BACKGROUND = re.compile(_union(*(k.background for k in _ALL)))
NOT_OFFERED = re.compile(_union(*(k.background for k in _ALL), *(k.issues for k in _ALL)))
STAFF_ROW = re.compile(_union(*(k.staff_row for k in _ALL)))


def section_name(section: str) -> str:
    """The last part of a breadcrumb: the name the roles above are asked of."""
    return section.rpartition(" › ")[2]
