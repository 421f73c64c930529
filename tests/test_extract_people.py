"""People and participants (kg.extract.people) on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract import extract


def _people(text: str, published: str = "2031-06-10") -> dict[str, dict]:
    facts = extract(Article(text=text, published=published))
    return {p["name"]: p for p in facts["people"]}


def test_honorifics_are_not_part_of_the_name():
    people = _people(
        "The Secretary General of the OTS Ambassador Lena Marov attended the Summit. "
        "An award went to Nobel laureate Prof. Omar Dalan."
    )
    assert "Lena Marov" in people and not any(n.startswith("Ambassador") for n in people)


def test_a_country_inside_an_official_name_is_no_part_of_a_person_name():
    people = _people(
        "The President of the Republic of Azerbaijan Ilham Aliyev, President of Kazakhstan "
        "Kassym-Jomart Tokayev and others attended the summit."
    )
    assert {"Ilham Aliyev", "Kassym-Jomart Tokayev"} <= set(people)
    assert not any("Azerbaijan" in n for n in people)


def test_one_person_with_and_without_accents():
    people = _people(
        "Prime Minister of Hungary Viktor Orbán attended the summit. A prize went to the Prime Minister Viktor Orban."
    )
    assert len([n for n in people if n.startswith("Viktor")]) == 1


def test_title_of_a_long_body_then_the_name():
    people = _people(
        "The forum was also attended by: Secretary of the Security Council of the Russian Federation "
        "Pavel Lirov, President of the Russian Chamber of Commerce and Industry Sergey Batin."
    )
    assert people["Pavel Lirov"]["is_participant"] and people["Sergey Batin"]["is_participant"]


def test_people_listed_after_an_attendance_lead_in_take_part():
    text = (
        "The SCO summit opened in Moscow.\n\nThe meeting was attended by leaders of the SCO nations:\n\n"
        "Chairman of the Government of the Russia M.V. Lishustin Prime Minister of Tajikistan K. Rasov\n"
    )
    people = _people(text)
    assert people["M.V. Lishustin"]["is_participant"] and people["K. Rasov"]["is_participant"]


def test_countries_whose_leaders_attend():
    facts = extract(
        Article(
            text=(
                "The BRICS Summit in Lima is attended by Heads of State and Government from Brazil, Russia and India. "
                "The President will chair a session with Heads of State and Government "
                "of the Republics of Chile and Peru. "
                "Leaders of member countries including Qatar and the U.A.E. attended the summit. "
                "Observers at the Lima summit included Japan and Ukraine."
            ),
            published="2031-06-10",
        )
    )
    countries = {p["country"] for p in facts["participants"]}
    assert {
        "Brazil",
        "Russia",
        "India",
        "Chile",
        "Peru",
        "Qatar",
        "United Arab Emirates",
        "Japan",
        "Ukraine",
    } <= countries


def test_organs_named_before_their_organization():
    facts = extract(
        Article(
            text=(
                "The Chairman and members of the Council of Elders of the OTS also took part. "
                "A report came from the Philippines News Agency (PNA). "
                "Prime Minister of Kazakhstan A.U. Mamin spoke."
            ),
            published="2031-06-10",
        )
    )
    names = {o["name"] for o in facts["organizations"]}
    assert {"Council of Elders of the OTS", "Philippines News Agency"} <= names
    assert "African Union" not in names  # "A.U." are initials


def test_a_leader_named_by_demonym_only_and_a_boycotter():
    facts = extract(
        Article(
            text=(
                "The BRICS summit opened in Kazan. The Belarusian President attended the summit, "
                "while the Armenian prime minister boycotted it."
            ),
            published="2031-06-10",
        )
    )
    countries = {p["country"] for p in facts["participants"]}
    assert "Belarus" in countries and "Armenia" not in countries


def test_his_excellency_mister():
    people = _people("The SCO summit opened. H.E. Mr. Ilham Aliyev, President of Azerbaijan, attended the summit.")
    assert list(people) == ["Ilham Aliyev"] and people["Ilham Aliyev"]["is_participant"]


def test_bodies_of_a_state_and_a_dateline_agency():
    facts = extract(
        Article(
            text=(
                "Hanoi (VNA) – The BRICS forum was also attended by: Secretary of the Security Council of the Russian "
                "Federation Pavel Lirov, President of the Russian Chamber of Commerce and Industry Sergey Batin. "
                "A spokesman for the Indian Ministry of External Affairs spoke."
            ),
            published="2031-06-10",
        )
    )
    names = {o["name"] for o in facts["organizations"]}
    assert {
        "Security Council of the Russian Federation",
        "Russian Chamber of Commerce and Industry",
        "Indian Ministry of External Affairs",
        "VNA",
    } <= names
    assert "United Nations Security Council" not in names


def test_initials_academic_titles_ambassadors_and_the_past():
    people = _people(
        "The OTS summit opened in Bishkek. First Vice President of Afghanistan A. Saleh and Ambassador of "
        "Turkmenistan to Bishkek N. Golliyev attended the Summit. A prize went to Prof. Aziz Tamer. "
        "The forum was initiated by Kazakh President Nursultan Nazarbayev in 1992.",
        published="2031-11-07",
    )
    assert people["A. Saleh"]["is_participant"] and people["N. Golliyev"]["is_participant"]
    assert "Aziz Tamer" in people
    assert people["Nursultan Nazarbayev"]["is_participant"] is False


def test_republic_inside_an_official_country_name_is_no_region():
    facts = extract(
        Article(
            text="The memorandum of the Islamic Republic of Pakistan was signed. "
            "The Republic of Tatarstan hosted a forum.",
            published="2031-06-10",
        )
    )
    places = {p["name"]: p["type"] for p in facts["places"]}
    assert "Republic of Pakistan" not in places and places.get("Republic of Tatarstan") == "region"


def test_people_steps():
    from kg.extract.context import Context
    from kg.extract.lexicon import matcher_for
    from kg.extract.people import People, collect_known, collect_titled, link_short_forms
    from kg.linking.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    text = "Kazakh President Kassym-Jomart Tokayev opened the SCO summit. Tokayev said Mr Tokayev was glad."
    ctx = Context.build(Article(text=text, published="2031-06-10"), gaz, matcher_for(gaz))
    found = People(ctx)
    collect_titled(ctx, found)
    assert [(p.name, p.role, p.country) for p in found.people] == [
        ("Kassym-Jomart Tokayev", "Kazakh President", "Kazakhstan")
    ]
    collect_known(ctx, found)
    link_short_forms(ctx, found.people)
    assert len(found.people) == 1 and len(found.people[0].offsets) >= 3


def test_a_known_leader_named_in_capitals():
    people = _people(
        "The SCO summit opened in Astana. PRESIDENT OF KAZAKHSTAN KASSYM-JOMART TOKAYEV opened the meeting."
    )
    assert people["Kassym-Jomart Tokayev"]["is_participant"]


def test_a_counterpart_with_a_demonym_is_a_person_of_that_country():
    facts = extract(
        Article(
            text="The Andean Community summit opened in Lima on June 9, 2031. Peruvian President Dina "
            "Boluarte chaired the summit, attended by her Bolivian counterpart Luis Arce.\n",
            published="2031-06-10",
        )
    )
    assert ("Bolivia", "Luis Arce") in [(p["country"], p["person"]) for p in facts["participants"]]


def test_a_name_with_its_country_after_of_in_an_attendance_list():
    text = (
        "The Andean Community summit opened in Lima on June 9, 2031. The summit was attended by "
        "Luis Arce, of the Plurinational State of Bolivia, and Gustavo Petro, of the Republic of Colombia.\n"
    )
    facts = extract(Article(text=text, published="2031-06-10"))
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Bolivia", "Luis Arce"),
        ("Colombia", "Gustavo Petro"),
    ]


def test_royal_styles_are_not_part_of_a_name():
    people = _people("His Royal Highness Prince Salman bin Rashid Al Nahyan, Crown Prince, attended the summit.\n")
    assert not any("Royal" in name or "Highness" in name for name in people)


def test_among_the_delegates_is_attendance():
    facts = extract(
        Article(
            text="The summit opened in Banjul on Sunday. Foreign Minister Jane Example of Ghana and Foreign Minister "
            "John Sample of Kenya were among the delegates.",
            published="2031-06-10",
        )
    )
    assert {p["person"] for p in facts["participants"]} == {"Jane Example", "John Sample"}


def test_a_lower_case_title_after_a_name_with_its_of():
    people = _people(
        "The summit opened in Addis Ababa. Jane Example, chairperson of the African Union Commission, told the "
        "assembly that the continent faced crises. John Sample, a member of the Council, listened."
    )
    assert people["Jane Example"]["role"] == "Chairperson of the African Union Commission"
    assert people["Jane Example"]["organization"] == "AU"
    assert "John Sample" not in people  # "a member of": no title


def test_a_name_after_a_sentence_ending_in_a_city_starts_with_its_sentence():
    people = _people("The summit opened in Addis Ababa. Jane Example, Chairperson of the Commission, spoke first.")
    assert list(people) == ["Jane Example"]


def test_a_known_name_with_one_more_family_name_is_that_person():
    people = _people("Moussa Faki Mahamat, chairperson of the African Union Commission, opened the summit.")
    assert people["Moussa Faki Mahamat"]["canonical"] == "Moussa Faki"  # the gazetteer's entry, which the linker links


def test_al_said_is_a_family_name_not_a_verb():
    people = _people("The summit opened in Doha. Oman's Sultan Haitham bin Tarik Al Said attended.")
    assert list(people) == ["Haitham bin Tarik Al Said"]


def test_an_absence_in_another_clause_is_not_the_openers():
    facts = extract(
        Article(
            text="Lima President Jane Example opened the Ninth Summit of the Andes in Lima on Wednesday, but the "
            "leaders of Chile, Bolivia and Ecuador stayed away.",
            published="2031-06-11",
        )
    )
    assert [(p["person"], p["country"]) for p in facts["participants"]] == [("Jane Example", None)]


def test_a_wire_services_credit_line_in_brackets_names_its_reporters_and_editor():
    people = _people(
        "The BRICS summit opened in Kazan on Tuesday.\n\n"
        "(Reporting by Jane Example; additional reporting by Tom Sample in Beijing; editing by Alex Model)"
    )
    assert {name: (p["role"], p["is_participant"]) for name, p in people.items()} == {
        "Jane Example": ("reporter", False),
        "Tom Sample": ("reporter", False),
        "Alex Model": ("editor", False),
    }


@pytest.mark.parametrize(
    "caption, org",
    [
        ("Leaders pose for a photo in Kazan, October 23, 2031. REUTERS/Maxim Example", "REUTERS"),
        ("Leaders pose for a photo. (Photo by Maxim Example/AFP)", "AFP"),
    ],
)
def test_a_photo_credit_after_a_caption(caption, org):
    people = _people("The BRICS summit opened in Kazan on Tuesday.\n\n" + caption)
    assert {n: (p["role"], p["organization"]) for n, p in people.items()} == {"Maxim Example": ("photographer", org)}


def test_talks_on_the_sidelines_are_at_the_summit():
    facts = extract(
        Article(
            text="The CELAC summit opened in Tegucigalpa on Saturday. Chilean Foreign Minister Jane Example and "
            "Peruvian Foreign Minister John Sample held talks on the sidelines.",
            published="2031-06-10",
        )
    )
    assert [(p["person"], p["country"]) for p in facts["participants"]] == [
        ("Jane Example", "Chile"),
        ("John Sample", "Peru"),
    ]


def test_a_countrys_new_prime_minister_in_a_list():
    people = _people(
        "The summit opened in Vientiane. The chair welcomed leaders including Philippine President Ferdinand "
        "Marcos Jr. and Thailand's new Prime Minister Jane Example."
    )
    assert (people["Jane Example"]["role"], people["Jane Example"]["country"]) == ("Prime Minister", "Thailand")


def test_who_joins_another_organizations_summit_is_not_a_participant_of_this_one():
    facts = extract(
        Article(
            text="Leaders of the Association of Southeast Asian Nations opened the 44th ASEAN Summit in Vientiane on "
            "Wednesday. Laos Prime Minister Jane Example chaired it. Japan's Prime Minister John Sample will join "
            "the East Asia Summit on Friday.",
            published="2031-06-11",
        )
    )
    assert [p["person"] for p in facts["participants"]] == ["Jane Example"]


def test_talks_on_the_sidelines_of_another_meeting_are_not_at_the_summit():
    facts = extract(
        Article(
            text="The CELAC summit opened in Tegucigalpa on Saturday. Chilean Foreign Minister Jane Example met "
            "Peruvian Foreign Minister John Sample on the sidelines of the UN General Assembly in New York.",
            published="2031-06-10",
        )
    )
    assert facts["participants"] == []


def test_who_sends_someone_in_their_place_is_absent_and_a_boycott_noun_is_no_ones_absence():
    facts = extract(
        Article(
            text="Leaders open the Summit of the Andes amid boycott\n\nLima President Jane Example opened the summit "
            "on Wednesday. Quito President John Sample sent Foreign Minister Ann Model in his place.",
            published="2031-06-11",
        )
    )
    assert [p["person"] for p in facts["participants"]] == ["Jane Example", "Ann Model"]


def test_a_name_with_a_lower_case_title_after_an_article_and_its_to():
    people = _people(
        "The summit opened in Kazan. Jane Example, a foreign policy aide to the President, briefed reporters."
    )
    assert people["Jane Example"]["role"] == "Aide"


def test_an_organizations_chief_in_wire_style():
    people = _people("The summit opened in The Hague. NATO chief Jane Example welcomed the leaders.")
    assert (people["Jane Example"]["role"], people["Jane Example"]["organization"]) == ("NATO chief", "NATO")


def test_an_indian_honorific_and_a_headings_organization_are_no_part_of_a_name_or_title():
    people = _people(
        "Prime Minister's participation in the 19th East Asia Summit\n\n"
        "Prime Minister Shri Narendra Modi participated in the 19th East Asia Summit in Vientiane today."
    )
    assert [(name, p["role"], p.get("country")) for name, p in people.items()] == [
        ("Narendra Modi", "Prime Minister", "India")
    ]


def test_the_country_a_title_holder_represents():
    people = _people(
        "The summit opened in Riyadh on Monday. Oman was represented by First Vice President Jane Example, while "
        "Turkish President John Sample attended in person."
    )
    assert {n: p.get("country") for n, p in people.items()} == {"Jane Example": "Oman", "John Sample": "Turkey"}


def test_a_leader_represented_by_a_minister_is_absent():
    people = _people(
        "The G20 summit opened in Rio on Monday. Chinese President Jane Example attended, while Russian President "
        "John Sample was represented by Foreign Minister Ann Model."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {
        "Jane Example": True,
        "John Sample": False,
        "Ann Model": True,
    }


@pytest.mark.parametrize(
    "text, people",
    [
        (
            "The President of the Turkish Republic of Northern Cyprus Jane Example attended as an observer.",
            {"Jane Example": ("President of the Turkish Republic of Northern Cyprus", None)},
        ),
        # no holder named: the place's last words are no name
        ("The President of the Turkish Republic of Northern Cyprus attended as an observer.", {}),
    ],
)
def test_the_holder_of_a_title_of_a_place_that_holds_a_countrys_name(text, people):
    found = _people("The OTS summit opened in Budapest. " + text)
    assert {n: (p["role"], p.get("country")) for n, p in found.items()} == people


def test_a_chairman_in_office_who_welcomed_the_delegations():
    facts = extract(
        Article(
            text="The OSCE Ministerial Council opened in Skopje on Thursday. OSCE Chairman-in-Office Jane Example, "
            "the foreign minister of the host country, welcomed the delegations.",
            published="2031-06-13",
        )
    )
    assert [(p["person"], p["capacity"]) for p in facts["participants"]] == [
        ("Jane Example", "OSCE Chairman-in-Office")
    ]


def test_a_known_surname_at_the_end_of_another_name_is_not_that_person():
    facts = extract(
        Article(
            text="Leaders met at the G77 summit in Havana. China was represented by Li Xi, a senior party official.",
            published="2031-06-10",
        )
    )
    assert "Xi Jinping" not in {p["canonical"] for p in facts["people"]}
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [("China", "Li Xi")]
    # after a title, or opening a sentence, the surname is still the person's
    for text in (
        "President Xi attended the SCO summit in Astana.",
        "The SCO summit opened. Xi said the bloc must act.",
    ):
        assert "Xi Jinping" in {p["canonical"] for p in _people(text).values()}
    # the person's own given name before another spelling of the surname
    people = _people(
        "The OTS summit opened. Turkmenistan was represented by the Chairman of the Halk Maslahaty, "
        "Gurbanguly Berdimuhamedov.",
        published="2024-11-06",
    )
    assert [p["canonical"] for p in people.values()] == ["Gurbanguly Berdimuhamedow"]  # the gazetteer's person


def test_a_family_name_in_capitals_written_first_is_turned():
    people = _people(
        "Prime Minister KISHIDA Fumio chaired the G7 summit in Hiroshima. Kishida said the leaders agreed.",
        published="2023-05-20",
    )
    assert [(p["canonical"], p["role"]) for p in people.values()] == [("Fumio Kishida", "Prime Minister")]
    # a name not in the gazetteer is turned all the same
    people = _people("Foreign Minister TANAKA Hiroshi attended the ASEAN summit.")
    assert [p["canonical"] for p in people.values()] == ["Hiroshi Tanaka"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Colombia's Gustavo Petro and Chile's Gabriel Boric were among the leaders who travelled to Lima.",
        "Colombia's Gustavo Petro and Chile's Gabriel Boric flew in on Friday.",
    ],
)
def test_leaders_who_travelled_to_the_summit_take_part(sentence):
    facts = extract(Article(text="The APEC summit opened in Lima. " + sentence, published="2031-06-10"))
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Colombia", "Gustavo Petro"),
        ("Chile", "Gabriel Boric"),
    ]


@pytest.mark.parametrize(
    "title, role, country",
    [
        ("US Energy Secretary", "US Energy Secretary", "United States"),
        ("Indian Commerce Minister", "Indian Commerce Minister", "India"),
        ("British Health Secretary", "British Health Secretary", "United Kingdom"),
    ],
)
def test_a_portfolio_is_part_of_the_title(title, role, country):
    people = _people(f"The G20 summit opened in Rio. {title} Jane Doe addressed the leaders.")
    assert [(p["role"], p["country"]) for p in people.values()] == [(role, country)]


def test_an_acronym_after_the_body_of_a_title_is_skipped_to_the_holder():
    people = _people(
        "The summit closed. The Secretary-General of the Shanghai Cooperation Organisation (SCO), Zhang Ming, spoke."
    )
    assert [(p["name"], p["role"], p["organization"]) for p in people.values()] == [
        ("Zhang Ming", "Secretary-General of the Shanghai Cooperation Organisation", "SCO")
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Cambodian Prime Minister Samdech Techo Hun Sen attended the ASEAN summit.", "Hun Sen"),
        ("Brunei's Sultan Haji Hassanal Bolkiah attended the ASEAN summit.", "Hassanal Bolkiah"),
    ],
)
def test_khmer_and_malay_honorifics_are_no_part_of_the_name(text, name):
    assert list(_people(text)) == [name]


@pytest.mark.parametrize(
    "sentence, absent",
    [
        # a coordinated subject: both are absent
        (
            "Chinese President Xi Jinping and Russian President Vladimir Putin skipped the summit.",
            {"Xi Jinping", "Vladimir Putin"},
        ),
        # a relative clause or another clause: only its own subject
        ("Modi met Xi Jinping and Vladimir Putin, who skipped the summit.", {"Vladimir Putin"}),
        # refusing, or saying one will not go
        ("Armenian Prime Minister Nikol Pashinyan refused to attend.", {"Nikol Pashinyan"}),
        ("Armenian Prime Minister Nikol Pashinyan said he would not go to Delhi.", {"Nikol Pashinyan"}),
    ],
)
def test_who_stays_away(sentence, absent):
    facts = extract(Article(text="The G20 summit opened in Delhi. " + sentence, published="2031-06-10"))
    away = {p["canonical"] for p in facts["people"] if p["is_participant"] is False}
    assert away == absent


@pytest.mark.parametrize("title", ["PM", "FM", "President-elect"])
def test_abbreviated_and_elect_titles(title):
    people = _people(f"The SCO summit opened in Astana. Pakistani {title} Jane Doe attended the summit.")
    assert [(p["role"], p["country"], p["is_participant"]) for p in people.values()] == [
        (f"Pakistani {title}", "Pakistan", True)
    ]


@pytest.mark.parametrize(
    "written, known",
    [("Tayyip Erdogan", "Recep Tayyip Erdoğan"), ("Lula da Silva", "Luiz Inácio Lula da Silva")],
)
def test_a_known_name_without_its_first_given_name_is_that_person(written, known):
    facts = extract(Article(text=f"The G20 summit opened. President {written} attended.", published="2023-09-09"))
    assert [p["person"] for p in facts["participants"]] == [known]


def test_a_middle_initial_and_a_generational_suffix_name_one_person():
    text = (
        "The ASEAN summit opened in Vientiane. President Ferdinand R. Marcos Jr. arrived here Wednesday.\n\n"
        "During the summit, President Marcos is expected to raise the South China Sea."
    )
    facts = extract(Article(text=text, published="2024-10-09"))
    assert [(p["canonical"], p.get("country")) for p in facts["people"]] == [("Ferdinand Marcos Jr.", "Philippines")]
    # a sea's name holds no country
    assert sorted(p["name"] for p in facts["places"]) == ["South China Sea", "Vientiane"]


def test_an_east_asian_name_in_its_own_order_is_the_known_person():
    facts = extract(
        Article(
            text="The ASEAN-Japan summit opened. Japanese Prime Minister Kishida Fumio attended.",
            published="2023-12-17",
        )
    )
    assert [p["person"] for p in facts["participants"]] == ["Fumio Kishida"]


def test_who_heads_a_delegation_takes_part():
    facts = extract(
        Article(
            text="The G20 summit opened in Rio. The US delegation was led by Secretary of State Antony Blinken.",
            published="2024-11-18",
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [("United States", "Antony Blinken")]


def test_a_military_rank_is_a_title():
    people = _people("The AES summit opened in Niamey. Niger's General Jean Abdou hosted the leaders of Mali.")
    assert [(p["name"], p["role"], p["country"]) for p in people.values()] == [("Jean Abdou", "General", "Niger")]


@pytest.mark.parametrize(
    "written, known",
    [
        ("Serdar Berdymukhamedov", "Serdar Berdimuhamedow"),
        ("Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"),
        ("Shavkat Mirziyoev", "Shavkat Mirziyoyev"),
        ("Sadyr Zhaparov", "Sadyr Japarov"),
    ],
)
def test_another_romanization_of_a_known_name_is_that_person(written, known):
    facts = extract(Article(text=f"The CIS summit opened. President {written} attended.", published="2024-10-08"))
    assert [p["person"] for p in facts["participants"]] == [known]


def test_a_romanization_shared_by_two_known_people_names_neither():
    from types import SimpleNamespace

    from kg.extract.people import _by_transliteration, _transliteration

    assert _transliteration("Serdar Berdymukhamedov") == _transliteration("Serdar Berdimuhamedow")
    assert _transliteration("Serdar Berdimuhamedow") != _transliteration("Gurbanguly Berdimuhamedow")
    one = SimpleNamespace(name="Jan Novak", aliases=())
    other = SimpleNamespace(name="Jan Nowak", aliases=())
    third = SimpleNamespace(name="Ivan Petrov", aliases=())

    class Gazetteer:
        def entries(self, type):
            return iter([one, other, third])

    index = _by_transliteration(Gazetteer())
    assert _transliteration("Jan Novak") not in index and index[_transliteration("Ivan Petrow")] is third


def test_a_title_in_lower_case_before_a_name_is_the_persons_role():
    facts = extract(
        Article(
            text="The CELAC summit opened in Buenos Aires. The Cuban president Miguel Díaz-Canel spoke first. "
            "The president of Nicaragua, Daniel Ortega, did not travel. Venezuela was represented by the "
            "foreign minister Yván Gil. The leaders met on the president Thursday.",
            published="2031-06-10",
        )
    )
    roles = {p["name"]: p["role"] for p in facts["people"]}
    assert roles == {
        "Miguel Díaz-Canel": "Cuban President",
        "Daniel Ortega": "President of Nicaragua",
        "Yván Gil": "Foreign Minister",
    }
    assert [p["person"] for p in facts["participants"] if p["person"]] == ["Miguel Díaz-Canel", "Yván Gil"]


def test_a_leader_who_cancelled_the_trip_is_absent():
    people = _people(
        "The CELAC summit opened in Buenos Aires. The Venezuelan president Nicolás Maduro canceled the trip."
    )
    assert [p["is_participant"] for p in people.values()] == [False]


def test_taking_part_in_the_ministers_meeting_is_not_taking_part_in_the_summit():
    people = _people(
        "The 33rd Arab summit opened in Manama. Egyptian Foreign Minister Sameh Shoukry, who took part in the "
        "ministerial meeting, told reporters the draft was ready. Saudi Foreign Minister Faisal bin Farhan "
        "attended the summit."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {"Sameh Shoukry": False, "Faisal bin Farhan": True}


def test_a_leader_someone_stood_in_for_is_absent():
    people = _people(
        "The EAC summit opened in Arusha. Uganda's Vice President Jessica Alupo, who represented President Yoweri "
        "Museveni, attended with Rwanda's Prime Minister Edouard Ngirente, who stood in for President Paul Kagame. "
        "Myanmar's Vice President Myint Swe attended on behalf of President Htin Kyaw."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {
        "Jessica Alupo": True,
        "Yoweri Museveni": False,
        "Edouard Ngirente": True,
        "Paul Kagame": False,
        "Myint Swe": True,
        "Htin Kyaw": False,
    }


def test_shorter_forms_of_long_known_names_and_leaders_the_gazetteer_knows():
    people = _people(
        "The Mercosur summit opened in Asuncion on Monday. Uruguay's Luis Lacalle Pou and Nepal's K.P. Sharma Oli "
        "were at the table. France's Emmanuel Macron sent greetings.",
        published="2022-06-27",
    )
    assert {n: (p["canonical"], p["is_participant"]) for n, p in people.items()} == {
        # a second given name left out, two given names as initials; sitting heads by the gazetteer take part
        "Luis Lacalle Pou": ("Luis Alberto Lacalle Pou", True),
        "K.P. Sharma Oli": ("Khadga Prasad Sharma Oli", True),
        "Emmanuel Macron": ("Emmanuel Macron", True),
    }
    # the title of the office of the person's own country (Macron is also Co-Prince of Andorra)
    assert people["Emmanuel Macron"]["role"] == "President of France"
    # no longer in office on the day: no leader by the gazetteer
    oli = _people("The SAARC summit opened. Nepal's K.P. Sharma Oli spoke.", "2023-06-01")["K.P. Sharma Oli"]
    assert oli["is_participant"] is False
    # the initials end no sentence: the name's evidence is one sentence
    assert [e["sentence"] for e in oli["evidence"]] == ["Nepal's K.P. Sharma Oli spoke."]


def test_burmese_honorifics_stand_between_a_title_and_a_name():
    people = _people(
        "The LMC summit opened in Phnom Penh. Myanmar's Vice President U Myint Swe spoke for President U Htin Kyaw."
    )
    assert {n: p["role"] for n, p in people.items()} == {"Myint Swe": "Vice President", "Htin Kyaw": "President"}


def test_a_title_inside_a_venues_longer_name_is_no_person():
    people = _people("The summit was held at the King Abdulaziz International Conference Center in Riyadh.")
    assert people == {}


def test_a_title_of_the_republic_before_a_name_is_the_persons_role():
    people = _people(
        "The OAS General Assembly opened in Asuncion. The Vice President of the Republic, Pedro Alliana, attended."
    )
    assert people["Pedro Alliana"]["role"] == "Vice President of the Republic"


def test_a_name_after_a_countrys_possessive_is_that_countrys_person():
    people = _people(
        "The OSCE Ministerial Council closed in Skopje. Finland's Elina Valtonen, whose country takes the chair, "
        "spoke. Russia's Foreign Ministry objected. Japan's Hokkaido Island was named. China's Belt and Road grew."
    )
    assert {n: p.get("country") for n, p in people.items()} == {"Elina Valtonen": "Finland"}


def test_leaders_among_those_who_stayed_away_and_one_who_decided_against_the_journey_are_absent():
    people = _people(
        "The OIC summit opened in Banjul. Foreign Minister Ishaq Dar leads Pakistan's delegation after Prime Minister "
        "Shehbaz Sharif decided against the long journey. Turkish President Recep Tayyip Erdogan and Iranian "
        "President Ebrahim Raisi were among the leaders who stayed away."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {
        "Ishaq Dar": True,
        "Shehbaz Sharif": False,
        "Recep Tayyip Erdogan": False,
        "Ebrahim Raisi": False,
    }


def test_an_empty_chair_and_a_personal_representative_leave_their_leader_absent():
    people = _people(
        "The Mercosur summit will be remembered mostly for an empty chair: that of Argentine president Javier Milei. "
        "Mexico's delegate attended in representation of President Andrés Manuel López Obrador."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {
        "Javier Milei": False,
        "Andrés Manuel López Obrador": False,
    }


def test_a_leader_who_sent_his_minister_is_absent():
    people = _people(
        "The ECOWAS summit opened in Abuja. Benin's President Patrice Talon sent his Minister of Foreign Affairs, "
        "Olushegun Adjadi Bakari. Ghana's President Nana Akufo-Addo sent his congratulations and attended. "
        "Donald Trump stayed in Washington and sent Vice President Mike Pence."
    )
    assert {n: p["is_participant"] for n, p in people.items()} == {
        "Patrice Talon": False,
        "Olushegun Adjadi Bakari": True,
        "Nana Akufo-Addo": True,
        "Donald Trump": False,
        "Mike Pence": True,
    }


def test_a_leader_whose_invitation_was_withdrawn_is_absent():
    people = _people(
        "The Summit of the Americas opened in Lima. Venezuela's Nicolás Maduro, whose invitation was withdrawn in "
        "February, stayed in Caracas.",
        published="2018-04-14",
    )
    assert people["Nicolás Maduro"]["is_participant"] is False


def test_a_leader_who_sent_a_video_message_did_not_attend():
    people = _people(
        "The CELAC summit opened in Buenos Aires. Chinese President Xi Jinping sent a video message to it."
    )
    assert people["Xi Jinping"]["is_participant"] is False


@pytest.mark.parametrize(
    "sentence, person",
    [
        # removed from office: no leader at the table
        (
            "Leaders gave the junta one week to restore ousted President Mohamed Bazoum to power.",
            "Mohamed Bazoum",
        ),
        # not travelling, being represented
        (
            "Prince Charles read a message from Queen Elizabeth II, who is not travelling to Rwanda and is being "
            "represented by her son.",
            "Elizabeth II",
        ),
    ],
)
def test_a_leader_out_of_office_or_not_travelling_is_no_participant(sentence, person):
    facts = extract(
        Article(text="The summit of leaders opened on Sunday in Abuja. " + sentence, published="2031-07-27")
    )
    assert person in {p["name"] for p in facts["people"]}
    assert person not in {(p.get("person") or "") for p in facts["participants"]}


def test_a_lower_case_title_after_whose_it_is_names_a_person():
    facts = extract(
        Article(
            text=(
                "The Quad summit opened in Wilmington. Jake Sullivan, Biden's national security adviser, told "
                "reporters the Quad was strong. Volodymyr Zelenskyy, Ukraine's president, is due to meet the leaders. "
                "Kuwait's Crown Prince Mishal Al-Ahmad, Bahrain's King Hamad bin Isa Al Khalifa and others came."
            ),
            published="2031-09-21",
        )
    )
    roles = {p["name"]: p["role"] for p in facts["people"]}
    assert roles["Jake Sullivan"] == "National Security Adviser"
    assert roles["Volodymyr Zelenskyy"] == "President of Ukraine"
    assert roles.get("Mishal Al-Ahmad") != "King"  # Bahrain's King is the next one's title


@pytest.mark.parametrize(
    "sentence, name, role",
    [
        (
            "The Special Envoy of the Secretary-General of the United Nations for the Horn of Africa, Mrs. Hanna "
            "Serwaa Tetteh, has also attended.",
            "Hanna Serwaa Tetteh",
            "Special Envoy of the Secretary-General of the United Nations for the Horn of Africa",
        ),
        (
            "Federal Parliamentary Secretary for Foreign Affairs Ms Andleeb Abbas spoke.",
            "Andleeb Abbas",
            "Parliamentary Secretary for Foreign Affairs",
        ),
        ("Also present was Mrs. Hanna Serwaa Tetteh.", "Hanna Serwaa Tetteh", None),
    ],
)
def test_an_honorific_before_a_whole_name_is_a_person_with_the_title_before_it(sentence, name, role):
    facts = extract(Article(text="The IGAD summit opened in Djibouti. " + sentence, published="2031-06-12"))
    people = {p["name"]: p["role"] for p in facts["people"]}
    assert people[name] == role


@pytest.mark.parametrize(
    "sentence, absent",
    [
        ("Armenian Prime Minister Nikol Pashinyan declined to come to Bishkek.", ["Nikol Pashinyan"]),
        (
            "The meeting was overshadowed by the absence of Azerbaijan's president, Ilham Aliyev, and Turkey's "
            "Recep Tayyip Erdogan.",
            ["Ilham Aliyev", "Recep Tayyip Erdoğan"],
        ),
    ],
)
def test_a_leader_who_declined_to_come_or_whose_absence_is_noted_is_no_participant(sentence, absent):
    facts = extract(Article(text="The CIS summit opened in Bishkek on Friday. " + sentence, published="2031-10-13"))
    people = {p["name"] for p in facts["people"]} | {p.get("canonical") for p in facts["people"]}
    participants = {p.get("person") for p in facts["participants"]}
    for name in absent:
        assert name in people and name not in participants


def test_a_plural_title_is_no_ones_name():
    facts = extract(
        Article(
            text=(
                "The SADC summit opened in Maputo. Angola and Zambia were represented by Ministers, while Comoros "
                "and Seychelles were represented by High Commissioners."
            ),
            published="2031-06-23",
        )
    )
    assert facts["people"] == []
    assert [p["country"] for p in facts["participants"]] == ["Angola", "Zambia", "Comoros", "Seychelles"]


def test_leaders_who_stayed_away_and_sent_ministers_leave_their_countries_taking_part():
    facts = extract(
        Article(
            text=(
                "The OIC summit opened in Banjul. Saudi Crown Prince Mohammed bin Salman, Turkish President Recep "
                "Tayyip Erdogan and Iranian President Ebrahim Raisi all stayed away and sent their foreign ministers."
            ),
            published="2031-05-05",
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Saudi Arabia", None),
        ("Turkey", None),
        ("Iran", None),
    ]


def test_spouses_first_ladies_and_a_bulleted_byline_are_people_not_participants():
    facts = extract(
        Article(
            text=(
                "The APEC summit opened in San Francisco. Biden and first lady Jill Biden are hosting the leaders. "
                "Xi and his wife Peng Liyuan hosted a banquet.\n\n- Reporting by Dewi Kartika and Arif Setiawan"
            ),
            published="2031-11-16",
        )
    )
    people = {p["name"]: (p["role"], p["is_participant"]) for p in facts["people"]}
    assert people["Jill Biden"] == ("First Lady", False)
    assert people["Peng Liyuan"] == ("Spouse", False)
    assert people["Dewi Kartika"] == ("author", False) and people["Arif Setiawan"] == ("author", False)


@pytest.mark.parametrize(
    "sentence",
    [
        "UN Secretary-General Jane Okoro addressed the opening session.",
        "In her closing remarks, UN Secretary-General Jane Okoro urged restraint.",
        "UN Secretary-General Jane Okoro, the main guest speaker, praised the hosts.",
        "UN Secretary-General Jane Okoro delivered the keynote speech.",
        "UN Secretary-General Jane Okoro sat at the top table.",
    ],
)
def test_an_official_who_speaks_at_the_summit_takes_part(sentence: str) -> None:
    facts = extract(
        Article(text="The Arab League summit opened in Manama on Thursday. " + sentence, published="2031-05-16")
    )
    assert [p["person"] for p in facts["participants"]] == ["Jane Okoro"]


def test_an_official_only_quoted_does_not_take_part() -> None:
    facts = extract(
        Article(
            text=(
                "The Arab League summit opened in Manama on Thursday. "
                "UN Secretary-General Jane Okoro said the talks mattered."
            ),
            published="2031-05-16",
        )
    )
    assert facts["participants"] == [] and facts["people"][0]["name"] == "Jane Okoro"


def test_countries_that_took_part_through_their_ambassadors_and_a_leader_who_made_the_trip():
    facts = extract(
        Article(
            text=(
                "The ALBA summit opened in Caracas on Saturday. Grenada and Saint Lucia participated through their "
                "ambassadors. The presidents who made the trip included Costa Rica's Rodrigo Chaves."
            ),
            published="2031-12-14",
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Costa Rica", "Rodrigo Chaves"),
        ("Grenada", None),
        ("Saint Lucia", None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "AU Commission Chairperson Moussa Faki Mahamat will also attend.",
        "African Union Commission chief Moussa Faki Mahamat will also attend.",
    ],
)
def test_an_officer_of_an_organizations_commission_takes_part_for_it_not_for_a_country(sentence):
    facts = extract(
        Article(text="The Korea-Africa summit opens in Seoul on Tuesday. " + sentence, published="2031-06-02")
    )
    person = next(p for p in facts["people"] if p["canonical"] == "Moussa Faki")
    assert (person.get("organization"), person.get("country")) == ("AU", None)
    assert [p["country"] for p in facts["participants"]] == [None]


def test_a_ruler_a_stand_in_speaks_for_in_a_courts_style_does_not_take_part():
    facts = extract(
        Article(
            text=(
                "The GCC summit opened in Doha on Tuesday. The summit was attended by Prince Mohammed bin Salman bin "
                "Abdulaziz, Crown Prince of Saudi Arabia, who headed the delegation on behalf of the Custodian of the "
                "Two Holy Mosques King Salman bin Abdulaziz Al Saud; and Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah, "
                "Crown Prince of the State of Kuwait, who represented His Highness the Amir Sheikh Nawaf Al-Ahmad "
                "Al-Jaber Al-Sabah."
            ),
            published="2031-12-05",
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Saudi Arabia", "Mohammed bin Salman"),
        ("Kuwait", "Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah"),
    ]


def test_a_leader_a_relative_represents_does_not_take_part():
    facts = extract(
        Article(
            text=(
                "The summit opened in Kigali on Friday. Prince William is representing his mother, Queen Elizabeth II, "
                "who has cut back on travel."
            ),
            published="2031-06-24",
        )
    )
    queen = next(p for p in facts["people"] if p["name"] == "Elizabeth II")
    assert queen["is_participant"] is False


def test_a_ministers_portfolio_is_no_name_and_a_title_before_a_stand_ins_name_is_no_part_of_it():
    facts = extract(
        Article(
            text=(
                "The summit opened in Algiers on Tuesday. Morocco was represented by Nasser Bourita, Minister of "
                "Foreign Affairs, African Cooperation and Moroccan Expatriates. Tanzania was represented by "
                "Vice-President Philip Mpango."
            ),
            published="2031-11-02",
        )
    )
    assert sorted(p["name"] for p in facts["people"]) == ["Nasser Bourita", "Philip Mpango"]


def test_a_kings_title_before_his_name_is_no_part_of_it():
    facts = extract(
        Article(
            text=(
                "The GCC summit opened in Kuwait City on Sunday. Taking part in the summit were His Majesty King Omar "
                "bin Saif Al-Hadid, King of the Kingdom of Ruritania, and others."
            ),
            published="2031-12-01",
        )
    )
    assert [p["name"] for p in facts["people"]] == ["Omar bin Saif Al-Hadid"]


def test_a_first_name_a_town_shares_does_not_hide_the_person():
    facts = extract(
        Article(
            text="The ECOWAS summit opened in Accra. Among the leaders present were Liberia's George Manneh Weah.",
            published="2031-07-04",
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [("Liberia", "George Manneh Weah")]
    assert "George" not in {p["name"] for p in facts["places"]}


def test_a_mediator_who_briefed_the_leaders_takes_part():
    facts = extract(
        Article(
            text=(
                "The ECOWAS summit opened in Accra on Sunday. The mediator for Mali, former Nigerian President "
                "Goodluck Jonathan, briefed the leaders before the closed-door session."
            ),
            published="2031-07-04",
        )
    )
    assert [p["person"] for p in facts["participants"]] == ["Goodluck Jonathan"]


def test_countries_that_sent_ministers_take_part_and_a_country_that_sent_letters_does_not():
    facts = extract(
        Article(
            text="The SADC summit opened in Kinshasa. Madagascar and Seychelles sent ministers. Angola sent letters.",
            published="2031-08-17",
        )
    )
    assert [p["country"] for p in facts["participants"]] == ["Madagascar", "Seychelles"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Belize, Costa Rica and Panama took part in the summit.",
        "Belize, Costa Rica and Panama participated in this year's summit.",
        "Belize, Costa Rica and Panama joined the talks.",
        "Belize, Costa Rica and Panama were among the countries attending.",
        "Also in attendance were Belize, Costa Rica and Panama.",
        "Joining the leaders were Belize, Costa Rica and Panama.",
        "Belize, Costa Rica and Panama sent their heads of state.",
    ],
)
def test_countries_said_to_take_part_in_the_summit(sentence):
    facts = extract(Article(text="The SICA summit opened in Guatemala City on Tuesday. " + sentence))
    assert [p["country"] for p in facts["participants"]] == ["Belize", "Costa Rica", "Panama"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Belize, Costa Rica and Panama took part in the 2019 summit.",
        "Belize, Costa Rica and Panama joined the first meeting of the bloc in 1991.",
        "Belize, Costa Rica and Panama joined the bloc.",
        "Belize, Costa Rica and Panama sent their condolences.",
    ],
)
def test_countries_that_took_part_in_another_meeting_or_joined_the_bloc_do_not_take_part(sentence):
    facts = extract(Article(text="The SICA summit opened in Guatemala City on Tuesday. " + sentence))
    assert [p["country"] for p in facts["participants"]] == []


def test_a_summit_that_drew_leaders_including_named_ones():
    facts = extract(
        Article(
            text="The SICA summit opened in Guatemala City on Tuesday. The summit drew leaders including Belize's "
            "Juan Carrasco and Costa Rica's Elena Montero."
        )
    )
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [
        ("Belize", "Juan Carrasco"),
        ("Costa Rica", "Elena Montero"),
    ]


def test_a_title_after_the_name_with_a_country_of_two_words_possessive():
    facts = extract(
        Article(
            text="The SICA summit opened in Guatemala City on Tuesday. Elena Montero, Costa Rica's president, "
            "attended the summit."
        )
    )
    person = next(p for p in facts["people"] if p["name"] == "Elena Montero")
    assert person["role"] == "President of Costa Rica" and person["country"] == "Costa Rica"
    assert [(p["country"], p["person"]) for p in facts["participants"]] == [("Costa Rica", "Elena Montero")]


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Juan Carrasco, the bloc's secretary-general, opened the meeting.", "Juan Carrasco", "Secretary-General"),
        ("Analyst Pedro Salas of the University of Costa Rica said the summit mattered.", "Pedro Salas", "Analyst"),
        ('"It mattered," said Pedro Salas, an analyst at the University of Costa Rica.', "Pedro Salas", "Analyst"),
        ("Mr Carrasco, Belize's prime minister, arrived on Monday.", "Carrasco", "Prime Minister"),
    ],
)
def test_people_named_with_a_title_of_whose_it_is_an_analyst_and_an_honorific_at_a_sentences_start(
    sentence, name, role
):
    facts = extract(Article(text="The SICA summit opened in Guatemala City on Tuesday. " + sentence))
    person = next(p for p in facts["people"] if p["name"] == name)
    assert person["role"].startswith(role)


@pytest.mark.parametrize(
    "sentence",
    [
        "Notably absent was Costa Rican President Elena Montero.",
        "Missing from the summit were Costa Rican President Elena Montero and Panamanian President Juan Carrasco.",
    ],
)
def test_leaders_said_absent_before_their_names_do_not_take_part(sentence):
    facts = extract(Article(text="The SICA summit opened in Guatemala City on Tuesday. " + sentence))
    assert facts["participants"] == []
