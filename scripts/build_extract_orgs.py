#!/usr/bin/env python3
"""Check and normalize the extractor's table of summit-holding organizations,
``kg/data/extract/organizations.csv`` (provenance: ``kg/data/extract/ORGANIZATIONS.md``).

    python scripts/build_extract_orgs.py [--wikidata FILE] [--write]

Checks: the columns, one row per name and acronym, QIDs shaped ``Q<digits>``, no row that
the bundled gazetteer already has (the gazetteer wins; such a row is reported).  With
``--wikidata FILE`` (a CSV export of a Wikidata query with columns ``item`` and
``itemLabel``, e.g. instances of "intergovernmental organization", Wikidata being CC0)
an empty ``qid`` is filled when exactly one item has the row's name as its English label.
``--write`` rewrites the table sorted by name; without it the script only reports.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TABLE = REPO / "kg" / "data" / "extract" / "organizations.csv"
COLUMNS = ["acronym", "name", "aliases", "qid", "summit_bodies", "notes"]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wikidata", type=Path, help="CSV with item,itemLabel columns (a Wikidata query export)")
    ap.add_argument("--write", action="store_true", help="rewrite the table (sorted, QIDs filled)")
    args = ap.parse_args(argv)

    from kg.linking.gazetteer import default_gazetteer, normalize_name  # noqa: PLC0415

    rows = list(csv.DictReader(io.StringIO(TABLE.read_text(encoding="utf-8"))))
    problems = []
    if rows and list(rows[0].keys()) != COLUMNS:
        problems.append(f"columns are {list(rows[0].keys())}, expected {COLUMNS}")
    labels: dict[str, set[str]] = {}
    if args.wikidata:
        for r in csv.DictReader(args.wikidata.open(encoding="utf-8")):
            qid = r["item"].rsplit("/", 1)[-1]
            labels.setdefault(normalize_name(r["itemLabel"]), set()).add(qid)
    gaz = default_gazetteer()
    seen: dict[str, str] = {}
    for r in rows:
        forms = [r["name"]] + ([r["acronym"]] if r["acronym"] else []) + [a for a in r["aliases"].split("|") if a]
        for f in forms:
            key = normalize_name(f)
            if key in seen and seen[key] != r["name"]:
                problems.append(f"{f!r} names both {seen[key]!r} and {r['name']!r}")
            seen[key] = r["name"]
            if gaz.lookup(f, "organization"):
                print(f"note: {f!r} ({r['name']}) is in the gazetteer; the extractor uses the gazetteer's entry")
        if r["qid"] and not re.fullmatch(r"Q\d+", r["qid"]):
            problems.append(f"{r['name']}: bad qid {r['qid']!r}")
        if not r["qid"] and labels:
            found = labels.get(normalize_name(r["name"]), set())
            if len(found) == 1:
                r["qid"] = next(iter(found))
                print(f"filled: {r['name']} -> {r['qid']}")
    for p in problems:
        print("error:", p, file=sys.stderr)
    if args.write and not problems:
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in sorted(rows, key=lambda r: r["name"].casefold()):
            w.writerow(r)
        TABLE.write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(rows)} rows, {sum(1 for r in rows if r['qid'])} with a QID, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
