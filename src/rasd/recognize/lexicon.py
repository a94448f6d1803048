"""Load, validate and normalize the lexicons in data/lexicons (actors, triggers, cues).

Every form goes through `normalize_term`, the normalizer of the text, so a form always has the shape
of the text it should match. A broken file fails with the file, the entry and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from rasd.text.normalize import normalize_term

LEXICON_DIR = Path(str(resources.files("rasd") / "data" / "lexicons"))

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Arrests",
        "Disrupted weapons use",
        "Change to group/activity",
        "Other",
        "Agreement",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
    ),
}
TAGS = (
    "prison_attack",
    "prison_break",
    "prison_riot",
    "curfew",
    "security_cordon",
    "road_closure",
    "emergency",
    "displacement",
    "security_operation",
    "journalist",
    "suicide",
    "vbied",
    "drone",
    "denied",
    "prison",
    "camp",
)
CUE_GROUPS = (
    "count",
    "subset",
    "update",
    "person",
    "attribution",
    "irrealis",
    "recall",
    "prison",
    "locative",
    "near",
    "countryside",
    "cause",
    "aggregate",
    "negation",
    "source",
    "refers_back",
    "series",
    "also",
    "origin",
    "purpose",
    "earlier",
    "news_of",
    "grave",
)

_FORMS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
SCHEMAS: dict[str, dict[str, Any]] = {
    "actors": {
        "type": "object",
        "required": ["version", "actors"],
        "properties": {
            "version": {"const": 1},
            "actors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "inter", "forms"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "inter": {"type": "integer", "minimum": 1, "maximum": 8},
                        "side": {"type": "string"},
                        "country": {"enum": ["Syria", "Iraq"]},
                        "only_in": {"type": "array", "items": {"type": "string"}},
                        "forms": _FORMS,
                    },
                },
            },
        },
    },
    "triggers": {
        "type": "object",
        "required": ["version", "triggers"],
        "properties": {
            "version": {"const": 1},
            "triggers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "event_type", "sub_event_type", "rank", "forms"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string"},
                        "event_type": {"enum": list(EVENT_TYPES)},
                        "sub_event_type": {"type": "string"},
                        "rank": {"type": "integer"},
                        "generic": {"type": "boolean"},
                        "support": {"type": "boolean"},
                        "tally": {"type": "boolean"},
                        "dead_are_older": {"type": "boolean"},
                        "unless": {"enum": list(CUE_GROUPS)},
                        "needs": {"enum": list(CUE_GROUPS)},
                        "tags": {"type": "array", "items": {"enum": list(TAGS)}},
                        "by_actor": {"type": "object", "additionalProperties": {"type": "string"}},
                        "state_sub": {"type": "string"},
                        "nonstate_sub": {"type": "string"},
                        "forms": _FORMS,
                    },
                },
            },
        },
    },
    "cues": {
        "type": "object",
        "required": ["version", "cues"],
        "properties": {
            "version": {"const": 1},
            "cues": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["group", "key", "forms"],
                    "additionalProperties": False,
                    "properties": {"group": {"enum": list(CUE_GROUPS)}, "key": {"type": "string"}, "forms": _FORMS},
                },
            },
        },
    },
}


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, the entry and the reason."""


@dataclass(frozen=True)
class Form:
    """One matchable surface form: `text` normalized; `prefix` when it accepts any word ending."""

    text: str
    prefix: bool


@dataclass(frozen=True)
class Entry:
    kind: str  # actor | trigger | cue
    key: str  # actor name, trigger id, or cue key
    forms: tuple[Form, ...]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def parse_form(raw: str, where: str) -> Form:
    prefix = raw.endswith("*")
    text = normalize_term(raw.rstrip("*"))
    if not text:
        raise LexiconError(f"{where}: form {raw!r} is empty after normalization")
    if normalize_term(text) != text:
        raise LexiconError(f"{where}: form {raw!r} is not stable under normalization")
    return Form(text, prefix)


def _read(name: str, directory: Path) -> dict[str, Any]:
    path = directory / f"{name}.yaml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LexiconError(f"{path}: cannot read: {e}") from e
    try:
        jsonschema.validate(doc, SCHEMAS[name])
    except jsonschema.ValidationError as e:
        loc = "/".join(str(p) for p in e.absolute_path)
        raise LexiconError(f"{path}: at {loc or 'top'}: {e.message}") from e
    return doc


def _entries(kind: str, items: list[dict[str, Any]], key_field: str, path: str) -> list[Entry]:
    out = []
    for item in items:
        where = f"{path}: {kind} {item[key_field]!r}"
        forms = tuple(parse_form(f, where) for f in item["forms"])
        dup = {f.text for f in forms if sum(g.text == f.text for g in forms) > 1}
        if dup:
            raise LexiconError(f"{where}: duplicate forms after normalization: {sorted(dup)}")
        data = {k: v for k, v in item.items() if k not in ("forms", key_field)}
        out.append(Entry(kind, item[key_field], forms, data))
    return out


def _check_types(triggers: list[Entry], path: str) -> None:
    for t in triggers:
        subs = [t.data["sub_event_type"], *t.data.get("by_actor", {}).values()]
        subs += [t.data[k] for k in ("state_sub", "nonstate_sub") if k in t.data]
        for sub in subs:
            if sub not in EVENT_TYPES[t.data["event_type"]]:
                raise LexiconError(
                    f"{path}: trigger {t.key!r}: {sub!r} is not a sub-event type of {t.data['event_type']!r}"
                )


def _check_actor_forms(actors: list[Entry], path: str) -> None:
    """A form may name two actors only when country/only_in tells them apart."""
    seen: dict[str, Entry] = {}
    for a in actors:
        for f in a.forms:
            other = seen.get(f.text)
            if other and not (a.data.get("only_in") or a.data.get("country")):
                raise LexiconError(f"{path}: form {f.text!r} names both {other.key!r} and {a.key!r}")
            seen[f.text] = a


@dataclass(frozen=True)
class Lexicon:
    actors: tuple[Entry, ...]
    triggers: tuple[Entry, ...]
    cues: tuple[Entry, ...]

    def actor(self, name: str) -> Entry:
        for a in self.actors:
            if a.key == name:
                return a
        raise KeyError(name)

    def trigger(self, trigger_id: str) -> Entry:
        for t in self.triggers:
            if t.key == trigger_id:
                return t
        raise KeyError(trigger_id)


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    actors = _entries("actor", _read("actors", directory)["actors"], "name", str(directory / "actors.yaml"))
    triggers = _entries("trigger", _read("triggers", directory)["triggers"], "id", str(directory / "triggers.yaml"))
    cues = _entries("cue", _read("cues", directory)["cues"], "key", str(directory / "cues.yaml"))
    _check_types(triggers, str(directory / "triggers.yaml"))
    _check_actor_forms(actors, str(directory / "actors.yaml"))
    return Lexicon(tuple(actors), tuple(triggers), tuple(cues))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
