"""Scores from the evaluation report, checked against the source text it was printed from."""

# Fixtures imported from test_facts_fixtures are test parameters here.
# ruff: noqa: F811

from __future__ import annotations

import json
import logging
import re
import sqlite3
from pathlib import Path

import pytest

from ingest.profiles import extract_document
from ingest.structure import assign_sections
from ingest.text import load_text
from sosa.models import DocumentInfo, MeasurementRow, ScoreRow
from tests.conftest import SOURCE_TEXT
from tests.ingest.test_facts_fixtures import corpus_docs, facts_conn, facts_db  # noqa: F401

REPORT = "jb-2024-management-evaluation.pdf"
BAD_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "facts" / "bad-subtotal.md"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def source_rating_rows() -> list[dict[str, str]]:
    """Every indicator row of the 평정표 pipe tables in the source text (not our parser)."""
    rows, area, in_table = [], "", False
    for line in (SOURCE_TEXT / "jb-2024-management-evaluation.txt").read_text().splitlines():
        m = re.match(r"^\d\)\s*(\S+)", line)
        if m:
            area = m.group(1)
        if line.startswith("| 평가") and "배점" in line:
            in_table = True
            continue
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not in_table or set(line) <= set("|- ") or any(flat(c) == "소계" for c in cells):
            continue
        rows.append(
            {
                "area": area,
                "desc": cells[2].lstrip("- ").strip(),
                "nature": cells[3],
                "max": cells[4],
                "points": cells[5],
            }
        )
    return rows


def source_summary() -> dict[str, str]:
    """The 종합결과 row of the source text: column label -> value."""
    lines = [
        ln
        for ln in (SOURCE_TEXT / "jb-2024-management-evaluation.txt").read_text().splitlines()
        if ln.startswith("|")
    ]
    sub = [c.strip() for c in lines[2].strip("|").split("|")]
    values = [c.strip() for c in lines[3].strip("|").split("|")]
    labels = ["등급", "총점", *[flat(s.split("(")[0]) for s in sub[2:]]]
    return dict(zip(labels, values, strict=True))


def fact_rows(conn: sqlite3.Connection, kind: str, document: str | None = None) -> list[dict]:
    sql = "SELECT data FROM facts WHERE type=?" + (" AND document=?" if document else "")
    args = (kind, document) if document else (kind,)
    return [json.loads(r[0]) for r in conn.execute(sql + " ORDER BY id", args)]


@pytest.fixture(scope="module")
def scores(facts_conn: sqlite3.Connection) -> list[ScoreRow]:
    return [ScoreRow(**d) for d in fact_rows(facts_conn, "score", REPORT)]


def test_all_39_indicators_have_the_printed_max_and_points(scores: list[ScoreRow]) -> None:
    expected = source_rating_rows()
    assert len(expected) == 39
    indicators = [s for s in scores if s.level == "indicator"]
    assert len(indicators) == 39
    by_desc = {flat(s.description or ""): s for s in indicators}
    for want in expected:
        got = by_desc.get(flat(want["desc"]))
        assert got is not None, want["desc"]
        assert (got.max_points, got.points) == (want["max"], want["points"]), want["desc"]
        assert flat(got.nature or "") == flat(want["nature"])
        assert flat(got.area or "") == flat(want["area"])
        assert got.page and got.section.endswith("평정표")


def test_indicator_groups_print_as_the_document_does(scores: list[ScoreRow]) -> None:
    groups = list(dict.fromkeys(s.indicator for s in scores if s.level == "indicator"))
    assert groups[0] == "1. 기관장의 리더(9)"  # the report truncates the label itself
    assert "1. 민간지원(14) (+0.5)" in groups and "2. 수요자 중심 서비스(10)" in groups
    assert len(groups) == 13
    penalty = [s for s in scores if s.max_points and s.max_points.startswith("△")]
    assert [p.max_points for p in penalty] == ["△1.5", "△1"]
    bonus = [s for s in scores if "가점" in (s.description or "")]
    assert [(b.max_points, b.points) for b in bonus] == [("0.5", "0.50"), ("0.5", "0.00")]


def test_areas_domains_and_total_match_the_summary_table(scores: list[ScoreRow]) -> None:
    summary = source_summary()
    total = [s for s in scores if s.level == "total"]
    assert len(total) == 1
    assert (total[0].points, total[0].grade) == (summary["총점"], summary["등급"]) == ("92.15", "A")
    assert (total[0].year, total[0].performance_year) == (2024, 2023)
    areas = {flat(s.area or ""): s for s in scores if s.level == "area"}
    assert set(areas) == {"리더십", "경영시스템", "사회적책임", "주요사업", "정책성과"}
    for name, area in areas.items():
        assert area.points == summary[name]
    assert areas["리더십"].max_points == "15" and areas["리더십"].domain == "경영관리"
    assert areas["주요사업"].max_points == "27(+0.5)" and areas["주요사업"].domain == "경영성과"
    domains = {s.domain: s for s in scores if s.level == "domain"}
    assert (domains["경영관리"].points, domains["경영관리"].max_points) == ("41.95", "45")
    assert (domains["경영성과"].points, domains["경영성과"].max_points) == ("50.20", "55(+1)")


def test_the_real_report_adds_up(corpus_docs, caplog: pytest.LogCaptureFixture) -> None:
    (info, blocks, sections), entry = corpus_docs[REPORT]
    with caplog.at_level(logging.WARNING, logger="ingest.profiles"):
        records = extract_document(info, blocks, sections, entry)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert sum(1 for r in records if r.type == "score") == 47


def test_a_subtotal_that_does_not_add_up_is_logged_with_its_rows(caplog) -> None:
    blocks = load_text(BAD_FIXTURE)
    info = DocumentInfo(
        document="bad-subtotal.md",
        title="시험 경영평가 결과",
        kind="evaluation_report",
        agency="시험사회서비스원",
        year=2024,
    )
    sections = assign_sections(blocks, info.title, info.kind)
    with caplog.at_level(logging.WARNING, logger="ingest.profiles"):
        records = extract_document(info, blocks, sections)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    mismatch = [w for w in warnings if "리더십" in w and "12.75" in w]
    assert mismatch, warnings
    assert "11.00" in mismatch[0] and "기관장의 사명 이해와 리더십" in mismatch[0]
    # The printed values are still stored as printed.
    rows = [r.row for r in records if r.type == "score"]
    assert any(r.level == "area" and r.points == "12.75" for r in rows)
    assert sum(1 for r in rows if r.level == "indicator") == 4


def test_evidence_links_indicators_to_the_evaluator_commentary(scores: list[ScoreRow]) -> None:
    indicators = [s for s in scores if s.level == "indicator"]
    covered = [s for s in indicators if s.evidence]
    assert len(covered) / len(indicators) >= 0.9

    def quotes(desc: str) -> list[str]:
        row = next(s for s in indicators if (s.description or "").startswith(desc))
        assert all(e.page and e.section for e in row.evidence)
        return [e.quote for e in row.evidence]

    assert any(
        "운영계획이 다소 산발적으로 나열되어 있어 체계적이지 못함" in q
        for q in quotes("정부위탁사업 운영 계획")
    )
    assert any("단기, 중기, 장기계획" in q for q in quotes("인권경영체제 구축"))
    assert any("돌봄단" in q for q in quotes("종합재가센터 운영활성화"))
    assert quotes("채용비리 방지") == ["전반적으로 채용비리를 방지하기 위한 노력 우수함"]
    assert any("조달계약비율" in q for q in quotes("기관의 전체 계약금액"))
    # A wrapped comment is one quote, not three fragments.
    assert any(
        q.endswith("자치단체 의견을 종합적으로 반영함") for q in quotes("내·외부 관계자 의견")
    )


def test_measurement_tables(facts_conn: sqlite3.Connection) -> None:
    rows = [MeasurementRow(**d) for d in fact_rows(facts_conn, "measurement", REPORT)]
    got = {(r.indicator, r.field): r.value for r in rows}
    assert got[("조달계약비율", "기준치")] == "84.21"
    assert got[("복리후생비 집행률", "기준치")] == "99.90"
    assert got[("업무추진비 집행률", "최저목표")] == "50.00"
    assert got[("외부지적사항 이행률", "이행률(%)")] == "100.00"
    assert got[("외부지적사항 이행률", "지적건수(건)")] == "2"
    assert got[("2023년 사회서비스원 이용자 만족도", "만족도 결과(점)")] == "94.0(4.70)"
    assert got[("안전사고 건수", "실적(건) › 2023년")] == "0"
    assert got[("정부위탁사업운영을 계획 대비 목표를 달성하였는가?", "실적")] == "달성"
    assert all(r.page for r in rows)


def test_prose_scores_of_other_agencies(facts_conn: sqlite3.Connection) -> None:
    rows = [ScoreRow(**d) for d in fact_rows(facts_conn, "score") if d["document"] != REPORT]
    daejeon = [r for r in rows if r.document == "daejeon-2024-evaluation-news.txt"]
    assert {(r.level, r.domain, r.points, r.max_points, r.grade) for r in daejeon} == {
        ("total", None, "97.43", None, "S"),
        ("domain", "경영관리", "44.34", "45", None),
        ("domain", "경영성과", "53.09", "55", None),
    }
    assert all((r.year, r.performance_year) == (2024, 2023) for r in daejeon)
    assert all(r.points in r.evidence[0].quote for r in daejeon)  # the sentence it came from
    grades = {r.agency: r.grade for r in rows if r.document.startswith("mohw")}
    assert grades == {
        "대전 사회서비스원": "S",
        "강원 사회서비스원": "S",
        "대구 사회서비스원": "A",
        "광주 사회서비스원": "A",
        "충남 사회서비스원": "A",
        "경남 사회서비스원": "A",
        "전북 사회서비스원": "A",
        "전남 사회서비스원": "A",
    }
    origins = {
        r[0]
        for r in facts_conn.execute(
            "SELECT origin FROM facts WHERE type='score' AND document != ?", (REPORT,)
        )
    }
    assert origins == {"prose"}
    satisfaction = {
        d["indicator"]: d["value"]
        for d in fact_rows(facts_conn, "measurement")
        if d["document"].startswith("daejeon")
    }
    assert satisfaction == {
        "종합 만족도": "95.7점",
        "서비스 품질 차원 만족도": "96.3점",
        "고객 만족도": "94.3점",
        "전국 평균": "92.3점",
    }
