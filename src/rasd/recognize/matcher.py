"""One Aho-Corasick pass over the normalized text finds every lexicon and gazetteer form.

The automaton is built once per process from all forms; a hit counts only at word boundaries,
after an optional clitic (و ف ب ل ك and their pairs), so "وبالرقة" finds "الرقه" and "مسيرات"
does not find "مسير" unless the form says "مسير*".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from rasd.model import Mention
from rasd.recognize.lexicon import Form, Lexicon, default_lexicon

CLITICS = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل", "وال", "بال", "فال", "كال"}
)


# Some sources lose the space after a link: "الشداديجنوبي الحسكة", "حقل العمربريف دير الزور". A place name
# followed directly by one of these word starts is still taken.
GLUE_WORDS = ("في ", "جنوب", "شمال", "شرق", "غرب", "بريف", "ريف", "قرب", "بمحافظه", "محافظه", "في")
GLUE_MIN = 5


@dataclass(frozen=True)
class Target:
    """What a form points to: the kind of mention and its key (actor, trigger id, cue key, place form)."""

    kind: str
    key: str
    group: str
    prefix: bool


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _variants(form: Form) -> Iterable[str]:
    yield form.text
    if form.text.startswith("ال") and len(form.text) > 3:
        yield "لل" + form.text[2:]  # ل + ال -> لل (للتنظيم)


class Matcher:
    """Finds mentions of lexicon entries and place names in normalized text."""

    def __init__(self, lexicon: Lexicon, place_forms: Iterable[str] = ()) -> None:
        table: dict[str, list[Target]] = {}

        def add(form: Form, target: Target) -> None:
            for v in _variants(form):
                table.setdefault(v, []).append(target)

        for a in lexicon.actors:
            for f in a.forms:
                add(f, Target("actor", a.key, "actor", f.prefix))
        for t in lexicon.triggers:
            for f in t.forms:
                add(f, Target("trigger", t.key, "trigger", f.prefix))
        for c in lexicon.cues:
            for f in c.forms:
                add(f, Target("cue", c.key, c.data["group"], f.prefix))
        for p in place_forms:
            add(Form(p, False), Target("place", p, "place", False))
        self._automaton = ahocorasick.Automaton()
        for text, targets in table.items():
            self._automaton.add_word(text, (text, tuple(targets)))
        self._automaton.make_automaton()

    def _left_ok(self, text: str, start: int) -> bool:
        """Whether a form may start inside a word: only after a clitic that opens the word (وبال، لل)."""
        for k in (1, 2, 3):
            w = start - k
            if w < 0:
                return False
            if w == 0 or not text[w - 1].isalpha():
                return text[w:start] in CLITICS
        return False

    def find(self, text: str) -> list[Mention]:
        """All mentions, longest-first without overlap within each group; sorted by position."""
        raw: dict[str, list[Mention]] = {}
        n = len(text)
        left: dict[int, bool] = {}
        for end_idx, (form, targets) in self._automaton.iter(text):
            start, end = end_idx - len(form) + 1, end_idx + 1
            ok = left.get(start)
            if ok is None:
                ok = left[start] = start == 0 or not text[start - 1].isalpha() or self._left_ok(text, start)
            if not ok:
                continue
            whole = end >= n or not text[end].isalpha()
            if whole and not any(t.prefix for t in targets):
                for t in targets:
                    raw.setdefault(t.group, []).append(
                        Mention(t.kind, start, end, t.key, {"group": t.group, "form": form})
                    )
                continue
            word_end = end
            while word_end < n and text[word_end].isalpha():
                word_end += 1
            glued = not whole and len(form) >= GLUE_MIN and text.startswith(GLUE_WORDS, end)
            for t in targets:
                if not whole and not t.prefix and not (glued and t.kind == "place"):
                    continue
                stop = word_end if t.prefix else end
                raw.setdefault(t.group, []).append(
                    Mention(t.kind, start, stop, t.key, {"group": t.group, "form": form})
                )
        out: list[Mention] = []
        for mentions in raw.values():
            out.extend(_longest(mentions))
        out.sort(key=lambda m: (m.start, -m.end))
        return out


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where spans of one group overlap (ties: first by position)."""
    chosen: list[Mention] = []
    spans: set[tuple[int, int]] = set()
    taken = bytearray(max((m.end for m in mentions), default=0))
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if 1 in taken[m.start : m.end] and (m.start, m.end) not in spans:
            continue  # the same span under another key (an ambiguous form) is kept
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        spans.add((m.start, m.end))
        chosen.append(m)
    return chosen


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    from rasd.geo.gazetteer import default_gazetteer

    return Matcher(default_lexicon(), default_gazetteer().forms().keys())


def by_kind(mentions: Iterable[Mention]) -> Mapping[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.kind, []).append(m)
    return out
