"""The facts of one index in memory: loading, lookups, citations, the number rule.

`FactStore(conn)` reads the `facts` table written by ingest.facts (the connection may be
read-only). `route(question, viewer)` answers a question about a score, target, budget or
contact straight from the facts, or returns None so the passage answerer takes over. Every
number in a routed answer is printed in one of its citations' quotes, or computed (with
decimal.Decimal) from quoted inputs; an answer that would break this is dropped.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from pathlib import Path

from retrieval.facts.compose import Composer
from retrieval.facts.match import (
    NUMBER_RE,
    Fact,
    Hit,
    Query,
    bonus,
    match_parts,
    parse,
    rank,
)
from retrieval.facts.route import route
from sosa.korean.text import Weighted, nospace, region_of, token_set
from sosa.models import (
    Answer,
    BudgetRow,
    Citation,
    ContactRow,
    MeasurementRow,
    ScoreRow,
    TargetRow,
    Viewer,
    can_see,
)

logger = logging.getLogger(__name__)

_MODELS = {
    "score": ScoreRow,
    "measurement": MeasurementRow,
    "target": TargetRow,
    "budget": BudgetRow,
    "contact": ContactRow,
}


class FactStore:
    """Structured facts of one index; thread-safe for reads once constructed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._titles = self._document_titles()
        self._facts: list[Fact] = []
        try:
            rows = conn.execute(
                "SELECT type, document, section, audience, data, origin, agency, title, search,"
                " cites, extra FROM facts ORDER BY id"
            ).fetchall()
        except sqlite3.OperationalError:
            rows = []  # an index built before facts existed
        for (
            kind,
            document,
            section,
            audience,
            data,
            origin,
            agency,
            title,
            search,
            cites,
            extra,
        ) in rows:
            model = _MODELS.get(kind)
            if model is None:
                continue
            row = model.model_validate_json(data)
            extra_d = json.loads(extra or "{}")
            parts = match_parts(kind, row, extra_d, search or "", section or "")
            self._facts.append(
                Fact(
                    kind,
                    row,
                    document,
                    self._titles.get(document, title),
                    audience,
                    origin,
                    agency,
                    json.loads(cites or "[]"),
                    extra_d,
                    " ".join(parts),
                    frozenset().union(*(token_set(p) for p in parts)),
                )
            )
        self.weights = {
            kind: Weighted([f.tokens for f in self._facts if f.type == kind]) for kind in _MODELS
        }
        homes = [f.agency for f in self._facts if f.origin == "table" and f.agency]
        # The agency whose own evaluation tables are indexed: "우리 기관", and the default.
        self.home = max(set(homes), key=homes.count) if homes else None
        # Chunk texts by (document, page), to point citations at chunks without touching the
        # connection again: after construction the store is plain in-memory reads.
        self._chunks: dict[tuple[str, int | None], list[tuple[str, str]]] = {}
        try:
            for cid, document, page, text in conn.execute(
                "SELECT id, document, page, text FROM chunks ORDER BY rowid"
            ):
                self._chunks.setdefault((document, page), []).append((cid, nospace(text)))
        except sqlite3.OperationalError:
            pass  # facts extracted on their own, without chunks

    @classmethod
    def open(cls, path: Path) -> FactStore:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn)

    def _document_titles(self) -> dict[str, str]:
        try:
            return dict(self.conn.execute("SELECT document, title FROM documents").fetchall())
        except sqlite3.OperationalError:
            return {}

    # -- selecting facts -------------------------------------------------------------------

    def facts_of(self, kind: str, viewer: Viewer = "evaluator") -> list[Fact]:
        return [f for f in self._facts if f.type == kind and can_see(viewer, f.audience)]

    def rank(self, kind: str, query: str, facts: list[Fact]) -> list[Hit]:
        return rank(self.weights[kind], query, facts)

    def score_facts(self, query: Query, viewer: Viewer) -> list[Fact]:
        """Scores of the agencies and years the question names; of this agency when it names none."""
        facts = self.facts_of("score", viewer)
        regions = query.regions or ([region_of(self.home)] if self.home else [])
        if regions:
            facts = [f for f in facts if region_of(f.row.agency) in regions]
        if query.years:
            facts = [f for f in facts if set(query.years) & {f.row.year, f.row.performance_year}]
        return facts

    def candidates(
        self, kind: str, query: Query, viewer: Viewer, lenient: bool = False
    ) -> list[Hit]:
        """Facts of one kind the question names, best first, with their bonuses counted."""
        if kind == "score":
            facts, words = self.score_facts(query, viewer), query.topic
        else:
            facts, words = self.facts_of(kind, viewer), query.subject
            if kind == "contact" and (viewer == "public" or query.call):
                facts = [f for f in facts if f.audience == "public"]
            if kind == "measurement" and query.regions:
                facts = [f for f in facts if region_of(f.agency) in query.regions]
            if query.years:
                facts = [f for f in facts if _year_ok(f, query.years)]
        if not words:
            return []  # nothing left to match once the asking words are gone
        hits = self.rank(kind, words, facts)
        for h in hits:
            h.bonus = bonus(query, h.fact, self.home)
            h.score += h.bonus
        hits.sort(key=lambda h: h.score, reverse=True)
        return [h for h in hits if h.good(0.34)] if lenient else hits

    def _search(self, kind: str, q: str | None, viewer: Viewer) -> list:
        facts = self.facts_of(kind, viewer)
        if not q or not q.strip():
            return [f.row for f in facts]
        flat = nospace(q)
        exact = [f for f in facts if flat and flat in nospace(f.text)]
        ranked = [h.fact for h in self.rank(kind, q, facts) if h.good()]
        return [f.row for f in exact] + [f.row for f in ranked if f not in exact]

    # -- public lookups --------------------------------------------------------------------

    def scores(
        self,
        agency: str | None = None,
        year: int | None = None,
        area: str | None = None,
        indicator: str | None = None,
        q: str | None = None,
    ) -> list[ScoreRow]:
        facts = self.facts_of("score")
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
        facts.sort(key=lambda f: f.origin != "table")  # the evaluation's own tables first
        if q and q.strip():
            flat = nospace(q)
            exact = [f for f in facts if flat in nospace(f.text)]
            ranked = [h.fact for h in self.rank("score", q, facts) if h.good()]
            facts = exact + [f for f in ranked if f not in exact]
        return [f.row for f in facts]

    def measurements(self, q: str | None = None) -> list[MeasurementRow]:
        return self._search("measurement", q, "evaluator")

    def targets(self, q: str | None = None, viewer: Viewer = "public") -> list[TargetRow]:
        return self._search("target", q, viewer)

    def budgets(self, q: str | None = None, viewer: Viewer = "public") -> list[BudgetRow]:
        return self._search("budget", q, viewer)

    def contacts(self, q: str | None = None, viewer: Viewer = "public") -> list[ContactRow]:
        return self._search("contact", q, viewer)

    # -- answers -----------------------------------------------------------------------------

    def route(self, question: str, viewer: Viewer = "public") -> Answer | None:
        """An answer from the facts when the question clearly asks for one; None otherwise."""
        return self._checked(route(self, parse(question), viewer))

    def answer_scores(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self, parse(query), viewer)
        if not composer.query.topic:  # "/score" or "/score 대전": the overall result
            return self._checked(composer.overview()) or composer.not_found("점수")
        hits = self.candidates("score", composer.query, viewer, lenient=True)
        answer = composer.score(hits[0].fact) if hits else None
        return self._checked(answer) or composer.not_found("점수")

    def answer_targets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self, parse(query), viewer)
        hits = self.candidates("target", composer.query, viewer, lenient=True)
        answer = composer.target(hits, several=True) if hits else None
        return self._checked(answer) or composer.not_found("목표")

    def answer_budgets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = Composer(self, parse(query), viewer)
        hits = self.candidates("budget", composer.query, viewer, lenient=True)
        answer = composer.budget(hits[0].fact) if hits else None
        return self._checked(answer) or composer.not_found("예산")

    def _checked(self, answer: Answer | None) -> Answer | None:
        """Drop an answer holding a number that no citation prints and nothing computed."""
        if answer is None or not answer.found:
            return answer
        quoted = " ".join(c.quote for c in answer.citations)
        computed = {f.value for f in answer.facts if f.type == "computed"}
        for number in NUMBER_RE.findall(answer.answer):
            printed = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", quoted)
            if printed or number in computed:
                continue
            logger.warning("수치 %s 의 출처가 없어 사실 답변을 버립니다: %s", number, answer.answer)
            return None
        return answer

    # -- citations ---------------------------------------------------------------------------

    def citation(self, fact: Fact, cite: dict | None = None) -> Citation:
        cite = cite or (fact.cites[0] if fact.cites else {})
        row = fact.row
        page = cite.get("page", getattr(row, "page", None))
        section = cite.get("section") or getattr(row, "section", "")
        quote = cite.get("quote", "")
        return Citation(
            document=fact.document,
            title=fact.title,
            section=section,
            page=page,
            quote=quote,
            chunk_id=self.chunk_id(fact.document, page, quote),
        )

    def chunk_id(self, document: str, page: int | None, quote: str) -> str | None:
        key = nospace(quote)[:60]
        for cid, text in self._chunks.get((document, page), []):
            if key and key in text:
                return cid
        return None


def _year_ok(fact: Fact, years: list[int]) -> bool:
    text = f"{fact.text} {fact.title}"
    return any(str(y) in text or f"'{str(y)[2:]}년" in text for y in years)
