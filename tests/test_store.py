"""The event store, one suite for both databases: SQLite always, PostgreSQL when $RASD_TEST_PG names a server.

Each PostgreSQL test gets its own schema (dropped afterwards); each SQLite test its own file.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from store_fixtures import (
    ALL,
    ATTACK_A,
    ATTACK_B,
    DENIAL,
    IED,
    IED_REPUBLISHED,
    STORIES,
    STRIKE_1,
    STRIKE_2,
    Article,
    assert_consistent,
    docs_of,
    documents,
    generated,
    ingest,
    reports_of,
    snapshot,
    write_jsonl,
)

from rasd.model import Document
from rasd.store import EVENT_COLUMNS, EventFilter, Store, StoreError, open_store

PG_ENV = "RASD_TEST_PG"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RASD = str(Path(sys.executable).with_name("rasd"))

NewUrl = Callable[[], str]
OpenStore = Callable[[], Store]


def _with_search_path(url: str, schema: str) -> str:
    """The same database, with `schema` first on the search path (libpq's options parameter)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewUrl]:
    """A maker of URLs of fresh, empty stores of one kind."""
    if request.param == "sqlite":
        numbers = itertools.count()
        yield lambda: f"sqlite:///{tmp_path / f'store-{next(numbers)}.sqlite'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need ${PG_ENV}=postgresql://USER:PASSWORD@HOST:PORT/DB (.ci/run sets it)")
    psycopg = pytest.importorskip("psycopg")
    admin = psycopg.connect(base, autocommit=True)
    schemas: list[str] = []

    def make() -> str:
        schemas.append(f"rasd_test_{uuid.uuid4().hex[:12]}")
        admin.execute(f'CREATE SCHEMA "{schemas[-1]}"')
        return _with_search_path(base, schemas[-1])

    yield make
    for schema in schemas:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()


@pytest.fixture
def open_new(new_url: NewUrl) -> Iterator[OpenStore]:
    """A maker of fresh stores of one kind, all closed at the end of the test."""
    opened: list[Store] = []

    def make() -> Store:
        opened.append(open_store(new_url()))
        return opened[-1]

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(open_new: OpenStore) -> Store:
    return open_new()


def load(tmp_path: Path, articles: list[Article]) -> dict[str, Document]:
    name = f"in-{uuid.uuid4().hex[:8]}.jsonl"
    return {d.id: d for d in documents(write_jsonl(tmp_path / name, articles))}


@cache
def reference(docs: tuple[Document, ...]) -> dict[str, Any]:
    """The events one process gives, adding the documents one by one (computed once for both stores)."""
    ref = open_store("sqlite:///:memory:")
    ingest(ref, docs)
    found = snapshot(ref)
    ref.close()
    return found


def event_of(store: Store, report_id: str) -> dict[str, Any]:
    eid = store.rows("SELECT event_id FROM reports WHERE id = ?", (report_id,))[0]["event_id"]
    ev = store.event(eid)
    assert ev is not None, report_id
    return ev


def rasd_ingest(path: Path, url: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "RASD_DB"}
    return subprocess.Popen(
        [RASD, "ingest", str(path), "--db", url, "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- add ------------------------------------------------------------------------------------------------------
def test_add_new_stores_document_reports_and_events(store: Store, tmp_path: Path) -> None:
    doc = load(tmp_path, [ATTACK_A])["attack-a"]
    result = store.add(doc, list(reports_of(doc)))
    assert (result.status, result.reports) == ("new", len(reports_of(doc)))
    assert result.reports >= 1 and set(result.events) == {e["id"] for e in store.events()}
    assert store.document("attack-a") == {
        "id": "attack-a",
        "title": None,
        "url": None,
        "outlet": "Outlet A",
        "published": "2023-03-14T09:00",
        "text": doc.text,
        "duplicate_of": None,
    }


def test_add_same_text_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    doc = load(tmp_path, [ATTACK_A])["attack-a"]
    store.add(doc, list(reports_of(doc)))
    before = (snapshot(store), store.stats())
    again = store.add(doc, list(reports_of(doc)))
    copy = store.add(dataclasses.replace(doc, id="attack-a-copy", outlet="Outlet Z"), list(reports_of(doc)))
    assert (again.status, again.duplicate_of, again.reports) == ("duplicate", "attack-a", 0)
    assert (copy.status, copy.duplicate_of) == ("duplicate", "attack-a")
    assert (snapshot(store), store.stats()) == before
    assert store.document("attack-a-copy") is None


def test_add_near_duplicate_links_to_original_not_a_source(store: Store, tmp_path: Path) -> None:
    docs = load(tmp_path, [IED, IED_REPUBLISHED])
    ingest(store, [docs["ied"]])
    before = snapshot(store)
    result = store.add(docs["ied-again"], list(reports_of(docs["ied-again"])))
    assert (result.status, result.duplicate_of) == ("near_duplicate", "ied")
    assert (store.document("ied-again") or {})["duplicate_of"] == "ied"
    assert snapshot(store)["events"] == before["events"]
    assert all(e["sources"] == ["Outlet D"] and e["n_documents"] == 1 for e in store.events(ALL))
    assert store.stats()["near_duplicates"] == 1


# --- linking --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("b_published", "fatalities"),
    [("2023-03-15T10:00", 7), ("2023-03-14T18:00", 5)],
    ids=["later-day-takes-latest", "same-day-takes-smallest"],
)
def test_two_outlets_one_incident_contested(store: Store, tmp_path: Path, b_published: str, fatalities: int) -> None:
    docs = load(tmp_path, [ATTACK_A, dataclasses.replace(ATTACK_B, published=b_published)])
    ingest(store, docs.values())
    ev = event_of(store, "attack-a#0")
    assert docs_of(store, ev["id"]) == {"attack-a", "attack-b"}
    assert (ev["n_documents"], ev["sources"], ev["event_date"]) == (2, ["Outlet A", "Outlet B"], "2023-03-13")
    assert (ev["actor1"], ev["actor2"]) in {("Islamic State", "SDF"), ("SDF", "Islamic State")}
    assert ev["contested"] is True
    assert "fatalities: 7 (Outlet B, attack-b) vs 5 (Outlet A, attack-a)" in ev["contested_reasons"]
    assert ev["fatalities"] == fatalities


def test_same_town_two_days_two_events(store: Store, tmp_path: Path) -> None:
    ingest(store, load(tmp_path, [STRIKE_1, STRIKE_2]).values())
    first, second = event_of(store, "strike-1#0"), event_of(store, "strike-2#0")
    assert first["id"] != second["id"]
    assert (first["event_date"], second["event_date"]) == ("2023-05-02", "2023-05-08")
    assert first["location"] == second["location"] == "Tall Tamr"
    assert docs_of(store, first["id"]) == {"strike-1"} and docs_of(store, second["id"]) == {"strike-2"}


def test_relink_gives_the_incremental_events(store: Store, tmp_path: Path) -> None:
    docs = load(tmp_path, [*STORIES, IED_REPUBLISHED, *generated(40)])
    ingest(store, docs.values())
    incremental = snapshot(store)
    assert store.relink() == len(incremental["events"])
    assert snapshot(store) == incremental
    assert sum(e["n_documents"] > 1 for e in incremental["events"]) >= 8


@pytest.mark.parametrize("order", ["reversed", "shuffled"])
def test_ingestion_order_does_not_change_events(open_new: OpenStore, tmp_path: Path, order: str) -> None:
    docs = list(load(tmp_path, [*STORIES, *generated(40)]).values())
    other = docs[::-1] if order == "reversed" else random.Random(7).sample(docs, len(docs))
    first, second = open_new(), open_new()
    ingest(first, docs)
    ingest(second, other)
    assert snapshot(second) == snapshot(first)
    assert sum(e["contested"] for e in snapshot(first)["events"]) >= 8


# --- queries --------------------------------------------------------------------------------------------------
def _on_or_after(ev: dict[str, Any]) -> bool:
    return "2023-05-01" <= ev["event_date"] <= "2023-05-31"


def _in_box(ev: dict[str, Any]) -> bool:
    return 40.0 <= ev["longitude"] <= 40.7 and 36.4 <= ev["latitude"] <= 36.9


FILTERS: list[tuple[str, EventFilter, set[str], Callable[[dict[str, Any]], bool]]] = [
    ("dates", EventFilter(since="2023-05-01", until="2023-05-31"), {"strike-1", "strike-2"}, _on_or_after),
    (
        "sub-type",
        EventFilter(event_type="Air/drone strike"),
        {"strike-1", "strike-2"},
        lambda e: e["sub_event_type"] == "Air/drone strike",
    ),
    ("type", EventFilter(event_type="Explosions/Remote violence"), {"strike-1", "strike-2", "ied"}, lambda e: True),
    (
        "actor",
        EventFilter(actor="Military Forces of Turkey"),
        {"strike-1", "strike-2"},
        lambda e: "Military Forces of Turkey" in (e["actor1"], e["actor2"]),
    ),
    ("actor2", EventFilter(actor="SDF"), {"attack-a", "attack-b"}, lambda e: "SDF" in (e["actor1"], e["actor2"])),
    ("country", EventFilter(country="Iraq"), {"ied"}, lambda e: e["country"] == "Iraq"),
    ("admin1", EventFilter(admin1="Al Hasakeh"), {"strike-1", "strike-2"}, lambda e: e["admin1"] == "Al Hasakeh"),
    ("bbox", EventFilter(bbox=(40.0, 36.4, 40.7, 36.9)), {"strike-1", "strike-2"}, _in_box),
    ("text", EventFilter(text="طائرة مسيّرة"), {"strike-1", "strike-2"}, lambda e: True),
    ("text-hamza", EventFilter(text="الأسايش"), {"denial"}, lambda e: True),
    ("text-two-words", EventFilter(text="بلدة الشحيل"), {"attack-a", "attack-b"}, lambda e: True),
    ("text-absent", EventFilter(text="زلزال"), set(), lambda e: True),
    ("text-punctuation", EventFilter(text="«الأسايش»! OR *"), set(), lambda e: True),
    ("text-quoted", EventFilter(text="«الأسايش»"), {"denial"}, lambda e: True),
    ("contested", EventFilter(contested=True), {"attack-a", "attack-b", "denial"}, lambda e: e["contested"]),
]


@pytest.mark.parametrize(("name", "f", "docs", "holds"), FILTERS, ids=[x[0] for x in FILTERS])
def test_events_filter(
    store: Store, tmp_path: Path, name: str, f: EventFilter, docs: set[str], holds: Callable[[dict[str, Any]], bool]
) -> None:
    ingest(store, load(tmp_path, list(STORIES)).values())
    found = store.events(f)
    assert {d for ev in found for d in docs_of(store, ev["id"])} == docs, name
    assert all(holds(ev) for ev in found), name
    assert all(ev["event_date"] >= nxt["event_date"] for ev, nxt in itertools.pairwise(found))


def test_events_limit_and_offset(store: Store, tmp_path: Path) -> None:
    ingest(store, load(tmp_path, list(STORIES)).values())
    every = [e["id"] for e in store.events(ALL)]
    assert [e["id"] for e in store.events(EventFilter(limit=2, offset=1))] == every[1:3]


def test_event_columns_hold_what_the_event_json_holds(store: Store, tmp_path: Path) -> None:
    """The map reads columns instead of decoding each event: the values must be the JSON's, for every filter."""
    ingest(store, load(tmp_path, list(STORIES)).values())
    names = sorted(EVENT_COLUMNS)
    for _, f, _, _ in FILTERS:
        assert store.events_columns(names, f) == [{k: ev[k] for k in names} for ev in store.events(f)]
    with pytest.raises(StoreError, match="'contested'"):
        store.events_columns(["id", "contested"])


def test_event_detail_has_reports_documents_evidence(store: Store, tmp_path: Path) -> None:
    docs = load(tmp_path, [ATTACK_A, ATTACK_B])
    ingest(store, docs.values())
    ev = event_of(store, "attack-b#0")
    assert [(d["id"], d["outlet"], d["published"]) for d in ev["documents"]] == [
        ("attack-a", "Outlet A", "2023-03-14T09:00"),
        ("attack-b", "Outlet B", "2023-03-15T10:00"),
    ]
    assert [r["doc"] for r in ev["reports"]] == ["attack-a", "attack-b"]
    assert [r["fatalities"] for r in ev["reports"]] == [5, 7]
    for r in ev["reports"]:
        text = docs[r["doc"]].text
        assert r["evidence"] and all(text[e["start"] : e["end"]] == e["text"] for e in r["evidence"])
        assert all(e["sentence"] in text for e in r["evidence"])
        assert {(c["field"], c["stance"]) for c in r["claims"]} >= {("fatalities", "asserts")}
    assert store.event("EV000000000000") is None


def test_denied_event_is_contested(store: Store, tmp_path: Path) -> None:
    ingest(store, load(tmp_path, [DENIAL]).values())
    ev = event_of(store, "denial#0")
    assert ev["contested"] and any(r.startswith("denied by Asayish (denial)") for r in ev["contested_reasons"])
    assert {c["stance"] for c in ev["claims"]} >= {"denies"}


# --- several processes, crashes -------------------------------------------------------------------------------
def test_first_open_by_several_at_once_migrates_once(new_url: NewUrl) -> None:
    url = new_url()
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_store(url), range(4)))
    versions = stores[0].rows("SELECT version FROM schema_version ORDER BY version")
    for s in stores:
        s.close()
    assert [v["version"] for v in versions] == list(range(1, len(versions) + 1))


def test_concurrent_ingest_processes(new_url: NewUrl, tmp_path: Path) -> None:
    articles = generated(60)
    docs = list(load(tmp_path, articles).values())
    batches = [articles[:40], articles[20:][::-1], random.Random(3).sample(articles, len(articles))]
    url = new_url()
    procs = [rasd_ingest(write_jsonl(tmp_path / f"batch-{i}.jsonl", b), url) for i, b in enumerate(batches)]
    outcomes = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), [err[-2000:] for _, err in outcomes]
    with closing(open_store(url)) as s:
        assert sorted(r["id"] for r in s.rows("SELECT id FROM documents")) == sorted(a.id for a in articles)
        assert_consistent(s, {d.id: len(reports_of(d)) for d in docs})
        assert snapshot(s) == reference(tuple(docs))


def test_killed_ingest_leaves_a_consistent_store(new_url: NewUrl, tmp_path: Path) -> None:
    articles = generated(90)
    docs = list(load(tmp_path, articles).values())
    path, url = write_jsonl(tmp_path / "batch.jsonl", articles), new_url()
    with closing(open_store(url)) as s:
        proc = rasd_ingest(path, url)
        deadline = time.monotonic() + 120
        while s.stats()["documents"] < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        stored = s.stats()["documents"]
        assert 10 <= stored < len(articles), f"killed after {stored} of {len(articles)} documents"
        assert_consistent(s, {d.id: len(reports_of(d)) for d in docs})
    rerun = rasd_ingest(path, url)
    _, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err[-2000:]
    with closing(open_store(url)) as s:
        assert s.stats()["documents"] == len(articles)
        assert_consistent(s, {d.id: len(reports_of(d)) for d in docs})
        assert snapshot(s) == reference(tuple(docs))


# --- the seed articles ----------------------------------------------------------------------------------------
def test_seed_articles_link_into_their_events(store: Store) -> None:
    seeds = SHARED / "corpus" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"{seeds} not found (the shared folder lies beside the repository)")
    ingest(store, documents(seeds))
    both = [e for e in store.events(ALL) if {"seed-002", "seed-003"} <= docs_of(store, e["id"])]
    attacks = [e for e in both if e["event_type"] != "Strategic developments"]
    assert len(attacks) == 1, [(e["event_type"], e["event_date"]) for e in both]
    raqqa = attacks[0]
    assert (raqqa["event_date"], raqqa["admin1"], raqqa["contested"]) == ("2022-12-26", "Ar Raqqa", True)
    assert any(r.startswith("detainees_held: 900 (") and " vs 200 (" in r for r in raqqa["contested_reasons"])
    main = store.rows("SELECT id FROM reports WHERE doc_id = 'seed-004' AND role = 'main' ORDER BY seq")
    sinaa = event_of(store, main[0]["id"])
    assert sinaa["event_date"].startswith("2022-01-2") and sinaa["admin1"] == "Al Hasakeh"
    assert docs_of(store, sinaa["id"]) >= {"seed-000", "seed-001", "seed-004"}
    escape = [
        e
        for e in store.events(EventFilter(admin1="Ar Raqqa", limit=1000))
        if "seed-001" in docs_of(store, e["id"]) and "prison" in e["tags"]
    ]
    assert escape and all(e["contested"] for e in escape)
    assert any(any(r.startswith("denied by") for r in e["contested_reasons"]) for e in escape)
