"""End to end beyond the two development outlets: SANA, SOHR, Shafaq, Rudaw, Enab Baladi, North Press, 2014-2022.

Each case is a made-up article in one outlet's house style, with the fields an analyst would code for it by
CODEBOOK.md. The cases specify behaviour on outlets and years rasd was not developed on, so a failure here is
a generalisation gap of the engine, not of the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Extraction, ExtractText

    from rasd.model import Report

NEAR_KM = 25.0
BATTLE = ("Battles", "Armed clash")
REGAINS = ("Battles", "Government regains territory")
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
CHEMICAL = ("Explosions/Remote violence", "Chemical weapon")
VAC_ATTACK = ("Violence against civilians", "Attack")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
EXCESSIVE = ("Protests", "Excessive force against protesters")
RIOT = ("Riots", "Violent demonstration")
ARRESTS = ("Strategic developments", "Arrests")
CHANGE = ("Strategic developments", "Change to group/activity")

SY_ARMY, IQ_ARMY = "Military Forces of Syria", "Military Forces of Iraq"
TURKEY, IS = "Military Forces of Turkey", "Islamic State"
SY_CIV, IQ_CIV = "Civilians (Syria)", "Civilians (Iraq)"


@dataclass(frozen=True)
class Case:
    """One article and what an analyst codes from it; `pick` chooses the report among several legitimate ones."""

    id: str
    published: str
    text: str
    expect: dict[str, Any]
    pick: bool = False
    said: tuple[str, str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def coded(ex: Extraction, r: Report, expect: dict[str, Any]) -> dict[str, Any]:
    """The report's values for the keys of `expect`, shaped like it, so a failing comparison shows every field."""
    out: dict[str, Any] = {}
    for key, want in expect.items():
        if key == "type":
            out[key] = (r.event_type, r.sub_event_type)
        elif key == "place":
            out[key] = (r.country, r.admin1)
        elif key == "near":
            out[key] = want if ex.km(r, *want) < NEAR_KM else (r.location, r.latitude, r.longitude)
        elif key == "actors":
            out[key] = {r.actor1, r.actor2}
        elif key == "has_actor":
            out[key] = want if want in (r.actor1, r.actor2) else (r.actor1, r.actor2)
        elif key == "tags":
            out[key] = sorted(set(want) & set(r.tags)) if set(want) <= set(r.tags) else sorted(r.tags)
        elif key == "date":
            out[key] = r.event_date
        else:
            out[key] = getattr(r, key)
    return out


def the_report(ex: Extraction, case: Case) -> Report:
    """The one main report, or with `pick` the one main report of the expected type."""
    if not case.pick:
        return ex.one()
    found = [r for r in ex.of_role("main") if (r.event_type, r.sub_event_type) == case.expect["type"]]
    assert len(found) == 1, ex.summary()
    return found[0]


CASES = [
    Case(
        "sana_terrorist_rockets_on_aleppo",
        "2016-10-14T14:00:00+03:00",
        "حلب-سانا\nاستشهد ثلاثة مواطنين وأصيب ثمانية آخرون بجروح جراء اعتداء إرهابي بالقذائف الصاروخية "
        "على أحياء سكنية في مدينة حلب اليوم. وذكر مصدر في قيادة شرطة حلب لمراسل سانا أن المجموعات الإرهابية "
        "المنتشرة في الأحياء الشرقية من المدينة استهدفت بعدد من القذائف الصاروخية حي الميدان ومحيط ساحة "
        "سعد الله الجابري، ما أدى إلى وقوع أضرار مادية في المنازل والممتلكات.",
        {
            "type": SHELLING,
            "date": "2016-10-14",
            "place": ("Syria", "Aleppo"),
            "near": (36.20124, 37.16117),
            "actor1": "Syrian opposition armed groups",
            "actor2": SY_CIV,
            "fatalities": 3,
            "injured": 8,
        },
        said=("fatalities", "ثلاثة"),
    ),
    Case(
        "sana_army_restores_security_to_mayadin",
        "2017-10-14T17:00:00+03:00",
        "دير الزور-سانا\nأعادت وحدات من الجيش العربي السوري بالتعاون مع القوات الرديفة الأمن والاستقرار إلى مدينة "
        "الميادين في ريف دير الزور الجنوبي الشرقي اليوم بعد القضاء على آخر تجمعات إرهابيي تنظيم داعش فيها. "
        "وأفاد مراسل سانا بأن وحدات الهندسة بدأت تمشيط أحياء المدينة لتفكيك العبوات الناسفة والألغام التي "
        "زرعها الإرهابيون قبل فرارهم باتجاه البوكمال.",
        {
            "type": REGAINS,
            "date": "2017-10-14",
            "place": ("Syria", "Deir ez Zor"),
            "near": (35.01982, 40.45154),
            "actor1": SY_ARMY,
            "actor2": IS,
        },
        said=("location", "الميادين"),
    ),
    Case(
        "sohr_clash_toll_on_both_sides_at_saraqib",
        "2020-02-27T19:00:00+02:00",
        "رصد نشطاء المرصد السوري لحقوق الإنسان استمرار الاشتباكات العنيفة منذ فجر اليوم الخميس بين قوات النظام "
        "والمسلحين الموالين لها من جهة، والفصائل المقاتلة والإسلامية من جهة أخرى، على محاور في محيط مدينة سراقب "
        "شرقي إدلب، وسط قصف صاروخي ومدفعي متبادل. ووثق المرصد السوري مقتل 9 عناصر من قوات النظام والمسلحين "
        "الموالين لها، و6 مقاتلين من الفصائل خلال الاشتباكات.",
        {
            "type": BATTLE,
            "date": "2020-02-27",
            "place": ("Syria", "Idleb"),
            "near": (35.86447, 36.80591),
            "actors": {SY_ARMY, "Syrian opposition armed groups"},
            "fatalities": 15,
        },
    ),
    Case(
        "sohr_barrel_bombs_on_besieged_daraya",
        "2016-05-20T13:00:00+03:00",
        "وثق المرصد السوري لحقوق الإنسان استشهاد 4 مواطنين بينهم طفلان، جراء إلقاء الطيران المروحي 6 براميل "
        "متفجرة صباح اليوم على مناطق في مدينة داريا المحاصرة بالغوطة الغربية، بينما قصفت قوات النظام أطراف "
        "المدينة بعدة قذائف. وتعيش داريا حصاراً خانقاً منذ أكثر من ثلاث سنوات.",
        {
            "type": AIR,
            "date": "2016-05-20",
            "place": ("Syria", "Rural Damascus"),
            "near": (33.45835, 36.23256),
            "actor1": SY_ARMY,
            "actor2": SY_CIV,
            "fatalities": 4,
        },
        pick=True,
        said=("event_type", "براميل"),
    ),
    Case(
        "sohr_updated_toll_of_russian_raids_on_maarat_market",
        "2019-07-23T10:00:00+03:00",
        "ارتفع إلى 11 عدد المدنيين الذين استشهدوا جراء الغارات التي نفذتها طائرات حربية روسية ظهر أمس الاثنين "
        "على سوق شعبي في مدينة معرة النعمان بريف إدلب الجنوبي، بعد وفاة جريحين متأثرين بجراحهما. وكان المرصد "
        "السوري قد وثق في حصيلة سابقة استشهاد 9 مدنيين وإصابة أكثر من 20 آخرين.",
        {
            "type": AIR,
            "date": "2019-07-22",
            "place": ("Syria", "Idleb"),
            "near": (35.6483, 36.67693),
            "actor1": "Military Forces of Russia",
            "actor2": SY_CIV,
            "fatalities": 11,
        },
    ),
    Case(
        "sohr_landmine_kills_a_shepherd_in_the_badia",
        "2020-03-10T15:00:00+02:00",
        "قُتل راعي أغنام، صباح اليوم الثلاثاء، جراء انفجار لغم أرضي من مخلفات تنظيم الدولة الإسلامية أثناء رعيه "
        "الأغنام في بادية السخنة بريف حمص الشرقي. ووثق المرصد السوري مقتل عشرات المدنيين منذ مطلع العام بانفجار "
        "ألغام وعبوات في البادية.",
        {
            "type": IED,
            "date": "2020-03-10",
            "place": ("Syria", "Homs"),
            "near": (34.88533, 38.8711),
            "actor2": SY_CIV,
            "fatalities": 1,
        },
        said=("event_type", "لغم"),
    ),
    Case(
        "sohr_assassination_of_a_mukhtar_in_daraa",
        "2021-05-04T09:00:00+03:00",
        "اغتال مسلحون مجهولون، مساء أمس، مختار بلدة طفس في ريف درعا الغربي، بإطلاق النار عليه بشكل مباشر أمام "
        "منزله، ما أدى لمقتله على الفور. ورصد نشطاء المرصد السوري تصاعد عمليات الاغتيال والاستهداف في محافظة "
        "درعا منذ اتفاق التسوية.",
        {
            "type": VAC_ATTACK,
            "date": "2021-05-03",
            "place": ("Syria", "Dar'a"),
            "near": (32.73709, 36.06654),
            "actor1": "Unidentified Armed Group",
            "actor2": SY_CIV,
            "fatalities": 1,
        },
    ),
    Case(
        "sohr_toxic_gas_attack_on_khan_shaykhun",
        "2017-04-04T16:00:00+03:00",
        "وثق المرصد السوري لحقوق الإنسان استشهاد 58 مدنياً بينهم 11 طفلاً، جراء قصف جوي استهدف صباح اليوم مدينة "
        "خان شيخون في ريف إدلب الجنوبي بمواد يرجح أنها غازات سامة، فيما أصيب العشرات بحالات اختناق. واتهمت "
        "المعارضة طائرات النظام بتنفيذ الهجوم، فيما نفت دمشق استخدام أي أسلحة كيماوية.",
        {
            "type": CHEMICAL,
            "date": "2017-04-04",
            "place": ("Syria", "Idleb"),
            "near": (35.44208, 36.65095),
            "actor2": SY_CIV,
            "fatalities": 58,
        },
    ),
    Case(
        "shafaq_roadside_bomb_on_an_army_patrol_in_tarmiyah",
        "2021-02-14T12:00:00+03:00",
        "أفاد مصدر أمني لوكالة شفق نيوز، اليوم الأحد، بمقتل جنديين وإصابة ثالث بانفجار عبوة ناسفة استهدفت دورية "
        "للجيش العراقي في قضاء الطارمية شمالي العاصمة بغداد. وأوضح المصدر أن العبوة كانت مزروعة على جانب طريق "
        "زراعي تسلكه القوات بشكل يومي.",
        {
            "type": IED,
            "date": "2021-02-14",
            "place": ("Iraq", "Baghdad"),
            "near": (33.67444, 44.39583),
            "actor2": IQ_ARMY,
            "fatalities": 2,
            "injured": 1,
        },
        said=("fatalities", "جنديين"),
    ),
    Case(
        "security_media_cell_f16_strikes_in_hamrin",
        "2021-03-09T14:00:00+03:00",
        "أعلنت خلية الإعلام الأمني، اليوم الثلاثاء، أن طائرات إف 16 العراقية نفذت ضربات جوية دقيقة على أوكار "
        "لعصابات داعش الإرهابية في سلسلة جبال حمرين، ما أسفر عن مقتل سبعة إرهابيين وتدمير مضافاتهم. وأضافت "
        "الخلية في بيان أن الضربات جاءت بناءً على معلومات استخبارية دقيقة.",
        {
            "type": AIR,
            "date": "2021-03-09",
            "near": (35.0325, 43.64639),
            "actor1": IQ_ARMY,
            "actor2": IS,
            "fatalities": 7,
        },
    ),
    Case(
        "joint_operations_command_curfew_in_baghdad",
        "2019-10-03T04:00:00+03:00",
        "أعلنت قيادة العمليات المشتركة فرض حظر شامل للتجوال في العاصمة بغداد اعتباراً من الساعة الخامسة من فجر "
        "اليوم الخميس وحتى إشعار آخر، واستثنت من الحظر المسافرين والحالات المرضية. ويأتي القرار بعد يومين من "
        "احتجاجات شهدتها العاصمة ومحافظات جنوبية.",
        {
            "type": CHANGE,
            "date": "2019-10-03",
            "place": ("Iraq", "Baghdad"),
            "near": (33.34058, 44.40088),
            "actor1": IQ_ARMY,
            "tags": ["curfew"],
        },
        pick=True,
    ),
    Case(
        "shafaq_farmer_kidnapped_in_jalawla",
        "2020-07-16T11:00:00+03:00",
        "اختطف مسلحون مجهولون، مساء أمس الأربعاء، مواطناً من أهالي ناحية جلولاء التابعة لقضاء خانقين في محافظة "
        "ديالى، بعد أن اقتادوه من مزرعته إلى جهة مجهولة، بحسب ما أفاد مصدر محلي لشفق نيوز. ولم تتبنَّ أي جهة "
        "عملية الخطف حتى الآن.",
        {
            "type": ABDUCTION,
            "date": "2020-07-15",
            "place": ("Iraq", "Diyala"),
            "near": (34.27194, 45.16806),
            "actor1": "Unidentified Armed Group",
            "actor2": IQ_CIV,
        },
        extra={"within_km": 10.0},  # Jalawla, not Khanaqin ~20 km away
    ),
    Case(
        "rudaw_is_attack_on_peshmerga_near_makhmour",
        "2020-05-03T10:00:00+03:00",
        "قُتل اثنان من قوات البيشمركة وأصيب ثلاثة آخرون، ليلة أمس السبت، في هجوم شنه مسلحو داعش على نقطة "
        "للبيشمركة قرب قضاء مخمور جنوب غربي أربيل، بحسب ما أفادت وزارة البيشمركة لشبكة رووداو الإعلامية. "
        "وأضافت الوزارة أن اشتباكاً دام أكثر من ساعة قبل انسحاب المهاجمين.",
        {
            "type": BATTLE,
            "date": "2020-05-02",
            "place": ("Iraq", "Erbil"),
            "near": (35.77622, 43.57974),
            "actor1": IS,
            "actor2": "Peshmerga",
            "fatalities": 2,
            "injured": 3,
        },
    ),
    Case(
        "rudaw_turkish_drone_kills_ybs_fighters_in_sinjar",
        "2021-08-16T18:00:00+03:00",
        "قصفت طائرة مسيرة تركية، اليوم الاثنين، سيارة قرب مستشفى في قضاء سنجار غربي محافظة نينوى، ما أسفر عن "
        "مقتل ثلاثة من مقاتلي وحدات مقاومة سنجار، بحسب مصادر محلية تحدثت لرووداو. وتقول أنقرة إن الوحدات "
        "مرتبطة بحزب العمال الكردستاني.",
        {
            "type": AIR,
            "date": "2021-08-16",
            "place": ("Iraq", "Ninewa"),
            "near": (36.3209, 41.87656),
            "actor1": TURKEY,
            "actor2": "YBS",
            "fatalities": 3,
            "tags": ["drone"],
        },
    ),
    Case(
        "rudaw_turkish_artillery_on_kani_masi_villages",
        "2020-06-20T13:00:00+03:00",
        "قصفت المدفعية التركية، صباح اليوم السبت، محيط قرى تابعة لناحية كاني ماسي في قضاء العمادية بمحافظة دهوك "
        "في إقليم كوردستان، ما تسبب بحرائق في البساتين ودفع عدداً من العائلات إلى النزوح، من دون تسجيل إصابات "
        "بشرية. وتقول تركيا إنها تستهدف مواقع لمسلحي حزب العمال الكردستاني في المنطقة.",
        {
            "type": SHELLING,
            "date": "2020-06-20",
            "place": ("Iraq", "Dahuk"),
            "near": (37.22781, 43.43732),
            "actor1": TURKEY,
            "fatalities": 0,
        },
    ),
    Case(
        "pmf_clash_with_is_in_the_baiji_desert",
        "2020-09-05T16:00:00+03:00",
        "أعلنت هيئة الحشد الشعبي، اليوم السبت، مقتل أربعة من عناصر داعش في اشتباك مع قوة من اللواء 22 خلال عملية "
        "تفتيش في صحراء قضاء بيجي شمالي محافظة صلاح الدين، فيما أصيب اثنان من مقاتلي الحشد بجروح طفيفة.",
        {
            "type": BATTLE,
            "date": "2020-09-05",
            "place": ("Iraq", "Salah al-Din"),
            "near": (34.92915, 43.48878),
            "actor1": "Popular Mobilization Forces",
            "actor2": IS,
            "fatalities": 4,
            "injured": 2,
        },
    ),
    Case(
        "nasiriyah_protesters_shot_by_security_forces",
        "2019-11-28T20:00:00+03:00",
        "قُتل خمسة متظاهرين وأصيب العشرات، اليوم الخميس، بعد أن أطلقت قوات الأمن الرصاص الحي على المحتجين قرب "
        "جسر الزيتون في مدينة الناصرية مركز محافظة ذي قار، بحسب مصادر طبية. وكان المحتجون قد قطعوا الجسر "
        "احتجاجاً على الفساد والبطالة.",
        {
            "type": EXCESSIVE,
            "date": "2019-11-28",
            "place": ("Iraq", "Thi-Qar"),
            "near": (31.05799, 46.25726),
            "has_actor": "Protesters (Iraq)",
            "fatalities": 5,
            "injured": 12,
        },
        said=("fatalities", "خمسة"),
    ),
    Case(
        "basra_protesters_burn_the_provincial_council",
        "2018-09-07T09:00:00+03:00",
        "أضرم محتجون غاضبون النار في مبنى مجلس محافظة البصرة، مساء أمس الخميس، بعد مواجهات مع قوات الأمن رشقوها "
        "خلالها بالحجارة والقنابل الحارقة، احتجاجاً على تردي الخدمات وتلوث مياه الشرب. وأعلنت السلطات المحلية "
        "حظراً للتجوال في المدينة عقب الأحداث.",
        {"type": RIOT, "date": "2018-09-06", "place": ("Iraq", "Basrah"), "near": (30.50852, 47.7804)},
        pick=True,
    ),
    Case(
        "north_press_asayish_raids_in_ghweran",
        "2022-03-16T15:00:00+03:00",
        "شنت قوى الأمن الداخلي (الأسايش)، اليوم الأربعاء، حملة مداهمات في حي غويران بمدينة الحسكة، اعتقلت خلالها "
        "12 شاباً بتهمة التعامل مع خلايا تنظيم الدولة الإسلامية، بحسب ما أفاد مراسل نورث برس. وتأتي الحملة بعد "
        "أسابيع من الهجوم على سجن الصناعة في الحي.",
        {
            "type": ARRESTS,
            "date": "2022-03-16",
            "place": ("Syria", "Al Hasakeh"),
            "near": (36.50237, 40.74772),
            "actor1": "Asayish",
            "arrested": 12,
        },
    ),
    Case(
        "enab_baladi_hts_against_sna_around_jindayris",
        "2022-10-12T10:00:00+03:00",
        "اندلعت اشتباكات عنيفة، أمس الثلاثاء، بين هيئة تحرير الشام وفصائل من الجيش الوطني السوري في محيط بلدة "
        "جنديرس بريف عفرين شمالي حلب، أسفرت عن مقتل أربعة عناصر من الطرفين وإصابة آخرين، وسط حركة نزوح "
        "للأهالي، بحسب ما رصدته عنب بلدي. وتأتي المواجهات بعد تقدم الهيئة نحو المنطقة إثر خلافات بين فصائل "
        "الفيلق الثالث.",
        {
            "type": BATTLE,
            "date": "2022-10-11",
            "place": ("Syria", "Aleppo"),
            "near": (36.39496, 36.6889),
            "actors": {"Hayat Tahrir al-Sham", "Syrian National Army"},
            "fatalities": 4,
        },
    ),
    Case(
        "north_press_turkish_shelling_wounds_children_near_tal_tamr",
        "2021-11-20T16:00:00+03:00",
        "قصفت القوات التركية والفصائل الموالية لها، ظهر اليوم السبت، بقذائف المدفعية قرى في ريف بلدة تل تمر شمال "
        "غربي الحسكة، ما أسفر عن إصابة طفلين بجروح، بحسب مراسل نورث برس. وتشهد المنطقة قصفاً شبه يومي منذ سيطرة "
        "تركيا على رأس العين (سري كانيه) عام 2019.",
        {
            "type": SHELLING,
            "date": "2021-11-20",
            "place": ("Syria", "Al Hasakeh"),
            "near": (36.65556, 40.37079),
            "actor1": TURKEY,
            "injured": 2,
            "fatalities": 0,
        },
    ),
    Case(
        "mosul_2016_suicide_car_bomb_on_counter_terrorism_service",
        "2016-11-28T13:00:00+03:00",
        "فجّر انتحاري من تنظيم داعش عجلة مفخخة استهدفت تجمعاً لقوات جهاز مكافحة الإرهاب في حي الزهور شرقي مدينة "
        "الموصل، صباح اليوم الاثنين، ما أدى إلى مقتل ثلاثة من عناصر الجهاز وإصابة سبعة آخرين. وتواصل القوات "
        "العراقية تقدمها في الساحل الأيسر للمدينة ضمن عمليات قادمون يا نينوى.",
        {
            "type": SUICIDE,
            "date": "2016-11-28",
            "place": ("Iraq", "Ninewa"),
            "near": (36.335, 43.11889),
            "actor1": IS,
            "actor2": IQ_ARMY,
            "fatalities": 3,
            "injured": 7,
            "tags": ["vbied"],
        },
    ),
    Case(
        "raqqa_2017_coalition_raids_kill_besieged_civilians",
        "2017-07-26T11:00:00+03:00",
        "قُتل 14 مدنياً، بينهم نساء وأطفال، جراء غارات لطائرات التحالف الدولي استهدفت حي الفردوس وسط مدينة الرقة "
        "مساء أمس، بحسب ناشطين من المدينة. ويعيش آلاف المدنيين المحاصرين داخل الرقة ظروفاً إنسانية صعبة مع "
        "استمرار المعارك بين قوات سوريا الديمقراطية وتنظيم داعش.",
        {
            "type": AIR,
            "date": "2017-07-25",
            "place": ("Syria", "Ar Raqqa"),
            "near": (35.95283, 39.00788),
            "actor1": "International Coalition",
            "actor2": SY_CIV,
            "fatalities": 14,
        },
    ),
    Case(
        "baghdad_2016_parked_car_bomb_in_sadr_city_market",
        "2016-05-14T12:00:00+03:00",
        "انفجرت سيارة مفخخة مركونة قرب سوق شعبي في مدينة الصدر شرقي بغداد، صباح اليوم السبت، ما أسفر عن مقتل "
        "تسعة أشخاص وإصابة 22 آخرين، بحسب مصادر أمنية وطبية. وتبنى تنظيم داعش التفجير في بيان نشرته وكالة أعماق "
        "التابعة له.",
        {
            "type": IED,
            "date": "2016-05-14",
            "place": ("Iraq", "Baghdad"),
            "near": (33.3889, 44.4583),
            "actor1": IS,
            "actor2": IQ_CIV,
            "fatalities": 9,
            "injured": 22,
            "tags": ["vbied"],
        },
    ),
    Case(
        "sana_israeli_missiles_from_lebanese_airspace_on_masyaf",
        "2018-09-04T23:00:00+03:00",
        "أفاد مصدر عسكري بأن طائرات حربية إسرائيلية أطلقت مساء اليوم من فوق الأراضي اللبنانية عدة صواريخ باتجاه "
        "أحد مواقعنا العسكرية قرب مدينة مصياف بريف حماة الغربي، وتصدت وسائط دفاعنا الجوي للصواريخ وأسقطت عدداً "
        "منها. وأسفر العدوان عن استشهاد جنديين وإصابة آخرين ووقوع أضرار مادية.",
        {
            "type": AIR,
            "date": "2018-09-04",
            "place": ("Syria", "Hama"),
            "near": (35.0653, 36.3406),
            "actor1": "Military Forces of Israel",
            "actor2": SY_ARMY,
            "fatalities": 2,
        },
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_article_of_another_outlet_is_coded_as_an_analyst_would(extract_text: ExtractText, case: Case) -> None:
    ex = extract_text(case.text, case.published)
    r = the_report(ex, case)
    assert coded(ex, r, case.expect) == case.expect, ex.summary()
    if "within_km" in case.extra:
        assert ex.km(r, *case.expect["near"]) < case.extra["within_km"], ex.summary()
    if case.said:
        what, word = case.said
        assert any(word in t for t in ex.said(r, what)), (what, ex.said(r, what))


NO_EVENT = [
    pytest.param(
        "2019-10-10T12:00:00+03:00",
        "بعثت وزارة الخارجية والمغتربين برسالتين متطابقتين إلى الأمين العام للأمم المتحدة ورئيس مجلس الأمن، أدانت "
        "فيهما العدوان التركي على الأراضي السورية في ريفي الحسكة والرقة، وطالبت المجتمع الدولي بإلزام النظام "
        "التركي بسحب قواته فوراً واحترام سيادة سوريا ووحدة أراضيها.",
        id="sana_foreign_ministry_condemns_turkish_aggression",
    ),
    pytest.param(
        "2019-03-25T12:00:00+03:00",
        "يرى محللون أن خسارة تنظيم داعش آخر جيب له في بلدة الباغوز لا تعني نهايته، إذ يرجح خبراء أن يعود التنظيم "
        "إلى أسلوب حرب العصابات عبر خلايا نائمة في البادية السورية وصحراء الأنبار. ويقول باحث في شؤون الجماعات "
        "المسلحة إن التنظيم قد ينفذ هجمات متفرقة بالعبوات الناسفة والاغتيالات خلال الأشهر المقبلة.",
        id="analysis_of_is_after_baghuz",
    ),
    pytest.param(
        "2019-06-02T13:00:00+03:00",
        "أصدرت المحكمة الجنائية المركزية في بغداد، اليوم الأحد، حكماً بالإعدام شنقاً بحق مدان بالانتماء إلى تنظيم "
        "داعش، بعد إدانته بالمشاركة في تفجير سيارة مفخخة استهدف منطقة الكرادة وسط العاصمة عام 2016 وأسفر عن "
        "مقتل وإصابة العشرات. وقال مجلس القضاء الأعلى في بيان إن الحكم صدر استناداً إلى اعترافات المتهم.",
        id="baghdad_court_sentences_karrada_bomber",
    ),
    pytest.param(
        "2024-01-10T15:00:00+02:00",
        "استشهد شخصان، اليوم الأربعاء، جراء غارة نفذتها مسيرة إسرائيلية على سيارة عند أطراف بلدة بنت جبيل في جنوب "
        "لبنان، بحسب الوكالة الوطنية للإعلام. وردّ حزب الله باستهداف موقع عسكري إسرائيلي قبالة الحدود.",
        id="israeli_drone_strike_in_south_lebanon",
    ),
    pytest.param(
        "2016-07-12T18:00:00+03:00",
        "قُتل جنديان تركيان وأصيب ثلاثة آخرون، اليوم الثلاثاء، في هجوم شنه مسلحون من حزب العمال الكردستاني على "
        "نقطة عسكرية قرب قضاء نصيبين بولاية ماردين جنوب شرقي تركيا، المقابلة لمدينة القامشلي السورية، بحسب "
        "وكالة الأناضول.",
        id="pkk_attack_in_nusaybin_across_from_qamishli",
    ),
]


@pytest.mark.parametrize(("published", "text"), NO_EVENT)
def test_statement_analysis_trial_or_foreign_event_yields_no_report(
    extract_text: ExtractText, published: str, text: str
) -> None:
    ex = extract_text(text, published)
    assert ex.reports == [], ex.summary()
