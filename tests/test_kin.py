"""Kin words: an everyday question noun reaches the documents' word by Kiwi's embeddings, and
a mere neighbour (a co-hyponym) does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sosa.korean.analysis import bigrams
from sosa.korean.kin import _one_letter_off, kin_words, spelled, spelling_variant
from sosa.korean.text import josa

# What an index of welfare documents might hold: the documents' words and decoys that are
# near the question's words without meaning them.
DOCUMENT_WORDS = {"농촌", "노인", "연락처", "평일", "후생비", "돌봄", "지역"}


def test_everyday_words_reach_the_documents_words() -> None:
    found = kin_words("시골에 혼자 사시는 할머니가 돌봄 받을 수 있나요?", DOCUMENT_WORDS)
    assert found == {"시골": "농촌", "할머니": "노인"}


def test_a_neighbour_that_does_not_mean_the_word_is_no_kin() -> None:
    # 주소 ~ 연락처 and 주말 ~ 평일 are near in the embeddings, but neither word is among the
    # other's own nearest: an address is not a phone number, a weekend not a weekday.
    assert kin_words("주소가 어디예요? 주말에도 하나요?", DOCUMENT_WORDS) == {}


def test_words_the_documents_use_or_spell_are_read_as_they_are() -> None:
    assert kin_words("농촌 돌봄 지역", DOCUMENT_WORDS) == {}
    # Spelled in the documents though cut otherwise by Kiwi: every bigram is indexed.
    vocab = DOCUMENT_WORDS | set(bigrams("사업비"))
    assert spelled("사업비", vocab)
    assert "사업비" not in kin_words("대체인력 사업비는 어디서 나와?", vocab)


def test_a_derived_noun_is_read_as_the_documents_noun_it_is_made_of() -> None:
    # 청렴도 (integrity's degree), 참여율 (a rate), one noun each to Kiwi: the documents say
    # 청렴, 참여
    vocab = DOCUMENT_WORDS | {"청렴", "참여", "조리"}
    found = kin_words("청렴도는 어떻게 관리해요? 참여율은요?", vocab)
    assert found == {"청렴도": "청렴", "참여율": "참여"}
    # the person who does it: the documents say 조리인력 (조리 + 인력)
    assert kin_words("조리사도 보내줘요?", vocab) == {"조리사": "조리"}
    # a stem the documents do not use is no reading; nor is a syllable that derives nothing
    assert "청렴도" not in kin_words("청렴도는 어떻게 관리해요?", DOCUMENT_WORDS)
    assert kin_words("농촌길", DOCUMENT_WORDS) == {}


def test_a_place_named_with_its_administrative_unit_is_the_documents_place() -> None:
    # the plan writes "무주, 진안, 장수"; a citizen writes 장수군, 무주군 (one name to Kiwi)
    vocab = DOCUMENT_WORDS | {"장수", "무주"}
    assert kin_words("장수군에 사는데 돌봄 받을 수 있어요?", vocab) == {"장수군": "장수"}
    assert kin_words("무주군 사는 노인도 돼요?", vocab) == {"무주군": "무주"}
    # a place the documents do not name is no reading, nor one they name whole
    assert "남원시" not in kin_words("남원시에 살아요", vocab)
    assert kin_words("장수군 돌봄", vocab | {"장수군"}) == {}


def test_time_words_and_single_syllables_get_no_kin() -> None:
    assert kin_words("올해 작년 섬 수", DOCUMENT_WORDS | {"최근", "마을", "숫자"}) == {}


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("시골할머니주소농촌 에는가요?")), max_size=12))
def test_kin_maps_question_words_to_document_words(text: str) -> None:
    for word, near in kin_words(text, DOCUMENT_WORDS).items():
        assert word in text.lower() and word not in DOCUMENT_WORDS
        assert near in DOCUMENT_WORDS


def test_the_particle_follows_the_last_syllable() -> None:
    assert josa("‘농촌’", "으로", "로") == "‘농촌’으로"
    assert josa("마을", "으로", "로") == "마을로"  # a final ㄹ takes 로
    assert josa("노인", "은", "는") == "노인은"
    assert josa("할머니", "은", "는") == "할머니는"


def test_a_spelling_one_letter_off_the_documents_noun_is_read_as_it() -> None:
    # 리더쉽, 메뉴얼, 컨설딩: common misspellings of nouns the documents use
    vocab = DOCUMENT_WORDS | {"리더십", "매뉴얼", "컨설팅", "상담"}
    found = kin_words("리더쉽 점수랑 메뉴얼 제작, 컨설딩 건수 알려줘", vocab)
    assert found == {"리더쉽": "리더십", "메뉴얼": "매뉴얼", "컨설딩": "컨설팅"}
    # two syllables one letter apart are as often two words (상단 is no 상담)
    assert spelling_variant("상단", vocab) is None
    # two of the documents' nouns one letter off: no guess
    assert spelling_variant("가나다", {"가나라", "가나마"}) is None


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=4))
@settings(max_examples=100)
def test_one_letter_off_changes_exactly_one_jamo(word: str) -> None:
    variants = _one_letter_off(word)
    # (18 other initials + 20 medials + 27 finals per syllable, each spelling new)
    assert len(variants) == len(set(variants)) == 65 * len(word)
    for v in variants:
        assert len(v) == len(word) and v != word
        assert sum(a != b for a, b in zip(v, word, strict=True)) == 1
