"""The store's datasets as the Excel workbook Thailand's GD Catalog CKAN extension imports.

ckanext-thai_gdc (the CKAN extension behind data.go.th and the agency catalogues of the
Government Data Catalog) has a bulk importer (*Admin → Import dataset*) that reads one
workbook. The layout here is the one its importer reads at commit ``ca2b7dc9`` ("Update metadata
and dataset importer", 19 March 2021, ``ckanext/thai_gdc/controllers/dataset.py``; read from the
public fork artarete01/ckanext-thai_gdc, the DGA-Thailand repository itself not being
reachable from here):

* ``Temp2_Meta_Record`` (record-level data, ข้อมูลระเบียน) and ``Temp2_Meta_Stat`` (statistics,
  ข้อมูลสถิติ): read with ``header=[3]``, so **row 4 holds the headings**, row 5 is dropped
  (here: the CKAN field names) and the datasets start on **row 6**; the columns are taken by
  position, 22 and 27 of them (:data:`RECORD_FIELDS`, :data:`STAT_FIELDS`), so nothing may be
  written to their right;
* ``Temp1_Dataset`` (the resources): read with ``header=[4]`` (**headings on row 5**, data from
  row 6); the two first headings must be empty and one must read ``ชื่อชุดข้อมูล`` (the three
  columns it drops), the other four are taken in order as the dataset's ``name``, the resource
  URL, its description and its format.

The importer keeps a value of a closed list (:data:`CHOICES`, its own lists) as it is and
turns any other text into ``อื่นๆ`` plus the text in the field's ``_other`` twin, so values
outside the lists (a school as the unit of data, ``web system`` as a format) still arrive.
No rows are ever left blank between the title rows and the data: the importer's reader skips
blank lines, which would shift the heading row.

What goes where. A dataset of persons or households (or any personal-data dataset) is a
record dataset; one aggregated to subdistricts, districts or the province, or whose Thai title
starts with จำนวน / ร้อยละ / อัตรา (a count, a share, a rate), is a statistics dataset.
**Personal-data datasets go as metadata only**: no ``Temp1_Dataset`` row (so no download
link) and ``data_category`` ข้อมูลส่วนบุคคล. Access is ``data_category`` (open: ข้อมูลสาธารณะ;
restricted: ข้อมูลความลับทางราชการ; on request: ข้อมูลสาธารณะ with an access condition); the
update frequency is ``update_frequency_unit`` and ``_interval``; the unit of data is
``data_collect`` (and ``geo_coverage`` for area levels); keywords are the names of the issues
the dataset informs. The catalogue has no contact e-mail: ``maintainer_email`` is required by
the importer, so those cells are left empty and highlighted for the agency to fill in (or
pass ``contact_email``). Every text cell is written as text, never as a formula.

:func:`read_gdc_workbook` reads such a workbook back the way the importer does and returns
the CKAN packages it would create, which :func:`abegraph.catalog.ckan.read_ckan_json` reads
(the round trip ``tests/test_gdc.py`` checks).

Example
-------
>>> import io, openpyxl
>>> from abegraph.catalog.gdc import write_gdc_workbook
>>> out = io.BytesIO()
>>> _ = write_gdc_workbook(demo_store, out)
>>> wb = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
>>> wb.sheetnames[:3]
['Temp1_Dataset', 'Temp2_Meta_Record', 'Temp2_Meta_Stat']
>>> wb["Temp2_Meta_Record"]["A5"].value, wb["Temp1_Dataset"]["C5"].value
('name', 'ชื่อชุดข้อมูล')
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rdflib import Literal
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from abegraph.catalog.ckan import LICENSES
from abegraph.catalog.dcat import catalog_graph, frequency_code
from abegraph.formats import set_cell
from abegraph.ontology.namespace import ABE
from abegraph.thai.text import clean, is_thai

__all__ = ["SOURCE", "RECORD_SHEET", "STAT_SHEET", "RESOURCE_SHEET", "RECORD_FIELDS", "STAT_FIELDS",
           "RESOURCE_HEADINGS", "CHOICES", "HEADING_ROW", "RESOURCE_HEADING_ROW", "FIRST_ROW", "GdcExport",
           "gdc_rows", "write_gdc_workbook", "read_gdc_workbook"]

#: where the layout comes from
SOURCE = ("ckanext-thai_gdc commit ca2b7dc9e6703b13338c4d3103ecac5577482269, "
          "ckanext/thai_gdc/controllers/dataset.py (DatasetImportController)")
RESOURCE_SHEET, RECORD_SHEET, STAT_SHEET = "Temp1_Dataset", "Temp2_Meta_Record", "Temp2_Meta_Stat"
#: rows as Excel numbers them: headings of the Temp2 sheets, of Temp1, and the first dataset row
HEADING_ROW, RESOURCE_HEADING_ROW, FIRST_ROW = 4, 5, 6

_COMMON = ("name", "title", "owner_org", "maintainer", "maintainer_email", "tag_string", "notes", "objective",
           "update_frequency_unit", "update_frequency_interval", "geo_coverage", "data_source", "data_format",
           "data_category", "license_id", "accessible_condition")
#: the columns of Temp2_Meta_Record, in the order the importer takes them
RECORD_FIELDS = _COMMON + ("created_date", "last_updated_date", "url", "data_support", "data_collect",
                           "data_language")
#: the columns of Temp2_Meta_Stat, in the order the importer takes them
STAT_FIELDS = _COMMON + ("first_year_of_data", "last_year_of_data", "data_release_calendar",
                         "last_updated_date", "disaggregate", "unit_of_measure", "unit_of_multiplier",
                         "calculation_method",
                         "standard", "url", "data_language")
#: Temp1_Dataset headings: two empty, ชื่อชุดข้อมูล (dropped), then name, URL, description, format
RESOURCE_HEADINGS = (None, None, "ชื่อชุดข้อมูล", "ชื่อย่อชุดข้อมูล (name)", "URL ของข้อมูล", "คำอธิบาย", "รูปแบบ")
_DATA_TYPES = {RECORD_SHEET: "ข้อมูลระเบียน", STAT_SHEET: "ข้อมูลสถิติ"}

#: the importer's closed lists (its ``*_choices``); any other text becomes อื่นๆ + ``<field>_other``
CHOICES = {
    "objective": ("ยุทธศาสตร์ชาติ", "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ", "แผนความมั่นคงแห่งชาติ",
                  "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "แผนปฏิรูปประเทศ", "แผนระดับที่ 3 (มติครม. 4 ธ.ค. 2560)",
                  "นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี", "มติคณะรัฐมนตรี", "เพื่อการให้บริการประชาชน",
                  "กฎหมายที่เกี่ยวข้อง", "พันธกิจหน่วยงาน", "ดัชนี/ตัวชี้วัดระดับนานาชาติ", "ไม่ทราบ"),
    "update_frequency_unit": ("ไม่ทราบ", "ปี", "ครึ่งปี", "ไตรมาส", "เดือน", "สัปดาห์", "วัน", "วันทำการ", "ชั่วโมง",
                              "นาที", "ตามเวลาจริง", "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล"),
    "geo_coverage": ("ไม่มี", "โลก", "ทวีป/กลุ่มประเทศในทวีป", "กลุ่มประเทศทางเศรษฐกิจ", "ประเทศ", "ภาค", "จังหวัด",
                     "อำเภอ", "ตำบล", "หมู่บ้าน", "เทศบาล/อบต.", "พิกัด", "ไม่ทราบ"),
    "data_format": ("ไม่ทราบ", "Database", "CSV", "XML", "Image", "Video", "Audio", "Text", "JSON", "HTML",
                    "XLS", "PDF", "RDF", "NoSQL", "Arc/Info Coverage", "Shapefile", "GeoTiff", "GML"),
    "data_category": ("ข้อมูลสาธารณะ", "ข้อมูลส่วนบุคคล", "ข้อมูลความมั่นคง", "ข้อมูลความลับทางราชการ"),
    "license_id": ("License not specified", "DGA Open Government License", "Creative Commons Attributions",
                   "Creative Commons Attribution Share-Alike", "Creative Commons Non-Commercial (Any)",
                   "Open Data Common", "GNU Free Documentation License"),
    "data_support": ("", "ไม่มี", "หน่วยงานของรัฐ", "หน่วยงานเอกชน", "หน่วยงาน/องค์กรระหว่างประเทศ", "มูลนิธิ/สมาคม",
                     "สถาบันการศึกษา"),
    "data_collect": ("", "บุคคล", "ครัวเรือน/ครอบครัว", "บ้าน/ที่อยู่อาศัย", "บริษัท/ห้างร้าน/สถานประกอบการ",
                     "อาคาร/สิ่งปลูกสร้าง", "พื้นที่การเกษตร ประมง ป่าไม้", "สัตว์และพันธุ์พืช",
                     "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "แหล่งน้ำ เช่น แม่น้ำ อ่างเก็บน้ำ",
                     "เส้นทางการเดินทาง เช่น ถนน ทางรถไฟ", "ไม่ทราบ"),
    "data_language": ("", "ไทย", "อังกฤษ", "จีน", "มลายู", "พม่า", "ลาว", "เขมร", "ญี่ปุ่น", "เกาหลี", "ฝรั่งเศส",
                      "เยอรมัน", "อารบิก", "ไม่ทราบ"),
    "disaggregate": ("", "ไม่มี", "เพศ", "อายุ/กลุ่มอายุ", "สถานภาพสมรส", "ศาสนา", "ระดับการศึกษา", "อาชีพ",
                     "สถานภาพการทางาน", "อุตสาหกรรม/ประเภทกิจการ", "รายได้", "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",
                     "ผลิตภัณฑ์", "ไม่ทราบ"),
    "unit_of_multiplier": ("", "หน่วย", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน", "สิบล้าน", "ร้อยล้าน", "พันล้าน",
                           "หมื่นล้าน", "แสนล้าน", "ล้านล้าน", "ไม่ทราบ"),
}
#: headings (row 4): the Thai labels of the extension's dataset schema (ckan_dataset.json)
LABELS = {
    "name": "ชื่อย่อชุดข้อมูล (URL)", "title": "ชื่อชุดข้อมูล", "owner_org": "ชื่อองค์กร", "maintainer": "ชื่อผู้ติดต่อ",
    "maintainer_email": "อีเมลผู้ติดต่อ", "tag_string": "คำสำคัญ", "notes": "รายละเอียด", "objective": "วัตถุประสงค์",
    "update_frequency_unit": "หน่วยความถี่ของการปรับปรุงข้อมูล",
    "update_frequency_interval": "ค่าความถี่ของการปรับปรุงข้อมูล (ความถี่น้อยที่สุด)",
    "geo_coverage": "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "data_source": "แหล่งที่มา", "data_format": "รูปแบบการเก็บข้อมูล",
    "data_category": "หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", "license_id": "สัญญาอนุญาต",
    "accessible_condition": "เงื่อนไขในการเข้าถึงข้อมูล", "created_date": "วันที่เริ่มต้นสร้าง",
    "last_updated_date": "วันที่ปรับปรุงข้อมูลล่าสุด", "url": "URL ข้อมูลเพิ่มเติม",
    "data_support": "ผู้สนับสนุนหรือผู้ร่วมดำเนินการ", "data_collect": "หน่วยที่ย่อยที่สุดของการจัดเก็บข้อมูล",
    "data_language": "ภาษาที่ใช้", "first_year_of_data": "ปีข้อมูลที่เริ่มต้นจัดทำ",
    "last_year_of_data": "ปีข้อมูลล่าสุดที่เผยแพร่", "data_release_calendar": "วันที่กำหนดเผยแพร่ข้อมูล",
    "disaggregate": "การจัดจำแนก", "unit_of_measure": "หน่วยวัด", "unit_of_multiplier": "หน่วยตัวคูณ",
    "calculation_method": "วิธีการคำนวณ", "standard": "มาตรฐานการจัดทำข้อมูล",
}
#: fields the extension's schema requires (an empty one makes the importer skip the dataset)
REQUIRED = frozenset({"title", "maintainer", "maintainer_email", "tag_string", "notes", "objective",
                      "update_frequency_unit", "geo_coverage", "data_source", "data_format", "data_category",
                      "license_id"})

#: EU frequency code -> (update_frequency_unit, update_frequency_interval)
_FREQUENCY = {"ANNUAL": ("ปี", "1"), "ANNUAL_2": ("ครึ่งปี", "1"), "ANNUAL_3": ("ปี", "3"),
              "QUARTERLY": ("ไตรมาส", "1"), "MONTHLY": ("เดือน", "1"), "MONTHLY_2": ("เดือน", "2"),
              "MONTHLY_3": ("เดือน", "3"), "WEEKLY": ("สัปดาห์", "1"), "WEEKLY_2": ("สัปดาห์", "2"),
              "WEEKLY_3": ("สัปดาห์", "3"), "DAILY": ("วัน", "1"), "DAILY_2": ("วัน", "2"),
              "HOURLY": ("ชั่วโมง", "1"), "UPDATE_CONT": ("ตามเวลาจริง", ""),
              "NEVER": ("ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", ""), "UNKNOWN": ("ไม่ทราบ", "")}
#: abegraph granularity -> (data_collect, geo_coverage when it is the unit)
_UNITS = {"person": ("บุคคล", ""), "household": ("ครัวเรือน/ครอบครัว", ""), "school": ("โรงเรียน", ""),
          "subdistrict": ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "ตำบล"),
          "district": ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "อำเภอ"),
          "province": ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "จังหวัด")}
#: formats as abegraph writes them -> the data_format choice that names them
_FORMATS = {"csv": "CSV", "xlsx": "XLS", "xls": "XLS", "json": "JSON", "xml": "XML", "html": "HTML",
            "pdf": "PDF", "txt": "Text", "text": "Text", "shp": "Shapefile", "shapefile": "Shapefile",
            "gml": "GML", "geotiff": "GeoTiff", "tiff": "GeoTiff", "rdf": "RDF", "ttl": "RDF",
            "jsonld": "RDF",
            "web system": "Database", "database": "Database", "ระบบเว็บ": "Database", "ฐานข้อมูล": "Database",
            "jpeg": "Image", "png": "Image"}
_STAT_TITLES = ("จำนวน", "ร้อยละ", "อัตรา", "สถิติ")
_TAG_JUNK = re.compile(r"[^\w\s\u0e00-\u0e7f._-]+")
_REQUIRED_FILL, _HEADER_FILL = "FFF2CC", "DDEBF7"


@dataclass
class GdcExport:
    """The rows of each sheet (field -> text) and what the agency still has to fill in."""

    records: list[dict] = field(default_factory=list)
    stats: list[dict] = field(default_factory=list)
    resources: list[tuple] = field(default_factory=list)  # (title, name, url, description, format)
    missing: list[tuple] = field(default_factory=list)  # (sheet, row, field)


def _slug(identifier: str, used: set) -> str:
    """A CKAN package name: lower case ASCII letters, digits, - and _, 2 to 100 characters."""
    base = re.sub(r"[^a-z0-9_-]+", "-", identifier.lower()).strip("-")[:90] or "dataset"
    if len(base) < 2:
        base = f"dataset-{base}"
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name


def _tag(text: str) -> str:
    return clean(_TAG_JUNK.sub(" ", text.replace(",", " ")))


def _label(graph, node, *predicates, lang: str = "th") -> str:
    values = [v for p in predicates for v in graph.objects(node, p) if isinstance(v, Literal)]
    values.sort(key=lambda v: (v.language != lang, v.language or "", str(v)))
    return str(values[0]) if values else ""


def gdc_rows(store, graph: str | None = None, *, contact_email: str = "") -> GdcExport:
    """The datasets of ``store`` (or of one loaded source) as GD Catalog import rows.

    >>> export = gdc_rows(demo_store)
    >>> len(export.records) + len(export.stats) > 0
    True
    >>> export.records[0]["data_category"] in CHOICES["data_category"]
    True
    """
    cat = catalog_graph(store, graph)
    export, used = GdcExport(), set()
    for d in sorted(cat.subjects(RDF.type, DCAT.Dataset)):
        title = _label(cat, d, DCTERMS.title)
        identifier = _label(cat, d, DCTERMS.identifier) or str(d).rsplit("/", 1)[-1]
        publisher = next(iter(cat.objects(d, DCTERMS.publisher)), None)
        owner = _label(cat, publisher, FOAF.name) if publisher is not None else ""
        granularity = next((str(g).rsplit("/", 1)[-1] for g in cat.objects(d, ABE.granularity)), "")
        personal = any(v.toPython() is True for v in cat.objects(d, ABE.personalData))
        access = next((str(a).rsplit("/", 1)[-1] for a in cat.objects(d, ABE.accessLevel)), "")
        frequency = _label(cat, d, ABE.updateFrequency)
        code = frequency_code(frequency) if frequency else "UNKNOWN"
        unit, interval = _FREQUENCY.get(code or "", (frequency, ""))
        collect, level = _UNITS.get(granularity, ("ไม่ทราบ", ""))
        areas = [_label(cat, a, DCTERMS.identifier) for a in cat.objects(d, DCTERMS.spatial)]
        coverage = level or ("อำเภอ" if any(len(a) == 4 for a in areas) else "จังหวัด" if areas else "ไม่ทราบ")
        formats = [clean(_label(cat, x, DCTERMS.title)) for x in sorted(cat.objects(d, DCAT.distribution))]
        formats = [f for f in formats if f]
        keywords = sorted({_tag(str(k)) for k in cat.objects(d, DCAT.keyword)
                           if isinstance(k, Literal) and (k.language == "th" or is_thai(str(k)))} - {""})
        landing = next((str(u) for u in cat.objects(d, DCAT.landingPage)), "")
        license_iri = next((str(u) for u in cat.objects(d, DCTERMS.license)), "")
        license_name = next((name for name, iri in LICENSES.items() if iri == license_iri
                             and name in {c.casefold() for c in CHOICES["license_id"]}), "")
        category = ("ข้อมูลส่วนบุคคล" if personal else "ข้อมูลความลับทางราชการ" if access == "restricted"
                    else "ข้อมูลสาธารณะ")
        row = {
            "name": _slug(identifier, used), "title": title or identifier, "owner_org": owner,
            "maintainer": owner, "maintainer_email": contact_email,
            "tag_string": ",".join(keywords) or "เด็กและเยาวชน",
            "notes": _label(cat, d, DCTERMS.description) or title, "objective": "ไม่ทราบ",
            "update_frequency_unit": unit or "ไม่ทราบ", "update_frequency_interval": interval,
            "geo_coverage": coverage, "data_source": owner,
            "data_format": _FORMATS.get(formats[0].casefold(), formats[0]) if formats else "ไม่ทราบ",
            "data_category": category,
            "license_id": next((c for c in CHOICES["license_id"] if c.casefold() == license_name),
                               "License not specified"),
            "accessible_condition": ("ขอข้อมูลได้ตามคำขอ (on request)" if access == "on request" else
                                     "เปิดเผยเฉพาะคำอธิบายข้อมูล ข้อมูลส่วนบุคคล (metadata only: personal data)"
                                     if personal else ""),
            "url": landing, "data_support": "", "data_collect": collect, "data_language": "ไทย",
            "disaggregate": "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่" if level else "",
        }
        statistics = not personal and (bool(level) or title.startswith(_STAT_TITLES))
        (export.stats if statistics else export.records).append(row)
        if not personal and landing:
            for fmt in formats or [""]:
                described = fmt and f"{row['title']} ({fmt})"
                export.resources.append((row["title"], row["name"], landing, described, fmt))
    for sheet, rows in ((RECORD_SHEET, export.records), (STAT_SHEET, export.stats)):
        fields = RECORD_FIELDS if sheet == RECORD_SHEET else STAT_FIELDS
        for n, row in enumerate(rows, start=FIRST_ROW):
            export.missing += [(sheet, n, f) for f in fields if f in REQUIRED and not row.get(f)]
    return export


def write_gdc_workbook(store, out: IO[bytes] | Path, graph: str | None = None, *,
                       contact_email: str = "") -> GdcExport:
    """Write the GD Catalog import workbook of the datasets in ``store`` to ``out`` (a binary
    stream or a path); returns what was written, with the required cells left empty.

    >>> import io
    >>> export = write_gdc_workbook(demo_store, io.BytesIO())
    >>> sorted({f for _, _, f in export.missing})       # no e-mail in the catalogue
    ['maintainer_email']
    """
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    export = gdc_rows(store, graph, contact_email=contact_email)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold, head = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
    todo = PatternFill("solid", fgColor=_REQUIRED_FILL)
    ws = wb.create_sheet(RESOURCE_SHEET)
    titles = ("Temp1_Dataset: ทรัพยากรของชุดข้อมูล / resources of the datasets (abegraph)",
              "ชุดข้อมูลส่วนบุคคลไม่มีแถวในแผ่นนี้: ส่งเฉพาะคำอธิบายข้อมูล / personal-data datasets: metadata only",
              f"หัวตารางอยู่แถว {RESOURCE_HEADING_ROW} ข้อมูลเริ่มแถว {FIRST_ROW} / headings on row "
              f"{RESOURCE_HEADING_ROW}, data from row {FIRST_ROW}",
              f"รูปแบบตามตัวนำเข้า / layout of the importer: {SOURCE}")
    for r, text in enumerate(titles, start=1):
        set_cell(ws, r, 1, text).font = bold if r == 1 else Font()
    for c, text in enumerate(RESOURCE_HEADINGS, start=1):
        cell = set_cell(ws, RESOURCE_HEADING_ROW, c, text)
        cell.font, cell.fill = bold, head
    for r, (title, name, url, description, fmt) in enumerate(export.resources, start=FIRST_ROW):
        sheet = RECORD_SHEET if any(x["name"] == name for x in export.records) else STAT_SHEET
        values = (r - FIRST_ROW + 1, _DATA_TYPES[sheet], title, name, url, description, fmt)
        for c, value in enumerate(values, start=1):
            set_cell(ws, r, c, value)
    for c, width in enumerate((6, 14, 40, 18, 36, 40, 12), start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    choices = wb.create_sheet("choices")
    choices.sheet_state = "hidden"
    lists = {}
    for c, (name, values) in enumerate(sorted(CHOICES.items()), start=1):
        set_cell(choices, 1, c, name)
        kept = [v for v in values if v]
        for r, value in enumerate(kept, start=2):
            set_cell(choices, r, c, value)
        letter = openpyxl.utils.get_column_letter(c)
        lists[name] = f"choices!${letter}$2:${letter}${len(kept) + 1}"
    missing = {(s, r, f) for s, r, f in export.missing}
    for sheet, fields, rows in ((RECORD_SHEET, RECORD_FIELDS, export.records),
                                (STAT_SHEET, STAT_FIELDS, export.stats)):
        ws = wb.create_sheet(sheet)
        kind = _DATA_TYPES[sheet]
        titles = (f"{sheet}: ชุดข้อมูลประเภท{kind} / datasets of type {kind} (abegraph)",
                  f"หัวตารางอยู่แถว {HEADING_ROW} แถว {HEADING_ROW + 1} คือชื่อฟิลด์ (ตัวนำเข้าข้ามแถวนี้) "
                  f"ข้อมูลเริ่มแถว {FIRST_ROW} / headings on row {HEADING_ROW}, field names on row "
                  f"{HEADING_ROW + 1} (skipped), data from row {FIRST_ROW}",
                  "ช่องสีเหลืองต้องกรอกก่อนนำเข้า / fill in the yellow cells before importing")
        for r, text in enumerate(titles, start=1):
            set_cell(ws, r, 1, text).font = bold if r == 1 else Font()
        for c, name in enumerate(fields, start=1):
            cell = set_cell(ws, HEADING_ROW, c, LABELS[name] + (" *" if name in REQUIRED else ""))
            cell.font, cell.fill = bold, head
            set_cell(ws, HEADING_ROW + 1, c, name)
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = 18
        for r, row in enumerate(rows, start=FIRST_ROW):
            for c, name in enumerate(fields, start=1):
                cell = set_cell(ws, r, c, row.get(name, "") or None)
                if (sheet, r, name) in missing:
                    cell.fill = todo
        last = FIRST_ROW + max(len(rows), 1) + 200
        for c, name in enumerate(fields, start=1):
            if name in lists:
                letter = openpyxl.utils.get_column_letter(c)
                # a suggestion, not a rule: text outside the list goes to the field's _other twin
                validation = DataValidation(type="list", formula1=lists[name], allow_blank=True,
                                            showErrorMessage=False)
                validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
                ws.add_data_validation(validation)
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)
    wb.move_sheet("choices", offset=len(wb.sheetnames))
    if isinstance(out, (str, Path)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    else:
        buffer = io.BytesIO()
        wb.save(buffer)
        out.write(buffer.getvalue())
    return export


def _other(field_name: str, value: str) -> dict:
    """The importer's closed-list rule: a listed value stays, other text goes to ``_other``."""
    if field_name not in CHOICES or value in CHOICES[field_name]:
        return {field_name: value}
    return {field_name: "อื่นๆ", f"{field_name}_other": value}


def read_gdc_workbook(path: Path) -> list[dict]:
    """The CKAN packages the ckanext-thai_gdc importer would create from the workbook at
    ``path``: the Temp2 sheets read from row :data:`FIRST_ROW` by column position, closed lists
    split into ``<field>`` / ``<field>_other``, ``tag_string`` split on commas, and the
    ``Temp1_Dataset`` rows attached as resources where their URL is set. Organisations come
    back as ``{"title": owner_org}`` (the importer files every dataset under the organisation
    it imports into; the sheet's name selects rows).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "gdc.xlsx"
    >>> _ = write_gdc_workbook(demo_store, path)
    >>> packages = read_gdc_workbook(path)
    >>> sorted({p["data_type"] for p in packages})
    ['ข้อมูลระเบียน', 'ข้อมูลสถิติ']
    """
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    resources: dict[str, list[dict]] = {}
    if RESOURCE_SHEET in wb.sheetnames:
        for values in wb[RESOURCE_SHEET].iter_rows(min_row=FIRST_ROW, values_only=True):
            cells = ["" if v is None else clean(v) for v in values] + [""] * 7
            name, url, description, fmt = cells[3:7]
            if name and url:
                resources.setdefault(name, []).append({"name": url.rsplit("/", 1)[-1] or name, "url": url,
                                                       "description": description, "format": fmt})
    packages = []
    for sheet, fields in ((RECORD_SHEET, RECORD_FIELDS), (STAT_SHEET, STAT_FIELDS)):
        if sheet not in wb.sheetnames:
            continue
        for values in wb[sheet].iter_rows(min_row=FIRST_ROW, values_only=True):
            cells = {f: "" if v is None else clean(v) for f, v in zip(fields, values)}
            if not any(cells.values()):
                continue
            package: dict = {"data_type": _DATA_TYPES[sheet], "private": True}
            for name, value in cells.items():
                package.update(_other(name, value))
            original = package["name"]
            package["name"] = re.sub(r"\s", "-", original.lower())
            package["tags"] = [{"name": t.strip()} for t in cells["tag_string"].split(",") if t.strip()]
            package["organization"] = {"title": cells["owner_org"]}
            package["resources"] = resources.get(original, [])
            packages.append(package)
    wb.close()
    return packages
