"""What a store holds, in the words of the workbook: agencies, resources by dimension, ...

The bundled issues and causes (``ontology/issues.ttl``, I01–I17 and C01–C22) are a pick list:
one counts only where a loaded source refers to it (a resource addresses it, a causes row
names it, an issues row describes it again ...). The analyses and maps read the network the
same way (:func:`unused_defaults`), so every count agrees.

Example
-------
>>> from abegraph.graph.store import Store
>>> from abegraph.graph.stats import summary
>>> summary(Store.open(None))["triples"]
0
>>> summary(demo_store)["issues"]
39
"""
from __future__ import annotations

from abegraph.graph.store import Store
from abegraph.ontology.iris import GRAPH_IRI, LINKS_IRI, SPARQL_PREFIXES, VOCABULARY_IRI

__all__ = ["summary", "unused_defaults"]

#: the graph of the bundled vocabulary (``abegraph load`` adds it)
_VOCABULARY = VOCABULARY_IRI
#: graphs that are not a loaded source: the vocabulary, `abegraph link`'s matches, saved findings
_NOT_A_SOURCE = (f'?g != <{_VOCABULARY}> && ?g != <{LINKS_IRI}> '
                 f'&& !STRSTARTS(STR(?g), "{GRAPH_IRI}analysis-")')


def _bundled_only(var: str) -> str:
    """SPARQL true when ``?var`` is a bundled issue that no loaded source refers to."""
    return (f"(EXISTS {{ GRAPH <{_VOCABULARY}> {{ ?{var} a abe:Issue }} }} && NOT EXISTS {{ GRAPH ?g "
            f"{{ {{ ?{var} ?p_ ?o_ }} UNION {{ ?s_ ?q_ ?{var} }} }} FILTER({_NOT_A_SOURCE}) }})")


_UNUSED = SPARQL_PREFIXES + f"""
SELECT DISTINCT ?x WHERE {{ GRAPH <{_VOCABULARY}> {{ ?x a abe:Issue }} FILTER({_bundled_only("x")}) }}"""


def unused_defaults(store: Store) -> set[str]:
    """The bundled issues and causes that no loaded source refers to (IRIs as strings).

    A store without the vocabulary graph (a remote endpoint without named graphs, say) has
    none: everything it holds counts.

    >>> sorted(unused_defaults(Store.open(None)))
    []
    """
    return {x for (x,) in store.values(_UNUSED)}

def _same(var: str) -> str:
    """SPARQL that binds ``?var`` to the entry ``?var0`` or, if `abegraph link` matched it, its canonical entry."""
    return (f"OPTIONAL {{ GRAPH <{LINKS_IRI}> {{ ?{var}0 owl:sameAs ?{var}_same }} }} "
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
  UNION {{ ?dataset0 a dcat:Dataset {_same("dataset")} }} UNION {{ ?issue0 a abe:Issue FILTER(!{_bundled_only("issue0")}) {_same("issue")} }}
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
    rows = store.values(_COUNTS)
    names = ["agencies", "resources", "datasets", "issues", "causal_links", "areas"]
    counts.update({n: int(v) for n, v in zip(names, rows[0])})
    counts["by_dimension"] = {str(label or d.rsplit("/", 1)[-1]): int(n)
                              for d, label, n in store.values(_DIMENSIONS.replace("LANG", lang))}
    return counts
