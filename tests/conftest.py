"""Shared fixtures: the test data folder and a store holding the demo province."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def demo_store():
    """An in-memory store with the Khon Kaen demo loaded (read-only use, shared by tests)."""
    from abegraph.demo import DEMO_GRAPH, DEMO_XLSX
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    store = Store.open(None)
    report = load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH])
    assert report.ok, [p.describe() for p in report.errors]
    return store


@pytest.fixture(scope="session")
def demo(demo_store):
    """The demo as :func:`~abegraph.network.projections.read_network` reads it (do not modify)."""
    from abegraph.network.projections import read_network

    return read_network(demo_store)


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture(scope="session")
def demo_store_path(tmp_path_factory) -> Path:
    """A store folder on disk holding the demo, closed (free for a server or a worker)."""
    from abegraph.demo import DEMO_GRAPH, DEMO_XLSX
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    path = tmp_path_factory.mktemp("demo") / "store"
    with Store.open(path) as store:
        load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH])
    return path


@pytest.fixture(scope="session")
def injected_store(tmp_path_factory):
    """The demo with two agencies renamed to markup (``helpers.INJECTED``), in memory."""
    import csv
    import shutil

    from abegraph.demo import DEMO_CSV
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files
    from helpers import INJECTED

    folder = tmp_path_factory.mktemp("injected") / "khonkaen"
    shutil.copytree(DEMO_CSV, folder)
    path = folder / "agencies.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, name in zip([r for r in rows if r["id"] in ("KKPAO", "CDD")], INJECTED):
        row["name_th"] = row["name_en"] = name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    store = Store.open(None)
    report = load_files(store, [folder], names=["injected"])
    assert report.ok, [p.describe() for p in report.errors]
    return store


@pytest.fixture(scope="session")
def polarity_store():
    """tests/data/loops in memory: causal links with polarity, so reinforcing and balancing
    loops and two-way links whose directions differ (read-only use)."""
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    store = Store.open(None)
    report = load_files(store, [DATA / "loops"], names=["loops"])
    assert report.ok, [p.describe() for p in report.errors]
    return store
