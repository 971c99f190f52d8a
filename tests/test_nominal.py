"""The -(으)ㅁ noun of a verb stem: how a question's verb meets the documents' noun."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosa.korean.analysis import nominal, nominals


@pytest.mark.parametrize(
    ("stem", "irregular", "noun"),
    [
        ("돌보", False, "돌봄"),
        ("나누", False, "나눔"),
        ("쉬", False, "쉼"),
        ("살", False, "삶"),
        ("만들", False, "만듦"),
        ("돕", True, "도움"),
        ("어렵", True, "어려움"),
        ("믿", False, "믿음"),
        ("잡", False, "잡음"),  # a regular ㅂ keeps it
    ],
)
def test_nominal_forms(stem: str, irregular: bool, noun: str) -> None:
    assert nominal(stem, irregular) == noun


def test_the_verbs_of_a_question_with_their_nouns() -> None:
    assert nominals("어머니를 돌봐 줄 사람이 없어요") == [("돌보", "돌봄")]
    assert ("돕", "도움") in nominals("도와주세요")


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=4))
def test_a_nominal_ends_in_a_mieum_sound(stem: str) -> None:
    noun = nominal(stem, irregular=True)
    if not stem:
        assert noun == ""
        return
    last = (ord(noun[-1]) - 0xAC00) % 28
    assert noun.startswith(stem[:-1])
    assert last in (10, 16) or noun.endswith(("음", "움"))
