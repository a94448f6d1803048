"""Documents and helpers for the store tests: short made-up Arabic articles, a generator of many distinct ones,
and the checks every store must pass (each document stored whole, every report linked, events consistent)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rasd.ingest import Limits, read_paths
from rasd.link.cluster import event_id
from rasd.link.neardup import near, shingles
from rasd.model import Document, Report
from rasd.store import EventFilter, Store

ALL = EventFilter(limit=1_000_000)


@dataclass(frozen=True)
class Article:
    id: str
    published: str
    outlet: str
    text: str

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "published": self.published, "outlet": self.outlet, "text": self.text}


# One incident (an IS attack on an SDF checkpoint), two outlets, two death tolls; B publishes a day later.
ATTACK_A = Article(
    "attack-a",
    "2023-03-14T09:00",
    "Outlet A",
    "قتل خمسة عناصر من قوات سوريا الديمقراطية (قسد) في هجوم شنه مسلحون من تنظيم داعش على حاجز لهم في بلدة"
    " الشحيل بريف دير الزور الشرقي، يوم الاثنين. وقالت مصادر محلية إن المهاجمين انسحبوا بعد اشتباك استمر نحو ساعة.",
)
ATTACK_B = Article(
    "attack-b",
    "2023-03-15T10:00",
    "Outlet B",
    "هاجم عناصر من تنظيم داعش حاجزا لقوات سوريا الديمقراطية في بلدة الشحيل شرق دير الزور يوم الاثنين، ما أدى إلى"
    " مقتل سبعة من عناصر الحاجز. وأفاد ناشطون بأن التنظيم تبنى الهجوم في بيان.",
)
# Turkish drone strikes on the same village, six days apart: two events.
STRIKE_1 = Article(
    "strike-1",
    "2023-05-03T09:00",
    "Outlet A",
    "قصفت طائرة مسيرة تركية سيارة في قرية تل جمعة بريف تل تمر شمال الحسكة، أمس الثلاثاء، ما أسفر عن مقتل شخصين."
    " ولم تعلق أنقرة على الضربة.",
)
STRIKE_2 = Article(
    "strike-2",
    "2023-05-09T09:00",
    "Outlet B",
    "استهدفت طائرة مسيرة تركية منزلا في قرية تل جمعة بريف تل تمر شمال الحسكة، أمس الاثنين، ما أسفر عن إصابة ثلاثة"
    " مدنيين.",
)
# A prison escape one outlet reports and the Asayish deny.
DENIAL = Article(
    "denial",
    "2023-06-20T12:00",
    "Outlet C",
    "أفادت مصادر محلية بفرار عدد من السجناء من سجن في مدينة الرقة، يوم الأحد، بعد هجوم لخلايا داعش."
    " ونفت قوى الأمن الداخلي (الأسايش) هذه الأنباء وقالت إن الوضع في السجن تحت السيطرة.",
)
_IED = [
    "انفجرت عبوة ناسفة بسيارة عسكرية تابعة للجيش العراقي على طريق قرب قضاء الطارمية شمال بغداد، مساء الخميس، ما أدى"
    " إلى مقتل جنديين وإصابة ثلاثة آخرين.",
    "وقالت خلية الإعلام الأمني في بيان إن قوة من الجيش كانت تنفذ عملية تفتيش في المنطقة عندما انفجرت العبوة.",
    "وأضاف البيان أن القوات الأمنية طوقت المكان وبدأت البحث عن المتورطين.",
    "وتشهد مناطق شمال بغداد بين حين وآخر هجمات تنسب إلى خلايا تنظيم داعش التي تنشط في البساتين والمناطق الزراعية.",
    "وكانت القوات العراقية قد أطلقت الشهر الماضي حملة تمشيط واسعة في المنطقة بمساندة طيران الجيش.",
    "ويقول مسؤولون محليون إن الطبيعة الجغرافية للمنطقة تجعل ملاحقة الخلايا أمرا صعبا.",
    "وتمتد البساتين على مساحات واسعة على ضفاف نهر دجلة وتتخللها قنوات ري وطرق ترابية ضيقة.",
    "ويطالب سكان القرى المجاورة بنشر مزيد من نقاط التفتيش وتحسين الإنارة على الطرق الفرعية.",
    "ولم تتبن أي جهة الهجوم حتى الآن، بحسب ما أفادت به مصادر أمنية.",
    "وتعد الطارمية من أكثر المناطق التي شهدت هجمات مماثلة خلال السنوات الأخيرة.",
    "وأشارت المصادر إلى أن المصابين نقلوا إلى مستشفى قريب لتلقي العلاج وأن حالتهم مستقرة.",
    "ويأتي الهجوم بعد أيام من اجتماع أمني عقد في بغداد لبحث خطط تأمين المناطق الشمالية للعاصمة.",
]
# An IED in Iraq, and the same wire story republished a day later with one sentence replaced.
IED = Article("ied", "2023-09-08T08:00", "Outlet D", " ".join(_IED))
IED_REPUBLISHED = Article(
    "ied-again",
    "2023-09-09T07:30",
    "Outlet E",
    " ".join(_IED[:6] + ["ولم يصدر أي تعليق رسمي إضافي حتى ساعة إعداد هذا الخبر."] + _IED[7:]),
)
STORIES = (ATTACK_A, ATTACK_B, STRIKE_1, STRIKE_2, DENIAL, IED)

# --- many distinct documents, for concurrency and crashes -----------------------------------------------------
_TOWNS = (
    ("منبج", "ريف حلب الشرقي"),
    ("الميادين", "ريف دير الزور"),
    ("البوكمال", "ريف دير الزور"),
    ("القامشلي", "محافظة الحسكة"),
    ("عين العرب", "ريف حلب"),
    ("الطبقة", "ريف الرقة"),
    ("بعقوبة", "محافظة ديالى"),
    ("تكريت", "محافظة صلاح الدين"),
    ("سامراء", "محافظة صلاح الدين"),
    ("الرمادي", "محافظة الأنبار"),
    ("كركوك", "شمال العراق"),
    ("خانقين", "محافظة ديالى"),
)
_DAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_TARGETS = ("دورية أمنية", "آلية عسكرية", "حافلة تقل عسكريين", "رتل للقوات الحكومية", "سيارة لقائد محلي")
_HOURS = ("صباح", "ظهر", "مساء", "ليل")
_OPEN_A = (
    "قتل {n} أشخاص وأصيب آخرون بانفجار عبوة ناسفة استهدفت {target} في مدينة {town} في {area}، {hour} يوم {day}.",
    "لقي {n} عناصر حتفهم جراء انفجار لغم أرضي ب{target} قرب {town} في {area} {hour} {day}.",
    "سقط {n} قتلى في تفجير عبوة مزروعة على جانب الطريق استهدف {target} عند مدخل {town}، {hour} يوم {day}.",
)
_MORE_A = (
    "وقالت مصادر طبية إن الجرحى نقلوا إلى المستشفى الوطني.",
    "وفرضت القوات طوقا حول موقع الانفجار ومنعت الاقتراب منه.",
    "ولم تعلن أي جهة مسؤوليتها عن التفجير حتى الآن.",
    "وشوهدت سيارات الإسعاف تهرع إلى المكان وسط إطلاق نار في الهواء.",
    "ويأتي ذلك بعد أسبوع من هجوم مماثل على الطريق نفسه.",
    "وأظهرت صور تداولها ناشطون حطام العربة على جانب الطريق.",
    "وطالب وجهاء المنطقة بتشديد الإجراءات على الطرق الريفية.",
)
_OPEN_B = (
    "أسفر انفجار عبوة ناسفة ب{target} في {town} يوم {day} عن مقتل {m} عناصر، بحسب مصدر أمني.",
    "ارتفع إلى {m} عدد قتلى انفجار استهدف {target} في {town} {hour} {day}، وفق ما نقلت وكالة محلية.",
)
_MORE_B = (
    "وأضاف المصدر أن التحقيقات جارية لمعرفة الجهة المسؤولة.",
    "وأغلق الطريق لساعات قبل أن يعاد فتحه أمام حركة السير.",
    "وتتهم السلطات خلايا نائمة بالوقوف وراء هجمات متكررة في المنطقة.",
    "وأشار المصدر إلى أن بين القتلى ضابطا برتبة نقيب.",
    "ونقل المصابون إلى مستشفيات المدينة وحالة بعضهم حرجة.",
)


def _pick(options: tuple[str, ...], i: int, k: int = 1) -> str:
    return options[(i * k) % len(options)]


def generated(n: int, start: str = "2023-01-02") -> list[Article]:
    """n distinct articles: IEDs in twelve towns, three a day, every other one told by a second outlet with another
    toll (one event, contested). No two are near-duplicates, so any ingestion order gives the same events."""
    out: list[Article] = []
    first = dt.date.fromisoformat(start)
    i = 0
    while len(out) < n:
        town, area = _TOWNS[i % len(_TOWNS)]
        day = first + dt.timedelta(days=i // 3)
        published = (day + dt.timedelta(days=1)).isoformat()
        slots = {"town": town, "area": area, "day": _DAYS[day.weekday()], "n": 2 + i % 5, "m": 3 + i % 4}
        slots |= {"target": _pick(_TARGETS, i), "hour": _pick(_HOURS, i // 5)}
        text_a = " ".join([_pick(_OPEN_A, i), _pick(_MORE_A, i), _pick(_MORE_A, i + 3)]).format(**slots)
        out.append(Article(f"gen-{i:04d}a", f"{published}T08:00", "Outlet A", text_a))
        if i % 2 == 0 and len(out) < n:
            text_b = " ".join([_pick(_OPEN_B, i // 2), _pick(_MORE_B, i // 2), _pick(_MORE_B, i // 2 + 2)])
            out.append(Article(f"gen-{i:04d}b", f"{published}T19:00", "Outlet B", text_b.format(**slots)))
        i += 1
    _check_distinct(out)
    return out


def _check_distinct(articles: list[Article]) -> None:
    prints = [(a, shingles(a.text)) for a in articles]
    for k, (a, ha) in enumerate(prints):
        for b, hb in prints[k + 1 :]:
            gap = abs((dt.date.fromisoformat(a.published[:10]) - dt.date.fromisoformat(b.published[:10])).days)
            assert gap > 3 or not near(ha, hb), f"generated {a.id} and {b.id} are near-duplicates"


# --- files, extraction, ingestion -----------------------------------------------------------------------------
def write_jsonl(path: Path, articles: Iterable[Article]) -> Path:
    path.write_text("".join(json.dumps(a.record(), ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def documents(path: Path) -> list[Document]:
    """The documents `rasd ingest` reads from this file (same reader, so the same text and fields)."""
    items = list(read_paths([str(path)], Limits()))
    assert all(it.document is not None for it in items), [it.rejection for it in items if it.rejection]
    return [it.document for it in items if it.document is not None]


@cache
def reports_of(doc: Document) -> tuple[Report, ...]:
    from rasd import extract

    return tuple(extract(doc))


def ingest(store: Store, docs: Iterable[Document]) -> list[str]:
    """Add documents in this order; their statuses."""
    return [store.add(d, list(reports_of(d))).status for d in docs]


def articles_as_documents(tmp: Path, articles: Iterable[Article]) -> list[Document]:
    return documents(write_jsonl(tmp / "articles.jsonl", articles))


# --- what any store must hold ---------------------------------------------------------------------------------
def snapshot(store: Store) -> dict[str, Any]:
    """Everything linking decides: the events (whole rows) and which event each report belongs to."""
    events = sorted(store.events(ALL), key=lambda e: e["id"])
    owners = store.rows("SELECT id, event_id FROM reports ORDER BY id")
    return {"events": events, "owners": {r["id"]: r["event_id"] for r in owners}}


def docs_of(store: Store, eid: str) -> set[str]:
    ev = store.event(eid)
    assert ev is not None, eid
    return {r["doc"] for r in ev["reports"]}


def assert_consistent(store: Store, expected_reports: dict[str, int]) -> None:
    """Each stored document has all its reports, once; no orphan report, link or event; events match reports."""
    docs = {r["id"]: r["duplicate_of"] for r in store.rows("SELECT id, duplicate_of FROM documents")}
    assert set(docs) <= set(expected_reports), sorted(set(docs) - set(expected_reports))
    counts = store.rows("SELECT doc_id, COUNT(*) AS n FROM reports GROUP BY doc_id")
    stored = {r["doc_id"]: int(r["n"]) for r in counts}
    assert set(stored) <= set(docs), "reports without their document"
    assert {d: stored.get(d, 0) for d in docs} == {d: expected_reports[d] for d in docs}
    searchable = {r["doc_id"] for r in store.rows("SELECT doc_id FROM search WHERE report_id IS NULL")}
    assert searchable == set(docs)
    reports = store.rows("SELECT r.id, r.event_id, r.doc_id FROM reports r")
    by_event: dict[str, list[str]] = {}
    for r in reports:
        if docs[r["doc_id"]] is None:
            assert r["event_id"] is not None, f"report {r['id']} not linked to an event"
            by_event.setdefault(r["event_id"], []).append(r["id"])
        else:
            assert r["event_id"] is None, f"near-duplicate report {r['id']} counted in an event"
    events = {e["id"]: e for e in store.events(ALL)}
    assert set(events) == set(by_event)
    for eid, members in by_event.items():
        assert eid == event_id(members) and events[eid]["n_reports"] == len(members), eid
    ids = {r["id"] for r in reports}
    for link in store.rows("SELECT a, b FROM links"):
        assert link["a"] in ids and link["b"] in ids, link
