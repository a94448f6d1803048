"""`rasd fetch`: article pages from a local site, their text and metadata stored; bad pages reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.web.server import PROXY_VARS, Site, WebServer

from rasd.cli_monitor import EXIT_FAILED, fetch
from rasd.store import open_store


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    with WebServer() as s:
        yield s


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.yaml"
    path.write_text(
        "version: 1\ninclude_defaults: false\n"
        "politeness: {min_host_interval: 0, timeout: 2, retries: 0, max_bytes: 50000, max_redirects: 3}\n",
        encoding="utf-8",
    )
    return path


def test_pages_are_stored_with_their_publication_time_from_meta_json_ld_and_time(
    site: Site, config: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'rasd.sqlite'}"
    urls = [site.base + p for p in ("/news/tafas.html", "/news/alqaim.html", "/news/kafrnabl.html")]
    result = CliRunner().invoke(fetch, [*urls, "--db", db, "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "fetching" in result.stderr  # the progress bar of a batch
    store = open_store(db)
    docs = {d["url"]: d for d in (store.document(r["id"]) for r in store.rows("SELECT id FROM documents"))}
    store.close()
    assert {u: (d or {}).get("published") for u, d in docs.items()} == {
        urls[0]: "2024-02-13T21:15:00+02:00",  # <meta property="article:published_time">
        urls[1]: "2024-02-14T06:40:00+03:00",  # JSON-LD datePublished
        urls[2]: "2024-02-15T09:05:00+02:00",  # <time datetime>
    }
    tafas = docs[urls[0]] or {}
    assert (tafas["title"], tafas["outlet"]) == ("اشتباكات في طفس بريف درعا", "موقع المثال")
    assert "اندلعت اشتباكات عنيفة" in tafas["text"] and "جميع الحقوق" not in tafas["text"]


def test_bad_pages_are_reported_with_url_and_reason_and_the_batch_goes_on(
    site: Site, config: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'rasd.sqlite'}"
    bad = {
        "/private/secret.html": "robots.txt disallows",
        "/news/big.html": "too large",
        "/loop/a": "redirect loop",
        "/news/missing.html": "HTTP 404",
        "/robots.txt": "not an HTML page",
    }
    urls = [site.base + p for p in bad] + [site.base + "/news/tafas.html"]
    result = CliRunner().invoke(fetch, [*urls, "--db", db, "--config", str(config)])
    assert result.exit_code == EXIT_FAILED
    lines = result.stderr.splitlines()
    for path, reason in bad.items():
        assert any(f"{site.base}{path}: " in x and reason in x for x in lines), (path, reason, lines)
    assert "1 new" in result.stderr
    store = open_store(db)
    assert store.stats()["documents"] == 1
    store.close()
