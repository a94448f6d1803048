"""The event store: documents, their reports, the links between reports, and the events they make.

One interface, two databases (SQLite, PostgreSQL). A document is stored with all its reports, and linked, in one
transaction: a crash leaves it stored whole or not at all, and the next run picks it up. Linking is incremental
but order-independent: a new document's reports are scored against the reports near them in time and place, the
pairs are stored, and only the region of reports its pairs connect is re-clustered. `relink` recomputes every pair
and every event and gives the same result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any

import orjson

from rasd.link import neardup
from rasd.link.aggregate import aggregate
from rasd.link.cluster import Pair, clusters, event_id
from rasd.link.rules import conflict, link_score, window_days
from rasd.model import Document, Report

Row = dict[str, Any]
NEAR_DUP_DAYS = 3  # a republished story appears within days of the first


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message says what and why."""


@dataclass(frozen=True)
class IngestResult:
    """What storing one document did."""

    doc: str
    status: str  # new | duplicate | near_duplicate
    reports: int = 0
    events: tuple[str, ...] = ()
    duplicate_of: str | None = None


@dataclass(frozen=True)
class EventFilter:
    """The filters of `rasd events` and the API's /events."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None
    contested: bool = False
    limit: int = 100
    offset: int = 0


# Event keys kept in a column of the events table with exactly the value of the event's JSON (not `contested`,
# a 0/1 column for a JSON boolean, nor `actors`, a search column): what `events_columns` may read.
EVENT_COLUMNS = frozenset(
    ("id", "event_date", "event_type", "sub_event_type", "country", "admin1", "latitude", "longitude", "fatalities",
     "n_documents")
)  # fmt: skip


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


class Store:
    """The SQL both databases share; subclasses give the connection and the dialect's few differences."""

    dialect = "sql"
    placeholder = "?"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url

    # --- dialect hooks -------------------------------------------------------------------------------------
    def _begin(self) -> None:
        raise NotImplementedError

    def _search_match(self, query: str) -> tuple[str, str] | None:
        """The dialect's full-text condition on the `search` table and its parameter (None: no words)."""
        raise NotImplementedError

    def _add_search(self, doc_id: str, report_id: str | None, body: str) -> None:
        self.execute("INSERT INTO search (doc_id, report_id, body) VALUES (?, ?, ?)", (doc_id, report_id, body))

    # --- plumbing --------------------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._begin()
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def migrate(self) -> int:
        """Apply the migrations this database has not seen; the version reached."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        self.conn.commit()
        with self.transaction():
            have = self.rows("SELECT MAX(version) AS v FROM schema_version")[0]["v"] or 0
            folder = resources.files("rasd.store") / "migrations" / self.dialect
            for path in sorted(folder.iterdir(), key=lambda p: p.name):
                version = int(path.name.split("_", 1)[0])
                if version > have:
                    for statement in path.read_text(encoding="utf-8").split(";"):
                        body = "\n".join(x for x in statement.splitlines() if not x.strip().startswith("--")).strip()
                        if body:
                            self.execute(body)
                    self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                    have = version
        return int(have)

    def close(self) -> None:
        self.conn.close()

    # --- ingest ----------------------------------------------------------------------------------------------
    def add(self, doc: Document, reports: list[Report]) -> IngestResult:
        """Store a document with its reports and link them, in one transaction."""
        with self.transaction():
            return self._add(doc, reports)

    def _add(self, doc: Document, reports: list[Report]) -> IngestResult:
        digest = content_hash(doc.text)
        same = self.rows("SELECT id FROM documents WHERE content_hash = ?", (digest,))
        if same:
            return IngestResult(doc.id, "duplicate", duplicate_of=same[0]["id"])
        doc_id = doc.id
        if self.rows("SELECT id FROM documents WHERE id = ?", (doc_id,)):
            doc_id = f"{doc.id}@{digest[:8]}"  # a corrected version under the same id
        signature = neardup.signature(doc.text)
        original = self._near_duplicate(doc, signature)
        self.execute(
            "INSERT INTO documents (id, content_hash, shingles, title, url, outlet, published, text, duplicate_of,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                digest,
                signature,
                doc.title,
                doc.url,
                doc.outlet,
                doc.published,
                doc.text,
                original,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        self._add_search(doc_id, None, _searchable(doc.text))
        rows = [self._insert_report(doc_id, i, r) for i, r in enumerate(reports)]
        if original is not None:
            return IngestResult(doc_id, "near_duplicate", len(rows), duplicate_of=original)
        events = self._link([r["id"] for r in rows])
        return IngestResult(doc_id, "new", len(rows), tuple(sorted(events)))

    def _near_duplicate(self, doc: Document, signature: str) -> str | None:
        """The first stored story this one republishes: published within days, of similar length and wording."""
        day = _day(doc.published)
        if day is None:
            return None
        near = self.rows(
            "SELECT id, shingles FROM documents WHERE duplicate_of IS NULL AND published >= ? AND published < ?"
            " ORDER BY published, id",
            (_shift(day, -NEAR_DUP_DAYS), _shift(day, NEAR_DUP_DAYS + 1)),
        )
        mine = neardup.parse(signature)
        return next((r["id"] for r in near if neardup.near_signatures(signature, r["shingles"] or "", mine)), None)

    def _insert_report(self, doc_id: str, seq: int, report: Report) -> Row:
        row = report.to_dict() | {"doc": doc_id, "id": f"{doc_id}#{seq}"}
        self.execute(
            "INSERT INTO reports (id, doc_id, seq, role, event_date, time_precision, event_type, sub_event_type,"
            " country, admin1, latitude, longitude, geo_precision, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                doc_id,
                seq,
                row["role"],
                row["event_date"],
                row["time_precision"],
                row["event_type"],
                row["sub_event_type"],
                row["country"],
                row["admin1"],
                row["latitude"],
                row["longitude"],
                row["geo_precision"],
                json.dumps(row, ensure_ascii=False),
            ),
        )
        evidence = " ".join(sorted({e["sentence"] for e in row["evidence"]}))
        if evidence:
            self._add_search(doc_id, row["id"], _searchable(evidence))
        return row

    # --- linking ---------------------------------------------------------------------------------------------
    def _report(self, report_id: str) -> Row:
        row = self.rows("SELECT data FROM reports WHERE id = ?", (report_id,))[0]
        return dict(json.loads(row["data"]))

    def _neighbours(self, r: Row) -> list[Row]:
        """Reports near r in time and country, of other documents that are not near-duplicates."""
        if not r.get("event_date") or not r.get("country"):
            return []
        w = window_days(r)
        found = self.rows(
            "SELECT r.data FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.country = ?"
            " AND r.event_date >= ? AND r.event_date <= ? AND r.doc_id <> ? AND d.duplicate_of IS NULL",
            (r["country"], _shift(r["event_date"], -w), _shift(r["event_date"], w), r["doc"]),
        )
        return [json.loads(x["data"]) for x in found]

    def _score_pairs(self, report_ids: list[str]) -> None:
        for rid in report_ids:
            r = self._report(rid)
            for other in self._neighbours(r):
                score = link_score(r, other)
                if score is not None:
                    a, b = sorted((rid, other["id"]))
                    self.execute(
                        "INSERT INTO links (a, b, score) VALUES (?, ?, ?) ON CONFLICT (a, b) DO NOTHING", (a, b, score)
                    )

    def _region(self, start: list[str]) -> set[str]:
        """Every report the links connect to these."""
        seen, frontier = set(start), list(start)
        while frontier:
            batch, frontier = frontier[:200], frontier[200:]
            marks = ", ".join("?" * len(batch))
            for row in self.rows(f"SELECT a, b FROM links WHERE a IN ({marks}) OR b IN ({marks})", batch + batch):
                for x in (row["a"], row["b"]):
                    if x not in seen:
                        seen.add(x)
                        frontier.append(x)
        return seen

    def _link(self, new_reports: list[str]) -> set[str]:
        if not new_reports:
            return set()
        self._score_pairs(new_reports)
        return self._recluster(sorted(self._region(new_reports)))

    def _recluster(self, region: list[str]) -> set[str]:
        """Re-cluster these reports (a whole linked region) and rewrite their events."""
        reports = {rid: self._report(rid) for rid in region}
        pairs = [Pair(p["a"], p["b"], float(p["score"])) for p in self._pairs_within(region)]
        old = {
            r["event_id"] for r in self._many("SELECT event_id FROM reports WHERE id IN ({})", region) if r["event_id"]
        }
        made = set()
        docs = {rid: r["doc"] for rid, r in reports.items()}
        for group in clusters(docs, pairs, lambda x, y: conflict(reports[x], reports[y])):
            eid = event_id(group)
            self._write_event(eid, [reports[g] for g in group])
            made.add(eid)
        for gone in sorted(old - made):
            self.execute("DELETE FROM events WHERE id = ?", (gone,))
        return made

    def _many(self, sql: str, ids: list[str]) -> list[Row]:
        out: list[Row] = []
        for i in range(0, len(ids), 500):
            batch = ids[i : i + 500]
            out += self.rows(sql.format(", ".join("?" * len(batch))), batch)
        return out

    def _pairs_within(self, region: list[str]) -> list[Row]:
        inside = set(region)
        return [p for p in self._many("SELECT a, b, score FROM links WHERE a IN ({})", region) if p["b"] in inside]

    def _write_event(self, eid: str, reports: list[Row]) -> None:
        docs = {
            d["id"]: d
            for d in self._many(
                "SELECT id, outlet, published FROM documents WHERE id IN ({})", sorted({r["doc"] for r in reports})
            )
        }
        for r in reports:
            r.setdefault("published", docs.get(r["doc"], {}).get("published"))
        ev = aggregate(eid, reports, docs)
        actors = (
            "|"
            + "|".join(
                sorted(
                    {ev[k] for k in ("actor1", "actor2") if ev.get(k)}
                    | {
                        a.strip()
                        for k in ("assoc_actor_1", "assoc_actor_2")
                        for a in str(ev.get(k) or "").split(";")
                        if a.strip()
                    }
                )
            )
            + "|"
        )
        self.execute(
            "INSERT INTO events (id, event_date, event_type, sub_event_type, country, admin1, latitude, longitude,"
            " fatalities, contested, actors, n_documents, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET event_date = excluded.event_date, event_type = excluded.event_type,"
            " sub_event_type = excluded.sub_event_type, country = excluded.country, admin1 = excluded.admin1,"
            " latitude = excluded.latitude, longitude = excluded.longitude, fatalities = excluded.fatalities,"
            " contested = excluded.contested, actors = excluded.actors, n_documents = excluded.n_documents,"
            " data = excluded.data",
            (
                eid,
                ev["event_date"],
                ev["event_type"],
                ev["sub_event_type"],
                ev["country"],
                ev["admin1"],
                ev["latitude"],
                ev["longitude"],
                ev["fatalities"],
                int(ev["contested"]),
                actors,
                ev["n_documents"],
                json.dumps(ev, ensure_ascii=False),
            ),
        )
        for r in reports:
            self.execute("UPDATE reports SET event_id = ? WHERE id = ?", (eid, r["id"]))

    def relink(self) -> int:
        """Recompute every pair and every event from the stored reports; the number of events."""
        with self.transaction():
            self.execute("DELETE FROM links")
            self.execute("DELETE FROM events")
            self.execute("UPDATE reports SET event_id = NULL")
            ids = [
                r["id"]
                for r in self.rows(
                    "SELECT r.id FROM reports r JOIN documents d ON d.id = r.doc_id"
                    " WHERE d.duplicate_of IS NULL ORDER BY r.id"
                )
            ]
            self._score_pairs(ids)
            done: set[str] = set()
            for rid in ids:
                if rid not in done:
                    region = sorted(self._region([rid]))
                    done.update(region)
                    self._recluster(region)
        return int(self.rows("SELECT COUNT(*) AS n FROM events")[0]["n"])

    # --- queries ---------------------------------------------------------------------------------------------
    def events(self, f: EventFilter | None = None) -> list[Row]:
        """Events matching the filter, newest first."""
        return [orjson.loads(text) for text in self.events_json(f)]

    def events_json(self, f: EventFilter | None = None) -> list[str]:
        """The same events as their stored JSON text, for callers that pass them on (the API) without decoding."""
        return [str(r["data"]) for r in self._events_query("data", f or EventFilter())]

    def events_columns(self, names: Sequence[str], f: EventFilter | None = None) -> list[Row]:
        """Only the named keys of the same events, read from their columns (no JSON decoded): the map's query.

        Every name must be in EVENT_COLUMNS, the keys whose column holds the value the event's JSON holds.
        """
        bad = [n for n in names if n not in EVENT_COLUMNS]
        if bad:
            raise StoreError(f"not an event column: {bad[0]!r}")
        return self._events_query(", ".join(names), f or EventFilter())

    def _events_query(self, select: str, f: EventFilter) -> list[Row]:
        where, params = _event_where(f)
        head = ""
        if f.text:
            match = self._search_match(f.text)
            if match is None:
                return []
            # The events of the reports whose documents (or evidence) hold the words, found first through the
            # full-text index: left to itself PostgreSQL walks every event newest first and probes each (4x slower).
            head = (
                "WITH hits AS MATERIALIZED (SELECT r.event_id FROM reports r JOIN search s ON s.doc_id = r.doc_id"
                f" WHERE s.{match[0]}) "
            )
            where.append("id IN (SELECT event_id FROM hits)")
            params.insert(0, match[1])
        sql = f"{head}SELECT {select} FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY event_date DESC, id LIMIT ? OFFSET ?"
        return self.rows(sql, [*params, f.limit, f.offset])

    def event(self, eid: str) -> Row | None:
        row = self.rows("SELECT data FROM events WHERE id = ?", (eid,))
        if not row:
            return None
        ev: Row = json.loads(row[0]["data"])
        reps = self.rows("SELECT data FROM reports WHERE event_id = ? ORDER BY id", (eid,))
        ev["reports"] = [json.loads(r["data"]) for r in reps]
        ev["documents"] = self._many(
            "SELECT id, title, url, outlet, published, duplicate_of FROM documents WHERE id IN ({}) ORDER BY id",
            sorted({r["doc"] for r in ev["reports"]}),
        )
        return ev

    def reports_of(self, doc_ids: list[str]) -> dict[str, list[Row]]:
        """The stored reports of these documents, each with the event it belongs to."""
        out: dict[str, list[Row]] = {d: [] for d in doc_ids}
        for r in self._many("SELECT doc_id, event_id, data FROM reports WHERE doc_id IN ({}) ORDER BY id", doc_ids):
            out[r["doc_id"]].append(json.loads(r["data"]) | {"event_id": r["event_id"]})
        return out

    def document(self, doc_id: str) -> Row | None:
        rows = self.rows(
            "SELECT id, title, url, outlet, published, text, duplicate_of FROM documents WHERE id = ?", (doc_id,)
        )
        return rows[0] if rows else None

    def stats(self) -> Row:
        one = self.rows(
            "SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM reports) AS reports,"
            " (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM events WHERE contested = 1) AS contested,"
            " (SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL) AS near_duplicates"
        )
        return one[0]


def _searchable(text: str) -> str:
    from rasd.text.normalize import normalize

    return normalize(text).text


def _event_where(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    simple = [
        ("event_date >= ?", f.since),
        ("event_date <= ?", f.until),
        ("country = ?", f.country),
        ("admin1 = ?", f.admin1),
    ]
    for clause, value in simple:
        if value:
            where.append(clause)
            params.append(value)
    if f.event_type:
        where.append("(event_type = ? OR sub_event_type = ?)")
        params += [f.event_type, f.event_type]
    if f.actor:
        where.append("actors LIKE ?")
        params.append(f"%|{f.actor}|%")
    if f.bbox:
        where.append("longitude >= ? AND latitude >= ? AND longitude <= ? AND latitude <= ?")
        params += list(f.bbox)
    if f.contested:
        where.append("contested = 1")
    return where, params
