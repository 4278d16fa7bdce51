"""opportunities: agency pairs that share nothing yet, and resource suggestions (demo/khonkaen)."""
from __future__ import annotations

import copy
import json
import types
from math import log

import networkx as nx
import pytest

from abegraph.exceptions import NotFound
from abegraph.network.opportunities import (
    COMPLEMENT_WEIGHT, candidate_pairs, interest_graph, opportunities, resource_suggestions,
)
from abegraph.network.projections import entity_id, holdings
from abegraph.thai.text import is_thai

ID = "https://w3id.org/abegraph/id/"




@pytest.fixture(scope="module")
def everything(demo):
    return opportunities(demo, limit=None, per_agency=None)


def section(rows, name):
    return [r for r in rows if r["section"] == name]


def test_no_suggested_pair_already_shares_an_asset(demo, everything):
    B = holdings(demo)
    agency = {entity_id(n): n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    pairs = section(everything, "pair")
    assert len(pairs) > 100
    for r in pairs:
        assert not set(B[agency[r["agency_a_id"]]]) & set(B[agency[r["agency_b_id"]]])
        assert r["common_issue_ids"] or r["common_target_group_ids"] or r["common_district_ids"]
    # KKPAO and MSDHS-KK share 11 assets (the saved question agency-pairs): never suggested
    assert not any({r["agency_a_id"], r["agency_b_id"]} == {"KKPAO", "MSDHS-KK"} for r in pairs)


def test_pairs_are_ranked_by_score(everything):
    pairs = section(everything, "pair")
    assert [r["rank"] for r in pairs] == list(range(1, len(pairs) + 1))
    scores = [r["score"] for r in pairs]
    assert scores == sorted(scores, reverse=True)
    for r in pairs:
        expected = r["adamic_adar"] + COMPLEMENT_WEIGHT * len(r["complementary"])
        assert r["score"] == pytest.approx(expected, abs=1e-3)


def test_a_pair_a_planner_can_check_by_hand(everything):
    # resources.csv: R040 "Network of extended-opportunity schools" (held by ESAO-KK3) and R009
    # "Khon Kaen smart-city data platform" (KKTT, shared with KKU) both address C10 distance;
    # ESAO-KK3 and KKU hold or use no asset in common.
    row = next(r for r in section(everything, "pair")
               if (r["agency_a_id"], r["agency_b_id"]) == ("ESAO-KK3", "KKU"))
    assert row["issue_id"] == "C10" and row["common_issue_ids"][0] == "C10"
    assert row["path_ids"] == "ESAO-KK3 → R040 → C10 ← R009 ← KKU"
    assert row["path"] == ("Khon Kaen Primary Educational Service Area Office 3 → Network of "
                           "extended-opportunity schools → Distance / poor transport ← Khon Kaen smart-city "
                           "data platform ← Khon Kaen University")
    assert row["reason"].startswith(
        "Khon Kaen Primary Educational Service Area Office 3 and Khon Kaen University do not hold or use any "
        "asset together yet, but both address Distance / poor transport (C10): Khon Kaen Primary Educational "
        "Service Area Office 3 through “Network of extended-opportunity schools” (R040), "
        "Khon Kaen University through “Khon Kaen smart-city data platform” (R009).")
    assert row["reason_th"].startswith(
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 3 และ มหาวิทยาลัยขอนแก่น "
        "ยังไม่ได้ใช้ทรัพยากรหรือชุดข้อมูลร่วมกัน "
        "แต่ทั้งสองหน่วยงานทำงานในประเด็น “การคมนาคมไม่สะดวก/พื้นที่ห่างไกล” (C10) โดย "
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 3 "
        "ใช้ “เครือข่ายโรงเรียนขยายโอกาสทางการศึกษา” (R040) "
        "และ มหาวิทยาลัยขอนแก่น ใช้ “แพลตฟอร์มข้อมูลเมืองอัจฉริยะขอนแก่น” (R009)")
    # R040 covers 4010;4012;4014 only, so no common district through it; both serve school-age children
    assert "school-age" in row["common_target_group_ids"]


def test_a_suggestion_through_a_cause(everything):
    # R043 flexible learning (EEF, shared with TSF) addresses I01; C01 poverty causes I01;
    # D24 Child Support Grant recipients (DCY) addresses C01; TSF holds or uses no DCY asset.
    row = next(r for r in section(everything, "suggestion")
               if (r["agency_id"], r["asset_id"]) == ("TSF", "D24"))
    assert (row["issue_id"], row["cause_id"], row["via_asset_id"]) == ("I01", "C01", "R043")
    assert row["path_ids"] == "TSF → R043 → I01 ← C01 ← D24"
    assert row["holder_ids"] == ["DCY"]
    assert row["reason"].startswith(
        "Traisikkha Foundation works on Out-of-school children and youth (I01) through “Flexible-learning "
        "models for out-of-school children” (R043). Household poverty / low income (C01) is a cause of "
        "Out-of-school children and youth, and “Child Support Grant recipients” (D24), held by Department "
        "of Children and Youth, addresses it. Traisikkha Foundation does not hold or use it yet.")
    assert row["reason_th"].startswith(
        "มูลนิธิไตรสิกขา ทำงานในประเด็น “เด็กและเยาวชนนอกระบบการศึกษา” (I01) โดยใช้ "
        "“รูปแบบการจัดการศึกษาที่ยืดหยุ่นสำหรับเด็กนอกระบบ” (R043) "
        "ส่วน “ความยากจน/ครัวเรือนรายได้น้อย” (C01) "
        "เป็นสาเหตุหนึ่งของประเด็นนี้")
    assert row["kind"] == "dataset" and row["dimension"] == "data"
    assert "would add the data dimension" in row["reason"]  # Traisikkha holds no data asset


def test_suggestions_are_never_already_held_or_used(demo, everything):
    B = holdings(demo)
    agency = {entity_id(n): n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    for r in section(everything, "suggestion"):
        assert r["asset_id"] not in {entity_id(x) for x in B[agency[r["agency_id"]]]}
        assert r["agency_id"] not in r["holder_ids"] and r["holder_ids"]
        assert r["score"] > 0 and r["issue_id"] in r["issue_ids"]


def test_limits(demo):
    rows = opportunities(demo)  # default limit=20, per_agency=3
    assert len(section(rows, "pair")) == 20 and len(section(rows, "suggestion")) == 20
    per_agency = {}
    for r in section(opportunities(demo, limit=None, per_agency=2), "suggestion"):
        per_agency[r["agency_id"]] = per_agency.get(r["agency_id"], 0) + 1
    assert max(per_agency.values()) == 2
    assert section(rows, "pair")[0]["agency_a_id"] == "ESAO-KK2"


def test_candidate_pairs_is_lazy_and_uses_adamic_adar(demo):
    found = candidate_pairs(demo)
    assert isinstance(found, types.GeneratorType)
    I = interest_graph(demo)
    u, v, score = next(found)
    aa = next(nx.adamic_adar_index(I, [(u, v)]))[2]
    assert aa > 0 and score >= aa
    assert (score - aa) / COMPLEMENT_WEIGHT == pytest.approx(round((score - aa) / COMPLEMENT_WEIGHT))


def test_candidate_pairs_rejects_unknown_nodes_up_front(demo):
    eef = ID + "agency/EEF"
    with pytest.raises(NotFound, match="not an agency"):
        candidate_pairs(demo, [(eef, ID + "agency/NOPE")])
    with pytest.raises(NotFound):
        candidate_pairs(demo, [(eef, ID + "issue/I01")])  # an issue is not an agency


def test_resource_suggestions_generator(demo):
    found = resource_suggestions(demo)
    assert isinstance(found, types.GeneratorType)
    agency, asset, score = next(found)
    assert agency.startswith(ID + "agency/") and score > 0


def test_rows_are_stable_plain_and_bilingual(demo, everything):
    json.dumps(everything, ensure_ascii=False)
    for name in ("pair", "suggestion"):
        keys = {tuple(r) for r in section(everything, name)}
        assert len(keys) == 1 and next(iter(keys))[0] == "section", name
    assert all(r["reason"] and is_thai(r["reason_th"]) for r in everything)
    th = opportunities(demo, lang="th", limit=3)
    assert th[0]["agency_b"] == "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น"
    assert opportunities(demo, limit=None, per_agency=None) == everything  # deterministic


def test_does_not_modify_the_graph(demo):
    before = copy.deepcopy(demo)
    opportunities(demo)
    list(candidate_pairs(demo))
    assert nx.utils.graphs_equal(before, demo)


# --- tiny hand-built graphs -------------------------------------------------------------


def tiny() -> nx.MultiDiGraph:
    """A and B address I1 (A through its cause C1), C addresses I1 too but shares R3 with A."""
    G = nx.MultiDiGraph()
    for a in "ABC":
        G.add_node(ID + "agency/" + a, kind="agency", label_en=f"Agency {a}", label_th=f"หน่วยงาน {a}")
    for i in ("I1", "C1"):
        G.add_node(ID + "issue/" + i, kind="issue", notation=i, label_en=f"Issue {i}",
                   label_th=f"ประเด็น {i}")
    G.add_edge(ID + "issue/C1", ID + "issue/I1", relation="causes")
    for r, dim, holder, target in (("R1", "data", "A", "C1"), ("R2", "policy", "B", "I1"),
                                   ("R3", "knowledge", "C", "I1")):
        G.add_node(ID + "resource/" + r, kind="resource", dimension=dim, label_en=f"Res {r}",
                   label_th=f"ทรัพยากร {r}")
        G.add_edge(ID + "resource/" + r, ID + "agency/" + holder, relation="held_by")
        G.add_edge(ID + "resource/" + r, ID + "issue/" + target, relation="addresses")
    G.add_edge(ID + "resource/R3", ID + "agency/A", relation="shared_with")
    return G


def test_tiny_graph_pairs():
    rows = opportunities(tiny(), limit=None, per_agency=None)
    pairs = {(r["agency_a_id"], r["agency_b_id"]): r for r in section(rows, "pair")}
    # all three work on I1 (degree 3 in the interest graph); A and C share R3, so only A-B and B-C
    assert list(pairs) == [("A", "B"), ("B", "C")]
    for row in pairs.values():  # each holds one dimension the other lacks, both ways: 2 dimensions
        assert row["score"] == pytest.approx(1 / log(3) + COMPLEMENT_WEIGHT * 2, abs=1e-4)
    assert pairs[("A", "B")]["path_ids"] == "A → R3 → I1 ← R2 ← B"
    # A-C is scored when asked for, though it is no candidate
    ((u, v, score),) = candidate_pairs(tiny(), [(ID + "agency/A", ID + "agency/C")])
    assert score == pytest.approx(1 / log(3) + COMPLEMENT_WEIGHT * 2, abs=1e-4)


def test_tiny_graph_suggestions():
    rows = section(opportunities(tiny(), limit=None, per_agency=None), "suggestion")
    found = {(r["agency_id"], r["asset_id"]): r for r in rows}
    # B works on I1 (R2); C1 causes I1 and R1 (held by A) addresses C1
    via = found[("B", "R1")]
    assert via["cause_id"] == "C1" and via["path_ids"] == "B → R2 → I1 ← C1 ← R1"
    assert via["score"] == 0.5 + 0.5  # through a cause, and a dimension (data) B does not hold
    # A already uses R3 (shared): never suggested to A
    assert ("A", "R3") not in found


def test_pairs_with_only_a_target_group_in_common():
    G = nx.MultiDiGraph()
    for a in "AB":
        G.add_node(ID + "agency/" + a, kind="agency")
        G.add_node(ID + "resource/R" + a, kind="resource", dimension="data", target_groups=["youth"])
        G.add_edge(ID + "resource/R" + a, ID + "agency/" + a, relation="held_by")
    (row,) = opportunities(G)
    assert row["issue_id"] is None and row["path_ids"] is None and row["path"] is None
    assert row["common_target_group_ids"] == ["youth"] and "Youth (15–24)" in row["reason"]


def test_empty_graph_and_graph_without_agencies():
    assert opportunities(nx.MultiDiGraph()) == []
    assert list(candidate_pairs(nx.MultiDiGraph())) == []
    G = tiny()
    G.remove_nodes_from([n for n, k in G.nodes(data="kind") if k == "agency"])
    assert opportunities(G) == []


# --- the numpy path gives the reference answer -------------------------------------------


@pytest.mark.parametrize("kw", [{}, {"limit": None, "per_agency": None}, {"limit": 3, "per_agency": 1}])
def test_numpy_and_networkx_agree_on_the_demo(demo, kw):
    pytest.importorskip("numpy")
    assert opportunities(demo, method="numpy", **kw) == opportunities(demo, method="networkx", **kw)


def random_network(seed: int, agencies: int = 60, assets: int = 300, issues: int = 25) -> nx.MultiDiGraph:
    """A seeded random network with the attributes read_network gives (for method comparisons)."""
    import random

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    area = [ID + f"area/40{d:02d}" for d in range(1, 11)]
    for a in area:
        G.add_node(a, kind="area", notation=a.rsplit("/", 1)[1])
    issue = [ID + f"issue/I{i:02d}" for i in range(issues)]
    for i in issue:
        G.add_node(i, kind="issue", notation=i.rsplit("/", 1)[1])
    for _ in range(issues * 2):
        c, e = rng.sample(issue, 2)
        G.add_edge(c, e, key="causes", relation="causes")
    agency = [ID + f"agency/A{a:03d}" for a in range(agencies)]
    G.add_nodes_from(agency, kind="agency")
    groups = ["youth", "school-age", "early-childhood", "teachers"]
    for k in range(assets):
        x = ID + f"resource/R{k:04d}"
        dimension = rng.choice(["data", "operations", "knowledge", "policy", None])
        G.add_node(x, kind="resource", dimension=dimension,
                   target_groups=rng.sample(groups, rng.randint(0, 2)))
        G.add_edge(x, rng.choice(agency), key="held_by", relation="held_by")
        for u in rng.sample(agency, rng.randint(0, 3)):
            G.add_edge(x, u, key="shared_with", relation="shared_with")
        for i in rng.sample(issue, rng.randint(1, 3)):
            G.add_edge(x, i, key="addresses", relation="addresses")
        for a in rng.sample(area, rng.randint(0, 2)):
            G.add_edge(x, a, key="covers_area", relation="covers_area")
    return G


@pytest.mark.parametrize("seed", [1, 2])
def test_numpy_and_networkx_agree_on_random_networks(seed):
    pytest.importorskip("numpy")
    G = random_network(seed)
    for kw in ({"limit": 40, "per_agency": 2}, {"limit": 5, "per_agency": None}):
        assert opportunities(G, method="numpy", **kw) == opportunities(G, method="networkx", **kw)


def test_unknown_method():
    with pytest.raises(ValueError, match="method"):
        opportunities(nx.MultiDiGraph(), method="fast")


# --- shared issues are addressed directly; causal reach is reported apart ------------------------


def _direct_issues(G, agency):
    used = {s for s, o, r in G.in_edges(agency, data="relation") if r in ("held_by", "shared_with")}
    return {entity_id(o) for x in used for _, o, r in G.out_edges(x, data="relation") if r == "addresses"}


def test_common_issues_are_those_both_address_directly(demo, everything):
    agency = {entity_id(n): n for n, k in demo.nodes(data="kind") if k == "agency"}
    for r in section(everything, "pair"):
        both = _direct_issues(demo, agency[r["agency_a_id"]]) & _direct_issues(demo, agency[r["agency_b_id"]])
        assert set(r["common_issue_ids"]) == both
        assert not set(r["common_reach_ids"]) & both


def test_two_causes_of_one_issue_are_a_reach_not_a_shared_issue():
    G = nx.MultiDiGraph()
    G.add_node(ID + "area/4001", kind="area", notation="4001", label_en="Mueang", label_th="เมือง")
    for i in ("I1", "C1", "C2"):
        G.add_node(ID + "issue/" + i, kind="issue", notation=i, label_en=f"Issue {i}", label_th=f"ประเด็น {i}")
    G.add_edge(ID + "issue/C1", ID + "issue/I1", relation="causes")
    G.add_edge(ID + "issue/C2", ID + "issue/I1", relation="causes")
    for a, r, cause in (("P", "R1", "C1"), ("Q", "R2", "C2")):
        G.add_node(ID + "agency/" + a, kind="agency", label_en=f"Agency {a}", label_th=f"หน่วยงาน {a}")
        G.add_node(ID + "resource/" + r, kind="resource", dimension="data", label_en=f"Res {r}")
        G.add_edge(ID + "resource/" + r, ID + "agency/" + a, relation="held_by")
        G.add_edge(ID + "resource/" + r, ID + "issue/" + cause, relation="addresses")
        G.add_edge(ID + "resource/" + r, ID + "area/4001", relation="covers_area")
    (row,) = section(opportunities(G), "pair")
    assert row["common_issue_ids"] == [] and row["issue_id"] is None
    assert row["common_reach_ids"] == ["I1"] and row["common_district_ids"] == ["4001"]
    assert row["reason"] == ("Agency P and Agency Q do not hold or use any asset together yet, but they have "
                             "interests in common. Through causes, the issues they address lead to 1 issue "
                             "in common (Issue I1 (I1)). Both cover Mueang.")
    assert "I1" in row["reason_th"] and is_thai(row["reason_th"])


def test_paths_and_sentences_in_thai_name_what_they_list(demo):
    """Thai readers got ``(C03, C07, I04, ...)`` and a path of bare ids; they now get names."""
    rows = opportunities(demo, lang="th", limit=None, per_agency=None)
    pair = next(r for r in section(rows, "pair") if (r["agency_a_id"], r["agency_b_id"]) == ("ESAO-KK3", "KKU"))
    assert pair["path"] == ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 3 → เครือข่ายโรงเรียนขยายโอกาสทางการศึกษา"
                            " → การคมนาคมไม่สะดวก/พื้นที่ห่างไกล ← แพลตฟอร์มข้อมูลเมืองอัจฉริยะขอนแก่น ← มหาวิทยาลัยขอนแก่น")
    more = [r for r in section(rows, "pair") if "นอกจากนี้ยังแก้ไขประเด็นเดียวกันโดยตรงอีก" in r["reason_th"]]
    assert more
    for row in more:
        listed = row["reason_th"].split("นอกจากนี้ยังแก้ไขประเด็นเดียวกันโดยตรงอีก", 1)[1]
        named = listed.split("(", 1)[1]
        assert is_thai(named.split(" (")[0]), listed
