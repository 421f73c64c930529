"""The RDF payload of a Graph Store write: media type to native parser, multipart/form-data, 400/415.

:func:`parse_payload` turns a request body into pyoxigraph triples, parsed by
pyoxigraph (natively).  Turtle, N-Triples, RDF/XML and JSON-LD are read as they are;
N-Quads and TriG are accepted when they hold triples only (a graph is one graph); a
request without a Content-Type is RDF/XML (GSP 5); ``multipart/form-data`` is the RDF
merge of its parts, each typed by its own Content-Type (or, without one, by its file
name's extension).  Blank nodes get fresh labels, so a payload's blank nodes never meet
stored ones.  An unparseable payload is a 400 quoting the parser, an unknown media type
or a charset other than UTF-8 a 415.  JSON-LD remote contexts are never fetched.

RDF/XML may declare internal entities, which the parser expands: nested, 818 bytes grow
to a gigabyte.  Before parsing, :func:`expanded_size` computes what the document would
grow to (without expanding it); beyond ``max_expanded_bytes`` it is a 413.  Parameter
and external entities are refused (400).
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser

import pyoxigraph as ox

from kg.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from kg.formats import GRAPH_TYPES, parse_media_type, rdf_format

#: Media types a graph can be written in.
#: Those the endpoint writes, and Turtle's old ``application/x-turtle`` (listed after Turtle).
PAYLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    GRAPH_TYPES[0]: rdf_format(GRAPH_TYPES[0]),
    "application/x-turtle": ox.RdfFormat.TURTLE,
    **{media_type: rdf_format(media_type) for media_type in GRAPH_TYPES[1:]},
}
MULTIPART = "multipart/form-data"
#: What a payload without a Content-Type is (GSP 5: "SHOULD be treated as RDF/XML").
DEFAULT_TYPE = "application/rdf+xml"


#: Most internal entities an RDF/XML payload may declare.
MAX_ENTITIES = 256
_ENTITY = re.compile(rb"""<!ENTITY\s+(%\s*)?([^\s%;&<>"']+)\s+(?:"([^"]*)"|'([^']*)'|\S)""")
_REFERENCE = re.compile(rb"&([^\s&;#<>]+);")


def expanded_size(body: bytes) -> int:
    """How many bytes an XML document grows to once its internal entities are expanded (400 for
    parameter, external, recursive or too many entities)."""
    if b"<!ENTITY" not in body:
        return len(body)
    values: dict[bytes, bytes] = {}
    for m in _ENTITY.finditer(body):
        if m.group(1):
            raise BadRequest("parameter entities are not accepted in an RDF/XML payload")
        value = m.group(3) if m.group(3) is not None else m.group(4)
        if value is None:
            raise BadRequest("external entities (SYSTEM, PUBLIC) are not accepted in an RDF/XML payload")
        values.setdefault(m.group(2), value)  # XML: the first declaration binds
    if len(values) > MAX_ENTITIES:
        raise BadRequest(f"an RDF/XML payload may declare at most {MAX_ENTITIES} entities, not {len(values)}")
    sizes: dict[bytes, int] = {}

    def size(name: bytes, seen: frozenset[bytes]) -> int:
        if name not in sizes:
            if name in seen:
                raise BadRequest(f"the entity {name.decode('utf-8', 'replace')} refers to itself")
            sizes[name] = len(values[name]) + sum(
                size(ref.group(1), seen | {name}) - len(ref.group())
                for ref in _REFERENCE.finditer(values[name])
                if ref.group(1) in values
            )
        return sizes[name]

    rest = _ENTITY.sub(b"", body)  # references inside declarations count through their entity
    return len(body) + sum(
        size(ref.group(1), frozenset()) - len(ref.group())
        for ref in _REFERENCE.finditer(rest)
        if ref.group(1) in values
    )


def parse_payload(
    content_type: str | None, body: bytes, *, base_iri: str, max_expanded_bytes: int = 10_000_000
) -> list[ox.Triple]:
    """The triples of a request body; relative IRIs are resolved against ``base_iri``.

    An RDF/XML payload whose entities would expand past ``max_expanded_bytes`` is a 413.
    """
    mtype, params = parse_media_type(content_type)
    if mtype == MULTIPART:
        triples: list[ox.Triple] = []
        for part_type, charset, data in _parts(content_type or "", body):
            triples += _parse(part_type, charset, data, base_iri, max_expanded_bytes)
        return triples
    return _parse(mtype or DEFAULT_TYPE, params.get("charset"), body, base_iri, max_expanded_bytes)


def _parse(mtype: str, charset: str | None, body: bytes, base_iri: str, max_expanded_bytes: int) -> list[ox.Triple]:
    fmt = PAYLOAD_FORMATS.get(mtype)
    if fmt is None:
        raise UnsupportedMediaType(
            f"cannot read a graph as {mtype}; send one of: " + ", ".join([*PAYLOAD_FORMATS, MULTIPART])
        )
    if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{mtype} with charset={charset}: UTF-8 is the only valid charset")
    if not body.strip():
        return []
    if fmt == ox.RdfFormat.RDF_XML:
        grown = expanded_size(body)
        if grown > max_expanded_bytes:
            raise PayloadTooLarge(
                f"the RDF/XML payload's entities expand it to {grown} bytes, more than the "
                f"{max_expanded_bytes} allowed (setting max_body_bytes)"
            )
    try:
        quads = ox.parse(body, fmt, base_iri=base_iri, without_named_graphs=True, rename_blank_nodes=True)
        return [q.triple for q in quads]
    except SyntaxError as exc:
        raise BadRequest(f"the {fmt.name} payload does not parse: {exc}") from None


def _parts(content_type: str, body: bytes) -> list[tuple[str, str | None, bytes]]:
    """(media type, charset, bytes) of each part of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise BadRequest("the multipart/form-data body has no parts (is the boundary right?)")
    parts = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""  # decode=True gives bytes (None for a multipart)
        if part.get("Content-Type"):
            parts.append((part.get_content_type(), part.get_content_charset(), data))
            continue
        name = part.get_filename() or ""
        fmt = ox.RdfFormat.from_extension(name.rpartition(".")[2]) if "." in name else None
        if fmt is None or fmt.media_type not in PAYLOAD_FORMATS:
            raise UnsupportedMediaType(
                f"a part of the multipart body ({name or 'no file name'}) has no Content-Type "
                "and no file extension that names an RDF format"
            )
        parts.append((fmt.media_type, None, data))
    return parts
