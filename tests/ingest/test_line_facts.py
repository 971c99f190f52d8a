"""Facts of text lines: "항목 : 값" lines and figure-valued headings (ingest/blocks.py
`line_fact`, ingest/cells.py `line_facts`), figures a text cell lists, and the breadcrumbs
around them (ingest/structure.py). Real files from tests/data/real-docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.blocks import Block, key_value
from ingest.cells import LINE_FACT, Cell, extract_cells
from ingest.metadata import document_info
from ingest.structure import SEP, assign_sections
from tests.conftest import loaded

REAL = Path(__file__).resolve().parents[1] / "data" / "real-docs"


def _parsed(name: str) -> tuple[list[Block], list[str], list[Cell]]:
    blocks, _pages = loaded(REAL / name)
    info = document_info(name, None)
    sections = assign_sections(blocks, info.title, info.kind)
    return blocks, sections, extract_cells(info, blocks, sections)


@pytest.fixture(scope="module")
def kalis() -> tuple[list[Block], list[str], list[Cell]]:
    return _parsed("kalis-gr-simulator-subsidy-call-2026.pdf")


def _line_cells(cells: list[Cell], item: str) -> list[Cell]:
    return [c for c in cells if c.col <= LINE_FACT and c.col_path == [item]]


def test_key_value_reads_label_and_value_of_real_lines() -> None:
    # Lines as the documents print them (kalis call, moef statistics, klid RFP, mohw press).
    assert key_value("□ 사업 기간 : ’26. 4. ∼ ’27. 3. (※ 사업추진 일정에 따라 변동 가능)") == (
        "사업 기간",
        "’26. 4. ∼ ’27. 3. (※ 사업추진 일정에 따라 변동 가능)",
    )
    assert key_value("○ 사업금액 : 1,062,888천원(국비 / VAT포함)") == (
        "사업금액",
        "1,062,888천원(국비 / VAT포함)",
    )
    # A note, a unit line, a clause, a time and a bracketed source line are no facts.
    assert (
        key_value("※ 합산점수가 동일한 경우 : 기술능력평가점수가 높은 자를 우선순위 부여") is None
    )
    assert key_value("(단위 : 십억원)") is None
    assert key_value("ㅇ (신청기간) 2026.3.23.(월) ∼ 2026.4.13.(월) 18:00 까지") is None
    assert key_value("[보도자료출처 : 보건복지부]") is None


def test_a_label_value_line_is_a_fact_not_a_section(kalis) -> None:
    blocks, sections, cells = kalis
    i = next(i for i, b in enumerate(blocks) if b.text.startswith("□ 사업 기간 :"))
    # Before, "사업 기간 : ’26. 4. …" became a heading and every later part of the call
    # (Ⅱ 추진 체계, Ⅲ 사업 주요 내용 …) was filed under that date.
    assert not any("사업 기간" in s for s in sections[i:])
    assert not any(key_value(s.rsplit(SEP, 1)[-1]) for s in sections)
    (period,) = _line_cells(cells, "사업 기간")
    assert period.value.startswith("’26. 4. ∼ ’27. 3.")
    assert period.number is None
    assert period.row_text == blocks[i].text.strip()  # the line itself is the evidence
    (rate,) = _line_cells(cells, "보조금 보조율")
    assert (rate.value, rate.number, rate.unit) == ("국비 100%", 100, "%")


def test_a_label_value_line_over_sub_items_stays_a_section() -> None:
    """ "□ 주요내용: … 추진" with its ㅇ lines under it heads them (moel work report)."""
    blocks, sections, cells = _parsed("moel-work-report-2025-12.hwpx")
    i = next(i for i, b in enumerate(blocks) if b.text.startswith("□ 주요내용:"))
    assert sections[i].endswith(blocks[i].text.strip()[2:])
    assert sections[i + 1] == sections[i]  # the ㅇ line under it is in its section
    assert not _line_cells(cells, "주요내용")


def test_a_heading_whose_first_line_is_a_figure_is_a_fact() -> None:
    """ "□ 관리대상수지(사회보장성기금* 제외수지)" then "ㅇ △6,169십억원 = …" (moef HWP)."""
    blocks, _sections, cells = _parsed("moef-fiscal-statistics-2010-11.hwp")
    (fact,) = _line_cells(cells, "관리대상수지")  # named by what stands before its gloss
    assert (fact.value, fact.number, fact.unit) == ("△6,169십억원", -6169, "십억원")
    assert "관리대상수지(사회보장성기금* 제외수지)" in fact.row_text
    assert "△6,169십억원 = 21,802십억원" in fact.row_text
    # The table's own cells are unchanged: still the eight rows of 통합재정통계.
    assert max(c.row for c in cells if c.col >= 0) == 7


@pytest.mark.slow
def test_a_text_cell_listing_labelled_figures_gives_a_cell_per_figure() -> None:
    """ "기술평가(90%), 가격평가(10%)" in the 비고 column of the klid RFP's 평가방식 row: each
    label becomes the column of its figure (비고 only held them)."""
    _blocks, _sections, cells = _parsed("klid-onnara-web-editor-rfp-2023.pdf")
    listed = {
        c.col_path[-1]: (c.value, c.number, c.unit)
        for c in cells
        if c.row_path == ["평가방식"] and c.number is not None
    }
    assert listed == {"기술평가": ("90%", 90, "%"), "가격평가": ("10%", 10, "%")}
    # The text cell itself stays, as printed.
    assert any(c.value == "기술평가(90%), 가격평가(10%)" for c in cells)


def test_a_public_line_is_named_without_the_bracket_opening_its_number() -> None:
    # "▪ LH콜센터(1600-1004) 등을 통해 …": the line is the 콜센터's, not "LH콜센터(".
    from ingest.profiles import profile_for
    from ingest.profiles.phones import public_numbers

    name = "lh-rental-housing-notice-gyeongju-2026.hwpx"
    blocks, _pages = loaded(REAL / name)
    info = document_info(name, {"title": "국민임대주택 입주자 모집공고", "kind": "notice"})
    sections = assign_sections(blocks, info.title, info.kind)
    lines = {
        r.row.phone: r.row.name
        for r in public_numbers(info, blocks, sections, profile_for("notice"))
    }
    assert lines["1600-1004"] == "LH콜센터"
