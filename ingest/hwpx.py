"""HWPX (OWPML, KS X 6101) → blocks.

An HWPX file is a ZIP of XML parts: Contents/content.hpf lists the sections in reading order,
Contents/header.xml holds paragraph shapes and styles, Contents/section*.xml the body.
Paragraphs become lines (with the outline level the file records, if any); tables become grids
with their row/column spans resolved; a table inside a cell becomes its own block after the
outer table. Running heads and feet (hp:header/hp:footer) and hidden comments stay out of the
body; footnotes and endnotes follow their paragraph as lines. HWPX records no page numbers.

The grid/table helpers here are shared with the HWP 5 loader (ingest/hwp.py).
"""

from __future__ import annotations

import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ingest.blocks import Block, normalize_table
from sosa.errors import DocumentError
from sosa.korean.text import rejoin_spaced

logger = logging.getLogger(__name__)

_MAX_PART_BYTES = 256 * 1024 * 1024  # a section larger than this unpacked is a zip bomb
_OUTLINE_STYLE_RE = re.compile(r"^(?:개요|Outline)\s*([1-9]|10)$")
_SECTION_RE = re.compile(r"Contents/section(\d+)\.xml$")
_SPACES_RE = re.compile(r"[ \t\u3000\u00a0]+")
_FIGURE_RE = re.compile(r"[△▲+\-()\d.,%\s]*\d[△▲+\-()\d.,%\s]*")  # a figure, not a label
_MAX_HEADER_ROWS = 5

# Controls whose text is not body text: running heads/feet, hidden comments (memos).
_SKIP_CTRLS = frozenset({"header", "footer", "hiddenComment"})
_NOTE_CTRLS = frozenset({"footNote", "endNote"})


# --- shared with ingest/hwp.py -------------------------------------------------------------


@dataclass
class Para:
    """One paragraph as read: its text, level, and the blocks found inside it."""

    text: str
    level: int | None = None
    inner: list[Block] = field(default_factory=list)  # tables, text-box lines (in order)
    notes: list[str] = field(default_factory=list)  # footnote/endnote texts


@dataclass
class Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    paras: list[Para] = field(default_factory=list)


def clean_line(text: str) -> str:
    text = text.replace("\r", "\n")
    return " ".join(_SPACES_RE.sub(" ", part).strip() for part in text.split("\n")).strip()


def build_grid(cells: list[Cell], n_rows: int, n_cols: int) -> list[list[str | None]]:
    """A rows × cols grid: each cell's text at its top-left position, covered positions None."""
    rows = max([n_rows, *(c.row + max(c.row_span, 1) for c in cells)], default=0)
    cols = max([n_cols, *(c.col + max(c.col_span, 1) for c in cells)], default=0)
    # Malformed spans could ask for an enormous grid; the cells themselves bound it.
    rows = min(rows, len(cells) + n_rows + 1)
    cols = min(cols, len(cells) + n_cols + 1)
    grid: list[list[str | None]] = [[None] * cols for _ in range(rows)]
    for c in cells:
        if 0 <= c.row < rows and 0 <= c.col < cols and grid[c.row][c.col] is None:
            grid[c.row][c.col] = c.text
    return grid


def _header_depth(cells: list[Cell], n_rows: int) -> int | None:
    """Rows of the header when the file's spans show it: a first-row cell spanning several
    rows (구분 over 기본 임대조건 › 임대보증금(원) › 계) makes every row it covers a header row."""
    depth = max((c.row_span for c in cells if c.row == 0), default=1)
    # A header over several rows groups sub-columns under a first-row cell spanning columns;
    # without one, a tall first-row cell is a form's row label (개요 beside 기업명, 소재지 …).
    if depth <= 1 or not any(c.row == 0 and c.col_span > 1 for c in cells):
        return None
    grown = True
    while grown:  # a header cell may itself reach below the first cell's span
        grown = False
        for c in cells:
            if c.row < depth < c.row + c.row_span:
                depth, grown = c.row + c.row_span, True
    # A figure in the first row means the spanning cell is a row label (합계 over 정원/현원).
    first = [c.text for c in cells if c.row == 0 and c.text]
    if depth >= n_rows or depth > _MAX_HEADER_ROWS or any(_FIGURE_RE.fullmatch(t) for t in first):
        return None
    return depth


def table_blocks(cells: list[Cell], n_rows: int, n_cols: int) -> list[Block]:
    """A table as blocks, then the blocks nested in its cells.

    A table with at most one cell of text, or a single column of cells, is a framed text box
    (a title, a boxed note), so its paragraphs are read as lines, keeping their outline levels.
    """
    grid = build_grid(cells, n_rows, n_cols)
    width = len(grid[0]) if grid else 0
    text_cells = [c for c in cells if c.text.strip()]
    if len(text_cells) <= 1 or all(c.col == 0 and c.col_span >= width for c in text_cells):
        return para_blocks([p for c in cells for p in c.paras])
    depth = _header_depth(cells, len(grid))
    filled: list[list[str | None]] = [list(r) for r in grid]
    # Spans in the header rows (or the first row, when the spans show no deeper header)
    # repeat their text over what they cover, so each column gets its own header.
    for c in cells:
        for r in range(c.row, min(c.row + c.row_span, depth or 1)):
            for k in range(c.col, min(c.col + c.col_span, width)):
                filled[r][k] = c.text
    header, rows = normalize_table(filled, header_rows=depth)
    out = [Block(kind="table", page=None, header=header, rows=rows, grid=grid)]
    if not header and not rows:
        out = []
    # Tables (and text boxes) inside cells follow the outer table as blocks of their own.
    out.extend(b for c in cells for p in c.paras for b in p.inner)
    return out


def cell_text(paras: list[Para]) -> str:
    """A cell's paragraphs joined by spaces: HWP wraps lines itself, so a paragraph break in a
    cell is the writer's own and never splits a word the way a PDF line wrap does."""
    # A header cell spaced out to fill its width ("구 분", "현 원", "통 합 재 정"): one word.
    texts = [rejoin_spaced(clean_line(p.text)) for p in paras]
    texts += [clean_line(n) for p in paras for n in p.notes]
    return " ".join(t for t in texts if t)


def para_blocks(paras: list[Para]) -> list[Block]:
    """Body paragraphs → blocks: the line, then what sits inside it, then its notes."""
    out: list[Block] = []
    for p in paras:
        text = clean_line(p.text)
        if text:
            out.append(Block(kind="line", page=None, text=text, level=p.level))
        out.extend(p.inner)
        for note in p.notes:
            note = clean_line(note)
            if note:
                out.append(Block(kind="line", page=None, text=note))
    return out


# --- HWPX ---------------------------------------------------------------------------------


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _outline_levels(header_xml: bytes | None) -> tuple[dict[str, int], dict[str, int]]:
    """(paraPr id -> level, style id -> level) from header.xml; levels are 1-based."""
    by_para: dict[str, int] = {}
    by_style: dict[str, int] = {}
    if not header_xml:
        return by_para, by_style
    root = ET.fromstring(header_xml)
    for el in root.iter():
        name = _local(el.tag)
        if name == "paraPr":
            heading = next((h for h in el.iter() if _local(h.tag) == "heading"), None)
            if heading is not None and heading.get("type") == "OUTLINE":
                by_para[el.get("id", "")] = _int(heading.get("level"), 0) + 1
        elif name == "style":
            m = _OUTLINE_STYLE_RE.match((el.get("name") or "").strip())
            if m:
                by_style[el.get("id", "")] = int(m.group(1))
    return by_para, by_style


class _SectionReader:
    def __init__(self, by_para: dict[str, int], by_style: dict[str, int]) -> None:
        self.by_para = by_para
        self.by_style = by_style

    def paragraphs(self, container: ET.Element) -> list[Para]:
        return [self.paragraph(p) for p in container if _local(p.tag) == "p"]

    def paragraph(self, p: ET.Element) -> Para:
        level = self.by_para.get(p.get("paraPrIDRef", "")) or self.by_style.get(
            p.get("styleIDRef", "")
        )
        para = Para(text="", level=level)
        parts: list[str] = []
        for run in p:
            if _local(run.tag) != "run":
                continue
            for child in run:
                self._run_child(child, parts, para)
        para.text = "".join(parts)
        return para

    def _run_child(self, el: ET.Element, parts: list[str], para: Para) -> None:
        name = _local(el.tag)
        if name == "t":
            parts.append(self._t_text(el))
        elif name == "ctrl":
            for c in el:
                cname = _local(c.tag)
                if cname in _SKIP_CTRLS:
                    continue
                if cname in _NOTE_CTRLS:
                    texts = [
                        clean_line(q.text) for q in self._sublist_paras(c) if clean_line(q.text)
                    ]
                    if texts:
                        para.notes.append(" ".join(texts))
        elif name == "tbl":
            para.inner.extend(self.table(el))
        elif name in ("secPr", "linesegarray", "fieldBegin", "fieldEnd"):
            return
        else:
            # Drawing objects (rect, container, …) may hold text boxes: hp:drawText/hp:subList.
            for sub in el.iter():
                if _local(sub.tag) == "drawText":
                    for sl in sub:
                        if _local(sl.tag) == "subList":
                            para.inner.extend(para_blocks(self.paragraphs(sl)))

    @staticmethod
    def _t_text(t: ET.Element) -> str:
        out = [t.text or ""]
        for c in t:
            name = _local(c.tag)
            if name == "lineBreak":
                out.append("\n")
            elif name in ("tab", "fwSpace", "nbSpace"):
                out.append(" ")
            elif name == "hyphen":
                out.append("-")
            out.append(c.tail or "")
        return "".join(out)

    def _sublist_paras(self, el: ET.Element) -> list[Para]:
        out: list[Para] = []
        for sl in el:
            if _local(sl.tag) == "subList":
                out.extend(self.paragraphs(sl))
        return out

    def table(self, tbl: ET.Element) -> list[Block]:
        """The table's caption lines, then the table and what is nested in its cells."""
        before: list[Block] = []
        cells: list[Cell] = []
        for child in tbl:
            name = _local(child.tag)
            if name == "caption":
                before.extend(para_blocks(self._sublist_paras(child)))
            elif name == "tr":
                for tc in child:
                    if _local(tc.tag) == "tc":
                        cells.append(self._cell(tc))
        table = table_blocks(cells, _int(tbl.get("rowCnt")), _int(tbl.get("colCnt")))
        return before + table

    def _cell(self, tc: ET.Element) -> Cell:
        row = col = 0
        row_span = col_span = 1
        paras: list[Para] = []
        for child in tc:
            name = _local(child.tag)
            if name == "cellAddr":
                row, col = _int(child.get("rowAddr")), _int(child.get("colAddr"))
            elif name == "cellSpan":
                row_span = max(1, _int(child.get("rowSpan"), 1))
                col_span = max(1, _int(child.get("colSpan"), 1))
            elif name == "subList":
                paras.extend(self.paragraphs(child))
        return Cell(row, col, row_span, col_span, cell_text(paras), paras)


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _section_names(zf: zipfile.ZipFile) -> list[str]:
    """Section parts in reading order: the package's spine, else by section number."""
    names = set(zf.namelist())
    ordered: list[str] = []
    if "Contents/content.hpf" in names:
        try:
            root = ET.fromstring(_read(zf, "Contents/content.hpf"))
            hrefs = {
                el.get("id"): el.get("href", "") for el in root.iter() if _local(el.tag) == "item"
            }
            for el in root.iter():
                if _local(el.tag) == "itemref":
                    href = hrefs.get(el.get("idref"), "")
                    if _SECTION_RE.search(href) and href in names and href not in ordered:
                        ordered.append(href)
        except ET.ParseError:
            logger.warning("content.hpf를 읽지 못해 구역 번호 순서로 읽습니다")
    if not ordered:
        found = [(int(m.group(1)), n) for n in names if (m := _SECTION_RE.fullmatch(n))]
        ordered = [n for _, n in sorted(found)]
    return ordered


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    if zf.getinfo(name).file_size > _MAX_PART_BYTES:
        raise ValueError(f"{name} is too large")
    return zf.read(name)


def load_hwpx(path: Path) -> tuple[list[Block], None]:
    """Return (blocks, None). Raises DocumentError for unreadable HWPX files."""
    where = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocumentError(where, "손상된 HWPX 파일입니다 (ZIP으로 열 수 없음)") from exc
    with zf:
        names = set(zf.namelist())
        try:
            manifest = (
                _read(zf, "META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            )
            if b"encryption-data" in manifest:
                raise DocumentError(where, "암호로 보호된 HWPX 문서입니다")
            sections = _section_names(zf)
            if not sections:
                raise DocumentError(where, "본문(Contents/section*.xml)이 없는 HWPX 파일입니다")
            header = _read(zf, "Contents/header.xml") if "Contents/header.xml" in names else None
            reader = _SectionReader(*_outline_levels(header))
            blocks: list[Block] = []
            for name in sections:
                root = ET.fromstring(_read(zf, name))
                blocks.extend(para_blocks(reader.paragraphs(root)))
        except DocumentError:
            raise
        except ET.ParseError as exc:
            raise DocumentError(where, f"HWPX의 XML이 손상되었습니다 ({exc})") from exc
        except (
            zipfile.BadZipFile,
            zlib.error,
            ValueError,
            KeyError,
            OSError,
            EOFError,
            NotImplementedError,  # zipfile: a compression method it cannot read
        ) as exc:
            raise DocumentError(
                where, f"HWPX 파일을 읽는 중 오류가 났습니다 ({type(exc).__name__})"
            ) from exc
    if not blocks:
        raise DocumentError(where, "본문에 글자가 없는 HWPX 문서입니다")
    return blocks, None
