"""Constants and assertions shared by the API tests (imported by module name, no package)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from pydantic import SecretStr

STAFF_KEY = "staff-test-key-4f9c2a71"
EVALUATOR_KEY = "evaluator-test-key-83be10d5"
API_KEYS = SecretStr(f"{STAFF_KEY}:staff,{EVALUATOR_KEY}:evaluator")
STAFF = {"Authorization": f"Bearer {STAFF_KEY}"}

# Screenshots from the browser test land here (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

HANGUL = re.compile(r"[가-힣]")


def assert_error(resp: httpx.Response, status: int, code: str | None = None) -> dict:
    """The one error shape: {"error": {"code", "message"}} with a Korean message."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert HANGUL.search(body["error"]["message"]), body
    if code:
        assert body["error"]["code"] == code
    return body["error"]


ADMIN_KEY = "admin-test-key-5d1e9b3c"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
