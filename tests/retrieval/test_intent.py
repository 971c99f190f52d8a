"""What a question asks for: who may use a service is a target group, not a person's name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import intent
from retrieval.service import RetrievalService


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("긴급돌봄 서비스는 누가 받을 수 있나요?", "target"),
        ("복지자원 플랫폼은 누구나 이용할 수 있어요?", "target"),
        ("장애인도 긴급돌봄 받을 수 있어요?", "target"),  # whether a group is among them
        ("직능단체 교육 대상은 누구야?", "target"),  # the target group by its own noun
        ("그 교육은 누구 대상이야?", "target"),
        ("나도 할 수 있어?", None),
        ("농촌형 공공돌봄 담당자 누구야?", "person"),
        ("대전 1등 기사는 누가 썼어요?", None),  # who wrote it: not a target group
        ("주말에도 상담 받을 수 있어?", None),  # a time marked too, not a group
    ],
)
def test_who_may_use_is_not_who_is(question: str, kind: str | None) -> None:
    if kind is None:
        assert intent.classify(question) != "target"
    else:
        assert intent.classify(question) == kind


def test_a_target_question_is_answered_with_the_target_criteria(
    service: RetrievalService,
) -> None:
    answer = service.ask("긴급돌봄 서비스는 누가 받을 수 있나요?")
    assert answer.found
    assert answer.citations[0].quote.startswith("대상자 기준")


@pytest.mark.parametrize(
    "question",
    [
        "양성평등 부분에서 평가위원이 더 필요하다고 한 건?",
        "리더십에서 아쉬운 점은?",
        "인사관리에서 보완할 건?",
        "재무관리 개선하려면 뭘 해야 돼?",  # the remedy: what they found lacking
    ],
)
def test_what_the_evaluators_found_lacking_is_a_reason_question(question: str) -> None:
    assert intent.classify(question) == "reason"


@pytest.mark.parametrize(
    ("question", "praise"),
    [
        ("대전은 왜 1등 했어요?", True),
        ("강원은 뭐가 그렇게 잘해서 S등급 받았어?", True),
        ("윤리경영 점수가 높은 이유는?", True),
        # a success asked of a shortfall still asks what was lacking
        ("리더십 점수가 왜 깎였어?", False),
        ("우수 등급인데 왜 감점됐어?", False),
    ],
)
def test_why_a_success_asks_what_was_praised(question: str, praise: bool) -> None:
    assert intent.classify(question) == "reason"
    assert intent.praise_asked(question) is praise
    assert intent.praises("…등에서 매우 우수한 평가를 받았다.")
    assert not intent.praises("조직의 독립적인 역량을 강화하는 것이 필요함")


@pytest.mark.parametrize(
    ("sentence", "dated"),
    [
        ("(사업기간) 2023. 8 ~ 12월", True),
        ("전화상담 운영(평일 9:00~18:00)", True),
        ("’26. 4. ∼ ’27. 3.", True),
        ("실용위성을 지구저궤도(600~800km)에 투입", False),  # a range of heights
    ],
)
def test_a_range_is_a_period_when_its_ends_are_dates(sentence: str, dated: bool) -> None:
    assert intent.holds("date", sentence) is dated


@pytest.mark.parametrize(
    ("sentence", "phone"),
    [
        ("담당자 권석주 4055 · 팀장 김윤옥 4040", True),
        ("긴급돌봄 대표번호 1522-0365 활용", True),
        ("(사업기간) 2023. 1 ~ 12월", False),  # a year, not an extension
        ("2023년 사업계획서", False),
    ],
)
def test_four_digits_are_an_extension_unless_a_year(sentence: str, phone: bool) -> None:
    assert intent.holds("phone", sentence) is phone


@pytest.mark.parametrize("question", ["출품작 제출 기한은?", "신청 기간은?", "접수 마감은?"])
def test_a_deadline_asks_a_date(question: str) -> None:
    assert intent.classify(question) == "date"


@pytest.mark.parametrize(
    ("text", "need", "clause"),
    [
        (
            "아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요",
            True,
            "어머니를 돌봐 줄 사람이 없어요",
        ),
        ("엄마가 코로나에 걸렸는데 돌봐줄 사람이 없어요", True, "돌봐줄 사람이 없어요"),
        ("혼자 사시니까 도와줄 사람이 필요합니다.", True, "도와줄 사람이 필요합니다."),
        # a question is no statement, with or without its question mark
        ("주말에도 상담 없어요?", False, "주말에도 상담 없어요?"),
        ("돌봐 줄 사람이 없으면 어디로 연락해요", False, None),
        ("어린이집 입소 대기 순번 확인하고 싶어요", False, None),
    ],
)
def test_a_need_is_stated_in_the_last_clause(text: str, need: bool, clause: str | None) -> None:
    assert intent.states_need(text) is need
    if clause is not None:
        assert intent.last_clause(text) == clause


@pytest.mark.parametrize(
    ("text", "first", "told"),
    [
        ("요양보호사인데 일하다가 다쳤어요", True, "event"),
        ("우리 동네 복지관에 조리사가 갑자기 그만뒀어요", True, "event"),
        ("엄마가 갑자기 입원하셨어요", False, "event"),
        ("장수에 있는 작은 복지기관이에요", True, "who"),
        ("제가 요양보호사예요", False, "who"),
        # a copula after a first turn asks of the earlier subject as often ("무료예요")
        ("무료예요", False, None),
        # asked, needed, requested or wished: no statement
        ("대체인력 파견했어요?", True, None),
        ("작년에 몇 명 했어요", True, None),
        ("아버지가 다쳐서 돌봐줄 사람이 없어요", True, None),
        ("상담받고 싶었어요", True, None),
        ("결과 알려주셨어요", True, None),
        # the present tense is often asked without its question mark
        ("긴급돌봄 서비스 있어요", True, None),
        ("대체인력 예산", True, None),
    ],
)
def test_a_statement_tells_who_the_asker_is_or_what_happened(
    text: str, first: bool, told: str | None
) -> None:
    assert intent.situation(text, first) == told


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # (Kiwi spells the ㄴ of 인데 as a final jamo; 다가 ends a clause too)
        ("요양보호사인데 일하다가 다쳤어요", "다쳤어요"),
        ("요양보호사인데 돌봐 줄 사람이 없어요", "돌봐 줄 사람이 없어요"),
    ],
)
def test_the_last_clause_follows_every_connective(text: str, clause: str) -> None:
    assert intent.last_clause(text) == clause


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("대체인력 파견은 왜 해요?", "대체인력 파견 목적은?"),
        ("긴급돌봄은 왜 하는 거예요?", "긴급돌봄 목적은?"),
        ("인권교육은 왜 운영해요?", "인권교육 목적은?"),
        # a result, a past deed, or nothing named: no purpose asked
        ("리더십 점수 왜 깎였어?", None),
        ("그 사람은 왜 그랬나?", None),
        ("왜 해요?", None),
    ],
)
def test_why_a_thing_is_done_asks_its_purpose(question: str, asked: str | None) -> None:
    assert intent.purpose_asked(question) == asked


@given(st.text(max_size=80))
def test_a_situation_is_read_from_any_text(text: str) -> None:
    assert intent.situation(text) in (None, "who", "event")


@pytest.mark.parametrize(
    ("question", "yesno"),
    [
        ("AI 안부살핌 서비스를 하는 기관은 어디인가요?", False),  # which, with its copula
        ("이 사업의 목적은 무엇인가요?", False),
        ("대체인력 파견도 국비 사업인가요?", True),
        ("어느 지역이 대상인가요?", False),  # which, with a question word before
        ("무슨 요일이 휴무인가요?", False),
        ("긴급돌봄 서비스 받을 수 있나요?", True),
        # a service done for the asker, with the benefactive 주다
        ("어린이집이나 복지시설 안전점검도 해 주나요?", True),
        ("밤에도 와 주시나요?", True),
        ("어떤 서비스를 해 주나요?", False),  # which, asked
        # said plainly ("…있어?"), as staff write in chat: whether it is, unless asked where
        ("농촌 돌봄 서비스 있어?", True),
        ("인권 상담 받을 수 있어?", True),
        ("종합재가센터 어디 있어?", False),
        ("뭐가 있어?", False),
        # a verb's contracted polite form: whether, unless asked what or how
        ("장애인 활동지원 서비스도 해요?", True),
        ("비용 무료로 돼요?", True),
        ("어떻게 해요?", False),
        ("주말에는 뭐 해요?", False),
    ],
)
def test_a_question_word_with_its_copula_asks_no_yes_or_no(question: str, yesno: bool) -> None:
    assert (intent.classify(question) == "yesno") is yesno


def test_which_body_of_another_region_is_named(service: RetrievalService) -> None:
    # taken for a yes/no question of this agency, it dropped the 충남 line and quoted 전북's
    answer = service.ask("AI 안부살핌 서비스를 하는 기관은 어디인가요?", viewer="public")
    assert answer.found and "충청남도" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("집에 계신 할머니 돌봐줄 사람이 없어요", {"집"}),
        ("시골에서 혼자 사시는 어머니가 걱정돼요", {"시골"}),
        ("어머니를 돌봐 줄 사람이 없어요", set()),
        ("할머니께 도움이 필요해요", set()),  # to whom, not where
    ],
)
def test_the_places_of_a_clause_are_its_nouns_in_the_locative(text: str, places: set[str]) -> None:
    assert intent.places(text) == places


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "사회서비스 품질평가 D등급 받았는데 컨설팅 받을 수 있나요?",
            "컨설팅 받을 수 있나요?",
        ),
        ("요양보호사인데 교육 받을 수 있어요?", "요양보호사인데 교육 받을 수 있어요?"),
        ("리더십 점수는?", "리더십 점수는?"),
        ("예산이 많은데?", "예산이 많은데?"),  # nothing after the clause: the whole
    ],
)
def test_the_asked_clause_follows_the_circumstances(question: str, clause: str) -> None:
    assert intent.asked_clause(question) == clause


@given(st.text(max_size=80))
def test_the_asked_clause_ends_the_question(text: str) -> None:
    clause = intent.asked_clause(text)
    assert clause and text.endswith(clause) or clause == text


@given(st.text(max_size=80))
def test_the_last_clause_is_the_end_of_the_text(text: str) -> None:
    clause = intent.last_clause(text)
    assert clause in text and text.strip().endswith(clause.strip())
    intent.states_need(text)


@pytest.mark.parametrize(
    ("question", "recipient"),
    [
        ("대체인력 파견은 누구한테 보내주나요?", True),
        ("긴급돌봄은 누구한테 해줘요?", True),
        ("대체인력은 어디에 보내줘요?", True),
        ("그는 편지를 누구에게 보냈는가?", False),  # a person asked: no service given
        ("어디로 연락해요?", False),
    ],
)
def test_whom_a_service_goes_to_is_no_person_asked(question: str, recipient: bool) -> None:
    assert bool(intent.RECIPIENT_ASKED.search(question)) is recipient
    if recipient:
        assert intent.classify(question) == "other"


def test_reason_words_are_taken_out_whole() -> None:
    assert intent.without_reason_words("개선하라고 한 건 뭐야?") == "한 건 뭐야?"
    assert intent.without_reason_words("리더십 감점 사유는?") == "리더십 는?"
    assert intent.classify("보완하라고 한 점은?") == "reason"
    assert intent.classify("개선 방안은 뭐라고 했어?") == "reason"
    assert intent.without_reason_words("리더십 보완 방향은?") == "리더십 은?"


@pytest.mark.parametrize(
    "question",
    [
        "종합재가센터에서 무슨 서비스 받을 수 있어요?",
        "종합재가센터에서 어떤 서비스 받을 수 있어요?",
    ],
)
def test_which_services_asked_with_musun_is_a_list(
    service: RetrievalService, question: str
) -> None:
    # 무슨 asks which, as 어떤 does: the centre's projects, not one line naming the centre
    # ("전북종합재가센터 온라인장비 무료임대").
    assert intent.classify(question) == "list"
    answer = service.ask(question, "public")
    assert answer.found and "‘종합재가센터’에는 여섯 가지가 있습니다" in answer.answer, (
        answer.answer
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("두 팀의 선수가 각각 받은 상은?", "list"),
        # 각각의 ("each one's") qualifies the noun asked; it asks for no list
        ("각각의 선수가 받은 상의 이름은?", "other"),
        ("추가된 캐릭터의 개수는?", "figure"),  # 개수 asks a count as 몇 개 does
        ("추가된 캐릭터의 갯수는?", "figure"),
    ],
)
def test_each_asks_a_list_and_a_number_of_things_a_figure(question: str, kind: str) -> None:
    assert intent.classify(question) == kind


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("긴급돌봄은 누가 받아요?", True),  # whom a service is for
        ("누가 신청할 수 있어요?", True),
        ("표창은 누가 받았어?", False),  # who received, at an event past
        ("간담회에는 누가 참여했어?", False),
    ],
)
def test_who_received_is_no_question_of_whom_a_service_is_for(question: str, target: bool) -> None:
    assert (intent.classify(question) == "target") is target


def test_an_award_asked_who_received_is_answered_with_its_sentence(
    service: RetrievalService,
) -> None:
    answer = service.ask("표창은 누가 받았어?", "staff")
    assert answer.found and "장관 표창을 수여" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("누구한테 문의하면 돼?", "phone"),  # whom to call: the line asked
        ("누구에게 문의해야 하나요?", "phone"),
        ("누구에게 문의했는가?", "person"),  # an inquiry told of: who it was
    ],
)
def test_whom_to_inquire_of_asks_the_line_to_call(question: str, kind: str) -> None:
    assert intent.classify(question) == kind


@pytest.mark.parametrize(
    ("text", "need"),
    [
        (
            "갑자기 아파서 집에 돌봐줄 사람이 없으면 어떻게 해요?",
            "갑자기 아파서 집에 돌봐줄 사람이 없어요",
        ),
        ("엄마를 돌봐 줄 사람이 필요하면 어디로 연락해요?", "엄마를 돌봐 줄 사람이 필요해요"),
        ("돌봐 줄 사람이 없어요", "돌봐 줄 사람이 없어요"),
        # a service asked for by what it would do: that clause is the need
        (
            "엄마가 혼자 사시는데 갑자기 입원하게 되면 돌봐주는 서비스 있어요?",
            "엄마가 혼자 사시는데 갑자기 입원하게 되면 돌봐주는",
        ),
        ("아이 봐주는 프로그램 있나요?", "아이 봐주는"),
        # a lack told before a bare request for help ("…없는데 도움 받을 수 있어요?")
        (
            "엄마가 입원하셔서 아빠 돌봐드릴 사람이 없는데 도움 받을 수 있어요?",
            "엄마가 입원하셔서 아빠 돌봐드릴 사람이 없어요",
        ),
        (
            "식사 준비가 어려워서 도움이 필요한데 방법이 있을까요?",
            "식사 준비가 어려워서 도움이 필요해요",
        ),
        ("돌봐줄 사람이 없어서 도와주실 수 있나요?", "돌봐줄 사람이 없어요"),
        # ... not a request for something named ("요양원 갈 수 있어요?")
        ("돈이 없는데 요양원 갈 수 있어요?", None),
        ("시간이 없는데 교육 받을 수 있어요?", None),
        # ... not a service named ("돌봄 서비스 있어요?")
        ("돌봄 서비스 있어요?", None),
        # a question about something else, or a lack asked about, states no need
        ("주말에도 상담 없어요?", None),
        ("상담이 없으면 예산은 얼마예요?", None),
    ],
)
def test_a_need_put_as_a_condition_is_the_need_stated(text: str, need: str | None) -> None:
    assert intent.need_of(text) == need


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("다른 목표는?", True),
        ("그 외에는?", True),
        ("그거 말고는?", True),
        ("나머지는?", True),
        # one item named and set aside: the rest of what was given is asked
        ("복지포인트 말고 다른 건?", False),
        ("아니 예산 말고 목표", False),
        ("대체인력 예산은?", False),
        ("다르게 하면 돼요?", False),
    ],
)
def test_another_one_asked(text: str, other: bool) -> None:
    assert intent.asks_other(text) is other


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("안녕하세요 긴급돌봄 서비스 문의드려요", "긴급돌봄 서비스가 뭐예요?"),
        ("대체인력 파견 관련해서 질문 있어요", "대체인력 파견이 뭐예요?"),
        ("복지자원 플랫폼에 대해 문의드립니다.", "복지자원 플랫폼이 뭐예요?"),
        ("정보공시 궁금해요", "정보공시가 뭐예요?"),
        # no topic named, a question of its own, or a service wanted: not opened so
        ("안녕하세요 궁금한 게 있는데요", None),
        ("문의드려요", None),
        ("긴급돌봄 예산 얼마야?", None),
        ("인권침해 상담하고 싶어요", None),
    ],
)
def test_a_topic_opened_is_asked_as_what_it_is(text: str, asked: str | None) -> None:
    assert intent.opened_topic(text) == asked


def test_the_comments_naming_a_remedy_ask_the_evaluators_findings() -> None:
    """ "보완 의견은?", "개선점은?" ask what the evaluators found lacking, as "보완할 점은?" does
    ("인권경영은 어떤 보완 의견이 나왔나요?" was not found)."""
    assert intent.classify("인권경영은 어떤 보완 의견이 나왔나요?") == "reason"
    assert intent.classify("리더십 개선점은?") == "reason"
    assert intent.without_reason_words("인권경영 보완 의견은?") == "인권경영 은?"


@pytest.mark.parametrize(
    "question", ["해당 지표에 대한 개선 권고 내용은 무엇입니까?", "리더십 보완 권고는?"]
)
def test_a_recommendation_or_a_findings_content_asks_the_findings(question: str) -> None:
    """ "개선 권고 내용은?", "보완 권고는?" ask what the evaluators found, as "개선 권고 사항은?"
    does (the evaluation profile's words); "개선 내용은?" may ask what was improved."""
    assert intent.classify(question) == "reason"
    assert "권고" not in intent.without_reason_words(question)
    assert intent.classify("개선 내용은?") != "reason"


@pytest.mark.parametrize(
    "question", ["인사관리와 관련해 지적된 우려 사항은 무엇입니까?", "리더십 우려되는 점은?"]
)
def test_the_concerns_raised_ask_the_findings(question: str) -> None:
    """ "우려 사항은?", "우려되는 점은?" ask what the evaluators found lacking, as "지적 사항은?"
    does (the evaluation profile's words)."""
    assert intent.classify(question) == "reason"
    assert "우려" not in intent.without_reason_words(question)
    # (what was improved is no finding)
    assert intent.classify("개선된 사항은?") != "reason"


def test_a_storys_request_is_cut_at_hearsay_read_as_a_bound_noun() -> None:
    """Kiwi may read "있다던데" as 다던 and the bound noun 데: still the connective the story ends
    with ("…최대 얼마나 받을 수 있나요?" is what is asked); 데 with a particle is a place ("도와주는
    데가 있나요?" asks whole)."""
    story = (
        "갑자기 수술 날짜가 잡혀서 입원해야 되는데 아버지를 봐드릴 사람이 없어요ㅠㅠ 이렇게 갑자기 "
        "돌봄이 끊길때 도와주는 서비스가 있다던데 최대 얼마나 받을수 있나요?"
    )
    assert intent.request_clause(story) == "최대 얼마나 받을수 있나요?"
    told = "시골이라 요양 서비스 와주는 데도 별로 없어요. 도와주는 데가 있나요?"
    assert intent.request_clause(told) == "도와주는 데가 있나요?"


def test_a_storys_polite_connective_ends_what_it_tells() -> None:
    """ "…결과를 봤는데요, 목표 달성률이 얼마였어요?": 는데요 is 는데 said politely; what is
    asked follows it (the whole story had been asked as one question of the nearest topic)."""
    story = "부산 사상구 주민이에요. 구청 모니터링 결과를 봤는데요, 목표 달성률이 얼마였어요?"
    assert intent.request_clause(story) == "목표 달성률이 얼마였어요?"


def test_a_heard_claim_is_asked_without_the_story_told_before_it() -> None:
    """What the asker heard ("…해준다던데", "…들을 수 있다고 들었는데", "…해준다는데") is what the
    documents must say; who they are, told first, is not. A claim pointing back into the story
    ("그런 모임") names nothing alone, and a question with no story is asked as it is."""
    told = "장기요양기관 다니는데요 의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?"
    assert intent.heard_claim(told) == "의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?"
    polite = "작은 노인복지시설 하나 운영하는데요 소방 점검 같은 걸 와서 봐준다던데 맞아요?"
    assert intent.heard_claim(polite) == "소방 점검 같은 걸 와서 봐준다던데 맞아요?"
    heard = "저희 센터가 작은 시설인데요, 전기나 가스 안전점검을 해준다는데 사실인가요?"
    assert intent.heard_claim(heard) == "전기나 가스 안전점검을 해준다는데 사실인가요?"
    pointing = "복지 공부하는 모임 만들까 하는데 그런 모임 지원해준다는 얘기 들었어요 진짜에요?"
    assert intent.heard_claim(pointing) is None
    assert intent.heard_claim("전북 복지 사이트 만든다던데 그게 뭐예요?") is None
    assert intent.heard_claim("대체인력 예산 얼마야?") is None


@given(st.text(alphabet="가나다는데요던고 맞아?.,ㅠ", max_size=30))
def test_a_heard_claim_is_always_the_end_of_the_question(text: str) -> None:
    # The claim is cut from the question, never made up: what is left is its end, shorter.
    claim = intent.heard_claim(text)
    if claim is not None:
        assert claim and claim in text and len(claim) < len(text.strip())


def test_two_things_asked_at_once_are_each_asked_alone() -> None:
    """ "정기감사랑 특별감사는 각각 몇 번?": the same question of each; the words before the first
    thing are shared, or (shared=False) its name's first word. A comitative 랑 ("엄마랑 같이")
    or 과 before a verb joins no two things."""
    assert intent.two_asked("정기감사랑 특별감사는 각각 몇 번?") == (
        "정기감사는 몇 번?",
        "특별감사는 몇 번?",
    )
    assert intent.two_asked("정기감사와 특별감사 연 몇 회씩?") == (
        "정기감사 연 몇 회?",
        "특별감사 연 몇 회?",
    )
    assert intent.two_asked("대체인력 파견이랑 긴급돌봄 예산 각각 얼마야?", shared=False) == (
        "대체인력 파견 예산 얼마야?",
        "긴급돌봄 예산 얼마야?",
    )
    assert intent.two_asked("엄마랑 같이 살아요") is None
    assert intent.two_asked("사회서비스원과 협력해서 하는 사업은?") is None
    assert intent.two_asked("대체인력 예산 얼마야?") is None


def test_two_counts_asked_at_once_are_each_asked_alone() -> None:
    """ "몇 회 몇 명 목표야?": the same question in each counter; one counter asked twice, or
    one count, is no pair."""
    assert intent.two_counts("역량강화교육 몇 회 몇 명 목표야?") == (
        "역량강화교육 몇 회 목표야?",
        "역량강화교육 몇 명 목표야?",
    )
    assert intent.two_counts("1년에 교육 몇 번, 몇 명 정도 받을 수 있어요?") == (
        "1년에 교육 몇 번 정도 받을 수 있어요?",
        "1년에 교육 몇 명 정도 받을 수 있어요?",
    )
    assert intent.two_counts("인권교육 몇 회 해?") is None
    assert intent.two_counts("몇 명 몇 명?") is None


@pytest.mark.parametrize(
    "question",
    [
        "어떤 매뉴얼들이 나오는 거예요?",
        "어떤 과정들이 있어요?",
        "평가는 어떤 분야들 보고 한거에요?",
        "우수사례로 제시된 사업들을 나열해 주십시오.",
    ],
)
def test_a_plural_asked_which_or_a_list_asked_for_asks_a_list(
    monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    assert intent.classify(question) == "list"
    monkeypatch.setattr(intent, "LIST_PLURAL", False)
    assert intent.classify(question) != "list"


@pytest.mark.parametrize(
    "question",
    ["우수사례로 뽑힌 사업 세 개가 뭐였죠?", "두 가지는 무엇인가요?", "5개가 뭐야?"],
)
def test_so_many_things_asked_what_they_are_asks_a_list(
    monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    assert intent.classify(question) == "list"
    monkeypatch.setattr(intent, "COUNTED_LIST", False)
    assert intent.classify(question) != "list"


def test_a_count_asked_of_so_many_things_still_asks_a_figure() -> None:
    # (세 개 names the things; 몇 점 asks their figure)
    assert intent.classify("세 개 중 제일 높은 건 몇 점이야?") == "figure"


def test_a_plural_counted_still_asks_a_figure() -> None:
    # "어떤 분들이에요? 몇 분이서 다니세요?": how many, not who each is
    assert intent.classify("집으로 오시는 분들은 어떤 분들이에요? 몇 분이서 다니세요?") == "figure"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("성과대회 열렸다는 얘기 들었어요. 그거 언제였어요?", "성과대회 열렸 언제였어요?"),
        # (the reporting ending may start inside the verb's syllable: 만들 + ᆫ다던데)
        ("복지 사이트 만든다던데 그게 뭐예요?", "복지 사이트 만든 뭐예요?"),
        ("좋게 나왔다던데 그 사업 이름이 뭐에요?", "좋게 나왔 사업 이름이 뭐에요?"),
        ("대체인력 예산 얼마야?", None),  # nothing heard, nothing pointed at
        ("그거 언제 해요?", None),  # a pointer with no claim before it: the turns before
    ],
)
def test_an_ask_pointing_at_a_heard_claim_is_asked_of_it(text: str, asked: str | None) -> None:
    assert intent.pointed_claim(text) == asked
