"""CORS, security headers, the widget and demo page, and the OpenAPI docs."""

from __future__ import annotations

import re

from tests.api.api_helpers import assert_error

ORIGIN = "https://www.jbsa.or.kr"


async def test_cors_allows_listed_origins_only(make_client) -> None:
    async with make_client(widget_origins=f"{ORIGIN}, https://example.kr") as c:
        ok = await c.get("/v1/documents", headers={"Origin": ORIGIN})
        assert ok.headers["access-control-allow-origin"] == ORIGIN
        other = await c.get("/v1/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        pre = await c.options(
            "/v1/ask",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == ORIGIN
        assert "POST" in pre.headers["access-control-allow-methods"]
        # Errors carry CORS headers too, so the widget can show their Korean message.
        err = await c.post("/v1/ask", json={"question": ""}, headers={"Origin": ORIGIN})
        assert_error(err, 422)
        assert err.headers["access-control-allow-origin"] == ORIGIN


async def test_no_cors_without_origins(make_client) -> None:
    async with make_client(widget_origins="") as c:
        resp = await c.get("/v1/documents", headers={"Origin": ORIGIN})
        assert "access-control-allow-origin" not in resp.headers


async def test_security_headers(make_client) -> None:
    async with make_client() as c:
        for path in ("/health", "/v1/documents", "/widget.js", "/", "/v1/nothing"):
            resp = await c.get(path)
            assert resp.headers["x-content-type-options"] == "nosniff", path
        api = await c.get("/v1/documents")
        assert api.headers["cache-control"] == "no-store"
        page = await c.get("/")
        csp = page.headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-frame-options"] == "DENY"


async def test_widget_script_is_served(make_client) -> None:
    async with make_client() as c:
        resp = await c.get("/widget.js")
        assert (await c.head("/widget.js")).status_code == 200
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/javascript")
    assert resp.headers["cross-origin-resource-policy"] == "cross-origin"
    js = resp.text
    # Document and question text is never parsed as HTML.
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "outerHTML" not in js
    assert "eval(" not in js
    # No third-party CDN: the only absolute URL is the SVG namespace.
    urls = set(re.findall(r"https?://[^\s\"')]+", js)) - {"http://www.w3.org/2000/svg"}
    assert all("host" in u for u in urls), urls  # only the embed example in the header
    for needle in (
        "/v1/ask",
        "/v1/passages/",
        "/v1/feedback",
        "aria-live",
        'role: "dialog"',
        "Escape",
    ):
        assert needle in js, needle
    for question in (
        "긴급돌봄은 어디로 전화하나요?",
        "대체인력 파견 목표는 몇 건인가요?",
        "2024년 경영평가 총점은?",
    ):
        assert question in js


async def test_demo_page_embeds_the_widget(make_client) -> None:
    async with make_client() as c:
        page = await c.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        html = page.text
        assert '<html lang="ko">' in html
        assert '<script src="/widget.js" defer></script>' in html
        # Everything the page loads comes from our own origin (the CSP forbids the rest).
        for ref in re.findall(r'(?:src|href)="([^"#]+)"', html):
            assert ref.startswith("/"), ref
            assert (await c.get(ref)).status_code == 200, ref


async def test_openapi_has_korean_examples(make_client) -> None:
    async with make_client() as c:
        spec = (await c.get("/openapi.json")).json()
        docs = await c.get("/docs")
    assert docs.status_code == 200
    paths = spec["paths"]
    for path in (
        "/health",
        "/v1/ask",
        "/v1/search",
        "/v1/scores",
        "/v1/targets",
        "/v1/budgets",
        "/v1/documents",
        "/v1/passages/{chunk_id}",
        "/v1/feedback",
    ):
        assert path in paths, path
    ask_schema = spec["components"]["schemas"]["AskRequest"]
    assert ask_schema["examples"][0]["question"] == "대체인력 파견 목표는 몇 건인가요?"
    assert spec["components"]["schemas"]["ErrorResponse"]
    ask_responses = paths["/v1/ask"]["post"]["responses"]
    assert ask_responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorResponse"
    )
    assert "HTTPValidationError" not in spec["components"]["schemas"]
