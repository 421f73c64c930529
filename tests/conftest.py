"""Shared fixtures: real components under tmp_path, an isolated environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .live import ARGS, CHROMIUM

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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's ``chromium``, driven by Playwright) for every browser test of a run;
    the test is skipped when either is missing (CI: ``apt-get install -y chromium`` and the ``test`` extra)."""
    try:
        from playwright import sync_api
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def small_endpoint(tmp_path_factory):
    """A live server (real HTTP, waitress) over a store holding :data:`tests.endpoint.GRAPHS`."""
    from .endpoint import LIMITS, build_store
    from .live import Server, make_app

    path = tmp_path_factory.mktemp("server") / "store"
    build_store(path)
    srv = Server(make_app(path, **LIMITS))
    yield srv
    srv.close()


@pytest.fixture
def app(tmp_path, request):
    """``create_app`` over a store holding :data:`tests.endpoint.GRAPHS`, for Flask's test client.

    Settings beyond the endpoint limits come from the test's ``app_config`` marker:
    ``@pytest.mark.app_config(cors_origins="")``.
    """
    from .endpoint import LIMITS, build_store
    from .live import make_app

    build_store(tmp_path / "app-store")
    marker = request.node.get_closest_marker("app_config")
    flask_app = make_app(tmp_path / "app-store", **{**LIMITS, **(marker.kwargs if marker else {})})
    yield flask_app
    flask_app.extensions["kg.store"].close()


@pytest.fixture
def client(app):
    """Flask's test client of :func:`app` (no socket: for what does not depend on HTTP itself)."""
    return app.test_client()
