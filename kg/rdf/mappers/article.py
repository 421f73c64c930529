"""The article: its identity (IRI, named graph, content hash) and its description.

The article block ``facts["article"]`` (url, title, publisher, published, language,
text, slug) may be missing; then ``facts["slug"]`` names the article.  The article IRI
and its graph come from the URL, else the text, else the slug (``IRIMinter.article_id``).
``skg:contentHash`` is the SHA-256 of the text, or of the facts JSON (canonical form)
when there is no text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, XSD

from kg.facts import Facts
from kg.rdf.iris import IRIMinter, is_valid_iri, sha256_hex
from kg.rdf.namespaces import SCHEMA, SKG

from . import values as v
from .context import Context, text_literal


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    iri: URIRef
    graph: URIRef
    url: str | None
    title: str | None
    publisher: str | None
    published: Literal | None
    language: str | None
    text: str | None
    slug: str | None
    content_hash: str


def read_article(facts: Facts, minter: IRIMinter) -> ArticleInfo:
    """The article's identity and fields, checked."""
    block = facts.get("article") or {}
    text = block.get("text")
    text = text if text and text.strip() else None
    url = v.text(block.get("url"))
    slug = v.text(block.get("slug")) or v.text(facts.get("slug"))
    if url is None and text is None and slug is None:
        raise v.fail("article", "cannot name the article: give article.url, article.text or slug")
    article_id = minter.article_id(url=url, text=text, slug=slug)
    if text is not None:
        content_hash = sha256_hex(text)
    else:
        content_hash = sha256_hex(
            json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        )
    return ArticleInfo(
        id=article_id,
        iri=minter.article(article_id),
        graph=minter.graph(article_id),
        url=url,
        title=v.text(block.get("title")),
        publisher=v.text(block.get("publisher")),
        published=v.date(block.get("published"), "article.published", allow_time=True),
        language=v.text(block.get("language")),
        text=text,
        slug=slug,
        content_hash=content_hash,
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")
_TITLE_MAX = 120
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^—–:]{0,30})?\s*(?:[—–]|:|--)\s+")


def article_label(info: ArticleInfo) -> str:
    """An article's name: its title; else its text's first sentence (cut at a word near
    120 characters); else its URL; the file slug only when there is nothing else."""
    if info.title:
        return info.title
    if info.text:
        # the first sentence of prose: not a lone "PHOTO", a dateline ("MINSK, June 27. /TASS/.")
        # or a dateline's place ("ASTANA — ...")
        lines = [line.strip() for line in info.text.splitlines() if len(line.split()) >= 4]
        sentences = (s.strip() for line in lines for s in _SENTENCE_END.split(line))
        first = next((s for s in sentences if len(s.split()) >= 6), "")
        first = _DATELINE.sub("", first)
        if len(first) > _TITLE_MAX:
            first = first[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        if first:
            return first
    return info.url or info.slug or f"article {info.id}"


def map_article(ctx: Context, info: ArticleInfo, publisher: URIRef | None) -> None:
    """The Article node (``publisher``: the node of the publisher, made by the caller)."""
    a = ctx.article
    ctx.thing(a, (SKG.Article,), article_label(info), mentioned=False, derived=False)
    ctx.add_once(a, SCHEMA.headline, text_literal(info.title) if info.title else None)
    if info.url and info.url.startswith(("http://", "https://")) and is_valid_iri(info.url):
        ctx.add_once(a, SCHEMA.url, URIRef(info.url))
    if info.published is not None:
        ctx.add_once(a, SCHEMA.datePublished, info.published)
        if info.published.datatype == XSD.dateTime:
            ctx.add_once(a, PROV.generatedAtTime, info.published)
    ctx.add_once(a, SCHEMA.publisher, publisher)
    ctx.add_once(a, SCHEMA.inLanguage, text_literal(info.language) if info.language else None)
    ctx.add_once(a, SKG.slug, Literal(info.slug) if info.slug else None)
    ctx.add_once(a, SKG.contentHash, Literal(info.content_hash))
