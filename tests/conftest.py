"""Shared helpers for the end-to-end extraction tests: text + publication time in, coded reports out."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from rasd import extract
from rasd.model import Document, Report


@dataclass
class Extraction:
    """One document and the reports rasd extracted from it, with assertions the tests share."""

    doc: Document
    reports: list[Report]

    def of_role(self, role: str) -> list[Report]:
        return [r for r in self.reports if r.role == role]

    def one(self, role: str = "main") -> Report:
        """The single report of `role`; fails, showing what was found, when there is not exactly one."""
        found = self.of_role(role)
        assert len(found) == 1, self.summary()
        return found[0]

    def said(self, report: Report, field: str) -> list[str]:
        """The evidence texts for `field`, after checking every evidence span of `report` against the original."""
        for e in report.evidence:
            assert self.doc.text[e.start : e.end] == e.text, (e.field, e.text, e.start, e.end)
            assert e.text.strip(), e
        return [e.text for e in report.evidence if e.field == field]

    @staticmethod
    def km(report: Report, lat: float, lon: float) -> float:
        """How far the report's point is from (lat, lon), in kilometres; infinite when it has no point."""
        return km(report.latitude, report.longitude, lat, lon)

    def summary(self) -> list[str]:
        return [
            f"{r.role} {r.event_date} {r.event_type}/{r.sub_event_type} @{r.location} a1={r.actor1} "
            f"a2={r.actor2} k={r.fatalities} inj={r.injured} arr={r.arrested} tags={r.tags}"
            for r in self.reports
        ]


ExtractText = Callable[..., Extraction]


def km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (infinite when the report has no point)."""
    if lat1 is None or lon1 is None:
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture
def extract_text() -> ExtractText:
    """`extract_text(text, published, outlet=...)` runs the whole pipeline on one made-up article."""

    def run(text: str, published: str, outlet: str = "Test outlet") -> Extraction:
        doc = Document(id="example", text=text, published=published, outlet=outlet, lang="ar")
        return Extraction(doc, extract(doc))

    return run
