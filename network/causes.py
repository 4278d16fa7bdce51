"""Causes: root causes, their leverage, reinforcing and balancing loops, causal chains, roots versus symptoms.

The causal graph (:func:`~abegraph.network.projections.causal_graph`) has every issue and cause
as a node and an edge cause -> effect for every ``abe:causes`` link. On it:

- a **root cause** causes something and nothing causes it (in-degree 0, out-degree > 0): the
  rule of the saved question ``root-causes``. A group of issues that cause each other and that
  nothing outside causes (a source of the condensation with more than one member, e.g. a
  causal graph that is all cycles) is reported as one root of kind ``"vicious_circle"``
  instead of leaving no root at all;
- **leverage** is the number of other issues and causes a node leads to, at any depth (its
  descendants; for a circle, those outside it);
- **vicious circles** are the simple cycles (:func:`networkx.simple_cycles`), at most
  ``max_cycle_length`` links long and at most ``max_cycles`` of them, so large graphs stay
  fast. Each is a **loop** of a causal loop diagram: **reinforcing** (``R1``, ``R2`` ...) when
  an even number of its links are negative (the causes sheet's ``polarity`` column, ``-`` /
  ``ลด``; links without one are ``+``), **balancing** (``B1`` ...) when the number is odd (see
  :func:`loop_polarity`). An asset **acts on a link** of a loop when it addresses the link's
  cause: what weakens a cause changes what it passes on along the link;
- **paths**: for each root and each node it reaches, one shortest chain (breadth-first, ties
  broken by id), not every simple path;
- a node's **position** is ``"root"`` (a root cause or a member of a root circle),
  ``"intermediate"`` (caused and causing), ``"symptom"`` (caused, causing nothing) or
  ``"unlinked"`` (in no causal link). A resource or dataset takes the most upstream position
  among the nodes it addresses.

Rows
----
Every row is a plain ``dict`` whose first key is ``section``; sections come in the order
below. Names are in ``lang``; ``reason`` is English and ``reason_th`` Thai, whatever ``lang``.
Ids are workbook ids (``C02``, ``R010``, ``D06``).

``root`` -- root causes and root circles, highest leverage first, then by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"root"``
kind                ``"cause"`` or ``"vicious_circle"``
issue_id            the root's id (for a circle: its first member by id)
issue               its name (for a circle: the members' names joined by slashes)
member_ids          ids of the members (one for a cause)
leverage            number of issues and causes it leads to (outside a circle)
reached_ids         their ids
assets              number of assets (resources and datasets) that address it (any member)
asset_ids           their ids
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``leverage`` -- every node that causes something, highest leverage first, then by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"leverage"``
issue_id, issue     the cause
position            ``"root"`` or ``"intermediate"``
in_cycle            true when it lies on a vicious circle
leverage            number of issues and causes it leads to, at any depth
direct_effects      number it causes directly
assets              number of assets that address it
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``cycle`` -- vicious circles (loops), shortest first, then by members.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"cycle"``
cycle_id            the circle as ids, starting at the smallest: ``C01 → I02 → C01``
member_ids          its members in causal order, starting at the smallest id
cycle               the members' names joined by arrows (→), back to the first
length              number of links
loop                its name in a causal loop diagram: ``R1``, ``R2`` ... for reinforcing
                    loops, ``B1`` ... for balancing ones, numbered in row order
loop_type           ``"reinforcing"`` (an even number of negative links) or ``"balancing"``
loop_name           ``loop``, a colon and ``cycle``: ``R1: Household poverty → ...``
polarities          the polarity of each link (``"+"`` or ``"-"``), the first from the first
                    member to the second
negative_links      number of ``"-"`` links
link_assets         ``{"C01 → I02": [asset ids], ...}``: per link, the assets that act on it
                    (they address its cause), ``[]`` where none does
assets              number of assets that address one of its members
asset_ids           their ids
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``path`` -- for each root (in ``root`` order) and each node it reaches (by distance, then id),
the shortest causal chain.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"path"``
root_id, root       the root (for a circle: the member the chain starts from)
issue_id, issue     the node reached
length              number of links in the chain
path_ids            ids along the chain, root first
path                names along the chain joined by arrows (→)
reason, reason_th   the chain in plain English / Thai
==================  ==========================================================================

``asset`` -- every resource and dataset that addresses an issue or cause, most upstream
first (root, intermediate, symptom, unlinked), then by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"asset"``
asset_id, asset     the resource or dataset
kind                ``"resource"`` or ``"dataset"``
dimension           its dimension key
position            ``"root"``, ``"intermediate"``, ``"symptom"`` or ``"unlinked"``
addressed_ids       ids of what it addresses
root_ids            those that are roots (root causes or root circle members)
breaks_cycle        true when it addresses a member of a vicious circle
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``issue`` -- every node that something causes, by id: are its root causes addressed?

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"issue"``
issue_id, issue     the issue or cause
root_ids            its root causes: roots and root circle members upstream of it (for a
                    member of a root circle, the circle's members, itself included)
addressed_root_ids  those that at least one asset addresses
at_root             true when ``addressed_root_ids`` is not empty
assets              number of assets that address it directly
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.causes import causes
>>> rows = causes(read_network(demo_store))
>>> [r["cycle_id"] for r in rows if r["section"] == "cycle"]
['C01 → I02 → C01', 'C01 → I03 → I02 → C01', 'C15 → I14 → I01 → C15', 'C01 → I05 → I03 → I02 → C01']
>>> top = next(r for r in rows if r["section"] == "root")
>>> top["issue_id"], top["leverage"], top["assets"]
('C02', 14, 8)
"""
from __future__ import annotations

from functools import cache
from itertools import islice

import networkx as nx

from abegraph.network.gaps import natural_key, node_key, plural
from abegraph.network.projections import ASSET_KINDS, causal_graph, entity_id, label, relations

__all__ = ["causes", "sorted_causal_graph", "root_units", "vicious_circles", "loop_polarity", "POSITIONS"]

#: positions in the causal graph, most upstream first
POSITIONS = ("root", "intermediate", "symptom", "unlinked")

_POSITION_TH = {"root": "สาเหตุราก", "intermediate": "สาเหตุระหว่างทาง", "symptom": "ปลายเหตุ (อาการ)",
                "unlinked": "ประเด็นที่ไม่มีความเชื่อมโยงเชิงเหตุและผล"}
_POSITION_EN = {"root": "a root cause", "intermediate": "an intermediate cause", "symptom": "a symptom",
                "unlinked": "an issue with no causal link"}
_POSITIONS_EN = {"root": "root causes", "intermediate": "intermediate causes", "symptom": "symptoms",
                 "unlinked": "issues with no causal link"}


_key = node_key


def sorted_causal_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The causal graph with nodes and edges inserted in id order, so that every traversal
    (cycles, shortest paths) gives the same answer whatever order the store returned.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["x/I2", "x/C1"], kind="issue")
    >>> _ = G.add_edge("x/C1", "x/I2", relation="causes")
    >>> list(sorted_causal_graph(G).edges)
    [('x/C1', 'x/I2')]
    """
    C = causal_graph(G)
    S = nx.DiGraph()
    S.add_nodes_from(sorted(C.nodes, key=_key))
    S.add_edges_from(sorted(C.edges(data=True), key=lambda e: (_key(e[0]), _key(e[1]))))
    return S


def root_units(C: nx.DiGraph) -> list[tuple[str, ...]]:
    """The roots of a causal graph: root causes as 1-tuples, root circles as sorted tuples.

    A root circle is a strongly connected group of more than one node that no node outside
    causes. Nodes in no causal link are not roots.

    Examples
    --------
    >>> root_units(nx.DiGraph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "x"), ("y", "z")]))
    [('a',), ('x', 'y')]
    """
    M = nx.condensation(C)
    units = []
    for scc in M.nodes:
        if M.in_degree(scc) == 0:
            members = tuple(sorted(M.nodes[scc]["members"], key=_key))
            if len(members) > 1 or C.out_degree(members[0]) > 0:
                units.append(members)
    return sorted(units, key=lambda u: _key(u[0]))


def vicious_circles(C: nx.DiGraph, *, max_length: int | None = 8, limit: int | None = 200):
    """The simple cycles of ``C``, each rotated to start at its smallest id, shortest first.

    At most ``limit`` cycles of at most ``max_length`` links are enumerated (``None``: no
    bound), so the answer stays fast on large graphs; which cycles are kept when the limit
    cuts in follows the id order of :func:`sorted_causal_graph`.

    Examples
    --------
    >>> vicious_circles(nx.DiGraph([("b", "a"), ("a", "b"), ("c", "c")]))
    [['c'], ['a', 'b']]
    """
    found = []
    for cycle in islice(nx.simple_cycles(C, length_bound=max_length), limit):
        start = min(range(len(cycle)), key=lambda i: _key(cycle[i]))
        found.append(cycle[start:] + cycle[:start])
    return sorted(found, key=lambda c: (len(c), [_key(n) for n in c]))


def causes(G: nx.MultiDiGraph, *, lang: str = "en", max_cycle_length: int | None = 8,
           max_cycles: int | None = 200) -> list[dict]:
    """Roots, leverage, vicious circles, causal chains, and whether assets address roots.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of the names; ``reason`` and ``reason_th`` are always both written.
    max_cycle_length, max_cycles : int or None
        Bounds on the vicious circles enumerated (see :func:`vicious_circles`).

    Returns
    -------
    list of dict
        Rows of sections ``root``, ``leverage``, ``cycle``, ``path``, ``asset`` and ``issue``;
        keys in the module docstring.

    Examples
    --------
    An all-cycles causal graph has no root cause but one root circle:

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["x/A", "x/B"], kind="issue")
    >>> _ = G.add_edges_from([("x/A", "x/B"), ("x/B", "x/A")], relation="causes")
    >>> root = causes(G)[0]
    >>> root["kind"], root["member_ids"], root["leverage"]
    ('vicious_circle', ['A', 'B'], 0)
    >>> causes(nx.MultiDiGraph())
    []
    """
    C = sorted_causal_graph(G)
    addressed_by: dict[str, list[str]] = {}
    for s, o in relations(G).pairs("addresses"):
        if o in C and G.nodes[s].get("kind") in ASSET_KINDS:
            addressed_by.setdefault(o, []).append(s)
    for node in addressed_by:
        addressed_by[node] = sorted(set(addressed_by[node]), key=_key)

    units = root_units(C)
    root_of = {m: unit for unit in units for m in unit}
    circles = vicious_circles(C, max_length=max_cycle_length, limit=max_cycles)
    on_cycle = {n for c in circles for n in c} | {n for scc in nx.strongly_connected_components(C)
                                                  if len(scc) > 1 for n in scc}

    @cache  # asked for every asset's every issue
    def position(node: str) -> str:
        if node in root_of:
            return "root"
        if C.in_degree(node) and C.out_degree(node):
            return "intermediate"
        return "symptom" if C.in_degree(node) else "unlinked"

    ctx = _Context(G, C, lang, addressed_by)
    roots = _root_rows(ctx, units)
    rows = roots + _leverage_rows(ctx, position, on_cycle)
    rows += _cycle_rows(ctx, circles)
    rows += _path_rows(ctx, units, roots)
    rows += _asset_rows(ctx, position, root_of, on_cycle)
    rows += _issue_rows(ctx, root_of)
    return rows


class _Context:
    def __init__(self, G, C, lang, addressed_by):
        self.G, self.C, self.lang, self.addressed_by = G, C, lang, addressed_by

    def name(self, node: str, lang: str | None = None) -> str:
        return label(self.G, node, lang or self.lang)

    def named(self, node: str, lang: str) -> str:
        return f"{label(self.G, node, lang)} ({entity_id(node)})"

    def assets(self, nodes) -> list[str]:
        return sorted({a for n in nodes for a in self.addressed_by.get(n, ())}, key=_key)


def _ids(nodes) -> list[str]:
    return [entity_id(n) for n in nodes]


def _root_rows(ctx: _Context, units) -> list[dict]:
    rows = []
    for unit in units:
        reached = set().union(*(nx.descendants(ctx.C, m) for m in unit)) - set(unit)
        reached = sorted(reached, key=_key)
        assets = ctx.assets(unit)
        circle = len(unit) > 1
        if circle:
            en_name = " / ".join(ctx.named(m, "en") for m in unit)
            th_name = " / ".join(ctx.named(m, "th") for m in unit)
            reason = (f"A vicious circle that nothing outside causes: {en_name} cause each other. "
                      "Together they lead to "
                      f"{plural(len(reached), 'other issue or cause', 'other issues and causes')}; "
                      f"{plural(len(assets), 'asset addresses', 'assets address')} a member.")
            reason_th = (f"วงจรปัญหาที่ไม่มีสาเหตุอื่นจากภายนอก: {th_name} เป็นเหตุของกันและกัน "
                         f"และส่งผลต่อประเด็นและสาเหตุอื่นอีก {len(reached)} รายการ "
                         f"มีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่แก้ปัญหาในวงจรนี้")
        else:
            en_name, th_name = ctx.named(unit[0], "en"), ctx.named(unit[0], "th")
            reason = (f"{en_name} has no cause of its own and leads to "
                      f"{plural(len(reached), 'issue or cause', 'issues and causes')}; "
                      f"{plural(len(assets), 'asset addresses', 'assets address')} it.")
            reason_th = (f"{th_name} ไม่มีสาเหตุอื่นมาก่อน "
                         f"และส่งผลต่อประเด็นและสาเหตุอื่น {len(reached)} รายการ "
                         f"มีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่แก้สาเหตุนี้")
        if not assets:
            reason += " Nothing addresses this root yet."
            reason_th += " (ยังไม่มีทรัพยากรใดแก้สาเหตุรากนี้)"
        rows.append({
            "section": "root", "kind": "vicious_circle" if circle else "cause",
            "issue_id": entity_id(unit[0]), "issue": " / ".join(ctx.name(m) for m in unit),
            "member_ids": _ids(unit), "leverage": len(reached), "reached_ids": _ids(reached),
            "assets": len(assets), "asset_ids": _ids(assets), "reason": reason, "reason_th": reason_th,
        })
    rows.sort(key=lambda r: (-r["leverage"], natural_key(r["issue_id"])))
    return rows


def _leverage_rows(ctx: _Context, position, on_cycle) -> list[dict]:
    rows = []
    for node in ctx.C:
        if not ctx.C.out_degree(node):
            continue
        leverage = len(nx.descendants(ctx.C, node) - {node})
        assets = ctx.addressed_by.get(node, [])
        pos = position(node)
        reason = (f"{ctx.named(node, 'en')} leads to "
                  f"{plural(leverage, 'other issue or cause', 'other issues and causes')} "
                  f"({ctx.C.out_degree(node)} directly); it is {_POSITION_EN[pos]}"
                  + (" on a vicious circle" if node in on_cycle else "")
                  + f", and {plural(len(assets), 'asset addresses', 'assets address')} it.")
        reason_th = (f"{ctx.named(node, 'th')} ส่งผลต่อประเด็นและสาเหตุอื่น {leverage} รายการ "
                     f"(โดยตรง {ctx.C.out_degree(node)} รายการ) เป็น{_POSITION_TH[pos]}"
                     + ("ที่อยู่ในวงจรปัญหา" if node in on_cycle else "")
                     + f" และมีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่แก้สาเหตุนี้")
        rows.append({
            "section": "leverage", "issue_id": entity_id(node), "issue": ctx.name(node),
            "position": pos, "in_cycle": node in on_cycle, "leverage": leverage,
            "direct_effects": ctx.C.out_degree(node), "assets": len(assets),
            "reason": reason, "reason_th": reason_th,
        })
    rows.sort(key=lambda r: (-r["leverage"], natural_key(r["issue_id"])))
    return rows


def loop_polarity(C: nx.DiGraph, cycle: list) -> tuple[str, list[str]]:
    """``("reinforcing" | "balancing", the polarity of each link)`` of a cycle of ``C``.

    A loop with an even number of negative (``"-"``) links reinforces whatever change goes round
    it; with an odd number it balances (counteracts) it. Links without ``polarity`` are ``"+"``.

    Examples
    --------
    >>> C = nx.DiGraph([("a", "b", {"polarity": "-"}), ("b", "a", {"polarity": "+"})])
    >>> loop_polarity(C, ["a", "b"])
    ('balancing', ['-', '+'])
    >>> loop_polarity(nx.DiGraph([("a", "b"), ("b", "a")]), ["a", "b"])
    ('reinforcing', ['+', '+'])
    """
    signs = [C.edges[u, v].get("polarity", "+") for u, v in zip(cycle, cycle[1:] + cycle[:1])]
    return ("balancing" if signs.count("-") % 2 else "reinforcing"), signs


def _cycle_rows(ctx: _Context, circles) -> list[dict]:
    rows = []
    numbers = {"reinforcing": 0, "balancing": 0}
    for cycle in circles:
        closed = cycle + cycle[:1]
        assets = ctx.assets(cycle)
        kind, signs = loop_polarity(ctx.C, cycle)
        numbers[kind] += 1
        loop = f"{kind[0].upper()}{numbers[kind]}"
        negative = signs.count("-")
        acting = {(u, v): ctx.addressed_by.get(u, []) for u, v in zip(closed, closed[1:])}
        links = {f"{entity_id(u)} → {entity_id(v)}": _ids(nodes) for (u, v), nodes in acting.items()}
        en = " → ".join(ctx.named(n, "en") for n in closed)
        th = " → ".join(ctx.named(n, "th") for n in closed)
        en_acts, th_acts = (_acting_on(ctx, acting, lang) for lang in ("en", "th"))
        if kind == "reinforcing":
            reason = (f"A reinforcing loop ({loop}), a vicious circle: {en}. Each problem feeds the next and "
                      f"comes back stronger; {plural(len(assets), 'asset addresses', 'assets address')} one of "
                      "its members, and addressing any one of them can break it.")
            reason_th = (f"วงจรเสริมแรง ({loop}) หรือวงจรปัญหา: {th} ปัญหาหนึ่งส่งผลต่อปัญหาถัดไปแล้ววนกลับมาแรงขึ้น "
                         f"มีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่แก้ปัญหาในวงจรนี้ "
                         "การแก้ปัญหาใดปัญหาหนึ่งในวงจรช่วยตัดวงจรได้")
        else:
            reason = (f"A balancing loop ({loop}): {en}. With {plural(negative, 'negative link', 'negative links')}, "
                      "a change in any member comes back against itself, so the loop holds things where they are; "
                      f"{plural(len(assets), 'asset addresses', 'assets address')} one of its members.")
            reason_th = (f"วงจรสมดุล ({loop}): {th} มีความสัมพันธ์แบบลด {negative} รายการ "
                         "การเปลี่ยนแปลงที่ใดในวงจรจะย้อนกลับมาต้านตัวเอง วงจรนี้จึงรักษาสภาพเดิมไว้ "
                         f"มีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่แก้ปัญหาในวงจรนี้")
        if en_acts:
            reason += f" Acting on its links: {en_acts}."
            reason_th += f" โดยแก้ที่ความสัมพันธ์: {th_acts}"
        rows.append({
            "section": "cycle", "cycle_id": " → ".join(_ids(closed)), "member_ids": _ids(cycle),
            "cycle": " → ".join(ctx.name(n) for n in closed), "length": len(cycle),
            "loop": loop, "loop_type": kind, "loop_name": f"{loop}: " + " → ".join(ctx.name(n) for n in closed),
            "polarities": signs, "negative_links": negative, "link_assets": links,
            "assets": len(assets), "asset_ids": _ids(assets),
            "reason": reason, "reason_th": reason_th,
        })
    return rows


def _acting_on(ctx: _Context, acting: dict[tuple[str, str], list[str]], lang: str) -> str:
    """The assets acting on a loop's links, named in ``lang``: the first three of each link
    ("name (D02), name (D05) and more on cause → issue"), or ``""`` when none acts."""
    more, on = (" และอื่น ๆ", "ที่") if lang == "th" else (" and more", "on")
    return "; ".join(f"{', '.join(ctx.named(a, lang) for a in nodes[:3])}{more if len(nodes) > 3 else ''} "
                     f"{on} {ctx.name(u, lang)} → {ctx.name(v, lang)}"
                     for (u, v), nodes in acting.items() if nodes)


def _path_rows(ctx: _Context, units, root_rows) -> list[dict]:
    order = {r["issue_id"]: i for i, r in enumerate(root_rows)}
    rows = []
    for unit in sorted(units, key=lambda u: order[entity_id(u[0])]):
        paths: dict[str, list[str]] = {}
        for member in unit:  # BFS from each member; keep the shortest, ties to the earlier member
            for target, path in nx.single_source_shortest_path(ctx.C, member).items():
                if target not in unit and (target not in paths or len(path) < len(paths[target])):
                    paths[target] = path
        for target in sorted(paths, key=lambda t: (len(paths[t]), _key(t))):
            path = paths[target]
            steps = len(path) - 1
            middle_en = " → ".join(ctx.named(n, "en") for n in path[1:-1])
            middle_th = " → ".join(ctx.named(n, "th") for n in path[1:-1])
            if steps == 1:
                reason = f"{ctx.named(path[0], 'en')} causes {ctx.named(target, 'en')} directly."
                reason_th = f"{ctx.named(path[0], 'th')} เป็นสาเหตุโดยตรงของ {ctx.named(target, 'th')}"
            else:
                reason = (f"{ctx.named(path[0], 'en')} leads to {ctx.named(target, 'en')} in {steps} steps, "
                          f"through {middle_en}.")
                reason_th = (f"{ctx.named(path[0], 'th')} ส่งผลถึง {ctx.named(target, 'th')} "
                             f"ผ่านห่วงโซ่ {steps} ขั้น "
                             f"โดยผ่าน {middle_th}")
            rows.append({
                "section": "path", "root_id": entity_id(path[0]), "root": ctx.name(path[0]),
                "issue_id": entity_id(target), "issue": ctx.name(target), "length": steps,
                "path_ids": _ids(path), "path": " → ".join(ctx.name(n) for n in path),
                "reason": reason, "reason_th": reason_th,
            })
    return rows


def _asset_rows(ctx: _Context, position, root_of, on_cycle) -> list[dict]:
    addresses: dict[str, list[str]] = {}
    for node, assets in ctx.addressed_by.items():
        for a in assets:
            addresses.setdefault(a, []).append(node)
    rows = []
    for asset in sorted(addresses, key=_key):
        targets = sorted(addresses[asset], key=_key)
        pos = min((position(t) for t in targets), key=POSITIONS.index)
        roots = [t for t in targets if t in root_of]
        top = [t for t in targets if position(t) == pos]
        breaks = [t for t in targets if t in on_cycle]
        en_top = ", ".join(ctx.named(t, "en") for t in top[:3])
        th_top = " ".join(ctx.named(t, "th") for t in top[:3])
        reason = f"It addresses {_POSITION_EN[pos] if len(top) == 1 else _POSITIONS_EN[pos]}: {en_top}."
        reason_th = f"แก้ปัญหาในระดับ{_POSITION_TH[pos]}: {th_top}"
        if pos in ("symptom", "intermediate"):
            reason += " None of the things it addresses is a root cause."
            reason_th += " แต่ยังไม่ได้แก้ที่สาเหตุราก"
        if breaks:
            reason += f" It can help break the vicious circle through {ctx.named(breaks[0], 'en')}."
            reason_th += f" และช่วยตัดวงจรปัญหาที่ {ctx.named(breaks[0], 'th')} ได้"
        data = ctx.G.nodes[asset]
        rows.append({
            "section": "asset", "asset_id": entity_id(asset), "asset": ctx.name(asset),
            "kind": data.get("kind"), "dimension": data.get("dimension"), "position": pos,
            "addressed_ids": _ids(targets), "root_ids": _ids(roots), "breaks_cycle": bool(breaks),
            "reason": reason, "reason_th": reason_th,
        })
    rows.sort(key=lambda r: (POSITIONS.index(r["position"]), natural_key(r["asset_id"])))
    return rows


def _issue_rows(ctx: _Context, root_of) -> list[dict]:
    rows = []
    for node in ctx.C:
        if not ctx.C.in_degree(node):
            continue
        upstream = {a for a in nx.ancestors(ctx.C, node) if a in root_of} | set(root_of.get(node, ()))
        roots = sorted(upstream, key=_key)
        addressed = [r for r in roots if ctx.addressed_by.get(r)]
        direct = ctx.addressed_by.get(node, [])
        if addressed:
            every = len(addressed) == len(roots)
            share = ({1: "the only", 2: "both"}.get(len(roots), f"all {len(roots)}") if every
                     else f"{len(addressed)} of the {len(roots)}")
            share_th = (f"ครบทั้ง {len(roots)} สาเหตุ" if every
                        else f" {len(addressed)} จาก {len(roots)} สาเหตุ")
            noun = "cause" if len(roots) == 1 else "causes"
            reason = (f"Assets address {share} root {noun} upstream of it: "
                      + ", ".join(ctx.named(r, "en") for r in addressed[:3])
                      + (f" and {len(addressed) - 3} more" if len(addressed) > 3 else "") + ".")
            reason_th = (f"มีทรัพยากรแก้สาเหตุรากของประเด็นนี้{share_th} ได้แก่ "
                         + " ".join(ctx.named(r, "th") for r in addressed[:3])
                         + (f" และอีก {len(addressed) - 3} สาเหตุ" if len(addressed) > 3 else ""))
        elif roots:
            none = ("Its only root cause is not" if len(roots) == 1
                    else f"None of its {len(roots)} root causes is")
            reason = (f"{none} addressed; "
                      f"{plural(len(direct), 'asset addresses', 'assets address')} "
                      "the issue itself or causes further down.")
            reason_th = (f"ยังไม่มีทรัพยากรใดแก้สาเหตุรากทั้ง {len(roots)} สาเหตุของประเด็นนี้ "
                         f"มีเพียง {len(direct)} รายการที่แก้ตัวประเด็นเองหรือสาเหตุที่อยู่ถัดลงมา")
        else:
            reason = "Its causes form a vicious circle with no root outside it; see the cycle rows."
            reason_th = "สาเหตุของประเด็นนี้เป็นวงจรปัญหาที่ไม่มีสาเหตุรากจากภายนอก ดูรายการวงจรปัญหา"
        rows.append({
            "section": "issue", "issue_id": entity_id(node), "issue": ctx.name(node),
            "root_ids": _ids(roots), "addressed_root_ids": _ids(addressed), "at_root": bool(addressed),
            "assets": len(direct), "reason": reason, "reason_th": reason_th,
        })
    return rows
