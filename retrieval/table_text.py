"""A table cell as text: its labels joined and flattened, its row's name, its caption, its
value with its unit and the particle after it, where it sits and the fact it is."""

from __future__ import annotations

import re

from ingest.cells import DATE, LINE_FACT, SEP, Cell, value_shape
from sosa.models import FactRef

TOTAL_IN_ROW = re.compile(r"소\s*계|합\s*계|총\s*계|(?:^|[\s›])계(?:$|[\s›(])|총액|전체")
TOTAL_LABEL = re.compile(r"^(?:합\s*계|소\s*계|총\s*계|계|total)$", re.I)
SHORT_TEXT = 40  # a longer text is a description, not a name that answers "누가"
DESCRIBES = re.compile(r"(?:다|함|음|임)\.?$")  # a sentence, not a name ("…를 평가한다.")
SPACES = re.compile(r"\s+")
HANGUL_WORD = re.compile(r"[가-힣]{2,12}")


def said_in(word: str, tokens: frozenset[str]) -> bool:
    """A label word among a text's tokens, whole or spelled inside a longer word by its
    bigrams (담당 in 담당자, 임대 in 월임대료, which Kiwi keeps as one word)."""
    return word in tokens or (
        len(word) > 1 and all(f"#{word[k : k + 2]}" in tokens for k in range(len(word) - 1))
    )


def particle(word: str, pair: tuple[str, str] = ("은", "는")) -> str:
    ch = word.rstrip(" )]%")[-1:] if word.strip() else ""
    if "가" <= ch <= "힣":
        return pair[0] if (ord(ch) - 0xAC00) % 28 else pair[1]
    return pair[0] if ch.isdigit() and ch in "013678" else pair[1]


def with_unit(value: str, unit: str) -> str:
    if not unit or value.endswith(unit) or not re.search(r"\d\)?$", value):
        return value
    return f"{value}{unit}"


def is_line_fact(c: Cell) -> bool:
    """A fact of a "항목 : 값" line or a figure-valued heading, not of a table."""
    return c.col <= LINE_FACT


_SERIAL = re.compile(r"\d{1,3}|[A-Za-z]")  # 순번 12, a Y/N or O/X flag


def naming_labels(c: Cell) -> list[str]:
    """The row's labels that can name it: not a serial number, a one-letter flag or a value
    shaped as a date or a phone number (a ledger's 순번 · 사용일자 · 사용내역 · 사용처 · 여부
    is named by its 사용내역 and 사용처); all of them when that leaves none."""
    names = [
        lab for lab in c.row_path if not _SERIAL.fullmatch(lab.strip()) and not value_shape(lab)
    ]
    return names or list(c.row_path)


def row_name(c: Cell) -> str:
    """The row's most specific label: the longest (a description beats a 정성/정량 tag)."""
    if not c.row_path:
        return ""
    return max(reversed(naming_labels(c)), key=len).lstrip("-–· ")


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|[가-하][.)]|[□■○●◎◇◆▶]|\(\d{1,2}\))\s*")


_CAPTION_PIECES = re.compile(r"(?<=[.다])\s+|\s+(?=[○□■●◎◇◆▶]\s)")


def caption_name(c: Cell) -> str:
    """A table's caption as a name, without the section numbering before it ("1) 리더십 □
    평정표" -> "리더십 □ 평정표"): a figure the answer would show with no cell to point to.
    A caption that runs on from the paragraph above keeps its last piece, if that is short."""
    caption = c.caption
    if len(caption) > SHORT_TEXT:
        caption = _CAPTION_PIECES.split(caption)[-1]
        caption = caption if len(caption) <= SHORT_TEXT else ""
    return _NUMBERING.sub("", caption)


_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "∼": "~", "〜": "~", "～": "~"})


def flat_text(text: str) -> str:
    """A value or label without spaces, quote-mark and tilde variants: for comparing copies."""
    return SPACES.sub("", text).translate(_QUOTE_MARKS).lower()


def near(a: str, b: str, least: float = 0.85) -> bool:
    """Two longer texts that share most of their character bigrams (a scan's copy)."""
    fa, fb = flat_text(a), flat_text(b)
    if min(len(fa), len(fb)) < 8:
        return False
    ga = {fa[i : i + 2] for i in range(len(fa) - 1)}
    gb = {fb[i : i + 2] for i in range(len(fb) - 1)}
    return 2 * len(ga & gb) / (len(ga) + len(gb)) >= least


def path_label(path: list[str]) -> str:
    return SEP.join(path)


# A month in a body cell is a date too ("입주예정일 2026년 11월 (예정)"); in a header row it
# names a column (2010년 11월), so ingest's value_shape does not read it so.
_MONTH_DATE = re.compile(r"(?:19|20)\d{2}\s*[.년]\s*\d{1,2}\s*[.월]?\s*(?:\((?:예정|잠정)\))?")


def cell_shape(value: str) -> str:
    return value_shape(value) or (DATE if _MONTH_DATE.fullmatch(value.strip()) else "")


def flat_labels(c: Cell) -> str:
    return flat_text(f"{path_label(c.row_path)} {path_label(c.col_path)} {c.caption}")


def name_labels(c: Cell) -> list[str]:
    """A row's labels that name it, descriptions left out."""
    return [lab for lab in c.row_path if len(lab) <= SHORT_TEXT and not DESCRIBES.search(lab)]


def names_of(c: Cell) -> str:
    return path_label(name_labels(c))


def change_words(c: Cell) -> str:
    if c.number is None:
        return ""
    if c.number < 0:
        return f"{c.value.strip()}의 △·▲·− 표시는 감소를 뜻하므로 줄어든 것입니다."
    if c.number > 0:
        return "늘어난 것입니다."
    return "변동이 없습니다."


def cell_where(c: Cell) -> str:
    parts = []
    if caption_name(c):
        parts.append(f"{caption_name(c)} 표")
    if c.row_path:
        row = path_label(naming_labels(c)[-2:])
        parts.append(f"{row} 행 · {path_label(c.col_path) or '값'} 열")
    elif c.col_path and not is_line_fact(c):
        parts.append(f"{path_label(c.col_path)} 열")  # a row without labels: its column
    if c.unit and c.unit not in c.value:
        parts.append(f"단위 {c.unit}")
    return ", ".join(parts)


def cell_fact(c: Cell) -> FactRef:
    return FactRef(
        type="cell",
        label=f"{path_label(c.row_path)} · {path_label(c.col_path)}",
        value=c.value,
        document=c.document,
        page=c.page,
        section=c.section,
    )
