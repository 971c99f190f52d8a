"""Build and load the two search indexes of an index directory: FAISS (dense) and BM25 (Kiwi)."""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np
from langchain_community.docstore.in_memory import InMemoryDocstore
from langchain_community.vectorstores import FAISS
from langchain_community.vectorstores.utils import DistanceStrategy
from langchain_core.documents import Document

from ingest.embeddings import SosaEmbeddings
from sosa.korean.analysis import analyze_many

logger = logging.getLogger(__name__)

FAISS_DIR = "faiss"
BM25_DIR = "bm25"


def index_text(title: str, section: str, text: str) -> str:
    """What the indexes see: the breadcrumb gives a passage its context (team, project, area)."""
    return f"{section}\n{text}" if section else f"{title}\n{text}"


def build_faiss(
    ids: list[str], texts: list[str], vectors: np.ndarray, embeddings: SosaEmbeddings, out: Path
) -> None:
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors.astype(np.float32))
    docs = {
        i: Document(page_content=t, metadata={"id": i}, id=i)
        for i, t in zip(ids, texts, strict=True)
    }
    store = FAISS(
        embedding_function=embeddings,
        index=index,
        docstore=InMemoryDocstore(docs),
        index_to_docstore_id=dict(enumerate(ids)),
        distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT,
        normalize_L2=False,
    )
    store.save_local(str(out / FAISS_DIR))


def load_faiss(path: Path, embeddings: SosaEmbeddings) -> FAISS:
    # The pickle holds only our own docstore, written by our ingest into our data dir.
    return FAISS.load_local(
        str(path / FAISS_DIR),
        embeddings,
        allow_dangerous_deserialization=True,
        distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT,
    )


# BM25 term-frequency saturation. Low on purpose: `analyze` emits a word as a morpheme and as
# several overlapping Hangul bigrams, so a repeated word raises many term counts at once and a
# usual k1 (1.2-1.5) over-rewards repetition over covering more of the question's words.
# On KorQuAD dev (bench/korquad.py) k1 0.2-0.5 all do better than 1.2; the agency dev
# questions also do no worse at 0.4.
BM25_K1 = 0.4
BM25_B = 0.75


def build_bm25(texts: list[str], out: Path) -> None:
    corpus_tokens = [tokens or ["<empty>"] for tokens in analyze_many(texts)]  # one Kiwi batch
    retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    retriever.index(corpus_tokens, show_progress=False)
    retriever.save(str(out / BM25_DIR))


def load_bm25(path: Path) -> bm25s.BM25:
    return bm25s.BM25.load(str(path / BM25_DIR))
