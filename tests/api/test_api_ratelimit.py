"""Per-client rate limit for public requests: 429 with Retry-After; keyed requests exempt."""

from __future__ import annotations

import pytest

from api.ratelimit import RateLimiter
from sosa.errors import RateLimited
from tests.api.api_helpers import API_KEYS, STAFF, assert_error


class FakeClock:
    """A clock the test moves by hand (time is an input here, not our code)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_refills_over_time() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=3, clock=clock)
    for _ in range(3):
        limiter.check("1.2.3.4")
    with pytest.raises(RateLimited) as exc:
        limiter.check("1.2.3.4")
    assert exc.value.retry_after == 20  # one token every 20 s at 3/min
    limiter.check("5.6.7.8")  # other clients unaffected
    clock.now += 20
    limiter.check("1.2.3.4")
    with pytest.raises(RateLimited):
        limiter.check("1.2.3.4")


def test_zero_turns_it_off() -> None:
    limiter = RateLimiter(per_minute=0)
    for _ in range(1000):
        limiter.check("1.2.3.4")


def test_many_clients_stay_bounded() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=30, clock=clock)
    for i in range(25_000):
        clock.now += 0.01
        limiter.check(f"10.0.{i // 250}.{i % 250}")
    assert len(limiter._buckets) <= 10_001


async def test_public_requests_get_429_with_retry_after(make_client) -> None:
    async with make_client(rate_limit_per_minute=2) as c:
        assert (await c.get("/v1/documents")).status_code == 200
        assert (await c.get("/v1/search", params={"q": "돌봄"})).status_code == 200
        resp = await c.post("/v1/ask", json={"question": "긴급돌봄은 어디로 전화하나요?"})
        assert_error(resp, 429, "rate_limited")
        assert int(resp.headers["retry-after"]) >= 1
        # Health and the widget are not rate limited.
        assert (await c.get("/health")).status_code == 200
        assert (await c.get("/widget.js")).status_code == 200


async def test_keyed_requests_are_not_limited(make_client) -> None:
    async with make_client(rate_limit_per_minute=1, api_keys=API_KEYS) as c:
        for _ in range(5):
            assert (await c.get("/v1/documents", headers=STAFF)).status_code == 200
        assert (await c.get("/v1/documents")).status_code == 200
        assert_error(await c.get("/v1/documents"), 429)


async def test_failed_key_attempts_are_limited(make_client) -> None:
    async with make_client(rate_limit_per_minute=2, api_keys=API_KEYS) as c:
        bad = {"Authorization": "Bearer guess-1234"}
        assert_error(await c.get("/v1/documents", headers=bad), 401)
        assert_error(await c.get("/v1/documents", headers=bad), 401)
        assert_error(await c.get("/v1/documents", headers=bad), 429)


async def test_limit_off_with_zero(make_client) -> None:
    async with make_client(rate_limit_per_minute=0) as c:
        for _ in range(40):
            assert (await c.get("/v1/documents")).status_code == 200
