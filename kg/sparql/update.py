"""SPARQL Update text for the store: the protocol dataset as USING clauses, and the graphs an update writes.

pyoxigraph's ``Store.update`` takes no dataset, so the Protocol's ``using-graph-uri`` /
``using-named-graph-uri`` (2.2.3) become ``USING`` / ``USING NAMED`` clauses written
before the ``WHERE`` of each ``DELETE``/``INSERT`` operation (:func:`with_using`); the
IRIs are validated and written by pyoxigraph, the user's text is only cut at token
boundaries (:func:`kg.sparql.lexer.tokenize`: strings, comments and IRIs are never cut).

The store keeps the default graph as the merge of the named graphs, so after an update
it must know which named graphs the update may have changed (:func:`graphs_written`).
That is read from rdflib's parse of a *skeleton* of the update: the contents of
``INSERT DATA``/``DELETE DATA`` blocks are cut down to their ``GRAPH`` headers and the
``WHERE`` of each ``DELETE``/``INSERT`` (which only reads) is emptied, because rdflib's
parser takes time quadratic in the size of a block (a minute for 5,000 triples).  What
rdflib cannot parse counts as "every graph" (``None``): slower for the store, never wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.errors import BadRequest
from kg.rdf.iris import validate_iri

from .diagnostics import query_syntax_error
from .lexer import Token, block_end, tokenize

log = logging.getLogger(__name__)

_CONFLICT = (
    "using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED or WITH "
    "in the update (SPARQL 1.1 Protocol 2.2.3)"
)
# One triple that stands for the content of a GRAPH block in the skeleton (rdflib drops empty blocks).
_PLACEHOLDER = "{ <urn:x-kg:s> <urn:x-kg:p> <urn:x-kg:o> }"


def _word(tokens: Sequence[Token], k: int) -> str:
    """The upper-cased word at ``k`` ('' for anything else or out of range)."""
    if 0 <= k < len(tokens) and tokens[k].kind == "word":
        return tokens[k].text.upper()
    return ""


def with_using(text: str, using: Sequence[str] = (), using_named: Sequence[str] = ()) -> str:
    """``text`` with ``USING <g>`` / ``USING NAMED <g>`` before the ``WHERE`` of each DELETE/INSERT.

    ``DELETE WHERE { P }`` cannot take USING; it is written as the equivalent
    ``DELETE { P } USING ... WHERE { P }``.  Operations without a WHERE (``INSERT DATA``,
    ``DROP``...) are left alone.  400 if the update has its own USING or WITH.
    """
    if not using and not using_named:
        return text
    clause = " ".join(
        [f"USING {ox.NamedNode(validate_iri(g))}" for g in using]
        + [f"USING NAMED {ox.NamedNode(validate_iri(g))}" for g in using_named]
    )
    tokens = list(tokenize(text))
    edits: list[tuple[int, int, str]] = []
    for k, tok in enumerate(tokens):
        if tok.kind != "word" or tok.depth != 0:
            continue
        upper = tok.text.upper()
        # (Oxigraph also reads a keyword glued to a prefixed name: WITH:g is WITH :g.)
        if upper in ("USING", "WITH") or (upper.startswith(("USING:", "WITH:")) and _word(tokens, k - 1) != "PREFIX"):
            raise BadRequest(_CONFLICT)
        if upper != "WHERE":
            continue
        if _word(tokens, k - 1) != "DELETE":
            edits.append((tok.start, tok.start, clause + " "))
        elif k + 1 < len(tokens) and tokens[k + 1].text == "{":
            close = block_end(tokens, k + 1)
            if close < len(tokens):
                pattern = text[tokens[k + 1].start : tokens[close].end]
                edits.append((tokens[k - 1].start, tokens[close].end, f"DELETE {pattern} {clause} WHERE {pattern}"))
        # (anything else does not parse: the parser will say so)
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def graphs_written(text: str, base_iri: str | None = None) -> frozenset[str] | None:
    """The named graphs ``text`` may change (insert into, delete from, create, clear, drop).

    ``None`` means any graph: a ``GRAPH ?var`` template, ``CLEAR``/``DROP`` ``NAMED`` or
    ``ALL``, or an update that Oxigraph parses and rdflib cannot (logged).  Writes to the
    default graph are not listed.  May list more graphs than the update really changes,
    never fewer.  Raises the 400 of Oxigraph's parser for text that is not an update.
    """
    try:
        from rdflib.plugins.sparql.algebra import translateUpdate  # noqa: PLC0415  (heavy, rarely needed)
        from rdflib.plugins.sparql.parser import parseUpdate  # noqa: PLC0415

        # One operation at a time: rdflib's parser recurses per operation, and a request of
        # a few hundred (a batch of article graphs) exceeds Python's recursion limit.
        operations = [
            op
            for part in _operations(_skeleton(text))
            for op in translateUpdate(parseUpdate(part), base=base_iri).algebra
        ]
    except Exception as exc:  # noqa: BLE001  (any parser failure: assume the worst, the store stays right)
        _check_syntax(text, base_iri)  # not an update at all: a 400, before anyone snapshots the store
        log.warning(
            "cannot tell which graphs an update writes (%s: %s); treating it as writing all of them",
            type(exc).__name__,
            str(exc)[:200],
        )
        return None
    written: set[str] = set()
    for op in operations:
        graphs = _graphs_of(op)
        if graphs is None:
            return None
        written.update(graphs)
    return frozenset(written)


def _check_syntax(text: str, base_iri: str | None) -> None:
    """Raise the parser's 400 if ``text`` is not a SPARQL Update: run it on an empty in-memory store."""
    try:
        ox.Store().update(text, base_iri=base_iri)
    except SyntaxError as exc:
        raise query_syntax_error(text, exc) from None
    except (RuntimeError, OSError):
        pass  # well-formed; what it does to the real store is decided there


def _graphs_of(op) -> list[str] | None:
    """The graph IRIs one rdflib update operation writes; ``None`` for any graph."""
    from rdflib import URIRef, Variable  # noqa: PLC0415

    name = op.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        terms = list(op.quads or ())
    elif name == "Modify":
        terms = [g for clause in (op.delete, op.insert) if clause for g in (clause.quads or ())]
        if op.withClause is not None:
            terms.append(op.withClause)  # the templates' triples go to the WITH graph
    elif name in ("Clear", "Drop", "Create", "Load"):
        terms = [op.graphiri] if op.graphiri is not None else []
    elif name in ("Add", "Move", "Copy"):
        terms = list(op.graph)
    else:
        raise ValueError(f"unknown update operation {name}")
    graphs = []
    for term in terms:
        if isinstance(term, URIRef):
            graphs.append(str(term))
        elif isinstance(term, Variable) or term in ("ALL", "NAMED"):
            return None  # any named graph
        elif term != "DEFAULT":
            raise ValueError(f"unexpected graph reference {term!r}")
    return graphs


def _operations(text: str) -> list[str]:
    """``text`` split at its top-level ``;``, each part led by the PREFIX/BASE declared before it."""
    tokens = list(tokenize(text))
    parts, prologue, start = [], "", 0
    for k, token in enumerate(tokens + [Token("punct", ";", 0, len(text), len(text))]):
        if token.text == ";" and token.depth == 0:
            part = text[start : token.start]
            if part.strip():
                parts.append(prologue + part)
            start = token.end
        elif token.kind == "word" and token.text.upper() in ("PREFIX", "BASE") and token.depth == 0:
            last = k + (2 if token.text.upper() == "PREFIX" else 1)
            if last < len(tokens):
                prologue += text[token.start : tokens[last].end] + "\n"
    return parts


def _skeleton(text: str) -> str:
    """``text`` with data blocks cut down to their GRAPH headers and the WHERE of DELETE/INSERT emptied."""
    tokens = list(tokenize(text))
    edits: list[tuple[int, int, str]] = []
    k = 0
    while k < len(tokens) - 1:
        upper = _word(tokens, k)
        if tokens[k].depth == 0 and tokens[k + 1].text == "{" and upper in ("DATA", "WHERE"):
            before = _word(tokens, k - 1)
            if upper == "DATA" and before in ("INSERT", "DELETE"):
                close = _close(tokens, k + 1)
                edits.append((tokens[k + 1].end, tokens[close].start, _graph_headers(text, tokens, k + 1, close)))
                k = close
            elif upper == "WHERE" and before != "DELETE":  # DELETE WHERE's pattern is a template: keep it
                close = _close(tokens, k + 1)
                edits.append((tokens[k + 1].end, tokens[close].start, ""))
                k = close
        k += 1
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def _close(tokens: list[Token], open_index: int) -> int:
    close = block_end(tokens, open_index)
    if close >= len(tokens):
        raise ValueError("unbalanced brackets")
    return close


def _graph_headers(text: str, tokens: list[Token], open_index: int, close: int) -> str:
    """``GRAPH <g> {one triple}`` for each GRAPH block of a data block (its triples do not matter)."""
    inner = tokens[open_index].depth + 1
    headers: list[str] = []
    for j in _inner_blocks(tokens, open_index, close, inner):
        if _word(tokens, j - 2) == "GRAPH":
            first = j - 2
        elif _word(tokens, j - 1).startswith("GRAPH"):  # glued: GRAPH:g
            first = j - 1
        else:
            raise ValueError("a block in a data block that is not GRAPH ... { }")
        headers.append(text[tokens[first].start : tokens[j].start] + " " + _PLACEHOLDER)
    return " ".join(headers)


def _inner_blocks(tokens: list[Token], open_index: int, close: int, depth: int) -> Iterable[int]:
    for j in range(open_index + 1, close):
        if tokens[j].kind == "punct" and tokens[j].text == "{" and tokens[j].depth == depth:
            yield j
