"""Document lists (kg.extract.documents.list_blocks) on texts written for these tests."""

from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract import extract
from kg.extract.context import Context
from kg.extract.documents import list_blocks
from kg.extract.lexicon import matcher_for
from kg.linking.gazetteer import default_gazetteer


def _docs(text: str) -> dict[str, dict]:
    facts = extract(Article(text=text, published="2031-06-10"))
    return {d["title"]: d for d in facts["documents"]}


def test_bulleted_list_after_a_sentence_with_the_verb():
    text = (
        "Several documents were signed at the summit in Lima.\n\nThese are:\n\n"
        "-   Lima Declaration on the 10th anniversary of the Forum;\n\n"
        "-   Decision of the Council of Heads of State on approval of the 2031-2035 Action Plan;\n\n"
        "-   Program on cooperation in tourism;\n\n"
        "A statement of the Council was adopted too.\n"
    )
    docs = _docs(text)
    assert docs["Lima Declaration on the 10th anniversary of the Forum"]["status"] == "signed"
    assert (
        docs["Decision of the Council of Heads of State on approval of the 2031-2035 Action Plan"]["kind"] == "decision"
    )
    assert docs["Program on cooperation in tourism"]["kind"] == "program"
    assert docs["statement of the Council"]["status"] == "adopted"
    # the action plan inside a decision's title is not a document of its own
    assert not any(t.startswith("2031-2035 Action Plan") for t in docs)


def test_unbulleted_lines_ending_in_semicolons_after_a_dangling_lead_in():
    text = (
        "Decisions taken at the summit included the\n\n"
        "Adoption of the Green Vision for a Sustainable Future;\n\n"
        "Charter of the Forum;\n\n"
        "Resolutions on awarding the Order of Friendship to Prof. Ana Ruiz, and;\n\n"
        "Appointments of Deputy Secretaries General.\n\n"
        "Moreover, the ministers signed\n\n"
        "The Digital Economy Partnership Agreement between the Member States;\n\n"
        "MoU on the establishment of the Council of Central Banks\n"
    )
    docs = _docs(text)
    assert docs["Green Vision for a Sustainable Future"]["status"] == "adopted"
    assert "Charter of the Forum" in docs
    assert any(t.startswith("Resolutions on awarding") for t in docs)
    assert "Appointments of Deputy Secretaries General" in docs
    assert docs["Digital Economy Partnership Agreement between the Member States"]["status"] == "signed"
    assert docs["MoU on the establishment of the Council of Central Banks"]["kind"] == "memorandum"


def test_a_line_of_prose_after_a_colon_is_no_list():
    gaz = default_gazetteer()
    text = "The president said:\n\nWe will meet again next year. The talks were useful.\n"
    ctx = Context.build(Article(text=text, published="2031-06-10"), gaz, matcher_for(gaz))
    assert list_blocks(ctx) == []


def test_one_document_written_twice_is_one_item():
    docs = _docs("The leaders adopted the Lima declaration. The Lima Declaration of the XVI Summit calls for reform.")
    assert len([t for t in docs if "declaration" in t.lower()]) == 1


def test_refused_and_not_signed():
    docs = _docs(
        "Armenia's prime minister refused to sign the Yerevan Declaration. "
        "The leaders did not sign the Convention on Border Security."
    )
    assert docs["Yerevan Declaration"]["status"] == "refused to sign"
    assert docs["Convention on Border Security"]["status"] == "not signed"


def test_status_before_an_inline_list_after_a_colon():
    docs = _docs(
        "The leaders adopted three documents: the Lima Declaration, a statement on ensuring food security "
        "and a decision of the Council on the budget of the Secretariat."
    )
    assert {t: d["status"] for t, d in docs.items()} == {
        "Lima Declaration": "adopted",
        "statement on ensuring food security": "adopted",
        "decision of the Council on the budget of the Secretariat": "adopted",
    }


def test_semicolon_list_and_lowercase_numbered_items():
    docs = _docs("Among the documents signed: decision of the Council on the admission of Laos; statement on climate.")
    assert set(docs) == {"decision of the Council on the admission of Laos", "statement on climate"}
    docs = _docs(
        "The documents adopted at the summit:\n1. Bishkek Declaration\n2. statement on cooperation in energy\n"
    )
    assert docs["statement on cooperation in energy"]["status"] == "adopted"


def test_a_count_then_a_dash_list_takes_the_status():
    docs = _docs(
        "At the summit, 4 documents are expected to be adopted - the Final Declaration, the Baku Political "
        "Declaration, the Gratitude of the host and the Declaration on Palestine."
    )
    assert {t: d["status"] for t, d in docs.items()} == {
        "Final Declaration": "to be adopted",
        "Baku Political Declaration": "to be adopted",
        "Gratitude of the host": "to be adopted",
        "Declaration on Palestine": "to be adopted",
    }


def test_a_declaration_named_after_the_host_city_is_the_summits():
    facts = extract(
        Article(
            text="The G20 Osaka Summit opened. Japan led the G20 via the G20 Osaka Leaders' Declaration. "
            "It recalled the 2015 Paris Agreement.",
            published="2031-06-10",
        )
    )
    docs = {d["title"]: d for d in facts["documents"]}
    assert docs["G20 Osaka Leaders' Declaration"]["at_summit"] is True
    assert docs["2015 Paris Agreement"]["at_summit"] is False


def test_collect_and_merge_steps():
    from kg.extract.documents import Collected, collect_from_sentences, collect_referenced, merge_documents

    gaz = default_gazetteer()
    text = (
        "The leaders signed the Lima Declaration and a statement on energy. "
        "The Lima declaration recalls the Treaty on Open Skies."
    )
    ctx = Context.build(Article(text=text, published="2031-06-10"), gaz, matcher_for(gaz))
    found = Collected()
    collect_from_sentences(ctx, found, [])
    assert [(d.title, d.status) for d in found.docs] == [
        ("Lima Declaration", "signed"),
        ("statement on energy", "signed"),
    ]
    collect_referenced(ctx, found)
    assert any(d.title == "Treaty on Open Skies" and not d.at_summit for d in found.docs)
    merged = merge_documents(sorted(found.docs, key=lambda d: d.start))
    assert [d.title for d in merged].count("Lima Declaration") == 1


def test_adoption_done_regulations_and_passive_negation():
    assert (
        _docs("The summit concluded with the adoption of the Johannesburg Declaration.")["Johannesburg Declaration"][
            "status"
        ]
        == "adopted"
    )
    assert (
        _docs("The leaders approved a regulation on the secretariat.")["regulation on the secretariat"]["kind"]
        == "regulation"
    )
    assert (
        _docs("A joint statement on Ukraine was not adopted because of objections.")["joint statement on Ukraine"][
            "status"
        ]
        == "not adopted"
    )


def test_a_statement_quoted_by_its_generic_name_was_issued():
    text = (
        'The leaders of the Forum met in Lima on 9 June 2031. "We stand together on trade," '
        "the joint statement read. Talks ran late.\n"
    )
    docs = _docs(text)
    assert docs["joint statement"]["status"] == "issued"
    assert docs["joint statement"]["kind"] == "statement"


def test_a_statement_only_mentioned_is_not_quoted():
    text = "The leaders of the Forum met in Lima on 9 June 2031. The joint statement was long.\n"
    assert "joint statement" not in _docs(text)


def test_a_quote_attributed_after_its_verb_and_a_reported_statement():
    docs = _docs(
        '"We will keep the peace," declared a joint statement.\nHe said the final communiqué would come later.\n'
    )
    assert docs["joint statement"]["status"] == "issued"
    assert "final communiqué" not in docs


def test_a_participle_appositive_does_not_cut_the_list():
    docs = _docs(
        "The leaders signed two documents, the Lima Declaration, named after the host city, and a final communiqué.\n"
    )
    assert set(docs) == {"Lima Declaration", "final communiqué"}
    assert docs["final communiqué"]["status"] == "signed"


def test_a_superlative_description_is_no_document():
    assert _docs("The allies agreed their most detailed defence plans since the war.\n") == {}


def test_a_reporting_clause_is_not_part_of_the_title():
    docs = _docs("The leaders adopted the summit declaration, state television reported.\n")
    assert list(docs) == ["summit declaration"]


def test_a_colon_list_after_an_adverbial_keeps_the_status():
    docs = _docs(
        "The leaders adopted three documents at the end of the day: the Lima Declaration, a statement on "
        "climate and a roadmap for trade.\n"
    )
    assert {t: d["status"] for t, d in docs.items()} == {
        "Lima Declaration": "adopted",
        "statement on climate": "adopted",
        "roadmap for trade": "adopted",
    }


def test_a_relative_clause_between_two_items():
    docs = _docs("The heads of state signed the Lima Declaration, which calls for peace, and the Charter on Energy.\n")
    assert docs["Charter on Energy"]["status"] == "signed"


@pytest.mark.parametrize(
    "text, status, at_summit",
    [
        ("The Lima Declaration, adopted at the summit, calls for peace.\n", "adopted", True),
        ("The Lima Declaration, adopted at the 2019 summit, calls for peace.\n", None, False),
    ],
)
def test_a_status_participle_after_a_named_document(text, status, at_summit):
    d = _docs(text)["Lima Declaration"]
    assert (d["status"], d["at_summit"]) == (status, at_summit)


def test_documents_submitted_for_signing_including_a_lowercase_title():
    docs = _docs(
        "A total of 12 documents were submitted for signing, including the declaration of the Council of "
        "Ministers, which sets out the principles of the bloc.\n"
    )
    assert docs["declaration of the Council of Ministers"]["status"] == "to be signed"
    assert _docs("Twelve reports were submitted for review, including the report of the Council.\n") == {}


@pytest.mark.parametrize(
    "text, title, status",
    [
        (
            (
                'Instructions were also given to prepare a "Strategic Roadmap of the Andean Community 2032-2036" '
                "to implement it.\n"
            ),
            "Strategic Roadmap of the Andean Community 2032-2036",
            "to be prepared",
        ),
        (
            "The leaders instructed ministers to draft the Lima Action Plan by December.\n",
            "Lima Action Plan",
            "to be drafted",
        ),
        ("They recalled the Lima Charter on Energy.\n", "Lima Charter on Energy", None),
    ],
)
def test_a_document_to_be_prepared_and_its_years(text, title, status):
    assert _docs(text)[title]["status"] == status


def test_an_indefinite_article_is_not_part_of_a_listed_title():
    docs = _docs(
        "The leaders adopted the following documents:\n\n• the Lima Declaration\n"
        "• a statement on ensuring food security\n\nThe summit closed.\n"
    )
    assert set(docs) == {"Lima Declaration", "statement on ensuring food security"}


@pytest.mark.parametrize(
    "text, title",
    [
        ("The leaders are expected to sign the Lima Declaration on Tuesday.\n", "Lima Declaration"),
        ("The leaders signed the Lima Declaration on 9 June.\n", "Lima Declaration"),
        ("The leaders adopted the Declaration on May Day Celebrations.\n", "Declaration on May Day Celebrations"),
    ],
)
def test_a_date_after_a_title_is_not_part_of_it(text, title):
    assert list(_docs(text)) == [title]


def test_a_time_after_the_object_is_when_not_what():
    docs = _docs(
        "The leaders met in Montevideo on Thursday. Bolivia, which signed its accession protocol in 2019, became "
        "a full member after the Senate approved the protocol last month. The leaders adopted a joint communique."
    )
    # the protocol of 2019 is referenced, not this summit's; "the protocol" later is the same one, unnamed
    assert docs["accession protocol"]["at_summit"] is False
    assert set(docs) == {"accession protocol", "joint communique"}


def test_a_year_after_the_object_of_this_year_stays_in_the_title():
    docs = _docs("The leaders signed a decision on the chairmanship of the organization in 2032.")
    assert docs["decision on the chairmanship of the organization in 2032"]["at_summit"] is True


def test_a_compound_documents_head_is_its_last_noun():
    assert (
        _docs("The leaders endorsed the 2050 Strategy implementation plan.")["2050 Strategy implementation plan"][
            "kind"
        ]
        == "plan"
    )


def test_a_headlines_place_is_where_and_its_document_the_bodys():
    docs = _docs(
        "Leaders endorse 2050 Strategy implementation plan in Avarua\n\n"
        "The leaders endorsed the implementation plan for the 2050 Strategy for the Blue Continent on Friday."
    )
    assert [(title, d["kind"]) for title, d in docs.items()] == [("2050 Strategy implementation plan", "plan")]


def test_a_headlines_bare_kind_word_is_the_bodys_named_document():
    docs = _docs(
        "Forum adopts charter at Lima summit\n\n"
        "The leaders signed the Forum Charter, giving the grouping a legal personality."
    )
    assert [(t, d["status"]) for t, d in docs.items()] == [("Forum Charter", "signed")]


def test_a_headlines_bare_kind_word_is_not_a_document_about_something_else():
    docs = _docs("Leaders adopt declaration\n\nThe leaders adopted the Declaration on Principles of Relations.")
    assert set(docs) == {"declaration", "Declaration on Principles of Relations"}


def test_including_after_a_comma_goes_on_with_the_list():
    docs = _docs(
        "The summit will adopt three statements, including the Initiative on World Unity for Peace and Harmony."
    )
    assert docs["Initiative on World Unity for Peace and Harmony"]["status"] == "to be adopted"


def test_a_participle_clause_with_a_named_object_ends_the_title():
    docs = _docs("The leaders adopted a new Strategic Concept, naming Russia as the most significant threat.")
    assert list(docs) == ["new Strategic Concept"]


def test_a_colon_inside_a_quoted_title_is_part_of_it():
    docs = _docs('The leaders adopted a joint statement titled "Forum Matters: Epicentrum of Growth".')
    assert list(docs) == ["joint statement titled Forum Matters: Epicentrum of Growth"]


def test_no_document_issued_is_no_document():
    assert _docs("The EU-Lima summit opened in Lima. No joint statement was issued.") == {}


def test_a_headlines_document_written_otherwise_is_the_bodys_of_the_same_name():
    docs = _docs(
        "Leaders adopt Lima statement on 30th anniversary\n\n"
        "The summit concluded with the adoption of the Lima Statement on the Transformation of the Forum and a "
        "statement on digital cooperation."
    )
    assert list(docs) == ["Lima Statement on the Transformation of the Forum", "statement on digital cooperation"]


def test_on_the_first_day_is_when_not_part_of_the_title():
    assert list(_docs("Leaders adopted the Lima Leaders' Declaration on the first day.")) == [
        "Lima Leaders' Declaration"
    ]


def test_welcoming_the_adoption_of_a_document_says_it_was_adopted():
    assert (
        _docs("The Prime Minister welcomed the adoption of the Vientiane Statement on Resilience.")[
            "Vientiane Statement on Resilience"
        ]["status"]
        == "adopted"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        # "together with" / "along with" join two documents that share the verb, active or passive
        (
            "The APEC leaders adopted the Lima Declaration together with the Lima Plan of Action 2031.",
            {"Lima Declaration": "adopted", "Lima Plan of Action 2031": "adopted"},
        ),
        (
            "At the APEC summit, the Lima Declaration was signed along with the Lima Plan of Action.",
            {"Lima Declaration": "signed", "Lima Plan of Action": "signed"},
        ),
        # a conjunction opening the clause is no part of the title
        (
            "The APEC summit adopted the Lima Declaration, while the Chair's Statement was issued by Peru.",
            {"Lima Declaration": "adopted", "Chair's Statement": "issued"},
        ),
    ],
)
def test_documents_joined_by_together_with_and_clauses_opened_by_while(text, expected):
    assert {title: d["status"] for title, d in _docs(text).items()} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the signing of" before a named document says it was signed (or will be)
        (
            "The ASEAN summit opened. The Chair presided over the signing of the Declaration on the Admission "
            "of Timor-Leste into ASEAN.",
            {"Declaration on the Admission of Timor-Leste into ASEAN": "signed"},
        ),
        (
            "The ASEAN summit opened. The leaders will witness the signing of the Lima Declaration on Climate.",
            {"Lima Declaration on Climate": "to be signed"},
        ),
        # how it was adopted is no part of the title
        (
            "The G20 leaders adopted the Lima Leaders' Declaration by consensus on the first day.",
            {"Lima Leaders' Declaration": "adopted"},
        ),
    ],
)
def test_the_signing_of_a_document_and_how_it_was_adopted(text, expected):
    assert {title: d["status"] for title, d in _docs(text).items()} == expected


def test_a_possessive_opening_a_title_is_no_part_of_it():
    docs = _docs("The ASEAN summit opened. The leaders adopted the Lima Vision Statement and its Implementation Plan.")
    assert set(docs) == {"Lima Vision Statement", "Implementation Plan"}


def test_despite_and_amid_end_a_title():
    docs = _docs("The NATO summit opened. The leaders adopted the Washington Declaration amid protests.")
    assert list(docs) == ["Washington Declaration"]
    assert not [
        t for t in _docs("The NATO summit opened. He will sign the communique despite his doubts.") if "despite" in t
    ]


@pytest.mark.parametrize(
    "sentence, title, status",
    [
        ("The Kazan Declaration will be signed on Tuesday.", "Kazan Declaration", "to be signed"),
        ("The Summit Communiqué will be issued at the close.", "Summit Communiqué", "to be issued"),
        ("The Kazan Charter would then be formally adopted.", "Kazan Charter", "to be adopted"),
        (
            "Agreements on motor vehicles and railways could not be signed.",
            "Agreements on motor vehicles and railways",
            "not signed",
        ),
        # a subject clause after "that" is the document, not what comes before it
        (
            "Members proposed that a United Nations treaty on terrorism should be passed.",
            "United Nations treaty on terrorism",
            "to be passed",
        ),
    ],
)
def test_a_passive_with_a_modal_is_a_status_to_come(sentence, title, status):
    docs = _docs("The BRICS summit opened in Kazan on Monday. " + sentence)
    assert docs[title]["status"] == status


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "A second text, the Joint Communiqué of the Presidents of the States Parties and Associated States, "
            "was also signed.",
            "Joint Communiqué of the Presidents of the States Parties and Associated States",
        ),
        ("The Astana Declaration, a 20-page text, was signed by the leaders.", "Astana Declaration"),
    ],
)
def test_the_subject_of_a_passive_may_be_a_noun_and_its_appositive(sentence, title):
    assert _docs("The Mercosur summit opened in Asuncion on Monday. " + sentence)[title]["status"] == "signed"


def test_putting_pen_to_paper_signs_and_a_time_before_another_event_ends_the_title():
    docs = _docs(
        "The SAARC summit opened in Kathmandu on Monday. The foreign ministers put pen to paper on the SAARC "
        "Framework Agreement for Energy Cooperation (Electricity) minutes before the close."
    )
    assert docs["SAARC Framework Agreement for Energy Cooperation (Electricity)"]["status"] == "signed"


def test_a_title_in_quotes_as_the_whole_object_of_adopting_is_a_document():
    docs = _docs(
        'The BIMSTEC summit opened in Bangkok on Monday. Leaders are expected to adopt the "Bangkok Blueprint 2030", '
        'a blueprint for the work. They launched "Operation Unity". They adopted "a new approach".'
    )
    assert {t: (d["kind"], d["status"]) for t, d in docs.items()} == {
        "Bangkok Blueprint 2030": ("document", "to be adopted")
    }


@pytest.mark.parametrize(
    "sentence, title, kind, status",
    [
        (
            "The leaders released the G7 Leaders' Hiroshima Vision on Nuclear Disarmament, the group's first "
            "standalone document on the issue.",
            "G7 Leaders' Hiroshima Vision on Nuclear Disarmament",
            "vision",
            "released",
        ),
        (
            "The leaders adopted the Lima Commitment on Democratic Governance Against Corruption.",
            "Lima Commitment on Democratic Governance Against Corruption",
            "commitment",
            "adopted",
        ),
        (
            "It is expected that at the end of the sessions the leaders approve the Declaration of Kingstown.",
            "Declaration of Kingstown",
            "declaration",
            "to be approved",
        ),
        (
            "The ministers signed three instruments in presence of the leaders: the BIMSTEC Convention on Mutual "
            "Legal Assistance, and the Memorandum of Association on the Technology Facility.",
            "BIMSTEC Convention on Mutual Legal Assistance",
            "convention",
            "signed",
        ),
    ],
)
def test_visions_commitments_an_expectation_and_a_list_after_where(sentence, title, kind, status):
    docs = _docs("The G7 summit opened in Hiroshima on Monday. " + sentence)
    assert (docs[title]["kind"], docs[title]["status"]) == (kind, status)
    assert not [t for t in docs if "standalone" in t]


@pytest.mark.parametrize(
    "sentence, titles",
    [
        # the words after a common noun say when or why, not which document
        ("Leaders adopted their communique a day early to clear Sunday for the invited countries.", []),
        ("Leaders adopted a joint statement committing the two blocs to expand trade.", ["joint statement"]),
        # a complement is the title's
        ("Leaders adopted an action plan until 2035.", ["action plan until 2035"]),
        ("Leaders signed an agreement establishing a fund.", ["agreement establishing a fund"]),
        # a pronoun is no document
        ("By hosting and chairing, Riyadh made itself the address for any Arab position on Gaza.", []),
    ],
)
def test_a_common_document_noun_keeps_only_a_complement(sentence, titles):
    facts = extract(Article(text="The G7 summit opened in Hiroshima. " + sentence, published="2031-05-21"))
    assert [d["title"] for d in facts["documents"]] == titles


def test_a_list_of_attending_leaders_after_a_sentence_about_a_document_is_no_list_of_documents():
    text = (
        "The SADC summit opened in Maputo. Summit directed the Secretariat to finalise a Status of Forces "
        "Agreement, to be signed next month.\n\nThe Summit was attended by the following Heads of State and "
        "Government:\n\n- H.E. Ana Tomás, President of the Republic of Angola and Chairperson of SADC;\n"
        "- H.E. Tiro Kgosi, President of the Republic of Botswana."
    )
    titles = [d["title"] for d in extract(Article(text=text, published="2031-06-23"))["documents"]]
    assert not any("President" in t for t in titles), titles


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a building named after a kind word is no document
        ("Johnson arrived at the Kigali Convention Centre.", []),
        # a clause's conjunction or a focusing adverb is not the title's
        (
            "The leaders move to their retreat on Saturday, when the final communiqué is expected to be issued.",
            [("final communiqué", "to be issued")],
        ),
        ("Only the energy agreement was signed.", [("energy agreement", "signed")]),
        # agreed in principle on a charter: a status, the charter at the summit
        (
            "Leaders also agreed in principle on the Living Lands Charter, a climate and land-use text.",
            [("Living Lands Charter", "agreed")],
        ),
    ],
)
def test_buildings_conjunctions_and_agreement_in_principle(sentence, expected):
    facts = extract(Article(text="The CHOGM summit opened in Kigali. " + sentence, published="2031-06-24"))
    assert [(d["title"], d["status"]) for d in facts["documents"] if d["at_summit"]] == expected


def test_a_name_with_two_kind_words_is_headed_by_the_last():
    facts = extract(
        Article(
            text=(
                "The SAARC summit opened in Kathmandu. Officials had prepared a SAARC Motor Vehicles Agreement and "
                "a SAARC Framework Agreement for Energy Cooperation (Electricity)."
            ),
            published="2031-11-27",
        )
    )
    assert [(d["title"], d["kind"]) for d in facts["documents"]] == [
        ("SAARC Motor Vehicles Agreement", "agreement"),
        ("SAARC Framework Agreement for Energy Cooperation", "agreement"),
    ]


def test_a_coordinated_infinitive_after_a_title_is_not_its():
    facts = extract(
        Article(
            text=(
                "The CHOGM summit opened in Kigali. They are also expected to adopt the Living Lands Charter, and a "
                "final communique, and to confirm Samoa as host."
            ),
            published="2031-06-24",
        )
    )
    assert [d["title"] for d in facts["documents"]] == ["Living Lands Charter", "final communique"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a headline whose object comes before its verb introduces no list
        (
            "Astana hosts 10th Summit of Organization of Turkic States, Astana Declaration signed\n\n"
            "Baku, Azerbaijan, November 3. The 10th Summit of the OTS was held in Astana today.",
            [("Astana Declaration", None)],
        ),
        # "whose ..." is no document; a coordinated clause is not the title's
        (
            "The OTS summit opened in Astana. The Turkic Investment Fund, whose founding agreement was signed in "
            "Ankara, will start work.",
            [],
        ),
        (
            "The EPC met at Blenheim. The EPC does not agree a final communiqué, and officials played down "
            "expectations.",
            [("final communiqué", "not agreed")],
        ),
    ],
)
def test_headlines_relatives_and_clauses_after_a_title(text, expected):
    facts = extract(Article(text=text, published="2031-11-03"))
    assert [(d["title"], d["status"]) for d in facts["documents"]] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Leaders also agreed a Pledge of Long-Term Security Assistance for Ukraine, with a minimum baseline of 40 "
            "billion euros.",
            [("Pledge of Long-Term Security Assistance for Ukraine", "pledge", "agreed")],
        ),
        (
            "Pacific leaders wrapped up their annual summit on Friday, releasing a communiqué that commits the region.",
            [("communiqué", "communiqué", "released")],
        ),
    ],
)
def test_pledges_and_a_communique_being_released(sentence, expected):
    facts = extract(
        Article(text="The NATO summit opened in Washington on Tuesday. " + sentence, published="2031-07-11")
    )
    assert [(d["title"], d["kind"], d["status"]) for d in facts["documents"]] == expected


def test_a_named_document_with_the_of_the_inside_its_name_and_which_the_leaders_signed():
    facts = extract(
        Article(
            text=(
                "The CIS summit opened in Bishkek on Friday. The key document of the summit is the Treaty on the "
                "Establishment of the International Organization for the Russian Language, which the leaders signed "
                "in the extended format."
            ),
            published="2031-10-13",
        )
    )
    assert [(d["title"], d["status"], d["at_summit"]) for d in facts["documents"]] == [
        ("Treaty on the Establishment of the International Organization for the Russian Language", "signed", True)
    ]


def test_a_final_communique_with_its_status_after_it():
    facts = extract(
        Article(
            text=(
                "The ECOWAS summit opened in Abuja. ECOWAS ordered the closure of borders, according to a final "
                "communique issued at the end of the summit."
            ),
            published="2031-07-30",
        )
    )
    assert [(d["title"], d["kind"], d["status"]) for d in facts["documents"]] == [
        ("final communique", "communiqué", "issued")
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The Summit approved the legal framework governing the deployment of the Standby Force.",
            [("legal framework governing the deployment of the Standby Force", "framework", "approved")],
        ),
        (
            "A separate resolution on the crisis in Haiti, approved on Friday, calls for elections.",
            [("resolution on the crisis in Haiti", "resolution", "approved")],
        ),
    ],
)
def test_a_framework_governing_something_and_a_resolution_on_a_subject_approved_after_it(sentence, expected):
    facts = extract(Article(text="The summit opened in Maputo. " + sentence, published="2031-06-23"))
    assert [(d["title"], d["kind"], d["status"]) for d in facts["documents"]] == expected


def test_principles_are_a_document_and_annexed_is_a_status():
    facts = extract(
        Article(
            text=(
                "The Council of Europe summit opened in Reykjavik. Leaders adopted the Reykjavik Declaration and "
                "annexed the Reykjavik Principles for Democracy to it."
            ),
            published="2031-05-17",
        )
    )
    assert [(d["title"], d["kind"], d["status"]) for d in facts["documents"]] == [
        ("Reykjavik Declaration", "declaration", "adopted"),
        ("Reykjavik Principles for Democracy", "principles", "annexed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "The leaders also approved the Comprehensive Cooperation Plan between the Arab States and the People's "
            "Republic of China, and tasked the Forum with a program.",
            "Comprehensive Cooperation Plan between the Arab States and the People's Republic of China",
        ),
        (
            "The presidents signed last December 14 the Joint Declaration of Argyle for the Dialogue and the Peace.",
            "Joint Declaration of Argyle for the Dialogue and the Peace",
        ),
        ("It endorsed once again the Egyptian reconstruction plan for Gaza.", "Egyptian reconstruction plan for Gaza"),
    ],
)
def test_a_title_runs_over_and_into_its_second_party_and_starts_after_an_adverbial(sentence, title):
    assert title in _docs("The summit opened in Riyadh on Friday. " + sentence)


def test_and_before_another_name_of_its_own_still_ends_a_title():
    docs = _docs(
        "The summit opened in Astana on Friday. Leaders adopted the Charter of the Organization and the Statute of "
        "the Secretariat, and the Astana Declaration and the Strategy of the SCO."
    )
    assert {"Charter of the Organization", "Astana Declaration", "Strategy of the SCO"} <= set(docs)


@pytest.mark.parametrize(
    "text",
    [
        "EU-AU summit live: leaders adopt 'Joint Vision for 2030' as vaccine patent row rumbles on\n\n"
        "The sixth EU-AU summit closed in Brussels on Friday.",
        'The summit closed in Brussels on Friday. Leaders adopted the "Joint Vision for 2030" on Friday.',
    ],
)
def test_a_quoted_title_ends_at_its_closing_quote(text):
    assert list(_docs(text)) == ["Joint Vision for 2030"]


def test_documents_counted_and_named_by_their_topics_are_one_each():
    docs = _docs(
        "The summit closed in Addu on Friday. The leaders also signed three agreements: on rapid response to "
        "natural disasters, on a regional seed bank and on regional standards."
    )
    assert {
        "agreement on rapid response to natural disasters",
        "agreement on a regional seed bank",
        "agreement on regional standards",
    } <= set(docs)
    assert docs["agreement on a regional seed bank"]["status"] == "signed"


def test_a_topic_list_longer_than_its_count_is_not_split():
    docs = _docs("The summit closed in Addu on Friday. The leaders adopted two declarations: on A, on B and on C.")
    assert not [t for t in docs if t.startswith("declaration on")]


def test_a_chairs_summary_is_a_document_and_a_summary_of_the_talks_is_not():
    docs = _docs("The G7 summit closed in Kananaskis on Tuesday. The Prime Minister issued a Chair's Summary.")
    assert (docs["Chair's Summary"]["kind"], docs["Chair's Summary"]["status"]) == ("summary", "issued")
    assert _docs("The G7 summit closed in Kananaskis on Tuesday. He issued a summary of the discussions.") == {}


@pytest.mark.parametrize(
    ("sentence", "title", "kind"),
    [
        ("In a joint declaration, leaders called for free trade.", "joint declaration", "declaration"),
        ("The summit's final communique called for free trade.", "final communique", "communiqué"),
        ("A final declaration urged the lifting of tariffs.", "final declaration", "declaration"),
    ],
)
def test_the_summits_final_text_quoted_for_what_it_says_was_issued(sentence, title, kind):
    docs = _docs("The Pacific Alliance summit opened in Lima on Friday. " + sentence)
    assert {t: (d["kind"], d["status"]) for t, d in docs.items()} == {title: (kind, "issued")}


def test_a_generic_outcome_named_in_apposition_is_that_named_document():
    docs = _docs(
        "The Pacific Alliance summit opened in Lima on Friday. In a joint statement, the Lima Declaration, the leaders "
        "called for free trade."
    )
    assert list(docs) == ["Lima Declaration"]


@pytest.mark.parametrize("due", ["is due", "is expected", "was set", "is scheduled"])
def test_a_document_due_to_be_adopted_is_named_without_the_verb(due):
    docs = _docs(f"The Pacific Alliance summit opened in Lima on Friday. The Lima Declaration {due} to be adopted.")
    assert {t: d["status"] for t, d in docs.items()} == {"Lima Declaration": "to be adopted"}
