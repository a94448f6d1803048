"""Watchlist alerts: distance and type decide; a local webhook receiver gets the event inside the radius only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.web.server import PROXY_VARS, Site, WebServer, monitor_config

from rasd.monitor import Alerter, Monitor, MonitorState, WatchSite, Webhook, haversine_km, match

TAFAS = WatchSite("طفس", 32.737, 36.066, 10.0, ("Battles", "Explosions/Remote violence"))


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    with WebServer() as s:
        yield s


def event(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "EV1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "latitude": 32.74,
        "longitude": 36.07,
    }
    return base | fields


def test_haversine_gives_the_distance_between_damascus_and_aleppo() -> None:
    assert haversine_km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(310, abs=5)


@pytest.mark.parametrize(
    ("types", "fields", "matches"),
    [
        (TAFAS.event_types, {}, True),
        (("Armed clash",), {}, True),  # a site may watch a sub-event type
        (("Air/drone strike",), {}, False),
        (TAFAS.event_types, {"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
        (TAFAS.event_types, {"latitude": 32.9, "longitude": 36.3}, False),  # about 28 km away
        (TAFAS.event_types, {"latitude": None, "longitude": None}, False),  # no point, no distance
        ((), {"event_type": "Protests", "sub_event_type": "Peaceful protest"}, True),  # no types: every type
    ],
)
def test_an_event_matches_a_site_by_type_and_distance(
    types: tuple[str, ...], fields: dict[str, Any], matches: bool
) -> None:
    site = WatchSite("طفس", TAFAS.lat, TAFAS.lon, TAFAS.radius_km, types)
    assert (match(site, event(**fields)) is not None) is matches


def test_the_second_alert_for_an_event_says_updated(tmp_path: Path) -> None:
    state = MonitorState(tmp_path / "state.sqlite")
    alerter = Alerter([TAFAS], tmp_path / "alerts.jsonl", state)
    first = alerter.check([event()], "doc-1")
    again = alerter.check([event(fatalities=4)], "doc-2")
    assert [a.change for a in first + again] == ["new", "updated"]
    lines = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(x["alert"]["document"], x["alert"]["change"]) for x in lines] == [("doc-1", "new"), ("doc-2", "updated")]
    state.close()


def test_the_webhook_gets_the_event_inside_the_radius_and_not_the_one_outside(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {}, watchlist=(TAFAS,), webhook=Webhook(site.base + "/hook", timeout=2))
    with Monitor(config) as mon:
        inside = mon.fetch(site.base + "/news/tafas.html")
        outside = mon.fetch(site.base + "/news/kafrnabl.html")  # shelling in Idlib, some 320 km north
    assert (inside.status, outside.status) == ("new", "new")
    assert [a.webhook for a in inside.alerts] == ["delivered"] and outside.alerts == ()
    assert len(site.hooks) == 1
    posted = site.hooks[0]
    assert (posted["event_type"], posted["location"], posted["event_date"]) == ("Battles", "Tafas", "2024-02-13")
    assert posted["alert"]["site"] == "طفس" and posted["alert"]["distance_km"] < 10
    assert posted["id"] in inside.events
    assert site.hits("/hook")[0].headers["Content-Type"].startswith("application/json")
    logged = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in logged] == [posted["id"]]


def test_a_failing_webhook_is_retried_logged_and_never_fatal(site: Site, tmp_path: Path) -> None:
    site.hook_status = 503
    state = MonitorState(tmp_path / "state.sqlite")
    hook = Webhook(site.base + "/hook", timeout=2, retries=2, backoff=0.0)
    alerter = Alerter([TAFAS], tmp_path / "alerts.jsonl", state, hook)
    sent = alerter.check([event()], "doc-1")
    assert [a.webhook for a in sent] == ["failed: HTTP 503"]
    assert len(site.hits("/hook")) == 3
    assert state.alert_counts() == {"alerts": 1, "webhook_failures": 1}
    assert len((tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == 1  # the alert is kept
    alerter.close()
    state.close()


def test_an_unreachable_webhook_is_not_fatal(tmp_path: Path) -> None:
    state = MonitorState(tmp_path / "state.sqlite")
    hook = Webhook("http://127.0.0.1:9/hook", timeout=0.5, retries=1, backoff=0.0)  # the discard port: refused
    alerter = Alerter([TAFAS], tmp_path / "alerts.jsonl", state, hook)
    sent = alerter.check([event()])
    assert sent[0].webhook is not None and sent[0].webhook.startswith("failed: ConnectError")
    alerter.close()
    state.close()
