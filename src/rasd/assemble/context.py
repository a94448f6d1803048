"""Fill what a candidate's own sentence does not say from the sentences around it, then decide
its date, its role (news or recalled) and whether it is in scope (Syria, Iraq, and bases just across).
"""

from __future__ import annotations

import datetime as dt

from rasd.assemble.candidates import Candidate, Draft, best_place
from rasd.geo.gazetteer import Place

LOOKBACK = 3  # sentences to look back for a place or a date the text carries over
IN_SCOPE = ("Syria", "Iraq")
MIN_KINDS = ("facility", "neighbourhood", "village", "town", "city", "admin3", "admin2", "admin1", "region")
BACKGROUND_DAYS = 3


def _other_events(c: Candidate, d: Draft) -> set[int]:
    """Sentences that tell an event of another type than c's: c cannot take its place from them."""
    from rasd.assemble.merge import trigger_type

    etype, sub, generic = trigger_type(c)
    if generic:
        return set()
    told: dict[int, set[tuple[str, str]]] = {}
    for o in d.candidates:
        told.setdefault(o.sentence, set()).add(trigger_type(o)[:2])
    return {i for i, types in told.items() if i != c.sentence and (etype, sub) not in types}


def _inherit_place(c: Candidate, d: Draft) -> None:
    if c.place is not None:
        return
    others = _other_events(c, d)
    for s in reversed(d.sentences[max(0, c.sentence - LOOKBACK) : c.sentence]):  # its own places were weighed already
        if s.index in others:
            continue
        ms = [m for m in d.index.within(s.start, s.end, kind="place") if m.start in d.places]
        pm = best_place(ms, d.places, s.start)
        if pm is not None:
            c.place, c.place_mention, c.place_inherited = d.places[pm.start], pm, True
            return
    head = d.sentences[:2]
    if head:
        ms = [m for m in d.index.within(head[0].start, head[-1].end, kind="place") if m.start in d.places]
        pm = best_place(ms, d.places, 0)
        if pm is not None:
            c.place, c.place_mention, c.place_inherited = d.places[pm.start], pm, True


def _refine_place(c: Candidate, d: Draft) -> None:
    """A place named in the next sentence inside the candidate's governorate is more precise."""
    from rasd.geo.resolve import KIND_RANK

    if (
        c.place is None
        or c.place.kind not in ("admin1", "admin2", "admin3", "region")
        or c.sentence + 1 >= len(d.sentences)
    ):
        return
    nxt = d.sentences[c.sentence + 1]
    goes_on = any(m.key == "refers_back" for m in d.index.within(nxt.start, nxt.end, kind="cue"))
    if d.index.within(nxt.start, nxt.end, kind="trigger") and not goes_on:
        return
    for m in d.index.within(nxt.start, nxt.end, kind="place"):
        p = d.places.get(m.start)
        if p and p.admin1 == c.place.admin1 and KIND_RANK.get(p.kind, 0) > KIND_RANK.get(c.place.kind, 0):
            c.place, c.place_mention = p, m
            return


def _inherit_date(c: Candidate, d: Draft) -> None:
    if c.date is not None:
        return
    own = d.sentences[c.sentence]
    head = [m for m in d.index.within(own.start, own.end, kind="cue") if m.start < own.start + 8]
    goes_on = any(m.key == "also" for m in head)  # "كذلك، استهدفت ...": still in the time told before
    for s in reversed(d.sentences[max(0, c.sentence - LOOKBACK) : c.sentence]):
        dates = d.index.within(s.start, s.end, kind="date")
        if dates and (s.paragraph == own.paragraph or goes_on):
            c.date, c.date_inherited = dates[-1], True
            return


def in_scope(p: Place | None) -> bool:
    if p is None or p.kind not in MIN_KINDS or p.lat is None:
        return False
    return p.country in IN_SCOPE or p.kind == "facility"


def foreign_nearby(c: Candidate, d: Draft) -> bool:
    """The candidate's own sentence names a foreign place and only a vague place in scope."""
    s = d.sentences[c.sentence]
    causes = d.index.within(s.start, s.end, kind="cue", group="cause")
    end = causes[0].start if causes else s.end  # "ردا على الاعتداء الذي استهدف البقاع": the cause's place is elsewhere
    foreign = any(
        d.places[m.start].kind == "foreign" for m in d.index.within(s.start, end, kind="place") if m.start in d.places
    )
    return foreign and (c.place_inherited or c.place is None or c.place.kind in ("admin1", "region", "country"))


def event_day(c: Candidate, published: dt.date | None) -> tuple[dt.date | None, int]:
    """The day of the event and its time precision (2 when only the publication day is known)."""
    if c.date is not None:
        return c.date.data["date"], int(c.date.data.get("precision", 1))
    return published, 2


def role(c: Candidate, day: dt.date | None, precision: int, published: dt.date | None) -> str:
    if c.earlier and (c.date is None or c.date_inherited):
        return "background"  # an earlier event without a day of its own: the caller drops it
    if day is None or published is None:
        return "main"
    if precision == 3:
        return "background" if (day.year, day.month) != (published.year, published.month) else "main"
    if (published - day).days > BACKGROUND_DAYS:
        return "background"
    if c.recall and c.date is not None and day != published:
        return "background"
    return "main"


def contextualize(d: Draft) -> list[Candidate]:
    """Candidates with a place (and a date where the text gives one), in scope."""
    out = []
    for c in d.candidates:
        _inherit_place(c, d)
        _refine_place(c, d)
        _inherit_date(c, d)
        if in_scope(c.place) and not foreign_nearby(c, d):
            out.append(c)
    return out
