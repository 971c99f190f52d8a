"""Fact matching: which facts a question's words name, how well, and which it cannot tell apart.

Facts are matched on their own words weighted by rarity; what the question says besides its
subject (a maximum, a unit, a field) adds a bonus. Facts the words cannot tell apart are
`tied`; routing will not pick one of them at random. Without a year in the question, only the
latest year of each series of facts is considered (retrieval.facts.repository.latest).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from retrieval.facts.query import YEAR_PREFIX, Query
from retrieval.facts.repository import Fact, FactRepository, latest
from retrieval.intent import kind_word
from sosa.korean.analysis import tokens as kiwi_tokens
from sosa.korean.text import Weighted, nospace, region_of, token_set
from sosa.models import Viewer
from sosa.numbers import to_decimal

MIN_COVER = 0.5  # share of the question's known words a fact must cover to answer from it
_MIN_MASS = 3.0  # and at least this much weight: one distinctive word …
_MIN_MASS_FULL = 2.0  # … or, when it covers every known word, a couple of common ones
_TIE_BONUS = 0.05  # bonuses closer than this do not tell two facts apart


class Ambiguous(Exception):
    """The question's words fit several facts equally well: no fact answer, not a guess."""


@dataclass
class Hit:
    fact: Fact
    matched: frozenset[str]  # the question's words this fact has
    mass: float
    cover: float
    score: float
    bonus: float = 0.0

    def good(self, min_cover: float = MIN_COVER) -> bool:
        """Enough of the question matched, and not just a word every fact has ("사업")."""
        full = self.cover >= 0.95 and self.mass >= _MIN_MASS_FULL
        return self.cover >= min_cover and (self.mass >= _MIN_MASS or full)


def short_group(indicator: str | None) -> str:
    return re.sub(r"\(.*$", "", re.sub(r"^\d+\.\s*", "", indicator or "")).strip()


def match_parts(kind: str, row: Any, extra: dict, search: str, section: str) -> list[str]:
    """The texts a fact is matched on (tokenised part by part: shared parts are cached)."""
    if kind == "score":
        # (reports call a field an area too: "경영성과 영역은 55점 만점에 50.20점")
        label = {"total": "총점 종합 등급", "domain": "분야 영역 계", "area": "영역 소계"}
        parts = [row.area, short_group(row.indicator), extra.get("group_title"), row.description]
        return [p for p in [*parts, row.domain, label.get(row.level)] if p]
    if kind == "measurement":
        return [row.indicator, row.field, section.rsplit(" › ", 1)[-1]]
    if kind == "target":
        # The clause, not the whole line: "신규직원 기본교육 2회, 종사자 역량강화교육 10회" is two facts.
        # (and the goal it serves, "◆ 종사자 인권교육 지원": what its items are for)
        return [search, row.measure or "", extra.get("clause", ""), row.goal_area or ""]
    if kind == "budget":
        return [search, extra.get("context", ""), *row.items]
    return [search, extra.get("context", "")]


# A fact's own weight under one kind's weights, summed once per index rather than per question:
# by the identity of its token set (held, so the id is not reused).
_OWN: weakref.WeakKeyDictionary[Weighted, dict[int, tuple[frozenset[str], float]]] = (
    weakref.WeakKeyDictionary()
)


def _own_mass(weights: Weighted, tokens: frozenset[str]) -> float:
    memo = _OWN.get(weights)
    if memo is None:
        memo = _OWN.setdefault(weights, {})
    got = memo.get(id(tokens))
    if got is None or got[0] is not tokens:
        got = memo[id(tokens)] = (tokens, weights.mass(tokens))
    return got[1]


# Whether the question's nouns no fact has count against each fact's cover.
UNKNOWN_NOUNS_COUNT = True


def _unknown_nouns(query: str, weights: Weighted) -> set[str]:
    """The common nouns of the question no fact of this kind says. Not a name ("박일" may be
    written apart, "박 일"), nor a word naming what is asked (인원, 연락처: said by the answer's
    kind), nor a compound the facts write in parts (긴급돌봄 of 긴급·틈새 돌봄: most of its
    syllable pairs are theirs)."""
    out = set()
    for t in kiwi_tokens(query):
        form = t.form
        if t.tag != "NNG" or len(form) < 2 or form in weights.df or kind_word(form):
            continue
        pairs = [f"#{form[i : i + 2]}" for i in range(len(form) - 1)]
        if sum(p not in weights.df for p in pairs) * 2 > len(pairs):
            out.add(form)
    return out


# Whether a fact saying only a part of a compound the question writes as one word (돌봄 of
# "긴급돌봄") ranks below one saying the whole (its part's weight halved in the score).
COMPOUND_WHOLE = True


def _compounds(query: str) -> list[frozenset[str]]:
    """The nouns of each word of the question written of two nouns or more ("긴급돌봄")."""
    words: dict[int, set[str]] = {}
    starts = [m.start() for m in re.finditer(r"\S+", query)]
    for t in kiwi_tokens(query):
        if t.tag in ("NNG", "NNP") and len(t.form) > 1:
            at = max((s for s in starts if s <= t.start), default=0)
            words.setdefault(at, set()).add(t.form)
    return [frozenset(nouns) for nouns in words.values() if len(nouns) > 1]


def _part_only(matched: frozenset[str], tokens: frozenset[str], compounds: list) -> set[str]:
    """The tokens a fact matches of a compound whose other parts it lacks (돌봄 and #돌봄)."""
    out: set[str] = set()
    for nouns in compounds:
        if nouns <= tokens or not nouns & matched:
            continue
        for noun in nouns & matched:
            out |= {noun} | {g for g in matched if g.startswith("#") and g[1:] in noun}
    return out


def rank(weights: Weighted, query: str, facts: list[Fact]) -> list[Hit]:
    """Facts sharing the query's known words, best first."""
    q = frozenset(t for t in token_set(query) if t in weights.df)  # unknown words can't match
    compounds = _compounds(query) if COMPOUND_WHOLE else []
    known = weights.mass(q)
    if not known:
        return []
    if UNKNOWN_NOUNS_COUNT:
        # A noun no fact of this kind has ("웹기안기 담당자": 기안기) names something they are
        # not about: it weighs against every fact's cover (its bigrams alone, #웹기, would
        # otherwise cover the whole question).
        known += sum(weights.weight(n) for n in _unknown_nouns(query, weights))
    hits = []
    for f in facts:
        matched = q & f.tokens
        if not matched:
            continue  # most facts share no word with it: no weight to sum
        mass = weights.mass(matched)
        if mass <= 0:
            continue
        own = _own_mass(weights, f.tokens) or 1.0
        # Mostly how much of the question the fact covers; a little for being specific.
        score = mass / known + 0.25 * mass / own
        if compounds and (part := _part_only(matched, f.tokens, compounds)):
            # (the cover stays: a fact may still answer, only below one naming the whole)
            score -= 0.5 * weights.mass(part) / known
        hits.append(Hit(f, matched, mass, mass / known, score))
    hits.sort(key=lambda h: h.score, reverse=True)
    return hits


def group_key(f: Fact) -> tuple:
    """Facts with one key answer alike: the same indicator twice, or one target's years."""
    row = f.row
    if f.type == "score":
        return (region_of(row.agency), row.level, row.domain, row.area, row.description)
    if f.type == "measurement":
        return (row.indicator, row.field)
    if f.type == "target":
        return (row.kind, row.project, YEAR_PREFIX.sub("", row.indicator or ""), row.measure)
    if f.type == "budget":
        return (row.project, row.amount)
    if f.audience == "public":
        return ("public", row.phone)
    return (row.team, row.project)


def own_names(f: Fact) -> list[str]:
    """What a fact is called, narrowest first, as opposed to the context it is matched on."""
    row = f.row
    if f.type == "budget":
        return [row.project or ""]
    if f.type == "target":
        return [row.indicator or "", f"{row.project or ''} {row.indicator or ''}"]
    if f.type == "contact":
        return [row.project or "", f"{row.team or ''} {row.project or ''} {row.name or ''}"]
    return [f.text]


def tied(hits: list[Hit], depth: int = 12) -> list[Hit]:
    """Other answers the question's words cannot tell from the best hit's."""
    top = hits[0]
    key = group_key(top.fact)
    return [
        h
        for h in hits[1:depth]
        if h.matched == top.matched
        and abs(h.bonus - top.bonus) < _TIE_BONUS
        and group_key(h.fact) != key
    ]


def bonus(query: Query, fact: Fact, home: str | None) -> float:
    """What the question says besides its subject words: a maximum, a unit, a field."""
    row, q = fact.row, query.text
    if fact.type == "score":
        top = to_decimal(row.max_points)
        out = 0.1 if top is not None and str(top) in query.numbers else 0.0  # "6점 중 몇 점"
        out += 0.02 if fact.origin == "table" else 0.0
        out += 0.02 if fact.agency == home else 0.0
        return out - (0.3 if row.points is None and "등급" not in q else 0.0)
    if fact.type == "target" and (query.unit or query.money):
        return 0.15 if (query.unit or "원") in row.target else -0.3
    if fact.type == "target" and "성과계약" in q:
        return 0.2 if row.kind == "performance_contract" else 0.0
    if fact.type == "measurement":
        field_name = nospace(re.sub(r"\(.*?\)", "", row.field))
        out = 0.2 if field_name and field_name in nospace(q) else 0.0
        return out - (0.3 if query.unit and query.unit not in f"{row.value}{row.field}" else 0.0)
    if fact.type == "contact":
        return 0.2 if (row.audience == "internal") == query.staff_line else 0.0
    return 0.0


class Ranker:
    """Candidates of one kind for a parsed question, over one repository."""

    def __init__(self, repo: FactRepository) -> None:
        self.repo = repo

    def rank(self, kind: str, query: str, facts: list[Fact]) -> list[Hit]:
        return rank(self.repo.weights[kind], query, facts)

    def score_facts(self, query: Query, viewer: Viewer) -> list[Fact]:
        """Scores of the agencies and years the question names; of this agency when it names
        none; of each agency's latest year when it names no year."""
        facts = self.repo.facts_of("score", viewer)
        home = self.repo.home
        home_region = region_of(home)
        regions = query.regions or ([home_region] if home_region else [])
        if regions:
            facts = [f for f in facts if region_of(f.row.agency) in regions]
        return in_years(facts, query.years)

    def candidates(
        self, kind: str, query: Query, viewer: Viewer, lenient: bool = False
    ) -> list[Hit]:
        """Facts of one kind the question names, best first, with their bonuses counted."""
        if kind == "score":
            facts, words = self.score_facts(query, viewer), query.topic
        else:
            facts, words = self.repo.facts_of(kind, viewer), query.subject
            if kind == "contact" and (viewer == "public" or query.call):
                facts = [f for f in facts if f.audience == "public"]
            if kind == "measurement":
                # (as scores: of this agency when the question names no other — "고객만족도
                # 점수" is 전북's, not the 대전 news item's)
                home_region = region_of(self.repo.home)
                regions = query.regions or ([home_region] if home_region else [])
                if regions:
                    facts = [f for f in facts if region_of(f.agency) in regions]
            facts = in_years(facts, query.years)
        if not words or not query.topic:
            # nothing left to match once the asking words are gone ("예산은요?": the kind
            # asked alone names no project, and any project's budget would be a guess)
            return []
        hits = self.rank(kind, words, facts)
        for h in hits:
            h.bonus = bonus(query, h.fact, self.repo.home)
            h.score += h.bonus
        hits.sort(key=lambda h: h.score, reverse=True)
        return [h for h in hits if h.good(0.34)] if lenient else hits


def in_years(facts: list[Fact], years: list[int]) -> list[Fact]:
    """The facts of the years asked; the latest of each series when none is asked."""
    if not years:
        return latest(facts)
    asked = set(years)
    # A score's 평가연도 before its 실적연도: "2024년" is the 2024 evaluation, not the 2025
    # evaluation of 2024's performance, when both are indexed.
    evaluated = [f for f in facts if f.type == "score" and f.row.year in asked]
    if evaluated:
        return evaluated
    return [f for f in facts if _year_ok(f, asked)]


def _year_ok(fact: Fact, years: set[int]) -> bool:
    if fact.year in years:
        return True
    if fact.type == "score":
        return bool(years & {fact.row.year, fact.row.performance_year})
    text = f"{fact.text} {fact.title}"
    return any(str(y) in text or f"'{str(y)[2:]}년" in text for y in years)
