"""A second line of defence for public viewers.

The service already filters by viewer; this re-checks what leaves the API, so a slip below
never shows an internal document to a citizen. It drops rows, and withholds a whole answer
that cites an internal document (its text may quote it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TypeVar

from retrieval.service import RetrievalService
from sosa.models import Answer, DocumentInfo, FactRef, Viewer, can_see

logger = logging.getLogger(__name__)

T = TypeVar("T")

WITHHELD_ANSWER = "공개 문서에서 답을 찾지 못했습니다. 다른 표현으로 질문해 주세요."


def internal_documents(service: RetrievalService) -> frozenset[str]:
    return frozenset(
        d.document for d in service.documents(viewer="staff") if d.audience != "public"
    )


def visible_documents(docs: Iterable[DocumentInfo], viewer: Viewer) -> list[DocumentInfo]:
    return [d for d in docs if can_see(viewer, d.audience)]


def visible_rows(rows: Iterable[T], viewer: Viewer, internal: frozenset[str]) -> list[T]:
    """Rows with an optional .audience and a .document (targets, budgets, scores, hits)."""
    if viewer != "public":
        return list(rows)
    out: list[T] = []
    for row in rows:
        if (
            getattr(row, "audience", "public") != "public"
            or getattr(row, "document", "") in internal
        ):
            logger.error("service returned an internal row to a public viewer; dropped")
            continue
        out.append(row)
    return out


def _fact_documents(facts: Iterable[FactRef]) -> set[str]:
    out: set[str] = set()
    for f in facts:
        out.add(f.document)
        out |= _fact_documents(f.inputs)
    return out


def visible_answer(answer: Answer, viewer: Viewer, internal: frozenset[str]) -> Answer:
    if viewer != "public" or not internal:
        return answer
    used = {c.document for c in answer.citations} | _fact_documents(answer.facts)
    if used & internal:
        logger.error(
            "answer %s cites an internal document for a public viewer; withheld", answer.id
        )
        return answer.model_copy(
            update={"answer": WITHHELD_ANSWER, "found": False, "citations": [], "facts": []}
        )
    return answer
