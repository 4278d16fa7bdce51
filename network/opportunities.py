"""Opportunities: agencies that should meet, and resources an agency could draw on.

An agency **works on** an issue when an asset (resource or dataset) it holds or uses
(``abe:heldBy`` / ``abe:sharedWith``) addresses that issue directly. Its **reach** is what it
works on and every issue downstream of those through ``abe:causes`` links, at any depth: reach
is reported apart (``common_reach_ids``), never counted as sharing, since in a dense causal map
nearly every pair reaches nearly everything. It **serves** the target groups its assets name, and **covers**
the districts its assets cover (a district, or a subdistrict inside it; province-wide
coverage is left out, since every provincial agency would share it).

Ranking
-------
The *interest graph* (:func:`interest_graph`) is a bipartite graph: agencies on one side;
issues, target groups and districts on the other; an edge where an agency works on, serves or
covers it. :func:`candidate_pairs` scores two agencies ``u`` and ``v`` as

    score(u, v) = AA(u, v) + 0.25 × |D(u) △ D(v)|   (the second term only when AA(u, v) > 0)

where ``AA`` is the Adamic–Adar index on the interest graph
(:func:`networkx.adamic_adar_index`: the sum, over every issue, target group and district
both agencies share, of 1 / log(number of agencies that share it), so a rare common interest
counts more than one every agency has), and ``D`` is the set of dimensions of the assets an
agency holds: ``|D(u) △ D(v)|`` counts the dimensions one holds and the other lacks (0–4,
:data:`COMPLEMENT_WEIGHT` = 0.25 each). Only pairs with at least one common interest that do
not yet hold or use any asset together are candidates; they are ranked by score, then by ids.

A resource or dataset ``x`` is suggested to agency ``a`` when another agency holds ``x``,
``a`` neither holds nor uses it, and ``x`` addresses an issue that ``a``'s own assets address
(1 point per such issue) or a direct cause of one (0.5 point per issue reached only that
way); 0.5 more when ``x`` is of a dimension in which ``a`` holds nothing. Each agency keeps
its ``per_agency`` best (by score, then asset id); all are then ranked by score, then by
agency and asset id. The reason names the path agency → its asset → issue ← [cause ←] ``x``.

Scale
-----
:func:`candidate_pairs` and :func:`resource_suggestions` score one pair or one agency at a
time: the reference. Above :data:`NUMPY_ABOVE` agencies (or with ``method="numpy"``),
:func:`opportunities` finds the best candidates in blocks of numpy matrix products (interests
× weighted interests for the pairs; the agency's issues × the issues each asset addresses,
directly or through a cause, for the suggestions) and ranks them with the same exact scores,
so both give the same rows (tested on the demo and on seeded random networks). With 10
synthetic provinces (807 agencies, 6,700 assets) that takes about 2 s instead of 4 minutes;
with 77 (6,437 agencies, 53,000 assets), about half a minute.

Rows
----
Every row is a plain ``dict`` whose first key is ``section``: ``pair`` rows, then
``suggestion`` rows. Names are in ``lang``; ``reason`` is English and ``reason_th`` Thai,
whatever ``lang`` is; both name the path behind the row.

``pair`` -- agency pairs that share no asset yet, best first (at most ``limit``).

=======================  =====================================================================
key                      meaning
=======================  =====================================================================
section                  ``"pair"``
rank                     1, 2, ...
agency_a_id, agency_a    the first agency (smaller id) and its name
agency_b_id, agency_b    the second agency and its name
score                    the ranking score above (4 decimals)
adamic_adar              its Adamic–Adar part (4 decimals)
jaccard                  Jaccard coefficient of their interests, for reference (4 decimals)
common_issue_ids         issues and causes both address directly, rarest first
common_reach_ids         other issues both reach through causes (by id); the reason names
                         them only when the pair has no issue in common
common_target_group_ids  target group keys both serve
common_district_ids      DOPA codes of districts both cover
complementary            dimension keys one holds and the other lacks
issue_id, issue          the common issue the reason names (the rarest), or None
path_ids                 that path as ids: ``A → asset → issue ← asset ← B``
path                     the same path by name (in ``lang``)
reason, reason_th        the suggestion in plain English / Thai
=======================  =====================================================================

``suggestion`` -- agency → resource suggestions, best first (at most ``limit`` in all and
``per_agency`` per agency).

=======================  =====================================================================
key                      meaning
=======================  =====================================================================
section                  ``"suggestion"``
rank                     1, 2, ...
agency_id, agency        the agency the suggestion is for
asset_id, asset          the suggested resource or dataset
kind                     ``"resource"`` or ``"dataset"``
dimension                its dimension key
holder_ids, holders      the agencies that hold it
issue_id, issue          the agency's issue on the path the reason names
cause_id, cause          the cause of that issue the asset addresses (None when it addresses
                         the issue itself)
via_asset_id, via_asset  the agency's own asset that makes it work on the issue
issue_ids                every issue of the agency the asset reaches
score                    the suggestion score above
path_ids                 the path as ids: ``agency → its asset → issue ← [cause ←] asset``
path                     the same path by name (in ``lang``)
reason, reason_th        the suggestion in plain English / Thai
=======================  =====================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.opportunities import opportunities
>>> rows = opportunities(read_network(demo_store), limit=5)
>>> [r["section"] for r in rows].count("pair")
5
>>> all(r["reason"] and r["reason_th"] for r in rows)
True
"""
from __future__ import annotations

from itertools import islice
from math import log

import networkx as nx
from scipy import sparse

from abegraph.exceptions import NotFound
from abegraph.network.gaps import DIMENSIONS, join_names, node_key, plural, vocabulary_label
from abegraph.network.projections import ASSET_KINDS, causal_graph, entity_id, label, once, relations
from abegraph.ontology.iris import VOCAB_IRI

__all__ = ["opportunities", "candidate_pairs", "resource_suggestions", "interest_graph",
           "COMPLEMENT_WEIGHT", "NUMPY_ABOVE"]

#: score added per dimension one agency of a pair holds and the other lacks
COMPLEMENT_WEIGHT = 0.25
#: above this many agencies, ``method="auto"`` scores candidates with numpy
NUMPY_ABOVE = 300
#: suggestion points: issue addressed directly, issue reached through a direct cause, new dimension
_DIRECT, _THROUGH_CAUSE, _NEW_DIMENSION = 1.0, 0.5, 0.5
_TARGET_GROUP = f"{VOCAB_IRI}target-group/"


_key = node_key


class _Network:
    """Who holds, uses and addresses what; what each agency works on, and through which asset."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        C = causal_graph(G)
        self.agencies = sorted((n for n, k in G.nodes(data="kind") if k == "agency"), key=_key)
        self.held: dict[str, set[str]] = {a: set() for a in self.agencies}
        self.used: dict[str, set[str]] = {a: set() for a in self.agencies}
        self.holders: dict[str, set[str]] = {}
        self.addresses: dict[str, set[str]] = {}
        self.addressed_by: dict[str, set[str]] = {}
        covers: dict[str, set[str]] = {}
        R = relations(G)
        for asset, agency in R.between("held_by", ASSET_KINDS, "agency"):
            self.used[agency].add(asset)
            self.held[agency].add(asset)
            self.holders.setdefault(asset, set()).add(agency)
        for asset, agency in R.between("shared_with", ASSET_KINDS, "agency"):
            self.used[agency].add(asset)
        for asset, issue in R.between("addresses", ASSET_KINDS, "issue"):
            self.addresses.setdefault(asset, set()).add(issue)
            self.addressed_by.setdefault(issue, set()).add(asset)
        for asset, area in R.between("covers_area", ASSET_KINDS, "area"):
            covers.setdefault(asset, set()).add(area)
        self.causes_of = {n: set(C.predecessors(n)) for n in C}
        self.effects_of = {n: set(C.successors(n)) for n in C}
        districts = _districts_of(G)
        # works[a][issue] = the first asset (by id) of a's that addresses the issue
        self.works: dict[str, dict[str, str]] = {}
        self.reach: dict[str, set[str]] = {}
        downstream = {n: nx.descendants(C, n) for n in C}
        self.groups: dict[str, set[str]] = {}
        self.districts: dict[str, set[str]] = {}
        for a in self.agencies:
            works: dict[str, str] = {}
            for asset in sorted(self.used[a], key=_key):
                for issue in self.addresses.get(asset, ()):
                    works.setdefault(issue, asset)
            self.works[a] = works
            self.reach[a] = set(works).union(*(downstream.get(i, ()) for i in works))
            self.groups[a] = {_TARGET_GROUP + str(g) for x in self.used[a]
                              for g in G.nodes[x].get("target_groups") or ()}
            self.districts[a] = {d for x in self.used[a] for area in covers.get(x, ())
                                 for d in districts[area]}
        self.dims = {a: {G.nodes[x].get("dimension") for x in self.held[a]} - {None, ""}
                     for a in self.agencies}

    def shares(self, u: str, v: str) -> bool:
        return bool(self.used[u] & self.used[v])


def _districts_of(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """area node -> the district nodes it is or lies within (empty for a province)."""
    areas = {n: str(d.get("notation") or "") for n, d in G.nodes(data=True) if d.get("kind") == "area"}
    by_code = {code: n for n, code in areas.items() if len(code) == 4 and code.isdigit()}
    broader = nx.DiGraph((s, o) for s, o in relations(G).pairs("broader") if s in areas and o in areas)
    district_nodes = set(by_code.values())
    found = {}
    for n, code in areas.items():
        up = (nx.descendants(broader, n) if n in broader else set()) | {n}
        found[n] = up & district_nodes
        if len(code) > 4 and code[:4] in by_code:
            found[n].add(by_code[code[:4]])
    return found


def interest_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The bipartite agency–interest graph: an agency is linked to every issue it works on,
    every target group it serves and every district it covers.

    Agency nodes have ``interest="agency"``; the others ``"issue"``, ``"target_group"`` (node
    id: the vocabulary IRI of the group) or ``"district"`` (the area IRI).

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> I = interest_graph(read_network(demo_store))
    >>> eef = "https://w3id.org/abegraph/id/agency/EEF"
    >>> sorted(d for n, d in I.nodes(data="interest") if n in I[eef])[:1]
    ['district']
    """
    net = _Network(G)
    return _interest_graph(net)


def _interest_graph(net: _Network) -> nx.Graph:
    I = nx.Graph()
    I.add_nodes_from(net.agencies, interest="agency", bipartite=0)
    for a in net.agencies:
        for kind, nodes in (("issue", net.works[a]), ("target_group", net.groups[a]),
                            ("district", net.districts[a])):
            for node in sorted(nodes):
                I.add_node(node, interest=kind, bipartite=1)
                I.add_edge(a, node)
    return I


def candidate_pairs(G: nx.MultiDiGraph, ebunch=None):
    """Score agency pairs for collaboration: a lazy iterator of ``(u, v, score)``.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    ebunch : iterable of (agency, agency) pairs, optional
        The pairs to score, as node ids (IRIs). Default: every pair of agencies with at least
        one common interest that hold or use no asset together, in id order.

    Returns
    -------
    iterator of (u, v, score)
        ``score = AA(u, v) + 0.25 × |D(u) △ D(v)|``, the second term only when ``AA > 0``
        (see the module docstring).

    Raises
    ------
    NotFound
        If a node of ``ebunch`` is not an agency of ``G`` (checked before anything is scored).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a/A", "a/B", "a/C"], kind="agency")
    >>> G.add_node("i/I1", kind="issue")
    >>> G.add_node("r/R1", kind="resource", dimension="data")
    >>> G.add_node("r/R2", kind="resource", dimension="policy")
    >>> _ = G.add_edges_from([("r/R1", "a/A"), ("r/R2", "a/B")], relation="held_by")
    >>> _ = G.add_edges_from([("r/R1", "i/I1"), ("r/R2", "i/I1")], relation="addresses")
    >>> [(u, v, round(s, 3)) for u, v, s in candidate_pairs(G)]
    [('a/A', 'a/B', 1.943)]
    >>> next(candidate_pairs(G, [("a/A", "a/C")]))
    ('a/A', 'a/C', 0)
    >>> candidate_pairs(G, [("a/A", "x")])
    Traceback (most recent call last):
    ...
    abegraph.exceptions.NotFound: not an agency of the graph: 'x'
    """
    net = _Network(G)
    return _candidate_pairs(net, _interest_graph(net), ebunch)


def _candidate_pairs(net: _Network, I: nx.Graph, ebunch=None):
    if ebunch is None:
        pairs = set()
        for node, kind in I.nodes(data="interest"):
            if kind != "agency":
                members = sorted(I[node], key=_key)
                pairs.update((u, v) for i, u in enumerate(members) for v in members[i + 1:]
                             if not net.shares(u, v))
        ebunch = sorted(pairs, key=lambda p: (_key(p[0]), _key(p[1])))
    else:
        ebunch = list(ebunch)
        for node in {n for pair in ebunch for n in pair}:
            if node not in net.used:
                raise NotFound(f"not an agency of the graph: {node!r}",
                               thai=f"ไม่พบหน่วยงานนี้ในกราฟ: {node!r}")
    return ((u, v, _pair_score(net, I, u, v)) for u, v in ebunch)


def _pair_score(net: _Network, I: nx.Graph, u: str, v: str) -> float:
    aa = next(nx.adamic_adar_index(I, [(u, v)]))[2]
    return aa + COMPLEMENT_WEIGHT * len(net.dims[u] ^ net.dims[v]) if aa else 0


def resource_suggestions(G: nx.MultiDiGraph):
    """Resources an agency could draw on: a lazy iterator of ``(agency, asset, score)``.

    Agencies in id order, then assets in id order; the score is the one of the module
    docstring (0 is never yielded).

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> found = list(resource_suggestions(read_network(demo_store)))
    >>> all(s > 0 for _, _, s in found)
    True
    """
    net = _Network(G)
    return ((a, x, score) for a in net.agencies for x, score in _suggestions_for(net, a))


def _direct_issues(net: _Network, a: str) -> set[str]:
    """The issues an asset agency ``a`` holds or uses addresses itself."""
    return set(net.works[a])


def _suggestions_for(net: _Network, a: str):
    """(asset, score) for every asset agency ``a`` could draw on, in id order."""
    candidates = set()
    for issue in _direct_issues(net, a):
        candidates.update(net.addressed_by.get(issue, ()))
        for cause in net.causes_of.get(issue, ()):
            candidates.update(net.addressed_by.get(cause, ()))
    for x in sorted(candidates, key=_key):
        if x not in net.used[a] and net.holders.get(x):
            yield x, _suggestion_detail(net, a, x)["score"]


def _suggestion_detail(net: _Network, a: str, x: str) -> dict:
    """Why asset ``x`` suits agency ``a``: its score, the issue and cause the reason names."""
    addressed = net.addresses.get(x, set())
    mine = _direct_issues(net, a)
    direct = mine & addressed
    through = {}
    for issue in mine - direct:
        causes = net.causes_of.get(issue, set()) & addressed
        if causes:
            through[issue] = min(causes, key=_key)
    dim = net.G.nodes[x].get("dimension")
    new_dimension = bool(dim) and dim not in net.dims[a] and bool(direct or through)
    score = (_DIRECT * len(direct) + _THROUGH_CAUSE * len(through)
             + (_NEW_DIMENSION if new_dimension else 0))
    issues = sorted(direct | set(through), key=_key)
    issue = min(issues, key=lambda i: (i not in direct, _key(i))) if issues else None
    return {"score": score, "issue": issue, "cause": through.get(issue), "issues": issues,
            "holders": net.holders.get(x, set()) - {a}, "new_dimension": new_dimension}


def opportunities(G: nx.MultiDiGraph, *, lang: str = "en", limit: int | None = 20,
                  per_agency: int | None = 3, method: str = "auto") -> list[dict]:
    """Ranked agency pairs that share no asset yet, and resource suggestions per agency.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of the names; ``reason`` and ``reason_th`` are always both written.
    limit : int or None
        At most this many ``pair`` rows and this many ``suggestion`` rows (None: all).
    per_agency : int or None
        At most this many suggestions for one agency (None: no cap).
    method : ``"auto"``, ``"networkx"`` or ``"numpy"``
        How candidates are scored: one pair and one agency at a time (the reference), or in
        blocks of matrix products (the same answer, for thousands of agencies; needs numpy).
        ``"auto"`` uses numpy above :data:`NUMPY_ABOVE` agencies when numpy is installed.

    Returns
    -------
    list of dict
        Rows of sections ``pair`` and ``suggestion``; keys in the module docstring.

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> rows = opportunities(read_network(demo_store), limit=3)
    >>> top = rows[0]
    >>> top["agency_a_id"], top["agency_b_id"], top["issue_id"]
    ('ESAO-KK2', 'MSDHS-KK', 'C02')
    >>> opportunities(nx.MultiDiGraph())
    []
    """
    if method not in ("auto", "networkx", "numpy"):
        raise ValueError(f"method must be 'auto', 'networkx' or 'numpy', not {method!r}")
    net = once(G, "opportunities", lambda: _Network(G))
    I = once(G, "interests", lambda: _interest_graph(net))
    if method == "auto":
        method = "numpy" if len(net.agencies) > NUMPY_ABOVE and _has_numpy() else "networkx"
    pairs = once(G, ("pairs", method, limit), lambda: (
        _top_pairs_numpy if method == "numpy" else _top_pairs)(net, I, limit))
    rows = [_pair_row(net, I, u, v, s, lang, i) for i, (u, v, s) in enumerate(pairs, 1)]
    found = once(G, ("suggestions", method, limit, per_agency), lambda: (
        _top_suggestions_numpy if method == "numpy" else _top_suggestions)(net, limit, per_agency))
    rows += [_suggestion_row(net, a, x, _suggestion_detail(net, a, x), i, lang)
             for i, (a, x, _) in enumerate(found, 1)]
    return rows


def _top_pairs(net: _Network, I: nx.Graph, limit):
    scored = sorted((t for t in _candidate_pairs(net, I) if t[2] > 0),
                    key=lambda t: (-t[2], _key(t[0]), _key(t[1])))
    return scored[:limit]


def _top_suggestions(net: _Network, limit, per_agency):
    found = []
    for a in net.agencies:
        mine = sorted(_suggestions_for(net, a), key=lambda t: (-t[1], _key(t[0])))
        found += [(a, x, score) for x, score in mine[:per_agency]]
    found.sort(key=lambda t: (-t[2], _key(t[0]), _key(t[1])))
    return found[:limit]


# ------------------------------------------------------------------------------------------
# the same answer with numpy, in blocks of agencies: matrix products find the candidates, the
# exact scores of the reference functions rank them


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _rows_per_block(columns: int) -> int:
    return max(1, min(512, 2_000_000 // max(1, columns)))


def _top_pairs_numpy(net: _Network, I: nx.Graph, limit):
    import numpy as np

    agencies = net.agencies
    n = len(agencies)
    index = {a: i for i, a in enumerate(agencies)}
    interests = {w: j for j, w in enumerate(sorted(w for w, k in I.nodes(data="interest") if k != "agency"))}
    rows = [(index[a], interests[w]) for a in agencies for w in I[a]]
    X = sparse.csr_array((np.ones(len(rows)), ([r for r, _ in rows], [c for _, c in rows])),
                         shape=(n, len(interests)))  # sparse: an agency has few of the province's interests
    degree = np.asarray(X.sum(axis=0)).ravel()
    weight = np.divide(1.0, np.log(degree, where=degree > 1, out=np.ones_like(degree)),
                       where=degree > 1, out=np.zeros_like(degree))
    XW, XT = (X @ sparse.diags_array(weight)).tocsr(), X.T.tocsc()
    dims = sorted(set().union(*net.dims.values())) if n else []
    D = np.zeros((n, len(dims)))
    for a in agencies:
        D[index[a], [dims.index(d) for d in net.dims[a]]] = 1.0
    column: dict[str, int] = {}  # U: agency x asset it holds or uses; U @ U.T > 0 where two agencies share one
    used = [(index[a], column.setdefault(x, len(column))) for a in agencies for x in net.used[a]]
    U = sparse.csr_array((np.ones(len(used)), ([r for r, _ in used], [c for _, c in used])),
                         shape=(n, max(1, len(column))))
    UT = U.T.tocsc()
    keep: list[tuple[float, int, int]] = []
    step = _rows_per_block(n)
    for start in range(0, n, step):
        stop = min(n, start + step)
        aa = (XW[start:stop] @ XT).toarray()
        complement = D[start:stop] @ (1 - D).T + (1 - D[start:stop]) @ D.T
        score = np.where(aa > 0, aa + COMPLEMENT_WEIGHT * complement, 0)
        score[np.arange(stop - start)[:, None] + start >= np.arange(n)[None, :]] = 0  # upper triangle only
        score[(U[start:stop] @ UT).toarray() > 0] = 0  # pairs that already share an asset
        values = score[score > 0]
        if limit is not None and values.size > limit:
            floor = np.partition(values, -limit)[-limit] - 1e-9  # keep ties at the edge: exact scores decide
            score[score < floor] = 0
        keep += [(score[r, j], start + r, j) for r, j in zip(*np.nonzero(score))]
        if limit is not None and len(keep) > limit:
            floor = sorted((t[0] for t in keep), reverse=True)[limit - 1] - 1e-9
            keep = [t for t in keep if t[0] >= floor]
    exact = [(agencies[i], agencies[j], _pair_score(net, I, agencies[i], agencies[j])) for _, i, j in keep]
    exact = sorted((t for t in exact if t[2] > 0), key=lambda t: (-t[2], _key(t[0]), _key(t[1])))
    return exact[:limit]


def _top_suggestions_numpy(net: _Network, limit, per_agency):
    """Score classes of assets, not assets: two assets that address the same issues and have
    the same dimension score the same for every agency (3,000 classes for 53,000 assets in 77
    synthetic provinces); each agency then takes the members of its best classes in id order."""
    import heapq

    import numpy as np

    assets = sorted((x for x in net.addresses if net.holders.get(x)), key=_key)
    position = {x: p for p, x in enumerate(assets)}
    classes: dict[tuple, list[int]] = {}
    for p, x in enumerate(assets):
        signature = (tuple(sorted(net.addresses[x])), net.G.nodes[x].get("dimension") or "")
        classes.setdefault(signature, []).append(p)  # members in id order
    signatures = sorted(classes, key=lambda c: classes[c][0])
    issues = {i: k for k, i in enumerate(sorted(set(net.causes_of) | set(net.addressed_by)))}
    R = np.zeros((len(signatures), len(issues)))  # the class addresses the issue
    for c, (addressed, _) in enumerate(signatures):
        R[c, [issues[i] for i in addressed]] = 1.0
    K = np.zeros((len(issues), len(issues)))  # cause -> effect
    for effect, causes in net.causes_of.items():
        K[[issues[c] for c in causes], issues[effect]] = 1.0
    T = (((R @ K) > 0) & (R == 0)).astype(float)  # addresses a direct cause of the issue, not the issue
    agencies = net.agencies
    M = np.zeros((len(agencies), len(issues)))  # issues the agency's own assets address
    for r, a in enumerate(agencies):
        M[r, [issues[i] for i in _direct_issues(net, a)]] = 1.0
    dims = sorted({d for _, d in signatures} - {""})
    A = np.zeros((len(signatures), len(dims)))
    for c, (_, dim) in enumerate(signatures):
        if dim:
            A[c, dims.index(dim)] = 1.0
    D = np.array([[d in net.dims[a] for d in dims] for a in agencies], dtype=float)
    D = D.reshape(len(agencies), len(dims))
    found = []
    step = _rows_per_block(len(signatures))
    for start in range(0, len(agencies), step):
        block = slice(start, min(len(agencies), start + step))
        direct, through = M[block] @ R.T, M[block] @ T.T
        new_dimension = A.sum(axis=1)[None, :] - D[block] @ A.T  # 1: a dimension it holds nothing in
        score = np.where(direct + through > 0,
                         _DIRECT * direct + _THROUGH_CAUSE * through + _NEW_DIMENSION * new_dimension, 0)
        for r, row in enumerate(score, start):
            a = agencies[r]
            used = {position[x] for x in net.used[a] if x in position}
            wanted = per_agency if per_agency is not None else len(assets)
            for level in np.unique(row[row > 0])[::-1]:  # each score once, best first
                if wanted <= 0:
                    break
                members = heapq.merge(*(classes[signatures[c]] for c in np.flatnonzero(row == level)))
                picked = list(islice((p for p in members if p not in used), wanted))
                found += [(a, assets[p], float(level)) for p in picked]
                wanted -= len(picked)
    found.sort(key=lambda t: (-t[2], _key(t[0]), _key(t[1])))
    return found[:limit]


# ------------------------------------------------------------------------------------------
# rows and their reasons


def _named(G, node: str, lang: str) -> str:
    return f"{label(G, node, lang)} ({entity_id(node)})"


def _quoted(G, node: str, lang: str) -> str:
    return f"“{label(G, node, lang)}” ({entity_id(node)})"


def _through(net: _Network, a: str, issue: str, lang: str) -> tuple[str, list[str]]:
    """How agency ``a`` works on ``issue``: words, and the nodes from the agency to the issue."""
    asset = net.works[a][issue]
    return _quoted(net.G, asset, lang), [a, asset, issue]


def _path(G, forward: list[str], backward: list[str], lang: str) -> tuple[str, str]:
    """A path as ids and as names in ``lang``: ``A → asset → issue ← asset ← B``."""
    def text(name) -> str:
        return " → ".join(map(name, forward)) + "".join(f" ← {name(n)}" for n in backward)
    return text(entity_id), text(lambda n: label(G, n, lang))


def _some(G, nodes: list[str], lang: str, most: int = 3) -> str:
    """The first ``most`` of ``nodes`` by name and id, for a sentence."""
    return ", ".join(_named(G, n, lang) for n in nodes[:most]) + (", ..." if len(nodes) > most else "")


def _pair_row(net: _Network, I: nx.Graph, u: str, v: str, score: float, lang: str, rank: int) -> dict:
    G = net.G
    common = sorted(nx.common_neighbors(I, u, v), key=lambda w: (I.degree(w), _key(w)))
    issues = [w for w in common if I.nodes[w]["interest"] == "issue"]
    groups = sorted((w for w in common if I.nodes[w]["interest"] == "target_group"), key=_key)
    districts = sorted((w for w in common if I.nodes[w]["interest"] == "district"), key=_key)
    aa = sum(1 / log(I.degree(w)) for w in common)
    jaccard = len(common) / len(set(I[u]) | set(I[v]))
    only_u, only_v = net.dims[u] - net.dims[v], net.dims[v] - net.dims[u]
    either = only_u | only_v
    complementary = [d for d in DIMENSIONS if d in either] + sorted(either - set(DIMENSIONS))
    issue = issues[0] if issues else None
    reach = sorted((net.reach[u] & net.reach[v]) - set(issues), key=_key)
    en, th = [], []
    en.append(f"{label(G, u, 'en')} and {label(G, v, 'en')} do not hold or use any asset together yet")
    th.append(f"{label(G, u, 'th')} และ {label(G, v, 'th')} ยังไม่ได้ใช้ทรัพยากรหรือชุดข้อมูลร่วมกัน")
    path_ids = path = None
    if issue:
        u_en, u_ids = _through(net, u, issue, "en")
        v_en, v_ids = _through(net, v, issue, "en")
        u_th, _ = _through(net, u, issue, "th")
        v_th, _ = _through(net, v, issue, "th")
        path_ids, path = _path(G, u_ids, list(reversed(v_ids[:-1])), lang)
        en[0] += (f", but both address {_named(G, issue, 'en')}: {label(G, u, 'en')} through {u_en}, "
                  f"{label(G, v, 'en')} through {v_en}.")
        th[0] += (f" แต่ทั้งสองหน่วยงานทำงานในประเด็น {_quoted(G, issue, 'th')} โดย {label(G, u, 'th')} "
                  f"ใช้ {u_th} และ {label(G, v, 'th')} ใช้ {v_th}")
        if len(issues) > 1:
            en.append(f"Both also address {plural(len(issues) - 1, 'more issue', 'more issues')} "
                      f"({_some(G, issues[1:], 'en')}).")
            th.append(f"นอกจากนี้ยังแก้ไขประเด็นเดียวกันโดยตรงอีก {len(issues) - 1} ประเด็น "
                      f"({_some(G, issues[1:], 'th')})")
    else:
        en[0] += ", but they have interests in common."
        th[0] += " แต่มีความสนใจร่วมกัน"
        if reach:
            en.append(f"Through causes, the issues they address lead to "
                      f"{plural(len(reach), 'issue', 'issues')} in common ({_some(G, reach, 'en')}).")
            th.append(f"ประเด็นที่ทั้งสองหน่วยงานแก้ไขส่งผลต่อประเด็นเดียวกันผ่านสาเหตุ {len(reach)} ประเด็น "
                      f"({_some(G, reach, 'th')})")
    if groups:
        en.append("Both serve "
                  + join_names([vocabulary_label("target-group", _tg(g), "en") for g in groups], "en") + ".")
        th.append("มีกลุ่มเป้าหมายเดียวกัน ได้แก่ "
                  + join_names([vocabulary_label("target-group", _tg(g), "th") for g in groups], "th"))
    if districts:
        more = len(districts) > 5
        names_en = [label(G, d, "en") for d in districts[:5]] + (["other districts"] if more else [])
        names_th = [label(G, d, "th") for d in districts[:5]] + (["อำเภออื่น"] if more else [])
        en.append("Both cover " + join_names(names_en, "en") + ".")
        th.append("และทำงานในอำเภอเดียวกัน ได้แก่ " + join_names(names_th, "th"))
    for x, y, dims in ((u, v, only_u), (v, u, only_v)):
        known = [d for d in DIMENSIONS if d in dims]
        if known:
            en.append(f"{label(G, x, 'en')} holds {_dims(known, 'en')} assets that "
                      f"{label(G, y, 'en')} lacks.")
            th.append(f"{label(G, x, 'th')} มีทรัพยากร{_dims(known, 'th')} ซึ่ง {label(G, y, 'th')} ยังไม่มี")
    return {
        "section": "pair", "rank": rank,
        "agency_a_id": entity_id(u), "agency_a": label(G, u, lang),
        "agency_b_id": entity_id(v), "agency_b": label(G, v, lang),
        "score": round(score, 4), "adamic_adar": round(aa, 4), "jaccard": round(jaccard, 4),
        "common_issue_ids": [entity_id(i) for i in issues],
        "common_reach_ids": [entity_id(i) for i in reach],
        "common_target_group_ids": [_tg(g) for g in groups],
        "common_district_ids": [str(G.nodes[d].get("notation") or entity_id(d)) for d in districts],
        "complementary": complementary,
        "issue_id": entity_id(issue) if issue else None, "issue": label(G, issue, lang) if issue else None,
        "path_ids": path_ids, "path": path, "reason": " ".join(en), "reason_th": " ".join(th),
    }


def _tg(node: str) -> str:
    return node[len(_TARGET_GROUP):] if node.startswith(_TARGET_GROUP) else entity_id(node)




def _dims(keys, lang: str) -> str:
    """Dimension keys in words: ``operations and policy`` / ``ด้านการดำเนินงาน และด้านนโยบาย/ทุนทางสังคม``."""
    if lang == "th":
        return join_names([f"ด้าน{vocabulary_label('dimension', k, 'th')}" for k in keys], "th")
    return join_names(list(keys), "en")


def _suggestion_row(net: _Network, a: str, x: str, d: dict, rank: int, lang: str) -> dict:
    G = net.G
    issue, cause = d["issue"], d["cause"]
    holders = sorted(d["holders"], key=_key)
    own_en, ids = _through(net, a, issue, "en")
    own_th, _ = _through(net, a, issue, "th")
    held_en = ", ".join(label(G, h, "en") for h in holders)
    held_th = " ".join(label(G, h, "th") for h in holders)
    A_en, A_th = label(G, a, "en"), label(G, a, "th")
    en = [f"{A_en} works on {_named(G, issue, 'en')} through {own_en}."]
    th = [f"{A_th} ทำงานในประเด็น {_quoted(G, issue, 'th')} โดยใช้ {own_th}"]
    if cause is None:
        en.append(f"{_quoted(G, x, 'en')}, held by {held_en}, addresses {label(G, issue, 'en')} directly.")
        th.append(f"และ {_quoted(G, x, 'th')} ของ {held_th} แก้ประเด็นนี้โดยตรง")
        path_ids, path = _path(G, ids, [x], lang)
    else:
        en.append(f"{_named(G, cause, 'en')} is a cause of {label(G, issue, 'en')}, "
                  f"and {_quoted(G, x, 'en')}, "
                  f"held by {held_en}, addresses it.")
        th.append(f"ส่วน {_quoted(G, cause, 'th')} เป็นสาเหตุหนึ่งของประเด็นนี้ และ {_quoted(G, x, 'th')} "
                  f"ของ {held_th} แก้สาเหตุนั้น")
        path_ids, path = _path(G, ids, [cause, x], lang)
    en.append(f"{A_en} does not hold or use it yet.")
    th.append(f"แต่ {A_th} ยังไม่ได้เป็นเจ้าของหรือใช้ร่วม")
    others = len(d["issues"]) - 1
    if others:
        en.append(f"It also reaches {plural(others, 'more issue', 'more issues')} the agency works on.")
        th.append(f"และยังเกี่ยวข้องกับประเด็นอื่นที่หน่วยงานนี้ทำงานอยู่อีก {others} ประเด็น")
    dim = G.nodes[x].get("dimension")
    if d["new_dimension"] and dim:
        en.append(f"It would add the {dim} dimension, in which the agency holds nothing yet.")
        th.append(f"ทรัพยากรนี้อยู่ในด้าน{vocabulary_label('dimension', dim, 'th')} "
                  "ซึ่งหน่วยงานนี้ยังไม่มีทรัพยากรในด้านนี้")
    return {
        "section": "suggestion", "rank": rank,
        "agency_id": entity_id(a), "agency": label(G, a, lang),
        "asset_id": entity_id(x), "asset": label(G, x, lang),
        "kind": G.nodes[x].get("kind"), "dimension": dim,
        "holder_ids": [entity_id(h) for h in holders], "holders": [label(G, h, lang) for h in holders],
        "issue_id": entity_id(issue), "issue": label(G, issue, lang),
        "cause_id": entity_id(cause) if cause else None, "cause": label(G, cause, lang) if cause else None,
        "via_asset_id": entity_id(ids[1]), "via_asset": label(G, net.works[a][issue], lang),
        "issue_ids": [entity_id(i) for i in d["issues"]], "score": d["score"],
        "path_ids": path_ids, "path": path, "reason": " ".join(en), "reason_th": " ".join(th),
    }
