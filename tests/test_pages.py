"""The pages people read, in a real headless Chromium: the layout, summit / organization / country /
person pages, search, and shareable queries, on a graph built from three short articles through
the real pipeline (``kg ingest``; no ../shared).

Two of the articles disagree about the 22nd SCO summit's dates, and the third reports the 17th,
where India and Pakistan joined: enough for a summit card with a disagreement, a timeline with
two summits and a membership chart with new members.

Each page kind is photographed at 1280 and 375 px wide into ``build/screenshots/`` (git-ignored;
``SUMMIT_KG_SCREENSHOTS=DIR`` writes them elsewhere), so a reviewer can look at them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox
import pytest
import requests

from kg.cli import main
from kg.web.page_queries import ORGANIZATION, SUMMIT
from kg.web.pages import (
    human_date,
    label_ordinal,
    membership_columns,
    organization_model,
    short_summit_label,
    summit_model,
)
from kg.web.svg import membership_svg, timeline_svg

from .conftest import REPO
from .endpoint import TIMEOUT
from .live import Server, Tab, make_app

ARTICLES = REPO / "tests" / "data" / "pages"
ID = "/summit-kg/id/"
SUMMIT_22 = ID + "summit/sco/22"
SUMMIT_17 = ID + "summit/sco/17"
SCO = ID + "org/sco"
INDIA = ID + "country/india"
MODI = ID + "person/narendra-modi"


# -- pure parts (no browser) ----------------------------------------------------------------------


def test_dates_and_labels_read_as_people_write_them():
    assert human_date("2017-06-08") == "8 June 2017"
    assert human_date("2017-06") == "June 2017"
    assert human_date("2017") == "2017"
    assert human_date("sometime") == "sometime"
    assert short_summit_label("17th SCO Summit, Astana 2017") == "17th, Astana 2017"
    assert label_ordinal("15th SCO Summit, Ufa 2015") == "15" and label_ordinal("SCO Summit, Ufa 2015") is None
    assert short_summit_label("CSTO Summit, Minsk 2023") == "Minsk 2023"
    assert short_summit_label("SCO Summit", "2019-06-14") == "14 June 2019"


def test_membership_columns_in_date_order_member_wins_and_new_is_counted():
    statements = [
        {
            "summit": "s22",
            "summit_label": "22nd X, B 2022",
            "date": "2022-09-15",
            "member": "in",
            "member_label": "India",
            "type": "member",
            "new": False,
            "articles": 1,
        },
        {
            "summit": "s17",
            "summit_label": "17th X, A 2017",
            "date": "2017-06-08",
            "member": "in",
            "member_label": "India",
            "type": "member",
            "new": True,
            "articles": 2,
        },
        {
            "summit": "s17",
            "summit_label": "17th X, A 2017",
            "date": "2017-06-08",
            "member": "ir",
            "member_label": "Iran",
            "type": "observer",
            "new": False,
            "articles": 1,
        },
        {
            "summit": "s22",
            "summit_label": "22nd X, B 2022",
            "date": "2022-09-15",
            "member": "ir",
            "member_label": "Iran",
            "type": "candidate",
            "new": False,
            "articles": 1,
        },
        {
            "summit": "s22",
            "summit_label": "22nd X, B 2022",
            "date": "2022-09-15",
            "member": "ir",
            "member_label": "Iran",
            "type": "observer",
            "new": False,
            "articles": 1,
        },
    ]
    columns, rows = membership_columns(statements)
    assert [c["summit"] for c in columns] == ["s17", "s22"]
    assert columns[0]["counts"] == {"member": 1, "new": 1, "observer": 1}
    iran = next(r for r in rows if r["label"] == "Iran")
    assert iran["cells"][1]["type"] == "observer"  # observer outranks candidate at one summit
    svg = str(membership_svg(columns, rows, {"s17": "/s/17", "in": "/c/in"}))
    assert svg.count('class="cell ') == 4 and svg.count('class="cell m-member new"') == 1
    assert 'href="/s/17"' in svg and 'href="/c/in"' in svg


def test_timeline_has_one_mark_per_dated_summit_and_escapes_text():
    summits = [
        {"label": "1st <X>", "href": "/s/1", "ordinal": "1", "date": "2001-06-15", "year": 2001, "city": "A&B"},
        {"label": "2nd X", "href": "/s/2", "ordinal": "2", "date": None, "year": 2001, "city": "C"},
        {"label": "X", "href": None, "ordinal": None, "date": None, "year": None, "city": None},
    ]
    svg = str(timeline_svg(summits))
    assert svg.count('<g class="mark">') == 2
    assert "1st &lt;X&gt;" in svg and "A&amp;B" in svg and "<X>" not in svg
    assert svg.count("<a href=") == 2
    assert str(timeline_svg([])) == ""


def test_a_summit_one_article_dates_and_another_does_not_keeps_its_date_and_city():
    """One article without the date or host city must not blank them (MIN over a group with an unbound value)."""
    skg, ex = "https://w3id.org/summit-kg/ontology#", "http://example.org/"
    org, summit, city = ox.NamedNode(ex + "org"), ox.NamedNode(ex + "s1"), ox.NamedNode(ex + "city")
    dated, undated = ox.NamedNode(ex + "graph/1"), ox.NamedNode(ex + "graph/2")
    store = ox.Store()
    for g in (dated, undated):
        store.add(ox.Quad(summit, ox.NamedNode(skg + "organizer"), org, g))
    date = ox.Literal("2001-06-15", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    for s, p, o in (
        (summit, skg + "startDate", date),
        (summit, skg + "hostCity", city),
        (city, "http://www.w3.org/2000/01/rdf-schema#label", ox.Literal("Aville")),
    ):
        store.add(ox.Quad(s, ox.NamedNode(p), o, dated))
    rows = store.query(ORGANIZATION, substitutions={ox.Variable("e"): org})
    [found] = organization_model(org.value, rows, lambda iri: None)["summits"]
    assert (found["date"], found["year"], found["city"], found["articles"]) == ("2001-06-15", 2001, "Aville", 2)


def test_a_summit_card_takes_its_ordinal_from_the_canonical_label_when_no_article_gives_it():
    skg, ex = "https://w3id.org/summit-kg/ontology#", "http://example.org/"
    summit, graph = ox.NamedNode(ex + "s15"), ox.NamedNode(ex + "graph/1")
    store = ox.Store()
    store.add(ox.Quad(summit, ox.NamedNode(skg + "organizer"), ox.NamedNode(ex + "org"), graph))
    store.add(
        ox.Quad(
            summit,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("15th X Summit, Ufa 2015"),
            graph,
        )
    )
    card = summit_model(summit.value, store.query(SUMMIT, substitutions={ox.Variable("e"): summit}), lambda iri: None)[
        "card"
    ]
    assert [v.text for c in card if c["prop"] == "ordinal" for v in c["values"]] == ["15th"]


# -- the pages over HTTP ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "store"
    assert main(["ingest", str(ARTICLES), "--store", str(path), "--quiet"]) == 0
    srv = Server(make_app(path))
    yield srv
    srv.close()


def get(srv, path, **kw):
    headers = {"Connection": "close", **kw.pop("headers", {})}
    return requests.get(srv.url + path, timeout=TIMEOUT, headers=headers, **kw)


def test_favicon_and_search_as_data(server):
    icon = get(server, "/favicon.ico")
    assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/vnd.microsoft.icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    found = get(server, "/search", params={"q": "samarkand"}, headers={"Accept": "application/json"}).json()
    kinds = {hit["kind"]: hit for hit in found["results"]}
    assert kinds["summit"]["href"] == SUMMIT_22 and kinds["summit"]["label"] == "22nd SCO Summit, Samarkand 2022"
    assert kinds["city"]["label"] == "Samarkand"
    assert get(server, "/search", params={"q": "x" * 101}).status_code == 400


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_sparql_describes_itself_to_a_browser_and_to_machines_as_before(server):
    page = get(server, "/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Vary" in page.headers and "Accept" in page.headers["Vary"]
    assert "<h1>SPARQL endpoint</h1>" in page.text
    for said in (
        "application/sparql-results+json",
        "text/csv",
        "text/turtle",
        "max_query_bytes</code> = ",
        "max_rows</code> = ",
        "curl -H 'Accept: text/turtle'",
    ):
        assert said in page.text, said
    for accept in ("text/turtle", "*/*", None, "application/rdf+xml, text/html;q=0.5"):
        machine = get(server, "/sparql", headers={"Accept": accept} if accept else {})
        assert machine.status_code == 200 and not machine.headers["Content-Type"].startswith("text/html"), accept
        assert "http://www.w3.org/ns/sparql-service-description#" in machine.text  # the Service Description
    with_query = get(server, "/sparql", params={"query": "ASK {}"}, headers={"Accept": BROWSER_ACCEPT})
    assert with_query.status_code == 200  # a query from a browser is still a query: its answer, not the page
    assert with_query.headers["Content-Type"].startswith("application/sparql-results+json")


def test_labels_binds_validated_iris_only(server):
    def post(body):
        return requests.post(
            server.url + "/labels",
            data=body,
            timeout=TIMEOUT,
            headers={"Content-Type": "application/json", "Connection": "close"},
        )

    ok = post(json.dumps({"iris": ["https://w3id.org/summit-kg/id/summit/sco/22", "https://example.org/none"]}))
    assert ok.status_code == 200
    assert ok.json()["labels"] == {"https://w3id.org/summit-kg/id/summit/sco/22": "22nd SCO Summit, Samarkand 2022"}
    assert ok.json()["links"]["https://w3id.org/summit-kg/id/summit/sco/22"] == SUMMIT_22
    for bad in (
        '{"iris": ["http://x/a> } ; DROP ALL ; <http://x/b"]}',
        '{"iris": "x"}',
        "not json",
        json.dumps({"iris": ["http://x/"] * 501}),
    ):
        assert post(bad).status_code == 400, bad


def test_summary_pages_are_data_by_accept_and_all_statements_on_demand(server):
    ttl = get(server, SUMMIT_22, headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["Content-Type"].startswith("text/turtle")
    everything = get(server, SUMMIT_22, params={"view": "all"}, headers={"Accept": "text/html"})
    assert '<h2 id="properties">' in everything.text  # the generic page: every statement
    card = get(server, SUMMIT_22, headers={"Accept": "text/html"})
    assert "At a glance" in card.text and '<h2 id="properties">' not in card.text


def test_a_summary_cut_at_max_rows_says_so(tmp_path):
    assert main(["ingest", str(ARTICLES), "--store", str(tmp_path / "store"), "--quiet"]) == 0
    srv = Server(make_app(tmp_path / "store", max_rows=5))
    try:
        page = get(srv, SUMMIT_22, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["X-KG-Truncated"] == "true"
        assert "<strong>Truncated:</strong>" in page.text
    finally:
        srv.close()


# -- in Chromium (the ``browser`` fixture of conftest.py) ---------------------------------------


@pytest.fixture
def tab(browser, server):
    t = Tab(browser, server)
    yield t
    t.close()


def quotes_of(locator):
    """Open a <details> of quotes and give its sentences (hidden until asked for)."""
    details = locator.locator("details.quotes").first
    assert not details.locator("blockquote").first.is_visible()
    details.locator("summary").click()
    return details.locator("blockquote").all_inner_texts()


PAGES = [
    ("query", "/"),
    ("named", "/queries"),
    ("search", "/search?q=sco"),
    ("summit", SUMMIT_22),
    ("organization", SCO),
    ("country", INDIA),
    ("person", MODI),
    ("city", ID + "city/uzbekistan/samarkand"),
    ("ontology", "/summit-kg/ontology"),
    ("endpoint", "/sparql"),
    ("named-query", "/queries/summits"),
    ("query-named", "/?named=membership_timeline&organization=https%3A%2F%2Fw3id.org%2Fsummit-kg%2Fid%2Forg%2Fsco"),
]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name, path", PAGES, ids=[n for n, _ in PAGES])
def test_every_page_has_the_layout_and_fits_the_window(browser, server, name, path, width):
    tab = Tab(browser, server, width)
    try:
        page = tab.open(path)
        nav = page.locator("header.top nav")
        for text in ("Query", "Named queries", "Browse", "Ontology", "SPARQL endpoint"):
            assert nav.get_by_role("link", name=text, exact=True).count() == 1
        assert page.locator("header.top form.search input[name=q]").is_visible()
        footer = page.locator("footer.bottom")
        assert "Data licence" in footer.inner_text()
        assert footer.locator('a[href="/dump.nq.gz"]').count() == 1
        assert page.locator('link[rel=icon][href="/favicon.ico"]').count() == 1
        assert server.url + "/assets/kg.css" in tab.requests
        if name in ("named-query", "query-named"):  # pages that draw a result: wait for it (and its labels)
            page.wait_for_selector("#results table[data-labelled]")
        tab.fits()
        tab.shoot(name)
        tab.check()
    finally:
        tab.close()


def test_the_search_box_finds_a_summit_by_its_name(tab):
    page = tab.open(SCO)
    page.fill("header.top input[name=q]", "Astana 2017")
    page.press("header.top input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Astana"))
    page.get_by_role("link", name="17th SCO Summit, Astana 2017").click()
    page.wait_for_url(re.compile(re.escape(SUMMIT_17) + "$"))
    assert page.locator("h1").inner_text() == "17th SCO Summit, Astana 2017"
    tab.check()


def test_summit_card_says_what_where_when_who_and_according_to_whom(tab):
    page = tab.open(SUMMIT_22)
    assert page.locator("h1").inner_text() == "22nd SCO Summit, Samarkand 2022"
    card = page.locator("section.card", has=page.locator("#card-heading"))
    assert card.locator("dd.fact-organizer a:not(.cite)").inner_text() == "Shanghai Cooperation Organisation"
    assert card.locator("dd.fact-ordinal").inner_text().startswith("22nd")
    assert card.locator("dd.fact-hostCity a:not(.cite)").first.inner_text() == "Samarkand"
    assert card.locator("dd.fact-hostCountry a:not(.cite)").first.inner_text() == "Uzbekistan"
    # the articles disagree on the last day (both within the summit's recorded days, which the bundled table
    # knows: a day off them is not stated at all): both values, each with its article
    end = card.locator("dd.fact-endDate")
    assert "disagree" in end.get_attribute("class")
    assert "15 September 2022" in end.inner_text() and "16 September 2022" in end.inner_text()
    disagreement = page.locator(".disagreements .disagreement", has_text="End").inner_text()
    assert "15 September 2022 — according to" in disagreement and "SCO summit opens in Samarkand" in disagreement
    assert "16 September 2022 — according to" in disagreement and "SCO leaders meet in Samarkand" in disagreement
    # members and observers at this summit
    assert "Mongolia" in page.locator(".members-observer").inner_text()
    assert "Pakistan" in page.locator(".members-member").inner_text()
    # participants with their roles, each with its sentence on demand
    modi = page.locator("table.people tr", has=page.get_by_role("link", name="Narendra Modi", exact=True))
    assert "Prime Minister" in modi.locator("td[data-label=Role]").inner_text()
    assert any("Narendra Modi" in q for q in quotes_of(modi))
    # documents with their status (as written, and normalised)
    named = page.get_by_role("link", name="Samarkand Declaration", exact=True)
    declaration = page.locator("ul.documents li", has=named)
    assert declaration.locator(".status-signed").count() == 1
    assert any("signed the Samarkand Declaration" in q for q in quotes_of(declaration))
    # sources: titles and dates, their sentences as quotes, not as IRIs
    sources = page.locator("ol.sources > li")
    assert sources.count() == 2
    assert "2022-09-15" in sources.nth(0).inner_text() and "2022-09-16" in sources.nth(1).inner_text()
    assert "/mention/" not in page.locator("main").inner_text()
    said = quotes_of(sources.nth(0))
    assert any("September 15, 2022" in q for q in said)
    tab.shoot("summit-quotes-open")
    tab.check()


def test_summit_card_names_the_new_members(tab):
    page = tab.open(SUMMIT_17)
    new = page.locator(".new-members").inner_text()
    assert "India" in new and "Pakistan" in new
    tab.check()


def test_organization_page_draws_its_summits_and_membership(tab):
    page = tab.open(SCO)
    assert page.locator("h1").inner_text().startswith("Shanghai Cooperation Organisation")
    rows = page.locator("table.summits tbody tr")
    assert rows.count() == 2
    timeline = page.locator("svg.timeline")
    assert timeline.locator("g.mark").count() == 2  # one mark per summit
    assert timeline.locator(f'a[href="{SUMMIT_17}"] g.mark').count() == 1
    assert "17th Astana" in (timeline.locator(f'a[href="{SUMMIT_17}"]').text_content() or "")
    years = timeline.locator("text.year").all_text_contents()
    assert years[0] == "2017" and years[-1] == "2022"
    chart = page.locator("svg.membership")
    assert chart.locator(f'a[href="{SUMMIT_17}"] text.col-label').count() == 1
    india = chart.locator("g.cell", has_text="India: member")
    assert india.count() == 2  # stated at both summits
    assert chart.locator("g.cell.new", has_text="India: member (new), 17th, Astana 2017").count() == 1
    assert chart.locator("g.cell.m-observer", has_text="Mongolia: observer").count() == 2
    assert "Observers (" in page.locator("#membership ~ p.members-observer").inner_text()
    timeline.locator(f'a[href="{SUMMIT_22}"]').click()
    page.wait_for_url(re.compile(re.escape(SUMMIT_22) + "$"))
    tab.check()


def test_country_page_memberships_and_summits(tab):
    page = tab.open(INDIA)
    membership = page.locator("ul.memberships li", has_text="Member of").inner_text()
    assert "Shanghai Cooperation Organisation" in membership and "admitted" in membership
    attended = page.locator("#attended ~ .table-wrap table.summits td[data-label=Summit]").all_inner_texts()
    assert attended == ["17th SCO Summit, Astana 2017", "22nd SCO Summit, Samarkand 2022"]
    by = page.locator("#attended ~ .table-wrap table.summits td[data-label='Represented by']").all_inner_texts()
    assert ["Narendra Modi" in text for text in by] == [True, True]
    assert page.locator("ul.mentions > li").count() >= 2
    tab.check()


def test_person_page_roles_and_summits(tab):
    page = tab.open(MODI)
    assert page.locator("h1").inner_text() == "Narendra Modi"
    assert "Prime Minister" in page.locator("ul.roles").inner_text()
    attended = page.locator("table.summits tbody tr")
    assert attended.count() == 2
    assert "Astana 2017" in attended.nth(0).inner_text() and "Samarkand 2022" in attended.nth(1).inner_text()
    mention = page.locator("ul.mentions > li").first
    assert any("Narendra Modi" in q for q in quotes_of(mention))
    tab.check()


QUERY = (
    "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\n"
    "SELECT ?summit ?city WHERE { ?summit a skg:Summit ; skg:hostCity ?city } ORDER BY ?summit"
)


def cells(page, column: str) -> list[str]:
    heads = page.locator("#results table thead th").all_inner_texts()
    index = heads.index(column) + 1
    return page.locator(f"#results table tbody tr td:nth-child({index}) a").all_inner_texts()


def test_a_shared_query_url_reproduces_its_result(browser, server):
    first = Tab(browser, server)
    try:
        page = first.open("/")
        page.fill("#query", QUERY)
        page.press("#query", "Control+Enter")  # runs without the button
        page.wait_for_selector("#results table[data-labelled]")
        summits = cells(page, "summit")
        assert summits == ["17th SCO Summit, Astana 2017", "22nd SCO Summit, Samarkand 2022"]
        assert cells(page, "city") == ["Astana", "Samarkand"]
        assert "2 rows" in page.inner_text("#status")
        shared = page.url
        assert parse_qs(urlsplit(shared).query)["query"] == [QUERY]
        assert page.locator("#share").get_attribute("href") == shared
        first.shoot("query-labelled")
        first.check()
    finally:
        first.close()
    second = Tab(browser, server, 375)
    try:
        page = second.page
        page.goto(shared)
        page.wait_for_selector("#results table[data-labelled]")  # runs on its own
        assert page.input_value("#query") == QUERY
        assert cells(page, "summit") == summits
        link = page.locator("#results td a", has_text="22nd SCO Summit").get_attribute("href")
        assert link == SUMMIT_22
        second.fits()
        second.shoot("query-shared")
        second.check()
    finally:
        second.close()


def test_results_download_as_csv_and_tsv(browser, server):
    tab = Tab(browser, server)
    try:
        page = tab.open("/?query=" + quote(QUERY))
        page.wait_for_selector("#results table[data-labelled]")
        assert not page.locator("#downloads button[data-ext=ttl]").is_visible()  # a SELECT: no Turtle
        for ext, sep in (("csv", ","), ("tsv", "\t")):
            with page.expect_download() as info:
                page.click(f"#downloads button[data-ext={ext}]")
            download = info.value
            assert download.suggested_filename == f"results.{ext}"
            lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
            assert len(lines) == 3 and lines[0].replace("?", "") == sep.join(["summit", "city"])
            assert "https://w3id.org/summit-kg/id/summit/sco/17" in lines[1]
    finally:
        tab.close()


def test_construct_is_prefixed_turtle_that_wraps(tab):
    page = tab.open(
        "/?query="
        + quote(
            "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\n"
            "CONSTRUCT { ?s skg:hostCity ?c } WHERE { ?s skg:hostCity ?c }"
        )
    )
    turtle = page.wait_for_selector("#graph:not([hidden])").inner_text()
    assert "@prefix skg: <https://w3id.org/summit-kg/ontology#> ." in turtle
    assert "skg:hostCity" in turtle and "<https://w3id.org/summit-kg/ontology#hostCity>" not in turtle
    assert page.locator("#downloads button[data-ext=ttl]").is_visible()
    tab.check()


def test_a_named_query_opens_by_name(tab):
    page = tab.open("/?name=membership_timeline")
    assert page.input_value("#query").startswith("#+ title: Membership timeline")
    assert page.locator("#results table").count() == 0  # loaded, not run
    assert tab.page.request.get(tab.server.url + "/?name=nope").status == 400
    tab.check()


def test_a_named_query_page_shows_labels_a_count_and_downloads(browser, server):
    for width in (1280, 375):
        tab = Tab(browser, server, width)
        try:
            page = tab.open("/queries/summits")
            page.wait_for_selector("#results table[data-labelled]")  # drawn by results.js, as on the query page
            assert page.inner_text("#count") == "2 rows"
            heads = page.locator("#results thead th").all_inner_texts()
            column = heads.index("summit") + 1
            summit = page.locator(f"#results tbody tr:nth-child(2) td:nth-child({column})")
            link = summit.locator("a.labelled")
            assert link.inner_text() == "22nd SCO Summit, Samarkand 2022"  # the label ...
            assert link.get_attribute("title") == "https://w3id.org/summit-kg/id/summit/sco/22"  # ... the IRI on hover
            assert link.get_attribute("href") == SUMMIT_22  # ... and its page
            downloads = page.locator("p.downloads a[data-ext]")
            assert downloads.evaluate_all("as => as.map(a => a.dataset.ext)") == ["json", "xml", "csv", "tsv"]
            assert "/?named=summits" in (page.locator("p.downloads a.edit").get_attribute("href") or "")
            tab.fits()
            tab.shoot("named-query-labelled")
            tab.check()
        finally:
            tab.close()
