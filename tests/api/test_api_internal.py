"""Internal documents never reach public callers of the API (own small mixed corpus)."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from ingest.pipeline import run_ingest
from retrieval.service import RetrievalService
from tests.api.api_helpers import API_KEYS, STAFF, assert_error
from tests.conftest import write_mixed_corpus

MEMO = "직원 회식 예산은 1인당 30,000원입니다. 담당자 내선번호는 4032입니다.\n"


@pytest.fixture(scope="module")
def mixed_app(tmp_path_factory: pytest.TempPathFactory, settings_factory):
    root = tmp_path_factory.mktemp("mixed")
    folder = write_mixed_corpus(root / "docs", "내부 메모", MEMO)
    settings = settings_factory(data_dir=root / "data", corpus_dir=folder, api_keys=API_KEYS)
    report = run_ingest([folder], settings, progress=False)
    assert not report.failures
    return create_app(settings, service=RetrievalService.load(settings))


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_documents_and_search(mixed_app) -> None:
    async with _client(mixed_app) as c:
        public = (await c.get("/v1/documents")).json()["documents"]
        staff = (await c.get("/v1/documents", headers=STAFF)).json()["documents"]
        assert [d["document"] for d in public] == ["notice.txt"]
        assert {d["document"] for d in staff} == {"memo.txt", "notice.txt"}

        q = {"q": "회식 예산", "k": 10}
        hits = (await c.get("/v1/search", params=q)).json()["results"]
        assert all(h["document"] != "memo.txt" for h in hits)
        staff_hits = (await c.get("/v1/search", params=q, headers=STAFF)).json()["results"]
        assert staff_hits[0]["document"] == "memo.txt"


async def test_answers_and_passages(mixed_app) -> None:
    question = {"question": "직원 회식 예산은 얼마인가요?"}
    async with _client(mixed_app) as c:
        public = (await c.post("/v1/ask", json=question)).json()
        assert "30,000" not in public["answer"]
        assert all(x["document"] != "memo.txt" for x in public["citations"])
        assert all(f["document"] != "memo.txt" for f in public["facts"])

        staff = (await c.post("/v1/ask", json=question, headers=STAFF)).json()
        assert "30,000" in staff["answer"]
        memo_chunk = next(x["chunk_id"] for x in staff["citations"] if x["chunk_id"])
        path = f"/v1/passages/{quote(memo_chunk, safe='')}"
        # Same 404 as a passage that does not exist: nothing to learn by probing.
        hidden = assert_error(await c.get(path), 404)
        missing = assert_error(await c.get("/v1/passages/memo.txt%23nope"), 404)
        assert hidden == missing
        assert (await c.get(path, headers=STAFF)).json()["document"] == "memo.txt"


async def test_facts_hide_internal_rows(mixed_app) -> None:
    async with _client(mixed_app) as c:
        for path, key in (("/v1/targets", "targets"), ("/v1/budgets", "budgets")):
            for q in ("회식", "예산", ""):
                rows = (await c.get(path, params={"q": q})).json()[key]
                assert all(r["document"] != "memo.txt" and r["audience"] == "public" for r in rows)
        contact = (await c.post("/v1/ask", json={"question": "담당자 내선번호는?"})).json()
        assert "4032" not in contact["answer"]
