"""The shared Kiwi reads the words users write as one word, whatever follows them."""

from __future__ import annotations

import pytest

from sosa.korean.analysis import USER_WORDS, tokens


@pytest.mark.parametrize(
    "question", ["담당 누구였지 내선도", "내선번호 알려줘", "교육 담당자분 내선번호좀요"]
)
def test_an_extension_is_one_word(question: str) -> None:
    assert ("내선", "NNG") in [(t.form, t.tag) for t in tokens(question)]


def test_the_user_words_are_nouns_kiwi_reads_whole() -> None:
    for word, tag in USER_WORDS:
        assert [(t.form, t.tag) for t in tokens(word)] == [(word, tag)]
