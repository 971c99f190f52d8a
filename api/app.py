"""`create_app(settings, service=None)`: the FastAPI app behind `sosa serve`.

The RetrievalService is loaded once (here, or by the caller) and reaches routes only through
the dependencies in api/deps.py.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import sosa
from api.auth import KeyRing
from api.docs import install_docs
from api.errors import install_error_handlers
from api.middleware import MAX_BODY_BYTES, BodySizeLimit, SecurityHeaders
from api.ratelimit import AnswerSlots, ApiLimits
from api.routers import admin, ask, documents, facts, feedback, health, jobs, search, widget
from api.routers import tables as tables_router
from retrieval.service import RetrievalService
from sosa.errors import ConfigError
from sosa.settings import Settings

logger = logging.getLogger(__name__)

DESCRIPTION = """\
전북특별자치도사회서비스원이 공개한 문서(경영평가 결과, 연간 사업계획서 등)를 근거로
질문에 답하고, 답마다 출처(문서 · 쪽 · 인용문)를 붙입니다.

- API 키 없이 부르면 **공개 문서만** 봅니다. 직원·평가위원은 `Authorization: Bearer <키>`.
- 오류는 언제나 `{"error": {"code": "...", "message": "한국어 안내"}}` 형식입니다.
- 공개 요청은 클라이언트마다 분당 요청 수가 제한됩니다 (초과 시 429와 `Retry-After`).
- 웹 위젯: `<script src="/widget.js" defer></script>`
"""

TAGS = [
    {"name": "질의응답", "description": "문서 근거가 붙은 답변"},
    {"name": "검색", "description": "문단 검색"},
    {"name": "수치", "description": "경영평가 점수·사업 목표·예산"},
    {"name": "문서", "description": "문서 목록과 인용 문단"},
    {"name": "의견", "description": "답변 평가(👍/👎)"},
    {"name": "상태", "description": "서비스 상태"},
    {"name": "위젯", "description": "시민용 채팅 위젯"},
    {"name": "관리", "description": "문서 올리기·보관, 작업 상태, 답하지 못한 질문 (관리자 키)"},
]


def _key_ring(settings: Settings) -> KeyRing:
    try:
        return KeyRing(settings.parsed_api_keys())
    except ValueError as exc:  # bad SOSA_API_KEYS format; the message names no key
        raise ConfigError(str(exc)) from exc


def create_app(settings: Settings, service: RetrievalService | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "service", None) is None:
            logger.info("loading the retrieval service from %s", settings.data_dir)
            app.state.service = RetrievalService.load(settings)
        yield

    app = FastAPI(
        title="전북특별자치도사회서비스원 문서 질의응답 API",
        description=DESCRIPTION,
        version=sosa.__version__,
        openapi_tags=TAGS,
        lifespan=lifespan,
        # Swagger UI and ReDoc load scripts from a CDN; /docs is our own page (api/docs.py).
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.service = service
    app.state.keys = _key_ring(settings)
    app.state.limits = ApiLimits(settings)
    app.state.answer_slots = AnswerSlots(settings.max_concurrent_answers)

    install_error_handlers(app)
    if settings.docs:
        install_docs(app)
    for module in (health, ask, search, facts, tables_router, documents, feedback, widget):
        app.include_router(module.router)
    app.include_router(jobs.router)
    app.include_router(admin.router)

    # Added innermost first: the size limit sits inside CORS, so even a 413 carries CORS headers.
    # Document uploads (multipart) may be up to SOSA_MAX_UPLOAD_MB, plus the form's framing.
    upload_bytes = settings.max_upload_mb * 1024 * 1024 + 64 * 1024
    app.add_middleware(
        BodySizeLimit, max_bytes=MAX_BODY_BYTES, uploads={"/v1/documents": upload_bytes}
    )
    origins = settings.widget_origin_list()
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
    app.add_middleware(SecurityHeaders)
    return app
