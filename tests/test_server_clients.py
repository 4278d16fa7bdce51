"""Real clients against a real ``abegraph serve``: content negotiation, every SPARQLWrapper
return format, CORS for pages of other origins, Comunica's discovery."""
from __future__ import annotations

import http.client
import shutil
import urllib.parse

import pytest

from test_server import Endpoint

EEF = "https://w3id.org/abegraph/id/agency/EEF"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SELECT = f"SELECT ?l WHERE {{ <{EEF}> <{LABEL}> ?l }} ORDER BY ?l"
CONSTRUCT = f"CONSTRUCT {{ <{EEF}> <{LABEL}> ?l }} WHERE {{ <{EEF}> <{LABEL}> ?l }}"
THAI = "กองทุนเพื่อความเสมอภาคทางการศึกษา"


@pytest.fixture(scope="module")
def endpoint(demo_store_path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("clients") / "store"
    shutil.copytree(demo_store_path, copy)
    server = Endpoint(copy)
    yield server
    server.stop()


def _get(endpoint, path, headers=None, method="GET", body=None):
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, dict((k.lower(), v) for k, v in answer.getheaders()), answer.read()
    finally:
        conn.close()


def _q(query, **params):
    return "/sparql?" + urllib.parse.urlencode({"query": query, **params})


@pytest.mark.parametrize("accept, params, expected", [
    ("application/sparql-results+xml;q=0.1, application/json", {}, "application/json"),
    ("application/sparql-results+json;q=0.2, application/sparql-results+xml;q=0.9", {}, "application/sparql-results+xml"),
    ("text/csv;q=0, application/json", {}, "application/json"),
    ("text/csv;q=0, */*;q=0.1", {}, "application/sparql-results+json"),
    ("*/*", {}, "application/sparql-results+json"),
    ("", {}, "application/sparql-results+json"),
    ("text/*", {}, "text/xml"),
    ("text/csv, text/tab-separated-values;q=0.5", {}, "text/csv"),
    ("text/tab-separated-values", {"format": "json"}, "text/tab-separated-values"),  # Accept wins
    ("application/sparql-results+xml", {"output": "csv"}, "application/sparql-results+xml"),
    ("", {"format": "csv"}, "text/csv"),  # no Accept: the parameter decides
    ("*/*", {"output": "xml"}, "application/sparql-results+xml"),
])
def test_accept_q_values_and_format_parameters(endpoint, accept, params, expected):
    status, headers, body = _get(endpoint, _q(SELECT, **params), {"Accept": accept} if accept else {})
    assert status == 200 and headers["content-type"].split(";")[0] == expected
    assert THAI in body.decode()


@pytest.mark.parametrize("accept, expected", [
    ("application/rdf+xml;q=0.5, text/turtle", "text/turtle"),
    ("text/turtle;q=0, application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/sparql-results+json, */*;q=0.1", "text/turtle"),
])
def test_accept_for_graphs(endpoint, accept, expected):
    status, headers, body = _get(endpoint, _q(CONSTRUCT), {"Accept": accept})
    assert status == 200 and headers["content-type"].split(";")[0] == expected
    assert THAI in body.decode()


def test_nothing_acceptable_is_406(endpoint):
    status, _, body = _get(endpoint, _q(SELECT), {"Accept": "text/csv;q=0, image/png"})
    assert status == 406 and b"Accept" in body
    status, _, _ = _get(endpoint, _q(CONSTRUCT), {"Accept": "application/sparql-results+json"})
    assert status == 406


def test_relative_iris_resolve_against_the_endpoint(endpoint):
    status, _, body = _get(endpoint, _q("CONSTRUCT { <s> <p> 1 } WHERE {}"), {"Accept": "application/n-triples"})
    assert status == 200 and f"<{endpoint.url}/s> <{endpoint.url}/p>".encode() in body


def test_two_query_parameters_are_refused(endpoint):
    status, _, body = _get(endpoint, "/sparql?query=ASK%7B%7D&query=SELECT%20*%7B%7D")
    assert status == 400 and b"one 'query'" in body
    status, _, _ = _get(endpoint, "/sparql?query=ASK%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"},
                        "POST", b"query=ASK%7B%7D")
    assert status == 400


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("kind, fmt, check", [
    ("select", "JSON", lambda r: r["results"]["bindings"][1]["l"]["value"] == THAI),
    ("select", "XML", lambda r: THAI in r.toxml()),
    ("select", "CSV", lambda r: THAI in r.decode()),
    ("select", "TSV", lambda r: THAI in r.decode()),
    ("ask", "JSON", lambda r: r["boolean"] is True),
    ("ask", "XML", lambda r: "true" in r.toxml()),
    ("construct", "XML", lambda r: any(THAI in str(o) for o in r.objects())),
    ("construct", "RDFXML", lambda r: any(THAI in str(o) for o in r.objects())),
    ("construct", "TURTLE", lambda r: THAI in r.decode()),
    ("construct", "N3", lambda r: THAI in r.decode()),
    ("construct", "JSONLD", lambda r: any(THAI in str(o) for o in r.objects())),
    ("construct", "RDF", lambda r: any(THAI in str(o) for o in r.objects())),
    ("construct", "JSON", lambda r: any(THAI in str(o) for o in r.objects())),
    ("describe", "TURTLE", lambda r: THAI in r.decode()),
])
def test_every_sparqlwrapper_return_format(endpoint, method, kind, fmt, check):
    import SPARQLWrapper as sw

    query = {"select": SELECT, "ask": f"ASK {{ <{EEF}> ?p ?o }}", "construct": CONSTRUCT,
             "describe": f"DESCRIBE <{EEF}>"}[kind]
    client = sw.SPARQLWrapper(endpoint.url + "/sparql")
    client.setMethod(sw.GET if method == "GET" else sw.POST)
    client.setQuery(query)
    client.setReturnFormat(getattr(sw, fmt))
    assert check(client.query().convert())


def test_cors_for_read_only_answers_and_preflight(endpoint):
    origin = {"Origin": "https://yasgui.example"}
    status, headers, _ = _get(endpoint, _q(SELECT), origin)
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = _get(endpoint, "/sparql", {**origin, "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "content-type, accept"},
                              "OPTIONS")
    assert status == 204 and "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    assert "authorization" not in headers["access-control-allow-headers"].lower()
    status, headers, _ = _get(endpoint, "/sparql", {**origin, "Content-Type": "application/x-www-form-urlencoded"},
                              "POST", b"update=CLEAR%20ALL")
    assert status == 403 and "access-control-allow-origin" not in headers


def test_cors_origins_can_be_restricted_and_updates_never_get_cors(endpoint, tmp_path, demo_store_path):
    copy = tmp_path / "store"
    shutil.copytree(demo_store_path, copy, ignore=shutil.ignore_patterns("abegraph.lock"))
    server = Endpoint(copy, "--cors-origin", "https://kk.example", "--allow-update",
                      env={"ABEGRAPH_UPDATE_TOKEN": "khonkaen-2566"})
    try:
        status, headers, _ = _get(server, _q(SELECT), {"Origin": "https://kk.example"})
        assert headers.get("access-control-allow-origin") == "https://kk.example"
        status, headers, _ = _get(server, _q(SELECT), {"Origin": "https://evil.example"})
        assert status == 200 and "access-control-allow-origin" not in headers
        status, headers, _ = _get(server, "/sparql", {"Origin": "https://kk.example",
                                                      "Content-Type": "application/sparql-update",
                                                      "Authorization": "Bearer khonkaen-2566"},
                                  "POST", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert "access-control-allow-origin" not in headers
        status, headers, _ = _get(server, "/sparql", {"Origin": "https://kk.example",
                                                      "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "authorization"}, "OPTIONS")
        assert "authorization" not in headers.get("access-control-allow-headers", "").lower()
    finally:
        server.stop()


@pytest.mark.parametrize("path, accept", [("/sparql", None), ("/sparql", "text/turtle"), ("/", "text/turtle"),
                                          ("/", "application/ld+json")])
def test_service_description_points_at_the_endpoint_from_anywhere(endpoint, path, accept):
    from rdflib import Graph, URIRef

    status, headers, body = _get(endpoint, path, {"Accept": accept} if accept else {})
    assert status == 200
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld"}[headers["content-type"].split(";")[0]]
    graph = Graph().parse(data=body, format=fmt)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert list(graph.objects(None, URIRef(sd + "endpoint"))) == [URIRef(endpoint.url + "/sparql")]
    assert URIRef("http://www.w3.org/ns/formats/RDF_XML") in set(graph.objects(None, URIRef(sd + "resultFormat")))


def test_browsers_get_the_page_at_the_root_and_at_the_endpoint(endpoint):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/", "/sparql"):
        status, headers, body = _get(endpoint, path, {"Accept": browser})
        assert status == 200 and headers["content-type"].startswith("text/html"), path
