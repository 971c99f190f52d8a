"""What a kind's profile says of its labelled lines (retrieval/profiles/lines.py reads them)."""

from __future__ import annotations

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
