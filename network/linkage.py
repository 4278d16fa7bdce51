"""Linkage: which datasets can be joined, on which key, at which level, and which joins are personal.

Metadata only: this reads which link keys each dataset carries (``abe:linkKey``), its
granularity and whether it holds personal data. It never sees, links or counts a record.

Two datasets **join** when both carry the same link key, as in the saved question
``joinable-datasets``, and cover a common province (``abe:coversArea``/``dcterms:spatial``, by
the first two digits of the DOPA codes; a dataset that records no area goes with every
province). Datasets of two different provinces describe different schools, places and, mostly,
different children; leaving those pairs out keeps the answer to what a province can use and
its size near-linear across a country (all pairs of 77 synthetic provinces ran out of
memory). On a one-province graph, such as the demo, the pairs are exactly those of the saved
question; ``same_province=False`` gives them on any graph.
The **join level** is the unit one joined row
describes: ``person`` for ``citizen_id`` and ``g_code``, ``household`` for
``household_id``, ``school`` for ``school_code``; for ``area_code``, the coarser of the two
granularities. An area-code join between datasets of different granularities is a
**roll-up**: the finer dataset (a person-, household- or school-level dataset that also
carries the DOPA area code, or a subdistrict-level one) is first aggregated to the coarser
level on the leading digits of the code (6 for a subdistrict, 4 for a district, 2 for a
province); when both are person-, household- or school-level, both are aggregated to
subdistrict. ``rollup_ids`` and ``rollup_to`` say which, and the reason describes the path.

A join **touches personal data** when its key identifies a person (the link-key concept has
``abe:personalKey`` true: read from the node attribute ``personal_key`` when ``G`` has it,
else the keys ``citizen_id``, ``g_code`` and ``household_id``) or when either dataset is
marked ``abe:personalData`` (as in the saved question). Such rows carry the reason in terms
of Thailand's Personal Data Protection Act B.E. 2562 (2019).

Rows
----
Every row is a plain ``dict`` whose first key is ``section``; sections come in the order
below. Names are in ``lang``; ``reason`` is English and ``reason_th`` Thai, whatever ``lang``.

``join`` -- one row per key and pair of datasets carrying it, by key, then dataset ids.

==========================  ==================================================================
key                         meaning
==========================  ==================================================================
section                     ``"join"``
key_id, key                 the link key (``citizen_id``) and its name
dataset_a_id, dataset_a     the first dataset (smaller id) and its title
granularity_a               its granularity key (``person`` ... ``province``) or None
dataset_b_id, dataset_b     the second dataset and its title
granularity_b               its granularity key or None
join_level                  the unit one joined row describes, or None when unknown
rollup_ids                  ids of the datasets to aggregate before joining (may be empty)
rollup_to                   the level they are aggregated to, or None
personal                    true when the join touches personal data
personal_key                true when the key itself identifies a person
reason, reason_th           how to join, and the PDPA note when personal, in English / Thai
==========================  ==================================================================

``group`` -- connected groups of datasets (components of the dataset–key graph with two or
more datasets): first over all keys, then over the keys that do not identify a person;
largest first.

==========================  ==================================================================
key                         meaning
==========================  ==================================================================
section                     ``"group"``
scope                       ``"all_keys"`` or ``"non_personal_keys"``
group                       1, 2, ... within its scope
size                        number of datasets
dataset_ids, datasets       the datasets (by id) and their titles
key_ids                     the keys that connect them
personal                    true when a dataset in it holds personal data or a key is personal
reason, reason_th           the finding in plain English / Thai
==========================  ==================================================================

``isolated`` -- datasets that share no key with any other dataset, by id.

==========================  ==================================================================
key                         meaning
==========================  ==================================================================
section                     ``"isolated"``
dataset_id, dataset         the dataset
key_ids                     the keys it carries (none, or keys no other dataset carries)
granularity                 its granularity key or None
reason, reason_th           the finding in plain English / Thai
==========================  ==================================================================

``personal_key`` -- every key that identifies a person and that some dataset carries, by id.

==========================  ==================================================================
key                         meaning
==========================  ==================================================================
section                     ``"personal_key"``
key_id, key                 the key and its name
dataset_ids                 the datasets that carry it
joins                       number of dataset pairs that can be joined on it (its ``join`` rows)
reason, reason_th           the PDPA note in plain English / Thai
==========================  ==================================================================

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.linkage import linkage
>>> rows = linkage(read_network(demo_store))
>>> row = next(r for r in rows if r["section"] == "join" and r["key_id"] == "citizen_id"
...            and (r["dataset_a_id"], r["dataset_b_id"]) == ("D06", "D24"))
>>> row["join_level"], row["personal"], row["personal_key"]
('person', True, True)
>>> [r["dataset_id"] for r in rows if r["section"] == "isolated"]
['D30', 'D34', 'D35']
"""
from __future__ import annotations

from itertools import combinations

import networkx as nx

from abegraph.network.gaps import join_names, natural_key, node_key, plural, vocabulary_label
from abegraph.network.projections import entity_id, label, linkage_graph, relations

__all__ = ["linkage", "PERSONAL_KEYS", "GRANULARITIES", "is_personal_key"]

#: the link keys that identify a person when the graph does not say (abe:personalKey true)
PERSONAL_KEYS = ("citizen_id", "g_code", "household_id")
#: granularities from the finest to the coarsest
GRANULARITIES = ("person", "household", "school", "subdistrict", "district", "province")
_UNITS = ("person", "household", "school")
_KEY_LEVEL = {"citizen_id": "person", "g_code": "person", "household_id": "household",
              "school_code": "school"}
_CODE_DIGITS = {"subdistrict": 6, "district": 4, "province": 2}

_PDPA_EN = ("Personal data: {what}. Under Thailand's Personal Data Protection Act B.E. 2562 (2019) "
            "this needs a lawful basis and a stated purpose, an agreement between the data owners, "
            "and the key values kept out of anything shared; children's data need extra care.")
_PDPA_TH = ("ข้อมูลส่วนบุคคล: {what} การประมวลผลนี้ต้องเป็นไปตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 "
            "คือมีฐานทางกฎหมายและวัตถุประสงค์ที่ชัดเจน มีข้อตกลงการแบ่งปันข้อมูลระหว่างเจ้าของข้อมูล "
            "และไม่เปิดเผยค่าของคีย์ในผลลัพธ์ที่เผยแพร่ ทั้งนี้ข้อมูลของเด็กต้องได้รับการดูแลเป็นพิเศษ")
_G_CODE_EN = " A G-code can also reveal nationality or ethnic origin (sensitive data, section 26)."
_G_CODE_TH = " นอกจากนี้รหัส G อาจบ่งบอกสัญชาติหรือเชื้อชาติ ซึ่งเป็นข้อมูลอ่อนไหวตามมาตรา 26"




_key = node_key


def _key_id(G, node: str) -> str:
    return str(G.nodes[node].get("notation") or entity_id(node))


def is_personal_key(G: nx.Graph, node: str) -> bool:
    """Whether link key ``node`` identifies a person: its ``personal_key`` attribute when
    present, else whether its id is one of :data:`PERSONAL_KEYS`.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("k/citizen_id", kind="link-key", notation="citizen_id")
    >>> G.add_node("k/pupil_no", kind="link-key", notation="pupil_no", personal_key=True)
    >>> is_personal_key(G, "k/citizen_id"), is_personal_key(G, "k/pupil_no")
    (True, True)
    """
    flag = G.nodes[node].get("personal_key")
    if flag is not None:
        return flag is True or str(flag).lower() in ("true", "1", "yes")
    return _key_id(G, node) in PERSONAL_KEYS


def _granularity(G, node: str) -> str | None:
    value = G.nodes[node].get("granularity")
    return str(value) if value else None


def _personal_data(G, node: str) -> bool:
    value = G.nodes[node].get("personal_data")
    return value is True or str(value).lower() in ("true", "1", "yes")


def linkage(G: nx.MultiDiGraph, *, lang: str = "en", same_province: bool = True) -> list[dict]:
    """Joinable dataset pairs (with roll-ups), connected groups, isolated datasets, personal keys.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The network from :func:`~abegraph.network.projections.read_network` (not modified).
    lang : ``"en"`` or ``"th"``
        Language of the names; ``reason`` and ``reason_th`` are always both written.
    same_province : bool
        Pair only datasets of the same province (default; see the module docstring);
        ``False`` pairs every two datasets that carry the same key.

    Returns
    -------
    list of dict
        Rows of sections ``join``, ``group``, ``isolated`` and ``personal_key``; keys in the
        module docstring.

    Examples
    --------
    >>> from abegraph.network.projections import read_network
    >>> rows = linkage(read_network(demo_store))
    >>> up = next(r for r in rows if r["section"] == "join" and r["key_id"] == "area_code"
    ...           and (r["dataset_a_id"], r["dataset_b_id"]) == ("D09", "D12"))
    >>> up["rollup_ids"], up["rollup_to"], up["join_level"]
    (['D09'], 'subdistrict', 'subdistrict')
    >>> print(up["reason"])  # doctest: +ELLIPSIS
    Both carry DOPA area code. Aggregate ... (D09, person) to subdistrict on the first 6 digits
    of its area code, then join with ... (D12, subdistrict). Personal data: ...
    >>> linkage(nx.MultiDiGraph())
    []
    """
    L = linkage_graph(G)
    datasets = sorted((n for n, d in L.nodes(data=True) if d.get("bipartite") == 0), key=_key)
    keys = sorted((n for n, d in L.nodes(data=True) if d.get("bipartite") == 1),
                  key=lambda k: natural_key(_key_id(G, k)))
    personal_keys = {k for k in keys if is_personal_key(G, k)}
    covers = relations(G).targets("covers_area")
    provinces = {d: _provinces(G, covers.get(d, ())) for d in datasets} if same_province else None
    rows = []
    joins_per_key = {}
    for k in keys:
        pairs = _pairs(sorted(L[k], key=_key), provinces)
        joins_per_key[k] = len(pairs)
        rows += [_join_row(G, k, a, b, k in personal_keys, lang) for a, b in pairs]
    rows += _group_rows(G, L, datasets, personal_keys, lang)
    rows += _isolated_rows(G, L, datasets, lang)
    for k in keys:
        if k in personal_keys:
            rows.append(_personal_key_row(G, L, k, joins_per_key[k], lang))
    return rows


def _provinces(G, covered: list[str]) -> frozenset[str]:
    """The provinces (2-digit DOPA codes) of the areas a dataset covers; empty when it records
    none, which is taken to mean anywhere."""
    codes = (str(G.nodes[o].get("notation") or "") for o in covered if G.nodes[o].get("kind") == "area")
    return frozenset(code[:2] for code in codes if len(code) >= 2)


def _pairs(carriers: list[str], provinces) -> list[tuple[str, str]]:
    """Pairs of the datasets carrying one key, in id order; with ``provinces``, only pairs
    that share a province or where one records no area (grouped by province, so the work
    grows with the pairs kept, not with every pair)."""
    if provinces is None:
        return list(combinations(carriers, 2))
    order = {d: i for i, d in enumerate(carriers)}
    anywhere = [d for d in carriers if not provinces[d]]
    by_province: dict[str, list[str]] = {}
    for d in carriers:
        for province in provinces[d]:
            by_province.setdefault(province, []).append(d)
    found = {(a, b) if order[a] < order[b] else (b, a) for a in anywhere for b in carriers if a != b}
    for members in by_province.values():
        found.update(combinations(members, 2))
    return sorted(found, key=lambda p: (order[p[0]], order[p[1]]))


def _levels(key_id: str, ga: str | None, gb: str | None, a: str, b: str):
    """(join level, datasets to aggregate, level they go to)."""
    if key_id in _KEY_LEVEL:
        return _KEY_LEVEL[key_id], [], None
    if key_id != "area_code":
        return (ga if ga == gb else None), [], None
    if ga not in GRANULARITIES or gb not in GRANULARITIES:
        return None, [], None
    if ga in _UNITS and gb in _UNITS:
        return "subdistrict", [a, b], "subdistrict"
    coarse = max(ga, gb, key=GRANULARITIES.index)
    finer = [d for d, g in ((a, ga), (b, gb)) if g != coarse]
    return coarse, finer, (coarse if finer else None)


def _join_row(G, k: str, a: str, b: str, personal_key: bool, lang: str) -> dict:
    key_id = _key_id(G, k)
    ga, gb = _granularity(G, a), _granularity(G, b)
    level, rollup, rollup_to = _levels(key_id, ga, gb, a, b)
    personal_sets = [d for d in (a, b) if _personal_data(G, d)]
    en = [f"Both carry {label(G, k, 'en')}."]
    th = [f"ทั้งสองชุดข้อมูลมี{label(G, k, 'th')}"]

    def tag(d, lang_):  # "Title (D09, person)" / "Title (D09 ระดับบุคคล)"
        g = _granularity(G, d)
        if lang_ == "en":
            return f"{label(G, d, 'en')} ({entity_id(d)}, {g or 'granularity unknown'})"
        level = vocabulary_label("granularity", g, "th") if g else "ไม่ระบุ"
        return f"{label(G, d, 'th')} ({entity_id(d)} ระดับ{level})"

    if rollup and rollup_to:
        digits = _CODE_DIGITS[rollup_to]
        level_th = vocabulary_label("granularity", rollup_to, "th")
        if len(rollup) == 2:
            en.append(f"Aggregate both {tag(a, 'en')} and {tag(b, 'en')} to {rollup_to} on the first "
                      f"{digits} digits of their area codes, then join the counts.")
            th.append(f"รวมยอดทั้ง {tag(a, 'th')} และ {tag(b, 'th')} ขึ้นเป็นระดับ{level_th} "
                      f"ตามรหัสพื้นที่ {digits} หลักแรก แล้วจึงเชื่อมยอดรวมเข้าด้วยกัน")
        else:
            fine = rollup[0]
            other = b if fine == a else a
            en.append(f"Aggregate {tag(fine, 'en')} to {rollup_to} on the first {digits} digits of its "
                      f"area code, then join with {tag(other, 'en')}.")
            th.append(f"รวมยอด {tag(fine, 'th')} ขึ้นเป็นระดับ{level_th} ตามรหัสพื้นที่ {digits} หลักแรก "
                      f"แล้วจึงเชื่อมกับ {tag(other, 'th')}")
    elif level:
        en.append(f"Join them directly, one row per {level}.")
        th.append(f"เชื่อมกันได้โดยตรงในระดับ{vocabulary_label('granularity', level, 'th')}")
    else:
        en.append("Check the granularity of both before joining: it is not recorded or does not match.")
        th.append("ควรตรวจสอบระดับข้อมูลของทั้งสองชุดก่อนเชื่อม เพราะไม่ได้ระบุไว้หรือไม่ตรงกัน")
    personal = personal_key or bool(personal_sets)
    if personal_key:
        what_en = f"joining on {label(G, k, 'en')} matches records of identifiable people"
        what_th = f"การเชื่อมด้วย{label(G, k, 'th')} คือการจับคู่ระเบียนของบุคคลที่ระบุตัวตนได้"
    elif personal:
        names_en = " and ".join(entity_id(d) for d in personal_sets)
        names_th = " และ ".join(entity_id(d) for d in personal_sets)
        if rollup:
            what_en = (f"{names_en} {'holds' if len(personal_sets) == 1 else 'hold'} records about people; "
                       "aggregating them processes personal data, so publish only counts large enough "
                       "not to single out a child")
            what_th = (f"{names_th} มีข้อมูลรายบุคคล การรวมยอดจึงเป็นการประมวลผลข้อมูลส่วนบุคคล "
                       "ควรเผยแพร่เฉพาะยอดรวมที่มากพอจนระบุตัวเด็กไม่ได้")
        else:
            what_en = (f"{names_en} {'holds' if len(personal_sets) == 1 else 'hold'} records about people, "
                       "so the joined result is personal data even on this key")
            what_th = (f"{names_th} มีข้อมูลรายบุคคล "
                       "ผลที่ได้จากการเชื่อมจึงยังเป็นข้อมูลส่วนบุคคลแม้จะเชื่อมด้วยคีย์นี้")
    if personal:
        en.append(_PDPA_EN.format(what=what_en) + (_G_CODE_EN if key_id == "g_code" else ""))
        th.append(_PDPA_TH.format(what=what_th) + (_G_CODE_TH if key_id == "g_code" else ""))
    return {
        "section": "join", "key_id": key_id, "key": label(G, k, lang),
        "dataset_a_id": entity_id(a), "dataset_a": label(G, a, lang), "granularity_a": ga,
        "dataset_b_id": entity_id(b), "dataset_b": label(G, b, lang), "granularity_b": gb,
        "join_level": level, "rollup_ids": [entity_id(d) for d in rollup], "rollup_to": rollup_to,
        "personal": personal, "personal_key": personal_key,
        "reason": " ".join(en), "reason_th": " ".join(th),
    }


def _group_rows(G, L, datasets, personal_keys, lang: str) -> list[dict]:
    rows = []
    is_dataset = set(datasets)
    for scope in ("all_keys", "non_personal_keys"):
        view = L if scope == "all_keys" else L.subgraph(n for n in L if n not in personal_keys)
        groups = []
        for component in nx.connected_components(view):
            members = sorted((n for n in component if n in is_dataset), key=_key)
            if len(members) > 1:
                keys = sorted((n for n in component if n not in is_dataset),
                              key=lambda k: natural_key(_key_id(G, k)))
                groups.append((members, keys))
        groups.sort(key=lambda g: (-len(g[0]), _key(g[0][0])))
        for i, (members, keys) in enumerate(groups, 1):
            personal = any(_personal_data(G, d) for d in members) or any(k in personal_keys for k in keys)
            key_en = join_names([label(G, k, "en") for k in keys], "en")
            key_th = join_names([label(G, k, "th") for k in keys], "th")
            if scope == "all_keys":
                reason = (f"{len(members)} datasets are connected, directly or through others, by {key_en}.")
                reason_th = (f"ชุดข้อมูล {len(members)} ชุดเชื่อมถึงกันได้ "
                             f"ทั้งโดยตรงและผ่านชุดอื่น ด้วย{key_th}")
            else:
                reason = (f"{len(members)} datasets can be connected by {key_en} alone, without any key "
                          "that identifies a person.")
                reason_th = (f"ชุดข้อมูล {len(members)} ชุดเชื่อมถึงกันได้ด้วย{key_th}เท่านั้น "
                             "โดยไม่ต้องใช้คีย์ที่ระบุตัวบุคคล")
            if personal:
                reason += " Some of them hold personal data (PDPA B.E. 2562)."
                reason_th += " บางชุดมีข้อมูลส่วนบุคคล (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)"
            rows.append({
                "section": "group", "scope": scope, "group": i, "size": len(members),
                "dataset_ids": [entity_id(d) for d in members],
                "datasets": [label(G, d, lang) for d in members],
                "key_ids": [_key_id(G, k) for k in keys], "personal": personal,
                "reason": reason, "reason_th": reason_th,
            })
    return rows


def _isolated_rows(G, L, datasets, lang: str) -> list[dict]:
    rows = []
    for d in datasets:
        keys = sorted(L[d], key=lambda k: natural_key(_key_id(G, k)))
        if any(L.degree(k) > 1 for k in keys):
            continue
        if keys:
            names_en = ", ".join(label(G, k, "en") for k in keys)
            names_th = " ".join(label(G, k, "th") for k in keys)
            reason = f"No other dataset carries its {plural(len(keys), 'key', 'keys')} ({names_en})."
            reason_th = f"ไม่มีชุดข้อมูลอื่นที่มีคีย์เดียวกัน ({names_th})"
        else:
            reason = "It carries no link key, so it cannot be joined with any other dataset."
            reason_th = "ชุดข้อมูลนี้ไม่มีคีย์เชื่อมโยง จึงเชื่อมกับชุดข้อมูลอื่นไม่ได้"
        rows.append({
            "section": "isolated", "dataset_id": entity_id(d), "dataset": label(G, d, lang),
            "key_ids": [_key_id(G, k) for k in keys], "granularity": _granularity(G, d),
            "reason": reason, "reason_th": reason_th,
        })
    return rows


def _personal_key_row(G, L, k: str, joins: int, lang: str) -> dict:
    carriers = sorted(L[k], key=_key)
    key_id = _key_id(G, k)
    what_en = (f"{label(G, k, 'en')} identifies a person; "
               f"{plural(len(carriers), 'dataset carries', 'datasets carry')} "
               f"it and {plural(joins, 'pair', 'pairs')} could be joined on it")
    what_th = (f"{label(G, k, 'th')} ระบุตัวบุคคลได้ มีชุดข้อมูล {len(carriers)} ชุดที่มีคีย์นี้ "
               f"และเชื่อมกันได้ {joins} คู่")
    return {
        "section": "personal_key", "key_id": key_id, "key": label(G, k, lang),
        "dataset_ids": [entity_id(d) for d in carriers], "joins": joins,
        "reason": _PDPA_EN.format(what=what_en) + (_G_CODE_EN if key_id == "g_code" else ""),
        "reason_th": _PDPA_TH.format(what=what_th) + (_G_CODE_TH if key_id == "g_code" else ""),
    }
