"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics per graph.

Example
-------
>>> from abegraph.server.description import service_description
>>> text = service_description("http://127.0.0.1:8000/sparql", {"https://w3id.org/abegraph/graph/kk": 10}, False, "turtle")
>>> "sd:endpoint" in text.decode() and "void:triples 10" in text.decode()
True
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from ..ontology.namespace import ABE, bind_prefixes

__all__ = ["service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def service_description(endpoint: str, graph_sizes: dict[str, int], allow_update: bool, fmt: str) -> bytes:
    """Serialize the description of ``endpoint`` whose named graphs have ``graph_sizes``."""
    g = Graph()
    bind_prefixes(g)
    g.bind("sd", SD)
    g.bind("void", VOID)
    service, dataset, default = URIRef(endpoint + "#service"), URIRef(endpoint + "#dataset"), BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if allow_update:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for media in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD"):
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{media}")))
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
