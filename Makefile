# The two quick-start commands (see README.md):
#   make demo   install, ingest the bundled example article, serve it at http://127.0.0.1:5000/
#   make test   install with the test extras and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

demo: install
	$(BIN)/kg ingest examples/
	$(BIN)/kg serve

test: install-test
	$(BIN)/python -m pytest

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py
