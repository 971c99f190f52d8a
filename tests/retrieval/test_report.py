"""`sosa report`: unanswered questions of a real run, grouped by topic, as HTML (inline SVG) + CSV."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from retrieval.report import group_by_topic, parse_since
from retrieval.service import RetrievalService
from sosa.settings import Settings
from tests.conftest import REPO, use_persistent_cache, write_mixed_corpus

UNANSWERED = [
    "수영장 이용 요금은 얼마인가요?",
    "수영장 운영 시간을 알려 주세요",
    "수영장 <주차> 가능한가요?",  # markup must come out as text
    "어린이집 입소 대기 순번은?",
]


def test_group_by_shared_noun() -> None:
    topics = group_by_topic(["장애인 활동지원 신청 방법", "활동지원 급여 기준", "오늘 날씨"])
    groups = sorted(sorted(t.questions) for t in topics)
    assert groups == [["오늘 날씨"], ["장애인 활동지원 신청 방법", "활동지원 급여 기준"]]
    shared = next(t for t in topics if t.count == 2)
    assert shared.topic in "활동지원"  # named by the noun both questions share


def test_parse_since() -> None:
    assert parse_since("7d", now=1_000_000.0) == 1_000_000.0 - 7 * 86400
    assert parse_since("2w", now=1_000_000.0) == 1_000_000.0 - 14 * 86400
    with pytest.raises(ValueError):
        parse_since("지난주")


@pytest.mark.slow
def test_report_lists_unanswered_questions_grouped(tmp_path: Path) -> None:
    corpus = write_mixed_corpus(
        tmp_path / "corpus", "메모", "직원 회식 예산은 1인당 30,000원입니다.\n"
    )
    data = tmp_path / "data"
    use_persistent_cache(data)
    settings = Settings(data_dir=data, corpus_dir=corpus)
    run_ingest([corpus], settings, progress=False)
    service = RetrievalService.load(settings)
    for q in UNANSWERED:
        assert not service.ask(q, channel="web").found, q
    answered = service.ask("긴급돌봄 대표번호는?", channel="telegram")
    assert answered.found
    service.record_feedback(answered.id, False, "더 자세히 알려 주세요", "telegram")

    out = tmp_path / "report"
    env = {**os.environ, "SOSA_DATA_DIR": str(data)}
    done = subprocess.run(
        [sys.executable, "-m", "sosa.cli", "report", "--since", "1d", "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert (
        "<svg" in page
        and "<script" not in page
        and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    )  # self-contained: no CDN, no scripts
    assert "수영장 &lt;주차&gt; 가능한가요?" in page and "<주차>" not in page
    assert "더 자세히 알려 주세요" in page

    with (out / "unanswered.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    grouped = {}
    for row in rows:
        grouped.setdefault(row["주제"], []).append(row["질문"])
    assert sorted(grouped["수영장"]) == sorted(UNANSWERED[:3])
    assert UNANSWERED[3] in sum(grouped.values(), [])
    with (out / "channels.csv").open(encoding="utf-8-sig") as f:
        channels = {r["경로"]: r for r in csv.DictReader(f)}
    assert channels["web"]["찾지 못함"] == "4" and channels["telegram"]["👎"] == "1"
