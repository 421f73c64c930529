"""The ``kg`` command line: ingest, extract, link, query, dump, graphs, optimize, serve.

Every command builds its objects with the same constructors the server and the
tests use; errors a user can cause end as one line on stderr and exit status 1
(2 for usage errors, from argparse), never as a traceback.

Only ``ingest`` (and ``serve``, which says so) create a store; the reading commands
(``query``, ``dump``, ``graphs``) open an existing one read-only, so they work while
``kg serve`` holds it, and a mistyped ``--store`` is "no store at PATH", not a new store.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, KGError, NoStore, NotFound, QuerySyntaxError
from .formats import DUMP_NAMES, RESULTS_NAMES
from .settings import SETTINGS, Settings, load_settings

if TYPE_CHECKING:
    from .store.contract import GraphStore

QUERY_FORMATS = tuple(RESULTS_NAMES)
GRAPH_FORMATS = tuple(DUMP_NAMES)
#: ``kg query --format``: "xml" is both a results and a graph format, listed once.
QUERY_COMMAND_FORMATS = tuple(dict.fromkeys(("table", *QUERY_FORMATS, *GRAPH_FORMATS)))


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(
        {
            "store": args.store,
            "base_iri": args.base_iri,
            "online": True if getattr(args, "online", False) else None,
            "host": getattr(args, "host", None),
            "port": getattr(args, "port", None),
        },
        config_file=args.config,
    )


def _linker(settings: Settings):
    from kg.linking.gazetteer import default_gazetteer  # noqa: PLC0415
    from kg.linking.linker import Linker  # noqa: PLC0415

    online = None
    if settings.online:
        import requests  # noqa: PLC0415

        from kg.linking.wikidata import OnlineLookup  # noqa: PLC0415

        local = not settings.store.startswith(("http://", "https://"))
        cache = settings.cache_dir or str(
            Path(settings.store) / "cache" if local else Path.home() / ".cache" / "summit-kg"
        )
        online = OnlineLookup(
            api_url=settings.wikidata_api,
            session=requests.Session(),
            cache_dir=cache,
            timeout_s=settings.http_timeout_s,
        )
    return Linker(default_gazetteer(), online=online)


def _open_store(settings: Settings) -> GraphStore:
    """Open (or create) the store read-write: for ``kg ingest``."""
    from .store import open_store  # noqa: PLC0415

    return open_store(settings.store, union_default_graph=settings.union_default_graph, settings=settings)


def _is_external(settings: Settings) -> bool:
    return settings.store.startswith(("http://", "https://"))


def _no_store(location: str) -> NoStore:
    return NoStore(f"no store at {location} (`kg ingest` creates one; --store or KG_STORE names another)")


def _open_existing(settings: Settings, *, read_only: bool) -> GraphStore:
    """Open a store that must exist already: read-only for the reading commands (beside a running
    ``kg serve``, which holds the write lock), read-write for ``kg optimize``."""
    from kg.store.embedded import Store  # noqa: PLC0415

    from .store import has_store  # noqa: PLC0415

    if _is_external(settings):
        return _open_store(settings)
    if not has_store(settings.store):
        raise _no_store(settings.store)
    if read_only:
        return Store.open_read_only(settings.store, union_default_graph=settings.union_default_graph)
    return _open_store(settings)


def cmd_ingest(args: argparse.Namespace) -> int:
    from kg.ingest.bulk import bulk_ingest  # noqa: PLC0415
    from kg.ingest.parallel import cores  # noqa: PLC0415
    from kg.ingest.pipeline import expand_sources, ingest  # noqa: PLC0415
    from kg.ingest.progress import Progress  # noqa: PLC0415
    from kg.rdf.iris import IRIMinter  # noqa: PLC0415
    from kg.store.contract import is_local  # noqa: PLC0415
    from kg.store.embedded import check_complete  # noqa: PLC0415

    settings = _settings(args)
    if args.jobs is not None:
        settings = settings.replace(ingest_jobs=args.jobs)
    jobs = settings.ingest_jobs or cores()
    if settings.online and jobs > 1:  # one process: one polite, rate-limited Wikidata client
        if args.jobs is not None and not args.quiet:
            print("kg ingest: --online looks names up from one process (--jobs ignored)", file=sys.stderr)
        jobs = 1
    linker = _linker(settings)
    sources = list(expand_sources(args.paths))
    progress = Progress(len(sources), quiet=args.quiet, verbose=args.verbose)
    minter = IRIMinter(settings.base_iri)
    with _open_store(settings) as store:
        if args.bulk:
            if not (is_local(store) and store.bulk_loadable):
                raise InputError("--bulk needs the embedded store (a folder)")
            report = bulk_ingest(
                sources, store, minter=minter, linker=linker, settings=settings, progress=progress, jobs=jobs
            )
        else:
            check_complete(store)
            report = ingest(
                sources,
                store,
                minter=minter,
                linker=linker,
                settings=settings,
                progress=progress,
                force=args.force,
                jobs=jobs,
            )
    progress.close()
    for result in report.failed:
        error = str(result.error)
        if error.startswith(f"{result.source}: "):  # the reader's message names the file too: once is enough
            error = error[len(f"{result.source}: ") :]
        print(f"FAILED {result.source}: {error}", file=sys.stderr)
    n_ok, n_same, n_bad = len(report.ingested), len(report.skipped), len(report.failed)
    rate = len(report.results) / report.seconds if report.seconds > 0 else 0.0
    rate_text = f"{rate:.0f} articles/s, " if n_ok else ""  # a rate of nothing ingested says nothing
    print(
        f"{n_ok} ingested, {n_same} unchanged, {n_bad} failed, in {report.seconds:.2f} s "
        f"({rate_text}{report.triples} triples written, {report.jobs} "
        f"job{'s' if report.jobs != 1 else ''}"
        f"{', bulk load' if args.bulk else ''}); store: {settings.store}",
        file=sys.stderr,
    )
    if not report.results:
        print("nothing to ingest: no .txt, .html or .json files in the given paths", file=sys.stderr)
        return 1
    return 1 if n_bad else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.ingest.pipeline import facts_for  # noqa: PLC0415

    settings = _settings(args)
    facts = facts_for(args.path, linker=_linker(settings), settings=settings)
    if not args.with_text and isinstance(facts.get("article"), dict):
        facts["article"] = {k: v for k, v in facts["article"].items() if k != "text"}
    json.dump(facts, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from kg.ingest.pipeline import expand_sources, facts_for  # noqa: PLC0415
    from kg.linking.linker import link_facts  # noqa: PLC0415

    settings = _settings(args)
    linker = _linker(settings)
    reports = []
    for source in expand_sources(args.paths):
        facts = facts_for(source, linker=None, settings=settings)
        _, report = link_facts(facts, linker)
        reports.append((source, report))
    if args.json:
        json.dump({src: rep.to_dict() for src, rep in reports}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for source, report in reports:
            print(f"== {source}")
            print(report.to_text())
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import pyoxigraph as ox  # noqa: PLC0415

    from kg.query.results import in_query_order  # noqa: PLC0415
    from kg.sparql.named import parse_named_query  # noqa: PLC0415

    settings = _settings(args)
    text, bindings = args.query, {}
    path = Path(args.query)
    if names_a_file(args.query):
        if not path.is_file():
            raise NotFound(f"no such file: {args.query}")
        if path.suffix == ".rq":
            named = parse_named_query(path)
            params = dict(_split_param(p) for p in args.param)
            text, bindings = named.text, named.bindings(params)
        else:
            text = _read_query_file(path)
    if args.param and not (names_a_file(args.query) and path.suffix == ".rq"):
        raise InputError("--param works with a named query file (.rq) only")
    with _open_existing(settings, read_only=True) as store:
        result = in_query_order(store.query(text, substitutions=bindings), text)  # SELECT *: the query's order
        out = sys.stdout.buffer
        if isinstance(result, ox.QueryTriples):
            fmt = args.format or "turtle"
            if fmt not in GRAPH_FORMATS:
                raise InputError(f"a CONSTRUCT/DESCRIBE result can be written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
            ox.serialize(result, out, format=DUMP_NAMES[fmt])
        else:
            fmt = args.format or "table"
            if fmt == "table":
                out.write(_table(result).encode("utf-8"))
            elif fmt in QUERY_FORMATS:
                result.serialize(out, format=RESULTS_NAMES[fmt])
            else:
                raise InputError(f"a SELECT/ASK result can be written as table, {', '.join(QUERY_FORMATS)}, not {fmt}")
        out.flush()
    return 0


def names_a_file(argument: str) -> bool:
    """Does ``kg query``'s argument name a file rather than hold SPARQL?  It does if it ends in
    .rq or .sparql, or has a path separator and none of the braces, angle brackets or spaces of a query."""
    if argument.endswith((".rq", ".sparql")):
        return True
    return ("/" in argument or "\\" in argument) and not any(c in argument for c in "{<> \t\n")


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


def _split_param(raw: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name:
        raise InputError(f"--param wants NAME=VALUE, got {raw!r}")
    return name, value


def _table(result) -> str:
    """A plain-text table of a SELECT result (or the ASK answer)."""
    import pyoxigraph as ox  # noqa: PLC0415

    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    names = [v.value for v in result.variables]
    rows = [[_cell(sol[i]) for i in range(len(names))] for sol in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(term) -> str:
    import pyoxigraph as ox  # noqa: PLC0415

    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    return str(term).strip("<>") if isinstance(term, ox.NamedNode) else str(term)


#: ``-o`` file extension -> dump format, when ``--format`` is not given.
DUMP_EXTENSIONS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
}


def cmd_dump(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    gzip = args.gzip or (output is not None and output.suffix == ".gz")
    fmt = args.format
    if fmt is None:
        inner = output.with_suffix("") if output is not None and output.suffix == ".gz" else output
        fmt = DUMP_EXTENSIONS.get(inner.suffix.lower(), "turtle") if inner is not None else "turtle"
    settings = _settings(args)
    with _open_existing(settings, read_only=True) as store:
        if args.graph and not store.has_graph(args.graph):
            raise NotFound(f"no graph {args.graph} in the store")
        if output is None:
            store.dump(sys.stdout.buffer, fmt, args.graph, gzip=gzip)
            sys.stdout.buffer.flush()
            return 0
        # Written beside the target and renamed at the end: a failed dump leaves no half file.
        partial = output.with_name(output.name + ".part")
        try:
            with open(partial, "wb", buffering=1 << 20) as out:
                store.dump(out, fmt, args.graph, gzip=gzip)
            partial.replace(output)
        except OSError as exc:
            raise KGError(f"cannot write {output}: {exc.strerror or exc}") from None
        finally:
            partial.unlink(missing_ok=True)
    return 0


def cmd_graphs(args: argparse.Namespace) -> int:
    settings = _settings(args)
    with _open_existing(settings, read_only=True) as store:
        for graph in store.graphs():
            print(graph)
    return 0


def cmd_optimize(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from kg.store.contract import is_local  # noqa: PLC0415

    with _open_existing(settings, read_only=False) as store:
        if not is_local(store):
            print(f"{settings.store} is an external store: it compacts on its own", file=sys.stderr)
            return 0
        started = time.monotonic()
        store.optimize()
        print(f"compacted {store.path} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import server  # noqa: PLC0415  (the composition root, a top-level module)

    from .store import has_store  # noqa: PLC0415

    settings = _settings(args)
    if not _is_external(settings) and not has_store(settings.store):
        print(
            f"kg serve: no store at {settings.store}: starting on a new, empty one (fill it with `kg ingest`)",
            file=sys.stderr,
        )
    server.run(settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        help="store folder, or http(s) URL of an external SPARQL store "
        "(setting 'store'; env KG_STORE; default ./kg-store)",
    )
    common.add_argument("--config", help="TOML config file of settings (env KG_CONFIG)")
    common.add_argument("--base-iri", help="base IRI for minted IRIs (setting 'base_iri')")

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and serve a knowledge graph of international summits from news articles.",
        epilog="Settings (also as KG_<NAME> environment variables or in a --config TOML file):\n"
        + "\n".join(f"  {s.name} (default {s.default!r}): {s.help}" for s in SETTINGS),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summit-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="read articles or facts JSON and store their graphs")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html/.json files, folders or URLs")
    p.add_argument("--online", action="store_true", help="look unknown names up in Wikidata")
    p.add_argument("-q", "--quiet", action="store_true", help="report failures and the summary only")
    p.add_argument("-v", "--verbose", action="store_true", help="a line per article (instead of progress lines)")
    p.add_argument(
        "--force", action="store_true", help="re-map articles already stored with the same content (after an upgrade)"
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes that read and extract (setting 'ingest_jobs'; 0: every core)",
    )
    p.add_argument(
        "--bulk",
        action="store_true",
        help="fill a new, empty store with the bulk loader (much faster; not transactional)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", parents=[common], help="print the facts extracted from an article")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--online", action="store_true", help="look unknown names up in Wikidata")
    p.add_argument("--with-text", action="store_true", help="keep the article text in the output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("link", parents=[common], help="report how an article's entities link to Wikidata")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--report", action="store_true", help="print linked, unlinked and ambiguous entities (default)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.add_argument("--online", action="store_true", help="look unknown names up in Wikidata")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("query", parents=[common], help="run a SPARQL query (text or .rq file) on the store")
    p.add_argument("query", metavar="QUERY_OR_FILE")
    p.add_argument("--format", choices=QUERY_COMMAND_FORMATS)
    p.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a named query's parameter (repeatable)"
    )
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("dump", parents=[common], help="write the store (or one graph) as RDF")
    p.add_argument(
        "--format",
        choices=GRAPH_FORMATS,
        help="default: from the -o file's extension (.ttl .nt .nq .trig .jsonld .rdf, then .gz), else turtle",
    )
    p.add_argument("--graph", help="only this named graph")
    p.add_argument("-o", "--output", help="file to write (default: stdout); a name ending in .gz is gzipped")
    p.add_argument("--gzip", action="store_true", help="gzip the output (implied by -o FILE.gz)")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("graphs", parents=[common], help="list the named graphs (one per article)")
    p.set_defaults(func=cmd_graphs)

    p = sub.add_parser(
        "optimize",
        parents=[common],
        help="compact the store's indexes (after writes through `kg serve`; `kg ingest` does it itself)",
    )
    p.set_defaults(func=cmd_optimize)

    p = sub.add_parser("serve", parents=[common], help="serve the SPARQL endpoint and web pages")
    p.add_argument("--host", help="address to listen on (setting 'host'; env KG_HOST; default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (setting 'port'; env KG_PORT; default 5000)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        message = f"{exc.title}: {exc.message}" if isinstance(exc, QuerySyntaxError) else exc.message
        print(f"kg {args.command}: error: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg dump | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
