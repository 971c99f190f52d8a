"""The names and conditions a question sets, checked against the passages (a year, a quoted
name, a code or a proper noun none says; a gloss the documents know) and the region asked."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from retrieval.answer_asks import _INTERROGATIVE, _QUOTED, _asked_noun
from retrieval.answer_reading import Candidate
from retrieval.answer_terms import _QWORDS, TermWeights, content_terms, flat, squash
from retrieval.search import Scored
from sosa.korean.analysis import morphemes, proper_nouns
from sosa.korean.text import CODE_RE, REGIONS, regions_in
from sosa.models import Chunk

_YEAR = re.compile(r"(20\d{2})년")


def _unsupported_constraint(question: str, hits: list[Scored]) -> bool:
    """A year or a proper noun the question names that no retrieved passage mentions (not
    counting the noun asked for: "서울시 사회서비스원 총점" is conditioned on 서울시). Even a
    name no passage of the index holds blocks: a misspelt name cannot be told from another
    place's (서울시 in an index of 전북's documents)."""
    seen = " ".join(h.chunk.text + h.chunk.section + h.chunk.title for h in hits[:5])
    if any(y not in seen for y in set(_YEAR.findall(question))):
        return True
    spelled = flat(seen)
    # "나라장터(G2B)": a word and its gloss name one thing; passages spelling either say it.
    glossed = {
        flat(w)
        for a, b in _GLOSSED.findall(question)
        if flat(a) in spelled or flat(b) in spelled
        for w in (a, b)
    }
    # A name the question quotes ('AI 전문관') that no passage spells is not theirs to answer.
    # (A question word quoted, "'무엇'의 전형이라고", stands for the answer: no name.)
    quoted = [flat(m.group(0)) for m in _QUOTED.finditer(question)]
    quoted = [q for q in quoted if q not in _INTERROGATIVE]
    if any(len(q) >= 2 and q not in spelled and q not in glossed for q in quoted):
        return True
    # A code naming a type or a lot (46A, B-1) that no passage spells: another one's figures
    # would answer for it.
    if any(flat(c) not in spelled and flat(c) not in glossed for c in CODE_RE.findall(question)):
        return True
    squashed = squash(seen)
    asked = _asked_noun(question)
    return any(
        len(n) > 1
        and n.replace(" ", "") not in squashed
        and not _name_in(flat(n), spelled)
        and not _last_word_said(n, seen)
        and n.lower() != asked
        and flat(n) not in glossed
        for n in proper_nouns(question)
    )


# Whether a name of several words is said by its last word (`_last_word_said`). KorQuAD tuning
# half (all 2,799): 2477 -> 2491 answers holding the gold (+14, -0); the agency sets unchanged.
LAST_WORD_NAMES = True


def _last_word_said(name: str, text: str) -> bool:
    """Whether a name of several words is said by its last one, starting a word of the text: a
    passage calls a person by the surname (올리비에 지루 -> 지루는) and a work by its own title
    after its series' (바이오하자드 엄브렐러 크로니클즈). Not when a leading word is a region:
    서울시 사회서비스원 is another agency than 전북's. KorQuAD tuning half: 12 questions on the
    gold passage were blocked by such a name (LAST_WORD_NAMES)."""
    words = name.split()
    if not LAST_WORD_NAMES or len(words) < 2 or regions_in(" ".join(words[:-1])):
        return False
    last = words[-1]
    return len(flat(last)) >= 2 and bool(re.search(rf"(?<![가-힣A-Za-z]){re.escape(last)}", text))


_GLOSSED = re.compile(r"([가-힣A-Za-z0-9]{2,})\(([^()]{2,20})\)")


def _known_gloss(question: str, weights: TermWeights) -> str:
    """ "나라장터(G2B)로 계약": a word and its gloss name one thing; when the documents know
    only the gloss's words, the question is asked in them (a word no passage holds would
    weigh most and leave every passage short of it)."""

    def known(text: str) -> bool:
        return all(weights.known(t) for t in content_terms(text))

    def swap(m: re.Match[str]) -> str:
        word, gloss = m.group(1), m.group(2)
        if not known(word) and known(gloss):
            return gloss
        if known(word) and not known(gloss):
            return word
        return m.group(0)

    return _GLOSSED.sub(swap, question)


# A question's name whose first NAME_PREFIX_SHARE (and at least two letters) the passages
# spell is theirs with a particle Kiwi left on it (빅뱅이/NNP for 빅뱅 + 이) or a slip in its
# end (전두화 for 전두환, 페이스북논재). A differing start is another name (서울시 vs 전북,
# 경상남도 vs 전라남도: half). KorQuAD tuning half (--limit 1500): 0.922 at 0.5 and 0.66, 0.921
# at 0.8 (a three-letter name then needs all three); 0.5 would pass 경상북도 for 경상남도.
NAME_PREFIX_SHARE = 0.66
_HANGUL = re.compile(r"[가-힣]+")


def _name_in(name: str, letters: str) -> bool:
    """Whether a question's proper noun (letters only) is in the passages' letters: spelled
    there, begun there (NAME_PREFIX_SHARE), or, for a Hangul name, spelled with one vowel or
    final consonant of one syllable otherwise (헤밋 for 해밋, 돌시 for 돌스; a different first
    consonant makes another name: 부산, 부안)."""
    if name in letters:
        return True
    need = max(2, math.ceil(NAME_PREFIX_SHARE * len(name)))
    if len(name) > need and name[:need] in letters:
        return True
    return bool(_HANGUL.fullmatch(name)) and any(
        _one_jamo_off(name, m.group(0)[i : i + len(name)])
        for m in _HANGUL.finditer(letters)
        for i in range(len(m.group(0)) - len(name) + 1)
    )


# First consonants a name is heard and spelled with alike: plain, tense and aspirated stops
# (카이로 and 가이로), ㅅ and ㅈ (퀸스 and 퀸즈, a foreign s or z), ㅇ and a dropped ㅎ (탄핵 and
# 탄액). Indexes into the 19 first consonants ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ. 부산 and 부안,
# 전북 and 전남 stay apart.
_SOUND_ALIKE = (
    frozenset({0, 1, 15}),
    frozenset({3, 4, 16}),
    frozenset({7, 8, 17}),
    frozenset({12, 13, 14, 9, 10}),
    frozenset({11, 18}),
)
# KorQuAD tuning half (all 2,799): 0.904 -> 0.905 of answers holding the gold, the test half
# and the agency and real-document sets unchanged.
SOUND_ALIKE = True


def _one_jamo_off(a: str, b: str) -> bool:
    """One syllable differing in its vowel or its final consonant only, or in its first
    consonant only when the two sound alike (`_SOUND_ALIKE`); the rest the same."""
    off = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        i, j = ord(x) - 0xAC00, ord(y) - 0xAC00
        off += 1
        if off > 1:
            return False
        if i // 588 != j // 588:  # 588 = 21 vowels x 28 finals: the first consonant
            alike = SOUND_ALIKE and any({i // 588, j // 588} <= g for g in _SOUND_ALIKE)
            if not alike or i % 588 != j % 588:
                return False
        elif (i // 28) % 21 != (j // 28) % 21 and i % 28 != j % 28:
            return False
    return off == 1


def _names_said(name: str, said: str) -> bool:
    """Whether a proper noun of the question (or, for a region, another of its names: 전북,
    전라북도) is in a text without spaces."""
    flat = name.replace(" ", "")
    names = next((ns for ns in REGIONS.values() if flat in ns), (flat,))
    return any(n in said for n in names)


def _other_region_only(c: Candidate, region: str) -> bool:
    """Whether a sentence (or its passage's opening, where the paragraph names its agency)
    names regions and not this one."""
    text = c.hit.chunk.text
    opening = text[:40]
    # (and the opening of its own paragraph: "또한 … 연구를 통해 …" goes on about the agency
    # "대전광역시 사회서비스원은 …" began the paragraph with)
    at = text.find(c.text[:20])
    start = text.rfind("\n", 0, at) + 1 if at > 0 else 0
    found = (
        set(regions_in(c.text))
        | set(regions_in(opening))
        | set(regions_in(text[start : start + 40]))
    )
    return bool(found) and region not in found


REGION_PARAGRAPH = 40  # characters of a line the region leads: a paragraph, not a title


def _with_region_passages(hits: list[Scored], region: str, chunks: Sequence[Chunk]) -> list[Scored]:
    """The top passages, with the passages of the same documents whose subject is the region
    asked about ("대전광역시 사회서비스원은 …", a press release's paragraph per agency) put
    right after the first: retrieval ranks the paragraph listing every region higher."""
    names = REGIONS.get(region, (region,))
    docs = {h.chunk.document for h in hits[:3]}
    have = {h.chunk.id for h in hits[:5]}
    own = [
        c
        for c in chunks
        if c.document in docs
        and c.kind == "text"
        and c.id not in have
        # (its paragraph may start inside a chunk that another region's paragraph opens)
        and any(line.lstrip().startswith(names) for line in c.text.split("\n"))
    ]
    if not own or not hits:
        return hits

    def led(c: Chunk) -> int:
        return max(len(x) for x in c.text.split("\n") if x.lstrip().startswith(names))

    # The top passage's own document first (the press release whose frame lists the regions),
    # and a paragraph the region leads before a line that only names it (a title page).
    own.sort(key=lambda c: (c.document != hits[0].chunk.document, led(c) < REGION_PARAGRAPH))
    top = hits[0].score
    extra = [Scored(c, top, 0.0, 0.0) for c in own[:2]]
    return [hits[0], *extra, *hits[1:]]


# Of a date question naming a document by its title, how many of its words may be beyond the
# title (the event: 발표, 개최) for the question to ask the document's own date.
COVER_REST_WORDS = 1


def _with_cover(question: str, hits: list[Scored], chunks: Sequence[Chunk]) -> list[Scored]:
    """The top passages, with the first passage of the top document (its cover: title and
    date) put right after the first when the question asks the date of the document itself
    ("고용노동부 업무보고는 언제 했어?"): every passage of it says the title in its breadcrumb,
    so retrieval never ranks the short cover first."""
    if not hits:
        return hits
    document = hits[0].chunk.document
    title = set(morphemes(hits[0].chunk.title))
    asked = [w for w in dict.fromkeys(morphemes(question)) if w not in _QWORDS]
    named = [w for w in asked if w in title]
    if len(named) < 2 or len(asked) - len(named) > COVER_REST_WORDS:
        return hits
    cover = next((c for c in chunks if c.document == document and c.kind == "text"), None)
    if cover is None or any(h.chunk.id == cover.id for h in hits[:5]):
        return hits
    return [hits[0], Scored(cover, hits[0].score, 0.0, 0.0), *hits[1:]]
