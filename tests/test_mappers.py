"""Mappers: golden cases compared as graphs, SHACL conformance, determinism, errors, properties.

Golden cases are folders ``tests/mappers/<case>/`` with ``facts.json`` and
``expected.ttl`` (its first line names the graph: ``# graph: <IRI>``), minted under
the base ``https://example.org/kg/``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import SKOS

from kg.errors import InputError
from kg.facts import ITEM_FIELDS, MEMBERSHIP_LISTS, check_facts
from kg.rdf.iris import IRIMinter, is_valid_iri
from kg.rdf.mappers import map_facts
from kg.rdf.mappers.membership import LISTS
from kg.rdf.namespaces import SKG

HERE = Path(__file__).resolve().parent
CASES = sorted(p for p in (HERE / "mappers").iterdir() if (p / "facts.json").is_file())
BASE = "https://example.org/kg/"


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(HERE.parent / "ontology" / "shapes.ttl", format="turtle")


def minter() -> IRIMinter:
    return IRIMinter(BASE)


def load(case: Path) -> dict:
    return json.loads((case / "facts.json").read_text(encoding="utf-8"))


def assert_conforms(graph: Graph, shapes: Graph) -> None:
    conforms, _, report = validate(graph, shacl_graph=shapes)
    assert conforms, report


def dump(graph: Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


# -- golden cases -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case):
    mapped = map_facts(load(case), minter())
    expected_text = (case / "expected.ttl").read_text(encoding="utf-8")
    expected = Graph().parse(data=expected_text, format="turtle")
    first_line = expected_text.splitlines()[0]
    assert first_line == f"# graph: <{mapped.graph_iri}>"
    got = mapped.graph()
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(f"only in the mapped graph:\n{dump(only_got)}\n\nonly in expected.ttl:\n{dump(only_expected)}")


def test_there_are_golden_cases():
    assert {c.name for c in CASES} >= {"minimal", "full-summit", "evidence", "odd-values"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_cases_conform_to_the_shapes(case, shapes):
    assert_conforms(map_facts(load(case), minter()).graph(), shapes)


def test_the_shapes_catch_a_broken_graph(shapes):
    """A graph that breaks the model fails: the shapes are not vacuous."""
    good = map_facts(load(HERE / "mappers" / "full-summit"), minter()).graph()
    summit = URIRef(BASE + "summit/sco/19")
    breakages = {
        "no organizer": lambda g: g.remove((summit, SKG.organizer, None)),
        "unknown property": lambda g: g.add((summit, SKG.acronym, Literal("X"))),
        "untyped ordinal": lambda g: (
            g.remove((summit, SKG.ordinal, None)),
            g.add((summit, SKG.ordinal, Literal("19"))),
        ),
        "wiki page as sameAs": lambda g: g.add(
            (
                URIRef(BASE + "country/china"),
                URIRef("http://www.w3.org/2002/07/owl#sameAs"),
                URIRef("https://www.wikidata.org/wiki/Q148"),
            )
        ),
        "bad summit IRI": lambda g: g.add(
            (URIRef(BASE + "summit/SCO 19"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SKG.Summit)
        ),
    }
    for name, breakage in breakages.items():
        broken = Graph()
        for triple in good:
            broken.add(triple)
        breakage(broken)
        conforms, _, _ = validate(broken, shacl_graph=shapes)
        assert not conforms, name


# -- determinism, identity --------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_facts_same_triples_no_blank_nodes(case):
    facts = load(case)
    first = map_facts(facts, minter())
    second = map_facts(copy.deepcopy(facts), minter())
    assert first.triples == second.triples and first.graph_iri == second.graph_iri
    assert facts == load(case), "the mapper must not change its input"
    for triple in first.triples:
        for term in triple:
            assert not isinstance(term, BNode)
            if isinstance(term, URIRef):
                assert is_valid_iri(str(term)), term


def test_two_articles_about_one_summit_meet_on_one_iri():
    a = {
        "slug": "a",
        "summits": [
            {"organization": "SCO", "ordinal": 17, "host_city": "Astana", "host_country": "Kazakhstan", "role": "main"}
        ],
        "documents": [{"title": "Astana Declaration", "kind": "declaration", "status": "signed"}],
    }
    b = {
        "article": {"url": "https://example.net/news/1", "title": "B"},
        "summits": [
            {
                "organization": {"name": "Shanghai Cooperation Organisation", "wikidata": "Q485207"},
                "ordinal": "17th",
                "host_city": {"name": "Astana", "wikidata": "Q1520"},
                "host_country": "Republic of Kazakhstan",
                "start_date": "2017-06-08",
            }
        ],
        "documents": [{"title": "the Astana Declaration", "kind": "declaration", "status": "to be signed"}],
    }
    ga, gb = map_facts(a, minter()).graph(), map_facts(b, minter()).graph()
    assert ga.identifier != gb.identifier
    summits_a, summits_b = set(ga.subjects(None, SKG.Summit)), set(gb.subjects(None, SKG.Summit))
    assert summits_a == summits_b == {URIRef(BASE + "summit/sco/17")}
    for prop in (SKG.hostCity, SKG.hostCountry, SKG.organizer, SKG.document):
        assert set(ga.objects(None, prop)) == set(gb.objects(None, prop)), prop


def test_undated_summits_meet_on_the_known_summit():
    def facts(slug, published):
        return {
            "slug": slug,
            "article": {"published": published},
            "summits": [{"organization": "BRICS", "host_city": "Kazan", "host_country": "Russia"}],
        }

    g1 = map_facts(facts("x", "2024-10-23"), minter()).graph()
    g2 = map_facts(facts("y", "2024-10-24"), minter()).graph()
    assert (
        set(g1.subjects(None, SKG.Summit)) == set(g2.subjects(None, SKG.Summit)) == {URIRef(BASE + "summit/brics/16")}
    )


def test_an_article_date_off_the_known_summits_days_is_not_stated():
    """The 17th SCO summit met on 2017-06-08/09 (the bundled table): an article's other days are dropped."""

    def start_of(start, end):
        facts = {
            "slug": "d",
            "summits": [
                {"organization": "SCO", "ordinal": 17, "host_city": "Astana", "start_date": start, "end_date": end}
            ],
        }
        graph = map_facts(facts, minter()).graph()
        return {str(o) for o in graph.objects(None, SKG.startDate)}, {str(o) for o in graph.objects(None, SKG.endDate)}

    assert start_of("2017-06-08", "2017-06-09") == ({"2017-06-08"}, {"2017-06-09"})
    assert start_of("2017-06-09", None) == ({"2017-06-09"}, set())
    assert start_of("2017-06-15", "2017-06-16") == (set(), set())
    assert start_of("2017-06-08", "2017-06-16") == (set(), set())  # whole or not at all


def test_article_identity_and_hash():
    text = "Leaders met."
    by_text = map_facts({"slug": "s", "summits": [], "article": {"text": text}}, minter())
    by_url = map_facts({"slug": "s", "summits": [], "article": {"text": text, "url": "https://e.org/1"}}, minter())
    by_slug = map_facts({"slug": "s", "summits": []}, minter())
    assert len({by_text.graph_iri, by_url.graph_iri, by_slug.graph_iri}) == 3
    assert by_slug.graph_iri == URIRef(BASE + "graph/s")
    assert by_text.content_hash == by_url.content_hash == hashlib.sha256(text.encode()).hexdigest()
    assert (by_text.article_iri, SKG.contentHash, Literal(by_text.content_hash)) in by_text.graph()


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facts, message",
    [
        ([], "must be an object"),
        ({"summits": {"organization": "SCO"}}, "'summits' must be a list"),
        ({"summits": ["SCO"]}, "summits[0]"),
        ({"summits": [{"organization": None}]}, "summits[0].organization"),
        ({"summits": [{"organization": "SCO", "host_city": 12}]}, "summits[0].host_city"),
        ({"summits": [{"organization": "SCO", "start_date": "June 15"}]}, "not an ISO 8601 date"),
        ({"summits": [{"organization": "SCO", "start_date": "2017-02-30"}]}, "not a valid date"),
        ({"summits": [{"organization": "SCO", "start_date": "2017-06-10", "end_date": "2017-06-09"}]}, "before"),
        ({"summits": [{"organization": "SCO", "ordinal": [17]}]}, "summits[0].ordinal"),
        ({"summits": [], "documents": [{"kind": "declaration"}]}, "documents[0].title"),
        ({"summits": [], "documents": [{"title": "X", "named": "no"}]}, "documents[0].named"),
        ({"summits": [], "participants": [{"country": None, "person": None}]}, "participants[0]"),
        ({"summits": [], "member_states": [None]}, "member_states[0]"),
        ({"summits": [], "people": [{"name": "A", "role": 3}]}, "people[0].role"),
        ({"summits": [], "wikidata": ["Q1"]}, "'wikidata' must be an object"),
        (
            {
                "summits": [],
                "article": {"text": "short"},
                "places": [{"name": "X", "type": "city", "evidence": [{"sentence": "s", "start": 2, "end": 99}]}],
            },
            "past the end",
        ),
        ({"summits": [], "places": [{"name": "X", "type": "city", "evidence": [{"start": 2}]}]}, "start and end"),
        ({"summits": [], "places": [{"name": "X", "type": "city", "evidence": "a sentence"}]}, "places[0].evidence"),
        ({"summits": []}, "cannot name the article"),
    ],
)
def test_non_conforming_facts_raise_input_error(facts, message):
    if isinstance(facts, dict) and message != "cannot name the article":
        facts = {"slug": "t", **facts}
    with pytest.raises(InputError) as info:
        map_facts(facts, minter())
    assert message in info.value.message


@pytest.mark.parametrize(
    "facts, message",
    [
        ({"summits": [], "people": [{"name": "A", "role": 3}]}, "facts people[0].role: must be a string, not int"),
        # A summit the mappers would skip (only mentioned, nothing says which) is checked all the same.
        (
            {"summits": [{"organization": "SCO", "role": "mentioned", "start_date": 2017}]},
            "facts summits[0].start_date: must be a string, not int",
        ),
        (
            {"summits": [], "organizations": [{"name": "X", "aliases": {"a": 1}}]},
            "facts organizations[0].aliases: must be a list of names, not dict",
        ),
        (
            {"summits": [], "observer_states": [{"name": "Iran", "evidence": [{"start": -1, "end": 3}]}]},
            "facts observer_states[0].evidence[0].start: must not be negative (-1)",
        ),
    ],
)
def test_check_facts_is_the_edge(facts, message):
    """The JSON type of every field the mappers read is checked before any mapping, with its place."""
    with pytest.raises(InputError) as info:
        check_facts(facts)
    assert info.value.message == message


def test_the_membership_lists_are_the_schemas():
    assert tuple(LISTS) == MEMBERSHIP_LISTS
    assert set(MEMBERSHIP_LISTS) - set(ITEM_FIELDS) == {
        "member_states",
        "member_states_implied",
        "observer_states",
        "dialogue_partners",
    }


def test_nulls_and_junk_values_are_read_as_absent():
    facts = {
        "slug": "nulls",
        "summits": [
            {
                "organization": {"name": "SCO", "wikidata": "Q0"},
                "ordinal": "next",
                "host_city": "",
                "host_country": None,
                "start_date": None,
                "end_date": "",
                "kind": None,
                "role": None,
            }
        ],
        "member_states": None,
        "observer_states": [],
        "new_members": [],
        "participants": [],
        "documents": [],
        "people": [],
        "organizations": [],
        "places": [],
        "wikidata": {"SCO": "nope"},
    }
    g = map_facts(facts, minter()).graph()
    summit = URIRef(BASE + "summit/sco/in-nulls-0")
    assert (summit, SKG.organizer, URIRef(BASE + "org/sco")) in g
    assert not list(g.objects(None, URIRef("http://www.w3.org/2002/07/owl#sameAs")))


# -- properties -------------------------------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(
        [
            "SCO",
            "BRICS",
            "G-20",
            "Russia",
            "China",
            "Astana",
            "Xi Jinping",
            "Türkiye",
            "习近平",
            "People's Daily",
            "the Netherlands",
            "Nur-Sultan",
            "A / B",
            "x",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=25).filter(str.strip),
)
QIDS = st.one_of(
    st.none(),
    st.sampled_from(["Q159", "Q485207", "Q1", "Q0", "P17", "q5", ""]),
    st.integers(1, 10**8).map(lambda n: f"Q{n}"),
)
REFS = st.one_of(NAMES, st.builds(lambda n, q: {"name": n, "wikidata": q}, NAMES, QIDS))
MAYBE_REFS = st.one_of(st.none(), REFS)
DATES = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(1000, 9999).map(str),
)
TEXT = "The SCO summit opened in Astana. India and Pakistan joined. Leaders signed the Astana Declaration."


@st.composite
def evidence(draw):
    if not draw(st.booleans()):
        return None
    spans = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, len(TEXT)))
        end = draw(st.integers(start, len(TEXT)))
        spans.append({"sentence": TEXT[start:end] or "x", "start": start, "end": end})
    return spans


@st.composite
def facts_strategy(draw):
    def summit():
        start = draw(DATES)
        return {
            "organization": draw(REFS),
            "role": draw(st.sampled_from(["main", "mentioned", "future", None])),
            "ordinal": draw(st.one_of(st.none(), st.integers(-3, 300), st.sampled_from(["17th", "next", "2"]))),
            "host_city": draw(MAYBE_REFS),
            "host_country": draw(MAYBE_REFS),
            "start_date": start,
            "end_date": draw(st.one_of(st.none(), st.just(start))),
            "kind": draw(st.sampled_from([None, "heads of state council", "heads of government", "summit"])),
            "name": draw(st.one_of(st.none(), NAMES)),
            "evidence": draw(evidence()),
        }

    def participant():
        person, country = draw(MAYBE_REFS), draw(MAYBE_REFS)
        if person is None and country is None:
            country = draw(REFS)
        return {
            "person": person,
            "country": country,
            "capacity": draw(st.one_of(st.none(), NAMES)),
            "evidence": draw(evidence()),
        }

    def lists(make, n=3):
        return [make() for _ in range(draw(st.integers(0, n)))]

    article = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    "title": st.one_of(st.none(), NAMES),
                    "url": st.sampled_from([None, "https://example.org/a", "ftp://x"]),
                    "publisher": st.one_of(st.none(), NAMES),
                    "published": DATES,
                    "language": st.sampled_from([None, "en"]),
                    "text": st.sampled_from([None, TEXT]),
                }
            ),
        )
    )
    return {
        "slug": draw(NAMES),
        "article": article if article is None or article["text"] else {**article, "text": None},
        "summits": lists(summit),
        "member_states": lists(lambda: draw(REFS)),
        "member_states_implied": lists(lambda: draw(REFS), 2),
        "observer_states": lists(lambda: draw(REFS), 2),
        "dialogue_partners": lists(lambda: draw(REFS), 2),
        "new_members": lists(
            lambda: {
                "country": draw(REFS),
                "status": draw(st.one_of(st.none(), NAMES)),
                "wikidata": draw(QIDS),
                "evidence": draw(evidence()),
            },
            2,
        ),
        "membership_candidates": lists(lambda: {"country": draw(REFS)}, 1),
        "participants": lists(participant),
        "documents": lists(
            lambda: {
                "title": draw(NAMES),
                "kind": draw(st.sampled_from([None, "declaration", "memorandum", "other"])),
                "status": draw(st.sampled_from([None, "signed", "to be adopted", "x"])),
                "named": draw(st.sampled_from([None, True, False])),
                "at_summit": draw(st.sampled_from([None, True, False])),
                "evidence": draw(evidence()),
            }
        ),
        "people": lists(
            lambda: {
                "name": draw(NAMES),
                "canonical": draw(st.one_of(st.none(), NAMES)),
                "role": draw(st.one_of(st.none(), NAMES)),
                "country": draw(MAYBE_REFS),
                "organization": draw(MAYBE_REFS),
                "wikidata": draw(QIDS),
                "evidence": draw(evidence()),
            }
        ),
        "organizations": lists(
            lambda: {
                "name": draw(NAMES),
                "acronym": draw(st.one_of(st.none(), NAMES)),
                "aliases": draw(st.lists(NAMES, max_size=2)),
                "wikidata": draw(QIDS),
                "type": draw(st.sampled_from([None, "international organization", "x"])),
                "location": draw(st.one_of(st.none(), NAMES, st.just("Tashkent, Uzbekistan"))),
            }
        ),
        "places": lists(
            lambda: {
                "name": draw(NAMES),
                "type": draw(st.sampled_from(["city", "country", "venue"])),
                "country": draw(MAYBE_REFS),
                "wikidata": draw(QIDS),
                "evidence": draw(evidence()),
            }
        ),
        "wikidata": draw(st.dictionaries(NAMES, QIDS.map(lambda q: q or "Q42"), max_size=3)),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(facts_strategy())
def test_random_valid_facts_map_and_conform(shapes, facts):
    mapped = map_facts(facts, minter())
    assert mapped.triples
    assert map_facts(copy.deepcopy(facts), minter()).triples == mapped.triples
    assert_conforms(mapped.graph(), shapes)


# -- types and names of organizations and people ----------------------------------------


def test_international_organizations_are_typed_in_every_article():
    facts = {
        "slug": "t",
        "summits": [],
        "organizations": [
            {"name": "United Nations"},
            {"name": "European Union", "acronym": "EU"},
            {"name": "Food and Agriculture Organization", "acronym": "FAO"},
            {"name": "Southern African Development Community"},
            {"name": "Agence France-Presse", "acronym": "AFP", "type": "news agency"},
        ],
        "people": [{"name": "Ban Ki-moon", "organization": "UN"}],
    }
    g = map_facts(facts, minter()).graph()
    typed = {str(s).rsplit("/", 1)[-1] for s in g.subjects(None, SKG.InternationalOrganization)}
    assert typed == {"un", "eu", "fao", "sadc"}


def test_a_surname_is_the_person_of_that_surname_in_the_article():
    facts = {
        "slug": "s",
        "summits": [{"organization": "NATO", "ordinal": None, "start_date": "2023-07-11"}],
        "people": [{"name": "Gitanas Nausėda", "role": "President"}, {"name": "Nausėda"}],
        "participants": [{"person": "President Nausėda", "country": "Lithuania"}],
    }
    g = map_facts(facts, minter()).graph()
    people = set(g.subjects(None, SKG.Person))
    assert people == {URIRef(BASE + "person/gitanas-nauseda")}


def test_a_linked_person_has_the_gazetteer_name_whichever_spelling():
    a = {"slug": "a", "summits": [], "people": [{"name": "Aleksandr Lukashenko", "wikidata": "Q2866"}]}
    b = {"slug": "b", "summits": [], "people": [{"name": "Lukashenka", "wikidata": "Q2866"}]}
    ga, gb = map_facts(a, minter()).graph(), map_facts(b, minter()).graph()
    assert (
        set(ga.subjects(None, SKG.Person))
        == set(gb.subjects(None, SKG.Person))
        == {URIRef(BASE + "person/alexander-lukashenko")}
    )


@pytest.mark.parametrize(
    "status, later",
    [
        ("admission in progress: will join", True),
        ("invited to join on 1 January 2024", True),
        ("admission in progress: member status", True),
        ("began the procedure of admitting", True),
        ("admission in progress: admitting", False),
        ("joined: join", False),
        ("membership confirmed", False),
        (None, False),
    ],
)
def test_pending_membership_status(status, later):
    from kg.rdf.mappers.membership import pending

    assert pending(status) is later


def test_a_member_still_to_join_is_not_admitted_at_the_summit():
    facts = {
        "slug": "u",
        "summits": [{"organization": "SCO", "ordinal": 15}],
        "new_members": [
            {"country": "India", "status": "admission in progress: will join"},
            {"country": "Pakistan", "status": "membership confirmed"},
        ],
    }
    g = map_facts(facts, minter()).graph()
    summit = URIRef(BASE + "summit/sco/15")
    assert set(g.objects(summit, SKG.newMember)) == {URIRef(BASE + "country/pakistan")}
    statement = URIRef(BASE + "membership-statement/sco/country-india/member/summit-sco-15")
    assert str(g.value(statement, SKG.membershipStatus)) == "admission in progress: will join"
    assert g.value(statement, SKG.statedAt) == summit
    assert str(g.value(statement, SKG.statedOn)) == "2015-07-09"


def test_a_participant_with_the_linkers_full_name():
    facts = {
        "slug": "p",
        "summits": [{"organization": "NAM", "ordinal": 18}],
        "participants": [
            {"person": {"name": "President Aliyev", "canonical": "Ilham Aliyev"}, "country": "Azerbaijan"}
        ],
    }
    g = map_facts(facts, minter()).graph()
    (who,) = set(g.subjects(None, SKG.Person))
    assert who == URIRef(BASE + "person/ilham-aliyev")
    assert {str(o) for o in g.objects(who, SKOS.altLabel)} == {"President Aliyev"}


def test_the_names_an_article_writes_a_place_by_are_its_alt_labels():
    facts = {
        "slug": "p",
        "summits": [],
        "places": [{"name": "Taiwan", "aliases": ["Chinese Taipei"], "type": "country"}],
    }
    g = map_facts(facts, minter()).graph()
    (taiwan,) = set(g.subjects(None, SKG.Country))
    assert {str(o) for o in g.objects(taiwan, SKOS.altLabel)} == {"Chinese Taipei"}
    with pytest.raises(InputError, match=r"places\[0\]\.aliases"):
        map_facts({"slug": "p", "summits": [], "places": [{"name": "Taiwan", "aliases": [3]}]}, minter())
