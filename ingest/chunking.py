"""Blocks + sections → chunks of roughly 200–600 characters, never cut mid-sentence.

Running text is grouped by (section, page) so every chunk has one exact page and one
breadcrumb; each table (or part of a long table) is a chunk of its own, rendered as readable
rows with header context ("평가지표 … · 배점 5 · 득점 4.75").
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.blocks import Block, render_row

MAX_CHARS = 600
MIN_CHARS = 200

# Korean sentence ends first: the documents end bullets with 함/음/임 or 다, often without a period.
_splitter = RecursiveCharacterTextSplitter(
    chunk_size=MAX_CHARS,
    chunk_overlap=0,
    separators=["\n", ". ", "다. ", "함. ", "음. ", "함 ", "음 ", "임 ", ", ", " ", ""],
    keep_separator="end",
)


@dataclass
class RawChunk:
    section: str
    page: int | None
    kind: str  # text | table
    text: str


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    return [p.strip() for p in _splitter.split_text(text) if p.strip()]


def table_lines(block: Block) -> list[str]:
    lines = [render_row(block.header, row) for row in block.rows]
    lines = [ln for ln in lines if ln]
    if not lines and block.header:
        lines = [" · ".join(h for h in block.header if h)]
    return lines


def _table_chunks(block: Block, section: str, caption: str = "") -> list[RawChunk]:
    lines = table_lines(block)
    out: list[RawChunk] = []
    cur: list[str] = [caption] if caption else []
    size = len(caption) + 1 if caption else 0
    for line in lines:
        for piece in _split_long(line):
            if cur and size + len(piece) + 1 > MAX_CHARS:
                out.append(RawChunk(section, block.page, "table", "\n".join(cur)))
                cur, size = [], 0
            cur.append(piece)
            size += len(piece) + 1
    if cur:
        out.append(RawChunk(section, block.page, "table", "\n".join(cur)))
    return out


def chunk_blocks(blocks: list[Block], sections: list[str]) -> list[RawChunk]:
    chunks: list[RawChunk] = []
    buf: list[str] = []
    buf_key: tuple[str, int | None] | None = None

    def flush() -> None:
        nonlocal buf
        if not buf or buf_key is None:
            buf = []
            return
        section, page = buf_key
        cur = ""
        for para in buf:
            for piece in _split_long(para):
                if cur and len(cur) + 1 + len(piece) > MAX_CHARS:
                    chunks.append(RawChunk(section, page, "text", cur))
                    cur = ""
                cur = f"{cur}\n{piece}" if cur else piece
        if cur:
            chunks.append(RawChunk(section, page, "text", cur))
        buf = []

    for block, section in zip(blocks, sections, strict=True):
        if block.kind == "table":
            caption = ""
            # A short heading right above a table is its caption, not a passage of its own.
            if buf and buf_key == (section, block.page) and sum(len(b) for b in buf) <= 80:
                caption = "\n".join(buf)
                buf = []
            flush()
            buf_key = None
            chunks.extend(_table_chunks(block, section, caption))
            continue
        key = (section, block.page)
        if key != buf_key:
            flush()
            buf_key = key
        buf.append(block.text)
    flush()
    return _merge_small(chunks)


def _merge_small(chunks: list[RawChunk]) -> list[RawChunk]:
    """Fold a short text chunk into its neighbour when both share section and page."""
    out: list[RawChunk] = []
    for c in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.kind == "text"
            and prev.kind == "text"
            and prev.section == c.section
            and prev.page == c.page
            and (len(prev.text) < MIN_CHARS or len(c.text) < MIN_CHARS)
            and len(prev.text) + len(c.text) + 1 <= MAX_CHARS
        ):
            prev.text = f"{prev.text}\n{c.text}"
            continue
        out.append(c)
    return out
