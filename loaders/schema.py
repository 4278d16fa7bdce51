"""The workbook contract: sheets, columns, Thai headings and what each cell holds.

This table is the single source for the loader, the template writer and the docs.

Example
-------
>>> from abegraph.loaders.schema import SHEETS
>>> SHEETS["resources"].column("held_by").heading_th
'หน่วยงานเจ้าของ'
>>> [c.key for c in SHEETS["causes"].required]
['cause', 'effect']
>>> heading_key(SHEETS["resources"], "หน่วยงานเจ้าของ "), heading_key(SHEETS["resources"], "Name_EN")
('held_by', 'name_en')
>>> heading_key(SHEETS["resources"], "ชื่อทรัพยากร (name_th) *"), sheet_key("หน่วยงาน")
('name_th', 'agencies')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from abegraph.thai.text import clean, match_key

__all__ = ["Column", "Sheet", "SHEETS", "LIST_SEPARATOR", "heading_key", "sheet_key"]

#: lists inside a cell are separated by this character
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind`` says what a cell holds: ``id``, ``text``, ``url``, ``number``, ``bool``,
    ``ref:<sheet>`` (a reference to a row of that sheet, by id, name or abbreviation),
    ``controlled:<scheme>`` (a value of a controlled vocabulary) or ``area`` (a DOPA code).
    ``many`` means a ``;``-separated list.
    """

    key: str
    heading_th: str
    kind: str = "text"
    required: bool = False
    many: bool = False
    help_en: str = ""
    help_th: str = ""

    @property
    def target(self) -> str:
        """The sheet or scheme named after the colon of ``kind`` (``""`` if none)."""
        return self.kind.partition(":")[2]


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook (or one CSV file of a folder)."""

    key: str
    name_th: str
    columns: tuple[Column, ...]
    help_en: str = ""
    help_th: str = ""

    def column(self, key: str) -> Column:
        """The column with this English key."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"sheet {self.key!r} has no column {key!r}")

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def id_column(self) -> Column:
        """The column whose values identify a row (``id``, ``code``; causes have none)."""
        return self.columns[0]


C = Column
SHEETS: dict[str, Sheet] = {s.key: s for s in (
    Sheet("agencies", "หน่วยงาน", (
        C("id", "รหัส", "id", True, help_en="Short unique id, e.g. ESAO-KK1", help_th="รหัสสั้นที่ไม่ซ้ำ เช่น ESAO-KK1"),
        C("name_th", "ชื่อหน่วยงาน", required=True, help_en="Full Thai name", help_th="ชื่อเต็มภาษาไทย"),
        C("name_en", "ชื่อภาษาอังกฤษ", help_en="English name", help_th="ชื่อภาษาอังกฤษ"),
        C("abbreviations", "ชื่อย่อ", many=True, help_en="Abbreviations, ; between them", help_th="ชื่อย่อ คั่นด้วย ;"),
        C("type", "ประเภท", "controlled:agency-type", help_en="Agency type (drop-down)", help_th="ประเภทหน่วยงาน (เลือกจากรายการ)"),
        C("parent", "สังกัด", "ref:agencies", help_en="Parent agency: id, name or abbreviation", help_th="หน่วยงานต้นสังกัด: รหัส ชื่อ หรือชื่อย่อ"),
        C("district", "อำเภอ", "area", help_en="DOPA district code, e.g. 4001", help_th="รหัสอำเภอตามกรมการปกครอง เช่น 4001"),
        C("website", "เว็บไซต์", "url", help_en="Web address", help_th="ที่อยู่เว็บไซต์"),
    ), "One row per agency or organisation", "หนึ่งแถวต่อหนึ่งหน่วยงาน"),
    Sheet("resources", "ทรัพยากร", (
        C("id", "รหัส", "id", True, help_en="Short unique id, e.g. R001", help_th="รหัสสั้นที่ไม่ซ้ำ เช่น R001"),
        C("name_th", "ชื่อทรัพยากร", required=True, help_en="Thai name of the resource", help_th="ชื่อทรัพยากรภาษาไทย"),
        C("name_en", "ชื่อภาษาอังกฤษ", help_en="English name", help_th="ชื่อภาษาอังกฤษ"),
        C("dimension", "มิติ", "controlled:dimension", True, help_en="One of the four dimensions (1-4)", help_th="หนึ่งในสี่มิติ (1-4)"),
        C("type", "ประเภท", "controlled:resource-type", help_en="Resource type (drop-down; other text is kept)", help_th="ประเภททรัพยากร (เลือกจากรายการ หรือพิมพ์เอง)"),
        C("held_by", "หน่วยงานเจ้าของ", "ref:agencies", True, True, "Agencies that hold it", "หน่วยงานที่เป็นเจ้าของ"),
        C("shared_with", "หน่วยงานที่ใช้ร่วม", "ref:agencies", many=True, help_en="Agencies that also use it", help_th="หน่วยงานที่ใช้ร่วมกัน"),
        C("addresses", "ประเด็นที่แก้ไข", "ref:issues", many=True, help_en="Issues or causes it addresses", help_th="ประเด็นปัญหาหรือสาเหตุที่ทรัพยากรนี้ช่วยแก้"),
        C("target_groups", "กลุ่มเป้าหมาย", "controlled:target-group", many=True, help_en="Target groups", help_th="กลุ่มเป้าหมาย"),
        C("areas", "พื้นที่", "area", many=True, help_en="DOPA area codes it serves", help_th="รหัสพื้นที่ที่ให้บริการ"),
        C("amount_thb", "งบประมาณ (บาท)", "number", help_en="Amount in baht (numbers only)", help_th="จำนวนเงิน (บาท) ตัวเลขเท่านั้น"),
        C("description", "รายละเอียด", help_en="Description", help_th="รายละเอียด"),
        C("source", "แหล่งที่มา", help_en="Where this information comes from", help_th="ที่มาของข้อมูล"),
    ), "One row per resource an agency already has", "หนึ่งแถวต่อหนึ่งทรัพยากรที่หน่วยงานมีอยู่แล้ว"),
    Sheet("issues", "ประเด็นปัญหา", (
        C("id", "รหัส", "id", True, help_en="Short unique id, e.g. I01", help_th="รหัสสั้นที่ไม่ซ้ำ เช่น I01"),
        C("name_th", "ชื่อประเด็น", required=True, help_en="Thai name of the issue or cause", help_th="ชื่อประเด็นปัญหาหรือสาเหตุ"),
        C("name_en", "ชื่อภาษาอังกฤษ", help_en="English name", help_th="ชื่อภาษาอังกฤษ"),
        C("broader", "ประเด็นหลัก", "ref:issues", help_en="Broader issue", help_th="ประเด็นหลักที่ครอบคลุม"),
        C("description", "รายละเอียด", help_en="Description", help_th="รายละเอียด"),
    ), "Issues and causes, one row each", "ประเด็นปัญหาและสาเหตุ แถวละหนึ่งเรื่อง"),
    Sheet("causes", "สาเหตุ", (
        C("cause", "สาเหตุ", "ref:issues", True, help_en="The cause: issue id or name", help_th="สาเหตุ: รหัสหรือชื่อประเด็น"),
        C("effect", "ผล", "ref:issues", True, help_en="The effect: issue id or name", help_th="ผลที่เกิด: รหัสหรือชื่อประเด็น"),
        C("evidence", "หลักฐาน", help_en="Evidence or source", help_th="หลักฐานหรือแหล่งอ้างอิง"),
        C("polarity", "ทิศทาง", "controlled:polarity",
          help_en="+ if more of the cause gives more of the effect, - if it gives less (empty: +)",
          help_th="เพิ่ม (+) ถ้าสาเหตุมากขึ้นแล้วผลมากขึ้น ลด (-) ถ้าสาเหตุมากขึ้นแล้วผลลดลง (เว้นว่าง = เพิ่ม)"),
    ), "One row per cause -> effect link", "หนึ่งแถวต่อหนึ่งความสัมพันธ์ เหตุ -> ผล"),
    Sheet("datasets", "ชุดข้อมูล", (
        C("id", "รหัส", "id", True, help_en="Short unique id, e.g. D01", help_th="รหัสสั้นที่ไม่ซ้ำ เช่น D01"),
        C("title_th", "ชื่อชุดข้อมูล", required=True, help_en="Thai title", help_th="ชื่อชุดข้อมูลภาษาไทย"),
        C("title_en", "ชื่อภาษาอังกฤษ", help_en="English title", help_th="ชื่อภาษาอังกฤษ"),
        C("publisher", "หน่วยงานเจ้าของข้อมูล", "ref:agencies", True, help_en="Agency that owns the data", help_th="หน่วยงานเจ้าของข้อมูล"),
        C("link_keys", "คีย์เชื่อมโยง", "controlled:link-key", many=True, help_en="Keys it carries", help_th="คีย์ที่ใช้เชื่อมโยงข้อมูล"),
        C("granularity", "ระดับข้อมูล", "controlled:granularity", help_en="Unit of one record", help_th="หน่วยของข้อมูลหนึ่งระเบียน"),
        C("personal_data", "ข้อมูลส่วนบุคคล", "bool", help_en="yes or no", help_th="ใช่ หรือ ไม่ใช่"),
        C("update_frequency", "ความถี่การปรับปรุง", help_en="How often it is updated", help_th="ความถี่ในการปรับปรุง"),
        C("format", "รูปแบบ", many=True, help_en="File or system format", help_th="รูปแบบไฟล์หรือระบบ"),
        C("access", "การเข้าถึง", "controlled:access", help_en="open, on request or restricted", help_th="เปิดเผย ขอได้ หรือ จำกัด"),
        C("addresses", "ประเด็นที่เกี่ยวข้อง", "ref:issues", many=True, help_en="Issues it informs", help_th="ประเด็นที่เกี่ยวข้อง"),
        C("areas", "พื้นที่", "area", many=True, help_en="DOPA area codes covered", help_th="รหัสพื้นที่ที่ครอบคลุม"),
        C("url", "ลิงก์", "url", help_en="Web address", help_th="ลิงก์"),
    ), "One row per dataset (metadata only, never records)", "หนึ่งแถวต่อหนึ่งชุดข้อมูล (เฉพาะคำอธิบาย ห้ามใส่ข้อมูลรายบุคคล)"),
    Sheet("areas", "พื้นที่", (
        C("code", "รหัสพื้นที่", "id", True, help_en="DOPA code: 2, 4 or 6 digits", help_th="รหัสกรมการปกครอง 2, 4 หรือ 6 หลัก"),
        C("name_th", "ชื่อพื้นที่", required=True, help_en="Thai name", help_th="ชื่อภาษาไทย"),
        C("name_en", "ชื่อภาษาอังกฤษ", help_en="English name", help_th="ชื่อภาษาอังกฤษ"),
        C("level", "ระดับ", "controlled:area-level", help_en="province, district or subdistrict", help_th="จังหวัด อำเภอ หรือ ตำบล"),
        C("parent", "อยู่ใน", "area", help_en="Code of the area it lies in", help_th="รหัสพื้นที่ที่อยู่ใน"),
    ), "Areas not in the national gazetteer, or with local names", "พื้นที่ (ใส่เฉพาะที่ต้องการเพิ่มเติม)"),
)}

_REQUIRED_MARK = re.compile(r"\s*\*+\s*$")
_BRACKETED = re.compile(r"^(.*?)\s*\((.*)\)\s*$")


def _heading_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for sheet in SHEETS.values():
        keys = index.setdefault(sheet.key, {})
        for col in sheet.columns:
            keys[match_key(col.key)] = col.key
            keys[match_key(col.key.replace("_", " "))] = col.key
            keys[match_key(col.heading_th)] = col.key
    return index


_HEADINGS = _heading_index()
_SHEET_NAMES = {match_key(name): s.key for s in SHEETS.values() for name in (s.key, s.name_th)}


def heading_key(sheet: Sheet, heading: object) -> str | None:
    """The contract column key a heading stands for, or None.

    Accepts the English key or the Thai heading in any case, with stray spaces, a trailing
    ``*`` (the template marks required columns so), or both as ``Thai (english)``.
    """
    text = _REQUIRED_MARK.sub("", clean(heading))
    if not text:
        return None
    keys = _HEADINGS[sheet.key]
    found = keys.get(match_key(text))
    if found is None and (m := _BRACKETED.match(text)):
        found = keys.get(match_key(m.group(1))) or keys.get(match_key(m.group(2)))
    return found


def sheet_key(name: str) -> str | None:
    """The contract sheet a sheet or file name stands for (``หน่วยงาน`` -> ``agencies``)."""
    text = clean(name)
    found = _SHEET_NAMES.get(match_key(text))
    if found is None and (m := _BRACKETED.match(text)):
        found = _SHEET_NAMES.get(match_key(m.group(1))) or _SHEET_NAMES.get(match_key(m.group(2)))
    return found
