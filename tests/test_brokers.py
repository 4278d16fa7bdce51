"""Brokers and single points of failure: the Khon Kaen demo, tiny graphs, sampled betweenness."""
from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from abegraph.network.brokers import brokers, cut_sets, single_points, structural_holes
from abegraph.network.projections import agency_network, entity_id, holdings

from helpers import section

AGENCY = "https://w3id.org/abegraph/id/agency/"
RESOURCE = "https://w3id.org/abegraph/id/resource/"

AGENCY_KEYS = ["section", "agency_id", "agency", "partners", "shared_assets", "degree", "betweenness",
               "eigenvector", "effective_size", "constraint", "single_point", "cut_off_ids", "depends_on_ids",
               "meaning", "meaning_th"]
POINT_KEYS = ["section", "kind", "node_id", "node", "pieces", "cut_off_ids", "meaning", "meaning_th"]
MEASURE_KEYS = ["section", "measure", "method", "meaning", "meaning_th"]
MEASURES = ["partners", "shared_assets", "degree", "betweenness", "eigenvector", "effective_size",
            "constraint", "single_point"]


def network(assets: dict, agencies=()) -> nx.MultiDiGraph:
    """A tiny network as read_network gives it: ``{asset: (holders, users)}``."""
    G = nx.MultiDiGraph()
    for a in agencies:
        G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}")
    for asset, (holders, users) in assets.items():
        G.add_node(RESOURCE + asset, kind="resource", dimension="data", label_en=f"Asset {asset}")
        for relation, who in (("held_by", holders), ("shared_with", users)):
            for a in who:
                G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}")
                G.add_edge(RESOURCE + asset, AGENCY + a, key=relation, relation=relation)
    return G




@pytest.fixture(scope="module")
def rows(demo):
    return brokers(demo)


def test_top_broker_is_kkpao_and_says_so(rows):
    top = rows[0]
    assert top["agency_id"] == "KKPAO"
    assert top["partners"] == 18
    assert top["betweenness"] == pytest.approx(0.071168, abs=1e-6)
    assert top["meaning"] == ("Shares assets with 18 agencies; is on the shortest chain between 7.1% of the "
                              "pairs of other agencies: the network's main broker.")
    assert "ตัวกลางหลักของเครือข่าย" in top["meaning_th"]
    assert [r["agency_id"] for r in rows[1:3]] == ["MSDHS-KK", "EEF"]
    assert "main broker" not in rows[1]["meaning"]


def test_single_points_of_failure(rows):
    points = [(r["kind"], r["node_id"], r["cut_off_ids"]) for r in section(rows, "single_point")]
    # DCY shares only with MSDHS-KK (R023, R034); NESDC only through R013; KK-YOUTH only through R062
    assert points == [("agency", "MSDHS-KK", ["DCY"]), ("resource", "R013", ["NESDC"]),
                      ("resource", "R062", ["KK-YOUTH"])]
    by_id = {r["agency_id"]: r for r in section(rows, "agency")}
    assert by_id["MSDHS-KK"]["single_point"] and by_id["MSDHS-KK"]["cut_off_ids"] == ["DCY"]
    assert "without it Department of Children and Youth would be cut off" in by_id["MSDHS-KK"]["meaning"]
    assert by_id["DCY"]["depends_on_ids"] == ["MSDHS-KK"]
    assert by_id["NESDC"]["depends_on_ids"] == ["R013"]
    assert section(rows, "single_point")[1]["meaning"].startswith(
        "R013 (TPMAP target poor, Khon Kaen) is the only link between Office of the National Economic and "
        "Social Development Council and the rest")


def test_sentences_name_the_agencies_they_speak_of_not_their_ids(demo):
    """A meeting reads names: "without it DCY would be cut off" told no one which office DCY is."""
    rows = brokers(demo, lang="th")
    by_id = {r["agency_id"]: r for r in section(rows, "agency")}
    assert "หากขาดหน่วยงานนี้ กรมกิจการเด็กและเยาวชน จะถูกตัดขาดจากเครือข่าย" in by_id["MSDHS-KK"]["meaning_th"]
    assert "DCY" not in by_id["MSDHS-KK"]["meaning_th"]
    assert "ผ่าน สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น เท่านั้น" in by_id["DCY"]["meaning_th"]
    agency_point = section(rows, "single_point")[0]
    assert agency_point["meaning_th"].startswith(
        "หาก สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น (MSDHS-KK) หยุดใช้ทรัพยากรร่วม "
        "กรมกิจการเด็กและเยาวชน จะไม่มีทาง")


def test_agencies_that_share_nothing_are_not_brokers(rows):
    alone = {r["agency_id"]: r for r in section(rows, "agency") if r["partners"] == 0}
    assert sorted(alone) == ["CDD", "DEP", "DLA", "DOPA", "ESAO-KK5", "MOE", "MOF", "MSDHS", "NIETS", "NSO",
                             "OBEC", "ONESQA"]
    for r in alone.values():
        scores = (r["betweenness"], r["eigenvector"], r["effective_size"], r["constraint"])
        assert scores == (0.0, 0.0, 0.0, None)
        assert r["meaning"] == "Shares no asset with any other agency yet, so it links no one."


def test_centralities_match_networkx(demo, rows):
    A = agency_network(holdings(demo))
    by_id = {r["agency_id"]: r for r in section(rows, "agency")}
    between = nx.betweenness_centrality(A)
    linked = A.subgraph([n for n in A if A.degree(n)])       # the demo's one connected component
    eigen = nx.eigenvector_centrality(linked, weight="weight", max_iter=1000)
    constraint = nx.constraint(linked, weight="weight")
    for n in A:
        r = by_id[entity_id(n)]
        assert r["betweenness"] == pytest.approx(between[n], abs=1e-6)
        assert r["degree"] == pytest.approx(A.degree(n) / (len(A) - 1), abs=1e-6)
        if n in linked:
            assert r["eigenvector"] == pytest.approx(eigen[n], abs=1e-5)
            assert r["constraint"] == pytest.approx(constraint[n], abs=1e-6)


def test_rows_have_the_documented_keys_and_are_json(rows):
    order = ["agency", "single_point", "measure"]
    assert [r["section"] for r in rows] == sorted((r["section"] for r in rows), key=order.index)
    keys = {"agency": AGENCY_KEYS, "single_point": POINT_KEYS, "measure": MEASURE_KEYS}
    assert all(list(r) == keys[r["section"]] for r in rows)
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows
    assert [r["measure"] for r in section(rows, "measure")] == MEASURES
    assert all(r["meaning"] and r["meaning_th"] for r in rows if "meaning" in r)
    between = {r["measure"]: r["method"] for r in section(rows, "measure")}["betweenness"]
    assert between == "unweighted hops, exact"


def test_language_changes_names_not_meanings(demo, rows):
    thai = brokers(demo, lang="th")
    assert thai[0]["agency"] == "องค์การบริหารส่วนจังหวัดขอนแก่น"
    assert [(r.get("meaning"), r.get("meaning_th")) for r in thai] == [
        (r.get("meaning"), r.get("meaning_th")) for r in rows]


def test_does_not_modify_the_graph(demo):
    before = demo.copy()
    brokers(demo)
    assert nx.utils.graphs_equal(before, demo)


# --- tiny graphs -------------------------------------------------------------------------------

def test_empty_graph_gives_only_the_legend():
    rows = brokers(nx.MultiDiGraph())
    assert [r["section"] for r in rows] == ["measure"] * len(MEASURES)


def test_one_agency():
    rows = brokers(network({"r1": (["A"], [])}))
    assert section(rows, "agency")[0]["partners"] == 0 and section(rows, "agency")[0]["degree"] == 0.0
    assert section(rows, "single_point") == []


def test_two_components():
    # A - B share r1; C - D - E share r2 (C, D) and r3 (D, E): D holds C and E together
    G = network({"r1": (["A"], ["B"]), "r2": (["C"], ["D"]), "r3": (["D"], ["E"])})
    rows = brokers(G)
    agencies = {r["agency_id"]: r for r in section(rows, "agency")}
    assert rows[0]["agency_id"] == "D"
    assert agencies["D"]["cut_off_ids"] == ["E"]          # a tie: the part holding C counts as "the rest"
    assert agencies["A"]["eigenvector"] == pytest.approx(agencies["B"]["eigenvector"])
    points = [(r["node_id"], r["cut_off_ids"]) for r in section(rows, "single_point")]
    assert points == [("D", ["E"]), ("r1", ["B"]), ("r2", ["C"]), ("r3", ["E"])]


def test_long_lists_of_cut_off_agencies_are_shortened_in_the_meaning():
    G = network({f"r{i}": (["HUB"], [f"A{i:02d}"]) for i in range(8)})
    hub = section(brokers(G), "single_point")[0]
    assert hub["cut_off_ids"] == [f"A{i:02d}" for i in range(1, 8)]
    assert hub["meaning"].startswith("If Agency HUB (HUB) stopped sharing, Agency A01, Agency A02, Agency A03, "
                                   "Agency A04, Agency A05 and 2 more would lose")
    assert "และอีก 2 หน่วยงาน" in hub["meaning_th"]


def test_a_second_shared_asset_removes_the_single_point():
    G = network({"r1": (["A"], ["B"]), "r2": (["B"], ["C"]), "r3": (["A"], ["C"])})
    assert section(brokers(G), "single_point") == []


def test_single_points_on_hand_built_graphs():
    A = nx.star_graph(["hub", "x", "y", "z"])
    B = nx.Graph([(a, "r-" + a) for a in "xyz"] + [("hub", "r-" + a) for a in "xyz"])
    nx.set_node_attributes(B, {n: int(n.startswith("r-")) for n in B}, "bipartite")
    assert single_points(A, B) == [("hub", 3, ["y", "z"]), ("r-x", 2, ["x"]), ("r-y", 2, ["y"]),
                                   ("r-z", 2, ["z"])]
    assert single_points(nx.Graph(), nx.Graph()) == []


def _cut_sets_by_definition(H, keep):
    """Remove each node in turn and look at what its component falls into."""
    found = {}
    for v in H:
        rest = nx.node_connected_component(H, v) - {v}
        parts = list(nx.connected_components(H.subgraph(rest)))
        if len(parts) < 2:
            continue
        parts.sort(key=lambda p: (-sum(1 for n in p if keep(n)), min(n for n in H[v] if n in p)))
        found[v] = (len(parts), sorted(n for p in parts[1:] for n in p if keep(n)))
    return found


@pytest.mark.parametrize("seed", range(30))
def test_cut_sets_agree_with_removing_each_node(seed):
    rng = random.Random(seed)
    H = nx.gnm_random_graph(rng.randint(1, 30), rng.randint(0, 35), seed=seed)   # trees, forests, cycles
    H = nx.relabel_nodes(H, {n: f"n{n:02d}" for n in H})
    keep = (lambda n: int(n[1:]) % 3 != 0) if seed % 2 else (lambda _: True)
    assert cut_sets(H, keep=keep) == _cut_sets_by_definition(H, keep)


# --- structural holes: NetworkX and the sparse path ---------------------------------------------

def _weighted_random_graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnp_random_graph(rng.randint(1, 40), rng.choice([0.05, 0.2, 0.5]), seed=seed)
    nx.set_edge_attributes(G, {e: rng.randint(1, 6) for e in G.edges}, "weight")
    return G


@pytest.mark.parametrize("seed", range(20))
def test_structural_holes_equal_networkx_on_small_graphs(seed):
    G = _weighted_random_graph(seed)
    linked = [n for n in G if G.degree(n)]
    slow_eff, slow_con = nx.effective_size(G, nodes=linked), nx.constraint(G, nodes=linked, weight="weight")
    fast_eff, fast_con = structural_holes(G)
    assert set(fast_eff) == set(slow_eff) == set(linked)
    for n in slow_eff:
        assert fast_eff[n] == pytest.approx(slow_eff[n], abs=1e-9)
        assert fast_con[n] == pytest.approx(slow_con[n], abs=1e-9)


def test_structural_holes_of_the_demo_agree_with_networkx(demo):
    A = agency_network(holdings(demo))
    eff, con = structural_holes(A)
    linked = [n for n in A if A.degree(n)]
    assert eff == pytest.approx(nx.effective_size(A, nodes=linked))
    assert con == pytest.approx(nx.constraint(A, nodes=linked, weight="weight"))
    assert structural_holes(nx.empty_graph(3)) == ({}, {})


def test_brokers_say_when_betweenness_is_sampled(demo):
    rows = brokers(demo, exact_below=10, k=20)
    method = {r["measure"]: r["method"] for r in section(rows, "measure")}["betweenness"]
    assert method == "unweighted hops, sampled from 20 source agencies (seed 0) of 33"
