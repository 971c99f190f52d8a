"""Bad input gets a JSON 4xx with a Korean message, and the service stays up."""

from __future__ import annotations

import pytest

from tests.api.api_helpers import assert_error

ASK_BAD_BODIES = [
    pytest.param({"question": ""}, 422, "invalid_question", id="empty"),
    pytest.param({"question": "   \n\t "}, 422, "invalid_question", id="whitespace"),
    pytest.param({"question": "가" * 1001}, 422, "invalid_question", id="too-long"),
    pytest.param({"question": "긴급돌봄\x00번호"}, 422, "invalid_question", id="nul"),
    pytest.param({"question": "질문\x1b[31m"}, 422, "invalid_question", id="escape"),
    pytest.param({"question": "질문", "extra": 1}, 422, "invalid_request", id="extra-field"),
    pytest.param({"questoin": "질문"}, 422, "invalid_request", id="misspelt-field"),
    pytest.param({}, 422, "invalid_request", id="missing"),
    pytest.param({"question": 42}, 422, "invalid_request", id="number"),
    pytest.param({"question": ["질문"]}, 422, "invalid_request", id="list"),
    pytest.param({"question": None}, 422, "invalid_request", id="null"),
    pytest.param(["질문"], 422, "invalid_request", id="array-body"),
]


@pytest.mark.parametrize(("body", "status", "code"), ASK_BAD_BODIES)
async def test_ask_rejects_bad_bodies(make_client, body, status, code) -> None:
    async with make_client() as c:
        assert_error(await c.post("/v1/ask", json=body), status, code)
        assert (await c.get("/health")).status_code == 200


async def test_question_limit_is_1000_characters(make_client) -> None:
    async with make_client() as c:
        err = assert_error(await c.post("/v1/ask", json={"question": "가" * 1001}), 422)
        assert "1,000" in err["message"]


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        pytest.param(
            b'{"question": "',
            {"content-type": "application/json"},
            400,
            "invalid_json",
            id="truncated",
        ),
        pytest.param(
            b"{question: hi}",
            {"content-type": "application/json"},
            400,
            "invalid_json",
            id="not-json",
        ),
        pytest.param(
            b'{"question": "\\ud800"}',
            {"content-type": "application/json"},
            422,
            "invalid_question",
            id="lone-surrogate",
        ),
        pytest.param(
            b'{"question": "hi"}',
            {"content-type": "text/plain"},
            422,
            "invalid_request",
            id="wrong-content-type",
        ),
        pytest.param(
            b"", {"content-type": "application/json"}, 422, "invalid_request", id="empty-body"
        ),
        pytest.param(b"\xff\xfe", {"content-type": "application/json"}, 400, None, id="not-utf8"),
    ],
)
async def test_ask_rejects_malformed_bodies(make_client, content, headers, status, code) -> None:
    async with make_client() as c:
        assert_error(await c.post("/v1/ask", content=content, headers=headers), status, code)
        assert (await c.get("/health")).status_code == 200


async def test_body_over_64kb_rejected_by_content_length(make_client) -> None:
    big = b'{"question": "' + b"a" * (64 * 1024) + b'"}'
    async with make_client() as c:
        assert_error(
            await c.post("/v1/ask", content=big, headers={"content-type": "application/json"}),
            413,
            "payload_too_large",
        )
        assert (await c.get("/health")).status_code == 200


async def test_body_over_64kb_rejected_while_streaming(make_client) -> None:
    async def chunks():  # no Content-Length: chunked upload
        yield b'{"question": "'
        for _ in range(20):
            yield b"a" * 8192
        yield b'"}'

    async with make_client() as c:
        resp = await c.post(
            "/v1/ask", content=chunks(), headers={"content-type": "application/json"}
        )
        assert "content-length" not in resp.request.headers
        assert_error(resp, 413, "payload_too_large")
        assert (await c.get("/health")).status_code == 200


async def test_feedback_validation(make_client) -> None:
    async with make_client() as c:
        assert_error(await c.post("/v1/feedback", json={"answer_id": "x", "helpful": "yes"}), 422)
        assert_error(await c.post("/v1/feedback", json={"answer_id": "x", "helpful": 1}), 422)
        assert_error(await c.post("/v1/feedback", json={"helpful": True}), 422)
        assert_error(
            await c.post("/v1/feedback", json={"answer_id": "x", "helpful": True, "stars": 5}), 422
        )
        assert_error(
            await c.post(
                "/v1/feedback", json={"answer_id": "x", "helpful": True, "comment": "가" * 1001}
            ),
            422,
        )


@pytest.mark.parametrize(
    "url",
    [
        "/v1/search",
        "/v1/search?q=",
        "/v1/search?q=%20%20",
        "/v1/search?q=%01abc",
        "/v1/search?q=돌봄&k=0",
        "/v1/search?q=돌봄&k=100",
        "/v1/search?q=돌봄&k=many",
        "/v1/scores?year=작년",
        "/v1/scores?year=99999",
        "/v1/targets?q=" + "가" * 201,
    ],
)
async def test_query_validation(make_client, url) -> None:
    async with make_client() as c:
        assert_error(await c.get(url), 422)


async def test_unknown_route_and_method(make_client) -> None:
    async with make_client() as c:
        assert_error(await c.get("/v1/nothing-here"), 404, "not_found")
        assert_error(await c.get("/v1/ask"), 405, "method_not_allowed")
        resp = await c.delete("/v1/feedback")
        assert_error(resp, 405)
        assert "POST" in resp.headers.get("allow", "")
        assert (await c.get("/health")).status_code == 200


async def test_missing_passage_is_json_404(make_client) -> None:
    async with make_client() as c:
        assert_error(await c.get("/v1/passages/no-such-chunk-id"), 404)
