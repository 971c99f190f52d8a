"""Kin words: the words Kiwi's language model places nearest a word.

A citizen asks in everyday words (시골, 할머니) while the documents use their own (농촌, 노인).
Kiwi's CoNg model, the one the analyser already loads, embeds every morpheme it knows by the
contexts it is used in, learned from a large general Korean corpus; the documents' vocabulary
then decides which of a word's neighbours are worth trying. No table is written by hand.

A word one letter (jamo) off exactly one of the documents' words is read as that word first
(리더쉽 as 리더십): a misspelling, not a neighbour.

Distributional neighbours are often co-hyponyms rather than synonyms (주소 ~ 연락처, 주말 ~
평일), so a kin word is a guess: callers weigh it less than the word itself and say when they
used one.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import lru_cache

from sosa.korean.analysis import bigrams, kiwi, kiwi_lock, tokens
from sosa.korean.text import DEICTIC

# How many of a morpheme's nearest neighbours are read (the documents' words among them are
# kept). One call scans Kiwi's whole vocabulary (6-25 ms), so results are cached per morpheme.
NEIGHBOURS_READ = 300
# Morphemes whose neighbours are kept (Kiwi has ~100k, so the cache stays bounded), and the
# similarity below which a neighbour is not kept (beyond the first RECIPROCAL): a few dozen
# tuples a morpheme, a few MB in all.
CACHE_SIZE = 4096
KEPT_SIMILARITY = 0.5
_NOUN = ("NNG",)
# A question noun the documents never spell (시골, 할머니) is read as the nearest noun they use
# (농촌, 노인) when at least this near (1.0: never). Calibrated on the agency tuning half.
MIN_SIMILARITY = 0.6
# Unknown nouns of one text looked up (each costs a scan of Kiwi's vocabulary the first time),
# in its first MAX_CHARS characters: a long story pays for its first few, not for every word.
MAX_LOOKUPS = 3
MAX_CHARS = 120
# How near the question's word must be among the documents' word's own neighbours.
RECIPROCAL = 2
# One-syllable suffixes that derive a noun of a noun's quality, degree or rate (청렴도, 투명성,
# 이용률, 전문화, 역량감) or the person who does it (조리사, 상담원, 신청자): a question noun the
# documents do not use, made of a noun they do and one of these, is read as that noun
# (청렴도 -> 청렴, 조리사 -> 조리) before any neighbour is guessed.
DERIVING_SUFFIXES = frozenset("도성률율화력감사원자")
# The suffixes of a place's administrative unit (장수군, 전주시, 완산구, 봉동읍): a place name
# (Kiwi's NNP) the documents do not use, made of one they do and one of these, is that place
# (장수군 -> 장수, as the plan writes "무주, 진안, 장수").
ADMIN_SUFFIXES = frozenset("시군구읍면")


@lru_cache(maxsize=CACHE_SIZE)
def neighbours(morpheme_id: int) -> tuple[tuple[str, float, int], ...]:
    """(form, similarity, morpheme id) of the common nouns nearest the morpheme, nearest
    first."""
    if morpheme_id < 0:
        return ()
    with kiwi_lock():
        try:
            found = kiwi().most_similar_morphemes(morpheme_id, NEIGHBOURS_READ)
        except (ValueError, IndexError, RuntimeError, AttributeError):
            # a morpheme without a vector (a user word, a symbol), or a Kiwi model without
            # embeddings: no kin, the word is matched as it is
            return ()
    nouns = [(m.form.lower(), float(m.score), m.id) for m in found if m.tag in _NOUN]
    return tuple(n for i, n in enumerate(nouns) if i < RECIPROCAL or n[1] >= KEPT_SIMILARITY)


def kin(
    morpheme_id: int, form: str, known: Callable[[str], bool], min_similarity: float
) -> tuple[str, float] | None:
    """The nearest noun to the morpheme (spelled `form`) that `known` accepts (a word the
    documents use), when it is at least `min_similarity` near and has the morpheme among its
    own RECIPROCAL nearest: a word's neighbours are its co-hyponyms as often as its synonyms
    (자격증 -> 커리큘럼, 주말 -> 평일), and a synonym or a narrower everyday word is near the
    documents' word from its side too (농촌 -> 시골, 노인 -> 할머니)."""
    for near, score, near_id in neighbours(morpheme_id):
        if score < min_similarity:
            return None
        if len(near) > 1 and known(near):
            back = [f for f, _s, _i in neighbours(near_id)[:RECIPROCAL]]
            return (near, score) if form in back else None
    return None


def spelled(word: str, vocab: Container[str]) -> bool:
    """Whether an index spells the word, however Kiwi cut it there (사업비 read as 사업/비):
    every character bigram of it is among the index's tokens."""
    grams = bigrams(word)
    return bool(grams) and all(g in vocab for g in grams)


def kin_words(
    text: str, vocab: Container[str], min_similarity: float = MIN_SIMILARITY
) -> dict[str, str]:
    """Each common noun of `text` that `vocab` (an index's tokens) neither holds nor spells ->
    the nearest noun `vocab` holds, if near enough."""
    if min_similarity >= 1.0:
        return {}
    out: dict[str, str] = {}
    looked = 0
    for t in tokens(text):  # (the text's analysis is cached; a cut of it would be a new one)
        if t.start >= MAX_CHARS:
            break
        form = t.form.lower()
        if (
            t.tag == "NNP"
            and len(form) >= 3
            and form[-1] in ADMIN_SUFFIXES
            and form not in vocab
            and form[:-1] in vocab
        ):
            out[form] = form[:-1]
            continue
        if t.tag not in _NOUN or len(form) < 2 or form in vocab or form in out or form in DEICTIC:
            continue
        if spelled(form, vocab):
            continue
        stem = form[:-1]
        if len(stem) >= 2 and form[-1] in DERIVING_SUFFIXES and stem in vocab:
            out[form] = stem
            continue
        variant = spelling_variant(form, vocab)
        if variant is not None:
            out[form] = variant  # (리더쉽 -> 리더십, 메뉴얼 -> 매뉴얼)
            continue
        if looked >= MAX_LOOKUPS:
            continue
        looked += 1
        found = kin(t.id, form, vocab.__contains__, min_similarity)
        if found:
            out[form] = found[0]
    return out


# A question noun at least this many syllables long that the documents do not use, one letter
# (jamo) away from exactly one noun they do, is read as that noun: a spelling variant (리더쉽,
# 메뉴얼, 워크샵 for 리더십, 매뉴얼, 워크숍). Shorter words one letter apart are as often other
# words (상담, 상단).
VARIANT_MIN_SYLLABLES = 3
_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_INITIALS, _MEDIALS, _FINALS = 19, 21, 28


def _one_letter_off(word: str) -> list[str]:
    """The spellings of `word` with one jamo of one syllable changed."""
    out: list[str] = []
    for i, ch in enumerate(word):
        code = ord(ch)
        if not _HANGUL_BASE <= code <= _HANGUL_LAST:
            continue
        n = code - _HANGUL_BASE
        ini, med, fin = n // (_MEDIALS * _FINALS), (n // _FINALS) % _MEDIALS, n % _FINALS
        for a, b, c in (
            *((x, med, fin) for x in range(_INITIALS) if x != ini),
            *((ini, x, fin) for x in range(_MEDIALS) if x != med),
            *((ini, med, x) for x in range(_FINALS) if x != fin),
        ):
            syllable = chr(_HANGUL_BASE + (a * _MEDIALS + b) * _FINALS + c)
            out.append(word[:i] + syllable + word[i + 1 :])
    return out


def spelling_variant(word: str, vocab: Container[str]) -> str | None:
    """The one word of `vocab` one jamo away from `word`, if exactly one (`VARIANT_*`)."""
    if len(word) < VARIANT_MIN_SYLLABLES:
        return None
    found = {v for v in _one_letter_off(word) if v in vocab}
    return found.pop() if len(found) == 1 else None
