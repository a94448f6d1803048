"""Reduce a web page to its article text and the metadata a report needs (title, outlet, time, url).

Text and title come from trafilatura, which strips navigation and boilerplate. The publication time
is read here from the page's own markup (meta, JSON-LD, <time>), because trafilatura keeps the day
only and the hour decides the event date of a night-time attack; its date is the last resort.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from rasd.ingest.readers import BadDocument, document_id
from rasd.model import Document

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
    "dc.date",
)


@dataclass
class PageMeta:
    """What the markup itself says about the page (all optional)."""

    meta: dict[str, str] = field(default_factory=dict)  # lowercased property/name/itemprop -> content
    json_ld: list[str] = field(default_factory=list)  # raw JSON-LD script bodies
    times: list[str] = field(default_factory=list)  # <time datetime> values, publication ones first
    canonical: str | None = None
    title: str | None = None
    lang: str | None = None

    def published(self) -> str | None:
        """The publication time: meta tags, then JSON-LD datePublished, then <time datetime>."""
        for key in _PUBLISHED_META:
            if self.meta.get(key):
                return self.meta[key]
        for body in self.json_ld:
            found = _json_ld_published(body)
            if found:
                return found
        return self.times[0] if self.times else None


class _MetaParser(HTMLParser):
    """Collects meta tags, JSON-LD, <time>, canonical link, <title> and <html lang> in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageMeta()
        self._in: str | None = None  # "ld" inside JSON-LD, "title" inside <title>
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        page = self.page
        if tag == "html" and a.get("lang"):
            page.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in page.meta:
                page.meta[key] = a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            page.canonical = page.canonical or a["href"]
        elif tag == "time" and a.get("datetime"):
            is_pub = "pubdate" in a or a.get("itemprop", "").lower() == "datepublished"
            page.times.insert(0 if is_pub else len(page.times), a["datetime"])
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in, self._buf = "ld", []
        elif tag == "title" and page.title is None:
            self._in, self._buf = "title", []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == "ld" and tag == "script":
            self.page.json_ld.append("".join(self._buf))
        elif self._in == "title" and tag == "title":
            self.page.title = " ".join("".join(self._buf).split()) or None
        else:
            return
        self._in = None


def _walk_json(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD tree (pages nest articles in @graph or lists)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_json(value)


def _json_ld_published(body: str) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None  # broken JSON-LD is common on news sites; the other sources remain
    for obj in _walk_json(data):
        value = obj.get("datePublished")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_page_meta(html: str) -> PageMeta:
    """Read the page's own metadata markup with the standard library parser."""
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    return parser.page


def document_from_html(html: str, origin: str, url: str | None = None) -> Document:
    """A Document from a web page: article text via trafilatura, metadata from the markup first."""
    import trafilatura  # imported here: it is slow to load and only HTML input needs it
    from trafilatura.settings import set_date_params

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = (getattr(extracted, "text", None) or "").strip()
    if not text:
        raise BadDocument(origin, "no article text found in HTML")
    page = parse_page_meta(html)
    return Document(
        id=document_id(text),
        text=text,
        title=getattr(extracted, "title", None) or page.meta.get("og:title") or page.title,
        url=page.canonical or page.meta.get("og:url") or url or getattr(extracted, "url", None),
        outlet=page.meta.get("og:site_name") or getattr(extracted, "sitename", None),
        published=page.published() or getattr(extracted, "date", None),
        lang=page.lang,
        origin=origin,
    )
