"""Online look-up of names in the Wikidata API, for what the gazetteer cannot resolve.

Off by default (the CLI turns it on with ``--online``).  :class:`OnlineLookup`
searches with ``action=wbsearchentities``, fetches the hits with
``action=wbgetentities`` and keeps only items whose label or alias equals the name
(normalized) and whose P31 (instance of) is one of the classes expected for the
type.  It is a polite client: an injected ``requests.Session``, a descriptive
User-Agent, explicit timeouts, a minimum interval between requests, retries with
exponential backoff on 429/5xx and connection errors (honouring ``Retry-After``),
and an on-disk JSON cache (one file per request) so a name is asked once.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import requests

from kg import __version__
from kg.errors import WikidataError

from .gazetteer import Entry, normalize_name

DEFAULT_API = "https://www.wikidata.org/w/api.php"
USER_AGENT = (
    f"summit-kg/{__version__} (https://github.com/summit-kg/summit-kg; "
    "knowledge graph of international summits from news)"
)

# P31 classes accepted for each expected type (direct instance-of, no subclass walk).
TYPE_CLASSES: dict[str, frozenset[str]] = {
    "country": frozenset({"Q6256", "Q3624078", "Q7275"}),  # country, sovereign state, state
    "city": frozenset(
        {"Q515", "Q5119", "Q1637706", "Q1549591", "Q200250", "Q208511", "Q1093829", "Q7930989", "Q3957"}
    ),  # city, capital, million city, big city, metropolis, global city, US city, city/town, town
    "person": frozenset({"Q5"}),  # human
    "organization": frozenset({"Q484652", "Q245065", "Q43229", "Q1127126", "Q4120211"}),
    # international org., intergovernmental org., organization, military alliance, regional org.
}

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class OnlineLookup:
    """A cached, rate-limited client of the Wikidata API (see the module docstring)."""

    def __init__(
        self,
        api_url: str = DEFAULT_API,
        session: requests.Session | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        timeout_s: float = 10.0,
        min_interval_s: float = 1.0,
        *,
        max_retries: int = 4,
        backoff_s: float = 1.0,
        max_wait_s: float = 60.0,
        user_agent: str = USER_AGENT,
        language: str = "en",
        search_limit: int = 7,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.api_url = api_url
        self.session = session if session is not None else requests.Session()
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.timeout_s = timeout_s
        self.min_interval_s = min_interval_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.user_agent = user_agent
        self.language = language
        self.search_limit = search_limit
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self._memory: dict[str, Any] = {}
        self.requests_sent = 0

    # -- the look-up the linker uses

    def lookup(self, name: str, type: str) -> list[Entry]:
        """Items of ``type`` whose label or alias equals ``name`` after normalization."""
        classes = TYPE_CLASSES.get(type)
        if classes is None or not name.strip():
            return []
        hits = self.search(name)
        ids = [h["id"] for h in hits if isinstance(h, Mapping) and isinstance(h.get("id"), str)]
        if not ids:
            return []
        key = normalize_name(name)
        found = []
        for qid, entity in sorted(self.get_entities(ids).items()):
            label, aliases = self._names(entity)
            if key not in {normalize_name(n) for n in [label, *aliases] if n}:
                continue
            if not classes & set(_claim_ids(entity, "P31")):
                continue
            found.append(Entry(qid=qid, type=type, name=label or name, aliases=tuple(aliases)))
        return found

    def search(self, name: str) -> list[dict[str, Any]]:
        """``wbsearchentities`` hits for ``name`` (items, in the configured language)."""
        data = self.request(
            {
                "action": "wbsearchentities",
                "search": name.strip(),
                "language": self.language,
                "uselang": self.language,
                "type": "item",
                "limit": str(self.search_limit),
            }
        )
        hits = data.get("search", [])
        return hits if isinstance(hits, list) else []

    def get_entities(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """``wbgetentities`` labels, aliases and claims of up to 50 items."""
        ids = sorted(set(ids))[:50]
        data = self.request(
            {
                "action": "wbgetentities",
                "ids": "|".join(ids),
                "props": "labels|aliases|claims",
                "languages": self.language,
            }
        )
        entities = data.get("entities", {})
        return (
            {q: e for q, e in entities.items() if isinstance(e, dict) and "missing" not in e}
            if isinstance(entities, dict)
            else {}
        )

    def _names(self, entity: Mapping[str, Any]) -> tuple[str | None, list[str]]:
        label = entity.get("labels", {}).get(self.language, {}).get("value")
        aliases: list[str] = [
            a["value"]
            for a in entity.get("aliases", {}).get(self.language, [])
            if isinstance(a, Mapping) and isinstance(a.get("value"), str)
        ]
        return label, aliases

    # -- HTTP with cache, rate limit and retries

    def request(self, params: Mapping[str, str]) -> dict[str, Any]:
        """GET the API with ``params`` (plus ``format=json``); cached on success."""
        params = {**params, "format": "json"}
        key = hashlib.sha256(json.dumps(params, sort_keys=True).encode("utf-8")).hexdigest()
        cached = self._cache_get(key)
        if cached is not None:
            return cached
        data = self._fetch(params)
        self._cache_put(key, params, data)
        return data

    def _fetch(self, params: Mapping[str, str]) -> dict[str, Any]:
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        last_error = ""
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            wait = None
            try:
                response = self.session.get(self.api_url, params=params, headers=headers, timeout=self.timeout_s)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code == 200:
                    return self._parse(response)
                last_error = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUSES:
                    raise WikidataError(f"Wikidata API answered {last_error}")
                wait = _retry_after(response.headers.get("Retry-After"))
            if attempt == self.max_retries:
                break
            if wait is None:
                wait = self.backoff_s * (2**attempt)
            self._sleep(min(wait, self.max_wait_s))
        raise WikidataError(f"Wikidata API failed after {self.max_retries + 1} attempts ({last_error})")

    @staticmethod
    def _parse(response: requests.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError as exc:
            raise WikidataError("Wikidata API answered something that is not JSON") from exc
        if not isinstance(data, dict):
            raise WikidataError("Wikidata API answered JSON that is not an object")
        if "error" in data:
            err = data["error"]
            info = err.get("info") if isinstance(err, dict) else err
            raise WikidataError(f"Wikidata API error: {info}")
        return data

    def _wait_turn(self) -> None:
        """Keep at least ``min_interval_s`` between the starts of two requests."""
        now = self._clock()
        if self._last_request is not None:
            remaining = self._last_request + self.min_interval_s - now
            if remaining > 0:
                self._sleep(remaining)
                now = self._clock()
        self._last_request = now
        self.requests_sent += 1

    # -- cache: one JSON file per request, written atomically

    def _cache_path(self, key: str) -> Path | None:
        return self.cache_dir / f"{key}.json" if self.cache_dir else None

    def _cache_get(self, key: str) -> dict[str, Any] | None:
        if key in self._memory:
            return self._memory[key]
        path = self._cache_path(key)
        if path is None or not path.is_file():
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged cache file is simply asked again
        data = record.get("response") if isinstance(record, dict) else None
        if isinstance(data, dict):
            self._memory[key] = data
            return data
        return None

    def _cache_put(self, key: str, params: Mapping[str, str], data: dict[str, Any]) -> None:
        self._memory[key] = data
        path = self._cache_path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"request": dict(sorted(params.items())), "response": data}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _claim_ids(entity: Mapping[str, Any], prop: str) -> list[str]:
    """The item ids that are values of ``prop`` in an entity's claims."""
    out = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value") if isinstance(claim, dict) else None
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            out.append(value["id"])
    return out


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
