"""Abbreviations: a short form of a compound the documents write (경평 for 경영평가) is read as
the compound; a common word (대기), a short form the documents write themselves (사서원) and a
compound written once are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import service as service_module
from retrieval.service import RetrievalService
from sosa.korean.abbreviations import expand, learn

PASSAGES = [
    "2024년 경영평가 결과 총점은 92.15점이다.",
    "경영평가 지표별 득점과 평가위원 의견",
    "특별감사 : 명절, 연휴, 휴가기간 예방감사",
    "정기감사 연 2회, 특별감사 연 2회",
    "대상기관 선정 후 대상기관에 안내",
    "찾아가는 사서원 5회 추진, 사회서비스원 발전 도모",
    "이행사항 점검",
]


def test_the_documents_compounds_teach_their_short_forms() -> None:
    short = learn(PASSAGES)
    assert short["경평"] == "경영평가"
    assert short["특감"] == "특별감사"
    assert expand("우리 경평 총점 몇이었지", short) == "우리 경영평가 총점 몇이었지"
    # (the particle takes the compound's form: 특감은 -> 특별감사는)
    assert expand("특감은 언제 해?", short) == "특별감사는 언제 해?"


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("특감이랑 정기감사 일정은?", "특별감사랑 정기감사 일정은?"),
        ("특감을 언제 해?", "특별감사를 언제 해?"),
        ("경평으로 뭐 봐?", "경영평가로 뭐 봐?"),
        ("그게 경평이야?", "그게 경영평가이야?"),  # (a copula, not a particle: kept)
    ],
)
def test_a_particle_after_a_short_form_takes_the_compounds_form(question: str, read: str) -> None:
    assert expand(question, learn(PASSAGES)) == read


def test_a_common_word_a_written_short_form_or_a_compound_seen_once_is_not_expanded() -> None:
    short = learn(PASSAGES)
    assert "대기" not in short  # a word of its own (대상기관 is written twice)
    assert "사서원" not in short  # the documents write it ("찾아가는 사서원")
    assert "이사" not in short  # 이행사항 is written once
    for question in ("대기 시간은 얼마예요?", "찾아가는 사서원 몇 회?", "이사 명단은?"):
        assert expand(question, short) == question


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="경평특감대기 은는이가총점?", max_size=20))
def test_expanding_keeps_whatever_is_no_short_form(text: str) -> None:
    """Text without a known short form comes back unchanged, and expanding twice changes
    nothing more (a compound is never itself a short form)."""
    short = learn(PASSAGES)
    assert expand(text, {}) == text
    once = expand(text, short)
    assert expand(once, short) == once


def test_a_staff_member_asks_in_the_short_form(
    service: RetrievalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "우리 경평 총점 몇이었지": the evaluation's total (it was not found: no passage writes 경평);
    the answer keeps the question as it was asked."""
    answer = service.ask("우리 경평 총점 몇이었지", "staff")
    assert answer.found and "92.15" in answer.answer, answer.answer
    assert answer.question == "우리 경평 총점 몇이었지"
    monkeypatch.setattr(service_module, "ABBREVIATIONS", False)
    assert not service.ask("우리 경평 총점 몇이었지", "staff").found
