"""Request and response models of the HTTP API, with Korean OpenAPI examples.

Row types (ScoreRow, TargetRow …) come from sosa.models; only the envelopes live here.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

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


def _history_answer(value: str) -> str:
    if len(value) > MAX_QUESTION_CHARS:
        raise PydanticCustomError(
            "invalid_question",
            f"이전 답변이 너무 깁니다. {MAX_QUESTION_CHARS:,}자 이내로 보내 주세요.",
        )
    if has_bad_chars(value):
        raise PydanticCustomError(
            "invalid_question", "이전 대화에 사용할 수 없는 제어 문자가 들어 있습니다."
        )
    return value.strip()


QuestionText = Annotated[str, AfterValidator(_question)]
CleanText = Annotated[str, AfterValidator(_clean_text)]
SearchText = Annotated[str, AfterValidator(_search_text)]


class ErrorBody(BaseModel):
    code: str = Field(examples=["invalid_question"])
    message: str = Field(examples=["질문을 입력해 주세요."])


class ErrorResponse(BaseModel):
    error: ErrorBody


MAX_HISTORY_TURNS = 10


class HistoryTurn(BaseModel):
    """One earlier turn of the same conversation."""

    model_config = ConfigDict(extra="forbid", strict=True)

    question: QuestionText = Field(description="앞서 한 질문")
    answer: Annotated[str, AfterValidator(_history_answer)] = Field(
        "", description="그 질문에 받은 답변 (1,000자 이내)"
    )


def _history(turns: list[HistoryTurn]) -> list[HistoryTurn]:
    if len(turns) > MAX_HISTORY_TURNS:
        raise PydanticCustomError(
            "invalid_question",
            f"이전 대화가 너무 깁니다. 최근 {MAX_HISTORY_TURNS}개까지만 보내 주세요.",
        )
    return turns


class AskRequest(BaseModel):
    # strict: a number or a list is not a question; extra fields are a client bug worth reporting.
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"question": "대체인력 파견 목표는 몇 건인가요?"}]},
    )

    question: QuestionText = Field(description="질문 (1~1,000자)")
    history: Annotated[list[HistoryTurn], AfterValidator(_history)] | None = Field(
        None,
        description="같은 대화의 앞선 질문과 답변 (오래된 것부터, 최대 10개). 이어지는 질문"
        "('그럼 예산은?')을 앞의 주제로 이해하는 데 씁니다.",
    )


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
    understood: str | None = Field(
        None, description="앞선 대화를 반영해 이해한 질문 (이어지는 질문일 때만)"
    )


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
    403: "관리자 키가 아님",
    404: "찾는 항목이 없음",
    413: "요청 본문이 64KB를 넘음 (문서 올리기는 SOSA_MAX_UPLOAD_MB)",
    415: "지원하지 않는 파일 형식",
    422: "입력값 오류",
    429: "요청이 너무 많음 (Retry-After 헤더)",
    503: "색인이 준비되지 않음",
}


def error_docs(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses=` entries: every error has the same JSON shape."""
    return {s: {"model": ErrorResponse, "description": _ERROR_DOCS[s]} for s in statuses}


# --- document management (admin) ----------------------------------------------------------------


class LibraryDocumentOut(DocumentInfo):
    """A corpus document as admins see it: retired ones too."""

    status: Literal["active", "retired", "pending"] = Field(
        description="active: 답변에 쓰임 · retired: 보관됨(답변·검색 제외) · pending: 색인 대기"
    )


class LibraryResponse(BaseModel):
    documents: list[LibraryDocumentOut]


class JobAccepted(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"job": "3f2a9c01b7de", "document": "2025-plan.pdf"}]}
    )

    job: str = Field(description="GET /v1/jobs/{job} 로 진행 상황을 봅니다")
    document: str = Field(description="말뭉치에 저장되는 파일 이름")


class JobSummary(BaseModel):
    pages: int
    tables: int
    chunks: int
    figures: int = Field(description="문서에서 찾은 수치(쓰인 그대로) 수")


class JobResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3f2a9c01b7de",
                    "action": "upload",
                    "status": "done",
                    "error": None,
                    "progress": "완료했습니다.",
                    "document": "2025-plan.pdf",
                    "embedded": 212,
                    "parsed": ["2025-plan.pdf"],
                    "summary": {"pages": 40, "tables": 31, "chunks": 212, "figures": 640},
                    "seconds": 48.2,
                }
            ]
        }
    )

    id: str
    action: Literal["upload", "update", "retire", "restore"]
    status: Literal["queued", "running", "done", "failed"]
    error: str | None = Field(description="실패 이유 (한국어)")
    progress: str
    document: str
    embedded: int | None = Field(description="새로 계산한 임베딩 수")
    parsed: list[str] = Field(description="이번 작업에서 새로 분석한 파일")
    summary: JobSummary | None = None
    seconds: float | None = None


class DocumentPatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"title": "2025년 연간사업계획서", "audience": "public"}]},
    )

    title: CleanText | None = Field(None, min_length=1, max_length=200)
    year: int | None = Field(None, ge=1900, le=2100)
    audience: Literal["public", "internal"] | None = None


class TableCell(BaseModel):
    """One table cell as a fact: the value as printed, where it sits, and its source."""

    value: str = Field(description="표에 적힌 그대로의 값", examples=["2,611,120"])
    number: str | None = Field(None, description="수로 읽은 값 (△·▲는 음수)", examples=["2611120"])
    unit: str = Field("", description="단위 (표 위·머리글·칸에서)", examples=["백만원"])
    row: list[str] = Field(description="행 머리글 경로", examples=[["합계", "지역균형성장"]])
    column: list[str] = Field(description="열 머리글 경로", examples=[["2026년", "본예산"]])
    caption: str = Field("", description="표 제목", examples=["예산 현황"])
    year: int | None = Field(None, description="문서 연도", examples=[2026])
    score: float
    citation: Citation


class TablesResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "cells": [
                        {
                            "value": "4.75",
                            "number": "4.75",
                            "unit": "",
                            "row": ["리더십 (15)", "1. 기관장의 리더십 (9)"],
                            "column": ["득점"],
                            "caption": "□ 평정표",
                            "year": 2024,
                            "score": 1.12,
                            "citation": {
                                "document": "jb-2024-management-evaluation.pdf",
                                "title": "2024년 시·도 사회서비스원 경영평가 결과",
                                "section": "경영평가 결과 › 리더십",
                                "page": 1,
                                "quote": "평가지표 1. 기관장의 리더십 (9) · 배점 5 · 득점 4.75",
                            },
                        }
                    ]
                }
            ]
        }
    )

    cells: list[TableCell]
