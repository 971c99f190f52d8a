"""A need stated, not asked: "아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요".

A citizen often describes a situation instead of asking a question. Its circumstances (아버지,
다리, 어머니) are words the documents never use, so no sentence covers the statement and the
extractive answer abstains. What the asker wants is a service whose target the documents state
("대상자 기준 : … 갑작스러운 위기상황 발생으로 돌봄이 필요한 경우 …"). The statement's last
clause says what is lacking (돌봐 줄 사람 -> 돌봄); a line naming a target group (대상) that says
every known word of that clause, in a passage retrieval ranked near the statement and not in a
project's background (추진배경, 현황), is offered, worded as a suggestion to check rather than as
a fact about the asker. A need put as a condition of what to do ("…돌봐 줄 사람이 없으면 어떻게
해요?") is read as the same statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval import intent
from retrieval.answer import Candidate, _candidates, commentary_context, nearest_topics
from retrieval.answer_replies import new_answer_id
from retrieval.answer_terms import TermWeights, weighted_terms
from retrieval.facts.store import FactStore
from retrieval.passages import morpheme_set
from retrieval.profiles import lines
from retrieval.search import Scored
from sosa.models import Answer, Chunk, Citation

# The passages retrieval ranked nearest the statement that are read for a target line.
NEED_HITS = 5
# A line naming who a service is for (대상자 기준, 사업대상, 지원대상), and one that states
# them under such a label ("대상자 기준 : …", "(사업대상) …") rather than naming a step
# ("긴급돌봄 대상자 발굴 및 선정절차").
_TARGET_LINE = re.compile(r"대상")

NEED_REPLY = (
    "말씀하신 상황이라면 ‘{topic}’ 사업의 도움을 받을 수 있는지 확인해 보세요. "
    "문서에는 “{line}”라고 되어 있습니다."
)
# Read back by retrieval.conversation: the project suggested is the topic of the turns after.
NEED_TOPIC = re.compile(r"^말씀하신 상황이라면 ‘([^’]{2,120})’ 사업")


def need_answer(
    statement: str,
    hits: list[Scored],
    weights: TermWeights,
    facts: FactStore | None = None,
    chunks: Sequence[Chunk] | None = None,
) -> Answer | None:
    """The target line of a service for a stated need, or None when no line fits."""
    need = intent.need_of(statement)
    if need is None or not hits:
        return None
    clause = intent.last_clause(need)
    placed = {t for p in intent.places(clause) for t, _w in weighted_terms(p, weights)}
    lacking = [t for t, _w in weighted_terms(clause, weights)]
    lacking = [t for t in lacking if weights.known(t) and t not in placed]
    if not lacking:
        return None
    cands = _candidates(statement, hits[:NEED_HITS], weights, commentary_context(facts), chunks)
    fitting = [
        c
        for c in cands
        if _TARGET_LINE.search(c.text)
        # (a project's background and issues say who has the problem, not who gets the service)
        and not lines.NOT_OFFERED.search(lines.section_name(c.hit.chunk.section))
        # (the word nearest the lack is what is lacking: "할머니 돌봐 줄" -> 돌봄; the one in
        # need, 할머니, is the asker's circumstance, so a line naming it is only preferred)
        and lacking[-1] in morpheme_set(c.text)
    ]
    if not fitting:
        return None

    def covered(c: Candidate) -> int:
        return len(set(lacking) & set(morpheme_set(c.text)))

    best = max(
        fitting, key=lambda c: (covered(c), bool(lines.TARGET_LABEL.search(c.text)), c.score)
    )
    topics = nearest_topics([best.hit], 1)
    if not topics:
        return None
    return Answer(
        id=new_answer_id(),
        question=statement,
        answer=NEED_REPLY.format(topic=topics[0], line=best.text),
        found=True,
        citations=[Citation.of(best.hit.chunk, best.text)],
        mode="extractive",
    )
