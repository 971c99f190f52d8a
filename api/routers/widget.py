"""The citizens' chat widget (GET /widget.js) and the demo page that embeds it (GET /)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["위젯"])


@lru_cache(maxsize=8)
def _asset(name: str) -> bytes:
    # Read once per process: the files ship with the package and never change while running.
    return (STATIC / name).read_bytes()


def _static(name: str, media_type: str, max_age: int = 300, **headers: str) -> Response:
    return Response(
        _asset(name),
        media_type=media_type,
        headers={"Cache-Control": f"public, max-age={max_age}", **headers},
    )


@router.api_route(
    "/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
def demo_page() -> Response:
    return _static("index.html", "text/html; charset=utf-8", max_age=60)


@router.get(
    "/widget.js",
    response_class=Response,
    summary="웹 위젯 스크립트",
    description=(
        '어느 페이지에나 `<script src="https://호스트/widget.js" data-api="https://호스트" defer>'
        "</script>` 한 줄로 넣습니다."
    ),
    responses={200: {"content": {"text/javascript": {}}, "description": "위젯 스크립트"}},
)
def widget_js() -> Response:
    # Other sites embed this script, so it must be loadable cross-origin.
    return _static(
        "widget.js",
        "text/javascript; charset=utf-8",
        **{"Cross-Origin-Resource-Policy": "cross-origin"},  # type: ignore[arg-type]
    )


# HEAD too (link checkers, curl -I); undocumented so the OpenAPI ids stay unique.
router.add_api_route("/widget.js", widget_js, methods=["HEAD"], include_in_schema=False)


@router.api_route("/site.css", methods=["GET", "HEAD"], include_in_schema=False)
def site_css() -> Response:
    return _static("site.css", "text/css; charset=utf-8")


@router.api_route("/favicon.svg", methods=["GET", "HEAD"], include_in_schema=False)
def favicon() -> Response:
    return _static("favicon.svg", "image/svg+xml", max_age=86400)
