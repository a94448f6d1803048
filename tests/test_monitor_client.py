"""The polite client against a local site: robots.txt, size limit, redirects, retries, timeouts, rate limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures.web.server import ETAG, PROXY_VARS, Site, WebServer, fast_politeness

from rasd.monitor import FetchError, PoliteClient, RobotsDisallowed
from rasd.monitor.client import decode_body


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    with WebServer() as s:
        yield s


class Sleeps(list[float]):
    """A sleep that only remembers how long it was asked to sleep."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(**overrides: object) -> tuple[PoliteClient, Sleeps]:
    sleeps = Sleeps()
    return PoliteClient(fast_politeness(**overrides), sleep=sleeps), sleeps


def test_requests_carry_the_rasd_user_agent(site: Site) -> None:
    c, _ = client()
    c.get(site.base + "/news/tafas.html")
    agents = {r.headers["User-Agent"] for r in site.requests}
    assert len(agents) == 1
    assert agents.pop().startswith("rasd/") and "monitoring" in str(c.p.user_agent)


def test_a_path_robots_txt_disallows_is_never_requested(site: Site) -> None:
    c, _ = client()
    with pytest.raises(RobotsDisallowed, match="robots.txt disallows"):
        c.get(site.base + "/private/secret.html")
    c.get(site.base + "/news/tafas.html")
    assert site.hits("/private/secret.html") == []
    assert len(site.hits("/robots.txt")) == 1  # cached per host


@pytest.mark.parametrize("path", ["/news/big.html", "/news/big-declared.html"])
def test_a_page_over_the_size_limit_is_refused(site: Site, path: str) -> None:
    c, _ = client(max_bytes=20_000)
    with pytest.raises(FetchError, match="too large") as e:
        c.get(site.base + path)
    assert not e.value.retryable
    assert len(site.hits(path)) == 1


def test_a_redirect_loop_is_named_and_not_retried(site: Site) -> None:
    c, _ = client()
    with pytest.raises(FetchError, match="redirect loop: .*/loop/a -> .*/loop/b -> .*/loop/a"):
        c.get(site.base + "/loop/a")
    assert len(site.hits("/loop/a")) == 1


def test_redirects_stop_at_the_limit(site: Site) -> None:
    c, _ = client(max_redirects=3)
    with pytest.raises(FetchError, match="too many redirects"):
        c.get(site.base + "/chain/0")
    assert len([r for r in site.requests if r.path.startswith("/chain/")]) == 4


def test_a_server_error_is_retried_with_growing_backoff_then_fails(site: Site) -> None:
    c, sleeps = client(retries=2, backoff=0.01, backoff_cap=1.0)
    with pytest.raises(FetchError, match=r"HTTP 500 \(after 3 attempts\)"):
        c.get(site.base + "/feeds/error.rss")
    assert len(site.hits("/feeds/error.rss")) == 3
    assert sleeps == [0.01, 0.02]


def test_a_timeout_is_retried_then_fails(site: Site) -> None:
    site.slow_seconds = 0.6
    c, _ = client(timeout=0.15, retries=1)
    with pytest.raises(FetchError, match="timed out") as e:
        c.get(site.base + "/feeds/slow.rss")
    assert e.value.retryable
    assert len(site.hits("/feeds/slow.rss")) == 2


def test_a_conditional_get_can_answer_not_modified(site: Site) -> None:
    c, _ = client()
    first = c.get(site.base + "/feeds/news.rss")
    again = c.get(site.base + "/feeds/news.rss", {"If-None-Match": first.headers["etag"]})
    assert (first.status, again.status, again.not_modified) == (200, 304, True)
    assert site.hits("/feeds/news.rss")[1].headers["If-None-Match"] == ETAG


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    c, sleeps = client(min_host_interval=0.5)
    c.get(site.base + "/news/tafas.html")  # robots.txt, then the page: one wait
    c.get(site.base + "/news/alqaim.html")  # one more wait
    assert len(sleeps) == 2
    assert all(0.3 < s <= 0.5 for s in sleeps)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<p>قصف على البلدة</p>".encode("cp1256"), None),
        ("<p>قصف على البلدة</p>".encode("cp1256"), "text/html; charset=windows-1256"),
        ('<meta charset="windows-1256"><p>قصف على البلدة</p>'.encode("cp1256"), "text/html"),
        ("<p>قصف على البلدة</p>".encode(), "text/html"),
    ],
)
def test_arabic_pages_are_decoded_in_their_encoding(body: bytes, content_type: str | None) -> None:
    assert "قصف على البلدة" in decode_body(body, content_type)
