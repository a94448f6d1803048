"""Pairwise linking quality on labelled document pairs (tests/data/link_pairs.jsonl).

A pair says whether the incident told in article a (date, type, point) is the one told in article b. The report that
tells it is found in each article (same type, within DAY_SLACK days and KM_SLACK km); the pair is predicted "same"
when both reports belong to one stored event. Precision counts predicted links that are right; recall, labelled
links that are found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasd.link.rules import km

DAY_SLACK = 2
KM_SLACK = 30.0


@dataclass
class LinkScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unfound: list[str] = field(default_factory=list)  # labelled incidents with no matching report

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (
            f"pairwise P={self.precision:.3f} R={self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn},"
            f" tn {self.tn}; incidents without a report: {len(self.unfound)})"
        )


def find_report(
    reports: list[dict[str, Any]], date: str | None, event_type: str | None, lat: Any, lon: Any
) -> dict | None:
    """The report of an article that tells the labelled incident, if any (closest in time, then space)."""
    if not date:
        return None
    want = dt.date.fromisoformat(date[:10])
    best = None
    for r in reports:
        try:
            gap = abs((dt.date.fromisoformat(str(r.get("event_date"))[:10]) - want).days)
        except ValueError:
            continue
        dist = km(r, {"latitude": lat, "longitude": lon})
        if gap > DAY_SLACK or dist is None or dist > KM_SLACK or (event_type and r.get("event_type") != event_type):
            continue
        key = (gap, dist)
        if best is None or key < best[0]:
            best = (key, r)
    return best[1] if best else None


def score_pairs(pairs: list[dict[str, Any]], reports_of: dict[str, list[dict[str, Any]]]) -> LinkScore:
    """Score labelled pairs against stored reports (each with its event_id)."""
    s = LinkScore()
    for p in pairs:
        ra = find_report(
            reports_of.get(p["a"], []), p.get("event_date"), p.get("event_type"), p.get("latitude"), p.get("longitude")
        )
        rb = find_report(
            reports_of.get(p["b"], []),
            p.get("b_event_date") or p.get("event_date"),
            p.get("event_type"),
            p.get("b_latitude") or p.get("latitude"),
            p.get("b_longitude") or p.get("longitude"),
        )
        if ra is None or rb is None:
            s.unfound.append(f"{p['a']}/{p['b']}")
        linked = ra is not None and rb is not None and ra.get("event_id") == rb.get("event_id")
        if p["same"]:
            s.tp, s.fn = (s.tp + 1, s.fn) if linked else (s.tp, s.fn + 1)
        else:
            s.fp, s.tn = (s.fp + 1, s.tn) if linked else (s.fp, s.tn + 1)
    return s
