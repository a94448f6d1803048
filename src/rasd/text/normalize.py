"""Normalize Arabic news text for matching, keeping a map back to the original.

Matching runs on `NormText.text`; every span found there is mapped back with `NormText.span`
so that evidence always points into the text a reader sees. Lexicon entries go through
`normalize_term`, the same function, so an entry and the text it should match agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

TATWEEL = "\u0640"
_DROP = {TATWEEL, "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"}
_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ئ": "ي",
    "ة": "ه",
    "ە": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ھ": "ه",
    "ؤ": "و",
    "ک": "ك",
    "ڪ": "ك",
    "گ": "ك",
}
_PUNCT = {
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٫": ".",
    "٬": ",",
    "۔": ".",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‹": '"',
    "›": '"',
    "–": "-",
    "—": "-",
    "−": "-",
    "…": ".",
}
_NEWLINES = {"\n", "\r", "\u2028", "\u2029", "\x85"}


def _is_diacritic(ch: str) -> bool:
    o = ord(ch)
    return 0x064B <= o <= 0x065F or o == 0x0670 or 0x06D6 <= o <= 0x06ED or 0x0610 <= o <= 0x061A


def _map_char(ch: str) -> str:
    """The matching form of one character ('' to drop it)."""
    if ch in _DROP or _is_diacritic(ch):
        return ""
    o = ord(ch)
    if 0x0660 <= o <= 0x0669:
        return chr(o - 0x0660 + 48)
    if 0x06F0 <= o <= 0x06F9:
        return chr(o - 0x06F0 + 48)
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch in _PUNCT:
        return _PUNCT[ch]
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:  # some (ornate parentheses ﴾﴿) decompose to themselves
            return "".join(_map_char(c) for c in decomposed)
    if ch in _NEWLINES:
        return "\n"
    if ch.isspace():
        return " "
    return ch.lower() if ch.isascii() else ch


@dataclass(frozen=True)
class NormText:
    """Matching text plus, for each of its characters, the index of the original character."""

    original: str
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalized [start, end)."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


# Tatweel-obfuscation: "الـ ـهـ ـجـ ـوم" — a tatweel, spaces, a tatweel: the spaces are noise.
_TATWEEL_GAP = re.compile(r"\u0640[ \t\u00a0]+\u0640")
_AR = "\u0621-\u064a"
# Letter-spacing obfuscation: "د ا ع ش", "د اع ش": runs of 1-2 letter tokens.
_SPACED = re.compile(rf"(?<![{_AR}])(?:[{_AR}]{{1,2}} ){{2,}}[{_AR}]{{1,2}}(?![{_AR}])")
# Two-letter words that stand before or after a spaced-out word without being part of it.
_SHORT_WORDS = frozenset(
    ["من", "في", "عن", "ما", "لا", "لم", "لن", "قد", "او", "ان", "هو", "هي", "اذ", "كل", "مع", "ثم"]
)
_SPACES = re.compile(r"[ ]{2,}|[ ]*\n[\s]*")


class _Table(dict[int, str]):
    """str.translate table filled on demand: each character's matching form, computed once per process."""

    def __missing__(self, code: int) -> str:
        self[code] = _map_char(chr(code))
        return self[code]


_TABLE = _Table()
_EXPANDS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")  # presentation forms may map to several characters
# Characters the first pass drops (tatweel, diacritics, zero-width marks): the only ones whose offsets go.
_DROPPED = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0610-\u061a\u200b-\u200f\u061c\ufeff\u00ad]")
_FEW = 256  # below this many deletions, deleting list items beats masking every character


def _without(offs: list[int], positions: list[int]) -> list[int]:
    """offs with the items at these (sorted) positions removed."""
    if len(positions) < _FEW:
        for i in reversed(positions):
            del offs[i]
        return offs
    mask = bytearray(b"\x01") * len(offs)
    for i in positions:
        mask[i] = 0
    return list(compress(offs, mask))


def _slow_first_pass(original: str, gaps: set[int]) -> tuple[str, list[int]]:
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(original):
        if i not in gaps:
            for c in _TABLE[ord(ch)]:
                chars.append(c)
                offs.append(i)
    return "".join(chars), offs


def _first_pass(original: str) -> tuple[str, list[int]]:
    """The mapped text and, per character, its original index. Runs at C speed unless a character expands."""
    gaps = [i for m in _TATWEEL_GAP.finditer(original) for i in range(m.start() + 1, m.end() - 1)]
    if _EXPANDS.search(original):
        return _slow_first_pass(original, set(gaps))
    dropped = sorted(set(gaps).union(m.start() for m in _DROPPED.finditer(original)))
    offs = _without(list(range(len(original))), dropped)
    if gaps:
        kept = set(gaps)
        original = "".join(ch for i, ch in enumerate(original) if i not in kept)
    return original.translate(_TABLE), offs


def _delete(text: str, offs: list[int], positions: set[int]) -> tuple[str, list[int]]:
    if not positions:
        return text, offs
    order = sorted(positions)
    mask = bytearray(b"\x01") * len(text)
    for i in order:
        mask[i] = 0
    return "".join(compress(text, mask)), _without(offs, order)


def _rejoin_spaced(text: str) -> set[int]:
    """Positions of spaces inside letter-spaced words ("د ا ع ش") to delete."""
    out: set[int] = set()
    for m in _SPACED.finditer(text):
        tokens = m.group(0).split(" ")
        start = m.start()
        while len(tokens) > 2 and tokens[0] in _SHORT_WORDS:  # "من د ا ع ش": the preposition stays apart
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        while len(tokens) > 2 and tokens[-1] in _SHORT_WORDS:
            tokens = tokens[:-1]
        if sum(len(t) == 1 for t in tokens) < 2 or tokens[0] == "و" and len(tokens) == 3:
            continue
        run = " ".join(tokens)
        out.update(start + i for i, c in enumerate(run) if c == " ")
    return out


def _collapse_spaces(text: str) -> set[int]:
    out: set[int] = set()
    for m in _SPACES.finditer(text):
        seg = m.group(0)
        keep = seg.index("\n") if "\n" in seg else 0
        out.update(m.start() + i for i in range(len(seg)) if i != keep)
    return out


def normalize(original: str) -> NormText:
    text, offs = _first_pass(original)
    text, offs = _delete(text, offs, _rejoin_spaced(text))
    text, offs = _delete(text, offs, _collapse_spaces(text))
    return NormText(original, text, tuple(offs) + (len(original),))


@lru_cache(maxsize=65536)
def normalize_term(term: str) -> str:
    """The matching form of a lexicon entry: the same normalization as the text, trimmed."""
    return normalize(term).text.strip()
