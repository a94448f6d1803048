"""Response shapes for the OpenAPI schema. Routes return JSON directly (no per-row validation, for speed);
these models document what they return. Every field is optional because `fields=` can trim an event."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    parameter: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Claim(Open):
    field: str | None = None
    value: Any = None
    source: str | None = None
    stance: str | None = None
    doc: str | None = None


class Event(Open):
    """An event row as the store keeps it (see the event schema in ARCHITECTURE.md)."""

    id: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    contested: bool | None = None
    contested_reasons: list[str] | None = None
    claims: list[Claim] | None = None
    n_reports: int | None = None
    n_documents: int | None = None
    sources: list[str] | None = None


class EventPage(BaseModel):
    items: list[Event]
    limit: int
    offset: int
    next_offset: int | None


class DocumentRef(Open):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    duplicate_of: str | None = None


class EventDetail(Event):
    reports: list[dict[str, Any]]
    documents: list[DocumentRef]


class DocumentOut(DocumentRef):
    text: str
    reports: list[dict[str, Any]]


class Health(BaseModel):
    status: str
    version: str
    store: str


class Count(BaseModel):
    name: str
    n: int


class Governorate(BaseModel):
    country: str | None
    admin1: str
    n: int


class Stats(Open):
    documents: int
    reports: int
    events: int
    contested: int
    near_duplicates: int
    first_event_date: str | None
    last_event_date: str | None
    by_type: list[Count]
    governorates: list[Governorate]
    actors: list[Count]


ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "A bad parameter (named in error.parameter)."},
    500: {"model": ErrorResponse, "description": "A server failure (no details are given)."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorResponse, "description": "No such item."}}


def content(status: int, media_type: str, json_type: str) -> dict[int | str, dict[str, Any]]:
    """An OpenAPI response entry for a body that is not JSON (the exports)."""
    return {status: {"content": {media_type: {"schema": {"type": json_type}}}}}
