"""Seeded layouts computed in Python, so the browser draws a settled map at once.

The page never runs vis-network's physics: positions come from here, the same for the same
graph and seed on every run.

* Each connected component is laid out on its own, then the components are packed in rows,
  largest first, and the single nodes in a compact block after them.
* A component starts from **Pivot MDS** (Brandes & Pich): breadth-first distances from a few
  pivot nodes, then classical scaling, which gives the global shape in ``O(pivots × edges)``.
* **Fruchterman–Reingold** iterations then refine it: every pair repels below
  :data:`DENSE_MAX` nodes; above, each node is repelled by its :data:`NEIGHBOURS` nearest nodes
  within twice the ideal edge length (a k-d tree query, FR's own "grid" variant with a bounded
  neighbour count), so a 5,000-node component takes well under a second.
* :func:`grouped_layout` places groups (districts, coalitions ...) as discs that do not overlap,
  and each group's members inside its disc, so a group expands in place on the map.

Coordinates are in the page's pixel units: :data:`SPACING` per ideal edge length.

References
----------
.. [1] U. Brandes and C. Pich, "Eigensolver methods for progressive multidimensional scaling
   of large data", Graph Drawing 2006.
.. [2] T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement",
   Software: Practice and Experience 21(11), 1991.

Example
-------
>>> import networkx as nx
>>> from abegraph.visualize.layout import seeded_layout
>>> G = nx.path_graph(5)
>>> pos = seeded_layout(G, seed=1)
>>> sorted(pos) == list(G) and pos == seeded_layout(G, seed=1)
True
>>> round(abs(pos[0][0] - pos[4][0]) + abs(pos[0][1] - pos[4][1])) > 3 * 100
True
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import networkx as nx

__all__ = ["seeded_layout", "grouped_layout", "edge_arrays", "layout_arrays", "grouped_arrays", "SPACING",
           "DENSE_MAX", "NEIGHBOURS", "RELAX_GROUPS"]

#: page units (pixels at zoom 1) per ideal edge length
SPACING = 110.0
#: components up to this many nodes use exact all-pairs repulsion
DENSE_MAX = 400
#: nearest nodes that repel each node in larger components
NEIGHBOURS = 20
#: groups' members are relaxed by force-directed steps up to this many groups (else: spiral only)
RELAX_GROUPS = 250
_PIVOTS = 40


def _np():
    import numpy as np

    return np


def _order(nodes) -> list:
    """Nodes in a stable order whatever the insertion order (strings sort; others by repr)."""
    return sorted(nodes, key=lambda n: (type(n).__name__, str(n)))


def edge_arrays(G: nx.Graph, nodes: list, weight: str | None = "weight"):
    """``(eu, ev, w)``: each linked pair of ``G`` once (``eu < ev``, indices into ``nodes``, sorted),
    with the summed ``weight`` of its edges (1 each when ``weight`` is ``None``)."""
    np = _np()
    index = {n: i for i, n in enumerate(nodes)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, data in G.edges(data=True):
        a, b = index[u], index[v]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        w = float(data.get(weight, 1) or 1) if weight else 1.0
        pairs[key] = pairs.get(key, 0.0) + w
    keys = sorted(pairs)
    eu = np.array([k[0] for k in keys], dtype=np.int64)
    ev = np.array([k[1] for k in keys], dtype=np.int64)
    w = np.array([pairs[k] for k in keys], dtype=float)
    return eu, ev, w


def _components(n: int, eu, ev):
    """Connected components as index arrays (largest first, then by first node), with each
    one's edges, renumbered to ``0..len-1``."""
    np = _np()
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    A = coo_matrix((np.ones(len(eu)), (eu, ev)), shape=(n, n))
    _, labels = connected_components(A, directed=False)
    order = np.argsort(labels, kind="stable")
    starts = np.flatnonzero(np.diff(labels[order], prepend=-1))
    nodes = np.split(order, starts[1:])
    local = np.empty(n, dtype=np.int64)
    for c in nodes:
        local[c] = np.arange(len(c))
    edge_order = np.argsort(labels[eu], kind="stable")
    edge_starts = np.searchsorted(labels[eu][edge_order], np.arange(len(nodes)))
    edge_groups = np.split(edge_order, edge_starts[1:])
    found = [(c, local[eu[e]], local[ev[e]], e) for c, e in zip(nodes, edge_groups)]
    return sorted(found, key=lambda f: (-len(f[0]), int(f[0][0])))


def _pivot_mds(n: int, eu, ev):
    """2-D Pivot MDS of a connected graph given by edge arrays (nodes ``0..n-1``)."""
    np = _np()
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import shortest_path

    A = coo_matrix((np.ones(len(eu)), (eu, ev)), shape=(n, n)).tocsr()
    degree = np.bincount(np.concatenate([eu, ev]), minlength=n)
    k = min(_PIVOTS, n)
    pivots = [int(np.argmax(degree))]
    rows = [shortest_path(A, directed=False, unweighted=True, indices=pivots[0])]
    nearest = rows[0].copy()
    while len(pivots) < k:
        candidate = int(np.argmax(nearest))
        if nearest[candidate] <= 0:
            break
        pivots.append(candidate)
        rows.append(shortest_path(A, directed=False, unweighted=True, indices=candidate))
        nearest = np.minimum(nearest, rows[-1])
    D = np.vstack(rows).T  # n x k
    D[~np.isfinite(D)] = D[np.isfinite(D)].max() + 1
    D2 = D ** 2
    C = -0.5 * (D2 - D2.mean(axis=0) - D2.mean(axis=1)[:, None] + D2.mean())
    if C.shape[1] < 2:
        return np.column_stack([D[:, 0], np.zeros(n)])
    # the top two right singular vectors of C, from the small k x k matrix CᵀC; einsum keeps
    # this off the multithreaded BLAS, which is slow for such thin matrices on small machines
    _, V = np.linalg.eigh(np.einsum("ij,ik->jk", C, C))
    X = np.einsum("ij,jk->ik", C, V[:, ::-1][:, :2])
    for axis in range(2):  # a stable sign: the largest coordinate is positive
        if X[np.argmax(np.abs(X[:, axis])), axis] < 0:
            X[:, axis] *= -1
    return X


def _spread(X, rng):
    """Rescale to the area ``n`` ideal edge lengths squared; coincident nodes get a small,
    seeded jitter, then coordinates are replaced by their ranks blended with their values,
    which unclumps structurally equal nodes (the leaves of one hub) without losing the shape."""
    np = _np()
    n = len(X)
    side = math.sqrt(n) * 1.6
    X = X - X.mean(axis=0)
    span = np.ptp(X, axis=0)
    span[span == 0] = 1.0
    X = X / span * side + rng.normal(0.0, 0.05, size=X.shape)
    ranks = np.argsort(np.argsort(X, axis=0), axis=0) / max(n - 1, 1) * side - side / 2
    return 0.5 * X + 0.5 * ranks


def _fruchterman_reingold(X, eu, ev, w, iterations: int, dense: bool, *, gravity: float = 0.0,
                          heat: float = 0.12):
    """``iterations`` FR steps from ``X`` (ideal edge length 1); ``gravity`` pulls every node
    towards the origin (so that nodes without edges stay near), ``heat`` sets the first step's
    length as a share of the layout's side."""
    np = _np()
    n = len(X)
    x, y = X[:, 0].copy(), X[:, 1].copy()
    attraction = 1.0 + np.log(np.maximum(w, 1.0))
    t = max(0.5 if heat >= 0.12 else 0.1, math.sqrt(n) * heat)
    cool = t / (iterations + 1)
    itself = np.arange(n)[:, None]
    for step in range(iterations):
        if dense:
            dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
            d2 = np.maximum(dx * dx + dy * dy, 1e-4)
            np.fill_diagonal(d2, np.inf)
        else:
            if step % 5 == 0:  # nodes move little between two queries: reuse the neighbours
                from scipy.spatial import cKDTree

                _, idx = cKDTree(np.column_stack([x, y])).query(
                    np.column_stack([x, y]), k=min(NEIGHBOURS + 1, n), distance_upper_bound=2.5)
                idx = np.where(idx < n, idx, itself)
                far = idx == itself
            dx, dy = x[:, None] - x[idx], y[:, None] - y[idx]
            d2 = dx * dx + dy * dy
            d2 = np.where(far | (d2 >= 4.0), np.inf, np.maximum(d2, 1e-4))
        inv = 1.0 / d2
        fx, fy = (dx * inv).sum(axis=1), (dy * inv).sum(axis=1)
        if len(eu):
            ex, ey = x[eu] - x[ev], y[eu] - y[ev]
            pull = np.sqrt(ex * ex + ey * ey) * attraction
            ex, ey = ex * pull, ey * pull
            fx -= np.bincount(eu, ex, n) - np.bincount(ev, ex, n)
            fy -= np.bincount(eu, ey, n) - np.bincount(ev, ey, n)
        if gravity:
            fx, fy = fx - gravity * x, fy - gravity * y
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step_length = np.minimum(length, t) / length
        x, y = x + fx * step_length, y + fy * step_length
        t -= cool
    return np.column_stack([x, y])


def _component(n: int, eu, ev, w, rng):
    np = _np()
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    X = _spread(_pivot_mds(n, eu, ev), rng)
    dense = n <= DENSE_MAX
    X = _fruchterman_reingold(X, eu, ev, w, 120 if n <= 150 else (80 if dense else 40), dense)
    # one unit = the median distance from a node to its nearest neighbour, so that a dense
    # cluster is spread as far as a chain (median edge lengths would pack it too tight)
    from scipy.spatial import cKDTree

    nearest, _ = cKDTree(X).query(X, k=2)
    X = X / max(float(np.median(nearest[:, 1])), 1e-6)
    return X - (X.max(axis=0) + X.min(axis=0)) / 2


def _pack(blocks: list):
    """Shelf-pack centred blocks (arrays of points), in the given order; returns the offsets."""
    np = _np()
    margin = 1.5
    sizes = [np.ptp(b, axis=0) + margin if len(b) > 1 else np.array([margin, margin]) for b in blocks]
    area = sum(float(s[0] * s[1]) for s in sizes)
    width = max(max(float(s[0]) for s in sizes), math.sqrt(area * 1.8))  # a landscape page
    offsets, x, y, row = [], 0.0, 0.0, 0.0
    for size in sizes:
        if x > 0 and x + size[0] > width:
            x, y, row = 0.0, y + row, 0.0
        offsets.append(np.array([x + size[0] / 2, y + size[1] / 2]))
        x += float(size[0])
        row = max(row, float(size[1]))
    return offsets


def layout_arrays(n: int, eu, ev, w, rng):
    """Unit-length layout of nodes ``0..n-1`` (edges from :func:`edge_arrays`, a NumPy
    ``Generator``): components laid out, then packed. Returns an ``n x 2`` array."""
    np = _np()
    X = np.zeros((n, 2))
    if n == 0:
        return X
    singles, blocks, members = [], [], []
    for c, cu, cv, e in _components(n, eu, ev):
        if len(c) == 1:
            singles.append(int(c[0]))
        else:
            blocks.append(_component(len(c), cu, cv, w[e], rng))
            members.append(c)
    if singles:  # a compact block of dots (their names show on hover or once zoomed in)
        cols = max(1, math.ceil(math.sqrt(len(singles) * 1.5)))
        grid = np.array([[(i % cols) * 0.6, (i // cols) * 0.6] for i in range(len(singles))])
        blocks.append(grid - (grid.max(axis=0) + grid.min(axis=0)) / 2)
        members.append(np.array(singles))
    for block, local, offset in zip(blocks, members, _pack(blocks)):
        X[local] = block + offset
    return X - (X.max(axis=0) + X.min(axis=0)) / 2


def seeded_layout(G: nx.Graph, *, seed: int = 0, weight: str | None = "weight",
                  scale: float = SPACING) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, deterministic for a given graph and ``seed``.

    Parameters
    ----------
    G : networkx graph
        Directions and parallel edges are ignored.
    seed : int
        Seed of the small jitter that separates coincident nodes.
    weight : str or None
        Edge attribute whose logarithm strengthens the pull of an edge (``None``: all equal).
    scale : float
        Page units per ideal edge length.

    Returns
    -------
    dict
        ``node -> (x, y)``, rounded to 0.1.
    """
    np = _np()
    nodes = _order(G)
    eu, ev, w = edge_arrays(G, nodes, weight)
    X = layout_arrays(len(nodes), eu, ev, w, np.random.default_rng(seed)) * scale
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, X)}


def _separate(C, radius, iterations: int = 60):
    """Push discs (centres ``C``, radii ``radius``) apart until they do not overlap."""
    np = _np()
    from scipy.spatial import cKDTree

    n = len(C)
    if n < 2:
        return C
    gap = 0.6
    for _ in range(iterations):
        k = min(24, n)
        dist, idx = cKDTree(C).query(C, k=k)
        need = radius[:, None] + radius[idx] + gap
        overlap = np.maximum(need - dist, 0.0)
        overlap[:, 0] = 0.0
        if not overlap.any():
            break
        delta = C[:, None, :] - C[idx]
        norm = np.maximum(dist, 1e-6)[:, :, None]
        push = (delta / norm * overlap[:, :, None] * 0.5).sum(axis=1)
        C = C + push
    return C


def _sunflower(n: int, eu, ev):
    """Nodes on a sunflower spiral (unit spacing) in breadth-first order from the best
    connected node, so that neighbours sit close together and hubs in the middle."""
    np = _np()
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(eu.tolist(), ev.tolist()):
        adjacency[a].append(b)
        adjacency[b].append(a)
    by_degree = sorted(range(n), key=lambda i: (-len(adjacency[i]), i))
    seen, order = [False] * n, []
    for start in by_degree:
        if seen[start]:
            continue
        seen[start] = True
        queue = [start]
        while queue:
            order.extend(queue)
            nxt = []
            for a in queue:
                for b in sorted(adjacency[a]):
                    if not seen[b]:
                        seen[b] = True
                        nxt.append(b)
            queue = nxt
    rank = np.empty(n)
    rank[np.array(order, dtype=np.int64)] = np.arange(n)
    radius = 0.62 * np.sqrt(rank + 0.5)
    angle = rank * 2.399963229728653  # the golden angle
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _local_layout(n: int, eu, ev, w, relax: bool = True):
    """A group's members around ``(0, 0)``: the sunflower, relaxed by a few FR steps."""
    X = _sunflower(n, eu, ev)
    if relax and n > 2 and len(eu) and n <= 4 * DENSE_MAX:
        X = _fruchterman_reingold(X, eu, ev, w, 25, n <= DENSE_MAX, gravity=0.08, heat=0.05)
    return X - X.mean(axis=0) if n else X


def grouped_arrays(n: int, eu, ev, w, g, groups: int, rng, *, relax: bool = True):
    """Core of :func:`grouped_layout` on arrays: ``g[i]`` is node ``i``'s group (``0..groups-1``).

    Returns ``(centres, radius, positions)`` in unit lengths (``groups x 2``, ``groups``, ``n x 2``).
    """
    np = _np()
    size = np.bincount(g, minlength=groups)
    cross = g[eu] != g[ev]
    gu, gv = np.minimum(g[eu][cross], g[ev][cross]), np.maximum(g[eu][cross], g[ev][cross])
    pair, count = np.unique(gu * groups + gv, return_counts=True)
    radius = 0.75 * np.sqrt(size) + 0.5
    C = layout_arrays(groups, pair // groups, pair % groups, count.astype(float), rng)
    C = _separate(C * max(1.0, float(np.median(radius)) * 2.2), radius)
    inside = ~cross
    order = np.argsort(g, kind="stable")
    member_lists = np.split(order, np.cumsum(size)[:-1])
    local = np.empty(n, dtype=np.int64)
    for members in member_lists:
        local[members] = np.arange(len(members))
    iu, iv, iw = eu[inside], ev[inside], w[inside]
    edge_order = np.argsort(g[iu], kind="stable")
    edge_lists = np.split(edge_order, np.cumsum(np.bincount(g[iu], minlength=groups))[:-1])
    P = np.zeros((n, 2))
    for i in range(groups):
        members, e = member_lists[i], edge_lists[i]
        X = _local_layout(len(members), local[iu[e]], local[iv[e]], iw[e], relax)
        reach = float(np.sqrt((X ** 2).sum(axis=1)).max()) if len(members) > 1 else 0.0
        if reach > radius[i]:
            X = X * (radius[i] / reach)
        P[members] = X + C[i]
    return C, radius, P


def grouped_layout(G: nx.Graph, groups: Mapping[Hashable, Hashable], *, seed: int = 0,
                   weight: str | None = "weight", scale: float = SPACING):
    """Lay out groups as discs that do not overlap, and each group's members inside its disc.

    The groups are laid out like nodes of the graph of groups (an edge where any of their
    members are linked); members are placed on a sunflower spiral in breadth-first order,
    relaxed by a few force-directed steps (when there are at most :data:`RELAX_GROUPS` groups),
    and scaled into their group's disc.

    Parameters
    ----------
    G : networkx graph
    groups : mapping
        ``node -> group key`` for every node of ``G``.

    Returns
    -------
    (centres, positions)
        ``centres``: ``group -> (x, y, radius)``; ``positions``: ``node -> (x, y)``, both in
        page units and rounded to 0.1.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.path_graph(3))
    >>> centres, pos = grouped_layout(G, {n: "a" if n < 4 else "b" for n in G})
    >>> sorted(centres), len(pos)
    (['a', 'b'], 7)
    """
    np = _np()
    nodes = _order(G)
    eu, ev, w = edge_arrays(G, nodes, weight)
    keys = _order(set(groups.values()))
    key_index = {k: i for i, k in enumerate(keys)}
    g = np.array([key_index[groups[n]] for n in nodes], dtype=np.int64)
    C, radius, P = grouped_arrays(len(nodes), eu, ev, w, g, len(keys), np.random.default_rng(seed),
                                  relax=len(keys) <= RELAX_GROUPS)
    centres = {key: (round(float(C[i, 0]) * scale, 1), round(float(C[i, 1]) * scale, 1),
                     round(float(radius[i]) * scale, 1)) for i, key in enumerate(keys)}
    P = P * scale
    positions = {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, P)}
    return centres, positions
