"""Composition root of the server: the API app with the bot's webhook beside it, under uvicorn.

`api` and `bot` never import each other; this module (and the CLI) put them together.
"""

from __future__ import annotations

import ipaddress
import logging
import multiprocessing
import os
import signal
import socket
import threading
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as ProcessEvent
from typing import Any

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from retrieval.service import RetrievalService
from sosa.errors import ConfigError, IndexNotFound, UnsafeBind
from sosa.logs import configure_logging
from sosa.settings import Settings

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 (also IPv4-mapped) and the name localhost; "" or 0.0.0.0 are not."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        addr = ipaddress.ip_address(name)
    except ValueError:
        return False  # any other name could resolve anywhere
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_loopback


def check_bind(settings: Settings, host: str) -> None:
    """Without API keys the service is for this machine only."""
    try:
        has_keys = bool(settings.parsed_api_keys())
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if not has_keys and not is_loopback(host):
        raise UnsafeBind()


def build_app(settings: Settings, service: RetrievalService | None = None) -> FastAPI:
    """The API app; in webhook mode (token and secret set) the bot's route is mounted beside
    it and shares the app's service (one index in memory)."""
    app = create_app(settings, service)
    if settings.telegram_webhook:
        from bot.app import build_application
        from bot.webhook import build_webhook_router

        app.include_router(build_webhook_router(settings, build_application(settings, None)))
    return app


def check_workers(settings: Settings, workers: int) -> None:
    """Several processes need what they share to live outside them: the rate limits' counters
    (each process would otherwise grant the whole budget again) and the bot's chats."""
    if workers <= 1:
        return
    limited = settings.rate_limit_per_minute > 0 or settings.rate_limit_per_key_per_minute > 0
    if limited and settings.rate_limit_storage.startswith("memory://"):
        raise ConfigError(
            f"서버 프로세스를 {workers}개 띄우려면 요청 한도를 함께 세는 저장소가 필요합니다. "
            "SOSA_RATE_LIMIT_STORAGE=redis://127.0.0.1:6379 처럼 Redis를 지정하거나 "
            "SOSA_WORKERS=1 로 실행해 주세요."
        )
    if settings.telegram_webhook:
        raise ConfigError(
            "텔레그램 웹훅은 대화 기록을 한 프로세스에 두므로 SOSA_WORKERS=1 에서만 받을 수 "
            "있습니다. 봇은 `sosa bot`으로 따로 실행하거나 SOSA_WORKERS=1 로 실행해 주세요."
        )


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory): a spawned worker runs none of the
    CLI, so it reads its settings from the SOSA_ environment `serve` exported, sets up the
    same logging (with secret redaction) and loads its own copy of the index."""
    settings = Settings()
    configure_logging(settings)
    return build_app(settings, RetrievalService.load(settings))


def _uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "log_config": None,  # keep the root logging (with secret redaction) set up by the CLI
        "server_header": False,
        # X-Forwarded-For is believed only from these proxies (the per-client rate limit).
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "timeout_graceful_shutdown": 5,
    }


# Whether each worker process listens on a socket of its own, the kernel spreading new
# connections over them (SO_REUSEPORT). On the one socket uvicorn's workers share, the process
# that wakes first accepts every connection waiting, and keep-alive clients stay with it: eight
# clients opened together were all served by one of two workers, the other idle.
OWN_SOCKETS = hasattr(socket, "SO_REUSEPORT")


def _port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` that other processes' such sockets may share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"{host}:{port} 주소에서 서비스를 열 수 없습니다: {exc}") from exc
    return sock


def _worker(host: str, port: int, ready: ProcessEvent) -> None:
    """One worker process: its own listening socket on the shared port, then uvicorn on it;
    `ready` is set once it serves."""
    settings = Settings()
    configure_logging(settings)

    async def serving() -> None:  # (uvicorn calls it from its loop once it serves)
        if not ready.is_set():
            ready.set()
            logger.info("서버 프로세스 %d가 요청을 받습니다", os.getpid())

    config = uvicorn.Config(
        "sosa.serve:worker_app",
        factory=True,
        host=host,
        port=port,
        callback_notify=serving,
        **_uvicorn_options(settings),
    )
    # (not listening yet: uvicorn listens once the app is loaded, so no connection waits on a
    # worker still loading its index, at start or after a restart)
    uvicorn.Server(config).run(sockets=[_port_socket(host, port)])


def _supervise(host: str, port: int, workers: int) -> None:
    """`workers` worker processes on one port, each listening on its own socket, until SIGINT
    or SIGTERM. A worker that dies after it served is started again; one that dies before (a
    failure at start-up, which another would repeat) stops the server."""
    # Bound, not listening: the port is taken now (or this fails at once), and the kernel hands
    # no connection to a socket that does not listen.
    held = _port_socket(host, port)
    spawn = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def start() -> tuple[BaseProcess, ProcessEvent]:
        ready = spawn.Event()
        proc = spawn.Process(target=_worker, args=(host, port, ready))
        proc.start()
        return proc, ready

    previous = {
        sig: signal.signal(sig, lambda _sig, _frame: stop.set())
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    procs = [start() for _ in range(workers)]
    # (the line uvicorn prints when it listens: tools waiting for it go on working)
    logger.info("Uvicorn running on http://%s:%d (서버 프로세스 %d개)", host, port, workers)
    try:
        while not stop.wait(0.5):
            for i, (proc, ready) in enumerate(procs):
                if proc.is_alive():
                    continue
                if not ready.is_set():
                    raise ConfigError(
                        f"서버 프로세스가 시작하다 끝났습니다 (종료 코드 {proc.exitcode}). "
                        "위의 로그를 확인해 주세요."
                    )
                logger.warning("서버 프로세스 %s가 끝나 다시 띄웁니다", proc.pid)
                procs[i] = start()
    finally:
        for proc, _ready in procs:
            if proc.is_alive():
                proc.terminate()
        for proc, _ready in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
                proc.join()
        held.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(settings: Settings, host: str, port: int, workers: int | None = None) -> None:
    workers = workers or settings.workers
    check_bind(settings, host)
    check_workers(settings, workers)
    if workers > 1:
        if not settings.index_link.exists():  # fail here, before any worker starts
            raise IndexNotFound()
        # Workers are spawned afresh and build their settings from the environment: pass on
        # what the command line set (the rest of SOSA_ is inherited as it is).
        os.environ["SOSA_DATA_DIR"] = str(settings.data_dir.resolve())
        os.environ["SOSA_LOG_LEVEL"] = logging.getLevelName(logging.getLogger().level)
        logger.info(
            "serving on http://%s:%d with %d processes (위젯: /widget.js, 문서: /docs)",
            host,
            port,
            workers,
        )
        if OWN_SOCKETS:
            _supervise(host, port, workers)
            return
        uvicorn.run(
            "sosa.serve:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            **_uvicorn_options(settings),
        )
        return
    # Load before binding: a missing index fails here as a clean CLI error, not a traceback.
    service = RetrievalService.load(settings)
    app = build_app(settings, service)
    config = uvicorn.Config(app, host=host, port=port, **_uvicorn_options(settings))
    logger.info("serving on http://%s:%d (위젯: /widget.js, 문서: /docs)", host, port)
    uvicorn.Server(config).run()
