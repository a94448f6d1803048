"""Reports out: JSON Lines (every field, claims and evidence) and CSV with ACLED's columns first.

The CSV puts ACLED's columns in ACLED's order so an analyst can stack rasd's rows under ACLED's,
then rasd's extension columns.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from typing import IO, Any

from rasd.model import Report

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTENSION_COLUMNS = (
    "doc",
    "role",
    "facility",
    "injured",
    "arrested",
    "escaped",
    "detainees_held",
    "displaced",
    "displaced_unit",
    "confidence",
    "url",
    "published",
    "place_id",
    "claims",
    "evidence",
)
COUNTRY_CODES = {"Syria": ("SYR", 760), "Iraq": ("IRQ", 368), "Jordan": ("JOR", 400)}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
FORMATS = ("jsonl", "csv")


def interaction_code(inter1: Any, inter2: Any) -> int | None:
    """ACLED's interaction: the two inter codes as digits, lower first; a lone actor's code is followed by 0."""
    codes = sorted(int(i) for i in (inter1, inter2) if i)
    if not codes:
        return None
    return int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10


def report_id(r: Report) -> str:
    """A stable id: the country code and a hash of what identifies the report in its document."""
    key = f"{r.doc}|{r.event_date}|{r.event_type}|{r.sub_event_type}|{r.place_id}"
    code = COUNTRY_CODES.get(r.country or "", ("XXX", 0))[0]
    return code + hashlib.sha1(key.encode()).hexdigest()[:10]


def notes(r: Report) -> str:
    """A one-sentence English summary of the report."""
    who = r.actor1 or "An unidentified actor"
    whom = f" against {r.actor2}" if r.actor2 else ""
    where = ", ".join(x for x in (r.location, r.admin1, r.country) if x)
    counts = [
        f"{getattr(r, f)} {label}"
        for f, label in (
            ("fatalities", "killed"),
            ("injured", "injured"),
            ("arrested", "arrested"),
            ("escaped", "escaped"),
        )
        if getattr(r, f)
    ]
    tail = f" Reported: {', '.join(counts)}." if counts else ""
    return f"On {r.event_date}, {who}: {r.sub_event_type.lower()}{whom} in {where}.{tail}"


def acled_row(r: Report) -> dict[str, Any]:
    iso3, iso = COUNTRY_CODES.get(r.country or "", ("", ""))
    return {
        "event_id_cnty": report_id(r),
        "event_date": r.event_date,
        "year": (r.event_date or "")[:4],
        "time_precision": r.time_precision,
        "disorder_type": DISORDER.get(r.event_type, ""),
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "actor1": r.actor1,
        "assoc_actor_1": r.assoc_actor_1,
        "inter1": r.inter1,
        "actor2": r.actor2,
        "assoc_actor_2": r.assoc_actor_2,
        "inter2": r.inter2,
        "interaction": interaction_code(r.inter1, r.inter2),
        "civilian_targeting": "Civilian targeting" if r.inter2 == 7 else "",
        "iso": iso,
        "region": "Middle East",
        "country": r.country,
        "admin1": r.admin1,
        "admin2": r.admin2,
        "admin3": r.admin3,
        "location": r.location,
        "latitude": r.latitude,
        "longitude": r.longitude,
        "geo_precision": r.geo_precision,
        "source": r.source,
        "source_scale": "",
        "notes": notes(r),
        "fatalities": r.fatalities or 0,
        "tags": ";".join(r.tags),
        "timestamp": r.published or "",
    } | {"_iso3": iso3}


def csv_row(r: Report) -> dict[str, Any]:
    row = acled_row(r)
    row.pop("_iso3")
    d = r.to_dict()
    for col in EXTENSION_COLUMNS:
        v = d.get(col)
        row[col] = json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
    return row


def json_row(r: Report) -> dict[str, Any]:
    d = r.to_dict()
    d["event_id_cnty"] = report_id(r)
    return d


class ReportWriter:
    """Writes reports one at a time in the chosen format."""

    def __init__(self, out: IO[str], fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *EXTENSION_COLUMNS])
            self._csv.writeheader()

    def write(self, reports: Iterable[Report]) -> int:
        n = 0
        for r in reports:
            if self._csv is not None:
                self._csv.writerow(csv_row(r))
            else:
                self.out.write(json.dumps(json_row(r), ensure_ascii=False) + "\n")
            n += 1
        return n
