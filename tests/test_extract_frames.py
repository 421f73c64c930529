"""Membership frames (kg.extract.frames) on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract import extract


def _facts(text: str, published: str = "2031-06-10") -> dict:
    return extract(Article(text=text, published=published))


@pytest.mark.parametrize(
    "text, members",
    [
        ("The bloc's members are Chile, Peru and Colombia.", ["Chile", "Peru", "Colombia"]),
        ("The Andean Forum, which groups Chile, Peru and Colombia, met on Monday.", ["Chile", "Peru", "Colombia"]),
        ("The union brings together Ghana, Togo and Benin.", ["Ghana", "Togo", "Benin"]),
        ("Member states — Norway, Iceland and Denmark — sent delegations.", ["Norway", "Iceland", "Denmark"]),
        (
            "Its member-states now include the Federative Republic of Brazil, the United Mexican States and Lao PDR.",
            ["Brazil", "Mexico", "Laos"],
        ),
        ("The member states are:\n- Kenya\n- Uganda\n- Rwanda\n", ["Kenya", "Uganda", "Rwanda"]),
        # a non-member is no member; a summit that brings together leaders is no membership list
        ("Non-member states such as Chile and Peru were invited.", []),
        ("The summit brings together Chile, Peru and Colombia.", []),
    ],
)
def test_member_lists(text, members):
    assert _facts(text)["member_states"] == members


def test_member_states_are_not_the_united_states():
    facts = _facts("The Member States of the organization agreed to meet again. States parties signed.")
    assert "United States" not in facts["member_states"]
    assert "United States" not in {p["name"] for p in facts["places"]}


@pytest.mark.parametrize(
    "text, observers",
    [
        (
            "Observers at the Lima summit included Japan, Ukraine and the U.A.E.",
            ["Japan", "Ukraine", "United Arab Emirates"],
        ),
        ("The leaders also granted Timor-Leste an observer status.", ["Timor-Leste"]),
        ("Mongolia and Iran attended as observers.", ["Mongolia", "Iran"]),
        (
            "Representatives of the Observer States included:\n\nPresident of Mongolia A. Batbold, "
            "Prime Minister of Belarus R. Golovko\n\nThe talks ended.",
            ["Mongolia", "Belarus"],
        ),
    ],
)
def test_observer_frames(text, observers):
    assert _facts(text)["observer_states"] == observers


def test_partner_frames():
    facts = _facts("The dialogue partners are Nepal and Sri Lanka. Cambodia and Laos became partner countries.")
    assert facts["dialogue_partners"] == ["Nepal", "Sri Lanka", "Cambodia", "Laos"]
    assert facts["member_states"] == []


def test_admitted_in_principle_is_a_new_member():
    facts = _facts("The leaders agreed in principle to admit Timor-Leste as the 11th member of the bloc.")
    assert [n["country"] for n in facts["new_members"]] == ["Timor-Leste"]


@pytest.mark.parametrize(
    "text, members",
    [
        ("Heads of the member state delegations: Russia, China and Kazakhstan.", ["Russia", "China", "Kazakhstan"]),
        ("The bloc’s 10 members are Brazil, Russia and the UAE.", ["Brazil", "Russia", "United Arab Emirates"]),
    ],
)
def test_more_member_lists(text, members):
    assert _facts(text)["member_states"] == members


def test_observer_in_apposition():
    facts = _facts("Turkmenistan, an observer state, and Hungary, an observer, attended the OTS summit in Bishkek.")
    assert facts["observer_states"] == ["Turkmenistan", "Hungary"]
    assert {"Turkmenistan", "Hungary"} <= {p["country"] for p in facts["participants"]}


def test_an_observer_that_joins_is_a_new_member():
    facts = _facts("Iran, an observer since 2005, joined the SCO as a full member.")
    assert [n["country"] for n in facts["new_members"]] == ["Iran"]
    assert facts["member_states"] == ["Iran"] and facts["observer_states"] == []
    facts = _facts("Sweden, a partner for decades, joined NATO in March 2024.", published="2031-07-10")
    assert facts["new_members"] == [] and facts["member_states"] == ["Sweden"]


@pytest.mark.parametrize(
    "text, members",
    [
        ("The SCO currently has nine members: China, India and Iran.", ["China", "India", "Iran"]),
        ("Founded in 2001 by China, Russia and Kazakhstan, the SCO grew.", ["China", "Russia", "Kazakhstan"]),
        (
            "The Gulf Cooperation Council (GCC) groups Saudi Arabia, the UAE and Oman.",
            ["Saudi Arabia", "United Arab Emirates", "Oman"],
        ),
        ("Laos is not a member of the bloc, unlike Vietnam.", []),
        # a count of members, then no list: nothing
        ("The nine members of the SCO met, Russia said.", []),
    ],
)
def test_counted_and_founding_members(text, members):
    assert _facts(text)["member_states"] == members


def test_part_of_the_group_and_a_membership_memorandum():
    facts = _facts("The members include Brazil and India, with Egypt, Ethiopia and Iran also part of the group.")
    assert facts["member_states"] == ["Brazil", "India", "Egypt", "Ethiopia", "Iran"]
    facts = _facts(
        "Leaders signed the Memorandum of Commitments of the Republic of India for obtaining SCO member country status."
    )
    assert [n["country"] for n in facts["new_members"]] == ["India"] and facts["member_states"] == []
    assert _facts("Crimea is part of Ukraine, Kyiv said.")["member_states"] == []


@pytest.mark.parametrize(
    "text, members",
    [
        # an organization's name (with its acronym) right before "members" / "member states"
        (
            "The minister then toured the Andean Community (CAN) members Chile, Peru and Bolivia.",
            ["Chile", "Peru", "Bolivia"],
        ),
        ("She visited fellow member states Ghana and Togo last week.", ["Ghana", "Togo"]),
        # a grouping verb, a count of states and a colon before the list
        (
            "The alliance consists of four states: Norway, Iceland, Denmark and Finland.",
            ["Norway", "Iceland", "Denmark", "Finland"],
        ),
        # a pronoun subject is enough when the list is named "as member countries"
        (
            "It comprises Chile, Peru and Bolivia as member countries and Spain as an observer state.",
            ["Chile", "Peru", "Bolivia"],
        ),
        # "alongside X, the members include ...": X is a member too
        ("Alongside Kenya, the member states now include Uganda and Rwanda.", ["Kenya", "Uganda", "Rwanda"]),
        # taking part since a year in an organization
        ("Bolivia has been participating in the Andean Community since 1969.", ["Bolivia"]),
        # a summit or a visit is no membership; another bloc's members are not this one's
        ("The minister toured Chile, Peru and Bolivia.", []),
        (
            (
                "The Andean Community met in Lima. The Andean Community leaders spoke. Later the European Union "
                "members France and Spain sent a note."
            ),
            [],
        ),
        ("It comprises Chile and Peru as guests.", []),
    ],
)
def test_member_lists_named_by_organization_count_or_time(text, members):
    assert sorted(_facts(text)["member_states"]) == sorted(members)


@pytest.mark.parametrize(
    "text, observers",
    [
        # "gets observer status, joining A, B and C": those already hold it
        (
            "The leaders said Spain would obtain observer status, joining Japan, Chile and Peru.",
            ["Spain", "Japan", "Chile", "Peru"],
        ),
        # "joined the ORG as an observer"
        ("Bolivia also joined the Andean Community as an observer country.", ["Bolivia"]),
        ("Bolivia hopes to join the Andean Community as an observer.", []),
    ],
)
def test_more_observer_lists(text, observers):
    assert sorted(_facts(text)["observer_states"]) == sorted(observers)


def test_representatives_and_an_observer_named_in_an_attendance_sentence_take_part():
    facts = _facts(
        "The 9th Andean Community Summit in Lima was attended by the leaders of member states as well as "
        "representatives from Spain, Japan and Canada, along with Mexico as an observer."
    )
    assert [p["country"] for p in facts["participants"]] == ["Spain", "Japan", "Canada", "Mexico"]
    assert facts["observer_states"] == ["Mexico"]


def test_representatives_without_attendance_do_not_take_part():
    facts = _facts("Representatives of Spain and Japan criticised the Andean Community summit in Lima.")
    assert facts["participants"] == []


def test_a_country_whose_delegation_someone_headed_takes_part():
    facts = _facts(
        "The prime minister stressed unity as he headed Peru's delegation at the 12th Andean Community Summit."
    )
    assert "Peru" in [p["country"] for p in facts["participants"]]
    facts = _facts("Peru's delegation complained about the weather in Lima.")
    assert facts["participants"] == []


def test_dialogue_partners_of_the_bloc_before_a_dash_list():
    facts = _facts(
        "The Andean Community summit opened in Lima. The dialogue partners of the bloc — "
        "India, Turkey and Japan — sent ministers."
    )
    assert facts["dialogue_partners"] == ["India", "Turkey", "Japan"]
    facts = _facts(
        "The Andean Community summit opened in Lima. Dialogue partners of the bloc said little; "
        "India and Japan sent ministers."
    )
    assert facts["dialogue_partners"] == []


@pytest.mark.parametrize(
    "text, new",
    [
        ("The summit approved Chile's accession to the bloc.", ["Chile"]),
        ("Chile's membership was approved at the summit.", ["Chile"]),
        ("Chile was granted full membership.", ["Chile"]),
        ("The bloc upgraded Argentina from observer to full member.", ["Argentina"]),
        # admitted as something less than a member: no new member
        ("Argentina, Mexico and Uruguay were admitted as dialogue partners.", []),
        ("The leaders welcomed Argentina and Mexico as observers.", []),
    ],
)
def test_new_members_from_accession_and_membership_phrases(text, new):
    facts = _facts("The Andean Community summit opened in Lima on June 9, 2031. " + text)
    assert [n["country"] for n in facts["new_members"]] == new


@pytest.mark.parametrize(
    "text, observers, partners",
    [
        ("The leaders granted observer status to Argentina and Mexico.", ["Argentina", "Mexico"], []),
        ("Argentina and Mexico became observers.", ["Argentina", "Mexico"], []),
        ("Argentina and Mexico have been observers since 2015.", ["Argentina", "Mexico"], []),
        ("Observer states Argentina and Mexico attended the summit.", ["Argentina", "Mexico"], []),
        ("The leaders welcomed Argentina and Mexico as observers.", ["Argentina", "Mexico"], []),
        ("Argentina, Mexico and Uruguay were admitted as dialogue partners.", [], ["Argentina", "Mexico", "Uruguay"]),
    ],
)
def test_observer_and_partner_phrases(text, observers, partners):
    facts = _facts("The Andean Community summit opened in Lima on June 9, 2031. " + text)
    assert (facts["observer_states"], facts["dialogue_partners"]) == (observers, partners)


@pytest.mark.parametrize(
    "text",
    [
        "Representatives of Spain and Japan did not attend the Andean Community summit in Lima.",
        "Peru's delegation boycotted the Andean Community summit in Lima.",
    ],
)
def test_representatives_or_a_delegation_that_stayed_away(text):
    assert _facts(text)["participants"] == []


@pytest.mark.parametrize(
    "text, members",
    [
        ("Members: Bolivia, Colombia, Ecuador, Peru.", ["Bolivia", "Colombia", "Ecuador", "Peru"]),
        (
            "The Andean Community's members, Bolivia, Colombia, Ecuador and Peru, met in Lima.",
            ["Bolivia", "Colombia", "Ecuador", "Peru"],
        ),
        (
            "The four Andean Community members, Bolivia, Colombia and Peru, met in Lima.",
            ["Bolivia", "Colombia", "Peru"],
        ),
        (
            "The grouping of Bolivia, Colombia, Ecuador and Peru met in Lima.",
            ["Bolivia", "Colombia", "Ecuador", "Peru"],
        ),
        ("The Andean Community of Bolivia, Colombia and Peru met in Lima.", ["Bolivia", "Colombia", "Peru"]),
        (
            "Bolivia, Colombia, Ecuador and Peru make up the Andean Community.",
            ["Bolivia", "Colombia", "Ecuador", "Peru"],
        ),
        ("Bolivia, Colombia and Peru form the bloc.", ["Bolivia", "Colombia", "Peru"]),
        # no membership: a comma that opens a reporting clause, a working group, a title of a country
        ("The bloc's members, Bolivia said, must pay on time.", []),
        ("Bolivia and Peru formed a working group at the Andean Community summit.", []),
        ("The President of Bolivia and Peru's foreign minister met at the Andean Community summit.", []),
    ],
)
def test_member_lists_as_appositions_and_subjects(text, members):
    assert _facts(text)["member_states"] == members


@pytest.mark.parametrize(
    "text, countries",
    [
        ("The Chilean delegation at the Andean Community summit in Lima was small.", ["Chile"]),
        ("He headed Chile's high-level delegation at the Andean Community summit in Lima.", ["Chile"]),
        (
            "The leaders of guest countries - Spain and Mexico - attended the Andean Community summit in Lima.",
            ["Spain", "Mexico"],
        ),
        ("The Chilean delegation criticised the Andean Community.", []),
        ("Guest countries Spain and Mexico stayed away from the Andean Community summit in Lima.", []),
    ],
)
def test_delegations_and_guest_countries_take_part(text, countries):
    assert [p["country"] for p in _facts(text)["participants"]] == countries


@pytest.mark.parametrize(
    "text, members",
    [
        (
            "The Andean Community is an association of states, in which Bolivia began participating in 1969.",
            ["Bolivia"],
        ),
        ("Bolivia began participating in the Andean Community in 1969.", ["Bolivia"]),
        ("Bolivia began participating in the talks in 1969.", []),
        ("Peru said that Bolivia began taking part late.", []),
    ],
)
def test_began_participating_in_the_organization(text, members):
    assert _facts(text)["member_states"] == members


@pytest.mark.parametrize(
    "text, observers, partners",
    [
        ("Observer nations Spain and Mexico sent envoys.", ["Spain", "Mexico"], []),
        ("Spain participates in the bloc as an observer.", ["Spain"], []),
        ("Spain and Mexico, both observers, sent envoys.", ["Spain", "Mexico"], []),
        ("Spain attended the summit as an observer.", ["Spain"], []),
        ("Spain and Mexico have the status of observers.", ["Spain", "Mexico"], []),
        ("India, Turkey and Japan are among the bloc's dialogue partners.", [], ["India", "Turkey", "Japan"]),
        ("The bloc granted dialogue partner status to India and Turkey.", [], ["India", "Turkey"]),
        ("Panama applied for observer status last year.", [], []),
    ],
)
def test_more_observer_and_partner_phrases(text, observers, partners):
    facts = _facts("The Andean Community summit opened in Lima on June 9, 2031. " + text)
    assert (facts["observer_states"], facts["dialogue_partners"]) == (observers, partners)


@pytest.mark.parametrize(
    "text, attending",
    [
        ("Uzbekistan and Cuba attend as observer states.", ["Uzbekistan", "Cuba"]),
        ("Serbia joined the summit as an observer.", ["Serbia"]),
        ("Serbia joined the CSTO as an observer.", []),  # joining the organization is not being at its summit
    ],
)
def test_observers_said_to_be_at_the_summit_take_part(text, attending):
    facts = _facts("The CSTO summit opened in Minsk. " + text)
    assert ([p["country"] for p in facts["participants"]], bool(facts["observer_states"])) == (attending, True)


@pytest.mark.parametrize(
    "text, countries",
    [
        ("Mexico sent its foreign minister, while Peru sent its vice president.", ["Mexico", "Peru"]),
        ("Russia sent its condolences to the victims.", []),
        ("Myanmar sent a senior foreign ministry official instead of a political representative.", ["Myanmar"]),
        ("China sent a strong signal to the bloc.", []),
        ("Russia sent a strongly worded official protest to the chair.", []),
    ],
)
def test_a_country_that_sent_its_minister_takes_part(text, countries):
    facts = _facts("The CELAC summit opened in Tegucigalpa on Saturday. " + text)
    assert [p["country"] for p in facts["participants"]] == countries


def test_leaders_of_invited_countries_named_after_including_take_part():
    facts = _facts(
        "The G7 summit opened in Hiroshima on Friday. Leaders of eight invited countries, including India, "
        "Brazil and Indonesia, will join the outreach sessions on Saturday."
    )
    assert [p["country"] for p in facts["participants"]] == ["India", "Brazil", "Indonesia"]
    assert facts["member_states"] == []
    # a count of countries with no list after it names none
    assert (
        _facts("The G7 summit opened in Hiroshima. Leaders of eight countries met India's envoy.")["participants"] == []
    )


def test_a_list_after_members_or_observers_and_a_comma_names_them():
    facts = _facts(
        "The PIF summit opened in Suva. The four other Micronesian members, Palau, the Marshall Islands and Nauru, "
        "are staying. Delegations from the association's nine observers, Australia, China and Japan, attended. "
        "Its non-members, Chile and Peru, stayed away."
    )
    assert facts["member_states"] == ["Palau", "Marshall Islands", "Nauru"]
    assert facts["observer_states"] == ["Australia", "China", "Japan"]
    assert [p["country"] for p in facts["participants"]] == ["Australia", "China", "Japan"]


def test_members_are_a_list():
    facts = _facts("The EAC summit opened in Arusha. The bloc's other members are Kenya, Uganda and Tanzania.")
    assert facts["member_states"] == ["Kenya", "Uganda", "Tanzania"]


def test_an_organization_described_as_a_grouping_of_countries_has_them_as_members():
    facts = _facts(
        "Leaders fly to Tokyo for the meeting of the Quad, the informal grouping of Australia, India and Japan."
    )
    assert facts["member_states"] == ["Australia", "India", "Japan"]
    # a grouping of things that are no countries' list names no members
    assert _facts("The G7 summit is a grouping of Australia's friends.")["member_states"] == []


def test_mercosurs_states_parties_and_a_seat_taken_as_a_full_member():
    facts = _facts(
        "The Mercosur summit opened in Asuncion. Bolivia formally took its seat as a full member of Mercosur on "
        "Monday. Peña welcomed Brazil's Luiz Inácio Lula da Silva. Mercosur counts six States Parties: Argentina, "
        "Brazil, Paraguay, Uruguay, Bolivia and Venezuela."
    )
    assert [m["country"] for m in facts["new_members"]] == ["Bolivia"]  # no Brazil: its president was welcomed
    assert facts["member_states"] == ["Bolivia", "Argentina", "Brazil", "Paraguay", "Uruguay", "Venezuela"]


def test_countries_that_became_the_nth_members_and_invited_countries_after_a_dash():
    facts = _facts(
        "The 26th Commonwealth Heads of Government Meeting opened in Kigali on Friday. Gabon and Togo on Friday "
        "became the 55th and 56th members of the Commonwealth. Eight invited countries will join the talks this "
        "weekend -- Brazil, the Comoros and the Cook Islands."
    )
    assert [m["country"] for m in facts["new_members"]] == ["Gabon", "Togo"]
    assert [p["country"] for p in facts["participants"]] == ["Brazil", "Comoros", "Cook Islands"]


def test_a_bloc_defined_by_its_members_and_a_list_among_the_existing_members():
    facts = _facts(
        "The G7 summit opened in Apulia. The G7 is the US, Japan, Germany and Canada, with the EU at the table. "
        "Among the existing members, Australia and New Zealand had signalled support. The G7 is the US's club."
    )
    assert facts["member_states"] == ["United States", "Japan", "Germany", "Canada", "Australia", "New Zealand"]


@pytest.mark.parametrize(
    "sentence, members",
    [
        (
            "Six member states remain suspended from AU activities after military takeovers: Mali, Guinea, "
            "Burkina Faso, Sudan, Niger and Gabon.",
            ["Mali", "Guinea", "Burkina Faso", "Sudan", "Niger", "Gabon"],
        ),
        (
            "With the incorporation of Bolivia the bloc formed by Argentina, Brazil, Paraguay and Uruguay in 1991 "
            "has five active States Parties.",
            ["Argentina", "Brazil", "Paraguay", "Uruguay"],
        ),
        (
            "Somalia thus joins Burundi, Kenya, Rwanda, South Sudan, Tanzania and Uganda in what had been a "
            "six-nation bloc.",
            ["Burundi", "Kenya", "Rwanda", "South Sudan", "Tanzania", "Uganda"],
        ),
        # joining people, or a list that is no bloc's: no members
        ("Macron joins Scholz, Meloni and Sanchez in the call for a ceasefire.", []),
    ],
)
def test_members_named_by_suspension_foundation_and_joining(sentence, members):
    facts = extract(Article(text="The AU summit opened in Addis Ababa. " + sentence, published="2031-02-12"))
    assert facts["member_states"] == members


@pytest.mark.parametrize(
    "sentence, country, status",
    [
        (
            "The meeting was marked by the incorporation of Bolivia as full member and by the absence of Milei.",
            "Bolivia",
            "joined: incorporation of",
        ),
        ("The meeting was the formal return: Brazil rejoined the 33-nation community.", "Brazil", "joined: rejoined"),
    ],
)
def test_a_state_incorporated_or_rejoining_is_a_new_member(sentence, country, status):
    facts = extract(Article(text="The Mercosur summit opened in Asuncion. " + sentence, published="2031-07-08"))
    assert [(n["country"], n["status"]) for n in facts["new_members"]] == [(country, status)]
    assert country in facts["member_states"]


def test_a_state_joining_another_bloc_is_no_new_member_of_the_articles():
    facts = extract(
        Article(
            text=(
                "ECOWAS leaders lifted sanctions on Niger at an extraordinary ECOWAS summit in Abuja. ECOWAS also "
                "urged the Sahel states to return. Somalia is set to become a full member of the East African "
                "Community on Monday."
            ),
            published="2031-03-01",
        )
    )
    assert facts["new_members"] == []
    assert "Somalia" not in facts["member_states"]


def test_states_the_leaders_agreed_to_invite_are_new_members_still_being_admitted():
    facts = extract(
        Article(
            text=(
                "JOHANNESBURG – BRICS leaders have agreed to invite Argentina, Egypt and Iran to become full members "
                "of the bloc, President Cyril Ramaphosa announced on Thursday at the close of the 15th BRICS Summit."
            ),
            published="2031-08-24",
        )
    )
    assert [(n["country"], n["status"]) for n in facts["new_members"]] == [
        ("Argentina", "admission in progress: invite"),
        ("Egypt", "admission in progress: invite"),
        ("Iran", "admission in progress: invite"),
    ]
    assert facts["member_states"] == []  # not yet members


def test_an_organization_that_brings_together_countries_lists_its_members():
    facts = extract(
        Article(
            text=(
                "The 3SI summit opened in Vilnius. The Three Seas Initiative (3SI) brings together 13 EU countries "
                "lying between the Baltic, Adriatic and Black seas: Austria, Bulgaria, Croatia, the Czech Republic "
                "and Estonia. The Three Seas Initiative met on Thursday."
            ),
            published="2031-04-11",
        )
    )
    assert facts["member_states"] == ["Austria", "Bulgaria", "Croatia", "Czech Republic", "Estonia"]


def test_a_state_that_joined_in_a_month_and_year_before_is_a_member():
    facts = extract(
        Article(
            text="The NATO summit opened in Washington on Tuesday. Neighboring Finland joined in April 2023.",
            published="2031-07-11",
        )
    )
    assert facts["member_states"] == ["Finland"] and facts["new_members"] == []


def test_an_admission_agreed_at_an_earlier_summit_is_no_new_member_of_this_one():
    facts = extract(
        Article(
            text=(
                "The 43rd ASEAN Summit opened in Jakarta on Tuesday. ASEAN agreed in principle last November in Phnom "
                "Penh to admit Timor-Leste as its 11th member. Indonesia last hosted the summit in May, at the 42nd "
                "ASEAN Summit in Labuan Bajo."
            ),
            published="2031-09-05",
        )
    )
    assert facts["new_members"] == [] and "Timor-Leste" not in facts["member_states"]
    assert [(s["ordinal"], s["role"]) for s in facts["summits"] if s["role"] == "main"] == [(43, "main")]


def test_observers_whose_delegations_joined_the_members_in_the_hall_take_part():
    facts = extract(
        Article(
            text=(
                "The SAARC summit opened in Kathmandu. SAARC's eight members were joined in the hall by delegations "
                "from its nine observers: Australia, China and Iran."
            ),
            published="2031-11-26",
        )
    )
    assert facts["observer_states"] == ["Australia", "China", "Iran"]
    assert [p["country"] for p in facts["participants"]] == ["Australia", "China", "Iran"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit will bring together leaders from the four NATO allies on the eastern flank - Estonia, Latvia, "
        "Lithuania and Poland - to discuss Russia.",
        "The summit will bring together the four JEF nations: Estonia, Latvia, Lithuania and Poland.",
    ],
)
def test_a_counted_group_with_its_list_names_the_members(sentence):
    facts = _facts("The B4 summit opened in Riga. " + sentence)
    assert facts["member_states"] == ["Estonia", "Latvia", "Lithuania", "Poland"]


def test_a_list_shorter_than_its_count_names_no_members():
    facts = _facts("The B4 summit opened in Riga. The summit brings together the five nations: Estonia and Latvia.")
    assert facts["member_states"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The SICA summit opened in Guatemala City. SICA, founded in 1991 under the Tegucigalpa Protocol, groups "
        "Belize, Costa Rica and Panama.",
        "The SICA summit opened in Guatemala City. The bloc was founded in 1991. It comprises Belize, Costa Rica and "
        "Panama.",
        "The SICA summit opened in Guatemala City. The plan was endorsed by Belize, Costa Rica and Panama, the three "
        "members of SICA.",
    ],
)
def test_a_bloc_that_groups_or_comprises_its_members_and_a_list_named_as_its_n_members(text):
    assert _facts(text)["member_states"] == ["Belize", "Costa Rica", "Panama"]


def test_a_sentence_about_something_else_that_includes_countries_names_no_members():
    facts = _facts(
        "The SICA summit opened in Guatemala City. Leaders met. The agenda includes Belize, Costa Rica and Panama."
    )
    assert facts["member_states"] == []


def test_another_blocs_members_are_not_the_summits_blocs():
    facts = _facts(
        "The CELAC summit opened in Tegucigalpa. CELAC was founded in 2011 as an alternative to the Washington-based "
        "Organization of American States, which also includes the United States and Canada."
    )
    assert facts["member_states"] == []


def test_a_country_in_apposition_as_a_member_since_a_year_is_a_member():
    assert _facts("The NATO summit opened in Madrid. Turkey, a member since 1952, had blocked the talks.")[
        "member_states"
    ] == ["Turkey"]
    assert (
        _facts("The NATO summit opened in Madrid. Turkey, a member since 1995 of the WTO, spoke.")["member_states"]
        == []
    )


def test_states_that_remain_suspended_from_the_bloc_are_its_members():
    facts = _facts(
        "The ECOWAS summit opened in Accra. The Authority said Mali, Burkina Faso and Guinea, where soldiers have "
        "seized power since 2020, would remain suspended from all ECOWAS decision-making bodies."
    )
    assert facts["member_states"] == ["Mali", "Burkina Faso", "Guinea"]
    assert _facts("The ECOWAS summit opened in Accra. Talks were suspended.")["member_states"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The SICA summit opened in Guatemala City. The grouping's members are now Belize, Costa Rica and Panama.",
        "The SICA summit opened in Guatemala City.\n- The SICA members are Belize, Costa Rica and Panama.",
        "The SICA summit opened in Guatemala City. SICA member states include Belize, Costa Rica and Panama.",
        "The SICA summit opened in Guatemala City. Its membership now comprises three countries: Belize, Costa Rica "
        "and Panama.",
        "The SICA summit opened in Guatemala City. SICA's membership comprises Belize, Costa Rica and Panama.",
    ],
)
def test_members_named_after_the_blocs_name_or_its_membership(text):
    assert _facts(text)["member_states"] == ["Belize", "Costa Rica", "Panama"]


def test_another_blocs_members_named_after_its_name_are_not_the_summits_blocs():
    facts = _facts(
        "The SICA summit opened in Guatemala City on Tuesday. SICA leaders met. The SICA summit adopted a "
        "declaration. NATO members are Canada, France and Italy."
    )
    assert facts["member_states"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The SICA summit opened in Guatemala City. Belize, Costa Rica and Panama, all SICA members, signed.",
        "The SICA summit opened in Guatemala City. Belize, Costa Rica and Panama, the bloc's three members, signed.",
        "The SICA summit opened in Guatemala City. Belize, Costa Rica and Panama belong to SICA.",
        "The SICA summit opened in Guatemala City. Belize, Costa Rica and Panama, which belong to SICA, signed.",
        "The SICA summit opened in Guatemala City. SICA counts Belize, Costa Rica and Panama as members.",
    ],
)
def test_a_list_said_to_be_the_blocs_members_or_to_belong_to_it(text):
    assert _facts(text)["member_states"] == ["Belize", "Costa Rica", "Panama"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Canada, France and Italy, all NATO members, signed.",
        "Canada, France and Italy belong to NATO.",
        "Belize, Costa Rica and Panama, the bloc's four members, signed.",  # a count the list does not meet
    ],
)
def test_a_list_of_another_blocs_members_or_shorter_than_its_count_is_no_members(sentence):
    facts = _facts(
        "The SICA summit opened in Guatemala City on Tuesday. SICA leaders met. The SICA summit adopted a "
        "declaration. " + sentence
    )
    assert facts["member_states"] == []


@pytest.mark.parametrize(
    "sentence",
    ["Observers Belize, Costa Rica and Panama also attended.", "Belize, Costa Rica and Panama, the bloc's three "
     "observers, attended."],
)  # fmt: skip
def test_observers_named_before_their_list_or_in_apposition_after_it(sentence):
    facts = _facts("The SICA summit opened in Guatemala City. " + sentence)
    assert facts["observer_states"] == ["Belize", "Costa Rica", "Panama"]


def test_market_observers_quoted_are_no_observer_states():
    facts = _facts("The SICA summit opened in Guatemala City. Observers say Belize, Costa Rica and Panama gained most.")
    assert facts["observer_states"] == []


@pytest.mark.parametrize(
    "sentence",
    ["Belize and Panama were formally admitted to the bloc.", "The accession of Belize and Panama was approved."],
)
def test_new_members_formally_admitted_or_whose_accession_was_approved(sentence):
    facts = _facts("The SICA summit opened in Guatemala City. " + sentence)
    assert [m["country"] for m in facts["new_members"]] == ["Belize", "Panama"]
