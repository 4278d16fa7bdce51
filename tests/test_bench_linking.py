"""The linking benchmark's data generator (bench/agency_variants.py) and its metrics.

Small and fast: two provinces, nothing timed, no matcher needed.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from bench.agency_variants import HARD_NEGATIVES, generate_records, hard_negative_pairs, relation
from bench.linking import closure_metrics, pair_metrics


@pytest.fixture(scope="module")
def data():
    return generate_records(provinces=2, seed=1)


def _true_pairs(data):
    by_entity = defaultdict(list)
    for r in data.records:
        by_entity[data.truth[r.key]].append(r)
    return [(a, b) for rs in by_entity.values() for i, a in enumerate(rs) for b in rs[i + 1:]]


def test_deterministic_for_a_seed(data):
    again = generate_records(provinces=2, seed=1)
    assert again.records == data.records
    assert again.truth == data.truth
    other = generate_records(provinces=2, seed=2)
    assert [r.names for r in other.records] != [r.names for r in data.records]


def test_records_sources_and_truth(data):
    assert len(data.records) == len(data.truth) == len({r.key for r in data.records})
    assert {r.kind for r in data.records} == {"agency"}
    per_province = Counter(s.split("/")[0] for s in data.sources)
    assert set(per_province.values()) <= {2, 3}  # 2-3 tables per province
    # an agency is mentioned at most once per source, by 1-3 tables of a province
    seen = Counter((r.source, data.truth[r.key]) for r in data.records)
    assert max(seen.values()) == 1
    local = Counter(data.truth[r.key] for r in data.records
                    if data.entities[data.truth[r.key]].kind != "national")
    assert max(local.values()) <= 3
    # national agencies appear in every province's sources
    eef = {r.source.split("/")[0] for r in data.records if data.truth[r.key] == "EEF"}
    assert eef == set(per_province)
    assert all(isinstance(n, str) and n.strip() for r in data.records for n in r.names)


def test_exact_record_count():
    assert len(generate_records(provinces=2, seed=1, records=150).records) == 150


def test_true_pairs_include_abbreviation_and_full_name_variants(data):
    prefixes = {"อบต": "องค์การบริหารส่วนตำบล", "รร": "โรงเรียน", "รพ.สต": "โรงพยาบาลส่งเสริมสุขภาพตำบล",
                "ศพด": "ศูนย์พัฒนาเด็กเล็ก", "สพป": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"}
    found = set()
    for a, b in _true_pairs(data):
        names_a, names_b = " ".join(a.names), " ".join(b.names)
        for abbr, full in prefixes.items():
            if (abbr in names_a and full not in names_a and full in names_b and abbr not in names_b) or \
               (abbr in names_b and full not in names_b and full in names_a and abbr not in names_a):
                found.add(abbr)
    assert {"อบต", "รร"} <= found and len(found) >= 3
    # and the names of a true pair are not simply equal: variants make most of them differ
    differ = sum(1 for a, b in _true_pairs(data) if not set(a.names) & set(b.names))
    assert differ > len(_true_pairs(data)) / 2


def test_typing_variants_are_present(data):
    tags = Counter(t for ts in data.tags.values() for t in ts)
    for tag in ("abbreviation-only", "full-name-only", "no-full-stop", "whitespace", "space", "typo"):
        assert tags[tag] > 0, tag
    text = "".join(n for r in data.records for n in r.names)
    assert "\u200b" in text or tags["zero-width-space"] == 0
    assert "\u0e4d\u0e32" in text or tags["sara-am"] == 0


def test_hard_negatives_are_different_entities(data):
    pairs = hard_negative_pairs(data.entities)
    assert set(pairs) == set(HARD_NEGATIVES)
    for category in ("other-zone", "other-province", "sao-tm", "name-extends"):
        assert pairs[category], category
    for category, items in pairs.items():
        for a, b in items:
            assert a != b and relation(data.entities[a], data.entities[b]) == category
    # same pattern, different entity: สพป. เขต 1 / เขต 2, and the same office in the two provinces
    zones = [(data.entities[a], data.entities[b]) for a, b in pairs["other-zone"]]
    assert any(x.full[0][0] == y.full[0][0] and x.province == y.province for x, y in zones)
    peo = [data.entities[a].id for a, b in pairs["other-province"] if data.entities[a].kind == "peo"]
    assert peo
    # an injected อบต./เทศบาลตำบล twin shares the subdistrict name with its อบต.
    a, b = pairs["sao-tm"][0]
    ea, eb = data.entities[a], data.entities[b]
    assert ea.rest == eb.rest and ea.subdistrict == eb.subdistrict


def test_pair_metrics_and_closure():
    truth = {"a1": "X", "b1": "X", "c1": "X", "a2": "Y", "b2": "Y"}
    sources = {"a1": "a", "b1": "b", "c1": "c", "a2": "a", "b2": "b"}
    m = pair_metrics([("b1", "a1"), ("a1", "b1"), ("a2", "b1")], truth, sources)
    assert (m["true_pairs"], m["proposed"], m["correct"]) == (4, 2, 1)
    # closure: a1-b1 and b1-c1 give a1-c1 too; a2-b2 makes the second cluster
    c = closure_metrics([("a1", "b1"), ("b1", "c1"), ("a2", "b2")], truth, sources)
    assert (c["proposed"], c["correct"], c["precision"], c["recall"]) == (4, 4, 1.0, 1.0)
    merged = closure_metrics([("a1", "b1"), ("b1", "a2")], truth, sources)
    assert merged["precision"] < 1.0 and merged["largest_cluster"] == 3
