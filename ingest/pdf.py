"""PDF → blocks with pdfplumber: running text per page, ruled tables as tables.

Running headers (the title printed atop every page) and page numbers ("- 3 -") are dropped;
wrapped lines are re-joined into paragraphs; a table that runs onto the next page is marked
as a continuation so it keeps its header.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from ingest.blocks import BULLET_RE, Block, join_wrapped, normalize_table
from sosa.errors import DocumentError

logger = logging.getLogger(__name__)

PAGE_NUMBER_RE = re.compile(r"^[-–]\s*\d{1,4}\s*[-–]$")
_RIGHT_SLACK = 22.0  # a line ending this far short of the right margin ended on purpose


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _running_headers(pages_lines: list[list[dict]]) -> set[str]:
    """Text of lines that open most pages (the document's running head)."""
    firsts = Counter(lines[0]["text"].strip() for lines in pages_lines if lines)
    n = len(pages_lines)
    return {t for t, c in firsts.items() if n >= 3 and c >= max(3, n // 2)}


def _paragraphs(lines: list[dict], right_edge: float) -> list[tuple[float, str]]:
    """Join wrapped lines into paragraphs; returns (top, text) pairs."""
    out: list[tuple[float, str]] = []
    cur = ""
    cur_top = 0.0
    prev_full = False
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        starts_new = bool(BULLET_RE.match(text)) or not prev_full or not cur
        if starts_new:
            if cur:
                out.append((cur_top, cur))
            cur, cur_top = text, line["top"]
        else:
            cur = join_wrapped(cur, text)
        prev_full = line["x1"] >= right_edge - _RIGHT_SLACK
    if cur:
        out.append((cur_top, cur))
    return out


def load_pdf(path: Path) -> tuple[list[Block], int]:
    """Return (blocks, page count). Raises DocumentError for unreadable PDFs."""
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        reason = (
            "암호로 보호된 PDF입니다" if "password" in repr(exc).lower() else "손상된 PDF입니다"
        )
        raise DocumentError(str(path), reason) from exc
    except Exception as exc:  # pdfminer raises a zoo of errors on broken files
        raise DocumentError(str(path), f"PDF를 열 수 없습니다 ({type(exc).__name__})") from exc

    with pdf:
        try:
            pages = list(pdf.pages)
            if not pages:
                raise DocumentError(str(path), "페이지가 없는 PDF입니다")
            per_page: list[tuple[list[dict], list]] = []
            for page in pages:
                tables = page.find_tables()
                bboxes = [t.bbox for t in tables]
                outside = page.filter(
                    lambda o, bb=bboxes: (
                        o.get("object_type") != "char" or not any(_inside(o, b) for b in bb)
                    )
                )
                lines = outside.extract_text_lines(keep_blank_chars=False)
                per_page.append((lines, tables))
        except DocumentError:
            raise
        except Exception as exc:
            raise DocumentError(
                str(path), f"PDF를 읽는 중 오류가 났습니다 ({type(exc).__name__})"
            ) from exc

        heads = _running_headers([lines for lines, _ in per_page])
        blocks: list[Block] = []
        prev_table_cols: int | None = None
        for pno, (page, (lines, tables)) in enumerate(zip(pages, per_page, strict=True), start=1):
            lines = [ln for ln in lines if ln["text"].strip()]
            if lines and lines[0]["text"].strip() in heads:
                lines = lines[1:]
            lines = [ln for ln in lines if not PAGE_NUMBER_RE.match(ln["text"].strip())]
            right_edge = max((ln["x1"] for ln in lines), default=page.width)
            items: list[tuple[float, Block]] = []
            # Text between tables is paragraphed separately so a paragraph never spans a table.
            edges = sorted(t.bbox[1] for t in tables)
            groups: dict[int, list[dict]] = {}
            for ln in lines:
                gid = sum(1 for e in edges if e < ln["top"])
                groups.setdefault(gid, []).append(ln)
            for group in groups.values():
                for top, text in _paragraphs(group, right_edge):
                    items.append((top, Block(kind="line", page=pno, text=text)))
            for t in tables:
                raw = t.extract()
                header, rows = normalize_table(raw)
                if not rows and not header:
                    continue
                items.append((t.bbox[1], Block(kind="table", page=pno, rows=rows, header=header)))
            items.sort(key=lambda it: it[0])
            for idx, (_, block) in enumerate(items):
                if block.kind == "table":
                    ncols = len(block.rows[0]) if block.rows else len(block.header)
                    # First thing on the page, header-less, same width as the table that ended
                    # the previous page: the same table continuing.
                    if (
                        idx == 0
                        and not block.header
                        and blocks
                        and blocks[-1].kind == "table"
                        and prev_table_cols == ncols
                    ):
                        block.continued = True
                        block.header = blocks[-1].header
                    prev_table_cols = ncols
                blocks.append(block)
            if items and items[-1][1].kind != "table":
                prev_table_cols = None
        return blocks, len(pages)
