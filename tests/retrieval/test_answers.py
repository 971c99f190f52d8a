"""Answers over the real corpus: exact figures, sources, abstention, the number rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import answer as composer
from retrieval import answer_asks, answer_replies
from retrieval import service as service_mod
from retrieval.evaluate import evaluate, load_questions
from retrieval.numbers import check_numbers, unsupported_numbers
from retrieval.search import Scored
from retrieval.service import RetrievalService
from sosa.errors import InvalidQuestion
from sosa.models import Answer, Chunk, Citation, FactRef
from tests.conftest import REPO, real_document_chunks

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
    # Cited only for what the documents have instead (another year's figure), said as such.
    assert a.citations == [] or "문서에 있는 것은" in a.answer


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


def test_a_sum_names_its_rows_by_the_labels_of_its_inputs() -> None:
    """A sum over a dozen rows quotes five; a row it added named with a number (쌀10KG) is
    traced to its input fact's label, a figure in no label or quote still is not."""
    rows = [("쌀10KG", "80,000"), ("쵸코파이", "35,000")]
    inputs = [
        FactRef(
            type="cell", label=f"{name} · 상당 금액", value=v, document="d", page=1, section="s"
        )
        for name, v in rows
    ]
    total = FactRef(
        type="computed",
        label="상당 금액 합계",
        value="115,000",
        document="d",
        page=1,
        section="s",
        inputs=inputs,
    )
    said = "상당 금액 열의 합계는 115,000입니다 (계산: 쌀10KG 80,000, 쵸코파이 35,000)."
    good = Answer(id="1", question="q", answer=said, found=True, facts=[total])
    assert check_numbers(good)
    bad = good.model_copy(update={"answer": said.replace("쌀10KG", "쌀20KG")})
    assert unsupported_numbers(bad) == ["20"]


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


def test_when_reads_the_period_of_the_project_a_top_passage_names(
    service: RetrievalService,
) -> None:
    # The first passage retrieved for "복지자원 검색 플랫폼 사업 언제까지야" is another
    # project's issue naming this one ("… 플랫폼 사업과의 중복 우려"); the platform project's
    # own overview, with its (사업기간), is read too.
    a = service.ask("복지자원 검색 플랫폼 사업 언제까지야", viewer="staff")
    assert a.found and "(사업기간) 2023. 1 ~ 12월" in a.answer, a.answer


@pytest.mark.parametrize("why", ["왜", "어째서"])
def test_why_points_were_lost_quotes_the_evaluators_shortcomings(
    service: RetrievalService, why: str
) -> None:
    a = service.ask(f"리더십 점수가 {why} 깎였어?", viewer="evaluator")
    assert a.found, a.answer
    assert "12.75" in a.answer  # the area's own score, from its table row
    quotes = [c.quote for c in a.citations]
    # The comments that ask for more, not the praise ("적절히 발휘되고 있으며").
    assert any("정량적 근거를 제시" in q for q in quotes)
    assert not any(q.endswith("형성됨") for q in quotes)
    assert check_numbers(a)


@pytest.mark.parametrize("question", ["대전은 왜 1등 했어요?", "대전이 전국 1위 한 이유가 뭐예요?"])
def test_why_a_success_quotes_what_was_praised(service: RetrievalService, question: str) -> None:
    # The release's praise (…네트워크 역량 …등에서 매우 우수한 평가를 받았다), not only the
    # head's thanks or what the agency was founded for, though they say as much of the question.
    a = service.ask(question, viewer="public")
    assert a.found and "지역 네트워크 역량" in a.answer, a.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("기관장 현장 집무는 언제 해?", "부서별 현장 집무(상시)"),
        ("주간업무회의는 언제 해?", "(매주)"),
    ],
)
def test_when_is_answered_by_how_often_a_plan_says(
    service: RetrievalService, question: str, said: str
) -> None:
    # A plan says when as how often (상시, 매주): no date, still the answer.
    a = service.ask(question, viewer="staff")
    assert a.found and said in a.answer, a.answer


def test_where_a_thing_is_is_searched_as_its_location(service: RetrievalService) -> None:
    # "어디 있어요?" says no 위치; the plan says where the centre is with it ("종합재가센터가
    # 위치한 전주, 장수지역"), a line the search did not reach without the word.
    a = service.ask("종합재가센터 어디 있어요?", viewer="public")
    assert a.found and "위치한 전주, 장수지역" in a.answer, a.answer


def test_why_points_were_lost_of_a_line_with_all_its_points_says_none_were(
    service: RetrievalService,
) -> None:
    # 우수사례 got 8.00 of 8: no comment on another line is a reason, the figures are.
    a = service.ask("우수사례 점수 왜 깎였어?", viewer="evaluator")
    assert a.found and "8.00점(배점 8점)으로 만점" in a.answer, a.answer
    assert "깎인 점수가 없습니다" in a.answer
    assert check_numbers(a)
    # an indicator whose every line got all its points, each line with its figures
    a = service.ask("재난안전 관리 왜 감점됐어?", viewer="evaluator")
    assert a.found and "모두 만점입니다" in a.answer, a.answer
    assert "0.50점(배점 0.5점)" in a.answer and "1.00점(배점 1점)" in a.answer
    assert check_numbers(a)
    # a 감점 line with nothing taken off is no full score
    a = service.ask("채용비리 방지 노력 왜 감점됐어?", viewer="evaluator")
    assert "감점은 0.00점" in a.answer and "만점" not in a.answer, a.answer
    # what the evaluators asked for is still their comments, whatever the score
    a = service.ask("공정사회 구현 노력에 대해 어떤 장치가 필요하다고 했어?", viewer="evaluator")
    assert "만점" not in a.answer, a.answer


def test_a_suggestion_put_as_a_condition_is_a_shortcoming(service: RetrievalService) -> None:
    # "…연계하여 추진한다면 더 효과적으로 … 높일 수 있을 것으로 보임" says what was lacking.
    a = service.ask("서비스의 질 왜 감점됐어?", viewer="evaluator")
    assert a.found and "지적한 점은" in a.answer, a.answer
    assert "추진한다면 더 효과적으로" in a.answer
    assert "매우 우수함" not in a.answer  # praise is no reason for lost points


def test_what_was_praised_quotes_the_evaluators_praise(service: RetrievalService) -> None:
    a = service.ask("원장님 리더십은 평가에서 뭐가 좋다고 나왔어요?", viewer="public")
    assert a.found and "12.75" in a.answer and "좋게 평가한" in a.answer, a.answer
    quotes = [c.quote for c in a.citations]
    assert any(q.endswith("형성됨") for q in quotes)  # praise alone
    assert any("강점이나" in q for q in quotes)  # praise, though it asks for more too
    assert not any("정량적 근거를 제시" in q for q in quotes)  # a shortcoming only
    assert check_numbers(a)


def test_an_indicator_named_reads_all_its_lines_comments(service: RetrievalService) -> None:
    """ "재무관리 강점은?": the indicator's scored lines fit alike; their comments together
    (its 적절함 lines), under the indicator's name, not one line's points."""
    a = service.ask("재무관리 강점은?", viewer="evaluator")
    assert a.found and a.answer.startswith("‘재무관리’에 대해 평가위원이 좋게 평가한 점은"), (
        a.answer
    )
    assert "업무추진비 집행 실적 적절함" in a.answer
    assert "재정 로드맵" not in a.answer  # a shortcoming only
    assert check_numbers(a)


def test_the_parts_short_of_full_marks_are_listed(service: RetrievalService) -> None:
    """Asked "만점 못 받은 세부지표는?": the lines short of their 배점, not the whole
    breakdown of the area."""
    a = service.ask("사회적 책임 영역에서 만점 못 받은 세부지표는?", viewer="evaluator")
    assert a.found and "만점을 받지 못한 지표는" in a.answer, a.answer
    assert "네트워크 구축 2.70점(배점 3점)" in a.answer, a.answer
    assert "1.00점(배점 1점)" not in a.answer, a.answer  # a line with all its points
    assert check_numbers(a)
    lead = service.ask("리더십 영역에서 만점 받지 못한 지표는?", viewer="evaluator")
    assert "만점을 받지 못한 지표는" in lead.answer and "4.75점(배점 5점)" in lead.answer, (
        lead.answer
    )


def test_a_comment_heading_named_is_answered_by_the_comments_under_it(
    service: RetrievalService,
) -> None:
    """The evaluators write their comments on 조직·인사관리 under headings of their own (○
    종사자 근로조건 및 처우개선 노력 …); a question naming one is answered by the comments
    under it, not by the scored line whose name shares a word (관리, 체계)."""
    a = service.ask("종사자 처우개선 노력에 대한 지적은?", viewer="evaluator")
    assert a.found and "‘종사자 근로조건 및 처우개선 노력’에 대해" in a.answer, a.answer
    assert "지자체 예산 당국과의 긴밀한 협력체계" in a.answer, a.answer
    assert all("처우개선" in c.section for c in a.citations), a.citations
    # (a word an area's own name says is asked of the area: 리더십)
    lead = service.ask("리더십 점수가 왜 깎였어?", viewer="evaluator")
    assert lead.answer.startswith("‘리더십’의 득점은"), lead.answer


def test_the_evaluators_comments_asked_as_such_are_all_quoted(service: RetrievalService) -> None:
    a = service.ask("리더십 영역 평가위원 의견은?", viewer="evaluator")
    assert a.found and "평가위원 의견은" in a.answer, a.answer
    quotes = [c.quote for c in a.citations]
    assert any(q.endswith("형성됨") for q in quotes)  # praise
    assert any("정량적 근거를 제시" in q for q in quotes)  # and what it asks for
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


_HISTORY = [
    "원나라 세조 쿠빌라이 칸은 왕순과 곽수경에게 개력을 명령하였고, 그 결과 수시력이 만들어졌다.",
    "명나라는 수시력을 조금 고친 대통력을 나라가 망할 때까지 썼다.",
    "청나라는 서양 천문학을 받아들여 시헌력을 만들었다.",
    "당나라의 대연력은 일행이 만든 역법이다.",
    "송나라에서는 여러 차례 역법을 고쳤다.",
    "한나라 무제 때 태초력이 시행되었다.",
]


def _indexed(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[str],
    document: str,
    title: str,
    section: str,
    page: int | None = None,
    prefix: str = "p",
):
    """Passages of one document section, with their real BM25 index (its document
    frequencies weigh words)."""
    from ingest.indexes import build_bm25, load_bm25

    chunks = [
        Chunk(
            id=f"{prefix}#{i}",
            document=document,
            title=title,
            section=section,
            page=page,
            ordinal=i,
            text=t,
        )
        for i, t in enumerate(texts)
    ]
    out = tmp_path_factory.mktemp("bm25")
    build_bm25([c.text for c in chunks], out)
    return chunks, load_bm25(out)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Six passages about calendars."""
    return _indexed(tmp_path_factory, _HISTORY, "h.txt", "역법", "역법", prefix="h")


def test_a_word_no_passage_holds_is_set_aside_only_when_the_rest_is_covered(history) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = history
    weights = composer.TermWeights(bm25)
    question = "왕순과 곽수경에게 명령한 떄는?"  # "떄": a typo no passage can match
    assert not weights.known("떄") and weights.known("곽수경")

    def coverage(dense: float) -> float:
        hits = [Scored(chunks[0], 1.0, 5.0, dense), Scored(chunks[1], 0.5, 2.0, 0.8)]
        hits.append(Scored(chunks[2], 0.4, 1.0, 0.7))
        cands = composer._candidates(question, hits, weights)
        return next(c.coverage for c in cands if c.hit.chunk.id == "h#0")

    # The dense side agrees: the typo neither blocks nor counts.
    assert coverage(0.9) >= composer.OOV_REST_COVERAGE
    # It does not: the unknown word keeps its full weight.
    assert coverage(0.6) < coverage(0.9)
    # Unknown words that carry most of the question are not answered around.
    hits = [Scored(chunks[0], 1.0, 5.0, 0.9), Scored(chunks[1], 0.5, 2.0, 0.8)]
    assert not composer.compose("수시력 만들 떄 엄마 연봉은?", hits, bm25).found


def test_a_gloss_in_parentheses_does_not_hide_a_name() -> None:
    from retrieval.answer import squash

    assert squash("송(宋)나라 초기") == "송나라초기"
    assert squash("다이세이(大成)건설에서") == "다이세이건설에서"

    from retrieval.answer import _unsupported_constraint
    from retrieval.search import Scored

    text = "위진남북조시대와 송(宋)나라 초기에 걸쳐 경초력이 쓰였다."
    chunk = Chunk(
        id="c#0", document="c.txt", title="역법", section="역법", page=None, ordinal=0, text=text
    )
    hits = [Scored(chunk, 1.0, 1.0, 0.9)]
    # The name the question gives is in the passage, under its gloss; another name is not.
    assert not _unsupported_constraint("송나라 초기에 쓰인 역법은?", hits)
    assert _unsupported_constraint("명나라 초기에 쓰인 역법은?", hits)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("티베트 고원의 면적은?", "면적"),
        ("티베트 고원의 평균 고도는?", "고도"),
        ("1935년에 지어진 관사의 층수는 얼마인가?", "층수"),
        # The last noun names the kind of answer only, or is not what is asked about.
        ("아파트가 서울시와 갈등을 빚은 이유는?", None),
        ("종합재가센터 운영활성화를 위해 어떤 노력을 했다고 평가받았나요?", None),
        # asked to be told it, as its object
        ("대체인력 파견 일정 알려줘", "일정"),
        ("긴급돌봄 연락처를 좀 가르쳐 주세요", "연락처"),
        ("예산을 줄여 줘", None),  # a verb of doing, not of telling
    ],
)
def test_the_thing_asked_is_the_questions_last_marked_noun(question: str, asked: str) -> None:
    from retrieval.answer import _asked_topic

    assert _asked_topic(question) == asked


# Real encyclopaedic passages (KorQuAD 1.0 dev, 아파트 and 역법 articles): the sentence
# matching the question best restates its facts; the asked thing is in the one beside it.
_APARTMENTS = (
    "1930년, 한 공동주택이 회현동에 세워졌다. 일반 사무실이나 백화점은 그 이전에도 고층 "
    "건물이 있었지만 주택을 3층으로 올린 것은 이례적이었다. 더욱이 한 건물에 한 세대가 아닌 "
    "여러 세대가 함께 거주하는 '공동주택' 개념은 당시에는 전 세계적으로 매우 생소했다."
)
_CALENDAR = (
    "원가력이 시행된 지 20년도 채 안 돼서 원가력에 의한 계산이 천상고 일치하지 않게 된 "
    "것을 지적하고 개력을 주장한 사람이 바로 조충지(祖沖之)였다. 그는 파장법(破章法)과 "
    "세차운동(歲差運動)의 도입에 있었다. 파장법이란 '장법(章法)을 폐지한다'는 뜻인데, "
    "장법은 19년에 7번 윤달을 삽입하는 치윤법을 말한다."
)


def _one_passage(text: str):  # type: ignore[no-untyped-def]
    from retrieval.search import Scored

    chunk = Chunk(id="k#0", document="k.txt", title="", section="", page=None, ordinal=0, text=text)
    return [Scored(chunk, 1.0, 1.0, 0.9)]


@pytest.mark.parametrize(
    ("passage", "question", "restating", "answer"),
    [
        # The figure asked by its noun (층수): the question's own year is no answer.
        (_APARTMENTS, "1930년 회현동에 세워진 공동주택의 층수는 얼마인가?", "1930년, 한", "3층"),
        # "그는 …": the person is named in the sentence before.
        (_CALENDAR, "파장법과 세차운동을 도입하자고 주장한 사람은?", "그는 파장법", "조충지"),
    ],
)
def test_a_restating_sentence_is_quoted_with_the_neighbour_that_answers(
    passage: str, question: str, restating: str, answer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval import answer as composer

    # The sentence saying the question's predicate (PREDICATE_BONUS: 주장한 -> "개력을 주장한
    # 사람이 바로 조충지였다") may rank first by itself; without it the restatement does.
    monkeypatch.setattr(composer, "PREDICATE_BONUS", 0.0)
    hits = _one_passage(passage)
    best = composer._candidates(question, hits)[0]
    assert best.text.startswith(restating) and answer not in best.text  # the failure pattern
    a = composer.compose(question, hits)
    assert a.found and answer in a.answer
    quotes = [c.quote for c in a.citations]
    assert any(q.startswith(restating) for q in quotes)
    # Quoted in the passage's own order.
    assert quotes == sorted(quotes, key=passage.index)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("1935년 내자동에 지어진 관사의 층수는 얼마인가?", "number"),
        ("와우아파트의 부실 공사 때문에 사망한 주민 수는?", "number"),
        ("개포주공1단지아파트가 세워진 연도는?", "date"),
        ("파장법과 세차운동을 도입하자고 주장한 사람은?", "person"),
        ("충정아파트의 초기 이름은?", "name"),
    ],
)
def test_the_kind_of_content_an_answer_adds(question: str, kind: str) -> None:
    from retrieval.answer import _answer_kind

    assert _answer_kind(question) == kind


def test_what_a_sentence_adds_beyond_the_question() -> None:
    from retrieval.answer import _adds

    q = "1930년 회현동에 세워진 공동주택의 층수는 얼마인가?"
    assert not _adds("number", "1930년, 한 공동주택이 회현동에 세워졌다.", q)
    assert _adds("number", "주택을 3층으로 올린 것은 이례적이었다.", q)
    # A count is no date; a year the question does not give is.
    year = "개포주공1단지아파트가 세워진 연도는?"
    assert not _adds("date", "개포주공아파트는 1단지에서 7단지까지 지어졌다.", year)
    assert _adds("date", "개포주공아파트는 1981년 현대건설이 지은 주공아파트이다.", year)
    # The question's own words glossed in Hanja are not a new name; another glossed name is.
    who = "파장법과 세차운동을 도입하자고 주장한 사람은?"
    assert not _adds("person", "그는 파장법(破章法)과 세차운동(歲差運動)의 도입에 있었다.", who)
    assert _adds("person", "개력을 주장한 사람이 바로 조충지(祖沖之)였다.", who)


def test_a_person_named_by_title_or_hanja_gloss_answers_who() -> None:
    from retrieval import intent

    assert intent.holds("person", "그리하여 고금성(古金星)의 제자로 입문하였다.")
    assert intent.holds("person", "그곳의 관장은 임세영의 한 수에 나가떨어졌다.")
    assert not intent.holds("person", "임세영은 난세를 구할 큰 뜻을 품게 된다.")


# Real KorQuAD 1.0 dev sentences (금강산, 푸시캣 돌스, 빅뱅 articles), cut short.
_BODEOKAM = (
    "팔담의 하나인 분설담 위에 세워진 독특한 암자인 보덕암(普德庵) 등의 중요한 역사 유적이 있다."
)
_PUSSYCAT = (
    "이전부터 그룹 활동에 지쳐있던 셰르징거는 솔로 레코딩 계약을 위해 인터스코프 레코드를 "
    "찾았다가 뜻하지 않게 푸시캣 돌스에 영입되었다는 후문이다."
)
_BIGBANG = "2006년 9월 23일 음악 프로그램 《쇼! 음악중심》에서 공식 데뷔하였다."


def test_a_word_kiwi_cuts_up_is_matched_by_its_spelling() -> None:
    from retrieval.answer import _compounds, _coverage

    q = "금강산의 보덕암은 어디 위에 세워져 있는가?"
    joins = _compounds(q)
    assert joins.get("덕") == "보덕암"  # Kiwi reads 보/덕/암 in the question
    pieces = [(t, 1.0) for t in ("보", "덕", "암")]
    assert _coverage(pieces, _BODEOKAM, "")[0] == 0.0  # no one-syllable piece matches alone
    assert _coverage(pieces, _BODEOKAM, "", joins=joins)[0] == 1.0
    # Spelled elsewhere only in part, the word is not there.
    assert _coverage(pieces, "보덕사 옆의 암자이다.", "", joins=joins)[0] == 0.0


def test_a_multi_word_term_is_matched_without_its_space_or_punctuation() -> None:
    from retrieval import answer as composer
    from retrieval.answer import _coverage

    assert _coverage([("푸시캣 돌스", 1.0)], _PUSSYCAT, "")[0] == 1.0
    assert _coverage([("쇼 음악중심", 1.0)], _BIGBANG, "")[0] == 1.0
    a = composer.compose(
        "셰르징거가 찾아왔다가 우연히 푸시캣 돌스에 영입된 곳은?", _one_passage(_PUSSYCAT)
    )
    assert a.found and "인터스코프 레코드" in a.answer


def test_a_region_is_said_in_any_of_its_names() -> None:
    from retrieval.answer import _coverage

    text = "충청남도 여성가족청소년사회서비스원은 AI 안부살핌 서비스 사업을 실시했다."
    assert _coverage([("충남", 1.0)], text, "")[0] == 1.0
    assert _coverage([("전남", 1.0)], text, "")[0] == 0.0


@pytest.mark.parametrize(
    ("passage", "question", "unsupported"),
    [
        # Kiwi keeps the particle on a name it does not know (빅뱅이/NNP), and reads
        # 《쇼! 음악중심》 as "쇼 음악중심".
        ("빅뱅은 " + _BIGBANG, "빅뱅이 음악프로그램 쇼 음악중심에 공식 데뷔한 해는?", False),
        # A name in a gloss: 신상철(서프라이즈 대표).
        (
            "은폐 가능성을 제기했던 신상철(서프라이즈 대표)에 대한 비판도 있다.",
            "은폐 가능성을 제기한 서프라이즈 대표는?",
            False,
        ),
        # One vowel or final consonant off: a slip (헤밋 for 해밋, 전두화 for 전두환).
        (
            "1987년에는 메탈리카의 기타리스트 커크 해밋이 기타를 주문했다.",
            "커크 헤밋의 기타는?",
            False,
        ),
        ("전두환 정권이 도입한 택지개발촉진법의 첫 사례이다.", "전두화정권이 도입한 법은?", False),
        # A first consonant heard alike: a foreign name's k or c, s or z, a dropped ㅎ.
        (
            "공식 페이지에 카이로, 니코시아, 헬싱키, 베를린의 반정부 운동 지원 이미지가 걸렸다.",
            "가이로, 헬싱키 등의 반정부 운동지원 이미지가 걸린 공식 페이지 이름은?",
            False,
        ),
        ("퀸스 파크 레인저스와의 경기에서 퇴장당했다.", "퀸즈 파크 레인저스전 결과는?", False),
        ("이명박 대통령에 대한 탄핵 서명운동이 벌어졌다.", "탄액 서명운동은 몇 명?", False),
        # Another first consonant, another start: another name.
        ("부안군 노인복지관의 사업이다.", "부산 노인복지관의 사업은?", True),
        ("전라남도 사회서비스원의 총점이다.", "경상남도 사회서비스원의 총점은?", True),
        ("전북사회서비스원의 예산이다.", "서울시 사회서비스원 예산은?", True),
    ],
)
def test_a_name_is_found_across_kiwis_slips_but_not_another_name(
    passage: str, question: str, unsupported: bool
) -> None:
    from retrieval.answer import _unsupported_constraint

    assert _unsupported_constraint(question, _one_passage(passage)) is unsupported


def test_a_year_asked_as_myeot_nyeondo_is_held_by_a_year_in_nyeon() -> None:
    from retrieval import asked

    counter = asked.asked_counter("제2연평해전은 몇년도에 발생했는가?")
    assert counter == "년도"
    assert asked.holds_counter("1999년 제1연평해전과 2002년 제2연평해전 때", counter)
    assert not asked.holds_counter("제2연평해전 때 해군이 이겼다.", counter)


def test_who_is_answered_by_a_sentence_whose_passage_names_the_subject() -> None:
    from retrieval import answer as composer

    passage = (
        "푸시캣 돌스는 앨범 홍보를 위해 Doll Domination Tour라는 이름의 월드 투어에 나섰다. "
        "유럽과 오스트레일리아 공연에서는 레이디 가가가 오프닝을 맡아주었으며, 영국 지역에서는 "
        "니요가 그들을 지원해주었다."
    )
    q = "푸시캣 돌스의 월드 투어에서 유럽과 오스트레일리아 공연에서 지원해준 가수는 누구인가?"
    a = composer.compose(q, _one_passage(passage))
    assert a.found and "레이디 가가" in a.answer
    # A sentence naming another region is about that region, whatever else its passage names.
    press = (
        "경상남도 사회서비스원은 돌봄 종사자 교육을 열었다. 전라남도 사회서비스원은 "
        "컨소시엄을 구축하여 섬 지역 주민 김영희 씨를 지원했다."
    )
    quote = "전라남도 사회서비스원은 컨소시엄을 구축하여 섬 지역 주민 김영희 씨를 지원했다."
    who = "경상남도 사회서비스원은 누구를 지원했나요?"
    assert not composer._holds("person", quote, who, press)
    assert composer._holds("person", quote, "전라남도 사회서비스원은 누구를 지원했나요?", press)


def test_a_verb_asked_as_its_noun_is_also_matched_as_the_verb(tmp_path: Path) -> None:
    from ingest.indexes import build_bm25, load_bm25
    from retrieval.answer import TermWeights, _candidates, weighted_terms
    from retrieval.search import Scored

    # The first sentence is KorQuAD 1.0 dev's (체스 article); the second passage makes 봄
    # (spring) a noun the index knows, so the question's 볼 is weighed as 봄.
    texts = [
        "심판은 언제나 기보를 볼 수 있어야 한다. 대국 시간은 시계로 잰다.",
        "봄에는 대회가 열리지 않는다.",
    ]
    build_bm25(texts, tmp_path)
    weights = TermWeights(load_bm25(tmp_path))
    chunk = Chunk(
        id="k#0", document="k.txt", title="", section="", page=None, ordinal=0, text=texts[0]
    )
    q = "심판이 언제나 볼 수 있어야 하는 것은?"  # "볼" is weighed as 봄 (weighted_terms)
    assert "봄" in [t for t, _w in weighted_terms(q, weights)]
    best = _candidates(q, [Scored(chunk, 1.0, 1.0, 0.9)], weights)[0]
    assert best.text.startswith("심판은 언제나 기보를") and best.coverage == pytest.approx(1.0)


def test_a_question_about_one_region_reads_that_regions_paragraph(
    service: RetrievalService,
) -> None:
    """The press release has a paragraph per agency ("강원특별자치도 사회서비스원은 …"): it
    joins the passages a 강원 question is answered from, and another region's paragraph does
    not answer for it."""
    chunks = service.state.chunks
    press = [c for c in chunks if c.document.startswith("mohw-2024")]
    intro = Scored(press[0], 1.0, 1.0, 1.0)
    hits = composer._with_region_passages([intro], "강원", chunks)
    assert hits[0] is intro and hits[1].chunk.text.startswith("강원특별자치도 사회서비스원은")
    chungnam = next(c for c in press if c.text.startswith("충청남도"))
    sentence = composer.Candidate(chungnam.text[:60], Scored(chungnam, 1.0, 1.0, 1.0), 1.0, 1.0)
    assert composer._other_region_only(sentence, "광주")
    assert not composer._other_region_only(sentence, "충남")
    listing_all = next(u for u in press[0].text.split(". ") if "광주" in u and "대전" in u)
    named_all = composer.Candidate(listing_all, Scored(press[0], 1.0, 1.0, 1.0), 1.0, 1.0)
    assert not composer._other_region_only(named_all, "광주")  # it names 광주 among others
    own = service.ask("강원 사회서비스원은 재난 대비로 뭘 만들었어요?")
    assert own.found and own.citations[0].quote.startswith("강원특별자치도 사회서비스원은")


def test_what_was_done_quotes_the_sentence_that_goes_on_with_it(
    service: RetrievalService,
) -> None:
    """ "뭘 만들었어요?": the sentence answering it, and the next when it goes on ("또한 …
    ‘재난회복지원단(전문인력풀)’을 구성했으며 …"); a question asking no deed does not."""
    made = service.ask("강원 사회서비스원은 재난 대비로 뭘 만들었어요?")
    assert made.found and "재난회복지원단" in made.answer, made.answer
    assert made.citations[1].quote.startswith("또한 재난복지 전문인력을"), made.citations
    where = service.ask("강원 사회서비스원은 어느 지역에 재난복지 사례관리를 적용했어요?")
    assert where.found and "강릉 옥계" in where.answer and "재난회복지원단" not in where.answer


def test_an_evaluators_comment_is_quoted_with_the_rest_of_its_criterion(
    service: RetrievalService,
) -> None:
    """ "양성평등 관련 평가 의견은요?": the criterion's comment whole, what was done well and
    then what is still needed ("고위직에서도 여성이 …"); a news story's sentences, which a
    score of its own also cites, are not a criterion's block."""
    said = service.ask("양성평등 관련 평가 의견은요?", "staff")
    assert said.found and "고위직에서도 여성이 진출" in said.answer, said.answer
    assert said.citations[0].quote.startswith("양성평등을 위한 노력에서"), said.answer
    s_grade = service.ask("S등급 받은 기관은 어디였죠?", "staff")
    assert any("강원" in c.quote for c in s_grade.citations), s_grade.answer


def test_a_plural_asked_which_is_answered_with_the_items(service: RetrievalService) -> None:
    """ "어떤 매뉴얼들이 나오는 거예요?" asks the manuals, listed (다함께돌봄센터's and 가족센터's),
    not the lines nearest its words."""
    answer = service.ask(
        "다함께돌봄센터 선생님이에요~ 사회서비스원에서 운영 매뉴얼을 만든다고 들었는데 "
        "어떤 매뉴얼들이 나오는 거예요?"
    )
    assert answer.found and "가족센터 운영 매뉴얼" in answer.answer, answer.answer
    assert "다함께돌봄센터 운영 매뉴얼" in answer.answer, answer.answer


def test_a_list_asked_for_in_formal_words_is_the_headings_items(service: RetrievalService) -> None:
    """ "우수사례로 제시된 사업들을 나열해 주십시오.": 나열 asks a list and 제시된 says where it
    is given, as 나와 있는 does; neither names a topic, so the heading 우수사례 is all the
    question names and its three items answer (it was not found)."""
    answer = service.ask("우수사례로 제시된 사업들을 나열해 주십시오.", "evaluator")
    assert answer.found, answer.answer
    for item in ("사회적 고립 예방", "온라인 교육통합 시스템", "전북 복지자원 플랫폼"):
        assert item in answer.answer, answer.answer


def test_the_day_a_news_text_was_told_on_dates_nothing_it_tells(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "현장평가는 며칠에 진행됐나요?": the news text says 대전 "…1위를 차지했다고 12일
    밝혔다", the day it was told, not when anything was evaluated; it was quoted as the day. The
    day told answers a question asking when it was made known."""
    from retrieval import answer as composer

    question = "현장평가는 며칠에 진행됐나요?"
    assert "12일 밝혔다" not in service.ask(question, "evaluator").answer
    assert composer.dated_sentence("1위를 차지했다고 12일 밝혔다.", "언제 발표했어?") == (
        "1위를 차지했다고 12일 밝혔다."
    )
    monkeypatch.setattr(composer, "REPORTED_DATE_APART", False)
    assert "12일 밝혔다" in service.ask(question, "evaluator").answer


def test_so_many_things_asked_are_the_headings_items(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "우수사례로 뽑힌 사업 세 개가 뭐였죠?": the count asks the three listed; the heading
    우수사례 is what it names, and its items answer (a press line saying 우수사례 was quoted)."""
    from retrieval import intent

    question = "우수사례로 뽑힌 사업 세 개가 뭐였죠?"
    answer = service.ask(question, "evaluator")
    for item in ("사회적 고립 예방", "온라인 교육통합 시스템", "전북 복지자원 플랫폼"):
        assert item in answer.answer, answer.answer
    monkeypatch.setattr(intent, "COUNTED_LIST", False)
    assert "온라인 교육통합 시스템" not in service.ask(question, "evaluator").answer


@pytest.mark.parametrize(
    "question",
    [
        "장수 종합재가센터 주소 좀 알려주세요",
        "그럼 장수 종합재가센터 주소좀 알려주세요 직접 가볼게요",
    ],
)
def test_an_address_asked_is_where_a_thing_is(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    """ "…주소 좀 알려주세요" asks where the centre is: a line locating it answers ("종합재가센터가
    위치한 전주, 장수지역 …") or none does; a line only naming it ("전북종합재가센터 온라인장비
    무료임대") was quoted as found."""
    from retrieval import answer_asks

    answer = service.ask(question, "public")
    assert not answer.found or "위치" in answer.answer, answer.answer
    assert "무료임대" not in answer.answer, answer.answer
    monkeypatch.setattr(answer_asks, "ADDRESS_ASKED", False)
    assert "무료임대" in service.ask(question, "public").answer


def test_the_regions_own_sentence_answers_under_the_frame_that_lists_it(
    service: RetrievalService,
) -> None:
    """ "…대전, 강원, … 전남 사회서비스원은 성과대회에서 우수사례를 발표했다" frames the
    paragraphs that follow; 대전's own ("대전광역시 사회서비스원은 … 심리지원 프로그램") says
    what 대전 presented, also when its paragraph starts inside a chunk another region opens."""
    daejeon = service.ask("대전 사회서비스원이 발표한 우수사례는 뭐야?")
    assert daejeon.found and "심리지원 프로그램" in daejeon.answer, daejeon.answer
    chunks = service.state.chunks
    press = [c for c in chunks if c.document.startswith("mohw-2024")]
    inside = next(c for c in press if "\n전북특별자치도 사회서비스원은" in c.text)
    hits = composer._with_region_passages([Scored(press[0], 1.0, 1.0, 1.0)], "전북", chunks)
    assert inside.id in [h.chunk.id for h in hits]
    # Among several documents, the frame's own paragraph comes before a title page that only
    # names the region ("2023년 전라북도사회서비스원 연간수정사업계획서").
    plan = next(c for c in chunks if c.document.startswith("jb-2023"))
    hits = composer._with_region_passages(
        [Scored(press[0], 1.0, 1.0, 1.0), Scored(plan, 0.9, 1.0, 1.0)], "전북", chunks
    )
    assert hits[1].chunk.id == inside.id
    jeonbuk = service.ask("전북 사회서비스원은 성과대회에서 뭘 발표했어?")
    assert jeonbuk.found and "전북 복지자원 플랫폼" in jeonbuk.answer, jeonbuk.answer


def test_a_quote_that_only_repeats_the_question_gives_way(service: RetrievalService) -> None:
    """ "업무추진비 공개" repeats "업무추진비는 어떻게 공개…?"; the rows that say how (월별 공개)
    answer it."""
    answer = service.ask("업무추진비는 어떻게 공개한다고 평가받았어?")
    assert answer.found and "월별 공개" in answer.answer
    assert "“업무추진비 공개”" not in answer.answer


def test_a_quote_adding_only_a_figure_says_something_new(tmp_path: Path) -> None:
    """ "긴급돌봄 대표번호는 무엇인가요?": the sentence repeats every word of it and adds the
    number, which is the answer; a figure the question lacks counts as something new."""
    from ingest.indexes import build_bm25, load_bm25

    texts = [
        "긴급돌봄 대표번호는 1522-0365입니다.",
        "주차장 이용 안내 (4796d1a9)\n본관 주차장은 평일 오전 9시부터 무료입니다.",
        "직원 회식 예산은 1인당 30,000원입니다.",
    ]
    build_bm25(texts, tmp_path)
    chunks = [
        Chunk(id=f"n{i}#0", document=f"n{i}.txt", title="", section="", page=None, ordinal=0,
              text=t)
        for i, t in enumerate(texts)
    ]  # fmt: skip
    hits = [Scored(c, 1.0 - i / 2, 1.0 - i / 2, 0.9) for i, c in enumerate(chunks)]
    answer = composer.compose("긴급돌봄 대표번호는 무엇인가요?", hits, load_bm25(tmp_path))
    assert answer.found and "1522-0365" in answer.answer, answer.answer


def test_a_word_known_only_by_its_gloss_is_asked_in_the_gloss(service: RetrievalService) -> None:
    # 나라장터 is the everyday name; the plan writes 국가종합전자조달(G2B). The question's gloss
    # names the same thing in the documents' words.
    a = service.ask("나라장터(G2B)로 계약해야 하는 금액 기준이 얼마부터야?", viewer="staff")
    assert a.found and "500만원" in a.answer, a.answer
    assert check_numbers(a)
    # Without the gloss the unknown name is not answered around.
    assert not service.ask("나라장터로 계약해야 하는 금액 기준이 얼마부터야?", viewer="staff").found


def test_what_evaluators_found_wanting_is_quoted_over_their_praise(
    service: RetrievalService,
) -> None:
    a = service.ask("양성평등 부분에서 평가위원이 더 필요하다고 한 건?", viewer="evaluator")
    assert a.found and a.citations, a.answer
    assert "필요가 있음" in a.citations[0].quote


def test_a_budget_line_named_beyond_the_project_answers_instead_of_its_total(
    service: RetrievalService,
) -> None:
    a = service.ask("긴급·틈새돌봄 돌봄제공단가는 얼마로 잡았어?", viewer="staff")
    assert a.found and "52천원" in a.answer, a.answer
    assert any("돌봄제공단가" in c.quote for c in a.citations)
    assert check_numbers(a)
    # The project alone is still asked for its total.
    total = service.ask("긴급·틈새돌봄 예산은 얼마야?", viewer="staff")
    assert "80,000천원" in total.answer, total.answer


def test_a_marked_header_is_quoted_with_the_note_under_its_table(service: RetrievalService) -> None:
    a = service.ask("외부지적사항 지적건수 2건은 각각 어디서 지적된 거야?", viewer="evaluator")
    assert a.found, a.answer
    quotes = [c.quote for c in a.citations]
    assert any("지적건수(건)*" in q for q in quotes)  # the row …
    assert any(q.startswith("* 지적건수") and "외부감사(1건)" in q for q in quotes)  # … its note
    assert check_numbers(a)


def test_examples_asked_are_answered_by_the_instances_a_passage_names(
    service: RetrievalService,
) -> None:
    # "예로 든" asks for instances: the line naming them ("A, B 등"), not a clause that merely
    # has commas ("기획, 시행, 결과의 …"); the words 예/들다 name no topic.
    a = service.ask("사상구 민관협력사업 예로 든 건 뭐야?", viewer="evaluator")
    assert a.found and a.citations, a.answer
    assert "희망우산사업" in a.citations[0].quote


# Lines of a real RFP's overview (tests/data/real-docs/klid-onnara-web-editor-rfp-2023.pdf, p. 3).
_RFP = [
    "○ 사업명 : 데이터친화적 문서작성 기반의 온나라 웹기안기 도입\n"
    "○ 사업기간 : 계약일로부터 ~ 2023. 12. 31.\n"
    "○ 사업금액 : 1,062,888천원(국비 / VAT포함)\n"
    "○ 사업대상 : 행정안전부 등 69개 중앙행정기관",
    "○ 클라우드 온나라 문서시스템(2.0) 구축 시 도입된 웹기안기 제품의 서비스 종료(‘22.2월)로 "
    "웹기안기 교체 필요성 시급",
    "○ 용역 수행업체 - 온나라 문서 웹기안기(편집기 및 문서변환기) 도입사업 수행",
    "○ 제안서 평가는 기술평가 90점, 가격평가 10점으로 한다.",
]


@pytest.fixture(scope="module")
def rfp(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _indexed(tmp_path_factory, _RFP, "rfp.pdf", "제안요청서", "사업개요", page=3, prefix="r")


def test_an_amount_of_money_asked_is_quoted_from_a_line_that_holds_one(rfp) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = rfp
    # The need for the project says more of the question's words; only the 사업금액 line says
    # an amount.
    hits = [Scored(chunks[1], 1.0, 5.0, 0.9), Scored(chunks[0], 0.9, 4.0, 0.9)]
    hits.append(Scored(chunks[2], 0.8, 3.0, 0.9))
    a = composer.compose("웹기안기 도입 사업의 사업금액은 얼마입니까?", hits, bm25)
    assert a.found and "1,062,888천원" in a.citations[0].quote, a.answer
    # No line with an amount: no answer.
    a = composer.compose("웹기안기 교체 사업비는 얼마입니까?", hits[:1], bm25)
    assert not a.found, a.answer


def test_a_name_the_question_quotes_must_be_spelled_by_the_passages(rfp) -> None:  # type: ignore[no-untyped-def]
    from retrieval.answer import _unsupported_constraint
    from retrieval.search import Scored

    chunks, _bm25 = rfp
    hits = [Scored(c, 1.0, 1.0, 0.9) for c in chunks]
    assert not _unsupported_constraint("'온나라 웹기안기'는 언제까지 도입하나요?", hits)
    assert _unsupported_constraint("'온나라 전자결재'는 언제까지 도입하나요?", hits)


def test_a_table_row_touched_by_a_common_word_does_not_answer(service: RetrievalService) -> None:
    # "서비스" and "받" touch the row "존중받는 사회서비스 환경조성" of a vision table; its
    # text does not say where to call.
    a = service.ask("돌봄 서비스 받으려면 어디로 연락해요?", viewer="public")
    assert not any("비전" in c.quote or "환경조성" in c.quote for c in a.citations), a.answer


@pytest.mark.parametrize(
    "question",
    [
        "2024년 경영평가 결과는?",
        "경영평가 결과 알려줘",
        "사회서비스원 경영평가 결과 어떻게 나왔어요?",
    ],
)
def test_the_evaluations_result_is_its_total_and_grade(
    service: RetrievalService, question: str
) -> None:
    a = service.ask(question, viewer="public")
    assert a.found and "92.15점" in a.answer and "A" in a.answer, a.answer
    assert check_numbers(a)


# Sentences of real press releases (tests/data/real-docs: msit-nuri-launcher-name-press-2018.hwp,
# mois-gov-innovation-press-2025-12.hwpx, mois-work-report-2025-12.hwp).
_PRESS = [
    "o 한국형발사체는 1.5톤급 실용위성을 지구 저궤도(600km~800km)까지 쏘아 올릴 수 있는 3단형 "
    "우주발사체로, 연간 130여개 기관이 참여하여 2021년 발사를 목표로 개발하고 있다.",
    "o 명칭선정절차는 제출된 응모작에 대해 네이미스트, 카피라이터, 국어교사 등 외부 전문가가 "
    "주제와의 적합성, 상징성, 참신성, 발음 및 기억의 용의성 등을 기준으로 후보작을 선별한 후,",
    "o 4월 27일부터 5월 31일까지 실시한 동 명칭 공모에는 약 6,300여명의 국민이 참여하여 총 "
    "10,000건 이상의 응모작을 제출하여 뜨거운 관심을 보였다.",
    "한편, 행정안전부는 범정부 혁신 추진동력 확보를 통한 성공적인 정부혁신 이행을 위해 "
    "관계부처 및 지방정부가 참여하는 ‘정부혁신추진협의회’ 및 학계·현장 전문가가 함께하는 "
    "‘정부혁신전략위원회’를 운영할 계획이다.",
    "윤호중 장관은 “이번에 발표한 정부혁신 추진전략은 국민 모두가 정책 결정의 주역이 되도록 "
    "하는 데 그 의미가 있다”고 말했다.",
    "ㅇ (재난안전산업*) 재난안전기업 전용 투자 펀드 조성(’26년 100억원 조성) 및 신기술 "
    "사업화를 지원하는 재난안전산업진흥원 신설 추진(’26.下)",
]


@pytest.fixture(scope="module")
def press(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _indexed(tmp_path_factory, _PRESS, "press.hwp", "보도자료", "본문", prefix="s")


def test_a_count_of_another_thing_does_not_answer_how_many(press) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.asked import counts_asked
    from retrieval.search import Scored

    chunks, bm25 = press
    # "130여개 기관" counts bodies taking part, not the shortlisted names asked.
    question = "한국형발사체 명칭 공모에서 최종 후보작은 몇 개였나요?"
    assert not counts_asked(_PRESS[0], "개", question)
    hits = [Scored(chunks[0], 1.0, 5.0, 0.9), Scored(chunks[1], 0.9, 4.0, 0.9)]
    assert not composer.compose(question, hits, bm25).found
    # A count of what is asked answers, and a bound after the figure (이상) names no thing.
    question = "명칭 공모에 응모작은 몇 건이 들어왔어?"
    assert counts_asked(_PRESS[2], "건", question)
    hits = [Scored(chunks[2], 1.0, 5.0, 0.9), Scored(chunks[1], 0.9, 4.0, 0.9)]
    a = composer.compose(question, hits, bm25)
    assert a.found and "10,000건" in a.citations[0].quote, a.answer
    assert counts_asked("최대 3명 이내로 구성", "명", "위원은 몇 명이에요?")
    assert not counts_asked("전문가 2만 명 양성 및 인재 영입", "명", "인재를 몇 명 영입하나요?")


def test_a_title_asked_with_nuga_is_said_by_the_answer(press) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = press
    assert composer._must_hold("위원회 위원장은 누가 맡나요?", "other") == "person"
    assert composer._must_hold("누가 받을 수 있나요?", "target") == "target"
    assert composer._asked_title("정부혁신전략위원회 위원장은 누가 맡나요?") == "위원장"
    # The committee is named and no chair; the minister named beside it is no chair.
    hits = [Scored(chunks[3], 1.0, 5.0, 0.9), Scored(chunks[4], 0.8, 3.0, 0.9)]
    a = composer.compose("정부혁신전략위원회 위원장은 누가 맡나요?", hits, bm25)
    assert not a.found, a.answer
    a = composer.compose("정부혁신 추진전략 발표에서 장관은 누가 말했나요?", hits[1:], bm25)
    assert a.found and "윤호중" in a.answer, a.answer


def test_a_place_asked_is_answered_only_by_a_sentence_naming_one(press) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = press
    question = "재난안전산업진흥원은 어느 지역에 신설되나요?"
    assert not composer._names_place(_PRESS[5], question)
    assert composer._names_place("재난안전산업진흥원은 세종시에 들어선다.", question)
    hits = [Scored(chunks[5], 1.0, 5.0, 0.9)]
    assert not composer.compose(question, hits, bm25).found
    # Not a place asked: the same sentence still answers what it says.
    a = composer.compose("재난안전산업진흥원은 언제 신설되나요?", hits, bm25)
    assert a.found, a.answer


# Lines of a real call for applications (tests/data/real-docs/kalis-gr-simulator-subsidy-call-2026.pdf).
_CALL = [
    "e나라도움 온라인 신청서 제출은 신청마감일 18:00까지 ‘제출’ 처리된 건에 한하여 인정 및 접수",
    "ㅇ (신청기간) 2026.3.23.(월) ∼ 2026.4.13.(월) 18:00 까지",
    "제출한 사업신청서‧제안서의 미비한 사항, 사실 여부 확인 등 필요시 보완 및 추가 "
    "서류제출 등을 요청할 수 있음",
]


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _indexed(
        tmp_path_factory, _CALL, "call.pdf", "모집 공고", "공모 신청 및 절차", prefix="c"
    )


def test_when_asked_is_not_answered_by_a_sentence_without_a_date(call) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = call
    # "신청마감일 18:00까지" names the deadline and gives no date: no answer to 언제.
    hits = [Scored(chunks[0], 1.0, 5.0, 0.9), Scored(chunks[2], 0.5, 2.0, 0.8)]
    a = composer.compose("온라인 신청서 제출은 언제 마감돼?", hits, bm25)
    assert not a.found, a.answer
    # The period's line gives it.
    hits = [Scored(chunks[1], 1.0, 5.0, 0.9), Scored(chunks[0], 0.9, 4.0, 0.9)]
    a = composer.compose("신청기간은 언제까지예요?", hits, bm25)
    assert a.found and "2026.4.13." in a.citations[0].quote, a.answer


# Lines of a real press release (tests/data/real-docs/msit-nuri-launcher-name-press-2018.hwp).
_NURI = [
    "이러한 절차를 거쳐 한국형발사체의 새로운 명칭은 ‘누리’로 결정되었으며, 동 명칭은 앞으로 "
    "우리나라 독자 발사체인 ‘한국형발사체’의 공식 명칭으로 사용된다.",
    "백승엽 학생에게는 오는 9월 7일(금)에 과기정통부 장관상과 함께 소정의 상금이 수여될 예정이다.",
    "구 분 목 적 · 한국형발사체(누리호) 1.5톤급 실용위성을 지구저궤도(600~800km)에 투입",
]


def test_when_asked_is_not_answered_by_another_things_date(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    from retrieval import answer as composer
    from retrieval.search import Scored

    chunks, bm25 = _indexed(tmp_path_factory, _NURI, "nuri.hwp", "보도자료", "명칭", prefix="n")
    hits = [Scored(c, 1.0 - i / 10, 5.0 - i, 0.9) for i, c in enumerate(chunks)]
    # The award's date says none of the question's words; a range of heights is no period.
    a = composer.compose("누리호 이름은 언제 정했어?", hits, bm25)
    assert not a.found, a.answer


def test_a_yes_no_question_is_not_answered_by_the_background_of_a_service(
    service: RetrievalService,
) -> None:
    """ "…상담받을 수 있나요?": the plan's 추진배경 says why a counselling service exists
    ("인권침해 상담건수가 월등히 높고"), not whether one is offered."""
    a = service.ask("복지시설에서 일하다 인권침해를 당하면 상담받을 수 있나요?", "public")
    assert not any(c.section.endswith("추진배경") for c in a.citations), a.answer
    # What the same project offers answers, though it says fewer of the asker's words than the
    # background does (BACKGROUND_RELIEF): the counselling itself.
    assert a.found and any("상담" in c.quote for c in a.citations), a.answer


def test_the_person_or_place_an_asker_wants_is_not_a_topic(service: RetrievalService) -> None:
    """ "돌봐줄 사람이 없으면 어디에 부탁해요?": the plan names the service (긴급돌봄), never the
    사람 asked for or the 부탁; those words do not make the passages silent."""
    a = service.ask("코로나 걸려서 돌봐줄 사람이 없으면 어디에 부탁해요?", "public")
    assert a.found and "긴급돌봄" in a.answer, a.answer
    # With the service's topic words missing the question is still not answered.
    a = service.ask("이사 갈 때 짐 옮겨 줄 사람이 없으면 어디에 부탁해요?", "public")
    assert not a.found, a.answer


def test_a_neighbour_across_a_passage_cut_is_only_the_sentence_beside_it(
    service: RetrievalService,
) -> None:
    # "B등급 … 기관의 경우 …" says what B-graded bodies get; the passage before ends with
    # another paragraph ("경상남도 사회서비스원은 …"), two sentences back across the cut: not
    # its neighbour.
    answer = service.ask("B등급 받은 기관은 어떻게 되나요?", "staff")
    assert answer.citations and "B등급" in answer.citations[0].quote
    assert not any("경상남도" in c.quote for c in answer.citations)
    # It names no 기관, so it does not answer which ones ("…기관은 어디예요?").
    which = service.ask("B등급 받은 기관은 어디예요?", "staff")
    assert not any("B등급, C등급 기관의 경우" in c.quote for c in which.citations)


def test_where_a_service_is_offered_is_not_its_background(service: RetrievalService) -> None:
    # "어느 지역": the places the project works in (무주, 진안, 장수), not the 추진배경's
    # province-wide figures (전라북도 고령인구 …), which name a place too.
    answer = service.ask("농촌형 돌봄은 어느 지역에서 해요?", "public")
    assert answer.found and "무주, 진안, 장수" in answer.answer
    assert not any(c.section.endswith("추진배경") for c in answer.citations)


def test_when_is_not_answered_by_a_length_of_time() -> None:
    """LH's notice (lh-rental-housing-notice-gyeongju-2026.hwpx): the 감점 rule says "최근 1년
    이내에 계약한" and the words of the question more fully, but dates nothing; the line
    giving the contract period answers "언제"."""
    from retrieval import answer as composer

    passage = (
        "⑩ 공사 국민임대주택에 과거 계약사실이 있는 경우 감점 산정기준 가. 최근 1년 이내에 "
        "계약한 사실이 있는 경우 : -5점 나. 최근 3년 이내에 계약한 사실이 있는 경우 : -3점\n"
        "당첨자는 아래의 서류를 준비하여 지정된 기간 내 〔2026.10.19.(월)~10.21.(수)〕에 "
        "계약을 체결하여야 합니다."
    )
    from retrieval.search import Scored

    section = "국민임대주택 입주자 모집공고 › 당첨자 발표 및 계약안내"
    chunk = Chunk(
        id="lh#0", document="lh.hwpx", title="", section=section, page=None, ordinal=0, text=passage
    )
    a = composer.compose("임대주택 계약은 언제 해요?", [Scored(chunk, 1.0, 1.0, 0.9)])
    assert a.found and "2026.10.19." in a.answer, a.answer
    assert "1년 이내" not in a.answer


def test_a_documents_topic_words_are_said_by_each_of_its_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A contest's release (msit-oss-contest-press-2026.hwpx) names 오픈소스 개발자대회 in most
    of its passages; its sentence on the deadline does not, and answers "출품작은 언제까지 내?"
    all the same. Without it, the headline lines that only name the contest were quoted."""
    from retrieval import answer as composer
    from retrieval.answer_reading import document_topics
    from retrieval.search import Scored

    name = "msit-oss-contest-press-2026.hwpx"
    chunks = real_document_chunks(name)
    assert {"오픈", "소스", "대회"} <= document_topics(chunks, composer.DOC_TOPIC_SHARE)[name]
    # The passages search ranks first for the question, in its order.
    first = [c for c in chunks if "개발자대회" in c.text and "개막" in c.text]
    deadline = [c for c in chunks if "8월 27일까지 출품작" in c.text]
    hits = [Scored(c, 1.0 - 0.1 * k, 1.0, 0.9) for k, c in enumerate(first[:1] + deadline[:1])]
    question = "오픈소스 개발자대회 출품작은 언제까지 내?"
    a = composer.compose(question, hits, chunks=chunks)
    assert a.found and "8월 27일" in a.answer, a.answer
    monkeypatch.setattr(composer, "DOC_TOPIC_SHARE", 0.0)
    assert "8월 27일" not in composer.compose(question, hits, chunks=chunks).answer


def test_two_of_four_passages_do_not_make_a_documents_topic() -> None:
    """A ministry's release of four passages names 긴급돌봄 in two regions' paragraphs: that is
    not what the release is about (its sentence on another region's platform, "위기가구 도움
    요청 …", then answered "긴급돌봄 서비스 어떤 도움을 받을 수 있어요?"). A word said in three
    of them is."""
    from retrieval.answer_reading import document_topics

    texts = [
        "보건복지부는 성과대회를 개최했다. 대전 사회서비스원은 상을 받았다.",
        "광주 사회서비스원은 긴급돌봄을 제공했다. 대전 사회서비스원은 발표했다.",
        "경남 사회서비스원은 긴급돌봄을 지원했다. 전북 사회서비스원은 플랫폼을 구축했다.",
        "경영평가는 대전 사회서비스원을 포함해 실시됐다.",
    ]
    chunks = [
        Chunk(id=f"m#{i}", document="m.txt", title="", section="", page=None, ordinal=i, text=t)
        for i, t in enumerate(texts)
    ]
    topics = document_topics(chunks, 0.5)["m.txt"]
    assert "대전" in topics and "사회" in topics
    assert "긴급" not in topics and "돌봄" not in topics


def test_a_documents_own_date_is_read_on_its_cover(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every passage of moel-work-report-2025-12.hwpx has its title in its breadcrumb, so search
    never ranks the short cover ("고용노동부 업무보고 / 2025. 12. 11.") first. A date question
    naming only the title asks the document's own date: the cover answers it. Before, a
    schedule row of the plan was quoted for it."""
    from retrieval.answer_names import _with_cover

    chunks = real_document_chunks("moel-work-report-2025-12.hwpx")
    assert "2025. 12. 11." in chunks[0].text
    # What search ranks first for the question: the plan's quarterly schedule.
    plan = [c for c in chunks if "외국인고용법" in c.text and "1분기" in c.text]
    hits = [Scored(c, 1.0 - 0.1 * k, 1.0, 0.9) for k, c in enumerate(plan[:2])]
    question = "고용노동부 업무보고는 언제 했어?"
    a = composer.compose(question, hits, chunks=chunks)
    assert a.found and "2025. 12. 11." in a.answer, a.answer
    # An event inside the document is asked with words beyond its title: no cover.
    asked = "고용노동부 업무보고에서 외국인고용법은 언제 국회를 통과해?"
    assert _with_cover(asked, hits, chunks) == hits
    monkeypatch.setattr(composer, "COVER_DATE", False)
    assert "2025. 12. 11." not in composer.compose(question, hits, chunks=chunks).answer


def test_an_adjective_asked_meets_the_tables_root_word(tmp_path: Path) -> None:
    """klid-onnara-web-editor-rfp-2023.pdf's 보안위규 처리기준 tables have a row per grade (구분
    심각, 중대, 경미). "경미하면" reads as 경미 too, so the 경미 row and its 처리기준 answer;
    before, the appendix heading "[별첨1] 사업자 보안위규 처리기준" was quoted."""
    from ingest.indexes import build_bm25, index_text, load_bm25

    chunks = real_document_chunks("klid-onnara-web-editor-rfp-2023.pdf")
    build_bm25([index_text(c.title, c.section, c.text) for c in chunks], tmp_path)
    first = [
        next(c for c in chunks if c.kind == "table" and needle in c.text)
        for needle in ("구분 심 각 · 위규사항", "구분 경미 · 위규사항")
    ]
    heading = next(c for c in chunks if c.kind == "text" and "[별첨1] 사업자 보안위규" in c.text)
    # In the order search ranks them for the question.
    hits = [Scored(c, 1.0 - 0.02 * k, 1.0, 0.9) for k, c in enumerate([*first, heading])]
    a = composer.compose(
        "보안 위규가 경미하면 어떻게 처리해?", hits, bm25=load_bm25(tmp_path), chunks=chunks
    )
    assert a.found and "구분 경미" in a.answer and "경고" in a.answer, a.answer


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("1950년 6월 25일에 시작되었다", True),
        ("1950-1953 한국전쟁", True),
        ("세부추진사항 · 2022", True),
        ("조선 초기의 제도", True),
        # a phone number's parts and an extension date nothing
        ("돌봄종합정보상담 콜센터 운영 : 1522-0365", False),
        ("담당자 [비공개] 4055 · 팀장 [비공개] 4040", False),
        ("문의 063-1234-5678", False),
        ("최근 1년 이내에 계약한 경우", False),
        # the occasions a plan does a thing at (OCCASIONS_WHEN), not a word holding one
        ("특별감사 : 명절, 연휴, 휴가기간 예방감사", True),
        ("가족돌봄휴가 운영", False),
    ],
)
def test_what_may_answer_when(text: str, dates: bool) -> None:
    assert composer._says_when(text) is dates


def test_a_when_question_is_not_answered_by_a_phone_line(service: RetrievalService) -> None:
    """ "돌봄 종사자 교육은 언제 해요?": the plan gives no date for it; a call-centre number
    (1522-0365) and another project's yearly counts are no answer."""
    answer = service.ask("돌봄 종사자 교육은 언제 해요?", "public")
    assert "1522-0365" not in answer.answer


def test_quotes_from_two_sources_are_not_put_under_one_project(
    service: RetrievalService,
) -> None:
    # One quote from the plan's 긴급돌봄 project, one from a press release about another
    # agency: the press release's sentence is about no project of the plan.
    answer = service.ask("집에 와서 청소도 해 주나요?", "public")
    documents = {c.document for c in answer.citations}
    if len(documents) > 1:
        assert not answer.answer.startswith("‘"), answer.answer
    for c in answer.citations:
        assert c.quote in answer.answer


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("대체인력 파견이 뭐예요?", "(사업내용) 사회복지시설의 돌봄 및 조리인력의 업무 공백 시"),
        ("품질관리 컨설팅은 뭐예요?", "(목적) 지역사회 내 사회서비스 품질 제고"),
        # whom a service goes to: its target or content line, not a person's name
        ("대체인력 파견은 누구한테 보내주나요?", "(사업내용) 사회복지시설의"),
        ("긴급돌봄은 누구한테 해줘요?", "대상자 기준 :"),
        # who may use it: a plan with no target line says so in its content line
        ("대체인력 지원은 누가 받을 수 있어요?", "(사업내용) 사회복지시설의"),
        ("긴급돌봄은 누가 받을 수 있어요?", "대상자 기준 :"),
        # what it does, asked in everyday words (no particle, 무슨 일)
        ("긴급돌봄 사업 뭐 하는 거야?", "(목적) 코로나 19 및 위기상황으로"),
        ("농촌형 돌봄은 무슨 일 해요?", "(목적) 가정내 돌봄서비스"),
    ],
)
def test_what_a_thing_is_and_whom_it_serves_are_its_purpose_content_or_target(
    service: RetrievalService, question: str, line: str
) -> None:
    # Not a figure or a target that names it ("대체인력 파견실적 총 1,500건"): the plan's own
    # lines saying what the project is for, does and whom, though retrieval ranks them lower.
    answer = service.ask(question, "public")
    assert answer.found and answer.citations[0].quote.startswith(line), answer.answer


def test_whether_a_service_is_offered_is_not_answered_by_its_problems(
    service: RetrievalService,
) -> None:
    # A plan's 쟁점 및 대책 states the problem ("… 목욕서비스가 더욱 필요하나 …"), as its
    # 추진배경 does: neither says the service is offered.
    answer = service.ask("노인 돌봄 서비스 있어요?", "public")
    assert answer.found and answer.citations
    first = answer.citations[0].section.rpartition(" › ")[2]
    assert "쟁점" not in first and "배경" not in first, answer.citations[0]


def test_a_group_the_documents_never_name_is_answered_with_the_target_lines(
    service: RetrievalService,
) -> None:
    # 외국인 is in no passage: whether the group may use the service is for the asker to
    # judge from the target line, which the note says is quoted in the documents' words.
    answer = service.ask("외국인도 긴급돌봄 받을 수 있어요?", "public")
    assert answer.found and "(문서에 ‘외국인’이라는 말은" in answer.answer, answer.answer
    # (the note comes last: the answer's first ‘…’ is the project a follow-up is about)
    assert answer.answer.startswith("‘위기상황 등 돌봄 대응을 위한 긴급·틈새")
    assert any(c.quote.startswith("대상자 기준") for c in answer.citations)
    # A group the documents do name is asked as it is, with no note.
    named = service.ask("장애인도 긴급돌봄 받을 수 있어요?", "public")
    assert "이라는 말은 따로 나오지 않아" not in named.answer


def test_where_a_project_is_done_is_not_its_staff_row_nor_its_background(
    service: RetrievalService,
) -> None:
    # Every passage of the project says its name; its staff row ("담당자 양은영 2911 · …")
    # and its background's province figures ("전라북도 고령인구 …") name no place it is done.
    answer = service.ask("지역간 격차 해소를 위한 농촌형 돌봄 강화 어느 지역이에요", "staff")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "담당자 양은영" not in quotes and "고령인구" not in quotes, answer.answer


@pytest.mark.parametrize(
    ("text", "spelled", "not_spelled"),
    [
        ("긴급·틈새 돌봄서비스 확대", ["긴급돌봄서비스", "틈새돌봄서비스"], []),
        ("② 긴급·틈새돌봄서비스 운영", ["긴급돌봄", "틈새돌봄"], ["긴급운영"]),
        ("국·공립 어린이집", ["국립", "공립어린이집"], ["국어린이집"]),
        ("경영관리·경영성과", ["경영관리", "경영성과"], []),
    ],
)
def test_a_middle_dot_coordination_is_spelled_per_part(
    text: str, spelled: list[str], not_spelled: list[str]
) -> None:
    squashed = composer.squash(text)
    for word in spelled:
        assert word in squashed, (word, squashed)
    for word in not_spelled:
        assert word not in squashed, (word, squashed)


@given(st.text(alphabet="가나다라마바·  A1", max_size=40))
def test_squash_keeps_the_text_and_adds_only_parts(text: str) -> None:
    squashed = composer.squash(text)
    # The text itself (spaces aside) comes first; what follows are spelled-out parts.
    assert squashed.startswith(text.replace(" ", ""))
    assert " " not in squashed


def test_what_a_service_is_is_said_by_its_purpose_though_its_heading_writes_it_apart(
    service: RetrievalService,
) -> None:
    # 긴급돌봄 is written 긴급·틈새 돌봄서비스 in its project's heading: its 목적 line still
    # says what it is, before the lines that repeat the word (대표번호, 선정절차).
    answer = service.ask("긴급돌봄이 뭐예요?", "public")
    # (the first quote, whether or not the quotes name their parts)
    assert answer.found and re.match(r"문서(?:에는|의 ‘[^’]+’에는) “\(목적\)", answer.answer), (
        answer.answer
    )


def test_a_not_found_offers_projects_not_the_part_every_project_has(
    service: RetrievalService,
) -> None:
    from retrieval.answer_reading import generic_headings

    chunks = service.state.chunks
    generic = generic_headings(chunks)
    assert "쟁점 및 대책" in generic and "사업목표" in generic
    assert not any("대체인력" in h for h in generic)
    # (a project's issues right under the plan's title, not under a team's part)
    issues = next(
        c for c in chunks if c.section.endswith("› 쟁점 및 대책") and c.section.count("›") == 2
    )
    hit = Scored(issues, 1.0, 0.0, 0.0)
    assert composer.nearest_topics([hit], 1) == ["쟁점 및 대책"]  # without the index's view
    (topic,) = composer.nearest_topics([hit], 1, generic)
    assert topic != "쟁점 및 대책" and topic in issues.section


def test_a_long_heading_with_parts_under_it_is_a_topic() -> None:
    """A plan naming a project by its purpose (96 characters) names a topic all the same when
    the heading has parts under it (사업개요); a heading that long with none is a sentence."""

    def hit(section: str) -> Scored:
        chunk = Chunk(
            id="p#1", document="p.pdf", title="", section=section, page=1, ordinal=0, text="가"
        )
        return Scored(chunk, 1.0, 0.0, 0.0)

    project = "소규모 장애인시설을 대상으로 " + "사회복지전문가를 통한 시설 운영 컨설팅 제공 " * 3
    assert len(project) > answer_replies.TOPIC_MAX_CHARS
    assert composer.nearest_topics([hit(f"계획서 › {project} › 사업개요")], 1) == [project]
    assert composer.nearest_topics([hit(f"계획서 › {project}")], 1) == []


def test_a_service_asked_by_what_it_does_is_answered_by_a_line_saying_it(
    service: RetrievalService,
) -> None:
    # "처우 개선하는 사업": the plan's line naming 요양보호사 4명 of a care service says nothing
    # of 처우 개선; the project that improves 종사자's 처우 does.
    none = service.ask("요양보호사 처우 개선하는 사업 있어요?", "public")
    assert "요양보호사 4명" not in none.answer, none.answer
    some = service.ask("종사자 처우 개선하는 사업 있어요?", "public")
    assert some.found and "처우개선" in some.citations[0].quote, some.answer


@pytest.mark.parametrize(
    "question",
    [
        "시골에 혼자 사시는 할머니를 도와주는 서비스가 있나요?",
        "장애인 가족 쉬게 해주는 서비스 있어요?",
    ],
)
def test_whether_a_service_exists_is_asked_of_this_agency(
    service: RetrievalService, question: str
) -> None:
    # The ministry's release tells of 충남's AI 안부살핌: no service a 전북 citizen can use.
    answer = service.ask(question, "public")
    assert "충청남도" not in answer.answer, answer.answer
    # named, another region's is still told
    other = service.ask("충남 사회서비스원에 노인 1인 가구 안부살핌 서비스 있나요?", "public")
    assert other.found and "충청남도" in other.answer, other.answer


def test_a_sentence_going_on_about_another_regions_agency_is_that_agencys(
    service: RetrievalService,
) -> None:
    # "또한 사회복지종사자 처우개선 연구를 통해 …" names no region, but goes on with the
    # paragraph "대전광역시 사회서비스원은 …" began: no service a 전북 worker can ask for.
    answer = service.ask("사회복지 종사자 심리상담 지원해 주나요?", "public")
    assert "처우개선 연구" not in answer.answer, answer.answer
    assert "강원특별자치도" not in answer.answer and "대전광역시" not in answer.answer


def test_a_service_asked_by_what_it_does_to_a_thing_named_otherwise(
    service: RetrievalService,
) -> None:
    # "복지시설 안전점검 해주는 사업": 안전점검 is what is done; the plan names 복지시설 its own
    # way (사회서비스 기관), which coverage weighs.
    answer = service.ask("복지시설 안전점검 해주는 사업 있어요?", "public")
    assert answer.found and "안전점검 56곳 지원" in answer.answer, answer.answer


def test_the_agency_named_without_its_region_is_this_one(service: RetrievalService) -> None:
    # On 전북's site "사회서비스원" is 전북's: 대전's 원장 (a news story's quote) is not its head.
    answer = service.ask("사회서비스원 이사장 누구예요?", "public")
    assert "대전" not in answer.answer and "김인식" not in answer.answer, answer.answer
    # named, 대전's is still told
    named = service.ask("대전 사회서비스원 원장 누구예요?", "public")
    assert named.found and "김인식" in named.answer, named.answer


def test_points_lost_with_no_comment_saying_why(service: RetrievalService) -> None:
    # 서비스 품질의 우수성 got 4.70 of 5 and its one comment praises: the reason is not in the
    # report, which the answer says, with the score and the comment (not a press release's
    # sentence on 품질).
    for question in ("서비스 품질의 우수성 왜 깎였어?", "서비스 품질의 우수성 점수가 왜 낮아?"):
        answer = service.ask(question, viewer="evaluator")
        assert "4.70점(배점 5점)" in answer.answer, answer.answer
        assert "깎인 이유가 따로 나와 있지 않습니다" in answer.answer
        assert "이용자 만족도 결과가 매우 우수함" in answer.answer
    # a line with comments saying what was lacking is answered with those
    lacking = service.ask("리더십 점수가 왜 낮아?", viewer="evaluator")
    assert "따로 나와 있지 않습니다" not in lacking.answer
    assert "기관장 한 명의 리더십" in lacking.answer, lacking.answer


def test_two_parts_of_the_evaluation_told_side_by_side(service: RetrievalService) -> None:
    answer = service.ask("경영관리 분야랑 경영성과 분야 점수 비교해줘", viewer="evaluator")
    assert answer.found and check_numbers(answer), answer.answer
    assert "경영관리 분야 득점은 41.95점(배점 45점)" in answer.answer
    assert "경영성과 분야 득점은 50.20점(배점 55점, 가점 1점)" in answer.answer


def test_a_head_asked_by_title_and_name_is_that_office_of_this_agency(
    service: RetrievalService,
) -> None:
    # "원장님 이름이 뭐예요?" asks the 원장 (of 전북's agency, after any turn): not 대전's 원장
    # in a news story, nor a committee's 위원장 in a table of another document.
    for answer in (
        service.ask("원장님 이름이 뭐예요?", "public"),
        service.ask(
            "원장님 이름이 뭐예요?",
            "public",
            history=[{"question": "사회서비스원은 누가 운영해요?", "answer": "문서에는 …"}],
        ),
    ):
        assert "김인식" not in answer.answer and "류승일" not in answer.answer, answer.answer
    # the committee's chair asked is still named
    chair = service.ask("위원장은 누가 맡나요?", "staff")
    assert chair.found and "위원장" in chair.answer, chair.answer
    # 대전's, named, is still told
    named = service.ask("대전 사회서비스원 원장 이름이 뭐예요?", "public")
    assert named.found and "김인식" in named.answer, named.answer


def test_a_need_before_a_noun_is_no_shortcoming(service: RetrievalService) -> None:
    # "…필요한 정보와 지식을 … 원활히 반영하고 있음" praises; it is not quoted as wanting.
    wanting = service.ask("사회적책임 영역에서 지적된 거 있어?", viewer="evaluator")
    assert wanting.found and "네트워크의 확대가 필요함" in wanting.answer, wanting.answer
    assert "필요한 정보와 지식" not in wanting.answer
    praised = service.ask("사회적책임 영역에서 잘한 점은?", viewer="evaluator")
    assert "필요한 정보와 지식" in praised.answer, praised.answer


def test_relating_words_name_no_subject(service: RetrievalService) -> None:
    # 관련 would match "사업 관련 의견수렴" of another project's target.
    answer = service.ask("청렴 관련 사업 목표는?", viewer="staff")
    assert answer.found and "반부패 청렴문화" in answer.answer, answer.answer


def test_where_a_thing_is_is_answered_only_by_a_line_locating_it(service) -> None:  # type: ignore[no-untyped-def]
    from retrieval.answer_asks import LOCATED_ASKED, LOCATING, locates

    assert LOCATED_ASKED.search("종합재가센터는 어디에 있어요?")
    assert LOCATED_ASKED.search("사회서비스원 위치가 어디예요?")
    assert LOCATING.search(
        "종합재가센터가 위치한 전주, 장수지역을 거점으로 주변 농촌지역 서비스 제공"
    )
    assert LOCATING.search("본원은 전주시 완산구 효자로 225에 있다.")
    assert locates("덕수궁에 마련해놓은 분향소를 보수단체가 기습하여 훼손했다.")
    # a word that only begins with 위치, or a region in a name, locates nothing
    assert not LOCATING.search("‘전북 복지자원 플랫폼’을 통해 위치기반 복지시설 찾기")
    assert not LOCATING.search("전북종합재가센터 온라인장비 무료임대")
    # a place's proper name in the locative locates too; a common noun's does not
    assert locates("행사는 전주에서 열렸다.") and not locates("법률에 따른 우선위탁")
    assert not locates("") and not locates("전주")
    # No line of the agency's documents says where it is: its 목적 lines do not answer.
    where = service.ask("전북사회서비스원 어디 있어요?", viewer="public")
    assert not where.found, where.answer


def test_a_services_hours_asked_by_name_need_an_hour(service: RetrievalService) -> None:
    # "상담 시간이 어떻게 돼요?" asks the hours: an evaluator's comment on "시간대" is none,
    # and the documents give no hours of counselling.
    answer = service.ask("상담 시간이 어떻게 돼요?", "public")
    assert not answer.found, answer.answer
    assert "시간대" not in answer.answer


def test_how_long_a_span_named_lasts_is_no_amount_of_money(service: RetrievalService) -> None:
    # "이용 시간은 얼마나 돼요?" asks how long (72시간), not the project's budget in 천원.
    answer = service.ask("긴급돌봄 이용 시간은 얼마나 돼요?", "public")
    assert "천원" not in answer.answer, answer.answer
    assert answer.found and "72시간" in answer.answer, answer.answer


def test_quotes_from_several_projects_say_whose_each_is(service: RetrievalService) -> None:
    # Two projects' "(소요예산) …" lines, unnamed, would not tell which budget is which.
    answer = service.ask("인권보호 사업 예산은", "staff")
    assert answer.found and answer.answer.startswith("문서의 ‘"), answer.answer
    budgets = re.findall(r"‘([^’]+)’에는 “\(소요예산\) ([\d,]+천원)”", answer.answer)
    assert len(budgets) == 2 and budgets[0][0] != budgets[1][0], answer.answer
    assert check_numbers(answer)


@pytest.mark.parametrize(
    ("question", "label"),
    [("대체인력 파견 사업 목적이 뭐야?", "(목적)"), ("긴급돌봄 사업내용은?", "(사업내용)")],
)
def test_the_line_labelled_with_the_noun_asked_is_quoted_alone(
    service: RetrievalService, question: str, label: str
) -> None:
    """ "목적이 뭐야?" is answered by the "(목적) …" line, with no runner-up beside it (the
    project's 실적 or content line would be noise); two projects' lines so labelled are both
    quoted (test_quotes_from_several_projects_say_whose_each_is)."""
    answer = service.ask(question, "public")
    assert answer.found and len(answer.citations) == 1, answer.answer
    assert answer.citations[0].quote.startswith(label), answer.answer


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("긴급돌봄 대상은 누구예요?", "대상자 기준 :"),
        ("대체인력 파견 대상은 누구야?", "(사업내용) 사회복지시설의"),
        ("직능단체 교육 대상은 누구야?", "(사업내용) 의무교육 및 공통교육"),
    ],
)
def test_a_target_asked_by_its_own_noun_is_the_target_line(
    service: RetrievalService, question: str, line: str
) -> None:
    """ "…대상은 누구야?" asks the target group, as "누가 받을 수 있어요?" does: the target or
    content line answers, not a person's name (abstained) nor a project's 쟁점 line."""
    answer = service.ask(question, "public")
    assert answer.found and answer.citations[0].quote.startswith(line), answer.answer


def test_a_passage_heading_is_no_quote_of_its_own(service: RetrievalService) -> None:
    """The line "4. 시행결과 모니터링 요청사항" heads the passage cited as that section: quoted,
    it would say the section's name twice and nothing of what was asked."""
    answer = service.ask("사상구 모니터링에서 뭐가 문제였어?", "public")
    assert answer.found, answer.answer
    for c in answer.citations:
        last = c.section.rsplit(" › ", 1)[-1]
        assert c.quote.replace(" ", "") != last.replace(" ", ""), answer.answer


@pytest.mark.parametrize(
    "question", ["대체인력 파견 사업 일정 알려줘", "대체인력 파견 일정을 알려 주세요"]
)
def test_a_noun_asked_to_be_told_is_the_noun_asked(
    service: RetrievalService, question: str
) -> None:
    """ "일정 알려줘" asks the 일정 as "일정은?" does: the period line answers without saying
    일정 (it had quoted the project's content line, or nothing)."""
    answer = service.ask(question, "staff")
    assert answer.found and answer.citations[0].quote.startswith("(사업기간)"), answer.answer


def test_how_many_times_is_answered_by_a_count_of_cases(service: RetrievalService) -> None:
    """ "몇 번" counts what is done, which a plan writes in 건 as often as in 회: "컨설팅 몇 번
    해줘?" is the 40건 of consultations (it had quoted a meeting's "총 3회")."""
    answer = service.ask("컨설팅 몇 번 해줘?", "staff")
    assert answer.found and "40건" in answer.citations[0].quote, answer.answer


@pytest.mark.parametrize("question", ["인권침해를 당하면 어떻게 해요?", "인권침해 당했어요"])
def test_what_to_do_about_a_problem_is_what_is_offered(
    service: RetrievalService, question: str
) -> None:
    """What to do about a problem ("…당하면 어떻게 해요?", "…당했어요") is what a plan offers
    for it, not its 추진배경, which describes the problem in the asker's words (it quoted
    "(사회복지시설 인권침해 및 갑질 문제제기) …" and "(높은 인권취약계층 비율) …")."""
    answer = service.ask(question, "public")
    assert answer.found and answer.citations, answer.answer
    assert "추진배경" not in answer.citations[0].section, answer.citations[0]


@pytest.mark.parametrize(
    "statement", ["요양보호사인데 일하다가 다쳤어요", "장수에 있는 작은 복지기관이에요"]
)
def test_a_statement_of_the_askers_situation_is_no_question(
    service: RetrievalService, statement: str
) -> None:
    """Who the asker is, or what happened that no line speaks of, asks nothing a passage
    sharing one of its words answers (it quoted "서비스 제공인력 : … 요양보호사 4명"): the
    asker is asked what they want to know, with the nearest topics."""
    answer = service.ask(statement, "public")
    assert not answer.found and not answer.citations, answer.answer
    assert answer.answer.startswith("말씀하신 상황에서 궁금한 점을") and "‘" in answer.answer


@pytest.mark.parametrize("question", ["대체인력 파견은 왜 해요?", "시설 정보공시는 왜 해요?"])
def test_why_a_project_is_done_is_its_purpose(service: RetrievalService, question: str) -> None:
    # (its 쟁점 on hiring cooks and an ESG project's 정보공시 lines had been quoted)
    answer = service.ask(question, "public")
    assert answer.found and answer.citations[0].quote.startswith("(목적)"), answer.answer


def test_what_the_documents_offer_for_a_statement_is_asked_next(
    service: RetrievalService,
) -> None:
    # The topics offered for the statement are the next turn's: asked with its words.
    story = "엄마가 갑자기 입원하셨어요"
    first = service.ask(story, "public")
    assert not first.found and "긴급" in first.answer, first.answer
    history = [{"question": story, "answer": first.answer}]
    second = service.ask("돌봐주는 서비스 있어요?", "public", history=history)
    assert second.found and "대상자 기준" in second.answer, second.answer


@pytest.mark.parametrize("counter", ["곳", "군데"])
def test_how_many_places_is_asked_in_either_counter(
    service: RetrievalService, counter: str
) -> None:
    """ "몇 군데" is the everyday "몇 곳": a target in 건 answers both, saying it is in 건 (it
    had answered 곳 and abstained on 군데)."""
    answer = service.ask(f"소규모 장애인시설 컨설팅 몇 {counter} 해요?", "staff")
    assert answer.found and "30건" in answer.answer, answer.answer


def test_a_not_found_with_no_topic_names_no_documents_project() -> None:
    """The reply when no passage is near enough to name is the generic path's: it gives no
    example from one document (an agency project, to a user of an LH notice's index)."""
    from retrieval.answer import not_found

    text = not_found("지역아동센터 후원금은 얼마야?").answer
    assert text.startswith("죄송합니다. 문서에서 찾지 못했습니다.")
    assert "대체인력" not in text and "다시 물어봐 주세요" in text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("대체인력 파견 받으면 식비도 지원해 주나요?", None),
        ("소속시설 종사자들한테 심리상담도 해 주나요?", None),
        ("긴급돌봄 서비스 받을 때 병원 동행도 해 주나요?", "병원동행"),
        ("종합재가센터에서 어르신 목욕도 시켜 주나요?", "목욕"),
        # a time marked too, before a service received: no line says 주말 (one was quoted as a
        # target group's, "문서에 ‘주말에’이라는 말은 따로 나오지 않아 …")
        ("주말에도 상담 받을 수 있어?", None),
        ("긴급돌봄 주말에도 받을 수 있어요?", None),
    ],
)
def test_what_a_yes_no_question_asks_too_is_said_by_its_answer(
    service: RetrievalService, question: str, said: str | None
) -> None:
    """ "…식비도 지원해 주나요?" asks whether the service covers that too: a line about the
    service that does not say 식비 (its 사업내용) is no answer (it was quoted), and a line
    saying it (일상 생활지원(병원동행 …)) is."""
    answer = service.ask(question, "public")
    if said is None:
        assert not answer.found, answer.answer
    else:
        assert answer.found and said in answer.citations[0].quote, answer.answer


def test_the_nouns_marked_too() -> None:
    from retrieval.answer import _also_asked

    assert _also_asked("대체인력 파견 받으면 식비도 지원해 주나요?") == ["식비"]
    assert _also_asked("종사자들한테 심리상담도 해 주나요?") == ["심리상담"]
    # (the subject "too", with more asked after it, is not what is asked)
    assert _also_asked("김영하 본인도 자기 작품에 대해 어떤 색채가 강하다 표현하고 있나?") == []
    assert _also_asked("사회서비스원에서 주말에도 상담해요?") == ["주말"]
    assert _also_asked("긴급돌봄 받을 수 있어요?") == []
    # (a service received, "상담 받을 수 있어?", is the closing predicate too)
    assert _also_asked("주말에도 상담 받을 수 있어?") == ["주말"]
    # (a service marked "too" is every service: which one is the noun before it)
    assert _also_asked("장애인 활동지원 서비스도 해요?") == ["활동지원"]


def test_a_service_a_background_names_is_no_offer_of_it(service: RetrievalService) -> None:
    """ "장애인 활동지원 서비스도 해요?": the plan names 장애인활동지원 only in a background,
    among what other providers do; nothing says the agency offers it (the background line, then
    a partnership line, had been quoted as found). What it does offer is still found."""
    answer = service.ask("장애인 활동지원 서비스도 해요?", "public")
    assert not answer.found and not answer.citations, answer.answer
    offered = service.ask("돌봄 서비스도 있어요?", "public")
    assert offered.found and "긴급" in offered.answer, offered.answer


def test_a_compound_asked_whether_offered_is_said_for_the_most_part(
    service: RetrievalService,
) -> None:
    """ "장애인 활동지원 받을 수 있나요?": a line saying only 지원, the generic head of
    활동지원 (a 장애인복지시설's 컨설팅 지원), is about something else (it had been quoted as
    found); a line saying 목욕, most of 방문목욕 ("이동목욕 지원"), still answers."""
    from retrieval.answer import _noun_runs
    from retrieval.answer_terms import TermWeights

    answer = service.ask("장애인 활동지원 받을 수 있나요?", "public")
    assert not answer.found and not answer.citations, answer.answer
    bath = service.ask("방문목욕 서비스 있어요?", "public")
    assert bath.found and "이동목욕" in bath.answer, bath.answer
    weights = TermWeights(service.state.searcher.bm25)
    assert _noun_runs("장애인 활동지원 받을 수 있나요?", weights) == [("활동", "지원")]
    assert _noun_runs("방문목욕 서비스 있어요?", weights) == [("방문", "목욕")]
    # (only the word asked of is: not where the asker is, nor what happened; nor the word of
    # a question asking which ones)
    assert _noun_runs("복지시설에서 일하다 인권침해를 당하면 상담받을 수 있나요?", weights) == []
    assert _noun_runs("국가재난관리 물류기업으로는 어떤 회사들이 있나요?", weights) == []


def test_a_misspelled_noun_is_read_as_the_documents_spelling(service: RetrievalService) -> None:
    """ "리더쉽", "메뉴얼": one letter off the documents' 리더십, 매뉴얼 (no other noun of
    theirs is); the question is answered as spelled right."""
    score = service.ask("리더쉽 점수는?", "evaluator")
    assert score.found and "12.75점" in score.answer, score.answer
    budget = service.ask("메뉴얼 제작 예산은?", "staff")
    assert budget.found and "12,940천원" in budget.answer, budget.answer


def test_a_worry_stated_is_answered_by_what_it_is_about(service: RetrievalService) -> None:
    """ "시골에 혼자 사시는 할머니가 걱정돼요": the worry is the asker's; the documents' 농촌
    and 노인 lines answer the rest (it was not found: no passage says 걱정)."""
    answer = service.ask("시골에 혼자 사시는 할머니가 걱정돼요", "public")
    assert answer.found and "농촌" in answer.answer, answer.answer


def test_a_yes_no_question_after_its_circumstances_is_answered_by_its_last_clause(
    service: RetrievalService,
) -> None:
    """ "요양보호사로 일하고 싶은데 채용하나요?" quoted 농촌형 돌봄's "요양보호사 4명" as found:
    the circumstances come first, the question last (채용). A last clause of no word the
    documents use ("물어볼 데가 있을까요?") still asks of the circumstances' topic."""
    hired = service.ask("요양보호사로 일하고 싶은데 채용하나요?", "public")
    assert not hired.found, hired.answer
    assert "농촌형 돌봄" in hired.answer, hired.answer  # (the nearest topics offered)
    asked = service.ask("장애인 시설 운영하는데 노무 관련해서 물어볼 데가 있을까요?", "public")
    assert asked.found and "컨설팅" in asked.answer, asked.answer


def test_a_generic_act_marked_too_is_asked_of_what_it_is_done_to(
    service: RetrievalService,
) -> None:
    """ "어린이 급식 관리도 해요?" quoted "중대 산업재해 예방으로 소속시설 안전관리" as found:
    it says 관리, the word 도 marks, but the act is asked of 급식 (as 서비스 is passed over for
    활동지원). No line says 급식 (the plan writes 급간식): honestly not found."""
    from retrieval.answer import _also_asked

    assert _also_asked("어린이 급식 관리도 해요?") == ["급식"]
    answer = service.ask("어린이 급식 관리도 해요?", "public")
    assert "산업재해" not in answer.answer, answer.answer


def test_a_count_of_places_served_and_a_county_asked_by_its_full_name(
    service: RetrievalService,
) -> None:
    """ "복지시설 안전점검 몇 곳 해요?": the line's "안전점검 56곳 지원" counts the places
    the check is done for (지원 ends the line; it had been read as what 56곳 counts, and
    nothing was found). "장수군에 사는데 …": the plan writes 장수, and its rural care is
    offered there (not found before)."""
    places = service.ask("복지시설 안전점검 몇 곳 해요?", "public")
    assert places.found and "56곳" in places.answer, places.answer
    county = service.ask("장수군에 사는데 돌봄 서비스 받을 수 있어요?", "public")
    assert county.found and "장수" in county.citations[0].quote, county.answer
    assert "농촌형 돌봄" in county.answer, county.answer


def test_the_sentence_beside_a_quote_is_of_the_region_asked(service: RetrievalService) -> None:
    """ "사회서비스원에서 하는 복지 사업 알려주세요" on this agency's site asks of it: the sentence
    quoted beside a release's frame is not another region's agency's ("경상남도 사회서비스원은
    …" had been quoted first)."""
    answer = service.ask("사회서비스원에서 하는 복지 사업 알려주세요", "public")
    assert not any(c.quote.startswith("경상남도") for c in answer.citations), answer.answer


def test_a_figures_line_is_quoted_with_the_item_line_before_it(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan writes an item and its detail as two bullets ("- 우선구매 참여 독려 공문발송",
    "- 본부 및 산하시설 대상 연 6회 발송"): the figure's line is quoted with the line naming
    what it counts, which says what was asked (독려 공문) where the figure's line does not."""
    question = "우선구매 참여 독려 공문은 몇 번 보내요?"
    answer = service.ask(question, viewer="staff")
    quotes = [c.quote for c in answer.citations]
    assert answer.found and "우선구매 참여 독려 공문발송" in quotes, quotes
    assert "본부 및 산하시설 대상 연 6회 발송" in quotes, quotes
    assert answer.answer.index("독려 공문발송") < answer.answer.index("연 6회"), answer.answer
    assert check_numbers(answer)
    monkeypatch.setattr(composer, "ITEM_BEFORE", False)
    alone = service.ask(question, viewer="staff")
    assert "우선구매 참여 독려 공문발송" not in [c.quote for c in alone.citations], alone.answer


@pytest.mark.parametrize(
    "question",
    [
        "단계별 컨설팅 운영 실적은 몇 건이에요?",
        "소속시설 이용 만족도 점수는 실제로 몇 점 나왔어요?",
    ],
)
def test_an_outcome_asked_is_not_answered_by_a_target(
    service: RetrievalService, question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan gives targets (성과목표치 70건, 만족도 80점 이상), not what came out: the answer
    # says so, quoting the targets, rather than passing a target off as the outcome.
    answer = service.ask(question, viewer="staff")
    assert not answer.found, answer.answer
    assert "목표만 나와 있습니다" in answer.answer
    assert answer.citations and all(
        "목표" in c.quote or "이상" in c.quote for c in answer.citations
    )
    assert check_numbers(answer)
    monkeypatch.setattr(service_mod, "TARGET_NOT_OUTCOME", False)
    assert service.ask(question, viewer="staff").found


def test_a_target_asked_is_still_answered_by_it(service: RetrievalService) -> None:
    for question in ("단계별 컨설팅 운영 목표 몇 건이야?", "소속시설 이용 만족도 목표 점수는요?"):
        answer = service.ask(question, viewer="staff")
        assert answer.found and re.search(r"70건|80점", answer.answer), answer.answer


def test_a_figure_asked_of_a_year_the_documents_do_not_date_is_not_found(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan dates 고령인구 by '17년 and '21년 only: 2023's figure is not there, and the
    # answer says so with what there is; 2021's is answered.
    question = "2023년 전북 고령인구 비율은 몇 %예요?"
    answer = service.ask(question, viewer="public")
    assert not answer.found and "다른 해의 수치만" in answer.answer, answer.answer
    assert "'21년 397천명(22.3%)" in answer.answer and check_numbers(answer)
    assert service.ask("2021년 전북 고령인구 비율은 몇 %예요?", viewer="public").found
    monkeypatch.setattr(service_mod, "OTHER_YEARS_TOLD", False)
    assert service.ask(question, viewer="public").found


def test_a_which_question_is_not_answered_by_a_figure_fact(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "어디 업체" asks which one: the survey's result (만족도 결과 94.0) names none. The same
    # fact still answers the score asked.
    question = "이용자 만족도 조사 업체는 어디예요?"
    assert "94.0" not in service.ask(question, viewer="staff").answer
    assert "94.0" in service.ask("이용자 만족도 점수는?", viewer="staff").answer
    monkeypatch.setattr(answer_asks, "WHICH_NO_FIGURE", False)
    assert "94.0" in service.ask(question, viewer="staff").answer


def test_an_overview_printed_over_two_passages_is_read_whole(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """직능단체 교육's 사업개요 is two passages: "(목 적) …" in one, "(사업내용) …" in the next.
    Both are read with a top passage of the project, so a target question ("직능단체 교육
    대상은 누구야?") can quote the content line wherever retrieval ranked it."""
    chunks = service._seen(service.state, "public")
    project = [c for c in chunks if "직능단체별 맞춤형 교육·연수 강화" in c.section]
    top = next(c for c in project if c.text.startswith("④ 지원 대상과의 역할 협의"))
    content = next(c for c in project if c.text.lstrip("- ").startswith("(사업내용)"))
    others = [c for c in chunks if "직능단체" not in c.section][:4]
    hits = [Scored(c, 1.0 - i / 10, 0.0, 0.0) for i, c in enumerate([top, *others])]
    read = [h.chunk.id for h in composer._with_overview(hits, chunks)[:5]]
    assert content.id in read
    monkeypatch.setattr(composer, "OVERVIEW_WHOLE", False)
    read = [h.chunk.id for h in composer._with_overview(hits, chunks)[:5]]
    assert content.id not in read
