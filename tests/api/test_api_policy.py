"""One policy on every route: public callers never get staff contacts or internal text.

Over a tiny corpus (tests/conftest.py `write_mixed_corpus(..., contacts=True)`): an internal
memo, a public notice, and a public plan whose contact table names staff with extensions and a
mobile number. Each route is asked as the public and with a staff key.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from tests.api.api_helpers import STAFF
from tests.api.conftest import POLICY_MEMO_MARKERS, REPORT
from tests.conftest import PUBLIC_LINES, STAFF_EXTENSIONS, STAFF_MOBILE, STAFF_NAMES

CONTACT_QUERY = "긴급돌봄 지원사업 담당자 연락처"
PERSONAL = (*STAFF_NAMES, *STAFF_EXTENSIONS, STAFF_MOBILE)


def assert_clean(body: object) -> None:
    """Nothing personal and nothing of the internal memo anywhere in a public response."""
    text = json.dumps(body, ensure_ascii=False)
    for secret in (*PERSONAL, *POLICY_MEMO_MARKERS, "memo.txt"):
        assert secret not in text, (secret, text[:500])


async def test_search(policy_client) -> None:
    async with policy_client() as c:
        params = {"q": CONTACT_QUERY, "k": 10}
        public = (await c.get("/v1/search", params=params)).json()
        staff = (await c.get("/v1/search", params=params, headers=STAFF)).json()
        internal = (await c.get("/v1/search", params={"q": "회식 예산", "k": 10})).json()
    assert_clean(public)
    assert_clean(internal)
    plan = [h for h in public["results"] if h["document"] == "plan.txt"]
    assert plan, public  # the contact passage is found, only redacted
    assert "[비공개]" in " ".join(h["text"] for h in plan)
    assert any(line in h["text"] for h in plan for line in PUBLIC_LINES)
    staff_text = " ".join(h["text"] for h in staff["results"])
    assert all(s in staff_text for s in PERSONAL)


async def test_passages(policy_client) -> None:
    async with policy_client() as c:
        hits = (
            await c.get("/v1/search", params={"q": CONTACT_QUERY, "k": 10}, headers=STAFF)
        ).json()["results"]
        contact = next(h["chunk_id"] for h in hits if "박서연" in h["text"])
        path = f"/v1/passages/{quote(contact, safe='')}"
        public = await c.get(path)
        staff = (await c.get(path, headers=STAFF)).json()
        memo = next(
            h["chunk_id"]
            for h in (await c.get("/v1/search", params={"q": "회식 예산"}, headers=STAFF)).json()[
                "results"
            ]
            if h["document"] == "memo.txt"
        )
        hidden = await c.get(f"/v1/passages/{quote(memo, safe='')}")
    assert public.status_code == 200
    assert_clean(public.json())
    assert "박서연" in staff["text"] and "4045" in staff["text"]
    assert hidden.status_code == 404
    assert_clean(hidden.json())


async def test_ask_and_feedback(policy_client, policy_service) -> None:
    async with policy_client() as c:
        public = (await c.post("/v1/ask", json={"question": CONTACT_QUERY + "는?"})).json()
        memo = (await c.post("/v1/ask", json={"question": "직원 회식 예산은 얼마인가요?"})).json()
        staff = (
            await c.post("/v1/ask", json={"question": CONTACT_QUERY + "는?"}, headers=STAFF)
        ).json()
        vote = await c.post("/v1/feedback", json={"answer_id": public["id"], "helpful": False})
    assert_clean(public)
    # The contact table is all the documents say, and all of it is withheld from the public:
    # no answer, rather than a quote of "[비공개]" marks.
    assert not public["found"] and "[비공개]" not in public["answer"], public["answer"]
    assert_clean(memo)
    staff_text = json.dumps(staff, ensure_ascii=False)
    assert "박서연" in staff_text or "4045" in staff_text, staff_text[:500]
    assert vote.status_code == 200 and set(vote.json()) == {"id"}
    # What was stored for the public answer is what the public was shown.
    with policy_service.feedback.lock:
        stored = policy_service.feedback.conn.execute(
            "SELECT answer FROM answers WHERE id=?", (public["id"],)
        ).fetchone()
    assert stored is not None
    assert_clean(stored[0])


async def test_documents_and_fact_tables(policy_client) -> None:
    async with policy_client() as c:
        public_docs = (await c.get("/v1/documents")).json()
        staff_docs = (await c.get("/v1/documents", headers=STAFF)).json()
        tables = {}
        for path, q in (
            ("/v1/scores", "예산"),
            ("/v1/targets", "회식"),
            ("/v1/budgets", "회식 예산"),
            ("/v1/targets", "긴급돌봄"),
        ):
            tables[path + q] = (await c.get(path, params={"q": q})).json()
    assert_clean(public_docs)
    assert {d["document"] for d in staff_docs["documents"]} == {
        "memo.txt",
        "notice.txt",
        "plan.txt",
    }
    for body in tables.values():
        assert_clean(body)


def test_service_applies_it_for_every_channel(policy_service) -> None:
    """The bot and the widget call the same facade: public viewers get the redacted text."""
    for viewer in ("public", "staff", "evaluator", "admin"):
        answer = policy_service.ask(CONTACT_QUERY + "는?", viewer=viewer, channel="telegram")
        hits = policy_service.search(CONTACT_QUERY, k=10, viewer=viewer)
        text = answer.model_dump_json() + "".join(h.text for h in hits)
        if viewer == "public":
            assert_clean(text)
        else:
            assert "박서연" in text and STAFF_MOBILE in text


@pytest.mark.slow
async def test_scores_follow_the_report_audience(internal_report_service) -> None:
    """/v1/scores (which once took no viewer) over the real corpus with the evaluation report
    marked internal: public callers get no row of it, staff get them all."""
    app = create_app(internal_report_service.settings, service=internal_report_service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        public = (await c.get("/v1/scores", params={"q": "총점"})).json()["scores"]
        staff = (await c.get("/v1/scores", params={"q": "총점"}, headers=STAFF)).json()["scores"]
        ask = (await c.post("/v1/ask", json={"question": "2024년 경영평가 총점은?"})).json()
    assert all(r["document"] != REPORT for r in public)
    # The facade itself decides (the bot calls it without the API's second check).
    rows = internal_report_service.scores(q="총점", viewer="public")
    assert rows and all(r.document != REPORT for r in rows)
    assert any(r["document"] == REPORT for r in staff)
    assert all(x["document"] != REPORT for x in ask["citations"])
