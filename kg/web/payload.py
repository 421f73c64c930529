"""The RDF payload of a Graph Store write: media type to native parser, multipart/form-data, 400/415.

:func:`parse_payload` turns a request body into pyoxigraph triples, parsed by
pyoxigraph (natively).  Turtle, N-Triples, RDF/XML and JSON-LD are read as they are;
N-Quads and TriG are accepted when they hold triples only (a graph is one graph); a
request without a Content-Type is RDF/XML (GSP 5); ``multipart/form-data`` is the RDF
merge of its parts, each typed by its own Content-Type (or, without one, by its file
name's extension).  Blank nodes get fresh labels, so a payload's blank nodes never meet
stored ones.  An unparseable payload is a 400 quoting the parser, an unknown media type
or a charset other than UTF-8 a 415.  JSON-LD remote contexts are never fetched.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pyoxigraph as ox

from ..errors import BadRequest, UnsupportedMediaType
from ..protocol import parse_media_type

#: Media types a graph can be written in.
PAYLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
MULTIPART = "multipart/form-data"
#: What a payload without a Content-Type is (GSP 5: "SHOULD be treated as RDF/XML").
DEFAULT_TYPE = "application/rdf+xml"


def parse_payload(content_type: str | None, body: bytes, *, base_iri: str) -> list[ox.Triple]:
    """The triples of a request body; relative IRIs are resolved against ``base_iri``."""
    mtype, params = parse_media_type(content_type)
    if mtype == MULTIPART:
        triples: list[ox.Triple] = []
        for part_type, charset, data in _parts(content_type or "", body):
            triples += _parse(part_type, charset, data, base_iri)
        return triples
    return _parse(mtype or DEFAULT_TYPE, params.get("charset"), body, base_iri)


def _parse(mtype: str, charset: str | None, body: bytes, base_iri: str) -> list[ox.Triple]:
    fmt = PAYLOAD_FORMATS.get(mtype)
    if fmt is None:
        raise UnsupportedMediaType(f"cannot read a graph as {mtype}; send one of: "
                                   + ", ".join([*PAYLOAD_FORMATS, MULTIPART]))
    if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{mtype} with charset={charset}: UTF-8 is the only valid charset")
    if not body.strip():
        return []
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
        data = part.get_payload(decode=True) or b""
        if part.get("Content-Type"):
            parts.append((part.get_content_type(), part.get_content_charset(), data))
            continue
        name = part.get_filename() or ""
        fmt = ox.RdfFormat.from_extension(name.rpartition(".")[2]) if "." in name else None
        if fmt is None or fmt.media_type not in PAYLOAD_FORMATS:
            raise UnsupportedMediaType(f"a part of the multipart body ({name or 'no file name'}) has no Content-Type "
                                       "and no file extension that names an RDF format")
        parts.append((fmt.media_type, None, data))
    return parts
