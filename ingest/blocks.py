"""The intermediate form every loader produces: an ordered list of blocks per document.

A block is a line of running text (possibly a heading) or a table, with the page it sits on.
Structure (breadcrumbs), chunking and fact extraction all read this form, never the raw file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sosa.korean import kiwi, kiwi_lock

# Lines that start a new paragraph: bullets and the documents' own heading marks.
BULLET_RE = re.compile(
    r"^(?:[-–·•▪■□○◆◇▶▷▣※*◎●]|[①-⑳]|<\s|【|\d{1,2}\)|\d{1,2}\.\s|0\d\.\s|\(\d{1,2}\)|[가-하]\.\s)"
)
_HANGUL = re.compile(r"[가-힣]")


@dataclass
class Block:
    kind: str  # "line" | "table"
    page: int | None
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # table body rows (cleaned)
    header: list[str] = field(default_factory=list)  # combined header, one per column
    continued: bool = False  # a table continuing from the previous page
    # The table as read, header rows included, before header detection: a merged cell's text
    # sits in its top-left position and the positions it covers are None (pdfplumber's way).
    grid: list[list[str | None]] = field(default_factory=list)
    level: int | None = None  # heading level the file itself records (HWP/HWPX outline)
    confidence: float | None = None  # OCR confidence of the page (0–100), None if not OCR
    # OCR: the mean word confidence of the block's least sure line (0–100), None if not OCR
    line_confidence: float | None = None


def _needs_space(tail: str, head: str) -> bool:
    """Decide whether a line wrap between `tail` and `head` stood on a space.

    The PDFs wrap Korean at any character, so the space is lost; Kiwi's spacing model
    re-decides it from the two word pieces around the break.
    """
    if not tail or not head:
        return False
    a, b = tail[-1], head[0]
    if (a.isdigit() or a in ",.") and b.isdigit():
        return False  # a figure split across lines: 503,0|00천원
    if a in "(/·-~" or b in ").,/·%~":
        return False
    if not (_HANGUL.match(a) and _HANGUL.match(b)):
        return True
    joined = tail + head
    with kiwi_lock():
        spaced = kiwi().space(joined, reset_whitespace=True)
    # Find whether Kiwi put a space right at the junction.
    pos = 0
    for i, ch in enumerate(spaced):
        if ch == " ":
            continue
        pos += 1
        if pos == len(tail):
            return i + 1 < len(spaced) and spaced[i + 1] == " "
    return False


def join_wrapped(a: str, b: str) -> str:
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    if not b:
        return a
    tail = a.rsplit(" ", 1)[-1]
    head = b.split(" ", 1)[0]
    return a + (" " if _needs_space(tail, head) else "") + b


def clean_cell(cell: str | None) -> str:
    if not cell:
        return ""
    parts = [p.strip() for p in str(cell).split("\n") if p.strip()]
    if len(parts) > 1 and all(_HANGUL.fullmatch(p) for p in parts):
        return "".join(parts)  # a header printed one syllable per line: 구\n분 → 구분
    out = ""
    for p in parts:
        out = join_wrapped(out, p) if out else p
    out = re.sub(r"</?p>", "", out)  # stray HTML in one table of the plan
    return re.sub(r"\s+", " ", out).strip()


def _is_numberish(cell: str) -> bool:
    return bool(re.fullmatch(r"[△+\-()\d.,%점건회명]*\d[△+\-()\d.,%점건회명]*", cell))


def split_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Return (combined header, body). Two-row headers are combined: 경영성과(55) › 주요사업(27)."""
    if len(rows) < 2:
        return [], rows
    first = rows[0]
    if not first or sum(1 for c in first if c and not _is_numberish(c)) < max(1, len(first) // 3):
        return [], rows
    if any(_is_numberish(c) for c in first if c):
        return [], rows
    second = rows[1]
    two_row = (
        any(not c for c in first)
        and any(second)
        and not any(_is_numberish(c) for c in second if c and not re.fullmatch(r"\d{4}년", c))
        and sum(1 for c in second if c) <= sum(1 for c in first if not c) + 2
        and any(not c for c in second)
    )
    if not two_row:
        return first, rows[1:]
    # Spanning cells in row 0 cover the empty cells to their right.
    top: list[str] = []
    last = ""
    for c in first:
        if c:
            last = c
            top.append(c)
        else:
            top.append(last)
    header = []
    for i, sub in enumerate(second):
        t = top[i] if i < len(top) else ""
        if sub and t and sub != t:
            header.append(f"{t} › {sub}")
        else:
            header.append(sub or t)
    return header, rows[2:]


def forward_fill(rows: list[list[str]]) -> list[list[str]]:
    """Fill vertically merged label cells (the leading empty cells of a row) from the row above."""
    out: list[list[str]] = []
    prev: list[str] | None = None
    for row in rows:
        row = list(row)
        if prev is not None:
            first = next((i for i, c in enumerate(row) if c), len(row))
            # Only leading columns, and never the whole row (a blank spacer row).
            if 0 < first < len(row):
                for j in range(first):
                    if j < len(prev):
                        row[j] = prev[j]
        out.append(row)
        prev = row
    return out


def render_row(header: list[str], row: list[str]) -> str:
    parts: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(row):
        if not cell:
            continue
        h = header[i] if i < len(header) else ""
        piece = f"{h} {cell}" if h and h != cell else cell
        if piece in seen:  # forward-filled spans repeat the same label
            continue
        seen.add(piece)
        parts.append(piece)
    return " · ".join(parts)


def stacked_header(rows: list[list[str]]) -> list[str]:
    """One header per column from several header rows whose spans are already filled in:
    기본 임대조건 › 임대보증금(원) › 계."""
    header: list[str] = []
    for j in range(len(rows[0]) if rows else 0):
        parts: list[str] = []
        for r in rows:
            if r[j] and r[j] not in parts:
                parts.append(r[j])
        header.append(" › ".join(parts))
    return header


def normalize_table(
    raw: list[list[str | None]], header_rows: int | None = None
) -> tuple[list[str], list[list[str]]]:
    """(header, body) of a table grid. `header_rows` is given by loaders that know the file's
    own cell spans (HWP, HWPX): that many leading rows, spans filled in, form the header."""
    rows = [[clean_cell(c) for c in r] for r in raw]
    n_head = 0
    if header_rows:
        n_head = sum(1 for r in rows[:header_rows] if any(r))
    rows = [r for r in rows if any(r)]
    # Drop columns that are empty everywhere (ruling artefacts).
    if rows:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        keep = [j for j in range(width) if any(r[j] for r in rows)]
        rows = [[r[j] for j in keep] for r in rows]
    if n_head and n_head < len(rows):
        header, body = stacked_header(rows[:n_head]), rows[n_head:]
    else:
        header, body = split_header(rows)
    return header, forward_fill(body)


# A "항목 : 값" line ("□ 사업 기간 : ’26. 4. ∼ ’27. 3.", "ㅇ 보조율 : 국비 100%"): a fact, not a
# heading. The label is a short noun phrase (no figure, no clause ending in 경우/때, no comma);
# notes (※, *) define or qualify and are left to the text.
ITEM_MARK = re.compile(r"^(?:[-–·•▪■□○◆◇▶▷▣◎●❍❏ㅇ]|[①-⑳])\s*")
_KEY_VALUE = re.compile(
    r"^(?P<key>[^:：,()\[\]<>〔〕「」『』【】\d]{2,20}?)\s*[:：]\s*(?P<value>\S.*)$"
)
_CLAUSE_KEY = re.compile(r"(?:경우|때)$")


def key_value(text: str) -> tuple[str, str] | None:
    """(label, value) of a "항목 : 값" line, None for any other line."""
    body = text.strip()
    if body.startswith(("※", "*")):
        return None
    body = ITEM_MARK.sub("", body, count=1)
    m = _KEY_VALUE.match(body)
    if not m:
        return None
    key, value = m.group("key").strip(), m.group("value").strip()
    if not _HANGUL.search(key) or len(key.split()) > 4 or _CLAUSE_KEY.search(key):
        return None
    with kiwi_lock():
        last = kiwi().tokenize(key)[-1:]
    if last and last[0].tag.startswith(("J", "E")):
        return None  # "합산점수가 동일하면 :": a clause, not a label
    return key, value


def line_fact(blocks: list[Block], i: int) -> tuple[str, str] | None:
    """(label, value) when line `i` is a "항목 : 값" fact. Such a line with sub-items under it
    (the next line bears another, non-note mark: "□ 주요내용: … 추진" over its ㅇ lines) heads
    them and is a section, not a fact; among its siblings (□ 사업 기간, □ 사업 목적) it is one."""
    b = blocks[i]
    if b.kind != "line":
        return None
    kv = key_value(b.text)
    if kv is None:
        return None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.kind == "line":
        own, sub = ITEM_MARK.match(b.text.strip()), ITEM_MARK.match(nxt.text.strip())
        if sub and (own is None or sub.group(0).strip() != own.group(0).strip()):
            return None
    return kv
