"""The feedback database: ordered migrations from an old schema, retention, no addresses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from retrieval.feedback import SCHEMA_VERSION, FeedbackStore

# The schema as shipped before versioning (PRAGMA user_version 0).
OLD_SCHEMA = """
CREATE TABLE answers (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL, found INTEGER NOT NULL,
    channel TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY, answer_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT,
    channel TEXT NOT NULL, created REAL NOT NULL
);
"""
DAY = 86400.0


class Clock:
    """A clock the test moves by hand (time is an input here)."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_an_old_database_is_migrated_in_order_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    with conn:
        conn.execute("INSERT INTO answers VALUES ('a1','질문','답',1,'web',?)", (1_000_000.0,))
        conn.execute("INSERT INTO feedback VALUES (1,'a1',1,NULL,'web',?)", (1_000_000.0,))
    conn.close()

    store = FeedbackStore(path, retention_days=0, clock=Clock(1_000_100.0))
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION > 1
    assert store.known_answer("a1") and store.count() == 1
    indexes = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert {"answers_created", "feedback_created", "feedback_answer"} <= indexes
    store.conn.close()
    # Opening again runs nothing twice.
    again = FeedbackStore(path, retention_days=0)
    assert again.count() == 1


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="새 버전"):
        FeedbackStore(path)


def test_retention_on_start_and_daily(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    clock = Clock(1_000 * DAY)
    store = FeedbackStore(path, retention_days=180, clock=clock)
    store.record_answer("old", "오래된 질문", "답", True, "web")
    store.add("old", True, None, "web")
    clock.now += 100 * DAY
    store.record_answer("mid", "중간 질문", "답", True, "web")
    store.conn.close()

    clock.now += 100 * DAY  # "old" is 200 days old, "mid" 100: opening purges
    store = FeedbackStore(path, retention_days=180, clock=clock)
    assert not store.known_answer("old") and store.count() == 0
    assert store.known_answer("mid")

    clock.now += 81 * DAY  # "mid" passes 180 days while the service runs: the daily purge
    store.record_answer("new", "새 질문", "답", True, "web")
    assert not store.known_answer("mid") and store.known_answer("new")


def test_no_client_address_is_stored(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite")
    columns = {
        row[1]
        for table in ("answers", "feedback")
        for row in store.conn.execute(f"PRAGMA table_info({table})")
    }
    assert not columns & {"ip", "address", "client", "user", "user_id", "key"}


def test_memory_store_writes_no_file(tmp_path: Path) -> None:
    store = FeedbackStore(None)
    store.record_answer("x", "질문", "답", True, "cli")
    assert store.known_answer("x")
    assert list(tmp_path.iterdir()) == []
