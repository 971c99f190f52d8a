"""Follow-up questions over the real index: the topic carries over, corrections replace a slot,
a new self-contained question inherits nothing, and history is validated."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import conversation, intent
from retrieval import service as service_module
from retrieval.answer import not_found
from retrieval.conversation import Turn, Vocabulary, own_nouns, resolve, subject_phrases
from retrieval.service import RetrievalService
from sosa.errors import InvalidQuestion
from sosa.korean.text import josa
from sosa.models import Answer


def _dialogue(
    service: RetrievalService, questions: list[str], viewer: str = "staff"
) -> list[Answer]:
    history: list[dict[str, str]] = []
    answers = []
    for q in questions:
        answer = service.ask(q, viewer=viewer, history=history)  # type: ignore[arg-type]
        answers.append(answer)
        history.append({"question": q, "answer": answer.answer})
    return answers


def _sections(answer: Answer) -> str:
    return " ".join(c.section for c in answer.citations)


def test_staff_dialogue_budget_item_and_correction(service: RetrievalService) -> None:
    first, second, third = _dialogue(
        service, ["대체인력 예산 얼마야?", "그 중 인건비는?", "아니 대체인력 말고 긴급돌봄"]
    )
    assert first.found and first.understood is None
    assert "503,000천원" in first.answer
    # The follow-up keeps the project and the budget, and says so.
    assert second.understood and "대체인력" in second.understood
    assert "인건비" in second.understood and "예산" in second.understood
    assert second.answer.startswith("(앞의 질문에 이어")
    assert second.question == "그 중 인건비는?"
    # The plan gives this budget no 인건비 line: a quote that repeats the project's name
    # without it is no answer.
    # It says so of that project: the item is not given there, which is not "nothing found".
    assert not second.found
    assert (
        "‘인력 공백에 대한 대체인력 파견’ 부분에는 ‘인건비’에 대한 내용이 따로 나와 있지 않습니다"
        in (second.answer)
    ), second.answer
    # The correction swaps the project and keeps the request.
    assert third.understood and "긴급돌봄" in third.understood
    assert "대체인력" not in third.understood and "예산" in third.understood
    assert third.found and "긴급" in _sections(third)


def test_an_item_the_project_does_say_is_not_called_missing(service: RetrievalService) -> None:
    # The precise reply only when none of the project's passages holds the item: 조리인력 is
    # in 대체인력 파견's 사업내용, 인건비 in none of its passages.
    chunks = service.state.chunks
    resolved = conversation.Resolved(
        "대체인력 파견 예산", "대체인력 파견 예산", True, project="인력 공백에 대한 대체인력 파견"
    )
    missing = not_found("대체인력 파견 예산")
    said = conversation.not_itemised(missing, resolved, ["조리인력"], chunks, "그 중 조리인력은?")
    assert said.answer == missing.answer
    lacking = conversation.not_itemised(missing, resolved, ["인건비"], chunks, "그 중 인건비는?")
    assert "‘인건비’에 대한 내용이 따로 나와 있지 않습니다" in lacking.answer
    # a word that asks rather than names an item (대비 of "작년 대비 늘었어?") is no item
    asks = conversation.not_itemised(missing, resolved, ["대비"], chunks, "작년 대비 늘었어?")
    assert asks.answer == missing.answer
    # a first turn, or an answer found, is left as it is
    first = conversation.Resolved("대체인력 파견 예산")
    assert conversation.not_itemised(missing, first, ["인건비"], chunks) == missing


def test_a_subject_of_several_words_alone_switches_the_subject(service: RetrievalService) -> None:
    # "농촌형 돌봄은?" is two noun phrases but one subject: the earlier request, of it
    _first, second = _dialogue(service, ["긴급돌봄 예산은?", "농촌형 돌봄은?"])
    assert second.understood and "농촌형 돌봄" in second.understood
    assert "예산" in second.understood and "긴급" not in second.understood
    assert second.found and "10,500천원" in second.answer, second.answer


def test_who_is_in_charge_there(service: RetrievalService) -> None:
    # The issue's "거기 담당은?": 담당 alone asks the person in charge, shown to staff only
    _first, staff = _dialogue(service, ["농촌형 돌봄 예산은?", "거기 담당은?"])
    assert staff.found and "양은영" in staff.answer and "2911" in staff.answer, staff.answer
    _first, public = _dialogue(service, ["농촌형 돌봄 예산은?", "거기 담당은?"], "public")
    assert "양은영" not in public.answer and "2911" not in public.answer, public.answer
    # the team that does it is asked as 팀 is, 담당하는 팀 too
    team = service.ask("대체인력 파견 담당하는 팀은?", "public")
    assert team.found and "시설지원팀이 맡고 있습니다" in team.answer, team.answer


def test_citizen_dialogue_follow_up_keeps_the_service(service: RetrievalService) -> None:
    first, second = _dialogue(
        service, ["긴급돌봄 서비스는 누가 받을 수 있나요?", "그럼 예산은?"], viewer="public"
    )
    assert first.found and "긴급" in _sections(first)
    assert second.understood and "긴급돌봄" in second.understood and "예산" in second.understood
    assert second.found and "긴급" in _sections(second)
    assert any("천원" in c.quote for c in second.citations)


def test_new_self_contained_question_does_not_inherit(service: RetrievalService) -> None:
    _first, switched = _dialogue(
        service, ["긴급돌봄 서비스는 누가 받을 수 있나요?", "인사위원회는 몇 회 운영하나요?"]
    )
    assert switched.understood is None
    assert not switched.answer.startswith("(앞의 질문에 이어")
    assert "5회" in switched.answer


def test_a_label_every_project_has_is_asked_of_a_new_subject(service: RetrievalService) -> None:
    # "(목적) …" labels a line of every project: asked with a new subject it is that
    # subject's, not a subject added to the earlier one's (it had been asked as "정보공시 ESG
    # 경영 목적 시설")
    _first, switched = _dialogue(service, ["시설 정보공시 목적은?", "ESG 경영 목적은?"])
    assert switched.understood is None, switched.understood
    assert switched.found and "(목적)" in switched.answer and "ESG" in switched.answer
    assert "정보공시제" not in switched.answer, switched.answer
    vocab = service._vocab(service.state)
    assert {"목적", "예산", "기간"} <= vocab.attributes


@pytest.mark.parametrize("asked", ["절차", "자격", "효과", "현황", "방식"])
def test_how_a_new_subject_is_done_is_asked_of_it(service: RetrievalService, asked: str) -> None:
    # The noun asked of a subject names none ("대체인력 파견 절차는?" after 긴급돌봄's 대상): the
    # turn is a question of its own, not the earlier 대상 asked of "대체인력 파견 절차".
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    history = [Turn("긴급돌봄 대상은 누구야?", "")]
    said = josa(asked, "은", "는")
    switched = resolve(f"대체인력 파견 {said}?", history, vocab)
    assert not switched.used_history and "대상" not in switched.query, switched
    # and asked alone it asks the earlier subject's
    alone = resolve(f"신청 {said}?", history, vocab)
    assert alone.used_history and "긴급돌봄" in alone.query, alone


@pytest.mark.parametrize(
    "question",
    [
        # another agency's total, asked whole, after this one's 대상 (총점 names no subject;
        # the answer had quoted 대전's news on 만족도 and its director)
        "대전시사회서비스원 경영평가 총점은?",
        # things the documents never name (two or more: 사상구청 민원실, 제주도 날씨)
        "사상구청 민원실 운영시간 알려주세요",
        "제주도 날씨 어때?",
        # a story whose 대신 is someone's stead, not a correction of the subject before
        "복지관 주방에서 밥 하시는 선생님이 갑자기 며칠 못 나오시게 됐어요. 잠깐 대신 와서 "
        "일해 줄 분 보내주는 데가 있나요?",
    ],
)
def test_a_question_of_its_own_after_another_topic_inherits_nothing(
    service: RetrievalService, question: str
) -> None:
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    history = [Turn("긴급돌봄 대상은 누구야?", "")]
    resolved = resolve(question, history, vocab)
    assert not resolved.used_history and "대상은 누구" not in resolved.query, resolved
    # (one such word is still asked of the earlier subject; a correction is still read)
    weekend = resolve("주말에도 와 주세요?", history, vocab)
    assert weekend.used_history and "긴급돌봄" in weekend.query, weekend
    # nor are two such words asking whether it is had there too
    there = resolve("우리 동네 임실도 돼요?", history, vocab)
    assert there.used_history and "긴급돌봄" in there.query, there
    corrected = resolve("정보공시제 말고 대체인력 파견 목표", history, vocab)
    assert corrected.used_history and "대체인력 파견" in corrected.query, corrected


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        # a word only the project's part says (요양보호사, 장기요양, 전주), with a thing it
        # never says (자격증, 엄마, 내일): a question of its own
        ("요양보호사 자격증 따려면 어떻게 해야 돼요?", False),
        ("엄마 장기요양 등급 받으려면 어디에 신청해요?", False),
        ("내일 전주에 비 와요?", False),
        # an item of the project with a request: the project carries
        ("이용자 목표는 몇 명이야?", True),
    ],
)
def test_a_word_of_the_project_with_new_things_asks_of_them(
    service: RetrievalService, question: str, follows: bool
) -> None:
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    first = "시골에 혼자 사시는 할머니 돌봄 받을 수 있어요?"
    answer = service.ask(first, "public")
    assert answer.found and "농촌형 돌봄" in answer.answer, answer.answer
    resolved = resolve(question, [Turn(first, answer.answer)], vocab)
    assert resolved.used_history is follows, resolved


def test_relative_year_and_region_follow_ups(service: RetrievalService) -> None:
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    history = [Turn("2024년 경영평가 총점은?", "")]
    year = resolve("작년엔?", history, vocab)
    assert year.used_history and year.query.startswith("2023년") and "총점" in year.query
    # the year word goes with the particle written onto it: no stray 엔 or 에는 is asked
    for turn in ("작년엔 몇 점이었어?", "재작년에는 몇 점?"):
        asked = resolve(turn, history, vocab).query
        assert not re.search(r"(?<![가-힣])(?:엔|에는|재)(?![가-힣])", asked), asked
        assert "총점" in asked and asked.startswith(("2023년", "2022년")), asked
    region = resolve("대전은?", [Turn("전북 사회서비스원 경영평가 등급은?", "")], vocab)
    assert region.used_history and "대전" in region.query and "전북" not in region.query
    assert "등급" in region.query
    assert not resolve("긴급돌봄 대상은?", [], vocab).used_history


def test_history_is_validated(service: RetrievalService) -> None:
    turn = {"question": "긴급돌봄 대상은?", "answer": "…"}
    with pytest.raises(InvalidQuestion, match="10개"):
        service.ask("그럼 예산은?", history=[turn] * 11)
    with pytest.raises(InvalidQuestion, match="1,000자"):
        service.ask("그럼 예산은?", history=[{"question": "가" * 1001, "answer": ""}])
    with pytest.raises(InvalidQuestion, match="제어 문자"):
        service.ask("그럼 예산은?", history=[{"question": "긴급\x00돌봄", "answer": ""}])


def test_not_found_names_what_the_documents_do_cover(service: RetrievalService) -> None:
    answer = service.ask("제주도 날씨 어때?", viewer="public")
    assert not answer.found and not answer.citations
    assert "문서에서 찾지 못했습니다" in answer.answer
    assert "문서에는 ‘" in answer.answer and "나와 있습니다" in answer.answer


def test_list_question_gets_the_list(service: RetrievalService) -> None:
    answer = service.ask("긴급돌봄 서비스 종류는 무엇이 있나요?", viewer="public")
    assert answer.found
    assert len(answer.citations) >= 3  # several lines of the list, not one row
    assert len({c.chunk_id for c in answer.citations[:3]}) == 1


def test_story_like_question_is_reduced_to_its_request(service: RetrievalService) -> None:
    from retrieval.intent import classify, reduce

    story = (
        "혼자 사시는 어머니가 갑자기 입원하셨는데 집에 돌봐줄 사람이 없어서 걱정이 많은데 "
        "긴급돌봄 서비스를 받을 수 있나요?"
    )
    reduced = reduce(story)
    assert reduced.endswith("긴급돌봄 서비스를 받을 수 있나요?")
    assert "입원" in reduced and "사시는" not in reduced
    assert classify("종합재가센터 운영활성화가 감점된 이유는?") == "reason"
    assert classify("대체인력 예산 얼마야?") == "figure"
    answer = service.ask(story, viewer="public")
    assert answer.question == story


def _as_dict(turn: Turn) -> dict[str, str]:
    return {"question": turn.question, "answer": turn.answer}


def _vocab(service: RetrievalService) -> Vocabulary:
    return Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)


def test_correction_with_its_own_request_replaces_the_request(service: RetrievalService) -> None:
    first, corrected = _dialogue(
        service, ["정보공시제 예산 얼마야?", "아니 정보공시제 말고 대체인력 파견 실적 목표"]
    )
    assert first.found and "1,500천원" in first.answer
    assert corrected.understood and "대체인력" in corrected.understood
    # The correction named both a new subject and a new request: the old request is dropped.
    assert "예산" not in corrected.understood and "목표" in corrected.understood
    assert corrected.found and "1,500건" in corrected.answer and "천원" not in corrected.answer


def test_demonstrative_correction_replaces_the_whole_subject(service: RetrievalService) -> None:
    vocab = _vocab(service)
    history = [
        Turn("긴급돌봄 예산은?", "'위기상황 등 돌봄 대응을 위한 긴급·틈새 돌봄서비스 확대' …"),
    ]
    resolved = resolve("아니 그거 말고 대체인력 예산", history, vocab)
    assert resolved.used_history
    assert "대체인력" in resolved.query and "긴급" not in resolved.query
    assert "예산" in resolved.query


def test_the_fact_named_by_nothing_but_the_questions_words_breaks_a_tie(
    service: RetrievalService,
) -> None:
    # Two goals mention 소속시설 and 모니터링; one is named just that (24회), the other is a
    # safety-check line of another project (분기별 1회). The follow-ups then stay on its project.
    first, budget, contact = _dialogue(
        service, ["소속시설 모니터링은 몇 회 하나요?", "그럼 예산은?", "담당자는?"]
    )
    assert first.found and "24회" in first.answer and "소속시설 조직진단" in first.answer
    assert budget.found and "800천원" in budget.answer
    assert all("소속시설 조직진단" in c.section for c in budget.citations)
    assert contact.found and "4041" in contact.answer


def test_interrogative_noun_is_asked_not_a_subject(service: RetrievalService) -> None:
    vocab = _vocab(service)
    assert subject_phrases("어느 지역이에요?", vocab) == []
    assert subject_phrases("어떤 서비스가 있어요?", vocab) == []
    assert "지역" in " ".join(subject_phrases("지역 격차 해소 사업 예산은?", vocab))


def test_the_noun_an_amount_is_asked_of_is_no_subject(service: RetrievalService) -> None:
    """ "종사자 응원콘서트 상금 얼마야?": 상금 is the measure asked, as 예산 is; the turns after
    ("문의는 어디로 해?") are about the concert, not its prize. Asked when, the noun is the
    subject asked of ("응원콘서트 언제야?")."""
    vocab = _vocab(service)
    assert subject_phrases("종사자 응원콘서트 상금 얼마야?", vocab, follow_up=False) == [
        "종사자",
        "응원콘서트",
    ]
    assert subject_phrases("대체인력 파견 수당 몇 원이야?", vocab, follow_up=False) == [
        "대체인력",
        "파견",
    ]
    assert "응원콘서트" in subject_phrases("소진예방 사업 응원콘서트 언제야?", vocab, False)
    # (a lone noun asked of stays the subject: there is no other)
    assert subject_phrases("응원콘서트 얼마야?", vocab, follow_up=False) == ["응원콘서트"]


def test_a_common_word_between_two_subject_nouns_is_part_of_the_name(
    service: RetrievalService,
) -> None:
    """교육 alone names no subject (it is in many passages), but "직원 교육 프로그램" is one
    name, as the documents write "교육 프로그램": a later turn ("그거 언제 해요?") asks of the
    training programme, not of 프로그램."""
    vocab = _vocab(service)
    assert subject_phrases("사회서비스원 직원 교육 프로그램 뭐 있어요?", vocab, False) == [
        "사회서비스원",
        "직원 교육 프로그램",
    ]
    # (not a word ending the name before, "사업 응원콘서트" written nowhere; not after the
    # last subject noun, nor a word that asks: 예산 of "대체인력 사업 예산")
    assert subject_phrases("소진예방 사업 응원콘서트 언제야?", vocab, False) == [
        "소진예방",
        "응원콘서트",
    ]
    assert subject_phrases("종사자 교육 몇 번 해?", vocab, False) == ["종사자"]
    assert subject_phrases("대체인력 사업 예산 얼마야?", vocab, False) == ["대체인력"]
    first = "사회서비스원 직원 교육 프로그램 뭐 있어요?"
    turn = resolve("그거 언제 해요?", [Turn(first, "문서에는 “…”라고 되어 있습니다.")], vocab)
    assert turn.used_history and "직원 교육 프로그램" in (turn.understood or ""), turn


def test_a_part_of_the_subject_said_again_asks_of_it(service: RetrievalService) -> None:
    """ "돌봄 몇 명 해줘?" after '…긴급·틈새 돌봄서비스 확대': 돌봄 is a part of the subject
    said before (돌봄서비스), so the turn asks of that project, as "몇 개 기업 뽑아요?" does of
    an AI 공급기업 call; the subject said again whole is a question of its own."""
    first = service.ask("긴급·틈새 돌봄서비스 확대 사업 뭐야?", "staff")
    history = [Turn("긴급·틈새 돌봄서비스 확대 사업 뭐야?", first.answer)]
    part = resolve("돌봄 몇 명 해줘?", history, _vocab(service))
    assert part.used_history and part.project and "긴급·틈새" in part.project, part


def test_whether_a_service_is_there_after_a_story_quotes_what_is_offered(
    service: RetrievalService,
) -> None:
    """ "도와줄 수 있는 서비스 있어요?" after "시골에 혼자 사시는 할머니" asks whether the
    project offers one: its purpose or content line, not its 추진배경 ("(서비스 공급격차 심화)
    …"), though the follow-up's query ends plainly ("…있어")."""
    _first, second = _dialogue(
        service, ["시골에 혼자 사시는 할머니", "도와줄 수 있는 서비스 있어요?"], "public"
    )
    assert second.found and second.citations, second.answer
    assert "추진배경" not in second.citations[0].section, second.citations[0]


def test_a_part_of_an_earlier_subject_phrase_asks_of_it(service: RetrievalService) -> None:
    """ "어떻게 상담받을 수 있어?" after 인권상담's target: 상담 is a part of the subject said
    before (인권상담), though not of the long name of its project; the turn asks of that
    project, not of whatever 상담 the documents mention (the 돌봄 call centre)."""
    first = service.ask("인권상담 목표 몇 건이야?", "public")
    assert first.found and "55건" in first.answer, first.answer
    part = resolve(
        "어떻게 상담받을 수 있어?",
        [Turn("인권상담 목표 몇 건이야?", first.answer)],
        _vocab(service),
    )
    assert part.used_history and "인권상담" in (part.understood or ""), part
    assert part.project and "인권보호체계" in part.project, part


def test_the_inquiry_said_first_asks_where_to_call(service: RetrievalService) -> None:
    """ "문의는 어디로 해요?" asks where to inquire as "어디로 문의해요?" does: the public
    line answers, asked alone or after a project."""
    assert intent.classify("문의는 어디로 해?") == "phone"
    alone = service.ask("긴급돌봄 문의는 어디로 해요?", "public")
    assert alone.found and "1522-0365" in alone.answer, alone.answer
    _first, after = _dialogue(service, ["긴급돌봄 서비스 있어요?", "문의는 어디로 해요?"], "public")
    assert after.found and "1522-0365" in after.answer, after.answer


def test_a_compound_written_without_spaces_is_a_new_subject(service: RetrievalService) -> None:
    # "복지자원플랫폼" (Kiwi: one noun the index never holds whole) is 복지자원 and 플랫폼: a
    # new subject, not a follow-up of the turn before; 전화번호 (전화, 번호) asks a kind.
    vocab = _vocab(service)
    assert subject_phrases("복지자원플랫폼 담당팀", vocab) != []
    assert subject_phrases("전화번호 알려주세요", vocab) == []
    _first, platform = _dialogue(
        service, ["종사자역량강화교육 목표 횟수", "복지자원플랫폼 담당팀"], "staff"
    )
    assert platform.understood is None, platform.understood
    assert "종사자 직무역량" not in platform.answer, platform.answer


def test_follow_up_after_an_unanswered_turn_invents_no_topic(service: RetrievalService) -> None:
    vocab = _vocab(service)
    not_found = service.ask("주차장 있어요?", viewer="public")
    assert not not_found.found
    history = [Turn("주차장 있어요?", not_found.answer)]
    # The not-found answer's suggested topics are not what the turn was about.
    resolved = resolve("그럼 예산은?", history, vocab)
    assert not resolved.used_history and resolved.no_subject
    answer = service.ask("그럼 예산은?", viewer="public", history=[_as_dict(history[0])])
    assert not answer.found and not answer.citations
    assert "무엇에 대한 질문인지" in answer.answer
    # A follow-up that names its own subject is answered as asked.
    named = service.ask(
        "그럼 돌봄 상담 전화번호 알려 주세요", viewer="public", history=[_as_dict(history[0])]
    )
    assert named.found and "1522-0365" in named.answer
    # A number asked of no project is the agency's public lines, as when asked alone (the
    # issue's citizen: a story nothing answered, then "그럼 어디로 연락해요?").
    lines = service.ask("그럼 어디로 연락해요?", viewer="public", history=[_as_dict(history[0])])
    assert lines.found and "돌봄종합정보상담 콜센터" in lines.answer and "1522-0365" in lines.answer
    assert all("1522-0365" in c.quote for c in lines.citations)


def test_a_first_question_naming_nothing_is_asked_to_name_it(service: RetrievalService) -> None:
    """ "담당자가 누구야?" with no earlier turn: any one project's staff line would be a guess
    (it was quoted before). The agency's own facts need no subject: "몇 등급이야?" is its grade."""
    for question in ("담당자가 누구야?", "예산은 얼마야?"):
        answer = service.ask(question, viewer="staff")
        assert not answer.found and not answer.citations, answer.answer
        assert "무엇에 대한 질문인지" in answer.answer and "앞의 대화" not in answer.answer
    grade = service.ask("몇 등급이야?", viewer="staff")
    assert grade.found and "A" in grade.answer
    named = service.ask("대체인력 파견 담당자가 누구야?", viewer="staff")
    assert named.found


def test_item_under_the_answered_project_keeps_the_project(service: RetrievalService) -> None:
    # 돌봄사각지대 발굴 is a goal of two projects (25명 rural, 50명 per centre); after an answer
    # about the rural project, the item asked is that project's.
    first, item = _dialogue(service, ["농촌형 돌봄 예산은?", "돌봄사각지대 발굴 목표는 몇 명?"])
    assert first.found and "농촌형 돌봄" in first.answer
    assert item.understood and "농촌형 돌봄" in item.understood
    assert item.found and "25명" in item.answer and "50명" not in item.answer
    assert all("농촌형 돌봄" in c.section for c in item.citations)
    # A subject that heads a section of its own elsewhere starts a new topic.
    vocab = _vocab(service)
    switched = resolve(
        "인사위원회는 몇 회 운영하나요?",
        [Turn("농촌형 돌봄 예산은?", first.answer)],
        vocab,
    )
    assert not switched.used_history


@pytest.mark.parametrize(
    ("turn", "nouns"),
    [
        ("그 중 인건비는?", ["인건비"]),
        ("그럼 예산은?", []),  # the kind of answer, shown by a figure
        ("거기 담당은 누구야?", []),
        ("작년엔?", []),
        ("마지막 거 예산은?", []),  # an ordinal names a listed item, not an item of its own
        ("그 중 예산 제일 큰 건?", []),  # a ranking says 가장 its own way
        ("누가 신청할 수 있어요?", []),  # whom a service is for: its target line answers
        # a which-question's predicate: the line naming which says it without the word
        ("어느 지역이 대상인가요?", ["지역"]),
        ("어느 팀이 담당이에요?", []),
        ("대상 지역은 어디예요?", ["대상", "지역"]),
        ("예산 총액은?", []),  # a budget's sum, shown by a figure
        # what a number is called for: the line giving the number does not say it
        ("신청은 어디로 전화하면 돼요?", []),
        ("신청 전화번호는요?", []),
        ("아니 정보공시제 말고 대체인력 파견 실적 목표", ["대체", "인력", "파견", "실적", "목표"]),
    ],
)
def test_a_follow_ups_own_nouns(turn: str, nouns: list[str]) -> None:
    assert own_nouns(turn) == nouns


def test_a_question_that_names_the_project_itself_is_no_follow_up(
    service: RetrievalService,
) -> None:
    question = "대체인력 파견 목표는 몇 건이야?"
    first = service.ask(question, "staff")
    again = service.ask(question, "staff", history=[{"question": question, "answer": first.answer}])
    assert again.understood is None and not again.answer.startswith("(앞의 질문에 이어")
    assert "1,500건" in again.answer


def test_last_year_counts_back_from_the_year_the_answer_is_from(
    service: RetrievalService,
) -> None:
    first, second = _dialogue(service, ["대체인력 파견 목표 몇 건이야?", "작년에는?"])
    assert "2023년 사업계획서" in first.answer
    assert second.understood and second.understood.startswith("2022년")
    # Only the 2023 plan is indexed: said so, with what the documents do have, not found.
    assert not second.found and "물으신 연도의 자료는 문서에서 찾지 못했습니다" in second.answer
    assert "1,500건" in second.answer and second.citations


def test_a_superlative_follow_up_keeps_the_area(service: RetrievalService) -> None:
    _first, second = _dialogue(
        service, ["정책성과 영역 점수 알려줘", "배점 대비 가장 많이 깎인 지표는?"], viewer="staff"
    )
    assert second.understood and "정책성" in second.understood
    assert second.found and "서비스 품질의 우수성" in second.answer


def test_a_turn_narrowing_a_list_sets_the_project_its_answer_names(
    service: RetrievalService,
) -> None:
    """ "그 중에 농촌 관련된 건?" after the team's projects: its answer's project (농촌형 돌봄
    강화, named by the turn's 농촌) is what "예산은?" asks about, not the whole team."""
    _team, rural, budget = _dialogue(
        service,
        [
            "종합재가센터에서 하는 사업이 뭐예요?",
            "그 중에 농촌 관련된 건 뭐예요?",
            "예산은 얼마예요?",
        ],
    )
    assert "농촌형 돌봄 강화" in rural.answer
    assert budget.found and "10,500천원" in budget.answer, budget.answer
    assert "지역간 격차 해소를 위한 농촌형 돌봄 강화" in (budget.understood or "")


def test_a_correction_replaces_every_phrase_that_named_the_project(
    service: RetrievalService,
) -> None:
    """ "아니 대체인력 말고 긴급돌봄은?" after "대체인력 파견 사업 목표" and "예산은?": 파견 named
    the replaced project too; the 긴급·틈새 돌봄 project's budget answers."""
    *_rest, corrected = _dialogue(
        service,
        ["대체인력 파견 사업 목표가 몇 건이야?", "예산은?", "아니 대체인력 말고 긴급돌봄은?"],
    )
    assert "파견" not in (corrected.understood or ""), corrected.understood
    assert corrected.found and "80,000천원" in corrected.answer, corrected.answer


def test_why_after_a_ranking_is_about_the_area_it_named(service: RetrievalService) -> None:
    _ranking, why = _dialogue(service, ["그럼 가장 점수가 낮은 영역은?", "왜 깎였어?"])[-2:]
    assert "‘주요사업’" in _ranking.answer
    assert why.found and "주요사업" in (why.understood or ""), why.understood
    assert "평가위원" in why.answer


def test_a_part_of_the_project_asked_of_and_an_unanswered_turn_keep_the_topic(
    service: RetrievalService,
) -> None:
    """ "몇 명이나 파견해요?" names 파견, a word of the project answered about: a follow-up.
    Unanswered or not, "예산은?" after it is still about that project."""
    _first, count, budget = _dialogue(
        service, ["대체인력 지원은 어떤 시설이 받을 수 있어요?", "몇 명이나 파견해요?", "예산은?"]
    )
    assert "인력 공백에 대한 대체인력 파견" in (count.understood or ""), count.understood
    assert budget.found and "503,000천원" in budget.answer, budget.answer


def test_another_region_asks_the_earlier_request_without_its_particles(
    service: RetrievalService,
) -> None:
    vocab = _vocab(service)
    first = "충남 사회서비스원은 어떤 서비스로 상 받았어?"
    turn = resolve("전북은요?", [Turn(first, "문서에는 “…”라고 되어 있습니다.")], vocab)
    assert turn.used_history and turn.understood
    assert turn.understood.startswith("전북") and "충남" not in turn.query
    # The subject phrases leave with the particles written onto them (사회서비스원은, 서비스로).
    assert not {"은", "로"} & set(turn.understood.split()), turn.understood


def test_a_follow_up_after_an_unanswered_turn_names_the_nearest_topics_again(
    service: RetrievalService,
) -> None:
    # (a need no target line of the plan states: `answer_needs` offers no service)
    story = "시설 조리사가 갑자기 그만둬서 일할 사람이 없어요"
    first = service.ask(story, "public")
    assert not first.found and "‘" in first.answer  # the nearest topics the documents cover
    topics = re.findall(r"‘([^’]+)’", first.answer)
    history = [{"question": story, "answer": first.answer}]
    second = service.ask("그럼 예산은 얼마예요?", "public", history=history)
    assert not second.found
    # The asker may mean one of them: they are named again, to be asked about by name.
    assert all(f"‘{t}’" in second.answer for t in topics), second.answer
    # A number, though, needs no project: the agency's public lines, each named.
    call = service.ask("그럼 어디로 연락해요?", "public", history=history)
    assert call.found and "돌봄종합정보상담 콜센터" in call.answer and "1522-0365" in call.answer


@pytest.mark.parametrize("asked", ["경영평가 결과 알려줘", "경영평가 총점 몇 점이야?"])
def test_a_comparison_with_last_year_is_said_to_need_a_year_the_documents_lack(
    service: RetrievalService, asked: str
) -> None:
    # (asked by its counter only, "몇 점", the score is what is compared: no other line that
    # happens to say 전기평가 is read as the change)
    first, second = _dialogue(service, [asked, "작년보다 올랐어요?"])
    assert first.found and "92.15점" in first.answer
    # "작년보다" compares: the year asked stays 2024, and only 2024 is indexed.
    assert second.understood and second.understood.startswith("2024년")
    assert not second.found and "비교할 이전 연도의 자료가 없습니다" in second.answer
    assert "92.15점" in second.answer and second.citations


def test_the_year_offered_for_a_year_the_documents_lack_is_followed_up(
    service: RetrievalService,
) -> None:
    """ "작년 경영평가 결과는?" asked when the documents have another year only: they offer the
    year they have, and "몇 점이야?" next asks that year's score, not "of what?"."""
    first, second, third = _dialogue(
        service, ["사회서비스원 작년 경영평가 결과 어떻게 나왔어?", "몇 점이야?", "경영관리는?"]
    )
    assert not first.found and "그 연도의 자료가 없습니다" in first.answer, first.answer
    assert second.found and "92.15점" in second.answer, second.answer
    assert second.understood and second.understood.startswith("2024년"), second.understood
    assert third.found and "41.95점" in third.answer, third.answer


def test_a_quote_of_withheld_staff_details_is_no_answer(service: RetrievalService) -> None:
    # The public viewer would be shown "담당자 [비공개] · 팀장 [비공개]": nothing answered.
    _first, second = _dialogue(service, ["품질관리 컨설팅은 뭐예요?", "담당 팀은?"], "public")
    assert not second.found and "[비공개]" not in second.answer, second.answer
    _first, staff = _dialogue(service, ["품질관리 컨설팅은 뭐예요?", "담당 팀은?"], "staff")
    assert staff.found and "4053" in staff.answer, staff.answer


@pytest.mark.parametrize("turn", ["담당 부서는?", "담당 부서는요?", "어느 부서에서 해요?"])
def test_the_department_asked_of_the_project_before(service: RetrievalService, turn: str) -> None:
    # 부서 is a team by its general name: a follow-up, not a new subject
    _first, second = _dialogue(service, ["농촌형 돌봄 예산은 얼마예요?", turn], "public")
    assert second.found and "종합재가센터가 맡고 있습니다" in second.answer, second.answer
    assert second.understood and "농촌형 돌봄" in second.understood
    assert "[비공개]" not in second.understood


def test_where_is_answered_by_a_place_not_by_the_item_before(service: RetrievalService) -> None:
    # The first answer is a labelled line (돌봄서비스 : 가사 및 일상생활지원 …); the same line
    # names no place, so "where" is answered from the project's passages.
    first, second = _dialogue(
        service, ["농촌형 돌봄 서비스가 뭐예요?", "어느 지역에서 해요?"], "public"
    )
    assert first.found
    assert second.found and second.answer != first.answer
    assert any(place in second.answer for place in ("전주", "장수", "무주", "진안")), second.answer
    # what was understood names no verb stem left by the stripped 요 ("… 지역 해")
    assert second.understood and second.understood.endswith("지역"), second.understood


@pytest.mark.parametrize(
    ("request_", "last", "stem"),
    [("어느 지역에서 해", "해", True), ("그럼 돈", "돈", False), ("몇 명이나 와", "와", True)],
)
def test_a_stem_left_by_the_polite_ending_is_no_noun(request_: str, last: str, stem: bool) -> None:
    assert conversation._stem_left(request_, last) is stem


def test_everyday_words_answer_in_the_documents_words_and_set_the_topic(
    service: RetrievalService,
) -> None:
    first, second = _dialogue(
        service,
        ["시골에 혼자 사시는 할머니 돌봄 받을 수 있어요?", "신청하면 비용은 얼마예요?"],
        viewer="public",
    )
    # 시골 and 할머니 are no words of the plan; 농촌 and 노인 are, and the answer says it
    # read them so.
    assert first.found and "농촌" in _sections(first)
    assert first.answer.startswith("(질문의 ‘시골’은 ‘농촌’으로")
    # The project that answered is what the follow-up is about, not the turn's other words.
    assert second.understood and "농촌형 돌봄" in second.understood
    assert "혼자" not in second.understood
    assert not second.found  # the plan gives no fee


def test_a_corrected_kind_of_answer_replaces_the_request_not_the_subject(
    service: RetrievalService,
) -> None:
    first, second, third = _dialogue(
        service, ["대체인력 파견 예산 얼마야?", "담당자 누구야?", "아니 담당자 말고 팀장"], "staff"
    )
    assert third.understood and "대체인력 파견" in third.understood, third.understood
    assert third.understood.count("팀장") == 1 and "담당자" not in third.understood
    assert third.found and "김윤옥" in third.answer, third.answer


def test_a_corrected_team_takes_the_project_in_its_part_with_it(
    service: RetrievalService,
) -> None:
    # The issue's staff dialogue: 대체인력 파견 is a project in 시설지원팀's part, so "시설지원팀
    # 말고 경영기획팀" asks the budget of 경영기획팀, not 경영기획팀 inside 대체인력 파견.
    *_, third = _dialogue(
        service, ["대체인력 예산 얼마야?", "그 중 인건비는?", "아니 시설지원팀 말고 경영기획팀"]
    )
    assert third.understood and "경영기획팀" in third.understood, third.understood
    assert "대체인력" not in third.understood and "예산" in third.understood
    assert third.found and "경영기획팀의" in third.answer and "503,000" not in third.answer


def test_a_measure_named_by_its_counter_is_said_by_a_figure_in_it(
    service: RetrievalService,
) -> None:
    # "목표 인원은?" asks a head count: 1,450명 says it, though the line never writes 인원.
    first, second = _dialogue(service, ["종사자 교육 몇 번 하기로 했지?", "목표 인원은?"])
    assert first.found and "50회" in first.answer
    assert second.found and "1,450명" in second.answer, second.answer


@pytest.mark.parametrize(
    "turn", ["전년도랑 비교하면?", "전년도 대비 얼마나 늘었어?", "작년보다 늘었어?"]
)
def test_a_year_compared_is_a_follow_up_of_the_earlier_figure(
    service: RetrievalService, turn: str
) -> None:
    # The plan is indexed for one year: said so, with the target asked before (1,500건), not
    # the project's budget nor another line read as the change.
    first, second = _dialogue(service, ["대체인력 파견 목표 몇 건이야?", turn])
    assert first.found and "1,500건" in first.answer
    assert second.understood and "대체인력" in second.understood, second.understood
    assert not second.found and "비교할 이전 연도의 자료가 없습니다" in second.answer
    assert "1,500건" in second.answer and "503,000" not in second.answer, second.answer


def test_the_detail_asked_of_the_earlier_subject_is_a_follow_up(service: RetrievalService) -> None:
    # 세부 names no subject: the area's indicators, the project's content lines.
    _first, second = _dialogue(
        service, ["주요사업 점수 알려줘", "세부 지표별로 보여줘"], "evaluator"
    )
    assert second.understood and "주요사업" in second.understood, second.understood
    assert second.found and "지표별 점수" in second.answer, second.answer
    _first, second = _dialogue(service, ["긴급돌봄 사업 뭐 하는 거야?", "세부 내용 알려줘"])
    assert second.found and "긴급" in _sections(second), second.answer
    assert "(사업내용)" in second.answer or "제공내용" in second.answer, second.answer


def test_the_winner_of_a_ranking_is_asked_of_after_it(service: RetrievalService) -> None:
    # 담당팀 names what is asked (a team), not a new subject: the project ranked first.
    *_, team = _dialogue(service, ["2023년 사업 중에 예산 제일 많은 사업은?", "담당팀은?"])
    assert team.understood and "대체인력 파견" in team.understood, team.understood
    assert team.found and "시설지원팀" in team.answer, team.answer


def test_a_bare_superlative_ranks_what_was_asked_before(service: RetrievalService) -> None:
    *_, best = _dialogue(
        service, ["주요사업 영역 점수는?", "지표별로 보여줘", "제일 높은 건?"], "evaluator"
    )
    assert best.found and "가장 높은 지표" in best.answer, best.answer
    assert "주요사업 ›" in best.answer
    # (건 of "제일 낮은 건?" is the thing asked for, no subject of its own)
    *_, worst = _dialogue(
        service, ["경영관리 분야 영역별 점수 알려줘", "제일 낮은 건?"], "evaluator"
    )
    assert worst.found and "가장 낮은 영역은 ‘리더십’" in worst.answer, worst.answer


def test_an_ordinal_after_a_list_of_scores_asks_that_parts_score(
    service: RetrievalService,
) -> None:
    # The indicators of a broken-down score are its items, in order (it had answered the
    # area's total for "두 번째 지표 점수는?")
    *_, second = _dialogue(
        service, ["주요사업 세부 지표 뭐 있어?", "두 번째 지표 점수는?"], "evaluator"
    )
    assert second.found and "품질평가 컨설팅 수행 여부" in second.answer, second.answer
    assert "0.50점" in second.answer
    # alone, the ordinal asks that part's score
    *_, third = _dialogue(
        service, ["주요사업 영역 점수는?", "지표별로 보여줘", "세 번째는?"], "evaluator"
    )
    assert third.found and "'민간기관 지원 사업 실적'의 득점은 5.00점" in third.answer, third.answer


def test_a_superlative_after_a_parts_score_ranks_the_parts_under_it(
    service: RetrievalService,
) -> None:
    # "그 중 제일 낮은 건?" after a field's score names no level: the field's areas (it had
    # not been found), and "왜?" next asks of the lowest (리더십)
    *_, lowest, why = _dialogue(
        service, ["경영관리 점수 알려줘", "그 중 제일 낮은 건?", "왜?"], "evaluator"
    )
    assert lowest.found and "가장 낮은 영역은 ‘리더십’" in lowest.answer, lowest.answer
    assert why.found and why.answer.startswith(("(앞의 질문에 이어 ‘2024년 리더십’", "‘리더십’"))
    # an area's: its indicators
    area = service.ask("리더십 점수 제일 낮은 건?", "evaluator")
    assert area.found and "가장 낮은 지표는" in area.answer and "리더십 ›" in area.answer


def test_a_part_of_the_year_is_asked_of_the_earlier_subject(service: RetrievalService) -> None:
    # 상반기 names when, not what: the project asked about before, not another that says 상반기.
    *_, second = _dialogue(service, ["대체인력 파견 사업 일정 알려줘", "상반기에는 뭐 해?"])
    assert second.understood and "대체인력 파견" in second.understood, second.understood
    assert "인권" not in second.answer, second.answer


def test_another_item_of_the_same_project_keeps_the_project(service: RetrievalService) -> None:
    # 간담회 is said by other projects too (인권활동가 간담회): after 긴급돌봄's 교육 target it
    # is that project's 간담회 (5회), not another project's.
    *_, third = _dialogue(service, ["긴급돌봄 목표가 뭐야?", "그 중 교육은 몇 회야?", "간담회는?"])
    assert third.understood and "긴급·틈새" in third.understood, third.understood
    assert third.found and "간담회는 5회" in third.answer, third.answer
    # a region is another subject, not an item ("대전은?" replaces the subject)
    vocab = _vocab(service)
    assert vocab.said_under("위기상황 등 돌봄 대응을 위한 긴급·틈새 돌봄서비스 확대", "간담회")
    assert not vocab.said_under("위기상황 등 돌봄 대응을 위한 긴급·틈새 돌봄서비스 확대", "긴급")


@pytest.mark.parametrize(
    ("turns", "names", "said"),
    [
        (
            ["사회적책임 점수 몇 점?", "경영시스템은?", "둘 중 어느 게 더 높아?"],
            ("사회적책임", "경영시스템"),
            "보다 높습니다",
        ),
        (
            ["경영관리 분야 점수는?", "경영성과는?", "합치면?"],
            ("경영관리", "경영성과"),
            "합은 92.15점",
        ),
        (
            ["대체인력 예산 얼마야?", "긴급돌봄은?", "합치면?"],
            ("대체인력", "긴급돌봄"),
            "583,000천원",
        ),
        (["전북 등급은?", "대전은?", "차이는 몇 점이야?"], ("전북", "대전"), "총점 차이는 5.28점"),
    ],
)
def test_the_two_subjects_asked_last_are_taken_together(
    service: RetrievalService, turns: list[str], names: tuple[str, str], said: str
) -> None:
    *_, last = _dialogue(service, turns, "evaluator")
    assert last.understood and all(n in last.understood for n in names), last.understood
    assert last.found and said in last.answer, last.answer


def test_a_bare_title_asks_its_holder_of_the_earlier_subject(service: RetrievalService) -> None:
    *_, second = _dialogue(service, ["ESG위원회 몇 번 열려?", "누가 위원장이야?"])
    assert second.understood and "ESG" in second.understood, second.understood
    # asked first, a title is still the question's own words (no subject asked for)
    vocab = _vocab(service)
    assert conversation.subject_phrases("위원장이 누구예요?", vocab, follow_up=False)
    assert not conversation.subject_phrases("위원장이 누구예요?", vocab)


def test_a_not_found_offers_a_long_project_name_and_no_example_as_a_topic(
    service: RetrievalService,
) -> None:
    # The plan's project names run to 70 characters; the example of how to ask ("(예: '…')")
    # is no topic the documents cover.
    first, second = _dialogue(
        service, ["복지 정보 찾아볼 수 있는 사이트 있어요?", "언제 열어요?"], "public"
    )
    assert not first.found and "복지자원 플랫폼" in first.answer, first.answer
    assert "예:" not in second.answer and "대체인력 파견 목표는" not in second.answer


def test_what_was_understood_writes_a_word_kiwi_reads_in_two_whole() -> None:
    # Kiwi reads 내선 as 나+의 선: the phrase is the word as written, not "선".
    assert conversation._noun_phrases("내선은?")[0][0] == "내선"
    assert conversation._noun_phrases("내선번호는?")[0][0] == "내선번호"


def test_the_others_are_asked_the_earlier_request(service: RetrievalService) -> None:
    # "다른 시도는?" after the agency's grade: theirs (시도 is no subject: an attempt, 사상구's)
    *_, others = _dialogue(service, ["전북 경영평가 등급 뭐야?", "다른 시도는?"], "evaluator")
    assert others.found and "대전 S(총점 97.43점)" in others.answer, others.answer
    *_, leadership = _dialogue(service, ["리더십 점수는?", "다른 기관은?"], "evaluator")
    assert "97.43" not in leadership.answer, leadership.answer


def test_a_part_a_project_is_not_in_is_not_its_enclosing_part(service: RetrievalService) -> None:
    vocab = _vocab(service)
    project = "인력 공백에 대한 대체인력 파견"
    assert vocab.encloses("시설지원팀", project)
    assert not vocab.encloses("경영기획팀", project)
    assert not vocab.encloses("사업목표", project)  # a heading below it, not above
    assert not vocab.encloses("대체인력", project)  # its own name


def test_the_project_a_fact_answer_names_is_the_topic_after_it(
    service: RetrievalService,
) -> None:
    # The answer names the project ('…인권보호체계를 구축하여 …' 사업에서), though the turn said
    # only 인권상담: "담당자는?" asks that project's.
    first, second = _dialogue(
        service, ["온·오프라인 인권상담 목표는 몇 건이에요?", "담당자는?"], "staff"
    )
    assert first.found and "55건" in first.answer
    assert second.found and "4051" in second.answer, second.answer
    # A citizen asking where to call gets no quote of the withheld staff line, nor the
    # project's period read as an extension number ("2023. 1 ~ 12월").
    *_, third = _dialogue(
        service,
        [
            "인권침해 당하면 상담받을 수 있어요?",
            "상담은 몇 건이나 했어요?",
            "어디로 연락하면 돼요?",
        ],
        "public",
    )
    assert "[비공개]" not in third.answer and "2023. 1" not in third.answer, third.answer


def test_a_subject_the_documents_lack_is_not_found_not_asked_for(
    service: RetrievalService,
) -> None:
    # 어린이집 is a subject, one the plan never names: the answer says it is not found (with
    # what the documents cover), it does not ask which project is meant.
    answer = service.ask("어린이집도 운영해요?", "public")
    assert not answer.found and "문서에서 찾지 못했습니다" in answer.answer, answer.answer
    assert "무엇에 대한 질문인지" not in answer.answer
    # a kind of answer alone still names nothing
    assert "무엇에 대한 질문인지" in service.ask("담당자가 누구야?", "public").answer


def test_a_derived_word_reaches_the_documents_word(service: RetrievalService) -> None:
    # 청렴도 is no word of the plan; 청렴 is, in its anti-corruption project
    answer = service.ask("청렴도는 어떻게 관리해요?", "public")
    assert answer.found and answer.answer.startswith("(질문의 ‘청렴도’는 ‘청렴’으로"), answer.answer
    assert "청렴" in _sections(answer) or "청렴" in answer.answer.split(")", 1)[1]


def test_a_word_most_passages_use_names_no_new_subject(service: RetrievalService) -> None:
    # 사업 is in a large share of the passages: "사업 기간은?" after the 대체인력 answer asks
    # that project's period, not every project's.
    vocab = _vocab(service)
    assert not vocab.is_subject("사업") and vocab.is_subject("대체")
    turns = [Turn("대체인력 예산 얼마야?", service.ask("대체인력 예산 얼마야?", "staff").answer)]
    resolved = resolve("사업 기간은?", turns, vocab)
    assert resolved.used_history and "대체인력" in resolved.query
    answer = service.ask("사업 기간은?", "staff", history=[t.__dict__ for t in turns])
    assert answer.found and "2023. 1 ~ 12월" in answer.answer


def test_the_issues_citizen_story_a_need_stated_then_where_to_call_and_until_when(
    service: RetrievalService,
) -> None:
    # A statement, no question: its circumstances (아버지, 다리, 어머니) are in no passage; the
    # need (돌봐 줄 사람) is met by a service whose target group the plan states.
    first, second, third = _dialogue(
        service,
        [
            "아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요",
            "그럼 어디로 연락해요?",
            "하루에 몇 시간이나 와 주세요?",
        ],
        "public",
    )
    assert first.found and first.answer.startswith("말씀하신 상황이라면 ‘"), first.answer
    assert "긴급·틈새" in first.answer and "대상자 기준" in first.citations[0].quote
    # The service suggested is the topic: its team's public line, not a withheld extension.
    assert second.understood and "긴급·틈새" in second.understood
    assert second.found and "1522-0365" in second.answer, second.answer
    assert "[비공개]" not in second.answer and "2062" not in second.answer
    # The plan gives the hours over 30 days (72시간), not a day's: quoted, and said to be so.
    assert third.found and "72시간" in third.answer, third.answer
    assert "‘하루’ 기준의 수치가 없어" in third.answer
    # After a phone line is given, "몇 시까지 받아요?" asks that line's hours.
    *_, hours = _dialogue(
        service,
        [
            "아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요",
            "전화번호 알려 주세요",
            "몇 시까지 받아요?",
        ],
        "public",
    )
    assert hours.understood and "콜센터" in hours.understood, hours.understood
    assert hours.found and "9:00~18:00" in hours.answer, hours.answer
    # a line given under two names (…콜센터·긴급돌봄 대표번호): its hours, not its number again
    *_, hours = _dialogue(
        service, ["사회서비스원 전화번호 알려주세요", "몇 시까지 해요?"], "public"
    )
    assert hours.understood and "번호" not in hours.understood, hours.understood
    assert hours.found and "9:00~18:00" in hours.answer, hours.answer
    # lines named together as sharing one number ("긴급돌봄 대표번호와 돌봄종합정보상담 콜센터
    # 번호는 모두 …"): one line, named as the answer did, without "모두" or a stray 와
    first, hours = _dialogue(service, ["종합재가센터 전화번호 알려줘", "몇 시까지 해요?"], "public")
    assert "모두 1522-0365" in first.answer, first.answer
    assert hours.understood and "콜센터" in hours.understood, hours.understood
    assert not re.search(r"모두|돌봄와", hours.understood), hours.understood
    assert hours.found and "9:00~18:00" in hours.answer, hours.answer


def test_a_stated_need_no_target_line_meets_is_not_answered(service: RetrievalService) -> None:
    (answer,) = _dialogue(service, ["시설 조리사가 갑자기 그만둬서 일할 사람이 없어요"], "public")
    assert not answer.found and "찾지 못했습니다" in answer.answer


def test_a_listed_item_is_asked_by_its_place(service: RetrievalService) -> None:
    # "첫 번째 사업 목표는?" after a list: that item is the subject, the rest the request
    listed, first, second, last = _dialogue(
        service,
        ["종합재가센터 사업 뭐 있어요?", "첫 번째 사업 목표는?", "두번째는?", "마지막 거 예산은?"],
    )
    items = re.findall(r"“([^”]+)”", listed.answer)
    assert len(items) >= 3, listed.answer
    assert first.understood and items[0] in first.understood and "목표" in first.understood
    assert second.understood and items[1] in second.understood
    assert last.understood and items[-1] in last.understood and "예산" in last.understood
    assert last.found and "천원" in last.answer, last.answer
    # no list before: an ordinal picks nothing ("두 번째" of what is not known)
    plain = service.ask(
        "두 번째 사업 목표는?", "staff", history=[{"question": "안녕하세요", "answer": ""}]
    )
    assert plain.understood is None or items[1] not in plain.understood


def test_a_reason_asked_by_its_own_word_follows_up(service: RetrievalService) -> None:
    # 사유 asks a reason as 이유 does: "감점 사유는?" is of the indicator before, not new
    first, second = _dialogue(service, ["인권경영 지표 점수 알려줘", "감점 사유는?"], "evaluator")
    assert first.found
    assert second.understood and "인권경영" in second.understood, second.answer
    assert second.found and "인권경영" in second.answer


def test_a_follow_up_asking_a_budget_is_not_answered_by_other_figures(
    service: RetrievalService,
) -> None:
    # "그거 예산은?" asks an amount in 원: a quote holding head counts (2명, 4명) is none
    first, second = _dialogue(
        service, ["농촌형 돌봄 서비스 제공인력 몇 명이에요?", "그거 예산은?"], "public"
    )
    assert first.found and "요양보호사 4명" in first.answer
    assert second.understood and "예산" in second.understood
    assert not second.found or "원" in second.answer, second.answer
    assert "4명" not in second.answer
    # (the question this test once began with, "요양보호사 처우 개선하는 사업 있어요?", is
    # no longer answered with that head count: its follow-up asks for the subject)
    first, second = _dialogue(service, ["요양보호사 처우 개선하는 사업 있어요?", "그거 예산은?"])
    assert not first.found and not second.found and "4명" not in second.answer


def test_a_plan_part_without_the_item_asked_says_so(service: RetrievalService) -> None:
    # The 2023 plan gives 종사자 역량강화교육 a target and a budget but no 실적 or 신청 line
    _first, done, apply = _dialogue(
        service, ["종사자 교육 사업 목표 몇 명이야?", "실적은?", "신청은 어떻게 해?"]
    )
    for answer, item in ((done, "실적"), (apply, "신청")):
        assert not answer.found
        assert f"부분에는 ‘{item}’에 대한 내용이 따로 나와 있지 않습니다" in answer.answer, (
            answer.answer
        )


def test_the_evaluators_comments_follow_up_a_score(service: RetrievalService) -> None:
    # "평가위원 의견은?" after an area's score asks that area's comments, not a new topic
    # (an indicator named for 의견 — "…관계자 의견을 적극 수렴…" — is not the subject)
    _score, comments = _dialogue(service, ["리더십 점수는?", "평가위원 의견은?"], "evaluator")
    assert comments.understood and "리더십" in comments.understood, comments.answer
    assert comments.found and comments.answer.count("“") >= 2
    assert "관계자 의견" not in comments.answer
    # what they told to improve is a reason asked of the same subject
    _low, _said, improve = _dialogue(
        service,
        ["제일 점수 낮은 지표는 뭐야?", "평가위원 의견은?", "개선하라고 한 건 뭐야?"],
        "evaluator",
    )
    assert improve.understood and "공모 사업" in improve.understood, improve.answer
    assert improve.found and "지적한 점은" in improve.answer
    # so is the remedy named ("개선 방안은 뭐라고 했어?"): not a question of its own about
    # whatever 개선방안 the plan mentions
    _why, remedy = _dialogue(
        service, ["정부위탁사업 운영 점수 왜 낮아?", "개선 방안은 뭐라고 했어?"], "evaluator"
    )
    assert remedy.understood and "정부위탁사업 운영" in remedy.understood, remedy.answer
    assert remedy.found and "지적한 점은" in remedy.answer, remedy.answer


def test_another_year_asked_after_an_answer_naming_none_keeps_the_request(
    service: RetrievalService,
) -> None:
    # "작년엔?" after a score whose answer says no year: the same request, of 작년 — not the
    # area's list of indicators (the request was lost, leaving 재무관리 alone)
    _score, last_year = _dialogue(service, ["재무관리 점수", "작년엔?"], "evaluator")
    assert last_year.understood and "점수" in last_year.understood, last_year.answer
    assert "가지가 있습니다" not in last_year.answer


def test_a_region_asked_whether_it_has_the_same_keeps_the_topic(
    service: RetrievalService,
) -> None:
    # "전북에도 있어요?" after another region's service: the topic stays, now in 전북 (no
    # region was said before: the region is added, not put in place of the topic).
    _first, there = _dialogue(
        service, ["혼자 사는 노인 고독사 막는 사업 있어요?", "전북에도 있어요?"], "public"
    )
    assert there.understood and "고독사" in there.understood and "전북" in there.understood
    assert there.found and "고독사" in there.answer, there.answer
    # a region said before is replaced: "전북은 없어요?" after 대전's result asks 전북's
    _daejeon, jeonbuk = _dialogue(
        service, ["대전 사회서비스원 평가 결과는?", "전북은 없어요?"], "evaluator"
    )
    assert jeonbuk.found and "92.15점" in jeonbuk.answer, jeonbuk.answer


@pytest.mark.parametrize(
    ("turn", "said"),
    [
        ("무료예요?", "무료"),
        ("무료인가요?", "무료"),
        ("예약제예요?", "예약제"),
        ("무료는?", None),  # a topic named, not said of the one before
        ("뭐예요?", None),
        ("전북이에요?", None),
        ("긴급돌봄 대상이 뭐예요?", None),
    ],
)
def test_a_noun_said_of_the_subject_with_a_copula(turn: str, said: str | None) -> None:
    from retrieval.conversation import _predicated

    assert _predicated(turn.rstrip("?")) == said


def test_a_noun_said_of_the_subject_asks_it_of_that_subject(service: RetrievalService) -> None:
    # "무료예요?" after a service: whether that service is free — not 무료임대 of a training
    # room, which a new question about 무료 would quote.
    _what, free = _dialogue(service, ["긴급돌봄이 뭐예요?", "무료인가요?"], "public")
    assert free.understood and "긴급돌봄" in free.understood, free.answer
    assert "무료임대" not in free.answer


def test_a_superlative_over_the_listed_projects(service: RetrievalService) -> None:
    # "제일" is said by the ranking as 가장: the follow-up's own words do not reject it.
    _listed, biggest = _dialogue(
        service, ["시설지원팀 사업 목록 보여줘", "그 중 예산 제일 큰 건?"], "staff"
    )
    assert biggest.found and "503,000천원" in biggest.answer, biggest.answer


def test_the_full_marks_and_the_findings_follow_up_a_score(service: RetrievalService) -> None:
    _score, full, findings = _dialogue(
        service, ["윤리경영 점수는?", "만점이 몇 점이야?", "지적사항은?"], "evaluator"
    )
    assert full.understood and "윤리경영" in full.understood
    assert full.found and "배점 1점" in full.answer, full.answer
    # 지적사항 asks the evaluators' findings of the same indicator (사항 is no subject)
    assert findings.understood and "윤리경영" in findings.understood, findings.answer
    assert findings.found and "인권경영체제" in findings.answer, findings.answer


def test_how_long_is_no_amount_of_money(service: RetrievalService) -> None:
    # "얼마나 오래" asks a duration: the service's hours, not its budget.
    _first, how_long = _dialogue(
        service, ["장애인도 긴급돌봄 받을 수 있어요?", "얼마나 오래 와줘요?"], "public"
    )
    assert how_long.found and "72시간" in how_long.answer, how_long.answer
    assert "천원" not in how_long.answer


def test_when_asked_of_a_project_is_its_period(service: RetrievalService) -> None:
    # The overview passage states the period; the project's long name alone ranks its
    # background higher.
    _budget, until = _dialogue(service, ["종사자 처우개선 사업 예산 얼마야?", "언제까지 해?"])
    assert until.found and "(사업기간) 2023. 1 ~ 12월" in until.answer, until.answer


def test_another_region_compared_with_the_one_before(service: RetrievalService) -> None:
    _total, diff = _dialogue(service, ["전북 총점 몇 점이야?", "대전이랑 차이는?"], "evaluator")
    assert diff.understood and "대전" in diff.understood and "전북" in diff.understood
    assert diff.found and "5.28점" in diff.answer, diff.answer


@pytest.mark.parametrize(
    ("turn", "region"),
    [
        ("대전이랑 차이는", "대전"),
        ("경남과 비교하면", "경남"),
        ("대전하고 비교해 줘", "대전"),
        ("대전은", None),  # the earlier request of 대전, not a comparison
        ("대전 사업이랑 차이는", None),
        ("차이는", None),
    ],
)
def test_a_region_compared(turn: str, region: str | None) -> None:
    from retrieval.conversation import _region_compared

    assert _region_compared(turn) == region


def test_an_unanswered_year_offers_no_unrelated_fact_and_is_not_carried(
    service: RetrievalService,
) -> None:
    target, last_year, staff = _dialogue(
        service, ["인권상담 목표 몇 건이야?", "작년 실적은?", "담당자 누구야?"]
    )
    assert target.found and "55건" in target.answer
    # No 실적 of the project in any year: said so, with no other indicator's measurement
    # (a fact matched by a word or two of the project's long name) offered instead.
    assert not last_year.found and "품질평가" not in last_year.answer, last_year.answer
    # The year the unanswered turn asked is not the next turn's.
    assert staff.found and "4051" in staff.answer, staff.answer
    assert staff.understood and "2022년" not in staff.understood


def test_a_cost_item_follows_up_the_project_before(service: RetrievalService) -> None:
    # "교육훈련비는?" names no new subject: the project answered before itemises its budget.
    _budget, training = _dialogue(service, ["긴급돌봄 예산 얼마야?", "교육훈련비는?"])
    assert training.understood and "긴급·틈새" in training.understood, training.answer
    assert training.found and "1,840천원" in training.answer, training.answer
    # one the project does not itemise is said to be missing there, not quoted from another
    _target, wages = _dialogue(
        service, ["대체인력 파견 실적 목표 몇 건?", "인건비는 얼마 잡혀있어?"]
    )
    assert not wages.found and "대체인력 파견’ 부분에는 ‘인건비’" in wages.answer, wages.answer


def test_a_cost_item_follows_up_the_project_whose_lines_were_quoted(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "대면 비대면 나누면?" names no project and is answered by the lines of one
    (‘소속시설 조직진단을 통한 경영혁신’에 대해 문서에는 “비대면 모니터링 진행 8회 진행” …):
    "여비는 얼마야?" next asks that project's 여비 (800천원), not another project's 여비 cell
    (400천원), as it would after an answer naming the project."""
    turns = ["소속시설 모니터링 올해 몇 회?", "대면 비대면 나누면?", "여비는 얼마야?"]
    *_, quoted, travel = _dialogue(service, turns)
    assert "‘소속시설 조직진단을 통한 경영혁신’에 대해 문서에는" in quoted.answer, quoted.answer
    assert travel.found and "800천원" in travel.answer, travel.answer
    assert travel.understood and "조직진단" in travel.understood, travel.answer
    monkeypatch.setattr(conversation, "COST_OF_QUOTED", False)
    *_, alone = _dialogue(service, turns)
    assert "800천원" not in alone.answer, alone.answer


def test_a_label_of_the_projects_lines_asks_that_line(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "감찰범위는?" after the project's 상시감찰반 count names what its part writes as a
    line's label ("감찰범위 : 직무태만, 업무소홀, 부적정 예산집행"): that line is asked, not
    the earlier request (몇 명) of another subject."""
    turns = ["상시감찰반은 몇 명이야?", "감찰범위는?"]
    *_, scope = _dialogue(service, turns)
    assert scope.found and "직무태만" in scope.answer, scope.answer
    monkeypatch.setattr(conversation, "LABEL_ASKED", False)
    *_, alone = _dialogue(service, turns)
    assert "직무태만" not in alone.answer, alone.answer


def test_the_one_item_of_a_list_is_what_that_item_points_at(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "그 지표 평가 의견은?" after "…만점을 받지 못한 지표는 다음과 같습니다: 1. 소통 및
    참여(5) — 지역사회 … 네트워크 구축 2.70점(배점 3점)": the one indicator listed is the
    subject, and 지표 (which points at it) is no word the answer must say; its evaluators'
    comment answers."""
    turns = ["사회적책임 점수 몇 점이야?", "만점 못 받은 지표는 뭐야?", "그 지표 평가 의견은?"]
    *_, listed, comment = _dialogue(service, turns, "evaluator")
    assert "만점을 받지 못한 지표는 다음과 같습니다: 1. 소통 및 참여" in listed.answer, listed
    assert comment.found and "새로운 공급 기관과 협력" in comment.answer, comment.answer
    assert comment.understood and "네트워크 구축" in comment.understood, comment.answer
    assert conversation.own_nouns("그 항목 개선 의견은 뭐였나요?") == []
    monkeypatch.setattr(conversation, "ONE_LISTED_POINTED", False)
    *_, alone = _dialogue(service, turns, "evaluator")
    # (without it: the area's comments, all eight, of which that indicator's is one)
    assert "네트워크 구축" not in (alone.understood or ""), alone.answer


def test_the_recommendation_for_the_one_item_listed_is_its_comment(
    service: RetrievalService,
) -> None:
    """ "해당 지표에 대한 개선 권고 내용은 무엇입니까?" after the one indicator short of its
    배점: its evaluators' comment ("…사회복지 네트워크의 확대가 필요"); 권고 is how the
    question names the comment, not a word it must say (it was not found)."""
    turns = [
        "사회적 책임 분야 득점 확인 부탁드립니다.",
        "만점을 받지 못한 세부 지표는 어느 것입니까?",
        "해당 지표에 대한 개선 권고 내용은 무엇입니까?",
    ]
    *_, comment = _dialogue(service, turns, "evaluator")
    assert comment.found and "새로운 공급 기관과 협력" in comment.answer, comment.answer


def test_the_way_asked_is_the_line_giving_it(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "점수 산출 방식" after the survey's targets: the plan's "조사산출 : 서비스요소별
    만족도(70%)+전반적만족도(30%)"; 방식 (the way asked) is no word that line must say."""
    turns = ["재가센터 이용자 만족도조사 몇명 대상", "제공인력은", "점수 산출 방식"]
    *_, way = _dialogue(service, turns, "staff")
    assert way.found and "전반적만족도(30%)" in way.answer, way.answer
    assert conversation.own_nouns("신청 방법은?") == ["신청"]
    monkeypatch.setattr(conversation, "MANNER_ASKED", False)
    *_, alone = _dialogue(service, turns, "staff")
    assert "전반적만족도(30%)" not in alone.answer, alone.answer


def test_that_project_is_the_project_not_the_item_named_before(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "그 사업 예산 총액은?" after "찾아가는 사서원 몇 회 해?" (answered with the project that
    holds it): the project's own 소요예산, 7,200천원; the earlier turn's item (찾아가는 사서원)
    and its words are no longer the subject."""
    turns = ["찾아가는 사서원 몇 회 해?", "그 사업 예산 총액은?"]
    *_, total = _dialogue(service, turns)
    assert total.found and "7,200천원" in total.answer, total.answer
    assert total.understood and "사서원 " not in total.understood, total.understood
    monkeypatch.setattr(conversation, "THAT_PROJECT", False)
    *_, before = _dialogue(service, turns)
    assert "사서원 " in (before.understood or ""), before.understood


def test_whether_one_pays_is_not_answered_by_other_lines(service: RetrievalService) -> None:
    # The issue's citizen: no line says what the care costs the family; the service's targets
    # and staff counts are no answer to "돈은 내야 돼요?".
    *_, pay = _dialogue(
        service,
        ["아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요", "돈은 내야 돼요?"],
        "public",
    )
    assert pay.understood and "긴급" in pay.understood, pay.answer
    assert not pay.found, pay.answer


def test_who_may_apply_is_answered_by_the_content_line(service: RetrievalService) -> None:
    _what, who = _dialogue(service, ["대체인력 파견이 뭐예요?", "누가 신청할 수 있어요?"], "public")
    assert who.found and "사회복지시설" in who.answer, who.answer


def test_a_ranking_asked_in_other_words_is_answered(service: RetrievalService) -> None:
    answer = service.ask("예산 제일 많은 사업은?", "staff")
    assert answer.found and "503,000천원" in answer.answer, answer.answer


def test_a_rate_per_person_is_no_head_count(service: RetrievalService) -> None:
    answer = service.ask("사회서비스원 직원 몇 명이야?", "staff")
    assert "1인당" not in answer.answer, answer.answer


def test_the_example_of_an_ask_for_the_subject_is_no_topic(service: RetrievalService) -> None:
    # "예산은 얼마야?" alone is asked to name its subject, with an example (대체인력 파견); the
    # example is not what the next turn is about.
    first, second = _dialogue(service, ["예산은 얼마야?", "목표는?"])
    assert not first.found and "무엇에 대한 질문인지" in first.answer
    assert not (second.understood and "대체인력" in second.understood), second.answer
    assert "1,500건" not in second.answer


def test_a_follow_up_reads_the_projects_own_lines_of_its_item(service: RetrievalService) -> None:
    # The query carries the project's long name, whose words rank its background first; the
    # project's passages that say the turn's item (its 일반운영비 rows) are read too.
    _budget, running, travel = _dialogue(
        service, ["긴급돌봄 예산 얼마야?", "운영비는 얼마야?", "그 중 국내여비는?"]
    )
    assert running.found and "3,080천원" in running.answer, running.answer
    assert travel.found and "200천원" in travel.answer and "3,080" not in travel.answer


def test_our_agency_asked_after_another_ones_result(service: RetrievalService) -> None:
    # "우리는?" is this agency's by its region's name; "우리 어머니" is the asker's own.
    *_, ours = _dialogue(service, ["대전 경영평가 몇 점이야?", "우리는?"], "evaluator")
    assert ours.found and "92.15" in ours.answer and "97.43" not in ours.answer, ours.answer
    assert conversation._OURS.search("저희 기관 등급은요?")
    assert not conversation._OURS.search("우리 어머니가 아프신데 돌봄 받을 수 있나요?")


def test_our_agency_set_against_another_ones_result(service: RetrievalService) -> None:
    # "우리보다 높아요?" after 대전's total: both totals and their difference, not a quote
    # about anything with 높다.
    *_, higher = _dialogue(service, ["대전 사회서비스원은 몇 점 받았어요?", "우리보다 높아요?"])
    assert higher.found and "92.15" in higher.answer and "97.43" in higher.answer, higher.answer
    assert conversation._region_compared("전북보다 더 높아?") == "전북"
    assert conversation._region_compared("전북보다 예산이 많은 곳은?") is None


def test_the_region_a_which_question_was_answered_with_is_asked_next(
    service: RetrievalService,
) -> None:
    # "1등 한 데가 어디야?" answered by 대전's news: "거기는" is 대전, "우리는?" 전북.
    _first, there, ours = _dialogue(
        service, ["전국에서 1등 한 데가 어디야?", "거기는 몇 점?", "우리는?"], "evaluator"
    )
    assert there.understood and "대전" in there.understood, there.understood
    assert ours.found and "92.15" in ours.answer, ours.answer


def test_projects_ranked_or_counted_after_one_project_are_the_plans(
    service: RetrievalService,
) -> None:
    # One project holds no projects: the plan's are ranked and counted.
    *_, largest = _dialogue(service, ["대체인력 예산 얼마야?", "가장 예산 큰 사업은?"], "staff")
    assert largest.understood is None, largest.understood
    assert "다음:" in largest.answer, largest.answer  # the runners-up: a ranking of many
    *_, counted = _dialogue(service, ["대체인력 예산 얼마야?", "비예산 사업은 몇 개야?"], "staff")
    assert counted.found and "비예산 사업은 24개" in counted.answer, counted.answer
    # ... while a team's projects, listed before, are ranked among themselves
    *_, team = _dialogue(
        service, ["경영기획팀 사업 뭐 있어?", "그 중 예산 제일 큰 사업은?"], "staff"
    )
    assert "경영기획팀의 소요예산이 가장 큰" in team.answer, team.answer


def test_whether_a_project_has_a_budget_is_its_budget(service: RetrievalService) -> None:
    *_, budget = _dialogue(service, ["ESG 실무추진단 뭐 하는 거야?", "예산 있어?"], "staff")
    assert budget.found and "비예산 사업" in budget.answer, budget.answer
    *_, set_ = _dialogue(service, ["대체인력 예산 잡혀있지?"], "staff")
    assert "503,000천원" in set_.answer, set_.answer


def test_a_list_narrowed_to_the_items_saying_a_word(service: RetrievalService) -> None:
    # "그 중에 종사자 관련된 거는?" after the 15 strategic tasks: the three that say 종사자,
    # as the table writes them, cited from it.
    _tasks, workers = _dialogue(service, ["15대 전략과제 뭐 있어?", "그 중에 종사자 관련된 거는?"])
    assert workers.found and "다음 세 가지" in workers.answer, workers.answer
    assert "“종사자 소진예방 지원”" in workers.answer
    assert "전북형 돌봄체계" not in workers.answer
    assert workers.citations


def test_the_team_of_a_project_printed_under_none_is_said_to_be_unnamed(
    service: RetrievalService,
) -> None:
    answer = service.ask("안전점검 지원 사업 담당 팀은?", viewer="staff")
    assert answer.found and "팀의 이름이 나와 있지 않습니다" in answer.answer, answer.answer
    assert "박지현(내선 4054)" in answer.answer
    # a project under a team's heading is still answered by the team
    team = service.ask("대체인력 파견 사업 담당 팀은?", viewer="staff")
    assert "시설지원팀이 맡고 있습니다" in team.answer, team.answer


def test_a_year_the_documents_lack_is_not_carried_to_the_next_turn(
    service: RetrievalService,
) -> None:
    # "작년이랑 비교하면?" told there is no earlier year: "다른 시도는?" asks the others' score,
    # not last year's.
    *_, others = _dialogue(
        service, ["경영시스템 점수 몇 점이야", "작년이랑 비교하면?", "다른 시도는?"], "evaluator"
    )
    assert others.understood and "작년" not in others.understood, others.understood


def test_a_project_found_for_a_description_is_the_topic_after_it(
    service: RetrievalService,
) -> None:
    # "직원 복지 관련 사업 있어?" is answered by ‘복리후생, 처우개선을 …’, which the turn did not
    # name: "예산은?" asks that project's, not another that says 관련.
    _found, budget = _dialogue(service, ["직원 복지 관련 사업 있어?", "예산은?"])
    assert "복리후생" in _found.answer, _found.answer
    assert budget.found and "19,200천원" in budget.answer, budget.answer


def test_what_the_evaluators_said_asked_as_what_evaluation_it_got(
    service: RetrievalService,
) -> None:
    *_, said = _dialogue(service, ["정책성과 점수 몇 점이야?", "무슨 평가 받았어?"], "evaluator")
    assert said.found and "평가위원 의견은" in said.answer, said.answer


def test_a_fields_detailed_scores_and_the_highest_of_them(service: RetrievalService) -> None:
    # "세부 점수" of a field: its areas; "그 중에 가장 높은 건?" ranks those areas.
    detail, highest = _dialogue(
        service, ["경영성과 분야 세부 점수 알려줘", "그 중에 가장 높은 건?"], "evaluator"
    )
    assert "영역별 점수는" in detail.answer and "주요사업 22.50점" in detail.answer, detail.answer
    assert "‘정책성과’" in highest.answer and "경영관리" not in highest.answer, highest.answer


def test_points_lost_are_worked_out_and_the_indicators_short_listed(
    service: RetrievalService,
) -> None:
    lost = service.ask("리더십 영역은 몇 점 깎였어?", viewer="evaluator")
    assert lost.found and "2.25점이 모자랐습니다" in lost.answer, lost.answer
    assert any(f.type == "computed" and f.value == "2.25" for f in lost.facts)
    short = service.ask("경영성과에서 감점된 지표 있어?", viewer="evaluator")
    assert short.found and "지표는 6개입니다" in short.answer, short.answer
    assert "리더십" not in short.answer
    # the part named is the list's scope, asked outright or after a ranking of the areas
    named = service.ask("주요사업에서 감점된 지표는?", viewer="evaluator")
    assert named.found and "지표는 5개입니다" in named.answer, named.answer
    *_, there = _dialogue(service, ["제일 점수 낮은 영역은?", "거기서 감점된 지표는?"], "evaluator")
    assert "주요사업 영역에서 배점보다 낮게 받은 지표는 5개" in there.answer, there.answer
    # "감점된 거는?" asks the things that lost points too (the area's total lost had been
    # given): after a list of the area's indicators, and asked outright
    *_, things = _dialogue(
        service,
        ["정책성과 점수 몇 점이야?", "세부 지표 뭐 있어?", "그 중 감점된 거는?"],
        "evaluator",
    )
    assert "지표는 1개입니다" in things.answer and "서비스 품질의 우수성" in things.answer, (
        things.answer
    )
    cut = service.ask("리더십 영역 깎인 거 있어?", viewer="evaluator")
    assert "리더십 영역에서 배점보다 낮게 받은 지표는 4개" in cut.answer, cut.answer
    # why is still the evaluators' reasons
    why = service.ask("리더십 점수가 왜 깎였어?", viewer="evaluator")
    assert "평가위원" in why.answer and "모자랐습니다" not in why.answer, why.answer


def test_a_measure_asked_after_a_score_is_the_same_subjects(
    service: RetrievalService,
) -> None:
    # "달성률" is asked of the subject before, not a new subject of its own.
    history = [
        Turn(
            "고객만족도 점수는?",
            "2023년 사회서비스원 이용자 만족도의 만족도 결과(점)는 94.0(4.70)입니다.",
        )
    ]
    rate = resolve("목표 대비 달성률은?", history, service._vocab(service.state))
    assert rate.used_history and "고객만족도" in rate.query, rate


def test_that_team_after_a_contact_is_the_projects_team(service: RetrievalService) -> None:
    # the contact answer names the project; "그 팀" is the part its heading sits under
    contact, budget = _dialogue(service, ["긴급돌봄 담당자 누구야?", "예산은?"])
    assert "김준홍" in contact.answer and "80,000천원" in budget.answer, budget.answer
    *_, others = _dialogue(service, ["긴급돌봄 담당자 누구야?", "그 팀 다른 사업은 뭐 있어?"])
    assert "‘종합재가센터’에는 여섯 가지" in others.answer, others.answer
    assert "농촌형 돌봄 강화" in others.answer


def test_a_target_is_found_by_the_goal_it_serves(service: RetrievalService) -> None:
    # "◆ 종사자 인권교육 지원" heads 기본과정 3회 …: 인권교육 names those, not 인권상담 55건.
    answer = service.ask("종사자 인권교육 목표는?", viewer="staff")
    assert answer.found and "기본과정 3회" in answer.answer, answer.answer
    assert "55건" not in answer.answer


def test_a_corrected_subject_is_not_asked_in_the_earlier_counter(
    service: RetrievalService,
) -> None:
    # "몇 건" was the 대체인력 target's counter; 긴급돌봄's targets are in 회 and 명.
    *_, corrected = _dialogue(service, ["대체인력 파견 몇 건 목표야?", "아니 긴급돌봄"])
    assert corrected.found and "돌봄제공인력 25명" in corrected.answer, corrected.answer


def test_a_parts_share_of_its_points_is_worked_out(service: RetrievalService) -> None:
    rate = service.ask("리더십 득점률은?", viewer="evaluator")
    assert rate.found and "85%" in rate.answer and "12.75점/15점" in rate.answer, rate.answer
    assert any(f.type == "computed" and f.value == "85" for f in rate.facts)
    *_, line = _dialogue(service, ["인권경영 지표 점수는?", "배점 대비 몇 %야?"], "evaluator")
    assert line.found and "100%" in line.answer, line.answer
    # a target's rate asked with 몇 % is still the target
    target = service.ask("정보공시제 공시율 목표 몇 %야?", viewer="staff")
    assert "80%" in target.answer and "득점률" not in target.answer, target.answer


def test_a_labelled_line_is_not_completed_by_another_field(service: RetrievalService) -> None:
    # "(사업내용) …" says which 시설; "(소요예산) 503,000천원" beside it is another field.
    which = service.ask("대체인력 지원은 어떤 시설이 받을 수 있어요?", viewer="public")
    assert which.found and "(사업내용) 사회복지시설" in which.answer, which.answer
    assert "503,000" not in which.answer
    # ... unless it says what the question asks and the first lacks (병원동행).
    *_, hospital = _dialogue(
        service,
        ["긴급돌봄 서비스 어떤 도움을 받을 수 있어요?", "병원 같이 가 주기도 해요?"],
        "public",
    )
    assert hospital.found and "병원동행" in hospital.answer, hospital.answer


def test_a_need_at_home_and_a_condition_of_asking(service: RetrievalService) -> None:
    # 집 (where the grandmother is) and 할머니 (who needs it) are the asker's circumstances:
    # what is lacking is care (돌봄), which the 긴급·틈새 service's target line names.
    first, second = _dialogue(
        service,
        [
            "엄마가 갑자기 입원하셔서 집에 계신 할머니 돌봐줄 사람이 없어요",
            "그런 거 신청하면 며칠까지 와줘요?",
        ],
        "public",
    )
    assert first.found and "긴급·틈새" in first.answer, first.answer
    assert "대상자 기준" in first.citations[0].quote
    # 신청하면 is what the asker would do first, not what the answer must say: the plan's
    # 제공시간 line answers how many days.
    assert second.found and "최대 5일" in second.answer, second.answer


def test_an_act_done_first_is_no_noun_of_the_follow_up() -> None:
    assert "신청" not in conversation.own_nouns("그런 거 신청하면 며칠까지 와줘요?")
    assert "신청" in conversation.own_nouns("신청 기간은요?")


@pytest.mark.parametrize("going_on", ["그럼 ", "그러면 ", "그리고 ", ""])
def test_a_conjunction_points_at_no_subject(service: RetrievalService, going_on: str) -> None:
    # "그럼 사회적책임은?" names a subject of its own, as "사회적책임은?" does: the earlier
    # request about it, not 리더십's score with 사회적책임 added to it
    *_, other = _dialogue(service, ["리더십 점수는?", f"{going_on}사회적책임은?"], "evaluator")
    assert other.understood and "리더십" not in other.understood, other.understood
    assert other.found and "9.70" in other.answer, other.answer


def test_a_field_named_with_seonggwa_is_read_whole(service: RetrievalService) -> None:
    # Kiwi reads "정책성과 영역" as 정책+성 and the conjunction 과; the index has 성과, so the
    # phrase is 정책성과, and "그 중 가장 낮은 건?" ranks its indicators, not every one
    assert "정책성과" in subject_phrases("정책성과 영역 지표별 점수 알려줘", _vocab(service))
    *_, lowest = _dialogue(
        service, ["정책성과 영역 지표별 점수 알려줘", "그 중 가장 낮은 건?"], "evaluator"
    )
    assert lowest.understood and "정책성과" in lowest.understood, lowest.understood
    assert lowest.found and "(정책성과 ›" in lowest.answer, lowest.answer
    # "리더십과 경영시스템": 과 is the conjunction when the word before is no -성
    assert "리더십과" not in subject_phrases("리더십과 경영시스템 점수", _vocab(service))


@pytest.mark.parametrize("viewer", ["public", "evaluator"])
def test_which_body_is_answered_by_a_line_naming_one(
    service: RetrievalService, viewer: str
) -> None:
    # "…기관은 어디예요?" asks which one: the release's line on what B and C grades lead to
    # names none (it was quoted as found); the headline naming 대전 answers "1등 한 데가 어디야?"
    which = service.ask("C등급을 받은 기관은 어디예요?", viewer=viewer)  # type: ignore[arg-type]
    assert not which.found, which.answer
    first = service.ask("전국 1등 한 데가 어디야?", viewer=viewer)  # type: ignore[arg-type]
    assert first.found and "대전" in first.answer, first.answer


def test_findings_asked_of_an_area_are_the_evaluators_comments(service: RetrievalService) -> None:
    # "개선 권고사항", "지적사항": the words asking findings name no subject (개선 is a word of
    # the report), and they are no topic either: the indicator on "외부감사 지적사항 등 이행"
    # is not what the evaluators found lacking in 리더십.
    for ask in ("개선 권고사항은 뭐야?", "지적사항은?"):
        _score, findings = _dialogue(service, ["리더십 영역 점수는?", ask], "evaluator")
        assert findings.understood and "리더십" in findings.understood, findings.answer
        assert findings.found and "기관장 한 명의 리더십" in findings.answer, findings.answer
        assert "외부감사 지적사항" not in findings.answer


def test_the_largest_line_of_the_budget_asked_before(service: RetrievalService) -> None:
    # "그 중 제일 큰 항목은?" after a project's budget: its costliest 산출내역 line, not the
    # evaluation's lines (항목 is a word of both).
    _budget, largest = _dialogue(
        service, ["종사자 소진예방 사업 예산은?", "그 중 제일 큰 항목은?"], "staff"
    )
    assert largest.found, largest.answer
    assert "가장 큰 항목은 ‘종사자 응원콘서트’(20,498천원)" in largest.answer, largest.answer


def test_findings_asked_of_the_evaluators_by_name(service: RetrievalService) -> None:
    # "평가위원 지적사항은?": the evaluators named with the finding asked name no indicator
    # either; the subject is the one before (인사관리: 조직·인사관리's comments).
    _score, findings = _dialogue(
        service, ["인사관리 지표 점수 알려줘", "평가위원 지적사항은?"], "evaluator"
    )
    assert findings.found, findings.answer
    assert "‘조직·인사관리’에 대해 평가위원이 부족하거나 더 필요하다고 지적한 점은" in (
        findings.answer
    )
    assert "연고주의" in findings.answer


def test_where_to_inquire_after_a_service_needs_a_line_to_call(service: RetrievalService) -> None:
    # "어디에 문의하면 돼요?" asks where to call, as "어디로 연락해요?" does: the documents give
    # 장애인활동지원 no line, so the problem statement that names it is no answer. (Nor is
    # the service offered: the first turn is not found, and where to call after it is the
    # agency's public lines, as after any unanswered turn.)
    first, where = _dialogue(
        service, ["장애인 활동지원 서비스도 하나요?", "그럼 어디에 문의하면 돼요?"], "public"
    )
    assert not first.found, first.answer
    assert "활동지원" not in where.answer and "분산 운영" not in where.answer, where.answer
    assert not where.found or where.answer.startswith("문서에 나온 공개 전화번호는"), where.answer
    # and where they do give one, it is the answer
    _first, where = _dialogue(
        service, ["긴급돌봄 서비스 있어요?", "그럼 어디에 문의하면 돼요?"], "public"
    )
    assert where.found and "1522-0365" in where.answer, where.answer


def test_a_noun_said_of_no_subject_asks_for_one(service: RetrievalService) -> None:
    # "무료예요?" after a turn that found nothing says 무료 of a subject never set: no quote
    # of another project's "교육장 무료임대".
    _first, free = _dialogue(
        service, ["코로나 걸려서 애를 못 봐요 도와주실 수 있나요?", "무료예요?"], "public"
    )
    assert not free.found, free.answer
    assert "무료임대" not in free.answer
    assert free.answer.startswith("앞의 질문에 대한 답을 문서에서 찾지 못해"), free.answer


def test_a_count_of_a_word_the_project_says_is_asked_of_that_project(
    service: RetrievalService,
) -> None:
    # "인력은 몇 명이야?" after 농촌형 돌봄's budget: its part says "서비스 제공인력 : 사회복지사
    # 2명, 요양보호사 4명"; 긴급돌봄's "상근인력 채용(1명)" is another project's.
    _budget, staff = _dialogue(service, ["농촌형 돌봄 예산 얼마야?", "인력은 몇 명이야?"])
    assert staff.understood and "농촌형" in staff.understood, staff.answer
    assert staff.found and "요양보호사 4명" in staff.answer, staff.answer
    assert "상근인력" not in staff.answer


def test_praise_asked_of_a_score_is_said_by_the_comments(service: RetrievalService) -> None:
    # "장점은 뭐야?", "그거 강점은?": the comments say it as "좋게 평가한 점", not in the
    # asker's word, as reasons are (개선 of "개선하라고 한 건").
    _score, good = _dialogue(service, ["리더십 영역 점수는?", "장점은 뭐야?"], "evaluator")
    assert good.understood and "리더십" in good.understood, good.answer
    assert good.found and "활발히 소통" in good.answer, good.answer
    _score, good = _dialogue(
        service, ["서비스의 질 제고 계획 수립 점수는?", "그거 강점은?"], "evaluator"
    )
    assert good.found and "SWOT 분석에 근거하여" in good.answer, good.answer


def test_the_grounds_asked_of_a_score_are_no_new_subject(service: RetrievalService) -> None:
    # "근거는 뭐야?" asks of the indicator before it, like 이유: no law quoted from another
    # part ("관련근거: 「사회보장급여의 …」 제41조").
    _score, grounds = _dialogue(service, ["윤리경영 지표 득점은?", "근거는 뭐야?"], "evaluator")
    assert grounds.understood and "윤리경영" in grounds.understood, grounds.answer
    assert "제41조" not in grounds.answer


def test_a_count_written_onto_its_noun_is_kept_in_a_follow_up(service: RetrievalService) -> None:
    # "4인 가족이면요?": the count is the point of the turn; it was read "인 가족".
    vocab = service._vocab(service.state)
    earlier = [Turn("소득 기준은요?", "문서에는 “소득기준 초과비율 10%이하”라고 되어 있습니다.")]
    resolved = resolve("4인 가족이면요?", earlier, vocab)
    assert resolved.used_history and "4인 가족" in resolved.query, resolved.query
    assert conversation._noun_phrases("2자녀면요?")[0][0] == "2자녀"
    # a year is read apart, as before
    assert [p for p, _f in conversation._noun_phrases("2023년 예산은?")] == ["예산"]


def test_a_verbal_noun_closing_the_turn_asks_of_the_subject_before(
    service: RetrievalService,
) -> None:
    # "목표는 달성했어?" after 재난안전 관리's result: 달성(했어) is what is asked of it, not a
    # new subject (it used to quote the ESG project's "생산품 구매 실적 달성 목표").
    _result, reached = _dialogue(
        service, ["재난 대응 관련 지표 결과 알려줘", "목표는 달성했어?"], "evaluator"
    )
    assert reached.understood and "재난" in reached.understood, reached.answer
    assert "생산품" not in reached.answer, reached.answer
    # "몇 명 파견해?" after 대체인력 파견's budget stays on it (no 긴급돌봄's "25명 파견"), and
    # so does the turn after it.
    _budget, sent, money = _dialogue(
        service, ["대체인력 파견 예산은?", "몇 명 파견해?", "예산은?"], "staff"
    )
    assert sent.understood and "대체인력" in sent.understood, sent.answer
    assert "25명" not in sent.answer, sent.answer
    assert money.found and "503,000천원" in money.answer, money.answer


def test_where_it_is_after_a_list_is_no_list(service: RetrievalService) -> None:
    # "어디 있어요?" after the centre's projects were listed asks where it is, not the list
    # again.
    _listed, where = _dialogue(
        service, ["종합재가센터가 뭐 하는 곳이에요?", "어디 있어요?"], "public"
    )
    assert where.found and "위치한 전주, 장수지역" in where.answer, where.answer
    assert "여섯 가지" not in where.answer


def test_only_the_good_points_asked_after_the_comments(service: RetrievalService) -> None:
    # "좋은 점만" after all the comments on 주요사업: what they praised.
    _all, good = _dialogue(
        service, ["주요사업 영역 평가위원 의견 알려줘", "좋은 점만"], "evaluator"
    )
    assert good.found and "좋게 평가한 점은" in good.answer, good.answer


def test_that_points_at_the_part_the_last_answer_quoted(service: RetrievalService) -> None:
    # "컨설팅 몇 건?" is answered from ‘…운영능력 제고’ ("단계별 컨설팅 40건"), whose name does not
    # say 컨설팅: "그건 누가 담당해?" asks that part's contact, not any consulting project's.
    _count, who = _dialogue(service, ["컨설팅 몇 건 하기로 했지?", "그건 누가 담당해?"])
    assert who.understood and "운영능력 제고" in who.understood, who.answer
    assert who.found and "담당자는" in who.answer, who.answer
    # without the pointing word, "컨설팅" may be any consulting project's, as before
    _count, budget = _dialogue(service, ["컨설팅 몇 건 하기로 했지?", "예산은?"])
    assert budget.understood and "운영능력 제고" not in budget.understood, budget.answer


@pytest.mark.parametrize("second", ["우리랑 차이는?", "전북이랑 차이는?"])
def test_a_difference_asked_after_a_count_compares_what_was_counted(
    service: RetrievalService, second: str
) -> None:
    # "몇 점 받았어?" names no attribute noun; its counter (점) does: the totals compared.
    # ("우리랑": this agency, with the particle its region's name takes.)
    _score, diff = _dialogue(service, ["대전은 몇 점 받았어?", second], "evaluator")
    assert diff.found and "차이는 5.28점" in diff.answer, diff.answer


def test_a_bonus_asked_after_an_indicator_is_that_indicators(service: RetrievalService) -> None:
    # "서비스의 질" names nothing the resolver keeps (서비스 is a common word, 질 one syllable):
    # the part its answer quoted is what "가점은 받았어?" asks of, and "왜 못 받았어?" after it.
    _score, bonus, why = _dialogue(
        service, ["서비스의 질 지표 점수 알려줘", "가점은 받았어?", "왜 못 받았어?"], "evaluator"
    )
    assert bonus.understood and "서비스의 질" in bonus.understood, bonus.answer
    assert bonus.found and "(가점)" in bonus.answer and "0.00점" in bonus.answer, bonus.answer
    assert why.found and "지적한 점은" in why.answer, why.answer
    assert "대전" not in why.answer
    # a bonus asked alone, with nothing before, is asked of every result
    alone = service.ask("가점 받은 지표 있어?", viewer="evaluator")
    assert alone.found and "(가점)" in alone.answer, alone.answer


def test_a_narrower_item_replaces_the_line_the_earlier_request_chose(
    service: RetrievalService,
) -> None:
    """ "그 중 여비는?" after "민관협력 간담회 예산 얼마야?": the project's 여비 line, not the
    간담회 line the earlier words chose, nor nothing."""
    first, second = _dialogue(service, ["민관협력 간담회 예산 얼마야?", "그 중 여비는?"])
    assert first.found and "간담회" in first.answer
    assert second.found, second.answer
    assert "2,000천원" in second.answer and "여비" in second.answer
    assert "간담회" not in second.answer.split("답합니다.)")[-1]


def test_narrowed_item_keeps_the_project_the_item_and_what_was_asked() -> None:
    vocab = Vocabulary([], [])
    query = "2023년 가나 사업 민관협력 간담회 예산 여비"
    assert conversation.narrowed_item(query, "가나 사업", ["여비"], vocab) == (
        "2023년 가나 사업 여비 예산"
    )


def test_a_turn_pointing_back_at_an_unanswered_one_asks_for_its_subject(
    service: RetrievalService,
) -> None:
    """ "그 중 여비는?" after a turn the documents did not answer points at nothing: its item
    (여비 of every project) is no subject to quote lines of any project about."""
    first, second = _dialogue(service, ["주말에도 상담 가능해요?", "그 중 여비는?"], "public")
    assert not first.found
    assert not second.found and not second.citations
    assert "무엇에 대한 질문인지" in second.answer
    # A correction names a subject of its own, whatever it points back at.
    resolved = resolve(
        "그거 말고 가사간병은요?",
        [Turn("산모 도우미 서비스도 해요?", not_found("산모 도우미 서비스도 해요?").answer)],
        service._vocab(service.state),
    )
    assert not resolved.no_subject


def test_last_year_counts_back_from_the_year_column_of_a_table_answer(
    service: RetrievalService,
) -> None:
    """ "안전사고 몇 건 있었어?" answered from the table's 2023년 column: "작년엔?" asks its
    2022년 column, not the same cell again."""
    first, second = _dialogue(service, ["안전사고 몇 건 있었어?", "작년엔?"], "evaluator")
    assert first.found and "2023년" in first.answer
    assert second.understood and "2022년" in second.understood
    assert second.found and "2022년" in second.answer.split("답합니다.)")[-1], second.answer


def test_that_person_points_back_at_the_subject_before(service: RetrievalService) -> None:
    """ "그 사람 소속은?" after the 위원장 asked: of the earlier subject, not the evaluation's
    소속·수탁 시설 indicators, which the lone word 소속 would name."""
    first, second = _dialogue(service, ["사상구 모니터링단 위원장이 누구야?", "그 사람 소속은?"])
    assert first.found and "류승일" in first.answer
    assert second.understood and "사상구" in second.understood
    assert "국공립시설" not in second.answer, second.answer


def test_the_breakdown_the_budget_answer_offers_is_asked_of_its_project(
    service: RetrievalService,
) -> None:
    """The budget answer says its 산출내역 is in the source; "산출내역 보여줘" next asks that
    project's lines, not any project's."""
    first, second = _dialogue(service, ["긴급돌봄 예산", "산출내역 보여줘"])
    assert first.found and "산출내역" in first.answer
    assert second.understood and "긴급" in second.understood
    assert second.found and "74,880천원" in second.answer, second.answer
    # A budget with no lines: said so of that project, not another project's lines quoted.
    first, second = _dialogue(service, ["대체인력파견 예산", "산출내역 보여줘"])
    assert first.found and "503,000천원" in first.answer
    assert not second.found and not second.citations, second.answer
    assert second.understood and "대체인력 파견 산출내역" in second.understood


def test_whom_to_inquire_of_is_asked_of_the_subject_before(service: RetrievalService) -> None:
    """ "누구한테 문의하면 돼?" after a project's criteria: of that project, and answered with a
    number to call or not at all (the criteria cell again is no answer)."""
    first, second = _dialogue(
        service, ["긴급돌봄 대상자 기준이 뭐예요?", "누구한테 문의하면 돼?"], "public"
    )
    assert first.found and "대상자 기준" in first.answer
    assert second.understood and "긴급돌봄" in second.understood
    assert not second.found or re.search(r"\d{4}", second.answer), second.answer
    assert "코로나 19 확진" not in second.answer


def test_a_closing_verb_alone_names_no_subject(service: RetrievalService) -> None:
    """ "몇 명으로 구성해요?" asked first: 구성 is what is asked of a subject, and none is named
    (a project's 지원단 구성 및 운영 target had answered it); a noun beside the verb names one."""
    vocab = service._vocab(service.state)
    assert conversation.subjectless("몇 명으로 구성해요?", vocab)
    assert not conversation.subjectless("지원단은 몇 명으로 구성해요?", vocab)
    answer = service.ask("몇 명으로 구성해요?", "public")
    assert not answer.found and "무엇에 대한 질문인지" in answer.answer, answer.answer


def test_the_next_place_after_a_ranking(service: RetrievalService) -> None:
    """ "그 다음은?" after a ranking asks the next place, and again the one after; a follow-up
    then is about the project at that place, not the first."""
    first, second, third, who = _dialogue(
        service, ["예산이 가장 큰 사업은?", "그 다음은?", "그 다음은?", "담당자는?"]
    )
    assert "가장 큰 사업은 '인력 공백에 대한 대체인력 파견'(503,000천원)" in first.answer
    assert second.found and second.understood == "예산이 두 번째로 큰 사업", second.understood
    assert "(400,000천원)입니다" in second.answer
    assert third.found and "세 번째로 큰 사업은 '위기상황 등 돌봄 대응을 위한" in third.answer
    assert who.found and "긴급·틈새 돌봄서비스 확대" in (who.understood or ""), who.understood
    lowest, then, why = _dialogue(service, ["점수가 제일 낮은 영역은?", "다음으로 낮은 건?", "왜?"])
    assert "‘주요사업’" in lowest.answer
    assert then.found and "두 번째로 낮은 영역은 ‘리더십’" in then.answer, then.answer
    assert "리더십" in (why.understood or ""), why.understood


@pytest.mark.parametrize(
    "turn", ["그 다음은?", "다음은요?", "그 다음 큰 건?", "다음으로 높은 영역은?"]
)
def test_what_asks_the_next_place(turn: str) -> None:
    history = [Turn("예산이 가장 큰 사업은?", "…")]
    assert conversation._next_place(turn, history) == "예산이 두 번째로 큰 사업은?"
    assert own_nouns(turn) == []
    # Not after a question that ranks nothing, and not a question of its own.
    assert conversation._next_place(turn, [Turn("대체인력 예산 얼마야?", "…")]) is None
    assert conversation._next_place("다음 달 교육 일정은?", history) is None


@pytest.mark.parametrize(
    ("earlier", "next_asked"),
    [
        (["뒤에서 두 번째 영역은?"], "뒤에서 세 번째 영역은?"),
        (["두 번째로 큰 사업은?"], "세 번째로 큰 사업은?"),
        (["예산 2위 사업은?", "그 다음은?"], "예산 4위 사업은?"),
        (["점수가 제일 낮은 영역은?", "안녕하세요"], "점수가 두 번째로 낮은 영역은?"),
        # a turn naming nothing of its own asks of the place ranked; the ranking counts on
        (["예산이 가장 큰 사업은?", "얼마야?"], "예산이 두 번째로 큰 사업은?"),
        (["예산이 가장 큰 사업은?", "그 다음은?", "담당자는?"], "예산이 세 번째로 큰 사업은?"),
        # a question of its own in between ends it
        (["예산이 가장 큰 사업은?", "인권교육 몇 번 해?"], None),
    ],
)
def test_the_next_place_counts_on_from_the_place_said(
    earlier: list[str], next_asked: str | None
) -> None:
    history = [Turn(q, "…") for q in earlier]
    assert conversation._next_place("그 다음은?", history) == next_asked


def test_a_need_put_as_a_condition_of_what_to_do(service: RetrievalService) -> None:
    """ "…돌봐줄 사람이 없으면 어떻게 해요?" is the stated need asked about: the service whose
    target the documents state is offered, as for the statement; a lack no target line meets
    is still not answered."""
    (answer,) = _dialogue(
        service, ["갑자기 아파서 집에 돌봐줄 사람이 없으면 어떻게 해요?"], "public"
    )
    assert answer.found and answer.answer.startswith("말씀하신 상황이라면 ‘위기상황 등 돌봄"), (
        answer.answer
    )
    (unmet,) = _dialogue(
        service, ["시설 조리사가 갑자기 그만둬서 일할 사람이 없으면 어떻게 해요?"], "public"
    )
    assert not unmet.answer.startswith("말씀하신 상황이라면"), unmet.answer


@pytest.mark.parametrize(
    "statement",
    [
        "엄마가 갑자기 입원하셔서 아빠 돌봐드릴 사람이 없는데 도움 받을 수 있어요?",
        "할머니가 갑자기 아프셔서 돌봐줄 사람이 없는데 도와주실 수 있나요?",
    ],
)
def test_a_need_told_before_a_bare_request_for_help(
    service: RetrievalService, statement: str
) -> None:
    """ "…돌봐줄 사람이 없는데 도와주실 수 있나요?" asks help for the lack it tells: the service
    whose target the documents state is offered (the request's own words, 도움, had found the
    platform's "위기가구 도움 요청" line, or nothing)."""
    (answer,) = _dialogue(service, [statement], "public")
    assert answer.found and answer.answer.startswith("말씀하신 상황이라면 ‘위기상황 등 돌봄"), (
        answer.answer
    )


def test_a_need_put_as_a_service_asked_for(service: RetrievalService) -> None:
    """ "…갑자기 입원하게 되면 돌봐주는 서비스 있어요?": the circumstances are the asker's (엄마,
    입원: words no document uses), what the service would do is the need; the service whose
    target the documents state is offered, and the turns after are about it."""
    first, second = _dialogue(
        service,
        [
            "엄마가 혼자 사시는데 갑자기 입원하게 되면 돌봐주는 서비스 있어요?",
            "하루에 몇 시간이나 와 주세요?",
        ],
        "public",
    )
    assert first.found and first.answer.startswith("말씀하신 상황이라면 ‘위기상황 등 돌봄"), (
        first.answer
    )
    assert second.found and "72시간" in second.answer, second.answer


@pytest.mark.parametrize("follow_up", ["일정은?", "추진 일정은 어떻게 돼?", "일정 좀 알려줘"])
def test_a_schedule_asked_after_a_project_is_its_dates(
    service: RetrievalService, follow_up: str
) -> None:
    """ "일정은?" asks when, as "언제 해?" does: the project's period line answers, not its
    content line."""
    _first, second = _dialogue(service, ["대체인력 파견 사업 있어?", follow_up])
    assert second.found, second.answer
    assert second.citations[0].quote.startswith("(사업기간)"), second.answer


def test_an_explanation_asked_is_more_of_the_subject_before(service: RetrievalService) -> None:
    """ "자세히 설명해 주세요" asks more of the service before; no line need say 설명."""
    _first, second = _dialogue(service, ["긴급돌봄 서비스 있어요?", "자세히 설명해 주세요"])
    assert second.found and "긴급" in second.answer, second.answer


def test_a_turn_naming_nothing_after_an_unanswered_story_is_asked_with_it(
    service: RetrievalService,
) -> None:
    """ "엄마가 갑자기 입원하셨어요" asks nothing the documents answer; "돌봐주는 서비스
    있어요?" next names no subject. Asked as one question, the two are a need the 긴급돌봄
    target line answers (the asker was told to name a project before)."""
    first, second = _dialogue(service, ["엄마가 갑자기 입원하셨어요", "돌봐주는 서비스 있어요?"])
    assert not first.found
    assert second.found and "긴급" in second.answer, second.answer
    assert second.answer.startswith("(앞의 질문에 이어 ‘엄마 입원 돌봐주는 서비스"), second.answer
    # A turn answered before it is followed up as before, not joined to it.
    history = [Turn("대체인력 파견 예산 얼마야?", "…503,000천원…")]
    assert conversation.joined_after_unanswered("담당자는?", history) is None
    unanswered = [Turn("주차장 있어요?", not_found("주차장 있어요?").answer)]
    # (its nouns: its own request is not asked again beside this one's)
    assert conversation.joined_after_unanswered("그럼 예산은?", unanswered) == "주차장 그럼 예산은?"
    # "…사업 있어? 예산은 얼마야?" had been routed to the 복지포인트 target of a project near
    # it; "사회복지사 처우 개선 사업 예산은 얼마야?" is not found, as asked alone.
    _first, budget = _dialogue(service, ["사회복지사 처우 개선 사업 있어?", "예산은 얼마야?"])
    assert not budget.found and "600천원" not in budget.answer, budget.answer


def test_such_a_thing_points_at_what_the_turn_before_described(service: RetrievalService) -> None:
    """ "그런 프로그램 있어요?" asks of what the turn before described; after a turn the
    documents did not answer it names no subject of its own (a quote about any 프로그램 had
    been given as found)."""
    vocab = _vocab(service)
    story = "일이 너무 힘들어서 쉬고 싶어요"
    unanswered = [Turn(story, not_found(story).answer)]
    resolved = resolve("그런 프로그램 있어요?", unanswered, vocab)
    assert resolved.no_subject and not resolved.used_history, resolved
    answered = [Turn("종사자 소진예방 지원 사업 뭐야?", "‘종사자 소진예방 지원’에 대해 …")]
    carried = resolve("그런 프로그램 또 있어요?", answered, vocab)
    assert carried.used_history, carried


def test_help_asked_of_the_subject_before_is_what_it_offers(service: RetrievalService) -> None:
    """ "도움 받을 수 있는 데 있어요?" after the 소규모 장애인시설 컨설팅 asks help of it: its
    purpose answers (a press release on the welfare platform had been quoted as a new
    question's answer), and 도움 is no word the answer must say."""
    first, second = _dialogue(
        service,
        ["장애인 시설 운영하는데 회계가 어려워요", "도움 받을 수 있는 데 있어요?"],
        "public",
    )
    assert first.found and "컨설팅" in first.answer, first.answer
    assert second.found and second.understood, second.answer
    assert "컨설팅" in second.answer and "플랫폼" not in second.answer, second.answer
    assert "도움" not in own_nouns("도움 받으려면 어떻게 해요?")


def test_three_subjects_added_up_are_the_last_three(service: RetrievalService) -> None:
    """ "세 사업 합치면?" after three projects' budgets adds the three (the last two were
    added); "셋 중 제일 높은 건?" is not read so (the facts set two parts side by side only)."""
    *_, total = _dialogue(
        service, ["대체인력 파견 예산 얼마야?", "긴급돌봄은?", "농촌형 돌봄은?", "세 사업 합치면?"]
    )
    assert total.found and "593,500천원" in total.answer, total.answer
    vocab = _vocab(service)
    history = [
        Turn("경영평가 리더십 점수는?", "리더십 영역의 득점은 12.75점"),
        Turn("경영시스템은?", "경영시스템 영역의 득점은 19.50점"),
        Turn("사회적책임은?", "사회적책임 영역의 득점은 9.70점"),
    ]
    highest = resolve("셋 중 제일 높은 건?", history, vocab)
    assert "리더십" not in highest.query, highest


def test_a_heading_beside_the_subject_takes_its_place(service: RetrievalService) -> None:
    """ "경영시스템은?" after "경영평가 리더십 점수는?" asks 경영시스템's score: the area beside
    리더십 takes its place, not 경영평가's, which shares its first word (both areas were
    given)."""
    vocab = _vocab(service)
    assert vocab.siblings("리더십", "경영시스템") and not vocab.siblings("경영평가", "경영시스템")
    _first, second = _dialogue(service, ["경영평가 리더십 점수는?", "경영시스템은?"])
    assert second.found and "19.50점" in second.answer, second.answer
    assert "리더십" not in second.answer, second.answer


def test_how_a_thing_is_asked_to_be_told_is_not_what_is_understood(
    service: RetrievalService,
) -> None:
    """ "더 자세히 말해줘" after the 인권보호 시스템's staff showed "… 운영 말" as what was
    understood: 말 of 말해줘 asks how to be told, as 자세히 does."""
    vocab = _vocab(service)
    before = [Turn("인권보호 시스템 담당자 누구야?", "‘… 인권보호 시스템 운영’ 사업의 담당자는 …")]
    resolved = resolve("더 자세히 말해줘", before, vocab)
    assert resolved.used_history and resolved.understood, resolved
    assert not resolved.understood.endswith("말"), resolved


def test_only_a_cost_item_asks_it_of_the_project_before(service: RetrievalService) -> None:
    """ "인건비만" after 대체인력 파견's budget was asked as "인건비 예산" of no project (another
    project's 인건비 line was quoted); it narrows the budget before, as "인건비는?" does."""
    vocab = _vocab(service)
    before = [
        Turn(
            "긴급돌봄 예산 얼마야?",
            "2023년 사업계획서 기준으로 '위기상황 등 돌봄 대응을 위한 긴급·틈새 돌봄서비스 확대' "
            "사업의 소요예산은 80,000천원(국비매칭사업)입니다.",
        )
    ]
    for turn in ("여비만", "여비만 보여줘"):
        resolved = resolve(turn, before, vocab)
        assert resolved.project and "긴급" in resolved.project, resolved
    first, second = _dialogue(service, ["대체인력 파견 예산 얼마야?", "인건비만"])
    assert first.found, first.answer
    assert "공공성" not in second.answer, second.answer


def test_a_region_compared_by_how_much_is_a_difference_with_the_one_before(
    service: RetrievalService,
) -> None:
    """ "우리랑 몇 점 차이야?" after 대전's total, and "대전이랑 얼마나 차이나?" after this
    agency's (unnamed), were not found: by how much, in the counter or 얼마나, is still a
    comparison of the two regions' totals (97.43 - 92.15)."""
    _first, ours = _dialogue(service, ["대전은 몇 점이야?", "우리랑 몇 점 차이야?"])
    assert ours.found and "5.28점" in ours.answer, ours.answer
    _first, theirs = _dialogue(service, ["경영평가 총점은?", "대전이랑 얼마나 차이나?"])
    assert theirs.found and "5.28점" in theirs.answer, theirs.answer


def test_what_the_evaluators_said_to_improve_is_asked_of_the_part_before(
    service: RetrievalService,
) -> None:
    """ "개선하라는 내용 있어?" after 재무관리's comments was a question of its own (the plan's
    재정관리 lines were quoted): 개선하라는 asks the findings, as 개선하라고 does, and 내용 is
    no noun the answer must say."""
    answers = _dialogue(
        service, ["재무관리 지표 점수 보여줘", "평가위원이 뭐라고 했어?", "개선하라는 내용 있어?"]
    )
    last = answers[-1]
    assert last.found and "재무관리" in last.answer and "지적한 점" in last.answer, last.answer


def test_a_subject_run_together_with_its_request_is_the_subject(
    service: RetrievalService,
) -> None:
    """ "대체인력예산", typed as staff type, then "인건비는": the subject was 대체인력예산, which
    no project's name says, and 인건비 replaced it (another project's 인건비 line was quoted).
    Read as 대체인력 and 예산, the project carries. A word the documents write whole
    (성과지표) stays whole."""
    vocab = _vocab(service)
    assert subject_phrases("대체인력예산", vocab) == ["대체인력"]
    assert subject_phrases("긴급돌봄담당자누구", vocab) == ["긴급돌봄"]
    assert vocab.written("성과지표")
    _first, second = _dialogue(service, ["대체인력예산", "인건비는"])
    assert "대체인력 파견" in second.answer and "공공성" not in second.answer, second.answer


def test_a_count_after_a_list_counts_what_was_listed(service: RetrievalService) -> None:
    """ "몇개야" after "시설지원팀 사업 목록" gave another project's 3개소 target: the things
    listed are counted."""
    _first, count = _dialogue(service, ["시설지원팀 사업 목록", "몇개야"])
    assert count.found and "열두 가지" in count.answer, count.answer


def test_only_one_part_narrows_the_subject_before(service: RetrievalService) -> None:
    """ "본부직원만" after "인권교육 몇회" asked 본부직원 alone (a 재정관리 line on staff's
    accounting training was quoted): 만 narrows the subject before, 은/는 would replace it."""
    vocab = _vocab(service)
    before = [Turn("인권교육 몇회", "‘… 인권보호 시스템 운영’에 대해 문서에는 “… 인권교육 …”")]
    resolved = resolve("본부직원만", before, vocab)
    assert resolved.understood and "인권교육" in resolved.understood, resolved
    assert "본부직원" in resolved.understood, resolved


def test_a_turn_pointing_back_that_names_a_service_is_asked_of_it(
    service: RetrievalService,
) -> None:
    """ "그런 경우도 긴급돌봄 되나요?" after an unanswered story was told the subject was
    unknown, though it names 긴급돌봄: beside the noun its pointing word modifies (그런 경우)
    it names a subject of its own, and is asked of it."""
    story = "갑자기 입원하게 됐는데 집에 아이들 봐줄 사람이 없어요"
    first, second = _dialogue(service, [story, "그런 경우도 긴급돌봄 되나요?"], "public")
    assert not first.found
    assert second.found and "대상자 기준" in second.answer, second.answer
    vocab = _vocab(service)
    unanswered = [Turn(story, first.answer)]
    # (still unknown: a noun the pointing word modifies, a cost item of every project)
    assert resolve("그런 프로그램 있어요?", unanswered, vocab).no_subject
    assert resolve("그 중 여비는?", unanswered, vocab).no_subject


def test_where_a_story_is_set_is_no_topic_of_the_next_turn(service: RetrievalService) -> None:
    """ "복지시설에서 일하는데 상사가 괴롭혀요" then "어디에 얘기해야 돼요?" was asked as
    "복지시설 얘기" and not found: where the asker works is a circumstance, the project its
    answer quoted (인권보호 시스템) is the topic, and 얘기 is how the asker would speak."""
    first, second = _dialogue(
        service, ["복지시설에서 일하는데 상사가 괴롭혀요", "어디에 얘기해야 돼요?"], "public"
    )
    assert first.found and "인권" in first.answer, first.answer
    assert second.found and "인권상담" in second.answer, second.answer
    assert intent.circumstance_places("복지시설에서 일하는데 상사가 괴롭혀요") == {"시설"}
    assert not intent.circumstance_places("종합재가센터에서 하는 사업은?")
    assert "얘기" not in own_nouns("어디에 얘기해야 돼요?")


def test_another_year_of_a_narrower_item_needs_that_item(service: RetrievalService) -> None:
    """ "작년꺼는" after "인건비는" (not in 대체인력 파견's budget) quoted the project's 1,500건
    as found: asking only another year repeats the follow-up before, whose item (인건비) its
    answer must still say."""
    answers = _dialogue(service, ["대체인력예산", "인건비는", "작년꺼는"])
    assert not answers[1].found and not answers[2].found, answers[2].answer
    history = [
        Turn(q, a.answer) for q, a in zip(["대체인력예산", "인건비는"], answers, strict=False)
    ]
    assert conversation.carried_own_nouns("작년꺼는", history) == ["인건비"]
    # (a first turn's words are no such item: everyday words no passage says)
    assert conversation.carried_own_nouns("작년엔?", history[:1]) == []


def test_a_correction_from_one_attribute_to_another_corrects_the_request(
    service: RetrievalService,
) -> None:
    """ "아니 예산 말고 목표" after 긴급돌봄's budget was asked as "… 목표 예산" (목표 taken
    for a subject) and not found; "아 경영성과 말한 거야" after 정책성과's score was a new
    question. The first corrects what is asked, the second what it is asked of."""
    answers = _dialogue(service, ["대체인력 예산 얼마야?", "아니 긴급돌봄", "아니 예산 말고 목표"])
    last = answers[-1]
    assert last.found and "긴급" in last.answer and "목표는" in last.answer, last.answer
    _first, meant = _dialogue(service, ["정책성과 점수는?", "아 경영성과 말한 거야"])
    assert meant.found and "경영성과" in meant.answer and "50.20점" in meant.answer, meant.answer
    vocab = _vocab(service)
    before = [Turn("정책성과 점수는?", "2024년 경영평가 정책성과 영역의 득점은 27.70점입니다.")]
    # (who said a thing is no correction)
    assert "평가위원" in resolve("평가위원이 말한 거야?", before, vocab).query
    # "아니" leads the correction whole: no "니" is left of it ("2023년 니 긴급돌봄 예산")
    budget = [Turn("대체인력 파견 예산 얼마야?", "… 소요예산은 503,000천원(특별회계)입니다.")]
    corrected = resolve("아니 긴급돌봄 말한 거야", budget, vocab)
    assert "니" not in corrected.query.split() and "긴급돌봄" in corrected.query, corrected


def test_a_part_every_project_has_is_asked_of_the_project(service: RetrievalService) -> None:
    """ "쟁점은 뭐야?" after a project asks its 쟁점 및 대책, a heading every project has
    (learned from the documents), not what the project is: its (사업내용) and (목적) lines had
    been quoted first, as for "…이 뭐야?"."""
    _first, issue = _dialogue(service, ["대체인력 파견 사업 목적이 뭐야?", "쟁점은 뭐야?"])
    assert issue.found and issue.citations, issue.answer
    assert issue.citations[0].section.endswith("쟁점 및 대책"), issue.answer
    assert "(사업내용)" not in issue.answer and "(목적)" not in issue.answer, issue.answer
    (background,) = _dialogue(service, ["ESG 추진배경은 뭐야?"])
    assert background.citations[0].section.endswith("추진배경"), background.answer


def test_the_rest_of_a_list_shown_in_part_is_shown_next(service: RetrievalService) -> None:
    """ "나머지는?" after a list shown in part shows its items from the first one not shown
    (it was not found); again, the items after those; after the last, that there is no other.
    An ordinal next counts in the rest shown."""
    _first, rest, second = _dialogue(
        service, ["시설지원팀 사업 뭐 있어?", "나머지는?", "그 중 두 번째 사업 예산은?"]
    )
    assert rest.found and "앞의 여덟 가지 다음으로 네 가지가 더 있습니다" in rest.answer, (
        rest.answer
    )
    assert "“인력 공백에 대한 대체인력 파견”" in rest.answer, rest.answer
    assert "13,430천원" in second.answer, second.answer
    *_, more, last, none = _dialogue(
        service, ["경영기획팀 사업 몇 개야?", "더 있어?", "나머지는?", "나머지는?"]
    )
    assert "앞의 여덟 가지 다음으로" in more.answer, more.answer
    assert "앞의 열여섯 가지 다음으로 세 가지가 더 있습니다" in last.answer, last.answer
    assert not none.found and "다른 항목이 없습니다" in none.answer, none.answer


def test_another_one_asked_is_not_the_same_answer_again(service: RetrievalService) -> None:
    """ "다른 목표는?" after the project's one target: the same answer again is no other one
    (it was repeated); "복지포인트 말고 다른 건?" asks the rest of what was given, and gets it."""
    _first, other = _dialogue(service, ["대체인력 파견 사업 목표 뭐야?", "다른 목표는?"])
    assert not other.found and "외에는 문서에서 더 찾지 못했습니다" in other.answer, other.answer
    _first, rest = _dialogue(service, ["복리후생 사업 목표 뭐야?", "복지포인트 말고 다른 건?"])
    assert rest.found and "급량비" in rest.answer, rest.answer


def test_other_projects_asked_after_one_are_its_headings_others(
    service: RetrievalService,
) -> None:
    """ "다른 사업은?" after a project: the other projects under its heading (the project's
    own 목적 had been quoted), which an ordinal next counts in."""
    _first, others, third = _dialogue(
        service, ["긴급돌봄 예산 얼마야?", "다른 사업은?", "그 중 세 번째 예산은?"]
    )
    assert others.found and "‘종합재가센터’에는 그 밖에 다섯 가지가 있습니다" in others.answer, (
        others.answer
    )
    assert "긴급·틈새 돌봄서비스 확대”" not in others.answer, others.answer
    assert "만족도 조사를 통한 서비스 질 개선" in third.answer, third.answer


def test_a_place_alone_after_a_ranking_asks_the_ranking_at_that_place(
    service: RetrievalService,
) -> None:
    """ "두 번째는?" after "…제일 큰 항목은?" asks the second largest (it quoted another part of
    the project as found), for a budget's lines as for projects and areas; "그 다음은?" counts
    on from it. After a list, "두 번째는?" is still the list's second item."""
    _first, second, third = _dialogue(
        service, ["긴급돌봄 사업비 중 제일 큰 항목은?", "두 번째는?", "그 다음은?"]
    )
    assert "금액이 두 번째로 큰 항목은 ‘관리시스템 이용료" in second.answer, second.answer
    assert "금액이 세 번째로 큰 항목은 ‘강사비’" in third.answer, third.answer
    _first, area = _dialogue(service, ["점수 제일 낮은 영역은?", "두 번째는?"], "evaluator")
    assert "두 번째로 낮은 영역은 ‘리더십’" in area.answer, area.answer
    _first, item = _dialogue(service, ["시설지원팀 사업 뭐 있어?", "두 번째는?"])
    assert "매뉴얼 제작을 통한 운영기준 표준화" in item.answer, item.answer


def test_the_evaluators_asked_after_an_indicators_score_are_its_comments(
    service: RetrievalService,
) -> None:
    """ "평가위원이 뭐라고 했어?" after "외부감사 지적사항 이행 점수는?": the indicator's
    comments, though its name says 지적사항 (a reason's word) and none asks for more (it was not
    found); "인사관리 평가위원 지적사항은?" still gets what was found lacking."""
    _first, said = _dialogue(
        service, ["외부감사 지적사항 이행 점수는?", "평가위원이 뭐라고 했어?"], "evaluator"
    )
    assert said.found and "평가위원 의견은 “전기 평가와 외부 감사에서" in said.answer, said.answer
    lacking = service.ask("인사관리 평가위원 지적사항은?", viewer="evaluator")
    assert "부족하거나 더 필요하다고 지적한 점은" in lacking.answer, lacking.answer


def test_a_topic_opened_then_asked_of(service: RetrievalService) -> None:
    """ "안녕하세요 긴급돌봄 서비스 문의드려요" opens a topic: what it is is told (it was not
    found), and "하루 몇 시간까지 와주시나요?" next asks of it (not found before)."""
    opened, hours = _dialogue(
        service, ["안녕하세요 긴급돌봄 서비스 문의드려요", "하루 몇 시간까지 와주시나요?"], "public"
    )
    assert opened.found and "(목적)" in opened.answer, opened.answer
    assert hours.found and "72시간" in hours.answer, hours.answer


def test_a_where_answered_by_a_quote_of_the_agency_names_no_region(
    service: RetrievalService,
) -> None:
    """ "어디에 신고해요?" answered under a heading naming the agency (‘전북사회서비스원 본부 및
    …’): 전북 is no place the next turn asks of ("전화로도 돼요?" had been read as "전북
    전화"); a region the quote itself names still is ("전국 1등 한 데가 어디야?": 대전)."""
    _first, phone = _dialogue(
        service, ["인권침해 당했는데 어디에 신고해요?", "전화로도 돼요?"], "public"
    )
    assert "전북" not in (phone.understood or ""), phone.understood
    vocab = _vocab(service)
    first = service.ask("전국 1등 한 데가 어디야?", viewer="public")
    then = resolve("거기는 몇 점이야?", [Turn("전국 1등 한 데가 어디야?", first.answer)], vocab)
    assert "대전" in then.query, then


def test_a_grade_asked_after_a_score_and_a_deed_asked_of_a_thing(
    service: RetrievalService,
) -> None:
    """ "몇 등급이에요?" after the evaluation's result gives its grade A (the fact says "등급은
    A", which the grade check had not read; a release's S·A lines were quoted). "요양보호사
    처우 개선 하는 거 있어요?" asks whether something does that: "요양보호사 4명" of another
    service says no such thing (it was quoted as found)."""
    _first, grade = _dialogue(
        service, ["전북 사회서비스원 평가 잘 받았어요?", "몇 등급이에요?"], "public"
    )
    assert grade.found and "A등급" in grade.answer, grade.answer
    deed = service.ask("요양보호사 처우 개선 하는 거 있어요?", "public")
    assert "요양보호사 4명" not in deed.answer, deed.answer


def test_a_days_question_is_asked_not_told_and_a_hedge_is_no_word_to_say(
    service: RetrievalService,
) -> None:
    """ "가족돌봄휴가 며칠 유급이었지" asks (며칠 is a question word): after another project's
    contact it is a question of its own, not a situation told nor a noun said of that project
    (it was not found), and "그건 담당?" next asks of its project. "1년에 몇 건 정도 하는
    거예요?" after 대체인력 파견: 정도 hedges the count, no item the answer must say (it was
    "‘정도’에 대한 내용이 따로 나와 있지 않습니다")."""
    _first, _who, days, contact = _dialogue(
        service,
        [
            "노사협의회 정기회의 몇번 하기로 했지",
            "담당 누구",
            "가족돌봄휴가 며칠 유급이었지",
            "그건 담당?",
        ],
        "staff",
    )
    assert days.found and "3일 유급" in days.answer, days.answer
    assert contact.found and "백기정" in contact.answer, contact.answer
    _first, count = _dialogue(
        service,
        ["인력 공백에 대한 대체인력 파견 사업 알려주세요", "1년에 몇 건 정도 하는 거예요?"],
        "public",
    )
    assert count.found and "1,500건" in count.answer, count.answer


def test_two_counts_asked_at_once_get_the_line_in_each_counter(service: RetrievalService) -> None:
    """ "민간 종사자 역량강화교육 올해 몇 회 몇 명 목표야?": the plan's line gives both ("…등
    50회 1,450명"); the answer gave its 회 only."""
    both = service.ask("민간 종사자 역량강화교육 올해 몇 회 몇 명 목표야?", viewer="staff")
    assert both.found and "50회" in both.answer and "1,450명" in both.answer, both.answer


def test_a_turn_naming_no_region_after_another_agencys_result_asks_of_that_agency(
    service: RetrievalService,
) -> None:
    """ "이용자 만족도도 높게 나왔어요?" after 대전's 1등: 대전's 만족도 (95.7점), which its
    news says, not this agency's own result (94.0). A turn the other agency's document does
    not speak of ("대체인력 파견 예산은?") is this agency's, as before; so is one naming its
    region."""
    _first, satisfied = _dialogue(
        service,
        ["대전 사회서비스원이 전국 1등 했다던데 몇 점 받았어요?", "이용자 만족도도 높게 나왔어요?"],
        "public",
    )
    assert satisfied.found and "95.7점" in satisfied.answer, satisfied.answer
    assert "94.0" not in satisfied.answer and satisfied.understood == "대전 이용자 만족도"
    assert {c.document for c in satisfied.citations} == {"daejeon-2024-evaluation-news.txt"}
    _first, own = _dialogue(
        service, ["대전 사회서비스원 경영평가 총점은?", "대체인력 파견 예산은?"], "staff"
    )
    assert own.found and "503,000천원" in own.answer, own.answer
    vocab = Vocabulary.from_chunks(
        service.state.chunks, service.state.searcher.bm25.vocab_dict, "전북"
    )
    history = [Turn("대전 사회서비스원 경영평가 총점은?", "")]
    home = resolve("전북 이용자 만족도는?", history, vocab)
    assert home.document is None and "전북" in home.query, home


def test_the_head_asked_of_another_agencys_document_is_that_agencys(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "원장님 성함이 뭐예요?" after 대전's result, asked of 대전's news: its 김인식 원장. A head
    asked by title is this agency's when asked alone, and the news's sentences about 대전 were
    set aside as another body's, though the turn was asked of that body's document."""
    from retrieval import service as service_module

    turns = ["대전 사회서비스원이 전국 1등 했다던데 몇 점 받았어요?", "원장님 성함이 뭐예요?"]
    _first, head = _dialogue(service, turns, "public")
    assert head.found and "김인식" in head.answer, head.answer
    monkeypatch.setattr(service_module, "OTHER_BODYS_HEAD", False)
    _first, alone = _dialogue(service, turns, "public")
    assert "김인식" not in alone.answer, alone.answer


def test_an_item_asked_after_a_subject_is_that_subjects_item_when_written_as_one(
    service: RetrievalService,
) -> None:
    """ "참석수당은 얼마야?" after 운영자문위원회's target: the plan writes "운영자문위원회
    참석수당" among the other committees' (이사회 참석수당 4,600): that line, 3,700, not the
    project's total nor the first committee's."""
    _first, fee = _dialogue(service, ["운영자문위원회는 몇 번 열어?", "참석수당은 얼마야?"])
    assert fee.found and "3,700" in fee.answer and "4,600" not in fee.answer, fee.answer
    assert fee.understood and "운영자문위원회 참석수당" in fee.understood, fee.understood


def test_a_correction_to_another_projects_subject_is_asked_without_the_project(
    service: RetrievalService,
) -> None:
    """ "아니 모니터링 말고 매뉴얼 제작 예산" after 조직진단's 모니터링 and its budget: the
    corrected subject is another project's (매뉴얼 제작을 통한 운영기준 표준화, 12,940천원);
    asked within 조직진단 it was not found. The note says what was understood, without the
    project left behind."""
    *_, corrected = _dialogue(
        service, ["소속시설 모니터링 몇 회 해?", "예산은?", "아니 모니터링 말고 매뉴얼 제작 예산"]
    )
    assert corrected.found and "12,940천원" in corrected.answer, corrected.answer
    assert corrected.understood and "조직진단" not in corrected.understood, corrected.understood
    assert conversation.corrects("아니 모니터링 말고 매뉴얼 제작 예산")
    assert not conversation.corrects("매뉴얼 제작 예산은?")


def test_a_counted_request_dropped_by_a_correction_leaves_no_particle_behind(
    service: RetrievalService,
) -> None:
    """ "아니 인권교육" after "인권상담 목표 몇 건으로 잡았어?": the count in 건 goes (교육 is
    counted in 회) with its particle; what was understood is no "…목표 으"."""
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    history = [Turn("인권상담 목표 몇 건으로 잡았어?", "")]
    corrected = resolve("아니 인권교육", history, vocab)
    assert corrected.understood and "으" not in corrected.understood.split(), corrected
    assert "으로" not in corrected.query, corrected


def test_two_things_asked_at_once_get_each_ones_fact(service: RetrievalService) -> None:
    """ "이사회랑 운영자문위원회는 각각 몇 번 열어?" gave only the better-matched one's target;
    each one's fact is given, and the two projects' budgets for "대체인력 파견이랑 긴급돌봄 예산
    각각 얼마야?". Two facts that are one (인권교육 has no target of its own in 건: the
    project's 인권상담 line answers both) are not given as two."""
    both = service.ask("이사회랑 운영자문위원회는 각각 몇 번 열어?", viewer="staff")
    assert both.found and "5회" in both.answer and "3회" in both.answer, both.answer
    assert [f.type for f in both.facts].count("year") == 1, both.facts
    budgets = service.ask("대체인력 파견이랑 긴급돌봄 예산 각각 얼마야?", viewer="staff")
    assert "503,000천원" in budgets.answer and "80,000천원" in budgets.answer, budgets.answer
    assert {c.page for c in budgets.citations} >= {75}, budgets.citations
    one = service.ask("인권상담이랑 인권교육 목표는 각각 몇 건이야?", viewer="staff")
    # (said once; the plan line quoted after it holds it too)
    assert one.answer.split(" 문서에는 “")[0].count("55건") == 1, one.answer


def test_a_heard_claim_after_a_story_is_answered_as_if_asked_alone(
    service: RetrievalService,
) -> None:
    """ "요양원에서 조리원으로 일하는데요 종사자 의무교육을 온라인으로도 들을 수 있다고 들었는데
    맞나요?": who the asker is is no part of what the documents must say, and weighed as such
    it left the claim unanswered; the claim alone is the plan's 온라인 교육 line."""
    told = (
        "요양원에서 조리원으로 일하는데요 종사자 의무교육을 온라인으로도 들을 수 있다고 "
        "들었는데 맞나요?"
    )
    answer = service.ask(told, viewer="public")
    assert answer.found and "온라인 교육" in answer.answer, answer.answer
    assert answer.question == told
    heard = "저희 센터가 작은 노인복지시설인데요, 사서원에서 전기나 가스 안전점검을 해준다는데 사실인가요?"
    answer = service.ask(heard, viewer="public")
    assert answer.found and "안전점검" in answer.answer, answer.answer
    # (a claim the documents do not make stays unanswered)
    weekend = "어머니 혼자 지내시는데요 주말에도 상담해 준다던데 맞아요?"
    assert not service.ask(weekend, viewer="public").found


def test_a_follow_up_after_a_heard_claim_asks_of_the_project_its_answer_declared(
    service: RetrievalService,
) -> None:
    """After "…의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?" answered with 직능단체별
    맞춤형 교육·연수 강화's lines, "예산은 얼마예요?" asks that project's budget: the claim's
    words (의무교육, 온라인) are not its name, and asked with them it was not found."""
    told = "장기요양기관에서 일하는데요 의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?"
    _first, budget = _dialogue(service, [told, "예산은 얼마예요?"], "public")
    assert budget.found and "직능단체별 맞춤형 교육·연수 강화" in budget.answer, budget.answer


def test_a_storys_request_is_asked_of_the_project_its_words_were_found_nearest(
    service: RetrievalService,
) -> None:
    """A story told before its request ("…대신 일할 사람 보내주는 사업이 있다던데 1년에 몇 건
    정도 하는 거예요?") was not found, with 대체인력 파견 as the nearest topic: the request is
    asked of it, and what was understood said. A request asked twice ("…나와 있나요?
    얼마인가요?") is no story, and a yes/no request is not asked of a guessed project."""
    story = (
        "저는 노인요양시설에서 조리 일을 하고 있는데요, 연차 쓰고 싶어도 대신 일해줄 사람이 "
        "없어서 못 쓰고 있어요ㅠ 사회서비스원에서 대신 일할 사람 보내주는 사업이 있다던데 "
        "1년에 몇 건 정도 하는 거예요?"
    )
    answer = service.ask(story, viewer="public")
    assert answer.found and "1,500건" in answer.answer, answer.answer
    assert answer.answer.startswith("(‘인력 공백에 대한 대체인력 파견"), answer.answer
    assert intent.request_clause(story) == "1년에 몇 건 정도 하는 거예요?"
    assert intent.request_clause("규모도 나와 있나요? 얼마인가요?") is None
    assert intent.request_clause("대체인력 예산 얼마야?") is None
    assert intent.request_clause("일 잘한 사람한테 돌려주는 구조에 대해서는 뭐라고 했나요?") is None


def test_a_place_asked_after_a_story_is_asked_of_the_nearest_project(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "…농촌 어르신 돌봄 해준다고 들었는데 어느 지역에서 하나요?": where the project nearest
    the story is done, from its line naming the places (it was not found)."""
    story = (
        "어머니가 무주 시골에 혼자 사시는데 요양 받기가 어렵대요. 농촌 어르신 돌봄 "
        "해준다고 들었는데 어느 지역에서 하나요?"
    )
    answer = service.ask(story, viewer="public")
    assert answer.found and "무주, 진안, 장수" in answer.answer, answer.answer
    monkeypatch.setattr(service_module, "PLACE_OF_NEAREST", False)
    assert not service.ask(story, viewer="public").found


def test_a_storys_request_is_not_asked_of_a_topic_below_the_nearest_passage(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "성과대회 했다는 뉴스 봤어요. 그거 언제 한 거예요?": the nearest passage is the release's,
    which has no topic; a topic found below it (the report's ‘서비스의 질’) is not what the
    story is about (a comment on it was quoted as the answer)."""
    story = "사회서비스원 성과대회 했다는 뉴스 봤어요. 그거 언제 한 거예요?"
    answer = service.ask(story, viewer="public")
    assert not any("서비스의 질" in c.section for c in answer.citations), answer.answer
    # (asked of the 성과대회 heard of first, it is answered before any topic is tried)
    monkeypatch.setattr(service_module, "POINTED_CLAIM_ASKED", False)
    monkeypatch.setattr(service_module, "NEAREST_FIRST", False)
    before = service.ask(story, viewer="public")
    assert any("서비스의 질" in c.section for c in before.citations), before.answer


@given(
    st.text(alphabet="특별감사긴급돌봄 은는", max_size=20),
    st.text(alphabet="특별감사긴급돌봄", max_size=8),
)
def test_an_abbreviation_is_only_ever_dropped(request: str, subject: str) -> None:
    # Only whole words go, and never every one of them.
    kept = conversation._without_abbreviation(request, subject)
    assert set(kept.split()) <= set(request.split())
    assert bool(kept.strip()) == bool(request.strip())


def test_a_which_questions_predicate_need_not_be_said(service: RetrievalService) -> None:
    """After 농촌형 돌봄, "어느 지역이 대상인가요?": the line naming the regions (무주, 진안,
    장수 내 지역 …) says which without the word 대상."""
    first = "농촌형 돌봄 강화 사업 알려줘"
    before = service.ask(first, viewer="public")
    answer = service.ask(
        "어느 지역이 대상인가요?",
        viewer="public",
        history=[{"question": first, "answer": before.answer}],
    )
    assert answer.found and "무주, 진안, 장수" in answer.answer, answer.answer


def test_a_correction_said_whole_then_asked_of(service: RetrievalService) -> None:
    """A correction as its own sentence, "아 대체인력 말고 긴급돌봄 얘기였어. 그건 몇 명
    목표야?": the request follows it; the corrected subject is asked that request, not the
    earlier one (예산), and the interjection and the saying-so are no part of either."""
    first = "대체인력 파견 예산 얼마야?"
    answer = service.ask(first, viewer="staff")
    turn = "아 대체인력 말고 긴급돌봄 얘기였어. 그건 몇 명 목표야?"
    resolved = resolve(turn, [Turn(first, answer.answer)], _vocab(service))
    assert resolved.used_history and "긴급돌봄" in resolved.query, resolved
    assert "예산" not in resolved.query and "얘기" not in resolved.query, resolved
    assert "몇 명" in resolved.query, resolved
    # (the corrected noun with its copula, and the subject said again by its abbreviation,
    # the first syllables of its parts: 긴돌 of 긴급돌봄, as 특감 of 특별감사)
    meant = resolve(
        "아 대체인력 말고 긴급돌봄이었어요. 긴돌은 몇 명 목표야?",
        [Turn(first, answer.answer)],
        _vocab(service),
    )
    assert "긴급돌봄" in meant.query and "몇 명" in meant.query, meant
    assert "이었어" not in meant.query and "긴돌" not in meant.query, meant
    # (an interjection opens it and the saying-so ends it: neither is part of the subject)
    said = resolve(
        "아 잠깐, 대체인력 말고 긴급돌봄 목표 물어본 거였어",
        [Turn(first, answer.answer)],
        _vocab(service),
    )
    assert said.project is None and "긴급돌봄" in said.query, said
    assert "물어본" not in said.query and "대체인력" not in said.query, said
    # (the corrected subject marked as the topic, and its request in the same sentence)
    topic = resolve(
        "아니 대체인력 말고 긴급돌봄은 얼마나 자주 해?",
        [Turn(first, answer.answer)],
        _vocab(service),
    )
    assert "긴급돌봄" in topic.query and "자주" in topic.query, topic
    assert "예산" not in topic.query, topic
    # (one sentence is a correction as before: its request is the earlier one)
    plain = resolve("아니 대체인력 말고 긴급돌봄", [Turn(first, answer.answer)], _vocab(service))
    assert "예산" in plain.query, plain


def test_the_one_topic_an_unanswered_first_turn_was_offered_is_what_comes_next(
    service: RetrievalService,
) -> None:
    """An unanswered first turn offered one topic (‘지역간 격차 해소를 위한 농촌형 돌봄
    강화’): "거기서 해주는 서비스는 …?" next asks of it (거기서 points, as 거기는 does; it was
    asked alone and quoted an evaluation's comments). Of two topics offered the asker is
    still asked which."""
    vocab = _vocab(service)
    farm = "지역간 격차 해소를 위한 농촌형 돌봄 강화"
    first = "어머니가 시골에 혼자 사시는데 어느 지역이 대상인가요?"
    one = not_found(first, topics=[farm]).answer
    then = resolve("거기서 해주는 서비스는 어떤 것들이 있어요?", [Turn(first, one)], vocab)
    assert then.used_history and then.project == farm, then
    two = not_found(first, topics=[farm, "인력 공백에 대한 대체인력 파견"]).answer
    other = resolve("거기서 해주는 서비스는 어떤 것들이 있어요?", [Turn(first, two)], vocab)
    assert other.project is None, other
    answer = service.ask(
        "거기서 해주는 서비스는 구체적으로 어떤 것들이 있어요?",
        viewer="public",
        history=[{"question": first, "answer": one}],
    )
    assert answer.found and "가사 및 일상생활지원" in answer.answer, answer.answer


def test_a_noun_that_asks_nothing_is_asked_the_earlier_request(
    service: RetrievalService,
) -> None:
    """After a project's budget, "이사회 수당은?" says which 수당 (이사회 had become the request,
    not found) and "인사위는?" asks the same of 인사위원회 (it quoted the project's 목적 line)."""
    _total, board, personnel = _dialogue(
        service, ["안정적인 회의체계 마련 예산 얼마야", "이사회 수당은?", "인사위는?"], "staff"
    )
    assert board.found and "4,600" in board.answer, board.answer
    assert personnel.found and "2,300" in personnel.answer, personnel.answer
    assert conversation._bare_nouns("인사위")
    assert not conversation._bare_nouns("예산") and not conversation._bare_nouns("몇 명")


def test_where_a_budgets_money_comes_from_is_its_budget_line(service: RetrievalService) -> None:
    """ "국비야 도비야" after 긴급틈새돌봄's budget, "일반회계로 잡힌거지?" after 대체인력 파견's:
    where the money comes from is written beside the amount ("80,000천원(국비매칭사업)",
    "503,000천원(특별회계)"); asked in those words, no passage said them. A budget line that
    does not say it does not answer it."""
    _budget, source = _dialogue(service, ["긴급틈새돌봄 예산 얼마?", "국비야 도비야"], "staff")
    assert source.found and "국비매칭사업" in source.answer, source.answer
    assert source.question == "국비야 도비야"
    _target, account = _dialogue(
        service, ["대체인력 파견 올해 목표 몇건?", "일반회계로 잡힌거지?"], "staff"
    )
    assert account.found and "특별회계" in account.answer, account.answer
    platform = ["복지자원 플랫폼 예산 얼마야?", "도 돈으로 하는 거예요 나라 돈이에요?"]
    state = _dialogue(service, platform, "staff")[1]
    assert state.found and "도비 100%" in state.answer, state.answer
    # (이사회's budget line says nothing of where its money comes from)
    unsaid = _dialogue(service, ["이사회 몇 번 열어?", "국비 지원 받아?"], "staff")[1]
    assert not unsaid.found, unsaid.answer


def test_a_correction_replacing_the_project_drops_the_items_its_part_says(
    service: RetrievalService,
) -> None:
    """ "아 아니 복리후생 말고 위원회 운영 예산" after 복리후생's 급량비 asked 급량비 of 위원회
    운영, which its part does not say; the item goes with the project it was an item of, and
    "그 중 이사회 참석수당은?" then gives 이사회's line."""
    turns = [
        "본부 복지포인트 1인당 얼마로 잡혀있지?",
        "급량비는?",
        "그 사업 총 소요예산?",
        "아 아니 복리후생 말고 위원회 운영 예산",
        "그 중 이사회 참석수당은?",
    ]
    *_before, corrected, allowance = _dialogue(service, turns, "staff")
    assert "급량비" not in (corrected.understood or ""), corrected.understood
    assert allowance.found and "4,600" in allowance.answer, allowance.answer


def test_when_a_plan_does_a_thing_may_be_its_occasions(service: RetrievalService) -> None:
    """ "특감은 언제 해?" after the 정기감사 count: the plan says when by the occasions
    ("특별감사 : 명절, 연휴, 휴가기간 예방감사"), no date, and a when-question was left
    unanswered."""
    turns = ["올해 감사 정기감사 연 몇회야", "아 정기 말고 특별감사 물어본거. 특감은 언제 해?"]
    when = _dialogue(service, turns, "staff")[1]
    assert when.found and "명절" in when.answer, when.answer


def test_the_askers_side_before_what_a_follow_up_names_is_no_word_of_it(
    service: RetrievalService,
) -> None:
    """ "우리 전북은요?" after 대전's score was read as a question of its own, and quoted a line
    naming 전북 about something else; 우리 says whose side the asker is on, and the turn asks
    what "전북은요?" asks."""
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    history = [Turn("뉴스 보니까 대전 사회서비스원이 경영평가 전국1등 했다던데 몇점 받았어요?", "")]
    ours = resolve("우리 전북은요?", history, vocab)
    assert ours.used_history and "전북" in (ours.understood or ""), ours
    assert ours.query == resolve("전북은요?", history, vocab).query


def test_a_prefix_written_onto_its_noun_is_part_of_the_subject(service: RetrievalService) -> None:
    """ "대면 비대면 나누면?" was read as 대면 twice: Kiwi tags 비 of 비대면 a prefix, and the
    subject phrases left it out."""
    vocab = Vocabulary.from_chunks(service.state.chunks, service.state.searcher.bm25.vocab_dict)
    assert subject_phrases("대면 비대면 나누면?", vocab, follow_up=False) == ["대면", "비대면"]


def test_a_cost_item_named_alone_asks_its_amount(service: RetrievalService) -> None:
    """ "홈페이지 유지보수비는?" after "오프라인은?" of 홍보's 목표 was asked as the item's 목표,
    which no line has; a cost item named alone asks its amount (4,000천원)."""
    turns = ["홍보 온라인 목표 몇건이었지", "오프라인은?", "홈페이지 유지보수비는?"]
    *_, upkeep = _dialogue(service, turns, "staff")
    assert "목표" not in (upkeep.understood or ""), upkeep.understood
    assert upkeep.found and "4,000천원" in upkeep.answer, upkeep.answer


@pytest.mark.parametrize("question", ["그럼 몇 명 받을 수 있는 거예요?", "몇 명 오는 건데요?"])
def test_an_ending_on_geo_names_no_subject(
    service: RetrievalService, question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "…받을 수 있는 거예요?" ends as "…받을 수 있어요?" does: its 거 is the ending, no word,
    so the turn names no subject, and after turns that found nothing it is asked of none (a
    project's target, the platform's 이용자 1만 명, had answered it)."""
    vocab = service._vocab(service.state)
    assert conversation.subjectless(question, vocab)
    assert not conversation.subjectless("긴급돌봄은 몇 명 받을 수 있는 거예요?", vocab)
    monkeypatch.setattr(conversation, "ENDING_NO_WORD", False)
    assert not conversation.subjectless(question, vocab)


def test_people_counted_in_bun_are_counted_in_myeong(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "몇 분" of people served is "몇 명": the plan counts them so (돌봄사각지대 발굴 25명)."""
    question = "농촌형 돌봄 몇 분 도와주시는 거예요?"
    answer = service.ask(question, "public")
    assert answer.found and "25명" in answer.answer, answer.answer
    monkeypatch.setattr(service_module, "PERSONS_COUNTED", False)
    assert not service.ask(question, "public").found


def test_people_counted_in_bun_before_carry_to_the_turn_after(service: RetrievalService) -> None:
    """ "긴급돌봄은요?" after "농촌형 돌봄 몇 분 도와주시는 거예요?": the earlier request, read as
    몇 명 as its own turn was, is asked of 긴급돌봄 (its 돌봄제공인력 25명); carried as 몇 분 it
    asked minutes and was not found."""
    first = "농촌형 돌봄 몇 분 도와주시는 거예요?"
    before = service.ask(first, "public")
    history = [{"question": first, "answer": before.answer}]
    after = service.ask("긴급돌봄은요?", "public", history=history)
    assert after.found and "명" in after.answer, after.answer


def test_an_ask_pointing_back_at_what_was_heard_is_asked_of_it(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "…성과대회 열렸다는 얘기 들었어요. 그거 언제였어요?": 그거 is the 성과대회 heard of; the
    ministry's release dates it (9월 5일). The release has no headings, so no nearest topic
    could be asked instead."""
    question = "사회서비스원 성과대회 열렸다는 얘기 들었어요. 그거 언제였어요?"
    answer = service.ask(question, "public")
    assert answer.found and "9월 5일" in answer.answer, answer.answer
    assert answer.question == question
    monkeypatch.setattr(service_module, "POINTED_CLAIM_ASKED", False)
    assert not service.ask(question, "public").found


def test_a_pointer_into_the_turn_itself_is_not_read_as_the_turns_before(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a budget turn, "…성과대회 열렸다는 얘기 들었어요. 그거 언제였어요?" points at the
    성과대회 it tells of, not at the budget's project."""
    turns = [
        "대체인력 파견 예산 얼마야?",
        "사회서비스원 성과대회 열렸다는 얘기 들었어요. 그거 언제였어요?",
    ]
    _first, second = _dialogue(service, turns, viewer="public")
    assert second.found and "9월 5일" in second.answer, second.answer
    monkeypatch.setattr(service_module, "POINTED_AFTER_TURNS", False)
    _first, again = _dialogue(service, turns, viewer="public")
    assert "9월 5일" not in again.answer, again.answer


def test_an_extension_asked_after_a_project_is_that_projects(service: RetrievalService) -> None:
    """ "담당 누구였지 내선도" after 대체인력 파견's budget: 내선 is one word (Kiwi alone read
    "나의 선도", a subject of its own, and answered another project's contact)."""
    *_before, contact = _dialogue(
        service, ["대체인력 파견 올해 목표 몇건?", "예산은?", "담당 누구였지 내선도"]
    )
    assert contact.found and "권석주" in contact.answer, contact.answer
    assert "4055" in contact.answer, contact.answer


def test_the_indicator_that_lost_most_is_what_a_pointing_follow_up_asks_of(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "해당 지표에 대한 평가 의견은?" after the indicator that lost most of its 배점: that
    indicator's comments, its name quoted in the ranking as a ranking of areas quotes it."""
    from retrieval import table_aggregates

    questions = [
        "주요사업 영역에서 배점 대비 가장 많이 깎인 지표는?",
        "해당 지표에 대한 평가 의견은?",
    ]
    _first, comment = _dialogue(service, questions, "evaluator")
    assert comment.found and "보다 적극적인 노력" in comment.answer, comment.answer
    monkeypatch.setattr(table_aggregates, "LOST_ROW_QUOTED", False)
    _first, comment = _dialogue(service, questions, "evaluator")
    assert "보다 적극적인 노력" not in comment.answer, comment.answer


def test_a_sibling_indicator_asked_after_the_lowest_one_is_asked_of_its_own(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "정부위탁사업 운영계획은 왜 점수가 낮았어요?" after the lowest indicator (공모 사업 추진
    노력, under 2. 정부위탁사업 운영): the sibling 운영 계획 수립 indicator's reasons. With the
    whole path quoted, 정부위탁사업 운영 read as a word of the winner's name."""
    from retrieval.profiles.evaluation_report import rankings

    questions = ["주요사업 영역 득점이 어떻게 되나요?", "가장 많이 깎인 세부지표가 뭐였죠?"]
    questions.append("정부위탁사업 운영계획은 왜 점수가 낮았어요?")
    *_before, why = _dialogue(service, questions, "evaluator")
    assert why.found and "산발적으로 나열" in why.answer, why.answer
    monkeypatch.setattr(rankings, "WINNER_ALONE_QUOTED", False)
    *_before, why = _dialogue(service, questions, "evaluator")
    assert "산발적으로 나열" not in why.answer, why.answer
