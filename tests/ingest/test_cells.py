"""Every table cell as a fact: row and column header paths, caption, unit, signed number."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ingest.blocks import Block
from ingest.cells import Cell, extract_cells, read_cells, write_cells
from ingest.metadata import document_info
from ingest.structure import assign_sections
from tests.conftest import CORPUS, loaded

REAL = Path(__file__).resolve().parents[1] / "data" / "real-docs"
REPORT = "jb-2024-management-evaluation.pdf"


def cells_of(path: Path, entry: dict | None = None) -> list[Cell]:
    blocks, _pages = loaded(path)
    info = document_info(path.name, entry)
    return extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind))


@pytest.fixture(scope="module")
def report() -> list[Cell]:
    entry = {"title": "2024년 경영평가 결과", "kind": "evaluation_report", "evaluation_year": 2024}
    return cells_of(CORPUS / REPORT, entry)


def test_a_score_cell_knows_its_indicator_and_column(report: list[Cell]) -> None:
    scored = [
        c
        for c in report
        if c.col_path == ["득점"] and any("기관장" in p for p in c.row_path) and c.page == 1
    ]
    assert scored, "no 득점 cell under the 기관장의 리더십 indicator"
    first = scored[0]
    assert first.value == "4.75" and first.number == Decimal("4.75")
    assert first.row_path[0].startswith("리더십") and "리더십" in first.section
    assert first.year == 2024 and first.document == REPORT
    # Its 배점 sits in the same row, and the quoted row holds both.
    points = [c for c in report if c.row == first.row and c.table == first.table]
    assert {tuple(c.col_path) for c in points} >= {("배점",), ("득점",)}
    assert "4.75" in first.row_text and "배점" in first.row_text


def test_a_triangle_reads_as_negative(report: list[Cell]) -> None:
    penalties = [c for c in report if c.value.startswith("△")]
    assert penalties and all(c.number is not None and c.number < 0 for c in penalties)
    assert Decimal("-1.5") in {c.number for c in penalties}


def test_units_come_from_headers(report: list[Cell]) -> None:
    rate = [c for c in report if c.col_path and c.col_path[-1].startswith("이행률")]
    count = [c for c in report if c.col_path and c.col_path[-1].startswith("지적건수")]
    assert rate and rate[0].unit == "%" and rate[0].value == "100.00"
    assert count and count[0].unit == "건"


def test_grid_headers_spans_groups_caption_and_unit() -> None:
    """Two header rows with spans (None = covered), a group label row, a unit line above."""
    grid: list[list[str | None]] = [
        ["구 분", None, "예산액", None, "증감비율(%)"],
        [None, None, "2024년", "2025년", None],
        ["합계", None, "1,000", "900", "△10.0"],
        ["∎사업비", None, "600", "660", "10.0"],
        ["", "복지", "400", "500", "25.0"],
        ["", "안전", "200", "160", "△20.0"],
    ]
    blocks = [
        Block(kind="line", page=3, text="< 예산 현황 >"),
        Block(kind="line", page=3, text="(단위: 백만원, %)"),
        Block(kind="table", page=3, grid=grid),
    ]
    info = document_info("budget.txt", {"title": "예산", "plan_year": 2025})
    cells = extract_cells(info, blocks, ["예산", "예산", "예산 › 현황"])
    by = {(tuple(c.row_path), tuple(c.col_path)): c for c in cells}
    safety = by[(("∎사업비", "안전"), ("증감비율(%)",))]
    assert safety.value == "△20.0" and safety.number == Decimal("-20.0")
    assert safety.unit == "%" and safety.caption == "< 예산 현황 >"
    assert safety.section == "예산 › 현황" and safety.year == 2025
    welfare = by[(("∎사업비", "복지"), ("예산액", "2025년"))]
    assert welfare.value == "500" and welfare.unit == "백만원"
    assert by[(("합계",), ("예산액", "2024년"))].value == "1,000"
    assert len(cells) == 12  # every body value, once


def test_cells_round_trip_through_sqlite(tmp_path: Path, report: list[Cell]) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cells.sqlite")
    assert write_cells(conn, report, "2024년 경영평가 결과") == len(report)
    back = read_cells(conn)
    assert [(c.value, c.row_path, c.col_path, c.number) for c in back] == [
        (c.value, c.row_path, c.col_path, c.number) for c in report
    ]
    assert back[0].extra["tokens"] and len(back[0].extra["tokens"]) == 3


def test_cells_from_a_real_hwp_budget_table() -> None:
    cells = cells_of(REAL / "mois-work-report-2025-12.hwp")
    hit = [
        c
        for c in cells
        if c.row_path and c.row_path[-1] == "지역균형성장" and "2026" in " ".join(c.col_path)
    ]
    assert hit and hit[0].value == "2,611,120" and hit[0].unit == "백만원"
    assert "사업비" in hit[0].row_path[0]  # the group row above (∎사업비) heads it
    rate = [c for c in cells if c.row == hit[0].row and c.table == hit[0].table and c.unit == "%"]
    assert rate and rate[0].value == "82.59"


def test_stacked_headers_repeating_a_label_say_it_once() -> None:
    """HWPX stacked headers fill a span into every row it covers (구분 › 구 분): one label."""
    blocks = [
        Block(
            kind="table",
            page=1,
            header=["구분 › 구 분", "인원 › 인 원 › 정원", "인원 › 현원 › 현 원"],
            rows=[["본부", "658", "640"], ["소속기관", "7,833", "7,850"]],
        )
    ]
    cells = extract_cells(document_info("people.txt", None), blocks, ["인원"])
    assert {tuple(c.col_path) for c in cells} == {("인원", "정원"), ("인원", "현원")}
    grid: list[list[str | None]] = [
        ["구분", "인원", "인원"],
        ["구 분", "인 원", "인 원"],
        [None, "정원", "현원"],
        ["본부", "658", "640"],
    ]
    cells = extract_cells(document_info("g.txt", None), [Block("table", 1, grid=grid)], ["g"])
    assert [c.col_path for c in cells] == [["인원", "정원"], ["인원", "현원"]]


def test_a_table_continued_over_blocks_keeps_its_rows_apart() -> None:
    """A table split over pages (or one row per block) is one table: each row its own index,
    so a row's cells are found together and two rows are never taken for one."""
    blocks = [
        Block(kind="table", page=1, header=["구분", "배점"], rows=[["정량", "20"]]),
        Block(kind="table", page=2, header=["구분", "배점"], rows=[["정성", "80"]], continued=True),
        Block(
            kind="table", page=2, header=["구분", "배점"], rows=[["합계", "100"]], continued=True
        ),
    ]
    cells = extract_cells(document_info("t.txt", None), blocks, ["t", "t", "t"])
    assert [c.table for c in cells] == [0, 0, 0]
    assert [c.row for c in cells] == [0, 1, 2]


def test_sub_headers_under_a_spanning_header_even_when_they_read_as_figures() -> None:
    """ "소득(원)" spans 70% · 80% · 90%, whose row reads as figures but is their header: the
    label column's header (가구원수) reaches down beside it. A first body row with a label of
    its own stays body."""
    grid: list[list[str | None]] = [
        ["가구원수", "월평균 소득(원)", None, None],
        [None, "70%", "80%", "90%"],
        ["1인", "2,669,354", "3,050,690", "3,432,027"],
        ["2인", "4,106,389", "4,693,016", "5,279,643"],
    ]
    blocks = [Block(kind="table", page=1, grid=grid)]
    info = document_info("notice.txt", {"title": "공고"})
    cells = extract_cells(info, blocks, ["공고"])
    by = {(tuple(c.row_path), tuple(c.col_path)): c for c in cells}
    assert by[(("1인",), ("월평균 소득(원)", "80%"))].value == "3,050,690"
    assert len(cells) == 6
    body_first = [
        ["구분", "배점", None],
        ["정량 평가", "5", "운영 기관 평가"],
        ["정성 평가", "80", "위원회 평가"],
    ]
    cells = extract_cells(info, [Block(kind="table", page=1, grid=body_first)], ["공고"])
    assert any(c.row_path == ["정량 평가"] and c.value == "5" for c in cells)


def test_a_line_s_second_marked_item_is_its_own_fact() -> None:
    from ingest.cells import _items

    line = ("신청 기한", "26년 4월 22일(수) 18:00 제출 마감 □ 제 출 처 : 대구테크노파크 담당자")
    assert _items(line) == [
        ("신청 기한", "26년 4월 22일(수) 18:00 제출 마감"),
        ("제출처", "대구테크노파크 담당자"),
    ]
    assert _items(("사업 기간", "2026. 4. ~ 12.")) == [("사업 기간", "2026. 4. ~ 12.")]


def test_a_table_headed_by_a_series_keeps_its_first_member_as_data() -> None:
    """1분기 · 2분기 · 3분기 · 4분기 over one row of plans (HWPX): 1분기 is a column like the
    others, not the rows' label column; a 구분 column before a series still labels rows."""
    cells = cells_of(REAL / "moel-work-report-2025-12.hwpx")
    plans = [c for c in cells if c.col_path and c.col_path[-1].replace(" ", "") == "1분기"]
    assert plans and all(c.row_path == [] for c in plans)
    first = plans[0]
    row = [c for c in cells if c.table == first.table]
    assert [c.col_path for c in row] == [["1분기"], ["2분기"], ["3분기"], ["4분기"]]
    assert "청년대책 보완" in first.value
    unlabelled = {c.col_path[-1].replace(" ", "") for c in cells if not c.row_path}
    assert unlabelled == {"1분기", "2분기", "3분기", "4분기"}  # only the series' tables


def test_a_contact_table_without_a_header_row_is_read_by_the_shape_of_its_values() -> None:
    """담당 부서 | 참여혁신국 | 책임자 | 과 장 | 장은영 | (044-205-2201) written as data rows
    (HWPX, the department merged down two rows): the first row holds a phone number, so it is
    no header; the number column is named by its shape, the text cells label the rows, and
    the row under the merged department keeps it."""
    cells = cells_of(REAL / "mois-gov-innovation-press-2025-12.hwpx")
    phones = [c for c in cells if c.col_path == ["전화번호"]]
    assert [c.value for c in phones] == ["(044-205-2201)", "(044-205-2213)", "(044-205-2222)"]
    officer = phones[1]
    assert officer.row_path == ["참여혁신국", "담당자", "서기관", "신화영"]
    assert "서기관" in officer.row_text and "044-205-2213" in officer.row_text
    # No header path was made of a data row.
    assert not any("044-205" in p for c in cells for p in c.col_path)


def test_a_merged_department_labels_every_contact_row() -> None:
    cells = cells_of(REAL / "msit-oss-contest-press-2026.hwpx")
    phones = [c for c in cells if c.col_path == ["전화번호"]]
    assert len(phones) == 4 and all(c.row_path[0] == "담당 부서" for c in phones)
    clerk = next(c for c in phones if "박정민" in c.row_path)
    assert clerk.value == "(044-202-6331)" and "사무관" in clerk.row_path


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("(044-205-2213)", "전화번호"),
        ("02-2031-9401", "전화번호"),
        ("1522-0365", "전화번호"),
        ("TEL: 02-2031-9474", "전화번호"),
        ("FAX: 02-2031-9401", ""),
        ("contest@oss.kr", "이메일"),
        ("2026. 6. 15.(월) 09:00", "날짜"),
        ("2025-12-03", "날짜"),
        ("1,500", ""),
        ("1234.5678", ""),
        ("2,611,120", ""),
        ("’26. 4. ∼ ’27. 3.", ""),
        ("장인숙(02-2110-2430)", ""),
        ("2025.12", ""),
    ],
)
def test_value_shapes(value: str, shape: str) -> None:
    from ingest.cells import value_shape

    assert value_shape(value) == shape


def test_a_loader_header_holding_phone_numbers_is_a_data_row() -> None:
    """A loader without the grid (PDF) that took the first contact row for the header: the
    rows of the HWPX release above, as its blocks carry them."""
    blocks, _pages = loaded(REAL / "mois-gov-innovation-press-2025-12.hwpx")
    contact = next(b for b in blocks if b.kind == "table" and "서기관" in str(b.rows))
    assert not contact.header  # the HWPX loader kept none; a PDF loader takes the first row
    flat = Block(kind="table", page=3, header=contact.rows[0], rows=contact.rows[1:])
    cells = extract_cells(document_info("contact.pdf", None), [flat], ["문의"])
    phones = [c for c in cells if c.col_path == ["전화번호"]]
    assert "(044-205-2201)" in {c.value for c in phones}  # the row read as a header before
    assert all(not any("044" in p for p in c.col_path) for c in cells)
