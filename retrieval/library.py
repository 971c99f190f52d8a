"""Document management for staff: add, replace, re-describe, retire and restore corpus files.

The API and the bot call this (they may not import ingest/). Every change is a job run by one
worker thread, so uploads are indexed one at a time. An upload is staged outside the corpus and
parsed alone with ingest's own parser first; only a file that parses goes into corpus/ (with its
documents.toml entry), and if the re-index then fails, the corpus is put back as it was. The
ingest pipeline reuses cached parses and embeddings, so only the new or changed file costs time;
it swaps the index atomically and the running service is reloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import tomllib
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ingest.loaders import HEAD_BYTES, LOADERS, SUPPORTED_LABEL, sniff
from ingest.metadata import document_info, read_manifest
from ingest.pipeline import PARSER_VERSION, ParsedFile, collect_files, parse_file, run_ingest
from sosa.errors import DocumentError, IngestLocked, NotFound, SosaError
from sosa.numbers import numbers_in
from sosa.settings import Settings

logger = logging.getLogger(__name__)

ARCHIVE = ".archive"  # hidden: collect_files skips dot folders, so archived files are not indexed
MANIFEST = "documents.toml"
MAX_JOBS = 100
_RESERVED = {"documents.toml", "readme.md", ".gitkeep"}
_MAX_NAME = 120

JobStatus = Literal["queued", "running", "done", "failed"]
DocStatus = Literal["active", "retired", "pending"]


class UploadRejected(SosaError):
    code = "unsupported_file"
    http_status = 415
    message = f"지원하지 않는 파일입니다. {SUPPORTED_LABEL} 파일을 올려 주세요."


class UploadTooLarge(SosaError):
    code = "payload_too_large"
    http_status = 413
    message = "파일이 너무 큽니다."


class IndexFailed(SosaError):
    code = "index_failed"

    def __init__(self, message: str, swapped: bool) -> None:
        super().__init__(message)
        self.swapped = swapped


class InvalidChange(SosaError):
    code = "invalid_request"
    http_status = 422
    message = "요청 내용을 확인해 주세요."


@dataclass
class Job:
    id: str
    action: str  # upload | update | retire | restore
    document: str
    status: JobStatus = "queued"
    progress: str = "차례를 기다리고 있습니다."
    error: str | None = None
    embedded: int | None = None
    parsed: list[str] = field(default_factory=list)
    summary: dict[str, int] | None = None  # pages, tables, chunks, figures of the document
    seconds: float | None = None
    created: float = field(default_factory=time.time)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "document": self.document,
            "status": self.status,
            "progress": self.progress,
            "error": self.error,
            "embedded": self.embedded,
            "parsed": list(self.parsed),
            "summary": dict(self.summary) if self.summary else None,
            "seconds": self.seconds,
        }


@dataclass
class LibraryDocument:
    document: str
    title: str
    kind: str
    audience: str
    year: int | None
    pages: int | None
    chunks: int
    status: DocStatus


# --- file names and types ----------------------------------------------------------------------


def safe_name(filename: str) -> str:
    """A plain file name for the corpus: no folders, no traversal, no control characters."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", filename or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[^\w.\-() ]", "_", base).strip(" .")
    base = re.sub(r"\s+", " ", base).lstrip(".-")
    stem, ext = os.path.splitext(base)
    stem = stem[: _MAX_NAME - len(ext)] or "document"
    return stem + ext


def detect_type(head: bytes, data_for_text: bytes, filename: str) -> str:
    """The loader extension for an upload, by content: magic bytes, or decodable text."""
    kind = sniff(head, filename)
    if kind in (".txt", ".md") or (kind is None and Path(filename).suffix == ""):
        # Text is recognised by decoding, not by the name: binary with a .txt name is refused.
        if b"\x00" in data_for_text:
            raise UploadRejected()
        for encoding in ("utf-8", "cp949"):
            try:
                data_for_text.decode(encoding)
                return kind or ".txt"
            except UnicodeDecodeError:
                continue
        raise UploadRejected(
            "텍스트 파일을 읽을 수 없습니다. UTF-8 또는 CP949로 저장해 올려 주세요."
        )
    if kind is None or kind not in LOADERS:
        raise UploadRejected()
    return kind


def corpus_name(filename: str, kind: str) -> str:
    """The stored name: sanitised, its extension set from the detected type."""
    stem = Path(safe_name(filename)).stem or "document"
    name = stem + kind
    if name.lower() in _RESERVED:
        name = f"upload-{name}"
    return name


def count_figures(pf: ParsedFile) -> int:
    """Figures (numbers as printed) in the document's chunks: what answers can quote."""
    return len({n for c in pf.chunks for n in numbers_in(c.text)})


# --- documents.toml, edited in place -----------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\s*(?P<key>\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_.\-]+)\s*\]")
_KEY_LINE = re.compile(r"^\s*(?P<key>[A-Za-z0-9_\-]+)\s*=")


def _header_name(line: str) -> str | None:
    m = _HEADER.match(line)
    if not m:
        return None
    raw = m.group("key")
    if raw[0] in "\"'":
        return tomllib.loads(f"k = {raw}")["k"]
    return raw


def _toml_value(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment_of(line: str) -> str:
    """The trailing comment of a `key = value  # …` line ('' if none); '#' inside strings is
    not a comment, so cut where the rest still parses."""
    for i, ch in enumerate(line):
        if ch == "#":
            try:
                tomllib.loads(line[:i])
                return "  " + line[i:].rstrip("\n")
            except tomllib.TOMLDecodeError:
                continue
    return ""


def edit_manifest_text(text: str, name: str, values: dict[str, str | int]) -> str:
    """`text` with the table of `name` given `values`; other tables, keys and comments stay."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if _header_name(ln) == name), None)
    if start is None:
        body = "".join(f"{k} = {_toml_value(v)}\n" for k, v in values.items())
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{sep}[{_toml_value(name)}]\n{body}"
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    pending = dict(values)
    last_key = start
    for i in range(start + 1, end):
        m = _KEY_LINE.match(lines[i])
        if not m:
            continue
        last_key = i
        key = m.group("key")
        if key in pending:
            lines[i] = f"{key} = {_toml_value(pending.pop(key))}{_comment_of(lines[i])}\n"
    if pending:
        insert = [f"{k} = {_toml_value(v)}\n" for k, v in pending.items()]
        if not lines[last_key].endswith("\n"):
            lines[last_key] += "\n"
        lines[last_key + 1 : last_key + 1] = insert
    return "".join(lines)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` in one rename, so a reader (or a crash) never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- the library ---------------------------------------------------------------------------------

_registry: dict[tuple[str, str], DocumentLibrary] = {}
_registry_lock = threading.Lock()


class DocumentLibrary:
    """Jobs over one corpus folder and data dir. Use `DocumentLibrary.shared(settings, service)`
    so the API and the bot in one process share one worker (one ingest at a time)."""

    def __init__(self, settings: Settings, service: Any = None) -> None:
        self.settings = settings
        self.service = service  # a RetrievalService to reload after each swap (optional)
        self.corpus = Path(settings.corpus_dir)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._cond = threading.Condition()
        self._queue: queue.Queue[tuple[Job, Callable[[Job], None]]] = queue.Queue()
        self._worker: threading.Thread | None = None

    @classmethod
    def shared(cls, settings: Settings, service: Any = None) -> DocumentLibrary:
        key = (str(Path(settings.corpus_dir).resolve()), str(Path(settings.data_dir).resolve()))
        with _registry_lock:
            lib = _registry.get(key)
            if lib is None:
                lib = _registry[key] = cls(settings, service)
            elif service is not None and lib.service is None:
                lib.service = service
            return lib

    # -- paths --
    @property
    def archive(self) -> Path:
        return self.corpus / ARCHIVE

    def _inside(self, base: Path, name: str) -> Path:
        """base/name, refusing names that leave base (.., absolute paths, dot folders)."""
        parts = Path(name).parts
        if not name or Path(name).is_absolute() or any(p in ("..", "") for p in parts):
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        if any(p.startswith(".") for p in parts):
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        path = (base / name).resolve()
        if not path.is_relative_to(base.resolve()):
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        return base / name

    def _status_of(self, name: str) -> DocStatus | None:
        if self._inside(self.corpus, name).is_file():
            return "active"
        if self._inside(self.archive, name).is_file():
            return "retired"
        return None

    # -- listing --
    def documents(self) -> list[LibraryDocument]:
        """Every document of the corpus, retired ones too, with its status."""
        manifest = read_manifest(self.corpus)
        indexed = {}
        if self.service is not None:
            indexed = {d.document: d for d in self.service.documents(viewer="admin")}
        files, _ = collect_files([self.corpus]) if self.corpus.is_dir() else ([], [])
        out: list[LibraryDocument] = []
        for _, name, entry in files:
            out.append(self._row(name, entry, indexed, "active" if name in indexed else "pending"))
        if self.archive.is_dir():
            for f in sorted(self.archive.rglob("*")):
                if f.is_file() and not f.name.startswith("."):
                    name = f.relative_to(self.archive).as_posix()
                    if not self._inside(self.corpus, name).exists():
                        out.append(self._row(name, manifest.get(name), {}, "retired"))
        return out

    @staticmethod
    def _row(name: str, entry: dict | None, indexed: dict, status: DocStatus) -> LibraryDocument:
        info = indexed.get(name) or document_info(name, entry or {})
        return LibraryDocument(
            document=name,
            title=info.title,
            kind=info.kind,
            audience=info.audience,
            year=info.year,
            pages=info.pages,
            chunks=info.chunks,
            status=status,
        )

    # -- jobs --
    def job(self, job_id: str) -> Job:
        with self._cond:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound("해당 작업을 찾을 수 없습니다. 오래된 작업은 지워집니다.")
        return job

    def wait(self, job_id: str, timeout: float, seen: str | None = None) -> Job:
        """The job once it has finished, or its progress differs from `seen`, or at timeout."""
        deadline = time.monotonic() + max(0.0, timeout)
        with self._cond:
            while True:
                job = self._jobs.get(job_id)
                if job is None:
                    raise NotFound("해당 작업을 찾을 수 없습니다. 오래된 작업은 지워집니다.")
                if job.finished or (seen is not None and job.progress != seen):
                    return job
                left = deadline - time.monotonic()
                if left <= 0:
                    return job
                self._cond.wait(left)

    def _submit(self, action: str, document: str, run: Callable[[Job], None]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], action=action, document=document)
        with self._cond:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                # Forget the oldest finished job; running or queued ones are kept.
                old = next((k for k, j in self._jobs.items() if j.finished), None)
                if old is None:
                    break
                del self._jobs[old]
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="sosa-library", daemon=True)
                self._worker.start()
        self._queue.put((job, run))
        return job

    def _set(self, job: Job, **changes: Any) -> None:
        with self._cond:
            for k, v in changes.items():
                setattr(job, k, v)
            self._cond.notify_all()

    def _work(self) -> None:
        while True:
            job, run = self._queue.get()
            started = time.perf_counter()
            self._set(job, status="running", progress="작업을 시작했습니다.")
            try:
                run(job)
            except SosaError as exc:
                logger.warning("문서 작업 %s (%s) 실패: %s", job.id, job.action, exc.message)
                self._set(job, status="failed", error=exc.message, progress="실패했습니다.")
            except Exception:
                logger.exception("문서 작업 %s (%s) 중 예기치 못한 오류", job.id, job.action)
                self._set(
                    job,
                    status="failed",
                    error="작업 중 예기치 못한 오류가 발생했습니다. 관리자에게 문의해 주세요.",
                    progress="실패했습니다.",
                )
            else:
                self._set(job, status="done", progress="완료했습니다.")
            finally:
                self._set(job, seconds=round(time.perf_counter() - started, 2))
                self._queue.task_done()

    # -- public operations --
    def upload(
        self,
        data: bytes,
        filename: str,
        *,
        title: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        audience: str = "public",
    ) -> Job:
        """Check the file now (type, size) and queue its ingest; the job does the rest."""
        limit = self.settings.max_upload_mb * 1024 * 1024
        if len(data) > limit:
            raise UploadTooLarge(
                f"파일이 너무 큽니다. {self.settings.max_upload_mb}MB 이하로 올려 주세요."
            )
        if not data:
            raise UploadRejected("빈 파일입니다. 내용이 있는 파일을 올려 주세요.")
        if audience not in ("public", "internal"):
            raise InvalidChange("공개 범위(audience)는 public 또는 internal이어야 합니다.")
        ext = detect_type(data[:HEAD_BYTES], data[: 1 << 20], filename)
        name = corpus_name(filename, ext)
        entry: dict[str, str | int] = {
            "title": (title or "").strip() or Path(name).stem,
            "audience": audience,
        }
        if kind and kind.strip():
            entry["kind"] = kind.strip()
        stage = Path(tempfile.mkdtemp(prefix="upload-", dir=self._staging_root()))
        staged = stage / name
        staged.write_bytes(data)
        return self._submit(
            "upload", name, lambda job: self._run_upload(job, staged, name, entry, year)
        )

    def update(
        self,
        name: str,
        *,
        title: str | None = None,
        year: int | None = None,
        audience: str | None = None,
    ) -> Job:
        if self._status_of(name) is None:
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        if audience is not None and audience not in ("public", "internal"):
            raise InvalidChange("공개 범위(audience)는 public 또는 internal이어야 합니다.")
        values: dict[str, str | int] = {}
        if title is not None and title.strip():
            values["title"] = title.strip()
        if audience is not None:
            values["audience"] = audience
        if not values and year is None:
            raise InvalidChange("바꿀 항목(title, year, audience)을 하나 이상 보내 주세요.")
        return self._submit("update", name, lambda job: self._run_update(job, name, values, year))

    def retire(self, name: str) -> Job:
        status = self._status_of(name)
        if status is None:
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        if status == "retired":
            raise InvalidChange("이미 보관된 문서입니다.")
        return self._submit("retire", name, lambda job: self._run_move(job, name, retire=True))

    def restore(self, name: str) -> Job:
        status = self._status_of(name)
        if status is None:
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        if status == "active":
            raise InvalidChange("이미 답변에 쓰이고 있는 문서입니다.")
        return self._submit("restore", name, lambda job: self._run_move(job, name, retire=False))

    # -- job bodies (worker thread) --
    def _staging_root(self) -> Path:
        root = Path(self.settings.data_dir) / "uploads"
        root.mkdir(parents=True, exist_ok=True)
        return root

    def _manifest_text(self) -> str:
        path = self.corpus / MANIFEST
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def _write_manifest(self, text: str) -> None:
        tomllib.loads(text)  # never write a file the ingest could not read
        write_atomic(self.corpus / MANIFEST, text.encode("utf-8"))

    @staticmethod
    def _year_values(entry: dict, year: int | None) -> dict[str, str | int]:
        """Where the year goes: the key this entry already dates itself by (see
        ingest.metadata.document_info), else `published`."""
        if year is None:
            return {}
        if not 1900 <= year <= 2100:
            raise InvalidChange("연도(year)는 1900~2100 사이의 숫자여야 합니다.")
        for key in ("evaluation_year", "plan_year"):
            if key in entry:
                return {key: year}
        published = str(entry.get("published", ""))
        if published[:4] == str(year):
            return {}
        return {"published": str(year)}

    def _run_upload(
        self, job: Job, staged: Path, name: str, entry: dict[str, str | int], year: int | None
    ) -> None:
        try:
            self._set(job, progress="문서를 읽고 있습니다 (표·쪽 분석).")
            current = read_manifest(self.corpus).get(name, {})
            entry = {**entry, **self._year_values({**current, **entry}, year)}
            sha = hashlib.sha256(staged.read_bytes()).hexdigest()
            try:
                pf = parse_file(staged, name, dict(entry), sha, self._parse_cache)
            except DocumentError as exc:
                raise SosaError(f"문서를 읽지 못했습니다: {exc.reason}") from exc
            except Exception as exc:
                logger.exception("업로드 %s 분석 실패", name)
                raise SosaError(
                    f"문서를 읽지 못했습니다 ({type(exc).__name__}). 손상된 파일인지 확인해 주세요."
                ) from exc
            if not pf.chunks:
                raise SosaError("문서에서 답변에 쓸 내용을 찾지 못했습니다.")
            summary = {
                "pages": pf.info.pages or 0,
                "tables": pf.tables,
                "chunks": len(pf.chunks),
                "figures": count_figures(pf),
            }
            self._set(job, summary=summary, progress="말뭉치에 넣고 있습니다.")
            self.corpus.mkdir(parents=True, exist_ok=True)
            target = self.corpus / name
            backup = staged.parent / (name + ".previous")
            old_manifest = self._manifest_text()
            had_file = target.exists()
            if had_file:
                shutil.copy2(target, backup)  # a replacement: keep the old one until indexed
            try:
                shutil.copyfile(staged, target)
                self._write_manifest(edit_manifest_text(old_manifest, name, entry))
                self._reindex(job, must_include=name, already_parsed=[name])
            except BaseException as exc:
                # Put the corpus back exactly as it was, then the index (if it was swapped).
                if had_file:
                    shutil.copy2(backup, target)
                else:
                    target.unlink(missing_ok=True)
                if old_manifest:
                    self._write_manifest(old_manifest)
                else:
                    (self.corpus / MANIFEST).unlink(missing_ok=True)
                self._after_rollback(exc)
                raise
        finally:
            shutil.rmtree(staged.parent, ignore_errors=True)

    def _run_update(
        self, job: Job, name: str, values: dict[str, str | int], year: int | None
    ) -> None:
        self._set(job, progress="문서 정보를 고치고 있습니다.")
        old = self._manifest_text()
        entry = read_manifest(self.corpus).get(name, {})
        values = {**values, **self._year_values(entry, year)}
        if not values:
            return  # nothing changes: no re-index
        self._write_manifest(edit_manifest_text(old, name, values))
        if self._status_of(name) != "active":
            return  # a retired document: its entry waits for restore
        try:
            self._reindex(job, must_include=name)
        except BaseException as exc:
            self._write_manifest(old)
            self._after_rollback(exc)
            raise

    def _run_move(self, job: Job, name: str, *, retire: bool) -> None:
        src = self._inside(self.corpus if retire else self.archive, name)
        dst = self._inside(self.archive if retire else self.corpus, name)
        if not src.is_file():
            raise NotFound("해당 문서를 찾을 수 없습니다.")
        if retire:
            files, _ = collect_files([self.corpus])
            if len(files) <= 1:
                raise InvalidChange(
                    "마지막 남은 문서는 보관할 수 없습니다. 새 문서를 먼저 올려 주세요."
                )
        self._set(job, progress="보관함으로 옮기고 있습니다." if retire else "되살리고 있습니다.")
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        try:
            self._reindex(job, must_include=None if retire else name)
        except BaseException as exc:
            os.replace(dst, src)
            self._after_rollback(exc)
            raise

    @property
    def _parse_cache(self) -> Path:
        return Path(self.settings.cache_dir) / "parsed"

    def _reindex(
        self, job: Job, must_include: str | None, already_parsed: list[str] | None = None
    ) -> None:
        """Re-index the whole corpus (cached parses and embeddings make it cheap), swap it in,
        reload the service. Raises if `must_include` did not make it into the index."""
        files, _ = collect_files([self.corpus])
        parsed = list(already_parsed or [])
        for path, name, _entry in files:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if (
                name not in parsed
                and not (self._parse_cache / f"{sha}-{PARSER_VERSION}.pkl").exists()
            ):
                parsed.append(name)
        self._set(job, progress="색인을 다시 만들고 있습니다 (새 내용만 임베딩).")
        settings = self.settings.model_copy(update={"corpus_dir": self.corpus})
        try:
            report = run_ingest([self.corpus], settings, progress=False)
        except IngestLocked as exc:
            raise SosaError(
                "다른 색인 작업이 진행 중이라 반영하지 못했습니다. 잠시 후 다시 시도해 주세요."
            ) from exc
        failed = {Path(f.path).name: f.reason for f in report.failures}
        if must_include and Path(must_include).name in failed:
            # The index may have been swapped without the file; the caller restores the corpus,
            # and this rebuild puts the previous index back.
            reason = failed[Path(must_include).name]
            raise IndexFailed(
                f"문서를 색인하지 못했습니다: {reason}", swapped=report.index_dir is not None
            )
        if report.index_dir is None and not report.unchanged:
            raise SosaError("색인을 만들지 못했습니다. 로그를 확인해 주세요.")
        self._set(
            job, embedded=report.embedded, parsed=parsed, progress="답변에 반영하고 있습니다."
        )
        if self.service is not None:
            self.service.reload_now()
        logger.info("문서 작업 %s (%s %s): %s", job.id, job.action, job.document, report.summary())

    def _after_rollback(self, exc: BaseException) -> None:
        """The corpus is back as it was; if a failed ingest had swapped in an index without the
        file, build the previous state again so answers are exactly as before."""
        if not getattr(exc, "swapped", False):
            return
        try:
            run_ingest([self.corpus], self.settings, progress=False)
            if self.service is not None:
                self.service.reload_now()
        except Exception:
            logger.exception("이전 색인으로 되돌리지 못했습니다")
