"""Stores: SQLite by default (a file under the user's data folder), PostgreSQL for teams (by URL)."""

from __future__ import annotations

import os

from rasd.paths import home
from rasd.store.base import EVENT_COLUMNS, EventFilter, IngestResult, Store, StoreError

__all__ = ["EVENT_COLUMNS", "EventFilter", "IngestResult", "Store", "StoreError", "default_url", "open_store"]
ENV = "RASD_DB"


def default_url() -> str:
    """$RASD_DB, else the SQLite file in the user's rasd folder."""
    return os.environ.get(ENV) or f"sqlite:///{home() / 'rasd.sqlite'}"


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`: sqlite:///PATH, sqlite:///:memory:, or postgresql://..."""
    url = url or default_url()
    if url.startswith("sqlite:///"):
        from rasd.store.sqlite import SQLiteStore

        return SQLiteStore.open(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from rasd.store.postgres import PostgresStore
        except ImportError as e:
            raise StoreError(f"the PostgreSQL store needs psycopg, a dependency of rasd: reinstall rasd ({e})") from e
        return PostgresStore.open(url)
    raise StoreError(f"unknown store URL {url!r}: use sqlite:///PATH or postgresql://...")
