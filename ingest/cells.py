"""Every table cell as a fact: value as printed, row-header path, column-header path, unit, caption.

A table answers "행정안전부 2026년 지역균형성장 사업비는?" only when the figure is read together with
its row (지역균형성장), its column (2026년 › 본예산), the table's unit (단위: 백만원) and caption. At
ingest each body cell of each table block becomes a `Cell` with all of these, stored in the
`cells` table of the index's SQLite beside the chunks; retrieval/tables.py matches questions to
the headers and answers with the cell.

Headers are derived from the block's raw `grid` when the loader kept one (rows before the first
row with figures are header rows; covered positions are resolved to the spanning cell), and
from the loader's combined `header` ("A › B") otherwise. Leading text columns are row labels.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ingest.blocks import ITEM_MARK, Block, clean_cell, forward_fill, line_fact, render_row
from ingest.tablerows import TableRow
from sosa.korean.analysis import analyze
from sosa.models import DocumentInfo
from sosa.numbers import signed_decimal

logger = logging.getLogger(__name__)

SEP = " › "
MAX_HEADER_ROWS = 4
# Bump when cell extraction changes: the ingest manifest then rebuilds the index.
# 13: a value repeating its row's label beside other values is a merged cell, kept.
# 12: a ledger's dated label column also as cells, a total glued to its group (세입소계) also
# read as its words; 9-11: a first row holding a phone number (TEL: …) or a date is no header.
CELLS_VERSION = "13"

# A value that is a figure: optional qualifier, sign, number, a short unit, a parenthesised note.
_NUMERIC_RE = re.compile(
    r"^(?:각|최대|최소|약|총|월|연)?\s*[△▲▽▼−\-+]?\s?\(?[△▲▽▼−\-+]?\d[\d,]*(?:\.\d+)?\)?\s*"
    r"(?P<unit>[가-힣%㎡㎢℃a-zA-Z]{0,4})\s*(?:\([^)]*\))?$"
)
# Header cells that look like figures but label a column: years, quarters, months, ordinals.
_PERIOD_RE = re.compile(
    r"^(?:[’'`]\d{2}(?:년|\.\d{1,2}\.?)?.*|(?:19|20)\d{2}(?:년도?|\.)?(?:\s*\S{0,8})?"
    r"|\d{1,2}(?:월|분기|차|차년도|학기|주차)|제?\d{1,2}(?:단계|기))$"
)
_UNIT_LINE_RE = re.compile(r"[(\[<]?\s*단\s*위\s*[:：]\s*([^)\]>,\s]+(?:\s*[,·]\s*[^)\]>,\s]+)*)")
_HEADER_UNIT_RE = re.compile(r"\(\s*([가-힣%㎡a-zA-Z]{1,4})\s*\)\s*\*?$")
_CAPTION_RE = re.compile(r"^\s*(?:<\s*.+?\s*>|\[\s*표\s*\d+.*?\]|【.+】|〈.+〉|\[.+\])")
_CELL_UNITS = (
    "십억원", "백만원", "천만원", "억원", "만원", "천원", "원", "%", "명", "건", "점", "개소",
    "개사", "개", "회", "톤", "㎡", "m", "kg", "시간", "일", "년", "월", "곳", "가구", "세대", "호",
)  # fmt: skip
_MARKS = {"■", "□", "●", "○", "◎", "◯", "-", "–", "—", "·", "v", "V", "✓", "O", "X", "x"}


@dataclass
class Cell:
    document: str
    page: int | None
    section: str
    caption: str
    unit: str
    row_path: list[str]
    col_path: list[str]
    value: str
    number: Decimal | None
    year: int | None
    audience: str
    table: int  # ordinal of the table in its document (a continued table keeps its number)
    row: int  # body row index within the table block
    col: int
    row_text: str  # the whole row rendered "label · 열 값 · …" (quoted as evidence)
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{SEP.join(self.row_path)} · {SEP.join(self.col_path)}".strip(" ·")


def is_numeric(value: str) -> bool:
    """A figure with at most a known unit: "1,500건", "△1.34", "200 톤"; not "2025 본예산"."""
    m = _NUMERIC_RE.match(value) if value else None
    return m is not None and (not m.group("unit") or m.group("unit") in _CELL_UNITS)


def _is_period(value: str) -> bool:
    return bool(_PERIOD_RE.match(value.strip()))


def cell_unit(value: str) -> str:
    m = _NUMERIC_RE.match(value)
    if not m:
        return ""
    unit = m.group("unit") or ""
    return unit if unit in _CELL_UNITS else ""


_SCORE_HEADER = re.compile(r"(?:배점|득점|총점|점수)\s*(?:\(.*\))?\*?$")


def header_unit(path: list[str]) -> str:
    if path and _SCORE_HEADER.search(path[-1].replace(" ", "")):
        return "점"  # 배점 / 득점 columns count points
    for part in reversed(path):
        m = _HEADER_UNIT_RE.search(part)
        if m and m.group(1) in _CELL_UNITS:
            return m.group(1)
    return ""


def unit_in(text: str) -> str:
    m = _UNIT_LINE_RE.search(text)
    return m.group(1).strip() if m else ""


def _sequence_row(row: list[str]) -> bool:
    """Column numbering (1 2 3 … 12, months of a schedule): a header row despite its figures."""
    nums = [c for c in row if c and is_numeric(c)]
    if len(nums) < 3 or not all(c.isdigit() for c in nums):
        return False
    ints = [int(c) for c in nums]
    return ints == list(range(ints[0], ints[0] + len(ints)))


# Values whose shape says what they are, whatever their column is headed: a phone number
# (044-205-1234, 02-1234-5678, 1522-0365, printed in brackets too), an e-mail address, a date
# (2025. 12. 3., 2025-12-03, 2025.12.3.(수) 14:00). Named as a column of them would be headed.
PHONE, EMAIL, DATE = "전화번호", "이메일", "날짜"
_SHAPES = (
    (
        PHONE,
        re.compile(r"[(（]?\s*(?:0\d{1,2}\s*[-)）.]\s*\d{3,4}\s*[-.]|1\d{3}\s*-)\s*\d{4}\s*[)）]?"),
    ),
    (EMAIL, re.compile(r"[<(]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[>)]?")),
    (
        DATE,
        re.compile(
            r"(?:19|20)\d{2}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*[.일]?"
            r"(?:\s*\([월화수목금토일]\))?(?:\s*\d{1,2}:\d{2})?"
        ),
    ),
)


# "TEL: 02-2031-9474", "☎ 044-205-2213": a number labelled a phone; "FAX :" labels none.
_PHONE_LABEL = re.compile(r"^(?:TEL|Tel|tel|T|전화|☎|☏)\s*[.:：)]?\s*(?=[(\d])")
_FAX_LABEL = re.compile(r"^(?:FAX|Fax|fax|F|팩스)\s*[.:：)]?\s*(?=[(\d])")


def value_shape(value: str) -> str:
    """What a value is by its shape alone (전화번호, 이메일, 날짜), or "" when its shape says
    nothing: the whole value must be the one thing, not a sentence holding one."""
    v = value.strip()
    if not v or len(v) > 40 or _FAX_LABEL.match(v):
        return ""
    v = _PHONE_LABEL.sub("", v)
    for name, pattern in _SHAPES:
        if pattern.fullmatch(v):
            return name
    return ""


def shaped_row(row: list[str]) -> bool:
    """A row holding a phone number, an e-mail address or a date is data, never a header:
    headers name such columns (전화번호), they do not hold their values."""
    return any(value_shape(c) and not _is_period(c) for c in row if c)


def _body_row(row: list[str]) -> bool:
    """A row holding figures (other than periods and column numbering) starts the body."""
    if _sequence_row(row):
        return False
    return any(c and is_numeric(c) and not _is_period(c) for c in row)


# -- headers from the raw grid --


def _resolve_header_rows(grid: list[list[str | None]], n: int) -> list[list[str]]:
    """Header rows with covered positions (None) resolved to the cell that spans them.

    Row 0: a covered position continues the span from its left. Lower rows: it continues the
    left cell only when both sit under the same parent (a horizontal span cannot cross its
    parent's edge); otherwise it is the cell above reaching down (a vertical span).
    """
    out: list[list[str]] = []
    for r in range(n):
        row = grid[r]
        resolved: list[str] = []
        for j, raw in enumerate(row):
            if raw is not None:
                resolved.append(clean_cell(raw))
                continue
            left = resolved[j - 1] if j > 0 else ""
            if r == 0:
                resolved.append(left)
                continue
            above = out[r - 1]
            same_parent = j > 0 and j < len(above) and above[j] == above[j - 1]
            if same_parent and row[j - 1] is not None and left:
                resolved.append(left)
            else:
                resolved.append(above[j] if j < len(above) else "")
        out.append(resolved)
    return out


def _header_spans(grid: list[list[str | None]], n_head: int) -> list[list[str | None]]:
    """Header rows of a grid that shows no merges (every position its own, possibly empty,
    cell): an empty header position is covered by a span, as the loaders read such headers.
    In the top row only over a labelled sub-column ("실 적(건)" over 2022년 and 2023년); below,
    always (구분 reaching down, or its parent's span continuing)."""
    out = [list(r) for r in grid]
    for r in range(n_head):
        for j, c in enumerate(out[r]):
            if c or j >= len(out[r]):
                continue
            below = any(j < len(grid[k]) and grid[k][j] for k in range(r + 1, n_head))
            if r > 0 or below:
                out[r][j] = None
    return out


def _paths(header_rows: list[list[str]], width: int) -> list[list[str]]:
    paths: list[list[str]] = []
    for j in range(width):
        path: list[str] = []
        for row in header_rows:
            path.append(row[j] if j < len(row) else "")
        paths.append(_dedupe(path))
    return paths


def _from_grid(grid: list[list[str | None]]) -> tuple[list[list[str]], list[list[str]]] | None:
    """(column paths, body rows) from the raw grid; None when it has nothing usable."""
    got = _read_grid(grid)
    return (got[0], got[1]) if got else None


def _read_grid(
    grid: list[list[str | None]],
) -> tuple[list[list[str]], list[list[str]], list[list[bool]] | None] | None:
    """(column paths, body rows, printed) from the raw grid. `printed` marks the body texts
    the grid holds in that very row, when its rows were forward-filled (None otherwise)."""
    width = max((len(r) for r in grid), default=0)
    if not width:
        return None
    grid = [list(r) + [""] * (width - len(r)) for r in grid]
    # Drop rows that are empty everywhere and columns empty everywhere (ruling artefacts).
    grid = [r for r in grid if any(c for c in r if c)]
    keep = [j for j in range(width) if any(r[j] for r in grid)]
    grid = [[r[j] for j in keep] for r in grid]
    if not grid:
        return None
    width = len(keep)
    texts = [[clean_cell(c) if c is not None else "" for c in r] for r in grid]
    n_head = 0
    for r, head_row in enumerate(texts[: MAX_HEADER_ROWS + 1]):
        if _body_row(head_row):
            break
        n_head = r + 1
    if n_head > MAX_HEADER_ROWS or n_head >= len(texts):
        # No figures below a few header-looking rows: a text table with one header row.
        n_head = 1 if len(texts) > 1 else 0
    if shaped_row(texts[0]):
        n_head = 0  # a first row holding a phone number or a date: the table has no header
    merges_known = any(c is None for r in grid for c in r)
    if merges_known:
        n_head = _sub_headers(grid, texts, n_head)
    if not merges_known and n_head >= 2:
        grid = _header_spans(grid, n_head)
    header_rows = _resolve_header_rows(grid, n_head)
    paths = _paths(header_rows, width)
    body: list[list[str]] = []
    prev: list[str] | None = None
    for r in range(n_head, len(grid)):
        row: list[str] = []
        horizontal = False
        for j in range(width):
            raw = grid[r][j]
            if raw is not None:
                row.append(clean_cell(raw))
                horizontal = False
                continue
            # Covered: by the cell on its left when that one holds text (or is itself covered
            # from the left), else by the cell above reaching down.
            left_text = j > 0 and grid[r][j - 1] is not None and bool(row[j - 1])
            horizontal = left_text or (horizontal and j > 0)
            if horizontal or prev is None:
                row.append("")
            else:
                row.append(prev[j])
        body.append(row)
        prev = row
    if merges_known:
        return paths, body, None
    # A grid without a single covered position cannot show its merges (PDFs that rule a
    # merged label column as empty cells: 평가영역 "리더십 (15)" over its indicators): leading
    # empty label cells continue the label above, as the loaders read such rows.
    printed = [[bool(c) for c in row] for row in body]
    return paths, forward_fill(body), printed


SUB_HEADER_CHARS = 12  # "70%", "참고사항": short names, not a body's sentences


def _sub_headers(grid: list[list[str | None]], texts: list[list[str]], n_head: int) -> int:
    """A header cell spanning several columns has their own headers under it, even when those
    read as figures ("소득(원)" over 70% · 80% · 90%): the row below joins the header rows."""
    # The top row only: there a covered position is a span from the left; lower down it may
    # be a header reaching down from above.
    # The label column's header reaches down over the sub-headers (가구원수 beside 70% · 80%);
    # a row with a label of its own there is the body's first row.
    while n_head == 1 and len(grid) > 2 and not texts[1][0]:
        top, below = grid[0], texts[1]
        spans = [j for j in range(len(top) - 1) if top[j] and top[j + 1] is None]
        if not spans:
            break
        covered: list[int] = []
        for j in spans:
            k = j + 1
            while k < len(top) and top[k] is None:
                k += 1
            covered.extend(range(j, k))
        if not all(grid[n_head][j] is not None and 0 < len(below[j]) <= SUB_HEADER_CHARS
                   for j in covered):  # fmt: skip
            break
        n_head += 1
    return n_head


def _from_block(block: Block) -> tuple[list[list[str]], list[list[str]]]:
    width = max([len(block.header), *(len(r) for r in block.rows)], default=0)
    paths = [
        _dedupe([p.strip() for p in block.header[j].split(SEP)] if j < len(block.header) else [])
        for j in range(width)
    ]
    rows = [list(r) + [""] * (width - len(r)) for r in block.rows]
    if all(len(p) <= 1 for p in paths) and shaped_row([p[0] for p in paths if p]):
        # The loader took a data row (a phone number, a date in it) for the header.
        first = [p[0] if p else "" for p in paths]
        return [[] for _ in range(width)], [first, *rows]
    # No header detected but the first row reads as one (text over figures).
    if (
        not any(paths)
        and len(rows) > 1
        and not _body_row(rows[0])
        and any(_body_row(r) for r in rows[1:3])
    ):
        paths = [[c] if c else [] for c in rows[0]]
        rows = rows[1:]
    return paths, rows


# -- row labels --


def _ordinal_column(values: list[str]) -> bool:
    nums = [v for v in values if v]
    if len(nums) < 2 or not all(v.isdigit() for v in nums):
        return False
    ints = [int(v) for v in nums]
    return ints == list(range(ints[0], ints[0] + len(ints)))


_SERIES_MIN = 3  # columns whose headers make a series: 1분기 · 2분기 · 3분기 (two are a pair)


def series_header(paths: list[list[str]]) -> bool:
    """Every column, the first too, headed by one series (1분기 … 4분기, 2024년 …): the first
    column is the series' first member, data like the others, not the rows' labels."""
    heads = [re.sub(r"\s+", "", p[-1]) if p else "" for p in paths]
    if len(heads) < _SERIES_MIN or not all(heads):
        return False
    shapes = {re.sub(r"\d+", "#", h) for h in heads}
    numbers = [re.sub(r"\D+", " ", h).strip() for h in heads]
    return len(shapes) == 1 and "#" in next(iter(shapes)) and len(set(numbers)) == len(heads)


def label_columns(body: list[list[str]]) -> int:
    """How many leading columns label the rows: text (not figure) columns before the first
    column of figures; at least one, and never every column."""
    if not body:
        return 0
    width = len(body[0])
    n = 0
    for j in range(width):
        values = [r[j] for r in body if j < len(r)]
        filled = [v for v in values if v]
        if not filled:
            if n == j:
                n = j + 1  # an empty spacer column among the labels
            continue
        numeric = sum(1 for v in filled if is_numeric(v))
        if numeric * 2 >= len(filled) and not _ordinal_column(values):
            break
        n = j + 1
    if n >= width:
        n = 1 if width > 1 else 0
    return max(n, 1 if width > 1 else 0)


def shape_columns(body: list[list[str]]) -> dict[int, str]:
    """The columns whose values are mostly of one shape (전화번호, 이메일, 날짜), by index."""
    out: dict[int, str] = {}
    width = max((len(r) for r in body), default=0)
    if len(body) < 2:
        return out
    for j in range(width):
        filled = [r[j] for r in body if j < len(r) and r[j]]
        shapes = [value_shape(v) for v in filled]
        for name in {s for s in shapes if s}:
            if shapes.count(name) * 2 > len(filled):
                out[j] = name
    return out


_TOTAL_RE = re.compile(r"^(?:합\s*계|소\s*계|총\s*계|계)$")


def _group_labels(body: list[list[str]], n_labels: int) -> list[list[str]]:
    """A label row with nothing in its deeper label columns (∎사업비) heads a group: the rows
    below that leave that column empty belong to it (∎사업비 › 지역균형성장)."""
    groups: dict[int, str] = {}
    out: list[list[str]] = []
    for row in body:
        row = list(row)
        labels = row[:n_labels]
        filled = [j for j, v in enumerate(labels) if v]
        if filled and filled == [filled[0]] and filled[0] < n_labels - 1:
            j = filled[0]
            if _TOTAL_RE.match(labels[j]):
                groups = {k: v for k, v in groups.items() if k < j}
            else:
                groups = {k: v for k, v in groups.items() if k < j}
                groups[j] = labels[j]
        elif filled:
            first = filled[0]
            for j in range(first):
                if not row[j] and j in groups:
                    row[j] = groups[j]
        out.append(row)
    return out


# -- caption and unit --


def caption_and_unit(blocks: list[Block], index: int) -> tuple[str, str]:
    """The short line(s) right above table `index` and a "(단위: …)" unit there."""
    lines: list[str] = []
    unit = ""
    table = blocks[index]
    for j in range(index - 1, max(-1, index - 4), -1):
        b = blocks[j]
        if b.kind != "line" or (table.page is not None and b.page != table.page):
            break
        text = b.text.strip()
        u = unit_in(text)
        if u and not unit:
            unit = u
            text = _UNIT_LINE_RE.sub("", text).strip(" ()[]")
            if not text:
                continue
        if _CAPTION_RE.match(text):
            lines.insert(0, text)
            break
        if len(text) > 60 or text.startswith(("-", "–", "·", "※", "*")):
            break
        lines.insert(0, text)
        if len(lines) == 2:
            break
    return " ".join(lines), unit


def _pick(unit: str, col_path: list[str]) -> str:
    """One unit of a table's "(단위: 백만원, %)": % for a rate column, else the first."""
    units = [u.strip() for u in re.split(r"[,·]", unit) if u.strip()]
    if len(units) < 2:
        return unit
    rate = any(re.search(r"%|률|비율|비중|/\s*[A-Z(]", p) for p in col_path)
    if rate and "%" in units:
        return "%"
    return next((u for u in units if u != "%"), units[0])


def table_unit_inside(paths: list[list[str]], body: list[list[str]]) -> str:
    for p in paths:
        for part in p:
            u = unit_in(part)
            if u:
                return u
    for row in body[:1]:
        for c in row:
            u = unit_in(c)
            if u:
                return u
    return ""


# -- the cells of a document --


def _runs_on(
    blocks: list[Block], i: int, paths: list[list[str]], prev_paths: list[list[str]]
) -> bool:
    """Whether table `i`, without a header of its own, continues the table right before it on
    the previous page although the loader kept it apart (its column count differs)."""
    if any(paths) or len(paths) > len(prev_paths) or i == 0:
        return False
    prev, block = blocks[i - 1], blocks[i]
    return (
        prev.kind == "table"
        and prev.page is not None
        and block.page is not None
        and block.page == prev.page + 1
    )


def extract_cells(
    info: DocumentInfo,
    blocks: list[Block],
    sections: list[str],
    rows: list[TableRow] | None = None,
) -> list[Cell]:
    """The cells of every table and "항목 : 값" line. Given `rows`, every body row of every
    table is also added to it, each column's text under its header (for table readers)."""
    cells: list[Cell] = []
    table_no = -1
    prev_paths: list[list[str]] | None = None
    prev_caption, prev_unit = "", ""
    row_base = 0  # a table continued over blocks numbers its rows on: rows stay distinct
    for i, block in enumerate(blocks):
        if block.kind != "table":
            continue
        got = _read_grid(block.grid) if block.grid else None
        paths, body, printed = got if got else (*_from_block(block), None)
        caption, unit = caption_and_unit(blocks, i)
        if prev_paths is not None and (block.continued or _runs_on(blocks, i, paths, prev_paths)):
            # The same table on the next page: its headers, caption and unit carry over. A
            # column left empty on this page was dropped: the columns align at the right, where
            # the figures are (a merged label column at the left is what empties out).
            if not any(paths) and len(paths) <= len(prev_paths):
                paths = prev_paths[len(prev_paths) - len(paths) :]
            caption, unit = caption or prev_caption, unit or prev_unit
        else:
            table_no += 1
            row_base = 0
        unit = unit or table_unit_inside(paths, body)
        filled = [k for k, r in enumerate(body) if any(r)]
        body = [body[k] for k in filled]
        printed = [printed[k] for k in filled] if printed else None
        if not body:
            prev_paths, prev_caption, prev_unit = paths, caption, unit
            continue
        series = series_header(paths)
        n_labels = 0 if series else label_columns(body)
        shaped = {} if any(paths) else shape_columns(body)
        if shaped:
            # No header row: the columns of phone numbers or dates are named by their shape,
            # and the text cells before the first of them label the rows (담당 부서 · 과 ·
            # 서기관 · 이름 beside the number).
            paths = [[shaped[j]] if j in shaped else [] for j in range(len(body[0]))]
            n_labels = min(shaped) or n_labels
        if got:  # merges in a raw grid are resolved above; blocks come forward-filled
            body = _group_labels(body, n_labels)
        header = [SEP.join(p) for p in paths]
        # A label column of dates (or phone numbers) beside the row's name in a ledger (순번 ·
        # 사용일자 · 사용내역 · 사용처 before 수량 · 금액): each date is also a fact of its row,
        # "덴탈마스크는 언제" asks it, as a cell under its header.
        shaped_labels = (
            [
                j
                for j, _s in shape_columns(body).items()
                if j < n_labels and j < len(paths) and paths[j]
            ]
            if n_labels > 1
            else []
        )
        # What the label columns are headed (세부평가항목, 목, 구분): the rows' kind, which
        # questions name ("가장 높은 항목은", "가장 큰 목은").
        labels_head = " ".join(h for h in header[:n_labels] if h)
        section = sections[i] if i < len(sections) else ""
        seen: set[tuple[str, ...]] = set()
        for r, row in enumerate(body):
            row_text = render_row(header, row)
            if rows is not None:
                named = [(header[j] if j < len(header) else "", v) for j, v in enumerate(row)]
                rows.append(TableRow(table_no, i, block.page, section, row_text, named))
            row_path = _dedupe(row[:n_labels])
            if not row_path and not series:
                continue  # a row without its label: a note or a spacer
            # A row whose every value repeats its label is a heading spanning the table; a
            # value that repeats it beside other values is a cell merged over two columns
            # whose text is both (비전 and 경영목표 both "사회서비스 분야 선도경영").
            heading = all(v in row_path or not v.strip() for v in row[n_labels:])
            for j in [*shaped_labels, *range(n_labels, len(row))]:
                value = row[j]
                if not re.search(r"[\w가-힣]", value) or value in _MARKS:
                    continue
                if value in row_path and j >= n_labels and heading:
                    continue
                col_path = paths[j] if j < len(paths) else []
                key = (*row_path, "|", *col_path, "|", value)
                if key in seen and not (printed and printed[r][j]):
                    continue  # a merged cell forward-filled over several rows, not a cell
                seen.add(key)
                numeric = is_numeric(value)
                cells.append(
                    Cell(
                        document=info.document,
                        page=block.page,
                        section=section,
                        caption=caption,
                        unit=(cell_unit(value) or header_unit(col_path) or _pick(unit, col_path))
                        if numeric
                        else "",
                        row_path=row_path,
                        col_path=col_path,
                        value=value,
                        number=signed_decimal(value) if numeric else None,
                        year=info.year,
                        audience=info.audience,
                        table=table_no,
                        row=row_base + r,
                        col=j,
                        row_text=row_text,
                        extra={"headers": labels_head} if labels_head else {},
                    )
                )
        row_base += len(body)
        prev_paths, prev_caption, prev_unit = paths, caption, unit
    cells += _listed_figures(cells)
    cells += line_facts(info, blocks, sections, table_no + 1)
    return cells


# -- figures a text cell lists: "기술평가(90%), 가격평가(10%)" --

_LISTED_ITEM = re.compile(
    r"\s*(?P<label>[^,·()\d][^,·()]{0,19}?)\s*\(\s*(?P<value>[△▲−\-]?\d[\d,]*(?:\.\d+)?\s*"
    r"(?:%|점|명|건|개|회|원|천원|백만원|억원)?)\s*\)\s*(?:[,·]|$)"
)


def _listed_items(value: str) -> list[tuple[str, str]]:
    """(label, figure) of each item when the whole text is a list of "label(figure)" items."""
    items: list[tuple[str, str]] = []
    pos = 0
    while pos < len(value):
        m = _LISTED_ITEM.match(value, pos)
        if not m or m.end() == pos:
            return []
        items.append((m.group("label").strip(), m.group("value").strip()))
        pos = m.end()
    return items if len(items) >= 2 else []


def _listed_figures(cells: list[Cell]) -> list[Cell]:
    """A text cell listing labelled figures ("기술평가(90%), 가격평가(10%)") holds one figure
    per label: each becomes a cell of its own in the row, the label as its column."""
    out: list[Cell] = []
    for c in cells:
        if c.number is not None:
            continue
        for label, figure in _listed_items(c.value):
            if not is_numeric(figure):
                continue
            out.append(
                replace(
                    c,
                    col_path=[label],  # the label names the figure; 비고 only held it
                    value=figure,
                    number=signed_decimal(figure),
                    unit=cell_unit(figure) or c.unit,
                    extra={},
                )
            )
    return out


# -- facts of text lines: "□ 사업 기간 : ’26. 4. ∼ ’27. 3.", "□ 관리대상수지 / ㅇ △6,169십억원" --

# Cell.col of a fact read from a text line (negative: no table column); see line_facts.
LINE_FACT = -1
_LEADING_FIGURE = re.compile(r"^[△▲▽▼−\-+]?\s?\d[\d,]*(?:\.\d+)?\s*[가-힣%㎡]{0,4}")
_FIGURE_IN = re.compile(r"[△▲−\-]?\d[\d,]*(?:\.\d+)?\s*[가-힣%㎡]{0,4}")


_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")


def _heading_figure(blocks: list[Block], i: int, sections: list[str]) -> tuple[str, str] | None:
    """A heading whose first line under it opens with a figure ("□ 관리대상수지(…)" then
    "ㅇ △6,169십억원 = …"): the figure is the heading's value."""
    if i + 1 >= len(blocks) or blocks[i + 1].kind != "line" or i + 1 >= len(sections):
        return None
    name = sections[i].rsplit(SEP, 1)[-1]
    text = blocks[i].text.strip()
    if sections[i] == (sections[i - 1] if i else "") or not name or not text.endswith(name):
        return None  # not a heading: the breadcrumb did not change on this line
    if sections[i + 1] != sections[i]:
        return None  # nothing under it
    body = ITEM_MARK.sub("", blocks[i + 1].text.strip(), count=1)
    m = _LEADING_FIGURE.match(body)
    if not m or not is_numeric(m.group(0).strip()) or not cell_unit(m.group(0).strip()):
        return None
    return name, m.group(0).strip()


def _line_value(value: str) -> tuple[str, Decimal | None, str]:
    """(value as printed, its figure, unit): a figure when the value is one ("국비 100%" too:
    a few words and one figure with its unit), else a text."""
    if is_numeric(value):
        return value, signed_decimal(value), cell_unit(value)
    figures = _FIGURE_IN.findall(value)
    if len(figures) == 1 and len(value.split()) <= 3 and cell_unit(figures[0].strip()):
        return value, signed_decimal(figures[0]), cell_unit(figures[0].strip())
    return value, None, ""


# "□ 신청 기한 : … 마감 □ 제 출 처 : …": a line holding a second marked item.
_NEXT_ITEM = re.compile(r"\s+[□■○●◆◇▶]\s*([^:：□■○●◆◇▶]{1,20}?)\s*[:：]\s*")


def _items(kv: tuple[str, str]) -> list[tuple[str, str]]:
    """A line's "항목 : 값" facts: each marked item its own, its value cut before the next."""
    key, value = kv
    out: list[tuple[str, str]] = []
    while (m := _NEXT_ITEM.search(value)) and value[: m.start()].strip():
        out.append((key, value[: m.start()].strip()))
        key, value = despace(m.group(1).strip()), value[m.end() :]
    out.append((key, value.strip()))
    return [(k, v) for k, v in out if v]


def line_facts(
    info: DocumentInfo, blocks: list[Block], sections: list[str], first_table: int
) -> list[Cell]:
    """The "항목 : 값" lines and figure-valued headings of a document as one-row tables, one
    per section: the section's heading is the row, each item a column (the way a one-row
    table's columns name its facts). Numbered after the document's tables."""
    groups: dict[str, list[tuple[int, str, str, str]]] = {}
    for i, b in enumerate(blocks):
        if b.kind != "line" or i >= len(sections):
            continue
        kv = line_fact(blocks, i)
        quote = b.text.strip()
        parent = sections[i]
        if kv is None:
            kv = _heading_figure(blocks, i, sections)
            if kv is None:
                continue
            quote = f"{quote}\n{blocks[i + 1].text.strip()}"
            parent = parent.rsplit(SEP, 1)[0]  # the heading names the fact, not its row
        facts = groups.setdefault(parent, [])
        for item in _items(kv):
            if re.fullmatch(r"\(.*\)|\[.*\]", item[1]):
                continue  # a form's blank to fill in ("성명 : (서명)"), no fact
            if all((key, value) != item for _i, key, value, _q in facts):
                facts.append((i, item[0], item[1], quote))
    cells: list[Cell] = []
    for n, (parent, facts) in enumerate(groups.items()):
        # "관리대상수지(사회보장성기금* 제외수지)": the item is named by what stands before its
        # gloss; the line quoted keeps the gloss.
        row = parent.rsplit(SEP, 1)[-1]
        for k, (i, key, raw, quote) in enumerate(facts):
            value, number, unit = _line_value(raw)
            cells.append(
                Cell(
                    document=info.document,
                    page=blocks[i].page,
                    section=parent,
                    caption="",
                    unit=unit,
                    row_path=[row] if row else [],
                    col_path=[_GLOSS.sub("", key).strip() or key],
                    value=value,
                    number=number,
                    year=info.year,
                    audience=info.audience,
                    table=first_table + n,
                    row=0,
                    col=LINE_FACT - k,
                    row_text=quote,
                )
            )
    return cells


def _dedupe(labels: list[str]) -> list[str]:
    """Labels once each, in order: a header spanning stacked rows repeats itself (구분 over
    구분), and documents space short labels out (구 분), so spacing does not tell them apart."""
    out: list[str] = []
    seen: set[str] = set()
    for label in labels:
        key = "".join(label.split())
        if key and key not in seen:
            seen.add(key)
            out.append(label)
    return out


# -- storage (the `cells` table of the index SQLite) --

CELLS_SCHEMA = """
CREATE TABLE IF NOT EXISTS cells (
    rowid INTEGER PRIMARY KEY, document TEXT NOT NULL, page INTEGER, section TEXT NOT NULL,
    caption TEXT NOT NULL, unit TEXT NOT NULL, row_path TEXT NOT NULL, col_path TEXT NOT NULL,
    value TEXT NOT NULL, number TEXT, year INTEGER, audience TEXT NOT NULL,
    tbl INTEGER NOT NULL, row_no INTEGER NOT NULL, col_no INTEGER NOT NULL,
    row_text TEXT NOT NULL, tokens TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS cells_document ON cells(document, tbl);
"""


_RATE_FORMULA = re.compile(r"[A-Z]\s*[-−]\s*[A-Z]\s*\)?\s*/\s*\(?[A-Z]")
_DIFF_FORMULA = re.compile(r"^\(?\s*[A-Z]\s*[-−]\s*[A-Z]\s*\)?$")


def despace(text: str) -> str:
    """Character-spaced labels joined: "수 입 (A)" -> "수입 (A)", "비금융성 기 금" -> "비금융성기금"
    (documents space out short headers to fill a cell's width)."""
    out: list[str] = []
    for word in text.split():
        single = len(word) == 1 and "가" <= word <= "힣"
        if out and "가" <= out[-1][-1:] <= "힣" and (single or out[-1][-1:] == out[-1]):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


_LEADING_MARK = re.compile(r"(?:(?<=\s)|^)[^\w\s(\[<（〈《「『【\-+△▲−]+(?=\w)")


_GLUED_TOTAL = re.compile(r"([가-힣]{2,})(소계|합계|총계)(?![가-힣])")


def label_tokens(text: str) -> str:
    """The analysed tokens of a label, spaced-out syllables also read joined."""
    # A word's leading mark ("⋅특별회계", "• 기타") changes how Kiwi cuts the word after it.
    text = _LEADING_MARK.sub(" ", text)
    if not text.strip():
        return ""
    joined = despace(text)
    both = text if joined == text else f"{text} {joined}"
    # Formula headers name a change: (B-A)/A is the rate of change, (B-A) the change.
    if _RATE_FORMULA.search(text):
        both += " 증감률 증감비율"
    elif _DIFF_FORMULA.search(text):
        both += " 증감"
    # "세입소계", "사업비합계": a group's total row written as one word, which Kiwi keeps whole;
    # the group it totals is its own word too.
    both += "".join(f" {m.group(1)} {m.group(2)}" for m in _GLUED_TOTAL.finditer(joined))
    return " ".join(sorted(set(analyze(both))))


def context_text(cell: Cell, title: str) -> str:
    """What a cell is read in: its table's caption, the label columns' headers, the section
    and the document's title."""
    return f"{cell.caption} {cell.extra.get('headers', '')} {cell.section} {title}"


def cell_tokens(cell: Cell, title: str, cache: dict[str, str]) -> str:
    """The analysed row path, column path and context (caption, section, title), tab-separated:
    computed once at ingest so the service loads thousands of cells without running Kiwi."""
    parts = []
    for text in (SEP.join(cell.row_path), SEP.join(cell.col_path),
                 context_text(cell, title)):  # fmt: skip
        if text not in cache:
            cache[text] = label_tokens(text)
        parts.append(cache[text])
    return "\t".join(parts)


def write_cells(conn: sqlite3.Connection, cells: Iterable[Cell], title: str = "") -> int:
    conn.executescript(CELLS_SCHEMA)
    cache: dict[str, str] = {}
    rows = [
        (
            c.document,
            c.page,
            c.section,
            c.caption,
            c.unit,
            SEP.join(c.row_path),
            SEP.join(c.col_path),
            c.value,
            str(c.number) if c.number is not None else None,
            c.year,
            c.audience,
            c.table,
            c.row,
            c.col,
            c.row_text,
            cell_tokens(c, title, cache),
        )
        for c in cells
    ]
    conn.executemany(
        "INSERT INTO cells (document, page, section, caption, unit, row_path, col_path, value,"
        " number, year, audience, tbl, row_no, col_no, row_text, tokens)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    return len(rows)


def read_cells(conn: sqlite3.Connection) -> list[Cell]:
    """Every cell of an index, in document and table order; [] for an index built before cells."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    try:
        cur.execute("SELECT * FROM cells ORDER BY rowid")
    except sqlite3.OperationalError:
        return []
    out: list[Cell] = []
    for r in cur:
        out.append(
            Cell(
                document=r["document"],
                page=r["page"],
                section=r["section"],
                caption=r["caption"],
                unit=r["unit"],
                row_path=[p for p in r["row_path"].split(SEP) if p],
                col_path=[p for p in r["col_path"].split(SEP) if p],
                value=r["value"],
                number=Decimal(r["number"]) if r["number"] is not None else None,
                year=r["year"],
                audience=r["audience"],
                table=r["tbl"],
                row=r["row_no"],
                col=r["col_no"],
                row_text=r["row_text"],
                extra={"tokens": r["tokens"].split("\t")} if r["tokens"] else {},
            )
        )
    return out
