"""The abegraph vocabulary: OWL terms, SKOS schemes and default issues, SHACL shapes.

The Turtle files beside this module are the single source of the controlled values the
loader accepts, the labels every output shows and the rules validation applies.

Example
-------
>>> from abegraph.ontology import vocabulary_graph, VOCABULARY_FILES
>>> len(vocabulary_graph()) > 100
True
>>> sorted(p.name for p in VOCABULARY_FILES)
['abe.ttl', 'issues.ttl', 'vocabularies.ttl']
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .namespace import bind_prefixes

__all__ = ["ONTOLOGY_DIR", "VOCABULARY_FILES", "SHAPES_FILE", "vocabulary_graph", "shapes_graph"]

ONTOLOGY_DIR = Path(__file__).parent
VOCABULARY_FILES = tuple(ONTOLOGY_DIR / name for name in ("abe.ttl", "vocabularies.ttl", "issues.ttl"))
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    """The ontology, the controlled vocabularies and the default issues, as one graph.

    Cached: treat the result as read-only (copy it before adding triples).
    """
    graph = Graph()
    bind_prefixes(graph)
    for path in VOCABULARY_FILES:
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes of the workbook contract (read-only, cached)."""
    return Graph().parse(SHAPES_FILE, format="turtle")
