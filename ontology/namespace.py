"""The abegraph vocabulary as typed rdflib namespaces: a misspelt term fails at import time.

The IRIs themselves, as text and pyoxigraph nodes without rdflib, are in
:mod:`abegraph.ontology.iris` (what a load imports); this module makes rdflib namespaces of them.

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

from .iris import (
    ABE_IRI,
    GRAPH_IRI,
    ID_IRI,
    SPARQL_PREFIXES,
    VOCAB_IRI,
    graph_text,
    prefixes,
    source_graph_text,
)

__all__ = [
    "ABE", "VOCAB", "ID", "GRAPH", "SCHEMES", "concept", "entity_iri", "graph_iri", "source_graph", "SPARQL_PREFIXES",
    "prefixes", "bind_prefixes",
]

VOCAB = Namespace(VOCAB_IRI)
ID = Namespace(ID_IRI)
GRAPH = Namespace(GRAPH_IRI)


class ABE(DefinedNamespace):
    """Classes, properties and concept schemes of abegraph (``abe:``)."""

    _fail = True
    _NS = Namespace(ABE_IRI)

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
    return URIRef(graph_text(name))


def source_graph(name: str) -> URIRef:
    """The named graph of a loaded source, given by its name or by its full IRI.

    >>> str(source_graph("khonkaen-2023")) == str(source_graph("https://w3id.org/abegraph/graph/khonkaen-2023"))
    True
    """
    return URIRef(source_graph_text(name))


def bind_prefixes(graph, strategy: str = "core") -> None:
    """Bind :func:`prefixes` in an rdflib graph (for the libraries that write one)."""
    for prefix, ns in prefixes(strategy).items():
        graph.bind(prefix, ns)
