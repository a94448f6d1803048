"""The Python API: rasd.extract(Document) -> list[Report], with evidence that points into the original text."""

from rasd import Document, Report, extract


def test_extract_returns_typed_reports_with_evidence_offsets() -> None:
    text = (
        "قُتل ثلاثة عناصر من الجيش السوري، فجر اليوم، بانفجار عبوة ناسفة استهدفت دوريتهم "
        "على طريق بلدة الصنمين في ريف درعا الشمالي."
    )
    doc = Document(id="api-1", text=text, published="2023-09-14T11:00:00+03:00", outlet="test")
    reports = extract(doc)
    assert len(reports) == 1
    r = reports[0]
    assert isinstance(r, Report)
    assert (r.event_type, r.sub_event_type, r.event_date, r.fatalities) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "2023-09-14",
        3,
    )
    assert r.actor2 == "Military Forces of Syria"
    for e in r.evidence:
        assert text[e.start : e.end] == e.text
        assert e.text in e.sentence


def test_a_document_without_an_event_gives_no_report() -> None:
    text = "عقد وزير الخارجية السوري اجتماعاً مع نظيره العراقي في بغداد لبحث العلاقات الثنائية."
    doc = Document(id="api-2", text=text, published="2023-09-14T11:00:00+03:00")
    assert extract(doc) == []
