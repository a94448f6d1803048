"""Who did what to whom: actor1 (the side that acted), actor2 (the side acted on), and their associates.

Arabic news puts the doer after the verb or behind "نفذته/من قبل", the target behind "على/ضد/استهدف";
civilians are always acted on; in arrests the arresting force acts. Ambiguous forms (الأسايش in
Hasakah or in Erbil) are settled by the place of the event.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.geo.gazetteer import Place
from rasd.model import Mention
from rasd.recognize.lexicon import Entry, default_lexicon

TARGET_MARKERS = (
    "علي",
    "ضد",
    "استهدف",
    "استهدفت",
    "مقر",
    "مقرات",
    "مواقع",
    "موقع",
    "قاعده",
    "قواعد",
    "نقطه",
    "نقاط",
    "ارتال",
    "رتل",
    "دوريه",
    "حاجز",
    "حواجز",
    "تجمعات",
    "لقوات",
    "ضباط",
    "جنود",
    "عناصر",
    "افراد",
)
AGENT_MARKERS = (
    "نفذته",
    "نفذها",
    "نفذتها",
    "قبل",
    "شنته",
    "شنها",
    "شنتها",
    "تبنت",
    "تبني",
    "اعلنت",
    "اعلن",
    "بها",
    "يد",
)
ACTING_SIDES_IN_ARRESTS = (1, 3)
UNNAMED = "Unidentified Armed Group"
SPEAKER_REACH = 12  # characters from "مصدر في" to the body it speaks for
VICTIM_REACH = 25  # characters from "مقتل عنصرين من" to the side that lost them


@dataclass(frozen=True)
class Actors:
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    inter1: int | None
    inter2: int | None

    def names(self) -> list[str]:
        return [a for a in (self.actor1, self.assoc_actor_1, self.actor2, self.assoc_actor_2) if a]


def _fits(entry: Entry, place: Place | None) -> bool:
    if place is None:
        return not entry.data.get("only_in") and not entry.data.get("country")
    if entry.data.get("only_in") and place.admin1 not in entry.data["only_in"]:
        return False
    return not (entry.data.get("country") and entry.data["country"] != place.country)


def resolve(mentions: list[Mention], place: Place | None) -> list[tuple[Mention, Entry]]:
    """Actor mentions with their lexicon entry, ambiguous forms settled by the place."""
    lex = default_lexicon()
    out: list[tuple[Mention, Entry]] = []
    for m in mentions:
        e = lex.actor(m.key)
        if _fits(e, place) and not any(o.start == m.start and o.end == m.end for o, _ in out):
            out.append((m, e))
    return out


def _marker_before(text: str, start: int, markers: tuple[str, ...]) -> bool:
    words = text[max(0, start - 25) : start].replace('"', " ").split()[-2:]
    return any(w.lstrip("وفبل") in markers or w in markers for w in words)


@dataclass(frozen=True)
class Scene:
    """Spans around the actors that tell their roles: weapons (agents), casualty words (victims), speakers."""

    weapons: list[Mention]
    casualties: list[Mention]
    speakers: list[Mention]
    text: str = ""

    def role(self, m: Mention) -> str:
        if any(w.start < m.end and m.start < w.end for w in self.weapons):
            return "agent"  # "طائرة مسيرة تركية": the weapon names who used it
        if any(0 <= m.start - s.end <= SPEAKER_REACH and not self._reported(s.end, m.start) for s in self.speakers):
            return "speaker"  # "مصدر في الشرطة العراقية" speaks; it did not take part
        if any(0 <= m.start - c.end <= VICTIM_REACH for c in self.casualties):
            return "victim"  # "مقتل عنصرين من قسد"
        return ""

    def _reported(self, start: int, end: int) -> bool:
        """ "لمراسل سانا أن المجموعات ...": after أن/إن the words are what the source says, not who it is."""
        return any(w in ("ان", "بان", "انه") for w in self.text[start:end].split())


def assign(
    text: str, found: list[tuple[Mention, Entry]], sub_event_type: str, operator: str | None, scene: Scene | None = None
) -> Actors:
    order: list[Entry] = []
    targets: list[Entry] = []
    for m, e in found:
        role = scene.role(m) if scene else ""
        if e in order or e in targets or (role == "speaker" and len(found) > 1):
            continue
        agent = role == "agent" or _marker_before(text, m.start, AGENT_MARKERS)
        if agent and e.data["inter"] != 7:
            order.insert(0, e)
        elif e.data["inter"] == 7 or role == "victim" or _marker_before(text, m.start, TARGET_MARKERS):
            targets.append(e)
        else:
            order.append(e)
    if sub_event_type == "Arrests":
        acting = [e for e in order + targets if e.data["inter"] in ACTING_SIDES_IN_ARRESTS and e.key != "Islamic State"]
        rest = [e for e in order + targets if e not in acting]
        order, targets = acting, rest
    if operator and all(e.key != operator for e in order + targets):
        targets.insert(0, default_lexicon().actor(operator))
    unnamed = [e for e in targets if e.key == UNNAMED]
    if unnamed:  # "اغتال مسلحون مجهولون مختاراً": the unidentified gunmen always act
        targets.remove(unnamed[0])
        order.insert(0, unnamed[0])
    if not order and len(targets) > 1:
        order.append(targets.pop(0))
    return _build(order, targets)


def _build(order: list[Entry], targets: list[Entry]) -> Actors:
    a1 = order[0] if order else None
    side1 = a1.data.get("side") if a1 else None
    assoc1 = [e for e in order[1:] if e.data.get("side") == side1]
    rest = [e for e in order[1:] if e not in assoc1] + targets
    a2 = rest[0] if rest else None
    assoc2 = rest[1:]
    return Actors(
        a1.key if a1 else None,
        "; ".join(e.key for e in assoc1) or None,
        a2.key if a2 else None,
        "; ".join(e.key for e in assoc2) or None,
        a1.data["inter"] if a1 else None,
        a2.data["inter"] if a2 else None,
    )
