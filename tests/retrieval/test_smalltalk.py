"""Greetings, thanks and goodbyes get a reply of their own; a question with a greeting is a
question."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import smalltalk
from retrieval.service import RetrievalService


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("안녕하세요", smalltalk.GREETING.format(home="")),
        ("안녕하세요!", smalltalk.GREETING.format(home="")),
        ("고맙습니다", smalltalk.THANKS),
        ("네 감사합니다~", smalltalk.THANKS),
        ("수고하세요", smalltalk.GOODBYE),
        ("안녕하세요, 대체인력 예산 알려주세요", None),  # a question
        ("감사 결과 알려줘", None),  # 감사 as an audit
        ("감사", None),
        ("대체인력 예산", None),
        # asking leave to ask: no question yet
        ("안녕하세요 궁금한 게 있는데요", smalltalk.ASK_AWAY.format(home="")),
        ("뭐 좀 물어봐도 돼요?", smalltalk.ASK_AWAY.format(home="")),
        ("문의드릴 게 있습니다", smalltalk.ASK_AWAY.format(home="")),
        ("궁금한 게 있는데 대체인력 예산 얼마예요?", None),  # the question itself
    ],
)
def test_small_talk_alone_is_replied_to(message: str, reply: str | None) -> None:
    assert smalltalk.reply(message) == reply


@given(st.text(max_size=60))
def test_a_reply_is_one_of_the_four_or_none(message: str) -> None:
    said = smalltalk.reply(message, "기관")
    assert said in (
        None,
        smalltalk.GREETING.format(home="기관의 "),
        smalltalk.THANKS,
        smalltalk.GOODBYE,
        smalltalk.ASK_AWAY.format(home="기관의 "),
    )
    if len(message.strip()) > smalltalk.MAX_CHARS:
        assert said is None


def test_a_greeting_quotes_no_document_and_names_the_agency(service: RetrievalService) -> None:
    hello = service.ask("안녕하세요", "public")
    assert not hello.found and hello.citations == []
    assert hello.answer.startswith("안녕하세요.") and "사회서비스원" in hello.answer
    # A greeting in the history sets no topic: the question after it is asked as it is.
    budget = service.ask(
        "대체인력 예산 얼마야?",
        "staff",
        history=[{"question": "안녕하세요", "answer": hello.answer}],
    )
    assert budget.found and budget.understood is None and "503,000천원" in budget.answer
    thanks = service.ask(
        "감사합니다",
        "staff",
        history=[{"question": "대체인력 예산 얼마야?", "answer": budget.answer}],
    )
    assert thanks.answer == smalltalk.THANKS
