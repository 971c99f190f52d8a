"""Spacing-insensitive text helpers: nospace, token sets, IDF-weighted overlap, regions.

Matching is spacing-insensitive on purpose: the PDFs print "경영 시스템" in one table and
"경영시스템" in the next heading, and users type either.
"""

from __future__ import annotations

import math
import re

from sosa.cache import byte_lru
from sosa.korean.analysis import morphemes, tokens

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

# Native Korean ordinals: 첫 번째, 두 번째, 셋째 (a place in a list or a ranking).
NATIVE_ORDINALS = {
    "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
    "둘": 2, "셋": 3, "넷": 4,
}  # fmt: skip
_ORDINAL_SAID = ("첫", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
# A place said in words or digits, as a regular expression's alternatives: "두 번째", "3번째"
# (group 1) or "셋째" (group 2). Native numerals need 번째 or 째: "두 번" is twice.
ORDINAL_PLACE = (
    r"(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d{1,2})\s*번\s*째"
    r"|(첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)\s*째"
)


def place_number(word: str) -> int:
    """The place a word of `ORDINAL_PLACE` (or a 위's digits) says: 3 for "3" and for "세"."""
    return int(word) if word.isdigit() else NATIVE_ORDINALS[word]


def ordinal_said(n: int) -> str:
    """ "두 번째" for 2, as an answer says a place (digits past the tenth: "11번째")."""
    return f"{_ORDINAL_SAID[n - 1]} 번째" if 1 <= n <= len(_ORDINAL_SAID) else f"{n}번째"


# Words that place a question in time relative to today (올해, 작년): they name no topic.
DEICTIC = frozenset(
    {"올해", "금년", "작년", "지난해", "내년", "내일", "오늘", "어제", "지금", "요즘"}
)
_HANGUL_RUN = re.compile(r"[가-힣]{2,}")
# Figures and their units ("4회", "730명") say nothing about the subject.
_UNIT_WORDS = {
    "명",
    "건",
    "회",
    "개",
    "곳",
    "점",
    "원",
    "천원",
    "개소",
    "번",
    "%",
    "년",
    "월",
    "일",
}


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def region_of(text: str | None) -> str | None:
    """The region an agency name belongs to: "전북특별자치도사회서비스원" -> "전북"."""
    if not text:
        return None
    flat = nospace(text)
    for region, names in REGIONS.items():
        if any(flat.startswith(n) for n in names):
            return region
    return None


_REGION_RANK = re.compile(r"^(?:특별자치도|특별자치시|광역시|특별시|도|시)")


def generic_name(agency: str | None) -> str | None:
    """An agency's name without its region: "전북특별자치도사회서비스원" -> "사회서비스원",
    the name a citizen of the region uses for it. None when the name leads with no region."""
    region = region_of(agency)
    if not agency or region is None:
        return None
    flat = nospace(agency)
    for n in sorted(REGIONS[region], key=len, reverse=True):
        if flat.startswith(n):
            return _REGION_RANK.sub("", flat[len(n) :]) or None
    return None


# A code naming a type, a lot or a building (35A, 46B, B1, A-2): letters and digits together.
CODE_RE = re.compile(r"(?<![A-Za-z0-9])(?:\d+[A-Za-z]+|[A-Za-z]+-?\d+)(?![A-Za-z0-9])")


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


@byte_lru(16 * 1024 * 1024)  # keyed on user text: bounded by bytes
def token_set(text: str) -> frozenset[str]:
    """Morphemes plus Hangul bigrams within each word.

    Kiwi already splits compounds ("경영시스템" -> 경영, 시스템), so spacing variants still
    meet; bigrams across a space ("몇 회 개최" -> "회개") would only add false matches.
    """
    grams = {"#" + run[i : i + 2] for run in _HANGUL_RUN.findall(text) for i in range(len(run) - 1)}
    words = {
        m for m in morphemes(text) if not m.replace(".", "").isdigit() and m not in _UNIT_WORDS
    }
    return frozenset(words) | frozenset(grams)


class Weighted:
    """Token overlap weighted by rarity across a corpus (IDF), so "노력과 성과" counts little."""

    def __init__(self, corpus: list[str] | list[frozenset[str]]) -> None:
        df: dict[str, int] = {}
        for item in corpus:
            for tok in item if isinstance(item, frozenset) else token_set(item):
                df[tok] = df.get(tok, 0) + 1
        self.n = len(corpus)
        self.df = df
        # Weights computed once (mass() runs over every candidate row of every request).
        self._unseen = math.log((self.n + 1) / 0.5)
        self._weights = {tok: math.log((self.n + 1) / (k + 0.5)) for tok, k in df.items()}

    def weight(self, tok: str) -> float:
        return self._weights.get(tok, self._unseen)

    def mass(self, toks: frozenset[str] | set[str]) -> float:
        get, unseen = self._weights.get, self._unseen
        return sum(get(t, unseen) for t in toks)

    def dice(self, a: str, b: str) -> float:
        ta, tb = token_set(a), token_set(b)
        total = self.mass(ta) + self.mass(tb)
        return 2 * self.mass(ta & tb) / total if total else 0.0

    def coverage(self, a: str, b: str) -> float:
        """Weighted share of `a`'s tokens found in `b`."""
        ta = token_set(a)
        total = self.mass(ta)
        return self.mass(ta & token_set(b)) / total if total else 0.0


def josa(word: str, batchim: str, plain: str) -> str:
    """Attach the particle the last syllable needs: 기준치+는, 실적+은, 4.75점+은, 농촌+으로 but
    마을+로 (a final ㄹ takes 로)."""
    bare = re.sub(r"(?:\([^()]*\)|[^가-힣])+$", "", word)  # "실적(건)" is read as "실적"
    last = bare[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        if batchim == "으로" and final == 8:  # ㄹ
            return word + plain
        return word + (batchim if final else plain)
    return f"{word}{batchim}({plain})"


# Character-spaced words: a run of single Hangul syllables separated by spaces.
_SPACED_RUN = re.compile(r"(?<!\w)[가-힣](?:\s+[가-힣](?!\w))+(?!\w)")
# One-syllable words that only prose strings together ("및 그 외", "각 등"); a run holding one
# is joined only when its gaps are wide (the letter-spacing of a heading).
# The words that make a quantity approximate ("몇 건 정도", "100명쯤", "몇 명가량", "10명
# 남짓"): how the asker hedges, never what a passage must say.
_APPROXIMATORS = frozenset({"정도", "쯤", "가량", "남짓"})
# What an approximator follows when it hedges a quantity: a number, a counter, 몇 or 얼마.
_QUANTITY_TAGS = ("SN", "NR", "NNB")
_QUANTITY_WORDS = frozenset({"몇", "얼마"})


# 몇 written together with its counter ("몇점", "몇건", "몇명이야"): one word to a reader, two
# to a pattern written for "몇 점".
_FEW_JOINED = re.compile(r"(?<![가-힣])몇(?=[가-힣])(?!몇)")


def spaced_few(text: str) -> str:
    """ "몇점이야" -> "몇 점이야": 몇 apart from its counter, as most askers write it."""
    return _FEW_JOINED.sub("몇 ", text)


# 분 after 몇 counts people, honorifically ("몇 분 정도 받을 수 있어요?", "몇 분이서 다니세요?"):
# said with 이서 or 께서, or of what people do for or with a service (받, 도와, 오시, 다니,
# 이용, 참여 …); otherwise it may be minutes ("몇 분이 주어지나?", "몇 분 미만으로 남았을 때").
_PERSONS_FEW = re.compile(
    # (분 a word of its own, or with its particle: not 분기, 분야)
    r"(?<!시 )(?<!시)몇\s*분(?:들)?(?=(?:이서|이나|이|께서|은|도|만|까지|을|의|씩)?(?![가-힣]))"
    r"(?=이서|께서|[^?？.!]{0,15}?(?:받|도와|도움|돕|오시|오세|와\s*주|다니|다녀|계시|계세|모시"
    r"|돌봐|돌보|참여|참석|이용|신청|모집|선정|뽑|근무|일하|가입|상담))"
    r"(?!\s*(?:(?:정도|쯤)\s*)?(?:동안|간(?![가-힣])|마다|걸|소요|뒤|후(?:에)?(?![가-힣])|이내|만에"
    r"|남|늦|기다|미만|이상|이하|초과|전(?:에|까지)?(?![가-힣])))"
)


def persons_counted(text: str) -> str:
    """ "몇 분 정도 받을 수 있어요?" -> "몇 명 정도 받을 수 있어요?": the honorific counter of
    people as the documents count them (명); minutes (몇 시 몇 분, 몇 분 걸려요) stay."""
    return _PERSONS_FEW.sub("몇 명", text)


def without_approximators(text: str) -> str:
    """`text` without the words hedging a quantity ("1년에 몇 건 정도 해요?" -> "1년에 몇 건
    해요?"; "몇 시간쯤" -> "몇 시간"). 정도 of anything else stays ("어느 정도", "정도경영")."""
    toks = tokens(text)
    cut: list[tuple[int, int]] = []
    for i, t in enumerate(toks):
        if t.form not in _APPROXIMATORS or i == 0:
            continue
        before = toks[i - 1]
        quantity = before.tag in _QUANTITY_TAGS or before.form in _QUANTITY_WORDS
        # ("몇 시간 정도": a noun counted by 몇 or a number before it)
        counted = (
            i >= 2
            and before.tag == "NNG"
            and (toks[i - 2].form in _QUANTITY_WORDS or toks[i - 2].tag == "SN")
        )
        if quantity or counted:
            end = t.start + t.len
            # (with the particle on it: "몇 분 정도나", "얼마 정도로")
            if i + 1 < len(toks) and toks[i + 1].tag.startswith("J") and toks[i + 1].start == end:
                end += toks[i + 1].len
            cut.append((t.start, end))
    for start, end in reversed(cut):
        # (the space before the hedge goes with it: "몇 건 정도 해요" -> "몇 건 해요")
        if start > 0 and text[start - 1] == " ":
            start -= 1
        text = text[:start] + text[end:]
    return text


_PROSE_SYLLABLES = frozenset("및등또것뿐그각약")


def rejoin_spaced(text: str, whole: bool = True) -> str:
    """Re-join character-spaced Korean: "통 합 재 정 통 계" → "통합재정통계".

    A run of three or more single syllables is joined; a run of two only when it is the whole
    text (a cell or line "구 분", "수 입 (A)") or its gaps are wide (two or more spaces, as the loader writes
    letter-spacing). Runs holding a prose one-syllable word (및, 등, 그 …) need wide gaps.
    Only spaces between those syllables are removed.
    """

    # The text a two-syllable run must fill, bullets and punctuation aside ("• 개 요", "구 분:").
    # A bracketed tag after it names it ("수 입 (A)", "지 출 (B)"): not part of what it fills.
    core = re.sub(r"^[^\w]+|[^\w]+$", "", re.sub(r"\s*\([^()]{1,6}\)\s*$", "", text))

    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        syllables = run.split()
        wide = all(len(g) >= 2 for g in re.findall(r"\s+", run))
        if wide and len(syllables) >= 2:
            return "".join(syllables)
        if _PROSE_SYLLABLES.intersection(syllables):
            return run
        if len(syllables) >= 3 or (whole and run == core):
            return "".join(syllables)
        return run

    return _SPACED_RUN.sub(fix, text)
