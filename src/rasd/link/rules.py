"""When two reports tell the same incident: dates within their precision, places close, types and actors compatible.

Reports are plain dicts (as `rasd extract` writes them, plus `id`). The score orders candidate pairs so that the
clustering takes the surest ones first.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

Row = dict[str, Any]

DAYS_BY_PRECISION = {1: 0, 2: 1, 3: 31}  # how far apart two dates of one event may be, by the worse precision
KM_BY_PRECISION = {1: 10.0, 2: 25.0}  # how far apart two points of one event may be, by geo precision
GROUND = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade")
QUIET = ("Strategic developments", "Riots", "Protests")


def km(a: Row, b: Row) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (
            float(a["latitude"]),
            float(a["longitude"]),
            float(b["latitude"]),
            float(b["longitude"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def day(r: Row) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(r.get("event_date"))[:10])
    except ValueError:
        return None


def days_apart(a: Row, b: Row) -> int | None:
    da, db = day(a), day(b)
    if da is None or db is None:
        return None
    gap = abs((da - db).days)
    if max(a.get("time_precision") or 1, b.get("time_precision") or 1) == 3 and (da.year, da.month) != (
        db.year,
        db.month,
    ):
        return None  # month-only dates agree only within their month
    return gap


def _types_agree(a: Row, b: Row) -> bool:
    ta, tb = a.get("event_type"), b.get("event_type")
    if ta == tb:
        return True
    pair = {(ta, a.get("sub_event_type")), (tb, b.get("sub_event_type"))}
    if any(t == "Battles" for t, _ in pair) and any(s in GROUND for _, s in pair):
        return True  # a battle absorbs the ground explosions fought in it
    return ta in QUIET and tb in QUIET and {ta, tb} != {"Protests", "Strategic developments"}


def actors(r: Row) -> set[str]:
    out: set[str] = set()
    for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        out.update(x.strip() for x in str(r.get(k) or "").split(";") if x.strip())
    return out


UNNAMED = "Unidentified Armed Group"


def _actors_agree(a: Row, b: Row) -> bool:
    """Two named attackers that differ tell two events; an unnamed or missing one may be either."""
    xa, xb = actors(a), actors(b)
    if not xa or not xb or xa & xb:
        return True
    a1, b1 = a.get("actor1"), b.get("actor1")
    return not a1 or not b1 or UNNAMED in (a1, b1) or a1 in xb or b1 in xa


def _places_agree(a: Row, b: Row) -> float | None:
    """Distance in km when the places may be one, else None."""
    if a.get("country") != b.get("country"):
        return None
    d = km(a, b)
    if d is None:
        return None
    worst = max(a.get("geo_precision") or 1, b.get("geo_precision") or 1)
    if worst >= 3:
        return d if a.get("admin1") == b.get("admin1") else None
    return d if d <= KM_BY_PRECISION[worst] else None


def link_score(a: Row, b: Row) -> float | None:
    """How surely two reports of different documents tell one incident; None when they cannot."""
    if a.get("doc") == b.get("doc") or not _types_agree(a, b) or not _actors_agree(a, b):
        return None
    gap = days_apart(a, b)
    precision = max(a.get("time_precision") or 1, b.get("time_precision") or 1)
    if gap is None or gap > DAYS_BY_PRECISION.get(precision, 1):
        return None
    dist = _places_agree(a, b)
    if dist is None:
        return None
    score = 10.0 - 2.0 * gap - dist / 5.0
    score += 1.0 if a.get("sub_event_type") == b.get("sub_event_type") else 0.0
    score += 1.0 if a.get("place_id") and a.get("place_id") == b.get("place_id") else 0.0
    score += 0.5 * len(actors(a) & actors(b))
    return round(score, 3)


def window_days(r: Row) -> int:
    """How many days around a report's date a matching report may be (for the store's blocking query).

    The same for every report, whatever its precision: a pair must be found whichever of the two arrives first.
    """
    return max(DAYS_BY_PRECISION.values())


def conflict(a: Row, b: Row) -> bool:
    """Two reports that cannot tell one incident, whatever links them: two exact, different days, or far places."""
    if (a.get("time_precision") or 1) == 1 and (b.get("time_precision") or 1) == 1 and day(a) != day(b):
        return True
    d = km(a, b)
    return (
        d is not None
        and d > 2 * KM_BY_PRECISION[2]
        and max(a.get("geo_precision") or 1, b.get("geo_precision") or 1) < 3
    )
