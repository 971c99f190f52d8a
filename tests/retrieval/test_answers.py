"""Answers over the real corpus: exact figures, sources, abstention, the number rule."""

from __future__ import annotations

import pytest

from retrieval.evaluate import evaluate, load_questions
from retrieval.numbers import check_numbers, unsupported_numbers
from retrieval.service import RetrievalService
from sosa.errors import InvalidQuestion
from sosa.models import Answer, Citation
from tests.conftest import REPO

PLAN = "jb-2023-annual-business-plan.pdf"


@pytest.mark.parametrize(
    ("question", "figure", "document"),
    [
        ("대체인력 파견 목표가 몇 건이지?", "1,500건", PLAN),
        ("긴급돌봄은 어디로 전화하나요?", "1522-0365", PLAN),
        ("혼자 계신 부모님께 갑자기 돌봄이 필요하면 어디로 전화하나요?", "1522-0365", PLAN),
        ("노사협의회 정기회의는 1년에 몇 번 하나요?", "4회", PLAN),
        (
            "대전시사회서비스원의 서비스 품질 차원 만족도는?",
            "96.3",
            "daejeon-2024-evaluation-news.txt",
        ),
    ],
)
def test_figure_is_quoted_as_written_with_its_source(
    service: RetrievalService, question: str, figure: str, document: str
) -> None:
    a = service.ask(question, viewer="staff")
    assert a.found, a.answer
    assert figure in a.answer
    assert any(c.document == document and figure in c.quote for c in a.citations)
    cited = next(c for c in a.citations if figure in c.quote)
    assert cited.title and cited.section
    if document.endswith(".pdf"):
        assert isinstance(cited.page, int)


@pytest.mark.parametrize(
    "question",
    [
        "제주도 날씨 어때?",
        "2025년 경영평가에서 전북은 몇 등급을 받았나요?",
        "서울시 사회서비스원 예산은?",
    ],
)
def test_abstains_when_the_documents_do_not_say(service: RetrievalService, question: str) -> None:
    a = service.ask(question)
    assert not a.found
    assert "문서에서 찾지 못했습니다" in a.answer
    assert a.citations == []


def test_spacing_variants_find_the_same_passage(service: RetrievalService) -> None:
    a = service.search("경영 시스템 평정표", k=3)
    b = service.search("경영시스템 평정표", k=3)
    assert a[0].id == b[0].id
    assert "19.50" in a[0].text


def test_figures_with_and_without_commas(service: RetrievalService) -> None:
    with_comma = service.search("대체인력 1,500건", k=3)
    without = service.search("대체인력 1500건", k=3)
    assert any("1,500건" in h.text for h in with_comma)
    assert any("1,500건" in h.text for h in without)


def test_search_filters(service: RetrievalService) -> None:
    hits = service.search("사회서비스원 만족도", k=10, document="daejeon-2024-evaluation-news.txt")
    assert hits and {h.document for h in hits} == {"daejeon-2024-evaluation-news.txt"}
    hits = service.search("사업 예산", k=10, kind="business_plan")
    assert hits and {h.document for h in hits} == {PLAN}
    hits = service.search("경영평가", k=10, year=2024)
    assert hits and PLAN not in {h.document for h in hits}


def test_every_answer_number_is_in_a_quote(service: RetrievalService) -> None:
    for item in load_questions(REPO / "eval" / "dev_qa.jsonl"):
        a = service.ask(item["question"], viewer="staff")
        assert check_numbers(a), (item["question"], a.answer)


def test_number_check_catches_an_invented_figure() -> None:
    cite = Citation(
        document="d", title="t", section="s", page=1, quote="대체인력 파견실적 총 1,500건"
    )
    good = Answer(
        id="1", question="q", answer="목표는 1,500건입니다.", found=True, citations=[cite]
    )
    bad = good.model_copy(update={"answer": "목표는 1,700건입니다."})
    assert check_numbers(good)
    assert unsupported_numbers(bad) == ["1,700"]


@pytest.mark.parametrize("question", ["", "   ", "가" * 1001, "질문\x00입니다"])
def test_bad_questions_are_refused_politely(service: RetrievalService, question: str) -> None:
    with pytest.raises(InvalidQuestion) as err:
        service.ask(question)
    assert err.value.http_status == 422 and err.value.message.endswith("요.")


def test_dev_questions_meet_the_quality_bar(service: RetrievalService) -> None:
    report = evaluate(service, load_questions(REPO / "eval" / "dev_qa.jsonl"))
    for kind, k in report.by_kind().items():
        assert k["right_with_citation"] >= 90.0, (kind, report.render())


def test_a_question_about_a_projects_goal_quotes_its_goal_lines(service: RetrievalService) -> None:
    a = service.ask("농촌형 공공돌봄 사업 목표는?", viewer="staff")
    assert a.found and a.citations
    assert all(c.section.endswith("농촌형 돌봄 강화 › 사업목표") for c in a.citations)


def test_why_points_were_lost_quotes_the_evaluators_shortcomings(
    service: RetrievalService,
) -> None:
    a = service.ask("리더십 점수가 왜 깎였어?", viewer="evaluator")
    assert a.found, a.answer
    assert "12.75" in a.answer  # the area's own score, from its table row
    quotes = [c.quote for c in a.citations]
    # The comments that ask for more, not the praise ("적절히 발휘되고 있으며").
    assert any("정량적 근거를 제시" in q for q in quotes)
    assert not any(q.endswith("형성됨") for q in quotes)
    assert check_numbers(a)


@pytest.mark.parametrize(
    "question",
    ["사회서비스원 주소가 어디예요?", "전북 사회서비스원 이사장님이 누구세요?"],
)
def test_a_word_the_documents_never_use_is_not_answered_around(
    service: RetrievalService, question: str
) -> None:
    # The passages share the common words (사회서비스원, 전북) but not the one asked about.
    a = service.ask(question)
    assert not a.found, a.answer
    assert "문서에서 찾지 못했습니다" in a.answer
