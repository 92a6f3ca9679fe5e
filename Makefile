# uncounted — `make demo` and `make test` set everything up themselves on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast test-all lint bench-import system-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || (bash scripts/ensure-system-packages venv && $(PYTHON) -m venv $(VENV))
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## The main job: simulate a forced-return event, import its lists into an encrypted workspace.
demo: $(STAMP)
	$(BIN)/uncounted demo

## Everything CI runs: lint, layer contracts, the whole test suite on SQLite and PostgreSQL.
test: $(STAMP) system-packages lint
	$(BIN)/pytest -q -m "not slow"
	$(BIN)/pytest -q -m slow

## Quick loop while developing: no slow suites.
test-fast: $(STAMP) lint
	$(BIN)/pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check uncounted tests benchmarks
	$(BIN)/ruff format --check uncounted tests benchmarks
	$(BIN)/lint-imports

## Debian packages the tests use (PostgreSQL server binaries); installed only when missing.
system-packages:
	@bash scripts/ensure-system-packages

## 1,000,000-row import benchmark beside plain sqlite3 executemany (prints a table, writes JSON).
bench-import: $(STAMP)
	$(BIN)/python -m benchmarks.import_rows --rows 1000000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
