"""Ingest over the real corpus: figures survive, pages and sections are right, re-ingest is cheap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from ingest.store import ChunkStore, current_index_dir, open_current_store
from sosa.models import Chunk
from sosa.settings import Settings
from tests.conftest import CORPUS, SOURCE_TEXT

FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


@pytest.fixture(scope="module")
def chunks(corpus_data_dir: Path) -> list[Chunk]:
    store = open_current_store(Settings(data_dir=corpus_data_dir))
    try:
        return store.all_chunks()
    finally:
        store.close()


@pytest.mark.parametrize("stem", ["jb-2024-management-evaluation", "jb-2023-annual-business-plan"])
def test_every_figure_of_the_source_text_survives(chunks: list[Chunk], stem: str) -> None:
    figures = set(FIGURE.findall((SOURCE_TEXT / f"{stem}.txt").read_text(encoding="utf-8")))
    assert len(figures) > 30
    text = "\n".join(c.text for c in chunks if c.document == f"{stem}.pdf")
    missing = sorted(f for f in figures if f not in text)
    assert not missing, f"{len(missing)}/{len(figures)} figures lost: {missing[:20]}"


def test_every_pdf_chunk_has_a_page_and_most_a_section(chunks: list[Chunk]) -> None:
    pdf = [c for c in chunks if c.document.endswith(".pdf")]
    assert pdf and all(isinstance(c.page, int) and c.page >= 1 for c in pdf)
    deep = [c for c in chunks if " › " in c.section]
    assert len(deep) / len(chunks) >= 0.95
    assert all(c.section for c in chunks)


def test_chunk_sizes_are_bounded(chunks: list[Chunk]) -> None:
    assert max(len(c.text) for c in chunks) <= 600
    assert {c.document for c in chunks} == {
        "jb-2024-management-evaluation.pdf",
        "jb-2023-annual-business-plan.pdf",
        "mohw-2024-performance-conference-press.txt",
        "daejeon-2024-evaluation-news.txt",
        "sasang-2023-community-security-monitoring.txt",
    }


def _find(chunks: list[Chunk], needle: str) -> Chunk:
    found = [c for c in chunks if needle in c.text]
    assert found, f"no chunk contains {needle!r}"
    return found[0]


# (text in the passage, page, breadcrumb) — pages checked against poppler's pdftotext.
KNOWN = [
    (
        "대체인력 파견실적 총 1,500건",
        45,
        "2023년 연간수정사업계획서 › 시설지원팀 › 인력 공백에 대한 대체인력 파견 › 사업목표",
    ),
    (
        "503,000천원(특별회계)",
        45,
        "2023년 연간수정사업계획서 › 시설지원팀 › 인력 공백에 대한 대체인력 파견 › 사업개요",
    ),
    (
        "긴급돌봄 대표번호 1522-0365",
        77,
        "2023년 연간수정사업계획서 › 종합재가센터 › 돌봄통합관리를 위한 전북형 돌봄체계 추진 › 실행방안"
        " › 상담 콜센터 운영 및 시스템 구축",
    ),
    (
        "노사협의회 정기회의 4회",
        11,
        "2023년 연간수정사업계획서 › 경영기획팀 › 신뢰의 미래지향적 노사관계 정립 › 사업목표",
    ),
    (
        "인사위원회 운영(5회)",
        25,
        "2023년 연간수정사업계획서 › 경영기획팀 › 안정적인 회의체계 마련 › 사업목표",
    ),
    (
        "'23년 24회 추진",
        28,
        "2023년 연간수정사업계획서 › 시설지원팀 › 소속시설 조직진단을 통한 경영혁신 › 사업목표",
    ),
    (
        "돌봄단을 구성하여 틈새욕구에 대응하고자 함",
        7,
        "2024년 시·도 사회서비스원 경영평가 결과 › 주요사업 › 소속·수탁 시설 운영 › 종합재가센터 운영활성화를 위한 노력",
    ),
    (
        "운영계획이 다소 산발적으로 나열되어 있어 체계적이지 못함",
        7,
        "2024년 시·도 사회서비스원 경영평가 결과 › 주요사업 › 정부위탁사업 운영",
    ),
    (
        "단기, 중기, 장기계획 수립이 필요함",
        6,
        "2024년 시·도 사회서비스원 경영평가 결과 › 사회적책임 › 윤리·인권경영",
    ),
    (
        "조달계약비율 · 기준치* 84.21",
        5,
        "2024년 시·도 사회서비스원 경영평가 결과 › 경영시스템 › 재무관리 › 조달계약실적",
    ),
    ("득점 12.75", 1, "2024년 시·도 사회서비스원 경영평가 결과 › 리더십 › 평정표"),
    (
        "94.0(4.70)",
        8,
        "2024년 시·도 사회서비스원 경영평가 결과 › 정책성과 › 서비스의 질 › 서비스 품질의 우수성(이용자 만족도 조사 결과)",
    ),
    (
        "공공 및 현장 전문가로 T/F팀을 구성",
        None,
        "사상구 「2023년 지역사회보장 연차별 시행계획」 시행결과 모니터링 결과보고 › 모니터링단 구성방법",
    ),
]


@pytest.mark.parametrize(("needle", "page", "section"), KNOWN)
def test_known_passages_have_their_page_and_breadcrumb(
    chunks: list[Chunk], needle: str, page: int | None, section: str
) -> None:
    c = _find(chunks, needle)
    assert (c.page, c.section) == (page, section)


def test_reingest_of_an_unchanged_corpus_is_skipped(corpus_data_dir: Path) -> None:
    settings = Settings(data_dir=corpus_data_dir)
    before = current_index_dir(settings)
    report = run_ingest([CORPUS], settings, progress=False)
    assert report.unchanged
    assert report.seconds < 5
    assert current_index_dir(settings) == before


def test_forced_reingest_reuses_parses_and_embeddings_and_keeps_ids(corpus_data_dir: Path) -> None:
    settings = Settings(data_dir=corpus_data_dir)
    old = ChunkStore(current_index_dir(settings) / "sosa.sqlite", readonly=True)
    old_ids = [c.id for c in old.all_chunks()]
    old.close()
    report = run_ingest([CORPUS], settings, progress=False, force=True)
    assert not report.unchanged and report.embedded == 0
    new = ChunkStore(current_index_dir(settings) / "sosa.sqlite", readonly=True)
    assert [c.id for c in new.all_chunks()] == old_ids  # deterministic ids: idempotent re-ingest
    new.close()


def test_a_file_reached_twice_is_one_document_and_same_names_are_told_apart(
    tmp_path: Path,
) -> None:
    from ingest.pipeline import collect_files

    (tmp_path / "docs" / "derived").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text("가", encoding="utf-8")
    (tmp_path / "docs" / "derived" / "b.txt").write_text("나", encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("다", encoding="utf-8")
    files, failures = collect_files(
        [tmp_path / "docs", tmp_path / "docs" / "derived", tmp_path / "other"]
    )
    assert not failures
    assert [name for _f, name, _e in files] == ["a.txt", "derived/b.txt", "other/a.txt"]
