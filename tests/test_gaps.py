"""gaps: what has nothing behind it, checked by hand against demo/khonkaen/*.csv."""
from __future__ import annotations

import copy
import json

import networkx as nx
import pytest

from abegraph.network.gaps import DIMENSIONS, gaps
from abegraph.thai.text import is_thai

from helpers import ask, section

ID = "https://w3id.org/abegraph/id/"




@pytest.fixture(scope="module")
def rows(demo):
    return gaps(demo)


def test_uncovered_issues_agree_with_the_saved_question(rows, demo_store):
    none = {r["id"] for r in section(rows, "uncovered") if r["kind"] == "issue" and r["coverage"] == "none"}
    assert none == {"C11", "C13", "C21", "I15"}
    assert none == {r["id"] for r in ask(demo_store, "issues-without-resources")}


def test_street_children_are_covered_only_through_their_causes(rows):
    # issues.csv I16; causes.csv C02 -> I16 and C18 -> I16; no resource or dataset lists I16
    i16 = next(r for r in section(rows, "uncovered") if r["id"] == "I16")
    assert i16["coverage"] == "through_cause" and i16["via_cause_ids"] == ["C02", "C18"]
    assert "Family problems" in i16["reason"] and "ปัญหาครอบครัว" in i16["reason_th"]
    i15 = next(r for r in section(rows, "issue") if r["issue_id"] == "I15")
    assert (i15["coverage"], i15["assets"], i15["through_causes"]) == ("none", 0, 0)


def test_datasets_count_as_data_resources(rows):
    # I11 stateless children: no resource, only dataset D11 (G-code learners)
    i11 = next(r for r in section(rows, "issue") if r["issue_id"] == "I11")
    assert i11["coverage"] == "direct" and i11["asset_ids"] == ["D11"]
    assert i11["by_dimension"] == {"data": 1, "operations": 0, "knowledge": 0, "policy": 0}
    assert i11["agency_ids"] == ["MOE"]
    one = {r["issue_id"]: r for r in section(rows, "one_dimension")}
    assert one["I11"]["dimension"] == "data"
    assert one["I11"]["dimensions_missing"] == ["operations", "knowledge", "policy"]
    assert "Only Data and information" in one["I11"]["reason"]
    assert "ยังไม่มีทรัพยากรด้านการดำเนินงาน" in one["I11"]["reason_th"]
    assert one["C05"]["dimension"] == "knowledge"  # child work: only Traisikkha/EEF knowledge resources


def test_the_nine_districts_with_nothing_named(rows, demo_store):
    empty = ["4004", "4006", "4011", "4013", "4020", "4023", "4024", "4025", "4029"]
    assert [r["id"] for r in section(rows, "uncovered") if r["kind"] == "district"] == empty
    districts = section(rows, "district")
    assert len(districts) == 26
    assert [r["district_id"] for r in districts if not r["covered"]] == empty
    saved = {r["code"] for r in ask(demo_store, "district-resources") if r["resources"] == "0"}
    assert saved == set(empty)
    # province-wide assets (areas = 40) reach every district but never make it covered
    wide = {r["province_wide"] for r in districts}
    assert len(wide) == 1 and wide.pop() > 0
    nong_ruea = next(r for r in districts if r["district_id"] == "4004")
    assert nong_ruea["district"] == "Nong Ruea" and "หนองเรือ" in nong_ruea["reason_th"]


def test_a_district_row_lists_what_names_it(rows):
    # resources.csv: R040 (ESAO-KK3) covers 4010;4012;4014
    row = next(r for r in section(rows, "district") if r["district_id"] == "4010")
    assert "R040" in row["asset_ids"] and "ESAO-KK3" in row["agency_ids"]


def test_target_groups(rows):
    groups = {r["target_group_id"]: r for r in section(rows, "target_group")}
    assert groups["school-age"]["assets"] == 27  # resources.csv: 27 rows name "school age"
    assert groups["teenage-mothers"]["covered"] is False
    uncovered = {r["id"] for r in section(rows, "uncovered") if r["kind"] == "target_group"}
    assert uncovered == {"parents-and-caregivers", "stateless-children", "teachers", "teenage-mothers",
                         "youth"}


def test_root_cause_flag(rows):
    flags = {r["issue_id"]: r["root_cause"] for r in section(rows, "issue")}
    assert flags["C02"] is True and flags["C01"] is False and flags["I15"] is False


def test_rows_are_stable_plain_and_bilingual(rows):
    json.dumps(rows, ensure_ascii=False)
    assert [s for s in dict.fromkeys(r["section"] for r in rows)] == [
        "issue", "target_group", "district", "uncovered", "one_dimension"]
    for name in ("issue", "target_group", "district", "uncovered", "one_dimension"):
        keys = {tuple(r) for r in section(rows, name)}
        assert len(keys) == 1, name
        assert next(iter(keys))[0] == "section"
    for r in rows:
        assert r["reason"] and is_thai(r["reason_th"])
        if "by_dimension" in r:
            assert list(r["by_dimension"])[:4] == list(DIMENSIONS)


def test_thai_names_and_same_answer(demo, rows):
    th = gaps(demo, lang="th")
    order = [(r["section"], r.get("issue_id")) for r in rows]
    assert [(r["section"], r.get("issue_id")) for r in th] == order
    i16 = next(r for r in th if r["section"] == "issue" and r["issue_id"] == "I16")
    assert i16["issue"] == "เด็กเร่ร่อน/ไม่มีที่อยู่อาศัย"


def test_does_not_modify_the_graph(demo):
    before = copy.deepcopy(demo)
    gaps(demo)
    assert nx.utils.graphs_equal(before, demo)


# --- tiny hand-built graphs -------------------------------------------------------------


def tiny() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(ID + "area/40", kind="area", notation="40", label_en="Province")
    G.add_node(ID + "area/4001", kind="area", notation="4001", label_en="North")
    G.add_node(ID + "area/4002", kind="area", notation="4002", label_en="South")
    G.add_node(ID + "area/400105", kind="area", notation="400105", label_en="A subdistrict")
    G.add_node(ID + "issue/I1", kind="issue", notation="I1", label_en="Dropout", label_th="เด็กออกกลางคัน")
    G.add_node(ID + "issue/C1", kind="issue", notation="C1", label_en="Poverty")
    G.add_node(ID + "agency/A", kind="agency", label_en="Agency A")
    G.add_node(ID + "dataset/D1", kind="dataset", dimension="data")
    G.add_node(ID + "resource/R1", kind="resource", dimension="operations", target_groups=["youth"])
    G.add_edge(ID + "issue/C1", ID + "issue/I1", relation="causes")
    G.add_edge(ID + "resource/R1", ID + "issue/C1", relation="addresses")
    G.add_edge(ID + "resource/R1", ID + "agency/A", relation="held_by")
    G.add_edge(ID + "resource/R1", ID + "area/400105", relation="covers_area")  # subdistrict of 4001
    G.add_edge(ID + "dataset/D1", ID + "area/40", relation="covers_area")  # province-wide
    return G


def test_tiny_graph():
    rows = gaps(tiny(), target_groups=["youth", "teachers"])
    issue = {r["issue_id"]: r for r in section(rows, "issue")}
    assert issue["I1"]["coverage"] == "through_cause" and issue["I1"]["via_cause_ids"] == ["C1"]
    assert issue["C1"]["root_cause"] and issue["C1"]["agency_ids"] == ["A"]
    district = {r["district_id"]: r for r in section(rows, "district")}
    assert district["4001"]["covered"] and district["4001"]["asset_ids"] == ["R1"]
    assert not district["4002"]["covered"] and district["4002"]["province_wide"] == 1
    groups = {r["target_group_id"]: r["covered"] for r in section(rows, "target_group")}
    assert groups == {"teachers": False, "youth": True}
    assert [r["dimension"] for r in section(rows, "one_dimension")] == ["operations"]


def test_subdistrict_found_through_broader_without_a_code():
    G = tiny()
    G.add_node(ID + "area/x", kind="area", notation="", label_en="Village")
    G.add_edge(ID + "area/x", ID + "area/4002", relation="broader")
    G.add_edge(ID + "dataset/D1", ID + "area/x", relation="covers_area")
    district = {r["district_id"]: r for r in section(gaps(G), "district")}
    assert district["4002"]["asset_ids"] == ["D1"]


def test_empty_graph_and_graph_without_agencies():
    assert gaps(nx.MultiDiGraph()) == []
    G = nx.MultiDiGraph()
    G.add_node(ID + "issue/I1", kind="issue", notation="I1")
    rows = gaps(G, target_groups=[])
    assert [(r["section"], r.get("id")) for r in rows] == [("issue", None), ("uncovered", "I1")]


# --- every district of the province, from the gazetteer ------------------------------------------


def test_every_district_of_the_province_is_listed_those_with_nothing_first(data_dir):
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files
    from abegraph.network.projections import read_network
    from abegraph.thai.gazetteer import districts_of

    store = Store.open(None)
    assert load_files(store, [data_dir / "table3-utf8"]).ok  # rows name only 40, 4001 and 4005
    rows = gaps(read_network(store))
    districts = section(rows, "district")
    assert sorted(r["district_id"] for r in districts) == [d.code for d in districts_of("40")]
    assert len(districts) == 26
    assert [r["district_id"] for r in districts][-2:] == ["4001", "4005"]      # the covered ones last
    assert all(not r["covered"] for r in districts[:-2])
    ban_fang = districts[0]
    assert (ban_fang["district_id"], ban_fang["district"], ban_fang["province_wide"]) == ("4002", "Ban Fang", 3)
    assert ban_fang["reason"] == ("No resource or dataset names Ban Fang or one of its subdistricts; "
                                  "only 3 province-wide assets reach it.")
    assert gaps(read_network(store), lang="th")[len(section(rows, "issue")) + len(section(rows, "target_group"))][
        "district"] == "บ้านฝาง"
    uncovered = [r["id"] for r in section(rows, "uncovered") if r["kind"] == "district"]
    assert len(uncovered) == 24 and uncovered[0] == "4002"


def test_a_district_nothing_reaches_says_so():
    G = tiny()
    G.remove_node(ID + "dataset/D1")  # the only province-wide asset
    south = next(r for r in section(gaps(G), "district") if r["district_id"] == "4002")
    assert south["reason"] == "No resource or dataset names South or one of its subdistricts; nothing here yet."
    assert south["reason_th"].endswith("ยังไม่มีสิ่งใดในพื้นที่นี้")
