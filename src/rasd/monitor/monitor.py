"""The monitor: poll due feeds, fetch their new articles, extract and store them, alert on watched places.

One feed's failure is recorded in its status and pushes its next poll back (doubling up to a cap); it never
stops the other feeds. One article's failure is recorded on the item; a transient one is tried again on a
later poll, a final one (robots.txt, not an article, not Arabic) never.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rasd.ingest import BadDocument, check_document, document_from_html
from rasd.model import Document
from rasd.monitor.alerts import Alert, Alerter
from rasd.monitor.client import FetchError, PoliteClient, RobotsDisallowed
from rasd.monitor.config import Feed, MonitorConfig
from rasd.monitor.feeds import FeedError, FeedItem, parse_feed
from rasd.monitor.state import FeedState, MonitorState
from rasd.store import Store, open_store

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArticleOutcome:
    url: str
    status: str  # new | duplicate | near_duplicate | rejected | blocked | failed
    reason: str | None = None
    doc: str | None = None
    reports: int = 0
    events: tuple[str, ...] = ()
    alerts: tuple[Alert, ...] = ()
    retryable: bool = False

    @property
    def ok(self) -> bool:
        return self.status in ("new", "duplicate", "near_duplicate")


@dataclass(frozen=True)
class PollOutcome:
    feed: str
    status: str  # ok | not_modified | failed | blocked
    error: str | None = None
    items: int = 0  # items in the feed
    articles: list[ArticleOutcome] = field(default_factory=list)


class Monitor:
    """Owns the polite client, the state file, the store and the alerter of one run."""

    def __init__(
        self,
        config: MonitorConfig,
        db: str | None = None,
        store: Store | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self._db = db or config.db
        self._store = store
        self._clock = clock
        self._sleep = sleep
        self.client = PoliteClient(config.politeness, sleep=sleep)
        self.state = MonitorState(config.state_path)
        self.alerter = Alerter(
            config.watchlist, config.alerts_log, self.state, config.webhook, config.politeness.user_agent, sleep
        )

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self._db)
        return self._store

    def close(self) -> None:
        self.client.close()
        self.alerter.close()
        self.state.close()
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> Monitor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- feeds -----------------------------------------------------------------------------------------------
    def due(self) -> list[Feed]:
        now = self._clock()
        return [f for f in self.config.feeds if f.enabled and self.state.feed(f.name, f.url).next_poll <= now]

    def poll_due(self) -> Iterator[PollOutcome]:
        """Poll every feed that is due, once each."""
        for feed in self.due():
            yield self.poll(feed)

    def next_due(self) -> float:
        """Epoch seconds when the next enabled feed is due."""
        times = [self.state.feed(f.name, f.url).next_poll for f in self.config.feeds if f.enabled]
        return min(times, default=self._clock() + 60)

    def poll(self, feed: Feed) -> PollOutcome:
        """Poll one feed (conditional GET), ingest its new items, and record how it went."""
        state = self.state.feed(feed.name, feed.url)
        headers = {k: v for k, v in (("If-None-Match", state.etag), ("If-Modified-Since", state.last_modified)) if v}
        try:
            resp = self.client.get(feed.url, headers)
            if resp.not_modified:
                return self._finish(feed, state, PollOutcome(feed.name, "not_modified"))
            items = parse_feed(resp.body, resp.url, resp.headers.get("content-type"))
        except (FetchError, FeedError) as e:
            status = "blocked" if isinstance(e, RobotsDisallowed) else "failed"
            return self._finish(feed, state, PollOutcome(feed.name, status, str(e)))
        fresh = [i for i in items if not self.state.seen(i.id, i.url)]
        limit = self.config.politeness.max_items_per_poll
        articles: list[ArticleOutcome] = []
        try:
            for item in fresh[:limit]:
                articles.append(self._item(feed, item))
        except Exception as e:  # noqa: BLE001 - the store failing: this feed's poll fails, the others go on
            return self._finish(feed, state, PollOutcome(feed.name, "failed", f"{type(e).__name__}: {e}", len(items)))
        retry = any(a.status == "failed" and a.retryable for a in articles)
        if len(fresh) <= limit and not retry:  # all done: the next poll may be conditional, else it must see all
            state = dataclasses.replace(
                state, etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified")
            )
        return self._finish(feed, state, PollOutcome(feed.name, "ok", None, len(items), articles))

    def _item(self, feed: Feed, item: FeedItem) -> ArticleOutcome:
        outcome = self.fetch(item.url, feed, item)
        final = outcome.status != "failed" or not outcome.retryable
        self.state.record_item(feed.name, item.id, item.url, outcome.status, outcome.reason, outcome.doc, final)
        self.state.count(
            feed.name,
            items=int(outcome.ok),
            documents=int(outcome.status == "new"),
            events=len(outcome.events),
        )
        return outcome

    def _finish(self, feed: Feed, state: FeedState, outcome: PollOutcome) -> PollOutcome:
        interval = feed.interval
        if outcome.error is not None:
            backoff = feed.interval * 2 ** min(state.failures, 16)
            interval = max(feed.interval, min(self.config.politeness.feed_backoff_cap, backoff))
        self.state.record_poll(state, outcome.status, outcome.error, self._clock() + interval)
        return outcome

    # --- articles --------------------------------------------------------------------------------------------
    def fetch_url(self, url: str) -> ArticleOutcome:
        """`rasd fetch`: one page asked for by hand, remembered so that a feed listing it later skips it."""
        outcome = self.fetch(url)
        final = outcome.status != "failed" or not outcome.retryable
        self.state.record_item(None, url, url, outcome.status, outcome.reason, outcome.doc, final)
        return outcome

    def fetch(self, url: str, feed: Feed | None = None, item: FeedItem | None = None) -> ArticleOutcome:
        """Download one article page, extract its reports, store them, and alert; never raises for one page."""
        try:
            resp = self.client.get(url)
            kind = resp.headers.get("content-type", "text/html").split(";")[0].strip().lower()
            if kind not in HTML_TYPES:
                return ArticleOutcome(url, "rejected", f"not an HTML page ({kind})")
            doc = _with_feed_metadata(document_from_html(resp.text(), origin=url, url=resp.url), feed, item)
            check_document(doc)
        except RobotsDisallowed as e:
            return ArticleOutcome(url, "blocked", e.reason)
        except FetchError as e:
            return ArticleOutcome(url, "failed", e.reason, retryable=e.retryable)
        except BadDocument as e:
            return ArticleOutcome(url, "rejected", e.reason)
        except Exception as e:  # noqa: BLE001 - a page that breaks the HTML reader must not stop the run
            return ArticleOutcome(url, "failed", f"could not read the page: {type(e).__name__}: {e}")
        return self._ingest(url, doc)

    def _ingest(self, url: str, doc: Document) -> ArticleOutcome:
        from rasd.pipeline import extract

        try:
            reports = extract(doc)
        except Exception as e:  # noqa: BLE001 - one article that breaks the pipeline must not stop the run
            return ArticleOutcome(url, "failed", f"extraction failed: {type(e).__name__}: {e}")
        result = self.store.add(doc, reports)
        events = [ev for ev in (self.store.event(eid) for eid in result.events) if ev is not None]
        alerts = self.alerter.check(events, result.doc) if self.alerter.sites else []
        reason = f"same text as {result.duplicate_of}" if result.duplicate_of else None
        return ArticleOutcome(url, result.status, reason, result.doc, result.reports, result.events, tuple(alerts))

    # --- loop ------------------------------------------------------------------------------------------------
    def run(self, report: Callable[[PollOutcome], None], stop: Callable[[], bool] = lambda: False) -> None:
        """Poll due feeds until `stop()` says so (or the process is interrupted), sleeping between rounds."""
        while not stop():
            for outcome in self.poll_due():
                report(outcome)
                if stop():
                    return
            wait = self.next_due() - self._clock()
            self._sleep(min(60.0, max(1.0, wait)))

    def status(self) -> list[dict[str, Any]]:
        """Every configured feed's state (a feed never polled shows as such)."""
        known = {s.name: s for s in self.state.feeds()}
        rows = []
        for f in self.config.feeds:
            s = known.get(f.name) or FeedState(f.name, f.url)
            rows.append(dataclasses.asdict(s) | {"enabled": f.enabled, "confirmed": f.confirmed})
        return rows


def _with_feed_metadata(doc: Document, feed: Feed | None, item: FeedItem | None) -> Document:
    """Fill what the page did not say from the feed: the curated outlet name wins, the page's time wins."""
    changes: dict[str, Any] = {}
    if feed is not None:
        if feed.outlet:
            changes["outlet"] = feed.outlet
        if not doc.lang:
            changes["lang"] = feed.language
    if item is not None:
        if not doc.published and item.published:
            changes["published"] = item.published
        if not doc.title and item.title:
            changes["title"] = item.title
    return dataclasses.replace(doc, **changes) if changes else doc
