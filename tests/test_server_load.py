"""The endpoint under load and faults, on loopback, bounded in count and time."""
from __future__ import annotations

import shutil
import signal
import statistics
import threading
import time
import urllib.parse

from abegraph.graph.questions import questions

from test_server import RUNAWAY, Endpoint

CLIENTS = 50
SECONDS = 30


def test_fifty_clients_for_thirty_seconds_no_failure_while_a_runaway_is_cut(demo_store_path, tmp_path):
    folder = tmp_path / "store"
    shutil.copytree(demo_store_path, folder)
    server = Endpoint(folder, "--timeout", "5", "--workers", "2")
    sparql = [q.sparql_for("en") for q in questions().values()]
    latencies, failures = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def client(n):
        i = n
        while time.monotonic() < stop_at:
            start = time.monotonic()
            status, _, text = server.request("/sparql", {"query": sparql[i % len(sparql)], "format": "json"})
            with lock:
                (latencies if status == 200 else failures).append(time.monotonic() - start if status == 200
                                                                   else (status, text[:80]))
            i += 1

    runaway = {}

    def runaway_client():
        time.sleep(5)
        runaway["answer"] = server.request("/sparql", {"query": RUNAWAY})

    try:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        threads.append(threading.Thread(target=runaway_client))
        for t in threads:
            t.start()
        for t in threads:
            t.join(SECONDS + 60)
    finally:
        server.stop()
    p95 = statistics.quantiles(latencies, n=20)[18]
    print(f"\n{len(latencies)} requests in {SECONDS} s from {CLIENTS} clients "
          f"({len(latencies) / SECONDS:.0f}/s), p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms")
    assert failures == []
    assert len(latencies) > CLIENTS * 5
    assert runaway["answer"][0] == 503 and "was stopped" in runaway["answer"][2]


def test_a_server_killed_mid_load_loses_nothing_committed(demo_store_path, tmp_path):
    folder = tmp_path / "store"
    shutil.copytree(demo_store_path, folder)
    token = {"ABEGRAPH_UPDATE_TOKEN": "khonkaen-2566"}
    auth = {"Authorization": "Bearer khonkaen-2566"}
    server = Endpoint(folder, "--allow-update", env=token)
    acknowledged = []
    try:
        for n in range(400):
            update = f"INSERT DATA {{ GRAPH <urn:abegraph:test> {{ <urn:row:{n}> <urn:n> {n} }} }}"
            status = server.request("/sparql", {"update": update}, auth)[0]
            if status == 204:
                acknowledged.append(n)
            if n == 25:
                killer = threading.Timer(0.05, lambda: server.process.send_signal(signal.SIGKILL))
                killer.start()
            if server.process.poll() is not None:
                break
    finally:
        server.process.kill()
        server.process.wait(10)
    assert acknowledged and len(acknowledged) < 400, "the kill did not land during the updates"
    server = Endpoint(folder)  # restarted, read-only
    try:
        query = "SELECT ?n WHERE { GRAPH <urn:abegraph:test> { ?row <urn:n> ?n } }"
        _, _, text = server.request("/sparql?" + urllib.parse.urlencode({"query": query, "format": "csv"}))
    finally:
        server.stop()
    stored = {int(v) for v in text.split()[1:]}
    assert set(acknowledged) <= stored
