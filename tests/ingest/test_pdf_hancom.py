"""Hancom-exported PDFs, checked against an independent reading (poppler's pdftotext -layout)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.blocks import Block
from ingest.chunking import chunk_blocks
from ingest.metadata import propose_info
from ingest.pdf import PdfParse, _paragraphs, parse_pdf, pdf_metadata
from ingest.structure import assign_sections
from sosa.korean.text import rejoin_spaced
from tests.conftest import REPO, loaded, parsed_pdf

REAL = REPO / "tests" / "data" / "real-docs"
PDFS = [
    "child-center-budget-2022.pdf",
    "child-center-donated-goods-2021.pdf",
    "kalis-gr-simulator-subsidy-call-2026.pdf",
]
FIGURE = re.compile(r"[△▲]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[△▲]?\d+\.\d+|\d+(?:점|%|개|명|원)")
LEADER = re.compile(r"(?:[.·…]\s?){4,}")


@pytest.fixture(scope="module")
def parsed() -> dict[str, PdfParse]:
    return {name: parsed_pdf(REAL / name) for name in PDFS}


def _pdftotext_pages(path: Path) -> list[str]:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required"
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return out.split("\f")[: -1 or None]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _all_text(p: PdfParse) -> str:
    parts = []
    for b in p.blocks:
        parts.append(b.text)
        parts.extend(b.header)
        parts.extend(c for row in b.rows for c in row)
    return "\n".join(parts)


@pytest.mark.parametrize("name", PDFS)
def test_every_dropped_furniture_line_recurs_on_most_pages(
    parsed: dict[str, PdfParse], name: str
) -> None:
    p = parsed[name]
    pages = _pdftotext_pages(REAL / name)
    assert len(pages) == p.pages
    assert p.furniture, "these documents all print page numbers"
    for page, text in p.furniture:
        on = sum(1 for pt in pages if any(_key(ln) == _key(text) for ln in pt.splitlines()))
        lone_number = re.fullmatch(r"[-–]\s*\d+\s*[-–]|\d+\s*/\s*\d+", text)
        assert lone_number or on >= max(2, len(pages) // 2), (page, text, on)


@pytest.mark.parametrize("name", PDFS)
def test_no_page_number_survives_in_any_chunk(parsed: dict[str, PdfParse], name: str) -> None:
    p = parsed[name]
    chunks = chunk_blocks(p.blocks, assign_sections(p.blocks, name, "document"))
    text = "\n".join(c.text for c in chunks)
    n = p.pages
    for page in range(1, n + 1):
        for printed in (rf"-\s*{page}\s*-", rf"{page}\s*/\s*{n}"):
            assert not re.search(rf"(?<![\d,.*(/]){printed}(?![\d,/])", text), (page, printed)


@pytest.mark.parametrize("name", PDFS)
def test_every_figure_of_pdftotext_body_survives(parsed: dict[str, PdfParse], name: str) -> None:
    pages = _pdftotext_pages(REAL / name)
    dropped = {_key(t) for _, t in parsed[name].furniture}
    figures: set[str] = set()
    for pt in pages:
        for ln in pt.splitlines():
            if _key(ln) in dropped or LEADER.search(ln):
                continue
            figures.update(FIGURE.findall(ln))
    assert len(figures) > 10
    text = _all_text(parsed[name])
    missing = sorted(f for f in figures if f not in text)
    assert not missing, f"{len(missing)}/{len(figures)} lost: {missing[:20]}"


def _row_with(p: PdfParse, label: str) -> tuple[list[str], list[str]]:
    for b in p.blocks:
        for row in b.rows:
            if label in row:
                return b.header, row
    raise AssertionError(f"no table row labelled {label!r}")


def test_budget_header_and_first_row_are_told_apart(parsed: dict[str, PdfParse]) -> None:
    """The first page prints 당초 and 69,960,000 in one ruled cell; they are header and value."""
    header, row = _row_with(parsed["child-center-budget-2022.pdf"], "국고보조금")
    cols = dict(zip(header, row, strict=True))
    assert cols["과목 › 관"] == "보조금수입"
    assert cols["예산액 › 당초"] == "69,960,000"
    assert cols["예산액 › 추경"] == "69,960,000"
    assert cols["예산액 › 증감액"] == "0"


def test_budget_values_and_decrease_marks_stay_as_printed(parsed: dict[str, PdfParse]) -> None:
    p = parsed["child-center-budget-2022.pdf"]
    _, pay = _row_with(p, "급여")
    assert pay[pay.index("급여") + 1 : pay.index("급여") + 5] == [
        "64,896,000",
        "65,136,000",
        "240,000",
        "0.37",
    ]
    _, fees = _row_with(p, "수용비 및 수수료")
    i = fees.index("수용비 및 수수료")
    assert fees[i + 1 : i + 5] == ["2,344,290", "2,104,290", "▲240,000", "▲10.24"]
    _, meals = _row_with(p, "급식프로그램 사업비")
    assert "45,360,000" in meals


def test_one_total_row_per_page_break_not_a_header(parsed: dict[str, PdfParse]) -> None:
    """세입소계's figures sit in the header cells of page 2; they belong to the 세입소계 row."""
    _, row = _row_with(parsed["child-center-budget-2022.pdf"], "세입소계")
    assert "147,975,100" in row


def test_table_continued_across_pages_keeps_its_header(parsed: dict[str, PdfParse]) -> None:
    """Pages 2-4 print the header rows again (with a 구분 column more); they are the header of
    the continuing table, never body rows."""
    tables = [b for b in parsed["child-center-budget-2022.pdf"].blocks if b.kind == "table"]
    assert [b.page for b in tables] == [1, 2, 3, 4]
    assert [b.continued for b in tables] == [False, True, True, True]
    for b in tables:
        assert any("당초" in h for h in b.header) and any("추경" in h for h in b.header)
        assert not any({"당초", "추경", "증감액"} <= set(row) for row in b.rows), b.page


def test_no_private_use_glyphs_and_spaced_words_rejoined(parsed: dict[str, PdfParse]) -> None:
    for name, p in parsed.items():
        text = _all_text(p)
        assert not re.search(r"[\ue000-\uf8ff]", text), name
        assert not re.search(r"\(cid:\d+\)", text), name
    kalis = _all_text(parsed["kalis-gr-simulator-subsidy-call-2026.pdf"])
    assert "사업명 : 기존 건축물의" in kalis
    assert "사 업 명" not in kalis


def test_merged_labels_carried_over_a_page_break_stay_in_the_body(
    parsed: dict[str, PdfParse],
) -> None:
    """On pages 2-4 the merged 구분/관 cells continued from the page before have no top rule (and
    no left border): their labels (세출, 사무비) belong to the body rows, not to the header
    cells above them, and 세입소계 does not label the 세출 rows."""
    from ingest.cells import _from_grid

    tables = [b for b in parsed["child-center-budget-2022.pdf"].blocks if b.kind == "table"]
    for b in tables[1:]:
        got = _from_grid(b.grid)
        assert got is not None
        paths, body = got
        flat = {part for path in paths for part in path}
        assert {"구분", "관", "당초"} <= flat, b.page
        assert not any("세출" in part or "사무비" in part for part in flat), b.page
        labels = [r[0] for r in body if r[0]]
        assert labels and labels[-1].startswith("세출"), b.page
        assert "세입소계" not in labels[1:], b.page
    page3 = _from_grid(tables[2].grid)
    assert page3 is not None
    assert page3[1][1][:4] == ["세출", "사무비", "운영비", "수용비 및 수수료"]


def test_kalis_evaluation_criteria_are_read(parsed: dict[str, PdfParse]) -> None:
    p = parsed["kalis-gr-simulator-subsidy-call-2026.pdf"]
    page6 = " ".join(
        [b.text for b in p.blocks if b.page == 6]
        + [" ".join(r) for b in p.blocks if b.page == 6 for r in b.rows]
    )
    assert re.search(r"사업 성과도출 .*\(15\) 15", page6)
    assert "평균 70점 이상" in page6
    # Dotted rulings and open sides (no outer vertical borders) still make one table: the
    # merged cells down the left (정량/정성 평가) and right (비고) edges keep their text, and
    # the part below the double rule continues the table under the same header.
    tables = [b for b in p.blocks if b.page == 6 and b.kind == "table"]
    assert tables[0].header == ["구분", "", "주요내용", "배점", "비고"]
    assert tables[1].continued and tables[1].header == tables[0].header
    rows = [r for b in tables for r in b.rows]
    first = next(r for r in rows if r[1] == "기관의 경영상태")
    assert first[0] == "정량 평가 (20)" and first[3] == "5" and first[4] == "운영 기관 평가"
    plan = next(r for r in rows if r[1] == "사업 수행계획")
    assert plan[0] == "정성 평가 (80)" and plan[3] == "25"
    assert plan[4].replace(" ", "") == "보조사업자선정위원회평가"


def test_toc_leader_dots_dropped_title_kept() -> None:
    lines = [
        {"text": "1. 개요 ········································ 1", "top": 10.0, "x1": 500.0},
        {"text": "2. 추진배경 및 필요성 ······················ 12", "top": 22.0, "x1": 500.0},
    ]
    assert [t for _, t in _paragraphs(lines, 500.0)] == ["1. 개요", "2. 추진배경 및 필요성"]


def test_metadata_proposed_from_the_file_itself() -> None:
    path = REAL / "kalis-gr-simulator-subsidy-call-2026.pdf"
    meta = pdf_metadata(path)
    assert meta["author"] == "국토해양부" and meta["created"].startswith("2026-")
    proposed = propose_info(parse_pdf(path).blocks, meta)
    assert "보조사업자 모집 공고" in str(proposed["title"])
    assert proposed["kind"] == "notice" and proposed["year"] == 2026


def test_year_from_the_file_name_before_the_export_date() -> None:
    # A 2022 budget exported from Hangul in 2026, no year printed in its opening lines: the
    # name its publisher gave the file says the year, the PDF's creation date does not.
    path = REAL / "child-center-budget-2022.pdf"
    meta = pdf_metadata(path)
    assert meta["created"].startswith("2026-")
    blocks = parse_pdf(path).blocks
    assert propose_info(blocks, meta, path.name)["year"] == 2022
    assert propose_info(blocks, meta, "budget.pdf")["year"] == 2026  # no year named: export
    # A year printed in the title still comes first.
    assert propose_info(blocks, {**meta, "title": "2023년도 예산서"}, path.name)["year"] == 2023


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("통 합 재 정 통 계", "통합재정통계"),
        ("구 분", "구분"),
        ("구  분  내용", "구분 내용"),
        ("□ 사 업 명 : 기존 건축물", "□ 사업명 : 기존 건축물"),
        ("및 그 외 기관", "및 그 외 기관"),  # prose one-syllable words stay apart
        ("수 석 김관현", "수 석 김관현"),  # two singles inside a longer text: unsure, kept
    ],
)
def test_rejoin_spaced_examples(text: str, expected: str) -> None:
    assert re.sub(r"\s+", " ", rejoin_spaced(text)) == re.sub(r"\s+", " ", expected)


_TEXT = st.text(alphabet=st.sampled_from(list("가나다및그  a1(),·")), max_size=40)


@given(_TEXT)
def test_rejoin_spaced_is_idempotent(text: str) -> None:
    once = rejoin_spaced(text)
    assert rejoin_spaced(once) == once


@given(_TEXT)
def test_rejoin_spaced_only_removes_spaces(text: str) -> None:
    out = rejoin_spaced(text)
    assert out.replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_rejoin_spaced_never_changes_text_without_hangul(text: str) -> None:
    if not re.search(r"[가-힣]", text):
        assert rejoin_spaced(text) == text


def test_ingest_without_manifest_entry_titles_the_file_and_says_so(tmp_path: Path) -> None:
    from ingest.pipeline import run_ingest
    from ingest.store import open_current_store
    from sosa.settings import Settings
    from tests.conftest import use_persistent_cache

    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(REAL / "child-center-budget-2022.pdf", folder / "budget.pdf")
    data = tmp_path / "data"
    use_persistent_cache(data)
    report = run_ingest([folder], Settings(data_dir=data), progress=False)
    assert not report.failures
    assert "documents.toml 항목이 없어" in report.summary() and "budget.pdf" in report.summary()
    store = open_current_store(Settings(data_dir=data))
    try:
        titles = {c.title for c in store.all_chunks()}
    finally:
        store.close()
    assert len(titles) == 1 and next(iter(titles)).startswith("예산서내역")


@pytest.mark.parametrize(
    "meta", ["kalis-notice-p1-p6-image-only-DERIVED", "Microsoft Word - 공고문.docx", "공고.hwp"]
)
def test_a_metadata_title_that_names_a_file_gives_way_to_the_first_heading(meta: str) -> None:
    blocks = [Block(kind="line", text="2026년 보조사업자 모집 공고", page=1)]
    assert propose_info(blocks, {"title": meta})["title"] == "2026년 보조사업자 모집 공고"
    assert propose_info(blocks, {"title": "기존 건축물 시뮬레이터 공고"})["title"] == (
        "기존 건축물 시뮬레이터 공고"
    )


def test_a_genre_stamp_above_the_title_is_no_title() -> None:
    """ "보도 참고자료 2" and "공개용" stamp the kind of paper; the title is the line after."""

    blocks, _pages = loaded(REAL / "mois-work-report-2025-12.hwp")
    assert [b.text for b in blocks[:2]] == ["보도 참고자료 2", "공개용"]
    assert propose_info(blocks)["title"] == "행정안전부 업무보고 (보도 참고자료)"


def test_roman_numbered_chapters_head_sections(parsed: dict[str, PdfParse]) -> None:
    """ "Ⅵ 선정 절차 및 기준" starts a chapter: the notice's numbered 유의사항 before it
    ("1. e나라도움 온라인 신청서 제출은 …") does not head what follows."""
    name = "kalis-gr-simulator-subsidy-call-2026.pdf"
    blocks = parsed[name].blocks
    sections = assign_sections(blocks, name, "document")
    at = next(i for i, b in enumerate(blocks) if b.text.strip().startswith("Ⅵ"))
    assert sections[at].endswith("선정 절차 및 기준"), sections[at]
    after = sections[at:]
    assert not any("신청마감일" in s for s in after), {s for s in after if "신청마감일" in s}
