"""HWP 5.x (the binary Hangul format) → blocks, with a small record reader on olefile + zlib.

An HWP 5 file is an OLE compound file. FileHeader says whether the streams are compressed,
password-protected or distribution-protected (배포용: the body is then in encrypted ViewText
streams). DocInfo holds paragraph shapes and styles; BodyText/Section0..n hold the body as a
tree of records (tag, level, size), compressed with raw deflate. Paragraphs (PARA_HEADER) carry
their text (PARA_TEXT, UTF-16 with inline control codes) and controls (CTRL_HEADER): tables
(TABLE + one LIST_HEADER per cell, giving its address and spans), footnotes, running heads and
feet, drawing objects with text boxes. The blocks follow the HWPX loader's rules exactly
(shared helpers in ingest/hwpx.py). HWP records no page numbers in the body.

Why our own reader: pyhwp (hwp5) is AGPL; hwp-hwpx-parser (Apache-2.0) finds the cell texts
but returns ragged rows with the spans dropped (the LH rent table's header rows come out 5, 2,
2 and 3 cells wide), so a multi-row header cannot be lined up with its columns.
"""

from __future__ import annotations

import logging
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import olefile

from ingest.blocks import Block
from ingest.hwpx import Cell, Para, cell_text, para_blocks, table_blocks
from sosa.errors import DocumentError

logger = logging.getLogger(__name__)

# FileHeader property bits (HWP 5.0 spec, "파일 인식 정보").
_COMPRESSED = 1 << 0
_PASSWORD = 1 << 1
_DISTRIBUTION = 1 << 2
_DRM = 1 << 4

_SIGNATURE = b"HWP Document File"
_MAX_STREAM_BYTES = 512 * 1024 * 1024  # inflated section larger than this: a deflate bomb
_MAX_DEPTH = 64  # nesting of tables in cells deeper than this is a corrupt file

# Record tags (HWPTAG_BEGIN = 0x10).
_TAG_PARA_SHAPE = 0x10 + 9
_TAG_STYLE = 0x10 + 10
_TAG_PARA_HEADER = 0x10 + 50
_TAG_PARA_TEXT = 0x10 + 51
_TAG_CTRL_HEADER = 0x10 + 55
_TAG_LIST_HEADER = 0x10 + 56
_TAG_TABLE = 0x10 + 61

# Control characters in PARA_TEXT: these take 8 code units (the code, 6 units of data, the
# code again); every other code below 32 is a single unit.
_WIDE_CONTROLS = frozenset(
    {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}
)
_SKIP_CTRL_IDS = frozenset({"head", "foot", "tcmt"})  # running head/foot, hidden comment
_NOTE_CTRL_IDS = frozenset({"fn  ", "en  "})
_OUTLINE_STYLE_RE = re.compile(r"^(?:개요|Outline)\s*([1-9]|10)$")


class HwpFormatError(ValueError):
    """The bytes break the HWP 5 record format."""


@dataclass
class Record:
    tag: int
    level: int
    data: bytes
    children: list[Record] = field(default_factory=list)


def parse_records(data: bytes) -> list[Record]:
    """The flat record stream → a forest by level (a record's children follow it one deeper)."""
    flat: list[Record] = []
    pos, n = 0, len(data)
    while pos < n:
        if pos + 4 > n:
            raise HwpFormatError("truncated record header")
        (head,) = struct.unpack_from("<I", data, pos)
        pos += 4
        tag, level, size = head & 0x3FF, (head >> 10) & 0x3FF, head >> 20
        if size == 0xFFF:
            if pos + 4 > n:
                raise HwpFormatError("truncated record size")
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        if pos + size > n:
            raise HwpFormatError("record runs past the stream")
        flat.append(Record(tag, level, data[pos : pos + size]))
        pos += size
    roots: list[Record] = []
    stack: list[Record] = []
    for rec in flat:
        while stack and stack[-1].level >= rec.level:
            stack.pop()
        if stack and rec.level == stack[-1].level + 1:
            stack[-1].children.append(rec)
        elif stack:
            raise HwpFormatError("record level jumps")
        else:
            roots.append(rec)
        stack.append(rec)
    return roots


def para_text(data: bytes) -> str:
    """PARA_TEXT (UTF-16LE) → plain text: controls dropped, breaks and tabs as spaces."""
    units = struct.unpack_from(f"<{len(data) // 2}H", data)
    out: list[str] = []
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if u >= 32:
            out.append(chr(u))
            i += 1
            continue
        if u in _WIDE_CONTROLS:
            if u == 9:
                out.append(" ")  # tab
            i += 8
            continue
        if u == 10:
            out.append("\n")
        elif u in (24,):
            out.append("-")
        elif u in (30, 31):
            out.append(" ")  # non-breaking / fixed-width space
        i += 1
    # Surrogate pairs arrive as two units; join them into one character.
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _u16(data: bytes, off: int, default: int = 0) -> int:
    return struct.unpack_from("<H", data, off)[0] if len(data) >= off + 2 else default


def _u32(data: bytes, off: int, default: int = 0) -> int:
    return struct.unpack_from("<I", data, off)[0] if len(data) >= off + 4 else default


def _doc_levels(records: list[Record]) -> tuple[dict[int, int], dict[int, int]]:
    """(para shape id -> outline level, style id -> outline level) from DocInfo; 1-based."""
    by_shape: dict[int, int] = {}
    by_style: dict[int, int] = {}
    shape_id = style_id = 0
    for rec in _walk(records):
        if rec.tag == _TAG_PARA_SHAPE:
            prop = _u32(rec.data, 0)
            if (prop >> 23) & 0x3 == 1:  # heading type OUTLINE
                by_shape[shape_id] = ((prop >> 25) & 0x7) + 1
            shape_id += 1
        elif rec.tag == _TAG_STYLE:
            n = _u16(rec.data, 0)
            name = rec.data[2 : 2 + 2 * n].decode("utf-16-le", "replace")
            m = _OUTLINE_STYLE_RE.match(name.strip())
            if m:
                by_style[style_id] = int(m.group(1))
            style_id += 1
    return by_shape, by_style


def _walk(records: list[Record]):  # noqa: ANN202 - a plain generator
    for rec in records:
        yield rec
        yield from _walk(rec.children)


class _BodyReader:
    def __init__(self, by_shape: dict[int, int], by_style: dict[int, int]) -> None:
        self.by_shape = by_shape
        self.by_style = by_style

    def paragraphs(self, records: list[Record], depth: int = 0) -> list[Para]:
        if depth > _MAX_DEPTH:
            raise HwpFormatError("tables nested too deep")
        return [self.paragraph(r, depth) for r in records if r.tag == _TAG_PARA_HEADER]

    def paragraph(self, rec: Record, depth: int) -> Para:
        shape = _u16(rec.data, 8)
        style = rec.data[10] if len(rec.data) > 10 else 0
        para = Para(text="", level=self.by_shape.get(shape) or self.by_style.get(style))
        texts: list[str] = []
        for child in rec.children:
            if child.tag == _TAG_PARA_TEXT:
                texts.append(para_text(child.data))
            elif child.tag == _TAG_CTRL_HEADER:
                self._control(child, para, depth)
        para.text = "".join(texts)
        return para

    def _control(self, rec: Record, para: Para, depth: int) -> None:
        ctrl_id = rec.data[:4][::-1].decode("latin-1")
        if ctrl_id in _SKIP_CTRL_IDS:
            return
        if ctrl_id in _NOTE_CTRL_IDS:
            texts = [p.text for p in self.paragraphs(rec.children, depth + 1)]
            note = " ".join(t.strip() for t in texts if t.strip())
            if note:
                para.notes.append(note)
            return
        if ctrl_id == "tbl ":
            para.inner.extend(self.table(rec, depth + 1))
            return
        if ctrl_id == "gso ":
            # Drawing objects: text boxes hold paragraphs somewhere below the shape records.
            boxes = [r for r in _walk(rec.children) if r.tag == _TAG_LIST_HEADER]
            for box in boxes:
                parent = self._parent_of(rec, box)
                if parent is not None:
                    para.inner.extend(
                        para_blocks(self.paragraphs(_list_paras(parent, box), depth + 1))
                    )

    @staticmethod
    def _parent_of(root: Record, target: Record) -> Record | None:
        for rec in _walk([root]):
            if any(c is target for c in rec.children):
                return rec
        return None

    def table(self, rec: Record, depth: int) -> list[Block]:
        """Caption lines (a LIST_HEADER before TABLE), the table, then what its cells nest."""
        before: list[Block] = []
        cells: list[Cell] = []
        n_rows = n_cols = 0
        seen_table = False
        for i, child in enumerate(rec.children):
            if child.tag == _TAG_TABLE:
                seen_table = True
                n_rows, n_cols = _u16(child.data, 4), _u16(child.data, 6)
            elif child.tag == _TAG_LIST_HEADER:
                paras = self.paragraphs(_following_paras(rec.children, i), depth)
                if not seen_table:
                    before.extend(para_blocks(paras))
                    continue
                d = child.data
                col, row = _u16(d, 8), _u16(d, 10)
                col_span, row_span = max(1, _u16(d, 12, 1)), max(1, _u16(d, 14, 1))
                cells.append(Cell(row, col, row_span, col_span, cell_text(paras), paras))
        return before + table_blocks(cells, n_rows, n_cols)


def _following_paras(siblings: list[Record], i: int) -> list[Record]:
    """The paragraphs of the list whose LIST_HEADER is siblings[i]: they follow it as
    siblings up to the next LIST_HEADER (their count is also in the header)."""
    count = _u16(siblings[i].data, 0)
    out: list[Record] = []
    for rec in siblings[i + 1 :]:
        if rec.tag != _TAG_PARA_HEADER or len(out) >= max(count, 1):
            break
        out.append(rec)
    return out


def _list_paras(parent: Record, box: Record) -> list[Record]:
    idx = next(i for i, c in enumerate(parent.children) if c is box)
    return _following_paras(parent.children, idx)


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj(-15)
    out = d.decompress(data, _MAX_STREAM_BYTES)
    if d.unconsumed_tail:
        raise HwpFormatError("stream inflates past the size limit")
    return out


def _section_streams(ole: olefile.OleFileIO) -> list[list[str]]:
    found = []
    for entry in ole.listdir(streams=True, storages=False):
        if len(entry) == 2 and entry[0] == "BodyText" and entry[1].startswith("Section"):
            try:
                found.append((int(entry[1][7:]), entry))
            except ValueError:
                continue
    return [e for _, e in sorted(found)]


_FORMAT_ERRORS = (HwpFormatError, zlib.error, struct.error, IndexError, UnicodeError)


def read_stream(raw: bytes, compressed: bool) -> list[Record]:
    """One stream's records; raises HwpFormatError (or zlib.error) on bytes that break them."""
    return parse_records(_inflate(raw) if compressed else raw)


def section_blocks(
    raw: bytes, compressed: bool, where: str, reader: _BodyReader | None = None
) -> list[Block]:
    """The blocks of one BodyText section stream; DocumentError for anything unreadable."""
    reader = reader or _BodyReader({}, {})
    try:
        return para_blocks(reader.paragraphs(read_stream(raw, compressed)))
    except _FORMAT_ERRORS as exc:
        raise DocumentError(where, "손상된 HWP 파일입니다 (본문 레코드를 읽을 수 없음)") from exc


def load_hwp(path: Path) -> tuple[list[Block], None]:
    """Return (blocks, None). Raises DocumentError for protected, corrupt or non-HWP files."""
    where = str(path)
    try:
        ole = olefile.OleFileIO(str(path))
    except Exception as exc:  # olefile raises assorted errors on broken containers
        raise DocumentError(where, "손상된 HWP 파일입니다 (OLE 구조를 읽을 수 없음)") from exc
    with ole:
        try:
            if not ole.exists("FileHeader"):
                raise DocumentError(where, "HWP 문서가 아닙니다 (FileHeader가 없는 OLE 파일)")
            header = ole.openstream("FileHeader").read()
            if not header.startswith(_SIGNATURE) or len(header) < 40:
                raise DocumentError(where, "HWP 5.x 문서가 아닙니다 (서명이 다름)")
            flags = _u32(header, 36)
            if flags & _PASSWORD:
                raise DocumentError(where, "암호로 보호된 HWP 문서입니다")
            if flags & (_DISTRIBUTION | _DRM) or ole.exists("ViewText"):
                raise DocumentError(where, "배포용(보호된) HWP 문서라 읽을 수 없습니다")
            compressed = bool(flags & _COMPRESSED)
            levels: tuple[dict[int, int], dict[int, int]] = ({}, {})
            if ole.exists("DocInfo"):
                try:
                    levels = _doc_levels(read_stream(ole.openstream("DocInfo").read(), compressed))
                except _FORMAT_ERRORS:
                    # Styles only give outline levels; the body is still worth reading.
                    logger.warning("%s: DocInfo를 읽지 못해 개요 수준 없이 읽습니다", where)
            sections = _section_streams(ole)
            if not sections:
                raise DocumentError(where, "본문(BodyText)이 없는 HWP 문서입니다")
            reader = _BodyReader(*levels)
            blocks: list[Block] = []
            for entry in sections:
                raw = ole.openstream(entry).read()
                blocks.extend(section_blocks(raw, compressed, where, reader))
        except DocumentError:
            raise
        except Exception as exc:  # olefile: broken sector chains and the like
            raise DocumentError(
                where, f"HWP 파일을 읽는 중 오류가 났습니다 ({type(exc).__name__})"
            ) from exc
    if not blocks:
        raise DocumentError(where, "본문에 글자가 없는 HWP 문서입니다")
    return blocks, None
