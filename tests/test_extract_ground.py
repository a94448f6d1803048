"""End to end: ambushes, bombs, clashes and killings on the ground in Syria and Iraq (made-up example articles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import ExtractText

BATTLE = ("Battles", "Armed clash")
REMOTE = "Explosions/Remote violence"
SYRIA_ARMY = "Military Forces of Syria"


def test_is_ambush_in_the_badia_kills_syrian_soldiers(extract_text: ExtractText) -> None:
    text = (
        "قُتل تسعة عناصر من الجيش السوري وأصيب آخرون، فجر اليوم السبت، في كمين نصبته خلايا تنظيم داعش "
        "لحافلة عسكرية قرب بلدة السخنة في البادية السورية بريف حمص الشرقي. "
        "ويكثّف التنظيم هجماته في البادية منذ مطلع العام."
    )
    ex = extract_text(text, "2023-08-05T12:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == BATTLE
    assert (r.actor1, r.actor2) == ("Islamic State", SYRIA_ARMY)
    assert (r.event_date, r.time_precision) == ("2023-08-05", 1)
    assert (r.country, r.admin1) == ("Syria", "Homs")
    assert ex.km(r, 34.88533, 38.8711) < 10
    assert r.fatalities == 9
    assert any("تسعة" in t for t in ex.said(r, "fatalities"))
    assert any("كمين" in t for t in ex.said(r, "event_type"))


def test_ied_on_an_army_patrol_in_daraa(extract_text: ExtractText) -> None:
    text = (
        "انفجرت عبوة ناسفة، صباح اليوم، بدورية للجيش السوري على الطريق الواصل إلى مدينة طفس في ريف درعا الغربي، "
        "ما أدى إلى مقتل ضابط وإصابة ثلاثة عناصر آخرين بجروح متفاوتة. "
        "وتشهد محافظة درعا حالة من الفلتان الأمني منذ سنوات."
    )
    ex = extract_text(text, "2023-09-14T11:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, "Remote explosive/landmine/IED")
    assert r.actor2 == SYRIA_ARMY
    assert r.event_date == "2023-09-14"
    assert (r.country, r.admin1) == ("Syria", "Dar'a")
    assert ex.km(r, 32.73709, 36.06654) < 10
    assert (r.fatalities, r.injured) == (1, 3)
    assert any("عبوة ناسفة" in t for t in ex.said(r, "event_type"))
    assert any("طفس" in t for t in ex.said(r, "location"))


def test_suicide_bomber_in_a_baghdad_market(extract_text: ExtractText) -> None:
    text = (
        "فجّر انتحاري يرتدي حزاماً ناسفاً نفسه وسط سوق شعبي في مدينة الصدر شرقي بغداد ظهر اليوم، "
        "ما أسفر عن مقتل 11 شخصاً وإصابة 25 آخرين، وفق مصدر في الشرطة العراقية. "
        "وتبنّى تنظيم داعش الهجوم في بيان نشره على مواقعه."
    )
    ex = extract_text(text, "2016-05-11T16:00:00+02:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, "Suicide bomb")
    assert (r.actor1, r.actor2) == ("Islamic State", "Civilians (Iraq)")
    assert r.event_date == "2016-05-11"
    assert (r.country, r.admin1) == ("Iraq", "Baghdad")
    assert ex.km(r, 33.3889, 44.4583) < 5
    assert (r.fatalities, r.injured) == (11, 25)
    assert "suicide" in r.tags
    assert any("11" in t for t in ex.said(r, "fatalities"))


def test_hts_attack_on_army_positions_in_the_latakia_countryside(extract_text: ExtractText) -> None:
    text = (
        "هاجم مسلحو هيئة تحرير الشام، فجر اليوم، مواقع للجيش السوري قرب بلدة كنسبا "
        "في جبل الأكراد بريف اللاذقية الشمالي، واندلعت اشتباكات عنيفة استمرت ساعات أسفرت عن مقتل أربعة جنود. "
        "وردّت وحدات الجيش على مصادر النيران."
    )
    ex = extract_text(text, "2023-06-20T09:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == BATTLE
    assert (r.actor1, r.actor2) == ("Hayat Tahrir al-Sham", SYRIA_ARMY)
    assert r.event_date == "2023-06-20"
    assert (r.country, r.admin1) == ("Syria", "Lattakia")
    assert ex.km(r, 35.7441, 36.164) < 10
    assert r.fatalities == 4
    assert any("هيئة تحرير الشام" in t for t in ex.said(r, "actor"))


def test_sna_and_sdf_clash_near_manbij(extract_text: ExtractText) -> None:
    text = (
        "اندلعت اشتباكات عنيفة، مساء أمس، بين فصائل الجيش الوطني الموالية لتركيا وقوات سوريا الديمقراطية "
        "على محاور قرى ريف منبج الشمالي، استُخدمت فيها الأسلحة الثقيلة، وأسفرت عن مقتل عنصرين من الجيش الوطني."
    )
    ex = extract_text(text, "2023-07-03T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == BATTLE
    assert {r.actor1, r.actor2} == {"Syrian National Army", "SDF"}
    assert r.event_date == "2023-07-02"
    assert (r.country, r.admin1) == ("Syria", "Aleppo")
    assert ex.km(r, 36.52815, 37.95495) < 25
    assert r.fatalities == 2
    assert any("منبج" in t for t in ex.said(r, "location"))


def test_tribal_fighters_attack_sdf_points_in_deir_ez_zor(extract_text: ExtractText) -> None:
    text = (
        "هاجم مقاتلو العشائر العربية، فجر اليوم، نقاطاً لقوات سوريا الديمقراطية "
        "في بلدة ذيبان بريف دير الزور الشرقي، ودارت اشتباكات استمرت لساعات قُتل فيها ثلاثة من عناصر قسد. "
        "وتشهد المنطقة توتراً منذ أسابيع بين الطرفين."
    )
    ex = extract_text(text, "2023-09-03T08:30:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == BATTLE
    assert (r.actor1, r.actor2) == ("Arab Tribal Forces (Syria)", "SDF")
    assert r.event_date == "2023-09-03"
    assert (r.country, r.admin1) == ("Syria", "Deir ez Zor")
    assert ex.km(r, 35.01498, 40.51028) < 5
    assert r.fatalities == 3
    assert any("ذيبان" in t for t in ex.said(r, "location"))


def test_grenade_thrown_at_a_checkpoint(extract_text: ExtractText) -> None:
    text = (
        "ألقى مسلحون مجهولون، مساء اليوم، قنبلة يدوية على حاجز لقوى الأمن الداخلي (الأسايش) "
        "عند المدخل الجنوبي لمدينة الحسكة، ما أدى إلى إصابة عنصرين بجروح، دون وقوع قتلى."
    )
    ex = extract_text(text, "2023-04-18T21:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (REMOTE, "Grenade")
    assert (r.actor1, r.actor2) == ("Unidentified Armed Group", "Asayish")
    assert r.event_date == "2023-04-18"
    assert (r.country, r.admin1) == ("Syria", "Al Hasakeh")
    assert ex.km(r, 36.50237, 40.74772) < 5
    assert (r.fatalities, r.injured) == (0, 2)
    assert any("قنبلة يدوية" in t for t in ex.said(r, "event_type"))
    assert any("عنصرين" in t for t in ex.said(r, "injured"))


def test_assassination_of_a_civilian_is_violence_against_civilians(extract_text: ExtractText) -> None:
    text = (
        "اغتال مسلحون مجهولون يستقلون دراجة نارية، مساء أمس، مدنياً يعمل في تجارة المواشي، "
        "بإطلاق النار عليه وسط بلدة جاسم بريف درعا الشمالي، وفق ما أفاد به ناشطون محليون. "
        "ولم تتبنَّ أي جهة عملية الاغتيال."
    )
    ex = extract_text(text, "2023-05-09T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
    assert (r.actor1, r.actor2) == ("Unidentified Armed Group", "Civilians (Syria)")
    assert r.event_date == "2023-05-08"
    assert (r.country, r.admin1) == ("Syria", "Dar'a")
    assert ex.km(r, 32.99125, 36.06093) < 5
    assert r.fatalities == 1
    assert any("اغتال" in t for t in ex.said(r, "event_type"))


def test_twin_blasts_then_suicide_bombers_are_one_suicide_bombing(extract_text: ExtractText) -> None:
    text = (
        "قتل 21 شخصا على الأقل اليوم السبت في تفجيرين استهدفا سوقا شعبية وسط بغداد. "
        "وقال مصدر أمني إن انتحاريين يرتديان حزامين ناسفين فجرا نفسيهما وسط المتسوقين."
    )
    ex = extract_text(text, "2016-12-31T12:00:00+01:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert r.fatalities == 21


def test_town_located_by_a_bearing_from_a_city_is_the_place(extract_text: ExtractText) -> None:
    text = "أفاد مصدر محلي، اليوم الأحد، بمقتل خمسة من عناصر داعش بانفجار عبوة ناسفة داخل قضاء تلعفر غرب الموصل."
    ex = extract_text(text, "2017-03-26T10:00:00+01:00")
    r = ex.one()
    assert r.location == "Tal Afar", ex.summary()
    assert r.fatalities == 5
