"""Abbreviations the documents teach: a compound's initial syllables (경영평가 -> 경평).

Korean shortens a compound noun to the first syllable of each of its parts (경영+평가 -> 경평,
특별+감사 -> 특감, 산업+재해 -> 산재). A reader asks in the short form the documents never
write; the documents' own compounds, read once per index, say what each short form stands for.
No table is written by hand.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sosa.korean.analysis import kiwi, kiwi_lock, tokens
from sosa.korean.text import josa

_NOUNS = ("NNG", "NNP")
# A short form is read as the compound only when the documents write that compound at least
# this often and it is at least this share of the compounds the short form could stand for: a
# compound written once ("이행사항" for 이사) is no evidence that anyone shortens it.
MIN_SEEN = 2
MIN_SHARE = 2 / 3
# Kiwi's log-likelihood of a one-noun reading at or above which a short form is a common word
# of its own (대기 -10.3, 실체 -11.9, 수조 -13.6, 지성 -13.9; the short forms 특감 -15.1 and 경평
# -15.4 are rarer).
COMMON_WORD_SCORE = -14.5
# Parts of a compound counted (a short form longer than this is seldom one).
MAX_PARTS = 4
_HANGUL = re.compile(r"[가-힣]+")


def _runs(toks: Sequence[tuple[str, str, int, int]]) -> Iterable[list[tuple[str, str, int, int]]]:
    """The runs of nouns written together (no space or sign between them)."""
    run: list[tuple[str, str, int, int]] = []
    for t in toks:
        form, tag, start, _length = t
        if (
            tag in _NOUNS
            and _HANGUL.fullmatch(form)
            and (not run or run[-1][2] + run[-1][3] == start)
        ):
            run.append(t)
            continue
        if len(run) >= 2:
            yield run
        run = [t] if tag in _NOUNS and _HANGUL.fullmatch(form) else []
    if len(run) >= 2:
        yield run


# Learned maps by the hash of the texts they were learned from (a reload of the same index, or
# another service over it, reads them again for nothing); a few indexes at a time.
_LEARNED: dict[str, dict[str, str]] = {}
_LEARNED_KEPT = 4


def learn(texts: Sequence[str]) -> dict[str, str]:
    """Each short form -> the compound of the documents it stands for, from `texts` (an index's
    passages). A short form the documents write themselves is theirs, not a short form."""
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    found = _LEARNED.get(key)
    if found is None:
        found = _learn(texts)
        if len(_LEARNED) >= _LEARNED_KEPT:
            _LEARNED.pop(next(iter(_LEARNED)))
        _LEARNED[key] = found
    return dict(found)


def _learn(texts: Sequence[str]) -> dict[str, str]:
    with kiwi_lock():
        analysed = list(kiwi().tokenize(list(texts)))
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    # (the documents' own words: every noun and every run of nouns they write, "사서원" of
    # "찾아가는 사서원"; not 경평 inside 환경평가)
    written: set[str] = set()
    for toks in analysed:
        flat = [(t.form, t.tag, t.start, t.len) for t in toks]
        written.update(form for form, tag, _s, _l in flat if tag in _NOUNS)
        for run in _runs(flat):
            written.add("".join(p[0] for p in run))
            for i in range(len(run)):
                for j in range(i + 2, min(len(run), i + MAX_PARTS) + 1):
                    parts = run[i:j]
                    seen["".join(p[0][0] for p in parts)]["".join(p[0] for p in parts)] += 1
    out: dict[str, str] = {}
    for short, compounds in seen.items():
        compound, count = compounds.most_common(1)[0]
        if (
            compound != short  # (a name Kiwi cut into syllables, 준+홍, is no compound)
            and count >= MIN_SEEN
            and count >= MIN_SHARE * sum(compounds.values())
            and short not in written
            and not _a_word(short)
        ):
            out[short] = compound
    return out


def _a_word(form: str) -> bool:
    """Whether `form` is a common word in its own right (대기, 실체, 수조), however its syllables
    also begin a compound of the documents (대상기관): Kiwi reads it as one noun, and its
    language model finds that noun at least as likely as COMMON_WORD_SCORE (a short form in
    its dictionary, 경평, 특감, is a rarer word than these)."""
    with kiwi_lock():
        (toks, _score), *_ = kiwi().analyze(form, top_n=1)
    return (
        len(toks) == 1
        and toks[0].form == form
        and toks[0].tag in _NOUNS
        and toks[0].score >= COMMON_WORD_SCORE
    )


def expand(text: str, known: Mapping[str, str]) -> str:
    """`text` with each short form `known` holds written as its compound ("우리 경평 총점" ->
    "우리 경영평가 총점"): a run of nouns written together that is a short form whole, else a
    noun of two syllables or more that is one."""
    if not any(short in text for short in known):
        return text  # (most questions: no analysis needed)
    toks = [(t.form, t.tag, t.start, t.len) for t in tokens(text)]
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for run in _runs(toks):
        start, end = run[0][2], run[-1][2] + run[-1][3]
        whole = text[start:end]
        if whole in known:
            spans.append((start, end, known[whole]))
            taken.update(t[2] for t in run)
    for form, tag, start, length in toks:
        if start in taken or tag not in _NOUNS or len(form) < 2:
            continue
        if form in known and text[start : start + length] == form:
            spans.append((start, start + length, known[form]))
    out = text
    for start, end, compound in sorted(spans, reverse=True):
        out = out[:start] + _with_particle(compound, out[end:], out[start:end])
    return out


# A particle's two forms, after a final consonant and after a vowel (경평은 -> 경영평가는);
# the longer first (이랑 before 이).
_PAIRS = (("이랑", "랑"), ("으로", "로"), ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"))


def _with_particle(compound: str, rest: str, short: str) -> str:
    """The compound followed by the rest of the text, its particle in the compound's form: a
    particle that ends the word only ("경평이야" keeps its copula: 경영평가이야 reads as well)."""
    for batchim, plain in _PAIRS:
        for said in (batchim, plain):
            after = rest[len(said) : len(said) + 1]
            if (
                rest.startswith(said)
                and not _HANGUL.match(after)
                and josa(short, batchim, plain) == short + said
            ):
                return josa(compound, batchim, plain) + rest[len(said) :]
    return compound + rest
