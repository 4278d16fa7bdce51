"""Linking many sources: three World Café tables of the demo, each typing agencies and datasets
its own way (tests/data/worldcafe, made by build_worldcafe.py), are loaded, linked, reviewed and
applied, and then count each agency once in analyses, maps and saved questions."""
from __future__ import annotations

import json
from itertools import combinations

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.exceptions import LoadError
from abegraph.linking import linkset as linking
from abegraph.network.analyses import run_all
from abegraph.network.projections import agency_network, holdings, read_network
from abegraph.graph.stats import summary
from abegraph.graph.store import Store
from abegraph.linking.review import read_review, write_review
from abegraph.loaders.pipeline import load_files
from helpers import ask

TABLES = ["table1.xlsx", "table2.xlsx", "table3.xlsx"]


@pytest.fixture(scope="module")
def truth(data_dir) -> dict[str, str]:
    """Table id -> the demo entity it stands for."""
    return json.loads((data_dir / "worldcafe" / "truth.json").read_text(encoding="utf-8"))


def _demo_entity(truth, iri: str) -> str | None:
    return truth.get(iri.rsplit("/", 1)[-1])


def _load_tables(path, data_dir, tables=TABLES) -> None:
    with Store.open(path) as store:
        for table in tables:  # one after the other, as the tables come in
            report = load_files(store, [data_dir / "worldcafe" / table])
            assert report.ok, [p.describe() for p in report.errors]


@pytest.fixture(scope="module")
def tables_path(tmp_path_factory, data_dir):
    """A store folder with the three tables loaded and nothing linked (do not modify)."""
    path = tmp_path_factory.mktemp("tables") / "store"
    _load_tables(path, data_dir)
    return path


@pytest.fixture(scope="module")
def proposed(tables_path):
    with Store.open(tables_path) as store:
        return linking.propose(store)


def _true_pairs(truth, records) -> set[tuple[str, str]]:
    by_entity = {}
    for key in records:
        by_entity.setdefault(_demo_entity(truth, key), []).append(key)
    return {tuple(sorted(p)) for entity, keys in by_entity.items() if entity for p in combinations(keys, 2)}


def _closure(pairs) -> dict[str, str]:
    clusters = linking.Clusters()
    for a, b in pairs:
        clusters.join(a, b)
    return {k: clusters.find(k) for k in clusters.parent}


def test_every_proposal_is_a_true_match_and_they_join_every_agency_and_dataset(proposed, truth):
    true = _true_pairs(truth, proposed.records)
    pairs = {(p.a, p.b) for p in proposed.proposals}
    assert pairs and pairs <= true, sorted(pairs - true)[:5]
    # accepting the proposals puts each demo agency's three rows in one group, and each dataset's
    groups = _closure(pairs)
    for kind in ("agency", "dataset"):
        keys = [k for k, r in proposed.records.items() if r.kind == kind]
        assert len(keys) == 99 if kind == "agency" else 105
        by_group = {}
        for k in keys:
            by_group.setdefault(groups.get(k, k), set()).add(_demo_entity(truth, k))
        assert all(len(entities) == 1 for entities in by_group.values())
        assert len(by_group) == len(keys) // 3


def test_abbreviation_and_full_name_are_confident_and_numbered_offices_are_kept_apart(proposed):
    names = proposed.names("th")
    confident = {(names[p.a], names[p.b]) for p in proposed.confident}
    assert ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "สพป.ขอนแก่น เขต 1") in confident
    assert ("กองทุนเพื่อความเสมอภาคทางการศึกษา", "กสศ.") in confident
    for p in proposed.proposals:
        a, b = names[p.a], names[p.b]
        assert not ("เขต 1" in a and "เขต ๒" in b), (a, b)
    reason = next(p for p in proposed.proposals if names[p.b] == "สพป.ขอนแก่น เขต 1")
    assert "same name once written out" in reason.reason_text("en")
    assert "ชื่อเดียวกันเมื่อเขียนเต็ม" in reason.reason_text("th")


def test_review_apply_counts_each_agency_once_everywhere(tmp_path, data_dir, truth, demo_store, demo):
    path = tmp_path / "store"
    _load_tables(path, data_dir)
    review = tmp_path / "review.xlsx"
    runner = CliRunner()
    result = runner.invoke(main, ["--store", str(path), "link", "-o", str(review)])
    assert result.exit_code == 0, result.output
    assert "proposed match(es)" in result.output
    # the coordinator reviews every row: accept the true matches (all of them are)
    wb = openpyxl.load_workbook(review)
    ws = wb["การจับคู่"]
    header = [c.value for c in ws[1]]
    decision, id_a, id_b = header.index("การตัดสินใจ"), header.index("รหัส ก"), header.index("รหัส ข")
    for row in ws.iter_rows(min_row=2):
        same = _demo_entity(truth, row[id_a].value) == _demo_entity(truth, row[id_b].value)
        row[decision].value = "ยอมรับ" if same else "ปฏิเสธ"
    wb.save(review)
    result = runner.invoke(main, ["--store", str(path), "link", "--apply", str(review)])
    assert result.exit_code == 0, result.output
    assert "136 entries now count as another" in result.output  # 2 x 33 agencies + 2 x 35 datasets

    with Store.open(path) as store:
        G = read_network(store)
        agencies = [n for n, k in G.nodes(data="kind") if k == "agency"]
        assert len(agencies) == 33
        A = agency_network(holdings(G))
        D = agency_network(holdings(demo))
        assert sorted(d for _, d in A.degree()) == sorted(d for _, d in D.degree())
        assert sorted(w for *_, w in A.edges(data="weight")) == sorted(w for *_, w in D.edges(data="weight"))
        # the canonical agency keeps the other spellings
        esao = next(n for n in agencies if _demo_entity(truth, n) == "agency/ESAO-KK1")
        assert "สพป.ขอนแก่น เขต 1" in G.nodes[esao]["also_known_as"]
        # analyses: the same sharing pairs and unshared agencies as the demo itself
        rows = run_all(store, None, "en", names=["sharing"])
        demo_rows = run_all(demo_store, None, "en", names=["sharing"])
        assert len(rows) == len(demo_rows)
        # saved questions: one row per agency, and the same holdings as the demo
        assert len(ask(store, "agencies")) == 33
        holds = sorted(int(r["holds"]) for r in ask(store, "agencies"))
        assert holds == sorted(int(r["holds"]) for r in ask(demo_store, "agencies"))
        assert len(ask(store, "agency-pairs")) == len(ask(demo_store, "agency-pairs"))
        assert len(ask(store, "personal-datasets")) == len(ask(demo_store, "personal-datasets"))
        assert len(ask(store, "joinable-datasets")) == len(ask(demo_store, "joinable-datasets"))
        # stats count matched entries once too
        counts = summary(store)
        assert (counts["agencies"], counts["datasets"]) == (33, 35)
        assert counts["by_dimension"] == summary(demo_store)["by_dimension"]
        # nothing is proposed again once decided
        assert linking.propose(store).proposals == []

    # the map counts each agency once
    html = tmp_path / "agencies.html"
    result = runner.invoke(main, ["--store", str(path), "map", "agencies", "-o", str(html)])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(main, ["--store", str(path), "link", "--list"])
    assert "สพป.ขอนแก่น เขต 1" in listing.output or "Primary Educational Service Area Office 1" in listing.output

    # one command undoes every merge
    result = runner.invoke(main, ["--store", str(path), "link", "--remove"])
    assert result.exit_code == 0 and "undone" in result.output
    with Store.open(path) as store:
        G = read_network(store)
        assert sum(1 for _, k in G.nodes(data="kind") if k == "agency") == 99
        assert len(ask(store, "agencies")) == 99
        assert summary(store)["agencies"] == 99


def test_auto_applies_only_confident_matches(tmp_path, data_dir):
    path = tmp_path / "store"
    _load_tables(path, data_dir, TABLES[:2])
    result = CliRunner().invoke(main, ["--store", str(path), "link", "--auto", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    with Store.open(path) as store:
        applied = linking.decisions(store)
        assert applied and all(d.decision == "accept" and d.score >= 0.95 for d in applied.values())
        G = read_network(store)
        assert sum(1 for _, k in G.nodes(data="kind") if k == "agency") == 33


def _review_with(tmp_path, proposed, rows: list[tuple[str, str, str]]):
    """A review workbook from the proposals, with ``rows`` of (decision, id_a, id_b) appended."""
    path = tmp_path / "review.xlsx"
    names = proposed.names("en")
    write_review(path, proposed.proposals[:3], names=names, sources=proposed.sources, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["matches"]
    for r in ws.iter_rows(min_row=2):
        r[0].value = None
    for decision, a, b in rows:
        ws.append([decision, 1.0, "agency", "", "", "", "", "", a, b])
    wb.save(path)
    return path


def _iri(n: int, table: int) -> str:
    return f"https://w3id.org/abegraph/id/agency/T{table}-A{n:02d}"


@pytest.mark.parametrize("rows, code, row", [
    ([("accept", _iri(1, 1), "https://w3id.org/abegraph/id/agency/NOPE")], "link_unknown_id", 5),
    ([("maybe", _iri(1, 1), _iri(1, 2))], "link_bad_decision", 5),
    ([("accept", _iri(1, 1), _iri(1, 2)), ("reject", _iri(1, 2), _iri(1, 1))], "link_contradiction", 6),
    ([("accept", _iri(1, 1), _iri(1, 2)), ("accept", _iri(1, 2), _iri(1, 3)), ("reject", _iri(1, 1), _iri(1, 3))],
     "link_rejected_joined", 7),
    ([("accept", _iri(1, 1), "https://w3id.org/abegraph/id/dataset/T1-D01")], "link_kind_mismatch", 5),
])
def test_a_badly_edited_review_file_is_refused_with_the_row_named(tmp_path, tables_path, proposed, rows, code, row):
    path = _review_with(tmp_path, proposed, rows)
    with Store.open(tables_path) as store:
        known = {r.key: r.kind for r in linking.records(store)[0]}
        with pytest.raises(LoadError) as err:
            read_review(path, known=known)
        problem = next(p for p in err.value.report.errors if p.code == code)
        assert problem.row == row and problem.file == "review.xlsx"
        assert problem.describe("th")  # told in Thai too
        assert linking.same_as(store) == {}


def test_cli_refuses_a_bad_review_file_and_records_nothing(tmp_path, data_dir, proposed):
    path = tmp_path / "store"
    _load_tables(path, data_dir, TABLES[:2])
    review = _review_with(tmp_path, proposed, [("accept", _iri(1, 1), "https://w3id.org/abegraph/id/agency/NOPE")])
    result = CliRunner().invoke(main, ["--store", str(path), "link", "--apply", str(review)])
    assert result.exit_code == 1
    assert "row 5, column id_b" in result.output and "NOPE" in result.output
    assert "No match was recorded" in result.output and "Traceback" not in result.output
    with Store.open(path) as store:
        assert linking.same_as(store) == {}


def test_conflicting_dimensions_and_yes_no_are_named_in_the_chosen_language(tmp_path):
    """Before, ``link propose`` said ``มิติ ต่างกัน: data (khonkaen-demo); policy (round2)`` and
    yes/no in English; now the dimensions' names, as ``diff`` gives them."""
    import shutil

    from abegraph.demo import DEMO_CSV, DEMO_GRAPH, DEMO_XLSX
    from helpers import edit_csv

    folder = tmp_path / "round2"
    shutil.copytree(DEMO_CSV, folder)

    def changed(rows):
        for r in rows:
            if r["id"] == "R002":
                r["dimension"] = "policy"
        return rows

    edit_csv(folder / "resources.csv", changed)
    path = tmp_path / "store"
    with Store.open(path) as store:
        load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH])
        load_files(store, [folder], names=["round2"])
    said = {}
    for lang in ("th", "en"):
        result = CliRunner().invoke(main, ["--store", str(path), "--lang", lang, "link", "propose",
                                           "-o", str(tmp_path / f"{lang}.xlsx")])
        assert result.exit_code == 0, result.output
        said[lang] = result.output
    assert "มิติ ต่างกัน: ข้อมูล (khonkaen-demo); นโยบาย (round2)" in said["th"], said["th"]
    assert "disagree on dimension: Data (khonkaen-demo); Policy (round2)" in said["en"], said["en"]
    sheet = openpyxl.load_workbook(tmp_path / "th.xlsx")["ข้อมูลขัดแย้ง"]
    texts = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert any("ข้อมูล (khonkaen-demo); นโยบาย (round2)" in str(v) for v in texts)


def test_conflicting_sources_are_reported_not_overwritten(tmp_path, data_dir):
    path = tmp_path / "store"
    _load_tables(path, data_dir, ["table1.xlsx", "table4-conflicts.xlsx"])
    with Store.open(path) as store:
        found = {(c.fact, c.label): c for c in linking.conflicts(store)}
        holder = found[("holder", "iSEE equity information system")]
        assert holder.values == {"Equitable Education Fund": ["table1"], "Khon Kaen University": ["table4-conflicts"]}
        personal = found[("personal data", "OBEC individual student records")]
        assert personal.values == {"yes": ["table1"], "no": ["table4-conflicts"]}
        assert ("Thai name", "Equitable Education Fund") in found
        assert "แหล่งข้อมูลระบุ" in holder.describe("th")
        thai = {(c.fact, c.entity): c for c in linking.conflicts(store, lang="th")}
        assert thai[("personal data", personal.entity)].values == {"ใช่": ["table1"],
                                                                   "ไม่ใช่": ["table4-conflicts"]}
        # both statements stay in the store
        G = read_network(store)
        held_by = {G.nodes[o]["label_en"] for s, o, r in G.out_edges("https://w3id.org/abegraph/id/resource/T1-R001",
                                                                      data="relation") if r == "held_by"}
        assert held_by == {"Equitable Education Fund", "Khon Kaen University"}
    result = CliRunner().invoke(main, ["--store", str(path), "link", "-o", str(tmp_path / "r.xlsx")])
    assert "the sources disagree on personal data" in result.output
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb["ข้อมูลขัดแย้ง"].max_row == 4  # heading and the three conflicts


def test_link_subcommands_do_what_the_old_options_did(tmp_path, data_dir):
    path = tmp_path / "store"
    _load_tables(path, data_dir, TABLES[:2])
    runner = CliRunner()
    review = tmp_path / "review.xlsx"
    proposed = runner.invoke(main, ["--store", str(path), "link", "propose", "-o", str(review)])
    assert proposed.exit_code == 0, proposed.output
    assert "proposed match(es)" in proposed.output and review.exists()
    assert runner.invoke(main, ["--store", str(path), "link", "list"]).output.strip() == "No matches yet."
    applied = runner.invoke(main, ["--store", str(path), "link", "apply", str(review)])
    assert applied.exit_code == 0, applied.output
    assert "accepted" in applied.output and "now count as another" in applied.output
    listing = runner.invoke(main, ["--store", str(path), "link", "list"])
    old_listing = runner.invoke(main, ["--store", str(path), "link", "--list"])
    assert " = " in listing.output and listing.output == old_listing.output
    removed = runner.invoke(main, ["--store", str(path), "link", "remove"])
    assert removed.exit_code == 0 and "Every match was undone." in removed.output
    both = runner.invoke(main, ["--store", str(path), "link", "--list", "--remove"])
    assert both.exit_code == 2 and "use one of" in both.output


def test_a_holder_matched_to_the_same_agency_is_not_a_conflict(tmp_path):
    """Two rounds name one office by two ids (and English names); once the pair is accepted, a resource both rounds
    give to that office is held by the same agency. Before, the holder facts were compared
    as raw IRIs (the fact name came back as an rdflib literal, never equal to "holder") and the
    accepted pair still showed as "held by different agencies"."""
    import shutil

    from abegraph.demo import DEMO_CSV, DEMO_GRAPH, DEMO_XLSX
    from helpers import edit_csv

    folder = tmp_path / "round2"
    shutil.copytree(DEMO_CSV, folder)

    def renamed(rows):
        for r in rows:
            if r.get("id") == "ESAO-KK1" and "abbreviations" in r:
                r["name_en"] = "Primary Education Office, Khon Kaen area 1"  # the round's own English
            for key in ("id", "held_by", "shared_with", "parent", "publisher"):
                if key in r and r[key]:
                    r[key] = ";".join("ESAO-ONE" if v.strip() == "ESAO-KK1" else v for v in r[key].split(";"))
        return rows

    for sheet in ("agencies", "resources", "datasets"):
        edit_csv(folder / f"{sheet}.csv", renamed)
    with Store.open(tmp_path / "store") as store:
        load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH])
        load_files(store, [folder], names=["round2"])
        held = {c.entity for c in linking.conflicts(store) if c.fact == "holder"}
        assert held, "before the match, the rounds disagree on who holds ESAO-KK1's resources"
        result = linking.propose(store)
        pair = next(p for p in result.proposals
                    if {p.a.rsplit("/", 1)[-1], p.b.rsplit("/", 1)[-1]} == {"ESAO-KK1", "ESAO-ONE"})
        linking.apply_decisions(store, [linking.Decision(pair.a, pair.b, "accept", pair.score)])
        assert not [c for c in linking.conflicts(store) if c.fact == "holder" and c.entity in held]
