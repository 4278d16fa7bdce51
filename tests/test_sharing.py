"""Who shares what: checked against the Khon Kaen demo, the saved SPARQL question and tiny graphs."""
from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from abegraph.network.projections import Filters, agency_network, holdings, read_network
from abegraph.graph.questions import get_question
from abegraph.network.sharing import (DIMENSIONS, agency_matrices, agency_network_sparse, project_agencies,
                                    shared_assets, sharing)

AGENCY = "https://w3id.org/abegraph/id/agency/"
RESOURCE = "https://w3id.org/abegraph/id/resource/"

PAIR_KEYS = ["section", "agency_a_id", "agency_a", "agency_b_id", "agency_b", "shared", "by_dimension",
             "asset_ids", "assets"]
UNSHARED_KEYS = ["section", "agency_id", "agency", "assets", "by_dimension"]


def network(assets: dict, agencies=()) -> nx.MultiDiGraph:
    """A tiny network as read_network gives it: ``{asset: (dimension, holders, users)}``."""
    G = nx.MultiDiGraph()
    for a in agencies:
        G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}", label_th=f"หน่วยงาน {a}")
    for asset, (dim, holders, users) in assets.items():
        G.add_node(RESOURCE + asset, kind="resource", dimension=dim, label_en=f"Asset {asset}")
        for relation, who in (("held_by", holders), ("shared_with", users)):
            for a in who:
                if AGENCY + a not in G:
                    G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}", label_th=f"หน่วยงาน {a}")
                G.add_edge(RESOURCE + asset, AGENCY + a, key=relation, relation=relation)
    return G




@pytest.fixture(scope="module")
def rows(demo):
    return sharing(demo)


def test_top_pair_is_kkpao_and_msdhs_kk_with_eleven_assets(rows):
    top = rows[0]
    assert (top["agency_a_id"], top["agency_b_id"], top["shared"]) == ("KKPAO", "MSDHS-KK", 11)
    assert top["agency_b"] == "Khon Kaen Provincial Office of Social Development and Human Security"
    # by hand from resources.csv: each is held by one of the two and used by the other, or
    # held by a third agency and used by both (R013 NESDC, R016 IPSR, R059/R061 PEO-KK, R062 KK-YOUTH)
    assert top["asset_ids"] == ["R010", "R011", "R013", "R016", "R024", "R027", "R030", "R059", "R061",
                                "R062", "R065"]
    assert top["by_dimension"] == {"data": 4, "operations": 3, "knowledge": 0, "policy": 4}
    assert top["assets"][0] == "Register of vulnerable children and families"


def test_next_pairs(rows):
    pairs = [(r["agency_a_id"], r["agency_b_id"], r["shared"]) for r in rows[1:4]]
    assert pairs == [("ESAO-KK1", "SESAO-KK", 10), ("DLA-KK", "KKPAO", 9), ("KKU", "PEO-KK", 8)]


def test_pair_counts_agree_with_the_saved_question(demo_store, rows):
    answer = {frozenset((str(a), str(b))): int(n)
              for a, b, n, _ in demo_store.select(get_question("agency-pairs").sparql)}
    ours = {frozenset((r["agency_a"], r["agency_b"])): r["shared"] for r in rows if r["section"] == "pair"}
    assert len(ours) == 99
    assert ours == answer


def test_agencies_that_share_nothing(rows):
    unshared = [r["agency_id"] for r in rows if r["section"] == "unshared"]
    # national agencies that only publish a dataset, ESAO-KK5 (R039 shared with no one) and
    # MSDHS (no asset on record); KK-YOUTH (R062), DOH (R014, R055) and NESDC (R013) do share
    assert unshared == ["CDD", "DEP", "DLA", "DOPA", "ESAO-KK5", "MOE", "MOF", "MSDHS", "NIETS", "NSO",
                        "OBEC", "ONESQA"]
    by_id = {r["agency_id"]: r for r in rows if r["section"] == "unshared"}
    assert by_id["ESAO-KK5"]["assets"] == 1
    assert by_id["ESAO-KK5"]["by_dimension"] == {"data": 0, "operations": 1, "knowledge": 0, "policy": 0}
    assert by_id["MOE"]["assets"] == 2            # datasets D11 and D13
    assert by_id["MSDHS"]["assets"] == 0


def test_rows_have_the_documented_keys_and_are_json(rows):
    sections = [r["section"] for r in rows]
    assert sections == sorted(sections, key=["pair", "unshared"].index)
    for r in rows:
        assert list(r) == (PAIR_KEYS if r["section"] == "pair" else UNSHARED_KEYS)
        assert list(r["by_dimension"])[:4] == list(DIMENSIONS)
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows
    pairs = [r for r in rows if r["section"] == "pair"]
    assert all(r["agency_a_id"] < r["agency_b_id"] for r in pairs)
    assert all(r["shared"] == len(r["asset_ids"]) == sum(r["by_dimension"].values()) for r in pairs)
    keys = [(-r["shared"], r["agency_a_id"], r["agency_b_id"]) for r in pairs]
    assert keys == sorted(keys)


def test_thai_labels(demo):
    top = sharing(demo, lang="th")[0]
    assert top["agency_a"] == "องค์การบริหารส่วนจังหวัดขอนแก่น"
    assert top["agency_b"] == "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น"
    assert top["agency_a_id"] == "KKPAO"


def test_does_not_modify_the_graph(demo):
    before = demo.copy()
    sharing(demo)
    assert nx.utils.graphs_equal(before, demo)


def test_filtered_by_dimension(demo_store):
    rows = sharing(read_network(demo_store, Filters(dimension="policy")))
    pairs = [r for r in rows if r["section"] == "pair"]
    assert pairs and all(r["by_dimension"]["policy"] == r["shared"] for r in pairs)


# --- tiny graphs -------------------------------------------------------------------------------

def test_empty_graph():
    assert sharing(nx.MultiDiGraph()) == []


def test_one_agency():
    rows = sharing(network({"r1": ("data", ["A"], [])}))
    assert rows == [{"section": "unshared", "agency_id": "A", "agency": "Agency A", "assets": 1,
                     "by_dimension": {"data": 1, "operations": 0, "knowledge": 0, "policy": 0}}]


def test_two_components_and_an_agency_alone():
    G = network({"r1": ("data", ["A"], ["B"]), "r2": ("policy", ["C"], ["D"]),
                 "r3": ("policy", ["C", "D"], [])}, agencies=["E"])
    rows = sharing(G)
    assert [(r["agency_a_id"], r["agency_b_id"], r["shared"]) for r in rows if r["section"] == "pair"] == [
        ("C", "D", 2), ("A", "B", 1)]
    assert [r["agency_id"] for r in rows if r["section"] == "unshared"] == ["E"]


def test_holding_and_using_the_same_asset_counts_once():
    rows = sharing(network({"r1": ("knowledge", ["A", "B"], ["A", "B"])}))
    assert rows[0]["shared"] == 1 and rows[0]["asset_ids"] == ["r1"]


# --- the sparse projection ----------------------------------------------------------------------

def _same_projection(fast: nx.Graph, slow: nx.Graph, assets: bool) -> None:
    assert list(fast.nodes(data=True)) == list(slow.nodes(data=True))
    assert {frozenset(e) for e in fast.edges} == {frozenset(e) for e in slow.edges}
    for u, v, data in slow.edges(data=True):
        got = fast.edges[u, v]
        assert got["weight"] == data["weight"] and isinstance(got["weight"], int)
        assert got["by_dimension"] == data["by_dimension"]
        assert ("assets" in got) == assets
        if assets:
            assert got["assets"] == data["assets"]


@pytest.mark.parametrize("assets", [False, True])
def test_sparse_projection_equals_networkx_on_the_demo(demo, assets):
    B = holdings(demo)
    _same_projection(agency_network_sparse(B, assets=assets), agency_network(B), assets)


def _random_holdings(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    n_agencies, n_assets = rng.randint(1, 25), rng.randint(0, 60)
    B = nx.bipartite.random_graph(n_agencies, n_assets, rng.choice([0.02, 0.1, 0.3]), seed=seed)
    H = nx.Graph()
    for n, d in B.nodes(data=True):
        name = f"ag{n}" if d["bipartite"] == 0 else f"as{n}"
        attrs = {"bipartite": d["bipartite"], "kind": "agency" if d["bipartite"] == 0 else "resource"}
        if d["bipartite"] == 1 and rng.random() < 0.95:        # a few assets without a dimension
            attrs["dimension"] = rng.choice(list(DIMENSIONS))
        H.add_node(name, **attrs)
    H.add_edges_from((f"ag{u}" if B.nodes[u]["bipartite"] == 0 else f"as{u}",
                      f"ag{v}" if B.nodes[v]["bipartite"] == 0 else f"as{v}") for u, v in B.edges)
    return H


@pytest.mark.parametrize("seed", range(25))
def test_sparse_projection_equals_networkx_on_random_graphs(seed):
    B = _random_holdings(seed)
    _same_projection(agency_network_sparse(B, assets=True), agency_network(B), True)


def test_sparse_projection_of_empty_and_edgeless_graphs():
    assert agency_network_sparse(nx.Graph()).number_of_nodes() == 0
    B = nx.Graph()
    B.add_nodes_from(["a", "b"], bipartite=0)
    B.add_node("r", bipartite=1, dimension="data")
    A = agency_network_sparse(B)
    assert sorted(A) == ["a", "b"] and A.number_of_edges() == 0


def test_agency_matrices_hold_the_upper_triangle_per_dimension(demo):
    B = holdings(demo)
    agencies, W = agency_matrices(B)
    i, j = sorted([agencies.index(AGENCY + "KKPAO"), agencies.index(AGENCY + "MSDHS-KK")])
    counts = {d: int(m[i, j]) for d, m in W.items()}
    assert counts == {"data": 4, "operations": 3, "knowledge": 0, "policy": 4}
    assert all(m.diagonal().sum() == 0 and m[j, i] == 0 for m in W.values())


def test_project_agencies_takes_the_sparse_path_above_the_threshold(demo, monkeypatch):
    import abegraph.network.sharing as module

    B = holdings(demo)
    monkeypatch.setattr(module, "SPARSE_ABOVE", 10)
    fast = project_agencies(B, assets=False)
    assert all("assets" not in d for _, _, d in fast.edges(data=True))
    _same_projection(fast, agency_network(B), False)
    assert "assets" in next(iter(project_agencies(B, assets=True).edges(data=True)))[2]


def test_shared_assets_of_one_pair(demo):
    B = holdings(demo)
    both = shared_assets(B, AGENCY + "DOH", AGENCY + "DLA-KK")
    assert [a.rsplit("/", 1)[-1] for a in both] == ["R014", "R055"]
