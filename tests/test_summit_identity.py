"""One real summit, one IRI, one label: articles that name a summit differently meet.

The hard cases run through the real pipeline (``kg ingest`` of short texts: reader,
extractor, linker, mappers) into a real Oxigraph store, in both ingest orders:
an article giving only the ordinal and one giving only the year and the host city
meet on one summit; another body of the same organization in the same year and
another summit of the same organization in the same year stay apart.  Then the
table of known summits, its build script, the canonical labels and the membership
timeline query.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

import kg.cli
from kg.rdf.iris import IRIMinter, summit_body
from kg.rdf.mappers import map_facts
from kg.rdf.mappers.article import ArticleInfo, article_label
from kg.rdf.namespaces import SKG
from kg.rdf.summit_table import (
    KnownSummit,
    SummitTable,
    default_summit_table,
    find_summit,
    ordinal_word,
    summit_label,
)
from kg.sparql.named import load_named_queries
from kg.store import open_store

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEXTS = sorted((HERE / "data" / "summit-identity").glob("*.txt"))
QUERIES = load_named_queries(REPO / "queries")
ID = "https://w3id.org/summit-kg/id/"
SUMMITS = """PREFIX skg: <https://w3id.org/summit-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s a skg:Summit ; rdfs:label ?label }"""
ALT_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"""


def ingest(path: Path, files: list[Path]) -> None:
    assert kg.cli.main(["ingest", *map(str, files), "--store", str(path), "-q"]) == 0


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The hard-case texts ingested in file order and in reverse order."""
    base = tmp_path_factory.mktemp("identity")
    ingest(base / "forward", TEXTS)
    ingest(base / "reverse", TEXTS[::-1])
    forward, reverse = open_store(base / "forward"), open_store(base / "reverse")
    yield forward, reverse
    forward.close()
    reverse.close()


def summits(store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in store.query(SUMMITS):
        out.setdefault(row["s"].value, []).append(row["label"].value)
    return out


def test_the_texts_are_there():
    assert len(TEXTS) == 7


def test_ordinal_only_and_year_and_city_meet_on_one_summit(stores):
    for store in stores:
        found = summits(store)
        assert found[ID + "summit/sco/17"] == ["17th SCO Summit, Astana 2017"]
        assert not any("/sco/2017" in s or "undated" in s or "/in-" in s for s in found)
        alts = {
            row["alt"].value for row in store.query(ALT_LABELS, substitutions={"s": ox.NamedNode(ID + "summit/sco/17")})
        }
        # the articles' own wordings are kept, as alternative labels
        assert "SCO summit" in alts and any("Council of Heads of State" in a for a in alts)


def test_other_body_and_other_summit_of_the_same_year_stay_apart(stores):
    for store in stores:
        found = summits(store)
        assert found[ID + "summit/sco/heads-of-government/16"] == ["16th SCO Heads of Government Meeting, Sochi 2017"]
        assert found[ID + "summit/g20/2"] == ["2nd G20 Summit, London 2009"]
        assert found[ID + "summit/g20/3"] == ["3rd G20 Summit, Pittsburgh 2009"]
        assert found[ID + "summit/sco/15"] == ["15th SCO Summit, Ufa 2015"]
        assert found[ID + "summit/sco/24"] == ["24th SCO Summit, Astana 2024"]
        assert len(found) == 6
        assert all(len(labels) == 1 for labels in found.values())  # one rdfs:label per summit


def test_both_ingest_orders_give_the_same_graph(stores):
    forward, reverse = stores
    assert len(list(forward.quads())) > 100
    assert set(map(str, forward.quads())) == set(map(str, reverse.quads()))


def test_membership_timeline_query(stores):
    query = QUERIES["membership_timeline"]
    assert [p.name for p in query.params] == ["organization"]
    for store in stores:
        result = store.query(query.text, substitutions=query.bindings({"organization": ID + "org/sco"}))
        rows = [
            (r["date"].value, r["summit"].value, r["memberLabel"].value, r["type"].value, r["isNew"].value)
            for r in result
        ]
        belarus = [(d, s.rsplit("/", 1)[-1], t, new) for d, s, m, t, new in rows if m == "Belarus"]
        # observer as of Ufa 2015 and Astana 2017, admitted as a member at Astana 2024
        assert belarus == [
            ("2015-07-09", "15", "observer", "false"),
            ("2017-06-08", "17", "observer", "false"),
            ("2024-07-03", "24", "member", "true"),
        ]
        assert [r[0] for r in rows] == sorted(r[0] for r in rows)
        other = store.query(query.text, substitutions=query.bindings({"organization": ID + "org/g20"}))
        assert list(other) == []


# -- the table and the rules, without the pipeline -------------------------------------


def row(org="sco", key="1", year="2001", **kw) -> KnownSummit:
    return KnownSummit(org=org, acronym=org.upper(), body=kw.pop("body", "heads-of-state"), key=key, year=year, **kw)


TABLE = SummitTable(
    [
        row(
            key="17",
            year="2017",
            ordinal=17,
            start="2017-06-08",
            end="2017-06-09",
            city="Astana",
            city_slugs=("astana",),
        ),
        row(
            key="24",
            year="2024",
            ordinal=24,
            start="2024-07-03",
            end="2024-07-04",
            city="Astana",
            city_slugs=("astana",),
        ),
        row(
            key="15",
            year="2015",
            ordinal=15,
            start="2015-07-09",
            end="2015-07-10",
            city="Ufa",
            city_slugs=("ufa",),
            country="RU",
        ),
        row(key="20", year="2020", ordinal=20, start="2020-11-10"),
        row(org="g20", key="2", year="2009", ordinal=2, start="2009-04-02", city="London", city_slugs=("london",)),
        row(
            org="g20",
            key="3",
            year="2009",
            ordinal=3,
            start="2009-09-24",
            end="2009-09-25",
            city="Pittsburgh",
            city_slugs=("pittsburgh",),
        ),
        row(
            org="nato", key="2022-brussels", year="2022", start="2022-03-24", city="Brussels", city_slugs=("brussels",)
        ),
        row(org="nato", key="2022-madrid", year="2022", start="2022-06-28", city="Madrid", city_slugs=("madrid",)),
    ]
)


@pytest.mark.parametrize(
    "facts, key",
    [
        (dict(ordinal=17), "17"),
        (dict(year="2017"), "17"),
        (dict(city_slug="astana", year="2017"), "17"),
        (dict(city_slug="ufa"), "15"),  # Ufa hosted one: no year needed
        (dict(city_slug="astana"), None),  # Astana hosted two
        (dict(city_slug="astana", year="2017", year_from_publication=True), "17"),
        (dict(city_slug="astana", year="2018", year_from_publication=True), "17"),  # written the year after
        (dict(city_slug="ufa", year="2019", year_from_publication=True), None),  # Ufa's is years before
        (dict(year="2017", year_from_publication=True), "17"),
        (dict(year="2017", year_from_publication=True, published="2017-06-13"), "17"),
        (dict(year="2017", year_from_publication=True, published="2017-12-20"), None),  # half a year after
        (dict(year="2015", year_from_publication=True, published="2015-05-01"), "15"),  # a preview
        (dict(ordinal=17, year="2018"), None),  # the stated year contradicts the ordinal
        (dict(ordinal=17, city_slug="almaty"), "17"),  # a wrong city does not split the summit
        (dict(ordinal=99, year="2017"), None),  # an unknown ordinal is another summit
        (dict(year="2020", city_slug="moscow"), "20"),  # held online: the chair's city fits
        (dict(future=True, after="2017-06-09"), "20"),  # the next one after the 17th (in this table)
        (dict(future=True, after="2017-06-09", city_slug="ufa"), "15"),
        (dict(country="RU"), "15"),  # "the summit in Russia": one held there
        (dict(year="2015", country="RU"), "15"),
        (dict(country="KZ"), None),  # held there? none of the rows says so
        (dict(year="2017", country="CN"), "17"),  # a stated year outweighs a doubtful country
        (dict(city_slug="astana", fits=lambda s: s.year > "2020"), "24"),  # its leaders held office then
        (dict(city_slug="astana", fits=lambda s: False), None),  # fitting none chooses none
        (dict(city_slug="ufa", fits=lambda s: False), "15"),  # never rules out the only one
    ],
)
def test_find_summit(facts, key):
    found = find_summit(TABLE, "sco", "heads-of-state", **facts)
    assert (found.key if found else None) == key


def test_find_summit_when_a_body_meets_twice_a_year():
    assert find_summit(TABLE, "g20", "heads-of-state", year="2009") is None  # which of two?
    assert find_summit(TABLE, "g20", "heads-of-state", year="2009", city_slug="london").key == "2"
    assert find_summit(TABLE, "g20", "heads-of-state", year="2009", date="2009-09-25").key == "3"
    assert find_summit(TABLE, "nato", "heads-of-state", year="2022", city_slug="madrid").key == "2022-madrid"
    assert find_summit(TABLE, "sco", "heads-of-government", ordinal=17) is None  # another body
    assert find_summit(TABLE, "brics", "heads-of-state", ordinal=1) is None  # not in the table


def test_minted_keys_never_share_an_iri_across_summits():
    m = IRIMinter(ID, summits=TABLE)
    sco = m.organization("SCO")
    assert (
        m.summit(sco, ordinal=17)
        == m.summit(sco, year="2017")
        == m.summit(sco, year="2017", city=m.city("Astana", m.country("Kazakhstan")))
    )
    assert m.summit(sco, ordinal=17, year="2018") == m.summit(sco, year="2018") != m.summit(sco, ordinal=17)
    assert m.summit(sco, year="2017", kind="Council of Heads of Government") == URIRef(
        ID + "summit/sco/heads-of-government/2017"
    )
    assert m.summit(sco, ordinal=17, kind="foreign ministers' meeting") == URIRef(
        ID + "summit/sco/foreign-ministers/17"
    )


@pytest.mark.parametrize(
    "kind, name, body",
    [
        (None, None, "heads-of-state"),
        ("summit (heads of state and government)", None, "heads-of-state"),
        ("heads of government council", None, "heads-of-government"),
        (None, "meeting of the Council of Heads of Governments (Prime Ministers) of the SCO", "heads-of-government"),
        ("summit", "Eurasian Intergovernmental Council", "heads-of-government"),
        ("foreign ministers council", None, "foreign-ministers"),
        ("Council of Ministers of Foreign Affairs", None, "foreign-ministers"),
        ("meeting of defence ministers", None, "ministers"),
        ("leaders' summit", "meeting of ministers", "heads-of-state"),  # the kind decides first
    ],
)
def test_summit_body(kind, name, body):
    assert summit_body(kind, name) == body


def test_labels():
    assert (
        summit_label("SCO", "heads-of-state", ordinal=17, year="2017", city="Astana") == "17th SCO Summit, Astana 2017"
    )
    assert (
        summit_label("NATO", "heads-of-state", ordinal=None, year="2023", city="Vilnius") == "NATO Summit, Vilnius 2023"
    )
    assert summit_label("BRICS", "heads-of-state", ordinal=12, year="2020", city=None) == "12th BRICS Summit, 2020"
    # a series named as a meeting takes no second noun
    assert (
        summit_label("Caspian Summit", "heads-of-state", ordinal=6, year="2022", city=None)
        == "6th Caspian Summit, 2022"
    )
    assert (
        summit_label(
            "Commonwealth Heads of Government Meeting", "heads-of-government", ordinal=None, year="2024", city=None
        )
        == "Commonwealth Heads of Government Meeting, 2024"
    )
    assert [ordinal_word(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]


def test_summits_not_in_the_table_get_a_year_and_one_label():
    def article(slug, **summit):
        return {
            "slug": slug,
            "article": {"published": "2019-05-02"},
            "summits": [{"organization": "Organization of Foo States", **summit}],
        }

    labels = set()
    iris = set()
    for facts in (article("a", name="Foo summit"), article("b", host_city="Bar", name="the summit in Bar")):
        g = map_facts(facts, IRIMinter(ID)).graph()
        (summit,) = set(g.subjects(None, SKG.Summit))
        iris.add(summit)
        labels |= {str(o) for o in g.objects(summit, RDFS.label)}
    assert iris == {URIRef(ID + "summit/organization-of-foo-states/2019")}
    assert labels == {"Organization of Foo States Summit, 2019"}


def test_a_summit_mentioned_with_nothing_to_say_which_is_no_node():
    """ "Its last summit" with no ordinal, date, city or country would be one more summit of the
    organization, scoped to the article; the article's main summit and the organization stay."""
    facts = {
        "slug": "v",
        "article": {"published": "2019-10-22"},
        "summits": [
            {"organization": "NAM", "ordinal": 18, "role": "main"},
            {"organization": "NAM", "role": "mentioned", "name": "the last summit"},
        ],
    }
    g = map_facts(facts, IRIMinter(ID)).graph()
    assert set(g.subjects(None, SKG.Summit)) == {URIRef(ID + "summit/nam/18")}
    only = {"slug": "w", "summits": [{"organization": "NAM", "role": "mentioned"}], "member_states": ["Cuba"]}
    g = map_facts(only, IRIMinter(ID)).graph()
    assert not set(g.subjects(None, SKG.Summit))
    assert (URIRef(ID + "org/nam"), RDFS.label, None) in g
    named = {
        "slug": "q",
        "summits": [{"organization": "NAM", "role": "mentioned", "name": "Foo Conference"}],
        "wikidata": {"Foo Conference": "Q999999999"},
    }  # a QID says which
    assert len(set(map_facts(named, IRIMinter(ID)).graph().subjects(None, SKG.Summit))) == 1


def test_a_host_country_finds_the_known_summit_held_there():
    """ "The summit in Venezuela": the table knows one NAM summit held there."""
    facts = {
        "slug": "c",
        "article": {"published": "2019-10-22"},
        "summits": [
            {"organization": "NAM", "ordinal": 18, "role": "main"},
            {"organization": "NAM", "role": "mentioned", "host_country": "Venezuela"},
        ],
    }
    g = map_facts(facts, IRIMinter(ID)).graph()
    assert set(g.subjects(None, SKG.Summit)) == {URIRef(ID + "summit/nam/18"), URIRef(ID + "summit/nam/17")}


def test_an_undated_summit_is_labelled_with_its_host_city():
    """Two known CSTO summits were held in Yerevan: with no year the city cannot say which,
    and the label says what is known: the organization and the city."""
    facts = {"slug": "y", "summits": [{"organization": "CSTO", "host_city": "Yerevan", "host_country": "Armenia"}]}
    g = map_facts(facts, IRIMinter(ID)).graph()
    (summit,) = set(g.subjects(None, SKG.Summit))
    assert summit == URIRef(ID + "summit/csto/undated-yerevan")
    assert {str(o) for o in g.objects(summit, RDFS.label)} == {"CSTO Summit, Yerevan"}


def test_a_summit_keyed_by_year_and_city_has_both_in_its_label():
    """A CSTO summit the table does not know, in a year whose known summit was elsewhere, is keyed
    "2021-yerevan"; its label names the organization, the city and the year, never just
    "CSTO Summit"."""

    def summit_of(slug, **fields):
        facts = {"slug": slug, "summits": [{"organization": "CSTO", "start_date": "2021-05-11", **fields}]}
        g = map_facts(facts, IRIMinter(ID)).graph()
        (summit,) = set(g.subjects(None, SKG.Summit))
        return str(summit), {str(o) for o in g.objects(summit, RDFS.label)}

    assert summit_of("a", host_city="Yerevan", host_country="Armenia") == (
        ID + "summit/csto/2021-yerevan",
        {"CSTO Summit, Yerevan 2021"},
    )


def test_the_leaders_in_office_say_which_summit_a_city_hosted():
    """No date at all, and Yerevan hosted two known CSTO summits (2016, 2022): the prime
    minister chairing it took office in 2018, so it is the one of 2022.  A participant the
    gazetteer does not know says nothing."""

    def facts(*people):
        return {
            "slug": "p",
            "summits": [{"organization": "CSTO", "host_city": "Yerevan", "host_country": "Armenia"}],
            "participants": [{"person": p, "country": "Armenia"} for p in people],
        }

    pashinyan = {"name": "Nikol Pashinyan", "wikidata": "Q7035479"}
    for people, key in (
        ((pashinyan,), "2022"),
        (({"name": "Nobody Known", "wikidata": "Q1"},), "undated-yerevan"),
        (("A. Nobody",), "undated-yerevan"),
    ):
        g = map_facts(facts(*people), IRIMinter(ID)).graph()
        assert set(g.subjects(None, SKG.Summit)) == {URIRef(ID + "summit/csto/" + key)}, people


def test_a_future_summit_is_the_next_known_one():
    facts = {
        "slug": "f",
        "article": {"published": "2018-07-25"},
        "summits": [
            {"organization": "BRICS", "ordinal": 10, "role": "main"},
            {"organization": "BRICS", "role": "future", "name": "next summit"},
        ],
    }
    g = map_facts(facts, IRIMinter(ID)).graph()
    assert set(g.subjects(None, SKG.Summit)) == {URIRef(ID + "summit/brics/10"), URIRef(ID + "summit/brics/11")}


def test_unnamed_documents_are_a_count_on_the_summit():
    facts = {
        "slug": "d",
        "summits": [{"organization": "SCO", "ordinal": 17}],
        "documents": [
            {"title": "20 resolutions", "kind": "resolution", "status": "adopted", "named": False},
            {"title": "Astana Declaration", "kind": "declaration", "status": "signed"},
        ],
    }
    g = map_facts(facts, IRIMinter(ID)).graph()
    summit = URIRef(ID + "summit/sco/17")
    assert [str(o) for o in g.objects(None, RDFS.label) if str(o).endswith("resolutions")] == []
    assert {str(o) for o in g.objects(summit, SKG.documentsReported)} == {"20 resolutions"}
    assert [o.toPython() for o in g.objects(summit, SKG.documentCount)] == [20]
    assert {str(o) for o in g.objects(summit, SKG.document)} == {ID + "document/sco/17/astana-declaration"}


def test_article_label_is_never_the_file_slug():
    def info(**kw) -> ArticleInfo:
        fields = dict(
            id="x",
            iri=None,
            graph=None,
            url=None,
            title=None,
            publisher=None,
            published=None,
            language=None,
            text=None,
            slug="some-file-2019-slug",
            content_hash="0",
        )
        fields.update(kw)
        return ArticleInfo(**fields)

    assert article_label(info(title="SCO leaders meet")) == "SCO leaders meet"
    text = "PHOTO\n\nThe leaders of the SCO met in Bishkek on Friday. They signed a declaration."
    assert article_label(info(text=text)) == "The leaders of the SCO met in Bishkek on Friday."
    dateline = "MINSK, June 27. /TASS/. The Supreme Eurasian Economic Council granted observer status to Cuba."
    assert (
        article_label(info(text=dateline)) == "The Supreme Eurasian Economic Council granted observer status to Cuba."
    )
    assert (
        article_label(info(text="ASTANA — The 24th summit of the SCO opened on Wednesday."))
        == "The 24th summit of the SCO opened on Wednesday."
    )
    long = "The " + "very " * 60 + "long sentence."
    label = article_label(info(text=long))
    assert label.endswith("…") and len(label) <= 121 and "slug" not in label
    assert article_label(info(url="https://example.org/a")) == "https://example.org/a"


# -- the bundled table and its build -------------------------------------------------------


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_summits", REPO / "scripts" / "build_summits.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_bundled_table_is_what_the_script_builds(tmp_path):
    build = load_build_script()
    build.build(REPO / "kg" / "data" / "curated" / "summits.csv", tmp_path / "summits.json")
    assert (tmp_path / "summits.json").read_bytes() == (REPO / "kg" / "data" / "summits.json").read_bytes()
    assert (tmp_path / "SUMMITS-LICENCE.md").read_text(encoding="utf-8") == (
        REPO / "kg" / "data" / "SUMMITS-LICENCE.md"
    ).read_text(encoding="utf-8")


def test_the_bundled_table():
    table = default_summit_table()
    assert len(table) > 200
    assert {"sco", "brics", "g20", "asean", "nato", "csto", "eaeu", "cica", "ots", "gcc"} <= table.organizations()
    (astana,) = [s for s in table.series("sco", "heads-of-state") if s.ordinal == 17]
    assert (astana.year, astana.city, astana.start, astana.key) == ("2017", "Astana", "2017-06-08", "17")
    g20 = {s.key for s in table.series("g20", "heads-of-state") if s.year == "2009"}
    assert g20 == {"2", "3"}
    nato = {s.key for s in table.series("nato", "heads-of-state") if s.year == "2022"}
    assert nato == {"2022-brussels", "2022-madrid"}


def test_the_build_rejects_a_bad_row(tmp_path):
    build = load_build_script()
    source = REPO / "kg" / "data" / "curated" / "summits.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.append(dict(rows[0], start="2002-01-01"))  # a date outside its year
    rows.append(dict(rows[1]))  # the same ordinal twice
    rows.append(dict(rows[2], organization="XYZ", ordinal=""))  # an unknown organization
    bad = tmp_path / "summits.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(SystemExit) as raised:
        build.build(bad, tmp_path / "out.json")
    message = str(raised.value)
    assert "not an ISO date in 2001" in message and "two rows with one ordinal" in message and "'XYZ'" in message
    assert not (tmp_path / "out.json").exists()


def test_the_table_json_rows_are_complete():
    data = json.loads((REPO / "kg" / "data" / "summits.json").read_text(encoding="utf-8"))
    assert data["meta"]["builder"] == "scripts/build_summits.py"
    for s in data["summits"]:
        assert s["key"] and len(s["year"]) == 4 and s["body"] in ("heads-of-state", "heads-of-government")


@pytest.mark.parametrize(
    "forms",
    [
        ("IGAD", "Intergovernmental Authority on Development"),
        ("Council of Europe", "CoE"),
        ("Arab League", "LAS", "League of Arab States"),
        ("CARICOM", "Caribbean Community"),
        ("Group of 20", "G20", "G-20"),
        ("Economic Community of West African States", "ECOWAS"),
        ("Union State", "Union State of Russia and Belarus"),  # no acronym: one name
        ("Lancang-Mekong Cooperation", "LMC"),  # a table row without a QID
    ],
)
def test_every_form_of_an_organizations_name_gives_one_summit_and_one_organization(forms):
    """The extractor names a summit's organization as the article does (acronym or full name): each
    form meets on the same summit and the same organization node."""
    summits, orgs = set(), set()
    for i, form in enumerate(forms):
        facts = {
            "slug": f"form-{i}",
            "article": {"published": "2031-06-05"},
            "summits": [{"organization": form, "ordinal": 42, "host_city": "Entebbe", "start_date": "2031-06-05"}],
        }
        g = map_facts(facts, IRIMinter(ID)).graph()
        summits |= set(g.subjects(None, SKG.Summit))
        orgs |= set(g.objects(None, SKG.organizer))
    assert len(summits) == 1, summits
    assert len(orgs) == 1, orgs
