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


def spawned_workers(parent: int) -> list[int]:
    """Worker processes multiprocessing spawned under `parent` (not its resource tracker)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            out.append(int(stat.parent.name))
    return out


def sockets_of(pid: int) -> set[int]:
    """The inodes of the sockets process `pid` holds open."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def connections_to(port: int) -> dict[int, int]:
    """The IPv4 TCP connections accepted on local `port`: socket inode by the peer's port."""
    out = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], int(fields[9])
        if int(local.split(":")[1], 16) == port and inode:
            out[int(remote.split(":")[1], 16)] = inode
    return out
