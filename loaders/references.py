"""Resolve what a coordinator typed (an id, a Thai or English name, an abbreviation) to an IRI.

Names are compared with :func:`abegraph.thai.text.match_key`, so spacing, case, Thai
digits and the full stop after an abbreviation do not matter. When nothing matches, the
three closest names are offered (rapidfuzz).

Example
-------
>>> from rdflib import URIRef
>>> from abegraph.loaders.references import NameIndex
>>> index = NameIndex("agency")
>>> esao = URIRef("https://w3id.org/abegraph/id/agency/ESAO-KK1")
>>> index.add(esao, "ESAO-KK1", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "สพป.ขอนแก่น เขต 1")
>>> index.resolve("สพป. ขอนแก่น เขต ๑") == [esao]
True
>>> index.closest("สพป.ขอนแก่น เขต 7")[0]
'สพป.ขอนแก่น เขต 1'
"""
from __future__ import annotations

from rdflib import URIRef

from abegraph.thai.text import clean, match_key

__all__ = ["NameIndex"]


class NameIndex:
    """Every name by which the things of one kind (agency, issue, ...) may be referred to."""

    #: tiers, best first: rows being loaded, then the store, then the bundled defaults
    LOADING, STORE, DEFAULT = 0, 1, 2

    def __init__(self, kind: str):
        self.kind = kind
        self._by_key: dict[str, dict[URIRef, int]] = {}
        self._names: dict[str, str] = {}  # match key -> a display name

    def add(self, iri: URIRef, *names: str, tier: int = LOADING) -> None:
        """Register ``iri`` under each non-empty name; a lower ``tier`` wins when names clash."""
        for name in names:
            key = match_key(name)
            if not key:
                continue
            holders = self._by_key.setdefault(key, {})
            holders[iri] = min(tier, holders.get(iri, tier))
            self._names.setdefault(key, clean(name))

    def resolve(self, text: str) -> list[URIRef]:
        """The IRIs a name stands for: one when it is clear, several when it is ambiguous.

        A name defined by the rows being loaded hides the same name in the store or in the
        bundled defaults, so a workbook may name its own issues freely.
        """
        holders = self._by_key.get(match_key(text), {})
        if not holders:
            return []
        best = min(holders.values())
        return [iri for iri, tier in holders.items() if tier == best]

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """The names most like ``text``, best first."""
        from rapidfuzz import fuzz, process

        found = process.extract(match_key(text), list(self._names), scorer=fuzz.WRatio, limit=limit)
        return [self._names[key] for key, _score, _ in found]
