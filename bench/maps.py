"""Map benchmark: abegraph's network maps against pyvis's default output, same graph, real Chromium.

For each size (default 500, 5,000 and 50,000 nodes) a synthetic network is drawn
(:func:`synthetic_network`: the node attributes and relations of
:func:`~abegraph.network.projections.read_network`, provinces of about 650 nodes each), then:

* **abegraph**: ``build_map(G, "everything", findings=False)`` and ``Map.write`` (time and file
  size); the build with the findings panel is timed too, up to 5,000 nodes.
* **pyvis** (0.3.2 here): what a pyvis user writes: a simple graph with ``label``, ``title`` and
  ``group``, ``Network(cdn_resources="in_line")``, ``from_nx``, ``write_html``; default options
  (Barnes–Hut physics, 1,000 stabilisation iterations). ``from_nx`` runs in a child process
  capped at ``--pyvis-build-cap`` seconds; past the cap the same page is written through
  pyvis's own node and edge lists (bypassing its quadratic duplicate checks) so that the browser
  part can still be measured, and the build is reported as over the cap.

Each page is opened in headless Chromium (Debian's ``chromium`` through Playwright) with no
network: every request other than the file itself is recorded and aborted. **Settled** is the
time from navigation to the first frame drawn with the final layout: for abegraph the first
``afterDrawing`` (positions come from Python, physics is off); for pyvis vis-network's
``stabilized`` event, waited for at most ``--settle-cap`` seconds ("did not settle"). **Usable**
is the time for one interaction after that: choosing a dimension filter (abegraph), one zoom step
(the frame and its label layer: how many labels it placed is reported too) and, on a grouped
map, expanding the largest group, each until two frames later.

Not a timed test: figures depend on the machine. Run::

    python -m bench.maps
    python -m bench.maps --sizes 500 5000 --settle-cap 60 --out bench/out

Example
-------
>>> from bench.maps import synthetic_network
>>> G = synthetic_network(500, seed=1)
>>> G.number_of_nodes(), sorted({k for _, k in G.nodes(data="kind")})
(500, ['agency', 'area', 'dataset', 'issue', 'link-key', 'resource'])
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

__all__ = ["synthetic_network", "pyvis_graph", "main"]

BASE = "https://w3id.org/abegraph/id/"
DIMENSIONS = ("data", "operations", "knowledge", "policy")
KEYS = ("citizen_id", "g_code", "household_id", "school_code", "area_code")
CHROMIUM_ARGS = ["--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TARGETS = {500: ("settled", 3.0), 5000: ("usable", 10.0), 50000: ("usable", 10.0)}


def synthetic_network(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A network of ``nodes`` nodes shaped like ``read_network``'s, deterministic per seed.

    39 issues and causes with about 56 causal links, 5 link keys, provinces of 8 districts
    (one province per ~650 nodes), and agencies (18%), datasets (17%) and resources (the rest)
    of those provinces: each asset held by one agency, used by 0–3 more (mostly of its
    province), addressing 1–3 issues and covering a district or its province.
    """
    rng = random.Random(f"{seed}:{nodes}")
    G = nx.MultiDiGraph()

    def add(kind, ident, th, en, **attrs):
        node = f"{BASE}{kind}/{ident}"
        G.add_node(node, kind=kind, label_th=th, label_en=en, **attrs)
        return node

    def link(s, o, relation):
        G.add_edge(s, o, key=relation, relation=relation)

    issues = [add("issue", f"I{i:02d}", f"ประเด็นปัญหาที่ {i}", f"Issue {i}", notation=f"I{i:02d}")
              for i in range(1, 18)]
    issues += [add("issue", f"C{i:02d}", f"สาเหตุที่ {i}", f"Cause {i}", notation=f"C{i:02d}")
               for i in range(1, 23)]
    for _ in range(56):
        a, b = rng.sample(issues, 2)
        if not G.has_edge(b, a):
            link(a, b, "causes")
    keys = [add("link-key", k, f"คีย์ {k}", k, notation=k) for k in KEYS]
    rest = nodes - len(issues) - len(keys)
    provinces = max(1, round(rest / 650))
    areas = []
    for p in range(provinces):
        code = f"{10 + p:02d}"
        province = add("area", code, f"จังหวัดทดสอบ {code}", f"Province {code}", notation=code)
        districts = []
        for d in range(1, 9):
            dc = f"{code}{d:02d}"
            district = add("area", dc, f"อำเภอทดสอบ {dc}", f"District {dc}", notation=dc)
            link(district, province, "broader")
            districts.append(district)
        areas.append((province, districts))
    rest -= provinces * 9
    n_agencies = max(3, rest * 18 // 100)
    n_datasets = rest * 17 // 100
    n_resources = rest - n_agencies - n_datasets
    agencies, by_province = [], {}
    for i in range(n_agencies):
        p = i % provinces
        province, districts = areas[p]
        where = rng.choice(districts) if rng.random() < 0.8 else province
        agency = add("agency", f"AG{i:05d}", f"หน่วยงานทดสอบ {i} {G.nodes[where]['label_th']}", f"Agency {i}")
        link(agency, where, "located_in")
        agencies.append((agency, p))
        by_province.setdefault(p, []).append(agency)

    def asset(kind, i, th, en):
        holder, p = agencies[rng.randrange(n_agencies)]
        dimension = "data" if kind == "dataset" else rng.choice(DIMENSIONS)
        x = add(kind, f"{kind[0].upper()}{i:05d}", f"{th} {i}", f"{en} {i}", dimension=dimension)
        link(x, holder, "held_by")
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            nearby = rng.random() < 0.85
            user = rng.choice(by_province[p]) if nearby else agencies[rng.randrange(n_agencies)][0]
            if user != holder:
                link(x, user, "shared_with")
        for issue in rng.sample(issues, rng.choice((1, 1, 2, 3))):
            link(x, issue, "addresses")
        province, districts = areas[p]
        link(x, rng.choice(districts) if rng.random() < 0.6 else province, "covers_area")
        return x

    for i in range(n_resources):
        asset("resource", i, "ทรัพยากรทดสอบ", "Resource")
    for i in range(n_datasets):
        dataset = asset("dataset", i, "ชุดข้อมูลทดสอบ", "Dataset")
        for key in rng.sample(keys, rng.choice((1, 1, 2))):
            link(dataset, key, "link_key")
    for node, data in G.nodes(data=True):
        if data["kind"] in ("agency", "resource", "dataset"):
            data["areas"] = sorted({G.nodes[o]["notation"] for _, o, r in G.out_edges(node, data="relation")
                                    if r in ("covers_area", "located_in")})
    return G


def pyvis_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The simple graph a pyvis user would pass to ``from_nx``: label, title (tooltip), group."""
    S = nx.Graph()
    for node, data in sorted(G.nodes(data=True)):
        S.add_node(node, label=data["label_th"], title=f"{data['label_th']} / {data['label_en']}",
                   group=data["kind"])
    S.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    return S


def _pyvis_child(nodes: int, seed: int, path: str, queue) -> None:
    from pyvis.network import Network

    S = pyvis_graph(synthetic_network(nodes, seed))
    start = time.perf_counter()
    net = Network(cdn_resources="in_line")
    net.from_nx(S)
    net.write_html(path)
    queue.put(time.perf_counter() - start)


def _pyvis_fast(G: nx.MultiDiGraph, path: Path) -> None:
    """The page ``from_nx`` would write, built through pyvis's lists directly (linear time)."""
    from pyvis.network import Network

    S = pyvis_graph(G)
    net = Network(cdn_resources="in_line")
    for node, data in S.nodes(data=True):
        net.nodes.append({"id": node, "size": 10, "shape": "dot", "font": {"color": "black"}, **data})
        net.node_ids.append(node)
    net.node_map = {n["id"]: n for n in net.nodes}
    net.edges = [{"from": u, "to": v, "width": 1} for u, v in S.edges()]
    net.write_html(str(path))


def build_pyvis(G: nx.MultiDiGraph, nodes: int, seed: int, path: Path, cap: float) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_pyvis_child, args=(nodes, seed, str(path), queue))
    child.start()
    child.join(cap)
    if child.is_alive():
        child.kill()
        child.join()
        _pyvis_fast(G, path)
        return {"build_s": None, "build_note": f"> {cap:.0f} s (from_nx stopped)",
                "bytes": path.stat().st_size}
    seconds = queue.get() if not queue.empty() else None
    return {"build_s": seconds, "build_note": "", "bytes": path.stat().st_size}


def build_ours(G: nx.MultiDiGraph, path: Path, findings: bool) -> dict:
    from abegraph.visualize import build_map

    start = time.perf_counter()
    m = build_map(G, "everything", findings=None if findings else False)
    m.write(path)
    return {"build_s": time.perf_counter() - start, "bytes": path.stat().st_size, "grouped": m.grouped,
            "groups": (m.payload["meta"]["grouped"] or {}).get("groups")}


_HOOK = """
(() => {
  // report vis-network's events as console messages: they reach the benchmark even while the
  // page's main thread is busy for minutes, when nothing could be evaluated in it
  let held;
  Object.defineProperty(window, 'network', {configurable: true, get() { return held; }, set(v) {
    held = v;
    const mark = (name) => { let done = false; return () => {
      if (!done) { done = true; console.log('abegraph-bench ' + name + ' ' + performance.now()); } }; };
    v.once('afterDrawing', mark('firstDraw'));
    v.on('stabilizationIterationsDone', mark('iterationsDone'));
    v.on('stabilized', mark('stabilized'));
  }});
})();
"""

_INTERACT = """
async (what) => {
  const map = AbeMap.instances[0];
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const start = performance.now();
  if (what === 'filter') { map.setFilter('dimension', 0); }
  else if (what === 'zoom') {  // one zoom step: the frame redraws and the label layer places its labels again
    map.setFilter('dimension', -1);
    await frames();
    const t0 = performance.now();
    map.network.moveTo({scale: map.network.getScale() * 1.5, animation: false});
    await frames();
    return [performance.now() - t0, map.drawnLabels().length];
  }
  else {
    const P = map.payload, sizes = P.groups.n;
    map.setFilter('dimension', -1);
    map.expandGroup(sizes.indexOf(Math.max(...sizes)));
  }
  await frames();
  return performance.now() - start;
}
"""


def open_in_chromium(browser, path: Path, kind: str, cap: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests, errors, marks = [], [], {}
    context.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url)
            if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def console(message):
        if message.text.startswith("abegraph-bench "):
            _, name, at = message.text.split(" ")
            marks[name] = float(at) / 1000

    page.on("console", console)
    if kind == "pyvis":
        page.add_init_script(_HOOK)
    start = time.perf_counter()
    result = {"settled_s": None}
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
    if kind == "ours":
        page.wait_for_selector("[data-ready='1']", timeout=cap * 1000)
        result["settled_s"] = page.evaluate("AbeMap.instances[0].readyAt") / 1000
        result["filter_ms"] = page.evaluate(_INTERACT, "filter")
        result["zoom_ms"], result["labels"] = page.evaluate(_INTERACT, "zoom")
        if page.evaluate("!!AbeMap.instances[0].payload.groups"):
            result["expand_ms"] = page.evaluate(_INTERACT, "expand")
    else:
        deadline = time.perf_counter() + cap
        while "stabilized" not in marks and time.perf_counter() < deadline:
            page.wait_for_timeout(250)  # waits in the driver: the page may be too busy to answer
        result["settled_s"] = marks.get("stabilized")
        if result["settled_s"] is None:
            result["note"] = f"did not settle in {cap:.0f} s"
            if "iterationsDone" in marks:
                result["note"] += f" (its 1,000 stabilisation steps ended at {marks['iterationsDone']:.1f} s)"
            elif "firstDraw" not in marks:
                result["note"] += " (nothing drawn yet)"
    result.update(wall_s=time.perf_counter() - start, requests=len(requests), errors=len(errors),
                  marks=dict(marks))
    context.close()
    return result


def _fmt(value, digits=2, unit=""):
    return "—" if value is None else f"{value:.{digits}f}{unit}"


def _ratio(theirs, ours, at_least=False):
    if not theirs or not ours:
        return "—"
    ratio = theirs / ours
    return ("> " if at_least else "") + (f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×")


def table(rows: list[dict], settle_cap: float = 60.0) -> str:
    """The results as a Markdown table (pyvis's "did not settle" counts as the cap in ratios)."""
    lines = ["| nodes | build ours (s) | build pyvis (s) | pyvis ÷ ours | file ours (MB) | file pyvis (MB) "
             "| settled ours (s) | settled pyvis (s) | pyvis ÷ ours | usable ours | requests ours / pyvis "
             "| target |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o, p = r["ours"], r["pyvis"]
        usable = []
        if o.get("filter_ms") is not None:
            usable.append(f"filter {o['filter_ms']:.0f} ms")
        if o.get("expand_ms") is not None:
            usable.append(f"expand {o['expand_ms']:.0f} ms")
        if o.get("zoom_ms") is not None:
            usable.append(f"zoom {o['zoom_ms']:.0f} ms ({o['labels']} labels)")
        kind, limit = TARGETS.get(r["nodes"], ("settled", None))
        reached = None if o["settled_s"] is None else o["settled_s"] + (o.get("filter_ms", 0) or 0) / 1000
        met = reached is not None and limit is not None and reached <= limit
        target = "" if limit is None else f"{kind} ≤ {limit:g} s: {'met' if met else 'missed'}"
        lines.append("| " + " | ".join([
            f"{r['nodes']:,}" + (f" ({o['groups']} groups)" if o.get("grouped") else ""),
            _fmt(o["build_s"])
            + (f" ({_fmt(o.get('build_findings_s'))} with findings)" if o.get("build_findings_s") else ""),
            _fmt(p["build_s"]) if p["build_s"] is not None else p.get("build_note", "—"),
            _ratio(p["build_s"], o["build_s"]),
            _fmt(o["bytes"] / 1e6), _fmt(p["bytes"] / 1e6),
            _fmt(o["settled_s"]), _fmt(p["settled_s"]) if p["settled_s"] is not None else p.get("note", "—"),
            _ratio(p["settled_s"], o["settled_s"]) if p["settled_s"] is not None
            else _ratio(settle_cap if p.get("note", "").startswith("did not") else None, o["settled_s"],
                        at_least=True),
            ", ".join(usable) or "—",
            f"{o['requests']} / {p['requests']}", target]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.maps",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--settle-cap", type=float, default=60.0,
                        help="Longest wait for a page to settle (s).")
    parser.add_argument("--pyvis-build-cap", type=float, default=120.0,
                        help="Longest pyvis from_nx build (s).")
    parser.add_argument("--no-pyvis", action="store_true", help="Measure abegraph's maps only.")
    parser.add_argument("--out", type=Path, help="Folder for the pages, results.json and table.md.")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install chromium fonts-thai-tlwg)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    out = args.out or Path(tempfile.mkdtemp(prefix="abegraph-maps-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size in args.sizes:
            print(f"{size:,} nodes: generating", file=sys.stderr)
            G = synthetic_network(size, args.seed)
            ours_path, pyvis_path = out / f"abegraph-{size}.html", out / f"pyvis-{size}.html"
            ours = build_ours(G, ours_path, findings=False)
            if size <= 5000:
                with_findings = build_ours(G, out / f"abegraph-{size}-findings.html", findings=True)
                ours["build_findings_s"] = with_findings["build_s"]
            print(f"  abegraph built in {ours['build_s']:.2f} s; opening", file=sys.stderr)
            ours.update(open_in_chromium(browser, ours_path, "ours", args.settle_cap))
            if args.no_pyvis:
                pyvis = {"build_s": None, "bytes": 0, "settled_s": None, "requests": 0, "note": "not run"}
            else:
                print("  pyvis: building", file=sys.stderr)
                pyvis = build_pyvis(G, size, args.seed, pyvis_path, args.pyvis_build_cap)
                print("  pyvis: opening", file=sys.stderr)
                pyvis.update(open_in_chromium(browser, pyvis_path, "pyvis", args.settle_cap))
            rows.append({"nodes": size, "edges": G.number_of_edges(), "ours": ours, "pyvis": pyvis})
        browser.close()
    text = table(rows, args.settle_cap)
    print(text)
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "processor": platform.processor(),
            "settle_cap_s": args.settle_cap, "pyvis_build_cap_s": args.pyvis_build_cap, "seed": args.seed}
    (out / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2), encoding="utf-8")
    (out / "table.md").write_text(text + "\n", encoding="utf-8")
    print(f"pages and results in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
