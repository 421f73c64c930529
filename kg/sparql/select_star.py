"""The columns of ``SELECT *`` in the order a person reads them: first appearance in the query.

Oxigraph answers ``SELECT * WHERE { ?s ?p ?o }`` with its variables sorted (``o, p, s``);
people (and Jena, Virtuoso) expect ``s, p, o``.  The engine still decides *which* variables
are in scope; this module only orders them, from the query text: a variable comes where
it is first written after ``SELECT *`` (comments, strings and IRIs skipped).  A variable
the text does not show (none should) keeps the engine's order, after the others.

Pure functions over text; :mod:`kg.query.results` and the CLI apply the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The outer query's SELECT *, after the prologue (BASE, PREFIX, comments, white space).
_STAR = re.compile(
    r"(?:\s+|\#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*"
    r"SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*",
    re.IGNORECASE,
)
# What can hold a "?name" that is no variable: comments, strings, IRIs; and the variables.
_PIECES = re.compile(
    r"""\#[^\n]*"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"""
    r"""|"(?:[^"\\\n]|\\.)*"?"""
    r"""|'(?:[^'\\\n]|\\.)*'?"""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|[?$](?P<var>\w+)""",
    re.DOTALL,
)


def star_order(query: str, variables: Sequence[str]) -> list[int] | None:
    """For a ``SELECT *`` query whose engine columns are ``variables``: the column indexes in
    the order of first appearance, or None when the query is not ``SELECT *`` or the order is already that."""
    star = _STAR.match(query)
    if star is None:
        return None
    index = {name: i for i, name in enumerate(variables)}
    order: list[int] = []
    for m in _PIECES.finditer(query, star.end()):
        i = index.pop(m["var"], None) if m["var"] else None
        if i is not None:
            order.append(i)
    order += sorted(index.values())
    return None if order == list(range(len(variables))) else order


def reorder_tsv(data: bytes, order: Sequence[int]) -> bytes:
    """A SPARQL TSV results document with its columns taken in ``order`` (TSV escapes tabs and
    newlines inside terms, so every line splits cleanly)."""
    lines = data.split(b"\n")
    out: list[bytes] = []
    for line in lines:
        if not line:
            out.append(line)
            continue
        cells = line.split(b"\t")
        out.append(b"\t".join(cells[i] for i in order))
    return b"\n".join(out)
