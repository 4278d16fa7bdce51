"""A remote store under hostile conditions (issue 15): another command during a load leaves the
load's staging graphs alone; credentials and passwords never end in a traceback or a message."""
from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.graph.remote import LEASES, RemoteStore
from abegraph.exceptions import StoreError
from abegraph.graph.store import STAGING_PREFIX

import servers


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory):
    with servers.running(request.param, tmp_path_factory.mktemp(request.param)) as running:
        yield running


def staging_graphs(store) -> set[str]:
    return {str(g) for g in store.graph_names() if str(g).startswith(STAGING_PREFIX)}


def settled_sizes(url: str) -> dict:
    """The graph sizes once the server answers again (Virtuoso may still be rolling a writer back)."""
    for _ in range(20):
        try:
            return RemoteStore(url).graph_sizes()
        except StoreError:
            time.sleep(2)
    return RemoteStore(url).graph_sizes()


def test_another_command_keeps_a_running_loads_staging_and_drops_a_dead_ones(server):
    loader = RemoteStore(server.query_url)
    running, dead = f"{STAGING_PREFIX}running:g1", f"{STAGING_PREFIX}dead:g1"
    loader._renew("running")
    for graph in (running, dead):
        loader.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <http://e/s> <http://e/p> "staged" }} }}')
    other = RemoteStore(server.query_url)  # what `stats` does on opening
    assert staging_graphs(other) == {running}
    loader._release("running")
    RemoteStore(server.query_url)
    assert staging_graphs(other) == set()


def test_a_load_during_which_other_commands_run_loads_every_triple(server, tmp_path):
    path = tmp_path / "big.nt"
    n = 45_000
    with path.open("w") as out:
        for i in range(n):
            out.write(f'<http://example.org/s{i}> <http://example.org/p> "value {i}" .\n')
    done = threading.Event()
    result = {}

    def load():
        try:
            result["load"] = CliRunner().invoke(main, ["--store", server.query_url, "load", str(path)])
        finally:
            done.set()

    thread = threading.Thread(target=load)
    thread.start()
    opened = 0
    while not done.wait(0.2):
        try:
            RemoteStore(server.query_url)  # each command opening the store tidies left-over staging graphs
        except StoreError:
            pass  # Virtuoso may time a reader out while a load writes: a message, not our concern here
        opened += 1
    thread.join()
    sizes = settled_sizes(server.query_url)
    big = [g for g in sizes if str(g).endswith("/big")]
    loaded = result["load"]
    if loaded.exit_code == 0:
        assert [sizes[g] for g in big] == [n + 6]  # the triples and the 6 of provenance
    else:  # Virtuoso may end a writer in a deadlock with a reader: then it says so and loads nothing
        assert "Transaction deadlocked" in loaded.output and not big, loaded.output
    assert opened > 1
    assert not any(str(g) in (LEASES,) or str(g).startswith(STAGING_PREFIX) for g in sizes)


def test_a_missing_credentials_file_is_a_message(server, monkeypatch):
    for lang, words in (("en", "the credentials file /nonexistent/creds ($ABEGRAPH_STORE_CREDENTIALS) cannot be "
                               "read: No such file or directory"), ("th", "อ่านไฟล์รหัสผ่าน /nonexistent/creds")):
        monkeypatch.delenv("ABEGRAPH_STORE_USER", raising=False)
        monkeypatch.setenv("ABEGRAPH_STORE_CREDENTIALS", "/nonexistent/creds")
        result = CliRunner().invoke(main, ["--store", server.query_url, "--lang", lang, "stats"])
        assert result.exit_code == 1 and words in result.output and result.exception.__class__ is SystemExit


def test_a_password_in_the_store_address_is_never_shown():
    url = "http://admin:s3cr%40t@127.0.0.1:9/query"  # nothing listens on port 9
    for lang in ("en", "th"):
        result = CliRunner().invoke(main, ["--store", url, "--lang", lang, "stats"])
        assert result.exit_code == 1
        assert "s3cr" not in result.output and "admin" not in result.output
        assert "http://127.0.0.1:9/query" in result.output


def test_a_load_whose_staging_another_process_drops_fails_and_changes_nothing(server, tmp_path):
    """A process that does not keep to the leases (an older abegraph, a person with a SPARQL
    console) drops the staging graphs while a load writes: the load says so and replaces nothing."""
    path = tmp_path / "victim.nt"
    path.write_text('<http://example.org/s> <http://example.org/p> "before" .\n')
    assert CliRunner().invoke(main, ["--store", server.query_url, "load", str(path)]).exit_code == 0
    before = {g: n for g, n in settled_sizes(server.query_url).items() if str(g).endswith("/victim")}
    with path.open("w") as out:
        for i in range(30_000):
            out.write(f'<http://example.org/s{i}> <http://example.org/p> "after {i}" .\n')
    done = threading.Event()

    def drop_staging():
        stranger = RemoteStore.__new__(RemoteStore)  # no open-time tidying: only what it is told
        RemoteStore.__init__(stranger, server.query_url)
        while not done.is_set():
            try:
                for graph in staging_graphs(stranger):
                    stranger.update(f"DROP SILENT GRAPH <{graph}>")
            except StoreError:
                pass
            time.sleep(0.05)

    thread = threading.Thread(target=drop_staging)
    thread.start()
    try:
        for lang, words in (("en", "of the 30,006 triples sent for https://w3id.org/abegraph/graph/victim"),
                            ("th", "จาก 30,006 ทริปเปิลที่ส่งไปสำหรับ https://w3id.org/abegraph/graph/victim")):
            result = CliRunner().invoke(main, ["--store", server.query_url, "--lang", lang, "load", str(path)])
            assert result.exit_code == 1 and words in result.output, result.output
            assert "Traceback" not in result.output
    finally:
        done.set()
        thread.join()
    after = {g: n for g, n in settled_sizes(server.query_url).items() if str(g).endswith("/victim")}
    assert after == before
