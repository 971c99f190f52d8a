"""Request and response models of the HTTP API, with Korean OpenAPI examples.

Row types (ScoreRow, TargetRow …) come from sosa.models; only the envelopes live here.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from sosa.models import BudgetRow, Citation, DocumentInfo, FactRef, ScoreRow, TargetRow

MAX_QUESTION_CHARS = 1000
MAX_COMMENT_CHARS = 1000
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def has_bad_chars(text: str) -> bool:
    """Control characters and lone surrogates: never part of a real question, and the
    surrogates would break UTF-8 encoding of logs and responses later on."""
    return any(
        unicodedata.category(ch) in ("Cc", "Cs") and ch not in _ALLOWED_CONTROLS for ch in text
    )


def _question(value: str) -> str:
    text = value.strip()
    if not text:
        raise PydanticCustomError("invalid_question", "질문을 입력해 주세요.")
    if len(text) > MAX_QUESTION_CHARS:
        raise PydanticCustomError(
            "invalid_question",
            f"질문이 너무 깁니다. {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.",
        )
    if has_bad_chars(text):
        raise PydanticCustomError(
            "invalid_question", "질문에 사용할 수 없는 제어 문자가 들어 있습니다."
        )
    return text


def _clean_text(value: str) -> str:
    if has_bad_chars(value):
        raise PydanticCustomError("invalid_text", "사용할 수 없는 제어 문자가 들어 있습니다.")
    return value.strip()


def _search_text(value: str) -> str:
    text = _clean_text(value)
    if not text:
        raise PydanticCustomError("invalid_text", "검색어를 입력해 주세요.")
    return text


QuestionText = Annotated[str, AfterValidator(_question)]
CleanText = Annotated[str, AfterValidator(_clean_text)]
SearchText = Annotated[str, AfterValidator(_search_text)]


class ErrorBody(BaseModel):
    code: str = Field(examples=["invalid_question"])
    message: str = Field(examples=["질문을 입력해 주세요."])


class ErrorResponse(BaseModel):
    error: ErrorBody


class AskRequest(BaseModel):
    # strict: a number or a list is not a question; extra fields are a client bug worth reporting.
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"question": "대체인력 파견 목표는 몇 건인가요?"}]},
    )

    question: QuestionText = Field(description="질문 (1~1,000자)")


class AskResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "a1b2c3d4",
                    "answer": "2023년 대체인력 파견 목표는 1,500건입니다.",
                    "found": True,
                    "citations": [
                        {
                            "document": "jb-2023-annual-business-plan.pdf",
                            "title": "2023년 전라북도사회서비스원 연간수정사업계획서",
                            "section": "대체인력 지원사업",
                            "page": 12,
                            "quote": "대체인력 파견 1,500건",
                            "chunk_id": "jb-2023-annual-business-plan.pdf#42",
                        }
                    ],
                    "facts": [],
                }
            ]
        }
    )

    id: str = Field(description="답변 ID (의견 보낼 때 사용)")
    answer: str
    found: bool = Field(description="문서에서 근거를 찾았는지")
    citations: list[Citation]
    facts: list[FactRef]


class SearchResult(BaseModel):
    document: str
    title: str
    section: str
    page: int | None
    text: str
    score: float
    chunk_id: str = Field(description="/v1/passages/{chunk_id} 로 원문 문단을 엽니다")


class SearchResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {
                            "document": "jb-2023-annual-business-plan.pdf",
                            "title": "2023년 전라북도사회서비스원 연간수정사업계획서",
                            "section": "긴급돌봄 지원사업",
                            "page": 20,
                            "text": "긴급돌봄 신청 및 문의 …",
                            "score": 0.82,
                            "chunk_id": "jb-2023-annual-business-plan.pdf#77",
                        }
                    ]
                }
            ]
        }
    )

    results: list[SearchResult]


class ScoresResponse(BaseModel):
    scores: list[ScoreRow]


class TargetsResponse(BaseModel):
    targets: list[TargetRow]


class BudgetsResponse(BaseModel):
    budgets: list[BudgetRow]


class DocumentsResponse(BaseModel):
    documents: list[DocumentInfo]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {"answer_id": "a1b2c3d4", "helpful": True, "comment": "전화번호가 정확했어요."}
            ]
        },
    )

    answer_id: CleanText = Field(min_length=1, max_length=200, description="/v1/ask 가 준 id")
    helpful: bool = Field(description="도움이 되었는지")
    comment: CleanText | None = Field(None, max_length=MAX_COMMENT_CHARS, description="의견 (선택)")


class FeedbackResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 17}]})

    id: int


class HealthResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "version": "0.1.0",
                    "index": "20240901T120000",
                    "documents": 5,
                    "chunks": 812,
                }
            ]
        }
    )

    status: str = Field(description="ok 이면 정상")
    version: str
    index: str | None = Field(description="현재 색인 폴더 이름")
    documents: int = Field(description="공개 문서 수")
    chunks: int = Field(description="공개 문서의 청크 수")


_ERROR_DOCS: dict[int, str] = {
    400: "잘못된 JSON",
    401: "API 키가 올바르지 않음",
    404: "찾는 항목이 없음",
    413: "요청 본문이 64KB를 넘음",
    422: "입력값 오류",
    429: "요청이 너무 많음 (Retry-After 헤더)",
    503: "색인이 준비되지 않음",
}


def error_docs(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses=` entries: every error has the same JSON shape."""
    return {s: {"model": ErrorResponse, "description": _ERROR_DOCS[s]} for s in statuses}
