"""One event's fields from its reports, by the codebook: the best-precision day, the most precise place, the most
conservative count among the latest reports, every claim with its source, and why the event is contested.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rasd.link.rules import Row

COUNTS = ("fatalities", "injured", "arrested", "escaped", "detainees_held", "displaced")
CARRIED = ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
PLACE = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "place_id",
    "facility",
)


def _main(reports: list[Row]) -> list[Row]:
    """The reports that tell the event as news; the recalled ones only when no report does."""
    main = [r for r in reports if r.get("role") == "main"]
    return main or reports


def _pick_date(reports: list[Row]) -> Row:
    return min(reports, key=lambda r: (r.get("time_precision") or 9, r.get("published") or "", r["id"]))


def _pick_place(reports: list[Row]) -> Row:
    common = Counter(r.get("place_id") for r in reports)
    return min(reports, key=lambda r: (r.get("geo_precision") or 9, -common[r.get("place_id")], r["id"]))


def _pick_type(reports: list[Row]) -> Row:
    common = Counter((r.get("event_type"), r.get("sub_event_type")) for r in reports)
    return min(reports, key=lambda r: (-common[(r.get("event_type"), r.get("sub_event_type"))], r["id"]))


def _count(reports: list[Row], field: str) -> int | None:
    """The smallest figure among the reports published last that give one (a toll that rises takes the latest)."""
    given = [r for r in reports if r.get(field) is not None]
    if not given:
        return None
    latest = max((r.get("published") or "")[:10] for r in given)
    return min(int(r[field]) for r in given if (r.get("published") or "")[:10] == latest)


def _source(r: Row) -> str:
    return str(r.get("source") or "unnamed outlet")


def contested_reasons(reports: list[Row]) -> list[str]:
    """Why outlets disagree: differing counts, an assertion one source denies, conflicting days."""
    reasons = []
    main = _main(reports)
    for field in COUNTS:
        by_value: dict[int, list[str]] = {}
        for r in main:
            if r.get(field) is not None:
                by_value.setdefault(int(r[field]), []).append(f"{_source(r)}, {r['doc']}")
        if len(by_value) > 1:
            parts = [f"{v} ({'; '.join(sorted(set(s)))})" for v, s in sorted(by_value.items(), reverse=True)]
            reasons.append(f"{field}: " + " vs ".join(parts))
    for r in reports:
        for c in r.get("claims") or []:
            if c.get("stance") == "denies":
                reasons.append(f"denied by {c.get('source')} ({r['doc']}): {c.get('field')}")
    precise = {str(r.get("event_date")) for r in main if (r.get("time_precision") or 1) == 1}
    if len(precise) > 1:
        reasons.append("dates differ: " + " vs ".join(sorted(precise)))
    return sorted(set(reasons))


def aggregate(event_id: str, reports: list[Row], documents: dict[str, Row]) -> dict[str, Any]:
    """The event row for a group of reports (each with id, doc, role, published, claims...)."""
    main = _main(reports)
    when, where, what = _pick_date(main), _pick_place(main), _pick_type(main)
    published = sorted(str(r.get("published") or "") for r in reports if r.get("published"))
    reasons = contested_reasons(reports)
    event: dict[str, Any] = {
        "id": event_id,
        "event_date": when.get("event_date"),
        "time_precision": when.get("time_precision"),
    }
    event.update({k: what.get(k) for k in CARRIED})
    event.update({k: where.get(k) for k in PLACE})
    event.update({k: _count(main, k) for k in COUNTS})
    event["fatalities"] = event["fatalities"] or 0
    event["tags"] = sorted({t for r in reports for t in r.get("tags") or []})
    event["contested"] = bool(reasons)
    event["contested_reasons"] = reasons
    event["claims"] = [dict(c, doc=r["doc"]) for r in reports for c in r.get("claims") or []]
    event["n_reports"] = len(reports)
    event["n_documents"] = len({r["doc"] for r in reports})
    event["sources"] = sorted(
        {str(documents.get(r["doc"], {}).get("outlet") or r.get("source") or r["doc"]) for r in reports}
    )
    event["first_published"] = published[0] if published else None
    event["last_published"] = published[-1] if published else None
    return event
