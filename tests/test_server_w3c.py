"""The W3C SPARQL 1.1 Protocol and Service Description tests, run against a real ``abegraph serve``.

The manifests and data come from https://github.com/w3c/rdf-tests (``sparql/sparql11/protocol``
and ``sparql/sparql11/service-description``), copied unchanged into ``tests/data/w3c-protocol``
with their licence (LICENSE.md there). Query tests run against a read-only endpoint; update
tests against one started with ``--allow-update`` (the requests get the bearer token added,
which the protocol leaves to the service). As the manifest says, each ``/sparql/`` path is
replaced by the endpoint's own path.
"""
from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from test_server import Endpoint

DATA = Path(__file__).parent / "data" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TOKEN = "w3c-protocol-tests"


def _manifest() -> tuple[Graph, list]:
    graph = Graph().parse(DATA / "manifest.ttl", format="turtle", publicID=(DATA / "manifest.ttl").as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(manifest, MF.entries)))


GRAPH, ENTRIES = _manifest()


def _requests(test) -> list[dict]:
    action = GRAPH.value(test, MF.action)
    out = []
    for request in Collection(GRAPH, GRAPH.value(action, HT.requests)):
        body = GRAPH.value(request, HT.body)
        headers = {}
        node = GRAPH.value(request, HT.headers)
        for header in (Collection(GRAPH, node) if node else []):
            headers[str(GRAPH.value(header, HT.fieldName))] = str(GRAPH.value(header, HT.fieldValue))
        response = GRAPH.value(request, HT.resp)
        out.append({
            "method": str(GRAPH.value(request, HT.methodName)),
            "path": str(GRAPH.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
            "body": (str(GRAPH.value(body, CNT.chars)).encode(str(GRAPH.value(body, CNT.characterEncoding)))
                     if body is not None else None),
            "headers": headers,
            "status": {str(s).rsplit("StatusCode", 1)[1] for s in GRAPH.objects(response, MF.expectedStatus)},
            "format": GRAPH.value(response, MF.expectedFormat),
            "boolean": GRAPH.value(response, MF.expectedBoolean),
        })
    return out


def _is_update_test(test) -> bool:
    name = str(test).rsplit("#", 1)[1]
    return name.startswith(("update_", "bad_update_"))


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two stores holding the tests' data, each graph in the named graph its label gives."""
    import pyoxigraph as ox

    labels = {}
    for test in ENTRIES:
        for data in GRAPH.objects(test, UT.graphData):
            labels[str(GRAPH.value(data, UT.graph))] = str(GRAPH.value(data, RDFS.label))
    folders = []
    for name in ("read", "update"):
        folder = tmp_path_factory.mktemp("w3c") / name
        store = ox.Store(str(folder))
        for file, label in labels.items():
            store.bulk_load(path=Path(urllib.parse.urlparse(file).path), format=ox.RdfFormat.N_TRIPLES,
                            to_graph=ox.NamedNode(label))
        store.flush()
        del store
        folders.append(folder)
    return folders


@pytest.fixture(scope="module")
def servers(stores):
    read = Endpoint(stores[0])
    update = Endpoint(stores[1], "--allow-update", env={"ABEGRAPH_UPDATE_TOKEN": TOKEN})
    yield read, update
    read.stop()
    update.stop()


def _send(endpoint: Endpoint, request: dict, extra: dict) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=60)
    try:
        conn.request(request["method"], request["path"], body=request["body"], headers={**request["headers"], **extra})
        answer = conn.getresponse()
        return answer.status, answer.getheader("content-type", ""), answer.read()
    finally:
        conn.close()


def _boolean(media: str, body: bytes) -> bool:
    if "json" in media:
        return json.loads(body)["boolean"]
    root = ET.fromstring(body)
    return next(e.text for e in root.iter() if e.tag.endswith("boolean")) == "true"


@pytest.mark.parametrize("test", ENTRIES, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_w3c_protocol(test, servers):
    endpoint = servers[1] if _is_update_test(test) else servers[0]
    extra = {"Authorization": f"Bearer {TOKEN}"} if _is_update_test(test) else {}
    for request in _requests(test):
        status, media, body = _send(endpoint, request, extra)
        assert f"{str(status)[0]}xx" in request["status"], (request["path"], status, body[:300])
        media = media.split(";")[0]
        if request["format"] is not None:
            expected = {"boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
                        "tabular": {"application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"},
                        "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"}}[str(request["format"])]
            assert media in expected, (status, media)
        if request["boolean"] is not None:
            assert _boolean(media, body) == request["boolean"].toPython()


@pytest.mark.parametrize("accept", [None, "text/turtle", "application/rdf+xml", "application/n-triples",
                                    "application/ld+json"])
def test_w3c_service_description_at_the_endpoint(servers, accept):
    """has-endpoint-triple, returns-rdf, conforms-to-schema: GET on the endpoint URL."""
    endpoint = servers[0]
    status, media, body = _send(endpoint, {"method": "GET", "path": "/sparql", "body": None,
                                           "headers": {"Accept": accept} if accept else {}}, {})
    assert status == 200
    media = media.split(";")[0]
    formats = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt",
               "application/ld+json": "json-ld"}
    assert media in formats and (accept is None or media == accept)
    graph = Graph().parse(data=body, format=formats[media])
    services = list(graph.subjects(SD.endpoint, URIRef(endpoint.url + "/sparql")))
    assert len(services) == 1
    service = services[0]
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph  # read-only says so
    assert set(graph.objects(service, SD.resultFormat)) >= {
        URIRef("http://www.w3.org/ns/formats/" + f) for f in ("SPARQL_Results_JSON", "RDF_XML", "Turtle")}
    assert len(list(graph.objects(None, SD.endpoint))) == 1
    sd_manifest = Graph().parse(DATA / "service-description-manifest.ttl", format="turtle")
    assert len(list(sd_manifest.subjects(RDF.type, MF.ServiceDescriptionTest))) == 3


def test_the_update_endpoint_describes_update(servers):
    status, _, body = _send(servers[1], {"method": "GET", "path": "/sparql", "body": None,
                                         "headers": {"Accept": "text/turtle"}}, {})
    graph = Graph().parse(data=body, format="turtle")
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in graph
    comments = {str(c) for c in graph.objects(None, RDFS.comment)}
    assert any("An update's WHERE sees the store's own default graph" in c for c in comments)
