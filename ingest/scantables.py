"""Ruled tables on scanned pages: rules measured on the page image, cells filled with OCR words.

A page without a text layer has no drawing objects for pdfplumber to find tables with, but the
rules are still on the image. They are found the way a reader sees them:

1. dark pixels (rules of scans are often grey and one source pixel thin, so "dark" is anything
   clearly darker than a grey row shading); a small closing along each axis joins dotted rules
   and scan dropouts;
2. runs along rows (columns) long enough to be no letter stroke are horizontal (vertical) rule
   pieces; pieces on neighbouring rows merge into one rule; a band thicker than any rule is a
   fill (a black heading box), not a rule;
3. a vertical rule counts only when both its ends meet horizontal rules (a letter stroke meets
   none); rules that meet form one table;
4. the rules' positions give the grid lines, the table's outer horizontal extent gives the
   outer columns (Korean public documents often leave out the outer vertical borders); a
   grid position joins its neighbour wherever the rule between them is missing, which is how
   merged cells (row and column spans) show;
5. Tesseract's words go to the cell holding their centre, in reading order;
6. each cell holding words is read again on its own (`reread`): the page-level run cuts a
   narrow cell's words apart and reads the rules beside them as letters, so the cell's own
   reading replaces the page's words wherever Tesseract is surer of it.

The result has pdfplumber's shape: a merged cell's text in its top-left position, covered
positions None, and the positions a cell to their left covers, so the PDF loader treats it as
it treats a text-layer table.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image, ImageOps

from ingest import ocr
from ingest.ocr import OcrWord

logger = logging.getLogger(__name__)

# Grey levels below DARK are ink; scanned rules are often fainter, partly up to FAINT, the
# level of a light row shading. Rules are looked for at both levels: a shaded band is far too
# thick for a rule at FAINT, and a rule along its edge still shows at DARK.
DARK = 200
FAINT = 235
_REF_DPI = 300  # the pixel sizes below are for this resolution and scale with it
_GAP = 6  # closing: a break this short in a rule is a dot gap or a scan dropout
_VGAP = 5  # the same for vertical rules (see find_rules)
_SIDE = (3, 8)  # the space beside a vertical rule checked for ink, px from its edge
_SIDE_INK = 0.3  # ... at most this fraction of its length may have ink beside it
_SAME_X = 6  # collinear vertical pieces: within this across
_BREAK = 30  # ... and this along (a faint stretch of the rule)
_TOL = 8  # two rule positions this close are one grid line; an end this close meets a rule
_TOUCH = 2  # a vertical rule's end lies within this of the horizontal rule it meets
_MAX_THICK = 12  # a dark band thicker than this (≈ 1 mm) is a fill, not a rule
_MIN_ROW = 15  # grid lines closer than this hold no text: a double rule
_MIN_H = 0.04  # horizontal rule pieces: at least this fraction of the page width
_MIN_V = 0.012  # vertical rule pieces: at least this fraction of the page height
_COVER = 0.7  # a rule present over this fraction of a cell side closes that side
# Per-cell reading: the crop starts this far inside the cell's rules (past a skewed rule and
# its halo, which Tesseract reads as "_" or "|"; cell padding is wider) and gets a white border
# of _PAD, the quiet zone Tesseract expects around text. Measured on a real scan's table, an
# inset of 10 px read better than 6 px, and --psm 6 (a block of text) better than --psm 7 (one
# line) even for one-line cells: 7 assumes the line fills the image.
_INSET = 10
_PAD = 12
_CELL_PSM = 6


_RULE_MARK = re.compile(r"[|ㅣ_:：{}\[\]]+")


@dataclass
class Rule:
    pos: float  # centre across the rule (y of a horizontal rule, x of a vertical one), px
    a: int  # extent along the rule, px, end exclusive
    b: int
    thick: int
    slope: float = 0.0  # skew: change of `pos` per pixel along the rule

    def at(self, t: float) -> float:
        """The rule's position across at `t` along it (a scan is a little skewed)."""
        return self.pos + self.slope * (t - (self.a + self.b) / 2)


@dataclass
class ScanCell:
    row: int
    col: int
    rows: int  # row span
    cols: int  # column span
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class ScanTable:
    bbox: tuple[float, float, float, float]  # PDF points
    n_rows: int
    n_cols: int
    cells: list[ScanCell]


def _window(mask: np.ndarray, r: int, op: Callable[[np.ndarray, int], np.ndarray]) -> np.ndarray:
    """Apply `op` to the count of True in a window of ±r along axis 1."""
    c = np.cumsum(np.pad(mask, ((0, 0), (r + 1, r)), constant_values=False), axis=1, dtype=np.int32)
    return op(c[:, 2 * r + 1 :] - c[:, : -2 * r - 1], 2 * r + 1)


def _close(mask: np.ndarray, gap: int) -> np.ndarray:
    """Morphological closing along axis 1: breaks up to `gap` pixels long are filled."""
    r = max(1, (gap + 1) // 2)
    dilated = _window(mask, r, lambda n, _w: n > 0)
    return _window(dilated, r, lambda n, w: n == w)


def _rules(mask: np.ndarray, min_len: int, max_thick: int, gap: int) -> list[Rule]:
    """Rules along axis 1 of `mask`: runs of at least `min_len`, chained across rows.

    A scan is a little skewed, so one rule is a staircase of runs on neighbouring rows, each
    starting about where the one above ends: a run joins a rule when it overlaps or touches
    (within `gap`) one of the rule's runs on the row above or its own row. A rule's thickness
    is its ink over its length, so a skewed thin rule stays thin and a fill stays thick."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    d = np.diff(padded, axis=1)
    rows, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)
    long = (ends - starts) >= min_len
    # A rule being built: [ink, pos sum (ink-weighted), a, b, last row, runs of its last rows,
    # sums for the least-squares skew: Σn·t, Σn·t², Σn·t·y]
    found: list[list] = []
    active: list[list] = []
    for y, a, b in zip(
        rows[long].tolist(), starts[long].tolist(), ends[long].tolist(), strict=True
    ):
        active = [r for r in active if r[4] >= y - 1]
        hit = None
        for r in active:
            if any(ry >= y - 1 and a <= rb + gap and b >= ra - gap for ry, ra, rb in r[5]):
                hit = r
                break
        n = b - a
        if hit is None:
            hit = [0, 0.0, a, b, y, [], 0.0, 0.0, 0.0]
            active.append(hit)
            found.append(hit)
        hit[0] += n
        hit[1] += y * n
        hit[2], hit[3], hit[4] = min(a, hit[2]), max(b, hit[3]), y
        hit[5] = [run for run in hit[5] if run[0] >= y - 1] + [(y, a, b)]
        t = (a + b) / 2
        hit[6] += n * t
        hit[7] += n * t * t
        hit[8] += n * t * y
    out = []
    for ink, pos, a, b, _, _, st, stt, sty in found:
        thick = ink / max(1, b - a)
        if thick > max_thick:
            continue
        mt, my = st / ink, pos / ink
        var = stt / ink - mt * mt
        slope = (sty / ink - mt * my) / var if var > 1.0 else 0.0
        rule = Rule(pos=0.0, a=a, b=b, thick=max(1, round(thick)), slope=slope)
        rule.pos = my + slope * ((a + b) / 2 - mt)  # the position at the rule's middle
        out.append(rule)
    return out


def _cluster(values: list[float], gap: float) -> list[float]:
    """Sorted positions, those closer than `gap` merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] < gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def find_rules(gray: np.ndarray, dpi: int = _REF_DPI) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a grayscale page image (dark on light)."""
    s = dpi / _REF_DPI
    gap, thick = max(1, round(_GAP * s)), max(2, round(_MAX_THICK * s))
    height, width = gray.shape
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for level in (DARK, FAINT):
        dark = gray < level
        horizontal += _rules(_close(dark, gap), max(8, round(_MIN_H * width)), thick, gap)
    # Vertical rules at DARK only, with a closing just wide enough for dotted rules: a faint
    # halo or a wider closing would join letters of a tight row to the rules above and below.
    vgap = max(1, round(_VGAP * s))
    dark = gray < DARK
    vertical = _rules(_close(dark.T, vgap), max(8, round(_MIN_V * height)), thick, vgap)
    alone = sorted((v for v in vertical if _stands_alone(dark, v, s)), key=lambda v: (v.a, v.pos))
    # A faint rule breaks into collinear pieces: pieces at the same x with a short break between
    # them are one rule.
    joined: list[Rule] = []
    for v in alone:
        prev = next(
            (
                u
                for u in joined
                if abs(u.at(v.a) - v.at(v.a)) <= _SAME_X * s and 0 <= v.a - u.b <= _BREAK * s
            ),
            None,
        )
        if prev is None:
            joined.append(v)
        else:
            prev.pos = (prev.pos * (prev.b - prev.a) + v.pos * (v.b - v.a)) / (
                prev.b - prev.a + v.b - v.a
            )
            prev.slope, prev.b = 0.0, max(prev.b, v.b)
    return horizontal, joined


def _stands_alone(dark: np.ndarray, v: Rule, s: float) -> bool:
    """Whether a vertical rule has blank space beside it on both sides along most of its
    length, as a rule has in a cell's padding; a letter's stroke has the rest of its letter
    beside it."""
    near, far = round(_SIDE[0] * s), round(_SIDE[1] * s)
    half = v.thick / 2
    ts = np.arange(v.a, v.b)
    xs = np.rint(v.pos + v.slope * (ts - (v.a + v.b) / 2)).astype(int)  # v.at over ts
    for sign in (-1, 1):
        inked = np.zeros(len(ts), dtype=bool)
        for off in range(near, far + 1):
            x = np.clip(xs + sign * round(half + off), 0, dark.shape[1] - 1)
            inked |= dark[ts, x]
        if inked.mean() > _SIDE_INK:
            return False
    return True


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def find_tables(gray: np.ndarray, dpi: int = _REF_DPI) -> list[ScanTable]:
    """Ruled tables of a page image, their geometry in PDF points (72 per inch)."""
    s = dpi / _REF_DPI
    tol, min_row, touch = _TOL * s, _MIN_ROW * s, _TOUCH * s
    hs, vs = find_rules(gray, dpi)

    def meets(v: Rule, h: Rule, end: float | None = None) -> bool:
        if not (h.a - tol <= v.pos <= h.b + tol):
            return False
        y = h.at(v.pos)
        if end is not None:  # the end touches the rule (or overshoots it a little)
            return abs(end - y) <= h.thick / 2 + touch
        return v.a - tol <= y <= v.b + tol

    # A vertical rule runs from one horizontal rule to another; letter strokes do not.
    vs = [
        v for v in vs if any(meets(v, h, v.a) for h in hs) and any(meets(v, h, v.b - 1) for h in hs)
    ]
    # Rules that meet form one table (union-find over horizontal then vertical rules).
    parent = list(range(len(hs) + len(vs)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for j, v in enumerate(vs):
        for i, h in enumerate(hs):
            if meets(v, h):
                parent[root(len(hs) + j)] = root(i)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(root(len(hs) + j), ([], []))[1].append(v)
    _attach_open_rows(groups, tol)

    scale = 72.0 / dpi
    tables = []
    for ghs, gvs in groups.values():
        if len(ghs) < 2 or not gvs:
            continue
        table = _grid(ghs, gvs, tol, min_row)
        if table is None:
            continue
        ys, xs, cells = table
        tables.append(
            ScanTable(
                bbox=(xs[0] * scale, ys[0] * scale, xs[-1] * scale, ys[-1] * scale),
                n_rows=len(ys) - 1,
                n_cols=len(xs) - 1,
                cells=[
                    ScanCell(
                        r0,
                        c0,
                        r1 - r0 + 1,
                        c1 - c0 + 1,
                        (xs[c0] * scale, ys[r0] * scale, xs[c1 + 1] * scale, ys[r1 + 1] * scale),
                    )
                    for r0, c0, r1, c1 in cells
                ],
            )
        )
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    logger.debug(
        "규칙선 가로 %d개, 세로 %d개 → 표 %s",
        len(hs),
        len(vs),
        [(t.n_rows, t.n_cols) for t in tables],
    )
    return tables


def _attach_open_rows(groups: dict[int, tuple[list[Rule], list[Rule]]], tol: float) -> None:
    """A row with no vertical rule inside a table without outer borders (a full-width title
    row) meets no vertical rule: its horizontal rule is found alone. A lone rule spanning a
    table's width, right above or below it (no farther than its tallest row), is its rule."""
    loose = [hs[0] for hs, vs in groups.values() if len(hs) == 1 and not vs]
    for hs, vs in groups.values():
        if not vs or len(hs) < 2:
            continue
        grew = True
        while grew and loose:
            grew = False
            ys = sorted(h.pos for h in hs)
            tallest = max(b - a for a, b in zip(ys, ys[1:], strict=False))
            left, right = min(h.a for h in hs), max(h.b for h in hs)
            for h in list(loose):
                near = min(abs(h.pos - ys[0]), abs(h.pos - ys[-1]))
                outside = h.pos < ys[0] or h.pos > ys[-1]
                if (
                    outside
                    and near <= 1.5 * tallest
                    and abs(h.a - left) <= tol
                    and abs(h.b - right) <= tol
                ):
                    hs.append(h)
                    loose.remove(h)
                    grew = True


def _grid(
    hs: list[Rule], vs: list[Rule], tol: float, min_row: float
) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]] | None:
    """Grid lines and merged cells (first row, first col, last row, last col) of one table."""
    ys = _cluster([h.pos for h in hs], min_row)
    left, right = min(h.a for h in hs), max(h.b for h in hs)
    # The outer columns reach the table's horizontal rules' ends when no border is drawn.
    xs = _cluster([left, right, *(v.pos for v in vs)], min_row)
    xs = [x for x in xs if left - tol <= x <= right + tol]
    if len(ys) < 3 and len(xs) < 3:
        return None  # one boxed cell: a framed paragraph or title, not a table
    n_r, n_c = len(ys) - 1, len(xs) - 1

    def v_border(k: int, i: int) -> bool:  # the rule left of column k, in row i
        need = _COVER * (ys[i + 1] - ys[i])
        return any(
            abs(v.pos - xs[k]) <= tol and _overlap(v.a, v.b, ys[i], ys[i + 1]) >= need for v in vs
        )

    def h_border(k: int, j: int) -> bool:  # the rule above row k, in column j
        need = _COVER * (xs[j + 1] - xs[j])
        return any(
            abs(h.pos - ys[k]) <= tol and _overlap(h.a, h.b, xs[j], xs[j + 1]) >= need for h in hs
        )

    parent = list(range(n_r * n_c))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(n_r):
        for j in range(n_c):
            if j + 1 < n_c and not v_border(j + 1, i):
                parent[root(i * n_c + j + 1)] = root(i * n_c + j)
            if i + 1 < n_r and not h_border(i + 1, j):
                parent[root((i + 1) * n_c + j)] = root(i * n_c + j)
    spans: dict[int, list[int]] = {}
    for i in range(n_r):
        for j in range(n_c):
            b = spans.setdefault(root(i * n_c + j), [i, j, i, j])
            b[0], b[1], b[2], b[3] = min(b[0], i), min(b[1], j), max(b[2], i), max(b[3], j)
    cells = sorted({(b[0], b[1], b[2], b[3]) for b in spans.values()})
    if len(cells) < 2:
        return None
    return ys, xs, cells


def _cell_text(words: list[OcrWord], fix: Callable[[str], str]) -> str:
    """A cell's words in reading order: lines top to bottom (words whose vertical centres lie
    within half a word height of each other), words left to right, lines joined by newlines."""
    lines: list[list[OcrWord]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            last_mid = sum((x.top + x.bottom) / 2 for x in last) / len(last)
            height = max(x.bottom - x.top for x in last)
            if abs(mid - last_mid) <= max(height, w.bottom - w.top) / 2:
                last.append(w)
                continue
        lines.append([w])
    out = []
    for ln in lines:
        tokens = [w.text for w in sorted(ln, key=lambda w: w.x0)]
        # A rule beside the text is read as a bar-like mark ("15 ㅣ", "| 10"): not text.
        while len(tokens) > 1 and _RULE_MARK.fullmatch(tokens[-1]):
            tokens.pop()
        while len(tokens) > 1 and _RULE_MARK.fullmatch(tokens[0]):
            tokens.pop(0)
        out.append(fix(" ".join(tokens)))
    return "\n".join(out)


def fill(
    table: ScanTable, words: list[OcrWord], fix: Callable[[str], str] = lambda t: t
) -> tuple[list[list[str | None]], set[tuple[int, int]], set[int]]:
    """The table's grid texts (pdfplumber's shape: a merged cell's text at its top-left, the
    positions it covers None), the positions covered by a cell to their left, and the indexes
    of the words placed in cells. `fix` cleans each line of a cell (respacing, marks)."""
    grid: list[list[str | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    hspan: set[tuple[int, int]] = set()
    placed: dict[int, list[OcrWord]] = {}
    used: set[int] = set()
    for k, w in enumerate(words):
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for n, cell in enumerate(table.cells):
            x0, top, x1, bottom = cell.bbox
            if x0 <= cx < x1 and top <= cy < bottom:
                placed.setdefault(n, []).append(w)
                used.add(k)
                break
    for n, cell in enumerate(table.cells):
        grid[cell.row][cell.col] = _cell_text(placed.get(n, []), fix)
        hspan.update((cell.row, cell.col + d) for d in range(1, cell.cols))
    return grid, hspan, used


def _mean_conf(words: list[OcrWord]) -> float:
    confs = [w.conf for w in words if w.conf >= 0]
    return sum(confs) / len(confs) if confs else -1.0


def reread(
    tables: list[ScanTable], image: Image.Image, words: list[OcrWord], dpi: int = _REF_DPI
) -> list[OcrWord]:
    """The page's words with each table cell read again on its own image: a cell's page-level
    words are replaced by its own reading when Tesseract's mean confidence in that reading is
    higher. Only cells holding page words are read (rules around no text stay a frame). All
    cells of the page go through one Tesseract run; if it fails, the page's words stay."""
    s = dpi / _REF_DPI
    inset, pad, px = _INSET * s, round(_PAD * s), dpi / 72.0
    members: list[list[int]] = []  # indexes of the page words in each cell read again
    crops: list[Image.Image] = []
    origins: list[tuple[float, float]] = []  # each crop's top-left on the page, px
    taken: set[int] = set()
    for table in tables:
        for cell in table.cells:
            x0, top, x1, bottom = cell.bbox
            inside = [
                k
                for k, w in enumerate(words)
                if k not in taken
                and x0 <= (w.x0 + w.x1) / 2 < x1
                and top <= (w.top + w.bottom) / 2 < bottom
            ]
            box = (
                round(x0 * px + inset),
                round(top * px + inset),
                round(x1 * px - inset),
                round(bottom * px - inset),
            )
            if not inside or box[2] - box[0] < 2 * inset or box[3] - box[1] < inset:
                continue  # no text, or a band too thin to hold a line (a double rule)
            taken.update(inside)
            members.append(inside)
            crops.append(ImageOps.expand(image.crop(box), border=pad, fill=255))
            origins.append((box[0] - pad, box[1] - pad))
    if not crops:
        return words
    try:
        readings = ocr.ocr_images(crops, psm=_CELL_PSM)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("표 칸별 OCR을 하지 못해 쪽 단위 OCR 결과를 씁니다: %s", exc)
        return words
    drop: set[int] = set()
    added: list[OcrWord] = []
    better = 0
    for n, (inside, reading, (ox, oy)) in enumerate(zip(members, readings, origins, strict=True)):
        # A reading of nothing but rule marks ("||") is the cell's border, not its text.
        if not any(re.search(r"\w", w.text) and not _RULE_MARK.fullmatch(w.text) for w in reading):
            continue
        if _mean_conf(reading) <= _mean_conf([words[k] for k in inside]):
            continue
        better += 1
        drop.update(inside)
        added += [
            replace(
                w,
                x0=(w.x0 + ox) / px,
                x1=(w.x1 + ox) / px,
                top=(w.top + oy) / px,
                bottom=(w.bottom + oy) / px,
                line=(-(n + 1), *w.line[1:]),  # its own lines, apart from the page's
            )
            for w in reading
        ]
    logger.debug("표 칸 %d개를 다시 읽어 %d개를 바꿨습니다", len(crops), better)
    return [w for k, w in enumerate(words) if k not in drop] + added
