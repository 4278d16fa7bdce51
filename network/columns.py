"""What people read of the analyses' rows: headings, section titles and cells, in English and Thai.

The analyses return rows with stable English keys and codes (``by_dimension``,
``coverage: "through_cause"``, ``asset_ids``) for scripts. People read them through
:func:`readable`: one :class:`Section` per (analysis, section), its columns headed in the
chosen language from the one table :data:`COLUMNS`, codes replaced by their names
(:data:`VALUES` and the bundled vocabulary), dicts and lists written out, ids shown with the
names the rows give them, and the plain-language sentence in that language only. The
command line's tables, Markdown, CSV and workbooks and the atlas all read this table; the atlas
shows the shorter column lists of :data:`BRIEF` (``readable(..., brief=True)``), under the same
headings.

Example
-------
>>> from abegraph.network.columns import readable
>>> rows = [{"section": "unshared", "agency_id": "DCY", "agency": "กรมกิจการเด็กและเยาวชน",
...          "assets": 1, "by_dimension": {"data": 1, "operations": 0, "knowledge": 0, "policy": 0}}]
>>> part = readable(rows, "th", analysis="sharing")[0]
>>> part.title, part.headings
('หน่วยงานที่ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานอื่น', ['รหัสหน่วยงาน', 'หน่วยงาน', 'จำนวนทรัพยากร', 'แยกตามมิติ'])
>>> part.cells[0][3]
'ข้อมูล 1'
"""
from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from abegraph.formats import readable_number, save_sections, write_rows, write_sections
from abegraph.linking.diff import summary as diff_summary
from abegraph.loaders.schema import SHEETS
from abegraph.loaders.vocabulary import value_label
from abegraph.network.analyses import ANALYSES

__all__ = ["COLUMNS", "SECTIONS", "BRIEF", "VALUES", "Section", "heading", "section_title", "sheet_name",
           "value_name", "readable", "write_analysis"]

#: column key -> (English heading, Thai heading). A key ``"analysis.section.key"`` or
#: ``"analysis.key"`` overrides the plain key where the same key means something else there.
COLUMNS: dict[str, tuple[str, str]] = {
    "analysis": ("Analysis", "การวิเคราะห์"),
    "section": ("Section", "หัวข้อ"),
    "id": ("Id", "รหัส"),
    "name": ("Name", "ชื่อ"),
    "kind": ("Kind", "ประเภท"),
    "size": ("Size", "จำนวนสมาชิก"),
    "rank": ("Rank", "ลำดับ"),
    "score": ("Score", "คะแนน"),
    "length": ("Length", "ความยาว"),
    "reason": ("Why", "คำอธิบาย"),
    "reason_th": ("Why", "คำอธิบาย"),
    "meaning": ("Meaning", "ความหมาย"),
    "meaning_th": ("Meaning", "ความหมาย"),
    # agencies
    "agency_id": ("Agency id", "รหัสหน่วยงาน"),
    "agency": ("Agency", "หน่วยงาน"),
    "agency_a_id": ("Agency A id", "รหัสหน่วยงาน ก"),
    "agency_a": ("Agency A", "หน่วยงาน ก"),
    "agency_b_id": ("Agency B id", "รหัสหน่วยงาน ข"),
    "agency_b": ("Agency B", "หน่วยงาน ข"),
    "agency_ids": ("Agencies", "หน่วยงาน"),
    "agencies": ("Agencies", "หน่วยงาน"),
    "holder_ids": ("Holders", "หน่วยงานเจ้าของ"),
    "holders": ("Holders", "หน่วยงานเจ้าของ"),
    "partners": ("Partners", "จำนวนหน่วยงานที่ใช้ร่วม"),
    "cut_off_ids": ("Would be cut off", "หน่วยงานที่จะถูกตัดขาด"),
    "depends_on_ids": ("Linked only through", "เชื่อมกับเครือข่ายผ่าน"),
    "single_point": ("Single point of failure", "จุดเปราะบาง"),
    "node_id": ("Id", "รหัส"),
    "node": ("Name", "ชื่อ"),
    "pieces": ("Pieces left", "จำนวนส่วนที่แยกออก"),
    # assets
    "asset_id": ("Asset id", "รหัสทรัพยากร"),
    "asset": ("Asset", "ทรัพยากร"),
    "asset_ids": ("Assets", "ทรัพยากร"),
    "assets": ("Number of assets", "จำนวนทรัพยากร"),
    "sharing.pair.assets": ("Shared assets", "ทรัพยากรที่ใช้ร่วม"),
    "shared": ("Shared", "จำนวนที่ใช้ร่วม"),
    "shared_assets": ("Shared assets", "จำนวนทรัพยากรที่ใช้ร่วม"),
    "by_dimension": ("By dimension", "แยกตามมิติ"),
    "dimension": ("Dimension", "มิติ"),
    "dimensions_missing": ("Dimensions missing", "มิติที่ยังขาด"),
    "main_dimensions": ("Main dimensions", "มิติหลัก"),
    "complementary": ("Dimensions one has and the other lacks", "มิติที่เสริมกัน"),
    "via_asset_id": ("Through its asset (id)", "ผ่านทรัพยากรของตน (รหัส)"),
    "via_asset": ("Through its asset", "ผ่านทรัพยากรของตน"),
    # brokers
    "degree": ("Degree", "สัดส่วนหน่วยงานที่เชื่อมโดยตรง"),
    "betweenness": ("Betweenness", "ความเป็นตัวกลาง"),
    "eigenvector": ("Eigenvector", "ความใกล้ศูนย์กลาง"),
    "effective_size": ("Effective size", "จำนวนกลุ่มที่เข้าถึง"),
    "constraint": ("Constraint", "ความผูกติด"),
    "measure": ("Measure", "ตัวชี้วัด"),
    "method": ("Method", "วิธีคำนวณ"),
    # coalitions
    "coalition": ("Coalition", "กลุ่ม"),
    "coalitions": ("Coalitions", "จำนวนกลุ่ม"),
    "coalitions.summary.agencies": ("Number of agencies", "จำนวนหน่วยงาน"),
    "ties_inside": ("Ties inside", "ความเชื่อมโยงภายในกลุ่ม"),
    "ties_outside": ("Ties outside", "ความเชื่อมโยงนอกกลุ่ม"),
    "issue_counts": ("Assets per issue", "จำนวนทรัพยากรต่อประเด็น"),
    "distinctive_issue_ids": ("Distinctive issues", "ประเด็นเด่นของกลุ่ม"),
    "distinctive_issues": ("Distinctive issues", "ประเด็นเด่นของกลุ่ม"),
    "modularity": ("Modularity", "ค่าความเป็นกลุ่ม (มอดุลาริตี)"),
    # issues, causes
    "issue_id": ("Issue id", "รหัสประเด็น"),
    "issue": ("Issue", "ประเด็น"),
    "issue_ids": ("Issues", "ประเด็น"),
    "opportunities.suggestion.issue_ids": ("Issues of the agency it reaches", "ประเด็นของหน่วยงานที่ทรัพยากรนี้ช่วยได้"),
    "coalitions.coalition.name": ("Named by", "ชื่อกลุ่ม (ตามประเด็นหลัก)"),
    "issues": ("Issues", "ประเด็น"),
    "cause_id": ("Cause id", "รหัสสาเหตุ"),
    "cause": ("Cause", "สาเหตุ"),
    "root_cause": ("Root cause", "สาเหตุราก"),
    "coverage": ("Coverage", "การรองรับ"),
    "through_causes": ("Assets through its causes", "ทรัพยากรที่แก้ผ่านสาเหตุ"),
    "via_cause_ids": ("Causes addressed", "สาเหตุที่มีทรัพยากรแก้"),
    "member_ids": ("Members", "สมาชิก"),
    "leverage": ("Leverage", "พลังคานงัด"),
    "reached_ids": ("Leads to", "ส่งผลต่อ"),
    "position": ("Position", "ตำแหน่งในห่วงโซ่"),
    "in_cycle": ("On a vicious circle", "อยู่ในวงจรปัญหา"),
    "direct_effects": ("Direct effects", "ผลโดยตรง"),
    "cycle_id": ("Circle (ids)", "วงจร (รหัส)"),
    "cycle": ("Circle", "วงจรปัญหา"),
    "root_id": ("Root id", "รหัสสาเหตุราก"),
    "root": ("Root cause", "สาเหตุราก"),
    "path_ids": ("Path (ids)", "เส้นทาง (รหัส)"),
    "path": ("Path", "เส้นทาง"),
    "addressed_ids": ("Addresses", "ประเด็นที่แก้"),
    "root_ids": ("Root causes", "สาเหตุราก"),
    "addressed_root_ids": ("Root causes addressed", "สาเหตุรากที่มีทรัพยากรแก้"),
    "at_root": ("Addressed at the root", "มีทรัพยากรแก้ที่สาเหตุราก"),
    "breaks_cycle": ("Breaks a vicious circle", "ช่วยตัดวงจรปัญหา"),
    # target groups, districts
    "target_group_id": ("Target group id", "รหัสกลุ่มเป้าหมาย"),
    "target_group": ("Target group", "กลุ่มเป้าหมาย"),
    "district_id": ("District code", "รหัสอำเภอ"),
    "district": ("District", "อำเภอ"),
    "province_wide": ("Province-wide assets", "ทรัพยากรระดับจังหวัด"),
    "covered": ("Covered", "มีทรัพยากรรองรับ"),
    # opportunities
    "adamic_adar": ("Adamic-Adar", "คะแนนความสนใจร่วม (Adamic-Adar)"),
    "jaccard": ("Jaccard", "สัดส่วนความสนใจร่วม (Jaccard)"),
    "common_issue_ids": ("Common issues", "ประเด็นร่วม"),
    "common_target_group_ids": ("Common target groups", "กลุ่มเป้าหมายร่วม"),
    "common_district_ids": ("Common districts", "อำเภอร่วม"),
    # linkage
    "key_id": ("Key id", "รหัสคีย์"),
    "key": ("Key", "คีย์เชื่อมโยง"),
    "key_ids": ("Keys", "คีย์เชื่อมโยง"),
    "dataset_id": ("Dataset id", "รหัสชุดข้อมูล"),
    "dataset": ("Dataset", "ชุดข้อมูล"),
    "dataset_a_id": ("Dataset A id", "รหัสชุดข้อมูล ก"),
    "dataset_a": ("Dataset A", "ชุดข้อมูล ก"),
    "dataset_b_id": ("Dataset B id", "รหัสชุดข้อมูล ข"),
    "dataset_b": ("Dataset B", "ชุดข้อมูล ข"),
    "dataset_ids": ("Datasets", "ชุดข้อมูล"),
    "datasets": ("Datasets", "ชุดข้อมูล"),
    "granularity": ("Granularity", "ระดับข้อมูล"),
    "granularity_a": ("Granularity A", "ระดับข้อมูล ก"),
    "granularity_b": ("Granularity B", "ระดับข้อมูล ข"),
    "join_level": ("Join at", "เชื่อมที่ระดับ"),
    "rollup_ids": ("Aggregated first", "ชุดที่ต้องรวมยอดก่อน"),
    "rollup_to": ("Aggregated to", "รวมยอดถึงระดับ"),
    "personal": ("Personal data", "ข้อมูลส่วนบุคคล"),
    "personal_key": ("On a personal key", "เชื่อมด้วยคีย์ส่วนบุคคล"),
    "scope": ("Keys used", "คีย์ที่ใช้"),
    "group": ("Group", "กลุ่ม"),
    "linkage.group.size": ("Number of datasets", "จำนวนชุดข้อมูล"),
    "joins": ("Possible joins", "จำนวนคู่ที่เชื่อมได้"),
    # causes: loops with polarity
    "loop": ("Loop id", "รหัสวงจร"),
    "common_reach_ids": ("Issues both reach through causes", "ประเด็นที่ทั้งคู่ส่งผลถึงผ่านสาเหตุ"),
    "loop_type": ("Reinforcing or balancing", "เสริมแรงหรือสมดุล"),
    "loop_name": ("Loop", "ชื่อวงจร"),
    "polarities": ("Link directions", "ทิศทางของแต่ละความสัมพันธ์"),
    "negative_links": ("Links that reduce", "ความสัมพันธ์ที่ลดผล"),
    "link_assets": ("Assets acting on its links", "ทรัพยากรที่ทำงานกับความสัมพันธ์ในวงจร"),
    # health
    "shown": ("Shown", "ค่าที่แสดง"),
    "figure": ("Figure code", "รหัสตัวชี้วัด"),
    "label": ("Figure", "ตัวชี้วัด"),
    "value": ("Value", "ค่า"),
    "based_on": ("Based on", "คำนวณจาก"),
    "density": ("Density", "ความหนาแน่น"),
    "density_by_dimension": ("Density by dimension", "ความหนาแน่นแยกตามมิติ"),
    "ties": ("Ties", "จำนวนความเชื่อมโยง"),
    "possible_ties": ("Possible ties", "ความเชื่อมโยงที่เป็นไปได้"),
    "centralisation": ("Degree centralisation", "การรวมศูนย์"),
    "max_partners": ("Most partners", "จำนวนคู่ร่วมมือสูงสุด"),
    "best_connected_ids": ("Best connected", "หน่วยงานที่เชื่อมโยงมากที่สุด"),
    "isolate_ids": ("Sharing nothing", "หน่วยงานที่ยังไม่ใช้ร่วม"),
    "mean_effective_size": ("Mean non-redundant ties", "ความเชื่อมโยงที่ไม่ซ้ำซ้อนเฉลี่ย"),
    "partner_ids": ("Partner agencies", "คู่ร่วมมือ"),
    "health.agencies": ("Number of agencies", "จำนวนหน่วยงาน"),
    "partners_by_dimension": ("Partners by dimension", "คู่ร่วมมือแยกตามมิติ"),
    "efficiency": ("Efficiency", "ประสิทธิภาพของความเชื่อมโยง"),
    "relative_connectivity": ("Relative connectivity", "ความเชื่อมโยงเทียบกับหน่วยงานที่เชื่อมโยงมากที่สุด"),
    "coalition_partners": ("Partners in its coalition", "คู่ร่วมมือในกลุ่ม"),
    "coalition_relative_connectivity": ("Relative connectivity in its coalition", "ความเชื่อมโยงเทียบในกลุ่ม"),
    # diff (linking/diff.py): one section per kind, and the summary
    "change": ("Change", "การเปลี่ยนแปลง"),
    "field": ("Field", "ช่อง"),
    "before": ("Before", "เดิม"),
    "after": ("After", "ใหม่"),
    "added": ("Added", "เพิ่ม"),
    "removed": ("Removed", "หายไป"),
    "changed": ("Changed", "เปลี่ยน"),
}

#: (analysis, section) -> (English title, Thai title, English sheet name, Thai sheet name);
#: sheet names are unique and at most 31 characters (Excel's limit)
SECTIONS: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("sharing", "pair"): ("Pairs of agencies that share assets", "คู่หน่วยงานที่ใช้ทรัพยากรร่วมกัน",
                          "Sharing pairs", "คู่ที่ใช้ร่วมกัน"),
    ("sharing", "unshared"): ("Agencies that share nothing yet", "หน่วยงานที่ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานอื่น",
                              "Sharing nothing", "ยังไม่ใช้ร่วม"),
    ("brokers", "agency"): ("Agencies as brokers", "หน่วยงานตัวกลาง", "Brokers", "หน่วยงานตัวกลาง"),
    ("brokers", "single_point"): ("Single points of failure", "จุดเปราะบางของเครือข่าย",
                                  "Single points", "จุดเปราะบาง"),
    ("brokers", "measure"): ("What the measures mean", "ความหมายของตัวชี้วัด", "Measures", "ตัวชี้วัด"),
    ("coalitions", "coalition"): ("Coalitions", "กลุ่มความร่วมมือ", "Coalitions", "กลุ่มความร่วมมือ"),
    ("coalitions", "summary"): ("Coalitions: summary", "กลุ่มความร่วมมือ: สรุป", "Coalitions summary", "สรุปกลุ่ม"),
    ("gaps", "issue"): ("Issues and causes: what is behind them", "ประเด็นและสาเหตุ: ทรัพยากรที่รองรับ",
                        "Gaps by issue", "ช่องว่างตามประเด็น"),
    ("gaps", "target_group"): ("Target groups", "กลุ่มเป้าหมาย", "Gaps by target group", "ช่องว่างตามกลุ่มเป้าหมาย"),
    ("gaps", "district"): ("Districts", "อำเภอ", "Gaps by district", "ช่องว่างตามอำเภอ"),
    ("gaps", "uncovered"): ("Nothing behind them", "ยังไม่มีทรัพยากรรองรับ", "Uncovered", "ยังไม่มีทรัพยากร"),
    ("gaps", "one_dimension"): ("Issues with assets of one dimension only", "มีทรัพยากรเพียงมิติเดียว",
                                "One dimension only", "มีเพียงมิติเดียว"),
    ("causes", "root"): ("Root causes", "สาเหตุราก", "Root causes", "สาเหตุราก"),
    ("causes", "leverage"): ("Leverage", "พลังคานงัด", "Leverage", "พลังคานงัด"),
    ("causes", "cycle"): ("Loops: reinforcing (R) and balancing (B)", "วงจร: เสริมแรง (R) และสมดุล (B)",
                          "Loops", "วงจรเหตุและผล"),
    ("causes", "path"): ("Chains from root causes to issues", "ห่วงโซ่เหตุและผล", "Causal paths", "ห่วงโซ่เหตุและผล"),
    ("causes", "asset"): ("Assets: at the root or at the symptom", "ทรัพยากรแก้ที่ต้นเหตุหรือปลายเหตุ",
                          "Assets roots or symptoms", "ต้นเหตุหรือปลายเหตุ"),
    ("causes", "issue"): ("Issues and their root causes", "ประเด็นกับสาเหตุราก", "Issues and roots",
                          "ประเด็นกับสาเหตุราก"),
    ("opportunities", "pair"): ("Agencies that could work together", "คู่หน่วยงานที่ควรร่วมมือกัน",
                                "Partner opportunities", "คู่ที่ควรร่วมมือ"),
    ("opportunities", "suggestion"): ("Assets an agency could use", "ทรัพยากรที่หน่วยงานควรใช้ร่วม",
                                      "Asset suggestions", "ทรัพยากรที่ควรใช้ร่วม"),
    ("linkage", "join"): ("Datasets that can be joined", "ชุดข้อมูลที่เชื่อมกันได้", "Dataset joins",
                          "ชุดข้อมูลที่เชื่อมกันได้"),
    ("linkage", "group"): ("Groups of connected datasets", "กลุ่มชุดข้อมูลที่เชื่อมถึงกัน", "Dataset groups",
                           "กลุ่มชุดข้อมูล"),
    ("linkage", "isolated"): ("Datasets nothing joins", "ชุดข้อมูลที่ยังเชื่อมกับชุดอื่นไม่ได้", "Isolated datasets",
                              "ชุดข้อมูลที่เชื่อมไม่ได้"),
    ("linkage", "personal_key"): ("Keys that identify a person", "คีย์ที่ระบุตัวบุคคลได้", "Personal keys",
                                  "คีย์ส่วนบุคคล"),
    ("health", "figure"): ("The health of the network at a glance", "สุขภาพของเครือข่ายโดยสรุป",
                           "Health", "สุขภาพเครือข่าย"),
    ("health", "network"): ("The sharing network as a whole", "เครือข่ายการใช้ร่วมทั้งหมด",
                            "Health: network", "เครือข่ายทั้งหมด"),
    ("health", "coalition"): ("Each coalition on its own ties", "แต่ละกลุ่มความร่วมมือ",
                              "Health: coalitions", "สุขภาพกลุ่ม"),
    ("health", "agency"): ("Each agency's ties", "ความเชื่อมโยงของแต่ละหน่วยงาน",
                           "Health: agencies", "สุขภาพรายหน่วยงาน"),
    ("health", "measure"): ("What the health figures mean", "ความหมายของตัวชี้วัดสุขภาพเครือข่าย",
                            "Health measures", "ตัวชี้วัดสุขภาพ"),
    # ``abegraph diff``: its own workbook, so its sheet names need only differ from each other
    ("diff", "summary"): ("Summary of the changes", "สรุปการเปลี่ยนแปลง", "summary", "สรุป"),
    ("diff", "agency"): ("Agencies", "หน่วยงาน", "agencies", "หน่วยงาน"),
    ("diff", "resource"): ("Resources", "ทรัพยากร", "resources", "ทรัพยากร"),
    ("diff", "dataset"): ("Datasets", "ชุดข้อมูล", "datasets", "ชุดข้อมูล"),
    ("diff", "sharing"): ("Agencies sharing assets", "การใช้ร่วมกัน", "sharing", "การใช้ร่วมกัน"),
    ("diff", "health"): ("Health of the network", "สุขภาพเครือข่าย", "health", "สุขภาพเครือข่าย"),
}

#: (analysis, section) -> the keys a short table shows, in order (the atlas: what a meeting reads
#: on paper); every other format shows every key. ``"reason"`` stands for the row's sentence in
#: the chosen language (``reason``/``reason_th`` or ``meaning``/``meaning_th``).
BRIEF: dict[tuple[str, str], tuple[str, ...]] = {
    ("sharing", "pair"): ("agency_a", "agency_b", "shared", "by_dimension", "assets"),
    ("sharing", "unshared"): ("agency", "assets", "by_dimension"),
    ("brokers", "agency"): ("agency", "partners", "shared_assets", "betweenness", "eigenvector", "single_point",
                            "reason"),
    ("brokers", "single_point"): ("node", "kind", "cut_off_ids", "pieces"),
    ("brokers", "measure"): ("measure", "reason"),
    ("coalitions", "coalition"): ("coalition", "size", "name", "agencies"),
    ("coalitions", "summary"): ("coalitions", "agencies", "modularity"),
    ("gaps", "issue"): ("issue", "coverage", "assets", "by_dimension", "dimensions_missing", "agencies"),
    ("gaps", "target_group"): ("target_group", "assets", "by_dimension", "agencies"),
    ("gaps", "district"): ("district", "assets", "by_dimension", "agencies"),
    ("gaps", "uncovered"): ("kind", "name", "reason"),
    ("gaps", "one_dimension"): ("issue", "dimension", "assets", "reason"),
    ("causes", "root"): ("issue", "leverage", "assets", "reason"),
    ("causes", "leverage"): ("issue", "position", "leverage", "direct_effects", "assets"),
    ("causes", "cycle"): ("loop_name", "loop_type", "length", "negative_links", "assets", "reason"),
    ("causes", "path"): ("root", "issue", "length", "path"),
    ("causes", "asset"): ("asset", "dimension", "position", "breaks_cycle", "reason"),
    ("causes", "issue"): ("issue", "at_root", "assets", "reason"),
    ("opportunities", "pair"): ("rank", "agency_a", "agency_b", "score", "reason"),
    ("opportunities", "suggestion"): ("rank", "agency", "asset", "holders", "score", "reason"),
    ("linkage", "join"): ("dataset_a", "dataset_b", "key", "join_level", "personal", "reason"),
    ("linkage", "group"): ("scope", "group", "size", "datasets"),
    ("linkage", "isolated"): ("dataset", "reason"),
    ("linkage", "personal_key"): ("key", "dataset_ids", "joins", "reason"),
    ("health", "figure"): ("label", "shown", "reason"),
    ("health", "network"): ("agencies", "ties", "density", "centralisation", "mean_effective_size", "reason"),
    ("health", "coalition"): ("coalition", "name", "agencies", "density", "centralisation", "reason"),
    ("health", "agency"): ("agency", "partners", "relative_connectivity", "effective_size", "efficiency"),
    ("health", "measure"): ("measure", "reason"),
}

#: code kind -> {code: (English, Thai)}; which columns hold which kind: :data:`_VALUE_COLUMNS`
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {"agency": ("agency", "หน่วยงาน"), "resource": ("resource", "ทรัพยากร"),
             "dataset": ("dataset", "ชุดข้อมูล"), "issue": ("issue", "ประเด็น"), "cause": ("cause", "สาเหตุ"),
             "vicious_circle": ("vicious circle", "วงจรปัญหา"), "district": ("district", "อำเภอ"),
             "target_group": ("target group", "กลุ่มเป้าหมาย"), "area": ("area", "พื้นที่")},
    "coverage": {"direct": ("direct", "มีทรัพยากรแก้โดยตรง"), "through_cause": ("through a cause", "แก้ผ่านสาเหตุ"),
                 "none": ("none", "ยังไม่มี")},
    "position": {"root": ("root cause", "สาเหตุราก"), "intermediate": ("intermediate", "สาเหตุระหว่างทาง"),
                 "symptom": ("symptom", "ปลายเหตุ (อาการ)"), "unlinked": ("not on a causal chain", "ไม่อยู่ในห่วงโซ่เหตุและผล")},
    "scope": {"all_keys": ("all keys", "ทุกคีย์"), "non_personal_keys": ("keys that identify no one", "เฉพาะคีย์ที่ไม่ระบุตัวบุคคล")},
    "loop_type": {"reinforcing": ("reinforcing", "เสริมแรง"), "balancing": ("balancing", "สมดุล")},
    "change": {"added": ("added", "เพิ่ม"), "removed": ("removed", "หายไป"),
               "changed": ("changed", "เปลี่ยน")},
}

#: phrases of the ``method`` of brokers, coalitions and health, and their Thai; replaced in
#: order, so a whole method comes before the phrases it contains
_METHOD_TH = (
    # health (network/health.py MEASURES)
    ("ties / possible ties = 2m / (n(n-1)) (networkx.density)",
     "ความเชื่อมโยง / ความเชื่อมโยงที่เป็นไปได้ = 2m / (n(n-1)) "
     "เมื่อ n คือจำนวนหน่วยงาน m คือจำนวนความเชื่อมโยง"),
    ("density of the ties that share an asset of the dimension",
     "ความหนาแน่น นับเฉพาะความเชื่อมโยงที่ใช้ทรัพยากรของมิตินั้นร่วมกัน"),
    ("Freeman: sum(d_max - d_i) / ((n-1)(n-2)), unweighted",
     "สูตรของ Freeman: ผลรวมของ (คู่ร่วมมือสูงสุด - คู่ร่วมมือของแต่ละหน่วยงาน) / ((n-1)(n-2)) "
     "เมื่อ n คือจำนวนหน่วยงาน ไม่ถ่วงน้ำหนัก"),
    ("Burt's effective size, Borgatti's form (networkx.effective_size), unweighted",
     "ขนาดที่มีผลของ Burt ตามสูตรของ Borgatti ไม่ถ่วงน้ำหนัก"),
    ("effective size / partners", "จำนวนกลุ่มที่เข้าถึง / จำนวนคู่ร่วมมือ"),
    ("partners / partners of the best-connected agency x 100",
     "จำนวนคู่ร่วมมือ / จำนวนคู่ร่วมมือของหน่วยงานที่เชื่อมโยงมากที่สุด × 100"),
    ("each tie split over dimensions in proportion to the shared assets; sums to relative_connectivity",
     "แต่ละความเชื่อมโยงแบ่งตามสัดส่วนของทรัพยากรที่ใช้ร่วมในแต่ละมิติ "
     "รวมกันเท่ากับความเชื่อมโยงเทียบกับหน่วยงานที่เชื่อมโยงมากที่สุด"),
    # brokers (network/brokers.py _MEASURES) and coalitions
    ("articulation points: agency network for agencies, agency-asset graph for assets",
     "จุดตัดของกราฟ: ในเครือข่ายหน่วยงานสำหรับหน่วยงาน และในกราฟหน่วยงานกับทรัพยากรสำหรับทรัพยากร"),
    ("Louvain communities", "กลุ่มแบบ Louvain"), ("weight = shared assets", "น้ำหนัก = จำนวนทรัพยากรที่ใช้ร่วม"),
    ("per connected component", "คำนวณแยกตามส่วนที่เชื่อมถึงกัน"), ("partners / (agencies - 1)",
                                                                   "หุ้นส่วน / (จำนวนหน่วยงาน - 1)"),
    ("unweighted hops", "นับจำนวนช่วงโดยไม่ถ่วงน้ำหนัก"), ("unweighted", "ไม่ถ่วงน้ำหนัก"),
    ("distinct assets", "นับทรัพยากรไม่ซ้ำ"), ("source agencies", "หน่วยงานต้นทาง"), ("sampled from", "สุ่มจาก"),
    ("resolution", "ความละเอียด"), ("exact", "ค่าแม่นยำ"), ("seed", "ค่าเริ่มสุ่ม"), (" of ", " จาก "),
)

# which code kind each column holds (vocabulary schemes by name, the rest from VALUES)
_VALUE_COLUMNS = {
    "kind": "kind", "change": "change", "coverage": "coverage", "position": "position", "scope": "scope",
    "loop_type": "loop_type",
    "dimension": "dimension", "dimensions_missing": "dimension", "main_dimensions": "dimension",
    "complementary": "dimension",
    "granularity": "granularity", "granularity_a": "granularity", "granularity_b": "granularity",
    "join_level": "granularity", "rollup_to": "granularity",
    "key_id": "link-key", "key_ids": "link-key",
    "target_group_id": "target-group", "common_target_group_ids": "target-group",
}
# id-list columns a section also gives as names (shown once, as the names)
_NAMED_BY = {"asset_ids": "assets", "agency_ids": "agencies", "issue_ids": "issues", "holder_ids": "holders",
             "distinctive_issue_ids": "distinctive_issues", "dataset_ids": "datasets", "path_ids": "path"}
# single-id columns whose value is a vocabulary key, not a user's id: shown by name only
_CODE_IDS = {"key_id": "key", "target_group_id": "target_group", "figure": "label"}
# kinds of row whose ``id`` is a vocabulary key (``parents-and-caregivers``), not a user's id:
# the row's name says it
_CODE_KINDS = {"target_group"}
_ID_LABELS = re.compile(r"^(.*)_ids?$")
# the workbook sheet whose columns a diff row's ``field`` names
_DIFF_SHEETS = {"agency": "agencies", "resource": "resources", "dataset": "datasets"}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "th" else pair[0]


def heading(key: str, lang: str = "en", analysis: str = "", section: str = "") -> str:
    """The heading of column ``key`` in ``lang`` (the key itself when the table lacks it).

    >>> heading("assets", "th"), heading("assets", "th", "sharing", "pair"), heading("odd_key", "th")
    ('จำนวนทรัพยากร', 'ทรัพยากรที่ใช้ร่วม', 'odd_key')
    """
    for name in (f"{analysis}.{section}.{key}", f"{analysis}.{key}", key):
        if name in COLUMNS:
            return _pick(COLUMNS[name], lang)
    return key


def section_title(analysis: str, section: str, lang: str = "en") -> str:
    """A section's title in ``lang``.

    >>> section_title("gaps", "uncovered", "th")
    'ยังไม่มีทรัพยากรรองรับ'
    """
    entry = SECTIONS.get((analysis, section))
    if entry is None:
        return section.replace("_", " ").capitalize()
    return _pick(entry[:2], lang)


def sheet_name(analysis: str, section: str, lang: str = "en") -> str:
    """A workbook sheet name for a section: unique, at most 31 characters, no ``[]:*?/\\``."""
    entry = SECTIONS.get((analysis, section))
    name = _pick(entry[2:], lang) if entry else f"{analysis} {section}".replace("_", " ")
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]



def value_name(kind: str, code, lang: str = "en") -> str:
    """The name of ``code`` of a code kind (``coverage``, ``dimension``, ``granularity``, ...),
    or the code itself when unknown.

    >>> value_name("coverage", "through_cause", "th"), value_name("granularity", "school", "th")
    ('แก้ผ่านสาเหตุ', 'โรงเรียน')
    """
    pair = VALUES.get(kind, {}).get(str(code))
    return _pick(pair, lang) if pair else value_label(kind, code, lang)


def _method(text: str, lang: str) -> str:
    if lang != "th":
        return text
    for en, th in _METHOD_TH:
        text = text.replace(en, th)
    return text


@dataclass
class Section:
    """One table for people: a section of one analysis, in one language."""

    analysis: str
    section: str
    title: str
    sheet: str
    #: the title of the analysis the section belongs to
    analysis_title: str
    keys: list[str]
    headings: list[str]
    #: one list per row: text, or an int or float where the value is a number
    cells: list[list] = field(default_factory=list)


def _labels(rows: list[dict]) -> dict[str, str]:
    """id -> name, from every ``x_id``/``x`` and ``x_ids``/``x`` pair the rows carry."""
    labels: dict[str, str] = {}
    for row in rows:
        for key, value in row.items():
            match = _ID_LABELS.match(key)
            if not match:
                continue
            names = row.get(_NAMED_BY.get(key) or match.group(1))
            if isinstance(value, str) and isinstance(names, str):
                labels.setdefault(value, names)
            elif isinstance(value, list) and isinstance(names, list) and len(names) == len(value):
                for ident, name in zip(value, names):
                    if isinstance(ident, str) and isinstance(name, str):
                        labels.setdefault(ident, name)
        if isinstance(row.get("id"), str) and isinstance(row.get("name"), str):
            labels.setdefault(row["id"], row["name"])
    return labels


def _listed(texts: list[str], lang: str, most: int | None) -> str:
    if most is None or len(texts) <= most:
        return "; ".join(texts)
    more = len(texts) - most
    return "; ".join(texts[:most]) + (f" และอีก {more}" if lang == "th" else f" and {more} more")


def _mapping(key: str, value: Mapping, lang: str, labels: Mapping[str, str], most: int | None) -> str:
    """A dict cell: counts by name (``ข้อมูล 10, นโยบาย 1``, a count of nothing left out), or
    one line per key of its id list (``C01 → I02: name (D05); name (D06)``, "none" when empty)."""
    if any(isinstance(v, (list, tuple)) for v in value.values()):
        none = "ไม่มี" if lang == "th" else "none"
        return "\n".join(f"{k}: {_text(key + '_ids', v, lang, labels, most) or none}"
                         for k, v in value.items())
    parts = []
    for k, v in value.items():
        if v == 0 and isinstance(v, int):
            continue  # a count of nothing says nothing
        by_dimension = key.endswith("by_dimension")
        name = value_name("dimension", k, lang) if by_dimension else labels.get(str(k), str(k))
        parts.append(f"{name} {readable_number(v)}")
    return ", ".join(parts)


def _text(key: str, value, lang: str, labels: Mapping[str, str], most: int | None = None):
    if value is None:
        return ""
    if isinstance(value, bool):
        return value_name("bool", str(value), lang)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return _mapping(key, value, lang, labels, most)
    if isinstance(value, (list, tuple)):
        return _listed([str(_text(key, v, lang, labels)) for v in value], lang, most)
    text = str(value)
    if key == "method":
        return _method(text, lang)
    if key == "measure":
        return heading(text, lang)
    kind = _VALUE_COLUMNS.get(key)
    if kind and value_name(kind, text, lang) != text:
        return value_name(kind, text, lang)
    if key.endswith("_ids") and text in labels and labels[text] != text:
        return f"{labels[text]} ({text})"
    return text


def _field_name(kind: str, field: str, lang: str) -> tuple[str, str]:
    """What a diff row's ``field`` is called in ``lang``, and the code kind its values hold
    (``""`` when they are plain text): a workbook column under its heading, or a figure of
    the health or sharing sections under the heading those analyses give it."""
    if kind in ("health", "sharing"):
        return heading(field, lang, kind, "pair" if kind == "sharing" else ""), ""
    sheet = SHEETS.get(_DIFF_SHEETS.get(kind, ""))
    column = next((c for c in sheet.columns if c.key == field), None) if sheet else None
    if column is None:
        return field, ""
    if column.kind.startswith("controlled:"):
        codes = column.kind.split(":", 1)[1]
    else:
        codes = "bool" if column.kind == "bool" else ""
    return (column.heading_th if lang == "th" else column.key), codes


def _diff_rows(rows: list[dict], lang: str) -> list[dict]:
    """``abegraph diff`` rows as sections (one per kind, in their order) with fields named and
    coded values (dimensions, types, yes/no) given their names in ``lang``; a column no row of
    its section fills is left out."""
    def values(text: str, codes: str, health: bool) -> str:
        if health:
            with contextlib.suppress(ValueError):
                return str(readable_number(float(text))) if text else text
        if not codes:
            return text
        return "; ".join(value_name(codes, part, lang) for part in text.split("; ")) if text else text

    out: list[dict] = []
    for kind in dict.fromkeys(r["kind"] for r in rows):
        group = []
        for r in rows:
            if r["kind"] != kind:
                continue
            name, codes = _field_name(kind, r["field"], lang) if r.get("field") else ("", "")
            group.append({"section": kind, "change": r["change"], "id": r["id"], "name": r["name"],
                          "field": name,
                          "before": values(r["before"], codes, kind == "health"),
                          "after": values(r["after"], codes, kind == "health")})
        filled = {k for row in group for k, v in row.items() if v not in ("", None)}
        out += [{k: v for k, v in row.items() if k in filled} for row in group]
    return out


def _brief_keys(spec: tuple[str, ...], group: list[dict], keys: list[str], lang: str) -> list[str]:
    """The keys of ``spec`` that some row of ``group`` fills, ``reason`` as the row's sentence."""
    chosen = []
    for key in spec:
        if key == "reason":
            tail = "_th" if lang == "th" else ""
            key = next((k + tail for k in ("reason", "meaning") if k + tail in keys), key)
        if any(row.get(key) not in (None, "", [], {}) for row in group):
            chosen.append(key)
    return chosen


def readable(rows: list[dict], lang: str = "en", *, analysis: str = "", brief: bool = False,
             names: Mapping[str, str] | None = None, list_max: int | None = None) -> list[Section]:
    """The rows as tables for people, one :class:`Section` per (analysis, section), in order.

    Rows may carry ``analysis`` (as :func:`~abegraph.network.analyses.run_all` gives them) or all
    belong to ``analysis``. Columns: the keys of the section's rows, less the sentence in the
    other language (``reason`` or ``reason_th``), id lists the section also gives as names, and
    vocabulary keys given with their name; an id in any other id list is shown as
    ``name (id)``. With ``brief``, only the columns :data:`BRIEF` lists for the section (those
    some row fills), as the atlas shows them; ``names`` (id -> name in ``lang``) names ids the
    rows do not; ``list_max`` cuts a list cell after that many entries ("and 3 more").

    >>> rows = [{"section": "root", "kind": "cause", "issue_id": "C02", "issue": "ปัญหาครอบครัว",
    ...          "leverage": 14, "assets": 0, "reason": "It leads to 14 issues.", "reason_th": "ส่งผลต่อ 14 ประเด็น"}]
    >>> part = readable(rows, "th", analysis="causes", brief=True)[0]
    >>> part.headings, part.cells
    (['ประเด็น', 'พลังคานงัด', 'จำนวนทรัพยากร', 'คำอธิบาย'], [['ปัญหาครอบครัว', 14, 0, 'ส่งผลต่อ 14 ประเด็น']])
    """
    if analysis == "diff":
        rows = _diff_rows(rows, lang)
    labels = {**(names or {}), **_labels(rows)}
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row.get("analysis", analysis), row.get("section", "")), []).append(row)
    out = []
    for (name, section), group in groups.items():
        keys: list[str] = []
        for row in group:
            keys += [k for k in row if k not in keys and k not in ("analysis", "section")]
        if brief and (name, section) in BRIEF:
            keys = _brief_keys(BRIEF[(name, section)], group, keys, lang)
        else:
            if lang == "th":
                keys = [k for k in keys if f"{k}_th" not in keys]
            else:
                keys = [k for k in keys if not (k.endswith("_th") and k[:-3] in keys)]
            lists = {k for k in keys if any(isinstance(r.get(k), list) for r in group)}
            keys = [k for k in keys
                    if not (_NAMED_BY.get(k) in keys and (_NAMED_BY[k] in lists or k == "path_ids"))
                    and not (_CODE_IDS.get(k) in keys)]
        part = _section(name, section, lang, keys, [])
        part.cells = [["" if k == "id" and row.get("kind") in _CODE_KINDS
                       else _text(k, row.get(k), lang, labels, list_max) for k in keys] for row in group]
        out.append(part)
    return out


def _section(analysis: str, section: str, lang: str, keys: list[str], cells: list[list]) -> Section:
    return Section(analysis, section, section_title(analysis, section, lang),
                   sheet_name(analysis, section, lang),
                   ANALYSES[analysis].title(lang) if analysis in ANALYSES else analysis, keys,
                   [heading(k, lang, analysis, section) for k in keys], cells)


def _diff_workbook(rows: list[dict], lang: str) -> list[Section]:
    """The sheets of ``abegraph diff -o``: a summary of the counts, then every kind's changes
    (a kind without changes too, so the workbook says there were none)."""
    counts = diff_summary(rows)
    changes = ["added", "removed", "changed"]
    out = [_section("diff", "summary", lang, ["kind", *changes],
                    [[section_title("diff", c["kind"], lang)] + [c[k] for k in changes] for c in counts])]
    shown = {part.section: part for part in readable(rows, lang, analysis="diff")}
    for c in counts:
        out.append(shown.get(c["kind"]) or _section("diff", c["kind"], lang,
                                                    ["change", "id", "name", "field", "before", "after"], []))
    return out


def write_analysis(rows: list[dict], fmt: str, lang: str = "en", *, analysis: str = "", output=None,
                   names: Mapping[str, str] | None = None) -> None:
    """Write the rows of :func:`~abegraph.network.analyses.run_all` in ``fmt`` to ``output`` (a
    path, or a text stream; ``xlsx`` needs a path). JSON keeps the rows as they are (without
    ``analysis`` when they all belong to ``analysis``); every other format is for people
    (:func:`readable`, in ``lang``, ids named by ``names`` and the rows).

    >>> import io
    >>> from abegraph.network.analyses import run_all
    >>> out = io.StringIO()
    >>> write_analysis(run_all(demo_store, names=["linkage"]), "md", "th", analysis="linkage", output=out)
    >>> "## ชุดข้อมูลที่เชื่อมกันได้" in out.getvalue() and "key_id" not in out.getvalue()
    True
    """
    if analysis:
        rows = [{k: v for k, v in row.items() if k != "analysis"} for row in rows]
    if fmt == "xlsx":
        if not isinstance(output, (str, Path)):
            raise ValueError("xlsx is a workbook: give a file path")
        sections = (_diff_workbook(rows, lang) if analysis == "diff"
                    else readable(rows, lang, analysis=analysis, names=names))
        save_sections(sections, Path(output), lang)
        return
    output = sys.stdout if output is None else output
    opened = Path(output).open("w", encoding="utf-8", newline="") if isinstance(output, (str, Path)) else None
    with opened or contextlib.nullcontext(output) as out:
        if fmt == "json":
            write_rows(rows, out, "json")
        else:
            write_sections(readable(rows, lang, analysis=analysis, names=names), out, fmt, lang)
