"""Document management over HTTP: a real server, real files, the real ingest of a small corpus.

`library_env` / `library_server` (tests/api/conftest.py) index memo.txt (internal) and
notice.txt (public) in a temporary corpus and data dir, so each job re-indexes in seconds.
"""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from tests.api.api_helpers import ADMIN, STAFF, assert_error
from tests.conftest import NOTICE_TEXT, REPO

REAL_DOCS = REPO / "tests" / "data" / "real-docs"

pytestmark = pytest.mark.slow

NOTICE_QUESTION = "긴급돌봄 대표번호는 무엇인가요?"
NOTICE_FIGURE = "1522-0365"  # the figure NOTICE_TEXT gives


def _wait_job(client: httpx.Client, job_id: str, timeout: float = 60) -> dict:
    """Long-poll GET /v1/jobs/{id} (the server holds the request) until the job finishes."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"job {job_id} did not finish in {timeout} s"
        r = client.get(f"/v1/jobs/{job_id}", params={"wait": min(10, left)}, headers=ADMIN)
        assert r.status_code == 200, r.text
        job = r.json()
        if job["status"] in ("done", "failed"):
            return job


def _ask(client: httpx.Client, question: str, headers: dict | None = None) -> dict:
    r = client.post("/v1/ask", json={"question": question}, headers=headers or {})
    assert r.status_code == 200, r.text
    return r.json()


def _upload(client: httpx.Client, name: str, data: bytes, **form: str) -> httpx.Response:
    return client.post(
        "/v1/documents", files={"file": (name, data, "application/octet-stream")}, data=form,
        headers=ADMIN,
    )  # fmt: skip


@pytest.fixture
def client(library_server) -> httpx.Client:
    with httpx.Client(base_url=library_server.url, timeout=60) as c:
        yield c


def test_uploaded_document_answers_and_only_it_is_embedded(client, library_env) -> None:
    # A token unique to this run: its chunks cannot be in the (persistent) embedding cache.
    token = uuid.uuid4().hex[:8]
    text = (
        f"주차장 이용 안내 ({token})\n\n"
        "본관 주차장은 평일 오전 9시부터 오후 6시까지 무료로 이용할 수 있습니다.\n"
        "본관 주차장의 주차 면수는 42면이며, 장애인 전용 주차면은 4면입니다.\n"
    )
    started = time.monotonic()
    r = _upload(client, "../../주차 안내.txt", text.encode(), title=f"주차 안내 {token}",
                year="2025")  # fmt: skip
    assert r.status_code == 202, r.text
    accepted = r.json()
    assert accepted["document"] == "주차 안내.txt"  # no traversal: stored in the corpus root
    job = _wait_job(client, accepted["job"])
    assert job["status"] == "done", job
    assert job["parsed"] == ["주차 안내.txt"]  # the two earlier files came from the parse cache
    assert job["embedded"] == job["summary"]["chunks"] > 0
    assert job["summary"]["figures"] >= 2
    assert (library_env.corpus / "주차 안내.txt").read_text(encoding="utf-8") == text
    manifest = (library_env.corpus / "documents.toml").read_text(encoding="utf-8")
    assert f'title = "주차 안내 {token}"' in manifest and '["notice.txt"]' in manifest

    answer = _ask(client, "본관 주차장의 주차 면수는 몇 면인가요?")
    assert time.monotonic() - started < 60
    assert answer["found"] and "42면" in answer["answer"], answer
    assert answer["citations"][0]["document"] == "주차 안내.txt"

    listed = client.get("/v1/documents", headers=ADMIN).json()["documents"]
    row = next(d for d in listed if d["document"] == "주차 안내.txt")
    assert row["status"] == "active" and row["year"] == 2025 and row["audience"] == "public"


def test_corrupt_upload_fails_and_leaves_everything_as_it_was(client, library_env) -> None:
    before_files = sorted(p.name for p in library_env.corpus.iterdir())
    before_manifest = (library_env.corpus / "documents.toml").read_bytes()
    before_index = library_env.service.index_name

    r = _upload(client, "보고서.pdf", b"%PDF-1.7\n" + b"\x00\x13 not really a pdf " * 50)
    assert r.status_code == 202, r.text
    job = _wait_job(client, r.json()["job"])
    assert job["status"] == "failed"
    assert "PDF" in job["error"] and "문서를 읽지 못했습니다" in job["error"], job["error"]

    assert sorted(p.name for p in library_env.corpus.iterdir()) == before_files
    assert (library_env.corpus / "documents.toml").read_bytes() == before_manifest
    assert library_env.service.index_name == before_index
    assert NOTICE_FIGURE in _ask(client, NOTICE_QUESTION)["answer"]


def test_type_is_checked_by_content_not_name(client) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    assert_error(_upload(client, "사진.pdf", png), 415, "unsupported_file")
    assert_error(_upload(client, "binary.txt", b"\x00\x01\x02" * 100), 415)


def test_admin_only(client) -> None:
    files = {"file": ("a.txt", "안내문".encode(), "text/plain")}
    assert_error(client.post("/v1/documents", files=files), 401)
    assert_error(client.post("/v1/documents", files=files, headers=STAFF), 403, "forbidden")
    assert_error(client.delete("/v1/documents/notice.txt", headers=STAFF), 403)
    assert_error(client.delete("/v1/documents/notice.txt"), 401)
    assert_error(client.get("/v1/jobs/abc", headers=STAFF), 403)
    assert_error(client.get("/v1/feedback/summary", headers=STAFF), 403)
    assert_error(client.get("/v1/feedback/summary"), 401)
    # Staff still see the plain list, without status.
    docs = client.get("/v1/documents", headers=STAFF).json()["documents"]
    assert docs and all("status" not in d for d in docs)


def test_upload_size_limit(library_env) -> None:
    from tests.api.conftest import LiveServer

    with (
        LiveServer(library_env.app(max_upload_mb=1)) as srv,
        httpx.Client(base_url=srv.url, timeout=30) as c,
    ):
        big = ("가나다라마바사 " * 100_000).encode()  # ~2.2 MB of valid text
        err = assert_error(_upload(c, "big.txt", big), 413, "payload_too_large")
        assert "1MB" in err["message"]


def test_retire_and_restore(client, library_env) -> None:
    assert NOTICE_FIGURE in _ask(client, NOTICE_QUESTION)["answer"]
    r = client.delete("/v1/documents/notice.txt", headers=ADMIN)
    assert r.status_code == 202, r.text
    assert _wait_job(client, r.json()["job"])["status"] == "done"

    assert (library_env.corpus / ".archive" / "notice.txt").read_text(encoding="utf-8") == (
        NOTICE_TEXT
    )
    assert not (library_env.corpus / "notice.txt").exists()
    answer = _ask(client, NOTICE_QUESTION)
    assert NOTICE_FIGURE not in answer["answer"]
    hits = client.get("/v1/search", params={"q": "긴급돌봄 대표번호"}, headers=STAFF)
    assert hits.status_code == 200, hits.text
    assert all(h["document"] != "notice.txt" for h in hits.json()["results"])
    listed = client.get("/v1/documents", headers=ADMIN).json()["documents"]
    assert {d["document"]: d["status"] for d in listed}["notice.txt"] == "retired"
    assert_error(client.get("/v1/documents/../../etc/passwd", headers=ADMIN), 404)
    assert_error(client.delete("/v1/documents/..%2F..%2Fetc%2Fpasswd", headers=ADMIN), 404)

    r = client.post("/v1/documents/notice.txt/restore", headers=ADMIN)
    assert r.status_code == 202, r.text
    assert _wait_job(client, r.json()["job"])["status"] == "done"
    assert NOTICE_FIGURE in _ask(client, NOTICE_QUESTION)["answer"]


def test_patch_changes_audience(client) -> None:
    r = client.patch("/v1/documents/notice.txt", json={"audience": "internal"}, headers=ADMIN)
    assert r.status_code == 202, r.text
    assert _wait_job(client, r.json()["job"])["status"] == "done"
    try:
        assert NOTICE_FIGURE not in _ask(client, NOTICE_QUESTION)["answer"]  # public viewer
        assert NOTICE_FIGURE in _ask(client, NOTICE_QUESTION, STAFF)["answer"]
    finally:
        r = client.patch("/v1/documents/notice.txt", json={"audience": "public"}, headers=ADMIN)
        assert _wait_job(client, r.json()["job"])["status"] == "done"
    assert NOTICE_FIGURE in _ask(client, NOTICE_QUESTION)["answer"]


def test_feedback_summary_groups_unanswered_questions(client) -> None:
    unanswered = [
        "수영장 이용 요금은 얼마인가요?",
        "수영장 운영 시간을 알려 주세요",
        "어린이집 입소 대기 순번은?",
    ]
    for q in unanswered:
        assert not _ask(client, q)["found"], q
    helped = _ask(client, NOTICE_QUESTION)
    r = client.post("/v1/feedback", json={"answer_id": helped["id"], "helpful": False,
                                          "comment": "번호가 틀렸어요"})  # fmt: skip
    assert r.status_code == 200, r.text

    r = client.get("/v1/feedback/summary", params={"since": "1d"}, headers=ADMIN)
    assert r.status_code == 200, r.text
    summary = r.json()
    topics = {t["topic"]: t["questions"] for t in summary["unanswered_topics"]}
    assert set(unanswered[:2]) <= set(topics["수영장"])
    assert unanswered[2] not in topics["수영장"]
    assert any(u["question"] == NOTICE_QUESTION and u["comment"] == "번호가 틀렸어요"
               for u in summary["unhelpful_answers"])  # fmt: skip
    assert {c["channel"] for c in summary["by_channel"]} >= {"api"}
    assert sum(w["questions"] for w in summary["by_week"]) == summary["questions"]
    assert "127.0.0.1" not in r.text  # no client addresses
    assert_error(client.get("/v1/feedback/summary", params={"since": "어제"}, headers=ADMIN), 422)


def test_hwp_is_recognised_by_content_whatever_its_name(client, library_env) -> None:
    data = (REAL_DOCS / "moef-fiscal-statistics-2010-11.hwp").read_bytes()
    r = _upload(client, "재정통계 자료.pdf", data, audience="internal")
    assert r.status_code == 202, r.text
    assert r.json()["document"] == "재정통계 자료.hwp"  # the extension follows the content
    job = _wait_job(client, r.json()["job"], timeout=120)
    assert job["status"] == "done", job
    assert job["summary"]["chunks"] > 0 and job["summary"]["figures"] > 0
    listed = client.get("/v1/documents", headers=ADMIN).json()["documents"]
    row = next(d for d in listed if d["document"] == "재정통계 자료.hwp")
    assert row["audience"] == "internal" and row["status"] == "active"
