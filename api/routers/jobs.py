"""GET /v1/jobs/{id}: progress of a document job (upload, update, retire, restore)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.concurrency import run_in_threadpool

from api.routers.admin import AdminDep, LibraryDep
from api.schemas import JobResponse, error_docs

router = APIRouter(prefix="/v1", tags=["관리"])


@router.get(
    "/jobs/{job_id}",
    response_model=JobResponse,
    summary="문서 작업 진행 상황 (관리자)",
    description=(
        "`wait`초(최대 30) 동안 작업이 끝나거나 진행 메시지가 바뀔 때까지 기다렸다가 답합니다. "
        "작업은 메모리에 최근 100개까지 남습니다."
    ),
    responses=error_docs(401, 403, 404, 422, 429),
)
async def job_status(
    job_id: Annotated[str, Path(min_length=1, max_length=40)],
    _: AdminDep,
    library: LibraryDep,
    wait: Annotated[float, Query(ge=0, le=30, description="기다릴 최대 초")] = 0,
    seen: Annotated[str | None, Query(max_length=200, description="이미 본 진행 메시지")] = None,
) -> JobResponse:
    job = await run_in_threadpool(library.wait, job_id, wait, seen)
    return JobResponse(**job.as_dict())
