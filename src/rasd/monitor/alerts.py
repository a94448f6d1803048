"""Watchlist alerts: an event of a watched type within a site's radius becomes a log line and a webhook POST.

The log line is written first, so an alert is never lost to a webhook that is down; the webhook is retried
with backoff and its failure is logged and remembered (shown by `rasd status`), never raised.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from rasd.monitor.config import WatchSite, Webhook
from rasd.monitor.state import MonitorState, now_iso

log = logging.getLogger("rasd.monitor")
EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def match(site: WatchSite, event: dict[str, Any]) -> float | None:
    """The event's distance from the site when the event is of a watched type inside the radius, else None."""
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None:
        return None
    if site.event_types and not {event.get("event_type"), event.get("sub_event_type")} & set(site.event_types):
        return None
    km = haversine_km(site.lat, site.lon, float(lat), float(lon))
    return km if km <= site.radius_km else None


@dataclass(frozen=True)
class Alert:
    site: WatchSite
    distance_km: float
    change: str  # new | updated
    event: dict[str, Any]
    document: str | None = None  # the document whose ingest made or changed the event
    webhook: str | None = None  # delivered | failed: reason | None (no webhook)

    def payload(self) -> dict[str, Any]:
        """The event as the store gives it (without its report bodies), and why it is an alert."""
        event = {k: v for k, v in self.event.items() if k != "reports"}
        event["alert"] = {
            "site": self.site.name,
            "site_lat": self.site.lat,
            "site_lon": self.site.lon,
            "radius_km": self.site.radius_km,
            "distance_km": round(self.distance_km, 2),
            "change": self.change,
            "document": self.document,
        }
        return event


class Alerter:
    def __init__(
        self,
        sites: Iterable[WatchSite],
        log_path: Path,
        state: MonitorState,
        webhook: Webhook | None = None,
        user_agent: str = "rasd",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.sites = tuple(sites)
        self.log_path = log_path
        self.state = state
        self.webhook = webhook
        self.user_agent = user_agent
        self._sleep = sleep
        self._http: httpx.Client | None = None  # made on the first POST: most runs alert rarely

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def check(self, events: Iterable[dict[str, Any]], document: str | None = None) -> list[Alert]:
        """Alert on every (event, site) pair that matches; each is logged, posted and remembered."""
        sent: list[Alert] = []
        for event in events:
            for site in self.sites:
                km = match(site, event)
                if km is None:
                    continue
                change = "updated" if self.state.alerted(event["id"], site.name) else "new"
                alert = Alert(site, km, change, event, document)
                self._log(alert)
                outcome = self._post(alert) if self.webhook else None
                self.state.record_alert(event["id"], site.name, outcome)
                sent.append(Alert(site, km, change, event, document, outcome))
        return sent

    def _log(self, alert: Alert) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        line = {"time": now_iso()} | alert.payload()
        with self.log_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")

    def _post(self, alert: Alert) -> str:
        """POST the alert; 'delivered' or 'failed: reason' after the retries."""
        assert self.webhook is not None
        hook = self.webhook
        body = json.dumps(alert.payload(), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": self.user_agent}
        if self._http is None:
            self._http = httpx.Client(timeout=hook.timeout, follow_redirects=False)
        reason = ""
        for attempt in range(hook.retries + 1):
            if attempt:
                self._sleep(hook.backoff * 2 ** (attempt - 1))
            try:
                r = self._http.post(hook.url, content=body, headers=headers)
            except httpx.HTTPError as e:
                reason = f"{type(e).__name__}: {e}"
                continue
            if r.status_code < 300:
                return "delivered"
            reason = f"HTTP {r.status_code}"
            if r.status_code < 500 and r.status_code != 429:
                break  # the receiver refuses this alert; asking again will not change its mind
        log.warning("webhook %s failed for event %s (%s): %s", hook.url, alert.event["id"], alert.site.name, reason)
        return f"failed: {reason}"
