"""Superlatives over one group of a table's rows, on real PDFs: the group the question names
(운영비, 정성 평가, 이식성) decides the table and the rows ranked; a subtotal is no rival to
its rows; the answer names the row below the group, not its description."""

from __future__ import annotations

import pytest

from retrieval.numbers import check_numbers
from retrieval.tables import TableIndex
from tests.retrieval.conftest import everyone, real_table_index

FILES = [
    "child-center-budget-2022.pdf",
    "kalis-gr-simulator-subsidy-call-2026.pdf",
    "klid-onnara-web-editor-rfp-2023.pdf",
]


@pytest.fixture(scope="module")
def index() -> TableIndex:
    return real_table_index(FILES)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "first", "value", "document"),
    [
        # 운영비 소계 (16,232,480) sums the five 목 below it: the largest of them answers.
        ("운영비 항목 중 당초 예산이 가장 큰 목은 뭐야?", "기타운영비", "6,800,000", "child"),
        # Two documents have a 배점 column; only KLID's rows hold 이식성.
        ("이식성 세부평가항목 가운데 배점이 가장 높은 항목은?", "하위호환성", "9점", "klid"),
        (
            "1단계 평가기준의 정성평가 항목 중 배점이 가장 큰 건 뭐예요?",
            "사업 수행계획",
            "25점",
            "kalis",
        ),
    ],
)
def test_the_largest_row_of_the_group_named(
    index: TableIndex, question: str, first: str, value: str, document: str
) -> None:
    answer = index.answer(question, everyone)
    assert answer is not None and answer.found, question
    assert check_numbers(answer), answer.answer
    top = answer.answer.split("(상위:")[0]
    assert f"가장 큰 값은 {first}" in top and value in top, answer.answer
    assert {c.document.split("-")[0] for c in answer.citations} == {document}
    assert "소계" not in answer.answer
    assert "평가한다" not in answer.answer  # a row's description is no name


@pytest.mark.slow
def test_a_caption_run_on_from_the_paragraph_above_is_cut_to_its_own_line(
    index: TableIndex,
) -> None:
    answer = index.answer("이식성 세부평가항목 가운데 배점이 가장 높은 항목은?", everyone)
    assert answer is not None
    assert answer.answer.startswith("정성적 평가(기술평가위원 평가) 표,"), answer.answer


@pytest.mark.slow
def test_a_row_named_without_a_column_gives_its_figures(index: TableIndex) -> None:
    """ "인건비 소계는 얼마야?": 당초, 추경 and 증감액 are all its figures; none is picked."""
    answer = index.answer("인건비 소계는 얼마야?", everyone)
    assert answer is not None and check_numbers(answer), answer
    assert "77,990,120" in answer.answer and "78,230,120" in answer.answer
    assert answer.answer.startswith("인건비 소계는")


@pytest.mark.slow
def test_a_group_named_whole_is_its_subtotal_row(index: TableIndex) -> None:
    """ "후원금 수입은 얼마?": 후원금수입 소계 (7,400,000), not one of its lines (400,000)."""
    answer = index.answer("후원금 수입은 얼마?", everyone)
    assert answer is not None and "7,400,000" in answer.answer, answer
    assert "400,000," not in answer.answer.replace("7,400,000", "")


@pytest.mark.slow
def test_a_code_no_label_holds_is_not_answered_by_another_row(index: TableIndex) -> None:
    assert index.answer("국고보조금은 얼마야?", everyone) is not None
    assert index.answer("B1 국고보조금은 얼마야?", everyone) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "total"),
    [
        # The group's rows by their names, not rows whose description mentions 사용 or 기능.
        ("사용성 항목 배점 합계는?", "12점"),
        ("기능성 배점 합계는?", "19점"),
    ],
)
def test_a_sum_over_the_group_named(index: TableIndex, question: str, total: str) -> None:
    answer = index.answer(question, everyone)
    assert answer is not None and check_numbers(answer), answer
    assert f"합계는 {total}" in answer.answer, answer.answer
    assert "평가한다" not in answer.answer


@pytest.mark.slow
def test_rows_tied_for_first_are_all_named(index: TableIndex) -> None:
    answer = index.answer("기능성 세부항목 중 배점이 가장 높은 건?", everyone)
    assert answer is not None and check_numbers(answer), answer
    assert "표준 준수성" in answer.answer and "시스템 요구사항" in answer.answer
    assert "여럿" in answer.answer
