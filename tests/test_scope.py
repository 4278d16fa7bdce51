"""A province's own picture: the bundled issues (I01-I17 / C01-C22) count only where a loaded
source refers to them, and ``stats``, the analyses and the maps count the same issues."""
from __future__ import annotations

import csv
import shutil

import pytest

from abegraph.graph.stats import summary, unused_defaults
from abegraph.graph.store import Store
from abegraph.loaders.pipeline import load_files
from abegraph.network.gaps import gaps
from abegraph.network.projections import entity_id, read_network
from abegraph.visualize.maps import build_map

from helpers import section


def _load(*paths) -> Store:
    store = Store.open(None)
    report = load_files(store, list(paths))
    assert report.ok, [p.describe() for p in report.errors]
    return store


def _issues(G) -> list[str]:
    return sorted(entity_id(n) for n, k in G.nodes(data="kind") if k == "issue")


@pytest.fixture(scope="module")
def own(data_dir):
    """Table 3: its own three issues, one of them its own "Household poverty" (T2)."""
    return _load(data_dir / "table3-utf8")


def test_only_the_provinces_own_issues_are_counted(own):
    G = read_network(own)
    assert _issues(G) == ["T1", "T2", "T3"]
    assert summary(own)["issues"] == 3
    assert len(unused_defaults(own)) == 39                     # the pick list, still in the vocabulary


def test_gaps_do_not_report_the_bundled_household_poverty(own):
    rows = gaps(read_network(own))
    assert [r["issue_id"] for r in section(rows, "issue")] == ["T1", "T2", "T3"]
    names = {r["issue"] for r in section(rows, "issue")}
    assert "Household poverty" in names and "Household poverty / low income" not in names
    assert [r["id"] for r in section(rows, "uncovered") if r["kind"] == "issue"] == []


def test_the_issues_map_draws_the_same_issues(own):
    payload = build_map(read_network(own), "issues", findings=False).payload
    issue_kind = payload["kindKeys"].index("issue")
    drawn = sorted(i for i, k in zip(payload["nodes"]["id"], payload["nodes"]["k"]) if k == issue_kind)
    assert drawn == ["T1", "T2", "T3"]
    assert len(drawn) == summary(own)["issues"]


def test_a_bundled_issue_counts_once_a_row_refers_to_it(data_dir, tmp_path):
    folder = tmp_path / "table3-plus"
    shutil.copytree(data_dir / "table3-utf8", folder)
    with (folder / "resources.csv").open("a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow(["T3-R5", "ห้องเรียนพิเศษ", "Special classes", "knowledge", "other", "KKPAO", "",
                                  "I01", "", "40", "", "", "illustrative"])
    store = _load(folder)
    G = read_network(store)
    assert _issues(G) == ["I01", "T1", "T2", "T3"]
    assert summary(store)["issues"] == 4
    assert "https://w3id.org/abegraph/id/issue/I01" not in unused_defaults(store)


def test_saved_findings_do_not_make_a_bundled_issue_used(own):
    from abegraph.network.findings import save_findings

    G = read_network(own)
    save_findings(own, "gaps", [{"section": "issue", "issue_id": "C01"}], G)
    assert _issues(read_network(own)) == ["T1", "T2", "T3"]
    assert summary(own)["issues"] == 3
