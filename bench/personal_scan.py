"""The personal-identifier scan of RDF files: parsed terms (now) against the file's bytes (0.1.0).

0.1.0 ran a regular expression over the file's bytes (memory-mapped), which could not see a
citizen ID written with ``\\u`` escapes, RDF/XML character references, Thai digits or
invisible characters. Now every distinct literal and IRI is read from pyoxigraph's streaming
parser (:func:`abegraph.loaders.rdf_files.scan_rdf`); a quad format is parsed once anyway, so
its scan reads the parsed quads (:func:`~abegraph.loaders.rdf_files.scan_quads`) instead of
the bytes as well. Run from the checkout::

    python -m bench.personal_scan [--resources 100000]

It writes a Turtle and a TriG file of resources with Thai labels, amounts and descriptions to
``bench/out/`` and prints the time of each way, best of three.
"""
from __future__ import annotations

import argparse
import mmap
import random
import re
import time
from pathlib import Path

from abegraph.loaders.rdf_files import parse_rdf, scan_quads, scan_rdf
from abegraph.thai.personal import is_citizen_id

OUT = Path(__file__).parent / "out"
# the scan of 0.1.0, as it was
_CID_BYTES = re.compile(rb"(?<![0-9])[0-9](?:[- ]?[0-9]){12}(?![0-9])")
_PHONE_BYTES = re.compile(rb"(?<![0-9])(?:\+66[- ]?|0)[689][0-9][- ]?[0-9]{3}[- ]?[0-9]{4}(?![0-9])")


def byte_scan(path: Path) -> int:
    found = 0
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        found += sum(is_citizen_id(re.sub(rb"[- ]", b"", m.group()).decode()) for m in _CID_BYTES.finditer(data))
        found += sum(1 for _ in _PHONE_BYTES.finditer(data))
    return found


def write_files(resources: int) -> tuple[Path, Path]:
    rng = random.Random(0)
    OUT.mkdir(exist_ok=True)
    body = []
    for i in range(resources):
        body.append(
            f'<https://w3id.org/abegraph/id/resource/R{i:06d}> a abe:Resource ;\n'
            f'  rdfs:label "ทรัพยากรด้านการศึกษา หมายเลข {i}"@th, "Education resource {i}"@en ;\n'
            f'  abe:amount {rng.randint(1000, 10_000_000)} ;\n'
            f'  abe:heldBy <https://w3id.org/abegraph/id/agency/A{i % 400:03d}> ;\n'
            f'  dcterms:description "งบประมาณปี 2567 จำนวน {rng.randint(1, 999)},{rng.randint(100, 999)} บาท"@th .\n')
    prefixes = ("@prefix abe: <https://w3id.org/abegraph/ontology#> .\n"
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                "@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    ttl, trig = OUT / "personal-scan.ttl", OUT / "personal-scan.trig"
    ttl.write_text(prefixes + "".join(body), encoding="utf-8")
    trig.write_text(prefixes + "<https://w3id.org/abegraph/graph/bench> {\n" + "".join(body) + "}\n",
                    encoding="utf-8")
    return ttl, trig


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resources", type=int, default=100_000)
    args = parser.parse_args()
    ttl, trig = write_files(args.resources)
    print(f"{args.resources:,} resources, {5 * args.resources + args.resources:,} triples, "
          f"{ttl.stat().st_size / 1e6:.1f} MB of Turtle")
    rows = [
        ("Turtle (store parses it natively)", best(lambda: byte_scan(ttl)),
         best(lambda: scan_rdf(ttl, ttl.name, "turtle"))),
        ("TriG (parsed, then scanned)", best(lambda: (byte_scan(trig), parse_rdf(trig, trig.name, "trig"))),
         best(lambda: scan_quads(parse_rdf(trig, trig.name, "trig")[0], trig.name))),
    ]
    print(f"{'file':36} {'bytes (0.1.0)':>14} {'parsed terms':>14}")
    for name, old, new in rows:
        print(f"{name:36} {old:13.2f}s {new:13.2f}s")


if __name__ == "__main__":
    main()
