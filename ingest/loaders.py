"""The loader seam: file type -> a function that turns the file into blocks.

Every loader returns `(blocks, pages)`; `pages` is None for formats without fixed pages
(text, HWP, HWPX), whose blocks carry sections from their own headings instead.
The type is decided by content (magic bytes) first and by extension only for plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.blocks import Block
from ingest.hwp import load_hwp
from ingest.hwpx import load_hwpx
from ingest.pdf import load_pdf
from ingest.text import load_text
from sosa.errors import DocumentError

Loader = Callable[[Path], tuple[list[Block], int | None]]


def _text(path: Path) -> tuple[list[Block], int | None]:
    return load_text(path), None


LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf,
    ".txt": _text,
    ".md": _text,
    ".hwp": load_hwp,
    ".hwpx": load_hwpx,
}
SUPPORTED = frozenset(LOADERS)
SUPPORTED_LABEL = "PDF, HWP, HWPX, TXT, MD"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 512  # enough for an HWPX's first ZIP entry, the stored "mimetype"


def sniff(head: bytes, name: str) -> str | None:
    """The format of a file from its first bytes; None when it is none we read."""
    if head.startswith(b"%PDF-"):
        return ".pdf"
    ext = Path(name).suffix.lower()
    if head.startswith(_OLE_MAGIC):
        return ".hwp"  # HWP 5.x; another OLE file (.doc, .xls) is refused by the HWP loader
    if head.startswith(b"PK\x03\x04") and (
        b"application/hwp+zip" in head or b"Contents/" in head or ext == ".hwpx"
    ):
        return ".hwpx"
    if ext in (".txt", ".md"):
        return ext
    return None


def load(path: Path) -> tuple[list[Block], int | None]:
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as exc:
        raise DocumentError(str(path), f"파일을 읽을 수 없습니다 ({exc.strerror})") from exc
    kind = sniff(head, path.name)
    ext = path.suffix.lower()
    if kind is None:
        if ext in LOADERS:
            raise DocumentError(str(path), f"{ext[1:].upper()} 파일이 아니거나 손상된 파일입니다")
        raise DocumentError(
            str(path),
            f"지원하지 않는 형식입니다 ({ext or '확장자 없음'}; {SUPPORTED_LABEL}만 가능)",
        )
    return LOADERS[kind](path)
