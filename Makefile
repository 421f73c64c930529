# The two quick-start commands (see README.md):
#   make demo   install, ingest the bundled example article, serve it at http://127.0.0.1:5000/
#   make test   install with the test extras and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Installs are silent (pyproject.toml gives setuptools nothing to warn about); the one notice
# left, setuptools' "Editable installation" (about any editable install, not this project), is hushed.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet

.PHONY: demo test install install-test browser servers allocator gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(PIP_INSTALL) -e .

install-test: $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'

demo: install allocator
	$(BIN)/kg ingest examples/
	$(BIN)/kg serve

# The query page is tested in real headless Chromium (Debian's package); without it
# (no root, no apt-get) those tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

# The external-store contract tests start a real Virtuoso (Debian's package); without it
# (no root, no apt-get) those tests skip and say why.
servers:
	@if ! command -v virtuoso-t >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; fi

# The query workers run on jemalloc where the system has it (setting query_allocator; Debian's
# package); without it (no root, no apt-get) they run on the C library's malloc.
allocator:
	@if ! /sbin/ldconfig -p 2>/dev/null | grep -q libjemalloc.so.2 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null; fi

test: install-test browser servers allocator
	$(BIN)/python -m pytest

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py
