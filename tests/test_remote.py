"""Every verb against real SPARQL servers (Oxigraph server, Virtuoso) gives the embedded answers."""
from __future__ import annotations


import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.graph.questions import questions
from abegraph.graph.remote import RemoteStore

import servers

QUESTIONS = sorted(questions())


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory):
    with servers.running(request.param, tmp_path_factory.mktemp(request.param)) as running:
        result = CliRunner().invoke(main, ["--store", running.query_url, "demo"])
        assert result.exit_code == 0, result.output
        yield running


def _cell(value) -> str:
    """A value as text; GROUP_CONCAT lists are sorted, since SPARQL leaves their order open."""
    text = "" if value is None else str(value)
    return "; ".join(sorted(text.split("; "))) if "; " in text else text


def _rows(store, sparql):
    return sorted(tuple(_cell(v) for v in row) for row in store.select(sparql))


@pytest.mark.parametrize("name", QUESTIONS)
def test_saved_questions_give_the_embedded_answers(server, demo_store, name):
    sparql = questions()[name].sparql_for("en")
    remote = RemoteStore(server.query_url)
    if name == "sources":  # load times differ; compare what was loaded
        assert {r[1] for r in _rows(remote, sparql)} == {r[1] for r in _rows(demo_store, sparql)}
        return
    assert _rows(remote, sparql) == _rows(demo_store, sparql)


def test_analyses_give_the_embedded_answers(server, demo_store_path):
    import json

    runner = CliRunner()
    for kind in ("sharing", "causes", "linkage"):
        remote = runner.invoke(main, ["--store", server.query_url, "analyze", kind, "--format", "json"])
        local = runner.invoke(main, ["--store", str(demo_store_path), "analyze", kind, "--format", "json"])
        assert remote.exit_code == 0 and local.exit_code == 0, remote.output
        assert json.loads(remote.output) == json.loads(local.output), kind


def test_a_bad_load_changes_nothing_on_the_server(server, data_dir):
    remote = RemoteStore(server.query_url)
    before = remote.graph_sizes()
    result = CliRunner().invoke(main, ["--store", server.query_url, "load", str(data_dir / "bad-workshop.xlsx")])
    assert result.exit_code == 1 and "Nothing was loaded" in result.output
    assert remote.graph_sizes() == before


def test_reloading_replaces_and_stats_work(server, data_dir):
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["--store", server.query_url, "load", str(data_dir / "table3.xlsx")])
        assert result.exit_code == 0, result.output
    sizes = RemoteStore(server.query_url).graph_sizes()
    assert sizes[next(g for g in sizes if str(g).endswith("/table3"))] == 162
    assert not [g for g in sizes if str(g).startswith("urn:abegraph:staging:")]
    stats = runner.invoke(main, ["--store", server.query_url, "stats", "--format", "json"])
    assert stats.exit_code == 0 and '"agencies": 33' in stats.output and '"resources": 79' in stats.output

