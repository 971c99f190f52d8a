"""Which facts answer a question, if any: the intents asked, the best candidates, ties.

A tie (facts the question's words cannot tell apart) is resolved only when one score contains
the others (리더십 영역 over its indicators), the scores make up one indicator group (재무관리:
their sum), or exactly one fact's own name holds the words (a project so named, not one that
mentions them in passing); otherwise the question goes to the passage answerer. The wording
of each kind's answer is in retrieval.profiles.
"""

from __future__ import annotations

from dataclasses import replace

from retrieval.facts.compose import Composer
from retrieval.facts.query import COMPARATIVE, DIFF_RE, SUM_RE, Query
from retrieval.facts.ranker import Ambiguous, Hit, Ranker, group_key, own_names, tied
from retrieval.profiles.business_plan import contacts
from retrieval.profiles.business_plan.items import ranked_items
from retrieval.profiles.business_plan.rankings import ranked_budgets
from retrieval.profiles.business_plan.targets import (
    budget,
    lines_saying_all,
    target,
    targets_listed,
)
from retrieval.profiles.business_plan.years import compare_plan_years
from retrieval.profiles.evaluation_report.arithmetic import arithmetic, parts_compared
from retrieval.profiles.evaluation_report.breakdown import breakdown, full_marks_listed
from retrieval.profiles.evaluation_report.measurements import measurement
from retrieval.profiles.evaluation_report.rankings import lost_points, others, ranked, rate_of
from retrieval.profiles.evaluation_report.scores import overview, score, score_tie
from retrieval.profiles.evaluation_report.years import compare_years
from sosa.korean.text import Weighted, token_set
from sosa.models import Answer, Viewer

# The opening of an answer of another year than the one asked (`route`).
OTHER_YEAR = (
    "죄송합니다. 물으신 연도의 자료는 문서에서 찾지 못했습니다. 문서에 있는 것은 다음과 같습니다: "
)


# Whether budget facts the words cannot tell apart are told apart by the one project whose
# every 산출내역 line says them.
LINES_BREAK_TIE = True


def route(ranker: Ranker, query: Query, viewer: Viewer) -> Answer | None:
    """An answer from the facts when the question clearly asks for one; None otherwise. A
    year the documents have no figure for is said so, with the year they have ("2022년 …
    목표" when only the 2023 plan is indexed), rather than left to passages of another year."""
    answer = _route(ranker, query, viewer)
    if answer is None and query.years and not query.compare_years:
        other = _route(ranker, replace(query, years=[]), viewer)
        if other is not None and other.found:
            # The asked year is not repeated: every figure shown points to a quote.
            return other.model_copy(update={"found": False, "answer": OTHER_YEAR + other.answer})
    return answer


def _route(ranker: Ranker, query: Query, viewer: Viewer) -> Answer | None:
    intents = query.intents
    if query.text and not query.compare_years:
        # "점수가 가장 낮은 영역은?": the areas ranked, not one area's score.
        composer = Composer(ranker, query, viewer)
        # "리더십 영역 지표별 점수": each of its lines, not the area's total.
        best = (
            full_marks_listed(composer)
            or breakdown(composer)
            # (the lines of one project's budget, before the evaluation's lines ranked and
            # the projects ranked by theirs: "…소진예방 … 제일 큰 항목")
            or ranked_items(composer)
            or ranked(composer)
            or ranked_budgets(composer)
            or parts_compared(composer)
            or others(composer)
            or lost_points(composer)
            or rate_of(composer)
        )
        if best is not None:
            return best
    if query.text and not query.two_kinds:
        # "담당 팀은?": the team a project belongs to, visible to anyone.
        team = contacts.team_of(Composer(ranker, query, viewer))
        if team is not None:
            return team
    if not query.text or not any(intents.values()) or query.two_kinds:
        return None
    composer = Composer(ranker, query, viewer)
    if query.compare_years:
        # "전년 대비", "2년 연속": both years' figures, or the passages when one year is indexed.
        try:
            if intents["score"]:
                compared = compare_years(composer)
            else:
                compared = compare_plan_years(composer, _by_name)  # ties broken as below
        except Ambiguous:
            # (several facts fit one year's side, 재무관리's three indicators: one year's
            # figure may still be told, as their sum)
            compared = None
        return compared if compared is not None else _one_year(ranker, query, viewer)
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
        agency = contacts.agency_lines(composer)  # "사회서비스원 전화번호": no project named
        if agency is not None:
            return agency
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
        if not intents["contact"]:
            return None
        held = contacts.withheld(composer)
        if query.call and (held is None or not held.found):
            # "인권 상담은 어디로 전화해요?": where to call, and no public line of the team:
            # the passages may say (not "ask the main number").
            return None
        return held
    candidates.sort(key=lambda c: c[0], reverse=True)
    try:
        for _score, kind, hits in candidates:
            answer = _compose(composer, kind, hits)
            if answer is not None:
                return answer
    except Ambiguous:
        return None
    return None


def _one_year(ranker: Ranker, query: Query, viewer: Viewer) -> Answer | None:
    """ "총점이 작년보다 올랐어?" with one year's evaluation (or plan) indexed: said so, with
    that year's figure, rather than passages about another agency's score."""
    single = _route(ranker, replace(query, compare_years=False, open=False), viewer)
    if single is None or not single.found:
        return None
    lacking = "비교할 이전 연도의" if COMPARATIVE.search(query.text) else "그 연도의"
    return single.model_copy(
        update={
            "found": False,
            "answer": f"죄송합니다. 문서에는 {lacking} 자료가 없습니다. "
            f"문서에 있는 것은 다음과 같습니다: {single.answer}",
        }
    )


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
        try:
            hits = _by_name([hits[0], *ties], hits, composer.repo.weights[kind])
        except Ambiguous:
            # "긴급돌봄 목표 인원은?": a few targets of one project fit alike (제공인력 25명,
            # 대상 100명): listed with their labels rather than one picked, or none.
            tied_facts = [hits[0].fact, *(h.fact for h in ties)]
            if kind == "budget" and LINES_BREAK_TIE:
                # "위원회 운영 예산은?": the one project whose every 산출내역 line pays for
                # what is asked (each a 위원회 참석수당), not one with such a line among others.
                said = [(f, lines) for f in tied_facts if (lines := lines_saying_all(composer, f))]
                if len(said) == 1:
                    return budget(composer, said[0][0], whole=said[0][1])
            if kind != "target" or len(tied_facts) > 4:
                raise
            if len({(f.document, f.row.project) for f in tied_facts}) != 1:
                raise
            return targets_listed(composer, tied_facts)
    if kind == "score":
        return score(composer, hits[0].fact)
    if kind == "measurement":
        return measurement(composer, hits[0].fact)
    if kind == "target":
        return target(composer, hits)
    if kind == "contact":
        return contacts.contact(composer, hits)
    return budget(composer, hits[0].fact)


def _by_name(tie: list[Hit], hits: list[Hit], weights: Weighted | None = None) -> list[Hit]:
    """A tie broken by the one fact whose own name holds every word the question matched.

    "종사자 역량강화교육은 몇 회": the target so named, not a line that mentions it in passing.
    When several names hold the words, the one that is (nearly) nothing but those words:
    "소속시설 모니터링 몇 회" is the goal named '23년 소속시설 모니터링, not a safety-check
    line about "본부 및 직영·소속시설 … 모니터링 실시".
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
            best = _only_named(named, depth, weights) if weights is not None else None
            if best is not None:
                return [best, *(h for h in hits if h is not best)]
            break
    raise Ambiguous


_NAME_SHARE = 0.9  # the chosen name is (nearly) nothing but the question's words …
_NAME_MARGIN = 0.25  # … and this much more of it than of any other name


def _only_named(named: list[Hit], depth: int, weights: Weighted) -> Hit | None:
    """The named fact whose name the question's words make up, when only one is so named."""

    def share(h: Hit) -> float:
        name = frozenset(t for t in token_set(own_names(h.fact)[depth]) if t in weights.df)
        return weights.mass(h.matched & name) / (weights.mass(name) or 1.0)

    ranked = sorted(((share(h), i) for i, h in enumerate(named)), reverse=True)
    (top, i), rest = ranked[0], ranked[1:]
    if top < _NAME_SHARE:
        return None
    others = [s for s, j in rest if group_key(named[j].fact) != group_key(named[i].fact)]
    if others and max(others) > top - _NAME_MARGIN:
        return None
    return named[i]
