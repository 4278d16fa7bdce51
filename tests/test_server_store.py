"""The store shared between ``abegraph serve`` and other commands, the worker pool under
contention, and the store's format and vocabulary version."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time

import pytest

from test_server import RUNAWAY, Endpoint


def _cli(folder, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "abegraph.cli", "--store", str(folder), *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture()
def folder(demo_store_path, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(demo_store_path, copy, ignore=shutil.ignore_patterns("abegraph.lock"))
    return copy


def test_reading_commands_run_while_serve_runs_and_a_load_says_it_waits(folder, tmp_path):
    from abegraph.demo import DEMO_CSV

    server = Endpoint(folder)
    try:
        stats = _cli(folder, "stats")
        assert stats.returncode == 0, stats.stderr
        assert "agencies" in stats.stdout.lower() or "Agency" in stats.stdout
        query = _cli(folder, "query", "agencies", "--format", "csv")
        assert query.returncode == 0 and "Equitable Education Fund" in query.stdout
        started = time.monotonic()
        load = _cli(folder, "load", str(next(DEMO_CSV.glob("*.csv"))))
        assert load.returncode == 1
        assert "waiting up to 10 s for the store" in load.stderr
        assert "in use by another abegraph process" in load.stderr and "Traceback" not in load.stderr
        assert time.monotonic() - started >= 9
        assert server.request("/sparql", {"query": "ASK { ?s ?p ?o }"})[0] == 200
    finally:
        server.stop()


def test_serve_and_a_waiting_load_speak_thai(folder):
    from abegraph.demo import DEMO_CSV

    from test_server import _free_port

    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "abegraph.cli", "--store", str(folder), "--lang", "th", "serve",
                              "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = serve.stderr.readline()
        assert first.startswith(f"abegraph เปิดให้ใช้ {folder} ที่ http://127.0.0.1:{port}/"), first
        assert "กด Ctrl+C เพื่อหยุด" in first and "Stop" not in first
        load = _cli(folder, "--lang", "th", "load", str(next(DEMO_CSV.glob("*.csv"))))
        assert load.returncode == 1 and "Traceback" not in load.stderr
        assert f"รอฐานข้อมูลที่ {folder} ไม่เกิน 10 วินาที" in load.stderr, load.stderr
        assert "waiting up to" not in load.stderr and "another abegraph" not in load.stderr
    finally:
        serve.terminate()
        serve.wait(10)


def test_a_shared_store_takes_the_folder_alone_only_to_write(folder):
    from rdflib import Literal, URIRef

    from abegraph.exceptions import StoreLockedError
    from abegraph.graph.store import Store

    graph = URIRef("https://w3id.org/abegraph/graph/extra")
    triple = (URIRef("urn:a"), URIRef("urn:b"), Literal("ค่า", lang="th"))
    with Store.open(folder, shared=True) as first, Store.open(folder, shared=True, wait=0.5) as second:
        assert first.shared and second.shared and len(first) == len(second)
        with pytest.raises(StoreLockedError):  # the other reader is still there
            second._wait = 0.5
            second.replace_graphs({graph: [triple]})
    with Store.open(folder, shared=True) as store:
        store.replace_graphs({graph: [triple]})  # alone: it becomes the writer
        assert not store.shared
        assert graph in store.graph_names()


def test_exclusive_gives_back_what_it_took_when_it_cannot_have_every_worker(demo_store_path):
    from abegraph.server.workers import Busy, WorkerPool

    pool = WorkerPool(demo_store_path, 2, short_seconds=30)
    try:
        outcome = {}

        def long_query():
            try:
                pool.run(RUNAWAY, timeout=4, client="x")
            except Exception as err:
                outcome["error"] = type(err).__name__

        thread = threading.Thread(target=long_query)
        thread.start()
        time.sleep(1.0)
        with pytest.raises(Busy):
            with pool.exclusive(wait=0.5):
                pass
        assert len(pool._idle) == 1  # the worker it took is back, not lost
        assert pool.run("ASK { ?s ?p ?o }", "csv", timeout=10)[1].split() == [b"true"]
        thread.join(30)
        assert outcome == {"error": "QueryTimeout"}
        assert len(pool._idle) == 2
        with pool.exclusive(wait=10) as write:
            write("INSERT DATA { GRAPH <urn:g> { <urn:after> <urn:p> 1 } }")
        assert pool.run("ASK { <urn:after> ?p ?o }", "csv", timeout=10)[1].split() == [b"true"]
        assert len(pool._idle) == 2
        alive = [w.process for w in pool._idle] + [pool._spare.process]
        assert all(p.is_alive() for p in alive)
    finally:
        pool.close()
    assert not [p for p in alive if p.is_alive()]  # nothing left behind


def test_queries_wait_behind_an_update_instead_of_starving_it(demo_store_path):
    from abegraph.server.workers import WorkerPool

    pool = WorkerPool(demo_store_path, 2)
    stop = time.monotonic() + 6
    errors = []

    def reader():
        while time.monotonic() < stop:
            try:
                pool.run("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", timeout=10, queue_wait=20)
            except Exception as err:
                errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        time.sleep(1)
        with pool.exclusive(wait=10) as write:
            write("INSERT DATA { GRAPH <urn:g> { <urn:busy> <urn:p> 1 } }")
        for t in threads:
            t.join(30)
        assert errors == []
        assert pool.run("ASK { <urn:busy> ?p ?o }", "csv", timeout=10)[1].split() == [b"true"]
    finally:
        pool.close()


def test_an_older_store_gets_the_current_vocabulary_and_says_so(folder):
    from abegraph.graph.store import Store, vocabulary_version

    meta = folder / "abegraph-store.json"
    with Store.open(folder) as store:  # make it look older: an outdated vocabulary, no version
        store.oxigraph.update("DELETE WHERE { GRAPH <https://w3id.org/abegraph/graph/vocabulary> "
                              "{ <https://w3id.org/abegraph/ns#Agency> ?p ?o } }")
    meta.unlink(missing_ok=True)
    copy = folder.parent / "older-copy"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("abegraph.lock"))
    thai = _cli(copy, "--lang", "th", "stats")
    assert thai.returncode == 0 and "ปรับคำศัพท์ในฐานข้อมูลเป็นรุ่นปัจจุบันแล้ว" in thai.stderr, thai.stderr
    stats = _cli(folder, "stats")
    assert stats.returncode == 0 and "refreshed the store's vocabulary" in stats.stderr
    assert json.loads(meta.read_text())["vocabulary"] == vocabulary_version()
    with Store.open(folder, shared=True) as store:
        assert store.notes == []  # up to date now: nothing to say
        assert store.oxigraph.query("ASK { GRAPH <https://w3id.org/abegraph/graph/vocabulary> "
                                    "{ <https://w3id.org/abegraph/ns#Agency> ?p ?o } }")


def test_a_store_from_a_newer_abegraph_is_refused_clearly(folder):
    (folder / "abegraph-store.json").write_text(json.dumps({"format": 99, "abegraph": "9.0"}))
    stats = _cli(folder, "stats")
    assert stats.returncode == 1 and "made by a newer abegraph (9.0)" in stats.stderr
    assert "Traceback" not in stats.stderr


def test_answers_are_served_again_from_the_cache_until_an_update(folder):
    import urllib.request

    server = Endpoint(folder, "--allow-update", env={"ABEGRAPH_UPDATE_TOKEN": "khonkaen-2566"})
    query = "/sparql?query=SELECT%20%3Fo%20WHERE%20%7B%20%3Curn%3Aa%3E%20%3Curn%3Ab%3E%20%3Fo%20%7D&format=csv"

    def ask():
        with urllib.request.urlopen(server.url + query, timeout=30) as answer:
            return answer.headers["X-Abegraph-Cache"], answer.read().decode().split()

    try:
        assert ask() == ("miss", ["o"])
        assert ask() == ("hit", ["o"])
        status = server.request("/sparql", {"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'ค่า' } }"},
                                {"Authorization": "Bearer khonkaen-2566"})[0]
        assert status == 204
        assert ask() == ("miss", ["o", "ค่า"])  # the update emptied the cache
        assert ask() == ("hit", ["o", "ค่า"])
    finally:
        server.stop()


def test_a_load_by_another_program_empties_the_cache_and_the_workers_see_it(folder):
    """The endpoint (here in-process, holding no lock on the folder) notices a write by another
    program: the cached answer is dropped and the workers reopen the store."""
    from rdflib import Literal, URIRef
    from starlette.testclient import TestClient

    from abegraph.graph.store import Store
    from abegraph.server.app import ServerSettings, create_app

    app = create_app(folder, ServerSettings(workers=1, cache_mb=8))
    query = {"query": "SELECT ?o WHERE { <urn:loaded> <urn:p> ?o }", "format": "csv"}

    def ask(client):
        answer = client.get("/sparql", params=query)
        return answer.headers["X-Abegraph-Cache"], answer.text.split()

    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert ask(client) == ("miss", ["o"])
        assert ask(client) == ("hit", ["o"])
        with Store.open(folder) as store:  # a load, as `abegraph load` or a notebook would do it
            store.replace_graphs({URIRef("https://w3id.org/abegraph/graph/loaded"):
                                  [(URIRef("urn:loaded"), URIRef("urn:p"), Literal("ค่า", lang="th"))]})
        assert ask(client) == ("miss", ["o", "ค่า"])
        assert ask(client) == ("hit", ["o", "ค่า"])


def test_analyses_read_beside_serve_and_only_saving_them_waits(folder):
    """``analyze`` reads while ``serve`` runs; ``analyze --save`` writes, so it waits for the
    store alone and says why (no traceback), and the endpoint keeps answering."""
    server = Endpoint(folder)
    try:
        read = _cli(folder, "analyze", "sharing", "--format", "json")
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout)[0]["section"] == "pair"
        save = _cli(folder, "analyze", "sharing", "--save", "--format", "json")
        assert save.returncode == 1
        assert "in use by another abegraph process" in save.stderr and "Traceback" not in save.stderr
        assert server.request("/sparql", {"query": "ASK { ?s ?p ?o }"})[0] == 200
    finally:
        server.stop()
    saved = _cli(folder, "analyze", "sharing", "--save", "--format", "json")  # alone: it writes
    assert saved.returncode == 0, saved.stderr


#: another process that holds the store for writing (as a load does) for argv[2] seconds
_WRITER = """import sys, time
from abegraph.graph.store import Store
with Store.open(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_link_apply_waits_for_a_writer_says_so_then_records_the_review(folder, tmp_path):
    """``link --apply`` writes: while another process holds the store for writing it waits,
    says why, and records the review once the store is free (within the 10 s it waits)."""
    from abegraph.graph.store import Store
    from abegraph.linking.linkset import LINKS_GRAPH

    review = tmp_path / "review.xlsx"
    proposed = _cli(folder, "link", "propose", "-o", str(review))
    assert proposed.returncode == 0, proposed.stderr
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder), "4"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        applied = _cli(folder, "link", "--apply", str(review))
        waited = time.monotonic() - started
    finally:
        writer.wait(30)
    assert applied.returncode == 0, applied.stderr
    assert "waiting up to 10 s for the store" in applied.stderr
    assert "another abegraph process is writing to it" in applied.stderr and "Traceback" not in applied.stderr
    assert "Recorded 0 accepted and 0 rejected pair(s)" in applied.stdout + applied.stderr
    assert waited >= 2  # it did wait for the writer
    with Store.open(folder) as store:
        assert LINKS_GRAPH in store.graph_names()  # the review is recorded


def test_a_small_store_is_answered_from_a_copy_in_memory_the_same_as_from_the_folder(demo_store_path):
    """Workers copy a store of at most ``copy_up_to`` quads into memory: every saved question
    and the graph names answer as from the folder (lists joined by GROUP_CONCAT may come in
    another order, which SPARQL leaves open), and an update is seen in the copy too."""
    import csv
    import io

    import pyoxigraph as ox

    from abegraph.graph.questions import questions
    from abegraph.server.workers import WorkerPool, _open

    quad = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"))
    _open(str(demo_store_path), 10**7).add(quad)  # a copy: it takes writes, and the folder does not change
    with pytest.raises(RuntimeError, match="read-write"):
        _open(str(demo_store_path), 1).add(quad)  # too large to copy: the folder, read-only
    size = len(ox.Store.read_only(str(demo_store_path)))
    _open(str(demo_store_path), size).add(quad)  # exactly the limit: copied
    with pytest.raises(RuntimeError, match="read-write"):
        _open(str(demo_store_path), size - 1).add(quad)
    texts = [q.sparql_for("en") for q in questions().values()] + ["SELECT ?g WHERE { GRAPH ?g { } }"]
    disk, copied = WorkerPool(demo_store_path, 1), WorkerPool(demo_store_path, 1, copy_up_to=10**7)
    try:
        def rows(pool, text):
            table = csv.reader(io.StringIO(pool.run(text, "csv", timeout=60)[1].decode()))
            return sorted(tuple("; ".join(sorted(cell.split("; "))) for cell in row) for row in table)

        for text in texts:
            assert rows(disk, text) == rows(copied, text), text
        disk.close()
        with copied.exclusive(wait=10) as write:
            write("INSERT DATA { GRAPH <urn:g> { <urn:copied> <urn:p> 1 } }")
        assert copied.run("ASK { <urn:copied> ?p ?o }", "csv", timeout=10)[1].split() == [b"true"]
    finally:
        disk.close()
        copied.close()


def test_updates_run_whatever_the_query_memory_budget(folder):
    """An update opens the store read-write, and the engine's writing threads need address space
    of their own: the update gets its budget (at least that) counted from when it starts. Before,
    with a 100 MB budget, every update failed on a store copied into memory ("its worker stopped")."""
    from abegraph.server.workers import WorkerPool

    for copy_up_to in (0, 10**7):
        pool = WorkerPool(folder, 1, memory_mb=100, copy_up_to=copy_up_to)
        try:
            for n in range(3):
                with pool.exclusive(wait=10) as write:
                    write(f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:budget{n}> <urn:p> {copy_up_to} }} }}")
            answer = pool.run(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <urn:p> {copy_up_to} }}", "csv", timeout=10)
            assert answer[1].split()[-1] == b"3", answer
        finally:
            pool.close()
