"""Extraction throughput on one core: articles per second over a folder, repeated N times.

    python bench/extraction_throughput.py [DEV_DIR] [--repeat N]

Reading (kg.ingest.read.read_path) happens once; the timed loop is kg.extract.extract only,
after one warm-up pass that builds the gazetteer matcher.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.extract import extract
from kg.ingest.read import read_path
from kg.linking.gazetteer import default_gazetteer

DEFAULT_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", default=str(DEFAULT_DEV))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--min-rate", type=float, default=0.0, help="exit 1 below this many articles/s")
    args = parser.parse_args(argv)
    paths = sorted(p for p in Path(args.dev).iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))
    if not paths:
        print(f"no articles in {args.dev}", file=sys.stderr)
        return 2
    articles = [read_path(p) for p in paths]
    gazetteer = default_gazetteer()
    for a in articles:  # warm-up: matcher and regexes built once
        extract(a, gazetteer)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for a in articles:
            extract(a, gazetteer)
    elapsed = time.perf_counter() - t0
    n = args.repeat * len(articles)
    rate = n / elapsed
    print(
        f"{n} extractions of {len(articles)} articles in {elapsed:.3f} s: {rate:.1f} articles/s "
        f"({1000 * elapsed / n:.2f} ms/article, one core)"
    )
    return 1 if rate < args.min_rate else 0


if __name__ == "__main__":
    sys.exit(main())
