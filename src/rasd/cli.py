"""The `rasd` command. Click commands only: parse options, call the library, print."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO

import click

from rasd.batch import run
from rasd.export import FORMATS, ReportWriter
from rasd.model import Document, Rejection

EXIT_REJECTED = 3


def _items(paths: tuple[str, ...], max_chars: int) -> Iterator[Document | Rejection]:
    from rasd.ingest import Limits, read_paths

    for item in read_paths(paths, Limits(max_chars=max_chars), stdin=sys.stdin.buffer):
        if item.rejection is not None:
            yield item.rejection
        elif item.document is not None:
            yield item.document


def _load_knowledge() -> None:
    """Load lexicons and gazetteer before any document: a broken data file stops the run, naming itself."""
    from rasd.geo.gazetteer import GazetteerError
    from rasd.recognize.lexicon import LexiconError
    from rasd.recognize.matcher import default_matcher

    try:
        default_matcher()
    except (LexiconError, GazetteerError) as e:
        raise click.ClickException(str(e)) from e


@click.group()
@click.version_option(package_name="rasd")
def main() -> None:
    """rasd (رصد): Arabic news in, coded conflict events out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Where to write reports.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
@click.option(
    "--rejected",
    "rejected_file",
    type=click.File("w", encoding="utf-8"),
    help="Write rejected documents (JSON Lines: doc, reason, origin) here.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1000),
    default=500_000,
    show_default=True,
    help="Reject documents longer than this.",
)
@click.option("--quiet", is_flag=True, help="Do not print rejections and the summary on standard error.")
@click.option("--dask", metavar="ADDRESS", help="Run on a Dask cluster: tcp://host:8786, or local:N worker processes.")
def extract(
    paths: tuple[str, ...],
    output: IO[str],
    fmt: str,
    workers: int,
    rejected_file: IO[str] | None,
    max_chars: int,
    quiet: bool,
    dask: str | None,
) -> None:
    """Extract event reports from PATHS (files, folders, or - for standard input)."""
    _load_knowledge()
    if dask:
        from rasd.scale.commands import extract_command

        return extract_command(dask, paths, output, fmt, rejected_file, max_chars, quiet)
    writer = ReportWriter(output, fmt)
    docs = reports = rejected = 0
    for outcome in run(_items(paths, max_chars), workers):
        if outcome.rejection is not None:
            rejected += 1
            rej = outcome.rejection
            if not quiet:
                click.echo(f"rejected {rej.doc}: {rej.reason}", err=True)
            if rejected_file is not None:
                rejected_file.write(json.dumps(rej.to_dict(), ensure_ascii=False) + "\n")
            continue
        docs += 1
        reports += writer.write(outcome.reports)
    if not quiet:
        click.echo(f"{docs} documents, {reports} reports, {rejected} rejected", err=True)
    if rejected:
        sys.exit(EXIT_REJECTED)


@main.command()
@click.option(
    "--shared",
    default="../shared",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The shared folder with gold/ and corpus/.",
)
@click.option("--show-misses", is_flag=True, help="List the main gold events that no report matched.")
@click.argument("files", nargs=-1)
def evaluate(shared: str, show_misses: bool, files: tuple[str, ...]) -> None:
    """Score against gold: GOLD PRED files, or (without FILES) extract and score every gold set in --shared."""
    import os

    from rasd.evaluate import GOLD_SETS, evaluate_set, load_jsonl, score

    if files:
        if len(files) != 2:
            raise click.UsageError("give GOLD and PRED files, or none")
        _print_scores(files[0], score(load_jsonl(files[0]), load_jsonl(files[1])), show_misses)
        return
    for gs in GOLD_SETS:
        if not os.path.exists(os.path.join(shared, gs.gold)):
            click.echo(f"{gs.name}: skipped, {os.path.join(shared, gs.gold)} not found", err=True)
            continue
        _print_scores(gs.name, evaluate_set(shared, gs), show_misses)


def _print_scores(name: str, scores: list, show_misses: bool) -> None:
    click.echo(f"== {name}")
    for s in scores:
        click.echo(s.line())
    coarse = scores[-1]
    click.echo("fields on coarse matches: " + json.dumps(coarse.fields))
    if show_misses:
        for m in coarse.misses:
            click.echo(m)


def _register() -> None:
    from rasd.cli_gazetteer import gazetteer
    from rasd.cli_monitor import COMMANDS as MONITOR_COMMANDS
    from rasd.cli_serve import COMMANDS as SERVE_COMMANDS
    from rasd.cli_store import COMMANDS

    main.add_command(gazetteer)
    for command in (*COMMANDS, *MONITOR_COMMANDS, *SERVE_COMMANDS):
        main.add_command(command)


_register()
