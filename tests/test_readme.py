"""The README's quick start tells a newcomer what the first hour needs (issue 19)."""

from __future__ import annotations

import re

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
QUICK_START = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_the_two_set_up_commands_are_there_and_are_make_targets():
    block = re.search(r"```sh\n(.*?)```", QUICK_START, re.DOTALL)[1]
    assert [line.split()[:2] for line in block.splitlines()] == [["make", "demo"], ["make", "test"]]
    targets = re.findall(r"^([a-z-]+):", (REPO / "Makefile").read_text(), re.MULTILINE)
    assert {"demo", "test"} <= set(targets)


def test_it_says_where_kg_is_once():
    assert ". .venv/bin/activate" in QUICK_START and ".venv/bin/kg" in QUICK_START
    assert README.count(". .venv/bin/activate") == 1


def test_it_says_how_to_serve_on_another_port():
    assert "KG_PORT=" in QUICK_START and "--port" in QUICK_START


def test_it_says_what_make_test_installs_as_root():
    text = " ".join(QUICK_START.split())
    assert "as root" in text and "apt-get" in text and "chromium" in text and "virtuoso-opensource" in text
