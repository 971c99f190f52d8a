"""Reading loader output back as one string, to check it against an independent reading."""

from __future__ import annotations

import re

from ingest.blocks import Block


def squash(text: str) -> str:
    """Text without whitespace: loaders and the reference readings space words differently."""
    return re.sub(r"\s+", "", text)


def all_text(blocks: list[Block]) -> str:
    """Every line, header cell and body cell of the blocks, whitespace removed."""
    parts: list[str] = []
    for b in blocks:
        parts.append(b.text)
        parts.extend(b.header)
        parts.extend(c for row in b.rows for c in row)
    return squash("".join(parts))
