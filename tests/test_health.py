"""health: density, Freeman centralisation, effective size, relative connectivity, per coalition,
and the change between two rounds. Checked against NetworkX's own definitions on random
holdings, and pinned on the demo."""
from __future__ import annotations

import copy
import csv
import json
import random
import shutil

import networkx as nx
import pytest

from abegraph.network.health import (compare_health, dimension_contributions, freeman_centralisation, health,
                                     health_change, relative_connectivity)
from abegraph.thai.text import is_thai

from helpers import section

ID = "https://w3id.org/abegraph/id/"
DIMS = ("data", "operations", "knowledge", "policy")


def random_holdings(seed: int, agencies: int = 14, assets: int = 18) -> nx.MultiDiGraph:
    """A network as read_network gives it: agencies, assets with a dimension, held_by/shared_with."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(agencies):
        G.add_node(f"{ID}agency/A{i:02d}", kind="agency", label_en=f"Agency {i}", label_th=f"หน่วยงาน {i}")
    for j in range(assets):
        asset = f"{ID}resource/R{j:02d}"
        G.add_node(asset, kind="resource", dimension=rng.choice(DIMS), label_en=f"R{j}")
        users = rng.sample(range(agencies), rng.choice([1, 1, 2, 2, 3, 4]))
        G.add_edge(asset, f"{ID}agency/A{users[0]:02d}", relation="held_by")
        for u in users[1:]:
            G.add_edge(asset, f"{ID}agency/A{u:02d}", relation="shared_with")
    return G


def reference_network(G: nx.MultiDiGraph) -> nx.Graph:
    """The agency network by NetworkX alone: agencies tied when they hold or use one asset."""
    B = nx.Graph()
    agencies = [n for n, k in G.nodes(data="kind") if k == "agency"]
    B.add_nodes_from(agencies, bipartite=0)
    B.add_edges_from((s, o) for s, o, r in G.edges(data="relation") if r in ("held_by", "shared_with"))
    return nx.bipartite.projected_graph(B, agencies)


def freeman_by_networkx(A: nx.Graph) -> float:
    """Freeman's degree centralisation from nx.degree_centrality (normalised by n - 1)."""
    c = nx.degree_centrality(A)
    top = max(c.values())
    return sum(top - x for x in c.values()) / (len(A) - 2)


def short(node: str) -> str:
    return node.rsplit("/", 1)[-1]


@pytest.mark.parametrize("seed", range(6))
def test_whole_network_figures_match_networkx(seed):
    G = random_holdings(seed)
    A = reference_network(G)
    rows = health(G)
    (net,) = section(rows, "network")
    assert net["ties"] == A.number_of_edges()
    assert net["density"] == pytest.approx(nx.density(A), abs=1e-6)
    assert net["centralisation"] == pytest.approx(freeman_by_networkx(A), abs=1e-6)
    top = max(d for _, d in A.degree())
    assert net["best_connected_ids"] == sorted(short(v) for v, d in A.degree() if d == top)
    assert net["isolate_ids"] == sorted(short(v) for v in nx.isolates(A))
    effective = nx.effective_size(A)
    agencies = {r["agency_id"]: r for r in section(rows, "agency")}
    for v in A:
        row = agencies[short(v)]
        assert row["partners"] == A.degree(v)
        assert row["partner_ids"] == sorted(short(u) for u in A[v])
        assert row["relative_connectivity"] == pytest.approx(100 * A.degree(v) / top, abs=1e-6)
        if A.degree(v):
            assert row["effective_size"] == pytest.approx(effective[v], abs=1e-6)
            assert row["efficiency"] == pytest.approx(effective[v] / A.degree(v), abs=1e-6)
        else:
            assert row["effective_size"] == 0.0 and row["efficiency"] is None
        # the dimensions' contributions add up to the relative connectivity
        assert sum(row["by_dimension"].values()) == pytest.approx(row["relative_connectivity"], abs=1e-4)
    linked = [v for v in A if A.degree(v)]
    assert net["mean_effective_size"] == pytest.approx(sum(effective[v] for v in linked) / len(linked), abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_coalition_figures_match_networkx_on_each_coalition(seed):
    from abegraph.network.coalitions import coalitions

    G = random_holdings(seed, agencies=20, assets=26)
    A = reference_network(G)
    groups = {r["coalition"]: r for r in section(coalitions(G), "coalition")}
    rows = health(G)
    agencies = {r["agency_id"]: r for r in section(rows, "agency")}
    assert [r["coalition"] for r in section(rows, "coalition")] == sorted(groups)
    for row in section(rows, "coalition"):
        group = groups[row["coalition"]]
        assert row["agency_ids"] == group["agency_ids"] and row["name"] == group["name"]
        S = A.subgraph(ID + "agency/" + i for i in group["agency_ids"])
        assert row["ties"] == S.number_of_edges() == group["ties_inside"]
        assert row["density"] == pytest.approx(nx.density(S), abs=1e-6)
        if len(S) >= 3:
            assert row["centralisation"] == pytest.approx(freeman_by_networkx(S), abs=1e-6)
        else:
            assert row["centralisation"] is None
        top = max(d for _, d in S.degree())
        effective = nx.effective_size(S)
        linked = [v for v in S if S.degree(v)]
        assert row["mean_effective_size"] == pytest.approx(
            sum(effective[v] for v in linked) / len(linked) if linked else 0.0, abs=1e-6)
        for v in S:
            member = agencies[short(v)]
            assert member["coalition"] == row["coalition"]
            assert member["coalition_partners"] == S.degree(v)
            assert member["coalition_relative_connectivity"] == pytest.approx(
                100 * S.degree(v) / top if top else 0.0, abs=1e-6)


def test_density_by_dimension_counts_ties_through_each_dimension():
    G = random_holdings(3)
    (net,) = section(health(G), "network")
    n = net["agencies"]
    for dim in DIMS:
        users = [[o for _, o, r in G.out_edges(a, data="relation")] for a, d in G.nodes(data="dimension") if d == dim]
        pairs = {tuple(sorted((u, v))) for group in users for u in group for v in group if u != v}
        assert net["density_by_dimension"][dim] == pytest.approx(len(pairs) / (n * (n - 1) / 2), abs=1e-6)


def test_small_functions():
    assert freeman_centralisation(nx.star_graph(5)) == 1.0
    assert freeman_centralisation(nx.cycle_graph(6)) == 0.0
    assert freeman_centralisation(nx.empty_graph(2)) is None
    assert relative_connectivity(nx.path_graph(3)) == {0: 50.0, 1: 100.0, 2: 50.0}
    A = nx.Graph()
    A.add_edge("a", "b", weight=3, by_dimension={"data": 2, "knowledge": 1})
    shares = dimension_contributions(A, "a", top=1)
    assert shares["data"] == pytest.approx(200 / 3) and shares["knowledge"] == pytest.approx(100 / 3)
    assert sum(shares.values()) == pytest.approx(100)


def test_empty_network():
    rows = health(nx.MultiDiGraph())
    (net,) = section(rows, "network")
    assert net["agencies"] == 0 and net["density"] == 0.0 and net["centralisation"] is None
    assert section(rows, "agency") == [] and section(rows, "coalition") == []


# --- the demo ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows(demo):
    return health(demo)


def test_pinned_on_the_demo(rows, demo):
    from abegraph.network.brokers import brokers

    (net,) = section(rows, "network")
    assert (net["agencies"], net["ties"], net["possible_ties"]) == (33, 99, 528)
    assert net["density"] == 0.1875 and net["centralisation"] == 0.399194
    assert net["best_connected_ids"] == ["KKPAO"] and net["max_partners"] == 18
    assert len(net["isolate_ids"]) == 12 and "MSDHS" in net["isolate_ids"]
    kkpao = next(r for r in section(rows, "agency") if r["agency_id"] == "KKPAO")
    assert kkpao["relative_connectivity"] == 100.0 and kkpao["effective_size"] == 10.111111
    assert kkpao["partners_by_dimension"] == {"data": 13, "operations": 5, "knowledge": 4, "policy": 12}
    # one implementation of effective size: the brokers analysis says the same
    by_brokers = {r["agency_id"]: r["effective_size"] for r in brokers(demo) if r["section"] == "agency"}
    assert {r["agency_id"]: r["effective_size"] for r in section(rows, "agency")} == by_brokers
    first = section(rows, "coalition")[0]
    assert first["agency_ids"][:2] == ["EEF", "ESAO-KK1"] and first["density"] == 0.857143
    figures = {r["figure"]: r for r in section(rows, "figure")}
    assert list(figures) == ["density", "centralisation", "best_connected", "mean_effective_size", "isolates",
                             "coalitions"]
    assert figures["density"]["shown"] == "18.8%" and figures["density"]["based_on"] == "99 of 528 pairs"
    assert figures["best_connected"]["agency_ids"] == ["KKPAO"]
    assert figures["isolates"]["agency_ids"] == net["isolate_ids"]
    assert figures["density"]["meaning_th"] == (
        "หน่วยงาน 99 คู่จาก 528 คู่ที่เป็นไปได้ (18.8%) ใช้ทรัพยากรร่วมกันอย่างน้อยหนึ่งรายการ")


def test_every_tie_is_a_sharing_pair(rows, demo):
    """Traceable: each agency's partners are exactly its pair rows in analyze sharing."""
    from abegraph.network.sharing import sharing

    pairs = {}
    for r in sharing(demo):
        if r["section"] == "pair":
            pairs.setdefault(r["agency_a_id"], set()).add(r["agency_b_id"])
            pairs.setdefault(r["agency_b_id"], set()).add(r["agency_a_id"])
    for r in section(rows, "agency"):
        assert set(r["partner_ids"]) == pairs.get(r["agency_id"], set())


def test_rows_are_stable_plain_and_bilingual(demo, rows):
    json.dumps(rows, ensure_ascii=False)
    assert list(dict.fromkeys(r["section"] for r in rows)) == ["figure", "network", "coalition", "agency", "measure"]
    for name in ("figure", "network", "coalition", "agency", "measure"):
        keys = {tuple(r) for r in section(rows, name)}
        assert len(keys) == 1 and next(iter(keys))[0] == "section", name
    assert all(r["meaning"] and is_thai(r["meaning_th"]) for r in rows)
    th = health(demo, lang="th")
    assert next(r for r in th if r["section"] == "agency")["agency"] == "องค์การบริหารส่วนจังหวัดขอนแก่น"
    assert next(r for r in th if r.get("figure") == "best_connected")["shown"] == "องค์การบริหารส่วนจังหวัดขอนแก่น"
    assert next(r for r in th if r.get("figure") == "density")["label"] == "ความหนาแน่นของเครือข่าย"
    assert health(demo) == rows
    before = copy.deepcopy(demo)
    health(demo)
    assert nx.utils.graphs_equal(before, demo)


def test_registered_and_on_the_command_line(demo_store_path):
    from click.testing import CliRunner

    from abegraph.cli import main
    from abegraph.network.analyses import ANALYSES

    assert ANALYSES["health"].title("th").startswith("สุขภาพของเครือข่าย")
    result = CliRunner().invoke(main, ["--store", str(demo_store_path), "analyze", "health", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0] == {**found[0], "section": "figure", "figure": "density", "value": 0.1875}
    result = CliRunner().invoke(main, ["--store", str(demo_store_path), "--lang", "th", "analyze", "health",
                                       "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "หน่วยงาน 99 คู่จาก 528 คู่ที่เป็นไปได้" in result.output


# --- two rounds ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def second_round(tmp_path_factory):
    """The demo as a second round would record it: EEF's iSEE system (R001) is no longer
    shared with anyone."""
    from abegraph.demo import DEMO_CSV

    folder = tmp_path_factory.mktemp("round2") / "khonkaen-round2"
    shutil.copytree(DEMO_CSV, folder)
    path = folder / "resources.csv"
    with path.open(encoding="utf-8", newline="") as f:
        resources = list(csv.DictReader(f))
    for r in resources:
        if r["id"] == "R001":
            r["shared_with"] = ""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(resources[0]))
        writer.writeheader()
        writer.writerows(resources)
    return folder


def test_the_change_between_two_rounds(demo_store, second_round):
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import read_files
    from abegraph.network.projections import read_network

    changes = health_change(demo_store, "khonkaen-demo", str(second_round))
    assert changes and all(r["kind"] == "health" and r["change"] == "changed" for r in changes)
    by_field = {(r["id"], r["field"]): r for r in changes}
    # the expected figures, computed on each round read on its own
    scratch = Store.open(None)
    scratch.replace_graphs({"https://w3id.org/abegraph/graph/r2": read_files(demo_store, [second_round],
                                                                               names=["r2"])["r2"]})
    later = health(read_network(scratch))
    scratch.close()
    after = section(later, "network")[0]
    assert by_field[("", "ties")]["before"] == "99" and by_field[("", "ties")]["after"] == str(after["ties"])
    assert after["ties"] < 99
    assert by_field[("", "density")]["after"] == str(after["density"])
    before = {r["agency_id"]: r for r in section(health(read_network(demo_store)), "agency")}
    moved = {r["agency_id"]: r for r in section(later, "agency") if r["partners"] != before[r["agency_id"]]["partners"]}
    assert moved  # R001 tied pairs that share nothing else
    for ident, r in moved.items():
        change = by_field[(ident, "partners")]
        assert (change["before"], change["after"]) == (str(before[ident]["partners"]), str(r["partners"]))
        assert change["name"] == r["agency"]
    assert {i for i, f in by_field if f == "partners"} == set(moved)
    assert health_change(demo_store, "khonkaen-demo", "khonkaen-demo") == []


def test_compare_health_lists_only_what_differs():
    a = [{"section": "network", "agencies": 3, "ties": 1, "density": 0.3, "centralisation": None},
         {"section": "agency", "agency_id": "X", "agency": "X", "partners": 1, "relative_connectivity": 100.0}]
    b = [{"section": "network", "agencies": 3, "ties": 1, "density": 0.3, "centralisation": 0.5},
         {"section": "agency", "agency_id": "X", "agency": "X", "partners": 1, "relative_connectivity": 50.0},
         {"section": "agency", "agency_id": "Y", "agency": "Y", "partners": 2, "relative_connectivity": 100.0}]
    assert [(r["id"], r["field"], r["before"], r["after"]) for r in compare_health(a, b)] == [
        ("", "centralisation", "", "0.5"), ("X", "relative_connectivity", "100.0", "50.0")]
    assert compare_health(a, b, lang="th")[0]["name"] == "เครือข่ายทั้งหมด"


def test_diff_health_on_the_command_line(demo_store_path, second_round, tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from abegraph.cli import main

    out = tmp_path / "changes.xlsx"
    result = CliRunner().invoke(main, ["--store", str(demo_store_path), "diff", "khonkaen-demo", str(second_round),
                                       "--health", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output[result.output.index("["):])
    assert {"sharing", "health"} <= {r["kind"] for r in rows}
    assert "สุขภาพเครือข่าย" in openpyxl.load_workbook(out).sheetnames
    plain = CliRunner().invoke(main, ["--store", str(demo_store_path), "diff", "khonkaen-demo", str(second_round),
                                      "--format", "json"])
    assert "health" not in {r["kind"] for r in json.loads(plain.output[plain.output.index("["):])}


def test_counts_in_the_meanings_have_thousands_separators():
    """At a province's size the atlas printed "หน่วยงาน 5445 คู่จาก 79800 คู่": counts are grouped."""
    rows = health(random_holdings(3, agencies=60, assets=80))
    figures = {r["figure"]: r for r in section(rows, "figure")}
    (net,) = section(rows, "network")
    assert net["possible_ties"] == 1770
    assert "1,770" in figures["density"]["meaning"] and "1,770" in figures["density"]["meaning_th"]
    assert figures["density"]["based_on"].endswith("of 1,770 pairs")
