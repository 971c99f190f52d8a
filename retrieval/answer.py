"""Extractive answers: the sentence or table row that answers, quoted as written, with its source.

Abstains ("문서에서 찾지 못했습니다") when the evidence is weak: too few of the question's content
words in the best sentence, or a year the question names that no retrieved passage mentions.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from retrieval.search import Scored
from sosa.korean import sentences
from sosa.korean.analysis import bigrams, morphemes, proper_nouns
from sosa.models import Answer, Citation

# Calibrated on the dev questions' abstain and in-scope cases (see `sosa eval`).
MIN_COVERAGE = 0.35

NOT_FOUND = (
    "죄송합니다. 문서에서 찾지 못했습니다. 사업명이나 지표명을 넣어 다시 물어봐 주세요. "
    "(예: '대체인력 파견 목표는 몇 건인가요?')"
)

# Question words and light verbs carry no topic.
_QWORDS = {
    "몇",
    "얼마",
    "무엇",
    "무슨",
    "어디",
    "어떻",
    "어떤",
    "누구",
    "언제",
    "알리",
    "주",
    "받",
    "하",
    "되",
    "있",
    "좀",
    "뭐",
    "대하",
    "관련",
    "나오",
    "말하",
    "해주",
    "알",
    "건가",
    "인가",
}
# Everyday words citizens use → the documents' own terms (expansion for coverage only).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "갑자기": ("긴급",),
    "급하": ("긴급",),
    "혼자": ("독거", "1인", "고립"),
    "부모": ("어르신", "노인"),
    "전화": ("번호", "대표번호", "연락처", "상담"),
    "연락처": ("번호", "전화", "내선"),
    "요구": ("필요", "요구되"),
    "지적": ("필요", "요구"),
    "평가": ("평가위원",),
    "돈": ("예산", "금액"),
    "직원": ("종사자", "인력"),
}

# A question word that names one of the plan's own subsections (사업목표, 추진배경 …): lines
# under that subsection answer it better than neighbouring ones.
_SECTION_CUES = {
    "목표": "목표",
    "배경": "배경",
    "일정": "추진계획",
    "계획": "추진계획",
    "쟁점": "쟁점",
    "문제": "쟁점",
    "방향": "추진방향",
    "내용": "사업개요",
}

_NUMERIC_Q = re.compile(
    r"몇|얼마|건수|횟수|목표치|기준치|비율|점수|득점|배점|예산|금액|번호|전화|내선|%"
)
_PHONE_Q = re.compile(r"번호|전화|연락처|내선")
_PHONE = re.compile(r"\d{2,4}-\d{3,4}(?:-\d{4})?|\b\d{4}\b")
_BULLET = re.compile(r"^(?:[-–·•▪■□○◆◇▶▷▣※*◎●:]\s*)+")
_YEAR = re.compile(r"(20\d{2})년")


@dataclass
class Candidate:
    text: str
    hit: Scored
    score: float
    coverage: float


def new_answer_id() -> str:
    return uuid.uuid4().hex[:12]


def content_terms(question: str) -> list[str]:
    return [t for t in dict.fromkeys(morphemes(question)) if t not in _QWORDS]


def _coverage(terms: list[str], text: str, context: str) -> float:
    if not terms:
        return 0.0
    own = set(morphemes(text))
    ctx = set(morphemes(context))
    squashed = text.replace(" ", "")
    got = 0.0
    for t in terms:
        alts = (t, *SYNONYMS.get(t, ()))
        if any(a in own or (len(a) > 1 and a in squashed) for a in alts):
            got += 1.0
        elif any(a in ctx for a in alts):
            got += 0.6
    return got / len(terms)


_PREDICATE_END = re.compile(r"(함|음|임|됨|다|요|까|라|것|필요|바람|기대)[.)]?$")


def _is_heading_like(text: str, terms: list[str]) -> bool:
    """A short line with no predicate (…의 적정성, …을 위한 노력) names a topic; the lines under
    it are what the document says about that topic."""
    if len(text) > 60 or re.search(r"\d", text) or _PREDICATE_END.search(text):
        return False
    qs = set(terms)
    novelty = sum(1 for t in set(morphemes(text)) if t not in qs and len(t) > 1)
    return novelty <= 4


def _bigram_overlap(question: str, text: str) -> float:
    q = set(bigrams(question))
    if not q:
        return 0.0
    return len(q & set(bigrams(text))) / len(q)


def clean_quote(text: str) -> str:
    return _BULLET.sub("", text).strip()


def _candidates(question: str, hits: list[Scored]) -> list[Candidate]:
    terms = content_terms(question)
    wants_number = bool(_NUMERIC_Q.search(question))
    wants_phone = bool(_PHONE_Q.search(question))
    cues = {sec for word, sec in _SECTION_CUES.items() if word in question}
    top = hits[0].score if hits else 1.0
    out: list[Candidate] = []
    for rank, hit in enumerate(hits):
        context = hit.chunk.section
        units = (
            hit.chunk.text.split("\n") if hit.chunk.kind == "table" else sentences(hit.chunk.text)
        )
        heading_cov = 0.0
        heading_age = 99
        for sent in units:
            quote = clean_quote(sent)
            if len(quote) < 4:
                continue
            cov = _coverage(terms, quote, context)
            heading_age += 1
            if heading_age <= 3 and heading_cov > cov:
                # Commentary under a heading that matched the question answers it.
                cov = max(cov, 0.9 * heading_cov)
            penalty = 0.0
            if hit.chunk.kind == "text" and _is_heading_like(quote, terms) and cov >= MIN_COVERAGE:
                heading_cov, heading_age = cov, 0
                penalty = 0.3
            if hit.chunk.kind == "table" and not wants_number:
                penalty += 0.15
            score = cov - penalty + 0.35 * _bigram_overlap(question, quote)
            score += 0.3 * (hit.score / (top or 1))
            score -= 0.03 * rank
            if cues and any(cue in hit.chunk.section.rsplit(" › ", 1)[-1] for cue in cues):
                score += 0.2
            if wants_number and re.search(r"\d", quote):
                score += 0.25
            if wants_phone and _PHONE.search(quote):
                score += 0.3
            if len(quote) > 300:
                score -= 0.1
            out.append(Candidate(quote, hit, score, cov))
    out.sort(key=lambda c: -c.score)
    return out


def _unsupported_constraint(question: str, hits: list[Scored]) -> bool:
    """A year or a proper noun the question names that no retrieved passage mentions."""
    seen = " ".join(h.chunk.text + h.chunk.section + h.chunk.title for h in hits[:5])
    if any(y not in seen for y in set(_YEAR.findall(question))):
        return True
    squashed = seen.replace(" ", "")
    return any(len(n) > 1 and n not in squashed for n in proper_nouns(question))


def not_found(question: str, answer_id: str | None = None) -> Answer:
    return Answer(
        id=answer_id or new_answer_id(),
        question=question,
        answer=NOT_FOUND,
        found=False,
        mode="none",
    )


def compose(question: str, hits: list[Scored]) -> Answer:
    answer_id = new_answer_id()
    if not hits or _unsupported_constraint(question, hits):
        return not_found(question, answer_id)
    cands = _candidates(question, hits[:5])
    if not cands or cands[0].coverage < MIN_COVERAGE:
        return not_found(question, answer_id)
    chosen = [cands[0]]
    # A second sentence only when it is nearly as good and says something else.
    for c in cands[1:4]:
        distinct = c.text not in chosen[0].text and chosen[0].text not in c.text
        if c.score >= 0.85 * cands[0].score and distinct and len(chosen) < 2:
            chosen.append(c)
    citations = [
        Citation(
            document=c.hit.chunk.document,
            title=c.hit.chunk.title,
            section=c.hit.chunk.section,
            page=c.hit.chunk.page,
            quote=c.text,
            chunk_id=c.hit.chunk.id,
        )
        for c in chosen
    ]
    body = ", ".join(f"“{c.text}”" for c in chosen)
    text = f"문서에는 {body}라고 되어 있습니다."
    return Answer(
        id=answer_id,
        question=question,
        answer=text,
        found=True,
        citations=citations,
        mode="extractive",
    )
