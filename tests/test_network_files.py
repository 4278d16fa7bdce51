"""Map views as GEXF, GraphML and Kumu CSV: read back, schema-valid, Thai intact, text unchanged."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.network.projections import Filters, read_network
from abegraph.visualize.network_files import (EDGE_COLUMNS, NODE_COLUMNS, export_graph, write_csv, write_gexf,
                                              write_graphml, write_network_file)
from abegraph.visualize.views import VIEWS, view_graph

from helpers import INJECTED

XSD = Path(__file__).parent / "data" / "xsd"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
EEF_TH = "กองทุนเพื่อความเสมอภาคทางการศึกษา"
KK_AGENCY = "agency:ESAO-KK1"  # Khon Kaen Primary Educational Service Area Office 1


@pytest.fixture(scope="module")
def G(demo_store):
    return read_network(demo_store)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory):
    """The bundled GEXF 1.2 and GraphML XSDs, compiled by lxml (skipped without lxml). The
    GraphML files point at each other by their web addresses: point them at the local copies."""
    etree = pytest.importorskip("lxml.etree")
    gexf = etree.XMLSchema(etree.parse(str(XSD / "gexf-1.2draft" / "gexf.xsd")))
    folder = tmp_path_factory.mktemp("graphml-xsd")
    for xsd in (XSD / "graphml-1.0").glob("*.xsd"):
        (folder / xsd.name).write_text(
            xsd.read_text(encoding="utf-8").replace("http://graphml.graphdrawing.org/xmlns/1.0/", ""), encoding="utf-8")
    graphml = etree.XMLSchema(etree.parse(str(folder / "graphml.xsd")))
    return etree, gexf, graphml


def read_rows(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# ---- GEXF and GraphML --------------------------------------------------------------------------

@pytest.mark.parametrize("view", VIEWS)
def test_gexf_and_graphml_read_back_as_the_view(G, view, tmp_path):
    V = view_graph(G, view)
    H = export_graph(G, view, lang="th")
    for back in (nx.read_gexf(write_gexf(H, tmp_path / "v.gexf")),
                 nx.read_graphml(write_graphml(H, tmp_path / "v.graphml"))):
        assert back.number_of_nodes() == V.number_of_nodes()
        assert back.number_of_edges() == V.number_of_edges()
        assert back.is_directed() == (view != "agencies")
        assert {d["iri"] for _, d in back.nodes(data=True)} == set(V)
        assert {d["relation"] for *_, d in back.edges(data=True)} == {d["relation"] for *_, d in V.edges(data=True)}


def test_thai_labels_weights_and_attributes_survive(G, demo_store, tmp_path):
    from abegraph.visualize.provenance import read_provenance

    H = export_graph(G, "agencies", lang="th", provenance=read_provenance(demo_store))
    gexf = nx.read_gexf(write_gexf(H, tmp_path / "a.gexf"))
    graphml = nx.read_graphml(write_graphml(H, tmp_path / "a.graphml"))
    V = view_graph(G, "agencies")
    u, v, heaviest = max(V.edges(data=True), key=lambda e: e[2]["weight"])
    a, b = u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]
    for back in (gexf, graphml):
        eef = back.nodes["agency:EEF"]
        assert eef["label"] == EEF_TH and eef["label_th"] == EEF_TH
        assert eef["label_en"] == "Equitable Education Fund" and eef["kind"] == "agency"
        kk = back.nodes[KK_AGENCY]
        assert kk["label"] == kk["label_th"] == G.nodes["https://w3id.org/abegraph/id/agency/ESAO-KK1"]["label_th"]
        assert "ขอนแก่น" in kk["label"]
        assert isinstance(eef["betweenness"], float) and eef["color"].startswith("#")
        assert "khonkaen.xlsx" in eef["sources"]
        edge = back.edges[f"agency:{a}", f"agency:{b}"]
        assert float(edge["weight"]) == heaviest["weight"] == 11
        assert edge["relation"] == "shares" and edge["label"] == "ใช้ทรัพยากรร่วมกัน"
        assert edge["assets"].split("; ") == sorted(x.rsplit("/", 1)[-1] for x in heaviest["assets"])
        assert sum(edge[f"assets_by_dimension_{d}"] for d in ("data", "operations", "knowledge", "policy")) == 11
    # the map's layout and colour go to Gephi as viz data
    assert gexf.nodes["agency:EEF"]["viz"]["color"] == {"r": 0x2b, "g": 0x6c, "b": 0xb0, "a": 1.0}
    assert gexf.nodes["agency:EEF"]["viz"]["position"]["x"] == H.nodes["agency:EEF"]["x"]


def test_label_follows_the_language_and_both_are_kept(G):
    en = export_graph(G, "agencies", lang="en")
    assert en.nodes["agency:EEF"]["label"] == "Equitable Education Fund"
    assert en.nodes["agency:EEF"]["label_th"] == EEF_TH
    assert en.nodes["agency:EEF"]["kind_label"] == "Agency"


def test_attributes_have_one_type_each(G, tmp_path):
    """GraphML and GEXF declare one type per attribute: mixed values must have been unified,
    lists joined and None dropped, or the declared types would lie."""
    H = export_graph(G, "everything", lang="th")
    for items in ([d for _, d in H.nodes(data=True)], [d for *_, d in H.edges(data=True)]):
        types: dict[str, set] = {}
        for data in items:
            for key, value in data.items():
                assert value is not None and not isinstance(value, (list, dict, set, tuple)), key
                types.setdefault(key, set()).add(type(value))
        assert all(len(found) == 1 for found in types.values()), types
    amounts = {d["amount"] for _, d in H.nodes(data=True) if "amount" in d}
    assert amounts and all(isinstance(a, float) for a in amounts)
    text = write_graphml(H, tmp_path / "e.graphml").read_text(encoding="utf-8")
    assert 'attr.name="amount" attr.type="double"' in text
    assert 'attr.name="personal_data" attr.type="boolean"' in text
    assert 'attr.name="weight" attr.type="long"' in text


def test_mutual_causes_stay_one_edge_marked_mutual(G):
    H = export_graph(G, "issues", lang="en")
    V = view_graph(G, "issues")
    mutual = [(u, v) for u, v, m in H.edges(data="mutual") if m]
    assert len(mutual) == sum(1 for *_, b in V.edges(data="both") if b) == 1
    causes = [(u, v) for u, v, r in H.edges(data="relation") if r == "causes"]
    for u, v in causes:  # from cause to effect, as drawn
        tail = V.edges[H.nodes[u]["iri"], H.nodes[v]["iri"]]["tail"]
        assert tail == H.nodes[u]["iri"] or H.edges[u, v]["mutual"]


def test_gexf_is_valid_gexf_1_2(G, tmp_path, schemas):
    etree, gexf, _ = schemas
    for view in VIEWS:
        H = export_graph(G, view, lang="th")
        plain = etree.parse(str(write_gexf(H, tmp_path / f"{view}-plain.gexf", viz=False)))
        assert gexf.validate(plain), gexf.error_log
        # with viz data: the published XSD puts color/position/size in the main namespace, not
        # in the viz namespace the primer and Gephi use, so check those apart
        doc = etree.parse(str(write_gexf(H, tmp_path / f"{view}.gexf")))
        colors = list(doc.iter(f"{VIZ}color"))
        assert len(colors) == len(list(doc.iter(f"{VIZ}position"))) == H.number_of_nodes()
        assert all(0 <= int(c.get(k)) <= 255 for c in colors for k in "rgb")
        for element in list(doc.iter(f"{VIZ}*")):
            element.getparent().remove(element)
        assert gexf.validate(doc), gexf.error_log


def test_graphml_is_valid_graphml(G, tmp_path, schemas):
    etree, _, graphml = schemas
    for view in VIEWS:
        doc = etree.parse(str(write_graphml(export_graph(G, view, lang="th"), tmp_path / f"{view}.graphml")))
        assert graphml.validate(doc), graphml.error_log


def test_the_schemas_do_reject_a_broken_file(tmp_path, schemas):
    """The validation above can fail: an edge without a source is refused by both."""
    etree, gexf, graphml = schemas
    bad_gexf = etree.fromstring(b'<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph>'
                                b'<nodes><node id="a" label="a"/></nodes><edges><edge id="0" target="a"/></edges>'
                                b'</graph></gexf>')
    bad_graphml = etree.fromstring(b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                                   b'<graph edgedefault="directed"><node id="a"/><edge target="a"/></graph></graphml>')
    assert not gexf.validate(bad_gexf)
    assert not graphml.validate(bad_graphml)


# ---- CSV for Kumu ------------------------------------------------------------------------------

def test_csv_has_kumu_columns_thai_and_connected_ids(G, tmp_path):
    H = export_graph(G, "resources", lang="th")
    nodes_path, edges_path = write_csv(H, tmp_path / "net.csv")
    assert (nodes_path.name, edges_path.name) == ("net-nodes.csv", "net-edges.csv")
    nodes, edges = read_rows(nodes_path), read_rows(edges_path)
    assert list(nodes[0])[:5] == list(NODE_COLUMNS) == ["ID", "Label", "Type", "Description", "Tags"]
    assert list(edges[0])[:5] == list(EDGE_COLUMNS) == ["From", "To", "Type", "Direction", "Weight"]
    assert len(nodes) == H.number_of_nodes() and len(edges) == H.number_of_edges()
    by_id = {row["ID"]: row for row in nodes}
    assert len(by_id) == len(nodes)
    assert by_id["agency:EEF"]["Label"] == EEF_TH and by_id["agency:EEF"]["Type"] == "หน่วยงาน"
    assert by_id["agency:EEF"]["Description"] == "Equitable Education Fund"
    assert all(row["From"] in by_id and row["To"] in by_id for row in edges)
    assert {row["Direction"] for row in edges} == {"directed"}
    assert {row["relation"] for row in edges} == {"held_by", "shared_with"}
    dataset = next(row for row in nodes if row["kind"] == "dataset" and row["dimension"] == "data")
    assert dataset["Tags"].split("|")[0] == "ข้อมูล/สารสนเทศ"


def test_csv_agencies_are_undirected_with_weights(G, tmp_path):
    _, edges_path = write_csv(export_graph(G, "agencies", lang="en"), tmp_path / "agencies")
    edges = read_rows(edges_path)
    assert {row["Direction"] for row in edges} == {"undirected"}
    assert max(int(row["Weight"]) for row in edges) == 11
    assert {row["Type"] for row in edges} == {"share assets"}


# ---- text that looks like markup or breaks CSV ---------------------------------------------------

TRICKY = (*INJECTED, 'Say "hi", then\nleave, <b>&amp;</b> ; | done')


def test_tricky_labels_survive_every_format_unchanged(tmp_path):
    G = nx.MultiDiGraph()
    iris = [f"https://w3id.org/abegraph/id/agency/A{i}" for i in range(len(TRICKY))]
    for iri, text in zip(iris, TRICKY):
        G.add_node(iri, kind="agency", label_th=text, label_en=text + " (en)", areas=[])
    asset = "https://w3id.org/abegraph/id/resource/R1"
    G.add_node(asset, kind="resource", label_th="ทรัพยากร, \"หนึ่ง\"", label_en="R", dimension="data", areas=[])
    for iri in iris:
        G.add_edge(asset, iri, key="held_by", relation="held_by")
    H = export_graph(G, "agencies", lang="th")
    ids = [f"agency:A{i}" for i in range(len(TRICKY))]
    backs = (nx.read_gexf(write_gexf(H, tmp_path / "t.gexf")), nx.read_graphml(write_graphml(H, tmp_path / "t.graphml")))
    for back in backs:
        assert [back.nodes[i]["label"] for i in ids] == list(TRICKY)
        assert [back.nodes[i]["label_en"] for i in ids] == [t + " (en)" for t in TRICKY]
    nodes_path, edges_path = write_csv(H, tmp_path / "t")
    rows = {row["ID"]: row for row in read_rows(nodes_path)}
    assert [rows[i]["Label"] for i in ids] == list(TRICKY)
    assert [rows[i]["Description"] for i in ids] == [t + " (en)" for t in TRICKY]
    assert len(read_rows(edges_path)) == H.number_of_edges() == 3  # three holders share R1


def test_injected_agency_names_survive_from_a_store(injected_store, tmp_path):
    H, (path,) = write_network_file(injected_store, "agencies", tmp_path / "inj.graphml", "graphml")
    labels = {d["label"] for _, d in nx.read_graphml(path).nodes(data=True)}
    assert set(INJECTED) <= labels


# ---- the store and the command line --------------------------------------------------------------

def test_filters_restrict_like_the_map(demo_store, tmp_path):
    from abegraph.visualize import store_map

    filters = Filters(district="4005")
    H, _ = write_network_file(demo_store, "issues", tmp_path / "f.gexf", "gexf", filters=filters, lang="en")
    drawn = store_map(demo_store, "issues", filters=filters, lang="en")
    assert (H.number_of_nodes(), H.number_of_edges()) == (drawn.number_of_nodes, drawn.number_of_edges)
    assert H.graph["subtitle"].startswith("Only: district 4005")
    with pytest.raises(ValueError):
        write_network_file(demo_store, "issues", tmp_path / "f.x", "pdf")


@pytest.fixture
def run(demo_store_path):
    runner = CliRunner()

    def invoke(*args, lang="en"):
        return runner.invoke(main, ["--store", str(demo_store_path), "--lang", lang, *map(str, args)])

    return invoke


def test_cli_writes_each_format(run, tmp_path):
    result = run("map", "agencies", "--format", "gexf", "-o", tmp_path / "a.gexf", lang="th")
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "a.gexf").nodes["agency:EEF"]["label"] == EEF_TH
    assert "33" in result.output and "99" in result.output

    result = run("map", "issues", "--format", "graphml", "--district", "4005", "-o", tmp_path / "i.graphml")
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "i.graphml").is_directed()

    result = run("map", "datasets", "--format", "csv", "-o", tmp_path / "linkage")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "linkage-nodes.csv").exists() and (tmp_path / "linkage-edges.csv").exists()
    assert "linkage-nodes.csv" in result.output


def test_cli_default_names_and_html_unchanged(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("map", "datasets", "--format", "graphml").exit_code == 0
    assert (tmp_path / "datasets.graphml").exists()
    assert run("map", "datasets", "--format", "csv").exit_code == 0
    assert (tmp_path / "datasets-nodes.csv").exists()
    assert run("map", "datasets").exit_code == 0
    assert (tmp_path / "datasets.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_help_shows_an_example_per_format(run):
    text = run("map", "--help").output
    for fmt in ("--format gexf", "--format graphml", "--format csv"):
        assert fmt in text
    assert ".html" in text
