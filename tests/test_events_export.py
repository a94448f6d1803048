"""Event exports (CSV, GeoJSON, JSONL, Parquet) and the text views of `rasd events` / `rasd show`."""

from __future__ import annotations

import copy
import csv
import io
import json
import sys
from typing import Any

import pytest

from rasd.events_export import (
    EVENT_EXTENSION_COLUMNS,
    PARQUET_MISSING,
    ExportError,
    event_row,
    format_event_detail,
    format_event_line,
    interaction_code,
    mark_evidence,
    write_events,
)
from rasd.export import ACLED_COLUMNS

SENTENCE_1 = "اندلعت اشتباكات عنيفة بين عناصر من تنظيم داعش وقوات سوريا الديمقراطية قرب سجن الصناعة في الحسكة."
SENTENCE_2 = "وقال المرصد إن تسعمئة سجين كانوا داخل السجن، فيما نفت قسد هذا الرقم وقالت إنهم مئتان."


def _clash() -> dict[str, Any]:
    """A contested battle with two reports, their documents and evidence."""
    return {
        "id": "EV0a1b2c3d4e5f",
        "event_date": "2023-04-02",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "assoc_actor_1": None,
        "inter1": 2,
        "actor2": "SDF",
        "assoc_actor_2": "Asayish",
        "inter2": 2,
        "country": "Syria",
        "admin1": "Al Hasakeh",
        "admin2": None,
        "admin3": None,
        "location": "Al-Hasakeh - Ghweiran",
        "latitude": 36.48,
        "longitude": 40.75,
        "geo_precision": 1,
        "facility": "prison",
        "fatalities": 5,
        "injured": None,
        "arrested": 2,
        "escaped": None,
        "detainees_held": 200,
        "displaced": None,
        "tags": ["prison", "sdf detention"],
        "contested": True,
        "contested_reasons": ["detainees_held: 900 (المرصد, doc-a) vs 200 (doc-b)", "fatalities: 5 vs 7"],
        "claims": [
            {"field": "detainees_held", "value": 900, "source": "المرصد", "stance": "asserts", "doc": "doc-a"},
            {"field": "detainees_held", "value": 900, "source": "قسد", "stance": "denies", "doc": "doc-a"},
        ],
        "n_reports": 2,
        "n_documents": 2,
        "sources": ["Syrian Observatory for Human Rights", "North Press"],
        "first_published": "2023-04-02",
        "last_published": "2023-04-03T09:10",
        "reports": [
            {
                "doc": "doc-a",
                "role": "main",
                "claims": [],
                "evidence": [
                    {"field": "event_type", "text": "اشتباكات", "start": 7, "end": 15, "sentence": SENTENCE_1},
                    {"field": "actor", "text": "تنظيم داعش", "start": 35, "end": 45, "sentence": SENTENCE_1},
                    {"field": "detainees_held", "text": "تسعمئة", "start": 120, "end": 126, "sentence": SENTENCE_2},
                ],
            },
            {"doc": "doc-b", "role": "main", "claims": [], "evidence": []},
        ],
        "documents": [
            {
                "id": "doc-a",
                "title": "اشتباكات في الحسكة",
                "url": "https://example.org/a",
                "outlet": "المرصد",
                "published": "2023-04-02T08:00",
            },
            {
                "id": "doc-b",
                "title": "قسد",
                "url": "https://example.org/b",
                "outlet": "نورث برس",
                "published": "2023-04-03T09:10",
            },
        ],
    }


def _protest() -> dict[str, Any]:
    """An uncontested protest with a point and no second actor."""
    return {
        "id": "EV111111111111", "event_date": "2023-05-10", "time_precision": 1,
        "event_type": "Protests", "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Syria)", "inter1": 6, "actor2": None, "inter2": None,
        "country": "Syria", "admin1": "As Suwayda", "location": "As-Sweida",
        "latitude": 32.71, "longitude": 36.57, "geo_precision": 1,
        "fatalities": None, "tags": [], "contested": False, "contested_reasons": [], "claims": [],
        "n_reports": 1, "n_documents": 1, "sources": ["Suwayda 24"],
        "first_published": "2023-05-10", "last_published": "2023-05-10",
    }  # fmt: skip


def _no_point() -> dict[str, Any]:
    """A strike in Iraq geocoded only to the country: no latitude/longitude."""
    return {
        "id": "EV222222222222", "event_date": "2023-06-01", "time_precision": 2,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Turkey", "inter1": 8, "actor2": "Civilians (Iraq)", "inter2": 7,
        "country": "Iraq", "latitude": None, "longitude": None, "geo_precision": 3,
        "fatalities": 1, "tags": [], "contested": False, "n_reports": 1, "n_documents": 1,
        "sources": ["Rudaw"], "first_published": "2023-06-02", "last_published": "2023-06-02",
    }  # fmt: skip


def _events() -> list[dict[str, Any]]:
    return [_clash(), _protest(), _no_point()]


def _csv_rows(events: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, str]]]:
    out = io.StringIO()
    assert write_events(events, out, "csv") == len(events)
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_csv_header_is_acled_then_extensions() -> None:
    header, _ = _csv_rows(_events())
    assert header == [*ACLED_COLUMNS, *EVENT_EXTENSION_COLUMNS]
    assert header[-13:] == ["contested", "contested_reasons", "n_reports", "n_documents", "injured", "arrested",
                            "escaped", "detainees_held", "displaced", "facility", "claims", "first_published",
                            "last_published"]  # fmt: skip


def test_csv_cells_follow_acled_conventions() -> None:
    _, (clash, protest, strike) = _csv_rows(_events())
    assert clash["event_id_cnty"] == "EV0a1b2c3d4e5f"
    assert clash["source"] == "Syrian Observatory for Human Rights; North Press"
    assert clash["contested_reasons"] == "detainees_held: 900 (المرصد, doc-a) vs 200 (doc-b) | fatalities: 5 vs 7"
    assert json.loads(clash["claims"])[1]["stance"] == "denies"
    assert (clash["iso"], clash["region"], clash["year"]) == ("760", "Middle East", "2023")
    assert (clash["disorder_type"], clash["interaction"], clash["timestamp"]) == (
        "Political violence", "22", "2023-04-03T09:10")  # fmt: skip
    assert (clash["contested"], clash["tags"], clash["source_scale"]) == ("true", "prison;sdf detention", "")
    assert (protest["disorder_type"], protest["interaction"], protest["fatalities"]) == ("Demonstrations", "60", "0")
    assert (strike["iso"], strike["civilian_targeting"], strike["interaction"]) == ("368", "Civilian targeting", "78")


@pytest.mark.parametrize(
    ("make", "contested"),
    [(_clash, True), (_protest, False)],
)
def test_notes_mention_contested_only_when_contested(make: Any, contested: bool) -> None:
    notes = event_row(make())["notes"]
    assert ("Contested:" in notes) is contested


def test_notes_summarise_date_actors_place_and_counts() -> None:
    notes = event_row(_clash())["notes"]
    assert notes.startswith("On 2023-04-02, Islamic State: armed clash against SDF (with Asayish) in ")
    assert "Al-Hasakeh - Ghweiran, Al Hasakeh, Syria" in notes
    assert "(5 killed, 2 arrested, 200 detainees held)" in notes
    assert "900 (المرصد, doc-a) vs 200" in notes


@pytest.mark.parametrize(("inter1", "inter2", "code"), [(2, 1, 12), (7, 3, 37), (6, None, 60), (None, None, None)])
def test_interaction_sorts_codes_and_pads_a_lone_actor(inter1: Any, inter2: Any, code: int | None) -> None:
    assert interaction_code(inter1, inter2) == code


def test_geojson_is_a_feature_collection_of_lon_lat_points() -> None:
    out = io.StringIO()
    assert write_events(_events(), out, "geojson") == 2  # the event without a point is left out
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert [f["id"] for f in doc["features"]] == ["EV0a1b2c3d4e5f", "EV111111111111"]
    clash = doc["features"][0]
    assert clash["geometry"] == {"type": "Point", "coordinates": [40.75, 36.48]}
    props = clash["properties"]
    assert list(props) == [*ACLED_COLUMNS, *EVENT_EXTENSION_COLUMNS]
    assert (props["fatalities"], props["iso"], props["contested"], props["tags"]) == (
        5, 760, True, ["prison", "sdf detention"])  # fmt: skip


def test_geojson_with_no_points_is_still_valid() -> None:
    out = io.StringIO()
    assert write_events([_no_point()], out, "geojson") == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_jsonl_round_trips() -> None:
    events = _events()
    out = io.StringIO()
    assert write_events(copy.deepcopy(events), out, "jsonl") == 3
    assert [json.loads(line) for line in out.getvalue().splitlines()] == events


def test_parquet_reads_back_typed() -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow not installed (pip install 'rasd[parquet]')")
    out = io.BytesIO()
    assert write_events(_events(), out, "parquet") == 3
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.num_rows == 3
    assert table.column_names == [*ACLED_COLUMNS, *EVENT_EXTENSION_COLUMNS]
    types = {name: str(table.schema.field(name).type) for name in table.column_names}
    assert (types["fatalities"], types["latitude"], types["contested"], types["notes"], types["injured"]) == (
        "int64", "double", "bool", "string", "int64")  # fmt: skip
    rows = table.to_pylist()
    assert [r["latitude"] for r in rows] == [36.48, 32.71, None]
    assert json.loads(rows[0]["tags"]) == ["prison", "sdf detention"]
    assert rows[0]["contested"] is True and rows[2]["detainees_held"] is None


def test_parquet_without_pyarrow_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExportError, match=r"pip install 'rasd\[parquet\]'") as err:
        write_events(_events(), io.BytesIO(), "parquet")
    assert str(err.value) == PARQUET_MISSING


@pytest.mark.parametrize(
    ("fmt", "stream", "message"),
    [("xlsx", io.StringIO(), "unknown event format 'xlsx'"), ("parquet", io.StringIO(), "binary stream"),
     ("csv", io.BytesIO(), "text stream")],
)  # fmt: skip
def test_bad_format_or_stream_is_named(fmt: str, stream: Any, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        write_events(_events(), stream, fmt)


def test_event_line_has_the_table_fields_and_contested_flag() -> None:
    line = format_event_line(_clash())
    assert "\n" not in line
    for part in ("EV0a1b2c3d4e5f", "2023-04-02", "Battles / Armed clash", "Al-Hasakeh - Ghweiran",
                 "Islamic State vs SDF", "5 killed", "[contested]"):  # fmt: skip
        assert part in line
    assert "[contested]" not in format_event_line(_protest())


def test_detail_marks_evidence_words_in_their_sentence() -> None:
    detail = format_event_detail(_clash())
    assert "(event_type, actor) اندلعت [[اشتباكات]] عنيفة بين عناصر من [[تنظيم داعش]] وقوات" in detail
    assert "(detainees_held) وقال المرصد إن [[تسعمئة]] سجين" in detail


def test_detail_lists_documents_reasons_and_claims_by_source() -> None:
    detail = format_event_detail(_clash())
    assert "[1] doc-a (main): المرصد, published 2023-04-02T08:00" in detail
    assert "https://example.org/b" in detail
    assert "  - fatalities: 5 vs 7" in detail
    assert "  قسد:\n    denies detainees_held = 900 [doc-a]" in detail


@pytest.mark.parametrize(
    ("sentence", "words", "marked"),
    [
        ("قتل ثلاثة وجرح ثلاثة", ["ثلاثة", "ثلاثة"], "قتل [[ثلاثة]] وجرح [[ثلاثة]]"),
        ("قصف مدفعي على القرية", ["غائب"], "قصف مدفعي على القرية"),
    ],
)
def test_mark_evidence_marks_each_word_once(sentence: str, words: list[str], marked: str) -> None:
    assert mark_evidence(sentence, words) == marked
