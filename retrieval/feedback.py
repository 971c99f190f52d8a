"""Feedback (👍/👎) from the widget, the API and the bot, in one SQLite store beside the index.

It lives outside the swapped index directory, so re-ingesting never loses it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL, found INTEGER NOT NULL,
    channel TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY, answer_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT,
    channel TEXT NOT NULL, created REAL NOT NULL
);
"""


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, check_same_thread=False, timeout=10)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.executescript(SCHEMA)
        self.lock = threading.Lock()

    def record_answer(
        self, answer_id: str, question: str, answer: str, found: bool, channel: str
    ) -> None:
        with self.lock, self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?)",
                (answer_id, question, answer, int(found), channel, time.time()),
            )

    def known_answer(self, answer_id: str) -> bool:
        with self.lock:
            row = self.conn.execute("SELECT 1 FROM answers WHERE id=?", (answer_id,)).fetchone()
        return row is not None

    def add(self, answer_id: str, helpful: bool, comment: str | None, channel: str) -> int:
        with self.lock, self.conn:
            cur = self.conn.execute(
                "INSERT INTO feedback (answer_id, helpful, comment, channel, created) VALUES (?,?,?,?,?)",
                (answer_id, int(helpful), comment, channel, time.time()),
            )
            return int(cur.lastrowid or 0)

    def count(self) -> int:
        with self.lock:
            return int(self.conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])
