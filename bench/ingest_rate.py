"""Ingest speed: articles/s and triples/s of `kg ingest`, one process and every core, and --bulk.

    python bench/ingest_rate.py [--n 5000] [--kinds text,facts] [--jobs N] [--workdir DIR]

For each corpus kind (``text``: pasted pages, so reading and extraction run; ``facts``:
facts JSON, so only linking and mapping do), made by bench/gen_corpus.py under
``--workdir`` (default: a temporary folder, removed at the end):

* ``prepare``: the pure half alone (read -> extract -> link -> map -> N-Triples,
  ``kg.ingest.pipeline.Preparer``) in this process, on CPU time: the per-core ceiling;
* ``-j1``, ``-jN``: `kg ingest` into a new store (N = the cores this process may use);
* ``rerun``: `kg ingest -jN` again on that store (every article unchanged: read, hash, skip);
* ``bulk``: `kg ingest --bulk -jN` into a new store;
* with ``--external``: `kg ingest -jN` into an external store (kg.store.http), an
  ``oxigraph serve`` started on a free loopback port (killed at the end).

Each `kg ingest` runs as a subprocess; its wall time gives articles/s and triples/s,
"per core" is that rate divided by the jobs used, and the CPU time of the process and
its workers gives articles per CPU-second.  Exits 1 when a run fails.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write  # noqa: E402

from kg.ingest.parallel import cores  # noqa: E402
from kg.ingest.pipeline import Preparer  # noqa: E402
from kg.linking.gazetteer import default_gazetteer  # noqa: E402
from kg.linking.linker import Linker  # noqa: E402
from kg.rdf.iris import IRIMinter  # noqa: E402

SUMMARY = re.compile(r"(\d+) ingested, (\d+) unchanged, (\d+) failed, .*?(\d+) triples written")


def prepare_rate(corpus: Path, sample: int) -> tuple[float, float]:
    """Articles per CPU-second and triples per CPU-second of the pure half, in this process."""
    paths = [str(p) for p in sorted(corpus.iterdir())[:sample]]
    preparer = Preparer(Linker(default_gazetteer()), IRIMinter())
    for path in paths[:20]:  # warm-up: the extractor's matcher and regexes
        preparer(path)
    started = time.process_time()
    triples = sum(preparer(path).triples for path in paths)
    elapsed = time.process_time() - started
    return len(paths) / elapsed, triples / elapsed


def run_ingest(corpus: Path, store: Path | str, *args: str) -> dict:
    """One `kg ingest` subprocess: wall and CPU seconds, and what its summary says."""
    kg = str(Path(sys.executable).parent / "kg")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [kg, "ingest", str(corpus), "--store", str(store), "-q", *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = SUMMARY.search(proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"kg ingest {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    new, same, failed, triples = map(int, found.groups())
    return {"wall": wall, "cpu": cpu, "articles": new + same + failed, "new": new, "triples": triples}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def external_store(location: Path) -> tuple[subprocess.Popen, str]:
    """An `oxigraph serve` on a free loopback port, ready; and its URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "oxigraph"),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="articles per corpus (default 5000)")
    ap.add_argument("--kinds", default="text,facts", help="corpus kinds, comma-separated (text, facts)")
    ap.add_argument("--jobs", type=int, default=cores(), help="jobs of the parallel runs (default: every core)")
    ap.add_argument("--sample", type=int, default=500, help="articles timed in the `prepare` row")
    ap.add_argument("--workdir", help="where corpora and stores go (kept); default: a temporary folder")
    ap.add_argument("--external", action="store_true", help="also ingest into an external `oxigraph serve`")
    args = ap.parse_args(argv)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="kg-ingest-rate-"))
    work.mkdir(parents=True, exist_ok=True)
    n_jobs = args.jobs
    rows = []
    try:
        for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
            corpus = work / f"{kind}-{args.n}"
            if not corpus.is_dir() or len(list(corpus.iterdir())) != args.n:
                shutil.rmtree(corpus, ignore_errors=True)
                write(corpus, args.n, kind)
            rate, triples_rate = prepare_rate(corpus, min(args.sample, args.n))
            rows.append((kind, "prepare (pure half, in-process)", 1, None, rate, triples_rate, rate, rate))
            print(f"{kind}: prepare {rate:.0f} articles/CPU-s", file=sys.stderr)
            for mode, jobs, extra in (
                ("-j1", 1, ["-j", "1"]),
                (f"-j{n_jobs}", n_jobs, ["-j", str(n_jobs)]),
                (f"rerun -j{n_jobs} (all unchanged)", n_jobs, ["-j", str(n_jobs)]),
                (f"--bulk -j{n_jobs}", n_jobs, ["-j", str(n_jobs), "--bulk"]),
            ):
                store = work / f"store-{kind}-{'bulk' if '--bulk' in extra else 'j' + str(jobs)}"
                if not mode.startswith("rerun"):
                    shutil.rmtree(store, ignore_errors=True)
                r = run_ingest(corpus, store, *extra)
                rate = r["articles"] / r["wall"]
                rows.append(
                    (kind, mode, jobs, r["wall"], rate, r["triples"] / r["wall"], rate / jobs, r["articles"] / r["cpu"])
                )
                print(f"{kind}: {mode} {rate:.0f} articles/s", file=sys.stderr)
            if args.external:
                location = work / f"oxigraph-{kind}"
                shutil.rmtree(location, ignore_errors=True)
                server, url = external_store(location)
                try:
                    r = run_ingest(corpus, url, "-j", str(n_jobs))
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                rate = r["articles"] / r["wall"]
                rows.append(
                    (
                        kind,
                        f"-j{n_jobs} into oxigraph serve (HTTP)",
                        n_jobs,
                        r["wall"],
                        rate,
                        r["triples"] / r["wall"],
                        rate / n_jobs,
                        r["articles"] / r["cpu"],
                    )
                )
                print(f"{kind}: external {rate:.0f} articles/s", file=sys.stderr)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{args.n} articles per corpus, {cores()} cores available, parallel runs with {n_jobs} jobs")
    print(
        f"{'corpus':6s}  {'run':34s} {'jobs':>4s} {'wall s':>7s} {'art/s':>7s} {'triples/s':>10s} "
        f"{'per core':>8s} {'art/CPU-s':>9s}"
    )
    for kind, mode, jobs, wall, rate, trate, per_core, per_cpu in rows:
        wall_text = f"{wall:7.1f}" if wall is not None else "      -"
        print(f"{kind:6s}  {mode:34s} {jobs:4d} {wall_text} {rate:7.0f} {trate:10.0f} {per_core:8.0f} {per_cpu:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
