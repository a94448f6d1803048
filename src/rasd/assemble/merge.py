"""Candidates of one document that tell the same event become one.

The codebook's hierarchy decides the type: a battle absorbs the ground explosions fought in it
(car bombs, grenades), a generic "attack" takes the type of the specific one at the same place,
and the non-violent measures at one place on one day (cordon, curfew, road closures, a riot or an
escape they answer) are one development.
"""

from __future__ import annotations

import datetime as dt

from rasd.assemble.candidates import Candidate
from rasd.geo.gazetteer import Place
from rasd.recognize.lexicon import default_lexicon

QUIET = ("Strategic developments", "Riots", "Protests")
ADMIN = ("admin1", "admin2", "admin3", "region")
SIEGE = ("Strategic developments", "Change to group/activity")  # a siege, cordon or sweep at the place of a battle
GROUND_EXPLOSIONS = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade")


def trigger_type(c: Candidate) -> tuple[str, str, bool]:
    """(event_type, sub_event_type, generic) of the strongest trigger of a candidate."""
    lex = default_lexicon()
    entries = [lex.trigger(t.key) for t in c.triggers]
    specific = [e for e in entries if not e.data.get("generic")]
    top = max(specific or entries, key=lambda e: e.data["rank"])
    if top.data["event_type"] in QUIET:
        # Non-violent measures are told at length: the type most words speak for wins, not the rarest word.
        weight: dict[tuple[str, str], int] = {}
        for e in specific or entries:
            if e.data["event_type"] in QUIET:
                key = (e.data["event_type"], e.data["sub_event_type"])
                weight[key] = weight.get(key, 0) + e.data["rank"]
        etype, sub = max(weight, key=lambda k: weight[k])
        return etype, sub, not specific
    by_actor = top.data.get("by_actor", {})
    actor = next((a for a in sorted(c.actor_keys) if a in by_actor), None)
    sub = by_actor[actor] if actor else top.data["sub_event_type"]  # Israeli "missiles" are air strikes
    return top.data["event_type"], sub, not specific


def _same_spot(a: Candidate, b: Candidate) -> bool:
    if a.place is None or b.place is None:
        return False
    pa, pb = a.place, b.place
    return pa.id == pb.id or pa.parent == pb.id or pb.parent == pa.id or a.place_inherited or b.place_inherited


def _types_agree(a: Candidate, b: Candidate) -> bool:
    ta, sa, ga = trigger_type(a)
    tb, sb, gb = trigger_type(b)
    if (ta, sa) == (tb, sb):
        return True
    if ga or gb:  # a generic attack joins an event of its own family (violence), not a curfew or an arrest
        return (ta in QUIET) == (tb in QUIET)
    if ta in QUIET and tb in QUIET:
        return _same_spot(a, b)  # measures of different kinds merge only where they were taken together
    pair = {(ta, sa), (tb, sb)}
    if SIEGE in pair and "Battles" in (ta, tb):
        # "besieged the town ... with violent clashes": the siege is part of the battle (a curfew over the whole
        # city around a fight in one quarter is not)
        return a.place is not None and b.place is not None and a.place.id == b.place.id
    if ("Explosions/Remote violence", "Chemical weapon") in pair:
        return ta == tb  # "planes bombed the town" in a gas attack report: the codebook codes the chemical weapon
    return any(t == "Battles" for t, _ in pair) and any(s in GROUND_EXPLOSIONS for _, s in pair)


def _town_of(p: Place) -> str:
    """The id of the town or city a place lies in (itself for a town), following parent links."""
    from rasd.geo.gazetteer import default_gazetteer

    seen = 0
    while p.parent and p.kind not in ("city", "town", "village") and seen < 4:
        try:
            p = default_gazetteer().get(p.parent)
        except KeyError:
            break
        seen += 1
    return p.id


def _places_agree(a: Candidate, b: Candidate) -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return False
    undated = a.date is None or b.date is None
    if undated and _town_of(pa) == _town_of(pb):
        return True  # an undated mention of the same kind of event in the same town
    if pa.id == pb.id or pa.parent == pb.id or pb.parent == pa.id:
        return True
    if pa.admin1 == pb.admin1 and (pa.kind in ADMIN or pb.kind in ADMIN):
        return True  # a village and the governorate it lies in
    return (a.place_inherited or b.place_inherited) and pa.admin1 == pb.admin1 and pa.parent == pb.parent


def _day(c: Candidate, published: dt.date | None) -> dt.date | None:
    return c.date.data["date"] if c.date is not None else published


def _dates_agree(a: Candidate, b: Candidate, published: dt.date | None) -> bool:
    da, db = _day(a, published), _day(b, published)
    if da == db or (a.news and a.date is None) or (b.news and b.date is None):
        return True  # "news of" an event is news of the event the text dates
    if da is None or db is None:
        return False
    loose = a.date is None or b.date is None or a.date_inherited or b.date_inherited
    return loose and abs((da - db).days) <= 1


def same_event(a: Candidate, b: Candidate, published: dt.date | None) -> bool:
    return _types_agree(a, b) and _places_agree(a, b) and _dates_agree(a, b, published)


def _absorb(into: Candidate, c: Candidate) -> None:
    from rasd.geo.resolve import KIND_RANK

    into.spans += c.spans
    into.actor_keys |= c.actor_keys
    into.triggers += c.triggers
    into.merged.append(c)
    into.denied = into.denied and c.denied
    assert into.place is not None and c.place is not None
    finer = KIND_RANK.get(c.place.kind, 0) > KIND_RANK.get(into.place.kind, 0) and not trigger_type(c)[2]
    if (finer and (into.place_inherited or not c.place_inherited)) or (into.place_inherited and not c.place_inherited):
        into.place, into.place_mention, into.place_inherited = c.place, c.place_mention, c.place_inherited
    if c.date is not None and (into.date is None or (into.date_inherited and not c.date_inherited)):
        into.date, into.date_inherited = c.date, c.date_inherited


def merge(cands: list[Candidate], published: dt.date | None) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        matches = [o for o in out if same_event(o, c, published)]
        if c.refers_back and trigger_type(c)[2] and (c.date is None or c.date_inherited) and not matches:
            matches = [o for o in out if 0 < c.sentence - o.sentence <= 1]
        if matches:  # the nearest event told before it: the text goes on about what it just told
            _absorb(min(matches, key=lambda o: c.sentence - max(x.sentence for x in [o, *o.merged])), c)
        else:
            out.append(c)
    return out
