"""Shared value types passed between ingest, retrieval, the API and the bot."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Audience = Literal["public", "internal"]
# Who is asking: the public sees public documents only; staff and evaluators see all.
Viewer = Literal["public", "staff", "evaluator"]


def can_see(viewer: Viewer, audience: str) -> bool:
    return audience == "public" or viewer in ("staff", "evaluator")


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
