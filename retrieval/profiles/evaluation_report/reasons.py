"""The evaluators' reasons: their comments on a scored area or indicator that say what was
found lacking (why points were lost) or what they praised."""

from __future__ import annotations

import re

from retrieval import intent
from retrieval.answer_replies import new_answer_id
from retrieval.facts.query import parse
from retrieval.facts.ranker import short_group
from retrieval.facts.repository import Fact
from retrieval.facts.store import FactStore
from retrieval.profiles.evaluation_report.lines import bonus_line, deduction_line, full_marks
from sosa.korean.text import nospace
from sosa.models import Answer, Evidence, ScoreRow, Viewer

# Evaluator commentary that names a shortcoming or asks for more: why points were lost.
# A question asking what was found lacking or wanting (not why something is done).
SHORTCOMING_ASKED = re.compile(
    r"필요하다고|부족하다고|아쉬운|아쉽다고|보완할|부족한 점|개선할 점|문제점|감점|깎"
)
WEAK_POINT = re.compile(
    # (not 필요 before a noun: "…필요한 정보와 지식을 … 반영하고 있음" is praise)
    r"필요(?!한\s+(?!것))|요구|미흡|부족|어려|않|못|보완|아쉬|한계|강조되어|바람직할|기대함|지향|더욱|"
    r"구체화|다소|큰 차이가|"
    # a suggestion put as a condition: "…연계하여 추진한다면 더 효과적으로 … 높일 수 있을 것"
    r"다면\s*(?:더|보다)"
)


# A comment that praises in so many words, though it asks for more too ("활발히 소통하는
# 리더십이 강점이나 … 필요함").
_PRAISED = re.compile(r"강점|장점|우수|돋보|탁월|높이 평가|성공")


# Comments quoted: those of one kind (praise, shortcomings), or all of them when asked so.
SHOWN_COMMENTS = 4
SHOWN_OPINIONS = 8
# Their comments asked for as such ("리더십 영역 평가위원 의견은?"): every one, both kinds.
# (the evaluators' own: "의견수렴 목표" asks no comment)
_OPINION_ASKED = re.compile(
    r"평가위원|심사위원|평가\s*의견|총평|코멘트|어떻게 평가|(?:무슨|어떤)\s*평가(?:를)?\s*받"
)
_COMMENT_WORDS = re.compile(
    r"(?:평가위원|심사위원|위원)(?:들)?(?:의|이|가)?|(?:평가\s*)?의견(?:은|는|이|을)?|총평|코멘트"
)


def _says_point(comment: str, praise: bool | None) -> bool:
    """Whether an evaluator's comment says what was asked: a shortcoming, praise, or (None)
    anything."""
    if praise is None:
        return True
    weak = WEAK_POINT.search(comment) is not None
    return (not weak or _PRAISED.search(comment) is not None) if praise else weak


# A line that lost points with no comment saying what was lacking.
NO_REASON_GIVEN = "문서에는 점수가 깎인 이유가 따로 나와 있지 않습니다."


# Why points were lost, asked in so many words ("왜 깎였어?", "감점 사유는?", "왜 낮아?"); not what the
# evaluators asked for ("어떤 장치가 필요하다고 했어?"), which a line with all its points may
# still have comments on.
_POINTS_LOST_ASKED = re.compile(r"감점|깎|낮(?:아|은|게|지|았|나)")


def _figures_of(row: ScoreRow) -> str:
    if deduction_line(row):
        return f"감점 {row.points}점(최대 {row.max_points}점)"
    return f"{row.points}점(배점 {row.max_points}점)"


def _no_points_lost(question: str, parts: list[Fact], name: str, facts: FactStore) -> Answer:
    """ "왜 깎였어?" of a line, an indicator or an area that lost no points: said with its
    figures, not answered with a comment on another line."""
    if len(parts) == 1:
        row = parts[0].row
        text = (
            f"‘{name}’은 감점 항목(최대 {row.max_points}점)으로, 감점은 {row.points}점입니다."
            if deduction_line(row)
            else f"‘{name}’의 득점은 {row.points}점(배점 {row.max_points}점)으로 만점입니다."
        )
    else:
        each = ", ".join(
            f"‘{f.row.description or f.row.indicator}’ {_figures_of(f.row)}" for f in parts
        )
        deducted = any(deduction_line(f.row) for f in parts)
        said = "만점이고 감점도 없습니다" if deducted else "만점입니다"
        text = f"‘{name}’의 세부 지표는 모두 {said}: {each}."
    text += " 문서에 따르면 깎인 점수가 없습니다."
    # (what the evaluators still asked for, though nothing was taken off)
    wanted = [(f, ev) for f in parts for ev in f.row.evidence if _says_point(ev.quote, False)]
    wanted = wanted[:SHOWN_COMMENTS]
    if wanted:
        body = ", ".join(f"“{ev.quote}”" for _f, ev in wanted)
        text += f" 다만 평가위원이 더 필요하다고 한 점은 {body}입니다."
    return Answer(
        id=new_answer_id(),
        question=question,
        answer=text,
        found=True,
        citations=[facts.repo.citation(f, x) for f in parts for x in f.cites]
        + [facts.repo.evidence_citation(f, ev) for f, ev in wanted],
        mode="facts",
    )


# Whether comments asked of the evaluators by name, none of which asks for more, are told
# whatever they say.
OPINIONS_WHEN_NO_POINT = True


def reasons(question: str, facts: FactStore, viewer: Viewer) -> Answer | None:
    """ "리더십 점수가 왜 깎였어?": the evaluators' comments on the area or indicator the
    question names, the ones that ask for more (요구됨, 필요함, 미흡) — the report gives no other
    reason for lost points; "뭐가 좋다고 나왔어?": the others, what they praised. None when the
    question names no scored area or indicator, or its comments name no such point."""
    # (praise asked, intent.PRAISE_ASKED: the comments that ask for nothing more answer it)
    praise: bool | None = intent.PRAISE_ASKED.search(question) is not None
    if intent.classify(question) != "reason" and not praise:
        if not _OPINION_ASKED.search(question):
            return None
        praise = None  # the comments asked, whatever they say
    # The words asking for comments name no area ("리더십 평가위원 의견": not the indicator
    # "…관계자 의견을 적극 수렴…"): the topic is the rest.
    # Nor do the words asking a reason ("리더십 지적사항": not the indicator on "외부감사
    # 지적사항 등 이행").
    # (nor do the evaluators named with a reason asked: "인사관리 평가위원 지적사항은?")
    if praise is None:
        query = parse(_COMMENT_WORDS.sub(" ", question))
    else:
        asked = question if praise else intent.without_reason_words(question)
        query = parse(_COMMENT_WORDS.sub(" ", asked))
    if not query.topic:
        return None
    hits = facts.ranker.candidates("score", query, viewer, lenient=True)
    hits = [h for h in hits if h.fact.row.evidence or h.fact.row.level == "area"]
    if COMMENT_HEADINGS:
        # (the names of the line the search found best: when they say the question's words,
        # that line is what was named)
        best = hits[0].fact.row if hits else None
        named = [best.area, best.indicator, best.description] if best else []
        heading = _heading_named(query.topic, facts, viewer, named)
        if heading is not None:
            return _heading_comments(question, heading, praise, facts)
    if not hits:
        return None
    top = hits[0]
    # Words that fit an area and its indicators alike ("리더십") ask about the area.
    level = {"area": 0, "indicator": 1}
    same = [h for h in hits[:12] if h.matched == top.matched and h.fact.row.level in level]
    fact = min(same or [top], key=lambda h: level.get(h.fact.row.level, 2)).fact
    row = fact.row
    parts = [fact]
    if row.level == "indicator":
        # "재무관리 강점은?": the indicator named, all its scored lines alike
        parts += [
            h.fact for h in same if h.fact is not fact and h.fact.row.indicator == row.indicator
        ]
    if row.level == "area":
        parts += [
            f
            for f in facts.repo.facts_of("score", viewer)
            if f.row.level == "indicator" and f.row.area == row.area and f.document == fact.document
        ]
    if (
        praise is False
        and _POINTS_LOST_ASKED.search(question)
        and intent.WHY_ASKED.search(question)
    ):
        # (an area's own row is its whole; an indicator's lines are read together)
        whole = [fact] if row.level == "area" else parts
        if all(full_marks(f.row) and not bonus_line(f.row) for f in whole):
            name = row.area if row.level == "area" else (row.description or row.indicator or "")
            if len(whole) > 1:
                name = fact.extra.get("group_title") or short_group(row.indicator)
            return _no_points_lost(question, whole, name or "", facts)
    seen: set[str] = set()
    comments: list[tuple[Fact, Evidence]] = []
    for f in parts:
        for ev in f.row.evidence:
            if ev.quote not in seen and _says_point(ev.quote, praise):
                seen.add(ev.quote)
                comments.append((f, ev))
    unexplained = False
    if not comments and praise is False and _POINTS_LOST_ASKED.search(question):
        # "서비스 품질의 우수성 왜 깎였어?" of a line short of its 배점 whose comments only
        # praise: the report gives no reason; the score and what the evaluators did say are
        # told, and that the reason is not.
        unexplained = row.level == "indicator" and len(parts) == 1 and not full_marks(row)
        comments = [(f, ev) for f in parts for ev in f.row.evidence] if unexplained else []
    if (
        not comments
        and praise is False
        and OPINIONS_WHEN_NO_POINT
        and _OPINION_ASKED.search(question)
    ):
        # "외부감사 지적사항 이행 평가위원이 뭐라고 했어?": the evaluators' comments asked (the
        # indicator's own name says 지적사항, a reason's word); none asks for more, so what
        # they said is told, as for "평가위원 의견은?".
        praise = None
        comments = [(f, ev) for f in parts for ev in f.row.evidence]
        comments = list({ev.quote: (f, ev) for f, ev in comments}.values())
    if not comments:
        return None
    comments = comments[: SHOWN_COMMENTS if praise is not None else SHOWN_OPINIONS]
    name = row.area if row.level == "area" else (row.description or row.indicator or "")
    points = f"{row.points}점" if row.points else ""
    if row.points and row.max_points:
        points = f"{row.points}점(배점 {row.max_points}점)"
    if row.level == "indicator" and len(parts) > 1:
        # the indicator's lines read together: named as the indicator, no one line's points
        name = fact.extra.get("group_title") or short_group(row.indicator)
        points = ""
    head = f"‘{name}’의 득점은 {points}입니다. " if points else f"‘{name}’에 대해 "
    body = ", ".join(f"“{ev.quote}”" for _f, ev in comments)
    if praise is None or unexplained:
        text = f"{head}평가위원 의견은 {body}입니다."
        if unexplained:
            text = f"{head}{NO_REASON_GIVEN} 평가위원 의견은 {body}입니다."
    else:
        said = "좋게 평가한" if praise else "부족하거나 더 필요하다고 지적한"
        text = f"{head}평가위원이 {said} 점은 {body}입니다."
    cites = [facts.repo.citation(fact, x) for x in fact.cites] if points else []
    cites += [facts.repo.evidence_citation(f, ev) for f, ev in comments]
    return Answer(
        id=new_answer_id(),
        question=question,
        answer=text,
        found=True,
        citations=cites,
        mode="facts",
    )


# Whether the evaluators' comments under a heading of their own within an indicator ("○ 성과관리
# 및 보상체계 구축의 적정성" under 조직·인사관리) are what a question naming that heading asks.
COMMENT_HEADINGS = True


def _heading_named(
    topic: str, facts: FactStore, viewer: Viewer, named: list[str | None]
) -> tuple[Fact, str, list[Evidence]] | None:
    """The one comment heading (the last part of a comment's section) that says every noun of
    the question's topic, two at least ("성과관리랑 보상체계 쪽" -> 성과관리 및 보상체계 구축의
    적정성), with its indicator and its comments; None when the line the search found best
    says them all itself (its area, indicator or description), or no one heading does."""
    nouns = [n for n in dict.fromkeys(intent.nouns_of(topic)) if len(n) > 1]
    if len(nouns) < 2:
        return None
    names = nospace(" ".join(n for n in named if n))
    if all(n in names for n in nouns):
        return None
    found: dict[tuple[str, str], tuple[Fact, str, list[Evidence]]] = {}
    for f in facts.repo.facts_of("score", viewer):
        for ev in f.row.evidence:
            heading = ev.section.split(" › ")[-1]
            flat = nospace(heading)
            if heading and all(n in flat for n in nouns):
                key = (f.document, heading)
                found.setdefault(key, (f, heading, []))[2].append(ev)
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def _heading_comments(
    question: str,
    heading: tuple[Fact, str, list[Evidence]],
    praise: bool | None,
    facts: FactStore,
) -> Answer:
    """The comments under the heading named: those of the kind asked, or all when none is."""
    fact, name, evidence = heading
    chosen = [ev for ev in evidence if _says_point(ev.quote, praise)] or evidence
    chosen = chosen[: SHOWN_COMMENTS if praise is not None else SHOWN_OPINIONS]
    body = ", ".join(f"“{ev.quote}”" for ev in chosen)
    owner = fact.extra.get("group_title") or short_group(fact.row.indicator) or fact.row.area
    head = f"‘{owner}’의 ‘{name}’에 대해 " if owner else f"‘{name}’에 대해 "
    kind = all(_says_point(ev.quote, praise) for ev in chosen)
    if praise is None or not kind:
        text = f"{head}평가위원 의견은 {body}입니다."
    else:
        said = "좋게 평가한" if praise else "부족하거나 더 필요하다고 지적한"
        text = f"{head}평가위원이 {said} 점은 {body}입니다."
    return Answer(
        id=new_answer_id(),
        question=question,
        answer=text,
        found=True,
        citations=[facts.repo.evidence_citation(fact, ev) for ev in chosen],
        mode="facts",
    )
