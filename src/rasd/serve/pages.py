"""The dashboard's HTML pages: the map/timeline/filter page at / and one event at /events/{id}.

Server-rendered (Jinja2) so the event list, the filters and the event page work without JavaScript; the map and
the timeline are drawn in the browser from /api/events with the same filters as the page.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from rasd.serve.api import store_stats
from rasd.serve.errors import ApiError, ErrorInfo, not_found
from rasd.serve.evidence import event_view
from rasd.serve.i18n import LANGS, Messages, catalog, choose_lang, taxonomy
from rasd.serve.params import MAX_OFFSET, filters_from_query, make_filter
from rasd.serve.pool import store_of

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
MAP_FIELDS = "id,event_date,event_type,sub_event_type,location,latitude,longitude,fatalities,contested,actor1,actor2"
FILTER_KEYS = ("since", "until", "type", "actor", "country", "admin1", "bbox", "text", "contested")
JS_KEYS = (
    "map.events", "map.capped", "map.none", "map.boundaries", "map.loading", "map.failed",
    "ev.fatalities", "ev.contested", "ev.open", "timeline.title", "timeline.day", "timeline.week", "timeline.month",
)  # fmt: skip


def _templates() -> Jinja2Templates:
    folder = str(resources.files("rasd.serve").joinpath("templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    return Jinja2Templates(env=env)


TEMPLATES = _templates()


def messages(request: Request) -> Messages:
    return catalog()[choose_lang(request.query_params.get("lang"), request.headers.get("accept-language"))]


def _kept(request: Request) -> dict[str, str]:
    """The page's filter values as given, for links that keep them (pagination, language switch, exports)."""
    return {k: v for k in FILTER_KEYS if (v := (request.query_params.get(k) or "").strip())}


def _url(path: str, params: dict[str, Any]) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


def base_context(request: Request, m: Messages) -> dict[str, Any]:
    others = {lang: _url(request.url.path, dict(request.query_params) | {"lang": lang}) for lang in LANGS}
    return {"m": m, "lang": m.lang, "dir": m.dir, "switch": others, "home": _url("/", {"lang": m.lang})}


def _offset(request: Request) -> int:
    try:
        return min(max(int(request.query_params.get("offset") or 0), 0), MAX_OFFSET)
    except ValueError:
        return 0


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    m = messages(request)
    store = store_of(request)
    kept, offset = _kept(request), _offset(request)
    error: str | None = None
    events: list[dict[str, Any]] = []
    try:
        events = store.events(make_filter(filters_from_query(request.query_params), PAGE_SIZE + 1, offset))
    except ApiError as e:
        error = e.info.message
    more = len(events) > PAGE_SIZE
    page = {
        "prev": _url("/", kept | {"lang": m.lang, "offset": max(offset - PAGE_SIZE, 0)}) if offset else None,
        "next": _url("/", kept | {"lang": m.lang, "offset": offset + PAGE_SIZE}) if more else None,
        "first": offset + 1,
        "last": offset + min(len(events), PAGE_SIZE),
    }
    config = {
        "api": _url("/api/events", kept | {"fields": MAP_FIELDS}) if error is None else None,
        "lang": m.lang,
        "tiles": request.app.state.tiles,
        "colors": {t.name: t.color for t in taxonomy()},
        "types": {t.name: m.type_label(t.name) for t in taxonomy()},
        "labels": {k: m.t(k) for k in JS_KEYS},
        "event_url": "/events/{id}?" + urlencode({"lang": m.lang}),
        "filter_url": _url("/", {k: v for k, v in kept.items() if k not in ("since", "until")} | {"lang": m.lang}),
    }
    context = base_context(request, m) | {
        "filters": kept,
        "events": events[:PAGE_SIZE],
        "page": page,
        "error": error,
        "stats": store_stats(store),
        "taxonomy": taxonomy(),
        "colors": config["colors"],
        "exports": {fmt: _url(f"/api/export.{fmt}", kept) for fmt in ("csv", "geojson")},
        "config_json": json.dumps(config, ensure_ascii=False).replace("</", "<\\/"),
    }
    return TEMPLATES.TemplateResponse(request, "index.html", context, status_code=422 if error else 200)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    m = messages(request)
    store = store_of(request)
    ev = store.event(event_id) if len(event_id) <= 200 else None
    if ev is None:
        raise not_found("event", event_id)
    texts = {}
    for d in ev.get("documents") or []:
        doc = store.document(str(d.get("id")))
        texts[str(d.get("id"))] = doc.get("text") if doc else None
    view = event_view(ev, texts)
    point = {
        "lat": ev.get("latitude"),
        "lon": ev.get("longitude"),
        "tiles": request.app.state.tiles,
        "boundaries": m.t("map.boundaries"),
    }
    context = base_context(request, m) | {
        "view": view,
        "color": next((t.color for t in taxonomy() if t.name == ev.get("event_type")), "#888888"),
        "ev": ev,
        "point_json": json.dumps(point).replace("</", "<\\/"),
        "api_url": f"/api/events/{event_id}",
    }
    return TEMPLATES.TemplateResponse(request, "event.html", context)


def error_page(request: Request, info: ErrorInfo) -> HTMLResponse:
    """An error as a page, in the reader's language (for paths outside /api)."""
    m = messages(request)
    context = base_context(request, m) | {"info": info}
    return TEMPLATES.TemplateResponse(request, "error.html", context, status_code=info.status)
