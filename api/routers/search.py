"""GET /v1/search: ranked passages for a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceDep, ViewerDep
from api.schemas import SearchResponse, SearchResult, SearchText, error_docs
from api.visibility import internal_documents, visible_rows

router = APIRouter(prefix="/v1", tags=["검색"])


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="문서 검색",
    responses=error_docs(401, 422, 429, 503),
)
def search(
    q: Annotated[
        SearchText,
        Query(max_length=1000, description="검색어", examples=["긴급돌봄 연락처"]),
    ],
    service: ServiceDep,
    viewer: ViewerDep,
    k: Annotated[int, Query(ge=1, le=20, description="돌려줄 결과 수")] = 5,
) -> SearchResponse:
    hits = service.search(q, k=k, viewer=viewer)
    if viewer == "public":
        hits = visible_rows(hits, viewer, internal_documents(service))
    return SearchResponse(
        results=[
            SearchResult(
                document=h.document,
                title=h.title,
                section=h.section,
                page=h.page,
                text=h.text,
                score=h.score,
                chunk_id=h.id,
            )
            for h in hits
        ]
    )
