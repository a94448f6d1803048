"""The engine's quality floors on the gold sets in ../shared, scored by the rules of ../shared/eval/score.py.

These fail CI when extraction quality drops below what the project promises. They skip, saying why, on a
machine without the shared folder.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from rasd.evaluate import GOLD_SETS, Score, evaluate_set, gold_documents, load_jsonl, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOORS = {  # (strict F1, coarse F1) each gold set must reach
    "seeds": (0.85, 0.90),
    "almayadeen-dev": (0.60, 0.70),
    "jawharafm-dev": (0.0, 0.60),
}


def _scores(name: str) -> dict[str, Score]:
    gs = next(g for g in GOLD_SETS if g.name == name)
    if not (SHARED / gs.gold).exists():
        pytest.skip(f"{SHARED / gs.gold} not found: the gold sets live in ../shared beside the project")
    return {s.mode: s for s in evaluate_set(str(SHARED), gs)}


@pytest.mark.parametrize("name", list(FLOORS))
def test_f1_floor(name: str) -> None:
    scores = _scores(name)
    strict, coarse = FLOORS[name]
    assert scores["strict"].f1 >= strict, scores["strict"].line()
    assert scores["coarse"].f1 >= coarse, scores["coarse"].line()


def test_seed_fields_on_matches() -> None:
    fields = _scores("seeds")["coarse"].fields
    assert (fields["fatalities"] or 0) >= 0.9, fields
    assert (fields["actors"] or 0) >= 0.9, fields


def test_own_scorer_agrees_with_the_shared_scorer() -> None:
    """`rasd evaluate` and ../shared/eval/score.py give the same figures on the same predictions."""
    script = SHARED / "eval" / "score.py"
    gs = GOLD_SETS[0]
    if not script.exists():
        pytest.skip(f"{script} not found")
    spec = importlib.util.spec_from_file_location("shared_score", script)
    assert spec and spec.loader
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    from rasd.export import json_row
    from rasd.ingest import document_from_record
    from rasd.pipeline import extract

    preds = [
        json.loads(json.dumps(json_row(r)))
        for rec in gold_documents(str(SHARED), gs)
        for r in extract(document_from_record(rec, "seeds"))
    ]
    gold = load_jsonl(str(SHARED / gs.gold))
    theirs, _, _ = shared.score(gold, preds)
    ours = {s.mode: s for s in score(gold, preds)}
    for mode in ("strict", "coarse"):
        assert (ours[mode].precision, ours[mode].recall, ours[mode].f1) == (
            theirs[mode]["precision"],
            theirs[mode]["recall"],
            theirs[mode]["f1"],
        )
