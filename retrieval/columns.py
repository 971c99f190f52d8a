"""A table column asked for whole: "15대 전략과제가 뭐야?" lists the column's texts.

A plan's chart of visions and tasks, a list of programmes, a roster: when a question names a
column's header and nothing else, the items are that column's cells in row order, each cited
by the row it is printed in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from ingest.cells import Cell
from retrieval.listing import count_word
from retrieval.passages import clean_quote
from retrieval.tables import TableIndex, is_line_fact
from sosa.korean.analysis import morphemes
from sosa.models import Answer, Citation

# The words that ask for the list, not what it is of.
_ASKING = {
    "뭐", "무엇", "무슨", "어떤", "어떻", "있", "알리", "주", "되", "하", "이", "가", "것", "거",
    "게", "종류", "목록", "항목", "내용", "전부", "다", "모두", "각각", "좀", "말", "보이",
}  # fmt: skip
_NOTE = re.compile(r"\([^()]*\)")
# A header's count of its items ("5대", "15대 전략과제").
_COUNT_PREFIX = re.compile(r"^\d+대")
# Items shown; a longer column says how many more there are.
MAX_ITEMS = 20
# A text column: most of its cells are words, not figures.
TEXT_SHARE = 0.8


def _header(c: Cell) -> str:
    return c.col_path[-1] if c.col_path else ""


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", _NOTE.sub("", text))


def column_list(index: TableIndex, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
    """The cells of the one column whose header the question names, when the question names
    nothing else (its other words ask for the list, or are in the table's caption)."""
    asked = {m for m in morphemes(question) if m not in _ASKING}
    flat_q = _flat(question)
    if not asked or len(flat_q) > 60:
        return None
    best: tuple[tuple[int, int], list[Cell]] | None = None
    columns = [*index.by_col.items(), *index.by_row_head.items()]
    for key, cells in columns:
        # (a header counting its items, "5대 경영목표", is named without the count too:
        # "경영목표는 뭐야?")
        uncounted = _COUNT_PREFIX.sub("", key)
        if len(key) < 2 or (key not in flat_q and (len(uncounted) < 2 or uncounted not in flat_q)):
            continue
        header_words = set(morphemes(_header(cells[0])))
        if not header_words & asked:
            continue
        groups: dict[tuple[str, int], list[Cell]] = {}
        for c in cells:
            if allow(c) and not is_line_fact(c):
                groups.setdefault((c.document, c.table), []).append(c)
        for group in groups.values():
            # (the table's own caption and heading, not the document title above them)
            heading = group[0].section.split(" › ")[-1]
            caption_words = set(morphemes(f"{group[0].caption} {heading}"))
            if not asked <= header_words | caption_words:
                continue  # the question names more than the column: a row, another table
            texts = [c for c in group if c.number is None and clean_quote(c.value)]
            if len(texts) < 2 or len(texts) < TEXT_SHARE * len(group):
                continue
            rank = (len(header_words & asked), len(texts))
            if best is None or rank > best[0]:
                best = (rank, texts)
    if best is None:
        return None
    return _listed(index, question, best[1])


def _listed(index: TableIndex, question: str, cells: list[Cell]) -> Answer:
    ordered = sorted(cells, key=lambda c: (c.row, c.col))
    items: list[tuple[str, Cell]] = []
    for c in ordered:
        item = clean_quote(c.value)
        # (one item however spaced or annotated: "…기반 환경 마련", "…기반환경 마련 (4)")
        if all(_flat(item) != _flat(i) for i, _c in items):
            items.append((item, c))
    shown = items[:MAX_ITEMS]
    header = _header(cells[0])
    names = ", ".join(f"“{i}”" for i, _c in shown)
    if len(items) > len(shown):
        more = f"{count_word(len(shown))}보다 많은 항목이 있습니다. 앞의 것부터: {names}."
        text = f"표의 ‘{header}’에는 {more}"
    else:
        text = f"표의 ‘{header}’에는 {count_word(len(shown))}가 있습니다: {names}."
    citations: list[Citation] = []
    seen: set[str] = set()
    for _i, c in shown:
        if c.row_text not in seen:
            seen.add(c.row_text)
            # (the caption once, above the first row)
            citations.append(index.citation(c, with_caption=not citations))
    return Answer(
        id=uuid.uuid4().hex[:12],
        question=question,
        answer=text,
        found=True,
        citations=citations,
        mode="facts",
    )
