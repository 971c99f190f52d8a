"""The API's limits: requests per client and per API key, and answers computed at once.

Counting is sosa.ratelimit's (the `limits` library; shared through Redis when
SOSA_RATE_LIMIT_STORAGE says so); this module only decides who is counted in which bucket.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sosa.errors import SosaError
from sosa.ratelimit import Limiter, client_key, secret_key
from sosa.settings import Settings

logger = logging.getLogger(__name__)

# How long a request may queue for an answer slot before it is turned away with 503.
ANSWER_QUEUE_SECONDS = 2.0


class Busy(SosaError):
    code = "busy"
    http_status = 503
    message = "지금 질문이 몰려 답변을 만들 수 없습니다. 잠시 후 다시 시도해 주세요."

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__(retry_after=retry_after)
        self.retry_after = retry_after


class ApiLimits:
    """Public requests and failed keys count per client (IPv6 per /64); each valid API key
    has its own, higher budget."""

    def __init__(self, settings: Settings) -> None:
        self.per_client = settings.rate_limit_per_minute
        self.per_key = settings.rate_limit_per_key_per_minute
        self.limiter = Limiter(settings.rate_limit_storage)

    def client(self, address: str) -> None:
        self.limiter.hit("client", client_key(address), self.per_client)

    def key(self, secret: str) -> None:
        self.limiter.hit("key", secret_key(secret), self.per_key)


class AnswerSlots:
    """At most `limit` answers computed at once in this process (0: no cap); others queue up
    to ANSWER_QUEUE_SECONDS, then get 503 with Retry-After."""

    def __init__(self, limit: int, wait: float = ANSWER_QUEUE_SECONDS) -> None:
        self.limit = limit
        self.wait = wait
        self._sem = threading.BoundedSemaphore(limit) if limit > 0 else None

    @contextmanager
    def slot(self) -> Iterator[None]:
        if self._sem is None:
            yield
            return
        if not self._sem.acquire(timeout=self.wait):
            logger.warning("all %d answer slots busy; turned a request away", self.limit)
            raise Busy(retry_after=1)
        try:
            yield
        finally:
            self._sem.release()
