"""The article: what the reader produces and the extractor consumes.

``text`` is the cleaned body; every evidence offset in the extracted facts points into
it (``text[start:end] == sentence``).  The other fields are the page's metadata as far
as the reader could find it; any of them may be None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import InputError


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date: YYYY-MM-DD (or YYYY-MM / YYYY)
    url: str | None = None
    language: str | None = "en"
    source: str | None = None  # the path or URL it was read from
    slug: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field (the ``article`` block of facts JSON v1)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an Article from a dict; unknown keys are ignored, ``text`` is required."""
        if not isinstance(data, Mapping):
            raise InputError(f"article must be an object, not {type(data).__name__}")
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError("article has no 'text' string")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key, value in values.items():
            if value is not None and not isinstance(value, str):
                raise InputError(f"article field '{key}' must be a string or null")
        return cls(**values)
