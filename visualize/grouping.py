"""Groups for large maps: the page first shows one node per group and expands a group on click.

``group_by`` chooses how nodes are grouped:

* ``district``: by the district (4-digit DOPA code) of the areas a node covers or is located
  in; nodes that only cover a whole province form that province's group, and nodes with no
  area (issues, link keys, national agencies) one group per kind. When there would be more
  than :data:`MAX_GROUPS` districts, provinces are used instead.
* ``coalition``: communities of the drawn graph (Louvain, weighted, fixed seed, on a sorted
  copy, as the coalitions analysis finds them), each named after its best connected member.
* ``agency``: each asset with the agency that holds it (the first by id), each agency with
  its assets; other nodes one group per kind.
* ``auto``: ``district`` when at least half of the nodes have an area, else ``coalition``.

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.views import view_graph
>>> from abegraph.visualize.grouping import group_nodes
>>> G = read_network(demo_store)
>>> V = view_graph(G, "everything")
>>> groups, names = group_nodes(V, "district")
>>> groups["https://w3id.org/abegraph/id/area/4001"], names["d:4001"]["en"]
('d:4001', 'Mueang Khon Kaen')
>>> names["p:40"]["en"], names["k:issue"]["th"]
('Khon Kaen (province-wide)', 'ประเด็นปัญหา (ไม่ระบุพื้นที่)')
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .palette import kind_legend

__all__ = ["GROUP_BY", "MAX_GROUPS", "group_nodes"]

#: the ways of grouping ``group_by`` accepts
GROUP_BY = ("auto", "district", "coalition", "agency")
#: more district groups than this and provinces are used instead
MAX_GROUPS = 1_500


def _area_key(code: str, digits: int) -> str:
    return f"d:{code[:4]}" if len(code) >= 4 and digits == 4 else f"p:{code[:2]}"


def _by_area(V: nx.Graph, digits: int) -> dict:
    groups = {}
    for node, data in V.nodes(data=True):
        is_area = data.get("kind") == "area" and data.get("notation")
        codes = [data["notation"]] if is_area else data.get("areas") or []
        local = sorted(c for c in codes if len(c) >= 4)
        if local:
            groups[node] = _area_key(local[0], digits)
        elif codes:
            groups[node] = f"p:{sorted(codes)[0][:2]}"
        else:
            groups[node] = f"k:{data.get('kind', 'node')}"
    return groups


def _area_names(V: nx.Graph, keys: set) -> dict:
    by_code = {d.get("notation"): d for _, d in V.nodes(data=True) if d.get("kind") == "area"}
    kinds = kind_legend()
    names = {}
    for key in keys:
        kind, _, code = key.partition(":")
        if kind == "k":
            label = kinds.get(code, {"th": code, "en": code})
            names[key] = {"th": f"{label['th']} (ไม่ระบุพื้นที่)", "en": f"{label['en']} (no area)"}
            continue
        area = by_code.get(code, {})
        th = area.get("label_th") or area.get("label_en") or code
        en = area.get("label_en") or area.get("label_th") or code
        names[key] = ({"th": th, "en": en} if kind == "d" else
                      {"th": f"{th} (ทั้งจังหวัด)", "en": f"{en} (province-wide)"})
    return names


def _by_coalition(V: nx.Graph, seed: int) -> tuple[dict, dict]:
    S = nx.Graph()
    S.add_nodes_from(sorted(V))
    S.add_weighted_edges_from(sorted((min(u, v), max(u, v), d.get("weight", 1))
                                     for u, v, d in V.edges(data=True)))
    communities = nx.community.louvain_communities(S, weight="weight", seed=seed)
    communities = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    groups, names = {}, {}
    for i, members in enumerate(communities, 1):
        key = f"c:{i:05d}"
        hub = max(members, key=lambda n: (S.degree(n, weight="weight"), n))
        data = V.nodes[hub]
        th = data.get("label_th") or data.get("label_en") or hub
        en = data.get("label_en") or data.get("label_th") or hub
        names[key] = ({"th": th, "en": en} if len(members) == 1 else
                      {"th": f"กลุ่มที่ {i}: {th} และอีก {len(members) - 1}",
                       "en": f"Group {i}: {en} and {len(members) - 1} more"})
        groups.update((n, key) for n in members)
    return groups, names


def _by_agency(V: nx.Graph, holders: dict | None) -> tuple[dict, dict]:
    kinds = kind_legend()
    groups, names = {}, {}
    for node, data in V.nodes(data=True):
        kind = data.get("kind")
        if kind == "agency":
            groups[node] = f"a:{node}"
        elif kind in ("resource", "dataset"):
            found = sorted((holders or {}).get(node, ()))
            if not found:
                found = sorted(n for n in V[node] if V.nodes[n].get("kind") == "agency")
            groups[node] = f"a:{found[0]}" if found else f"k:{kind}"
        else:
            groups[node] = f"k:{kind}"
    for key in set(groups.values()):
        kind, _, rest = key.partition(":")
        if kind == "a":
            data = V.nodes[rest] if rest in V else {}
            names[key] = {"th": data.get("label_th") or data.get("label_en") or rest,
                          "en": data.get("label_en") or data.get("label_th") or rest}
        else:
            label = kinds.get(rest, {"th": rest, "en": rest})
            names[key] = {"th": label["th"], "en": label["en"]}
    return groups, names


def group_nodes(V: nx.Graph, by: str = "auto", *, seed: int = 0,
                holders: dict | None = None) -> tuple[dict, dict]:
    """Group every node of the drawn graph ``V``.

    Parameters
    ----------
    V : networkx graph
        A view from :func:`~abegraph.visualize.views.view_graph`.
    by : str
        One of :data:`GROUP_BY`.
    seed : int
        Seed of the community detection (``coalition``).
    holders : dict, optional
        ``asset -> agencies holding it`` for ``agency`` grouping when ``V`` does not draw the
        holding edges.

    Returns
    -------
    (groups, names)
        ``node -> group key`` and ``group key -> {"th": name, "en": name}``.

    Raises
    ------
    ValueError
        When ``by`` is not one of :data:`GROUP_BY`.
    """
    if by not in GROUP_BY:
        raise ValueError(f"no grouping {by!r}; choose one of: {', '.join(GROUP_BY)}")
    if by == "auto":
        placed = sum(1 for _, d in V.nodes(data=True) if d.get("areas") or d.get("kind") == "area")
        by = "district" if placed * 2 >= V.number_of_nodes() else "coalition"
    if by == "coalition":
        return _by_coalition(V, seed)
    if by == "agency":
        return _by_agency(V, holders)
    groups = _by_area(V, 4)
    if len(Counter(groups.values())) > MAX_GROUPS:
        groups = _by_area(V, 2)
    return groups, _area_names(V, set(groups.values()))
