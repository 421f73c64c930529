"""The named queries answer the right rows on mapped graphs (default graph = union of the named graphs)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.iris import IRIMinter
from kg.rdf.mappers import map_facts
from kg.rdf.terms import to_ox
from kg.sparql.named import load_named_queries

HERE = Path(__file__).resolve().parent
QUERIES = load_named_queries(HERE.parent / "queries")
ID = "https://w3id.org/summit-kg/id/"


def store_of(*facts: dict, base: str = ID) -> ox.Store:
    store = ox.Store()
    for f in facts:
        mapped = map_facts(f, IRIMinter(base))
        graph = ox.NamedNode(str(mapped.graph_iri))
        store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in mapped.triples])
    return store


def rows(store: ox.Store, name: str, *columns: str) -> list[tuple]:
    result = store.query(QUERIES[name].text, use_default_graph_as_union=True)
    return [tuple(None if s[c] is None else s[c].value for c in columns) for s in result]


def golden(case: str) -> dict:
    return json.loads((HERE / "mappers" / case / "facts.json").read_text(encoding="utf-8"))


def test_queries_on_a_golden_case():
    store = store_of(golden("full-summit"))
    assert rows(store, "summits", "ordinal", "hostCityLabel", "hostCountryLabel", "startDate", "endDate") == [
        (None, "Moscow", "Russia", "2020", None),
        ("19", "Bishkek", "Kyrgyzstan", "2019-06-13", "2019-06-14"),
    ]
    assert rows(store, "members", "memberLabel", "type") == [
        ("Iran", "candidate"),
        ("Sri Lanka", "dialogue partner"),
        ("China", "member"),
        ("India", "member"),
        ("Russia", "member"),
        ("Mongolia", "observer"),
    ]
    documents = [
        (title, kind, status, set(normalised.split(", ")))
        for title, kind, status, normalised in rows(store, "documents", "title", "kind", "status", "statusNormalised")
    ]
    assert documents == [
        ("Bishkek Declaration", "declaration", "signed", {"signed"}),
        (
            "Plan of action for the SCO Development Strategy",
            "document",
            "approved and adopted",
            {"adopted", "approved"},
        ),
    ]
    assert rows(store, "participants", "personLabel", "countryLabel", "capacity") == [
        ("Xi Jinping", "China", "President"),
        ("Narendra Modi", "India", "Prime Minister"),
    ]
    assert ("Example News", "London", "United Kingdom") in rows(
        store, "organizations", "name", "basedInLabel", "basedInCountry"
    )


def test_union_of_two_articles_gives_one_row_per_summit():
    a = {"slug": "a", "summits": [{"organization": "SCO", "ordinal": 17, "host_city": "Astana", "name": "A"}]}
    b = {
        "slug": "b",
        "summits": [
            {"organization": "Shanghai Cooperation Organisation", "ordinal": "17th", "host_city": "Astana", "name": "B"}
        ],
    }
    assert rows(store_of(a, b), "summits", "summit", "label") == [
        (ID + "summit/sco/17", "17th SCO Summit, Astana 2017")
    ]


def test_articles_that_disagree_still_give_one_row_per_summit():
    """Dates and hosts that articles give differently are reduced, not multiplied (a summit the
    table does not know: the dates of a known one are checked against its recorded days)."""

    def article(slug, **summit):
        return {
            "slug": slug,
            "summits": [{"organization": "Union of Foo States", "ordinal": 17, "name": "A", **summit}],
        }

    store = store_of(
        article("a", host_city="Astana", start_date="2017-06-08", end_date="2017-06-09"),
        article("b", host_city="Almaty", start_date="2017-06-07", end_date="2017-06-10"),
        article("c", host_city="Astana", start_date="2017-06-09"),
        {"slug": "d", "summits": [{"organization": "BRICS", "ordinal": 9, "name": "B"}]},
    )
    found = rows(store, "summits", "summit", "hostCity", "hostCityLabel", "startDate", "endDate")
    assert [r[0] for r in found] == [ID + "summit/brics/9", ID + "summit/union-of-foo-states/2017"]
    brics, sco = found
    assert brics[1:] == (None, None, None, None)  # no host city: no other summit's city label either
    assert sco[3:] == ("2017-06-07", "2017-06-10")
    city, label = sco[1], sco[2]
    assert label in ("Astana", "Almaty") and city.rsplit("/", 1)[-1] == label.lower()  # the label of that city


def test_a_value_one_article_lacks_still_fills_the_column():
    """Oxigraph's MIN, MAX and GROUP_CONCAT are unbound when any row of a group lacks the value:
    a second article about the same summit that gives no status, capacity, kind, host or date
    must not empty the columns the first one fills."""
    full = {
        "slug": "full",
        "article": {"title": "Full", "published": "2017-06-09"},
        "summits": [
            {
                "organization": "SCO",
                "ordinal": 17,
                "role": "main",
                "host_city": "Astana",
                "host_country": "Kazakhstan",
                "kind": "heads of state council",
                "start_date": "2017-06-08",
                "end_date": "2017-06-09",
            }
        ],
        "member_states": ["China"],
        "membership_candidates": [{"country": "Iran", "status": "applied for membership"}],
        "participants": [{"country": "China", "person": "Xi Jinping", "capacity": "President"}],
        "documents": [{"title": "Astana Declaration", "kind": "declaration", "status": "signed"}],
    }
    bare = {
        "slug": "bare",
        "article": {"title": "Bare"},
        "summits": [{"organization": "SCO", "ordinal": 17, "role": "main"}],
        "member_states": ["China"],
        "membership_candidates": [{"country": "Iran"}],
        "participants": [{"country": "China", "person": "Xi Jinping"}],
        "documents": [{"title": "Astana Declaration"}],
    }
    for store in (store_of(full, bare), store_of(bare, full)):
        assert rows(store, "summits", "hostCityLabel", "hostCountryLabel", "kind", "startDate", "endDate") == [
            ("Astana", "Kazakhstan", "heads of state council", "2017-06-08", "2017-06-09")
        ]
        assert ("Iran", "candidate", "applied for membership") in rows(
            store, "members", "memberLabel", "type", "status"
        )
        assert rows(store, "documents", "title", "kindAsWritten", "status", "statusNormalised") == [
            ("Astana Declaration", "declaration", "signed", "signed")
        ]
        assert rows(store, "participants", "personLabel", "capacity") == [("Xi Jinping", "President")]
        timeline = rows(store, "membership_timeline", "memberLabel", "date", "status", "articles")
        assert ("Iran", "2017-06-08", "applied for membership", "2") in timeline


def test_membership_timeline_keeps_the_date_and_status_of_articles_without_a_summit():
    """Memberships stated in articles that name no summit: one row per article, each with its
    own publication date and words (not one row whose date and status the undated one empties)."""
    dated = {
        "slug": "dated",
        "article": {"title": "Dated", "published": "2021-03-04"},
        "summits": [{"organization": "SCO", "role": "mentioned"}],
        "membership_candidates": [{"country": "Iran", "status": "applied for membership"}],
    }
    undated = {
        "slug": "undated",
        "article": {"title": "Undated"},
        "summits": [{"organization": "SCO", "role": "mentioned"}],
        "membership_candidates": [{"country": "Iran"}],
    }
    for store in (store_of(dated, undated), store_of(undated, dated)):
        assert rows(store, "membership_timeline", "summit", "memberLabel", "date", "status", "articles") == [
            (None, "Iran", None, None, "1"),
            (None, "Iran", "2021-03-04", "applied for membership", "1"),
        ]


def test_evidence_query():
    store = store_of(golden("evidence"))
    found = rows(store, "evidence", "sentence", "begin", "end")
    assert ("The SCO has admitted India and Pakistan.", "16", "56") in found
