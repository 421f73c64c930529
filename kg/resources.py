"""Where the ontology and the named queries are, in a checkout or an installed wheel.

In a checkout (or an editable install) they are the repo's ``ontology/``,
``queries/`` and ``examples/`` folders; a wheel installs the same files as
``kg/data/ontology`` etc. (see package-dir in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"summit-kg is installed without its {name}/ folder")


def ontology_dir() -> Path:
    return _find("ontology")


def queries_dir() -> Path:
    return _find("queries")


def example_dir() -> Path:
    return _find("examples")
