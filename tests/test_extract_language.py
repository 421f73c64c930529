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

@pytest.mark.parametrize("text, org", [
    # a summit body that "met", with no summit noun
    ("The Collective Security Treaty Organization's Collective Security Council met in Bishkek on November 28.",
     "CSTO"),
    # "ORG held its Nth session"
    ("The Supreme Council of the Gulf Cooperation Council held its 44th session in Doha on December 5.", "GCC"),
    # a bare "Leaders' Meeting" belongs to the article's organization
    ("APEC Economic Leaders' Week culminated in the Leaders' Meeting in Lima on November 16.", "APEC"),
    # an official name written without its hyphen
    (("The fifth summit of the Conference on Interaction and Confidence Building Measures in Asia will take "
      "place in Baku."), "CICA"),
])
def test_summit_bodies_and_spellings(text, org):
    s = _main(text)
    assert s["organization"] == org


def test_held_its_session_gives_ordinal_and_date():
    s = _main("The Supreme Council of the Gulf Cooperation Council held its 44th session in Doha on December 5.")
    assert (s["ordinal"], s["host_city"], s["start_date"]) == (44, "Doha", "2031-12-05")


def test_host_city_before_the_noun_not_another_events_city():
    s = _main("Heads of state of the Non-Aligned Movement gathered in Kampala for the 19th NAM Summit, which follows "
              "a United Nations meeting in New York.")
    assert (s["host_city"], s["ordinal"]) == ("Kampala", 19)


def test_date_of_another_event_in_the_same_sentence_is_not_borrowed():
    s = _main("The leaders of the Gulf Cooperation Council will gather in Muscat for their 46th session next month, "
              "two weeks after the foreign ministers meet in Riyadh on June 20.")
    assert (s["ordinal"], s["host_city"], s["start_date"], s["end_date"]) == (46, "Muscat", None, None)
