"""Pure ASGI middleware: request body size limit and security headers."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import status_response

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

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            status = 413 if length.isdigit() else 400
            await status_response(status, {"Connection": "close"})(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)


class SecurityHeaders:
    """nosniff and friends on every response; no-store on API answers (they can carry
    staff-only content); a strict CSP on HTML pages we serve, except the OpenAPI docs, which
    load Swagger UI from its CDN."""

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
                    if not path.startswith(("/docs", "/redoc")):
                        headers.setdefault("Content-Security-Policy", DEMO_PAGE_CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)
