"""Cold point lookups through the WSGI app alone (no waitress, no socket): CPU per lookup, a profile, a byte check.

The app is ``create_app`` over a *copy* of a store (``kg serve`` locks its store), with the
result cache off (``result_cache_mb = 0``: every request runs) and, unless ``--setting`` says
otherwise, the server's other defaults except ``query_timeout_s = 0`` (no query worker
processes: a lookup never uses them, see ``kg/web/lookups.py``).  ``app.wsgi_app`` -- every
middleware, as ``kg serve`` runs it -- is called with hand-made environs of
``SELECT ?p ?o WHERE { <entity> ?p ?o }``, a different entity each request, cycling through
``--entities`` IRIs sampled from the data as ``bench/peers.py`` samples them.

Run it on a store built by ``kg ingest`` (e.g. the ``kg-store`` of a ``bench/peers.py --work`` folder)::

    .venv/bin/python bench/lookup_profile.py --store /tmp/peers/kg-store              # CPU per lookup
    .venv/bin/python bench/lookup_profile.py --store /tmp/peers/kg-store --profile    # and a cProfile of them
    .venv/bin/python bench/lookup_profile.py --store S --record /tmp/answers.json     # keep every answer's digest
    .venv/bin/python bench/lookup_profile.py --store S --compare /tmp/answers.json    # after a change: same bytes?

CPU per lookup is ``time.process_time`` over ``--lookups`` requests (best of ``--rounds``),
after a warm-up round.  ``--record``/``--compare`` send many requests (every result format,
``SELECT *`` and reordered columns, ``LIMIT``, lookups by object, and a second app with
``max_rows = 20`` that truncates) and keep, or compare, each answer's status, headers (but
``Date``, and only whether there is an ``ETag`` and a ``Last-Modified``: they differ from server
to server) and body digest: run ``--record`` before a change (e.g. on a ``git archive`` of the
commit before, with this script copied in) and ``--compare`` after it.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import random
import shutil
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server import create_app  # noqa: E402

#: the entity types bench/peers.py draws its point lookups from
ENTITY_QUERY = """PREFIX skg: <https://w3id.org/summit-kg/ontology#>
SELECT DISTINCT ?s WHERE {
  VALUES ?type { skg:Summit skg:Participation skg:Document skg:Person skg:Article skg:Membership
                 skg:Mention skg:Country skg:City skg:Organization }
  ?s a ?type .
} ORDER BY ?s"""
LOOKUP = "SELECT ?p ?o WHERE { %s ?p ?o }"
JSON = "application/sparql-results+json"
#: the Accept headers of the byte check: every results type, an alias, a list with q-values
ACCEPTS = (
    JSON,
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "text/csv;q=0.5, application/sparql-results+xml",
)
VALIDATORS = ("ETag", "Last-Modified")
#: the query shapes of the byte check (%s: an entity IRI)
SHAPES = (
    LOOKUP,
    "SELECT * WHERE { %s ?p ?o }",
    "SELECT ?o ?p WHERE { %s ?p ?o }",
    "select ?o where { %s ?p ?o . } LIMIT 3",
    "SELECT ?s ?p WHERE { ?s ?p %s }",
    "SELECT * WHERE { ?o ?p %s }",
)


def pick_entities(store: Path, n: int) -> list[str]:
    """``n`` entity IRIs from the data as SPARQL terms (the same fixed sample as bench/peers.py)."""
    import pyoxigraph as ox  # noqa: PLC0415

    reader = ox.Store.read_only(str(store))
    try:
        iris = [str(row["s"]) for row in cast(ox.QuerySolutions, reader.query(ENTITY_QUERY))]
    finally:
        del reader
    return random.Random(0).sample(iris, min(n, len(iris)))


def environ(query: str, accept: str = JSON) -> dict[str, Any]:
    """A GET /sparql environ as waitress makes it (the query string as the client encoded it)."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/sparql",
        "SCRIPT_NAME": "",
        "QUERY_STRING": urllib.parse.urlencode({"query": query}),
        "HTTP_ACCEPT": accept,
        "HTTP_HOST": "127.0.0.1:5000",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "5000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


class Answer:
    """What one request got: status, headers and body."""

    def __init__(self) -> None:
        self.status = ""
        self.headers: list[tuple[str, str]] = []
        self.body = b""

    def start_response(self, status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
        self.status, self.headers = status, headers
        return lambda data: None


def call(wsgi: Callable[..., Iterable[bytes]], env: dict[str, Any]) -> Answer:
    """Run one request through ``wsgi`` and read its whole body."""
    answer = Answer()
    body = wsgi(env, answer.start_response)
    try:
        answer.body = b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return answer


def cpu_per_lookup(wsgi: Callable, queries: list[str], n: int, rounds: int) -> float:
    """Best-of-``rounds`` process CPU seconds per lookup over ``n`` lookups."""
    best = float("inf")
    for _ in range(rounds):
        envs = [environ(queries[i % len(queries)]) for i in range(n)]  # made outside the timed loop
        start = time.process_time()
        for env in envs:
            call(wsgi, env)
        best = min(best, (time.process_time() - start) / n)
    return best


def answers(wsgi: Callable, entities: list[str], label: str) -> dict[str, list]:
    """The byte check's requests and what each got (status, headers but Date, sha256 and length of the body)."""
    got: dict[str, list] = {}
    for entity in entities:
        for shape in SHAPES:
            for accept in ACCEPTS:
                query = shape % entity
                a = call(wsgi, environ(query, accept))
                # the validators differ from server to server by design (a boot token, the start time)
                headers = sorted((k, "(set)" if k in VALIDATORS else v) for k, v in a.headers if k != "Date")
                got[f"{label} {accept} {query}"] = [a.status, headers, hashlib.sha256(a.body).hexdigest(), len(a.body)]
    return got


def make_app(store: Path, settings: dict[str, Any]) -> Any:
    return create_app({"store": str(store), "result_cache_mb": 0, "query_timeout_s": 0, **settings})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--store", type=Path, required=True, help="a store made by kg ingest (copied, never opened)")
    ap.add_argument("--entities", type=int, default=1000, help="entities the lookups cycle through")
    ap.add_argument("--lookups", type=int, default=3000, help="lookups per measured round")
    ap.add_argument("--rounds", type=int, default=3, help="measured rounds (the best is kept)")
    ap.add_argument("--profile", action="store_true", help="also run the lookups once under cProfile")
    ap.add_argument("--top", type=int, default=25, help="profile lines shown")
    ap.add_argument("--record", type=Path, help="write the byte check's answers here")
    ap.add_argument("--compare", type=Path, help="compare the byte check's answers with this --record file")
    ap.add_argument("--check-entities", type=int, default=150, help="entities of the byte check")
    ap.add_argument("--setting", action="append", default=[], help="NAME=VALUE, an extra setting of the app")
    args = ap.parse_args(argv)
    settings: dict[str, Any] = dict(s.split("=", 1) for s in args.setting)
    work = Path(tempfile.mkdtemp(prefix="kg-lookup-profile-"))
    try:
        store = work / "store"
        shutil.copytree(args.store, store)
        entities = pick_entities(store, args.entities)
        queries = [LOOKUP % e for e in entities]
        app = make_app(store, settings)
        wsgi = app.wsgi_app
        try:
            first = call(wsgi, environ(queries[0]))
            if not first.status.startswith("200"):
                raise SystemExit(f"a lookup failed: {first.status} {first.body[:300]!r}")
            cpu_per_lookup(wsgi, queries, min(args.lookups, 1000), 1)  # warm-up
            cpu = cpu_per_lookup(wsgi, queries, args.lookups, args.rounds)
            print(f"CPU per lookup (app only, best of {args.rounds} x {args.lookups}): {cpu * 1e3:.3f} ms")
            if args.profile:
                envs = [environ(queries[i % len(queries)]) for i in range(args.lookups)]
                profile = cProfile.Profile()
                profile.enable()
                for env in envs:
                    call(wsgi, env)
                profile.disable()
                pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
            if args.record or args.compare:
                got = answers(wsgi, entities[: args.check_entities], "default")
        finally:
            app.extensions["kg.store"].close()
        if args.record or args.compare:
            small = make_app(work / "store", {**settings, "max_rows": "20"})
            try:
                got.update(answers(small.wsgi_app, entities[: args.check_entities], "max_rows=20"))
                got.update(answers(small.wsgi_app, ["<https://w3id.org/summit-kg/ontology#Summit>"], "max_rows=20"))
            finally:
                small.extensions["kg.store"].close()
            truncated = sum(1 for v in got.values() if ["X-KG-Truncated", "true"] in [list(h) for h in v[1]])
            print(f"byte check: {len(got)} answers, {truncated} truncated")
            if args.record:
                args.record.write_text(json.dumps(got, indent=0, sort_keys=True))
            if args.compare:
                want = json.loads(args.compare.read_text())
                got = json.loads(json.dumps(got))  # tuples as lists, as recorded
                differ = [k for k in want if want[k] != got.get(k)] + [k for k in got if k not in want]
                for k in differ[:10]:
                    print("DIFFERENT:", k, "\n  was", want.get(k), "\n  now", got.get(k))
                print(f"byte check: {len(differ)} of {len(want)} answers differ")
                if differ:
                    return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
