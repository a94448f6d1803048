"""The event filters of the API and the dashboard: the same as `rasd events`, checked the same way.

The API declares them as query parameters (so they appear in the OpenAPI schema); the dashboard reads them
from its own query string. Both end in `make_filter`, so a bad bbox or date is refused with the same words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from rasd.serve.errors import bad_parameter
from rasd.store import EventFilter

MAX_TEXT = 200  # a filter value longer than this is not a name or a search, it is a mistake
MAX_OFFSET = 10**9
PAGE_MAX = 1000
EXPORT_MAX = 100_000


@dataclass(frozen=True)
class Filters:
    """The filter values as given (strings), before `make_filter` checks them."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: str | None = None
    text: str | None = None
    contested: bool = False


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """MINLON,MINLAT,MAXLON,MAXLAT as four finite numbers in range, min <= max."""
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or not all(math.isfinite(n) for n in nums):
        raise bad_parameter("bbox", f"bbox: {value[:100]!r} is not four numbers MINLON,MINLAT,MAXLON,MAXLAT")
    a, b, c, d = nums
    if not (-180 <= a <= c <= 180 and -90 <= b <= d <= 90):
        raise bad_parameter("bbox", f"bbox: {value[:100]!r} needs -180<=MINLON<=MAXLON<=180, -90<=MINLAT<=MAXLAT<=90")
    return (a, b, c, d)


def parse_day(name: str, value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad_parameter(name, f"{name}: {value[:50]!r} is not a date YYYY-MM-DD") from None


def check_text(name: str, value: str) -> str:
    """A printable string of reasonable length; control characters never belong in a filter."""
    if len(value) > MAX_TEXT:
        raise bad_parameter(name, f"{name}: longer than {MAX_TEXT} characters")
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise bad_parameter(name, f"{name}: {value[:50]!r} contains control characters")
    return value


def make_filter(f: Filters, limit: int = 100, offset: int = 0) -> EventFilter:
    """The store's EventFilter for these values; a bad one raises ApiError naming the parameter."""
    strings = {"event_type": "type", "actor": "actor", "country": "country", "admin1": "admin1", "text": "text"}
    checked = {k: check_text(label, v) for k, label in strings.items() if (v := getattr(f, k))}
    since = parse_day("since", f.since) if f.since else None
    until = parse_day("until", f.until) if f.until else None
    bbox = parse_bbox(f.bbox) if f.bbox else None
    return EventFilter(
        since=since, until=until, bbox=bbox, contested=f.contested, limit=limit, offset=offset, **checked
    )


def filters_from_query(query: Mapping[str, str]) -> Filters:
    """The dashboard's filters from its query string (empty fields mean no filter)."""

    def get(name: str) -> str | None:
        value = (query.get(name) or "").strip()
        return value or None

    return Filters(
        since=get("since"),
        until=get("until"),
        event_type=get("type"),
        actor=get("actor"),
        country=get("country"),
        admin1=get("admin1"),
        bbox=get("bbox"),
        text=get("text"),
        contested=(query.get("contested") or "").lower() in ("1", "true", "on", "yes"),
    )


async def api_filters(
    since: Annotated[dt.date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[
        str | None, Query(alias="type", max_length=MAX_TEXT, description="An event type or a sub-event type.")
    ] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="A canonical actor name.")] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT, description="Syria or Iraq.")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT, description="A governorate, ACLED spelling.")] = None,
    bbox: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="MINLON,MINLAT,MAXLON,MAXLAT: only events inside.")
    ] = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT, description="Words in the documents or evidence.")] = None,
    contested: Annotated[bool, Query(description="Only events whose sources disagree.")] = False,
) -> Filters:
    """The filters as FastAPI query parameters (shared by /api/events and the exports); async: no thread hop."""
    return Filters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        event_type=event_type,
        actor=actor,
        country=country,
        admin1=admin1,
        bbox=bbox,
        text=text,
        contested=contested,
    )
