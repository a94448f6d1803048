"""One pass over the text finds actors, triggers and cues at word boundaries, after clitics."""

from rasd.recognize.lexicon import default_lexicon
from rasd.recognize.matcher import Matcher
from rasd.text.normalize import normalize


def _find(text: str, places: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    n = normalize(text)
    m = Matcher(default_lexicon(), places)
    return [(x.kind, x.key, n.original_text(x.start, x.end)) for x in m.find(n.text)]


def test_obfuscated_actor_is_found_with_its_original_span() -> None:
    assert ("actor", "Islamic State", "د ا ع ش") in _find("هاجمت خلايا “د ا ع ش” حاجزا")


def test_pejorative_forms_name_the_same_actor() -> None:
    keys = {k for kind, k, _ in _find("هاجم مرتزقة داعش مواقع ميليشيات قسد") if kind == "actor"}
    assert keys == {"Islamic State", "SDF"}


def test_clitics_before_a_form_are_accepted() -> None:
    found = _find("وبالرقة ولقسد", places=("الرقه",))
    assert ("place", "الرقه", "الرقة") in found
    assert ("actor", "SDF", "قسد") in found


def test_lam_alef_lam_contraction() -> None:
    assert ("actor", "Islamic State", "للدواعش") in [(k, a, t) for k, a, t in _find("سجن للدواعش")]


def test_no_match_inside_a_longer_word() -> None:
    assert not [x for x in _find("الحشدية") if x[1] == "Popular Mobilization Forces"]


def test_longest_form_wins() -> None:
    actors = [x for x in _find("قال جيش الاحتلال الأميركي") if x[0] == "actor"]
    assert actors == [("actor", "Military Forces of the United States", "جيش الاحتلال الأميركي")]


def test_trigger_prefix_form_accepts_verb_endings() -> None:
    assert ("trigger", "assault", "هاجموا") in _find("هاجموا الحاجز")
