"""The saved questions give the documented answers on the Khon Kaen demo."""
from __future__ import annotations

import pytest

from abegraph.graph.questions import questions
from abegraph.thai.text import is_thai

from helpers import ask


def test_at_least_twelve_questions_each_described_in_thai_and_english():
    assert len(questions()) >= 12
    for q in questions().values():
        assert q.title("en") and q.about("en") and is_thai(q.title("th")) and is_thai(q.about("th")), q.name
        assert 'VALUES ?lang { "en" }' in q.sparql or q.name == "sources"


@pytest.mark.parametrize("name", sorted(questions()))
@pytest.mark.parametrize("lang", ["en", "th"])
def test_every_question_answers_on_the_demo(demo_store, name, lang):
    rows = ask(demo_store, name, lang)
    assert rows, name
    assert len(rows) == len({tuple(r.items()) for r in rows}), "duplicate rows from the union of graphs"


def test_issues_and_causes_with_nothing_behind_them(demo_store):
    rows = ask(demo_store, "issues-without-resources")
    assert {r["id"] for r in rows} == {"C11", "C13", "C21", "I15"}
    # I16 street children has no resource of its own, but its causes C02 and C18 do
    assert "I16" not in {r["id"] for r in rows}


def test_root_causes_and_their_leverage(demo_store):
    rows = {r["id"]: r for r in ask(demo_store, "root-causes")}
    assert rows["C02"]["issuesReached"] == "14" and rows["C02"]["resources"] == "8"
    # poverty is not a root in the demo: dropout feeds back into it (a vicious circle)
    assert "C01" not in rows
    assert rows["C11"]["resources"] == "0"


def test_districts_with_no_resource_named(demo_store):
    rows = ask(demo_store, "district-resources")
    empty = {r["code"] for r in rows if r["resources"] == "0"}
    assert empty == {"4004", "4006", "4011", "4013", "4020", "4023", "4024", "4025", "4029"}
    assert len(rows) == 26


def test_joinable_datasets_flag_personal_data(demo_store):
    rows = ask(demo_store, "joinable-datasets")
    pair = [r for r in rows if {r["dataset1"], r["dataset2"]} ==
            {"CCT poverty screening (PMT)", "Child Support Grant recipients"}]
    assert [(r["key"], r["personal"]) for r in pair] == [("Citizen ID (13 digits)", "yes")]
    assert any(r["personal"] == "no" and r["key"] == "DOPA area code" for r in rows)


def test_personal_datasets(demo_store):
    rows = ask(demo_store, "personal-datasets")
    assert len(rows) == 13
    crisis = next(r for r in rows if r["dataset"] == "Children in educational crisis (case files)")
    assert crisis["granularity"] == "Person" and crisis["access"] == "Restricted"


def test_who_shares_most(demo_store):
    top = ask(demo_store, "agency-pairs")[0]
    assert {top["agency1"], top["agency2"]} == {"Khon Kaen Provincial Administrative Organization",
                                                 "Khon Kaen Provincial Office of Social Development and Human Security"}
    assert top["assets"] == "11"


def test_holdings_by_dimension_in_thai(demo_store):
    rows = ask(demo_store, "holdings-by-dimension", "th")
    eef = [r for r in rows if r["agency"] == "กองทุนเพื่อความเสมอภาคทางการศึกษา"]
    assert sum(int(r["resources"]) for r in eef) == 14
    assert all(is_thai(r["dimension"]) for r in eef)


def test_resources_reach_issues_through_causes(demo_store):
    rows = ask(demo_store, "resources-for-issue")
    dropout = [r for r in rows if r["issue"] == "School dropout"]
    assert {r["how"] for r in dropout} == {"direct", "through a cause"}
    assert all(r["via"] for r in dropout if r["how"] == "through a cause")
    assert not any(r["via"] for r in dropout if r["how"] == "direct")


def test_budget_is_not_double_counted_across_graphs(demo_store):
    rows = {r["id"]: r for r in ask(demo_store, "budget-by-issue")}
    direct = demo_store.select("""
        PREFIX abe: <https://w3id.org/abegraph/ns#>
        SELECT (SUM(?a) AS ?t) WHERE { SELECT DISTINCT ?r ?a WHERE {
          ?r abe:amount ?a ; abe:addresses <https://w3id.org/abegraph/id/issue/C01> } }""")
    assert rows["C01"]["baht"] == str(direct[0][0])
