"""End to end: how many were killed, and on which day, by the codebook's counting and dating rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ExtractText


def test_latest_death_toll_in_the_article_wins(extract_text: ExtractText) -> None:
    text = (
        "قُتل خمسة مدنيين وأصيب آخرون، صباح اليوم، بانفجار سيارة مفخخة وسط سوق مدينة أعزاز بريف حلب الشمالي. "
        "وفي حصيلة جديدة، أفاد مصدر طبي بارتفاع عدد القتلى إلى ثمانية، إضافة إلى 20 جريحاً "
        "نُقلوا إلى مشافي المنطقة."
    )
    ex = extract_text(text, "2023-06-12T15:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert (r.country, r.admin1) == ("Syria", "Aleppo")
    assert ex.km(r, 36.58662, 37.04628) < 5
    assert (r.fatalities, r.injured) == (8, 20)
    assert any("ثمانية" in t for t in ex.said(r, "fatalities"))


def test_subsets_introduced_by_binahum_are_not_added(extract_text: ExtractText) -> None:
    text = (
        "أسفر قصف مدفعي لقوات النظام على مدينة أريحا في ريف إدلب الجنوبي، مساء اليوم، "
        "عن مقتل ستة مدنيين بينهم امرأتان وثلاثة أطفال، وإصابة تسعة آخرين بينهم أربعة أطفال."
    )
    ex = extract_text(text, "2023-10-05T20:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (r.actor1, r.actor2) == ("Military Forces of Syria", "Civilians (Syria)")
    assert ex.km(r, 35.81374, 36.60964) < 5
    assert (r.fatalities, r.injured) == (6, 9)
    assert any("ستة" in t for t in ex.said(r, "fatalities"))


@pytest.mark.parametrize(
    "killed, expected, word",
    [
        ("ثلاثة عناصر", 3, "ثلاثة"),
        ("11 عنصراً", 11, "11"),
        ("أكثر من سبعة عناصر", 7, "سبعة"),
    ],
)
def test_counts_in_words_and_digits(extract_text: ExtractText, killed: str, expected: int, word: str) -> None:
    text = (
        f"قُتل {killed} من قوات النظام، فجر اليوم، في هجوم شنّه مسلحون على حاجز عسكري "
        "عند مدخل مدينة الصنمين بريف درعا الشمالي، وفق ما أفاد به ناشطون."
    )
    ex = extract_text(text, "2023-07-11T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.fatalities == expected
    assert any(word in t for t in ex.said(r, "fatalities"))


def test_dozens_count_as_twelve(extract_text: ExtractText) -> None:
    text = (
        "قُتل عشرات العناصر من تنظيم داعش، اليوم، في غارات جوية شنّتها طائرات التحالف الدولي "
        "على مواقعهم قرب بلدة هجين بريف دير الزور الشرقي، بحسب بيان للتحالف."
    )
    ex = extract_text(text, "2018-11-20T17:00:00+02:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert (r.actor1, r.actor2) == ("International Coalition", "Islamic State")
    assert ex.km(r, 34.69508, 40.83138) < 5
    assert r.fatalities == 12
    assert any("عشرات" in t for t in ex.said(r, "fatalities"))


STRIKE = "استهدفت طائرة مسيّرة تركية {when} سيارة قرب بلدة عامودا في ريف الحسكة الشمالي، ما أدى إلى مقتل شخصين."


@pytest.mark.parametrize(
    "when, published, day, precision",
    [
        pytest.param("أمس", "2024-01-23T10:00:00+03:00", "2024-01-22", 1, id="yesterday"),
        pytest.param("فجر اليوم", "2024-01-23T10:00:00+03:00", "2024-01-23", 1, id="dawn-today"),
        pytest.param("يوم الخميس", "2023-08-05T10:00:00+03:00", "2023-08-03", 2, id="weekday-alone"),
        pytest.param("أمس الجمعة", "2023-09-01T10:00:00+03:00", "2023-08-31", 2, id="yesterday-friday-on-a-friday"),
        pytest.param("في 14 تشرين الأول", "2023-10-16T10:00:00+03:00", "2023-10-14", 1, id="syriac-month"),
    ],
)
def test_event_date_resolves_against_publication(
    extract_text: ExtractText, when: str, published: str, day: str, precision: int
) -> None:
    ex = extract_text(STRIKE.format(when=when), published)
    r = ex.one()
    assert (r.event_date, r.time_precision) == (day, precision)
    assert ex.km(r, 37.10417, 40.93) < 5
    assert r.fatalities == 2
    assert any(when.split()[-1] in t for t in ex.said(r, "event_date"))


def test_event_recalled_from_a_previous_month_is_background(extract_text: ExtractText) -> None:
    text = (
        "قُتل ثلاثة عناصر من قسد، فجر اليوم، بهجوم لخلايا داعش على حاجز قرب بلدة البصيرة بريف دير الزور الشرقي. "
        "ويأتي الهجوم بعد أسابيع من هجوم مماثل شنّه التنظيم على حاجز في بلدة ذيبان في 20 كانون الثاني الماضي، "
        "قُتل فيه عنصران."
    )
    ex = extract_text(text, "2024-02-10T09:00:00+03:00")
    now, then = ex.one("main"), ex.one("background")
    assert (now.event_date, now.fatalities) == ("2024-02-10", 3)
    assert ex.km(now, 35.15618, 40.42716) < 5
    assert (then.event_date, then.time_precision, then.fatalities) == ("2024-01-20", 1, 2)
    assert ex.km(then, 35.01498, 40.51028) < 5
    for r in (now, then):
        assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
        assert (r.actor1, r.actor2) == ("Islamic State", "SDF")
    assert any("كانون الثاني" in t for t in ex.said(then, "event_date"))


def test_year_of_a_date_is_not_a_death_toll(extract_text: ExtractText) -> None:
    text = "تداولت صفحات مقربة من تنظيم داعش الثلاثاء 14جوان 2016 خبر مقتل قيادي في التنظيم بقصف جوي على ريف الرقة."
    ex = extract_text(text, "2016-06-14T10:00:00+01:00")
    assert all(r.fatalities != 2016 for r in ex.reports), ex.summary()


def test_news_of_a_killing_takes_the_day_the_text_gives_the_strike(extract_text: ExtractText) -> None:
    text = (
        "تداولت صفحات مقربة من تنظيم داعش الثلاثاء خبر مقتل أحد قادة التنظيم بقصف جوي للتحالف الدولي في ريف الرقة. "
        "وجاء في بيان للتنظيم أن القيادي قتل بغارة للتحالف في ريف الرقة يوم الجمعة الماضي."
    )
    ex = extract_text(text, "2016-06-14T10:00:00+01:00")
    assert len(ex.reports) == 1, ex.summary()
    assert ex.reports[0].event_date == "2016-06-10"  # Friday: the strike; Tuesday is when the news went round


def test_place_given_as_distance_from_the_capital_is_not_the_event_place(extract_text: ExtractText) -> None:
    text = "أصيب ثلاثة جنود عراقيين اليوم في مدينة الموصل (400 كلم) شمال بغداد، بانفجار عبوة ناسفة استهدفت دوريتهم."
    ex = extract_text(text, "2017-02-25T10:00:00+01:00")
    r = ex.one()
    assert r.location == "Mosul"
    assert r.injured == 3


def test_count_over_a_partitive_reaches_its_verb(extract_text: ExtractText) -> None:
    text = "قال المرصد السوري إن 3 من عناصر قوات سوريا الديمقراطية قتلوا اليوم بهجوم على حاجز في بلدة البصيرة."
    ex = extract_text(text, "2024-03-01T10:00:00+03:00")
    assert ex.one().fatalities == 3


def test_the_same_speaker_going_on_keeps_the_night_he_told(extract_text: ExtractText) -> None:
    text = (
        "أفاد مراسلنا بأن العدوان الصاروخي الإسرائيلي ليل أمس الأحد على محيط دمشق جاء من فوق الجولان المحتل.\n"
        "وأضاف مراسلنا: جرى إسقاط صاروخين في محيط قطنا في ريف دمشق الغربي."
    )
    ex = extract_text(text, "2023-05-29T13:00:00+03:00")
    qatana = next(r for r in ex.reports if r.location == "Qatana")
    assert qatana.event_date == "2023-05-28"


def test_an_undated_event_told_as_before_that_is_not_news(extract_text: ExtractText) -> None:
    text = (
        "استهدف عدوان جوي إسرائيلي فجر اليوم محيط مطار دمشق الدولي.\n"
        "وقبل ذلك، قالت وزارة الدفاع السورية إنّ العدو الإسرائيلي نفّذ عدواناً جوياً مستهدفاً بعض النقاط في محيط مدينة حمص."
    )
    ex = extract_text(text, "2023-05-29T13:00:00+03:00")
    assert [r.location for r in ex.reports if r.role == "main"] == ["Damascus International Airport"], ex.summary()


def test_ordinal_day_straight_before_the_month(extract_text: ExtractText) -> None:
    text = "قصف تنظيم داعش بلدة مارع بقذائف تحمل غاز الخردل في الأول أيلول/سبتمبر 2015، بحسب تقرير المنظمة."
    ex = extract_text(text, "2024-02-23T10:00:00+03:00")
    r = ex.one("background")
    assert (r.event_date, r.time_precision) == ("2015-09-01", 1)


def test_on_the_same_day_takes_the_day_told_before(extract_text: ExtractText) -> None:
    text = (
        "أعلنت المقاومة الإسلامية في العراق، يوم الأحد، استهداف قاعدة حرير بطائرة مسيّرة.\n"
        "وفي اليوم نفسه، أعلنت المقاومة استهداف قاعدة الشدادي في ريف الحسكة بطائرة مسيّرة."
    )
    ex = extract_text(text, "2024-01-11T12:00:00+03:00")
    shaddadi = next(r for r in ex.reports if "Shaddadi" in (r.location or ""))
    assert shaddadi.event_date == "2024-01-07"
