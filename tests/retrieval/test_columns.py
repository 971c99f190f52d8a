"""A table column asked for whole is listed; a question that names more than the column is not
answered by the list."""

from __future__ import annotations

import pytest

from retrieval.columns import column_list
from retrieval.numbers import check_numbers
from retrieval.service import RetrievalService


def _everyone(_cell: object) -> bool:
    return True


def test_a_column_named_whole_is_listed_in_row_order(service: RetrievalService) -> None:
    a = service.ask("15대 전략과제가 뭐야?", "public")
    assert a.found and a.answer.startswith("표의 ‘15대 전략과제’에는 열다섯 가지가 있습니다")
    items = a.answer.split(": ", 1)[1]
    # The plan's chart, as printed: its first and last tasks, bullets dropped.
    assert items.startswith("“소속시설 운영 활성화 지원”")
    assert items.endswith("“사회적 가치창출 및 지역상생”.")
    assert "▪" not in a.answer
    assert check_numbers(a)  # "15대" is in the quoted rows
    assert all(c.document == "jb-2023-annual-business-plan.pdf" for c in a.citations)


def test_a_column_is_listed_before_a_fact_that_shares_a_word(service: RetrievalService) -> None:
    a = service.ask("5대 경영목표는?", "public")
    assert a.found and "‘5대 경영목표’" in a.answer and "종사자 전문성 향상 및 처우개선" in a.answer
    # all five: the last is printed in one cell merged over 비전 and 경영목표, so it repeats
    # its row's label beside another value (the row's 전략과제), and is a cell all the same
    assert "다섯 가지가 있습니다" in a.answer and "“사회서비스 분야 선도경영”" in a.answer


def test_a_counted_column_is_named_without_its_count(service: RetrievalService) -> None:
    # "경영목표는 뭐야?" names the chart's "5대 경영목표" as staff say it, without the count.
    a = service.ask("경영목표는 뭐야?", "staff")
    assert a.found and "‘5대 경영목표’" in a.answer and "다섯 가지가 있습니다" in a.answer, a.answer


def test_the_column_of_row_labels_is_listed_by_its_header(service: RetrievalService) -> None:
    # The chart's visions are its row labels, printed after the header "5대 비전" in each row;
    # the 50 실천사업 chart repeats them with its counts ("… 기반환경 마련 (4)"): one item each.
    for question in ("5대 비전이 뭐야?", "비전이 뭐야?"):
        a = service.ask(question, "staff")
        assert a.found and a.answer.startswith("표의 ‘5대 비전’에는 다섯 가지가 있습니다"), a.answer
        assert "“사회서비스 품질향상 및 공공성 강화”" in a.answer
        assert "“사회서비스 분야 선도경영”." in a.answer and "(8)" not in a.answer
        assert check_numbers(a)


@pytest.mark.parametrize(
    "question",
    [
        "15대 전략과제 중에 종사자 관련된 건 뭐야?",  # a row of it
        "리더십 영역 지표는 어떤 게 있어?",  # an area's indicators, no column of them
        "대체인력 예산 얼마야?",
    ],
)
def test_a_question_naming_more_than_a_column_is_no_column_list(
    service: RetrievalService, question: str
) -> None:
    assert service.state.tables is not None
    assert column_list(service.state.tables, question, _everyone) is None
