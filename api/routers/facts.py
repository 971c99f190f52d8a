"""GET /v1/scores, /v1/targets, /v1/budgets: structured facts extracted from the documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceDep, ViewerDep
from api.schemas import (
    BudgetsResponse,
    CleanText,
    ScoresResponse,
    TargetsResponse,
    error_docs,
)
from api.visibility import internal_documents, visible_rows
from retrieval.service import RetrievalService
from sosa.models import Viewer

router = APIRouter(prefix="/v1", tags=["수치"])


def _opt(value: str | None) -> str | None:
    return value or None  # an empty filter means "no filter"


@router.get(
    "/scores",
    response_model=ScoresResponse,
    summary="경영평가 점수",
    description="기관·연도·영역·지표로 거른 경영평가 점수표 행입니다.",
    responses=error_docs(401, 422, 429, 503),
)
def scores(
    service: ServiceDep,
    viewer: ViewerDep,
    agency: Annotated[
        CleanText | None, Query(max_length=200, examples=["전북특별자치도사회서비스원"])
    ] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="평가연도")] = None,
    area: Annotated[CleanText | None, Query(max_length=200, examples=["리더십"])] = None,
    indicator: Annotated[
        CleanText | None, Query(max_length=200, examples=["기관장의 리더십"])
    ] = None,
    q: Annotated[
        CleanText | None, Query(max_length=200, description="자유 검색어", examples=["총점"])
    ] = None,
) -> ScoresResponse:
    rows = service.scores(
        agency=_opt(agency),
        year=year,
        area=_opt(area),
        indicator=_opt(indicator),
        q=_opt(q),
        viewer=viewer,
    )
    if viewer == "public":
        rows = visible_rows(rows, viewer, internal_documents(service))
    return ScoresResponse(scores=rows)


@router.get(
    "/targets",
    response_model=TargetsResponse,
    summary="사업 목표",
    description="사업계획서의 성과 목표(예: 대체인력 파견 1,500건)입니다.",
    responses=error_docs(401, 422, 429, 503),
)
def targets(
    service: ServiceDep,
    viewer: ViewerDep,
    q: Annotated[
        CleanText | None,
        Query(max_length=200, description="사업·지표 검색어", examples=["대체인력"]),
    ] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="사업연도")] = None,
) -> TargetsResponse:
    rows = service.targets(q or "", viewer=viewer, year=year)
    return TargetsResponse(targets=visible_rows(rows, viewer, _internal(service, viewer)))


@router.get(
    "/budgets",
    response_model=BudgetsResponse,
    summary="사업 예산",
    description="사업계획서의 사업별 예산(천원 단위, 적힌 그대로)입니다.",
    responses=error_docs(401, 422, 429, 503),
)
def budgets(
    service: ServiceDep,
    viewer: ViewerDep,
    q: Annotated[
        CleanText | None,
        Query(max_length=200, description="사업 검색어", examples=["긴급돌봄"]),
    ] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="사업연도")] = None,
) -> BudgetsResponse:
    rows = service.budgets(q or "", viewer=viewer, year=year)
    return BudgetsResponse(budgets=visible_rows(rows, viewer, _internal(service, viewer)))


def _internal(service: RetrievalService, viewer: Viewer) -> frozenset[str]:
    return internal_documents(service) if viewer == "public" else frozenset()
