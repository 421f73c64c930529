"""Facts JSON v1: its shape as types, the edge that checks it, and loading.

The shape is documented in FACTS-SCHEMA.md (kept in the repo as docs/FACTS-SCHEMA.md);
here it is a tree of ``TypedDict`` s (:class:`Facts` at the root) and one table of the
fields each list's items may have (:data:`ITEM_FIELDS`).  :func:`check_facts` is the
edge: it checks the JSON type of every field the mappers read, naming the place of
the first that does not conform (``summits[0].host_city``), so the mappers
(:mod:`kg.rdf.mappers`) read checked facts and check only values (a required name
left blank, a date that does not exist, evidence offsets past the text).  Extra keys
are ignored, as the schema says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

from .errors import InputError

# -- the shape ----------------------------------------------------------------------------


class Evidence(TypedDict, total=False):
    """A sentence supporting an item: its text and/or character offsets into the article text."""

    sentence: str
    start: int
    end: int


class RefObject(TypedDict):
    """A name with a Wikidata QID (and, optionally, its evidence)."""

    name: str | None
    wikidata: NotRequired[str | None]
    evidence: NotRequired[list[Evidence] | None]


#: A name, or a name with a QID.
Ref = str | RefObject


class Summit(TypedDict, total=False):
    organization: Ref
    role: str | None  # "main" (also when missing), "mentioned", "future"
    ordinal: int | str | None
    host_city: Ref | None
    host_country: Ref | None
    start_date: str | None
    end_date: str | None
    name: str | None
    kind: str | None
    wikidata: str | None
    evidence: list[Evidence] | None


class NewMember(TypedDict, total=False):
    """An item of ``new_members`` or ``membership_candidates``."""

    country: Ref | None
    member: Ref | None  # a member that is not a state (an organization)
    status: str | None
    wikidata: str | None
    evidence: list[Evidence] | None


class Participant(TypedDict, total=False):
    country: Ref | None
    person: Ref | None  # a person object may give its ``canonical`` name too
    organization: Ref | None
    capacity: str | None
    evidence: list[Evidence] | None


class Document(TypedDict, total=False):
    title: str
    kind: str | None
    status: str | None
    named: bool | None
    at_summit: bool | None
    evidence: list[Evidence] | None


class Person(TypedDict, total=False):
    name: str
    canonical: str | None
    role: str | None
    country: Ref | None
    organization: Ref | None
    is_participant: bool | None
    wikidata: str | None
    aliases: list[str] | str | None
    evidence: list[Evidence] | None


class Organization(TypedDict, total=False):
    name: str
    acronym: str | None
    aliases: list[str] | str | None
    variants: list[str] | str | None
    type: str | None
    based_in: Ref | None
    headquarters: Ref | None
    location: Ref | None
    wikidata: str | None
    evidence: list[Evidence] | None


class Place(TypedDict, total=False):
    name: str
    type: str | None
    country: Ref | None
    wikidata: str | None
    evidence: list[Evidence] | None


class Article(TypedDict, total=False):
    """Where the facts come from (needed to ingest facts without their text)."""

    url: str | None
    slug: str | None
    title: str | None
    publisher: str | None
    published: str | None
    language: str | None
    text: str | None


class Facts(TypedDict, total=False):
    """One article's facts (facts JSON v1)."""

    slug: str
    summits: list[Summit]
    member_states: list[Ref]
    member_states_implied: list[Ref]
    observer_states: list[Ref]
    dialogue_partners: list[Ref]
    new_members: list[NewMember]
    membership_candidates: list[NewMember]
    participants: list[Participant]
    documents: list[Document]
    people: list[Person]
    organizations: list[Organization]
    places: list[Place]
    wikidata: dict[str, str]
    article: Article


#: The lists of countries (plain Refs), by membership.
COUNTRY_LISTS = ("member_states", "member_states_implied", "observer_states", "dialogue_partners")
#: The lists of NewMember items.
MEMBER_ITEM_LISTS = ("new_members", "membership_candidates")
#: Every membership list.
MEMBERSHIP_LISTS = COUNTRY_LISTS + MEMBER_ITEM_LISTS
#: top-level keys that hold lists of items
LIST_KEYS = ("summits", *MEMBERSHIP_LISTS, "participants", "documents", "people", "organizations", "places")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(data: Any) -> str | None:
    """The place of the first string (or key) holding a lone surrogate, else None.

    JSON lets a string escape a lone surrogate (``"\\ud800"``) and Python keeps it, but it
    is not a character: it cannot be hashed, stored or written as UTF-8.
    """
    try:  # fast path: one pass in C over every string; the walk below only finds the place
        if not _SURROGATE.search(json.dumps(data, ensure_ascii=False, default=repr)):
            return None
    except (TypeError, ValueError, RecursionError):
        pass
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return where or "the document"
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                here = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and _SURROGATE.search(key):
                    return f"a key in {where or 'the document'}"
                stack.append((item, here))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]") for i, item in reversed(list(enumerate(value))))
    return None


def _fail(where: str, message: str) -> InputError:
    return InputError(f"facts {where}: {message}")


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"must be an object, not {type(value).__name__}")
    return value


def _text(value: Any, where: str) -> None:
    if value is not None and not isinstance(value, str):
        raise _fail(where, f"must be a string, not {type(value).__name__}")


def _ref(value: Any, where: str) -> None:
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, dict):
        raise _fail(where, f"must be a name or an object with a name, not {type(value).__name__}")
    _text(value.get("name"), where + ".name")
    if value.get("name") is not None and value["name"].strip():
        _evidence(value.get("evidence"), where + ".evidence")


def _flag(value: Any, where: str) -> None:
    if value is not None and not isinstance(value, bool):
        raise _fail(where, f"must be true or false, not {value!r:.40}")


def _ordinal(value: Any, where: str) -> None:
    if isinstance(value, bool):
        raise _fail(where, "must be an integer, not a boolean")
    if value is not None and not isinstance(value, (int, float, str)):
        raise _fail(where, f"must be an integer, not {type(value).__name__}")


def _names(value: Any, where: str) -> None:
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, list):
        raise _fail(where, f"must be a list of names, not {type(value).__name__}")
    for j, name in enumerate(value):
        _text(name, f"{where}[{j}]")


def _offset(value: Any, where: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, f"must be a character offset (an integer), not {value!r:.40}")
    if value < 0:
        raise _fail(where, f"must not be negative ({value})")


def _evidence(value: Any, where: str) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        raise _fail(where, f"must be a list of {{sentence, start, end}}, not {type(value).__name__}")
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        entry = _object(entry, here)
        _text(entry.get("sentence"), here + ".sentence")
        _offset(entry.get("start"), here + ".start")
        _offset(entry.get("end"), here + ".end")


Check = Callable[[Any, str], None]
_MEMBER: dict[str, Check] = {"country": _ref, "member": _ref, "status": _text, "evidence": _evidence}
#: list key -> the fields its items may have, and how each is checked (the fields the mappers read).
ITEM_FIELDS: dict[str, dict[str, Check]] = {
    "summits": {
        "organization": _ref,
        "role": _text,
        "host_city": _ref,
        "host_country": _ref,
        "ordinal": _ordinal,
        "start_date": _text,
        "end_date": _text,
        "kind": _text,
        "name": _text,
        "evidence": _evidence,
    },
    "new_members": _MEMBER,
    "membership_candidates": _MEMBER,
    "participants": {"person": _ref, "country": _ref, "organization": _ref, "capacity": _text, "evidence": _evidence},
    "documents": {
        "title": _text,
        "kind": _text,
        "status": _text,
        "named": _flag,
        "at_summit": _flag,
        "evidence": _evidence,
    },
    "people": {
        "name": _text,
        "canonical": _text,
        "role": _text,
        "country": _ref,
        "organization": _ref,
        "is_participant": _flag,
        "evidence": _evidence,
    },
    "organizations": {
        "name": _text,
        "acronym": _text,
        "type": _text,
        "aliases": _names,
        "variants": _names,
        "based_in": _ref,
        "headquarters": _ref,
        "location": _ref,
        "evidence": _evidence,
    },
    "places": {
        "name": _text,
        "type": _text,
        "aliases": _names,
        "variants": _names,
        "country": _ref,
        "evidence": _evidence,
    },
}
#: The fields of ``article``.
ARTICLE_FIELDS: dict[str, Check] = dict.fromkeys(
    ("url", "slug", "title", "publisher", "published", "language", "text"), _text
)


def _items(data: Mapping[str, Any]) -> None:
    """Every item of every list, field by field (see :data:`ITEM_FIELDS`)."""
    for key in COUNTRY_LISTS:
        for i, entry in enumerate(data.get(key) or ()):
            _ref(entry, f"{key}[{i}]")
    for key, fields in ITEM_FIELDS.items():
        for i, item in enumerate(data.get(key) or ()):
            where = f"{key}[{i}]"
            item = _object(item, where)
            for field, check in fields.items():
                check(item.get(field), f"{where}.{field}")
            person = item.get("person") if key == "participants" else None
            if isinstance(person, dict):
                _text(person.get("canonical"), where + ".person.canonical")
    article = data.get("article")
    if article is not None:
        for field, check in ARTICLE_FIELDS.items():
            check(article.get(field), f"article.{field}")
    _text(data.get("slug"), "slug")


def check_facts(data: Any, *, origin: str = "facts") -> Facts:
    """Return ``data`` if it is facts JSON v1, else raise InputError naming the first place that is not.

    Checks the outer shape (an object; lists and objects where the schema has them), then the
    JSON type of every field the mappers read (:data:`ITEM_FIELDS`), then that every string is
    valid Unicode.
    """
    if not isinstance(data, dict):
        raise InputError(f"{origin}: facts JSON must be an object, not {type(data).__name__}")
    for key in LIST_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, list):
            raise InputError(f"{origin}: '{key}' must be a list, not {type(value).__name__}")
    for key in ("article", "wikidata"):
        value = data.get(key)
        if value is not None and not isinstance(value, dict):
            raise InputError(f"{origin}: '{key}' must be an object, not {type(value).__name__}")
    if "summits" not in data and "article" not in data:
        raise InputError(f"{origin}: not facts JSON v1 (no 'summits' and no 'article' key)")
    _items(data)
    bad = _lone_surrogate(data)
    if bad is not None:
        raise InputError(
            f"{origin}: {bad} is not valid Unicode text (it holds a lone surrogate, such as a JSON \\ud800 escape)"
        )
    return cast(Facts, data)  # checked above: it has the shape of Facts


def load_facts(path: str | Path, *, max_bytes: int = 50_000_000) -> Facts:
    """Read a facts JSON v1 file, with a clear error for anything that is not one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is more than the {max_bytes} allowed")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: facts JSON must be UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    facts = check_facts(data, origin=str(path))
    facts.setdefault("slug", path.name.removesuffix(".json").removesuffix(".gold").removesuffix(".facts"))
    return facts
