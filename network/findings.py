"""Save analysis rows as RDF, in a named graph of their own, so SPARQL users query them too.

Each row becomes an ``abe:Finding`` with its analysis, section, a score, the entities it
concerns (every ``*_id`` key, resolved to the entity's IRI), its plain-language reasons
(``rdfs:comment`` in English and Thai) and the whole row as JSON (``abe:findingData``).
Saving again replaces the analysis's graph ``abeg:analysis-{name}``.

Example
-------
>>> from abegraph.network.findings import finding_triples
>>> rows = [{"section": "pair", "agency_1_id": "EEF", "agency_2_id": "KKU", "shared": 3}]
>>> triples = finding_triples("sharing", rows, {"EEF": ["https://w3id.org/abegraph/id/agency/EEF"]})
>>> sorted({str(p).rsplit("#", 1)[-1] for _, p, _ in triples})
['analysis', 'concerns', 'findingData', 'score', 'section', 'type']
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from abegraph.graph.store import Store
from abegraph.network.projections import entity_id
from abegraph.ontology.namespace import ABE, ID, graph_iri

__all__ = ["finding_triples", "save_findings", "SCORE_KEYS"]

#: the first of these keys a row has is its abe:score
SCORE_KEYS = ("score", "shared", "weight", "betweenness", "leverage", "size", "gap_count")
_RDF_JSON = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")


def finding_triples(analysis: str, rows: list[dict], ids: dict[str, list[str]]) -> list[tuple]:
    """Triples for ``rows``; ``ids`` maps a workbook id to the IRIs that carry it."""
    triples = []
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        node = ID[f"finding/{analysis}/{digest}"]
        triples += [(node, RDF.type, ABE.Finding), (node, ABE.analysis, Literal(analysis)),
                    (node, ABE.section, Literal(str(row.get("section", "")))),
                    (node, ABE.findingData, Literal(text, datatype=_RDF_JSON))]
        for key, value in row.items():
            values = value if isinstance(value, list) else [value]
            if key.endswith("_id") or key.endswith("_ids"):
                for v in values:
                    for iri in ids.get(str(v), ()):
                        triples.append((node, ABE.concerns, URIRef(iri)))
        for key in SCORE_KEYS:
            if isinstance(row.get(key), (int, float)) and not isinstance(row.get(key), bool):
                triples.append((node, ABE.score, Literal(Decimal(str(row[key])), datatype=XSD.decimal)))
                break
        for key, lang in (("reason", "en"), ("reason_th", "th"), ("meaning", "en"), ("meaning_th", "th")):
            if row.get(key):
                triples.append((node, RDFS.comment, Literal(str(row[key]), lang=lang)))
    return triples


def save_findings(store: Store, analysis: str, rows: list[dict], G) -> int:
    """Replace the graph ``abeg:analysis-{analysis}`` with ``rows``; returns the triple count."""

    ids: dict[str, list[str]] = {}
    for node in G.nodes:
        ids.setdefault(entity_id(node), []).append(node)
    triples = finding_triples(analysis, rows, ids)
    store.replace_graphs({graph_iri(f"analysis-{analysis}"): triples})
    return len(triples)
