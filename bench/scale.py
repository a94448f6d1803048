#!/usr/bin/env python3
"""Articles per second of extraction on Dask (1, 2... local workers) against one process, and scaling efficiency.

usage: python bench/scale.py [--shared ../shared] [--limit N] [--workers 1 2] [--size 200] [--ingest]
Times the run only: the cluster is started and its workers warmed (knowledge loaded) before the clock starts,
and the single-process baseline is warmed the same way. Reading the corpus, moving the texts to the workers and
writing the reports (to /dev/null) are inside the timing. With --ingest, also `ingest` into a fresh SQLite file
(one process, then Dask with the largest worker count): there the client's store writes are the limit.
Efficiency of N workers = rate(N) / (N x rate(1 worker)). CPU rates (articles per CPU-second of the one process,
or of the workers' tasks) are what a busy machine skews least: the capacity plan uses them. One JSON line each.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import CORPUS, corpus_slice

from rasd.batch import run
from rasd.export import ReportWriter
from rasd.recognize.matcher import default_matcher
from rasd.scale import connect, extract_distributed, ingest_distributed, read_items
from rasd.store import open_store


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def cpu_timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of this process (a shared, busy machine skews the first, hardly the second)."""
    t, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - cpu


def single_extract(path: Path) -> None:
    with open(os.devnull, "w", encoding="utf-8") as out:
        writer = ReportWriter(out)
        for outcome in run(read_items([str(path)], 500_000), 1):
            writer.write(outcome.reports)


def single_ingest(path: Path, db: Path) -> None:
    store = open_store(f"sqlite:///{db}")
    for outcome in run(read_items([str(path)], 500_000), 1):
        if outcome.document is not None:
            store.add(outcome.document, outcome.reports)
    store.close()


def dask_runs(path: Path, workers: int, size: int, ingest_db: Path | None) -> dict[str, float]:
    """Seconds of a distributed extract (and ingest) on a fresh local cluster of `workers` processes."""
    seconds: dict[str, float] = {}
    with connect(f"local:{workers}") as cluster, open(os.devnull, "w", encoding="utf-8") as out:
        items = read_items([str(path)], 500_000)
        t, cpu = time.perf_counter(), time.process_time()
        summary = extract_distributed(cluster, items, ReportWriter(out), size)
        seconds["extract"] = time.perf_counter() - t
        seconds["client_cpu"] = time.process_time() - cpu  # reading, sending, receiving, writing; and the scheduler
        seconds["worker_cpu"] = summary.cpu_seconds
        seconds["worker_busy"] = sum(p.seconds for p in summary.partitions) / (seconds["extract"] * workers)
        if ingest_db is not None:
            store = open_store(f"sqlite:///{ingest_db}")
            items = read_items([str(path)], 500_000)
            seconds["ingest"] = timed(lambda: ingest_distributed(cluster, items, store, size))
            store.close()
    return seconds


def line(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--size", type=int, default=200, help="documents per partition")
    ap.add_argument("--ingest", action="store_true", help="also time ingest into SQLite")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / CORPUS).exists():
        print(f"skipped: {shared / CORPUS} not found", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n = corpus_slice(shared, args.limit, path)
        default_matcher()
        base, cpu = cpu_timed(lambda: single_extract(path))
        line(
            run="extract",
            mode="one process",
            articles=n,
            seconds=round(base, 1),
            articles_per_s=round(n / base, 1),
            articles_per_cpu_s=round(n / cpu, 1),
        )
        if args.ingest:
            s = timed(lambda: single_ingest(path, Path(tmp) / "single.sqlite"))
            line(run="ingest", mode="one process", articles=n, seconds=round(s, 1), articles_per_s=round(n / s, 1))
        one_worker = None
        for w in args.workers:
            db = Path(tmp) / f"dask{w}.sqlite" if args.ingest and w == max(args.workers) else None
            secs = dask_runs(path, w, args.size, db)
            rate = n / secs["extract"]
            one_worker = rate if w == 1 else one_worker
            eff = round(rate / (w * one_worker), 2) if one_worker else None
            line(
                run="extract",
                mode=f"dask local:{w}",
                articles=n,
                seconds=round(secs["extract"], 1),
                articles_per_s=round(rate, 1),
                vs_one_process=round(rate * base / n, 2),
                efficiency=eff,
                workers_busy=round(secs["worker_busy"], 2),  # share of the wall time the workers were on a task
                workers_cpu_share=round(secs["worker_cpu"] / (secs["extract"] * w), 2),  # of a CPU each got
                articles_per_worker_cpu_s=round(n / secs["worker_cpu"], 1),
                articles_per_client_cpu_s=round(n / secs["client_cpu"], 1),
                articles_per_day_per_worker=round(rate / w * 86400),
            )
            if "ingest" in secs:
                line(run="ingest", mode=f"dask local:{w}", articles=n, articles_per_s=round(n / secs["ingest"], 1))
    print(f"machine: {os.cpu_count()} CPUs (the client, the scheduler and the workers share them)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
