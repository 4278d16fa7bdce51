"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics per graph.

Example
-------
>>> from abegraph.server.description import service_description
>>> text = service_description("http://127.0.0.1:8000/sparql", {"https://w3id.org/abegraph/graph/kk": 10}, False, "turtle")
>>> "sd:endpoint <http://127.0.0.1:8000/sparql>" in text.decode() and "void:triples 10" in text.decode()
True

The service itself is a blank node, so a client that fetches the description from any
address (the endpoint, or ``/``) finds one ``sd:endpoint`` and uses it.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from ..graph.terms import node
from ..ontology.namespace import ABE, prefixes

__all__ = ["service_description"]

SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
            "rdfxml": ox.RdfFormat.RDF_XML}
#: abegraph's format names -> the W3C format IRIs (http://www.w3.org/ns/formats/)
_FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
                "rdfxml": "RDF_XML"}


def service_description(endpoint: str, graph_sizes: dict[str, int], allow_update: bool, fmt: str,
                        formats=tuple(_FORMAT_IRIS)) -> bytes:
    """Serialize the description of ``endpoint`` whose named graphs have ``graph_sizes``;
    ``formats`` are the result formats it serves (abegraph's names)."""
    sd, void, rdf = (lambda name: ox.NamedNode(SD + name)), (lambda name: node(VOID[name])), node(RDF.type)
    out: list[ox.Triple] = []

    def add(s, p, o) -> None:
        out.append(ox.Triple(s, p, o))

    service, dataset, default = ox.BlankNode(), ox.NamedNode(endpoint + "#dataset"), ox.BlankNode()
    add(service, rdf, sd("Service"))
    add(service, sd("endpoint"), ox.NamedNode(endpoint))
    add(service, sd("supportedLanguage"), sd("SPARQL11Query"))
    if allow_update:
        add(service, sd("supportedLanguage"), sd("SPARQL11Update"))
        add(service, node(RDFS.comment), ox.Literal(
            "Queries see the union of all named graphs as their default graph. An update's WHERE sees the "
            "store's own default graph unless it names graphs with USING, WITH or using-graph-uri.", language="en"))
        add(service, node(RDFS.comment), ox.Literal(
            "คำค้น (query) เห็นกราฟเริ่มต้นเป็นการรวมกราฟที่มีชื่อทั้งหมด ส่วนคำสั่งแก้ไข (update) เห็นเฉพาะกราฟเริ่มต้นของคลัง "
            "เว้นแต่ระบุกราฟด้วย USING, WITH หรือ using-graph-uri", language="th"))
    add(service, sd("feature"), sd("UnionDefaultGraph"))
    for name in formats:
        add(service, sd("resultFormat"), ox.NamedNode(f"http://www.w3.org/ns/formats/{_FORMAT_IRIS[name]}"))
    add(service, sd("defaultDataset"), dataset)
    add(dataset, rdf, sd("Dataset"))
    add(dataset, rdf, void("Dataset"))
    add(dataset, node(DCTERMS.title), ox.Literal("abegraph: resources for children and youth", language="en"))
    add(dataset, node(DCTERMS.title), ox.Literal("abegraph: ทรัพยากรเพื่อเด็กและเยาวชน", language="th"))
    add(dataset, void("sparqlEndpoint"), ox.NamedNode(endpoint))
    add(dataset, void("vocabulary"), node(ABE._NS))
    add(dataset, void("triples"), _integer(sum(graph_sizes.values())))
    add(dataset, sd("defaultGraph"), default)
    add(default, rdf, sd("Graph"))
    for name, size in sorted(graph_sizes.items()):
        named, inner = ox.BlankNode(), ox.BlankNode()
        add(dataset, sd("namedGraph"), named)
        add(named, sd("name"), ox.NamedNode(name))
        add(named, sd("graph"), inner)
        add(inner, rdf, sd("Graph"))
        add(inner, void("triples"), _integer(size))
        add(dataset, void("subset"), inner)
    known = prefixes("all")
    kw = {} if fmt == "nt" else {"prefixes": {"sd": SD, "void": str(VOID), "dcterms": known["dcterms"],
                                              "rdfs": known["rdfs"], "xsd": known["xsd"]}}
    first = {}
    for t in out:  # each subject's triples together, so Turtle writes each subject once
        first.setdefault(t.subject, len(first))
    return ox.serialize(sorted(out, key=lambda t: first[t.subject]), format=_FORMATS[fmt], **kw)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=node(XSD.integer))
