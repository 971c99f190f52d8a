"""OCR for PDF pages without a text layer: render the page, read it with the Tesseract CLI.

Lines come back with their position in PDF points, so the PDF loader runs them through the same
furniture and paragraph logic as text-layer lines. The page's confidence is the mean of
Tesseract's word confidences (0–100).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pdfplumber.page import Page
from PIL import Image

from sosa.korean import kiwi, kiwi_lock

logger = logging.getLogger(__name__)

# Korean only: its model reads Latin letters and digits too, and adding `eng` makes Tesseract
# read bullet glyphs (□, ○) as Latin words ("OMG 규모") and lowered the character agreement
# with the text layer on real Hancom pages (pages 1 and 6 of a notice: 0.82/0.76 → 0.85/0.79).
LANGUAGES = "kor"
DPI = 300  # Tesseract reads best at about 300 dpi
_TIMEOUT = 180  # seconds for one page


def _env() -> dict[str, str]:
    """Tesseract's environment: one OpenMP thread. Its threads slow it down when the cores are
    shared: a real scan's page took 9–11 s with them and 2 s without (the same words), its
    table cells 4.5 s and 1 s. The caller's own setting wins."""
    return {"OMP_THREAD_LIMIT": "1", **os.environ}


@dataclass
class OcrLine:
    text: str
    top: float  # PDF points, like pdfplumber's lines
    bottom: float
    x0: float
    x1: float
    conf: float = -1.0  # mean confidence of its words, 0–100 (-1: none given)


@dataclass
class OcrWord:
    """One word Tesseract read, its box in PDF points; `line` is Tesseract's (block, paragraph,
    line) key, so words can be regrouped into lines after some were taken by table cells."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    line: tuple[int, int, int, int] = (0, 0, 0, 0)
    conf: float = -1.0  # Tesseract's confidence in the word, 0–100 (-1: none given)


@dataclass
class OcrPage:
    lines: list[OcrLine] = field(default_factory=list)
    confidence: float = 0.0  # mean word confidence, 0–100
    words: list[OcrWord] = field(default_factory=list)


def available() -> bool:
    """Whether the `tesseract` CLI is on PATH (looked up at call time)."""
    return shutil.which("tesseract") is not None


_HANGUL = re.compile(r"[가-힣]")


def respace(text: str) -> str:
    """Re-decide the spaces between two Hangul letters with Kiwi's spacing model: Tesseract's
    Korean model splits words ("사업 성 과 도출"). Spacing next to digits, Latin letters and
    punctuation stays as read, so figures keep their printed form ("’27. 3.")."""
    if not _HANGUL.search(text):
        return text
    with kiwi_lock():
        spaced = kiwi().space(text, reset_whitespace=True)
    if re.sub(r"\s+", "", spaced) != re.sub(r"\s+", "", text):
        return text  # Kiwi changed more than spaces: keep what was read

    # For each gap between two letters, the original spacing and Kiwi's.
    def gaps(t: str) -> tuple[list[str], list[str]]:
        letters: list[str] = []
        seps: list[str] = []
        cur = ""
        for ch in t:
            if ch.isspace():
                cur += ch
                continue
            if letters:
                seps.append(cur)
            letters.append(ch)
            cur = ""
        return letters, seps

    letters, original = gaps(text)
    _, kiwi_seps = gaps(spaced)
    out = [letters[0]] if letters else []
    for i in range(1, len(letters)):
        a, b = letters[i - 1], letters[i]
        both = _HANGUL.match(a) and _HANGUL.match(b)
        sep = kiwi_seps[i - 1] if both else original[i - 1]
        out.append((" " if sep else "") + b)
    return "".join(out)


# The apostrophe of an abbreviated year ("’26. 4.") is a small glyph Tesseract reads as a
# double quote or a backquote; before a two-digit year and a month it can only be that one.
_YEAR_QUOTE = re.compile(r"(?<![\w.])[\"“”‘’'`´]\s?(?=\d{2}\.\s?\d{1,2}\.)")


# A square bullet (□) at the start of a line comes back as "[|", "[]", "|", "口" or "ㅁ".
_BOX_BULLET = re.compile(r"^(?:\[\s?[|\]]|\||口|ㅁ)\s*(?=[가-힣])")


def fix_marks(text: str) -> str:
    """Marks Tesseract misreads in a way the context decides: the abbreviated-year apostrophe
    becomes a plain one ("\"27. 3." -> "'27. 3."), a misread box bullet becomes □ again, so
    the line starts its own paragraph as it does in a text layer."""
    return _BOX_BULLET.sub("□ ", _YEAR_QUOTE.sub("'", text))


def read_tsv(tsv: str, scale: float) -> OcrPage:
    """Tesseract's TSV (one row per word) → words and lines in reading order; `scale` converts
    pixels to PDF points."""
    words: list[OcrWord] = []
    confs: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or -1)
        if conf >= 0:
            confs.append(conf)
        left, top = int(row["left"]), int(row["top"])
        words.append(
            OcrWord(
                text=text,
                top=top * scale,
                bottom=(top + int(row["height"])) * scale,
                x0=left * scale,
                x1=(left + int(row["width"])) * scale,
                line=(
                    int(row["page_num"]),
                    int(row["block_num"]),
                    int(row["par_num"]),
                    int(row["line_num"]),
                ),
                conf=conf,
            )
        )
    confidence = sum(confs) / len(confs) if confs else 0.0
    return OcrPage(lines=lines_of(words), confidence=round(confidence, 1), words=words)


def lines_of(words: list[OcrWord]) -> list[OcrLine]:
    """Words → lines (Tesseract's line grouping), sorted top to bottom."""
    grouped: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for w in words:
        grouped.setdefault(w.line, []).append(w)
    lines: list[OcrLine] = []
    for key in sorted(grouped):
        ws = sorted(grouped[key], key=lambda w: w.x0)
        confs = [w.conf for w in ws if w.conf >= 0]
        lines.append(
            OcrLine(
                text=" ".join(w.text for w in ws),
                top=min(w.top for w in ws),
                bottom=max(w.bottom for w in ws),
                x0=min(w.x0 for w in ws),
                x1=max(w.x1 for w in ws),
                conf=round(sum(confs) / len(confs), 1) if confs else -1.0,
            )
        )
    # Blocks come in Tesseract's reading order; sort by height for the paragraph logic,
    # which expects lines top to bottom.
    lines.sort(key=lambda ln: (round(ln.top / 4), ln.x0))
    return lines


def _tesseract(source: str, languages: str, psm: int, stdin: bytes | None = None) -> str:
    """The tesseract CLI's TSV for `source` ("stdin", or a file listing images)."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise RuntimeError("tesseract가 설치되어 있지 않습니다")
    proc = subprocess.run(
        [exe, source, "stdout", "-l", languages, "--psm", str(psm), "tsv"],
        input=stdin,
        capture_output=True,
        timeout=_TIMEOUT,
        check=False,
        env=_env(),
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[:300])
    return proc.stdout.decode("utf-8", "replace")


def ocr_image(png: bytes, scale: float, languages: str = LANGUAGES) -> OcrPage:
    """Read one page image (PNG bytes) with the tesseract CLI."""
    return read_tsv(_tesseract("stdin", languages, 3, png), scale)


def ocr_images(
    images: list[Image.Image], psm: int = 6, languages: str = LANGUAGES
) -> list[list[OcrWord]]:
    """Read several small images (table cells) in one Tesseract run, the words of each in
    pixels of that image; `line` keys start with the image's number (1-based). One run reads
    a list of files, so the language model is loaded once, not once per cell."""
    if shutil.which("tesseract") is None:
        raise RuntimeError("tesseract가 설치되어 있지 않습니다")
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="sosa-ocr-") as tmp:
        paths = []
        for n, image in enumerate(images):
            path = Path(tmp) / f"{n:05d}.png"
            image.save(path)
            paths.append(str(path))
        listing = Path(tmp) / "images.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        tsv = _tesseract(str(listing), languages, psm)
    out: list[list[OcrWord]] = [[] for _ in images]
    for w in read_tsv(tsv, 1.0).words:
        if 1 <= w.line[0] <= len(out):
            out[w.line[0] - 1].append(w)
    return out


def render(page: Page, dpi: int = DPI) -> Image.Image:
    """The page as a grayscale image at `dpi`: what Tesseract reads and the table finder
    (ingest/scantables.py) measures, rendered once for both."""
    return page.to_image(resolution=dpi).original.convert("L")


def ocr_rendered(image: Image.Image, dpi: int = DPI) -> OcrPage:
    """Read a page image rendered by `render` at `dpi`."""
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return ocr_image(buf.getvalue(), scale=72.0 / dpi)


def ocr_page(page: Page, dpi: int = DPI) -> OcrPage:
    """Render a pdfplumber page at `dpi` (grayscale) and read it."""
    return ocr_rendered(render(page, dpi), dpi)
