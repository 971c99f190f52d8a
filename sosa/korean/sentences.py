"""The one sentence splitter: lines first, then sentence ends."""

from __future__ import annotations

import re

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """Split a passage into sentence-like units (lines, then sentence ends)."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        out.extend(p.strip() for p in _SENT_END.split(line) if p.strip())
    return out
