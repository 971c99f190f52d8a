"""Staff administration: the admin-only dependency, the `/admin` page and the feedback summary.

Only keys with the `admin` role (SOSA_API_KEYS `key:admin`) pass `require_admin`: no key is 401,
any other key 403. Document changes go through retrieval.library (api/ may not import ingest/).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import ServiceDep, ViewerDep, get_service
from api.routers.widget import STATIC
from api.schemas import error_docs
from retrieval.library import DocumentLibrary
from retrieval.report import parse_since, summarize
from sosa.errors import SosaError, Unauthorized
from sosa.models import Viewer


class Forbidden(SosaError):
    code = "forbidden"
    http_status = 403
    message = "관리자 API 키가 필요합니다. 이 작업을 할 권한이 없습니다."


class InvalidPeriod(SosaError):
    code = "invalid_request"
    http_status = 422


def require_admin(request: Request, viewer: ViewerDep) -> Viewer:
    if viewer == "public" and "authorization" not in request.headers:
        raise Unauthorized("관리자 API 키가 필요합니다 (Authorization: Bearer <키>).")
    if viewer != "admin":
        raise Forbidden()
    return viewer


def get_library(request: Request) -> DocumentLibrary:
    library = getattr(request.app.state, "library", None)
    if library is None:
        library = DocumentLibrary.shared(request.app.state.settings, get_service(request))
        request.app.state.library = library
    return library


AdminDep = Annotated[Viewer, Depends(require_admin)]
LibraryDep = Annotated[DocumentLibrary, Depends(get_library)]

router = APIRouter(tags=["관리"])


@lru_cache(maxsize=4)
def _asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def _static(name: str, media_type: str) -> Response:
    # no-cache: a new release of the page must not meet an old script.
    return Response(_asset(name), media_type=media_type, headers={"Cache-Control": "no-cache"})


@router.api_route(
    "/admin", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
def admin_page() -> Response:
    # The page holds no data: everything it shows comes from the admin API with the key.
    return _static("admin.html", "text/html; charset=utf-8")


@router.get("/admin.js", include_in_schema=False)
def admin_js() -> Response:
    return _static("admin.js", "text/javascript; charset=utf-8")


@router.get("/admin.css", include_in_schema=False)
def admin_css() -> Response:
    return _static("admin.css", "text/css; charset=utf-8")


@router.get(
    "/v1/feedback/summary",
    summary="답하지 못한 질문 요약 (관리자)",
    description=(
        "기간(`since`: 30d, 12h, 2w 또는 2026-11-01) 동안 문서에서 찾지 못한 질문을 주제별로, "
        "👎 받은 답변과 그 질문, 많이 물어본 주제, 경로·주별 건수를 돌려줍니다. "
        "질문한 사람의 주소 같은 정보는 담지 않습니다."
    ),
    responses=error_docs(401, 403, 422, 429, 503),
)
async def feedback_summary(
    _: AdminDep,
    service: ServiceDep,
    since: Annotated[str, Query(max_length=40, description="기간")] = "30d",
) -> dict:
    try:
        start = parse_since(since)
    except ValueError as exc:
        raise InvalidPeriod(str(exc)) from exc
    return await run_in_threadpool(summarize, service.feedback, start)
