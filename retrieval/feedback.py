"""Feedback (👍/👎) from the widget, the API and the bot, in one SQLite store beside the index.

It lives outside the swapped index directory, so re-ingesting never loses it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)

# Ordered migrations: step i brings a database from user_version i to i + 1. Append only; a
# database made before versioning (user_version 0, tables present) passes step 0 unchanged.
# Nothing here identifies who asked: no client address, user id or key is stored.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS answers (
        id TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL,
        found INTEGER NOT NULL, channel TEXT NOT NULL, created REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY, answer_id TEXT NOT NULL, helpful INTEGER NOT NULL,
        comment TEXT, channel TEXT NOT NULL, created REAL NOT NULL
    );
    """,
    # Retention deletes by age and votes are looked up by answer: index both.
    """
    CREATE INDEX IF NOT EXISTS answers_created ON answers (created);
    CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created);
    CREATE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_DAY = 86400.0


def migrate(conn: sqlite3.Connection) -> int:
    """Run the steps this database has not had yet; returns the version it is at now."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"의견 데이터베이스가 이 프로그램보다 새 버전({version})입니다. sosa를 업데이트해 주세요."
        )
    for step in range(version, SCHEMA_VERSION):
        with conn:
            conn.executescript(MIGRATIONS[step])
            conn.execute(f"PRAGMA user_version = {step + 1}")
        logger.info("의견 데이터베이스를 버전 %d로 올렸습니다", step + 1)
    return SCHEMA_VERSION


class FeedbackStore:
    """`path=None`: an in-memory store (sosa eval, sosa ask) that never touches production.

    Questions, answers and votes older than `retention_days` are deleted when the store opens
    and again at most a day later on the next write (0 keeps everything).
    """

    def __init__(
        self,
        path: Path | None,
        retention_days: int = 180,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if path is None:
            self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, check_same_thread=False, timeout=10)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # Every answer is recorded: under WAL, NORMAL syncs at checkpoints instead of each
            # commit (an fsync per request under the store's lock); a power cut may lose the last
            # few records, never corrupt the database.
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.lock = threading.Lock()
        self.retention_days = retention_days
        self._clock = clock
        self._last_purge = 0.0
        with self.lock:
            migrate(self.conn)
        self.purge()

    def purge(self) -> int:
        """Delete what is older than the retention period; returns the answers deleted."""
        now = self._clock()
        self._last_purge = now
        if self.retention_days <= 0:
            return 0
        cutoff = now - self.retention_days * _DAY
        with self.lock, self.conn:
            self.conn.execute("DELETE FROM feedback WHERE created < ?", (cutoff,))
            n = self.conn.execute("DELETE FROM answers WHERE created < ?", (cutoff,)).rowcount
        if n:
            logger.info(
                "보존 기간(%d일)이 지난 질문·답변 %d건을 지웠습니다", self.retention_days, n
            )
        return int(n)

    def _purge_daily(self) -> None:
        if self._clock() - self._last_purge >= _DAY:
            self.purge()

    def record_answer(
        self, answer_id: str, question: str, answer: str, found: bool, channel: str
    ) -> None:
        self._purge_daily()
        with self.lock, self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?)",
                (answer_id, question, answer, int(found), channel, self._clock()),
            )

    def known_answer(self, answer_id: str) -> bool:
        with self.lock:
            row = self.conn.execute("SELECT 1 FROM answers WHERE id=?", (answer_id,)).fetchone()
        return row is not None

    def add(self, answer_id: str, helpful: bool, comment: str | None, channel: str) -> int:
        with self.lock, self.conn:
            cur = self.conn.execute(
                "INSERT INTO feedback (answer_id, helpful, comment, channel, created) VALUES (?,?,?,?,?)",
                (answer_id, int(helpful), comment, channel, self._clock()),
            )
            return int(cur.lastrowid or 0)

    def count(self) -> int:
        with self.lock:
            return int(self.conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])


# --- summaries for staff (what citizens could not get answered) ---------------------------------


def answers_since(store: FeedbackStore, since: float) -> list[dict]:
    """Recorded answers since `since` (epoch seconds), oldest first, with their worst vote.

    Only question, answer text, found, channel and time: never who asked.
    """
    sql = (
        "SELECT a.id, a.question, a.answer, a.found, a.channel, a.created,"
        " (SELECT MIN(f.helpful) FROM feedback f WHERE f.answer_id = a.id),"
        " (SELECT f.comment FROM feedback f WHERE f.answer_id = a.id AND f.helpful = 0"
        "  AND f.comment IS NOT NULL ORDER BY f.id DESC LIMIT 1)"
        " FROM answers a WHERE a.created >= ? ORDER BY a.created, a.rowid"
    )
    with store.lock:
        rows = store.conn.execute(sql, (since,)).fetchall()
    return [
        {
            "id": r[0],
            "question": r[1],
            "answer": r[2],
            "found": bool(r[3]),
            "channel": r[4],
            "created": float(r[5]),
            "helpful": None if r[6] is None else bool(r[6]),
            "comment": r[7],
        }
        for r in rows
    ]
