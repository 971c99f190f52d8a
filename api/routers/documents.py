"""GET /v1/documents and GET /v1/passages/{chunk_id} (the passage a citation points to)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.deps import ServiceDep, ViewerDep
from api.routers.admin import AdminDep, LibraryDep, get_library
from api.schemas import (
    DocumentPatch,
    DocumentsResponse,
    JobAccepted,
    LibraryDocumentOut,
    LibraryResponse,
    error_docs,
)
from api.visibility import internal_documents, visible_documents
from sosa.errors import NotFound
from sosa.models import Chunk, can_see

router = APIRouter(prefix="/v1", tags=["문서"])


@router.get(
    "/documents",
    response_model=DocumentsResponse | LibraryResponse,
    summary="문서 목록",
    description="관리자 키로 부르면 보관된 문서까지 상태(status)와 함께 보여 줍니다.",
    responses=error_docs(401, 429, 503),
)
def documents(
    request: Request, service: ServiceDep, viewer: ViewerDep
) -> DocumentsResponse | LibraryResponse:
    if viewer == "admin":
        return _library_documents(get_library(request))
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


# --- document management (admin): every change is a job, see GET /v1/jobs/{id} ---------------


def _library_documents(library) -> LibraryResponse:  # type: ignore[no-untyped-def]
    return LibraryResponse(documents=[LibraryDocumentOut(**vars(d)) for d in library.documents()])


DocumentName = Annotated[str, Path(min_length=1, max_length=300, description="문서 파일 이름")]


@router.post(
    "/documents",
    status_code=202,
    response_model=JobAccepted,
    summary="문서 올리기 (관리자)",
    description=(
        "PDF·HWP·HWPX·TXT·MD 파일을 올리면 내용으로 형식을 확인한 뒤 말뭉치에 넣고 "
        "백그라운드에서 색인합니다. 같은 이름의 문서는 새 파일로 바뀝니다. "
        "진행 상황은 GET /v1/jobs/{job}."
    ),
    responses=error_docs(401, 403, 413, 415, 422, 429),
)
async def upload_document(
    _: AdminDep,
    library: LibraryDep,
    file: Annotated[UploadFile, File(description="문서 파일")],
    title: Annotated[str | None, Form(max_length=200)] = None,
    year: Annotated[int | None, Form(ge=1900, le=2100)] = None,
    kind: Annotated[str | None, Form(max_length=50, pattern=r"^[A-Za-z0-9_\-]*$")] = None,
    audience: Annotated[Literal["public", "internal"], Form()] = "public",
) -> JobAccepted:
    limit = library.settings.max_upload_mb * 1024 * 1024
    data = await file.read(limit + 1)  # one byte over is enough to refuse
    job = await run_in_threadpool(
        lambda: library.upload(
            data, file.filename or "", title=title, year=year, kind=kind, audience=audience
        )
    )
    return JobAccepted(job=job.id, document=job.document)


@router.patch(
    "/documents/{name:path}",
    status_code=202,
    response_model=JobAccepted,
    summary="문서 정보 고치기 (관리자)",
    responses=error_docs(401, 403, 404, 422, 429),
)
def patch_document(
    name: DocumentName, body: DocumentPatch, _: AdminDep, library: LibraryDep
) -> JobAccepted:
    job = library.update(name, title=body.title, year=body.year, audience=body.audience)
    return JobAccepted(job=job.id, document=job.document)


@router.delete(
    "/documents/{name:path}",
    status_code=202,
    response_model=JobAccepted,
    summary="문서 보관 (관리자)",
    description="답변과 검색에서 빼고, 파일은 말뭉치의 .archive/ 로 옮깁니다 (되살릴 수 있음).",
    responses=error_docs(401, 403, 404, 422, 429),
)
def retire_document(name: DocumentName, _: AdminDep, library: LibraryDep) -> JobAccepted:
    job = library.retire(name)
    return JobAccepted(job=job.id, document=job.document)


@router.post(
    "/documents/{name:path}/restore",
    status_code=202,
    response_model=JobAccepted,
    summary="보관한 문서 되살리기 (관리자)",
    responses=error_docs(401, 403, 404, 422, 429),
)
def restore_document(name: DocumentName, _: AdminDep, library: LibraryDep) -> JobAccepted:
    job = library.restore(name)
    return JobAccepted(job=job.id, document=job.document)
