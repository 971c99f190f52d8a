"""Pure ASGI middleware: request body size limit and security headers."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response, status_response
from retrieval.library import UploadTooLarge

MAX_BODY_BYTES = 64 * 1024

# Only our own origin may run scripts, load styles or be fetched from the demo page.
DEMO_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class BodySizeLimit:
    """Rejects bodies over `max_bytes` with 413: at once by Content-Length, and while streaming
    for chunked uploads or lying lengths. Raised from receive() so FastAPI's handler turns it
    into our JSON error."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        uploads: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # POST paths that take files (document uploads) get their own, larger limit.
        self.uploads = dict(uploads or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        upload = scope.get("method") == "POST" and scope.get("path") in self.uploads
        max_bytes = self.uploads[scope["path"]] if upload else self.max_bytes
        if length is not None and (not length.isdigit() or int(length) > max_bytes):
            status = 413 if length.isdigit() else 400
            response = (
                _upload_too_large(max_bytes)
                if upload and status == 413
                else status_response(status)
            )
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    if upload:
                        raise UploadTooLarge(_upload_message(max_bytes))
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)


def _upload_message(max_bytes: int) -> str:
    return f"파일이 너무 큽니다. {max_bytes // (1024 * 1024)}MB 이하로 올려 주세요."


def _upload_too_large(max_bytes: int) -> JSONResponse:
    return error_response(413, UploadTooLarge.code, _upload_message(max_bytes))


class SecurityHeaders:
    """nosniff and friends on every response; no-store on API answers (they can carry
    staff-only content); a strict CSP on every HTML page we serve."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                if path.startswith("/v1/"):
                    headers.setdefault("Cache-Control", "no-store")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("X-Frame-Options", "DENY")
                    headers.setdefault(
                        "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
                    )
                    # /docs too: it is our own script-free page (api/docs.py).
                    headers.setdefault("Content-Security-Policy", DEMO_PAGE_CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)
