"""Checks over the data beside the repository (``../shared``): run by ``.ci/run`` when it is there, never
by ``make test``.  A user's clone has no ``../shared``, and the test suite (``tests/``) never reads it.

As pytest tests, over the real mappers, shapes, named queries and build script:

* every dev gold facts file (``../shared/eval/dev/*.gold.json``) maps to a graph that conforms to
  ``ontology/shapes.ttl``;
* the named queries (``queries/``) answer the expected rows on the mapped seed gold;
* the bundled gazetteer (``kg/data/gazetteer.json``) is what ``scripts/build_gazetteer.py`` builds
  from the shared Wikidata tables.

    .venv/bin/python -m pytest -q bench/shared_data_checks.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.rdf.iris import IRIMinter  # noqa: E402
from kg.rdf.mappers import map_facts  # noqa: E402
from kg.rdf.namespaces import SKG  # noqa: E402
from tests.test_gazetteer import BUNDLED, load_build_script  # noqa: E402
from tests.test_queries_on_mapped import ID, rows, store_of  # noqa: E402

SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED_GOLD = DEV / "seed-peoplesdaily-2017-06-13-sco-astana-security.gold.json"
WIKIDATA = SHARED / "data" / "wikidata"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(REPO / "ontology" / "shapes.ttl", format="turtle")


def test_the_seed_gold_maps_and_conforms(shapes):
    mapped = map_facts(json.loads(SEED_GOLD.read_text(encoding="utf-8")), IRIMinter())
    conforms, _, report = validate(mapped.graph(), shacl_graph=shapes)
    assert conforms, report
    assert (URIRef("https://w3id.org/summit-kg/id/summit/sco/17"), SKG.ordinal, Literal(17)) in mapped.graph()


def test_every_dev_gold_file_maps_and_conforms(shapes):
    files = sorted(DEV.glob("*.gold.json"))
    assert files, f"no gold files in {DEV}"
    for path in files:
        mapped = map_facts(json.loads(path.read_text(encoding="utf-8")), IRIMinter())
        conforms, _, report = validate(mapped.graph(), shacl_graph=shapes)
        assert conforms, f"{path.name}:\n{report}"


#: named query -> (columns, the rows it answers on the mapped seed gold)
SEED_EXPECTED = {
    "summits": (
        ("label", "organizationLabel", "ordinal", "kind", "hostCityLabel", "hostCountryLabel", "startDate", "endDate"),
        [
            (
                "17th SCO Summit, Astana 2017",
                "Shanghai Cooperation Organization",
                "17",
                "heads of state council",
                "Astana",
                "Kazakhstan",
                None,
                None,
            )
        ],
    ),
    "members": (
        ("organizationLabel", "memberLabel", "type", "isNew", "admittedAt"),
        [
            ("Shanghai Cooperation Organization", "India", "member", "true", ID + "summit/sco/17"),
            ("Shanghai Cooperation Organization", "Pakistan", "member", "true", ID + "summit/sco/17"),
            ("Shanghai Cooperation Organization", "China", "member", "false", None),
        ],
    ),
    "documents": (
        ("title", "kind", "status", "statusNormalised"),
        [
            ("Astana Declaration", "declaration", "to be signed and published", "planned"),
            ("anti-extremism convention", "convention", "to be adopted", "planned"),
            ("press communiqué", "communique", "to be issued", "planned"),
        ],
    ),
    "people": (
        ("name", "role", "countryLabel", "organizationLabel"),
        [
            ("Hu Ximeng", "web editor (page credit)", None, "People's Daily"),
            ("Igor Morgulov", "Deputy Minister of Foreign Affairs of Russia", "Russia", None),
            ("Li Huilai", "Assistant Foreign Minister", "China", None),
            ("Xi Jinping", "Chinese President", "China", None),
        ],
    ),
    "organizations": (
        ("name", "acronym", "international", "basedInLabel", "basedInCountry"),
        [
            ("Aikyn Gazeti", None, "false", None, None),
            ("Belt and Road", None, "false", None, None),
            ("Lianhe Zaobao", None, "false", None, None),
            ("People's Daily", None, "false", None, None),
            ("Regional Anti-Terrorist Structure", None, "false", "Tashkent", "Uzbekistan"),
            ("Shanghai Cooperation Organization", "SCO", "true", None, None),
        ],
    ),
    "wikidata-links": (
        ("label", "qid"),
        [
            ("Astana", "Q1520"),
            ("Tashkent", "Q269"),
            ("China", "Q148"),
            ("India", "Q668"),
            ("Kazakhstan", "Q232"),
            ("Pakistan", "Q843"),
            ("Russia", "Q159"),
            ("Uzbekistan", "Q265"),
            ("Shanghai Cooperation Organization", "Q485207"),
            ("Xi Jinping", "Q15031"),
        ],
    ),
    "participants": (("personLabel", "countryLabel", "capacity"), [("Xi Jinping", "China", "President")]),
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_the_named_queries_on_the_mapped_seed_gold(name):
    store = store_of(json.loads(SEED_GOLD.read_text(encoding="utf-8")))
    columns, expected = SEED_EXPECTED[name]
    assert rows(store, name, *columns) == expected


def test_the_bundled_gazetteer_is_what_its_script_builds(tmp_path, monkeypatch):
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    out = tmp_path / "gazetteer.json"
    load_build_script().build(WIKIDATA, out)
    rebuilt = json.loads(out.read_text(encoding="utf-8"))
    assert rebuilt["entries"] == bundled["entries"]
    assert rebuilt["meta"]["inputs_sha256"] == bundled["meta"]["inputs_sha256"]
