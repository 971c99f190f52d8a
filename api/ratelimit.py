"""Per-client token bucket for public requests (settings.rate_limit_per_minute)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from sosa.errors import RateLimited

# Forget idle clients once the table grows this big, so memory stays bounded under a flood.
_MAX_CLIENTS = 10_000


class RateLimiter:
    """Allows `per_minute` requests per client, refilled smoothly; 0 turns it off."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last seen)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def check(self, client: str) -> None:
        """Take one token for `client` or raise RateLimited with the seconds to wait."""
        if not self.enabled:
            return
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                raise RateLimited(retry_after=max(1, math.ceil((1.0 - tokens) / self.rate)))
            self._buckets[client] = (tokens - 1.0, now)
            if len(self._buckets) > _MAX_CLIENTS:
                self._prune(now)

    def _prune(self, now: float) -> None:
        # A bucket idle long enough to be full again carries no state worth keeping.
        full_after = self.capacity / self.rate
        stale = [c for c, (_, last) in self._buckets.items() if now - last >= full_after]
        for c in stale:
            del self._buckets[c]
        if len(self._buckets) > _MAX_CLIENTS:  # still flooded: drop the oldest half
            by_age = sorted(self._buckets, key=lambda c: self._buckets[c][1])
            for c in by_age[: len(by_age) // 2]:
                del self._buckets[c]
