"""Synthetic provinces that follow the workbook contract, for benchmarks.

Everything is drawn from ``random.Random`` seeded by ``(seed, province code)``, so a province
is the same on every run and on every machine (given the same geothai data and vocabulary).
Province codes, districts and subdistricts are real (DOPA, via ``geothai``); agencies are
built from the real kinds of offices a province has (ศธจ., สพป. เขต n, สพม., อบจ., อบต.,
เทศบาลตำบล, schools, ศพด., รพ.สต., สกร.อำเภอ ...); resources, datasets and causal links are
**illustrative**: they look like what a workshop records, they are not a record of any real
agency's holdings.

What a province holds (per the contract in ``loaders/schema.py``):

* agencies: 9 national agencies (the same rows in every province, fixed ids such as ``EEF``),
  about 16 provincial offices (ids ``PEO-40``, ``ESAO-40-1`` ...) and local agencies (ids
  ``SAO-400105``, ``SCH-40-0007`` ...): about 40 + 4.5 per district in all (40–150; Mae Hong Son,
  7 districts, about 70; Khon Kaen, 26 districts, about 150), which makes the 77 provinces about
  1M triples (``SCALES``: 8 provinces ≈ 97,000 triples, 77 ≈ 995,000);
* resources: 5–10 per agency over the four dimensions, held by the agency (sometimes with a
  co-holder), shared with its parent, its district's agencies or provincial offices, and
  addressing issues and causes I01–I17 / C01–C22 of the bundled vocabulary;
* datasets: about one for every two agencies, with link keys, granularity, personal data;
* causes: 25–45 cause → effect links drawn from the links the demo province documents;
* areas: the province and its districts (as the demo has them).

References to agencies use the id, or the abbreviation or Thai name when that name is unique
in the whole nation (national agencies, offices named after the province), so that many
provinces can be converted together without ambiguous references.

Command line::

    python -m bench.synthetic --provinces 77 --out bench/out/
    python -m bench.synthetic --scale 100k --scale 1m --xlsx-rows 10000 --out bench/out/

Example
-------
>>> from bench.synthetic import generate_province
>>> p = generate_province("40", seed=1)
>>> 40 <= len(p.rows["agencies"]) <= 150 and p.rows["agencies"][0]["id"]
'EEF'
>>> p.rows == generate_province("40", seed=1).rows      # deterministic
True
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import geothai

from abegraph.loaders.schema import SHEETS

__all__ = ["Province", "generate_province", "province_order", "write_province_csv", "write_workbook_rows",
           "write_nation_nt", "SCALES", "main"]

#: named scales: number of provinces (of the seeded order) converted into one N-Triples file
SCALES = {"100k": 8, "1m": 77}
DEFAULT_SEED = 1
#: local agencies added per district (tuned so that the 77 provinces give about 1M triples)
AGENCIES_PER_DISTRICT = 4.5

# --- national agencies: the same rows in every province ---------------------------------------
#: id, name_th, name_en, abbreviations, type, parent, website
NATIONAL = [
    ("EEF", "กองทุนเพื่อความเสมอภาคทางการศึกษา", "Equitable Education Fund", "กสศ.;EEF", "fund", "",
     "https://www.eef.or.th"),
    ("MOE", "กระทรวงศึกษาธิการ", "Ministry of Education", "ศธ.;MOE", "government office", "", "https://www.moe.go.th"),
    ("OBEC", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "Office of the Basic Education Commission", "สพฐ.;OBEC",
     "education office", "MOE", "https://www.obec.go.th"),
    ("DLA", "กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "สถ.;DLA",
     "government office", "", "https://www.dla.go.th"),
    ("DOPA", "กรมการปกครอง", "Department of Provincial Administration", "ปค.;DOPA", "government office", "",
     "https://www.dopa.go.th"),
    ("MSDHS", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "Ministry of Social Development and Human Security",
     "พม.;MSDHS", "government office", "", "https://www.m-society.go.th"),
    ("DCY", "กรมกิจการเด็กและเยาวชน", "Department of Children and Youth", "ดย.;DCY", "government office",
     "MSDHS", "https://www.dcy.go.th"),
    ("DOH", "กรมอนามัย กระทรวงสาธารณสุข", "Department of Health, Ministry of Public Health", "กรมอนามัย;DOH",
     "government office", "", "https://www.anamai.moph.go.th"),
    ("NSO", "สำนักงานสถิติแห่งชาติ", "National Statistical Office", "สสช.;NSO", "government office", "",
     "https://www.nso.go.th"),
]

# --- provincial offices: kind, id pattern, name_th, name_en, abbreviation, type, parent, probability
# {P} Thai province name, {E} English province name, {p} province code
PROVINCIAL = [
    ("peo", "PEO-{p}", "สำนักงานศึกษาธิการจังหวัด{P}", "{E} Provincial Education Office", "ศธจ.{P}",
     "education office", "MOE", 1.0),
    ("sesao", "SESAO-{p}", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา{P}", "{E} Secondary Educational Service Area Office",
     "สพม.{P}", "education office", "OBEC", 1.0),
    ("pao", "PAO-{p}", "องค์การบริหารส่วนจังหวัด{P}", "{E} Provincial Administrative Organization", "อบจ.{P}",
     "local government", "DLA", 1.0),
    ("dla", "DLA-{p}", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{P}", "{E} Provincial Office of Local Administration",
     "สถจ.{P}", "government office", "DLA", 1.0),
    ("msdhs", "MSDHS-{p}", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{P}",
     "{E} Provincial Office of Social Development and Human Security", "พมจ.{P}", "government office", "MSDHS", 1.0),
    ("pho", "PHO-{p}", "สำนักงานสาธารณสุขจังหวัด{P}", "{E} Provincial Public Health Office", "สสจ.{P}",
     "government office", "", 1.0),
    ("dole", "DOLE-{p}", "สำนักงานส่งเสริมการเรียนรู้ประจำจังหวัด{P}", "{E} Provincial Learning Encouragement Office",
     "สกร.จังหวัด{P}", "education office", "MOE", 1.0),
    ("sec", "SEC-{p}", "ศูนย์การศึกษาพิเศษประจำจังหวัด{P}", "{E} Special Education Centre", "ศูนย์การศึกษาพิเศษ{P}",
     "education office", "MOE", 0.9),
    ("cfh", "CFH-{p}", "บ้านพักเด็กและครอบครัวจังหวัด{P}", "{E} Children and Family Shelter", "บพด.{P}",
     "government office", "DCY", 0.9),
    ("juv", "JUV-{p}", "สถานพินิจและคุ้มครองเด็กและเยาวชนจังหวัด{P}", "{E} Juvenile Observation and Protection Centre",
     "สถานพินิจ{P}", "government office", "", 0.8),
    ("nso", "NSO-{p}", "สำนักงานสถิติจังหวัด{P}", "{E} Provincial Statistical Office", "สนง.สถิติจังหวัด{P}",
     "government office", "NSO", 0.8),
    ("cdd", "CDD-{p}", "สำนักงานพัฒนาชุมชนจังหวัด{P}", "{E} Provincial Community Development Office", "พช.{P}",
     "government office", "", 0.7),
    ("youth", "YOUTH-{p}", "สภาเด็กและเยาวชนจังหวัด{P}", "{E} Provincial Children and Youth Council", "สภาเด็กฯ {P}",
     "civil society", "", 0.9),
    ("ru", "RU-{p}", "มหาวิทยาลัยราชภัฏ{P}", "{E} Rajabhat University", "มรภ.{P}", "university", "", 0.4),
    ("foundation", "FDN-{p}", "มูลนิธิเพื่อเด็กและเยาวชน{P}", "{E} Foundation for Children and Youth", "มูลนิธิเด็ก{P}",
     "foundation", "", 0.5),
    ("company", "CO-{p}", "บริษัท {P}พัฒนาเมือง จำกัด", "{E} City Development Co., Ltd.", "{P}พัฒนาเมือง",
     "company", "", 0.25),
]

# local agency kinds and their weights
LOCAL_KINDS = [("school", 34), ("sao", 20), ("cdc", 10), ("hph", 10), ("tm", 8), ("school2", 6),
               ("dole_district", 6), ("district_office", 4), ("temple", 2)]

_VILLAGE_HEAD = ["หนอง", "โนน", "โคก", "ดอน", "นา", "ห้วย", "ท่า", "บึง", "ป่า", "ทุ่ง", "วัง", "หัวนา", "สระ", "บ่อ"]
_VILLAGE_TAIL = ["แดง", "ใหญ่", "ยาง", "บัว", "คำ", "ทอง", "สวรรค์", "เจริญ", "งาม", "ใหม่", "สะอาด", "หว้า",
                 "ม่วง", "ขาม", "ไผ่", "เรือ", "กุง", "แสง", "โพธิ์", "ตาล"]
_VILLAGE_HEAD_EN = {"หนอง": "Nong", "โนน": "Non", "โคก": "Khok", "ดอน": "Don", "นา": "Na", "ห้วย": "Huai",
                    "ท่า": "Tha", "บึง": "Bueng", "ป่า": "Pa", "ทุ่ง": "Thung", "วัง": "Wang", "หัวนา": "Hua Na",
                    "สระ": "Sa", "บ่อ": "Bo"}
_VILLAGE_TAIL_EN = {"แดง": "Daeng", "ใหญ่": "Yai", "ยาง": "Yang", "บัว": "Bua", "คำ": "Kham", "ทอง": "Thong",
                    "สวรรค์": "Sawan", "เจริญ": "Charoen", "งาม": "Ngam", "ใหม่": "Mai", "สะอาด": "Sa-at",
                    "หว้า": "Wa", "ม่วง": "Muang", "ขาม": "Kham", "ไผ่": "Phai", "เรือ": "Ruea", "กุง": "Kung",
                    "แสง": "Saeng", "โพธิ์": "Pho", "ตาล": "Tan"}

# --- resources -------------------------------------------------------------------------------
# dimension, type, name_th, name_en, addresses, target groups, amount range (baht) or None, groups
# groups: edu (schools, education offices), local (local governments), social, health, stat, any
# {o} agency short name (Thai), {oe} English, {a} area name (Thai)
RESOURCES = [
    ("data", "other", "ระบบข้อมูลนักเรียนรายบุคคล (DMC) {o}", "Individual student records (DMC), {oe}",
     "I02;I03;I06", "school age", None, "edu national"),
    ("data", "other", "ข้อมูลคัดกรองนักเรียนยากจน (แบบ นร.01) {o}", "Poverty screening records, {oe}",
     "I05;C01;C19", "poor students", None, "edu national"),
    ("data", "other", "ข้อมูลการเยี่ยมบ้านนักเรียน {o}", "Teacher home-visit records, {oe}",
     "I03;C02;C16;C18", "school age;parents and caregivers", None, "edu"),
    ("data", "other", "ข้อมูลเด็กนอกระบบการศึกษาในพื้นที่{a}", "Out-of-school children in {ae}",
     "I01;I02;C11", "out-of-school youth", None, "edu local"),
    ("data", "other", "ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) {a}", "Basic minimum needs survey (BMN), {ae}",
     "I04;C01;C15", "parents and caregivers", None, "local stat"),
    ("data", "other", "ทะเบียนเด็กปฐมวัยในพื้นที่{a}", "Early childhood register, {ae}",
     "I09;C16", "early childhood", None, "local health"),
    ("data", "other", "ข้อมูลภาวะโภชนาการและพัฒนาการเด็ก {o}", "Child nutrition and development data, {oe}",
     "I08;I09;C17", "early childhood", None, "health"),
    ("data", "other", "ทะเบียนเด็กพิการและเด็กที่มีความต้องการพิเศษ {o}", "Register of children with disabilities, {oe}",
     "I06;C07", "children with disabilities", None, "edu social"),
    ("data", "other", "ข้อมูลเด็กและครอบครัวเปราะบาง {o}", "Vulnerable children and families, {oe}",
     "I12;C02;C22", "parents and caregivers", None, "social"),
    ("data", "other", "สถิติประชากรเด็กและเยาวชนจังหวัด{P}", "Child and youth population statistics, {E}",
     "I01;C04", "school age;youth", None, "stat national"),
    ("operations", "budget", "เงินอุดหนุนอาหารกลางวันนักเรียน {o}", "School lunch subsidy, {oe}",
     "I08;C17", "school age", (200_000, 4_000_000), "edu local"),
    ("operations", "budget", "ทุนเสมอภาคสำหรับนักเรียนยากจนพิเศษ", "Equity grants for extremely poor students",
     "I05;C01;C14", "poor students", (500_000, 20_000_000), "edu national"),
    ("operations", "budget", "งบประมาณโครงการป้องกันเด็กออกกลางคัน {o}", "Dropout-prevention project budget, {oe}",
     "I02;I03", "school age", (50_000, 1_500_000), "edu local"),
    ("operations", "budget", "กองทุนหลักประกันสุขภาพระดับตำบล{a}", "Subdistrict health security fund, {ae}",
     "I09;C06", "early childhood;parents and caregivers", (100_000, 2_000_000), "local health"),
    ("operations", "budget", "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด", "Child support grant",
     "C01;I09", "early childhood", (1_000_000, 50_000_000), "social national"),
    ("operations", "budget", "งบพัฒนาศูนย์พัฒนาเด็กเล็ก {o}", "Child development centre budget, {oe}",
     "I09;C16", "early childhood", (100_000, 3_000_000), "local"),
    ("operations", "budget", "ทุนการศึกษาต่อเนื่องสำหรับเยาวชนนอกระบบ {o}", "Continuing-education scholarships, {oe}",
     "I01;I04;C01", "out-of-school youth;youth", (50_000, 2_000_000), "local social"),
    ("operations", "personnel", "ครูการศึกษานอกโรงเรียน {o}", "Non-formal education teachers, {oe}",
     "I01;I02;I04", "out-of-school youth", None, "edu"),
    ("operations", "personnel", "นักจิตวิทยาโรงเรียนและครูแนะแนว {o}", "School psychologists and counsellors, {oe}",
     "I03;I12;C22", "school age", None, "edu"),
    ("operations", "personnel", "นักสังคมสงเคราะห์ {o}", "Social workers, {oe}",
     "I12;I16;C02", "parents and caregivers", None, "social"),
    ("operations", "personnel", "ครูผู้ดูแลเด็กประจำศูนย์พัฒนาเด็กเล็ก {o}", "Child development centre caregivers, {oe}",
     "I09;C16", "early childhood", None, "local"),
    ("operations", "volunteer network", "อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) {a}", "Village health volunteers, {ae}",
     "I07;I09;C06", "parents and caregivers", None, "health local"),
    ("operations", "volunteer network", "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) {a}",
     "Social development volunteers, {ae}", "I12;I16;C22", "parents and caregivers", None, "social local"),
    ("operations", "volunteer network", "เครือข่ายผู้ปกครองและชุมชน {o}", "Parent and community network, {oe}",
     "I03;C15;C16", "parents and caregivers", None, "edu any"),
    ("operations", "facility", "รถรับส่งนักเรียน {o}", "School transport, {oe}",
     "C10;I02", "school age", None, "edu local"),
    ("operations", "facility", "ห้องสมุดและศูนย์การเรียนรู้ชุมชน{a}", "Community library and learning centre, {ae}",
     "I17;I01", "school age;youth", None, "local edu"),
    ("operations", "facility", "หอพักนักเรียนพื้นที่ห่างไกล {o}", "Boarding house for remote students, {oe}",
     "C10;I04", "school age", None, "edu"),
    ("operations", "organisation", "ศูนย์ช่วยเหลือสังคม {o}", "Social assistance centre, {oe}",
     "I12;I16;C22", "parents and caregivers", None, "social"),
    ("operations", "organisation", "ศูนย์การเรียนรู้สำหรับเด็กพิการ {o}", "Learning centre for children with disabilities, {oe}",
     "I06;C07", "children with disabilities", None, "edu"),
    ("operations", "organisation", "คณะทำงานติดตามเด็กนอกระบบระดับอำเภอ {a}", "District out-of-school tracking team, {ae}",
     "I01;I02", "out-of-school youth", None, "edu local"),
    ("knowledge", "curriculum", "หลักสูตรการศึกษานอกระบบระดับการศึกษาขั้นพื้นฐาน {o}",
     "Non-formal basic education curriculum, {oe}", "I01;I04", "out-of-school youth;youth", None, "edu"),
    ("knowledge", "curriculum", "หลักสูตรฝึกอาชีพระยะสั้นสำหรับเยาวชน {o}", "Short vocational courses for youth, {oe}",
     "I13;C05;I04", "youth", None, "edu local social"),
    ("knowledge", "curriculum", "หลักสูตรท้องถิ่น{a}", "Local curriculum, {ae}",
     "I17;C12", "school age", None, "edu"),
    ("knowledge", "innovation", "นวัตกรรมการสอนอ่านเขียนภาษาไทย {o}", "Thai literacy teaching innovation, {oe}",
     "I17", "school age;teachers", None, "edu"),
    ("knowledge", "innovation", "ระบบดูแลช่วยเหลือนักเรียน {o}", "Student care and support system, {oe}",
     "I03;C02;C11", "school age;teachers", None, "edu"),
    ("knowledge", "innovation", "คู่มือเฝ้าระวังและส่งเสริมพัฒนาการเด็กปฐมวัย (DSPM)", "Developmental surveillance manual (DSPM)",
     "I09;C16", "early childhood;parents and caregivers", None, "health national"),
    ("knowledge", "innovation", "การเรียนรู้ยืดหยุ่นเพื่อเด็กที่ต้องทำงาน {o}", "Flexible learning for working children, {oe}",
     "I01;I13;C05", "out-of-school youth", None, "edu social"),
    ("knowledge", "other", "งานวิจัยสถานการณ์เด็กและเยาวชนจังหวัด{P}", "Study of the situation of children and youth in {E}",
     "I01;I03;C01", "school age;youth", None, "any national"),
    ("policy", "policy", "แผนพัฒนาการศึกษาจังหวัด{P}", "{E} education development plan",
     "I01;I02;I17", "school age", None, "edu"),
    ("policy", "policy", "ข้อบัญญัติและแผนพัฒนาท้องถิ่นด้านเด็กและเยาวชน {o}", "Local ordinance and plan for children, {oe}",
     "I09;I03;C01", "early childhood;school age", None, "local"),
    ("policy", "policy", "ธรรมนูญตำบลว่าด้วยการคุ้มครองเด็ก {a}", "Subdistrict charter on child protection, {ae}",
     "I12;I07;C08", "school age;parents and caregivers", None, "local"),
    ("policy", "policy", "มาตรการโรงเรียนปลอดภัยและไม่ผลักเด็กออก {o}", "Safe-school and no-push-out measures, {oe}",
     "C11;I02;I15", "school age", None, "edu"),
    ("policy", "mou", "บันทึกข้อตกลงความร่วมมือการจัดการศึกษาเชิงพื้นที่ จังหวัด{P}",
     "Area-based education MOU, {E}", "I01;I02;I03", "school age;out-of-school youth", None, "any national"),
    ("policy", "mou", "บันทึกข้อตกลงการส่งต่อเด็กนอกระบบกลับเข้าเรียน {o}", "Referral MOU for out-of-school children, {oe}",
     "I01;C11;C14", "out-of-school youth", None, "edu local social"),
    ("policy", "other", "ทุนทางสังคม: วัดและผู้นำชุมชน{a}", "Social capital: temples and community leaders, {ae}",
     "C02;C15;I15", "parents and caregivers;youth", None, "local any"),
]
#: agency kind -> the resource groups it draws from
KIND_GROUPS = {
    "national": {"national"}, "peo": {"edu", "any"}, "esao": {"edu", "any"},
    "sesao": {"edu", "any"}, "pao": {"local", "edu", "any"}, "dla": {"local", "any"}, "msdhs": {"social", "any"},
    "pho": {"health", "any"}, "dole": {"edu", "any"}, "sec": {"edu"}, "cfh": {"social"}, "juv": {"social"},
    "nso": {"stat"}, "cdd": {"local", "stat", "any"}, "youth": {"social", "any"}, "ru": {"edu", "any"},
    "foundation": {"social", "edu", "any"}, "company": {"any", "social"}, "sao": {"local", "any"},
    "tm": {"local", "any"}, "city": {"local", "edu", "any"}, "school": {"edu"}, "school2": {"edu"},
    "cdc": {"local", "health"}, "hph": {"health"}, "dole_district": {"edu"}, "district_office": {"local", "any"},
    "temple": {"social", "any"}, "bkk_district": {"local", "social", "any"},
}
_DIMENSION_SPELLINGS = {
    "data": ["data", "data", "data", "1", "ข้อมูล/สารสนเทศ", "ด้านข้อมูล/สารสนเทศ"],
    "operations": ["operations", "operations", "2", "การดำเนินงาน", "ด้านการดำเนินงาน (งบประมาณ คน หน่วยงาน องค์กร)"],
    "knowledge": ["knowledge", "knowledge", "3", "องค์ความรู้/ชุดความรู้/นวัตกรรม"],
    "policy": ["policy", "policy", "4", "นโยบาย/ทุนทางสังคม"],
}
_FREE_TYPES = ["ทุนการศึกษา", "ระบบสารสนเทศ", "กิจกรรมค่าย", "เครือข่ายครู"]
_ISSUE_POPULARITY = (["I01"] * 6 + ["I02"] * 6 + ["I03"] * 5 + ["I05"] * 4 + ["C01"] * 5 + ["C02"] * 3
                     + [f"I{n:02d}" for n in range(4, 18)] + [f"C{n:02d}" for n in range(3, 23)])

# --- datasets ---------------------------------------------------------------------------------
# title_th, title_en, link keys, granularity, personal, frequency, formats, access, addresses, groups
DATASETS = [
    ("ข้อมูลนักเรียนรายบุคคล {o}", "Individual student records, {oe}", "citizen_id;g_code;school_code", "person", True,
     "รายภาคเรียน", "web system", "restricted", "I02;I03;I06", "edu national"),
    ("จำนวนนักเรียนจำแนกตามชั้น เพศ รายโรงเรียน {o}", "Enrolment by grade and sex per school, {oe}",
     "school_code;area_code", "school", False, "รายภาคเรียน", "xlsx;web system", "open", "I02", "edu"),
    ("ผลการคัดกรองนักเรียนยากจน {o}", "Poverty screening results, {oe}", "citizen_id;school_code", "person", True,
     "รายภาคเรียน", "web system", "restricted", "I05;C01", "edu national"),
    ("ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) ระดับครัวเรือน {a}", "Basic minimum needs, household level, {ae}",
     "household_id;area_code", "household", True, "yearly", "web system;xlsx", "on request", "C01;I04", "local stat"),
    ("สถิติประชากรเด็กและเยาวชนรายตำบล {a}", "Child and youth population by subdistrict, {ae}", "area_code",
     "subdistrict", False, "yearly", "csv;xlsx", "open", "I01", "stat local"),
    ("ทะเบียนเด็กปฐมวัยและผลประเมินพัฒนาการ {o}", "Early childhood register and screening results, {oe}",
     "citizen_id;area_code", "person", True, "รายเดือน", "web system", "restricted", "I09;C16", "health local"),
    ("รายงานภาวะโภชนาการเด็กรายอำเภอ {o}", "Child nutrition report by district, {oe}", "area_code", "district",
     False, "รายไตรมาส", "xlsx;PDF", "open", "I08;C17", "health"),
    ("ทะเบียนเด็กพิการ {o}", "Register of children with disabilities, {oe}", "citizen_id", "person", True,
     "yearly", "xlsx", "restricted", "I06;C07", "edu social"),
    ("ข้อมูลเด็กในความดูแลและครอบครัวเปราะบาง {o}", "Children in care and vulnerable families, {oe}",
     "citizen_id;household_id", "household", True, "รายเดือน", "web system", "restricted", "I12;I16;C22", "social"),
    ("ข้อมูลโรงเรียนและสถานศึกษา {o}", "Schools and learning centres, {oe}", "school_code;area_code", "school",
     False, "yearly", "csv;API", "open", "I17", "edu"),
    ("สรุปจำนวนเด็กนอกระบบการศึกษาจังหวัด{P}", "Out-of-school children in {E}, summary", "area_code", "province",
     False, "yearly", "PDF;xlsx", "open", "I01;I02", "edu stat any national"),
]
_LANDING = ["https://data.go.th/dataset/{slug}", "https://{slug}.go.th/data", "https://catalog.{slug}.go.th"]

# --- causes: the links the demo province documents, by id (cause, effect) --------------------
CAUSAL_LINKS = [
    ("C01", "I01"), ("C02", "I01"), ("C11", "I01"), ("C14", "I01"), ("C06", "I01"), ("C09", "I01"), ("I14", "I01"),
    ("C01", "I02"), ("C02", "I02"), ("C03", "I02"), ("C04", "I02"), ("C05", "I02"), ("C06", "I02"), ("C07", "I02"),
    ("C08", "I02"), ("C10", "I02"), ("C11", "I02"), ("C12", "I02"), ("C13", "I02"), ("C21", "I02"), ("I07", "I02"),
    ("C01", "I03"), ("C03", "I03"), ("C02", "I03"), ("C01", "I04"), ("C05", "I04"), ("C21", "I04"), ("C01", "I05"),
    ("C19", "I05"), ("C18", "I05"), ("C17", "I08"), ("C01", "I08"), ("C15", "I08"), ("C01", "I09"), ("C15", "I09"),
    ("C16", "I09"), ("C17", "I09"), ("C18", "I09"), ("C20", "I09"), ("C01", "I10"), ("C04", "I10"), ("C03", "I10"),
    ("C09", "I11"), ("C22", "I12"), ("C03", "I12"), ("C01", "I13"), ("C05", "I13"), ("C15", "I14"), ("C02", "I16"),
    ("C18", "I16"), ("C01", "I17"), ("C15", "I17"), ("I03", "I02"), ("I05", "I03"), ("I02", "C01"), ("I01", "C15"),
]
_EVIDENCE = [
    "ข้อสรุปจากเวทีคณะทำงานการศึกษาเชิงพื้นที่จังหวัด{P} ปี {y}",
    "รายงานสถานการณ์เด็กและเยาวชนจังหวัด{P} ปี {y} (illustrative)",
    "ผลการเยี่ยมบ้านนักเรียน ปีการศึกษา {y} จังหวัด{P}",
    "Workshop notes, {E} ABE working group, {y}",
]


@dataclass
class Agency:
    id: str
    kind: str
    name_th: str
    name_en: str
    abbreviations: list[str]
    type: str
    parent: str
    district: str  # DOPA district code
    subdistrict: str = ""  # DOPA subdistrict code, local agencies only
    website: str = ""
    #: a name by which other rows may refer to it without ambiguity in the whole nation
    unique_name: str = ""

    @property
    def short(self) -> str:
        return self.abbreviations[0] if self.abbreviations else self.name_th


@dataclass
class Province:
    """One synthetic province: its rows by sheet key, as ``{column key: text}``."""

    code: str
    name_th: str
    name_en: str
    rows: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return f"{self.code}-" + re.sub(r"[^a-z0-9]+", "-", self.name_en.lower()).strip("-")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())[:20] or "agency"


def province_order(seed: int = DEFAULT_SEED) -> list[str]:
    """All 77 province codes in a seeded order; a scale of N provinces takes the first N."""
    codes = sorted(p.code for p in geothai.provinces())
    random.Random(f"abegraph-bench-order-{seed}").shuffle(codes)
    return codes


def _village(rng: random.Random) -> tuple[str, str]:
    head, tail = rng.choice(_VILLAGE_HEAD), rng.choice(_VILLAGE_TAIL)
    return head + tail, f"{_VILLAGE_HEAD_EN[head]} {_VILLAGE_TAIL_EN[tail]}"


def _agencies(code: str, prov, districts, subdistricts, rng: random.Random, n_agencies: int) -> list[Agency]:
    P, E = prov.name_th, prov.name_en
    mueang = districts[0].code
    out: list[Agency] = []
    for id_, th, en, abbr, type_, parent, web in NATIONAL:
        abbrs = abbr.split(";")
        out.append(Agency(id_, "national", th, en, abbrs, type_, parent, "", website=web, unique_name=abbrs[0]))
    bangkok = code == "10"
    for kind, id_, th, en, abbr, type_, parent, prob in PROVINCIAL:
        if rng.random() > prob:
            continue
        if bangkok and kind == "pao":
            out.append(Agency("BMA", "city", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", ["กทม.", "BMA"],
                              "local government", "", "1001", website="https://www.bangkok.go.th",
                              unique_name="กทม."))
            continue
        a_th = abbr.format(P=P)
        web = f"https://{_slug(kind + E)}.go.th" if rng.random() < 0.5 and type_ != "company" else ""
        out.append(Agency(id_.format(p=code), kind, th.format(P=P), en.format(E=E), [a_th], type_, parent, mueang,
                          website=web, unique_name=a_th))
    # primary educational service area offices: one per ~6 districts, at most 5 (none in Bangkok)
    zones = 0 if bangkok else max(1, min(5, round(len(districts) / 6)))
    zone_of = {}
    for i, d in enumerate(districts):
        zone_of[d.code] = 1 + (i * zones // len(districts)) if zones else 0
    for n in range(1, zones + 1):
        first = next(d for d in districts if zone_of[d.code] == n)
        name = f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{P} เขต {n}"
        abbr = f"สพป.{P} เขต {n}"
        out.append(Agency(f"ESAO-{code}-{n}", "esao", name, f"{E} Primary Educational Service Area Office {n}",
                          [abbr], "education office", "OBEC", first.code,
                          website=f"https://www.{_slug(E)}{n}.go.th" if rng.random() < 0.6 else "", unique_name=abbr))
    # a city municipality in the capital district
    if not bangkok:
        city = f"เทศบาลนคร{P}" if len(subdistricts[mueang]) > 12 else f"เทศบาลเมือง{P}"
        abbr = ("ทน." if "นคร" in city[:9] else "ทม.") + P
        out.append(Agency(f"CITY-{code}", "city", city, f"{E} City Municipality", [abbr], "local government",
                          f"DLA-{code}" if any(a.id == f"DLA-{code}" for a in out) else "DLA", mueang,
                          website=f"https://www.{_slug(E)}city.go.th" if rng.random() < 0.7 else "",
                          unique_name=abbr))
    # local agencies up to the target
    ids = {a.id for a in out}
    present = {a.kind for a in out}
    schools = 0
    district_weights = [3 if i == 0 else 1 for i in range(len(districts))]
    kinds, weights = zip(*LOCAL_KINDS)
    attempts = 0
    while len(out) < n_agencies and attempts < n_agencies * 20:
        attempts += 1
        d = rng.choices(districts, district_weights)[0]
        subs = subdistricts[d.code]
        if not subs:
            continue
        s = rng.choice(subs)
        kind = rng.choices(kinds, weights)[0]
        dname, dname_en = d.name_th, d.name_en
        district_word = "" if bangkok else "อำเภอ"
        parent_esao = f"ESAO-{code}-{zone_of[d.code]}" if zone_of.get(d.code) else ("BMA" if bangkok else "OBEC")
        if bangkok and kind in ("sao", "tm", "hph", "district_office", "dole_district"):
            kind = "bkk_district"
        if kind == "school":
            schools += 1
            village, village_en = _village(rng) if rng.random() < 0.6 else (s.name_th, s.name_en)
            prefix = "วัด" if bangkok else "บ้าน"
            a = Agency(f"SCH-{code}-{schools:04d}", kind, f"โรงเรียน{prefix}{village}",
                       f"{'Wat' if bangkok else 'Ban'} {village_en} School", [], "school", parent_esao, d.code, s.code)
        elif kind == "school2":
            schools += 1
            suffix = rng.choice(["วิทยา", "ศึกษา", "พิทยาคม", "วิทยาคาร"])
            base = s.name_th if rng.random() < 0.5 else dname.removeprefix("เมือง").removeprefix("เขต") or P
            a = Agency(f"SCH-{code}-{schools:04d}", kind, f"โรงเรียน{base}{suffix}", f"{s.name_en} {suffix} School",
                       [], "school", f"SESAO-{code}", d.code, s.code)
        elif kind == "sao":
            a = Agency(f"SAO-{s.code}", kind, f"องค์การบริหารส่วนตำบล{s.name_th}",
                       f"{s.name_en} Subdistrict Administrative Organization", [f"อบต.{s.name_th}"],
                       "local government", f"DLA-{code}", d.code, s.code)
        elif kind == "tm":
            a = Agency(f"TM-{s.code}", kind, f"เทศบาลตำบล{s.name_th}", f"{s.name_en} Subdistrict Municipality",
                       [f"ทต.{s.name_th}"], "local government", f"DLA-{code}", d.code, s.code)
        elif kind == "cdc":
            owner = f"SAO-{s.code}" if f"SAO-{s.code}" in ids else (f"TM-{s.code}" if f"TM-{s.code}" in ids
                                                                     else f"DLA-{code}")
            a = Agency(f"CDC-{s.code}", kind, f"ศูนย์พัฒนาเด็กเล็ก{s.name_th}", f"{s.name_en} Child Development Centre",
                       [f"ศพด.{s.name_th}"], "school", owner, d.code, s.code)
        elif kind == "hph":
            a = Agency(f"HPH-{s.code}", kind, f"โรงพยาบาลส่งเสริมสุขภาพตำบล{s.name_th}",
                       f"{s.name_en} Subdistrict Health Promoting Hospital", [f"รพ.สต.{s.name_th}"],
                       "government office", f"PAO-{code}", d.code, s.code)
        elif kind == "dole_district":
            abbr = f"สกร.{district_word}{dname}"
            a = Agency(f"DOLE-{d.code}", kind, f"ศูนย์ส่งเสริมการเรียนรู้{district_word}{dname}",
                       f"{dname_en} District Learning Encouragement Centre", [abbr], "education office",
                       f"DOLE-{code}", d.code, unique_name=abbr + f" {P}")
            a.abbreviations.append(abbr + f" {P}")
        elif kind == "district_office":
            a = Agency(f"DIST-{d.code}", kind, f"ที่ว่าการอำเภอ{dname}", f"{dname_en} District Office",
                       [f"อ.{dname}"], "government office", "DOPA", d.code)
        elif kind == "bkk_district":
            a = Agency(f"BKD-{d.code}", kind, f"สำนักงาน{dname}", f"{dname_en} District Office", [f"สนข.{dname}"],
                       "government office", "BMA", d.code)
        else:  # temple / community organisation
            village, village_en = _village(rng)
            a = Agency(f"CSO-{s.code}-{len(out)}", kind, f"กลุ่มเยาวชนบ้าน{village} ตำบล{s.name_th}",
                       f"Ban {village_en} Youth Group, {s.name_en}", [], "civil society", "", d.code, s.code)
        if a.id in ids:
            continue
        if a.parent and a.parent not in ids and a.parent not in {x[0] for x in NATIONAL}:
            a.parent = {"PAO": "DLA", "DLA": "DLA", "DOLE": "MOE", "SESAO": "OBEC"}.get(a.parent.split("-")[0], "")
        if rng.random() < 0.15 and a.kind not in ("school", "school2", "temple"):
            a.website = f"https://www.{_slug(a.name_en)}.go.th"
        ids.add(a.id)
        present.add(kind)
        out.append(a)
    for a in out:  # occasional Thai spelling of the type, as workshops write it
        if rng.random() < 0.15 and a.kind != "national":
            a.type = _THAI_TYPES.get(a.type, a.type)
    return out


_THAI_TYPES = {"civil society": "ภาคประชาสังคม", "company": "บริษัท", "education office": "หน่วยงานทางการศึกษา",
               "foundation": "มูลนิธิ", "fund": "กองทุน", "government office": "ส่วนราชการ",
               "local government": "องค์กรปกครองส่วนท้องถิ่น", "school": "โรงเรียน", "university": "มหาวิทยาลัย"}


def _ref(agency: Agency, rng: random.Random) -> str:
    """How a workshop row refers to an agency: mostly by id, sometimes by a unique name."""
    if agency.unique_name and rng.random() < 0.35:
        return agency.unique_name if rng.random() < 0.8 else agency.name_th
    return agency.id


def _amount(rng: random.Random, low: int, high: int) -> str:
    value = round(math.exp(rng.uniform(math.log(low), math.log(high))), -3)
    text = f"{int(value):,}" if rng.random() < 0.5 else str(int(value))
    return text


def generate_province(code: str, seed: int = DEFAULT_SEED, *, n_agencies: int | None = None,
                      n_resources: int | None = None) -> Province:
    """The rows of one synthetic province (deterministic for ``(code, seed)``).

    ``n_agencies`` overrides the number drawn; ``n_resources`` makes exactly that many
    resource rows (spread over the agencies) instead of 5–10 per agency.
    """
    rng = random.Random(f"abegraph-bench-{seed}-{code}")
    prov = geothai.province(code)
    districts = sorted(geothai.districts(code), key=lambda d: d.code)
    subdistricts = {d.code: sorted(geothai.subdistricts(d.code), key=lambda s: s.code) for d in districts}
    if n_agencies is None:
        # bigger provinces list more local agencies: about 40 + 4 per district (40-150)
        n_agencies = (min(150, max(40, round(rng.gauss(40 + AGENCIES_PER_DISTRICT * len(districts), 8))))
                      if n_resources is None else max(40, math.ceil(n_resources / 7.5)))
    agencies = _agencies(code, prov, districts, subdistricts, rng, n_agencies)
    by_id = {a.id: a for a in agencies}
    P, E = prov.name_th, prov.name_en
    province = Province(code, P, E)
    rows = province.rows

    rows["agencies"] = [{
        "id": a.id, "name_th": a.name_th,
        "name_en": a.name_en if a.kind == "national" or rng.random() < 0.85 else "",
        "abbreviations": ";".join(a.abbreviations), "type": a.type,
        "parent": a.parent if a.kind == "national" else _ref(by_id[a.parent], rng) if a.parent in by_id else a.parent,
        "district": a.district, "website": a.website,
    } for a in agencies]

    rows["areas"] = [{"code": code, "name_th": P, "name_en": E, "level": "province", "parent": ""}] + [
        {"code": d.code, "name_th": d.name_th, "name_en": d.name_en, "level": "district", "parent": code}
        for d in districts]

    # who works with whom: same district, same parent, the provincial offices
    by_district: dict[str, list[Agency]] = {}
    for a in agencies:
        by_district.setdefault(a.district, []).append(a)
    provincial = [a for a in agencies if a.kind not in ("national",) and a.subdistrict == "" and a.kind not in
                  ("dole_district", "district_office", "bkk_district")]
    provincial_ids = {a.id for a in provincial}
    children: dict[str, list[Agency]] = {}
    for a in agencies:
        children.setdefault(a.parent, []).append(a)

    def area_of(a: Agency) -> tuple[str, str, list[str]]:
        """(Thai name, English name, codes) of the area an agency's resources cover."""
        if a.subdistrict:
            s = next(x for x in subdistricts[a.district] if x.code == a.subdistrict)
            return f"ตำบล{s.name_th}", f"{s.name_en} subdistrict", [s.code]
        if a.kind in ("dole_district", "district_office", "bkk_district"):
            d = next(x for x in districts if x.code == a.district)
            return d.name_th, d.name_en, [d.code]
        if a.kind == "esao":
            codes = [d.code for d in districts if d.code[:4] and a.district <= d.code][:rng.randint(2, 6)]
            return f"สพป.{P}", E, codes or [code]
        return f"จังหวัด{P}", E, [code]

    def partners(a: Agency) -> list[Agency]:
        pool = [x for x in by_district.get(a.district, []) if x.id != a.id]
        pool += [by_id[a.parent]] * 3 if a.parent in by_id else []
        pool += [x for x in children.get(a.id, [])]
        pool += provincial
        if a.kind == "national" or a.id in provincial_ids:
            pool += provincial + [x for x in agencies if x.kind in ("esao", "sesao", "pao", "city")] * 2
        return [x for x in pool if x.id != a.id]

    # national agencies record only what they hold in this province: 1-3 rows
    base = [rng.randint(1, 3) if a.kind == "national" else rng.randint(5, 10) for a in agencies]
    if n_resources is None:
        counts = base
    else:
        total = sum(base)
        counts = [n_resources * b // total for b in base]
        for i in range(n_resources - sum(counts)):
            counts[i % len(counts)] += 1
    resources = []
    number = 0
    for a, count in zip(agencies, counts):
        groups = KIND_GROUPS.get(a.kind, {"any"})
        templates = [t for t in RESOURCES if set(t[7].split()) & groups] or RESOURCES
        area_th, area_en, area_codes = area_of(a)
        for k in range(count):
            number += 1
            dim, type_, th, en, addresses, targets, amount, _ = rng.choice(templates)
            fill = dict(o=a.short, oe=a.name_en, a=area_th, ae=area_en, P=P, E=E)
            holders = [a]
            if rng.random() < 0.12:
                co = rng.choice(partners(a) or agencies)
                if co.id != a.id:
                    holders.append(co)
            shared: list[Agency] = []
            if rng.random() < 0.6:
                pool = partners(a)
                for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
                    x = rng.choice(pool) if pool else None
                    if x is not None and x not in holders and x not in shared:
                        shared.append(x)
            issues = addresses.split(";")
            if rng.random() < 0.35:
                extra = rng.choice(_ISSUE_POPULARITY)
                if extra not in issues:
                    issues.append(extra)
            if rng.random() < 0.25 and len(issues) > 1:
                issues = rng.sample(issues, len(issues) - 1)
            if type_ == "other" or rng.random() < 0.03:
                type_text = "other" if rng.random() < 0.7 else ""
                if rng.random() < 0.05:
                    type_text = rng.choice(_FREE_TYPES)
            else:
                type_text = type_ if rng.random() < 0.8 else _THAI_RESOURCE_TYPES.get(type_, type_)
            areas = area_codes if rng.random() < 0.85 else [code]
            resources.append({
                "id": f"R{code}-{number:05d}",
                "name_th": th.format(**fill),
                "name_en": en.format(**fill) if rng.random() < 0.7 else "",
                "dimension": rng.choice(_DIMENSION_SPELLINGS[dim]),
                "type": type_text,
                "held_by": ";".join(_ref(h, rng) for h in holders),
                "shared_with": ";".join(_ref(s, rng) for s in shared),
                "addresses": ";".join(issues),
                "target_groups": targets,
                "areas": ";".join(areas),
                "amount_thb": _amount(rng, *amount) if amount else "",
                "description": _describe(rng, th.format(**fill), a),
                "source": rng.choice(["illustrative", "illustrative", "เวทีประชุมเชิงปฏิบัติการ",
                                      f"https://www.{_slug(a.name_en)}.go.th"]),
            })
    rows["resources"] = resources

    datasets = []
    publishers = [a for a in agencies if a.kind != "temple"]
    n_datasets = max(3, round(len(agencies) * rng.uniform(0.4, 0.6)))
    for n in range(1, n_datasets + 1):
        a = rng.choice(publishers)
        groups = KIND_GROUPS.get(a.kind, {"any"})
        templates = [t for t in DATASETS if set(t[9].split()) & groups] or DATASETS
        th, en, keys, gran, personal, freq, fmt, access, addresses, _ = rng.choice(templates)
        area_th, area_en, area_codes = area_of(a)
        fill = dict(o=a.short, oe=a.name_en, a=area_th, ae=area_en, P=P, E=E)
        datasets.append({
            "id": f"D{code}-{n:03d}", "title_th": th.format(**fill),
            "title_en": en.format(**fill) if rng.random() < 0.8 else "",
            "publisher": _ref(a, rng), "link_keys": keys, "granularity": gran,
            "personal_data": rng.choice(["yes", "ใช่"]) if personal else rng.choice(["no", "ไม่ใช่", "no"]),
            "update_frequency": freq, "format": fmt, "access": access, "addresses": addresses,
            "areas": ";".join(area_codes),
            "url": rng.choice(_LANDING).format(slug=_slug(a.name_en)) if rng.random() < 0.4 else "",
        })
    rows["datasets"] = datasets

    links = rng.sample(CAUSAL_LINKS, rng.randint(25, min(45, len(CAUSAL_LINKS))))
    year = rng.choice([2565, 2566, 2567])
    rows["causes"] = [{
        "cause": c, "effect": e,
        "evidence": rng.choice(_EVIDENCE).format(P=P, E=E, y=year if rng.random() < 0.5 else year - 543)
        if rng.random() < 0.8 else "",
    } for c, e in links]
    return province


_THAI_RESOURCE_TYPES = {"budget": "งบประมาณ", "curriculum": "หลักสูตร", "facility": "อาคารสถานที่และอุปกรณ์",
                        "innovation": "นวัตกรรม", "mou": "บันทึกข้อตกลงความร่วมมือ (MOU)",
                        "organisation": "หน่วยงานและองค์กร", "personnel": "บุคลากร", "policy": "นโยบาย",
                        "volunteer network": "เครือข่ายอาสาสมัคร"}
_DESCRIBE = [
    "{name} ดำเนินการโดย{org} ใช้ร่วมกับภาคีในพื้นที่เพื่อดูแลเด็กและเยาวชน",
    "{org} รายงานในเวทีประชุมว่ามี{name} ซึ่งพร้อมให้หน่วยงานอื่นใช้ร่วม",
    "ทรัพยากรที่มีอยู่แล้ว: {name} ปรับปรุงล่าสุดปีงบประมาณ {y}",
    "{name} ครอบคลุมกลุ่มเป้าหมายประมาณ {n} คน",
    "",
]


def _describe(rng: random.Random, name: str, agency: Agency) -> str:
    return rng.choice(_DESCRIBE).format(name=name, org=agency.name_th, y=rng.choice([2566, 2567, 2568]),
                                        n=rng.randint(20, 4000))


# --- writers ----------------------------------------------------------------------------------

def _write_csv(path: Path, sheet: str, rows: list[dict]) -> None:
    columns = [c.key for c in SHEETS[sheet].columns]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in rows)


def write_province_csv(folder: str | Path, province_code: str, seed: int = DEFAULT_SEED) -> Path:
    """Write one CSV per sheet for a province into ``folder`` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    province = generate_province(province_code, seed)
    for sheet, rows in province.rows.items():
        _write_csv(folder / f"{sheet}.csv", sheet, rows)
    return folder


def write_workbook_rows(path: str | Path, n_resources: int = 10_000, seed: int = DEFAULT_SEED,
                        province_code: str = "30") -> Path:
    """An .xlsx workbook (the template's layout: Thai sheets and headings, drop-downs) with
    exactly ``n_resources`` resource rows, for one large province (Nakhon Ratchasima by default)
    with about one agency per 7.5 resources."""
    from abegraph.loaders.workbook_writer import write_workbook

    path = Path(path)
    province = generate_province(province_code, seed, n_resources=n_resources)
    write_workbook(path, province.rows, lang="th")
    return path


def write_nation_nt(path: str | Path, provinces: int | list[str] = 77, seed: int = DEFAULT_SEED,
                    csv_root: str | Path | None = None, *, n_agencies: int | None = None,
                    n_resources: int | None = None) -> dict:
    """Convert synthetic provinces with abegraph's own converter and write one N-Triples file.

    ``n_agencies`` and ``n_resources`` set every province's size (see
    :func:`generate_province`), e.g. one 400-agency, 3,000-resource province.

    Each province is written as a CSV folder (under ``csv_root``, or a temporary folder),
    read with :func:`~abegraph.loaders.sources.read_source` and all are converted together
    with :func:`~abegraph.loaders.convert.convert_sources`, as ``abegraph load`` would; the
    distinct triples of all provinces go into one file. Returns statistics.
    """
    import tempfile

    import pyoxigraph as ox

    from abegraph.loaders.convert import convert_sources
    from abegraph.loaders.sources import read_source

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    codes = province_order(seed)[:provinces] if isinstance(provinces, int) else list(provinces)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="abegraph-bench-") as tmp:
        root = Path(csv_root) if csv_root else Path(tmp)
        folders = []
        counts = {s: 0 for s in SHEETS}
        for code in codes:
            province = generate_province(code, seed, n_agencies=n_agencies, n_resources=n_resources)
            folder = root / province.slug
            folder.mkdir(parents=True, exist_ok=True)
            for sheet, rows in province.rows.items():
                _write_csv(folder / f"{sheet}.csv", sheet, rows)
                counts[sheet] += len(rows)
            folders.append(folder)
        generated = time.perf_counter()
        sources = [read_source(folder) for folder in folders]
        converted = convert_sources(sources)
    converted_at = time.perf_counter()
    errors = converted.report.errors
    if errors:
        sample = "; ".join(p.describe() for p in errors[:5])
        raise RuntimeError(f"the synthetic provinces have {len(errors)} error(s), e.g. {sample}")
    triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object)
                            for name in converted.quads for q in converted.quads[name])
    ox.serialize(iter(triples), str(path),
                 format=ox.RdfFormat.N_TRIPLES)
    done = time.perf_counter()
    stats = {
        "file": path.name, "provinces": len(codes), "codes": codes, "seed": seed, "triples": len(triples),
        "rows": counts, "warnings": len(converted.report.warnings),
        "seconds": {"generate_csv": round(generated - started, 2), "read_and_convert": round(converted_at - generated, 2),
                    "write_nt": round(done - converted_at, 2), "total": round(done - started, 2)},
    }
    path.with_suffix(".json").write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic",
                                     description="Generate synthetic provinces (CSV folders, N-Triples, .xlsx).")
    parser.add_argument("--provinces", type=int, help="convert the first N provinces into nation-Np.nt (1-77)")
    parser.add_argument("--scale", action="append", choices=sorted(SCALES),
                        help="write nation-<scale>.nt (100k: %d provinces, 1m: %d); repeatable" % (
                            SCALES["100k"], SCALES["1m"]))
    parser.add_argument("--xlsx-rows", type=int, default=0, help="also write workbook-<N>.xlsx with N resource rows")
    parser.add_argument("--csv", action="store_true", help="keep the CSV folder of every province under OUT/csv/")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", default="bench/out", help="output folder (default bench/out)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(f"nation-{s}.nt", SCALES[s]) for s in args.scale or []]
    if args.provinces or not (jobs or args.xlsx_rows):
        n = args.provinces or 77
        if not 1 <= n <= 77:
            parser.error("--provinces must be between 1 and 77")
        jobs.append((f"nation-{n}p.nt", n))
    for name, n in jobs:
        stats = write_nation_nt(out / name, n, args.seed, csv_root=out / "csv" if args.csv else None)
        print(f"{out / name}: {stats['triples']:,} triples from {n} provinces "
              f"({stats['rows']['agencies']:,} agency rows, {stats['rows']['resources']:,} resources, "
              f"{stats['rows']['datasets']:,} datasets) in {stats['seconds']['total']} s")
    if args.xlsx_rows:
        started = time.perf_counter()
        path = write_workbook_rows(out / f"workbook-{args.xlsx_rows}.xlsx", args.xlsx_rows, args.seed)
        print(f"{path}: {args.xlsx_rows:,} resource rows in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
