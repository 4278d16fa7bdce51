"""Network maps: one offline HTML file a coordinator opens at the next meeting.

:func:`build_map` turns the network (:func:`~abegraph.network.projections.read_network`) into
a :class:`Map` of one view (agencies, resources, issues, datasets, everything; see
:mod:`abegraph.visualize.views`); :func:`store_map` reads the store first, restricted by
:class:`~abegraph.network.projections.Filters`, and adds provenance. In the page: colours by kind
and dimension with a legend from the vocabulary, size by a centrality, edge width by shared
assets, tooltips (as text), search in Thai and English, filters by dimension, issue, district
and agency, click to focus, a Thai/English switch, the findings panel and a PNG button.

The file is self-contained (vis-network inlined, no request when opened), UTF-8 whatever the
platform, and the same graph with the same options gives the same bytes. Positions are
computed here (:mod:`abegraph.visualize.layout`), so the browser draws a settled map at once;
above :data:`~abegraph.visualize.payload.GROUP_ABOVE` nodes it starts grouped.

Example
-------
>>> from abegraph.network.projections import read_network
>>> from abegraph.visualize.maps import build_map
>>> G = read_network(demo_store)
>>> m = build_map(G, "agencies", lang="th")
>>> m.view, m.number_of_nodes, m.number_of_edges, m.grouped
('agencies', 33, 99, False)
>>> page = m.html()
>>> page.startswith("<!DOCTYPE html>") and "<link" not in page and 'src="http' not in page
True
>>> page == build_map(G, "agencies", lang="th").html()      # deterministic
True
>>> m._repr_html_().startswith("<iframe")
True
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from abegraph.network.projections import read_network
from abegraph.progress import Progress, quiet
from .page import asset_text, json_for_script, render_page
from .payload import GROUP_ABOVE, VIEW_TITLES, map_payload
from .provenance import read_provenance
from .views import resolve_view

__all__ = ["Map", "build_map", "store_map", "filters_caption", "MAP_SCRIPTS"]

#: the scripts every map page inlines, in order
MAP_SCRIPTS = ("vis-network.min.js", "map.js")


class Map:
    """A network map: its data, and the page that shows it.

    Use :meth:`html` for the page's text, :meth:`write` to save it, or display the object in
    a Jupyter or VS Code notebook (:meth:`_repr_html_`).
    """

    def __init__(self, payload: dict):
        self.payload = payload

    @property
    def view(self) -> str:
        return self.payload["meta"]["view"]

    @property
    def lang(self) -> str:
        return self.payload["meta"]["lang"]

    @property
    def title(self) -> str:
        return self.payload["meta"]["title"][self.lang]

    @property
    def number_of_nodes(self) -> int:
        return self.payload["meta"]["nodes"]

    @property
    def number_of_edges(self) -> int:
        return self.payload["meta"]["edges"]

    @property
    def grouped(self) -> bool:
        return self.payload["meta"]["grouped"] is not None

    def __repr__(self) -> str:
        return f"<Map {self.view}: {self.number_of_nodes} nodes, {self.number_of_edges} edges>"

    def body(self, ident: str = "abegraph-map", *, hide_lang: bool = False) -> str:
        """The map's markup for embedding in a page that inlines :data:`MAP_SCRIPTS` (the atlas)."""
        attrs = f'class="abm" data-abegraph-map="{html.escape(ident)}-data"'
        if hide_lang:
            attrs += " data-abegraph-hide-lang"
        return (f'<div id="{html.escape(ident)}" {attrs}></div>\n'
                f'<script type="application/json" id="{html.escape(ident)}-data">'
                f"{json_for_script(self.payload)}</script>")

    def html(self) -> str:
        """The complete, self-contained page."""
        scripts = tuple(asset_text(name) for name in MAP_SCRIPTS) + ("AbeMap.boot();",)
        return render_page(self.title, body=self.body(), scripts=scripts, styles=(asset_text("map.css"),),
                           lang=self.lang, body_class="abm-standalone")

    def write(self, path: str | Path) -> Path:
        """Write the page to ``path`` as UTF-8 (whatever the platform's default) and return it."""
        path = Path(path)
        path.write_text(self.html(), encoding="utf-8", newline="\n")
        return path

    def _repr_html_(self) -> str:
        """The page in an ``<iframe srcdoc>``, for Jupyter and VS Code notebooks: isolated from
        the notebook's own scripts and styles, and still with no request."""
        return (f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" title="{html.escape(self.title)}" '
                'style="width:100%;height:640px;border:1px solid #e2e8f0" '
                'sandbox="allow-scripts allow-downloads"></iframe>')

    def to_pyvis(self, **kwargs):
        """The same nodes, positions, colours and edges as a :class:`pyvis.network.Network`
        (physics off), for those who want to go on with pyvis's own API. Needs ``pyvis``.

        Its ``write_html`` keeps pyvis's own template, with the pitfalls this module avoids
        (Bootstrap from a CDN, the platform's encoding); prefer :meth:`write`.
        """
        from pyvis.network import Network

        P = self.payload
        N, E = P["nodes"], P["edges"]
        kinds = {k["key"]: k for k in P["kinds"]}
        net = Network(**{"height": "750px", "width": "100%", "cdn_resources": "in_line", **kwargs})
        lang = "t" if self.lang == "th" else "e"
        net.add_nodes(
            list(range(len(N["id"]))),
            label=N[lang], x=N["x"], y=N["y"], size=N["s"],
            shape=[kinds[P["kindKeys"][k]]["shape"] for k in N["k"]],
            color=[P["dims"][d]["color"] if d >= 0 else kinds[P["kindKeys"][k]]["color"]
                   for k, d in zip(N["k"], N["d"])],
            title=[f"{N['t'][i]} / {N['e'][i]} ({N['id'][i]})" for i in range(len(N["id"]))],
        )
        for a, b, w in zip(E["a"], E["b"], E["w"]):
            net.add_edge(a, b, value=w)
        net.toggle_physics(False)
        return net


def build_map(G: nx.MultiDiGraph, view: str, *, lang: str = "th", size_by: str = "betweenness",
              title: str | Mapping | None = None, findings=None, subtitle: str | Mapping | None = None,
              provenance: Mapping | None = None, group_by: str | None = "auto",
              group_above: int = GROUP_ABOVE, seed: int = 0, loops: list | None = None) -> Map:
    """A map of one view of the network ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        As :func:`~abegraph.network.projections.read_network` returns it (already restricted by
        any filters).
    view : str
        ``agencies``, ``resources``, ``issues``, ``datasets`` or ``everything`` (or an alias:
        ``sharing``, ``causes``, ``linkage``, ``all`` ...).
    lang : {"th", "en"}
        The language the page opens in (both are in the page; a switch changes it).
    size_by : str
        ``betweenness``, ``degree``, ``pagerank``, ``eigenvector`` or ``none``.
    title, subtitle : str or {"th": ..., "en": ...}, optional
        Default: the view's title in both languages; no subtitle.
    findings : None, False or rows
        ``None`` runs the analyses that matter for the view (brokers, gaps, opportunities ...)
        on ``G``; ``False`` leaves the findings panel out; else ``{analysis: rows}`` or the rows
        of :func:`~abegraph.network.analyses.run_all`.
    loops : list of dict, optional
        The rows of :func:`~abegraph.network.causes.causes` whose ``cycle`` rows mark the
        reinforcing and balancing loops on the causal links (in the tooltips); default: those of
        ``findings``, else the analysis is run on ``G`` when the view draws causal links.
    provenance : mapping, optional
        ``node -> ["source: file, sheet row N", ...]`` for the tooltips (see
        :func:`~abegraph.visualize.provenance.read_provenance`); default: each node's
        ``provenance`` attribute, if any.
    group_by : {"auto", "district", "coalition", "agency"} or None
        How to group a map of more than ``group_above`` nodes; ``None`` never groups.
    seed : int
        Seed of the layout, the sampled betweenness and the communities.

    Returns
    -------
    Map

    Raises
    ------
    NotFound
        For an unknown view.
    ValueError
        For an unknown language, size measure or grouping.
    """
    return Map(map_payload(G, view, lang=lang, size_by=size_by, title=title, subtitle=subtitle,
                           findings=findings, provenance=provenance, group_by=group_by,
                           group_above=group_above, seed=seed, loops=loops))


def filters_caption(filters) -> dict[str, str] | None:
    """A one-line description of ``Filters`` in Thai and English (``None`` when unfiltered).

    >>> from abegraph.network.projections import Filters
    >>> filters_caption(Filters(dimension="data", district="4001"))["en"]
    'Only: dimension data · district 4001'
    """
    if filters is None:
        return None
    parts = [(th, en, getattr(filters, key)) for key, th, en in (
        ("dimension", "มิติ", "dimension"), ("issue", "ประเด็น", "issue"),
        ("district", "อำเภอ", "district"), ("source", "แหล่งข้อมูล", "source")) if getattr(filters, key)]
    if not parts:
        return None
    return {"th": "เฉพาะ: " + " · ".join(f"{th} {v}" for th, _, v in parts),
            "en": "Only: " + " · ".join(f"{en} {v}" for _, en, v in parts)}


def store_map(store, view: str, *, filters=None, lang: str = "th", size_by: str = "betweenness",
              title: str | None = None, findings: bool = True, provenance: bool = True,
              group_by: str | None = "auto", group_above: int = GROUP_ABOVE, seed: int = 0,
              progress: Progress = quiet) -> Map:
    """Read the network from ``store`` (restricted by ``filters``) and build the map of ``view``,
    with provenance in the tooltips and the findings panel: what ``abegraph map`` calls.
    ``progress(step, done, total)`` is told of each step (:mod:`abegraph.progress`).

    >>> m = store_map(demo_store, "issues", lang="en")
    >>> m.number_of_nodes, m.title
    (148, 'Issues, their causes and the resources addressing them')
    """
    progress("reading the network", 0, 2)
    G = read_network(store, filters)
    progress(f"map: {VIEW_TITLES[resolve_view(view)][0 if lang == 'th' else 1]}", 1, 2)
    drawn = build_map(G, view, lang=lang, size_by=size_by, title=title, subtitle=filters_caption(filters),
                      findings=None if findings else False,
                      provenance=read_provenance(store) if provenance else None,
                      group_by=group_by, group_above=group_above, seed=seed)
    progress("done", 2, 2)
    return drawn
