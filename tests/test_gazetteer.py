"""Gazetteer: shipped data validates, Arabic spellings find their place, bad rows fail loudly, GeoNames imports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli_gazetteer import gazetteer as gazetteer_cli
from rasd.geo.gazetteer import (
    COLUMNS,
    Gazetteer,
    GazetteerError,
    acled_admin1,
    check_layers,
    data_dir,
    default_gazetteer,
    read_rows,
    validate,
    validate_operators,
)
from rasd.geo.geonames import GeoNamesError, acled_name, clean_arabic_name, import_geonames
from rasd.geo.operators import operator_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "geonames"
HASAKAH = "gn:173811"


@pytest.fixture(autouse=True)
def _no_user_layers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's own gazetteer files out of the tests."""
    monkeypatch.setenv("RASD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RASD_GAZETTEER", raising=False)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371 * math.acos(min(1.0, c))


def row(**cells: str) -> str:
    base = {
        "id": "cur:test-village",
        "kind": "village",
        "name_en": "Test village",
        "names_ar": "قرية الاختبار",
        "names_latin": "",
        "country": "Syria",
        "admin1": "Al Hasakeh",
        "admin2": "",
        "admin3": "",
        "parent": "",
        "lat": "36.6",
        "lon": "40.9",
        "population": "0",
        "facility_type": "",
        "needs_cue": "0",
        "source": "test",
    }
    base.update(cells)
    return "\t".join(base[c] for c in COLUMNS)


def write(tmp_path: Path, *lines: str, name: str = "extra.tsv") -> Path:
    path = tmp_path / name
    path.write_text("\t".join(COLUMNS) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_shipped_files_have_no_problem() -> None:
    assert check_layers() == []


@pytest.mark.parametrize("country", ["Syria", "Iraq"])
def test_every_acled_admin1_has_a_row(gaz: Gazetteer, country: str) -> None:
    missing = [a for a in sorted(acled_admin1(country)) if gaz.admin1_place(country, a) is None]
    assert missing == []
    assert len(acled_admin1(country)) == {"Syria": 14, "Iraq": 19}[country]


@pytest.mark.parametrize(
    ("place_id", "lat", "lon"),
    [
        ("gn:172955", 35.95, 39.01),  # Ar-Raqqa
        (HASAKAH, 36.50, 40.75),  # Al-Hasakeh
        ("cur:al-hol-camp", 36.38, 41.15),
        ("ap:ORAA", 33.79, 42.44),  # Ain al-Asad air base
        ("gn:99072", 36.34, 43.12),  # Mosul
    ],
)
def test_known_places_are_where_they_should_be(gaz: Gazetteer, place_id: str, lat: float, lon: float) -> None:
    p = gaz.get(place_id)
    assert p.lat is not None and p.lon is not None
    assert km(p.lat, p.lon, lat, lon) < 3


@pytest.mark.parametrize("spelling", ["الحسكة", "الحسكه", "حسكة", "الحسكـــة", "الحَسَكَة", "ا ل ح س ك ة"])
def test_spellings_of_hasakah_find_the_city(gaz: Gazetteer, spelling: str) -> None:
    assert HASAKAH in [p.id for p in gaz.lookup(spelling)]


def test_forms_are_normalized_keys(gaz: Gazetteer) -> None:
    forms = gaz.forms()
    assert HASAKAH in forms["الحسكه"]
    assert "الحسكة" not in forms  # ة is folded to ه in every key


@pytest.mark.parametrize(
    ("name", "place_id", "cue"),
    [
        ("الميادين", "gn:173480", True),  # also the outlet's name
        ("الباب", "gn:174018", True),  # "the door"
        ("القائم", "gn:92138", True),  # "the existing"
        ("دوما", "gn:170590", True),  # "always"
        ("بحركة", "gn:98156", True),  # "with a movement"
        ("تدمر", "gn:163808", True),  # "it destroys"
        ("الرمادي", "gn:98717", True),  # "grey"
        ("دمشق", "gn:170654", False),
        ("الموصل", "gn:99072", False),
    ],
)
def test_needs_cue_marks_ordinary_words(gaz: Gazetteer, name: str, place_id: str, cue: bool) -> None:
    (place,) = [p for p in gaz.lookup(name) if p.id == place_id]
    assert place.needs_cue is cue


def test_facilities_and_neighbourhoods_hang_under_their_city(gaz: Gazetteer) -> None:
    assert {"cur:hasakah-ghweran"} <= {p.id for p in gaz.children(HASAKAH)}
    (prison,) = gaz.lookup("سجن غويران")
    assert (prison.facility_type, prison.parent) == ("prison", "cur:hasakah-ghweran")


def test_foreign_places_are_out_of_scope(gaz: Gazetteer) -> None:
    assert [p.in_scope for p in gaz.lookup("جنين")] == [False]
    assert gaz.get("cur:tower-22").country == "Jordan"


def test_default_gazetteer_is_loaded_once() -> None:
    default_gazetteer.cache_clear()
    assert default_gazetteer() is default_gazetteer()


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"kind": "hamlet"}, "kind 'hamlet'"),
        ({"lat": "48.0"}, "outside Syria"),
        ({"parent": "cur:nowhere"}, "parent 'cur:nowhere'"),
        ({"names_ar": "ـــ"}, "empty after normalization"),
        ({"names_ar": "الرقة|الرقه"}, "duplicates"),
        ({"admin1": "Hasakah"}, "admin1 'Hasakah'"),
        ({"names_ar": "الشهداء"}, "needs_cue must be 1"),
        ({"kind": "facility"}, "facility_type None"),
        ({"lat": "", "lon": ""}, "lat/lon missing"),
        ({"country": "Lebanon", "lat": "33.89", "lon": "35.5"}, "out of scope"),
    ],
)
def test_validator_names_line_value_and_reason(tmp_path: Path, cells: dict[str, str], reason: str) -> None:
    path = write(tmp_path, row(id="cur:ok"), row(**cells))
    problems = validate(read_rows(path))
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:3: cur:test-village: ")
    assert reason in problems[0]


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, row(), row())
    assert validate(read_rows(path)) == [f"{path}:3: cur:test-village: duplicate id (first at {path}:2)"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("cur:short\tvillage\tShort row", "expected 16 tab-separated columns, got 3"),
        (row(population="many"), "population 'many'"),
        (row(lat="north"), "lat 'north' is not a number"),
    ],
)
def test_malformed_row_fails_the_load_with_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, line)
    with pytest.raises(GazetteerError) as err:
        Gazetteer.load(extra=[path])
    assert f"{path}:2:" in str(err.value)
    assert reason in str(err.value)


def test_wrong_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\tname\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.tsv:1: header"):
        read_rows(path)


def test_later_layer_overrides_same_id(tmp_path: Path) -> None:
    path = write(tmp_path, row(id=HASAKAH, kind="city", name_en="Hasakah (user)", names_ar="الحسكة"))
    assert Gazetteer.load(extra=[path]).get(HASAKAH).name_en == "Hasakah (user)"


def test_env_files_are_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, row(id="cur:env-village", names_ar="قرية البيئة"))
    monkeypatch.setenv("RASD_GAZETTEER", str(path))
    assert [p.id for p in Gazetteer.load().lookup("قرية البيئة")] == ["cur:env-village"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("محافظة الحسكة", "الحسكة"),
        ("ناحية القيارة", "القيارة"),
        ("مدينة الصدر", "مدينة الصدر"),
        ("حەسیچە", None),
        ("د مشق", None),
        ("مجدل شمس.\u200e", "مجدل شمس"),
    ],
)
def test_geonames_arabic_names_are_cleaned(raw: str, clean: str | None) -> None:
    assert clean_arabic_name(raw) == clean


@pytest.mark.parametrize(
    ("raw", "acled"),
    [
        ("Al Ḩasakah", "Al-Hasakah"),
        ("Dar‘ā", "Dara"),
        ("Ar Raqqah", "Ar-Raqqah"),
    ],
)
def test_geonames_names_become_acled_style(raw: str, acled: str) -> None:
    assert acled_name(raw) == acled


def test_geonames_import_keeps_arabic_named_places_of_the_countries(tmp_path: Path) -> None:
    out = tmp_path / "gn.tsv"
    count = import_geonames(FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt", ("SY",), out)
    places = {p.id: p for p in Gazetteer.load(extra=[out]).places.values() if p.source.startswith("geonames:")}
    assert count == 6  # school (unmapped), no Arabic name, outside Syria's box and the Iraqi row are left out
    assert places["gn:9900001"].names_ar == ("تل الاختبار",)  # historic and Kurdish names dropped
    assert (places["gn:9900001"].kind, places["gn:9900001"].admin2) == ("village", "Mintaqat al Ikhtibar")
    assert (places["gn:9900002"].facility_type, places["gn:9900002"].admin1) == ("prison", "Ar Raqqa")
    assert places["gn:9900003"].facility_type == "camp"
    assert places["gn:9900006"].needs_cue is True  # الشهداء is an ordinary word
    assert "gn:9900004" not in places and "gn:9900007" not in places


def test_geonames_import_refuses_a_malformed_line(tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("123\tToo short\n", encoding="utf-8")
    with pytest.raises(GeoNamesError, match=r"SY\.txt:1: expected 19"):
        import_geonames(bad, None, ("SY",), tmp_path / "out.tsv")


def test_cli_import_writes_the_user_file_and_skips_packaged_ids(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        gazetteer_cli, ["import", str(FIXTURES / "SY.txt"), "--alternate-names", str(FIXTURES / "alternateNamesV2.txt")]
    )
    assert result.exit_code == 0, result.output
    user_file = tmp_path / "home" / "gazetteer" / "geonames.tsv"
    ids = [r.get("id") for r in read_rows(user_file)]
    assert "gn:9900008" in ids and "gn:173797" not in ids  # Iraq kept by default; al-Hawl is packaged
    looked = runner.invoke(gazetteer_cli, ["lookup", "مخيم الاختبار"])
    assert looked.exit_code == 0
    assert [json.loads(line)["id"] for line in looked.output.splitlines()] == ["gn:9900003"]


def test_cli_validate_and_lookup_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(gazetteer_cli, ["validate"]).exit_code == 0
    bad = write(tmp_path, row(kind="hamlet"))
    result = runner.invoke(gazetteer_cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "kind 'hamlet'" in result.output
    assert runner.invoke(gazetteer_cli, ["lookup", "مدينة لا وجود لها"]).exit_code == 1


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("شنكال", "gn:448149"),  # Kurdish name of Sinjar (Iraq)
        ("قاعدة حرير", "ap:ORBR"),  # the air base, not Harir town
        ("القرية الخضراء", "cur:green-village"),  # the base inside the al-Omar field, not the field
        ("قاعدة فكتوريا", "cur:victoria-base"),
        ("معبر القائم", "cur:qaim-crossing"),
        ("قاعدة تل بيدر", "cur:tal-baydar-base"),
    ],
)
def test_round2_names_find_one_place(gaz: Gazetteer, name: str, place_id: str) -> None:
    assert [p.id for p in gaz.lookup(name)] == [place_id]


@pytest.mark.parametrize("form", ["عنه", "كوت", "الشعيرات", "الدالي"])
def test_misleading_variants_are_not_forms(gaz: Gazetteer, form: str) -> None:
    """ "about it", Côte, "the filaments", a surname: these variants were dropped from their places."""
    assert form not in gaz.forms()


def test_civil_airport_and_base_are_separate_places(gaz: Gazetteer) -> None:
    assert [p.id for p in gaz.lookup("مطار بغداد")] == ["ap:ORBI"]
    assert [p.id for p in gaz.lookup("قاعدة أربيل الجوية")] == ["cur:erbil-air-base"]


def test_shipped_operators_are_valid_and_act_on_violence(gaz: Gazetteer) -> None:
    assert validate_operators(data_dir() / "operators.tsv") == []
    assert operator_of(gaz.get("ap:ORAA"), "Explosions/Remote violence") == "Military Forces of the United States"
    assert operator_of(gaz.get("ap:OSLK"), "Battles") == "Military Forces of Russia"
    assert operator_of(gaz.get("ap:ORBI"), "Explosions/Remote violence") is None  # the civil airport
    assert operator_of(gaz.get("ap:ORAA"), "Protests") is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("cur:nowhere\tMilitary Forces of Russia\tx", "place id 'cur:nowhere' is not a known gazetteer place"),
        ("ap:OSLK\tRussian Army\tx", "actor 'Russian Army' is not a canonical actor name"),
        ("ap:OSLK\tMilitary Forces of Russia\t", "source is empty"),
        ("ap:OSLK\tMilitary Forces of Russia", "expected 3 columns, got 2"),
    ],
)
def test_operator_validator_names_line_value_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "operators.tsv"
    path.write_text("place_id\tactor\tsource\n" + line + "\n", encoding="utf-8")
    problems = validate_operators(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2: ")
    assert reason in problems[0]


def test_operator_validator_reports_duplicates_and_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "operators.tsv"
    row = "ap:OSLK\tMilitary Forces of Russia\tHmeimim"
    path.write_text(f"place_id\tactor\tsource\n{row}\n{row}\n", encoding="utf-8")
    assert validate_operators(path) == [f"{path}:3: place id 'ap:OSLK' duplicates line 2"]
    path.write_text("id\tactor\n", encoding="utf-8")
    assert "is not place_id actor source" in validate_operators(path)[0]
