"""A `sosa serve` process for the benchmarks, on a free loopback port, started and stopped.

The server says when it is ready: at INFO (the default level) uvicorn logs "Uvicorn running on"
once it listens, and the bench waits for that line instead of polling /health. Its output is
then drained (and dropped) by a thread so the pipe never fills.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READY = b"Uvicorn running on"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def sosa_serve(data_dir: Path, timeout: float, **env: str) -> Iterator[subprocess.Popen]:
    """`sosa serve` over `data_dir` with the given SOSA_ settings; yields the process once it
    listens. A server that exits, or says nothing ready within `timeout` seconds, stops the
    bench with its last output."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    environ.update({"SOSA_DATA_DIR": str(data_dir), "SOSA_LOG_LEVEL": "INFO", **env})
    cmd = [sys.executable, "-m", "sosa.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    seen = b""
    try:
        for line in iter(proc.stdout.readline, b""):
            seen = (seen + line)[-4000:]
            if READY in line:
                break
        else:
            raise SystemExit(
                f"sosa serve exited before it was ready (is {data_dir} ingested?):\n"
                + seen.decode(errors="replace")
            )
    finally:
        watchdog.cancel()
    out = proc.stdout
    threading.Thread(target=lambda: [None for _ in iter(out.readline, b"")], daemon=True).start()
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def url_of(proc: subprocess.Popen) -> str:
    """The loopback URL a process started by sosa_serve listens on."""
    return f"http://127.0.0.1:{proc.args[-1]}"
