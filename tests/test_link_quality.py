"""Linking quality on labelled pairs of real articles (tests/data/link_pairs.jsonl): the floor of issue 3.

The articles stay in ../shared; the test skips, saying so, where that folder is absent.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rasd.ingest import document_from_record
from rasd.link.quality import score_pairs
from rasd.pipeline import extract
from rasd.store import open_store

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
CORPUS = SHARED / "corpus" / "almayadeen-2023-2024.jsonl.gz"
FLOOR = 0.9


@pytest.fixture(scope="module")
def linked() -> tuple[list[dict], dict[str, list[dict]]]:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found: the labelled pairs cite articles of ../shared/corpus")
    pairs = [json.loads(line) for line in (HERE / "data" / "link_pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    records = {}
    for line in (SHARED / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        records[rec["id"]] = rec
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in ids:
                records.setdefault(rec["id"], rec)
    store = open_store("sqlite:///:memory:")
    for doc_id in sorted(records):
        doc = document_from_record(records[doc_id], "corpus")
        store.add(doc, extract(doc))
    return pairs, store.reports_of(sorted(ids))


def test_pairs_cite_known_articles(linked: tuple[list[dict], dict[str, list[dict]]]) -> None:
    pairs, reports_of = linked
    assert sum(p["same"] for p in pairs) >= 40 and sum(not p["same"] for p in pairs) >= 40
    assert all(p["a"] in reports_of and p["b"] in reports_of for p in pairs)


def test_linking_precision_and_recall_reach_the_floor(linked: tuple[list[dict], dict[str, list[dict]]]) -> None:
    """Pairs whose incident both articles report (per extraction): the linker's own quality."""
    pairs, reports_of = linked
    score = score_pairs(pairs, reports_of, resolvable_only=True)
    assert score.tp + score.fn >= 40 and score.fp + score.tn >= 25, score.line()
    assert score.precision >= FLOOR, f"{score.line()} wrong: {score.wrong}"
    assert score.recall >= FLOOR, f"{score.line()} wrong: {score.wrong}"
