"""Import a GeoNames dump (allCountries.txt or SY.txt/IQ.txt, plus alternateNamesV2.txt) into a gazetteer TSV.

Why: the packaged gazetteer holds towns of 500+ people and curated facilities; a user who needs every
village enlarges it offline from GeoNames files they downloaded themselves (data: GeoNames, CC BY 4.0).
The helpers here (Arabic name cleaning, ACLED-style English names, feature mapping) are shared with
scripts/build_gazetteer.py so that both produce the same kind of rows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rasd.geo.gazetteer import (
    Place,
    _read_meta,
    admin1_table,
    country_boxes,
    ordinary_words,
    user_dir,
    write_places,
)
from rasd.text.normalize import normalize_term

MAIN_COLUMNS = 19
ALT_COLUMNS = 10
# Letters of Kurdish, Persian or Urdu spelling: such a name is not the form Arabic news uses.
_NON_ARABIC = re.compile(r"[\u0671-\u06ff\ufb50-\ufeff]")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a\u064b-\u065f\u0670]+$")
_PREFIXES = ("مركز قضاء ", "مركز ناحية ", "ناحية ", "قضاء ", "محافظة ", "منطقة مركز ", "منطقة ", "مركز ")
_ARTICLES = re.compile(r"\b(Al|Ar|As|Ash|At|Ad|Adh|Az|An|Ath)\s+")


class GeoNamesError(ValueError):
    """A GeoNames file that cannot be read; the message names the file, line and value."""


def clean_arabic_name(name: str) -> str | None:
    """The Arabic-news form of a GeoNames alternate name, or None when it is not Arabic spelling."""
    name = name.split("،")[0].split(",")[0].strip(" .\u200e\u200f")
    if not name or _NON_ARABIC.search(name):
        return None
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            name = name[len(prefix) :]
            break
    words = name.split()
    if not words or not all(_ARABIC_WORD.match(w) for w in words) or any(len(w) < 2 for w in words):
        return None
    return name


def arabic_names(names: Iterable[str], drop: Collection[str] = ()) -> list[str]:
    """Arabic names in their given order, cleaned, without duplicates after normalization."""
    out: list[str] = []
    seen = {normalize_term(d) for d in drop}
    for raw in names:
        name = clean_arabic_name(raw)
        if name is None:
            continue
        form = normalize_term(name)
        if form and form not in seen:
            seen.add(form)
            out.append(name)
    return out


def acled_name(name: str) -> str:
    """GeoNames' transliteration in ACLED's plain style: no diacritics or ayn marks, 'Al-Bab' not 'Al Bāb'."""
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    plain = re.sub(r"[‘’ʿʾ`]", "", plain)
    return _ARTICLES.sub(lambda m: m.group(1) + "-", plain).strip()


def needs_cue(names: Iterable[str]) -> bool:
    """True when a name is an ordinary word (see meta/ordinary_words.txt) or at most two letters."""
    common = ordinary_words()
    for name in names:
        form = normalize_term(name)
        bare = form[2:] if form.startswith("ال") else form
        if form in common or len(bare.replace(" ", "")) <= 2:
            return True
    return False


@dataclass(frozen=True)
class Feature:
    kind: str
    facility_type: str | None


@functools.lru_cache(maxsize=1)
def feature_table() -> dict[str, Feature]:
    """GeoNames 'class.code' -> gazetteer kind (meta/geonames_features.tsv); unlisted codes are skipped."""
    return {r["feature"]: Feature(r["kind"], r["facility_type"] or None) for r in _read_meta("geonames_features.tsv")}


def place_kind(feature: str, population: int) -> Feature | None:
    """The gazetteer kind of a GeoNames feature; a populated place of 50,000+ people is a city."""
    found = feature_table().get(feature)
    if found is None or found.kind not in ("town", "village", "city"):
        return found
    if population >= 50_000:
        return Feature("city", None)
    return Feature("village" if 0 < population < 2_000 else found.kind, None)


@dataclass
class _Candidate:
    """One GeoNames main-file row kept for import, before its Arabic names are known."""

    gid: str
    name: str
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str
    admin2_code: str
    population: int
    names: list[str] = field(default_factory=list)


def _country_names(countries: Iterable[str]) -> dict[str, str]:
    by_iso = {box.iso2: name for name, box in country_boxes().items()}
    out = {}
    for iso in countries:
        if iso.upper() not in by_iso:
            raise GeoNamesError(f"country {iso!r} is not one this gazetteer knows ({', '.join(sorted(by_iso))})")
        out[iso.upper()] = by_iso[iso.upper()]
    return out


def _read_main(path: Path, countries: dict[str, str]) -> dict[str, _Candidate]:
    admin1 = {(a.country, a.geonames_code): a.name for a in admin1_table()}
    out: dict[str, _Candidate] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != MAIN_COLUMNS:
                raise GeoNamesError(f"{path}:{n}: expected {MAIN_COLUMNS} tab-separated columns, got {len(cells)}")
            if cells[8] not in countries:
                continue
            feature = f"{cells[6]}.{cells[7]}"
            try:
                lat, lon, pop = float(cells[4]), float(cells[5]), int(cells[14] or 0)
            except ValueError:
                bad = f"{cells[4]!r}, {cells[5]!r}, {cells[14]!r}"
                raise GeoNamesError(f"{path}:{n}: bad latitude, longitude or population: {bad}") from None
            country = countries[cells[8]]
            if place_kind(feature, pop) is None or ((country, cells[10]) not in admin1 and cells[7] != "PCLI"):
                continue
            out[cells[0]] = _Candidate(
                cells[0],
                cells[1],
                lat,
                lon,
                feature,
                country,
                admin1.get((country, cells[10]), ""),
                cells[11],
                pop,
                [a for a in cells[3].split(",") if a],
            )
    return out


def _read_alternates(path: Path, kept: dict[str, _Candidate]) -> None:
    """Replace each kept place's names by its Arabic alternate names (isolanguage ar or Arabic script)."""
    found: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 8:
                raise GeoNamesError(f"{path}:{n}: expected {ALT_COLUMNS} tab-separated columns, got {len(cells)}")
            gid, lang, name, historic = cells[1], cells[2], cells[3], cells[7]
            if gid in kept and historic != "1" and lang in ("ar", ""):
                entry = found.setdefault(gid, [])
                if cells[4] == "1":
                    entry.insert(0, name)  # the preferred name first
                else:
                    entry.append(name)
    for gid, cand in kept.items():
        cand.names = found.get(gid, []) + cand.names


def _to_place(c: _Candidate, admin2_names: dict[tuple[str, str, str], str]) -> Place | None:
    names = arabic_names(c.names)
    box = country_boxes()[c.country]
    kind = place_kind(c.feature, c.population)
    if not names or kind is None or not box.contains(c.lat, c.lon):
        return None
    name_en = acled_name(c.name).removesuffix(" District") if kind.kind == "admin2" else acled_name(c.name)
    return Place(
        id=f"gn:{c.gid}",
        kind=kind.kind,
        name_en=name_en,
        names_ar=tuple(names),
        names_latin=(),
        country=c.country,
        admin1="" if kind.kind == "country" else c.admin1,
        admin2=admin2_names.get((c.country, c.admin1, c.admin2_code), "") if kind.kind != "admin1" else "",
        admin3="",
        parent=None,
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        population=c.population,
        facility_type=kind.facility_type,
        needs_cue=needs_cue(names),
        source=f"geonames:{c.feature}",
    )


def import_geonames(
    main_file: Path,
    alternate_names: Path | None = None,
    countries: Iterable[str] = ("SY", "IQ"),
    out: Path | None = None,
    skip_ids: Collection[str] = (),
) -> int:
    """Write the Arabic-named places of `countries` in `main_file` as a gazetteer TSV; return the row count.

    `out` defaults to the user file that Gazetteer.load merges; ids in `skip_ids` (e.g. the packaged
    ones, which carry curated names) are not written."""
    kept = _read_main(Path(main_file), _country_names(countries))
    if alternate_names is not None:
        _read_alternates(Path(alternate_names), kept)
    admin2_names = {
        (c.country, c.admin1, c.admin2_code): acled_name(c.name).removesuffix(" District")
        for c in kept.values()
        if c.feature == "A.ADM2"
    }
    places = [p for c in kept.values() if (p := _to_place(c, admin2_names)) is not None and p.id not in skip_ids]
    target = Path(out) if out is not None else user_dir() / "geonames.tsv"
    write_places(places, target)
    return len(places)
