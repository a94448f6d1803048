"""Read an RSS or Atom feed (already downloaded) into the items it lists, with feedparser.

feedparser never sees a URL here, only bytes: the polite client does every download.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import feedparser


class FeedError(ValueError):
    """A feed body is not a readable RSS/Atom document; the message names the URL and the parser's reason."""


@dataclass(frozen=True)
class FeedItem:
    id: str  # the item's guid/id, else its link
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601, UTC
    summary: str | None = None


def _iso(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).isoformat(timespec="seconds")


def _item(entry: Any) -> FeedItem | None:
    link = str(entry.get("link") or "").strip()
    if urlsplit(link).scheme not in ("http", "https"):
        return None  # an item without a web link has no article to fetch
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedItem(
        id=str(entry.get("id") or link).strip(),
        url=link,
        title=(entry.get("title") or "").strip() or None,
        published=_iso(published),
        summary=(entry.get("summary") or "").strip() or None,
    )


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> list[FeedItem]:
    """The items of a feed, in feed order; FeedError if the body is not RSS/Atom.

    A feed that is not well-formed but still yields linked items is read (feedparser's lenient parser),
    because many news sites serve slightly broken XML; one that yields none is an error.
    """
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": url, "content-type": content_type or "application/xml"},
    )
    items = [item for item in map(_item, parsed.entries) if item is not None]
    if not items and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise FeedError(f"{url}: not a valid RSS/Atom feed: {reason}")
    return items
