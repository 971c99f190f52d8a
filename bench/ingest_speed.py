"""Ingest speed: a cold `sosa ingest` beside the time of embedding its chunks alone.

    python bench/ingest_speed.py corpus
    python bench/ingest_speed.py ../shared/real-docs
    python bench/ingest_speed.py --korquad ../shared/eval/korquad/KorQuAD_v1.0_dev.json

A cold ingest starts with empty caches in a fresh data dir. The embedding-only time embeds the
very chunk texts that ingest produced, in a fresh cache, with the same batch size, so the ratio
ingest / embedding says what parsing, Kiwi, chunking and index building add on top.

CPU seconds (this process and its threads) are reported beside wall seconds: on a machine other
work shares, the CPU ratio is the steadier of the two.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embeddings import EmbeddingCache, SosaEmbeddings  # noqa: E402
from ingest.indexes import index_text  # noqa: E402
from ingest.pipeline import run_ingest  # noqa: E402
from ingest.store import open_current_store  # noqa: E402
from sosa.settings import Settings  # noqa: E402


def korquad_corpus(dev: Path, out: Path, limit: int | None) -> Path:
    """One small text file per KorQuAD paragraph: the many-small-files case."""
    data = json.loads(dev.read_text(encoding="utf-8"))
    n = 0
    for art in data["data"]:
        for para in art["paragraphs"]:
            (out / f"p{n:04d}.txt").write_text(para["context"], encoding="utf-8")
            n += 1
            if limit and n >= limit:
                return out
    return out


def measure(paths: list[Path]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        t0, c0 = time.perf_counter(), time.process_time()
        report = run_ingest(paths, settings, progress=False)
        ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
        store = open_current_store(settings)
        texts = [index_text(c.title, c.section, c.text) for c in store.all_chunks()]
        store.close()
        embedder = SosaEmbeddings(
            settings.embedding_model, EmbeddingCache(Path(tmp) / "fresh-embeddings.sqlite")
        )
        t0, c0 = time.perf_counter(), time.process_time()
        embedder.embed_passages(texts)
        embed_s, embed_cpu = time.perf_counter() - t0, time.process_time() - c0
    files = report.documents
    return {
        "files": files,
        "pages": report.pages,
        "chunks": report.chunks,
        "failures": [f.path for f in report.failures],
        "ingest_s": round(ingest_s, 1),
        "embed_only_s": round(embed_s, 1),
        "ratio": round(ingest_s / embed_s, 2) if embed_s else None,
        "ingest_cpu_s": round(ingest_cpu, 1),
        "embed_only_cpu_s": round(embed_cpu, 1),
        "cpu_ratio": round(ingest_cpu / embed_cpu, 2) if embed_cpu else None,
        "files_per_s": round(files / ingest_s, 2),
        "pages_per_s": round(report.pages / ingest_s, 2),
        "chunks_per_s": round(report.chunks / ingest_s, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--korquad", type=Path, help="KorQuAD dev JSON: one file per paragraph")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = list(args.paths)
        if args.korquad:
            folder = Path(tmp) / "korquad"
            folder.mkdir()
            paths.append(korquad_corpus(args.korquad, folder, args.limit))
        print(json.dumps(measure(paths), ensure_ascii=False))


if __name__ == "__main__":
    main()
