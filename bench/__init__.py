"""Benchmarks of abegraph: synthetic provinces (:mod:`abegraph.bench.synthetic`) and the
load-and-query comparison with plain rdflib (:mod:`abegraph.bench.load_query`).

See ``bench/README.md``.
"""
