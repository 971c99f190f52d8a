"""The roles of a kind's labelled lines, as the generic answer path reads them."""

from __future__ import annotations

import re

import pytest

from retrieval.profiles import lines
from retrieval.profiles.business_plan.lines import LABELS


@pytest.mark.parametrize(
    ("text", "defining", "receiving"),
    [
        ("(목적) 돌봄 공백 해소", True, False),
        ("(사업내용) 사회복지시설의 돌봄 및 조리인력 업무 공백 시 대체인력 파견", True, True),
        ("(대 상) 도내 사회복지시설", False, True),
        ("대상자 기준 : 갑작스러운 위기상황 발생으로 돌봄이 필요한 경우", False, True),
        ("대체인력 파견실적 총 1,500건", False, False),
    ],
)
def test_plan_lines_play_their_roles(text: str, defining: bool, receiving: bool) -> None:
    assert bool(re.search(lines.DEFINING, text)) is defining
    assert bool(lines.RECEIVING.search(text)) is receiving


def test_background_and_issues_are_section_names() -> None:
    name = lines.section_name("계획서 › 시설지원팀 › 대체인력 파견 › 추진배경")
    assert name == "추진배경"
    assert lines.BACKGROUND.search(name)
    assert not lines.BACKGROUND.search("쟁점 및 대책")
    assert lines.NOT_OFFERED.search("쟁점 및 대책")
    assert not lines.NOT_OFFERED.search("실행방안")


def test_staff_row_is_a_contact_row_only() -> None:
    assert lines.STAFF_ROW.match("담당자 양은영 2911 · 센터장 양은영 2911")
    assert not lines.STAFF_ROW.match("담당자 교육 운영 2회")


def test_the_registry_is_the_union_of_the_kinds() -> None:
    # every alternative a kind lists is one the registry matches with
    for pattern in LABELS.defining:
        assert pattern in lines.DEFINING
    empty = lines.Labels()
    assert empty.defining == () and empty.staff_row == ()
