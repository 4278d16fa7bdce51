"""Benchmark: ``abegraph analyze all`` against the plain rdflib + NetworkX way, same input.

abegraph loads the file in one process and, as ``abegraph analyze all`` would, reads the network
from its store with SPARQL in another and runs every analysis (sparse
projection, sampled betweenness above a size, sparse constraint, block-cut single points).
The plain way parses the same N-Triples with rdflib, reads the holdings with rdflib SPARQL,
projects with ``networkx.algorithms.bipartite.weighted_projected_graph`` and runs the exact
NetworkX algorithms (betweenness, eigenvector, constraint and effective size, Louvain,
articulation points, cycles and descendants). Each side runs in its own process; the plain
way is cut at ``--cap`` seconds and its unfinished steps are reported as lower bounds.

With ``--province N``, the input is instead one synthetic province workbook of N resource rows
(3,000 resources of about 400 agencies by default: the size of a real large province). abegraph
loads it, then runs ``analyze all`` and writes the Thai atlas (``report``), as the commands do; the
plain way reads the same graph (exported to N-Triples) and also lays out the agencies map with
``networkx.spring_layout``, the plain way's part of a report. Targets: ``analyze all`` <= 10 s,
``report`` <= 20 s.

Run: ``python -m bench.analyses --scale 100k`` (or ``1m``; ``--abegraph-only`` leaves out the plain
way, which takes about 7 minutes at ``1m``), or ``python -m bench.analyses
--province 3000`` (see bench/README.md).

Example
-------
>>> from bench.analyses import PLAIN_STEPS
>>> PLAIN_STEPS[:3]
['rdflib parse', 'rdflib SPARQL', 'bipartite projection']
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["PLAIN_STEPS", "main"]

PLAIN_STEPS = ["rdflib parse", "rdflib SPARQL", "bipartite projection", "betweenness (exact)", "eigenvector",
               "constraint + effective size", "louvain", "articulation points", "causal cycles + descendants"]
#: the plain way's part of a report beyond the analyses (measured with ``--province``)
PLAIN_REPORT_STEPS = ["spring layout (agencies)"]

_HOLDINGS = """PREFIX abe: <https://w3id.org/abegraph/ns#>
SELECT ?asset ?agency WHERE { { ?asset abe:heldBy ?agency } UNION { ?asset abe:sharedWith ?agency } }"""
_CAUSES = "PREFIX abe: <https://w3id.org/abegraph/ns#> SELECT ?c ?e WHERE { ?c abe:causes ?e }"


def _plain(nt: str, out, layout: bool = False) -> None:  # pragma: no cover - runs in a child process
    import networkx as nx
    from networkx.algorithms import bipartite
    from rdflib import Graph

    def step(name, start):
        out.put((name, time.perf_counter() - start))

    t = time.perf_counter()
    g = Graph()
    g.parse(nt, format="nt")
    step("rdflib parse", t)
    t = time.perf_counter()
    rows = list(g.query(_HOLDINGS))
    causes = list(g.query(_CAUSES))
    step("rdflib SPARQL", t)
    t = time.perf_counter()
    B = nx.Graph()
    agencies = {str(a) for _, a in rows}
    B.add_nodes_from(agencies, bipartite=0)
    B.add_edges_from((str(r), str(a)) for r, a in rows)
    A = bipartite.weighted_projected_graph(B, agencies)
    step("bipartite projection", t)
    t = time.perf_counter()
    nx.betweenness_centrality(A)
    step("betweenness (exact)", t)
    t = time.perf_counter()
    for component in nx.connected_components(A):
        if len(component) > 1:
            nx.eigenvector_centrality(A.subgraph(component), max_iter=1000, weight="weight")
    step("eigenvector", t)
    t = time.perf_counter()
    nx.constraint(A, weight="weight")
    nx.effective_size(A)
    step("constraint + effective size", t)
    t = time.perf_counter()
    nx.community.louvain_communities(A, weight="weight", seed=42)
    step("louvain", t)
    t = time.perf_counter()
    list(nx.articulation_points(A))
    list(nx.articulation_points(B))
    step("articulation points", t)
    t = time.perf_counter()
    C = nx.DiGraph((str(c), str(e)) for c, e in causes)
    list(nx.simple_cycles(C, length_bound=8))
    for node in C:
        nx.descendants(C, node)
    step("causal cycles + descendants", t)
    if layout:
        t = time.perf_counter()
        nx.spring_layout(A, seed=0)
        step("spring layout (agencies)", t)
    out.put(("done", 0.0))


def _abegraph_load(nt: str, folder: str, out) -> None:  # pragma: no cover - runs in a child process
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    with Store.open(Path(folder) / "store") as store:
        t = time.perf_counter()
        load_files(store, [nt])
        out.put(("load (not compared)", time.perf_counter() - t))
    out.put(("done", 0.0))


def _abegraph(nt: str, folder: str, out) -> None:  # pragma: no cover - runs in a child process
    """``analyze all`` as the command runs it, in a process of its own after the load's
    (:func:`~abegraph.network.analyses.run_all`: one read, each projection once), each step
    timed through its progress callback."""
    from abegraph.graph.store import Store
    from abegraph.network.analyses import run_all

    with Store.open(Path(folder) / "store") as store:
        step, started = None, time.perf_counter()

        def progress(name, done, total):
            nonlocal step, started
            now = time.perf_counter()
            if step is not None:
                out.put((step.replace("analysis: ", "").replace("reading the network", "read network (SPARQL)"),
                         now - started))
            step, started = name, now

        rows = run_all(store, progress=progress)
        out.put((f"rows written ({len(rows)})", 0.0))
    out.put(("done", 0.0))


def _abegraph_province(xlsx: str, nt: str, out) -> None:  # pragma: no cover - runs in a child process
    from abegraph.graph.export import export as export_store
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files
    from abegraph.network.analyses import run_all
    from abegraph.visualize.report import write_report

    with tempfile.TemporaryDirectory(prefix="abegraph-province-") as tmp:
        with Store.open(Path(tmp) / "store") as store:
            t = time.perf_counter()
            load_files(store, [xlsx])
            out.put(("load (not compared)", time.perf_counter() - t))
            with open(nt, "wb") as stream:  # the same graph for the plain way
                export_store(store, stream, "nt", None)
            t = time.perf_counter()
            rows = run_all(store, lang="th")
            out.put((f"analyze all ({len(rows)} rows)", time.perf_counter() - t))
            t = time.perf_counter()
            write_report(Path(tmp) / "atlas.html", store, lang="th")
            out.put(("report (Thai atlas)", time.perf_counter() - t))
    out.put(("done", 0.0))


def _run(target, nt: str, cap: float, *extra) -> tuple[dict, bool]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(nt, *extra, queue))
    process.start()
    steps, deadline, finished = {}, time.monotonic() + cap, False
    while time.monotonic() < deadline:
        try:
            name, seconds = queue.get(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:  # queue.Empty: the cap was reached
            break
        if name == "done":
            finished = True
            break
        steps[name] = seconds
        print(f"  {name}: {seconds:.2f} s", flush=True)
    if process.is_alive():
        process.kill()
    process.join()
    return steps, finished


def main(argv: list[str] | None = None) -> int:
    from bench.synthetic import SCALES, write_nation_nt

    parser = argparse.ArgumentParser(prog="python -m bench.analyses", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="100k")
    parser.add_argument("--cap", type=float, default=600, help="seconds the plain way may take in all")
    parser.add_argument("--province", type=int, metavar="N",
                        help="one province workbook of N resource rows instead of a nation (3000: ~400 agencies)")
    parser.add_argument("--out", default="bench/out")
    parser.add_argument("--abegraph-only", action="store_true", help="time abegraph alone (no plain way)")
    args = parser.parse_args(argv)
    if args.province:
        return _province(args)
    nt = Path(args.out) / f"nation-{args.scale}.nt"
    if not nt.exists():
        write_nation_nt(nt, SCALES[args.scale])
    print(f"abegraph load, then analyze all in a new process, on {nt}:")
    with tempfile.TemporaryDirectory(prefix="abegraph-analyses-") as folder:
        loaded, _ = _run(_abegraph_load, str(nt), 3600, folder)
        ours, ours_done = _run(_abegraph, str(nt), 3600, folder)
    ours = {**loaded, **ours}
    ours_total = sum(v for k, v in ours.items() if not k.startswith("load"))
    if args.abegraph_only:
        print(f"\n{args.scale}: abegraph read + all analyses {ours_total:.1f} s   (target at 1m: <= 30 s, issue 14)")
        return 0
    print(f"plain rdflib + NetworkX on {nt} (cap {args.cap:g} s):")
    plain, plain_done = _run(_plain, str(nt), args.cap)
    plain_total = sum(plain.values())
    missing = [s for s in PLAIN_STEPS if s not in plain]
    bound = "" if plain_done else ">= "
    print(f"\n{args.scale}: abegraph read + all analyses {ours_total:.1f} s; plain way {bound}{plain_total:.1f} s"
          + (f" (not finished: {', '.join(missing)})" if missing else ""))
    print(f"ratio: {bound}{plain_total / max(ours_total, 1e-9):.1f}x   (targets at 1m: analyze all <= 30 s, issue 14; >= 10x the plain way)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"analyses-{args.scale}.json").write_text(json.dumps(
        {"abegraph": ours, "abegraph_finished": ours_done, "plain": plain, "plain_finished": plain_done,
         "cap_seconds": args.cap}, indent=2), encoding="utf-8")
    return 0


def _province(args) -> int:
    from bench.synthetic import write_workbook_rows

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    xlsx, nt = out / f"workbook-{args.province}.xlsx", out / f"province-{args.province}.nt"
    if not xlsx.exists():
        write_workbook_rows(xlsx, args.province)
    print(f"abegraph on {xlsx}:")
    ours, ours_done = _run(_abegraph_province, str(xlsx), 3600, str(nt))
    print(f"plain rdflib + NetworkX on the same graph ({nt}, cap {args.cap:g} s):")
    plain, plain_done = _run(_plain_with_layout, str(nt), args.cap)
    bound = "" if plain_done else ">= "
    analyze = next((v for k, v in ours.items() if k.startswith("analyze all")), float("nan"))
    report = ours.get("report (Thai atlas)", float("nan"))
    plain_analyze = sum(v for k, v in plain.items() if k in PLAIN_STEPS)
    plain_report = plain_analyze + sum(v for k, v in plain.items() if k in PLAIN_REPORT_STEPS)
    missing = [s for s in PLAIN_STEPS + PLAIN_REPORT_STEPS if s not in plain]
    print(f"\n{args.province} resources: analyze all {analyze:.1f} s (target <= 10 s), plain way {bound}"
          f"{plain_analyze:.1f} s: {bound}{plain_analyze / analyze:.1f}x")
    print(f"report {report:.1f} s (target <= 20 s), plain analyses + layout {bound}{plain_report:.1f} s: "
          f"{bound}{plain_report / report:.1f}x" + (f"\n(plain way not finished: {', '.join(missing)})" if missing else ""))
    (out / f"analyses-province-{args.province}.json").write_text(json.dumps(
        {"abegraph": ours, "abegraph_finished": ours_done, "plain": plain, "plain_finished": plain_done,
         "cap_seconds": args.cap}, indent=2), encoding="utf-8")
    return 0


def _plain_with_layout(nt: str, out) -> None:  # pragma: no cover - runs in a child process
    _plain(nt, out, layout=True)


if __name__ == "__main__":
    sys.exit(main())
