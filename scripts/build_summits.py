#!/usr/bin/env python3
"""Build the bundled table of known summits ``kg/data/summits.json`` and its provenance note.

    python scripts/build_summits.py [--csv kg/data/curated/summits.csv] [--out kg/data/summits.json]

Input: ``kg/data/curated/summits.csv``, written for this project (one row per summit:
organization acronym, body, ordinal, year, start and end dates, host city with the other
names articles use for the place ``|``-joined, host country ISO alpha-2, Wikidata QID
where one is known, note).  The build checks every row (known organization and body,
ISO dates inside the year, QID shape, no two rows with one ordinal, no two rows with
one key) and computes each row's IRI key: its ordinal, else its year, else year-city
(or the start date) when the body met more than once that year.  City slugs are the
ones ``kg.rdf.iris.IRIMinter`` mints, so the mapper compares like with like.  The output is
deterministic (same CSV, same bytes).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.rdf.iri_keys import DEFAULT_KEYS  # noqa: E402  (needs the repo on sys.path)
from kg.rdf.iris import IRIMinter, name_slug  # noqa: E402
from kg.rdf.summit_table import BODIES  # noqa: E402

CSV = REPO / "kg" / "data" / "curated" / "summits.csv"
OUT = REPO / "kg" / "data" / "summits.json"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")

#: The content and origin cells of the summits table's provenance row.
_CONTENT = "summits of {orgs}: ordinal, year, dates, host city and country"
_ORIGIN = (
    "written for summit-kg from the public record of these summits (the organizations' own numbering, "
    "host cities and dates as widely published); typed by hand, not copied from any dataset. No CC0 "
    "source on disk lists summits, so the rows were not cross-checked against one: re-check a row before "
    "relying on it"
)

PROVENANCE = """# Known summits: provenance and licence

`summits.json` is built by `scripts/build_summits.py` from `curated/summits.csv` only.

| source | content | origin | licence |
|---|---|---|---|
| `kg/data/curated/summits.csv` | {content} | {origin} | facts; same licence as summit-kg (MIT) |

Wikidata QIDs of summits are left empty: no stored CC0 source gave them, and they are
not guessed (add one only from Wikidata itself).  Dates are given only where the
summit's days are well documented; video conferences have no host city.  Bodies:
heads-of-state (the main series; leaders' summits of heads of state and/or government),
heads-of-government (e.g. the SCO Council of Heads of Government), foreign-ministers.

Counts: {counts}.  Input SHA-256: {digest}.
"""


def build(csv_path: Path = CSV, out: Path = OUT) -> dict:
    """Check the CSV, compute keys, write ``out`` and ``SUMMITS-LICENCE.md``; return the meta block."""
    minter = IRIMinter()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems: list[str] = []
    summits: list[dict] = []
    for n, row in enumerate(rows, start=2):
        where = f"{csv_path.name}:{n}"
        acronym = row["organization"].strip()
        org = minter.organization_key(acronym)
        if DEFAULT_KEYS.org_acronym(acronym) is None:
            problems.append(f"{where}: organization {acronym!r} is not in kg.rdf.iri_keys")
        body = row["body"].strip()
        if body not in BODIES:
            problems.append(f"{where}: body {body!r} is not one of {BODIES}")
        year = row["year"].strip()
        start, end = row["start"].strip() or None, row["end"].strip() or None
        for d in (start, end):
            if d and not (_DATE.match(d) and d[:4] == year):
                problems.append(f"{where}: date {d!r} is not an ISO date in {year}")
        if start and end and end < start:
            problems.append(f"{where}: ends before it starts")
        qid = row["qid"].strip() or None
        if qid and not _QID.match(qid):
            problems.append(f"{where}: {qid!r} is not a QID")
        cities = [c.strip() for c in row["host_city"].split("|") if c.strip()]
        slugs = list(dict.fromkeys(name_slug(DEFAULT_KEYS.city(c)) for c in cities))
        summits.append(
            {
                "org": org,
                "acronym": DEFAULT_KEYS.org_acronym(acronym) or acronym,
                "body": body,
                "year": year,
                "ordinal": int(row["ordinal"]) if row["ordinal"].strip() else None,
                "start": start,
                "end": end,
                "city": cities[0] if cities else None,
                "city_slugs": slugs,
                "country": row["host_country"].strip() or None,
                "qid": qid,
            }
        )
    per_year = Counter((s["org"], s["body"], s["year"]) for s in summits)
    for s in summits:
        if s["ordinal"] is not None:
            s["key"] = str(s["ordinal"])
        elif per_year[(s["org"], s["body"], s["year"])] == 1:
            s["key"] = s["year"]
        elif s["city_slugs"]:
            s["key"] = f"{s['year']}-{s['city_slugs'][0]}"
        else:
            s["key"] = s["start"] or s["year"]
    for what, key in (
        ("key", lambda s: (s["org"], s["body"], s["key"])),
        ("ordinal", lambda s: (s["org"], s["body"], s["ordinal"])),
    ):
        seen = Counter(key(s) for s in summits if what != "ordinal" or s["ordinal"] is not None)
        problems += [f"two rows with one {what}: {k}" for k, c in seen.items() if c > 1]
    if problems:
        raise SystemExit("summits.csv has problems:\n  " + "\n  ".join(problems))
    summits.sort(key=lambda s: (s["org"], s["body"], s["start"] or s["year"], s["key"]))
    summits = [{k: v for k, v in s.items() if v not in (None, [], "")} for s in summits]
    digest = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    counts = Counter(s["acronym"] for s in summits)
    meta = {
        "format": 1,
        "builder": "scripts/build_summits.py",
        "input": "kg/data/curated/summits.csv",
        "input_sha256": digest,
        "counts": dict(sorted(counts.items())),
        "licence": "facts written for summit-kg (MIT); see SUMMITS-LICENCE.md",
    }
    out.write_text(
        json.dumps({"meta": meta, "summits": summits}, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    (out.parent / "SUMMITS-LICENCE.md").write_text(
        PROVENANCE.format(
            orgs=", ".join(sorted(counts)),
            counts=", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
            digest=digest,
            content=_CONTENT.format(orgs=", ".join(sorted(counts))),
            origin=_ORIGIN,
        ),
        encoding="utf-8",
    )
    print(f"wrote {out}: {len(summits)} summits of {len(counts)} organizations")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=CSV)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    build(args.csv, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
