"""The atlas's tables: the analyses' rows as a planner reads them, in one language.

Each section of each analysis has a column list (:data:`COLUMNS`): which keys of the rows to
show, under which heading in Thai and English, and how to write the value. Names rather than
ids (an id list becomes the entities' names), controlled values by their names (``root`` ->
สาเหตุราก, ``person`` -> บุคคล), counts by dimension as ``ข้อมูล 4 · นโยบาย 2``, rounded
numbers, and the reason in the chosen language in a wrapped column. The full rows stay one
command away (``abegraph analyze KIND --format csv``).

A section without a column list (an analysis that grew one) shows its plain columns that have
a heading in the chosen language, so a Thai atlas never shows an English key.

Example
-------
>>> from abegraph.visualize.tables import analysis_table, cell_text
>>> cell_text({"data": 4, "operations": 0, "policy": 2}, "dims", "th")
'ข้อมูล 4 · นโยบาย 2'
>>> cell_text(0.0711683, "num", "en"), cell_text(8.8724, "num", "en"), cell_text(1234, "num", "en")
('0.071', '8.87', '1,234')
>>> rows = [{"section": "root", "issue_id": "C02", "issue": "ปัญหาครอบครัว", "leverage": 14, "assets": 0,
...          "reason": "It leads to 14 issues.", "reason_th": "ส่งผลต่อ 14 ประเด็น"}]
>>> page = analysis_table("causes", "root", rows, lang="th")
>>> "พลังคานงัด" in page and "ส่งผลต่อ 14 ประเด็น" in page and "It leads" not in page
True
"""
from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping

from .palette import DIMENSION_ORDER

__all__ = ["COLUMNS", "SECTION_NAMES", "analysis_table", "cell_text", "value_name", "PRINT_ROWS"]

#: rows of each table on paper (the rest stay on screen)
PRINT_ROWS = 6
#: list cells name at most this many entries, then "and N more"
LIST_MAX = 4

#: (analysis, section) -> (Thai, English) heading of its table
SECTION_NAMES = {
    ("sharing", "pair"): ("คู่หน่วยงานที่ใช้ทรัพยากรร่วมกัน", "Agencies that share assets"),
    ("sharing", "unshared"): ("หน่วยงานที่ยังไม่ได้ใช้ทรัพยากรร่วมกับหน่วยงานอื่น", "Agencies that share nothing yet"),
    ("brokers", "agency"): ("หน่วยงานตัวกลาง", "Brokers"),
    ("brokers", "single_point"): ("จุดเปราะบาง: หากขาดไปเครือข่ายจะขาดออกจากกัน", "Single points of failure"),
    ("brokers", "measure"): ("ความหมายของตัวชี้วัด", "What the measures mean"),
    ("coalitions", "coalition"): ("กลุ่มความร่วมมือ", "Coalitions"),
    ("coalitions", "summary"): ("สรุป", "Summary"),
    ("gaps", "issue"): ("ประเด็นและสาเหตุ", "Issues and causes"),
    ("gaps", "target_group"): ("กลุ่มเป้าหมาย", "Target groups"),
    ("gaps", "district"): ("อำเภอ", "Districts"),
    ("gaps", "uncovered"): ("ยังไม่มีทรัพยากรรองรับ", "Nothing behind them yet"),
    ("gaps", "one_dimension"): ("มีทรัพยากรเพียงมิติเดียว", "Covered in one dimension only"),
    ("causes", "root"): ("สาเหตุราก", "Root causes"),
    ("causes", "leverage"): ("พลังคานงัด", "Leverage"),
    ("causes", "cycle"): ("วงจรปัญหา", "Vicious circles"),
    ("causes", "path"): ("ห่วงโซ่เหตุและผล", "Chains of cause and effect"),
    ("causes", "asset"): ("ทรัพยากรแก้ที่ต้นเหตุหรือปลายเหตุ", "Do assets address roots or symptoms?"),
    ("causes", "issue"): ("ประเด็นกับสาเหตุราก", "Issues and their root causes"),
    ("opportunities", "pair"): ("คู่หน่วยงานที่ควรร่วมมือกัน", "Agencies that should meet"),
    ("opportunities", "suggestion"): ("ทรัพยากรที่หน่วยงานควรใช้ร่วม", "Resources an agency could draw on"),
    ("linkage", "join"): ("ชุดข้อมูลที่เชื่อมกันได้", "Datasets that can be joined"),
    ("linkage", "group"): ("กลุ่มชุดข้อมูลที่เชื่อมถึงกัน", "Groups of joinable datasets"),
    ("linkage", "isolated"): ("ชุดข้อมูลที่ยังเชื่อมกับชุดอื่นไม่ได้", "Datasets that join nothing"),
    ("linkage", "personal_key"): ("คีย์ที่ระบุตัวบุคคลได้", "Keys that identify a person"),
    ("health", "figure"): ("สุขภาพของเครือข่ายโดยสรุป", "The health of the network at a glance"),
    ("health", "network"): ("เครือข่ายการใช้ร่วมทั้งหมด", "The sharing network as a whole"),
    ("health", "coalition"): ("แต่ละกลุ่มความร่วมมือ", "Each coalition on its own ties"),
    ("health", "agency"): ("ความเชื่อมโยงของแต่ละหน่วยงาน", "Each agency's ties"),
    ("health", "measure"): ("ความหมายของตัวชี้วัดสุขภาพเครือข่าย", "What the health figures mean"),
}

# the headings of the keys the analyses return, Thai and English
_HEADINGS = {
    "agency": ("หน่วยงาน", "Agency"), "agency_a": ("หน่วยงาน ก", "Agency A"), "agency_b": ("หน่วยงาน ข", "Agency B"),
    "agencies": ("หน่วยงาน", "Agencies"), "asset": ("ทรัพยากร", "Asset"), "assets": ("ทรัพยากร", "Assets"),
    "shared": ("จำนวนที่ใช้ร่วม", "Shared"), "shared_assets": ("ทรัพยากรที่ใช้ร่วม", "Shared assets"),
    "by_dimension": ("แยกตามมิติ", "By dimension"), "partners": ("หน่วยงานที่ร่วมมือ", "Partners"),
    "degree": ("ระดับการเชื่อมโยง", "Degree"), "betweenness": ("ความเป็นตัวกลาง", "Betweenness"),
    "eigenvector": ("ความสำคัญเชิงเครือข่าย", "Eigenvector"), "effective_size": ("ขนาดเครือข่ายที่แท้จริง", "Effective size"),
    "constraint": ("ความผูกขาดของเครือข่าย", "Constraint"), "single_point": ("จุดเปราะบาง", "Single point"),
    "node": ("หน่วยงาน/ทรัพยากร", "Agency or asset"), "pieces": ("ส่วนที่แยกออก", "Pieces"),
    "cut_off_ids": ("หน่วยงานที่จะขาดการเชื่อมต่อ", "Would be cut off"), "measure": ("ตัวชี้วัด", "Measure"),
    "coalition": ("กลุ่ม", "Coalition"), "name": ("ชื่อ", "Name"), "size": ("จำนวน", "Size"),
    "coalitions": ("จำนวนกลุ่ม", "Coalitions"), "modularity": ("ค่าความเป็นกลุ่ม", "Modularity"),
    "issue": ("ประเด็น", "Issue"), "issues": ("ประเด็น", "Issues"), "coverage": ("การรองรับ", "Coverage"),
    "dimensions_missing": ("มิติที่ยังขาด", "Dimensions missing"), "target_group": ("กลุ่มเป้าหมาย", "Target group"),
    "district": ("อำเภอ", "District"), "kind": ("ประเภท", "Kind"), "dimension": ("มิติ", "Dimension"),
    "leverage": ("พลังคานงัด", "Leverage"), "position": ("ตำแหน่งในห่วงโซ่", "Position"),
    "direct_effects": ("ผลโดยตรง", "Direct effects"), "cycle": ("วงจร", "Circle"), "length": ("ความยาว", "Length"),
    "root": ("สาเหตุราก", "Root cause"), "path": ("เส้นทาง", "Path"), "breaks_cycle": ("ช่วยตัดวงจร", "Breaks a circle"),
    "at_root": ("แก้ที่ต้นเหตุ", "At the root"), "rank": ("ลำดับ", "Rank"), "score": ("คะแนน", "Score"),
    "holders": ("หน่วยงานเจ้าของ", "Held by"), "dataset_a": ("ชุดข้อมูล ก", "Dataset A"),
    "dataset_b": ("ชุดข้อมูล ข", "Dataset B"), "dataset": ("ชุดข้อมูล", "Dataset"), "datasets": ("ชุดข้อมูล", "Datasets"),
    "dataset_ids": ("ชุดข้อมูล", "Datasets"), "key": ("คีย์เชื่อมโยง", "Link key"), "join_level": ("ระดับที่เชื่อม", "Joined at"),
    "personal": ("ข้อมูลส่วนบุคคล", "Personal data"), "scope": ("คีย์ที่ใช้", "Keys used"), "group": ("กลุ่ม", "Group"),
    "joins": ("จำนวนคู่ที่เชื่อมได้", "Joins"), "granularity": ("ระดับข้อมูล", "Granularity"),
    "reason": ("คำอธิบาย", "Why"), "meaning": ("ความหมาย", "Meaning"), "id": ("รหัส", "Id"),
    "covered": ("มีทรัพยากรรองรับ", "Covered"), "root_cause": ("สาเหตุราก", "Root cause"),
    "loop_name": ("วงจร", "Loop"), "loop_type": ("เสริมแรงหรือสมดุล", "Reinforcing or balancing"),
    "link_assets": ("ทรัพยากรที่ทำงานกับความสัมพันธ์ในวงจร", "Assets acting on its links"),
    "label": ("ตัวชี้วัด", "Figure"), "shown": ("ค่า", "Value"), "based_on": ("คำนวณจาก", "Based on"),
    "density": ("ความหนาแน่น", "Density"), "centralisation": ("การรวมศูนย์", "Degree centralisation"),
    "density_by_dimension": ("ความหนาแน่นแยกตามมิติ", "Density by dimension"),
    "efficiency": ("ประสิทธิภาพของความเชื่อมโยง", "Efficiency"),
    "relative_connectivity": ("ความเชื่อมโยงเทียบกับหน่วยงานที่เชื่อมโยงมากที่สุด", "Relative connectivity"),
    "ties": ("จำนวนความเชื่อมโยง", "Ties"), "mean_effective_size": ("ความเชื่อมโยงที่ไม่ซ้ำซ้อนเฉลี่ย", "Mean non-redundant ties"),
}

# Column lists: (key, how). ``reason`` is the row's reason (or meaning) in the chosen language.
# how: text | long | num | bool | dims (counts by dimension) | dim (one) | dimlist | names (a list of
# names) | ids (a list of ids, written as the entities' names) | value (a controlled value)
COLUMNS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("sharing", "pair"): (("agency_a", "text"), ("agency_b", "text"), ("shared", "num"),
                          ("by_dimension", "dims"), ("assets", "names")),
    ("sharing", "unshared"): (("agency", "text"), ("assets", "num"), ("by_dimension", "dims")),
    ("brokers", "agency"): (("agency", "text"), ("partners", "num"), ("shared_assets", "num"),
                            ("betweenness", "num"), ("eigenvector", "num"), ("single_point", "bool"),
                            ("reason", "long")),
    ("brokers", "single_point"): (("node", "text"), ("kind", "value"), ("cut_off_ids", "ids"), ("pieces", "num")),
    ("brokers", "measure"): (("measure", "value"), ("reason", "long")),
    ("coalitions", "coalition"): (("coalition", "num"), ("size", "num"), ("name", "long"), ("agencies", "names")),
    ("coalitions", "summary"): (("coalitions", "num"), ("agencies", "num"), ("modularity", "num")),
    ("gaps", "issue"): (("issue", "text"), ("coverage", "value"), ("assets", "num"), ("by_dimension", "dims"),
                        ("dimensions_missing", "dimlist"), ("agencies", "names")),
    ("gaps", "target_group"): (("target_group", "text"), ("assets", "num"), ("by_dimension", "dims"),
                               ("agencies", "names")),
    ("gaps", "district"): (("district", "text"), ("assets", "num"), ("by_dimension", "dims"), ("agencies", "names")),
    ("gaps", "uncovered"): (("kind", "value"), ("name", "text"), ("reason", "long")),
    ("gaps", "one_dimension"): (("issue", "text"), ("dimension", "dim"), ("assets", "num"), ("reason", "long")),
    ("causes", "root"): (("issue", "text"), ("leverage", "num"), ("assets", "num"), ("reason", "long")),
    ("causes", "leverage"): (("issue", "text"), ("position", "value"), ("leverage", "num"),
                             ("direct_effects", "num"), ("assets", "num")),
    ("causes", "cycle"): (("loop_name", "long"), ("loop_type", "value"), ("length", "num"), ("assets", "num"),
                          ("reason", "long")),
    ("causes", "path"): (("root", "text"), ("issue", "text"), ("length", "num"), ("path", "long")),
    ("causes", "asset"): (("asset", "text"), ("dimension", "dim"), ("position", "value"),
                          ("breaks_cycle", "bool"), ("reason", "long")),
    ("causes", "issue"): (("issue", "text"), ("at_root", "bool"), ("assets", "num"), ("reason", "long")),
    ("opportunities", "pair"): (("rank", "num"), ("agency_a", "text"), ("agency_b", "text"), ("score", "num"),
                                ("reason", "long")),
    ("opportunities", "suggestion"): (("rank", "num"), ("agency", "text"), ("asset", "text"), ("holders", "names"),
                                      ("score", "num"), ("reason", "long")),
    ("linkage", "join"): (("dataset_a", "text"), ("dataset_b", "text"), ("key", "text"),
                          ("join_level", "value"), ("personal", "bool"), ("reason", "long")),
    ("linkage", "group"): (("scope", "value"), ("group", "num"), ("size", "num"), ("datasets", "names")),
    ("linkage", "isolated"): (("dataset", "text"), ("reason", "long")),
    ("linkage", "personal_key"): (("key", "text"), ("dataset_ids", "ids"), ("joins", "num"), ("reason", "long")),
    ("health", "figure"): (("label", "text"), ("shown", "text"), ("reason", "long")),
    ("health", "network"): (("agencies", "num"), ("ties", "num"), ("density", "num"), ("centralisation", "num"),
                            ("mean_effective_size", "num"), ("reason", "long")),
    ("health", "coalition"): (("coalition", "num"), ("name", "long"), ("agencies", "num"), ("density", "num"),
                              ("centralisation", "num"), ("reason", "long")),
    ("health", "agency"): (("agency", "text"), ("partners", "num"), ("relative_connectivity", "num"),
                           ("effective_size", "num"), ("efficiency", "num")),
    ("health", "measure"): (("measure", "value"), ("reason", "long")),
}

# controlled values that rows carry as codes, by name in Thai and English
_VALUES = {
    "agency": ("หน่วยงาน", "agency"), "resource": ("ทรัพยากร", "resource"), "dataset": ("ชุดข้อมูล", "dataset"),
    "issue": ("ประเด็นปัญหา", "issue"), "cause": ("สาเหตุ", "cause"), "target_group": ("กลุ่มเป้าหมาย", "target group"),
    "district": ("อำเภอ", "district"), "direct": ("โดยตรง", "direct"), "through_cause": ("ผ่านสาเหตุ", "through a cause"),
    "none": ("ยังไม่มี", "none"), "root": ("สาเหตุราก", "root cause"), "intermediate": ("สาเหตุกลางทาง", "intermediate"),
    "symptom": ("ปลายเหตุ", "symptom"), "reinforcing": ("เสริมแรง", "reinforcing"), "balancing": ("สมดุล", "balancing"), "unlinked": ("ไม่อยู่ในห่วงโซ่", "not in a chain"),
    "all_keys": ("ทุกคีย์", "any key"), "non_personal_keys": ("เฉพาะคีย์ที่ไม่ใช่ข้อมูลส่วนบุคคล", "non-personal keys only"),
    "person": ("บุคคล", "person"), "household": ("ครัวเรือน", "household"), "school": ("โรงเรียน", "school"),
    "subdistrict": ("ตำบล", "subdistrict"), "province": ("จังหวัด", "province"),
}
# the four dimensions, short (a table cell has little room)
_DIMENSIONS_SHORT = {"data": ("ข้อมูล", "Data"), "operations": ("การดำเนินงาน", "Operations"),
                     "knowledge": ("องค์ความรู้", "Knowledge"), "policy": ("นโยบาย", "Policy")}


def value_name(value, lang: str) -> str:
    """A controlled value (or a measure's key) by its name in ``lang``; anything else as it is."""
    key = str(value)
    if key in _VALUES:
        return _VALUES[key][0 if lang == "th" else 1]
    if key in _HEADINGS:
        return _HEADINGS[key][0 if lang == "th" else 1]
    return key


def _dimension(key, lang: str) -> str:
    names = _DIMENSIONS_SHORT.get(str(key))
    return names[0 if lang == "th" else 1] if names else str(key)


def _number(value: float) -> str:
    """Rounded for reading: at most three decimals, fewer as the number grows."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return ""
    if value == 0 or abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}" if abs(value) >= 0.001 else ("<0.001" if value > 0 else ">-0.001")


def _listed(names: list[str], lang: str) -> str:
    shown = ", ".join(names[:LIST_MAX])
    more = len(names) - LIST_MAX
    if more > 0:
        shown += f" และอีก {more}" if lang == "th" else f" and {more} more"
    return shown


def cell_text(value, how: str, lang: str, name: Callable[[str], str] = str) -> str:
    """The text of one cell: ``value`` written as ``how`` says (see :data:`COLUMNS`)."""
    if value is None or value == "" or value == []:
        return ""
    if how == "num":
        return _number(value) if isinstance(value, (int, float)) else str(value)
    if how == "bool":
        return ("ใช่" if lang == "th" else "yes") if value else ""
    if how == "dims":
        if not isinstance(value, Mapping):
            return str(value)
        order = [k for k in DIMENSION_ORDER if k in value] + [k for k in value if k not in DIMENSION_ORDER]
        return " · ".join(f"{_dimension(k, lang)} {value[k]:,}" for k in order if value[k])
    if how == "dim":
        return _dimension(value, lang)
    if how == "dimlist":
        return ", ".join(_dimension(k, lang) for k in value)
    if how == "names":
        return _listed([str(v) for v in value], lang) if isinstance(value, (list, tuple)) else str(value)
    if how == "ids":
        return _listed([name(str(v)) for v in value], lang) if isinstance(value, (list, tuple)) else name(str(value))
    if how == "value":
        return value_name(value, lang)
    return str(value)


def _sort_key(value, how: str) -> str | None:
    if how == "num" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    if how == "bool":
        return "1" if value else "0"
    if how == "dims" and isinstance(value, Mapping):
        return str(sum(v for v in value.values() if isinstance(v, (int, float))))
    if how in ("names", "ids", "dimlist") and isinstance(value, (list, tuple)):
        return str(len(value))
    return None


def _reason(row: Mapping, lang: str):
    if lang == "th":
        return row.get("reason_th") or row.get("meaning_th")
    return row.get("reason") or row.get("meaning")


def _columns(analysis: str, section: str, rows: list[dict], lang: str) -> list[tuple[str, str]]:
    spec = COLUMNS.get((analysis, section))
    if spec is None:  # a section this module does not know: its plain columns that have a heading
        keys: list[str] = []
        for row in rows:
            keys += [k for k in row if k not in keys]
        spec = tuple((k, "num" if any(isinstance(r.get(k), (int, float)) for r in rows) else "text")
                     for k in keys if k in _HEADINGS and k not in ("reason", "meaning")
                     and all(not isinstance(r.get(k), (list, dict)) for r in rows))
        if any(_reason(r, lang) for r in rows):
            spec += (("reason", "long"),)
    present = [(k, how) for k, how in spec
               if any((_reason(r, lang) if k == "reason" else r.get(k)) not in (None, "", []) for r in rows)]
    return present


def analysis_table(analysis: str, section: str, rows: list[dict], *, lang: str = "th",
                   name: Callable[[str], str] = str, max_rows: int = 500, print_rows: int = PRINT_ROWS,
                   ident: str | None = None) -> str:
    """One section's rows as an HTML table (columns sort on a click), with notes on the rows
    left out: past ``max_rows`` on screen, past ``print_rows`` on paper.

    ``name`` turns an entity id into its name (for id lists); every text is escaped.
    """
    index = 0 if lang == "th" else 1
    columns = _columns(analysis, section, rows, lang)
    head = "".join(
        f'<th scope="col" class="{"long" if how == "long" else ("num" if how == "num" else "")}">'
        f'<button type="button">{html.escape(_HEADINGS.get(key, (key, key))[index])}</button></th>'
        for key, how in columns)
    body = []
    for number, row in enumerate(rows[:max_rows]):
        cells = []
        for key, how in columns:
            value = _reason(row, lang) if key == "reason" else row.get(key)
            text = cell_text(value, how, lang, name)
            sort = _sort_key(value, how)
            kind = "num" if how == "num" else ("long" if how == "long" or len(text) > 80 else "")
            attrs = (f' class="{kind}"' if kind else "") + (f' data-sort="{html.escape(sort)}"' if sort else "")
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        extra = ' class="abr-more"' if number >= print_rows else ""
        body.append(f"<tr{extra}>" + "".join(cells) + "</tr>")
    notes = []
    command = f"abegraph analyze {analysis} --format csv"
    if len(rows) > max_rows:
        notes.append(f'<p class="abr-note">' + html.escape(
            f"แสดง {max_rows:,} แถวแรกจาก {len(rows):,} แถว ดูทั้งหมดด้วย {command}" if lang == "th" else
            f"The first {max_rows:,} of {len(rows):,} rows; all of them: {command}") + "</p>")
    if len(rows) > print_rows:
        notes.append('<p class="abr-note abr-print-only">' + html.escape(
            f"พิมพ์ {print_rows:,} แถวแรกจาก {len(rows):,} แถว ที่เหลืออยู่ในไฟล์ HTML ของแผนที่นี้ และ {command}"
            if lang == "th" else
            f"The first {print_rows:,} of {len(rows):,} rows are printed; the rest are in this atlas's HTML file "
            f"and {command}") + "</p>")
    ident_attr = f' id="{html.escape(ident)}"' if ident else ""
    return (f'<div class="abr-scroll"{ident_attr}><table class="abr-table" data-analysis="{html.escape(analysis)}" '
            f'data-section="{html.escape(section)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{''.join(notes)}")
