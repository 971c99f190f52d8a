"""documents.toml: the metadata contract for any corpus folder."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from sosa.models import DocumentInfo

logger = logging.getLogger(__name__)


def read_manifest(folder: Path) -> dict[str, dict]:
    path = folder / "documents.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        logger.warning("%s 를 읽지 못해 기본값을 씁니다: %s", path, exc)
        return {}


def document_info(name: str, entry: dict | None) -> DocumentInfo:
    """Metadata for one file; a file without an entry gets defaults (title from the file, public)."""
    if entry is None:
        logger.warning("documents.toml에 %s 항목이 없어 기본값(공개, 파일명 제목)을 씁니다", name)
        entry = {}
    audience = entry.get("audience", "public")
    if audience not in ("public", "internal"):
        logger.warning("%s: audience=%r 은 알 수 없어 internal로 취급합니다", name, audience)
        audience = "internal"  # unknown audience: fail closed
    year = (
        entry.get("evaluation_year")
        or entry.get("plan_year")
        or _year_of(str(entry.get("published", "")))
    )
    return DocumentInfo(
        document=name,
        title=entry.get("title") or Path(name).stem,
        kind=entry.get("kind", "document"),
        audience=audience,
        agency=entry.get("agency"),
        year=int(year) if year else None,
    )


def _year_of(text: str) -> int | None:
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None
