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

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SKOS

from abegraph.memo import remember_short
from abegraph.thai.text import clean, match_key

from ..ontology import vocabulary_store
from ..ontology.namespace import SCHEMES

__all__ = ["ControlledValues", "controlled_values", "match_variants", "value_label"]

_LEADING_DAN = re.compile(r"^ด้าน\s*")
_BRACKET_TAIL = re.compile(r"\s*\(.*\)\s*$")


@remember_short(maxsize=1 << 12, longest=256)  # a workbook types its few values 36,000 times
def match_variants(text: str) -> tuple[str, ...]:
    """The match keys tried for one cell value, most literal first.

    >>> match_variants("ด้านข้อมูล /สารสนเทศ")
    ('ด้านข้อมูล/สารสนเทศ', 'ข้อมูล/สารสนเทศ')
    """
    text = clean(text)
    variants = [text, _BRACKET_TAIL.sub("", text)]
    variants += [_LEADING_DAN.sub("", v) for v in variants]
    keys: list[str] = []
    for variant in variants:
        key = match_key(variant)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


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
    """Lookup tables for every controlled-vocabulary scheme of the workbook contract, read
    from the vocabulary (a pyoxigraph store, :func:`~abegraph.ontology.vocabulary_store`)."""

    def __init__(self, store: ox.Store):
        self._keys: dict[str, dict[str, URIRef]] = {}
        self._choices: dict[str, list[Choice]] = {}
        found: dict[tuple[str, str], dict[str, list[ox.Literal]]] = {}
        scheme_names = {str(iri): name for name, iri in SCHEMES.items()}
        for scheme, concept, p, value in store.query(f"""
                SELECT ?scheme ?c ?p ?o WHERE {{ ?c <{SKOS.inScheme}> ?scheme ; ?p ?o
                FILTER(?p IN (<{SKOS.notation}>, <{SKOS.prefLabel}>, <{SKOS.altLabel}>)) }}"""):
            if scheme.value in scheme_names:
                found.setdefault((scheme_names[scheme.value], concept.value), {}).setdefault(
                    p.value.rsplit("#", 1)[-1], []).append(value)
        for name in SCHEMES:
            self._keys[name], self._choices[name] = {}, []
        for (name, iri), values in sorted(found.items()):
            keys, concept = self._keys[name], URIRef(iri)
            notations = sorted(n.value for n in values.get("notation", ()))
            pref = sorted(values.get("prefLabel", ()), key=lambda lit: lit.value)
            alt = sorted(values.get("altLabel", ()), key=lambda lit: lit.value)
            labels = {lit.language: lit.value for lit in pref}
            for name_text in notations + [lit.value for lit in pref + alt]:
                keys.setdefault(match_key(name_text), concept)
            digit = min((lit.value for lit in alt if lit.value.isdigit() and not lit.language), key=int, default="")
            self._choices[name].append(Choice(concept, min(notations, key=len) if notations else "",
                                              labels.get("en", ""), labels.get("th", ""), digit))
        for choices in self._choices.values():
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
    return ControlledValues(vocabulary_store())


#: the dimensions' short names, as tables and messages give them
_SHORT_DIMENSIONS = {"data": ("Data", "ข้อมูล"), "operations": ("Operations", "การดำเนินงาน"),
                     "knowledge": ("Knowledge", "องค์ความรู้"), "policy": ("Policy", "นโยบาย")}
#: a yes/no cell's value as Python writes it and as RDF does
_YES_NO = {"True": ("yes", "ใช่"), "False": ("no", "ไม่ใช่"), "true": ("yes", "ใช่"), "false": ("no", "ไม่ใช่")}


@lru_cache(maxsize=1)
def _value_names() -> dict[str, dict[str, tuple[str, str]]]:
    """scheme -> code (a concept's key or notation) -> (English, Thai) name; ``bool`` for yes/no."""
    values = controlled_values()
    out: dict[str, dict[str, tuple[str, str]]] = {"bool": dict(_YES_NO)}
    for scheme in ("dimension", "granularity", "link-key", "target-group", "access", "agency-type",
                   "resource-type"):
        table = out.setdefault(scheme, {})
        for c in values.choices(scheme):
            names = (c.label_en or c.notation, c.label_th or c.label_en or c.notation)
            for code in (str(c.concept).rsplit("/", 1)[-1], c.notation):
                table.setdefault(code, names)
    out["dimension"].update(_SHORT_DIMENSIONS)
    return out


def value_label(scheme: str, code, lang: str = "en") -> str:
    """The name people read for a controlled value's code (or a yes/no, scheme ``bool``) in
    ``lang``; the code itself when the scheme does not know it.

    >>> value_label("dimension", "policy", "th"), value_label("bool", True, "th"), value_label("granularity", "zzz")
    ('นโยบาย', 'ใช่', 'zzz')
    """
    pair = _value_names().get(scheme, {}).get(str(code))
    if pair is None:
        return str(code)
    return pair[1] if lang == "th" else pair[0]
