"""Gaps: issues, causes, target groups and districts with nothing (or too little) behind them.

An **asset** is a resource or a dataset. Datasets count: they are ``abe:Resource``\\ s of the
data dimension, so an issue that only a dataset addresses (I11 stateless children, addressed
by D11 G-code records, in the demo) is covered, in the data dimension only. An asset is
*behind* an issue when it ``abe:addresses`` it, *behind* a target group when it names it in
``abe:targetGroup`` (only resources carry target groups), and *behind* a district when it
covers (``abe:coversArea``/``dcterms:spatial``) that district or one of its subdistricts:
a 4-digit DOPA code, or a longer code that starts with it, or an area whose ``skos:broader``
chain reaches it. Assets that cover the whole province are counted separately, in
``province_wide``: they do not make a district covered. The agencies behind an asset are
those that hold it (``abe:heldBy``) or use it (``abe:sharedWith``).

An issue or cause is covered **through a cause** when nothing addresses it directly but an
asset addresses one of its causes, at any depth of the causal chain: the rule of the saved
question ``issues-without-resources``, whose answer is exactly the ``uncovered`` rows with
``kind`` ``"issue"`` and ``coverage`` ``"none"``.

Rows
----
Every row is a plain ``dict`` whose first key is ``section``; sections come in the order
below. ``by_dimension`` is always ``{"data": n, "operations": n, "knowledge": n, "policy": n}``
(then any other dimension key found). Names are in ``lang``; ``reason`` is English and
``reason_th`` Thai, whatever ``lang`` is.

``issue`` -- one row per issue or cause (all ``abe:Issue`` nodes), by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"issue"``
issue_id            id of the issue or cause (``I02``, ``C01``)
issue               its name
root_cause          true when it causes something and nothing causes it
coverage            ``"direct"`` (an asset addresses it), ``"through_cause"`` (only its causes
                    are addressed) or ``"none"``
assets              number of assets that address it directly
by_dimension        those assets per dimension
dimensions_missing  dimension keys with no asset (the four, in workshop order)
asset_ids           ids of the assets that address it directly
agency_ids          ids of the agencies that hold or use them
agencies            their names
through_causes      number of other assets that address one of its causes (any depth)
via_cause_ids       ids of its causes that some asset addresses
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``target_group`` -- one row per target group: every concept of ``abe:TargetGroups`` in the
bundled vocabulary (when ``G`` is not empty) and any other group a resource names, by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"target_group"``
target_group_id     the group's key (``school-age``)
target_group        its name (from the vocabulary; the key when unknown)
assets              number of resources that name it
by_dimension        those resources per dimension
asset_ids           their ids
agency_ids          ids of the agencies that hold or use them
agencies            their names
covered             true when ``assets`` > 0
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``district`` -- one row per district: every district (from the DOPA gazetteer) of each
province the sources cover (a province an asset covers, or one of its areas, or an area row
of the province itself), and any other district a row names; those with no asset first, then
the others, each by code. A district no row names reads ``nothing here yet`` when no
province-wide asset reaches it either.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"district"``
district_id         the DOPA code (``4004``)
district            its name
assets              number of assets that cover the district or one of its subdistricts
by_dimension        those assets per dimension
asset_ids           their ids
agency_ids          ids of the agencies that hold or use them
agencies            their names
province_wide       number of assets that cover the district's province as a whole
covered             true when ``assets`` > 0
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``uncovered`` -- what nothing addresses directly: issues and causes (``coverage`` says whether
their causes are addressed), then target groups, then districts; by id within each kind.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"uncovered"``
kind                ``"issue"`` (an issue or a cause), ``"target_group"`` or ``"district"``
id                  its id (issue id, target group key, DOPA code)
name                its name
coverage            ``"none"``, or ``"through_cause"`` for an issue whose causes are addressed
via_cause_ids       those causes' ids (empty unless ``"through_cause"``)
reason, reason_th   the finding in plain English / Thai
==================  ==========================================================================

``one_dimension`` -- issues and causes addressed directly in exactly one dimension, by id.

==================  ==========================================================================
key                 meaning
==================  ==========================================================================
section             ``"one_dimension"``
issue_id            id of the issue or cause
issue               its name
dimension           the only dimension with assets (``data``, ``operations`` ...)
assets              number of assets, all in that dimension
dimensions_missing  the other dimension keys
reason, reason_th   the finding in plain English / Thai (``data but no budget ...``)
==================  ==========================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.gaps import gaps
>>> rows = gaps(read_network(demo_store))
>>> sorted(r["id"] for r in rows if r["section"] == "uncovered" and r["kind"] == "issue"
...        and r["coverage"] == "none")
['C11', 'C13', 'C21', 'I15']
>>> [r["id"] for r in rows if r["section"] == "uncovered" and r["kind"] == "district"]
['4004', '4006', '4011', '4013', '4020', '4023', '4024', '4025', '4029']
"""
from __future__ import annotations

import re
from functools import lru_cache

import networkx as nx

from abegraph.network.projections import ASSET_KINDS, causal_graph, entity_id, label, once, relations
from abegraph.ontology import vocabulary_store
from abegraph.ontology.iris import VOCAB_IRI
from abegraph.thai.gazetteer import districts_of

__all__ = ["gaps", "DIMENSIONS", "vocabulary_label", "vocabulary_keys", "natural_key", "node_key", "plural"]

#: the four dimensions, in the workshop's order
DIMENSIONS = ("data", "operations", "knowledge", "policy")

_VOCAB = VOCAB_IRI


@lru_cache(maxsize=1)
def _vocabulary_labels() -> dict[tuple[str, str], dict[str, str]]:
    """``(scheme, key) -> {lang: prefLabel}`` for every concept of the bundled vocabulary."""

    found: dict[tuple[str, str], dict[str, str]] = {}
    query = ("SELECT ?c ?l WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
             f'FILTER(STRSTARTS(STR(?c), "{_VOCAB}")) }}')
    for concept, text in vocabulary_store().query(query):
        scheme, _, key = concept.value[len(_VOCAB):].partition("/")
        found.setdefault((scheme, key), {})[text.language or "en"] = text.value
    return found


def vocabulary_label(scheme: str, key: str, lang: str = "en") -> str:
    """The name of a controlled value (dimension, target group, granularity ...) in ``lang``.

    Falls back to the other language, then to ``key`` itself.

    Examples
    --------
    >>> vocabulary_label("dimension", "data", "th")
    'ข้อมูล/สารสนเทศ'
    >>> vocabulary_label("target-group", "no-such-group")
    'no-such-group'
    """
    labels = _vocabulary_labels().get((scheme, key), {})
    return labels.get(lang) or labels.get("th" if lang == "en" else "en") or key


def vocabulary_keys(scheme: str) -> list[str]:
    """The keys of every concept of one scheme of the bundled vocabulary (sorted)."""
    return sorted(k for s, k in _vocabulary_labels() if s == scheme)


@lru_cache(maxsize=1 << 17)
def natural_key(text: str) -> tuple:
    """Sort key that puts ``I2`` before ``I10`` (digits compared as numbers).

    >>> sorted(["I10", "I2", "C01"], key=natural_key)
    ['C01', 'I2', 'I10']
    """
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", str(text)) if p)


@lru_cache(maxsize=1 << 17)
def node_key(node: str) -> tuple:
    """Sort key of an entity IRI: its workbook id compared naturally, then the IRI itself.

    >>> sorted(["x/id/R10", "x/id/R9"], key=node_key)
    ['x/id/R9', 'x/id/R10']
    """
    return natural_key(entity_id(node)), node


def _by_dimension(G: nx.MultiDiGraph, assets) -> dict[str, int]:
    counts = dict.fromkeys(DIMENSIONS, 0)
    extra: dict[str, int] = {}
    for a in assets:
        dim = G.nodes[a].get("dimension") or ""
        if dim in counts:
            counts[dim] += 1
        else:
            extra[dim] = extra.get(dim, 0) + 1
    counts.update(sorted(extra.items()))
    return counts


def join_names(items: list[str], lang: str, conjunction: str = "and") -> str:
    """``A, B and C`` (English) or ``A B และC`` (Thai); ``conjunction`` may be ``or``.

    >>> join_names(["EEF", "KKU", "NEU"], "en"), join_names(["ก", "ข"], "th", "or")
    ('EEF, KKU and NEU', 'ก หรือข')
    """
    if len(items) < 2:
        return "".join(items)
    if lang == "th":
        return " ".join(items[:-1]) + (" และ" if conjunction == "and" else " หรือ") + items[-1]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _dimension_list(keys, lang: str, conjunction: str = "and") -> str:
    """``A, B and C`` (English) or ``ด้านA ด้านB และด้านC`` (Thai)."""
    names = [vocabulary_label("dimension", k, lang) for k in keys]
    return join_names([f"ด้าน{n}" for n in names] if lang == "th" else names, lang, conjunction)


def plural(n: int, one: str, many: str) -> str:
    """``1 asset addresses`` / ``2 assets address``: the count with the right English form.

    >>> plural(1, "asset addresses", "assets address"), plural(3, "agency", "agencies")
    ('1 asset addresses', '3 agencies')
    """
    return f"{n} {one if n == 1 else many}"


def _names(G, nodes, lang: str, limit: int = 3) -> str:
    """``Name (ID), Name (ID) and 2 more`` in English or Thai."""
    shown = [f"{label(G, n, lang)} ({entity_id(n)})" for n in nodes[:limit]]
    more = len(nodes) - len(shown)
    if lang == "th":
        return " ".join(shown) + (f" และอีก {more} รายการ" if more else "")
    return ", ".join(shown) + (f" and {more} more" if more else "")


class _Index:
    """Who addresses, covers and uses what: the lookups every section needs, built once."""

    def __init__(self, G: nx.MultiDiGraph):
        self.addressed_by: dict[str, set[str]] = {}
        self.users: dict[str, set[str]] = {}
        self.covers: dict[str, set[str]] = {}
        self.rank = {node: i for i, node in enumerate(sorted(G, key=node_key))}
        R = relations(G)
        for asset, issue in R.between("addresses", ASSET_KINDS, "issue"):
            self.addressed_by.setdefault(issue, set()).add(asset)
        for relation in ("held_by", "shared_with"):
            for asset, agency in R.between(relation, ASSET_KINDS, "agency"):
                self.users.setdefault(asset, set()).add(agency)
        for asset, area in R.between("covers_area", ASSET_KINDS, "area"):
            self.covers.setdefault(asset, set()).add(area)

    def by_id(self, nodes) -> list[str]:
        """``nodes`` of the network in :func:`node_key` order, by rank (comparing a rank is
        cheaper than comparing keys: thousands of assets per issue in a nation)."""
        return sorted(nodes, key=self.rank.__getitem__)

    def agencies(self, assets) -> list[str]:
        return self.by_id(set().union(*(self.users.get(a, set()) for a in assets)) if assets else set())


def gaps(G: nx.MultiDiGraph, *, lang: str = "en", target_groups=None) -> list[dict]:
    """Per issue, target group and district: the assets behind it, and what has nothing.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of the names; ``reason`` and ``reason_th`` are always both written.
    target_groups : iterable of str, optional
        The target group keys to report on. Default: every group of the bundled vocabulary
        (none when ``G`` is empty), plus any group a resource in ``G`` names.

    Returns
    -------
    list of dict
        Rows of sections ``issue``, ``target_group``, ``district``, ``uncovered`` and
        ``one_dimension``; keys in the module docstring.

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> rows = gaps(read_network(demo_store))
    >>> i11 = next(r for r in rows if r["section"] == "issue" and r["issue_id"] == "I11")
    >>> i11["coverage"], i11["asset_ids"], i11["dimensions_missing"]
    ('direct', ['D11'], ['operations', 'knowledge', 'policy'])
    >>> i16 = next(r for r in rows if r["section"] == "uncovered" and r["id"] == "I16")
    >>> i16["coverage"], i16["via_cause_ids"]
    ('through_cause', ['C02', 'C18'])
    >>> print(i16["reason_th"])
    ยังไม่มีทรัพยากรหรือชุดข้อมูลใดแก้ไขประเด็นนี้โดยตรง แต่มี 12 รายการที่แก้สาเหตุของประเด็นนี้
    ได้แก่ ปัญหาครอบครัว/ความจำเป็นทางครอบครัว (C02) สภาพที่อยู่อาศัยไม่เหมาะสม (C18)
    >>> gaps(nx.MultiDiGraph())
    []
    """
    index = once(G, "gaps", lambda: _Index(G))
    issue_rows, uncovered, one_dim = _issue_rows(G, index, lang)
    group_rows, group_gaps = _target_group_rows(G, index, lang, target_groups)
    district_rows, district_gaps = _district_rows(G, index, lang)
    return issue_rows + group_rows + district_rows + uncovered + group_gaps + district_gaps + one_dim


# ------------------------------------------------------------------------------------------
# issues and causes


def _issue_rows(G, index: _Index, lang: str):
    C = causal_graph(G)
    rows, uncovered, one_dim = [], [], []
    for node in index.by_id(C):
        direct = index.by_id(index.addressed_by.get(node, ()))
        causes = index.by_id(nx.ancestors(C, node) - {node})
        via = [c for c in causes if index.addressed_by.get(c)]
        through = set().union(*(index.addressed_by[c] for c in via)) - set(direct) if via else set()
        coverage = "direct" if direct else ("through_cause" if via else "none")
        dims = _by_dimension(G, direct)
        missing = [d for d in DIMENSIONS if not dims[d]]
        agencies = index.agencies(direct)
        iid, name = entity_id(node), label(G, node, lang)
        reason, reason_th = _issue_reason(G, coverage, direct, dims, missing, agencies, through, via)
        rows.append({
            "section": "issue", "issue_id": iid, "issue": name,
            "root_cause": C.in_degree(node) == 0 and C.out_degree(node) > 0,
            "coverage": coverage, "assets": len(direct), "by_dimension": dims,
            "dimensions_missing": missing, "asset_ids": [entity_id(a) for a in direct],
            "agency_ids": [entity_id(a) for a in agencies], "agencies": [label(G, a, lang) for a in agencies],
            "through_causes": len(through), "via_cause_ids": [entity_id(c) for c in via],
            "reason": reason, "reason_th": reason_th,
        })
        if not direct:
            uncovered.append({"section": "uncovered", "kind": "issue", "id": iid, "name": name,
                              "coverage": coverage, "via_cause_ids": [entity_id(c) for c in via],
                              "reason": reason, "reason_th": reason_th})
        elif len(DIMENSIONS) - len(missing) == 1 and sum(dims.values()) == dims[_only(dims)]:
            dim = _only(dims)
            one_dim.append({
                "section": "one_dimension", "issue_id": iid, "issue": name, "dimension": dim,
                "assets": len(direct), "dimensions_missing": missing,
                "reason": (f"Only {vocabulary_label('dimension', dim, 'en')} assets address it "
                           f"({len(direct)}): no {_dimension_list(missing, 'en', 'or')} resource yet."),
                "reason_th": (f"มีเพียงทรัพยากรด้าน{vocabulary_label('dimension', dim, 'th')} "
                              f"{len(direct)} รายการที่แก้ประเด็นนี้ ยังไม่มีทรัพยากร"
                              f"{_dimension_list(missing, 'th', 'or')}"),
            })
    return rows, uncovered, one_dim


def _only(dims: dict[str, int]) -> str:
    return next(d for d in DIMENSIONS if dims[d])


def _issue_reason(G, coverage, direct, dims, missing, agencies, through, via):
    if coverage == "none":
        return ("Nothing addresses it, directly or through any of its causes.",
                "ยังไม่มีทรัพยากรหรือชุดข้อมูลใดแก้ไข ทั้งโดยตรงและผ่านสาเหตุ")
    if coverage == "through_cause":
        return (f"Nothing addresses it directly; {plural(len(through), 'asset addresses', 'assets address')} "
                f"its causes {_names(G, via, 'en')}.",
                f"ยังไม่มีทรัพยากรหรือชุดข้อมูลใดแก้ไขประเด็นนี้โดยตรง แต่มี {len(through)} รายการ"
                f"ที่แก้สาเหตุของประเด็นนี้ ได้แก่ {_names(G, via, 'th')}")
    present = [d for d in DIMENSIONS if dims[d]]
    en = ", ".join(f"{vocabulary_label('dimension', d, 'en')} {dims[d]}" for d in present)
    th = " ".join(f"ด้าน{vocabulary_label('dimension', d, 'th')} {dims[d]}" for d in present)
    reason = (f"{plural(len(direct), 'asset addresses', 'assets address')} it directly ({en}), "
              f"held or used by {plural(len(agencies), 'agency', 'agencies')}.")
    reason_th = (f"มีทรัพยากรและชุดข้อมูล {len(direct)} รายการที่แก้ไขประเด็นนี้โดยตรง ({th}) "
                 f"จากหน่วยงาน {len(agencies)} แห่ง")
    if missing:
        reason += f" No {_dimension_list(missing, 'en', 'or')} asset yet."
        reason_th += f" ยังไม่มีทรัพยากร{_dimension_list(missing, 'th', 'or')}"
    return reason, reason_th


# ------------------------------------------------------------------------------------------
# target groups


def _target_group_rows(G, index: _Index, lang: str, wanted):
    named: dict[str, set[str]] = {}
    for node, data in G.nodes(data=True):
        if data.get("kind") in ASSET_KINDS:
            for group in data.get("target_groups") or ():
                named.setdefault(str(group), set()).add(node)
    if wanted is None:
        keys = set(named) | (set(vocabulary_keys("target-group")) if len(G) else set())
    else:
        keys = {str(k) for k in wanted}
    rows, uncovered = [], []
    for key in sorted(keys, key=natural_key):
        assets = index.by_id(named.get(key, ()))
        agencies = index.agencies(assets)
        name = vocabulary_label("target-group", key, lang)
        en, th = vocabulary_label("target-group", key, "en"), vocabulary_label("target-group", key, "th")
        if assets:
            reason = (f"{plural(len(assets), 'resource names', 'resources name')} {en} as target group, "
                      f"held or used by {plural(len(agencies), 'agency', 'agencies')}.")
            reason_th = (f"มีทรัพยากร {len(assets)} รายการที่มีกลุ่มเป้าหมายเป็น{th} "
                         f"จากหน่วยงาน {len(agencies)} แห่ง")
        else:
            reason = f"No resource names {en} as its target group."
            reason_th = f"ยังไม่มีทรัพยากรใดระบุกลุ่มเป้าหมายเป็น{th}"
            uncovered.append({"section": "uncovered", "kind": "target_group", "id": key, "name": name,
                              "coverage": "none", "via_cause_ids": [],
                              "reason": reason, "reason_th": reason_th})
        rows.append({
            "section": "target_group", "target_group_id": key, "target_group": name,
            "assets": len(assets), "by_dimension": _by_dimension(G, assets),
            "asset_ids": [entity_id(a) for a in assets],
            "agency_ids": [entity_id(a) for a in agencies], "agencies": [label(G, a, lang) for a in agencies],
            "covered": bool(assets), "reason": reason, "reason_th": reason_th,
        })
    return rows, uncovered


# ------------------------------------------------------------------------------------------
# districts


def _district_rows(G, index: _Index, lang: str):
    areas = {n: str(d.get("notation") or "") for n, d in G.nodes(data=True) if d.get("kind") == "area"}
    districts = {code: a for a, code in areas.items() if len(code) == 4 and code.isdigit()}
    covered_areas = set().union(*index.covers.values()) if index.covers else set()
    provinces = {areas[a][:2] for a in covered_areas if len(areas[a]) >= 2 and areas[a].isdigit()}
    provinces |= {code for code in areas.values() if len(code) == 2 and code.isdigit()}
    # every district of those provinces, also those no row names (from the gazetteer)
    named = {d.code: d for p in sorted(provinces) for d in districts_of(p) if d.code not in districts}
    broader = nx.DiGraph()
    broader.add_nodes_from(areas)
    broader.add_edges_from((s, o) for s, o in relations(G).pairs("broader") if s in areas and o in areas)
    # inside[a]: codes of the districts area a is, or lies within; around[a]: those lying within a
    codes = set(districts) | set(named)
    code_of = {a: code for code, a in districts.items()}
    inside: dict[str, set[str]] = {}
    around: dict[str, set[str]] = {a: set() for a in areas}
    for a, code in areas.items():
        inside[a] = {code_of[d] for d in nx.descendants(broader, a) | {a} if d in code_of}
        if len(code) >= 4 and code[:4] in codes:
            inside[a].add(code[:4])
    for dcode, d in districts.items():
        for a in nx.descendants(broader, d):
            around[a].add(dcode)
    for a, code in areas.items():
        if 0 < len(code) < 4:
            around[a] |= {dcode for dcode in codes if dcode.startswith(code)}
    mine: dict[str, set[str]] = {code: set() for code in codes}
    wide: dict[str, set[str]] = {code: set() for code in codes}
    for asset, covered in index.covers.items():
        within = set().union(*(inside[a] for a in covered))
        for code in within:
            mine[code].add(asset)
        for code in set().union(*(around[a] for a in covered)) - within:
            wide[code].add(asset)

    rows, uncovered = [], []
    for code in sorted(codes, key=lambda c: (bool(mine[c]), natural_key(c))):
        assets = index.by_id(mine[code])
        n_wide = len(wide[code])
        agencies = index.agencies(assets)
        if code in districts:
            node = districts[code]
            name, en, th = label(G, node, lang), label(G, node, "en"), label(G, node, "th")
        else:
            en, th = named[code].name_en, named[code].name_th
            name = th if lang == "th" else en
        if assets:
            reason = (f"{plural(len(assets), 'asset names', 'assets name')} {en} or one of its subdistricts, "
                      f"held or used by {plural(len(agencies), 'agency', 'agencies')}; "
                      f"{plural(n_wide, 'more asset covers', 'more assets cover')} the whole province.")
            reason_th = (f"มีทรัพยากรและชุดข้อมูล {len(assets)} รายการที่ระบุอำเภอ{th}หรือตำบลในอำเภอนี้ "
                         f"จากหน่วยงาน {len(agencies)} แห่ง และอีก {n_wide} รายการที่ครอบคลุมทั้งจังหวัด")
        else:
            reason = (f"No resource or dataset names {en} or one of its subdistricts; "
                      + (f"only {plural(n_wide, 'province-wide asset reaches', 'province-wide assets reach')} it."
                         if n_wide else "nothing here yet."))
            reason_th = (f"ยังไม่มีทรัพยากรหรือชุดข้อมูลใดระบุอำเภอ{th}หรือตำบลในอำเภอนี้ "
                         + (f"มีเพียงทรัพยากรระดับจังหวัด {n_wide} รายการที่ครอบคลุมถึง" if n_wide
                            else "ยังไม่มีสิ่งใดในพื้นที่นี้"))
            uncovered.append({"section": "uncovered", "kind": "district", "id": code, "name": name,
                              "coverage": "none", "via_cause_ids": [],
                              "reason": reason, "reason_th": reason_th})
        rows.append({
            "section": "district", "district_id": code, "district": name,
            "assets": len(assets), "by_dimension": _by_dimension(G, assets),
            "asset_ids": [entity_id(a) for a in assets],
            "agency_ids": [entity_id(a) for a in agencies], "agencies": [label(G, a, lang) for a in agencies],
            "province_wide": n_wide, "covered": bool(assets), "reason": reason, "reason_th": reason_th,
        })
    uncovered.sort(key=lambda r: natural_key(r["id"]))
    return rows, uncovered
