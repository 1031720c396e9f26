# tidings: the targets CI runs too. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Build the demo database from the bundled Wikinews sample and print what it holds.
run: $(STAMP)
	$(BIN)/tidings ingest --sample --db demo.db
	$(BIN)/tidings overview --db demo.db

## Lint, type-check and run the test suite.
test: lint typecheck
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## Throughput against bare spaCy, ingest and queries at scale, the gazetteer; writes docs/benchmarks.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --write docs/benchmarks.md
	$(BIN)/python benchmarks/ingest.py --write docs/benchmarks.md
	$(BIN)/python benchmarks/gazetteer.py --write docs/benchmarks.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
