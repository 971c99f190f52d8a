"""Internal documents reach staff only; a re-ingest swaps in under a running service."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from retrieval.service import RetrievalService
from sosa.errors import NotFound
from sosa.settings import Settings
from tests.conftest import write_mixed_corpus


@pytest.fixture
def mixed(tmp_path: Path) -> Settings:
    folder = write_mixed_corpus(
        tmp_path / "docs", "내부 메모", "직원 회식 예산은 1인당 30,000원입니다.\n"
    )
    settings = Settings(data_dir=tmp_path / "data")
    run_ingest([folder], settings, progress=False)
    return settings


def test_public_never_sees_internal_documents(mixed: Settings) -> None:
    service = RetrievalService(mixed)
    public = service.search("회식 예산", k=5)
    assert all(h.document != "memo.txt" for h in public)
    staff = service.search("회식 예산", k=5, viewer="staff")
    assert staff[0].document == "memo.txt"
    assert not service.ask("직원 회식 예산은 얼마인가요?").found
    assert "30,000원" in service.ask("직원 회식 예산은 얼마인가요?", viewer="staff").answer
    assert [d.document for d in service.documents()] == ["notice.txt"]
    memo = staff[0].id
    with pytest.raises(NotFound):
        service.chunk(memo, viewer="public")
    assert service.chunk(memo, viewer="evaluator").document == "memo.txt"


def test_unknown_documents_default_to_public_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "extra.txt").write_text("대체인력 파견 목표는 1,500건입니다.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    run_ingest([folder], settings, progress=False)
    assert "documents.toml" in caplog.text
    docs = RetrievalService(settings).documents()
    assert [(d.document, d.title, d.audience) for d in docs] == [("extra.txt", "extra", "public")]


def test_service_answers_from_the_old_index_until_the_swap(mixed: Settings, tmp_path: Path) -> None:
    service = RetrievalService(mixed)
    assert "1522-0365" in service.ask("긴급돌봄 대표번호는?").answer
    folder = tmp_path / "docs2"
    folder.mkdir()
    (folder / "notice.txt").write_text(
        "긴급돌봄 대표번호는 1522-9999로 바뀌었습니다.\n", encoding="utf-8"
    )
    run_ingest([folder], mixed, progress=False)
    # The swap is noticed without a restart; the reload signals when it is done.
    assert service.poll_index().wait(30)
    assert "1522-9999" in service.ask("긴급돌봄 대표번호는?").answer
