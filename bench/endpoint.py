"""Benchmark: abegraph's SPARQL endpoint against an Oxigraph server on the same store.

The synthetic nation (N-Triples from :mod:`bench.synthetic`) is loaded once into an
abegraph store; then, one after the other on loopback, the same store is served by Oxigraph
(``oxigraph serve --union-default-graph``, its time limit on) and by ``abegraph serve``, and
the same number of clients send the same queries to each for the same time. Two mixes:

- **queries** (:data:`QUERIES`): typical researcher queries (point lookups, a join, an
  aggregate). abegraph runs with its limits on (time, result size, memory, fairness, the
  SERVICE/LOAD guard) and the answer cache **off**: every request runs in a worker.
- **saved questions** (:data:`SAVED`): the quick saved competency questions, as the query page
  and scripts ask them. abegraph runs as it starts by default, limits on and the answer cache
  **on**. The run ends by checking that an update through the endpoint empties the cache (the
  next answer is a miss, and holds the new triple).

Queries per second and latency percentiles are printed with the ratio to Oxigraph, with the
HTTP parser abegraph used (httptools when installed, else h11), and the CPU time each server
spent per answered request (Oxigraph's one process; abegraph's web process and its query
workers), read from ``/proc``. Each client is a thread with a new connection per request, as
SPARQLWrapper and rdflib do; ``--keep-alive`` keeps one connection per client instead (as
Comunica or a ``requests.Session`` do).

The two servers take turns ``--rounds`` times in each mix (Oxigraph first in odd rounds,
abegraph first in even ones), so that other work on a shared machine weighs on both alike;
the figures are the medians over the rounds, and the ratio is the median of each round's ratio.

Run: ``python -m bench.endpoint --scale 100k`` (the ``oxigraph`` command comes with
``pip install oxigraph``, a test dependency).

Example
-------
>>> from bench.endpoint import QUERIES, percentile
>>> sorted(QUERIES)[:2]
['agency-holdings', 'by-dimension']
>>> percentile([1, 2, 3, 4], 50)
2.5
>>> cpu_seconds(os.getpid()) > 0
True
"""
from __future__ import annotations

import argparse
import http.client
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

__all__ = ["QUERIES", "SAVED", "percentile", "run_clients", "cpu_seconds", "main"]

_P = ("PREFIX abe: <https://w3id.org/abegraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
      "PREFIX dcat: <http://www.w3.org/ns/dcat#> ")
#: the query mix: what a researcher's script asks most (point lookups, a join, an aggregate)
QUERIES = {
    "agency-label": _P + "SELECT ?l WHERE { ?a a abe:Agency ; rdfs:label ?l } LIMIT 50",
    "agency-holdings": _P + "SELECT ?r ?l WHERE { ?r abe:heldBy ?a ; rdfs:label ?l . ?a a abe:Agency } LIMIT 200",
    "by-dimension": _P + "SELECT ?d (COUNT(?r) AS ?n) WHERE { ?r abe:dimension ?d } GROUP BY ?d",
    "personal-datasets": _P + "SELECT ?ds ?k WHERE { ?ds a dcat:Dataset ; abe:personalData true ; abe:linkKey ?k } LIMIT 500",
}
#: the saved questions that answer within a second at 100k triples (the others take seconds
#: in either engine, which would measure the engine alone)
SAVED = ("agencies", "budget-by-issue", "datasets-by-link-key", "issues-without-resources", "personal-datasets",
         "root-causes", "sources")
_TOKEN = "bench-endpoint-token"


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (linear interpolation)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process ``pid`` has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


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


def run_clients(url: str, clients: int, seconds: float, queries: list[str] | None = None,
                keep_alive: bool = False) -> dict:
    """``clients`` threads send ``queries`` (default :data:`QUERIES`) in turn for ``seconds``;
    returns throughput and latency. A non-200 answer counts as a failure."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    queries = list(queries or QUERIES.values())
    parts = urllib.parse.urlsplit(url)
    headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}

    def client(n: int) -> None:
        i = n
        conn = None
        while time.monotonic() < stop_at:
            body = urllib.parse.urlencode({"query": queries[i % len(queries)]}).encode()
            start = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                conn.request("POST", parts.path, body, headers if keep_alive else {**headers, "Connection": "close"})
                answer = conn.getresponse()
                answer.read()
                if not keep_alive or answer.will_close:
                    conn.close()
                    conn = None
                with lock:
                    if answer.status == 200:
                        latencies.append(time.monotonic() - start)
                    else:
                        failures.append(f"HTTP {answer.status}")
            except (http.client.HTTPException, ConnectionError, OSError) as err:
                if conn is not None:
                    conn.close()
                conn = None
                with lock:
                    failures.append(str(err)[:100])
            i += 1
        if conn is not None:
            conn.close()

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


def _load(nt: Path, folder: Path) -> float:
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    started = time.monotonic()
    with Store.open(folder) as store:
        load_files(store, [nt])
    return time.monotonic() - started


def _abegraph(folder: Path, cache: bool, workers: int) -> tuple[subprocess.Popen, str, float]:
    """``abegraph serve`` with its default limits (30 s, 50 MB results, 1000 MB per worker,
    fairness, the SERVICE/LOAD guard), updates allowed with a token (for the cache check)."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "abegraph.cli", "--store", str(folder), "serve", "--port",
                                str(port), "--timeout", "30", "--max-result-mb", "50", "--max-memory-mb", "1000",
                                "--workers", str(workers), "--cache-mb", "64" if cache else "0",
                                "--allow-update"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "ABEGRAPH_UPDATE_TOKEN": _TOKEN})
    url = f"http://127.0.0.1:{port}/sparql"
    return process, url, _wait(url, process, 120)


def _oxigraph(folder: Path, executable: str) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    process = subprocess.Popen([executable, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph", "--timeout-s", "30"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    return process, url, _wait(url, process, 120)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def _cache_check(url: str, query: str) -> dict:
    """Ask ``query`` twice, write a triple through the endpoint, ask again: the cache must have
    served the second answer and not the third."""
    def ask():
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                         headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.headers.get("X-Abegraph-Cache"), answer.read().decode().split()

    ask()
    second = ask()
    update = urllib.parse.urlencode({"update": "INSERT DATA { GRAPH <urn:bench> { <urn:bench:a> <urn:bench:b> 'x' } }"})
    request = urllib.request.Request(url, data=update.encode(), headers={"Authorization": f"Bearer {_TOKEN}"})
    urllib.request.urlopen(request, timeout=60).read()
    third = ask()
    return {"before": second[0], "after_update": third[0], "invalidated": second[0] == "hit" and third[0] == "miss"}


def _measured(pid: int, url: str, args, queries) -> dict:
    """One run of the clients against the server ``pid`` (and its children: abegraph's workers),
    with the CPU time each spent per answered request."""
    run_clients(url, args.clients, 1.0, queries, args.keep_alive)  # warm up: first connections, caches
    processes = {pid: "server", **{child: "workers" for child in _children(pid)}}
    before = {p: cpu_seconds(p) for p in processes}
    run = run_clients(url, args.clients, args.seconds, queries, args.keep_alive)
    used = {"server": 0.0, "workers": 0.0}
    for p, role in processes.items():
        used[role] += max(cpu_seconds(p) - before[p], 0.0)
    answered = max(run["requests"], 1)
    return {**run, "cpu_ms_server": used["server"] / answered * 1000, "cpu_ms_workers": used["workers"] / answered * 1000}


def _median(values: list[float]) -> float:
    return percentile(values, 50)


def _summary(runs: dict[str, list[dict]]) -> dict:
    """Medians over the rounds for each server, and the median of each round's ratio to Oxigraph."""
    names = list(runs)
    summary = {name: {"rounds": rs, **{key: _median([r[key] for r in rs]) for key in (
        "qps", "p50_ms", "p95_ms", "cpu_ms_server", "cpu_ms_workers")}, "failures": sum(r["failures"] for r in rs)}
        for name, rs in runs.items()}
    for name in names[1:]:
        ratios = [a["qps"] / max(o["qps"], 1e-9) for a, o in zip(runs[name], runs[names[0]])]
        summary[name]["qps_ratio_per_round"] = ratios
        summary[name]["qps_ratio"] = _median(ratios)
    return summary


def _parser() -> str:
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "h11"
    return "httptools"


def _print(title: str, row: dict, clients: int, seconds: float, rounds: int) -> None:
    names = list(row)
    o = row["oxigraph"]
    print(f"\n{title}, {clients} clients, {rounds} x {seconds:g} s each, medians; ratio = abegraph / Oxigraph")
    print(f"{'':26}" + "".join(f"{n:>16}" for n in names) + "".join(f"{'x ' + n:>18}" for n in names[1:]))
    for label, key, fmt, ratio in (("queries/s", "qps", ".1f", True), ("p50 latency (ms)", "p50_ms", ".0f", True),
                                   ("p95 latency (ms)", "p95_ms", ".0f", True),
                                   ("CPU ms/request, server", "cpu_ms_server", ".2f", False),
                                   ("CPU ms/request, workers", "cpu_ms_workers", ".2f", False),
                                   ("failed requests", "failures", "d", False)):
        line = f"{label:26}" + "".join(f"{row[n][key]:>16{fmt}}" for n in names)
        if ratio:
            line += "".join(f"{(row[n]['qps_ratio'] if key == 'qps' else row[n][key] / max(o[key], 1e-9)):>17.2f}x"
                            for n in names[1:])
        print(line)
    for n in names[1:]:
        print(f"{'ratio in each round':26}" + "  ".join(f"{r:.2f}x" for r in row[n]["qps_ratio_per_round"]))


def main(argv: list[str] | None = None) -> int:
    from abegraph.graph.questions import questions

    from bench.synthetic import SCALES, write_nation_nt

    parser = argparse.ArgumentParser(prog="python -m bench.endpoint", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", action="append", choices=sorted(SCALES), help="repeatable (default: 100k)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10, help="length of each run (default: 10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each server per mix, taking turns (default: 3); medians are reported")
    parser.add_argument("--keep-alive", action="store_true", help="one connection per client, kept open")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1),
                        help="abegraph's query workers (default: 2 per CPU; a worker waits on the hand-off "
                             "to and from the web process about a third of the time)")
    parser.add_argument("--out", default="bench/out")
    parser.add_argument("--oxigraph", default=shutil.which("oxigraph"), help="the oxigraph command (pip install oxigraph)")
    args = parser.parse_args(argv)
    if not args.oxigraph:
        parser.error("the oxigraph command is not installed: pip install oxigraph (or pass --oxigraph PATH)")
    out = Path(args.out)
    saved = [questions()[name].sparql_for("en") for name in SAVED]
    results = {"parser": _parser(), "keep_alive": args.keep_alive, "cpus": os.cpu_count(), "workers": args.workers,
               "load_average": os.getloadavg()[0]}
    for scale in args.scale or ["100k"]:
        nt = out / f"nation-{scale}.nt"
        if not nt.exists():
            write_nation_nt(nt, SCALES[scale])
        mixes = {"queries": {}, "saved questions": {}}
        with tempfile.TemporaryDirectory(prefix="abegraph-endpoint-") as tmp:
            folder = Path(tmp) / "store"
            loaded = _load(nt, folder)
            contenders = {"queries": (("oxigraph", lambda: _oxigraph(folder, args.oxigraph)),
                                      ("abegraph", lambda: _abegraph(folder, False, args.workers))),
                          "saved questions": (("oxigraph", lambda: _oxigraph(folder, args.oxigraph)),
                                              ("abegraph+cache", lambda: _abegraph(folder, True, args.workers)))}
            for mix, pair in contenders.items():
                queries = saved if mix == "saved questions" else None
                runs: dict[str, list[dict]] = {name: [] for name, _ in pair}
                for round_ in range(args.rounds):
                    for name, start in (pair if round_ % 2 == 0 else pair[::-1]):
                        process, url, ready = start()
                        try:
                            runs[name].append({"ready_s": round(ready, 1),
                                               **_measured(process.pid, url, args, queries)})
                            if name == "abegraph+cache" and round_ == args.rounds - 1:
                                mixes["cache_check"] = _cache_check(url, saved[0])
                        finally:
                            _stop(process)
                mixes[mix] = _summary(runs)
        results[scale] = {"loaded_s": round(loaded, 1), **mixes}
        load = results["load_average"]  # before this run's own processes started
        print(f"\n== {scale} triples (loaded in {loaded:.1f} s); abegraph: {args.workers} workers, "
              f"HTTP parser {results['parser']}; "
              f"{'keep-alive' if args.keep_alive else 'a new connection per request'}; load average before the run "
              f"{load:.1f} on {os.cpu_count()} CPUs{' (BUSY: shared with other work)' if load > 0.5 else ''}")
        _print("query mix, abegraph with its limits on and no cache", mixes["queries"], args.clients, args.seconds,
               args.rounds)
        _print("saved questions, abegraph with its limits on and the answer cache", mixes["saved questions"],
               args.clients, args.seconds, args.rounds)
        check = mixes["cache_check"]
        print(f"cache: second ask {check['before']}, after an update {check['after_update']} -> "
              f"{'invalidated' if check['invalidated'] else 'NOT INVALIDATED'}")
        print("target: abegraph queries/s >= 1x Oxigraph with its limits on, and well above with the cache")
    out.mkdir(parents=True, exist_ok=True)
    (out / "endpoint.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if all(r["cache_check"]["invalidated"] for k, r in results.items() if isinstance(r, dict)) else 1


if __name__ == "__main__":
    sys.exit(main())
