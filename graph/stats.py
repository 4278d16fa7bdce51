"""What a store holds, in the words of the workbook: agencies, resources by dimension, ...

Example
-------
>>> from abegraph.graph.store import Store
>>> from abegraph.graph.stats import summary
>>> summary(Store.open(None))["triples"]
0
"""
from __future__ import annotations

from .store import Store

__all__ = ["summary"]

_COUNTS = """
PREFIX abe: <https://w3id.org/abegraph/ns#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
SELECT
  (COUNT(DISTINCT ?agency) AS ?agencies) (COUNT(DISTINCT ?resource) AS ?resources)
  (COUNT(DISTINCT ?dataset) AS ?datasets) (COUNT(DISTINCT ?issue) AS ?issues)
  (COUNT(DISTINCT ?link) AS ?causal_links) (COUNT(DISTINCT ?area) AS ?areas)
WHERE {
  { ?agency a abe:Agency } UNION { ?resource a abe:Resource FILTER NOT EXISTS { ?resource a dcat:Dataset } }
  UNION { ?dataset a dcat:Dataset } UNION { ?issue a abe:Issue ; abe:sheet ?s }
  UNION { ?c abe:causes ?e BIND(CONCAT(STR(?c), " ", STR(?e)) AS ?link) } UNION { ?area a abe:Area }
}"""

_DIMENSIONS = """
PREFIX abe: <https://w3id.org/abegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?d ?label (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?d skos:inScheme abe:Dimensions . OPTIONAL { ?d skos:prefLabel ?label FILTER(lang(?label) = "%s") }
  OPTIONAL { ?r abe:dimension ?d }
} GROUP BY ?d ?label ORDER BY ?d"""


def summary(store: Store, lang: str = "en") -> dict:
    """Counts of what the store holds: triples, graphs, agencies, resources by dimension, ..."""
    counts = {"triples": len(store), "graphs": len(store.graph_names())}
    if counts["triples"] == 0:
        return counts
    rows = store.select(_COUNTS)
    names = ["agencies", "resources", "datasets", "issues", "causal_links", "areas"]
    counts.update({n: int(v) for n, v in zip(names, rows[0])})
    counts["by_dimension"] = {str(label or d.rsplit("/", 1)[-1]): int(n)
                              for d, label, n in store.select(_DIMENSIONS % lang)}
    return counts
