"""API keys and what public viewers may see."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest

from api.auth import KeyRing
from tests.api.api_helpers import API_KEYS, EVALUATOR_KEY, STAFF, STAFF_KEY, assert_error


def test_key_ring_roles() -> None:
    ring = KeyRing({"alpha-key-1": "staff", "beta-key-2": "evaluator"})
    assert ring.role_for("alpha-key-1") == "staff"
    assert ring.role_for("beta-key-2") == "evaluator"
    assert ring.role_for("alpha-key-") is None
    assert ring.role_for("") is None
    assert not KeyRing({})


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wrong-key-123",
        f"Bearer {STAFF_KEY}x",
        f"Basic {STAFF_KEY}",
        f"{STAFF_KEY}",
        "Bearer",
        "",
    ],
)
async def test_wrong_key_is_401(make_client, header: str) -> None:
    async with make_client(api_keys=API_KEYS) as c:
        resp = await c.get("/v1/documents", headers={"Authorization": header})
        assert_error(resp, 401, "unauthorized")
        assert resp.headers["www-authenticate"] == "Bearer"


async def test_wrong_key_is_401_even_without_keys_configured(make_client) -> None:
    async with make_client() as c:
        assert_error(await c.get("/v1/documents", headers=STAFF), 401)


async def test_valid_keys_and_public(make_client) -> None:
    async with make_client(api_keys=API_KEYS) as c:
        assert (await c.get("/v1/documents", headers=STAFF)).status_code == 200
        evaluator = {"Authorization": f"Bearer {EVALUATOR_KEY}"}
        assert (await c.get("/v1/documents", headers=evaluator)).status_code == 200
        assert (await c.get("/v1/documents")).status_code == 200


async def test_keys_never_logged(make_client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    async with make_client(api_keys=API_KEYS) as c:
        await c.get("/v1/documents", headers=STAFF)
        await c.get("/v1/documents", headers={"Authorization": f"Bearer {STAFF_KEY}-guess"})
        await c.post("/v1/ask", json={"question": "긴급돌봄은 어디로 전화하나요?"}, headers=STAFF)
    assert STAFF_KEY not in caplog.text


def _internal_documents(service) -> set[str]:
    return {d.document for d in service.documents(viewer="staff") if d.audience != "public"}


async def test_public_documents_list_is_public_only(make_client, service) -> None:
    async with make_client(api_keys=API_KEYS) as c:
        public = (await c.get("/v1/documents")).json()["documents"]
        staff = (await c.get("/v1/documents", headers=STAFF)).json()["documents"]
    assert public, "the corpus has public documents"
    assert all(d["audience"] == "public" for d in public)
    assert {d["document"] for d in public} <= {d["document"] for d in staff}
    assert not {d["document"] for d in public} & _internal_documents(service)


@pytest.mark.parametrize("q", ["대체인력", "긴급돌봄", "예산", "연락처", "담당자"])
async def test_public_facts_are_public_only(make_client, service, q: str) -> None:
    internal = _internal_documents(service)
    async with make_client(api_keys=API_KEYS) as c:
        for path, key in (("/v1/targets", "targets"), ("/v1/budgets", "budgets")):
            public = (await c.get(path, params={"q": q})).json()[key]
            staff = (await c.get(path, params={"q": q}, headers=STAFF)).json()[key]
            assert all(r["audience"] == "public" for r in public), (path, q)
            assert not {r["document"] for r in public} & internal
            assert len(public) <= len(staff)


@pytest.mark.parametrize(
    "question",
    ["대체인력 파견 목표는 몇 건인가요?", "긴급돌봄은 어디로 전화하나요?", "담당자 내선번호는?"],
)
async def test_public_answers_and_search_cite_public_documents(
    make_client, service, question: str
) -> None:
    internal = _internal_documents(service)
    async with make_client() as c:
        answer = (await c.post("/v1/ask", json={"question": question})).json()
        results = (await c.get("/v1/search", params={"q": question, "k": 20})).json()["results"]
        cited = {x["document"] for x in answer["citations"]} | {
            f["document"] for f in answer["facts"]
        }
        assert not cited & internal
        assert not {r["document"] for r in results} & internal
        for cite in answer["citations"]:
            if cite["chunk_id"]:
                passage = await c.get(f"/v1/passages/{quote(cite['chunk_id'], safe='')}")
                assert passage.status_code == 200
                assert passage.json()["audience"] == "public"
