#!/usr/bin/env python3
"""Measure the linker alone on gold entity names.

    python bench/link_eval.py --dev /work/shared/eval/dev [--score PATH] [--show]

For each ``*.gold.json`` in DEV: remove every QID (the top-level ``wikidata`` and
``wikidata_unsure`` maps and every ``wikidata`` key), run ``kg.linking.linker.link_facts``
with the offline gazetteer, write the result to a temporary folder, then run the
project scorer (default: ``DEV/../score.py``) and print its ``wikidata:`` line:
link precision and coverage against the gold map.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.linking.gazetteer import default_gazetteer  # noqa: E402
from kg.linking.linker import Linker, link_facts  # noqa: E402


def strip_qids(value: Any) -> Any:
    """A copy of a facts document with every QID removed ({"name", "wikidata"} -> name)."""
    if isinstance(value, dict):
        if set(value) == {"name", "wikidata"}:
            return value["name"]
        return {k: strip_qids(v) for k, v in value.items() if k not in ("wikidata", "wikidata_unsure")}
    if isinstance(value, list):
        return [strip_qids(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, required=True, help="folder of *.gold.json files")
    parser.add_argument("--score", type=Path, help="score.py (default: DEV/../score.py)")
    parser.add_argument("--show", action="store_true", help="print each article's link report")
    args = parser.parse_args(argv)
    score = args.score or args.dev.parent / "score.py"
    golds = sorted(args.dev.glob("*.gold.json"))
    if not golds:
        parser.error(f"no *.gold.json in {args.dev}")

    linker = Linker(default_gazetteer())
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for gold in golds:
            facts = strip_qids(json.loads(gold.read_text(encoding="utf-8")))
            linked, report = link_facts(facts, linker)
            slug = gold.name[: -len(".gold.json")]
            (Path(tmp) / f"{slug}.json").write_text(json.dumps(linked, ensure_ascii=False, indent=1), encoding="utf-8")
            if args.show:
                print(f"== {slug}\n{report.to_text()}\n")
        elapsed = time.perf_counter() - started
        proc = subprocess.run(
            [sys.executable, str(score), "--gold", str(args.dev), "--pred", tmp],
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, file=sys.stderr)
        return proc.returncode
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip().lower().startswith("wikidata")]
    print(f"linked {len(golds)} articles in {elapsed:.2f} s")
    for line in lines or ["(score.py printed no wikidata: line)"]:
        print(line.strip())
    if args.show:
        wrong = [ln for ln in proc.stdout.splitlines() if "gold Q" in ln]
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
