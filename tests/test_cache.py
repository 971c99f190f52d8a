"""The byte-bounded LRU used for every cache keyed on user input."""

from __future__ import annotations

import numpy as np

from sosa.cache import ByteLRU, approx_size, byte_lru


def test_bounded_by_bytes_not_entries() -> None:
    cache: ByteLRU[str, str] = ByteLRU(200_000)
    for i in range(5_000):
        cache.put(f"{i:05d}" + "가" * 1000, "나" * 1000)  # ~4 KB an entry
        assert cache.bytes <= cache.max_bytes
    assert 10 < len(cache) < 100
    assert cache.get("04999" + "가" * 1000)[0]  # the newest stay
    assert not cache.get("00000" + "가" * 1000)[0]  # the oldest went


def test_lru_order_and_oversized_entries() -> None:
    cache: ByteLRU[str, bytes] = ByteLRU(10_000)
    cache.put("a", b"x" * 1000)
    cache.put("b", b"x" * 1000)
    cache.get("a")  # touched: "b" is now the least recently used
    for i in range(20):
        cache.put(f"k{i}", b"x" * 1000)
        cache.get("a")
    assert cache.get("a")[0] and not cache.get("b")[0]
    cache.put("huge", b"x" * 5000)  # over a quarter of the budget: not cached at all
    assert not cache.get("huge")[0]


def test_decorator_memoises_and_sizes_arrays() -> None:
    calls: list[str] = []

    @byte_lru(1_000_000)
    def vec(text: str) -> np.ndarray:
        calls.append(text)
        return np.ones(384, dtype=np.float32)

    vec("질문")
    vec("질문")
    assert calls == ["질문"]
    assert approx_size(np.ones(384, dtype=np.float32)) >= 384 * 4
    assert vec.cache.bytes > 384 * 4  # type: ignore[attr-defined]
