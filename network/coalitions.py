"""Coalitions: groups of agencies that share more among themselves than with the rest.

Communities of the weighted agency network
(:func:`~abegraph.network.projections.agency_network`, ``weight`` = shared assets) found with
Louvain (``nx.community.louvain_communities``) from a fixed seed, on a copy of the network whose
nodes and edges are sorted, so the same data and seed give the same coalitions on every run
and whatever order the store returns. Each coalition is named by its main issues: the issues
(and causes: both are issues in the vocabulary) that the assets its members hold or use
address most often (``addresses`` edges from asset to issue), then its main dimensions.
An agency that shares nothing is a coalition of its own, so every agency is in exactly one.

Rows
----
First key ``section``: the ``coalition`` rows, largest first (then by ``ties_inside``
descending, then the first member's id), then one ``summary`` row.

``coalition``:

=====================  =======================================================================
key                    meaning
=====================  =======================================================================
section                ``"coalition"``
coalition              its number, 1 = the largest
name                   its main issues, then its main dimensions, in ``lang``
size                   number of member agencies
agency_ids             ids of the members, sorted
agencies               their names in ``lang``, in the order of ``agency_ids``
ties_inside            pairs of members that share at least one asset
ties_outside           pairs (member, agency of another coalition) that share at least one asset
assets                 distinct assets (resources and datasets) its members hold or use
shared_assets          of those, the assets two or more members hold or use
by_dimension           ``{dimension: count}`` of ``assets``, with the four dimensions always
main_dimensions        the one or two dimensions with the most assets (keys: ``data`` ...)
issue_ids              ids of its main issues (at most ``top``), most addressed first
issues                 their names in ``lang``
issue_counts           ``{issue id: number of its assets addressing it}`` for ``issue_ids``
distinctive_issue_ids  ids of the issues that set it apart (at most ``top``): addressed by at
                       least 2 of its assets and by a larger share of its assets than of all
                       assets, highest ratio first
distinctive_issues     their names in ``lang``
=====================  =======================================================================

``summary``:

=====================  =======================================================================
key                    meaning
=====================  =======================================================================
section                ``"summary"``
coalitions             number of coalitions (agencies sharing nothing count one each)
agencies               number of agencies
modularity             Newman modularity of the partition, weighted (0 when nothing is shared);
                       above about 0.3 the groups are clearly more tied inside than out
method                 how the coalitions were found (algorithm, weight, seed, resolution)
=====================  =======================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.coalitions import coalitions
>>> rows = coalitions(read_network(demo_store))
>>> rows[-1]["section"], 0 < rows[-1]["modularity"] < 1
('summary', True)
>>> rows[0]["coalition"], rows[0]["size"] > 1
(1, True)
"""
from __future__ import annotations

import networkx as nx

from abegraph.network.projections import entity_id, holdings, label, once, relations
from abegraph.network.sharing import DIMENSIONS, dimension_counts, project_agencies

__all__ = ["coalitions", "communities"]


def communities(A: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[list]:
    """Louvain communities of ``A`` (weighted by ``weight``), each sorted, reproducible.

    The graph is copied with sorted nodes and edges first, so the answer depends only on the
    graph, ``seed`` and ``resolution``. Communities come largest first, then by first node.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> communities(G)
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    >>> communities(nx.Graph())
    []
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(A))
    H.add_edges_from(sorted((min(u, v), max(u, v), {"weight": w})
                            for u, v, w in A.edges(data="weight", default=1)))
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _addressed(G: nx.MultiDiGraph) -> dict[str, set]:
    """asset -> the issues (and causes) it addresses."""
    return {asset: {o for o in issues if G.nodes[o]["kind"] == "issue"}
            for asset, issues in relations(G).targets("addresses").items()}


def _name(issues: list[str], dims: list[str], lang: str) -> str:
    index = 1 if lang == "th" else 0
    dim_names = ", ".join(DIMENSIONS[d][index] if d in DIMENSIONS else d for d in dims)
    if not issues and not dims:
        return "(ยังไม่มีทรัพยากร)" if lang == "th" else "(no assets on record)"
    if not issues:
        return f"({dim_names})"
    return "; ".join(issues) + (f" ({dim_names})" if dims else "")


def coalitions(G: nx.MultiDiGraph, *, lang: str = "en", seed: int = 42, resolution: float = 1.0,
               top: int = 3) -> list[dict]:
    """Coalitions of agencies, each named by its main issues and dimensions, with modularity.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of names.
    seed : int
        Louvain's seed: the same seed gives the same coalitions.
    resolution : float
        Louvain's resolution: above 1 gives more, smaller coalitions.
    top : int
        How many issues name a coalition.

    Returns
    -------
    list of dict
        ``coalition`` rows, then one ``summary`` row; keys in the module docstring.

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> G = read_network(demo_store)
    >>> rows = coalitions(G, seed=7)
    >>> rows == coalitions(G, seed=7)
    True
    >>> coalitions(nx.MultiDiGraph())[0]["coalitions"]
    0

    See Also
    --------
    communities, abegraph.network.sharing.sharing
    """
    facts, summary = once(G, ("coalitions", seed, resolution, top),
                          lambda: _coalition_facts(G, seed, resolution, top))
    rows = []
    for number, fact in enumerate(facts, 1):
        members, main_issues, distinctive = fact["members"], fact["main_issues"], fact["distinctive"]
        rows.append({
            "section": "coalition",
            "coalition": number,
            "name": _name([label(G, i, lang) for i in main_issues], fact["main_dimensions"], lang),
            "size": len(members),
            "agency_ids": [entity_id(m) for m in members],
            "agencies": [label(G, m, lang) for m in members],
            "ties_inside": fact["ties_inside"],
            "ties_outside": fact["ties_outside"],
            "assets": fact["assets"],
            "shared_assets": fact["shared_assets"],
            "by_dimension": dimension_counts(fact["dims"]),
            "main_dimensions": fact["main_dimensions"],
            "issue_ids": [entity_id(i) for i in main_issues],
            "issues": [label(G, i, lang) for i in main_issues],
            "issue_counts": {entity_id(i): fact["issue_counts"][i] for i in main_issues},
            "distinctive_issue_ids": [entity_id(i) for i in distinctive],
            "distinctive_issues": [label(G, i, lang) for i in distinctive],
        })
    return rows + [dict(summary)]


def _coalition_facts(G: nx.MultiDiGraph, seed: int, resolution: float, top: int) -> tuple[list[dict], dict]:
    """What :func:`coalitions` says of each coalition, in any language: members, counts, main
    and distinctive issues (largest coalition first), and the summary row."""
    B = holdings(G)
    A = project_agencies(B, assets=False)
    ids = {n: entity_id(n) for n in B}
    groups = communities(A, seed=seed, resolution=resolution)
    all_assets = [a for a, d in B.nodes(data=True) if d["bipartite"] == 1]
    addressed = _addressed(G)
    everywhere: dict = {}
    for a in all_assets:
        for issue in addressed.get(a, ()):
            everywhere[issue] = everywhere.get(issue, 0) + 1
    member_of = {n: i for i, group in enumerate(groups) for n in group}
    order = list(DIMENSIONS)

    facts = []
    for group in groups:
        members = sorted(group, key=ids.get)
        assets = {a for m in members for a in B[m]}
        inner = set(members)
        dims: dict = {}
        issue_counts: dict = {}
        for a in assets:
            dim = B.nodes[a].get("dimension", "")
            dims[dim] = dims.get(dim, 0) + 1
            for issue in addressed.get(a, ()):
                issue_counts[issue] = issue_counts.get(issue, 0) + 1
        lift = {i: (c / len(assets)) / (everywhere[i] / len(all_assets)) for i, c in issue_counts.items()}
        facts.append({
            "members": members,
            "ties_inside": A.subgraph(members).number_of_edges(),
            "ties_outside": sum(1 for u in members for v in A[u] if member_of[v] != member_of[u]),
            "assets": len(assets),
            "shared_assets": sum(1 for a in assets if len(inner.intersection(B[a])) > 1),
            "dims": dims,
            "main_dimensions": sorted((d for d, c in dims.items() if c), key=lambda d: (
                -dims[d], order.index(d) if d in order else len(order), d))[:2],
            "issue_counts": issue_counts,
            "main_issues": sorted(issue_counts, key=lambda i: (-issue_counts[i], entity_id(i)))[:top],
            "distinctive": sorted((i for i, c in issue_counts.items() if c >= 2 and lift[i] > 1),
                                  key=lambda i: (-round(lift[i], 9), -issue_counts[i], entity_id(i)))[:top],
        })
    facts.sort(key=lambda f: (-len(f["members"]), -f["ties_inside"], ids[f["members"][0]]))

    modularity = 0.0
    if A.number_of_edges():
        modularity = nx.community.modularity(A, [set(g) for g in groups], weight="weight",
                                             resolution=resolution)
    summary = {
        "section": "summary",
        "coalitions": len(groups),
        "agencies": A.number_of_nodes(),
        "modularity": round(float(modularity), 6),
        "method": f"Louvain communities, weight = shared assets, seed {seed}, resolution {resolution:g}",
    }
    return facts, summary
