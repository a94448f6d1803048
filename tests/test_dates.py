"""Dates in Arabic news text, resolved against the publication date (rasd.text.dates)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from rasd.model import Mention
from rasd.text.dates import LEXICON_PATH, DateLexiconError, find_dates, load_lexicon, validate_lexicon
from rasd.text.normalize import normalize, normalize_term

FRI = dt.date(2023, 3, 17)  # a Friday: the publication date of most examples
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def dates_in(text: str, pub: dt.date | None = FRI) -> list[Mention]:
    return find_dates(normalize(text).text, pub)


def one(text: str, pub: dt.date | None = FRI) -> Mention:
    found = dates_in(text, pub)
    assert len(found) == 1, [m.data["expr"] for m in found]
    return found[0]


def check(m: Mention, iso: str, precision: int, conflict: bool = False) -> None:
    assert (m.key, m.data["precision"], m.data["conflict"]) == (iso, precision, conflict)
    assert m.data["date"] == dt.date.fromisoformat(iso)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("وقع الهجوم في 3 يناير 2020 قرب المدينة", "2020-01-03"),
        ("وقع الهجوم في 3 كانون الثاني 2020 قرب المدينة", "2020-01-03"),
        ("وقع الهجوم في 3 جانفي 2020 قرب المدينة", "2020-01-03"),
        ("اعتقل في 9 شباط 2021", "2021-02-09"),
        ("اعتقل في 9 فيفري 2021", "2021-02-09"),
        ("اغتيل في 2 أفريل 2019", "2019-04-02"),
        ("اغتيل في 2 ابريل 2019", "2019-04-02"),
        ("قتل في 11 يونيه 2018", "2018-06-11"),
        ("قتل في 11 جوان 2018", "2018-06-11"),
        ("فجرت السيارة في 4 جويلية 2016", "2016-07-04"),
        ("فجرت السيارة في 4 تموز 2016", "2016-07-04"),
        ("سقطت القذائف في 30 أوت 2015", "2015-08-30"),
        ("بدأت العملية في 17 تشرين الأول 2016", "2016-10-17"),
        ("جرت الانتخابات في 18 تشرين ثاني 2021", "2021-11-18"),
        ("انسحبت القوات في 1 كانون الأول 2019", "2019-12-01"),
    ],
)
def test_month_names_of_every_region(text: str, iso: str) -> None:
    m = one(text)
    check(m, iso, 1)
    assert m.data["relative"] is False


@pytest.mark.parametrize(
    "text, pub, iso, precision",
    [
        ("طوقت القوات السجن في 23 تشرين الأول / أكتوبر.", dt.date(2022, 10, 25), "2022-10-23", 1),
        ("وفي نيسان/ أبريل 2020، قالت غرفة العمليات", FRI, "2020-04-15", 3),
        ("أعلن الجيش في 5 شباط (فبراير) 2021 انتهاء العملية", FRI, "2021-02-05", 1),
        ("استخدمت الطائرة في أيار/مايو2021 ضد المواقع", FRI, "2021-05-15", 3),
    ],
)
def test_paired_month_names(text: str, pub: dt.date, iso: str, precision: int) -> None:
    check(one(text, pub), iso, precision)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("الاثنين، ٢٠ يونيو ٢٠٢٢ ضربت الميليشيات السجن", "2022-06-20"),
        ("الرقة 2022.12.27 - 12:18", "2022-12-27"),
        ("سافر إلى العراق بتاريخ 27/12/2022 عبر تركيا", "2022-12-27"),
        ("نشر البيان يوم 2022-12-27 على موقع الوزارة", "2022-12-27"),
        ("سافر بتاريخ 24-01-2015 عن طريق تركيا", "2015-01-24"),
        ("الهجوم على القاعدة (ليل 13-14/4/2024) كان واسعا", "2024-04-13"),
    ],
)
def test_full_dates(text: str, iso: str) -> None:
    m = one(text)
    check(m, iso, 1)
    assert m.data["relative"] is False


@pytest.mark.parametrize(
    "text",
    [
        "المرجع doi 10.35750/2713-0622-2021-2-19 من المجلة",
        "في 31/02/2022 لم يحدث شيء",
        "النتيجة 3/1 لصالح الفريق",
    ],
)
def test_number_runs_that_are_not_dates(text: str) -> None:
    assert dates_in(text) == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("في 25 آب الفائت، أطلقت العملية", "2022-08-25"),
        ("في 25 آب الماضي، أطلقت العملية", "2022-08-25"),
        ("في 25 آب المنصرم، أطلقت العملية", "2022-08-25"),
        ("في 5 آذار الماضي قتل عنصران", "2022-03-05"),  # the month of publication is not "the past" one
        ("في 20 كانون الثاني الفائت، هاجمت الخلايا السجن", "2023-01-20"),
        ("في 9 آذار الجاري هاجمت الخلايا السجن", "2023-03-09"),
        ("تنتهي الهدنة في 5 نيسان المقبل", "2023-04-05"),
        ("في 5 نيسان من العام الماضي", "2022-04-05"),
    ],
)
def test_day_month_with_a_qualifier(text: str, iso: str) -> None:
    m = one(text)
    check(m, iso, 1)
    assert m.data["relative"] is True


@pytest.mark.parametrize(
    "text, iso",
    [
        ("في 10 آذار قصفت الطائرات القرية", "2023-03-10"),
        ("في 19 آذار تبدأ المفاوضات", "2023-03-19"),  # two days ahead: still this year
        ("في 30 آذار قصفت الطائرات القرية", "2022-03-30"),  # after publication: last year
        ("في 14جوان قتل الزعيم", "2022-06-14"),
    ],
)
def test_day_month_without_a_year(text: str, iso: str) -> None:
    check(one(text), iso, 1)


@pytest.mark.parametrize(
    "text, pub, iso",
    [
        ("وفي الخامس والعشرين من الشهر الفائت، قال المركز", FRI, "2023-02-25"),
        ("وفي الثامن والتاسع من أيلول/ سبتمبر من العام الفائت، نفذ المعتقلون عصيانا", FRI, "2022-09-08"),
        ("انتهت الزيارة في السابع من الشهر الجاري", FRI, "2023-03-07"),
        ("جرت ما بين السابع والثاني عشر من أيار/ مايو الحالي", dt.date(2022, 5, 20), "2022-05-07"),
        ("اطلق حملته في الـ11 من الشهر الحالي", FRI, "2023-03-11"),
        ("بدأ القصف في الحادي والعشرين من كانون الثاني 2021", FRI, "2021-01-21"),
    ],
)
def test_ordinal_day_words(text: str, pub: dt.date, iso: str) -> None:
    check(one(text, pub), iso, 1)


@pytest.mark.parametrize(
    "text, pub, iso",
    [
        ("في كانون الثاني الفائت هاجم التنظيم السجن", FRI, "2023-01-15"),  # no position word: the 15th
        ("ومنذ مطلع شهر كانون الأول الجاري، شهدت المنطقة هجمات", dt.date(2022, 12, 27), "2022-12-01"),
        ("وفي أيار/ مايو الماضي، أنهت القوات الحملة", FRI, "2022-05-15"),
        ("منذ بداية نيسان 2020 تصاعدت الهجمات", FRI, "2020-04-01"),
        ("تصاعدت الهجمات أواخر شباط الماضي", FRI, "2023-02-28"),  # the last day of the month
        ("كان آخرها في تشرين الأول/ أكتوبر العام الماضي", FRI, "2022-10-15"),
        ("وقعت في العراق خلال شهر مارس", FRI, "2023-03-15"),
        ("في حزيران قصفت الطائرات البلدة", FRI, "2022-06-15"),
    ],
)
def test_month_only(text: str, pub: dt.date, iso: str) -> None:
    check(one(text, pub), iso, 3)


@pytest.mark.parametrize(
    "text",
    [
        "منذ حرب تموز لم يتغير شيء",  # a name, not a date
        "مارس الضغط على الحكومة",  # "exercised"
        "في مارس القوة",  # an ambiguous month name needs more than "في"
        "التقى أب الشهيد بالوفد",
    ],
)
def test_month_names_that_are_not_dates(text: str) -> None:
    assert dates_in(text) == []


@pytest.mark.parametrize(
    "expr, days, precision",
    [
        ("اليوم", 0, 1),
        ("الليلة", 0, 1),
        ("أمس", -1, 1),
        ("البارحة", -1, 1),
        ("أول أمس", -2, 1),
        ("أول من أمس", -2, 1),
        ("فجر اليوم", 0, 1),
        ("صباح اليوم", 0, 1),
        ("ظهر اليوم", 0, 1),
        ("عصر اليوم", 0, 1),
        ("مساء اليوم", 0, 1),
        ("بعد ظهر اليوم", 0, 1),
        ("ليل أمس", -1, 1),
        ("ليلة أمس", -1, 1),
        ("مساء أمس", -1, 1),
        ("فجر أمس", -1, 1),
        ("الليلة الماضية", -1, 1),
        ("يوم أمس", -1, 1),
        ("قبل يومين", -2, 1),
        ("قبل 3 أيام", -3, 1),
        ("قبل ثلاثة أيام", -3, 1),
        ("منذ أسبوع", -7, 2),
        ("منذ 3 أسابيع", -21, 2),
    ],
)
def test_relative_days(expr: str, days: int, precision: int) -> None:
    m = one(f"قصفت الطائرات البلدة {expr}، وفق ناشطين.")
    check(m, (FRI + dt.timedelta(days=days)).isoformat(), precision)
    assert m.data["expr"] == normalize_term(expr)
    assert m.data["relative"] is True


@pytest.mark.parametrize(
    "text",
    [
        "وفي اليوم التالي انسحبت القوات",
        "وفي اليوم الثالث للعدوان قصفت الطائرات المدينة",
        "منذ ذلك اليوم لم يعد",
        "السكان في أمس الحاجة إلى المساعدات",
        "وصل الوفد قبل يومين من الهجوم",
        "وصل الوفد قبل أيام",
        "بحسب قناة روسيا اليوم",
    ],
)
def test_relative_day_words_that_are_not_dates(text: str) -> None:
    assert dates_in(text) == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("أعلنت الوزارة، الجمعة، مقتل عنصرين", "2023-03-17"),  # the publication day itself
        ("شن التنظيم فجر الجمعة هجوما", "2023-03-17"),
        ("وقع الانفجار يوم الخميس قرب السوق", "2023-03-16"),
        ("وقع الانفجار مساء السبت قرب السوق", "2023-03-11"),
        ("قصف الطيران البلدة ليل الأحد - الاثنين", "2023-03-12"),  # a night between two days: the first
        ("صعد الاحتلال ليل الخميس الجمعة قصفه", "2023-03-16"),
        ("قتل في هجوم الجمعة الماضي", "2023-03-10"),  # "the last Friday" is not the publication day
        ("تبدأ المفاوضات الاثنين المقبل", "2023-03-20"),
    ],
)
def test_weekdays(text: str, iso: str) -> None:
    check(one(text), iso, 2)


@pytest.mark.parametrize(
    "text",
    [
        "خرج المصلون بعد صلاة الجمعة",
        "وتناول في خطبة الجمعة الأوضاع",
        "ارتفع الدين خلال الأحد عشر شهرا الأولى",
        "نظم المحتجون جمعة الغضب",
        "في ذكرى الأحد الدامي",
    ],
)
def test_weekday_words_that_are_not_dates(text: str) -> None:
    assert dates_in(text) == []


@pytest.mark.parametrize(
    "text, iso, precision, conflict",
    [
        ("قال الجيش أمس الخميس إن", "2023-03-16", 1, False),
        ("فرضت القوات يوم أمس الخميس طوقا", "2023-03-16", 1, False),
        ("فرضت القوات أمس الجمعة طوقا", "2023-03-16", 2, True),  # published on a Friday: keep "yesterday"
        ("قال الجيش اليوم الجمعة إن", "2023-03-17", 1, False),
        ("قال الجيش اليوم الأحد إن", "2023-03-17", 2, True),
        ("تبدأ المحادثات غدا السبت", "2023-03-18", 1, False),
    ],
)
def test_weekday_with_a_relative_day(text: str, iso: str, precision: int, conflict: bool) -> None:
    check(one(text), iso, precision, conflict)


@pytest.mark.parametrize(
    "text, iso, precision, conflict",
    [
        ("أغلقت الطرق يوم الأحد 23 تشرين الأول / أكتوبر", "2022-10-23", 1, False),
        ("قتل 60 شخصا اليوم السبت 07 جانفي 2017 في تفجير", "2017-01-07", 1, False),
        ("أغلقت الطرق يوم الاثنين 23 تشرين الأول 2022", "2022-10-23", 2, True),  # 23/10/2022 was a Sunday
        ("وقال مكتب الإحصاء الجمعة 24 شباط/فبراير، إن", "2023-02-24", 1, False),
    ],
)
def test_weekday_with_an_explicit_date(text: str, iso: str, precision: int, conflict: bool) -> None:
    m = one(text, dt.date(2022, 10, 25) if "تشرين" in text else FRI)
    check(m, iso, precision, conflict)


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("وافق الاتحاد الأسبوع الماضي على الخطة", "2023-03-10", 2),
        ("سيطرت القوات على المدينة الشهر الماضي", "2023-02-15", 3),
        ("سيطرت القوات على المدينة الشهر الفائت", "2023-02-15", 3),
        ("وصل الوفد مطلع الشهر الجاري", "2023-03-01", 3),
        ("أطلقت الشركة نهاية الشهر الفائت منتجا", "2023-02-28", 3),
        ("وفي وقت سابق هذا الشهر أعلنت المنظمة", "2023-03-15", 3),
        ("وستجري الزيارة الأسبوع المقبل", "2023-03-24", 2),
    ],
)
def test_relative_periods(text: str, iso: str, precision: int) -> None:
    check(one(text), iso, precision)


@pytest.mark.parametrize(
    "text", ["ارتفع العدد مقارنة بالعام الماضي", "منذ مطلع العام قتل 40 شخصا", "في السنة الماضية تراجعت الهجمات"]
)
def test_a_bare_year_gives_no_date(text: str) -> None:
    assert dates_in(text) == []


@pytest.mark.parametrize(
    "text, pub, iso, relative",
    [
        ("قتل في 15 رمضان 1445 هـ", FRI, "2024-03-25", False),
        ("الموافق 3 شعبان 1439 كان يوما حزينا", FRI, "2018-04-19", False),
        ("في كمين 27 رمضان الماضي", dt.date(2022, 10, 23), "2022-04-28", True),
    ],
)
def test_hijri_dates(text: str, pub: dt.date, iso: str, relative: bool) -> None:
    m = one(text, pub)
    check(m, iso, 1)
    assert m.data["relative"] is relative


def test_an_ambiguous_hijri_month_needs_a_year() -> None:
    assert dates_in("انتهت المباراة 3 صفر") == []


def test_without_a_publication_date_only_absolute_dates_remain() -> None:
    found = dates_in("قال الجيش فجر اليوم إن الهجوم وقع في 20 كانون الثاني 2022 يوم الخميس", None)
    assert [m.key for m in found] == ["2022-01-20"]


def test_mentions_are_sorted_non_overlapping_and_longest() -> None:
    text = "أغلقت قسد الطرق يوم الأحد 23 تشرين الأول / أكتوبر، بعد هجوم أمس، ومنذ مطلع الشهر الجاري."
    norm = normalize(text).text
    found = find_dates(norm, dt.date(2022, 10, 24))
    assert [m.data["expr"] for m in found] == ["يوم الاحد 23 تشرين الاول / اكتوبر", "امس", "مطلع الشهر الجاري"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    for m in found:
        assert (m.kind, norm[m.start : m.end]) == ("date", m.data["expr"])
        assert m.key == m.data["date"].isoformat()


def test_the_data_file_is_valid_and_normalized() -> None:
    raw = LEXICON_PATH.read_text(encoding="utf-8")
    assert validate_lexicon(yaml.safe_load(raw), str(LEXICON_PATH), raw) == []
    lex = load_lexicon()
    for section in lex.valued.values():
        assert all(form and form == normalize_term(form) for form in section)
    assert "تشرين الاول" in lex.valued["gregorian_months"]


def _broken(section: str, forms: list[str]) -> dict[str, object]:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    data[section][0]["forms"] = forms
    return data


@pytest.mark.parametrize(
    "forms, reason",
    [
        (["يناير", "كانون الثاني", "يَنايِر"], "duplicate"),  # the same form once diacritics are gone
        (["يناير", "\u064e"], "empty after normalization"),
    ],
)
def test_the_validator_names_the_bad_entry(forms: list[str], reason: str) -> None:
    problems = validate_lexicon(_broken("gregorian_months", forms), "dates.yaml")
    assert len(problems) == 1
    assert problems[0].startswith("dates.yaml") and "gregorian_months" in problems[0] and reason in problems[0]
    assert repr(forms[-1]) in problems[0]


def test_a_broken_file_fails_to_load_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text(yaml.safe_dump(_broken("weekdays", ["الجمعة", "الجمعه"]), allow_unicode=True), encoding="utf-8")
    with pytest.raises(DateLexiconError, match=r"dates\.yaml.*weekdays.*duplicate"):
        load_lexicon(path)


def test_corpus_mentions_are_well_formed() -> None:
    seeds = SHARED / "corpus" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"shared corpus not found at {seeds}")
    total = 0
    for line in seeds.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        norm = normalize(doc["text"]).text
        pub = dt.date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
        found = find_dates(norm, pub)
        total += len(found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
        for m in found:
            assert norm[m.start : m.end] == m.data["expr"] and m.data["precision"] in (1, 2, 3)
            assert m.key == m.data["date"].isoformat() and (pub is not None or not m.data["relative"])
    assert total > 0


def test_a_slip_on_the_year_is_mended_by_the_weekday() -> None:
    """7 January 2016 was a Thursday; in an article of Saturday 7 January 2017 the year is a slip."""
    found = find_dates(normalize("قتل 60 شخصا اليوم السبت 07 جانفي 2016 في تفجير").text, dt.date(2017, 1, 7))
    assert [(m.key, m.data["precision"], m.data["conflict"]) for m in found] == [("2017-01-07", 2, True)]
