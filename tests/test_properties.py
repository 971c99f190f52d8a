"""Property tests (hypothesis) for the core text helpers and the redaction policy."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.policy import REDACTED, redact, redact_text
from sosa.korean.analysis import normalize_query
from sosa.korean.sentences import sentences
from sosa.korean.text import generic_name, persons_counted, spaced_few, without_approximators
from sosa.numbers import bare, format_decimal, numbers_in, signed_decimal

FAST = settings(max_examples=150, deadline=None)

hangul = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
# (부서 after a label is "담당 부서", a question's words, not a name, nor is a label itself:
# retrieval/policy.py)
_LABEL_WORDS = {"부서", "담당", "담당자", "팀장", "센터장", "실무자", "주무관", "책임자"}
_LABEL_WORDS |= {"부서장", "과장", "계장", "연락처", "내선"}
# (a name spelled inside the redaction mark or a row label, "공개" of "[비공개]", is in any
# redacted row whatever was removed: no such name is drawn)
names = st.text(hangul, min_size=2, max_size=4).filter(
    lambda n: (
        not any(n.startswith(w) for w in _LABEL_WORDS)
        and n not in REDACTED
        and n not in "담당자 팀 장 센터장"
    )
)
extensions = st.integers(100, 9999).map(str)
text = st.text(st.one_of(hangul, st.sampled_from(" \n\t\u00a0.,?!·-0123456789()")), max_size=200)


@FAST
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_signed_decimal_reads_what_format_decimal_prints(value: Decimal) -> None:
    assert signed_decimal(format_decimal(value)) == value


@FAST
@given(st.integers(0, 10**12), st.sampled_from("△▲▽▼−-"))
def test_negative_marks(n: int, mark: str) -> None:
    assert signed_decimal(f"({mark}{n:,})") == -n
    assert signed_decimal(f"{n:,}건") == n


@FAST
@given(
    st.lists(st.integers(0, 10**9), min_size=1, max_size=8),
    st.sampled_from(["건 및 ", "원, ", "점 / "]),
)
def test_numbers_in_finds_every_figure_as_printed(values: list[int], sep: str) -> None:
    printed = [f"{v:,}" for v in values]
    assert numbers_in("목표는 " + sep.join(printed) + "입니다.") == printed
    assert [bare(p) for p in printed] == [str(v) for v in values]


@FAST
@given(text)
def test_sentences_lose_nothing_but_space(value: str) -> None:
    parts = sentences(value)
    assert all(p and p == p.strip() and "\n" not in p for p in parts)
    assert "".join("".join(parts).split()) == "".join(value.split())


@FAST
@given(text)
def test_normalize_query_is_idempotent_and_tidy(value: str) -> None:
    q = normalize_query(value)
    assert normalize_query(q) == q
    assert q == q.strip() and "  " not in q and "\u00a0" not in q and "\n" not in q


@FAST
@given(names, extensions, names, extensions, st.sampled_from(["담당자", "팀 장", "센터장"]))
def test_contact_rows_are_redacted_for_the_public(
    n1: str, e1: str, n2: str, e2: str, label: str
) -> None:
    row = f"{label} {n1} {e1} · 팀 장 {n2} {e2}"
    out = redact(row, "public")
    assert n1 not in out and e1 not in out and n2 not in out and e2 not in out, out
    assert out.count(REDACTED) == 2
    for viewer in ("staff", "evaluator", "admin"):
        assert redact(row, viewer) == row


@FAST
@given(text, st.integers(1000, 9999), st.integers(1000, 9999))
def test_mobiles_go_public_lines_stay(around: str, a: int, b: int) -> None:
    mobile = f"010-{a}-{b}"
    office = f"063-{a % 900 + 100}-{b}"
    value = f"{around} 휴대전화 {mobile}, 대표번호 1522-0365, 사무실 {office} {around}"
    out = redact_text(value)
    assert mobile not in out
    assert "1522-0365" in out and office in out


def test_the_team_asked_is_no_name() -> None:
    # "담당 부서" is what a follow-up asks ("담당 부서는?"), not a label with a name after it
    assert redact_text("농촌형 돌봄 강화 담당 부서") == "농촌형 돌봄 강화 담당 부서"
    assert redact_text("담당 김민지") == f"담당 {REDACTED}"
    assert REDACTED in redact_text("담당 부서장 4040")
    # nor is a label after a label ("…담당 연락처" asks for a contact; it names none)
    assert redact_text("긴급돌봄 담당 연락처") == "긴급돌봄 담당 연락처"
    assert redact_text("담당자 연락처 김민지 4030") == f"담당자 연락처 {REDACTED}"


@FAST
@given(text)
def test_redaction_is_idempotent(value: str) -> None:
    once = redact_text(value)
    assert redact_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("가나다라 마바사?0123456789"), max_size=1200))
def test_bounded_question_is_a_short_tail(text: str) -> None:
    from retrieval.intent import MAX_WORK_CHARS, bounded

    out = bounded(text)
    assert len(out) <= MAX_WORK_CHARS
    assert text.endswith(out)
    if len(text) <= MAX_WORK_CHARS:
        assert out == text


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("(사업기간) 2023. 1 ~ 12월", ["(사업기간) 2023. 1 ~ 12월"]),
        ("사업 기간 : ’26. 4. ∼ ’27. 3.", ["사업 기간 : ’26. 4. ∼ ’27. 3."]),
        (
            "신청은 2026.4.13. 까지 받는다. 문의 바람.",
            ["신청은 2026.4.13. 까지 받는다.", "문의 바람."],
        ),
        # an item's own number stays apart from its text, as before
        ("서약합니다. 1. 본인은 준수한다.", ["서약합니다.", "1.", "본인은 준수한다."]),
        ("총 5개다. 다음 문장.", ["총 5개다.", "다음 문장."]),
    ],
)
def test_a_dates_periods_do_not_end_a_sentence(text: str, units: list[str]) -> None:
    assert sentences(text) == units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "처음 조사한 사람은 하워드 W. 오덤인데, 노래를 출판했다. 다음 문장.",
            ["처음 조사한 사람은 하워드 W. 오덤인데, 노래를 출판했다.", "다음 문장."],
        ),
        ("그는 G.O.O.D. Music 소속이다. 끝.", ["그는 G.O.O.D. Music 소속이다.", "끝."]),
        ("로버트 E. 리 장군이 이끌었다.", ["로버트 E. 리 장군이 이끌었다."]),
        # a Latin word of more letters still ends a sentence
        ("이름은 KBS. 다음 문장.", ["이름은 KBS.", "다음 문장."]),
    ],
)
def test_an_initials_period_does_not_end_a_sentence(text: str, units: list[str]) -> None:
    assert sentences(text) == units


@pytest.mark.parametrize(
    ("agency", "generic"),
    [
        ("전북특별자치도사회서비스원", "사회서비스원"),
        ("전라북도 사회서비스원", "사회서비스원"),
        ("대전광역시사회서비스원", "사회서비스원"),
        ("서울시 여성가족재단", "여성가족재단"),
        ("경기도복지재단", "복지재단"),
        ("보건복지부", None),  # no region leads it: no name without one
        (None, None),
    ],
)
def test_an_agencys_name_without_its_region(agency: str | None, generic: str | None) -> None:
    assert generic_name(agency) == generic


@given(
    st.sampled_from(["전북", "전라북도", "충남", "대구"]),
    st.text("가나다라사회서비스원재단", min_size=1),
)
def test_the_name_without_its_region_ends_the_name(region: str, rest: str) -> None:
    name = generic_name(f"{region}특별자치도{rest}")
    assert name is None or f"{region}특별자치도{rest}".endswith(name)


@given(
    st.sampled_from(["몇 건", "몇 명", "얼마", "100명", "3회", "몇 시간"]),
    st.sampled_from(["정도", " 정도", "쯤", "가량"]),
    st.text(alphabet="가나다라 ?", max_size=12),
)
@settings(max_examples=60, deadline=None)
def test_a_hedge_after_a_quantity_goes_and_nothing_else(
    quantity: str, hedge: str, rest: str
) -> None:
    """The hedge after a quantity ("몇 건 정도", "100명쯤") goes; the quantity and what follows
    stay; a text without one is unchanged."""
    text = f"1년에 {quantity}{hedge} {rest}"
    out = without_approximators(text)
    assert quantity in out and hedge.strip() not in out.replace(rest, "")
    assert without_approximators(out) == out
    assert without_approximators(f"1년에 {quantity} {rest}") == f"1년에 {quantity} {rest}"


def test_a_hedge_of_no_quantity_stays() -> None:
    assert without_approximators("어느 정도 지원돼요?") == "어느 정도 지원돼요?"
    assert without_approximators("정도경영 추진") == "정도경영 추진"
    assert without_approximators("1년에 몇 건 정도 하는 거예요?") == "1년에 몇 건 하는 거예요?"
    # (the particle on the hedge goes with it)
    assert without_approximators("몇 분 정도나 받을 수 있어요?") == "몇 분 받을 수 있어요?"


@given(st.text(alphabet="몇점건명회 가나?", max_size=30))
def test_few_apart_from_its_counter_only_adds_spaces(text: str) -> None:
    spaced = spaced_few(text)
    assert spaced.replace(" ", "") == text.replace(" ", "")
    assert spaced_few(spaced) == spaced
    # (a 몇 opening a word stands apart; one inside a word, or 몇몇, is left as written)
    assert not re.search(r"(?<![가-힣])몇(?=[가-힣])(?!몇)", spaced)


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("경영평가 몇점이야?", "경영평가 몇 점이야?"),
        ("몇건?", "몇 건?"),
        ("몇 명이야?", "몇 명이야?"),
        ("몇몇 사업", "몇몇 사업"),
    ],
)
def test_few_written_with_its_counter(text: str, spaced: str) -> None:
    assert spaced_few(text) == spaced


@given(st.text(alphabet="몇분명시간 이서받도와걸려동안기?", max_size=30))
def test_persons_counted_changes_only_the_counter(text: str) -> None:
    out = persons_counted(text)
    assert persons_counted(out) == out

    # (only 몇 분 becomes 몇 명, 분들 losing its plural: nothing else is touched)
    def counted(s: str) -> str:
        return re.sub(r"몇\s*(?:분(?:들)?|명)", "#", s)

    assert counted(out) == counted(text)
    if "분" not in text:
        assert out == text


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("그럼 몇 분 정도나 받을 수 있는 거예요?", "그럼 몇 명 정도나 받을 수 있는 거예요?"),
        ("몇 분이서 다니세요?", "몇 명이서 다니세요?"),
        ("몇 분들이 오세요?", "몇 명이 오세요?"),
        # minutes, a clock's or a span's, and words that start with 분
        ("몇 분 걸려요?", "몇 분 걸려요?"),
        ("상담은 몇 분 동안 해요?", "상담은 몇 분 동안 해요?"),
        ("회의는 몇 시 몇 분에 시작해요?", "회의는 몇 시 몇 분에 시작해요?"),
        ("몇 분 미만으로 남았을 때", "몇 분 미만으로 남았을 때"),
        ("각각 몇 분이 주어지나?", "각각 몇 분이 주어지나?"),
        ("몇 분기로 잡혀 있나요?", "몇 분기로 잡혀 있나요?"),
    ],
)
def test_persons_counted_in_myeong(text: str, counted: str) -> None:
    assert persons_counted(text) == counted
