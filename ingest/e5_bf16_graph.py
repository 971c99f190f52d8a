"""The e5-small encoder as TorchScript modules (ingest/e5_bf16.py fills in the weights).

A scripted call runs in C++ without the GIL, so other requests' answer paths go on meanwhile:
op by op from Python, the GIL held between ~150 small ops capped a 2-core server at ~1.2 cores
(measured: 65 vs 95 answers/s in process). Its own module so that torch is imported only when
the bf16 path is used.
"""

# (no `from __future__ import annotations`: TorchScript reads these annotations as types)
import torch
from torch import Tensor, nn
from torch.nn import functional as F


class Layer(nn.Module):
    qkv_w: Tensor
    qkv_b: Tensor
    ao_w: Tensor
    ao_b: Tensor
    fi_w: Tensor
    fi_b: Tensor
    fo_w: Tensor
    fo_b: Tensor
    aln_w: Tensor
    aln_b: Tensor
    oln_w: Tensor
    oln_b: Tensor

    def __init__(self, t: dict[str, Tensor], heads: int, eps: float) -> None:
        super().__init__()
        for name, value in t.items():
            self.register_buffer(name, value)
        self.heads, self.eps = heads, eps

    def _linear(self, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
        # bf16 in and out of the matmul only; sums, norms and the residual stay float32
        return F.linear(x.to(torch.bfloat16), w).float() + b

    def forward(self, x: Tensor) -> Tensor:
        n, width = x.size(0), x.size(1)
        qkv = self._linear(x, self.qkv_w, self.qkv_b)
        q, k, v = qkv.view(n, 3, self.heads, width // self.heads).permute(1, 2, 0, 3).unbind(0)
        ctx = F.scaled_dot_product_attention(q, k, v).permute(1, 0, 2).reshape(n, width)
        x = F.layer_norm(
            x + self._linear(ctx, self.ao_w, self.ao_b),
            [width],
            self.aln_w,
            self.aln_b,
            self.eps,
        )
        mid = F.gelu(self._linear(x, self.fi_w, self.fi_b))  # exact (erf) GELU, as e5.c's
        return F.layer_norm(
            x + self._linear(mid, self.fo_w, self.fo_b),
            [width],
            self.oln_w,
            self.oln_b,
            self.eps,
        )


class Encoder(nn.Module):
    pos: Tensor
    token_type: Tensor
    ln_w: Tensor
    ln_b: Tensor

    def __init__(self, t: dict[str, Tensor], layers: list[Layer], eps: float) -> None:
        super().__init__()
        for name, value in t.items():
            self.register_buffer(name, value)
        self.layers = nn.ModuleList(layers)
        self.eps = eps

    def forward(self, words: Tensor) -> Tensor:
        n, width = words.size(0), words.size(1)
        x = words + self.pos[:n] + self.token_type
        x = F.layer_norm(x, [width], self.ln_w, self.ln_b, self.eps)
        for layer in self.layers:
            x = layer(x)
        pooled = x.mean(0)
        return pooled / pooled.norm().clamp_min(1e-6)
