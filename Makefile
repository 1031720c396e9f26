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

## Analyse a few bundled Wikinews articles and print their reports.
run: $(STAMP)
	$(BIN)/tidings analyze --sample --limit 3 --format report

## Lint, type-check and run the test suite.
test: lint typecheck
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## Throughput of analyze against bare spaCy, and the gazetteer against a dict; writes docs/benchmarks.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --write docs/benchmarks.md
	$(BIN)/python benchmarks/gazetteer.py --write docs/benchmarks.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
