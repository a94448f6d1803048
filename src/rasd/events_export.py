"""Events out: CSV/GeoJSON/JSONL/Parquet exports and the text views of `rasd events` / `rasd show`.

Works on the plain event dicts the store returns, so exports need no database. The CSV and Parquet
columns start with ACLED's, in ACLED's order, so an analyst can stack rasd's rows under ACLED's.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import IO, Any

from rasd.export import ACLED_COLUMNS, COUNTRY_CODES, DISORDER, interaction_code

EVENT_EXTENSION_COLUMNS = (
    "contested",
    "contested_reasons",
    "n_reports",
    "n_documents",
    "injured",
    "arrested",
    "escaped",
    "detainees_held",
    "displaced",
    "facility",
    "claims",
    "first_published",
    "last_published",
)
EVENT_COLUMNS = (*ACLED_COLUMNS, *EVENT_EXTENSION_COLUMNS)
EVENT_FORMATS = ("csv", "geojson", "jsonl", "parquet")
BINARY_FORMATS = frozenset({"parquet"})
PARQUET_MISSING = "parquet export needs pyarrow: pip install 'rasd[parquet]'"

# Column types, shared by the GeoJSON properties and the Parquet schema; every other column is a string.
INT_COLUMNS = frozenset(
    {
        "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
        "n_reports", "n_documents", "injured", "arrested", "escaped", "detainees_held", "displaced",
    }
)  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
BOOL_COLUMNS = frozenset({"contested"})
LIST_COLUMNS = frozenset({"tags", "contested_reasons", "claims"})
# How a list is flattened into one CSV cell (ACLED joins tags with ";", as rasd.export does for reports).
CSV_JOINERS = {"tags": ";", "contested_reasons": " | "}
# Event keys copied unchanged into ACLED columns of the same name.
SAME_NAME = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision",
)  # fmt: skip
COUNT_LABELS = (
    ("fatalities", "killed"),
    ("injured", "injured"),
    ("arrested", "arrested"),
    ("escaped", "escaped"),
    ("detainees_held", "detainees held"),
    ("displaced", "displaced"),
)
PARQUET_BATCH = 1000


class ExportError(ValueError):
    """An export that cannot be written: unknown format, wrong stream kind, missing pyarrow, bad value."""


# ---------------------------------------------------------------- rows


def event_notes(event: Mapping[str, Any]) -> str:
    """An English summary (one or two sentences) for ACLED's `notes`, so a row reads without the JSON."""
    date, precision = event.get("event_date") or "an unknown date", event.get("time_precision")
    when = {2: f"Around {date}", 3: f"In {date[:7]}"}.get(precision or 1, f"On {date}")
    who = event.get("actor1") or "an unidentified actor"
    if event.get("assoc_actor_1"):
        who += f" (with {event['assoc_actor_1']})"
    whom = f" against {event['actor2']}" if event.get("actor2") else ""
    if whom and event.get("assoc_actor_2"):
        whom += f" (with {event['assoc_actor_2']})"
    what = (event.get("sub_event_type") or event.get("event_type") or "an event").lower()
    parts = [event.get(k) for k in ("location", "admin2", "admin1", "country")]
    where = ", ".join(dict.fromkeys(str(p) for p in parts if p)) or "an unknown place"
    counts = [f"{event[k]} {label}" for k, label in COUNT_LABELS if event.get(k)]
    text = f"{when}, {who}: {what}{whom} in {where}" + (f" ({', '.join(counts)})." if counts else ".")
    if event.get("contested"):
        reasons = "; ".join(str(r) for r in event.get("contested_reasons") or []) or "the sources disagree"
        text += f" Contested: {reasons}."
    return text


def event_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """The ACLED-style row of one event, typed (numbers, bools, lists kept as lists), in EVENT_COLUMNS order."""
    date = str(event.get("event_date") or "")
    row: dict[str, Any] = {k: event.get(k) for k in SAME_NAME}
    row |= {
        "event_id_cnty": event.get("id"),
        "year": date[:4] if date[:4].isdigit() else None,
        "disorder_type": DISORDER.get(event.get("event_type") or ""),
        "interaction": interaction_code(event.get("inter1"), event.get("inter2")),
        "civilian_targeting": "Civilian targeting" if event.get("inter2") == 7 else "",
        "iso": COUNTRY_CODES.get(event.get("country") or "", ("", None))[1],
        "region": "Middle East",
        "source": "; ".join(str(s) for s in event.get("sources") or []),
        "source_scale": "",
        "notes": event_notes(event),
        "fatalities": event.get("fatalities") or 0,
        "tags": event.get("tags") or [],
        "timestamp": event.get("last_published"),
        "contested": bool(event.get("contested")),
        "contested_reasons": event.get("contested_reasons") or [],
        "claims": event.get("claims") or [],
    }
    for col in EVENT_EXTENSION_COLUMNS:
        row.setdefault(col, event.get(col))
    return {col: _typed(col, row[col], event) for col in EVENT_COLUMNS}


def _typed(col: str, value: Any, event: Mapping[str, Any]) -> Any:
    """`value` as the type of column `col`; None stays None, a non-finite float becomes None."""
    if value is None:
        return None
    try:
        if col in INT_COLUMNS:
            return int(value)
        if col in FLOAT_COLUMNS:
            f = float(value)
            return f if math.isfinite(f) else None
    except (TypeError, ValueError) as e:
        raise ExportError(f"event {event.get('id')!r}: {col} = {value!r} is not a number") from e
    if col in BOOL_COLUMNS:
        return bool(value)
    if col in LIST_COLUMNS:
        return list(value) if isinstance(value, list | tuple) else [value]
    return str(value)


def csv_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """The row as CSV cells: lists joined (claims as JSON), bools as true/false, None as empty."""
    row = event_row(event)
    for col, v in row.items():
        if isinstance(v, bool):
            row[col] = "true" if v else "false"
        elif col in CSV_JOINERS:
            row[col] = CSV_JOINERS[col].join(str(x) for x in v)
        elif isinstance(v, list):
            row[col] = json.dumps(v, ensure_ascii=False)
    return row


def parquet_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """The typed row with lists as JSON strings (Parquet columns stay flat and readable everywhere)."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in event_row(event).items()}


def event_point(event: Mapping[str, Any]) -> list[float] | None:
    """The event's [lon, lat] (RFC 7946 order), or None when it has no usable point."""
    try:
        lat, lon = float(event["latitude"]), float(event["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


# ---------------------------------------------------------------- writers


def write_events(events: Iterable[Mapping[str, Any]], out: IO[Any], fmt: str) -> int:
    """Write `events` to `out` in `fmt` and return how many were written.

    `parquet` needs a binary stream, the others a text stream. GeoJSON leaves out events without a
    point (no latitude/longitude), so its count can be lower than the number of events given.
    """
    if fmt not in EVENT_FORMATS:
        raise ExportError(f"unknown event format {fmt!r}: choose one of {', '.join(EVENT_FORMATS)}")
    if fmt in BINARY_FORMATS and isinstance(out, io.TextIOBase):
        raise ExportError(f"{fmt} export needs a binary stream (open the file with 'wb'), got {type(out).__name__}")
    if fmt not in BINARY_FORMATS and isinstance(out, io.RawIOBase | io.BufferedIOBase):
        raise ExportError(f"{fmt} export needs a text stream (open the file with 'w'), got {type(out).__name__}")
    if fmt == "parquet":
        return _write_parquet(events, out)
    if fmt == "geojson":
        return _write_geojson(events, out)
    return _write_csv(events, out) if fmt == "csv" else _write_jsonl(events, out)


def _write_csv(events: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


def _write_jsonl(events: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(dict(event), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_geojson(events: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection written one feature at a time, so a large export never sits in memory."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for event in events:
        point = event_point(event)
        if point is None:
            continue
        feature = {
            "type": "Feature",
            "id": event.get("id"),
            "geometry": {"type": "Point", "coordinates": point},
            "properties": event_row(event),
        }
        out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, allow_nan=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet_schema(pa: Any) -> Any:
    def kind(col: str) -> Any:
        if col in INT_COLUMNS:
            return pa.int64()
        if col in FLOAT_COLUMNS:
            return pa.float64()
        return pa.bool_() if col in BOOL_COLUMNS else pa.string()

    return pa.schema([(col, kind(col)) for col in EVENT_COLUMNS])


def _write_parquet(events: Iterable[Mapping[str, Any]], out: IO[bytes]) -> int:
    """Row groups of PARQUET_BATCH events, with an explicit schema so all-empty columns keep their type."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ExportError(PARQUET_MISSING) from e
    schema = _parquet_schema(pa)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batched(iter(events), PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist([parquet_row(e) for e in batch], schema=schema))
            n += len(batch)
    return n


def _batched(items: Iterator[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    while batch := list(islice(items, size)):
        yield batch


# ---------------------------------------------------------------- text views


def format_event_line(event: Mapping[str, Any]) -> str:
    """One line of the `rasd events` table: id, date, type / sub-type, place, actors, fatalities, [contested]."""
    kind = f"{event.get('event_type') or '?'} / {event.get('sub_event_type') or '?'}"
    place = event.get("location") or event.get("admin1") or event.get("country") or "?"
    actors = event.get("actor1") or "?"
    if event.get("actor2"):
        actors += f" vs {event['actor2']}"
    fatalities = event.get("fatalities")
    killed = f"{fatalities if fatalities is not None else '?'} killed"
    flag = " [contested]" if event.get("contested") else ""
    return (
        f"{event.get('id') or '?':<14}  {event.get('event_date') or '?':<10}  {kind:<45}  {place:<28}  "
        f"{actors}  | {killed}{flag}"
    )


def mark_evidence(sentence: str, words: Iterable[str]) -> str:
    """`sentence` with each of `words` marked [[like this]] at its first occurrence not already marked."""
    spans: list[range] = []
    for word in words:
        start = sentence.find(word) if word else -1
        while start >= 0 and any(start < s.stop and s.start < start + len(word) for s in spans):
            start = sentence.find(word, start + 1)
        if start >= 0:
            spans.append(range(start, start + len(word)))
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out += [sentence[pos : span.start], "[[", sentence[span.start : span.stop], "]]"]
        pos = span.stop
    return "".join([*out, sentence[pos:]])


def format_event_detail(event: Mapping[str, Any]) -> str:
    """The multi-line text of `rasd show EVENT_ID`: fields, why contested, reports with evidence, claims."""
    lines = [f"Event {event.get('id')}" + (" [contested]" if event.get("contested") else "")]
    lines += _field_lines(event)
    reasons = event.get("contested_reasons") or []
    if reasons:
        lines += ["", "Contested:", *(f"  - {r}" for r in reasons)]
    reports = event.get("reports") or []
    if reports:
        docs = {d.get("id"): d for d in event.get("documents") or []}
        lines += ["", f"Reports ({len(reports)}):"]
        for i, report in enumerate(reports, 1):
            lines += _report_lines(i, report, docs.get(report.get("doc"), {}))
    lines += _claim_lines(event)
    return "\n".join(lines)


def _field_lines(event: Mapping[str, Any]) -> list[str]:
    def actor(n: int) -> str:
        name, assoc, inter = event.get(f"actor{n}"), event.get(f"assoc_actor_{n}"), event.get(f"inter{n}")
        return f"{name or '-'}" + (f" (with {assoc})" if assoc else "") + (f" [inter {inter}]" if inter else "")

    places = [event.get(k) for k in ("location", "admin3", "admin2", "admin1", "country")]
    where = ", ".join(dict.fromkeys(str(p) for p in places if p)) or "-"
    if event_point(event):
        where += f" ({event['latitude']}, {event['longitude']}; geo precision {event.get('geo_precision')})"
    counts = ", ".join(f"{label} {event[k]}" for k, label in COUNT_LABELS if event.get(k) is not None) or "-"
    fields = [
        ("date", f"{event.get('event_date') or '-'} (time precision {event.get('time_precision')})"),
        ("type", f"{event.get('event_type') or '-'} / {event.get('sub_event_type') or '-'}"),
        ("actor 1", actor(1)),
        ("actor 2", actor(2)),
        ("where", where),
        ("facility", event.get("facility") or "-"),
        ("counts", counts),
        ("tags", ", ".join(event.get("tags") or []) or "-"),
        ("reports", f"{event.get('n_reports')} from {event.get('n_documents')} document(s)"),
        ("published", f"{event.get('first_published') or '?'} .. {event.get('last_published') or '?'}"),
        ("sources", "; ".join(event.get("sources") or []) or "-"),
    ]
    return [f"  {name + ':':<11}{value}" for name, value in fields]


def _report_lines(i: int, report: Mapping[str, Any], doc: Mapping[str, Any]) -> list[str]:
    """One report: its document, then each evidence sentence (as published) with its words marked."""
    outlet = doc.get("outlet") or report.get("source") or "unknown outlet"
    published = doc.get("published") or report.get("published") or "?"
    url = doc.get("url") or report.get("url") or "-"
    lines = [f"  [{i}] {report.get('doc')} ({report.get('role') or 'main'}): {outlet}, published {published}"]
    lines.append(f"      {url}")
    if doc.get("title"):
        lines.append(f"      title: {doc['title']}")
    by_sentence: dict[str, list[Mapping[str, Any]]] = {}
    for ev in report.get("evidence") or []:
        by_sentence.setdefault(ev.get("sentence") or "", []).append(ev)
    for sentence, evs in by_sentence.items():
        fields = ", ".join(dict.fromkeys(str(e.get("field")) for e in evs))
        words = [str(e.get("text") or "") for e in evs]
        text = mark_evidence(sentence, words) if sentence else " ".join(f"[[{w}]]" for w in words)
        lines.append(f"      ({fields}) {text}")
    return lines


def _claim_lines(event: Mapping[str, Any]) -> list[str]:
    """Claims grouped by who makes them; the report's claims when the event carries none of its own."""
    claims = [dict(c) for c in event.get("claims") or []]
    if not claims:
        for report in event.get("reports") or []:
            claims += [{**c, "doc": c.get("doc") or report.get("doc")} for c in report.get("claims") or []]
    if not claims:
        return []
    by_source: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        by_source.setdefault(str(c.get("source") or "unattributed"), []).append(c)
    lines = ["", "Claims:"]
    for source, cs in by_source.items():
        lines.append(f"  {source}:")
        lines += [
            f"    {c.get('stance') or 'reports'} {c.get('field')} = {c.get('value')}"
            + (f" [{c['doc']}]" if c.get("doc") else "")
            for c in cs
        ]
    return lines
