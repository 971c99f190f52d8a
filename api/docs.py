"""GET /docs: the API reference as one server-rendered page, from our own /openapi.json.

Swagger UI and ReDoc load their scripts from a CDN, into the very page where staff paste their
keys; this page has no script at all and passes the same strict CSP as the demo page.
SOSA_DOCS=false turns it off (404); /openapi.json is always served.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

_METHODS = ("get", "post", "put", "patch", "delete")


def _param_rows(op: dict[str, Any]) -> str:
    rows = []
    for p in op.get("parameters", []):
        schema = p.get("schema", {})
        kind = schema.get("type") or ", ".join(
            s.get("type", "") for s in schema.get("anyOf", []) if s.get("type") != "null"
        )
        rows.append(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                escape(p.get("name", "")),
                escape(p.get("in", "")),
                escape(kind or ""),
                escape(p.get("description", "") or schema.get("description", "")),
            )
        )
    if not rows:
        return ""
    return (
        "<table><tr><th>이름</th><th>위치</th><th>형식</th><th>설명</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _body(op: dict[str, Any]) -> str:
    content = op.get("requestBody", {}).get("content", {})
    for media, spec in content.items():
        ref = spec.get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1] if ref else media
        return f"<p>본문: <code>{escape(media)}</code> · <code>{escape(name)}</code></p>"
    return ""


def render(spec: dict[str, Any]) -> str:
    info = spec.get("info", {})
    parts = [
        "<!doctype html><html lang='ko'><head><meta charset='utf-8'>",
        f"<title>{escape(info.get('title', 'API'))}</title>",
        "<link rel='stylesheet' href='/site.css'></head><body><main>",
        f"<h1>{escape(info.get('title', 'API'))} <small>{escape(info.get('version', ''))}</small></h1>",
        f"<pre>{escape(info.get('description', ''))}</pre>",
        "<p>기계가 읽는 명세: <a href='/openapi.json'>/openapi.json</a></p>",
    ]
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            statuses = ", ".join(sorted(op.get("responses", {})))
            parts.append(
                "<section><h2><code>{} {}</code></h2><p><strong>{}</strong></p><p>{}</p>{}{}"
                "<p>응답: {}</p></section>".format(
                    method.upper(),
                    escape(path),
                    escape(op.get("summary", "")),
                    escape(op.get("description", "")),
                    _param_rows(op),
                    _body(op),
                    escape(statuses),
                )
            )
    parts.append("</main></body></html>")
    return "".join(parts)


def install_docs(app: FastAPI) -> None:
    """Serve /docs from the app's own OpenAPI document (rendered once, on first request)."""
    page: list[str] = []

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        if not page:
            page.append(render(app.openapi()))
        return HTMLResponse(page[0], headers={"Cache-Control": "public, max-age=300"})
