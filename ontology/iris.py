"""The IRIs abegraph mints and the namespaces it writes in, as text and pyoxigraph nodes.

This is the part of the vocabulary a load needs, and it imports nothing but pyoxigraph: a load
of a file of triples never imports rdflib (0.08 s and 17 MB, which were most of what a
100,000-triple load added to pyoxigraph's own bulk load: ``python -m bench.load``).
:mod:`abegraph.ontology.namespace` makes rdflib namespaces of the same IRIs.

Example
-------
>>> from abegraph.ontology.iris import graph_node, iri
>>> graph_node("khonkaen-2023")
<NamedNode value=https://w3id.org/abegraph/graph/khonkaen-2023>
>>> iri("prov:generatedAtTime"), iri("abe:Source")
('http://www.w3.org/ns/prov#generatedAtTime', 'https://w3id.org/abegraph/ns#Source')
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox

__all__ = ["ABE_IRI", "VOCAB_IRI", "ID_IRI", "GRAPH_IRI", "VOCABULARY_IRI", "LINKS_IRI", "iri", "graph_text",
           "source_graph_text",
           "graph_node", "prefixes", "SPARQL_PREFIXES"]

ABE_IRI = "https://w3id.org/abegraph/ns#"  # classes and properties (abe:)
VOCAB_IRI = "https://w3id.org/abegraph/vocab/"  # controlled-vocabulary concepts (abev:)
ID_IRI = "https://w3id.org/abegraph/id/"  # agencies, resources, issues, datasets, areas (abeid:)
GRAPH_IRI = "https://w3id.org/abegraph/graph/"  # named graphs: one per loaded source (abeg:)

_CORE_PREFIXES = {"abe": ABE_IRI, "abev": VOCAB_IRI, "abeid": ID_IRI, "abeg": GRAPH_IRI,
                  "skos": "http://www.w3.org/2004/02/skos/core#", "dcat": "http://www.w3.org/ns/dcat#",
                  "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
                  "prov": "http://www.w3.org/ns/prov#"}
_STANDARD_PREFIXES = {"owl": "http://www.w3.org/2002/07/owl#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                      "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}
_ALL_PREFIXES = {**_STANDARD_PREFIXES, **_CORE_PREFIXES}

#: The PREFIX lines abegraph's own SPARQL is written with.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{_ALL_PREFIXES[prefix]}>\n"
                          for prefix in ("abe", "rdfs", "skos", "dcat", "dcterms", "org", "prov", "owl"))


def prefixes(strategy: str = "core") -> dict[str, str]:
    """The prefixes users see in Turtle and SPARQL: ``core`` (abegraph's and the vocabularies
    it uses), ``all`` (with rdf, rdfs, owl and xsd) or ``none``.

    >>> prefixes()["abe"], "xsd" in prefixes(), "xsd" in prefixes("all")
    ('https://w3id.org/abegraph/ns#', False, True)
    """
    if strategy not in ("core", "all", "none"):
        raise ValueError(f"unknown prefix strategy {strategy!r}; use core, all or none")
    if strategy == "none":
        return {}
    return dict(_ALL_PREFIXES) if strategy == "all" else dict(_CORE_PREFIXES)


@lru_cache(maxsize=256)
def iri(name: str) -> str:
    """The IRI of a prefixed name in one of :func:`prefixes` ``("all")``.

    >>> iri("rdfs:label")
    'http://www.w3.org/2000/01/rdf-schema#label'
    >>> iri("foaf:name")
    Traceback (most recent call last):
    ...
    ValueError: unknown prefix in 'foaf:name'; known: owl, rdf, rdfs, xsd, abe, abev, abeid, abeg, skos, dcat, dcterms, org, prov
    """
    prefix, _, local = name.partition(":")
    if prefix not in _ALL_PREFIXES or not local:
        raise ValueError(f"unknown prefix in {name!r}; known: {', '.join(_ALL_PREFIXES)}")
    return _ALL_PREFIXES[prefix] + local


def graph_text(name: str) -> str:
    """The IRI of the named graph that holds one loaded source (its name percent-encoded).

    >>> graph_text("ขอนแก่น 2566")
    'https://w3id.org/abegraph/graph/%E0%B8%82%E0%B8%AD%E0%B8%99%E0%B9%81%E0%B8%81%E0%B9%88%E0%B8%99%202566'
    """
    return GRAPH_IRI + quote(name, safe="-._~")


def source_graph_text(name: str) -> str:
    """The named graph of a loaded source, given by its name or by its full IRI (a name has no ``:``).

    >>> source_graph_text("khonkaen-2023") == source_graph_text("https://w3id.org/abegraph/graph/khonkaen-2023")
    True
    """
    return name if ":" in name else graph_text(name)


def graph_node(name: str) -> ox.NamedNode:
    """:func:`graph_text` as a pyoxigraph node."""
    return ox.NamedNode(graph_text(name))


#: graphs abegraph makes itself: the bundled vocabulary, and `abegraph link`'s reviewed matches
VOCABULARY_IRI = graph_text("vocabulary")
LINKS_IRI = graph_text("links")
