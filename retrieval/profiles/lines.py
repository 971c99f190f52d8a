"""What the labelled lines of each document kind say, for the generic answer path.

A kind's profile (`retrieval/profiles/<kind>/lines.py`) lists, as regular expressions, the
labels its documents put on the lines that say what a thing is, whom it is for, why it is
done, or whom to call. The answer path asks these roles of any sentence or section name and
knows no label: next year's plan needs nothing, another kind adds its own `Labels`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    """Regular-expression alternatives for each role a labelled line can play."""

    defining: tuple[str, ...] = ()  # a line saying what a thing is (at its start)
    overview: tuple[str, ...] = ()  # the same label anywhere in a passage
    target: tuple[str, ...] = ()  # a line stating who a service is for
    receiving: tuple[str, ...] = ()  # besides target lines: what recipients get
    background: tuple[str, ...] = ()  # a section name: why it is done
    issues: tuple[str, ...] = ()  # a section name: its problems and remedies
    staff_row: tuple[str, ...] = ()  # a contact row: names and extensions only


def _kinds() -> tuple[Labels, ...]:
    # (imported here: each kind's module imports Labels from this one)
    from retrieval.profiles.business_plan.lines import LABELS as plan

    return (plan,)


def _union(*parts: tuple[str, ...]) -> str:
    alts = [p for part in parts for p in part]
    return "|".join(f"(?:{p})" for p in alts) if alts else r"(?!)"  # (?!): matches nothing


_ALL = _kinds()
DEFINING = _union(*(k.defining for k in _ALL))
OVERVIEW = re.compile(_union(*(k.overview for k in _ALL)))
TARGET = _union(*(k.target for k in _ALL))
RECEIVING = re.compile(_union(*(k.target for k in _ALL), *(k.receiving for k in _ALL)))
BACKGROUND = re.compile(_union(*(k.background for k in _ALL)))
NOT_OFFERED = re.compile(_union(*(k.background for k in _ALL), *(k.issues for k in _ALL)))
STAFF_ROW = re.compile(_union(*(k.staff_row for k in _ALL)))


def section_name(section: str) -> str:
    """The last part of a breadcrumb: the name the roles above are asked of."""
    return section.rpartition(" › ")[2]
