"""Counts in Arabic news text: what rasd.text.numbers reads as a count, and what it must leave alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from rasd.model import Mention
from rasd.text.normalize import normalize
from rasd.text.numbers import LEXICON_PATH, NumberLexiconError, find_numbers, load_lexicon, validate_lexicon

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def counts(text: str) -> list[Mention]:
    return find_numbers(normalize(text).text)


def only(text: str) -> dict[str, Any]:
    """The data of the single count in text (fails if there is not exactly one)."""
    found = counts(text)
    assert len(found) == 1, [(m.key, m.data) for m in found]
    return found[0].data


def span_text(text: str, m: Mention) -> str:
    return normalize(text).text[m.start : m.end]


@pytest.mark.parametrize(
    "text, value, noun",
    [
        ("مقتل 30 مدنيا في القصف", 30, "مدنيا"),
        ("أسفر الهجوم عن 148قتيلا", 148, "قتيلا"),
        ("اعتقال ٧ أشخاص في الرقة", 7, "اشخاص"),
    ],
)
def test_digits_with_the_noun_they_count(text: str, value: int, noun: str) -> None:
    d = only(text)
    assert (d["value"], d["kind"], d["noun"], d["approx"], d["modifier"]) == (value, "digits", noun, False, None)


@pytest.mark.parametrize(
    "text, value",
    [
        ("نزوح 1,200 شخص", 1200),
        ("نزوح 1.200 شخص", 1200),
        ("نزوح 1.250.000 شخص", 1250000),
        ("نزوح 2.5 مليون شخص", 2500000),
        ("نزوح 12 ألف شخص", 12000),
        ("نزوح 2 مليون شخص", 2000000),
        ("نزوح 10 آلاف شخص", 10000),
        ("ارتفع العدد إلى 37 ألفا و551 شهيدا", 37551),
    ],
)
def test_separators_decimals_and_multipliers(text: str, value: int) -> None:
    d = only(text)
    assert (d["value"], d["kind"]) == (value, "digits")
    assert d["noun"] in ("شخص", "شهيدا")


@pytest.mark.parametrize(
    "text, value, noun",
    [
        ("قتل ثلاثة مدنيين", 3, "مدنيين"),
        ("إصابة أربع نساء", 4, "نساء"),
        ("اعتقال ثماني نساء", 8, "نساء"),
        ("مقتل إحدى عشرة امرأة", 11, "امراه"),
        ("مقتل اثني عشر جنديا", 12, "جنديا"),
        ("مقتل ثلاثة عشر عنصرا", 13, "عنصرا"),
        ("مقتل خمسة وعشرين جنديا", 25, "جنديا"),
        ("قتل واحد وثلاثون شخصا", 31, "شخصا"),
        ("أسر ثلاثمائة عنصر", 300, "عنصر"),
        ("أسر ثلاث مئة عنصر", 300, "عنصر"),
        ("أسر مئتي مقاتل", 200, "مقاتل"),
        ("نزوح ثلاثة آلاف وخمسمئة عائلة", 3500, "عايله"),
        ("نزوح عشرة آلاف شخص", 10000, "شخص"),
        ("نزوح مليون ونصف المليون لاجئ", 1500000, "لاجي"),
    ],
)
def test_cardinal_words(text: str, value: int, noun: str) -> None:
    d = only(text)
    assert (d["value"], d["kind"], d["noun"]) == (value, "words", noun)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("مقتل جندي وثلاثة عناصر", "ثلاثه"),
        ("استهدفت بثلاثة صواريخ", "ثلاثه"),
        ("قصف لثلاثة أيام متتالية ضد ستة مواقع", "سته"),
    ],
)
def test_prefixed_number_words_span_without_the_prefix(text: str, expected: str) -> None:
    found = counts(text)
    assert [span_text(text, m) for m in found] == [expected]


@pytest.mark.parametrize(
    "text, noun, covered",
    [
        ("مقتل عنصرين من قسد", "عنصر", "عنصرين"),
        ("إصابة جنديان في الاشتباك", "جندي", "جنديان"),
        ("احتراق سيارتين", "سياره", "سيارتين"),
        ("اعتقال امرأتين", "امراه", "امراتين"),
        ("تشييع الشابين", "شاب", "الشابين"),
        ("مقتل جنديين اثنين", "جندي", "جنديين اثنين"),
    ],
)
def test_duals_of_nouns_with_broken_plurals(text: str, noun: str, covered: str) -> None:
    found = counts(text)
    assert len(found) == 1
    d = found[0].data
    assert (d["value"], d["kind"], d["noun"]) == (2, "dual", noun)
    assert span_text(text, found[0]) == covered
    assert normalize(text).text[d["noun_start"] : d["noun_end"]] == covered.split(" ")[0]


@pytest.mark.parametrize(
    "text",
    [
        "إصابة مدنيين في القصف",
        "الإفراج عن معتقلين",
        "هجوم مسلحين على الحاجز",
        "مقتل مقاتلين من الفصائل",
        "تعزيزات لعسكريين",
    ],
)
def test_sound_plurals_are_not_duals(text: str) -> None:
    assert counts(text) == []


@pytest.mark.parametrize(
    "text, value, noun",
    [
        ("مقتل اثنين من الحراس", 2, "الحراس"),
        ("اعتقال ثلاثة من عناصر التنظيم", 3, "عناصر"),
        ("إصابة 40 منهم بجروح", 40, None),
    ],
)
def test_partitive_min_takes_the_noun_after_it(text: str, value: int, noun: str | None) -> None:
    d = only(text)
    assert (d["value"], d["noun"]) == (value, noun)


@pytest.mark.parametrize(
    "text, value, noun",
    [
        ("عشرات الجرحى", 12, "الجرحي"),
        ("سقوط العشرات من الجنود", 12, "الجنود"),
        ("اعتقال مئات الشبان", 100, "الشبان"),
        ("نزوح آلاف العائلات", 1000, "العايلات"),
        ("مقتل عشرات الآلاف من المدنيين", 12000, "المدنيين"),
        ("اعتقال عدد من المطلوبين", 3, "المطلوبين"),
        ("استهداف عدة مواقع", 3, "مواقع"),
        ("مقتل بضعة عناصر", 3, "عناصر"),
        ("مقتل العديد من المسلحين", 3, "المسلحين"),
    ],
)
def test_vague_quantities(text: str, value: int, noun: str) -> None:
    d = only(text)
    assert (d["value"], d["kind"], d["noun"], d["approx"]) == (value, "vague", noun, True)


@pytest.mark.parametrize(
    "text, value, modifier, approx, covered",
    [
        ("اعتقال أكثر من سبعة معتقلين", 7, "more_than", False, "اكثر من سبعه"),
        ("مقتل ما يزيد على 40 عنصرا", 40, "more_than", False, "ما يزيد علي 40"),
        ("مقتل ما لا يقل عن 22 شخصا", 22, "at_least", False, "ما لا يقل عن 22"),
        ("مقتل على الأقل 3 أشخاص", 3, "at_least", False, "علي الاقل 3"),
        ("مقتل 3 أشخاص على الأقل", 3, "at_least", False, "3"),
        ("فرار نحو 900 سجين", 900, "about", True, "نحو 900"),
        ("فرار حوالى 50 سجينا", 50, "about", True, "حوالي 50"),
        ("فرار قرابة مئة سجين", 100, "about", True, "قرابه ميه"),
        ("فرار زهاء 70 سجينا", 70, "about", True, "زهاء 70"),
        ("فرار ما يقارب 60 سجينا", 60, "about", True, "ما يقارب 60"),
        ("فرار بنحو 30 سجينا", 30, "about", True, "نحو 30"),
        ("مقتل أقل من 10 أشخاص", 10, "less_than", False, "اقل من 10"),
        ("مقتل عشرين ونيف شخصا", 20, "more_than", False, "عشرين ونيف"),
    ],
)
def test_modifiers(text: str, value: int, modifier: str, approx: bool, covered: str) -> None:
    found = counts(text)
    assert len(found) == 1
    d = found[0].data
    assert (d["value"], d["modifier"], d["approx"]) == (value, modifier, approx)
    assert span_text(text, found[0]) == covered
    assert d["noun"] is not None


@pytest.mark.parametrize(
    "text, values, noun",
    [
        ("نزوح ما بين 2000 و4000 شخص", [2000, 4000], "شخص"),
        ("نزوح بين 2 و3 آلاف شخص", [2000, 3000], "شخص"),
        ("مقتل من 3 إلى 5 أشخاص", [3, 5], "اشخاص"),
    ],
)
def test_ranges_give_both_ends_and_share_the_noun(text: str, values: list[int], noun: str) -> None:
    found = counts(text)
    assert [m.data["value"] for m in found] == values
    assert [m.data["noun"] for m in found] == [noun, noun]
    assert {m.data["modifier"] for m in found} == {"between"}


def test_among_is_not_a_range() -> None:
    found = counts("مقتل خمسة من بين 20 شخصا")
    assert [(m.data["value"], m.data["modifier"]) for m in found] == [(5, None), (20, None)]


@pytest.mark.parametrize(
    "text",
    [
        "وقع الهجوم عام 2022",
        "في كانون الثاني 2023",
        "تأسست سنة 2011م",
        "عامي 2014 و2015",
        "في الفترة من 2019 إلى 2023",
        "في 2019, تغير الوضع",
        "في 20/1/2022",
        "بتاريخ 2022.12.27",
        "يوم 7 أكتوبر",
        "في 7 من تشرين الأول",
        "عند 12:18 ظهرا",
        "الساعة 12 ظهرا",
        "اتصلوا على 0933123456",
        "بندقية M4",
        "طائرة F-16",
        "نسبة 30% من السكان",
        "نسبة 30 بالمئة",
        "نسبة 30 في المئة",
        "مسافة 5 كم",
        "قذيفة 120 ملم",
        "استشهاد طفل (12 عاما)",
        "خلال 48 ساعة",
        "الذكرى الخامسة والعشرين",
        "القرن التاسع عشر",
        "منذ الـ7 من أكتوبر",
        "القرار رقم 2254",
        "بلغ 3.5 درجات",
        "سجل 0 إصابات",
    ],
)
def test_not_counts(text: str) -> None:
    assert counts(text) == []


@pytest.mark.parametrize("text", ["لست متأكدا", "جاء بعده الوزير", "وعده الرئيس بالإفراج"])
def test_prefixed_forms_that_are_other_words(text: str) -> None:
    assert counts(text) == []


def test_postposed_one_counts_the_word_before() -> None:
    d = only("مقتل شخص واحد")
    assert (d["value"], d["noun"]) == (1, "شخص")


def test_noun_is_none_before_a_function_word() -> None:
    d = only("ارتفعت الحصيلة إلى 30 في المدينة")
    assert (d["value"], d["noun"], d["noun_start"]) == (30, None, None)


def test_mentions_sorted_non_overlapping_with_keys() -> None:
    text = "مقتل 3 عناصر وإصابة عنصرين واعتقال عشرات المدنيين ونزوح 12 ألف شخص"
    found = counts(text)
    assert [m.key for m in found] == ["3", "2", "12", "12000"]
    assert all(m.kind == "number" for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_spans_map_back_to_the_original() -> None:
    text = "مقتل خمسةٍ وعشرين جنديًا"
    norm = normalize(text)
    m = counts(text)[0]
    assert norm.original_text(m.start, m.end) == "خمسةٍ وعشرين"
    assert norm.original_text(m.data["noun_start"], m.data["noun_end"]) == "جنديًا"


# ---------------------------------------------------------------- the data file


def test_packaged_lexicon_is_valid() -> None:
    assert validate_lexicon() == []
    lex = load_lexicon()
    assert lex.surfaces["ثلاثه"].value == 3
    assert lex.surfaces["والعشرات"].kind == "vague"


def _write(tmp_path: Path, edit: Any) -> Path:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "numbers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "edit, needle",
    [
        (lambda d: d["months"].append("ـــ"), "months: 'ـــ': empty after normalization"),
        (lambda d: d["months"].append("ابريل"), "months: 'ابريل': duplicated"),
        (lambda d: d["dual_nouns"].append("عنصر"), "dual_nouns: 'عنصر': duplicated"),
        (
            lambda d: d["vague"].append({"forms": ["ثلاثة"], "value": 3}),
            "vague: 'ثلاثة': form 'ثلاثه' already in words",
        ),
        (lambda d: d["words"][0].update(value=0), "words/0/value"),
        (lambda d: d["modifiers"].append({"phrase": "نحو", "modifier": "roughly", "position": "before"}), "modifiers/"),
    ],
)
def test_validator_names_file_entry_and_reason(tmp_path: Path, edit: Any, needle: str) -> None:
    path = _write(tmp_path, edit)
    problems = validate_lexicon(path)
    assert any(needle in p and p.startswith("numbers.yaml: ") for p in problems), problems
    with pytest.raises(NumberLexiconError, match="numbers.yaml"):
        load_lexicon(path)


# ---------------------------------------------------------------- real text (read-only shared corpus)


def test_seed_articles_give_well_formed_mentions() -> None:
    seeds = SHARED / "corpus" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"shared corpus not found at {seeds}")
    total = 0
    for line in seeds.read_text(encoding="utf-8").splitlines():
        norm = normalize(json.loads(line)["text"]).text
        found = find_numbers(norm)
        total += len(found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
        for m in found:
            assert m.key == str(m.data["value"]) and m.data["value"] > 0
            assert 0 <= m.start < m.end <= len(norm)
            if m.data["noun"] is not None and m.data["kind"] != "dual":
                assert norm[m.data["noun_start"] : m.data["noun_end"]] == m.data["noun"]
    assert total > 0
