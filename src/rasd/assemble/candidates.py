"""From mentions to candidate reports: one per trigger unit of a sentence, with its place and date.

A unit is a run of clauses around a trigger; clauses without a trigger or a place of their own
join their neighbour, so "clashes ..., the arrest of another ..." stays one event while
"a drone on base A, rockets on base B" becomes two.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rasd.assemble.clauses import Sentence, clauses, sentences
from rasd.geo.gazetteer import Place
from rasd.geo.resolve import BEARING
from rasd.model import Mention
from rasd.recognize.lexicon import default_lexicon

NEGATION_REACH = 25  # characters from a negation to the trigger it cancels
ORIGIN_REACH = 25  # characters from "من اتجاه" to the place a strike came from
TALLY_MIN = 3  # a number this large right before an event word counts events: a tally, not one event
LIST_MIN = 4  # facilities named in one unit that make it a list (three bases can be one salvo)
DENIAL_REACH = 3  # sentences back that a bare denial reaches
PLACE_REACH = 120  # characters from a trigger to a place of the same unit


@dataclass
class Candidate:
    sentence: int
    paragraph: int
    spans: list[tuple[int, int]]  # normalized spans of the text that supports it
    triggers: list[Mention]
    place: Place | None = None
    place_mention: Mention | None = None
    place_inherited: bool = False
    date: Mention | None = None
    date_inherited: bool = False
    recall: bool = False
    denied: bool = False
    actor_keys: set[str] = field(default_factory=set)  # actors named with it, for types that depend on who acts
    earlier: bool = False  # told after "بعد أسابيع من": an earlier event, background, kept only with its own date
    refers_back: bool = False  # its sentence goes on about the event told just before ("وجرت العملية في")
    news: bool = False  # told as "news of" it (خبر مقتل): its date, if the text gives one, is told elsewhere
    denials: list[int] = field(default_factory=list)  # later sentences that deny it without a trigger of their own
    merged: list[Candidate] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans)


@dataclass
class MentionIndex:
    """Mentions sorted by start, one list per kind, for fast range queries."""

    mentions: list[Mention]
    by_kind: dict[str | None, tuple[list[int], list[Mention]]] = field(init=False)
    cue_groups: frozenset[str] = field(init=False)  # every cue group the document holds (a trigger's `needs`)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        groups: dict[str | None, list[Mention]] = {None: self.mentions}
        for m in self.mentions:
            groups.setdefault(m.kind, []).append(m)
        self.by_kind = {k: ([m.start for m in v], v) for k, v in groups.items()}
        self.cue_groups = frozenset(str(m.data.get("group")) for m in groups.get("cue", []))

    def within(self, start: int, end: int, kind: str | None = None, group: str | None = None) -> list[Mention]:
        starts, ms = self.by_kind.get(kind, ([], []))
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end, i)
        return [m for m in ms[i:j] if m.end <= end and (group is None or m.data.get("group") == group)]


@dataclass
class Unit:
    start: int
    end: int
    triggers: list[Mention]
    places: list[Mention]


def _units(text: str, sent: Sentence, idx: MentionIndex, places: dict[int, Place]) -> list[Unit]:
    units: list[Unit] = []
    aims = [p.start for p in idx.within(sent.start, sent.end, kind="cue", group="purpose") if p.start - sent.start > 15]
    for c in clauses(text, sent):
        plc = _not_references(text, [m for m in idx.within(c.start, c.end, kind="place") if m.start in places])
        live = _live_triggers(idx, c.start, c.end, plc, places, sent)
        trig = [t for t in live if not any(a < t.start for a in aims)]
        plc = [m for m in plc if places[m.start].kind != "foreign"]
        cur = units[-1] if units else None
        if cur is None or (trig and plc and cur.triggers and cur.places and _new_place(cur, plc, places)):
            units.append(Unit(c.start, c.end, trig, plc))
        else:
            cur.end, cur.triggers, cur.places = c.end, cur.triggers + trig, cur.places + plc
    for u in units:  # a place far from every trigger of its unit is not where the event happened
        u.places = (
            [m for m in u.places if any(abs(m.start - t.start) <= PLACE_REACH for t in u.triggers)]
            if u.triggers
            else u.places
        )
    merged: list[Unit] = []
    for u in units:
        if merged and not u.triggers:
            merged[-1].end, merged[-1].places = u.end, merged[-1].places + u.places
        elif merged and not merged[-1].triggers:
            u.start, u.places = merged[-1].start, merged[-1].places + u.places
            merged[-1] = u
        else:
            merged.append(u)
    for u in merged:  # aircraft words only qualify an attack told by another word; alone they add nothing
        if not any(not _support(t) and _violent(t) for t in u.triggers):
            u.triggers = [t for t in u.triggers if not _support(t)]
    return [u for u in merged if u.triggers and not _a_list(u, places)]


def _violent(t: Mention) -> bool:
    return default_lexicon().trigger(t.key).data["event_type"] not in ("Strategic developments", "Riots", "Protests")


def _a_list(unit: Unit, places: dict[int, Place]) -> bool:
    """A unit naming many facilities ("عين الأسد، التنف، الحرير، كونيكو") sums attacks up; it tells no one event."""
    return len({places[m.start].id for m in unit.places if places[m.start].kind == "facility"}) >= LIST_MIN


def _tally(t: Mention) -> bool:
    return bool(default_lexicon().trigger(t.key).data.get("tally"))


def _support(t: Mention) -> bool:
    """A trigger that only qualifies another ("الطيران" with "استهدف"), never an event on its own."""
    return bool(default_lexicon().trigger(t.key).data.get("support"))


# "قضاء تلعفر غرب الموصل", "حي الزهور شرقي المدينة": the place after a bearing locates the one before it
_BEARING = re.compile(rf"^[\s,]*(?:الى |في )?{BEARING}(?: ?{BEARING})?\s*$")


def _not_references(text: str, plc: list[Mention]) -> list[Mention]:
    """The places of a clause without those named only to locate the place just before them."""
    return [m for i, m in enumerate(plc) if i == 0 or not _BEARING.match(text[plc[i - 1].end : m.start])]


def _needs_met(idx: MentionIndex, t: Mention) -> bool:
    """A trigger that `needs` a cue group counts only in a document that has one (فرار where a prison is told)."""
    needs = default_lexicon().trigger(t.key).data.get("needs")
    return needs is None or needs in idx.cue_groups


def _live_triggers(
    idx: MentionIndex, start: int, end: int, plc: list[Mention], places: dict[int, Place], sent: Sentence
) -> list[Mention]:
    """Triggers of a clause that tell an event here: not after a cause cue ("ردا على مجازر"), not abroad."""
    negations = idx.within(start, end, kind="cue", group="negation")
    groups = {m.data.get("group") for m in idx.within(sent.start, sent.end, kind="cue")}  # a trigger's `unless`
    tallies = [n.end for n in idx.within(start, end, kind="number") if int(n.data["value"]) >= TALLY_MIN]
    trig = [
        t
        for t in idx.within(start, end, kind="trigger")
        if not any(0 <= t.start - n.end <= NEGATION_REACH for n in negations)
        and default_lexicon().trigger(t.key).data.get("unless") not in groups
        and _needs_met(idx, t)
        and not (_tally(t) and any(0 <= t.start - e <= 2 for e in tallies))  # "100 هجوم": a tally
    ]
    causes = idx.within(start, end, kind="cue", group="cause")
    if causes:
        trig = [t for t in trig if t.start < causes[0].start]
        plc[:] = [m for m in plc if m.start < causes[0].start]
    origins = idx.within(start, end, kind="cue", group="origin")
    plc[:] = [m for m in plc if not any(o.start < m.start <= o.end + ORIGIN_REACH for o in origins)]
    foreign = [m for m in plc if places[m.start].kind == "foreign"]
    if foreign and all(places[m.start].kind in ("foreign", "country", "region") for m in plc):
        plc[:] = []  # a clause told abroad gives neither an event nor a place to its neighbours
        return []
    return trig


def _new_place(cur: Unit, plc: list[Mention], places: dict[int, Place]) -> bool:
    have = {places[m.start].id for m in cur.places}
    return any(places[m.start].id not in have and places[m.start].kind not in ("country", "admin1") for m in plc)


def best_place(ms: list[Mention], places: dict[int, Place], anchor: int) -> Mention | None:
    """The most specific in-scope place; among equals the one nearest after the anchor trigger."""
    from rasd.geo.resolve import KIND_RANK

    usable = [m for m in ms if m.start in places]
    if not usable:
        return None

    def key(m: Mention) -> tuple[int, int]:
        dist = m.start - anchor if m.start >= anchor else 1000 + anchor - m.start
        return (-KIND_RANK.get(places[m.start].kind, 0), dist)

    return min(usable, key=key)


# Places of these grains named together are hit together ("bases A and B", "in Diyala and Kirkuk"); towns and
# neighbourhoods named together are more often where people fled or came from than several targets.
GRAIN = {"facility": 3, "admin2": 1, "admin1": 1}


def _place_split(unit: Unit, places: dict[int, Place], idx: MentionIndex) -> list[Mention | None]:
    """Several places of one grain hit in one unit ("bases A and B", "in Diyala and Kirkuk") are several events.

    Places nested in another named place (a town in its governorate) do not count twice.
    """
    anchor = unit.triggers[0].start
    best = best_place(unit.places, places, anchor)
    if best is None:
        return [None]
    grain = GRAIN.get(places[best.start].kind, 0)
    named = {places[m.start].id for m in unit.places}
    areas = {places[m.start].admin1 for m in unit.places if places[m.start].kind in ("admin1", "admin2")}
    near = [c.end for c in idx.within(unit.start, unit.end, kind="cue", group="near")]
    same: dict[str, Mention] = {}
    for m in unit.places:
        p = places[m.start]
        if grain == 3 and any(0 <= m.start - e <= 2 for e in near):
            continue  # "قاعدة حرير قرب مطار أربيل": the airport only says where the base is
        # With governorates named together, a town outside all of them is one more area ("ديالى وطوز وكركوك").
        town_apart = grain == 1 and p.kind in ("city", "town") and p.admin1 not in areas
        if (GRAIN.get(p.kind, 0) == grain or town_apart) and p.id not in same and p.parent not in named:
            same[p.id] = m
    return list(same.values()) if len(same) > 1 and grain > 0 else [best]


def _has(idx: MentionIndex, sent: Sentence, key: str, head: int | None = None) -> bool:
    """Whether the sentence (or its first `head` characters) holds a cue with this key."""
    end = sent.end if head is None else min(sent.end, sent.start + head)
    return any(m.key == key for m in idx.within(sent.start, end, kind="cue"))


@dataclass
class Draft:
    """The candidates of one document with the sentences and mention index they were read from."""

    text: str
    candidates: list[Candidate]
    sentences: list[Sentence]
    index: MentionIndex
    places: dict[int, Place]


def draft(text: str, mentions: list[Mention], places: dict[int, Place]) -> Draft:
    idx = MentionIndex(list(mentions))
    sents = sentences(text)
    out: list[Candidate] = []
    for sent in sents:
        if _skipped(idx, sent):
            continue
        recall = _has(idx, sent, "recall", head=12)
        denied = _has(idx, sent, "denies")
        back = _has(idx, sent, "refers_back")
        for unit in _units(text, sent, idx, places):
            for pm in _place_split(unit, places, idx):
                c = Candidate(
                    sent.index,
                    sent.paragraph,
                    [(unit.start, unit.end)],
                    unit.triggers,
                    recall=recall,
                    denied=denied,
                    refers_back=back,
                )
                if pm is not None:
                    c.place, c.place_mention = places[pm.start], pm
                c.actor_keys = {m.key for m in idx.within(sent.start, sent.end, kind="actor")}
                c.earlier = any(
                    m.end <= unit.triggers[0].start for m in idx.within(sent.start, unit.end, "cue", "earlier")
                )
                c.recall = c.recall or c.earlier
                # another unit's date is another event's; a date before "خبر مقتل" is the news's
                news = [m.start for m in idx.within(unit.start, unit.triggers[0].start, "cue", "news_of")]
                dates = [d for d in idx.within(unit.start, unit.end, kind="date") if not any(d.end <= n for n in news)]
                c.news = bool(news)
                if dates:
                    c.date = min(dates, key=lambda d: abs(d.start - unit.triggers[0].start))
                out.append(c)
    _attach_denials(out, sents, idx)
    return Draft(text, out, sents, idx, places)


def _skipped(idx: MentionIndex, sent: Sentence) -> bool:
    """No trigger, or a threat, plan, condemnation or summary; "a series of strikes" only when undated."""
    if not idx.within(sent.start, sent.end, kind="trigger"):
        return True
    if _has(idx, sent, "irrealis") or _has(idx, sent, "aggregate"):
        return True
    return _has(idx, sent, "series") and not idx.within(sent.start, sent.end, kind="date")


def _attach_denials(cands: list[Candidate], sents: list[Sentence], idx: MentionIndex) -> None:
    """A denial with no event of its own ("نفى هذه الأنباء") denies the event told just before it."""
    told = {c.sentence for c in cands}
    for s in sents:
        if s.index in told or not _has(idx, s, "denies"):
            continue
        before = [c for c in cands if s.index - DENIAL_REACH <= c.sentence < s.index]
        if before:
            before[-1].denials.append(s.index)
