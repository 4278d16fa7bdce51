"""Read government data catalogues (CKAN, DCAT) as rows of the workbook's ``datasets`` sheet.

Two kinds of file are read:

* **CKAN API JSON** (``.json``): the answer of ``package_search``, ``current_package_list_with_resources``
  or ``package_show``, or a bare list of packages. Thailand's government data catalogue
  (data.go.th and the agency catalogues built on CKAN with ckanext-thai_gdc) adds its own fields,
  mapped here: ``organization`` -> publisher; ``data_category`` (ข้อมูลสาธารณะ, ข้อมูลส่วนบุคคล,
  ข้อมูลความลับทางราชการ, ข้อมูลความมั่นคง) -> access and personal data; ``update_frequency_unit``
  and ``update_frequency_interval`` (ปี, ครึ่งปี, ไตรมาส, เดือน ... and times per unit) -> update
  frequency; ``data_collect`` (the smallest unit collected) and ``geo_coverage`` -> granularity;
  ``resources[].format`` and ``data_format`` -> format; ``url`` -> url; ``tags`` -> keywords and,
  where a tag names a known issue, ``addresses``; ``notes`` -> description; ``license_url`` /
  ``license_id`` -> licence. Plain CKAN's ckanext-dcat ``frequency`` extra is read too.
* **DCAT RDF** (what ckanext-dcat serves at ``/catalog.ttl``, ``.xml``, ``.jsonld``, and what
  ``abegraph export --format dcat-turtle`` writes): every ``dcat:Dataset`` with its title,
  publisher (``foaf:name``), ``dcterms:accrualPeriodicity`` (EU or DCMI frequency IRIs),
  ``dcterms:accessRights`` (EU access-right table), ``dcat:landingPage``, the distributions'
  ``dcterms:format``, keywords, and abegraph's own ``abe:linkKey``, ``abe:granularity``,
  ``abe:personalData``, ``abe:accessLevel``, ``abe:updateFrequency`` when present.

**Telling a DCAT file from an abegraph RDF file.** A ``.ttl``, ``.rdf``/``.xml`` or ``.jsonld``
file is read as a catalogue when it mentions the DCAT namespace, describes at least one
``dcat:Dataset`` and types nothing with an abegraph class (``abe:Agency``, ``abe:Resource``,
``abe:Source``, ...): abegraph's own exports always type their agencies and resources, while the
DCAT export types its datasets ``dcat:Dataset`` only. Anything else loads as RDF, triple for triple
(:func:`~abegraph.catalog.sniff.sniff_dcat`).

Every package becomes one row of a ``datasets`` table named after the package (so a problem reads
"catalog.json, sheet <package>, row <package index>, column <key> (<CKAN field>)"), and each
publisher not already in the store one ``agencies`` row; they then go through the same checks,
bilingual problems, SHACL validation and atomic load into their own named graph as a workbook.
Publishers are resolved by name (Thai, English, id or abbreviation) against the store before
loading (:meth:`Catalog.prepare`), as ``publisher`` cells are. What the sheet has no column for
(description, keywords, licence, download URLs) is added to the accepted datasets
(:meth:`Catalog.extra_quads`).

Example
-------
>>> import json, tempfile
>>> from pathlib import Path
>>> from abegraph.catalog.ckan import read_ckan_json
>>> path = Path(tempfile.mkdtemp()) / "catalog.json"
>>> _ = path.write_text(json.dumps({"success": True, "result": {"count": 1, "results": [
...     {"name": "kk-dropout", "title": "เด็กออกกลางคัน ขอนแก่น",
...      "organization": {"name": "kkpao", "title": "องค์การบริหารส่วนจังหวัดขอนแก่น"},
...      "update_frequency_unit": "ปี", "update_frequency_interval": "1",
...      "data_category": "ข้อมูลสาธารณะ", "resources": [{"format": "CSV"}]}]}}), encoding="utf-8")
>>> catalog = read_ckan_json(path, "catalog.json")
>>> row = catalog.tables[-1].rows[0]
>>> row.cells["title_th"], row.cells["update_frequency"], row.cells["access"], row.cells["format"]
('เด็กออกกลางคัน ขอนแก่น', 'รายปี', 'open', 'csv')
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS

from abegraph.catalog.dcat import EU_FILE_TYPE, FILE_TYPE_WORDS, frequency_code, frequency_text
from abegraph.catalog.sniff import RDF_FORMATS, sniff_dcat
from abegraph.catalog.web import safe_name
from abegraph.formats import workbook_text
from abegraph.graph.terms import node
from abegraph.loaders.cells import web_address
from abegraph.loaders.problems import Problem
from abegraph.loaders.rdf_files import check_entities
from abegraph.loaders.schema import LIST_SEPARATOR, SHEETS
from abegraph.loaders.tables import Row, Table, decode_text
from abegraph.loaders.vocabulary import controlled_values
from abegraph.ontology import vocabulary_store
from abegraph.ontology.namespace import ABE, ID, entity_iri
from abegraph.thai.text import clean, is_thai

__all__ = ["Catalog", "read_catalog_source", "read_ckan_json", "read_dcat_turtle", "read_dcat_rdf_xml", "read_dcat_json_ld",
           "sniff_dcat", "THAI_GDC_FREQUENCY_UNITS"]

#: ckanext-thai_gdc ``update_frequency_unit`` -> (Thai word for once per unit, "per unit" stem)
THAI_GDC_FREQUENCY_UNITS = {
    "ปี": ("รายปี", "ปี"), "ครึ่งปี": ("รายครึ่งปี", None), "ไตรมาส": ("รายไตรมาส", None),
    "เดือน": ("รายเดือน", "เดือน"), "สัปดาห์": ("รายสัปดาห์", "สัปดาห์"), "วัน": ("รายวัน", "วัน"),
    "วันทำการ": ("ทุกวันทำการ", None), "ชั่วโมง": ("รายชั่วโมง", None), "นาที": ("ตามเวลาจริง", None),
    "ตามเวลาจริง": ("ตามเวลาจริง", None), "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล": ("ไม่มีการปรับปรุง", None),
    "ไม่ทราบ": ("ไม่ทราบ", None),
}
#: ckanext-thai_gdc ``data_category`` (government data governance class) -> (access, personal data)
THAI_GDC_DATA_CATEGORIES = {
    "ข้อมูลสาธารณะ": ("open", "no"), "ข้อมูลส่วนบุคคล": ("restricted", "yes"),
    "ข้อมูลความลับทางราชการ": ("restricted", ""), "ข้อมูลความมั่นคง": ("restricted", ""),
}
#: ckanext-thai_gdc ``data_collect`` and ``geo_coverage`` values -> granularity key
THAI_GDC_UNITS = {
    "บุคคล": "person", "ครัวเรือน/ครอบครัว": "household", "บ้าน/ที่อยู่อาศัย": "household",
    "จังหวัด": "province", "อำเภอ": "district", "ตำบล": "subdistrict", "เทศบาล/อบต.": "subdistrict",
}
_NO_VALUE = {"", "ไม่มี", "ไม่ทราบ", "none", "unknown", "-"}
#: licence names and ids CKAN and ckanext-thai_gdc use -> the licence's IRI (CKAN's own list)
LICENSES = {
    "cc-by": "http://www.opendefinition.org/licenses/cc-by",
    "creative commons attributions": "http://www.opendefinition.org/licenses/cc-by",
    "creative commons attribution": "http://www.opendefinition.org/licenses/cc-by",
    "cc-by-sa": "http://www.opendefinition.org/licenses/cc-by-sa",
    "creative commons attribution share-alike": "http://www.opendefinition.org/licenses/cc-by-sa",
    "cc-zero": "http://www.opendefinition.org/licenses/cc-zero",
    "creative commons cczero": "http://www.opendefinition.org/licenses/cc-zero",
    "cc-nc": "http://creativecommons.org/licenses/by-nc/2.0/",
    "creative commons non-commercial (any)": "http://creativecommons.org/licenses/by-nc/2.0/",
    "odc-by": "http://www.opendefinition.org/licenses/odc-by",
    "open data commons attribution license": "http://www.opendefinition.org/licenses/odc-by",
    "open data common": "http://www.opendefinition.org/licenses/odc-by",
    "odc-odbl": "http://www.opendefinition.org/licenses/odc-odbl",
    "odc-pddl": "http://www.opendefinition.org/licenses/odc-pddl",
    "gfdl": "http://www.opendefinition.org/licenses/gfdl",
    "gnu free documentation license": "http://www.opendefinition.org/licenses/gfdl",
}
_DATASET_PAGE = re.compile(r"/dataset/([^/?#]+)/?$")
_FREQUENCY_HINTS = ("รายปี", "รายภาคเรียน", "รายไตรมาส", "รายเดือน", "ตามรายกรณี", "yearly", "twice a year",
                    "quarterly", "monthly", "irregular")
#: contract column -> CKAN field, and -> DCAT property (shown in problems after the column)
_CKAN_FIELDS = {"id": "name", "title_th": "title", "title_en": "title", "publisher": "organization",
                "granularity": "data_collect", "access": "data_category", "personal_data": "data_category",
                "update_frequency": "update_frequency_unit", "format": "resources.format", "url": "url",
                "addresses": "tags"}
_DCAT_FIELDS = {"id": "dct:identifier", "title_th": "dct:title", "title_en": "dct:title",
                "publisher": "dct:publisher", "link_keys": "abe:linkKey", "granularity": "abe:granularity",
                "personal_data": "abe:personalData", "update_frequency": "dct:accrualPeriodicity",
                "access": "dct:accessRights", "addresses": "abe:addresses", "areas": "dct:spatial",
                "url": "dcat:landingPage", "format": "dct:format"}
_EU_ACCESS = {"PUBLIC": "open", "RESTRICTED": "on request", "NON_PUBLIC": "restricted"}


@dataclass
class _Org:
    """A publisher as the catalogue names it; becomes an agencies row unless the store has it."""

    key: str
    identifier: str
    names: dict  # lang -> name
    abbreviations: list = field(default_factory=list)
    table: Table | None = None
    datasets: list = field(default_factory=list)  # the dataset rows naming it

    def candidates(self) -> list[str]:
        return [n for n in (self.names.get("th"), self.names.get("en"), self.identifier, *self.abbreviations) if n]


@dataclass
class Catalog:
    """A catalogue read as tables of the workbook contract, plus what the sheet has no column for."""

    file: str
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    orgs: dict[str, _Org] = field(default_factory=dict)
    #: dataset node -> pyoxigraph quads (default graph) to add when its row is accepted
    extra: dict[ox.NamedNode, list[ox.Quad]] = field(default_factory=dict)
    #: dataset row -> keywords, matched to issues once the store's names are known
    keywords: dict[int, list[str]] = field(default_factory=dict)

    def prepare(self, context) -> None:
        """Refer to publishers and issues the store already knows instead of adding them again.

        ``context`` is the :class:`~abegraph.loaders.convert.NameContext` of the store. A
        publisher whose Thai or English name, id or abbreviation names one agency (or several:
        the load then reports the ambiguity) is not added; its datasets' publisher cells use
        the name that matched. A keyword that names exactly one issue is added to ``addresses``.

        >>> from abegraph.loaders.convert import NameContext
        >>> catalog = Catalog("c.json")
        >>> catalog.prepare(NameContext())   # nothing to do on an empty catalogue
        """
        for org in self.orgs.values():
            found = next(((name, hits) for name in org.candidates()
                          if (hits := context.agencies.resolve(name))), None)
            if found is None:
                continue
            name, _ = found
            if org.table is not None:
                org.table.rows = []
            for row in org.datasets:
                row.cells["publisher"] = name
        for table in self.tables:
            if table.sheet.key != "datasets":
                continue
            for row in table.rows:
                addresses = [a for a in row.cells.get("addresses", "").split(LIST_SEPARATOR) if a.strip()]
                for word in self.keywords.get(id(row), []):
                    hits = context.issues.resolve(word)
                    if len(hits) == 1 and word not in addresses:
                        addresses.append(word)
                if addresses:
                    row.cells["addresses"] = "; ".join(addresses)

    def extra_quads(self, accepted) -> list[ox.Quad]:
        """The description, keywords, licence and download links of the ``accepted`` datasets
        (pyoxigraph nodes), as quads in the default graph.

        >>> Catalog("c.json").extra_quads(set())
        []
        """
        return [q for dataset, quads in self.extra.items() if dataset in accepted for q in quads]

    # --- building ---------------------------------------------------------------------------

    def org(self, key: str, identifier: str, names: dict, abbreviations=()) -> _Org:
        """The publisher ``key`` (created on first use)."""
        if key not in self.orgs:
            self.orgs[key] = _Org(key, identifier, names, list(abbreviations))
        return self.orgs[key]

    def add_package(self, index: int, sheet_name: str, cells: dict, letters: dict, original: dict,
                    problems: list[Problem], org: _Org | None, extra: list[ox.Quad], keywords: list[str]) -> None:
        """One package: a datasets table of one row (and an agencies row for a new publisher)."""
        datasets = Table(self.file, SHEETS["datasets"], sheet_name, letters=dict(letters))
        row = Row(index, {k: v for k, v in cells.items() if v}, {k: v for k, v in original.items() if v})
        datasets.rows.append(row)
        datasets.problems += problems
        if org is not None:
            org.datasets.append(row)
            if org.table is None:
                agencies = Table(self.file, SHEETS["agencies"], sheet_name,
                                 letters={"id": "organization.name", "name_th": "organization.title",
                                          "name_en": "organization.title", "abbreviations": "organization"})
                names = {"id": org.identifier, "name_th": org.names.get("th") or org.names.get("en", ""),
                         "name_en": org.names.get("en", ""), "abbreviations": "; ".join(org.abbreviations)}
                agencies.rows.append(Row(index, {k: v for k, v in names.items() if v},
                                         {f"organization.{k}": v for k, v in names.items() if v}))
                org.table = agencies
                self.tables.append(agencies)
        self.tables.append(datasets)
        if cells.get("id"):
            self.extra[node(entity_iri("dataset", cells["id"]))] = extra
        self.keywords[id(row)] = keywords


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        return _text(value.get("th") or value.get("en") or next(iter(value.values()), ""))
    return clean(workbook_text(str(value)))


def _choices(value) -> list[str]:
    """A CKAN multiple-choice field: a list, a JSON list in a string, or text with commas."""
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    text = _text(value)
    if text.startswith("["):
        try:
            return [_text(v) for v in json.loads(text) if _text(v)]
        except ValueError:
            pass
    return [clean(v) for v in re.split(r"[,;]", text.strip("{}")) if clean(v)]


class _Package:
    """Collects one package's cells, where each came from, and its warnings."""

    def __init__(self, file: str, index: int, sheet: str, letters: dict[str, str]):
        self.file, self.index, self.sheet = file, index, sheet
        self.cells: dict[str, str] = {}
        #: contract column -> the catalogue's field, shown after the column in problems
        self.letters: dict[str, str] = dict(letters)
        self.problems: list[Problem] = []

    def set(self, key: str, value: str, source: str) -> None:
        if value:
            self.cells[key] = value
            self.letters[key] = source

    def warn(self, code: str, key: str, source: str, value: str, **kw) -> None:
        self.problems.append(Problem(code, file=self.file, sheet=self.sheet, row=self.index, column=key,
                                     letter=source, value=value, **kw))

    def controlled(self, key: str, scheme: str, text: str, source: str, word: str) -> None:
        """Keep ``text`` if it is one of the scheme's values, else warn and leave the cell empty."""
        if not text or text.casefold() in _NO_VALUE:
            return
        if controlled_values().match(scheme, text) is not None:
            self.set(key, text, source)
        else:
            self.warn("unknown_catalog_value", key, source, text, detail=word,
                      candidates=tuple(controlled_values().offered(scheme)),
                      candidates_th=tuple(controlled_values().offered(scheme, "th")))

    def frequency(self, text: str, source: str) -> None:
        """Keep a frequency as written; warn when it means nothing abegraph can map."""

        if not text:
            return
        self.set("update_frequency", text, source)
        if frequency_code(text) is None:
            self.warn("unknown_frequency", "update_frequency", source, text, candidates=_FREQUENCY_HINTS)


# --- CKAN API JSON ---------------------------------------------------------------------------

_PACKAGE_KEYS = frozenset({"name", "id", "title", "title_translated", "notes", "resources", "organization",
                           "owner_org", "tags", "extras"})


def _packages(data) -> tuple[list, str, int | None]:
    """The packages of a CKAN API answer, or an explanation of why there are none, and the
    number of packages the catalogue says it holds (package_search's ``count``), if given."""
    if isinstance(data, dict) and data.get("success") is False:
        error = data.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else error
        return [], f"the API answered with an error: {_text(message) or 'no message'}", None
    wrapped = isinstance(data, dict) and "result" in data
    if wrapped:
        data = data["result"]
    count = None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        count = data.get("count") if isinstance(data.get("count"), int) else None
        data = data["results"]
    # one package (package_show): inside an API answer any record with a name or id is one, so a
    # record that misses its title is reported as such, not as "not a catalogue"
    if isinstance(data, dict) and (("name" in data or "title" in data) and "resources" in data
                                   or "organization" in data or wrapped and len(_PACKAGE_KEYS & set(data)) >= 2):
        data = [data]
    if not isinstance(data, list):
        return [], "no list of packages in it", None
    if data and all(isinstance(p, str) for p in data):
        return [], "it is a list of package names (package_list); ask package_search or " \
                   "current_package_list_with_resources for the packages themselves", None
    if not data:
        return [], "it holds no packages", None
    return data, "", count


def _json_lines(text: str):
    """The records of a JSON-lines file (``ckanapi dump datasets``: one package a line), or None
    when the text is not one."""
    records = []
    for line in text.splitlines():
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                return None
            if not isinstance(record, dict):
                return None
            records.append(record)
    return records if len(records) > 1 else None


def read_ckan_json(path: Path, display: str | None = None) -> Catalog:
    """Read a CKAN API answer (or a list of packages) saved as JSON.

    Malformed JSON or an answer without packages is a problem of the file, never an exception.
    """
    display = display or path.name
    catalog = Catalog(display)

    try:
        text, _ = decode_text(path.read_bytes())
        data = json.loads(text)
    except UnicodeDecodeError as err:
        catalog.problems.append(Problem("bad_encoding", file=display, detail=f"byte {err.start}"))
        return catalog
    except RecursionError:
        catalog.problems.append(Problem("ckan_json", file=display, detail=(
            "its lists and objects are nested deeper than a catalogue ever is")))
        return catalog
    except json.JSONDecodeError as err:
        try:
            data = _json_lines(text) if err.msg == "Extra data" else None
        except RecursionError:
            data = None
        if data is None:
            catalog.problems.append(Problem("ckan_json", file=display,
                                            detail=f"line {err.lineno}, column {err.colno}: {err.msg}"))
            return catalog
    packages, why, count = _packages(data)
    if why:
        catalog.problems.append(Problem("ckan_not_packages", file=display, detail=why))
        return catalog
    if count is not None and count > len(packages):
        catalog.problems.append(Problem("ckan_partial", file=display, value=f"{len(packages):,}", detail=f"{count:,}"))
    for index, package in enumerate(packages, start=1):
        if not isinstance(package, dict):
            catalog.problems.append(Problem("ckan_not_packages", file=display, row=index,
                                            detail=f"package {index} is not an object"))
            continue
        _read_package(catalog, index, package)
    return catalog


def _read_package(catalog: Catalog, index: int, package: dict) -> None:
    extras = {e.get("key"): e.get("value") for e in package.get("extras") or [] if isinstance(e, dict)}
    fields = {**extras, **package}
    name = _text(fields.get("name")) or _text(fields.get("id")) or f"package-{index}"
    p = _Package(catalog.file, index, name, _CKAN_FIELDS)
    original = {k: _text(v) for k, v in fields.items()
                if k not in ("resources", "organization", "tags", "groups", "extras", "relationships_as_object",
                             "relationships_as_subject") and _text(v)}
    p.set("id", name, "name")
    # titles: ckanext-fluent title_translated, thai-gdc-style title / title_en
    translated = fields.get("title_translated") if isinstance(fields.get("title_translated"), dict) else {}
    title = _text(fields.get("title"))
    thai = _text(translated.get("th")) or _text(fields.get("title_th")) or (title if is_thai(title) else "")
    english = _text(translated.get("en")) or _text(fields.get("title_en")) or (title if title and not is_thai(title) else "")
    p.set("title_th", thai or english, "title")
    p.set("title_en", english, "title_en" if fields.get("title_en") else "title")
    # publisher
    org = None
    organization = fields.get("organization")
    if isinstance(organization, dict) and (_text(organization.get("title")) or _text(organization.get("name"))):
        org_title = _text(organization.get("title")) or _text(organization.get("name"))
        names = {"th" if is_thai(org_title) else "en": org_title}
        if _text(organization.get("title_en")):
            names["en"] = _text(organization["title_en"])
        slug = _text(organization.get("name")) or safe_name(org_title)
        org = catalog.org(slug, slug, names)
        p.set("publisher", org_title, "organization")
        original["organization"] = org_title
    # update frequency: thai-gdc unit + interval (times per unit), or ckanext-dcat's frequency extra
    unit = _text(fields.get("update_frequency_unit"))
    if unit:
        _thai_gdc_frequency(p, unit, _text(fields.get("update_frequency_interval")),
                            _text(fields.get("update_frequency_unit_other")))
    elif _text(fields.get("frequency")) or _text(fields.get("accrual_periodicity")):
        key = "frequency" if _text(fields.get("frequency")) else "accrual_periodicity"
        p.frequency(_frequency_words(_text(fields[key])), key)
    # data classification -> access, personal data
    category = _text(fields.get("data_category")) or _text(fields.get("data_classification"))
    if category:
        found = THAI_GDC_DATA_CATEGORIES.get(category)
        if found is None:
            p.warn("unknown_catalog_value", "access", "data_category", category, detail="access",
                   candidates=tuple(THAI_GDC_DATA_CATEGORIES))
        else:
            p.set("access", found[0], "data_category")
            p.set("personal_data", found[1], "data_category")
    elif fields.get("private") is True:
        p.set("access", "restricted", "private")
    # granularity: the smallest unit collected, or the geographic level when that is the unit
    collect = _text(fields.get("data_collect"))
    if collect == "อื่นๆ":
        collect = _text(fields.get("data_collect_other"))
    if collect == "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่":
        collect = _text(fields.get("geo_coverage"))
    p.controlled("granularity", "granularity", THAI_GDC_UNITS.get(collect, collect), "data_collect", "granularity")
    # formats: the resources' formats, then thai-gdc's data_format
    resources = [r for r in fields.get("resources") or [] if isinstance(r, dict)]
    formats: list[str] = []
    for value in [_text(r.get("format")) for r in resources] + _choices(fields.get("data_format")):
        word = value.lower() if len(value) <= 5 and value.isascii() else value
        if word and word not in formats and word.casefold() not in _NO_VALUE and word != "อื่นๆ":
            formats.append(word)
    p.set("format", "; ".join(formats), "resources.format")
    url = _text(fields.get("url"))
    if url.lower().startswith(("http://", "https://")):
        p.set("url", url, "url")
    tags = [_text(t.get("display_name") or t.get("name")) if isinstance(t, dict) else _text(t)
            for t in fields.get("tags") or []]
    if not tags and _text(fields.get("tag_string")):
        tags = [clean(t) for t in _text(fields["tag_string"]).split(",")]
    tags = [t for t in tags if t]
    if tags:
        original["tags"] = ", ".join(tags)
    # what the datasets sheet has no column for
    subject = node(entity_iri("dataset", name))
    extra: list[ox.Quad] = []
    notes = _text(fields.get("notes"))
    if notes:
        extra.append(ox.Quad(subject, node(DCTERMS.description), ox.Literal(notes, language=_text_lang(notes))))
    for tag in tags:
        extra.append(ox.Quad(subject, node(DCAT.keyword), ox.Literal(tag, language=_text_lang(tag))))
    license_iri = web_address(_license(fields))  # None for what is not a web address, as a cell's
    if license_iri is not None:
        extra.append(ox.Quad(subject, node(DCTERMS.license), license_iri))
    for n, fmt in enumerate(formats, start=1):
        link = web_address(next((_text(r.get("url")) for r in resources
                                 if _text(r.get("format")).casefold() == fmt.casefold() and _text(r.get("url"))), ""))
        if link is not None:
            extra.append(ox.Quad(ox.NamedNode(f"{subject.value}/distribution/{n}"), node(DCAT.downloadURL), link))
    catalog.add_package(index, name, p.cells, p.letters, original, p.problems, org, extra, tags)


def _text_lang(text: str) -> str:
    """The language tag a catalogue's untagged text gets: Thai when it has Thai letters."""
    return "th" if is_thai(text) else "en"


def _thai_gdc_frequency(p: _Package, unit: str, interval: str, other: str) -> None:
    """ckanext-thai_gdc: ``update_frequency_unit`` with ``update_frequency_interval`` times per unit."""
    if unit == "อื่นๆ":
        p.frequency(other or unit, "update_frequency_unit_other" if other else "update_frequency_unit")
        return
    if unit not in THAI_GDC_FREQUENCY_UNITS:
        p.frequency(unit, "update_frequency_unit")
        return
    once, per = THAI_GDC_FREQUENCY_UNITS[unit]
    times = interval.replace(",", "").strip()
    if times and not times.isdigit():
        p.warn("bad_frequency_interval", "update_frequency", "update_frequency_interval", interval, detail=unit)
        times = ""
    if per and times and int(times) > 1:
        p.frequency(f"{per}ละ {int(times)} ครั้ง", "update_frequency_interval")
    else:
        p.frequency(once, "update_frequency_unit")


def _frequency_words(text: str) -> str:
    """An EU or DCMI frequency IRI as abegraph's words; other text as it is."""

    if text.startswith(("http://", "https://")):
        code = frequency_code(text)
        return frequency_text(code) if code else text
    return text


def _license(fields: dict) -> str:
    url = _text(fields.get("license_url"))
    if url.lower().startswith(("http://", "https://")):
        return url
    for key in ("license_id", "license_title"):
        found = LICENSES.get(_text(fields.get(key)).casefold())
        if found:
            return found
    return ""


# --- DCAT RDF --------------------------------------------------------------------------------

class _Statements:
    """The statements of a parsed catalogue, by subject and predicate, each object once and in
    the file's order: the few lookups the reader makes, without a store."""

    def __init__(self):
        self._objects: dict[tuple, dict] = {}

    def add(self, quad: ox.Quad) -> None:
        self._objects.setdefault((quad.subject, quad.predicate), {})[quad.object] = None

    def objects(self, subject, predicate) -> list:
        """The objects of ``subject predicate ?o`` (``predicate`` an rdflib or pyoxigraph IRI)."""
        return list(self._objects.get((subject, node(predicate)), ()))

    def first(self, subject, predicate, default=None):
        return next(iter(self._objects.get((subject, node(predicate)), ())), default)


def _order(term) -> tuple:
    """A sort key for pyoxigraph terms (which do not order literals): kind, then text."""
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language or "", term.datatype.value)
    return (1 if isinstance(term, ox.NamedNode) else 0, term.value, "", "")


def _read_dcat(path: Path, display: str | None, fmt: str) -> Catalog:
    display = display or path.name
    catalog = Catalog(display)
    statements = _Statements()
    order: dict = {}
    if fmt == "rdf-xml" and (problem := check_entities(path, display)) is not None:
        catalog.problems.append(problem)
        return catalog
    rdf_type, dataset = node(RDF.type), node(DCAT.Dataset)
    try:
        for quad in ox.parse(path=str(path), format=RDF_FORMATS[fmt]):
            statements.add(quad)
            if quad.predicate == rdf_type and quad.object == dataset:
                order.setdefault(quad.subject, len(order))
    except SyntaxError as err:
        catalog.problems.append(Problem("rdf_syntax", file=display, row=err.lineno, detail=str(err)))
        return catalog
    except (OSError, ValueError) as err:
        catalog.problems.append(Problem("rdf_syntax", file=display, detail=str(err)))
        return catalog
    if not order:
        catalog.problems.append(Problem("ckan_not_packages", file=display, detail="no dcat:Dataset in it"))
        return catalog
    for index, d in enumerate(sorted(order, key=order.get), start=1):
        _read_dcat_dataset(catalog, statements, index, d)
    return catalog


def read_dcat_turtle(path: Path, display: str | None = None) -> Catalog:
    """Read a DCAT catalogue in Turtle (ckanext-dcat's ``/catalog.ttl``)."""
    return _read_dcat(path, display, "turtle")


def read_dcat_rdf_xml(path: Path, display: str | None = None) -> Catalog:
    """Read a DCAT catalogue in RDF/XML (ckanext-dcat's ``/catalog.xml``)."""
    return _read_dcat(path, display, "rdf-xml")


def read_dcat_json_ld(path: Path, display: str | None = None) -> Catalog:
    """Read a DCAT catalogue in JSON-LD (ckanext-dcat's ``/catalog.jsonld``)."""
    return _read_dcat(path, display, "json-ld")


def _local_id(term, kind: str) -> str:
    """The workbook id in an abegraph IRI (``abeid:dataset/D01`` -> ``D01``), else ``""``."""
    prefix = str(ID[f"{kind}/"])
    iri = term.value if isinstance(term, ox.NamedNode) else ""
    return unquote(iri[len(prefix):]) if iri.startswith(prefix) and "/" not in iri[len(prefix):] else ""


def _cleaned(term) -> str:
    """A literal's text, cleaned; ``""`` for anything else."""
    return clean(term.value) if isinstance(term, ox.Literal) else ""


def _by_lang(graph: _Statements, subject, *predicates) -> dict[str, str]:
    out: dict[str, str] = {}
    for predicate in predicates:
        for value in sorted(graph.objects(subject, predicate), key=_order):
            if text := _cleaned(value):
                lang = (value.language or "").split("-")[0] or _text_lang(value.value)
                out.setdefault(lang, text)
    return out


def _notation(term) -> str:
    """A concept's workbook key (``abev:link-key/citizen_id`` -> ``citizen_id``) or a literal's text."""
    if isinstance(term, ox.Literal):
        return _cleaned(term)
    notation = next(vocabulary_store().quads_for_pattern(term, node(SKOS.notation), None), None)
    return notation.object.value if notation is not None else unquote(term.value.rsplit("/", 1)[-1])


def _dataset_id(graph: _Statements, dataset) -> str:
    own = _local_id(dataset, "dataset")
    if own:
        return own
    for page in graph.objects(dataset, DCAT.landingPage):
        if (m := _DATASET_PAGE.search(page.value)) is not None:
            return unquote(m.group(1))
    if (m := _DATASET_PAGE.search(dataset.value)) is not None:
        return unquote(m.group(1))
    identifier = next((t for i in graph.objects(dataset, DCTERMS.identifier) if (t := _cleaned(i))), "")
    if identifier and not identifier.startswith(("http://", "https://")):
        return identifier
    if isinstance(dataset, ox.NamedNode):
        return unquote(urlsplit(dataset.value).path.rstrip("/").rsplit("/", 1)[-1]) or dataset.value
    return ""


def _read_dcat_dataset(catalog: Catalog, graph: _Statements, index: int, d) -> None:
    identifier = _dataset_id(graph, d) or f"dataset-{index}"
    p = _Package(catalog.file, index, identifier, _DCAT_FIELDS)
    p.set("id", identifier, "dct:identifier")
    titles = _by_lang(graph, d, DCTERMS.title)
    p.set("title_th", titles.get("th") or titles.get("en") or next(iter(titles.values()), ""), "dct:title")
    p.set("title_en", titles.get("en", ""), "dct:title")
    original = {"dct:title": " | ".join(titles.values())}
    org = None
    for agent in sorted(graph.objects(d, DCTERMS.publisher), key=_order):
        names = _by_lang(graph, agent, FOAF.name, SKOS.prefLabel, RDFS.label)
        if not names:
            continue
        own = _local_id(agent, "agency")
        slug = own or next((t for i in graph.objects(agent, DCTERMS.identifier) if (t := _cleaned(i))), "") \
            or safe_name(names.get("en") or names.get("th", "")) or f"publisher-{index}"
        abbreviations = [t for a in graph.objects(agent, SKOS.altLabel) if (t := _cleaned(a))]
        org = catalog.org(agent.value if isinstance(agent, ox.NamedNode) else slug, slug, names, abbreviations)
        name = names.get("th") or names.get("en") or next(iter(names.values()))
        p.set("publisher", name, "dct:publisher")
        original["dct:publisher"] = name
        break
    keys = [_notation(k) for k in graph.objects(d, ABE.linkKey)]
    for key in keys:
        if controlled_values().match("link-key", key) is None:
            p.warn("unknown_catalog_value", "link_keys", "abe:linkKey", key, detail="link key",
                   candidates=tuple(controlled_values().offered("link-key")),
                   candidates_th=tuple(controlled_values().offered("link-key", "th")))
    p.set("link_keys", "; ".join(sorted(k for k in keys if controlled_values().match("link-key", k))), "abe:linkKey")
    for value in graph.objects(d, ABE.granularity):
        p.controlled("granularity", "granularity", _notation(value), "abe:granularity", "granularity")
    for value in graph.objects(d, ABE.personalData):
        p.set("personal_data", "yes" if _cleaned(value).lower() in ("true", "1") else "no", "abe:personalData")
    own_frequency = [t for v in graph.objects(d, ABE.updateFrequency) if (t := _cleaned(v))]
    if own_frequency:
        p.set("update_frequency", own_frequency[0], "abe:updateFrequency")
    else:
        for value in graph.objects(d, DCTERMS.accrualPeriodicity):
            text = value.value if isinstance(value, ox.NamedNode) else _cleaned(value)
            if isinstance(value, ox.BlankNode):  # [ rdfs:label "monthly" ] or [ rdf:value ... ]
                text = _cleaned(graph.first(value, RDFS.label)) or _cleaned(graph.first(value, RDF.value))
            p.frequency(_frequency_words(text), "dct:accrualPeriodicity")
            break
    levels = [_notation(v) for v in graph.objects(d, ABE.accessLevel)]
    if levels:
        p.controlled("access", "access", levels[0], "abe:accessLevel", "access")
    else:
        for value in graph.objects(d, DCTERMS.accessRights):
            text = _cleaned(value) if isinstance(value, ox.Literal) else value.value.rsplit("/", 1)[-1]
            p.controlled("access", "access", _EU_ACCESS.get(text, text), "dct:accessRights", "access")
            break
    addresses = [_local_id(i, "issue") for i in graph.objects(d, ABE.addresses)]
    p.set("addresses", "; ".join(sorted(a for a in addresses if a)), "abe:addresses")
    areas = []
    for place in graph.objects(d, DCTERMS.spatial):
        code = _local_id(place, "area") or next((t for c in graph.objects(place, DCTERMS.identifier)
                                                 if (t := _cleaned(c)).isdigit() and len(t) in (2, 4, 6)), "")
        if code:
            areas.append(code)
    p.set("areas", "; ".join(sorted(set(areas))), "dct:spatial")
    landing = next((u.value for u in sorted(graph.objects(d, DCAT.landingPage), key=_order)
                    if isinstance(u, ox.NamedNode)), "")
    p.set("url", landing, "dcat:landingPage")
    formats: list[str] = []
    extra: list[ox.Quad] = []
    subject = node(entity_iri("dataset", identifier))
    for dist in sorted(graph.objects(d, DCAT.distribution), key=_order):
        fmt = _format_text(graph, dist)
        if fmt and fmt not in formats:
            formats.append(fmt)
            distribution = ox.NamedNode(f"{subject.value}/distribution/{len(formats)}")
            for link in graph.objects(dist, DCAT.downloadURL):
                extra.append(ox.Quad(distribution, node(DCAT.downloadURL), link))
            for link in graph.objects(dist, DCAT.accessURL):
                if link.value not in (d.value, landing):
                    extra.append(ox.Quad(distribution, node(DCAT.accessURL), link))
    p.set("format", "; ".join(formats), "dct:format")
    keywords = [t for k in graph.objects(d, DCAT.keyword) if (t := _cleaned(k))]
    for value in graph.objects(d, DCTERMS.description):
        if _cleaned(value):
            extra.append(ox.Quad(subject, node(DCTERMS.description), value))
    for keyword in sorted(set(graph.objects(d, DCAT.keyword)), key=_order):
        extra.append(ox.Quad(subject, node(DCAT.keyword), keyword))
    for value in graph.objects(d, DCTERMS.license):
        if isinstance(value, ox.NamedNode):
            extra.append(ox.Quad(subject, node(DCTERMS.license), value))
    original.update({"dct:identifier": identifier, "dcat:landingPage": landing,
                     "dcat:keyword": ", ".join(keywords),
                     "dct:description": " | ".join(_cleaned(v) for v in graph.objects(d, DCTERMS.description))})
    catalog.add_package(index, identifier, p.cells, p.letters, original, p.problems, org, extra,
                        [] if addresses else keywords)


def _format_text(graph: _Statements, dist) -> str:
    """A distribution's format as a word: EU file-type code, a label, a literal, a media type."""

    for value in graph.objects(dist, DCTERMS["format"]):
        if isinstance(value, ox.Literal):
            text = _cleaned(value)
        elif isinstance(value, ox.NamedNode) and value.value.startswith(f"{EU_FILE_TYPE}/"):
            code = value.value.rsplit("/", 1)[-1]
            text = FILE_TYPE_WORDS.get(code, code.lower())
        else:
            text = (_cleaned(graph.first(value, RDFS.label)) or _cleaned(graph.first(value, RDF.value)) or
                    (value.value.rsplit("/", 1)[-1] if isinstance(value, ox.NamedNode) else ""))
        if text:
            return text.lower() if len(text) <= 5 and text.isascii() else text
    media = graph.first(dist, DCAT.mediaType)
    if media is not None:
        return media.value.rsplit("/", 1)[-1].lower()
    return ""


def read_catalog_source(source) -> None:
    """The reader of CKAN JSON and DCAT catalogues (see :class:`abegraph.loaders.sources.Reader`)."""
    read = {"ckan-json": read_ckan_json, "dcat-turtle": read_dcat_turtle, "dcat-rdf-xml": read_dcat_rdf_xml,
            "dcat-json-ld": read_dcat_json_ld}[source.format]
    source.catalog = read(source.path, source.file)
    source.tables = source.catalog.tables
    source.problems += source.catalog.problems
