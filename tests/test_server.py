"""The SPARQL endpoint, served for real by uvicorn on loopback and asked by real clients."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from servers import free_port as _free_port

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Endpoint:
    def __init__(self, folder, *options, env=None):
        for attempt in range(3):  # a port chosen free can be taken by another process before serve binds it
            try:
                self._start(folder, options, env)
                return
            except RuntimeError as err:
                if "address already in use" not in str(err) or attempt == 2:
                    raise

    def _start(self, folder, options, env):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "abegraph.cli", "--store", str(folder), "serve", "--port", str(self.port), *options],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/questions.json", timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode())
                time.sleep(0.2)
        raise RuntimeError("the endpoint did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def request(self, path, data=None, headers=None, method=None):
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        req = urllib.request.Request(self.url + path, data=body, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as answer:
                return answer.status, answer.headers.get("content-type", ""), answer.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("content-type", ""), err.read().decode()
        except (urllib.error.URLError, ConnectionError) as err:  # the server went away
            return 0, "", str(err)


@pytest.fixture(scope="module")
def folder(demo_store_path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(demo_store_path, copy)
    return copy


@pytest.fixture(scope="module")
def endpoint(folder):
    server = Endpoint(folder, "--timeout", "3", "--workers", "2")
    yield server
    server.stop()


def test_sparqlwrapper_gets_saved_question_answers(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    from abegraph.graph.questions import get_question

    client = SPARQLWrapper(endpoint.url + "/sparql")
    client.setQuery(get_question("issues-without-resources").sparql_for("en"))
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {r["id"]["value"] for r in rows} == {"C11", "C13", "C21", "I15"}


def test_rdflib_sparqlstore(endpoint):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(endpoint.url + "/sparql", returnFormat="json"))
    rows = list(graph.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/abegraph/ns#Agency> }"))
    assert int(rows[0][0]) == 33


def test_curl_with_accept_headers(endpoint):
    query = urllib.parse.quote("SELECT ?l WHERE { <https://w3id.org/abegraph/id/agency/EEF> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    csv = subprocess.run(["curl", "-s", "-H", "Accept: text/csv", f"{endpoint.url}/sparql?query={query}"],
                         capture_output=True, text=True, check=True).stdout
    assert csv.splitlines()[:3] == ["l", "Equitable Education Fund", "กองทุนเพื่อความเสมอภาคทางการศึกษา"]
    construct = urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = <https://w3id.org/abegraph/id/agency/EEF>) }")
    turtle = subprocess.run(["curl", "-s", "-H", "Accept: text/turtle", f"{endpoint.url}/sparql?query={construct}"],
                            capture_output=True, text=True, check=True).stdout
    assert "กองทุนเพื่อความเสมอภาคทางการศึกษา" in turtle


@pytest.mark.parametrize("fmt, media", [("json", "application/sparql-results+json"),
                                        ("xml", "application/sparql-results+xml"),
                                        ("tsv", "text/tab-separated-values")])
def test_post_body_and_form_with_format_parameter(endpoint, fmt, media):
    status, kind, _ = endpoint.request(f"/sparql?format={fmt}", b"ASK { ?s ?p ?o }",
                                       {"Content-Type": "application/sparql-query"})
    assert status == 200 and kind.startswith(media)
    status, kind, _ = endpoint.request("/sparql", {"query": "ASK { ?s ?p ?o }", "format": fmt})
    assert status == 200 and kind.startswith(media)


def test_updates_load_and_outside_service_are_refused(endpoint):
    status, _, text = endpoint.request("/sparql", {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert status == 403 and "read-only" in text
    status, _, text = endpoint.request("/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, text = endpoint.request("/sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert status == 403 and "allow-list" in text
    status, _, text = endpoint.request("/sparql", {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"})
    assert status == 200 and json.loads(text)["results"]["bindings"] == []  # FROM names a graph; nothing is fetched


def test_a_runaway_query_is_stopped_while_others_are_served(endpoint):
    outcome = {}

    def runaway():
        start = time.monotonic()
        outcome["status"], _, outcome["text"] = endpoint.request("/sparql", {"query": RUNAWAY})
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    status, _, text = endpoint.request("/sparql", {"query": "ASK { ?s ?p ?o }"})
    quick = time.monotonic() - start
    thread.join(30)
    assert status == 200 and quick < 2.5
    assert outcome["status"] == 503 and "longer than 3 s and was stopped" in outcome["text"]
    assert outcome["seconds"] < 6
    # the killed worker was replaced: the endpoint still answers
    assert endpoint.request("/sparql", {"query": "ASK { ?s ?p ?o }"})[0] == 200


def test_service_description_and_void(endpoint):
    from rdflib import Graph, URIRef
    from rdflib.namespace import VOID

    status, kind, text = endpoint.request("/", headers={"Accept": "text/turtle"})
    assert status == 200 and kind.startswith("text/turtle")
    graph = Graph().parse(data=text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(endpoint.url + "/sparql")) in graph
    assert int(next(graph.objects(URIRef(endpoint.url + "/sparql#dataset"), VOID.triples))) > 5000


def test_the_page_needs_nothing_from_outside(endpoint):
    status, kind, page = endpoint.request("/", headers={"Accept": "text/html"})
    assert status == 200 and kind.startswith("text/html")
    assert "root-causes" in page and "สาเหตุราก" in page
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


@pytest.mark.parametrize("lang, accept, shown", [("th", "", "th"), ("th", "en-US,en;q=0.9", "th"),
                                                  ("en", "", "en"), ("en", "th-TH,th;q=0.9,en;q=0.5", "th")])
def test_the_page_opens_in_the_servers_language_or_the_browsers_thai(demo_store_path, lang, accept, shown):
    """Before, ``abegraph --lang th serve`` opened its query page with ``en`` chosen."""
    from starlette.testclient import TestClient

    from abegraph.server.app import ServerSettings, create_app

    app = create_app(demo_store_path, ServerSettings(workers=1, lang=lang))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        page = client.get("/", headers={"Accept": "text/html", "Accept-Language": accept}).text
    assert f"<option selected>{shown}</option>" in page and f'<html lang="{shown}">' in page
    assert page.count("selected>") == 1


def test_updates_with_the_token(folder, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("abegraph.lock"))
    server = Endpoint(copy, "--allow-update", env={"ABEGRAPH_UPDATE_TOKEN": "khonkaen-2566"})
    try:
        insert = {"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'ค่า' } }"}
        assert server.request("/sparql", insert)[0] == 401
        assert server.request("/sparql", insert, {"Authorization": "Bearer khonkaen-2566"})[0] == 204
        status, _, text = server.request("/sparql", {"query": "SELECT ?o WHERE { <urn:a> <urn:b> ?o }", "format": "csv"})
        assert text.split() == ["o", "ค่า"]
        status, _, text = server.request("/sparql", {"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                                         {"Authorization": "Bearer khonkaen-2566"})
        assert status == 403 and "never fetches" in text
    finally:
        server.stop()


def test_a_load_waits_while_the_store_is_served_and_readers_share_it(endpoint, folder, tmp_path):
    from abegraph.exceptions import StoreLockedError
    from abegraph.graph.store import Store

    with pytest.raises(StoreLockedError):
        Store.open(folder, wait=0.5)
    with Store.open(folder, shared=True, wait=0.5) as store:  # a reader beside the endpoint
        assert len(store) > 5000
    second = Endpoint(folder)  # a second read-only endpoint on the same folder
    try:
        assert second.request("/sparql", {"query": "ASK { ?s ?p ?o }"})[0] == 200
    finally:
        second.stop()


def test_every_error_the_endpoint_raises_on_purpose_is_an_abegraph_error():
    import inspect

    from abegraph.exceptions import AbegraphError, EndpointError
    from abegraph.server import app, guard, http, protocol, reconcile, sandbox, workers

    raised = [obj for module in (app, guard, http, protocol, reconcile, sandbox, workers) for _, obj in inspect.getmembers(module)
              if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__ == module.__name__]
    assert len(raised) >= 10, raised
    assert [e for e in raised if not issubclass(e, AbegraphError)] == []
    statuses = {e.__name__: e.status for e in raised if issubclass(e, EndpointError)}
    assert statuses["GuardError"] == 403 and statuses["TooDeep"] == 400 and statuses["ResultTooLarge"] == 413
    assert statuses["Busy"] == statuses["QueryTimeout"] == statuses["QueryTooBig"] == 503
    assert statuses["NotAcceptable"] == 406 and statuses["QueryFailed"] == 400


def test_refusals_in_thai_for_a_thai_client_and_never_a_traceback(endpoint):
    th = {"Accept-Language": "th-TH,th;q=0.9,en;q=0.5"}
    cases = [({"update": "INSERT DATA { <urn:a> <urn:b> 1 }"}, 403, "อ่านได้อย่างเดียว", "read-only"),
             ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, 403,
              "ไม่อยู่ในรายการ", "allow-list"),
             ({"query": "SELECT * { " + "{ " * 600 + "}" * 600 + " }"}, 400, "ซ้อนวงเล็บ", "nests brackets"),
             ({"query": "SELECT * WHERE { ?s ?p }"}, 400, "คำค้นทำงานไม่ได้", "")]
    for data, status, thai, english in cases:
        got, _, text = endpoint.request("/sparql", data, th)
        assert (got, thai in text) == (status, True), (got, text[:200])
        got, _, text = endpoint.request("/sparql", data, {"Accept-Language": "en"})
        assert got == status and english in text and "Traceback" not in text
    status, _, text = endpoint.request("/sparql?" + urllib.parse.urlencode({"query": "ASK {}", "format": "nope"}),
                                       headers=th)
    assert status == 406 and "ไม่รู้จักรูปแบบ" in text
