"""The review workbook of ``abegraph link``: proposals out, the coordinator's decisions in.

Sheet ``matches`` (``การจับคู่``) has one row per proposed pair. The ``decision`` column takes
``accept`` / ``reject`` (or ``ยอมรับ`` / ``ปฏิเสธ``); confident pairs come filled in with
``accept``, the rest are left blank to decide. Sheet ``conflicts`` lists facts the sources
disagree on. :func:`read_review` refuses a badly edited file and names the row.

Example
-------
>>> from pathlib import Path; import tempfile
>>> from abegraph.linking.matching import Proposal, Reason
>>> p = Proposal("https://w3id.org/abegraph/id/agency/A", "https://w3id.org/abegraph/id/agency/B", "agency",
...              0.97, True, (Reason("same name", "ชื่อเดียวกัน"),))
>>> path = Path(tempfile.mkdtemp()) / "review.xlsx"
>>> write_review(path, [p], names={p.a: "สพป.ขอนแก่น เขต 1", p.b: "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1"},
...              sources={p.a: "table-1", p.b: "table-2"})
>>> [(d.a[-1], d.b[-1], d.decision) for d in read_review(path, known={p.a: "agency", p.b: "agency"})]
[('A', 'B', 'accept')]
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from abegraph.exceptions import LoadError
from abegraph.formats import set_cell, set_row
from abegraph.linking.linkset import Conflict, Decision, fact_name
from abegraph.linking.matching import Clusters, Proposal
from abegraph.loaders.problems import Problem, Report
from abegraph.loaders.schema import SHEETS
from abegraph.thai.text import clean, match_key

__all__ = ["write_review", "read_review", "kind_name", "COLUMNS", "DECISIONS"]

#: column key -> (English heading, Thai heading)
COLUMNS = {
    "decision": ("decision", "การตัดสินใจ"),
    "score": ("score", "คะแนน"),
    "kind": ("kind", "ประเภท"),
    "name_a": ("name_a", "ชื่อ ก"),
    "source_a": ("source_a", "แหล่งข้อมูล ก"),
    "name_b": ("name_b", "ชื่อ ข"),
    "source_b": ("source_b", "แหล่งข้อมูล ข"),
    "reasons": ("reasons", "เหตุผล"),
    "id_a": ("id_a", "รหัส ก"),
    "id_b": ("id_b", "รหัส ข"),
}
#: what may be typed in the decision column -> the decision
DECISIONS = {"accept": "accept", "yes": "accept", "ยอมรับ": "accept", "ใช่": "accept",
             "reject": "reject", "no": "reject", "ปฏิเสธ": "reject", "ไม่ใช่": "reject"}
#: the workbook sheet each kind of entity is typed in: a Thai review names the kind as that sheet does
_KIND_SHEETS = {"agency": "agencies", "resource": "resources", "dataset": "datasets", "issue": "issues"}
_SHEET = ("matches", "การจับคู่")
_CONFLICTS = ("conflicts", "ข้อมูลขัดแย้ง")
_HELP = {
    "en": ["How to review the proposed matches",
           "Each row of 'matches' is two entries from different sources that may be the same agency, "
           "resource, dataset or issue.",
           "Type accept in the decision column when they are the same thing, reject when they are not; "
           "leave it blank to decide later.",
           "Rows already marked accept scored as confident matches: check them too, and change any you disagree with.",
           "Then run: abegraph link --apply THIS-FILE. Undo every match with: abegraph link --remove.",
           "The sheet 'conflicts' lists facts the sources state differently; correct the workbooks and load them again."],
    "th": ["วิธีตรวจคู่ที่ระบบเสนอ",
           "แต่ละแถวในชีต 'การจับคู่' คือรายการสองรายการจากต่างแหล่งข้อมูล ที่อาจเป็นหน่วยงาน ทรัพยากร ชุดข้อมูล "
           "หรือประเด็นเดียวกัน",
           "พิมพ์ ยอมรับ (accept) ในคอลัมน์การตัดสินใจเมื่อเป็นสิ่งเดียวกัน หรือ ปฏิเสธ (reject) เมื่อไม่ใช่ "
           "เว้นว่างไว้หากยังไม่แน่ใจ",
           "แถวที่ใส่ ยอมรับ ไว้แล้วคือคู่ที่คะแนนสูงมาก โปรดตรวจด้วยและแก้หากไม่เห็นด้วย",
           "จากนั้นสั่ง: abegraph link --apply ชื่อไฟล์นี้  ยกเลิกการจับคู่ทั้งหมดด้วย: abegraph link --remove",
           "ชีต 'ข้อมูลขัดแย้ง' แสดงข้อมูลที่แหล่งข้อมูลระบุไม่ตรงกัน ให้แก้ในสมุดงานแล้วโหลดใหม่"],
}


def kind_name(kind: str, lang: str = "en") -> str:
    """A kind of entity as the review workbook shows it: in Thai, the name of the workbook sheet
    it is typed in.

    >>> kind_name("agency", "th"), kind_name("dataset", "th"), kind_name("agency")
    ('หน่วยงาน', 'ชุดข้อมูล', 'agency')
    """
    sheet = SHEETS.get(_KIND_SHEETS.get(kind, ""))
    return sheet.name_th if lang == "th" and sheet else kind


def write_review(path: Path, proposals: list[Proposal], *, names: dict[str, str], sources: dict[str, str],
                 conflicts: list[Conflict] = (), lang: str = "th") -> None:
    """Write the review workbook (headings, kinds and the confident pairs' ``accept`` in
    ``lang``; both languages are read back)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    th = lang == "th"
    wb = openpyxl.Workbook()
    help_sheet = wb.active
    help_sheet.title = "คำอธิบาย" if th else "instructions"
    for r, line in enumerate(_HELP["th" if th else "en"], start=1):
        set_cell(help_sheet, r, 1, line).font = Font(bold=r == 1)
    help_sheet.column_dimensions["A"].width = 120
    ws = wb.create_sheet(_SHEET[1] if th else _SHEET[0])
    for cell in set_row(ws, 1, [heading[1] if th else heading[0] for heading in COLUMNS.values()]):
        cell.font = Font(bold=True)
    for n, p in enumerate(proposals, start=2):  # names and sources are the user's text: never formulas
        set_row(ws, n, [("ยอมรับ" if th else "accept") if p.confident else "", p.score, kind_name(p.kind, lang),
                        names.get(p.a, p.a), sources.get(p.a, ""),
                        names.get(p.b, p.b), sources.get(p.b, ""), p.reason_text(lang), p.a, p.b])
    choices = DataValidation(type="list", formula1='"accept,reject,ยอมรับ,ปฏิเสธ"', allow_blank=True)
    ws.add_data_validation(choices)
    choices.add(f"A2:A{max(2, len(proposals) + 1)}")
    for letter, width in zip("ABCDEFGHIJ", (12, 8, 10, 45, 16, 45, 16, 70, 30, 30)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    cs = wb.create_sheet(_CONFLICTS[1] if th else _CONFLICTS[0])
    for cell in set_row(cs, 1, ["ประเภท", "สิ่งที่ขัดแย้ง", "เรื่อง", "รายละเอียด"] if th else ["kind", "entity", "fact", "detail"]):
        cell.font = Font(bold=True)
    for n, c in enumerate(conflicts, start=2):
        set_row(cs, n, [kind_name(c.kind, lang), c.label, fact_name(c.fact, lang), c.describe(lang)])
    cs.column_dimensions["B"].width = 40
    cs.column_dimensions["D"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _headings() -> dict[str, str]:
    out = {}
    for key, (en, th) in COLUMNS.items():
        out[match_key(en)] = key
        out[match_key(th)] = key
    return out


def read_review(path: Path, *, known: dict[str, str]) -> list[Decision]:
    """The decided rows of a review workbook. ``known`` maps every entity IRI in the store to
    its kind. Raises :class:`LoadError` naming each bad row: an unknown id, a decision that is
    neither accept nor reject, two entities of different kinds, a pair both accepted and rejected."""
    import openpyxl

    report = Report()
    file = Path(path).name
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not xlsx
        report.add(Problem("not_a_workbook", file=file, detail=str(err)[:120]))
        raise LoadError(f"{file}: not a review workbook", report) from None
    sheet = next((wb[n] for n in wb.sheetnames if match_key(n) in {match_key(s) for s in _SHEET}), None)
    if sheet is None:
        report.add(Problem("link_no_sheet", file=file, detail=", ".join(wb.sheetnames)))
        raise LoadError(f"{file}: no matches sheet", report)
    rows = sheet.iter_rows(values_only=True)
    header = [_headings().get(match_key(clean(h)), "") for h in next(rows, ())]
    missing = [k for k in ("decision", "id_a", "id_b") if k not in header]
    if missing:
        report.add(Problem("link_missing_column", file=file, sheet=sheet.title, row=1, detail=", ".join(missing)))
        raise LoadError(f"{file}: columns missing", report)
    out, seen = [], defaultdict(list)
    for number, values in enumerate(rows, start=2):
        row = {key: clean(v) for key, v in zip(header, values) if key}
        if not any(row.values()):
            continue
        typed = row.get("decision", "")
        if not typed:
            continue
        where = dict(file=file, sheet=sheet.title, row=number)
        decision = DECISIONS.get(typed.casefold())
        if decision is None:
            report.add(Problem("link_bad_decision", column="decision", value=typed, **where))
            continue
        a, b = row.get("id_a", ""), row.get("id_b", "")
        bad = [(col, v) for col, v in (("id_a", a), ("id_b", b)) if v not in known]
        for col, v in bad:
            report.add(Problem("link_unknown_id", column=col, value=v, **where))
        if bad:
            continue
        if a == b or known[a] != known[b]:
            report.add(Problem("link_kind_mismatch", column="id_b", value=f"{known[a]} / {known[b]}", **where))
            continue
        score = _number(row.get("score", ""))
        d = Decision(a, b, decision, score, row.get("reasons", ""), "")
        seen[d.pair].append((number, decision))
        out.append(d)
    for pair, marks in seen.items():
        if len({m for _, m in marks}) > 1:
            rows_text = ", ".join(str(n) for n, _ in marks)
            report.add(Problem("link_contradiction", file=file, sheet=sheet.title, row=marks[-1][0],
                               column="decision", detail=rows_text))
    report.problems += _rejected_but_joined(out, seen, file, sheet.title)
    if report.errors:
        raise LoadError(f"{file}: the review file has mistakes; nothing was applied", report)
    return out


def _rejected_but_joined(decisions: list[Decision], seen, file: str, sheet: str) -> list[Problem]:
    """Rows whose accepted pairs chain two entities that another row rejects."""

    clusters = Clusters()
    for d in decisions:
        if d.decision == "accept":
            clusters.join(d.a, d.b)
    out = []
    for d in decisions:
        if d.decision == "reject" and clusters.find(d.a) == clusters.find(d.b):
            row = seen[d.pair][0][0]
            out.append(Problem("link_rejected_joined", file=file, sheet=sheet, row=row, column="decision"))
    return out


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
