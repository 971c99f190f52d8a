"""Fixtures for the API tests.

Builds on the suite-wide `service` (a loaded RetrievalService over the ingested corpus,
session-scoped) and `settings_factory(**overrides) -> Settings` from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app


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
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
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
