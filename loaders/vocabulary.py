"""Match what a coordinator typed to a controlled-vocabulary concept.

Matching ignores case, surrounding and zero-width spaces, Thai/Arabic digits, spaces
around ``/``, a leading ``ด้าน`` and a bracketed tail, so every spelling of the seed's
dimension names finds its concept.

Example
-------
>>> from abegraph.loaders.vocabulary import controlled_values
>>> values = controlled_values()
>>> values.match("dimension", "ด้านการดำเนินงาน (งบประมาณ คน หน่วยงาน องค์กร)").endswith("/operations")
True
>>> values.match("dimension", "๓").endswith("/knowledge")
True
>>> values.match("granularity", "village") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from abegraph.thai.text import clean, match_key

from ..ontology import vocabulary_graph
from ..ontology.namespace import SCHEMES

__all__ = ["ControlledValues", "controlled_values", "match_variants"]

_LEADING_DAN = re.compile(r"^ด้าน\s*")
_BRACKET_TAIL = re.compile(r"\s*\(.*\)\s*$")


def match_variants(text: str) -> list[str]:
    """The match keys tried for one cell value, most literal first.

    >>> match_variants("ด้านข้อมูล /สารสนเทศ")
    ['ด้านข้อมูล/สารสนเทศ', 'ข้อมูล/สารสนเทศ']
    """
    text = clean(text)
    variants = [text, _BRACKET_TAIL.sub("", text)]
    variants += [_LEADING_DAN.sub("", v) for v in variants]
    keys: list[str] = []
    for variant in variants:
        key = match_key(variant)
        if key and key not in keys:
            keys.append(key)
    return keys


@dataclass(frozen=True)
class Choice:
    """One allowed value: its concept and labels."""

    concept: URIRef
    notation: str
    label_en: str
    label_th: str
    #: the digit that also names it (the dimensions' "1"-"4"), or ""
    digit: str = ""


class ControlledValues:
    """Lookup tables for every controlled-vocabulary scheme of the workbook contract."""

    def __init__(self, graph: Graph):
        self._keys: dict[str, dict[str, URIRef]] = {}
        self._choices: dict[str, list[Choice]] = {}
        for name, scheme in SCHEMES.items():
            keys = self._keys.setdefault(name, {})
            choices = self._choices.setdefault(name, [])
            for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
                notations = [str(n) for n in graph.objects(concept, SKOS.notation)]
                labels = {lit.language: str(lit) for lit in graph.objects(concept, SKOS.prefLabel)}
                names = notations + [str(x) for p in (SKOS.prefLabel, SKOS.altLabel)
                                     for x in graph.objects(concept, p)]
                for name_text in names:
                    keys.setdefault(match_key(name_text), concept)
                digit = min((str(x) for x in graph.objects(concept, SKOS.altLabel)
                             if str(x).isdigit() and not x.language), key=int, default="")
                choices.append(Choice(concept, min(notations, key=len) if notations else "",
                                      labels.get("en", ""), labels.get("th", ""), digit))
            choices.sort(key=lambda c: (not c.digit, int(c.digit or 0), len(c.notation) > 1, c.notation))

    def match(self, scheme: str, text: str) -> URIRef | None:
        """The concept ``text`` names in ``scheme``, or None."""
        keys = self._keys[scheme]
        for key in match_variants(text):
            if key in keys:
                return keys[key]
        return None

    def choices(self, scheme: str) -> list[Choice]:
        """The allowed values of a scheme, in a stable order: by their digit where they have
        one (the dimensions in the workshop's order 1-4), else by notation."""
        return self._choices[scheme]

    def keys(self, scheme: str, lang: str = "en") -> list[str]:
        """What a user may type, one per concept: the English key, or the Thai label."""
        out = []
        for c in self.choices(scheme):
            english = max((n for n in [c.notation, c.label_en] if n and not n.isdigit()),
                          key=lambda n: n == c.notation, default=c.label_en)
            out.append(c.label_th if lang == "th" and c.label_th else english)
        return out

    def offered(self, scheme: str, lang: str = "en") -> list[str]:
        """What a message offers to type: :meth:`keys`, each after its digit where it has one.

        >>> controlled_values().offered("dimension", "th")[:2]
        ['1 หรือ ข้อมูล/สารสนเทศ', '2 หรือ การดำเนินงาน']
        >>> controlled_values().offered("dimension")
        ['1 or data', '2 or operations', '3 or knowledge', '4 or policy']
        """
        word = "หรือ" if lang == "th" else "or"
        return [f"{c.digit} {word} {key}" if c.digit else key
                for c, key in zip(self.choices(scheme), self.keys(scheme, lang))]


@lru_cache(maxsize=1)
def controlled_values() -> ControlledValues:
    """The controlled values of the bundled vocabulary (cached)."""
    return ControlledValues(vocabulary_graph())
