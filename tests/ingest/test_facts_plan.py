"""Targets, budgets and contacts from the business plan, checked against its source text."""

# Fixtures imported from test_facts_fixtures are test parameters here.
# ruff: noqa: F811

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from sosa.models import BudgetRow, ContactRow, TargetRow
from tests.conftest import SOURCE_TEXT
from tests.ingest.test_facts_fixtures import corpus_docs, facts_conn, facts_db  # noqa: F401

PLAN = "jb-2023-annual-business-plan.pdf"
SOURCE = (SOURCE_TEXT / "jb-2023-annual-business-plan.txt").read_text(encoding="utf-8")


def rows_of(conn: sqlite3.Connection, kind: str) -> list[tuple[dict, str, list[dict]]]:
    return [
        (json.loads(d), audience, json.loads(cites))
        for d, audience, cites in conn.execute(
            "SELECT data, audience, cites FROM facts WHERE type=? AND document=? ORDER BY id",
            (kind, PLAN),
        )
    ]


@pytest.fixture(scope="module")
def targets(facts_conn: sqlite3.Connection) -> list[TargetRow]:
    return [TargetRow(**d) for d, _a, _c in rows_of(facts_conn, "target")]


@pytest.fixture(scope="module")
def budgets(facts_conn: sqlite3.Connection) -> list[BudgetRow]:
    return [BudgetRow(**d) for d, _a, _c in rows_of(facts_conn, "budget")]


def test_performance_contract_table_spans_two_pages(targets: list[TargetRow]) -> None:
    # Source rows: "① 정보공시제 운영\t공시율진척도\t80% 구축완료\t"
    start = SOURCE.index("2023년 성과계약 목표")
    pattern = re.compile(r"^[①-⑳] (.+?)\t(.+?)\t([^\t\n]+)", flags=re.M)
    source = [m.groups() for m in pattern.finditer(SOURCE, start)][:12]
    contract = [t for t in targets if t.kind == "performance_contract"]
    assert len(source) == 12
    for indicator, _measure, target in source:
        mine = [t for t in contract if t.indicator == indicator]
        assert mine, indicator
        assert " ".join(t.target for t in mine) == target  # "100% 2건" split into two rows
        assert all(t.goal_area and t.goal_area.startswith("【") for t in mine)
    split = {t.measure: t.target for t in contract if t.indicator == "종사자 근로조건 향상"}
    assert split == {"직접 고용 비율": "100%", "처우개선 추진횟수": "2건"}
    assert {t.page for t in contract} == {3}


@pytest.mark.parametrize(
    ("project", "indicator", "target"),
    [
        ("인력 공백에 대한 대체인력 파견", "대체인력 파견실적", "1,500건"),
        ("소속시설 조직진단을 통한 경영혁신", "'23년 소속시설 모니터링", "24회"),
        ("신뢰의 미래지향적 노사관계 정립", "노사협의회 정기회의", "4회"),
        ("안정적인 회의체계 마련", "인사위원회 운영", "5회"),
        ("종사자 직접 고용을 통한 고용안정 실현", "소속시설 종사자 직접 고용 비율", "100%"),
        ("사회서비스 종사자 역량강화교육 지원", None, "1,450명"),
        ("만족도 조사를 통한 서비스 질 개선 및 향상", "돌봄 영역별 이용자 만족도조사", "100명"),
    ],
)
def test_project_goal_lines(
    targets: list[TargetRow], project: str, indicator: str | None, target: str
) -> None:
    found = [
        t
        for t in targets
        if t.project == project
        and t.target == target
        and (indicator is None or t.indicator == indicator)
    ]
    assert len(found) == 1, [
        (t.project, t.indicator, t.target) for t in targets if t.project == project
    ]
    row = found[0]
    assert row.kind == "project_goal" and row.section.endswith("사업목표") and row.page
    assert project in row.section


@pytest.mark.parametrize(
    ("indicator", "target"),
    [
        ("본부 및 직영·소속시설 대상 정기적 안전점검, 모니터링 실시", "분기별 1회"),
        ("전직원 대상 안전교육", "분기별 1회"),
        ("외부기관 연계훈련 실시", "반기별 1회"),
        ("정기감사", "연 2회"),
        ("업무추진비 정보공개", "연 12회"),
        ("급량비 지원 1인당", "연 240천원"),
        ("규정정비, 신고채널 마련, 실무 매뉴얼 등 반부패 방지시스템 운영", "각 1회"),
        ("노사협의회 정기회의", "4회"),  # no qualifier printed: none added
    ],
)
def test_targets_keep_how_often_they_recur(
    targets: list[TargetRow], indicator: str, target: str
) -> None:
    """ "(분기별 1회)" is four times a year: the figure alone ("1회") would misstate it."""
    found = {t.target for t in targets if t.indicator == indicator}
    assert found == {target}


def test_goal_lines_keep_their_heading_and_team(targets: list[TargetRow]) -> None:
    training = [t for t in targets if t.indicator == "교육" and t.target == "5회"]
    assert len(training) == 1
    assert training[0].goal_area == "긴급·틈새돌봄지원단 구성 및 운영"
    assert training[0].team == "종합재가센터"
    replacement = next(t for t in targets if t.target == "1,500건")
    assert replacement.team == "시설지원팀"
    assert replacement.section.endswith("시설지원팀 › 인력 공백에 대한 대체인력 파견 › 사업목표")


def test_every_target_is_printed_in_its_line(facts_conn: sqlite3.Connection) -> None:
    rows = rows_of(facts_conn, "target")
    assert len(rows) >= 150
    for data, audience, cites in rows:
        assert audience == "public"
        assert (
            data["target"] in cites[0]["quote"]
            or data["target"].replace(" ", "") in cites[0]["quote"]
        )


def test_budget_lines_and_items(budgets: list[BudgetRow]) -> None:
    source = re.findall(r"\(소요예산\)\s*([\d,]+천원|비예산)", SOURCE)
    assert len(source) == 54
    assert sorted(b.amount for b in budgets) == sorted(source)
    by_project = {b.project: b for b in budgets}
    replacement = by_project["인력 공백에 대한 대체인력 파견"]
    assert (replacement.amount, replacement.funding) == ("503,000천원", "특별회계")
    assert replacement.team == "시설지원팀"
    welfare = by_project["복리후생, 처우개선을 통한 근로환경 개선"]
    assert welfare.amount == "19,200천원" and len(welfare.items) == 3
    assert any("11,400천원" in item and "기타복리후생비" in item for item in welfare.items)
    platform = next(b for b in budgets if b.amount == "400,000천원")
    assert platform.funding == "도비 100%" and len(platform.items) == 5
    assert next(b for b in budgets if b.amount == "80,000천원").funding == "국비매칭사업"
    training = by_project["사회서비스 종사자 역량강화교육 지원"]
    assert training.amount == "23,200천원" and training.funding is None  # "(단위: 천원)" is no fund
    # A table broken across pages still yields all its items.
    assert len(by_project["직능단체별 맞춤형 교육·연수 강화"].items) == 3


def source_contacts() -> set[tuple[str, str]]:
    """(name, extension) pairs of the 담당자 tables in the source text."""
    lines = SOURCE.splitlines()
    pairs: set[tuple[str, str]] = set()
    for i, line in enumerate(lines):
        if not line.startswith("담당자\t"):
            continue
        cells = lines[i + 1].split("\t")
        if all(re.fullmatch(r".+ \d{4}", c) for c in cells):
            pairs |= {(c.rsplit(" ", 1)[0], c.rsplit(" ", 1)[1]) for c in cells}
        else:
            pairs |= set(zip(cells, lines[i + 2].split("\t"), strict=True))
    return pairs


def test_contacts_are_internal_and_complete(facts_conn: sqlite3.Connection) -> None:
    rows = rows_of(facts_conn, "contact")
    staff = [(ContactRow(**d), a) for d, a, _c in rows if d["role"] != "대표번호"]
    # Letter-spaced names ("박 일") are re-joined by the PDF parser: compare without spaces.
    source = {(re.sub(r"\s+", "", n), p) for n, p in source_contacts()}
    assert {(re.sub(r"\s+", "", c.name or ""), c.phone) for c, _a in staff} == source
    assert all(a == "internal" and c.audience == "internal" for c, a in staff)
    assert len({c.project for c, _a in staff}) >= 50
    center = {(c.role, c.name, c.phone) for c, _a in staff if c.team == "종합재가센터"}
    assert ("센터장", "이선경", "2061") in center and ("담당자", "장윤희", "2070") in center
    # The table that the page break pushed into the previous project belongs to the next one.
    safety = [
        c
        for c, _a in staff
        if c.project and c.project.startswith("전라북도 내 사회서비스 기관에 대한")
    ]
    assert {(c.name, c.phone) for c in safety} == {("박지현", "4054"), ("전미란", "4050")}


def test_citizens_number_is_public(facts_conn: sqlite3.Connection) -> None:
    public = [(ContactRow(**d), a) for d, a, _c in rows_of(facts_conn, "contact") if a == "public"]
    assert {c.phone for c, _a in public} == {"1522-0365"}
    assert all(c.role == "대표번호" and c.team == "종합재가센터" for c, _a in public)
    assert any(c.name == "돌봄종합정보상담 콜센터" for c, _a in public)
