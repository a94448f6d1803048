"""Bind numbers to what they count (killed, injured, arrested, escaped, detainees, displaced).

A number counts what the nearest count word before it (مقتل 6، إصابة اثنين، القبض على نحو 110) or its
own noun (ثلاثة قتلى) says. A number after بينهم/منهم is a part of another and is not added. A count
word followed by a singular person (مقتل جندي، اعتقال آخر) counts one. Within one span the sides
add up (مقتل عنصرين من داعش ... ومقتل 6 من قسد = 8); across spans the latest figure wins: a figure
that a rise cue (ارتفع عدد القتلى إلى) introduces, else the largest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.assemble.candidates import MentionIndex
from rasd.model import Mention

MAX_GAP_BEFORE = 40  # characters from a count word to the number it governs
MAX_GAP_NOUN = 2
PARTITIVE_REACH = 36  # characters from a number to its count word over "من عناصر قوات سوريا الديمقراطية"
RISE_REACH = 12  # "ارتفع إلى 11": characters from the rise to its number
RISE_CUE_REACH = 60  # and from that number to the count word it raises
SINCE_REACH = 20  # characters from a number to the "منذ" that makes it a running tally
VERB_CUES = ("fatalities_verb",)  # killing verbs, whose victim may stand a clause away
VERB_REACH = 60
FIELD_OF = {"fatalities_verb": "fatalities"}
FIELDS = ("fatalities", "injured", "arrested", "escaped", "detainees_held", "displaced")


@dataclass(frozen=True)
class Count:
    field: str
    value: int
    start: int  # normalized span of the count word and the number
    end: int
    update: bool = False


def _cue_for(n: Mention, cues: list[Mention], text: str) -> Mention | None:
    noun_start = n.data.get("noun_start")
    for c in cues:  # the number's own noun is a count word: "ثلاثة قتلى"
        if noun_start is not None and c.start <= noun_start < c.end:
            return c
    before = [c for c in cues if c.end <= n.start and n.start - c.end <= MAX_GAP_BEFORE]
    if not before:
        # "ثلاثة قتلى"; "3 من عناصر قسد قتلوا": a partitive (من ...) may stand between the number and its verb
        reach = PARTITIVE_REACH if text[n.end : n.end + 5].lstrip().startswith("من ") else MAX_GAP_NOUN + 8
        after = [c for c in cues if n.end <= c.start and c.start - n.end <= reach]
        return after[0] if after and not any(ch in text[n.end : after[0].start] for ch in ",.;") else None
    best = before[-1]
    if any(ch in text[best.end : n.start] for ch in ".;"):
        return None
    return best


def _is_subset(n: Mention, subsets: list[Mention]) -> bool:
    return any(s.end <= n.start and n.start - s.end <= 12 for s in subsets)


def _singles(cues: list[Mention], persons: list[Mention], numbers: list[Mention]) -> list[Count]:
    """A count word followed by one person and no number: "مقتل جندي" = 1, "اغتال مسلحون ... مدنياً" = 1."""
    out = []
    for c in cues:
        reach = VERB_REACH if c.key in VERB_CUES else MAX_GAP_NOUN
        nxt = [p for p in persons if 0 <= p.start - c.end <= reach]
        if not nxt or any(c.end <= n.start < nxt[0].start for n in numbers):
            continue
        out.append(Count(FIELD_OF.get(c.key, c.key), 1, c.start, nxt[0].end))
    return out


def _coordinated(numbers: list[Mention], bound: dict[int, Count], subsets: list[Mention], text: str) -> list[Count]:
    """Another side's figure joined by "و" to a bound one counts the same: "مقتل 9 من قوات النظام و6 من الفصائل"."""
    out = []
    taken = {(c.start, c.end) for c in bound.values()}
    for c in list(bound.values()):
        after = [n for n in numbers if n.start > c.end and not _is_subset(n, subsets)]
        for n in after[:2]:
            if text[n.start - 1 : n.start] == "و" and not any(s <= n.start < e for s, e in taken):
                if not any(ch in text[c.end : n.start] for ch in ".;"):
                    out.append(Count(c.field, int(n.data["value"]), c.start, n.end, c.update))
                    taken.add((n.start, n.end))
                break
    return out


def _risen(
    numbers: list[Mention], cues: list[Mention], updates: list[Mention], used: set[int], text: str
) -> list[Count]:
    """ "ارتفع إلى 11 عدد المدنيين الذين استشهدوا": the number after a rise counts what the sentence counts, latest."""
    out = []
    for u in updates:
        n = next((n for n in numbers if 0 <= n.start - u.end <= RISE_REACH and n.start not in used), None)
        if n is None:
            continue
        near = min(cues, key=lambda c: abs(c.start - n.start), default=None)
        if near is not None and abs(near.start - n.start) <= RISE_CUE_REACH:
            out.append(
                Count(FIELD_OF.get(near.key, near.key), int(n.data["value"]), min(u.start, n.start), n.end, True)
            )
    return out


def counts_in(start: int, end: int, idx: MentionIndex, text: str) -> list[Count]:
    cues = [m for m in idx.within(start, end, kind="cue", group="count")]
    if not cues:
        return []
    dates = idx.within(start, end, kind="date")  # "الثلاثاء 14جوان 2016 خبر مقتل": the year counts nobody
    numbers = [
        m
        for m in idx.within(start, end, kind="number")
        if not m.data.get("not_count") and not any(d.start <= m.start and m.end <= d.end for d in dates)
    ]
    subsets = idx.within(start, end, kind="cue", group="subset")
    update = bool(idx.within(start, end, kind="cue", group="update"))
    bound: dict[int, Count] = {}  # one number per count word: the nearest
    since = [m.start for m in idx.within(start, end, kind="cue") if m.data.get("form") == "منذ"]
    for n in numbers:
        if _is_subset(n, subsets) or any(0 <= s - n.end <= SINCE_REACH for s in since):
            continue  # "بينهم 3" is a part; "15 صحفيا منذ 2016" is a tally since then
        cue = _cue_for(n, cues, text)
        if cue is None:
            continue
        c = Count(
            FIELD_OF.get(cue.key, cue.key), int(n.data["value"]), min(cue.start, n.start), max(cue.end, n.end), update
        )
        prev = bound.get(cue.start)
        if prev is None or (c.end - c.start) < (prev.end - prev.start):
            bound[cue.start] = c
    out = list(bound.values()) + _coordinated(numbers, bound, subsets, text)
    out += _risen(numbers, cues, idx.within(start, end, kind="cue", group="update"), {c.start for c in out}, text)
    free = [c for c in cues if c.start not in bound]
    out += _singles(free, idx.within(start, end, kind="cue", group="person"), numbers)
    return out


def totals(per_span: list[list[Count]]) -> dict[str, Count]:
    """One figure per field: sides add up within a span; the latest (or largest) span wins."""
    best: dict[str, Count] = {}
    for counts in per_span:
        sums: dict[str, Count] = {}
        for c in counts:
            prev = sums.get(c.field)
            sums[c.field] = c if prev is None else Count(c.field, prev.value + c.value, prev.start, c.end, c.update)
        for f, c in sums.items():
            cur = best.get(f)
            if cur is None or (c.update and not cur.update) or (c.update == cur.update and c.value > cur.value):
                best[f] = c
    return best
