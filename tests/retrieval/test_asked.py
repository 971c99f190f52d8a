"""An answer must give what its question asks for: the counter after 몇 is the unit it carries."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from retrieval import answer as composer
from retrieval import asked
from retrieval.asked import (
    asked_counter,
    asks_price,
    fits,
    holds_counter,
    per_span,
    restates,
    says_span,
    states_price,
)
from retrieval.service import RetrievalService
from sosa.models import Answer


@pytest.mark.parametrize(
    ("question", "counter"),
    [
        ("돌봄 상담 전화는 몇 시까지 받아요?", "시"),
        ("경영관리 점수는 몇 점이야?", "점"),
        ("교육은 몇 번 해?", "번"),
        ("현원은 몇명이야?", "명"),
        ("기술평가 비율은 몇 %인가?", "%"),
        ("하루에 몇 시간이나 와 주세요?", "시간"),
        ("작년에는 몇이었지?", None),
        ("대체인력 예산 얼마야?", None),
        # A service asked of a time: its hours answer, as for "몇 시까지".
        ("주말에도 돌봄 전화 상담 되나요?", "시"),
        ("공휴일에도 운영해요?", "시"),
        # (해요, 돼요: the same verbs, fused)
        ("돌봄종합정보상담 콜센터는 주말에도 해요?", "시"),
        ("주말에도 돼요?", "시"),
        ("주말 근무 수당은 얼마야?", None),
        # 며칠 is 몇 + 일: days, or the day of a date.
        ("긴급돌봄은 며칠까지 받을 수 있어요?", "일"),
        ("성과대회는 며칠에 열렸어요?", "일"),
    ],
)
def test_the_counter_after_myeot_is_the_unit_asked(question: str, counter: str | None) -> None:
    assert asked_counter(question) == counter


@pytest.mark.parametrize(
    ("text", "counter", "held"),
    [
        ("전화상담 운영(평일 9:00~18:00)", "시", True),
        ("돌봄종합정보상담 콜센터 번호는 1522-0365입니다.", "시", False),
        ("30일 내 긴급돌봄 72시간, 틈새돌봄 60시간", "시", False),  # hours, not o'clock
        ("이용자 목표 1만 명", "명", True),
        ("고령인구 397천명", "명", True),
        ("약 6,300여명의 국민이 참여", "명", True),
        ("회계 담당자 연 2회 이상의 교육 참석", "번", True),  # 회 and 번 count the same
        ("그의 첫 번째 정규 앨범이 나왔다", "번", True),  # 첫 is the native ordinal one
        ("내선은 3021번입니다", "번", True),
        ("인원 현황 (단위: 명)", "명", True),
        ("2024년 경영평가에서 S등급을 받은 대전, 강원 사회서비스원", "점", False),
        ("배점 대비 득점 92.15점", "점", True),
        ("신규 직원 채용 3개월 이내 수습평가 진행", "개", False),  # months, not things
        ("5개년 중장기 계획", "개", False),
        ("지정위탁 기관 3개소 발굴", "개", True),
        # places are counted in 곳, 개소 or 군데 alike ("몇 군데나 해요?")
        ("소방, 전기, 가스 안전관리 및 안전점검 56곳 지원", "군데", True),
        # a count of times asked in everyday words ("몇 번 해줘?") is said in cases as well
        # (컨설팅 40건); cases asked are not said in times
        ("단계별 컨설팅 40건", "번", True),
        ("컨설팅 위원 간담회(총 3회/온라인)", "건", False),
    ],
)
def test_a_sentence_holds_a_figure_in_the_counter(text: str, counter: str, held: bool) -> None:
    assert holds_counter(text, counter) is held


@given(st.text(max_size=80))
@example("며칠")  # (found by hypothesis from the module's own constants)
@example("주말에도 해요?")
def test_any_text_is_read_without_error(text: str) -> None:
    counter = asked_counter(text)
    if "몇" not in text:
        # (며칠 is 몇 + 일; a service's hours asked, "주말에도 해요?", count in 시)
        assert counter is None or (counter, "며칠" in text) in (("일", True), ("시", False))
    assert holds_counter(text, counter or "점") in (True, False)


def test_a_time_asked_is_answered_with_the_hours_not_the_phone_number(
    service: RetrievalService,
) -> None:
    answer = service.ask("콜센터 상담은 평일 몇 시부터 해요?")
    assert answer.found
    assert "9:00~18:00" in answer.answer
    assert any("9:00~18:00" in c.quote for c in answer.citations)


def test_how_many_days_is_answered_with_the_days(service: RetrievalService) -> None:
    """며칠 asks, like 몇 and 언제: it is no word a passage must say (before, every sentence
    lacked it and the question went unanswered), and the answer holds a figure in 일."""
    answer = service.ask("긴급돌봄은 며칠까지 받을 수 있어요?")
    assert answer.found and "5일" in answer.answer, answer.answer


def test_a_score_asked_of_an_agency_the_documents_do_not_score_is_not_answered(
    service: RetrievalService,
) -> None:
    # The press release names 광주 among the graded agencies but gives no score of it.
    answer = service.ask("광주 사회서비스원 경영관리 점수는 몇 점이야?")
    assert not answer.found
    assert "찾지 못했습니다" in answer.answer


def test_a_fact_about_something_else_is_not_the_answer(service: RetrievalService) -> None:
    # The fact router reads 등급 as an indicator's grade; the question is about 장기요양.
    question = "아버지 장기요양 등급 신청은 어디서 해요?"
    state = service.state
    routed = state.facts.route(question, "public")
    weights = composer.TermWeights(state.searcher.bm25)
    # (the router itself may already leave it: 장기요양 is a noun no fact has)
    assert routed is None or not composer.addresses(question, routed, weights)
    assert not service.ask(question).found
    # A fact that names what was asked still answers.
    question = "대체인력 파견 목표는 몇 건인가요?"
    routed = state.facts.route(question, "public")
    assert routed is not None and composer.addresses(question, routed, weights)
    assert "1,500건" in service.ask(question).answer


def test_an_answer_that_only_repeats_the_questions_figure_is_no_answer() -> None:
    question = "외부지적사항 지적건수 2건은 각각 어디서 지적된 거야?"
    repeated = Answer(id="a", question=question, answer="지적건수(건)는 2입니다.", found=True)
    assert restates(question, repeated) and fits(question, repeated)  # a counter-less ask
    new = Answer(id="b", question=question, answer="전기평가 1건, 외부감사 1건입니다.", found=True)
    assert not restates(question, new)
    # A year is not a figure the answer gives.
    dated = Answer(
        id="c", question="2023년 목표는?", answer="2023년 목표는 1,500건입니다.", found=True
    )
    assert not restates("2023년 목표는?", dated)
    # Nor are a code's digits: the name of the record SFR-003 is something new.
    coded = Answer(
        id="d", question="SFR-003 명칭은?", answer="SFR-003의 명칭은 ‘화면구성’입니다.", found=True
    )
    assert not restates("SFR-003 명칭은?", coded)


def test_a_fact_about_another_place_is_not_the_answer(service: RetrievalService) -> None:
    # 사상구's report has no 성과계약 table; the plan's (전북) target is no answer for it.
    question = "사상구 성과계약 목표 달성률은?"
    state = service.state
    routed = state.facts.route(question, "staff")
    assert routed is not None and routed.found
    assert not composer.addresses(question, routed, composer.TermWeights(state.searcher.bm25))
    assert not service.ask(question, "staff").found
    # A region said another way (전북 / 전라북도) is the same place.
    assert composer._names_said("전북", "2023년전라북도사회서비스원연간수정사업계획서")


@pytest.mark.parametrize(
    ("question", "text", "fit"),
    [
        (
            "추진전략에 투입되는 총 예산 규모는 얼마인가?",
            "추진전략 발표(12.3.), 박람회 개최",
            False,
        ),
        ("추진전략에 투입되는 총 예산 규모는 얼마인가?", "총 사업비 1,200억원 투입", True),
        ("대체인력 예산 얼마야?", "소요예산 503,000천원(특별회계)", True),
        ("계약업무 예산은 얼마야?", "(소요예산) 비예산", True),
        ("세목별 금액은 얼마인가? ", "(단위: 천원) 인건비 3,080", True),
        # 얼마 asked of no money word: not a question about an amount of money.
        ("사업 기간은 얼마나 돼?", "2023. 1 ~ 12월", True),
    ],
)
def test_an_amount_of_money_asked_is_answered_by_a_figure_in_won(
    question: str, text: str, fit: bool
) -> None:
    answer = Answer(
        id="a", question=question, answer=f"문서에는 “{text}”라고 되어 있습니다.", found=True
    )
    assert fits(question, answer) is fit


def test_a_service_asked_of_the_weekend_is_answered_by_its_hours(
    service: RetrievalService,
) -> None:
    a = service.ask("주말에도 돌봄 전화 상담 되나요?", "public")
    assert a.found and any("평일 9:00~18:00" in c.quote for c in a.citations), a.answer


@pytest.mark.parametrize(
    ("question", "rest", "span"),
    [
        ("하루에 몇 시간이나 와 주세요?", "몇 시간이나 와 주세요?", "하루"),
        ("긴급돌봄은 한 달에 몇 번 와요?", "긴급돌봄은 몇 번 와요?", "한 달"),
        ("일주일에 얼마나 해요?", "얼마나 해요?", "일주일"),
        ("이사회는 1년에 몇 번 열어?", None, None),  # the plan's own span: no note
        ("하루 종일 돌봄이 필요해요", None, None),  # no rate asked
    ],
)
def test_a_rate_asked_per_a_span(question: str, rest: str | None, span: str | None) -> None:
    per = per_span(question)
    assert per == ((rest, span) if rest is not None else None)


@pytest.mark.parametrize(
    ("text", "span", "said"),
    [
        ("30일 내 긴급돌봄 72시간, 틈새돌봄 60시간", "하루", False),
        ("1일 최대 8시간 제공", "하루", True),
        ("월 2회 방문", "한 달", True),
        ("주 3회 방문", "일주일", True),
    ],
)
def test_a_line_states_its_figure_per_a_span(text: str, span: str, said: bool) -> None:
    assert says_span(text, span) is said


@given(st.text(max_size=80))
def test_a_span_is_cut_from_any_text(text: str) -> None:
    per = per_span(text)
    if per is not None:
        assert len(per[0]) < len(text) and per[1] in re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("예산은 얼마야?", True),
        ("그거 예산은?", True),  # the money word alone ends the question
        ("요양보호사 처우 개선 예산", True),  # a follow-up as resolved
        ("사업비 알려줘", True),
        ("예산이 어떻게 돼?", True),
        ("예산 편성 과정은?", False),
        ("예산 절감 노력은?", False),
        ("작년 대비 얼마나 늘었어?", False),
        ("준비는 얼마나 했어?", False),
        ("장비는 몇 대야?", False),
        # whether one pays is asked of an amount too (무료, 비예산 or a figure in 원 answer it)
        ("돈은 내야 돼요?", True),
        ("비용이 드나요?", True),
        ("돈이 없어서 못 가요", False),
        # whether money is set aside at all (비예산 or a figure in 원 answer it)
        ("요양보호사 처우개선 예산 있어?", True),
        ("대체인력 예산 잡혀있어?", True),
        ("예산이 따로 있나요?", True),
        ("예산 있는 사업 중 제일 큰 건?", True),
        # its whole named after it asks the amount too
        ("그 사업 예산 총액", True),
        ("사업비 규모는?", True),
        ("예산 총액 대비 인건비 비율", False),
    ],
)
def test_an_amount_asked_without_얼마(question: str, money: bool) -> None:
    assert asked.asks_money(question) is money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("주 4.5일제 도입지원 시범사업(324억) 실시", True),  # 억 without 원 is a budget
        ("3조 5천억 규모", True),
        ("2,970천원", True),
        ("이용자 1억 명", False),
        ("사용자 1억명", False),
        ("2명, 4명", False),
        ("요양보호사 4명(전주, 장수) / 2인1조 활동", False),  # a team of two, not 1조 원
        ("956,000달러에 팔렸다", True),  # amounts in other currencies are money too
        ("주급 8만 파운드", True),
        ("3천 엔 규모", True),
        ("5천 엔진", False),
    ],
)
def test_amounts_in_억_hold_money(text: str, money: bool) -> None:
    assert asked.holds_money(text) is money


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        # asked with a light verb, the noun ending the line is what is done to the places
        ("복지시설 안전점검 몇 곳 해요?", True),
        ("안전점검 몇 곳이야?", True),
        ("컨설팅 몇 곳 받을 수 있어요?", True),
        # asked with a verb of its own, another deed counts another thing
        ("안전점검 몇 곳 선정했어?", False),
    ],
)
def test_a_count_before_the_lines_last_noun_answers_a_light_verb(
    question: str, counts: bool
) -> None:
    text = "(사업내용) 소방, 전기, 가스 안전관리 및 안전점검 56곳 지원"
    assert asked.counts_asked(text, "곳", question) is counts
    # (a noun inside the line still counts its own thing)
    assert not asked.counts_asked("연간 130여곳 기관이 참여", "곳", question)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("직원교육비 56천원×2명 · 금액 112천원", False),  # a factor of a cost line
        ("돌봄제공단가 52천원 x 60명 x 24회", False),
        ("돌봄제공인력 25명 파견", True),
        ("교육 대상 30명, 강사비 100천원×2회", True),  # the count beside a formula still counts
        ("급량비 1인당 연 240천원 지원", False),  # a rate per person counts no one
    ],
)
def test_a_cost_lines_factor_is_no_count(text: str, counts: bool) -> None:
    assert asked.counts_asked(text, "명", "몇 명 파견해?") is counts


@pytest.mark.parametrize(
    ("phrase", "item"),
    [("인건비", True), ("교육훈련비", True), ("예산", True), ("대비", False), ("인력", False)],
)
def test_a_cost_item(phrase: str, item: bool) -> None:
    assert asked.cost_item(phrase) is item


@pytest.mark.parametrize(
    ("question", "cost"),
    [
        ("인건비는 얼마 잡혀있어?", True),
        ("교육훈련비는?", True),
        ("예산은 얼마야?", True),
        ("기념비의 높이는 얼마인가?", False),
        ("작년 대비 얼마나 늘었어?", False),
    ],
)
def test_a_cost_item_asked(question: str, cost: bool) -> None:
    assert asked.asks_cost(question) is cost
    # (a word ending in 비 alone is no amount of money asked: 성비, 기념비)
    assert not asked.asks_money("성비는 얼마인가?")


@pytest.mark.parametrize(
    ("question", "price"),
    [
        ("돈 드나요?", True),
        ("돈 드는 거예요?", True),
        ("돈 드는 건가요?", True),
        ("비용이 드는 서비스예요?", True),
        # paying that describes a noun: the noun is what costs, the question asks another thing
        ("우리 직원들 자기 돈 드는 건강검진 싸게 받을 수 있는 방법 있어요?", False),
        ("돈 드는 교육 말고 무료 교육 있어?", False),
    ],
)
def test_paying_said_of_a_noun_asks_no_price(question: str, price: bool) -> None:
    assert asks_price(question) is price
    assert asked.asks_money(question) is price


def test_a_way_asked_of_what_costs_is_answered_by_the_way(service: RetrievalService) -> None:
    answer = service.ask("종사자 자기 돈 드는 건강검진 할인돼?", "staff")
    assert answer.found and answer.citations, answer.answer
    assert "직원 할인" in answer.citations[0].quote, answer.answer


def test_what_a_user_pays_is_not_the_projects_budget(service: RetrievalService) -> None:
    assert asks_price("긴급 돌봄 서비스 비용 얼마에요?") and asks_price("이용료 있어요?")
    assert asks_price("돈 내야 돼요?") and asks_price("비용은 어떻게 돼요?")
    assert not asks_price("대체인력 파견 사업 비용은 어떻게 돼?")
    assert not asks_price("긴급돌봄 사업 비용 얼마야?") and not asks_price("예산 얼마야?")
    assert states_price("장수종합재가센터 교육장 무료임대")
    assert not states_price("(소요예산) 80,000천원(국비매칭사업)")
    assert not states_price("세목 일반운영비 · 산출내역 관리시스템 이용료, 홍보비 등 616천원×5개월")
    # No line says what 긴급돌봄 costs its user: no budget figure in its place.
    citizen = service.ask("긴급 돌봄 서비스 비용 얼마에요?", viewer="public")
    assert not citizen.found and "80,000" not in citizen.answer, citizen.answer
    staff = service.ask("긴급돌봄 사업 비용 얼마야?", viewer="staff")
    assert staff.found and "80,000천원" in staff.answer, staff.answer


def test_whether_a_budget_is_set_aside_is_answered_by_money(service: RetrievalService) -> None:
    # No project budgets 요양보호사 처우개선: a staffing line naming 요양보호사 (4명) is no
    # budget; the 종사자 처우개선 project's own answer says it has none (비예산).
    none = service.ask("요양보호사 처우개선 예산 있어?", viewer="staff")
    assert not none.found and "요양보호사 4명" not in none.answer, none.answer
    assert "처우개선" in none.answer  # offered as the nearest topic
    own = service.ask("종사자 처우개선 예산 있어요?", viewer="staff")
    assert own.found and "비예산" in own.answer, own.answer
    set_aside = service.ask("대체인력 예산 잡혀있어?", viewer="staff")
    assert set_aside.found and "503,000천원" in set_aside.answer, set_aside.answer


def test_a_target_asked_in_another_unit_is_given_in_the_documents_own(
    service: RetrievalService,
) -> None:
    # 대체인력 파견's target is counted in 건; asked in 명 or 회, it is given as written and
    # said so, not withheld.
    for question in ("대체인력 몇 명 목표야?", "대체인력 파견 몇 회 목표야?"):
        answer = service.ask(question, viewer="staff")
        unit = asked.asked_counter(question)
        assert answer.found and "1,500건" in answer.answer, answer.answer
        assert asked.UNIT_LACKING.format(unit=unit) in answer.answer
        assert asked.fits(question, answer)
    # Asked in its own unit, no note.
    plain = service.ask("대체인력 파견 몇 건 목표야?", viewer="staff")
    assert "1,500건" in plain.answer and "단위의 목표가 없어" not in plain.answer
    # A unit asked of an amount of money is never filled by another unit.
    money = service.ask("대체인력 파견 목표 금액은 몇 원이야?", viewer="staff")
    assert "1,500건" not in money.answer, money.answer


def test_an_amount_asked_is_given_by_a_figure(service: RetrievalService) -> None:
    """ "돌봄쿠폰 얼마짜리예요?": the line naming the coupon's uses (청소, 밀반찬 …) gives no
    amount; the answer says the documents do not, rather than quoting it as found."""
    for question in ("돌봄쿠폰 얼마짜리예요?", "돌봄쿠폰 얼마예요?"):
        answer = service.ask(question, "public")
        assert not answer.found, answer.answer
    # (얼마나 asks a degree or a span, which words may give)
    quoted = Answer(
        id="x", question="q", answer="문서에는 “매우 높음”라고 되어 있습니다.", found=True
    )
    assert asked.gives_figure("만족도는 얼마나 높아?", quoted)
    assert not asked.gives_figure("쿠폰은 얼마야?", quoted)
    assert asked.gives_figure("얼마 전에 바뀐 제도는?", quoted)  # (a time, no amount)
    # the amount found still answers
    assert service.ask("대체인력 예산 얼마야?", "staff").found


def test_pay_asked_is_an_amount_of_money(service: RetrievalService) -> None:
    """ "요양보호사 월급 얼마예요?": 월급 is money asked; the staffing line (요양보호사 4명)
    holds figures but no amount, so the documents are said not to give it."""
    assert asked.asks_money("요양보호사 월급 얼마예요?") and asked.asks_money("시급은 얼마야?")
    answer = service.ask("요양보호사 월급 얼마예요?", "public")
    assert not answer.found, answer.answer


def test_a_figure_of_a_thing_says_neither_when_nor_who_does_it(
    service: RetrievalService,
) -> None:
    """ "고객만족도 조사 언제 해?" and "… 누가 해?" were answered with the survey's result
    (94.0) as found; a figure labelled with its year dates the figure, and names no doer."""
    state = service.state
    for question in ("고객만족도 조사 언제 해?", "고객만족도 조사는 누가 해?"):
        routed = state.facts.route(question, "staff")
        assert routed is not None and routed.found, question
        assert not composer.gives_when_who_where(question, routed), routed.answer
        answer = service.ask(question, "staff")
        assert "94.0" not in answer.answer, answer.answer
    # A date or a doer given does answer.
    when = Answer(id="a", question="q", answer="세부계획은 3월에 수립합니다.", found=True)
    assert composer.gives_when_who_where("조사 언제 해?", when)
    who = Answer(id="b", question="q", answer="경영기획팀이 맡고 있습니다.", found=True)
    assert composer.gives_when_who_where("조사는 누가 해?", who)
    assert not composer.gives_when_who_where("조사는 누가 해?", when)


@pytest.mark.parametrize(
    ("counter", "written", "apart"),
    [("개", "1회", True), ("명", "12회", True), ("곳", "2번", True), ("명", "1,500건", False),
     ("개", "3개소", False), ("회", "2회", False), ("명", "100명", False)],
)  # fmt: skip
def test_times_count_neither_persons_nor_things(counter: str, written: str, apart: bool) -> None:
    assert asked.counts_apart(counter, written) is apart


def test_a_score_is_no_place_to_look(service: RetrievalService) -> None:
    """ "복지시설 평가 결과 어디서 봐요?" was answered with a network indicator's 2.70점:
    where to go, call or look is a number, a team, a place or a site."""
    state = service.state
    question = "복지시설 평가 결과 어디서 봐요?"
    routed = state.facts.route(question, "public")
    assert routed is not None and routed.found
    assert not composer.gives_when_who_where(question, routed), routed.answer
    assert "2.70점" not in service.ask(question, "public").answer
    phone = state.facts.route("긴급돌봄 어디로 연락해요?", "public")
    assert phone is not None and composer.gives_when_who_where("긴급돌봄 어디로 연락해요?", phone)
    # What money is used for is no place asked.
    spent = Answer(id="s", question="q", answer="소요예산은 400,000천원입니다.", found=True)
    assert composer.gives_when_who_where("플랫폼 예산은 얼마고 어디에 써?", spent)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("A등급을 받았다", True),
        ("등급은 A입니다", True),  # the grade after its noun
        ("등급: S", True),
        ("등급은 Apple", False),
        ("우수한 등급을 받은", False),
    ],
)
def test_a_grade_is_held_however_it_is_written(text: str, held: bool) -> None:
    assert asked.holds_counter(text, "등급") is held


@pytest.mark.parametrize(
    ("question", "funding"),
    [
        ("국비야 도비야", True),
        ("일반회계로 잡힌거지?", True),
        ("도 돈으로 하는 거예요 나라 돈이에요?", True),
        ("재원 국비 섞여있나?", True),
        # (a subject named: asked as it is; an amount asked of a fund; what the user pays;
        # not a funding word: 도비 inside a word, 회계 of an audit)
        ("복지자원 플랫폼 도비로 해?", False),
        ("고용노동부 특별회계 예산은 2025년에 얼마였나요?", False),
        ("이용료 국비 지원돼요? 얼마 내요?", False),
        ("회계감사 몇 번 해?", False),
        ("인도비자 발급 기간은?", False),
    ],
)
def test_where_the_money_comes_from_is_asked_of_the_budget_before(
    question: str, funding: bool
) -> None:
    assert asked.funding_as_budget(question) is funding
