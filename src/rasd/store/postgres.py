"""The team store: PostgreSQL through psycopg 3, full-text search over a generated tsvector column.

Several `rasd ingest` processes may write at once: each document's transaction first takes one advisory lock, so
linking (which reads the neighbourhood, then rewrites its events) never interleaves with another writer's. Reads
outside a transaction end their implicit transaction at once, so an idle store holds no snapshot and no lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from rasd.store.base import Row, Store

# Advisory lock keys (any constants; they only need to differ from each other and from other applications').
LINK_LOCK = 0x72617364  # "rasd": one writer at a time
MIGRATE_LOCK = 0x72617365  # one migrator at a time (two processes opening a new database together)
CONNECT_TIMEOUT_S = 10


class PostgresStore(Store):
    dialect = "postgres"
    placeholder = "%s"

    def __init__(self, conn: Any, url: str) -> None:
        super().__init__(conn, url)
        self._in_transaction = False

    @classmethod
    def open(cls, url: str) -> PostgresStore:
        """Connect (autocommit off) and migrate; `url` is a libpq URL, e.g. postgresql://user:pw@host:5432/db."""
        conn = psycopg.connect(url, autocommit=False, connect_timeout=CONNECT_TIMEOUT_S)
        store = cls(conn, url)
        store.migrate()
        return store

    # --- transactions --------------------------------------------------------------------------------------
    def _end_read(self) -> None:
        """Close the implicit transaction a read outside `transaction()` opened (psycopg begins one per statement)."""
        status = self.conn.info.transaction_status
        if status == TransactionStatus.INTRANS:
            self.conn.commit()
        elif status == TransactionStatus.INERROR:
            self.conn.rollback()

    def _begin(self) -> None:
        self._end_read()
        self.execute("SELECT pg_advisory_xact_lock(?)", (LINK_LOCK,))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._in_transaction = True
        try:
            with super().transaction():
                yield
        finally:
            self._in_transaction = False

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        found = super().rows(sql, params)
        if not self._in_transaction:
            self._end_read()
        return found

    def migrate(self) -> int:
        """The shared runner, under a session lock: a second process waits, then finds the schema made."""
        self._end_read()
        self.execute("SELECT pg_advisory_lock(?)", (MIGRATE_LOCK,))
        try:
            return super().migrate()
        finally:
            self._end_read()
            self.execute("SELECT pg_advisory_unlock(?)", (MIGRATE_LOCK,))
            self.conn.commit()

    # --- search --------------------------------------------------------------------------------------------
    def _search_match(self, query: str) -> tuple[str, str] | None:
        """Every word of the query (normalized as the stored text is) in the document's or the evidence's text."""
        from rasd.text.normalize import normalize_term

        words = normalize_term(query).strip()
        if not words:
            return None
        return "tsv @@ plainto_tsquery('simple', ?)", words
