"""Table answers from cells: real HWP/HWPX tables, the agency's report, abstention, viewers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api.app import create_app
from ingest.cells import Cell, extract_cells
from ingest.loaders import load
from ingest.metadata import document_info
from ingest.pipeline import run_ingest
from ingest.structure import assign_sections
from retrieval.numbers import check_numbers
from retrieval.service import RetrievalService
from retrieval.tables import TableIndex, asks_table, query_tokens
from sosa.settings import Settings
from tests.conftest import loaded, real_document_chunks, use_persistent_cache, write_mixed_corpus
from tests.retrieval.conftest import everyone, real_table_index

REAL = Path(__file__).resolve().parents[1] / "data" / "real-docs"
# The "table" questions of the real-docs question set about these three files.
QUESTIONS = REAL / "table_qa.jsonl"
FILES = [
    "mois-work-report-2025-12.hwp",
    "moel-work-report-2025-12.hwpx",
    "msit-oss-contest-press-2026.hwpx",
]


@pytest.fixture(scope="module")
def index() -> TableIndex:
    return real_table_index(FILES)


def questions() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def test_real_table_questions_are_answered_from_cells(index: TableIndex) -> None:
    right, wrong = [], []
    for item in questions():
        answer = index.answer(item["question"], everyone)
        if answer is None:
            continue
        assert check_numbers(answer), answer.answer  # every figure is in a quote or computed
        assert answer.citations and answer.facts
        ok = any(e in answer.answer for e in item["expected"]) and any(
            c.document == item["document"] for c in answer.citations
        )
        (right if ok else wrong).append(item["id"])
    # Measured 8/9 right, none wrong (the ninth abstains: two 인원 tables fit alike).
    assert len(right) >= 7, (right, wrong)
    assert not wrong, wrong


def test_the_answer_names_the_row_column_unit_and_source(index: TableIndex) -> None:
    answer = index.answer("행정안전부 2026년 본예산 중 지역균형성장 사업비는 얼마인가?", everyone)
    assert answer is not None and answer.found and answer.mode == "facts"
    assert "2,611,120백만원" in answer.answer and "지역균형성장 행" in answer.answer
    fact = answer.facts[0]
    assert fact.type == "cell" and fact.value == "2,611,120" and "2026" in fact.label
    assert answer.citations[0].document == "mois-work-report-2025-12.hwp"
    assert "2,611,120" in answer.citations[0].quote


def test_a_decrease_is_said_in_words(index: TableIndex) -> None:
    q = "행정안전부 예산에서 사회통합 등 사업비의 2025년 대비 2026년 증감률(%)은?"
    answer = index.answer(q, everyone)
    assert answer is not None and "△1.34" in answer.answer
    assert "감소" in answer.answer or "줄어" in answer.answer


def test_a_sum_over_a_table_shows_its_inputs(index: TableIndex) -> None:
    answer = index.answer("2026년 오픈소스 개발자대회 시상 내역의 전체 상점 수 합계는?", everyone)
    assert answer is not None and "23" in answer.answer
    fact = answer.facts[0]
    assert fact.type == "computed" and fact.value == "23" and len(fact.inputs) >= 5
    assert sum(int(i.value.rstrip("점")) for i in fact.inputs) == 23


def test_a_superlative_shows_the_rows_that_decide_it(index: TableIndex) -> None:
    q = "오픈소스 개발자대회 시상 내역에서 상금이 가장 큰 상은?"
    answer = index.answer(q, everyone)
    assert answer is not None and "장관상" in answer.answer and "1,000만원" in answer.answer
    assert len(answer.facts) == 3 and answer.facts[1].value in answer.answer  # the runners-up
    assert check_numbers(answer)


def test_a_change_asked_reads_the_change_column(index: TableIndex) -> None:
    answer = index.answer("사회통합 등 사업비는 줄었나요?", everyone)
    assert answer is not None and "△9,584" in answer.answer and "감소" in answer.answer
    rate = index.answer(
        "고용노동부 예산 중 근로복지 분야의 2025년 대비 2026년 증감률(%)은?", everyone
    )
    assert rate is not None and "△0.4%" in rate.answer
    # Everyday verbs of change ("늘어?", "올랐어?") ask the change column, not the level.
    grown = index.answer("2026년 총지출은 2025년보다 얼마나 늘어?", everyone)
    assert grown is not None and "23,309억원" in grown.answer and "376,761" not in grown.answer
    risen = index.answer("고용보험 예산은 얼마나 올랐어?", everyone)
    assert risen is not None and "6,711억원" in risen.answer


@pytest.fixture(scope="module")
def report() -> TableIndex:
    from tests.conftest import CORPUS

    name = "jb-2024-management-evaluation.pdf"
    blocks, _pages = load(CORPUS / name)
    info = document_info(name, {"title": "2024년 경영평가 결과", "kind": "evaluation_report"})
    cells = extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind))
    return TableIndex(cells, {name: info.title})


def test_two_named_columns_of_one_row(report: TableIndex) -> None:
    q = "기관의 사명 및 사회적 역할을 파악하고 경영목표 달성노력을 위한 기관장 리더십 지표의 배점과 득점은?"
    answer = report.answer(q, everyone)
    assert answer is not None and "배점 5점" in answer.answer and "득점 4.75점" in answer.answer
    assert [f.type for f in answer.facts] == ["cell", "cell"]


def test_a_ratio_of_two_columns_shows_its_inputs(report: TableIndex) -> None:
    q = "기관의 사명 및 사회적 역할을 파악하고 경영목표 달성노력을 위한 기관장 리더십 지표의 배점 대비 득점 비율은?"
    answer = report.answer(q, everyone)
    assert answer is not None and "95%" in answer.answer
    fact = answer.facts[0]
    assert fact.type == "computed" and [i.value for i in fact.inputs] == ["4.75", "5"]
    assert check_numbers(answer)


@pytest.mark.parametrize(
    "question",
    [
        "우주정거장 건설 예산은 얼마인가?",  # nothing of the kind in any table
        "행정안전부 장관의 이름은 무엇인가?",  # no figure and no row for it
        "예산 현황 표에서 가장 많은 항목은?",  # a ranking over which column: not clear
    ],
)
def test_abstains_when_no_cell_fits(index: TableIndex, question: str) -> None:
    assert index.answer(question, everyone) is None


def test_a_viewer_filter_hides_cells(index: TableIndex) -> None:
    q = "행정안전부 2026년 본예산 중 지역균형성장 사업비는 얼마인가?"
    assert index.answer(q, lambda c: c.document != "mois-work-report-2025-12.hwp") is None


# -- through the service and the API ----------------------------------------------------------

MEMO = (
    "# 내부 예산표\n\n"
    "| 구분 | 2025년 예산 | 2026년 예산 |\n"
    "| --- | --- | --- |\n"
    "| 회식비 | 3,000,000 | 2,400,000 |\n"
    "| 교육비 | 5,000,000 | 6,100,000 |\n"
)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> RetrievalService:
    root = tmp_path_factory.mktemp("tables")
    folder = write_mixed_corpus(root / "docs", "내부 메모", MEMO)
    settings = Settings(data_dir=root / "data")
    use_persistent_cache(settings.data_dir)
    run_ingest([folder], settings, progress=False)
    return RetrievalService(settings)


def test_service_tables_apply_the_viewer_policy(mixed: RetrievalService) -> None:
    assert mixed.tables("교육비 2026년 예산", viewer="public") == []
    staff = mixed.tables("교육비 2026년 예산", viewer="staff")
    assert staff and staff[0][0].value == "6,100,000" and staff[0][0].document == "memo.txt"
    assert mixed.tables("교육비", viewer="staff", document="notice.txt") == []


def test_ask_routes_a_figure_question_to_the_cell(mixed: RetrievalService) -> None:
    answer = mixed.ask("교육비 2026년 예산은 얼마인가요?", viewer="staff")
    assert answer.found and "6,100,000" in answer.answer
    assert answer.facts and answer.facts[0].type == "cell"
    assert not mixed.ask("교육비 2026년 예산은 얼마인가요?", viewer="public").found


def test_get_tables_endpoint(mixed: RetrievalService) -> None:
    app = create_app(mixed.settings.model_copy(update={"rate_limit_per_minute": 0}), mixed)
    with TestClient(app) as client:
        public = client.get("/v1/tables", params={"q": "교육비 2026년 예산"})
        assert public.status_code == 200 and public.json() == {"cells": []}
        assert client.get("/v1/tables", params={"q": ""}).status_code == 422
        assert "/v1/tables" in client.get("/openapi.json").json()["paths"]


# -- text cells, one label in two tables, a figure the question gives -------------------------


@pytest.fixture(scope="module")
def call() -> TableIndex:
    """The KALIS call for proposals: its evaluation table runs over several page blocks, with
    a merged 비고 cell saying who evaluates each group of rows."""
    name = "kalis-gr-simulator-subsidy-call-2026.pdf"
    blocks, _pages = loaded(REAL / name)
    info = document_info(name, None)
    cells = extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind))
    return TableIndex(cells, {name: info.title})


def test_a_who_question_is_answered_by_the_text_cell_of_the_rows_it_names(
    call: TableIndex,
) -> None:
    answer = call.answer("평가기준에서 정성 평가 항목은 누가 평가하나요?", everyone)
    assert answer is not None and "보조 사업자 선정 위원회 평가" in answer.answer
    assert answer.facts[0].type == "cell" and answer.citations
    quant = call.answer("정량 평가 항목은 어느 주체가 평가하는가?", everyone)
    assert quant is not None and "운영 기관 평가" in quant.answer


@pytest.mark.parametrize(
    "question",
    [
        "평가기준에서 누가 평가하나요?",  # which group of rows: not said, two texts fit
        "정성 평가 항목의 배점은 누가 정하나요?",  # a named column that holds no text
    ],
)
def test_a_who_question_abstains_when_the_text_is_not_clear(
    call: TableIndex, question: str
) -> None:
    assert call.answer(question, everyone) is None


def test_one_label_in_two_tables_lists_both_with_their_sources(index: TableIndex) -> None:
    answer = index.answer("인원 현황에서 본부의 정원은 몇 명인가?", everyone)
    assert answer is not None and "여러 개" in answer.answer
    assert "658" in answer.answer and "1,681" in answer.answer
    assert {c.document for c in answer.citations} == {
        "mois-work-report-2025-12.hwp",
        "moel-work-report-2025-12.hwpx",
    }
    assert check_numbers(answer)


def test_a_figure_the_question_gives_is_not_its_answer(report: TableIndex) -> None:
    asked = report.answer("외부지적사항 지적건수는 몇 건이야?", everyone)
    assert asked is not None and "2건" in asked.answer
    assert report.answer("외부지적사항 지적건수 2건은 각각 어디서 지적된 거야?", everyone) is None


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        ("교육비 예산은 얼마인가요?", True),  # a figure
        ("정성 평가는 누가 평가하나요?", True),  # a name: a text cell may answer
        ("주관기관은 어디인가요?", True),
        ("보조사업 공모의 사업 기간은?", True),  # a time: a "사업 기간 : …" line may answer
        ("사업 공고문을 요약해 주세요", False),  # neither: passages answer
        ("2분기 이행계획에는 뭐가 있어?", True),  # 뭐: the spoken 무엇
    ],
)
def test_the_table_route_takes_figure_and_name_questions(question: str, routed: bool) -> None:
    assert asks_table(question) is routed


def _pipeline_cells(name: str) -> tuple[list[Cell], str]:
    """The cells of a real file without a documents.toml entry, titled as ingest titles it."""
    from ingest.metadata import propose_info
    from ingest.pdf import pdf_metadata

    blocks, _pages = loaded(REAL / name)
    info = document_info(name, None)
    meta = pdf_metadata(REAL / name) if name.endswith(".pdf") else None
    info = info.model_copy(update=propose_info(blocks, meta))
    return extract_cells(info, blocks, assign_sections(blocks, info.title, info.kind)), info.title


@pytest.fixture(scope="module")
def notices() -> TableIndex:
    """A statistics sheet (HWP) and a subsidy call (PDF) whose facts stand in text lines."""
    cells: list[Cell] = []
    titles = {}
    for name in ("moef-fiscal-statistics-2010-11.hwp", "kalis-gr-simulator-subsidy-call-2026.pdf"):
        got, titles[name] = _pipeline_cells(name)
        cells += got
    return TableIndex(cells, titles)


def test_a_figure_under_a_heading_answers_its_heading(notices: TableIndex) -> None:
    """ "□ 관리대상수지(사회보장성기금* 제외수지)" then "ㅇ △6,169십억원 = …": no table row."""
    answer = notices.answer("2010년 11월 누계 관리대상수지는 얼마인가?", everyone)
    assert answer is not None and "△6,169십억원" in answer.answer
    assert answer.citations[0].document == "moef-fiscal-statistics-2010-11.hwp"
    assert "관리대상수지(사회보장성기금* 제외수지)" in answer.citations[0].quote
    assert check_numbers(answer)


def test_a_label_value_line_answers_its_item(notices: TableIndex) -> None:
    answer = notices.answer("보조사업 공모의 사업 기간은?", everyone)
    assert answer is not None and "’26. 4. ∼ ’27. 3." in answer.answer
    assert answer.citations[0].quote.startswith("□ 사업 기간 :")
    rate = notices.answer("보조금 보조율은 몇 %인가?", everyone)
    assert rate is not None and "국비 100%" in rate.answer and check_numbers(rate)


def test_a_line_fact_answers_only_when_its_item_is_named(notices: TableIndex) -> None:
    # The line's section (here the call's own title, which these questions name) is no row
    # label: its words and a "보조" shared with "보조금 보조율" do not make 국비 100% the
    # pass mark or the own share asked.
    for q in (
        "시뮬레이터 고도화 보조사업자 모집 공고의 평가 통과 기준은 몇 %인가?",
        "시뮬레이터 고도화 사업 수행 보조사업자 모집 공고에서 자부담 비율은 몇 %인가?",
    ):
        answer = notices.answer(q, everyone)
        assert answer is None or "국비 100%" not in answer.answer, answer.answer


@pytest.mark.slow
def test_a_figure_listed_in_a_text_cell_answers_for_its_label(notices: TableIndex) -> None:
    """ "기술평가(90%), 가격평가(10%)" in the 비고 cell of the klid RFP's 평가방식 row."""
    name = "klid-onnara-web-editor-rfp-2023.pdf"
    cells, title = _pipeline_cells(name)
    rfp = TableIndex([*notices.cells, *cells], {**notices.titles, name: title})
    answer = rfp.answer("제안서 평가에서 기술평가는 몇 %인가?", everyone)
    assert answer is not None and "기술평가는 90%" in answer.answer and check_numbers(answer)
    both = rfp.answer("기술평가와 가격평가의 비율은?", everyone)
    assert both is not None and "기술평가 90%" in both.answer and "가격평가 10%" in both.answer
    # "이 사업의 …": the demonstrative's word names the document, not a row or column.
    pointed = rfp.answer("이 사업의 제안서 평가에서 기술평가가 차지하는 비율은 몇 %인가?", everyone)
    assert pointed is not None and "90%" in pointed.answer


def test_a_word_after_a_demonstrative_is_no_table_word() -> None:
    assert "사업" not in query_tokens("이 사업의 제안서 평가 비율은?")
    assert "사업" in query_tokens("사업의 제안서 평가 비율은?")


def test_the_indicator_most_cut_against_its_points_shows_the_deciding_rows(
    service: RetrievalService,
) -> None:
    # 득점 never exceeds 배점 in the rating table: what was kept of it, row by row.
    answer = service.ask("주요사업 영역에서 배점 대비 가장 많이 깎인 지표는?", "staff")
    assert answer.found
    assert (
        "‘사회서비스 고도화 관련 공모 사업 추진 노력’(득점 1.00 / 배점 3, 66.7%)" in answer.answer
    )
    assert [f.value for f in answer.facts][:2] == ["66.7", "50"]
    assert all(len(f.inputs) == 2 for f in answer.facts)
    # A tie for first place names every tied row.
    tied = service.ask("리더십 영역에서 배점 대비 득점이 가장 많이 깎인 지표는?", "staff")
    assert tied.found and tied.answer.count("25%") == 3
    # "가장 많이 깎인" asks which, not why: no evaluator comments instead.
    assert "평가위원" not in answer.answer


def test_the_indicator_most_cut_over_a_table_printed_in_parts(service: RetrievalService) -> None:
    # No area named: the report's 평정표, printed one table per area with the same columns,
    # is ranked whole (the largest share lost is 주요사업's, 66.7%).
    answer = service.ask("배점 대비 가장 많이 깎인 지표는?", "staff")
    assert answer.found and check_numbers(answer)
    assert (
        "‘사회서비스 고도화 관련 공모 사업 추진 노력’(득점 1.00 / 배점 3, 66.7%)" in answer.answer
    )
    assert answer.facts and all(f.type == "computed" for f in answer.facts)
    assert "평정표 표에서" not in answer.answer  # no one table's caption for the whole


@pytest.mark.parametrize(
    "question",
    [
        "주요사업 영역에서 배점 대비 가장 많이 깎인 세부지표는?",
        # a loss called the largest is the most cut, though 큰 reads as the highest
        "주요사업 영역에서 배점 대비 손실이 가장 큰 세부지표는 무엇입니까?",
    ],
)
def test_the_one_indicator_most_cut_is_named_not_every_one(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    """세부지표 names the level ranked; a superlative asks one of its parts, not each."""
    from retrieval.profiles.evaluation_report import breakdown

    answer = service.ask(question, "staff")
    assert answer.found, answer.answer
    assert "가장 많이 깎인 항목은 ‘사회서비스 고도화 관련 공모 사업 추진 노력’" in answer.answer
    monkeypatch.setattr(breakdown, "ONE_OF_THEM", False)
    assert "지표별 점수는" in service.ask(question, "staff").answer


def _line_fact(document: str, title: str, item: str, value: str) -> Cell:
    return Cell(
        document=document,
        page=1,
        section=title,
        caption="",
        unit="",
        row_path=[title],
        col_path=[item],
        value=value,
        number=None,
        year=2026,
        audience="public",
        table=0,
        row=0,
        col=-3,
        row_text=f"□ {item} : {value}",
    )


def test_the_same_fact_in_two_documents_is_cited_from_both() -> None:
    """A notice and its scanned copy (the scan reads ' for ’ and ~ for ∼): one answer, both
    documents cited, rather than one copy picked."""
    cells = [
        _line_fact("notice.pdf", "보조사업자 모집 공고", "사업 기간", "’26. 4. ∼ ’27. 3."),
        _line_fact("scan.pdf", "모집 공고", "사업 기간", "'26.4. ~ '27. 3."),
    ]
    index = TableIndex(cells, {"notice.pdf": "보조사업자 모집 공고", "scan.pdf": "모집 공고"})
    answer = index._single("보조사업 공모의 사업 기간은?", cells[0])
    assert answer.found and "’26. 4. ∼ ’27. 3." in answer.answer
    assert {c.document for c in answer.citations} == {"notice.pdf", "scan.pdf"}
    assert "다른 문서에도" in answer.answer
    # Another period is another fact, not a copy.
    other = _line_fact("other.pdf", "다른 공고", "사업 기간", "’25. 1. ∼ ’25. 12.")
    assert TableIndex([*cells, other], {})._twins(cells[0]) == [cells[1]]


def test_korean_abbreviations() -> None:
    from retrieval.tables import abbreviates

    assert abbreviates("고공단", "고위공무원단") and abbreviates("행안부", "행정안전부")
    assert not abbreviates("고용", "고위공무원단")  # the last syllable differs
    assert not abbreviates("예산", "예산")  # a word is no abbreviation of itself
    assert not abbreviates("정성", "정책성")  # two syllables are too few to tell


def test_years_a_label_or_a_question_names() -> None:
    from retrieval.tables import years_in

    assert years_in("󰊲 인원 현황(’25.11.30. 기준)") == {2025}
    assert years_in("2026년 본예산 (B)") == {2026}
    assert years_in("26년 본예산 총액은?") == set()
    assert years_in("26년 본예산 총액은?", bare=True) == {2026}
    assert years_in("예산 1,500,000") == set()  # a figure is no year


@pytest.mark.parametrize(
    ("question", "holds", "lacks"),
    [
        # The table's own abbreviation (고공단) of the question's word, and the ministry's.
        ("행안부 소속기관에 고위공무원단 현원은 몇 명 있어?", "19", None),
        # 총액: the 계 row; a year asked picks its column.
        ("2026년 본예산 총액은?", "76,905,548", "74,"),
        # A change asked of a row named by its own label (국민안전 under ∎사업비).
        ("행안부 예산 중 국민안전 분야는 얼마 늘었어?", "867,050", None),
        ("고용노동부 특별회계 예산은 2025년에 얼마였나요?", "6,080", "7,576"),
    ],
)
def test_lookups_in_users_words(
    index: TableIndex, question: str, holds: str, lacks: str | None
) -> None:
    answer = index.answer(question, everyone)
    assert answer is not None and answer.found, question
    assert check_numbers(answer), answer.answer
    assert holds in answer.answer, answer.answer
    assert lacks is None or lacks not in answer.answer, answer.answer


def test_a_year_no_column_holds_is_not_answered_with_another_year(index: TableIndex) -> None:
    """2025 and 2026 budgets only: the 2024 figure is not there, so no cell answers."""
    assert index.answer("고용노동부 2024년 총지출 예산은 얼마였어?", everyone) is None
    got = index.answer("고용노동부 2025년 총지출 예산은 얼마였어?", everyone)
    assert got is not None and "353,452" in got.answer


@given(
    st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xAC20), max_size=8),
    st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xAC20), max_size=12),
)
def test_an_abbreviation_keeps_the_ends_and_the_order(short: str, long: str) -> None:
    from retrieval.tables import abbreviates

    assert not abbreviates(long, long)
    if abbreviates(short, long):
        assert short[0] == long[0] and short[-1] == long[-1] and 3 <= len(short) < len(long)
        rest = iter(long)
        assert all(ch in rest for ch in short)


def test_how_much_of_a_row_is_its_one_amount_of_money(index: TableIndex) -> None:
    """ "은상 받으면 얼마 줘?" names the row only: 얼마 asks money, so 상금 (각 250만원), not
    the row's 상점 (1점)."""
    answer = index.answer("은상 받으면 얼마 줘?", everyone)
    assert answer is not None and "각 250만원" in answer.answer, answer
    assert check_numbers(answer)


def test_a_short_question_naming_a_row_and_column_whole(index: TableIndex) -> None:
    """ "특별회계 지출은?" asks no figure word; only a cell whose labels hold every word, its
    column named whole, answers it."""
    from retrieval.tables import elliptical

    assert elliptical("특별회계 지출은?") and not elliptical(
        "특별회계 지출에 대해 자세히 알려주세요"
    )
    answer = index.named_cell("특별회계 2026년 예산은?", everyone)
    assert answer is not None and "7,576" in answer.answer, answer
    assert index.named_cell("특별회계 설명은?", everyone) is None


def test_a_parent_column_named_is_its_total_not_a_part() -> None:
    """ "35A 임대보증금은?": 임대보증금 › 계 (7,778,000원), not 계약금 (388,900원) beside it."""
    index = real_table_index(["lh-rental-housing-notice-gyeongju-2026.hwpx"])
    answer = index.answer("35A 임대보증금은 얼마예요?", everyone)
    assert answer is not None and check_numbers(answer), answer
    assert "7,778,000원" in answer.answer and "388,900" not in answer.answer
    assert "임대보증금(원) 계는" in answer.answer


@pytest.fixture(scope="module")
def housing() -> TableIndex:
    """The LH rental notice: its 편의시설 table's rows are labelled by room (거실), and each
    item (시각경보기) is a cell of the 설치항목 column beside its 제공대상."""
    return real_table_index(["lh-rental-housing-notice-gyeongju-2026.hwpx"])


def test_a_row_named_by_one_of_its_cells_answers_from_the_column_asked(
    housing: TableIndex,
) -> None:
    answer = housing.answer("장애인 편의시설 중 시각경보기는 누구에게 설치해 주나요?", everyone)
    assert answer is not None and "청각장애인" in answer.answer
    assert answer.facts[0].value == "청각장애인" and "시각경보기" in answer.answer
    assert answer.citations[0].document == "lh-rental-housing-notice-gyeongju-2026.hwpx"
    other = housing.answer("음성유도 신호기는 누구에게 설치해 주나요?", everyone)
    assert other is not None and other.facts[0].value == "시각장애인"


def test_a_row_named_by_its_cell_abstains_without_a_column_for_the_ask(
    housing: TableIndex,
) -> None:
    # The row holds no figure, so no column answers a price: no other cell of it instead.
    assert housing.answer("시각경보기 가격은 얼마인가요?", everyone) is None


@pytest.fixture(scope="module")
def donated() -> TableIndex:
    """A children's centre's 후원품 사용내역서 (PDF): 183 numbered rows over ten pages."""
    return real_table_index(["child-center-donated-goods-2021.pdf"])


def test_records_are_counted_when_the_table_is_named_by_its_caption(donated: TableIndex) -> None:
    answer = donated.answer("2021년 후원품 사용내역은 모두 몇 건 기록돼 있어?", everyone)
    assert answer is not None and "183건" in answer.answer
    assert answer.facts[0].type == "computed" and answer.facts[0].value == "183"
    assert check_numbers(answer)


@pytest.mark.parametrize(
    "question",
    [
        "2019년 후원품 사용내역은 모두 몇 건 기록돼 있어?",  # a year the table is not of
        "후원품 사용내역에서 배포(아동) 수량은 몇 개야?",  # a column named: a figure, no count
    ],
)
def test_records_are_not_counted_for_another_year_or_a_named_column(
    donated: TableIndex, question: str
) -> None:
    answer = donated.answer(question, everyone)
    assert answer is None or "기록된 행은" not in answer.answer


def test_a_ledgers_date_column_among_its_labels_answers_when(donated: TableIndex) -> None:
    """순번 · 사용일자 · 사용내역 · 사용처 · 여부 label the rows before 수량 · 금액: the date is
    also a fact of its row, and the row is named by its 사용내역, not its 순번 or date."""
    answer = donated.answer("덴탈마스크는 언제 받았어?", everyone)
    assert answer is not None and "2021-02-03" in answer.answer, answer
    subject = answer.answer.split("사용일자")[0]
    assert "덴탈마스크" in subject and "2021-02-03" not in subject
    assert check_numbers(answer)
    amount = donated.answer("쌀 10kg 기부 금액은?", everyone)
    assert amount is not None and "80,000" in amount.answer
    assert amount.answer.startswith("쌀10KG"), amount.answer  # the row as the question named it


def test_a_sum_is_not_taken_over_part_of_a_column_spelled_otherwise(donated: TableIndex) -> None:
    """The ledger's amount column is headed "상당 금액" on one page, "상당 › 금액" on the others:
    summing the column as matched would add 15 of its 183 rows."""
    heads = {tuple(c.col_path) for c in donated.cells if "금액" in "".join(c.col_path)}
    assert {("상당 금액",), ("상당", "금액")} <= heads
    assert donated.answer("후원품 상당 금액 합계는 얼마야?", everyone) is None


@pytest.fixture(scope="module")
def totals() -> TableIndex:
    """Tables printing their totals: a staff table's 합계 rows, a budget's 세입소계."""
    return real_table_index(
        [
            "moel-work-report-2025-12.hwpx",
            "child-center-budget-2022.pdf",
            "moef-fiscal-statistics-2010-11.hwp",
        ]
    )


def test_a_total_the_table_prints_is_quoted_not_summed(totals: TableIndex) -> None:
    """ "4급 현원 합계": the 합계 › 현원 row's 4급 cell (113), not a sum over the rows and the
    3․4급 · 4급 · 4․5급 columns; Kiwi cuts 현원 into 현 + 원 here and not in every label."""
    answer = totals.answer("4급 현원 합계는?", everyone)
    assert answer is not None and "113" in answer.answer and "계산" not in answer.answer
    # A total glued to its group (세입소계) is the group's row; no other table's column is
    # summed for the group named.
    budget = totals.answer("세입 소계 추경 예산은?", everyone)
    assert budget is not None and "147,975,100" in budget.answer
    assert totals.answer("세입 합계는?", everyone) is None


def test_a_header_cell_spaced_to_its_width_is_one_word(index: TableIndex) -> None:
    """HWPX cells "현 원", "정 원" (spaced to fill the cell) are read 현원, 정원."""
    labels = {p for c in index.cells for p in c.row_path if c.document.startswith("moel-")}
    assert "현원" in labels and "정원" in labels
    assert not any(re.fullmatch(r"[가-힣]( [가-힣])+", lab) for lab in labels)
    answer = index.answer("본부 정무직 현원은 몇 명이야?", everyone)
    assert answer is not None and "현원 · 정무직: 3" in answer.answer, answer


def test_a_quarter_of_a_plan_table_without_row_labels(index: TableIndex) -> None:
    """1분기 … 4분기 over one row (HWPX): the column named whole and the caption's words."""
    q = "청년 일할 기회 격차 해소 과제의 '26년 2분기 이행계획에는 뭐가 있어?"
    answer = index.answer(q, everyone)
    assert answer is not None and "민관합동 채용박람회" in answer.answer
    assert "2분기 열" in answer.answer and answer.facts[0].label.strip(" ·") == "2분기"
    # Every plan table has a 2분기: with no caption word said, which one is not clear.
    assert index.answer("2분기 이행계획에는 뭐가 있어?", everyone) is None


@pytest.mark.slow
def test_a_table_and_its_scanned_copy_are_one_table() -> None:
    """The KALIS call (PDF) and a scan of it: the same column with the same figures, the same
    row and value, are one table whose answer cites both, not two that fit alike."""
    both = real_table_index(
        ["kalis-gr-simulator-subsidy-call-2026.pdf", "kalis-notice-image-only.pdf"]
    )
    top = both.answer("1단계 평가기준의 정성평가 항목 중 배점이 가장 큰 건 뭐예요?", everyone)
    assert top is not None and "사업 수행계획" in top.answer and "25점" in top.answer
    cited = {c.document for c in top.citations}
    assert cited == {"kalis-gr-simulator-subsidy-call-2026.pdf", "kalis-notice-image-only.pdf"}
    who = both.answer("1단계 평가기준에서 정량평가(20점) 항목은 어느 주체가 평가하는가?", everyone)
    assert who is not None and "운영 기관 평가" in who.answer


def test_a_who_question_over_a_row_of_texts_reads_the_column_of_that_kind(
    housing: TableIndex,
) -> None:
    """현관's row holds three texts (설치항목 twice, 제공대상): 누구 is answered by 대상."""
    answer = housing.answer("현관 편의시설은 누구에게 제공되나요?", everyone)
    assert answer is not None and "지체․뇌병변장애인" in answer.answer
    assert answer.facts[0].label.endswith("제공대상")
    # 주방's rows name no 대상: none of their texts is guessed instead.
    assert housing.answer("주방 편의시설은 누구에게 제공되나요?", everyone) is None


@pytest.fixture(scope="module")
def contacts() -> TableIndex:
    """Two press releases ending in contact tables without a header row, and an RFP whose
    contact table gives a TEL and a FAX number on one row."""
    return real_table_index(
        [
            "mois-gov-innovation-press-2025-12.hwpx",
            "msit-oss-contest-press-2026.hwpx",
            "klid-onnara-web-editor-rfp-2023.pdf",
        ]
    )


def test_a_phone_number_is_found_in_the_row_a_title_names(contacts: TableIndex) -> None:
    q = "정부혁신 추진전략 보도자료 담당 서기관 전화번호 알려주세요"
    answer = contacts.answer(q, everyone)
    assert answer is not None and "044-205-2213" in answer.answer
    assert answer.citations[0].document == "mois-gov-innovation-press-2025-12.hwpx"
    assert "서기관" in answer.answer and answer.facts[0].value == "(044-205-2213)"
    named = contacts.answer("오픈소스 개발자대회 박정민 사무관 연락처는?", everyone)
    assert named is not None and "044-202-6331" in named.answer


def test_rows_that_fit_alike_abstain(contacts: TableIndex) -> None:
    # Both releases have a 사무관, and each has several 담당자 rows: no one row is named.
    assert contacts.answer("사무관 전화번호 알려주세요", everyone) is None
    assert contacts.answer("담당자 전화번호는?", everyone) is None
    # Two 책임자 rows; and 김관현's row holds two numbers (TEL and, unlabelled, the FAX).
    assert contacts.answer("한국지역정보개발원 책임자 전화번호는?", everyone) is None
    assert contacts.answer("한국지역정보개발원 김관현 수석 전화번호는?", everyone) is None


def test_a_name_beside_the_number_names_the_row(contacts: TableIndex) -> None:
    """The RFP's table is headed (사업 책임자 · 한국지역정보개발원): its rows are labelled 책임자
    alone, and the name in the cell beside the number tells them apart."""
    answer = contacts.answer("한국지역정보개발원 이은혁 책임 전화번호는?", everyone)
    assert answer is not None and "02-2031-9464" in answer.answer and "이은혁" in answer.answer
    assert "전화번호" in answer.answer
    assert asks_table("담당자 전화번호는?")
    # A fax number is no phone number to give: the table answers nothing for it.
    assert contacts.answer("오픈소스 개발자대회 박정민 사무관 팩스 번호는?", everyone) is None


def test_a_whole_asked_is_not_answered_by_its_parts_listed(index: TableIndex) -> None:
    """ "총 상금 규모는?": the table lists each prize's 상금; listing them does not say the
    whole (the press release's text does: 총 6,700만원)."""
    assert index.answer("올해 오픈소스 개발자대회 총 상금 규모는 얼마인가요?", everyone) is None
    listed = index.answer("오픈소스 개발자대회 상금은 얼마인가요?", everyone)
    assert listed is not None and "250만원" in listed.answer, listed


def test_a_long_question_reads_the_labels_only_when_one_table_holds_enough_of_it(
    index: TableIndex,
) -> None:
    from retrieval.tables import LONG_QUESTION, MIN_ANSWER_COVER

    # The share one table holds bounds the cover of every cell of it: skipping the labels
    # below MIN_ANSWER_COVER (the least any label answer needs) loses no answer.
    story = (
        "어제 회의에서 동료와 이야기를 나누다가 문득 궁금해졌는데 자료를 찾아보니 잘 모르겠습니다. "
    )
    for item in questions():
        q = item["question"]
        for text in (q, story + q, f"{q} {q}"):
            covers = [s.cover for s in index.match(text, everyone)]
            assert index._table_share(text) >= max(covers, default=0.0) - 1e-9, text
    unrelated = (
        "주말마다 강아지와 함께 공원을 산책하는데 요즘 날씨가 추워져서 따뜻한 옷을 "
        "사 주려고 합니다. 작은 강아지에게 맞는 옷은 몇 벌이 적당한가요?"
    )
    assert len(unrelated) > LONG_QUESTION
    assert index._table_share(unrelated) < MIN_ANSWER_COVER
    assert index.answer(unrelated, everyone) is None
    named = (
        "행정안전부 2026년 본예산 중 지역균형성장 사업비는 얼마인가? "
        "행정안전부 2026년 본예산 지역균형성장 사업비 금액 알려 주세요"
    )
    assert len(named) > LONG_QUESTION and index._table_share(named) >= MIN_ANSWER_COVER
    answer = index.answer(named, everyone)
    assert answer is not None and "2,611,120" in answer.answer, answer


def test_a_count_question_is_not_kept_in_the_label_token_memo(index: TableIndex) -> None:
    # The memo is keyed on the index's own labels (bounded); questions are users' text.
    asked = [f"{n}번째로 묻습니다 인원 현황은 모두 몇 건 기록돼 있어?" for n in range(20)]
    for question in asked:
        index.answer(question, everyone)
    assert not set(asked) & set(index._tokens)


def test_a_where_question_is_answered_by_the_item_of_a_place_beside_the_one_named() -> None:
    """ "신청 서류는 어디로 제출하나요?" in a call whose lines say "신청 서류 : [서식] …" and
    "제 출 처 : 대구테크노파크 AI공간컴퓨팅센터 담당자": the item named (신청 서류) is no place;
    the place item beside it that says a question word (제출처) answers."""
    # (with two other calls, so that the words of one are not every cell's)
    index = real_table_index(
        [
            "dgtp-ai-supplier-call-2026.hwp",
            "kalis-gr-simulator-subsidy-call-2026.pdf",
            "lh-rental-housing-notice-gyeongju-2026.hwpx",
        ]
    )
    answer = index.answer("AI공급기업 신청 서류는 어디로 제출하면 되나요?", everyone)
    assert answer is not None and "AI공간컴퓨팅센터" in answer.answer, answer
    assert "서식" not in answer.answer
    # The item named is of the kind asked (기한 for 언제): it answers itself.
    when = index.answer("AI공급기업 신청 기한은 언제까지예요?", everyone)
    assert when is not None and "4월 22일" in when.answer, when


@pytest.fixture(scope="module")
def rental() -> TableIndex:
    """A housing notice (HWPX) whose one 단지 is one record printed over two body lines."""
    cells, title = _pipeline_cells("lh-rental-housing-notice-gyeongju-2026.hwpx")
    return TableIndex(cells, {"lh-rental-housing-notice-gyeongju-2026.hwpx": title})


def test_a_one_record_table_answers_by_its_column_header(rental: TableIndex) -> None:
    # 경주금장로얄 › 35A is the table's only row label, printed on two lines (기본 임대조건
    # above, 최대전환시 임대조건 below): naming the column is enough.
    rent = rental.answer("월임대료는 얼마예요?", everyone)
    assert rent is not None and check_numbers(rent)
    assert "135,130원" in rent.answer  # the 기본 임대조건's (alone, or with its 최대전환시 twin)
    # "임대보증금(원) › 계": the whole of the header named, not its 계약금 part.
    deposit = rental.answer("임대보증금은 얼마야?", everyone)
    assert deposit is not None and "7,778,000원" in deposit.answer
    assert "388,900" not in deposit.answer


def test_a_month_in_a_one_row_table_answers_when(rental: TableIndex) -> None:
    # "입주예정일 2026년 11월 (예정)": a month is a date; the one 단지 needs no naming; the
    # column's own name is said and the value is quoted whole, its "(예정)" kept.
    answer = rental.answer("입주는 언제 해요?", everyone)
    assert answer is not None and check_numbers(answer)
    assert "입주예정일은 2026년 11월 (예정)입니다" in answer.answer


def test_a_counter_asked_is_not_answered_in_another_unit(rental: TableIndex) -> None:
    # "몇 세대": a count of households, which the 세대당 계약면적 cells (㎡) do not give.
    answer = rental.answer("경주금장로얄 몇 세대 모집해?", everyone)
    assert answer is None or "㎡" not in answer.answer


def test_a_one_row_schedule_is_asked_by_its_columns_and_its_documents_subject() -> None:
    """The contest release's schedule is one row under 출품작 제출 · 2차 평가 · 시상식, its first
    cell a date (6.15.~7.17.) that names no row. Its title is a slogan; what the release is
    about (오픈소스 개발자대회) is what most of its passages say, and a question naming it
    names the table's context too."""
    from retrieval.answer import DOC_TOPIC_SHARE
    from retrieval.answer_reading import document_topics

    name = "msit-oss-contest-press-2026.hwpx"
    cells, title = _pipeline_cells(name)
    topics = document_topics(real_document_chunks(name), DOC_TOPIC_SHARE)
    assert {"오픈", "소스", "개발자", "대회"} <= topics[name]
    index = TableIndex(cells, {name: title}, topics)
    award = index.answer("시상식은 언제야?", everyone)
    assert award is not None and award.answer.startswith("시상식은 12월 초 (예정)입니다")
    due = index.answer("개발자대회 출품작 제출 기한은?", everyone)
    assert due is not None and "8.27." in due.answer
    named = index.answer("오픈소스 개발자대회 시상식은 언제야?", everyone)
    assert named is not None and "12월 초 (예정)" in named.answer
    # without the document's topic words that question names more than the table says
    plain = TableIndex(cells, {name: title})
    assert plain.answer("오픈소스 개발자대회 시상식은 언제야?", everyone) is None


def test_a_line_named_by_one_of_its_words_is_not_named_whole(service: RetrievalService) -> None:
    # "법정 의무교육 : 반부패청렴교육 등 14개 교육과정" shares only 교육 with a question about the
    # training project's period: 법정 and 의무, which no table says, still count against it.
    answer = service.ask("사회서비스 종사자 역량강화교육 지원 기간은?", "staff")
    assert "법정 의무교육" not in answer.answer, answer.answer
    assert "2023. 1 ~ 12월" in answer.answer, answer.answer


def test_a_word_no_document_of_the_cell_says_keeps_its_date_out() -> None:
    # "예방감독은 언제 해?": 예방 is spelled inside the donated goods' "코로나예방키트", whose
    # table has a 사용일자, but nothing in that document says 감독; the work report's
    # quarterly plan, which does, is no table of dates.
    both = real_table_index(
        ["moel-work-report-2025-12.hwpx", "child-center-donated-goods-2021.pdf"]
    )
    answer = both.answer("예방감독은 언제 해?", everyone)
    assert answer is None or "코로나예방키트" not in answer.answer, answer.answer
    # a date the donated goods' own rows are asked for still answers
    asked = both.answer("코로나예방키트 사용일자는 언제야?", everyone)
    assert asked is not None and "2021-03-11" in asked.answer, asked


def test_the_askers_own_word_for_the_document_does_not_keep_its_cell_out(
    index: TableIndex,
) -> None:
    # The release calls it a 개발자대회; "공모전" is the asker's word, said nowhere, and no
    # part of it is matched inside a longer label: the contact row still answers.
    answer = index.answer("오픈소스 공모전 담당 과장 전화번호는?", everyone)
    assert answer is not None and "044-202-6330" in answer.answer, answer


def test_a_record_of_stacked_records_is_read_by_its_key() -> None:
    # An RFP's requirements are stacked records (고유번호, 명칭, 상세설명, then the next
    # 고유번호): "SFR-003 요구사항 명칭" is the 명칭 between SFR-003's row and SFR-004's.
    rfp = real_table_index(["klid-onnara-web-editor-rfp-2023.pdf"])
    answer = rfp.answer("SFR-003 요구사항 명칭이 뭐야?", everyone)
    assert answer is not None, answer
    assert answer.answer.startswith("SFR-003의 요구사항 명칭은 ‘웹편집기 화면구성’입니다")
    assert check_numbers(answer)  # the key's row is quoted with it
    # SFR-001's own name, not the next record's
    first = rfp.answer("SFR-001 요구사항 명칭이 뭐야?", everyone)
    assert first is not None and "데이터친화적 문서작성 및 변환 기능" in first.answer


def test_a_where_question_is_not_answered_by_a_rate(service: RetrievalService) -> None:
    """ "정보공시제 대상 기관은 어디야?": the plan's target table names 정보공시제 in a row
    whose value is a rate with a note (공시율진척도 80% 구축완료); no who, which, where or
    when is a percentage."""
    answer = service.ask("정보공시제 대상 기관은 어디야?", "staff")
    assert "80%" not in answer.answer, answer.answer
