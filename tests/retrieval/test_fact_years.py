"""Years: facts of two evaluation reports (2024 and a made-up 2025) side by side.

Without a year a question gets the latest report and the answer names its year; with a year,
that year; "전년 대비", "작년보다", "2년 연속" show both years' figures and their difference.
"""

# Fixtures imported from test_facts_fixtures are test parameters here.
# ruff: noqa: F811

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal

import pytest

from retrieval.facts.store import FactStore
from sosa.models import Answer
from tests.ingest.test_facts_fixtures import corpus_docs, facts_conn, facts_db  # noqa: F401
from tests.retrieval.test_facts import assert_grounded


@pytest.fixture(scope="module")
def store(two_years_conn: sqlite3.Connection) -> FactStore:
    return FactStore(two_years_conn)


def _routed(store: FactStore, question: str) -> Answer:
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    return answer


def test_both_reports_add_up_and_carry_their_year(store: FactStore) -> None:
    for year, total, leadership in ((2024, "92.15", "12.75"), (2025, "92.10", "13.00")):
        rows = [r for r in store.scores(year=year) if r.agency == "전북특별자치도사회서비스원"]
        assert sum(1 for r in rows if r.level == "indicator") == 39
        assert {r.year for r in rows} == {year}
        assert {r.performance_year for r in rows} == {year - 1}
        assert next(r.points for r in rows if r.level == "total") == total
        assert (
            next(r.points for r in rows if r.level == "area" and r.area == "리더십") == leadership
        )
    first = store.scores()[0]  # the latest evaluation's own table first
    assert (first.level, first.year, first.points) == ("total", 2025, "92.10")


@pytest.mark.parametrize(
    ("question", "year", "expected", "other"),
    [
        ("리더십 점수는?", 2025, "13.00", "12.75"),
        ("2024년 리더십 점수는?", 2024, "12.75", "13.00"),
        ("2025년 리더십 득점은?", 2025, "13.00", "12.75"),
        ("조직·인사 관리의 적정성 지표 득점은 몇 점인가요?", 2025, "7.50", "7.80"),
        ("2024년 조직·인사 관리의 적정성 지표 득점은?", 2024, "7.80", "7.50"),
    ],
)
def test_a_year_asked_or_the_latest(
    store: FactStore, question: str, year: int, expected: str, other: str
) -> None:
    answer = _routed(store, question)
    assert f"{year}년 경영평가" in answer.answer and expected in answer.answer, answer.answer
    assert other not in answer.answer
    assert {c.document for c in answer.citations} == {f"jb-{year}-management-evaluation.pdf"}
    assert any(f.type == "year" and f.value == str(year) for f in answer.facts)


def test_the_overall_result_is_the_latest_years(store: FactStore) -> None:
    answer = _routed(store, "우리 기관 경영평가 총점은?")
    assert "2025년 경영평가 총점은 92.10점" in answer.answer, answer.answer
    assert "92.15" not in answer.answer
    older = _routed(store, "2024년 경영평가 총점은?")
    assert "92.15" in older.answer and "92.10" not in older.answer


def _compared(answer: Answer) -> tuple[Decimal, list[str]]:
    computed = next(f for f in answer.facts if f.type == "computed")
    return Decimal(computed.value), [i.value for i in computed.inputs]


@pytest.mark.parametrize(
    ("question", "now", "before", "word"),
    [
        ("리더십 득점은 전년 대비 얼마나 올랐나요?", "13.00", "12.75", "높습니다"),
        ("총점이 작년보다 올랐나요?", "92.10", "92.15", "낮습니다"),
        ("경영시스템 영역 점수는 전년과 비교해 어떤가요?", "19.20", "19.50", "낮습니다"),
    ],
)
def test_a_year_against_the_year_before(
    store: FactStore, question: str, now: str, before: str, word: str
) -> None:
    answer = _routed(store, question)
    text = answer.answer
    assert f"2025년 {now}점" in text and f"2024년 {before}점" in text, text
    assert word in text
    diff, inputs = _compared(answer)
    assert diff == abs(Decimal(now) - Decimal(before)) and f"{diff}점" in text
    assert inputs == [now, before]
    assert {c.document for c in answer.citations} == {
        "jb-2024-management-evaluation.pdf",
        "jb-2025-management-evaluation.pdf",
    }


def test_two_years_running(store: FactStore) -> None:
    answer = _routed(store, "2년 연속 A등급인가요?")
    assert "두 해 연속 A등급" in answer.answer, answer.answer
    assert "92.10점(A등급)" in answer.answer and "92.15점(A등급)" in answer.answer


def test_one_year_only_is_said_so_with_the_year_there_is(facts_conn: sqlite3.Connection) -> None:
    """The real corpus holds one evaluation year: no comparison can be computed, and the
    answer says so with the year it has (not passages about another agency's score)."""
    single = FactStore(facts_conn)
    compared = single.route("리더십 득점은 전년 대비 얼마나 올랐나요?", "public")
    assert compared is not None and not compared.found
    assert "비교할 이전 연도의 자료가 없습니다" in compared.answer
    assert "12.75점" in compared.answer and compared.citations
    answer = single.route("리더십 점수는?", "public")
    assert answer is not None and "2024년 경영평가 리더십 영역의 득점은 12.75점" in answer.answer
    # An indicator group (재무관리: three indicators) is told as its sum, said to be of one year.
    group = single.route("재무관리 득점 작년보다 올랐어?", "public")
    assert group is not None and not group.found, group
    assert "비교할 이전 연도의 자료가 없습니다" in group.answer and "7.80점" in group.answer


def test_a_performance_year_asked_is_named_beside_the_evaluation_year(
    facts_conn: sqlite3.Connection,
) -> None:
    """ "2023년 리더십 점수는?" with only the 2024 evaluation (of 2023's performance): the answer
    names both years, never the asked year alone as if it were that year's evaluation."""
    single = FactStore(facts_conn)
    area = single.route("2023년 리더십 점수는?", "public")
    assert area is not None and area.found
    assert_grounded(area)
    assert "2024년 경영평가(2023년 실적) 리더십 영역의 득점은 12.75점" in area.answer
    assert any(f.label == "실적 연도" and f.value == "2023" for f in area.facts)
    total = single.route("2023년 총점은?", "public")
    assert total is not None and "2024년(2023년 실적) 경영평가 총점은 92.15점" in total.answer
    own = single.route("2024년 리더십 점수는?", "public")
    assert own is not None and "실적" not in own.answer


def test_other_agencies_keep_their_own_latest_year(store: FactStore) -> None:
    """The 2025 report of this agency does not hide the 2024 press figures of others."""
    answer = _routed(store, "대전 총점은?")
    assert "97.43" in answer.answer
    difference = _routed(store, "전북과 대전의 총점 차이는?")
    assert "92.15" in difference.answer and "97.43" in difference.answer  # the same year
    assert not re.search(r"92\.10", difference.answer)


def test_chunks_carry_their_documents_year(service) -> None:  # type: ignore[no-untyped-def]
    years = {(c.document, c.year) for c in service.state.chunks}
    assert ("jb-2024-management-evaluation.pdf", 2024) in years
    assert ("jb-2023-annual-business-plan.pdf", 2023) in years
    assert len({d for d, _y in years}) == len(years)  # one year per document
