"""Resolve what a coordinator typed (an id, a Thai or English name, an abbreviation) to an IRI.

Names are compared with :func:`abegraph.thai.text.match_key`, so spacing, case, Thai
digits, Thai typing variants (``เเ`` for ``แ``, a tone mark before its vowel) and the full stop
after an abbreviation do not matter. When nothing matches, the three closest names are
offered (rapidfuzz).

A name resolves within its own file first, then the batch being loaded, then the store, then
the bundled defaults: two World Café tables loaded together may each give the same agency its
own id, and each table's rows then refer to its own (``abegraph link`` proposes the pair).

Example
-------
>>> from pyoxigraph import NamedNode
>>> from abegraph.loaders.references import NameIndex
>>> index = NameIndex("agency")
>>> esao = NamedNode("https://w3id.org/abegraph/id/agency/ESAO-KK1")
>>> index.add(esao, "ESAO-KK1", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "สพป.ขอนแก่น เขต 1")
>>> index.resolve("สพป. ขอนแก่น เขต ๑") == [esao]
True
>>> index.closest("สพป.ขอนแก่น เขต 7")[0]
'สพป.ขอนแก่น เขต 1'
>>> other = NamedNode("https://w3id.org/abegraph/id/agency/A1")
>>> index.add(esao, "สพป.ขอนแก่น เขต 1", source="table-1")
>>> index.add(other, "สพป.ขอนแก่น เขต 1", source="table-2")
>>> index.resolve("สพป.ขอนแก่น เขต 1", source="table-2") == [other]
True
>>> len(index.resolve("สพป.ขอนแก่น เขต 1", source="table-3"))  # neither table's own: ambiguous
2
"""
from __future__ import annotations

from pyoxigraph import NamedNode

from abegraph.thai.text import clean, is_thai, match_key

__all__ = ["NameIndex"]


def _looks_like_an_id(name: str) -> bool:
    """``I09``, ``A2``, ``ESAO-KK1``: one word with a digit in it."""
    return not any(ch.isspace() for ch in name) and any(ch.isdigit() for ch in name)


class NameIndex:
    """Every name by which the things of one kind (agency, issue, ...) may be referred to.

    A thing is any hashable: the loader registers pyoxigraph nodes, the network its nodes' IRIs.
    """

    #: tiers, best first: rows being loaded (their own file first), then the store, then the bundled defaults
    LOADING, STORE, DEFAULT = 0, 1, 2

    def __init__(self, kind: str):
        self.kind = kind
        self._by_key: dict[str, dict[NamedNode, int]] = {}
        self._names: dict[str, str] = {}  # match key -> a display name
        self._sources: dict[str, dict[NamedNode, set[str]]] = {}  # match key -> IRI -> files it comes from
        self._things: dict[NamedNode, list[str]] = {}  # IRI -> its names, as first given

    def add(self, iri: NamedNode, *names: str, tier: int = LOADING, source: str | None = None) -> None:
        """Register ``iri`` under each non-empty name; a lower ``tier`` wins when names clash.
        ``source`` names the file (graph) a row being loaded comes from."""
        for name in names:
            key = match_key(name)
            if not key:
                continue
            holders = self._by_key.setdefault(key, {})
            holders[iri] = min(tier, holders.get(iri, tier))
            if source is not None:
                self._sources.setdefault(key, {}).setdefault(iri, set()).add(source)
            self._names.setdefault(key, clean(name))
            names_of = self._things.setdefault(iri, [])
            if clean(name) not in names_of:
                names_of.append(clean(name))

    def resolve(self, text: str, source: str | None = None) -> list[NamedNode]:
        """The IRIs a name stands for: one when it is clear, several when it is ambiguous.

        A name defined in the file ``source`` hides the same name in the other files being
        loaded, which hides it in the store and in the bundled defaults, so a workbook may
        name its own agencies and issues freely.
        """
        key = match_key(text)
        holders = self._by_key.get(key, {})
        if not holders:
            return []
        best = min(holders.values())
        found = [iri for iri, tier in holders.items() if tier == best]
        if len(found) > 1 and best == self.LOADING and source is not None:
            own = [iri for iri in found if source in self._sources.get(key, {}).get(iri, ())]
            return own or found
        return found

    def closest(self, text: str, limit: int = 3, lang: str = "en") -> list[str]:
        """The names most like ``text``, best first, one per thing: the name that matched when it
        is in the language ``lang`` ("th" or "en"), else the thing's name in ``lang`` (not its
        id) if it has one; an id that matched is given with that name beside it.

        >>> index = NameIndex("issue")
        >>> index.add(NamedNode("urn:x:I09"), "I09", "ที่อยู่อาศัยไม่เหมาะสม", "Inadequate housing")
        >>> index.closest("Inadequate housng", lang="th"), index.closest("I9", lang="th")
        (['ที่อยู่อาศัยไม่เหมาะสม'], ['I09 (ที่อยู่อาศัยไม่เหมาะสม)'])
        """
        from rapidfuzz import fuzz, process

        found = process.extract(match_key(text), list(self._names), scorer=fuzz.WRatio, limit=limit * 4)
        names, seen = [], set()
        for key, _score, _ in found:
            things = [iri for iri in self._by_key.get(key, ()) if iri not in seen]
            if not things:
                continue
            seen.update(things)
            names.append(self._in_language(self._names[key], things[0], lang))
        return names[:limit]

    def _in_language(self, matched: str, iri: NamedNode, lang: str) -> str:
        is_id = not is_thai(matched) and _looks_like_an_id(matched)
        if is_thai(matched) == (lang == "th") and not is_id:
            return matched
        name = next((n for n in self._things.get(iri, ())
                     if is_thai(n) == (lang == "th") and not _looks_like_an_id(n)), None)
        if name is None:
            return matched
        return f"{matched} ({name})" if is_id else name
