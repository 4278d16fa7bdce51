"""analyze all and the atlas: one read of the network, each projection and each analysis computed
once, the same rows as one analysis at a time."""
from __future__ import annotations

import pytest

import abegraph.network.brokers as brokers_module
import abegraph.network.projections as projections
from abegraph.network.analyses import ANALYSES, analysis_rows, run_all, run_analysis


def _counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_analyze_all_reads_once_and_builds_the_agency_asset_graph_once(demo_store, monkeypatch):
    reads = _counting(monkeypatch, projections, "_holdings")
    rows = run_all(demo_store)
    assert len(reads) == 1                                   # sharing, brokers, coalitions share it
    assert sorted({r["analysis"] for r in rows}) == sorted(ANALYSES)


def test_analyze_all_groups_the_edges_by_relation_once(demo_store, monkeypatch):
    built = _counting(monkeypatch, projections.Relations, "__init__")
    run_all(demo_store)
    assert len(built) == 1                                   # every analysis looks edges up in it


def test_the_cycle_collector_pauses_only_inside_an_analysis_run(demo):
    import gc

    assert gc.isenabled()
    with projections.reuse():
        assert not gc.isenabled()
        with projections.reuse():
            assert not gc.isenabled()
        assert not gc.isenabled()                            # an inner block does not resume it
    assert gc.isenabled()
    gc.disable()
    try:
        with projections.reuse():
            pass
        assert not gc.isenabled()                            # a caller's choice is kept
    finally:
        gc.enable()


def test_all_gives_the_rows_of_each_analysis_alone(demo_store, demo):
    rows = run_all(demo_store, names=["brokers", "coalitions", "opportunities"])
    for name in ("brokers", "coalitions", "opportunities"):
        alone = run_analysis(demo_store, name, G=demo)
        assert [{k: v for k, v in r.items() if k != "analysis"} for r in rows if r["analysis"] == name] == alone


def test_two_languages_cost_one_computation(demo, monkeypatch):
    holes = _counting(monkeypatch, brokers_module, "structural_holes")
    found = analysis_rows(demo, names=["brokers", "coalitions", "gaps", "opportunities"])
    assert len(holes) == 1
    for name in ("brokers", "coalitions", "gaps", "opportunities"):
        for lang in ("th", "en"):
            assert found[lang][name] == ANALYSES[name].load()(demo, lang=lang)
    assert found["th"]["brokers"][0]["agency"] != found["en"]["brokers"][0]["agency"]


def test_outside_an_analysis_run_nothing_is_kept(demo, monkeypatch):
    holes = _counting(monkeypatch, brokers_module, "structural_holes")
    ANALYSES["brokers"].load()(demo)
    ANALYSES["brokers"].load()(demo)
    assert len(holes) == 2


def test_progress_is_reported_per_analysis(demo_store):
    steps = []
    run_all(demo_store, names=["sharing", "gaps"], progress=lambda step, done, total: steps.append((step, done, total)))
    assert steps == [("reading the network", 0, 3), ("analysis: Who shares which assets", 1, 3),
                     ("analysis: Gaps: issues, causes, groups and districts with nothing behind them", 2, 3),
                     ("done", 3, 3)]


def test_an_unknown_analysis_is_refused_before_reading(demo_store):
    from abegraph.exceptions import NotFound

    with pytest.raises(NotFound, match="no analysis called 'fame'"):
        run_all(demo_store, names=["fame"])
