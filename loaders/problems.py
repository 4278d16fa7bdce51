"""Problems found in input files, told in the user's terms: file, sheet, row, column.

Every problem has a code; the message and the fix come from one catalogue in English
and Thai, so the command line can speak either language.

Example
-------
>>> from abegraph.loaders.problems import Problem
>>> p = Problem("missing_value", file="kk.xlsx", sheet="resources", row=7,
...             column="held_by", letter="F")
>>> print(p.describe("en"))
kk.xlsx, sheet resources, row 7, column held_by (F): this required cell is empty. Fix: fill it in.
>>> p.severity
'error'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .schema import SHEETS, sheet_key

__all__ = ["Problem", "Report", "Converted", "MESSAGES", "WARNING_CODES", "row_reasons"]

#: code -> (English message, English fix, Thai message, Thai fix); ``{value}``,
#: ``{detail}`` and ``{candidates}`` are filled in from the problem
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "link_no_sheet": (
        "no sheet called 'matches' was found (sheets: {detail})",
        "apply the review workbook that 'abegraph link' wrote, with its sheet 'matches' (การจับคู่)",
        "ไม่พบชีต 'การจับคู่' (ชีตที่มี: {detail})",
        "ใช้สมุดงานที่ 'abegraph link' เขียนให้ ซึ่งมีชีต 'การจับคู่' (matches)"),
    "link_missing_column": (
        "the columns {detail} are missing",
        "keep the columns of the review workbook as 'abegraph link' wrote them; add decisions in the decision column",
        "ไม่มีคอลัมน์ {detail}",
        "อย่าลบคอลัมน์ของสมุดงานตรวจคู่ ให้ใส่การตัดสินใจในคอลัมน์การตัดสินใจเท่านั้น"),
    "link_bad_decision": (
        "'{value}' is not a decision",
        "type accept (ยอมรับ) or reject (ปฏิเสธ), or leave the cell empty",
        "'{value}' ไม่ใช่การตัดสินใจที่รู้จัก",
        "พิมพ์ ยอมรับ (accept) หรือ ปฏิเสธ (reject) หรือเว้นว่าง"),
    "link_unknown_id": (
        "'{value}' is not in the store",
        "do not edit the id columns; if the source was removed or reloaded with other ids, run 'abegraph link' again",
        "ไม่พบ '{value}' ในคลังข้อมูล",
        "อย่าแก้คอลัมน์รหัส หากแหล่งข้อมูลถูกลบหรือโหลดใหม่ด้วยรหัสอื่น ให้สั่ง 'abegraph link' ใหม่"),
    "link_kind_mismatch": (
        "the two ids name different kinds of thing ({value}) or the same entity",
        "only pairs of the same kind can be matched; do not edit the id columns",
        "รหัสทั้งสองเป็นสิ่งต่างประเภทกัน ({value}) หรือเป็นรายการเดียวกัน",
        "จับคู่ได้เฉพาะสิ่งประเภทเดียวกัน อย่าแก้คอลัมน์รหัส"),
    "link_contradiction": (
        "this pair is both accepted and rejected (rows {detail})",
        "keep one decision for the pair",
        "คู่นี้ถูกทั้งยอมรับและปฏิเสธ (แถว {detail})",
        "เลือกการตัดสินใจเดียวสำหรับคู่นี้"),
    "link_rejected_joined": (
        "this pair is rejected, but accepted rows join the two through other entries",
        "reject one of the accepted pairs that chain them, or accept this one",
        "คู่นี้ถูกปฏิเสธ แต่แถวที่ยอมรับเชื่อมทั้งสองเข้าด้วยกันผ่านรายการอื่น",
        "ปฏิเสธคู่ใดคู่หนึ่งที่เชื่อมกัน หรือยอมรับคู่นี้"),
    "not_a_workbook": (
        "this is not a workbook abegraph can read ({detail})",
        "save it as .xlsx (Excel or LibreOffice: Save As > Excel 2007-365), or as CSV files in a folder",
        "ไฟล์นี้ไม่ใช่สมุดงานที่ abegraph อ่านได้ ({detail})",
        "บันทึกเป็น .xlsx (Excel หรือ LibreOffice: บันทึกเป็น > Excel 2007-365) หรือเป็นไฟล์ CSV ในโฟลเดอร์"),
    "encrypted": (
        "the workbook is protected with a password",
        "open it, remove the password (File > Info > Protect Workbook), save and load again",
        "สมุดงานนี้ตั้งรหัสผ่านไว้",
        "เปิดไฟล์ ลบรหัสผ่าน (ไฟล์ > ข้อมูล > ป้องกันสมุดงาน) บันทึก แล้วโหลดใหม่"),
    "unknown_format": (
        "abegraph does not know how to read this file ({detail})",
        "use .xlsx, a folder of .csv files, RDF (.ttl .nt .nq .trig .jsonld) or a CKAN catalogue (.json)",
        "abegraph ไม่รู้จักรูปแบบไฟล์นี้ ({detail})",
        "ใช้ไฟล์ .xlsx โฟลเดอร์ของไฟล์ .csv ไฟล์ RDF (.ttl .nt .nq .trig .jsonld) หรือบัญชีข้อมูล CKAN (.json)"),
    "bad_encoding": (
        "the text cannot be read as UTF-8 or Thai TIS-620/cp874 ({detail})",
        "save the CSV again as 'CSV UTF-8'",
        "อ่านข้อความไม่ได้ทั้งแบบ UTF-8 และ TIS-620/cp874 ({detail})",
        "บันทึกไฟล์ CSV ใหม่เป็นแบบ 'CSV UTF-8'"),
    "rdf_syntax": (
        "the RDF file has a syntax error: {detail}",
        "correct the file at the place named, or export it again from the tool that made it",
        "ไฟล์ RDF มีไวยากรณ์ผิด: {detail}",
        "แก้ไขไฟล์ตรงตำแหน่งที่ระบุ หรือส่งออกใหม่จากโปรแกรมที่สร้าง"),
    "no_known_sheet": (
        "no sheet with a known name was found (sheets: {detail})",
        "name the sheets agencies, resources, issues, causes, datasets, areas (or their Thai names); "
        "'abegraph template' writes a ready workbook",
        "ไม่พบชีตที่มีชื่อที่รู้จัก (ชีตที่มี: {detail})",
        "ตั้งชื่อชีตเป็น หน่วยงาน ทรัพยากร ประเด็นปัญหา สาเหตุ ชุดข้อมูล พื้นที่ "
        "หรือใช้ 'abegraph template' สร้างสมุดงานสำเร็จรูป"),
    "unknown_sheet": (
        "the sheet '{value}' was not read: its name is not one of the workbook's sheets",
        "if it holds data, rename it (closest: {candidates}); if it is a note, nothing to do",
        "ไม่ได้อ่านชีต '{value}' เพราะชื่อชีตไม่ตรงกับชีตในแบบฟอร์ม",
        "ถ้าชีตนี้มีข้อมูล ให้เปลี่ยนชื่อ (ใกล้เคียง: {candidates}) ถ้าเป็นบันทึกเพิ่มเติมไม่ต้องทำอะไร"),
    "same_graph": (
        "this file would load into the graph '{value}', like {detail}",
        "rename one of the files, or load them separately with --graph NAME",
        "ไฟล์นี้จะถูกโหลดลงกราฟ '{value}' ซ้ำกับ {detail}",
        "เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือโหลดแยกกันโดยใช้ --graph ชื่อ"),
    "missing_column": (
        "the required column {value} is missing",
        "add a column headed '{value}' (or its Thai heading '{detail}')",
        "ไม่มีคอลัมน์ {value} ที่จำเป็น",
        "เพิ่มคอลัมน์หัวเรื่อง '{detail}' (หรือ '{value}')"),
    "no_header": (
        "no header row was found",
        "put the column headings (e.g. id, name_th) in one row above the data",
        "ไม่พบแถวหัวตาราง",
        "ใส่หัวคอลัมน์ (เช่น รหัส ชื่อหน่วยงาน) ไว้ในแถวเดียวเหนือข้อมูล"),
    "unknown_column": (
        "the column '{value}' is not part of the workbook and was ignored",
        "nothing to do if it is a note; otherwise rename it to a known heading",
        "คอลัมน์ '{value}' ไม่อยู่ในแบบฟอร์ม จึงไม่ได้นำเข้า",
        "ถ้าเป็นหมายเหตุไม่ต้องทำอะไร ถ้าไม่ใช่ ให้เปลี่ยนชื่อเป็นหัวคอลัมน์ที่รู้จัก"),
    "duplicate_column": (
        "the column {value} appears twice",
        "keep one of the two columns",
        "คอลัมน์ {value} ซ้ำกันสองครั้ง",
        "เก็บไว้เพียงคอลัมน์เดียว"),
    "missing_value": (
        "this required cell is empty",
        "fill it in",
        "ช่องนี้ต้องกรอก แต่ว่างอยู่",
        "กรอกข้อมูลในช่องนี้"),
    "duplicate_id": (
        "the id '{value}' is used again (first on row {detail})",
        "give each row its own id",
        "รหัส '{value}' ซ้ำกับแถวอื่น (ครั้งแรกที่แถว {detail})",
        "ให้แต่ละแถวมีรหัสไม่ซ้ำกัน"),
    "unknown_reference": (
        "'{value}' does not match any {detail}",
        "use an id, Thai or English name or abbreviation from that sheet{candidates}",
        "'{value}' ไม่ตรงกับ{detail}ใด ๆ",
        "ใช้รหัส ชื่อไทย ชื่ออังกฤษ หรือชื่อย่อจากชีตนั้น{candidates}"),
    "ambiguous_reference": (
        "'{value}' matches more than one {detail}: {candidates}",
        "use the id instead of the name",
        "'{value}' ตรงกับ{detail}มากกว่าหนึ่งรายการ: {candidates}",
        "ใช้รหัสแทนชื่อ"),
    "not_in_vocabulary": (
        "'{value}' is not one of the allowed values",
        "choose one of: {candidates}",
        "'{value}' ไม่อยู่ในรายการค่าที่กำหนด",
        "เลือกจาก: {candidates}"),
    "free_text_type": (
        "the type '{value}' is not in the list; it is kept as text under 'other'",
        "choose one of: {candidates} if one fits",
        "ประเภท '{value}' ไม่อยู่ในรายการ จึงบันทึกเป็น 'อื่น ๆ' พร้อมข้อความเดิม",
        "ถ้ามีประเภทที่ตรง ให้เลือกจาก: {candidates}"),
    "not_a_number": (
        "'{value}' is not a number",
        "write digits only, e.g. 250000 (no 'บาท', letters or ranges)",
        "'{value}' ไม่ใช่ตัวเลข",
        "ใส่ตัวเลขเท่านั้น เช่น 250000 (ไม่ต้องมีคำว่า บาท หรือช่วงตัวเลข)"),
    "number_exponent": (
        "'{value}' is written with an exponent, which an amount of baht never needs",
        "write the amount in full digits, e.g. 1500000 (Excel shows large numbers as 1.5E+06: "
        "format the cells as Number before saving)",
        "'{value}' เขียนแบบเลขยกกำลัง ซึ่งจำนวนเงินบาทไม่ต้องใช้",
        "ใส่จำนวนเงินเป็นตัวเลขเต็ม เช่น 1500000 (Excel แสดงเลขใหญ่เป็น 1.5E+06 "
        "ให้จัดรูปแบบเซลล์เป็นตัวเลขก่อนบันทึก)"),
    "number_too_large": (
        "'{value}' is larger than any amount of baht abegraph adds up (at most 15 digits before the point)",
        "check the cell for a typing slip or digits pasted twice, and write the amount in baht",
        "'{value}' มากเกินกว่าจำนวนเงินที่ abegraph รวมได้ (ไม่เกิน 15 หลักหน้าจุดทศนิยม)",
        "ตรวจว่าพิมพ์ผิดหรือวางตัวเลขซ้ำหรือไม่ แล้วใส่จำนวนเงินเป็นบาท"),
    "decimal_comma": (
        "'{value}' uses a comma as the decimal point (or points between thousands), so it cannot be "
        "read safely: 1.000,50 would become 1.0005",
        "write a point before the satang and commas only between thousands, e.g. 1,000.50 or 1000.50",
        "'{value}' ใช้จุลภาคเป็นจุดทศนิยม (หรือใช้จุดคั่นหลักพัน) จึงอ่านให้ถูกไม่ได้: 1.000,50 จะกลายเป็น 1.0005",
        "ใช้จุดหน้าสตางค์ และใช้จุลภาคคั่นหลักพันเท่านั้น เช่น 1,000.50 หรือ 1000.50"),
    "negative_number": (
        "'{value}' is below zero",
        "write the amount as a positive number",
        "'{value}' ติดลบ",
        "ใส่จำนวนเงินเป็นค่าบวก"),
    "not_a_bool": (
        "'{value}' is not yes or no",
        "write yes or no (ใช่ / ไม่ใช่)",
        "'{value}' ไม่ใช่ ใช่ หรือ ไม่ใช่",
        "ใส่ ใช่ หรือ ไม่ใช่ (yes / no)"),
    "bad_url": (
        "'{value}' is not a web address",
        "write the full address starting with https:// or http://",
        "'{value}' ไม่ใช่ที่อยู่เว็บ",
        "ใส่ที่อยู่เต็มที่ขึ้นต้นด้วย https:// หรือ http://"),
    "unknown_area": (
        "'{value}' is not a DOPA area code known to the gazetteer or the areas sheet",
        "use the 2-digit province, 4-digit district or 6-digit subdistrict code, e.g. 40 or 4001"
        "{candidates}",
        "'{value}' ไม่ใช่รหัสพื้นที่ของกรมการปกครองที่รู้จัก",
        "ใช้รหัสจังหวัด 2 หลัก อำเภอ 4 หลัก หรือตำบล 6 หลัก เช่น 40 หรือ 4001{candidates}"),
    "abolished_area": (
        "the area code '{value}' was abolished; it was read as {detail}",
        "use the current code {detail}",
        "รหัสพื้นที่ '{value}' ถูกยกเลิกแล้ว จึงอ่านเป็น {detail}",
        "ใช้รหัสปัจจุบัน {detail}"),
    "self_cause": (
        "'{value}' is given as its own cause",
        "a cause and its effect must be two different issues",
        "'{value}' เป็นสาเหตุของตัวเอง",
        "สาเหตุและผลต้องเป็นคนละประเด็นกัน"),
    "bad_polarity": (
        "'{value}' is not a polarity",
        "write + (more of the cause gives more of the effect) or - (more of the cause gives less of it); "
        "เพิ่ม and ลด work too, and an empty cell means +",
        "'{value}' ไม่ใช่ทิศทางที่รู้จัก",
        "ใส่ เพิ่ม (+) ถ้าสาเหตุมากขึ้นแล้วผลมากขึ้น หรือ ลด (-) ถ้าสาเหตุมากขึ้นแล้วผลลดลง "
        "(ใช้ + หรือ - ก็ได้ และเว้นว่างหมายถึง เพิ่ม)"),
    "conflicting_polarity": (
        "this cause -> effect link was given the other polarity on row {detail}",
        "keep one polarity for the link: + (positive) or - (negative)",
        "ความสัมพันธ์เหตุ -> ผลนี้ระบุทิศทางตรงข้ามไว้แล้วที่แถว {detail}",
        "ให้ความสัมพันธ์หนึ่งมีทิศทางเดียว: เพิ่ม (+) หรือ ลด (-)"),
    "citizen_id": (
        "this cell holds what looks like a Thai citizen ID ({value}); abegraph refuses personal "
        "identifiers (PDPA: the graph holds metadata and aggregates, never records about children)",
        "remove the number; describe the dataset that holds such IDs in the datasets sheet instead "
        "(link_keys: citizen_id)",
        "ช่องนี้มีข้อมูลที่ดูเหมือนเลขประจำตัวประชาชน ({value}) abegraph ไม่รับข้อมูลระบุตัวบุคคล "
        "(พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล: กราฟเก็บเฉพาะคำอธิบายข้อมูลและข้อมูลสรุป ไม่เก็บข้อมูลรายบุคคลของเด็ก)",
        "ลบตัวเลขนี้ออก และบันทึกชุดข้อมูลที่มีเลขประจำตัวในชีตชุดข้อมูลแทน (คีย์เชื่อมโยง: citizen_id)"),
    "phone_number": (
        "this cell holds what looks like a mobile phone number ({value}); personal contact details "
        "do not belong in a shared graph (PDPA)",
        "use the agency's office number or website instead",
        "ช่องนี้มีข้อมูลที่ดูเหมือนเบอร์โทรศัพท์มือถือ ({value}) ข้อมูลติดต่อส่วนบุคคลไม่ควรอยู่ในกราฟที่ใช้ร่วมกัน",
        "ใช้เบอร์สำนักงานหรือเว็บไซต์ของหน่วยงานแทน"),
    "citizen_id_name": (
        "{detail} holds what looks like a Thai citizen ID ({value}); it would become part of a graph's "
        "name and labels, and abegraph refuses personal identifiers (PDPA)",
        "remove the number from {detail} (rename the file, folder or sheet, or give another --graph or "
        "--workshop text) and load again",
        "{detail}มีข้อมูลที่ดูเหมือนเลขประจำตัวประชาชน ({value}) ซึ่งจะกลายเป็นส่วนหนึ่งของชื่อและป้ายของกราฟ "
        "abegraph ไม่รับข้อมูลระบุตัวบุคคล (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)",
        "ลบตัวเลขนี้ออกจาก{detail} (เปลี่ยนชื่อไฟล์ โฟลเดอร์หรือชีต หรือใช้ข้อความ --graph หรือ --workshop อื่น) "
        "แล้วโหลดใหม่"),
    "bad_workshop_date": (
        "--workshop-date '{value}' is not a date written as YYYY-MM-DD",
        "give the date as year-month-day in the Western calendar, e.g. --workshop-date 2023-02-04 "
        "(B.E. 2566 is 2023)",
        "--workshop-date '{value}' ไม่ใช่วันที่ในรูปแบบ YYYY-MM-DD",
        "ระบุวันที่เป็น ปี ค.ศ.-เดือน-วัน เช่น --workshop-date 2023-02-04 (พ.ศ. 2566 คือ ค.ศ. 2023)"),
    "citizen_id_rdf": (
        "a triple with predicate {detail} holds what looks like a Thai citizen ID ({value}); abegraph refuses "
        "personal identifiers (PDPA: the graph holds metadata and aggregates, never records about children)",
        "remove the number from the file; describe the dataset that holds such IDs instead (abe:linkKey citizen_id)",
        "ทริปเปิลที่มีเพรดิเคต {detail} มีข้อมูลที่ดูเหมือนเลขประจำตัวประชาชน ({value}) abegraph ไม่รับข้อมูลระบุตัวบุคคล "
        "(พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล: กราฟเก็บเฉพาะคำอธิบายข้อมูลและข้อมูลสรุป ไม่เก็บข้อมูลรายบุคคลของเด็ก)",
        "ลบตัวเลขนี้ออกจากไฟล์ และอธิบายชุดข้อมูลที่มีเลขประจำตัวแทน (abe:linkKey citizen_id)"),
    "phone_number_rdf": (
        "a triple with predicate {detail} holds what looks like a mobile phone number ({value}); personal "
        "contact details do not belong in a shared graph (PDPA)",
        "use the agency's office number or website instead",
        "ทริปเปิลที่มีเพรดิเคต {detail} มีข้อมูลที่ดูเหมือนเบอร์โทรศัพท์มือถือ ({value}) "
        "ข้อมูลติดต่อส่วนบุคคลไม่ควรอยู่ในกราฟที่ใช้ร่วมกัน",
        "ใช้เบอร์สำนักงานหรือเว็บไซต์ของหน่วยงานแทน"),
    "merged_cells": (
        "cells {value} are merged; only the first cell keeps the value",
        "unmerge the cells (Home > Merge & Center) and fill in each row",
        "เซลล์ {value} ถูกผสานไว้ ค่ามีอยู่ในเซลล์แรกเท่านั้น",
        "ยกเลิกการผสานเซลล์ (หน้าแรก > ผสานและจัดกึ่งกลาง) แล้วกรอกทุกแถว"),
    "formula": (
        "the cell holds a formula ({value}) and no saved value",
        "replace the formula by its value (copy, then Paste Special > Values), save and load again",
        "เซลล์นี้เป็นสูตร ({value}) และไม่มีค่าที่บันทึกไว้",
        "แทนสูตรด้วยค่า (คัดลอก แล้ววางแบบพิเศษ > ค่า) บันทึก แล้วโหลดใหม่"),
    "ckan_json": (
        "the file is not valid JSON ({detail})",
        "save the CKAN API answer again exactly as the site sent it, e.g. "
        "curl -o catalog.json 'https://data.go.th/api/3/action/package_search?rows=1000'",
        "ไฟล์นี้ไม่ใช่ JSON ที่ถูกต้อง ({detail})",
        "บันทึกคำตอบของ CKAN API ใหม่ตามที่เว็บไซต์ส่งมา เช่น "
        "curl -o catalog.json 'https://data.go.th/api/3/action/package_search?rows=1000'"),
    "ckan_not_packages": (
        "this is not a CKAN catalogue abegraph can read ({detail})",
        "use the answer of package_search, current_package_list_with_resources or package_show, "
        "a list of packages, or the catalogue's DCAT (/catalog.ttl)",
        "ไฟล์นี้ไม่ใช่บัญชีข้อมูล CKAN ที่ abegraph อ่านได้ ({detail})",
        "ใช้คำตอบของ package_search, current_package_list_with_resources หรือ package_show "
        "รายการชุดข้อมูล หรือไฟล์ DCAT ของบัญชีข้อมูล (/catalog.ttl)"),
    "ckan_partial": (
        "this answer holds {value} of the catalogue's {detail} packages (one page of package_search)",
        "fetch every page (rows=1000&start=0, 1000, 2000 ...) and load each, or use ckanapi dump datasets, "
        "or load the catalogue's DCAT (/catalog.ttl)",
        "คำตอบนี้มีชุดข้อมูล {value} จาก {detail} ชุดของบัญชีข้อมูล (เพียงหนึ่งหน้าของ package_search)",
        "ดึงข้อมูลให้ครบทุกหน้า (rows=1000&start=0, 1000, 2000 ...) แล้วโหลดทีละไฟล์ หรือใช้ ckanapi dump datasets "
        "หรือโหลดไฟล์ DCAT ของบัญชีข้อมูล (/catalog.ttl)"),
    "unknown_frequency": (
        "'{value}' is not an update frequency abegraph knows; it is kept as written",
        "if one fits, use: {candidates}",
        "'{value}' ไม่ใช่ความถี่การปรับปรุงที่ abegraph รู้จัก จึงบันทึกตามที่เขียนไว้",
        "ถ้ามีค่าที่ตรง ให้ใช้: {candidates}"),
    "bad_frequency_interval": (
        "'{value}' is not a number of updates per {detail}; the frequency was read as once per {detail}",
        "write a whole number of times per {detail}, e.g. 2",
        "'{value}' ไม่ใช่จำนวนครั้งต่อ{detail} จึงอ่านความถี่เป็น {detail}ละครั้ง",
        "ใส่จำนวนครั้งต่อ{detail}เป็นตัวเลข เช่น 2"),
    "unknown_catalog_value": (
        "'{value}' has no equivalent in abegraph's {detail} list; the cell was left empty",
        "if one fits, use: {candidates}",
        "'{value}' ไม่มีค่าที่ตรงกันในรายการ{detail}ของ abegraph จึงเว้นว่างไว้",
        "ถ้ามีค่าที่ตรง ให้ใช้: {candidates}"),
    "no_such_file": (
        "there is no such file or folder",
        "check the name and the folder it is in; give the path of an .xlsx workbook, a folder of CSV files, "
        "an RDF file or a CKAN catalogue (.json)",
        "ไม่พบไฟล์หรือโฟลเดอร์นี้",
        "ตรวจชื่อไฟล์และโฟลเดอร์ที่เก็บไฟล์ ระบุที่อยู่ของสมุดงาน .xlsx โฟลเดอร์ไฟล์ CSV ไฟล์ RDF "
        "หรือบัญชีข้อมูล CKAN (.json)"),
    "broken_workbook": (
        "part of the workbook is damaged and cannot be read ({detail})",
        "open it in Excel or LibreOffice, save it again as .xlsx and load the new copy",
        "สมุดงานเสียหายบางส่วน อ่านไม่ได้ ({detail})",
        "เปิดไฟล์ด้วย Excel หรือ LibreOffice บันทึกใหม่เป็น .xlsx แล้วโหลดไฟล์ใหม่นั้น"),
    "too_large": (
        "the file holds more than abegraph reads: {detail}",
        "delete what is not data (empty rows and columns far from the table, stray cells: select them and "
        "press Delete, then save), or split the file into smaller ones",
        "ไฟล์มีข้อมูลเกินกว่าที่ abegraph อ่านได้: {detail}",
        "ลบส่วนที่ไม่ใช่ข้อมูล (แถวและคอลัมน์ว่างที่อยู่ห่างจากตาราง เซลล์ที่พิมพ์ค้างไว้: เลือกแล้วกด Delete "
        "แล้วบันทึก) หรือแบ่งเป็นหลายไฟล์"),
    "xml_entities": (
        "the file declares XML entities ({detail}); abegraph refuses them, since they can expand "
        "without bound or read other files",
        "save the file again from the program that made it (a workbook from Excel or LibreOffice; RDF as "
        "Turtle, or with addresses written in full instead of &entity; references)",
        "ไฟล์นี้ประกาศ XML entity ({detail}) ซึ่ง abegraph ไม่รับ เพราะอาจขยายตัวไม่สิ้นสุดหรืออ่านไฟล์อื่นในเครื่อง",
        "บันทึกไฟล์ใหม่จากโปรแกรมที่สร้าง (สมุดงานจาก Excel หรือ LibreOffice ไฟล์ RDF เป็น Turtle "
        "หรือเขียนที่อยู่เต็มแทนการอ้าง &entity;)"),
    "csv_syntax": (
        "the CSV text cannot be read from line {value} on: {detail}",
        "close the quote mark that opens a cell there (a cell that starts with \" must end with \"), keep each "
        "cell under 131,072 characters, and save again as 'CSV UTF-8'",
        "อ่านข้อความ CSV ตั้งแต่บรรทัด {value} ไม่ได้: {detail}",
        "ปิดเครื่องหมายคำพูดของเซลล์ที่เปิดไว้ตรงนั้น (เซลล์ที่ขึ้นต้นด้วย \" ต้องลงท้ายด้วย \") ให้แต่ละเซลล์ยาวไม่เกิน "
        "131,072 ตัวอักษร แล้วบันทึกใหม่เป็น 'CSV UTF-8'"),
    "sheet_by_headings": (
        "the sheet '{value}' was read as the {detail} sheet, from its headings",
        "rename the sheet {detail} to make this sure",
        "ชีต '{value}' ถูกอ่านเป็นชีต {detail} ตามหัวคอลัมน์",
        "เปลี่ยนชื่อชีตเป็น {detail} เพื่อให้แน่ใจ"),
    "ambiguous_sheet": (
        "the sheet '{value}' has headings that fit more than one sheet ({candidates}), so it was not read",
        "rename the sheet to the one it is ({candidates})",
        "ชีต '{value}' มีหัวคอลัมน์ที่ตรงกับชีตได้มากกว่าหนึ่งแบบ ({candidates}) จึงไม่ได้อ่าน",
        "เปลี่ยนชื่อชีตให้ตรงกับชีตที่ต้องการ ({candidates})"),
    "incomplete_sheet": (
        "the sheet '{value}' looks like the {detail} sheet but has no column {candidates}, which that sheet "
        "requires, so it was not read",
        "add the column {candidates} (abegraph template shows every heading) and name the sheet {detail}",
        "ชีต '{value}' ดูเหมือนชีต {detail} แต่ไม่มีคอลัมน์ {candidates} ซึ่งชีตนั้นต้องมี จึงไม่ได้อ่าน",
        "เพิ่มคอลัมน์ {candidates} (abegraph template แสดงหัวคอลัมน์ทั้งหมด) และตั้งชื่อชีตเป็น {detail}"),
    "second_sheet": (
        "the sheet '{value}' has the headings of the {detail} sheet, but the file has a {detail} sheet "
        "already, so it was not read",
        "copy its rows into the {detail} sheet, or save it as a file of its own and load both",
        "ชีต '{value}' มีหัวคอลัมน์ของชีต {detail} แต่ไฟล์นี้มีชีต {detail} อยู่แล้ว จึงไม่ได้อ่าน",
        "คัดลอกแถวไปไว้ในชีต {detail} หรือบันทึกเป็นไฟล์แยกแล้วโหลดทั้งสองไฟล์"),
    "reserved_graph": (
        "the file writes into the graph {value}, which belongs to abegraph itself",
        "load the file under another name (--graph NAME); a TriG or N-Quads file must not name that graph "
        "(abegraph keeps its journal, vocabulary, matches and analyses itself): remove its quads from the file",
        "ไฟล์นี้เขียนลงกราฟ {value} ซึ่งเป็นกราฟภายในของ abegraph",
        "โหลดไฟล์ด้วยชื่ออื่น (--graph ชื่อ) ไฟล์ TriG หรือ N-Quads ต้องไม่ระบุกราฟนั้น "
        "(abegraph ดูแลบันทึกการโหลด คำศัพท์ การจับคู่ และผลวิเคราะห์เอง) ให้ลบข้อมูลของกราฟนั้นออกจากไฟล์"),
    "skipped_graph": (
        "the quads of the graph {value} were left out: abegraph makes that graph itself",
        "nothing to do; after loading, record the matches again (abegraph link --apply) or save the analyses "
        "again (abegraph analyze --save) if you need them",
        "ไม่ได้โหลดข้อมูลของกราฟ {value} เพราะ abegraph สร้างกราฟนั้นเอง",
        "ไม่ต้องทำอะไร หลังโหลดแล้ว หากต้องการ ให้บันทึกการจับคู่ใหม่ (abegraph link --apply) "
        "หรือบันทึกผลวิเคราะห์ใหม่ (abegraph analyze --save)"),
    "bad_graph_name": (
        "'{value}' cannot name a graph: use letters, digits, '-', '_' or '.', without spaces",
        "load it with --graph {detail}",
        "'{value}' ใช้เป็นชื่อกราฟไม่ได้ ให้ใช้ตัวอักษร ตัวเลข '-' '_' หรือ '.' โดยไม่มีช่องว่าง",
        "โหลดด้วย --graph {detail}"),
    "other_graph": (
        "the file would replace the graph {value}, which another source loaded",
        "load the file into an empty store to restore a backup, remove that source first, or keep only "
        "the file's own graph ({detail}) in it",
        "ไฟล์นี้จะเขียนทับกราฟ {value} ซึ่งเป็นของแหล่งข้อมูลอื่น",
        "โหลดลงคลังข้อมูลว่างหากเป็นการกู้คืนข้อมูลสำรอง ลบแหล่งข้อมูลนั้นก่อน หรือให้ไฟล์มีเฉพาะกราฟของตัวเอง ({detail})"),
    "shacl": (
        "{detail}",
        "correct the value so that it meets the rule",
        "{detail}",
        "แก้ไขค่าให้ตรงตามกฎ"),
}

#: English words that messages put in ``detail``, and their Thai
_THAI_WORDS = {"agency": "หน่วยงาน", "issue or cause": "ประเด็นหรือสาเหตุ", "area": "พื้นที่",
               "granularity": "ระดับข้อมูล", "access": "การเข้าถึง", "link key": "คีย์เชื่อมโยง",
               "the file name": "ชื่อไฟล์", "the folder name": "ชื่อโฟลเดอร์", "the file name in the folder": "ชื่อไฟล์ในโฟลเดอร์",
               "--graph": "ชื่อกราฟ (--graph) ", "--workshop": "ชื่อการประชุม (--workshop) ",
               "--workshop-place": "สถานที่ประชุม (--workshop-place) ", "--workshop-date": "วันที่ประชุม (--workshop-date) ", "the sheet name": "ชื่อชีต"}

#: codes that are reported but do not stop a load
WARNING_CODES = frozenset({"unknown_sheet", "sheet_by_headings", "ckan_partial", "skipped_graph", "unknown_column",
                           "free_text_type", "phone_number", "abolished_area", "unknown_frequency",
                           "unknown_catalog_value", "bad_frequency_interval", "phone_number_rdf"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of one input file."""

    code: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    letter: str = ""
    value: str = ""
    detail: str = ""
    candidates: tuple[str, ...] = ()
    #: the candidates as named in Thai (allowed values by their Thai labels, the closest names in Thai)
    candidates_th: tuple[str, ...] = field(default=(), compare=False)
    #: the message in each language, for problems whose text comes from elsewhere (SHACL)
    text: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def severity(self) -> str:
        return "warning" if self.code in WARNING_CODES else "error"

    def where(self, lang: str = "en") -> str:
        """``file, sheet S, row R, column C (L)`` in the chosen language (in Thai, the column by
        its Thai heading).

        >>> Problem("missing_value", file="kk.xlsx", sheet="resources", row=7, column="held_by", letter="F").where("th")
        'kk.xlsx, ชีต resources, แถว 7, คอลัมน์ หน่วยงานเจ้าของ (F)'
        """
        words = {"en": ("sheet", "row", "column"), "th": ("ชีต", "แถว", "คอลัมน์")}[lang]
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"{words[0]} {self.sheet}")
        if self.row is not None:
            parts.append(f"{words[1]} {self.row}")
        if self.column:
            parts.append(f"{words[2]} {_heading(self.column, lang, self.sheet)}" + (f" ({self.letter})" if self.letter else ""))
        return ", ".join(parts)

    def message(self, lang: str = "en") -> str:
        """What is wrong, in English (``en``) or Thai (``th``)."""
        if lang in self.text:
            return self.text[lang]
        en, _, th, _ = MESSAGES[self.code]
        return self._fill(th if lang == "th" else en, lang)

    def fix(self, lang: str = "en") -> str:
        """How to put it right."""
        _, en, _, th = MESSAGES[self.code]
        return self._fill(th if lang == "th" else en, lang)

    def describe(self, lang: str = "en") -> str:
        """One line: where, what, and the fix."""
        fix_word = "วิธีแก้" if lang == "th" else "Fix"
        where = self.where(lang)
        return f"{where + ': ' if where else ''}{self.message(lang)}. {fix_word}: {self.fix(lang)}."

    def _fill(self, template: str, lang: str) -> str:
        candidates = ", ".join(self.candidates_th if lang == "th" and self.candidates_th else self.candidates)
        detail = _THAI_WORDS.get(self.detail, self.detail) if lang == "th" else self.detail
        if self.code in ("unknown_reference", "unknown_area") and self.candidates:
            candidates = ("; closest: " if lang == "en" else " ที่ใกล้เคียง: ") + candidates
        return template.format(value=self.value, detail=detail, candidates=candidates)

    def in_row(self, lang: str = "en") -> str:
        """What is wrong with one cell of a row and how to fix it, for a rejects file: the column
        (by its heading in ``lang``), the message and the fix.

        >>> Problem("not_a_number", sheet="resources", row=4, column="amount_thb", value="สองแสน").in_row("th")
        "งบประมาณ (บาท): 'สองแสน' ไม่ใช่ตัวเลข วิธีแก้: ใส่ตัวเลขเท่านั้น เช่น 250000 (ไม่ต้องมีคำว่า บาท หรือช่วงตัวเลข)"
        """
        column = _heading(self.column, lang, self.sheet) if self.column else ""
        fix_word = "วิธีแก้" if lang == "th" else "Fix"
        stop = " " if lang == "th" else ". "
        return f"{column + ': ' if column else ''}{self.message(lang)}{stop}{fix_word}: {self.fix(lang)}"

    def as_row(self, lang: str = "en") -> dict:
        """The problem as a flat dict, for CSV and JSON reports."""
        return {"severity": self.severity, "code": self.code, "file": self.file,
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "message": self.message(lang), "fix": self.fix(lang)}


def _heading(column: str, lang: str, sheet: str = "") -> str:
    """A column key as the workbook heads it in ``lang``: in Thai, the Thai heading of that
    column of ``sheet`` (or of the first sheet that has it); otherwise the key itself."""
    if lang != "th":
        return column
    key = sheet_key(sheet) if sheet else None
    for candidate in ([SHEETS[key]] if key else []) + list(SHEETS.values()):
        for col in candidate.columns:
            if col.key == column:
                return col.heading_th
    return column


def row_reasons(problems, lang: str = "en") -> str:
    """Why a row was left out: each of its errors, in ``lang``, one per line.

    >>> print(row_reasons([Problem("missing_value", column="held_by"), Problem("free_text_type", value="x")], "en"))
    held_by: this required cell is empty. Fix: fill it in
    """
    return "\n".join(p.in_row(lang) for p in problems if p.severity == "error")


@dataclass
class Report:
    """Everything found while reading, checking and loading a batch of files."""

    problems: list[Problem] = field(default_factory=list)
    #: graph name -> number of triples loaded (or that would be loaded)
    graphs: dict[str, int] = field(default_factory=dict)
    #: sheet key -> number of rows accepted
    accepted: dict[str, int] = field(default_factory=dict)
    #: rejected rows as (file, sheet, row number, {heading: value as written}, the row's problems)
    rejected: list[tuple[str, str, int, dict, tuple[Problem, ...]]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)


@dataclass
class Converted:
    """What checking and converting a batch's rows gives (:func:`~abegraph.loaders.convert.convert_sources`):
    the quads of each source (in the default graph: a load puts them in the source's), where
    each entity came from, and the report. A batch of files of triples alone has no rows, and
    its load does not import the converter."""

    quads: dict[str, list] = field(default_factory=dict)
    #: entity IRI -> (file, sheet name, row number), for locating SHACL results
    origin: dict = field(default_factory=dict)
    #: (file, sheet name, row number) -> the row, for rejects
    rows: dict = field(default_factory=dict)
    report: Report = field(default_factory=Report)
