#!/usr/bin/env python3
"""Ingestion throughput and query latency of the event store, SQLite and PostgreSQL, on the Al Mayadeen corpus.

usage: python bench/ingest.py [--shared ../shared] [--pg URL] [--limit N] [--workers N] [--runs 20]
Each store is filled by one whole `rasd ingest` process (start-up, extraction, linking and commits included) into
a fresh SQLite file and a fresh PostgreSQL schema (URL from --pg or $RASD_TEST_PG; skipped when neither is set).
Then `store.events()` is timed on the full store for each filter (default page of 100), p50/p95 over --runs runs.
One JSON object per line on stdout.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corpus import CORPUS, corpus_slice

from rasd.store import EventFilter, Store, open_store


def ingest(path: Path, url: str, workers: int) -> float:
    """One whole `rasd ingest` process; its wall seconds."""
    rasd = str(Path(sys.executable).with_name("rasd"))
    env = {k: v for k, v in os.environ.items() if k != "RASD_DB"}
    start = time.perf_counter()
    done = subprocess.run(
        [rasd, "ingest", str(path), "--db", url, "--quiet", "--workers", str(workers)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 3):  # 3: some documents rejected, the rest stored
        raise SystemExit(f"rasd ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def filters(store: Store) -> dict[str, EventFilter]:
    """The queries to time; type and actor are the store's most common ones, so that they find something."""
    rows = store.events(EventFilter(limit=1_000_000))
    kind = Counter(e["sub_event_type"] for e in rows if e["sub_event_type"]).most_common(1)
    actor = Counter(e["actor1"] for e in rows if e["actor1"]).most_common(1)
    days = sorted(e["event_date"] for e in rows if e["event_date"])
    year, month = (int(x) for x in (days[len(days) // 2] if days else "2024-01").split("-")[:2])
    last = calendar.monthrange(year, month)[1]
    return {
        "all": EventFilter(),
        "dates": EventFilter(since=f"{year}-{month:02d}-01", until=f"{year}-{month:02d}-{last}"),  # a month
        "type": EventFilter(event_type=kind[0][0] if kind else "Air/drone strike"),
        "actor": EventFilter(actor=actor[0][0] if actor else "Islamic State"),
        "bbox": EventFilter(bbox=(35.9, 33.3, 36.6, 33.7)),  # Damascus and its countryside
        "text": EventFilter(text="غارة جوية"),
        "contested": EventFilter(contested=True),
    }


def time_queries(store: Store, runs: int) -> Iterator[dict[str, Any]]:
    for name, f in filters(store).items():
        found, times = 0, []
        for _ in range(runs):
            start = time.perf_counter()
            found = len(store.events(f))
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        p50 = statistics.median(times)
        yield {"query": name, "filter": _shown(f), "found": found, "p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}


def _shown(f: EventFilter) -> dict[str, Any]:
    return {k: v for k, v in vars(f).items() if v not in (None, False) and k not in ("limit", "offset")}


@contextmanager
def fresh_pg(url: str, keep: bool) -> Iterator[str]:
    """A new schema in the database at `url` (dropped afterwards unless `keep`); the URL that uses it."""
    import psycopg

    schema = f"rasd_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        finally:
            if not keep:
                admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def bench(kind: str, url: str, path: Path, n: int, args: argparse.Namespace) -> None:
    seconds = ingest(path, url, args.workers)
    store = open_store(url)
    stats = store.stats()
    print(
        json.dumps(
            {
                "store": kind,
                "articles": n,
                "workers": args.workers,
                "seconds": round(seconds, 1),
                "documents_per_s": round(n / seconds, 1),
                "documents_stored": stats["documents"],
                "near_duplicates": stats["near_duplicates"],
                "reports": stats["reports"],
                "events": stats["events"],
                "contested_events": stats["contested"],
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    for row in time_queries(store, args.runs):
        print(json.dumps({"store": kind} | row, ensure_ascii=False), flush=True)
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--pg", default=os.environ.get("RASD_TEST_PG"), help="PostgreSQL URL (default: $RASD_TEST_PG)")
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all)")
    ap.add_argument("--workers", type=int, default=1, help="extraction processes of `rasd ingest`")
    ap.add_argument("--runs", type=int, default=20, help="timed runs of each query")
    ap.add_argument("--keep", action="store_true", help="keep the stores (SQLite: ./bench-store.sqlite)")
    args = ap.parse_args()
    source = Path(args.shared) / CORPUS
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n = corpus_slice(Path(args.shared), args.limit, path)
        sqlite_path = Path("bench-store.sqlite").resolve() if args.keep else Path(tmp) / "store.sqlite"
        sqlite_path.unlink(missing_ok=True)
        bench("sqlite", f"sqlite:///{sqlite_path}", path, n, args)
        if not args.pg:
            print("skipped PostgreSQL: give --pg URL or set RASD_TEST_PG", file=sys.stderr)
            return 0
        with fresh_pg(args.pg, args.keep) as url:
            bench("postgres", url, path, n, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
