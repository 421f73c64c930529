"""The package layout is the data flow: imports go one way, nothing imports in a circle, Flask stays in the web layer.

Read from the source with :mod:`ast` (every import, including those inside functions), so a
new import that crosses a layer the wrong way fails here, not in a reader's head.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
#: Package -> the packages it may import ("base": the modules directly under kg/, e.g. errors, settings).
ALLOWED = {
    "base": set(),
    "linking": {"base"},
    "extract": {"base", "linking"},
    "rdf": {"base", "linking"},
    "sparql": {"base", "rdf"},
    "store": {"base", "rdf", "sparql"},
    "query": {"base", "rdf", "sparql", "store"},
    "ingest": {"base", "extract", "linking", "rdf", "store"},
    "web": {"base", "linking", "rdf", "sparql", "store", "query", "ingest"},
    "cli": {"base", "extract", "linking", "rdf", "sparql", "store", "query", "ingest", "web"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ALLOWED:
        return parts[1]
    return "base"


def _imports() -> dict[str, set[str]]:
    """Module -> the kg modules (or packages) it imports, resolved to absolute names."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in KG.rglob("*.py"):
        module = _module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [target + "." + a.name for a in node.names]
                targets = [n for n in names if _is_module(n)] or [target]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found[module].update(t for t in targets if t == "kg" or t.startswith("kg."))
    return found


def _is_module(name: str) -> bool:
    path = KG.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_imports_flow_one_way():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if target != "kg" and _layer(target) != _layer(module) and _layer(target) not in ALLOWED[_layer(module)]
    )
    assert not wrong, "imports against the data flow (see ALLOWED):\n" + "\n".join(wrong)


def test_no_import_cycle():
    graph = {module: {t for t in targets if t != module and t != "kg"} for module, targets in _imports().items()}
    # A package's __init__ importing its own modules is not a cycle of the layout; the rest must form a DAG.
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def _top_level_imports(path: Path) -> set[str]:
    """The first name of every module a file imports (``flask`` for ``from flask.json import x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_web_layer_imports_flask():
    outside = [path for path in KG.rglob("*.py") if _module_name(path).split(".")[:2] != ["kg", "web"]]
    users = sorted(_module_name(path) for path in outside if _top_level_imports(path) & {"flask", "werkzeug"})
    assert users == []


def test_the_check_sees_a_wrong_way_import(tmp_path, monkeypatch):
    """The checker itself: a store module importing the web layer is reported."""
    fake = tmp_path / "kg"
    (fake / "store").mkdir(parents=True)
    (fake / "web").mkdir()
    for init in (fake / "__init__.py", fake / "store" / "__init__.py", fake / "web" / "__init__.py"):
        init.write_text("")
    (fake / "web" / "pages.py").write_text("")
    (fake / "store" / "bad.py").write_text("from kg.web import pages\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["KG"]), "KG", fake)
    with pytest.raises(AssertionError, match="kg.store.bad imports kg.web.pages"):
        test_imports_flow_one_way()


def test_the_check_sees_a_cycle(tmp_path, monkeypatch):
    """The checker itself: two modules importing each other (lazily, inside a function) are a cycle."""
    fake = tmp_path / "kg"
    (fake / "rdf").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "rdf" / "__init__.py").write_text("")
    (fake / "rdf" / "a.py").write_text("from . import b\n")
    (fake / "rdf" / "b.py").write_text("def f():\n    from .a import x\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["KG"]), "KG", fake)
    with pytest.raises(pytest.fail.Exception, match=r"kg.rdf.a -> kg.rdf.b -> kg.rdf.a"):
        test_no_import_cycle()
