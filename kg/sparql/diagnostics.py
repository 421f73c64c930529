"""Readable SPARQL syntax errors: a position, a short message and, for a missing prefix, the fix.

Oxigraph's parser reports ``error at LINE:COLUMN: expected one of ...`` with every
character class it could have taken next (a missing ``PREFIX skg:`` is ~500 bytes of
Unicode ranges).  :func:`syntax_message` turns that into one line a person can act on::

    line 2, column 10: prefix skg: is not declared; add PREFIX skg: <https://w3id.org/summit-kg/ontology#>

It is pure (text in, text out), and every place where a parser's ``SyntaxError`` becomes
a :class:`~kg.errors.QuerySyntaxError` goes through :func:`query_syntax_error`, so the
CLI, the endpoint's 400 body and the query page (which shows that body) say the same.
"""

from __future__ import annotations

import re

from kg.errors import QuerySyntaxError
from kg.rdf.namespaces import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)

# The lexical pieces that can hide a "prefix:" that is none: comments, strings, IRIs,
# variables and blank node labels are skipped; a prefixed name's prefix is captured.
_PN_PREFIX = r"[A-Za-z\u00C0-\uFFFF](?:[\w\-.\u00B7]*[\w\-\u00B7])?"
_TOKENS = re.compile(
    r"""\#[^\n]*"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"""
    r"""|"(?:[^"\\\n]|\\.)*"?"""
    r"""|'(?:[^'\\\n]|\\.)*'?"""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|[?$]\w+"""
    r"""|_:[\w\-.]*"""
    rf"""|(?P<prefix_decl>\bPREFIX\s+(?P<declared>{_PN_PREFIX})?:)"""
    rf"""|(?P<pname>(?<![\w\-.])(?P<used>{_PN_PREFIX})?:)(?=[\w%\\:]|\s|$)""",
    re.IGNORECASE | re.DOTALL,
)

_CLOSED_STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"',
    r"'(?:[^'\\\n]|\\.)*'",
)

# The first word after the prologue (BASE, PREFIX, comments, white space).
_FIRST_WORD = re.compile(r"(?:\s+|\#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*([^\s{(<]*)", re.IGNORECASE)
_OPENING_WORDS = frozenset(
    {
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "INSERT",
        "DELETE",
        "WITH",
        "LOAD",
        "CLEAR",
        "CREATE",
        "DROP",
        "COPY",
        "MOVE",
        "ADD",
        "BASE",
        "PREFIX",
    }
)

#: At most this many of the parser's expected tokens are quoted; a longer list says nothing.
_MAX_EXPECTED = 6


def query_syntax_error(query: str, exc: BaseException) -> QuerySyntaxError:
    """The :class:`QuerySyntaxError` for the parser error ``exc`` raised on ``query``."""
    return QuerySyntaxError(syntax_message(query, str(exc)))


def syntax_message(query: str, raw: str) -> str:
    """One line for a parser message ``raw`` about ``query``: position, what is wrong, and the fix if known."""
    match = _POSITION.match(raw.strip())
    undeclared = undeclared_prefixes(query)
    if undeclared:
        prefix, (line, column) = next(iter(undeclared.items()))
        missing = ", ".join(f"{p}:" for p in undeclared)
        known = [p for p in undeclared if p in PREFIXES]
        fix = " and ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in known)
        what = f"prefix {missing} is not declared" if len(undeclared) == 1 else f"prefixes {missing} are not declared"
        if known:
            return f"line {line}, column {column}: {what}; add {fix}"
        return f"line {line}, column {column}: {what}; add a PREFIX {prefix}: <...> declaration"
    first = _FIRST_WORD.match(query)
    if first is not None and first[1] and first[1].upper() not in _OPENING_WORDS:
        line, column = _line_column(query, first.start(1))
        return (
            f"line {line}, column {column}: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
            f'(after any PREFIX and BASE), not "{first[1][:40]}"'
        )
    if match is None:
        return _first_line(raw) or "not a valid SPARQL query"
    line, column, rest = int(match[1]), int(match[2]), match[3]
    found = _found_at(query, line, column)
    expected = _expected(rest)
    unclosed = _unclosed_string(query)
    if unclosed is not None:
        return f"line {unclosed[0]}, column {unclosed[1]}: this string is never closed"
    message = f"line {line}, column {column}: "
    message += f"unexpected {found}" if found else "syntax error at the end of the query"
    if expected and found:  # at the end, the parser's list is of whatever could have come last: noise
        message += f"; expected {expected}"
    return message


def undeclared_prefixes(query: str) -> dict[str, tuple[int, int]]:
    """Prefixes used in ``query`` and not declared by a ``PREFIX``, each with its first (line, column)."""
    declared: set[str] = set()
    used: dict[str, int] = {}
    for m in _TOKENS.finditer(query):
        if m["prefix_decl"] is not None:
            declared.add(m["declared"] or "")
        elif m["pname"] is not None:
            used.setdefault(m["used"] or "", m.start())
    return {p: _line_column(query, at) for p, at in used.items() if p not in declared}


def _unclosed_string(query: str) -> tuple[int, int] | None:
    """Where a string literal that never ends starts, if one does."""
    for m in _TOKENS.finditer(query):
        token = m[0]
        if token[:1] in "\"'" and not any(re.fullmatch(closed, token, re.DOTALL) for closed in _CLOSED_STRINGS):
            return _line_column(query, m.start())
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _found_at(query: str, line: int, column: int) -> str:
    """What the query has at (line, column): a quoted token, or "" at its end."""
    lines = query.split("\n")
    if line > len(lines):
        return ""
    rest = lines[line - 1][column - 1 :] if column >= 1 else lines[line - 1]
    if not rest.strip() and all(not later.strip() for later in lines[line:]):
        return ""
    rest = rest.lstrip() or "end of line"
    if rest == "end of line":
        return "end of line"
    token = re.match(r"[\w?$:\-.]+|\S", rest)
    return f'"{token[0] if token else rest[:1]}"'


def _expected(rest: str) -> str:
    """The parser's expected tokens when few and readable (keywords, punctuation), else ""."""
    rest = rest.strip()
    for head in ("expected one of ", "expected "):
        if rest.startswith(head):
            items = rest[len(head) :]
            break
    else:
        return ""
    parts = []
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|\[[^\]]*\]|[A-Za-z][A-Za-z_ ]*', items):
        if m[0] == "[_]":  # the parser's "white space or a comment": says nothing
            continue
        if m[0].startswith("["):  # a character class: a list nobody can read
            return ""
        parts.append(m[0].strip())
    if not parts or len(parts) > _MAX_EXPECTED:
        return ""
    return parts[0] if len(parts) == 1 else "one of " + ", ".join(parts)


def _first_line(raw: str) -> str:
    line = raw.strip().splitlines()[0] if raw.strip() else ""
    return line[:200]
