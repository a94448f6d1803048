"""End to end: security measures, arrests, prison escapes and riots: Strategic developments and Riots."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import ExtractText

STRATEGIC = "Strategic developments"
CHANGE = (STRATEGIC, "Change to group/activity")


def test_curfew_declared_in_hasakah(extract_text: ExtractText) -> None:
    text = (
        "أعلنت قوى الأمن الداخلي (الأسايش) فرض حظر تجوال كلي في مدينة الحسكة "
        "اعتباراً من السادسة من صباح اليوم الأحد ولمدة 48 ساعة، بهدف ملاحقة خلايا تنظيم داعش. "
        "ودعت الأسايش الأهالي إلى الالتزام بالتعليمات وعدم الخروج من منازلهم إلا للضرورة القصوى."
    )
    ex = extract_text(text, "2023-02-05T07:30:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == CHANGE
    assert "curfew" in r.tags
    assert r.actor1 == "Asayish"
    assert (r.event_date, r.time_precision) == ("2023-02-05", 1)
    assert (r.country, r.admin1) == ("Syria", "Al Hasakeh")
    assert ex.km(r, 36.50237, 40.74772) < 5
    assert (r.arrested, r.escaped) == (None, None)  # "48 ساعة" counts hours, not people
    assert any("حظر تجوال" in t for t in ex.said(r, "event_type"))


def test_iraqi_security_operation_against_is_remnants_in_diyala(extract_text: ExtractText) -> None:
    text = (
        "أطلقت قيادة العمليات المشتركة، صباح اليوم الأربعاء، عملية أمنية واسعة لملاحقة بقايا داعش "
        "في المناطق الواقعة شمال قضاء المقدادية بمحافظة ديالى، بمشاركة قطعات من الجيش العراقي والحشد الشعبي. "
        "وتهدف العملية إلى تفتيش البساتين والقرى المتاخمة لحدود محافظة كركوك."
    )
    ex = extract_text(text, "2023-03-15T13:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == CHANGE
    assert "security_operation" in r.tags
    assert r.actor1 == "Military Forces of Iraq"
    assert r.event_date == "2023-03-15"
    assert (r.country, r.admin1) == ("Iraq", "Diyala")
    assert ex.km(r, 33.97861, 44.93694) < 25
    assert any("عملية أمنية" in t for t in ex.said(r, "event_type"))


def test_capture_of_an_is_leader_in_anbar_counts_one_arrest(extract_text: ExtractText) -> None:
    text = (
        "أعلنت خلية الإعلام الأمني، اليوم الاثنين، القبض على أحد قياديي تنظيم داعش الإرهابي في قضاء القائم "
        "غربي محافظة الأنبار، بعملية استخبارية نوعية نفّذتها مفارز الاستخبارات العسكرية. "
        "وأوضحت الخلية أن المتهم مطلوب وفق أحكام المادة الرابعة من قانون مكافحة الإرهاب."
    )
    ex = extract_text(text, "2023-05-22T12:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (STRATEGIC, "Arrests")
    assert (r.actor1, r.actor2) == ("Military Forces of Iraq", "Islamic State")
    assert r.event_date == "2023-05-22"
    assert (r.country, r.admin1) == ("Iraq", "Al-Anbar")
    assert ex.km(r, 34.39251, 40.98945) < 10
    assert r.arrested == 1
    assert any("أحد" in t for t in ex.said(r, "arrested"))


def test_prison_escape_claimed_then_denied(extract_text: ExtractText) -> None:
    text = (
        "تداولت حسابات على مواقع التواصل الاجتماعي، اليوم، أنباء عن فرار عدد من سجناء تنظيم داعش "
        "من سجن الصناعة في حي غويران بمدينة الحسكة. "
        "لكن مصدراً في قوى الأمن الداخلي (الأسايش) نفى هذه الأنباء، مؤكداً أن الوضع داخل السجن تحت السيطرة "
        "ولم تُسجّل أي حالة هروب."
    )
    ex = extract_text(text, "2023-03-02T19:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (STRATEGIC, "Other")
    assert {"prison_break", "denied"} <= set(r.tags)
    assert any(c.stance == "denies" for c in r.claims), r.claims
    assert r.event_date == "2023-03-02"
    assert (r.country, r.admin1) == ("Syria", "Al Hasakeh")
    assert r.facility == "al-Sina'a prison (Ghweran)"
    assert ex.km(r, 36.50237, 40.74772) < 5
    assert any("سجن الصناعة" in t for t in ex.said(r, "location"))


def test_prison_riot_is_mob_violence(extract_text: ExtractText) -> None:
    text = (
        "شهد سجن حماة المركزي، صباح اليوم، حالة استعصاء نفّذها عدد من السجناء احتجاجاً على تأخير "
        "محاكماتهم، حيث سيطروا على أحد أجنحة السجن واحتجزوا عدداً من الحراس. "
        "وطوّقت قوات الأمن السجن وسط مفاوضات مع المحتجزين."
    )
    ex = extract_text(text, "2016-05-02T14:00:00+02:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Riots", "Mob violence")
    assert "prison_riot" in r.tags
    assert r.event_date == "2016-05-02"
    assert (r.country, r.admin1) == ("Syria", "Hama")
    assert ex.km(r, 35.13179, 36.75783) < 5
    assert any("استعصاء" in t for t in ex.said(r, "event_type"))


def test_smuggling_oil_tankers_is_not_a_prison_break(extract_text: ExtractText) -> None:
    text = "وقالت الخارجية السورية إن القوات الأميركية هرّبت اليوم 80 صهريجاً محملاً بالنفط من حقل العمر بريف دير الزور."
    ex = extract_text(text, "2023-03-25T20:00:00+03:00")
    assert ex.reports == [], ex.summary()


def test_escape_from_al_hol_camp_is_a_prison_break(extract_text: ExtractText) -> None:
    text = "تمكن عدد من عناصر داعش من الفرار من مخيم الهول بريف الحسكة الشرقي فجر اليوم."
    ex = extract_text(text, "2024-03-01T10:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (STRATEGIC, "Other")
    assert "prison_break" in r.tags


def test_siege_of_a_town_with_clashes_there_is_one_battle(extract_text: ExtractText) -> None:
    text = (
        "أكدت مصادر أن قسد حاصرت بلدة صرين فجر اليوم الأربعاء، وأغلقت كل مخارج ومداخل البلدة.\n"
        "وشهدت بلدة صرين فجر اليوم اشتباكات عنيفة بين قسد وعناصر داعش."
    )
    ex = extract_text(text, "2023-01-25T15:00:00+02:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert (r.actor1, r.actor2) == ("SDF", "Islamic State")


def test_operation_in_a_list_of_governorates_is_one_event_in_each(extract_text: ExtractText) -> None:
    text = (
        "تواصل المرحلة الخامسة من عملية أمنية عملها لليوم الثاني في محافظات ديالى وكركوك وصلاح الدين، "
        "بمشاركة الجيش العراقي والحشد الشعبي، لملاحقة فلول تنظيم داعش."
    )
    ex = extract_text(text, "2023-05-28T12:00:00+03:00")
    assert sorted(r.admin1 for r in ex.reports) == ["Diyala", "Kirkuk", "Salah al-Din"], ex.summary()
    assert all(r.location in ("Diyala", "Kirkuk", "Salah al-Din") for r in ex.reports)
    assert all((r.event_type, r.sub_event_type) == CHANGE for r in ex.reports)


def test_mass_grave_found_is_a_development_without_new_dead(extract_text: ExtractText) -> None:
    text = (
        "أعلنت مصادر أمنية عراقية اليوم العثور على مقبرة جماعية تضم نحو 400 جثة في الصقلاوية شمال غربي الفلوجة، "
        "يعتقد أن تنظيم داعش أعدم أصحابها قبل عامين."
    )
    ex = extract_text(text, "2016-06-06T12:00:00+01:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (STRATEGIC, "Other")
    assert r.location == "Saqlawiyah"
    assert r.fatalities == 0


def test_arrests_of_those_behind_a_mass_grave_are_the_development(extract_text: ExtractText) -> None:
    text = (
        "عثرت فرق الدفاع المدني اليوم على مقبرتين جماعيتين في قضاء سنجار تضمان رفات عشرات الإيزيديين.\n"
        "وألقت القوات الأمنية القبض على 12 عنصرا من تنظيم داعش في سنجار يشتبه بتورطهم في المجزرة."
    )
    ex = extract_text(text, "2018-03-11T15:00:00+03:00")
    r = ex.one()
    assert (r.event_type, r.sub_event_type) == (STRATEGIC, "Arrests")
    assert r.arrested == 12
    assert r.fatalities == 0
