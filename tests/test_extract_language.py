"""Extraction on kinds of phrasing rather than on articles (issue 14): each test is a
sentence written for it, about a made-up or a different event, and checks one fact."""

from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract import extract


def _facts(text: str, published: str = "2031-06-10") -> dict:
    return extract(Article(text=text, published=published))


def _main(text: str, published: str = "2031-06-10") -> dict:
    main = [s for s in _facts(text, published)["summits"] if s["role"] == "main"]
    assert len(main) == 1, main
    return main[0]


# --- summits ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, org",
    [
        # a summit body that "met", with no summit noun
        (
            "The Collective Security Treaty Organization's Collective Security Council met in Bishkek on November 28.",
            "Collective Security Treaty Organization",  # the article's own form (no acronym in it)
        ),
        # "ORG held its Nth session"
        (
            "The Supreme Council of the Gulf Cooperation Council held its 44th session in Doha on December 5.",
            "Gulf Cooperation Council",
        ),
        # a bare "Leaders' Meeting" belongs to the article's organization
        ("APEC Economic Leaders' Week culminated in the Leaders' Meeting in Lima on November 16.", "APEC"),
        # an official name written without its hyphen
        (
            (
                "The fifth summit of the Conference on Interaction and Confidence Building Measures in Asia will take "
                "place in Baku."
            ),
            "CICA",
        ),
    ],
)
def test_summit_bodies_and_spellings(text, org):
    s = _main(text)
    assert s["organization"] == org


def test_held_its_session_gives_ordinal_and_date():
    s = _main("The Supreme Council of the Gulf Cooperation Council held its 44th session in Doha on December 5.")
    assert (s["ordinal"], s["host_city"], s["start_date"]) == (44, "Doha", "2031-12-05")


def test_host_city_before_the_noun_not_another_events_city():
    s = _main(
        "Heads of state of the Non-Aligned Movement gathered in Kampala for the 19th NAM Summit, which follows "
        "a United Nations meeting in New York."
    )
    assert (s["host_city"], s["ordinal"]) == ("Kampala", 19)


def test_date_of_another_event_in_the_same_sentence_is_not_borrowed():
    s = _main(
        "The leaders of the Gulf Cooperation Council will gather in Muscat for their 46th session next month, "
        "two weeks after the foreign ministers meet in Riyadh on June 20."
    )
    assert (s["ordinal"], s["host_city"], s["start_date"], s["end_date"]) == (46, "Muscat", None, None)


# --- membership ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, members",
    [
        (
            (
                "The summit of the eight-member bloc — Kenya, Uganda, Tanzania, Rwanda, Burundi, South Sudan, Somalia "
                "and "
                "the Democratic Republic of the Congo — opened in Arusha."
            ),
            [
                "Kenya",
                "Uganda",
                "Tanzania",
                "Rwanda",
                "Burundi",
                "South Sudan",
                "Somalia",
                "Democratic Republic of the Congo",
            ],
        ),
        (
            (
                "The summit was attended by the heads of the member-state delegations: President of Chile Ana Rojas "
                "and President of Peru Luis Vega."
            ),
            ["Chile", "Peru"],
        ),
        (
            (
                "Members of the group include the Federative Republic of Brazil, the Russian Federation and the "
                "Republic of "
                "South Africa."
            ),
            ["Brazil", "Russia", "South Africa"],
        ),
        ("The United Mexican States and the Argentine Republic are full members.", ["Mexico", "Argentina"]),
        # members of another body are not this summit's bloc's members
        (
            (
                "Turkey and Hungary are members of NATO, while Iran and India are members of the Shanghai Cooperation "
                "Organisation. The SCO summit opened in Tianjin."
            ),
            ["Iran", "India"],
        ),
        ("The members of the bloc met in Brazil and Russia.", []),
    ],
)
def test_member_lists(text, members):
    assert _facts(text)["member_states"] == members


def test_observer_that_becomes_a_member_is_new():
    facts = _facts("Laos, an observer since 2023, became the organization's tenth full member at the summit.")
    assert [m["country"] for m in facts["new_members"]] == ["Laos"]
    assert facts["member_states"] == ["Laos"]


# --- documents ----------------------------------------------------------------------------


def _docs(text: str) -> list[tuple[str, str | None]]:
    return [(d["title"], d["status"]) for d in _facts(text)["documents"] if d["named"] and d["at_summit"]]


@pytest.mark.parametrize(
    "text, docs",
    [
        # refused and not adopted: each document keeps its own verb
        (
            (
                "Chile's president refused to sign the final declaration, and the joint statement on regional "
                "security was not adopted."
            ),
            [("final declaration", "refused to sign"), ("joint statement on regional security", "not adopted")],
        ),
        # the text a meeting "ended with"
        (
            "The meeting ended with the final communiqué, which called for a ceasefire.",
            [("final communiqué", "issued")],
        ),
        ("The talks ended in an agreement on tariffs.", []),
        # the status verb before "including"
        (
            (
                "At the end of the summit, a total of eleven documents were signed, including the Agreement on Mutual "
                "Recognition of Diplomas and the Protocol on Customs Cooperation."
            ),
            [("Agreement on Mutual Recognition of Diplomas", "signed"), ("Protocol on Customs Cooperation", "signed")],
        ),
        # a title does not swallow the next verb's "and to"
        (
            (
                "The summit is expected to approve the Roadmap for Regional Connectivity 2032-2040 and to sign the "
                "Charter "
                "of the Organization."
            ),
            [
                ("Roadmap for Regional Connectivity 2032-2040", "to be approved"),
                ("Charter of the Organization", "to be signed"),
            ],
        ),
        # "the final declaration" is the named declaration written a second time
        (
            "The leaders adopted the Lagos Declaration on Monday. The final declaration was adopted after long talks.",
            [("Lagos Declaration", "adopted")],
        ),
    ],
)
def test_documents(text, docs):
    assert _docs(text) == docs


# --- people -------------------------------------------------------------------------------


def _people(text: str) -> list[tuple[str, str | None]]:
    return [(p["name"], p["role"]) for p in _facts(text)["people"]]


@pytest.mark.parametrize(
    "text, people",
    [
        # a capitalized phrase before "Title Name" is no person
        (
            "Speaking at the Plenary Session, Chinese President Xi Jinping said the talks went well.",
            [("Xi Jinping", "Chinese President")],
        ),
        (
            "At the Opening Ceremony, President Cyril Ramaphosa welcomed BRICS leaders.",
            [("Cyril Ramaphosa", "President")],
        ),
        # a title in capitals
        ("SECRETARY-GENERAL Maria Lopez opened the OAS summit.", [("Maria Lopez", "Secretary-General")]),
        (
            "PRESIDENT of the Republic of Chile Ana Rojas took part in the summit.",
            [("Ana Rojas", "President of the Republic of Chile")],
        ),
        # a headline in capitals names nobody
        ("PRESIDENT ARRIVES IN ASTANA\nThe SCO summit opened.", []),
    ],
)
def test_people_names_and_roles(text, people):
    assert _people(text) == people


def test_leaders_named_by_demonym_take_part():
    facts = _facts("The Belarusian President and the Kazakh Prime Minister attended the CIS summit in Ashgabat.")
    assert [p["country"] for p in facts["participants"]] == ["Belarus", "Kazakhstan"]


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        # published on a Saturday: "on Friday" in the past tense is the day before
        ("The SCO summit opened in Tianjin on Friday.", "2031-06-13", None),
        # the future tense: the coming Monday
        ("The two-day BRICS summit will open in Rio de Janeiro on Monday.", "2031-06-16", "2031-06-17"),
        # the verb after the weekday gives the tense
        ("On Thursday, the NATO summit in The Hague concluded.", None, "2031-06-12"),
        # no verb to read: left alone
        ("On Thursday, the NATO summit in The Hague.", None, None),
        # an event verb in the present right before the weekday: the days ahead, though a past verb came first
        ("The NATO summit in The Hague opened on Friday and ends on Monday.", "2031-06-13", "2031-06-16"),
        ("The G20 summit in Rio de Janeiro ends on Saturday.", None, "2031-06-14"),
        # a range of weekdays that holds the publication day is the one under way, whatever the tense
        ("The G20 summit in Rio de Janeiro runs from Friday to Sunday.", "2031-06-13", "2031-06-15"),
        ("The CIS summit in Minsk was held from Thursday to Sunday.", "2031-06-12", "2031-06-15"),
        # one that does not is read by its tense
        ("The G20 summit in Rio de Janeiro runs from Monday to Tuesday.", "2031-06-16", "2031-06-17"),
        ("The CIS summit in Minsk was held from Wednesday to Thursday.", "2031-06-11", "2031-06-12"),
        # "will be held" is the future, though "held" is a past form
        ("The G20 summit will be held in Rio de Janeiro on Monday.", "2031-06-16", None),
        # the weekend: under way on a Saturday; else the last, the next, or the one the tense says
        ("The G20 summit in Rio de Janeiro is held this weekend.", "2031-06-14", "2031-06-15"),
        # a range across two months, day first
        ("The G20 summit was held in Rio de Janeiro on 31 May-1 June.", "2031-05-31", "2031-06-01"),
    ],
)
def test_weekday_read_by_tense(text, start, end):
    s = _main(text, published="2031-06-14")
    assert (s["start_date"], s["end_date"]) == (start, end)


# --- organizations ------------------------------------------------------------------------


def _orgs(text: str) -> list[str]:
    return [o["name"] for o in _facts(text)["organizations"]]


def test_institutions_outside_the_gazetteer():
    names = _orgs(
        "The ECOWAS summit in Abuja discussed the crisis with the African Development Bank and the "
        "West African Economic and Monetary Union. The Silk Road Fund pledged money."
    )
    assert {"African Development Bank", "West African Economic and Monetary Union", "Silk Road Fund"} <= set(names)


@pytest.mark.parametrize(
    "text",
    [
        "The leaders approved the Strategic Roadmap of the Organization at the SCO summit.",
        "Secretary of the Security Council of the Russian Federation Ivan Petrov attended the SCO summit.",
        "The Eurasian Union summit opened.",
    ],
)
def test_titles_and_offices_are_no_institutions(text):
    names = _orgs(text)
    assert not [n for n in names if n.startswith(("Strategic", "Secretary")) or n == "Eurasian Union"], names


@pytest.mark.parametrize(
    "text, published, start, end",
    [
        # the dateline's date is the report's, not the summit's
        (
            "ADDIS ABABA, Feb. 18 (Xinhua) -- The 44th Ordinary Session of the Assembly of Heads of State and "
            "Government "
            "of the African Union concluded on Sunday at the AU headquarters.",
            "2031-02-18",
            None,
            "2031-02-16",
        ),
        # an opening day and a closing day in one sentence
        (
            "The G7 leaders' summit at Borgo Egnazia in Italy began on June 13 and ends on June 15.",
            "2031-06-10",
            "2031-06-13",
            "2031-06-15",
        ),
        # two weekdays joined by "and", read by the tense
        (
            "Heads of state from the 27 EU member states met in Brussels for a European Council summit on Thursday and "
            "Friday.",
            "2031-06-10",
            "2031-06-05",
            "2031-06-06",
        ),
    ],
)
def test_summit_dates(text, published, start, end):
    s = _main(text, published)
    assert (s["start_date"], s["end_date"]) == (start, end)


def test_observers_named_after_the_verbs_object():
    facts = _facts(
        "The OIC summit in Banjul ended with the Banjul Declaration. Russia, Thailand and Bosnia and "
        "Herzegovina attend OIC meetings as observers."
    )
    assert facts["observer_states"] == ["Russia", "Thailand", "Bosnia and Herzegovina"]


def test_member_taking_part_as_a_full_member():
    facts = _facts(
        "The Mercosur presidents gathered in Asuncion for the bloc's summit, where Bolivia took part for "
        "the first time as a full member."
    )
    assert facts["member_states"] == ["Bolivia"]


def test_two_summits_with_consecutive_ordinals_in_two_sentences():
    facts = _facts(
        "The 46th ASEAN Summit opened in Kuala Lumpur on Tuesday. The 47th ASEAN Summit followed on "
        "Wednesday, chaired by Malaysia.",
        published="2031-11-12",
    )
    main = [(s["ordinal"], s["host_city"], s["start_date"]) for s in facts["summits"] if s["role"] == "main"]
    assert main == [(46, "Kuala Lumpur", "2031-11-11"), (47, "Kuala Lumpur", "2031-11-12")]


def test_acronym_in_parentheses_before_the_summit_noun():
    facts = _facts(
        "The Shanghai Cooperation Organization (SCO) summit opened in Tianjin. A summit of the "
        "Commonwealth of Independent States will take place in Moscow in October."
    )
    roles = [(s["organization"], s["role"], s["host_city"]) for s in facts["summits"]]
    assert roles == [
        ("Shanghai Cooperation Organization", "main", "Tianjin"),
        ("Commonwealth of Independent States", "future", "Moscow"),
    ]


def test_the_city_of_an_event_after_the_summit_is_not_its_host():
    s = _main(
        "The summit of the Non-Aligned Movement will be the 19th, officials said, after the United Nations "
        "General Assembly session in New York."
    )
    assert (s["organization"], s["host_city"]) == ("Non-Aligned Movement", None)


@pytest.mark.parametrize(
    "text, members, observers",
    [
        (
            "The bloc expanded in January to include Egypt, Ethiopia, Iran and the United Arab Emirates.",
            ["Egypt", "Ethiopia", "Iran", "United Arab Emirates"],
            [],
        ),
        ("Countries with observer status: Afghanistan, Mongolia and Iran.", [], ["Afghanistan", "Mongolia", "Iran"]),
        ("The leaders decided to grant observer status to Hungary and Turkmenistan.", [], ["Hungary", "Turkmenistan"]),
        (
            "Azerbaijan officially became the ninth member of the group at the summit, while Hungary remains an "
            "observer.",
            ["Azerbaijan"],
            ["Hungary"],
        ),
        (
            "The CSTO comprises six former Soviet republics: Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and "
            "Tajikistan.",
            ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"],
            [],
        ),
        (
            "Mongolia, which holds observer status, and Serbia, an observer since 2018, also sent delegations.",
            [],
            ["Mongolia", "Serbia"],
        ),
    ],
)
def test_members_and_observers_in_more_phrasings(text, members, observers):
    facts = _facts(text)
    assert (facts["member_states"], facts["observer_states"]) == (members, observers)


@pytest.mark.parametrize(
    "text, person, role, participant",
    [
        (
            "The APEC summit opened in Lima. Former US President Donald Trump was not present.",
            "Donald Trump",
            "Former US President",
            False,
        ),
        (
            "The ASEAN summit opened in Kuala Lumpur. Myanmar's junta leader Min Aung Hlaing was barred from "
            "attending.",
            "Min Aung Hlaing",
            None,
            False,
        ),
        (
            "The Arab League summit opened in Jeddah. Syrian President Bashar al-Assad attended for the first time.",
            "Bashar al-Assad",
            "Syrian President",
            True,
        ),
    ],
)
def test_who_takes_part(text, person, role, participant):
    people = {p["name"]: (p["role"], p["is_participant"]) for p in _facts(text)["people"]}
    assert people[person] == (role, participant)


@pytest.mark.parametrize(
    "text, docs",
    [
        (
            (
                "Following the summit, the heads of state signed a number of documents, among them the Declaration on "
                "Regional Security and the Programme of Action for 2032-2036."
            ),
            [("Declaration on Regional Security", "signed"), ("Programme of Action for 2032-2036", "signed")],
        ),
        (
            "The outcome documents of the summit include the Banjul Declaration and a resolution on Palestine.",
            [("Banjul Declaration", "adopted"), ("resolution on Palestine", "adopted")],
        ),
        (
            'The heads of state approved the decision "On the Chairmanship of the Organization".',
            [("decision On the Chairmanship of the Organization", "approved")],
        ),
        (
            "Poland vetoed the joint communiqué, which was therefore issued as a chair's statement.",
            [("joint communiqué", "vetoed"), ("chair's statement", "issued")],
        ),
    ],
)
def test_more_document_phrasings(text, docs):
    assert _docs(text) == docs


@pytest.mark.parametrize(
    "text, city, country",
    [
        # a title-case dateline with its country
        ("Tashkent, Uzbekistan, Oct. 23 (AKIpress) — The CIS summit kicked off today.", "Tashkent", "Uzbekistan"),
        # "hosted this year by COUNTRY in its capital, CITY"
        (
            "The CICA summit, hosted this year by Azerbaijan in its capital, Baku, ended on Friday.",
            "Baku",
            "Azerbaijan",
        ),
        # "hosted by the Kyrgyz capital CITY" in a sentence without the organization
        (
            "The summit was hosted by the Hungarian capital Budapest. The leaders of the Organization of Turkic States "
            "discussed trade.",
            "Budapest",
            "Hungary",
        ),
    ],
)
def test_host_city_phrasings(text, city, country):
    s = _main(text, "2031-10-23")
    assert (s["host_city"], s["host_country"]) == (city, country)


def test_authority_of_heads_of_state_held_its_ordinary_session():
    s = _main(
        "The ECOWAS Authority of Heads of State and Government held its 65th ordinary session in Abuja on Sunday.",
        "2031-07-01",
    )
    assert (s["organization"], s["ordinal"], s["host_city"], s["start_date"]) == ("ECOWAS", 65, "Abuja", "2031-06-29")


@pytest.mark.parametrize(
    "text, countries",
    [
        (
            "The SADC summit opened in Harare. Attending the summit was Prime Minister Russell Mmiso Dlamini of "
            "Eswatini.",
            ["Eswatini"],
        ),
        (
            "The CIS summit opened in Ashgabat. Azerbaijan was represented by its Prime Minister, and Moldova sent no "
            "delegation.",
            ["Azerbaijan"],
        ),
        (
            "The summit of the Organization of Turkic States opened in Budapest. The heads of state of Azerbaijan and "
            "Kazakhstan took part, as did the Prime Minister of Hungary.",
            ["Azerbaijan", "Kazakhstan", "Hungary"],
        ),
    ],
)
def test_participant_countries(text, countries):
    assert [p["country"] for p in _facts(text)["participants"]] == countries


@pytest.mark.parametrize(
    "text, members",
    [
        (
            (
                "The Gulf Cooperation Council, a political and economic alliance of six countries — Saudi Arabia, the "
                "U.A.E., "
                "Kuwait, Qatar, Bahrain and Oman — held its summit."
            ),
            ["Saudi Arabia", "United Arab Emirates", "Kuwait", "Qatar", "Bahrain", "Oman"],
        ),
        ("The CSTO's six members, Russia, Belarus and Armenia, met in Almaty.", ["Russia", "Belarus", "Armenia"]),
        ("Since 2029, the bloc has also included Peru and Chile.", ["Peru", "Chile"]),
        (
            "The bloc — which also counts Kyrgyzstan, Tajikistan and Uzbekistan among its members — met in Tianjin.",
            ["Kyrgyzstan", "Tajikistan", "Uzbekistan"],
        ),
        # leaders of a region's states are no bloc's members
        ("The leaders of the five Central Asian states — Kazakhstan, Kyrgyzstan and Tajikistan — met in Dushanbe.", []),
    ],
)
def test_member_lists_in_appositions(text, members):
    assert _facts(text)["member_states"] == members


@pytest.mark.parametrize(
    "text, docs",
    [
        ("Leaders agreed on a 30-point declaration that calls for peace.", [("30-point declaration", "agreed")]),
        (
            "The Sochi declaration, which the leaders signed on Saturday, condemns terrorism.",
            [("Sochi declaration", "signed")],
        ),
    ],
)
def test_documents_with_far_or_relative_verbs(text, docs):
    assert _docs(text) == docs


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("The BRICS summit in Brazil opened on Sunday.", None, "Brazil"),
        # the capital, said by its country alone, is the gazetteer's one capital of that country
        ("The summit of the Eurasian Economic Union took place in the Belarusian capital.", "Minsk", "Belarus"),
    ],
)
def test_host_country_without_a_city_name(text, city, country):
    s = _main(text)
    assert (s["host_city"], s["host_country"]) == (city, country)


def test_a_preview_is_about_the_coming_summit():
    s = _main("The G20 summit will take place in Johannesburg, South Africa, on November 22-23.")
    assert (s["host_city"], s["start_date"], s["end_date"]) == ("Johannesburg", "2031-11-22", "2031-11-23")


def test_the_next_summit_is_no_preview():
    facts = _facts("The next SCO summit will be held in Bishkek in 2032.")
    assert [s["role"] for s in facts["summits"]] == ["future"]


@pytest.mark.parametrize(
    "text, person, role",
    [
        (
            "The summit opened in Manila. Her Excellency Ms. Retno Marsudi, Minister for Foreign Affairs of the "
            "Republic of "
            "Indonesia, attended.",
            "Retno Marsudi",
            "Minister for Foreign Affairs of the Republic of Indonesia",
        ),
        (
            "The SCO summit opened. Mr. Sharif, Prime Minister of Pakistan, addressed the leaders.",
            "Sharif",
            "Prime Minister of Pakistan",
        ),
    ],
)
def test_formal_styles(text, person, role):
    people = {p["name"]: p["role"] for p in _facts(text)["people"]}
    assert people == {person: role}


def test_a_titled_short_form_and_the_full_name_are_one_person():
    facts = _facts(
        "The GCC summit opened in Riyadh. The Custodian of the Two Holy Mosques King Salman bin Abdulaziz "
        "chaired the meeting."
    )
    assert [p["name"] for p in facts["people"]] == ["Salman bin Abdulaziz"]


def test_weekday_tense_from_the_clauses_verb_far_before_it():
    s = _main(
        "West African leaders wrapped up a two-day summit of the Economic Community of West African States "
        "(ECOWAS) in the Nigerian capital on Sunday.",
        "2031-07-08",
    )
    assert (s["start_date"], s["end_date"]) == ("2031-07-05", "2031-07-06")


def test_ordinal_of_a_meeting_of_a_named_conference():
    s = _main(
        "Leaders of the Caribbean Community (CARICOM) concluded their 47th Regular Meeting of the Conference of "
        "Heads of Government in Bridgetown, Barbados on Friday.",
        "2031-07-05",
    )
    assert (s["organization"], s["ordinal"], s["host_city"], s["end_date"]) == (
        "Caribbean Community",
        47,
        "Bridgetown",
        "2031-07-04",
    )


@pytest.mark.parametrize(
    "text, new",
    [
        # a person joins a meeting, not a state a bloc
        ("The PIF summit opened. New Zealand's Christopher Luxon joined the leaders' retreat on Thursday.", []),
        ("The SCO summit opened. Iran joined the talks on Thursday.", []),
        ("The SCO summit opened. Iran joined the SCO as a full member on Thursday.", ["Iran"]),
    ],
)
def test_joining_a_meeting_is_no_membership(text, new):
    assert [m["country"] for m in _facts(text)["new_members"]] == new


# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, places",
    [
        ("The BRICS summit opened in Durban. The bank pledged US$5 billion for projects in member states.", ["Durban"]),
        ("The SCO summit opened. The Member States of the SCO adopted a statement, and all States parties agreed.", []),
        ("The Arab League summit opened in Cairo. The Arab states and the Gulf States backed the plan.", ["Cairo"]),
    ],
)
def test_no_country_in_currencies_and_member_states(text, places):
    assert [p["name"] for p in _facts(text)["places"]] == places


@pytest.mark.parametrize(
    "text, new",
    [
        ("Leaders granted full membership to Azerbaijan and upgraded Hungary to observer.", ["Azerbaijan"]),
        ("Turkmenistan, previously an observer, was granted full membership at the summit.", ["Turkmenistan"]),
    ],
)
def test_granted_full_membership(text, new):
    facts = _facts(text)
    assert [m["country"] for m in facts["new_members"]] == new
    assert facts["member_states"] == new


@pytest.mark.parametrize(
    "text, participant",
    [
        # the attendance the speaker reports is not the speaker's
        (
            "Some 30 leaders are expected to take part in the summit of the Pacific Alliance next week, Deputy Foreign "
            "Minister Ana Torres told a briefing.",
            False,
        ),
        ("The OAS summit opened in Lima. Leaders arrived on Friday, spokesman Pedro Salas told reporters.", False),
        # the speaker's own attendance is
        (
            "The OAS summit opened in Lima. Deputy Foreign Minister Ana Torres said she attended the opening session.",
            True,
        ),
    ],
)
def test_a_speaker_is_not_what_they_report(text, participant):
    people = _facts(text)["people"]
    assert [p["is_participant"] for p in people] == [participant]


def test_virtual_summit_hosted_by_a_country():
    s = _main("The virtual summit of the G20, hosted by Saudi Arabia, was held by videoconference on November 10.")
    assert (s["organization"], s["host_city"], s["host_country"], s["start_date"]) == (
        "G20",
        None,
        "Saudi Arabia",
        "2031-11-10",
    )


@pytest.mark.parametrize(
    "text, people",
    [
        # a verb in title case ends a name
        ("The SCO summit opened. Prime Minister Modi Said India would help.", ["Modi"]),
        # a street named after a person is no person
        ("The summit venue, the Palace of Nations on President Heydar Aliyev Avenue, was decorated.", []),
        # two titled people joined by "and"
        (
            "The summit opened. Head of the Presidential Administration Anton Vaino and Presidential Aide Yuri Ushakov "
            "were present.",
            ["Anton Vaino", "Yuri Ushakov"],
        ),
        ("The summit opened. Minister Counsellor Ahmad Khan was present.", ["Ahmad Khan"]),
    ],
)
def test_capitalized_phrases_and_people(text, people):
    assert [p["name"] for p in _facts(text)["people"]] == people


@pytest.mark.parametrize(
    "text, present, absent",
    [
        # "Peace and Security Council" is the AU's organ, not the UN Security Council
        ("The AU Peace and Security Council attended the summit.", [], ["United Nations Security Council"]),
        # two names joined by "and" stay two names
        (
            "The ASEAN Secretariat and Asia Pacific Economic Cooperation signed a memorandum.",
            ["Asia-Pacific Economic Cooperation"],
            [],
        ),
    ],
)
def test_organization_names_joined_by_and(text, present, absent):
    names = _orgs(text)
    assert set(present) <= set(names) and not set(absent) & set(names), names


def test_observer_states_named_right_after_the_noun_attend():
    facts = _facts(
        "The OAS summit opened. Observer states Serbia, Ghana and Japan, and dialogue partners Kenya, "
        "Nepal and Peru were represented."
    )
    assert facts["observer_states"] == ["Serbia", "Ghana", "Japan"]
    assert [p["country"] for p in facts["participants"]] == ["Serbia", "Ghana", "Japan"]


def test_a_league_includes_its_members():
    facts = _facts(
        "The Arab League summit opened in Cairo. The 22-member league includes Egypt, Saudi Arabia and "
        "Jordan, among others."
    )
    assert facts["member_states"] == ["Egypt", "Saudi Arabia", "Jordan"]


def test_a_prince_named_with_his_title_is_one_person():
    facts = _facts(
        "The Arab League summit opened in Cairo. Saudi Foreign Minister Prince Faisal bin Farhan "
        "represented the kingdom."
    )
    assert [(p["name"], p["role"]) for p in facts["people"]] == [("Faisal bin Farhan", "Saudi Foreign Minister")]


@pytest.mark.parametrize(
    "text, city",
    [
        # a town the gazetteer lacks, after the meeting verb
        (
            "The Eurasian Intergovernmental Council met in Cholpon-Ata on Tuesday. The prime ministers of the Eurasian "
            "Economic Union member states discussed trade.",
            "Cholpon-Ata",
        ),
        ("The SCO summit opened in Parliament on Tuesday.", None),
        ("The SCO summit was held in Plenary Session on Tuesday.", None),
    ],
)
def test_unknown_host_town_after_the_verb(text, city):
    assert _main(text, "2031-08-20")["host_city"] == city


_EXPANSION = (
    "BRICS expands as Saudi Arabia, Egypt join\n\n"
    "JOHANNESBURG – BRICS leaders on Thursday invited Argentina, Egypt, Ethiopia, Iran, Saudi Arabia and the "
    "United Arab Emirates to become full members of the bloc from January 1 next year, the host announced "
    "at the close of the three-day summit.\n\n"
    "The group currently comprises Brazil, Russia, India, China and South Africa.\n\nBy Staff Writer"
)


def test_a_headline_join_is_an_invitation_in_the_text():
    facts = _facts(_EXPANSION, "2031-08-24")
    assert facts["member_states"] == ["Brazil", "Russia", "India", "China", "South Africa"]
    assert {m["country"] for m in facts["new_members"]} == {
        "Argentina",
        "Egypt",
        "Ethiopia",
        "Iran",
        "Saudi Arabia",
        "United Arab Emirates",
    }
    assert all(m["status"].startswith("admission in progress") for m in facts["new_members"])


def test_the_summit_date_not_the_membership_date():
    s = _main(_EXPANSION, "2031-08-24")
    assert (s["start_date"], s["end_date"]) == ("2031-08-19", "2031-08-21")


def test_a_byline_desk_is_no_person():
    assert _facts(_EXPANSION, "2031-08-24")["people"] == []


def test_observer_after_a_relative_clause():
    facts = _facts(
        "The Pacific Alliance summit opened in Lima. Ecuador, which was admitted in principle as the "
        "bloc's fifth member in 2029, attended as an observer.",
        "2031-10-11",
    )
    assert facts["observer_states"] == ["Ecuador"]


def test_malay_honorifics_before_a_name():
    facts = _facts(
        "The ASEAN summit opened in Vientiane. Prime Minister Datuk Seri Anwar Ibrahim received the gavel "
        "from Lao Prime Minister Sonexay Siphandone.",
        "2031-10-11",
    )
    assert [(p["name"], p.get("country")) for p in facts["people"]][0] == ("Anwar Ibrahim", "Malaysia")


_CIS = (
    "ASHGABAT, October 11. /TASS/. The meeting of the Council of CIS Heads of State ended in the Turkmen capital "
    "on Friday. Moldova, which is leaving the Commonwealth, did not send a delegation.\n\n"
    "Following the talks, the heads of state signed a statement on the 80th anniversary of Victory, an appeal to "
    "the peoples of the CIS and decisions on the chairmanship of the organization in 2032.\n\n"
    "Russian President Vladimir Putin said the CIS remained an effective platform. Putin would hold bilateral "
    "meetings with Azerbaijani President Ilham Aliyev and Moldovan President Maia Sandu, who skipped "
    "the summit."
)


def test_an_absence_in_another_persons_relative_clause():
    people = {p["name"]: p["is_participant"] for p in _facts(_CIS, "2031-10-11")["people"]}
    assert people == {"Vladimir Putin": True, "Ilham Aliyev": True, "Maia Sandu": False}


def test_a_plural_document_noun_after_and_starts_an_item():
    titles = [d["title"] for d in _facts(_CIS, "2031-10-11")["documents"]]
    assert titles == [
        "statement on the 80th anniversary of Victory",
        "appeal to the peoples of the CIS",
        "decisions on the chairmanship of the organization in 2032",
    ]


def test_the_commonwealth_of_a_cis_article_is_the_cis():
    assert "Commonwealth of Nations" not in _orgs(_CIS)


def test_the_commonwealth_meeting_at_its_summit_stays_the_commonwealth():
    facts = _facts(
        "The Commonwealth Heads of Government Meeting opened in Kigali on Friday. Leaders agreed to admit two "
        "new members of the Commonwealth. Commonwealth Secretary-General Jane Example addressed the meeting."
    )
    assert {o["name"] for o in facts["organizations"]} == {
        "Commonwealth of Nations",
        "Commonwealth Heads of Government Meeting",
    }
    assert [p.get("organization") for p in facts["people"]] == ["Commonwealth of Nations"]


@pytest.mark.parametrize(
    "text, members",
    [
        (
            "The G7 — the United States, Japan, Germany, Britain, France, Italy and Canada, plus the European Union — "
            "met "
            "in Kananaskis.",
            ["United States", "Japan", "Germany", "United Kingdom", "France", "Italy", "Canada"],
        ),
        # a dash before a list of guests is no apposition of the bloc
        ("The G7 summit opened — India, Brazil and South Africa were invited to an outreach session.", []),
    ],
)
def test_members_in_a_dashed_apposition(text, members):
    assert _facts(text)["member_states"] == members


def test_documents_signed_by_the_leaders_include():
    text = (
        'The summit opened. The package of documents signed by the leaders includes the decision "On the Concept '
        'of Cooperation in Transport" and the Declaration of the Lima Summit.'
    )
    assert _docs(text) == [
        ("decision On the Concept of Cooperation in Transport", "signed"),
        ("Declaration of the Lima Summit", "signed"),
    ]


# --- an undated piece: its own calendar facts give the year -----------------------------------


def test_undated_piece_dated_by_its_weekday_and_latest_cited_year():
    # no publication date; 19 October is a Sunday in 2036 (and 2031), and the piece cites 2033 as past
    text = (
        "The Supreme Council of the Gulf Cooperation Council opened in Kuwait City on October 19.\n"
        "The leaders said at the summit on Sunday that the accord of March 2, 2033 still held."
    )
    s = _main(text, published="")
    assert (s["start_date"], s["host_city"]) == ("2036-10-19", "Kuwait City")


def test_undated_piece_without_a_weekday_stays_undated():
    text = (
        "The Supreme Council of the Gulf Cooperation Council opened in Kuwait City on October 19.\n"
        "The leaders said the accord of March 2, 2033 still held."
    )
    assert _main(text, published="")["start_date"] is None


def test_a_date_qualifying_another_noun_is_not_the_summits():
    s = _main(
        "The Collective Security Council of the CSTO, meeting in Almaty, called for a return to the lines "
        "of September 3, 2030.",
        published="2031-06-10",
    )
    assert s["start_date"] is None


def test_a_bracketed_acronym_before_the_body_leaves_no_bracket_in_its_name():
    s = _main(
        "Leaders of the Collective Security Treaty Organization (CSTO) Collective Security Council met in "
        "Almaty on Monday."
    )
    assert s["name"] == "CSTO Collective Security Council"


@pytest.mark.parametrize(
    "text, place",
    [
        ("The Moscow-led bloc met in Almaty on Monday.", ("Moscow", "city")),
        ("A Geneva-based monitor reported the talks.", ("Geneva", "city")),
        ("The New Delhi-hosted talks ended without a deal.", ("New Delhi", "city")),
        ("The Qatar-brokered truce held.", ("Qatar", "country")),
    ],
)
def test_a_place_inside_a_compound_adjective_is_mentioned(text, place):
    assert place in [(p["name"], p["type"]) for p in _facts(text)["places"]]


def test_a_compound_of_no_place_is_no_place():
    assert _facts("The Pro-Western camp and a Gulf-based firm agreed.")["places"] == []


def test_an_initiative_inside_an_organizations_name_is_not_one():
    names = _orgs(
        "The summit of the Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation opened."
    )
    assert names == ["Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation"]


def test_an_organization_admitted_to_another_is_no_new_member_of_its_own_summit():
    facts = _facts(
        "AU summit admits African Union into G20 fold\n\nThe 36th Ordinary Session of the Assembly of the African "
        "Union ended on Sunday in Addis Ababa."
    )
    assert facts["new_members"] == []


def test_an_application_for_membership_approved_is_a_new_member():
    facts = _facts(
        "The ASEAN summit opened in Jakarta. Timor-Leste's application for full membership was approved by the leaders."
    )
    assert [(n["country"], n["status"].split(":")[0]) for n in facts["new_members"]] == [("Timor-Leste", "joined")]


def test_a_headings_last_word_and_the_next_lines_first_are_no_organ():
    names = _orgs(
        "Outcomes of the Summit of the Organization of Turkic States\nOffice of the President\n\nThe summit met."
    )
    assert names == ["Organization of Turkic States"]


def test_a_body_named_after_its_organization_is_an_organization_not_a_document():
    facts = _facts(
        "The TICAD summit in Yokohama was co-organized by Japan, the United Nations, the United Nations "
        "Development Programme (UNDP) and the World Bank."
    )
    assert "United Nations Development Programme" in [o["name"] for o in facts["organizations"]]
    assert not [d for d in facts["documents"] if "Programme" in d["title"]]


def test_a_name_in_capitals_ending_in_s_is_not_its_first_part():
    facts = _facts("ST GEORGE'S, Grenada - The CARICOM summit opened on Thursday.")
    places = [p["name"] for p in facts["places"]]
    assert "George" not in places and "Grenada" in places
    # two capitals in a run of capitals are no acronym: "ST PETERSBURG" is St Petersburg, not Petersburg (US)
    facts = _facts("ST PETERSBURG, July 28 (Wire) - The Russia-Africa summit opened on Thursday.")
    assert [(p["name"], p.get("country")) for p in facts["places"] if p["type"] == "city"] == [
        ("St. Petersburg", "Russia")
    ]


def test_a_name_written_with_accents_the_gazetteer_lacks_is_found():
    facts = _facts("The CPLP summit opened in São Tomé. São Tomé and Príncipe hosted the leaders.")
    assert "Sao Tome and Principe" in [p["name"] for p in facts["places"] if p["type"] == "country"]


def test_an_organization_word_continuing_a_known_name_is_no_organ():
    facts = _facts(
        "Leaders opened the 11th Summit of the Developing-8 Organization for Economic Cooperation (D-8) in Cairo."
    )
    assert [o["name"] for o in facts["organizations"]] == ["Developing-8"]


def test_a_country_that_applied_to_join_is_a_candidate():
    facts = _facts("The BRICS summit opened in Kazan. Turkey has formally applied to join the bloc, officials said.")
    assert [c["country"] for c in facts["membership_candidates"]] == ["Turkey"]
    assert facts["new_members"] == []


def test_a_city_at_the_end_of_a_longer_name_is_no_city():
    facts = _facts('The leaders met at Camp David on Friday and adopted the "Camp David Principles".')
    assert "David" not in [p["name"] for p in facts["places"]]
    # after a function word, a title or at a sentence's start, the city stays
    assert "Minsk" in [p["name"] for p in _facts("In Minsk the CIS summit opened. Leaders met in Minsk.")["places"]]
    # a dateline in capitals: its place's first word is no title ("ST") and no function word
    facts = _facts("CAMP DAVID, Maryland, Aug 18 (Wire) - The leaders met for a trilateral summit.")
    assert "David" not in [p["name"] for p in facts["places"]]
    assert "Minsk" in [p["name"] for p in _facts("IN MINSK, the CIS summit opened on Friday.")["places"]]


def test_countries_that_joined_in_an_earlier_year_are_members_not_new_ones():
    facts = _facts("The SCO summit opened in Astana. India and Pakistan joined in 2017. India joined in the talks.")
    assert facts["member_states"] == ["India", "Pakistan"] and facts["new_members"] == []


def test_the_us_and_the_uk_written_with_periods_are_countries():
    facts = _facts("The G20 summit opened in Rome. U.S. President Joe Biden and the U.K. Prime Minister attended.")
    assert {"United States", "United Kingdom"} <= {p["name"] for p in facts["places"]}
    assert [p["country"] for p in facts["participants"]] == ["United States", "United Kingdom"]


def test_a_regions_first_word_alone_is_that_region_where_the_article_names_it():
    facts = _facts(
        "The Arab summit opened in Manama. The war on the Gaza Strip dominated. Guterres urged a ceasefire in Gaza."
    )
    assert sorted((p["name"], p["type"]) for p in facts["places"]) == [("Gaza Strip", "region"), ("Manama", "city")]
    # with no region of that name, the town is a town
    assert ("Gaza City", "city") in [(p["name"], p["type"]) for p in _facts("The summit opened in Gaza.")["places"]]


def test_a_place_named_after_a_person_holds_no_city():
    facts = _facts(
        "The AU summit opened in Addis Ababa with a ceremony in the Nelson Mandela Hall. The Minsk Palace hosted it."
    )
    cities = [p["name"] for p in facts["places"] if p["type"] == "city"]
    assert "Nelson" not in cities and "Minsk" in cities


def test_a_place_keeps_the_names_the_article_writes_it_by():
    places = {
        p["name"]: p.get("aliases")
        for p in _facts(
            "The APEC summit opened in San Francisco. Leaders from Chinese Taipei, Britain and the U.S. attended. "
            "Japan sent its prime minister."
        )["places"]
    }
    assert places["Taiwan"] == ["Chinese Taipei"]
    assert places["United Kingdom"] == ["Britain"]
    assert places["United States"] == ["U.S."]
    assert places["Japan"] is None  # written as named: no alias


def test_continents_and_regions_are_places_but_not_inside_a_countrys_name():
    regions = {
        p["name"]
        for p in _facts(
            "The AU summit opened in Addis Ababa. South Africa's president said Africa and Europe must trade more, "
            "and that West Africa and the Caribbean share the same worries."
        )["places"]
        if p["type"] == "region"
    }
    assert regions == {"Africa", "Europe", "West Africa", "Caribbean"}


def test_conference_centres_airports_and_villas_are_venues():
    venues = {
        p["name"]
        for p in _facts(
            "The EAC summit opened at the Arusha International Conference Centre. Leaders landed at Kilimanjaro "
            "International Airport and met at the Presidential Villa."
        )["places"]
        if p["type"] == "venue"
    }
    assert venues == {
        "Arusha International Conference Centre",
        "Kilimanjaro International Airport",
        "Presidential Villa",
    }


@pytest.mark.parametrize(
    ("sentence", "office", "building"),
    [
        ("The Kremlin said on Monday that the Mekong Council summit would go ahead.", {"Kremlin"}, set()),
        ("White House press secretary Lina Moravec said the Mekong Council summit would go ahead.", {"White House"},
         set()),
        ("In the Élysée's view, the Mekong Council summit must go ahead.", {"Élysée"}, set()),
        ("The Mekong Council leaders met at the White House in Washington.", set(), {"White House"}),
        ("The Mekong Council summit took place in the Kremlin on Tuesday.", set(), {"Kremlin"}),
        ("Weeks after entering Downing Street, he hosted the Mekong Council summit.", set(), {"Downing Street"}),
        ("The Mekong Council summit was held in the Grand Kremlin Palace.", set(), {"Grand Kremlin Palace"}),
        ("A letter from the Prime Minister's Office, 10 Downing Street, reached the Mekong Council.", set(), set()),
    ],
)  # fmt: skip
def test_a_seat_of_government_is_the_office_it_houses_unless_someone_is_in_it(sentence, office, building):
    """News English names an office by its building ("the Kremlin said"); "at the White House" is the building."""
    facts = _facts(sentence)
    seats = {"Kremlin", "White House", "Élysée", "Downing Street", "Grand Kremlin Palace"}
    assert {o["name"] for o in facts["organizations"]} & seats == office
    assert {p["name"] for p in facts["places"] if p["type"] == "venue"} & seats == building


def test_a_place_name_never_runs_over_a_line_break():
    facts = extract(
        Article(
            text="THE BALKAN CHRONICLE\nRegion | Politics\n\nREGION\nGulf states met in Tirana on Monday.",
            published="2031-10-17",
        )
    )
    assert not [
        p for p in facts["places"] if "\n" in p["name"] or p["name"].upper().startswith(("CHRONICLE", "REGION"))
    ]


@pytest.mark.parametrize("region", ["Gaza Strip", "Sinai Peninsula"])
def test_a_region_named_like_a_city_holds_no_city(region):
    facts = extract(
        Article(
            text=f"The GCC summit was held at a delicate time, with a call for calm in the {region}.",
            published="2031-12-01",
        )
    )
    assert facts["summits"][0]["host_city"] is None
    assert not [p for p in facts["places"] if p["type"] == "city"]
