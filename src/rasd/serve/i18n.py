"""Interface labels in Arabic and English, and the event taxonomy the dashboard offers, from data files.

Messages live in serve/i18n/{ar,en}.json (flat "key": "text"), the taxonomy (types, sub-types, colours) in
serve/taxonomy.json. They are checked at load: every language has every key, no text is empty, and every
type and sub-type has a label in every language; a problem names the file, the key and the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

LANGS = ("ar", "en")
DEFAULT_LANG = "en"
RTL = frozenset({"ar"})
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class I18nError(ValueError):
    """A messages or taxonomy file that is broken; the message names the file, the key and the reason."""


@dataclass(frozen=True)
class Messages:
    """One language's labels."""

    lang: str
    texts: dict[str, str]

    @property
    def dir(self) -> str:
        return "rtl" if self.lang in RTL else "ltr"

    def t(self, key: str, **values: Any) -> str:
        text = self.texts.get(key, key)
        return text.format(**values) if values else text

    def type_label(self, name: str | None) -> str:
        return self.texts.get(f"type.{name}", name or "") if name else ""

    def field_label(self, name: str) -> str:
        return self.texts.get(f"field.{name}", str(name).replace("_", " "))

    def field_labels(self, names: Iterable[str]) -> str:
        return ", ".join(self.field_label(n) for n in names)

    def sub_label(self, name: str | None) -> str:
        return self.texts.get(f"sub.{name}", name or "") if name else ""


@dataclass(frozen=True)
class EventType:
    name: str
    color: str
    subtypes: tuple[str, ...]


def _read(name: str) -> Any:
    path = resources.files("rasd.serve").joinpath(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise I18nError(f"{name}: cannot be read: {e}") from e


@lru_cache(maxsize=1)
def taxonomy() -> tuple[EventType, ...]:
    """ACLED's event types with their sub-types and the colour the map and timeline give each."""
    data = _read("taxonomy.json")
    out = []
    for entry in data.get("types", []) if isinstance(data, dict) else []:
        name, color, subs = entry.get("name"), entry.get("color"), entry.get("subtypes")
        if not isinstance(name, str) or not name.strip():
            raise I18nError(f"taxonomy.json: {entry!r}: type without a name")
        if not isinstance(color, str) or not COLOR.match(color):
            raise I18nError(f"taxonomy.json: {name}: colour {color!r} is not #RRGGBB")
        if not isinstance(subs, list) or not all(isinstance(s, str) and s.strip() for s in subs):
            raise I18nError(f"taxonomy.json: {name}: subtypes must be a list of names")
        out.append(EventType(name, color, tuple(subs)))
    if not out:
        raise I18nError("taxonomy.json: no event types")
    return tuple(out)


def validate(all_texts: dict[str, dict[str, str]], types: tuple[EventType, ...]) -> None:
    """Every language has the reference language's keys (and only those), non-empty, with the taxonomy's labels."""
    reference = all_texts[DEFAULT_LANG]
    needed = {f"type.{t.name}" for t in types} | {f"sub.{s}" for t in types for s in t.subtypes}
    for lang, texts in all_texts.items():
        where = f"i18n/{lang}.json"
        for key, text in texts.items():
            if not isinstance(text, str) or not text.strip():
                raise I18nError(f"{where}: {key!r}: empty or not a string")
            if key not in reference:
                raise I18nError(f"{where}: {key!r}: not in i18n/{DEFAULT_LANG}.json")
        for key in sorted(set(reference) | needed):
            if key not in texts:
                raise I18nError(f"{where}: {key!r}: missing")


@lru_cache(maxsize=1)
def catalog() -> dict[str, Messages]:
    """All languages' messages, validated once."""
    texts: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        data = _read(f"i18n/{lang}.json")
        if not isinstance(data, dict):
            raise I18nError(f"i18n/{lang}.json: not an object of key: text")
        texts[lang] = data
    validate(texts, taxonomy())
    return {lang: Messages(lang, t) for lang, t in texts.items()}


def accepted(header: str | None) -> list[str]:
    """The primary language tags of an Accept-Language header, best first ("ar-SY,en;q=0.5" -> ar, en)."""
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag.strip():
            ranked.append((-q, i, tag.strip().split("-")[0].lower()))
    return [lang for q, _, lang in sorted(ranked) if q < 0]


def choose_lang(query_lang: str | None, accept_language: str | None) -> str:
    """?lang= first, then the browser's preference, then English."""
    if query_lang in LANGS:
        return str(query_lang)
    return next((lang for lang in accepted(accept_language) if lang in LANGS), DEFAULT_LANG)
