"""One store per server thread: a database connection (sqlite3, psycopg) is never shared between threads."""

from __future__ import annotations

import contextlib
import threading

from starlette.requests import Request

from rasd.store import Store, open_store

MMAP_BYTES = 256 * 1024 * 1024


class StorePool:
    """Opens the store lazily in each thread that asks, and closes them all when the server stops."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            _tune(store)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @property
    def size(self) -> int:
        with self._lock:
            return len(self._opened)

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            with contextlib.suppress(Exception):  # at shutdown one failure must not keep the others open
                store.close()
        self._local = threading.local()


def _tune(store: Store) -> None:
    """SQLite only: the server only reads, so say so (a bug can never write), and map the file into memory,
    which makes a scan of the events table several times faster and is shared by every thread's connection."""
    if store.dialect == "sqlite":
        store.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        store.execute("PRAGMA query_only = 1")


def store_of(request: Request) -> Store:
    """The calling thread's store (call it inside the route body, which runs in the route's own thread)."""
    pool: StorePool = request.app.state.pool
    return pool.get()
