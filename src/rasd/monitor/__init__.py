"""Monitor the web: fetch article pages and poll RSS/Atom feeds politely, ingest them, alert on watched places."""

from rasd.monitor.alerts import Alert, Alerter, haversine_km, match
from rasd.monitor.client import FetchError, PoliteClient, Response, RobotsDisallowed
from rasd.monitor.config import (
    ConfigError,
    Feed,
    MonitorConfig,
    Politeness,
    WatchSite,
    Webhook,
    load_config,
    validate_config,
)
from rasd.monitor.feeds import FeedError, FeedItem, parse_feed
from rasd.monitor.monitor import ArticleOutcome, Monitor, PollOutcome
from rasd.monitor.state import FeedState, MonitorState

__all__ = [
    "Alert",
    "Alerter",
    "ArticleOutcome",
    "ConfigError",
    "Feed",
    "FeedError",
    "FeedItem",
    "FeedState",
    "FetchError",
    "Monitor",
    "MonitorConfig",
    "MonitorState",
    "Politeness",
    "PollOutcome",
    "PoliteClient",
    "Response",
    "RobotsDisallowed",
    "WatchSite",
    "Webhook",
    "haversine_km",
    "load_config",
    "match",
    "parse_feed",
    "validate_config",
]
