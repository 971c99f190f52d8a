"""The one place where exceptions become JSON errors: {"error": {"code", "message"}}.

Every message is polite Korean. Framework errors (404, 405, 413, validation) are mapped by
status or pydantic error type; SosaError subclasses carry their own status, code and message.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError, ResponseValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sosa.errors import RateLimited, SosaError

logger = logging.getLogger(__name__)


class ServiceUnavailable(SosaError):
    code = "service_unavailable"
    http_status = 503
    message = "서비스를 준비하고 있습니다. 잠시 후 다시 시도해 주세요."


# Framework errors carry English details; these replace them, keyed by status.
_BY_STATUS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "요청 형식이 올바르지 않습니다. 내용을 확인해 주세요."),
    401: ("unauthorized", "API 키가 올바르지 않습니다."),
    403: ("forbidden", "이 요청을 처리할 권한이 없습니다."),
    404: ("not_found", "요청하신 주소를 찾을 수 없습니다."),
    405: ("method_not_allowed", "이 주소에서는 허용되지 않는 요청 방식입니다."),
    406: ("not_acceptable", "요청한 응답 형식을 제공할 수 없습니다."),
    413: ("payload_too_large", "요청 본문이 너무 큽니다. 64KB 이하로 보내 주세요."),
    415: ("unsupported_media_type", "JSON 형식(Content-Type: application/json)으로 보내 주세요."),
    429: ("rate_limited", RateLimited.message),
    500: ("internal_error", SosaError.message),
    503: ("service_unavailable", ServiceUnavailable.message),
}

# Korean names for the fields people send, used in validation messages.
_FIELD_NAMES = {
    "question": "질문(question)",
    "q": "검색어(q)",
    "k": "결과 수(k)",
    "answer_id": "답변 ID(answer_id)",
    "helpful": "도움 여부(helpful)",
    "comment": "의견(comment)",
    "year": "연도(year)",
    "agency": "기관(agency)",
    "area": "영역(area)",
    "indicator": "지표(indicator)",
    "chunk_id": "문단 ID(chunk_id)",
}

# Our own validators raise these types with a ready Korean message (see api/schemas.py).
CUSTOM_ERROR_TYPES = {"invalid_question", "invalid_text"}

_BODY_NOT_OBJECT = {"model_attributes_type", "dict_type", "model_type"}


def error_payload(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        error_payload(code, message), status_code=status, headers=dict(headers or {})
    )


def status_response(status: int, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The standard Korean error for a bare HTTP status (404, 413 …)."""
    code, message = _BY_STATUS.get(
        status, ("http_error", "요청을 처리하지 못했습니다. 내용을 확인해 주세요.")
    )
    return error_response(status, code, message, headers)


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    name = parts[-1] if parts else ""
    return _FIELD_NAMES.get(name, f"'{name}'" if name else "요청 본문")


def _validation_message(err: Mapping[str, Any]) -> tuple[int, str, str]:
    """(status, code, message) for the first pydantic error of a request."""
    kind = str(err.get("type", ""))
    loc = err.get("loc", ())
    ctx = err.get("ctx") or {}
    field = _field(loc)
    if kind in CUSTOM_ERROR_TYPES:
        return 422, kind, str(err.get("msg"))
    if kind == "json_invalid":
        return 400, "invalid_json", "요청 본문이 올바른 JSON 형식이 아닙니다."
    if kind in _BODY_NOT_OBJECT and len([p for p in loc if p != "body"]) == 0:
        return (
            422,
            "invalid_request",
            "요청 본문은 JSON 객체여야 합니다 (Content-Type: application/json).",
        )
    messages = {
        "missing": f"{field} 항목이 필요합니다.",
        "extra_forbidden": f"알 수 없는 항목입니다: {field}. 허용된 항목만 보내 주세요.",
        "string_type": f"{field} 값은 문자열이어야 합니다.",
        "bool_type": f"{field} 값은 true 또는 false여야 합니다.",
        "bool_parsing": f"{field} 값은 true 또는 false여야 합니다.",
        "int_type": f"{field} 값은 정수여야 합니다.",
        "int_parsing": f"{field} 값은 정수여야 합니다.",
        "int_from_float": f"{field} 값은 정수여야 합니다.",
        "string_too_short": f"{field} 값을 입력해 주세요.",
        "string_too_long": f"{field} 값은 {ctx.get('max_length')}자 이하여야 합니다.",
        "greater_than_equal": f"{field} 값은 {ctx.get('ge')} 이상이어야 합니다.",
        "less_than_equal": f"{field} 값은 {ctx.get('le')} 이하여야 합니다.",
    }
    return 422, "invalid_request", messages.get(kind, f"{field} 값이 올바르지 않습니다.")


async def _sosa_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SosaError)
    headers: dict[str, str] = {}
    retry_after = getattr(exc, "retry_after", None)  # RateLimited, Busy
    if isinstance(retry_after, int):
        headers["Retry-After"] = str(retry_after)
    if exc.http_status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if exc.http_status >= 500:
        logger.error("%s %s: %s (%s)", request.method, request.url.path, exc.code, exc.message)
    return error_response(exc.http_status, exc.code, exc.message, headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return status_response(exc.status_code, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    status, code, message = _validation_message(errors[0] if errors else {})
    logger.debug("invalid request %s %s: %s", request.method, request.url.path, code)
    return error_response(status, code, message)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Starlette's ServerErrorMiddleware calls this and re-raises, so the traceback is logged once.
    if isinstance(exc, ResponseValidationError):
        logger.error("response failed its model on %s: %s", request.url.path, exc.errors()[:3])
    return status_response(500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SosaError, _sosa_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
