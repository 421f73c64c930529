"""Summits of regional organizations (ECOWAS, SADC, IGAD, the Arab League, CARICOM, EU ...)
on made-up sentences in the styles of wire copy, press releases and regional papers."""

from __future__ import annotations

from typing import Any

from kg.article import Article
from kg.extract import extract


def _facts(text: str, published: str = "2031-06-10") -> dict[str, Any]:
    return extract(Article(text=text, published=published))


def _main(facts: dict[str, Any]) -> dict[str, Any]:
    main = [s for s in facts["summits"] if s["role"] == "main"]
    assert len(main) == 1, facts["summits"]
    return main[0]


def test_met_on_a_weekday_for_a_two_day_summit_gives_both_days():
    s = _main(
        _facts(
            "LUSAKA, March 14 (Wire) - Southern African leaders met on Thursday for a two-day summit of the "
            "Southern African Development Community in Lusaka.",
            published="2031-03-15",
        )
    )
    assert (s["organization"], s["start_date"], s["end_date"]) == ("SADC", "2031-03-13", "2031-03-14")


def test_without_a_meeting_verb_a_weekday_and_a_length_give_no_dates():
    s = _main(_facts("The SADC summit in Lusaka on Thursday is a two-day affair.", published="2031-03-15"))
    assert (s["start_date"], s["end_date"]) == (None, None)


def test_the_city_the_leaders_met_in_beats_a_city_named_in_a_later_clause():
    s = _main(
        _facts(
            "MANAMA, May 16 (Wire) - Arab leaders met in Manama on Thursday for the 34th Arab League summit, "
            "which adopted a resolution on reconstruction in Gaza.",
            published="2031-05-17",
        )
    )
    assert (s["host_city"], s["ordinal"]) == ("Manama", 34)


def test_an_assembly_of_acronym_heads_of_state_is_the_organizations_summit():
    s = _main(
        _facts(
            "The 44th Extraordinary Assembly of IGAD Heads of State and Government was held in Entebbe, "
            "Uganda, on 12 January 2031."
        )
    )
    assert (s["organization"], s["ordinal"], s["host_city"], s["host_country"]) == ("IGAD", 44, "Entebbe", "Uganda")
    assert s["start_date"] == "2031-01-12"


def test_a_list_before_are_the_acronym_member_states():
    f = _facts(
        "The IGAD summit opened in Djibouti. Djibouti, Ethiopia, Kenya and Uganda are the IGAD member states "
        "taking part."
    )
    assert f["member_states"] == ["Djibouti", "Ethiopia", "Kenya", "Uganda"]


def test_another_blocs_member_states_are_not_the_summits():
    f = _facts(
        "The IGAD summit opened in Djibouti on Monday. Observers from the EU also came; France and Spain are "
        "the EU member states that sent envoys. The IGAD summit ended on Tuesday with an IGAD communiqué."
    )
    assert f["member_states"] == []


def test_democratic_republic_of_congo_without_the_is_not_the_other_congo():
    f = _facts("SADC member states include Angola, Democratic Republic of Congo and Zambia.")
    assert f["member_states"] == ["Angola", "Democratic Republic of the Congo", "Zambia"]


def test_a_two_party_summit_is_named_by_both_parties():
    s = _main(
        _facts("BRUSSELS, July 18 (Wire) - The EU-CELAC summit opened in Brussels on Monday.", published="2031-07-19")
    )
    assert (s["organization"], s["host_city"]) == ("EU-CELAC", "Brussels")
    s = _main(_facts("The second Central Asia–China Summit was held in Astana on June 17, 2031."))
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Central Asia–China", 2, "Astana")


def test_plural_title_lists_every_holder_with_their_country():
    f = _facts(
        "The 67th ECOWAS summit opened in Abuja. Presidents Ana Kollo of Nigeria, Jo Mensa of Ghana and "
        "Kwame Dossou of Benin attended. Prime Ministers Ria Tull (Spain) and Ola Berg (Norway) were guests."
    )
    people = {(p["name"], p["role"], p["country"]) for p in f["people"]}
    assert {
        ("Ana Kollo", "President", "Nigeria"),
        ("Jo Mensa", "President", "Ghana"),
        ("Kwame Dossou", "President", "Benin"),
        ("Ria Tull", "Prime Minister", "Spain"),
        ("Ola Berg", "Prime Minister", "Norway"),
    } <= people


def test_a_plural_title_stops_at_a_name_without_a_country():
    f = _facts("The ECOWAS summit opened in Abuja. Presidents Ana Kollo of Nigeria and Some Body spoke.")
    assert [p["name"] for p in f["people"] if p.get("role") == "President"] == ["Ana Kollo"]
