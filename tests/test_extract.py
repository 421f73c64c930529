"""kg.extract on small synthetic articles (tests/data/articles, written for these tests)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.article import Article
from kg.extract import extract
from kg.extract.dates import duration_days, find_dates
from kg.extract.sentences import split_sentences
from kg.read import read_path

DATA = Path(__file__).parent / "data" / "articles"
REQUIRED = ("summits", "member_states", "observer_states", "new_members", "participants",
            "documents", "people", "organizations", "places")


@pytest.fixture(scope="module")
def wire():
    return extract(read_path(DATA / "example-wire-2031-10-07-csto-dushanbe.txt"))


@pytest.fixture(scope="module")
def rio():
    return extract(read_path(DATA / "example-news-2031-11-20-g20-rio.txt"))


def _items_with_evidence(facts):
    for key in REQUIRED:
        for item in facts[key]:
            if isinstance(item, dict):
                yield key, item


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_shape_and_evidence_offsets(name):
    article = read_path(DATA / name)
    facts = extract(article)
    for key in REQUIRED:
        assert isinstance(facts[key], list), key
    assert facts["article"]["text"] == article.text
    json.dumps(facts)  # serializable
    n = 0
    for key, item in _items_with_evidence(facts):
        assert item["evidence"], (key, item)
        for ev in item["evidence"]:
            assert article.text[ev["start"]:ev["end"]] == ev["sentence"]
            n += 1
    assert n > 10
    for s in facts["summits"]:
        assert {"organization", "role", "ordinal", "host_city", "host_country", "start_date", "end_date"} <= s.keys()
    for d in facts["documents"]:
        assert {"title", "kind", "status"} <= d.keys()
    for p in facts["participants"]:
        assert "country" in p and "person" in p and (p["country"] or p["person"])


def test_no_wikidata_ids_are_attached(wire, rio):
    for facts in (wire, rio):
        assert "wikidata" not in json.dumps({k: v for k, v in facts.items() if k != "article"})


def test_main_summit_fields(wire):
    main = [s for s in wire["summits"] if s["role"] == "main"]
    assert len(main) == 1
    s = main[0]
    assert s["organization"] == "Collective Security Treaty Organization"
    assert s["ordinal"] == 30
    assert s["kind"] == "heads of state council"
    assert (s["host_city"], s["host_country"]) == ("Dushanbe", "Tajikistan")
    # "two-day ... opened today", published 2031-10-07
    assert (s["start_date"], s["end_date"]) == ("2031-10-07", "2031-10-08")


def test_date_range_dateline_and_previous_summit(rio):
    main, previous = rio["summits"]
    assert main["role"] == "main" and main["organization"] == "Group of Twenty"
    assert (main["host_city"], main["host_country"]) == ("Rio de Janeiro", "Brazil")
    assert (main["start_date"], main["end_date"]) == ("2031-11-19", "2031-11-20")
    assert previous["role"] == "mentioned" and previous["host_city"] == "New Delhi"


def test_unresolvable_weekday_leaves_dates_null():
    text = ("The two-day summit of the Collective Security Treaty Organization (CSTO) starts on "
            "Thursday in Dushanbe, Tajikistan's capital.")
    facts = extract(Article(text=text, published="2031-10-07"))  # a Tuesday
    s = facts["summits"][0]
    assert s["start_date"] is None and s["end_date"] is None
    assert s["host_city"] == "Dushanbe"


def test_people_titles_surname_first_and_credits(wire):
    people = {p["canonical"]: p for p in wire["people"]}
    assert people["Pavel Sidorov"]["name"] == "Sidorov Pavel Andreyevich"
    assert people["Pavel Sidorov"]["role"] == "Deputy Minister of Defence of Russia"
    assert people["Pavel Sidorov"]["country"] == "Russia"
    assert people["Aram Petrosyan"]["role"] == "Armenia's Deputy Foreign Minister"
    assert people["Aram Petrosyan"]["country"] == "Armenia"
    assert people["Aram Petrosyan"]["is_participant"] is False
    assert people["Zhang Wei"]["role"] == "web editor" and people["Zhang Wei"]["organization"] == "Example Wire"
    assert "Bianji" not in people
    # "Tokayev" later in the text is the same person, not a new one
    assert len([p for p in people if "Tokayev" in p]) == 1
    assert len(people["Kassym-Jomart Tokayev"]["evidence"]) == 2


def test_participants(wire, rio):
    got = {(p["country"], p["person"]) for p in wire["participants"]}
    assert got == {("Kazakhstan", "Kassym-Jomart Tokayev"), ("Kyrgyzstan", "Sadyr Japarov"),
                   ("Belarus", "Alexander Lukashenko")}
    assert {p["person"] for p in rio["participants"]} == {"Luiz Inácio Lula da Silva"}
    photographer = [p for p in rio["people"] if p["name"] == "Ana Souza"][0]
    assert photographer["role"] == "photographer" and photographer["is_participant"] is False


def test_documents_with_future_status(wire):
    docs = {d["title"]: d for d in wire["documents"] if d.get("at_summit", True)}
    assert docs["Dushanbe Declaration"]["status"] == "to be signed and published"
    assert docs["Dushanbe Declaration"]["kind"] == "declaration"
    assert docs["joint communiqué"]["status"] == "to be issued"
    assert docs["convention on information security"] == {**docs["convention on information security"],
                                                          "kind": "convention", "status": "to be adopted"}
    assert not any("Treaty" in t for t in docs)  # the organization's name is no treaty


def test_past_and_active_documents():
    text = ("Leaders of the Collective Security Treaty Organization have signed the Minsk Declaration, "
            "the Convention on Cyber Security and a statement on border protection, and also confirmed "
            "the budget. The Charter of the Organization was signed in Moscow in May 2002. "
            "A plan on joint exercises and a memorandum on cooperation with the Example Council were signed.")
    facts = extract(Article(text=text, published="2031-05-02"))
    docs = {d["title"]: d for d in facts["documents"]}
    assert docs["Minsk Declaration"]["status"] == "signed"
    assert docs["Convention on Cyber Security"]["kind"] == "convention"
    assert docs["statement on border protection"]["status"] == "signed"
    assert docs["Charter of the Organization"]["at_summit"] is False
    assert docs["plan on joint exercises"]["status"] == "signed"
    assert any(t.startswith("memorandum on cooperation") for t in docs)
    assert not any("budget" in t for t in docs)


def test_membership(wire):
    assert [n["country"] for n in wire["new_members"]] == ["Uzbekistan", "Azerbaijan"]
    assert set(wire["member_states"]) == {"Uzbekistan", "Azerbaijan"}
    assert wire["observer_states"] == ["Mongolia", "Serbia"]


def test_pending_admission_is_not_yet_membership():
    text = ("The summit of the Shanghai Cooperation Organization will see the finalization of "
            "procedures for admitting Belarus as a full member.")
    facts = extract(Article(text=text, published="2031-07-04"))
    assert [n["country"] for n in facts["new_members"]] == ["Belarus"]
    assert facts["member_states"] == []


def test_organizations_places_and_demonyms(wire):
    orgs = {o["name"]: o for o in wire["organizations"]}
    assert orgs["Collective Security Treaty Organization"]["acronym"] == "CSTO"
    assert orgs["Collective Security Treaty Organization"]["location"] == "Moscow, Russia"
    assert orgs["Stepnoy Vestnik"]["type"] == "newspaper"
    places = {p["name"]: p for p in wire["places"]}
    assert places["Dushanbe"]["type"] == "city" and places["Dushanbe"]["country"] == "Tajikistan"
    # "Kazakh President", "the Kazakh newspaper": a demonym names a country but is no place of the text
    assert "Kazakhstan" not in places and "Kyrgyzstan" not in places


def test_city_inside_a_document_title_is_not_a_place():
    facts = extract(Article(text="The Bishkek Declaration was signed by the heads of state of the SCO.",
                            published="2031-06-14"))
    assert facts["places"] == []
    assert facts["documents"][0]["title"] == "Bishkek Declaration"


def test_gazetteer_is_optional_argument(wire):
    from kg.gazetteer import default_gazetteer

    article = read_path(DATA / "example-wire-2031-10-07-csto-dushanbe.txt")
    assert extract(article, default_gazetteer()) == wire


# ---- building blocks --------------------------------------------------------------------------

@pytest.mark.parametrize("text, ref, expected", [
    ("on Nov 16, 2022 in", None, [("2022-11-16", None)]),
    ("from October 22-24.", date(2024, 10, 23), [("2024-10-22", "2024-10-24")]),
    ("Wednesday (12 July 2023)", date(2023, 7, 12), [("2023-07-12", None), ("2023-07-12", None)]),
    ("12:14 GMT 23.10.2024", None, [("2024-10-23", None)]),
    ("commences today", date(2024, 7, 4), [("2024-07-04", None)]),
    ("starting on Thursday", date(2017, 6, 13), [(None, None)]),  # not the publication weekday
    ("in June 2001", None, [("2001-06", None)]),
    ("for 2018-2023 and 2019-2020", None, []),
])
def test_dates(text, ref, expected):
    assert [(d.value, d.end_value) for d in find_dates(text, ref)] == expected


@pytest.mark.parametrize("text, days", [("the two-day-long meeting", 2), ("hosted two days of talks", 2),
                                        ("a 3-day summit", 3), ("a summit", None)])
def test_duration(text, days):
    assert duration_days(text) == days


def test_sentences_split_and_join_soft_breaks():
    text = "ASTANA, June 9. /TASS/. Leaders met.\nThe BRICS summit\nis being held in Kazan. Mr. Smith left.\n\nNext."
    got = [s.text for s in split_sentences(text)]
    assert got == ["ASTANA, June 9. /TASS/.", "Leaders met.", "The BRICS summit\nis being held in Kazan.",
                   "Mr. Smith left.", "Next."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Cd.!?\n\"’,—")), max_size=200))
def test_sentence_offsets_always_point_into_the_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("SCO Astana Russia President Xi. ,’s\n-20G")), max_size=300))
def test_extract_never_crashes_and_evidence_is_exact(text):
    facts = extract(Article(text=text, published="2031-01-01"))
    for _, item in _items_with_evidence(facts):
        for ev in item.get("evidence", []):
            assert text[ev["start"]:ev["end"]] == ev["sentence"]
