"""Summits (kg.extract.summits) on sentences written for these tests."""

from __future__ import annotations

import unicodedata

import pytest

from kg.article import Article
from kg.extract import extract


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _main(text: str, published: str = "2031-06-10") -> dict:
    facts = extract(Article(text=text, published=published))
    main = [s for s in facts["summits"] if s["role"] == "main"]
    assert len(main) == 1, facts["summits"]
    return main[0]


@pytest.mark.parametrize(
    "text, org, city",
    [
        # an organization outside the gazetteer, from the bundled table
        (
            "Leaders gathered for the 19th Summit of the Non-Aligned Movement in Kampala.",
            "Non-Aligned Movement",
            "Kampala",
        ),
        # not in the gazetteer: the full name the article spells out, not the table's acronym
        ("The Caribbean Community summit opened in Georgetown.", "Caribbean Community", "Georgetown"),
        # the city right before the summit noun
        ("The 18th Lima Summit of the Non-Aligned Movement will adopt four documents.", "Non-Aligned Movement", "Lima"),
        ("Below is a summary of the G20 Osaka Summit hosted by Japan.", "G20", "Osaka"),
        # "at VENUE, CITY"
        (
            "The BRICS Summit takes place at the Sandton Convention Centre, Johannesburg, from today.",
            "BRICS",
            "Johannesburg",
        ),
    ],
)
def test_organization_and_host_city(text, org, city):
    s = _main(text)
    # the gazetteer's name may carry accents ("Ōsaka"); the text's form has none
    assert (s["organization"], _fold(s["host_city"])) == (org, city)


def test_host_city_from_a_title_case_dateline():
    s = _main(
        "Da Nang (VNA) – Leaders of APEC ended their meeting on November 11.\nThe APEC summit adopted a declaration.",
        published="2031-11-12",
    )
    assert s["host_city"] == "Da Nang"


def test_host_city_from_the_article_when_the_summit_sentence_has_none():
    s = _main("The G20 summit has ended with a communiqué.\nBut in Buenos Aires the leaders agreed on trade.")
    assert s["host_city"] == "Buenos Aires"


@pytest.mark.parametrize(
    "text, country",
    [
        ("India hosted the 19th meeting of the Council of Heads of Government of the SCO by videoconference.", "India"),
        ("South Africa's hosting of the 10th BRICS Summit begins today.", "South Africa"),
    ],
)
def test_host_country_that_hosts(text, country):
    assert _main(text)["host_country"] == country


def test_accents_folded_city_names_match():
    facts = extract(Article(text="Leaders met in Osaka on Friday.", published="2031-06-10"))
    assert any(p["type"] == "city" and p["name"] in ("Osaka", "Ōsaka") for p in facts["places"])


def test_two_ordinals_are_two_summits():
    facts = extract(
        Article(
            text="Leaders gathered in Phnom Penh, Cambodia for the 40th and 41st ASEAN Summits on Friday.",
            published="2031-11-15",
        )
    )
    main = [s for s in facts["summits"] if s["role"] == "main"]
    assert [s["ordinal"] for s in main] == [40, 41]
    assert {s["host_city"] for s in main} == {"Phnom Penh"}


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "The 19th meeting of the Council of Heads of Government of the SCO was held in Moscow.",
            "heads of government council",
        ),
        ("The meeting of the SCO Heads of State Council opened in Astana.", "heads of state council"),
        ("The BRICS Summit opened in Kazan.", "leaders' summit"),
        (
            "The session of the CSTO Collective Security Council opened in Yerevan.",
            "collective security council (heads of state)",
        ),
        (
            "The 45th session of the Supreme Council of the GCC opened in Kuwait City.",
            "supreme council (heads of state)",
        ),
        # heads of state who attend do not make the summit a council of heads of state
        (
            "The BRICS Summit in Kazan is attended by Heads of State and Government from Brazil and India.",
            "leaders' summit",
        ),
    ],
)
def test_summit_kind(text, kind):
    assert _main(text)["kind"] == kind


def test_dates_of_another_summit_in_the_same_sentence_are_not_taken():
    s = _main(
        "The 12th BRICS Summit took place on November 17 via videoconference.\n"
        "The Summit participants coordinated positions ahead of the G20 Summit to be held on November 21-22.",
        published="2031-11-18",
    )
    assert (s["start_date"], s["end_date"]) == ("2031-11-17", "2031-11-17")


def test_a_weekday_before_an_explicit_date_names_it():
    s = _main(
        "India hosted the 19th meeting of the SCO Heads of Government Council on Tuesday, November 30.",
        published="2031-12-02",
    )
    assert s["start_date"] == "2031-11-30"


def test_took_place_on_a_day_then_ended():
    s = _main(
        "The fifth CICA summit that took place in Dushanbe on June 15 ended with a declaration.", published="2031-06-17"
    )
    assert (s["start_date"], s["end_date"]) == ("2031-06-15", "2031-06-15")


@pytest.mark.parametrize(
    "text, ordinal",
    [
        ("The XII BRICS Summit was held via videoconference.", 12),
        ("Leaders met at the XVI Summit of BRICS in Kazan.", 16),
        ("The twenty-first NAM summit opened in Kampala.", 21),
        ("I summit rarely, said the BRICS leader in Kazan.", None),
    ],
)
def test_ordinals_in_words_and_roman_numerals(text, ordinal):
    assert _main(text)["ordinal"] == ordinal


def test_collect_decide_merge_steps():
    from kg.extract.context import Context
    from kg.extract.lexicon import matcher_for
    from kg.extract.summits import collect_summit_mentions, decide_main_organization, merge_summits
    from kg.linking.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    text = (
        "The 19th NAM summit opened in Kampala on Monday. It follows the NATO summit held last year in Vilnius. "
        "The next summit will take place in 2034."
    )
    ctx = Context.build(Article(text=text, published="2031-06-09"), gaz, matcher_for(gaz))
    mentions = collect_summit_mentions(ctx)
    assert [m.role for m in mentions] == ["main", "mentioned", "future"]
    name, _entry = decide_main_organization(ctx, mentions)
    assert name == "Non-Aligned Movement"
    summits = merge_summits(ctx, mentions, name, _entry)
    assert [(s.role, s.organization, s.ordinal, s.host_city) for s in summits][:2] == [
        ("main", "Non-Aligned Movement", 19, "Kampala"),
        ("mentioned", "North Atlantic Treaty Organization", None, "Vilnius"),
    ]


@pytest.mark.parametrize(
    "text, org",
    [
        ("Leaders attended the East Asia Summit in Jakarta after the 43rd ASEAN Summit ended.", "East Asia Summit"),
        # the meeting is the Commonwealth's summit, as the Supreme Eurasian Economic Council is the EAEU's
        (
            "Leaders of the Commonwealth gathered in Kigali for the Commonwealth Heads of Government Meeting.",
            "Commonwealth",
        ),
    ],
)
def test_a_summit_noun_inside_the_organization_name(text, org):
    assert _main(text)["organization"] == org


def test_held_on_a_day():
    s = _main("The CSTO summit, held in Yerevan on November 23, ended without a declaration.", published="2031-11-24")
    assert (s["start_date"], s["end_date"], s["host_city"]) == ("2031-11-23", "2031-11-23", "Yerevan")


@pytest.mark.parametrize(
    "text, ordinal, city, country",
    [
        # "leaders'" between the organization and the summit noun does not hide the ordinal
        ("The 9th Andean Community leaders' Summit was attended by the heads of state.", 9, None, None),
        ("The 30th APEC Economic Leaders' Meeting closed on Friday.", 30, None, None),
        # "in the <demonym> capital CITY": the host city, and its country from the demonym
        ("The 9th Andean Community Summit, held on June 7 in the Peruvian capital Lima, was short.", 9, "Lima", "Peru"),
    ],
)
def test_ordinal_past_leaders_and_the_demonym_capital(text, ordinal, city, country):
    s = _main(text)
    assert (s["ordinal"], s["host_city"], s["host_country"]) == (ordinal, city, country)


@pytest.mark.parametrize(
    "text, city, country",
    [
        # a town the gazetteer does not know, written "in TOWN, COUNTRY" after the summit noun
        ("The 12th CAN Summit at the Grand Hall in Xyzburg, Peru closed on Friday.", "Xyzburg", "Peru"),
        # a hall or a province is no town
        ("The 12th CAN Summit at the Grand Hall in Qorvu Province, Peru closed on Friday.", None, None),
        # a place word names an unknown town: "the resort town of X", "X, a resort on the coast"
        ("The 12th CAN Summit opened on June 9 in the resort town of Xyzburg.", "Xyzburg", None),
        ("The 12th CAN Summit opened on June 9 in Xyzburg, a resort on the Peruvian coast.", "Xyzburg", None),
        ("The 12th CAN Summit opened on June 9 in the Hall of Nations, a venue in the capital.", None, None),
    ],
)
def test_host_town_outside_the_gazetteer(text, city, country):
    s = _main(text)
    assert (s["host_city"], s["host_country"]) == (city, country)


@pytest.mark.parametrize(
    "text, city",
    [
        ("LIMA: Leaders of the Andean Community opened their summit on Monday.", "Lima"),
        ("Lima, 9 June 2031 — Leaders of the Andean Community opened their summit on Monday.", "Lima"),
        ("LIMA, 9 June 2031 (Reuters) - Leaders of the Andean Community opened their summit on Monday.", "Lima"),
        # a caption with a colon is no dateline
        ("PHOTO: REUTERS\nLeaders of the Andean Community opened their summit on Monday.", None),
    ],
)
def test_dateline_forms(text, city):
    assert _main(text)["host_city"] == city


@pytest.mark.parametrize(
    "text, ordinal",
    [
        ("The 45th Pacific Islands Forum Leaders Meeting opened in Suva on June 9.", 45),
        ("The 12th Organisation of Islamic Cooperation summit opened in Banjul on June 9.", 12),
        ("On its 25th anniversary the Organisation of Islamic Cooperation summit opened in Banjul on June 9.", None),
    ],
)
def test_an_ordinal_before_a_long_organization_name(text, ordinal):
    assert _main(text)["ordinal"] == ordinal


def test_a_date_in_a_clause_about_another_event_is_not_the_summits():
    s = _main("The Andean Community summit opened in Lima on June 8, three days after ministers met on June 5.")
    assert (s["start_date"], s["end_date"]) == ("2031-06-08", None)


def test_the_leaders_own_meeting_is_the_summit():
    s = _main("Leaders of the Andean Community issued the Lima Declaration as they ended their meeting on June 9.")
    assert s["end_date"] == "2031-06-09"
    s = _main("The Andean Community summit opened in Lima. Foreign ministers ended their meeting on June 7.")
    assert (s["start_date"], s["end_date"]) == (None, None)


def test_the_organizations_own_meeting_is_named_without_its_verb_and_hosted_in_its_town():
    s = _main("Leaders of the Pacific Islands Forum concluded their 52nd meeting in Avarua today.")
    assert (s["name"], s["ordinal"], s["host_city"], s["end_date"]) == (
        "Pacific Islands Forum 52nd meeting",
        52,
        "Avarua",
        "2031-06-10",
    )


def test_a_summit_in_an_unknown_place_is_not_a_host_town_without_its_own_meeting():
    # an island, a region: "the summit in X" does not say X is a town (the dateline may name the town)
    assert _main("The leaders praised the G20 summit in Xyzland on Friday.")["host_city"] is None


def test_a_demonym_before_a_seas_name_is_not_part_of_it():
    facts = extract(
        Article(
            text="Leaders met at the summit in the Saudi Red Sea city of Jeddah, near the Irish Sea of news reports.",
            published="2031-06-10",
        )
    )
    assert [p["name"] for p in facts["places"] if p["type"] == "sea"] == ["Red Sea", "Irish Sea"]


def test_a_dateline_on_its_own_line_is_where_here_is():
    text = "Kathmandu, 27 November 2031\n\nThe 25th SAARC Summit concluded here today with a declaration."
    s = _main(text, published="2031-11-27")
    assert (s["host_city"], s["host_country"], s["end_date"]) == ("Kathmandu", None, "2031-11-27")  # Nepal unsaid


def test_an_organizations_ministerial_council_is_its_yearly_meeting():
    s = _main("The 30th OSCE Ministerial Council opened in Skopje, North Macedonia, on Thursday.")
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("OSCE", 30, "Skopje")


def test_a_year_after_since_does_not_date_the_summit():
    s = _main(
        "Leaders of the BRICS nations will gather in Rio de Janeiro on Sunday and Monday for the bloc's 17th summit, "
        "the first hosted by Brazil since 2019."
    )
    assert (s["ordinal"], s["host_city"], s["start_date"], s["end_date"]) == (
        17,
        "Rio de Janeiro",
        "2031-06-15",
        "2031-06-16",
    )


@pytest.mark.parametrize(
    "text, places",
    [
        ("Leaders from Northern Ireland met at the summit in Belfast.", ["Northern Ireland", "Belfast"]),
        (
            "Leaders from Northern Ireland and the Republic of Ireland met at the summit in Belfast.",
            ["Northern Ireland", "Ireland", "Belfast"],
        ),
        (
            "The President of the Turkish Republic of Northern Cyprus attended the summit in Budapest.",
            ["Turkish Republic of Northern Cyprus", "Budapest"],
        ),
    ],
)
def test_a_place_whose_name_holds_a_countrys_is_not_that_country(text, places):
    assert [p["name"] for p in extract(Article(text=text, published="2031-06-10"))["places"]] == places


@pytest.mark.parametrize(
    "text, city, start",
    [
        ("The host city of the SCO summit, Astana, was decorated with flags.", "Astana", None),
        ("Leaders converged on Astana for the SCO summit.", "Astana", None),
        ("Leaders travelled to Astana for the SCO summit.", "Astana", None),
        ("Astana hosts the SCO summit on Thursday.", "Astana", "2031-06-12"),
    ],
)
def test_more_ways_to_say_where_and_when(text, city, start):
    s = _main(text)
    assert (s["host_city"], s["start_date"]) == (city, start)


@pytest.mark.parametrize(
    "text, ordinal",
    [
        ("The first G20 summit held on African soil opened in Johannesburg.", None),
        ("The first in-person SCO summit since the pandemic opened in Samarkand.", None),
        ("The second BRICS summit in Africa opened in Durban.", None),
        ("The first summit of the Alliance of Sahel States opened in Niamey.", 1),
        ("The first AES summit in Niamey opened on Saturday.", 1),
        ("The first SAARC summit in more than a decade opened in Kathmandu.", None),
        ("The first ASEAN summit in two years opened in Jakarta.", None),
    ],
)
def test_a_first_of_some_kind_is_not_the_summits_number(text, ordinal):
    assert _main(text)["ordinal"] == ordinal


def test_the_supreme_eurasian_economic_council_is_the_eaeus_summit():
    s = _main("The meeting of the Supreme Eurasian Economic Council was held in Moscow.")
    assert (s["organization"], s["host_city"]) == ("EAEU", "Moscow")


def test_a_date_first_dateline_names_the_city():
    text = (
        "The President took part in a meeting of the SCO Council of Heads of State.\n\n"
        "May 25, 2031, 12:30, Moscow\n\nThe meeting was attended by the leaders of the member states."
    )
    assert _main(text, published="2031-05-25")["host_city"] == "Moscow"


@pytest.mark.parametrize(
    "text, org",
    [
        ("Leaders of the African Union Assembly met in Addis Ababa.", "African Union"),
        ("The Eurasian Intergovernmental Council met in Almaty.", "EAEU"),
    ],
)
def test_an_organizations_summit_body_named_alone(text, org):
    assert _main(text)["organization"] == org


def test_the_un_general_assembly_is_no_summit():
    assert extract(Article(text="The UN General Assembly met in New York.", published="2031-06-10"))["summits"] == []


def test_the_afternoon_of_a_day_is_that_day():
    s = _main("On the afternoon of October 23, 2031 local time, the president attended the 16th BRICS Summit in Kazan.")
    assert (s["start_date"], s["end_date"]) == ("2031-10-23", "2031-10-23")


@pytest.mark.parametrize(
    "text",
    [
        "The SCO summit opened in Astana on Monday. Kazakhstan hosted ASEM's Almaty meeting of foreign ministers.",
        "The SCO summit opened in Astana on Monday. It followed the SCO foreign ministers' meeting in Almaty.",
        "The SCO summit opened in Astana on Monday. A meeting of the SCO senior officials took place in Almaty.",
    ],
)
def test_a_ministers_meeting_is_no_part_of_the_leaders_summit(text):
    facts = extract(Article(text=text, published="2031-06-10"))
    assert [(s["role"], s["organization"], s["host_city"], s["name"]) for s in facts["summits"]] == [
        ("main", "SCO", "Astana", "SCO summit")
    ]


def test_a_piece_about_a_ministers_meeting_alone_keeps_it():
    s = _main("The SCO foreign ministers' meeting opened in Astana on Monday.")
    assert (s["organization"], s["host_city"]) == ("SCO", "Astana")


def test_a_year_before_the_summit_noun_dates_it():
    facts = extract(
        Article(
            text="The SCO summit opened in Astana on Monday. At the 2029 summit in Tianjin, the bloc took in Laos. "
            "The 2032 summit will be held in Delhi.",
            published="2031-06-10",
        )
    )
    assert [(s["role"], s["host_city"]) for s in facts["summits"]] == [
        ("main", "Astana"),
        ("mentioned", "Tianjin"),
        ("future", "Delhi"),
    ]


def test_a_summit_held_by_video_link_has_no_host_city_from_the_dateline():
    s = _main(
        "BEIJING, Aug. 24 (Wire) -- The Premier on Monday co-chaired the third LMC leaders' meeting via video link."
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("LMC", 3, None)
    # a leader joining by video link does not make the summit virtual
    s = _main(
        "MINSK, June 27 (Wire) - The Supreme Eurasian Economic Council met on Friday. "
        "Armenian Prime Minister Nikol Pashinyan is attending the meeting via video link."
    )
    assert s["host_city"] == "Minsk"


def test_a_continent_is_no_host_town():
    facts = extract(
        Article(
            text="The second Russia-Africa Summit ended in St Petersburg on Friday. "
            "The next summit will be held in Africa in 2026.",
            published="2031-06-10",
        )
    )
    assert [(s["role"], s["host_city"]) for s in facts["summits"]] == [("main", "St. Petersburg"), ("future", None)]


@pytest.mark.parametrize(
    "text, start, end",
    [
        (
            "The 47th ASEAN Summit opened in Kuala Lumpur on June 8. The summit runs until June 10.",
            "2031-06-08",
            "2031-06-10",
        ),
        ("The 47th ASEAN Summit, which runs until June 12, opened in Kuala Lumpur today.", "2031-06-10", "2031-06-12"),
    ],
)
def test_until_a_day_is_the_summits_last_day(text, start, end):
    s = _main(text)
    assert (s["start_date"], s["end_date"]) == (start, end)


def test_the_country_a_next_summit_will_be_held_in_hosts_it():
    facts = extract(
        Article(
            text="The CSTO summit opened in Minsk on Thursday. The next session will be held in Kazakhstan in 2032.",
            published="2031-06-10",
        )
    )
    assert [(s["role"], s["host_city"], s["host_country"]) for s in facts["summits"]] == [
        ("main", "Minsk", None),
        ("future", None, "Kazakhstan"),
    ]


@pytest.mark.parametrize(
    "text, start, end",
    [
        # published on a Tuesday
        ("The SCO summit in Tianjin, held over the weekend, adopted a declaration.", "2031-06-07", "2031-06-08"),
        ("The SCO summit was held in Tianjin last weekend.", "2031-06-07", "2031-06-08"),
        ("The SCO summit will be held in Tianjin this weekend.", "2031-06-14", "2031-06-15"),
        ("The SCO summit opens in Tianjin next weekend.", "2031-06-14", "2031-06-15"),
    ],
)
def test_the_weekend_is_read_by_its_word_and_tense(text, start, end):
    s = _main(text)
    assert (s["start_date"], s["end_date"]) == (start, end)


@pytest.mark.parametrize(
    "text, name",
    [
        ("G7 leaders open summit in Hiroshima", "G7 summit"),  # a headline's verb is no part of the name
        ("The SCO's 24th summit opened in Astana.", "SCO's 24th summit"),
        ("The BRICS annual summit opened in Kazan.", "BRICS annual summit"),
    ],
)
def test_a_summits_name_holds_no_verb(text, name):
    assert _main(text)["name"] == name


def test_the_article_city_named_as_a_capital_hosts_the_summit():
    s = _main(
        "Arab leaders meeting in the Bahraini capital Manama called for a ceasefire. "
        "The 33rd Arab League summit was attended by 22 delegations."
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Arab League", 33, "Manama")


def test_the_conclusion_of_something_else_is_no_closing_cue():
    s = _main(
        "The presidents gathered in Montevideo on Friday for the Mercosur summit, where the host announced the "
        "conclusion of negotiations on a trade agreement.",
        published="2031-06-13",
    )
    assert (s["start_date"], s["end_date"]) == ("2031-06-13", "2031-06-13")


def test_a_city_in_capitals_on_a_line_of_its_own_is_the_dateline():
    text = "Somalia joins EAC\n\nBy NATION CORRESPONDENT\n\nARUSHA\n\nThe 23rd Summit of the EAC closed on Friday."
    assert _main(text)["host_city"] == "Arusha"
    # a heading in capitals that names no city is none
    text = "Somalia joins EAC\n\nABSENCES\n\nThe 23rd Ordinary Summit of the EAC closed on Friday."
    assert _main(text)["host_city"] is None


def test_the_number_said_with_the_summits_date_wins_over_one_said_in_passing():
    text = (
        "It was also only the second summit held after the split. "
        "Scholz, hosting his first summit as chancellor, opens the 48th G7 summit in Elmau on Sunday."
    )
    s = _main(text, published="2031-06-26")
    assert (s["ordinal"], s["start_date"]) == (48, "2031-06-29")


def test_a_day_stands_when_the_only_length_in_the_article_is_someone_elses_stay():
    s = _main("Biden arrived after three days in South Korea. Albanese flies to Tokyo for tomorrow's Quad summit.")
    assert (s["start_date"], s["end_date"]) == ("2031-06-11", "2031-06-11")


def test_the_heads_own_meeting_with_its_ordinal_in_capitals_and_its_days_from_the_parts_of_a_day():
    text = (
        "PORT OF SPAIN, Trinidad - CARICOM heads of government opened their Forty-Fifth Regular Meeting here "
        "last night. The three-day meeting, which ends tomorrow, is hosted by Trinidad and Tobago."
    )
    s = _main(text, published="2031-07-04")
    assert (s["organization"], s["ordinal"], s["start_date"], s["end_date"]) == (
        "CARICOM",
        45,
        "2031-07-03",
        "2031-07-05",
    )


def test_an_assembly_of_heads_of_state_in_lower_case_is_a_summit():
    s = _main(
        "The 42nd extraordinary assembly of heads of state and government of the Intergovernmental Authority on "
        "Development (IGAD) was hosted by President Yoweri Museveni on Thursday."
    )
    assert (s["organization"], s["ordinal"], s["start_date"]) == (
        "Intergovernmental Authority on Development",
        42,
        "2031-06-05",
    )


def test_a_summit_named_by_its_topic_is_another_event_and_an_organizations_postponed_ministerial_meeting_is_its():
    s = _main(
        "OPEC has postponed its ministerial meeting to Thursday, November 30. The new date falls on the first day "
        "of the Cop28 climate summit at Expo City Dubai.",
        published="2031-11-23",
    )
    assert (s["organization"], s["start_date"], s["host_city"]) == ("OPEC", "2031-11-30", None)
    # a capitalized series keeps its name
    assert (
        _main("Leaders gathered in Seoul for the Nuclear Security Summit.")["organization"] == "Nuclear Security Summit"
    )


def test_another_number_in_another_city_is_another_summit():
    text = (
        "Lima, Apr 14 (Wire).- The leaders attending the Eighth Summit of the Americas on Saturday closed the "
        "two-day meeting. Castro skipped it, three years after his handshake with Obama at the seventh summit in "
        "Panama City. No date or venue has been set for the ninth summit."
    )
    f = extract(Article(text=text, published="2031-04-14"))
    assert [(s["role"], s["ordinal"], s["host_city"]) for s in f["summits"]] == [
        ("main", 8, "Lima"),
        ("mentioned", 7, "Panama City"),
    ]


def test_a_city_of_another_years_meeting_before_the_summit_noun_is_not_its_host():
    text = (
        "Twenty-six years after seven leaders met in Dhaka in December 1985 to found the South Asian Association "
        "for Regional Cooperation, the grouping's 17th summit ended on Friday."
    )
    assert _main(text, published="2011-11-12")["host_city"] is None
    # after the noun, the city and year are the (earlier) summit's own
    f = extract(
        Article(
            text="The SAARC summit opened. The first summit, held in Dhaka in 1985, founded it.", published="2011-11-12"
        )
    )
    assert [(s["role"], s["host_city"]) for s in f["summits"]][1:] == [("mentioned", "Dhaka")]


def test_a_future_cue_before_a_long_name_and_apia_as_a_city():
    text = (
        "The 47th Pacific Islands Forum Leaders Meeting closed in Pohnpei on Saturday. Samoa will host the 48th "
        "Pacific Islands Forum Leaders Meeting in Apia next September."
    )
    f = extract(Article(text=text, published="2031-09-11"))
    assert [(s["role"], s["ordinal"], s["host_city"]) for s in f["summits"]] == [
        ("main", 47, "Pohnpei"),
        ("future", 48, "Apia"),
    ]


def test_an_accented_dateline_city_and_until_a_weekday_and_date():
    text = (
        "Asunción, June 26, 2031 – The President inaugurated this Thursday the Fifty-fourth Regular Session of the "
        "General Assembly of the Organization of American States (OAS), which meets until Saturday, June 28."
    )
    s = _main(text, published="2031-06-26")
    assert (s["host_city"], s["ordinal"], s["start_date"], s["end_date"]) == (
        "Asunción",
        54,
        "2031-06-26",
        "2031-06-28",
    )


def test_a_town_the_gazetteer_lacks_after_the_blocs_numbered_summit():
    text = (
        "Uruguay's president refused on Tuesday to sign the joint communiqué that closed the bloc's 62nd summit in "
        "Puerto Iguazú, in the province of Misiones. The Mercosur summit was tense."
    )
    f = extract(Article(text=text, published="2031-07-05"))
    s = f["summits"][0]
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("Mercosur", 62, "Puerto Iguazú")
    assert [(d["title"], d["status"]) for d in f["documents"]] == [("joint communiqué", "refused to sign")]


def test_a_summit_that_has_just_ended_ends_on_the_day_of_the_report():
    s = _main("The two-day SCO summit in Astana has formally ended.", published="2031-07-05")
    assert (s["start_date"], s["end_date"]) == ("2031-07-04", "2031-07-05")
    # a past tense with no date says no day
    assert _main("The SCO summit in Astana ended.", published="2031-07-05")["end_date"] is None


def test_a_preview_under_a_bare_title_is_about_the_summit_its_lead_announces():
    text = (
        "Harare ready for SADC Summit\n\nRegional leaders jet in\n\nHerald Reporters\n\n"
        "HARARE is ready to host the 44th Ordinary Summit of SADC Heads of State and Government tomorrow.\n\n"
        "The Summit will review the region's security."
    )
    s = _main(text, published="2031-08-16")
    assert (s["ordinal"], s["host_city"], s["start_date"]) == (44, "Harare", "2031-08-17")


def test_the_city_in_a_conference_centres_name_hosts_the_summit():
    text = (
        "The 22nd Extraordinary Summit of the EAC Heads of State was held in the morning at the Arusha "
        "International Conference Centre. The Astana International Forum met elsewhere."
    )
    assert _main(text)["host_city"] == "Arusha"


def test_its_summit_is_the_summit_of_the_organization_its_points_to():
    text = (
        "ADDIS ABABA (Wire) - African leaders opened the 37th session of the African Union Assembly on Saturday. "
        "They will take stock of the AU's first months in the G20, which admitted the bloc at its New Delhi summit."
    )
    s = _main(text, published="2031-02-17")
    assert (s["organization"], s["ordinal"], s["host_city"]) == ("African Union", 37, "Addis Ababa")


@pytest.mark.parametrize(
    "tail, role",
    [
        ("over the weekend.", "main"),  # a purpose infinitive of a summit already held
        ("next weekend.", "future"),
        ("on June 20.", "future"),
    ],
)
def test_to_host_a_summit_whose_day_has_come_is_no_future(tail, role):
    text = (
        "The Arab League summit drew few kings. Iraq spent months renovating hotels to host the 34th Arab League "
        "summit in Baghdad " + tail
    )
    f = extract(Article(text=text, published="2031-05-19"))
    assert [s["role"] for s in f["summits"] if s["ordinal"] == 34] == [role]


def test_the_leaders_who_closed_their_summit_name_its_organization():
    s = _main(
        "HIROSHIMA, May 18 (Wire) - Group of Seven leaders closed their annual summit in Hiroshima on Sunday. "
        "Biden also sat down with Modi, Albanese and Kishida for a Quad leaders' meeting in Hiroshima on Saturday.",
        published="2031-05-18",  # a Sunday
    )
    assert (s["organization"], s["host_city"], s["end_date"]) == ("Group of Seven", "Hiroshima", "2031-05-18")


def test_a_dateline_with_a_numeric_date_names_the_city_a_country_shares():
    s = _main(
        "Djibouti, 13/06/2031 (HID) – The ECOWAS summit opened yesterday. Leaders also spoke of the Jeddah talks.",
        published="2031-06-13",
    )
    assert (s["host_city"], s["host_country"], s["start_date"]) == ("Djibouti", "Djibouti", "2031-06-12")


def test_a_session_of_an_organizations_assembly_is_its_summit():
    s = _main(
        "African heads of state will gather at the African Union's headquarters in Addis Ababa on Saturday for "
        "the 44th Ordinary Session of the Assembly of the Union, its top decision-making body.",
        published="2031-02-12",
    )
    assert (s["organization"], s["ordinal"], s["host_city"], s["name"]) == (
        "African Union",
        44,
        "Addis Ababa",
        "Session of the Assembly of the Union",
    )


def test_a_city_naming_another_summit_does_not_host_this_one():
    s = _main(
        "The AU summit opens on Saturday. It is the first summit since the AU became a permanent member of the "
        "G20 at the group's New Delhi summit in September.",
        published="2031-02-12",
    )
    assert (s["organization"], s["host_city"]) == ("AU", None)


def test_the_leaders_who_are_the_sentences_subject_hold_its_bare_summit():
    s = _main(
        "Leaders of the Economic Community of West African States lifted most sanctions on Niger at an "
        "extraordinary summit in Abuja last Saturday. Somalia joined the East African Community three months "
        "after the EAC leaders admitted it at their November summit.",
        published="2031-03-01",
    )
    assert (s["organization"], s["host_city"]) == ("Economic Community of West African States", "Abuja")


def test_a_state_abbreviation_in_a_dateline_and_a_framing_summit_noun():
    s = _main(
        "WILMINGTON, Del. — President Joe Biden hosted the leaders of Australia, India and Japan in his hometown "
        "on Saturday for his last summit of the Quad. Before the summit, Biden received Albanese at his home in "
        "Greenville. He then flew to New York for the United Nations' Summit of the Future.",
        published="2031-09-21",
    )
    assert (s["organization"], s["host_city"]) == ("Quad", "Wilmington")


def test_a_numbered_ministerial_council_of_an_organization_whose_name_holds_for_and_in():
    s = _main(
        "SKOPJE – The 30th Ministerial Council of the Organization for Security and Co-operation in Europe ended "
        "on Friday without a joint declaration.",
        published="2031-12-05",
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == (
        "Organization for Security and Co-operation in Europe",
        30,
        "Skopje",
    )
    assert s["name"] == "Ministerial Council of the Organization for Security and Co-operation in Europe"


def test_a_weekdays_summit_after_of_is_dated_by_that_day():
    s = _main(
        "ABUJA, July 30 (Wire) - ECOWAS ordered the closure of borders with Niger, according to a communique "
        "issued at the end of Sunday's one-day extraordinary summit in the Nigerian capital.",
        published="2031-07-27",  # a Sunday
    )
    assert (s["start_date"], s["end_date"]) == ("2031-07-27", "2031-07-27")


def test_leaders_who_met_date_their_summit_and_a_two_party_summit_keeps_its_own_day():
    f = extract(
        Article(
            text=(
                "Main results\n\nEU leaders met in Brussels on 14 and 15 December 2031. They discussed Ukraine. "
                "At the start of the meeting of the European Council, leaders heard the President of the European "
                "Parliament.\n\nMeeting documents\n\n- EU-Western Balkans summit, Brussels, 13 December 2031"
            ),
            published="2031-12-15",
        )
    )
    (s,) = [s for s in f["summits"] if s["role"] == "main"]
    assert (s["organization"], s["host_city"], s["start_date"], s["end_date"]) == (
        "EU",
        "Brussels",
        "2031-12-14",
        "2031-12-15",
    )


def test_a_bare_summit_two_parties_name_is_not_the_main_ones():
    s = _main(
        "The European Council met in Brussels to discuss Ukraine. The European Council summit also discussed "
        "migration.\n\n- EU-Western Balkans summit, Brussels, 13 December 2031",
        published="2031-12-15",
    )
    assert (s["organization"], s["start_date"]) == ("EU", None)


def test_a_consultative_meeting_of_a_regions_heads_of_state_is_its_own_format():
    s = _main(
        "DUSHANBE, 14.09.2031. Today in Dushanbe was held the Fifth Consultative Meeting of the Heads of State of "
        "Central Asia. The President of the Kyrgyz Republic Sadyr Japarov took part.",
        published="2031-09-14",
    )
    assert (s["organization"], s["ordinal"], s["host_city"]) == (
        "Consultative Meeting of the Heads of State of Central Asia",
        5,
        "Dushanbe",
    )


def test_a_joint_summit_of_two_organizations_is_a_main_summit_of_each():
    facts = extract(
        Article(
            text=(
                "RIYADH, Nov 11 (Wire) - Crown Prince Mohammed bin Salman opened the Joint Arab-Islamic Extraordinary "
                "Summit in Riyadh on Saturday, bringing together the Arab League and the Organisation of Islamic "
                "Cooperation."
            ),
            published="2031-11-11",
        )
    )
    mains = [(s["organization"], s["host_city"], s["start_date"]) for s in facts["summits"] if s["role"] == "main"]
    assert mains == [
        ("Arab League", "Riyadh", "2031-11-08"),
        ("Organisation of Islamic Cooperation", "Riyadh", "2031-11-08"),
    ]


def test_a_bare_summit_named_by_another_city_yields_to_the_datelines_city():
    s = _main(
        "São Tomé, Aug 27 (Lusa) – São Tomé and Príncipe on Sunday took over the presidency of the Community of "
        "Portuguese Language Countries (CPLP), at the end of a summit in the archipelago's capital. The declaration "
        "calls for the mobility agreement signed at the Luanda summit.",
        published="2031-08-28",
    )
    assert s["host_city"] == "São Tomé"
    # a city after the noun is no such compound: "the ASEAN-Japan Summit in Tokyo"
    s = _main("VGP - The Prime Minister attended the ASEAN-Japan Commemorative Summit in Tokyo on Sunday.")
    assert s["host_city"] == "Tokyo"


def test_where_someone_stayed_instead_is_not_the_summits_city():
    s = _main(
        "Keir Starmer hosted the fourth meeting of the European Political Community at Blenheim Palace on "
        "Thursday. Ursula von der Leyen was not at Blenheim. The Commission president stayed in Strasbourg.",
        published="2031-07-18",
    )
    assert s["host_city"] is None


def test_a_roman_ordinal_with_an_english_ending_and_the_longest_full_name():
    s = _main(
        "Leaders met at the Grand Palais in Paris for the XIXth Summit of La Francophonie on Saturday. The "
        "Organisation internationale de la Francophonie (OIF) has 88 States and Governments.",
        published="2031-10-05",
    )
    assert (s["organization"], s["ordinal"]) == ("Organisation internationale de la Francophonie", 19)


def test_a_preview_under_a_masthead_dates_its_summit_by_its_own_clause():
    text = (
        "THE DAILY LEDGER\nWednesday, November 08, 2031\n\nKakar to attend ECO summit in Tashkent\n\n"
        "ISLAMABAD: Prime Minister Kakar will leave for Tashkent today (Wednesday) to represent Pakistan at the 16th "
        "Summit of the Economic Cooperation Organization (ECO), to be held in the Uzbek capital tomorrow "
        "(Thursday).\n\n"
        "The leaders are expected to adopt a declaration at the conclusion of the summit, the spokesperson said, "
        "adding that it would review the ECO Vision 2025, adopted at the 13th ECO Summit held in Islamabad in 2017."
    )
    s = _main(text, published="2031-11-05")
    assert (s["ordinal"], s["host_city"], s["start_date"]) == (16, "Tashkent", "2031-11-06")


def test_a_virtual_summit_is_hosted_where_it_ran_from_not_where_a_leader_joined_from():
    text = (
        "The Prime Minister joins the fifth BIMSTEC summit virtually from her residence in Dhaka on Wednesday.\n\n"
        "The summit was hosted virtually by Sri Lanka, the outgoing chair, from Colombo, with the President presiding."
    )
    s = _main(text, published="2031-03-30")
    assert (s["host_city"], s["host_country"]) == ("Colombo", "Sri Lanka")


@pytest.mark.parametrize(
    "dateline", ["Addu City (Maldives), November 12, 2031", "Addu City, Maldives, November 12, 2031"]
)
def test_a_dated_dateline_names_a_town_the_gazetteer_does_not_know(dateline):
    text = (
        "SAARC builds bridges\n\nRohan Venkataraman, The Daily Ledger\n" + dateline + "\n\n"
        "The grouping's 17th summit ended on Friday on a tiny coral atoll. The next summit will be held in Kathmandu."
    )
    s = _main(text, published="2031-11-12")
    assert (s["host_city"], s["host_country"]) == ("Addu City", "Maldives")


def test_an_undated_line_with_a_country_in_brackets_is_no_dateline():
    text = (
        "SAARC builds bridges\n\nCoral Reef (Maldives)\n\nThe grouping's 17th summit ended on Friday on a tiny atoll."
    )
    assert _main(text, published="2031-11-12")["host_city"] is None


def test_a_decision_on_the_closing_day_of_a_two_day_summit_dates_both_days():
    s = _main(
        "NATO leaders agreed on Wednesday, at the close of their two-day summit in The Hague, to raise spending.",
        published="2031-06-13",
    )
    assert (s["start_date"], s["end_date"]) == ("2031-06-10", "2031-06-11")


def test_the_day_a_summit_opened_said_after_the_day_it_closed_is_its_start():
    s = _main(
        "G7 leaders closed their annual summit in Hiroshima on Sunday. The summit, which opened on Friday, was "
        "dominated by Ukraine.",
        published="2031-06-15",
    )
    assert (s["start_date"], s["end_date"]) == ("2031-06-13", "2031-06-15")


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        (
            "APEC leaders gathered in San Francisco for the summit, which runs today and Friday.",
            ("2031-06-12", "2031-06-13"),
        ),
        ("The ASEAN summit in Jakarta on Monday and Tuesday was dominated by Myanmar.", ("2031-06-09", "2031-06-10")),
        ("The SADC summit takes place on Saturday in Harare.", ("2031-06-14", "2031-06-14")),
    ],
)
def test_two_days_joined_and_a_summit_that_takes_place_on_a_weekday(sentence, dates):
    s = _main(sentence, published="2031-06-12")  # a Thursday
    assert (s["start_date"], s["end_date"]) == dates


def test_the_noun_meet_names_the_summit_and_a_close_dates_its_last_day():
    text = (
        "The 18th SAARC Summit came to a close in Kathmandu on Thursday evening. Only one of the three agreements "
        "prepared for the Nov 26-27 meet was signed. Leaders will meet in Islamabad next year."
    )
    s = _main(text, published="2031-11-28")  # a Friday
    assert (s["ordinal"], s["start_date"], s["end_date"]) == (18, "2031-11-26", "2031-11-27")
    assert _main("The SAARC summit came to a close on Thursday evening.", published="2031-11-28")["end_date"] == (
        "2031-11-27"
    )


@pytest.mark.parametrize("masthead", ["AAI - Algerian Information Agency", "VGP - Vietnam Government Portal"])
def test_a_mastheads_acronym_before_the_publishers_name_is_no_dateline_city(masthead):
    s = _main(
        masthead + "\nFriday, 01 March 2031 10:32\n\nThe GECF summit will open on Saturday.", published="2031-02-28"
    )
    assert s["host_city"] is None


def test_a_weekday_after_a_present_progressive_is_the_coming_one_even_after_a_reporting_verb():
    s = _main(
        "An aide told reporters that 49 countries would take part in the second Russia-Africa summit, which Russia "
        "is hosting on Thursday and Friday.",
        published="2031-07-23",  # a Wednesday
    )
    assert (s["start_date"], s["end_date"]) == ("2031-07-24", "2031-07-25")


def test_a_summit_said_to_be_held_later_in_reported_speech_is_the_next_one_and_keeps_its_city():
    facts = extract(
        Article(
            text=(
                "MAKKAH: The 14th Islamic Summit closed in Makkah on Saturday. The minister told a press conference "
                "after the summit that the next Islamic Summit would be held in Banjul, the Gambia."
            ),
            published="2031-06-01",
        )
    )
    assert [(s["role"], s["host_city"]) for s in facts["summits"]] == [("main", "Mecca"), ("future", "Banjul")]


def test_the_first_to_be_hosted_by_a_country_is_no_future_summit():
    s = _main(
        "Arab leaders gathered in Manama on Thursday for the 33rd Arab summit, the first to be hosted by the Gulf "
        "kingdom since it joined the League.",
        published="2031-05-16",
    )
    assert (s["ordinal"], s["host_city"]) == (33, "Manama")


@pytest.mark.parametrize("label", ["LIVE", "ANALYSIS", "BREAKING"])
def test_a_pages_label_in_capitals_before_a_dash_is_no_dateline_city(label):
    s = _main(
        label + " - EU summit, 23-24 June 2031\n\nThe EU summit opened in Brussels on Thursday.", published="2031-06-23"
    )
    assert s["host_city"] == "Brussels"


@pytest.mark.parametrize("lead", ["When the leaders of the CSTO", "As CSTO leaders"])
def test_an_organizations_leaders_meeting_in_a_clause_after_a_conjunction_is_its_summit(lead):
    s = _main(lead + " gathered in Astana last Thursday, the most talked-about seat was empty.", published="2031-12-03")
    assert (s["organization"], s["host_city"]) == ("CSTO", "Astana")


def test_an_organizations_leaders_meeting_after_a_fronted_time_is_its_summit():
    s = _main("On Friday, leaders of the Pacific Alliance met in Lima to cut tariffs.")
    assert (s["organization"], s["host_city"], s["start_date"]) == ("Pacific Alliance", "Lima", "2031-06-06")


def test_a_past_meeting_of_an_organizations_leaders_is_no_summit_of_the_article():
    facts = extract(Article(text="Last year, leaders of the Pacific Alliance met in Santiago. Trade is growing."))
    assert [s for s in facts["summits"] if s["role"] == "main"] == []


def test_a_summit_that_got_under_way_on_a_weekday_started_then():
    s = _main("The Pacific Alliance summit got under way in Lima on Thursday.")
    assert s["start_date"] == "2031-06-05"


def test_a_previewed_summit_next_month_is_the_articles_summit_with_its_dates():
    s = _main("The Pacific Alliance summit will be held in Lima next month, on July 3-4.")
    assert (s["host_city"], s["start_date"], s["end_date"]) == ("Lima", "2031-07-03", "2031-07-04")


@pytest.mark.parametrize(
    "sentence",
    ["The Pacific Alliance summit in the Peruvian capital ended on Friday.",
     "The Pacific Alliance summit opened in Peru's capital on Friday."],
)  # fmt: skip
def test_a_summit_held_in_a_countrys_capital_named_by_the_country_alone(sentence):
    s = _main(sentence)
    assert (s["host_city"], s["host_country"]) == ("Lima", "Peru")


def test_a_host_city_playing_host_and_a_town_placed_by_a_city():
    assert _main("Lima played host to the Pacific Alliance summit on Friday.")["host_city"] == "Lima"
    s = _main("The Pacific Alliance summit opened on Friday in Paracas, a resort south of Lima.")
    assert s["host_city"] == "Paracas"


def test_an_organizations_heads_of_state_by_its_possessive_meeting_is_its_summit():
    s = _main("The Pacific Alliance's heads of state met in Lima on Friday.")
    assert (s["organization"], s["host_city"], s["start_date"]) == ("Pacific Alliance", "Lima", "2031-06-06")


@pytest.mark.parametrize(
    "dateline",
    ["LIMA, June 6. ", "Lima, 6 June. ", "Lima, June 6 -- ", "LIMA, June 6 -- "],
)
def test_a_dated_dateline_ended_by_a_full_stop_or_a_double_hyphen_names_the_host(dateline):
    s = _main(dateline + "Pacific Alliance leaders opened their summit today.", published="2031-06-06")
    assert (s["host_city"], s["start_date"]) == ("Lima", "2031-06-06")


def test_the_ordinal_of_a_summits_edition():
    s = _main("The 19th edition of the Pacific Alliance summit opened in Lima on Friday.")
    assert (s["ordinal"], s["host_city"]) == (19, "Lima")


@pytest.mark.parametrize("cancel", ["has been cancelled", "was called off", "will not go ahead", "will not take place"])
def test_a_cancelled_summit_is_not_the_one_reported(cancel):
    facts = extract(
        Article(
            text=f"The Quad summit in Sydney next week {cancel}. The four leaders will instead meet at a Quad "
            "summit in Hiroshima on Saturday.",
            published="2031-05-14",
        )
    )
    main = [s for s in facts["summits"] if s["role"] == "main"]
    assert [s["host_city"] for s in main] == ["Hiroshima"]


def test_a_city_a_title_holder_rules_is_not_the_host():
    s = _main(
        "The GCC summit opened on Sunday. Taking part in the summit were the Emir of Qatar and Sheikh Mohammed bin "
        "Rashid, Ruler of Dubai.",
        published="2031-12-01",
    )
    assert s["host_city"] is None


def test_a_town_the_gazetteer_does_not_know_written_with_its_province_hosts_the_summit():
    s = _main("The Prime Minister concluded the G7 Leaders' Summit in Kananaskis, Alberta.", published="2031-06-17")
    assert (s["host_city"], s["host_country"]) == ("Kananaskis", None)
