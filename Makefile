# Two entry points on a fresh machine: `make run` (the main job) and `make test` (the test suite).
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
SHARED ?= ../shared

.PHONY: install run test lint evaluate bench bench-store clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/rasd

STORE = sqlite:///$(CURDIR)/out/rasd.sqlite
HOST ?= 127.0.0.1
PORT ?= 8000

run: install
	mkdir -p out
	$(BIN)/rasd extract examples/ -o out/demo-reports.jsonl
	$(BIN)/rasd extract examples/ --format csv -o out/demo-reports.csv
	@echo "reports: out/demo-reports.jsonl, out/demo-reports.csv"
	$(BIN)/rasd ingest examples/ --db $(STORE) --quiet
	@if [ -f $(SHARED)/corpus/seeds.jsonl ]; then $(BIN)/rasd ingest $(SHARED)/corpus/seeds.jsonl --db $(STORE) --quiet; fi
	$(BIN)/rasd events --db $(STORE)
	$(BIN)/rasd export --db $(STORE) --format geojson -o out/events.geojson
	@if [ -f $(SHARED)/gold/seeds.events.jsonl ]; then $(MAKE) --no-print-directory evaluate; fi
	@echo "dashboard and API: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/rasd serve --db $(STORE) --host $(HOST) --port $(PORT)

evaluate: install
	$(BIN)/rasd evaluate --shared $(SHARED)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench-scale: install
	$(BIN)/python bench/scale.py --shared $(SHARED)

bench: install
	$(BIN)/python bench/extract.py --shared $(SHARED)

# Ingestion and query speed of the store: SQLite, and PostgreSQL when RASD_TEST_PG (or PG=URL) names a server.
bench-store: install
	$(BIN)/python bench/ingest.py --shared $(SHARED) $(if $(PG),--pg $(PG))

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
