"""What the monitor remembers between runs, in one small SQLite file.

Per feed: the validators of the last response (ETag, Last-Modified) for conditional GET, when it was polled,
how it went, how many times in a row it failed, and when it is due again. Per item: that it was seen, so no
article is fetched or ingested twice. Per alert: that it was sent, so a later one for the same event says
"updated".
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    name TEXT PRIMARY KEY, url TEXT NOT NULL, etag TEXT, last_modified TEXT,
    last_poll TEXT, last_status TEXT, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0,
    next_poll REAL NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0,
    items INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY, feed TEXT, item_id TEXT, url TEXT, status TEXT NOT NULL, reason TEXT, doc_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 1, done INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_item_id ON items (item_id);
CREATE INDEX IF NOT EXISTS items_url ON items (url);
CREATE TABLE IF NOT EXISTS alerts (
    event_id TEXT NOT NULL, site TEXT NOT NULL, sent INTEGER NOT NULL DEFAULT 0, first_at TEXT NOT NULL,
    last_at TEXT NOT NULL, webhook TEXT, PRIMARY KEY (event_id, site)
);
"""
MAX_ITEM_ATTEMPTS = 3  # an item whose page keeps failing is given up after this many polls


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedState:
    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    failures: int = 0
    next_poll: float = 0.0  # epoch seconds
    polls: int = 0
    errors: int = 0
    items: int = 0
    documents: int = 0
    events: int = 0


class MonitorState:
    """The state file; every write is committed at once, so an interrupted run loses nothing it finished."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(str(path))
        self.conn.row_factory = sqlite3.Row
        self.conn.executescript(SCHEMA)
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self.conn.execute(sql, params)
        self.conn.commit()

    # --- feeds -----------------------------------------------------------------------------------------------
    def feed(self, name: str, url: str) -> FeedState:
        """The feed's state; validators are dropped when its URL changed (they belong to the old URL)."""
        row = self.conn.execute("SELECT * FROM feeds WHERE name = ?", (name,)).fetchone()
        if row is None:
            self._write("INSERT INTO feeds (name, url) VALUES (?, ?)", (name, url))
            return FeedState(name, url)
        if row["url"] != url:
            self._write("UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL WHERE name = ?", (url, name))
            return FeedState(**{**dict(row), "url": url, "etag": None, "last_modified": None})
        return FeedState(**dict(row))

    def feeds(self) -> list[FeedState]:
        return [FeedState(**dict(r)) for r in self.conn.execute("SELECT * FROM feeds ORDER BY name")]

    def record_poll(self, state: FeedState, status: str, error: str | None, next_poll: float) -> None:
        """One poll's outcome: success resets the failure streak, failure extends it."""
        failed = error is not None and status not in ("ok", "not_modified")
        self._write(
            "UPDATE feeds SET etag = ?, last_modified = ?, last_poll = ?, last_status = ?, last_error = ?,"
            " failures = ?, next_poll = ?, polls = polls + 1, errors = errors + ? WHERE name = ?",
            (
                state.etag,
                state.last_modified,
                now_iso(),
                status,
                error,
                state.failures + 1 if failed else 0,
                next_poll,
                int(failed),
                state.name,
            ),
        )

    def count(self, feed: str, items: int = 0, documents: int = 0, events: int = 0) -> None:
        self._write(
            "UPDATE feeds SET items = items + ?, documents = documents + ?, events = events + ? WHERE name = ?",
            (items, documents, events, feed),
        )

    # --- items -----------------------------------------------------------------------------------------------
    def seen(self, item_id: str, url: str) -> bool:
        """Whether this item (by its id or its URL) needs no more work: ingested, rejected, or given up."""
        rows = self.conn.execute(
            "SELECT done, attempts FROM items WHERE item_id = ? OR url = ?", (item_id, url)
        ).fetchall()
        return any(r["done"] or r["attempts"] >= MAX_ITEM_ATTEMPTS for r in rows)

    def record_item(
        self,
        feed: str | None,
        item_id: str,
        url: str,
        status: str,
        reason: str | None,
        doc: str | None,
        final: bool = True,
    ) -> None:
        """Remember an item's outcome; a final one (or the last allowed attempt) is never tried again."""
        row = self.conn.execute("SELECT id FROM items WHERE item_id = ? OR url = ?", (item_id, url)).fetchone()
        stamp = now_iso()
        if row is None:
            self._write(
                "INSERT INTO items (feed, item_id, url, status, reason, doc_id, done, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (feed, item_id, url, status, reason, doc, int(final), stamp, stamp),
            )
        else:
            self._write(
                "UPDATE items SET status = ?, reason = ?, doc_id = ?, last_seen = ?, attempts = attempts + 1,"
                " done = ? WHERE id = ?",
                (status, reason, doc, stamp, int(final), row["id"]),
            )

    def item_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status")}

    # --- alerts ----------------------------------------------------------------------------------------------
    def alerted(self, event_id: str, site: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM alerts WHERE event_id = ? AND site = ?", (event_id, site)).fetchone()
        return row is not None

    def record_alert(self, event_id: str, site: str, webhook: str | None) -> None:
        stamp = now_iso()
        self._write(
            "INSERT INTO alerts (event_id, site, sent, first_at, last_at, webhook) VALUES (?, ?, 1, ?, ?, ?)"
            " ON CONFLICT (event_id, site) DO UPDATE SET sent = sent + 1, last_at = excluded.last_at,"
            " webhook = excluded.webhook",
            (event_id, site, stamp, stamp, webhook),
        )

    def alert_counts(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT COALESCE(SUM(sent), 0) AS sent,"
            " COALESCE(SUM(CASE WHEN webhook LIKE 'failed%' THEN 1 ELSE 0 END), 0) AS webhook_failures FROM alerts"
        ).fetchone()
        return {"alerts": int(row["sent"]), "webhook_failures": int(row["webhook_failures"])}
