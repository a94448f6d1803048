"""The dashboard: labels in two languages, evidence marks, offline assets, and the pages in headless Chromium.

The browser tests use Debian's chromium and chromedriver through selenium and skip, saying why, when any is
missing. Screenshots go to tests/artifacts/ (git-ignored) so a person can look at what the pages show.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasd.model import Document
from rasd.pipeline import extract
from rasd.serve.evidence import contested_fields, event_view, segments
from rasd.serve.i18n import DEFAULT_LANG, I18nError, accepted, catalog, choose_lang, taxonomy, validate
from rasd.serve.live import LiveServer
from rasd.store import open_store

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WAIT = 20  # seconds a page may take to draw its map (bounded)

ARTICLES = [
    Document(
        id="dash-a",
        outlet="وكالة الشمال",
        published="2023-09-05T09:00:00+03:00",
        text="هاجمت خلايا تنظيم داعش، فجر اليوم، حاجزاً لقوات سوريا الديمقراطية قرب بلدة البصيرة في ريف دير "
        "الزور الشرقي، ما أدى إلى مقتل أربعة عناصر من الحاجز.",
    ),
    Document(
        id="dash-b",
        outlet="شبكة الخابور",
        published="2023-09-05T16:00:00+03:00",
        text="أفاد المرصد السوري لحقوق الإنسان بمقتل سبعة عناصر من قوات سوريا الديمقراطية، فجر اليوم، في "
        "هجوم لخلايا تنظيم داعش على حاجز قرب بلدة البصيرة في ريف دير الزور الشرقي.",
    ),
    Document(
        id="dash-c",
        outlet="وكالة بغداد",
        published="2023-09-07T11:00:00+03:00",
        text="قصفت طائرة مسيرة تركية، صباح اليوم، سيارة في قضاء سنجار غرب الموصل، ما أدى إلى مقتل شخصين.",
    ),
]


# ---------------------------------------------------------------- labels and languages (no browser)


def test_every_language_has_every_label_and_taxonomy_name() -> None:
    languages = catalog()
    assert set(languages) == {"ar", "en"}
    assert set(languages["ar"].texts) == set(languages["en"].texts)
    assert languages["ar"].type_label("Battles") == "معارك"
    assert languages["ar"].sub_label("Air/drone strike") == "غارة جوية/بطائرة مسيّرة"
    assert languages["ar"].dir == "rtl" and languages["en"].dir == "ltr"


@pytest.mark.parametrize(
    ("texts", "reason"),
    [
        ({"en": {"a": "A"}, "ar": {}}, "i18n/ar.json: 'a': missing"),
        ({"en": {"a": "A"}, "ar": {"a": "  "}}, "i18n/ar.json: 'a': empty or not a string"),
        ({"en": {"a": "A"}, "ar": {"a": "أ", "b": "ب"}}, "i18n/ar.json: 'b': not in i18n/en.json"),
    ],
)
def test_label_validator_names_the_file_the_key_and_the_reason(texts: dict[str, Any], reason: str) -> None:
    full = {f"type.{t.name}": t.name for t in taxonomy()} | {f"sub.{s}": s for t in taxonomy() for s in t.subtypes}
    with pytest.raises(I18nError, match=re.escape(reason)):
        validate({lang: full | t for lang, t in texts.items()}, taxonomy())


def test_label_validator_requires_a_label_for_every_event_type() -> None:
    full = {f"type.{t.name}": t.name for t in taxonomy()} | {f"sub.{s}": s for t in taxonomy() for s in t.subtypes}
    without = {k: v for k, v in full.items() if k != "type.Battles"}
    with pytest.raises(I18nError, match=re.escape("i18n/en.json: 'type.Battles': missing")):
        validate({"en": without, "ar": full}, taxonomy())


@pytest.mark.parametrize(
    ("query", "header", "lang"),
    [
        (None, "ar-SY,ar;q=0.9,en;q=0.8", "ar"),
        (None, "en-US,en;q=0.9,ar;q=0.8", "en"),
        (None, "fr-FR,ar;q=0.5", "ar"),
        (None, "de", DEFAULT_LANG),
        (None, "ar;q=0", DEFAULT_LANG),
        (None, None, DEFAULT_LANG),
        ("ar", "en-US", "ar"),
        ("en", "ar", "en"),
        ("xx", "ar", "ar"),
    ],
)
def test_language_from_query_then_accept_language(query: str | None, header: str | None, lang: str) -> None:
    assert choose_lang(query, header) == lang


def test_accept_language_orders_by_quality() -> None:
    assert accepted("en;q=0.3, ar-IQ;q=0.8, fr") == ["fr", "ar", "en"]


# ---------------------------------------------------------------- evidence marks (no browser)


def test_overlapping_spans_become_runs_of_the_same_fields() -> None:
    cut = segments("قتل خمسة عناصر", [(0, 3, "event_type"), (4, 8, "fatalities"), (4, 14, "actor")])
    assert [(s.text, s.fields) for s in cut] == [
        ("قتل", ("event_type",)),
        (" ", ()),
        ("خمسة", ("actor", "fatalities")),
        (" عناصر", ("actor",)),
    ]


def test_a_repeated_word_is_marked_where_the_extractor_read_it() -> None:
    text = "مقدمة. هجوم أول ثم هجوم ثان على الحاجز."
    sentence = "هجوم أول ثم هجوم ثان على الحاجز."
    second = text.index("هجوم", text.index("هجوم") + 1)
    report = {
        "doc": "d1",
        "evidence": [{"field": "event_type", "text": "هجوم", "start": second, "end": second + 4, "sentence": sentence}],
    }
    view = event_view({"reports": [report], "documents": [{"id": "d1"}]}, {"d1": text})
    marked = [s for s in view.sources[0].sentences[0].segments if s.fields]
    assert [m.text for m in marked] == ["هجوم"]
    assert (
        view.sources[0].sentences[0].segments[0].text == "هجوم أول ثم "
    )  # the first هجوم is plain text, the second is marked


def test_contested_fields_come_from_disagreeing_claims_and_reasons() -> None:
    event = {
        "contested_reasons": ["denied by X (d3): event"],
        "claims": [
            {"field": "fatalities", "value": 4, "stance": "asserts"},
            {"field": "fatalities", "value": 7, "stance": "asserts"},
            {"field": "arrested", "value": 2, "stance": "asserts"},
            {"field": "arrested", "value": 2, "stance": "reports"},
        ],
    }
    assert contested_fields(event) == frozenset({"fatalities"})
    assert contested_fields({"contested_reasons": ["detainees_held: 900 (a) vs 200 (b)"]}) == {"detainees_held"}


# ---------------------------------------------------------------- pages over HTTP (no browser)


def _store(path: Path, docs: list[Document]) -> str:
    url = f"sqlite:///{path}"
    store = open_store(url)
    for doc in docs:
        store.add(doc, extract(doc))
    store.close()
    return url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(_store(tmp_path_factory.mktemp("dash") / "dash.sqlite", ARTICLES)) as live:
        yield live


def fetch(server: LiveServer, path: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(server.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def contested_id(server: LiveServer) -> str:
    import json

    _, body = fetch(server, "/api/events?contested=true&fields=id")
    items = json.loads(body)["items"]
    assert len(items) == 1, items
    return str(items[0]["id"])


@pytest.mark.parametrize(
    ("path", "headers", "root"),
    [
        ("/?lang=ar", {}, '<html lang="ar" dir="rtl">'),
        ("/?lang=en", {"Accept-Language": "ar"}, '<html lang="en" dir="ltr">'),
        ("/", {"Accept-Language": "ar-SY,ar;q=0.9"}, '<html lang="ar" dir="rtl">'),
        ("/", {"Accept-Language": "en-GB"}, '<html lang="en" dir="ltr">'),
    ],
)
def test_page_language_and_direction(server: LiveServer, path: str, headers: dict[str, str], root: str) -> None:
    status, html = fetch(server, path, **headers)
    assert status == 200
    assert root in html


def test_event_page_shows_rtl_evidence_with_marks_and_the_contested_figure(server: LiveServer) -> None:
    status, html = fetch(server, f"/events/{contested_id(server)}?lang=en")
    assert status == 200
    assert html.count('class="evidence" dir="rtl" lang="ar"') == 2  # one block per source
    assert re.search(r'<mark class="ev contested" data-fields="fatalities"[^>]*>[^<]*سبعة', html)
    assert re.search(r'<tr class="figure contested" data-field="fatalities">', html)
    assert 'data-doc="dash-a"' in html and 'data-doc="dash-b"' in html


def test_pages_load_nothing_from_the_internet(server: LiveServer) -> None:
    for path in ("/", f"/events/{contested_id(server)}"):
        html = fetch(server, path)[1]
        assert not re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"[^>]*(?:stylesheet)?', html.split("<footer")[0])
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js",
                  "/static/basemap/syr.geojson", "/static/basemap/irq.geojson"):  # fmt: skip
        assert fetch(server, asset)[0] == 200, asset
    assert '"type":"FeatureCollection"' in fetch(server, "/static/basemap/irq.geojson")[1]


def page_config(html: str) -> dict[str, Any]:
    import json

    found = re.search(r'<script type="application/json" id="rasd-config">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_no_tile_layer_unless_one_is_configured(server: LiveServer, tmp_path: Path) -> None:
    assert page_config(fetch(server, "/")[1])["tiles"] is None
    template = "https://tiles.example.org/{z}/{x}/{y}.png"
    with LiveServer(_store(tmp_path / "tiles.sqlite", ARTICLES[2:]), tiles=template) as tiled:
        assert page_config(fetch(tiled, "/")[1])["tiles"] == template


def test_a_bad_filter_is_shown_on_the_page_not_a_crash(server: LiveServer) -> None:
    status, html = fetch(server, "/?bbox=abc&lang=en")
    assert status == 422
    assert 'id="filter-error"' in html and "bbox" in html


def test_missing_event_page_is_an_html_404_for_a_browser_and_json_otherwise(server: LiveServer) -> None:
    status, html = fetch(server, "/events/EVmissing", Accept="text/html")
    assert status == 404 and "<html" in html
    status, body = fetch(server, "/events/EVmissing", Accept="application/json")
    assert status == 404 and body.startswith('{"error":')


# ---------------------------------------------------------------- headless Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rasd-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1500",
                f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_ready(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.find_element("tag name", "body").get_attribute("data-ready"))
    assert driver.find_element("tag name", "body").get_attribute("data-ready") == "1"


def click_and_load(driver: Any, element: Any) -> None:
    """Click what leads to another page, and wait until the old page is gone (never read it by mistake).

    The old page is marked with a window property that only it has; element staleness is not used because
    Chromium can answer a check on a node of a page being torn down with an inspector error instead.
    Driver errors while the navigation is under way are retried until the new page answers.
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.__rasdOldPage = true")
    element.click()
    WebDriverWait(driver, WAIT, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.__rasdOldPage === undefined && document.readyState !== 'loading'")
    )


def rows(driver: Any) -> list[Any]:
    return list(driver.find_elements("css selector", "#event-list tbody tr"))


def test_dashboard_filters_by_type_and_opens_a_contested_event(browser: Any, server: LiveServer) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/?lang=en")
    wait_ready(browser)
    assert browser.find_element("id", "map-status").get_attribute("data-placed") == "2"
    assert browser.find_elements("css selector", ".leaflet-overlay-pane path.leaflet-interactive")  # basemap, markers
    assert browser.find_elements("css selector", "#timeline-svg rect.bar")
    browser.save_screenshot(str(ARTIFACTS / "dashboard.png"))

    Select(browser.find_element("id", "f-type")).select_by_value("Battles")
    click_and_load(browser, browser.find_element("id", "f-apply"))
    wait_ready(browser)
    assert "type=Battles" in browser.current_url
    assert [r.get_attribute("data-type") for r in rows(browser)] == ["Battles"]
    assert browser.find_element("id", "map-status").get_attribute("data-placed") == "1"

    click_and_load(browser, rows(browser)[0].find_element("css selector", "a.event-link"))
    assert "/events/" in browser.current_url
    docs = {a.get_attribute("data-doc") for a in browser.find_elements("css selector", "#sources article.source")}
    assert docs == {"dash-a", "dash-b"}
    figure = browser.find_element("css selector", 'tr.figure.contested[data-field="fatalities"] mark.contested')
    assert figure.text == "4"
    claimed = {m.text for m in browser.find_elements("css selector", "#contested-claims mark.contested")}
    assert claimed == {"4", "7"}
    evidence = browser.find_element("css selector", ".evidence")
    assert (evidence.get_attribute("dir"), evidence.get_attribute("lang")) == ("rtl", "ar")
    assert evidence.value_of_css_property("direction") == "rtl"
    browser.save_screenshot(str(ARTIFACTS / "event.png"))


def test_language_switch_turns_the_page_arabic_and_right_to_left(browser: Any, server: LiveServer) -> None:
    browser.get(server.url + "/?lang=en")
    click_and_load(browser, browser.find_element("id", "lang-ar"))
    wait_ready(browser)
    html = browser.find_element("tag name", "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert browser.find_element("id", "f-apply").text == "تطبيق"
    browser.save_screenshot(str(ARTIFACTS / "dashboard-ar.png"))


def test_seed_articles_raqqa_event_shows_both_sources_and_the_contested_detainee_figure(
    browser: Any, tmp_path: Path
) -> None:
    seeds = SHARED / "corpus" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"{seeds} not found: the shared reference articles are needed for this scenario")
    from selenium.webdriver.support.ui import Select

    from rasd.ingest import read_paths

    docs = [item.document for item in read_paths([str(seeds)]) if item.document is not None]
    with LiveServer(_store(tmp_path / "seeds.sqlite", docs)) as live:
        browser.get(live.url + "/?lang=en")
        wait_ready(browser)
        Select(browser.find_element("id", "f-type")).select_by_value("Battles")
        # a date input types in the locale's order; set its value as the form will send it
        browser.execute_script("arguments[0].value = '2022-12-26'", browser.find_element("id", "f-since"))
        click_and_load(browser, browser.find_element("id", "f-apply"))
        wait_ready(browser)
        found = [r for r in rows(browser) if "Ar-Raqqa - Al-Intifada" in r.text and "2022-12-26" in r.text]
        assert len(found) == 1, [r.text for r in rows(browser)]
        click_and_load(browser, found[0].find_element("css selector", "a.event-link"))
        docs_shown = {a.get_attribute("data-doc") for a in browser.find_elements("css selector", "article.source")}
        assert {"seed-002", "seed-003"} <= docs_shown
        held = browser.find_elements("css selector", '#contested-claims tr[data-field="detainees_held"] mark')
        assert {m.text for m in held} == {"900", "200"}
        browser.save_screenshot(str(ARTIFACTS / "seed-raqqa-event.png"))
