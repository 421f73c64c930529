"""IRIs: validated in one place, minted in one place.

``validate_iri`` is the only gate through which user-supplied text becomes an IRI
(graph names, dataset parameters, entity look-ups).  Minting (deterministic IRIs for
summits, countries, people, documents, articles...) lives here too, so two articles
about one summit meet on one IRI.
"""

from __future__ import annotations

import re

from .errors import BadRequest

# RFC 3987 forbids these in an IRI; they are also what would break out of <...> in
# SPARQL or N-Triples.
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def validate_iri(value: str) -> str:
    """Return ``value`` if it is an absolute IRI safe to write as ``<value>``, else raise BadRequest."""
    if not isinstance(value, str) or not value:
        raise BadRequest("an IRI is required")
    if not _SCHEME.match(value):
        raise BadRequest(f"not an absolute IRI: {value[:200]!r}")
    bad = _FORBIDDEN.search(value)
    if bad:
        raise BadRequest(f"IRI contains a forbidden character {bad.group()!r}: {value[:200]!r}")
    return value


def is_valid_iri(value: str) -> bool:
    try:
        validate_iri(value)
    except BadRequest:
        return False
    return True
