"""Save analysis rows as RDF, in a named graph of their own, so SPARQL users query them too.

Each row becomes an ``abe:Finding`` with its analysis, section, a score, the entities it
concerns (every ``*_id`` key, resolved to the entity's IRI), its plain-language reasons
(``rdfs:comment`` in English and Thai) and the whole row as JSON (``abe:findingData``).
Saving again replaces the analysis's graph ``abeg:analysis-{name}``.

Example
-------
>>> from abegraph.network.findings import finding_quads
>>> rows = [{"section": "pair", "agency_1_id": "EEF", "agency_2_id": "KKU", "shared": 3}]
>>> quads = finding_quads("sharing", rows, {"EEF": ["https://w3id.org/abegraph/id/agency/EEF"]})
>>> sorted({q.predicate.value.rsplit("#", 1)[-1] for q in quads})
['analysis', 'concerns', 'findingData', 'score', 'section', 'type']
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, XSD

from abegraph.graph.store import Store
from abegraph.graph.terms import node
from abegraph.network.projections import entity_id
from abegraph.ontology.namespace import ABE, ID, graph_iri

__all__ = ["finding_quads", "save_findings", "SCORE_KEYS"]

#: the first of these keys a row has is its abe:score
SCORE_KEYS = ("score", "shared", "weight", "betweenness", "leverage", "size", "gap_count")
_RDF_JSON = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")


def finding_quads(analysis: str, rows: list[dict], ids: dict[str, list[str]]) -> list[ox.Quad]:
    """pyoxigraph quads (default graph) for ``rows``; ``ids`` maps a workbook id to the IRIs that carry it."""
    a, finding, analysis_p, section, data = (node(RDF.type), node(ABE.Finding), node(ABE.analysis),
                                             node(ABE.section), node(ABE.findingData))
    concerns, score, comment, decimal = node(ABE.concerns), node(ABE.score), node(RDFS.comment), node(XSD.decimal)
    quads = []
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        me = node(ID[f"finding/{analysis}/{digest}"])
        quads += [ox.Quad(me, a, finding), ox.Quad(me, analysis_p, ox.Literal(analysis)),
                  ox.Quad(me, section, ox.Literal(str(row.get("section", "")))),
                  ox.Quad(me, data, ox.Literal(text, datatype=_RDF_JSON))]
        for key, value in row.items():
            values = value if isinstance(value, list) else [value]
            if key.endswith("_id") or key.endswith("_ids"):
                for v in values:
                    for iri in ids.get(str(v), ()):
                        quads.append(ox.Quad(me, concerns, node(iri)))
        for key in SCORE_KEYS:
            if isinstance(row.get(key), (int, float)) and not isinstance(row.get(key), bool):
                quads.append(ox.Quad(me, score, ox.Literal(format(Decimal(str(row[key])), "f"), datatype=decimal)))
                break
        for key, lang in (("reason", "en"), ("reason_th", "th"), ("meaning", "en"), ("meaning_th", "th")):
            if row.get(key):
                quads.append(ox.Quad(me, comment, ox.Literal(str(row[key]), language=lang)))
    return quads


def save_findings(store: Store, analysis: str, rows: list[dict], G) -> int:
    """Replace the graph ``abeg:analysis-{analysis}`` with ``rows``; returns the triple count."""

    ids: dict[str, list[str]] = {}
    for iri in G.nodes:
        ids.setdefault(entity_id(iri), []).append(iri)
    quads = finding_quads(analysis, rows, ids)
    store.replace_graphs({graph_iri(f"analysis-{analysis}"): quads})
    return len(quads)
