"""The graph of a map view as files for other tools: GEXF (Gephi), GraphML (Cytoscape, yEd) and
CSV node and edge lists (Kumu, spreadsheets).

:func:`export_graph` builds the graph a map draws (:mod:`abegraph.visualize.views`, the same
filters and node attributes) with what the map computes on top of it: the centrality that sizes
the nodes (named after the measure, e.g. ``betweenness``), the node ``size``, the layout
(``x``, ``y``), the ``color`` and, on a grouped map, the ``group``. Attributes are made safe for
the writers: lists become ``"; "``-joined text, a dict becomes one column per key
(``by_dimension`` -> ``by_dimension_data`` ...), ``None`` is left out and every attribute has one
type in the whole file (so GEXF and GraphML declare it correctly: a column that mixes 1 and 2.5
is a ``double``, one that mixes numbers and text is text). Node ``label`` is the label in the
chosen language; ``label_th`` and ``label_en`` are both kept. Node ids are ``kind:code``
(``agency:EEF``, ``area:4001``), valid GraphML ids; ``iri`` keeps the entity's IRI.

Edges run from the node the relation starts from (``tail`` on the map) to the other one: the
graph is directed (``causes`` from cause to effect, ``held_by`` from asset to agency ...), except
the ``agencies`` view, whose ``shares`` edges have no direction. Each edge keeps ``relation``,
``weight`` (the number of shared assets on the agencies view, else 1), ``label`` (the relation's
name in the chosen language) and ``mutual`` (true when the relation also runs the other way: two
issues that cause each other are one edge, as on the map).

* :func:`write_gexf`: GEXF 1.2 (``http://www.gexf.net/1.2draft``, what Gephi reads) with the
  map's colours, sizes and positions as ``viz`` data, so Gephi opens it laid out as the map.
* :func:`write_graphml`: GraphML, UTF-8; ``x``, ``y``, ``size`` and ``color`` are plain
  attributes (map them in Cytoscape's or yEd's style editor).
* :func:`write_csv`: ``STEM-nodes.csv`` and ``STEM-edges.csv`` in Kumu's import columns.
  Nodes: ``ID``, ``Label``, ``Type``, ``Description``, ``Tags`` then every other attribute;
  edges: ``From``, ``To`` (node IDs, as Kumu requires when the elements have an ID column),
  ``Type``, ``Direction`` (``directed``, ``undirected`` or ``mutual``), ``Weight`` then the rest.
  Multiple values in ``Tags`` are separated by ``|``, as Kumu expects. Written as UTF-8 **with a
  byte-order mark** so that Excel on Windows shows Thai correctly when the file is
  double-clicked (without the mark it guesses the ANSI code page and shows mojibake); Kumu,
  Google Sheets, LibreOffice and Python's ``encoding="utf-8-sig"`` read it as plain UTF-8.
  Text is written as it is (labels starting with ``=`` are not neutralised), so open the
  files in a spreadsheet only if you trust the workbook they came from.

:func:`write_network_file` reads a store and writes any of them: what ``abegraph map VIEW
--format gexf|graphml|csv`` calls.

Example
-------
>>> import tempfile, pathlib, networkx as nx
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.network_files import export_graph, write_gexf, write_csv
>>> H = export_graph(read_network(demo_store), "agencies", lang="th")
>>> H.number_of_nodes(), H.number_of_edges(), H.is_directed()
(33, 99, False)
>>> H.nodes["agency:EEF"]["label"], H.nodes["agency:EEF"]["label_en"]
('กองทุนเพื่อความเสมอภาคทางการศึกษา', 'Equitable Education Fund')
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> back = nx.read_gexf(write_gexf(H, folder / "agencies.gexf"))
>>> back.nodes["agency:EEF"]["label"] == H.nodes["agency:EEF"]["label"]
True
>>> [p.name for p in write_csv(H, folder / "agencies")]
['agencies-nodes.csv', 'agencies-edges.csv']
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import networkx as nx

from abegraph.network.projections import ASSET_KINDS, entity_id, read_network
from .maps import filters_caption
from .palette import DIMENSION_ORDER, UNKNOWN_DIMENSION_COLOR, dimension_legend, kind_legend, relation_names
from .payload import GROUP_ABOVE, VIEW_TITLES, map_payload
from .provenance import read_provenance
from .views import resolve_view, view_graph

__all__ = ["FORMATS", "export_graph", "write_gexf", "write_graphml", "write_csv", "write_network_file",
           "NODE_COLUMNS", "EDGE_COLUMNS", "LIST_SEPARATOR"]

#: what ``abegraph map --format`` accepts (``html`` is the map itself, :mod:`~abegraph.visualize.maps`)
FORMATS = ("html", "gexf", "graphml", "csv")
#: the first columns of ``STEM-nodes.csv`` (Kumu's element columns, ``ID`` first)
NODE_COLUMNS = ("ID", "Label", "Type", "Description", "Tags")
#: the first columns of ``STEM-edges.csv`` (Kumu's connection columns, ``From`` and ``To`` first)
EDGE_COLUMNS = ("From", "To", "Type", "Direction", "Weight")
#: how a list attribute is joined into one text value in GEXF, GraphML and CSV
LIST_SEPARATOR = "; "
#: node attributes written first, in this order (then the others, sorted)
_NODE_ORDER = ("label", "label_th", "label_en", "kind", "kind_label", "code", "iri", "dimension",
               "dimension_label", "notation", "areas")
_EDGE_ORDER = ("label", "relation", "weight", "mutual")
_NOT_ID = re.compile(r"[^A-Za-z0-9.\-]+")


# ---- the graph ---------------------------------------------------------------------------------

def _hex_rgb(color: str) -> dict[str, int]:
    color = color.lstrip("#")
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16)}


def _node_ids(V: nx.Graph, nodes: list[str]) -> dict[str, str]:
    """``IRI -> kind:code``: readable, unique, a valid XML NMTOKEN (GraphML's id type) and free
    of ``_`` (Kumu cannot select an element from its search results when its ID has one)."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in nodes:
        data = V.nodes[node]
        kind = data.get("kind", "node")
        code = str(data["notation"]) if kind == "area" and data.get("notation") else entity_id(node)
        base = f"{_NOT_ID.sub('-', kind).strip('-')}:{_NOT_ID.sub('-', code).strip('-') or 'x'}"
        ident, n = base, 1
        while ident in used:
            n += 1
            ident = f"{base}-{n}"
        used.add(ident)
        ids[node] = ident
    return ids


def _flat(name: str, value, out: dict) -> None:
    """Put ``value`` into ``out`` as writer-safe scalars (see the module's docstring)."""
    if value is None:
        return
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return
    if isinstance(value, (bool, int, float, str)):
        out[name] = value
    elif isinstance(value, Mapping):
        for key in sorted(value, key=str):
            _flat(f"{name}_{_NOT_ID.sub('_', str(key)).strip('_') or 'none'}", value[key], out)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        out[name] = LIST_SEPARATOR.join(json.dumps(v, ensure_ascii=False) if isinstance(v, Mapping) else str(v)
                                        for v in items if v is not None)
    else:
        out[name] = str(value)


def _one_type(items: list[dict]) -> None:
    """Give every attribute one type across ``items`` (in place): bool, int, float or str."""
    types: dict[str, set] = {}
    for data in items:
        for key, value in data.items():
            types.setdefault(key, set()).add(type(value))
    for key, found in types.items():
        if found <= {bool} or found <= {int} or found <= {float} or found <= {str}:
            continue
        to = float if found <= {int, float} else str
        for data in items:
            if key in data:
                value = data[key]
                data[key] = to(value) if to is float else (str(value).lower() if isinstance(value, bool) else str(value))


def _ordered(data: dict, first: tuple) -> dict:
    return {**{k: data[k] for k in first if k in data}, **{k: data[k] for k in sorted(data) if k not in first}}


def export_graph(G: nx.MultiDiGraph, view: str, *, lang: str = "th", size_by: str = "betweenness",
                 title: str | Mapping | None = None, subtitle: str | Mapping | None = None,
                 provenance: Mapping | None = None, group_by: str | None = "auto",
                 group_above: int = GROUP_ABOVE, seed: int = 0) -> nx.Graph:
    """The graph the map of ``view`` draws, with writer-safe attributes (see the module's docstring).

    Parameters are :func:`~abegraph.visualize.maps.build_map`'s (``G`` already restricted by any
    filters); ``provenance`` (``node -> lines``) adds a ``sources`` attribute. Returns an
    :class:`networkx.Graph` for the ``agencies`` view and a :class:`networkx.DiGraph` otherwise,
    nodes in IRI order; ``graph`` attributes: ``view``, ``lang``, ``title``, ``size_by``,
    ``centrality`` (how it was computed) and ``subtitle`` when given.

    >>> from abegraph.network.projections import read_network
    >>> H = export_graph(read_network(demo_store), "issues", lang="en")
    >>> H.is_directed(), H.number_of_nodes(), H.number_of_edges()
    (True, 148, 310)
    >>> sorted({r for *_, r in H.edges(data="relation")})
    ['addresses', 'causes']
    """
    view = resolve_view(view)
    P = map_payload(G, view, lang=lang, size_by=size_by, findings=False, provenance=provenance,
                    group_by=group_by, group_above=group_above, seed=seed)
    V = view_graph(G, view)
    nodes = sorted(V)
    ids = _node_ids(V, nodes)
    N = P["nodes"]
    kinds = kind_legend()
    dims = {d["key"]: d for d in dimension_legend()}
    relations = relation_names()
    groups = P["groups"]

    node_items = []
    for i, node in enumerate(nodes):
        data = V.nodes[node]
        kind = data.get("kind", "")
        dim = data.get("dimension")
        if kind in ASSET_KINDS:
            color = dims[dim]["color"] if dim in dims else UNKNOWN_DIMENSION_COLOR
        else:
            color = kinds.get(kind, kinds["group"])["color"]
        raw = {k: v for k, v in data.items() if k not in ("label_th", "label_en", "kind", "provenance")}
        raw.update(label=N["t"][i] if lang == "th" else N["e"][i], label_th=N["t"][i], label_en=N["e"][i],
                   kind=kind, kind_label=kinds[kind][lang] if kind in kinds else kind,
                   code=N["id"][i], iri=node, x=N["x"][i], y=N["y"][i], size=N["s"][i], color=color)
        if dim is not None:
            raw["dimension_label"] = dims[dim][lang] if dim in dims else str(dim)
        if size_by != "none":
            raw[size_by] = N["c"][i]
        if groups:
            g = N["g"][i]
            raw.update(group=groups["key"][g], group_label=groups["t" if lang == "th" else "e"][g])
        lines = provenance.get(node) if provenance is not None else data.get("provenance")
        if lines:
            raw["sources"] = list(lines)
        safe: dict = {}
        for key, value in raw.items():
            _flat(key, value, safe)
        node_items.append(safe)
    _one_type(node_items)

    edge_items = []
    for u, v, data in V.edges(data=True):
        tail = data.get("tail", u)
        head = v if tail == u else u
        relation = data.get("relation", "shares")
        raw = {k: val for k, val in data.items() if k not in ("tail", "both")}
        raw.update(relation=relation, label=relations.get(relation, {}).get(lang, relation),
                   weight=data.get("weight", 1), mutual=bool(data.get("both", False)))
        if "assets" in raw:  # node IRIs -> the codes people know (R001, D05)
            raw["assets"] = [entity_id(a) for a in raw["assets"]]
        if isinstance(raw.get("by_dimension"), Mapping):
            counts = raw.pop("by_dimension")
            raw["assets_by_dimension"] = {d: counts.get(d, 0) for d in (*DIMENSION_ORDER,
                                          *sorted(k for k in counts if k not in DIMENSION_ORDER))}
        safe = {}
        for key, value in raw.items():
            _flat(key, value, safe)
        edge_items.append((ids[tail], ids[head], safe))
    _one_type([e[2] for e in edge_items])

    if title is None:
        title = dict(zip(("th", "en"), VIEW_TITLES[view]))
    H = nx.Graph() if view == "agencies" else nx.DiGraph()
    H.graph.update(view=view, lang=lang, title=title[lang] if isinstance(title, Mapping) else str(title),
                   size_by=size_by, centrality=P["meta"]["sizeMethod"] or size_by)
    if subtitle:
        H.graph["subtitle"] = subtitle[lang] if isinstance(subtitle, Mapping) else str(subtitle)
    H.add_nodes_from((ids[n], _ordered(d, _NODE_ORDER)) for n, d in zip(nodes, node_items))
    H.add_edges_from((a, b, _ordered(d, _EDGE_ORDER))
                     for a, b, d in sorted(edge_items, key=lambda e: (e[0], e[1])))
    return H


# ---- the writers -------------------------------------------------------------------------------

def write_gexf(H: nx.Graph, path: str | Path, *, viz: bool = True) -> Path:
    """Write ``H`` (from :func:`export_graph`) as GEXF 1.2, UTF-8, and return the path.

    NetworkX's writer, with the title as the file's description and without the empty ``name``
    attribute NetworkX puts on ``<graph>`` (the GEXF 1.2 schema has none there);
    ``networkx.read_gexf`` reads it back. With ``viz`` (default) each node carries the map's
    colour, size and position as ``<viz:color>``, ``<viz:size>`` and ``<viz:position>``, as the
    GEXF primer and Gephi write them. The published 1.2 XSD declares those three elements in the
    main GEXF namespace instead, so a strict XSD validator rejects them; ``viz=False`` leaves
    them out (``x``, ``y``, ``size`` and ``color`` stay as attributes) for such tools.
    """
    from networkx.readwrite.gexf import GEXFWriter

    path = Path(path)
    G = H.copy()
    for _, data in G.nodes(data=True) if viz else ():
        viz_data = {"size": float(data.get("size", 10.0))}
        if "x" in data and "y" in data:
            viz_data["position"] = {"x": float(data["x"]), "y": float(-data["y"]), "z": 0.0}  # screen y grows down
        if isinstance(data.get("color"), str) and re.fullmatch(r"#[0-9a-fA-F]{6}", data["color"]):
            viz_data["color"] = {**_hex_rgb(data["color"]), "a": 1.0}
        data["viz"] = viz_data
    for key in list(G.graph):
        G.graph.pop(key)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None and H.graph.get("title"):
        from xml.etree.ElementTree import SubElement

        SubElement(meta, "description").text = str(H.graph["title"]) + (
            f" ({H.graph['subtitle']})" if H.graph.get("subtitle") else "")
    writer.add_graph(G)
    for graph in writer.xml.iter("graph"):
        if not graph.get("name"):
            graph.attrib.pop("name", None)
    with path.open("wb") as f:
        writer.write(f)
    return path


def write_graphml(H: nx.Graph, path: str | Path) -> Path:
    """Write ``H`` (from :func:`export_graph`) as GraphML, UTF-8, and return the path.

    Every attribute is declared with its type (``<key attr.type="double">`` ...);
    ``networkx.read_graphml`` reads it back.
    """
    path = Path(path)
    nx.write_graphml(H, path, encoding="utf-8", prettyprint=True)
    return path


def _csv_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(H: nx.Graph, stem: str | Path) -> tuple[Path, Path]:
    """Write ``STEM-nodes.csv`` and ``STEM-edges.csv`` for Kumu (see the module's docstring) and
    return both paths. UTF-8 with a byte-order mark, so Excel on Windows shows Thai correctly.

    ``Type`` is the node kind (edge relation) in the graph's language; ``Description`` the label
    in the other language; ``Tags`` the dimension and the target groups, ``|``-separated.
    A ``.csv`` suffix on ``stem`` is dropped (``-o net.csv`` gives ``net-nodes.csv``).
    """
    stem = Path(stem)
    if stem.suffix.lower() == ".csv":
        stem = stem.with_suffix("")
    lang = H.graph.get("lang", "th")
    other = "en" if lang == "th" else "th"
    nodes_path = stem.with_name(stem.name + "-nodes.csv")
    edges_path = stem.with_name(stem.name + "-edges.csv")

    rows, extra = [], []
    for node, data in H.nodes(data=True):
        tags = [data.get("dimension_label", "")] + str(data.get("target_groups", "")).split(LIST_SEPARATOR)
        row = {"ID": node, "Label": data.get("label", node), "Type": data.get("kind_label", data.get("kind", "")),
               "Description": data.get(f"label_{other}", ""), "Tags": "|".join(t for t in tags if t)}
        for key, value in data.items():
            if key != "label":
                row[key] = _csv_text(value)
                if key not in extra:
                    extra.append(key)
        rows.append(row)
    with nodes_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*NODE_COLUMNS, *extra], restval="")
        writer.writeheader()
        writer.writerows(rows)

    directed = H.is_directed()
    rows, extra = [], []
    for u, v, data in H.edges(data=True):
        direction = "mutual" if data.get("mutual") else ("directed" if directed else "undirected")
        row = {"From": u, "To": v, "Type": data.get("label", data.get("relation", "")), "Direction": direction,
               "Weight": _csv_text(data.get("weight", 1))}
        for key, value in data.items():
            if key not in ("label", "weight"):
                row[key] = _csv_text(value)
                if key not in extra:
                    extra.append(key)
        rows.append(row)
    with edges_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*EDGE_COLUMNS, *extra], restval="")
        writer.writeheader()
        writer.writerows(rows)
    return nodes_path, edges_path


def write_network_file(store, view: str, path: str | Path, fmt: str = "gexf", *, filters=None,
                       lang: str = "th", size_by: str = "betweenness", title: str | None = None,
                       seed: int = 0) -> tuple[nx.Graph, list[Path]]:
    """Read the network from ``store`` (restricted by ``filters``), build the graph of ``view``
    with the map's provenance lines (``sources``) and write it as ``fmt`` (``gexf``, ``graphml``
    or ``csv``; for ``csv`` ``path`` is the stem of the two files). Returns the graph and the
    paths written: what ``abegraph map VIEW --format FMT`` calls.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> H, paths = write_network_file(demo_store, "datasets", folder / "linkage.graphml", "graphml")
    >>> H.number_of_nodes(), [p.name for p in paths]
    (40, ['linkage.graphml'])
    >>> H.nodes["agency:EEF"] if "agency:EEF" in H else "datasets and keys only"
    'datasets and keys only'
    """
    if fmt not in FORMATS or fmt == "html":
        raise ValueError(f"no network file format {fmt!r}; choose gexf, graphml or csv")
    G = read_network(store, filters)
    H = export_graph(G, view, lang=lang, size_by=size_by, title=title, subtitle=filters_caption(filters),
                     provenance=read_provenance(store), seed=seed)
    if fmt == "gexf":
        paths = [write_gexf(H, path)]
    elif fmt == "graphml":
        paths = [write_graphml(H, path)]
    else:
        paths = list(write_csv(H, path))
    return H, paths
