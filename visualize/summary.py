"""The atlas's first page: what a provincial meeting needs to decide, in the meeting's language.

The province, the loaded sources with their dates, the counts, the headline figures of the
network's health (``health``: density, centralisation ..., each with its one-line meaning), and
four lists drawn from the analyses' rows: root causes nothing addresses (``causes``), issues,
target groups and districts with nothing behind them (``gaps``), single points of failure
(``brokers``) and the pairs of agencies that should meet first (``opportunities``). Each list
says the question it puts to the meeting and links to its map and its table; a list whose
analysis was not run is left out.

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.network.analyses import run_all
>>> from abegraph.visualize.summary import decisions, province_names
>>> G = read_network(demo_store)
>>> province_names(G, "th"), province_names(G, "en")
('ขอนแก่น', 'Khon Kaen')
>>> rows = {"brokers": [{"section": "single_point", "node_id": "MSDHS-KK", "node": "พมจ.ขอนแก่น",
...                      "cut_off_ids": ["DCY"]}]}
>>> [(d["key"], d["items"]) for d in decisions(rows, "en", name={"DCY": "Department of Children and Youth"}.get)]
[('single_point', ['พมจ.ขอนแก่น: without it, Department of Children and Youth would lose every link to the rest of the network'])]
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import networkx as nx

from abegraph.network.columns import value_name
from abegraph.thai.dates import province_time, thai_date, thai_datetime

__all__ = ["summary_section", "decisions", "health_figures", "province_names", "read_sources", "ITEMS"]

#: at most this many entries in each list of the summary (the table has them all)
ITEMS = 5

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_SOURCES = """PREFIX abe: <https://w3id.org/abegraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?file ?time ?workshop ?date ?place WHERE {
  GRAPH ?g { ?g abe:fileName ?file .
    OPTIONAL { ?g prov:generatedAtTime ?time }
    OPTIONAL { ?g prov:wasGeneratedBy ?w .
               OPTIONAL { ?w rdfs:label ?workshop } OPTIONAL { ?w prov:startedAtTime ?date }
               OPTIONAL { ?w prov:atLocation ?place } } }
} ORDER BY ?g"""


def _date(iso, lang: str) -> str:
    if not iso:
        return ""
    try:
        if lang == "th":
            return thai_date(str(iso))
        year, month, day = str(iso)[:10].split("-")
        return f"{int(day)} {_MONTHS_EN[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return str(iso)


def _moment(iso, lang: str) -> str:
    """When a file was loaded, in the province's time: a dateTime as date and time (as
    ``query sources`` writes it in Thai), a date as a date."""
    if "T" not in str(iso):
        return _date(iso, lang)
    try:
        if lang == "th":
            return thai_datetime(str(iso))
        moment = province_time(str(iso))
    except ValueError:
        return str(iso)
    return f"{_date(moment.date().isoformat(), lang)} {moment:%H:%M}"


def _in_language(texts, lang: str) -> str:
    """Of a workshop's titles (or places), the one in ``lang``, else one without a language,
    else any."""
    def rank(text):
        language = getattr(text, "language", None)
        return language != lang, language is not None, text.value

    ranked = sorted({t for t in texts if t is not None}, key=rank)
    return ranked[0].value if ranked else ""


def read_sources(store, lang: str = "en") -> list[dict]:
    """The loaded files: ``[{"graph", "file", "loaded", "workshop", "date", "place"}]`` (ISO
    dates; ``loaded`` a dateTime), the workshop's title and place in ``lang`` where it has them."""
    found: dict[str, dict] = {}
    texts: dict[str, tuple[list, list]] = {}
    for g, file, time, workshop, date, place in store.rows(_SOURCES):
        found.setdefault(g.value, {"graph": g.value.rsplit("/", 1)[-1], "file": file.value,
                                   "loaded": time.value if time else "",
                                   "date": date.value[:10] if date else ""})
        titles, places = texts.setdefault(g.value, ([], []))
        titles.append(workshop)
        places.append(place)
    for g, source in found.items():
        source["workshop"], source["place"] = (_in_language(t, lang) for t in texts[g])
    return list(found.values())


def province_names(G: nx.MultiDiGraph, lang: str) -> str:
    """The name of the province (or provinces) the network covers, in ``lang``."""
    key = "label_th" if lang == "th" else "label_en"
    names = sorted({str(d.get(key) or d.get("label_en") or d.get("label_th") or d["notation"])
                    for _, d in G.nodes(data=True)
                    if d.get("kind") == "area" and len(str(d.get("notation", ""))) == 2})
    if len(names) > 3:
        return f"{len(names)} จังหวัด" if lang == "th" else f"{len(names)} provinces"
    return ", ".join(names)


def _rows(rows: Mapping, analysis: str, section: str) -> list[dict]:
    return [r for r in rows.get(analysis, ()) if r.get("section") == section]


def _reason(row: Mapping, lang: str) -> str:
    keys = ("reason_th", "meaning_th", "reason", "meaning") if lang == "th" else ("reason", "meaning", "reason_th")
    return next((str(row[k]) for k in keys if row.get(k)), "")


def _single_point(row: Mapping, lang: str, name) -> str:
    cut = [name(str(i)) for i in row.get("cut_off_ids") or ()]
    if not cut:
        return _reason(row, lang)
    shown = ", ".join(cut[:3]) + ((f" และอีก {len(cut) - 3}" if lang == "th" else f" and {len(cut) - 3} more")
                                  if len(cut) > 3 else "")
    node = row.get("node") or name(str(row.get("node_id")))
    if lang == "th":
        return f"{node}: หากขาดไป {shown} จะไม่มีทางเชื่อมกับเครือข่ายส่วนที่เหลือ"
    return f"{node}: without it, {shown} would lose every link to the rest of the network"


def unaddressed_first(rows: list[dict]) -> list[dict]:
    """Rows of ``analyze causes`` with the root causes nothing addresses first in the root
    section (as the summary's card lists them), each part in its order; the atlas's table of
    root causes is in this order, so that the card's causes are the table's first rows.

    >>> rows = [{"section": "root", "issue_id": "C1", "assets": 2}, {"section": "path"},
    ...         {"section": "root", "issue_id": "C2", "assets": 0}]
    >>> [r.get("issue_id") for r in unaddressed_first(rows)]
    ['C2', None, 'C1']
    """
    roots = iter(sorted((r for r in rows if r.get("section") == "root"), key=lambda r: bool(r.get("assets"))))
    return [next(roots) if r.get("section") == "root" else r for r in rows]


def decisions(rows: Mapping, lang: str, *, limit: int = ITEMS, name=str) -> list[dict]:
    """The lists of the summary: ``[{"key", "title", "question", "count", "items", "map", "table",
    "rows"}]``, from ``{analysis: rows}`` (only the analyses present); ``rows`` counts the rows of
    the table the list links to (more than ``count`` when the list is its first rows); ``name``
    turns an id into a name."""
    th = lang == "th"
    found = []
    if "causes" in rows:
        roots = [r for r in _rows(rows, "causes", "root") if not r.get("assets")]
        roots.sort(key=lambda r: -(r.get("leverage") or 0))
        found.append({
            "key": "roots", "map": "issues", "table": "causes-root", "count": len(roots),
            "rows": len(_rows(rows, "causes", "root")),
            "title": "สาเหตุรากที่ยังไม่มีใครแก้" if th else "Root causes nothing addresses",
            "question": "ใครจะรับแก้สาเหตุเหล่านี้?" if th else "Who will take these causes on?",
            "items": [(f"{r.get('issue')} ({r.get('issue_id')}): ส่งผลต่อประเด็นและสาเหตุอื่น {r.get('leverage', 0)} รายการ"
                       if th else f"{r.get('issue')} ({r.get('issue_id')}): leads to {r.get('leverage', 0)} "
                                  "other issues and causes") for r in roots[:limit]],
            "none": "ทุกสาเหตุรากมีทรัพยากรรองรับแล้ว" if th else "Every root cause has something addressing it."})
    if "gaps" in rows:
        order = {"issue": 0, "cause": 1, "target_group": 2, "district": 3}
        uncovered = sorted(_rows(rows, "gaps", "uncovered"), key=lambda r: order.get(r.get("kind"), 9))
        found.append({
            "key": "uncovered", "map": "issues", "table": "gaps-uncovered", "count": len(uncovered),
            "title": "ประเด็นที่ยังไม่มีทรัพยากรรองรับ" if th else "Issues with nothing behind them",
            "question": "หน่วยงานใดจะจัดทรัพยากรรองรับ?" if th else "Which agency will put resources behind them?",
            "items": [f"{r.get('name')} ({value_name('kind', r.get('kind'), lang)})" for r in uncovered[:limit]],
            "none": "ทุกประเด็นมีทรัพยากรรองรับแล้ว" if th else "Every issue has something behind it."})
    if "brokers" in rows:
        points = _rows(rows, "brokers", "single_point")
        found.append({
            "key": "single_point", "map": "agencies", "table": "brokers-single_point", "count": len(points),
            "title": "จุดเปราะบางของเครือข่าย" if th else "Single points of failure",
            "question": ("ใครจะเป็นเส้นทางสำรองให้หน่วยงานเหล่านี้?" if th
                         else "Who else should link these agencies to the network?"),
            "items": [_single_point(r, lang, name) for r in points[:limit]],
            "none": "ไม่มีหน่วยงานใดที่หากขาดไปแล้วเครือข่ายจะขาดออกจากกัน" if th else "No single agency holds the network together."})
    if "opportunities" in rows:
        pairs = sorted(_rows(rows, "opportunities", "pair"), key=lambda r: r.get("rank") or 0)
        found.append({
            "key": "opportunities", "map": "agencies", "table": "opportunities-pair", "count": len(pairs),
            "title": "คู่หน่วยงานที่ควรร่วมมือกัน" if th else "Agencies that should meet",
            "question": "ควรนัดคู่ใดมาคุยกันก่อน?" if th else "Which pairs should meet first?",
            "items": [(f"{r.get('agency_a')} กับ {r.get('agency_b')}" + (f" (ประเด็นร่วม: {r['issue']})" if r.get("issue") else "")
                       if th else f"{r.get('agency_a')} and {r.get('agency_b')}"
                       + (f" (common issue: {r['issue']})" if r.get("issue") else "")) for r in pairs[:limit]],
            "none": "ยังไม่พบคู่หน่วยงานที่ควรร่วมมือเพิ่ม" if th else "No pair of agencies stands out."})
    for d in found:
        d["items"] = [item for item in d["items"] if item]
        d.setdefault("rows", d["count"])
    return found


def _table_link(d: Mapping, lang: str) -> str:
    """The words of a card's link to its table: how many rows it has, and, when the card lists
    only some of them (shown first), how many."""
    th = lang == "th"
    if d["rows"] == d["count"]:
        return f"ดูตาราง ({d['rows']:,} รายการ)" if th else f"See the table ({d['rows']:,})"
    if th:
        return f"ดูตาราง ({d['rows']:,} รายการ, {d['title']} {d['count']:,} รายการแรก)"
    return f"See the table ({d['rows']:,} rows, the {d['count']:,} {d['title'].lower()} first)"


def health_figures(rows: Mapping, lang: str) -> list[dict]:
    """The headline figures of the network's health (the ``figure`` rows of ``analyze health``):
    ``[{"figure", "label", "shown", "meaning"}]`` in ``lang``; ``[]`` when health was not run.

    >>> rows = {"health": [{"section": "figure", "figure": "density", "label": "ความหนาแน่นของเครือข่าย",
    ...                     "shown": "18.8%", "meaning": "18.8% of the pairs share.", "meaning_th": "18.8% ของคู่"}]}
    >>> health_figures(rows, "th")
    [{'figure': 'density', 'label': 'ความหนาแน่นของเครือข่าย', 'shown': '18.8%', 'meaning': '18.8% ของคู่'}]
    """
    return [{"figure": r.get("figure"), "label": str(r.get("label") or ""), "shown": str(r.get("shown") or ""),
             "meaning": _reason(r, lang)} for r in _rows(rows, "health", "figure")]


def _health(rows: Mapping, lang: str) -> str:
    figures = health_figures(rows, lang)
    if not figures:
        return ""
    th = lang == "th"
    e = html.escape
    items = "".join(f'<li data-figure="{e(str(f["figure"]))}"><b>{e(f["shown"])}</b> <span>{e(f["label"])}</span>'
                    f'<small>{e(f["meaning"])}</small></li>' for f in figures)
    link = "ดูตารางสุขภาพเครือข่าย" if th else "See the health tables"
    return (f'<div class="abr-health" id="summary-health"><h3>{"สุขภาพของเครือข่าย" if th else "Health of the network"}'
            f'</h3><ul>{items}</ul><p class="abr-links"><a href="#table-health-figure">{link}</a></p></div>')


def _counts(G: nx.MultiDiGraph, rows: Mapping, lang: str) -> list[tuple[int, str]]:
    th = lang == "th"
    kinds: dict[str, int] = {}
    districts = 0
    for _, data in G.nodes(data=True):
        kinds[data.get("kind")] = kinds.get(data.get("kind"), 0) + 1
        districts += data.get("kind") == "area" and len(str(data.get("notation", ""))) == 4
    counts = [(kinds.get("agency", 0), "หน่วยงาน" if th else "agencies"),
              (kinds.get("resource", 0), "ทรัพยากร" if th else "resources"),
              (kinds.get("dataset", 0), "ชุดข้อมูล" if th else "datasets"),
              (kinds.get("issue", 0), "ประเด็นและสาเหตุ" if th else "issues and causes"),
              (districts, "อำเภอ" if th else "districts")]
    if "sharing" in rows:
        counts.append((len(_rows(rows, "sharing", "pair")),
                       "คู่หน่วยงานที่ใช้ทรัพยากรร่วมกัน" if th else "pairs of agencies sharing assets"))
    return counts


def summary_section(G: nx.MultiDiGraph, rows: Mapping, *, lang: str, province: str = "",
                    sources: list[dict] = (), caption: str | None = None, views=(), name=str) -> str:
    """The summary page's markup (every text escaped)."""
    th = lang == "th"
    e = html.escape
    out = [f'<section class="abr-summary" id="summary"><h2>{"สรุปสำหรับการประชุม" if th else "Summary for the meeting"}'
           + (f": {e(province)}" if province else "") + "</h2>"]
    if caption:
        out.append(f'<p class="abr-meta">{e(caption)}</p>')
    if sources:
        lines = []
        for s in sources:
            text = f"{s['file']} ({s['graph']})"
            if s.get("workshop"):
                text += f" · {s['workshop']}"
                if s.get("date"):
                    text += f" {_date(s['date'], lang)}"
                if s.get("place"):
                    text += f", {s['place']}"
            if s.get("loaded"):
                text += f" · {'นำเข้าเมื่อ' if th else 'loaded'} {_moment(s['loaded'], lang)}"
            lines.append(f"<li>{e(text)}</li>")
        out.append(f'<div class="abr-sources"><h3>{"แหล่งข้อมูล" if th else "Sources"}</h3><ul>{"".join(lines)}</ul></div>')
    tiles = "".join(f'<li><b>{n:,}</b> {e(label)}</li>' for n, label in _counts(G, rows, lang))
    out.append(f'<ul class="abr-counts">{tiles}</ul>')
    out.append(f'<h3 class="abr-decide">{"เรื่องที่ที่ประชุมต้องตัดสินใจ" if th else "What the meeting needs to decide"}</h3>'
               '<div class="abr-cards">')
    for d in decisions(rows, lang, name=name):
        items = "".join(f"<li>{e(item)}</li>" for item in d["items"]) or f'<li class="abr-none">{e(d["none"])}</li>'
        more = d["count"] - len(d["items"])
        links = []
        if d["map"] in views:
            links.append(f'<a href="#map-{d["map"]}">{"ดูบนแผนที่" if th else "See the map"}</a>')
        links.append(f'<a href="#table-{d["table"]}">{e(_table_link(d, lang))}</a>')
        more_text = (f"และอีก {more:,} รายการ" if th else f"and {more:,} more") if more > 0 else ""
        out.append(f'<div class="abr-card" data-decision="{d["key"]}"><h4>{e(d["title"])} ({d["count"]:,})</h4>'
                   f'<p class="abr-question">{e(d["question"])}</p><ol>{items}</ol>'
                   + (f'<p class="abr-note">{e(more_text)}</p>' if more_text else "")
                   + f'<p class="abr-links">{" · ".join(links)}</p></div>')
    out.append("</div>")
    out.append(_health(rows, lang))  # after the decisions, which come first on a phone
    out.append("</section>")
    return "".join(out)
