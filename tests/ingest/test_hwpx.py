"""HWPX → blocks, checked against an independent reading of the files' own XML.

Real public documents (tests/data/real-docs), parsed only: no embedding here.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from ingest.blocks import Block
from ingest.hwpx import load_hwpx
from ingest.loaders import load, sniff
from ingest.structure import assign_sections
from sosa.errors import DocumentError
from tests.ingest.block_text import all_text, squash

DOCS = Path(__file__).resolve().parents[1] / "data" / "real-docs"
HWPX_FILES = sorted(DOCS.glob("*.hwpx"))

# Parts of the section XML that are not body text: running heads/feet and hidden memos.
_NOT_BODY = re.compile(
    r"<hp:(header|footer|hiddenComment)\b.*?</hp:\1>|<hp:(header|footer|hiddenComment)\b[^>]*/>",
    re.S,
)
_T = re.compile(r"<hp:t(?:\s[^>]*)?>(.*?)</hp:t>", re.S)


def _xml_texts(path: Path, drop_not_body: bool = True) -> list[str]:
    """Every <hp:t> run of the body sections, read with regular expressions, not our parser."""
    texts: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"Contents/section\d+\.xml", name):
                xml = zf.read(name).decode("utf-8")
                if drop_not_body:
                    xml = _NOT_BODY.sub("", xml)
                for m in _T.finditer(xml):
                    t = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
                    if t.strip():
                        texts.append(t)
    return texts


def _row(blocks: list[Block], first: str, *, header_has: str) -> tuple[list[str], list[str]]:
    """(header, row) of the first table whose header mentions `header_has` and that has a row
    containing the cell `first`."""
    for b in blocks:
        if b.kind == "table" and any(header_has in h for h in b.header):
            for row in b.rows:
                if first in row:
                    return b.header, row
    raise AssertionError(f"no table row {first!r} under a header with {header_has!r}")


def _cell(header: list[str], row: list[str], column: str) -> str:
    j = next(i for i, h in enumerate(header) if h == column)
    return row[j]


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[Block]]:
    return {p.name: load_hwpx(p)[0] for p in HWPX_FILES}


def test_there_are_real_hwpx_files() -> None:
    assert len(HWPX_FILES) == 4


@pytest.mark.parametrize("path", HWPX_FILES, ids=lambda p: p.stem)
def test_every_body_text_run_is_in_the_blocks(path: Path, parsed: dict) -> None:
    blocks = parsed[path.name]
    joined = all_text(blocks)
    texts = _xml_texts(path)
    assert texts
    missing = [t for t in texts if squash(t) not in joined]
    assert not missing, missing[:5]
    assert all(b.page is None for b in blocks)


def test_running_head_stays_out_of_the_body(parsed: dict) -> None:
    path = DOCS / "lh-rental-housing-notice-gyeongju-2026.hwpx"
    body = set(_xml_texts(path))
    heads = [t for t in _xml_texts(path, drop_not_body=False) if t not in body]
    assert "[담당자참고용_표준공고문]" in heads
    joined = all_text(parsed[path.name])
    for head in heads:
        assert squash(head) not in joined


def test_lh_rent_table_has_its_four_header_rows_combined(parsed: dict) -> None:
    blocks = parsed["lh-rental-housing-notice-gyeongju-2026.hwpx"]
    header, row = _row(blocks, "35A", header_has="기본 임대조건")
    assert _cell(header, row, "기본 임대조건 › 임대보증금(원) › 계") == "7,778,000"
    assert _cell(header, row, "기본 임대조건 › 임대보증금(원) › 잔금") == "7,389,100"
    assert _cell(header, row, "기본 임대조건 › 월임대료 (원)") == "135,130"
    # The raw grid keeps the spans: covered positions are None.
    table = next(b for b in blocks if b.kind == "table" and b.header == header)
    assert table.grid[0][0] == "단지명" and table.grid[1][0] is None
    # 계약면적 table: 62.29 under 합계.
    header, row = _row(blocks, "35A", header_has="세대당 계약면적(㎡) › 합계")
    assert _cell(header, row, "세대당 계약면적(㎡) › 합계") == "62.29"


def test_lh_income_table_reads_under_its_spanning_header(parsed: dict) -> None:
    blocks = parsed["lh-rental-housing-notice-gyeongju-2026.hwpx"]
    header, row = _row(blocks, "3인", header_has="월평균 소득")
    col = next(h for h in header if h.endswith("› 70%"))
    assert _cell(header, row, col) == "5,717,900"


def test_moel_budget_and_staff_cells(parsed: dict) -> None:
    blocks = parsed["moel-work-report-2025-12.hwpx"]
    header, row = _row(blocks, "⋅산재보험", header_has="2026년 예산 (B)")
    assert _cell(header, row, "2026년 예산 (B)") == "104,720"
    header, row = _row(blocks, "⋅근로복지", header_has="2026년 예산 (B)")
    assert row[-1] == "△0.4"
    # 본부 spans its 정원/현원 rows: the 현원 row still says 본부 (forward-filled). The cell
    # spaced out to its width ("현 원") reads as one word.
    staff = next(b for b in blocks if b.kind == "table" and "정무직" in b.header)
    assert not any("현 원" in r for r in staff.rows)
    hq = [r for r in staff.rows if "본부" in r and "현원" in r]
    assert hq and _cell(staff.header, hq[0], "계") == "773"


def test_oss_prize_table_spans(parsed: dict) -> None:
    blocks = parsed["msit-oss-contest-press-2026.hwpx"]
    header, row = _row(blocks, "금상", header_has="상금")
    assert _cell(header, row, "상금") == "각 500만원"
    assert row[0] == "자유과제"  # the 과제 cell spans the 자유과제 rows
    header, row = _row(blocks, "동상", header_has="상금")
    assert _cell(header, row, "상점 › 일반") == "4점"


def _hwpx(path: Path, section: str, header: str = "") -> Path:
    """A minimal HWPX package around one section body (namespaces as Hangul writes them)."""
    hp = 'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'
    hs = 'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"'
    hh = 'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"'
    opf = 'xmlns:opf="http://www.idpf.org/2007/opf/"'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "Contents/content.hpf",
            f'<opf:package {opf}><opf:manifest><opf:item id="section0" '
            'href="Contents/section0.xml"/></opf:manifest><opf:spine>'
            '<opf:itemref idref="section0"/></opf:spine></opf:package>',
        )
        zf.writestr("Contents/header.xml", f"<hh:head {hh}>{header}</hh:head>")
        zf.writestr("Contents/section0.xml", f"<hs:sec {hs} {hp}>{section}</hs:sec>")
    return path


def _p(inner: str, para_pr: str = "0") -> str:
    return f'<hp:p paraPrIDRef="{para_pr}" styleIDRef="0"><hp:run>{inner}</hp:run></hp:p>'


def _tc(row: int, col: int, body: str, rs: int = 1, cs: int = 1) -> str:
    return (
        f"<hp:tc><hp:subList>{body}</hp:subList>"
        f'<hp:cellAddr colAddr="{col}" rowAddr="{row}"/>'
        f'<hp:cellSpan colSpan="{cs}" rowSpan="{rs}"/></hp:tc>'
    )


def test_nested_table_follows_outer_and_levels_notes_heads(tmp_path: Path) -> None:
    inner = (
        '<hp:tbl rowCnt="2" colCnt="2"><hp:tr>'
        + _tc(0, 0, _p("<hp:t>항목</hp:t>"))
        + _tc(0, 1, _p("<hp:t>금액</hp:t>"))
        + "</hp:tr><hp:tr>"
        + _tc(1, 0, _p("<hp:t>인건비</hp:t>"))
        + _tc(1, 1, _p("<hp:t>1,200</hp:t>"))
        + "</hp:tr></hp:tbl>"
    )
    outer = (
        '<hp:tbl rowCnt="3" colCnt="2"><hp:tr>'
        + _tc(0, 0, _p("<hp:t>구분</hp:t>"))
        + _tc(0, 1, _p("<hp:t>내용</hp:t>"))
        + "</hp:tr><hp:tr>"
        + _tc(1, 0, _p("<hp:t>예산</hp:t>"), rs=2)
        + _tc(1, 1, _p("<hp:t>세부 내역</hp:t>") + _p(inner))
        + "</hp:tr><hp:tr>"
        + _tc(2, 1, _p("<hp:t>합계 1,200</hp:t>"))
        + "</hp:tr></hp:tbl>"
    )
    section = (
        _p(
            "<hp:ctrl><hp:header><hp:subList><hp:p><hp:run><hp:t>머리말 문구</hp:t></hp:run>"
            "</hp:p></hp:subList></hp:header></hp:ctrl><hp:t>사업 개요</hp:t>",
            para_pr="1",
        )
        + _p(
            "<hp:t>본문 첫 문장<hp:lineBreak/>이어지는 줄</hp:t><hp:ctrl><hp:footNote>"
            "<hp:subList><hp:p><hp:run><hp:t>각주 내용</hp:t></hp:run></hp:p></hp:subList>"
            "</hp:footNote></hp:ctrl>"
        )
        + _p(outer)
    )
    header = '<hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="1"/></hh:paraPr>'
    blocks, pages = load(_hwpx(tmp_path / "made.hwpx", section, header))
    assert pages is None
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds[:3] == [
        ("line", "사업 개요"),
        ("line", "본문 첫 문장 이어지는 줄"),
        ("line", "각주 내용"),
    ]
    assert blocks[0].level == 2 and blocks[1].level is None
    outer_b, inner_b = blocks[3], blocks[4]
    assert outer_b.kind == inner_b.kind == "table"
    assert outer_b.header == ["구분", "내용"]
    assert outer_b.rows == [["예산", "세부 내역"], ["예산", "합계 1,200"]]
    assert outer_b.grid[2][0] is None  # covered by the row span of 예산
    assert inner_b.header == ["항목", "금액"] and inner_b.rows == [["인건비", "1,200"]]
    assert "머리말" not in all_text(blocks)
    # The recorded outline level makes the breadcrumb, with no heading mark in the text.
    sections = assign_sections(blocks, "시험 문서", "generic")
    assert sections[1] == "시험 문서 › 사업 개요" and sections[4] == sections[1]


def test_sniff_reads_hwpx_by_content() -> None:
    path = DOCS / "msit-oss-contest-press-2026.hwpx"
    head = path.read_bytes()[:512]
    assert sniff(head, "renamed.bin") == ".hwpx"
    assert sniff(b"PK\x03\x04 plain zip", "notes.docx") is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\0" * 40, "손상된 HWPX"),
        (None, "본문"),
    ],
)
def test_broken_hwpx_raises_document_error(tmp_path: Path, data: bytes | None, reason: str) -> None:
    path = tmp_path / "broken.hwpx"
    if data is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("mimetype", "application/hwp+zip")
    else:
        path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        load(path)
    assert reason in err.value.reason


def test_broken_section_xml_raises_document_error(tmp_path: Path) -> None:
    path = _hwpx(tmp_path / "bad.hwpx", "<hp:p><hp:run><hp:t>끝나지 않은")
    with pytest.raises(DocumentError) as err:
        load_hwpx(path)
    assert "XML" in err.value.reason
