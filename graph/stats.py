"""What a store holds, in the words of the workbook: agencies, resources by dimension, ...

Example
-------
>>> from abegraph.graph.store import Store
>>> from abegraph.graph.stats import summary
>>> summary(Store.open(None))["triples"]
0
"""
from __future__ import annotations

from ..ontology.namespace import SPARQL_PREFIXES
from .store import Store

__all__ = ["summary"]

def _same(var: str) -> str:
    """SPARQL that binds ``?var`` to the entry ``?var0`` or, if `abegraph link` matched it, its canonical entry."""
    return (f"OPTIONAL {{ GRAPH <https://w3id.org/abegraph/graph/links> {{ ?{var}0 owl:sameAs ?{var}_same }} }} "
            f"BIND(COALESCE(?{var}_same, ?{var}0) AS ?{var})")


# entries matched by `abegraph link` count once
_COUNTS = SPARQL_PREFIXES + f"""
SELECT
  (COUNT(DISTINCT ?agency) AS ?agencies) (COUNT(DISTINCT ?resource) AS ?resources)
  (COUNT(DISTINCT ?dataset) AS ?datasets) (COUNT(DISTINCT ?issue) AS ?issues)
  (COUNT(DISTINCT ?link) AS ?causal_links) (COUNT(DISTINCT ?area) AS ?areas)
WHERE {{
  {{ ?agency0 a abe:Agency {_same("agency")} }}
  UNION {{ ?resource0 a abe:Resource FILTER NOT EXISTS {{ ?resource0 a dcat:Dataset }} {_same("resource")} }}
  UNION {{ ?dataset0 a dcat:Dataset {_same("dataset")} }} UNION {{ ?issue0 a abe:Issue ; abe:sheet ?s {_same("issue")} }}
  UNION {{ ?c abe:causes ?e BIND(CONCAT(STR(?c), " ", STR(?e)) AS ?link) }} UNION {{ ?area a abe:Area }}
}}"""

_DIMENSIONS = SPARQL_PREFIXES + f"""
SELECT ?d ?label (COUNT(DISTINCT ?r) AS ?n) WHERE {{
  ?d skos:inScheme abe:Dimensions . OPTIONAL {{ ?d skos:prefLabel ?label FILTER(lang(?label) = "LANG") }}
  OPTIONAL {{ ?d skos:altLabel ?digit FILTER(REGEX(STR(?digit), "^[1-9]$")) }}
  OPTIONAL {{ ?r0 abe:dimension ?d . {_same("r")} }}
}} GROUP BY ?d ?label ?digit ORDER BY ?digit ?d"""


def summary(store: Store, lang: str = "en") -> dict:
    """Counts of what the store holds: triples, graphs, agencies, resources by dimension, ..."""
    counts = {"triples": len(store), "graphs": len(store.graph_names())}
    if counts["triples"] == 0:
        return counts
    rows = store.select(_COUNTS)
    names = ["agencies", "resources", "datasets", "issues", "causal_links", "areas"]
    counts.update({n: int(v) for n, v in zip(names, rows[0])})
    counts["by_dimension"] = {str(label or d.rsplit("/", 1)[-1]): int(n)
                              for d, label, n in store.select(_DIMENSIONS.replace("LANG", lang))}
    return counts
