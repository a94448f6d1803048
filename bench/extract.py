#!/usr/bin/env python3
"""Throughput and peak memory of `rasd extract` over the Al Mayadeen corpus, as whole processes.

usage: python bench/extract.py [--shared ../shared] [--limit N] [--workers 1 2]
Each run is a separate `rasd extract` process (start-up, loading and writing included); peak memory is the
largest resident set of that process and its workers (RUSAGE_CHILDREN high-water mark of each child).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import CORPUS, corpus_slice

# A fresh wrapper process per run, so the high-water mark belongs to that run alone.
_WRAPPER = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
    "print(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else '')"
)


def run(rasd: str, path: Path, workers: int) -> dict[str, object]:
    """One whole `rasd extract` process: wall seconds and the peak RSS of its largest process (MB)."""
    cmd = [sys.executable, "-c", _WRAPPER, rasd, "extract", str(path), "--workers", str(workers), "-o", os.devnull]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    seconds, maxrss, code = out[0].split()
    return {
        "seconds": float(seconds),
        "peak_rss_mb": int(maxrss) / 1024,
        "exit": int(code),
        "summary": out[1] if len(out) > 1 else "",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / CORPUS).exists():
        print(f"skipped: {shared / CORPUS} not found", file=sys.stderr)
        return 0
    rasd = str(Path(sys.executable).with_name("rasd"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n = corpus_slice(shared, args.limit, path)
        for w in args.workers:
            r = run(rasd, path, w)
            secs = float(r["seconds"])  # type: ignore[arg-type]
            print(
                json.dumps(
                    {
                        "articles": n,
                        "workers": w,
                        "seconds": round(secs, 2),
                        "articles_per_s": round(n / secs, 1),
                        "peak_rss_mb": round(float(r["peak_rss_mb"]), 1),  # type: ignore[arg-type]
                        "exit": r["exit"],
                        "summary": r["summary"],
                    }
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
