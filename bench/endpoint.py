"""Benchmark: abegraph's SPARQL endpoint against rdflib-endpoint serving the same triples.

Both serve the same synthetic nation file (N-Triples from :mod:`bench.synthetic`)
on loopback; the same number of clients send the same mix of typical researcher queries for
the same time; queries per second and latency percentiles are printed with their ratios.

Run: ``python -m bench.endpoint --scale 100k --scale 1m`` (rdflib-endpoint must be
installed: ``pip install rdflib-endpoint``; it is not a dependency of abegraph).

Example
-------
>>> from bench.endpoint import QUERIES, percentile
>>> sorted(QUERIES)[:2]
['agency-holdings', 'by-dimension']
>>> percentile([1, 2, 3, 4], 50)
2.5
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

__all__ = ["QUERIES", "percentile", "run_clients", "main"]

_P = ("PREFIX abe: <https://w3id.org/abegraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
      "PREFIX dcat: <http://www.w3.org/ns/dcat#> ")
#: the query mix: what a researcher's script asks most (point lookups, a join, an aggregate)
QUERIES = {
    "agency-label": _P + "SELECT ?l WHERE { ?a a abe:Agency ; rdfs:label ?l } LIMIT 50",
    "agency-holdings": _P + "SELECT ?r ?l WHERE { ?r abe:heldBy ?a ; rdfs:label ?l . ?a a abe:Agency } LIMIT 200",
    "by-dimension": _P + "SELECT ?d (COUNT(?r) AS ?n) WHERE { ?r abe:dimension ?d } GROUP BY ?d",
    "personal-datasets": _P + "SELECT ?ds ?k WHERE { ?ds a dcat:Dataset ; abe:personalData true ; abe:linkKey ?k } LIMIT 500",
}


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (linear interpolation)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
            urllib.request.urlopen(f"{url}?{query}", timeout=5).read()
            return time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def run_clients(url: str, clients: int, seconds: float) -> dict:
    """``clients`` threads send the query mix for ``seconds``; returns throughput and latency."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    queries = list(QUERIES.values())

    def client(n: int) -> None:
        i = n
        while time.monotonic() < stop_at:
            body = urllib.parse.urlencode({"query": queries[i % len(queries)]}).encode()
            request = urllib.request.Request(url, data=body, headers={
                "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
            start = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=120) as answer:
                    answer.read()
                with lock:
                    latencies.append(time.monotonic() - start)
            except (urllib.error.URLError, ConnectionError, OSError) as err:
                with lock:
                    failures.append(str(err)[:100])
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {"requests": len(latencies), "failures": len(failures), "seconds": round(elapsed, 1),
            "qps": len(latencies) / elapsed, "p50_ms": percentile(latencies, 50) * 1000,
            "p95_ms": percentile(latencies, 95) * 1000}


def _abegraph(nt: Path, folder: Path) -> tuple[subprocess.Popen, str, float]:
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    started = time.monotonic()
    with Store.open(folder) as store:
        load_files(store, [nt])
    loaded = time.monotonic() - started
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "abegraph.cli", "--store", str(folder), "serve", "--port",
                                str(port), "--timeout", "120", "--workers", str(os.cpu_count() or 2)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/sparql"
    return process, url, loaded + _wait(url, process, 120)


def _rdflib_endpoint(nt: Path, executable: str) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    process = subprocess.Popen([executable, "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"  # rdflib-endpoint answers SPARQL at its root
    return process, url, _wait(url, process, 1800)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def main(argv: list[str] | None = None) -> int:
    from bench.synthetic import SCALES, write_nation_nt

    parser = argparse.ArgumentParser(prog="python -m bench.endpoint", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", action="append", choices=sorted(SCALES), help="repeatable (default: 100k)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--out", default="bench/out")
    parser.add_argument("--rdflib-endpoint", default=shutil.which("rdflib-endpoint"),
                        help="the rdflib-endpoint command (pip install rdflib-endpoint)")
    args = parser.parse_args(argv)
    if not args.rdflib_endpoint:
        parser.error("rdflib-endpoint is not installed: pip install rdflib-endpoint (or pass --rdflib-endpoint PATH)")
    out = Path(args.out)
    results = {}
    for scale in args.scale or ["100k"]:
        nt = out / f"nation-{scale}.nt"
        if not nt.exists():
            write_nation_nt(nt, SCALES[scale])
        row = {}
        with tempfile.TemporaryDirectory(prefix="abegraph-endpoint-") as tmp:
            for name, start in (("abegraph", lambda: _abegraph(nt, Path(tmp) / "store")),
                                ("rdflib-endpoint", lambda: _rdflib_endpoint(nt, args.rdflib_endpoint))):
                process, url, ready = start()
                try:
                    row[name] = {"ready_s": round(ready, 1), **run_clients(url, args.clients, args.seconds)}
                finally:
                    _stop(process)
        results[scale] = row
        a, r = row["abegraph"], row["rdflib-endpoint"]
        print(f"\n{scale} triples, {args.clients} clients, {args.seconds:g} s each")
        print(f"{'':18}{'abegraph':>12}{'rdflib-endpoint':>18}{'ratio':>10}")
        print(f"{'ready (s)':18}{a['ready_s']:>12}{r['ready_s']:>18}{r['ready_s'] / max(a['ready_s'], 1e-9):>9.1f}x")
        print(f"{'queries/s':18}{a['qps']:>12.1f}{r['qps']:>18.2f}{a['qps'] / max(r['qps'], 1e-9):>9.1f}x")
        print(f"{'p50 latency (ms)':18}{a['p50_ms']:>12.0f}{r['p50_ms']:>18.0f}{r['p50_ms'] / max(a['p50_ms'], 1e-9):>9.1f}x")
        print(f"{'p95 latency (ms)':18}{a['p95_ms']:>12.0f}{r['p95_ms']:>18.0f}{r['p95_ms'] / max(a['p95_ms'], 1e-9):>9.1f}x")
        print(f"{'failed requests':18}{a['failures']:>12}{r['failures']:>18}")
        print("target at 1m: throughput >= 20x rdflib-endpoint")
    out.mkdir(parents=True, exist_ok=True)
    (out / "endpoint.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
