"""Answer wording shared by every profile: a cited Korean answer from chosen facts.

The per-kind wording (scores, targets, budgets, contacts) lives in retrieval.profiles.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from retrieval.facts.query import Query
from retrieval.facts.ranker import Ranker
from retrieval.facts.repository import Fact
from sosa.models import Answer, Citation, FactRef, Viewer


class Composer:
    """Builds the answer for one question: phrases the chosen facts and cites them."""

    def __init__(self, ranker: Ranker, query: Query, viewer: Viewer) -> None:
        self.ranker = ranker
        self.repo = ranker.repo
        self.query = query
        self.viewer = viewer

    def answer(
        self,
        text: str,
        facts: list[Fact],
        refs: list[FactRef],
        cites: list[Citation] | None = None,
    ) -> Answer:
        citations = cites if cites is not None else [self.repo.citation(f) for f in facts]
        seen: set[tuple[str, str]] = set()
        unique = []
        for c in citations:
            if (c.document, c.quote) not in seen:
                seen.add((c.document, c.quote))
                unique.append(c)
        return Answer(
            id=secrets.token_hex(6),
            question=self.query.text,
            answer=text,
            found=True,
            citations=unique,
            facts=refs,
            mode="facts",
        )

    def not_found(self, what: str) -> Answer:
        return Answer(
            id=secrets.token_hex(6),
            question=self.query.text,
            found=False,
            mode="facts",
            answer=f"말씀하신 내용에 맞는 {what} 정보를 문서에서 찾지 못했어요. 사업명이나 지표명을 조금 더 구체적으로 알려 주세요.",
        )

    def ref(self, f: Fact, label: str, value: str) -> FactRef:
        row = f.row
        return FactRef(
            type=f.type,
            label=label,
            value=value,
            document=f.document,
            page=getattr(row, "page", None),
            section=getattr(row, "section", ""),
        )

    def year_ref(self, f: Fact) -> list[FactRef]:
        """The document's year as a fact of its own: an answer that names it is grounded in
        the document's metadata (documents.toml, else the document), not in a quote."""
        if f.year is None:
            return []
        return [FactRef(type="year", label="문서 연도", value=str(f.year), document=f.document)]

    @staticmethod
    def year_prefix(f: Fact) -> str:
        return f"{f.year}년 " if f.year is not None else ""

    def year_before(self, current: Fact, same: Callable[[Fact], bool]) -> Fact | None:
        """The same figure in the latest earlier document of its kind: "전년 대비", "작년보다".

        `same` tells the kind's own series apart (a score's indicator, a plan's project)."""
        if current.year is None:
            return None
        before = [
            f
            for f in self.repo.facts_of(current.type, self.viewer)
            if f.doc_kind == current.doc_kind
            and f.year is not None
            and f.year < current.year
            and same(f)
        ]
        return max(before, key=lambda f: f.year or 0) if before else None

    def difference(self, now: FactRef, then: FactRef, label: str, value: str) -> FactRef:
        """Two years' quoted figures and their difference as printed in the answer ("computed":
        the inputs are the quotes, the value is worked out with decimal.Decimal)."""
        return self.computed(label, value, [now, then])

    @staticmethod
    def computed(label: str, value: str, inputs: list[FactRef]) -> FactRef:
        """A figure worked out from quoted ones (a sum, a difference, a count, a rate), of the
        document its first input is quoted from."""
        return FactRef(
            type="computed", label=label, value=value, document=inputs[0].document, inputs=inputs
        )
