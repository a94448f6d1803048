"""Scale-out on Dask: `rasd extract/ingest --dask ADDRESS` give what one process gives, on many machines.

Dask (`pip install 'rasd[dask]'`) is imported only inside this package's functions; without --dask nothing
here is loaded. See docs/scaling.md for the design (partitions, ordering, faults, linking).
"""

from rasd.scale.cluster import DaskCluster, DaskMissing, ScaleError, check_workers, connect, local_workers
from rasd.scale.partitions import DEFAULT_SIZE, Partition, PartitionResult, extract_partition, partitions
from rasd.scale.run import PartitionSummary, RunSummary, extract_distributed, ingest_distributed, read_items
from rasd.scale.runner import run_partitions

__all__ = [
    "DEFAULT_SIZE",
    "DaskCluster",
    "DaskMissing",
    "Partition",
    "PartitionResult",
    "PartitionSummary",
    "RunSummary",
    "ScaleError",
    "check_workers",
    "connect",
    "extract_distributed",
    "extract_partition",
    "ingest_distributed",
    "local_workers",
    "partitions",
    "read_items",
    "run_partitions",
]
