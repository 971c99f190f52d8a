"""Settings checked at start (key length, admin role) and the local /docs page."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from api.app import create_app
from sosa.errors import ConfigError
from tests.api.api_helpers import HANGUL


def test_short_api_keys_are_refused_at_start(settings_factory, service) -> None:
    settings = settings_factory(api_keys=SecretStr("short-key-1234:staff"))  # 14 characters
    with pytest.raises(ConfigError) as exc:
        create_app(settings, service=service)
    assert "16자" in exc.value.message and HANGUL.search(exc.value.message)
    assert "short-key-1234" not in exc.value.message  # the key itself is never echoed


async def test_admin_keys_see_internal_like_staff(make_client) -> None:
    admin = "admin-test-key-5d81c0a3"
    async with make_client(api_keys=SecretStr(f"{admin}:admin")) as c:
        resp = await c.get("/v1/documents", headers={"Authorization": f"Bearer {admin}"})
    assert resp.status_code == 200


async def test_docs_are_local_and_script_free(make_client) -> None:
    async with make_client() as c:
        docs = await c.get("/docs")
        spec = (await c.get("/openapi.json")).json()
    assert docs.status_code == 200
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "/v1/ask" in docs.text and spec["paths"]["/v1/ask"]


async def test_docs_can_be_switched_off(make_client) -> None:
    async with make_client(docs=False) as c:
        assert (await c.get("/docs")).status_code == 404
        assert (await c.get("/redoc")).status_code == 404
        assert (await c.get("/openapi.json")).status_code == 200
