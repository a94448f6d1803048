"""Distributed extract and ingest: partitions run on Dask workers, the client writes or stores in input order.

The client is the only writer: `extract` writes reports to one output in input order (the same file one process
writes); `ingest` stores each document with its reports, so linking happens in the store as each document
arrives, exactly as in one process. Both return a RunSummary with per-partition counts and every rejection.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from rasd.batch import extract_one
from rasd.export import ReportWriter
from rasd.model import Rejection
from rasd.scale.cluster import DaskCluster
from rasd.scale.partitions import DEFAULT_SIZE, Extract, Item, PartitionResult
from rasd.scale.runner import run_partitions
from rasd.store import Store

OnPartition = Callable[[PartitionResult], None]
INGEST_STATUSES = ("new", "duplicate", "near_duplicate")


@dataclass(frozen=True)
class PartitionSummary:
    """The counts of one partition, for the run summary."""

    index: int
    documents: int
    reports: int
    rejected: int
    worker: str
    seconds: float
    cpu_seconds: float = 0.0
    salvaged: bool = False

    def line(self) -> str:
        note = ", salvaged document by document" if self.salvaged else ""
        return (
            f"partition {self.index:5d}: {self.documents} documents, {self.reports} reports, {self.rejected} rejected"
            f" ({self.worker}, {self.seconds:.1f} s{note})"
        )


@dataclass
class RunSummary:
    """What a distributed run did: per partition, in total, and every rejection in input order."""

    partitions: list[PartitionSummary] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(INGEST_STATUSES, 0))
    workers: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.partitions)

    @property
    def reports(self) -> int:
        return sum(p.reports for p in self.partitions)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def cpu_seconds(self) -> float:
        """Worker CPU time spent on the partitions (the capacity plan's articles per core-second)."""
        return sum(p.cpu_seconds for p in self.partitions)

    def total_line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} documents, {self.reports} reports, {self.rejected} rejected"
            f" in {len(self.partitions)} partitions on {self.workers} workers, {self.seconds:.1f} s ({rate:.0f}/s)"
        )

    def _take(self, result: PartitionResult) -> None:
        self.partitions.append(
            PartitionSummary(
                result.index,
                result.documents,
                result.reports,
                result.rejected,
                result.worker,
                result.seconds,
                result.cpu_seconds,
                result.salvaged,
            )
        )
        self.rejections += [o.rejection for o in result.outcomes if o.rejection is not None]


def _results(
    cluster: DaskCluster, items: Iterable[Item], size: int, extract: Extract, summary: RunSummary
) -> Iterator[PartitionResult]:
    summary.workers = len(cluster.client.scheduler_info(n_workers=-1).get("workers", {}))
    t = time.perf_counter()
    for result in run_partitions(cluster, items, size, extract=extract):
        yield result
        summary._take(result)
        summary.seconds = time.perf_counter() - t


def extract_distributed(
    cluster: DaskCluster,
    items: Iterable[Item],
    writer: ReportWriter,
    size: int = DEFAULT_SIZE,
    on_partition: OnPartition | None = None,
    extract: Extract = extract_one,
) -> RunSummary:
    """Extract on the cluster; reports are written in input order, so the output is the one-process output."""
    summary = RunSummary()
    for result in _results(cluster, items, size, extract, summary):
        for outcome in result.outcomes:
            writer.write(outcome.reports)
        if on_partition is not None:
            on_partition(result)
    return summary


def ingest_distributed(
    cluster: DaskCluster,
    items: Iterable[Item],
    store: Store,
    size: int = DEFAULT_SIZE,
    on_partition: OnPartition | None = None,
    extract: Extract = extract_one,
) -> RunSummary:
    """Extract on the cluster, store (and link) on the client in input order; a repeat is stored once."""
    summary = RunSummary()
    for result in _results(cluster, items, size, extract, summary):
        for outcome in result.outcomes:
            if outcome.rejection is None and outcome.document is not None:
                status = store.add(outcome.document, outcome.reports).status
                summary.stored[status] = summary.stored.get(status, 0) + 1
        if on_partition is not None:
            on_partition(result)
    return summary


def read_items(paths: Iterable[str], max_chars: int, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Documents and ingest rejections from files, folders and '-', in input order (read on the client)."""
    from rasd.ingest import Limits, read_paths

    for item in read_paths(paths, Limits(max_chars=max_chars), stdin=stdin or sys.stdin.buffer):
        if item.rejection is not None:
            yield item.rejection
        elif item.document is not None:
            yield item.document
