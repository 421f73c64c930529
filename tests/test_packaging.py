"""Packaging: the wheel carries every package, the ontology, the named queries and the data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

from kg.resources import ontology_dir, queries_dir

from .conftest import REPO

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop


def test_every_package_is_listed():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "kg").rglob("__init__.py")}
    assert found <= listed


def test_resources_are_found():
    assert (ontology_dir() / "summit-kg.ttl").is_file() and (ontology_dir() / "shapes.ttl").is_file()
    assert len(list(queries_dir().glob("*.rq"))) >= 6


def test_wheel_contents(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "server.py",
        "kg/cli.py",
        "kg/data/gazetteer.json",
        "kg/data/ontology/summit-kg.ttl",
        "kg/data/ontology/shapes.ttl",
        "kg/data/queries/summits.rq",
        "kg/py.typed",
    }
    assert expected <= names
    assert {n for n in names if n.startswith("kg/data/queries/")} == {
        f"kg/data/queries/{p.name}" for p in queries_dir().glob("*.rq")
    }


def test_build_emits_no_setuptools_warning(tmp_path):
    """`make demo` installs with pip: the build must not print setuptools' deprecation or
    "absent from the packages configuration" warnings (they were ~250 lines per install)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    output = proc.stdout + proc.stderr
    warnings = sorted({line.strip() for line in output.splitlines() if re.search(r"[A-Za-z]*Warning\b", line)})
    assert warnings == []


def test_the_makefile_editable_install_is_silent(tmp_path):
    """`make demo`'s own install command (``pip install -e .``, with the Makefile's environment)
    prints nothing: into a fresh venv, without the dependencies (they are not ours to judge)."""
    makefile = (REPO / "Makefile").read_text()
    hush = re.search(r'^PIP_INSTALL := PYTHONWARNINGS="([^"]*)"', makefile, re.MULTILINE)
    assert hush and "$(PIP_INSTALL) -e ." in makefile
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    env = {**os.environ, "PYTHONWARNINGS": hush[1]}
    proc = subprocess.run(
        [
            str(tmp_path / "venv" / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-e",
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    output = proc.stdout + proc.stderr
    assert not re.search(r"[A-Za-z]*Warning\b|!!|\*\*\*\*", output), output
