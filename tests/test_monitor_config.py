"""The shipped outlet list and users' config files: validation with named problems, merging, paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rasd.monitor import ConfigError, load_config, validate_config
from rasd.monitor.config import DEFAULT_FEEDS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_list_is_valid_and_covers_syria_and_iraq() -> None:
    raw = yaml.safe_load(DEFAULT_FEEDS.read_text(encoding="utf-8"))
    assert validate_config(raw, str(DEFAULT_FEEDS)) == []
    assert {f["country"] for f in raw["feeds"]} >= {"Syria", "Iraq"}
    assert all("confirmed" in f for f in raw["feeds"])  # every URL says whether it could be confirmed
    config = load_config()
    assert all(f.url.startswith("https://") and f.language == "ar" for f in config.feeds)
    assert config.watchlist == () and config.webhook is None


def test_user_feeds_are_added_and_replace_shipped_ones_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nfeeds:\n"
        "  - {name: sana, url: 'https://sana.sy/?feed=rss2', outlet: SANA, interval: 600}\n"
        "  - {name: my-local, url: 'https://example.org/feed.xml', enabled: false}\n",
    )
    config = load_config(path)
    shipped = len(yaml.safe_load(DEFAULT_FEEDS.read_text(encoding="utf-8"))["feeds"])
    assert len(config.feeds) == shipped + 1
    assert (config.feed("sana").url, config.feed("sana").interval) == ("https://sana.sy/?feed=rss2", 600)
    assert config.feed("my-local").enabled is False
    assert config.state_path == tmp_path / "monitor.sqlite" and config.alerts_log == tmp_path / "alerts.jsonl"


def test_a_user_may_leave_the_shipped_list_out_and_set_everything(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\ninclude_defaults: false\n"
        "feeds: [{name: mine, url: 'https://example.org/rss'}]\n"
        "watchlist: [{name: سجن غويران, lat: 36.47, lon: 40.72, radius_km: 5, event_types: [Battles]}]\n"
        "webhook: {url: 'http://127.0.0.1:8080/hook', retries: 1}\n"
        "politeness: {user_agent: 'myorg-rasd/1 (+mailto:ops@example.org)', min_host_interval: 10}\n"
        "state: state/rasd.sqlite\nalerts_log: alerts/rasd.jsonl\n",
    )
    config = load_config(path)
    assert [f.name for f in config.feeds] == ["mine"]
    assert config.watchlist[0].name == "سجن غويران" and config.watchlist[0].event_types == ("Battles",)
    assert config.webhook is not None and config.webhook.retries == 1
    assert config.politeness.user_agent.startswith("myorg-rasd/1") and config.politeness.min_host_interval == 10
    assert config.politeness.timeout == 20.0  # what the user did not set keeps its default
    assert config.state_path == tmp_path / "state" / "rasd.sqlite"
    assert config.with_interval(60).feeds[0].interval == 60


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "feeds: [{name: a, url: 'https://x.org/1'}, {name: a, url: 'https://x.org/2'}]",
            "feeds/1 'a': duplicate name 'a'",
        ),
        (
            "feeds: [{name: a, url: 'https://x.org/1'}, {name: b, url: 'https://x.org/1/'}]",
            "feeds/1 'b': duplicate url",
        ),
        ("feeds: [{name: a, url: 'ftp://x.org/1'}]", "feeds/0/url"),
        ("feeds: [{name: A B, url: 'https://x.org/1'}]", "feeds/0/name"),
        ("watchlist: [{name: حقل العمر, lat: 35.0, lon: 40.5, radius_km: 0}]", "watchlist/0/radius_km"),
        (
            "watchlist: [{name: حقل العمر, lat: 35.0, lon: 40.5, radius_km: 3, event_types: [Fighting]}]",
            "watchlist/0 'حقل العمر': unknown event type 'Fighting'",
        ),
        ("politeness: {timeout: 5, speed: 3}", "politeness: Additional properties are not allowed"),
    ],
)
def test_a_bad_config_is_refused_naming_file_entry_and_reason(tmp_path: Path, body: str, problem: str) -> None:
    path = write(tmp_path, "version: 1\n" + body + "\n")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(path) in str(e.value) and problem in str(e.value)


def test_a_config_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "feeds: [unclosed\n"))


def test_without_a_config_file_state_and_alerts_go_to_the_users_rasd_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASD_HOME", str(tmp_path / "home"))
    config = load_config()
    assert (config.state_path, config.alerts_log) == (
        tmp_path / "home" / "monitor.sqlite",
        tmp_path / "home" / "alerts.jsonl",
    )
