"""Network maps and the atlas, without a browser: views, payload, page, determinism, escaping.

The browser checks (rendering, requests, filters on the page) are in test_maps_browser.py.
"""
from __future__ import annotations

import html
import json
import random
import re

import networkx as nx
import pytest

from abegraph.exceptions import NotFound
from abegraph.network.projections import (Filters, agency_network, causal_graph, holdings, linkage_graph,
                                        read_network)
from abegraph.visualize import (VIEWS, build_map, build_report, resolve_view, store_map, view_graph,
                                write_report)
from abegraph.network.centrality import betweenness, node_centrality
from abegraph.visualize.findings_panel import panel_sections, view_findings
from abegraph.visualize.grouping import group_nodes
from abegraph.visualize.layout import grouped_layout, seeded_layout
from abegraph.visualize.page import json_for_script
from abegraph.visualize.palette import dimension_legend, kind_legend
from abegraph.visualize.provenance import read_provenance

from helpers import INJECTED


@pytest.fixture(scope="module")
def G(demo_store):
    return read_network(demo_store)


def payload_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="abegraph-map-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def markup(page: str) -> str:
    """The page without the text of its scripts (vis-network's code mentions tags in strings)."""
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S)


def shuffled(G: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    """The same graph, nodes and edges inserted in another order."""
    rng = random.Random(seed)
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


# ---- views -------------------------------------------------------------------------------------

def test_views_draw_the_projections(G):
    assert set(view_graph(G, "agencies")) == set(agency_network(holdings(G)))
    assert set(view_graph(G, "resources")) == set(holdings(G))
    assert set(view_graph(G, "datasets")) == set(linkage_graph(G))
    issues = view_graph(G, "issues")
    assert set(causal_graph(G)) <= set(issues)
    assert {k for _, k in issues.nodes(data="kind")} == {"issue", "resource", "dataset"}
    assert set(view_graph(G, "everything")) == set(G)


def test_agency_edges_count_shared_assets(G):
    A = agency_network(holdings(G))
    V = view_graph(G, "agencies")
    for u, v, data in V.edges(data=True):
        assert data["weight"] == A.edges[u, v]["weight"] == len(data["assets"])


def test_causes_keep_their_direction(G):
    V = view_graph(G, "issues")
    causes = set()
    for u, v, d in V.edges(data=True):
        if d["relation"] == "causes":
            head = v if d["tail"] == u else u
            causes |= {(d["tail"], head)} | ({(head, d["tail"])} if d.get("both") else set())
    assert causes == set(causal_graph(G).edges())
    P = build_map(G, "issues", findings=False).payload
    assert len(P["edges"]["two"]) == sum(1 for _, _, d in V.edges(data=True) if d.get("both")) > 0


@pytest.mark.parametrize("alias, view", [("sharing", "agencies"), ("Causes", "issues"),
                                         ("linkage", "datasets"), ("all", "everything"),
                                         ("resources", "resources")])
def test_view_aliases(alias, view):
    assert resolve_view(alias) == view


def test_unknown_view_names_the_choices(G):
    with pytest.raises(NotFound, match="agencies, resources"):
        build_map(G, "people")


# ---- the page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", VIEWS)
def test_every_view_is_one_offline_file(G, view):
    page = build_map(G, view, findings=False).html()
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"<(link|iframe|img|object|embed|base)\b", markup(page), re.I)
    assert not re.search(r"\s(src|href)\s*=", markup(page), re.I)
    assert "@import" not in page and "sourceMappingURL" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "bootstrap" not in page.lower() and "tom-select" not in page.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in csp and "unsafe-eval" not in csp


def test_node_and_edge_counts(G):
    for view in VIEWS:
        V = view_graph(G, view)
        m = build_map(G, view, findings=False)
        assert (m.number_of_nodes, m.number_of_edges) == (V.number_of_nodes(), V.number_of_edges())
        assert len(m.payload["nodes"]["id"]) == V.number_of_nodes()


@pytest.mark.parametrize("view, group_above",
                         [(v, 10_000) for v in VIEWS] + [("everything", 50), ("agencies", 10)])
def test_same_graph_same_bytes_whatever_the_order(G, view, group_above):
    first = build_map(G, view, group_above=group_above).html()
    assert build_map(G, view, group_above=group_above).html() == first
    assert build_map(shuffled(G, len(view)), view, group_above=group_above).html() == first


def test_write_is_utf8_whatever_the_platform(G, tmp_path, monkeypatch):
    import locale

    monkeypatch.setattr(locale, "getpreferredencoding", lambda *a, **k: "cp1252")
    monkeypatch.setattr(locale, "getencoding", lambda: "cp1252", raising=False)
    path = build_map(G, "agencies", lang="th").write(tmp_path / "map.html")
    data = path.read_bytes()
    assert "กองทุนเพื่อความเสมอภาคทางการศึกษา".encode() in data
    assert b"\r\n" not in data
    data.decode("utf-8")


def test_labels_and_legend_come_from_the_vocabulary(G):
    P = build_map(G, "resources", findings=False).payload
    legend = {k["key"]: k for k in P["kinds"]}
    assert legend["agency"]["th"] == kind_legend()["agency"]["th"] == "หน่วยงาน"
    assert [d["th"] for d in P["dims"]] == [d["th"] for d in dimension_legend()]
    assert P["dims"][0]["th"] == "ข้อมูล/สารสนเทศ"
    i = P["nodes"]["id"].index("R001")
    assert P["nodes"]["e"][i] == G.nodes["https://w3id.org/abegraph/id/resource/R001"]["label_en"]


def test_labels_cannot_break_out_of_the_page(G):
    H = G.copy()
    agencies = sorted(n for n, k in H.nodes(data="kind") if k == "agency")
    H.nodes[agencies[0]]["label_th"] = H.nodes[agencies[0]]["label_en"] = INJECTED[0]
    H.nodes[agencies[1]]["label_th"] = H.nodes[agencies[1]]["label_en"] = INJECTED[1]
    for view in ("agencies", "everything"):
        m = build_map(H, view, title=INJECTED[1])
        page = m.html()
        assert "<img" not in markup(page) and "<img src=x" not in page
        assert "<script>alert" not in page
        assert markup(page).count("</script>") == markup(page).count("<script") == 4
        labels = m.payload["nodes"]["t"]
        assert INJECTED[0] in labels and INJECTED[1] in labels  # kept as text, escaped in transit
        assert payload_of(page)["nodes"]["t"] == labels
    frame = build_map(H, "agencies")._repr_html_()
    assert frame.count("<") == 2 and "\\u003cimg src=x" in frame  # the whole page lives inside srcdoc


def test_json_for_script_escapes_markup():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


# ---- size, layout, groups ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_betweenness_equals_networkx(seed):
    G = nx.gnm_random_graph(120, 300, seed=seed)
    G.add_nodes_from(range(120, 125))  # and some lonely nodes
    fast, exact = betweenness(G), nx.betweenness_centrality(G)
    assert fast == pytest.approx(exact, abs=1e-12)


def test_sampled_betweenness_is_close():
    G = nx.barabasi_albert_graph(600, 2, seed=1)
    exact = nx.betweenness_centrality(G)
    estimate = betweenness(G, k=300, seed=3)
    top = sorted(exact, key=exact.get, reverse=True)[:5]
    assert set(top) & set(sorted(estimate, key=estimate.get, reverse=True)[:8])


@pytest.mark.parametrize("size_by", ["betweenness", "degree", "pagerank", "eigenvector", "none"])
def test_size_by(G, size_by):
    m = build_map(G, "agencies", size_by=size_by, findings=False)
    sizes = m.payload["nodes"]["s"]
    assert min(sizes) >= 10 and max(sizes) <= 36
    assert (len(set(sizes)) == 1) == (size_by == "none")


def test_unknown_size_measure(G):
    with pytest.raises(ValueError, match="betweenness, degree"):
        build_map(G, "agencies", size_by="fame")
    with pytest.raises(ValueError, match="degree"):
        node_centrality(nx.path_graph(3), "fame")


def test_layout_is_seeded_and_spread():
    G = nx.disjoint_union_all([nx.path_graph(6), nx.complete_graph(5), nx.star_graph(8), nx.empty_graph(4)])
    pos = seeded_layout(G, seed=3)
    assert pos == seeded_layout(G, seed=3) and len(pos) == G.number_of_nodes()
    points = list(pos.values())
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest > 20  # page units: nodes do not sit on each other
    assert seeded_layout(nx.Graph()) == {} and seeded_layout(nx.empty_graph(1)) == {0: (0.0, 0.0)}


def test_grouped_layout_keeps_members_in_their_disc():
    G = nx.disjoint_union_all([nx.complete_graph(6), nx.path_graph(9), nx.star_graph(5)])
    groups = {n: "a" if n < 6 else ("b" if n < 15 else "c") for n in G}
    centres, pos = grouped_layout(G, groups)
    for node, (x, y) in pos.items():
        cx, cy, r = centres[groups[node]]
        assert ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 <= r + 0.2
    (ax, ay, ar), (bx, by, br) = centres["a"], centres["b"]
    assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= ar + br  # discs do not overlap


@pytest.mark.parametrize("by", ["district", "coalition", "agency", "auto"])
def test_large_maps_group(G, by):
    m = build_map(G, "everything", group_by=by, group_above=50, findings=False)
    assert m.grouped
    groups = m.payload["groups"]
    assert sum(groups["n"]) == m.number_of_nodes
    assert sorted(set(m.payload["nodes"]["g"])) == list(range(len(groups["key"])))
    assert all(groups["t"]) and all(groups["e"])
    assert not build_map(G, "everything", group_by=None, group_above=50, findings=False).grouped


def test_district_groups_follow_the_areas(G):
    V = view_graph(G, "everything")
    groups, names = group_nodes(V, "district")
    kkpao = "https://w3id.org/abegraph/id/agency/KKPAO"
    assert groups[kkpao] == "d:" + G.nodes[kkpao]["areas"][0][:4]
    with pytest.raises(ValueError, match="district, coalition"):
        group_nodes(V, "colour")


# ---- filters on the page follow Filters in Python -------------------------------------------------

def page_assets(P: dict, *, dimension=None, issue=None, district=None, agency=None) -> set[str]:
    """The assets the page keeps under its filters (the rule map.js applies), by workbook id."""
    A, N = P["assets"], P["nodes"]
    ids = [N["id"][n] if n >= 0 else A["id"][a] for a, n in enumerate(A["n"])]

    def choice(kind, value):
        return [o[0] for o in P["options"][kind]].index(value)

    keep = set()
    for a in range(len(ids)):
        if dimension is not None and A["d"][a] != [d["key"] for d in P["dims"]].index(dimension):
            continue
        if issue is not None and not set(A["i"][a]) & set(P["up"][choice("issue", issue)]):
            continue
        if district is not None and choice("district", district) not in A["r"][a]:
            continue
        if agency is not None and choice("agency", agency) not in A["h"][a] + A["u"][a]:
            continue
        keep.add(ids[a])
    return keep


@pytest.mark.parametrize("filters", [{"dimension": "data"}, {"dimension": "policy"}, {"issue": "I02"},
                                     {"issue": "C01"}, {"district": "4001"}, {"district": "4010"},
                                     {"dimension": "operations", "issue": "I01"}])
def test_page_filters_match_python_filters(demo_store, G, filters):
    P = build_map(G, "everything", findings=False).payload
    expected = {entity for n, k in read_network(demo_store, Filters(**filters)).nodes(data="kind")
                if k in ("resource", "dataset") for entity in [n.rsplit("/", 1)[-1]]}
    assert page_assets(P, **filters) == expected


def test_agency_filter_keeps_its_assets(G):
    P = build_map(G, "resources", findings=False).payload
    kept = page_assets(P, agency="EEF")
    B = holdings(G)
    assert kept == {n.rsplit("/", 1)[-1] for n in B["https://w3id.org/abegraph/id/agency/EEF"]}


# ---- findings, provenance, store --------------------------------------------------------------------

def test_findings_panel_per_view(G):
    m = build_map(G, "agencies")
    analyses = [s["analysis"] for s in m.payload["findings"]]
    assert {"brokers", "opportunities"} <= set(analyses)
    first = m.payload["findings"][0]["items"][0]
    assert first["th"] and first["en"] and first["n"]
    assert m.payload["nodes"]["id"][first["n"][0]] == "KKPAO"
    assert build_map(G, "agencies", findings=False).payload["findings"] == []


def test_findings_accept_rows_of_run_all(demo_store, G):
    from abegraph.network.analyses import run_all

    rows = run_all(demo_store, names=["gaps"])
    sections = build_map(G, "issues", findings=rows).payload["findings"]
    assert {s["analysis"] for s in sections} == {"gaps"}
    assert panel_sections(G, {"gaps": view_findings(G, "issues")["gaps"]})[0]["items"]


def test_provenance_in_tooltips(demo_store):
    m = store_map(demo_store, "agencies")
    P = m.payload
    i = P["nodes"]["id"].index("EEF")
    lines = [P["prov"][p] for p in P["nodes"]["pv"][i]]
    assert lines == read_provenance(demo_store)["https://w3id.org/abegraph/id/agency/EEF"]
    assert "khonkaen.xlsx" in lines[0]


def test_store_map_applies_filters(demo_store):
    m = store_map(demo_store, "resources", filters=Filters(dimension="data"), lang="en")
    dims = {m.payload["nodes"]["d"][i] for i, k in enumerate(m.payload["nodes"]["k"]) if k in (1, 2)}
    assert dims == {0}
    assert m.payload["meta"]["subtitle"]["en"] == "Only: dimension data"
    with pytest.raises(NotFound):
        store_map(demo_store, "issues", filters=Filters(district="Atlantis"))


def test_notebook_display(G):
    m = build_map(G, "datasets", findings=False)
    frame = m._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts allow-downloads"' in frame
    import html

    assert html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1)) == m.html()
    assert repr(m) == "<Map datasets: 40 nodes, 46 edges>"


def test_to_pyvis(G):
    pytest.importorskip("pyvis")
    m = build_map(G, "agencies", findings=False)
    net = m.to_pyvis()
    assert len(net.nodes) == m.number_of_nodes and len(net.edges) == m.number_of_edges


# ---- the atlas --------------------------------------------------------------------------------------

THAI = re.compile(r"[\u0e00-\u0e7f]")


def visible(page: str) -> str:
    """The markup of a page without its scripts (data, code) and styles."""
    return re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)


def tables_of(page: str):
    """``[(analysis, section, headings, rows of cell texts)]`` of the atlas's tables."""
    import lxml.html

    found = []
    for table in lxml.html.fromstring(visible(page)).iter("table"):
        headings = [th.text_content().strip() for th in table.iter("th")]
        rows = [[td.text_content() for td in tr.iter("td")] for tr in table.find("tbody").iter("tr")]
        found.append((table.get("data-analysis"), table.get("data-section"), headings, rows))
    return found


@pytest.fixture(scope="module")
def atlas_th(demo_store):
    return build_report(demo_store, lang="th")


def test_report_combines_maps_and_tables(demo_store):
    page = build_report(demo_store, lang="en")
    assert page.count("data-abegraph-map=") == len(VIEWS)
    assert page.count('class="abr-table"') > 20
    assert 'data-analysis="sharing"' in page and 'data-analysis="linkage"' in page
    text = visible(page)
    assert "Brokers and single points of failure" in text and not THAI.search(
        re.sub(r"<td[^>]*>.*?</td>", "", text, flags=re.S))  # English only, bar the data's Thai names
    assert not re.search(r"\s(src|href)\s*=\s*\"(https?:)?//", page)
    assert build_report(demo_store, lang="en") == page


def test_report_runs_each_analysis_once(demo_store, monkeypatch):
    from abegraph.network.analyses import ANALYSES

    calls = []
    for name, analysis in ANALYSES.items():
        module, _, function = analysis.function.partition(":")
        original = analysis.load()

        def counting(G, *, _name=name, _f=original, **kwargs):
            calls.append(_name)
            return _f(G, **kwargs)

        monkeypatch.setattr(f"{module}.{function}", counting)
    build_report(demo_store, lang="th")
    assert sorted(calls) == sorted(ANALYSES)


def test_report_opens_with_a_summary_that_asks_for_decisions(atlas_th, G):
    from abegraph.network.brokers import brokers
    from abegraph.network.causes import causes
    from abegraph.network.gaps import gaps

    text = visible(atlas_th)
    summary = text[text.index('id="summary"'):text.index('id="contents"')]
    assert summary.index("ขอนแก่น") < summary.index("khonkaen.xlsx")  # the province, then the sources
    agencies = sum(1 for _, k in G.nodes(data="kind") if k == "agency")
    assert f"<b>{agencies}</b> หน่วยงาน" in summary
    unaddressed = [r for r in causes(G, lang="th") if r["section"] == "root" and not r["assets"]]
    assert unaddressed and all(f"({r['issue_id']})" in summary for r in unaddressed[:5])
    uncovered = [r for r in gaps(G, lang="th") if r["section"] == "uncovered"]
    assert f"ประเด็นที่ยังไม่มีทรัพยากรรองรับ ({len(uncovered)})" in summary
    points = [r for r in brokers(G, lang="th") if r["section"] == "single_point"]
    assert f"จุดเปราะบางของเครือข่าย ({len(points)})" in summary and "DCY" not in summary  # names, not codes
    assert "คู่หน่วยงานที่ควรร่วมมือกัน" in summary
    # the health of the network (issue 19): every headline figure of analyze health, with its meaning
    from abegraph.network.health import health

    figures = [r for r in health(G, lang="th") if r["section"] == "figure"]
    block = summary[summary.index('id="summary-health"'):]
    assert summary.index("abr-decide") < summary.index('id="summary-health"')
    assert len(figures) == 6 and all(f"<b>{html.escape(r['shown'])}</b> <span>{html.escape(r['label'])}</span>"
                                     in block and html.escape(r["meaning_th"]) in block for r in figures)
    assert 'href="#table-health-figure"' in block
    # every list links to its map and its table, and those exist
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in text, target
    assert {"map-issues", "map-agencies", "table-causes-root", "table-gaps-uncovered",
            "table-brokers-single_point", "table-opportunities-pair"} <= set(re.findall(r'href="#([^"]+)"', summary))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_card_says_how_many_rows_its_table_has_and_finds_its_own_first(demo_store, atlas_th, lang):
    """Before, "สาเหตุรากที่ยังไม่มีใครแก้ (3)" linked "ดูตาราง (3 รายการ)" to the 21 root causes,
    the 3 wherever their leverage put them."""
    page = atlas_th if lang == "th" else build_report(demo_store, lang="en")
    summary = page[page.index('id="summary"'):page.index('id="contents"')]
    cards = re.findall(r'<h4>[^<]*\((\d+)\)</h4>.*?<a href="#(table-[^"]+)">([^<]*)</a></p></div>', summary)
    assert len(cards) == 4
    for count, target, words in cards:
        table = page[page.index(f'id="{target}"'):]
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table[:table.index("</table>")])[1:]
        said = [int(n) for n in re.findall(r"\d+", words.replace(",", ""))]
        assert said[0] == len(rows), (target, words)  # the table's rows
        assert int(count) in said, (target, words)  # and the card's
        if target == "table-causes-root":
            assert said == [21, 3] and all('data-sort="0">0<' in row for row in rows[:3])
            assert not any('data-sort="0">0<' in row for row in rows[3:])


def test_thai_atlas_tables_have_thai_headings_names_and_round_numbers(atlas_th):
    tables = tables_of(atlas_th)
    assert len(tables) > 20
    for analysis, section, headings, rows in tables:
        assert headings and all(THAI.search(h) for h in headings), (analysis, section, headings)
        for row in rows:
            for cell in row:
                assert not re.search(r"[{}]|': |\w+_\w+", cell), (analysis, section, cell)  # no dicts or keys
                for number in re.findall(r"\d[\d,]*\.\d+", cell):  # rounded: three significant digits
                    assert len(re.sub(r"[,.]", "", number).lstrip("0")) <= 3, (analysis, section, cell)
                assert cell not in ("True", "False", "None")
    cells = {(a, s): (h, r) for a, s, h, r in tables}
    headings, rows = cells[("sharing", "pair")]
    dims = rows[0][headings.index("แยกตามมิติ")]
    assert re.fullmatch(r"(ข้อมูล|การดำเนินงาน|องค์ความรู้|นโยบาย) \d+(, (ข้อมูล|การดำเนินงาน|องค์ความรู้|นโยบาย) \d+)*", dims)
    headings, rows = cells[("causes", "asset")]
    assert {r[headings.index("ตำแหน่งในห่วงโซ่")] for r in rows} <= {"สาเหตุราก", "สาเหตุระหว่างทาง", "ปลายเหตุ (อาการ)",
                                                                   "ไม่อยู่ในห่วงโซ่เหตุและผล"}
    headings, rows = cells[("brokers", "agency")]
    assert all(re.fullmatch(r"<?[\d.]*", r[headings.index("ความเป็นตัวกลาง")]) for r in rows)
    # reasons in Thai, in a column that wraps
    assert 'class="long"' in atlas_th and "It addresses a root cause" not in visible(atlas_th)


def test_atlas_columns_are_keys_the_analyses_return(G):
    """A key renamed in an analysis would drop its column from the atlas without a word: this
    fails instead (every section of the demo's rows is covered, every listed key is there)."""
    from abegraph.network.analyses import ANALYSES
    from abegraph.network.columns import BRIEF, SECTIONS

    for name, analysis in ANALYSES.items():
        rows = analysis.load()(G, lang="th")
        for section in dict.fromkeys(r["section"] for r in rows):
            assert (name, section) in BRIEF and (name, section) in SECTIONS, (name, section)
            keys = set().union(*(r.keys() for r in rows if r["section"] == section))
            for key in BRIEF[(name, section)]:
                wanted = {"reason_th", "meaning_th"} if key == "reason" else {key}
                assert wanted & keys, (name, section, key)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_atlas_and_command_line_head_a_column_alike(demo_store, lang):
    """One heading table: each atlas table's headings and title are those the command line's
    tables, CSV and workbooks give the same section (network.columns), in the same language."""
    from abegraph.network.analyses import run_all
    from abegraph.network.columns import readable

    cli = {(p.analysis, p.section): p for p in readable(run_all(demo_store, lang=lang), lang)}
    page = build_report(demo_store, lang=lang, views=())
    titles = {ident: title for title, ident in
              re.findall(r'<h3>([^<]+)</h3><div class="abr-scroll" id="table-([^"]+)"', page)}
    seen = 0
    for analysis, section, headings, _ in tables_of(page):
        part = cli[(analysis, section)]
        assert set(headings) <= set(part.headings), (analysis, section, set(headings) - set(part.headings))
        assert html.unescape(titles[f"{analysis}-{section}"]) == part.title
        seen += 1
    assert seen == len(cli)


def test_report_cuts_long_tables_on_screen_and_on_paper(G):
    from abegraph.visualize.tables import PRINT_ROWS

    page = build_report(G, views=(), analyses=("causes",), max_rows=5)
    assert "abegraph analyze causes --format csv" in page
    tables = re.findall(r"<tbody>(.*?)</tbody>", page, re.S)
    assert max(t.count("<tr") for t in tables) == 5
    page = build_report(G, views=(), analyses=("causes",), lang="en")
    body = re.search(r'data-section="path">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>", body)
    assert rows[:PRINT_ROWS] == ["<tr>"] * PRINT_ROWS and set(rows[PRINT_ROWS:]) == {'<tr class="abr-more">'}
    assert f"The first {PRINT_ROWS} of {len(rows)} rows are printed" in page


def test_report_checks_its_arguments(demo_store, G, tmp_path):
    with pytest.raises(ValueError, match="filters apply to a store"):
        build_report(G, filters=Filters(dimension="data"))
    with pytest.raises(NotFound, match="sharing"):
        build_report(demo_store, analyses=["astrology"])
    path = write_report(tmp_path / "atlas.html", demo_store, views=("datasets",), analyses=("linkage",),
                        filters=Filters(dimension="data"), lang="en")
    assert "Only: dimension data" in path.read_text(encoding="utf-8")


def test_summary_dates_and_sources():
    from abegraph.visualize.summary import summary_section

    G = nx.MultiDiGraph()
    G.add_node("p", kind="area", notation="32", label_th="สุรินทร์", label_en="Surin")
    sources = [{"graph": "surin", "file": "surin.xlsx", "loaded": "2026-12-03", "workshop": "Surin round 1",
                "date": "2026-11-20", "place": "Surin"}]
    th = summary_section(G, {}, lang="th", province="สุรินทร์", sources=sources)
    assert "surin.xlsx (surin) · Surin round 1 20 พ.ย. 2569, Surin · นำเข้าเมื่อ 3 ธ.ค. 2569" in th
    en = summary_section(G, {}, lang="en", province="Surin", sources=sources)
    assert "Surin round 1 20 Nov 2026, Surin · loaded 3 Dec 2026" in en and "<img" not in en


def test_the_summary_says_when_a_file_was_loaded_in_the_provinces_time():
    """Loaded at 20:30 UTC on 3 Dec, it was 03:30 on 4 Dec in Khon Kaen: the summary said 3 ธ.ค.
    (the UTC date) while ``query sources`` said 4 ธ.ค. 2569 03:30 น."""
    from abegraph.visualize.summary import summary_section

    sources = [{"graph": "kk", "file": "kk.xlsx", "loaded": "2026-12-03T20:30:00Z"}]
    th = summary_section(nx.MultiDiGraph(), {}, lang="th", sources=sources)
    assert "kk.xlsx (kk) · นำเข้าเมื่อ 4 ธ.ค. 2569 03:30 น." in th and "3 ธ.ค." not in th
    en = summary_section(nx.MultiDiGraph(), {}, lang="en", sources=sources)
    assert "kk.xlsx (kk) · loaded 4 Dec 2026 03:30" in en


def test_the_demos_workshop_is_named_in_the_chosen_language(tmp_path):
    """Before, the Thai atlas and ``query sources`` said "ABE Khon Kaen workshop 2023 ..., Bayasita @
    KKU, Khon Kaen": the demo's workshop had an English title and place only."""
    from click.testing import CliRunner

    from abegraph.cli import main
    from abegraph.graph.store import Store
    from abegraph.visualize.summary import read_sources, summary_section

    path = tmp_path / "store"
    assert CliRunner().invoke(main, ["--store", str(path), "--lang", "th", "demo"]).exit_code == 0
    with Store.open(path) as store:
        th = summary_section(nx.MultiDiGraph(), {}, lang="th", sources=read_sources(store, "th"))
        en = summary_section(nx.MultiDiGraph(), {}, lang="en", sources=read_sources(store, "en"))
    assert "เวทีพัฒนาข้อมูลการจัดการศึกษาเชิงพื้นที่ จังหวัดขอนแก่น 2566 4 ก.พ. 2566, บายาสิตา" in th
    assert "workshop" not in th and "KKU" not in th
    assert "ABE Khon Kaen workshop 2023 4 Feb 2023, Bayasita @ KKU, Khon Kaen" in en and "เวที" not in en
    for lang, title in (("th", "เวทีพัฒนาข้อมูล"), ("en", "ABE Khon Kaen workshop 2023")):
        result = CliRunner().invoke(main, ["--store", str(path), "--lang", lang, "query", "sources",
                                           "--format", "csv"])
        assert result.exit_code == 0 and title in result.output and len(result.output.splitlines()) == 2


def test_store_labels_with_markup_stay_text(injected_store):
    m = store_map(injected_store, "agencies")
    assert set(INJECTED) <= set(m.payload["nodes"]["t"])
    page = m.html()
    assert "<img src=x" not in page and "<script>alert" not in page


# ---- loops and negative links on the issues map (issue 19) ------------------------------------------

def test_issues_map_marks_negative_links_and_names_loops(polarity_store):
    P = store_map(polarity_store, "issues", lang="en").payload
    ids, E = P["nodes"]["id"], P["edges"]
    # tests/data/loops/causes.csv: A1 -> D1, D1 -> L1, L1 -> D1 and P1 -> L1 reduce (-, ลด, −)
    negative = ({(ids[E["a"][e]], ids[E["b"][e]]) for e in E["neg"]}
                | {(ids[E["b"][e]], ids[E["a"][e]]) for e in E.get("negb", [])})
    assert negative == {("A1", "D1"), ("D1", "L1"), ("L1", "D1"), ("P1", "L1")}
    loops = {loop["id"]: loop for loop in P["loops"]}
    assert sorted(loops) == ["B1", "R1", "R2", "R3"]
    assert loops["B1"]["type"] == "balancing" and loops["R1"]["type"] == "reinforcing"
    assert loops["B1"]["en"] == "B1: Community attention to dropout → School dropout → Community attention to dropout"
    assert loops["B1"]["th"].startswith("B1: ความใส่ใจของชุมชน")
    assert {ids[i] for i in loops["R3"]["nodes"]} == {"D1", "P1", "L1"}
    # B1 runs along the A1-D1 edge both ways: once from its tail, once back
    assert loops["B1"]["edges"] == loops["B1"]["back"] and len(loops["B1"]["edges"]) == 1
    panel = next(s for s in P["findings"] if s["section"] == "cycle")
    assert (panel["en"], panel["th"]) == ("Loops: reinforcing (R) and balancing (B)", "วงจร: เสริมแรง (R) และสมดุล (B)")
    assert [item["en"].split(":")[0] for item in panel["items"]] == ["B1", "R1", "R2", "R3"]
    assert panel["items"][0]["en"].endswith("(balancing)") and panel["items"][0]["th"].endswith("(สมดุล)")
    assert {ids[i] for i in panel["items"][0]["n"]} == {"A1", "D1"}  # a click focuses the loop


def test_a_map_without_polarity_marks_nothing_negative(G):
    P = build_map(G, "issues", findings=False).payload
    assert "neg" not in P["edges"] and "negb" not in P["edges"]
    assert [loop["id"] for loop in P["loops"]] == ["R1", "R2", "R3", "R4"]
    assert {loop["type"] for loop in P["loops"]} == {"reinforcing"}
    assert build_map(G, "agencies", findings=False).payload["loops"] == []
