"""The findings panel of a map: the analyses that matter for its view, as short clickable lines.

Each view shows the analyses a coordinator would ask of it (:data:`VIEW_ANALYSES`); from each
analysis a few sections, a few rows each, in Thai and English (the rows' ``reason``/
``reason_th`` or ``meaning``/``meaning_th``). An item names the entities it is about by
workbook id, so that clicking it on the page focuses them on the map.

The rows follow the contract of :mod:`abegraph.network.analyses` (dicts whose first key is
``section``); an analysis whose module is not installed is left out.

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.findings_panel import view_findings, panel_sections
>>> G = read_network(demo_store)
>>> rows = view_findings(G, "agencies")
>>> sorted(rows)
['brokers', 'coalitions', 'opportunities']
>>> sections = panel_sections(G, rows)
>>> first = sections[0]["items"][0]
>>> first["en"][:60], first["ids"]
('Khon Kaen Provincial Administrative Organization: Shares ass', ['KKPAO'])
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import networkx as nx

from abegraph.network.analyses import ANALYSES
from abegraph.network.columns import section_title, value_name
from abegraph.network.gaps import vocabulary_label
from abegraph.network.projections import entity_names

__all__ = ["VIEW_ANALYSES", "view_findings", "panel_sections", "rows_by_analysis", "ITEMS"]

#: the analyses in the findings panel of each view
VIEW_ANALYSES = {
    "agencies": ("brokers", "coalitions", "opportunities"),
    "resources": ("gaps", "opportunities", "brokers"),
    "issues": ("causes", "gaps"),
    "datasets": ("linkage",),
    "everything": ("brokers", "gaps", "opportunities"),
}
#: at most this many items per section
ITEMS = 8

#: (analysis, section) -> (th, en) where the panel shows part of a section (else the section's
#: title, :func:`abegraph.network.columns.section_title`)
_TITLES = {
    ("linkage", "join"): ("การเชื่อมข้อมูลที่เกี่ยวกับข้อมูลส่วนบุคคล", "Joins that touch personal data"),
}
_SECTIONS = {
    "brokers": ("agency", "single_point"),
    "coalitions": ("coalition",),
    "opportunities": ("pair", "suggestion"),
    "gaps": ("uncovered", "one_dimension"),
    "causes": ("root", "cycle"),
    "linkage": ("join", "group"),
}


def view_findings(G: nx.MultiDiGraph, view: str, *, lang: str = "th",
                  analyses: Iterable[str] | None = None) -> dict[str, list[dict]]:
    """Run the analyses of ``view``'s panel (or ``analyses``) on ``G``: ``name -> rows``."""
    found = {}
    for name in analyses if analyses is not None else VIEW_ANALYSES.get(view, ()):
        try:
            function = ANALYSES[name].load()
        except (KeyError, ImportError, AttributeError):
            continue  # not installed (yet): the panel goes without it
        found[name] = function(G, lang=lang)
    return found


def rows_by_analysis(findings) -> dict[str, list[dict]]:
    """Accept ``{name: rows}`` or the rows of ``run_all`` (each with an ``analysis`` key)."""
    if isinstance(findings, Mapping):
        return {str(k): list(v) for k, v in findings.items()}
    grouped: dict[str, list[dict]] = {}
    for row in findings or ():
        grouped.setdefault(str(row.get("analysis", "")), []).append(row)
    return grouped


def _ids(*values) -> list[str]:
    found = []
    for value in values:
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item not in (None, "") and str(item) not in found:
                found.append(str(item))
    return found


def _item(analysis: str, section: str, row: dict, name: Callable[[str, str], str]) -> dict | None:
    en, th = row.get("reason") or row.get("meaning"), row.get("reason_th") or row.get("meaning_th")
    if analysis == "brokers" and section == "agency":
        if not (row.get("betweenness") or row.get("single_point")):
            return None
        ids = _ids(row.get("agency_id"))
        en, th = f"{name(ids[0], 'en')}: {en}", f"{name(ids[0], 'th')}: {th}"
    elif analysis == "brokers":
        ids = _ids(row.get("node_id"), row.get("cut_off_ids"))
    elif analysis == "coalitions":
        ids = _ids(row.get("agency_ids"))
        issues = row.get("issue_ids") or []
        en = (f"Coalition {row.get('coalition')} ({row.get('size')} agencies): "
              + ("; ".join(name(i, "en") for i in issues) or "no issue on record"))
        th = (f"กลุ่มที่ {row.get('coalition')} ({row.get('size')} หน่วยงาน): "
              + ("; ".join(name(i, "th") for i in issues) or "ยังไม่มีประเด็นที่บันทึกไว้"))
        if row.get("size", 0) < 2:
            return None
    elif analysis == "opportunities" and section == "pair":
        ids = _ids(row.get("agency_a_id"), row.get("agency_b_id"))
    elif analysis == "opportunities":
        ids = _ids(row.get("agency_id"), row.get("asset_id"))
    elif analysis == "gaps" and section == "uncovered":
        ids = _ids(row.get("id"))
        en, th = f"{name(ids[0], 'en')}: {en}", f"{name(ids[0], 'th')}: {th}"
    elif analysis == "gaps":
        ids = _ids(row.get("issue_id"))
        en, th = f"{name(ids[0], 'en')}: {en}", f"{name(ids[0], 'th')}: {th}"
    elif analysis == "causes" and section == "cycle" and row.get("loop"):
        ids = _ids(row.get("member_ids"))
        en, th = (f"{row['loop']}: " + " → ".join(name(i, lang) for i in ids + ids[:1])
                  + f" ({value_name('loop_type', row.get('loop_type'), lang)})" for lang in ("en", "th"))
    elif analysis == "causes":
        ids = _ids(row.get("member_ids") or row.get("issue_id"))
    elif analysis == "linkage" and section == "join":
        if not row.get("personal"):
            return None
        ids = _ids(row.get("dataset_a_id"), row.get("dataset_b_id"), row.get("key_id"))
    elif analysis == "linkage":
        if row.get("scope") != "all_keys":
            return None
        ids = _ids(row.get("dataset_ids"))
    else:
        return None
    if not (en or th):
        return None
    return {"th": str(th or en), "en": str(en or th), "ids": ids}


def panel_sections(G: nx.MultiDiGraph, findings, *, limit: int = ITEMS) -> list[dict]:
    """The panel's sections from analysis rows: ``[{"analysis", "section", "th", "en",
    "items": [{"th", "en", "ids"}], "more"}]``, in the order the analyses are given.

    ``findings`` is ``{name: rows}`` or rows carrying an ``analysis`` key; names are taken
    from ``G`` (by workbook id, or DOPA code for areas) in both languages.
    """
    names = entity_names(G)

    def name(ident: str, lang: str) -> str:
        if ident in names:
            return names[ident][lang]
        # a target group has no node: the vocabulary names it
        return vocabulary_label("target-group", ident, lang)

    sections = []
    for analysis, rows in rows_by_analysis(findings).items():
        for section in _SECTIONS.get(analysis, ()):
            items = [item for row in rows if row.get("section") == section
                     for item in [_item(analysis, section, row, name)] if item]
            if items:
                th, en = _TITLES.get((analysis, section)) or (section_title(analysis, section, "th"),
                                                              section_title(analysis, section, "en"))
                sections.append({"analysis": analysis, "section": section, "th": th, "en": en,
                                 "items": items[:limit], "more": max(0, len(items) - limit)})
    return sections
