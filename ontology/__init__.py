"""The abegraph vocabulary: OWL terms, SKOS schemes and default issues, SHACL shapes.

The Turtle files beside this module are the single source of the controlled values the
loader accepts, the labels every output shows and the rules validation applies.

Inside abegraph the vocabulary is pyoxigraph quads (:func:`vocabulary_quads`, written to stores
and read by the shapes) and an in-memory pyoxigraph store to ask SPARQL of
(:func:`vocabulary_store`); :func:`vocabulary_graph` is the same as an rdflib graph, for the
libraries that take one (the DCAT writer, the workbook writer's lists).

Example
-------
>>> from abegraph.ontology import vocabulary_graph, vocabulary_quads, VOCABULARY_FILES
>>> len(vocabulary_graph()) == len(set(vocabulary_quads())) > 100
True
>>> sorted(p.name for p in VOCABULARY_FILES)
['abe.ttl', 'issues.ttl', 'vocabularies.ttl']
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:  # rdflib is imported by what uses it: a load of a file of triples does not
    from rdflib import Graph

__all__ = ["ONTOLOGY_DIR", "VOCABULARY_FILES", "SHAPES_FILE", "vocabulary_quads", "vocabulary_store",
           "vocabulary_graph", "shapes_graph"]

ONTOLOGY_DIR = Path(__file__).parent
VOCABULARY_FILES = tuple(ONTOLOGY_DIR / name for name in ("abe.ttl", "vocabularies.ttl", "issues.ttl"))
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@lru_cache(maxsize=1)
def vocabulary_quads() -> tuple[ox.Quad, ...]:
    """The ontology, the controlled vocabularies and the default issues as default-graph
    quads, parsed by pyoxigraph once per process (20x faster than rdflib's parser here)."""
    return tuple(q for path in VOCABULARY_FILES for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


@lru_cache(maxsize=1)
def vocabulary_store() -> ox.Store:
    """The vocabulary in an in-memory pyoxigraph store, for SPARQL (read-only, cached).

    >>> len(list(vocabulary_store().query("SELECT ?s WHERE { ?s a <https://w3id.org/abegraph/ns#Issue> }"))) > 10
    True
    """
    store = ox.Store()
    store.extend(vocabulary_quads())
    return store


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    """The ontology, the controlled vocabularies and the default issues, as one graph.

    Cached: treat the result as read-only (copy it before adding triples).
    """
    from rdflib import Graph

    from .namespace import bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    for path in VOCABULARY_FILES:
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes of the workbook contract (read-only, cached)."""
    from rdflib import Graph

    return Graph().parse(SHAPES_FILE, format="turtle")
