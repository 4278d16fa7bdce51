"""Read the RDF graph into NetworkX views: the heterogeneous network and its projections.

Everything reads with SPARQL from whichever store holds the graph, so the same code
serves an on-disk store and a remote endpoint. The bundled issues and causes count only where
a loaded source refers to them (:func:`~abegraph.graph.stats.unused_defaults`), as in
``abegraph stats``; the others stay a pick list in the vocabulary. Entities matched by ``abegraph link``
(``owl:sameAs`` in the links graph) are read as one node, the canonical one, which keeps
the other names in ``also_known_as``. Node ids are the entity IRIs as
strings; every node carries ``kind``, ``label_th``, ``label_en`` and, where it applies,
``dimension``, ``notation`` and ``areas``.

Example
-------
>>> from abegraph.network.projections import read_network, holdings, agency_network
>>> G = read_network(demo_store)
>>> G.nodes["https://w3id.org/abegraph/id/agency/EEF"]["label_en"]
'Equitable Education Fund'
>>> B = holdings(G)
>>> A = agency_network(B)
>>> A.number_of_nodes() == sum(1 for _, k in G.nodes(data="kind") if k == "agency")
True
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

import networkx as nx

from abegraph.exceptions import NotFound
from abegraph.graph.stats import unused_defaults
from abegraph.graph.store import Store, loaded_graph
from abegraph.graph.terms import python_value
from abegraph.linking.linkset import same_as
from abegraph.loaders.references import NameIndex
from abegraph.ontology.namespace import SPARQL_PREFIXES

__all__ = ["Filters", "read_network", "holdings", "agency_network", "causal_graph", "linkage_graph",
           "relations", "Relations", "induced", "label", "entity_id", "entity_names", "reuse", "once", "KINDS",
           "ASSET_KINDS"]

KINDS = ("agency", "resource", "dataset", "issue", "area", "link-key")
#: the kinds of what an agency holds: resources and datasets
ASSET_KINDS = ("resource", "dataset")


_NODES = SPARQL_PREFIXES + """
SELECT DISTINCT ?x ?kind ?label ?lang ?notation WHERE {
  { ?x a abe:Agency BIND("agency" AS ?kind) OPTIONAL { ?x rdfs:label ?label } }
  UNION { ?x a abe:Resource FILTER NOT EXISTS { ?x a dcat:Dataset } BIND("resource" AS ?kind)
          OPTIONAL { ?x rdfs:label ?label } }
  UNION { ?x a dcat:Dataset BIND("dataset" AS ?kind) OPTIONAL { ?x dcterms:title ?label } }
  UNION { ?x a abe:Issue BIND("issue" AS ?kind) OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x skos:notation ?notation } }
  UNION { ?x a abe:Area BIND("area" AS ?kind) OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x abe:areaCode ?notation } }
  UNION { ?x skos:inScheme abe:LinkKeys BIND("link-key" AS ?kind) OPTIONAL { ?x skos:prefLabel ?label }
          OPTIONAL { ?x skos:notation ?notation } }
  BIND(LANG(?label) AS ?lang)
}"""

#: not DISTINCT: a triple stated in two graphs gives the same edge or value twice, which read_network keeps once
_EDGES = SPARQL_PREFIXES + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { abe:heldBy abe:sharedWith abe:addresses abe:causes abe:linkKey abe:coversArea
              dcterms:spatial abe:locatedIn org:subOrganizationOf skos:broader abe:dimension
              abe:targetGroup abe:granularity abe:personalData abe:amount abe:personalKey }
  ?s ?p ?o }"""

_POLARITIES = SPARQL_PREFIXES + """
SELECT DISTINCT ?cause ?effect ?polarity WHERE {
  ?link a abe:CausalLink ; abe:cause ?cause ; abe:effect ?effect ; abe:polarity ?polarity }"""

_GRAPH_SUBJECTS = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"

#: predicate local name -> edge relation in the NetworkX graph
_RELATIONS = {"heldBy": "held_by", "sharedWith": "shared_with", "addresses": "addresses",
              "causes": "causes", "linkKey": "link_key", "coversArea": "covers_area",
              "spatial": "covers_area", "locatedIn": "located_in", "subOrganizationOf": "part_of",
              "broader": "broader"}
#: predicate local name -> node attribute (values kept as lists or single values)
_ATTRIBUTES = {"dimension": "dimension", "targetGroup": "target_groups", "granularity": "granularity",
               "personalData": "personal_data", "amount": "amount", "personalKey": "personal_key"}


@dataclass(frozen=True)
class Filters:
    """Restrict a view: by dimension key, issue, district (DOPA code) or source graph name."""

    dimension: str | None = None
    issue: str | None = None
    district: str | None = None
    source: str | None = None


def label(G: nx.Graph, node: str, lang: str = "en") -> str:
    """A node's label in ``lang``, falling back to the other language, then the IRI's end."""
    data = G.nodes[node]
    other = "th" if lang == "en" else "en"
    return data.get(f"label_{lang}") or data.get(f"label_{other}") or node.rsplit("/", 1)[-1]


@lru_cache(maxsize=1 << 17)
def entity_id(node: str) -> str:
    """The workbook id behind an entity IRI (``.../agency/ESAO-KK1`` -> ``ESAO-KK1``).

    >>> entity_id("https://w3id.org/abegraph/id/agency/ESAO%20KK1")
    'ESAO KK1'
    """
    return unquote(node.rsplit("/", 1)[-1])


def entity_names(G: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """``id -> {"th": name, "en": name}`` for every node of ``G``, by the id the analyses' rows
    use: the workbook id, or the DOPA code for an area.

    >>> entity_names(read_network(demo_store))["4001"]["en"]
    'Mueang Khon Kaen'
    """
    names: dict[str, dict[str, str]] = {}
    for node, data in G.nodes(data=True):
        key = data.get("notation") if data.get("kind") == "area" else entity_id(node)
        names.setdefault(str(key), {"th": data.get("label_th") or data.get("label_en") or str(key),
                                    "en": data.get("label_en") or data.get("label_th") or str(key)})
    return names


_REUSE: ContextVar[dict | None] = ContextVar("abegraph_reuse", default=None)


@contextmanager
def reuse():
    """Within this block, each projection of a graph (and each analysis's heavy step, see
    :func:`once`) is built once and shared: ``analyze all`` builds the agency-asset graph once
    for all analyses, and rows in two languages cost one computation. The graphs must not
    change inside the block. Blocks nest (the outermost one keeps the results).

    >>> from abegraph.network.projections import read_network
    >>> G = read_network(demo_store)
    >>> holdings(G) is holdings(G)
    False
    >>> with reuse():
    ...     holdings(G) is holdings(G)
    True
    """
    if _REUSE.get() is not None:
        yield
        return
    token = _REUSE.set({})
    try:
        with _no_collections():
            yield
    finally:
        _REUSE.reset(token)


@contextmanager
def _no_collections():
    """Python's cycle collector paused while a large network is built or analysed: it would
    scan the network's million objects again and again and find next to nothing to free. At the
    national benchmark this saved 5-7 s of 33-35 s (``python -m bench.analyses``) for 4 % more
    peak memory; what the block leaves to collect is collected after it. The switch is the
    process's: a thread that changes it while another is inside a block sees the other's choice
    (abegraph runs no analysis in threads)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def once(graph, key, build: Callable):
    """``build()``, computed once per ``(graph, key)`` inside a :func:`reuse` block (every time
    outside one). Callers treat the result as read-only."""
    memo = _REUSE.get()
    if memo is None:
        return build()
    slot = (id(graph), key)
    if slot not in memo:
        memo[slot] = (graph, build())  # the graph is kept alive, so its id is not reused
    return memo[slot][1]


class Relations:
    """The network's edges grouped by relation, for the lookups every analysis makes (who
    holds, uses or addresses what, which areas an asset covers), from one pass over the edges.

    ``edges(relation)`` lists ``(source, target, data)`` and ``pairs(relation)`` ``(source,
    target)`` in the network's edge order; ``between(relation, sources, target)`` those pairs
    whose source is of one of the kinds ``sources`` and target of kind ``target``;
    ``targets(relation)`` maps a source to its targets (in that order). Get it with :func:`relations`, which builds it once per
    network inside a :func:`reuse` block: at a million triples one pass over the edges costs
    about 0.4 s, and the analyses made ten of them.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("r1", "a1", key="held_by", relation="held_by")
    'held_by'
    >>> G.add_edge("r1", "i1", key="addresses", relation="addresses")
    'addresses'
    >>> R = Relations(G)
    >>> R.pairs("held_by"), R.targets("addresses"), R.pairs("causes")
    ([('r1', 'a1')], {'r1': ['i1']}, [])
    >>> G.nodes["r1"]["kind"], G.nodes["a1"]["kind"] = "resource", "agency"
    >>> list(R.between("held_by", ASSET_KINDS, "agency")), list(R.between("addresses", ASSET_KINDS, "issue"))
    ([('r1', 'a1')], [])
    """

    def __init__(self, G: nx.MultiDiGraph):
        self._nodes = G.nodes
        self._edges: dict[str, list[tuple[str, str, dict]]] = {}
        for s, o, data in G.edges(data=True):
            self._edges.setdefault(data.get("relation"), []).append((s, o, data))
        self._pairs: dict[str, list[tuple[str, str]]] = {}
        self._targets: dict[str, dict[str, list[str]]] = {}

    def edges(self, relation: str) -> list[tuple[str, str, dict]]:
        """``(source, target, edge data)`` of ``relation``."""
        return self._edges.get(relation, [])

    def pairs(self, relation: str) -> list[tuple[str, str]]:
        if relation not in self._pairs:
            self._pairs[relation] = [(s, o) for s, o, _ in self.edges(relation)]
        return self._pairs[relation]

    def between(self, relation: str, sources, target: str):
        """The ``(source, target)`` pairs of ``relation`` from a node of a kind in ``sources``
        to one of kind ``target``, in the network's edge order."""
        nodes = self._nodes
        return ((s, o) for s, o in self.pairs(relation)
                if nodes[s].get("kind") in sources and nodes[o].get("kind") == target)

    def targets(self, relation: str) -> dict[str, list[str]]:
        if relation not in self._targets:
            found: dict[str, list[str]] = {}
            for s, o in self.pairs(relation):
                found.setdefault(s, []).append(o)
            self._targets[relation] = found
        return self._targets[relation]


def induced(A: nx.Graph, nodes) -> nx.Graph:
    """The subgraph of ``A`` on ``nodes``: the graph ``A.subgraph(nodes).copy()`` gives (copied
    attributes), its nodes and edges in ``A``'s order, built from ``A``'s adjacency: NetworkX's subgraph view
    checks every neighbour of every member through its filters, which cost health 2.5 s for
    the 77 coalitions of the national benchmark.

    >>> S = induced(nx.path_graph(5), [3, 1, 2])
    >>> list(S), list(S.edges)
    ([1, 2, 3], [(1, 2), (2, 3)])
    """
    inside = set(nodes)
    S = A.__class__()
    S.add_nodes_from((v, A.nodes[v]) for v in A if v in inside)
    S.add_edges_from((u, v, data) for u in S for v, data in A.adj[u].items() if v in inside)
    return S


def relations(G: nx.MultiDiGraph) -> Relations:
    """:class:`Relations` of ``G``, built once per network inside a :func:`reuse` block."""
    return once(G, "relations", lambda: Relations(G))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_network(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    """The heterogeneous network: agencies, resources, datasets, issues, areas, link keys.

    Edges carry ``relation`` (held_by, shared_with, addresses, causes, link_key,
    covers_area, located_in, part_of, broader); a ``causes`` edge whose causal link states a
    polarity also carries ``polarity`` (``"+"`` or ``"-"``). Raises :class:`NotFound` (with the
    closest names) when a filter names an unknown issue, district or source.
    """
    with _no_collections():
        return _read_network(store, filters)


def _read_network(store: Store, filters: Filters | None) -> nx.MultiDiGraph:
    same = same_as(store)
    G = nx.MultiDiGraph()
    issues = set()
    for x, kind, text, lang, notation in _canonical_first(store.values(_NODES), same):
        if kind == "issue":
            issues.add(x)
        node = same.get(x, x)
        if node not in G:
            G.add_node(node, kind=kind)
        data = G.nodes[node]
        if text is not None and lang is not None:
            text = str(text)
            if f"label_{lang or 'en'}" not in data:
                data[f"label_{lang or 'en'}"] = text
            elif node != x and text not in data.setdefault("also_known_as", []):
                data["also_known_as"].append(text)
        if notation is not None and "notation" not in data:
            data["notation"] = str(notation)
    unused = unused_defaults(store)
    if unused:  # a bundled issue is a pick list entry until a source refers to it (or to its match)
        used = {same.get(x, x) for x in issues - unused}
        G.remove_nodes_from({same.get(x, x) for x in unused} - used)
    local: dict[str, str] = {}  # predicate IRI -> local name (a dozen predicates, a million rows)
    for s, p, o in _canonical_first(_edge_rows(store), same):
        source, name = same.get(s, s), local.get(p) or local.setdefault(p, _local(p))
        if source not in G:
            continue
        if name in _ATTRIBUTES:
            o = python_value(o)
            value = _local(str(o)) if name in ("dimension", "targetGroup", "granularity") else o
            if name in ("targetGroup",):
                if value not in G.nodes[source].setdefault(_ATTRIBUTES[name], []):
                    G.nodes[source][_ATTRIBUTES[name]].append(value)
            else:
                G.nodes[source].setdefault(_ATTRIBUTES[name], value)
        elif (target := same.get(o := getattr(o, "value", ""), o)) in G and target != source:
            G.add_edge(source, target, key=_RELATIONS[name], relation=_RELATIONS[name])
    for cause, effect, polarity in store.values(_POLARITIES):
        edge = (same.get(cause, cause), same.get(effect, effect), "causes")
        if G.has_edge(*edge) and G.edges[edge].get("polarity") != "-":  # sources disagree: "-" is kept
            G.edges[edge]["polarity"] = "-" if polarity.endswith("/negative") else "+"
    _area_attributes(G)
    return _apply(G, store, filters, same) if filters else G


def _edge_rows(store: Store) -> list[tuple]:
    """``(subject IRI, predicate IRI, object term)`` of :data:`_EDGES`: objects are converted
    only where they are values (:func:`read_network`), which halves the cost of the largest
    read (about 1M rows at the national benchmark)."""
    return [(solution[0].value, solution[1].value, solution[2]) for solution in store.query(_EDGES)]


def _canonical_first(rows: list, same: dict) -> list:
    """Rows about canonical entities before rows about their aliases (so the canonical
    entity's label and values win); as they are when nothing is matched."""
    return sorted(rows, key=lambda row: row[0] in same) if same else rows


def _area_attributes(G: nx.MultiDiGraph) -> None:
    """Give resources, datasets and agencies the DOPA codes of the areas they touch."""
    for node, data in G.nodes(data=True):
        if data["kind"] in ("agency", "resource", "dataset"):
            codes = sorted({G.nodes[o].get("notation", "") for _, o, r in G.out_edges(node, data="relation")
                            if r in ("covers_area", "located_in")})
            data["areas"] = [c for c in codes if c]


def _find(G: nx.MultiDiGraph, kind: str, text: str) -> str:
    index = NameIndex(kind)
    for node, data in G.nodes(data=True):
        if data["kind"] == kind:
            index.add(node, node.rsplit("/", 1)[-1], data.get("notation", ""), data.get("label_th", ""),
                      data.get("label_en", ""))
    found = index.resolve(text)
    if len(found) != 1:
        raise NotFound(f"no {kind} called {text!r}; closest: {', '.join(index.closest(text))}",
                       thai=f"ไม่พบ {text!r}; ที่ใกล้เคียง: {', '.join(index.closest(text, lang='th'))}")
    return str(found[0])


def _apply(G: nx.MultiDiGraph, store: Store, filters: Filters, same: dict) -> nx.MultiDiGraph:
    keep_assets = {n for n, k in G.nodes(data="kind") if k in ASSET_KINDS}
    if filters.dimension:
        keep_assets = {n for n in keep_assets if G.nodes[n].get("dimension") == filters.dimension}
    if filters.issue:
        issue = _find(G, "issue", filters.issue)
        causal = causal_graph(G)
        related = {issue} | nx.ancestors(causal, issue)
        keep_assets = {n for n in keep_assets
                       if any(o in related for _, o, r in G.out_edges(n, data="relation") if r == "addresses")}
    if filters.district:
        district = _find(G, "area", filters.district)
        code = G.nodes[district].get("notation", "")
        keep_assets = {n for n in keep_assets if any(a.startswith(code) for a in G.nodes[n].get("areas", []))}
    if filters.source:
        iri = loaded_graph(store, filters.source)
        in_source = {same.get(s, s) for (s,) in store.values(_GRAPH_SUBJECTS.replace("?g", f"<{iri}>"))}
        keep_assets &= in_source
    drop = {n for n, k in G.nodes(data="kind") if k in ASSET_KINDS} - keep_assets
    view = G.copy()
    view.remove_nodes_from(drop)
    return view


def holdings(G: nx.MultiDiGraph) -> nx.Graph:
    """The agency–asset bipartite graph (``bipartite`` 0 = agency, 1 = resource or dataset).

    Each edge has ``role``: ``held`` or ``shared`` (held wins when both are stated); the held
    edges come first.
    """
    return once(G, "holdings", lambda: _holdings(G))


def _holdings(G: nx.MultiDiGraph) -> nx.Graph:
    B = nx.Graph()
    for node, data in G.nodes(data=True):
        if data["kind"] == "agency":
            B.add_node(node, bipartite=0, **data)
        elif data["kind"] in ASSET_KINDS:
            B.add_node(node, bipartite=1, **data)
    R = relations(G)
    for relation, role in (("held_by", "held"), ("shared_with", "shared")):  # held wins
        B.add_edges_from((asset, agency, {"role": role}) for asset, agency in R.pairs(relation)
                         if asset in B and agency in B and not (role == "shared" and B.has_edge(asset, agency)))
    return B


def agency_network(B: nx.Graph) -> nx.Graph:
    """The weighted agency projection of :func:`holdings`: two agencies are linked when they
    hold or use the same asset. Edge ``weight`` is the number of shared assets and ``assets``
    lists them (sorted), ``by_dimension`` counts them per dimension."""
    A = nx.Graph()
    A.add_nodes_from((n, d) for n, d in B.nodes(data=True) if d["bipartite"] == 0)
    for asset, data in B.nodes(data=True):
        if data["bipartite"] != 1:
            continue
        users = sorted(B.neighbors(asset))
        for i, u in enumerate(users):
            for v in users[i + 1:]:
                if not A.has_edge(u, v):
                    A.add_edge(u, v, weight=0, assets=[], by_dimension={})
                edge = A.edges[u, v]
                edge["weight"] += 1
                edge["assets"].append(asset)
                dim = data.get("dimension", "")
                edge["by_dimension"][dim] = edge["by_dimension"].get(dim, 0) + 1
    for _, _, edge in A.edges(data=True):
        edge["assets"].sort()
    return A


def causal_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Issues and causes with an edge cause -> effect for every ``abe:causes`` link; each edge's
    ``polarity`` is ``"+"`` (the default, also when none is stated) or ``"-"``."""
    return once(G, "causal", lambda: _causal_graph(G))


def _causal_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    C = nx.DiGraph()
    C.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d["kind"] == "issue")
    C.add_edges_from((s, o, {"polarity": d.get("polarity", "+")}) for s, o, d in relations(G).edges("causes"))
    return C


def linkage_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Datasets and the link keys they carry (bipartite: dataset – key)."""
    return once(G, "linkage", lambda: _linkage_graph(G))


def _linkage_graph(G: nx.MultiDiGraph) -> nx.Graph:
    L = nx.Graph()
    for node, data in G.nodes(data=True):
        if data["kind"] == "dataset":
            L.add_node(node, bipartite=0, **data)
    for s, o in relations(G).pairs("link_key"):
        if s in L:
            L.add_node(o, bipartite=1, **G.nodes[o])
            L.add_edge(s, o)
    return L
