"""GET /v1/documents and GET /v1/passages/{chunk_id} (the passage a citation points to)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import ServiceDep, ViewerDep
from api.schemas import DocumentsResponse, error_docs
from api.visibility import internal_documents, visible_documents
from sosa.errors import NotFound
from sosa.models import Chunk, can_see

router = APIRouter(prefix="/v1", tags=["문서"])


@router.get(
    "/documents",
    response_model=DocumentsResponse,
    summary="문서 목록",
    responses=error_docs(401, 429, 503),
)
def documents(service: ServiceDep, viewer: ViewerDep) -> DocumentsResponse:
    return DocumentsResponse(documents=visible_documents(service.documents(viewer=viewer), viewer))


@router.get(
    "/passages/{chunk_id:path}",  # ids may contain "/" (document paths)
    response_model=Chunk,
    summary="인용된 문단 원문",
    description="답변의 출처(citations[].chunk_id)가 가리키는 문단을 돌려줍니다.",
    responses=error_docs(401, 404, 422, 429, 503),
)
def passage(
    chunk_id: Annotated[str, Path(min_length=1, max_length=300, description="청크 ID")],
    service: ServiceDep,
    viewer: ViewerDep,
) -> Chunk:
    chunk = service.chunk(chunk_id, viewer=viewer)
    # Same 404 as a missing passage: a public caller learns nothing about internal ones.
    if not can_see(viewer, chunk.audience) or (
        viewer == "public" and chunk.document in internal_documents(service)
    ):
        raise NotFound("찾는 문단이 없습니다.")
    return chunk
