"""POST /v1/feedback: 👍/👎 on an answer, stored by the service."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep, ViewerDep
from api.schemas import FeedbackRequest, FeedbackResponse, error_docs

router = APIRouter(prefix="/v1", tags=["의견"])


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    summary="답변에 대한 의견",
    responses=error_docs(400, 401, 404, 413, 422, 429, 503),
)
def feedback(body: FeedbackRequest, service: ServiceDep, viewer: ViewerDep) -> FeedbackResponse:
    comment = body.comment or None
    feedback_id = service.record_feedback(
        body.answer_id, body.helpful, comment, channel="web", viewer=viewer
    )
    return FeedbackResponse(id=feedback_id)
