#!/usr/bin/env python3
"""Cut a Wikidata export of heads of state and government down to ``kg/data/curated/leaders_wikidata.csv``.

    python scripts/build_leaders_wikidata.py EXPORT.csv [--codes country-codes.csv] [--out FILE]

``EXPORT.csv``: a Wikidata P35 (head of state) / P6 (head of government) export with the
columns ``iso3,country,role,person,person_qid,start,end`` -- such as ``data/leaders_history.csv``
of GitHub cfmessias/geografia, commit 2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 (a query of
Wikidata, whose data is CC0; only these factual fields are kept).  ``--codes``: the
public-domain datasets/country-codes table, to turn ISO alpha-3 codes into alpha-2.

Kept: terms held on or after ``SINCE`` with a start date, one row per (QID, role, country,
start); a term with no end ends when another person takes up that office there; dropped: rows without a QID or start, and names Wikidata gave only in another
language (the export's Portuguese country name inside the person's name, "Letsie III do
Lesoto", "Isabel II do Reino Unido").  Output sorted, so the same export gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SINCE = "2000-01-01"
EARLIEST = "1900-01-01"  # an older start with no end is a stray statement, not a term
ROLES = {"head_of_state", "head_of_government"}
COLUMNS = ["country", "role", "name", "qid", "start", "end"]
_QID = re.compile(r"Q[1-9][0-9]*")
_OF_PLACE = re.compile(r"\s(?:do|da|dos|das|de)\s+(.+)$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def iso3_to_iso2(codes: Path) -> dict[str, str]:
    """Alpha-3 -> alpha-2 from country-codes.csv."""
    out = {}
    for row in read_csv(codes):
        a3, a2 = row["ISO3166-1-Alpha-3"].strip(), row["ISO3166-1-Alpha-2"].strip()
        if a3 and a2:
            out[a3] = a2
    return out


def _fold(text: str) -> str:
    """Case- and accent-folded, for comparing names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.strip().casefold()) if not unicodedata.combining(c))


def leader_rows(export: list[dict[str, str]], iso2_of: dict[str, str], since: str = SINCE) -> list[dict[str, str]]:
    """The rows to keep (see the module docstring), as ``COLUMNS`` dicts, sorted."""
    seen: dict[tuple[str, str, str, str], dict[str, str]] = {}
    local_names = {_fold(row.get("country", "")) for row in export} - {""}
    for row in export:
        qid, role = row.get("person_qid", "").strip(), row.get("role", "").strip()
        start, end = row.get("start", "")[:10], row.get("end", "")[:10]
        iso2 = iso2_of.get(row.get("iso3", "").strip())
        name = " ".join(row.get("person", "").split())
        local = row.get("country", "").strip()
        if not (_QID.fullmatch(qid) and role in ROLES and iso2 and name and start):
            continue
        if end and end < since:
            continue
        of = _OF_PLACE.search(name)
        if (len(local) > 3 and _fold(local) in _fold(name)) or (of and _fold(of.group(1)) in local_names):
            continue  # a name in the export's own language ("Mohammed VI de Marrocos")
        key = (qid, role, iso2, start)
        kept = seen.get(key)
        if kept is None or (kept["end"] and (not end or end > kept["end"])):
            seen[key] = {"country": iso2, "role": role, "name": name, "qid": qid, "start": start, "end": end}
    rows = sorted(seen.values(), key=lambda r: (r["country"], r["role"], r["start"], r["qid"]))
    for i, row in enumerate(rows):  # an open term ends when someone else takes up the office
        if not row["end"]:
            nxt = next((r for r in rows[i + 1:] if (r["country"], r["role"]) == (row["country"], row["role"])
                        and r["start"] > row["start"] and r["qid"] != row["qid"]), None)
            row["end"] = nxt["start"] if nxt else ""
    return [r for r in rows if r["start"] >= EARLIEST and (not r["end"] or r["end"] >= since)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--codes", type=Path, default=REPO.parent / "shared" / "data" / "wikidata" / "country-codes.csv")
    parser.add_argument("--out", type=Path, default=REPO / "kg" / "data" / "curated" / "leaders_wikidata.csv")
    args = parser.parse_args(argv)
    rows = leader_rows(read_csv(args.export), iso3_to_iso2(args.codes))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} terms of {len({r['qid'] for r in rows})} people", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
