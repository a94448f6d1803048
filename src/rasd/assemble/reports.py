"""Candidates to coded Reports: type, date, role, place fields, actors, counts, claims, evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.assemble import actors as actor_roles
from rasd.assemble.candidates import Candidate, Draft, draft
from rasd.assemble.context import contextualize, event_day, role
from rasd.assemble.counts import FIELDS, Count, counts_in, totals
from rasd.assemble.merge import merge, trigger_type
from rasd.geo.gazetteer import Place
from rasd.geo.operators import operator_of
from rasd.model import Claim, Document, Evidence, Mention, Report
from rasd.recognize.lexicon import default_lexicon
from rasd.text.normalize import NormText

CONTINUATION = 2  # trigger-less sentences after a candidate that may still give its figures
VAC_VICTIM_GROUPS = ("prison",)


@dataclass
class Context:
    doc: Document
    norm: NormText
    draft: Draft
    remote_type: tuple[str, str] | None = None  # the document's usual weapon, for attacks told without one

    def evidence(self, fld: str, start: int, end: int) -> Evidence:
        a, b = self.norm.span(start, end)
        s = next((s for s in self.draft.sentences if s.start <= start < s.end), None)
        sa, sb = self.norm.span(s.start, s.end) if s else (a, b)
        return Evidence(fld, self.doc.text[a:b], a, b, self.doc.text[sa:sb].strip())


def _spans_for_counts(c: Candidate, d: Draft) -> list[tuple[int, int]]:
    spans = [(d.sentences[s].start, d.sentences[s].end) for s in sorted({x.sentence for x in [c, *c.merged]})]
    last = max(x.sentence for x in [c, *c.merged])
    for s in d.sentences[last + 1 : last + 1 + CONTINUATION]:
        if d.index.within(s.start, s.end, kind="trigger") or d.index.within(s.start, s.end, kind="date"):
            break
        spans.append((s.start, s.end))
    return spans


def _ground_words(c: Candidate) -> bool:
    """Whether a generic attack is told with ground words (an armed attack, gunfire) rather than none."""
    return any(
        t.key == "attack" and t.data.get("form", "").startswith(("اطلاق", "رصاص", "بالرصاص", "برصاص"))
        for t in c.triggers
    )


def _scene(c: Candidate, d: Draft, spans: list[tuple[int, int]]) -> actor_roles.Scene:
    cues = [m for s, e in spans for m in d.index.within(s, e, kind="cue")]
    return actor_roles.Scene(
        weapons=[m for s, e in spans for m in d.index.within(s, e, kind="trigger")],
        casualties=[m for m in cues if m.data.get("group") == "count"],
        speakers=[m for m in cues if m.data.get("group") == "source"],
        text=d.text,
    )


def _in_cause(d: Draft, m: Mention) -> bool:
    """ "ردا على دعم واشنطن لإسرائيل، المقاومة تعلن ...": who an opening cause clause, or a retaliation clause,
    names did not take part."""
    sent = next((s for s in d.sentences if s.start <= m.start < s.end), None)
    if sent is None:
        return False
    opening = [
        k
        for k in d.index.within(sent.start, m.start, kind="cue", group="cause")
        if k.start - sent.start < 12 or k.key == "retaliation"  # "... ردا على الاعتداء الإسرائيلي": an earlier act
    ]
    return any(not any(ch in d.text[k.end : m.start] for ch in ",.;:") for k in opening)


def _actor_mentions(c: Candidate, d: Draft, spans: list[tuple[int, int]]) -> list[Mention]:
    """Actors named with the event, else in its sentence, else in the sentences just before (the same attacker)."""
    own = [m for s, e in c.spans for m in d.index.within(s, e, kind="actor") if not _in_cause(d, m)]
    if own:
        return own
    for s in reversed(d.sentences[max(0, c.sentence - 2) : c.sentence + 1]):
        ms = d.index.within(s.start, s.end, kind="actor")
        if ms:
            return ms
    return []


def _type(
    c: Candidate,
    acts: actor_roles.Actors,
    d: Draft,
    spans: list[tuple[int, int]],
    ctx_remote: tuple[str, str] | None = None,
) -> tuple[str, str, list[str]]:
    lex = default_lexicon()
    etype, sub, generic = trigger_type(c)
    if generic and ctx_remote is not None and etype == "Battles" and not _ground_words(c) and acts.inter1 != 2:
        # An attack told without its weapon, in a document whose attacks are strikes, is one more strike;
        # rebels and IS, who mostly fight on the ground, keep the battle.
        etype, sub = ctx_remote
    top = max(
        (lex.trigger(t.key) for t in c.triggers),
        key=lambda e: ((e.data["event_type"], e.data["sub_event_type"]) == (etype, sub), e.data["rank"]),
    )
    if "by_actor" in top.data and top.data["event_type"] == etype:
        # decided by who acted (actor1), not by whoever the sentence names: Hezbollah's Katyusha on an Israeli post
        sub = top.data["by_actor"].get(acts.actor1, top.data["sub_event_type"])
    if "state_sub" in top.data:
        sub = top.data["state_sub"] if acts.inter1 == 1 else top.data["nonstate_sub"]
    if (etype, sub) == ("Violence against civilians", "Attack") and _armed_target(acts):
        victims = any(d.index.within(s, e, kind="cue", group=g) for s, e in spans for g in VAC_VICTIM_GROUPS)
        if not victims:
            etype, sub = "Battles", "Armed clash"  # killing fighters is fighting, not violence against civilians
    etype, sub = _with_protesters(etype, sub, acts)
    tags = sorted({tag for t in c.triggers for tag in lex.trigger(t.key).data.get("tags", [])})
    return etype, sub, tags


PROTESTERS = 6
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _armed_target(acts: actor_roles.Actors) -> bool:
    """The side acted on bears arms (forces, rebels, militias): not civilians, not unknown."""
    return acts.inter2 not in (None, 7) or (acts.inter2 is None and acts.inter1 not in (None, 7))


def _with_protesters(etype: str, sub: str, acts: actor_roles.Actors) -> tuple[str, str]:
    """Force used on protesters is excessive force; protesters who burn and fight riot (ACLED's demonstrations)."""
    if PROTESTERS not in (acts.inter1, acts.inter2):
        return etype, sub
    if acts.inter2 == PROTESTERS and (etype in VIOLENT or etype == "Protests"):
        return ("Protests", "Excessive force against protesters") if etype in VIOLENT else (etype, sub)
    if acts.inter1 == PROTESTERS and (etype in VIOLENT or sub == "Looting/property destruction"):
        return "Riots", "Violent demonstration"
    return etype, sub


SOURCE_WORDS = 4  # words of a quoted source's noun phrase ("مصدر في قوى الأمن")


def _source(ctx: Context, start: int, end: int) -> tuple[str, str]:
    """Who a sentence quotes (an actor, else the source's own words) and how, else the publishing outlet."""
    d = ctx.draft
    sent = next(s for s in d.sentences if s.start <= start < s.end)
    cues = d.index.within(sent.start, sent.end, kind="cue", group="attribution")
    keys = {c.key for c in cues}
    stance = "denies" if "denies" in keys else "asserts" if "asserts" in keys else "reports"
    heads = d.index.within(sent.start, sent.end, kind="cue", group="source")
    for c in [*cues, *heads]:
        acts = d.index.within(c.end, min(sent.end, c.end + 60), kind="actor")
        if acts:
            return acts[0].key, stance
    if stance == "denies" and not heads:  # "قسد ... نفت ذلك": the one who denies stands before the verb
        before = [a for c in cues for a in d.index.within(sent.start, c.start, kind="actor")]
        if before:
            return before[0].key, stance  # the sentence's subject: "ضربت قسد ... بالتنسيق مع ... ونفت ذلك"
    if heads:
        h = heads[0]
        tail = ctx.norm.text[h.start : sent.end].split(",")[0].split('"')[0]
        phrase = " ".join(tail.split()[:SOURCE_WORDS])
        a, b = ctx.norm.span(h.start, h.start + len(phrase))
        return ctx.doc.text[a:b].strip(" .،,:"), stance
    return ctx.doc.outlet or "unknown", stance


def _place_fields(p: Place, pm: Mention | None, inherited: bool, text: str) -> dict[str, object]:
    prec = {"admin1": 3, "region": 3, "admin2": 2, "admin3": 2}.get(p.kind, 1)
    if inherited and prec == 1:
        prec = 2
    return {
        "country": p.country,
        "admin1": p.admin1,
        "admin2": p.admin2 or None,
        "admin3": p.admin3 or None,
        "location": p.name_en,
        "latitude": p.lat,
        "longitude": p.lon,
        "geo_precision": prec,
        "place_id": p.id,
        "facility": p.name_en if p.kind == "facility" else None,
    }


def _counts(ctx: Context, spans: list[tuple[int, int]]) -> dict[str, Count]:
    return totals([counts_in(s, e, ctx.draft.index, ctx.norm.text) for s, e in spans])


def _claims(ctx: Context, c: Candidate, figures: dict[str, Count], etype: str) -> list[Claim]:
    claims = []
    for f, cnt in figures.items():
        src, stance = _source(ctx, cnt.start, cnt.end)
        claims.append(Claim(f, cnt.value, src, "asserts" if stance == "reports" else stance))
    for x in [c, *c.merged]:
        denials = [(x.start, x.end)] if x.denied else []
        denials += [(ctx.draft.sentences[i].start, ctx.draft.sentences[i].end) for i in x.denials]
        for start, end in denials:
            src, _ = _source(ctx, start, end)
            claims.append(Claim("event", False, src, "denies"))
    return claims


def build(ctx: Context, c: Candidate) -> Report:
    d, text = ctx.draft, ctx.norm.text
    assert c.place is not None
    published = ctx.doc.published_date
    day, precision = event_day(c, published)
    spans = _spans_for_counts(c, d)
    found = actor_roles.resolve(_actor_mentions(c, d, spans), c.place)
    etype0, sub0, _ = trigger_type(c)
    acts = actor_roles.assign(text, found, sub0, operator_of(c.place, etype0), _scene(c, d, spans))
    etype, sub, tags = _type(c, acts, d, spans, ctx.remote_type)
    figures = _counts(ctx, spans)
    if any(default_lexicon().trigger(t.key).data.get("dead_are_older") for t in c.triggers):
        figures.pop("fatalities", None)  # "مقبرة جماعية تضم 400 جثة": found today, killed long before
    r = Report(
        doc=ctx.doc.id,
        event_date=day.isoformat() if day else None,
        time_precision=precision,
        event_type=etype,
        sub_event_type=sub,
        role=role(c, day, precision, published),
        actor1=acts.actor1,
        assoc_actor_1=acts.assoc_actor_1,
        inter1=acts.inter1,
        actor2=acts.actor2,
        assoc_actor_2=acts.assoc_actor_2,
        inter2=acts.inter2,
        source=ctx.doc.outlet,
        url=ctx.doc.url,
        published=ctx.doc.published,
    )
    for k, v in _place_fields(c.place, c.place_mention, c.place_inherited, text).items():
        setattr(r, k, v)
    for f in FIELDS:
        if f in figures:
            setattr(r, f, figures[f].value)
    r.fatalities = r.fatalities or 0  # ACLED's column is a number: no one reported killed is 0
    r.tags = _tags(tags, c, d, spans)
    r.claims = _claims(ctx, c, figures, etype)
    r.evidence = _evidence(ctx, c, figures, found)
    r.confidence = _confidence(c, acts)
    return r


def _tags(tags: list[str], c: Candidate, d: Draft, spans: list[tuple[int, int]]) -> list[str]:
    out = set(tags)
    if c.place is not None and c.place.facility_type in ("prison", "camp"):
        out.add(c.place.facility_type)
    if any(d.index.within(s, e, kind="cue", group="prison") for s, e in spans):
        out.add("prison")
    if any(x.denied or x.denials for x in [c, *c.merged]):
        out.add("denied")
    return sorted(out)


def _evidence(ctx: Context, c: Candidate, figures: dict[str, Count], found: list) -> list[Evidence]:
    ev = [ctx.evidence("event_type", t.start, t.end) for t in c.triggers[:3]]
    if c.date is not None:
        ev.append(ctx.evidence("event_date", c.date.start, c.date.end))
    if c.place_mention is not None:
        ev.append(ctx.evidence("location", c.place_mention.start, c.place_mention.end))
    ev += [ctx.evidence("actor", m.start, m.end) for m, _ in found[:4]]
    ev += [ctx.evidence(f, cnt.start, cnt.end) for f, cnt in figures.items()]
    return ev


def _confidence(c: Candidate, acts: actor_roles.Actors) -> float:
    score = 0.45
    score += 0.15 if c.date is not None and not c.date_inherited else 0.0
    score += 0.15 if not c.place_inherited else 0.0
    score += 0.1 if not trigger_type(c)[2] else 0.0
    score += 0.1 if acts.actor1 else 0.0
    score -= 0.25 if c.denied else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _usual_weapon(cands: list[Candidate]) -> tuple[str, str] | None:
    """The remote-violence type most of a document's specific reports share."""
    seen: dict[tuple[str, str], int] = {}
    for c in cands:
        etype, sub, generic = trigger_type(c)
        if not generic and etype == "Explosions/Remote violence":
            seen[(etype, sub)] = seen.get((etype, sub), 0) + 1
    return max(seen, key=lambda k: seen[k]) if seen else None


LEDE = 2  # the first sentences of an article tell its news: an event there may take its place from the title
LEDE_WORDS = 6  # a dateline ("دير الزور-سانا") or a kicker is no sentence of the lede


def lede(d: Draft) -> set[int]:
    """The article's first real sentences."""
    real = [s.index for s in d.sentences if len(d.text[s.start : s.end].split()) >= LEDE_WORDS]
    return set(real[:LEDE])


def _weak(c: Candidate, lede_sentences: set[int], d: Draft) -> bool:
    """Neither its place nor its date is said where its trigger is: the text only alludes to it, unless the lede
    tells it with a figure ("واعتقلت قوات الحشد الشعبي 87 عنصراً")."""
    if not c.place_inherited or (c.date is not None and not c.date_inherited):
        return False
    figures = any(d.index.within(s, e, kind="number") for s, e in c.spans)
    return c.sentence not in lede_sentences or not figures


def _supported(c: Candidate, lede_sentences: set[int], d: Draft) -> bool:
    """An event someone asserts (not only denies), with a place or a date said with it, and a day."""
    group = [c, *c.merged]
    return not (all(x.denied for x in group) or all(_weak(x, lede_sentences, d) for x in group))


def assemble(doc: Document, norm: NormText, mentions: list[Mention], places: dict[int, Place]) -> list[Report]:
    d = draft(norm.text, mentions, places)
    d.candidates = contextualize(d)
    published = doc.published_date
    first = lede(d)
    cands = [c for c in merge(d.candidates, published) if _supported(c, first, d)]
    ctx = Context(doc, norm, d, _usual_weapon(cands))
    out = []
    for c in cands:
        r = build(ctx, c)
        # A recalled event needs a date of its own; news needs at least its week ("this month" is no day).
        if r.event_date is not None and (r.role == "main" and r.time_precision < 3 or r.role != "main" and c.date):
            out.append(r)
    return out
