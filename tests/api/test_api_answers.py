"""Real answers over the ingested corpus, through the HTTP API."""

from __future__ import annotations

from urllib.parse import quote

from tests.api.api_helpers import API_KEYS, STAFF

PLAN = "jb-2023-annual-business-plan.pdf"


async def test_health_reports_the_index(make_client) -> None:
    async with make_client() as c:
        body = (await c.get("/health")).json()
    assert body["status"] == "ok"
    assert body["documents"] >= 5
    assert body["chunks"] > 0


async def test_ask_answers_with_a_cited_figure(make_client) -> None:
    async with make_client() as c:
        resp = await c.post("/v1/ask", json={"question": "대체인력 파견 목표는 몇 건인가요?"})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert set(body) == {"id", "answer", "found", "citations", "facts", "understood"}
        assert body["understood"] is None  # no history: taken as asked
        assert body["found"] is True
        assert "1,500" in body["answer"]
        plan = [x for x in body["citations"] if x["document"] == PLAN]
        assert plan, body["citations"]
        assert "연간수정사업계획서" in plan[0]["title"]
        assert plan[0]["page"]
        # The widget opens the cited passage by its chunk id.
        cited = next(x for x in plan if x["chunk_id"])
        passage = await c.get(f"/v1/passages/{quote(cited['chunk_id'], safe='')}")
        assert passage.status_code == 200
        assert passage.json()["document"] == PLAN
        assert passage.json()["text"]


async def test_ask_strips_whitespace_and_abstains_politely(make_client) -> None:
    async with make_client() as c:
        body = (await c.post("/v1/ask", json={"question": "  제주도 날씨 어때?  "})).json()
    assert body["found"] is False
    assert body["answer"]
    assert body["citations"] == []


async def test_search_returns_ranked_passages(make_client) -> None:
    async with make_client() as c:
        results = (await c.get("/v1/search", params={"q": "긴급돌봄 대표번호", "k": 5})).json()[
            "results"
        ]
    assert 0 < len(results) <= 5
    assert {"document", "title", "section", "page", "text", "score", "chunk_id"} <= set(results[0])
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert any("1522-0365" in r["text"] for r in results)


async def test_facts_endpoints(make_client) -> None:
    async with make_client() as c:
        scores = (await c.get("/v1/scores", params={"year": 2024})).json()["scores"]
        assert scores and all(s["document"] and s["level"] for s in scores)
        assert all(s["year"] in (2024, None) for s in scores)
        targets = (await c.get("/v1/targets", params={"q": "대체인력"})).json()["targets"]
        assert any("1,500" in t["target"] or "1,500" in t["text"] for t in targets)
        budgets = (await c.get("/v1/budgets", params={"q": "역량강화교육"})).json()["budgets"]
        assert budgets and all(b["amount"] for b in budgets)


async def test_documents_list(make_client) -> None:
    async with make_client() as c:
        docs = (await c.get("/v1/documents")).json()["documents"]
    names = {d["document"] for d in docs}
    assert {PLAN, "jb-2024-management-evaluation.pdf"} <= names


async def test_feedback_is_stored(make_client) -> None:
    async with make_client(api_keys=API_KEYS) as c:
        answer = (
            await c.post("/v1/ask", json={"question": "긴급돌봄은 어디로 전화하나요?"})
        ).json()
        first = await c.post("/v1/feedback", json={"answer_id": answer["id"], "helpful": True})
        assert first.status_code == 200, first.text
        second = await c.post(
            "/v1/feedback",
            json={
                "answer_id": answer["id"],
                "helpful": False,
                "comment": "번호가 더 있으면 좋겠어요",
            },
            headers=STAFF,
        )
        assert second.status_code == 200
        assert isinstance(first.json()["id"], int)
        assert second.json()["id"] != first.json()["id"]


async def test_staff_sees_at_least_what_the_public_sees(make_client) -> None:
    async with make_client(api_keys=API_KEYS) as c:
        public = (await c.get("/v1/documents")).json()["documents"]
        staff = (await c.get("/v1/documents", headers=STAFF)).json()["documents"]
    assert len(staff) >= len(public)
