"""Years of the business plans: the 2023 plan of corpus/ and a made-up 2024 plan side by side.

Without a year a question gets the latest plan holding the project and the answer names its
year; with a year, that year; "작년보다", "전년 대비" show both plans' figures and their
difference. Two plans' figures are never joined into one sentence.
"""

# Fixtures imported from test_facts_fixtures are test parameters here.
# ruff: noqa: F811

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from retrieval.facts.store import FactStore
from sosa.models import Answer
from sosa.numbers import to_decimal
from tests.ingest.test_facts_fixtures import corpus_docs, facts_conn, facts_db  # noqa: F401
from tests.retrieval.conftest import PLANS, SECOND_YEAR
from tests.retrieval.test_facts import assert_grounded

OLD, NEW = PLANS
NEW_SOURCE = (SECOND_YEAR / "jb-2024-annual-business-plan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(two_plans_conn: sqlite3.Connection) -> FactStore:
    return FactStore(two_plans_conn)


def _routed(store: FactStore, question: str) -> Answer:
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    return answer


def _plan(year: int) -> str:
    return {2023: OLD, 2024: NEW}[year]


def test_rows_carry_their_plans_year(store: FactStore) -> None:
    """The API's lists: every year, the newer plan's rows first, each with its year."""
    assert "대체인력 파견실적 총 1,600건" in NEW_SOURCE  # the made-up plan's own figure
    rows = store.targets("대체인력 파견실적")
    assert [(r.year, r.target) for r in rows[:2]] == [(2024, "1,600건"), (2023, "1,500건")]
    assert [r.target for r in store.targets("대체인력 파견실적", year=2023)] == ["1,500건"]
    assert [r.target for r in store.targets("대체인력 파견실적", year=2024)] == ["1,600건"]
    assert store.targets("대체인력 파견실적", year=2022) == []
    new = store.budgets("대체인력", year=2024)[0]
    assert (new.year, new.amount, new.funding) == (2024, "540,000천원", "특별회계")
    # The made-up 세목 table adds up to the 소요예산 line.
    items = [to_decimal(i.rsplit("금액", 1)[-1]) for i in new.items]
    assert len(items) == 2 and sum(i for i in items if i is not None) == Decimal(540000)
    old = store.budgets("대체인력", year=2023)[0]
    assert (old.year, old.amount) == (2023, "503,000천원")
    assert {r.year for r in store.budgets()} == {2023, 2024}


@pytest.mark.parametrize(
    ("question", "year", "expected", "other"),
    [
        ("대체인력 파견 목표는?", 2024, "1,600건", "1,500건"),
        ("대체인력 파견 건수 목표", 2024, "1,600건", "1,500건"),
        ("2023년 대체인력 파견 목표는?", 2023, "1,500건", "1,600건"),
        ("2024년 대체인력 파견 목표는?", 2024, "1,600건", "1,500건"),
        ("대체인력 사업 예산은 얼마야?", 2024, "540,000천원", "503,000"),
        ("2023년 대체인력 예산은?", 2023, "503,000천원", "540,000"),
        ("인사위원회는 몇 회 운영해?", 2024, "6회", "5회"),
        ("소속시설 모니터링 몇 회", 2024, "28회", "24회"),
        ("소속시설 조직진단 예산은?", 2024, "1,000천원", "800천원"),
    ],
)
def test_the_latest_plan_or_the_year_asked(
    store: FactStore, question: str, year: int, expected: str, other: str
) -> None:
    answer = _routed(store, question)
    assert answer.answer.startswith(f"{year}년 사업계획서 기준으로"), answer.answer
    assert expected in answer.answer and other not in answer.answer
    assert {c.document for c in answer.citations} == {_plan(year)}
    assert any(f.type == "year" and f.value == str(year) for f in answer.facts)


def test_the_contract_table_of_the_latest_plan(store: FactStore) -> None:
    answer = _routed(store, "성과계약 단계별 컨설팅 운영 목표는?")
    assert "2024년 성과계약 목표" in answer.answer and "75건" in answer.answer, answer.answer
    assert "70건" not in answer.answer
    assert {c.document for c in answer.citations} == {NEW}


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("대체인력 파견 목표는?", "대체인력"),
        ("인사위원회 운영 목표는?", "인사위원회 운영"),
        ("소속시설 모니터링 몇 회", "소속시설 모니터링"),
    ],
)
def test_two_plans_figures_are_never_joined(store: FactStore, question: str, words: str) -> None:
    """The bug of issue #10: '목표는 1,500건, 1,600건입니다' from the two plans' lines. Neither
    a question nor the bot's target command (several lines of one project) mixes the plans."""
    for answer in (store.route(question, "public"), store.answer_targets(words, "public")):
        assert answer is not None and answer.found, question
        assert {c.document for c in answer.citations} == {NEW}, answer.answer
        assert "2023" not in answer.answer, answer.answer


def test_a_project_only_the_older_plan_holds_names_its_year(store: FactStore) -> None:
    """The made-up plan is an excerpt: the 2023 plan's other projects still answer, as 2023's."""
    answer = _routed(store, "종사자 역량강화교육은 몇 회")
    assert answer.answer.startswith("2023년 사업계획서 기준으로") and "10회" in answer.answer
    budget = _routed(store, "매뉴얼 제작 예산은?")
    assert "2023년 사업계획서 기준" in budget.answer and "12,940천원" in budget.answer
    assert {c.document for c in (*answer.citations, *budget.citations)} == {OLD}


def _compared(answer: Answer) -> tuple[str, list[str]]:
    computed = next(f for f in answer.facts if f.type == "computed")
    return computed.value, [i.value for i in computed.inputs]


@pytest.mark.parametrize(
    ("question", "now", "before", "word"),
    [
        ("대체인력 파견 목표는 작년보다 늘었어?", "1,600건", "1,500건", "늘었습니다"),
        ("대체인력 예산은 전년 대비 얼마나 늘었나요?", "540,000천원", "503,000천원", "늘었습니다"),
        ("인사위원회 운영 목표는 전년 대비 늘었나요?", "6회", "5회", "늘었습니다"),
        ("소속시설 모니터링 목표는 작년보다 늘었어?", "28회", "24회", "늘었습니다"),
        ("단계별 컨설팅 운영 건수 목표는 전년 대비?", "75건", "70건", "늘었습니다"),
        ("성과계약 수탁건수 목표는 작년보다 늘었어?", "2개소", "3개소", "줄었습니다"),
    ],
)
def test_a_plan_against_the_plan_before(
    store: FactStore, question: str, now: str, before: str, word: str
) -> None:
    answer = _routed(store, question)
    text = answer.answer
    assert f"2024년 사업계획서 기준 {now}" in text and f"2023년 사업계획서의 {before}" in text
    assert word in text, text
    value, inputs = _compared(answer)
    a, b = to_decimal(now), to_decimal(before)
    assert a is not None and b is not None
    assert Decimal(value.replace(",", "")) == abs(a - b) and f"보다 {value}" in text
    assert inputs == [now, before]
    assert {c.document for c in answer.citations} == {OLD, NEW}
    assert {f.value for f in answer.facts if f.type == "year"} == {"2023", "2024"}


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("노사협의회 정기회의 목표는 작년과 비교해 어때?", "4회"),
        ("체계적인 업무지원 예산은 작년보다 늘었어?", "5,150천원"),
    ],
)
def test_an_unchanged_figure_shows_both_years(store: FactStore, question: str, figure: str) -> None:
    answer = _routed(store, question)
    assert f"2024년 사업계획서 기준 {figure}" in answer.answer, answer.answer
    assert f"2023년 사업계획서({figure})와 같습니다" in answer.answer
    assert not any(f.type == "computed" for f in answer.facts)
    assert {c.document for c in answer.citations} == {OLD, NEW}


def _no_comparison(answer: Answer | None, figure: str) -> None:
    """Said that no earlier year is indexed, with the figure of the year there is."""
    assert answer is not None and not answer.found
    assert "비교할 이전 연도의 자료가 없습니다" in answer.answer and figure in answer.answer


def test_no_plan_before_the_year_asked(store: FactStore) -> None:
    _no_comparison(
        store.route("2023년 대체인력 파견 목표는 전년 대비 늘었나요?", "public"), "1,500건"
    )


def test_one_plan_only_keeps_its_figures(facts_conn: sqlite3.Connection) -> None:
    """The real corpus holds the 2023 plan alone: its figures and year as before, and no
    comparison to compute."""
    single = FactStore(facts_conn)
    _no_comparison(single.route("대체인력 파견 목표는 작년보다 늘었어?", "public"), "1,500건")
    budget = single.route("대체인력 예산은 전년 대비 얼마나 늘었나요?", "public")
    _no_comparison(budget, "503,000천원")
    target = _routed(single, "대체인력 파견 목표는?")
    assert target.answer.startswith("2023년 사업계획서 기준으로") and "1,500건" in target.answer
    budget = _routed(single, "대체인력 사업 예산은 얼마야?")
    assert "503,000천원" in budget.answer and "2023년" in budget.answer
    # Last year named without a comparison: that year is what is missing, not a comparison.
    last_year = single.route("작년 대체인력 예산은?", "public")
    assert last_year is not None and not last_year.found
    assert "그 연도의 자료가 없습니다" in last_year.answer and "503,000천원" in last_year.answer


def test_budgets_ranked_over_the_latest_plan_only(store: FactStore) -> None:
    """Two plans indexed: the ranking is of the 2024 plan's projects and says so; no 2023
    figure of a project the 2024 plan left out is ranked beside them."""
    answer = _routed(store, "예산이 가장 큰 사업은?")
    assert answer.answer.startswith("2024년 사업계획서 기준으로"), answer.answer
    assert {c.document for c in answer.citations} == {NEW}
