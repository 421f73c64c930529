"""Query text for a remote SPARQL endpoint: what the embedded engine takes as arguments.

An external store receives a query as text only, so what :meth:`kg.store.Store.query`
passes to Oxigraph as arguments is written into the text here, never by pasting user
text: a base IRI becomes a ``BASE`` declaration, and substitutions (SEP-0007) become a
``VALUES`` block at the start of the query's WHERE group, built from pyoxigraph's own
term serializations (its escaping, not ours).  The lexer of the safety scan
(:func:`kg.sparql.lexer.tokenize`, keeping strings and numbers) finds the query form and
the WHERE group; anything that is not a query
(an update, Virtuoso's ``DEFINE`` pragmas) is refused before it is sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from kg.errors import BadRequest, QuerySyntaxError
from kg.formats import QueryForm
from kg.rdf.iris import validate_iri

from .lexer import Token, tokenize


def _tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` with its strings and numbers (:func:`kg.sparql.lexer.tokenize`)."""
    return iter(tokenize(text, literals=True))


def query_form(text: str) -> QueryForm:
    """The form of a query (SELECT, ASK, CONSTRUCT, DESCRIBE); anything else is a QuerySyntaxError.

    Only BASE and PREFIX declarations may come before the form keyword, so an update
    or a server-specific pragma never reaches a remote query endpoint.
    """
    tokens = _tokens(text)
    for tok in tokens:
        word = tok.text.upper() if tok.kind == "word" else ""
        if word == "BASE":
            next(tokens, None)
        elif word == "PREFIX":
            next(tokens, None)
            next(tokens, None)
        elif (form := QueryForm.of(word)) is not None:
            return form
        else:
            break
    raise QuerySyntaxError(
        "not a SPARQL query: after BASE and PREFIX declarations it must start with SELECT, ASK, CONSTRUCT or DESCRIBE"
    )


def _where_group(text: str, form: str) -> tuple[int, int, bool, int | None]:
    """Offsets of the WHERE group's ``{`` and matching ``}``, whether the group is a sub-SELECT,
    and for the short form ``CONSTRUCT WHERE { ... }`` the offset of its WHERE (else None)."""
    seen_form = False
    template = form == "CONSTRUCT"  # CONSTRUCT { template } WHERE { ... }, or CONSTRUCT WHERE { ... }
    short: int | None = None
    opening: Token | None = None
    first_inside = True
    subselect = False
    for tok in _tokens(text):
        if not seen_form:
            seen_form = tok.kind == "word" and tok.text.upper() == form
            continue
        if opening is None:
            if tok.depth != 0:
                continue
            if template and tok.kind == "word" and tok.text.upper() == "WHERE":
                template, short = False, tok.start
            if tok.kind == "punct" and tok.text == "{":
                if template:
                    template = False  # skip the template: the next group at depth 0 is WHERE's
                    continue
                opening = tok
            continue
        if first_inside:
            first_inside = False
            subselect = tok.kind == "word" and tok.text.upper() == "SELECT"
        if tok.kind == "punct" and tok.text in ("}", ")", "]") and tok.depth == 0:
            return opening.start, tok.start, subselect, short
    raise QuerySyntaxError("cannot bind values: the query has no complete WHERE group")


def values_block(substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` for the given bindings, each term serialized by pyoxigraph."""
    names, terms = [], []
    for name, term in substitutions.items():
        variable = ox.Variable(name)  # raises ValueError for a name that is not a SPARQL variable
        if isinstance(term, ox.NamedNode):
            validate_iri(term.value)
        elif not isinstance(term, ox.Literal):
            raise BadRequest(f"?{name}: only IRIs and literals can be bound in a query sent to an external store")
        names.append(str(variable))
        terms.append(str(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def bind_values(text: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``text`` with the substitutions bound by a VALUES block opening its WHERE group.

    Placed first in the group, the block joins before everything else there (OPTIONAL,
    FILTER, aggregation), which is what SEP-0007's substitution means for the queries
    this project runs.  A WHERE group that is a sub-SELECT is wrapped in a group first;
    ``CONSTRUCT WHERE`` is written out as ``CONSTRUCT { T } WHERE { VALUES ... T }``.
    """
    if not substitutions:
        return text
    block = values_block(substitutions)
    start, end, subselect, short = _where_group(text, query_form(text))
    if short is not None:  # CONSTRUCT WHERE { triples }: its group is the template too, and takes no VALUES
        body = text[start + 1 : end]
        return f"{text[:short]}{{{body}}} WHERE {{ {block}\n{body}}}{text[end + 1 :]}"
    if subselect:
        return f"{text[: start + 1]} {block} {{ {text[start + 1 : end]} }} {text[end:]}"
    return f"{text[: start + 1]} {block}\n{text[start + 1 :]}"


def with_base(text: str, base_iri: str | None) -> str:
    """``text`` with a BASE declaration first (a later BASE in the text still wins, as in SPARQL)."""
    if base_iri is None:
        return text
    return f"BASE {ox.NamedNode(validate_iri(base_iri))}\n{text}"


def mentions(text: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs in ``text`` as a bare word (not in a string, IRI, comment or name)."""
    keyword = keyword.upper()
    return any(tok.kind == "word" and tok.text.upper() == keyword for tok in _tokens(text))


def ask_as_select(text: str) -> str:
    """An ASK query as ``SELECT * ... LIMIT 1``: a row for true, none for false."""
    form = query_form(text)
    if form != "ASK":
        raise ValueError("not an ASK query")
    for tok in _tokens(text):
        if tok.kind == "word" and tok.text.upper() == "ASK":
            return f"{text[: tok.start]}SELECT *{text[tok.start + 3 :]}\nLIMIT 1"
    raise AssertionError("unreachable: query_form found ASK")
