"""End to end: what is out of scope gives no report, and obfuscated or Arabic-Indic text still gives the event."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ExtractText


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "استشهد 12 فلسطينياً، فجر اليوم، في غارات إسرائيلية استهدفت منازل في مخيم جباليا شمالي قطاع غزة، "
            "بحسب الدفاع المدني في القطاع. وتواصل الطائرات الإسرائيلية قصفها لمناطق متفرقة من القطاع.",
            id="gaza",
        ),
        pytest.param(
            "شنّ الطيران الحربي الإسرائيلي، بعد ظهر اليوم، غارة على أطراف بلدة عيتا الشعب في جنوب لبنان، "
            "ما أدى إلى تدمير منزل، من دون وقوع إصابات.",
            id="south-lebanon",
        ),
        pytest.param(
            "أعلن حزب الله أن مجاهديه استهدفوا، عصر اليوم، موقع المالكية التابع لجيش الاحتلال الإسرائيلي "
            "عند الحدود الجنوبية للبنان بالأسلحة الصاروخية، وحققوا فيه إصابات مباشرة.",
            id="hezbollah-hits-the-israeli-al-malikiyah-post",
        ),
        pytest.param(
            "أعلنت المقاومة الإسلامية في العراق، اليوم الخميس، استهداف هدف حيوي في مدينة إيلات "
            "جنوبي فلسطين المحتلة بالطائرات المسيّرة، مؤكدة استمرار عملياتها.",
            id="iraqi-drones-at-eilat",
        ),
    ],
)
def test_events_outside_syria_and_iraq_give_no_report(extract_text: ExtractText, text: str) -> None:
    ex = extract_text(text, "2023-11-16T14:00:00+02:00")
    assert ex.reports == [], ex.summary()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "دانت وزارة الخارجية والمغتربين السورية، في بيان اليوم، العدوان الإسرائيلي الأخير على ريف دمشق، "
            "وطالبت مجلس الأمن الدولي بتحمّل مسؤولياته في وضع حدّ لهذه الاعتداءات المتكررة.",
            id="condemnation",
        ),
        pytest.param(
            "هدّد قيادي في كتائب حزب الله، اليوم، باستهداف القواعد الأميركية في العراق وسوريا "
            "إذا استمرت الحرب على غزة، مؤكداً أن صبر المقاومة بدأ ينفد.",
            id="threat",
        ),
        pytest.param(
            "قال الناطق باسم القائد العام للقوات المسلحة العراقية، اليوم، إن القوات الأمنية على أهبة الاستعداد "
            "للتصدي لأي جهة تحاول استهداف البعثات الدبلوماسية في بغداد.",
            id="statement",
        ),
    ],
)
def test_statements_threats_and_condemnations_give_no_report(extract_text: ExtractText, text: str) -> None:
    ex = extract_text(text, "2023-11-16T14:00:00+02:00")
    assert ex.reports == [], ex.summary()


def test_analysis_without_a_date_gives_no_report(extract_text: ExtractText) -> None:
    text = (
        "يرى مراقبون أن تنظيم داعش لا يزال قادراً على شنّ هجمات في البادية السورية وصحراء الأنبار، "
        "مستفيداً من وعورة التضاريس ومن الفراغ الأمني على جانبي الحدود. "
        "وتشير تقديرات إلى أن خلايا التنظيم نفّذت مئات الهجمات خلال السنوات الماضية، "
        "أودت بحياة آلاف العسكريين والمدنيين."
    )
    ex = extract_text(text, "2023-11-16T14:00:00+02:00")
    assert ex.reports == [], ex.summary()


def test_obfuscated_words_still_give_the_event(extract_text: ExtractText) -> None:
    text = (
        "هاجم عناصر من د ا ع ش، فجر اليوم، نقطة للجيش العراقي في ناحية الطارمية شمالي بغداد، "
        "وأسفر الـ ـهـ ـجـ ـوم عن مقتل جنديين وإصابة ثالث. "
        "وشرعت القوات الأمنية بتفتيش البساتين المحيطة بالمنطقة."
    )
    ex = extract_text(text, "2023-12-04T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert (r.actor1, r.actor2) == ("Islamic State", "Military Forces of Iraq")
    assert r.event_date == "2023-12-04"
    assert (r.country, r.admin1) == ("Iraq", "Baghdad")
    assert ex.km(r, 33.67444, 44.39583) < 10
    assert r.fatalities == 2
    assert "د ا ع ش" in ex.said(r, "actor")
    assert text.index("د ا ع ش") in {e.start for e in r.evidence if e.field == "actor"}


def test_arabic_indic_digits_in_counts_and_dates(extract_text: ExtractText) -> None:
    text = (
        "قُتل ٤ عناصر من الجيش العراقي وأصيب ١٢ آخرون، مساء ١٥ كانون الثاني، بهجوم شنّته خلايا داعش "
        "على موقع عسكري قرب قضاء داقوق جنوبي كركوك، بحسب مصدر أمني."
    )
    ex = extract_text(text, "2024-01-16T09:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert (r.actor1, r.actor2) == ("Islamic State", "Military Forces of Iraq")
    assert (r.event_date, r.time_precision) == ("2024-01-15", 1)
    assert (r.country, r.admin1) == ("Iraq", "Kirkuk")
    assert ex.km(r, 35.13923, 44.44907) < 10
    assert (r.fatalities, r.injured) == (4, 12)
    assert any("٤" in t for t in ex.said(r, "fatalities"))
    assert any("١٢" in t for t in ex.said(r, "injured"))
    assert any("١٥" in t for t in ex.said(r, "event_date"))


def test_a_foreign_place_in_the_cause_does_not_send_the_event_abroad(extract_text: ExtractText) -> None:
    text = (
        "أعلنت المقاومة الإسلامية في لبنان، اليوم الثلاثاء، استهداف ثكنة إسرائيلية في الجولان السوري المحتل "
        "بعشرات صواريخ الكاتيوشا، رداً على الاعتداء الإسرائيلي الذي استهدف البقاع."
    )
    ex = extract_text(text, "2024-03-26T18:00:00+02:00")
    r = ex.one()
    assert r.country == "Syria"
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_gaza_toll_in_a_news_bulletin_is_not_counted_for_a_strike_in_syria(extract_text: ExtractText) -> None:
    text = (
        "عدد شهداء العدوان الإسرائيلي على غزة يتجاوز ستة وعشرين ألفا.\n"
        "طائرات مسيرة تستهدف القوات الأميركية في مخيم الركبان في سوريا."
    )
    ex = extract_text(text, "2024-01-28T12:00:00+02:00")
    r = ex.one()
    assert r.location == "Rukban camp"
    assert r.fatalities == 0


def test_a_quarter_named_inside_a_city_abroad_is_abroad(extract_text: ExtractText) -> None:
    text = (
        "ارتكب جيش الاحتلال أمس مجزرة بتدمير مربع سكني في منطقة اليرموك، وسط مدينة غزة، ما أدى إلى استشهاد 100 فلسطيني."
    )
    ex = extract_text(text, "2023-10-25T12:00:00+03:00")
    assert ex.reports == [], ex.summary()
