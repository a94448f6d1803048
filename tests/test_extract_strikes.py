"""End to end: air, drone and rocket strikes as Syrian and Iraqi outlets tell them (made-up example articles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ExtractText

REMOTE = "Explosions/Remote violence"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
US = "Military Forces of the United States"
IRI = "Islamic Resistance in Iraq"


def test_israeli_strike_from_the_golan_intercepted_is_still_one_air_strike(extract_text: ExtractText) -> None:
    text = (
        "تعرّض محيط بلدة الكسوة في ريف دمشق، فجر اليوم الثلاثاء، لعدوان جوي إسرائيلي. "
        "وقال مصدر عسكري لوكالة سانا إن العدو الإسرائيلي نفّذ عدواناً جوياً برشقات من الصواريخ "
        "من اتجاه الجولان السوري المحتل مستهدفاً بعض النقاط في محيط الكسوة، "
        "وإن وسائط دفاعنا الجوي تصدّت للصواريخ وأسقطت معظمها، واقتصرت الخسائر على الماديات."
    )
    ex = extract_text(text, "2024-01-23T09:30:00+03:00")
    assert len(ex.reports) == 1, ex.summary()
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert r.actor1 == "Military Forces of Israel"
    assert (r.event_date, r.time_precision) == ("2024-01-23", 1)
    assert (r.country, r.admin1) == ("Syria", "Rural Damascus")
    assert ex.km(r, 33.3581, 36.2419) < 5  # al-Kiswah, not the Golan the missiles came from
    assert r.fatalities == 0
    assert "الكسوة" in ex.said(r, "location")
    assert any("فجر اليوم" in t for t in ex.said(r, "event_date"))
    assert any("إسرائيلي" in t for t in ex.said(r, "actor"))


def test_turkish_drone_strike_on_a_car_near_qamishli_kills_two(extract_text: ExtractText) -> None:
    text = (
        "استهدفت طائرة مسيّرة تركية، مساء أمس الأحد، سيارة عسكرية على طريق فرعي قرب مدينة القامشلي "
        "شمال شرقي سوريا، ما أدى إلى مقتل عنصرين من قوات سوريا الديمقراطية «قسد» كانا على متنها. "
        "وتكررت في الأسابيع الأخيرة الضربات التركية على مناطق الإدارة الذاتية."
    )
    ex = extract_text(text, "2024-01-22T11:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert (r.actor1, r.actor2) == ("Military Forces of Turkey", "SDF")
    assert r.event_date == "2024-01-21"
    assert (r.country, r.admin1) == ("Syria", "Al Hasakeh")
    assert ex.km(r, 37.05215, 41.23142) < 10
    assert r.fatalities == 2
    assert "drone" in r.tags
    assert any("عنصرين" in t for t in ex.said(r, "fatalities"))


def test_russian_air_strikes_on_the_idlib_countryside(extract_text: ExtractText) -> None:
    text = (
        "شنّت المقاتلات الروسية، صباح اليوم الخميس، سلسلة غارات جوية على أطراف مدينة جسر الشغور "
        "في ريف إدلب الغربي، ما أسفر عن مقتل ثلاثة مدنيين وإصابة خمسة آخرين، بحسب المرصد السوري لحقوق الإنسان. "
        "وتشهد منطقة خفض التصعيد تصعيداً متواصلاً منذ أسابيع."
    )
    ex = extract_text(text, "2023-10-26T13:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert r.actor1 == "Military Forces of Russia"
    assert (r.event_date, r.time_precision) == ("2023-10-26", 1)
    assert (r.country, r.admin1) == ("Syria", "Idleb")
    assert ex.km(r, 35.81418, 36.31983) < 10
    assert (r.fatalities, r.injured) == (3, 5)
    assert any("ثلاثة" in t for t in ex.said(r, "fatalities"))
    assert any("الروسية" in t for t in ex.said(r, "actor"))


def test_us_strike_near_albukamal_in_deir_ez_zor(extract_text: ExtractText) -> None:
    text = (
        "أعلنت القيادة المركزية الأميركية (سنتكوم) أن طائراتها نفّذت، فجر اليوم الأحد، غارة جوية "
        "على منشأة قرب مدينة البوكمال في ريف دير الزور الشرقي، قالت إنها تستخدمها مجموعات مرتبطة بإيران. "
        "ولم يصدر تعليق فوري عن الحكومة السورية."
    )
    ex = extract_text(text, "2023-11-12T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert r.actor1 == US
    assert r.event_date == "2023-11-12"
    assert (r.country, r.admin1) == ("Syria", "Deir ez Zor")
    assert ex.km(r, 34.45226, 40.91854) < 10
    assert "البوكمال" in ex.said(r, "location")


def test_drone_attack_on_ain_al_asad_targets_the_us_through_its_base(extract_text: ExtractText) -> None:
    text = (
        "أعلنت المقاومة الإسلامية في العراق، اليوم الثلاثاء، استهداف قاعدة عين الأسد الجوية غربي محافظة الأنبار "
        "بطائرة مسيّرة، مؤكدةً في بيان أن الطائرة أصابت هدفها بشكل مباشر. "
        "وتأتي العملية ردّاً على المجازر المرتكبة في غزة."
    )
    ex = extract_text(text, "2023-10-24T18:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert (r.actor1, r.actor2) == (IRI, US)
    assert r.event_date == "2023-10-24"
    assert (r.country, r.admin1) == ("Iraq", "Al-Anbar")
    assert ex.km(r, 33.7856, 42.4412) < 5
    assert "drone" in r.tags
    assert any("عين الأسد" in t for t in ex.said(r, "location"))
    assert any("المقاومة الإسلامية في العراق" in t for t in ex.said(r, "actor"))


def test_rocket_salvo_on_a_us_base_in_syria_is_shelling(extract_text: ExtractText) -> None:
    text = (
        "تعرّضت قاعدة الاحتلال الأميركي في حقل العمر النفطي بريف دير الزور الشرقي، مساء اليوم، "
        "لهجوم برشقة من الصواريخ سقطت داخل القاعدة، وسُمع دويّ انفجارات في المنطقة. "
        "وتبنّت المقاومة الإسلامية في العراق الهجوم في بيان مقتضب."
    )
    ex = extract_text(text, "2023-11-06T22:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, SHELLING)
    assert (r.actor1, r.actor2) == (IRI, US)
    assert r.event_date == "2023-11-06"
    assert (r.country, r.admin1) == ("Syria", "Deir ez Zor")
    assert ex.km(r, 35.0208, 40.5616) < 5
    assert any("حقل العمر" in t for t in ex.said(r, "location"))
    assert any("الصواريخ" in t for t in ex.said(r, "event_type"))


def test_two_bases_hit_in_one_statement_give_two_reports(extract_text: ExtractText) -> None:
    text = (
        "أعلنت المقاومة الإسلامية في العراق، في بيان صدر اليوم الأحد، أن مجاهديها استهدفوا بالطائرات المسيّرة "
        "قاعدة حرير في محافظة أربيل، وقاعدة الشدادي في ريف الحسكة، وأصابوا أهدافهم بشكل مباشر."
    )
    ex = extract_text(text, "2023-11-19T16:00:00+03:00")
    main = sorted(ex.of_role("main"), key=lambda r: r.country or "")
    assert len(main) == 2, ex.summary()
    harir, shaddadi = main
    assert (harir.country, harir.admin1) == ("Iraq", "Erbil")
    assert ex.km(harir, 36.5337, 44.3399) < 5
    assert (shaddadi.country, shaddadi.admin1) == ("Syria", "Al Hasakeh")
    assert ex.km(shaddadi, 36.05756, 40.73478) < 5
    for r in main:
        assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
        assert r.actor1 == IRI
        assert r.event_date == "2023-11-19"
    assert any("حرير" in t for t in ex.said(harir, "location"))
    assert any("الشدادي" in t for t in ex.said(shaddadi, "location"))


@pytest.mark.parametrize("attacked", ["استهدفت", "نفّذت هجوماً على"])
def test_attack_on_a_base_without_a_weapon_takes_the_documents_drone_type(
    extract_text: ExtractText, attacked: str
) -> None:
    text = (
        "أعلنت المقاومة الإسلامية في العراق، فجر اليوم الخميس، استهداف قاعدة عين الأسد غربي الأنبار "
        "بطائرتين مسيّرتين. "
        f"وفي بيان ثانٍ صدر ظهر اليوم، أعلنت المقاومة الإسلامية في العراق أنها {attacked} قاعدة التنف "
        "عند المثلث الحدودي بين سوريا والعراق والأردن، وأصابت أهدافها بدقة."
    )
    ex = extract_text(text, "2023-11-02T15:00:00+03:00")
    main = ex.of_role("main")
    tanf = [r for r in main if ex.km(r, 33.50583, 38.61778) < 5]
    assert len(tanf) == 1, ex.summary()
    r = tanf[0]
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert r.actor1 == IRI
    assert r.event_date == "2023-11-02"
    assert (r.country, r.admin1) == ("Syria", "Rural Damascus")
    assert any("التنف" in t for t in ex.said(r, "location"))
    assert any(x.sub_event_type == AIR and ex.km(x, 33.7856, 42.4412) < 5 for x in main), ex.summary()


@pytest.mark.parametrize(
    ("quoted", "facility", "point"),
    [
        ("قاعدة «حرير» الأميركية", "Harir air base", (36.5337, 44.3399)),  # not the town of Harir
        ("قاعدة «الشدادي» الأميركية", "Al-Shaddadi base", (36.05756, 40.73478)),  # not the town of al-Shaddadi
    ],
    ids=["harir", "shaddadi"],
)
def test_quoted_base_name_after_its_cue_is_the_base_not_the_town(
    extract_text: ExtractText, quoted: str, facility: str, point: tuple[float, float]
) -> None:
    text = (
        f"أعلنت المقاومة الإسلامية في العراق، اليوم الخميس، أن مجاهديها استهدفوا {quoted} "
        "بطائرة مسيّرة، وأصابوا هدفهم بشكل مباشر."
    )
    ex = extract_text(text, "2024-01-04T18:00:00+03:00")
    r = ex.one()
    assert r.facility == facility
    assert ex.km(r, *point) < 3


def test_landmark_after_located_near_is_not_where_the_strike_was(extract_text: ExtractText) -> None:
    text = (
        "تعرضت قاعدة حرير الأميركية الواقعة قرب مطار أربيل، مساء اليوم، لهجوم بطائرتين مسيّرتين "
        "تبنته المقاومة الإسلامية في العراق."
    )
    ex = extract_text(text, "2024-01-10T21:00:00+03:00")
    r = ex.one()
    assert ex.km(r, 36.5337, 44.3399) < 3  # Harir air base, not Erbil airport 40 km away
    assert not any("أربيل" in t for t in ex.said(r, "location"))


def test_attacking_a_base_with_drones_is_a_drone_strike_not_a_clash(extract_text: ExtractText) -> None:
    text = "قالت المقاومة الإسلامية في العراق، اليوم الإثنين، إن مجاهديها هاجموا قاعدة عين الأسد بالطائرات المسيّرة."
    ex = extract_text(text, "2024-01-15T12:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, AIR)
    assert (r.actor1, r.actor2) == (IRI, US)


def test_attacking_a_checkpoint_without_a_remote_weapon_is_a_clash(extract_text: ExtractText) -> None:
    text = "هاجم مسلحون من تنظيم داعش، فجر اليوم، حاجزاً للجيش العراقي في قضاء الطارمية شمالي بغداد."
    ex = extract_text(text, "2024-02-01T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor1 == "Islamic State"


def test_planes_bombing_the_town_of_a_gas_attack_are_the_gas_attack(extract_text: ExtractText) -> None:
    text = (
        "قتل أكثر من 50 مدنيا صباح اليوم الثلاثاء في قصف جوي بغازات سامة استهدف مدينة خان شيخون في محافظة إدلب. "
        "وأضاف المرصد أن طائرات حربية قصفت مدينة خان شيخون في ساعات الصباح."
    )
    ex = extract_text(text, "2017-04-04T11:00:00+01:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, "Chemical weapon")
    assert r.fatalities == 50


def test_actors_of_an_opening_cause_clause_take_no_part(extract_text: ExtractText) -> None:
    text = (
        "ردّاً على دعم واشنطن لإسرائيل في عدوانها على قطاع غزة، المقاومة الإسلامية في العراق تعلن "
        "استهداف قاعدة الشدادي الأميركية في سوريا بطائرة مسيّرة اليوم الخميس."
    )
    ex = extract_text(text, "2024-01-11T12:00:00+03:00")
    r = ex.one()
    assert (r.actor1, r.actor2) == (IRI, US)
