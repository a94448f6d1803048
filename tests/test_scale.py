"""Scale-out on Dask: a LocalCluster of two worker processes on loopback gives what one process gives.

Equality with the single-process run on corpus articles (extract: the same reports; ingest: the same events),
a worker killed mid-run (nothing lost, nothing stored twice, every rejection listed), and bad documents inside a
partition (rejected with their reason, the rest of the partition kept).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.batch import Outcome, extract_one
from rasd.cli import main
from rasd.export import ReportWriter
from rasd.model import Document
from rasd.scale import (
    DaskCluster,
    DaskMissing,
    PartitionResult,
    RunSummary,
    ScaleError,
    connect,
    extract_distributed,
    ingest_distributed,
    local_workers,
    partitions,
    read_items,
)
from rasd.store import EventFilter, open_store

pytest.importorskip("distributed", reason="dask.distributed is not installed: pip install 'rasd[dask]'")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "almayadeen-2023-2024.jsonl.gz"
N_ARTICLES = 120  # the store's near-duplicate check makes ingest slow: a few dozen articles a second
SIZE = 30  # documents per partition in the library runs: the slice makes several partitions
ALL = EventFilter(limit=1_000_000)

# Records of our own put among the corpus articles (key: line number): two bad ones, and two outlets telling one
# incident, far apart so that they fall in different partitions and must still become one event.
INSERTED: dict[int, dict[str, str]] = {
    5: {
        "id": "inserted-a",
        "outlet": "Outlet A",
        "published": "2024-03-12T09:30:00+03:00",
        "text": "استهدفت طائرة مسيرة تركية، مساء أمس، سيارة قرب مدينة القامشلي، "
        "ما أدى إلى مقتل عنصرين من قوات سوريا الديمقراطية.",
    },
    40: {"id": "inserted-english", "text": "The weather in Paris was mild and sunny for the whole week."},
    70: {"id": "inserted-empty", "text": "   "},
    100: {
        "id": "inserted-b",
        "outlet": "Outlet B",
        "published": "2024-03-12T13:00:00+03:00",
        "text": "قتل عنصران من قوات سوريا الديمقراطية مساء الإثنين بقصف من طائرة مسيرة تركية "
        "استهدف سيارتهما قرب القامشلي شمال شرقي سوريا.",
    },
}
BAD_INSERTED = {"inserted-english", "inserted-empty"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskCluster]:
    """Two single-threaded worker processes on 127.0.0.1, shut down after the module."""
    with connect("local:2") as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first corpus articles with our records among them, in a temporary JSON-lines file."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found: the corpus lives in ../shared beside the project")
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for n, line in zip(range(N_ARTICLES), f, strict=False):
            if n in INSERTED:
                out.write(json.dumps(INSERTED[n], ensure_ascii=False) + "\n")
            out.write(line)
    return path


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The single-process run (no --dask): reports, rejections and a store of the slice."""
    folder = tmp_path_factory.mktemp("single")
    out = {"reports": folder / "reports.jsonl", "rejected": folder / "rejected.jsonl", "db": folder / "s.sqlite"}
    runner = CliRunner()
    runner.invoke(main, ["extract", str(corpus), "-o", str(out["reports"]), "--rejected", str(out["rejected"])])
    runner.invoke(main, ["ingest", str(corpus), "--db", f"sqlite:///{out['db']}", "--quiet"])
    return out


def _lines(path: Path) -> list[str]:
    """The lines of an output file, sorted; none when it was never written (click opens files lazily)."""
    return sorted(path.read_text(encoding="utf-8").splitlines()) if path.exists() else []


def _events(db: Path) -> list[dict[str, object]]:
    store = open_store(f"sqlite:///{db}")
    try:
        return sorted(store.events(ALL), key=lambda e: str(e["id"]))
    finally:
        store.close()


def _document_ids(db: Path) -> list[str]:
    store = open_store(f"sqlite:///{db}")
    try:
        return sorted(r["id"] for r in store.rows("SELECT id FROM documents"))
    finally:
        store.close()


def _rejections(summary: RunSummary) -> list[str]:
    return sorted(json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True) for r in summary.rejections)


def _rejection_lines(path: Path) -> list[str]:
    return sorted(json.dumps(json.loads(x), ensure_ascii=False, sort_keys=True) for x in _lines(path))


# ------------------------------------------------------------------------------------------- same as one process


def test_distributed_extract_gives_the_single_process_reports(
    cluster: DaskCluster, corpus: Path, single: dict[str, Path], tmp_path: Path
) -> None:
    out = io.StringIO()
    summary = extract_distributed(cluster, read_items([str(corpus)], 500_000), ReportWriter(out), size=SIZE)
    assert len(summary.partitions) > 1
    assert sorted(out.getvalue().splitlines()) == _lines(single["reports"])
    assert out.getvalue(), "the slice gave no report: the comparison would prove nothing"
    assert _rejections(summary) == _rejection_lines(single["rejected"])
    assert {r.doc for r in summary.rejections} >= BAD_INSERTED


def test_the_extract_command_runs_on_the_cluster(
    cluster: DaskCluster, corpus: Path, single: dict[str, Path], tmp_path: Path
) -> None:
    out, rejected = tmp_path / "reports.jsonl", tmp_path / "rejected.jsonl"
    args = ["extract", str(corpus), "--dask", cluster.address, "-o", str(out), "--rejected", str(rejected)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output  # 3: something was rejected, as in one process
    assert _lines(out) == _lines(single["reports"])
    assert _lines(rejected) == _lines(single["rejected"])
    assert f"dask: scheduler {cluster.address}, 2 workers" in result.stderr
    assert re.search(r"partition +0: \d+ documents, \d+ reports, \d+ rejected \(tcp://127\.0\.0\.1:", result.stderr)
    assert re.search(r"\d+ documents, \d+ reports, \d+ rejected in 1 partitions on 2 workers", result.stderr)


def test_distributed_ingest_gives_the_single_process_events(
    cluster: DaskCluster, corpus: Path, single: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "d.sqlite"
    store = open_store(f"sqlite:///{db}")
    try:
        items = read_items([str(corpus)], 500_000)
        summary = ingest_distributed(cluster, items, store, size=SIZE)
        linked = [e for e in store.events(ALL) if e["n_documents"] == 2]
        docs = [sorted(d["id"] for d in (store.event(str(e["id"])) or {})["documents"]) for e in linked]
    finally:
        store.close()
    assert len(summary.partitions) > 1
    assert ["inserted-a", "inserted-b"] in docs  # one incident told in two partitions is one event
    assert _events(db) == _events(single["db"])
    assert _document_ids(db) == _document_ids(single["db"])


def test_the_ingest_command_runs_on_the_cluster(cluster: DaskCluster, tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(INSERTED[k], ensure_ascii=False) + "\n" for k in (5, 40, 100)), "utf-8")
    db, rejected = tmp_path / "c.sqlite", tmp_path / "rejected.jsonl"
    args = ["ingest", str(path), "--dask", cluster.address, "--db", f"sqlite:///{db}", "--rejected", str(rejected)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    assert "2 new, 0 already stored, 0 near-duplicates; store: 1 events" in result.stderr
    assert [json.loads(x)["doc"] for x in _lines(rejected)] == ["inserted-english"]


# ------------------------------------------------------------------------------------------------------ faults


def test_a_worker_killed_mid_run_costs_no_document(
    cluster: DaskCluster, corpus: Path, single: dict[str, Path], tmp_path: Path
) -> None:
    """Small partitions keep several in flight; after the first one is stored, one worker process is SIGKILLed."""
    killed: list[str] = []

    def kill_one_worker(result: PartitionResult) -> None:
        if not killed:
            address, pid = sorted(cluster.worker_pids().items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(address)

    db = tmp_path / "k.sqlite"
    store = open_store(f"sqlite:///{db}")
    try:
        items = read_items([str(corpus)], 500_000)
        summary = ingest_distributed(cluster, items, store, size=10, on_partition=kill_one_worker)
    finally:
        store.close()
    assert killed and killed[0] not in cluster.client.scheduler_info(n_workers=-1)["workers"]  # it did die
    n_partitions = -(-(N_ARTICLES + len(INSERTED)) // 10)
    assert [p.index for p in summary.partitions] == list(range(n_partitions))
    assert summary.stored["duplicate"] == 0  # nothing stored twice
    assert _document_ids(db) == _document_ids(single["db"])  # nothing lost
    assert _rejections(summary) == _rejection_lines(single["rejected"])  # every rejection listed
    assert {r.doc for r in summary.rejections} >= BAD_INSERTED
    assert _events(db) == _events(single["db"])


def _allowed_failures(dask_scheduler: Any, n: int) -> int:
    """Runs in the scheduler: how many worker deaths a task may cause before Dask gives up on it (default 3)."""
    before = int(dask_scheduler.allowed_failures)
    dask_scheduler.allowed_failures = n
    return before


def test_a_document_that_kills_every_worker_is_rejected_and_its_partition_kept(
    cluster: DaskCluster, tmp_path: Path
) -> None:
    """Dask gives up on a task once its worker died (allowed-failures 0 here, to be quick): the partition is run
    document by document, the poison document is rejected with the reason, the others keep their reports."""
    path = tmp_path / "poison.jsonl"
    poison = {"id": "poison", "text": "عقد المجلس البلدي اجتماعه الدوري لمناقشة خطط تأهيل الطرق والجسور."}
    records = [GOOD[0], poison, GOOD[1]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    def deadly_extract(doc: Document) -> Outcome:  # runs on the workers (pickled by value)
        if doc.id == "poison":
            os.kill(os.getpid(), signal.SIGKILL)
        return extract_one(doc)

    out = io.StringIO()
    before = cluster.client.run_on_scheduler(_allowed_failures, n=0)
    try:
        items = read_items([str(path)], 500_000)
        summary = extract_distributed(cluster, items, ReportWriter(out), size=10, extract=deadly_extract)
    finally:
        cluster.client.run_on_scheduler(_allowed_failures, n=before)
    assert [(p.documents, p.rejected, p.salvaged) for p in summary.partitions] == [(2, 1, True)]
    assert [(r.doc, r.reason) for r in summary.rejections] == [
        ("poison", "worker lost while extracting it (KilledWorker: its worker process died)")
    ]
    assert out.getvalue() == _expected_reports(GOOD)


# ----------------------------------------------------------------------------------------- bad documents inside

GOOD = [
    {
        "id": "good-1",
        "published": "2024-03-12T09:30:00+03:00",
        "text": "استهدفت طائرة مسيرة تركية، مساء أمس، سيارة قرب مدينة القامشلي، "
        "ما أدى إلى مقتل عنصرين من قوات سوريا الديمقراطية.",
    },
    {
        "id": "good-2",
        "published": "2024-05-02T11:00:00+03:00",
        "text": "قتل ثلاثة مدنيين وأصيب خمسة آخرون بانفجار عبوة ناسفة في مدينة الباب بريف حلب الشرقي اليوم.",
    },
]
BAD = [
    ({"id": "english", "text": "The weather in Paris was mild and sunny for the whole week."}, "not Arabic"),
    ({"id": "empty", "text": ""}, "text is empty"),
    ({"id": "boom", "text": "عقد المجلس البلدي اجتماعه الدوري لمناقشة خطط تأهيل الطرق والجسور."}, "ValueError: boom"),
]


def test_bad_documents_are_rejected_and_the_rest_of_their_partition_kept(cluster: DaskCluster, tmp_path: Path) -> None:
    records = [GOOD[0], BAD[0][0], BAD[1][0], GOOD[1], BAD[2][0]]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    def failing_extract(doc: Document) -> Outcome:  # runs on the workers (pickled by value)
        if doc.id == "boom":
            raise ValueError("boom")
        return extract_one(doc)

    out = io.StringIO()
    items = read_items([str(path)], 500_000)
    summary = extract_distributed(cluster, items, ReportWriter(out), size=10, extract=failing_extract)
    assert [(p.documents, p.rejected) for p in summary.partitions] == [(2, 3)]
    reasons = {r.doc: r.reason for r in summary.rejections}
    for record, reason in BAD:
        assert reason in reasons[str(record["id"])]
    assert out.getvalue() == _expected_reports(GOOD)


def _expected_reports(records: list[dict[str, str]]) -> str:
    """The reports one process writes for these records (never empty: the examples tell events)."""
    expected = io.StringIO()
    writer = ReportWriter(expected)
    for record in records:
        writer.write(extract_one(Document(**record)).reports)
    assert expected.getvalue()
    return expected.getvalue()


# --------------------------------------------------------------------------------------------- without a cluster


@pytest.mark.parametrize(
    ("address", "workers"), [("local:2", 2), ("tcp://10.0.0.5:8786", None), ("scheduler.lan:8786", None)]
)
def test_addresses(address: str, workers: int | None) -> None:
    assert local_workers(address) == workers


@pytest.mark.parametrize("address", ["local:0", "local:two", "somewhere"])
def test_a_bad_address_is_named(address: str) -> None:
    with pytest.raises(ScaleError, match=address):
        local_workers(address)


def test_partitions_close_at_their_size_or_their_text_budget() -> None:
    docs = [Document(id=f"d{i}", text="قصف " * 15) for i in range(7)]  # 60 characters each
    assert [len(p.items) for p in partitions(docs, size=3)] == [3, 3, 1]
    assert [p.start for p in partitions(docs, size=3)] == [0, 3, 6]
    assert [len(p.items) for p in partitions(docs, size=100, max_chars=100)] == [2, 2, 2, 1]


def test_without_dask_installed_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskMissing, match=r"pip install 'rasd\[dask\]'"), connect("local:1"):
        pass


def test_the_base_commands_do_not_import_dask() -> None:
    code = "import sys, rasd.cli, rasd.cli_store; print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
