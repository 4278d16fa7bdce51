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

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from ..ontology.namespace import ABE, bind_prefixes

__all__ = ["service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
#: abegraph's format names -> the W3C format IRIs (http://www.w3.org/ns/formats/)
_FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
                "rdfxml": "RDF_XML"}


def service_description(endpoint: str, graph_sizes: dict[str, int], allow_update: bool, fmt: str,
                        formats=tuple(_FORMAT_IRIS)) -> bytes:
    """Serialize the description of ``endpoint`` whose named graphs have ``graph_sizes``;
    ``formats`` are the result formats it serves (abegraph's names)."""
    g = Graph()
    bind_prefixes(g)
    g.bind("sd", SD)
    g.bind("void", VOID)
    service, dataset, default = BNode(), URIRef(endpoint + "#dataset"), BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if allow_update:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
        g.add((service, RDFS.comment, Literal(
            "Queries see the union of all named graphs as their default graph. An update's WHERE sees the "
            "store's own default graph unless it names graphs with USING, WITH or using-graph-uri.", lang="en")))
        g.add((service, RDFS.comment, Literal(
            "คำค้น (query) เห็นกราฟเริ่มต้นเป็นการรวมกราฟที่มีชื่อทั้งหมด ส่วนคำสั่งแก้ไข (update) เห็นเฉพาะกราฟเริ่มต้นของคลัง "
            "เว้นแต่ระบุกราฟด้วย USING, WITH หรือ using-graph-uri", lang="th")))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in formats:
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{_FORMAT_IRIS[name]}")))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("abegraph: resources for children and youth", lang="en")))
    g.add((dataset, DCTERMS.title, Literal("abegraph: ทรัพยากรเพื่อเด็กและเยาวชน", lang="th")))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    g.add((dataset, VOID.vocabulary, URIRef(str(ABE._NS))))
    g.add((dataset, VOID.triples, Literal(sum(graph_sizes.values()), datatype=XSD.integer)))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name, size in sorted(graph_sizes.items()):
        named, inner = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, inner))
        g.add((inner, RDF.type, SD.Graph))
        g.add((inner, VOID.triples, Literal(size, datatype=XSD.integer)))
        g.add((dataset, VOID.subset, inner))
    return g.serialize(format=_FORMATS[fmt], encoding="utf-8")
