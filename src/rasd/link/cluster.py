"""Reports into events: a deterministic greedy pass over the scored pairs.

The surest pairs join first; two reports of one document never share an event (the extractor already told them
apart). The result depends only on the pairs, not on the order documents arrived in, so linking a new document
incrementally (re-clustering only the region its pairs touch) gives what a full relink gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    a: str  # report ids, a < b
    b: str
    score: float


def clusters(
    reports: dict[str, str], pairs: Iterable[Pair], conflict: Callable[[str, str], bool] | None = None
) -> list[list[str]]:
    """Group report ids (mapped to their document ids) into events; each group sorted, groups sorted.

    `conflict(a, b)` names two reports that may never share an event even through others (two exact, different days):
    a chain of loose links cannot join them.
    """
    parent = {r: r for r in reports}
    docs = {r: {d} for r, d in reports.items()}
    members = {r: [r] for r in reports}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        if p.a not in parent or p.b not in parent:
            continue
        ra, rb = root(p.a), root(p.b)
        if ra == rb or docs[ra] & docs[rb]:
            continue
        if conflict is not None and any(conflict(x, y) for x in members[ra] for y in members[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        docs[keep] |= docs.pop(gone)
        members[keep] += members.pop(gone)
    groups: dict[str, list[str]] = {}
    for r in reports:
        groups.setdefault(root(r), []).append(r)
    return sorted(sorted(g) for g in groups.values())


def event_id(report_ids: list[str]) -> str:
    """A stable id for the event of these reports: it follows its first report."""
    return "EV" + hashlib.sha1(min(report_ids).encode()).hexdigest()[:12]
