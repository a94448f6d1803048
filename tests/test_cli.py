"""`rasd extract` and `rasd evaluate` at the command line, through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import EXIT_REJECTED, main
from rasd.export import ACLED_COLUMNS

ARTICLE = {
    "id": "cli-1",
    "outlet": "test",
    "published": "2024-03-12T09:30:00+03:00",
    "text": "استهدفت طائرة مسيرة تركية، مساء أمس، سيارة قرب مدينة القامشلي، "
    "ما أدى إلى مقتل عنصرين من قوات سوريا الديمقراطية.",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_extract_writes_one_json_report_per_line(articles: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(articles)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 1
    assert (rows[0]["event_type"], rows[0]["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert rows[0]["event_date"] == "2024-03-11"
    assert rows[0]["fatalities"] == 2
    assert "1 documents, 1 reports, 0 rejected" in result.stderr


def test_csv_has_acled_columns_first_in_acled_order(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["extract", str(articles), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert tuple(reader.fieldnames or ())[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    row = next(reader)
    assert row["country"] == "Syria" and row["iso"] == "760" and row["event_id_cnty"].startswith("SYR")
    assert row["notes"].startswith("On 2024-03-11")


def test_rejected_documents_are_listed_and_the_exit_status_says_so(articles: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "short"}\n{not json}\n', encoding="utf-8")
    rejected = tmp_path / "rejected.jsonl"
    result = CliRunner().invoke(main, ["extract", str(articles), str(bad), "--rejected", str(rejected)])
    assert result.exit_code == EXIT_REJECTED
    reasons = [json.loads(line)["reason"] for line in rejected.read_text(encoding="utf-8").splitlines()]
    assert len(reasons) == 2
    assert any(r.startswith("malformed JSON") for r in reasons)
    assert "1 documents, 1 reports, 2 rejected" in result.stderr


def test_two_workers_give_the_same_reports_as_one(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(12):
            record = ARTICLE | {"id": f"doc-{i}", "text": ARTICLE["text"] + " " * i}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    one = CliRunner().invoke(main, ["extract", str(path), "--quiet"]).stdout
    two = CliRunner().invoke(main, ["extract", str(path), "--quiet", "--workers", "2"]).stdout
    assert one.count("\n") == 12
    assert one == two


def test_standard_input_is_read(articles: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "-"], input=articles.read_bytes())
    assert result.exit_code == 0, result.output
    assert '"doc": "cli-1"' in result.stdout


def test_a_broken_lexicon_stops_the_run_naming_the_file(
    articles: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rasd.recognize import lexicon, matcher

    for f in lexicon.LEXICON_DIR.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    broken = "version: 1\nactors:\n  - {name: X, inter: 9, forms: [س]}\n"
    (tmp_path / "actors.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    monkeypatch.setattr(lexicon.load_lexicon, "__defaults__", (tmp_path,))
    lexicon.default_lexicon.cache_clear()
    matcher.default_matcher.cache_clear()
    try:
        result = CliRunner().invoke(main, ["extract", str(articles)])
    finally:
        lexicon.default_lexicon.cache_clear()
        matcher.default_matcher.cache_clear()
    assert result.exit_code == 1
    assert "actors.yaml" in result.output and "inter" in result.output


def test_evaluate_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    g = {
        "doc": "d",
        "role": "main",
        "event_date": "2024-03-11",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "latitude": 36.0,
        "longitude": 40.0,
    }
    gold.write_text(json.dumps(g) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(g | {"latitude": 36.05}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert "strict P=1.000 R=1.000 F1=1.000" in result.output


def test_cli_starts_without_loading_the_web_stack() -> None:
    """`rasd extract` runs over thousands of files in many processes: FastAPI is loaded only by `rasd serve`."""
    code = "import sys, rasd.cli; print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
