"""`sosa serve` safety and the app under a real uvicorn server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bench.serving import free_port
from sosa.errors import ConfigError, UnsafeBind
from sosa.serve import check_bind, check_workers, is_loopback
from sosa.settings import Settings
from tests.api.api_helpers import (
    HANGUL,
    assert_error,
    connections_to,
    sockets_of,
    spawned_workers,
)

SOSA = Path(sys.executable).with_name("sosa")


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),
        ("", False),
        ("::", False),
        ("192.168.0.10", False),
        ("10.0.0.1", False),
        ("example.kr", False),
        ("localhost.example.kr", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_check_bind_needs_keys_beyond_loopback() -> None:
    open_settings = Settings(api_keys=None)
    check_bind(open_settings, "127.0.0.1")
    with pytest.raises(UnsafeBind):
        check_bind(open_settings, "0.0.0.0")
    keyed = Settings(api_keys=SecretStr("a-real-looking-key-91c2:staff"))
    check_bind(keyed, "0.0.0.0")  # allowed: keys configured (nothing is bound here)


def test_several_workers_need_a_shared_limit_store() -> None:
    check_workers(Settings(), 1)  # one process: its own counters are the whole truth
    with pytest.raises(ConfigError) as exc:
        check_workers(Settings(), 2)  # each process would grant the whole budget again
    assert "SOSA_RATE_LIMIT_STORAGE" in exc.value.message and HANGUL.search(exc.value.message)
    check_workers(Settings(rate_limit_storage="redis://127.0.0.1:6379"), 2)
    unlimited = Settings(rate_limit_per_minute=0, rate_limit_per_key_per_minute=0)
    check_workers(unlimited, 3)  # nothing counted, nothing to share
    with pytest.raises(ConfigError):  # the per-key budget is counted too
        check_workers(Settings(rate_limit_per_minute=0), 2)


def test_several_workers_refuse_the_bots_webhook() -> None:
    webhook = Settings(
        rate_limit_storage="redis://127.0.0.1:6379",
        telegram_token=SecretStr("123456:real-looking-bot-token"),
        telegram_webhook_secret=SecretStr("a-real-looking-webhook-secret"),
    )
    check_workers(webhook, 1)
    with pytest.raises(ConfigError) as exc:  # each process would keep its own chats' turns
        check_workers(webhook, 2)
    assert "SOSA_WORKERS=1" in exc.value.message


def test_workers_setting_is_at_least_one() -> None:
    with pytest.raises(ValueError):
        Settings(workers=0)
    assert Settings().workers == 1


@pytest.mark.slow
def test_sosa_serve_refuses_public_bind_without_keys(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    env["SOSA_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.run(
        [str(SOSA), "serve", "--host", "0.0.0.0", "--port", "8765"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "SOSA_API_KEYS" in proc.stderr
    assert HANGUL.search(proc.stderr)
    assert "Traceback" not in proc.stderr


def _raw_request(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b'"}}' in chunk:
                break
        return b"".join(chunks)


@pytest.mark.slow
def test_real_server_survives_bad_requests(live_server) -> None:
    with live_server() as srv, httpx.Client(base_url=srv.url, timeout=30) as c:
        assert c.get("/health").status_code == 200

        def chunked():
            for _ in range(10):
                yield b"a" * 10_000

        big = c.post("/v1/ask", content=chunked(), headers={"content-type": "application/json"})
        assert_error(big, 413, "payload_too_large")
        assert c.get("/health").status_code == 200

        assert_error(
            c.post("/v1/ask", content=b"{oops", headers={"content-type": "application/json"}),
            400,
            "invalid_json",
        )
        assert_error(c.post("/v1/ask", json={"question": "\x07"}), 422, "invalid_question")
        assert_error(c.get("/v1/nope"), 404)

        # A huge declared length is refused before any body is read.
        reply = _raw_request(
            srv.port,
            b"POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 50000000\r\n\r\n",
        )
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        assert b"64KB" in reply

        assert c.get("/health").status_code == 200
        assert c.get("/health").json()["status"] == "ok"


@pytest.mark.slow
def test_connections_opened_together_are_spread_over_the_workers(sosa_serve) -> None:
    # Keep-alive clients stay on the process that accepted them; on one shared socket the
    # process that woke first took every connection waiting, and the other stayed idle.
    off = {"SOSA_RATE_LIMIT_PER_MINUTE": "0", "SOSA_RATE_LIMIT_PER_KEY_PER_MINUTE": "0"}
    url = sosa_serve(SOSA_WORKERS="2", **off)
    port = int(url.rsplit(":", 1)[1])
    clients = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(16)]
    try:
        for c in clients:
            c.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        for c in clients:  # each answered: each accepted by some worker
            assert c.recv(64).startswith(b"HTTP/1.1 200")
        accepted = connections_to(port)
        peers = [accepted[c.getsockname()[1]] for c in clients]
        workers = spawned_workers(sosa_serve.procs[-1].pid)
        served = [sum(inode in sockets_of(pid) for inode in peers) for pid in workers]
        # (each connection goes to a worker by its address's hash: all 16 on one, 1 in 2**15)
        assert len(workers) == 2 and sum(served) == 16 and min(served) >= 1, served
    finally:
        for c in clients:
            c.close()


def _serve_workers(env: dict[str, str], port: int) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    environ.update(
        {
            "SOSA_WORKERS": "2",
            "SOSA_LOG_LEVEL": "INFO",
            "SOSA_RATE_LIMIT_PER_MINUTE": "0",
            "SOSA_RATE_LIMIT_PER_KEY_PER_MINUTE": "0",
            **env,
        }
    )
    return subprocess.Popen(
        [str(SOSA), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _said(proc: subprocess.Popen, *markers: bytes, timeout: float = 180.0) -> bytes:
    """The server's output up to the line holding the last of `markers`, each in turn
    (blocking on its output: the server says when something happened). A server silent for
    `timeout` seconds is killed, which ends its output and fails the test."""
    assert proc.stdout is not None
    seen = b""
    waiting = list(markers)
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    try:
        for line in iter(proc.stdout.readline, b""):
            seen += line
            if waiting and waiting[0] in line:
                waiting.pop(0)
            if not waiting:
                return seen
    finally:
        watchdog.cancel()
    raise AssertionError(f"{waiting[0]!r} never said:\n{seen.decode(errors='replace')[-3000:]}")


@pytest.mark.slow
def test_a_worker_that_dies_while_serving_is_started_again(corpus_data_dir) -> None:
    port = free_port()
    proc = _serve_workers({"SOSA_DATA_DIR": str(corpus_data_dir)}, port)
    try:
        ready = "가 요청을 받습니다".encode()  # (a worker serving, after it set its readiness)
        _said(proc, ready, ready)
        first = spawned_workers(proc.pid)
        assert len(first) == 2
        os.kill(first[0], signal.SIGKILL)
        _said(proc, "다시 띄웁니다".encode(), ready)
        now = spawned_workers(proc.pid)
        assert len(now) == 2 and first[0] not in now and first[1] in now
        with httpx.Client(timeout=30) as c:
            assert c.get(f"http://127.0.0.1:{port}/health").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_workers_failing_at_start_up_stop_the_server(tmp_path) -> None:
    # The index link resolves (the parent's check passes) to a folder holding no index: each
    # worker fails as it loads, and another would fail the same way.
    data = tmp_path / "data"
    (data / "empty").mkdir(parents=True)
    (data / "current").symlink_to(data / "empty")
    proc = _serve_workers({"SOSA_DATA_DIR": str(data)}, free_port())
    out, _ = proc.communicate(timeout=180)
    assert proc.returncode != 0
    assert "서버 프로세스가 시작하다 끝났습니다" in out.decode(), out.decode()[-2000:]
