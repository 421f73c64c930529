"""Facts JSON v1: loading and checking facts written by any extractor.

The shape is documented in FACTS-SCHEMA.md (kept in the repo as docs/FACTS-SCHEMA.md).
This module only checks the outer shape strictly enough to give a clear error
instead of a traceback deep inside a mapper; the mappers are lenient about values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import InputError

#: top-level keys that hold lists of items, and whether a conforming extractor always writes them
LIST_KEYS = (
    "summits", "member_states", "member_states_implied", "observer_states", "dialogue_partners",
    "new_members", "membership_candidates", "participants", "documents", "people",
    "organizations", "places",
)


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


def check_facts(data: Any, *, origin: str = "facts") -> dict:
    """Return ``data`` if it has the facts JSON v1 outer shape, else raise InputError."""
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
    bad = _lone_surrogate(data)
    if bad is not None:
        raise InputError(f"{origin}: {bad} is not valid Unicode text (it holds a lone surrogate, "
                         f"such as a JSON \\ud800 escape)")
    return data


def load_facts(path: str | Path, *, max_bytes: int = 50_000_000) -> dict:
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
