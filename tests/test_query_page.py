"""The query page at ``/`` in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

The ``browser`` fixture (conftest.py) skips these tests when ``/usr/bin/chromium`` or the
``playwright`` package is missing.  Every request the page makes must stay on the test server
at 127.0.0.1: no CDN, no fonts, nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

from .conftest import SEED
from .live import Server, Tab, make_app


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "store"
    assert main(["ingest", str(SEED), "--store", str(path), "--quiet"]) == 0
    srv = Server(make_app(path))
    yield srv
    srv.close()


@pytest.fixture
def watched(browser, server):
    """A tab on the query page."""
    w = Tab(browser, server)
    w.open("/")
    yield w
    w.close()


def cells(page, column: str) -> list[str]:
    """The texts of one column of the results table."""
    heads = page.locator("#results table thead th").all_inner_texts()
    index = heads.index(column) + 1
    return page.locator(f"#results table tbody tr td:nth-child({index})").all_inner_texts()


def test_the_page_loads_with_its_own_assets_and_runs_the_example(watched, server):
    page = watched.page
    assert page.title() == "SPARQL query · summit-kg"
    assert "SELECT" in page.input_value("#query")
    assert page.locator("#examples button.example").count() >= 9
    assert page.locator("#prefixes button.prefix", has_text="skg:").count() == 1
    page.click("#run")
    page.wait_for_selector("#results table")
    assert cells(page, "hostCity") == ["Astana"]
    assert "1 row" in page.inner_text("#status")
    assert server.url + "/assets/query.js" in watched.requests
    assert server.url + "/assets/kg.css" in watched.requests
    watched.check()


def test_a_named_query_example_loads_and_runs(watched):
    page = watched.page
    page.click("#examples button.example[data-name=summits]")
    assert page.input_value("#query").startswith("#+ title: Summits")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert cells(page, "hostCityLabel") == ["Astana"]
    assert cells(page, "ordinal") == ["17"]
    page.click("#examples button.example[data-name=members-wikidata]")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert sorted(cells(page, "memberLabel")) == ["India", "Pakistan"]
    watched.check()


def test_errors_are_shown_from_the_error_response(watched):
    page = watched.page
    page.fill("#query", "SELECT * WHERE { ?s ?p ")
    page.click("#run")
    error = page.wait_for_selector("#error:not([hidden])")
    assert error.inner_text().startswith("SPARQL syntax error:")
    assert page.locator("#results table").count() == 0
    page.fill("#query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    page.click("#run")
    page.locator("#error", has_text="service_allowlist").wait_for()  # (no wait_for_function: the CSP forbids eval)
    watched.check(http_errors=True)


def test_construct_shows_turtle_and_ask_a_boolean(watched):
    page = watched.page
    page.fill(
        "#query",
        "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\nCONSTRUCT { ?s a skg:Summit } WHERE { ?s a skg:Summit }",
    )
    page.click("#run")
    turtle = page.wait_for_selector("#graph:not([hidden])")
    assert "https://w3id.org/summit-kg/id/summit/sco/17" in turtle.inner_text()
    page.fill("#query", "ASK { ?s ?p ?o }")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert page.locator("#results td").all_inner_texts() == ["true"]
    watched.check()


def test_prefixes_are_added_once(watched):
    page = watched.page
    page.fill("#query", "SELECT * WHERE { ?s a skg:Summit }")
    page.click("#prefixes button.prefix[data-prefix=skg]")
    page.click("#prefixes button.prefix[data-prefix=skg]")
    text = page.input_value("#query")
    assert text.count("PREFIX skg: <https://w3id.org/summit-kg/ontology#>") == 1
    page.click("#run")
    page.wait_for_selector("#results table[data-labelled]")
    assert cells(page, "s") == ["17th SCO Summit, Astana 2017"]  # the label, the IRI on hover, linked to its page
    link = page.locator("#results td a.labelled")
    assert link.get_attribute("title") == "https://w3id.org/summit-kg/id/summit/sco/17"
    assert link.get_attribute("href") == "/summit-kg/id/summit/sco/17"
    watched.check()


def test_results_download_as_csv(watched):
    page = watched.page
    page.click("#examples button.example[data-name=summits]")
    page.click("#run")
    page.wait_for_selector("#downloads:not([hidden])")
    with page.expect_download() as info:
        page.click("#downloads button[data-ext=csv]")
    download = info.value
    assert download.suggested_filename == "summits.csv"  # the named query's own download, as loaded
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("summit,label,organization")
    assert "Astana" in text
    watched.check()


def test_only_web_iris_become_links(watched, server):
    """A stored javascript: IRI is shown, never clickable (query.js's webHref); the page runs under its CSP."""
    page = watched.page
    page.fill("#query", "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <https://example.org/a> } }")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert sorted(cells(page, "x")) == ["https://example.org/a", "javascript:alert(1)"]
    links = page.locator("#results td a")
    assert links.count() == 1 and links.get_attribute("href") == "https://example.org/a"
    csp = page.request.get(server.url + "/").headers["content-security-policy"]
    assert "script-src 'self'" in csp
    watched.check()


def test_a_named_query_and_its_parameters_come_from_the_url_and_go_back_into_it(browser, server, watched):
    page = watched.open("/?named=members-wikidata&type=observer")
    page.wait_for_selector("#results table")  # runs on its own, with the URL's value bound
    assert page.input_value("#query").startswith("#+ title: Member states with their Wikidata")
    assert page.input_value("#params input[name=type]") == "observer"
    assert "0 rows" in page.inner_text("#status")
    page.fill("#params input[name=type]", "member")
    page.press("#params input[name=type]", "Enter")  # Enter in a parameter runs, as Ctrl+Enter in the editor
    page.locator("#status", has_text="2 rows").wait_for()
    assert sorted(cells(page, "memberLabel")) == ["India", "Pakistan"]
    shared = page.url
    assert shared == server.url + "/?named=members-wikidata&type=member"
    assert page.locator("#share").get_attribute("href") == shared
    with page.expect_download() as info:
        page.click("#downloads button[data-ext=tsv]")
    assert "India" in Path(info.value.path()).read_text(encoding="utf-8")  # the bound query's download
    watched.check()
    other = Tab(browser, server)
    try:
        again = other.open(shared.removeprefix(server.url))
        again.locator("#status", has_text="2 rows").wait_for()
        assert sorted(cells(again, "memberLabel")) == ["India", "Pakistan"]
        assert again.input_value("#params input[name=type]") == "member"
        other.check()
    finally:
        other.close()


def test_an_example_shows_its_parameters_and_an_edited_query_is_the_editors_own(watched, server):
    page = watched.page
    page.click("#examples button.example[data-name=members-wikidata]")
    assert page.locator("#params").is_visible()
    assert page.input_value("#params input[name=type]") == "member"  # the declared default
    page.fill("#params input[name=type]", "observer")
    page.click("#run")
    page.locator("#status", has_text="0 rows").wait_for()
    assert page.url == server.url + "/?named=members-wikidata&type=observer"
    page.fill("#query", page.input_value("#query") + "\n# edited")
    assert not page.locator("#params").is_visible()
    page.click("#run")
    page.locator("#status", has_text="2 rows").wait_for()  # ?type unbound: every membership type
    assert page.url.startswith(server.url + "/?query=")
    watched.check()


def test_a_url_naming_an_unknown_query_or_parameter_is_a_400(watched, server):
    for path in ("/?named=nope", "/?named=members-wikidata&nope=1"):
        assert watched.page.request.get(server.url + path).status == 400, path
