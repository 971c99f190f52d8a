"""Rate limits: per client (IPv6 per /64), per API key, answers at once; shared through Redis."""

from __future__ import annotations

import httpx
import pytest

from api.ratelimit import AnswerSlots, Busy
from sosa.errors import RateLimited
from sosa.ratelimit import Limiter, client_key
from tests.api.api_helpers import API_KEYS, STAFF, assert_error, spawned_workers


def test_window_counts_per_key_with_retry_after() -> None:
    limiter = Limiter("memory://")
    for _ in range(3):
        limiter.hit("client", "1.2.3.4", 3)
    with pytest.raises(RateLimited) as exc:
        limiter.hit("client", "1.2.3.4", 3)
    assert 1 <= exc.value.retry_after <= 60
    limiter.hit("client", "5.6.7.8", 3)  # other clients unaffected
    limiter.hit("key", "1.2.3.4", 3)  # other buckets unaffected
    assert limiter.remaining("client", "5.6.7.8", 3) == 2


def test_zero_turns_it_off() -> None:
    limiter = Limiter("memory://")
    for _ in range(1000):
        limiter.hit("client", "1.2.3.4", 0)


def test_ipv6_clients_share_their_64() -> None:
    a, b = client_key("2001:db8:1:2::10"), client_key("2001:db8:1:2:ffff::1")
    assert a == b == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::10") != a
    assert client_key("::ffff:10.0.0.7") == "10.0.0.7"
    assert client_key("10.0.0.7") != client_key("10.0.0.8")


def test_unknown_storage_is_a_clear_config_error() -> None:
    from sosa.errors import ConfigError

    with pytest.raises(ConfigError) as exc:
        Limiter("nosuch://x")
    assert "SOSA_RATE_LIMIT_STORAGE" in exc.value.message


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


async def test_keys_have_their_own_higher_budget(make_client) -> None:
    async with make_client(
        rate_limit_per_minute=1, rate_limit_per_key_per_minute=3, api_keys=API_KEYS
    ) as c:
        for _ in range(3):
            assert (await c.get("/v1/documents", headers=STAFF)).status_code == 200
        assert_error(await c.get("/v1/documents", headers=STAFF), 429, "rate_limited")
        # The key's use did not touch the client's public budget, and vice versa.
        assert (await c.get("/v1/documents")).status_code == 200
        assert_error(await c.get("/v1/documents"), 429)


async def test_failed_key_attempts_are_limited(make_client) -> None:
    async with make_client(rate_limit_per_minute=2, api_keys=API_KEYS) as c:
        bad = {"Authorization": "Bearer guess-1234-guess-5678"}
        assert_error(await c.get("/v1/documents", headers=bad), 401)
        assert_error(await c.get("/v1/documents", headers=bad), 401)
        assert_error(await c.get("/v1/documents", headers=bad), 429)


async def test_limit_off_with_zero(make_client) -> None:
    async with make_client(rate_limit_per_minute=0) as c:
        for _ in range(40):
            assert (await c.get("/v1/documents")).status_code == 200


def test_answer_slots_turn_away_when_full() -> None:
    slots = AnswerSlots(1, wait=0.05)
    with slots.slot(), pytest.raises(Busy), slots.slot():
        pass
    with slots.slot():  # released again
        pass


async def test_busy_answers_get_503_with_retry_after(app_factory, make_client) -> None:
    app = app_factory(max_concurrent_answers=1)
    app.state.answer_slots.wait = 0.05
    async with make_client(app) as c:
        with app.state.answer_slots.slot():  # every slot taken by "another request"
            resp = await c.post("/v1/ask", json={"question": "대체인력 파견 목표는?"})
        assert_error(resp, 503, "busy")
        assert resp.headers["retry-after"] == "1"
        assert (await c.post("/v1/ask", json={"question": "대체인력 파견 목표는?"})).is_success


@pytest.mark.slow
def test_two_servers_share_one_limit_through_redis(sosa_serve, redis_url) -> None:
    env = {"SOSA_RATE_LIMIT_STORAGE": redis_url, "SOSA_RATE_LIMIT_PER_MINUTE": "4"}
    a, b = sosa_serve.many(2, **env)
    with httpx.Client(timeout=30) as c:
        statuses = [c.get(url + "/v1/documents").status_code for url in (a, b, a, b)]
        assert statuses == [200] * 4
        for url in (a, b):  # the budget of 4 is spent across both processes
            resp = c.get(url + "/v1/documents")
            assert_error(resp, 429, "rate_limited")
            assert int(resp.headers["retry-after"]) >= 1
        assert c.get(a + "/health").status_code == 200


@pytest.mark.slow
def test_worker_processes_answer_and_share_one_limit(sosa_serve, redis_url) -> None:
    url = sosa_serve(
        SOSA_WORKERS="2", SOSA_RATE_LIMIT_STORAGE=redis_url, SOSA_RATE_LIMIT_PER_MINUTE="4"
    )
    assert len(spawned_workers(sosa_serve.procs[-1].pid)) == 2
    question = {"question": "대체인력 파견 목표는 몇 건인가요?"}
    statuses = []
    for _ in range(4):  # a new connection each time: either worker may take it
        with httpx.Client(timeout=30) as c:
            resp = c.post(url + "/v1/ask", json=question)
            statuses.append(resp.status_code)
            assert "1,500건" in resp.json()["answer"]
    assert statuses == [200] * 4
    for _ in range(3):  # the budget of 4 is spent, whichever process is asked
        with httpx.Client(timeout=30) as c:
            assert_error(c.post(url + "/v1/ask", json=question), 429, "rate_limited")
