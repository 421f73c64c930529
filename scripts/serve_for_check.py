#!/usr/bin/env python3
"""Serve a small throw-away store for the SPARQL protocol checker, optionally run it.

    python scripts/serve_for_check.py [--port 0] [--fixture FILE.nq] [--check CHECKER [--gsp] [-- ARGS...]]

Builds a store in a temporary folder (three article-like named graphs, plus the N-Quads
of ``--fixture``, e.g. the checker's ``--emit-fixture`` output), serves it with the
same ``server.create_app`` and waitress as ``kg serve``, prints the endpoint URL, and
either waits until interrupted or runs ``CHECKER --endpoint URL/sparql [--gsp URL/store]
ARGS...`` and exits with the checker's status.  The store is removed at the end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdflib import Literal, URIRef  # noqa: E402
from rdflib.namespace import RDF, RDFS  # noqa: E402

EX = "http://example.org/check/"


def build_store(path: Path, fixture: Path | None) -> None:
    """A few named graphs (and the fixture's quads) in a new store at ``path``."""
    import pyoxigraph as ox

    from kg.store import open_store

    with open_store(path) as store:
        for n in range(1, 4):
            s = URIRef(f"{EX}article/{n}")
            store.replace_graph(
                f"{EX}graph/{n}",
                [
                    (s, RDF.type, URIRef(EX + "Article")),
                    (s, RDFS.label, Literal(f"article {n}", lang="en")),
                    (s, URIRef(EX + "order"), Literal(n)),
                ],
            )
        if fixture:
            store.ox.load(path=str(fixture), format=ox.RdfFormat.N_QUADS)
        store.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--fixture", type=Path, help="N-Quads file loaded into the store as well")
    parser.add_argument("--check", type=Path, help="protocol_check.py to run against the server")
    parser.add_argument("--gsp", action="store_true", help="also give the checker --gsp URL/store")
    parser.add_argument("checker_args", nargs="*", help="arguments for the checker (after --)")
    args = parser.parse_args(argv)

    from waitress.server import create_server

    from server import create_app

    with tempfile.TemporaryDirectory(prefix="kg-check-") as tmp:
        store_path = Path(tmp) / "store"
        build_store(store_path, args.fixture)
        app = create_app({"store": str(store_path)})
        srv = create_server(app, host="127.0.0.1", port=args.port, threads=8)
        base = f"http://127.0.0.1:{srv.effective_port}"
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        print(f"serving {base}/sparql (graph store {base}/store)", flush=True)
        try:
            if args.check:
                cmd = [sys.executable, str(args.check), "--endpoint", f"{base}/sparql"]
                cmd += ["--gsp", f"{base}/store"] if args.gsp else []
                cmd += args.checker_args
                return subprocess.call(cmd)
            thread.join()
            return 0
        except KeyboardInterrupt:
            return 130
        finally:
            srv.close()
            app.extensions["kg.store"].close()


if __name__ == "__main__":
    sys.exit(main())
