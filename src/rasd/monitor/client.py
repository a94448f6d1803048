"""A polite HTTP client: robots.txt, one host at a time and spaced, bounded in time, size and redirects.

Redirects are followed here, not by httpx, so that every hop is checked against robots.txt and the host's
rate limit, and a loop is named as a loop. Bodies are streamed and the download stops at the size limit.
Timeouts, 429 and 5xx are retried with exponential backoff (Retry-After honoured up to the cap); every other
failure is final at once. Each failure is a FetchError whose message names the URL and the reason.
"""

from __future__ import annotations

import email.utils
import re
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from rasd.monitor.config import Politeness

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000
ROBOTS_FAILURE_TTL = 600.0  # an unreachable robots.txt is asked again after this long


class FetchError(Exception):
    """A URL could not be fetched; `reason` says why, `retryable` whether trying again later may help."""

    def __init__(self, url: str, reason: str, retryable: bool = False, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL to our user agent."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_body(self.body, self.headers.get("content-type"))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def decode_body(body: bytes, content_type: str | None) -> str:
    """Text of an HTML body: the header's charset, else the page's <meta charset>, else UTF-8, else cp1256."""
    candidates: list[str] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        candidates.append(m.group(1))
    if m2 := _META_CHARSET.search(body[:4096]):
        candidates.append(m2.group(1).decode("ascii"))
    for encoding in [*candidates, "utf-8"]:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1256", errors="replace")  # older Arabic sites send Windows-1256 without saying so


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: allow everything
    expires: float
    error: str | None = None  # set: robots.txt unreachable, so nothing on the host is fetched for now


class PoliteClient:
    """One client per run; it remembers robots.txt and the last request time of every host it has seen."""

    def __init__(
        self,
        politeness: Politeness,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.p = politeness
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self._http = httpx.Client(
            headers={"User-Agent": politeness.user_agent},
            timeout=httpx.Timeout(politeness.timeout),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    # --- public ----------------------------------------------------------------------------------------------
    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET `url` politely, retrying what may pass; a 304 is returned, any other non-2xx raises FetchError."""
        attempt = 0
        while True:
            try:
                return self._follow(url, dict(headers or {}))
            except FetchError as e:
                if not e.retryable or attempt >= self.p.retries:
                    if attempt:
                        raise FetchError(e.url, f"{e.reason} (after {attempt + 1} attempts)", e.retryable) from e
                    raise
                delay = e.retry_after if e.retry_after is not None else self.p.backoff * 2**attempt
                self._sleep(min(self.p.backoff_cap, delay))
                attempt += 1

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch `url` (fetching robots.txt if not known yet)."""
        rules = self._rules(url)
        return rules.error is None and (rules.parser is None or rules.parser.can_fetch(self.p.user_agent, url))

    # --- redirects and robots -----------------------------------------------------------------------------
    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        chain = [url]
        current = url
        for _ in range(self.p.max_redirects + 1):
            self._check_robots(current)
            resp = self._request(current, headers)
            location = resp.headers.get("location")
            if resp.status not in REDIRECTS or not location:
                return _checked(resp)
            target = urljoin(current, location)
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"redirect to a non-web URL {target!r}")
            if target in chain:
                raise FetchError(url, "redirect loop: " + " -> ".join([*chain, target]))
            chain.append(target)
            current = target
        raise FetchError(url, f"too many redirects (more than {self.p.max_redirects}): " + " -> ".join(chain))

    def _check_robots(self, url: str) -> None:
        rules = self._rules(url)
        if rules.error is not None:
            raise FetchError(url, f"robots.txt unreachable, not fetching for now ({rules.error})", retryable=True)
        if rules.parser is not None and not rules.parser.can_fetch(self.p.user_agent, url):
            raise RobotsDisallowed(url, "robots.txt disallows this URL")

    def _rules(self, url: str) -> _Robots:
        origin = _origin(url)
        known = self._robots.get(origin)
        if known is not None and known.expires > self._clock():
            return known
        rules = self._fetch_robots(origin)
        self._robots[origin] = rules
        return rules

    def _fetch_robots(self, origin: str) -> _Robots:
        """RFC 9309: a 4xx robots.txt allows all, a 5xx or an unreachable one disallows all for a while."""
        url = origin + "/robots.txt"
        now = self._clock()
        try:
            resp = self._request(url, {}, max_bytes=ROBOTS_MAX_BYTES)
            for _ in range(5):
                location = resp.headers.get("location")
                if resp.status not in REDIRECTS or not location:
                    break
                resp = self._request(urljoin(resp.url, location), {}, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as e:
            return _Robots(None, now + min(self.p.robots_ttl, ROBOTS_FAILURE_TTL), e.reason)
        if resp.status >= 500:
            return _Robots(None, now + min(self.p.robots_ttl, ROBOTS_FAILURE_TTL), f"robots.txt HTTP {resp.status}")
        if resp.status >= 300:
            return _Robots(None, now + self.p.robots_ttl)
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(resp.text().splitlines())
        return _Robots(parser, now + self.p.robots_ttl)

    # --- one request ------------------------------------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        """Sleep until the host's minimum interval (or its robots.txt Crawl-delay, if longer) has passed."""
        origin = _origin(url)
        interval = self.p.min_host_interval
        rules = self._robots.get(origin)
        if rules is not None and rules.parser is not None:
            delay = rules.parser.crawl_delay(self.p.user_agent)
            interval = max(interval, float(delay or 0))
        last = self._last.get(origin)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[origin] = self._clock()

    def _request(self, url: str, headers: dict[str, str], max_bytes: int | None = None) -> Response:
        limit = max_bytes or self.p.max_bytes
        self._wait_turn(url)
        try:
            with self._http.stream("GET", url, headers=headers) as r:
                head = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code in REDIRECTS or r.status_code == 304 or r.status_code >= 400:
                    return Response(str(r.url), r.status_code, b"", head)
                body = self._read(url, r, head, limit)
                return Response(str(r.url), r.status_code, body, head)
        except httpx.TimeoutException as e:
            raise FetchError(url, f"timed out ({type(e).__name__}, limit {self.p.timeout:g}s)", retryable=True) from e
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:
            raise FetchError(url, f"not a fetchable URL: {e}") from e
        except httpx.TransportError as e:
            raise FetchError(url, f"network error: {type(e).__name__}: {e}", retryable=True) from e

    def _read(self, url: str, r: httpx.Response, head: dict[str, str], limit: int) -> bytes:
        declared = head.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response too large: {declared} bytes declared, limit {limit}")
        deadline = self._clock() + self.p.max_time
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response too large: more than {limit} bytes")
            if self._clock() > deadline:
                raise FetchError(url, f"response took longer than {self.p.max_time:g}s", retryable=True)
            chunks.append(chunk)
        return b"".join(chunks)


def _checked(resp: Response) -> Response:
    if resp.status == 304 or 200 <= resp.status < 300:
        return resp
    retryable = resp.status == 429 or resp.status >= 500
    after = _retry_after(resp.headers.get("retry-after")) if retryable else None
    raise FetchError(resp.url, f"HTTP {resp.status}", retryable=retryable, retry_after=after)
