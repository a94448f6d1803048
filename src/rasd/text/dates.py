"""Find the dates of Arabic news text and resolve them against the publication date.

An event's date is seldom written in full: it is "فجر اليوم", "أمس الجمعة", "في 25 آب الفائت",
"السابع من الشهر الجاري". The words are data (data/lexicons/dates.yaml, validated at load); this
module builds a few regexes from them once per process, finds candidate expressions ("atoms") in the
normalized text, keeps the longest where they overlap, joins a weekday to the relative day or the
explicit date beside it, and resolves each against the publication date. Precision follows the
codebook: 1 an exact day, 2 an approximate day (a weekday alone, a week, a self-contradicting
expression), 3 only the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import jsonschema
import yaml
from hijridate import Gregorian, Hijri

from rasd.model import Mention
from rasd.text.normalize import normalize_term

LEXICON_PATH = Path(str(resources.files("rasd") / "data" / "lexicons" / "dates.yaml"))
SCHEMA_PATH = LEXICON_PATH.with_name("dates.schema.json")

_VALUED = (
    "gregorian_months",
    "hijri_months",
    "weekdays",
    "relative_days",
    "qualifiers",
    "positions",
    "periods",
    "ago_units",
    "number_words",
    "ordinals",
)
_WORDS = (
    "ambiguous_months",
    "ambiguous_hijri_months",
    "hijri_markers",
    "weekday_not_before",
    "weekday_not_after",
    "time_cues",
    "day_words",
    "this_words",
    "same_words",
    "year_words",
    "ago_markers",
    "ago_not_after",
    "range_words",
    "month_words",
    "month_cues",
)
_SUBSETS = {"ambiguous_months": "gregorian_months", "ambiguous_hijri_months": "hijri_months"}
_WEEK, _MONTH = 7, 30  # period lengths as written in dates.yaml (`periods`)
_PUNCT = ",.:;\"'()!?"


class DateLexiconError(ValueError):
    """dates.yaml cannot be used; the message names the file, the entry and the reason."""


@dataclass(frozen=True)
class Entry:
    """What one normalized form means: its value and, for some sections, when it does not apply."""

    value: int
    precision: int = 1
    counted: bool = False
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    not_after_ordinal: bool = False


@dataclass(frozen=True)
class DateLexicon:
    """dates.yaml with every form normalized: valued sections map a form to its Entry."""

    tolerance: int
    valued: dict[str, dict[str, Entry]]
    words: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Resolved:
    date: dt.date
    precision: int
    relative: bool
    conflict: bool = False


# --- loading and validation ---------------------------------------------------------------------------


def _line_of(raw: str, form: str) -> str:
    """' line N:' of the first non-comment line holding `form` (a hint for the reader of the error)."""
    for i, line in enumerate(raw.splitlines(), 1):
        if form in line and not line.lstrip().startswith("#"):
            return f" line {i}:"
    return ""


def _section_forms(data: dict[str, Any], section: str) -> Iterator[str]:
    if section in _VALUED:
        for item in data[section]:
            yield from item["forms"]
    else:
        yield from data[section]


def validate_lexicon(data: Any, source: str, raw: str = "") -> list[str]:
    """Every problem of a parsed dates.yaml: schema, empty-after-normalization, duplicate, unknown subset form."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        return [f"{source}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]
    problems: list[str] = []
    for section in _VALUED + _WORDS:
        seen: dict[str, str] = {}
        for form in _section_forms(data, section):
            norm = normalize_term(form)
            where = f"{source}:{_line_of(raw, form)} {section}: {form!r}"
            if not norm:
                problems.append(f"{where}: empty after normalization")
            elif norm in seen:
                problems.append(f"{where}: duplicate of {seen[norm]!r} (both normalize to {norm!r})")
            else:
                seen[norm] = form
    for section in _VALUED:
        for item in data[section]:
            for key in ("not_before", "not_after"):
                problems += [
                    f"{source}:{_line_of(raw, f)} {section}/{key}: {f!r}: empty after normalization"
                    for f in item.get(key, [])
                    if not normalize_term(f)
                ]
    for sub, parent in _SUBSETS.items():
        known = {normalize_term(f) for f in _section_forms(data, parent)}
        problems += [
            f"{source}:{_line_of(raw, f)} {sub}: {f!r}: not a form of {parent}"
            for f in data[sub]
            if normalize_term(f) not in known
        ]
    return problems


def _entry(item: dict[str, Any]) -> Entry:
    return Entry(
        item["value"],
        item.get("precision", 1),
        item.get("counted", False),
        frozenset(map(normalize_term, item.get("not_before", []))),
        frozenset(map(normalize_term, item.get("not_after", []))),
        item.get("not_after_ordinal", False),
    )


def load_lexicon(path: Path = LEXICON_PATH) -> DateLexicon:
    """Read, validate and normalize dates.yaml; raise DateLexiconError listing every problem."""
    raw = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise DateLexiconError(f"{path}: not valid YAML: {exc}") from exc
    problems = validate_lexicon(data, str(path), raw)
    if problems:
        raise DateLexiconError("\n".join(problems))
    valued = {s: {normalize_term(f): _entry(item) for item in data[s] for f in item["forms"]} for s in _VALUED}
    words = {s: frozenset(normalize_term(f) for f in data[s]) for s in _WORDS}
    return DateLexicon(data["future_tolerance_days"], valued, words)


# --- patterns ---------------------------------------------------------------------------------------------

_B = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # a word start, also after a glued conjunction و/ف
_E = r"(?!\w)"
_EL = r"(?![^\W\d_])"  # a word end that a number may follow: "أيار/مايو2021", "14جوان"


def _alt(forms: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


def _month_heads(v: dict[str, Any]) -> list[str]:
    """The words before an ordinal in the months' names: تشرين (تشرين الأول), كانون, ربيع (ربيع الأول)."""
    ords = set(v["ordinals"])
    names = [f for section in ("gregorian_months", "hijri_months") for f in v[section] if " " in f]
    return sorted({f.rsplit(" ", 1)[0] for f in names if f.rsplit(" ", 1)[1] in ords})


def _build(lex: DateLexicon) -> dict[str, re.Pattern[str]]:
    """The regexes by family, built from the lexicon (longest form first in every alternation)."""
    v, w = lex.valued, lex.words
    month, q, mw, yw = _alt(v["gregorian_months"]), _alt(v["qualifiers"]), _alt(w["month_words"]), _alt(w["year_words"])
    pos, cue, dw = _alt(v["positions"]), _alt(w["time_cues"]), _alt(w["day_words"])
    rng = rf"(?: ?- ?| {_alt(w['range_words'])} ?| ?و)"
    ords = _alt(v["ordinals"])
    pair = rf"(?P<pair> ?[/(] ?{month}{_EL}\)?)?"
    tail = (
        rf"(?: ?,? ?(?:(?:من )?{yw} )?(?P<year>\d{{4}})(?!\d)(?:م{_E})?"
        rf"|(?: من)? {yw} (?:(?P<yq>{q})|(?P<same>{_alt(w['same_words'])})){_E}| (?P<mq>{q}){_E})?"
    )
    month_periods = _alt(f for f, e in v["periods"].items() if e.value == _MONTH)
    # "السابع من الشهر الجاري", and "الأول أيلول/سبتمبر 2015"; not the ordinal that ends a month's name (تشرين الأول)
    not_in_month = "".join(rf"(?<!{re.escape(h)} )" for h in _month_heads(v))
    day = (
        rf"(?:(?:ال)?(?<!\d)(?P<d>\d{{1,2}})(?:{rng}\d{{1,2}})*(?!\d)(?: من)?"
        rf"|{not_in_month}(?P<o>{ords})(?:{rng}{ords})*(?: من)?)"
    )
    day_month = (
        rf"{_B}{day} ?(?:(?:{mw} )?(?P<m>{month}){_EL}{pair}{tail}"
        rf"|(?P<mw2>{month_periods}) (?P<mq2>{q}){_E})"
    )
    wd, per = _alt(v["weekdays"]), _alt(v["periods"])
    sources = {
        "day_month": day_month,
        "numeric": (
            r"(?<![\d./-])(?:(?P<y>\d{4})(?P<s>[-./])(?P<mo>\d{1,2})(?P=s)(?P<d>\d{1,2})"
            r"|(?P<d2>\d{1,2})(?:-\d{1,2})?(?P<s2>[-./])(?P<mo2>\d{1,2})(?P=s2)(?P<y2>\d{4}))(?!\d|[./-]\d)"
        ),
        "month_only": rf"{_B}(?:(?P<pos>{pos}) (?:{mw} )?|(?P<mw>{mw}) )?(?P<m>{month}){_EL}{pair}{tail}",
        "period": rf"{_B}(?:(?P<pos>{pos}) )?(?:(?P<per>{per}) (?P<q>{q})|{_alt(w['this_words'])} (?P<per2>{per})){_E}",
        "relday": rf"{_B}(?:(?P<cue>{cue}) )?(?:(?P<dw>{dw}) )?(?P<r>{_alt(v['relative_days'])}){_E}",
        "ago": (
            rf"{_B}{_alt(w['ago_markers'])} (?:(?P<n>\d{{1,2}}|{_alt(v['number_words'])}) )?"
            rf"(?P<u>{_alt(v['ago_units'])}){_E}"
        ),
        "weekday": (
            rf"{_B}(?:(?P<cue>{cue}) )?(?:(?P<dw>{dw}) )?(?P<w>{wd}){_E}"
            rf"(?:(?: ?- ?| )(?:{cue} )?(?P<w2>{wd}){_E})?(?: (?P<q>{q}){_E})?"
        ),
        "hijri": (
            rf"(?<!\w)(?P<d>\d{{1,2}}) (?:من )?(?P<hm>{_alt(v['hijri_months'])}){_E}"
            rf"(?: (?:{yw} )?(?P<y>1[345]\d\d)(?!\d))?(?: ?(?P<mk>{_alt(w['hijri_markers'])}){_E})?"
            rf"(?: (?P<q>{q}){_E})?"
        ),
    }
    return {name: re.compile(src) for name, src in sources.items()}


# Anchors: the words a date expression cannot do without, and the families (regexes) they start.
# _BACK: how many words before its anchor a family's match may begin ("بعد ظهر يوم أمس": 3).
_ANCHORS = {
    "gregorian_months": ("month_only",),
    "periods": ("period",),
    "relative_days": ("relday",),
    "weekdays": ("weekday",),
    "ordinals": ("day_month",),
    "ago_markers": ("ago",),
}
_DIGIT_FAMILIES = ("day_month", "numeric", "hijri")
_BACK = {"day_month": 0, "numeric": 0, "hijri": 0, "ago": 0, "period": 2, "month_only": 2, "relday": 4, "weekday": 4}


@dataclass(frozen=True)
class _Engine:
    lex: DateLexicon
    pats: dict[str, re.Pattern[str]]
    anchors: Any  # ahocorasick.Automaton: form -> (length, families, is_digit)
    ordinal_heads: frozenset[str]  # first words of the ordinals ("الحادي" of "الحادي عشر")


def _automaton(lex: DateLexicon) -> Any:
    table: dict[str, set[str]] = {d: set(_DIGIT_FAMILIES) for d in "0123456789"}
    for section, families in _ANCHORS.items():
        forms = lex.valued[section] if section in lex.valued else lex.words[section]
        for form in forms:
            table.setdefault(form, set()).update(families)
    auto = ahocorasick.Automaton()
    for form, names in table.items():
        auto.add_word(form, (len(form), tuple(sorted(names)), form.isdigit()))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    lex = load_lexicon()
    heads = frozenset(f.split(" ")[0] for f in lex.valued["ordinals"])
    return _Engine(lex, _build(lex), _automaton(lex), heads)


# --- resolution -------------------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(first: dt.date, delta: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + delta
    return dt.date(index // 12, index % 12 + 1, 1)


def _day_of(first: dt.date, pos_day: int) -> dt.date:
    """The day a position word stands for in the month of `first` (0 = the last day)."""
    day = pos_day or calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=day)


def _year_for(month: int, pub_year: int, pub_month: int, qual: int) -> int:
    """The year of a month qualified as the last one (-1), the current (0) or the next one (1)."""
    if qual < 0:
        return pub_year if month < pub_month else pub_year - 1
    if qual > 0:
        return pub_year if month > pub_month else pub_year + 1
    return pub_year


@dataclass(frozen=True)
class _YearInfo:
    """What the text says about the year of a month: explicit, qualified, or nothing (default)."""

    year: int | None = None
    year_qual: int | None = None  # "من العام الماضي": -1
    month_qual: int | None = None  # "آب الفائت": -1


def _qualified_year(month: int, yi: _YearInfo, pub: dt.date) -> int | None:
    if yi.year_qual is not None:
        return pub.year + yi.year_qual
    return None if yi.month_qual is None else _year_for(month, pub.year, pub.month, yi.month_qual)


def _resolve_day(day: int, month: int, yi: _YearInfo, tol: int, pub: dt.date | None) -> Resolved | None:
    """Without a year: the year that puts the day on or before publication (+ `tol` days)."""
    if yi.year is not None:
        date = _safe_date(yi.year, month, day)
        return Resolved(date, 1, False) if date else None
    if pub is None:
        return None
    year = _qualified_year(month, yi, pub)
    if year is None:
        year = pub.year
        if (_safe_date(year, month, day) or dt.date(year, month, 28)) > pub + dt.timedelta(days=tol):
            year -= 1
    date = _safe_date(year, month, day)
    return Resolved(date, 1, True) if date else None


def _resolve_day_rel_month(day: int, qual: int, pub: dt.date | None) -> Resolved | None:
    """ "السابع من الشهر الجاري": a day of the month before, of or after the publication month."""
    if pub is None:
        return None
    first = _add_months(pub.replace(day=1), qual)
    date = _safe_date(first.year, first.month, day)
    return Resolved(date, 1, True) if date else None


def _resolve_month(month: int, pos_day: int, yi: _YearInfo, pub: dt.date | None) -> Resolved | None:
    """Only the month is known (3); without a year, the latest such month up to publication."""
    if yi.year is not None or pub is None:
        first = _safe_date(yi.year, month, 1) if yi.year is not None else None
        return Resolved(_day_of(first, pos_day), 3, False) if first else None
    year = _qualified_year(month, yi, pub)
    if year is None:
        year = pub.year if month <= pub.month else pub.year - 1
    return Resolved(_day_of(dt.date(year, month, 1), pos_day), 3, True)


def _resolve_period(days: int, qual: int, pos_day: int, pub: dt.date | None) -> Resolved | None:
    """A week is approximate (2), a month is only a month (3), a year gives no date."""
    if pub is None or days not in (_WEEK, _MONTH):
        return None
    if days == _WEEK:
        return Resolved(pub + dt.timedelta(days=_WEEK * qual), 2, True)
    return Resolved(_day_of(_add_months(pub.replace(day=1), qual), pos_day), 3, True)


def _resolve_offset(days: int, precision: int, pub: dt.date | None) -> Resolved | None:
    return Resolved(pub + dt.timedelta(days=days), precision, True) if pub else None


def _resolve_weekday(weekday: int, qual: int | None, pub: dt.date | None) -> Resolved | None:
    """The most recent such weekday on or before publication (strictly before/after with a qualifier)."""
    if pub is None:
        return None
    if qual is not None and qual > 0:
        return Resolved(pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7), 2, True)
    back = (pub.weekday() - weekday) % 7
    if qual is not None and qual < 0 and back == 0:
        back = 7
    return Resolved(pub - dt.timedelta(days=back), 2, True)


def _hijri_to_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _resolve_hijri(day: int, month: int, yi: _YearInfo, tol: int, pub: dt.date | None) -> Resolved | None:
    """A Hijri date; without a year, the Hijri year chosen as for a Gregorian day without a year."""
    if yi.year is not None:
        date = _hijri_to_date(yi.year, month, day)
        return Resolved(date, 1, False) if date else None
    if pub is None:
        return None
    try:
        ph = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    if yi.month_qual is not None:
        year = _year_for(month, ph.year, ph.month, yi.month_qual)
    else:
        year = ph.year
        first = _hijri_to_date(year, month, 1)
        if first is None or first > pub + dt.timedelta(days=tol):
            year -= 1
    date = _hijri_to_date(year, month, day)
    return Resolved(date, 1, True) if date else None


# --- atoms: one regex match each --------------------------------------------------------------------------

Resolver = Callable[[dt.date | None], Resolved | None]


@dataclass(frozen=True)
class _Atom:
    """A candidate expression. kind: explicit (a day of a month), rel (a day counted from publication),
    weekday, or other; `weekday` is the weekday a weekday atom names."""

    kind: str
    start: int
    end: int
    resolve: Resolver
    weekday: int | None = None


def _prev_word(text: str, start: int) -> str:
    word = text[max(0, start - 24) : start].rstrip(" ").rsplit(" ", 1)[-1].rsplit("\n", 1)[-1]
    return word.strip(_PUNCT)


def _next_word(text: str, end: int) -> str:
    seg = text[end : end + 24]
    return seg[1:].split(" ", 1)[0].split("\n", 1)[0].strip(_PUNCT) if seg.startswith(" ") else ""


def _in(word: str, words: frozenset[str]) -> bool:
    """`word`, or `word` without a glued و/ف, is one of `words`."""
    return word in words or (word[:1] in ("و", "ف") and word[1:] in words)


def _year_info(m: re.Match[str], v: dict[str, dict[str, Entry]]) -> _YearInfo:
    q = v["qualifiers"]
    return _YearInfo(
        int(m["year"]) if m["year"] else None,
        q[m["yq"]].value if m["yq"] else None,
        q[m["mq"]].value if m["mq"] else None,
    )


def _day_month_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v = eng.lex.valued
    day = int(m["d"]) if m["d"] else v["ordinals"][m["o"]].value
    if m["mw2"]:
        res: Resolver = partial(_resolve_day_rel_month, day, v["qualifiers"][m["mq2"]].value)
    else:
        month = v["gregorian_months"][m["m"]].value
        res = partial(_resolve_day, day, month, _year_info(m, v), eng.lex.tolerance)
    return _Atom("explicit", m.start(), m.end(), res)


def _numeric_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    y, mo, d = (m["y"], m["mo"], m["d"]) if m["y"] else (m["y2"], m["mo2"], m["d2"])
    date = _safe_date(int(y), int(mo), int(d))
    return _Atom("explicit", m.start(), m.end(), lambda pub: Resolved(date, 1, False)) if date else None


def _month_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v, w = eng.lex.valued, eng.lex.words
    yi = _year_info(m, v)
    context = bool(m["pos"] or m["mw"] or m["pair"] or m["same"] or m["year"] or m["yq"] or m["mq"])
    if not context and (m["m"] in w["ambiguous_months"] or not _in(_prev_word(text, m.start()), w["month_cues"])):
        return None
    pos_day = v["positions"][m["pos"]].value if m["pos"] else 15
    res = partial(_resolve_month, v["gregorian_months"][m["m"]].value, pos_day, yi)
    return _Atom("other", m.start(), m.end(), res)


def _period_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v = eng.lex.valued
    days = v["periods"][m["per"] or m["per2"]].value
    qual = v["qualifiers"][m["q"]].value if m["q"] else 0
    pos_day = v["positions"][m["pos"]].value if m["pos"] else 15
    return _Atom("other", m.start(), m.end(), partial(_resolve_period, days, qual, pos_day))


def _relday_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    entry = eng.lex.valued["relative_days"][m["r"]]
    nxt = _next_word(text, m.end())
    if nxt in entry.not_after or (entry.not_after_ordinal and (nxt in eng.ordinal_heads or re.match(r"ال\d", nxt))):
        return None
    if not (m["cue"] or m["dw"]) and _in(_prev_word(text, m.start()), entry.not_before):
        return None
    return _Atom("rel", m.start(), m.end(), partial(_resolve_offset, entry.value, 1))


def _ago_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v = eng.lex.valued
    unit = v["ago_units"][m["u"]]
    if (unit.counted and not m["n"]) or _next_word(text, m.end()) in eng.lex.words["ago_not_after"]:
        return None
    count = (int(m["n"]) if m["n"].isdigit() else v["number_words"][m["n"]].value) if m["n"] else 1
    return _Atom("other", m.start(), m.end(), partial(_resolve_offset, -count * unit.value, unit.precision))


def _weekday_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v, w = eng.lex.valued, eng.lex.words
    first = v["weekdays"][m["w"]].value
    end, qual = m.end(), v["qualifiers"][m["q"]].value if m["q"] else None
    if m["w2"] and v["weekdays"][m["w2"]].value != (first + 1) % 7:
        end, qual = m.end("w"), None  # "الاثنين الأربعاء" is no night between two days: keep the first
    if not m["w2"] and not m["q"] and _next_word(text, end) in w["weekday_not_after"]:
        return None
    if not (m["cue"] or m["dw"]) and _in(_prev_word(text, m.start()), w["weekday_not_before"]):
        return None
    return _Atom("weekday", m.start(), end, partial(_resolve_weekday, first, qual), first)


def _hijri_atom(m: re.Match[str], text: str, eng: _Engine) -> _Atom | None:
    v = eng.lex.valued
    qual = v["qualifiers"][m["q"]].value if m["q"] else None
    if m["hm"] in eng.lex.words["ambiguous_hijri_months"] and not (m["y"] or m["mk"] or m["q"]):
        return None
    yi = _YearInfo(int(m["y"]) if m["y"] else None, None, qual)
    res = partial(_resolve_hijri, int(m["d"]), v["hijri_months"][m["hm"]].value, yi, eng.lex.tolerance)
    return _Atom("explicit", m.start(), m.end(), res)


_FAMILIES: dict[str, Callable[[re.Match[str], str, _Engine], _Atom | None]] = {
    "day_month": _day_month_atom,
    "numeric": _numeric_atom,
    "month_only": _month_atom,
    "period": _period_atom,
    "relday": _relday_atom,
    "ago": _ago_atom,
    "weekday": _weekday_atom,
    "hijri": _hijri_atom,
}


def _bounded(text: str, start: int, end: int) -> bool:
    """An anchor that is a whole word (a glued conjunction و/ف before it allowed)."""
    if end < len(text) and text[end].isalpha():
        return False
    if start == 0 or not text[start - 1].isalpha():
        return True
    return text[start - 1] in "وف" and (start < 2 or not text[start - 2].isalpha())


def _starts_back(text: str, start: int, words: int) -> list[int]:
    """The anchor's start and the starts of up to `words` words before it, where a match may begin."""
    out, p = [start], start
    if p and text[p - 1] in "وف":
        p -= 1
    for _ in range(words):
        j = p
        while j and p - j <= 3 and not text[j - 1].isalnum():
            j -= 1
        if j == p or p - j > 3 or j == 0:
            break
        p = j
        while p and text[p - 1].isalnum():
            p -= 1
        out += [p, p + 1] if text[p] in "وف" else [p]
    return out


def _attempts(text: str, eng: _Engine) -> set[tuple[str, int]]:
    """(family, start) pairs worth a regex match: near an anchor word or a number found by Aho-Corasick."""
    todo: set[tuple[str, int]] = set()
    for last, (size, families, digit) in eng.anchors.iter(text):
        start = last - size + 1
        if digit:
            if start and text[start - 1].isdigit():
                continue
            starts = [start, start - 2] if start >= 2 and text[start - 2 : start] == "ال" else [start]
            todo.update((f, s) for f in families for s in starts)
        elif _bounded(text, start, last + 1):
            todo.update((f, s) for f in families for s in _starts_back(text, start, _BACK[f]))
    return todo


def _atoms(text: str, eng: _Engine) -> list[_Atom]:
    """Every candidate, then the longest of overlapping ones (the earlier on a tie), by start.

    The regexes are only tried where an anchor (a month, a weekday, a number...) makes a date possible:
    scanning the whole text with each of them costs ~10x more.
    """
    found = []
    for family, start in _attempts(text, eng):
        m = eng.pats[family].match(text, start)
        atom = _FAMILIES[family](m, text, eng) if m else None
        if atom is not None:
            found.append(atom)
    kept: list[_Atom] = []
    for atom in sorted(found, key=lambda a: (a.start - a.end, a.start)):
        if all(atom.end <= k.start or atom.start >= k.end for k in kept):
            kept.append(atom)
    return sorted(kept, key=lambda a: a.start)


# --- groups: a weekday with the relative day or the explicit date beside it ------------------------------

_NEXT_KIND = {"rel": "weekday", "weekday": "explicit"}


def _groups(text: str, atoms: list[_Atom]) -> Iterator[list[_Atom]]:
    """ "أمس الجمعة" (rel + weekday), "الأحد 23 تشرين الأول" (weekday + explicit), or both in a row."""
    i = 0
    while i < len(atoms):
        group = [atoms[i]]
        while i + 1 < len(atoms):
            a, b = group[-1], atoms[i + 1]
            gap = text[a.end : b.start]
            if _NEXT_KIND.get(a.kind) != b.kind or len(gap) > 3 or gap.strip(" ,"):
                break
            group.append(b)
            i += 1
        yield group
        i += 1


def _resolve_group(group: list[_Atom], pub: dt.date | None) -> Resolved | None:
    """The date of a group; a weekday that disagrees with it marks a conflict (precision 2)."""
    weekday = next((a.weekday for a in group if a.kind == "weekday"), None)
    base = group[-1] if group[-1].kind == "explicit" else group[0]
    res = base.resolve(pub)
    if res is None or weekday is None or base.kind == "weekday":
        return res
    if res.date.weekday() == weekday:
        return res
    if base.kind == "explicit" and pub is not None:  # "السبت 07 جانفي 2016" in a 2017 article: a slip on the year
        for year in (pub.year, pub.year - 1):
            try:
                fixed = res.date.replace(year=year)
            except ValueError:
                continue
            if fixed != res.date and fixed.weekday() == weekday and fixed <= pub + dt.timedelta(days=1):
                return Resolved(fixed, max(res.precision, 2), res.relative, True)
    return Resolved(res.date, max(res.precision, 2), res.relative, True)


def find_dates(norm: str, published: dt.date | None) -> list[Mention]:
    """Date mentions of normalized text, resolved against `published`, sorted by start, non-overlapping.

    key is the ISO date; data: date, precision (1 day, 2 approximate day, 3 month), expr (the matched
    text), relative (the publication date was needed), conflict (a weekday contradicts the day).
    Expressions that cannot be resolved (a relative one without a publication date) are left out.
    """
    out = []
    for group in _groups(norm, _atoms(norm, _engine())):
        res = _resolve_group(group, published)
        if res is None:
            continue
        start, end = group[0].start, group[-1].end
        out.append(
            Mention(
                "date",
                start,
                end,
                res.date.isoformat(),
                {
                    "date": res.date,
                    "precision": res.precision,
                    "expr": norm[start:end],
                    "relative": res.relative,
                    "conflict": res.conflict,
                },
            )
        )
    return out
