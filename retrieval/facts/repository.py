"""The facts of one index, loaded once from sqlite: rows, their documents' kinds and years,
citations pointing at chunks. After construction every read is in memory (thread-safe).
"""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from sosa.korean.text import Weighted, nospace, region_of, token_set
from sosa.models import (
    BudgetRow,
    Citation,
    ContactRow,
    Evidence,
    MeasurementRow,
    ScoreRow,
    TargetRow,
    Viewer,
    can_see,
)

MODELS: dict[str, type[BaseModel]] = {
    "score": ScoreRow,
    "measurement": MeasurementRow,
    "target": TargetRow,
    "budget": BudgetRow,
    "contact": ContactRow,
}


@dataclass
class Fact:
    type: str
    row: Any
    document: str
    title: str
    audience: str
    origin: str
    agency: str | None
    cites: list[dict]
    extra: dict
    text: str  # the words it is matched on
    tokens: frozenset[str] = field(default_factory=frozenset)
    year: int | None = None  # its document's year
    doc_kind: str = "document"  # its document's kind (evaluation_report, business_plan …)
    # series(): read once, not per fact per question (latest() reads it twice for each)
    series_key: tuple | None = field(default=None, compare=False, repr=False)


def latest(facts: list[Fact]) -> list[Fact]:
    """Facts of the latest year of each series: a fact type from one kind of document about
    one agency, and one project of a plan. Press figures about other agencies are kept when
    the agency's own report has a newer year; a project the newer plan does not carry keeps
    its older plan's figures (the answer names that plan's year)."""
    newest: dict[tuple, int] = {}
    for f in facts:
        key = series(f)
        if f.year is not None and f.year > newest.get(key, 0):
            newest[key] = f.year
    return [f for f in facts if f.year is None or f.year == newest.get(series(f), f.year)]


def series(f: Fact) -> tuple:
    key = f.series_key
    if key is None:
        # A plan's rows carry their project; a contract table's (no project) are one series.
        project = getattr(f.row, "project", None) or ""
        key = f.series_key = _series(f.type, f.doc_kind, f.agency or "", project)
    return key


@functools.lru_cache(maxsize=4096)
def _series(kind: str, doc_kind: str, agency: str, project: str) -> tuple:
    # Keyed on the documents' own strings (agencies, projects): a bounded, fixed set per index.
    return (kind, doc_kind, region_of(agency) or agency or None, nospace(project))


class FactRepository:
    """Loads the `facts` table (read-only is fine) and answers plain lookups over it."""

    def __init__(self, conn: sqlite3.Connection, matcher: Any) -> None:
        """`matcher(kind, row, extra, search, section)` gives the texts a fact is matched on."""
        documents = _documents(conn)
        self.facts: list[Fact] = []
        try:
            rows = conn.execute(
                "SELECT type, document, section, audience, data, origin, agency, title, search,"
                " cites, extra, year FROM facts ORDER BY id"
            ).fetchall()
        except sqlite3.OperationalError:
            rows = []  # an index built before facts (or before years) existed
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
            year,
        ) in rows:  # noqa: E501
            model = MODELS.get(kind)
            if model is None:
                continue
            row = model.model_validate_json(data)
            extra_d = json.loads(extra or "{}")
            parts = matcher(kind, row, extra_d, search or "", section or "")
            doc_title, doc_kind = documents.get(document, (title, "document"))
            self.facts.append(
                Fact(
                    kind,
                    row,
                    document,
                    doc_title,
                    audience,
                    origin,
                    agency,
                    json.loads(cites or "[]"),
                    extra_d,
                    " ".join(parts),
                    frozenset().union(*(token_set(p) for p in parts)),
                    year,
                    doc_kind,
                )
            )
        self.weights = {
            kind: Weighted([f.tokens for f in self.facts if f.type == kind]) for kind in MODELS
        }
        homes = [f.agency for f in self.facts if f.origin == "table" and f.agency]
        # The agency whose own evaluation tables are indexed: "우리 기관", and the default.
        self.home = max(set(homes), key=homes.count) if homes else None
        self._of: dict[tuple[str, str], list[Fact]] = {}
        # Chunk texts by (document, page), to point citations at chunks.
        self._chunks: dict[tuple[str, int | None], list[tuple[str, str]]] = {}
        try:
            for cid, document, page, text in conn.execute(
                "SELECT id, document, page, text FROM chunks ORDER BY rowid"
            ):
                self._chunks.setdefault((document, page), []).append((cid, nospace(text)))
        except sqlite3.OperationalError:
            pass  # facts extracted on their own, without chunks

    def facts_of(self, kind: str, viewer: Viewer = "evaluator") -> list[Fact]:
        key = (kind, viewer)
        got = self._of.get(key)
        if got is None:  # read several times per question: once per kind and role instead
            got = [f for f in self.facts if f.type == kind and can_see(viewer, f.audience)]
            if len(self._of) < 64:  # kinds × roles: a few, but the arguments come from callers
                self._of[key] = got
        return list(got)  # the caller's to filter or sort

    @staticmethod
    def quote(fact: Fact) -> str:
        """The line a fact was read from, as its first citation quotes it."""
        return str(fact.cites[0].get("quote", "")) if fact.cites else ""

    def citation(self, fact: Fact, cite: dict | None = None) -> Citation:
        cite = cite or (fact.cites[0] if fact.cites else {})
        row = fact.row
        page = cite.get("page", getattr(row, "page", None))
        section = cite.get("section") or getattr(row, "section", "") or ""
        quote = cite.get("quote", "")
        return Citation(
            document=fact.document,
            title=fact.title,
            section=section,
            page=page,
            quote=quote,
            chunk_id=self.chunk_id(fact.document, page, quote),
        )

    def evidence_citation(self, fact: Fact, ev: Evidence) -> Citation:
        """An evaluator's comment on a score fact, cited where the comment stands."""
        return Citation(
            document=fact.document,
            title=fact.title,
            section=ev.section,
            page=ev.page,
            quote=ev.quote,
            chunk_id=self.chunk_id(fact.document, ev.page, ev.quote),
        )

    def chunk_id(self, document: str, page: int | None, quote: str) -> str | None:
        key = nospace(quote)[:60]
        for cid, text in self._chunks.get((document, page), []):
            if key and key in text:
                return cid
        return None


def _documents(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    try:
        rows = conn.execute("SELECT document, title, kind FROM documents").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {r[0]: (r[1], r[2]) for r in rows}
