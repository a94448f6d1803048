"""The extraction pipeline: named stages run in order over one `Analysis` object.

ingest -> normalize -> recognize -> places -> assemble -> geocode. Each stage reads what earlier stages
put on the Analysis and adds its own field; none reaches back to change an earlier one's output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasd.model import Document, Mention, Report
from rasd.text.normalize import NormText, normalize


@dataclass
class Analysis:
    """Everything known about one document as it goes through the stages."""

    document: Document
    norm: NormText | None = None
    mentions: list[Mention] = field(default_factory=list)
    places: dict[int, Any] = field(default_factory=dict)  # mention start -> resolved Place
    reports: list[Report] = field(default_factory=list)


Stage = Callable[[Analysis], None]
STAGES: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    def register(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn

    return register


@stage("normalize")
def _normalize(a: Analysis) -> None:
    a.norm = normalize(a.document.text)


@stage("recognize")
def _recognize(a: Analysis) -> None:
    from rasd.recognize import recognize

    assert a.norm is not None
    a.mentions = recognize(a.norm.text, a.document.published_date)


@stage("places")
def _places(a: Analysis) -> None:
    from rasd.geo.resolve import resolve_places

    assert a.norm is not None
    a.places = resolve_places(a.mentions, a.norm.text, original=a.norm)


@stage("assemble")
def _assemble(a: Analysis) -> None:
    from rasd.assemble.reports import assemble

    assert a.norm is not None
    a.reports = assemble(a.document, a.norm, a.mentions, a.places)


PIPELINE = ("normalize", "recognize", "places", "assemble")


def analyse(document: Document, stages: tuple[str, ...] = PIPELINE) -> Analysis:
    a = Analysis(document)
    for name in stages:
        STAGES[name](a)
    return a


def extract(document: Document) -> list[Report]:
    """The event reports one document tells."""
    return analyse(document).reports
