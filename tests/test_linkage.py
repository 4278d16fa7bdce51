"""linkage: joins, roll-ups, groups, isolated datasets, personal keys (demo/khonkaen/datasets.csv)."""
from __future__ import annotations

import copy
import json

import networkx as nx
import pytest

from abegraph.network.linkage import is_personal_key, linkage
from abegraph.thai.text import is_thai

from helpers import ask, section

ID = "https://w3id.org/abegraph/id/"
KEY = "https://w3id.org/abegraph/vocab/link-key/"




@pytest.fixture(scope="module")
def rows(demo):
    return linkage(demo)


def join(rows, key, a, b):
    return next(r for r in section(rows, "join")
                if (r["key_id"], r["dataset_a_id"], r["dataset_b_id"]) == (key, a, b))


def test_joins_agree_with_the_saved_question(rows, demo_store):
    mine = {(r["key"], frozenset((r["dataset_a"], r["dataset_b"])), "yes" if r["personal"] else "no")
            for r in section(rows, "join")}
    saved = {(r["key"], frozenset((r["dataset1"], r["dataset2"])), r["personal"])
             for r in ask(demo_store, "joinable-datasets")}
    assert mine == saved


def test_cct_screening_and_child_support_grant_join_on_citizen_id(rows):
    # datasets.csv: D06 (EEF, citizen_id;school_code, person, yes) and D24 (DCY, citizen_id, person, yes)
    row = join(rows, "citizen_id", "D06", "D24")
    assert row["dataset_a"] == "CCT poverty screening (PMT)"
    assert row["dataset_b"] == "Child Support Grant recipients"
    assert row["join_level"] == "person" and row["rollup_ids"] == []
    assert row["personal"] and row["personal_key"]
    assert "Personal Data Protection Act B.E. 2562" in row["reason"]
    assert "Citizen ID" in row["reason"]
    assert "พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562" in row["reason_th"]
    assert "เลขประจำตัวประชาชน" in row["reason_th"]
    # the only key they share: school_code is on D06 only
    shared = [r["key_id"] for r in section(rows, "join")
              if {r["dataset_a_id"], r["dataset_b_id"]} == {"D06", "D24"}]
    assert shared == ["citizen_id"]


def test_g_code_join_is_flagged_sensitive(rows):
    row = join(rows, "g_code", "D01", "D11")
    assert row["personal_key"] and "section 26" in row["reason"] and "มาตรา 26" in row["reason_th"]


def test_person_level_roll_up_to_subdistrict(rows):
    # D09 out-of-school children (person, citizen_id;area_code) and D12 population per subdistrict
    row = join(rows, "area_code", "D09", "D12")
    assert (row["granularity_a"], row["granularity_b"]) == ("person", "subdistrict")
    assert (row["join_level"], row["rollup_ids"], row["rollup_to"]) == ("subdistrict", ["D09"], "subdistrict")
    assert ("Aggregate Out-of-school children aged 3–18 (D09, person) to subdistrict on the first 6 digits"
            in row["reason"])
    assert "รวมยอด" in row["reason_th"] and "ระดับตำบล" in row["reason_th"]
    # aggregating person records still processes personal data (as the saved question says)
    assert row["personal"] and not row["personal_key"]


def test_area_level_roll_ups_and_direct_joins(rows):
    up = join(rows, "area_code", "D12", "D18")  # subdistrict -> district
    assert (up["join_level"], up["rollup_ids"], up["rollup_to"]) == ("district", ["D12"], "district")
    assert "first 4 digits" in up["reason"] and not up["personal"]
    both = join(rows, "area_code", "D02", "D29")  # two school-level datasets: both to subdistrict
    assert both["rollup_ids"] == ["D02", "D29"] and both["join_level"] == "subdistrict"
    same = join(rows, "area_code", "D05", "D13")  # two province-level datasets
    assert (same["join_level"], same["rollup_ids"], same["rollup_to"]) == ("province", [], None)
    school = join(rows, "school_code", "D02", "D29")
    assert school["join_level"] == "school" and not school["personal"]


def test_groups_and_isolated_datasets(rows):
    isolated = {r["dataset_id"]: r for r in section(rows, "isolated")}
    assert set(isolated) == {"D30", "D34", "D35"}  # datasets.csv: empty link_keys
    assert "no link key" in isolated["D30"]["reason"]
    (everything,) = [r for r in section(rows, "group") if r["scope"] == "all_keys"]
    assert everything["size"] == 32 and everything["personal"]
    (open_keys,) = [r for r in section(rows, "group") if r["scope"] == "non_personal_keys"]
    assert open_keys["key_ids"] == ["area_code", "school_code"]
    # D24 carries citizen_id only: it can be reached only through a personal key
    assert "D24" in everything["dataset_ids"] and "D24" not in open_keys["dataset_ids"]


def test_personal_keys(rows):
    keys = {r["key_id"]: r for r in section(rows, "personal_key")}
    assert list(keys) == ["citizen_id", "g_code", "household_id"]
    assert keys["household_id"]["dataset_ids"] == ["D22", "D23", "D27"] and keys["household_id"]["joins"] == 3
    n = len(keys["citizen_id"]["dataset_ids"])
    assert n == 12 and keys["citizen_id"]["joins"] == n * (n - 1) // 2


def test_rows_are_stable_plain_and_bilingual(demo, rows):
    json.dumps(rows, ensure_ascii=False)
    assert list(dict.fromkeys(r["section"] for r in rows)) == ["join", "group", "isolated", "personal_key"]
    for name in ("join", "group", "isolated", "personal_key"):
        keys = {tuple(r) for r in section(rows, name)}
        assert len(keys) == 1 and next(iter(keys))[0] == "section", name
    assert all(r["reason"] and is_thai(r["reason_th"]) for r in rows)
    th = linkage(demo, lang="th")
    assert join(th, "citizen_id", "D06", "D24")["key"] == "เลขประจำตัวประชาชน 13 หลัก"
    assert linkage(demo) == rows


def test_does_not_modify_the_graph(demo):
    before = copy.deepcopy(demo)
    linkage(demo)
    assert nx.utils.graphs_equal(before, demo)


# --- tiny hand-built graphs -------------------------------------------------------------


def datasets(*specs) -> nx.MultiDiGraph:
    """specs: (id, granularity, personal_data, [keys])."""
    G = nx.MultiDiGraph()
    for did, granularity, personal, keys in specs:
        G.add_node(ID + "dataset/" + did, kind="dataset", dimension="data", granularity=granularity,
                   personal_data=personal, label_en=did)
        for k in keys:
            G.add_node(KEY + k, kind="link-key", notation=k, label_en=k)
            G.add_edge(ID + "dataset/" + did, KEY + k, relation="link_key")
    return G


def test_personal_flag_read_from_the_graph():
    G = datasets(("A", "person", False, ["pupil_no", "citizen_id"]),
                 ("B", "person", False, ["pupil_no", "citizen_id"]))
    G.nodes[KEY + "pupil_no"]["personal_key"] = True
    G.nodes[KEY + "citizen_id"]["personal_key"] = False  # the graph says so: believe it
    assert is_personal_key(G, KEY + "pupil_no") and not is_personal_key(G, KEY + "citizen_id")
    rows = linkage(G)
    flags = {r["key_id"]: r["personal"] for r in section(rows, "join")}
    assert flags == {"citizen_id": False, "pupil_no": True}
    assert [r["key_id"] for r in section(rows, "personal_key")] == ["pupil_no"]
    groups = [r["dataset_ids"] for r in section(rows, "group") if r["scope"] == "non_personal_keys"]
    assert groups == [["A", "B"]]


def test_default_personal_keys_without_the_flag():
    rows = linkage(datasets(("A", "household", False, ["household_id"]),
                            ("B", "person", False, ["household_id"])))
    (row,) = section(rows, "join")
    assert row["personal"] and row["personal_key"] and row["join_level"] == "household"


def test_unknown_granularity_is_said_not_guessed():
    G = datasets(("A", None, False, ["area_code"]), ("B", "district", False, ["area_code"]))
    (row,) = section(linkage(G), "join")
    assert row["join_level"] is None and row["rollup_ids"] == [] and "Check the granularity" in row["reason"]


def test_isolated_by_a_key_nobody_else_carries():
    rows = linkage(datasets(("A", "school", False, ["school_code"]), ("B", "district", False, ["area_code"])))
    assert section(rows, "join") == [] and section(rows, "group") == []
    assert [(r["dataset_id"], r["key_ids"]) for r in section(rows, "isolated")] == [("A", ["school_code"]),
                                                                                   ("B", ["area_code"])]


def test_datasets_of_different_provinces_are_not_paired():
    G = datasets(("KK", "person", True, ["citizen_id"]), ("UD", "person", True, ["citizen_id"]),
                 ("NAT", "person", True, ["citizen_id"]))
    for did, code in (("KK", "4001"), ("UD", "41")):  # Khon Kaen district, Udon Thani province
        G.add_node(ID + "area/" + code, kind="area", notation=code)
        G.add_edge(ID + "dataset/" + did, ID + "area/" + code, relation="covers_area")
    pairs = {(r["dataset_a_id"], r["dataset_b_id"]) for r in section(linkage(G), "join")}
    assert pairs == {("KK", "NAT"), ("NAT", "UD")}  # NAT records no area: it goes with both
    every = {(r["dataset_a_id"], r["dataset_b_id"]) for r in section(linkage(G, same_province=False), "join")}
    assert every == pairs | {("KK", "UD")}
    (key,) = section(linkage(G), "personal_key")
    assert key["joins"] == 2


def test_one_province_gives_the_saved_question_pairs_either_way(demo, rows):
    assert linkage(demo, same_province=False) == rows


def test_empty_graph_and_graph_without_agencies():
    assert linkage(nx.MultiDiGraph()) == []
    rows = linkage(datasets(("A", "province", False, [])))  # no agency, no key
    assert [r["section"] for r in rows] == ["isolated"]
