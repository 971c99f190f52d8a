"""GET /v1/tables: table cells whose row and column headers match a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceDep, ViewerDep
from api.schemas import CleanText, SearchText, TableCell, TablesResponse, error_docs
from sosa.models import Citation

router = APIRouter(prefix="/v1", tags=["수치"])


@router.get(
    "/tables",
    response_model=TablesResponse,
    summary="표 칸 검색",
    description=(
        "문서의 모든 표 칸을 행·열 머리글, 표 제목, 단위와 함께 찾습니다. "
        "공개 요청에는 공개 문서의 칸만 나옵니다."
    ),
    responses=error_docs(401, 422, 429, 503),
)
def tables(
    q: Annotated[
        SearchText,
        Query(
            max_length=1000,
            description="행·열 머리글에 들어 있을 낱말",
            examples=["기관장의 리더십 득점", "조달계약비율 실적"],
        ),
    ],
    service: ServiceDep,
    viewer: ViewerDep,
    document: Annotated[
        CleanText | None,
        Query(
            max_length=300, description="문서 이름", examples=["jb-2024-management-evaluation.pdf"]
        ),
    ] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="문서 연도")] = None,
    k: Annotated[int, Query(ge=1, le=50, description="돌려줄 칸 수")] = 10,
) -> TablesResponse:
    found = service.tables(q, viewer=viewer, document=document or None, year=year, k=k)
    titles = {d.document: d.title for d in service.documents(viewer)}
    return TablesResponse(
        cells=[
            TableCell(
                value=c.value,
                number=str(c.number) if c.number is not None else None,
                unit=c.unit,
                row=c.row_path,
                column=c.col_path,
                caption=c.caption,
                year=c.year,
                score=score,
                citation=Citation(
                    document=c.document,
                    title=titles.get(c.document, ""),
                    section=c.section,
                    page=c.page,
                    quote=c.row_text,
                ),
            )
            for c, score in found
        ]
    )
