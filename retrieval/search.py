"""Hybrid search: Kiwi-morpheme BM25 and dense e5 (FAISS), fused by normalised scores."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ingest.embeddings import SosaEmbeddings
from ingest.indexes import index_text, load_bm25, load_faiss
from sosa.korean.analysis import analyze, normalize_query
from sosa.models import Chunk

logger = logging.getLogger(__name__)

# Weight of BM25 in the min-max fusion; dense fills the rest. Tuned with BM25_K1 (ingest/
# indexes.py) on the agency dev questions and KorQuAD dev (bench/korquad.py): 0.7 is best on
# both; 0.8 starts losing paraphrased questions only the dense side finds.
BM25_WEIGHT = 0.7
DENSE_CANDIDATES = 100


@dataclass
class Scored:
    chunk: Chunk
    score: float
    bm25: float
    dense: float


def _minmax(x: np.ndarray) -> np.ndarray:
    if x.size == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    if hi - lo < 1e-9:
        return np.zeros_like(x)
    return (x - lo) / (hi - lo)


class HybridSearcher:
    def __init__(self, index_dir: Path, chunks: list[Chunk], embedder: SosaEmbeddings) -> None:
        self.chunks = chunks
        self.embedder = embedder
        self.bm25 = load_bm25(index_dir)
        self.vectors = load_faiss(index_dir, embedder)
        self.position = {c.id: i for i, c in enumerate(chunks)}
        self._embed_lock = threading.Lock()
        self._query_vec = lru_cache(maxsize=2048)(self._embed)
        n_bm25 = self.bm25.scores["num_docs"] if isinstance(self.bm25.scores, dict) else None
        if n_bm25 is not None and n_bm25 != len(chunks):
            logger.warning("BM25 문서 수(%s)와 청크 수(%s)가 다릅니다", n_bm25, len(chunks))

    def _embed(self, query: str) -> np.ndarray:
        with self._embed_lock:  # the C engine is not documented as re-entrant
            return self.embedder.embed_query_vector(query)

    def bm25_scores(self, query: str) -> np.ndarray:
        vocab = self.bm25.vocab_dict
        tokens = [t for t in analyze(query) if t in vocab]
        if not tokens:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def dense_scores(self, query: str) -> np.ndarray:
        out = np.zeros(len(self.chunks), dtype=np.float32)
        if not self.chunks:
            return out
        qv = self._query_vec(query)
        k = min(DENSE_CANDIDATES, len(self.chunks))
        hits = self.vectors.similarity_search_with_score_by_vector(qv.tolist(), k=k)
        floor = min((s for _, s in hits), default=0.0)
        out[:] = floor  # chunks beyond the candidate list rank at the floor
        for doc, s in hits:
            pos = self.position.get(doc.metadata["id"])
            if pos is not None:
                out[pos] = s
        return out

    def search(
        self,
        query: str,
        k: int = 5,
        allow: Callable[[Chunk], bool] | None = None,
        bm25_weight: float = BM25_WEIGHT,
    ) -> list[Scored]:
        query = normalize_query(query)
        if not query or not self.chunks:
            return []
        bm = self.bm25_scores(query)
        de = self.dense_scores(query)
        mask = np.ones(len(self.chunks), dtype=bool)
        if allow is not None:
            mask = np.array([allow(c) for c in self.chunks], dtype=bool)
        if not mask.any():
            return []
        fused = np.full(len(self.chunks), -1.0, dtype=np.float32)
        fused[mask] = bm25_weight * _minmax(bm[mask]) + (1 - bm25_weight) * _minmax(de[mask])
        order = np.argsort(-fused)[:k]
        return [
            Scored(self.chunks[i], float(fused[i]), float(bm[i]), float(de[i]))
            for i in order
            if mask[i]
        ]


def passage_text(chunk: Chunk) -> str:
    return index_text(chunk.title, chunk.section, chunk.text)
