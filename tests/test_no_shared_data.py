"""The test suite never reads the data beside the repository: a user's clone has none of it.

The checks over that data (the gold facts files, the gazetteer's rebuild) are
``bench/shared_data_checks.py``, which ``.ci/run`` runs when the data is there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve()
_SCOPES = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def shared_paths(source: str) -> Iterator[int]:
    """The lines of ``source`` that build a path to the ``shared`` folder (``... / "shared"``, ``"../shared/..."``);
    docstrings, which may mention it, do not count."""
    tree = ast.parse(source)
    docstrings = {
        id(scope.body[0].value)
        for scope in ast.walk(tree)
        if isinstance(scope, _SCOPES) and scope.body and isinstance(scope.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if _joins_shared(node) or (
            isinstance(node, ast.Constant) and id(node) not in docstrings and "../shared" in str(node.value)
        ):
            yield node.lineno


def _joins_shared(node: ast.AST) -> bool:
    """``... / "shared"``."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Div)
        and isinstance(node.right, ast.Constant)
        and node.right.value == "shared"
    )


def test_no_test_builds_a_path_to_the_shared_data():
    readers = {
        path.name: lines
        for path in sorted(HERE.parent.rglob("*.py"))
        if path != HERE  # its own examples below
        and (lines := list(shared_paths(path.read_text(encoding="utf-8"))))
    }
    assert readers == {}


def test_such_a_path_is_found():
    assert list(shared_paths('GOLD = REPO.parent / "shared" / "eval"')) == [1]
    assert list(shared_paths("x = 1\nopen('../shared/eval/dev/x.json')")) == [2]
    assert list(shared_paths('"""Needs no ../shared."""\nstats = cache.stats()["shared"]')) == []
