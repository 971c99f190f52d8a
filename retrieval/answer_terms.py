"""The question's content words and how much each says (its IDF over the index), and how much
of them a sentence says, with its section, its neighbours and the rest of its passage."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from retrieval.passages import bigram_set, morpheme_set
from sosa.korean.analysis import INTERROGATIVES, Tok, bigrams, morphemes, nominals
from sosa.korean.analysis import tokens as kiwi_tokens
from sosa.korean.kin import kin_words
from sosa.korean.text import DEICTIC, REGIONS

# The help an asker asks of a subject ("도움 받을 수 있어요?"): what the subject gives is its
# answer, no word of it, and no subject of its own in a follow-up (retrieval.conversation).
HELP_ASKED = frozenset({"도움"})
# Question words and light verbs carry no topic.
_QWORDS = {
    *INTERROGATIVES,
    "물어보",
    "알리",
    "주",
    "받",
    "하",
    "되",
    "있",
    "대하",
    "관련",
    "나오",
    # (what a document presents, "…에 제시된 사업", as 나오 does: no topic of its own)
    "제시",
    "말하",
    "해주",
    "알",
    "건가",
    "인가",
    # asking for a service in the benefactive ("도와줘요", as 해주): the helping is the asking,
    # the documents name the service. (Not 오: "비 와요?" asks of the rain.) So is the help
    # asked as a noun ("도움 받을 수 있어요?").
    "도와주",
    *HELP_ASKED,
    # a duration asked ("며칠 동안", "몇 년 동안"): the figure answers it, no passage says 동안
    "동안",
    # nor does one say how often is asked ("얼마나 자주 와요?": 주1회 answers it)
    "자주",
    # 걸 (것을: "반찬 갖다주는 걸 …받을 수 있나요?"), which Kiwi may read as a noun
    "걸",
    # what kind of answer is asked for (a reason, a name), and negation/degree adverbs
    "이유",
    "원인",
    "까닭",
    "이름",
    # (a count asked by its noun, "목표 횟수는?", is given as a figure in 회 or 건: a
    # line naming 횟수 with another thing's figure, "지원사업 횟수 · 56회", is not its answer)
    "횟수",
    "건수",
    "종류",
    "목록",
    # (a list asked for: "사업들을 나열해 주십시오")
    "나열",
    "항목",
    "잘",
    "안",
    "못",
    # degree adverbs say how much, of whatever the rest names ("너무 지쳐요", "정말 힘들어요");
    # not 진짜, also a noun ("진짜 이름", the real one)
    "너무",
    "정말",
    "아주",
    "매우",
    # asking for the evaluators' commentary ("평가위원이 어떤 제안을 했어?")
    "제안",
    "권고",
    "의견",
    "위원",
    "부분",
    "더",
    # pro-verbs stand for what the context said ("뭐가 그렇게 좋아서"), naming nothing
    "그렇",
    "이렇",
    "저렇",
    # the asker's worry ("할머니가 걱정돼요", "…가 고민이에요") is about what it names, and
    # is no word a passage about it says
    "걱정",
    "고민",
}
# Nor do the nouns standing for what the asker would be given ("돌봐 줄 사람", "상담받을 곳",
# as 누구 and 어디 do) or for the asking itself ("어디에 부탁해요", as 물어보 is): the documents
# name the service, not the 사람 or 곳 an asker wants. (Not question words elsewhere: "주장한
# 사람은?" still asks a person.) Tuning halves: agency +1 (q-074), real_docs_facts_qa +1; test
# halves unchanged; KorQuAD tuning half unchanged (0.906), test half 0.870 -> 0.871.
_PLACEHOLDERS = {"사람", "곳", "부탁"}
_NOUN_TAGS = ("NNG", "NNP", "NR", "SL", "SN", "SH", "XR")
_VERB_WEIGHT = 0.4
# Words that ask for instances rather than name a topic ("예로 든 건", "예를 들면").
_ASKING_PHRASE = re.compile(r"예(?:로|를)\s*(?:든|들은|들면|들어)")


def content_terms(question: str) -> list[str]:
    question = _ASKING_PHRASE.sub(" ", question)
    return [
        t for t in dict.fromkeys(morphemes(question)) if t not in _QWORDS and t not in _PLACEHOLDERS
    ]


class TermWeights:
    """How much each question word says: its rarity (IDF) over the index's passages, read from
    the BM25 index's document frequencies. A word the documents never use weighs most: a
    passage that lacks it does not answer a question about it (주소, 이사장, 연봉)."""

    def __init__(self, bm25: Any | None = None) -> None:
        scores = getattr(bm25, "scores", None)
        self.vocab: dict[str, int] = getattr(bm25, "vocab_dict", None) or {}
        self.indptr = scores["indptr"] if isinstance(scores, dict) else None
        self.n = int(scores["num_docs"]) if isinstance(scores, dict) else 0

    def known(self, term: str) -> bool:
        """Whether any passage of the index holds the word (True without index statistics)."""
        return self.indptr is None or not self.vocab or term in self.vocab

    def weight(self, term: str) -> float:
        if self.indptr is None or not self.n:
            return 1.0  # no index statistics: every word counts alike
        i = self.vocab.get(term)
        df = 0 if i is None else int(self.indptr[i + 1] - self.indptr[i])
        return math.log((self.n + 1) / (df + 0.5))


def _hedges(tokens: Sequence[Tok]) -> set[str]:
    """Words that only soften what they follow: "몇 명 정도", "얼마 정도" (about so many) and
    "메일 같은 거" (something like a mail) name nothing the documents would say."""
    out: set[str] = set()
    for i, t in enumerate(tokens):
        before = tokens[i - 1] if i else None
        if (
            t.form == "정도"
            and before is not None
            and (before.tag in ("NNB", "MM", "NR", "SN") or before.form in ("얼마", "몇"))
        ):
            out.add("정도")
        if (
            t.form == "같"
            and t.tag == "VA"
            and [n.tag for n in tokens[i + 1 : i + 3]] == ["ETM", "NNB"]
        ):
            out.add("같")
    return out


def weighted_terms(question: str, weights: TermWeights) -> list[tuple[str, float]]:
    """The question's content words with their weights; a verb or adjective of the question
    ("좋아지게", "받으려면") says less about the topic than its nouns."""
    question = _ASKING_PHRASE.sub(" ", question)
    tokens = kiwi_tokens(question)
    nouns = {t.form.lower() for t in tokens if t.tag.startswith(_NOUN_TAGS)}
    bound = {t.form.lower() for t in tokens if t.tag == "NNB"}  # 거, 데, 적: no topic
    bound |= _hedges(tokens)
    # A verb whose -(으)ㅁ noun the documents use ("돌봐 줄" -> 돌봄, "도와" -> 도움) asks
    # about that noun's topic: it is matched, and weighs, as the noun.
    swap = {s: n for s, n in nominals(question) if n != s and n in weights.vocab}
    # A noun the documents never use (시골) is matched as their nearest word (농촌), weighing
    # what the unknown word weighed: a passage lacking that word does not answer.
    kin = kin_words(question, weights.vocab) if weights.vocab else {}
    swap.update(kin)
    weight_of = {k: weights.weight(w) for w, k in kin.items()}
    nouns |= set(swap.values())
    terms = dict.fromkeys(swap.get(t, t) for t in content_terms(question))
    return [
        (t, weight_of.get(t, weights.weight(t)) * (1.0 if t in nouns else _VERB_WEIGHT))
        for t in terms
        # (time words relative to the asker, 올해 and 작년, name no topic: the year filter and
        # the follow-up resolution read them)
        if t not in bound and t not in DEICTIC
    ]


# How much a question word found only in the sentence before or after counts: a passage often
# names its subject in one sentence and says the asked thing of it ("그는", "이") in the next.
# Calibrated on the tuning halves (agency sets and KorQuAD): raises the answerable sentences
# over MIN_COVERAGE without raising the unanswerable ones.
NEIGHBOUR_WEIGHT = 1.0
# How much a question word found elsewhere in the same passage (not in the sentence or its
# neighbours) counts towards whether the sentence answers at all (not which one is quoted): the
# passage is the evidence the sentence is read in. Tuning halves: KorQuAD 0.877 -> 0.899
# answers holding the gold (0.3: 0.894, 0.7: 0.902), the agency sets unchanged.
PASSAGE_WEIGHT = 0.5
# A gloss in parentheses (송(宋)나라, 다이세이(大成)건설): the word is the same without it.
_GLOSS = re.compile(r"\([^()]{1,20}\)")


def squash(text: str) -> str:
    """A text without spaces and parenthesised glosses, for substring matching of words; a
    coordination written with a middle dot ("긴급·틈새 돌봄", "국·공립") also spelled out per
    part ("긴급돌봄", "국립")."""
    out = _GLOSS.sub("", text)
    if COORDINATION and "·" in out and (spelled := coordinated(out)):
        out += "|" + "|".join(spelled)
    return out.replace(" ", "")


# Whether a middle-dot coordination is also spelled out per part (`squash`).
COORDINATION = True
# "긴급·틈새 돌봄서비스", "긴급·틈새돌봄서비스", "국·공립": parts of one length joined by a
# middle dot, then the word they share.
_COORDINATION = re.compile(r"(?<![가-힣])((?:[가-힣]{1,4}·)+)([가-힣]+)(?:\s([가-힣]+))?")


def coordinated(text: str) -> list[str]:
    """Each part of a middle-dot coordination joined to the word its parts share: "긴급·틈새
    돌봄서비스" -> 긴급돌봄서비스 (틈새돌봄서비스 is written); the last part without a space
    before the shared word is as long as the first ("긴급·틈새돌봄" -> 틈새 + 돌봄)."""
    out: list[str] = []
    for m in _COORDINATION.finditer(text):
        parts = m.group(1).rstrip("·").split("·")
        last, spaced = m.group(2), m.group(3)
        if len(last) > len(parts[0]):
            shared = last[len(parts[0]) :]
        elif spaced:
            shared = spaced
        else:
            continue
        out.extend(p + shared for p in parts)
    return out


# Anything but letters and digits: "쇼! 음악중심", "《쇼! 음악중심》" and "쇼 음악중심" are one name.
_NON_WORD = re.compile(r"[\W_]+")


def flat(text: str) -> str:
    """A text's letters and digits only, lower-cased (glosses kept: "신상철(서프라이즈 대표)"
    names 서프라이즈), for matching a name or a multi-word term across punctuation."""
    return _NON_WORD.sub("", text).lower()


def _compounds(question: str) -> dict[str, str]:
    """Each piece of a written-together noun run of the question -> the run ("보덕암" tagged
    보/덕/암, "열거주의" 열거/주의): Kiwi may cut a rare word differently in the passage, or
    into one-syllable pieces that match nothing alone, while the passage spells it the same."""
    tokens = kiwi_tokens(question)
    out: dict[str, str] = {}
    run: list[Any] = []
    for t in [*tokens, None]:
        if (
            t is not None
            and t.tag.startswith(_NOUN_TAGS)
            and (not run or run[-1].start + run[-1].len == t.start)
        ):
            run.append(t)
            continue
        if len(run) > 1:
            joined = flat(question[run[0].start : run[-1].start + run[-1].len])
            for piece in run:
                out.setdefault(piece.form.lower(), joined)
        run = [t] if t is not None and t.tag.startswith(_NOUN_TAGS) else []
    return out


def _coverage(
    terms: list[tuple[str, float]],
    text: str,
    context: str,
    near: frozenset[str] = frozenset(),
    passage: frozenset[str] = frozenset(),
    joins: dict[str, str] | None = None,
    stems: dict[str, str] | None = None,
    topic: frozenset[str] = frozenset(),
) -> tuple[float, float, float]:
    """Weighted share of the question's words in a sentence (fully) or its section (partly):
    (the sentence with its section, the same with the neighbouring sentences `near` too, and
    with the rest of its passage `passage` as well). `joins`: a piece of a question word Kiwi
    cut up (`_compounds`) is in the sentence when the whole word is spelled there; `stems`: a
    noun that stands for a verb of the question (`weighted_terms`) -> that verb's stem;
    `topic`: the words of the sentence's document that most of its passages say (what the
    whole document is about, as its section is: 오픈소스 개발자대회 in a contest's release)."""
    total = sum(w for _t, w in terms)
    if not total:
        return 0.0, 0.0, 0.0
    own = morpheme_set(text)  # passages: analysed once per index (retrieval/passages.py)
    ctx = morpheme_set(context)
    ctx_squashed = squash(context)
    squashed = squash(text)
    letters = flat(text)
    joins = joins or {}
    stems = stems or {}
    got = extra = wide = 0.0
    for t, w in terms:
        # A multi-word term ("푸시캣 돌스") is spelled without its space in the squashed text.
        spelled = len(t) > 1 and (t in squashed or flat(t) in letters)
        # A region is said in any of its names (충남 as 충청남도).
        spelled = spelled or (t in REGIONS and any(n in squashed for n in REGIONS[t]))
        # A verb asked as its -(으)ㅁ noun ("죽은 지" -> 죽음) is also said as the verb.
        forms = (t, stems[t]) if t in stems else (t,)
        if any(f in own for f in forms) or spelled or (t in joins and joins[t] in letters):
            got += w
        elif t in ctx or (len(t) > 1 and t in ctx_squashed) or t in topic:
            # (spelled inside a word of the section or title: "(보도자료)" read as one word)
            got += 0.6 * w
        elif any(f in near for f in forms):
            extra += NEIGHBOUR_WEIGHT * w
        elif any(f in passage for f in forms):
            wide += PASSAGE_WEIGHT * w
    return got / total, (got + extra) / total, (got + extra + wide) / total


_PREDICATE_END = re.compile(r"(함|음|임|됨|다|요|까|라|것|필요|바람|기대)[.)]?$")


def _is_heading_like(text: str, terms: list[tuple[str, float]]) -> bool:
    """A short line with no predicate (…의 적정성, …을 위한 노력) names a topic; the lines under
    it are what the document says about that topic."""
    if len(text) > 60 or re.search(r"\d", text) or _PREDICATE_END.search(text):
        return False
    qs = {t for t, _w in terms}
    novelty = sum(1 for t in morpheme_set(text) if t not in qs and len(t) > 1)
    return novelty <= 4


def _bigram_overlap(question: str, text: str) -> float:
    q = set(bigrams(question))
    if not q:
        return 0.0
    return len(q & bigram_set(text)) / len(q)


def _says(term: str, text: str) -> bool:
    """Whether a sentence holds a question word (as a morpheme, or spelled inside a word)."""
    return term in morpheme_set(text) or (len(term) > 1 and term in squash(text))
