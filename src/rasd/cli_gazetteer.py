"""`rasd gazetteer ...`: import GeoNames dumps, validate the gazetteer files, look a name up.

Click commands only: parse options, call rasd.geo, print. The lead registers `gazetteer` on the main CLI.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rasd.geo.gazetteer import Gazetteer, GazetteerError, check_layers, packaged_ids, user_dir
from rasd.geo.geonames import GeoNamesError, import_geonames

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("gazetteer")
def gazetteer() -> None:
    """The gazetteer of Syria and Iraq: import, validate, lookup."""


@gazetteer.command("import")
@click.argument("main_file", type=_FILE)
@click.option("--alternate-names", type=_FILE, default=None, help="alternateNamesV2.txt (Arabic names come from it)")
@click.option(
    "--country",
    "countries",
    multiple=True,
    default=("SY", "IQ"),
    show_default=True,
    help="ISO code of a country to keep (repeatable)",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="output TSV (default: the user gazetteer that `Gazetteer.load` merges)",
)
@click.option("--replace-packaged", is_flag=True, help="also write places the packaged gazetteer already has")
def import_cmd(
    main_file: Path, alternate_names: Path | None, countries: tuple[str, ...], out: Path | None, replace_packaged: bool
) -> None:
    """Import MAIN_FILE (GeoNames allCountries.txt, SY.txt, IQ.txt...) into a gazetteer TSV."""
    target = out or user_dir() / "geonames.tsv"
    skip = frozenset() if replace_packaged else packaged_ids()
    try:
        count = import_geonames(main_file, alternate_names, countries, target, skip_ids=skip)
    except (GeoNamesError, GazetteerError, OSError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"{count} places written to {target}")


@gazetteer.command("validate")
@click.argument("files", nargs=-1, type=_FILE)
def validate_cmd(files: tuple[Path, ...]) -> None:
    """Check every gazetteer layer (and FILES, if given); exit 1 listing the problems."""
    problems = check_layers(list(files))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo("gazetteer OK")


@gazetteer.command("lookup")
@click.argument("name")
def lookup_cmd(name: str) -> None:
    """Print the places named NAME (any Arabic spelling) as JSON lines; exit 1 when none."""
    try:
        places = Gazetteer.load().lookup(name)
    except GazetteerError as e:
        raise click.ClickException(str(e)) from e
    for place in places:
        click.echo(json.dumps(place.to_dict(), ensure_ascii=False))
    if not places:
        click.echo(f"no place named {name!r}", err=True)
        sys.exit(1)
