"""Domain errors, each with a stable code and a polite Korean message.

Raised anywhere; translated only at the edges (CLI exit code, JSON HTTP error, bot reply).
"""

from __future__ import annotations


class SosaError(Exception):
    code = "error"
    http_status = 500
    exit_code = 1
    message = "요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요."

    def __init__(self, message: str | None = None, **details: object) -> None:
        self.message = message or self.message
        self.details = details
        super().__init__(self.message)


class DocumentError(SosaError):
    """One input file could not be read; the others still ingest."""

    code = "bad_document"
    exit_code = 2

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}", path=path, reason=reason)
        self.path = path
        self.reason = reason


class IngestLocked(SosaError):
    code = "ingest_locked"
    exit_code = 3
    message = "다른 색인 작업이 진행 중입니다. 끝난 뒤 다시 실행해 주세요."


class IndexNotFound(SosaError):
    code = "index_not_found"
    http_status = 503
    exit_code = 4
    message = "색인이 없습니다. 먼저 'sosa ingest corpus'를 실행해 주세요."


class ModelMismatch(SosaError):
    code = "model_mismatch"
    http_status = 503
    exit_code = 5


class InvalidQuestion(SosaError):
    code = "invalid_question"
    http_status = 422
    exit_code = 2
    message = "질문을 확인해 주세요."


class NotFound(SosaError):
    code = "not_found"
    http_status = 404
    message = "찾는 항목이 없습니다."


class Unauthorized(SosaError):
    code = "unauthorized"
    http_status = 401
    message = "API 키가 올바르지 않습니다."


class RateLimited(SosaError):
    code = "rate_limited"
    http_status = 429
    message = "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after=retry_after)
        self.retry_after = retry_after


class UnsafeBind(SosaError):
    code = "unsafe_bind"
    exit_code = 6
    message = (
        "API 키(SOSA_API_KEYS) 없이 루프백 밖의 주소에 서비스를 열 수 없습니다. "
        "키를 설정하거나 --host 127.0.0.1 로 실행해 주세요."
    )


class ConfigError(SosaError):
    code = "config_error"
    exit_code = 7
