"""Summits of regional organizations (ECOWAS, SADC, IGAD, the Arab League, CARICOM, EU ...)
on made-up sentences in the styles of wire copy, press releases and regional papers."""

from __future__ import annotations

from typing import Any

import pytest

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
    assert (s["organization"], s["start_date"], s["end_date"]) == (
        "Southern African Development Community",
        "2031-03-13",
        "2031-03-14",
    )


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
    # a headline's capitalized ordinal is no party
    s = _main(_facts("President Chairs the Third Central Asia-China Summit\n\nThe summit was held in Astana."))
    assert (s["organization"], s["ordinal"]) == ("Central Asia-China", 3)
    # three parties
    s = _main(_facts("SEOUL, May 27 (Wire) - The ninth Korea-Japan-China summit opened in Seoul on Monday."))
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Korea-Japan-China", 9, "Seoul")
    s = _main(_facts("The ninth Korea-China-Japan trilateral summit, held apart from ASEAN meetings, was in Seoul."))
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Korea-China-Japan", 9, "Seoul")
    # the parties in quotes after the noun
    s = _main(
        _facts('Leaders signed the declaration of the first summit "Central Asia - China". It is held in Xi\'an.')
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Central Asia-China", 1, "Xi'an")
    # the noun's organization is the last party; the pair outnumbers an organization named once
    s = _main(
        _facts(
            "BRUSSELS, July 18 (Wire) - European Union leaders ended their first summit with Latin America "
            "in eight years. The declaration of the EU-CELAC summit was backed by 59 countries.",
            published="2031-07-18",
        )
    )
    assert (s["organization"], s["host_city"]) == ("EU-CELAC", "Brussels")
    # a hyphenated adjective names no parties
    s = _main(_facts("Ibero-American summit closes\n\nThe XXVIII Ibero-American Summit ended in Santo Domingo."))
    assert (s["organization"], s["ordinal"]) == ("Ibero-American Summit", 28)


def test_a_bilateral_or_trilateral_summit_of_no_organization_is_named_by_its_countries():
    s = _main(
        _facts(
            "The leaders of South Korea, China and Japan held their ninth trilateral summit in Seoul on Monday, "
            "the first in more than four years."
        )
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("China-Japan-South Korea", 9, "Seoul")
    # the headline names the parties the summit's sentence does not
    s = _main(
        _facts(
            "Leaders of US, Japan and South Korea hold first trilateral summit\n\n"
            "President Biden hosted the Japanese Prime Minister on Friday for the trilateral summit."
        )
    )
    assert s["organization"] == "Japan-South Korea-United States"
    # a summit of two parties; a bilateral meeting on an organization's summit's sidelines stays a side event
    assert _main(_facts("Kenya and Uganda held a bilateral summit in Nairobi."))["organization"] == "Kenya-Uganda"
    s = _main(_facts("The SCO summit opened in Astana. Xi and Putin held a bilateral summit on its sidelines."))
    assert s["organization"] == "SCO"


@pytest.mark.parametrize(
    "text, org, ordinal, name",
    [
        (
            "The presidents met at the Seventh Caspian Summit in Baku on Tuesday.",
            "Caspian Summit",
            7,
            "Seventh Caspian Summit",
        ),
        (
            "Leaders gathered in Seoul for the Nuclear Security Summit.",
            "Nuclear Security Summit",
            None,
            "Nuclear Security Summit",
        ),
        # or by what follows the noun (not a date)
        (
            "The third Summit for Democracy was held in Seoul on June 8.",
            "Summit for Democracy",
            3,
            "Summit for Democracy",
        ),
        (
            "The Summit on Peace in Ukraine opened at a resort in Switzerland on Saturday.",
            "Summit on Peace in Ukraine",
            None,
            "Summit on Peace in Ukraine",
        ),
    ],
)
def test_a_proper_name_around_summit_names_a_series_with_no_organization(text, org, ordinal, name):
    s = _main(_facts(text))
    assert (s["organization"], s["ordinal"], s["name"]) == (org, ordinal, name)


@pytest.mark.parametrize(
    "text",
    [
        "The presidents met at the Ashgabat Summit on Tuesday.",  # a place names the meeting, not a series
        "The presidents met at the Extraordinary Summit on Tuesday.",
        "The Summit on Monday opened in Baku.",
    ],
)
def test_no_series_is_named_by_a_place_or_a_common_word(text):
    assert _facts(text)["summits"] == []


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


def test_today_in_a_story_under_a_title_case_dateline_is_the_datelines_day():
    s = _main(
        _facts("Kingstown, March 1 (Wire) - The IX CELAC Summit opened today in Kingstown.", published="2031-03-02")
    )
    assert (s["organization"], s["ordinal"], s["start_date"]) == ("CELAC", 9, "2031-03-01")


def test_a_communitys_partner_states_are_its_members():
    f = _facts("The EAC Partner States are Burundi, Kenya and Rwanda. The 25th EAC Summit was held in Arusha.")
    assert f["member_states"] == ["Burundi", "Kenya", "Rwanda"]
    f = _facts("The EAC summit opened in Arusha. Kenya, Uganda and Rwanda are EAC Partner States.")
    assert f["member_states"] == ["Kenya", "Uganda", "Rwanda"]


def test_lower_case_partner_states_are_not_members():
    f = _facts("The BRICS summit opened in Kazan. Its partner states Cuba and Bolivia attended.")
    assert f["member_states"] == []


def test_the_european_council_meeting_is_an_eu_summit():
    s = _main(
        _facts(
            "BRUSSELS, March 21 (Wire) - The European Council met in Brussels on 20-21 March 2031 and adopted "
            "conclusions on energy.",
            published="2031-03-22",
        )
    )
    assert (s["organization"], s["host_city"], s["start_date"], s["end_date"]) == (
        "EU",
        "Brussels",
        "2031-03-20",
        "2031-03-21",
    )


def test_eu_institutions_are_organizations():
    f = _facts(
        "The EU summit opened in Brussels. The European Commission and the European Parliament sent their "
        "presidents; the Council of the European Union met the day before."
    )
    names = {o["name"] for o in f["organizations"]}
    assert {"European Commission", "European Parliament", "Council of the European Union"} <= names


def test_a_document_title_ends_before_a_participle_clause_or_at_their_summit():
    f = _facts(
        "The summit adopted the Lomé Declaration calling for a ceasefire in the region. The G7 leaders issued "
        "the Sapporo Leaders Communique at their summit in Sapporo."
    )
    assert [d["title"] for d in f["documents"]] == ["Lomé Declaration", "Sapporo Leaders Communique"]


def test_heads_of_government_opening_their_regular_meeting_is_a_summit():
    s = _main(
        _facts(
            "CARICOM heads of government opened their 50th regular meeting in Castries on Tuesday.",
            published="2031-02-20",
        )
    )
    assert (s["organization"], s["ordinal"], s["host_city"], s["start_date"]) == (
        "CARICOM",
        50,
        "Castries",
        "2031-02-18",
    )


def test_a_summit_body_from_the_table_names_its_organization():
    s = _main(
        _facts(
            "The presidents of the Central American Integration System (SICA) met in Tegucigalpa for the 59th "
            "Meeting of Presidents."
        )
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == (
        "Central American Integration System",
        59,
        "Tegucigalpa",
    )


def test_the_bundled_table_carries_wikidata_ids_of_regional_organizations():
    from kg.linking.gazetteer import organization_table

    qids = {r.name: r.qid for r in organization_table()}
    assert qids["Intergovernmental Authority on Development"] == "Q499039"
    assert qids["European Commission"] == "Q8880"
    assert qids["European Council"] == "Q8886"


def test_a_resort_town_the_gazetteer_lacks_is_still_the_host_city():
    s = _main(_facts("Arab leaders gathered in Sharm el-Sheikh for the 40th Arab League summit on Saturday."))
    assert (s["organization"], s["host_city"]) == ("Arab League", "Sharm el-Sheikh")
    s = _main(_facts("SADC leaders arrived in Zamboro Falls for the extraordinary SADC summit."))
    assert s["host_city"] == "Zamboro Falls"


def test_a_town_in_a_resort_of_phrase_keeps_the_country_after_it():
    s = _main(_facts("The 41st AU summit took place in the Red Sea resort of Marsa Alam, Egypt."))
    assert (s["host_city"], s["host_country"]) == ("Marsa Alam", "Egypt")


def test_a_list_of_attending_leaders_is_no_list_of_documents():
    f = _facts(
        "Press release\n\nThe 46th Ordinary Summit of SADC Heads of State and Government was held on 16 August "
        "2031 in Maputo. The Summit was attended by the following Heads of State and Government:\n"
        "- Angola: H.E. Ana Tomás, President\n- Botswana: H.E. Tiro Kgosi, President"
    )
    assert f["documents"] == []
    assert {(p["country"], p["person"]) for p in f["participants"]} >= {
        ("Angola", "Ana Tomás"),
        ("Botswana", "Tiro Kgosi"),
    }


def test_a_list_introduced_by_a_signing_verb_is_still_documents():
    f = _facts(
        "The SADC summit opened in Maputo. The leaders signed the following:\n- Declaration on Food Security;\n"
        "- Protocol on Trade in Services."
    )
    assert [d["title"] for d in f["documents"]] == ["Declaration on Food Security", "Protocol on Trade in Services"]


def test_an_adjective_compound_is_no_two_party_summit():
    # no "Arab-Islamic" pair of parties: the two organizations its adjectives name, each holding the summit
    f = _facts("Leaders attended the joint Arab-Islamic summit in Riyadh on Saturday.")
    assert [(s["organization"], s["host_city"]) for s in f["summits"]] == [("LAS", "Riyadh"), ("OIC", "Riyadh")]


def test_observers_at_the_summit_in_a_city_included():
    f = _facts("Observers at the Pacific Islands Forum Leaders Meeting in Apia included Timor-Leste and Indonesia.")
    assert f["observer_states"] == ["Timor-Leste", "Indonesia"]


def test_a_press_pages_genre_heading_is_no_document():
    f = _facts(
        "Media statement\n\nThe 47th SADC Summit was held on 16 August 2031 in Maputo and adopted a final communiqué."
    )
    assert [d["title"] for d in f["documents"]] == ["final communiqué"]


def test_an_acronyms_assembly_is_its_summit_but_a_general_assembly_is_not():
    s = _main(_facts("Heads of state gathered in Kigali for the AU Assembly on 17-18 February 2031.", "2031-02-19"))
    assert (s["organization"], s["host_city"], s["start_date"], s["end_date"]) == (
        "AU",
        "Kigali",
        "2031-02-17",
        "2031-02-18",
    )
    assert _facts("The UN General Assembly opened in New York on Tuesday.")["summits"] == []


def test_a_council_at_the_summit_level_holding_its_session_gives_the_ordinal():
    s = _main(
        _facts("The Council of the League of Arab States at the Summit Level held its 35th ordinary session in Rabat.")
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("League of Arab States", 35, "Rabat")


def test_a_town_the_leaders_met_in_keeps_its_country():
    s = _main(_facts("Mercosur heads of state met in Puerto Vallo, Argentina, on July 8 for the bloc's 63rd summit."))
    assert (s["host_city"], s["host_country"], s["ordinal"]) == ("Puerto Vallo", "Argentina", 63)


def test_countries_that_were_represented_take_part():
    f = _facts(
        "The CARICOM summit opened in Basseterre on Tuesday. Haiti, Jamaica and Suriname were represented by "
        "their leaders. Belize was not represented.",
        "2031-02-19",
    )
    assert [p["country"] for p in f["participants"]] == ["Haiti", "Jamaica", "Suriname"]


def test_an_organizations_official_represents_no_country():
    f = _facts(
        "The 26th EU-China summit was held in Beijing on Thursday, with European Council President Antonio Costa "
        "meeting Chinese President Xi Jinping.",
        "2031-07-25",
    )
    by_person = {p["person"]: p["country"] for p in f["participants"]}
    assert by_person["Xi Jinping"] == "China"
    assert next(v for k, v in by_person.items() if k.endswith("Costa")) is None


def test_the_head_of_a_known_name_is_no_organ_and_a_sentences_the_is_no_part_of_one():
    f = _facts("The Intergovernmental Authority on Development met. The Supreme Council of the GCC met in Doha.")
    names = [o["name"] for o in f["organizations"]]
    assert "Intergovernmental Authority" not in names
    assert "Supreme Council of the GCC" in names and "The Supreme Council of the GCC" not in names


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a name with "of" inside, before its kind word
        ("Leaders adopted the Ocean of Peace Declaration.", [("Ocean of Peace Declaration", "adopted")]),
        # the title ends before "in which ..."
        (
            "The heads of state issued a final communiqué in which they welcomed the talks.",
            [("final communiqué", "issued")],
        ),
        # an ECOWAS-style instrument
        (
            "They also adopted a Supplementary Act on the Regional Standby Force.",
            [("Supplementary Act on the Regional Standby Force", "adopted")],
        ),
        # a European Council's conclusions
        (
            "The European Council adopted conclusions on energy security.",
            [("conclusions on energy security", "adopted")],
        ),
        # referenced, not adopted: a document noun after "implementation of"
        ("Leaders discussed the implementation of the Lusaka Declaration.", [("Lusaka Declaration", None)]),
    ],
)
def test_document_titles_of_regional_summits(sentence, expected):
    f = _facts("The summit opened in Lomé on Monday. " + sentence)
    assert [(d["title"], d["status"]) for d in f["documents"]] == expected


def test_a_territory_inside_a_member_list_is_kept_and_the_list_goes_on():
    f = _facts(
        "The CARICOM summit opened in Georgetown. Member states include Haiti, St Kitts and Nevis, Montserrat, "
        "St. Lucia and Suriname."
    )
    assert f["member_states"] == ["Haiti", "Saint Kitts and Nevis", "Montserrat", "Saint Lucia", "Suriname"]
    f = _facts("The PIF meeting opened in Apia. The Forum's members include Fiji, Samoa and the Cook Islands.")
    assert f["member_states"] == ["Fiji", "Samoa", "Cook Islands"]


def test_an_unknown_name_after_a_list_is_no_member():
    f = _facts("The SADC summit opened. Member states include Angola, Zambia and Zimbabwe, Officials said on Monday.")
    assert f["member_states"] == ["Angola", "Zambia", "Zimbabwe"]
    f = _facts("The SADC summit opened. Member states include Angola, Zambia and Mister Jones of the press.")
    assert f["member_states"] == ["Angola", "Zambia"]


@pytest.mark.parametrize(
    "written, name",
    [
        ("MERCOSUR", "Mercosur"),  # a one-word name in capitals
        ("Gulf Co-operation Council", "Gulf Cooperation Council"),  # British hyphenation
        ("St Kitts and Nevis", None),  # a country, no organization
    ],
)
def test_organization_spellings(written, name):
    f = _facts(f"The summit opened in Asunción. Delegates of the {written} attended.")
    names = [o["name"] for o in f["organizations"]]
    assert names == ([name] if name else [])


@pytest.mark.parametrize(
    "text, city, country",
    [
        # a wire's acronym after the place, without brackets
        ("BRIDGETOWN, Barbados, CMC – CARICOM leaders opened their summit on Sunday.", "Bridgetown", "Barbados"),
        # an apostrophe in a title-case dateline city
        (
            "Nuku'alofa, Tonga (Pacific Wire) - Forum leaders opened the 56th Pacific Islands Forum Leaders Meeting.",
            "Nuku'alofa",
            "Tonga",
        ),
    ],
)
def test_host_from_regional_datelines(text, city, country):
    s = _main(_facts(text, "2031-02-13"))
    assert (s["host_city"], s["host_country"]) == (city, country)


@pytest.mark.parametrize(
    "text, org, ordinal",
    [
        ("The 16th Islamic Summit opened in Dakar on Saturday.", "OIC", 16),
        ("The 35th Arab Summit opened in Rabat on Thursday.", "LAS", 35),
    ],
)
def test_an_adjective_names_the_organization_of_its_summit(text, org, ordinal):
    s = _main(_facts(text, "2031-05-17"))
    assert (s["organization"], s["ordinal"]) == (org, ordinal)


def test_heads_of_government_meeting_after_an_acronym_is_its_summit():
    s = _main(_facts("The 51st CARICOM Heads of Government Meeting opened in Roseau on Sunday.", "2031-07-08"))
    assert (s["organization"], s["ordinal"], s["host_city"], s["start_date"]) == ("CARICOM", 51, "Roseau", "2031-07-06")


def test_the_start_of_a_known_name_is_no_institution_of_its_own():
    f = _facts("Officials of the South Asian Association for Regional Co-operation met in Male.")
    assert [o["name"] for o in f["organizations"]] == ["South Asian Association for Regional Cooperation"]


def test_the_last_summit_is_no_main_one_and_the_dateline_gives_the_host():
    f = _facts(
        "ACCRA, Ghana, June 22 (Wire) - West African leaders gathered in the Ghanaian capital on Sunday for the "
        "70th ordinary session of the ECOWAS Authority of Heads of State and Government.\n\n"
        "The two-day summit is chaired by Ghana.\n\n"
        "The last summit, held in Abuja in December, adopted a declaration on security.",
        "2031-06-23",
    )
    s = _main(f)
    assert (s["host_city"], s["host_country"], s["ordinal"]) == ("Accra", "Ghana", 70)
    assert (s["start_date"], s["end_date"]) == ("2031-06-22", "2031-06-23")
    assert [(x["role"], x["host_city"]) for x in f["summits"] if x["role"] != "main"] == [("mentioned", "Abuja")]


def test_forum_members_are_a_list_with_territories_and_official_names():
    f = _facts(
        "The Pacific Islands Forum Leaders Meeting opened in Apia. Forum members are Australia, Cook Islands, "
        "Fiji, French Polynesia, Republic of Marshall Islands and Samoa."
    )
    assert f["member_states"] == [
        "Australia",
        "Cook Islands",
        "Fiji",
        "French Polynesia",
        "Marshall Islands",
        "Samoa",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "China, Japan, the EU and the US attended as observers.",
        "Observers include China, the EU, Japan and the US.",
    ],
)
def test_a_bloc_inside_a_list_of_observer_states_is_skipped(sentence):
    f = _facts("The SAARC summit opened in Male. " + sentence)
    assert f["observer_states"] == ["China", "Japan", "United States"]


def test_a_colon_dateline_gives_the_host_city():
    s = _main(_facts("Thimphu, Nov 27: The 20th SAARC Summit concluded here today.", "2031-11-27"))
    assert (s["host_city"], s["end_date"]) == ("Thimphu", "2031-11-27")


def test_an_organizations_name_stops_at_a_line_break():
    f = _facts("Ministry of Foreign Affairs\nPress Release\n\nThe Kingdom of Bahrain hosted the 35th Arab Summit.")
    assert all("\n" not in o["name"] for o in f["organizations"])


def test_the_meeting_held_on_two_days_dates_the_summit():
    f = _facts(
        "Kingstown, March 2 (Wire) The IX CELAC Summit concluded today with the approval of the Kingstown "
        "Declaration.\n\nThe meeting, held on March 1 and 2, was attended by presidents from the region.",
        "2031-03-02",
    )
    s = _main(f)
    assert (s["start_date"], s["end_date"]) == ("2031-03-01", "2031-03-02")


def test_a_meeting_held_on_the_sidelines_dates_no_summit():
    f = _facts(
        "The IX CELAC Summit opened in Kingstown.\n\nThe meeting, held on the sidelines on March 3, was brief.",
        "2031-03-02",
    )
    assert (_main(f)["start_date"], _main(f)["end_date"]) == (None, None)


def test_issuing_a_charter_is_a_status():
    f = _facts("G7 leaders ended their summit in Banff on Tuesday, issuing the Banff Water Charter.", "2031-06-18")
    assert [(d["title"], d["status"]) for d in f["documents"]] == [("Banff Water Charter", "issued")]


def test_a_lower_case_plural_title_lists_its_holders():
    f = _facts("The CELAC summit was attended by presidents Ana Ruiz of Chile and Tomas Vela of Peru, among others.")
    assert {(p["name"], p["role"], p["country"]) for p in f["people"]} == {
        ("Ana Ruiz", "President", "Chile"),
        ("Tomas Vela", "President", "Peru"),
    }


def test_meeting_for_the_final_session_does_not_open_the_summit():
    s = _main(
        _facts("SADC leaders met on Friday for the final session of the two-day SADC summit in Lusaka.", "2031-06-28")
    )
    assert s["start_date"] != "2031-06-27"


def test_the_last_summit_under_a_chairmanship_is_this_one():
    f = _facts("BRICS leaders gathered in Rio for the last summit under the Brazilian chairmanship on Monday.")
    assert [s["role"] for s in f["summits"]] == ["main"]


def test_a_ministerial_meeting_held_elsewhere_is_not_the_summit():
    s = _main(
        _facts("The BRICS summit opened in Kazan. The ministerial meeting, held in Moscow on March 3, prepared it.")
    )
    assert (s["host_city"], s["start_date"]) == ("Kazan", None)


def test_gathered_in_the_demonym_capital_gives_the_host_country():
    s = _main(_facts("West African leaders gathered in the Ghanaian capital on Sunday for the 71st ECOWAS summit."))
    assert s["host_country"] == "Ghana"


def test_a_meeting_hosted_by_a_head_of_government_is_the_leaders():
    text = "PRAGUE, May 12 (Wire) - Visegrad Group leaders discussed energy. "
    text += "The meeting was hosted by Czech Prime Minister Jan Novak."
    s = _main(_facts(text, "2031-05-12"))
    assert (s["organization"], s["host_city"]) == ("Visegrad Group", "Prague")
    # a minister hosts the ministers
    text = "PRAGUE, May 12 (Wire) - Visegrad Group officials discussed energy. "
    text += "The meeting was hosted by Foreign Minister Jan Novak."
    assert _facts(text, "2031-05-12")["summits"] == []


def test_an_organization_named_as_a_conference_meets_when_numbered_or_held():
    s = _main(_facts("The Eighth Tokyo International Conference on African Development (TICAD 8) was held in Tunis."))
    assert (s["organization"], s["ordinal"], s["host_city"]) == (
        "Tokyo International Conference on African Development",
        8,
        "Tunis",
    )
    # named in passing, it is no meeting
    facts = _facts(
        "The SCO summit opened in Astana. Tokayev praised the Tokyo International Conference on African Development."
    )
    assert [s["organization"] for s in facts["summits"]] == ["SCO"]


@pytest.mark.parametrize("verb", ["wrapped up", "concluded", "kicked off", "ended"])
def test_the_town_a_summit_ends_or_begins_in_beats_the_dateline(verb):
    text = f"Baku, Azerbaijan, July 4. The 17th ECO Summit {verb} in Xankandia on Friday."
    s = _main(_facts(text, "2031-07-05"))
    assert (s["organization"], s["host_city"]) == ("ECO", "Xankandia")


def test_a_bare_summit_belongs_to_the_leaders_organization_not_the_one_they_act_on():
    f = _facts(
        "Leaders of the Group of 20 on Saturday admitted the African Union as a permanent member, "
        "at a summit hosted by India in New Delhi."
    )
    s = _main(f)
    assert (s["organization"], s["host_city"]) == ("Group of 20", "New Delhi")
    assert [m.get("member") for m in f["new_members"]] == ["African Union"]


def test_a_two_party_summits_kind_word_is_no_party():
    s = _main(_facts("The ASEAN-Japan Commemorative Summit opened in Tokyo on Sunday.", "2031-06-10"))
    assert (s["organization"], s["host_city"]) == ("ASEAN-Japan", "Tokyo")


@pytest.mark.parametrize(
    "text, org",
    [
        ("The Nato summit opened in Washington on Tuesday.", "NATO"),
        ("Asean leaders opened their summit in Vientiane on Tuesday.", "ASEAN"),
        ("Ecowas leaders met in Abuja for a summit on Tuesday.", "ECOWAS"),
    ],
)
def test_an_acronym_written_as_a_word_is_the_organization(text, org):
    assert _main(_facts(text))["organization"] == org


@pytest.mark.parametrize(
    "text",
    [
        "The NATO summit opened in Washington. Keir Starmer, attending his first summit as prime minister, spoke.",
        "The 75th anniversary summit of NATO opened in Washington on Tuesday.",
        "The NATO summit opened in Washington. It was the second such summit in the city.",
    ],
)
def test_a_persons_first_summit_and_an_anniversary_number_no_summit(text):
    assert _main(_facts(text))["ordinal"] is None


@pytest.mark.parametrize(
    "text, org",
    [
        ("APEC leaders gathered in Lima for their annual retreat on Saturday.", "APEC"),
        ("The G7 leaders met for a virtual meeting on Tuesday.", "G7"),
    ],
)
def test_the_leaders_retreat_and_a_meeting_they_met_for_are_their_summit(text, org):
    assert _main(_facts(text))["organization"] == org


def test_a_retreat_or_a_meeting_of_no_leaders_is_no_summit():
    assert _facts("The army began a retreat from the city. The officials met for a meeting in Lima.")["summits"] == []


def test_an_organs_name_runs_through_its_of_phrase():
    f = _facts(
        "The SADC Council of Ministers met on Wednesday. The ECOWAS Authority of Heads of State and Government "
        "met in Abuja. The SADC Council of Ministers Monday agreed."
    )
    organs = [o["name"] for o in f["organizations"] if (o.get("type") or "").startswith("organ")]
    assert organs == ["SADC Council of Ministers", "ECOWAS Authority of Heads of State and Government"]


def test_institutions_named_with_a_tail_or_one_word_before_their_head():
    f = _facts(
        "The summit ended in Seoul. Choi Eun-mi, a research fellow at the Asan Institute for Policy Studies, spoke. "
        "It was co-hosted by Keidanren and the China Council for the Promotion of International Trade. Lee Hee-sup "
        "heads the Seoul-based Trilateral Cooperation Secretariat. The Rapid Support Forces (RSF) were invited. "
        "The Heads of Turkic Cooperation Organizations also took part."
    )
    assert sorted(o["name"] for o in f["organizations"]) == [
        "Asan Institute for Policy Studies",
        "China Council for the Promotion of International Trade",
        "Rapid Support Forces",
        "Trilateral Cooperation Secretariat",
    ]


def test_no_weekday_as_a_medias_name_and_no_country_possessive_in_a_bodys():
    f = _facts(
        "The G7 summit opened in Hiroshima. Zelenskyy will travel to Hiroshima, an official of Ukraine's National "
        "Security and Defense Council said on national television Friday."
    )
    assert sorted(o["name"] for o in f["organizations"]) == ["Group of Seven", "National Security and Defense Council"]


@pytest.mark.parametrize(
    "text, org",
    [
        # spelt out, never abbreviated: the full name, not an acronym the article never uses
        ("The fourth summit of the Council of Europe opened in Reykjavik on Tuesday.", "Council of Europe"),
        # of the article's full forms, the longest: the official name
        (
            "Arab League leaders met in Manama for the 33rd Arab League summit. The League of Arab States "
            "adopted a declaration; the Arab League also elected a chair.",
            "League of Arab States",
        ),
        # only the acronym: the acronym
        ("The 42nd extraordinary IGAD summit opened in Entebbe on Thursday.", "IGAD"),
    ],
)
def test_a_summits_organization_is_named_in_full_when_the_article_spells_it_out(text, org):
    assert _main(_facts(text, published="2031-05-16"))["organization"] == org


@pytest.mark.parametrize(
    "text, publisher, agency",
    [
        # a dateline's agency after a date, and the publisher the text names without its trailing kind
        ("BANGKOK, March 21 (APW) - Thailand will host the sixth BIMSTEC summit.", "Asia Pacific Wire", "APW"),
        (
            "DUSHANBE, 14.09.2031. /Pamir Info/. Today the CA summit was held in Dushanbe.",
            "Pamir Info Agency",
            "Pamir Info",
        ),
        # "(Agency)": a placeholder, no agency
        ("MOSCOW, June 5 (Agency) - The CSTO summit opened.", "Some Paper", None),
    ],
)
def test_dateline_agencies_and_the_publisher_the_text_names(text, publisher, agency):
    facts = extract(Article(text=text, published="2031-09-14", publisher=publisher))
    agencies = [o["name"] for o in facts["organizations"] if o.get("type") in ("news agency", "publisher")]
    assert agencies == ([agency] if agency else [])


def test_the_publisher_named_in_the_text_is_an_organization():
    facts = extract(
        Article(
            text="Gulf Courier staff and agencies\n\nThe Arab League summit opened in Jeddah.",
            publisher="The Gulf Courier",
        )
    )
    assert {"name": "Gulf Courier", "type": "publisher"}.items() <= next(
        o for o in facts["organizations"] if o["name"] == "Gulf Courier"
    ).items()


def test_a_states_ministry_in_lower_case_is_an_organization():
    facts = extract(
        Article(
            text=(
                "The SADC summit opened in Harare. Sudan's foreign ministry said it would not attend. A Thai foreign "
                "ministry official said so. The Chinese foreign ministry rejected the claims."
            ),
            published="2031-08-17",
        )
    )
    bodies = [o["name"] for o in facts["organizations"] if o.get("type") == "state body"]
    assert bodies == ["Sudan's foreign ministry", "Thai foreign ministry", "Chinese foreign ministry"]


def test_a_grouping_the_article_defines_with_its_acronym_holds_the_summit():
    facts = extract(
        Article(
            text=(
                "The Prime Minister will join fellow leaders in Tallinn on Monday for the Northern Shield Force (NSF) "
                "Leaders' Summit. The NSF summit, hosted by Estonia, will discuss Russia."
            ),
            published="2031-12-15",
        )
    )
    assert [(s["organization"], s["host_city"]) for s in facts["summits"]] == [("Northern Shield Force", "Tallinn")]
    assert {"name": "Northern Shield Force", "acronym": "NSF"} in [
        {k: o[k] for k in ("name", "acronym") if k in o} for o in facts["organizations"]
    ]


@pytest.mark.parametrize("text", ["the Gross Domestic Product (GDP) grew", "the Northern Shield Force (XYZ) met"])
def test_an_acronym_that_does_not_abbreviate_the_name_defines_no_grouping(text):
    facts = extract(Article(text="Leaders met in Tallinn. " + text + ".", published="2031-12-15"))
    assert facts["summits"] == [] and not [o for o in facts["organizations"] if o.get("acronym") in ("GDP", "XYZ")]


def test_the_parties_of_a_hyphenated_pair_are_found_and_the_pair_holds_the_summit():
    facts = extract(
        Article(
            text=(
                "The Second Russia-Africa Summit opened in St. Petersburg on Thursday. Leaders also discussed the "
                "EU-AU partnership and the Forum for India-Pacific Islands Cooperation (FIPIC)."
            ),
            published="2031-07-25",  # a Friday
        )
    )
    s = facts["summits"][0]
    assert (s["name"], s["organization"], s["host_country"], s["start_date"]) == (
        "Second Russia-Africa Summit",
        "Russia-Africa",
        "Russia",
        "2031-07-24",
    )
    orgs = {o["name"] for o in facts["organizations"]}
    assert {"European Union", "African Union", "Forum for India-Pacific Islands Cooperation"} <= orgs
    assert "India" not in {p["name"] for p in facts["places"]}  # inside the forum's name


def test_a_hyphenated_name_the_gazetteer_knows_stays_whole():
    facts = extract(Article(text="Leaders of Guinea-Bissau and Timor-Leste met in Dili.", published="2031-07-28"))
    assert {"Guinea-Bissau", "Timor-Leste"} <= {p["name"] for p in facts["places"]}
    assert "Guinea" not in {p["name"] for p in facts["places"]}


@pytest.mark.parametrize(
    ("text", "publisher", "acronym"),
    [
        ("THE HARBOUR COURIER\nPolitics\n\nThe SADC summit opened in Luanda on Friday.", "The Harbour Courier", None),
        (
            "Luanda, Aug 17 (HPW) - The SADC summit opened on Friday.\n\n© Harbour Press Wire",
            "Harbour Press Wire",
            "HPW",
        ),
    ],
)
def test_the_publisher_in_a_mastheads_capitals_or_as_a_datelines_agency(text, publisher, acronym):
    facts = extract(Article(text=text, published="2031-08-17", publisher=publisher + " (news agency)"))
    found = [o for o in facts["organizations"] if o["name"] == publisher]
    assert len(found) == 1 and found[0].get("acronym") == acronym
    assert not [o for o in facts["organizations"] if o["name"] in ("HPW", "HARBOUR COURIER")]


def test_a_chain_of_hyphenated_parties_is_read_whole():
    facts = extract(
        Article(
            text="The EAC summit opened in Arusha. Leaders backed the Lamu Port-South Sudan-Ethiopia corridor.",
            published="2031-11-25",
        )
    )
    names = {p["name"] for p in facts["places"]}
    assert {"South Sudan", "Ethiopia"} <= names and "Sudan" not in names


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The ruling National Liberation Party backed the deal.", "National Liberation Party"),
        ("The Central American Parliament endorsed the plan.", "Central American Parliament"),
        (
            "The Economic Commission for Latin America and the Caribbean presented a report.",
            "Economic Commission for Latin America and the Caribbean",
        ),
        ("The New York Times reported that the talks failed.", "New York Times"),
        ("According to El País, the talks failed.", "El País"),
    ],
)
def test_parties_parliaments_a_name_running_over_and_the_and_major_news_outlets(sentence, name):
    facts = _facts("The SICA summit opened in Guatemala City. " + sentence)
    assert name in {o["name"] for o in facts["organizations"]}
    assert "New York City" not in {p["name"] for p in facts["places"]}  # the newspaper's name holds no city


@pytest.mark.parametrize(
    ("text", "org", "city"),
    [
        ("The Craiova Group summit opened in Bucharest on Friday.", "Craiova Group", "Bucharest"),
        ("The Lublin Triangle leaders met in Kyiv on Friday.", "Lublin Triangle", "Kyiv"),
        ("Leaders of the Danube Cooperation Process met in Vienna on Friday.", "Danube Cooperation Process", "Vienna"),
        ("The 5th summit of the Indian Ocean Rim Cooperation Council opened in Port Louis on Friday.",
         "Indian Ocean Rim Cooperation Council", "Port Louis"),
        ("The Third Mano River Union Summit opened in Conakry on Friday.", "Mano River Union", "Conakry"),
        ("The Lake Chad Basin Commission summit opened in N'Djamena on Friday.", "Lake Chad Basin Commission",
         "N'Djamena"),
        ("The 37th Ordinary Session of the Assembly of the Mano River Union opened in Freetown on Friday.",
         "Mano River Union", "Freetown"),
        ("The Mano River Union heads of state met in Freetown on Friday.", "Mano River Union", "Freetown"),
        ("The Mano River Union held its annual summit in Freetown on Friday.", "Mano River Union", "Freetown"),
        ("Leaders Meet For Craiova Group Summit In Bucharest\nThe Craiova Group summit opened in Bucharest on Friday.",
         "Craiova Group", "Bucharest"),
    ],
)  # fmt: skip
def test_a_grouping_the_gazetteer_does_not_know_named_by_its_summit_holds_it(text, org, city):
    facts = _facts(text)
    [main] = [s for s in facts["summits"] if s["role"] == "main"]
    assert (main["organization"], main["host_city"]) == (org, city)
    assert org in {o["name"] for o in facts["organizations"]}
    assert "India" not in {p["name"] for p in facts["places"]}  # a demonym inside the name is part of it


def test_an_unknown_groupings_earlier_mentions_are_it_too_and_its_leaders_by_its_size():
    facts = _facts("The Craiova Group met in Bucharest on Friday. The Craiova Group summit ended with a declaration.")
    [main] = [s for s in facts["summits"] if s["role"] == "main"]
    assert (main["organization"], main["host_city"]) == ("Craiova Group", "Bucharest")
    summits = _facts("Leaders of the four-nation Craiova Group met in Bucharest on Friday.")["summits"]
    assert [(x["organization"], x["host_city"]) for x in summits if x["role"] == "main"] == [
        ("Craiova Group", "Bucharest")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday's Group summit was a success in Bucharest.",
        "Leaders Meet For Craiova Group Summit In Bucharest",
    ],
)
def test_a_possessive_or_a_headlines_capitals_name_no_grouping(text):
    facts = _facts(text)
    assert [o["name"] for o in facts["organizations"]] == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("The IBSA summit opened in Pretoria on Friday.", "IBSA"),
        ("MIKTA leaders met in Seoul on Friday.", "MIKTA"),
        ("The Nordic-Baltic Eight leaders met in Oslo on Friday.", "Nordic-Baltic Eight"),
    ],
)
def test_an_unknown_acronym_or_counted_grouping_before_its_summit_or_leaders_holds_it(text, org):
    [main] = [s for s in _facts(text)["summits"] if s["role"] == "main"]
    assert main["organization"] == org


@pytest.mark.parametrize(
    "text",
    [
        "The AI summit opened in London on Friday.",
        "The XXIII summit opened in Caracas on Friday.",
        "The COP28 summit opened in Dubai on Friday.",
    ],
)
def test_a_topic_a_roman_numeral_or_a_conference_before_a_summit_is_no_grouping(text):
    assert _facts(text)["organizations"] == []


def test_an_acronym_the_article_defines_is_its_full_name_not_a_grouping_of_its_own():
    facts = _facts(
        "JEF leaders meet in Tallinn\nLeaders of the Joint Expeditionary Force (JEF) met in Tallinn on Monday."
    )
    assert {o["name"] for o in facts["organizations"]} == {"Joint Expeditionary Force"}
