# Two entry points on a fresh machine: `make run` (the main job) and `make test` (the test suite).
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
SHARED ?= ../shared

.PHONY: install run test lint evaluate bench clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/rasd

STORE = sqlite:///$(CURDIR)/out/rasd.sqlite

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

evaluate: install
	$(BIN)/rasd evaluate --shared $(SHARED)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/extract.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
