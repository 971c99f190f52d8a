"""Table rows as the cells read them: each column's text under its header, for table readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cells import Cell, extract_cells
from ingest.metadata import document_info
from ingest.structure import assign_sections
from ingest.tablerows import TableRow
from tests.conftest import CORPUS, loaded

SECOND = Path(__file__).resolve().parents[1] / "data" / "second-year"


def _read(path: Path, entry: dict) -> tuple[list[Cell], list[TableRow]]:
    blocks, _pages = loaded(path)
    info = document_info(path.name, entry)
    rows: list[TableRow] = []
    cells = extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind), rows)
    return cells, rows


@pytest.fixture(scope="module")
def read_2025() -> tuple[list[Cell], list[TableRow]]:
    entry = {"title": "2025년 경영평가 결과", "kind": "evaluation_report", "evaluation_year": 2025}
    return _read(SECOND / "jb-2025-management-evaluation.pdf", entry)


@pytest.fixture(scope="module")
def report_2025(read_2025: tuple[list[Cell], list[TableRow]]) -> list[TableRow]:
    return read_2025[1]


@pytest.fixture(scope="module")
def report_2024() -> list[Cell]:
    entry = {"title": "2024년 경영평가 결과", "kind": "evaluation_report", "evaluation_year": 2024}
    return _read(CORPUS / "jb-2024-management-evaluation.pdf", entry)[0]


def _scored(rows: list[TableRow], page: int) -> list[TableRow]:
    return [r for r in rows if r.page == page and r.get("득점") and r.get("지표설명")]


def test_label_columns_keep_their_headers_and_merged_labels(report_2025: list[TableRow]) -> None:
    """The 평정표 draws its merged 평가영역 cell as ruled empty cells: every indicator row of
    리더십 still reads its area, and 지표설명 / 지표성격 / 배점 come by header, not position."""
    rows = _scored(report_2025, page=1)
    leadership = [r for r in rows if r.get("평가 영역") in ("리더십", "(15)")]
    assert len(leadership) >= 5
    motive = next(r for r in leadership if "동기부여" in r.get("지표설명"))
    # A row repeating the row above's figures (정성, 2) keeps them: they are its own cells.
    partner = next(r for r in leadership if "이해관계자" in r.get("지표설명"))
    assert (motive.get("지표성격"), motive.get("배점")) == ("정성", "2")
    assert (partner.get("지표성격"), partner.get("배점"), partner.get("득점")) == (
        "정성",
        "2",
        "1.50",
    )
    assert motive.text.startswith("평가 영역 ")  # quoted with its headers


def test_a_table_running_onto_the_next_page_keeps_its_headers(
    report_2025: list[TableRow],
) -> None:
    """사회적책임's 평정표 ends on page 5 without its header and without the (empty) 평가영역
    column: the page-5 rows are the same table, their columns named from the right."""
    rows = report_2025
    page4 = _scored(rows, page=4)
    page5 = _scored(rows, page=5)
    assert page4 and page5
    assert {r.table for r in page5} == {page4[-1].table}
    safety = next(r for r in page5 if "안전사고" in r.get("지표설명"))
    assert (safety.get("배점"), safety.get("득점")) == ("1", "1.00")
    assert "평가지표" in [name for name, _value in safety.columns]


def test_a_header_span_drawn_as_empty_cells_names_its_sub_columns(
    report_2024: list[Cell],
) -> None:
    """ "실 적(건)" over 2022년 and 2023년, printed as a cell and an empty ruled cell (and
    spaced out to its width: read 실적(건))."""
    cells = [c for c in report_2024 if c.row_path == ["안전사고 건수"] and c.col >= 0]
    paths = [c.col_path for c in cells if c.value == "0"]
    assert ["실적(건)", "2022년"] in paths and ["실적(건)", "2023년"] in paths
    assert ["평가", "최저목표"] in paths


def test_a_cell_repeating_the_row_above_is_its_own_cell(
    read_2025: tuple[list[Cell], list[TableRow]],
) -> None:
    """Two indicators under one merged label with the same 배점 and 득점: both rows keep their
    cells (only a merged cell forward-filled over rows is one cell)."""
    cells = read_2025[0]
    points = [
        c.row_text for c in cells if c.page == 1 and c.col_path == ["득점"] and c.value == "1.50"
    ]
    assert any("동기부여" in t for t in points) and any("이해관계자" in t for t in points)
