"""The one sentence splitter: lines first, then sentence ends."""

from __future__ import annotations

import re

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
# A period right after a figure is a date's ("2023. 1 ~ 12월", "’26. 4. ∼ ’27. 3.", "2026.4.13.
# 까지"), not a sentence's end: Korean sentences end in a verb or a noun ending (다. 함. 음.).
# Only an item's own number ("1.") before its text stays apart.
_FIGURE_END = re.compile(r"\d\.$")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,2}\.$")
# Nor is a period after a single Latin capital: a name's initial ("하워드 W. 오덤", "로버트 E.
# 리") or a dotted abbreviation ("G.O.O.D. Music"); a Korean sentence does not end in one.
_INITIAL_END = re.compile(r"(?:^|[\s.(])[A-Z]\.$")


def sentences(text: str) -> list[str]:
    """Split a passage into sentence-like units (lines, then sentence ends)."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        units: list[str] = []
        for p in _SENT_END.split(line):
            p = p.strip()
            if not p:
                continue
            if units and (
                (_FIGURE_END.search(units[-1]) and not _ITEM_NUMBER.match(units[-1]))
                or _INITIAL_END.search(units[-1])
            ):
                units[-1] = f"{units[-1]} {p}"
            else:
                units.append(p)
        out.extend(units)
    return out
