"""Evidence: the sentences that support a fact, as Mention nodes (NIF offsets).

An item's ``evidence`` is ``[{"sentence": ..., "start": int, "end": int}]`` with
character offsets into ``facts["article"]["text"]`` (start inclusive, end exclusive,
the NIF convention).  Each becomes one ``skg:Mention`` per span (shared when several
facts cite one sentence), linked to its article by ``skg:inArticle`` and from every
thing it supports by ``skg:evidence``.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.rdf.namespaces import NIF, SKG

from . import values as v
from .context import Context, integer_literal, text_literal

_TYPE, _MENTION, _ANCHOR_OF = RDF.type, SKG.Mention, NIF.anchorOf
_BEGIN, _END, _IN_ARTICLE, _EVIDENCE = NIF.beginIndex, NIF.endIndex, SKG.inArticle, SKG.evidence


def add_evidence(ctx: Context, raw: Any, where: str, *things: URIRef | None) -> None:
    """Write the mentions of ``raw`` (an item's ``evidence`` value, checked by :func:`kg.facts.check_facts`)
    and link ``things`` to them."""
    if raw is None:
        return
    for i, entry in enumerate(raw):
        here = f"{where}[{i}]"
        sentence = entry.get("sentence") or None  # kept exactly as written (the span may start or end with a space)
        start, end = entry.get("start"), entry.get("end")
        if (start is None) != (end is None):
            raise v.fail(here, "give both start and end, or neither")
        if start is not None and end is not None:
            if end < start:
                raise v.fail(here, f"end {end} is before start {start}")
            if ctx.text is not None and end > len(ctx.text):
                raise v.fail(here, f"end {end} is past the end of the article text ({len(ctx.text)} characters)")
            if sentence is None and ctx.text is not None:
                sentence = ctx.text[start:end]
        if not sentence:
            raise v.fail(here, "needs a sentence (or offsets into the article text)")
        mention = ctx.minter.mention(ctx.article, start, end, sentence)
        if not ctx.has(mention, _IN_ARTICLE):  # the first time this article cites the span
            ctx.add(mention, _TYPE, _MENTION)
            ctx.add_once(mention, _ANCHOR_OF, text_literal(sentence))
            if start is not None:  # xsd:integer: Oxigraph would store a nonNegativeInteger as one anyway
                ctx.add_once(mention, _BEGIN, integer_literal(start))
                ctx.add_once(mention, _END, integer_literal(end))
            ctx.add_once(mention, _IN_ARTICLE, ctx.article)
        for thing in things:
            if thing is not None:
                ctx.add(thing, _EVIDENCE, mention)
