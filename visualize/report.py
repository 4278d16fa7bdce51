"""The atlas: one offline page for a planning meeting, every map with the analysis tables.

:func:`build_report` reads the network once (restricted by ``filters`` when given a store),
draws every view (:data:`~abegraph.visualize.views.VIEWS`) with its findings panel, and adds
the rows of every analysis as tables whose columns sort on a click, in Thai and in English
(one switch turns the whole page, maps included). The page is self-contained like a map
(:mod:`abegraph.visualize.page`) and lays out for A4 landscape when printed: one section a
page, tables unrolled. Long tables are cut at ``max_rows`` rows, with a note saying how to get
the rest (``abegraph analyze KIND --format csv``).

Example
-------
>>> from abegraph.visualize.report import build_report
>>> page = build_report(demo_store, lang="th", views=("agencies",), analyses=("brokers",))
>>> page.count('data-abegraph-map="'), page.count('class="abr-table"')
(1, 6)
>>> "หน่วยงานตัวกลาง" in page and "https://cdn" not in page
True
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from .findings_panel import VIEW_ANALYSES
from .maps import MAP_SCRIPTS, build_map, filters_caption
from .page import asset_text, render_page
from .palette import kind_legend
from .payload import VIEW_TITLES
from .views import VIEWS, resolve_view

__all__ = ["build_report", "write_report", "MAX_ROWS"]

#: at most this many rows per table in the page
MAX_ROWS = 500

_TITLE = ("แผนที่และผลการวิเคราะห์ทรัพยากรเพื่อการจัดการศึกษาเชิงพื้นที่",
          "Area-based education: maps and findings")
_SECTIONS = {  # (analysis, section) -> Thai name (English: the key, humanised)
    ("sharing", "pair"): "คู่หน่วยงานที่ใช้ทรัพยากรร่วมกัน",
    ("sharing", "unshared"): "หน่วยงานที่ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานอื่น",
    ("brokers", "agency"): "หน่วยงานตัวกลาง",
    ("brokers", "single_point"): "จุดเปราะบางของเครือข่าย",
    ("brokers", "measure"): "ความหมายของตัวชี้วัด",
    ("coalitions", "coalition"): "กลุ่มความร่วมมือ",
    ("coalitions", "summary"): "สรุป",
    ("gaps", "issue"): "ประเด็นและสาเหตุ",
    ("gaps", "target_group"): "กลุ่มเป้าหมาย",
    ("gaps", "district"): "อำเภอ",
    ("gaps", "uncovered"): "ยังไม่มีทรัพยากรรองรับ",
    ("gaps", "one_dimension"): "มีทรัพยากรเพียงมิติเดียว",
    ("causes", "root"): "สาเหตุราก",
    ("causes", "leverage"): "พลังคานงัด",
    ("causes", "cycle"): "วงจรปัญหา",
    ("causes", "path"): "ห่วงโซ่เหตุและผล",
    ("causes", "asset"): "ทรัพยากรแก้ที่ต้นเหตุหรือปลายเหตุ",
    ("causes", "issue"): "ประเด็นกับสาเหตุราก",
    ("opportunities", "pair"): "คู่หน่วยงานที่ควรร่วมมือกัน",
    ("opportunities", "suggestion"): "ทรัพยากรที่หน่วยงานควรใช้ร่วม",
    ("linkage", "join"): "ชุดข้อมูลที่เชื่อมกันได้",
    ("linkage", "group"): "กลุ่มชุดข้อมูลที่เชื่อมถึงกัน",
    ("linkage", "isolated"): "ชุดข้อมูลที่ยังเชื่อมกับชุดอื่นไม่ได้",
    ("linkage", "personal_key"): "คีย์ที่ระบุตัวบุคคลได้",
}
_COLUMNS_TH = {
    "agency": "หน่วยงาน", "agency_id": "รหัสหน่วยงาน", "agency_a": "หน่วยงาน ก", "agency_a_id": "รหัส ก",
    "agency_b": "หน่วยงาน ข", "agency_b_id": "รหัส ข", "agencies": "หน่วยงาน", "agency_ids": "รหัสหน่วยงาน",
    "asset": "ทรัพยากร", "asset_id": "รหัสทรัพยากร", "assets": "ทรัพยากร", "asset_ids": "รหัสทรัพยากร",
    "shared": "จำนวนที่ใช้ร่วม", "shared_assets": "ทรัพยากรที่ใช้ร่วม", "by_dimension": "แยกตามมิติ",
    "partners": "จำนวนหน่วยงานที่ร่วมมือ", "degree": "ระดับการเชื่อมโยง", "betweenness": "ความเป็นตัวกลาง",
    "eigenvector": "ความสำคัญเชิงเครือข่าย", "issue": "ประเด็น", "issue_id": "รหัสประเด็น",
    "issues": "ประเด็น",
    "issue_ids": "รหัสประเด็น", "name": "ชื่อ", "id": "รหัส", "kind": "ประเภท", "size": "ขนาด",
    "dimension": "มิติ", "coverage": "การรองรับ", "reason_th": "คำอธิบาย", "meaning_th": "ความหมาย",
    "district": "อำเภอ", "district_id": "รหัสอำเภอ", "target_group": "กลุ่มเป้าหมาย", "score": "คะแนน",
    "rank": "ลำดับ", "leverage": "พลังคานงัด", "dataset_a": "ชุดข้อมูล ก", "dataset_b": "ชุดข้อมูล ข",
    "key": "คีย์", "key_id": "รหัสคีย์", "personal": "ข้อมูลส่วนบุคคล", "coalition": "กลุ่ม",
    "holders": "หน่วยงานเจ้าของ", "path": "เส้นทาง", "length": "ความยาว", "covered": "มีทรัพยากรรองรับ",
}


def _section_names(analysis: str, section: str) -> tuple[str, str]:
    words = section.replace("_", " ")
    return _SECTIONS.get((analysis, section), words), words.capitalize()


def _cell(value, lang: str) -> tuple[str, str, bool]:
    """``(text, sort key, numeric)`` of a cell."""
    if value is None:
        return "", "", False
    if isinstance(value, bool):
        return ("ใช่" if lang == "th" else "yes") if value else "", "1" if value else "0", False
    if isinstance(value, (int, float)):
        text = f"{value:g}" if isinstance(value, float) else f"{value:,}"
        return text, repr(value), True
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()), "", False
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value), str(len(value)), False
    return str(value), "", False


def _table(rows: list[dict], lang: str, analysis: str, section: str, max_rows: int) -> str:
    drop = {"section", "reason", "meaning"} if lang == "th" else {"section", "reason_th", "meaning_th"}
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in drop and k not in columns]
    head = "".join(
        f'<th scope="col"><button type="button" title="{html.escape(c)}">'
        f"{html.escape(_COLUMNS_TH.get(c, c) if lang == 'th' else c)}</button></th>" for c in columns)
    body = []
    for row in rows[:max_rows]:
        cells = []
        for c in columns:
            text, key, numeric = _cell(row.get(c), lang)
            kind = "num" if numeric else ("long" if len(text) > 60 else "")
            attrs = (f' class="{kind}"' if kind else "") + (f' data-sort="{html.escape(key)}"' if key else "")
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if len(rows) > max_rows:
        note = ('<p class="abr-note">' + html.escape(
            f"แสดง {max_rows:,} แถวแรกจาก {len(rows):,} แถว "
            f"ดูทั้งหมดด้วย abegraph analyze {analysis} --format csv"
            if lang == "th" else
            f"The first {max_rows:,} of {len(rows):,} rows; "
            f"all of them: abegraph analyze {analysis} --format csv")
            + "</p>")
    return (f'<div class="abr-scroll"><table class="abr-table" data-analysis="{html.escape(analysis)}" '
            f'data-section="{html.escape(section)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{note}")


def _both(th: str, en: str, tag: str = "span") -> str:
    return (f'<{tag} class="th-only" lang="th">{html.escape(th)}</{tag}>'
            f'<{tag} class="en-only" lang="en">{html.escape(en)}</{tag}>')


def _sources(store) -> list[str]:
    query = """PREFIX abe: <https://w3id.org/abegraph/ns#>
    SELECT ?g ?file WHERE { GRAPH ?g { ?g abe:fileName ?file } } ORDER BY ?g"""
    return [f"{str(g).rsplit('/', 1)[-1]} ({file})" for g, file in store.select(query)]


def build_report(store_or_G, *, lang: str = "th", filters=None, title: str | None = None,
                 views: Iterable[str] = VIEWS, analyses: Iterable[str] | None = None,
                 size_by: str = "betweenness", max_rows: int = MAX_ROWS, group_by: str | None = "auto",
                 seed: int = 0) -> str:
    """The atlas page as text.

    Parameters
    ----------
    store_or_G : Store or networkx.MultiDiGraph
        A store (read with ``filters``; provenance and the loaded files are shown), or a
        network from :func:`~abegraph.network.projections.read_network`.
    lang : {"th", "en"}
        The language the page opens in.
    filters : Filters, optional
        Only with a store (restrict a graph before passing it).
    views, analyses : iterables of names
        Default: every view and every analysis.
    max_rows : int
        Rows shown per table.

    Raises
    ------
    ValueError
        ``filters`` given with a graph, or an unknown language.
    NotFound
        An unknown view or analysis, or a filter naming nothing.
    """
    from ..exceptions import NotFound
    from abegraph.network.analyses import ANALYSES, analysis_rows
    from abegraph.network.projections import read_network
    from .provenance import read_provenance

    if lang not in ("th", "en"):
        raise ValueError(f"no language {lang!r}; choose th or en")
    views = [resolve_view(v) for v in views]
    names = list(ANALYSES) if analyses is None else list(analyses)
    for name in names:
        if name not in ANALYSES:
            raise NotFound(f"no analysis called {name!r}; choose one of: {', '.join(ANALYSES)}")
    if isinstance(store_or_G, nx.Graph):
        if filters is not None:
            raise ValueError("filters apply to a store; restrict the graph before passing it")
        G, provenance, sources = store_or_G, None, []
    else:
        G = read_network(store_or_G, filters)
        provenance, sources = read_provenance(store_or_G), _sources(store_or_G)
    rows = analysis_rows(G, names)
    caption = filters_caption(filters)

    parts = []
    counts = {}
    for _, kind in G.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    legend = kind_legend()
    summary = ", ".join(f"{legend[k]['th']} {counts[k]:,}" for k in legend if k in counts)
    summary_en = ", ".join(f"{legend[k]['en']} {counts[k]:,}" for k in legend if k in counts)
    intro = [f'<section class="abr-intro"><h2>{_both("สารบัญ", "Contents")}</h2>',
             f'<p class="abr-meta">{_both(summary, summary_en)}</p>']
    if caption:
        intro.append(f'<p class="abr-meta">{_both(caption["th"], caption["en"])}</p>')
    if sources:
        intro.append(f'<p class="abr-meta">{_both("แหล่งข้อมูล: ", "Sources: ")}'
                     f'{html.escape(", ".join(sources))}</p>')
    toc = []
    for view in views:
        th, en = VIEW_TITLES[view]
        toc.append(f'<li><a href="#map-{view}">{_both(th, en)}</a></li>')
    for name in names:
        entry = _both(ANALYSES[name].title_th, ANALYSES[name].title_en)
        toc.append(f'<li><a href="#analysis-{name}">{entry}</a></li>')
    intro.append(f'<ol class="abr-toc">{"".join(toc)}</ol></section>')
    parts.append("".join(intro))

    for view in views:
        panel = {name: rows[lang][name] for name in VIEW_ANALYSES.get(view, ()) if name in rows[lang]}
        m = build_map(G, view, lang=lang, size_by=size_by, findings=panel or False, provenance=provenance,
                      subtitle=caption, group_by=group_by, seed=seed)
        th, en = m.payload["meta"]["title"]["th"], m.payload["meta"]["title"]["en"]
        parts.append(f'<section class="abr-map" id="map-{view}"><h2>{_both(th, en)}</h2>'
                     f'{m.body(f"abm-{view}", hide_lang=True)}</section>')

    for name in names:
        analysis = ANALYSES[name]
        block = [f'<section class="abr-analysis" id="analysis-{name}">'
                 f"<h2>{_both(analysis.title_th, analysis.title_en)}</h2>"]
        sections: list[str] = []
        for row in rows["en"][name]:
            if row["section"] not in sections:
                sections.append(row["section"])
        for section in sections:
            th, en = _section_names(name, section)
            block.append(f"<h3>{_both(th, en)}</h3>")
            for language in ("th", "en"):
                subset = [r for r in rows[language][name] if r["section"] == section]
                block.append(f'<div class="{language}-only" lang="{language}">'
                             f"{_table(subset, language, name, section, max_rows)}</div>")
        if not sections:
            block.append(f'<p class="abr-note">{_both("ไม่มีผลลัพธ์", "No rows.")}</p>')
        block.append("</section>")
        parts.append("".join(block))

    heading_th, heading_en = (title, title) if title else _TITLE
    head = (f'<header class="abr-head"><h1>{_both(heading_th, heading_en)}</h1>'
            '<div class="abr-lang"><button type="button" data-lang="th">ไทย</button>'
            '<button type="button" data-lang="en">English</button></div>'
            f'<button type="button" class="abr-print">{_both("พิมพ์", "Print")}</button></header>')
    body = (f"{head}<main class=\"abr-main\">{''.join(parts)}</main>")
    scripts = tuple(asset_text(n) for n in MAP_SCRIPTS) + (asset_text("report.js"), "AbeReport.boot();")
    page = render_page(heading_th if lang == "th" else heading_en, body=body, scripts=scripts,
                       styles=(asset_text("map.css"), asset_text("report.css")), lang=lang,
                       body_class=f"abr lang-{lang}")
    return page.replace('<body class="abr', f'<body data-lang="{lang}" class="abr', 1)


def write_report(path: str | Path, store_or_G, **options) -> Path:
    """Write :func:`build_report`'s page to ``path`` as UTF-8 and return the path.

    >>> import tempfile, pathlib
    >>> out = write_report(pathlib.Path(tempfile.mkdtemp()) / "atlas.html", demo_store,
    ...                    views=("issues",), analyses=("causes",))
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    path = Path(path)
    path.write_text(build_report(store_or_G, **options), encoding="utf-8", newline="\n")
    return path
