"""Where each entity on a map came from: the loaded file, sheet and row, for the tooltips.

Read once from the store (every named graph), so a coordinator can go back to the workbook
row behind a node. Entities of the bundled vocabulary (the default issues) name the
vocabulary graph. The load time is left out on purpose: the same data gives the same map.

Example
-------
>>> from abegraph.visualize.provenance import read_provenance
>>> found = read_provenance(demo_store)
>>> found["https://w3id.org/abegraph/id/agency/EEF"]
['khonkaen-demo: khonkaen.xlsx, agencies row 19']
"""
from __future__ import annotations

from abegraph.ontology.iris import ABE_IRI, ID_IRI, prefixes

__all__ = ["read_provenance"]

_QUERY = f"""PREFIX abe: <{ABE_IRI}>
PREFIX rdfs: <{prefixes("all")["rdfs"]}>
SELECT ?s ?g ?file ?sheet ?row WHERE {{
  GRAPH ?g {{ ?s a ?type . OPTIONAL {{ ?s abe:sheet ?sheet }} OPTIONAL {{ ?s abe:row ?row }} }}
  FILTER(STRSTARTS(STR(?s), "{ID_IRI}"))
  OPTIONAL {{ GRAPH ?g {{ ?g abe:fileName ?file }} }}
}}"""


def read_provenance(store) -> dict[str, list[str]]:
    """``entity IRI -> ["source: file, sheet row N", ...]`` (sorted) for every entity in any
    named graph of ``store``."""
    found: dict[str, set[str]] = {}
    for s, g, file, sheet, row in store.values(_QUERY):
        source = str(g).rsplit("/", 1)[-1]
        where = ", ".join(str(x) for x in (file, f"{sheet} row {row}" if sheet and row else sheet) if x)
        found.setdefault(s, set()).add(f"{source}: {where}" if where else source)
    return {node: sorted(lines) for node, lines in found.items()}
