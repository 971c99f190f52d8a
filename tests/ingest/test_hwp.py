"""HWP 5.x → blocks, checked against the files' own preview text (PrvText) and table cells.

Real public documents (tests/data/real-docs); protected and corrupt files are made from a copy
of one of them by changing its bytes. Parsing only, except one small ingest marked slow.
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.blocks import Block
from ingest.hwp import load_hwp, para_text, parse_records, section_blocks
from ingest.loaders import load, sniff
from sosa.errors import DocumentError
from tests.ingest.block_text import all_text, squash

DOCS = Path(__file__).resolve().parents[1] / "data" / "real-docs"
HWP_FILES = sorted(DOCS.glob("*.hwp"))
MOEF = DOCS / "moef-fiscal-statistics-2010-11.hwp"


def _row(blocks: list[Block], first: str, *, header_has: str) -> tuple[list[str], list[str]]:
    for b in blocks:
        if b.kind == "table" and any(header_has in h for h in b.header):
            for row in b.rows:
                if first in row:
                    return b.header, row
    raise AssertionError(f"no table row {first!r} under a header with {header_has!r}")


def _cell(header: list[str], row: list[str], column: str) -> str:
    return row[next(i for i, h in enumerate(header) if column in h)]


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[Block]]:
    return {p.name: load_hwp(p)[0] for p in HWP_FILES}


def test_there_are_real_hwp_files() -> None:
    assert len(HWP_FILES) == 4  # a work report, a statistics sheet, a press release, a call


@pytest.mark.parametrize("path", HWP_FILES, ids=lambda p: p.stem)
def test_preview_text_is_all_in_the_blocks(path: Path, parsed: dict) -> None:
    """Hangul writes the first part of the body as plain text into PrvText (table cells as
    <cell><cell>); every piece of it must be in what we read from the record stream."""
    with olefile.OleFileIO(str(path)) as ole:
        preview = ole.openstream("PrvText").read().decode("utf-16-le", "replace")
    lines = preview.split("\n")[:-1]  # the preview is cut off mid-line at its end
    pieces = [p for line in lines for p in re.split(r"[<>]", line) if p.strip()]
    assert len(pieces) > 10
    joined = all_text(parsed[path.name])
    missing = [p for p in pieces if squash(p) not in joined]
    assert not missing, missing[:5]
    assert all(b.page is None for b in parsed[path.name])


def test_fiscal_statistics_cells(parsed: dict) -> None:
    blocks = parsed["moef-fiscal-statistics-2010-11.hwp"]
    # Cells spaced out to their width ("수 입", "합 계", "구 분") read as one word.
    header, row = _row(blocks, "수입 (A)", header_has="비금융성")
    assert _cell(header, row, "비금융성") == "68,942"
    assert _cell(header, row, "합계") == "252,599"
    header, row = _row(blocks, "통합재정수지 (A-B)", header_has="특별")
    assert _cell(header, row, "특별") == "△18,308"
    table = next(b for b in blocks if b.kind == "table")
    # 구 분 spans two columns in the first row: the grid marks the covered position.
    assert table.grid[0][0] == "구분" and table.grid[0][1] is None


def test_work_report_cells(parsed: dict) -> None:
    blocks = parsed["mois-work-report-2025-12.hwp"]
    staff = next(b for b in blocks if b.kind == "table" and any("정무직" in h for h in b.header))
    row = next(r for r in staff.rows if "소속 기관" in r and "현원" in r)
    assert _cell(staff.header, row, "계") == "2,065"
    header, row = _row(blocks, "지역균형성장", header_has="2026")
    assert "2,611,120" in row


def test_nuri_comparison_table(parsed: dict) -> None:
    blocks = parsed["msit-nuri-launcher-name-press-2018.hwp"]
    header, row = _row(blocks, "이륙 중량", header_has="누리호")
    assert _cell(header, row, "누리호") == "200 톤"
    header, row = _row(blocks, "총 길이", header_has="시험발사체")
    assert _cell(header, row, "시험발사체") == "25.8 m"
    assert any(b.kind == "line" and "6,300여명" in b.text for b in blocks)


def test_sniff_reads_hwp_by_content() -> None:
    assert sniff(MOEF.read_bytes()[:512], "renamed.dat") == ".hwp"


def _with_flags(src: Path, dst: Path, set_bits: int) -> Path:
    shutil.copy(src, dst)
    dst.chmod(0o644)
    with olefile.OleFileIO(str(dst), write_mode=True) as ole:
        header = bytearray(ole.openstream("FileHeader").read())
        (flags,) = struct.unpack_from("<I", header, 36)
        struct.pack_into("<I", header, 36, flags | set_bits)
        ole.write_stream("FileHeader", bytes(header))
    return dst


@pytest.mark.parametrize(
    ("bit", "reason"),
    [
        (1 << 1, "암호로 보호된 HWP 문서입니다"),
        (1 << 2, "배포용(보호된) HWP 문서라 읽을 수 없습니다"),
    ],
)
def test_protected_hwp_names_why(tmp_path: Path, bit: int, reason: str) -> None:
    path = _with_flags(MOEF, tmp_path / "protected.hwp", bit)
    with pytest.raises(DocumentError) as err:
        load(path)
    assert err.value.reason == reason


def test_corrupt_hwp_raises_document_error(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.hwp"
    truncated.write_bytes(MOEF.read_bytes()[:3000])
    with pytest.raises(DocumentError):
        load(truncated)

    garbled = tmp_path / "garbled.hwp"
    shutil.copy(MOEF, garbled)
    garbled.chmod(0o644)
    with olefile.OleFileIO(str(garbled), write_mode=True) as ole:
        size = len(ole.openstream("BodyText/Section0").read())
        ole.write_stream(
            "BodyText/Section0", bytes(range(256)) * (size // 256) + b"\0" * (size % 256)
        )
    with pytest.raises(DocumentError) as err:
        load(garbled)
    assert "손상" in err.value.reason


def test_other_ole_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "not-hwp.hwp"
    shutil.copy(MOEF, path)
    path.chmod(0o644)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        header = ole.openstream("FileHeader").read()
        ole.write_stream("FileHeader", b"X" * len(header))
    with pytest.raises(DocumentError) as err:
        load(path)
    assert "HWP" in err.value.reason


def _record(tag: int, level: int, payload: bytes) -> bytes:
    return struct.pack("<I", tag | (level << 10) | (len(payload) << 20)) + payload


def test_records_nest_by_level_and_text_drops_controls() -> None:
    text = "가 1,000원".encode("utf-16-le")
    ctrl = struct.pack("<8H", 11, 0, 0, 0, 0, 0, 0, 11)  # an extended control (a table)
    stream = _record(0x42, 0, b"\0" * 12) + _record(0x43, 1, ctrl + text + b"\r\0")
    roots = parse_records(stream)
    assert len(roots) == 1 and roots[0].children[0].tag == 0x43
    assert para_text(roots[0].children[0].data) == "가 1,000원"
    # Compressed the way Hangul stores it (raw deflate): the same paragraph.
    deflate = zlib.compressobj(wbits=-15)
    packed = deflate.compress(stream) + deflate.flush()
    blocks = section_blocks(packed, True, "t.hwp")
    assert [(b.kind, b.text) for b in blocks] == [("line", "가 1,000원")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), compressed=st.booleans())
def test_random_bytes_only_ever_raise_document_error(data: bytes, compressed: bool) -> None:
    try:
        blocks = section_blocks(data, compressed, "random.hwp")
    except DocumentError as err:
        assert err.reason
    else:
        assert all(isinstance(b, Block) for b in blocks)


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(
        st.tuples(
            st.sampled_from([0x42, 0x43, 0x47, 0x48, 0x4D, 0x10]),
            st.integers(0, 3),
            st.binary(max_size=40),
        ),
        max_size=30,
    )
)
def test_well_framed_random_records_only_ever_raise_document_error(records: list) -> None:
    """Valid record framing with random tags, levels and payloads reaches the table and
    paragraph readers themselves."""
    stream = b"".join(_record(t, lv, p) for t, lv, p in records)
    try:
        section_blocks(stream, False, "framed.hwp")
    except DocumentError as err:
        assert err.reason


@pytest.mark.slow
def test_ingest_indexes_hwp_and_hwpx_beside_a_protected_file(tmp_path: Path) -> None:
    from ingest.pipeline import run_ingest
    from ingest.store import open_current_store
    from sosa.settings import Settings
    from tests.conftest import use_persistent_cache

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DOCS / "msit-nuri-launcher-name-press-2018.hwp", folder)
    shutil.copy(DOCS / "msit-oss-contest-press-2026.hwpx", folder)
    _with_flags(MOEF, folder / "protected.hwp", 1 << 2)
    data = tmp_path / "data"
    use_persistent_cache(data)
    report = run_ingest([folder], Settings(data_dir=data, corpus_dir=folder), progress=False)
    failed = {Path(f.path).name: f.reason for f in report.failures}
    assert failed == {"protected.hwp": "배포용(보호된) HWP 문서라 읽을 수 없습니다"}
    store = open_current_store(Settings(data_dir=data))
    chunks = store.all_chunks()
    store.close()
    docs = {c.document for c in chunks}
    assert docs == {"msit-nuri-launcher-name-press-2018.hwp", "msit-oss-contest-press-2026.hwpx"}
    assert any("200 톤" in c.text for c in chunks)
    # The press release records its subtitles as outline paragraphs: they make the sections.
    nuri = [c for c in chunks if c.document.endswith(".hwp")]
    assert nuri and sum(" › " in c.section for c in nuri) >= 0.8 * len(nuri)
