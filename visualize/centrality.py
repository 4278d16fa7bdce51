"""Node size on the maps: a centrality of the drawn graph, fast enough for a national map.

``size_by`` names the measure: ``betweenness`` (default), ``degree``, ``pagerank``,
``eigenvector`` or ``none``. Betweenness is Brandes' algorithm written as sparse-matrix
products over a batch of source nodes at once (breadth-first levels forward, dependencies
backward), unweighted and normalised exactly as :func:`networkx.betweenness_centrality`; it is
exact up to :data:`EXACT_BELOW` nodes and, above, estimated from :data:`SAMPLES` source nodes
chosen with a fixed seed (the page says so in its legend). NetworkX took 3.6 s for 100 sampled
sources at 5,000 nodes here; this takes a fraction of a second.

Example
-------
>>> import networkx as nx
>>> from abegraph.visualize.centrality import betweenness, node_centrality
>>> G = nx.karate_club_graph()
>>> fast = betweenness(G)
>>> exact = nx.betweenness_centrality(G)
>>> max(abs(fast[n] - exact[n]) for n in G) < 1e-9
True
>>> values, method = node_centrality(nx.star_graph(3), "degree")
>>> values[0], method
(1.0, 'degree centrality')
"""
from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["node_centrality", "centrality_arrays", "betweenness", "betweenness_arrays", "SIZE_BY",
           "EXACT_BELOW", "SAMPLES", "WORK"]

#: the measures ``size_by`` accepts
SIZE_BY = ("betweenness", "degree", "pagerank", "eigenvector", "none")
#: exact betweenness below this many nodes
EXACT_BELOW = 2_000
#: sampled sources at or above :data:`EXACT_BELOW` (fewer on very large graphs: see
#: :data:`WORK`)
SAMPLES = 256
#: above :data:`EXACT_BELOW`, at most this many (sources × (nodes + edges)), at least 32 sources
WORK = 8_000_000
_BATCH = 64


def betweenness(G: nx.Graph, *, k: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Normalised, unweighted betweenness of an undirected view of ``G``.

    Parameters
    ----------
    G : networkx graph
        Directions and parallel edges are ignored.
    k : int, optional
        Number of source nodes to sample (all when ``None`` or ``k >= n``); the estimate is
        scaled by ``n / k`` as NetworkX does.
    seed : int
        Seed of the sample.

    Returns
    -------
    dict
        ``node -> betweenness`` in ``[0, 1]``.
    """
    import numpy as np

    nodes = sorted(G, key=lambda n: (type(n).__name__, str(n)))
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v})
    eu = np.array([p[0] for p in pairs], dtype=np.int64)
    ev = np.array([p[1] for p in pairs], dtype=np.int64)
    values = betweenness_arrays(len(nodes), eu, ev, k=k, seed=seed)
    return {node: float(value) for node, value in zip(nodes, values)}


def betweenness_arrays(n: int, eu, ev, *, k: int | None = None, seed: int = 0):
    """:func:`betweenness` of the graph on nodes ``0..n-1`` with undirected edges ``eu[i]–ev[i]``
    (each pair once, no loops), as an array."""
    import numpy as np
    from scipy.sparse import coo_matrix

    if n < 3:
        return np.zeros(n)
    rows, cols = np.concatenate([eu, ev]), np.concatenate([ev, eu])
    A = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    if k is None or k >= n:
        sources = np.arange(n)
    else:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    total = np.zeros(n)
    for start in range(0, len(sources), _BATCH):
        batch = sources[start:start + _BATCH]
        b = len(batch)
        sigma = np.zeros((n, b))
        sigma[batch, np.arange(b)] = 1.0
        seen = sigma > 0
        frontier = sigma.copy()
        levels = [seen.copy()]
        while True:
            reached = A @ frontier
            reached[seen] = 0.0
            new = reached > 0
            if not new.any():
                break
            seen |= new
            sigma += reached
            frontier = reached
            levels.append(new)
        delta = np.zeros((n, b))
        safe = np.where(sigma > 0, sigma, 1.0)
        for depth in range(len(levels) - 1, 0, -1):
            share = np.where(levels[depth], (1.0 + delta) / safe, 0.0)
            delta += np.where(levels[depth - 1], (A @ share) * sigma, 0.0)
        delta[batch, np.arange(b)] = 0.0
        total += delta.sum(axis=1)
    return total * (1.0 / ((n - 1) * (n - 2)) * (n / len(sources)))


def _adjacency(n: int, eu, ev, w=None):
    import numpy as np
    from scipy.sparse import coo_matrix

    data = np.ones(len(eu)) if w is None else np.asarray(w, dtype=float)
    return coo_matrix((np.concatenate([data, data]), (np.concatenate([eu, ev]), np.concatenate([ev, eu]))),
                      shape=(n, n)).tocsr()


def _pagerank(n: int, eu, ev, w, alpha: float = 0.85, tol: float = 1e-10):
    import numpy as np

    A = _adjacency(n, eu, ev, w)
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    x = np.full(n, 1.0 / n)
    for _ in range(200):
        new = alpha * (A.T @ (x * inv) + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - x).sum() < n * tol:
            return new
        x = new
    return x


def _eigenvector(n: int, eu, ev, w):
    """Weighted eigenvector centrality per connected component (L2 norm 1 in each), scaled by
    the component's share of the nodes so that a small component does not outshine a big one."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    A = _adjacency(n, eu, ev, w)
    count, labels = connected_components(A, directed=False)
    values = np.zeros(n)
    for c in range(count):
        members = np.flatnonzero(labels == c)
        if len(members) < 3:
            continue
        sub = A[members][:, members]
        x = np.ones(len(members)) / np.sqrt(len(members))
        for _ in range(500):  # power iteration on A + I (same vectors, converges on bipartite parts)
            new = sub @ x + x
            new /= np.linalg.norm(new)
            if np.abs(new - x).max() < 1e-9:
                break
            x = new
        values[members] = x * len(members) / n
    return values


def centrality_arrays(n: int, eu, ev, w, size_by: str = "betweenness", *, seed: int = 0):
    """:func:`node_centrality` on arrays (nodes ``0..n-1``, each undirected pair once, with
    weights ``w``): ``(values, method)``."""
    import numpy as np

    if size_by not in SIZE_BY:
        raise ValueError(f"no node size measure {size_by!r}; choose one of: {', '.join(SIZE_BY)}")
    if size_by == "none" or n == 0:
        return np.zeros(n), "equal sizes"
    if size_by == "degree":
        degree = np.bincount(eu, minlength=n) + np.bincount(ev, minlength=n)
        return degree / max(n - 1, 1), "degree centrality"
    if size_by == "pagerank":
        return _pagerank(n, eu, ev, w), "PageRank (weighted)"
    if size_by == "eigenvector":
        return _eigenvector(n, eu, ev, w), "eigenvector centrality (weighted, per component)"
    if n < EXACT_BELOW:
        return betweenness_arrays(n, eu, ev), "betweenness (exact, unweighted)"
    k = max(32, min(SAMPLES, WORK // (n + len(eu))))
    return (betweenness_arrays(n, eu, ev, k=k, seed=seed),
            f"betweenness (unweighted, estimated from {k} sampled nodes, seed {seed})")


def node_centrality(G: nx.Graph, size_by: str = "betweenness", *,
                    seed: int = 0) -> tuple[dict[Hashable, float], str]:
    """The measure ``size_by`` for every node of ``G``, and a line saying how it was computed.

    Directions and parallel edges are ignored; ``pagerank`` and ``eigenvector`` use the edges'
    ``weight`` (1 when missing).

    Raises
    ------
    ValueError
        When ``size_by`` is not one of :data:`SIZE_BY`.
    """
    from .layout import edge_arrays

    nodes = sorted(G, key=lambda n: (type(n).__name__, str(n)))
    eu, ev, w = edge_arrays(G, nodes, "weight")
    values, method = centrality_arrays(len(nodes), eu, ev, w, size_by, seed=seed)
    return {node: float(v) for node, v in zip(nodes, values)}, method
