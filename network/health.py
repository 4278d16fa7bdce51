"""Network health: the scores coalition studies report (PARTNER-style), from who shares what.

PARTNER and similar coalition tools ask members in a survey whom they work with; here a tie
is what the inventory already records: two agencies are tied when they hold or use at least
one asset (resource or dataset) together, the agency network of
:func:`~abegraph.network.projections.agency_network`. Every tie is one ``pair`` row of
``abegraph analyze sharing`` (with the assets behind it, by dimension), so each figure below
can be followed back to the pairs, and through them to the workbook rows of the assets.

The measures
------------
* **density**: ties / possible ties, ``2 m / (n (n - 1))`` (:func:`networkx.density`).
* **degree centralisation** (Freeman 1979): ``sum_i (d_max - d_i) / ((n - 1) (n - 2))``, 0
  when every agency has as many partners, 1 for a star where everything goes through one
  agency (:func:`freeman_centralisation`; ``None`` below 3 agencies, where it is undefined).
* **effective size** (Burt 1992, in Borgatti's form, as :func:`networkx.effective_size`):
  partners that are not tied to each other, the non-redundant ties; **efficiency** = effective
  size / partners. One implementation: :func:`abegraph.network.brokers.structural_holes`.
* **relative connectivity**: partners against the best-connected agency of the network (or of
  the coalition) = 100 % (:func:`relative_connectivity`), and its **contribution by dimension**:
  each tie is split over the four dimensions in proportion to the assets shared in each, so the
  contributions add up to the relative connectivity.
* **coalitions** are the communities of :func:`abegraph.network.coalitions.coalitions` (same
  numbers and names); each gets the same figures on its own ties.

Rows
----
First key ``section``: ``figure`` rows (the headline figures, for a summary page), one
``network`` row, the ``coalition`` rows (in coalition order), the ``agency`` rows (highest
relative connectivity first, then by id) and the ``measure`` rows (a legend). Floats are
rounded to 6 decimals; percentages run 0-100.

``figure`` -- one row per headline figure of the whole network:

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"figure"``
figure              ``density``, ``centralisation``, ``best_connected``,
                    ``mean_effective_size``, ``isolates``, ``coalitions``
label               what it is called, in ``lang``
value               the number (for ``best_connected``: its partners)
shown               the number as a person reads it (``18.2%``, ``0.41``), in ``lang``
based_on            the counts it rests on, as text in ``lang`` (``99 of 528 pairs``,
                    ``ใช้ร่วมกัน 99 คู่จาก 528 คู่``)
agency_ids          the agencies it names (best connected, sharing nothing), else ``[]``
meaning             one line (English) on what it says about this network
meaning_th          the same line in Thai
==================  ==========================================================================

``network`` and ``coalition`` (the same keys; ``coalition`` and ``name`` are ``0`` and
``""`` for the network):

====================  ========================================================================
key                   meaning
====================  ========================================================================
section               ``"network"`` or ``"coalition"``
coalition, name       the coalition's number and name (from ``analyze coalitions``)
agencies              number of agencies
agency_ids            their ids, sorted
ties                  pairs of them that share at least one asset
possible_ties         ``agencies (agencies - 1) / 2``
density               ``ties / possible_ties`` (0-1)
density_by_dimension  ``{dimension: density of the ties that share an asset of it}``
centralisation        Freeman degree centralisation (0-1; ``None`` below 3 agencies)
max_partners          partners of the best-connected agency
best_connected_ids    the agencies with ``max_partners`` partners
mean_effective_size   mean effective size of the agencies with a partner (0 if none has)
isolate_ids           agencies with no partner (in a coalition: none inside it)
meaning, meaning_th   one plain line on its density and centralisation, English / Thai
====================  ========================================================================

``agency``:

=================================  ===========================================================
key                                meaning
=================================  ===========================================================
section                            ``"agency"``
agency_id, agency                  id and name in ``lang``
coalition                          the number of its coalition
partners                           agencies it shares at least one asset with
partner_ids                        their ids, sorted (each one a ``pair`` row of sharing)
relative_connectivity              partners / ``max_partners`` of the network, in % (0-100)
by_dimension                       ``{dimension: percentage points of relative_connectivity}``:
                                   its ties split by the dimensions of the shared assets
partners_by_dimension              ``{dimension: partners it shares an asset of it with}``
effective_size                     non-redundant partners (0.0 when it shares nothing)
efficiency                         ``effective_size / partners`` (0-1; ``None`` if alone)
coalition_partners                 partners inside its coalition
coalition_relative_connectivity    ``coalition_partners`` against the coalition's best, in %
meaning, meaning_th                one plain line, English / Thai
=================================  ===========================================================

``measure``: ``measure`` (a key above), ``method`` (the formula), ``meaning`` and
``meaning_th`` (one line for a non-specialist).

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.health import health
>>> rows = health(read_network(demo_store))
>>> network = next(r for r in rows if r["section"] == "network")
>>> network["agencies"], network["ties"], network["density"]
(33, 99, 0.1875)
>>> network["best_connected_ids"], network["max_partners"]
(['KKPAO'], 18)
>>> print(next(r for r in rows if r["figure"] == "density")["meaning"])
18.8% of the possible pairs of agencies share at least one asset (99 of 528).
"""
from __future__ import annotations

import networkx as nx

from abegraph.linking.diff import source_store
from abegraph.network.brokers import structural_holes
from abegraph.network.coalitions import coalitions
from abegraph.network.projections import entity_id, holdings, induced, label, read_network
from abegraph.network.sharing import DIMENSIONS, dimension_counts, project_agencies

__all__ = ["health", "freeman_centralisation", "relative_connectivity", "dimension_contributions",
           "compare_health", "health_change", "MEASURES", "FIGURES"]

#: the headline figures, in the order of the ``figure`` rows: key -> (English, Thai label)
FIGURES = {
    "density": ("Density", "ความหนาแน่นของเครือข่าย"),
    "centralisation": ("Degree centralisation", "การรวมศูนย์ของเครือข่าย"),
    "best_connected": ("Best-connected agency", "หน่วยงานที่เชื่อมโยงมากที่สุด"),
    "mean_effective_size": ("Non-redundant ties per agency", "จำนวนความเชื่อมโยงที่ไม่ซ้ำซ้อนต่อหน่วยงาน"),
    "isolates": ("Agencies sharing nothing", "หน่วยงานที่ยังไม่ได้ใช้ทรัพยากรร่วมกับใคร"),
    "coalitions": ("Coalitions", "กลุ่มความร่วมมือ"),
}

#: measure -> (method, meaning, meaning in Thai): the ``measure`` rows
MEASURES = {
    "density": ("ties / possible ties = 2m / (n(n-1)) (networkx.density)",
                "How much of all possible sharing happens: 100% would mean every agency shares with every other.",
                "สัดส่วนของคู่หน่วยงานที่ใช้ทรัพยากรร่วมกันจริงจากทุกคู่ที่เป็นไปได้ 100% คือทุกหน่วยงานใช้ร่วมกับทุกหน่วยงาน"),
    "density_by_dimension": ("density of the ties that share an asset of the dimension",
                             "The same, counting only sharing of data, operations, knowledge or policy.",
                             "ความหนาแน่นเดียวกัน นับเฉพาะการใช้ร่วมในแต่ละมิติ (ข้อมูล การดำเนินงาน องค์ความรู้ นโยบาย)"),
    "centralisation": ("Freeman: sum(d_max - d_i) / ((n-1)(n-2)), unweighted",
                       "Whether sharing runs through a few agencies (near 1, like a star) "
                       "or is spread evenly (near 0).",
                       "การใช้ทรัพยากรร่วมผ่านหน่วยงานไม่กี่แห่ง (ใกล้ 1 แบบดาว) หรือกระจายทั่วถึง (ใกล้ 0)"),
    "effective_size": ("Burt's effective size, Borgatti's form (networkx.effective_size), unweighted",
                       "Partners that are not already tied to each other: ties that bring something new.",
                       "จำนวนหุ้นส่วนที่ไม่ได้เชื่อมกันเองอยู่แล้ว คือความเชื่อมโยงที่นำสิ่งใหม่มาให้"),
    "efficiency": ("effective size / partners",
                   "The share of its ties that are not redundant.",
                   "สัดส่วนของความเชื่อมโยงที่ไม่ซ้ำซ้อน"),
    "relative_connectivity": ("partners / partners of the best-connected agency x 100",
                              "How connected it is against the best-connected member (= 100%).",
                              "ระดับการเชื่อมโยงเทียบกับหน่วยงานที่เชื่อมโยงมากที่สุด (= 100%)"),
    "by_dimension": ("each tie split over dimensions in proportion to the shared assets; sums to "
                     "relative_connectivity",
                     "Which dimensions its connectivity comes from.",
                     "การเชื่อมโยงของหน่วยงานมาจากการใช้ทรัพยากรร่วมในมิติใด"),
}


def freeman_centralisation(A: nx.Graph) -> float | None:
    """Freeman's degree centralisation of an undirected graph (0-1), ``None`` below 3 nodes.

    Examples
    --------
    >>> freeman_centralisation(nx.star_graph(4)), freeman_centralisation(nx.complete_graph(5))
    (1.0, 0.0)
    >>> freeman_centralisation(nx.path_graph(2)) is None
    True
    """
    n = A.number_of_nodes()
    if n < 3:
        return None
    degrees = [d for _, d in A.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def relative_connectivity(A: nx.Graph, nodes=None) -> dict:
    """Each node's degree as a percentage of the highest degree among ``nodes`` (default: all).

    Examples
    --------
    >>> relative_connectivity(nx.star_graph(2))
    {0: 100.0, 1: 50.0, 2: 50.0}
    >>> relative_connectivity(nx.empty_graph(2))
    {0: 0.0, 1: 0.0}
    """
    nodes = list(A if nodes is None else nodes)
    top = max((A.degree(v) for v in nodes), default=0)
    return {v: (100.0 * A.degree(v) / top if top else 0.0) for v in nodes}


def dimension_contributions(A: nx.Graph, node, top: int) -> dict[str, float]:
    """Percentage points of ``node``'s relative connectivity (against ``top`` partners) that
    each dimension gives: each tie counts 1, split by its ``by_dimension`` asset counts.

    Examples
    --------
    >>> A = nx.Graph()
    >>> A.add_edge("a", "b", weight=2, by_dimension={"data": 1, "policy": 1})
    >>> A.add_edge("a", "c", weight=1, by_dimension={"data": 1})
    >>> dimension_contributions(A, "a", 2)
    {'data': 75.0, 'operations': 0.0, 'knowledge': 0.0, 'policy': 25.0}
    """
    shares: dict[str, float] = {d: 0.0 for d in DIMENSIONS}
    if not top:
        return shares
    for _, _, edge in A.edges(node, data=True):
        counts = edge.get("by_dimension") or {}
        total = sum(counts.values())
        for dim, count in sorted(counts.items()):
            shares[dim] = shares.get(dim, 0.0) + 100.0 * count / total / top
    return shares


def _round(x):
    return None if x is None else round(float(x), 6)


def _group(S: nx.Graph, members: list, ids: dict, eff: dict | None = None) -> dict:
    """The figures of one group of agencies (the network or a coalition) on its own ties
    (``S``: the agency network :func:`~abegraph.network.projections.induced` on them);
    ``eff``: the effective sizes when already computed on exactly these ties."""
    n, m = S.number_of_nodes(), S.number_of_edges()
    degrees = dict(S.degree())
    top = max(degrees.values(), default=0)
    by_dim = {}
    for dim in DIMENSIONS:
        tied = sum(1 for _, _, d in S.edges(data="by_dimension") if (d or {}).get(dim))
        by_dim[dim] = _round(2 * tied / (n * (n - 1)) if n > 1 else 0.0)
    linked = [v for v in members if degrees[v]]
    sub_eff = eff if eff is not None else structural_holes(S)[0]
    return {
        "agencies": n, "agency_ids": sorted(ids[v] for v in members), "ties": m,
        "possible_ties": n * (n - 1) // 2, "density": _round(nx.density(S)),
        "density_by_dimension": by_dim, "centralisation": _round(freeman_centralisation(S)),
        "max_partners": top, "best_connected_ids": sorted(ids[v] for v in members if top and degrees[v] == top),
        "mean_effective_size": _round(sum(sub_eff[v] for v in linked) / len(linked) if linked else 0.0),
        "isolate_ids": sorted(ids[v] for v in members if not degrees[v]),
    }


def _group_meaning(g: dict, where: tuple[str, str]) -> tuple[str, str]:
    if g["agencies"] < 2:
        return (f"{where[0][0].upper()}{where[0][1:]} is a single agency that shares no asset inside it.",
                f"{where[1]}มีหน่วยงานเดียว จึงไม่มีการใช้ทรัพยากรร่วมภายในกลุ่ม")
    density = 100 * (g["density"] or 0)
    en = (f"In {where[0]}, {g['ties']:,} of {g['possible_ties']:,} possible pairs share an asset "
          f"({density:.1f}%)")
    th = f"ใน{where[1]} หน่วยงาน {g['ties']:,} คู่จาก {g['possible_ties']:,} คู่ที่เป็นไปได้ใช้ทรัพยากรร่วมกัน ({density:.1f}%)"
    c = g["centralisation"]
    if c is None:
        return en + ".", th
    if c >= 0.5:
        en += f"; sharing runs through a few agencies (centralisation {c:.2f})."
        th += f" การใช้ร่วมผ่านหน่วยงานไม่กี่แห่ง (การรวมศูนย์ {c:.2f})"
    else:
        en += f"; sharing is spread over many agencies (centralisation {c:.2f})."
        th += f" การใช้ร่วมกระจายอยู่ในหลายหน่วยงาน (การรวมศูนย์ {c:.2f})"
    return en, th


def health(G: nx.MultiDiGraph, *, lang: str = "en", seed: int = 42) -> list[dict]:
    """Density, centralisation, non-redundant ties and relative connectivity, whole and per coalition.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of names and of ``shown``; ``meaning`` and ``meaning_th`` are always both given.
    seed : int
        Seed of the coalitions (as ``analyze coalitions``).

    Returns
    -------
    list of dict
        ``figure``, ``network``, ``coalition``, ``agency`` and ``measure`` rows; keys in the
        module docstring.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for a in "ABC":
    ...     G.add_node(a, kind="agency", label_en=a)
    >>> G.add_node("r", kind="resource", dimension="data")
    >>> _ = G.add_edge("r", "A", relation="held_by"), G.add_edge("r", "B", relation="shared_with")
    >>> rows = health(G)
    >>> [(r["agency_id"], r["partners"], r["relative_connectivity"]) for r in rows if r["section"] == "agency"]
    [('A', 1, 100.0), ('B', 1, 100.0), ('C', 0, 0.0)]
    >>> next(r for r in rows if r["section"] == "network")["density"]
    0.333333
    """
    B = holdings(G)
    A = project_agencies(B, assets=False)
    ids = {v: entity_id(v) for v in A}
    node_of = {i: v for v, i in ids.items()}
    eff = structural_holes(A)[0]
    whole = _group(A, list(A), ids, eff)
    groups = [r for r in coalitions(G, lang=lang, seed=seed) if r["section"] == "coalition"]
    coalition_of = {node_of[i]: g["coalition"] for g in groups for i in g["agency_ids"]}
    members_of = {g["coalition"]: [node_of[i] for i in g["agency_ids"]] for g in groups}

    rows = _figure_rows(G, whole, len(groups), node_of, lang)
    en, th = _group_meaning(whole, ("the whole network", "เครือข่ายทั้งหมด"))
    rows.append({"section": "network", "coalition": 0, "name": "", **whole, "meaning": en, "meaning_th": th})
    inside = {}
    for g in groups:
        members = members_of[g["coalition"]]
        S = induced(A, members)
        figures = _group(S, members, ids)
        inside.update(relative_connectivity(S))
        en, th = _group_meaning(figures, (f"coalition {g['coalition']}", f"กลุ่มความร่วมมือที่ {g['coalition']}"))
        rows.append({"section": "coalition", "coalition": g["coalition"], "name": g["name"], **figures,
                     "meaning": en, "meaning_th": th})
    rows += _agency_rows(G, A, ids, eff, whole["max_partners"], coalition_of, members_of, inside, lang)
    rows += [{"section": "measure", "measure": k, "method": method, "meaning": en, "meaning_th": th}
             for k, (method, en, th) in MEASURES.items()]
    return rows


def _figure_rows(G, whole: dict, n_coalitions: int, node_of: dict, lang: str) -> list[dict]:
    density = 100 * (whole["density"] or 0)
    c = whole["centralisation"]
    best = whole["best_connected_ids"]
    best_names_en = ", ".join(label(G, node_of[i], "en") for i in best)
    best_names_th = ", ".join(label(G, node_of[i], "th") for i in best)
    isolates = whole["isolate_ids"]
    eff = whole["mean_effective_size"]
    thai = lang == "th"
    agencies = f"{whole['agencies']:,} หน่วยงาน" if thai else f"{whole['agencies']:,} agencies"
    figures = {
        "density": (whole["density"], f"{density:.1f}%",
                    f"ใช้ร่วมกัน {whole['ties']:,} คู่จาก {whole['possible_ties']:,} คู่" if thai else
                    f"{whole['ties']:,} of {whole['possible_ties']:,} pairs",
                    f"{density:.1f}% of the possible pairs of agencies share at least one asset "
                    f"({whole['ties']:,} of {whole['possible_ties']:,}).",
                    f"หน่วยงาน {whole['ties']:,} คู่จาก {whole['possible_ties']:,} คู่ที่เป็นไปได้ ({density:.1f}%) "
                    "ใช้ทรัพยากรร่วมกันอย่างน้อยหนึ่งรายการ"),
        "centralisation": (c, "–" if c is None else f"{c:.2f}", agencies,
                           "Too few agencies to tell." if c is None else
                           (f"{c:.2f} on a scale from 0 (sharing spread evenly) to 1 (all through one agency): "
                            + ("a few agencies carry most of the sharing." if c >= 0.5 else
                               "sharing is spread over many agencies.")),
                           "หน่วยงานน้อยเกินกว่าจะบอกได้" if c is None else
                           (f"{c:.2f} จาก 0 (การใช้ร่วมกระจายทั่วถึง) ถึง 1 (ทุกอย่างผ่านหน่วยงานเดียว) "
                            + ("หน่วยงานไม่กี่แห่งแบกรับการใช้ร่วมส่วนใหญ่" if c >= 0.5 else
                               "การใช้ร่วมกระจายอยู่ในหลายหน่วยงาน"))),
        "best_connected": (whole["max_partners"], (best_names_th if thai else best_names_en) or "–",
                           f"คู่ร่วมมือ {whole['max_partners']} หน่วยงาน" if thai else f"{whole['max_partners']} partners",
                           f"{best_names_en or 'No agency'} shares with {whole['max_partners']} agencies: "
                           "the 100% that relative connectivity is measured against.",
                           f"{best_names_th or 'ไม่มีหน่วยงานใด'} ใช้ทรัพยากรร่วมกับ {whole['max_partners']} หน่วยงาน "
                           "เป็นเกณฑ์ 100% ของระดับการเชื่อมโยงเปรียบเทียบ"),
        "mean_effective_size": (eff, f"{eff:.2f}",
                                f"หน่วยงานที่มีคู่ร่วมมือ {whole['agencies'] - len(isolates):,} หน่วยงาน" if thai else
                                f"{whole['agencies'] - len(isolates):,} agencies with a partner",
                                f"An agency that shares has on average {eff:.2f} partners not already tied to each "
                                "other: ties that bring something new.",
                                f"หน่วยงานที่ใช้ทรัพยากรร่วมมีหุ้นส่วนที่ไม่ได้เชื่อมกันเองเฉลี่ย {eff:.2f} ราย "
                                "คือความเชื่อมโยงที่นำสิ่งใหม่มาให้"),
        "isolates": (len(isolates), str(len(isolates)),
                     f"{len(isolates):,} จาก {whole['agencies']:,} หน่วยงาน" if thai else
                     f"{len(isolates):,} of {whole['agencies']:,} agencies",
                     f"{len(isolates)} of {whole['agencies']:,} agencies share no asset with anyone yet.",
                     f"หน่วยงาน {len(isolates)} จาก {whole['agencies']:,} แห่งยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานใด"),
        "coalitions": (n_coalitions, str(n_coalitions), agencies,
                       f"The agencies fall into {n_coalitions} coalitions (see analyze coalitions); "
                       "each has its own density and centralisation below.",
                       f"หน่วยงานแบ่งเป็น {n_coalitions} กลุ่มความร่วมมือ (ดูหัวข้อกลุ่มความร่วมมือ) "
                       "แต่ละกลุ่มมีความหนาแน่นและการรวมศูนย์ของตนเอง"),
    }
    return [{"section": "figure", "figure": key, "label": FIGURES[key][1 if lang == "th" else 0],
             "value": value, "shown": shown, "based_on": based_on,
             "agency_ids": {"best_connected": best, "isolates": isolates}.get(key, []),
             "meaning": en, "meaning_th": th}
            for key, (value, shown, based_on, en, th) in figures.items()]


def _agency_rows(G, A, ids, eff, top, coalition_of, members_of, inside, lang) -> list[dict]:
    relative = relative_connectivity(A)
    rows = []
    for v in A:
        partners = sorted(ids[u] for u in A[v])
        by_dim = dimension_contributions(A, v, top)
        tied = {d: sum(1 for _, _, c in A.edges(v, data="by_dimension") if (c or {}).get(d)) for d in DIMENSIONS}
        coalition = coalition_of.get(v, 0)
        members = set(members_of.get(coalition, [v]))
        within = sum(1 for u in A[v] if u in members)
        e = eff.get(v, 0.0)
        rel = relative[v]
        main = max(by_dim, key=by_dim.get)  # ties: the first dimension in the usual order
        if partners:
            en = (f"Shares with {len(partners)} agencies ({rel:.0f}% of the best-connected), "
                  f"{e:.1f} of them not tied to each other; most of its ties come through "
                  f"{DIMENSIONS[main][0].lower() if main in DIMENSIONS else main}.")
            th = (f"ใช้ทรัพยากรร่วมกับ {len(partners)} หน่วยงาน ({rel:.0f}% ของหน่วยงานที่เชื่อมโยงมากที่สุด) "
                  f"ในจำนวนนี้ {e:.1f} รายไม่ได้เชื่อมกันเอง ความเชื่อมโยงส่วนใหญ่มาจากมิติ"
                  f"{DIMENSIONS[main][1] if main in DIMENSIONS else main}")
        else:
            en = "Shares no asset with another agency yet."
            th = "ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานอื่น"
        rows.append({
            "section": "agency", "agency_id": ids[v], "agency": label(G, v, lang), "coalition": coalition,
            "partners": len(partners), "partner_ids": partners, "relative_connectivity": _round(rel),
            "by_dimension": {d: _round(x) for d, x in by_dim.items()},
            "partners_by_dimension": dimension_counts(tied), "effective_size": _round(e),
            "efficiency": _round(e / len(partners)) if partners else None,
            "coalition_partners": within, "coalition_relative_connectivity": _round(inside.get(v, 0.0)),
            "meaning": en, "meaning_th": th,
        })
    rows.sort(key=lambda r: (-r["relative_connectivity"], r["agency_id"]))
    return rows


#: (section, figure) compared between two rounds by :func:`compare_health`
_COMPARED = {"network": ("agencies", "ties", "density", "centralisation", "max_partners", "mean_effective_size"),
             "agency": ("partners", "relative_connectivity", "effective_size")}


def compare_health(before: list[dict], after: list[dict], lang: str = "en") -> list[dict]:
    """The health figures that differ between two rounds, as rows of ``abegraph diff``.

    Network figures, and the figures of each agency present in both rounds (by id; agencies
    added or removed are the diff's own ``agency`` rows). Coalitions are not compared: they
    are found again in each round, so their numbers need not name the same group.

    Returns rows with the diff's keys: ``kind`` ``"health"``, ``change`` ``"changed"``, ``id``
    (the agency id, ``""`` for the network), ``name`` (in ``lang``), ``field`` (the figure), ``before``,
    ``after`` (as text).

    Examples
    --------
    >>> a = [{"section": "network", "agencies": 3, "ties": 1, "density": 0.333333}]
    >>> b = [{"section": "network", "agencies": 3, "ties": 2, "density": 0.666667}]
    >>> [(r["field"], r["before"], r["after"]) for r in compare_health(a, b)]
    [('ties', '1', '2'), ('density', '0.333333', '0.666667')]
    """
    def index(rows):
        out = {}
        for r in rows:
            if r["section"] == "network":
                out[("network", "")] = r
            elif r["section"] == "agency":
                out[("agency", r["agency_id"])] = r
        return out

    old, new = index(before), index(after)
    whole = "เครือข่ายทั้งหมด" if lang == "th" else "the whole network"
    rows = []
    for key in sorted(set(old) & set(new), key=lambda k: (k[0] != "network", k[1])):
        section, ident = key
        for figure in _COMPARED[section]:
            x, y = old[key].get(figure), new[key].get(figure)
            if x != y:
                rows.append({"kind": "health", "change": "changed", "id": ident,
                             "name": new[key].get("agency", "") if section == "agency" else whole,
                             "field": figure, "before": "" if x is None else str(x),
                             "after": "" if y is None else str(y)})
    return rows


def health_change(store, first: str, second: str, *, lang: str = "en") -> list[dict]:
    """The health figures that changed from round ``first`` to round ``second``.

    Each is a loaded source or a file (as ``abegraph diff`` takes them), and each is taken alone
    (:func:`abegraph.linking.diff.source_store`): its agencies and the sharing it records, with
    the agencies it refers to. Rows as :func:`compare_health`; ``[]`` when nothing changed.

    Examples
    --------
    >>> health_change(demo_store, "khonkaen-demo", "khonkaen-demo")
    []
    """
    rounds = []
    for name in (first, second):
        with source_store(store, name) as alone:
            rounds.append(health(read_network(alone), lang=lang))
    return compare_health(*rounds, lang=lang)
