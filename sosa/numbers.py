"""The one numbers module: figures as printed, read as values.

Korean public documents print negatives as "△303", "▲1.2" (a decrease) or "(△1.8)", and
thousands with commas. Text always keeps a figure as printed; these helpers only read it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DECIMAL_RE = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?")
# A figure with an optional sign mark in front: △ ▲ ▽ ▼ − - +.
SIGNED_RE = re.compile(
    r"(?P<sign>[△▲▽▼−\-+])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
NEGATIVE_MARKS = "△▲▽▼−-"
_NUM_RE = re.compile(r"\d+(?:[,.]\d+)*")


def to_decimal(text: str | None) -> Decimal | None:
    """The first figure's magnitude ("△1.5" -> 1.5, "1,500건" -> 1500); None if there is none."""
    if not text:
        return None
    m = _DECIMAL_RE.search(text)
    if not m:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None


def signed_decimal(text: str | None) -> Decimal | None:
    """The first figure with its sign: "△303" -> -303, "(△1.8)" -> -1.8, "−2" -> -2."""
    if not text:
        return None
    m = SIGNED_RE.search(text)
    if not m:
        return None
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    return -value if m.group("sign") and m.group("sign") in NEGATIVE_MARKS else value


def is_negative(text: str) -> bool:
    value = signed_decimal(text)
    return value is not None and value < 0


def numbers_in(text: str) -> list[str]:
    """Every figure in `text`, as printed (trailing punctuation dropped)."""
    return [m.group(0).rstrip(".,") for m in _NUM_RE.finditer(text)]


def bare(number: str) -> str:
    """A figure without thousands separators: "1,500" -> "1500"."""
    return number.replace(",", "")


def format_decimal(value: Decimal, places: int | None = None) -> str:
    """A computed value printed the documents' way: thousands separators, no float noise."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
