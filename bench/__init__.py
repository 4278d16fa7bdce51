"""Benchmarks of abegraph: synthetic provinces (:mod:`bench.synthetic`) and the
load-and-query comparison with plain rdflib (:mod:`bench.load_query`).

See ``bench/README.md``.
"""
