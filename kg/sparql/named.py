"""Named queries: ``.rq`` files with a front-matter comment.

Front-matter lines at the top of the file::

    #+ title: Summits
    #+ description: Which summit, where and when.
    #+ param: org iri https://w3id.org/summit-kg/id/org/sco - the organization

A ``param`` is bound as a value (SEP-0007 substitution of the variable ``?NAME``,
which must be projected by the SELECT), never pasted into the query text.  A
federated query names each endpoint it calls with a ``#+ service: IRI`` line; it runs
only where the operator allowlists that endpoint.  A bad file is a ConfigError naming the file, raised
when the queries are loaded (start-up), not when one is run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BadRequest, ConfigError
from kg.rdf.iris import validate_iri

from .diagnostics import syntax_message

_LINE = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s+(iri|string|integer|decimal|date|boolean)(?:\s+(\S+))?(?:\s+[-–]\s*(.*))?$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    help: str = ""

    def bind(self, raw: str) -> ox.NamedNode | ox.Literal:
        """Turn a user-supplied string into an RDF term of this parameter's type."""
        if self.type == "iri":
            return ox.NamedNode(validate_iri(raw))
        if self.type == "string":
            return ox.Literal(raw)
        checks = {
            "integer": r"[+-]?\d+",
            "decimal": r"[+-]?\d+(\.\d+)?",
            "date": r"\d{4}-\d{2}-\d{2}",
            "boolean": r"true|false",
        }
        if not re.fullmatch(checks[self.type], raw):
            raise BadRequest(f"parameter {self.name}: {raw[:100]!r} is not a valid {self.type}")
        return ox.Literal(raw, datatype=ox.NamedNode(_XSD + self.type))


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path
    params: tuple[Param, ...] = field(default=())
    services: tuple[str, ...] = field(default=())

    def bindings(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Values for the query's parameters: given ones, else defaults; unknown names are an error."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise BadRequest(f"query {self.name} has no parameter {sorted(unknown)[0]!r}")
        out = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is not None:
                out[p.name] = p.bind(raw)
        return out


def parse_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; raise ConfigError naming the file when it is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read named query: {exc}") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    services: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _LINE.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise ConfigError(f"{path}: bad param line {value!r} (want: NAME TYPE [DEFAULT] [- help])")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3), pm.group(4) or ""))
        elif key == "service":
            try:
                services.append(validate_iri(value))
            except BadRequest as exc:
                raise ConfigError(f"{path}: bad service line: {exc.message}") from None
        else:
            meta[key] = value
    for key in ("title", "description"):
        if not meta.get(key):
            raise ConfigError(f"{path}: front-matter needs a '#+ {key}:' line")
    query = NamedQuery(path.stem, meta["title"], meta["description"], text, path, tuple(params), tuple(services))
    if services:  # parse only (rdflib's parser): running it could call the services
        from pyparsing import ParseException  # noqa: PLC0415
        from rdflib.plugins.sparql.parser import parseQuery  # noqa: PLC0415

        try:
            parseQuery(text)
        except ParseException as exc:
            raise ConfigError(f"{path}: SPARQL syntax error: {exc}") from None
        return query
    try:  # parse (and run) against an empty store: cheap, and the native parser's verdict
        ox.Store().query(text, substitutions={ox.Variable(k): v for k, v in query.bindings({}).items()})
    except SyntaxError as exc:
        raise ConfigError(f"{path}: SPARQL syntax error: {syntax_message(text, str(exc))}") from None
    except (RuntimeError, ValueError) as exc:  # e.g. a parameter the SELECT does not project
        raise ConfigError(f"{path}: {exc}") from None
    except BadRequest as exc:
        raise ConfigError(f"{path}: {exc.message}") from None
    return query


def load_named_queries(folder: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of a folder by name (file stem), sorted."""
    return {p.stem: parse_named_query(p) for p in sorted(Path(folder).glob("*.rq"))}
