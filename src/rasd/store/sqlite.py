"""The embedded store: one SQLite file, WAL mode, FTS5 over documents and evidence."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from rasd.store.base import Store

BUSY_MS = 60_000  # several `rasd ingest` processes take turns writing; each waits this long for the lock


def _enable_wal(conn: sqlite3.Connection, path: str) -> None:
    """Switch a file to WAL, retrying while another process does the same.

    The switch needs an exclusive lock, and SQLite answers "database is locked" at once, without
    calling the busy handler, when several connections open a new file together; so we wait here.
    """
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise sqlite3.OperationalError(f"{path}: cannot switch to WAL: {err}") from err
            time.sleep(0.02)


class SQLiteStore(Store):
    dialect = "sqlite"
    placeholder = "?"

    @classmethod
    def open(cls, path: str) -> SQLiteStore:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        if path != ":memory:":
            _enable_wal(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        store = cls(conn, f"sqlite:///{path}")
        store.migrate()
        return store

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock at once: two writers never both read, then both try to write.
        self.conn.execute("BEGIN IMMEDIATE")

    def _search_match(self, query: str) -> tuple[str, str] | None:
        """FTS5: every word of the query, each quoted (a word is never read as an operator)."""
        from rasd.text.normalize import normalize_term

        terms = [t.replace('"', "") for t in normalize_term(query).split() if t.replace('"', "")]
        if not terms:
            return None
        return "search MATCH ?", " ".join(f'"{t}"' for t in terms)
