"""Export the store as Turtle, N-Triples, N-Quads, TriG (named graphs kept) or JSON-LD.

Triple formats write the union of all graphs (or one named graph); quad formats keep
every named graph, so ``export --format trig`` followed by ``load`` restores a store.

Example
-------
>>> import io
>>> from rdflib import URIRef, Literal
>>> from abegraph.graph.store import Store
>>> from abegraph.graph.export import export
>>> store = Store.open(None)
>>> store.replace_graphs({URIRef("https://w3id.org/abegraph/graph/t"):
...     [(URIRef("https://w3id.org/abegraph/id/agency/EEF"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
...       Literal("กสศ.", lang="th"))]})
>>> out = io.BytesIO()
>>> export(store, out, "turtle")
>>> '"กสศ."@th' in out.getvalue().decode()
True
"""
from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from ..exceptions import UnknownFormatError
from ..ontology.iris import prefixes, source_graph_text
from .store import Store

__all__ = ["EXPORT_FORMATS", "export"]

#: format name -> (pyoxigraph format, keeps named graphs)
EXPORT_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False), "nt": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True), "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True), "rdfxml": (ox.RdfFormat.RDF_XML, False),
}
_ALIASES = {"ttl": "turtle", "n-triples": "nt", "json-ld": "jsonld", "n-quads": "nq", "xml": "rdfxml"}


def export(store: Store, out: IO[bytes], fmt: str = "turtle", graph: str | None = None) -> None:
    """Write the store (or the named graph ``graph``) to ``out`` in ``fmt``."""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt not in EXPORT_FORMATS:
        raise UnknownFormatError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    ox_format, keeps_graphs = EXPORT_FORMATS[fmt]
    kw = {"prefixes": prefixes("all")} if fmt in ("turtle", "trig", "rdfxml") else {}
    if graph is not None:
        node = ox.NamedNode(source_graph_text(graph))
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                              use_default_graph_as_union=False, substitutions={ox.Variable("g"): node})
        ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES if fmt == "nq" else
                     (ox.RdfFormat.TURTLE if fmt == "trig" else ox_format), **kw)
    elif keeps_graphs and hasattr(store, "oxigraph"):
        store.oxigraph.dump(out, ox_format, **kw)
    elif keeps_graphs:  # a remote store: ask for every quad
        rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        ox.serialize((ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows), out, ox_format, **kw)
    else:
        ox.serialize(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), out, ox_format, **kw)
