"""causes: roots, leverage, vicious circles, chains, roots versus symptoms (demo/khonkaen/causes.csv)."""
from __future__ import annotations

import copy
import json
import time

import networkx as nx
import pytest

from abegraph.network.causes import causes, root_units, vicious_circles
from abegraph.thai.text import is_thai

from helpers import ask, section

ID = "https://w3id.org/abegraph/id/"




@pytest.fixture(scope="module")
def rows(demo):
    return causes(demo)


def test_the_two_illustrative_vicious_circles(rows):
    # causes.csv: "illustrative: low education keeps households poor" (I02 -> C01) and
    # "today's out-of-school youth are tomorrow's low-educated parents" (I01 -> C15)
    cycles = {r["cycle_id"]: r for r in section(rows, "cycle")}
    assert "C01 → I02 → C01" in cycles
    assert "C15 → I14 → I01 → C15" in cycles
    assert cycles["C15 → I14 → I01 → C15"]["member_ids"] == ["C15", "I14", "I01"]
    assert cycles["C01 → I02 → C01"]["cycle"] == (
        "Household poverty / low income → School dropout → Household poverty / low income")
    assert "วงจรปัญหา" in cycles["C01 → I02 → C01"]["reason_th"]
    # the other two go through I03 -> I02 and I05 -> I03, also illustrative links
    assert set(cycles) == {"C01 → I02 → C01", "C01 → I03 → I02 → C01", "C15 → I14 → I01 → C15",
                           "C01 → I05 → I03 → I02 → C01"}


def test_roots_and_leverage_agree_with_the_saved_question(rows, demo_store):
    roots = {r["issue_id"]: r for r in section(rows, "root")}
    saved = {r["id"]: r for r in ask(demo_store, "root-causes")}
    assert set(roots) == set(saved)
    for rid, r in roots.items():
        assert r["kind"] == "cause" and r["member_ids"] == [rid]
        assert r["leverage"] == int(saved[rid]["issuesReached"])
        assert r["assets"] == int(saved[rid]["resources"])
    assert roots["C02"]["leverage"] == 14 and roots["C02"]["assets"] == 8
    assert roots["C20"]["reached_ids"] == ["I09"]  # screen time -> developmental delay, nothing further
    assert roots["C11"]["assets"] == 0 and "Nothing addresses this root yet" in roots["C11"]["reason"]
    assert "C01" not in roots  # poverty is on a vicious circle: dropout feeds back into it
    leverages = [r["leverage"] for r in section(rows, "root")]
    assert leverages == sorted(leverages, reverse=True)


def test_poverty_is_an_intermediate_cause_on_a_circle(rows):
    poverty = next(r for r in section(rows, "leverage") if r["issue_id"] == "C01")
    assert poverty["position"] == "intermediate" and poverty["in_cycle"]
    assert poverty["direct_effects"] == 10  # causes.csv: C01 causes I01 I02 I03 I04 I05 I08 I09 I10 I13 I17
    assert poverty["leverage"] == 12  # ... and through I01 -> C15 -> I14 also C15 and I14
    assert poverty["assets"] == 19


def test_shortest_chains(rows):
    paths = {(r["root_id"], r["issue_id"]): r for r in section(rows, "path")}
    assert paths[("C02", "I16")]["path_ids"] == ["C02", "I16"]
    chain = paths[("C19", "I02")]
    assert chain["path_ids"] == ["C19", "I05", "I03", "I02"] and chain["length"] == 3
    assert chain["reason"] == (
        "Household dependency burden (C19) leads to School dropout (I02) in 3 steps, "
        "through Extremely poor students (I05) → Children at risk of dropping out (I03).")
    assert "ผ่านห่วงโซ่ 3 ขั้น" in chain["reason_th"]
    # one row per root and node it reaches
    for r in section(rows, "root"):
        assert sum(1 for p in paths if p[0] == r["issue_id"]) == r["leverage"]


def test_assets_at_roots_or_symptoms(rows):
    assets = {r["asset_id"]: r for r in section(rows, "asset")}
    # R010 vulnerable-children register addresses I12; C02; C22, two root causes
    assert assets["R010"]["position"] == "root" and assets["R010"]["root_ids"] == ["C02", "C22"]
    # D28 O-NET results address only I17 foundational skills, which causes nothing
    assert assets["D28"]["position"] == "symptom" and not assets["D28"]["root_ids"]
    # R003 DMC records address I02; I03; I06: dropout is on the poverty circle
    assert assets["R003"]["position"] == "intermediate" and assets["R003"]["breaks_cycle"]
    assert "none of the things it addresses is a root cause" in assets["R003"]["reason"].lower()
    # I06 disability is in no causal link
    only_i06 = [r for r in assets.values() if r["addressed_ids"] == ["I06"]]
    assert only_i06 and all(r["position"] == "unlinked" for r in only_i06)


def test_is_each_issue_addressed_at_its_roots(rows):
    issues = {r["issue_id"]: r for r in section(rows, "issue")}
    assert issues["I16"]["root_ids"] == ["C02", "C18"] and issues["I16"]["at_root"]
    assert issues["I16"]["assets"] == 0
    assert "C11" in issues["I01"]["root_ids"] and "C11" not in issues["I01"]["addressed_root_ids"]
    assert "I15" not in issues  # substance use: no causal link at all


def test_rows_are_stable_plain_and_bilingual(demo, rows):
    json.dumps(rows, ensure_ascii=False)
    assert list(dict.fromkeys(r["section"] for r in rows)) == [
        "root", "leverage", "cycle", "path", "asset", "issue"]
    for name in ("root", "leverage", "cycle", "path", "asset", "issue"):
        keys = {tuple(r) for r in section(rows, name)}
        assert len(keys) == 1 and next(iter(keys))[0] == "section", name
    assert all(r["reason"] and is_thai(r["reason_th"]) for r in rows)
    th = causes(demo, lang="th")
    assert next(r for r in th if r["section"] == "root")["issue"] == "ปัญหาครอบครัว/ความจำเป็นทางครอบครัว"
    assert causes(demo) == rows  # deterministic


def test_does_not_modify_the_graph(demo):
    before = copy.deepcopy(demo)
    causes(demo)
    assert nx.utils.graphs_equal(before, demo)


# --- tiny hand-built graphs -------------------------------------------------------------


def causal(edges, assets=()) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for s, o in edges:
        for n in (s, o):
            G.add_node(ID + "issue/" + n, kind="issue", notation=n, label_en=n)
        G.add_edge(ID + "issue/" + s, ID + "issue/" + o, relation="causes")
    for asset, target in assets:
        G.add_node(ID + "resource/" + asset, kind="resource", dimension="data")
        G.add_node(ID + "issue/" + target, kind="issue", notation=target)
        G.add_edge(ID + "resource/" + asset, ID + "issue/" + target, relation="addresses")
    return G


def test_a_causal_graph_that_is_all_cycles():
    rows = causes(causal([("A", "B"), ("B", "C"), ("C", "A")], assets=[("R1", "B")]))
    (root,) = section(rows, "root")
    assert root["kind"] == "vicious_circle" and root["member_ids"] == ["A", "B", "C"]
    assert root["leverage"] == 0 and root["asset_ids"] == ["R1"]
    assert [r["cycle_id"] for r in section(rows, "cycle")] == ["A → B → C → A"]
    assert section(rows, "path") == []
    assert section(rows, "asset")[0]["position"] == "root"
    assert all(r["at_root"] for r in section(rows, "issue"))


def test_a_root_circle_feeding_an_issue():
    rows = causes(causal([("A", "B"), ("B", "A"), ("B", "X")]))
    (root,) = section(rows, "root")
    assert root["kind"] == "vicious_circle" and root["reached_ids"] == ["X"]
    assert [(r["root_id"], r["path_ids"]) for r in section(rows, "path")] == [("B", ["B", "X"])]
    x = next(r for r in section(rows, "issue") if r["issue_id"] == "X")
    assert x["root_ids"] == ["A", "B"] and not x["at_root"]


def test_root_units():
    C = nx.DiGraph([("a", "b"), ("c", "d"), ("d", "c"), ("e", "c")])
    assert root_units(C) == [("a",), ("e",)]


def test_cycles_stay_bounded_on_a_dense_graph():
    G = causal([(f"N{i}", f"N{j}") for i in range(12) for j in range(12) if i != j])
    start = time.perf_counter()
    rows = causes(G, max_cycles=50)
    assert time.perf_counter() - start < 10
    assert len(section(rows, "cycle")) == 50
    short = causes(G, max_cycle_length=2, max_cycles=None)
    assert {r["length"] for r in section(short, "cycle")} == {2} and len(section(short, "cycle")) == 66


def test_bounded_cycles_follow_id_order_not_insertion_order():
    edges = [("B", "A"), ("A", "B"), ("C", "A"), ("A", "C")]
    assert vicious_circles(nx.DiGraph(edges)) == [["A", "B"], ["A", "C"]]
    one = causes(causal(edges), max_cycles=1)
    other = causes(causal(list(reversed(edges))), max_cycles=1)
    assert section(one, "cycle") == section(other, "cycle")


def test_empty_graph_and_graph_without_agencies():
    assert causes(nx.MultiDiGraph()) == []
    G = nx.MultiDiGraph()
    G.add_node(ID + "issue/I1", kind="issue", notation="I1")
    G.add_node(ID + "resource/R1", kind="resource", dimension="policy")
    G.add_edge(ID + "resource/R1", ID + "issue/I1", relation="addresses")
    rows = causes(G)
    assert [(r["section"], r["position"]) for r in rows] == [("asset", "unlinked")]


# --- polarity: reinforcing and balancing loops (tests/data/loops, tests/data/loops-bad) --------


@pytest.fixture(scope="module")
def loops_store(data_dir):
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    store = Store.open(None)
    report = load_files(store, [data_dir / "loops"], names=["loops"])
    assert report.ok, [p.describe() for p in report.errors]
    return store


@pytest.fixture(scope="module")
def loops(loops_store):
    from abegraph.network.projections import read_network

    return {r["loop"]: r for r in section(causes(read_network(loops_store)), "cycle")}


def test_loops_are_reinforcing_or_balancing_and_named(loops):
    # causes.csv: attention to dropout lowers dropout (-), dropout raises attention (+): one "-"
    assert loops["B1"]["cycle_id"] == "A1 → D1 → A1" and loops["B1"]["loop_type"] == "balancing"
    assert loops["B1"]["polarities"] == ["-", "+"] and loops["B1"]["negative_links"] == 1
    # dropout lowers learning (ลด), learning lowers dropout (ลด): two "-" reinforce
    assert loops["R1"]["cycle_id"] == "D1 → L1 → D1" and loops["R1"]["loop_type"] == "reinforcing"
    # poverty -> dropout has evidence and no polarity (+); dropout -> poverty says เพิ่ม
    assert loops["R2"]["cycle_id"] == "D1 → P1 → D1" and loops["R2"]["polarities"] == ["+", "+"]
    # poverty -> learning is written with the Unicode minus sign
    assert loops["R3"]["polarities"] == ["+", "-", "-"]
    assert sorted(loops) == ["B1", "R1", "R2", "R3"]
    assert loops["R2"]["loop_name"] == "R2: School dropout → Household poverty → School dropout"
    assert loops["B1"]["reason"].startswith(
        "A balancing loop (B1): Community attention to dropout (A1) → School dropout (D1) → "
        "Community attention to dropout (A1). With 1 negative link, a change in any member comes back "
        "against itself")
    assert loops["R1"]["reason"].startswith("A reinforcing loop (R1), a vicious circle: School dropout (D1)")
    assert "วงจรสมดุล (B1)" in loops["B1"]["reason_th"] and "วงจรเสริมแรง (R1)" in loops["R1"]["reason_th"]


def test_assets_act_on_the_links_whose_cause_they_address(loops):
    # R1 scholarships address poverty P1, R3 tutoring learning L1, R2 volunteers attention A1
    assert loops["R3"]["link_assets"] == {"D1 → P1": [], "P1 → L1": ["R1"], "L1 → D1": ["R3"]}
    assert loops["B1"]["link_assets"] == {"A1 → D1": ["R2"], "D1 → A1": []}
    # the sentence names the assets and the link's members (it gave bare ids: "R1 on P1 → L1")
    assert loops["R3"]["reason"].endswith("Acting on its links: Equity scholarships (R1) on Household "
                                          "poverty → Learning achievement; After-school tutoring (R3) on "
                                          "Learning achievement → School dropout.")
    assert "ที่ P1 → L1" not in loops["R3"]["reason_th"]


def test_polarity_is_carried_into_rdf_beside_the_plain_link(loops_store):
    from rdflib import URIRef
    from abegraph.ontology.namespace import ABE, concept

    issue = lambda i: URIRef(ID + "issue/" + i)  # noqa: E731
    plain = {(str(s), str(o)) for s, o in loops_store.select(
        "SELECT ?s ?o WHERE { ?s <https://w3id.org/abegraph/ns#causes> ?o }")}
    assert (str(issue("A1")), str(issue("D1"))) in plain and len(plain) == 7
    rows = loops_store.select(f"""SELECT ?c ?e ?p WHERE {{ ?l a <{ABE.CausalLink}> ; <{ABE.cause}> ?c ;
                                   <{ABE.effect}> ?e ; <{ABE.polarity}> ?p }}""")
    found = {(str(c).rsplit("/", 1)[-1], str(e).rsplit("/", 1)[-1]): str(p) for c, e, p in rows}
    assert found[("A1", "D1")] == str(concept("polarity", "negative"))
    assert found[("D1", "P1")] == str(concept("polarity", "positive"))
    assert ("P1", "D1") not in found  # evidence but no polarity: the link carries no polarity


def test_the_projection_marks_negative_links(loops_store):
    from abegraph.network.projections import causal_graph, read_network

    C = causal_graph(read_network(loops_store))
    signs = {(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]): p for u, v, p in C.edges(data="polarity")}
    assert signs == {("P1", "D1"): "+", ("D1", "P1"): "+", ("D1", "A1"): "+", ("A1", "D1"): "-",
                     ("D1", "L1"): "-", ("L1", "D1"): "-", ("P1", "L1"): "-"}


def test_bad_polarity_is_refused_with_its_place_and_the_accepted_words(data_dir):
    from abegraph.loaders.pipeline import validate_files

    report = validate_files([data_dir / "loops-bad"])
    found = [(p.code, p.row, p.column, p.letter, p.value) for p in report.errors]
    assert found == [("bad_polarity", 2, "polarity", "D", "up"), ("bad_polarity", 3, "polarity", "D", "มาก"),
                     ("conflicting_polarity", 5, "polarity", "D", "+")]
    first = report.errors[0]
    assert first.describe() == (
        "loops-bad/causes.csv, sheet causes, row 2, column polarity (D): 'up' is not a polarity. "
        "Fix: write + (more of the cause gives more of the effect) or - (more of the cause gives less of it); "
        "เพิ่ม and ลด work too, and an empty cell means +.")
    assert "ใส่ เพิ่ม (+)" in first.describe("th") and "ลด (-)" in first.describe("th")
    assert "row 4" in report.errors[2].message("en")


def test_a_workbook_without_polarity_loads_exactly_as_before(tmp_path):
    """The demo has no polarity column: adding an empty one changes no triple, and no causal
    link gains a polarity (links exist only where evidence is given, as before)."""
    import csv
    import shutil

    from abegraph.demo import DEMO_CSV
    from abegraph.graph.terms import triples_from_quads
    from abegraph.loaders.convert import convert_sources
    from abegraph.loaders.sources import read_source
    from abegraph.ontology.namespace import ABE

    folder = tmp_path / "khonkaen"
    shutil.copytree(DEMO_CSV, folder)
    path = folder / "causes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert "polarity" not in rows[0]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*rows[0], "polarity"])
        writer.writeheader()
        writer.writerows({**r, "polarity": ""} for r in rows)
    before = convert_sources([read_source(DEMO_CSV, "kk")])
    after = convert_sources([read_source(folder, "kk")])
    assert set(before.quads["kk"]) == set(after.quads["kk"])
    triples = triples_from_quads(before.quads["kk"])
    assert not [t for t in triples if t[1] == ABE.polarity]
    links = {s for s, p, o in triples if p == ABE.cause}
    assert links == {s for s, p, o in triples if p == ABE.evidence}
    assert sum(1 for t in triples if t[1] == ABE.causes) == len(rows)


def test_the_template_offers_polarity_in_both_languages(tmp_path):
    import openpyxl

    from abegraph.loaders.workbook_writer import write_template

    for lang, heading, words in (("th", "ทิศทาง", ["ลด", "เพิ่ม"]), ("en", "polarity", ["negative", "positive"])):
        path = tmp_path / f"template-{lang}.xlsx"
        write_template(path, lang=lang)
        wb = openpyxl.load_workbook(path)
        sheet = wb["สาเหตุ" if lang == "th" else "causes"]
        assert [c.value for c in sheet[1]][-1] == heading
        lists = wb["lists"]
        column = next(c.column for c in lists[1] if c.value == "polarity")
        assert [lists.cell(row=r, column=column).value for r in (2, 3)] == words


def test_the_issues_map_carries_the_negative_links(loops_store, demo):
    from abegraph.network.projections import read_network
    from abegraph.visualize.payload import map_payload

    P = map_payload(read_network(loops_store), "issues")
    ids, E = P["nodes"]["id"], P["edges"]
    drawn = {(ids[E["a"][i]], ids[E["b"][i]]) for i in E["neg"]}
    # A1 -> D1 and P1 -> L1 are negative one way; D1 <-> L1 is negative both ways, drawn once
    assert drawn == {("A1", "D1"), ("P1", "L1"), ("D1", "L1")}
    assert all(P["relations"][E["r"][i]]["key"] == "causes" for i in E["neg"])
    assert "neg" not in map_payload(demo, "issues")["edges"]  # no polarity column: nothing dashed
