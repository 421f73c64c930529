#!/usr/bin/env python3
"""Build the bundled gazetteer ``kg/data/gazetteer.json`` and its licence note.

    python scripts/build_gazetteer.py [--source DIR] [--out kg/data/gazetteer.json]

Inputs, all public domain or facts (nothing under a share-alike licence is copied):

* ``DIR/country-codes.csv`` (datasets/country-codes, ODC-PDDL): countries, ISO codes,
  official and UN names, QIDs.
* ``DIR/ne_populated_places.csv`` (Natural Earth, public domain; GeoJSON conversion
  CC0): cities with population >= 100,000, national capitals and admin-1 capitals.
* ``kg/data/curated/*.csv`` (written for this project, kept in the repo): country
  names and aliases, demonyms, city aliases, organizations with members, leaders
  with offices.

``DIR`` defaults to ``../shared/data/wikidata`` relative to the repo root.  When the
ODbL ``demonyms.csv`` is present it is used only to print a cross-check report;
nothing from it is written.  The output is deterministic: the same inputs give the
same bytes, except ``meta.built`` (the build date; set ``SOURCE_DATE_EPOCH`` to pin
it).  ``meta.inputs_sha256`` identifies the inputs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.linking.gazetteer import normalize_name  # noqa: E402  (needs the repo on sys.path)

CURATED = REPO / "kg" / "data" / "curated"
MIN_POPULATION = 100_000
CITY_CLASSES = {
    "Admin-0 capital",
    "Admin-0 capital alt",
    "Admin-1 capital",
    "Admin-1 region capital",
    "Admin-0 region capital",
}

SOURCES = [
    {
        "file": "country-codes.csv",
        "what": "countries: ISO codes, names, QIDs",
        "origin": (
            "GitHub datasets/country-codes, data/country-codes.csv, commit caa72d1e0e5af8876c170bb36a9e4d64a01bba88"
        ),
        "licence": "ODC-PDDL-1.0 (public domain dedication)",
    },
    {
        "file": "ne_populated_places.csv",
        "what": "cities: names, QIDs, population, capital flags",
        "origin": (
            "Natural Earth 1:10m populated places (4.x schema) via GitHub martynafford/natural-earth-geojson, commit "
            "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e"
        ),
        "licence": "Natural Earth: public domain; GeoJSON conversion: CC0-1.0",
    },
    {
        "file": "kg/data/curated/countries.csv",
        "what": "country short names, aliases, QID fixes",
        "origin": "written for summit-kg",
        "licence": "facts; same licence as summit-kg (MIT)",
    },
    {
        "file": "kg/data/curated/demonyms.csv",
        "what": "demonyms and adjectives of countries",
        "origin": "written for summit-kg",
        "licence": "facts; same licence as summit-kg (MIT)",
    },
    {
        "file": "kg/data/curated/cities.csv",
        "what": "former and alternative city names",
        "origin": "written for summit-kg",
        "licence": "facts; same licence as summit-kg (MIT)",
    },
    {
        "file": "kg/data/curated/organizations.csv",
        "what": "organizations: names, acronyms, QIDs, members",
        "origin": (
            "written for summit-kg, starting from the hand-curated igos.csv of the project's seed data (facts, QIDs "
            "cross-checked in several public sources)"
        ),
        "licence": "facts; same licence as summit-kg (MIT)",
    },
    {
        "file": "kg/data/curated/leaders.csv",
        "what": "heads of state/government and foreign ministers: QIDs, offices, dates",
        "origin": (
            "written for summit-kg, starting from the hand-curated leaders.csv of the project's seed data (facts "
            "re-typed; QIDs cross-checked in several public sources); later rows (heads of state and government and "
            "foreign ministers of member states of the organizations in kg/data/summits.json) from the public record "
            "of offices and terms, without a QID where none was verified"
        ),
        "licence": "facts; same licence as summit-kg (MIT)",
    },
    {
        "file": "kg/data/curated/leaders_wikidata.csv",
        "what": "heads of state and government and foreign ministers since 2000: QIDs, country, role, terms",
        "origin": (
            "Wikidata P35/P6 statements, as exported in GitHub cfmessias/geografia data/leaders_history.csv, commit "
            "2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 (that repository states no licence; only Wikidata's factual "
            "fields are kept); foreign ministers: Wikidata P39 query results of GitHub every-politician-scrapers "
            "repositories (no licence stated; only QID, English label, country and dates kept): the holders of every "
            "foreign-minister position in the 21 daily versions of world/sources/foreign/wikidata.csv "
            "(2022-08-08 to 2022-12-10; FM_SNAPSHOTS) and the position histories of 184 countries (49 history "
            "files and 135 holders21.csv files, one of them Iceland's from the copy Jkudjo/iceland-cabinet: "
            "repositories and commits in the script's FM_HISTORIES and FM_HOLDERS); cut down by "
            "scripts/build_leaders_wikidata.py"
        ),
        "licence": "Wikidata: CC0-1.0",
    },
]


#: marks that steer the direction of text and are no part of a name ("Granada\u200e" in a source table)
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a source table, every value without direction marks."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: v.translate(_BIDI_MARKS) if v else v for k, v in row.items()} for row in csv.DictReader(handle)]


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def unique(values) -> list[str]:
    """Drop empty values and normalized duplicates, keeping the first spelling."""
    seen, out = set(), []
    for value in values:
        key = normalize_name(value) if value else ""
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def compact(entry: dict) -> dict:
    """Drop keys holding a default value, so the JSON stays small."""
    return {k: v for k, v in entry.items() if v not in (None, "", [], False, 0)}


# ---------------------------------------------------------------- countries


def strip_un_name(name: str) -> str:
    """'Bahamas (the)' -> 'Bahamas'; 'the Republic of Korea' -> 'Republic of Korea';
    'Bolivia (Plurinational State of)' -> 'Bolivia'; drop footnote stars."""
    name = name.replace("*", "").strip()
    if "(" in name:
        name = name[: name.index("(")].strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()


def build_countries(source: Path) -> list[dict]:
    curated = {r["iso2"]: r for r in read_csv(CURATED / "countries.csv")}
    demonyms = {r["iso2"]: split(r["demonyms"]) for r in read_csv(CURATED / "demonyms.csv")}
    out = []
    for row in read_csv(source / "country-codes.csv"):
        iso2 = row["ISO3166-1-Alpha-2"].strip()
        independent = row["is_independent"].strip() == "Yes"
        if not iso2 or not (independent or iso2 in curated):
            continue  # dependent territories are not countries here
        cur = curated.get(iso2, {})
        qid = cur.get("qid") or row["wikidata_id"].rsplit("/", 1)[-1].strip() or None
        name = cur.get("name") or row["CLDR display name"]
        aliases = [
            row["CLDR display name"],
            row["official_name_en"],
            strip_un_name(row["UNTERM English Short"]),
            strip_un_name(row["UNTERM English Formal"]),
        ]
        aliases += split(cur.get("aliases"))
        out.append(
            compact(
                {
                    "type": "country",
                    "qid": qid,
                    "name": name,
                    "aliases": [a for a in unique([name] + aliases) if a != name],
                    "iso2": iso2,
                    "iso3": row["ISO3166-1-Alpha-3"].strip() or None,
                    "demonyms": demonyms.get(iso2, []),
                }
            )
        )
    known = {c["iso2"] for c in out}
    for iso2, cur in sorted(curated.items()):  # countries missing from country-codes (Kosovo)
        if iso2 not in known and cur.get("qid"):
            out.append(
                compact(
                    {
                        "type": "country",
                        "qid": cur["qid"],
                        "name": cur["name"],
                        "aliases": [a for a in unique(split(cur["aliases"])) if a != cur["name"]],
                        "iso2": iso2,
                        "iso3": cur.get("iso3") or None,
                        "demonyms": demonyms.get(iso2, []),
                    }
                )
            )
    return out


# ---------------------------------------------------------------- cities


def good_alt(alt: str) -> bool:
    """Natural Earth's name_alt holds metro-area names ("New York-Newark") and
    mangled transliterations ("Th nh Pho Ho Chy Minh"); keep only clean ones."""
    words = alt.split()
    if not words or any(len(w) == 1 for w in words):
        return False
    if "-" in alt and len(alt.split("-")[0]) > 3:  # "Osaka-Kobe"; keep "Al-Qahirah"
        return False
    # a two-letter capitalized word is a mangled syllable unless it is an Arabic article
    articles = ("Al", "El", "Ar", "As", "Ad", "An", "At", "Ba")
    return not any(len(w) == 2 and w[0].isupper() and w[1].islower() and w not in articles for w in words)


def build_cities(source: Path, country_qids: set[str], known_iso2: set[str], strict: bool = True) -> list[dict]:
    by_qid: dict[str, dict] = {}
    for row in read_csv(source / "ne_populated_places.csv"):  # sorted by pop_max, largest first
        qid = row["wikidata_id"].strip()
        pop = int(float(row["pop_max"] or 0))
        feature = row["feature_class"].strip()
        if not qid or qid in country_qids:  # Monaco: the city row carries the country's QID
            continue
        if pop < MIN_POPULATION and feature not in CITY_CLASSES:
            continue
        iso2 = row["iso_a2"].strip()
        iso2 = iso2 if iso2 in known_iso2 else None
        name = (row["name_en"] or row["name"]).strip()
        alts = [
            a.split(",")[0].strip() if a.count(",") == 1 and "D.C." not in a else a.strip()
            for a in split(row["name_alt"])
        ]
        names = [name, row["name"].strip(), row["name_ascii"].strip()] + [a for a in alts if good_alt(a)]
        capital = row["adm0_capital"].strip() in ("1", "1.0") or feature == "Admin-0 capital"
        entry = by_qid.get(qid)
        if entry is None:
            by_qid[qid] = {
                "type": "city",
                "qid": qid,
                "name": name,
                "aliases": names,
                "country": iso2,
                "population": pop,
                "capital": capital,
            }
        else:  # a second feature for the same item
            entry["aliases"] += names
            entry["capital"] = entry["capital"] or capital
    curated = read_csv(CURATED / "cities.csv")
    missing = []
    for cur in curated:
        forms = {normalize_name(x) for x in [cur["name"]] + split(cur["aliases"])}
        hits = [
            e
            for e in by_qid.values()
            if e["country"] == cur["iso2"] and forms & {normalize_name(a) for a in e["aliases"]}
        ]
        if len(hits) != 1:
            missing.append(f"{cur['iso2']} {cur['name']}: {len(hits)} matches")
            continue
        if normalize_name(cur["name"]) != normalize_name(hits[0]["name"]):
            hits[0]["aliases"].insert(0, hits[0]["name"])
            hits[0]["name"] = cur["name"]  # the curated name is the usual English one (Yangon)
        hits[0]["aliases"] += split(cur["aliases"])
    if missing and strict:
        raise SystemExit("curated cities not found in Natural Earth: " + "; ".join(missing))
    out = []
    for entry in by_qid.values():
        entry["aliases"] = [a for a in unique([entry["name"]] + entry["aliases"]) if a != entry["name"]]
        out.append(compact(entry))
    return out


# ---------------------------------------------------------------- organizations and people


def build_organizations(known_iso2: set[str], strict: bool = True) -> list[dict]:
    out = []
    for row in read_csv(CURATED / "organizations.csv"):
        members = sorted(split(row["members"]))
        bad = [m for m in members if m not in known_iso2]
        if bad and strict:
            raise SystemExit(f"organizations.csv: {row['name']}: unknown member codes {bad}")
        name, acronym = row["name"].strip(), row["acronym"].strip() or None
        out.append(
            compact(
                {
                    "type": "organization",
                    "qid": row["qid"].strip() or None,
                    "name": name,
                    "acronym": acronym,
                    "aliases": [
                        a
                        for a in unique([name] + ([acronym] if acronym else []) + split(row["aliases"]))
                        if a not in (name, acronym)
                    ],
                    "members": members,
                    # an intergovernmental organization (not a treaty, area, organ or NGO)
                    "international": row.get("international", "").strip().lower() == "yes",
                }
            )
        )
    return out


def build_people() -> list[dict]:
    """One entry per person (by QID, else by name: a person we know without a verified
    QID still gives the linker a canonical name and offices), offices sorted.

    ``leaders.csv`` (names, aliases, titles) comes first; ``leaders_wikidata.csv`` (Wikidata's
    heads of state and government since 2000 with their terms) adds the QID of a curated
    person of the same name and country, and every other office-holder with the terms."""
    wikidata = read_csv(CURATED / "leaders_wikidata.csv") if (CURATED / "leaders_wikidata.csv").exists() else []
    qids_of: dict[tuple[str, str], set[str]] = {}
    for row in wikidata:  # by name and country, and by name alone (a secretary general's former offices)
        for country in (row["country"], ""):
            qids_of.setdefault((normalize_name(row["name"]), country), set()).add(row["qid"])
    by_key: dict[str, dict] = {}
    for row in read_csv(CURATED / "leaders.csv"):
        qid = row["qid"].strip() or None
        if qid is None:  # the QID Wikidata gives the office-holder of that name in that country
            found = set().union(
                *(
                    qids_of.get((normalize_name(n), row["country"]), set())
                    for n in [row["name"], *split(row["aliases"])]
                )
            )
            # else the one who took up that office there within days ("Atambaiev" is "Atambayev")
            found = found or {
                w["qid"]
                for w in wikidata
                if w["country"] == row["country"]
                and row["country"]
                and w["role"] == row["role"]
                and _days_apart(w["start"], row["start"]) <= SAME_TERM_DAYS
            }
            qid = found.pop() if len(found) == 1 else None
        office = compact(
            {
                "role": row["role"],
                "title": row["title"],
                "country": row["country"] or None,
                "start": row["start"] or None,
                "end": row["end"] or None,
            }
        )
        key = qid or "name:" + normalize_name(row["name"])
        entry = by_key.setdefault(
            key,
            {
                "type": "person",
                "qid": qid,
                "name": row["name"],
                "aliases": [],
                "offices": [],
                "country": row["country"] or None,
            },
        )
        entry["aliases"] += split(row["aliases"])
        entry["offices"].append(office)
    # The office's title as the curated rows name it in that country ("President of Argentina");
    # none where they do not (a guess like "Head of State" would be no one's title).
    titles = {
        (r["country"], r["role"]): r["title"]
        for r in sorted(read_csv(CURATED / "leaders.csv"), key=lambda r: r["start"] or "")
    }
    # heads of state first: a president who also heads the government keeps the one office
    for row in sorted(wikidata, key=lambda r: r["role"] != "head_of_state"):
        entry = by_key.setdefault(
            row["qid"],
            {
                "type": "person",
                "qid": row["qid"],
                "name": row["name"],
                "aliases": [],
                "offices": [],
                "country": row["country"],
            },
        )
        if any(o.get("country") == row["country"] and _overlap(o, row) for o in entry["offices"]):
            continue  # an office already held there then (curated, with its title; or head of state)
        entry["aliases"].append(row["name"])
        entry["offices"].append(
            compact(
                {
                    "role": row["role"],
                    "title": titles.get((row["country"], row["role"])),
                    "country": row["country"],
                    "start": row["start"] or None,
                    "end": row["end"] or None,
                }
            )
        )
    out = []
    for entry in by_key.values():
        entry["aliases"] = [a for a in unique([entry["name"]] + entry["aliases"]) if a != entry["name"]]
        entry["offices"].sort(key=lambda o: (o.get("start") or "", o["role"]))
        out.append(compact(entry))
    return out


SAME_TERM_DAYS = 45


def _days_apart(a: str, b: str) -> int:
    """Days between two ISO dates (a large number when either is missing or not a full date)."""
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return 1 << 30


def _overlap(office: dict, row: dict[str, str]) -> bool:
    """Whether a curated office and a Wikidata term share a day (open ends run on)."""
    start, end = office.get("start") or "0000", office.get("end") or "9999"
    return start <= (row["end"] or "9999") and (row["start"] or "0000") <= end


# ---------------------------------------------------------------- checks and output


def cross_check_demonyms(source: Path, countries: list[dict]) -> list[str]:
    """Compare our demonyms with the ODbL demonyms.csv, if present (report only)."""
    path = source / "demonyms.csv"
    if not path.exists():
        return []
    ours = {c["iso2"]: {normalize_name(d) for d in c.get("demonyms", [])} for c in countries}
    notes = []
    for row in read_csv(path):
        iso2 = row["iso2"]
        if iso2 not in ours:
            continue
        theirs = {normalize_name(d) for d in split(row["demonyms"])}
        if not ours[iso2]:
            notes.append(f"{iso2}: we have no demonym")
        elif not ours[iso2] & theirs:
            notes.append(f"{iso2}: no common form ({sorted(ours[iso2])} vs {sorted(theirs)})")
    return notes


def check_unique_qids(entries: list[dict]) -> None:
    counts = Counter(e["qid"] for e in entries if e.get("qid"))
    dupes = sorted(q for q, n in counts.items() if n > 1)
    if dupes:
        raise SystemExit(f"QIDs used by more than one entry: {dupes}")


def write_licence(path: Path, meta: dict) -> None:
    lines = [
        "# Gazetteer: provenance and licence",
        "",
        "`gazetteer.json` is built by `scripts/build_gazetteer.py` only from the sources below.",
        "All of them are in the public domain or are plain facts written for this project;",
        "no share-alike (ODbL, CC BY-SA) data is copied into it. Wikidata QIDs are facts",
        "(Wikidata itself is CC0).",
        "",
        "| source | content | origin | licence |",
        "|---|---|---|---|",
    ]
    for src in meta["sources"]:
        lines.append(f"| `{src['file']}` | {src['what']} | {src['origin']} | {src['licence']} |")
    lines += [
        "",
        "Selection: countries are the independent states of country-codes (plus Kosovo and",
        "Palestine, and the dependent territories that kg/data/curated/countries.csv lists: members,",
        "associate members and observers of regional organizations, e.g. New Caledonia in the Pacific",
        f"Islands Forum); cities are Natural Earth places with `pop_max` >= {MIN_POPULATION:,}, plus every",
        "national, admin-0-region and admin-1 capital that has a QID. Natural Earth populations",
        "date from about 2017.",
        "",
        "Curated QIDs were taken only when several independent public sources agreed; names we",
        "could not verify are listed without a QID (the linker reports them as unlinked).",
        "ODbL files of the seed data (`demonyms.csv`, `mledoze_*`, `dr5hn_*`) were used only to",
        "cross-check the curated demonyms at build time, never copied.",
        "",
        "Counts: " + ", ".join(f"{k} {v}" for k, v in meta["counts"].items()) + ".",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def build(source: Path, out: Path, *, strict: bool = True) -> dict:
    """Build the gazetteer from ``source`` into ``out`` (and the licence note next to
    it); return the ``meta`` block.  ``strict`` makes every curated city and member
    code that the sources do not know an error (off only for tests on tiny inputs)."""
    started = time.perf_counter()
    countries = build_countries(source)
    known_iso2 = {c["iso2"] for c in countries}
    cities = build_cities(source, {c["qid"] for c in countries if c.get("qid")}, known_iso2, strict)
    # Members may be territories or disputed states too (APEC: HK; AU: EH).
    all_codes = {r["ISO3166-1-Alpha-2"].strip() for r in read_csv(source / "country-codes.csv")}
    organizations = build_organizations(known_iso2 | all_codes, strict)
    people = build_people()
    entries = countries + cities + organizations + people
    check_unique_qids(entries)
    entries.sort(key=lambda e: (e["type"], normalize_name(e["name"]), e.get("qid") or ""))
    inputs = [
        source / "country-codes.csv",
        source / "ne_populated_places.csv",
        *(CURATED / f"{name}.csv" for name in ("cities", "countries", "demonyms", "leaders", "organizations")),
        *[p for p in [CURATED / "leaders_wikidata.csv"] if p.exists()],
    ]
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    # SOURCE_DATE_EPOCH (reproducible-builds convention) pins the date when set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)).date().isoformat()
    meta = {
        "format": 1,
        "built": built,
        "inputs_sha256": digest.hexdigest(),
        "builder": "scripts/build_gazetteer.py",
        "min_city_population": MIN_POPULATION,
        "sources": SOURCES,
        "counts": dict(sorted(Counter(e["type"] for e in entries).items())),
    }
    text = json.dumps({"meta": meta, "entries": entries}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    write_licence(out.parent / "GAZETTEER-LICENCE.md", meta)
    notes = cross_check_demonyms(source, countries)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {out} ({out.stat().st_size:,} bytes) in {elapsed:.2f} s: "
        + ", ".join(f"{k} {v}" for k, v in meta["counts"].items())
    )
    for note in notes:
        print("demonym cross-check:", note)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=REPO.parent / "shared" / "data" / "wikidata",
        help="folder with country-codes.csv and ne_populated_places.csv",
    )
    parser.add_argument("--out", type=Path, default=REPO / "kg" / "data" / "gazetteer.json")
    args = parser.parse_args(argv)
    if not (args.source / "country-codes.csv").exists():
        parser.error(f"no country-codes.csv in {args.source}")
    build(args.source, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
