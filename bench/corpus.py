"""The real corpus the benchmarks read from ../shared (never shipped with the project)."""

from __future__ import annotations

import gzip
from pathlib import Path

CORPUS = Path("corpus") / "almayadeen-2023-2024.jsonl.gz"


def corpus_slice(shared: Path, limit: int | None, out: Path) -> int:
    """Copy the first `limit` records (all when None) of the shared corpus to `out`; the number copied."""
    n = 0
    with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        for line in f:
            if limit is not None and n >= limit:
                break
            w.write(line)
            n += 1
    return n
