"""The online Wikidata look-up against a local server that speaks the same API.

The fixture starts a stdlib HTTP server on 127.0.0.1 (port 0) answering
``wbsearchentities`` and ``wbgetentities`` from a small in-memory table; tests can
queue error answers (429 with Retry-After, 503, 404, junk) and read a request log.
Nothing here touches the internet.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from kg.linking.gazetteer import Gazetteer, default_gazetteer
from kg.linking.linker import Linker, link_facts
from kg.linking.wikidata import OnlineLookup, WikidataError

ENTITIES = {
    "Q7001": {"label": "Nusa Dua", "aliases": ["Nusa Dua Resort"], "p31": ["Q515"]},
    "Q7002": {"label": "Nusa Dua", "aliases": [], "p31": ["Q4022"]},  # a river, say
    "Q7003": {"label": "Igor Morgulov", "aliases": ["Igor Vladimirovich Morgulov"], "p31": ["Q5"]},
    "Q7004": {"label": "Li Huilai", "aliases": [], "p31": ["Q5"]},
    "Q7005": {"label": "Li Huilai", "aliases": [], "p31": ["Q5"]},  # a namesake
    "Q7006": {"label": "Regional Anti-Terrorist Structure of the SCO", "aliases": ["RATS"], "p31": ["Q484652"]},
}


def entity_json(qid: str) -> dict:
    e = ENTITIES[qid]
    return {
        "type": "item",
        "id": qid,
        "labels": {"en": {"language": "en", "value": e["label"]}},
        "aliases": {"en": [{"language": "en", "value": a} for a in e["aliases"]]},
        "claims": {
            "P31": [
                {
                    "mainsnak": {
                        "snaktype": "value",
                        "property": "P31",
                        "datavalue": {"type": "wikibase-entityid", "value": {"entity-type": "item", "id": c}},
                    },
                    "type": "statement",
                    "rank": "normal",
                }
                for c in e["p31"]
            ]
        },
    }


class FakeWikidata:
    """State shared with the handler: queued failures and a log of requests."""

    def __init__(self) -> None:
        self.failures: list[tuple[int, dict[str, str], bytes]] = []
        self.log: list[dict] = []
        self.delay_s = 0.0
        self.lock = threading.Lock()

    def count(self, action: str | None = None) -> int:
        return sum(1 for r in self.log if action is None or r["params"].get("action") == action)


def make_handler(state: FakeWikidata):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):
            url = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            with state.lock:
                state.log.append({"params": params, "ua": self.headers.get("User-Agent"), "time": time.monotonic()})
                failure = state.failures.pop(0) if state.failures else None
            if state.delay_s:
                time.sleep(state.delay_s)
            if failure:
                status, headers, body = failure
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.reply(self.answer(params))

        def answer(self, params):
            if params.get("format") != "json":
                return {"error": {"code": "badformat", "info": "format must be json"}}
            if params.get("action") == "wbsearchentities":
                term = params.get("search", "").lower()
                hits = [
                    {"id": q, "label": e["label"], "match": {"type": "label", "text": e["label"]}}
                    for q, e in ENTITIES.items()
                    if term in e["label"].lower() or any(term in a.lower() for a in e["aliases"])
                ]
                return {"searchinfo": {"search": params.get("search")}, "search": hits, "success": 1}
            if params.get("action") == "wbgetentities":
                ids = params.get("ids", "").split("|")
                return {
                    "entities": {q: (entity_json(q) if q in ENTITIES else {"id": q, "missing": ""}) for q in ids},
                    "success": 1,
                }
            return {"error": {"code": "unknown_action", "info": "Unrecognized value for parameter action"}}

        def reply(self, data):
            body = json.dumps(data).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def fake_api():
    state = FakeWikidata()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def session():
    s = requests.Session()
    yield s
    s.close()


class SleepLog:
    """Records the waits the client asks for without spending them."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client(fake_api, session, tmp_path, **kw) -> OnlineLookup:
    kw.setdefault("min_interval_s", 0.0)
    kw.setdefault("timeout_s", 5.0)
    return OnlineLookup(api_url=fake_api.url, session=session, cache_dir=tmp_path / "cache", **kw)


# ---------------------------------------------------------------- look-ups


def test_lookup_checks_type_through_p31(fake_api, session, tmp_path):
    online = client(fake_api, session, tmp_path)
    cities = online.lookup("Nusa Dua", "city")
    assert [(e.qid, e.type, e.name) for e in cities] == [("Q7001", "city", "Nusa Dua")]
    assert online.lookup("Nusa Dua", "person") == []
    assert fake_api.count("wbsearchentities") == 1 and fake_api.count("wbgetentities") == 1  # cached


def test_lookup_needs_an_exact_label_or_alias(fake_api, session, tmp_path):
    online = client(fake_api, session, tmp_path)
    assert [e.qid for e in online.lookup("Igor Vladimirovich Morgulov", "person")] == ["Q7003"]
    assert online.lookup("Morgulov", "person") == []  # search hit, but not the name


def test_user_agent_and_parameters(fake_api, session, tmp_path):
    client(fake_api, session, tmp_path).lookup("Igor Morgulov", "person")
    first = fake_api.log[0]
    assert first["ua"].startswith("summit-kg/") and "http" in first["ua"]
    assert first["params"]["action"] == "wbsearchentities" and first["params"]["format"] == "json"
    assert fake_api.log[1]["params"]["props"] == "labels|aliases|claims"


def test_cache_avoids_a_second_request(fake_api, session, tmp_path):
    client(fake_api, session, tmp_path).lookup("Igor Morgulov", "person")
    sent = len(fake_api.log)
    assert sent == 2
    again = client(fake_api, session, tmp_path)  # a new client, same cache folder
    assert [e.qid for e in again.lookup("Igor Morgulov", "person")] == ["Q7003"]
    assert len(fake_api.log) == sent and again.requests_sent == 0
    files = list((tmp_path / "cache").glob("*.json"))
    assert len(files) == 2
    record = json.loads(files[0].read_text(encoding="utf-8"))
    assert {"request", "response"} <= set(record)


def test_damaged_cache_file_is_asked_again(fake_api, session, tmp_path):
    client(fake_api, session, tmp_path).lookup("Igor Morgulov", "person")
    for path in (tmp_path / "cache").glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert [e.qid for e in client(fake_api, session, tmp_path).lookup("Igor Morgulov", "person")] == ["Q7003"]
    assert len(fake_api.log) == 4


# ---------------------------------------------------------------- politeness and failures


def test_retries_429_with_retry_after_and_503_with_backoff(fake_api, session, tmp_path):
    fake_api.failures = [(429, {"Retry-After": "3"}, b"slow down"), (503, {}, b"busy")]
    sleep = SleepLog()
    online = client(fake_api, session, tmp_path, sleep=sleep, backoff_s=0.5)
    assert [e.qid for e in online.lookup("Igor Morgulov", "person")] == ["Q7003"]
    assert fake_api.count("wbsearchentities") == 3
    assert sleep.waits == [3.0, 1.0]  # Retry-After, then 0.5 * 2**1


def test_gives_up_after_max_retries(fake_api, session, tmp_path):
    fake_api.failures = [(503, {}, b"busy")] * 10
    sleep = SleepLog()
    online = client(fake_api, session, tmp_path, sleep=sleep, max_retries=2, backoff_s=0.1)
    with pytest.raises(WikidataError, match="3 attempts"):
        online.lookup("Igor Morgulov", "person")
    assert len(fake_api.log) == 3
    assert sleep.waits == pytest.approx([0.1, 0.2])
    assert not list((tmp_path / "cache").glob("*.json"))  # failures are not cached


def test_client_errors_are_not_retried(fake_api, session, tmp_path):
    fake_api.failures = [(404, {}, b"no such thing")]
    with pytest.raises(WikidataError, match="404"):
        client(fake_api, session, tmp_path, sleep=SleepLog()).search("Ufa")
    assert len(fake_api.log) == 1


def test_non_json_and_api_errors(fake_api, session, tmp_path):
    fake_api.failures = [(200, {"Content-Type": "text/html"}, b"<html>maintenance</html>")]
    online = client(fake_api, session, tmp_path)
    with pytest.raises(WikidataError, match="not JSON"):
        online.search("Ufa")
    with pytest.raises(WikidataError, match="Unrecognized value"):
        online.request({"action": "nonsense"})


def test_timeout_is_explicit_and_retried(fake_api, session, tmp_path):
    fake_api.delay_s = 0.5
    sleep = SleepLog()
    online = client(fake_api, session, tmp_path, timeout_s=0.1, max_retries=1, sleep=sleep, backoff_s=0.01)
    with pytest.raises(WikidataError, match="Timeout"):
        online.search("Ufa")
    assert sleep.waits == [0.01]


def test_min_interval_between_requests(fake_api, session, tmp_path):
    online = client(fake_api, session, tmp_path, min_interval_s=0.3)
    online.search("Ufa")
    online.search("Kazan")
    gap = fake_api.log[1]["time"] - fake_api.log[0]["time"]
    assert gap >= 0.28


# ---------------------------------------------------------------- with the linker


def test_linker_uses_online_only_for_names_the_gazetteer_lacks(fake_api, session, tmp_path):
    online = client(fake_api, session, tmp_path)
    linker = Linker(default_gazetteer(), online)
    assert linker.link("Astana", "city").qid == "Q1520"
    assert fake_api.log == []  # resolved offline
    result = linker.link("Nusa Dua", "city")
    assert (result.qid, result.source) == ("Q7001", "online")
    namesakes = linker.link("Li Huilai", "person")
    assert namesakes.status == "ambiguous" and {c.qid for c in namesakes.candidates} == {"Q7004", "Q7005"}
    assert linker.link("Nowhere Town", "city").status == "unlinked"


def test_link_facts_online(fake_api, session, tmp_path):
    linker = Linker(Gazetteer([]), client(fake_api, session, tmp_path))
    facts = {
        "people": [{"name": "Igor Morgulov", "role": "Deputy Minister"}],
        "places": [{"name": "Nusa Dua", "type": "city"}],
    }
    out, report = link_facts(facts, linker)
    assert out["people"][0]["wikidata"] == "Q7003" and out["places"][0]["wikidata"] == "Q7001"
    assert out["wikidata"] == {"Igor Morgulov": "Q7003", "Nusa Dua": "Q7001"}
    assert {r.source for r in report.by_status("linked")} == {"online"}


def test_offline_linker_sends_nothing(fake_api):
    linker = Linker(default_gazetteer())
    assert linker.link("Nusa Dua", "city").status == "unlinked"
    assert fake_api.log == []


def test_cli_online_links_what_the_gazetteer_lacks(fake_api, tmp_path, monkeypatch, capsys):
    """`kg ingest --online` asks the (local) Wikidata API for names the gazetteer lacks, and caches them."""
    from kg.cli import main

    facts = {
        "summits": [],
        "people": [{"name": "Igor Morgulov", "role": "Deputy Foreign Minister", "country": "Russia"}],
        "organizations": [],
        "places": [],
        "article": {"title": "t", "url": "https://example.org/a"},
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(facts))
    monkeypatch.setenv("KG_WIKIDATA_API", fake_api.url)
    store = tmp_path / "store"
    assert main(["ingest", str(path), "--store", str(store)]) == 0
    assert fake_api.count() == 0  # offline by default
    assert main(["ingest", str(path), "--store", str(store), "--online", "--force"]) == 0
    assert fake_api.count("wbsearchentities") >= 1
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "--store",
                str(store),
                "--format",
                "csv",
                "SELECT ?w WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> 'Igor Morgulov' ; "
                "<http://www.w3.org/2002/07/owl#sameAs> ?w }",
            ]
        )
        == 0
    )
    assert "http://www.wikidata.org/entity/Q7003" in capsys.readouterr().out
    asked = fake_api.count()
    assert main(["ingest", str(path), "--store", str(store), "--online", "--force"]) == 0
    assert fake_api.count() == asked  # answered from the on-disk cache under the store
