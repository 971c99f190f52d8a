"""Text helpers of fact extraction shared by the profiles: figures, labels, marks.

The helpers fact lookup shares (nospace, token_set, Weighted, regions) live in
sosa.korean; ingest imports them from there.
"""

from __future__ import annotations

import re

from sosa.korean.text import token_set

SEP = " › "

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Longest units first so "개소" wins over "개" and "천원" over "원".
UNITS = "천원|만원|억원|원|개소|개월|개|회|건|명|%|점|곳|시간|가구|종|권|부|차|호|배|팀|시설|기관"
FIGURE_RE = re.compile(
    rf"(?<![\d,.])(?:{NUM})\s?(?:만\s?)?(?:{UNITS})(?:\s?(?:이상|이하|미만|초과|이내))?"
)
_PAREN_RE = re.compile(r"\([^()]*\)")
_MARK_RE = re.compile(r"^(?:[-–·•▪■□○◆◇▶▷▣※*◎●:]|[①-⑳]|\d{1,2}\.(?!\d)|\d{1,2}\))\s*")


def squash_spaced(text: str) -> str:
    """Undo letter-spacing in labels: "구 분" -> "구분", "실 적(건)" -> "실적(건)"."""
    text = re.sub(r"(?<=[가-힣]) (?=[가-힣](?:[\s(]|$))", "", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_marks(text: str) -> str:
    """Drop leading bullets and enumeration marks ("- ◆ ", "① ", ": ")."""
    prev = None
    text = text.strip()
    while prev != text:
        prev = text
        text = _MARK_RE.sub("", text).strip()
    return text


def drop_parens(text: str) -> str:
    return re.sub(r"\s+", " ", _PAREN_RE.sub(" ", text)).strip()


def dice(a: str, b: str) -> float:
    ta, tb = token_set(a), token_set(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def is_predicate(text: str) -> bool:
    """True when a line ends like a sentence ("…노력함", "…필요함") rather than a noun heading."""
    from sosa.korean import kiwi

    tokens = [t for t in kiwi().tokenize(text.strip()) if not t.tag.startswith("S")]
    if not tokens:
        return False
    last = tokens[-1]
    return last.tag.startswith("E") or last.tag in ("VV", "VA", "VX", "XSV", "XSA")


def figures(text: str, outside_parens_first: bool = True) -> list[re.Match[str]]:
    """Figures with units in `text`; figures outside parentheses win when there are any."""
    found = [m for m in FIGURE_RE.finditer(text) if not _is_year(text, m)]
    if not outside_parens_first:
        return found
    spans = [m.span() for m in _PAREN_RE.finditer(text)]
    outside = [m for m in found if not any(s <= m.start() < e for s, e in spans)]
    return outside or found


def _is_year(text: str, m: re.Match[str]) -> bool:
    # "'23년 24회": the unit regex never matches 년, but "2023. 1" style dates must not pass.
    before = text[max(0, m.start() - 1) : m.start()]
    return before == "'"
