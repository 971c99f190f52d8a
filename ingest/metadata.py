"""documents.toml: the metadata contract for any corpus folder."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

from sosa.models import DocumentInfo

logger = logging.getLogger(__name__)


def read_manifest(folder: Path) -> dict[str, dict]:
    path = folder / "documents.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        logger.warning("%s 를 읽지 못해 기본값을 씁니다: %s", path, exc)
        return {}


def document_info(name: str, entry: dict | None) -> DocumentInfo:
    """Metadata for one file; a file without an entry gets defaults (title from the file, public)."""
    if entry is None:
        logger.warning("documents.toml에 %s 항목이 없어 기본값(공개, 파일명 제목)을 씁니다", name)
        entry = {}
    audience = entry.get("audience", "public")
    if audience not in ("public", "internal"):
        logger.warning("%s: audience=%r 은 알 수 없어 internal로 취급합니다", name, audience)
        audience = "internal"  # unknown audience: fail closed
    year = (
        entry.get("evaluation_year")
        or entry.get("plan_year")
        or _year_of(str(entry.get("published", "")))
    )
    return DocumentInfo(
        document=name,
        title=entry.get("title") or Path(name).stem,
        kind=entry.get("kind", "document"),
        audience=audience,
        agency=entry.get("agency"),
        year=int(year) if year else None,
    )


def _year_of(text: str) -> int | None:
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


_SECTION_MARK = re.compile(r"^(?:[\dⅠ-Ⅻ]+\s*[.)]|\(\d+\)|[-–·•▪■□○◆◇▶▷▣※*◎●①-⑳<\[])")
_KINDS = [  # title words → kind, most specific first
    ("경영평가", "evaluation_report"),
    ("사업계획", "business_plan"),
    ("보도자료", "press_release"),
    ("제안요청", "rfp"),
    ("예산", "budget"),
    ("공고", "notice"),
    ("모집", "notice"),
    ("안내", "notice"),
]


# Bump when what a file without a documents.toml entry is titled changes: the ingest manifest
# then rebuilds the index (parses stay cached).
METADATA_VERSION = "5"  # 5: the file name's year before the opening lines'; 4: a title from OCR must be a well-read, title-like line
# A PDF Info Title that only names a file: no spaces and no Hangul, or an editor's prefix or
# a file extension.
_FILE_NAME_TITLE = re.compile(r"^[\w.\-]+$", re.ASCII)
_EDITOR_TITLE = re.compile(
    r"^Microsoft (?:Word|PowerPoint|Excel) - |\.(?:hwpx?|docx?|pdf|xlsx?)$", re.I
)


# The genre stamp Korean public documents print above their title (보도자료, 보도 참고자료 2,
# 공개용): what kind of paper it is, not what it is about.
_STAMP = re.compile(
    r"^(?:보도\s*(?:참고|설명|해명)?\s*자료|참고\s*자료|설명\s*자료|해명\s*자료|"
    r"(?:비)?공개용?|대외비|배포\s*자료)\s*\d*$"
)


# A title read by OCR: Tesseract's mean word confidence in its least sure line at least this
# (well-read lines of real scans score 90+, a garbled one 60s), at least this share of its
# letters Hangul, brackets closed, and no word made of stray marks ("=", "^", "|").
_OCR_TITLE_CONF = 80.0
_OCR_TITLE_HANGUL = 0.6
_PAIRS = ("()", "[]", "「」", "『』", "<>", "《》", "〈〉", "“”")
_TITLE_MARK_WORD = re.compile(r"[·ㆍ‧∙\-–~:,/&()\[\]「」『』<>《》〈〉“”‘’'\"]+")


def ocr_title_ok(text: str, confidence: float | None) -> bool:
    """Whether a line read by OCR can stand as a document's title: read with good confidence
    and looking like one — mostly Hangul, no fragment cut from a longer heading (an opening or
    closing bracket without its pair) and no stray marks, which is how a misread line looks."""
    if confidence is None or confidence < _OCR_TITLE_CONF:
        return False
    letters = re.sub(r"\s+", "", text)
    if not letters or len(re.findall(r"[가-힣]", letters)) / len(letters) < _OCR_TITLE_HANGUL:
        return False
    if any(text.count(pair[0]) != text.count(pair[1]) for pair in _PAIRS):
        return False
    return all(re.search(r"\w", w) or _TITLE_MARK_WORD.fullmatch(w) for w in text.split())


_NAME_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")


def propose_info(
    blocks: list, pdf_info: dict[str, str] | None = None, name: str = ""
) -> dict[str, object]:
    """Title, kind and year for a file without a documents.toml entry, from the file itself:
    the PDF's Info Title (or else its first heading-like line); the year printed in the title,
    else in the file's name `name` ("…-budget-2022.pdf", "2025년_업무계획.hwp"), else in the
    opening lines, else the PDF's creation year. Keys left out when nothing is found."""
    pdf_info = pdf_info or {}
    heads = [b for b in blocks[:15] if getattr(b, "kind", "") == "line" and b.text]
    lines = [b.text.strip() for b in heads]
    # A title is no numbered or bulleted section heading ("1. 예산 현황", "□ 개요").
    meta = pdf_info.get("title") or ""
    if _FILE_NAME_TITLE.match(meta) or _EDITOR_TITLE.search(meta):
        meta = ""  # "kalis-notice-p1-p6", "Microsoft Word - 보고서.docx": a file's name
    title = meta or next(
        (
            t
            for t in lines
            if 4 <= len(t) <= 80
            and re.search(r"[가-힣A-Za-z]{2}", t)
            and not _SECTION_MARK.match(t)
            and not _STAMP.match(t)
            # A sentence ("…목표는 1,500건입니다.") is running text, not a title.
            and not re.search(r"(?:[다요]|니다|습니다)[.!?]?$|[.!?]$", t)
        ),
        "",
    )
    block = heads[lines.index(title)] if title and not meta else None
    if block is not None and getattr(block, "confidence", None) is not None:
        # A scanned page's heading: a misread one would name the document with garbage, so
        # it must be a well-read, title-like line; otherwise the file's name stands.
        conf = getattr(block, "line_confidence", None)
        if not ocr_title_ok(title, block.confidence if conf is None else conf):
            logger.info("OCR로 읽은 첫 제목 줄이 불확실해 제목으로 쓰지 않습니다: %r", title)
            title = ""
    stamp = next((t for t in lines[:3] if _STAMP.match(t) and "공개" not in t), "")
    if title and stamp and not meta:
        # The stamp still says what kind of paper it is ("보도자료를 찾아줘"): beside the
        # title, without its number (a title's figure would be one no quote holds).
        kind = re.sub(r"\s*\d+$", "", stamp)
        title = f"{title} ({kind})"
    out: dict[str, object] = {}
    if title:
        out["title"] = title
    for word, kind in _KINDS:
        if word in title:
            out["kind"] = kind
            break
    # Whoever named the file said which year it is; the opening lines may name a year the
    # document plans for or looks back on ("2021년 발사" in a 2018 press release), and a
    # PDF's creation date is when it was exported (a 2022 budget exported in 2026).
    printed = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:년|\.\s?\d{1,2}\.?)")
    in_title = printed.search(title)
    named = _NAME_YEAR.findall(Path(name).stem)
    in_lines = next((m for m in map(printed.search, lines) if m), None)
    if in_title:
        out["year"] = int(in_title.group(1))
    elif named:
        out["year"] = int(named[0])
    elif in_lines:
        out["year"] = int(in_lines.group(1))
    else:
        created = pdf_info.get("created", "")
        if created[:4].isdigit():
            out["year"] = int(created[:4])
    return out
