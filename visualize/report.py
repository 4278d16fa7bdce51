"""The atlas: one offline page for a planning meeting, in the meeting's language.

:func:`build_report` reads the network once (restricted by ``filters`` when given a store) and
runs each analysis once, in ``lang``. The page opens with a one-page summary
(:mod:`abegraph.visualize.summary`: the province, the sources and their dates, the counts, and
the findings that need a decision, each linked to its map and table), then every view
(:data:`~abegraph.visualize.views.VIEWS`) with its legend and findings panel, then the rows of
every analysis as tables whose columns sort on a click (the columns of
:data:`abegraph.network.columns.BRIEF`, laid out by :mod:`abegraph.visualize.tables`).
Everything a reader sees is in ``lang``; for the other language, write a second atlas.

The page is self-contained like a map (:mod:`abegraph.visualize.page`) and lays out for A4
landscape when printed: the summary on page one, each map on its own page with its legend,
each analysis from a new page, each table's first :data:`~abegraph.visualize.tables.PRINT_ROWS`
rows (the file holds the rest; ``abegraph analyze KIND --format csv`` all of them).

Example
-------
>>> from abegraph.visualize.report import build_report
>>> page = build_report(demo_store, lang="th", views=("agencies",), analyses=("brokers",))
>>> page.count('data-abegraph-map="'), page.count('class="abr-table"')
(1, 3)
>>> import re
>>> text = re.sub(r"<script.*?</script>", "", page, flags=re.S)  # the page without its data and code
>>> "หน่วยงานตัวกลาง" in text and "Brokers" not in text and "https://cdn" not in page
True
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from abegraph.exceptions import NotFound
from abegraph.network.analyses import ANALYSES
from abegraph.network.columns import readable, section_title
from abegraph.network.projections import entity_names, read_network, reuse
from abegraph.progress import Progress, quiet
from .findings_panel import VIEW_ANALYSES
from .maps import MAP_SCRIPTS, build_map, filters_caption
from .page import asset_text, render_page
from .payload import VIEW_TITLES
from .provenance import read_provenance
from .summary import province_names, read_sources, summary_section, unaddressed_first
from .tables import LIST_MAX, section_table
from .views import VIEWS, resolve_view

__all__ = ["build_report", "write_report", "MAX_ROWS"]

#: at most this many rows per table in the page
MAX_ROWS = 500

_TITLE = ("แผนที่ทรัพยากรเพื่อการจัดการศึกษาเชิงพื้นที่", "Area-based education atlas")


def _contents(views: list[str], names: list[str], rows: dict, lang: str) -> str:
    heading = "สารบัญ" if lang == "th" else "Contents"
    maps_heading = "แผนที่" if lang == "th" else "Maps"
    tables_heading = "ผลการวิเคราะห์" if lang == "th" else "Analyses"
    items = [f'<li><a href="#map-{v}">{html.escape(VIEW_TITLES[v][0 if lang == "th" else 1])}</a></li>'
             for v in views]
    tables = []
    for name in names:
        sections = list(dict.fromkeys(r["section"] for r in rows[name]))
        inner = "".join(f'<li><a href="#table-{name}-{s}">{html.escape(section_title(name, s, lang))}'
                        "</a></li>" for s in sections)
        tables.append(f'<li><a href="#analysis-{name}">{html.escape(ANALYSES[name].title(lang))}</a>'
                      f'<ul>{inner}</ul></li>')
    return (f'<section class="abr-contents" id="contents"><h2>{heading}</h2><div class="abr-toc">'
            f'<div><h3>{maps_heading}</h3><ol>{"".join(items)}</ol></div>'
            f'<div><h3>{tables_heading}</h3><ol>{"".join(tables)}</ol></div></div></section>')


def build_report(store_or_G, *, lang: str = "th", filters=None, title: str | None = None,
                 views: Iterable[str] = VIEWS, analyses: Iterable[str] | None = None,
                 size_by: str = "betweenness", max_rows: int = MAX_ROWS, group_by: str | None = "auto",
                 seed: int = 0, progress: Progress = quiet) -> str:
    """The atlas page as text. The network is read once, and each projection and analysis is
    computed once for all maps and tables.

    Parameters
    ----------
    store_or_G : Store or networkx.MultiDiGraph
        A store (read with ``filters``; provenance and the loaded files are shown), or a
        network from :func:`~abegraph.network.projections.read_network`.
    lang : {"th", "en"}
        The language of the page.
    filters : Filters, optional
        Only with a store (restrict a graph before passing it).
    title : str, optional
        Default: the atlas's title with the province's name.
    views, analyses : iterables of names
        Default: every view and every analysis.
    max_rows : int
        Rows shown per table.
    progress : callable, optional
        ``progress(step, done, total)`` before each step (:mod:`abegraph.progress`).

    Raises
    ------
    ValueError
        ``filters`` given with a graph, or an unknown language.
    NotFound
        An unknown view or analysis, or a filter naming nothing.
    """
    with reuse():  # each projection and analysis once, for every map and table
        if lang not in ("th", "en"):
            raise ValueError(f"no language {lang!r}; choose th or en")
        views = [resolve_view(v) for v in views]
        names = list(ANALYSES) if analyses is None else list(analyses)
        for name in names:
            if name not in ANALYSES:
                raise NotFound(f"no analysis called {name!r}; choose one of: {', '.join(ANALYSES)}")
        total, done = 1 + len(names) + len(views) + 1, 0

        def step(text: str) -> None:
            nonlocal done
            progress(text, done, total)
            done += 1

        if isinstance(store_or_G, nx.Graph):
            if filters is not None:
                raise ValueError("filters apply to a store; restrict the graph before passing it")
            G, provenance, sources = store_or_G, None, []
            step("reading the network")
        else:
            step("reading the network")
            G = read_network(store_or_G, filters)
            provenance, sources = read_provenance(store_or_G), read_sources(store_or_G, lang)
        rows = {}
        for name in names:  # once each, in lang
            step(f"analysis: {ANALYSES[name].title(lang)}")
            rows[name] = ANALYSES[name].load()(G, lang=lang)
        caption = filters_caption(filters)
        known = {ident: names[lang] for ident, names in entity_names(G).items()}

        def name_of(ident: str) -> str:
            return known.get(ident, ident)

        index = 0 if lang == "th" else 1
        province = province_names(G, lang)
        heading = title or (f"{_TITLE[index]}: {province}" if province else _TITLE[index])
        parts = [summary_section(G, rows, lang=lang, province=province, sources=sources,
                                 caption=caption[lang] if caption else None, views=views, name=name_of),
                 _contents(views, names, rows, lang)]

        for view in views:
            step(f"map: {VIEW_TITLES[view][0 if lang == 'th' else 1]}")
            panel = {name: rows[name] for name in VIEW_ANALYSES.get(view, ()) if name in rows}
            m = build_map(G, view, lang=lang, size_by=size_by, findings=panel or False, provenance=provenance,
                          subtitle=caption, group_by=group_by, seed=seed, loops=rows.get("causes"))
            parts.append(f'<section class="abr-map" id="map-{view}"><h2>{html.escape(m.title)}</h2>'
                         f'{m.body(f"abm-{view}", hide_lang=True)}</section>')

        step("tables")
        for name in names:
            block = [f'<section class="abr-analysis" id="analysis-{name}">'
                     f"<h2>{html.escape(ANALYSES[name].title(lang))}</h2>"]
            # the root causes in the order of the summary's card
            shown = unaddressed_first(rows[name]) if name == "causes" else rows[name]
            sections = readable(shown, lang, analysis=name, brief=True, names=known, list_max=LIST_MAX)
            for part in sections:
                block.append(f'<div class="abr-part"><h3>{html.escape(part.title)}</h3>'
                             + section_table(part, lang=lang, max_rows=max_rows,
                                             ident=f"table-{name}-{part.section}") + "</div>")
            if not sections:
                block.append(f'<p class="abr-note">{"ไม่มีผลลัพธ์" if lang == "th" else "No rows."}</p>')
            block.append("</section>")
            parts.append("".join(block))

        head = (f'<header class="abr-head"><h1>{html.escape(heading)}</h1>'
                f'<a class="abr-top" href="#summary">{"สรุป" if lang == "th" else "Summary"}</a>'
                f'<a class="abr-top" href="#contents">{"สารบัญ" if lang == "th" else "Contents"}</a>'
                f'<button type="button" class="abr-print">{"พิมพ์" if lang == "th" else "Print"}</button></header>')
        body = f"{head}<main class=\"abr-main\">{''.join(parts)}</main>"
        scripts = tuple(asset_text(n) for n in MAP_SCRIPTS) + (asset_text("report.js"), "AbeReport.boot();")
        progress("done", total, total)
        return render_page(heading, body=body, scripts=scripts,
                           styles=(asset_text("map.css"), asset_text("report.css")), lang=lang,
                           body_class=f"abr lang-{lang}")


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
