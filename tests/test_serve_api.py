"""The HTTP API on a real uvicorn server (127.0.0.1, a free port) over a store of short Arabic articles."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from rasd.model import Document
from rasd.pipeline import extract
from rasd.serve.live import LiveServer
from rasd.store import Store, open_store

# Two outlets tell one clash with different death tolls (one contested event); three other events.
ARTICLES = [
    Document(
        id="api-a",
        outlet="وكالة الشرق",
        published="2023-03-14T10:00:00+03:00",
        text="قتل خمسة عناصر من قوات سوريا الديمقراطية، فجر اليوم، في اشتباكات مع خلايا تنظيم داعش قرب سجن "
        "غويران في مدينة الحسكة، واعتقلت القوات اثنين من المهاجمين.",
    ),
    Document(
        id="api-b",
        outlet="شبكة الفرات",
        published="2023-03-14T18:00:00+03:00",
        text="أفاد المرصد السوري لحقوق الإنسان بمقتل تسعة عناصر من قوات سوريا الديمقراطية، فجر اليوم، في "
        "اشتباكات مع خلايا تنظيم داعش قرب سجن غويران في مدينة الحسكة.",
    ),
    Document(
        id="api-c",
        outlet="وكالة الجنوب",
        published="2023-05-02T09:00:00+03:00",
        text="قُتل ثلاثة عناصر من الجيش السوري، فجر اليوم، بانفجار عبوة ناسفة استهدفت دوريتهم على طريق بلدة "
        "الصنمين في ريف درعا الشمالي.",
    ),
    Document(
        id="api-d",
        outlet="وكالة الرافدين",
        published="2023-06-10T12:00:00+03:00",
        text="قصفت طائرة مسيرة تركية، صباح اليوم، سيارة في قضاء سنجار غرب الموصل، ما أدى إلى مقتل شخصين.",
    ),
    Document(
        id="api-e",
        outlet="وكالة ديالى",
        published="2023-06-11T12:00:00+03:00",
        text="اعتقلت القوات الأمنية العراقية، أمس، عشرة مطلوبين بتهمة الانتماء لتنظيم داعش في محافظة ديالى.",
    ),
]


@dataclass
class Live:
    url: str
    events: dict[str, str]  # document id -> the event its main report joined


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def fill(store: Store, docs: list[Document]) -> dict[str, str]:
    out = {}
    for doc in docs:
        result = store.add(doc, extract(doc))
        assert result.events, (doc.id, result)
        out[doc.id] = result.events[0]
    return out


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'api.sqlite'}"
    store = open_store(url)
    events = fill(store, ARTICLES)
    store.close()
    with LiveServer(url) as server:
        yield Live(server.url, events)


def get(live: Live, path: str, method: str = "GET", **params: Any) -> Reply:
    query = urllib.parse.urlencode(params)
    request = urllib.request.Request(live.url + path + ("?" + query if query else ""), method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def locations(reply: Reply) -> list[str]:
    assert reply.status == 200, reply.body
    return [ev["location"] for ev in reply.json()["items"]]


def test_health(live: Live) -> None:
    reply = get(live, "/api/health")
    assert reply.status == 200
    assert reply.json()["status"] == "ok"
    assert reply.json()["store"] == "sqlite"


def test_events_newest_first_with_one_event_for_two_reports(live: Live) -> None:
    page = get(live, "/api/events").json()
    dates = [ev["event_date"] for ev in page["items"]]
    assert len(page["items"]) == 4  # five articles, the two about Ghweran make one event
    assert dates == sorted(dates, reverse=True)
    assert page["next_offset"] is None
    clash = next(ev for ev in page["items"] if ev["id"] == live.events["api-a"])
    assert clash["n_documents"] == 2
    assert clash["contested"] is True
    assert clash["fatalities"] == 5  # the lowest of the conflicting figures


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "Battles"}, ["al-Sina'a prison (Ghweran)"]),
        ({"type": "Air/drone strike"}, ["Sinjar"]),  # a sub-event type
        ({"country": "Iraq"}, ["Diyala", "Sinjar"]),
        ({"admin1": "Dar'a"}, ["As-Sanamayn"]),
        ({"actor": "Military Forces of Turkey"}, ["Sinjar"]),
        ({"bbox": "40.5,36.2,41.0,36.7"}, ["al-Sina'a prison (Ghweran)"]),
        ({"since": "2023-05-01", "until": "2023-05-31"}, ["As-Sanamayn"]),
        ({"contested": "true"}, ["al-Sina'a prison (Ghweran)"]),
        ({"text": "عبوة ناسفة"}, ["As-Sanamayn"]),
        ({"type": "Protests"}, []),
    ],
)
def test_events_filters(live: Live, params: dict[str, str], expected: list[str]) -> None:
    assert sorted(locations(get(live, "/api/events", **params))) == expected


def test_pagination_covers_every_event_once(live: Live) -> None:
    first = get(live, "/api/events", limit=3).json()
    assert (first["limit"], first["offset"], first["next_offset"]) == (3, 0, 3)
    second = get(live, "/api/events", limit=3, offset=first["next_offset"]).json()
    assert second["next_offset"] is None
    ids = [ev["id"] for ev in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4


def test_fields_trims_each_event(live: Live) -> None:
    items = get(live, "/api/events", fields="id,event_date,nosuchkey").json()["items"]
    assert all(set(ev) == {"id", "event_date"} for ev in items)


def test_fields_of_the_map_come_with_the_events_values(live: Live) -> None:
    full = get(live, "/api/events").json()["items"]
    items = get(live, "/api/events", fields="id,latitude,longitude,fatalities,event_type").json()["items"]
    keys = ("id", "latitude", "longitude", "fatalities", "event_type")
    assert items == [{k: ev[k] for k in keys} for ev in full]
    assert any(ev["fatalities"] for ev in items)


def test_event_detail_has_reports_claims_evidence_documents(live: Live) -> None:
    reply = get(live, f"/api/events/{live.events['api-a']}")
    ev = reply.json()
    assert {d["id"] for d in ev["documents"]} == {"api-a", "api-b"}
    assert {r["doc"] for r in ev["reports"]} == {"api-a", "api-b"}
    assert {(c["field"], c["value"]) for c in ev["claims"] if c["field"] == "fatalities"} == {
        ("fatalities", 5),
        ("fatalities", 9),
    }
    texts = {d.id: d.text for d in ARTICLES}
    for report in ev["reports"]:
        for e in report["evidence"]:
            assert texts[report["doc"]][e["start"] : e["end"]] == e["text"]
    assert any(e["field"] == "fatalities" and "تسعة" in e["text"] for r in ev["reports"] for e in r["evidence"])


def test_document_has_text_and_its_reports(live: Live) -> None:
    doc = get(live, "/api/documents/api-d").json()
    assert doc["text"] == ARTICLES[3].text
    assert doc["outlet"] == "وكالة الرافدين"
    assert [r["event_id"] for r in doc["reports"]] == [live.events["api-d"]]


@pytest.mark.parametrize(
    ("params", "parameter", "shown"),
    [
        ({"bbox": "abc"}, "bbox", "abc"),
        ({"bbox": "40,36,41"}, "bbox", "40,36,41"),
        ({"bbox": "41,36,40,37"}, "bbox", "41,36,40,37"),  # min > max
        ({"limit": "-1"}, "limit", "-1"),
        ({"limit": "abc"}, "limit", "abc"),
        ({"offset": "-5"}, "offset", "-5"),
        ({"since": "notadate"}, "since", "notadate"),
        ({"until": "2023-13-40"}, "until", "2023-13-40"),
        ({"contested": "maybe"}, "contested", "maybe"),
        ({"fields": "id,bad key"}, "fields", "bad key"),
    ],
)
def test_bad_parameter_error_shape(live: Live, params: dict[str, str], parameter: str, shown: str) -> None:
    reply = get(live, "/api/events", **params)
    assert reply.status == 422
    assert reply.headers["content-type"].startswith("application/json")
    error = reply.json()["error"]
    assert set(reply.json()) == {"error"}
    assert (error["status"], error["code"], error["parameter"]) == (422, "invalid_parameter", parameter)
    assert shown in error["message"]


def test_bad_parameter_of_an_export_has_the_same_shape(live: Live) -> None:
    reply = get(live, "/api/export.csv", bbox="x,y")
    assert reply.status == 422
    assert reply.json()["error"]["parameter"] == "bbox"


@pytest.mark.parametrize(
    ("path", "method", "status", "code"),
    [
        ("/api/events/EVnosuchevent", "GET", 404, "not_found"),
        ("/api/documents/no-such-doc", "GET", 404, "not_found"),
        ("/api/nothing-here", "GET", 404, "not_found"),
        ("/api/events", "POST", 405, "method_not_allowed"),
    ],
)
def test_not_found_and_wrong_method_error_shape(live: Live, path: str, method: str, status: int, code: str) -> None:
    reply = get(live, path, method=method)
    assert reply.status == status
    assert reply.json() == {"error": reply.json()["error"]}
    assert (reply.json()["error"]["status"], reply.json()["error"]["code"]) == (status, code)


def test_server_error_is_500_in_the_error_shape_without_details(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Store) -> dict[str, Any]:
        raise RuntimeError("secret-internal-detail in /srv/rasd/store.py")

    monkeypatch.setattr(Store, "stats", broken)
    reply = get(live, "/api/stats")
    assert reply.status == 500
    assert reply.json()["error"]["code"] == "internal_error"
    assert b"secret" not in reply.body and b"Traceback" not in reply.body and b".py" not in reply.body


def test_export_csv_has_acled_columns_and_one_row_per_event(live: Live) -> None:
    reply = get(live, "/api/export.csv")
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.body.decode("utf-8"))))
    header = next(csv.reader(io.StringIO(reply.body.decode("utf-8"))))
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    assert {"contested", "detainees_held", "latitude", "longitude"} <= set(header)
    assert len(rows) == 4
    assert {r["location"] for r in rows if r["contested"] == "true"} == {"al-Sina'a prison (Ghweran)"}


def test_export_csv_takes_the_filters(live: Live) -> None:
    rows = list(csv.DictReader(io.StringIO(get(live, "/api/export.csv", country="Iraq").body.decode("utf-8"))))
    assert sorted(r["location"] for r in rows) == ["Diyala", "Sinjar"]


def test_export_geojson_is_a_feature_collection_of_points(live: Live) -> None:
    reply = get(live, "/api/export.geojson", type="Explosions/Remote violence")
    assert reply.status == 200
    collection = reply.json()
    assert collection["type"] == "FeatureCollection"
    points = {f["properties"]["location"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert set(points) == {"As-Sanamayn", "Sinjar"}
    lon, lat = points["Sinjar"]
    assert 41 < lon < 42.5 and 36 < lat < 37  # RFC 7946 order: longitude first


def test_stats_counts_and_filter_lists(live: Live) -> None:
    stats = get(live, "/api/stats").json()
    assert (stats["documents"], stats["events"], stats["contested"]) == (5, 4, 1)
    assert {c["name"]: c["n"] for c in stats["by_type"]}["Explosions/Remote violence"] == 2
    assert {(g["country"], g["admin1"]) for g in stats["governorates"]} >= {("Iraq", "Diyala"), ("Syria", "Dar'a")}
    assert "Military Forces of Turkey" in {a["name"] for a in stats["actors"]}
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2023-03-14", "2023-06-10")


def test_openapi_schema_documents_the_api_and_its_error_shape(live: Live) -> None:
    schema = get(live, "/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/health", "/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}",
                 "/api/export.csv", "/api/export.geojson", "/api/stats"):  # fmt: skip
        assert "get" in paths[path], path
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "actor", "country", "admin1", "bbox", "text", "contested"} <= names
    assert paths["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorResponse"
    )
    assert not any(p.startswith("/events") or p == "/" for p in paths)  # the HTML pages are not API


def test_serve_refuses_an_in_memory_store() -> None:
    from click.testing import CliRunner

    from rasd.cli_serve import serve

    result = CliRunner().invoke(serve, ["--db", "sqlite:///:memory:"])
    assert result.exit_code == 2
    assert "in-memory" in result.output


@pytest.mark.parametrize("tiles", ["tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/{z}/{x}.png"])
def test_serve_refuses_a_tile_template_without_scheme_or_placeholders(tiles: str) -> None:
    from click.testing import CliRunner

    from rasd.cli_serve import serve

    result = CliRunner().invoke(serve, ["--tiles", tiles])
    assert result.exit_code == 2
    assert tiles in result.output
