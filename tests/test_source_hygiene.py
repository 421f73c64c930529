"""No module of ``kg`` binds a top-level name twice.

The extractor's modules hold hundreds of module-level patterns; a second ``_IN_THE = re.compile(...)``
further down silently replaces the first for every function that uses the name, and no test of the new
rule notices (it happened twice). Read from the source with :mod:`ast`; ``@overload`` stubs are the one
legitimate repetition.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"


def _rebound(source: str) -> dict[str, list[int]]:
    """Top-level names bound more than once in ``source`` (assignments, functions, classes), with their lines."""
    lines: dict[str, list[int]] = defaultdict(list)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            overload = any(
                (isinstance(d, ast.Name) and d.id == "overload")
                or (isinstance(d, ast.Attribute) and d.attr == "overload")
                for d in getattr(node, "decorator_list", ())
            )
            names = [] if overload else [node.name]
        else:
            names = []
        for name in names:
            lines[name].append(node.lineno)
    return {name: at for name, at in lines.items() if len(at) > 1}


def test_the_check_finds_a_pattern_bound_twice_but_not_overloads():
    source = (
        "import re\nfrom typing import overload\n_A = re.compile('a')\n_B = 1\n_A = re.compile('b')\n"
        "@overload\ndef f(x: int) -> int: ...\n@overload\ndef f(x: str) -> str: ...\ndef f(x): return x\n"
    )
    assert _rebound(source) == {"_A": [3, 5]}


def test_no_module_binds_a_top_level_name_twice():
    found = {
        str(path.relative_to(KG.parent)): rebound
        for path in sorted(KG.rglob("*.py"))
        if (rebound := _rebound(path.read_text(encoding="utf-8")))
    }
    assert found == {}
