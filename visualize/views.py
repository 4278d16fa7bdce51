"""The five views a map can show, each a plain NetworkX graph cut from the network.

=============  ===============================================================================
view           nodes and edges
=============  ===============================================================================
agencies       agencies; an edge where two hold or use the same assets (``relation``
               ``shares``, ``weight`` = number of assets, ``assets`` = their node ids)
resources      agencies and the resources and datasets they hold (``held_by``) or use
               (``shared_with``)
issues         issues and causes (``causes``, from cause to effect) and the resources and
               datasets that address them (``addresses``)
datasets       datasets and the link keys they carry (``link_key``)
everything     every node of the network; one edge per linked pair (the first relation in
               :data:`~abegraph.visualize.palette.RELATION_ORDER` when a pair has several)
=============  ===============================================================================

Every node keeps the attributes of :func:`~abegraph.network.projections.read_network`
(``kind``, ``label_th``, ``label_en``, ``dimension``, ``areas``, ``notation`` ...). Every edge
has ``relation``, ``weight`` (1 unless the view counts assets) and ``tail``: the node the
relation starts from (``causes`` edges are drawn as arrows from cause to effect); ``both`` is
true when the relation also runs the other way (two issues that cause each other).

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.views import view_graph, VIEWS
>>> G = read_network(demo_store)
>>> A = view_graph(G, "agencies")
>>> {k for _, k in A.nodes(data="kind")}, A.number_of_edges()
({'agency'}, 99)
>>> u, v, data = max(A.edges(data=True), key=lambda e: e[2]["weight"])
>>> data["relation"], data["weight"], len(data["assets"])
('shares', 11, 11)
>>> [view_graph(G, v).number_of_nodes() for v in VIEWS]
[33, 143, 148, 40, 214]
"""
from __future__ import annotations

import networkx as nx

from ..exceptions import NotFound
from abegraph.network.projections import agency_network, causal_graph, holdings, linkage_graph
from .palette import RELATION_ORDER

__all__ = ["VIEWS", "VIEW_ALIASES", "view_graph", "resolve_view"]

#: the views, in the order the atlas shows them
VIEWS = ("agencies", "resources", "issues", "datasets", "everything")
#: other names a user may type for a view
VIEW_ALIASES = {"agency": "agencies", "sharing": "agencies", "resource": "resources", "holdings": "resources",
                "issue": "issues", "causes": "issues", "dataset": "datasets", "linkage": "datasets",
                "all": "everything"}
_PRIORITY = {name: i for i, name in enumerate(RELATION_ORDER)}


def resolve_view(name: str) -> str:
    """The view called ``name`` (or one of its aliases); raises :class:`NotFound` otherwise.

    >>> resolve_view("causes")
    'issues'
    """
    key = name.strip().lower()
    key = VIEW_ALIASES.get(key, key)
    if key not in VIEWS:
        raise NotFound(f"no map view called {name!r}; choose one of: {', '.join(VIEWS)}",
                       thai=f"ไม่มีมุมมองแผนที่ชื่อ {name!r}; เลือกจาก: {', '.join(VIEWS)}")
    return key


def _add(V: nx.Graph, u, v, relation: str, tail=None, **extra) -> None:
    tail = u if tail is None else tail
    if V.has_edge(u, v):
        old = V.edges[u, v]
        if old["relation"] == relation and old["tail"] != tail:
            old["both"] = True  # e.g. a vicious circle of two: each causes the other
            old["tail"] = min(old["tail"], tail)  # whichever was read first
        if _PRIORITY[old["relation"]] <= _PRIORITY[relation]:
            return
    V.add_edge(u, v, relation=relation, weight=extra.pop("weight", 1), tail=tail, **extra)


def view_graph(G: nx.MultiDiGraph, view: str) -> nx.Graph:
    """The graph drawn by ``view`` (see the table above); ``G`` is not changed."""
    view = resolve_view(view)
    V = nx.Graph(view=view)
    if view == "agencies":
        A = agency_network(holdings(G))
        V.add_nodes_from((n, dict(G.nodes[n])) for n in A)
        for u, v, data in A.edges(data=True):
            _add(V, u, v, "shares", tail=min(u, v), weight=data["weight"], assets=list(data["assets"]),
                 by_dimension=dict(data["by_dimension"]))
    elif view == "resources":
        B = holdings(G)
        V.add_nodes_from((n, dict(G.nodes[n])) for n in B)
        for asset, agency, data in B.edges(data=True):
            if G.nodes[asset]["kind"] == "agency":
                asset, agency = agency, asset
            _add(V, asset, agency, "held_by" if data["role"] == "held" else "shared_with", tail=asset)
    elif view == "issues":
        C = causal_graph(G)
        V.add_nodes_from((n, dict(G.nodes[n])) for n in C)
        for cause, effect in C.edges():
            _add(V, cause, effect, "causes", tail=cause)
        for s, o, relation in G.edges(data="relation"):
            if relation == "addresses" and o in V:
                V.add_node(s, **G.nodes[s])
                _add(V, s, o, "addresses", tail=s)
    elif view == "datasets":
        L = linkage_graph(G)
        V.add_nodes_from((n, dict(G.nodes[n])) for n in L)
        for u, v in L.edges():
            dataset, key = (u, v) if G.nodes[u]["kind"] == "dataset" else (v, u)
            _add(V, dataset, key, "link_key", tail=dataset)
    else:
        V.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True))
        best: dict[tuple, list] = {}
        for s, o, relation in G.edges(data="relation"):
            if s != o and relation in _PRIORITY:
                pair = (s, o) if s < o else (o, s)
                found = best.get(pair)
                if found is None or _PRIORITY[relation] < _PRIORITY[found[0]]:
                    best[pair] = [relation, s, False]
                elif found[0] == relation and found[1] != s:
                    found[1], found[2] = min(found[1], s), True
        V.add_edges_from((u, v, {"relation": relation, "weight": 1, "tail": tail,
                                   **({"both": True} if both else {})})
                         for (u, v), (relation, tail, both) in best.items())
    return V
