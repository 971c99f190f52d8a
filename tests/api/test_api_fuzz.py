"""Schemathesis over our own /openapi.json against a real `sosa serve`: no 5xx, still healthy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.api_helpers import STAFF_KEY

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.mark.slow
def test_no_server_errors_under_generated_requests(sosa_serve, tmp_path) -> None:
    # Limits off so generated requests reach the handlers, not the 429 in front of them; a
    # staff key so the generator's bearer tokens do not stop every request at 401.
    url = sosa_serve(
        SOSA_RATE_LIMIT_PER_MINUTE="0",
        SOSA_RATE_LIMIT_PER_KEY_PER_MINUTE="0",
        SOSA_API_KEYS=f"{STAFF_KEY}:staff",
    )
    proc = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,fuzzing",
            "--header",
            f"Authorization: Bearer {STAFF_KEY}",
            "--max-examples",
            "15",
            "--seed",
            "12",
            "--request-timeout",
            "20",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,  # its cassettes and reports stay out of the tree
    )
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, tail
    assert "Server error" not in proc.stdout, tail
    counts = re.search(r"(\d+) generated, (\d+) passed", proc.stdout)
    assert counts and int(counts.group(1)) == int(counts.group(2)) >= 100, tail
    health = httpx.get(url + "/health", timeout=10)
    assert health.status_code == 200 and health.json()["status"] == "ok"
