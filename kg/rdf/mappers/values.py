"""Reading values out of checked facts JSON v1: lenient about content.

:func:`kg.facts.check_facts` has checked the JSON type of every field read here (a
value of the wrong type never reaches a mapper).  Values of the right type that carry
nothing (null, "", a QID that is not ``Q<digits>``, an ordinal like "next") are read as
absent; a value that cannot be right (a required name left blank, a date that does not
exist) raises ``InputError`` naming its place (``summits[0].start_date``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from kg.errors import InputError

_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_ORDINAL = re.compile(r"^\s*(\d{1,6})\s*(st|nd|rd|th)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """A name with an optional QID (and the evidence a Ref object may carry)."""

    name: str
    qid: str | None = None
    evidence: Any = None


def fail(where: str, message: str) -> InputError:
    return InputError(f"facts {where}: {message}")


def items(facts: Mapping[str, Any], key: str) -> list[Any]:
    """The list under ``key`` ([] when missing or null)."""
    return facts.get(key) or []


def text(value: str | None) -> str | None:
    """A string with its whitespace collapsed; None for null or blank."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def aliases(item: Mapping[str, Any]) -> list[str]:
    """An item's other names: its ``aliases`` (gold also writes ``variants``), one string or a list."""
    out = []
    for key in ("aliases", "variants"):
        raw = item.get(key)
        if raw is None:
            continue
        if isinstance(raw, str):
            raw = [raw]
        out += [name for a in raw if (name := text(a))]
    return out


def required_text(value: str | None, where: str) -> str:
    """:func:`text`, which must not be blank."""
    result = text(value)
    if result is None:
        raise fail(where, "is required")
    return result


def qid(value: Any) -> str | None:
    """A Wikidata QID, or None for anything that does not look like ``Q<digits>``."""
    if isinstance(value, str) and _QID.match(value.strip()):
        return value.strip()
    return None


def ref(value: Any) -> Ref | None:
    """A Ref: a name, or ``{"name": ..., "wikidata": ...}``; None for null or a blank name."""
    if isinstance(value, dict):
        name = text(value.get("name"))
        if name is None:
            return None
        return Ref(name, qid(value.get("wikidata")), value.get("evidence"))
    name = text(value)
    return Ref(name) if name else None


def flag(value: bool | None, default: bool) -> bool:
    """A boolean, ``default`` for null."""
    return default if value is None else value


def ordinal(value: float | str | None) -> int | None:
    """17 from 17, 17.0, "17" or "17th"; None for null or words ("next")."""
    if isinstance(value, str):
        m = _ORDINAL.match(value)
        return int(m.group(1)) if m and int(m.group(1)) > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    if isinstance(value, int):
        return value if value > 0 else None
    return None


def date(value: Any, where: str, *, allow_time: bool = False) -> Literal | None:
    """An ISO 8601 date as xsd:date, xsd:gYearMonth or xsd:gYear (xsd:dateTime if allowed)."""
    raw = text(value)
    if raw is None:
        return None
    m = _DATE.match(raw)
    if m:
        year, month, day = m.groups()
        try:
            if day:
                _dt.date(int(year), int(month), int(day))
                return _typed(raw, XSD.date)
            if month:
                _dt.date(int(year), int(month), 1)
                return _typed(raw, XSD.gYearMonth)
        except ValueError:
            raise fail(where, f"{raw!r} is not a valid date") from None
        return _typed(raw, XSD.gYear)
    if allow_time and _DATETIME.match(raw):
        try:
            _dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise fail(where, f"{raw!r} is not a valid date-time") from None
        return Literal(raw.replace(" ", "T"), datatype=XSD.dateTime)
    raise fail(where, f"{raw!r} is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)")


@lru_cache(maxsize=1 << 14)
def _typed(value: str, datatype: str) -> Literal:
    """``Literal(value, datatype=datatype)``, made once per distinct pair (dates repeat)."""
    return Literal(value, datatype=datatype)


def year_of(literal: Literal | None) -> str | None:
    return str(literal)[:4] if literal is not None else None
