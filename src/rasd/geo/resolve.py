"""Choose, for each place name in a document, the gazetteer entry it means.

A name can be several places (two villages called تل أحمر) or an ordinary word (الصناعة). Context
decides: the cue before it (حي، قرية، قاعدة، سجن، محافظة), the governorates and cities the document
names elsewhere, then size. Names that are also common words need a locative cue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rasd.geo.gazetteer import Gazetteer, Place, default_gazetteer
from rasd.model import Mention
from rasd.text.normalize import NormText

ABROAD_WEIGHT = 3.0  # how much the document's balance of foreign and home names weighs in a choice
SHORT_NAME = 3  # names of three letters or fewer (عنه، تل) are taken only after a locative cue

# The cue word before a name and the kinds (or facility types) it points to.
CUE_KINDS: dict[str, tuple[str, ...]] = {
    "حي": ("neighbourhood",),
    "الحي": ("neighbourhood",),
    "احياء": ("neighbourhood",),
    "قريه": ("village", "town"),
    "القريه": ("village", "town"),
    "قري": ("village", "town"),
    "قريتي": ("village", "town"),
    "بلده": ("town", "village", "city"),
    "البلده": ("town", "village", "city"),
    "بلدتي": ("town", "village"),
    "مدينه": ("city", "town"),
    "المدينه": ("city", "town"),
    "مدينتي": ("city", "town"),
    "محافظه": ("admin1",),
    "محافظات": ("admin1",),
    "محافظتي": ("admin1",),
    "مدن": ("city", "town"),
    "بلدات": ("town", "village"),
    "قواعد": ("base", "airport"),
    "ناحيه": ("admin3", "town"),
    "قضاء": ("admin2", "town", "city"),
    "منطقه": ("admin2", "admin3", "region"),
    "سجن": ("prison",),
    "قاعده": ("base", "airport"),
    "قاعدتي": ("base", "airport"),
    "مطار": ("airport", "base"),
    "مخيم": ("camp",),
    "معبر": ("crossing",),
    "حقل": ("oil_field", "gas_field", "base"),
    "حقلي": ("oil_field", "gas_field"),
    "سد": ("dam",),
    "مرفا": ("port",),
    "ميناء": ("port",),
    "محيط": ("town", "village", "city", "facility", "neighbourhood"),
    "اطراف": ("town", "village", "city", "neighbourhood"),
    "قرب": ("town", "village", "city", "facility"),
    "ريف": ("admin2", "admin1"),
    "ارياف": ("admin1", "admin2"),
    "باديه": ("admin1", "region"),
}
KIND_RANK = {
    "facility": 7,
    "neighbourhood": 6,
    "village": 5,
    "town": 5,
    "city": 5,
    "admin3": 4,
    "admin2": 3,
    "region": 2,
    "admin1": 2,
    "country": 1,
    "foreign": 0,
}


def cue_of(text: str, m: Mention) -> str | None:
    """The place cue of a name: its own first word (حي الزهور، سجن الصناعة) or the word before it."""
    first = m.key.split(" ", 1)[0]
    if " " in m.key and first in CUE_KINDS:
        return first
    return cue_before(text, m.start) if text else None


def cue_before(text: str, start: int) -> str | None:
    """The word right before a name (clitics removed), if it is a place cue."""
    words = [w.strip("\"'()") for w in text[max(0, start - 20) : start].split()]
    words = [w for w in words if w]  # قاعدة "حرير": the quote is not the word before
    if not words:
        return None
    w = words[-1]
    for cut in ("وبال", "بال", "وال", "ال", "و", "ب", "ل", "ف"):
        if w.startswith(cut) and w[len(cut) :] in CUE_KINDS:
            return w[len(cut) :]
    return w if w in CUE_KINDS else None


PLURAL_CUES = frozenset({"محافظات", "مدن", "بلدات", "قري", "قواعد", "احياء", "قريتي", "بلدتي", "مدينتي", "محافظتي"})
_AND = re.compile(r"^\s*(?:,\s*)?و?\s*$")


def _cues(text: str, names: list[Mention]) -> dict[int, str | None]:
    """The cue of each name; in a list after a plural cue ("محافظات ديالى وكركوك") every name has that cue."""
    out: dict[int, str | None] = {}
    prev: Mention | None = None
    for m in sorted(names, key=lambda x: x.start):
        cue = cue_of(text, m)
        if cue is None and prev is not None and out[prev.start] in PLURAL_CUES:
            gap = text[prev.end : m.start]
            if _AND.match(gap):
                cue = out[prev.start]
        out[m.start] = cue
        prev = m
    return out


def _with_cue(gaz: Gazetteer, text: str, m: Mention) -> list[Place]:
    """The facility a cue and a quoted name make together: قاعدة "حرير" is the entry named قاعدة حرير (the air
    base), not the town حرير; found only when the cue stands apart from the name (a quote, or a word, between)."""
    cue = cue_before(text, m.start) if text else None
    if cue is None or " " in m.key and m.key.split(" ", 1)[0] in CUE_KINDS:
        return []
    return [p for p in gaz.lookup(f"{cue} {m.key}") if p.kind == "facility"]


@dataclass
class PlaceContext:
    """What the unambiguous names of a document say about where it is: governorates, cities, and how much
    of it is abroad (a Lebanese-front report's المالكية is the Israeli post, not the Hasakah town)."""

    admin1s: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    abroad: int = 0
    home: int = 0

    def abroad_share(self) -> float:
        return self.abroad / (self.abroad + self.home) if self.abroad + self.home else 0.0


def _score(p: Place, cue: str | None, ctx: PlaceContext) -> float:
    s = KIND_RANK.get(p.kind, 0) * 0.1 + math.log10(p.population + 10) * 0.2
    if cue:
        kinds = CUE_KINDS[cue]
        if p.kind in kinds or (p.facility_type or "") in kinds:
            s += 5
    if p.admin1 in ctx.admin1s:
        s += 3
    if p.parent and p.parent in ctx.cities:
        s += 4
    if p.country in ctx.countries:
        s += 1
    share = ctx.abroad_share()
    return s + ABROAD_WEIGHT * (share if p.kind == "foreign" else 1 - share)


def _unambiguous_context(text_mentions: list[tuple[Mention, list[Place]]]) -> PlaceContext:
    ctx = PlaceContext()
    for _, cands in text_mentions:
        if len({(c.admin1, c.country) for c in cands}) != 1:
            continue
        if cands[0].kind == "foreign":
            ctx.abroad += 1
            continue
        ctx.home += 1
        ctx.admin1s.add(cands[0].admin1)
        ctx.countries.add(cands[0].country)
        ctx.cities.update(c.id for c in cands if c.kind in ("city", "town"))  # its governorate is certain
    return ctx


def _inflected(original: NormText, m: Mention) -> bool:
    """A name written with tanween (دوماً "always", not Douma) is an ordinary word: names take none."""
    a, b = original.span(m.start, m.end)
    tail = original.original[b : b + 2]
    return "\u064b" in tail or "\u064c" in tail or "\u064d" in tail


def resolve_places(
    mentions: Iterable[Mention], text: str = "", gazetteer: Gazetteer | None = None, original: NormText | None = None
) -> dict[int, Place]:
    """Map the start offset of each place mention that survives to the Place it names."""
    gaz = gazetteer or default_gazetteer()
    ms = list(mentions)
    in_actor = bytearray(max((m.end for m in ms), default=0) + 1)
    for m in ms:
        if m.kind == "actor":
            in_actor[m.start : m.end] = b"\x01" * (m.end - m.start)
    names = [
        m
        for m in ms
        if m.kind == "place"
        and in_actor[m.start : m.end].count(1) < m.end - m.start  # a place inside an actor's name is the actor's
        and not (original is not None and _inflected(original, m))
    ]
    cues = _cues(text, names)
    # One sense per document: a name taken as a place after a cue is a place wherever the text repeats it.
    cued = {m.key for m in names if cues[m.start]}
    found: list[tuple[Mention, list[Place]]] = []
    for m in names:
        cands = _with_cue(gaz, text, m) or gaz.lookup(m.key)
        if not cues[m.start] and m.key not in cued:
            # a short name needs a cue (عنه، تل), unless it is a place abroad that is no word (غزة، رفح، مصر)
            cands = [c for c in cands if not c.needs_cue and (len(m.key) > SHORT_NAME or c.kind == "foreign")]
        if cands:
            found.append((m, cands))
    ctx = _unambiguous_context(found)
    out: dict[int, Place] = {}
    for m, cands in found:
        cue = cues[m.start]
        # "حي الزهور شرقي مدينة الموصل": not the quarter of another city, when the article names its own city
        here = [p for p in cands if p.kind != "neighbourhood" or not ctx.cities or p.parent in ctx.cities]
        if here:
            out[m.start] = max(here, key=lambda p: _score(p, cue, ctx))
    return _abroad_by_what_follows(text, [m for m, _ in found], out)


BEARING = r"(?:شمال|جنوب|شرق|غرب)ي?"  # a bearing from a place, normalized: شمال، جنوبي، شرق، غربي
# "منطقة اليرموك، وسط مدينة غزة", "منطقة الشجرة جنوبي الخرطوم": a name located in or by a place abroad is abroad
_IN_PLACE = re.compile(
    rf"^[\s,]*(?:(?:في|وسط|داخل|قرب|ب)\s*)?(?:{BEARING}\s*)?(?:مدينه|قطاع|محافظه|ولايه|دوله|العاصمه)?\s*$"
)
LOCATED_REACH = 30  # characters between a name and the place abroad that locates it


def _abroad_by_what_follows(text: str, names: list[Mention], out: dict[int, Place]) -> dict[int, Place]:
    ordered = sorted((m for m in names if m.start in out), key=lambda m: m.start)
    for m, nxt in zip(ordered, ordered[1:], strict=False):
        here, there = out[m.start], out[nxt.start]
        gap = text[m.end : nxt.start]
        if here.kind != "foreign" and there.kind == "foreign" and len(gap) <= LOCATED_REACH and _IN_PLACE.match(gap):
            out[m.start] = there
    return out
