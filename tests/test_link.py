"""The linker: disambiguation rules, link_facts on facts JSON v1, the report."""

from __future__ import annotations

import copy
import json

import pytest

from kg.linking.gazetteer import Entry, Gazetteer, Office, default_gazetteer
from kg.linking.linker import LinkContext, Linker, LinkReport, link_facts


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(default_gazetteer())


def ctx(countries=(), date=None, host=None, country=None) -> LinkContext:
    return LinkContext(frozenset(countries), date, host, country)


# ---------------------------------------------------------------- single names


@pytest.mark.parametrize(
    "name, type_, qid",
    [
        ("Astana", "city", "Q1520"),
        ("Nur-Sultan", "city", "Q1520"),
        ("Nur-Sultan", None, "Q1520"),
        ("Armenia", "country", "Q399"),
        ("Armenia", None, "Q399"),
        ("Armenia", "city", "Q328518"),
        ("Georgia", None, "Q230"),
        ("Russian Federation", "country", "Q159"),
        ("Shanghai Cooperation Organisation", "organization", "Q485207"),
        ("Shanghai Cooperation Organization (SCO)", "organization", "Q485207"),
        ("the SCO", "organization", "Q485207"),
        ("G-20", "organization", "Q19771"),
        ("Washington, D.C.", "city", "Q61"),
        ("Kazan", "capital", "Q900"),
        ("Moscow", "city (metonymy for Russia)", "Q649"),
    ],
)
def test_link_unique_names(linker, name, type_, qid):
    result = linker.link(name, type_, context=ctx())
    assert (result.status, result.qid) == ("linked", qid)


def test_city_resolved_by_country_in_context(linker):
    assert linker.link("Hyderabad", "city", context=ctx()).status == "ambiguous"
    assert linker.link("Hyderabad", "city", context=ctx({"IN"})).qid == "Q1361"
    assert linker.link("Hyderabad", "city", context=ctx({"PK"})).qid == "Q1640079"
    # the item's own country beats the article's countries
    assert linker.link("Hyderabad", "city", context=ctx({"IN"}, country="PK")).qid == "Q1640079"


def test_city_resolved_by_a_clear_population_lead(linker):
    result = linker.link("London", "city", context=ctx())
    assert result.qid == "Q84" and "populous" in result.reason
    assert linker.link("London", "city", context=ctx({"CA"})).qid == "Q92561"


def test_ambiguous_result_lists_candidates(linker):
    result = linker.link("Hyderabad", "city", context=ctx())
    assert result.qid is None
    assert {c.qid for c in result.candidates} == {"Q1361", "Q1640079"}


def test_unknown_and_unverified_names_stay_unlinked(linker):
    unknown = linker.link("Atlantis", "city", context=ctx())
    assert (unknown.status, unknown.qid) == ("unlinked", None)
    cica = linker.link("CICA", "organization", context=ctx())
    assert cica.status == "unlinked" and cica.candidates and "QID" in cica.reason


def test_types_that_are_not_linked(linker):
    assert linker.link("Palace of Independence", "venue", context=ctx()).status == "unlinked"
    assert linker.link("Bali", "island", context=ctx()).qid is None
    assert linker.link("", "city", context=ctx()).status == "unlinked"


def test_expected_type_is_respected(linker):
    assert linker.link("Kazakhstan", "city", context=ctx()).status == "unlinked"
    assert linker.link("Astana", "country", context=ctx()).status == "unlinked"


@pytest.mark.parametrize(
    "name",
    [
        "Vladimir Putin",
        "Russian President Vladimir Putin",
        "President Putin",
        "Putin",
        "President of Russia Vladimir Putin",
    ],
)
def test_person_with_titles_and_nationality_words(linker, name):
    assert linker.link(name, "person", context=ctx(date="2017-06-09")).qid == "Q7747"


def test_person_joined_forms(linker):
    assert linker.link("Xi Jinping / Xi", "person", context=ctx(date="2017-06-09")).qid == "Q15031"


def test_surname_only_needs_an_office_on_the_date(linker):
    assert linker.link("President Xi", "person", context=ctx(date="2018-06-10")).qid == "Q15031"
    old = linker.link("Xi", "person", context=ctx(date="2005-01-01"))
    assert old.status == "ambiguous" and old.qid is None
    # a full name is a name, whatever the date
    assert linker.link("Xi Jinping", "person", context=ctx(date="2005-01-01")).qid == "Q15031"


def synthetic_people() -> Gazetteer:
    """Two namesakes, one office each, at different times and in different countries."""
    return Gazetteer(
        [
            Entry(
                "Q901",
                "person",
                "Alex Kim",
                ("Kim",),
                country="AA",
                offices=(Office("head_of_state", "President of A", "AA", "2000-01-01", "2010-01-01"),),
            ),
            Entry(
                "Q902",
                "person",
                "Alex Kim",
                ("Kim",),
                country="BB",
                offices=(Office("head_of_government", "Prime Minister of B", "BB", "2012-01-01", None),),
            ),
            Entry("Q903", "person", "Dana Kim", ("Kim",), country="BB"),
        ]
    )


def test_person_resolved_by_office_and_date():
    linker = Linker(synthetic_people())
    assert linker.link("Alex Kim", "person", context=ctx()).status == "ambiguous"
    assert linker.link("Alex Kim", "person", context=ctx(date="2005-05-05")).qid == "Q901"
    assert linker.link("Alex Kim", "person", context=ctx(date="2015")).qid == "Q902"
    assert linker.link("Alex Kim", "person", context=ctx(date="2011-01-01")).status == "ambiguous"


def test_person_resolved_by_country():
    linker = Linker(synthetic_people())
    assert linker.link("Alex Kim", "person", context=ctx(country="AA")).qid == "Q901"
    # surname only: three people called Kim; the date narrows it to one office-holder
    assert linker.link("Kim", "person", context=ctx()).status == "ambiguous"
    assert linker.link("Kim", "person", context=ctx(date="2020-02-02")).qid == "Q902"


def long_names() -> Gazetteer:
    """Office-holders with long names of the kind short forms are made of."""
    office = Office("foreign_minister", "Minister of Foreign Affairs of A", "AA", "2020-01-01", None)
    return Gazetteer(
        [
            Entry("Q911", "person", "Karim bin Yusuf bin Omar Al Nadir", (), country="AA", offices=(office,)),
            Entry("Q912", "person", "Salem Al-Ahmad Al-Jaber Al-Rashed", (), country="AA", offices=(office,)),
            Entry("Q913", "person", "Karim bin Hamid Al Nadir", (), country="BB"),  # no office
        ]
    )


@pytest.mark.parametrize(
    "name, qid",
    [
        ("Karim bin Yusuf", "Q911"),  # the head of a long name
        ("Karim bin Yusuf Al Nadir", "Q911"),  # a link of the chain left out
        ("Sheikh Salem Al Ahmed Al Rashed", "Q912"),  # another transliteration, hyphens dropped
        ("Karim Al Nadir", "Q911"),  # fits two names: the one in office, as for a surname
        ("Karim bin Omar Yusuf", None),  # words out of order
        ("Karim bin Al", None),  # particles only after the first name
        ("Salem Al Ahmed Al Saleh", None),  # another family
    ],
)
def test_a_short_form_of_a_long_name_links_to_its_office_holder(name, qid):
    linker = Linker(long_names())
    found = linker.link(name, "person", context=ctx(date="2021-03-01", countries=("AA",)))
    assert found.qid == qid


def test_a_short_form_needs_the_office_on_the_date():
    linker = Linker(long_names())
    assert linker.link("Karim bin Yusuf", "person", context=ctx(date="2019-03-01")).qid is None


def test_every_country_name_and_alias_links_to_its_own_item(linker):
    """No country alias collides with another country (the gazetteer's consistency)."""
    gaz = linker.gazetteer
    wrong = []
    for form, entry in gaz.surface_forms("country"):
        result = linker.link(form, "country", context=ctx())
        if result.qid != entry.qid:
            wrong.append((form, entry.qid, result.status, result.qid))
    assert wrong == []


def test_every_organization_form_links_to_its_own_item_or_is_reported(linker):
    gaz = linker.gazetteer
    for form, entry in gaz.surface_forms("organization"):
        result = linker.link(form, "organization", context=ctx())
        if entry.qid is None:
            assert result.qid is None
        else:
            assert result.qid == entry.qid or result.status == "ambiguous", form


# ---------------------------------------------------------------- link_facts

EXAMPLE = {
    "slug": "tass-2017-06-09-sco-astana-india-pakistan-join",
    "article": {"published": "2017-06-09", "title": "SCO summit"},
    "summits": [
        {
            "name": "meeting of the SCO Heads of State Council",
            "organization": "SCO",
            "ordinal": None,
            "host_city": "Astana",
            "host_country": None,
            "start_date": None,
            "end_date": None,
            "role": "main",
            "venue": "Palace of Independence",
        },
        {
            "organization": "SCO",
            "ordinal": None,
            "host_city": "Ufa",
            "host_country": "Russia",
            "start_date": None,
            "end_date": None,
            "role": "mentioned",
        },
    ],
    "member_states": [
        {"name": "Russia", "wikidata": "Q159"},
        "China",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Uzbekistan",
        "India",
        "Pakistan",
    ],
    "observer_states": ["Afghanistan", "Belarus", "Iran", "Mongolia"],
    "dialogue_partners": ["Sri Lanka", "Turkey", "Azerbaijan", "Armenia", "Cambodia", "Nepal"],
    "new_members": [
        {"country": "India", "status": "membership confirmed"},
        {"country": "Pakistan", "status": "membership confirmed"},
    ],
    "participants": [
        {"country": "China", "person": "Chinese President Xi Jinping", "capacity": "President"},
        {"country": None, "person": "Mikhail Metzel"},
    ],
    "documents": [{"title": "Astana Declaration", "kind": "declaration", "status": "signed"}],
    "people": [
        {
            "name": "Mikhail Metzel",
            "role": "photographer",
            "organization": "TASS",
            "is_participant": False,
            "evidence": [{"sentence": "Photo: Mikhail Metzel/TASS", "start": 10, "end": 36}],
        },
        {"name": "Vladimir Putin", "role": "President", "country": "Russia"},
    ],
    "organizations": [
        {"name": "Shanghai Cooperation Organization", "acronym": "SCO"},
        {"name": "TASS", "type": "news agency"},
    ],
    "places": [
        {"name": "Astana", "type": "city"},
        {"name": "Ufa", "type": "city", "country": "Russia"},
        {"name": "Palace of Independence", "type": "venue"},
    ],
    "wikidata": {"India": "Q668"},
}


@pytest.fixture
def linked(linker):
    original = copy.deepcopy(EXAMPLE)
    out, report = link_facts(EXAMPLE, linker)
    assert original == EXAMPLE  # the input is not modified
    return out, report


def test_link_facts_refs_become_objects(linked):
    out, _ = linked
    main = out["summits"][0]
    assert main["organization"] == {"name": "SCO", "wikidata": "Q485207"}
    assert main["host_city"] == {"name": "Astana", "wikidata": "Q1520"}
    assert main["host_country"] is None
    assert main["venue"] == "Palace of Independence"  # unknown keys kept
    ufa = [e.qid for e in default_gazetteer().lookup("Ufa", "city")]
    assert out["summits"][1]["host_city"] == {"name": "Ufa", "wikidata": ufa[0]} and len(ufa) == 1
    assert out["member_states"][1] == {"name": "China", "wikidata": "Q148"}
    assert out["observer_states"][2] == {"name": "Iran", "wikidata": "Q794"}
    assert out["dialogue_partners"][3] == {"name": "Armenia", "wikidata": "Q399"}
    assert out["new_members"][1]["country"] == {"name": "Pakistan", "wikidata": "Q843"}
    assert out["new_members"][1]["status"] == "membership confirmed"
    assert out["participants"][0]["person"] == {"name": "Chinese President Xi Jinping", "wikidata": "Q15031"}
    assert out["participants"][1]["person"] == "Mikhail Metzel"  # unknown: unchanged


def test_link_facts_items_get_a_wikidata_key(linked):
    out, _ = linked
    metzel, putin = out["people"]
    assert "wikidata" not in metzel
    assert metzel["evidence"] == EXAMPLE["people"][0]["evidence"]
    assert putin["wikidata"] == "Q7747"
    assert out["people"][1]["country"] == {"name": "Russia", "wikidata": "Q159"}
    assert out["organizations"][0]["wikidata"] == "Q485207"
    assert "wikidata" not in out["organizations"][1]
    assert out["places"][0]["wikidata"] == "Q1520"
    assert "wikidata" not in out["places"][2]
    assert out["documents"] == EXAMPLE["documents"]


def test_link_facts_keeps_given_qids_and_fills_the_map(linked):
    out, _ = linked
    assert out["member_states"][0] == {"name": "Russia", "wikidata": "Q159"}
    wmap = out["wikidata"]
    assert wmap["India"] == "Q668"
    assert wmap["Astana"] == "Q1520" and wmap["Kazakhstan"] == "Q232" and wmap["SCO"] == "Q485207"
    assert wmap["Chinese President Xi Jinping"] == "Q15031"
    assert "Mikhail Metzel" not in wmap and "TASS" not in wmap


def test_link_report(linked):
    _, report = linked
    assert isinstance(report, LinkReport)
    data = report.to_dict()
    json.dumps(data)  # serializable as is
    assert data["counts"]["linked"] == len(data["linked"]) > 10
    unlinked = {r["name"] for r in data["unlinked"]}
    assert {"Mikhail Metzel", "TASS", "Palace of Independence"} <= unlinked
    linked_names = {r["name"]: r["qid"] for r in data["linked"]}
    assert linked_names["Astana"] == "Q1520"
    text = report.to_text()
    assert text.splitlines()[0].startswith("linked ")
    assert "Mikhail Metzel" in text and "Q1520" in text


def test_link_facts_uses_the_countries_in_context(linker):
    facts = {
        "member_states": ["Pakistan"],
        "places": [{"name": "Hyderabad", "type": "city"}],
        "summits": [{"organization": "SCO", "host_city": "Hyderabad", "role": "main"}],
    }
    out, report = link_facts(facts, linker)
    assert out["places"][0]["wikidata"] == "Q1640079"
    assert out["summits"][0]["host_city"]["wikidata"] == "Q1640079"
    facts["member_states"] = []
    out, report = link_facts(facts, linker)
    assert "wikidata" not in out["places"][0]
    assert [r.name for r in report.by_status("ambiguous")] == ["Hyderabad"]


def test_link_facts_person_date_from_summit_when_no_article(linker):
    facts = {
        "summits": [{"organization": "G20", "start_date": "2005-07-06", "role": "main"}],
        "participants": [{"country": None, "person": "President Xi"}],
    }
    out, report = link_facts(facts, linker)
    assert out["participants"][0]["person"] == "President Xi"
    assert report.counts["ambiguous"] == 1


def test_link_facts_organization_names_must_agree(linker):
    facts = {"organizations": [{"name": "Shanghai Cooperation Organisation", "acronym": "NATO"}]}
    out, report = link_facts(facts, linker)
    assert "wikidata" not in out["organizations"][0]
    assert report.counts == {"linked": 0, "ambiguous": 1, "unlinked": 0}


def test_link_facts_tolerates_missing_and_odd_keys(linker):
    out, report = link_facts({"summits": None, "people": [None, 3, {"role": "x"}], "places": "no"}, linker)
    assert out["wikidata"] == {} and report.counts == {"linked": 0, "ambiguous": 0, "unlinked": 0}


# ---------------------------------------------------------------- surnames and full names


@pytest.mark.parametrize(
    "name, country, date, full",
    [
        ("Nausėda", "LT", "2023-07-12", "Gitanas Nausėda"),
        ("President Aliyev", "AZ", "2019-10-22", "Ilham Aliyev"),
        ("Aliyev", None, "2019-10-22", "Ilham Aliyev"),
        ("Xi", None, "2019-06-14", "Xi Jinping"),
        ("Pashinyan", "AM", "2022-11-23", "Nikol Pashinyan"),
        ("Widodo", None, "2022-11-16", "Joko Widodo"),
        ("Widodo", None, "2025-01-01", None),  # no longer in office: no guess
        ("Abe", None, None, None),  # a surname with no date: no guess
        ("Nobody Known", None, "2020-01-01", None),
        ("A.U. Mamin", "KZ", "2019-05-29", "Askar Mamin"),  # initials and a surname
        ("M.V. Mishustin", "RU", "2024-07-04", "Mikhail Mishustin"),
        ("X. Mamin", "KZ", "2019-05-29", None),  # the initial does not fit
        ("A.U. Mamin", "KZ", "2015-01-01", None),  # not in office then
    ],
)
def test_person_entry_gives_the_full_name(linker, name, country, date, full):
    ctx = LinkContext(frozenset(), date, None)
    entry = linker.person_entry(name, context=ctx.with_country(country) if country else ctx)
    assert (entry.name if entry else None) == full


@pytest.mark.parametrize(
    "name, country, date, qid",
    [
        ("President Aliyev", "AZ", "2019-10-22", "Q57371"),  # Ilham Aliyev, on the article's date
        ("Aliyev", "AZ", "2001-05-01", "Q157451"),  # not Ilham: his father Heydar was in office then
        ("Ilham Aliyev", None, None, "Q57371"),
        ("Pashinyan", "AM", "2022-11-23", "Q7035479"),
        ("Nikol Pashinyan", None, None, "Q7035479"),
        ("Nausėda", "LT", "2023-07-12", "Q9268379"),
        ("Joko Widodo", None, None, "Q3318231"),
        ("Jens Stoltenberg", None, None, "Q57665"),
        ("Prime Minister Abe", "JP", "2019-06-29", "Q132345"),
        ("Viktor Orbán", None, None, "Q57641"),
        ("President Zelensky", "UA", "2023-07-12", "Q3874799"),  # Wikidata spells him "Zelenski"
        ("Ferdinand Marcos Jr.", None, None, "Q983324"),
    ],
)
def test_leaders_link_on_the_articles_date(linker, name, country, date, qid):
    assert linker.link(name, "person", context=ctx(date=date, country=country)).qid == qid


def test_link_facts_writes_the_full_name_of_a_surname(linker):
    facts = {
        "article": {"published": "2023-07-12"},
        "summits": [{"organization": "NATO", "host_city": "Vilnius", "role": "main"}],
        "people": [
            {"name": "Nausėda", "role": "President", "country": "Lithuania"},
            {"name": "Jens Stoltenberg", "role": "Secretary General"},
        ],
    }
    linked, _ = link_facts(facts, linker)
    assert linked["people"][0]["canonical"] == "Gitanas Nausėda"
    assert linked["people"][1]["canonical"] == "Jens Stoltenberg"
    assert "canonical" not in facts["people"][0]  # the input is not modified


def test_link_facts_links_initials_whose_canonical_name_is_only_a_copy(linker):
    """The extractor may copy the name into ``canonical``: "A.U. Mamin" is still resolved."""
    facts = {
        "article": {"published": "2020-12-01"},
        "summits": [{"organization": "SCO", "role": "main"}],
        "people": [{"name": "A.U. Mamin", "canonical": "A.U. Mamin", "country": "Kazakhstan"}],
    }
    linked, _ = link_facts(facts, linker)
    assert linked["people"][0]["canonical"] == "Askar Mamin"
    assert linked["people"][0]["wikidata"] == "Q527063"


def test_link_facts_gives_a_participant_surname_its_full_name(linker):
    facts = {
        "article": {"published": "2019-10-22"},
        "summits": [{"organization": "NAM", "role": "main"}],
        "participants": [
            {"person": "President Aliyev", "country": "Azerbaijan"},
            {"person": {"name": "Xi Jinping", "wikidata": "Q15031"}, "country": "China"},
        ],
    }
    linked, _ = link_facts(facts, linker)
    # linked by the leaders table on the article's date (the mapper names a linked person by its QID)
    assert linked["participants"][0]["person"] == {"name": "President Aliyev", "wikidata": "Q57371"}
    assert linked["participants"][1]["person"] == {"name": "Xi Jinping", "wikidata": "Q15031"}


# ---------------------------------------------------------------- surnames of any office-holder


def office_holders() -> Gazetteer:
    """People known only as office-holders (no one-word alias): a president and a prime minister
    of one surname, a foreign minister, and a king whose name ends in his country's name."""
    return Gazetteer(
        [
            Entry("QA", "country", "Alta", ("Alta",), iso2="AA"),
            Entry("QB", "country", "Baja", ("Baja",), iso2="BB"),
            Entry(
                "Q911",
                "person",
                "Sam Ortel",
                (),
                country="AA",
                offices=(Office("head_of_state", "", "AA", "2010-01-01", None),),
            ),
            Entry(
                "Q912",
                "person",
                "Kai Ortel",
                (),
                country="AA",
                offices=(Office("head_of_government", "", "AA", "2015-01-01", "2020-01-01"),),
            ),
            Entry(
                "Q913",
                "person",
                "Lin Varga",
                (),
                country="AA",
                offices=(Office("foreign_minister", "", "AA", "2012-01-01", "2018-01-01"),),
            ),
            Entry(
                "Q914",
                "person",
                "Omar II of Baja",
                (),
                country="BB",
                offices=(Office("head_of_state", "", "BB", "2000-01-01", None),),
            ),
            Entry(
                "Q915",
                "person",
                "Eda Varga",
                (),
                country="BB",
                offices=(Office("foreign_minister", "", "BB", "2019-01-01", None),),
            ),
        ]
    )


@pytest.mark.parametrize(
    "name, countries, date, qid",
    [
        ("Varga", {"AA"}, "2016-05-05", "Q913"),  # the foreign minister then, by surname alone
        ("Foreign Minister Varga", set(), "2016-05-05", "Q913"),
        ("Varga", {"AA"}, "2019-05-05", None),  # no longer in office; Eda Varga is Baja's
        ("Varga", {"BB"}, "2019-05-05", "Q915"),
        ("Varga", {"AA", "BB"}, "2016-05-05", "Q913"),
        ("Varga", {"AA", "BB"}, "2019-05-05", "Q915"),
        ("Varga", {"CC"}, "2016-05-05", None),  # an office of a country the article is not about
        ("Varga", set(), None, None),  # no date: no guess
        ("Ortel", {"AA"}, "2016-05-05", None),  # two Ortels in office: the surname cannot say
        ("President Ortel", {"AA"}, "2016-05-05", "Q911"),  # the title says which office
        ("Prime Minister Ortel", {"AA"}, "2016-05-05", "Q912"),
        ("Prime Minister Ortel", {"AA"}, "2021-05-05", None),  # Kai Ortel no longer; Sam is no prime minister
        ("Ortel", {"AA"}, "2021-05-05", "Q911"),
        ("Baja", set(), "2016-05-05", None),  # "Omar II of Baja" has no surname "Baja"
        ("II", set(), "2016-05-05", None),
    ],
)
def test_a_surname_is_the_office_holder_of_that_name_on_the_date(name, countries, date, qid):
    linker = Linker(office_holders())
    assert linker.link(name, "person", context=ctx(countries, date)).qid == qid
    entry = linker.person_entry(name, context=ctx(countries, date))
    assert (entry.qid if entry else None) == qid


@pytest.mark.parametrize(
    "name, country, date, full, qid",
    [
        ("Tleuberdi", "KZ", "2020-06-01", "Mukhtar Tleuberdi", "Q70254110"),  # Wikidata's foreign minister only
        ("Foreign Minister Mammadyarov", "AZ", "2010-01-01", "Elmar Mammadyarov", "Q58083"),
        ("President Aliyev", "AZ", "2001-05-01", "Heydar Aliyev", "Q157451"),
        ("President Aliyev", "AZ", "2019-10-22", "Ilham Aliyev", "Q57371"),
        ("President Japarov", "KG", "2022-05-01", "Sadyr Japarov", "Q25597826"),
        ("President Marcos", "PH", "2023-09-07", "Ferdinand Marcos Jr.", "Q983324"),  # the surname before "Jr."
        ("Prime Minister Japarov", "KG", "2022-05-01", "Akylbek Japarov", "Q4060344"),
    ],
)
def test_bundled_office_holders_by_surname(linker, name, country, date, full, qid):
    context = ctx({country}, date, country=country)
    assert linker.link(name, "person", context=context).qid == qid
    assert linker.person_entry(name, context=context).name == full


def test_link_facts_gives_a_wikidata_only_surname_its_person(linker):
    facts = {
        "article": {"published": "2021-03-04"},
        "summits": [{"organization": "CSTO", "role": "main", "host_city": "Dushanbe"}],
        "member_states": ["Kazakhstan", "Russia"],
        "people": [{"name": "Tleuberdi", "role": "Foreign Minister", "country": "Kazakhstan"}],
        "participants": [{"person": "Foreign Minister Tleuberdi", "country": "Kazakhstan"}],
    }
    linked, _ = link_facts(facts, linker)
    assert linked["people"][0]["wikidata"] == "Q70254110"
    assert linked["people"][0]["canonical"] == "Mukhtar Tleuberdi"
    assert linked["participants"][0]["person"] == {"name": "Foreign Minister Tleuberdi", "wikidata": "Q70254110"}
    assert linked["wikidata"]["Tleuberdi"] == "Q70254110"


def test_organizations_of_the_extractor_table_link_when_the_gazetteer_lacks_them(linker):
    """The extractor's table of summit-holding organizations gives QIDs the gazetteer does not have."""
    assert linker.link("Pacific Islands Forum", "organization").qid == "Q757276"
    assert linker.link("CARICOM", "organization").qid == "Q205995"  # its acronym
    assert linker.link("Caribbean Community (CARICOM)", "organization").qid == "Q205995"
    assert linker.link("Pacific Islands Forum", "city").qid is None  # organizations only
    # an acronym that names something else as often stays unlinked (the Olympic committee, a word)
    assert linker.link("IOC", "organization").qid is None
    assert linker.link("CAN", "organization").qid is None
    # the gazetteer's entry wins: an organization it knows keeps its own answer
    assert linker.link("SCO", "organization").qid == "Q485207"
