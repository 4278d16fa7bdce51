"""The data a map page carries: nodes, edges, filters, groups and findings, as plain JSON.

Columns rather than one object per node keep a national map small (every key once, not once
per node). Everything is sorted (nodes by IRI, edges by node index) and rounded, so the same
graph and options give the same payload, byte for byte.

Filtering on the page works on **assets** (resources and datasets), as
:class:`~abegraph.network.projections.Filters` does in Python: an asset passes the dimension,
issue, district and agency chosen when its dimension is that one, it addresses that issue or
one of its causes (``up``: each issue with everything upstream of it), it covers that district
(or a subdistrict in it), and that agency holds or uses it. Every drawn node has a *scope*
(the assets it stands for: an agency's assets, the assets reaching an issue, covering an area,
carrying a link key) and stays visible while any asset of its scope passes; an agency-pair
edge stays while any asset they share passes. The page derives the scopes of agencies, issues
and districts from the asset table; ``scopes`` carries the others.

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.payload import map_payload
>>> G = read_network(demo_store)
>>> P = map_payload(G, "agencies", findings=False)
>>> len(P["nodes"]["id"]), len(P["edges"]["a"]), P["meta"]["grouped"]
(33, 99, None)
>>> i = P["nodes"]["id"].index("EEF")
>>> P["nodes"]["t"][i], P["nodes"]["e"][i]
('กองทุนเพื่อความเสมอภาคทางการศึกษา', 'Equitable Education Fund')
>>> P == map_payload(G, "agencies", findings=False)
True
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping

import networkx as nx

from abegraph.network.causes import causes
from abegraph.network.centrality import centrality_arrays
from abegraph.network.gaps import natural_key
from abegraph.network.projections import ASSET_KINDS, causal_graph, entity_id
from .findings_panel import panel_sections, rows_by_analysis, view_findings
from .grouping import group_nodes
from .layout import RELAX_GROUPS, SPACING, edge_arrays, grouped_arrays, layout_arrays
from .palette import (DIMENSION_ORDER, KIND_ORDER, RELATION_ORDER, dimension_legend, kind_legend,
                      relation_names)
from .views import resolve_view, view_graph

__all__ = ["map_payload", "VIEW_TITLES", "GROUP_ABOVE", "SIZE_NAMES"]

#: above this many drawn nodes a map is grouped (unless ``group_by=None``)
GROUP_ABOVE = 10_000
#: the default title of each view, Thai and English
VIEW_TITLES = {
    "agencies": ("เครือข่ายหน่วยงาน: ใครใช้ทรัพยากรร่วมกับใคร", "Agencies: who shares assets with whom"),
    "resources": ("หน่วยงานกับทรัพยากรและชุดข้อมูลที่ถือครองและใช้ร่วมกัน",
                  "Agencies and the resources and datasets they hold and share"),
    "issues": ("ประเด็นปัญหา สาเหตุ และทรัพยากรที่ช่วยแก้",
               "Issues, their causes and the resources addressing them"),
    "datasets": ("ชุดข้อมูลและคีย์ที่ใช้เชื่อมโยงกัน", "Datasets and the keys that link them"),
    "everything": ("ภาพรวมทั้งเครือข่าย", "The whole network"),
}


def _labels(data: Mapping, fallback: str) -> tuple[str, str]:
    return (data.get("label_th") or data.get("label_en") or fallback,
            data.get("label_en") or data.get("label_th") or fallback)


def _short(node: str, data: Mapping) -> str:
    return str(data["notation"]) if data.get("kind") == "area" and data.get("notation") else entity_id(node)


def _sig(value: float) -> float:
    return float(f"{value:.4g}")


#: the measures nodes can be sized by, Thai and English
SIZE_NAMES = {"betweenness": ("ความเป็นตัวกลาง", "Betweenness"), "degree": ("จำนวนการเชื่อมโยง", "Degree"),
              "pagerank": ("PageRank", "PageRank"), "eigenvector": ("ความสำคัญเชิงเครือข่าย", "Eigenvector centrality"),
              "none": ("ขนาดเท่ากัน", "Equal sizes")}


def _size_note(size_by: str, method: str) -> dict[str, str]:
    """How the node sizes were computed, in both languages (``method`` is the English line)."""
    th = SIZE_NAMES.get(size_by, (size_by, size_by))[0]
    if size_by == "betweenness":
        sampled = re.search(r"from (\d+) sampled", method)
        th += (f" ประมาณจากโหนดตัวอย่าง {sampled.group(1)} โหนด" if sampled else
               (" ประมาณจากโหนดตัวอย่าง" if "sampl" in method else " คำนวณจากทุกคู่"))
    if "unweighted" in method:
        th += " ไม่ถ่วงน้ำหนัก"
    elif "weighted" in method:
        th += " ถ่วงน้ำหนักด้วยจำนวนทรัพยากรที่ใช้ร่วม"
    return {"th": th, "en": method}


def _options(G: nx.MultiDiGraph):
    """The filter choices: issues, districts and agencies of ``G`` (``[id, th, en]`` each)."""
    issues, districts, agencies = [], [], []
    for node, data in G.nodes(data=True):
        kind = data.get("kind")
        if kind == "issue":
            issues.append(node)
        elif kind == "area" and len(str(data.get("notation", ""))) == 4:
            districts.append(node)
        elif kind == "agency":
            agencies.append(node)
    issues.sort(key=lambda n: natural_key(_short(n, G.nodes[n])))
    districts.sort(key=lambda n: G.nodes[n]["notation"])
    agencies.sort(key=lambda n: natural_key(entity_id(n)))
    return issues, districts, agencies


def _assets(G: nx.MultiDiGraph, issues: list, districts: list, agencies: list):
    """The asset table: each asset's dimension, the issues it addresses directly, its
    districts, holders and users (indices into the filter choices)."""
    issue_index = {n: i for i, n in enumerate(issues)}
    district_index = {G.nodes[n]["notation"]: i for i, n in enumerate(districts)}
    agency_index = {n: i for i, n in enumerate(agencies)}
    assets = sorted(n for n, k in G.nodes(data="kind") if k in ASSET_KINDS)
    table = {"node": assets, "d": [], "i": [], "r": [], "h": [], "u": []}
    for asset in assets:
        data = G.nodes[asset]
        dim = data.get("dimension")
        table["d"].append(DIMENSION_ORDER.index(dim) if dim in DIMENSION_ORDER else -1)
        addressed, held, used = set(), set(), set()
        for _, o, relation in G.out_edges(asset, data="relation"):
            if relation == "addresses" and o in issue_index:
                addressed.add(issue_index[o])
            elif relation == "held_by" and o in agency_index:
                held.add(agency_index[o])
            elif relation == "shared_with" and o in agency_index:
                used.add(agency_index[o])
        table["i"].append(sorted(addressed))
        table["r"].append(sorted({district_index[c[:4]] for c in data.get("areas", [])
                                  if len(c) >= 4 and c[:4] in district_index}))
        table["h"].append(sorted(held))
        table["u"].append(sorted(used - held))
    return table


def _upstream(G: nx.MultiDiGraph, issues: list) -> list[list[int]]:
    """For each issue choice, itself and every issue or cause upstream of it (its causes, at
    any depth): an asset addressing any of them passes the filter on that issue."""
    index = {n: i for i, n in enumerate(issues)}
    C = causal_graph(G)
    return [sorted(index[a] for a in ({n} | (nx.ancestors(C, n) if n in C else set())) if a in index)
            for n in issues]


def _explicit_scopes(G: nx.MultiDiGraph, nodes: list, table: dict, districts: list) -> list:
    """``[node index, [asset indices]]`` for the drawn nodes whose scope the page cannot derive
    from the asset table: provinces and subdistricts (assets covering an area inside them) and
    link keys (datasets carrying them). Agencies, issues and districts are derived on the page."""
    asset_index = {n: i for i, n in enumerate(table["node"])}
    district_codes = {G.nodes[n]["notation"] for n in districts}
    by_prefix: dict[str, set[int]] = {}
    for a, asset in enumerate(table["node"]):
        for code in G.nodes[asset].get("areas", []):
            for length in {*range(2, len(code) + 1, 2), len(code)}:
                by_prefix.setdefault(code[:length], set()).add(a)
    found = []
    for i, node in enumerate(nodes):
        data = G.nodes[node] if node in G else {}
        kind = data.get("kind")
        if kind == "area":
            code = str(data.get("notation", ""))
            if code and code not in district_codes:
                found.append([i, sorted(by_prefix.get(code, ()))])
        elif kind == "link-key":
            found.append([i, sorted(asset_index[s] for s, _, r in G.in_edges(node, data="relation")
                                    if r == "link_key" and s in asset_index)])
    return found


def _loops(G: nx.MultiDiGraph, rows, N: dict, edges: list) -> list[dict]:
    """The reinforcing and balancing loops drawn on the map: ``[{"id": "R1", "type", "th", "en",
    "nodes": [node indices], "edges": [edge indices], "back": [edge indices]}]`` (``back``: the
    two-way edges the loop runs along from head to tail), from the ``cycle`` rows of the causes
    analysis (``rows``, or computed on ``G`` when ``None``), named in both languages."""
    links = {}  # (cause, effect) -> (edge index, 0 along the edge or 1 back along a two-way edge)
    for i, (a, b, data) in enumerate(edges):
        if data.get("relation") == "causes":
            links[(a, b)] = (i, 0)
            if data.get("both"):
                links[(b, a)] = (i, 1)
    if not links:
        return []
    rows = causes(G) if rows is None else rows
    by_id: dict[str, int] = {}
    for i, ident in enumerate(N["id"]):
        by_id.setdefault(ident, i)
    found = []
    for row in rows:
        members = [by_id.get(m) for m in row.get("member_ids") or ()] if row.get("section") == "cycle" else []
        if not members or None in members:
            continue  # a loop the view does not draw whole
        closed = members + members[:1]
        steps = [links[(a, b)] for a, b in zip(closed, closed[1:]) if (a, b) in links]
        found.append({"id": row["loop"], "type": row["loop_type"],
                      "th": f"{row['loop']}: " + " → ".join(N["t"][i] for i in closed),
                      "en": f"{row['loop']}: " + " → ".join(N["e"][i] for i in closed),
                      "nodes": members,
                      "edges": [i for i, way in steps if not way], "back": [i for i, way in steps if way]})
    return found


def map_payload(G: nx.MultiDiGraph, view: str, *, lang: str = "th", size_by: str = "betweenness",
                title: str | Mapping | None = None, subtitle: str | Mapping | None = None,
                findings=None, provenance: Mapping | None = None, group_by: str | None = "auto",
                group_above: int = GROUP_ABOVE, seed: int = 0, loops: list | None = None) -> dict:
    """Everything the page of one map needs, as JSON-ready data; the parameters are
    :func:`~abegraph.visualize.maps.build_map`'s."""
    import numpy as np

    view = resolve_view(view)
    if lang not in ("th", "en"):
        raise ValueError(f"no language {lang!r}; choose th or en")
    V = view_graph(G, view)
    nodes = sorted(V)
    index = {n: i for i, n in enumerate(nodes)}
    eu, ev, w = edge_arrays(V, nodes, "weight")
    values, method = centrality_arrays(len(nodes), eu, ev, w, size_by, seed=seed)
    top = float(values.max()) if len(nodes) else 0.0
    rng = np.random.default_rng(seed)

    grouped = None
    if group_by and len(nodes) > group_above:
        assignment, names = group_nodes(V, group_by, seed=seed)
        keys = sorted(set(assignment.values()))
        key_index = {k: i for i, k in enumerate(keys)}
        g = np.array([key_index[assignment[n]] for n in nodes], dtype=np.int64)
        C, radius, X = grouped_arrays(len(nodes), eu, ev, w, g, len(keys), rng,
                                      relax=len(keys) <= RELAX_GROUPS)
        C, radius, X = C * SPACING, radius * SPACING, X * SPACING
        grouped = {"by": group_by, "key": keys, "t": [names[k]["th"] for k in keys],
                   "e": [names[k]["en"] for k in keys], "x": [round(float(v), 1) for v in C[:, 0]],
                   "y": [round(float(v), 1) for v in C[:, 1]], "r": [round(float(v), 1) for v in radius],
                   "n": np.bincount(g, minlength=len(keys)).tolist()}
    else:
        X = layout_arrays(len(nodes), eu, ev, w, rng) * SPACING

    issues, districts, agencies = _options(G)
    table = _assets(G, issues, districts, agencies)
    asset_index = {n: i for i, n in enumerate(table["node"])}
    node_prov = [list((provenance.get(n) if provenance is not None else V.nodes[n].get("provenance")) or [])
                 for n in nodes]
    prov_lines = {line: i for i, line in enumerate(sorted({line for lines in node_prov for line in lines}))}

    N = {k: [] for k in ("id", "k", "t", "e", "s", "c", "d", "a", "ar")}
    for node in nodes:
        data = V.nodes[node]
        th, en = _labels(data, entity_id(node))
        kind = data.get("kind", "")
        dim = data.get("dimension")
        N["id"].append(_short(node, data))
        N["k"].append(KIND_ORDER.index(kind) if kind in KIND_ORDER else 0)
        N["t"].append(th)
        N["e"].append(en)
        N["d"].append(DIMENSION_ORDER.index(dim) if dim in DIMENSION_ORDER else -1)
        N["a"].append(asset_index.get(node, -1))
        N["ar"].append(list(data.get("areas") or []))
    N["x"] = [round(float(v), 1) for v in X[:, 0]]
    N["y"] = [round(float(v), 1) for v in X[:, 1]]
    N["s"] = [round(10 + 26 * math.sqrt(float(v) / top), 1) if top > 0 else 14 for v in values]
    N["c"] = [_sig(float(v)) for v in values]
    if grouped:
        N["g"] = g.tolist()
    if prov_lines:
        N["pv"] = [sorted(prov_lines[line] for line in lines) for lines in node_prov]

    E = {"a": [], "b": [], "r": [], "w": []}
    scopes = []
    edges = []
    for u, v, data in V.edges(data=True):
        tail = data.get("tail", u)
        head = v if tail == u else u
        edges.append((index[tail], index[head], data))
    edges.sort(key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
    for a, b, data in edges:
        E["a"].append(a)
        E["b"].append(b)
        E["r"].append(RELATION_ORDER.index(data.get("relation", "shares")))
        E["w"].append(int(data.get("weight", 1)))
        scopes.append(sorted(asset_index[x] for x in data.get("assets", ()) if x in asset_index))
    if any(scopes):
        E["sc"] = scopes
    two_way = [i for i, (_, _, data) in enumerate(edges) if data.get("both")]
    if two_way:
        E["two"] = two_way
    # causal links of negative polarity (the causes sheet's polarity column), drawn dashed:
    # ``neg`` from the edge's tail to its head, ``negb`` back from head to tail (a two-way link)
    def polarity(a: int, b: int) -> str:
        return G.get_edge_data(nodes[a], nodes[b], "causes", default={}).get("polarity", "+")

    causal = [(i, a, b, data) for i, (a, b, data) in enumerate(edges) if data.get("relation") == "causes"]
    negative = [i for i, a, b, _ in causal if polarity(a, b) == "-"]
    back = [i for i, a, b, data in causal if data.get("both") and polarity(b, a) == "-"]
    if negative:
        E["neg"] = negative
    if back:
        E["negb"] = back

    drawn = set(nodes)
    assets_out = {"d": table["d"], "i": table["i"], "r": table["r"], "h": table["h"], "u": table["u"],
                  "n": [index.get(a, -1) for a in table["node"]],
                  "id": [entity_id(a) if a not in drawn else "" for a in table["node"]],
                  "t": [_labels(G.nodes[a], "")[0] if a not in drawn else "" for a in table["node"]],
                  "e": [_labels(G.nodes[a], "")[1] if a not in drawn else "" for a in table["node"]]}

    def option(node: str) -> list:
        if node in index:  # drawn: the page takes the names from the node
            return [_short(node, G.nodes[node]), "", "", index[node]]
        th, en = _labels(G.nodes[node], entity_id(node))
        return [_short(node, G.nodes[node]), th, en, -1]

    area_names = {str(d["notation"]): list(_labels(d, str(d["notation"])))
                  for _, d in G.nodes(data=True) if d.get("kind") == "area" and d.get("notation")}

    if findings is None:
        findings = view_findings(G, view, lang=lang)
    sections = panel_sections(G, findings) if findings else []
    by_id = {}
    for i in range(len(nodes)):
        by_id.setdefault(N["id"][i], i)
    for section in sections:
        for item in section["items"]:
            item["n"] = [by_id[x] for x in item.pop("ids") if x in by_id]

    if title is None:
        title = dict(zip(("th", "en"), VIEW_TITLES[view]))
    elif isinstance(title, str):
        title = {"th": title, "en": title}
    if isinstance(subtitle, str):
        subtitle = {"th": subtitle, "en": subtitle}
    legend = kind_legend()
    relations = relation_names()
    return {
        "meta": {"view": view, "lang": lang, "title": dict(title),
                 "subtitle": dict(subtitle) if subtitle else None,
                 "sizeBy": size_by, "sizeMethod": method, "sizeNote": _size_note(size_by, method),
                 "sizeName": dict(zip(("th", "en"), SIZE_NAMES.get(size_by, (size_by, size_by)))),
                 "nodes": len(nodes), "edges": len(edges),
                 "grouped": ({"by": grouped["by"], "groups": len(grouped["key"])} if grouped else None)},
        "kinds": [{"key": KIND_ORDER[k], **legend[KIND_ORDER[k]]} for k in sorted(set(N["k"]))]
                 + ([{"key": "group", **legend["group"]}] if grouped else []),
        "kindKeys": list(KIND_ORDER),
        "dims": dimension_legend(),
        "relations": [{"key": r, **relations[r]} for r in RELATION_ORDER],
        "nodes": N,
        "edges": E,
        "assets": assets_out,
        "scopes": _explicit_scopes(G, nodes, table, districts),
        "options": {"issue": [option(n) for n in issues], "district": [option(n) for n in districts],
                    "agency": [option(n) for n in agencies]},
        "up": _upstream(G, issues),
        "areas": dict(sorted(area_names.items())),
        "groups": grouped,
        "prov": list(prov_lines),
        "findings": sections,
        "loops": _loops(G, loops if loops is not None else
                        (rows_by_analysis(findings).get("causes") if findings else None), N, edges),
    }
