"""`rasd serve`: the HTTP API and the dashboard on one port. Click only: check options, open the store, run."""

from __future__ import annotations

import json
import os
import re

import click

from rasd.cli_store import db_option
from rasd.serve.defaults import DEFAULT_THREADS

TILES_ENV = "RASD_TILES"
TILE_TEMPLATE = re.compile(r"^https?://[^\s]+$")


def check_tiles(value: str | None) -> str | None:
    """A tile URL template with {z}, {x} and {y} (e.g. https://tile.example.org/{z}/{x}/{y}.png), or None."""
    if not value:
        return None
    if not TILE_TEMPLATE.match(value) or not all(p in value for p in ("{z}", "{x}", "{y}")):
        raise click.BadParameter(
            f"{value!r}: give an http(s) URL template with {{z}}, {{x}} and {{y}}", param_hint="--tiles"
        )
    return value


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--tiles",
    envvar=TILES_ENV,
    metavar="URL_TEMPLATE",
    help=f"An online tile layer, e.g. https://tile.example.org/{{z}}/{{x}}/{{y}}.png (default: ${TILES_ENV}; "
    "without it the map shows only the bundled boundaries and needs no internet).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (each with its own threads and store connections); more use more cores.",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    default=DEFAULT_THREADS,
    show_default=True,
    help="Requests each process runs at once on its store; more threads than cores only queue for Python's lock "
    "(raise it for a PostgreSQL server across a network).",
)
def serve(db: str | None, host: str, port: int, tiles: str | None, workers: int, threads: int) -> None:
    """Serve the API (/api, schema at /api/openapi.json) and the dashboard (/) over the event store."""
    import uvicorn

    from rasd.serve import create_app
    from rasd.store import StoreError, open_store

    tiles = check_tiles(tiles or os.environ.get(TILES_ENV))
    if db and db.endswith(":memory:"):
        # each server thread opens its own connection, and each would see a different empty in-memory database
        raise click.BadParameter("an in-memory store cannot be served: give a file, sqlite:///PATH", param_hint="--db")
    try:
        store = open_store(db)  # open (and migrate) once now, so a bad URL fails here, not on the first request
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    except Exception as e:  # noqa: BLE001 - a driver's connection error, shown as it is at the edge
        raise click.ClickException(f"cannot open the store {db or '(default)'}: {e}") from e
    events = store.stats()["events"]
    store.close()
    click.echo(f"rasd: {events} events; dashboard at http://{host}:{port}/ (API under /api)", err=True)
    if workers == 1:
        uvicorn.run(create_app(db, tiles=tiles, threads=threads), host=host, port=port, log_level="info")
        return
    from rasd.serve.app import CONFIG_ENV

    os.environ[CONFIG_ENV] = json.dumps({"db": db, "tiles": tiles, "threads": threads})
    uvicorn.run("rasd.serve.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="info")


COMMANDS = (serve,)
