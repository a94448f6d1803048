"""Event rows as the JSON text the store keeps, for the API's hot path.

`Store.events` decodes every row and the API would encode it again: for a page of 100 events that round trip is
most of the request's time. This reads the same rows, in the same order and with the same filters, as text.
"""

from __future__ import annotations

import json
from typing import Any

from rasd.store import EventFilter, Store


def events_json(store: Store, f: EventFilter) -> list[str]:
    """The stored JSON text of the events `store.events(f)` returns, in the same order."""
    return store.events_json(f)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def page_json(items: list[str], limit: int, offset: int, next_offset: int | None) -> bytes:
    """The /api/events page with the stored rows spliced in as they are."""
    tail = json.dumps({"limit": limit, "offset": offset, "next_offset": next_offset}, separators=(",", ":"))
    return ('{"items":[' + ",".join(items) + "]," + tail[1:]).encode("utf-8")
