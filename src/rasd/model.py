"""The pipeline's artifact types: Document -> Mention -> Report (and Rejection for bad input).

Plain frozen dataclasses so that stages share one vocabulary and nothing passes tuples around.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One article as published. `text` is the original text every evidence offset points into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 as given by the source
    lang: str | None = None
    origin: str | None = None  # file path (and line) the document came from

    @property
    def published_date(self) -> dt.date | None:
        if not self.published:
            return None
        try:
            return dt.date.fromisoformat(self.published[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Rejection:
    """A document (or a piece of input) that could not be processed, and why."""

    doc: str  # document id, or path[:line] when no id could be read
    reason: str
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Mention:
    """A recognized span of the normalized text. `start`/`end` index the normalized text.

    Not frozen: recognition makes hundreds per article, and a frozen dataclass is slow to build.
    """

    kind: str  # actor | trigger | number | date | place | attribution | cue
    start: int
    end: int
    key: str  # canonical key: actor name, trigger id, place id, cue name...
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Evidence:
    """The words that support one field (`text`, offsets into Document.text) and their sentence."""

    field: str
    text: str
    start: int
    end: int
    sentence: str = ""


@dataclass(frozen=True)
class Claim:
    field: str
    value: Any
    source: str
    stance: str = "reports"  # asserts | denies | reports


@dataclass
class Report:
    """What one document says about one event, coded by the codebook."""

    doc: str
    event_date: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    role: str = "main"
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_id: str | None = None
    facility: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    escaped: int | None = None
    detainees_held: int | None = None
    displaced: int | None = None
    displaced_unit: str | None = None
    tags: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    source: str | None = None
    url: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
