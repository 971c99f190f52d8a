"""A `sosa serve` process for the benchmarks, on a free loopback port, started and stopped.

The server says when it is ready: at INFO (the default level) "Uvicorn running on" is logged
once the port is taken (by uvicorn, or by `sosa serve`'s own supervisor of several worker
processes) and each worker process logs "Application startup complete." once its index is
loaded; the bench waits for those lines instead of polling /health. Its output is then drained
(and dropped) by a thread so the pipe never fills.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READY = b"Uvicorn running on"
STARTED = b"Application startup complete"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def sosa_serve(
    data_dir: Path, timeout: float, workers: int = 1, **env: str
) -> Iterator[subprocess.Popen]:
    """`sosa serve` over `data_dir` with `workers` processes and the given SOSA_ settings;
    yields the process once it listens and every worker has loaded. A server that exits, or
    is not ready within `timeout` seconds, stops the bench with its last output."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    environ.update({"SOSA_DATA_DIR": str(data_dir), "SOSA_LOG_LEVEL": "INFO", **env})
    environ["SOSA_WORKERS"] = str(workers)
    cmd = [sys.executable, "-m", "sosa.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    seen = b""
    listening, started = False, 0
    try:
        for line in iter(proc.stdout.readline, b""):
            seen = (seen + line)[-4000:]
            listening = listening or READY in line
            started += STARTED in line
            if listening and started >= workers:
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


@contextmanager
def redis_server(timeout: float = 30.0, directory: Path | None = None) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (no snapshots; its working directory
    `directory` if given): the shared rate-limit store several server processes need, for the
    bench and the tests alike. Yields its redis:// URL."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise SystemExit("redis-server is not on PATH (apt-get install redis-server)")
    port = free_port()
    cmd = [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    if directory is not None:
        cmd += ["--dir", str(directory)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    try:
        for line in iter(proc.stdout.readline, b""):
            if b"Ready to accept connections" in line:
                break
        else:
            raise SystemExit("redis-server exited before it was ready")
    finally:
        watchdog.cancel()
    out = proc.stdout
    threading.Thread(target=lambda: [None for _ in iter(out.readline, b"")], daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def url_of(proc: subprocess.Popen) -> str:
    """The loopback URL a process started by sosa_serve listens on."""
    return f"http://127.0.0.1:{proc.args[-1]}"
