"""The JSON API under /api: events (filtered, paginated), one event, documents, exports, stats, health.

Routes are plain `def`s, so FastAPI runs them in its thread pool; each takes the store of the thread it runs in
(`StorePool.get`), never one opened in another thread. Rows go out as the store gives them, encoded once.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from rasd.serve import models
from rasd.serve.errors import bad_parameter, not_found
from rasd.serve.fast import events_json, page_json
from rasd.serve.params import EXPORT_MAX, MAX_OFFSET, MAX_TEXT, PAGE_MAX, Filters, api_filters, make_filter
from rasd.serve.pool import store_of
from rasd.store import EVENT_COLUMNS, Store

router = APIRouter(prefix="/api", tags=["api"])
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
TOP_ACTORS = 200

FiltersDep = Annotated[Filters, Depends(api_filters)]
Limit = Annotated[int, Query(ge=1, le=PAGE_MAX, description="Events per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip (newest first).")]
Fields = Annotated[
    str | None,
    Query(max_length=MAX_TEXT, description="Comma-separated event keys to return (default: all), e.g. id,event_date"),
]
Id = Annotated[str, Path(max_length=MAX_TEXT)]


class JSON(Response):
    """UTF-8 JSON with Arabic kept as it is (smaller and readable)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


@lru_cache(maxsize=1)
def app_version() -> str:
    try:
        return version("rasd")
    except PackageNotFoundError:
        return "unknown"


def _fields(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [x.strip() for x in value.split(",") if x.strip()]
    bad = next((n for n in names if not FIELD_NAME.match(n)), None)
    if bad is not None or not names:
        raise bad_parameter("fields", f"fields: {bad or value!r} is not an event key")
    return names


@router.get("/health", response_model=models.Health, responses=models.ERRORS)
def health(request: Request) -> JSON:
    """Is the server up and its store reachable."""
    store = store_of(request)
    store.rows("SELECT 1 AS one")
    return JSON({"status": "ok", "version": app_version(), "store": store.dialect})


@router.get("/events", response_model=models.EventPage, responses=models.ERRORS)
def list_events(
    request: Request, filters: FiltersDep, limit: Limit = 100, offset: Offset = 0, fields: Fields = None
) -> Response:
    """Events, newest first, with the filters of `rasd events`; `next_offset` is null on the last page."""
    keep = _fields(fields)
    f = make_filter(filters, limit + 1, offset)
    if keep is None:  # the hot path: stored rows go out as stored, never decoded and re-encoded
        raw = events_json(store_of(request), f)
        after = offset + limit if len(raw) > limit else None
        return Response(page_json(raw[:limit], limit, offset, after), media_type="application/json")
    store = store_of(request)
    # the map's request names only columns: read them, decode no JSON
    columns = EVENT_COLUMNS.issuperset(keep)
    rows = store.events_columns(list(dict.fromkeys(keep)), f) if columns else store.events(f)
    items = [{k: ev[k] for k in keep if k in ev} for ev in rows[:limit]]
    after = offset + limit if len(rows) > limit else None
    return JSON({"items": items, "limit": limit, "offset": offset, "next_offset": after})


@router.get("/events/{event_id}", response_model=models.EventDetail, responses=models.ERRORS | models.NOT_FOUND)
def get_event(request: Request, event_id: Id) -> JSON:
    """One event with its reports (claims, evidence) and documents."""
    ev = store_of(request).event(event_id)
    if ev is None:
        raise not_found("event", event_id)
    return JSON(ev)


@router.get("/documents/{doc_id}", response_model=models.DocumentOut, responses=models.ERRORS | models.NOT_FOUND)
def get_document(request: Request, doc_id: Id) -> JSON:
    """One stored document (its text as published) with the reports extracted from it."""
    store = store_of(request)
    doc = store.document(doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    return JSON(doc | {"reports": store.reports_of([doc_id])[doc_id]})


def _export(request: Request, filters: Filters, limit: int, fmt: str) -> str:
    from rasd.events_export import write_events

    rows = store_of(request).events(make_filter(filters, limit, 0))
    out = io.StringIO()
    write_events(rows, out, fmt)
    return out.getvalue()


ExportLimit = Annotated[int, Query(ge=1, le=EXPORT_MAX, description="At most this many events.")]


@router.get(
    "/export.csv",
    response_class=Response,
    responses=models.content(200, "text/csv", "string") | models.ERRORS,
)
def export_csv(request: Request, filters: FiltersDep, limit: ExportLimit = 10_000) -> Response:
    """Events as CSV: ACLED's columns first, then rasd's."""
    body = _export(request, filters, limit, "csv")
    headers = {"Content-Disposition": 'attachment; filename="rasd-events.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/export.geojson",
    response_class=Response,
    responses=models.content(200, "application/geo+json", "object") | models.ERRORS,
)
def export_geojson(request: Request, filters: FiltersDep, limit: ExportLimit = 10_000) -> Response:
    """Events as a GeoJSON FeatureCollection (events without a point have a null geometry)."""
    body = _export(request, filters, limit, "geojson")
    headers = {"Content-Disposition": 'attachment; filename="rasd-events.geojson"'}
    return Response(body, media_type="application/geo+json", headers=headers)


@router.get("/stats", response_model=models.Stats, responses=models.ERRORS)
def stats(request: Request) -> JSON:
    """Store counts, events per type, governorates and actors with their event counts (for the filter panel)."""
    return JSON(store_stats(store_of(request)))


def store_stats(store: Store) -> dict[str, Any]:
    counts = {k: int(v or 0) for k, v in store.stats().items()}
    span = store.rows("SELECT MIN(event_date) AS first, MAX(event_date) AS last FROM events")[0]
    by_type = store.rows(
        "SELECT event_type AS name, COUNT(*) AS n FROM events WHERE event_type IS NOT NULL"
        " GROUP BY event_type ORDER BY n DESC, event_type"
    )
    govs = store.rows(
        "SELECT country, admin1, COUNT(*) AS n FROM events WHERE admin1 IS NOT NULL"
        " GROUP BY country, admin1 ORDER BY country, admin1"
    )
    actors: dict[str, int] = {}
    for row in store.rows("SELECT actors FROM events"):
        for name in str(row["actors"] or "").strip("|").split("|"):
            if name:
                actors[name] = actors.get(name, 0) + 1
    top = sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ACTORS]
    return counts | {
        "first_event_date": span["first"],
        "last_event_date": span["last"],
        "by_type": [{"name": r["name"], "n": int(r["n"])} for r in by_type],
        "governorates": [{"country": r["country"], "admin1": r["admin1"], "n": int(r["n"])} for r in govs],
        "actors": [{"name": k, "n": v} for k, v in top],
    }
