"""The lexicons: schema, normalization round-trip, and a clear error for a broken file."""

from pathlib import Path

import pytest

from rasd.recognize.lexicon import EVENT_TYPES, LEXICON_DIR, LexiconError, load_lexicon


def test_shipped_lexicons_load_and_validate() -> None:
    lex = load_lexicon()
    names = {a.key for a in lex.actors}
    assert {"Islamic State", "SDF", "Asayish", "Military Forces of Israel", "Islamic Resistance in Iraq"} <= names
    for t in lex.triggers:
        assert t.data["sub_event_type"] in EVENT_TYPES[t.data["event_type"]]


def _copy_with(tmp_path: Path, name: str, text: str) -> Path:
    for f in LEXICON_DIR.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_duplicate_form_after_normalization_is_named(tmp_path: Path) -> None:
    d = _copy_with(tmp_path, "actors", "version: 1\nactors:\n  - {name: SDF, inter: 2, forms: [قسد, قسـد]}\n")
    with pytest.raises(LexiconError, match="SDF.*duplicate"):
        load_lexicon(d)


def test_unknown_sub_event_type_is_named(tmp_path: Path) -> None:
    d = _copy_with(
        tmp_path,
        "triggers",
        "version: 1\ntriggers:\n  - {id: x, event_type: Battles, sub_event_type: Air/drone strike, "
        "rank: 1, forms: [اشتباك]}\n",
    )
    with pytest.raises(LexiconError, match="'Air/drone strike' is not a sub-event type of 'Battles'"):
        load_lexicon(d)


def test_schema_error_names_file_and_place(tmp_path: Path) -> None:
    d = _copy_with(tmp_path, "cues", "version: 1\ncues:\n  - {group: nonsense, key: x, forms: [قال]}\n")
    with pytest.raises(LexiconError, match=r"cues.yaml: at cues/0/group"):
        load_lexicon(d)


def test_same_form_for_two_actors_needs_a_context(tmp_path: Path) -> None:
    d = _copy_with(
        tmp_path,
        "actors",
        "version: 1\nactors:\n  - {name: A, inter: 1, forms: [الجيش]}\n  - {name: B, inter: 1, forms: [الجيش]}\n",
    )
    with pytest.raises(LexiconError, match="names both 'A' and 'B'"):
        load_lexicon(d)
