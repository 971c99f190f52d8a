"""Request dependencies: the loaded service, the settings and who is asking.

Routes declare these with `Annotated[..., Depends(...)]`; the objects themselves live on
`app.state`, set once by the app factory or its lifespan.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import KeyRing
from api.errors import ServiceUnavailable
from api.ratelimit import AnswerSlots, ApiLimits
from retrieval.service import RetrievalService
from sosa.errors import Unauthorized
from sosa.models import Viewer
from sosa.settings import Settings

logger = logging.getLogger(__name__)

# auto_error=False: no header means a public viewer, not an error.
bearer = HTTPBearer(
    auto_error=False,
    description="직원·평가위원용 API 키 (`Authorization: Bearer <키>`). 없으면 공개 문서만 봅니다.",
)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> RetrievalService:
    service = getattr(request.app.state, "service", None)
    if service is None:
        raise ServiceUnavailable()
    return service


def client_id(request: Request) -> str:
    # uvicorn already resolves X-Forwarded-For from trusted proxies into scope["client"].
    return request.client.host if request.client else "unknown"


async def get_viewer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Viewer:
    """Role for a valid key; "public" without one. Public and failed requests count against
    the client's budget, keyed ones against the key's own."""
    keys: KeyRing = request.app.state.keys
    limits: ApiLimits = request.app.state.limits
    if credentials is None and "authorization" not in request.headers:
        limits.client(client_id(request))
        return "public"
    role = keys.role_for(credentials.credentials) if credentials is not None else None
    if role is None:
        # Count failed attempts too, so keys cannot be guessed at full speed.
        limits.client(client_id(request))
        logger.warning("rejected API key from %s", client_id(request))
        raise Unauthorized()
    assert credentials is not None
    limits.key(credentials.credentials)
    return role


def answer_slot(request: Request) -> Iterator[None]:
    """Held while an answer is computed: caps the answers in flight (503 when all are busy)."""
    slots: AnswerSlots = request.app.state.answer_slots
    with slots.slot():
        yield


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[RetrievalService, Depends(get_service)]
ViewerDep = Annotated[Viewer, Depends(get_viewer)]
AnswerSlotDep = Annotated[None, Depends(answer_slot)]
