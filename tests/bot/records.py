"""Read the service's real feedback store (settings.feedback_db) the way an operator would.

Every answer the service gives is recorded in its `answers` table with the channel it was asked
on; 👍/👎 go to `feedback`. The bot tests check what reached the service through these rows.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from retrieval.service import RetrievalService


@dataclass(frozen=True)
class AnswerRow:
    id: str
    question: str
    answer: str
    found: bool
    channel: str


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def _db(source: RetrievalService | Path) -> Path:
    """The store of a loaded service, or a feedback.sqlite path (e.g. a subprocess's)."""
    return source if isinstance(source, Path) else source.settings.feedback_db


def mark(service: RetrievalService | Path) -> int:
    """Position in the answers table; pass to answers_since to see only later answers."""
    if not _db(service).exists():
        return 0  # no service has opened this store yet
    with closing(_connect(_db(service))) as conn:
        return int(conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM answers").fetchone()[0])


def answers_since(service: RetrievalService | Path, since: int) -> list[AnswerRow]:
    with closing(_connect(_db(service))) as conn:
        rows = conn.execute(
            "SELECT id, question, answer, found, channel FROM answers WHERE rowid > ?"
            " ORDER BY rowid",
            (since,),
        ).fetchall()
    return [AnswerRow(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]


def feedback_for(
    service: RetrievalService | Path, answer_id: str
) -> list[tuple[bool, str | None, str]]:
    """(helpful, comment, channel) for each vote on one answer, oldest first."""
    with closing(_connect(_db(service))) as conn:
        rows = conn.execute(
            "SELECT helpful, comment, channel FROM feedback WHERE answer_id = ? ORDER BY id",
            (answer_id,),
        ).fetchall()
    return [(bool(h), c, ch) for h, c, ch in rows]
