"""The `--dask ADDRESS` branch of `rasd extract` and `rasd ingest`: connect, run, show progress and the summary."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from rasd.export import ReportWriter
from rasd.scale.cluster import DaskCluster, ScaleError, connect
from rasd.scale.partitions import DEFAULT_SIZE, PartitionResult
from rasd.scale.run import OnPartition, RunSummary, extract_distributed, ingest_distributed, read_items

EXIT_REJECTED = 3


@contextmanager
def _cluster(address: str, quiet: bool) -> Iterator[DaskCluster]:
    try:
        with connect(address) as cluster:
            if not quiet:
                workers = len(cluster.client.scheduler_info(n_workers=-1).get("workers", {}))
                dashboard = cluster.dashboard
                board = f", dashboard {dashboard}" if dashboard else ""
                click.echo(f"dask: scheduler {cluster.address}, {workers} workers{board}", err=True)
            yield cluster
    except ScaleError as e:
        raise click.ClickException(str(e)) from e


def _reporter(rejected_file: IO[str] | None, quiet: bool, bar: Any) -> OnPartition:
    """Per partition: echo and keep its rejections, move the progress bar."""
    done = [0]

    def on_partition(result: PartitionResult) -> None:
        for o in result.outcomes:
            if o.rejection is None:
                continue
            if not quiet:
                click.echo(f"\nrejected {o.rejection.doc}: {o.rejection.reason}", err=True)
            if rejected_file is not None:
                rejected_file.write(json.dumps(o.rejection.to_dict(), ensure_ascii=False) + "\n")
        done[0] += len(result.outcomes)
        bar.update(len(result.outcomes), f"{done[0]} items, {result.index + 1} partitions")

    return on_partition


def _progress(label: str, quiet: bool) -> Any:
    return click.progressbar(
        length=0, label=label, file=sys.stderr, hidden=quiet, item_show_func=lambda s: s, show_percent=False
    )


def _finish(summary: RunSummary, quiet: bool, extra: str = "") -> None:
    if not quiet:
        for p in summary.partitions:
            click.echo(p.line(), err=True)
        click.echo(summary.total_line() + extra, err=True)
    if summary.rejected:
        sys.exit(EXIT_REJECTED)


def extract_command(
    address: str,
    paths: tuple[str, ...],
    output: IO[str],
    fmt: str,
    rejected_file: IO[str] | None,
    max_chars: int,
    quiet: bool,
    size: int = DEFAULT_SIZE,
) -> None:
    """`rasd extract --dask ADDRESS`: the same output file as one process, in the same order."""
    writer = ReportWriter(output, fmt)
    with _cluster(address, quiet) as cluster, _progress("extracting", quiet) as bar:
        items = read_items(paths, max_chars)
        summary = extract_distributed(cluster, items, writer, size, _reporter(rejected_file, quiet, bar))
    _finish(summary, quiet)


def ingest_command(
    address: str,
    paths: tuple[str, ...],
    db: str | None,
    rejected_file: IO[str] | None,
    quiet: bool,
    size: int = DEFAULT_SIZE,
    max_chars: int = 500_000,
) -> None:
    """`rasd ingest --dask ADDRESS`: workers extract, this process stores and links, in input order."""
    from rasd.store import StoreError, open_store

    try:
        store = open_store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    try:
        with _cluster(address, quiet) as cluster, _progress("ingesting", quiet) as bar:
            items = read_items(paths, max_chars)
            summary = ingest_distributed(cluster, items, store, size, _reporter(rejected_file, quiet, bar))
        stats = store.stats()
    finally:
        store.close()
    s = summary.stored
    extra = (
        f"; {s['new']} new, {s['duplicate']} already stored, {s['near_duplicate']} near-duplicates;"
        f" store: {stats['events']} events, {stats['contested']} contested"
    )
    _finish(summary, quiet, extra)
