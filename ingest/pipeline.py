"""`sosa ingest`: parse every file, build a new index in a temporary directory, swap atomically.

A crash or Ctrl-C mid-way leaves the previous index serving; a lock stops two ingests at once;
unchanged files reuse their cached parse and embeddings.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from ingest.blocks import Block
from ingest.cells import CELLS_VERSION, extract_cells, write_cells
from ingest.chunking import chunk_blocks
from ingest.embeddings import EmbedAhead, EmbeddingCache, SosaEmbeddings
from ingest.indexes import BM25_B, BM25_K1, build_bm25, build_faiss, index_text
from ingest.loaders import load
from ingest.metadata import METADATA_VERSION, document_info, propose_info, read_manifest
from ingest.pdf import pdf_metadata
from ingest.profiles import extract_all
from ingest.profiles.records import FACTS_VERSION
from ingest.store import DB_NAME, ChunkStore
from ingest.structure import assign_sections
from sosa.errors import DocumentError, IngestLocked
from sosa.models import Chunk, DocumentInfo
from sosa.settings import Settings

logger = logging.getLogger(__name__)

# Bump when parsing or chunking changes, so cached parses are not reused.
PARSER_VERSION = "12"  # 12: HWP/HWPX table cells spaced out to fill their width read as one word
# A folder's own notes about its files (what they are, where from, under what licence) are not
# among its documents; named one by one, they are ingested like any file.
_SKIP_NAMES = {
    "documents.toml", "README.md", "readme.md", ".gitkeep", "SOURCES.md", "LICENSE",
    "LICENSE.md", "LICENSE.txt", "NOTICE", "CHANGELOG.md",
}  # fmt: skip


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class ParsedFile:
    info: DocumentInfo
    sha256: str
    meta: dict
    blocks: list[Block]
    sections: list[str]
    chunks: list[Chunk]
    tables: int


@dataclass
class IngestReport:
    documents: int = 0
    pages: int = 0
    tables: int = 0
    chunks: int = 0
    seconds: float = 0.0
    embedded: int = 0
    unchanged: bool = False
    index_dir: Path | None = None
    failures: list[Failure] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)  # files titled from their own text

    def summary(self) -> str:
        if self.unchanged:
            return f"변경 없음: 문서 {self.documents}개가 이미 색인되어 있습니다 ({self.seconds:.1f}초)."
        line = (
            f"색인 완료: 문서 {self.documents}개, 페이지 {self.pages}쪽, 표 {self.tables}개, "
            f"청크 {self.chunks}개, {self.seconds:.1f}초 (새로 계산한 임베딩 {self.embedded}개)"
        )
        if self.inferred:
            line += (
                "\ndocuments.toml 항목이 없어 파일에서 제목·종류·연도를 정했습니다: "
                + ", ".join(self.inferred)
            )
        if self.failures:
            line += f"\n실패 {len(self.failures)}건: " + ", ".join(
                Path(f.path).name for f in self.failures
            )
        return line


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def collect_files(paths: list[Path]) -> tuple[list[tuple[Path, str, dict | None]], list[Failure]]:
    """(file, name relative to its corpus folder, documents.toml entry) for every input."""
    out: list[tuple[Path, str, dict | None]] = []
    failures: list[Failure] = []
    seen: set[Path] = set()
    names: set[str] = set()

    def add(f: Path, name: str, entry: dict | None, root: Path) -> None:
        # A file reached through two inputs ("docs" and "docs/derived") is one document.
        if f.resolve() in seen:
            return
        seen.add(f.resolve())
        if name in names:  # two folders with a file of the same name: both, told apart
            name = f"{root.name}/{name}"
        names.add(name)
        out.append((f, name, entry))

    for root in paths:
        if root.is_dir():
            manifest = read_manifest(root)
            for f in sorted(root.rglob("*")):
                if not f.is_file() or any(p.startswith(".") for p in f.relative_to(root).parts):
                    continue
                if f.name in _SKIP_NAMES:
                    continue
                name = f.relative_to(root).as_posix()
                add(f, name, manifest.get(name), root)
        elif root.is_file():
            manifest = read_manifest(root.parent)
            add(root, root.name, manifest.get(root.name), root.parent)
        else:
            failures.append(Failure(str(root), "파일이나 폴더가 없습니다"))
    return out, failures


def parse_file(path: Path, name: str, entry: dict | None, sha: str, cache_dir: Path) -> ParsedFile:
    info = document_info(name, entry)
    cache = cache_dir / f"{sha}-{PARSER_VERSION}.pkl"
    pages: int | None = None
    if cache.exists():
        blocks, pages = pickle.loads(cache.read_bytes())
    else:
        blocks, pages = load(path)
        if not any(b.text.strip() or b.rows for b in blocks):
            raise DocumentError(
                str(path), "추출할 텍스트가 없습니다 (스캔 이미지 PDF일 수 있습니다)"
            )
        cache.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own: two ingests sharing a cache (or test workers) may parse one file
        # at once, and one must not rename the other's half-written file into place.
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        tmp.write_bytes(pickle.dumps((blocks, pages)))
        os.replace(tmp, cache)
    info.pages = pages
    inferred: dict = {}
    if entry is None:  # no documents.toml entry: title, kind and year from the file itself
        pdf_info = pdf_metadata(path) if path.suffix.lower() == ".pdf" else None
        inferred = propose_info(blocks, pdf_info, path.name)
        info = info.model_copy(update=inferred)
    sections = assign_sections(blocks, info.title, info.kind)
    raw = chunk_blocks(blocks, sections)
    chunks: list[Chunk] = []
    ordinals: dict[int | None, int] = {}
    for rc in raw:
        n = ordinals.get(rc.page, 0)
        ordinals[rc.page] = n + 1
        cid = f"{name}#p{rc.page}-{n}" if rc.page is not None else f"{name}#{n}"
        chunks.append(
            Chunk(
                id=cid,
                document=name,
                title=info.title,
                section=rc.section,
                page=rc.page,
                ordinal=n,
                kind=rc.kind,  # type: ignore[arg-type]
                text=rc.text,
                audience=info.audience,
                year=info.year,
            )
        )
    tables = sum(1 for b in blocks if b.kind == "table" and not b.continued)
    meta = entry or ({"inferred": inferred} if inferred else {})
    return ParsedFile(info, sha, meta, blocks, sections, chunks, tables)


def _manifest(files: list[tuple[Path, str, dict | None]], settings: Settings) -> dict:
    return {
        "version": PARSER_VERSION,
        "facts": FACTS_VERSION,
        "cells": CELLS_VERSION,
        "metadata": METADATA_VERSION,
        "bm25": [BM25_K1, BM25_B],  # saved inside the index: a change must rebuild it
        "model": settings.embedding_model,
        "files": [
            [name, _sha256(p), json.dumps(e or {}, sort_keys=True, default=str)]
            for p, name, e in files
        ],
    }


def _current_manifest(settings: Settings) -> dict | None:
    link = settings.index_link
    try:
        return json.loads((link.resolve() / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def _swap(settings: Settings, new_dir: Path) -> None:
    """Point data/current at new_dir atomically (rename of a symlink), then prune old indexes."""
    link = settings.index_link
    tmp_link = settings.data_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(new_dir.name)
    previous = link.resolve() if link.exists() else None
    os.replace(tmp_link, link)
    # Keep the previous index: a running server may still be reading it.
    for d in settings.data_dir.glob("index-*"):
        if d.is_dir() and d not in (new_dir, previous):
            shutil.rmtree(d, ignore_errors=True)


def run_ingest(
    paths: list[Path], settings: Settings, progress: bool = True, force: bool = False
) -> IngestReport:
    started = time.perf_counter()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.data_dir / "ingest.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise IngestLocked() from exc
    try:
        # Leftovers of an interrupted ingest are never served; clear them.
        for stale in settings.data_dir.glob("index-*.tmp"):
            shutil.rmtree(stale, ignore_errors=True)
        return _ingest_locked(paths, settings, progress, force, started)
    finally:
        lock.release()


def _ingest_locked(
    paths: list[Path], settings: Settings, progress: bool, force: bool, started: float
) -> IngestReport:
    report = IngestReport()
    files, report.failures = collect_files(paths)
    manifest = _manifest(files, settings)
    if not force and not report.failures and manifest == _current_manifest(settings):
        report.unchanged = True
        report.documents = len(files)
        report.seconds = time.perf_counter() - started
        return report

    stamp = time.strftime("%Y%m%d-%H%M%S")
    # Unique even for two ingests in the same second by the same process.
    final_dir = settings.data_dir / f"index-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    work = settings.data_dir / f"{final_dir.name}.tmp"
    # Made before parsing: from here until the swap, a crash leaves only this directory, which
    # is never served and is cleared by the next ingest.
    work.mkdir(parents=True)
    try:
        parsed: list[ParsedFile] = []
        parse_cache = settings.cache_dir / "parsed"
        shas = [row[1] for row in manifest["files"]]  # each file hashed once, for the manifest
        cache = EmbeddingCache(settings.cache_dir / "embeddings.sqlite")
        embedder = SosaEmbeddings(settings.embedding_model, cache)
        ahead = EmbedAhead(embedder)  # embeds parsed files while the next ones parse
        # One bar for all files: a bar per file costs a terminal line each on a corpus of many.
        bar = tqdm(total=len(files), desc="파싱", unit="file", disable=not progress)
        for (path, name, entry), sha in zip(files, shas, strict=True):
            bar.set_postfix_str(name[:40], refresh=False)
            try:
                parsed.append(parse_file(path, name, entry, sha, parse_cache))
                ahead.add([index_text(c.title, c.section, c.text) for c in parsed[-1].chunks])
                if "inferred" in parsed[-1].meta:
                    pf_info = parsed[-1].info
                    report.inferred.append(
                        f"{name} ('{pf_info.title}', {pf_info.year or '연도 미상'})"
                    )
            except DocumentError as exc:
                report.failures.append(Failure(str(path), exc.reason))
                logger.warning("건너뜀 %s: %s", path, exc.reason)
            finally:
                bar.update(1)
        bar.close()
        report.embedded = ahead.finish()
        if not parsed:
            shutil.rmtree(work, ignore_errors=True)
            report.seconds = time.perf_counter() - started
            return report  # nothing good to serve: keep the previous index

        store = ChunkStore(work / DB_NAME)
        all_chunks: list[Chunk] = []
        for pf in parsed:
            pf.info.chunks = len(pf.chunks)
            store.add_document(pf.info, pf.sha256, pf.meta)
            store.add_chunks(pf.chunks)
            all_chunks.extend(pf.chunks)
        _extract_facts(store, parsed)
        for pf in parsed:
            cells = extract_cells(pf.info, pf.blocks, pf.sections)
            write_cells(store.conn, cells, pf.info.title)

        texts = [index_text(c.title, c.section, c.text) for c in all_chunks]
        bar = tqdm(total=len(texts), desc="임베딩", unit="chunk", disable=not progress)
        vectors = embedder.embed_passages(texts, progress=bar.update)
        bar.close()
        build_faiss([c.id for c in all_chunks], texts, vectors, embedder, work)
        build_bm25(texts, work)

        store.set_meta("embedding_model", settings.embedding_model)
        store.set_meta("dimension", int(vectors.shape[1]) if len(vectors) else 0)
        store.set_meta("parser_version", PARSER_VERSION)
        store.set_meta("created", time.strftime("%Y-%m-%dT%H:%M:%S"))
        store.commit()
        store.close()
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        os.replace(work, final_dir)
        _swap(settings, final_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise

    report.documents = len(parsed)
    report.pages = sum(pf.info.pages or 0 for pf in parsed)
    report.tables = sum(pf.tables for pf in parsed)
    report.chunks = len(all_chunks)
    report.index_dir = final_dir
    report.seconds = time.perf_counter() - started
    logger.info("색인 %s: %s", final_dir.name, report.summary())
    return report


def _extract_facts(store: ChunkStore, parsed: list[ParsedFile]) -> None:
    extract_all(store.conn, [(pf.info, pf.blocks, pf.sections) for pf in parsed])
