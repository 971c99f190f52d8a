"""POST /v1/ask: a cited answer to one question."""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter

from api.deps import AnswerSlotDep, ServiceDep, ViewerDep
from api.schemas import AskRequest, AskResponse, error_docs
from api.visibility import internal_documents, visible_answer

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["질의응답"])


@router.post(
    "/ask",
    response_model=AskResponse,
    summary="질문에 답하기",
    description="문서를 근거로 답하고 출처(문서·쪽·인용문)와 사용한 수치를 함께 돌려줍니다.",
    responses=error_docs(400, 401, 413, 422, 429, 503),
)
def ask(
    body: AskRequest, service: ServiceDep, viewer: ViewerDep, _slot: AnswerSlotDep
) -> AskResponse:
    started = time.perf_counter()
    history = [t.model_dump() for t in body.history or []]
    answer = service.ask(body.question, viewer=viewer, history=history)
    if viewer == "public":
        answer = visible_answer(answer, viewer, internal_documents(service))
    logger.debug(
        "ask viewer=%s found=%s mode=%s %.0fms",
        viewer,
        answer.found,
        answer.mode,
        (time.perf_counter() - started) * 1000,
    )
    return AskResponse(
        id=answer.id,
        answer=answer.answer,
        found=answer.found,
        citations=answer.citations,
        facts=answer.facts,
        understood=answer.understood,
    )
