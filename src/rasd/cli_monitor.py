"""Monitor commands: fetch, watch, status. Click only: parse, call rasd.monitor, print."""

from __future__ import annotations

import datetime as dt
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import click

from rasd.cli_store import db_option
from rasd.monitor import ArticleOutcome, ConfigError, Monitor, MonitorConfig, PollOutcome, load_config

EXIT_FAILED = 3

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Monitor config (YAML): feeds, watchlist, webhook, politeness. State and alerts are kept next to it.",
)


def _config(path: Path | None) -> MonitorConfig:
    try:
        return load_config(path)
    except ConfigError as e:
        raise click.ClickException(str(e)) from e


def _monitor(config: MonitorConfig, db: str | None) -> Monitor:
    from rasd.cli import _load_knowledge

    _load_knowledge()
    return Monitor(config, db=db)


def _article_line(o: ArticleOutcome) -> str:
    alerts = f", {len(o.alerts)} alert(s)" if o.alerts else ""
    if o.ok:
        return f"{o.status} {o.doc}: {o.reports} reports, {len(o.events)} events{alerts} <- {o.url}"
    return f"{o.status} {o.url}: {o.reason}"


@click.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@config_option
@click.option("--quiet", is_flag=True, help="No progress bar, no summary.")
def fetch(urls: tuple[str, ...], db: str | None, config_path: Path | None, quiet: bool) -> None:
    """Download article pages at URLS, extract and store them; exit status 3 when some failed."""
    failed = 0
    counts: dict[str, int] = {}
    with (
        _monitor(_config(config_path), db) as mon,
        click.progressbar(urls, label="fetching", file=sys.stderr, hidden=quiet or len(urls) < 2) as bar,
    ):
        for url in bar:
            outcome = mon.fetch_url(url)
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if not outcome.ok:
                failed += 1
            if not quiet or not outcome.ok:
                click.echo(("\n" if len(urls) > 1 and not quiet else "") + _article_line(outcome), err=True)
    if not quiet:
        click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())), err=True)
    if failed:
        sys.exit(EXIT_FAILED)


def _poll_line(o: PollOutcome) -> str:
    if o.error is not None:
        return f"{o.feed}: {o.status}: {o.error}"
    if o.status == "not_modified":
        return f"{o.feed}: not modified"
    new = sum(a.status == "new" for a in o.articles)
    bad = [a for a in o.articles if not a.ok]
    alerts = sum(len(a.alerts) for a in o.articles)
    return f"{o.feed}: {o.items} items, {len(o.articles)} fetched, {new} new, {len(bad)} failed, {alerts} alerts"


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command()
@config_option
@db_option
@click.option("--once", is_flag=True, help="Poll every due feed once and exit.")
@click.option(
    "--interval",
    type=click.FloatRange(min=1.0),
    metavar="SECONDS",
    help="Poll every feed this often (default: each feed's own interval).",
)
@click.option("--quiet", is_flag=True, help="Print failures only.")
def watch(config_path: Path | None, db: str | None, once: bool, interval: float | None, quiet: bool) -> None:
    """Poll feeds, fetch and store their new articles, alert on watched places; runs until interrupted."""
    config = _config(config_path)
    if interval is not None:
        config = config.with_interval(interval)

    def report(outcome: PollOutcome) -> None:
        if not quiet or outcome.error is not None:
            click.echo(_poll_line(outcome), err=True)
        for a in outcome.articles:
            if not a.ok or not quiet:
                click.echo("  " + _article_line(a), err=True)

    with _monitor(config, db) as mon:
        if once:
            for outcome in mon.poll_due():
                report(outcome)
            return
        signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            mon.run(report)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


def _when(epoch: float) -> str:
    if not epoch:
        return "now"
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat(timespec="seconds")


def _status_rows(rows: list[dict[str, Any]]) -> list[str]:
    head = f"{'FEED':<18} {'STATUS':<13} {'LAST POLL':<25} {'ITEMS':>5} {'DOCS':>5} {'EVENTS':>6} "
    head += f"{'ERRORS':>6} {'STREAK':>6}  NEXT POLL"
    lines = [head]
    for r in rows:
        status = r["last_status"] or "never polled"
        if not r["enabled"]:
            status = "disabled"
        name = r["name"] + ("" if r["confirmed"] else "*")
        lines.append(
            f"{name:<18} {status:<13} {r['last_poll'] or '-':<25} {r['items']:>5} {r['documents']:>5}"
            f" {r['events']:>6} {r['errors']:>6} {r['failures']:>6}  {_when(r['next_poll'])}"
        )
        if r["last_error"]:
            lines.append(f"{'':<18} last error: {r['last_error']}")
    if not all(r["confirmed"] for r in rows):
        lines.append("* the shipped URL of this feed could not be confirmed; fix it in your config if it fails")
    return lines


@click.command()
@config_option
@db_option
def status(config_path: Path | None, db: str | None) -> None:
    """Feeds with last poll, items fetched, errors, failure streak and next poll; alerts; the store's totals."""
    config = _config(config_path)
    with Monitor(config, db=db) as mon:
        rows = mon.status()
        for line in _status_rows(rows):
            click.echo(line)
        items = mon.state.item_counts()
        alerts = mon.state.alert_counts()
        click.echo(
            f"items: {sum(items.values())} seen ("
            + ", ".join(f"{n} {s}" for s, n in sorted(items.items()))
            + f"); events created or updated: {sum(r['events'] for r in rows)}; alerts: {alerts['alerts']}"
            + f" ({alerts['webhook_failures']} webhook failures); state: {config.state_path}"
        )
        if db or config.db:
            stats = mon.store.stats()
            click.echo(f"store: {stats['documents']} documents, {stats['events']} events ({mon.store.url})")


COMMANDS = (fetch, watch, status)
