"""Load-and-query benchmark: abegraph (Oxigraph on disk) against plain rdflib, same data, same SPARQL.

For each scale (``100k``: 8 synthetic provinces, about 97,000 triples; ``1m``: all 77, about
995,000) the synthetic nation's N-Triples file is made if missing (:mod:`bench.synthetic`),
then each contender runs in its own child process, so that its peak memory is its own:

* **abegraph**: ``Store.open(tmpdir)`` (a real on-disk store) and ``load_files(store, [file.nt])``,
  which also loads the bundled vocabulary into ``abeg:vocabulary`` and records provenance;
  then every saved question (``questions()``, English labels) through ``store.query``.
* **rdflib**: ``rdflib.Dataset(default_union=True)``; the file is parsed (``format="nt"``) into the
  same named graph abegraph uses, the vocabulary into ``abeg:vocabulary`` and the same six
  provenance triples into the file's graph, so both hold the same quads; then the same SPARQL
  text through rdflib's own engine.

Each question runs once as a warm-up (timed); when that took under ``--slow`` seconds it runs
``--repeat`` more times and the median is reported, otherwise the warm-up time is the figure.
Every run is capped at ``--timeout`` seconds (default 120 s at 100k, 60 s at 1m): rdflib is
interrupted in-process (SIGALRM), abegraph (whose query runs in Rust) is killed by the parent and
restarted on the same store for the next question. With ``--scale all`` a question that already
exceeded the 1m cap at 100k is not run again at 1m (the 100k nation is a subset of the 1m one),
and is reported as over the cap. A child whose memory grows past ``--max-rss-mb`` is killed too.

Results are checked (the number of rows of each question must be equal), printed as a table
with the targets beside them, and written as JSON (and the table as text) to the out folder.
The third part loads the 10,000-resource-row workbook: ``validate_files`` then ``load_files``
into a fresh on-disk store (target ≤ 10 s together), with the time of each phase.

    python -m bench.load_query --scale 100k
    python -m bench.load_query --scale all --out bench/out
    python -m bench.load_query --xlsx-only --profile
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["main", "TARGETS"]

#: the targets printed beside the results (ratios are rdflib / abegraph: higher is better)
TARGETS = {"load_speedup": 10.0, "memory_ratio": 3.0, "query_speedup_1m": 20.0, "xlsx_seconds": 10.0}
DEFAULT_TIMEOUT = {"100k": 120.0, "1m": 60.0}
SCALE_ORDER = ("100k", "1m")


# =============================================================================================
# child side: one contender in one process, reporting JSON lines on stdout
# =============================================================================================

def _status_mb(field: str) -> float:
    """VmHWM (peak) or VmRSS (current) of this process, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _emit(**event) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def _timed(fn, cap: float) -> dict:
    """Run ``fn`` (which returns a row count) once under an in-process time cap."""
    signal.setitimer(signal.ITIMER_REAL, cap)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        rows = fn()
        return {"status": "ok", "rows": rows, "seconds": time.perf_counter() - started,
                "cpu": time.process_time() - cpu}
    except _Timeout:
        return {"status": "timeout", "seconds": time.perf_counter() - started}
    except Exception as err:  # noqa: BLE001 - an engine's failure is a result, not a crash
        return {"status": "error", "seconds": time.perf_counter() - started,
                "error": f"{type(err).__name__}: {err}"[:300]}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _run_questions(run_query, names: list[str], args) -> None:
    signal.signal(signal.SIGALRM, _on_alarm)
    # the SPARQL texts the parent froze for this scale, so both contenders run the same text
    saved = json.loads(Path(args.questions_file).read_text(encoding="utf-8"))
    for index, name in enumerate(names):
        if index < args.start:
            continue
        if name in args.skip:
            _emit(event="question", name=name, status="skipped", index=index)
            continue
        sparql = saved[name]
        _emit(event="run", name=name, index=index, run=0)
        warm = _timed(lambda: run_query(sparql), args.timeout)
        result = {"name": name, "index": index, "status": warm["status"], "warmup": round(warm["seconds"], 4)}
        if warm["status"] == "ok":
            result["rows"] = warm["rows"]
            times, cpus = [], []
            if warm["seconds"] < args.slow:
                for run in range(1, args.repeat + 1):
                    _emit(event="run", name=name, index=index, run=run)
                    again = _timed(lambda: run_query(sparql), args.timeout)
                    if again["status"] != "ok":
                        break
                    times.append(again["seconds"])
                    cpus.append(again["cpu"])
            result["times"] = [round(t, 4) for t in times]
            result["seconds"] = round(statistics.median(times) if times else warm["seconds"], 4)
            result["cpu_seconds"] = round(statistics.median(cpus) if cpus else warm["cpu"], 4)
        elif "error" in warm:
            result["error"] = warm["error"]
        _emit(event="question", **result)
    _emit(event="done", vmhwm_mb=round(_status_mb("VmHWM"), 1), rss_mb=round(_status_mb("VmRSS"), 1))


def _phase_timer():
    """Wrap the stages of ``load_files`` with timers (negligible overhead); returns the dict."""
    import abegraph.loaders.pipeline as pipeline
    from abegraph.graph.store import Store

    phases: dict[str, float] = {}

    def wrap(owner, attr, label):
        original = getattr(owner, attr, None)
        if original is None:
            return

        def timed(*a, **kw):
            started = time.perf_counter()
            try:
                return original(*a, **kw)
            finally:
                phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, attr, timed)

    wrap(pipeline, "read_source", "read file")
    wrap(pipeline, "_store_context", "names already in the store")
    wrap(pipeline, "convert_sources", "check and convert rows")
    wrap(pipeline, "shacl_problems", "SHACL validation")
    wrap(pipeline, "load_vocabulary", "load vocabulary graph")
    wrap(Store, "replace_graphs", "write to store")
    return phases


def _baseline() -> float:
    """Resident memory once the modules both contenders use are imported (the same for both)."""
    import pyoxigraph  # noqa: F401
    import rdflib  # noqa: F401

    import abegraph.graph.questions  # noqa: F401
    import abegraph.loaders.pipeline  # noqa: F401

    return _status_mb("VmRSS")


def _child_abegraph(args) -> None:
    baseline = _baseline()
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    store = Store.open(args.store)
    if not args.resume:
        phases = _phase_timer()
        started, cpu = time.perf_counter(), time.process_time()
        report = load_files(store, [args.file])
        seconds = time.perf_counter() - started
        _emit(event="load", seconds=round(seconds, 3), cpu_seconds=round(time.process_time() - cpu, 3),
              quads=len(store), errors=len(report.errors),
              baseline_mb=round(baseline, 1), vmhwm_mb=round(_status_mb("VmHWM"), 1),
              rss_mb=round(_status_mb("VmRSS"), 1), phases={k: round(v, 3) for k, v in phases.items()})
    else:
        _emit(event="resumed", quads=len(store))

    def run_query(sparql: str) -> int:
        return sum(1 for _ in store.query(sparql))

    _run_questions(run_query, args.names, args)
    store.close()


def _child_rdflib(args) -> None:
    baseline = _baseline()
    import datetime as dt
    import hashlib

    import rdflib
    from rdflib import Literal
    from rdflib.namespace import PROV, RDF, RDFS, XSD

    from abegraph.loaders.sources import source_name
    from abegraph.ontology import vocabulary_graph
    from abegraph.ontology.namespace import ABE, graph_iri

    VOCABULARY = graph_iri("vocabulary")
    path = Path(args.file)
    started, cpu = time.perf_counter(), time.process_time()
    dataset = rdflib.Dataset(default_union=True)
    name = graph_iri(source_name(path))
    graph = dataset.graph(name)
    graph.parse(str(path), format="nt")
    vocabulary = dataset.graph(VOCABULARY)
    for triple in vocabulary_graph():
        vocabulary.add(triple)
    # the provenance abegraph records for a loaded file (pipeline._provenance), so both hold the same quads
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    for triple in [(name, RDF.type, ABE.Source), (name, RDF.type, PROV.Entity),
                   (name, ABE.fileName, Literal(path.name)), (name, ABE.sha256, Literal(digest)),
                   (name, PROV.generatedAtTime, Literal(now, datatype=XSD.dateTime)),
                   (name, RDFS.label, Literal(path.name))]:
        graph.add(triple)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    quads = sum(len(g) for g in dataset.graphs())
    if not args.resume:
        _emit(event="load", seconds=round(seconds, 3), cpu_seconds=round(cpu, 3), quads=quads, errors=0,
              baseline_mb=round(baseline, 1),
              vmhwm_mb=round(_status_mb("VmHWM"), 1), rss_mb=round(_status_mb("VmRSS"), 1))
    else:
        _emit(event="resumed", quads=quads)

    def run_query(sparql: str) -> int:
        return sum(1 for _ in dataset.query(sparql))

    _run_questions(run_query, args.names, args)


def _child_xlsx(args) -> None:
    baseline = _baseline()
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files, validate_files

    path = Path(args.file)
    phases = _phase_timer()
    started = time.perf_counter()
    report = validate_files([path])
    validate_seconds = time.perf_counter() - started
    validate_phases = dict(phases)
    phases.clear()
    store = Store.open(args.store)
    started = time.perf_counter()
    if args.profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    load_files(store, [path])
    load_seconds = time.perf_counter() - started
    if args.profile:
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        out.write(f"cProfile of load_files({path.name}) (times inflated by the profiler)\n\n")
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(30)
        Path(args.profile).write_text(out.getvalue(), encoding="utf-8")
    _emit(event="xlsx", file=path.name, resources=report.accepted.get("resources", 0), accepted=report.accepted,
          errors=len(report.errors), warnings=len(report.warnings), quads=len(store),
          validate_seconds=round(validate_seconds, 3), load_seconds=round(load_seconds, 3),
          validate_phases={k: round(v, 3) for k, v in validate_phases.items()},
          load_phases={k: round(v, 3) for k, v in phases.items()}, profiled=bool(args.profile),
          baseline_mb=round(baseline, 1), vmhwm_mb=round(_status_mb("VmHWM"), 1))
    store.close()


def child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="load_query --child")
    parser.add_argument("--child", choices=["abegraph", "rdflib", "xlsx"], required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--store")
    parser.add_argument("--names", default="")
    parser.add_argument("--questions-file", default="")
    parser.add_argument("--skip", default="")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--slow", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="")
    args = parser.parse_args(argv)
    args.names = [n for n in args.names.split(",") if n]
    args.skip = {n for n in args.skip.split(",") if n}
    {"abegraph": _child_abegraph, "rdflib": _child_rdflib, "xlsx": _child_xlsx}[args.child](args)
    return 0


# =============================================================================================
# parent side: start children, enforce caps, compare, print, save
# =============================================================================================

def _rss_of(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _loadavg() -> float:
    """The 1-minute load average of the machine (other processes slow the figures down)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def _kill(proc: subprocess.Popen) -> None:
    """Kill one child we started (its own process group) and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


class Child:
    """One child process: JSON events from its stdout, a deadline, an RSS limit."""

    def __init__(self, argv: list[str], log: Path):
        self.log = log.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     encoding="utf-8", start_new_session=True)
        self.events: queue.Queue = queue.Queue()
        self.peak_rss = 0.0
        self.loads: list[float] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            line = line.strip()
            if line.startswith("{"):
                try:
                    self.events.put(json.loads(line))
                except json.JSONDecodeError:
                    pass
        self.events.put(None)

    def next_event(self, deadline: float, max_rss_mb: float) -> dict | str | None:
        """The next event; ``"timeout"`` or ``"memory"`` when the child had to be killed;
        None when it ended."""
        while True:
            try:
                return self.events.get(timeout=0.25)
            except queue.Empty:
                self.loads.append(_loadavg())
                rss = _rss_of(self.proc.pid)
                self.peak_rss = max(self.peak_rss, rss)
                if rss > max_rss_mb:
                    _kill(self.proc)
                    return "memory"
                if time.monotonic() > deadline:
                    _kill(self.proc)
                    return "timeout"

    def close(self) -> None:
        if self.proc.poll() is None:
            _kill(self.proc)
        self.log.close()


def _run_contender(contender: str, nt: Path, names: list[str], questions_file: Path, skip: set[str], args,
                   timeout: float, log: Path) -> dict:
    """Load and query with one contender; restarts the child after a kill."""
    store = tempfile.mkdtemp(prefix=f"abegraph-bench-{contender}-") if contender == "abegraph" else None
    result: dict = {"contender": contender, "questions": {}, "restarts": 0, "query_vmhwm_mb": 0.0,
                    "loadavg_samples": []}
    start, resume = 0, False
    grace = 5.0
    try:
        while True:
            argv = [sys.executable, "-m", "bench.load_query", "--child", contender, "--file", str(nt),
                    "--names", ",".join(names), "--questions-file", str(questions_file),
                    "--skip", ",".join(sorted(skip)), "--start", str(start),
                    "--timeout", str(timeout), "--slow", str(args.slow), "--repeat", str(args.repeat)]
            if store:
                argv += ["--store", store]
            if resume:
                argv.append("--resume")
            child = Child(argv, log)
            deadline = time.monotonic() + args.load_timeout
            current = None
            finished = False
            try:
                while True:
                    event = child.next_event(deadline, args.max_rss_mb)
                    if event is None:  # ended without "done": a crash
                        if current is None:
                            raise RuntimeError(f"{contender} child ended unexpectedly; see {log}")
                        result["questions"][current] = {"name": current, "status": "crashed"}
                        break
                    if isinstance(event, str):  # killed by us
                        if current is None:
                            raise RuntimeError(f"{contender}: the load was stopped ({event}); see {log}")
                        why = (f" above {args.max_rss_mb:.0f} MB" if event == "memory"
                               else f" after {timeout:.0f} s + {grace:.0f} s grace")
                        killed = {"name": current, "status": event, "note": "killed by the parent" + why}
                        result["questions"][current] = killed
                        _progress(f"  {contender}: {current:<26} {_fmt_status(killed)} (killed)")
                        break
                    kind = event.pop("event")
                    if kind == "load":
                        result["load"] = event
                        _progress(f"  {contender}: loaded {event['quads']:,} quads in {event['seconds']:.1f} s, "
                                  f"peak {event['vmhwm_mb']:.0f} MB")
                    elif kind == "run":
                        current = event["name"]
                        deadline = time.monotonic() + timeout + grace
                    elif kind == "question":
                        current = None
                        deadline = time.monotonic() + args.load_timeout
                        result["questions"][event["name"]] = event
                        _progress(f"  {contender}: {event['name']:<26} {_fmt_status(event)}")
                    elif kind == "done":
                        result["query_vmhwm_mb"] = max(result["query_vmhwm_mb"], event["vmhwm_mb"])
                        finished = True
                        break
            finally:
                result["query_vmhwm_mb"] = max(result["query_vmhwm_mb"], child.peak_rss)
                result["loadavg_samples"] += child.loads
                child.close()
            if finished:
                break
            start = max(names.index(n) for n in result["questions"]) + 1
            if start >= len(names):
                break
            resume = True
            result["restarts"] += 1
    finally:
        if store:
            shutil.rmtree(store, ignore_errors=True)
    return result


def _fmt_status(q: dict | None) -> str:
    if not q:
        return "-"
    status = q.get("status")
    if status == "ok":
        return f"{q['seconds']:.3f} s, {q['rows']:,} rows"
    return {"timeout": "over the cap", "memory": "over the memory limit", "skipped": "skipped",
            "error": "error: " + q.get("error", "")[:80], "crashed": "crashed"}.get(status, str(status))


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return a / b


def _geomean(values: list[float]) -> float | None:
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def _compare(scale: str, nt: Path, stats: dict, abe: dict, rdf: dict, timeout: float) -> dict:
    rows = []
    measured, bounds, cpu_measured = [], [], []
    mismatches = []
    for name in abe["names"]:
        a, r = abe["questions"].get(name, {}), rdf["questions"].get(name, {})
        row = {"name": name, "abegraph": a, "rdflib": r, "ratio": None, "ratio_kind": None, "rows_match": None}
        if a.get("status") == "ok" and r.get("status") == "ok":
            row["ratio"] = _ratio(r["seconds"], a["seconds"])
            row["ratio_kind"] = "measured"
            measured.append(row["ratio"])
            row["cpu_ratio"] = _ratio(r.get("cpu_seconds"), a.get("cpu_seconds"))
            if row["cpu_ratio"]:
                cpu_measured.append(row["cpu_ratio"])
            row["rows_match"] = a["rows"] == r["rows"]
            if not row["rows_match"]:
                mismatches.append(name)
        elif a.get("status") == "ok" and r.get("status") in ("timeout", "skipped", "memory"):
            row["ratio"] = _ratio(timeout, a["seconds"])
            row["ratio_kind"] = "lower bound"
            bounds.append(row["ratio"])
        rows.append(row)
    load_ratio = _ratio(rdf["load"]["seconds"], abe["load"]["seconds"])
    memory_ratio = _ratio(rdf["load"]["vmhwm_mb"], abe["load"]["vmhwm_mb"])
    return {
        "scale": scale, "file": nt.name, "triples": stats.get("triples"), "provinces": stats.get("provinces"),
        "timeout_seconds": timeout, "load": {"abegraph": abe["load"], "rdflib": rdf["load"],
                                             "speedup": load_ratio, "memory_ratio": memory_ratio},
        "query_phase_peak_mb": {"abegraph": max(abe["query_vmhwm_mb"], abe["load"]["vmhwm_mb"]),
                                "rdflib": max(rdf["query_vmhwm_mb"], rdf["load"]["vmhwm_mb"])},
        "restarts": {"abegraph": abe["restarts"], "rdflib": rdf["restarts"]},
        "questions": rows, "mismatches": mismatches,
        "geomean_measured": _geomean(measured), "measured_count": len(measured),
        "geomean_with_lower_bounds": _geomean(measured + bounds), "lower_bound_count": len(bounds),
        "geomean_cpu_measured": _geomean(cpu_measured),
        "load_cpu": {"abegraph": abe["load"].get("cpu_seconds"), "rdflib": rdf["load"].get("cpu_seconds")},
    }


def _cell(q: dict, timeout: float) -> str:
    status = q.get("status")
    if status == "ok":
        runs = len(q.get("times") or []) or 1
        return f"{q['seconds']:.3f}" + ("" if runs > 1 else "¹")
    if status in ("timeout", "skipped"):
        return f"> {timeout:.0f}" + ("ˢ" if status == "skipped" else "")
    if status == "memory":
        return "> mem"
    return {"error": "error", "crashed": "crashed"}.get(status, "-")


def _query_verdict(result: dict, target: float) -> str:
    """MET when even the lower bound reaches the target; MISSED only when every ratio is measured."""
    gm, gmb = result["geomean_measured"], result["geomean_with_lower_bounds"]
    both_capped = sum(1 for r in result["questions"] if r["ratio"] is None)
    if gmb is not None and gmb >= target:
        return "MET" + (f" (by the lower bound; {both_capped} question(s) not comparable)" if both_capped else "")
    if result["lower_bound_count"] == 0 and both_capped == 0 and gm is not None:
        return "MISSED"
    return (f"NOT SHOWN: the lower bound {_x(gmb)} is below the target; {result['lower_bound_count']} ratio(s) "
            f"are only bounds (rdflib hit the cap) and {both_capped} question(s) could not be compared "
            f"(both over the cap, or an error)")


def _verdict(value: float | None, target: float, higher_is_better: bool = True) -> str:
    if value is None:
        return "n/a"
    ok = value >= target if higher_is_better else value <= target
    return "MET" if ok else "MISSED"


def format_table(result: dict) -> str:
    timeout = result["timeout_seconds"]
    load = result["load"]
    a, r = load["abegraph"], load["rdflib"]
    lines = [
        f"scale {result['scale']}: {result['file']}, {result['triples']:,} triples from {result['provinces']} "
        f"synthetic provinces; abegraph {a['quads']:,} quads, rdflib {r['quads']:,} quads (with vocabulary)",
        f"cap {timeout:.0f} s per query run; ratios are rdflib / abegraph (higher = abegraph better)",
        "",
        f"{'':<28}{'abegraph':>12}{'rdflib':>12}{'ratio':>9}   target",
        f"{'load (s)':<28}{a['seconds']:>12.2f}{r['seconds']:>12.2f}{_x(load['speedup']):>9}   "
        f"≥ {TARGETS['load_speedup']:.0f}×  {_verdict(load['speedup'], TARGETS['load_speedup'])}",
        f"{'  CPU time of the load (s)':<28}"
        f"{_num(result['load_cpu']['abegraph'])}{_num(result['load_cpu']['rdflib'])}"
        "   (abegraph's store writes in background threads too)",
        f"{'peak RSS after load (MB)':<28}{a['vmhwm_mb']:>12.0f}{r['vmhwm_mb']:>12.0f}"
        f"{_x(load['memory_ratio']):>9}   "
        f"≥ {TARGETS['memory_ratio']:.0f}× (abegraph ≤ ⅓ of rdflib)  "
        f"{_verdict(load['memory_ratio'], TARGETS['memory_ratio'])}",
        f"{'  of which after imports':<28}{a['baseline_mb']:>12.0f}{r['baseline_mb']:>12.0f}",
        f"{'peak RSS incl. queries (MB)':<28}{result['query_phase_peak_mb']['abegraph']:>12.0f}"
        f"{result['query_phase_peak_mb']['rdflib']:>12.0f}",
        "",
        f"{'saved question':<28}{'rows':>9}{'abegraph s':>12}{'rdflib s':>12}{'ratio':>10}  check",
    ]
    for row in result["questions"]:
        qa, qr = row["abegraph"], row["rdflib"]
        rows = qa.get("rows", qr.get("rows"))
        ratio = row["ratio"]
        ratio_text = ("≥ " if row["ratio_kind"] == "lower bound" else "") + _x(ratio) if ratio else "-"
        if row["rows_match"] is True:
            check = "rows equal"
        elif row["rows_match"] is False:
            check = f"MISMATCH: abegraph {qa['rows']:,} rows, rdflib {qr['rows']:,}"
        else:
            check = "; ".join(f"{who}: {q.get('error', '')[:70]}" for who, q in (("abegraph", qa), ("rdflib", qr))
                              if q.get("status") == "error") or "not compared"
        lines.append(f"{row['name']:<28}{(f'{rows:,}' if isinstance(rows, int) else '-'):>9}"
                     f"{_cell(qa, timeout):>12}{_cell(qr, timeout):>12}{ratio_text:>10}  {check}")
    gm, gmb = result["geomean_measured"], result["geomean_with_lower_bounds"]
    target = TARGETS["query_speedup_1m"]
    lines += [
        "",
        f"geometric mean of query ratios: {_x(gm)} over {result['measured_count']} questions both finished"
        + (f"; ≥ {_x(gmb)} counting {result['lower_bound_count']} more where rdflib hit the cap "
           f"(its time taken as the cap)" if result["lower_bound_count"] else ""),
        f"same over CPU time (less disturbed by other processes): {_x(result.get('geomean_cpu_measured'))}",
        f"target at 1M triples: ≥ {target:.0f}× — "
        + (_query_verdict(result, target) if result["scale"] == "1m" else "(applies to the 1m scale)"),
        "¹ one run (the warm-up took ≥ the --slow threshold), otherwise the median of the repeats; "
        "ˢ not run: it already exceeded this cap at a smaller scale",
    ]
    if result["mismatches"]:
        lines.append("!!! ROW COUNT MISMATCH in: " + ", ".join(result["mismatches"]) + " !!!")
    load = result.get("loadavg") or {}
    if load:
        cpus = os.cpu_count() or 1
        busy = any((v.get("mean") or 0) > cpus for v in load.values())
        lines.append(f"machine load (1-min average, {cpus} CPUs; our own child counts ~1): "
                     + ", ".join(f"{c} mean {v['mean']} max {v['max']}" for c, v in load.items() if v.get("mean"))
                     + ("  — BUSY: other processes shared the CPUs, wall times are disturbed" if busy else ""))
    phases = a.get("phases")
    if phases:
        lines.append("abegraph load phases (s): " + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return f"{value:>12.2f}" if isinstance(value, (int, float)) else f"{'-':>12}"


def _x(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def format_xlsx(x: dict) -> str:
    total = x["validate_seconds"] + x["load_seconds"]
    lines = [
        f"workbook {x['file']}: {x['resources']:,} resource rows ({x['accepted'].get('agencies', 0):,} agencies, "
        f"{x['accepted'].get('datasets', 0):,} datasets), {x['errors']} errors, {x['warnings']} warnings, "
        f"{x['quads']:,} quads in the store",
        f"  validate_files {x['validate_seconds']:.2f} s + "
        f"load_files (fresh on-disk store) {x['load_seconds']:.2f} s "
        f"= {total:.2f} s; target ≤ {TARGETS['xlsx_seconds']:.0f} s: "
        + _verdict(total, TARGETS["xlsx_seconds"], higher_is_better=False)
        + (" (load_files ran under cProfile)" if x.get("profiled") else ""),
        "  validate phases (s): " + ", ".join(f"{k} {v:.2f}" for k, v in x["validate_phases"].items()),
        "  load phases (s):     " + ", ".join(f"{k} {v:.2f}" for k, v in x["load_phases"].items()),
        f"  peak RSS {x['vmhwm_mb']:.0f} MB (before: {x['baseline_mb']:.0f} MB)",
    ]
    return "\n".join(lines)


def _machine() -> dict:
    import importlib.metadata as md

    versions = {}
    for package in ("rdflib", "pyoxigraph", "pyshacl", "openpyxl", "geothai", "abegraph"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = None
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="ascii")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(),
            "versions": versions, "when": time.strftime("%Y-%m-%d %H:%M:%S")}


def _ensure_nt(out: Path, scale: str, seed: int) -> tuple[Path, dict]:
    from bench.synthetic import SCALES, write_nation_nt

    nt = out / f"nation-{scale}.nt"
    meta = nt.with_suffix(".json")
    if nt.exists() and meta.exists():
        stats = json.loads(meta.read_text(encoding="utf-8"))
        if stats.get("seed") == seed and stats.get("provinces") == SCALES[scale]:
            return nt, stats
    _progress(f"generating {nt} ({SCALES[scale]} provinces) ...")
    stats = write_nation_nt(nt, SCALES[scale], seed)
    _progress(f"  {stats['triples']:,} triples in {stats['seconds']['total']} s")
    return nt, stats


def run_scale(scale: str, args, skip: dict[str, set[str]]) -> dict:
    from abegraph.graph.questions import questions

    out = Path(args.out)
    nt, stats = _ensure_nt(out, scale, args.seed)
    import hashlib

    names = [n for n in questions() if not args.questions or n in args.questions]
    texts = {n: questions()[n].sparql_for("en") for n in names}
    questions_file = out / f"questions-{scale}.json"
    questions_file.write_text(json.dumps(texts, ensure_ascii=False, indent=1), encoding="utf-8")
    timeout = args.timeout or DEFAULT_TIMEOUT[scale]
    log = out / f"children-{scale}.log"
    log.write_text("", encoding="utf-8")
    results = {}
    for contender in ("abegraph", "rdflib"):
        _progress(f"[{scale}] {contender} ...")
        results[contender] = _run_contender(contender, nt, names, questions_file, skip.get(contender, set()), args,
                                            timeout, log)
        results[contender]["names"] = names
    # what already exceeded the bigger scale's cap here is not run again there (the data only grows)
    next_cap = args.timeout or DEFAULT_TIMEOUT["1m"]
    for contender, res in results.items():
        for name, q in res["questions"].items():
            over = q.get("status") == "ok" and q["seconds"] >= next_cap
            if over or (q.get("status") in ("timeout", "memory", "skipped") and timeout >= next_cap):
                skip.setdefault(contender, set()).add(name)
    comparison = _compare(scale, nt, stats, results["abegraph"], results["rdflib"], timeout)
    comparison["generator"] = stats
    comparison["sparql_sha256"] = {n: hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for n, t in texts.items()}
    comparison["loadavg"] = {}
    for contender, res in results.items():
        samples = res["loadavg_samples"]
        comparison["loadavg"][contender] = {"mean": round(statistics.mean(samples), 2) if samples else None,
                                            "max": round(max(samples), 2) if samples else None}
    return comparison


def run_xlsx(args) -> dict:
    from bench.synthetic import write_workbook_rows

    out = Path(args.out)
    path = out / f"workbook-{args.xlsx_rows}.xlsx"
    if not path.exists():
        _progress(f"writing {path} ...")
        write_workbook_rows(path, args.xlsx_rows, args.seed)
    store = tempfile.mkdtemp(prefix="abegraph-bench-xlsx-")
    log = out / "children-xlsx.log"
    try:
        results = {}
        runs = [("plain", "")]
        if args.profile:
            runs.append(("profile", str(out / f"profile-xlsx-{args.xlsx_rows}.txt")))
        for label, profile in runs:
            shutil.rmtree(store, ignore_errors=True)
            argv = [sys.executable, "-m", "bench.load_query", "--child", "xlsx", "--file", str(path),
                    "--store", store] + (["--profile", profile] if profile else [])
            _progress(f"[xlsx] validate and load {path.name}" + (" under cProfile" if profile else "") + " ...")
            child = Child(argv, log)
            try:
                event = child.next_event(time.monotonic() + args.load_timeout, args.max_rss_mb)
            finally:
                child.close()
            if not isinstance(event, dict):
                raise RuntimeError(f"the workbook child failed ({event}); see {log}")
            event.pop("event")
            results[label] = event
        return results
    finally:
        shutil.rmtree(store, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--child" in argv:
        return child_main(argv)
    parser = argparse.ArgumentParser(prog="python -m bench.load_query",
                                     description="Load and query the synthetic nation with abegraph and rdflib.")
    parser.add_argument("--scale", choices=["100k", "1m", "all"], default="100k")
    parser.add_argument("--out", default="bench/out", help="folder for data files and results (default bench/out)")
    parser.add_argument("--timeout", type=float,
                        help="cap per query run in seconds (default 120 at 100k, 60 at 1m)")
    parser.add_argument("--slow", type=float, default=10.0,
                        help="a warm-up at least this long is the figure itself, without repeats (default 10 s)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up (median reported)")
    parser.add_argument("--questions", help="only these saved questions (comma-separated)")
    parser.add_argument("--xlsx-rows", type=int, default=10_000,
                        help="resource rows of the workbook (default 10000)")
    parser.add_argument("--no-xlsx", action="store_true", help="skip the workbook part")
    parser.add_argument("--xlsx-only", action="store_true", help="only the workbook part")
    parser.add_argument("--profile", action="store_true",
                        help="also profile load_files of the workbook with cProfile (OUT/profile-xlsx-N.txt)")
    parser.add_argument("--load-timeout", type=float, default=1800.0, help="cap on one load (default 1800 s)")
    parser.add_argument("--max-rss-mb", type=float, default=0.0,
                        help="kill a child above this resident memory (default: 75%% of RAM)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.questions = {q for q in args.questions.split(",")} if args.questions else None
    if not args.max_rss_mb:
        try:
            total_kb = next(int(line.split()[1]) for line in open("/proc/meminfo", encoding="ascii")
                            if line.startswith("MemTotal:"))
            args.max_rss_mb = total_kb / 1024 * 0.75
        except (OSError, StopIteration):
            args.max_rss_mb = 16_000.0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    machine = _machine()
    started = time.perf_counter()
    texts = []
    skip: dict[str, set[str]] = {}
    scales = SCALE_ORDER if args.scale == "all" else (args.scale,)
    if not args.xlsx_only:
        for scale in scales:
            result = run_scale(scale, args, skip)
            result["machine"] = machine
            text = format_table(result)
            print("\n" + text + "\n", flush=True)
            texts.append(text)
            (out / f"results-{scale}.json").write_text(
                json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    if not args.no_xlsx:
        xlsx = run_xlsx(args)
        text = format_xlsx(xlsx["plain"])
        if "profile" in xlsx:
            text += f"\n  profile: {out / f'profile-xlsx-{args.xlsx_rows}.txt'}"
        print("\n" + text + "\n", flush=True)
        texts.append(text)
        (out / f"results-xlsx-{args.xlsx_rows}.json").write_text(
            json.dumps({"machine": machine, **xlsx}, ensure_ascii=False, indent=2), encoding="utf-8")
    elapsed = time.perf_counter() - started
    footer = (f"{machine['cpus']} CPUs ({machine['cpu']}), Python {machine['python']}, "
              + ", ".join(f"{k} {v}" for k, v in machine["versions"].items() if v)
              + f"; benchmark took {elapsed / 60:.1f} min")
    print(footer)
    name = "all" if args.scale == "all" else args.scale
    (out / f"results-{'xlsx' if args.xlsx_only else name}.txt").write_text("\n\n".join(texts + [footer]) + "\n",
                                                                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
