"""Linking benchmark: ``graph.matching.find_matches`` on 10,000 agency records against the truth.

The records come from :func:`~bench.agency_variants.generate_records`: 77 synthetic
provinces, 2–3 workshop tables (sources) each, every agency typed each table's own way, with
the real agency behind every record as the truth. Measured:

* **time** of ``find_matches(records)`` (the blocked way), wall and CPU; target ≤ 60 s;
* **pairwise precision and recall**: a true pair is two records of the same agency from
  different sources. A proposal is a pair of record keys (either order). Reported for the
  *confident* proposals, for *all* proposals, at a few score thresholds (the curve), and for the
  clusters that the confident proposals make when closed transitively. Because each national
  agency is mentioned by about 130 records, its pairs are about 97 % of all true pairs; every
  figure is therefore also given for **provincial and local** pairs alone (pairs not between
  two national-agency records). Target: precision ≥ 0.95 at recall ≥ 0.90, in both;
* **where it fails**: recall by kind of agency and by spelling variant, false positives by
  hard-negative category (and how many of each category's pairs were proposed), and examples;
* **naive all-pairs**: ``find_matches(sample, naive=True)`` on a random sample of records
  (``--naive-sample``, default 1,500), timed, then **extrapolated** to all records by the number
  of cross-source pairs (about n²): an estimate, not a measurement. The blocked way runs on the
  same sample too, so the sample's precision and recall show what blocking loses.

Not a test: the figures depend on the machine. Run::

    python -m bench.linking                     # 77 provinces, seed 1, 10,000 records
    python -m bench.linking --provinces 77 --seed 1 --naive-sample 1500 --out bench/out

It prints a table and writes ``OUT/linking.json``.

Example
-------
>>> from bench.linking import pair_metrics
>>> truth = {"a1": "X", "b1": "X", "c1": "X", "b2": "Y"}
>>> sources = {"a1": "a", "b1": "b", "c1": "c", "b2": "b"}
>>> m = pair_metrics([("a1", "b1"), ("a1", "b2")], truth, sources)
>>> m["true_pairs"], m["proposed"], m["correct"], m["precision"], round(m["recall"], 3)
(3, 2, 1, 0.5, 0.333)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.agency_variants import (HARD_NEGATIVES, LinkingData, cross_source_pairs, generate_records,
                              hard_negative_pairs, relation)

__all__ = ["pair_metrics", "closure_metrics", "evaluate", "run", "main"]

TARGET_PRECISION, TARGET_RECALL, TARGET_SECONDS = 0.95, 0.90, 60.0
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
_INVISIBLE = {"\u200b": "⟨ZWSP⟩", "\u00a0": "⟨NBSP⟩", "\t": "⟨TAB⟩", "\u0e4d\u0e32": "⟨ํา⟩"}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _true_pairs(truth: dict[str, str], keys=None) -> int:
    sizes = Counter(truth[k] for k in (truth if keys is None else keys))
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pair_metrics(pairs, truth: dict[str, str], sources: dict[str, str], keys=None) -> dict:
    """Pairwise precision and recall of proposed ``pairs`` of record keys.

    ``keys`` restricts the truth to some records (pairs outside them are ignored). A source
    holds each agency at most once, so every true pair is a cross-source pair; proposed pairs
    within one source are not counted (the matcher should not make them).
    """
    keys = set(truth) if keys is None else set(keys)
    found = {_pair(a, b) for a, b in pairs if a in keys and b in keys and sources[a] != sources[b]}
    correct = sum(1 for a, b in found if truth[a] == truth[b])
    true_pairs = _true_pairs(truth, keys)
    return {"true_pairs": true_pairs, "proposed": len(found), "correct": correct,
            "precision": correct / len(found) if found else 1.0,
            "recall": correct / true_pairs if true_pairs else 1.0}


def closure_metrics(pairs, truth: dict[str, str], sources: dict[str, str], keys=None) -> dict:
    """Pairwise precision and recall of the clusters that ``pairs`` make when closed
    transitively (what a graph that merged every proposed pair would hold)."""
    keys = set(truth) if keys is None else set(keys)
    parent = {k: k for k in keys}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if a in keys and b in keys:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    clusters: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        clusters[find(k)].append(k)
    proposed = correct = largest = 0
    for members in clusters.values():
        largest = max(largest, len(members))
        proposed += cross_source_pairs(Counter(sources[k] for k in members))
        correct += sum(n * (n - 1) // 2 for n in Counter(truth[k] for k in members).values())
    true_pairs = _true_pairs(truth, keys)
    return {"true_pairs": true_pairs, "proposed": proposed, "correct": correct, "largest_cluster": largest,
            "precision": correct / proposed if proposed else 1.0,
            "recall": correct / true_pairs if true_pairs else 1.0}


def _show(name: str) -> str:
    for k, v in _INVISIBLE.items():
        name = name.replace(k, v)
    return f"“{name}”"


def evaluate(proposals, data: LinkingData, *, examples: int = 8, seed: int = 0) -> dict:
    """Every quality figure of the benchmark for ``find_matches``'s proposals (see the module)."""
    truth, entities = data.truth, data.entities
    sources = {r.key: r.source for r in data.records}
    by_key = {r.key: r for r in data.records}
    national = {k for k, e in truth.items() if entities[e].kind == "national"}
    local_keys = set(truth) - national
    best: dict[tuple[str, str], tuple[float, bool, tuple]] = {}
    same_source = 0
    for p in proposals:
        if sources[p.a] == sources[p.b]:
            same_source += 1
            continue
        pair = _pair(p.a, p.b)
        old = best.get(pair)
        if old is None or p.score > old[0]:
            best[pair] = (float(p.score), bool(p.confident), tuple(getattr(p, "reasons", ()) or ()))
    confident = [pair for pair, v in best.items() if v[1]]
    everything = list(best)

    def local(pairs):  # pairs not between two national-agency records
        return [(a, b) for a, b in pairs if not (a in national and b in national)]

    def both(pairs):
        all_ = pair_metrics(pairs, truth, sources)
        loc = pair_metrics(local(pairs), truth, sources)
        loc["true_pairs"] = all_["true_pairs"] - _true_pairs(truth, national)
        loc["recall"] = loc["correct"] / loc["true_pairs"] if loc["true_pairs"] else 1.0
        return {"all": all_, "provincial_local": loc}

    result = {
        "proposals": len(proposals), "same_source_proposals": same_source, "distinct_pairs": len(best),
        "confident": both(confident), "all_proposals": both(everything),
        "closure_of_confident": {"all": closure_metrics(confident, truth, sources),
                                 "provincial_local": closure_metrics(confident, truth, sources, local_keys)},
        "curve": [], "by_kind": {}, "by_variant": {}, "false_positives": {}, "hard_negatives": {},
    }
    for t in THRESHOLDS:
        result["curve"].append({"threshold": t, **both([pair for pair, v in best.items() if v[0] >= t])})
    # recall of provincial and local true pairs, by kind of agency and by variant
    members: dict[str, list[str]] = defaultdict(list)
    for k in local_keys:
        members[truth[k]].append(k)
    confident_set = set(confident)
    kind_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    variant_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed = []
    for eid, keys in members.items():
        kind = entities[eid].kind
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                pair = _pair(a, b)
                hit_c, hit_a = pair in confident_set, pair in best
                for counts in [kind_counts[kind]] + [variant_counts[v] for v in
                                                     set(data.tags[a]) | set(data.tags[b])]:
                    counts[0] += 1
                    counts[1] += hit_c
                    counts[2] += hit_a
                if not hit_c:
                    missed.append(pair)
    for name, table in (("by_kind", kind_counts), ("by_variant", variant_counts)):
        ranked = sorted(table.items(), key=lambda x: -x[1][0])
        result[name] = {k: {"true_pairs": n, "found_confident": c, "found_any": a, "recall_confident": c / n,
                            "recall_any": a / n} for k, (n, c, a) in ranked}
    # false positives by hard-negative category; how many pairs of each category were proposed
    fp_cats: dict[str, list] = defaultdict(list)
    for pair, (score, conf, reasons) in best.items():
        ea, eb = entities[truth[pair[0]]], entities[truth[pair[1]]]
        if ea.id != eb.id:
            fp_cats[relation(ea, eb) or "other"].append((pair, score, conf, reasons))
    result["false_positives"] = {k: {"all": len(v), "confident": sum(1 for x in v if x[2])}
                                 for k, v in sorted(fp_cats.items(), key=lambda x: -len(x[1]))}
    records_of: dict[str, Counter] = defaultdict(Counter)
    for k, e in truth.items():
        records_of[e][sources[k]] += 1
    for cat, pairs in hard_negative_pairs(entities).items():
        available = 0
        for a, b in pairs:
            ca, cb = records_of[a], records_of[b]
            available += sum(ca.values()) * sum(cb.values()) - sum(n * cb.get(s, 0) for s, n in ca.items())
        fps = fp_cats.get(cat, [])
        result["hard_negatives"][cat] = {"entity_pairs": len(pairs), "record_pairs": available,
                                         "proposed": len(fps),
                                         "proposed_confident": sum(1 for x in fps if x[2])}
    # examples: the highest-scored false positives, and random misses (with their score, if proposed)
    rng = random.Random(seed)

    def describe(key):
        r = by_key[key]
        return {"key": key, "entity": truth[key], "names": [_show(n) for n in r.names],
                "context": {k: sorted(v) for k, v in r.context.items()}, "variants": list(data.tags[key])}

    fp_examples = []  # the highest-scored false positives of each category, confident first
    for cat, v in sorted(fp_cats.items(), key=lambda x: -len(x[1])):
        for p, s, c, reasons in sorted(v, key=lambda x: (not x[2], -x[1]))[:max(2, examples // 2)]:
            fp_examples.append({"score": s, "confident": c, "category": cat,
                                "reasons": [getattr(r, "en", str(r)) for r in reasons][:4],
                                "a": describe(p[0]), "b": describe(p[1])})
    unproposed = [p for p in missed if p not in best]
    weak = [p for p in missed if p in best]
    fn = rng.sample(unproposed, min(examples, len(unproposed))) + rng.sample(weak, min(examples, len(weak)))
    result["examples"] = {
        "false_positives": fp_examples,
        "false_negatives": [{"score": best.get(p, (None,))[0], "a": describe(p[0]), "b": describe(p[1])}
                            for p in fn],
    }
    return result


def _timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def run(provinces: int = 77, seed: int = 1, records: int | None = 10_000, naive_sample: int = 1500,
        examples: int = 8) -> dict:
    """Generate, match, time and evaluate; returns everything ``linking.json`` holds."""
    from abegraph.linking.matching import find_matches

    load_before = os.getloadavg()[0]
    data, gen_s, _ = _timed(generate_records, provinces, seed, records)
    proposals, wall, cpu = _timed(find_matches, data.records)
    proposals = list(proposals)
    quality = evaluate(proposals, data, examples=examples, seed=seed)
    sizes = Counter(r.source for r in data.records)
    out = {
        "records": len(data.records), "entities": len(data.entities), "sources": len(data.sources),
        "provinces": len(data.provinces), "seed": seed, "generate_seconds": round(gen_s, 2),
        "cross_source_pairs": cross_source_pairs(sizes),
        "records_by_kind": dict(Counter(data.entities[e].kind for e in data.truth.values()).most_common()),
        "blocked": {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2)}, "quality": quality,
    }
    if naive_sample:
        rng = random.Random(f"abegraph-linking-naive-{seed}")
        index = sorted(rng.sample(range(len(data.records)), min(naive_sample, len(data.records))))
        sample = [data.records[i] for i in index]
        keys = {r.key for r in sample}
        truth = {k: data.truth[k] for k in keys}
        sources = {r.key: r.source for r in sample}
        naive_props, n_wall, n_cpu = _timed(find_matches, sample, naive=True)
        blocked_props, b_wall, b_cpu = _timed(find_matches, sample)
        sample_pairs = cross_source_pairs(Counter(r.source for r in sample))
        estimate = n_wall * out["cross_source_pairs"] / sample_pairs
        out["naive"] = {
            "sample": len(sample), "sample_cross_source_pairs": sample_pairs,
            "seconds": round(n_wall, 2), "cpu_seconds": round(n_cpu, 2),
            "extrapolated_seconds_all_records": round(estimate, 1), "extrapolated": True,
            "speedup_blocked_vs_naive_extrapolated": round(estimate / wall, 1) if wall else None,
            "blocked_on_sample_seconds": round(b_wall, 2),
            "naive_on_sample": {
                "confident": pair_metrics([(p.a, p.b) for p in naive_props if p.confident], truth, sources),
                "all": pair_metrics([(p.a, p.b) for p in naive_props], truth, sources)},
            "blocked_on_sample": {
                "confident": pair_metrics([(p.a, p.b) for p in blocked_props if p.confident], truth, sources),
                "all": pair_metrics([(p.a, p.b) for p in blocked_props], truth, sources)},
        }
    out["machine"] = {"cpus": os.cpu_count(), "load_before": round(load_before, 2),
                      "load_after": round(os.getloadavg()[0], 2), "python": platform.python_version(),
                      "platform": platform.platform()}
    return out


def _f(x: float) -> str:
    return f"{x:.3f}"


def _verdict(m: dict) -> str:
    return "MET" if m["precision"] >= TARGET_PRECISION and m["recall"] >= TARGET_RECALL else "missed"


def report(out: dict) -> str:
    """The printed tables (Markdown)."""
    q = out["quality"]
    lines = [f"Linking benchmark: {out['records']:,} agency records, {out['entities']:,} agencies, "
             f"{out['sources']} sources ({out['provinces']} provinces), seed {out['seed']}; "
             f"generated in {out['generate_seconds']} s",
             f"True cross-source pairs: {q['confident']['all']['true_pairs']:,} "
             f"({q['confident']['provincial_local']['true_pairs']:,} provincial and local, "
             f"the rest national); "
             f"{out['cross_source_pairs']:,} cross-source pairs in all", ""]
    b = out["blocked"]
    lines += [f"find_matches(records): {b['seconds']} s wall, {b['cpu_seconds']} s CPU; {q['proposals']:,} "
              f"proposals ({q['distinct_pairs']:,} distinct cross-source pairs, "
              f"{q['same_source_proposals']} within one source); target ≤ {TARGET_SECONDS:.0f} s: "
              f"{'MET' if b['seconds'] <= TARGET_SECONDS else 'missed'}", "",
              f"| pairs | counted | proposed | correct | precision | recall | P ≥ {TARGET_PRECISION} at "
              f"R ≥ {TARGET_RECALL} |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, part in (("confident proposals", q["confident"]), ("all proposals", q["all_proposals"]),
                        ("clusters of confident (transitive)", q["closure_of_confident"])):
        for bucket, name in (("all", "all"), ("provincial_local", "provincial + local")):
            m = part[bucket]
            lines.append(f"| {name} | {label} | {m['proposed']:,} | {m['correct']:,} | "
                         f"{_f(m['precision'])} | {_f(m['recall'])} | {_verdict(m)} |")
    lines += ["", "Precision/recall curve (all proposals with score ≥ t):", "",
              "| t | proposed | P all | R all | P prov+local | R prov+local |",
              "| --- | --- | --- | --- | --- | --- |"]
    for row in q["curve"]:
        a, loc = row["all"], row["provincial_local"]
        lines.append(f"| {row['threshold']} | {a['proposed']:,} | {_f(a['precision'])} | {_f(a['recall'])} | "
                     f"{_f(loc['precision'])} | {_f(loc['recall'])} |")
    lines += ["", "Recall of provincial and local pairs by kind of agency:", "",
              "| kind | true pairs | recall (confident) | recall (any) |", "| --- | --- | --- | --- |"]
    lines += [f"| {k} | {v['true_pairs']:,} | {_f(v['recall_confident'])} | {_f(v['recall_any'])} |"
              for k, v in q["by_kind"].items()]
    lines += ["", "Recall of provincial and local pairs by variant (either record has it):", "",
              "| variant | true pairs | recall (confident) | recall (any) |", "| --- | --- | --- | --- |"]
    lines += [f"| {k} | {v['true_pairs']:,} | {_f(v['recall_confident'])} | {_f(v['recall_any'])} |"
              for k, v in q["by_variant"].items()]
    lines += ["", "Hard negatives (different agencies) and false positives:", "",
              "| category | record pairs in the data | proposed | confident |", "| --- | --- | --- | --- |"]
    for cat, desc in HARD_NEGATIVES.items():
        h = q["hard_negatives"].get(cat, {})
        lines.append(f"| {cat}: {desc} | {h.get('record_pairs', 0):,} | {h.get('proposed', 0):,} | "
                     f"{h.get('proposed_confident', 0):,} |")
    other = q["false_positives"].get("other", {"all": 0, "confident": 0})
    lines.append(f"| other false positives | | {other['all']:,} | {other['confident']:,} |")
    if "naive" in out:
        n = out["naive"]
        nc, bc = n["naive_on_sample"]["confident"], n["blocked_on_sample"]["confident"]
        lines += ["", f"Naive all-pairs (naive=True) on a random sample of {n['sample']:,} records "
                      f"({n['sample_cross_source_pairs']:,} cross-source pairs): {n['seconds']} s "
                      f"(blocked on the same sample: {n['blocked_on_sample_seconds']} s)",
                  f"  sample, confident: naive P {_f(nc['precision'])} R {_f(nc['recall'])}; "
                  f"blocked P {_f(bc['precision'])} R {_f(bc['recall'])} ({nc['true_pairs']:,} true pairs)",
                  f"  EXTRAPOLATED (not measured) naive time for all {out['records']:,} records, "
                  f"by the pair count "
                  f"({out['cross_source_pairs']:,} / {n['sample_cross_source_pairs']:,} pairs): "
                  f"≈ {n['extrapolated_seconds_all_records']:,} s, "
                  f"{n['speedup_blocked_vs_naive_extrapolated']}× the blocked time"]
    m = out["machine"]
    busy = " BUSY" if max(m["load_before"], m["load_after"]) > (m["cpus"] or 1) else ""
    lines += ["", f"machine load: {m['load_before']} before, {m['load_after']} after, "
                  f"on {m['cpus']} CPUs{busy}"]
    return "\n".join(lines)


def _examples(out: dict) -> str:
    ex = out["quality"]["examples"]
    lines = ["", "False positives (the highest-scored of each category, confident first):"]
    shown: Counter = Counter()
    for x in ex["false_positives"]:
        shown[x["category"]] += 1
        if shown[x["category"]] > 2:
            continue
        lines.append(f"  {x['score']:.3f}{' confident' if x['confident'] else ''} [{x['category']}] "
                     f"{' / '.join(x['a']['names'])} {x['a']['context']}  ≠  {' / '.join(x['b']['names'])} "
                     f"{x['b']['context']}" + (f"  — {'; '.join(x['reasons'])[:160]}"
                                                if x["reasons"] else ""))
    lines.append("Missed true pairs (random: not proposed at all, "
                 "then proposed but not confident, with the score):")
    fn = ex["false_negatives"]
    unproposed = [x for x in fn if x["score"] is None]
    weak = [x for x in fn if x["score"] is not None]
    for x in unproposed[:4] + weak[:4]:
        score = "not proposed" if x["score"] is None else f"{x['score']:.3f}"
        lines.append(f"  {score}: {' / '.join(x['a']['names'])} {x['a']['context']}  =  "
                     f"{' / '.join(x['b']['names'])} {x['b']['context']}  ({x['a']['entity']}; "
                     f"{', '.join(sorted(set(x['a']['variants']) | set(x['b']['variants'])))})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linking",
                                     description="Time and score graph.matching.find_matches on synthetic "
                                                 "agency records with Thai spelling variants.")
    parser.add_argument("--provinces", type=int, default=77,
                        help="first N provinces of the seeded order (1-77)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--records", type=int, default=10_000,
                        help="number of records (default 10,000; 0: about 1.36 per agency and province)")
    parser.add_argument("--naive-sample", type=int, default=1500,
                        help="records in the naive all-pairs sample (0 skips it)")
    parser.add_argument("--examples", type=int, default=8,
                        help="false positives per category and false negatives kept in linking.json")
    parser.add_argument("--out", default="bench/out", help="folder for linking.json (default bench/out)")
    args = parser.parse_args(argv)
    if not 1 <= args.provinces <= 77:
        parser.error("--provinces must be between 1 and 77")
    out = run(args.provinces, args.seed, args.records or None, args.naive_sample, args.examples)
    text = report(out)
    print(text + _examples(out))
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "linking.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {folder / 'linking.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
