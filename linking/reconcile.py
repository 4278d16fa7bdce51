"""Match names from anyone's table against the store's register, with the matcher ``link`` uses.

A :class:`Register` holds every agency, resource, dataset and issue of the store (entities
merged by ``link`` count once, under their canonical IRI, with all their names) and answers
four questions, the ones a W3C Reconciliation API service asks (see
:mod:`abegraph.server.reconcile`):

* :meth:`Register.reconcile`: the candidates for one name, scored by
  :func:`abegraph.linking.matching.score_pair` (abbreviations written out, Thai digits, tone
  marks, the กศน. → สกร. renaming, and the vetoes that keep another ESA number or an อบต. and a
  ทต. of the same place apart), with the features that explain the score;
* :meth:`Register.suggest`: entities whose Thai or English name, abbreviation or id starts
  with (or contains) what the user has typed so far;
* :meth:`Register.entity`: what a preview card shows;
* :meth:`Register.extend`: property values (DOPA codes, parent, districts served, datasets
  held, ...) for reconciled entities.

Example
-------
>>> from abegraph.linking.reconcile import Query, Register
>>> register = Register.from_store(demo_store)
>>> best = register.reconcile(Query("สพป.ขอนเเก่น เขต ๒", types=("agency",)))[0]
>>> best.entity.id, best.match, best.features["number_agreement"]
('agency/ESAO-KK2', True, True)
>>> [e.id for e in register.suggest("สพม")][:1]
['agency/SESAO-KK']
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

from rapidfuzz import fuzz, process

from abegraph.exceptions import AbegraphError
from abegraph.linking.linkset import records, same_as
from abegraph.linking.matching import (CONFIDENT, Reason, Record, ambiguous_names, MatchEntry, name_similarity,
                                       source_provinces, score_pair)
from abegraph.loaders.vocabulary import controlled_values
from abegraph.ontology.namespace import ID, SPARQL_PREFIXES
from abegraph.thai.names import expand, name_parts, toneless
from abegraph.thai.text import clean, is_thai, match_key

__all__ = ["TYPES", "PROPERTIES", "EXTEND_PROPERTIES", "Entity", "Query", "Candidate", "Register",
           "ReconcileError"]

#: type id -> (English name, Thai name); the ids are the kinds ``link`` matches
TYPES = {
    "agency": ("Agency", "หน่วยงาน"),
    "resource": ("Resource", "ทรัพยากร"),
    "dataset": ("Dataset", "ชุดข้อมูล"),
    "issue": ("Child/youth issue", "ประเด็นปัญหาเด็กและเยาวชน"),
}
#: query property id -> (English name, Thai name, what a value may be)
PROPERTIES = {
    "district": ("District (DOPA code)", "อำเภอ (รหัสกรมการปกครอง)", "a 4-digit DOPA code, e.g. 4001"),
    "province": ("Province (DOPA code or name)", "จังหวัด (รหัสหรือชื่อ)", "a 2-digit DOPA code (40) or a name"),
    "agency_type": ("Agency type", "ประเภทหน่วยงาน", "education office, local government, university, ..."),
    "parent": ("Parent agency", "สังกัด", "the parent's name, abbreviation or id"),
}
#: data extension property id -> (English name, Thai name)
EXTEND_PROPERTIES = {
    "name_th": ("Thai name", "ชื่อภาษาไทย"),
    "name_en": ("English name", "ชื่อภาษาอังกฤษ"),
    "abbreviations": ("Abbreviations", "ชื่อย่อ"),
    "agency_type": ("Agency type", "ประเภทหน่วยงาน"),
    "dopa_codes": ("DOPA area codes", "รหัสพื้นที่กรมการปกครอง"),
    "parent": ("Parent agency", "สังกัด"),
    "districts_served": ("Districts served", "อำเภอที่ให้บริการ"),
    "datasets_held": ("Datasets held", "ชุดข้อมูลที่ถือครอง"),
    "holders": ("Held by", "หน่วยงานเจ้าของ"),
}
#: candidates scoring below this are not shown at all
SHOW = 0.3
_OTHER_TYPE = Reason("another kind of agency than the one asked for", "ประเภทหน่วยงานไม่ตรงกับที่ระบุ")

_DETAILS = SPARQL_PREFIXES + """
SELECT ?x ?what ?value WHERE {
  { ?x rdfs:label|dcterms:title|skos:prefLabel ?value BIND("label" AS ?what) }
  UNION { ?x skos:altLabel ?value BIND("alt" AS ?what) }
  UNION { ?x abe:agencyType ?value BIND("agency_type" AS ?what) }
  UNION { ?x org:subOrganizationOf ?value BIND("parent" AS ?what) }
  UNION { ?x abe:locatedIn|abe:coversArea|dcterms:spatial ?value BIND("area" AS ?what) }
  UNION { ?x abe:heldBy|dcterms:publisher ?value BIND("holder" AS ?what) }
  UNION { ?x dcterms:description ?value BIND("description" AS ?what) }
}"""
_AREAS = SPARQL_PREFIXES + """
SELECT ?area ?code ?label WHERE {
  ?area abe:areaCode ?code OPTIONAL { ?area rdfs:label|skos:prefLabel ?label }
}"""


class ReconcileError(AbegraphError):
    """A query the service cannot answer (unknown type or property); the message says why."""


@dataclass
class Entity:
    """One entity of the register, as candidates, previews and extensions show it."""

    id: str
    iri: str
    kind: str
    labels: dict = field(default_factory=dict)  # lang -> name
    abbreviations: tuple = ()
    description: str = ""
    agency_type: str = ""  # concept IRI
    parents: tuple = ()  # IRIs
    areas: tuple = ()  # DOPA codes where it is / what it covers
    holders: tuple = ()  # IRIs
    served: tuple = ()  # DOPA codes of the districts it serves (agencies)
    datasets: tuple = ()  # IRIs of the datasets it holds (agencies)

    def name(self, lang: str = "th") -> str:
        """Its name in ``lang`` (Thai by default), else in the other language, else its id."""
        other = "en" if lang == "th" else "th"
        return self.labels.get(lang) or self.labels.get(other) or self.id


@dataclass(frozen=True)
class Query:
    """One reconciliation query: a name, the types wanted, a limit, and properties as
    ``(property id, values)`` pairs; a value is text or ``{"id": ...}`` (a reconciled cell)."""

    text: str
    types: tuple = ()
    limit: int = 5
    properties: tuple = ()


@dataclass
class Candidate:
    """An entity proposed for a query: ``score`` in 0..1, ``match`` when confident, the
    ``features`` that explain the score and the matcher's reasons."""

    entity: Entity
    score: float
    match: bool
    features: dict
    reasons: tuple


def entity_id(iri: str) -> str:
    """The service's id of an entity IRI: the part after the identifier space.

    >>> entity_id("https://w3id.org/abegraph/id/agency/ESAO-KK1")
    'agency/ESAO-KK1'
    """
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _iri(identifier: str) -> str:
    return identifier if identifier.startswith(("http://", "https://")) else str(ID) + identifier


class Register:
    """The store's entities, indexed for reconciliation (build once, query many times)."""

    def __init__(self, entities: list[Entity], records_by_key: dict[str, Record], area_names: dict):
        self.entities = {e.iri: e for e in entities}
        self.by_id = {e.id: e for e in entities}
        self.area_names = area_names  # code -> {lang: name}
        self._records = records_by_key
        provinces = source_provinces(list(records_by_key.values()))
        self._entries: dict[str, list[tuple[MatchEntry, Entity]]] = defaultdict(list)
        for entity in entities:
            record = records_by_key[entity.iri]
            self._entries[entity.kind].append((MatchEntry(record, provinces, records_by_key), entity))
        self._ambiguous = ambiguous_names([e for e, _ in self._entries.get("agency", [])])
        # blocking: each name's comparison key, so rapidfuzz can pick the few names worth scoring
        self._keys: dict[str, tuple[list[str], list[int]]] = {}
        for kind, pairs in self._entries.items():
            keys, owners = [], []
            for index, (entry, _) in enumerate(pairs):
                for parts in entry.parts:
                    keys.append(parts.key)
                    owners.append(index)
            self._keys[kind] = (keys, owners)
        self._local_ids: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities:
            self._local_ids[match_key(unquote(entity.id.rsplit("/", 1)[-1]))].append(entity)

    # --- building -------------------------------------------------------------------------

    @classmethod
    def from_store(cls, store) -> "Register":
        """Read the register from a :class:`~abegraph.graph.store.Store` (or anything with
        ``select``); entities ``link`` merged count once, under their canonical IRI."""
        found, _ = records(store)
        alias = same_as(store)
        merged: dict[str, Record] = {}
        for record in found:
            key = alias.get(record.key, record.key)
            if key in merged:
                old = merged[key]
                context = {k: frozenset(old.context.get(k, ())) | frozenset(record.context.get(k, ()))
                           for k in set(old.context) | set(record.context)}
                names = old.names + tuple(n for n in record.names if n not in old.names)
                record = Record(key, old.kind, old.source, names, context)
            elif key != record.key:
                record = Record(key, record.kind, record.source, record.names, record.context)
            merged[key] = record
        details: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for x, what, value in store.rows(_DETAILS):
            x = alias.get(x.value, x.value)
            if x in merged:
                details[x][what.value].append(value)
        area_codes, area_names = {}, defaultdict(dict)
        for area, code, label in store.rows(_AREAS):
            area_codes[area.value] = code.value
            if label is not None:
                area_names[code.value].setdefault(getattr(label, "language", None) or "en", label.value)
        entities = {}
        for key, record in sorted(merged.items()):
            d = details.get(key, {})
            labels: dict[str, str] = {}
            texts = {what: [v.value for v in found] for what, found in d.items()}
            for value in sorted(d.get("label", []), key=lambda v: v.value):
                lang = getattr(value, "language", None) or ("th" if is_thai(value.value) else "en")
                labels.setdefault(lang, value.value)
            entities[key] = Entity(
                entity_id(key), key, record.kind, labels,
                tuple(sorted(set(texts.get("alt", [])))),
                next(iter(sorted(texts.get("description", []))), ""),
                next(iter(texts.get("agency_type", [])), ""),
                tuple(sorted({alias.get(v, v) for v in texts.get("parent", [])})),
                tuple(sorted({area_codes[v] for v in texts.get("area", []) if v in area_codes})),
                tuple(sorted({alias.get(v, v) for v in texts.get("holder", [])})))
        served, held = defaultdict(set), defaultdict(set)
        for entity in entities.values():
            for holder in entity.holders:
                served[holder].update(entity.areas)
                if entity.kind == "dataset":
                    held[holder].add(entity.iri)
        for entity in entities.values():
            if entity.kind == "agency":
                entity.served = tuple(sorted((served[entity.iri] | set(entity.areas))))
                entity.datasets = tuple(sorted(held[entity.iri]))
        return cls(list(entities.values()), merged, dict(area_names))

    # --- reconciliation -------------------------------------------------------------------

    def _kinds(self, types) -> list[str]:
        kinds = []
        for t in types:
            key = str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1].casefold()
            if key not in TYPES:
                raise ReconcileError(f"unknown type {t!r}; use one of {', '.join(TYPES)}",
                                     thai=f"ไม่รู้จักประเภท {t!r} ใช้ได้: {', '.join(TYPES)}")
            kinds.append(key)
        return kinds or list(TYPES)

    def _context(self, properties) -> tuple[dict, str, bool]:
        """The query's context for the matcher, the agency type it asks for, and whether it
        names an area."""
        context: dict[str, set] = defaultdict(set)
        agency_type = ""
        for pid, values in properties:
            if pid not in PROPERTIES:
                raise ReconcileError(f"unknown property {pid!r}; use one of {', '.join(PROPERTIES)}",
                                     thai=f"ไม่รู้จักคุณสมบัติ {pid!r} ใช้ได้: {', '.join(PROPERTIES)}")
            for value in values if isinstance(values, (list, tuple)) else [values]:
                ident = value.get("id", "") if isinstance(value, dict) else ""
                text = clean(value.get("name", "") if isinstance(value, dict) else value)
                if pid in ("district", "province"):
                    code = clean(ident.rsplit("/", 1)[-1]) if ident else text
                    if code.isdigit() and len(code) in (2, 4, 6):
                        context["district" if len(code) > 2 else "province"].add(code[:4])
                        if len(code) > 2:
                            context["province"].add(code[:2])
                    elif code:
                        context["province"].update(name_parts(code).provinces)
                elif pid == "agency_type":
                    concept = controlled_values().match("agency-type", text or ident)
                    agency_type = str(concept) if concept is not None else agency_type
                elif pid == "parent":
                    iri = _iri(ident) if ident else ""
                    context["parent"].add(iri if iri in self._records else (text or ident))
        return {k: frozenset(v) for k, v in context.items() if v}, agency_type, bool(
            context.get("district") or context.get("province"))

    def reconcile(self, query: Query) -> list[Candidate]:
        """The candidates for ``query``, best first (at most ``query.limit``).

        ``match`` is True for one candidate at most: the only one the matcher is confident
        about, with no property that disagrees.
        """
        kinds = self._kinds(query.types)
        context, agency_type, has_area = self._context(query.properties)
        text = clean(query.text)
        if not text:
            return []
        probe = MatchEntry(Record("query", "query", "reconcile-query", (text,), context), {}, self._records)
        found: list[Candidate] = []
        for kind in kinds:
            pairs = self._entries.get(kind, [])
            for index in self._nearest(kind, probe):
                entry, entity = pairs[index]
                found.append(self._candidate(probe, entry, entity, agency_type, has_area))
        exact = self.by_id.get(text) or self.by_id.get(unquote(text))
        by_local = [e for e in self._local_ids.get(match_key(text), []) if e.kind in kinds]
        for entity, sure in ((exact, True), *((e, len(by_local) == 1) for e in by_local)):
            if entity is not None and entity.kind in kinds:
                found = [c for c in found if c.entity.iri != entity.iri]
                found.append(Candidate(entity, 1.0, sure, {"name_similarity": 1.0, "id_hit": True},
                                       ("the query is the entity's id",)))
        found = [c for c in found if c.score >= SHOW]
        found.sort(key=lambda c: (-c.score, not c.match, c.entity.name(), c.entity.id))
        confident = [c for c in found if c.match]
        if len(confident) > 1:
            for c in confident:
                c.match = False
        return found[:max(1, int(query.limit or 5))]

    def _nearest(self, kind: str, probe: MatchEntry, top: int = 30) -> list[int]:
        """The entities of ``kind`` with a name close enough to be worth scoring."""
        keys, owners = self._keys.get(kind, ([], []))
        chosen: list[int] = []
        for parts in probe.parts:
            for _, _, position in process.extract(parts.key, keys, scorer=fuzz.ratio, limit=top,
                                                  score_cutoff=40):
                if owners[position] not in chosen:
                    chosen.append(owners[position])
        return chosen

    def _candidate(self, probe: MatchEntry, entry: MatchEntry, entity: Entity, agency_type: str,
                   has_area: bool) -> Candidate:
        score, confident, reasons = score_pair(probe, entry, None, self._ambiguous)
        best, pair = -1.0, None
        for i, x in enumerate(probe.parts):
            for j, y in enumerate(entry.parts):
                similarity = name_similarity(x, y)[0]
                if similarity > best:
                    best, pair = similarity, (i, j)
        features: dict = {"name_similarity": round(max(best, 0.0), 3)}
        if pair is not None:
            x, y = probe.parts[pair[0]], entry.parts[pair[1]]
            names = (probe.names[pair[0]], entry.names[pair[1]])
            # an abbreviation made the names agree: written out, or the one the register lists
            features["abbreviation_hit"] = best >= 0.9 and (any(expand(n) != clean(n) for n in names)
                                                            or names[1] in entity.abbreviations)
            if x.numbers or y.numbers:
                features["number_agreement"] = x.numbers == y.numbers
        if has_area:
            asked = probe.record.context
            districts = set(entry.record.context.get("district", ()))
            districts |= {a for a in entity.areas if len(a) == 4}
            if asked.get("district") and districts:
                features["area_agreement"] = bool(set(asked["district"]) & districts)
            elif entry.province:
                features["area_agreement"] = bool(set(asked.get("province", ())) & entry.province)
        if agency_type and entity.kind == "agency" and entity.agency_type:
            features["type_agreement"] = entity.agency_type == agency_type
            if not features["type_agreement"]:
                score, confident = score - 0.1, False
                reasons.append(_OTHER_TYPE)
        if features.get("area_agreement") is False:
            confident = False
        return Candidate(entity, round(max(score, 0.0), 3), confident and score >= CONFIDENT, features,
                         tuple(r.en for r in reasons))

    # --- suggest, preview, extend -----------------------------------------------------------

    def suggest(self, prefix: str, kinds=(), *, cursor: int = 0, limit: int = 10) -> list[Entity]:
        """Entities whose name, abbreviation or id starts with ``prefix`` (then those that
        contain it), shortest name first; ``cursor`` skips that many."""
        wanted = set(self._kinds(kinds))
        key = toneless(match_key(prefix))
        long_key = name_parts(prefix).key if prefix.strip() else ""
        if not key:
            return []
        ranked = []
        for entity in self.entities.values():
            if entity.kind not in wanted:
                continue
            names = [*entity.labels.values(), *entity.abbreviations, unquote(entity.id.rsplit("/", 1)[-1])]
            rank = None
            for name in names:
                k = toneless(match_key(name))
                if k.startswith(key) or (long_key and name_parts(name).key.startswith(long_key)):
                    rank = 0
                    break
                if key in k and rank is None:
                    rank = 1
            if rank is not None:
                ranked.append((rank, len(entity.name()), entity.name(), entity.id, entity))
        ranked.sort(key=lambda r: r[:4])
        return [r[-1] for r in ranked[cursor:cursor + limit]]

    def entity(self, identifier: str) -> Entity | None:
        """The entity with this id (or IRI), or None."""
        found = self.by_id.get(identifier) or self.entities.get(identifier)
        return found or self.by_id.get(unquote(identifier))

    def area_name(self, code: str, lang: str = "th") -> str:
        names = self.area_names.get(code, {})
        return names.get(lang) or names.get("th") or names.get("en") or code

    def extend(self, identifier: str, prop: str) -> list[dict]:
        """The values of ``prop`` for one entity, as the data extension protocol writes them:
        ``{"str": ...}`` for text and ``{"id": ..., "name": ...}`` for entities."""
        if prop not in EXTEND_PROPERTIES:
            raise ReconcileError(f"unknown property {prop!r}; use one of {', '.join(EXTEND_PROPERTIES)}",
                                 thai=f"ไม่รู้จักคุณสมบัติ {prop!r} ใช้ได้: {', '.join(EXTEND_PROPERTIES)}")
        entity = self.entity(identifier)
        if entity is None:
            return []

        def ref(iri: str) -> dict:
            other = self.entities.get(iri)
            return {"id": entity_id(iri), "name": other.name() if other else entity_id(iri)}

        if prop == "name_th":
            return [{"str": entity.labels["th"]}] if "th" in entity.labels else []
        if prop == "name_en":
            return [{"str": entity.labels["en"]}] if "en" in entity.labels else []
        if prop == "abbreviations":
            return [{"str": a} for a in entity.abbreviations]
        if prop == "agency_type":
            return [{"str": self.type_label(entity.agency_type, "en")}] if entity.agency_type else []
        if prop == "dopa_codes":
            return [{"str": code} for code in entity.areas]
        if prop == "parent":
            return [ref(p) for p in entity.parents]
        if prop == "districts_served":
            return [{"id": f"area/{code}", "name": self.area_name(code)} for code in entity.served]
        if prop == "datasets_held":
            return [ref(d) for d in entity.datasets]
        return [ref(h) for h in entity.holders]

    @staticmethod
    def type_label(concept: str, lang: str = "en") -> str:
        """The label of an agency-type concept in ``lang``."""
        for choice in controlled_values().choices("agency-type"):
            if str(choice.concept) == concept:
                return (choice.label_th if lang == "th" else choice.label_en) or choice.notation
        return concept.rsplit("/", 1)[-1]
