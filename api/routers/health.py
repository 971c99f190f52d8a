"""GET /health: liveness plus a little about the loaded index."""

from __future__ import annotations

from fastapi import APIRouter

import sosa
from api.deps import ServiceDep, SettingsDep
from api.schemas import HealthResponse, error_docs

router = APIRouter(tags=["상태"])


@router.get(
    "/health",
    response_model=HealthResponse,
    summary="서비스 상태",
    responses=error_docs(503),
)
def health(service: ServiceDep, settings: SettingsDep) -> HealthResponse:
    docs = service.documents(viewer="public")
    # The index folder's name tells which build is live; the link is swapped on re-ingest.
    index = getattr(service, "index_name", None)
    if index is None and settings.index_link.exists():
        index = settings.index_link.resolve().name
    return HealthResponse(
        status="ok",
        version=sosa.__version__,
        index=index,
        documents=len(docs),
        chunks=sum(d.chunks for d in docs),
    )
