# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= claimledger.db

.PHONY: run serve test lint schema lock bench bench-web static screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the hashed lock, then the project itself without touching dependencies.
$(STAMP): requirements/lock.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Ends by serving the web app; its last line printed is the URL (Ctrl-C stops it).
run: $(STAMP)
	$(BIN)/claimledger ingest examples --db $(DB)
	$(BIN)/claimledger articles --db $(DB)
	$(BIN)/claimledger ledger --db $(DB) --limit 12
	$(BIN)/claimledger serve --db $(DB)

serve: $(STAMP)
	$(BIN)/claimledger serve --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/claimledger schema > docs/schema/article.schema.json

# Re-resolve requirements/requirements.in into the hashed lock (needs network to PyPI).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile requirements/requirements.in --python-version 3.11 --generate-hashes \
		--no-header -o requirements/lock.txt

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py ../shared/data/ppn-en

bench-web: $(STAMP)
	$(BIN)/python benchmarks/web.py

# Re-vendors the front-end libraries from npm (frontend/package-lock.json) into
# src/claimledger/web/static/vendor/. The output is committed: run and test need no npm.
static:
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

# Re-takes the README's screenshots with the browser tests.
screenshots: $(STAMP)
	CLAIMLEDGER_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/web/test_browser.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache frontend/node_modules
