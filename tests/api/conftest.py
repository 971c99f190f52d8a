"""Fixtures for the API tests.

Builds on the suite-wide `service` (a loaded RetrievalService over the ingested corpus,
session-scoped) and `settings_factory(**overrides) -> Settings` from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from bench.serving import redis_server

SOSA = Path(sys.executable).with_name("sosa")


@pytest.fixture
def app_factory(settings_factory, service) -> Callable[..., FastAPI]:
    """create_app over the real service; rate limiting off unless a test turns it on."""

    def make(**overrides: object) -> FastAPI:
        overrides.setdefault("rate_limit_per_minute", 0)
        return create_app(settings_factory(**overrides), service=service)

    return make


@pytest.fixture
def make_client(app_factory) -> Callable[..., httpx.AsyncClient]:
    """An httpx client talking to a fresh app in-process: `async with make_client() as c:`."""

    def make(app: FastAPI | None = None, **overrides: object) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app or app_factory(**overrides)),
            base_url="http://testserver",
            timeout=30,
        )

    return make


class _SignallingServer(uvicorn.Server):
    """uvicorn's server, telling a waiting test the moment its startup is complete."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


class LiveServer:
    """The app under a real uvicorn in a background thread, on a free 127.0.0.1 port."""

    def __init__(self, app: FastAPI, startup_timeout: float = 30.0) -> None:
        self.app = app
        self.startup_timeout = startup_timeout
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Bound before uvicorn starts: no race for the port with other tests.
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", log_config=None, lifespan="on")
        self.server = _SignallingServer(config)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.server.ready.set()  # a server that died wakes the waiter too

    def __enter__(self) -> LiveServer:
        self.thread.start()
        if not self.server.ready.wait(self.startup_timeout) or not self.server.started:
            raise RuntimeError("uvicorn did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        with contextlib.suppress(OSError):
            self.sock.close()


@pytest.fixture
def live_server(app_factory) -> Iterator[Callable[..., LiveServer]]:
    """`with live_server(**settings_overrides) as srv:` → srv.url"""
    started: list[LiveServer] = []

    def start(app: FastAPI | None = None, **overrides: object) -> LiveServer:
        srv = LiveServer(app or app_factory(**overrides))
        started.append(srv)
        return srv

    yield start
    for srv in started:  # stop anything a failing test left running
        if srv.thread.is_alive():
            srv.__exit__(None, None, None)


# --- document management: a small corpus of its own, so jobs are fast and the real one stays ---


class LibraryEnv:
    """A temporary corpus + data dir, indexed, with a loaded service over it."""

    def __init__(self, root: Path) -> None:
        from pydantic import SecretStr

        from ingest.pipeline import run_ingest
        from retrieval.service import RetrievalService
        from sosa.settings import Settings
        from tests.api.api_helpers import ADMIN_KEY, STAFF_KEY
        from tests.conftest import use_persistent_cache, write_mixed_corpus

        self.corpus = write_mixed_corpus(root / "corpus", "내부 메모", LIBRARY_MEMO)
        self.data = root / "data"
        use_persistent_cache(self.data)
        self.settings = Settings(
            data_dir=self.data,
            corpus_dir=self.corpus,
            api_keys=SecretStr(f"{ADMIN_KEY}:admin,{STAFF_KEY}:staff"),
            rate_limit_per_minute=0,
        )
        report = run_ingest([self.corpus], self.settings, progress=False)
        assert not report.failures and report.documents == 2, report.summary()
        self.service = RetrievalService.load(self.settings)

    def app(self, **overrides: object) -> FastAPI:
        settings = self.settings.model_copy(update=overrides) if overrides else self.settings
        return create_app(settings, service=self.service)


LIBRARY_MEMO = "직원 회식 예산은 1인당 30,000원입니다.\n"


@pytest.fixture(scope="module")
def library_env(tmp_path_factory: pytest.TempPathFactory) -> LibraryEnv:
    return LibraryEnv(tmp_path_factory.mktemp("library"))


@pytest.fixture(scope="module")
def library_server(library_env: LibraryEnv) -> Iterator[LiveServer]:
    with LiveServer(library_env.app()) as srv:
        yield srv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read_until(
    proc: subprocess.Popen, marker: bytes, log_path: Path, timeout: float = 120.0, count: int = 1
) -> None:
    """Block on the process's output until `marker` has appeared `count` times: it is the
    process saying it is ready, so no polling. Everything it writes goes to `log_path`; after the marker a thread
    keeps draining the pipe. A process that dies, or says nothing for `timeout` seconds (then it
    is killed), fails the test with its output."""
    assert proc.stdout is not None
    log = log_path.open("ab")
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    seen = b""
    try:
        for line in iter(proc.stdout.readline, b""):
            log.write(line)
            log.flush()
            seen += line
            count -= marker in line
            if count <= 0:
                break
        else:
            raise RuntimeError(
                f"process exited before {marker!r}:\n{seen.decode(errors='replace')[-2000:]}"
            )
    finally:
        watchdog.cancel()

    def drain() -> None:
        with log:
            for rest in iter(proc.stdout.readline, b""):  # type: ignore[union-attr]
                log.write(rest)

    threading.Thread(target=drain, daemon=True).start()


class _Servers:
    """`sosa_serve(**env)`: one server's URL; `sosa_serve.many(n, **env)`: n URLs."""

    def __init__(self, start_many: Callable[..., list[str]], procs: list[subprocess.Popen]) -> None:
        self.many = start_many
        self.procs = procs  # the `sosa serve` processes started, oldest first

    def __call__(self, **env: str) -> str:
        return self.many(1, **env)[0]


@pytest.fixture
def sosa_serve(corpus_data_dir, tmp_path) -> Iterator[_Servers]:
    """`url = sosa_serve(SOSA_X="…")`: a real `sosa serve` process over the session's index on
    a free loopback port; its stderr goes to a file under tmp_path. Stopped after the test."""
    procs: list[subprocess.Popen] = []

    def launch(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
        port = free_port()
        environ = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
        # INFO: uvicorn says "Uvicorn running on …" once it listens; that line is the signal.
        environ.update({"SOSA_DATA_DIR": str(corpus_data_dir), "SOSA_LOG_LEVEL": "INFO", **env})
        proc = subprocess.Popen(
            [str(SOSA), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        procs.append(proc)
        return proc, port

    def start_many(count: int, **env: str) -> list[str]:
        """`count` servers started side by side (their start-ups overlap): their URLs."""
        started = [launch(env) for _ in range(count)]
        workers = int(env.get("SOSA_WORKERS", "1"))
        for proc, port in started:
            log = tmp_path / f"serve-{port}.log"
            if workers > 1:  # the parent listens first; each worker then loads its index
                _read_until(proc, b"Application startup complete", log, count=workers)
            else:
                _read_until(proc, b"Uvicorn running on", log)
        return [f"http://127.0.0.1:{port}" for _proc, port in started]

    yield _Servers(start_many, procs)
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """A real redis-server on a free port, its files in a temp dir (the bench's own)."""
    if shutil.which("redis-server") is None:
        pytest.fail(
            "redis-server가 PATH에 없습니다: make test가 설치합니다 (apt-get install redis-server)"
        )
    with redis_server(directory=tmp_path) as url:
        yield url


# --- policy: an internal memo, a public notice and a public plan with a staff contact table ---

POLICY_MEMO = "직원 회식 예산은 1인당 30,000원입니다. 회식 장소는 내부 게시판에 공지합니다.\n"
POLICY_MEMO_MARKERS = ("회식", "30,000")


@pytest.fixture(scope="session")
def policy_service(tmp_path_factory: pytest.TempPathFactory, settings_factory):
    from ingest.pipeline import run_ingest
    from retrieval.service import RetrievalService
    from tests.api.api_helpers import API_KEYS
    from tests.conftest import use_persistent_cache, write_mixed_corpus

    root = tmp_path_factory.mktemp("policy")
    folder = write_mixed_corpus(root / "docs", "내부 메모", POLICY_MEMO, contacts=True)
    use_persistent_cache(root / "data")
    settings = settings_factory(
        data_dir=root / "data", corpus_dir=folder, api_keys=API_KEYS, rate_limit_per_minute=0
    )
    report = run_ingest([folder], settings, progress=False)
    assert not report.failures and report.documents == 3, report.summary()
    return RetrievalService.load(settings)


@pytest.fixture
def policy_client(policy_service) -> Callable[[], httpx.AsyncClient]:
    def make() -> httpx.AsyncClient:
        app = create_app(policy_service.settings, service=policy_service)
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", timeout=30
        )

    return make


REPORT = "jb-2024-management-evaluation.pdf"


@pytest.fixture(scope="session")
def internal_report_service(tmp_path_factory: pytest.TempPathFactory, settings_factory):
    """The real corpus with the evaluation report marked internal (parses and embeddings come
    from the shared cache, so this ingest takes seconds)."""
    from retrieval.service import RetrievalService
    from tests.api.api_helpers import API_KEYS
    from tests.conftest import CORPUS, ingest_sharing_cache, use_persistent_cache

    root = tmp_path_factory.mktemp("internal-report")
    folder = root / "corpus"
    folder.mkdir()
    for f in CORPUS.iterdir():
        if f.name != "documents.toml":
            (folder / f.name).symlink_to(f)
    manifest = (CORPUS / "documents.toml").read_text(encoding="utf-8")
    head, _, rest = manifest.partition(f'["{REPORT}"]')
    block, sep, tail = rest.partition("\n\n")
    assert 'audience = "public"' in block
    block = block.replace('audience = "public"', 'audience = "internal"')
    (folder / "documents.toml").write_text(
        head + f'["{REPORT}"]' + block + sep + tail, encoding="utf-8"
    )
    use_persistent_cache(root / "data")
    settings = settings_factory(
        data_dir=root / "data", corpus_dir=folder, api_keys=API_KEYS, rate_limit_per_minute=0
    )
    report = ingest_sharing_cache([folder], settings)
    assert not report.failures, report.failures
    return RetrievalService.load(settings)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Headless Debian Chromium under Playwright (as in test_widget_browser.py)."""
    import shutil

    playwright_sync = pytest.importorskip("playwright.sync_api")
    path = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is not installed at /usr/bin/chromium (make test installs it)")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=args, timeout=60_000)
        yield browser
        browser.close()
