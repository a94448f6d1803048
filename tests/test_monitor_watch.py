"""Polling feeds against a local site: ingest once, conditional GET, every failure visible, state kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.web.server import ETAG, LAST_MODIFIED, PROXY_VARS, Site, WebServer, monitor_config

from rasd.cli_monitor import status, watch
from rasd.monitor import FeedError, Monitor, MonitorConfig, PollOutcome, parse_feed

FEEDS = {
    "news": "/feeds/news.rss",
    "iraq": "/feeds/iraq.atom",
    "broken": "/feeds/broken.rss",
    "slow": "/feeds/slow.rss",
    "error": "/feeds/error.rss",
}


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    with WebServer() as s:
        s.slow_seconds = 0.5
        yield s


class Clock:
    """Wall-clock time that a test can move forward."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def poll(config: MonitorConfig, clock: Clock | None = None) -> dict[str, PollOutcome]:
    with Monitor(config, clock=clock or Clock(), sleep=lambda s: None) as mon:
        return {o.feed: o for o in mon.poll_due()}


def by_url(outcome: PollOutcome) -> dict[str, str]:
    return {a.url.rsplit("/", 2)[-2] + "/" + a.url.rsplit("/", 1)[-1]: a.status for a in outcome.articles}


def test_rss_and_atom_items_are_read_with_ids_links_and_times(site: Site) -> None:
    rss = parse_feed(site.fixture("news.rss"), site.base + "/feeds/news.rss")
    atom = parse_feed(site.fixture("iraq.atom"), site.base + "/feeds/iraq.atom")
    assert [i.id for i in rss] == ["example-sy-1001", "example-sy-1002", "example-sy-1003"]
    assert rss[0].url == site.base + "/news/tafas.html"
    assert rss[0].published == "2024-02-13T19:15:00+00:00"
    assert rss[0].title == "اشتباكات في طفس بريف درعا"
    assert [i.id for i in atom][:1] == ["urn:example:iq:2001"]
    assert atom[0].published == "2024-02-14T03:40:00+00:00"


def test_invalid_xml_is_a_feed_error_naming_the_url(site: Site) -> None:
    with pytest.raises(FeedError, match="broken.rss: not a valid RSS/Atom feed"):
        parse_feed(site.fixture("broken.rss"), site.base + "/feeds/broken.rss")


def test_one_poll_ingests_good_items_and_records_every_failure(site: Site, tmp_path: Path) -> None:
    out = poll(monitor_config(site, tmp_path, FEEDS))
    assert by_url(out["news"]) == {
        "news/tafas.html": "new",
        "news/kafrnabl.html": "new",
        "private/secret.html": "blocked",
    }
    assert by_url(out["iraq"]) == {"news/alqaim.html": "new", "news/big.html": "failed", "loop/a": "failed"}
    reasons = {a.url.rsplit("/", 1)[-1]: a.reason for a in out["iraq"].articles}
    assert "too large" in str(reasons["big.html"]) and "redirect loop" in str(reasons["a"])
    assert {name: o.status for name, o in out.items()} == {
        "news": "ok",
        "iraq": "ok",
        "broken": "failed",
        "slow": "failed",
        "error": "failed",
    }
    assert "not a valid RSS/Atom feed" in str(out["broken"].error)
    assert "timed out" in str(out["slow"].error)
    assert "HTTP 500 (after 2 attempts)" in str(out["error"].error)
    assert len(site.hits("/feeds/error.rss")) == 2  # one retry, as the policy says
    assert site.hits("/private/secret.html") == []


def test_the_second_poll_is_conditional_and_ingests_nothing(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"news": FEEDS["news"], "iraq": FEEDS["iraq"]})
    clock = Clock()
    poll(config, clock)
    clock.now += 901
    again = poll(config, clock)
    assert {o.status for o in again.values()} == {"not_modified"}
    assert site.hits("/feeds/news.rss")[1].headers["If-None-Match"] == ETAG
    assert site.hits("/feeds/iraq.atom")[1].headers["If-Modified-Since"] == LAST_MODIFIED
    assert len(site.hits("/news/tafas.html")) == 1


def test_running_once_twice_fetches_and_ingests_no_item_twice(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"plain": "/feeds/plain.rss"})  # no ETag: always a full answer
    clock = Clock()
    first = poll(config, clock)["plain"]
    clock.now += 901
    second = poll(config, clock)["plain"]
    assert sum(a.status == "new" for a in first.articles) == 2
    assert (second.status, second.items, second.articles) == ("ok", 3, [])
    assert len(site.hits("/news/tafas.html")) == len(site.hits("/news/kafrnabl.html")) == 1
    with Monitor(config) as mon:
        assert mon.store.stats()["documents"] == 2


def test_items_beyond_the_per_poll_limit_wait_for_the_next_polls(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"news": FEEDS["news"]})
    config = dataclasses.replace(config, politeness=dataclasses.replace(config.politeness, max_items_per_poll=2))
    clock = Clock()
    statuses = []
    for _ in range(3):
        out = poll(config, clock)["news"]
        statuses.append((out.status, len(out.articles)))
        clock.now += 901
    assert statuses == [("ok", 2), ("ok", 1), ("not_modified", 0)]
    assert "If-None-Match" not in site.hits("/feeds/news.rss")[1].headers  # the rest was still to be read


def test_state_survives_a_restart(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"news": FEEDS["news"], "error": FEEDS["error"]})
    clock = Clock()
    poll(config, clock)
    with Monitor(config, clock=clock) as fresh:
        news, error = (
            fresh.state.feed("news", config.feed("news").url),
            fresh.state.feed("error", config.feed("error").url),
        )
        assert (news.etag, news.last_status, news.failures, news.items) == (ETAG, "ok", 0, 2)
        assert (error.last_status, error.failures) == ("failed", 1)
        assert "HTTP 500" in str(error.last_error)
        assert fresh.due() == []  # nothing is polled again before its time
        assert fresh.state.seen("example-sy-1001", site.base + "/news/tafas.html")


def test_a_failing_feed_keeps_failing_visibly_and_is_polled_less_often(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"news": FEEDS["news"], "error": FEEDS["error"]})
    clock = Clock()
    gaps = []
    for _ in range(3):
        out = poll(config, clock)
        assert out["news"].status in ("ok", "not_modified")
        with Monitor(config, clock=clock) as mon:
            gaps.append(mon.state.feed("error", config.feed("error").url).next_poll - clock.now)
        clock.now += gaps[-1] + 1
    with Monitor(config) as mon:
        error = mon.state.feed("error", config.feed("error").url)
    assert (error.failures, error.errors, error.polls) == (3, 3, 3)
    assert gaps == [900, 1800, 3600]


def test_the_loop_polls_feeds_when_due_and_sleeps_in_between(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"news": FEEDS["news"]})
    clock, sleeps, polled = Clock(), [], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.now += seconds

    with Monitor(config, clock=clock, sleep=sleep) as mon:
        mon.run(polled.append, stop=lambda: len(polled) >= 2)
    assert [o.status for o in polled] == ["ok", "not_modified"]
    assert all(1 <= s <= 60 for s in sleeps) and 900 <= sum(sleeps) < 960


def test_a_page_fetched_by_hand_is_not_fetched_again_from_a_feed(site: Site, tmp_path: Path) -> None:
    config = monitor_config(site, tmp_path, {"plain": "/feeds/plain.rss"})
    with Monitor(config, clock=Clock()) as mon:
        assert mon.fetch_url(site.base + "/news/tafas.html").status == "new"
        out = list(mon.poll_due())[0]
    assert [a.url.rsplit("/", 1)[-1] for a in out.articles] == ["kafrnabl.html", "secret.html"]
    assert len(site.hits("/news/tafas.html")) == 1


def write_config(site: Site, tmp_path: Path) -> Path:
    feeds = "".join(f"  - name: {n}\n    url: {site.base}{p}\n    outlet: Outlet {n}\n" for n, p in FEEDS.items())
    politeness = "politeness: {min_host_interval: 0, timeout: 0.3, retries: 1, backoff: 0.01, max_bytes: 50000}\n"
    path = tmp_path / "monitor.yaml"
    path.write_text(f"version: 1\ninclude_defaults: false\nfeeds:\n{feeds}{politeness}", encoding="utf-8")
    return path


def test_watch_once_then_status_at_the_command_line(site: Site, tmp_path: Path) -> None:
    config = write_config(site, tmp_path)
    db = f"sqlite:///{tmp_path / 'rasd.sqlite'}"
    result = CliRunner().invoke(watch, ["--config", str(config), "--db", db, "--once"])
    assert result.exit_code == 0, result.output
    assert "news: 3 items, 3 fetched, 2 new, 1 failed" in result.stderr
    assert "broken: failed:" in result.stderr
    shown = CliRunner().invoke(status, ["--config", str(config), "--db", db])
    assert shown.exit_code == 0, shown.output
    lines = {line.split()[0]: line for line in shown.stdout.splitlines() if line.strip()}
    assert lines["news"].split()[1] == "ok" and lines["error"].split()[1] == "failed"
    assert "last error:" in shown.stdout and "timed out" in shown.stdout
    assert "store: 3 documents" in shown.stdout
    assert (tmp_path / "monitor.sqlite").exists()  # state next to the config
