"""Shared value types passed between ingest, retrieval, the API and the bot."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Audience = Literal["public", "internal"]
# Who is asking: the public sees public documents only; staff, evaluators and admins see all.
Viewer = Literal["public", "staff", "evaluator", "admin"]
# Viewers who see internal documents and personal contact data (retrieval/policy.py decides).
TRUSTED_VIEWERS = frozenset({"staff", "evaluator", "admin"})


def can_see(viewer: Viewer, audience: str) -> bool:
    return audience == "public" or viewer in TRUSTED_VIEWERS


class DocumentInfo(BaseModel):
    document: str = Field(description="말뭉치 폴더 기준 파일 경로")
    title: str
    kind: str = "document"
    audience: Audience = "public"
    agency: str | None = None
    year: int | None = None
    pages: int | None = None
    chunks: int = 0


class Chunk(BaseModel):
    id: str
    document: str
    title: str
    section: str
    page: int | None
    ordinal: int
    kind: Literal["text", "table"] = "text"
    text: str
    audience: Audience = "public"
    year: int | None = None  # the document's year (documents.toml, else the document)


class SearchHit(BaseModel):
    id: str
    document: str
    title: str
    section: str
    page: int | None
    text: str
    score: float


class Citation(BaseModel):
    document: str
    title: str
    section: str
    page: int | None
    quote: str
    chunk_id: str | None = None

    @classmethod
    def of(cls, chunk: Chunk, quote: str) -> Citation:
        """`quote` cited from `chunk`: its document, title, section, page and id."""
        return cls(
            document=chunk.document,
            title=chunk.title,
            section=chunk.section,
            page=chunk.page,
            quote=quote,
            chunk_id=chunk.id,
        )


class FactRef(BaseModel):
    """A structured fact used in an answer (score, target, budget, contact, computed value)."""

    type: str
    label: str
    value: str
    document: str
    page: int | None = None
    section: str = ""
    inputs: list[FactRef] = Field(default_factory=list)


class Answer(BaseModel):
    id: str
    question: str
    answer: str
    found: bool
    citations: list[Citation] = Field(default_factory=list)
    facts: list[FactRef] = Field(default_factory=list)
    mode: Literal["extractive", "facts", "llm", "none"] = "extractive"
    # The question as understood from the conversation's earlier turns (None: taken as asked).
    understood: str | None = None


class Evidence(BaseModel):
    quote: str
    page: int | None
    section: str = ""


class ScoreRow(BaseModel):
    agency: str
    year: int | None = Field(None, description="평가연도 (예: 2024)")
    performance_year: int | None = Field(None, description="실적연도 (예: 2023)")
    level: Literal["total", "domain", "area", "indicator"]
    domain: str | None = None  # 경영관리 / 경영성과
    area: str | None = None  # 리더십 …
    indicator: str | None = None  # "1. 기관장의 리더십(9)"
    description: str | None = None  # 지표설명
    nature: str | None = None  # 정성 / 정량 / 정성/정량
    max_points: str | None = None  # as printed: "5", "△1.5", "0.5"
    points: str | None = None  # as printed: "4.75"
    grade: str | None = None
    document: str
    page: int | None = None
    section: str = ""
    evidence: list[Evidence] = Field(default_factory=list)


class MeasurementRow(BaseModel):
    """Smaller indicator tables: 기준치/실적/목표달성도, 이행률, 만족도, 안전사고 …"""

    indicator: str
    field: str
    value: str
    document: str
    page: int | None = None
    section: str = ""


class TargetRow(BaseModel):
    kind: Literal["performance_contract", "project_goal"]
    team: str | None = None
    project: str | None = None
    goal_area: str | None = None  # 성과계약: 【1. 사회서비스 공공성 강화】
    indicator: str | None = None
    measure: str | None = None  # 측정방법
    target: str  # as written: "1,500건", "56회", "100%"
    year: int | None = Field(None, description="문서 연도 (사업연도)")
    text: str  # the whole line, as written
    document: str
    page: int | None = None
    section: str = ""
    audience: Audience = "public"


class BudgetRow(BaseModel):
    team: str | None = None
    project: str | None = None
    amount: str  # as written: "503,000천원" or "비예산"
    year: int | None = Field(None, description="문서 연도 (사업연도)")
    funding: str | None = None  # "특별회계", "도비" …
    items: list[str] = Field(default_factory=list)
    text: str
    document: str
    page: int | None = None
    section: str = ""
    audience: Audience = "public"


class ContactRow(BaseModel):
    team: str | None = None
    project: str | None = None
    role: str  # 담당자 / 팀장 / 대표번호
    name: str | None = None
    phone: str  # extension "4032" or number "1522-0365"
    document: str
    page: int | None = None
    section: str = ""
    audience: Audience = "internal"
