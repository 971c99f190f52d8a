"""Text helpers shared by fact extraction (ingest) and fact lookup (retrieval.facts).

Matching is spacing-insensitive on purpose: the PDFs print "경영 시스템" in one table and
"경영시스템" in the next heading, and users type either.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from retrieval.tokenize import bigrams, morphemes

SEP = " › "

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Longest units first so "개소" wins over "개" and "천원" over "원".
UNITS = (
    "천원|만원|억원|원|개소|개월|개|회|건|명|%|점|곳|시간|가구|종|권|부|차|호|배|팀|시설|기관"
)
FIGURE_RE = re.compile(
    rf"(?<![\d,.])(?:{NUM})\s?(?:만\s?)?(?:{UNITS})(?:\s?(?:이상|이하|미만|초과|이내))?"
)
UNIT_RE = re.compile(rf"(?:{UNITS})")
_DECIMAL_RE = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?")
_PAREN_RE = re.compile(r"\([^()]*\)")
_MARK_RE = re.compile(r"^(?:[-–·•▪■□○◆◇▶▷▣※*◎●:]|[①-⑳]|\d{1,2}\.(?!\d)|\d{1,2}\))\s*")

# Short region names used across the corpus ("대전, 강원 사회서비스원", "전북과 대전").
REGIONS = {
    "서울": ("서울",),
    "부산": ("부산",),
    "대구": ("대구",),
    "인천": ("인천",),
    "광주": ("광주",),
    "대전": ("대전",),
    "울산": ("울산",),
    "세종": ("세종",),
    "경기": ("경기",),
    "강원": ("강원",),
    "충북": ("충북", "충청북도"),
    "충남": ("충남", "충청남도"),
    "전북": ("전북", "전라북도"),
    "전남": ("전남", "전라남도"),
    "경북": ("경북", "경상북도"),
    "경남": ("경남", "경상남도"),
    "제주": ("제주",),
}


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


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


def to_decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    m = _DECIMAL_RE.search(text)
    if not m:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None


def region_of(text: str | None) -> str | None:
    """The region an agency name belongs to: "전북특별자치도사회서비스원" -> "전북"."""
    if not text:
        return None
    flat = nospace(text)
    for region, names in REGIONS.items():
        if any(flat.startswith(n) for n in names):
            return region
    return None


def regions_in(text: str) -> list[str]:
    """Regions named in a question, in order of appearance."""
    found: list[tuple[int, str]] = []
    for region, names in REGIONS.items():
        for n in names:
            m = re.search(rf"{n}(?!형)", text)  # "전북형 돌봄" is a model, not an agency
            if m:
                found.append((m.start(), region))
                break
    return [r for _, r in sorted(found)]


@lru_cache(maxsize=8192)
def token_set(text: str) -> frozenset[str]:
    """Morphemes plus spacing-free Hangul bigrams."""
    return frozenset(morphemes(text)) | frozenset(bigrams(text))


def similarity(a: str, b: str) -> float:
    """How much of `a` (a heading, a query) is covered by `b` (a description), 0..1."""
    ta, tb = token_set(a), token_set(b)
    if not ta:
        return 0.0
    return len(ta & tb) / len(ta)


def dice(a: str, b: str) -> float:
    ta, tb = token_set(a), token_set(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def is_predicate(text: str) -> bool:
    """True when a line ends like a sentence ("…노력함", "…필요함") rather than a noun heading."""
    from ingest.blocks import kiwi

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


def plan_context(section: str) -> tuple[str | None, str | None]:
    """(team, project) from a plan breadcrumb: root › [team ›] project › …"""
    parts = [p for p in section.split(SEP)[1:] if p]
    if not parts:
        return None, None
    if re.search(r"(?:팀|센터|지원단)$", parts[0]):
        return parts[0], parts[1] if len(parts) > 1 else None
    return None, parts[0]


class Weighted:
    """Token overlap weighted by rarity across a corpus (IDF), so "노력과 성과" counts little."""

    def __init__(self, corpus: list[str]) -> None:
        df: dict[str, int] = {}
        for text in corpus:
            for tok in token_set(text):
                df[tok] = df.get(tok, 0) + 1
        self.n = len(corpus)
        self.df = df

    def weight(self, tok: str) -> float:
        import math

        return math.log((self.n + 1) / (self.df.get(tok, 0) + 0.5))

    def mass(self, toks: frozenset[str] | set[str]) -> float:
        return sum(self.weight(t) for t in toks)

    def dice(self, a: str, b: str) -> float:
        ta, tb = token_set(a), token_set(b)
        total = self.mass(ta) + self.mass(tb)
        return 2 * self.mass(ta & tb) / total if total else 0.0

    def coverage(self, a: str, b: str) -> float:
        """Weighted share of `a`'s tokens found in `b`."""
        ta = token_set(a)
        total = self.mass(ta)
        return self.mass(ta & token_set(b)) / total if total else 0.0
