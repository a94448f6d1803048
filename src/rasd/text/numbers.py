"""Counts in normalized Arabic news text: digits, number words, duals, vague quantities, modifiers.

Casualty and arrest figures are written every way Arabic allows ("30", "12 ألف", "خمسة وعشرين",
"عنصرين", "عشرات", "أكثر من سبعة"), mixed with years, dates, clock times, model numbers and
measures that are not counts. The vocabulary lives in data/lexicons/numbers.yaml; this module
tokenizes once, reads each count with its modifier and the word it counts, and drops the rest.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import itemgetter, or_
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from rasd.model import Mention
from rasd.text.normalize import normalize_term

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "numbers.yaml"
SCHEMA_PATH = LEXICON_PATH.with_name("numbers.schema.json")

# Tokens: digit clusters ("1,200", "20/1/2022"), Arabic words, Latin words, any other single character.
_SPLIT = re.compile(r"([\u0621-\u064a]+|[0-9]+(?:[.,/:\-][0-9]+)*|[a-z]+|\S)")  # commonest first: faster
_ARABIC = re.compile(r"[\u0621-\u064a]+")
_DIGITS = frozenset("0123456789")
_TERM_SECTIONS = (
    "prefixes",
    "definite_prefixes",
    "forbidden_forms",
    "half_words",
    "range_joiners",
    "dual_nouns",
    "dual_adjectives",
    "postposed",
    "year_cues",
    "year_suffixes",
    "months",
    "not_count_before",
    "not_count_units",
    "function_words",
)
_RANK = {"unit": 0, "teen": 0, "ten": 1, "hundred": 2}


class NumberLexiconError(ValueError):
    """The numbers lexicon is malformed; the message lists every problem found."""


@dataclass(frozen=True)
class Surface:
    """One written form of a count word, with the prefix letters it carries."""

    kind: str  # word | vague | dual
    value: int
    cls: str = ""  # for words: unit | teen_head | ten | hundred | multiplier | fixed
    prefix: str = ""
    teen_tail: bool = False
    starts: bool = True  # may begin a count
    multiplier: int = 0  # a vague word that also multiplies ("آلاف")
    noun: str | None = None  # for duals: the singular


@dataclass(frozen=True)
class Phrase:
    """A several-token cue (modifier or vague phrase) and what it means."""

    tokens: tuple[str, ...]
    name: str  # modifier name, or "vague"
    value: int = 0
    prefix: str = ""


@dataclass(frozen=True)
class NumberLexicon:
    """Everything find_numbers needs, normalized and indexed once."""

    surfaces: dict[str, Surface]
    starters: frozenset[str]  # tokens that can begin a count in words
    vague_phrases: dict[str, list[Phrase]]  # by first token, longest first
    before: dict[str, list[Phrase]]  # modifiers by last token, longest first
    after: dict[str, list[Phrase]]  # modifiers by first token
    approx: frozenset[str]
    half: frozenset[str]
    joiners: frozenset[str]
    dual_adjectives: frozenset[str]
    postposed: frozenset[str]
    definite: frozenset[str]
    year_cues: frozenset[str]
    year_suffixes: frozenset[str]
    months: frozenset[str]
    not_before: frozenset[str]
    units: frozenset[tuple[str, ...]]
    function_words: frozenset[str]


# ---------------------------------------------------------------- loading and validation


def _read(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict):
        raise NumberLexiconError(f"{path.name}: top level is {type(data).__name__}, not a mapping")
    return data


def _entry_terms(data: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(section, term) for every term of the lexicon, in file order."""
    for section in _TERM_SECTIONS:
        for term in data.get(section, []):
            yield section, term
    for section in ("words", "vague"):
        for entry in data.get(section, []):
            for form in entry["forms"]:
                yield section, form
    for entry in data.get("vague_phrases", []):
        yield "vague_phrases", entry["phrase"]
    for entry in data.get("modifiers", []):
        yield f"modifiers/{entry['position']}", entry["phrase"]


def _dual_forms(singular: str) -> list[str]:
    """Dual forms of a normalized singular: "عنصر" -> عنصران/عنصرين, "سياره" -> سيارتان/سيارتين."""
    stem = singular[:-1] + "ت" if singular.endswith("ه") else singular
    return [stem + "ان", stem + "ين"]


def validate_lexicon(path: Path = LEXICON_PATH) -> list[str]:
    """Every problem of the lexicon file (schema, empty or duplicated terms), as readable lines."""
    try:
        data = _read(path)
    except (OSError, yaml.YAMLError, NumberLexiconError) as e:
        return [f"{path.name}: cannot read: {e}"]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    problems = [
        f"{path.name}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
    ]
    if problems:
        return problems
    seen: dict[tuple[str, str], str] = {}
    vocab: dict[str, str] = {}  # count words share one index: words, vague and duals must not collide
    for section, term in _entry_terms(data):
        norm = normalize_term(term)
        if not norm:
            problems.append(f"{path.name}: {section}: {term!r}: empty after normalization")
            continue
        if (section, norm) in seen:
            problems.append(f"{path.name}: {section}: {term!r}: duplicated (same as {seen[section, norm]!r})")
        seen[section, norm] = term
        forms = _dual_forms(norm) if section == "dual_nouns" else [norm] if section in ("words", "vague") else []
        for form in forms:
            if form in vocab and vocab[form] != section:
                problems.append(f"{path.name}: {section}: {term!r}: form {form!r} already in {vocab[form]}")
            vocab.setdefault(form, section)
    return problems


def _prefixed(
    surfaces: dict[str, Surface], base: str, surface: Surface, prefixes: Iterable[str], forbidden: frozenset[str]
) -> None:
    """Index base with each prefix; an existing (less prefixed) reading wins."""
    for p in prefixes:
        key = p + base
        if key not in forbidden and key not in surfaces:
            surfaces[key] = dataclasses.replace(surface, prefix=p)


def _norm(terms: Iterable[str]) -> list[str]:
    """Lexicon terms in the form they take in normalized text."""
    return [normalize_term(t) for t in terms]


def _surfaces(data: dict[str, Any]) -> dict[str, Surface]:
    """Every written form of every count word, prefixed forms included, for one dict lookup per token."""
    norm = _norm
    prefixes, definite = norm(data["prefixes"]), norm(data["definite_prefixes"])
    forbidden = frozenset(norm(data["forbidden_forms"]))
    bases: list[tuple[str, Surface, list[str]]] = []
    for e in data["words"]:
        s = Surface("word", e["value"], e["class"], teen_tail=e.get("teen_tail", False), starts=e.get("starts", True))
        bases += [(f, s, prefixes) for f in norm(e["forms"])]
    for e in data["vague"]:
        s = Surface("vague", e["value"], multiplier=e.get("multiplier", 0))
        bases += [(f, s, prefixes + definite) for f in norm(e["forms"])]
    for singular in norm(data["dual_nouns"]):
        s = Surface("dual", 2, noun=singular)
        bases += [(f, s, prefixes + definite) for f in _dual_forms(singular)]
    surfaces = {base: s for base, s, _ in bases}
    for base, s, allowed in bases:
        _prefixed(surfaces, base, s, allowed, forbidden)
    return surfaces


def _phrases(entries: Iterable[Phrase], prefixes: list[str], by_last: bool) -> dict[str, list[Phrase]]:
    """Index phrases (and their prefixed variants) by first or last token, longest first."""
    out: dict[str, list[Phrase]] = {}
    for ph in entries:
        for p in ["", *prefixes]:
            toks = (p + ph.tokens[0],) + ph.tokens[1:]
            out.setdefault(toks[-1] if by_last else toks[0], []).append(Phrase(toks, ph.name, ph.value, p))
    for lst in out.values():
        lst.sort(key=lambda ph: -len(ph.tokens))
    return out


def _build(data: dict[str, Any]) -> NumberLexicon:
    norm = _norm

    def toks(s: str) -> tuple[str, ...]:
        return tuple(normalize_term(s).split(" "))

    prefixes = norm(data["prefixes"])
    mods = [(Phrase(toks(m["phrase"]), m["modifier"]), m["position"]) for m in data["modifiers"]]
    vague = _phrases(
        [Phrase(toks(v["phrase"]), "vague", v["value"]) for v in data["vague_phrases"]], prefixes, by_last=False
    )
    surfaces = _surfaces(data)
    return NumberLexicon(
        surfaces=surfaces,
        starters=frozenset(surfaces) | frozenset(vague),
        vague_phrases=vague,
        before=_phrases([m for m, pos in mods if pos == "before"], prefixes, by_last=True),
        after=_phrases([m for m, pos in mods if pos == "after"], [], by_last=False),
        approx=frozenset(data["approx_modifiers"]),
        half=frozenset(norm(data["half_words"])),
        joiners=frozenset(norm(data["range_joiners"])),
        dual_adjectives=frozenset(norm(data["dual_adjectives"])),
        postposed=frozenset(norm(data["postposed"])),
        definite=frozenset(norm(data["definite_prefixes"])),
        year_cues=frozenset(norm(data["year_cues"])),
        year_suffixes=frozenset(norm(data["year_suffixes"])),
        months=frozenset(norm(data["months"])),
        not_before=frozenset(norm(data["not_count_before"])),
        units=frozenset(toks(u) for u in data["not_count_units"]),
        function_words=frozenset(norm(data["function_words"])),
    )


def load_lexicon(path: Path = LEXICON_PATH) -> NumberLexicon:
    """The validated, indexed lexicon; NumberLexiconError lists the problems of a bad file."""
    problems = validate_lexicon(path)
    if problems:
        raise NumberLexiconError("; ".join(problems))
    return _build(_read(path))


@functools.lru_cache(maxsize=1)
def default_lexicon() -> NumberLexicon:
    """The packaged lexicon, loaded once per process."""
    return load_lexicon(LEXICON_PATH)


# ---------------------------------------------------------------- finding counts


@dataclass
class _Tokens:
    text: list[str]
    start: list[int]
    end: list[int]

    def get(self, i: int) -> str:
        return self.text[i] if 0 <= i < len(self.text) else ""

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return 0 < i < len(self.text) and self.end[i - 1] == self.start[i]


@dataclass
class _Num:
    """A count being read; `first`/`last` are token indexes [first, last)."""

    value: int
    kind: str
    first: int
    last: int
    start: int
    end: int = 0
    approx: bool = False
    modifier: str | None = None
    noun: str | None = None
    noun_start: int | None = None
    noun_end: int | None = None
    multiplier: int = 0  # of the tail ("12 ألف"), for ranges ("بين 2 و3 آلاف")
    year_like: bool = False  # four plain digits
    definite: bool = False  # "الـ7": an ordinal unless a modifier precedes
    skip: str | None = None  # why this is not a count


def _tokenize(norm: str) -> _Tokens:
    """Tokens with offsets, computed without a Python step per token (this runs on every article)."""
    parts = _SPLIT.split(norm)  # gap, token, gap, token, ..., gap
    acc = list(accumulate(map(len, parts), initial=0))
    return _Tokens(parts[1::2], acc[1:-1:2], acc[2::2])


def _tail_multiplier(toks: _Tokens, j: int, lex: NumberLexicon) -> int:
    """The multiplier word at token j ("ألف", "آلاف", "مليون"...), or 0."""
    s = lex.surfaces.get(toks.get(j))
    if s is None or s.prefix:
        return 0
    if s.kind == "word" and s.cls == "multiplier":
        return s.value
    return s.multiplier if s.kind == "vague" else 0


def _digit_value(num: _Num, t: str, mult: int) -> None:
    """Value of a digit cluster: thousands separators ("1,200"), decimals before a multiplier ("2.5 مليون")."""
    parts = re.split(r"[.,]", t)
    if any(c in t for c in "/:-"):
        num.skip = "date_or_time"
    elif len(parts) == 1:
        num.value = int(t) * (mult or 1)
        num.year_like = len(t) == 4
        if len(t) > 7 or (len(t) > 2 and t[0] == "0"):
            num.skip = "phone_or_code"
    elif (
        len(parts[0]) <= 3
        and parts[0][0] != "0"
        and all(len(p) == 3 for p in parts[1:])
        and not (mult and len(parts) == 2)
    ):
        num.value = int("".join(parts)) * (mult or 1)
    elif len(parts) == 2 and mult:
        num.value = round(float(parts[0] + "." + parts[1]) * mult)
    else:
        num.skip = "decimal_or_date"
    if num.value == 0 and num.skip is None:
        num.skip = "zero"


def _digits(toks: _Tokens, i: int, lex: NumberLexicon) -> _Num:
    """Read a digit cluster at token i and its multiplier; mark clusters that are not counts."""
    num = _Num(0, "digits", i, i + 1, toks.start[i])
    mult = _tail_multiplier(toks, i + 1, lex)
    _digit_value(num, toks.text[i], mult)
    if mult:
        num.multiplier, num.last = mult, i + 2
        rest = toks.get(i + 3)
        if toks.get(i + 2) == "و" and rest.isdigit() and int(rest) < mult:  # "37 ألفا و551"
            num.value, num.last = num.value + int(rest), i + 4
    prev, nxt = toks.get(i - 1), toks.get(i + 1)
    if toks.glued(i) and (prev == "-" or prev == "+" or prev.isascii() and prev.isalpha()):
        num.skip = "model_or_phone"
    if toks.glued(i + 1) and nxt.isascii() and nxt.isalpha():
        num.skip = "model"
    if prev in lex.definite and (toks.glued(i) or prev == "ال"):
        num.definite, num.first, num.start = True, i - 1, toks.start[i - 1]
    return num


def _may_follow(last: str, cls: str) -> bool:
    """Can a word of class `cls`, joined by و, continue a number whose last part is `last`?"""
    if last in ("unit", "teen"):
        return cls == "ten"
    if last == "ten" or cls not in _RANK:
        return False
    return _RANK[cls] < _RANK.get(last, 3)


def _compound(toks: _Tokens, i: int, first: Surface, lex: NumberLexicon) -> _Num | None:
    """Read number words from token i: "خمسة وعشرون", "ثلاثة آلاف وخمسمئة", "اثنا عشر"."""
    j, total, cur, last, last_mult = i + 1, 0, first.value, first.cls, 10**13
    tail = lex.surfaces.get(toks.get(j))
    if (
        tail is not None
        and tail.teen_tail
        and not tail.prefix
        and (first.cls == "teen_head" or first.cls == "unit" and first.value < 10)
    ):
        cur, last, j = first.value + 10, "teen", j + 1
    elif first.cls == "teen_head":
        return None
    elif first.cls in ("multiplier", "fixed"):
        mult = first.value // 2 if first.cls == "fixed" else first.value  # "ألفين" is 2 x ألف
        total, cur, last, last_mult = first.value, 0, "multiplier", mult
    while j < len(toks.text):
        s = lex.surfaces.get(toks.text[j])
        mult = _tail_multiplier(toks, j, lex)
        if s is None:
            break
        if mult and last != "multiplier" and mult < last_mult:
            total, cur, last, last_mult = total + cur * mult, 0, "multiplier", mult
        elif (
            s.kind == "word" and not s.prefix and s.cls == "hundred" and s.value == 100 and last == "unit" and cur < 10
        ):
            cur, last = cur * 100, "hundred"
        elif s.kind == "word" and s.prefix == "و" and _may_follow(last, s.cls):
            cur, last = cur + s.value, s.cls
        else:
            break
        j += 1
    num = _Num(total + cur, "words", i, j, toks.start[i] + _proclitic(first.prefix))
    num.multiplier = last_mult if last == "multiplier" else 0
    return num


def _proclitic(prefix: str) -> int:
    """How many prefix letters to leave out of a span: "و"/"ب"/"ل" go, an article stays ("العشرات")."""
    return 0 if "ال" in prefix or prefix.endswith("لل") else len(prefix)


def _word(toks: _Tokens, i: int, lex: NumberLexicon) -> _Num | None:
    """A count starting with a word at token i: a vague phrase, a vague word, a dual or number words."""
    t = toks.text[i]
    for ph in lex.vague_phrases.get(t, []):
        if tuple(toks.text[i : i + len(ph.tokens)]) == ph.tokens:
            return _Num(ph.value, "vague", i, i + len(ph.tokens), toks.start[i] + _proclitic(ph.prefix), approx=True)
    s = lex.surfaces.get(t)
    if s is None or not s.starts:
        return None
    start = toks.start[i] + _proclitic(s.prefix)
    if s.kind == "dual":
        last = i + 2 if toks.get(i + 1) in lex.dual_adjectives else i + 1
        return _Num(2, "dual", i, last, start, noun=s.noun, noun_start=start, noun_end=toks.end[i])
    if s.kind == "vague":
        nxt = lex.surfaces.get(toks.get(i + 1))
        mult = nxt.multiplier if nxt is not None and nxt.kind == "vague" and not s.multiplier else 0
        if mult:  # "عشرات الآلاف"
            return _Num(s.value * mult, "vague", i, i + 2, start, approx=True)
        return _Num(s.value, "vague", i, i + 1, start, approx=True)
    return _compound(toks, i, s, lex)


def _modifier_before(num: _Num, toks: _Tokens, lex: NumberLexicon) -> None:
    """A modifier right before the count ("أكثر من", "نحو", "ما لا يقل عن") joins its span."""
    k = num.first - 1
    nxt = toks.get(num.last)
    ranged = nxt in lex.joiners or getattr(lex.surfaces.get(nxt), "prefix", "") == "و"
    for ph in lex.before.get(toks.get(k), []):
        n = len(ph.tokens)
        if ph.name == "between" and not ranged:
            continue  # "بين الرجلين", "من بين 5 أشخاص": among, not a range
        if k - n + 1 >= 0 and tuple(toks.text[k - n + 1 : k + 1]) == ph.tokens:
            num.modifier, num.approx = ph.name, num.approx or ph.name in lex.approx
            num.first = k - n + 1
            num.start = toks.start[num.first] + _proclitic(ph.prefix)
            return


def _modifier_after(num: _Num, toks: _Tokens, lex: NumberLexicon) -> None:
    """A modifier within three words after the count ("3 أشخاص على الأقل", "عشرين ونيف")."""
    for p in range(num.last, min(num.last + 3, len(toks.text))):
        if not _ARABIC.fullmatch(toks.text[p]):
            return
        for ph in lex.after.get(toks.text[p], []):
            if tuple(toks.text[p : p + len(ph.tokens)]) == ph.tokens:
                num.modifier, num.approx = ph.name, num.approx or ph.name in lex.approx
                if p == num.last:  # "عشرين ونيف قتيلا": the noun comes after the modifier
                    num.last += len(ph.tokens)
                return


def _set_noun(num: _Num, toks: _Tokens, lex: NumberLexicon) -> None:
    """The word counted: the next word, or the one after a partitive "من"; for "شخص واحد" the word before."""
    if num.noun is not None:
        return
    j = num.last
    if toks.get(j) == "من" and _ARABIC.fullmatch(toks.get(j + 1)) and toks.get(j + 1) not in lex.function_words:
        j += 1
    else:
        s = lex.surfaces.get(toks.text[num.first])
        if num.last - num.first == 1 and s is not None and toks.text[num.first][len(s.prefix) :] in lex.postposed:
            j = num.first - 1
    word = toks.get(j)
    if _ARABIC.fullmatch(word) and word not in lex.function_words:
        num.noun, num.noun_start, num.noun_end = word, toks.start[j], toks.end[j]


def _not_count(num: _Num, toks: _Tokens, lex: NumberLexicon, core: int) -> str | None:
    """Why the number read at token `core` is a year, date, label or measure rather than a count."""
    prev, nxt, e = toks.get(core - 1), toks.get(num.last), num.last
    if num.definite and num.modifier is None:
        return "ordinal"
    if num.kind == "words" and num.value == 10 and num.last - num.first == 1 and prev.startswith("ال"):
        return "ordinal"  # "الحادي عشر"
    if (
        prev in lex.not_before
        or num.kind == "digits"
        and (prev == nxt == '"' or prev == "(" and nxt == ")" and not _ARABIC.fullmatch(toks.get(core - 2)))
    ):
        return "label"  # "الساعة 12", "رقم 5", a name "ستوكس 600", a footnote "(3)"; "آخرين (2)" is a count
    if (
        num.year_like
        and not num.multiplier
        and (prev in lex.year_cues or prev in lex.months or nxt in lex.year_suffixes)
    ):
        return "year"
    if nxt in lex.months or nxt == "من" and toks.get(e + 1) in lex.months:
        return "date"
    if any(tuple(toks.text[e : e + k]) in lex.units for k in (1, 2, 3)):
        return "unit"
    return None


def _half(num: _Num, toks: _Tokens, lex: NumberLexicon) -> None:
    """ "مليون ونصف" / "مليون ونصف المليون" adds half the multiplier."""
    if num.multiplier and toks.get(num.last) in lex.half:
        num.value += num.multiplier // 2
        num.last += 1
        word = toks.get(num.last)
        after = lex.surfaces.get(word[2:] if word.startswith("ال") else word)
        if after is not None and after.kind == "word" and after.value == num.multiplier:
            num.last += 1


def _read_at(toks: _Tokens, i: int, lex: NumberLexicon) -> _Num | None:
    t = toks.text[i]
    num = _digits(toks, i, lex) if t[0].isdigit() else _word(toks, i, lex)
    if num is None or num.skip:
        return num
    core = num.first + 1 if num.definite else num.first
    _half(num, toks, lex)
    _modifier_before(num, toks, lex)
    if num.modifier is None:
        _modifier_after(num, toks, lex)
    num.skip = _not_count(num, toks, lex, core)
    if num.skip is None:
        _set_noun(num, toks, lex)
    return num


def _link_ranges(nums: list[_Num], toks: _Tokens, lex: NumberLexicon) -> None:
    """Two ends of a range share their tail: "بين 2 و3 آلاف", "3 أو 4 أشخاص", "عامي 2014 و2015"."""
    for a, b in zip(nums, nums[1:], strict=False):
        gap = toks.text[a.last : b.first]
        b_word = lex.surfaces.get(toks.text[b.first])
        glued_and = not gap and b_word is not None and b_word.prefix == "و"
        if not (glued_and or len(gap) == 1 and gap[0] in lex.joiners):
            continue
        plain_and = glued_and or gap[0] == "و"
        if plain_and and a.modifier != "between" and not (a.skip == "year" and b.year_like):
            continue  # "3 قتلى و5 جرحى" is two counts, not a range
        if _yearish(a) and _yearish(b):
            a.skip = b.skip = "year"  # "من 2019 إلى 2023"
        if a.skip or b.skip:
            a.skip = b.skip = a.skip or b.skip
            continue
        if toks.get(a.first - 1) == "من" and gap and gap[0] != "و" and a.modifier is None:
            a.modifier = "between"
        if b.multiplier and not a.multiplier and a.value < b.value // b.multiplier:
            a.value *= b.multiplier
        if a.noun is None:
            a.noun, a.noun_start, a.noun_end = b.noun, b.noun_start, b.noun_end
        if b.modifier is None:
            b.modifier, b.approx = a.modifier, b.approx or a.approx


def _yearish(num: _Num) -> bool:
    return num.year_like and not num.multiplier and 1900 <= num.value <= 2100


def _bare_year(num: _Num) -> bool:
    """Four digits 1900-2100 counting nothing ("في 2022,") read as a year."""
    return _yearish(num) and num.noun is None and num.modifier is None


def find_numbers(norm: str, lexicon: NumberLexicon | None = None) -> list[Mention]:
    """Counts in normalized text, sorted by start and non-overlapping (each token is read once)."""
    lex = lexicon or default_lexicon()
    toks = _tokenize(norm)
    nums: list[_Num] = []
    starters, free = lex.starters, 0
    firsts = map(itemgetter(0), toks.text)  # candidates picked at C speed: most tokens are not counts
    flags = map(or_, map(starters.__contains__, toks.text), map(_DIGITS.__contains__, firsts))
    for i in compress(range(len(toks.text)), flags):
        if i < free:
            continue
        num = _read_at(toks, i, lex)
        if num is not None:
            num.end = toks.end[num.last - 1]
            nums.append(num)
            free = num.last
    _link_ranges(nums, toks, lex)
    return [_mention(n) for n in nums if n.skip is None and not _bare_year(n)]


def _mention(num: _Num) -> Mention:
    data = {
        "value": num.value,
        "approx": num.approx,
        "modifier": num.modifier,
        "noun": num.noun,
        "noun_start": num.noun_start,
        "noun_end": num.noun_end,
        "kind": num.kind,
    }
    return Mention("number", num.start, num.end, str(num.value), data)
