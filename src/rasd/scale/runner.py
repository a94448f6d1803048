"""Run partitions on a Dask cluster and give their results back in input order, whatever happens to workers.

A bounded window of partitions is in flight; results arrive as they complete (as_completed) and are held until
every earlier partition has arrived, so the caller sees exactly the order one process would. A worker that dies
costs time only: the scheduler runs its lost tasks again elsewhere (tasks are pure), and a partition whose task
fails anyway (Dask gives up on a task that has killed several workers) is salvaged document by document, so a
document that kills its worker is rejected with that reason and the rest of its partition is kept.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from rasd.batch import Outcome, extract_one
from rasd.model import Document, Rejection
from rasd.scale.cluster import DaskCluster
from rasd.scale.partitions import (
    DEFAULT_SIZE,
    Extract,
    Item,
    Partition,
    PartitionResult,
    extract_partition,
    partitions,
)

AHEAD_PER_THREAD = 4  # partitions in flight or waiting for an earlier one, per worker thread
RECOUNT_S = 10.0  # how often the window follows workers joining or leaving


def run_partitions(
    cluster: DaskCluster,
    items: Iterable[Item],
    size: int = DEFAULT_SIZE,
    ahead: int | None = None,
    extract: Extract = extract_one,
) -> Iterator[PartitionResult]:
    """Results of every partition of `items`, in input order, each outcome with its document attached."""
    from distributed import as_completed

    client = cluster.client
    run = uuid.uuid4().hex[:8]
    window = _Window(cluster, ahead)
    source = partitions(items, size)
    pending: dict[int, Partition] = {}  # submitted and not yet given to the caller
    arrived: dict[int, PartitionResult] = {}
    futures = as_completed()
    next_out = 0

    def fill() -> None:
        while len(pending) < window.size():
            part = next(source, None)
            if part is None:
                return
            pending[part.index] = part
            futures.add(client.submit(extract_partition, part, extract, key=f"rasd-{run}-{part.index:07d}"))

    fill()
    while pending:
        future = next(futures)
        index = int(future.key.rsplit("-", 1)[1])
        if index in arrived or index not in pending:
            continue  # a result already taken (never expected: each key is submitted once)
        arrived[index] = _result(cluster, future, pending[index], extract)
        future.release()
        while next_out in arrived:
            yield _with_documents(arrived.pop(next_out), pending.pop(next_out))
            next_out += 1
        fill()


class _Window:
    """How many partitions may be pending: fixed, or AHEAD_PER_THREAD per worker thread, recounted now and then."""

    def __init__(self, cluster: DaskCluster, fixed: int | None) -> None:
        self.cluster, self.fixed = cluster, fixed
        self._size, self._at = 0, -RECOUNT_S

    def size(self) -> int:
        if self.fixed:
            return self.fixed
        if time.monotonic() - self._at >= RECOUNT_S:
            self._size, self._at = AHEAD_PER_THREAD * max(1, self.cluster.threads), time.monotonic()
        return self._size


def _result(cluster: DaskCluster, future: Any, part: Partition, extract: Extract) -> PartitionResult:
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - KilledWorker or a lost worker: salvage the partition's documents
        return _salvage(cluster, part, extract)


def _salvage(cluster: DaskCluster, part: Partition, extract: Extract) -> PartitionResult:
    """Run the documents of a failed partition one at a time, each as its own task; one that fails is rejected.

    One at a time because Dask charges a worker's death to every task that worker holds: alone, a document is
    charged only for what it did itself. Rare (a partition fails only after repeated worker deaths), so the
    sequential pace does not matter; the rest of the run keeps computing meanwhile.
    """
    salvaged = PartitionResult(part.index, [], "several", salvaged=True)
    for i, item in enumerate(part.items):
        single = Partition(part.index, part.start + i, [item])
        result = _fetch(cluster.client.submit(extract_partition, single, extract, pure=False))
        if isinstance(result, PartitionResult):
            salvaged.outcomes += result.outcomes
            salvaged.seconds += result.seconds
            salvaged.cpu_seconds += result.cpu_seconds
            continue
        doc_id = item.id if isinstance(item, Document) else item.doc
        reason = f"worker lost while extracting it ({type(result).__name__}: its worker process died)"
        salvaged.outcomes.append(Outcome(doc_id, rejection=Rejection(doc_id, reason, item.origin)))
    return salvaged


def _fetch(future: Any) -> PartitionResult | BaseException:
    try:
        result: PartitionResult = future.result()
    except Exception as e:  # noqa: BLE001 - the task's worker died: the caller decides
        return e
    finally:
        future.release()
    return result


def _with_documents(result: PartitionResult, part: Partition) -> PartitionResult:
    """Attach the client's own documents to the outcomes (workers do not send the texts back)."""
    if len(result.outcomes) != len(part.items):
        raise RuntimeError(f"partition {part.index}: {len(result.outcomes)} outcomes for {len(part.items)} items")
    outcomes = [
        replace(o, document=it) if isinstance(it, Document) and o.rejection is None else o
        for o, it in zip(result.outcomes, part.items, strict=True)
    ]
    return replace(result, outcomes=outcomes)
