"""The one settings registry.

Each setting has a name, a type, a default and a help text.  Values are resolved as
defaults <- config file (TOML) <- ``KG_<NAME>`` environment variables <- explicit
overrides (CLI flags, ``create_app(config)``).  The registry drives the defaults, the
CLI help and the README table; a test checks that every setting is documented.
Secrets (the update token) come from the environment only and are not settings.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: Callable[[Any], Any]
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "KG_" + self.name.upper()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _list(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return tuple(v.strip() for v in str(value).split(",") if v.strip())


def _count(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(f"must be 0 or more, not {number}")
    return number


#: the malloc libraries setting ``query_allocator`` knows by name (kg.query.allocator)
NAMED_ALLOCATORS = ("jemalloc", "mimalloc")


def _allocator(value: Any) -> str:
    text = str(value).strip()
    if text in ("auto", "system", *NAMED_ALLOCATORS) or os.path.isabs(text):
        return text
    raise ValueError(f"must be auto, system, {', '.join(NAMED_ALLOCATORS)} or a library's absolute path, not {text!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        str,
        "kg-store",
        "Where the graph lives: a folder for the embedded Oxigraph store, or the http(s):// URL of an "
        "external SPARQL 1.1 store (oxigraph serve, Virtuoso...).",
    ),
    # -- an external store (store = http://...); its account: KG_STORE_USER / KG_STORE_PASSWORD --
    Setting(
        "store_server",
        str,
        "auto",
        "Kind of external store: oxigraph, virtuoso, summit-kg (another `kg serve`), sparql (any other "
        "SPARQL 1.1 server) or auto "
        "(told by its Server header).",
    ),
    Setting(
        "store_query_url",
        str,
        "",
        "Query endpoint of the external store (default: derived from store and store_server).",
    ),
    Setting(
        "store_update_url",
        str,
        "",
        "Update endpoint of the external store (default: derived from store and store_server).",
    ),
    Setting(
        "store_auth", str, "digest", "HTTP authentication with KG_STORE_USER / KG_STORE_PASSWORD: digest or basic."
    ),
    Setting(
        "base_iri",
        str,
        "https://w3id.org/summit-kg/id/",
        "Base IRI under which entity, summit and article IRIs are minted.",
    ),
    Setting("host", str, "127.0.0.1", "Address `kg serve` listens on."),
    Setting("port", int, 5000, "Port `kg serve` listens on."),
    Setting(
        "threads",
        int,
        64,
        "Worker threads of the WSGI server (in each HTTP process); a request waiting for a query worker or for "
        "an identical run holds one, so there are many (they cost little while they wait).",
    ),
    Setting(
        "processes",
        _count,
        0,
        "HTTP processes of `kg serve` sharing its port: one writes, the others read a read-only view that "
        "follows every write, and hand writes to the writer; query_workers and page_workers are divided "
        "among them. 0: one per core; 1: a single process.",
    ),
    Setting(
        "malloc_arenas",
        _count,
        2,
        "glibc malloc arenas of each HTTP process of `kg serve` (Linux): few keep the memory of many threads "
        "handling large answers flat (with glibc's default, 8 per core, it creeps); 0: glibc's default.",
    ),
    Setting(
        "public_url",
        str,
        "",
        "The URL clients reach the server at (e.g. https://kg.example.org behind a proxy): the base IRI of "
        "queries and the endpoint in the Service Description; never taken from the Host header. "
        "Default: http://HOST:PORT.",
    ),
    Setting(
        "union_default_graph",
        _bool,
        True,
        "Queries without a dataset see the union of all named graphs as their default graph.",
    ),
    Setting("max_query_bytes", int, 200_000, "Longest SPARQL query accepted, in bytes (413 beyond)."),
    Setting("max_body_bytes", int, 10_000_000, "Largest request body accepted, in bytes (413 beyond)."),
    Setting(
        "max_query_depth",
        int,
        200,
        "Deepest nesting of { ( [ in a SPARQL query (400 beyond); the native parser overflows its stack "
        "above about 1,100.",
    ),
    Setting(
        "max_query_operators",
        int,
        500,
        "Most operators and group keywords (UNION, OPTIONAL, BIND...) in a SPARQL query (400 beyond); "
        "chains of about 1,300 (property paths) overflow the native engine's stack.",
    ),
    Setting(
        "service_allowlist",
        _list,
        (),
        "SPARQL endpoints that SERVICE may call (comma-separated IRIs); all others are refused.",
    ),
    Setting(
        "query_timeout_s",
        float,
        30.0,
        "Longest a /sparql query may run, in seconds; past it the query's worker process is killed and the "
        "client gets a 503 (a request may ask for less with ?timeout=). 0 runs queries in the server "
        "process, without a deadline.",
    ),
    Setting(
        "query_workers",
        int,
        2,
        "Worker processes that run /sparql queries when query_timeout_s is set (the most queries at once).",
    ),
    Setting(
        "query_queue",
        _count,
        8,
        "Most /sparql queries (and, apart, page queries) waiting for a free worker; one more gets a 503 with "
        "Retry-After at once, so waiting queries never hold every server thread.",
    ),
    Setting(
        "page_workers",
        int,
        1,
        "Worker processes kept for the pages' own queries (named-query and entity pages), apart from "
        "query_workers: /sparql load never holds them up.",
    ),
    Setting(
        "query_memory_mb",
        _count,
        0,
        "Memory each query worker process may use, in MiB, enforced by the OS (RLIMIT_DATA); a query past "
        "it gets a 503 and its worker is replaced. 0: a quarter of the machine's memory shared by the "
        "query_workers (512 to 4096 each).",
    ),
    Setting(
        "query_allocator",
        _allocator,
        "auto",
        "The malloc the query worker processes run on (Linux): auto (jemalloc where the system has it, "
        "else the C library's), system, jemalloc, mimalloc, or the absolute path of a malloc library. "
        "On jemalloc heavy queries cost about a tenth less CPU.",
    ),
    Setting(
        "max_rows",
        int,
        100_000,
        "Most rows of a SELECT result from /sparql; beyond, it is truncated and says so with the header "
        "X-KG-Truncated: true. 0: no limit.",
    ),
    Setting(
        "result_cache_mb",
        _count,
        64,
        "Memory for whole GET answers (results, pages) and answers to queries sent by POST, kept to answer a "
        "repeated request, in MiB (in each HTTP process); any write empties it. 0: no cache.",
    ),
    Setting(
        "cache_control",
        str,
        "no-cache",
        "Cache-Control header of the GET answers that carry an ETag (default: clients revalidate, "
        "and get a 304 while the store is unchanged).",
    ),
    Setting("cors_origins", str, "*", "Value of Access-Control-Allow-Origin on every response; empty turns CORS off."),
    Setting("online", _bool, False, "Look names the gazetteer cannot resolve up in the Wikidata API."),
    Setting("wikidata_api", str, "https://www.wikidata.org/w/api.php", "Wikidata API URL used online."),
    Setting("http_timeout_s", float, 10.0, "Timeout of outgoing HTTP requests (URLs, Wikidata), in seconds."),
    Setting(
        "cache_dir",
        str,
        "",
        "Folder of the on-disk cache of online look-ups (default: STORE/cache; ~/.cache/summit-kg "
        "for an external store).",
    ),
    Setting("max_article_bytes", int, 5_000_000, "Largest article file or download accepted, in bytes."),
    Setting("ingest_jobs", _count, 0, "Worker processes `kg ingest` reads and extracts articles in; 0: one per core."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved, immutable settings; read like a mapping or by attribute."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def replace(self, **changes: Any) -> Settings:
        return load_settings(overrides={**self._values, **changes}, environ={}, config_file=None)


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    try:
        return setting.type(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name} from {origin}: {exc}") from None


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_file: str | os.PathLike[str] | None = None,
) -> Settings:
    """Resolve every setting: defaults <- config file <- environment <- overrides.

    Unknown names are an error, so a typo does not silently fall back to a default.
    ``overrides`` entries whose value is ``None`` are ignored (unset CLI flags).
    """
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    if config_file is None and environ.get("KG_CONFIG"):
        config_file = environ["KG_CONFIG"]
    if config_file:
        path = Path(config_file)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from None
        for key, value in data.items():
            if key not in _BY_NAME:
                raise ConfigError(f"config file {path}: unknown setting {key!r}")
            values[key] = _coerce(_BY_NAME[key], value, str(path))
    for setting in SETTINGS:
        if setting.env in environ:
            values[setting.name] = _coerce(setting, environ[setting.env], setting.env)
    for key, value in (overrides or {}).items():
        if key not in _BY_NAME:
            raise ConfigError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = _coerce(_BY_NAME[key], value, "override")
    return Settings(values)


def default(name: str) -> Any:
    """The registry's default of the setting ``name``: what a parameter that stands for it defaults to."""
    return _BY_NAME[name].default


@functools.cache
def defaults() -> Settings:
    """Every setting at its default (no config file, no environment): for callers given no settings."""
    return load_settings(environ={}, config_file=None)
