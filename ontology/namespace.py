"""The abegraph vocabulary as typed namespaces: a misspelt term fails at import time.

Example
-------
>>> from abegraph.ontology.namespace import ABE, concept
>>> str(ABE.heldBy)
'https://w3id.org/abegraph/ns#heldBy'
>>> str(concept("dimension", "data"))
'https://w3id.org/abegraph/vocab/dimension/data'
"""
from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "ABE", "VOCAB", "ID", "GRAPH", "SCHEMES", "concept", "entity_iri", "graph_iri", "source_graph", "SPARQL_PREFIXES",
    "prefixes", "bind_prefixes",
]

VOCAB = Namespace("https://w3id.org/abegraph/vocab/")
ID = Namespace("https://w3id.org/abegraph/id/")
GRAPH = Namespace("https://w3id.org/abegraph/graph/")


class ABE(DefinedNamespace):
    """Classes, properties and concept schemes of abegraph (``abe:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/abegraph/ns#")

    # classes
    Agency: URIRef  # an organisation that holds or uses resources (org:Organization)
    WorkingGroup: URIRef  # the provincial ABE working group (org:FormalOrganization)
    Resource: URIRef  # something an agency already has for children and youth
    Issue: URIRef  # a child/youth condition: a problem, a cause, or both (skos:Concept)
    Area: URIRef  # a province, district or subdistrict with its DOPA code
    Workshop: URIRef  # a World Café workshop, table or round (prov:Activity)
    Source: URIRef  # one loaded file: a named graph with its provenance (prov:Entity)
    CausalLink: URIRef  # a qualified cause -> effect link carrying evidence or polarity
    # properties
    dimension: URIRef  # resource -> one of the four dimensions
    resourceType: URIRef  # resource -> a resource type concept
    resourceTypeText: URIRef  # resource -> the type as written when not in the list (added: docs/model.md writes it)
    agencyType: URIRef  # agency -> an agency type concept
    heldBy: URIRef  # resource -> agency that holds it
    sharedWith: URIRef  # resource -> agency that also uses it
    addresses: URIRef  # resource or dataset -> issue or cause
    worksOn: URIRef  # agency -> issue
    targetGroup: URIRef  # resource -> target group concept
    coversArea: URIRef  # resource -> area it serves
    locatedIn: URIRef  # agency -> district it sits in
    causes: URIRef  # cause -> effect
    cause: URIRef  # causal link -> its cause
    effect: URIRef  # causal link -> its effect
    evidence: URIRef  # causal link -> evidence text
    polarity: URIRef  # causal link -> positive or negative (abe:Polarities; none given = positive)
    areaCode: URIRef  # area -> DOPA code
    areaLevel: URIRef  # area -> province/district/subdistrict concept
    amount: URIRef  # resource -> amount in Thai baht
    linkKey: URIRef  # dataset -> key type it carries
    personalKey: URIRef  # link-key concept -> true if the key identifies a person (added: for the linkage analysis)
    granularity: URIRef  # dataset -> the unit of one record
    personalData: URIRef  # dataset -> whether it holds records about people
    accessLevel: URIRef  # dataset -> open / on request / restricted
    updateFrequency: URIRef  # dataset -> how often it is updated (text)
    sheet: URIRef  # entity -> workbook sheet it was read from
    row: URIRef  # entity -> row number it was read from
    sha256: URIRef  # source -> checksum of the loaded file
    fileName: URIRef  # source -> name of the loaded file
    # findings of the analyses (abegraph analyze --save)
    Finding: URIRef  # one row of an analysis, saved so SPARQL users can query it
    analysis: URIRef  # finding -> the analysis that produced it (sharing, brokers, ...)
    section: URIRef  # finding -> the part of the analysis (pair, unshared, root, ...)
    concerns: URIRef  # finding -> an agency, resource, issue, dataset or area it is about
    score: URIRef  # finding -> its score or main measure
    findingData: URIRef  # finding -> the whole row as JSON (rdf:JSON)
    # matches between sources (abegraph link)
    Match: URIRef  # a reviewed pair of entities: the same thing (accept) or not (reject)
    matchA: URIRef  # match -> the first entity of the pair
    matchB: URIRef  # match -> the second entity of the pair
    decision: URIRef  # match -> "accept" or "reject"
    # concept schemes
    Dimensions: URIRef
    ResourceTypes: URIRef
    AgencyTypes: URIRef
    TargetGroups: URIRef
    LinkKeys: URIRef
    Granularities: URIRef
    AccessLevels: URIRef
    AreaLevels: URIRef
    Polarities: URIRef
    Issues: URIRef


#: controlled-value scheme name -> the ABE concept scheme that holds its concepts
SCHEMES: dict[str, URIRef] = {
    "dimension": ABE.Dimensions,
    "resource-type": ABE.ResourceTypes,
    "agency-type": ABE.AgencyTypes,
    "target-group": ABE.TargetGroups,
    "link-key": ABE.LinkKeys,
    "granularity": ABE.Granularities,
    "access": ABE.AccessLevels,
    "area-level": ABE.AreaLevels,
    "polarity": ABE.Polarities,
}


def concept(scheme: str, key: str) -> URIRef:
    """The IRI of a controlled-vocabulary concept, e.g. ``concept("granularity", "person")``."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; known: {', '.join(SCHEMES)}")
    return VOCAB[f"{scheme}/{quote(key.replace(' ', '-'), safe='-._~')}"]


def entity_iri(kind: str, identifier: str) -> URIRef:
    """The IRI of an agency, resource, issue, dataset or area from its workbook id.

    >>> str(entity_iri("agency", "ESAO KK1"))
    'https://w3id.org/abegraph/id/agency/ESAO%20KK1'
    """
    return ID[f"{kind}/{quote(identifier.strip(), safe='-._~')}"]


def graph_iri(name: str) -> URIRef:
    """The named graph that holds one loaded source.

    >>> str(graph_iri("khonkaen-2023"))
    'https://w3id.org/abegraph/graph/khonkaen-2023'
    """
    return GRAPH[quote(name, safe="-._~")]


#: The PREFIX lines abegraph's own SPARQL is written with.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in (
    ("abe", "https://w3id.org/abegraph/ns#"), ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"), ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dcterms", "http://purl.org/dc/terms/"), ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"), ("owl", "http://www.w3.org/2002/07/owl#")))


def source_graph(name: str) -> URIRef:
    """The named graph of a loaded source, given by its name or by its full IRI.

    >>> str(source_graph("khonkaen-2023")) == str(source_graph("https://w3id.org/abegraph/graph/khonkaen-2023"))
    True
    """
    return URIRef(name) if ":" in name else graph_iri(name)


_CORE_PREFIXES = {"abe": str(ABE._NS), "abev": str(VOCAB), "abeid": str(ID), "abeg": str(GRAPH),
                  "skos": "http://www.w3.org/2004/02/skos/core#", "dcat": "http://www.w3.org/ns/dcat#",
                  "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
                  "prov": "http://www.w3.org/ns/prov#"}
_STANDARD_PREFIXES = {"owl": "http://www.w3.org/2002/07/owl#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                      "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}


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
    return {**_STANDARD_PREFIXES, **_CORE_PREFIXES} if strategy == "all" else dict(_CORE_PREFIXES)


def bind_prefixes(graph, strategy: str = "core") -> None:
    """Bind :func:`prefixes` in an rdflib graph (for the libraries that write one)."""
    for prefix, ns in prefixes(strategy).items():
        graph.bind(prefix, ns)
