"""Korean analysis: the one Kiwi, morphemes, character bigrams, the BM25 token stream.

Shared by ingest (index side) and retrieval (query side): both must tokenise alike.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from kiwipiepy import Kiwi

from sosa.cache import byte_lru

# Content morphemes: nouns, verb/adjective stems, roots, foreign words, numbers, hanja.
_KEEP = ("NNG", "NNP", "NNB", "NR", "VV", "VA", "XR", "SL", "SN", "SH", "MAG", "NP")
_STOP = {"것", "수", "등", "및", "위", "통하", "하", "되", "있", "없", "이", "년", "월"}
# The morphemes that ask (how many, how much, what, where, who, when, why, how): a question
# says them, a passage answering it states the thing instead.
INTERROGATIVES = frozenset(
    {
        "몇",
        "얼마",
        "무엇",
        "뭐",
        "어디",
        "누구",
        "언제",
        "며칠",
        "얼마나",
        "얼만큼",
        "어째서",
        "어떡하",
        "어떻",
        "어떤",
        "무슨",
        "왜",
        "좀",
    }
)
_NUM_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_HANGUL_RUN = re.compile(r"[가-힣]{2,}")

_lock = threading.Lock()


# Words users write that Kiwi's dictionary lacks. 내선 (an extension, as our replies give
# one: "내선 4051") was read as 나+의 선 or 내+어서: "담당 누구였지 내선도" named 선도, a
# subject of its own, and lost the project asked before. No passage of the agency corpus,
# the real documents or KorQuAD reads otherwise with them (measured over every one).
USER_WORDS: tuple[tuple[str, str], ...] = (("내선", "NNG"),)


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    """The process's one Kiwi (loading another costs ~1 s and ~100 MB)."""
    k = Kiwi()
    for word, tag in USER_WORDS:
        k.add_user_word(word, tag)
    return k


def kiwi_lock() -> threading.Lock:
    """Held around every Kiwi call: Kiwi objects are not documented as thread-safe."""
    return _lock


def normalize_query(text: str) -> str:
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


class Tok(NamedTuple):
    """One Kiwi token: what the answer path reads of it."""

    form: str
    tag: str
    start: int
    len: int
    id: int = -1  # Kiwi's morpheme id: names one sense of an ambiguous form (섬 the island)


# Keyed on user text (queries), so bounded by bytes; 32 MB holds every chunk and many queries.
@byte_lru(32 * 1024 * 1024)
def tokens(text: str) -> tuple[Tok, ...]:
    """Kiwi's tokens of a text: the one Kiwi call however many rules read the same question."""
    with _lock:  # Kiwi objects are not documented as thread-safe
        return tuple(Tok(t.form, t.tag, t.start, t.len, t.id) for t in kiwi().tokenize(text))


def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((t.form, t.tag) for t in tokens(text))


# Proper nouns of a loaded index's texts, read once when it loads (retrieval/passages.py hands
# its table over): the answer path asks them of every sentence it weighs, per request otherwise.
_index_names: Callable[[str], tuple[str, ...] | None] | None = None


def use_index_names(lookup: Callable[[str], tuple[str, ...] | None] | None) -> None:
    """Where proper_nouns() finds an index text's nouns already read (None: not an index text)."""
    global _index_names
    _index_names = lookup


def proper_nouns(text: str) -> list[str]:
    lookup = _index_names
    if lookup is not None:
        found = lookup(text)
        if found is not None:
            return list(found)
    return [form for form, tag in _tagged(text) if tag == "NNP"]


def morphemes(text: str) -> list[str]:
    return _content(_tagged(text))


def content_words(text: str) -> list[tuple[str, str]]:
    """(morpheme, the space-delimited word of `text` it is read in) for morphemes() of a text:
    a text cut from it (a question's topic) that keeps that word whole keeps the morpheme, with
    no second Kiwi pass over the long text."""
    out: list[tuple[str, str]] = []
    for t in tokens(text):
        kept = _content(((t.form, t.tag),))
        if kept:
            start = text.rfind(" ", 0, t.start) + 1
            end = text.find(" ", t.start + t.len)
            out.append((kept[0], text[start : end if end >= 0 else len(text)]))
    return out


def morphemes_many(texts: list[str]) -> list[list[str]]:
    """morphemes() of many index texts in one Kiwi call, outside the query cache: passages are
    analysed once when an index loads (retrieval/passages.py), not per request."""
    return [morphs for morphs, _names in morphemes_and_names_many(texts)]


def morphemes_and_names_many(texts: list[str]) -> list[tuple[list[str], tuple[str, ...]]]:
    """(morphemes(), proper_nouns()) of many index texts, from the one Kiwi call."""
    with _lock:
        tagged = [tuple((t.form, t.tag) for t in toks) for toks in kiwi().tokenize(texts)]
    return [(_content(t), tuple(form for form, tag in t if tag == "NNP")) for t in tagged]


def _content(tagged: tuple[tuple[str, str], ...]) -> list[str]:
    out: list[str] = []
    for form, tag in tagged:
        if not tag.startswith(_KEEP):
            continue
        form = form.lower()
        if tag == "SN":
            form = form.replace(",", "")
        if form in _STOP:
            continue
        out.append(form)
    return out


_HANGUL_BASE = 0xAC00
_JONG_NONE, _JONG_RIEUL, _JONG_RIEUL_MIEUM, _JONG_MIEUM, _JONG_BIEUP = 0, 8, 10, 16, 17


def nominal(stem: str, irregular: bool = False) -> str:
    """The -(으)ㅁ noun of a verb or adjective stem: 돌보 -> 돌봄, 나누 -> 나눔, 살 -> 삶,
    돕 (ㅂ-irregular) -> 도움, 믿 -> 믿음. Korean names services and programmes with these
    (돌봄, 도움, 나눔, 쉼터) while people ask with the verb ("돌봐 줄 사람", "도와주세요")."""
    if not stem or not "가" <= stem[-1] <= "힣":
        return stem
    code = ord(stem[-1]) - _HANGUL_BASE
    jong = code % 28
    head, base = stem[:-1], code - jong + _HANGUL_BASE
    if jong == _JONG_NONE:
        return head + chr(base + _JONG_MIEUM)
    if jong == _JONG_RIEUL:
        return head + chr(base + _JONG_RIEUL_MIEUM)
    if jong == _JONG_BIEUP and irregular:
        return head + chr(base) + "움"
    return stem + "음"


_HANGUL_WORD = re.compile(r"[가-힣]+")


def nominals(text: str) -> list[tuple[str, str]]:
    """(stem, its -(으)ㅁ noun) for the verbs and adjectives of a text, in order; for a stem
    of a root and 하 (경미하, 심각하, 안전하), also (stem, its root): tables and plans write
    the root alone (구분 경미, 안전 점검) where people ask with the adjective ("경미하면")."""
    out: list[tuple[str, str]] = []
    for form, tag in _tagged(text):
        if tag.startswith(("VV", "VA")) and form not in _STOP:
            stem = form.lower()
            out.append((stem, nominal(stem, tag.endswith("-I"))))
            if len(stem) >= 3 and stem.endswith("하") and _HANGUL_WORD.fullmatch(stem):
                out.append((stem, stem[:-1]))
    return out


def bigrams(text: str) -> list[str]:
    """Character bigrams of Hangul runs, spaces removed: robust to spacing variants."""
    out: list[str] = []
    for run in _HANGUL_RUN.findall(text.replace(" ", "")):
        out.extend("#" + run[i : i + 2] for i in range(len(run) - 1))
    return out


def analyze(text: str) -> list[str]:
    """The BM25 token stream: morphemes plus Hangul bigrams."""
    text = normalize_query(text)
    return morphemes(text) + bigrams(text)


def analyze_many(texts: list[str], batch: int = 256) -> list[list[str]]:
    """analyze() of many index texts: Kiwi in batches, outside the query cache (ingest)."""
    out: list[list[str]] = []
    for i in range(0, len(texts), batch):
        part = [normalize_query(t) for t in texts[i : i + batch]]
        for text, morphs in zip(part, morphemes_many(part), strict=True):
            out.append(morphs + bigrams(text))
    return out
