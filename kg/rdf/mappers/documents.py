"""Documents of a summit: title, kind (as a class and as written) and status.

The status is kept as written (``skg:documentStatus``: "to be signed and published")
and normalised to concepts (``skg:statusConcept``): one per completed action named
(signed, adopted, issued, approved, published), or ``skg:StatusPlanned`` alone when
the action is still to come ("to be adopted", "will sign").  A generic mention
(``named: false``: "20 resolutions") is not a document: it is written on the main summit
as ``skg:documentsReported`` (the words) and ``skg:documentCount`` (20).  A document with
``at_summit: false`` (or with no main summit in the article) is not linked to a summit
and gets a summit-free IRI.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kg.rdf.namespaces import SKG

from . import values as v
from .context import Context, integer_literal, text_literal
from .evidence import add_evidence

KIND_CLASSES: tuple[tuple[re.Pattern[str], URIRef], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), cls)
    for pattern, cls in (
        (r"\bdeclaration", SKG.Declaration),
        (r"\bcommuni[qc]u[eé]", SKG.Communique),
        (r"\bconvention", SKG.Convention),
        (r"\bmemorand|\bmou\b", SKG.Memorandum),
        (r"\bagreement|\btreaty|\baccord\b|\bprotocol", SKG.Agreement),
        (r"\bresolution", SKG.Resolution),
        (r"\bdecision", SKG.Decision),
        (r"\bstatement", SKG.Statement),
    )
)
PLANNED = re.compile(
    r"\b(to be|will|would|shall|going to|set to|due to|expected|plan(ned|s)?|intend|upcoming)\b", re.IGNORECASE
)
ACTIONS: tuple[tuple[re.Pattern[str], URIRef], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), concept)
    for pattern, concept in (
        (r"\bsign", SKG.StatusSigned),
        (r"\badopt|\bendors", SKG.StatusAdopted),
        (r"\bissu|\breleas", SKG.StatusIssued),
        (r"\bapprov|\bratif", SKG.StatusApproved),
        (r"\bpublish", SKG.StatusPublished),
    )
)


def document_class(kind: str | None, title: str) -> URIRef | None:
    """The Document subclass a kind names (else the title), or None for a plain Document."""
    for text in (kind, title):
        for pattern, cls in KIND_CLASSES:
            if text and pattern.search(text):
                return cls
    return None


def status_concepts(status: str | None) -> list[URIRef]:
    if not status:
        return []
    if PLANNED.search(status):
        return [SKG.StatusPlanned]
    return [concept for pattern, concept in ACTIONS if pattern.search(status)]


_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "dozen": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_COUNT = re.compile(
    r"\b(\d{1,4}|a dozen|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def document_count(text: str) -> int | None:
    """The number a generic mention gives: '20 resolutions' -> 20, 'a dozen agreements' -> 12."""
    m = _COUNT.search(text)
    if not m:
        return None
    word = m.group(1).lower()
    count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return count if count > 0 else None


def map_documents(ctx: Context) -> None:
    """Every item of ``documents``."""
    for i, item in enumerate(v.items(ctx.facts, "documents")):
        where = f"documents[{i}]"
        title = v.required_text(item.get("title"), where + ".title")
        kind = v.text(item.get("kind"))
        status = v.text(item.get("status"))
        named = v.flag(item.get("named"), True)
        at_summit = v.flag(item.get("at_summit"), True)
        summit = ctx.main_summit if at_summit else None
        if not named:  # "20 resolutions": a count on the summit, not a document called so
            if summit is not None:
                ctx.add(summit, SKG.documentsReported, text_literal(title))
                count = document_count(title)
                ctx.add(summit, SKG.documentCount, integer_literal(count) if count else None)
                add_evidence(ctx, item.get("evidence"), where + ".evidence", summit)
            continue
        iri = ctx.minter.document(title, summit)
        cls = document_class(kind, title)
        ctx.thing(iri, (SKG.Document, *([cls] if cls else [])), title)
        ctx.add_once(iri, SKG.documentKind, text_literal(kind) if kind else None)
        if status and not ctx.has(iri, SKG.documentStatus):
            ctx.add_once(iri, SKG.documentStatus, text_literal(status))
            for concept in status_concepts(status):
                ctx.add(iri, SKG.statusConcept, concept)
        if summit is not None:
            ctx.add(summit, SKG.document, iri)
        add_evidence(ctx, item.get("evidence"), where + ".evidence", iri)
