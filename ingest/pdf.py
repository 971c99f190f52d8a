"""PDF → blocks with pdfplumber: running text per page, ruled tables as tables.

Written for agency PDFs in general (browser-printed and Hancom-exported) and scans:

- page furniture (running heads, footers "사업명 - 51 - 기관명", "- 3 -", "1/4") is found by
  repetition: a line that recurs, digits aside, on most pages at the same height near the top
  or bottom edge is dropped; lone page-number lines are dropped anywhere;
- character-spaced Korean ("통 합 재 정 통 계", "구   분") is re-joined, in text and cells;
- table-of-contents leader dots are dropped (the entry's title is kept);
- symbol-font and private-use-area glyphs (Hancom's numbering and bullet glyphs) become a
  neutral bullet instead of garbage; fake-bold doubled characters are removed;
- a table running onto the next page keeps its header: header rows repeated on the new page are
  recognised and not read as body, and a cell cut by the page break is joined;
- pages without a text layer are read with Tesseract (ingest/ocr.py), through the same
  furniture and paragraph logic, with the page's OCR confidence on each block; their ruled
  tables are found on the page image (ingest/scantables.py) and read as tables.
"""

from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import FilteredPage, Page
from pdfplumber.utils import extract_text
from pdfplumber.utils.exceptions import PdfminerException

from ingest import ocr, scantables
from ingest.blocks import (
    BULLET_RE,
    Block,
    clean_cell,
    forward_fill,
    join_wrapped,
    split_header,
    stacked_header,
)
from sosa.errors import DocumentError
from sosa.korean.text import rejoin_spaced

logger = logging.getLogger(__name__)

_RIGHT_SLACK = 22.0  # a line ending this far short of the right margin ended on purpose

# Lone page numbers: "- 3 -" anywhere; "3/14", "3쪽", "page 3" only at a page's edge.
_DASHED_PAGE_NO = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
_EDGE_PAGE_NO = re.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}|\d{1,4}\s*쪽|p(?:age)?\.?\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I
)
_EDGE_LINES = 3  # furniture candidates: this many lines at the top and bottom of a page
_EDGE_BAND = 0.15  # ... lying within this fraction of the page height from the edge
_SAME_HEIGHT = 0.03  # recurrences sit within this fraction of the page height of each other

# Table-of-contents leaders: a run of dots (with or without spaces) and the page it points to.
_LEADER_RE = re.compile(r"\s*(?:[.·・ㆍ∙‧…‥]\s?){4,}\s*(?:\d{1,4}(?![\d,.]))?\s*")

_WIDE_GAP = 1.0  # a gap of this many font sizes between two letters is letter-spacing

# Symbol fonts map ASCII codes to pictograms: read them as the bullet they draw.
_SYMBOL_FONTS = ("wingdings", "webdings", "symbol", "zapfdingbats", "dingbats")
_WINGDINGS = {"l": "●", "m": "○", "n": "■", "o": "□", "p": "□", "q": "□", "u": "◆", "v": "◆"}
_BULLET = "•"
_PUA_RE = re.compile(r"[\ue000-\uf8ff]|\(cid:\d+\)")


@dataclass
class PdfParse:
    """A parsed PDF with what the loader decided, for tests and measurements."""

    blocks: list[Block]
    pages: int
    furniture: list[tuple[int, str]] = field(default_factory=list)  # (page, dropped line)
    ocr_pages: list[int] = field(default_factory=list)
    skipped_pages: list[int] = field(default_factory=list)  # no text layer, OCR unavailable
    seconds: float = 0.0


# ---------------------------------------------------------------- text helpers


def _strip_pua(text: str) -> str:
    """Private-use / unmapped glyphs: a bullet at the start of a line, nothing elsewhere."""
    text = text.strip()
    m = re.match(r"^(?:(?:[\ue000-\uf8ff]|\(cid:\d+\))\s*)+", text)
    if m:
        text = _BULLET + " " + text[m.end() :]
    return _PUA_RE.sub("", text).strip()


def _clean_text(text: str, whole: bool = True) -> str:
    text = _strip_pua(text)
    text = rejoin_spaced(text, whole=whole)
    return re.sub(r"\s+", " ", text).strip()


def _clean_cell_text(cell: str | None) -> str | None:
    if cell is None:
        return None
    lines = [_clean_text(p) for p in str(cell).split("\n")]
    return clean_cell("\n".join(p for p in lines if p))


def _map_char(c: dict) -> dict:
    """Symbol-font and private-use glyphs → a bullet (a copy of the char, other text as is)."""
    t = c.get("text", "")
    font = str(c.get("fontname", "")).lower()
    if len(t) == 1 and t.isascii() and t.strip() and any(f in font for f in _SYMBOL_FONTS):
        return {**c, "text": _WINGDINGS.get(t, _BULLET) if "wingdings" in font else _BULLET}
    if _PUA_RE.fullmatch(t):
        return {**c, "text": _BULLET}
    return c


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop a character drawn again a little offset (shadow or fake-bold text, Hancom draws
    both): same text, font and size within a tenth of the size — for large type that is more
    than pdfplumber's fixed 1-point tolerance."""
    kept: list[dict] = []
    buckets: dict[tuple, list[dict]] = {}
    for c in chars:
        size = float(c.get("size") or 10.0)
        tol = max(1.0, 0.1 * size)
        key = (c.get("text"), c.get("fontname"), round(size, 1))
        bx, by = int(c["x0"] // 8), int(c["top"] // 8)
        near = (
            o
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for o in buckets.get((*key, bx + dx, by + dy), ())
        )
        if c.get("text", "").strip() and any(
            abs(o["x0"] - c["x0"]) <= tol and abs(o["top"] - c["top"]) <= tol for o in near
        ):
            continue
        kept.append(c)
        buckets.setdefault((*key, bx, by), []).append(c)
    return kept


def _prepared(page: Page) -> Page:
    """The page with doubled fake-bold characters removed and symbol glyphs mapped."""
    p = FilteredPage(page, lambda _o: True)
    p._objects = dict(page.objects)
    p._objects["char"] = [_map_char(c) for c in _dedupe(page.chars)]
    return p


def _line_text(text: str, chars: list[dict]) -> str:
    """pdfplumber's line text, with letter-spacing (a gap of a font size or more between two
    letters) written as two spaces so the re-joiner can tell it from an ordinary word space."""
    letters = [c for c in chars if c.get("text", "").strip()]
    if "".join(c["text"] for c in letters) != re.sub(r"\s+", "", text):
        return text  # chars and text disagree (ligatures …): keep pdfplumber's text
    wide = {
        k
        for k in range(1, len(letters))
        if letters[k]["x0"] - letters[k - 1]["x1"]
        >= _WIDE_GAP * max(float(letters[k - 1].get("size") or 10.0), 1.0)
    }
    out: list[str] = []
    k = 0
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        if k in wide and out and out[-1].isspace():
            out.append(" ")
        k += len(ch)
        out.append(ch)
    return "".join(out)


def _line_entries(text: str) -> list[tuple[str, bool]]:
    """Split a line at table-of-contents leaders: [(text, ends_with_leader)]."""
    if not _LEADER_RE.search(text):
        return [(text, False)]
    parts = _LEADER_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        part = part.strip()
        if part:
            out.append((part, i < len(parts) - 1))
    return out


# ---------------------------------------------------------------- furniture


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def find_furniture(pages: list[list[dict]], heights: list[float]) -> list[set[int]]:
    """For each page, the indexes of its furniture lines.

    A line is furniture when, with digits normalised ("- 3 -" ≈ "- 12 -"), the same text recurs
    near the same edge (top or bottom band) at about the same height on most pages. Lone page
    numbers ("- 3 -" anywhere, "3/14" at an edge) are furniture on any page.
    """
    n = len(pages)
    out: list[set[int]] = [set() for _ in pages]
    seen: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for p, (lines, h) in enumerate(zip(pages, heights, strict=True)):
        for i, ln in enumerate(lines):
            text = ln["text"].strip()
            if _DASHED_PAGE_NO.match(text):
                out[p].add(i)
                continue
            if i < _EDGE_LINES and ln["top"] < h * _EDGE_BAND:
                band = "top"
            elif i >= len(lines) - _EDGE_LINES and ln["bottom"] > h * (1 - _EDGE_BAND):
                band = "bottom"
            else:
                continue
            if _EDGE_PAGE_NO.match(text):
                out[p].add(i)
                continue
            key = _furniture_key(text)
            if key:
                seen.setdefault((band, key), []).append((p, i, ln["top"] / h))
    if n < 2:
        return out
    need = n if n == 2 else max(3, math.ceil(n / 2))
    for hits in seen.values():
        if len({p for p, _, _ in hits}) < need:
            continue
        mid = median(y for _, _, y in hits)
        near = [(p, i) for p, i, y in hits if abs(y - mid) <= _SAME_HEIGHT]
        if len({p for p, _ in near}) >= need:
            for p, i in near:
                out[p].add(i)
    return out


# ---------------------------------------------------------------- paragraphs


def _paragraphs(lines: list[dict], right_edge: float) -> list[tuple[float, str]]:
    """Join wrapped lines into paragraphs; returns (top, text) pairs."""
    return [(top, text) for top, text, _ in _paragraphs_read(lines, right_edge)]


def _paragraphs_read(lines: list[dict], right_edge: float) -> list[tuple[float, str, float | None]]:
    """`_paragraphs` with the OCR confidence of each paragraph's least sure line (lines with
    a "conf" key, OCR'd ones), None for a text layer."""
    out: list[tuple[float, str, float | None]] = []
    cur = ""
    cur_top = 0.0
    cur_conf: float | None = None
    prev_full = False
    for line in lines:
        conf = line.get("conf")
        for text, hard_end in _line_entries(line["text"].strip()):
            if not text:
                continue
            starts_new = bool(BULLET_RE.match(text)) or not prev_full or not cur
            if starts_new:
                if cur:
                    out.append((cur_top, cur, cur_conf))
                cur, cur_top, cur_conf = text, line["top"], conf
            else:
                cur = join_wrapped(cur, text)
                if conf is not None:
                    cur_conf = conf if cur_conf is None else min(cur_conf, conf)
            prev_full = line["x1"] >= right_edge - _RIGHT_SLACK and not hard_end
    if cur:
        out.append((cur_top, cur, cur_conf))
    return out


# ---------------------------------------------------------------- tables


def _is_value(cell: str) -> bool:
    return bool(re.fullmatch(r"[△▲+\-()\d.,%]*\d[△▲+\-()\d.,%]*\S{0,2}", cell))


@dataclass
class _TableState:
    block: Block
    header_rows: list[list[str]]


def _stacked_header(rows: list[list[str | None]]) -> list[str]:
    """One header per column from several header rows: a position a cell to its left spans
    (_SPAN) takes that cell's text, then each column joins its distinct texts top-down:
    과목 › 관, 예산액 › 당초."""
    filled: list[list[str]] = []
    for r in rows:
        out: list[str] = []
        for j, c in enumerate(r):
            out.append(c if c and c != _SPAN else (out[j - 1] if c == _SPAN and j else ""))
        filled.append(out)
    return stacked_header(filled)


def _table_block(
    grid: list[list[str | None]],
    hspan: set[tuple[int, int]],
    pno: int,
    prev: _TableState | None,
) -> _TableState | None:
    """A table block from one page's grid; `prev` is the table that ended the previous page
    when this table opens its page (a continuation candidate)."""
    # None marks a position covered by a cell above, _SPAN one covered by a cell to its left.
    masked = [
        [_SPAN if (i, j) in hspan else c for j, c in enumerate(r)]
        for i, r in enumerate(grid)
        if any(r)
    ]
    if not masked:
        return None
    width = max(len(r) for r in masked)
    masked = [list(r) + [""] * (width - len(r)) for r in masked]
    keep = [j for j in range(width) if any(r[j] and r[j] != _SPAN for r in masked)]
    masked = [[r[j] for j in keep] for r in masked]  # empty columns are ruling artefacts
    rows = [["" if c is None or c == _SPAN else c for c in r] for r in masked]
    ncols = len(keep)

    if prev is not None:
        pb = prev.block
        pcols = len(pb.rows[0]) if pb.rows else len(pb.header)
        # Header rows printed again on the new page are the header, not body: rows of labels
        # (no figures) most of which are words of the previous page's header.
        vocab = {w for h in pb.header for w in h.split(" › ")}
        vocab |= {c for hr in prev.header_rows for c in hr if c}

        def headerish(row: list[str]) -> bool:
            cells = [c for c in row if c]
            return (
                bool(cells)
                and not any(_is_value(c) for c in cells)
                and (2 * sum(c in vocab for c in cells) >= len(cells))
            )

        repeated = 0
        while repeated < min(len(rows) - 1, len(prev.header_rows) + 1) and headerish(
            rows[repeated]
        ):
            repeated += 1
        body = rows[repeated:]
        header, split_body = split_header(body) if not repeated else ([], body)
        same_header = bool(header) and header == pb.header
        if repeated or same_header or (not header and ncols == pcols):
            body = split_body if same_header else body
            if pb.rows and body and ncols == pcols and _is_cut_remainder(body[0], pb.rows[-1]):
                last = pb.rows[-1]
                for j, cell in enumerate(body[0]):
                    if cell:
                        last[j] = join_wrapped(last[j], cell)
                body = body[1:]
            if ncols == pcols:
                header = list(pb.header)
                body = forward_fill([pb.rows[-1], *body])[1:] if pb.rows else forward_fill(body)
            else:  # the page's own copy of the header, laid out for this page's columns
                header = _stacked_header(masked[:repeated]) if repeated else list(pb.header)
                body = forward_fill(body)
            if not body:
                return _TableState(pb, prev.header_rows)  # only a repeated header: nothing new
            block = Block(kind="table", page=pno, rows=body, header=header, continued=True)
            block.grid = grid
            return _TableState(block, rows[:repeated] or prev.header_rows)

    header, body = split_header(rows)
    block = Block(kind="table", page=pno, rows=forward_fill(body), header=header)
    block.grid = grid
    return _TableState(block, rows[: len(rows) - len(body)])


def _is_cut_remainder(first: list[str], last: list[str]) -> bool:
    """Whether a continuation's first row is the rest of the previous page's last row: it fills
    only cells the last row also fills, fewer of them, no label and no figure of its own."""
    filled = [j for j, c in enumerate(first) if c]
    if not filled or first[0] or len(filled) >= sum(1 for c in last if c):
        return False
    return all(last[j] and not _is_value(first[j]) and not _is_value(last[j]) for j in filled)


# ---------------------------------------------------------------- table grids

_SPAN = "\x00span"  # internal marker: a position covered by the cell to its left
# Hancom draws dotted rulings as runs of sub-point segments; pdfplumber's default prefilter
# (edges shorter than 1 pt dropped before joining) erases them and the table falls apart
# into loose lines. Keeping them lets collinear dots join into the rule they draw.
TABLE_SETTINGS = {"edge_min_length_prefilter": 0}
_Cell = tuple[tuple[float, float, float, float], list[dict]]  # a cell: bbox, chars
_Slot = _Cell | None
_MIN_GAP = 0.5  # a blank band this many font sizes tall inside a cell separates two rows


def _char_lines(chars: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if out and c["top"] - out[-1][0]["top"] <= 2.0:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _gaps(chars: list[dict]) -> list[tuple[float, float]]:
    """Blank horizontal bands between the text lines of a cell, at least _MIN_GAP sizes tall."""
    lines = _char_lines(chars)
    out = []
    for a, b in zip(lines, lines[1:], strict=False):
        lo, hi = max(c["bottom"] for c in a), min(c["top"] for c in b)
        size = median(float(c.get("size") or 10.0) for c in a + b)
        if hi - lo >= size * _MIN_GAP:
            out.append((lo, hi))
    return out


def _split_slot(slot: _Slot, y: float) -> tuple[_Cell, _Cell]:
    assert slot is not None
    (x0, top, x1, bottom), chars = slot
    above = [c for c in chars if (c["top"] + c["bottom"]) / 2 < y]
    below = [c for c in chars if (c["top"] + c["bottom"]) / 2 >= y]
    return ((x0, top, x1, y), above), ((x0, y, x1, bottom), below)


def _label_over_value(slot: _Slot, y: float) -> bool:
    """Whether a cell holds a label above `y` and a figure below it."""
    assert slot is not None
    above = "".join(c["text"] for c in slot[1] if (c["top"] + c["bottom"]) / 2 < y)
    below = "".join(c["text"] for c in slot[1] if (c["top"] + c["bottom"]) / 2 >= y)
    return bool(above and below) and not _is_value(above) and _is_value(below)


def _table_grid(
    table: object, chars: list[dict]
) -> tuple[list[list[str | None]], set[tuple[int, int]]]:
    """The table's cell texts, recovering rulings the PDF leaves out (Hancom exports do):

    - a row whose cells all have a blank band at the same height holds two rows (a header row
      and the first body row printed in the same cells, "당초" over "69,960,000");
    - a merged cell whose text splits at a blank band where a later row starts gives the text
      below the band to that row ("당초" over "147,975,100" next to "세입소계").

    Also returns the covered positions that a cell to their left spans (horizontal spans), so
    header rows can be combined without mistaking a vertical span for a horizontal one.
    """

    def inside(c: dict, bbox: tuple[float, float, float, float]) -> bool:
        h, v = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return bbox[0] <= h < bbox[2] and bbox[1] <= v < bbox[3]

    grid: list[list[_Slot]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        grid.append(
            [
                None if cell is None else (cell, [c for c in chars if inside(c, cell)])
                for cell in row.cells
            ]
        )
    # (1) Rows printed inside one row of cells.
    created: set[int] = set()  # rows recovered from a missing rule
    i = 0
    while i < len(grid):
        slots = [s for s in grid[i] if s is not None and s[1]]
        row_bottom = min((s[0][3] for s in slots), default=0.0)
        split_at = None
        for lo, hi in sorted({g for s in slots for g in _gaps(s[1])}):
            y = (lo + hi) / 2
            if y >= row_bottom:
                continue
            clear = all(not any(c["top"] < y < c["bottom"] for c in s[1]) for s in slots)
            # Only a label over a figure ("당초" over "69,960,000") betrays a missing rule;
            # two wrapped lines of text are just line spacing.
            both = sum(1 for s in slots if _label_over_value(s, y))
            if clear and both >= 2:
                split_at = y
                break
        if split_at is None:
            i += 1
            continue
        upper: list[_Slot] = []
        lower: list[_Slot] = []
        for s in grid[i]:
            if s is None:
                upper.append(None)
                lower.append(None)
            else:
                a, b = _split_slot(s, split_at)
                upper.append(a)
                lower.append(b)
        grid[i : i + 1] = [upper, lower]
        created = {k + 1 if k > i else k for k in created} | {i + 1}
        i += 1
    # (2) Merged cells whose text belongs partly to a later row.
    tops = [min((s[0][1] for s in r if s is not None), default=0.0) for r in grid]
    for i, row in enumerate(grid):
        for j, slot in enumerate(row):
            if slot is None or not slot[1]:
                continue
            for k in range(i + 1, len(grid)):
                if j >= len(grid[k]) or grid[k][j] is not None or tops[k] >= slot[0][3] - 1:
                    continue
                size = median(float(c.get("size") or 10.0) for c in slot[1])
                # Where step (1) found a missing rule, a merged cell beside it splits at its
                # own nearest blank band; elsewhere only a label over a figure does.
                reach = size * (1.5 if k in created else 1.0)
                near = sorted(
                    (abs((g[0] + g[1]) / 2 - tops[k]), g)
                    for g in _gaps(slot[1])
                    if abs((g[0] + g[1]) / 2 - tops[k]) <= reach
                )
                if near and (
                    k in created or _label_over_value(slot, (near[0][1][0] + near[0][1][1]) / 2)
                ):
                    gap = near[0][1]
                    y = (gap[0] + gap[1]) / 2
                    slot, moved = _split_slot(slot, y)
                    grid[i][j], grid[k][j] = slot, moved
                    break
    first_body = _first_body_row(grid)
    _split_at_body(grid, first_body)
    _open_sided_cells(table, grid, chars, first_body)
    col_x0: dict[int, float] = {}
    for r in grid:
        for j, s in enumerate(r):
            if s is not None:
                col_x0[j] = min(col_x0.get(j, s[0][0]), s[0][0])
    hspan = set()
    for i, r in enumerate(grid):
        for j, s in enumerate(r):
            if s is None and j in col_x0:
                left = next((r[k] for k in range(j - 1, -1, -1) if r[k] is not None), None)
                if left is not None and left[0][2] > col_x0[j] + 1:
                    hspan.add((i, j))
    texts = [[None if s is None else (extract_text(s[1]) if s[1] else "") for s in r] for r in grid]
    return texts, hspan


def _first_body_row(grid: list[list[_Slot]]) -> int | None:
    """The first row holding a figure: where the header rows end."""
    for i, r in enumerate(grid):
        if any(s is not None and s[1] and _is_value(extract_text(s[1])) for s in r):
            return i
    return None


def _split_at_body(grid: list[list[_Slot]], first_body: int | None) -> None:
    """A header cell that reaches into the body holds a body label too: on a page that
    continues a table, a merged cell carried over from the previous page has no top rule, so
    its text ("사무비") falls into the header cell above it ("관"). The text below the first
    body row's top goes to that row."""
    if not first_body:
        return
    tops = [min((s[0][1] for s in r if s is not None), default=0.0) for r in grid]
    y = tops[first_body]
    for i in range(first_body):
        for j, slot in enumerate(grid[i]):
            if slot is None or j >= len(grid[first_body]) or grid[first_body][j] is not None:
                continue
            (_, top, _, bottom), got = slot
            if not (top < y - 1 and bottom > y + 1):
                continue
            above, below = _split_slot(slot, y)
            if above[1] and below[1]:
                grid[i][j], grid[first_body][j] = above, below


def _open_sided_cells(
    table: object, grid: list[list[_Slot]], chars: list[dict], first_body: int | None = None
) -> None:
    """Give text that sits inside the table but in no cell to the cell it belongs to.

    Korean public documents often leave out a table's outer vertical borders, so a merged cell
    in the first or last column ("정량평가(20)" down the left, "운영기관 평가" down the right)
    has no left or right edge and pdfplumber finds no cell there: its text would be lost. Such
    text goes to the column its x falls in and to the topmost row of the run of covered
    positions (None) around its y, which then holds it as a cell merged down that run.
    """
    x0, top, x1, bottom = table.bbox  # type: ignore[attr-defined]
    width = max((len(r) for r in grid), default=0)
    if not width:
        return
    starts = [
        min((slot[0][0] for r in grid if j < len(r) and (slot := r[j]) is not None), default=None)
        for j in range(width)
    ]
    if any(s is None for s in starts):
        return
    edges = [*starts, x1]  # type: ignore[list-item]
    row_tops = [min((s[0][1] for s in r if s is not None), default=top) for r in grid]
    bands = [(t, row_tops[i + 1] if i + 1 < len(grid) else bottom) for i, t in enumerate(row_tops)]

    slots = [s[0] for r in grid for s in r if s is not None]

    def covered(h: float, v: float) -> bool:
        return any(b[0] <= h < b[2] and b[1] <= v < b[3] for b in slots)

    def free(i: int, j: int) -> bool:
        # No cell there and none spanning over it (a cell to its left or above reaching in).
        return (
            j < len(grid[i])
            and grid[i][j] is None
            and not covered(edges[j] + 1, (bands[i][0] + bands[i][1]) / 2)
        )

    def placed(c: dict) -> bool:
        return covered((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2)

    runs: dict[tuple[int, int, int], list[dict]] = {}
    for c in chars:
        h, v = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        if not (x0 <= h < x1 and top <= v < bottom) or not c["text"].strip() or placed(c):
            continue
        j = next((k for k in range(width) if edges[k] <= h < edges[k + 1]), None)
        i = next((k for k, (a, b) in enumerate(bands) if a <= v < b), None)
        if j is None or i is None or not free(i, j):
            continue
        # A run never crosses from the header rows into the body (see _split_at_body).
        first = i
        while first > 0 and first != first_body and free(first - 1, j):
            first -= 1
        last = i
        while last + 1 < len(grid) and last + 1 != first_body and free(last + 1, j):
            last += 1
        runs.setdefault((first, last, j), []).append(c)
    for (first, last, j), got in runs.items():
        bbox = (edges[j], bands[first][0], edges[j + 1], bands[last][1])
        grid[first][j] = (bbox, got)


# ---------------------------------------------------------------- pages


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


@dataclass
class _Page:
    lines: list[dict]
    # (bbox, cell texts with None for covered positions, horizontally covered positions)
    tables: list[
        tuple[tuple[float, float, float, float], list[list[str | None]], set[tuple[int, int]]]
    ]
    height: float
    width: float
    confidence: float | None = None


def _read_page(page: Page) -> _Page:
    page = _prepared(page)
    found = page.find_tables(TABLE_SETTINGS)
    bboxes = [t.bbox for t in found]
    chars = page.chars
    tables = []
    for t in found:
        texts, hspan = _table_grid(t, chars)
        tables.append((t.bbox, [[_clean_cell_text(c) for c in r] for r in texts], hspan))

    def keep(o: dict) -> bool:
        return o.get("object_type") != "char" or not any(_inside(o, b) for b in bboxes)

    outside = page.filter(keep)
    lines = []
    for ln in outside.extract_text_lines(keep_blank_chars=False, return_chars=True):
        text = _clean_text(_line_text(ln["text"], ln["chars"]))
        if text:
            lines.append({"text": text, "top": ln["top"], "bottom": ln["bottom"], "x1": ln["x1"]})
    return _Page(lines, tables, float(page.height), float(page.width))


def _ocr_page(page: Page, pno: int) -> _Page:
    # One rendering for both Tesseract and the table finder: the words it reads inside a ruled
    # table become that table's cells, the rest its lines.
    image = ocr.render(page)
    result = ocr.ocr_rendered(image)
    tables = []
    in_tables: set[int] = set()
    found = scantables.find_tables(np.asarray(image), ocr.DPI)
    # Cells read again one by one where the page-level reading of them is less sure.
    words = scantables.reread(found, image, result.words, ocr.DPI) if found else result.words
    for table in found:
        grid, hspan, used = scantables.fill(table, words, lambda t: ocr.fix_marks(ocr.respace(t)))
        if not used:
            continue  # rules with no words inside: a frame, not a table
        in_tables |= used
        tables.append((table.bbox, [[_clean_cell_text(c) for c in r] for r in grid], hspan))
    words = [w for k, w in enumerate(words) if k not in in_tables]
    lines = []
    for ln in ocr.lines_of(words):
        text = _clean_text(ocr.fix_marks(ocr.respace(ln.text)))
        if text:
            # The line's own confidence: a title is taken from a well-read line only.
            lines.append(
                {"text": text, "top": ln.top, "bottom": ln.bottom, "x1": ln.x1, "conf": ln.conf}
            )
    logger.info(
        "OCR %d쪽: 줄 %d개, 표 %d개, 평균 신뢰도 %.1f",
        pno,
        len(lines),
        len(tables),
        result.confidence,
    )
    return _Page(lines, tables, float(page.height), float(page.width), result.confidence)


def _open(path: Path) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        reason = (
            "암호로 보호된 PDF입니다" if "password" in repr(exc).lower() else "손상된 PDF입니다"
        )
        raise DocumentError(str(path), reason) from exc
    except Exception as exc:  # pdfminer raises a zoo of errors on broken files
        raise DocumentError(str(path), f"PDF를 열 수 없습니다 ({type(exc).__name__})") from exc


def parse_pdf(path: Path) -> PdfParse:
    """Parse a PDF into blocks, recording dropped furniture and OCR'd pages."""
    started = time.perf_counter()
    pdf = _open(path)
    with pdf:
        try:
            pages = list(pdf.pages)
            if not pages:
                raise DocumentError(str(path), "페이지가 없는 PDF입니다")
            read: list[_Page] = []
            no_text: list[int] = []
            for pno, page in enumerate(pages, start=1):
                if not page.chars:
                    no_text.append(pno)
                    read.append(_Page([], [], float(page.height), float(page.width)))
                else:
                    read.append(_read_page(page))
            ocr_pages: list[int] = []
            skipped: list[int] = []
            if no_text:
                if ocr.available():
                    for pno in no_text:
                        read[pno - 1] = _ocr_page(pages[pno - 1], pno)
                    ocr_pages = no_text
                else:
                    skipped = no_text
                    logger.warning(
                        "%s: 텍스트 층이 없는 %s쪽을 건너뜁니다. OCR(tesseract)을 쓸 수 없습니다. "
                        "tesseract-ocr과 tesseract-ocr-kor를 설치한 뒤 다시 색인해 주세요.",
                        path,
                        ", ".join(map(str, skipped)),
                    )
        except DocumentError:
            raise
        except Exception as exc:
            raise DocumentError(
                str(path), f"PDF를 읽는 중 오류가 났습니다 ({type(exc).__name__})"
            ) from exc
        n_pages = len(pages)

    drop = find_furniture([p.lines for p in read], [p.height for p in read])
    result = PdfParse(blocks=[], pages=n_pages, ocr_pages=ocr_pages, skipped_pages=skipped)
    prev: _TableState | None = None  # the table that ended the previous page
    for pno, (pg, dropped) in enumerate(zip(read, drop, strict=True), start=1):
        result.furniture.extend((pno, pg.lines[i]["text"]) for i in sorted(dropped))
        lines = [ln for i, ln in enumerate(pg.lines) if i not in dropped]
        right_edge = max((ln["x1"] for ln in lines), default=pg.width)
        items: list[tuple[float, int, object]] = []
        # Text between tables is paragraphed separately so a paragraph never spans a table.
        edges = sorted(bbox[1] for bbox, _, _ in pg.tables)
        groups: dict[int, list[dict]] = {}
        for ln in lines:
            groups.setdefault(sum(1 for e in edges if e < ln["top"]), []).append(ln)
        for group in groups.values():
            for top, text, line_conf in _paragraphs_read(group, right_edge):
                block = Block(
                    kind="line",
                    page=pno,
                    text=text,
                    confidence=pg.confidence,
                    line_confidence=line_conf,
                )
                items.append((top, 0, block))
        for bbox, grid, hspan in pg.tables:
            items.append((bbox[1], 1, (grid, hspan)))
        items.sort(key=lambda it: (it[0], it[1]))
        for idx, (_, _, item) in enumerate(items):
            if isinstance(item, Block):
                result.blocks.append(item)
                continue
            grid, hspan = item  # type: ignore[misc]
            letters = [c for r in grid for c in r if c]
            if (
                sum(1 for r in grid if any(r)) == 1
                and len(letters) >= 2
                and all(re.fullmatch(r"[가-힣]", c) for c in letters)
            ):  # a title boxed one letter a cell ("사 | 업 | 개 | 요"): a heading line
                result.blocks.append(Block(kind="line", page=pno, text="".join(letters)))
                continue
            # A table right below another one with no text between (a double rule splits one
            # table in two) may continue it, as a table opening the page may continue the last.
            after_table = idx > 0 and not isinstance(items[idx - 1][2], Block)
            state = _table_block(grid, hspan, pno, prev if idx == 0 or after_table else None)
            if state is None:
                continue
            if pg.confidence is not None:  # an OCR'd page's table: its confidence too
                state.block.confidence = pg.confidence
            if not result.blocks or state.block is not result.blocks[-1]:
                result.blocks.append(state.block)
            prev = state
        # The table carries on only if it ends the page: no text below it (text beside it,
        # like a label column outside the ruling, does not count).
        table_bottoms = [bbox[3] for bbox, _, _ in pg.tables]
        if not table_bottoms or any(
            isinstance(it, Block) and top > max(table_bottoms) for top, _, it in items
        ):
            prev = None

    if not any(b.text.strip() or b.rows for b in result.blocks) and skipped:
        raise DocumentError(
            str(path),
            "텍스트 층이 없는 스캔 PDF인데 OCR(tesseract)을 쓸 수 없어 읽지 못했습니다. "
            "tesseract-ocr과 tesseract-ocr-kor를 설치한 뒤 다시 색인해 주세요",
        )
    result.seconds = time.perf_counter() - started
    return result


def load_pdf(path: Path) -> tuple[list[Block], int]:
    """Return (blocks, page count). Raises DocumentError for unreadable PDFs."""
    parsed = parse_pdf(path)
    return parsed.blocks, parsed.pages


# ---------------------------------------------------------------- metadata


def _pdf_date(value: object) -> str | None:
    """PDF date "D:20240521234731+09'00'" → "2024-05-21"."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{y}-{mo}-{d}"


def pdf_metadata(path: Path) -> dict[str, str]:
    """The PDF's Info dictionary, decoded: title, author, subject, creator, producer (text)
    and created / modified ("YYYY-MM-DD"); missing or empty fields are left out."""
    pdf = _open(path)
    with pdf:
        info = pdf.metadata or {}
    out: dict[str, str] = {}
    for key in ("Title", "Author", "Subject", "Creator", "Producer"):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if value and str(value).strip():
            out[key.lower()] = str(value).strip()
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        date = _pdf_date(info.get(key))
        if date:
            out[name] = date
    return out
