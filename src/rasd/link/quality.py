"""Pairwise linking quality on labelled document pairs (tests/data/link_pairs.jsonl).

A pair says whether the incident told in article a (date, type, point) is the one told in article b. The reports that
may tell it are found in each article (same type, within DAY_SLACK days and KM_SLACK km); the pair is predicted
"same" when one of a's shares an event with one of b's (an article may tell two events at one place on one day,
drones then rockets). Precision counts predicted links that are right; recall, labelled links that are found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasd.link.rules import km

DAY_SLACK = 2
KM_SLACK = 30.0
Row = dict[str, Any]


@dataclass
class LinkScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unfound: list[str] = field(default_factory=list)  # labelled incidents with no matching report
    wrong: list[str] = field(default_factory=list)  # pairs linked against the label, or not linked though labelled

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (
            f"pairwise P={self.precision:.3f} R={self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn},"
            f" tn {self.tn}; pairs with an incident no report tells: {len(self.unfound)})"
        )


def find_reports(reports: list[Row], date: str | None, event_type: str | None, lat: Any, lon: Any) -> list[Row]:
    """The reports of an article that may tell the labelled incident (same type, near in time and space)."""
    if not date:
        return []
    want = dt.date.fromisoformat(date[:10])
    found = []
    for r in reports:
        try:
            gap = abs((dt.date.fromisoformat(str(r.get("event_date"))[:10]) - want).days)
        except ValueError:
            continue
        dist = km(r, {"latitude": lat, "longitude": lon})
        same_type = not event_type or r.get("event_type") == event_type
        if gap <= DAY_SLACK and dist is not None and dist <= KM_SLACK and same_type:
            found.append(r)
    return found


def _side(p: Row, reports_of: dict[str, list[Row]], b: bool) -> list[Row]:
    get = (lambda k: p.get(f"b_{k}") or p.get(k)) if b else p.get
    return find_reports(
        reports_of.get(p["b" if b else "a"], []),
        get("event_date"),
        get("event_type"),
        get("latitude"),
        get("longitude"),
    )


def score_pairs(pairs: list[Row], reports_of: dict[str, list[Row]], resolvable_only: bool = False) -> LinkScore:
    """Score labelled pairs against stored reports (each with its event_id).

    With `resolvable_only`, pairs where extraction found no report for one article are left out: what remains
    measures the linker alone.
    """
    s = LinkScore()
    for p in pairs:
        ra, rb = _side(p, reports_of, False), _side(p, reports_of, True)
        if not ra or not rb:
            s.unfound.append(f"{p['a']}/{p['b']}")
            if resolvable_only:
                continue
        linked = bool({x.get("event_id") for x in ra} & {y.get("event_id") for y in rb})
        s.wrong += [] if linked == p["same"] else [f"{p['a']}/{p['b']} same={p['same']}"]
        if p["same"]:
            s.tp, s.fn = (s.tp + 1, s.fn) if linked else (s.tp, s.fn + 1)
        else:
            s.fp, s.tn = (s.fp + 1, s.tn) if linked else (s.fp, s.tn + 1)
    return s
