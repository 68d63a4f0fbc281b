# armsgraph: `make demo` builds the graph of seeds/ into out/; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]" --config-settings editable_mode=strict
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/armsgraph build seeds/ --store out/store --out out
	@echo "open out/graph.html or out/claims.html in a browser; query with: $(BIN)/armsgraph query --store out/store 'SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r }'"

test: $(STAMP)
	# strict editable installs do not see modules added since the install: refresh the link tree
	$(BIN)/python -m pip install --quiet -e ".[dev]" --config-settings editable_mode=strict --no-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py

clean:
	# the install stamp goes too: the strict editable install lives in build/
	rm -rf out build *.egg-info .pytest_cache $(STAMP)
