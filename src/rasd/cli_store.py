"""Store commands: ingest, relink, events, show, export, stats. Click only: parse, call the store, print."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, Any

import click

from rasd.store import ENV, EventFilter, Store, StoreError, open_store

F = Callable[..., Any]


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db",
        envvar=ENV,
        default=None,
        metavar="URL",
        help=f"Store URL: sqlite:///PATH or postgresql://... (default: ${ENV}, else SQLite in the user's folder).",
    )(fn)


def filter_options(fn: F) -> F:
    """The filters `rasd events` and `rasd export` share (and the API mirrors)."""
    options = [
        click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--type", "event_type", metavar="TYPE", help="An event type or a sub-event type."),
        click.option("--actor", metavar="NAME", help="A canonical actor name (actor1, actor2 or associated)."),
        click.option("--country", metavar="NAME", help="Syria or Iraq."),
        click.option("--admin1", metavar="NAME", help="A governorate, ACLED spelling."),
        click.option("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Only events inside this box."),
        click.option("--text", metavar="WORDS", help="Words in the documents or the evidence (Arabic)."),
        click.option("--contested", is_flag=True, help="Only events whose sources disagree."),
        click.option("--limit", type=click.IntRange(1), default=100, show_default=True),
        click.option("--offset", type=click.IntRange(0), default=0),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def event_filter(params: dict[str, Any]) -> EventFilter:
    bbox = None
    if params.get("bbox"):
        try:
            a, b, c, d = (float(x) for x in str(params["bbox"]).split(","))
        except ValueError as e:
            raise click.BadParameter(
                f"{params['bbox']!r}: give four numbers MINLON,MINLAT,MAXLON,MAXLAT", param_hint="--bbox"
            ) from e
        bbox = (a, b, c, d)
    keys = ("since", "until", "event_type", "actor", "country", "admin1", "text", "contested", "limit", "offset")
    return EventFilter(bbox=bbox, **{k: params[k] for k in keys if params.get(k) is not None})


def _open(db: str | None) -> Store:
    try:
        return open_store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    except Exception as e:  # noqa: BLE001 - a driver's own connection error, shown as it is at the edge
        raise click.ClickException(f"cannot open the store {db or '(default)'}: {e}") from e


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")
@click.option(
    "--rejected", "rejected_file", type=click.File("w", encoding="utf-8"), help="Write rejected documents here."
)
@click.option("--quiet", is_flag=True, help="No progress bar, no summary.")
@click.option("--dask", metavar="ADDRESS", help="Extract on a Dask cluster: tcp://host:8786, or local:N processes.")
def ingest(
    paths: tuple[str, ...], db: str | None, workers: int, rejected_file: IO[str] | None, quiet: bool, dask: str | None
) -> None:
    """Extract PATHS and store documents, reports and events; a document already stored is skipped."""
    from rasd.batch import run
    from rasd.cli import _items, _load_knowledge

    _load_knowledge()
    if dask:
        from rasd.scale.commands import ingest_command

        return ingest_command(dask, paths, db, rejected_file, quiet)
    store = _open(db)
    counts = {"new": 0, "duplicate": 0, "near_duplicate": 0, "rejected": 0, "reports": 0}
    with click.progressbar(length=0, label="ingesting", file=sys.stderr, hidden=quiet) as bar:
        for outcome in run(_items(paths, 500_000), workers):
            bar.update(1)
            if outcome.rejection is not None:
                counts["rejected"] += 1
                if not quiet:
                    click.echo(f"\nrejected {outcome.rejection.doc}: {outcome.rejection.reason}", err=True)
                if rejected_file is not None:
                    rejected_file.write(json.dumps(outcome.rejection.to_dict(), ensure_ascii=False) + "\n")
                continue
            assert outcome.document is not None
            result = store.add(outcome.document, outcome.reports)
            counts[result.status] += 1
            counts["reports"] += result.reports
    stats = store.stats()
    store.close()
    if not quiet:
        click.echo(
            f"{counts['new']} new, {counts['duplicate']} already stored, {counts['near_duplicate']} near-duplicates,"
            f" {counts['rejected']} rejected; {counts['reports']} reports; store: {stats['events']} events,"
            f" {stats['contested']} contested",
            err=True,
        )
    if counts["rejected"]:
        sys.exit(3)


@click.command()
@db_option
def relink(db: str | None) -> None:
    """Recompute every link and event from the stored reports (gives what incremental linking gave)."""
    store = _open(db)
    n = store.relink()
    store.close()
    click.echo(f"{n} events", err=True)


@click.command()
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line.")
def events(db: str | None, as_json: bool, **params: Any) -> None:
    """List stored events, newest first."""
    from rasd.events_export import format_event_line

    store = _open(db)
    for ev in store.events(event_filter(params)):
        click.echo(json.dumps(ev, ensure_ascii=False) if as_json else format_event_line(ev))
    store.close()


@click.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The event with its reports and documents as JSON.")
def show(event_id: str, db: str | None, as_json: bool) -> None:
    """One event with its reports, sources, claims and evidence sentences."""
    from rasd.events_export import format_event_detail

    store = _open(db)
    ev = store.event(event_id)
    store.close()
    if ev is None:
        raise click.ClickException(f"no event {event_id!r}")
    click.echo(json.dumps(ev, ensure_ascii=False, indent=2) if as_json else format_event_detail(ev))


@click.command("export")
@db_option
@filter_options
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["csv", "geojson", "jsonl", "parquet"]), default="csv", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File (default: stdout)."
)
def export_events(db: str | None, fmt: str, output: str, **params: Any) -> None:
    """Export events: CSV with ACLED's columns first, GeoJSON for a GIS, JSON Lines, or Parquet."""
    from rasd.events_export import BINARY_FORMATS, ExportError, write_events

    store = _open(db)
    f = event_filter(params | {"limit": params.get("limit") or 100})
    rows = store.events(f)
    store.close()
    binary = fmt in BINARY_FORMATS
    try:
        with click.open_file(output, "wb" if binary else "w", encoding=None if binary else "utf-8") as out:
            n = write_events(rows, out, fmt)
    except ExportError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"{n} events written", err=True)


@click.command()
@db_option
def stats(db: str | None) -> None:
    """Counts of documents, reports, events and contested events in the store."""
    store = _open(db)
    click.echo(json.dumps(store.stats() | {"store": store.url}))
    store.close()


COMMANDS = (ingest, relink, events, show, export_events, stats)
