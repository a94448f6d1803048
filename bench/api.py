#!/usr/bin/env python3
"""Latency of GET /api/events under 20 concurrent clients, over a store of 10,000 synthetic events.

usage: python bench/api.py [--events 10000] [--clients 20] [--seconds 20] [--workers N] [--threads N] [--db URL]

The store is filled through the store's own method, `Store.add(document, reports)`, with generated reports (no
extraction): each event is a distinct (day, place) of in-scope gazetteer places at least 15 km apart, so reports of
different slots never link, and one slot in twenty gets a second document with another death toll, so that
contested events exist. Documents are short texts of gazetteer names (different enough never to be near-duplicates).
The server runs as its own process (`rasd serve`), as in use; the clients are threads on persistent HTTP/1.1
connections (http.client, standard library) that send varied filters for a bounded time and read every byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import math
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from rasd.geo.gazetteer import Place, default_gazetteer
from rasd.model import Claim, Document, Evidence, Report
from rasd.recognize.lexicon import default_lexicon
from rasd.serve.defaults import DEFAULT_THREADS
from rasd.serve.i18n import taxonomy
from rasd.store import Store, open_store

START = dt.date(2021, 1, 1)
DAYS = 3 * 365
MIN_KM = 15.0  # farther than the linker's 10 km for exact places: slots never merge
OUTLETS = ("وكالة أ", "وكالة ب", "شبكة ج", "موقع د")


@dataclass
class Slot:
    day: dt.date
    place: Place
    event_type: str
    sub_event_type: str
    actors: tuple[str, str]


@dataclass
class Timings:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_query: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0


def km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat or 0), math.radians(b.lat or 0)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians((b.lon or 0) - (a.lon or 0)) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def spread_places(limit: int = 60) -> list[Place]:
    """The most populous in-scope towns and cities, each at least MIN_KM from the ones already chosen."""
    candidates = sorted(
        (
            p
            for p in default_gazetteer().places.values()
            if p.in_scope and p.lat is not None and p.kind in ("city", "town")
        ),
        key=lambda p: (-p.population, p.id),
    )
    chosen: list[Place] = []
    for p in candidates:
        if all(km(p, q) >= MIN_KM for q in chosen):
            chosen.append(p)
        if len(chosen) == limit:
            break
    return chosen


def slots(n: int, rng: random.Random) -> list[Slot]:
    places = spread_places()
    kinds = [(t.name, s) for t in taxonomy() for s in t.subtypes]
    actors = sorted(a.key for a in default_lexicon().actors)
    picked = rng.sample(range(DAYS * len(places)), n)
    out = []
    for k in picked:
        day, where = divmod(k, len(places))
        kind = rng.choice(kinds)
        pair = tuple(rng.sample(actors, 2))
        out.append(Slot(START + dt.timedelta(days=day), places[where], kind[0], kind[1], (pair[0], pair[1])))
    return out


def document(i: int, slot: Slot, outlet: str, rng: random.Random, words: list[str]) -> Document:
    body = " ".join(rng.choice(words) for _ in range(24))
    return Document(id=f"bench-{i:06d}", text=f"{slot.place.names_ar[0]} {body}", outlet=outlet,
                    published=f"{slot.day.isoformat()}T12:00:00+03:00")  # fmt: skip


def report(doc: Document, slot: Slot, fatalities: int) -> Report:
    name = slot.place.names_ar[0]
    sentence = doc.text[:80]
    return Report(
        doc=doc.id, event_date=slot.day.isoformat(), time_precision=1, event_type=slot.event_type,
        sub_event_type=slot.sub_event_type, actor1=slot.actors[0], actor2=slot.actors[1], country=slot.place.country,
        admin1=slot.place.admin1, location=slot.place.name_en, latitude=slot.place.lat, longitude=slot.place.lon,
        geo_precision=1, fatalities=fatalities, source=doc.outlet, published=doc.published,
        claims=[Claim("fatalities", fatalities, doc.outlet or "?", "asserts")],
        evidence=[Evidence("location", name, 0, len(name), sentence)],
    )  # fmt: skip


def fill(store: Store, n: int, seed: int) -> int:
    """Store n events (and a second, disagreeing report for one in twenty); the number of documents."""
    rng = random.Random(seed)
    if store.dialect == "sqlite":
        store.execute("PRAGMA synchronous = OFF")  # a throw-away store: no need to wait for the disk at each commit
    words = sorted({w for p in default_gazetteer().places.values() for name in p.names_ar for w in name.split()})
    docs = 0
    for i, slot in enumerate(slots(n, rng)):
        toll = rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 21))
        first = document(docs, slot, rng.choice(OUTLETS), rng, words)
        store.add(first, [report(first, slot, toll)])
        docs += 1
        if i % 20 == 0:
            second = document(docs, slot, OUTLETS[-1] if first.outlet != OUTLETS[-1] else OUTLETS[0], rng, words)
            store.add(second, [report(second, slot, toll + 3)])
            docs += 1
    return docs


def queries(store: Store) -> list[str]:
    """Varied filters, taken from what the store holds so every one can match."""
    stats = store.rows("SELECT admin1, COUNT(*) AS n FROM events GROUP BY admin1 ORDER BY n DESC LIMIT 3")
    actor = store.rows("SELECT actors FROM events LIMIT 1")[0]["actors"].strip("|").split("|")[0]
    word = default_gazetteer().places[spread_places(1)[0].id].names_ar[0]
    found: list[dict[str, str | int]] = [
        {}, {"limit": 50}, {"limit": 500}, {"offset": 2000}, {"offset": 9000, "limit": 200},
        {"type": "Battles"}, {"type": "Air/drone strike"}, {"type": "Strategic developments", "offset": 300},
        {"country": "Iraq"}, {"country": "Syria", "since": "2022-01-01", "until": "2022-06-30"},
        {"admin1": stats[0]["admin1"]}, {"admin1": stats[-1]["admin1"], "type": "Battles"},
        {"actor": actor}, {"contested": "true"}, {"bbox": "38,34.5,41.5,37"}, {"since": "2023-06-01"},
        {"text": word}, {"fields": "id,event_date,event_type,latitude,longitude,fatalities", "limit": 1000},
    ]  # fmt: skip
    return ["/api/events" + ("?" + urllib.parse.urlencode(q) if q else "") for q in found]


def client(host: str, port: int, paths: list[str], stop: float, timings: Timings, seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.monotonic() < stop:
        path = rng.choice(paths)
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        elapsed = time.perf_counter() - t0
        with timings.lock:
            if not ok:
                timings.errors += 1
                continue
            timings.latencies.append(elapsed)
            timings.by_query.setdefault(path, []).append(elapsed)
    conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    code = "import sys; from rasd.cli_serve import serve; serve(sys.argv[1:])"
    options = ["--db", db, "--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    proc = subprocess.Popen([sys.executable, "-c", code, *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def report_timings(timings: Timings, seconds: float, clients: int) -> None:
    lat = timings.latencies
    print(f"{len(lat)} requests in {seconds:.1f} s by {clients} clients: {len(lat) / seconds:.0f} requests/s, "
          f"{timings.errors} errors")  # fmt: skip
    print(f"latency ms: p50 {pct(lat, 50):.1f}  p95 {pct(lat, 95):.1f}  p99 {pct(lat, 99):.1f}  "
          f"mean {statistics.mean(lat) * 1000:.1f}  max {max(lat) * 1000:.1f}")  # fmt: skip
    print("p95 ms by query:")
    for path, values in sorted(timings.by_query.items(), key=lambda kv: -pct(kv[1], 95)):
        print(f"  {pct(values, 95):7.1f}  n={len(values):5d}  {urllib.parse.unquote(path)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1, help="Server processes (rasd serve --workers).")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="Threads per process (--threads).")
    parser.add_argument(
        "--index",
        action="store_true",
        help="Also create the index proposed for the store, events (event_date DESC, id), to measure its effect.",
    )
    parser.add_argument("--db", help="Use (and fill, if empty) this store instead of a fresh temporary one.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        store = open_store(db)
        if store.stats()["events"] == 0:
            t0 = time.perf_counter()
            docs = fill(store, args.events, seed=7)
            print(f"filled {db}: {docs} documents in {time.perf_counter() - t0:.1f} s")
        if args.index:
            store.execute("CREATE INDEX IF NOT EXISTS events_order ON events (event_date DESC, id)")
            store.execute("ANALYZE")
            store.conn.commit()
        print("store:", store.stats(), "(with the proposed index)" if args.index else "")
        paths = queries(store)
        store.close()
        port = free_port()
        server = start_server(db, port, args.workers, args.threads)
        try:
            timings = Timings()
            stop = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, args=("127.0.0.1", port, paths, stop, timings, i))
                       for i in range(args.clients)]  # fmt: skip
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join(args.seconds + 60)
            report_timings(timings, time.perf_counter() - t0, args.clients)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
