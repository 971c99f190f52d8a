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


def test_an_adjective_of_a_root_and_ha_also_reads_as_its_root() -> None:
    """ "경미하면" meets a table's "구분 경미": a stem of a root and 하 yields the root too."""
    pairs = nominals("보안 위규가 경미하면 어떻게 처리해?")
    assert ("경미하", "경미") in pairs and ("경미하", "경미함") in pairs
    # A one-syllable root (말하다, 대하다) is no noun of its own.
    assert all(noun != "말" for _stem, noun in nominals("담당자에게 말하면 돼요?"))


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=12))
def test_every_root_is_its_stem_less_ha(text: str) -> None:
    for stem, noun in nominals(text):
        assert noun == nominal(stem) or noun == nominal(stem, True) or stem == noun + "하"
