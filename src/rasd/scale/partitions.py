"""Partitions: the unit of work sent to a Dask worker, and what comes back.

Input is read on the client (rasd.ingest.read_paths, so one reader sees the whole batch: duplicates across files
are rejected as in one process, standard input works, and workers need no access to the input files) and cut into
runs of consecutive items. A partition's result carries its index, so the client can put results back in input
order. This module does not import Dask: the task function runs on workers, but it is plain Python.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rasd.batch import Outcome, extract_one
from rasd.model import Document, Rejection

DEFAULT_SIZE = 200  # documents per partition: ~1 s of work per task, small enough to lose little to a dead worker
MAX_CHARS = 2_000_000  # a partition closes early past this much text (keeps every task message a few MB)

Item = Document | Rejection
Extract = Callable[[Document], Outcome]


class PartitionError(ValueError):
    """A partition setting that cannot work; the message names the value."""


@dataclass(frozen=True)
class Partition:
    """Consecutive input items; `index` is its place in the input, `start` the position of its first item."""

    index: int
    start: int
    items: list[Item]

    @property
    def documents(self) -> int:
        return sum(isinstance(it, Document) for it in self.items)


@dataclass
class PartitionResult:
    """One outcome per item of a partition, in the partition's order, and where and how fast it was made."""

    index: int
    outcomes: list[Outcome]
    worker: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker process's CPU time: a rate per core that a busy machine does not skew
    salvaged: bool = False  # the partition's task failed and its documents were run one by one

    @property
    def documents(self) -> int:
        return sum(o.rejection is None for o in self.outcomes)

    @property
    def reports(self) -> int:
        return sum(len(o.reports) for o in self.outcomes)

    @property
    def rejected(self) -> int:
        return sum(o.rejection is not None for o in self.outcomes)


def partitions(items: Iterable[Item], size: int = DEFAULT_SIZE, max_chars: int = MAX_CHARS) -> Iterator[Partition]:
    """Cut a stream into partitions of `size` items (fewer when their text passes `max_chars`); lazy."""
    if size < 1:
        raise PartitionError(f"partition size must be at least 1, got {size}")
    index = start = chars = 0
    batch: list[Item] = []
    for it in items:
        batch.append(it)
        chars += len(it.text) if isinstance(it, Document) else 0
        if len(batch) >= size or chars >= max_chars:
            yield Partition(index, start, batch)
            index, start, chars, batch = index + 1, start + len(batch), 0, []
    if batch:
        yield Partition(index, start, batch)


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):  # not inside a Dask worker (a test calling the task directly)
        return "local"


def _outcome(item: Item, extract: Extract) -> Outcome:
    """A document's outcome without its text (the client has it); any failure becomes the document's rejection."""
    if isinstance(item, Rejection):
        return Outcome(item.doc, rejection=item)
    try:
        done = extract(item)
    except Exception as e:  # noqa: BLE001 - the partition's fault barrier: one document must not cost the others
        reason = f"extraction failed on the worker: {type(e).__name__}: {e}"[:300]
        return Outcome(item.id, rejection=Rejection(item.id, reason, item.origin))
    return Outcome(done.doc, done.reports, done.rejection)


def extract_partition(part: Partition, extract: Extract = extract_one) -> PartitionResult:
    """The Dask task: run `extract` on every document of a partition. Pure: same partition, same result."""
    t, cpu = time.perf_counter(), time.process_time()
    outcomes = [_outcome(it, extract) for it in part.items]
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    return PartitionResult(part.index, outcomes, _worker_name(), wall, cpu)
