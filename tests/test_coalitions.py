"""Coalitions: reproducible, a partition of the agencies, named by what their assets address."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from abegraph.network.coalitions import coalitions, communities
from abegraph.network.projections import agency_network, entity_id, holdings

AGENCY = "https://w3id.org/abegraph/id/agency/"
RESOURCE = "https://w3id.org/abegraph/id/resource/"
ISSUE = "https://w3id.org/abegraph/id/issue/"

COALITION_KEYS = ["section", "coalition", "name", "size", "agency_ids", "agencies", "ties_inside",
                  "ties_outside", "assets", "shared_assets", "by_dimension", "main_dimensions", "issue_ids",
                  "issues", "issue_counts", "distinctive_issue_ids", "distinctive_issues"]
SUMMARY_KEYS = ["section", "coalitions", "agencies", "modularity", "method"]


def network(assets: dict, agencies=()) -> nx.MultiDiGraph:
    """A tiny network as read_network gives it: ``{asset: (dimension, agencies, issues)}``."""
    G = nx.MultiDiGraph()
    for a in agencies:
        G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}")
    for asset, (dim, who, issues) in assets.items():
        G.add_node(RESOURCE + asset, kind="resource", dimension=dim, label_en=f"Asset {asset}")
        for i, a in enumerate(who):
            G.add_node(AGENCY + a, kind="agency", label_en=f"Agency {a}")
            relation = "held_by" if i == 0 else "shared_with"
            G.add_edge(RESOURCE + asset, AGENCY + a, key=relation, relation=relation)
        for issue in issues:
            G.add_node(ISSUE + issue, kind="issue", label_en=f"Issue {issue}", label_th=f"ประเด็น {issue}")
            G.add_edge(RESOURCE + asset, ISSUE + issue, key="addresses", relation="addresses")
    return G




@pytest.fixture(scope="module")
def rows(demo):
    return coalitions(demo)


def groups(rows):
    return [r for r in rows if r["section"] == "coalition"]


def test_same_seed_same_coalitions(demo, rows):
    assert coalitions(demo) == rows
    assert coalitions(demo, seed=5) == coalitions(demo, seed=5)


def test_node_order_does_not_matter(demo, rows):
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(demo.nodes(data=True))))
    reordered.add_edges_from(reversed(list(demo.edges(keys=True, data=True))))
    assert coalitions(reordered) == rows


def test_every_agency_in_exactly_one_coalition(demo, rows):
    agencies = sorted(entity_id(n) for n, k in demo.nodes(data="kind") if k == "agency")
    members = [a for r in groups(rows) for a in r["agency_ids"]]
    assert sorted(members) == agencies                   # no agency twice, none missing
    assert sum(r["size"] for r in groups(rows)) == len(agencies) == rows[-1]["agencies"] == 33


def test_modularity(demo, rows):
    summary = rows[-1]
    assert summary["section"] == "summary"
    assert 0 < summary["modularity"] < 1
    A = agency_network(holdings(demo))
    parts = [{AGENCY + a for a in r["agency_ids"]} for r in groups(rows)]
    expected = nx.community.modularity(A, parts, weight="weight")
    assert summary["modularity"] == pytest.approx(expected, abs=1e-6)
    assert summary["coalitions"] == len(groups(rows))


def test_the_three_demo_coalitions(rows):
    # education offices around EEF; local government and social development around KKPAO and
    # MSDHS-KK; universities, the think tank and the provincial education office
    assert [r["agency_ids"] for r in groups(rows)[:3]] == [
        ["EEF", "ESAO-KK1", "ESAO-KK2", "ESAO-KK3", "ESAO-KK4", "ONIE-KK", "SEC9", "SESAO-KK"],
        ["DCY", "DLA-KK", "DOH", "KK-YOUTH", "KKPAO", "MSDHS-KK", "NESDC"],
        ["IPSR", "KKTT", "KKU", "NEU", "PEO-KK", "TSF"],
    ]
    first = groups(rows)[0]
    assert first["issue_ids"] == ["I01", "I02", "I03"]
    assert first["name"] == ("Out-of-school children and youth; School dropout; Children at risk of dropping "
                             "out (Data and information, Operations)")
    assert "C22" in groups(rows)[1]["distinctive_issue_ids"]          # family violence: MSDHS-KK's work
    assert groups(rows)[2]["main_dimensions"][0] == "policy"


def test_issue_counts_follow_the_assets_members_hold_or_use(demo, rows):
    for row in groups(rows)[:3]:
        members = {AGENCY + a for a in row["agency_ids"]}
        assets = {s for s, o, r in demo.edges(data="relation")
                  if r in ("held_by", "shared_with") and o in members}
        for issue, count in row["issue_counts"].items():
            assert count == sum(1 for a in assets if demo.has_edge(a, ISSUE + issue, key="addresses"))
        assert row["assets"] == len(assets)
        assert sum(row["by_dimension"].values()) == len(assets)


def test_agencies_sharing_nothing_stand_alone(rows):
    alone = {r["agency_ids"][0]: r for r in groups(rows) if r["size"] == 1}
    assert sorted(alone) == ["CDD", "DEP", "DLA", "DOPA", "ESAO-KK5", "MOE", "MOF", "MSDHS", "NIETS", "NSO",
                             "OBEC", "ONESQA"]
    assert alone["ESAO-KK5"]["issue_ids"] == ["I03", "I17"]           # R039 addresses I17 and I03
    assert alone["MSDHS"]["name"] == "(no assets on record)"
    assert all(r["ties_inside"] == r["ties_outside"] == 0 for r in alone.values())


def test_rows_have_the_documented_keys_and_are_json(rows):
    assert all(list(r) == COALITION_KEYS for r in groups(rows))
    assert list(rows[-1]) == SUMMARY_KEYS and [r["section"] for r in rows].count("summary") == 1
    assert [r["coalition"] for r in groups(rows)] == list(range(1, len(groups(rows)) + 1))
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows


def test_thai_names(demo):
    first = coalitions(demo, lang="th")[0]
    assert first["name"].startswith("เด็กและเยาวชนนอกระบบการศึกษา; ")
    assert first["name"].endswith("(ข้อมูล/สารสนเทศ, การดำเนินงาน)")


def test_does_not_modify_the_graph(demo):
    before = demo.copy()
    coalitions(demo)
    assert nx.utils.graphs_equal(before, demo)


# --- tiny graphs -------------------------------------------------------------------------------

def test_empty_graph():
    assert coalitions(nx.MultiDiGraph()) == [{
        "section": "summary", "coalitions": 0, "agencies": 0, "modularity": 0.0,
        "method": "Louvain communities, weight = shared assets, seed 42, resolution 1"}]


def test_one_agency():
    rows = coalitions(network({"r1": ("policy", ["A"], ["I01"])}))
    assert rows[0]["agency_ids"] == ["A"] and rows[0]["name"] == "Issue I01 (Policy and social capital)"
    assert rows[-1]["modularity"] == 0.0


def test_two_components_are_two_coalitions():
    G = network({"r1": ("data", ["A", "B"], ["I01", "I02"]), "r2": ("data", ["A", "B"], ["I01"]),
                 "r3": ("knowledge", ["C", "D"], ["I05"])})
    rows = coalitions(G, lang="th")
    assert [r["agency_ids"] for r in groups(rows)] == [["A", "B"], ["C", "D"]]
    assert groups(rows)[0]["issue_counts"] == {"I01": 2, "I02": 1}
    assert groups(rows)[0]["name"] == "ประเด็น I01; ประเด็น I02 (ข้อมูล/สารสนเทศ)"
    assert groups(rows)[0]["shared_assets"] == 2
    # two separate groups holding 2/3 and 1/3 of the weight: modularity 1 - (2/3)^2 - (1/3)^2
    assert rows[-1]["modularity"] == pytest.approx(4 / 9, abs=1e-6)


def test_communities_are_sorted_and_reproducible():
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(5))
    G.add_node(8)
    assert communities(G) == [[3, 4, 5, 6, 7], [0, 1, 2], [8]]             # largest first
    assert communities(nx.barbell_graph(5, 0)) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert communities(nx.Graph()) == []
