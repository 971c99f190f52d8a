"""The one rate limiter, on the `limits` library: moving one-minute windows per key.

Storage is a `limits` URI (settings.rate_limit_storage): `memory://` keeps counters in this
process; `redis://host:port` lets several `sosa serve` processes enforce one limit together.
Keys are namespaced by bucket ("client", "key" …); API keys enter only as a digest.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from sosa.errors import ConfigError, RateLimited

logger = logging.getLogger(__name__)

NAMESPACE = "sosa"


def client_key(address: str) -> str:
    """The rate-limit identity of a peer: the address for IPv4, its /64 for IPv6 (one host
    usually holds a whole /64, so per-address limits would not bind)."""
    try:
        addr = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return address
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((addr, 64), strict=False))
    return str(addr)


def secret_key(secret: str) -> str:
    """A stable, non-reversible identity for an API key (never stored in the clear)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Limiter:
    """`hit(bucket, key, per_minute)` takes one request from `key`'s window or raises
    RateLimited with the seconds until the window has room; per_minute 0 means unlimited."""

    def __init__(self, storage_uri: str = "memory://") -> None:
        try:
            self.storage = storage_from_string(storage_uri)
        except Exception as exc:  # unknown scheme or missing driver
            raise ConfigError(
                f"SOSA_RATE_LIMIT_STORAGE 값('{storage_uri.split('@')[-1]}')을 쓸 수 없습니다. "
                "memory:// 또는 redis://호스트:포트 형식으로 적어 주세요."
            ) from exc
        self.strategy = MovingWindowRateLimiter(self.storage)
        self._items: dict[int, RateLimitItemPerMinute] = {}

    def _item(self, per_minute: int) -> RateLimitItemPerMinute:
        item = self._items.get(per_minute)
        if item is None:
            item = self._items[per_minute] = RateLimitItemPerMinute(per_minute, namespace=NAMESPACE)
        return item

    def hit(self, bucket: str, key: str, per_minute: int) -> None:
        if per_minute <= 0:
            return
        item = self._item(per_minute)
        if self.strategy.hit(item, bucket, key):
            return
        stats = self.strategy.get_window_stats(item, bucket, key)
        raise RateLimited(retry_after=max(1, math.ceil(stats.reset_time - time.time())))

    def remaining(self, bucket: str, key: str, per_minute: int) -> int:
        if per_minute <= 0:
            return -1
        return self.strategy.get_window_stats(self._item(per_minute), bucket, key).remaining

    def reset(self) -> None:
        """Forget every counter (tests and `sosa` admin tools)."""
        self.storage.reset()
