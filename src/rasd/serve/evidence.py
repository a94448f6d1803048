"""What the event page shows: each source side by side, its evidence sentences cut into plain and marked
pieces (the words that support a field), and which figures the sources disagree on.

Marks are placed by offset, not by searching the word: a word that occurs twice in a sentence is marked where
the extractor read it. The sentence is found in the document text around the evidence offsets; only when the
document is not at hand does the first occurrence of the word stand in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

COUNT_FIELDS = ("fatalities", "injured", "arrested", "escaped", "detainees_held", "displaced")
SOURCE_FIELDS = ("event_date", "sub_event_type", "actor1", "actor2", "location", "facility", *COUNT_FIELDS)
REASON_FIELD = re.compile(r"^([a-z_0-9]+): ")


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; `fields` is empty for plain text, else the fields these words support."""

    text: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    segments: tuple[Segment, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class FieldValue:
    field: str
    value: Any
    contested: bool = False


@dataclass(frozen=True)
class SourceView:
    """One report of the event, as its document tells it."""

    doc: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    role: str
    values: tuple[FieldValue, ...]
    sentences: tuple[Sentence, ...]
    claims: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class EventView:
    event: Mapping[str, Any]
    contested_fields: frozenset[str]
    figures: tuple[FieldValue, ...]
    sources: tuple[SourceView, ...] = field(default=())


def contested_fields(event: Mapping[str, Any]) -> frozenset[str]:
    """Fields the sources disagree on: named by a contested reason, or claimed with different values."""
    found = {m.group(1) for r in event.get("contested_reasons") or [] if (m := REASON_FIELD.match(str(r)))}
    values: dict[str, set[str]] = {}
    for c in event.get("claims") or []:
        if c.get("stance") != "denies" and c.get("field") and c.get("value") is not None:
            values.setdefault(str(c["field"]), set()).add(str(c["value"]))
    found |= {f for f, vs in values.items() if len(vs) > 1}
    return frozenset(found)


def segments(sentence: str, spans: Iterable[tuple[int, int, str]]) -> tuple[Segment, ...]:
    """Cut `sentence` into runs of characters that support the same fields (spans may overlap)."""
    marks: list[set[str]] = [set() for _ in sentence]
    for start, end, name in spans:
        for i in range(max(start, 0), min(end, len(sentence))):
            marks[i].add(name)
    out: list[Segment] = []
    run_start = 0
    for i in range(1, len(sentence) + 1):
        if i == len(sentence) or marks[i] != marks[run_start]:
            out.append(Segment(sentence[run_start:i], tuple(sorted(marks[run_start]))))
            run_start = i
    return tuple(out)


def sentence_start(text: str | None, sentence: str, start: int, end: int) -> int | None:
    """Where `sentence` begins in the document text, taking the occurrence that holds [start, end)."""
    if not text or not sentence:
        return None
    pos = text.find(sentence)
    while pos >= 0:
        if pos <= start and end <= pos + len(sentence):
            return pos
        pos = text.find(sentence, pos + 1)
    return None


def _span(doc_text: str | None, sentence: str, ev: Mapping[str, Any]) -> tuple[int, int, str] | None:
    words = str(ev.get("text") or "")
    name = str(ev.get("field") or "")
    start, end = ev.get("start"), ev.get("end")
    if isinstance(start, int) and isinstance(end, int):
        base = sentence_start(doc_text, sentence, start, end)
        if base is not None and sentence[start - base : end - base] == words:
            return (start - base, end - base, name)
    found = sentence.find(words) if words else -1
    return (found, found + len(words), name) if found >= 0 else None


def evidence_sentences(report: Mapping[str, Any], doc_text: str | None) -> tuple[Sentence, ...]:
    """The report's evidence grouped by sentence, in the order they come in the document."""
    by_sentence: dict[str, list[Mapping[str, Any]]] = {}
    for ev in report.get("evidence") or []:
        if ev.get("sentence"):
            by_sentence.setdefault(str(ev["sentence"]), []).append(ev)

    def order(item: tuple[str, list[Mapping[str, Any]]]) -> int:
        return min(int(e.get("start") or 0) for e in item[1])

    out = []
    for sentence, evs in sorted(by_sentence.items(), key=order):
        spans = [s for e in evs if (s := _span(doc_text, sentence, e)) is not None]
        names = tuple(dict.fromkeys(str(e.get("field")) for e in evs))
        out.append(Sentence(segments(sentence, spans), names))
    return tuple(out)


def source_view(report: Mapping[str, Any], doc: Mapping[str, Any], disputed: frozenset[str]) -> SourceView:
    values = tuple(
        FieldValue(f, report.get(f), f in disputed) for f in SOURCE_FIELDS if report.get(f) not in (None, "")
    )
    claims = tuple({**c, "doc": report.get("doc")} for c in report.get("claims") or [])
    return SourceView(
        doc=str(report.get("doc")),
        outlet=doc.get("outlet") or report.get("source"),
        title=doc.get("title"),
        url=doc.get("url") or report.get("url"),
        published=doc.get("published") or report.get("published"),
        role=str(report.get("role") or "main"),
        values=values,
        sentences=evidence_sentences(report, doc.get("text")),
        claims=claims,
    )


def event_view(event: Mapping[str, Any], texts: Mapping[str, str | None]) -> EventView:
    """The page model of one event; `texts` maps document ids to their stored text (for exact marks)."""
    disputed = contested_fields(event)
    docs = {d.get("id"): d for d in event.get("documents") or []}
    sources = tuple(
        source_view(r, {**docs.get(r.get("doc"), {}), "text": texts.get(str(r.get("doc")))}, disputed)
        for r in event.get("reports") or []
    )
    figures = tuple(
        FieldValue(f, event.get(f), f in disputed) for f in COUNT_FIELDS if event.get(f) is not None or f in disputed
    )
    return EventView(event, disputed, figures, sources)
