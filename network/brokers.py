"""Brokers: which agencies hold the sharing network together, and what it cannot afford to lose.

Computed on the agency network (:func:`~abegraph.network.projections.agency_network`: two
agencies are tied when they hold or use at least one asset together; ``weight`` = the number
of such assets) and, for assets, on the agency–asset graph
(:func:`~abegraph.network.projections.holdings`).

Which weight each measure uses
------------------------------
* ``degree``, ``partners``: unweighted (how many agencies it shares with).
* ``betweenness``: **unweighted** hop counts. A tie is a tie: the question is who links
  agencies that would otherwise not meet, and with distance = 1/weight a chain of two strong
  ties would count as "shorter" than a direct weak tie, hiding the direct link. Normalised:
  the share of pairs of other agencies whose shortest chains pass through it (fractionally
  when there are several). Exact below
  :data:`~abegraph.network.centrality.EXACT_BELOW` agencies, sampled above (see
  :func:`abegraph.network.centrality.betweenness`, which also sizes the maps' nodes).
* ``eigenvector``: weighted by shared assets, per connected component (see
  :func:`abegraph.network.centrality.eigenvector`); 0 for agencies that share nothing.
* ``effective_size``: unweighted (Burt's effective size in Borgatti's form: partners minus
  the average number of ties each partner has to its other partners); 0.0 when it shares
  nothing.
* ``constraint``: Burt's constraint weighted by shared assets; ``None`` (JSON ``null``) when it
  shares nothing, where it is undefined.
* single points of failure: articulation points of the agency network (agencies) and of the
  agency–asset graph (assets: resources and datasets).

Rows
----
First key ``section``; rows of ``agency``, then ``single_point``, then ``measure``. Floats are
rounded to 6 decimals.

``agency`` -- one row per agency, top broker first (by ``betweenness``, then ``eigenvector``,
descending, then ``agency_id``):

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"agency"``
agency_id           workbook id (``KKPAO``)
agency              name in ``lang``
partners            number of agencies it shares at least one asset with
shared_assets       number of its assets (held or used) that another agency also holds or uses
degree              ``partners`` / (agencies − 1)
betweenness         share of the pairs of other agencies whose shortest chain of sharing passes
                    through it (0–1)
eigenvector         weighted eigenvector centrality (0–1; see above)
effective_size      non-redundant partners (unweighted)
constraint          Burt's constraint, weighted (0–1; lower = more brokerage; ``None`` if alone)
single_point        ``True`` when removing it cuts other agencies off from the network
cut_off_ids         ids of the agencies it would cut off (sorted; ``[]`` if none)
depends_on_ids      ids of the single points (agencies or assets) whose loss would cut it off
meaning             one plain-language line (English) on its place in the network
meaning_th          the same line in Thai
==================  ==========================================================================

``single_point`` -- one row per agency or asset whose removal disconnects agencies, agencies
first, then by most agencies cut off, then by id:

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"single_point"``
kind                ``agency``, ``resource`` or ``dataset``
node_id             its workbook id
node                its name in ``lang``
pieces              number of parts its part of the network would fall into without it
cut_off_ids         ids of the agencies outside the largest remaining part (sorted)
meaning             one plain-language line (English): who would be cut off
meaning_th          the same line in Thai
==================  ==========================================================================

``measure`` -- one row per measure, a legend for the columns above:

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"measure"``
measure             the key in the ``agency`` rows (``betweenness`` ...)
method              how it was computed: weight used, exact or sampled
meaning             one plain-language line (English) for a non-specialist
meaning_th          the same line in Thai
==================  ==========================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.brokers import brokers
>>> rows = brokers(read_network(demo_store))
>>> top = rows[0]
>>> top["agency_id"], top["partners"], top["betweenness"]
('KKPAO', 18, 0.071168)
>>> print(top["meaning"])
Shares assets with 18 agencies; is on the shortest chain between 7.1% of the pairs of other
agencies: the network's main broker.
>>> [(r["node_id"], r["cut_off_ids"]) for r in rows if r["section"] == "single_point"]
[('MSDHS-KK', ['DCY']), ('R013', ['NESDC']), ('R062', ['KK-YOUTH'])]
"""
from __future__ import annotations

import networkx as nx
import numpy as np
from scipy import sparse

from abegraph.network.centrality import EXACT_BELOW, SEED, betweenness, betweenness_sources, eigenvector
from abegraph.network.projections import entity_id, holdings, label, once
from abegraph.network.sharing import project_agencies

__all__ = ["brokers", "structural_holes", "single_points", "cut_sets"]

_MEASURES = {
    "partners": ("unweighted",
                 "How many other agencies it shares at least one asset with.",
                 "จำนวนหน่วยงานอื่นที่ใช้ทรัพยากรร่วมกันอย่างน้อยหนึ่งรายการ"),
    "shared_assets": ("distinct assets",
                      "How many of its assets another agency also holds or uses.",
                      "จำนวนทรัพยากรของหน่วยงานที่มีหน่วยงานอื่นเป็นเจ้าของร่วมหรือใช้ร่วม"),
    "degree": ("unweighted, partners / (agencies - 1)",
               "The share of all other agencies it works with directly.",
               "สัดส่วนของหน่วยงานอื่นทั้งหมดที่ทำงานร่วมกันโดยตรง"),
    "betweenness": ("unweighted hops",
                    "How often it is the link on the shortest chain between two other agencies: "
                    "a broker joins groups that would otherwise not meet.",
                    "ความถี่ที่หน่วยงานนี้เป็นตัวเชื่อมบนเส้นทางสั้นที่สุดระหว่างหน่วยงานอื่นสองแห่ง "
                    "ตัวกลางเชื่อมกลุ่มที่มิฉะนั้นจะไม่ได้พบกัน"),
    "eigenvector": ("weight = shared assets, per connected component",
                    "High when it shares much with agencies that themselves share much: "
                    "close to the centre of the action.",
                    "สูงเมื่อใช้ทรัพยากรร่วมกันมากกับหน่วยงานที่ใช้ร่วมกับผู้อื่นมากเช่นกัน "
                    "คืออยู่ใกล้ศูนย์กลางของเครือข่าย"),
    "effective_size": ("unweighted (Borgatti)",
                       "How many of its partners are not already tied to each other: "
                       "the number of separate circles it reaches.",
                       "จำนวนหุ้นส่วนที่ไม่ได้เชื่อมกันเองอยู่แล้ว "
                       "คือจำนวนกลุ่มที่แยกกันซึ่งหน่วยงานนี้เข้าถึงได้"),
    "constraint": ("weight = shared assets (Burt)",
                   "How much its sharing depends on a few partners who are tied to each other: "
                   "high means few alternatives, low means a broker with options.",
                   "ระดับที่การใช้ทรัพยากรร่วมพึ่งพาหุ้นส่วนไม่กี่รายที่เชื่อมกันเอง "
                   "สูงคือมีทางเลือกน้อย ต่ำคือเป็นตัวกลางที่มีทางเลือก"),
    "single_point": ("articulation points: agency network for agencies, agency-asset graph for assets",
                     "An agency or asset whose loss would leave some agencies with no link "
                     "to the rest of the network.",
                     "หน่วยงานหรือทรัพยากรที่หากขาดไป "
                     "จะทำให้บางหน่วยงานไม่มีทางเชื่อมกับเครือข่ายส่วนที่เหลือ"),
}


def structural_holes(A: nx.Graph, *, weight: str = "weight") -> tuple[dict, dict]:
    """Burt's effective size (unweighted) and constraint (weighted by ``weight``) of each node.

    Nodes without neighbours are left out (both are undefined there). ``A`` is expected to
    have no self-loops, as agency networks do not.

    Parameters
    ----------
    A : nx.Graph
        An undirected graph (not modified).
    weight : str
        Edge attribute used for constraint.

    Returns
    -------
    (dict, dict)
        node -> effective size, node -> constraint.

    Notes
    -----
    The answers of ``nx.effective_size`` and ``nx.constraint`` (tested), with sparse matrices
    at every size: effective size is ``partners - 2 * triangles / partners`` and constraint is
    ``sum_j (P_ij + (P @ P)_ij)^2`` over the neighbours ``j`` of ``i``, with ``P`` the
    row-normalised weight matrix, computed in blocks of rows. NetworkX's constraint took 559 s
    on a 400-agency province (6,463 ties) and minutes at 5,000 agencies; this takes a fraction
    of a second on the first and seconds on the second.

    Examples
    --------
    >>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "c")])
    >>> eff, con = structural_holes(G)
    >>> eff["hub"], round(con["hub"], 3), round(con["c"], 3)
    (2.333..., 0.611, 1.0)
    """
    linked = [v for v in A if A.degree(v)]
    if not linked:
        return {}, {}
    W = nx.to_scipy_sparse_array(A, nodelist=linked, weight=weight, format="csr")
    W = sparse.csr_matrix(W, dtype=float)
    T = W.copy()
    T.data[:] = 1.0
    strength = np.asarray(W.sum(axis=1)).ravel()
    P = sparse.diags(1.0 / strength) @ W
    P = sparse.csr_matrix(P)
    n = len(linked)
    degree = np.asarray(T.sum(axis=1)).ravel()
    triangles = np.zeros(n)
    constraint = np.zeros(n)
    step = max(1, 4_000_000 // max(n, 1))
    for r0 in range(0, n, step):
        rows = slice(r0, min(n, r0 + step))
        Tb = T[rows]
        triangles[rows] = np.asarray((Tb @ T).multiply(Tb).sum(axis=1)).ravel() / 2
        Pb = P[rows]
        local = Pb + (Pb @ P).multiply(Tb)
        constraint[rows] = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    effective = degree - 2 * triangles / degree
    return (dict(zip(linked, effective.tolist())), dict(zip(linked, constraint.tolist())))


def cut_sets(H: nx.Graph, keep=None, only=None) -> dict:
    """What each articulation point of ``H`` would cut off.

    For every articulation point ``v`` (restricted to those passing ``only``): the number of
    parts its component falls into without it, and the nodes passing ``keep`` outside the
    largest part, sorted (largest by number of ``keep`` nodes; ties: the part holding the
    smallest of ``v``'s neighbours). Linear in the size of ``H`` plus the cut-off parts: part
    sizes come from the block-cut tree, and only the smaller parts are walked.

    Examples
    --------
    >>> cut_sets(nx.Graph([("a", "b"), ("b", "c"), ("c", "d")]))
    {'b': (2, ['a']), 'c': (2, ['d'])}
    """
    keep = keep or (lambda _: True)
    only = only or (lambda _: True)
    cuts = set(nx.articulation_points(H))
    if not cuts:
        return {}
    block_of: dict = {}
    T = nx.Graph()  # the block-cut tree: ("b", i) blocks, ("c", v) articulation points
    for i, edges in enumerate(nx.biconnected_component_edges(H)):
        nodes = set()
        for u, v in edges:
            block_of[u, v] = block_of[v, u] = i
            nodes.update((u, v))
        T.add_node(("b", i), weight=sum(1 for n in nodes if n not in cuts and keep(n)))
        T.add_edges_from((("b", i), ("c", n)) for n in nodes if n in cuts)
    for v in cuts:
        T.nodes["c", v]["weight"] = 1 if keep(v) else 0
    found = {}
    for component in nx.connected_components(T):
        root = next(iter(component))
        parent = nx.dfs_predecessors(T, root)
        below = {x: T.nodes[x]["weight"] for x in component}
        for x in reversed(list(nx.dfs_preorder_nodes(T, root))):
            if x in parent:
                below[parent[x]] += below[x]
        total = below[root]
        for kind, v in component:
            if kind != "c" or not only(v):
                continue
            x = ("c", v)
            size = {y[1]: (total - below[x] if parent.get(x) == y else below[y]) for y in T[x]}
            nearest: dict = {}
            for u in H[v]:
                b = block_of[v, u]
                nearest.setdefault(b, []).append(u)
            first = {b: min(us) for b, us in nearest.items()}
            main = min(size, key=lambda b: (-size[b], first[b]))
            cut = []
            for b in size:
                if b != main:
                    cut += [n for n in _walk(H, nearest[b], v) if keep(n)]
            found[v] = (len(size), sorted(cut))
    return dict(sorted(found.items()))


def _walk(H: nx.Graph, start: list, avoid) -> set:
    """The nodes reachable from ``start`` without passing ``avoid``."""
    seen = set(start)
    stack = list(start)
    while stack:
        for n in H[stack.pop()]:
            if n != avoid and n not in seen:
                seen.add(n)
                stack.append(n)
    return seen


def single_points(A: nx.Graph, B: nx.Graph) -> list[tuple[str, int, list]]:
    """Agencies (in ``A``) and assets (in ``B``) whose removal disconnects agencies.

    Returns ``(node, pieces, cut_off_agencies)`` tuples, agencies first, each group in node
    order (see :func:`cut_sets`; assets that cut off no agency are left out).

    Examples
    --------
    >>> A = nx.Graph([("a", "b"), ("b", "c")])
    >>> B = nx.Graph([("a", "r1"), ("b", "r1"), ("b", "r2"), ("c", "r2")])
    >>> nx.set_node_attributes(B, {n: int(n.startswith("r")) for n in B}, "bipartite")
    >>> single_points(A, B)
    [('b', 2, ['c']), ('r1', 2, ['a']), ('r2', 2, ['c'])]
    """
    found = [(n, pieces, cut) for n, (pieces, cut) in cut_sets(A).items()]
    is_agency = {n: d.get("bipartite") == 0 for n, d in B.nodes(data=True)}
    assets = cut_sets(B, keep=is_agency.get, only=lambda n: not is_agency[n])
    found += [(n, pieces, cut) for n, (pieces, cut) in assets.items() if cut]
    return found


def _names(names: list[str], lang: str = "en", limit: int = 5) -> str:
    """``names`` for a sentence: at most ``limit`` of them, then how many more."""
    shown = ", ".join(names[:limit])
    if len(names) <= limit:
        return shown
    more = len(names) - limit
    return f"{shown} และอีก {more} หน่วยงาน" if lang == "th" else f"{shown} and {more} more"


def _percent(x: float) -> str:
    return f"{x * 100:.1f}%" if x >= 0.0005 else "under 0.1%"


def _agency_meaning(partners: int, bt: float, top: float, cut: dict[str, list[str]],
                    depends: dict[str, list[str]]) -> tuple[str, str]:
    """The agency row's sentence in English and Thai; ``cut`` and ``depends`` give, per
    language, the names of the agencies it would cut off and of the nodes it hangs on."""
    if partners == 0:
        return ("Shares no asset with any other agency yet, so it links no one.",
                "ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานใด จึงยังไม่ได้เชื่อมโยงกับใคร")
    en = [f"Shares assets with {partners} {'agency' if partners == 1 else 'agencies'}"]
    th = [f"ใช้ทรัพยากรร่วมกับ {partners} หน่วยงาน"]
    if bt > 0:
        pct_en, pct_th = _percent(bt), _percent(bt).replace("under", "น้อยกว่า")
        en.append(f"is on the shortest chain between {pct_en} of the pairs of other agencies"
                  + (": the network's main broker" if bt >= top else ""))
        th.append(f"เป็นทางผ่านบนเส้นทางสั้นที่สุดของคู่หน่วยงานอื่น {pct_th}"
                  + (" เป็นตัวกลางหลักของเครือข่าย" if bt >= top else ""))
    else:
        en.append("no chain between other agencies needs it")
        th.append("ไม่ได้เป็นทางผ่านที่จำเป็นระหว่างหน่วยงานอื่น")
    if cut["en"]:
        en.append(f"without it {_names(cut['en'])} would be cut off")
        th.append(f"หากขาดหน่วยงานนี้ {_names(cut['th'], 'th')} จะถูกตัดขาดจากเครือข่าย")
    if depends["en"]:
        en.append(f"its only way to the rest of the network goes through {', '.join(depends['en'])}")
        th.append(f"เชื่อมกับเครือข่ายส่วนที่เหลือได้ผ่าน {', '.join(depends['th'])} เท่านั้น")
    return "; ".join(en) + ".", " ".join(th)


def brokers(G: nx.MultiDiGraph, *, lang: str = "en", exact_below: int = EXACT_BELOW,
            k: int | None = None, seed: int = SEED) -> list[dict]:
    """Centrality, structural holes and single points of failure of the agency network.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of the names; ``meaning`` and ``meaning_th`` are always both given.
    exact_below, k, seed
        Betweenness is exact below ``exact_below`` agencies, else sampled from ``k`` sources
        (default: :data:`~abegraph.network.centrality.SAMPLE_K`) with ``seed``
        (:func:`abegraph.network.centrality.betweenness`).

    Returns
    -------
    list of dict
        Rows of sections ``agency``, ``single_point``, ``measure``; keys in the module docstring.

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> rows = brokers(read_network(demo_store), lang="th")
    >>> rows[0]["agency"]
    'องค์การบริหารส่วนจังหวัดขอนแก่น'
    >>> print(rows[0]["meaning_th"])
    ใช้ทรัพยากรร่วมกับ 18 หน่วยงาน เป็นทางผ่านบนเส้นทางสั้นที่สุดของคู่หน่วยงานอื่น 7.1%
    เป็นตัวกลางหลักของเครือข่าย
    >>> [r["measure"] for r in brokers(nx.MultiDiGraph())]
    ['partners', 'shared_assets', 'degree', 'betweenness', 'eigenvector', 'effective_size',
     'constraint', 'single_point']

    See Also
    --------
    abegraph.network.centrality.betweenness, abegraph.network.centrality.eigenvector, single_points
    """
    B = holdings(G)
    A = project_agencies(B, assets=False)
    n = A.number_of_nodes()
    sources = betweenness_sources(n, A.number_of_edges(), k=k, exact_below=exact_below, seed=seed)

    def measures():
        return (betweenness(A, k=k, exact_below=exact_below, seed=seed), eigenvector(A),
                structural_holes(A, weight="weight"), single_points(A, B))

    between, eigen, (effective, constraint), points = once(G, ("brokers", exact_below, k, seed), measures)
    cuts = {node: cut for node, _, cut in points}
    depends: dict = {}
    for node, _, cut in points:
        for agency in cut:
            depends.setdefault(agency, []).append(node)
    ids = {v: entity_id(v) for v in B}
    top = max(between.values(), default=0.0)

    agencies = []
    for v in A:
        partners = A.degree(v)
        bt = round(between[v], 6)
        cut_nodes = sorted(cuts.get(v, []), key=ids.get)
        depends_on = sorted(depends.get(v, []), key=ids.get)
        cut = [ids[c] for c in cut_nodes]
        en, th = _agency_meaning(partners, bt, round(top, 6),
                                 {lang_: [label(G, c, lang_) for c in cut_nodes] for lang_ in ("en", "th")},
                                 {lang_: [label(G, d, lang_) for d in depends_on] for lang_ in ("en", "th")})
        eff = effective.get(v, 0.0) if partners else 0.0
        agencies.append({
            "section": "agency", "agency_id": ids[v], "agency": label(G, v, lang),
            "partners": partners,
            "shared_assets": sum(1 for a in B[v] if B.degree(a) > 1),
            "degree": round(partners / (n - 1), 6) if n > 1 else 0.0,
            "betweenness": bt,
            "eigenvector": round(eigen[v], 6),
            "effective_size": round(float(eff), 6),
            "constraint": round(float(constraint[v]), 6) if partners else None,
            "single_point": bool(cut),
            "cut_off_ids": cut,
            "depends_on_ids": [ids[d] for d in depends_on],
            "meaning": en, "meaning_th": th,
        })
    agencies.sort(key=lambda r: (-r["betweenness"], -r["eigenvector"], r["agency_id"]))

    singles = []
    for node, pieces, cut in points:
        kind = G.nodes[node]["kind"]
        cut_nodes = sorted(cut, key=ids.get)
        cut_ids = [ids[c] for c in cut_nodes]
        names = _names([label(G, c, "en") for c in cut_nodes])
        names_th = _names([label(G, c, "th") for c in cut_nodes], "th")
        if kind == "agency":
            en = (f"If {label(G, node, 'en')} ({ids[node]}) stopped sharing, {names} would lose every link "
                  "to the rest of the network.")
            th = (f"หาก {label(G, node, 'th')} ({ids[node]}) หยุดใช้ทรัพยากรร่วม {names_th} "
                  "จะไม่มีทางเชื่อมกับเครือข่ายส่วนที่เหลือ")
        else:
            en = (f"{ids[node]} ({label(G, node, 'en')}) is the only link between {names} and the rest "
                  "of the network: if it ended, they would be cut off.")
            th = (f"{ids[node]} ({label(G, node, 'th')}) เป็นทางเชื่อมเดียวระหว่าง {names_th} "
                  "กับเครือข่ายส่วนที่เหลือ หากยุติลงจะถูกตัดขาด")
        singles.append({"section": "single_point", "kind": kind, "node_id": ids[node],
                        "node": label(G, node, lang), "pieces": pieces,
                        "cut_off_ids": cut_ids, "meaning": en, "meaning_th": th})
    singles.sort(key=lambda r: (r["kind"] != "agency", -len(r["cut_off_ids"]), r["node_id"]))

    measures = []
    for key, (method, en, th) in _MEASURES.items():
        if key == "betweenness":
            method += (f", sampled from {len(sources)} source agencies (seed {seed}) of {n}" if sources
                       else ", exact")
        measures.append({"section": "measure", "measure": key, "method": method,
                         "meaning": en, "meaning_th": th})
    return agencies + singles + measures
