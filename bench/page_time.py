"""Page time of the summary pages (issue 17): summit, organization, country and person pages as HTML.

    .venv/bin/python bench/page_time.py                      # 2,000 synthetic articles, 40 requests per page
    .venv/bin/python bench/page_time.py --articles 500 --requests 20 --workdir /tmp/pt

Generates facts JSON with ``bench/gen_corpus.py`` (deterministic), ``kg ingest``s it into
``WORKDIR/store`` (kept: a second run with the same ``--articles`` reuses it), starts
``create_app`` under waitress on 127.0.0.1 with the default settings (query worker pool,
deadline, ``max_rows``), and asks one client, one request at a time, for the page of the
busiest summit (the most articles), the busiest organization (the most summits), the
country and the person named in the most articles, each ``--requests`` times after three
warm-up requests, each with its own ``?run=N`` (ignored by the page) so that the server's
result cache, if any, never answers.  It prints p50, p90 and max of the wall time per page (request sent to
last byte read), the page's size, and the CPU time a page costs: this process (the server's
threads and the client) and its descendants (the query workers) together, read from ``/proc``
over all the timed requests and divided by their number -- unlike the wall time, it hardly moves
when other jobs share the machine.  With ``--check`` it exits 1 if a summit or organization
page's p50 is above ``--target-ms`` (100).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import generate  # noqa: E402  (bench/ is put on the path just above)

from kg.cli import main as kg_main  # noqa: E402  (a run from a plain checkout: the repo on the path first)

PREFIX = "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\n"
#: page kind -> a query for the IRI with the most of something (the heaviest page of its kind).
BUSIEST = {
    "summit": PREFIX + "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a skg:Summit } } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
    "organization": PREFIX + "SELECT ?e (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s skg:organizer ?e } } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
    "country": PREFIX + "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a skg:Country } } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
    "person": PREFIX + "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a skg:Person } } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
}
GATED = ("summit", "organization")


def build_store(workdir: Path, articles: int) -> Path:
    """The store of ``articles`` synthetic articles under ``workdir`` (reused when its marker matches)."""
    store, marker = workdir / "store", workdir / f"articles-{articles}"
    if store.exists() and marker.exists():
        return store
    facts = workdir / "facts"
    facts.mkdir(parents=True, exist_ok=True)
    for old in facts.glob("*.json"):
        old.unlink()
    for name, data in generate(articles, "facts"):
        (facts / name).write_bytes(data)
    for old in workdir.glob("articles-*"):
        old.unlink()
    started = time.perf_counter()
    if kg_main(["ingest", str(facts), "--store", str(store), "--quiet"]) != 0:
        raise SystemExit("kg ingest failed")
    print(f"ingested {articles} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    marker.touch()
    return store


def serve(store: Path):
    """``create_app`` over ``store`` under waitress in a daemon thread: (app, base URL)."""
    from waitress.server import create_server

    from server import create_app

    for key in [k for k in os.environ if k.startswith("KG_")]:
        del os.environ[key]
    app = create_app({"store": str(store)})
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    return app, f"http://127.0.0.1:{srv.effective_port}"


def page_path(app, iri: str) -> str:
    """The local path of an entity IRI (minted under ``base_iri``)."""
    base = app.extensions["kg.settings"]["base_iri"]
    return "/" + iri.split("://", 1)[1].split("/", 1)[1] if iri.startswith(base) else iri


def cpu_seconds() -> float | None:
    """CPU time (user + system) of this process and all its descendants, from ``/proc`` (None elsewhere)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    ours, total = {os.getpid()}, 0.0
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in ours and pid not in ours:
                ours.add(pid)
                changed = True
    for pid in ours:
        total += times.get(pid, 0.0)
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one line per page kind; 1 with ``--check`` if a gated page is too slow."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/summit-kg-page-time"))
    ap.add_argument("--target-ms", type=float, default=100.0)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    store = build_store(args.workdir, args.articles)
    app, url = serve(store)
    session = requests.Session()
    failed = False
    print(f"{'page':<13} {'p50 ms':>8} {'p90 ms':>8} {'max ms':>8} {'cpu ms':>7} {'KiB':>6}  IRI")
    for kind, query in BUSIEST.items():
        found = list(app.extensions["kg.store"].query(query))
        if not found:
            print(f"{kind:<13} (none in the store)")
            continue
        iri = found[0]["e"].value
        path = page_path(app, iri)
        times: list[float] = []
        size = 0
        cpu_start = None
        for i in range(3 + args.requests):
            if i == 3:
                cpu_start = cpu_seconds()
            started = time.perf_counter()
            # a distinct ?run= per request: the page is built each time, never replayed from a result cache
            r = session.get(url + path, params={"run": str(i)}, headers={"Accept": "text/html"}, timeout=60)
            elapsed = (time.perf_counter() - started) * 1000
            if r.status_code != 200 or "<h1>" not in r.text:
                raise SystemExit(f"{path}: {r.status_code}")
            if i >= 3:
                times.append(elapsed)
            size = len(r.content)
        cpu_end = cpu_seconds()
        cpu = (
            f"{(cpu_end - cpu_start) * 1000 / len(times):7.1f}"
            if cpu_start is not None and cpu_end is not None
            else f"{'-':>7}"
        )
        p50 = statistics.median(times)
        slow = kind in GATED and p50 > args.target_ms
        failed |= slow
        print(
            f"{kind:<13} {p50:8.1f} {percentile(times, 90):8.1f} {max(times):8.1f} {cpu} {size / 1024:6.1f}  {iri}"
            + ("  (above target)" if slow else "")
        )
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
