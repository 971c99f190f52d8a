"""FactStore lookups and fact routing over facts extracted from the real corpus."""

# Fixtures imported from test_facts_fixtures are test parameters here.
# ruff: noqa: F811

from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from retrieval.facts.compose import Composer
from retrieval.facts.query import parse, rank_asked
from retrieval.facts.store import FactStore
from retrieval.numbers import check_numbers
from retrieval.profiles.evaluation_report.measurements import measurement
from retrieval.service import RetrievalService
from sosa.models import Answer
from tests.ingest.test_facts_fixtures import corpus_docs, facts_conn, facts_db  # noqa: F401

DEV = Path(__file__).resolve().parents[2] / "eval" / "dev_qa.jsonl"
ROUTED = {f"dev-{n:02d}" for n in range(1, 20) if n not in (10, 11)} | {"dev-25"}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def store(facts_conn: sqlite3.Connection) -> FactStore:
    return FactStore(facts_conn)


def dev_items() -> list[dict]:
    return [
        json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def assert_grounded(answer: Answer) -> None:
    """Every number in the answer is printed in a citation's quote or is a computed value."""
    quotes = " ".join(c.quote for c in answer.citations)
    # Computed values, and documents' years from their metadata ("2024년 경영평가 …").
    computed = {f.value for f in answer.facts if f.type in ("computed", "year")}
    for number in NUMBER.findall(answer.answer):
        assert (
            re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", quotes)
            or number in computed
        ), (number, answer.answer)
    for fact in answer.facts:
        for inp in fact.inputs:
            assert inp.value in quotes, inp


# -- lookups ---------------------------------------------------------------------------------


def test_scores_filters(store: FactStore) -> None:
    rows = store.scores(area="경영 시스템")
    assert [r.level for r in rows].count("indicator") == 8 and rows[0].level == "area"
    assert {r.area for r in rows} == {"경영시스템"}
    assert [r.points for r in store.scores(q="경영 시스템") if r.level == "area"] == ["19.50"]
    assert [r.points for r in store.scores(q="경영시스템") if r.level == "area"] == ["19.50"]
    daejeon = store.scores(agency="대전")
    assert {(r.level, r.points, r.grade) for r in daejeon} >= {
        ("total", "97.43", "S"),
        ("total", None, "S"),
    }
    assert {r.agency for r in store.scores(agency="전북특별자치도사회서비스원")} == {
        "전북특별자치도사회서비스원",
        "전북 사회서비스원",
    }
    assert store.scores(year=2025) == []
    assert len(store.scores(indicator="기관장의 리더")) == 3
    assert len(store.scores(agency="전북특별자치도사회서비스원", year=2024, area="리더십")) == 6
    everything = store.scores()
    assert everything[0].level == "total" and everything[0].points == "92.15"  # tables first
    assert len(everything) == 58


def test_ranked_lookups(store: FactStore) -> None:
    assert store.targets("대체인력")[0].target == "1,500건"
    budget = store.budgets("대체인력")[0]
    assert (budget.amount, budget.funding) == ("503,000천원", "특별회계")
    assert store.budgets("긴급돌봄")[0].amount == "80,000천원"
    measured = store.measurements("조달계약비율 기준치")
    assert (measured[0].field, measured[0].value) == ("기준치", "84.21")
    assert store.targets("우주정거장") == []
    assert len(store.targets("")) >= 150


def test_public_viewers_never_get_internal_contacts(store: FactStore) -> None:
    public = store.contacts("종합재가센터", viewer="public")
    assert public and all(c.audience == "public" for c in public)
    assert {c.phone for c in public} == {"1522-0365"}
    assert all(c.audience == "public" for c in store.contacts("", viewer="public"))
    staff = {c.phone for c in store.contacts("종합재가센터", viewer="staff")}
    assert {"2061", "2070", "1522-0365"} <= staff
    answer = store.route("종합재가센터 담당자의 내선번호는?", "public")
    assert answer is not None
    assert not re.search(r"\b(?:2061|2062|2070|2911)\b", answer.answer)
    assert all(c.quote.find("2061") < 0 for c in answer.citations)


def test_staff_asking_for_the_person_get_the_project_s_staff_not_its_public_line(
    store: FactStore,
) -> None:
    """ "긴급돌봄 담당자는?": 긴급돌봄 대표번호 fits the words best, but staff asked a person."""
    staff = store.route("긴급돌봄 담당자는?", "staff")
    assert staff is not None and staff.found
    assert "담당자는 김준홍(내선 2062), 센터장은 이선경(내선 2061)" in staff.answer
    # the number asked, or a citizen asking: the public line
    number = store.route("긴급돌봄 대표번호는?", "staff")
    assert number is not None and "1522-0365" in number.answer
    public = store.route("긴급돌봄 담당자는?", "public")
    assert public is not None and "1522-0365" in public.answer and "2062" not in public.answer


# -- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item", [i for i in dev_items() if i["id"] in ROUTED], ids=lambda i: i["id"]
)
def test_dev_questions_are_answered_from_facts(store: FactStore, item: dict) -> None:
    viewer = "public" if item["id"] == "dev-25" else "staff"
    answer = store.route(item["question"], viewer)
    assert answer is not None, item["question"]
    assert any(e in answer.answer for e in item["expected"]), answer.answer
    assert item["document"] in {c.document for c in answer.citations}
    assert answer.mode == "facts" and answer.found and re.fullmatch(r"[0-9a-f]{12}", answer.id)
    assert answer.answer.rstrip().endswith(("다.", "요.", ")."))
    assert all(c.title and c.section and c.quote for c in answer.citations)
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question",
    [
        *[i["question"] for i in dev_items() if i["id"] not in ROUTED],
        "대체인력 파견 사업은 어떻게 진행되나요?",
        "예산 편성 기준은 무엇인가요?",
        "서울 사회서비스원 총점은?",
        "2022년 총점은?",
        "내 점수는 몇 점이야?",
        # ("사회서비스원 전화번호": the public lines, named; see the test of agency-wide numbers)
        "평가 등급은 어떻게 매기나요?",
        "목표가 뭐야?",
    ],
)
def test_other_questions_are_left_to_the_passage_answerer(store: FactStore, question: str) -> None:
    if question == "대전시사회서비스원의 서비스 품질 차원 만족도는?":
        answer = store.route(question, "staff")  # stated in the news article: a fact too
        assert answer is not None and "96.3" in answer.answer
        return
    answer = store.route(question, "staff")
    # None, or (a year the documents have no figure for) declined, saying what they have.
    assert answer is None or (not answer.found and "물으신 연도" in answer.answer), question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("리더십 영역 점수는?", "12.75"),
        ("사회적 책임 영역 득점은?", "9.70"),
        ("채용비리 방지 지표 점수는?", "△1.5"),
        ("품질평가 컨설팅 가점은 받았나요?", "0.50"),
        ("대전시사회서비스원 총점은?", "97.43"),
        ("강원 사회서비스원 등급은?", "S"),
        ("이사회는 몇 회 개최하나요?", "5회"),
        ("종사자 역량강화교육은 몇 회 하나요?", "10회"),
        ("소속시설 이용자 만족도 목표 점수는?", "80점 이상"),
        ("복지자원 플랫폼 구축 예산은?", "400,000천원"),
        ("노사관계 사업 예산은?", "비예산"),
        ("인권경영 담당자 연락처", "4033"),
        ("조달계약비율 실적은?", "97.49"),
    ],
)
def test_paraphrased_fact_questions(store: FactStore, question: str, expected: str) -> None:
    answer = store.route(question, "staff")
    assert answer is not None and expected in answer.answer, answer and answer.answer
    assert_grounded(answer)


def test_sum_shows_its_inputs(store: FactStore) -> None:
    answer = store.route("기관장의 리더십 지표 세 개의 득점을 합하면 몇 점인가요?", "evaluator")
    assert answer is not None and "7.75" in answer.answer
    computed = [f for f in answer.facts if f.type == "computed"]
    assert len(computed) == 1 and computed[0].value == "7.75"
    values = [i.value for i in computed[0].inputs]
    assert values == ["4.75", "1.50", "1.50"]
    assert sum((Decimal(v) for v in values), Decimal(0)) == Decimal("7.75")
    assert all(i.page == 1 and i.section.endswith("평정표") for i in computed[0].inputs)
    assert len(answer.citations) == 3
    # A count that doesn't fit the group is not answered with the wrong set.
    assert store.route("기관장의 리더십 지표 다섯 개의 득점을 합하면?", "evaluator") is None


def test_difference_between_agencies(store: FactStore) -> None:
    answer = store.route("전북과 대전의 총점 차이는 몇 점인가요?", "public")
    assert answer is not None and "5.28" in answer.answer
    computed = next(f for f in answer.facts if f.type == "computed")
    assert computed.value == "5.28"
    assert sorted(i.value for i in computed.inputs) == ["92.15", "97.43"]
    assert {c.document for c in answer.citations} == {
        "jb-2024-management-evaluation.pdf",
        "daejeon-2024-evaluation-news.txt",
    }
    assert_grounded(answer)
    domain = store.route("전북과 대전의 경영관리 점수 차이는?", "public")
    assert domain is not None and "2.39" in domain.answer


def test_bot_commands(store: FactStore) -> None:
    score = store.answer_scores("리더십", "public")
    assert score.found and all(s in score.answer for s in ("12.75", "15", "A"))
    assert_grounded(score)
    overview = store.answer_scores("", "public")
    assert overview.found and "92.15" in overview.answer and "41.95" in overview.answer
    target = store.answer_targets("대체인력", "public")
    assert target.found and "1,500건" in target.answer
    budget = store.answer_budgets("대체인력", "public")
    assert budget.found and "503,000천원" in budget.answer and "특별회계" in budget.answer
    missing = store.answer_budgets("우주정거장", "public")
    assert not missing.found and missing.mode == "facts" and missing.citations == []
    for answer in (score, overview, target, budget):
        assert answer.mode == "facts" and answer.citations


# -- the overall result ----------------------------------------------------------------------

OVERALL = [
    "2024년 경영평가 총점은?",
    "전북 경영평가 총점은 몇 점인가요?",
    "경영평가 등급은?",
    "우리 기관 등급은?",
    "우리 기관 총점은?",
    "경영평가 종합 점수는?",
    "전체 점수는 몇 점이에요?",
    "2024년 평가 등급이 어떻게 되나요?",
    "우리 사회서비스원 경영평가 몇 등급이야?",
    "경영평가에서 몇 점 받았어요?",
    # how it went, asked ("잘", "좋았", "어땠" name no part)
    "전북 사회서비스원 경영평가 잘 받았어요?",
    "경영평가 잘 나왔어요?",
    "사회서비스원 평가 결과 좋았어요?",
]


@pytest.mark.parametrize("viewer", ["public", "staff"])
@pytest.mark.parametrize("question", OVERALL)
def test_overall_result_questions_get_the_total(
    store: FactStore, question: str, viewer: str
) -> None:
    """No area or indicator named: the total and grade, cited from the 종합결과 table."""
    answer = store.route(question, viewer)
    assert answer is not None, question
    text = answer.answer
    assert "전북특별자치도사회서비스원" in text and "총점은 92.15점" in text, text
    assert "92.15점으로 A등급입니다" in text, text
    assert "가점" not in text and "지표 중" not in text
    first = answer.citations[0]
    assert first.document == "jb-2024-management-evaluation.pdf" and first.page == 1
    assert first.section == "2024년 시·도 사회서비스원 경영평가 결과"
    assert "총점 92.15" in first.quote
    # The year is said because the press release prints it, and that release is cited too.
    assert "2024년" in text
    assert any("2024년 경영평가" in c.quote for c in answer.citations)
    assert_grounded(answer)


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("대전 총점은?", ("97.43", "S등급", "대전시사회서비스원"), "92.15"),
        ("대전시사회서비스원 등급은?", ("97.43", "S"), "92.15"),
        ("강원 등급은?", ("강원 사회서비스원", "S등급"), "92.15"),
        ("광주 사회서비스원은 몇 등급?", ("광주", "A등급"), "92.15"),
        ("전북과 대전 등급은?", ("92.15점(A등급)", "97.43점(S등급)"), "가점"),
    ],
)
def test_overall_result_of_other_agencies(
    store: FactStore, question: str, expected: tuple[str, ...], absent: str
) -> None:
    answer = store.route(question, "public")
    assert answer is not None, question
    assert all(e in answer.answer for e in expected) and absent not in answer.answer, answer.answer
    assert_grounded(answer)


def test_evaluation_words_name_no_indicator() -> None:
    """ "경영평가" shares "평가" with "품질평가 컨설팅": it must not be matched as a subject."""
    assert parse("2024년 경영평가 총점은?").topic == ""
    assert parse("경영평가 등급은?").topic == ""
    assert parse("전체 점수는 몇 점이에요?").topic == ""
    assert parse("내 점수는 몇 점이야?").topic  # a word no fact has: not the overall result
    assert parse("품질평가 컨설팅 가점은?").topic.startswith("품질평가 컨설팅 가점")
    assert parse("리더십 영역 등급은?").topic.startswith("리더십 영역")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("리더십 점수는?", "12.75"),  # the area, not one of its indicators
        ("경영관리 점수는?", "41.95"),
        ("인권경영 점수는?", "인권경영체제 구축"),
        ("민간지원 가점은?", "0.50"),
    ],
)
def test_scores_named_by_area_or_indicator(store: FactStore, question: str, expected: str) -> None:
    answer = store.route(question, "public")
    assert answer is not None and expected in answer.answer, answer and answer.answer
    assert "92.15점, 등급" not in answer.answer
    assert_grounded(answer)


def test_an_indicator_group_is_answered_with_its_sum(store: FactStore) -> None:
    answer = store.route("재무관리 점수는?", "public")
    assert answer is not None and "7.80" in answer.answer, answer and answer.answer
    computed = next(f for f in answer.facts if f.type == "computed")
    assert computed.value == "7.80"
    assert [i.value for i in computed.inputs] == ["5.80", "1.00", "1.00"]
    assert_grounded(answer)


# -- contacts --------------------------------------------------------------------------------

EXTENSION = re.compile(r"(?<![\d-])\d{4}(?![\d-])")


def test_a_team_asked_by_name_gets_its_staff_lines(store: FactStore) -> None:
    for question in ("종합재가센터 전화번호", "종합재가센터 연락처 알려줘", "종합재가센터 번호는?"):
        staff = store.route(question, "staff")
        assert staff is not None, question
        assert all(n in staff.answer for n in ("2061", "2062", "2070")), staff.answer
        assert "1522-0365" not in staff.answer
        assert_grounded(staff)
        public = store.route(question, "public")  # the centre has no public line but this
        assert public is not None and "1522-0365" in public.answer, question
        assert not EXTENSION.search(public.answer)
        assert all(not EXTENSION.search(c.quote) for c in public.citations)


@pytest.mark.parametrize("viewer", ["public", "staff"])
@pytest.mark.parametrize(
    "question",
    [
        "혼자 계신 부모님께 갑자기 돌봄이 필요하면 어디로 전화하나요?",
        "긴급돌봄은 어디로 전화하나요?",
        "돌봄이 필요하면 어디에 연락하나요?",
        "긴급돌봄 신청하려면 어디에 전화해요?",
    ],
)
def test_citizens_asking_where_to_call_get_the_public_line(
    store: FactStore, question: str, viewer: str
) -> None:
    answer = store.route(question, viewer)
    assert answer is not None and "1522-0365" in answer.answer, answer and answer.answer
    assert_public_line_only(answer)


def assert_public_line_only(answer: Answer) -> None:
    """No staff extension shown, and every citation quotes the public line."""
    assert "내선" not in answer.answer and not EXTENSION.search(answer.answer)
    assert all(c.quote and "1522-0365" in c.quote for c in answer.citations)


def test_staff_lines_are_withheld_from_the_public(store: FactStore) -> None:
    for question in ("경영기획팀 전화번호는?", "시설지원팀 연락처", "대체인력 담당자 내선번호"):
        answer = store.route(question, "public")
        assert answer is not None and not answer.found, question
        assert "직원용" in answer.answer and not EXTENSION.search(answer.answer)
        assert answer.citations == []
    staff = store.route("경영기획팀 전화번호는?", "staff")
    assert staff is not None and "김민지(내선 4030)" in staff.answer


def test_the_team_in_charge_is_said_when_a_staff_line_is_withheld(store: FactStore) -> None:
    """A team is no staff detail: the citizen told the line is withheld learns whom to ask
    for at a public number."""
    answer = store.route("대체인력 파견 담당자 연락처 알려주세요", "public")
    assert answer is not None and not answer.found, answer
    assert "‘인력 공백에 대한 대체인력 파견’ 사업은 시설지원팀에서 맡고 있어요." in answer.answer
    assert "직원용" in answer.answer and not EXTENSION.search(answer.answer), answer.answer


def test_no_other_teams_line_is_offered_for_a_word_its_project_shares(store: FactStore) -> None:
    """안전점검's project says "체계적 안전관리"; the care line's project "돌봄통합관리를 위한 …
    돌봄체계": no word of the question names the care line, so it is not offered (it had
    been, as 긴급돌봄 대표번호, to "담당자분 알려주세요" after 안전점검, asked with the project's
    name); "돌봄 서비스 …" names it."""
    project = (
        "전라북도 내 사회서비스 기관에 대한 시설 안전점검 지원으로 시설 이용자와 종사자의 안전 "
        "확보 및 자체 점검에 따른 체계적 안전관리 어려움 개선"
    )
    safety = store.route(f"{project} 담당자", "public")
    assert safety is not None and not safety.found, safety
    assert "1522-0365" not in safety.answer and "기관 대표 전화" in safety.answer, safety.answer
    care = store.route("돌봄 서비스 신청 담당자 전화번호 알려주세요", "public")
    assert care is not None and "1522-0365" in care.answer, care


def test_whom_to_ask_is_a_contact_question(store: FactStore) -> None:
    # "누구한테 물어보면 돼?" names no contact word; it asks who answers for the project, and
    # its words name no project (they made the subject too long for any fact to cover).
    staff = store.route("안전점검 누구한테 물어보면 돼?", "staff")
    assert staff is not None and staff.found, staff and staff.answer
    assert "박지현(내선 4054)" in staff.answer, staff.answer
    public = store.route("안전점검 누구에게 여쭤보면 되나요?", "public")
    assert public is not None and not public.found and "직원용" in public.answer
    assert not EXTENSION.search(public.answer)


@pytest.mark.parametrize(
    "question",
    [
        "대체인력 파견 담당이 누구야?",
        "대체인력 파견 담당은 누가 해요?",
        # who does it asks the person in charge as 담당자 does
        "대체인력 파견은 누가 맡고 있어?",
        "대체인력 파견은 누가 담당해?",
    ],
)
def test_who_is_no_word_of_the_subject(store: FactStore, question: str) -> None:
    # 누구 is the question word: as a word of the subject it diluted the match, or matched a
    # line that says 누구 in passing
    assert "누" not in parse(question).subject
    answer = store.route(question, "staff")
    assert answer is not None and "권석주(내선 4055)" in answer.answer, answer and answer.answer


def test_a_circumstance_clause_sets_no_kind_of_fact(store: FactStore) -> None:
    # "D등급 받았는데": the asker's grade, not a score asked; the question asks whether the
    # agency consults, which no fact answers (it was the evaluation's 품질평가 컨설팅 가점).
    question = "사회서비스 품질평가 D등급 받았는데 컨설팅 받을 수 있나요?"
    assert not any(parse(question).intents.values())
    assert store.route(question, "public") is None
    # the score asked in the last clause is still asked
    assert parse("리더십이 궁금한데 몇 점이야?").intents["score"]


@pytest.mark.parametrize("viewer", ["public", "staff"])
@pytest.mark.parametrize(
    "question",
    [
        "사회서비스원 전화번호 알려주세요",
        "연락처가 어떻게 돼요?",
        "어디로 연락해요?",
        "연락처는요?",
    ],
)
def test_a_number_asked_of_the_agency_itself_gets_its_public_lines_named(
    store: FactStore, question: str, viewer: str
) -> None:
    answer = store.route(question, viewer)
    assert answer is not None and answer.found, answer and answer.answer
    # each line named as the documents name it, never a staff extension
    assert "돌봄종합정보상담 콜센터" in answer.answer and "1522-0365" in answer.answer
    assert_public_line_only(answer)


@pytest.mark.parametrize("question", ["예산은요?", "목표는요?", "담당자는요?"])
def test_the_kind_asked_alone_names_no_project(store: FactStore, question: str) -> None:
    # "예산은요?" gave one project's budget: the 요 left a word to match any project with.
    answer = store.route(question, "staff")
    assert answer is None or not answer.found, answer.answer


@pytest.mark.parametrize("viewer", ["public", "staff"])
def test_a_bare_main_number_question_is_not_answered_with_a_care_line(
    store: FactStore, viewer: str
) -> None:
    assert store.route("사회서비스원 대표번호는?", viewer) is None
    assert store.route("인권 상담은 어디로 전화해요?", viewer) is None


# -- paraphrases, and questions the facts cannot settle ------------------------------------


@pytest.mark.parametrize("viewer", ["public", "staff"])
@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("급량비는 얼마 지원하나요?", "연 240천원", "19,200천원"),
        ("복지포인트는 1인당 얼마?", "연 600천원", "19,200천원"),
        ("안전점검 몇 회 하나요?", "분기별 1회", "56회"),
        ("정기감사는 1년에 몇 번?", "연 2회", "특별감사"),
        ("클린아이 공시는 몇 회?", "월 1회", "12회"),
        ("돌봄사무소 몇 개소 계획인가요?", "'23년 1개소, '24년 5개소, '25년 10개소", "명"),
        ("복지자원 플랫폼 이용자 목표는?", "'24년 1만 명, '25년 2만 명, '26년 4만 명", "개소"),
        ("2024년 돌봄사무소 목표는?", "5개소", "10개소"),
        ("대체인력 파견 건수 목표", "1,500건", "503,000"),
        ("종사자 역량강화교육 예산은?", "23,200천원", "13,430"),
        ("플랫폼 구축 사업비는?", "400,000천원", "23,200"),
        ("대체인력 사업 예산은 얼마야?", "503,000천원", "1,500건"),
        ("긴급돌봄 예산은 얼마?", "80,000천원", "1522"),
        ("노사관계 예산은?", "비예산", "천원"),
        ("외부감사 지적사항 이행 점수는?", "2.00", "92.15"),
        ("대전 경영성과 점수는?", "53.09", "50.20"),
        # the report calls a field an area too ("경영성과 영역은 55점 만점에 50.20점")
        ("경영성과 영역 점수 알려줘", "50.20", "22.50"),
        ("경영관리 영역 점수", "41.95", "12.75"),
        ("주요사업 영역 득점", "22.50", "50.20"),
    ],
)
def test_more_paraphrases(
    store: FactStore, question: str, expected: str, absent: str, viewer: str
) -> None:
    answer = store.route(question, viewer)
    assert answer is not None, question
    # (what the answer says; a target's plan line, quoted after it, may hold its neighbours)
    said = answer.answer.split(" 문서에는 “")[0]
    assert expected in said and absent not in said, answer.answer
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question",
    [
        "인권교육 목표 횟수는?",  # eight 인권 trainings in three projects
        "역량강화교육 몇 회?",  # 10회 for facility staff, 50회 for private agencies
        "만족도 목표 점수는?",  # four satisfaction targets
        "인권보호 사업 예산은 얼마인가요?",  # two 인권보호 projects
        "ESG 예산은?",  # three ESG projects
        "돌봄사각지대 발굴 목표는 몇 명?",  # two projects
        "내 점수는 몇 점이야?",
        "S등급 받은 곳은?",
        "서울 등급은?",
    ],
)
def test_questions_several_facts_fit_equally_are_left_to_the_passages(
    store: FactStore, question: str
) -> None:
    for viewer in ("public", "staff"):
        assert store.route(question, viewer) is None, question


def test_fact_lookup_does_not_import_ingest() -> None:
    """retrieval.facts and retrieval.profiles share text helpers through sosa.korean, not
    ingest.profiles."""
    root = Path(__file__).resolve().parents[2] / "retrieval"
    for path in [*sorted((root / "facts").glob("*.py")), *sorted(root.glob("profiles/**/*.py"))]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:from|import) ingest", source, re.M), path.name


def test_a_staff_member_asked_by_name(store: FactStore) -> None:
    answer = store.route("정성훈 연락처", "staff")  # listed for four projects: one line
    assert (
        answer is not None and answer.answer == "경영기획팀 담당자 정성훈의 내선번호는 4033입니다."
    )
    assert_grounded(answer)
    both = store.route("양은영 내선번호", "staff")  # 담당자 and 센터장 of one project
    assert both is not None and "담당자·센터장 양은영" in both.answer and "2911" in both.answer
    lines = store.route("농촌형 돌봄 담당자 연락처", "staff")
    assert lines is not None and lines.answer.count("양은영") == 1, lines and lines.answer
    for question in ("정성훈 연락처", "양은영 내선번호", "박일 연락처"):
        public = store.route(question, "public")
        assert public is not None and not public.found and not EXTENSION.search(public.answer)


def test_two_kinds_asked_at_once_are_left_to_the_passages(store: FactStore) -> None:
    assert store.route("대체인력 파견 예산과 목표는?", "staff") is None
    assert store.route("인권경영 담당자 연락처", "staff") is not None
    one = store.route(
        "기관의 사명 및 사회적 역할을 파악하고 경영목표 달성노력을 위한 기관장 리더십 지표의 배점과 득점은?",
        "staff",
    )
    assert one is not None and "4.75" in one.answer  # 배점 and 득점: one kind


def test_plan_rows_carry_their_year(store: FactStore) -> None:
    """/v1/targets and /v1/budgets rows name the plan's year and filter on it."""
    assert {t.year for t in store.targets("대체인력")} == {2023}
    assert store.targets("대체인력", year=2023)[0].target == "1,500건"
    assert store.targets("대체인력", year=2024) == []
    assert store.budgets("대체인력", year=2023)[0].amount == "503,000천원"
    assert store.budgets("대체인력", year=2022) == []
    answer = store.route("대체인력 파견 예산은?", "public")
    assert answer is not None and answer.answer.startswith("2023년 사업계획서 기준으로 ")
    assert_grounded(answer)


def test_fact_modules_import_without_cycles() -> None:
    """repository ← query/ranker ← compose ← profiles ← router ← store: no module imports back."""
    import ast

    root = Path(__file__).resolve().parents[2]
    files = [*sorted((root / "retrieval" / "facts").glob("*.py"))]
    files += sorted((root / "retrieval" / "profiles").glob("**/*.py"))
    names = {
        ".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p
        for p in files
    }
    edges: dict[str, set[str]] = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        targets |= {
            f"{n.module}.{a.name}"
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module
            for a in n.names
        }
        edges[name] = {t for t in targets if t in names and t != name}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        assert state.get(node) != 1, " → ".join([*trail, node])
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in edges[node]:
            visit(nxt, [*trail, node])
        state[node] = 2

    for name in names:
        visit(name, [])


def test_a_groups_points_are_summed_when_asked(store: FactStore) -> None:
    """ "배점은?" of an indicator group: what it is worth, deduction items (△) adding none."""
    answer = store.route("조직·인사 관리 배점 합은?", "staff")
    assert answer is not None and answer.found
    assert "배점의 합은 12점" in answer.answer and "(8 + 1 + 3)" in answer.answer
    assert_grounded(answer)
    scored = store.route("재무관리 점수는?", "staff")
    # (beside the 배점 the group is printed with: "2. 재무관리(8)")
    assert scored is not None and "득점의 합은 7.80점(배점 8점)" in scored.answer, scored.answer
    assert_grounded(scored)


def test_a_rate_asked_against_full_marks_is_the_share_of_the_points(store: FactStore) -> None:
    # 만점 대비 is 배점 대비: 19.50 of 경영시스템's 20.
    answer = store.route("경영시스템 영역 만점 대비 몇 퍼센트야?", "staff")
    assert answer is not None and answer.found
    assert "득점률(득점÷배점)은 97.5%" in answer.answer, answer.answer
    assert_grounded(answer)


def test_a_groups_rate_is_its_points_over_the_points_it_is_printed_with(
    store: FactStore,
) -> None:
    """ "정부위탁사업 운영 배점 대비 몇 퍼센트야?": its lines cannot be told apart; the group
    they make is asked: 3.00 of "2. 정부위탁사업 운영(6)"."""
    answer = store.route("정부위탁사업 운영 배점 대비 몇 퍼센트야?", "staff")
    assert answer is not None and answer.found
    assert "득점률(득점÷배점)은 50%" in answer.answer and "3.00점/6점" in answer.answer
    assert_grounded(answer)


def test_bonus_lines_of_one_field_that_fit_alike_are_listed(store: FactStore) -> None:
    """ "경영성과 가점은 받았어?": two 가점 lines of the field fit alike; both are given with
    their points, not a passage about another agency's result."""
    answer = store.route("경영성과 가점은 받았어?", "evaluator")
    assert answer is not None and answer.found, answer
    assert "경영성과 분야에서 가점이 걸린 지표는" in answer.answer, answer.answer
    assert "0.50점(최대 0.5점)" in answer.answer and "0.00점(최대 0.5점)" in answer.answer
    assert_grounded(answer)
    # (no field named: the report's 가점 lines are the same two, once left to the passages,
    # which abstained)
    unnamed = store.route("가점은 몇 점 받았나요?", "public")
    assert unnamed is not None and unnamed.found and "0.50점(최대 0.5점)" in unnamed.answer


def test_targets_of_one_project_that_fit_alike_are_listed(store: FactStore) -> None:
    answer = store.route("긴급돌봄 목표 인원은?", "staff")
    assert answer is not None and answer.found
    assert "돌봄제공인력 25명" in answer.answer and "대상 100명" in answer.answer
    assert_grounded(answer)
    # asked in a unit they are not counted in (몇 건 of targets in 회): as written, said so
    counted = store.route("제공기관 대상 품질관리 맞춤형 컨설팅 추진 몇 건 하는데?", "staff")
    assert counted is not None and counted.found
    assert "컨설팅 2회" in counted.answer, counted.answer
    assert "‘건’ 단위의 목표가 없어" in counted.answer, counted.answer


@pytest.mark.parametrize(
    ("question", "line"),
    [
        # the answer joins label and figure in its own words ("정기감사는 연 2회"); the line
        # as written follows, with the targets written beside the one asked
        ("올해 감사 정기감사 연 몇회야", "“정기감사 연 2회, 특별감사 연 2회, 수시감사 진행”"),
        ("올해 이사회 몇 번 열기로 했지?", "“이사회 운영(5회)”"),
        # (the line's leading marker is no part of it)
        ("대체인력 파견 목표는 몇 건인가요?", "“대체인력 파견실적 총 1,500건”"),
    ],
)
def test_a_target_answer_quotes_its_plan_line_as_written(
    store: FactStore, question: str, line: str
) -> None:
    answer = store.route(question, "staff")
    assert answer is not None and answer.found
    assert f"문서에는 {line}라고 되어 있습니다." in answer.answer, answer.answer
    assert_grounded(answer)


def test_a_target_read_from_a_table_row_quotes_no_line(store: FactStore) -> None:
    """The 성과계약 table's row is its cells joined ("성과지표 ③ … · 측정방법 …"): no line the
    plan writes, so nothing is quoted as written."""
    answer = store.route("단계별 컨설팅 성과계약 목표치는?", "staff")
    assert answer is not None and answer.found and "70건" in answer.answer, answer
    assert "문서에는" not in answer.answer, answer.answer


def test_two_targets_of_one_line_quote_it_once(service: RetrievalService) -> None:
    """ "몇 회 몇 명": two answers, one per counter, from one plan line; the line once, last."""
    answer = service.ask("민간 종사자 역량강화교육 올해 몇 회 몇 명 목표야?", "staff")
    assert "목표는 50회입니다." in answer.answer and "목표는 1,450명입니다." in answer.answer
    assert answer.answer.count("50회 1,450명") == 1, answer.answer
    assert answer.answer.endswith("50회 1,450명”라고 되어 있습니다."), answer.answer


@pytest.mark.parametrize(
    ("question", "first", "rate"),
    [
        ("가장 점수가 낮은 영역은?", "주요사업", "83.3%"),
        ("경영평가에서 점수가 제일 낮은 영역은 어디야?", "주요사업", "83.3%"),
        ("득점률이 가장 높은 영역은?", "정책성과", "98.9%"),
        ("가장 잘한 분야는?", "경영관리", "93.2%"),
        # 많이 reads as highest; the most lost is the lowest scored
        ("가장 많이 깎인 영역은?", "주요사업", "83.3%"),
        ("가장 많이 감점된 영역은?", "주요사업", "83.3%"),
        ("가장 적게 깎인 영역은?", "정책성과", "98.9%"),
        # a loss said as a noun and called the largest: the lowest scored too
        ("감점이 가장 큰 영역은?", "주요사업", "83.3%"),
        ("손실이 제일 큰 영역은 어디예요?", "주요사업", "83.3%"),
    ],
)
def test_areas_ranked_by_their_share_of_the_points(
    store: FactStore, question: str, first: str, rate: str
) -> None:
    """Areas carry different 배점: ranked by 득점 ÷ 배점, every rate computed from cited
    points, the raw lowest named too when it is another area."""
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    assert f"‘{first}’" in answer.answer and rate in answer.answer, answer.answer
    if "낮은 영역" in question:
        assert "득점 자체로는 사회적책임 9.70점이 가장 낮습니다" in answer.answer


def test_indicators_within_an_area_are_not_ranked_as_areas(store: FactStore) -> None:
    answer = store.route("정책성과 영역에서 가장 점수가 낮은 지표는?", "public")
    assert answer is None or "‘주요사업’" not in answer.answer


def test_indicators_ranked_by_their_share_within_the_area_named(store: FactStore) -> None:
    """A scored line of an indicator is named by its area, indicator and what it measures;
    a 가점 line, outside the 배점, is no rival; an area named keeps the ranking inside it."""
    lowest = store.route("경영평가에서 가장 낮은 점수 받은 지표는?", "public")
    assert lowest is not None and lowest.found
    assert_grounded(lowest)
    assert (
        "‘사회서비스 고도화 관련 공모 사업 추진 노력’"
        "(주요사업 › 2. 정부위탁사업 운영(6), 1.00점/3점, 33.3%)" in lowest.answer
    )
    assert "가점" not in lowest.answer  # 0.00 of a 0.5 bonus lowered nothing
    inside = store.route("정책성과 영역에서 가장 점수가 낮은 지표는?", "public")
    assert inside is not None and inside.found
    assert "‘서비스 품질의 우수성’(정책성과 › 1. 서비스의 질(10) (+0.5), 4.70점/5점, 94%)" in (
        inside.answer
    )
    assert "주요사업" not in inside.answer
    # An indicator group named (민간지원) keeps the ranking to its lines.
    group = store.route("민간지원 지표 중 제일 낮은 건?", "public")
    assert group is not None and group.found
    assert_grounded(group)
    assert (
        "지역 특성을 고려한 민간기관 지원사업 적정성’(주요사업 › 1. 민간지원(14) (+0.5), 2.50점/3점, 83.3%)"
        in (group.answer)
    )
    assert "정부위탁사업" not in group.answer
    # Many at 100 %: no one first; those shown, and that there are more.
    top = store.route("득점률이 가장 높은 지표는?", "public")
    assert top is not None and top.found
    assert_grounded(top)
    assert "100%로 가장 높은 지표는 여럿입니다" in top.answer and top.answer.endswith("등.")
    # Named columns ("배점 대비 … 깎인"): the rating table's rows answer, with the share lost.
    assert store.route("배점 대비 가장 많이 깎인 지표는?", "public") is None


@pytest.mark.parametrize(
    ("question", "part", "rate"),
    [
        ("점수가 두 번째로 낮은 영역은?", "리더십", "85%"),
        ("득점률이 두 번째로 높은 영역은?", "경영시스템", "97.5%"),
        ("영역 중 점수 2위는?", "경영시스템", "97.5%"),
        ("뒤에서 세 번째 영역은?", "사회적책임", "97%"),
    ],
)
def test_a_place_past_the_first_of_the_areas_ranked(
    store: FactStore, question: str, part: str, rate: str
) -> None:
    """ "두 번째로 낮은", "2위", "뒤에서 세 번째": the part at that place, with those above it."""
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    head = answer.answer.split("입니다")[0]
    assert f"‘{part}’(" in head and head.endswith(f", {rate})"), answer.answer


def test_a_place_inside_a_tie_is_no_one_part_s(store: FactStore) -> None:
    """Three of 리더십's lines share the lowest rate: the second place is theirs together."""
    answer = store.route("리더십 영역에서 두 번째로 낮은 지표는?", "public")
    assert answer is not None and answer.found
    assert_grounded(answer)
    assert "75%로 같은 지표가 여럿이라, 두 번째로 낮은 지표는 하나로 정해지지 않습니다" in (
        answer.answer
    )
    assert answer.answer.count("(75%)") == 3


@pytest.mark.parametrize(
    ("question", "project", "amount"),
    [
        (
            "예산이 두 번째로 큰 사업은?",
            "전라북도 복지정보와 자원을 ONE-STOP으로 검색하고 신청할 수 있는 복지자원 플랫폼 구축을 "
            "통한 도민의 복지 체감도 향상",
            "400,000천원",
        ),
        (
            "예산 3위 사업은?",
            "위기상황 등 돌봄 대응을 위한 긴급·틈새 돌봄서비스 확대",
            "80,000천원",
        ),
        ("예산이 두 번째로 적은 사업은?", "소속시설 조직진단을 통한 경영혁신", "800천원"),
    ],
)
def test_a_place_past_the_first_of_the_budgets_ranked(
    store: FactStore, question: str, project: str, amount: str
) -> None:
    """The project at the place asked, named first (a follow-up is about it), then those
    ranked above it and the next ones."""
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    assert f"사업은 '{project}'({amount})입니다 (더 " in answer.answer, answer.answer
    assert "; 다음:" in answer.answer


@pytest.mark.parametrize(
    ("question", "first", "amount"),
    [
        ("예산이 가장 큰 사업은?", "인력 공백에 대한 대체인력 파견", "503,000천원"),
        (
            "시설지원팀 사업 중 예산이 가장 많은 건?",
            "인력 공백에 대한 대체인력 파견",
            "503,000천원",
        ),
        (
            "종합재가센터에서 예산이 제일 적은 사업은?",
            "전문성 제고 및 서비스 질 향상을 위한 내부역량 강화",
            "112천원",
        ),
    ],
)
def test_the_plan_s_projects_ranked_by_budget(
    store: FactStore, question: str, first: str, amount: str
) -> None:
    answer = store.route(question, "public")
    assert answer is not None and answer.found, question
    assert_grounded(answer)
    assert answer.answer.split("(다음")[0].endswith(f"'{first}'({amount})입니다 "), answer.answer
    assert "다음:" in answer.answer  # the rows that decide it are shown


def test_a_team_s_budgets_added_up_with_their_inputs(store: FactStore) -> None:
    answer = store.route("종합재가센터 사업 예산 합계는?", "public")
    assert answer is not None and answer.found
    assert_grounded(answer)
    assert "97,005천원" in answer.answer and "80,000천원" in answer.answer
    computed = next(f for f in answer.facts if f.type == "computed" and "합계" in f.label)
    assert computed.value == "97,005" and len(computed.inputs) == 5


def test_content_words_are_the_morphemes_read_in_their_words() -> None:
    from sosa.korean.analysis import content_words, morphemes

    text = "2024년 종합재가센터 돌봄 인력 충원 목표는 몇 명이고 예산은 얼마인가요?"
    pairs = content_words(text)
    assert [m for m, _w in pairs] == morphemes(text)
    assert all(w in text.split() for _m, w in pairs)
    assert ("종합재가센터" in {w for _m, w in pairs}) and ("2024년" in {w for _m, w in pairs})


def test_a_long_question_keeps_its_topic_and_one_of_asking_words_alone_has_none() -> None:
    # Over 60 characters the topic is settled from the question's own analysis when a word it
    # keeps whole holds a content morpheme; otherwise the topic is analysed as before.
    from retrieval.facts.query import _contentless

    long = (
        "부모님 돌봄 문제로 여러 기관에 상담을 받으면서 지난 몇 달 동안 이런저런 자료를 찾아보다가 "
        "전북 사회서비스원 2024년 경영평가 경영관리 분야 점수는 몇 점인가요?"
    )
    query = parse(long)
    assert len(query.topic) > 60 and "경영관리" in query.topic
    assert not _contentless(query.topic)  # the topic analysed by itself says the same
    asking = " ".join(["2024년 경영평가 총점은?"] * 10)
    assert parse(asking).topic == ""


def test_a_withheld_staff_line_offers_the_same_teams_public_number(store: FactStore) -> None:
    answer = store.route("틈새돌봄 담당자 연락처", "public")
    assert answer is not None and not answer.found
    assert "직원용" in answer.answer and "1522-0365" in answer.answer
    assert not EXTENSION.search(answer.answer) and answer.citations
    assert check_numbers(answer)


@pytest.mark.parametrize("viewer", ["public", "staff"])
def test_the_team_of_a_project_is_told_to_anyone(store: FactStore, viewer: str) -> None:
    answer = store.route("대체인력 파견은 어느 팀에서 맡아?", viewer)
    assert answer is not None and answer.found, answer
    assert "시설지원팀" in answer.answer and not EXTENSION.search(answer.answer)
    # "경영평가" is in no project's name (경영 is in one): no team guessed.
    assert store.route("경영평가 담당 팀은?", viewer) is None


def test_a_part_of_the_evaluation_broken_into_its_parts(store: FactStore) -> None:
    """ "리더십 영역 지표별 점수": every scored line under the area, as printed, not the total."""
    answer = store.route("리더십 영역 지표별 점수 알려줘", "public")
    assert answer is not None and answer.found
    assert_grounded(answer)
    assert "리더십 영역(득점 12.75점, 배점 15점)의 지표별 점수" in answer.answer
    assert "1. 기관장의 리더(9) — " in answer.answer and "; 2. 전략경영(6) — " in answer.answer
    assert "외부감사 지적사항 등 이행의 실적 2.00점(배점 2점)" in answer.answer
    assert "경영시스템" not in answer.answer
    # a 감점 line is said to be one, with its most
    system = store.route("경영시스템 각 지표 점수 알려줘", "public")
    assert system is not None and "감점 0.00점(최대 △1.5점)" in system.answer
    fields = store.route("경영관리 분야 영역별 점수는?", "public")
    assert fields is not None and fields.found
    assert (
        "리더십 12.75점(배점 15점), 경영시스템 19.50점(배점 20점), 사회적책임 9.70점(배점 10점)"
        in (fields.answer)
    )
    # nothing named: no one part to break down
    nothing = store.route("지표별 점수 알려줘", "public")
    assert nothing is None or "의 지표별 점수는" not in nothing.answer


def test_the_whole_evaluation_broken_into_its_areas_and_fields(store: FactStore) -> None:
    """ "영역별 점수 보여줘" names no part: the evaluation's own areas under its total."""
    areas = store.route("경영평가 영역별 점수 다 보여줘", "evaluator")
    assert areas is not None and areas.found, areas
    assert_grounded(areas)
    assert "2024년 경영평가(총점 92.15점, A등급)의 영역별 점수는" in areas.answer
    assert "리더십 12.75점(배점 15점)" in areas.answer
    assert "정책성과 27.70점(배점 28점, 가점 0.5점)" in areas.answer
    fields = store.route("분야별 점수는?", "evaluator")
    assert fields is not None and "경영관리 41.95점(배점 45점)" in fields.answer
    # (대전's fields, from a news story, are another agency's)
    assert "44.34" not in fields.answer
    # every indicator would be too long a list: the areas, and how to ask an area's
    indicators = store.route("지표별 점수 알려줘", "evaluator")
    assert indicators is not None and "영역 이름을 넣어" in indicators.answer


def test_the_lines_that_got_all_their_points(store: FactStore) -> None:
    """ "주요사업 영역에서 만점 받은 지표 있어?": the area's lines scored at their 배점."""
    answer = store.route("주요사업 영역에서 만점 받은 지표 있어?", "evaluator")
    assert answer is not None and answer.found, answer
    assert_grounded(answer)
    assert "주요사업 영역에서 만점을 받은 지표는 다음과 같습니다" in answer.answer
    assert "민간기관 지원 사업 실적 5.00점(배점 5점)" in answer.answer
    # (a line short of its 배점 is not one: 공모 사업 추진 노력 1.00점 of 3)
    assert "공모 사업 추진 노력" not in answer.answer
    # none of the areas did: said so, with each area's figures
    areas = store.route("만점 받은 영역은?", "evaluator")
    assert areas is not None and "만점을 받은 영역은 없습니다" in areas.answer
    assert "리더십 12.75점(배점 15점)" in areas.answer
    # the lines of one nature: 정량 (a 정성/정량 line counts as both)
    measured = store.route("정량지표 중 만점 받은 거 있어?", "evaluator")
    assert measured is not None and "만점을 받은 정량지표는" in measured.answer
    assert "안전사고 건수 1.00점(배점 1점)" in measured.answer
    assert "윤리경영체제" not in measured.answer  # a 정성 line
    # the points a part is worth, asked, is no such list
    worth = store.route("리더십 영역 만점이 몇 점이야?", "evaluator")
    assert worth is None or "만점을 받은" not in worth.answer
    # the lines of one indicator group named (재무관리: 1.00점 twice, not its 5.80점 of 6),
    # not every full-marks line of the evaluation
    group = store.route("재무관리 지표 만점 받았어?", "evaluator")
    assert group is not None and "재무관리에서 만점을 받은 지표는" in group.answer, group
    assert "조달청" in group.answer and "외부감사" not in group.answer, group.answer


def test_a_withheld_staff_line_offers_the_public_lines_that_share_the_questions_word(
    store: FactStore,
) -> None:
    # The project matched (by 서비스 신청) belongs to no team with a public line: the public
    # lines about 돌봄 are the citizen's way in, not "ask the main number".
    answer = store.route("돌봄 서비스 신청하고 싶은데 전화번호 알려주세요", "public")
    assert answer is not None and not answer.found
    assert "직원용" in answer.answer and "1522-0365" in answer.answer, answer.answer
    assert not EXTENSION.search(answer.answer) and answer.citations
    assert check_numbers(answer)
    # a team's line is still no care line's: nothing shares its words
    team = store.route("경영기획팀 전화번호는?", "public")
    assert team is not None and "1522-0365" not in team.answer and team.citations == []


@pytest.mark.parametrize("question", ["얼마나 오래 와 줘요?", "얼마 동안 받을 수 있어요?"])
def test_how_long_asks_no_amount(question: str) -> None:
    query = parse(question)
    assert not query.money and not any(query.intents.values()), query.intents


def test_a_change_asked_is_an_amount_only_when_money_is_named() -> None:
    target = parse("대체인력 파견 목표 전년도 대비 얼마나 늘었어")
    assert target.compare_years and not target.money and target.intents["target"] > 0
    budget = parse("대체인력 파견 예산 작년보다 얼마나 늘었어")
    assert budget.compare_years and budget.money and budget.intents["budget"] == 1.0
    # a budget compared needs no 얼마 to be asked
    assert parse("긴급돌봄 예산이 작년보다 늘었어?").intents["budget"] == 1.0
    assert parse("예산 편성 기준은?").intents["budget"] < 1.0


def test_a_budgets_whole_named_after_it_asks_the_budget(store: FactStore) -> None:
    """ "대체인력 예산 총액은?": 총액 (규모, 합계) asks the budget whole; it is no word of the
    project's name, which the rows are matched against."""
    query = parse("대체인력 예산 총액은?")
    assert query.intents["budget"] == 1.0 and query.subject == "대체인력", query
    answer = store.route("대체인력 예산 총액은?", "staff")
    assert answer is not None and "503,000천원" in answer.answer, answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "경영관리랑 경영성과 점수 합치면?",
            "경영관리(41.95점)와 경영성과(50.20점)의 득점 합은 92.15점",
        ),
        (
            "리더십과 주요사업 점수 차이는?",
            "리더십(12.75점)과 주요사업(22.50점)의 득점 차이는 9.75점",
        ),
        (
            "사회적책임이랑 경영시스템 중 어느 게 더 높아?",
            "경영시스템(19.50점, 배점 20점)이 사회적책임(9.70점, 배점 10점)보다 높습니다",
        ),
    ],
)
def test_two_parts_of_the_evaluation_are_added_or_set_side_by_side(
    store: FactStore, question: str, said: str
) -> None:
    answer = store.route(question, "evaluator")
    assert answer is not None and answer.found and said in answer.answer, answer
    assert check_numbers(answer)
    # one part named: no comparison made up
    one = store.route("리더십 점수 차이는?", "evaluator")
    assert one is None or "9.75" not in one.answer


def test_the_other_agencies_results_are_listed(store: FactStore) -> None:
    answer = store.route("다른 시도 사회서비스원 등급은?", "evaluator")
    assert answer is not None and answer.found, answer
    assert "대전 S(총점 97.43점), 강원 S" in answer.answer and "전남 A" in answer.answer
    assert "전북" not in answer.answer  # the agency's own is not another's
    assert check_numbers(answer)
    # others' 리더십 is not given: no totals for it; nor anything asked of no result
    part = store.route("다른 기관 리더십 점수는?", "evaluator")
    assert part is None or "97.43" not in part.answer
    vague = store.route("다른 지역은 어때요?", "public")
    assert vague is None or "97.43" not in vague.answer


def test_a_noun_no_fact_has_counts_against_the_cover(store: FactStore) -> None:
    # 웹기안기 (another agency's project) shares a bigram (웹기) with one project's text: that
    # is no cover of the question, and no staff line is given for it.
    for viewer in ("staff", "public"):
        answer = store.route("웹기안기 담당자", viewer)
        assert answer is None or not answer.found, answer
    staff = store.route("대체인력 담당자 연락처", "staff")
    assert staff is not None and staff.found and "내선" in staff.answer


def test_a_measurement_asked_of_no_region_is_this_agencys(store: FactStore) -> None:
    # The 대전 news item's 고객 만족도 shares more words; the question names no region, so it
    # asks the agency's own (이용자 만족도), as a score does.
    own = store.route("고객만족도 점수 몇 점?", "evaluator")
    assert own is not None and own.found and "94.0" in own.answer, own
    daejeon = store.route("대전 고객만족도 점수 몇 점?", "evaluator")
    assert daejeon is not None and "94.3점" in daejeon.answer, daejeon


def test_the_columns_a_measurement_is_asked_of(store: FactStore) -> None:
    """The columns named are given, each (기준치 alone had been given for "기준치와 실적은?");
    one named, that one, whichever the ranking put first; none named, the table's row whole
    (its first cell, 기준치 99.90, had been given for "복리후생비 집행률은?")."""
    two = store.route("조달계약비율 기준치와 실적은?", "evaluator")
    assert two is not None and two.answer == "조달계약비율은 기준치 84.21 · 실적 97.49입니다."
    # (the columns carried from a turn before: "… 실적 기준치" of the rate asked next)
    carried = store.route("복리후생비 집행률 실적 기준치", "evaluator")
    assert carried is not None and "기준치 99.90 · 실적 99.80" in carried.answer, carried
    both = store.route("외부지적사항 이행률은요? 지적 건수도 같이요", "evaluator")
    assert both is not None and both.answer == (
        "외부지적사항 이행률은 지적건수(건) 2 · 이행률(%) 100.00입니다."
    ), both.answer
    assert_grounded(both)
    one = store.route("복리후생비 집행률 실적은 얼마였나요?", "evaluator")
    assert one is not None and one.answer == "복리후생비 집행률의 실적은 99.80입니다.", one.answer
    # (the router leaves such a question to the tables, its cells tied; composed directly)
    first = next(
        f
        for f in store.repo.facts_of("measurement", "evaluator")
        if f.row.indicator == "복리후생비 집행률"
    )
    composer = Composer(store.ranker, parse("복리후생비 집행률은?"), "evaluator")
    whole = measurement(composer, first)
    assert whole is not None and whole.answer == (
        "복리후생비 집행률은 기준치 99.90 · 최고목표 100.00 · 최저목표 49.95 · 실적 99.80 · "
        "목표달성도 1.00입니다."
    ), whole.answer


def test_a_teams_budget_is_what_its_projects_budgets_add_up_to(store: FactStore) -> None:
    # The plan prints no team total; one project's 소요예산 is not the team's.
    answer = store.route("경영기획팀 예산 얼마야?", "staff")
    assert answer is not None and answer.found, answer
    assert "경영기획팀의 예산이 있는 사업 2개의 소요예산을 더하면 31,800천원" in answer.answer
    assert "19,200천원" in answer.answer and "12,600천원" in answer.answer
    assert check_numbers(answer)
    # a project or a cost item named is asked of its own, not of the team
    project = store.route("시설지원팀 대체인력 예산 얼마야?", "staff")
    assert project is not None and "503,000천원" in project.answer
    assert "더하면" not in project.answer
    item = store.route("시설지원팀 인건비 예산은?", "staff")
    assert item is None or "더하면" not in item.answer


def test_a_total_asked_of_one_projects_budget_lines_is_that_projects(store: FactStore) -> None:
    """ "위원회 참석수당 예산 총 얼마 잡혔어": 참석수당 is said by one project's lines alone, so its
    소요예산 is the total asked, not the plan's 30 projects added up (a table row of 600천원 was
    quoted); a total named by nothing of one project is still the plan's."""
    one = store.route("위원회 참석수당 예산 총 얼마 잡혔어", "staff")
    assert one is not None and "소요예산은 12,600천원" in one.answer, one
    assert "더하면" not in one.answer
    # (its lines, every one a 참석수당, are quoted beside its total: they say what was asked)
    assert any("이사회 참석수당" in c.quote for c in one.citations), one.citations
    plan = store.route("우리 기관 예산 총 얼마야?", "staff")
    assert plan is not None and "30개의 소요예산을 더하면" in plan.answer, plan


def test_a_budget_asked_of_what_every_line_of_one_project_pays_for_is_its_total(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "위원회 운영 예산은?": five projects have a line about a 위원회 or its 운영, so the words
    alone tie them; ‘안정적인 회의체계 마련’ is the one whose every line is a 위원회 참석수당,
    and its 소요예산 (not its 운영자문위원회 line, 3,700) is the budget asked. "전체 예산" asks
    the same total (전체 was matched as a subject word: another project's 비예산 line)."""
    from retrieval.facts import router

    for question in ("위원회 운영 예산은?", "위원회 운영 전체 예산은?"):
        answer = store.route(question, "staff")
        assert answer is not None and answer.found, (question, answer)
        assert "'안정적인 회의체계 마련' 사업의 소요예산은 12,600천원" in answer.answer, answer
        assert check_numbers(answer)
    assert parse("위원회 운영 전체 예산은?").subject == "위원회 운영"
    assert parse("그 사업 총 소요예산?").subject == "그 사업"
    # (without the lines telling them apart, the tie goes to the passages)
    monkeypatch.setattr(router, "LINES_BREAK_TIE", False)
    tied = store.route("위원회 운영 예산은?", "staff")
    assert tied is None or "12,600천원" not in tied.answer, tied


def test_the_budgets_of_the_projects_named_are_added_or_compared(store: FactStore) -> None:
    # Two projects named (긴급돌봄 by a part of its 긴급·틈새 돌봄): theirs, not the plan's 30.
    total = store.route("대체인력이랑 긴급돌봄 예산 합치면?", "staff")
    assert total is not None and total.found, total
    assert "더하면 583,000천원" in total.answer and "30개" not in total.answer, total.answer
    assert check_numbers(total)
    larger = store.route("대체인력이랑 긴급돌봄 중 예산 더 큰 건?", "staff")
    assert larger is not None and "더 큰 사업은 '인력 공백에 대한 대체인력 파견'" in larger.answer
    # "더 큰" of two the question does not name is no ranking of the whole plan
    vague = store.route("예산 더 큰 건?", "staff")
    assert vague is None or "더 큰 사업은" not in vague.answer


def test_the_projects_without_a_budget_are_listed(store: FactStore) -> None:
    answer = store.route("시설지원팀 예산 없는 사업은?", "staff")
    assert answer is not None and answer.found, answer
    assert "시설지원팀의 비예산 사업은 3개입니다" in answer.answer, answer.answer
    assert "소속시설 협력체계 강화" in answer.answer and "천원" not in answer.answer
    assert check_numbers(answer)
    every = store.route("비예산 사업 뭐 있어?", "staff")
    assert every is not None and every.found and "등." in every.answer, every


def test_a_projects_budget_lines_ranked_by_what_each_costs(store: FactStore) -> None:
    """ "복리후생 예산에서 가장 큰 항목은?": its 산출내역 lines by cost, each quoted."""
    answer = store.route("복리후생 예산에서 가장 큰 항목은?", "staff")
    assert answer is not None and answer.found, answer
    assert check_numbers(answer)
    assert "금액이 가장 큰 항목은 ‘복지포인트’(11,400천원)" in answer.answer, answer.answer
    least = store.route("복리후생 예산에서 제일 적은 항목은?", "staff")
    assert least is not None and "가장 작은 항목은 ‘각종 보험료’(3,000천원)" in least.answer
    # A 금액 cell spanning two lines (28,000천원) is no one line's cost: each line's own
    # calculation is (…=20,498천원).
    burnout = store.route("종사자 소진예방 사업 예산에서 제일 큰 항목은?", "staff")
    assert burnout is not None and "‘종사자 응원콘서트’(20,498천원)" in burnout.answer
    assert "28,000" not in burnout.answer
    # the evaluation's lines ranked are not a project's costs, though a project's name
    # shares the area's word (리더십)
    lines = store.route("리더십 영역에서 가장 낮은 항목은?", "evaluator")
    assert lines is not None and "산출내역" not in lines.answer and "득점률" in lines.answer


def test_a_cost_named_by_its_thing_is_the_lines_of_that_thing(store: FactStore) -> None:
    """ "교육비는 얼마야?": no line spells 교육비; the project's lines of 교육 answer, all
    three (a line spelling the cost whole, 회의비, is still that line alone)."""
    answer = store.route("인권보호 시스템 운영 사업 교육비는 얼마야?", "staff")
    assert answer is not None and answer.found, answer
    assert check_numbers(answer)
    for line in ("서로인권지킴이 인권교육", "본부직원 인권교육", "소속시설 인권교육"):
        assert line in answer.answer, answer.answer
    assert "회의수당" not in answer.answer
    meeting = store.route("인권보호 시스템 운영 사업 회의비는 얼마야?", "staff")
    assert meeting is not None and "산출내역 회의비 · 200천원×2회=400천원" in meeting.answer
    assert "인권교육" not in meeting.answer


def test_this_year_asked_names_no_subject(store: FactStore) -> None:
    """ "긴급돌봄 올해 목표 인원 몇 명이야?": 올해 asks of the latest plan, and no project says
    it; the question is the one without it."""
    answer = store.route("긴급돌봄 올해 목표 인원 몇 명이야?", "staff")
    plain = store.route("긴급돌봄 목표 인원 몇 명이야?", "staff")
    assert answer is not None and plain is not None and answer.found
    assert answer.answer == plain.answer and "돌봄제공인력 25명" in answer.answer


@pytest.mark.parametrize(
    ("question", "budget"),
    [
        ("조달계약비율은 얼마야?", False),  # 얼마 of a rate asks the rate
        ("복리후생비 집행률 얼마야?", False),
        ("복리후생비 집행률은 얼마야?", False),  # (with its particle)
        ("관련 법률 사업비는 얼마야?", True),  # 법률 names a law, no rate
        ("대체인력 예산 얼마야?", True),
        ("급량비는 얼마야?", True),
    ],
)
def test_how_much_of_a_rate_asks_no_budget(question: str, budget: bool) -> None:
    assert bool(parse(question).intents["budget"]) is budget


def test_a_rate_asked_is_not_answered_with_a_projects_budget(service: RetrievalService) -> None:
    answer = service.ask("조달계약비율은 얼마야?", "evaluator")
    assert "예산" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("예산이 두 번째로 큰 사업은?", (2, True)),
        ("두 번째로 예산이 큰 사업", (2, True)),
        ("점수가 세 번째로 낮은 영역은?", (3, False)),
        ("둘째로 높은 지표", (2, True)),
        ("예산 2위 사업은?", (2, True)),
        ("뒤에서 두 번째 영역은?", (2, False)),
        # a list's item, a first place, a year, a decimal: no place past the first
        ("두 번째 사업 예산은?", None),
        ("첫 번째로 큰 사업", None),
        ("1위 사업", None),
        ("2023년 사업", None),
        ("3.2위", None),
    ],
)
def test_the_place_a_ranking_question_asks(question: str, place: tuple[int, bool] | None) -> None:
    assert rank_asked(question) == place


@pytest.mark.parametrize("question", ["리더십 감점 사유는?", "조직·인사관리 감점 사유는?"])
def test_the_reason_for_a_score_asked_by_any_word_is_no_score_alone(
    store: FactStore, service: RetrievalService, question: str
) -> None:
    """ "감점 사유는?" asks why, as "왜 깎였어?" does: the evaluators' findings answer, not the
    score it asks the reason for (given alone before)."""
    assert store.route(question, "evaluator") is None
    answer = service.ask(question, "evaluator")
    assert answer.found and "지적한 점" in answer.answer, answer.answer


def test_a_project_named_whole_ranks_above_one_saying_a_part_of_its_name(
    store: FactStore,
) -> None:
    """ "긴급돌봄 이용자 몇 명이야?" gave the 만족도조사 project's "돌봄 영역별 이용자 만족도조사
    100명": it says 돌봄 and 이용자, not 긴급. The project saying the whole of 긴급돌봄 is
    the answer (its 대상 100명)."""
    answer = store.route("긴급돌봄 이용자 몇 명이야?", "staff")
    assert answer is not None and answer.found, answer
    assert "긴급" in answer.answer and "만족도" not in answer.answer, answer.answer


def test_a_count_of_things_is_not_answered_by_a_number_of_times(store: FactStore) -> None:
    """ "다함께돌봄센터 몇 개 운영해?" was answered with the centres' manual published 1회,
    "in the document's own unit": times count no centres. A count of persons in 건 still is
    answered as written (대체인력 파견 1,500건)."""
    counted = store.route("다함께돌봄센터 몇 개 운영해?", "staff")
    assert counted is None or not counted.found or "1회" not in counted.answer, counted
    sent = store.route("대체인력 몇 명 파견해?", "staff")
    assert sent is not None and sent.found and "1,500건" in sent.answer, sent


def test_few_written_together_with_its_counter_asks_the_same(service: RetrievalService) -> None:
    """ "전북 사회서비스원 경영평가 몇점이야?" left 몇점이야 in the question's subject and quoted
    the 이용자 만족도 table's 94.0; "몇 점이야?" gave the total."""
    joined = service.ask("전북 사회서비스원 경영평가 몇점이야?", viewer="public")
    assert joined.found and "92.15점" in joined.answer, joined.answer


@pytest.mark.parametrize("ending", ["인데요", "이래요", "이었죠", "입니다만"])
def test_a_score_asked_with_the_copula_in_any_ending(store: FactStore, ending: str) -> None:
    """ "전북 점수는 몇 점인데요?": 점 with the copula (인데요, 이래요 …) names no topic; it had
    been left in the subject, and the 만족도 lines' 82점 were quoted for the total."""
    question = f"전북 점수는 몇 점{ending}?"
    assert parse(question).topic == "", parse(question)
    answer = store.route(question, "public")
    assert answer is not None and "92.15점" in answer.answer, answer


def test_the_askers_reason_for_asking_is_no_part_of_the_question(store: FactStore) -> None:
    """ "비교를 위해 …": why the evaluator asks, not a comparison asked (비교 had made it an
    open question for the passages, and a table's many cells answered); 득점도, 점수도: 도 is a
    particle of the score word."""
    question = "비교를 위해 전북특별자치도사회서비스원의 경영관리 득점도 알려주십시오."
    assert parse(question).topic == "경영관리", parse(question)
    answer = store.route(question, "evaluator")
    assert answer is not None and "41.95점" in answer.answer, answer
    noted = store.route("참고로 리더십 점수도 알려줘", "evaluator")
    assert noted is not None and "12.75점" in noted.answer, noted


@pytest.mark.parametrize(
    ("question", "score"),
    [
        ("사회적 책임 분야 득점 확인 부탁드립니다.", "9.70점"),
        ("리더십 득점 확인해 주십시오", "12.75점"),
        ("경영관리 점수 확인 바랍니다", "41.95점"),
    ],
)
def test_a_request_as_evaluators_write_it_names_no_topic(
    store: FactStore, question: str, score: str
) -> None:
    """ "… 확인 부탁드립니다": a request, as "알려주세요" is; it had been left in the topic, and a
    passage's table row was quoted for the area's score."""
    answer = store.route(question, "evaluator")
    assert answer is not None and score in answer.answer, answer
