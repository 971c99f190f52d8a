"""The answers besides a quote: not found (with the nearest topics), a list question's lines
and subsections, whether a fact answer addresses the question, and a word read as another."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from retrieval import intent, listing
from retrieval.answer_names import _names_said
from retrieval.answer_reading import Candidate
from retrieval.answer_terms import TermWeights, _coverage, squash, weighted_terms
from retrieval.facts.query import HIGHEST_RE, LOWEST_RE
from retrieval.search import Scored
from sosa.korean.analysis import proper_nouns
from sosa.korean.analysis import tokens as kiwi_tokens
from sosa.korean.kin import kin_words
from sosa.korean.text import josa
from sosa.models import Answer, Chunk

# Share of the question's weighted words a heading must hold for a list question to be
# answered with the subsections under it.
LIST_HEADING_SHARE = 0.3
# (no example naming one document's project: any index answers with it, an LH notice's too)
NOT_FOUND = (
    "죄송합니다. 문서에서 찾지 못했습니다. 사업명, 항목명처럼 문서에 나오는 이름을 넣어 "
    "다시 물어봐 주세요."
)
# Shown after "찾지 못했습니다" when the nearest passages name their topics.
NEAREST = "문서에는 {topics}에 관한 내용이 나와 있습니다. 이 중에서 궁금한 점을 물어봐 주세요."


# The reply to a turn that only tells the asker's situation (intent.situation): no
# question to look up yet; the nearest topics are offered, and the next turn is read with it.
TOLD = (
    "말씀하신 상황에서 궁금한 점을 물어봐 주시면 문서에서 찾아 드리겠습니다. "
    "문서에는 {topics}에 관한 내용이 나와 있습니다."
)
TOLD_PLAIN = "말씀하신 상황에서 궁금한 점을 물어봐 주시면 문서에서 찾아 드리겠습니다."


def told(question: str, topics: list[str] | None = None) -> Answer:
    """The reply to a statement of the asker's situation, naming the nearest topics."""
    text = TOLD.format(topics=", ".join(f"‘{t}’" for t in topics)) if topics else TOLD_PLAIN
    return _unanswered(question, text)


def new_answer_id() -> str:
    return uuid.uuid4().hex[:12]


# The longest heading with no parts under it named as a topic: a plan's project names run to
# 70 characters ("전라북도 복지정보와 자원을 ONE-STOP으로 … 복지 체감도 향상"); a longer leaf
# heading is a sentence.
TOPIC_MAX_CHARS = 90


def nearest_topics(
    hits: list[Scored], n: int = 2, generic: frozenset[str] = frozenset()
) -> list[str]:
    """The project or indicator headings of the nearest passages ("인력 공백에 대한 대체인력
    파견"), for an honest "not found" that says what the documents do cover; a heading every
    project has (`generic`: 쟁점 및 대책) names its project's instead."""
    out: list[str] = []
    for h in hits:
        parts = [p for p in h.chunk.section.split(" › ")[1:] if p]
        named = len(parts) > 1 and len(parts[1]) > 4 and parts[1] not in generic
        topic = parts[1] if named else (parts[0] if parts else "")
        if (
            topic
            and topic not in out
            and not re.search(r"\d", topic)
            # (a heading with parts under it, 사업개요 and 실행방안, is one by the document's
            # structure, however long: a plan names a project by its 96-character purpose)
            and (len(topic) <= TOPIC_MAX_CHARS or topic != parts[-1])
        ):
            out.append(topic)
        if len(out) >= n:
            break
    return out


# Share of the question's weighted words a fact or table answer (its text, quotes, sections)
# must hold: below it the fact is about something else ("엄마 장기요양 등급 … 신청" answered
# with an indicator's 등급 score). Tuning halves: the lowest right fact answer holds 0.36, the
# wrong ones 0.25 and less.
FACT_MIN_COVERAGE = 0.3
# Question words: a question with none asks yes or no.
_WH = {"몇", "얼마", "무엇", "뭐", "어디", "누구", "언제", "어떻", "어떤", "무슨", "왜", "어느"}


def addresses(question: str, answer: Answer, weights: TermWeights) -> bool:
    """Whether a found fact or table answer says enough of the question's words."""
    if not answer.found:
        return True
    # A word that names the kind of answer (전화, 예산, 담당) may be answered by its kind (a
    # number, a figure, a name: asked.fits) without being repeated: it counts only when said.
    # Words no passage holds (부모님) no fact can say: set aside in a wh-question ("… 어디로
    # 전화하나요?"), kept in a yes/no one, whose condition they are ("주말에도 … 되나요?").
    forms = {t.form for t in kiwi_tokens(question)}
    polar = not forms & _WH
    text = " ".join([answer.answer, *(c.quote for c in answer.citations)])
    ctx = " ".join(f"{c.section} {c.title}" for c in answer.citations)
    said = squash(f"{text} {ctx}")
    names = [n for n in proper_nouns(question) if len(n) > 1 and not intent.kind_word(n)]
    if any(not _names_said(n, said) for n in names):
        # "사상구 세부사업 목표 달성률": a place or body the fact is not about.
        return False
    # (a word read as the documents' word for it, 부모님 as 가족, is still one they never use)
    kin = set(kin_words(question, weights.vocab).values()) if weights.vocab else set()
    terms = [
        (t, w)
        for t, w in weighted_terms(question, weights)
        if (polar or (weights.known(t) and t not in kin)) and (t in said or not intent.kind_word(t))
    ]
    if HIGHEST_RE.search(question) or LOWEST_RE.search(question):
        # "예산 제일 많은 사업은?": a ranking says 가장 and its own adjective ("가장 큰").
        terms = [(t, w) for t, w in terms if t not in _RANKING_WORDS]
    return not terms or _coverage(terms, text, ctx)[0] >= FACT_MIN_COVERAGE


# The words that ask for the first of a ranking: its superlative and its adjective.
_RANKING_WORDS = {
    "가장", "제일", "최고", "최저", "최대", "최소", "높", "크", "많", "낮", "적", "작", "잘", "못",
}  # fmt: skip


def not_found(
    question: str, answer_id: str | None = None, topics: list[str] | None = None
) -> Answer:
    text = NOT_FOUND
    if topics:
        text = "죄송합니다. 문서에서 찾지 못했습니다. " + NEAREST.format(
            topics=", ".join(f"‘{t}’" for t in topics)
        )
    return _unanswered(question, text, answer_id)


def _unanswered(question: str, text: str, answer_id: str | None = None) -> Answer:
    """A reply that answers nothing from the documents (found False, no citations)."""
    return Answer(
        id=answer_id or new_answer_id(), question=question, answer=text, found=False, mode="none"
    )


TARGET_ONLY = "죄송합니다. 문서에서 실적은 찾지 못했습니다. 문서에는 목표만 나와 있습니다: {quotes}"
# (the year asked is not repeated: every figure an answer shows is one of its quotes')
OTHER_YEARS = (
    "죄송합니다. 문서에서 물으신 해의 수치는 찾지 못했습니다. 문서에는 다른 해의 수치만 나와 "
    "있습니다: {quotes}"
)


def _said_instead(answer: Answer, reply: str) -> Answer:
    """A found answer that does not give what was asked, made not found: `reply` says what is
    missing and what the documents say instead, its quotes (kept as its citations)."""
    quotes = ", ".join(f"“{c.quote}”" for c in answer.citations)
    text = reply.format(quotes=quotes).rstrip(".") + "."
    return answer.model_copy(update={"answer": text, "found": False, "mode": "none"})


def target_only(answer: Answer) -> Answer:
    """A found answer quoting only targets, to a question asking what was achieved: not
    found, with the targets it quoted (what the documents do say, and where)."""
    return _said_instead(answer, TARGET_ONLY)


def other_years(answer: Answer) -> Answer:
    """A found answer whose figures are all of other years than the one asked: not found, with
    the figures it quoted and their years (what the documents do say, and where)."""
    return _said_instead(answer, OTHER_YEARS)


NOTHING_MORE = "앞에서 말씀드린 내용 외에는 문서에서 더 찾지 못했습니다."


def nothing_more(question: str, answer_id: str | None = None) -> Answer:
    """The reply to a turn asking for another one when the documents hold only what the
    answer before gave."""
    return _unanswered(question, NOTHING_MORE, answer_id)


READ_AS = "(질문의 {said} 문서에서 찾았습니다.)"
READ_AS_NOTE = re.compile(r"^\(질문의 [^()]*문서에서 찾았습니다\.\)\s*")


def read_as(answer: Answer, question: str, weights: TermWeights) -> Answer:
    """A found answer that matched a question word by the documents' word for it (시골 as
    농촌, `weighted_terms`) says so, so the asker can tell whether that is what they meant."""
    if not answer.found or not weights.vocab:
        return answer
    quoted = " ".join(c.quote for c in answer.citations)
    used = [(w, k) for w, k in kin_words(question, weights.vocab).items() if k in quoted]
    if not used:
        return answer
    said = ", ".join(
        f"{josa(f'‘{w}’', '은', '는')} {josa(f'‘{k}’', '으로', '로')}" for w, k in used
    )
    note = READ_AS.format(said=said)
    return answer.model_copy(update={"answer": f"{note} {answer.answer}"})


def _list_lines(chosen: Candidate, cands: list[Candidate], limit: int = 6) -> list[Candidate]:
    """A list question gets the list: the bullet lines of the chosen line's passage."""
    # (the passage's heading line, "□ 사업개요" under "… › 사업개요", names the list, no item)
    heading = chosen.hit.chunk.section.rsplit("›", 1)[-1].replace(" ", "")
    same = [
        c
        for c in cands
        if c.hit.chunk.id == chosen.hit.chunk.id
        and c.coverage > 0
        and c.text != chosen.text
        and c.text.replace(" ", "") != heading
    ]
    lines = [chosen, *same][:limit]
    order = {t: i for i, t in enumerate(chosen.hit.chunk.text.split("\n"))}
    return sorted(lines, key=lambda c: next((i for t, i in order.items() if c.text in t), 99))


def _section_bullets(
    chosen: list[Candidate], terms: list[tuple[str, float]], tree: listing.Outline, limit: int = 6
) -> list[Candidate]:
    """The bullets of the first quote's section in its other passages (a long section is cut
    into several passages, and its list with it), when that quote is one of the section's
    bullets; only bullets that say at least half as much of the question as it does."""
    chunk = chosen[0].hit.chunk
    bullets = tree.bullets(chunk.document, chunk.section)
    if len(chosen) >= limit or all(i.text != chosen[0].text for i in bullets):
        return chosen
    texts = {c.text for c in chosen}
    least = 0.5 * _coverage(terms, chosen[0].text, "")[0]
    more: list[Candidate] = []
    for item in bullets:
        if item.chunk.id == chunk.id or item.text in texts:
            continue
        own = _coverage(terms, item.text, "")[0]
        if own > 0 and own >= least:
            texts.add(item.text)
            more.append(Candidate(item.text, Scored(item.chunk, 0.0, 0.0, 0.0), 0.0, own))
    return [*chosen, *more][:limit]  # bullets() gives them in document order


def _listed(
    question: str,
    cands: list[Candidate],
    weights: TermWeights,
    chunks: Sequence[Chunk],
    min_coverage: float,
    answer_id: str,
) -> Answer | None:
    """A list question whose good passage sits under a heading the question names, with
    subsections (우수사례 › 사업 A, 사업 B …): those subsections, each cited."""
    terms = weighted_terms(question, weights)
    tree = listing.outline(chunks)
    for c in cands[:5]:
        if c.coverage < min_coverage:
            continue
        found = listing.items_under(c.hit.chunk, terms, tree, LIST_HEADING_SHARE)
        if found is None:
            continue
        heading, items = found
        return listing.listed_answer(question, heading, items, answer_id)
    return None
