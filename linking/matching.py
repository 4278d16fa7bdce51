"""Find the agencies, resources, datasets and issues that are the same thing across sources.

Each entity is a :class:`Record`: its names as typed, the source it came from and some
context (district, holders, link keys). Names are compared through
:func:`abegraph.thai.names.name_parts`: abbreviations written out, tone marks ignored,
and the parts that tell two similar offices apart (numbers, provinces, the kind of office)
must agree. Candidate pairs come from a sparse character-trigram TF-IDF product, so only
names that look alike are scored; ``naive=True`` scores every pair instead (the baseline).

A pair is *confident* when its names agree after normalisation (or differ by a typo) and
nothing in its context disagrees; everything else above :data:`PROPOSE` is only proposed.

Example
-------
>>> from abegraph.linking.matching import Record, find_matches
>>> a = Record("t1/ESAO1", "agency", "table-1", ("สพป.ขอนแก่น เขต 1",))
>>> b = Record("t2/A07", "agency", "table-2", ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต ๑",))
>>> c = Record("t3/A02", "agency", "table-3", ("สพป.ขอนแก่น เขต 2",))
>>> [(p.a, p.b, p.confident) for p in find_matches([a, b, c])]
[('t1/ESAO1', 't2/A07', True)]
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from rapidfuzz.distance import Levenshtein
from scipy import sparse

from abegraph.thai.names import NameParts, name_parts

__all__ = ["Record", "Reason", "Proposal", "Clusters", "find_matches", "score_pair", "PROPOSE", "CONFIDENT", "KIND_ORDER"]

#: Pairs scoring below this are not proposed at all.
PROPOSE = 0.8
#: Pairs scoring at least this, with no disagreement, are confident.
CONFIDENT = 0.95
#: Agencies first: resources and datasets then compare holders through the agency matches.
KIND_ORDER = ("agency", "issue", "resource", "dataset")
_BLOCK_COSINE = 0.3
_BLOCK_TOP = 40


@dataclass(frozen=True)
class Record:
    """One entity as the matcher sees it.

    ``context`` keys: ``district`` and ``province`` (DOPA codes), ``parent``, ``holders``
    (record keys of agencies), ``link_keys``. A missing key means "not known".
    """

    key: str
    kind: str
    source: str
    names: tuple[str, ...]
    context: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Reason:
    """Why a pair scores as it does, in English and Thai."""

    en: str
    th: str

    def text(self, lang: str = "en") -> str:
        return self.th if lang == "th" else self.en


@dataclass(frozen=True)
class Proposal:
    """Two records that may be the same thing: ``score`` in 0..1, ``confident`` or only proposed."""

    a: str
    b: str
    kind: str
    score: float
    confident: bool
    reasons: tuple[Reason, ...]

    def reason_text(self, lang: str = "en") -> str:
        return "; ".join(r.text(lang) for r in self.reasons)


class MatchEntry:
    """A record with its names parsed once."""

    __slots__ = ("record", "parts", "province", "names", "parents")

    def __init__(self, record: Record, source_provinces: dict[str, str], lookup: dict[str, Record] | None = None):
        self.record = record
        # a parent is compared by its names: its own matches are not known yet
        lookup = lookup or {}
        self.parents = [[name_parts(n) for n in (lookup[p].names if p in lookup else (p,)) if n.strip()]
                        for p in record.context.get("parent", ())]
        self.parts = [name_parts(n) for n in record.names if n and n.strip()]
        self.names = [n for n in record.names if n and n.strip()]
        provinces = set(record.context.get("province", ())) | {d[:2] for d in record.context.get("district", ())}
        provinces |= {p for parts in self.parts for p in parts.provinces}
        # A school or subdistrict body with no place given is in the province of its workshop.
        if not provinces and any(p.local for p in self.parts) and record.source in source_provinces:
            provinces.add(source_provinces[record.source])
        self.province = frozenset(provinces)


def source_provinces(records: list[Record]) -> dict[str, str]:
    """The province most rows of each source name (the province a workshop was held in)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        for d in r.context.get("district", ()):
            counts[r.source][d[:2]] += 1
        for p in r.context.get("province", ()):
            counts[r.source][p] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items() if c}


def _allowed_edits(text: str) -> int:
    return 1 + len(text) // 12


def name_similarity(x: NameParts, y: NameParts) -> tuple[float, list[Reason]]:
    """Similarity of two parsed names, with the reasons it is capped."""
    if x.key == y.key:
        return 1.0, []
    if x.numbers and y.numbers and x.numbers != y.numbers:
        return 0.0, [Reason(f"different numbers ({', '.join(x.numbers)} / {', '.join(y.numbers)})",
                            f"ตัวเลขต่างกัน ({', '.join(x.numbers)} / {', '.join(y.numbers)})")]
    if x.head and y.head and not (x.head.startswith(y.head) or y.head.startswith(x.head)):
        return 0.0, [Reason("different kinds of office", "เป็นหน่วยงานต่างประเภทกัน")]
    similarity = Levenshtein.normalized_similarity(x.key, y.key)
    reasons = []
    distance = Levenshtein.distance(x.specific, y.specific)
    shorter, longer = sorted((x.specific, y.specific), key=len)
    if distance > _allowed_edits(longer) or (len(longer) - len(shorter) >= 2 and
                                             (longer.startswith(shorter) or longer.endswith(shorter))):
        # บ้านหัวนาบัว is not บ้านหัวนาบัวใต้: a name that extends another is another place
        similarity = min(similarity, 0.75)
        reasons.append(Reason("the distinctive part of the names differs", "ส่วนที่บ่งชี้ของชื่อต่างกัน"))
    elif distance:
        if len(shorter) < 6:  # นามน / นาม่อง: in a short name one letter is a different place
            similarity = min(similarity, 0.85)
        reasons.append(Reason(f"names differ by {distance} character(s), as a typo would",
                              f"ชื่อต่างกัน {distance} ตัวอักษร เหมือนพิมพ์ผิด"))
    if bool(x.numbers) != bool(y.numbers):
        similarity = min(similarity, 0.85)
        reasons.append(Reason("only one name carries a number", "มีตัวเลขในชื่อเดียว"))
    return similarity, reasons


def score_pair(a: MatchEntry, b: MatchEntry, same: dict[str, str] | None = None,
               ambiguous: frozenset[str] = frozenset()) -> tuple[float, bool, list[Reason]]:
    """Score two parsed records: (score, confident, reasons). ``same`` maps agency keys to
    their representative, so holders are compared through the agency matches; ``ambiguous``
    holds name keys used in several districts (not confident unless both districts are known)."""
    best, best_reasons, best_names, best_key = -1.0, [], ("", ""), ""
    for i, x in enumerate(a.parts):
        for j, y in enumerate(b.parts):
            similarity, reasons = name_similarity(x, y)
            if similarity > best:
                best, best_reasons, best_names, best_key = similarity, reasons, (a.names[i], b.names[j]), x.key
    if best < 0:
        return 0.0, False, []
    reasons = list(best_reasons)
    if best == 1.0:
        reasons.insert(0, Reason(f"same name once written out: {best_names[0]} = {best_names[1]}",
                                 f"ชื่อเดียวกันเมื่อเขียนเต็ม: {best_names[0]} = {best_names[1]}"))
    elif best > 0:
        reasons.insert(0, Reason(f"similar names ({best:.0%}): {best_names[0]} ~ {best_names[1]}",
                                 f"ชื่อคล้ายกัน ({best:.0%}): {best_names[0]} ~ {best_names[1]}"))
    score, disagree = best, False
    # context confirms names that are already close; it never makes a match of its own
    bonus = 1.0 if best >= 0.85 else 0.0
    if a.province and b.province and not a.province & b.province:
        return min(score, 0.5), False, reasons + [Reason("in different provinces", "อยู่คนละจังหวัด")]
    ca, cb = a.record.context, b.record.context
    da, db = set(ca.get("district", ())), set(cb.get("district", ()))
    if da and db:
        if da & db:
            score += 0.03 * bonus
            reasons.append(Reason("same district", "อำเภอเดียวกัน"))
        else:
            score -= 0.1
            disagree = True
            reasons.append(Reason("in different districts", "อยู่คนละอำเภอ"))
    canon = (lambda k: same.get(k, k)) if same else (lambda k: k)
    ha = {canon(h) for h in ca.get("holders", ())}
    hb = {canon(h) for h in cb.get("holders", ())}
    if ha and hb:
        if ha & hb:
            score += 0.05 * bonus
            reasons.append(Reason("held by the same agency", "หน่วยงานเจ้าของเดียวกัน"))
        else:
            score -= 0.1
            disagree = True
            reasons.append(Reason("held by different agencies", "หน่วยงานเจ้าของต่างกัน"))
    ka, kb = set(ca.get("link_keys", ())), set(cb.get("link_keys", ()))
    if ka and kb and ka == kb:
        score += 0.02 * bonus
        reasons.append(Reason("same link keys", "คีย์เชื่อมโยงเดียวกัน"))
    if a.parents and b.parents:
        parent = max(name_similarity(x, y)[0] for pa in a.parents for pb in b.parents for x in pa for y in pb)
        if parent >= 0.9:
            score += 0.02 * bonus
            reasons.append(Reason("same parent agency", "ต้นสังกัดเดียวกัน"))
        elif parent < 0.75:
            score -= 0.05
            disagree = True
            reasons.append(Reason("different parent agencies", "ต้นสังกัดต่างกัน"))
    if best_key in ambiguous and not (da and db):
        disagree = True
        reasons.append(Reason("the same name is used in several districts", "ชื่อนี้มีในหลายอำเภอ"))
    score = max(0.0, min(1.0, score))
    confident = score >= CONFIDENT and best >= 0.9 and not disagree
    return score, confident, reasons


def _trigrams(text: str) -> list[str]:
    padded = f" {text} "
    return [padded[i:i + 3] for i in range(max(1, len(padded) - 2))]


def _candidates(entries: list[MatchEntry]) -> set[tuple[int, int]]:
    """Pairs of entries from different sources whose names share rare trigrams (cosine of
    TF-IDF vectors at least ``_BLOCK_COSINE``, the ``_BLOCK_TOP`` nearest per name)."""
    rows, owners, vocabulary = [], [], {}
    for index, entry in enumerate(entries):
        for parts in entry.parts:
            rows.append(Counter(vocabulary.setdefault(g, len(vocabulary)) for g in _trigrams(parts.key)))
            owners.append(index)
    if not rows:
        return set()
    df = Counter(g for row in rows for g in row)
    idf = {g: math.log(len(rows) / n) + 1.0 for g, n in df.items()}
    indptr, indices, data = [0], [], []
    for row in rows:
        weights = {g: (1 + math.log(c)) * idf[g] for g, c in row.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        indices.extend(weights)
        data.extend(w / norm for w in weights.values())
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(rows), len(vocabulary)))
    owners_array = np.array(owners)
    sources = np.array([hash(entries[o].record.source) for o in owners])
    pairs, XT = set(), X.T.tocsc()
    for start in range(0, len(rows), 2000):
        block = (X[start:start + 2000] @ XT).tocsr()
        block.data[block.data < _BLOCK_COSINE] = 0
        block.eliminate_zeros()
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            if lo == hi:
                continue
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            other_source = sources[cols] != sources[start + r]
            cols, vals = cols[other_source], vals[other_source]
            if len(cols) > _BLOCK_TOP:
                cols = cols[np.argsort(-vals)[:_BLOCK_TOP]]
            i = owners_array[start + r]
            for j in owners_array[cols]:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


class Clusters:
    """Groups of entries that are the same thing, each with its canonical member: the one
    ranked first by ``order`` (e.g. the source loaded first), then by key.

    >>> c = Clusters(order={"x": 0, "y": 1})
    >>> c.join("y", "x"); c.find("y"), c.mapping()
    ('x', {'y': 'x'})
    """

    def __init__(self, order: dict[str, int] | None = None):
        self.parent: dict[str, str] = {}
        self.order = order or {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=lambda k: (self.order.get(k, 1 << 30), k))
            self.parent[drop] = keep

    def mapping(self) -> dict[str, str]:
        """Every member that is not canonical -> its canonical member."""
        return {k: self.find(k) for k in self.parent if self.find(k) != k}


def ambiguous_names(entries: list[MatchEntry]) -> frozenset[str]:
    """Name keys that records place in more than one district (บ้านหนองเจริญ is in many)."""
    districts: dict[str, set] = defaultdict(set)
    for e in entries:
        for parts in e.parts:
            districts[parts.key].update(e.record.context.get("district", ()))
    return frozenset(k for k, d in districts.items() if len(d) > 1)


def find_matches(records: list[Record], *, naive: bool = False, propose: float = PROPOSE) -> list[Proposal]:
    """Pairs of records from different sources that may be the same thing, best first.

    Records of different kinds are never paired. ``naive=True`` scores every pair of each
    kind (slow; the baseline the benchmark compares against).
    """
    provinces = source_provinces(records)
    by_kind: dict[str, list[MatchEntry]] = defaultdict(list)
    lookup = {r.key: r for r in records}
    for record in records:
        by_kind[record.kind].append(MatchEntry(record, provinces, lookup))
    groups = Clusters()
    proposals = []
    ambiguous = ambiguous_names(by_kind.get("agency", []))
    for kind in sorted(by_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)):
        entries = by_kind[kind]
        if naive:
            pairs = ((i, j) for i, j in combinations(range(len(entries)), 2)
                     if entries[i].record.source != entries[j].record.source)
        else:
            pairs = sorted(_candidates(entries))
        same = groups.mapping()
        for i, j in pairs:
            a, b = entries[i], entries[j]
            score, confident, reasons = score_pair(a, b, same, ambiguous)
            if score < propose:
                continue
            first, second = sorted((a.record.key, b.record.key))
            proposals.append(Proposal(first, second, kind, round(score, 3), confident, tuple(reasons)))
            if confident:
                groups.join(first, second)
    proposals.sort(key=lambda p: (-p.score, p.kind, p.a, p.b))
    return proposals
