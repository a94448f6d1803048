"""The monitor's configuration: feeds, watchlist, webhook, politeness, and where state and alerts go.

The shipped list of outlets (data/feeds.yaml) and the user's config file have one shape and one schema
(data/feeds.schema.json). The user's feeds are added to the shipped ones, and a user feed with the name
of a shipped one replaces it, so a user can fix a URL or switch a feed off without copying the list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from rasd import paths

DATA = Path(str(resources.files("rasd") / "data"))
DEFAULT_FEEDS = DATA / "feeds.yaml"
SCHEMA_PATH = DATA / "feeds.schema.json"
STATE_NAME = "monitor.sqlite"
ALERTS_NAME = "alerts.jsonl"


class ConfigError(ValueError):
    """A monitor config file is malformed; the message names the file, the entry and every problem."""


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("rasd")
    except PackageNotFoundError:
        return "0"


def default_user_agent() -> str:
    return f"rasd/{version()} (+https://example.invalid/rasd; monitoring)"


@dataclass(frozen=True)
class Politeness:
    """How hard the monitor may press a site: one request at a time, spaced, bounded in time and size."""

    user_agent: str = field(default_factory=default_user_agent)
    min_host_interval: float = 5.0  # seconds between two requests to one host
    timeout: float = 20.0  # connect / read timeout of one network operation
    max_time: float = 60.0  # a whole response, however slowly it drips
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3  # retries after the first attempt, for timeouts, 429 and 5xx
    backoff: float = 2.0  # first retry delay; doubles each time
    backoff_cap: float = 120.0
    robots_ttl: float = 86_400.0
    max_items_per_poll: int = 30
    feed_backoff_cap: float = 21_600.0  # a failing feed is polled less and less often, down to this


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    outlet: str | None = None
    language: str = "ar"
    country: str | None = None
    interval: float = 900.0
    enabled: bool = True
    confirmed: bool = True  # False: the URL could not be confirmed when the list was written


@dataclass(frozen=True)
class WatchSite:
    """A place a user cares about: events of these types within radius_km of (lat, lon) raise an alert."""

    name: str
    lat: float
    lon: float
    radius_km: float
    event_types: tuple[str, ...] = ()  # event or sub-event types; empty: every type


@dataclass(frozen=True)
class Webhook:
    url: str
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 2.0


@dataclass(frozen=True)
class MonitorConfig:
    feeds: tuple[Feed, ...] = ()
    watchlist: tuple[WatchSite, ...] = ()
    webhook: Webhook | None = None
    politeness: Politeness = field(default_factory=Politeness)
    state_path: Path = field(default_factory=lambda: paths.home() / STATE_NAME)
    alerts_log: Path = field(default_factory=lambda: paths.home() / ALERTS_NAME)
    db: str | None = None
    source: str = "(defaults)"

    def feed(self, name: str) -> Feed:
        for f in self.feeds:
            if f.name == name:
                return f
        raise ConfigError(f"no feed named {name!r} in {self.source}")

    def with_interval(self, seconds: float) -> MonitorConfig:
        """The same config with every feed polled every `seconds` (rasd watch --interval)."""
        return replace(self, feeds=tuple(replace(f, interval=seconds) for f in self.feeds))


def _event_types() -> set[str]:
    from rasd.recognize.lexicon import EVENT_TYPES

    return set(EVENT_TYPES) | {sub for subs in EVENT_TYPES.values() for sub in subs}


def validate_config(data: Any, source: str) -> list[str]:
    """Every problem of a parsed config: schema, duplicate names or URLs, unknown event types."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        return [f"{source}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]
    problems: list[str] = []
    for key in ("name", "url"):
        seen: set[str] = set()
        for i, f in enumerate(data.get("feeds", [])):
            value = f[key].strip().rstrip("/") if key == "url" else f[key]
            if value in seen:
                problems.append(f"{source}: feeds/{i} {f['name']!r}: duplicate {key} {f[key]!r}")
            seen.add(value)
    known, names = _event_types(), set()
    for i, site in enumerate(data.get("watchlist", [])):
        where = f"{source}: watchlist/{i} {site['name']!r}"
        if site["name"] in names:
            problems.append(f"{where}: duplicate name")
        names.add(site["name"])
        problems += [f"{where}: unknown event type {t!r}" for t in site.get("event_types", []) if t not in known]
    return problems


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse and validate one config file (the shipped list or a user's); raise ConfigError listing problems."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from e
    data = {} if data is None else data
    problems = validate_config(data, str(path))
    if problems:
        raise ConfigError("\n".join(problems))
    return dict(data)


def _feed(raw: dict[str, Any]) -> Feed:
    return Feed(
        name=raw["name"],
        url=raw["url"].strip(),
        outlet=raw.get("outlet"),
        language=raw.get("language", "ar"),
        country=raw.get("country"),
        interval=float(raw.get("interval", 900)),
        enabled=raw.get("enabled", True),
        confirmed=raw.get("confirmed", True),
    )


def _merge_feeds(shipped: list[dict[str, Any]], user: list[dict[str, Any]]) -> tuple[Feed, ...]:
    by_name = {f["name"]: _feed(f) for f in shipped}
    for raw in user:
        by_name[raw["name"]] = _feed(raw)
    return tuple(by_name.values())


def load_config(path: Path | None = None, defaults: Path = DEFAULT_FEEDS) -> MonitorConfig:
    """The shipped outlets merged with the user's config at `path` (state and alerts go next to it)."""
    shipped = read_config_file(defaults)
    user = read_config_file(path) if path is not None else {}
    base = path.resolve().parent if path is not None else paths.home()
    feeds = _merge_feeds(shipped.get("feeds", []) if user.get("include_defaults", True) else [], user.get("feeds", []))
    sites = tuple(
        WatchSite(s["name"], float(s["lat"]), float(s["lon"]), float(s["radius_km"]), tuple(s.get("event_types", [])))
        for s in user.get("watchlist", [])
    )
    hook = user.get("webhook")
    polite = {**shipped.get("politeness", {}), **user.get("politeness", {})}
    return MonitorConfig(
        feeds=feeds,
        watchlist=sites,
        webhook=Webhook(**hook) if hook else None,
        politeness=Politeness(**polite),
        state_path=base / user.get("state", STATE_NAME),
        alerts_log=base / user.get("alerts_log", ALERTS_NAME),
        db=user.get("db"),
        source=str(path) if path is not None else str(defaults),
    )
