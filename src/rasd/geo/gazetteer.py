"""The gazetteer: places of Syria and Iraq (and the foreign places news names), read from TSV data files.

Why data files: a new village, prison or base is a line in a TSV, never a code change. Every file is
validated at load (schema, kinds, admin1 spelling, coordinates inside the country, parents, names that
normalize to nothing) and a broken file fails with its name, line, value and reason.

Layers, later ones overriding earlier rows with the same id: the packaged files (generated.tsv,
curated.tsv, foreign.tsv), files named in $RASD_GAZETTEER (os.pathsep-separated), the user's files
written by `rasd gazetteer import` ($RASD_HOME/gazetteer/*.tsv or ~/.local/share/rasd/gazetteer/*.tsv),
then files passed to `Gazetteer.load(extra=...)`.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import yaml

from rasd.text.normalize import normalize_term

COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "name_en",
    "names_ar",
    "names_latin",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "parent",
    "lat",
    "lon",
    "population",
    "facility_type",
    "needs_cue",
    "source",
)
KINDS = frozenset(
    {
        "country",
        "admin1",
        "admin2",
        "admin3",
        "city",
        "town",
        "village",
        "neighbourhood",
        "facility",
        "region",
        "foreign",
    }
)
FACILITY_TYPES = frozenset(
    {
        "prison",
        "camp",
        "base",
        "airport",
        "oil_field",
        "gas_field",
        "dam",
        "crossing",
        "checkpoint",
        "hospital",
        "port",
        "other",
    }
)
SCOPE_COUNTRIES = ("Syria", "Iraq")
PACKAGED_FILES = ("generated.tsv", "curated.tsv", "foreign.tsv")
OPERATORS_FILE = "operators.tsv"
OPERATOR_COLUMNS = ("place_id", "actor", "source")
_ID = re.compile(r"^[a-z]+:[A-Za-z0-9_.\-]+$")
_ARABIC = re.compile(r"[\u0621-\u064a]")


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file, line, value and reason."""


@dataclass(frozen=True)
class Place:
    """One named place. Coordinates are None only for foreign places whose point is not needed."""

    id: str
    kind: str
    name_en: str
    names_ar: tuple[str, ...]
    names_latin: tuple[str, ...]
    country: str
    admin1: str
    admin2: str
    admin3: str
    parent: str | None
    lat: float | None
    lon: float | None
    population: int
    facility_type: str | None
    needs_cue: bool
    source: str

    @property
    def in_scope(self) -> bool:
        """True for places in Syria or Iraq (an event at a foreign place is out of scope)."""
        return self.kind != "foreign" and self.country in SCOPE_COUNTRIES

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in COLUMNS}


@dataclass(frozen=True)
class Row:
    """One raw data line: where it came from and its cells, before any parsing."""

    file: str
    line: int
    cells: tuple[str, ...]

    def get(self, column: str) -> str:
        i = COLUMNS.index(column)
        return self.cells[i].strip() if i < len(self.cells) else ""

    def where(self) -> str:
        return f"{self.file}:{self.line}"


# ---------------------------------------------------------------- reference data (data/gazetteer/meta)


def data_dir() -> Path:
    """The packaged gazetteer folder (src/rasd/data/gazetteer)."""
    return Path(str(files("rasd"))) / "data" / "gazetteer"


def _read_meta(name: str) -> list[dict[str, str]]:
    path = data_dir() / "meta" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise GazetteerError(f"{path}:{n}: expected {len(header)} columns, got {len(cells)}: {line!r}")
        out.append(dict(zip(header, cells, strict=True)))
    return out


@dataclass(frozen=True)
class Admin1:
    """An ACLED admin1 name, its GeoNames admin1 code and the id of the place used as its point."""

    country: str
    name: str
    geonames_code: str
    capital_id: str
    capital_name: str


@functools.lru_cache(maxsize=1)
def admin1_table() -> tuple[Admin1, ...]:
    """The ACLED governorates of Syria and Iraq (meta/admin1.tsv)."""
    return tuple(
        Admin1(r["country"], r["admin1"], r["geonames_code"], r["capital_id"], r["capital_name"])
        for r in _read_meta("admin1.tsv")
    )


def acled_admin1(country: str) -> frozenset[str]:
    return frozenset(a.name for a in admin1_table() if a.country == country)


@dataclass(frozen=True)
class BBox:
    iso2: str
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


@functools.lru_cache(maxsize=1)
def country_boxes() -> dict[str, BBox]:
    """Bounding boxes (with a small margin) of the countries whose coordinates are checked."""
    return {
        r["country"]: BBox(
            r["iso2"], float(r["min_lat"]), float(r["max_lat"]), float(r["min_lon"]), float(r["max_lon"])
        )
        for r in _read_meta("countries.tsv")
    }


@functools.lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Normalized place names that are also ordinary words: such a place needs a locative cue."""
    path = data_dir() / "meta" / "ordinary_words.txt"
    seen: dict[str, int] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        form = normalize_term(entry)
        if not form:
            raise GazetteerError(f"{path}:{n}: entry {entry!r} is empty after normalization")
        if form in seen:
            raise GazetteerError(f"{path}:{n}: entry {entry!r} duplicates line {seen[form]} ({form!r})")
        seen[form] = n
    return frozenset(seen)


# ---------------------------------------------------------------- reading and validating rows


def read_rows(path: Path) -> list[Row]:
    """The data lines of one gazetteer TSV; the header must be exactly COLUMNS."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GazetteerError(f"{path}: cannot read: {e}") from e
    lines = text.splitlines()
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != COLUMNS:
        head = lines[0] if lines else ""
        raise GazetteerError(f"{path}:1: header {head!r} is not the gazetteer header ({' '.join(COLUMNS)})")
    return [
        Row(str(path), n, tuple(line.split("\t")))
        for n, line in enumerate(lines[1:], start=2)
        if line.strip() and not line.startswith("#")
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return "|".join(value)
    return str(value)


def format_row(place: Place) -> str:
    """One TSV line (no newline) for a place, in COLUMNS order."""
    cells = [_cell(getattr(place, name)) for name in COLUMNS]
    bad = [c for c in cells if "\t" in c or "\n" in c]
    if bad:
        raise GazetteerError(f"{place.id}: value {bad[0]!r} contains a tab or newline")
    return "\t".join(cells)


def write_places(places: Iterable[Place], path: Path) -> None:
    """Write places sorted by id (deterministic output) with the header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(COLUMNS)] + [format_row(p) for p in sorted(places, key=lambda p: p.id)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def split_names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split("|") if n.strip())


def _float(row: Row, column: str) -> float | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise GazetteerError(f"{row.where()}: {column} {value!r} is not a number") from None


def parse_place(row: Row) -> Place:
    """The Place of one row; raises GazetteerError for a cell that cannot be parsed at all."""
    if len(row.cells) != len(COLUMNS):
        raise GazetteerError(f"{row.where()}: expected {len(COLUMNS)} tab-separated columns, got {len(row.cells)}")
    pop = row.get("population") or "0"
    if not pop.isdigit():
        raise GazetteerError(f"{row.where()}: population {pop!r} is not a non-negative integer")
    cue = row.get("needs_cue") or "0"
    if cue not in ("0", "1"):
        raise GazetteerError(f"{row.where()}: needs_cue {cue!r} is not 0 or 1")
    return Place(
        id=row.get("id"),
        kind=row.get("kind"),
        name_en=row.get("name_en"),
        names_ar=split_names(row.get("names_ar")),
        names_latin=split_names(row.get("names_latin")),
        country=row.get("country"),
        admin1=row.get("admin1"),
        admin2=row.get("admin2"),
        admin3=row.get("admin3"),
        parent=row.get("parent") or None,
        lat=_float(row, "lat"),
        lon=_float(row, "lon"),
        population=int(pop),
        facility_type=row.get("facility_type") or None,
        needs_cue=cue == "1",
        source=row.get("source"),
    )


def _check_names(p: Place) -> list[str]:
    problems = []
    if not p.names_ar:
        problems.append("names_ar is empty: a place needs at least one Arabic name")
    seen: dict[str, str] = {}
    common = ordinary_words()
    for name in p.names_ar:
        form = normalize_term(name)
        if not form or not _ARABIC.search(form):
            problems.append(f"name {name!r} is empty after normalization or has no Arabic letter")
        elif form in seen:
            problems.append(f"name {name!r} duplicates {seen[form]!r} after normalization ({form!r})")
        else:
            seen[form] = name
            if form in common and not p.needs_cue:
                problems.append(f"name {name!r} is an ordinary word: needs_cue must be 1")
    return problems


def _check_geo(p: Place) -> list[str]:
    problems = []
    if (p.lat is None) != (p.lon is None):
        problems.append(f"lat {p.lat!r} / lon {p.lon!r}: give both or neither")
    elif p.lat is None or p.lon is None:
        if p.kind != "foreign":
            problems.append("lat/lon missing: only foreign places may have no point")
    else:
        box = country_boxes().get(p.country)
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            problems.append(f"lat/lon {p.lat},{p.lon} is not a point on earth")
        elif box is not None and not box.contains(p.lat, p.lon):
            problems.append(f"lat/lon {p.lat},{p.lon} is outside {p.country}")
    return problems


def _check_place(p: Place) -> list[str]:
    problems = []
    if not _ID.match(p.id):
        problems.append(f"id {p.id!r} is not of the form prefix:value (e.g. gn:173811, cur:al-hol-camp)")
    if p.kind not in KINDS:
        problems.append(f"kind {p.kind!r} is not one of {', '.join(sorted(KINDS))}")
    if not p.name_en:
        problems.append("name_en is empty")
    if not p.source:
        problems.append("source is empty: say where the point comes from")
    if p.kind == "facility":
        if p.facility_type not in FACILITY_TYPES:
            problems.append(f"facility_type {p.facility_type!r} is not one of {', '.join(sorted(FACILITY_TYPES))}")
    elif p.facility_type:
        problems.append(f"facility_type {p.facility_type!r} given for kind {p.kind!r}")
    return problems + _check_country(p) + _check_names(p) + _check_geo(p)


def _check_country(p: Place) -> list[str]:
    if p.kind == "foreign":
        return [] if p.country else ["country is empty"]
    if p.country in SCOPE_COUNTRIES:
        if p.kind in ("country", "region") and not p.admin1:
            return []
        if p.admin1 not in acled_admin1(p.country):
            return [f"admin1 {p.admin1!r} is not an ACLED admin1 of {p.country}"]
        return []
    if p.kind == "facility" and p.country in country_boxes():
        return []  # a base just across the border (Tower 22, Jordan) that attacks in scope target
    return [f"country {p.country!r} is out of scope for kind {p.kind!r} (use kind=foreign)"]


def validate(rows: Iterable[Row], known_ids: Iterable[str] = ()) -> list[str]:
    """Every problem of these rows, as 'file:line: id: reason'. `known_ids` are ids of other layers
    that a parent may point to."""
    problems: list[str] = []
    places: list[tuple[Row, Place]] = []
    first_line: dict[str, str] = {}
    for row in rows:
        try:
            place = parse_place(row)
        except GazetteerError as e:
            problems.append(str(e))
            continue
        if place.id in first_line:
            problems.append(f"{row.where()}: {place.id}: duplicate id (first at {first_line[place.id]})")
        first_line.setdefault(place.id, row.where())
        places.append((row, place))
    ids = set(first_line) | set(known_ids)
    for row, place in places:
        found = _check_place(place)
        if place.parent is not None and (place.parent not in ids or place.parent == place.id):
            found.append(f"parent {place.parent!r} is not a known place id")
        problems.extend(f"{row.where()}: {place.id}: {reason}" for reason in found)
    return problems


# ---------------------------------------------------------------- operators (who holds a facility)


def actor_names(path: Path | None = None) -> frozenset[str]:
    """Canonical actor names of data/lexicons/actors.yaml (the names operators.tsv may use)."""
    path = path or data_dir().parent / "lexicons" / "actors.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GazetteerError(f"{path}: cannot read the actor lexicon: {e}") from e
    return frozenset(str(a["name"]) for a in data.get("actors", []) if isinstance(a, dict) and "name" in a)


def validate_operators(
    path: Path, known_ids: Iterable[str] | None = None, actors: Iterable[str] | None = None
) -> list[str]:
    """Problems of an operators file (place_id, actor, source): a place id the gazetteer does not know, an actor
    name that is not canonical in actors.yaml, a duplicate place, an empty source. Each names file, line, value."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        return [f"{path}: cannot read: {e}"]
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != OPERATOR_COLUMNS:
        return [f"{path}:1: header {(lines[0] if lines else '')!r} is not {' '.join(OPERATOR_COLUMNS)}"]
    ids = set(known_ids) if known_ids is not None else set(default_gazetteer().places)
    names = frozenset(actors) if actors is not None else actor_names()
    problems: list[str] = []
    first: dict[str, int] = {}
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(OPERATOR_COLUMNS):
            problems.append(f"{path}:{n}: expected {len(OPERATOR_COLUMNS)} columns, got {len(cells)}: {line!r}")
            continue
        place_id, actor, source = cells
        if place_id not in ids:
            problems.append(f"{path}:{n}: place id {place_id!r} is not a known gazetteer place")
        if actor not in names:
            problems.append(f"{path}:{n}: actor {actor!r} is not a canonical actor name of actors.yaml")
        if not source:
            problems.append(f"{path}:{n}: {place_id}: source is empty: say who holds the place, per whom")
        if place_id in first:
            problems.append(f"{path}:{n}: place id {place_id!r} duplicates line {first[place_id]}")
        first.setdefault(place_id, n)
    return problems


# ---------------------------------------------------------------- the gazetteer


def user_dir() -> Path:
    """Where `rasd gazetteer import` writes by default and `Gazetteer.load` looks for user files."""
    from rasd.paths import home

    return home() / "gazetteer"


def layer_files(extra: list[Path] | None = None) -> list[list[Path]]:
    """The files of each layer, in override order: packaged, $RASD_GAZETTEER, user dir, extra."""
    env = [Path(p) for p in os.environ.get("RASD_GAZETTEER", "").split(os.pathsep) if p.strip()]
    udir = user_dir()
    user = sorted(udir.glob("*.tsv")) if udir.is_dir() else []
    layers = [[data_dir() / name for name in PACKAGED_FILES]] + [[p] for p in env + user + list(extra or [])]
    return layers


def check_layers(extra: list[Path] | None = None) -> list[str]:
    """Every problem of every layer (for `rasd gazetteer validate`), without stopping at the first bad file."""
    problems: list[str] = []
    known: set[str] = set()
    for files_ in layer_files(extra):
        rows: list[Row] = []
        for path in files_:
            try:
                rows.extend(read_rows(path))
            except GazetteerError as e:
                problems.append(str(e))
        problems.extend(validate(rows, known_ids=known))
        known.update(r.get("id") for r in rows)
    return problems + validate_operators(data_dir() / OPERATORS_FILE, known_ids=known)


def packaged_ids() -> frozenset[str]:
    """Ids of the packaged places (an import skips them unless asked to replace them)."""
    return frozenset(r.get("id") for name in PACKAGED_FILES for r in read_rows(data_dir() / name))


def _first_problems(problems: list[str], limit: int = 10) -> str:
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    return "\n".join(problems[:limit]) + more


@dataclass
class Gazetteer:
    """Places by id, and the index from normalized Arabic name to place ids."""

    places: dict[str, Place]
    _forms: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _admin1: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for place in self.places.values():
            for name in place.names_ar:
                ids = self._forms.setdefault(normalize_term(name), [])
                if place.id not in ids:
                    ids.append(place.id)
            if place.parent:
                self._children.setdefault(place.parent, []).append(place.id)
            if place.kind == "admin1":
                self._admin1[(place.country, place.admin1)] = place.id

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> Gazetteer:
        """Read and validate every layer; raise GazetteerError listing the problems of a bad file."""
        places: dict[str, Place] = {}
        for files_ in layer_files(extra):
            rows = [row for path in files_ for row in read_rows(path)]
            problems = validate(rows, known_ids=places)
            if problems:
                raise GazetteerError(_first_problems(problems))
            places.update((p.id, p) for p in map(parse_place, rows))
        return cls(places)

    def __len__(self) -> int:
        return len(self.places)

    def forms(self) -> dict[str, list[str]]:
        """normalize_term(Arabic name) -> ids of the places that bear it (several when ambiguous)."""
        return self._forms

    def lookup(self, form: str) -> list[Place]:
        """Places named `form` (any spelling: it is normalized); tries the ال form when the bare one is unknown."""
        key = normalize_term(form)
        ids = self._forms.get(key)
        if ids is None and key and not key.startswith("ال"):
            ids = self._forms.get("ال" + key)
        return [self.places[i] for i in ids or ()]

    def get(self, place_id: str) -> Place:
        try:
            return self.places[place_id]
        except KeyError:
            raise KeyError(f"no place with id {place_id!r}") from None

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        pid = self._admin1.get((country, admin1))
        return self.places[pid] if pid else None

    def children(self, place_id: str) -> list[Place]:
        """Neighbourhoods and facilities whose parent is this place."""
        return [self.places[i] for i in self._children.get(place_id, ())]


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of this process (loaded once; call `default_gazetteer.cache_clear()` to reload)."""
    return Gazetteer.load()
