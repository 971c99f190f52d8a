"""Which facts answer a question, if any: the intents asked, the best candidates, ties.

A tie (facts the question's words cannot tell apart) is resolved only when one score contains
the others (리더십 영역 over its indicators), the scores make up one indicator group (재무관리:
their sum), or exactly one fact's own name holds the words (a project so named, not one that
mentions them in passing); otherwise the question goes to the passage answerer. The wording
of each kind's answer is in retrieval.profiles.
"""

from __future__ import annotations

from retrieval.facts.compose import Composer
from retrieval.facts.query import DIFF_RE, SUM_RE, Query
from retrieval.facts.ranker import Ambiguous, Hit, Ranker, group_key, own_names, tied
from retrieval.profiles.business_plan import contacts
from retrieval.profiles.business_plan.targets import budget, target
from retrieval.profiles.evaluation_report.arithmetic import arithmetic
from retrieval.profiles.evaluation_report.measurements import measurement
from retrieval.profiles.evaluation_report.scores import overview, score, score_tie
from retrieval.profiles.evaluation_report.years import compare_years
from sosa.korean.text import token_set
from sosa.models import Answer, Viewer


def route(ranker: Ranker, query: Query, viewer: Viewer) -> Answer | None:
    """An answer from the facts when the question clearly asks for one; None otherwise."""
    intents = query.intents
    if not query.text or not any(intents.values()) or query.two_kinds:
        return None
    composer = Composer(ranker, query, viewer)
    if query.compare_years:
        # "전년 대비", "2년 연속": both years' figures, or the passages when one year is indexed.
        try:
            return compare_years(composer) if intents["score"] else None
        except Ambiguous:
            return None
    if query.open:
        return None
    if intents["score"] and (SUM_RE.search(query.text) or DIFF_RE.search(query.text)):
        # Arithmetic asked but not computable from the facts: no single figure instead.
        return arithmetic(composer)
    if (
        not query.topic
        and intents["score"]
        and not any(intents[k] for k in intents if k != "score")
    ):
        # "2024년 경영평가 총점은?", "우리 기관 등급은?": no area or indicator named.
        return overview(composer)
    if intents["contact"]:
        person = contacts.person_asked(composer)  # "정성훈 연락처": whichever projects list them
        if person is not None:
            return person
    candidates: list[tuple[float, str, list[Hit]]] = []
    for kind, strength in intents.items():
        if not strength:
            continue
        hits = ranker.candidates(kind, query, viewer)
        if hits and hits[0].good():
            candidates.append((strength * hits[0].score, kind, hits))
    if query.call and not any(kind == "contact" for _s, kind, _h in candidates):
        hits = ranker.candidates("contact", query, viewer)  # the public lines only
        if hits and _names_the_line(ranker, query, hits[0]):
            candidates.append((hits[0].score, "contact", hits))
    if not candidates:
        return contacts.withheld(composer) if intents["contact"] and not query.call else None
    candidates.sort(key=lambda c: c[0], reverse=True)
    try:
        for _score, kind, hits in candidates:
            answer = _compose(composer, kind, hits)
            if answer is not None:
                return answer
    except Ambiguous:
        return None
    return None


def _names_the_line(ranker: Ranker, query: Query, hit: Hit) -> bool:
    """ "혼자 계신 부모님께 갑자기 돌봄이 필요하면 어디로 전화하나요?": a citizen's story names
    the service (돌봄) among words no fact has; most of the words facts do have must be the
    public line's, one of them in its own name.
    """
    weights = ranker.repo.weights["contact"]
    tokens = token_set(query.subject)
    if not tokens & hit.fact.tokens & token_set(hit.fact.row.name or ""):
        return False
    # Morphemes only: bigrams across a particle ("봄이", "요하") would count against it.
    words = frozenset(t for t in tokens if not t.startswith("#") and t in weights.df)
    matched = words & hit.fact.tokens
    return bool(words) and weights.mass(matched) / weights.mass(words) >= 0.6


def _compose(composer: Composer, kind: str, hits: list[Hit]) -> Answer | None:
    ties = tied(hits)
    if kind == "contact":
        team = contacts.team_asked(composer, [hits[0].fact, *(h.fact for h in ties)])
        if team is not None:
            return contacts.team_contacts(composer, team)  # "종합재가센터 전화번호"
    if kind == "score" and ties:
        return score_tie(composer, [hits[0], *ties])
    if ties:
        hits = _by_name([hits[0], *ties], hits)
    if kind == "score":
        return score(composer, hits[0].fact)
    if kind == "measurement":
        return measurement(composer, hits[0].fact)
    if kind == "target":
        return target(composer, hits)
    if kind == "contact":
        return contacts.contact(composer, hits)
    return budget(composer, hits[0].fact)


def _by_name(tie: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A tie broken by the one fact whose own name holds every word the question matched.

    "종사자 역량강화교육은 몇 회": the target so named, not a line that mentions it in passing.
    """
    for depth in range(2):
        named = [
            h
            for h in tie
            if depth < len(names := own_names(h.fact)) and h.matched <= token_set(names[depth])
        ]
        if len({group_key(h.fact) for h in named}) == 1:
            return [named[0], *(h for h in hits if h is not named[0])]
        if named:
            break
    raise Ambiguous
