"""Plain text and Markdown → blocks. UTF-8 first, then CP949/EUC-KR (common in Korean public files).

Markdown pipe tables and tab-separated runs of lines become tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.blocks import Block, normalize_table
from sosa.errors import DocumentError

_PIPE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode_bytes(data: bytes, path: str) -> str:
    if not data.strip():
        raise DocumentError(path, "빈 파일입니다")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ("utf-8", "cp949"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise DocumentError(path, "문자 인코딩을 알 수 없습니다 (UTF-8, CP949가 아님)")
        text = str(best)
    if "\x00" in text or sum(ch.isprintable() or ch in "\n\t\r" for ch in text) < 0.95 * len(text):
        raise DocumentError(path, "텍스트로 읽을 수 없는 내용입니다")
    if not text.strip():
        raise DocumentError(path, "빈 파일입니다")
    return text


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def _table_block(rows: list[list[str]]) -> Block:
    header, body = normalize_table([list[str | None](r) for r in rows])
    return Block(kind="table", page=None, rows=body, header=header)


def parse_text(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        # Markdown pipe table: a row, a --- separator, rows.
        if (
            stripped.startswith("|")
            and i + 1 < len(lines)
            and _PIPE_SEP.match(lines[i + 1].strip())
        ):
            rows = [_pipe_cells(stripped)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_pipe_cells(lines[i]))
                i += 1
            blocks.append(_table_block(rows))
            continue
        # Tab-separated block: two or more consecutive lines holding tabs.
        if "\t" in line and i + 1 < len(lines) and "\t" in lines[i + 1]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            blocks.append(_table_block(rows))
            continue
        heading = re.sub(r"^#{1,6}\s+", "", stripped)
        blocks.append(Block(kind="line", page=None, text=heading))
        i += 1
    return blocks


def load_text(path: Path) -> list[Block]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"파일을 읽을 수 없습니다 ({exc.strerror})") from exc
    return parse_text(decode_bytes(data, str(path)))
