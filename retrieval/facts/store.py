"""FactStore: the facts of one index as the service uses them.

Composed of a repository (rows loaded from sqlite), a ranker (facts matched against a
question) and the router (which facts answer it), with the per-kind wording in
retrieval.profiles. Every number in a routed answer is printed in one of its citations'
quotes, computed (with decimal.Decimal) from quoted inputs, or a document's year from its
metadata; an answer that would break this is dropped.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

from retrieval.facts.compose import Composer
from retrieval.facts.query import NUMBER_RE, parse
from retrieval.facts.ranker import Ranker, match_parts
from retrieval.facts.repository import Fact, FactRepository
from retrieval.facts.router import route
from retrieval.profiles.business_plan import contacts
from retrieval.profiles.business_plan.targets import budget, target
from retrieval.profiles.evaluation_report.scores import overview, score
from sosa.korean.text import nospace, region_of
from sosa.models import (
    Answer,
    BudgetRow,
    ContactRow,
    MeasurementRow,
    ScoreRow,
    TargetRow,
    Viewer,
)

logger = logging.getLogger(__name__)

# FactRef types whose value may appear in an answer without being quoted.
_UNQUOTED = ("computed", "year")


class FactStore:
    """Structured facts of one index; thread-safe for reads once constructed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.repo = FactRepository(conn, match_parts)
        self.ranker = Ranker(self.repo)

    @classmethod
    def open(cls, path: Path) -> FactStore:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn)

    # -- lookups (the API's lists: every year, each row carrying its year) ---------------------

    def _search(self, kind: str, q: str | None, viewer: Viewer, year: int | None) -> list:
        facts = self.repo.facts_of(kind, viewer)
        if year:
            facts = [f for f in facts if f.year == year]
        if q and q.strip():
            flat = nospace(q)
            exact = [f for f in facts if flat and flat in nospace(f.text)]
            ranked = [h.fact for h in self.ranker.rank(kind, q, facts) if h.good()]
            facts = exact + [f for f in ranked if f not in exact]
        if kind in ("target", "budget"):
            facts = _newest_first(facts)  # a later plan's rows before an older one's
        return [f.row for f in facts]

    def scores(
        self,
        agency: str | None = None,
        year: int | None = None,
        area: str | None = None,
        indicator: str | None = None,
        q: str | None = None,
    ) -> list[ScoreRow]:
        facts = self.repo.facts_of("score")
        if agency:
            region = region_of(agency)
            facts = [
                f
                for f in facts
                if (region and region_of(f.row.agency) == region)
                or nospace(agency) in nospace(f.row.agency)
            ]
        if year:
            facts = [f for f in facts if f.row.year == year]  # 평가연도, as the API documents
        if area:
            facts = [
                f
                for f in facts
                if nospace(area) in nospace(f"{f.row.area or ''}{f.row.domain or ''}")
            ]
        if indicator:
            key = nospace(indicator)
            facts = [
                f
                for f in facts
                if key in nospace(f"{f.row.indicator or ''} {f.extra.get('group_title', '')}")
                or key in nospace(f.row.description or "")
            ]
        # The evaluation's own tables first, the latest evaluation first.
        facts.sort(key=lambda f: (f.origin != "table", -(f.row.year or 0)))
        if q and q.strip():
            flat = nospace(q)
            exact = [f for f in facts if flat in nospace(f.text)]
            ranked = [h.fact for h in self.ranker.rank("score", q, facts) if h.good()]
            facts = exact + [f for f in ranked if f not in exact]
        return [f.row for f in facts]

    def measurements(self, q: str | None = None) -> list[MeasurementRow]:
        return self._search("measurement", q, "evaluator", None)

    def targets(
        self, q: str | None = None, viewer: Viewer = "public", year: int | None = None
    ) -> list[TargetRow]:
        return self._search("target", q, viewer, year)

    def budgets(
        self, q: str | None = None, viewer: Viewer = "public", year: int | None = None
    ) -> list[BudgetRow]:
        return self._search("budget", q, viewer, year)

    def contacts(self, q: str | None = None, viewer: Viewer = "public") -> list[ContactRow]:
        return self._search("contact", q, viewer, None)

    # -- answers -----------------------------------------------------------------------------

    def route(self, question: str, viewer: Viewer = "public") -> Answer | None:
        """An answer from the facts when the question clearly asks for one; None otherwise."""
        return self._checked(route(self.ranker, parse(question), viewer))

    def agency_lines(self, question: str, viewer: Viewer = "public") -> Answer | None:
        """The agency's public numbers when the question asks a number and names no project
        (`contacts.agency_lines`); None otherwise."""
        query = parse(question)
        if not query.intents.get("contact"):
            return None
        return self._checked(contacts.agency_lines(Composer(self.ranker, query, viewer)))

    def answer_scores(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self.ranker, parse(query), viewer)
        if not composer.query.topic:  # "/score" or "/score 대전": the overall result
            return self._checked(overview(composer)) or composer.not_found("점수")
        hits = self.ranker.candidates("score", composer.query, viewer, lenient=True)
        answer = score(composer, hits[0].fact) if hits else None
        return self._checked(answer) or composer.not_found("점수")

    def answer_targets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self.ranker, parse(query), viewer)
        hits = self.ranker.candidates("target", composer.query, viewer, lenient=True)
        answer = target(composer, hits, several=True) if hits else None
        return self._checked(answer) or composer.not_found("목표")

    def answer_budgets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self.ranker, parse(query), viewer)
        hits = self.ranker.candidates("budget", composer.query, viewer, lenient=True)
        answer = budget(composer, hits[0].fact) if hits else None
        return self._checked(answer) or composer.not_found("예산")

    def _checked(self, answer: Answer | None) -> Answer | None:
        """Drop an answer holding a number that no citation prints and nothing computed."""
        if answer is None or not answer.found:
            return answer
        quoted = " ".join(c.quote for c in answer.citations)
        unquoted = {f.value for f in answer.facts if f.type in _UNQUOTED}
        for number in NUMBER_RE.findall(answer.answer):
            printed = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", quoted)
            if printed or number in unquoted:
                continue
            logger.warning("수치 %s 의 출처가 없어 사실 답변을 버립니다: %s", number, answer.answer)
            return None
        return answer


def _newest_first(facts: list[Fact]) -> list[Fact]:
    """Stable: within a year the ranking stands."""
    return sorted(facts, key=lambda f: -(f.year or 0))
