"""A SPARQL lexer and the safety scan: one cheap pass over a query before the engine sees it.

:func:`scan_query` (:func:`scan_update`) / :func:`check_query` find the query form, the
nesting depth, the operator count, ``SERVICE``, ``LOAD`` and ``FROM``, skipping
strings, comments and IRIs, so that what the native parser would crash on (deep
nesting, long chains) or what would reach out of the store (SERVICE, remote FROM) is
refused before pyoxigraph sees it.  :func:`tokenize` is the lexer the update rewriting
and the query workers use too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.errors import BadRequest, ForbiddenQuery
from kg.formats import QueryForm
from kg.rdf.iris import is_valid_iri

# -- the safety scan --------------------------------------------------------------------

# The lexer follows the terminals of the SPARQL 1.1 grammar (section 19.8): PN_PREFIX,
# PN_LOCAL (a dot inside a name, never at its end), BLANK_NODE_LABEL, VAR1/VAR2, IRIREF,
# the string forms, comments, numbers; a keyword is a run of ASCII letters, digits and
# '_' (GROUP_CONCAT, SHA256).  Oxigraph's parser is a PEG: it reads a keyword as a plain
# string with no word boundary, so ``falseSERVICE`` is ``false`` then ``SERVICE``, and
# ``SERVICE:x`` may be ``SERVICE`` then ``:x``.  :func:`_scan_tokens` therefore treats a
# SERVICE/LOAD/FROM anywhere in a keyword run, in a prefix, or after a dot in a local
# name as that keyword (with an endpoint it cannot resolve, so refused).  The
# quantifiers are possessive: no input makes the matching backtrack.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}]++|\.++(?=[{_PN_CHARS}]))*+"
_PN_LOCAL = (
    rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
    rf"(?:(?:[{_PN_CHARS}:]|{_PLX})++|\.++(?=[{_PN_CHARS}:%\\]))*+"
)
_STRING = "|".join(
    (
        r'"""(?:[^"\\]++|\\.|"(?!""))*+(?:"""|\Z)',  # long strings; unterminated: to the end
        r"'''(?:[^'\\]++|\\.|'(?!''))*+(?:'''|\Z)",
        r'"(?:[^"\\\r\n]++|\\.)*+"?',  # short strings end at a line break, as in the grammar
        r"'(?:[^'\\\r\n]++|\\.)*+'?",
    )
)
_TOKEN = re.compile(
    r"(?P<space>\s++)"
    r"|(?P<comment>\#[^\r\n]*+)"
    r"|(?P<string>" + _STRING + ")"
    r"|<(?P<iri>[^<>\"{}|^`\\\x00-\x20]*+)>"  # an IRIREF; a '<' that starts none is an operator
    r"|(?P<blank>_:[" + _PN_CHARS_U + r"0-9](?:[" + _PN_CHARS + r"]++|\.++(?=[" + _PN_CHARS + r"]))*+)"
    r"|(?P<pname>(?:" + _PN_PREFIX + r")?:(?:" + _PN_LOCAL + r")?)"
    r"|(?P<var>[?$][" + _PN_CHARS_U + r"0-9\u00B7\u0300-\u036F\u203F-\u2040]*+)"
    r"|(?P<lang>@[A-Za-z]++(?:-[A-Za-z0-9]++)*+)"
    r"|(?P<open>[{(\[])"
    r"|(?P<close>[})\]])"
    r"|(?P<op>\|\||&&|!=|<=|>=|\^\^|[=<>+\-*/|^!])"
    r"|(?P<number>[0-9]++(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?|\.[0-9]++(?:[eE][+-]?[0-9]++)?)"  # (signs: operators)
    r"|(?P<punct>[.,;])"
    r"|(?P<word>[A-Za-z][A-Za-z0-9_]*+)"  # keywords (and 'a')
    r"|(?P<other>.)",  # anything else: the parser will refuse it
    re.DOTALL,
)
_OPENERS, _CLOSERS = "{([", "})]"
# Keywords that each add a level to the algebra tree when chained (BIND BIND BIND...).
_CHAIN_KEYWORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH", "SERVICE", "VALUES"})


class Token(NamedTuple):
    kind: str  # "word" (keyword, prefixed name, blank node), "iri", "var", "punct", "op"
    text: str
    depth: int  # bracket depth before the token (after it, for a closing bracket)
    start: int = 0  # where the token is in the text (an IRI's span includes its <>)
    end: int = 0


@dataclass
class QueryScan:
    """What one pass over a query found (see :func:`scan_query`)."""

    form: QueryForm | None = None
    max_depth: int = 0
    operators: int = 0
    prefixes: dict[str, str] = field(default_factory=dict)
    service: list[str | None] = field(default_factory=list)  # endpoint IRIs; None = not a plain IRI
    from_default: list[str | None] = field(default_factory=list)  # FROM; None = not resolvable
    from_named: list[str | None] = field(default_factory=list)  # FROM NAMED
    load: bool = False

    @property
    def from_graphs(self) -> list[str | None]:
        return self.from_default + self.from_named


_DROPPED = frozenset({"space", "comment", "string", "lang", "number"})
_BLANKS = frozenset({"space", "comment"})


def tokenize(text: str, *, literals: bool = False) -> Iterable[Token]:
    """Yield the significant tokens of a SPARQL text; strings, comments, numbers and language tags are dropped.

    Brackets yield ``punct`` tokens and the running depth.  The depth of brackets *inside*
    an IRIREF is also tracked (see :func:`scan_query`), because ``1<(((2)))>0`` is an IRI
    to a lexer but nested expressions to a PEG parser.  With ``literals``, strings,
    numbers and language tags are kept (kinds ``string``, ``number``, ``lang``), for a
    reader that must know what comes first (:mod:`kg.sparql.rewrite`).
    """
    pos, n, depth = 0, len(text), 0
    match = _TOKEN.match
    dropped = _BLANKS if literals else _DROPPED
    while pos < n:
        m = match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "other"
        start, pos = m.start(), m.end()
        if kind in dropped:
            continue
        if kind == "open":
            yield Token("punct", m.group(), depth, start, pos)
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
            yield Token("punct", m.group(), depth, start, pos)
        elif kind == "iri":
            yield Token("iri", m.group("iri"), depth, start, pos)
        else:  # keywords, prefixed names, blank nodes and stray characters are all 'word's
            yield Token("word" if kind in ("pname", "blank", "other") else kind, m.group(), depth, start, pos)


def _bracket_profile(text: str, depth: int) -> int:
    """The deepest bracket level reached if ``text`` (inside an IRIREF) were read as code."""
    deepest = level = depth
    for ch in text:
        if ch in _OPENERS:
            level += 1
            deepest = max(deepest, level)
        elif ch in _CLOSERS:
            level = max(level - 1, depth)
    return deepest


def scan_query(text: str) -> QueryScan:
    """One pass over ``text``: query form, depth, operator count, SERVICE, FROM.

    Keywords are matched case-insensitively and only outside strings, IRIs, comments and
    variable names, so ``"SERVICE"``, ``<http://x/SERVICE>`` or ``?service`` do not count,
    nor does ``ex:serviceType``.  Oxigraph's parser reads a keyword glued to what is
    around it (``falseSERVICE<x>{}``, ``SERVICE:x{}``, ``FROMex:g``), so such spellings
    count too, with an endpoint that cannot be resolved (``None``) -- refused later.
    (Oxigraph reads ``\\u`` escapes only inside strings and IRIs, as the lexer does.)
    """
    return _scan_tokens(list(tokenize(text)))


def scan_update(text: str) -> QueryScan:
    """:func:`scan_query` for a SPARQL Update: also finds ``LOAD``; ``INSERT DATA`` /
    ``DELETE DATA`` blocks count toward the depth only.

    A data block holds nothing but quads, so its ``^^``, signs and ``GRAPH`` keywords are not
    chains the engine recurses on: counted as operators, a bulk insert of typed literals or of
    many graphs would be refused by ``max_query_operators``.
    """
    tokens = list(tokenize(text))
    return _scan_tokens(tokens, quiet=frozenset(_data_block_tokens(tokens)), update=True)


def _data_block_tokens(tokens: list[Token]) -> Iterable[int]:
    """The indices of the tokens inside the ``{...}`` of each ``INSERT DATA`` / ``DELETE DATA``."""
    k = 0
    while k < len(tokens) - 1:
        tok = tokens[k]
        if (
            tok.kind == "word"
            and tok.depth == 0
            and tok.text.upper() == "DATA"
            and k > 0
            and tokens[k - 1].text.upper() in ("INSERT", "DELETE")
            and tokens[k + 1].text == "{"
        ):
            end = block_end(tokens, k + 1)
            yield from range(k + 2, end)
            k = end
        k += 1


def block_end(tokens: list[Token], open_index: int) -> int:
    """The index of the bracket that closes ``tokens[open_index]`` (or ``len(tokens)`` if none does)."""
    depth = tokens[open_index].depth
    for j in range(open_index + 1, len(tokens)):
        tok = tokens[j]
        if tok.kind == "punct" and tok.depth == depth and tok.text in _CLOSERS:
            return j
    return len(tokens)


_OUTBOUND = ("SERVICE", "LOAD", "FROM")
_NAME_BREAKS = re.compile(r"[.:]")


def _outbound_keywords(word: str) -> set[str]:
    """The outbound keywords a PEG parser could read in ``word`` (a keyword run or a prefixed name).

    In a keyword run (no ':') anywhere: ``falseSERVICE`` is ``false`` ``SERVICE``.  In a
    prefixed name: in the prefix (``SERVICE:x`` may be ``SERVICE :x``) and in any part of
    the local name after a '.' or ':' (where a name might be cut); never at the start of the
    local name (``ex:serviceType`` is a name).
    """
    upper = word.upper()
    if ":" in upper:
        prefix, _, local = upper.partition(":")
        parts = [prefix, *_NAME_BREAKS.split(local)[1:]]
    else:
        parts = [upper]
    return {kw for kw in _OUTBOUND if any(kw in part for part in parts)}


def _scan_tokens(tokens: list[Token], quiet: frozenset[int] = frozenset(), *, update: bool = False) -> QueryScan:
    """The loop of :func:`scan_query`; tokens whose index is in ``quiet`` only count toward the depth."""
    scan = QueryScan()
    pending_prefix: str | None = None
    targets: set[int] = set()  # the tokens that name a SERVICE endpoint or a FROM graph
    for k, tok in enumerate(tokens):
        scan.max_depth = max(scan.max_depth, tok.depth + (tok.kind == "punct" and tok.text in _OPENERS))
        if tok.kind == "iri":
            scan.max_depth = max(scan.max_depth, _bracket_profile(tok.text, tok.depth))
        if k in quiet:
            continue
        if tok.kind == "iri":
            if pending_prefix is not None:
                scan.prefixes[pending_prefix] = tok.text
            pending_prefix = None
            continue
        if tok.kind == "op":
            scan.operators += 1
            continue
        if tok.kind != "word":
            continue
        upper = tok.text.upper()
        if upper == "PREFIX" and k + 1 < len(tokens) and tokens[k + 1].kind == "word":
            name = tokens[k + 1].text
            pending_prefix = name[:-1] if name.endswith(":") and name.count(":") == 1 else None
            if pending_prefix is not None:
                targets.add(k + 1)  # a declared name (PNAME_NS), not a keyword
            continue
        if upper in _CHAIN_KEYWORDS:
            scan.operators += 1
        if scan.form is None:
            scan.form = QueryForm.of(upper)
        if k in targets:
            continue
        found = _outbound_keywords(upper)
        if "LOAD" in found and (update or ":" not in upper):  # (a query cannot LOAD: no guessing in its names)
            scan.load = True
        if "SERVICE" in found:
            endpoint, at = _target(tokens, k, scan.prefixes, "SERVICE")
            scan.service.append(endpoint)
            targets.add(at)
        if "FROM" in found and tok.depth == 0:
            named = k + 1 < len(tokens) and tokens[k + 1].text.upper().startswith("NAMED")
            graph, at = _target(tokens, k, scan.prefixes, "FROM")
            (scan.from_named if named else scan.from_default).append(graph)
            targets.add(at)
    return scan


def _target(tokens: list[Token], k: int, prefixes: dict[str, str], keyword: str) -> tuple[str | None, int]:
    """The IRI after ``SERVICE [SILENT]`` or ``FROM [NAMED]`` and its token's index; ``None`` if not a plain IRI."""
    if tokens[k].text.upper() != keyword:
        return None, -1  # glued form (SERVICE:x, FROMex:g, falseSERVICE): refuse rather than guess
    skip = "SILENT" if keyword == "SERVICE" else "NAMED"
    j = k + 1
    if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.upper() == skip:
        j += 1
    if j >= len(tokens):
        return None, -1
    nxt = tokens[j]
    if nxt.kind == "iri":
        return nxt.text, j
    if nxt.kind == "word" and ":" in nxt.text and not _outbound_keywords(nxt.text):
        prefix, _, local = nxt.text.partition(":")
        if prefix in prefixes and "\\" not in local and "%" not in local:
            return prefixes[prefix] + local, j
    return None, -1  # a variable, an undeclared prefix, a glued SILENT/NAMED, a name that hides a keyword


def check_query(
    scan: QueryScan,
    *,
    max_depth: int,
    max_operators: int,
    service_allowlist: Iterable[str] = (),
    is_store_graph: Callable[[str], bool] = lambda iri: False,
) -> None:
    """Refuse what the scan found unsafe (400 with a message saying why).

    * deeper bracket nesting than ``max_depth`` or more operators and group keywords
      than ``max_operators``: the native parser and evaluator recurse on them and a
      stack overflow would kill the whole server process;
    * ``LOAD``; ``SERVICE`` to an endpoint not in ``service_allowlist`` (a variable
      endpoint is never allowed);
    * ``FROM``/``FROM NAMED`` naming anything but a graph of this store.
    """
    if scan.max_depth > max_depth:
        raise BadRequest(
            f"the query nests brackets {scan.max_depth} deep, more than the {max_depth} allowed "
            "(setting max_query_depth)"
        )
    if scan.operators > max_operators:
        raise BadRequest(
            f"the query has {scan.operators} operators and group keywords, more than the {max_operators} "
            "allowed (setting max_query_operators)"
        )
    if scan.load:
        raise ForbiddenQuery("LOAD is not allowed on this endpoint")
    allowed = set(service_allowlist)
    for endpoint in scan.service:
        if endpoint is None:
            raise ForbiddenQuery(
                "SERVICE is only allowed with an allowlisted endpoint written as an IRI "
                "(not a variable or an undeclared prefix; a prefix starting with 'service' also counts)"
            )
        if endpoint not in allowed:
            raise ForbiddenQuery(f"SERVICE <{endpoint}> is not allowed (setting service_allowlist)")
    for graph in scan.from_graphs:
        if graph is None:
            raise ForbiddenQuery(
                "FROM / FROM NAMED must name a graph of this store as an absolute IRI "
                "(a prefix starting with 'from' before WHERE also counts)"
            )
        if not is_valid_iri(graph) or not is_store_graph(graph):
            raise ForbiddenQuery(f"FROM <{graph}> is not a graph of this store; nothing is fetched from the web")
