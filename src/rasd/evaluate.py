"""Score extracted reports against gold events by the rules of the shared scorer.

A prediction matches a gold event of the same document when its date is within the gold tolerance,
its point within the gold distance, and its type is the gold pair or an alternative (coarse: the
event type alone). Pairs are assigned greedily, closest first; predictions matched to background
gold are neither rewarded nor counted as false positives. `rasd evaluate` prints the same figures
as ../shared/eval/score.py, so the project's floor test and a developer's check agree.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class Score:
    mode: str
    precision: float
    recall: float
    f1: float
    matched_main: int
    gold_main: int
    predictions: int
    fields: dict[str, float | None] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.mode:6} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(main matched {self.matched_main}/{self.gold_main}, predictions {self.predictions})"
        )


def _day(v: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _type_ok(g: Row, p: Row, coarse: bool) -> bool:
    pairs = [(g["event_type"], g["sub_event_type"]), *[tuple(a) for a in g.get("alt_types", [])]]
    if coarse:
        return any(p.get("event_type") == t for t, _ in pairs)
    return (p.get("event_type"), p.get("sub_event_type")) in pairs


def _cost(g: Row, p: Row, coarse: bool) -> float | None:
    gd, pd = _day(g["event_date"]), _day(p.get("event_date"))
    if gd is None or pd is None or abs((gd - pd).days) > g.get("date_tolerance_days", 1):
        return None
    try:
        d = km(g["latitude"], g["longitude"], float(p["latitude"]), float(p["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None
    if d > g.get("location_tolerance_km", 15) or not _type_ok(g, p, coarse):
        return None
    return abs((gd - pd).days) * 10 + d


def _doc(p: Row) -> str | None:
    return p.get("doc") or p.get("doc_id")


def match(gold: list[Row], preds: list[Row], coarse: bool) -> list[tuple[int, int]]:
    pairs = sorted(
        (c, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(preds)
        if _doc(p) == g["doc"] and (c := _cost(g, p, coarse)) is not None
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _fields(gold: list[Row], preds: list[Row], m: list[tuple[int, int]], norm_actor: Any) -> dict[str, float | None]:
    acc: dict[str, list[float]] = {"sub_event_type": [], "exact_date": [], "fatalities": [], "actors": []}
    for gi, pi in m:
        g, p = gold[gi], preds[pi]
        if g["role"] != "main":
            continue
        acc["sub_event_type"].append(float(_type_ok(g, p, False)))
        acc["exact_date"].append(float(_day(p.get("event_date")) == _day(g["event_date"])))
        if g.get("fatalities") is not None:
            acc["fatalities"].append(
                float(p.get("fatalities") in {g["fatalities"], *(g.get("fatalities_accept") or [])})
            )
        want = {norm_actor(a) for a in g.get("actors", [])}
        if want:
            have = {
                norm_actor(x.strip())
                for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
                for x in str(p.get(k) or "").split(";")
                if x.strip()
            }
            acc["actors"].append(len(want & have) / len(want))
    return {k: (round(sum(v) / len(v), 3) if v else None) for k, v in acc.items()}


def score(gold_rows: list[Row], pred_rows: list[Row]) -> list[Score]:
    docs = {g["doc"] for g in gold_rows}
    gold = [g for g in gold_rows if g.get("role") != "none"]
    preds = [p for p in pred_rows if _doc(p) in docs]
    out = []
    for mode, coarse in (("strict", False), ("coarse", True)):
        m = match(gold, preds, coarse)
        total = sum(g["role"] == "main" for g in gold)
        hit = sum(gold[gi]["role"] == "main" for gi, _ in m)
        p = len(m) / len(preds) if preds else 0.0
        r = hit / total if total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        s = Score(mode, round(p, 3), round(r, 3), round(f, 3), hit, total, len(preds))
        if coarse:
            s.fields = _fields(gold, preds, m, lambda a: a.strip().lower())
            hit_g = {gi for gi, _ in m}
            s.misses = [
                f"MISSED {g['doc']} {g['event_date']} {g['event_type']} / {g['sub_event_type']} {g.get('location')}"
                for gi, g in enumerate(gold)
                if g["role"] == "main" and gi not in hit_g
            ]
        out.append(s)
    return out


@dataclass(frozen=True)
class GoldSet:
    """A gold file and the articles it codes."""

    name: str
    gold: str  # path relative to the shared folder
    corpus: str


GOLD_SETS = (
    GoldSet("seeds", "gold/seeds.events.jsonl", "corpus/seeds.jsonl"),
    GoldSet("almayadeen-dev", "gold/dev.almayadeen.events.jsonl", "corpus/almayadeen-2023-2024.jsonl.gz"),
    GoldSet("jawharafm-dev", "gold/dev.jawharafm.events.jsonl", "corpus/jawharafm-2014-2017.jsonl"),
)


def load_jsonl(path: str) -> list[Row]:
    import gzip
    import json

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [json.loads(line) for line in f if line.strip()]


def gold_documents(shared: str, gs: GoldSet) -> list[Row]:
    """The corpus records that a gold set codes, each once."""
    import os

    gold = load_jsonl(os.path.join(shared, gs.gold))
    ids = {g["doc"] for g in gold}
    seen: set[str] = set()
    out = []
    for rec in load_jsonl(os.path.join(shared, gs.corpus)):
        if rec["id"] in ids and rec["id"] not in seen:
            seen.add(rec["id"])
            out.append(rec)
    return out


def evaluate_set(shared: str, gs: GoldSet) -> list[Score]:
    import os

    from rasd.export import json_row
    from rasd.ingest import document_from_record
    from rasd.pipeline import extract

    preds = []
    for rec in gold_documents(shared, gs):
        doc = document_from_record(rec, origin=gs.corpus)
        preds += [json_row(r) for r in extract(doc)]
    return score(load_jsonl(os.path.join(shared, gs.gold)), preds)
