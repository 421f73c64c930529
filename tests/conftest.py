"""Shared fixtures: real components under tmp_path, an isolated environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-peoplesdaily-2017-06-13-sco-astana-security.txt"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No KG_* setting leaks in from the developer's shell; the cwd is a scratch folder."""
    for key in list(os.environ):
        if key.startswith("KG_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def store(tmp_path):
    from kg.store import open_store

    s = open_store(tmp_path / "store")
    yield s
    s.close()
