# Two commands for a fresh machine (Python 3.11 and make): `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
STAMP := $(VENV)/.installed

.PHONY: run demo test lint unit bench system-deps clean frontend

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## Start the app on the embedded SQLite database (demo data can be loaded from its first page).
run: $(STAMP)
	$(BIN)/python -m research migrate
	@echo "Research Cluster Workspace: http://localhost:$(PORT)"
	$(BIN)/streamlit run research/ui/asgi.py --server.port $(PORT)

## Start the app with the demo workspace loaded and demo passwords shown on the sign-in page.
demo: $(STAMP)
	$(BIN)/python -m research seed-demo || true
	@echo "Research Cluster Workspace (demo): http://localhost:$(PORT)"
	DEMO_MODE=1 $(BIN)/streamlit run research/ui/asgi.py --server.port $(PORT)

## Run every test: lint first, then unit, checks, integration (SQLite and PostgreSQL), UI and browser.
test: $(STAMP) system-deps
	$(MAKE) lint
	REQUIRE_POSTGRES=1 $(BIN)/pytest -n 2 --dist loadgroup

## Static checks: ruff lint and format, the layer contracts, mypy (strict on domain and services).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

## The fast tests: domain rules and pure functions, no database, browser or LibreOffice (under 30 s).
unit: $(STAMP)
	$(BIN)/pytest tests/unit -q

## System packages the tests need: Chromium for browser tests, LibreOffice to render .docx.
system-deps:
	@bash scripts/system-deps.sh

## Rebuild the live editor's JavaScript (needs Node 18+ and npm; the built bundle is committed,
## so run, test and CI need no Node): frontend/ -> research/ui/components/drafting/live_editor.js
frontend:
	cd frontend && npm ci --no-audit --no-fund && npm run build

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
