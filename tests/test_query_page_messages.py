"""The query page (real headless Chromium, as in test_query_page) shows the endpoint's readable
syntax error -- position and the PREFIX to add -- and SELECT * columns in the query's order (issue 19)."""

from __future__ import annotations

from kg.rdf.namespaces import PREFIXES

from . import test_query_page

server = test_query_page.server  # the fixtures: a server on the seed store, a tab on its query page
watched = test_query_page.watched


def test_a_missing_prefix_shows_the_declaration_to_add(watched):
    page = watched.page
    page.fill("#query", "SELECT ?s WHERE {\n  ?s a skg:Summit }")
    page.click("#run")
    error = page.wait_for_selector("#error:not([hidden])")
    assert error.inner_text().strip() == (
        f"SPARQL syntax error: line 2, column 8: prefix skg: is not declared; add PREFIX skg: <{PREFIXES['skg']}>"
    )
    watched.check(http_errors=True)


def test_select_star_columns_come_in_query_order(watched):
    page = watched.page
    page.fill("#query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert page.locator("#results table thead th").all_inner_texts() == ["s", "p", "o"]
    watched.check()
