"""POST /v1/ask with `history`: follow-ups through HTTP, and history validation (422)."""

from __future__ import annotations

import pytest

from tests.api.api_helpers import assert_error

TURN = {"question": "긴급돌봄 서비스는 누가 받을 수 있나요?", "answer": "문서에는 …"}


async def test_follow_up_uses_history_and_says_so(make_client) -> None:
    async with make_client() as c:
        resp = await c.post("/v1/ask", json={"question": "그럼 예산은?", "history": [TURN]})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["understood"] and "긴급돌봄" in body["understood"]
    assert body["answer"].startswith("(앞의 질문에 이어")
    assert any("긴급" in c["section"] for c in body["citations"])


@pytest.mark.parametrize(
    ("history", "needle"),
    [
        ([TURN] * 11, "10개"),
        ([{"question": "가" * 1001, "answer": ""}], "1,000자"),
        ([{"question": "긴급돌봄", "answer": "가" * 1001}], "1,000자"),
        ([{"question": "긴급\u0007돌봄", "answer": ""}], "제어 문자"),
        ([{"question": "긴급돌봄", "answer": "", "extra": 1}], "알 수 없는 항목"),
        ("긴급돌봄", None),
    ],
)
async def test_bad_history_is_422_in_korean(make_client, history, needle) -> None:
    async with make_client() as c:
        resp = await c.post("/v1/ask", json={"question": "그럼 예산은?", "history": history})
    error = assert_error(resp, 422)
    if needle:
        assert needle in error["message"], error
