"""Normalization: how Arabic is really written, matched as one form, with offsets back to the original."""

import pytest

from rasd.text.normalize import normalize, normalize_term


@pytest.mark.parametrize(
    ("written", "matched"),
    [
        ("د ا ع ش", "داعش"),  # letters spaced out
        ("د اع ش", "داعش"),  # letters and pairs spaced out
        ("الـ ـهـ ـجـ ـوم", "الهجوم"),  # tatweel on both sides of the gaps
        ("سـ ـجـ ـن", "سجن"),
        ("دمـ ـويـ ـة", "دمويه"),
    ],
)
def test_obfuscated_words_are_rejoined(written: str, matched: str) -> None:
    assert normalize(written).text == matched


def test_tatweel_inside_a_word_is_dropped() -> None:
    assert normalize("الرقــــة").text == "الرقه"


def test_diacritics_are_dropped() -> None:
    assert normalize("قُتِلَ عنصرٌ من “ٌقسد”").text == 'قتل عنصر من "قسد"'


@pytest.mark.parametrize(("written", "matched"), [("٢٠ يونيو ٢٠٢٢", "20 يونيو 2022"), ("۱۲ نفر", "12 نفر")])
def test_arabic_indic_and_persian_digits(written: str, matched: str) -> None:
    assert normalize(written).text == matched


@pytest.mark.parametrize(
    ("written", "matched"),
    [
        ("إسرائيل", "اسراييل"),
        ("آذار", "اذار"),
        ("حماة", "حماه"),
        ("مستشفى", "مستشفي"),
        ("مسؤول", "مسوول"),
        ("کرکوک", "كركوك"),
    ],
)
def test_letter_variants_are_unified_for_matching(written: str, matched: str) -> None:
    assert normalize(written).text == matched


def test_arabic_punctuation_and_quotes() -> None:
    assert normalize("«قسد»، الأسايش؛ لماذا؟").text == '"قسد", الاسايش; لماذا?'


def test_a_preposition_before_a_spaced_word_stays_apart() -> None:
    assert normalize("عناصر من د ا ع ش في الرقة").text == "عناصر من داعش في الرقه"


def test_short_words_written_apart_are_not_joined() -> None:
    assert normalize("و في ما يلي").text == "و في ما يلي"


def test_offsets_point_into_the_original() -> None:
    original = "هاجم عناصر “د ا ع ش” سـ ـجـ ـن غويران"
    n = normalize(original)
    i = n.text.index("داعش")
    assert n.original_text(i, i + 4) == "د ا ع ش"
    j = n.text.index("غويران")
    a, b = n.span(j, j + len("غويران"))
    assert original[a:b] == "غويران"


def test_newlines_survive_and_spaces_collapse() -> None:
    assert normalize("سطر  أول\r\n\r\nسطر ثان").text == "سطر اول\nسطر ثان"


def test_term_normalization_is_idempotent() -> None:
    for term in ("قوات سوريا الديمقراطية", "د ا ع ش", "الأسايش"):
        once = normalize_term(term)
        assert normalize_term(once) == once


def test_presentation_forms_are_decomposed() -> None:
    assert normalize("ﻻ ﷲ").text == "لا الله"


def test_ornate_parentheses_that_decompose_to_themselves_are_kept() -> None:
    assert normalize("﴿قسد﴾").text == "﴿قسد﴾"
