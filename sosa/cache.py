"""A small LRU cache bounded by bytes, for caches keyed on user input.

An entry-count bound (functools.lru_cache) lets a few thousand long queries hold hundreds of
megabytes; this one charges each entry the approximate size of its key and value, so a flood
of distinct long inputs evicts old entries instead of growing the process.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from itertools import islice
from typing import Any, Generic, TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_ENTRY_OVERHEAD = 120  # OrderedDict node, tuple and bookkeeping per entry, roughly


_SAMPLE = 16  # long containers are sized from their first items, so sizing stays cheap


_SCALARS = frozenset({str, bytes, int, float, bool, type(None)})


def approx_size(value: Any) -> int:
    """Bytes `value` holds, roughly: arrays by buffer, containers by (a sample of) their items."""
    getsizeof = sys.getsizeof
    if type(value) in _SCALARS:  # the common case (a token's form, a text): no isinstance chain
        return getsizeof(value)
    if isinstance(value, np.ndarray):
        return int(value.nbytes) + 112
    if isinstance(value, str | bytes | int | float | bool) or value is None:
        return getsizeof(value)
    if isinstance(value, tuple | list | frozenset | set | dict):
        n = len(value)
        sampled = count = 0
        for v in islice(value.items() if isinstance(value, dict) else value, _SAMPLE):
            # Scalars sized here: a put sizes every token of a text, one call each otherwise.
            sampled += getsizeof(v) if type(v) in _SCALARS else approx_size(v)
            count += 1
        return getsizeof(value) + (sampled * n // count if count else 0)
    return getsizeof(value)


class ByteLRU(Generic[K, V]):
    """Thread-safe LRU holding at most `max_bytes` (keys and values, approximately).

    An entry larger than a quarter of the budget is not cached at all: one huge input must not
    flush everything else.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = int(max_bytes)
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: K) -> tuple[bool, V | None]:
        with self._lock:
            item = self._data.get(key)
            if item is None:
                self.misses += 1
                return False, None
            self._data.move_to_end(key)
            self.hits += 1
            return True, item[0]

    def put(self, key: K, value: V) -> None:
        size = approx_size(key) + approx_size(value) + _ENTRY_OVERHEAD
        if size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._data[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._data:
                _, (_, dropped) = self._data.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0


def byte_lru(max_bytes: int) -> Callable[[Callable[..., V]], Callable[..., V]]:
    """Decorator: memoise a function of hashable positional arguments in a ByteLRU.

    The cache is reachable as `fn.cache` (for tests and clearing).
    """

    def wrap(fn: Callable[..., V]) -> Callable[..., V]:
        cache: ByteLRU[Any, V] = ByteLRU(max_bytes)

        @wraps(fn)
        def cached(*args: Any) -> V:
            key = args if len(args) != 1 else args[0]
            found, value = cache.get(key)
            if found:
                return value  # type: ignore[return-value]
            value = fn(*args)
            cache.put(key, value)
            return value

        cached.cache = cache  # type: ignore[attr-defined]
        return cached

    return wrap
