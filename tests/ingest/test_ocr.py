"""Scans: pages without a text layer go through Tesseract, or fail loudly without it."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest.metadata import document_info, ocr_title_ok, propose_info
from ingest.pdf import PdfParse, parse_pdf
from sosa.errors import DocumentError
from tests.conftest import REPO, parsed_pdf

REAL = REPO / "tests" / "data" / "real-docs"
SCAN = REAL / "kalis-notice-image-only.pdf"
NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf")  # fonts-nanum (make test)


def _scan() -> PdfParse:
    """The scan parsed once for the session's tests (OCR takes most of a minute)."""
    return parsed_pdf(SCAN)


def _norm(text: str) -> str:
    """OCR text for comparison: no spaces or quote marks, one tilde."""
    return re.sub(r"[\s'’‘\"“”]", "", text).replace("∼", "~")


@pytest.mark.slow
def test_scan_is_read_with_confidence_and_answers_its_questions() -> None:
    parsed = _scan()
    assert parsed.ocr_pages == [1, 2] and not parsed.skipped_pages
    assert parsed.blocks and all(b.confidence is not None for b in parsed.blocks)
    assert all(50.0 <= b.confidence <= 100.0 for b in parsed.blocks if b.confidence)
    # Text of lines and of table cells (the scan's ruled table is read as a table).
    text = "\n".join(
        [b.text for b in parsed.blocks] + [" ".join(r) for b in parsed.blocks for r in b.rows]
    )
    assert not re.search(r"[\ue000-\uf8ff]", text)
    questions = [
        json.loads(line) for line in (REAL / "scan_qa.jsonl").read_text().splitlines() if line
    ]
    assert len(questions) == 2
    flat = _norm(text)
    for q in questions:
        assert any(_norm(e) in flat for e in q["expected"]), q["id"]
    # The table row the 배점 question is about carries its figure in the same row.
    row = next(r for b in parsed.blocks for r in b.rows if "성과" in r[1] and "도출" in r[1])
    assert "15" in row


def test_scan_without_tesseract_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on PATH
    with caplog.at_level(logging.WARNING, logger="ingest.pdf"), pytest.raises(DocumentError) as err:
        parse_pdf(SCAN)
    assert "OCR" in err.value.reason and "tesseract" in err.value.reason
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert "kalis-notice-image-only.pdf" in warning and "1, 2쪽" in warning


def test_respace_fixes_split_korean_words_and_keeps_figures() -> None:
    from ingest.ocr import respace

    line = "사업 성 과 도출 (15) 15 · 사업 기간 : ’26. 4. ∼ ’27. 3."
    out = respace(line)
    assert "사업 성과 도출" in out
    assert out.endswith("(15) 15 · 사업 기간 : ’26. 4. ∼ ’27. 3.")
    assert out.replace(" ", "") == line.replace(" ", "")


def test_ocr_marks_fixed_by_their_context() -> None:
    from ingest.ocr import fix_marks

    # The abbreviated-year apostrophe read as a double quote; a box bullet read as "[|".
    assert fix_marks('[| 사업 기간 : "26.4. ~ "27. 3.') == "□ 사업 기간 : '26.4. ~ '27. 3."
    assert fix_marks("| 사업 규모 : 일금") == "□ 사업 규모 : 일금"
    # Real quotes, decimals and text without those marks stay as read.
    for text in ('그는 "좋다"고 했다', "평균 12.5. 이상", "ㅁㅁ", "사업 (’26.4월)"):
        assert fix_marks(text) == text


def test_ocr_title_must_be_well_read_and_look_like_a_title() -> None:
    assert ocr_title_ok("2026년 보조사업자 모집 공고", 93.0)
    assert ocr_title_ok("「건축물 에너지·온실가스 시뮬레이터 고도화」 사업 공고", 91.0)
    assert not ocr_title_ok("2026년 보조사업자 모집 공고", 64.0)  # read with low confidence
    assert not ocr_title_ok("저변 확산 」 사업 수행 보조 사업자 모집 공고", 92.5)  # a fragment
    assert not ocr_title_ok("온실가스 시뮬레이터 고도화 ㆍ = 열니", 90.0)  # a stray mark
    assert not ocr_title_ok("mA Il 1O 5i 공고", 90.0)  # mostly no Hangul: misread marks


@pytest.mark.slow
def test_garbled_ocr_heading_is_no_title_the_file_name_is() -> None:
    parsed = _scan()
    first = next(b for b in parsed.blocks if b.kind == "line")
    assert first.confidence is not None and first.line_confidence is not None
    # The scan's first line is a misread of its two-line title, read with low confidence.
    assert first.line_confidence < first.confidence
    assert "title" not in propose_info(parsed.blocks)
    assert document_info(SCAN.name, None).title == SCAN.stem


def test_well_read_ocr_heading_is_the_title(tmp_path: Path) -> None:
    # A clean image-only page: its heading reads well, so it names the document.
    title, body = (
        "2026년 보조사업자 모집 공고",
        "국토안전관리원은 다음과 같이 보조사업자를 모집합니다.",
    )
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    draw.text((400, 400), title, font=ImageFont.truetype(str(NANUM), 90), fill=0)
    draw.text((300, 700), body, font=ImageFont.truetype(str(NANUM), 48), fill=0)
    path = tmp_path / "clean-scan.pdf"
    page.save(path, resolution=300.0)
    parsed = parse_pdf(path)
    assert parsed.ocr_pages == [1]
    first = next(b for b in parsed.blocks if b.kind == "line")
    assert first.line_confidence is not None and first.line_confidence >= 80
    assert re.sub(r"\s", "", str(propose_info(parsed.blocks).get("title"))) == re.sub(
        r"\s", "", title
    )
