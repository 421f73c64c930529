"""kg/web/conditional.py's request identity: what a GET answer's cache key and ETag depend on, and If-None-Match.

Pure functions over hand-made WSGI environs (the middleware itself is tested over HTTP in
test_conditional.py).
"""

from __future__ import annotations

import pytest

from kg.web.conditional import _VARY_ON, Generation, _etag, _matches, _request_key

BASE = {
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/sparql",
    "QUERY_STRING": "query=SELECT%20*%20WHERE%20%7B%7D",
    "HTTP_ACCEPT": "application/sparql-results+json",
    "HTTP_USER_AGENT": "test",
}


@pytest.mark.parametrize("name", ["PATH_INFO", "QUERY_STRING", *_VARY_ON])
def test_the_key_changes_with_the_path_the_query_string_and_every_varying_header(name):
    changed = {**BASE, name: BASE.get(name, "") + "x"}
    assert _request_key(changed) != _request_key(BASE)


def test_the_key_ignores_other_headers_and_is_the_same_for_the_same_request():
    assert _request_key({**BASE, "HTTP_USER_AGENT": "other", "REMOTE_ADDR": "10.0.0.1"}) == _request_key(dict(BASE))
    assert len(_request_key(BASE)) == 40


def test_the_key_tells_apart_where_a_value_ends():
    # the parts are joined with a NUL: moving text from one header to the next is another request
    assert _request_key({**BASE, "HTTP_ACCEPT": "a", "HTTP_ACCEPT_ENCODING": "b"}) != _request_key(
        {**BASE, "HTTP_ACCEPT": "ab", "HTTP_ACCEPT_ENCODING": ""}
    )


def test_an_etag_is_strong_and_changes_with_the_generation_and_the_request():
    generation = Generation()
    etag = _etag(generation, 1, "k")
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    assert len({etag, _etag(generation, 2, "k"), _etag(generation, 1, "l"), _etag(Generation(), 1, "k")}) == 4


@pytest.mark.parametrize(
    "header, matches",
    [
        ('"abc"', True),
        ('W/"abc"', True),  # weak comparison
        ('"x", "abc"', True),
        ('"x",W/"abc" ', True),
        ('"abcd"', False),
        ('"abc" x', False),  # holds the ETag, but not as one of its entries
        ("*", False),  # not honoured
        ("", False),
    ],
)
def test_if_none_match_lists_the_etag(header, matches):
    assert _matches(header, '"abc"') is matches
