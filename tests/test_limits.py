"""The CLI-side limits of docs/LIMITS.md: article size and facts JSON size.

Beyond either limit `kg ingest` refuses the file before reading it, with one clear line
naming the file, its size and the limit; the exit status is 1; the other files are
still ingested and nothing already in the store changes.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.facts import load_facts
from kg.settings import load_settings

from .conftest import SEED

FACTS_LIMIT = 50_000_000  # kg.facts.load_facts' default, documented in docs/LIMITS.md
SMALL = {
    "slug": "small-facts",
    "article": {
        "url": "https://news.example.org/limits/small",
        "title": "Leaders meet in Tashkent",
        "publisher": "Example News",
        "published": "2031-05-02",
    },
    "summits": [
        {
            "organization": "SCO",
            "ordinal": 31,
            "role": "main",
            "host_city": "Tashkent",
            "host_country": "Uzbekistan",
            "start_date": "2031-05-01",
            "end_date": "2031-05-02",
        }
    ],
    "member_states": [],
    "observer_states": [],
    "new_members": [],
    "participants": [],
    "documents": [],
    "people": [],
    "organizations": [],
    "places": [],
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def dump(capsys, store: Path) -> list[str]:
    code, out, _ = run(capsys, "dump", "--store", str(store), "--format", "nq")
    assert code == 0
    return sorted(out.splitlines())


@pytest.fixture
def store(tmp_path, capsys) -> Path:
    """A store holding the seed article, and its N-Quads to compare with afterwards."""
    path = tmp_path / "store"
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(path))
    assert code == 0, err
    return path


def test_the_documented_defaults_are_the_settings():
    settings = load_settings(environ={})
    assert settings.max_article_bytes == 5_000_000
    assert settings.max_query_bytes == 200_000 and settings.max_body_bytes == 10_000_000
    text = (Path(__file__).resolve().parent.parent / "docs" / "LIMITS.md").read_text(encoding="utf-8")
    for name in (
        "max_article_bytes",
        "max_query_bytes",
        "max_body_bytes",
        "5,000,000",
        "200,000",
        "10,000,000",
        "50,000,000",
    ):
        assert name in text, name


def test_article_over_the_cap_is_refused_and_the_store_is_unchanged(store, tmp_path, capsys, monkeypatch):
    before = dump(capsys, store)
    article = SEED.read_bytes()
    cap = len(article) - 1
    big = tmp_path / "big.txt"
    big.write_bytes(article.replace(b"Astana", b"Bishkek"))  # another article, a few bytes longer
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", str(cap))

    code, _, err = run(capsys, "ingest", str(big), "--store", str(store))
    assert code == 1
    assert f"FAILED {big}: {big.stat().st_size} bytes is more than the {cap} allowed" in err
    assert "0 ingested, 0 unchanged, 1 failed" in err
    assert "Traceback" not in err
    assert dump(capsys, store) == before


def test_article_at_the_cap_is_accepted(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", str(SEED.stat().st_size))
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(tmp_path / "s"))
    assert code == 0, err


def test_default_article_cap_with_other_files_in_the_folder(store, tmp_path, capsys):
    """5,000,001 bytes of text next to a good file: the big one fails, the good one is stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    big = folder / "a-big.txt"
    big.write_bytes(b"Leaders met in Astana. " * (5_000_001 // 23 + 1))
    (folder / "b-small.json").write_text(json.dumps(SMALL), encoding="utf-8")
    before = dump(capsys, store)

    code, _, err = run(capsys, "ingest", str(folder), "--store", str(store), "-v")
    assert code == 1
    assert f"{big.stat().st_size} bytes is more than the 5000000 allowed" in err
    assert "1 ingested, 0 unchanged, 1 failed" in err
    [graph] = re.findall(r"^ingested .*b-small\.json -> (\S+) ", err, re.MULTILINE)
    after = dump(capsys, store)
    assert set(before) < set(after)  # the seed article untouched, the small facts added
    assert all(line.endswith(f"<{graph}> .") for line in set(after) - set(before))


def test_facts_json_over_the_cap_is_refused_and_the_store_is_unchanged(store, tmp_path, capsys):
    before = dump(capsys, store)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:  # a sparse file: refused on its size, never read
        handle.write(json.dumps(SMALL).encode("utf-8"))
        handle.truncate(FACTS_LIMIT + 1)

    code, _, err = run(capsys, "ingest", str(big), "--store", str(store))
    assert code == 1
    assert f"FAILED {big}: {FACTS_LIMIT + 1} bytes is more than the {FACTS_LIMIT} allowed" in err
    assert "Traceback" not in err
    assert dump(capsys, store) == before


def test_facts_json_limit_is_load_facts_default(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    size = path.stat().st_size
    assert load_facts(path, max_bytes=size)["slug"] == "small-facts"
    with pytest.raises(InputError, match=f"{size} bytes is more than the {size - 1} allowed"):
        load_facts(path, max_bytes=size - 1)
    assert inspect.signature(load_facts).parameters["max_bytes"].default == FACTS_LIMIT


# -- the server's limits over real HTTP (waitress, as `kg serve` runs it) -------------------


@pytest.fixture
def served(tmp_path):
    """The app on a real waitress server, with the options `kg serve` (server.run) gives it."""
    import server  # noqa: PLC0415

    from .live import Server  # noqa: PLC0415

    app = server.create_app({"store": str(tmp_path / "store")})
    live = Server(app, **server.server_options(app.extensions["kg.settings"]))
    try:
        yield live.url + "/sparql"
    finally:
        live.close()


def long_query(size: int) -> str:
    """An ASK query of ``size`` UTF-8 bytes whose URL encoding is 3x that (a comment of é)."""
    tail = "\nASK { ?s ?p ?o }"
    return "#" + "é" * ((size - 1 - len(tail)) // 2) + tail


def test_get_query_under_max_query_bytes_is_run_whatever_its_url_length(served):
    """waitress's default 256 KiB request-line limit answered a 90 KB GET query (270 KB
    percent-encoded) with its own 431; `kg serve` now leaves room for max_query_bytes."""
    import requests  # noqa: PLC0415

    query = long_query(190_000)
    assert len(query.encode("utf-8")) <= 200_000
    response = requests.get(served, params={"query": query}, headers={"Accept": "application/json"}, timeout=30)
    assert len(response.request.url) > 3 * 190_000
    assert response.status_code == 200, response.text[:200]
    assert response.json()["boolean"] is False


@pytest.mark.parametrize("how", ["GET", "form", "direct"])
def test_query_over_max_query_bytes_is_413(served, how):
    import requests  # noqa: PLC0415

    query = long_query(200_010)
    size = len(query.encode("utf-8"))
    headers = {"Accept": "application/json"}
    if how == "GET":
        response = requests.get(served, params={"query": query}, headers=headers, timeout=30)
    elif how == "form":
        response = requests.post(served, data={"query": query}, headers=headers, timeout=30)
    else:
        response = requests.post(
            served,
            data=query.encode("utf-8"),
            timeout=30,
            headers={**headers, "Content-Type": "application/sparql-query"},
        )
    assert response.status_code == 413
    assert response.json() == {
        "error": "Payload too large",
        "message": f"the query is {size} bytes, more than the 200000 allowed (setting max_query_bytes)",
    }


def test_body_over_max_body_bytes_is_413(served):
    import requests  # noqa: PLC0415

    response = requests.post(
        served,
        data=b"x" * 10_000_001,
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    assert response.status_code == 413
    assert "larger than the 10000000 bytes allowed (setting max_body_bytes)" in response.json()["message"]
