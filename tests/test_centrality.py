"""One centrality for analyses and maps: equal to NetworkX, exact and sampled, and the same
numbers in ``analyze brokers`` and in a map's node sizes."""
from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from abegraph.network.brokers import brokers
from abegraph.network.centrality import (EXACT_BELOW, betweenness, betweenness_sources, centrality_arrays,
                                         dependency_sums, eigenvector, node_centrality)
from abegraph.network.projections import agency_network, entity_id, holdings
from abegraph.visualize.layout import edge_arrays
from abegraph.visualize.maps import build_map

from helpers import section


def _sorted_copy(G: nx.Graph) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_edges_from(G.edges)
    return H


def _named(graph: nx.Graph) -> nx.Graph:
    return nx.relabel_nodes(graph, {n: f"agency-{n:04d}" for n in graph})


# --- betweenness ---------------------------------------------------------------------------------

@pytest.mark.parametrize("graph", [
    nx.karate_club_graph(),
    nx.barabasi_albert_graph(300, 3, seed=1),
    nx.disjoint_union(nx.path_graph(30), nx.star_graph(30)),       # disconnected, with a cut vertex
    nx.gnp_random_graph(200, 0.01, seed=2),                         # sparse, with isolated agencies
    nx.path_graph(2), nx.empty_graph(1), nx.Graph(),
])
def test_exact_betweenness_equals_networkx(graph):
    G = _named(graph)
    assert betweenness(G) == pytest.approx(nx.betweenness_centrality(G), abs=1e-12)


@pytest.mark.parametrize("seed", [0, 5])
def test_sampled_betweenness_equals_networkx_with_the_same_seed(seed):
    G = _named(nx.barabasi_albert_graph(400, 3, seed=4))
    H = _sorted_copy(G)
    expected = nx.betweenness_centrality(H, k=120, seed=seed)
    assert betweenness(G, k=120, seed=seed) == pytest.approx(expected, abs=1e-12)


def test_betweenness_ignores_directions_weights_and_parallel_edges():
    G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("b", "c")])
    nx.set_edge_attributes(G, 7, "weight")
    assert betweenness(G) == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_dependency_sums_are_networkx_sums_for_any_sources():
    G = _sorted_copy(_named(nx.barabasi_albert_graph(250, 2, seed=3)))
    nodes = list(G)
    sources = list(range(0, len(nodes), 7))
    adjacency = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    sums = dict(zip(nodes, dependency_sums(adjacency, sources)))
    subset = nx.betweenness_centrality_subset(G, [nodes[s] for s in sources], nodes, normalized=False)
    assert sums == pytest.approx({v: 2 * x for v, x in subset.items()}, abs=1e-9)  # both orders of a pair


def test_sampled_betweenness_is_close_to_exact():
    G = _named(nx.barabasi_albert_graph(600, 3, seed=1))
    exact, sampled = betweenness(G), betweenness(G, k=200)
    top = max(exact.values())
    assert max(abs(exact[n] - sampled[n]) for n in G) < 0.1 * top
    exact_rank = sorted(G, key=exact.get, reverse=True)
    sampled_rank = sorted(G, key=sampled.get, reverse=True)
    assert sampled_rank[:3] == exact_rank[:3]


def test_sample_is_reproducible_whatever_the_node_order():
    G = _named(nx.barabasi_albert_graph(300, 3, seed=1))
    shuffled = nx.Graph()
    nodes = list(G)
    random.Random(3).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(G.edges)
    first = betweenness(G, k=50)
    assert first == betweenness(shuffled, k=50)
    assert first != betweenness(G, k=50, seed=7)


def test_exact_below_the_threshold_sampled_above():
    assert betweenness_sources(EXACT_BELOW - 1, 10_000) is None
    assert len(betweenness_sources(EXACT_BELOW, 10_000)) == 500
    assert len(betweenness_sources(100_000, 1_000_000)) == 54       # capped by the work
    assert len(betweenness_sources(1_000_000, 10_000_000)) == 32    # never fewer than 32


# --- eigenvector -----------------------------------------------------------------------------------

@pytest.mark.parametrize("graph", [nx.les_miserables_graph(), nx.barabasi_albert_graph(600, 3, seed=2)])
def test_eigenvector_equals_networkx_on_a_connected_graph(graph):
    G = graph.copy()
    rng = random.Random(2)
    nx.set_edge_attributes(G, {e: rng.randint(1, 9) for e in G.edges}, "weight")
    ours, theirs = eigenvector(G), nx.eigenvector_centrality(G, weight="weight", max_iter=1000, tol=1e-10)
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_eigenvector_on_disconnected_and_degenerate_graphs():
    G = nx.disjoint_union(nx.star_graph(4), nx.path_graph(2))
    G.add_node("alone")
    x = eigenvector(G)
    assert x["alone"] == 0.0
    assert x[0] == max(x.values())                         # the star's hub
    assert sum(v * v for v in x.values()) == pytest.approx(1.0)
    star = nx.eigenvector_centrality(nx.star_graph(4), tol=1e-10)
    assert [x[i] for i in range(5)] == pytest.approx([v * (5 / 7) ** 0.5 for v in star.values()], abs=1e-6)
    assert eigenvector(nx.Graph()) == {}
    assert eigenvector(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


# --- the maps' measures ------------------------------------------------------------------------------

def test_pagerank_and_degree_equal_networkx():
    G = nx.les_miserables_graph()
    values, method = node_centrality(G, "pagerank")
    assert method == "PageRank (weighted)"
    assert values == pytest.approx(nx.pagerank(G, weight="weight", tol=1e-12), abs=1e-8)
    values, _ = node_centrality(G, "degree")
    assert values == pytest.approx(nx.degree_centrality(G))


def test_unknown_measure():
    with pytest.raises(ValueError, match="betweenness, degree"):
        node_centrality(nx.path_graph(3), "fame")


# --- one implementation: analyses and maps agree -----------------------------------------------------

def test_map_sizes_and_brokers_use_the_same_betweenness(demo):
    A = agency_network(holdings(demo))
    nodes = sorted(A)
    eu, ev, w = edge_arrays(A, nodes, "weight")
    values, method = centrality_arrays(len(nodes), eu, ev, w, "betweenness")
    by_id = {r["agency_id"]: r["betweenness"] for r in section(brokers(demo), "agency")}
    assert method == "betweenness (exact, unweighted)"
    assert {entity_id(n): round(float(v), 6) for n, v in zip(nodes, values)} == by_id
    eigen, _ = centrality_arrays(len(nodes), eu, ev, w, "eigenvector")
    by_id = {r["agency_id"]: r["eigenvector"] for r in section(brokers(demo), "agency")}
    assert {entity_id(n): round(float(v), 6) for n, v in zip(nodes, eigen)} == by_id


def test_sampled_map_sizes_and_brokers_agree():
    G = _named(nx.barabasi_albert_graph(EXACT_BELOW + 50, 2, seed=8))
    nodes = sorted(G)
    eu, ev, w = edge_arrays(G, nodes, "weight")
    values, method = centrality_arrays(len(nodes), eu, ev, w, "betweenness")
    assert method == "betweenness (unweighted, estimated from 500 sampled nodes, seed 0)"
    assert dict(zip(nodes, values.tolist())) == betweenness(G)


def test_the_agency_map_sizes_its_nodes_by_broker_betweenness(demo):
    m = build_map(demo, "agencies", size_by="betweenness", findings=False)
    sizes = m.payload["nodes"]["s"]
    top_broker = section(brokers(demo), "agency")[0]["agency_id"]
    ids = [entity_id(n) for n in sorted(agency_network(holdings(demo)))]
    assert ids[int(np.argmax(sizes))] == top_broker
