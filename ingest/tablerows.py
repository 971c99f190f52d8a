"""The rows of a document's tables as ingest/cells.py reads them: each column's text under its
header.

A profile that reads a table (an evaluation report's 평정표: 평가영역, 평가지표, 지표설명, 배점,
득점) asks a row for the text under a header instead of finding the table's header, its
continuation on the next page and its column positions itself: ingest/cells.py has resolved
those once for every table (label columns with their headers, merged labels filled, a table
running onto the next page keeping its headers).
"""

from __future__ import annotations

from dataclasses import dataclass

from sosa.korean.text import nospace


@dataclass
class TableRow:
    table: int
    block: int  # the block the row was read from
    page: int | None
    section: str
    text: str  # the row rendered "header value · …" (quoted as evidence)
    columns: list[tuple[str, str]]  # (column header, text) left to right, empty ones too

    def get(self, header: str) -> str:
        """The text under the first column whose header reads `header` (spacing aside)."""
        key = nospace(header)
        for name, value in self.columns:
            if nospace(name) == key:
                return value
        return ""

    def texts(self) -> list[str]:
        return [value for _name, value in self.columns]
