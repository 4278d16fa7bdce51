"""Build the hostile and broken input files in ``tests/data/hostile`` (run: python tests/data/build_hostile.py).

Every file here is small on disk and would take the machine (or crash the reader) if it were
read naively: a cell at the last column and row, a merged range over the whole sheet, a
shared-strings table of millions of entries, XML entity tricks, CSV fields over Python's
limit, JSON nested far past the recursion limit, quads naming other sources' graphs. The
tests read these files; the files are committed and this script says how each was made.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
OUT = HERE / "hostile"

RESOURCES = [
    ["id", "name_th", "name_en", "dimension", "type", "held_by", "amount_thb"],
    ["H-R1", "ทุนการศึกษา", "Scholarships", "2", "budget", "อบจ.ขอนแก่น", "1500000"],
    ["H-R2", "ระบบติดตามเด็ก", "Follow-up system", "1", "other", "KKPAO", ""],
]
AGENCIES = [["id", "name_th", "name_en", "abbreviations"], ["KKPAO", "องค์การบริหารส่วนจังหวัดขอนแก่น", "Khon Kaen PAO", "อบจ.ขอนแก่น"]]


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _patched(data: bytes, member: str, change, added: dict[str, str] | None = None) -> bytes:
    """The workbook ``data`` with one zip member's text replaced by ``change(text)`` (and
    members ``added``); other members' texts may be changed by giving ``member`` a dict."""
    changes = member if isinstance(member, dict) else {member: change}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in changes:
                content = changes[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
        for name, text in (added or {}).items():
            target.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _sheet(index: int = 1) -> str:
    return f"xl/worksheets/sheet{index}.xml"


def build(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}
    base = _workbook({"agencies": AGENCIES, "resources": RESOURCES})

    # one cell at the last column of the last row: an 8 KB file whose used range is 17 billion cells
    book = openpyxl.load_workbook(io.BytesIO(base))
    book["resources"]["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    written["cell-xfd1048576.xlsx"] = buffer.getvalue()

    # a merged range from A5 to the end of the sheet (written into the XML: openpyxl would expand it)
    written["merged-to-the-end.xlsx"] = _patched(base, _sheet(2), lambda xml: xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>'))

    # a shared-strings table of 2,000,000 entries (well past the bound) that deflates to a few KB;
    # openpyxl writes inline strings, so the table, its relationship and its content type are added
    strings_book = _workbook({"resources": RESOURCES})
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    table = (f'<sst xmlns="{main}" count="2000000" uniqueCount="2000000">'
             + "<si><t>x</t></si>" * 2_000_000 + "</sst>")
    written["shared-strings-2m.xlsx"] = _patched(strings_book, {
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace("</Relationships>", (
            '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml" Id="rId99"/></Relationships>')),
        "[Content_Types].xml": lambda xml: xml.replace("</Types>", (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')),
        _sheet(1): lambda xml: xml.replace('<c r="B2" t="inlineStr"><is><t>ทุนการศึกษา</t></is></c>',
                                                      '<c r="B2" t="s"><v>1999999</v></c>'),
    }, None, {"xl/sharedStrings.xml": table})

    # XML entity tricks inside a workbook part: an external entity, an undefined one, broken XML
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    written["xxe.xlsx"] = _patched(base, _sheet(2),
                                   lambda xml: doctype + xml.replace("<t>H-R1</t>", "<t>&xxe;</t>"))
    written["undefined-entity.xlsx"] = _patched(base, _sheet(2), lambda xml: xml.replace(
        "</sheetData>", '<row r="9"><c r="A9" t="inlineStr"><is><t>&nope;</t></is></c></row></sheetData>'))
    written["malformed-xml.xlsx"] = _patched(base, _sheet(2), lambda xml: xml.replace("</sheetData>", "<row>"))

    # RDF/XML: a billion laughs in 1 KB, and an external entity
    laughs = ['<?xml version="1.0"?>', "<!DOCTYPE rdf:RDF [", '  <!ENTITY a "ha ha ha ha ha ha ha ha ha ha">']
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        laughs.append(f'  <!ENTITY {chr(ord("a") + level)} "{("&" + previous + ";") * 10}">')
    laughs += ["]>", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">',
               '  <rdf:Description rdf:about="http://example.org/x"><rdfs:label>&j;</rdfs:label></rdf:Description>',
               "</rdf:RDF>", ""]
    written["billion-laughs.rdf"] = "\n".join(laughs).encode()
    written["xxe.rdf"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '  <rdf:Description rdf:about="http://example.org/x"><rdfs:label>&xxe;</rdfs:label></rdf:Description>\n'
        "</rdf:RDF>\n").encode()
    # entity abbreviations for namespaces, as Protégé writes them: harmless, and read
    written["entity-abbreviations.rdf"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY ex "http://example.org/" >\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '  <rdf:Description rdf:about="&ex;x"><rdfs:label>x</rdfs:label></rdf:Description>\n'
        "</rdf:RDF>\n").encode()

    # CSV: a field longer than Python's csv limit (131,072 characters), and a quote never closed
    header = ",".join(RESOURCES[0]) + "\n"
    written["csv-long-field/resources.csv"] = (
        header + 'H-R1,"' + "ก" * 140_000 + '",Scholarships,2,budget,KKPAO,\n').encode()
    written["csv-unterminated/resources.csv"] = (
        header + 'H-R1,"ทุนการศึกษา,Scholarships,2,budget,KKPAO,\nH-R2,ระบบ,Follow-up,1,other,KKPAO,\n').encode()

    # CKAN JSON nested 200,000 deep
    written["deep.json"] = ('{"success": true, "result": ' + "[" * 200_000 + "]" * 200_000 + "}").encode()

    # CKAN: one page of package_search (count says 4,210), the same packages as ckanapi dump's JSON
    # lines, and a package_show record without its title (or resources)
    search = json.loads((HERE / "ckan" / "data-go-th-package-search.json").read_text(encoding="utf-8"))
    page = json.loads(json.dumps(search))
    page["result"]["count"] = 4210
    written["ckan-one-page.json"] = json.dumps(page, ensure_ascii=False, indent=1).encode()
    written["ckan-dump.jsonl"] = "".join(json.dumps(p, ensure_ascii=False) + "\n"
                                         for p in search["result"]["results"]).encode()
    untitled = {key: value for key, value in search["result"]["results"][0].items()
                if key not in ("title", "resources", "organization")}
    written["ckan-show-untitled.json"] = json.dumps({"help": "", "success": True, "result": untitled},
                                                    ensure_ascii=False, indent=1).encode()

    # a row to reject whose cells hold characters no workbook can hold (NUL, BEL, U+FFFE), beside a good row
    written["rejects-control-chars/agencies.csv"] = "".join(",".join(r) + "\n" for r in AGENCIES).encode()
    written["rejects-control-chars/resources.csv"] = (
        ",".join(RESOURCES[0]) + "\n" + ",".join(RESOURCES[1]) + "\n"
        + "H-R9,ทุน\x00การ\x07ศึกษา\ufffe,Bad,2,budget,nobody-knows,\n").encode()

    # quad files that name graphs they do not own: another source's, the vocabulary, the journal
    graph = "https://w3id.org/abegraph/graph/"
    quad = '<http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" <{}> .\n'
    written["other-source.nq"] = quad.format(graph + "table3-utf8").encode()
    written["into-vocabulary.trig"] = (f'<{graph}vocabulary> {{ <http://example.org/x> '
                                       '<http://www.w3.org/2000/01/rdf-schema#label> "x" . }\n').encode()
    written["into-journal.nq"] = ('<https://w3id.org/abegraph/graph/table3-utf8> <urn:abegraph:loading> "loading" '
                                  '<urn:abegraph:journal> .\n').encode()

    # a citizen ID (3400100123458, check digit valid) hidden in every way a keyboard allows, one row each,
    # beside a foundation's juristic number (0994000617721: public, loads) on the first row
    disguises = {"zero-width space": "34001\u200b00123458", "soft hyphen": "3400\u00ad100123458",
                 "no-break spaces": "3\u00a04001\u00a000123\u00a045\u00a08", "double spaces": "3  4001  00123  45  8",
                 "tabs": "3\t4001\t00123\t45\t8", "line breaks": "3\n4001\n00123\n45\n8",
                 "dots": "3.4001.00123.45.8", "slashes": "3/4001/00123/45/8", "en dashes": "3\u20134001\u201300123\u201345\u20138",
                 "spaced hyphens": "3 - 4001 - 00123 - 45 - 8", "Thai digits": "๓๔๐๐๑๐๐๑๒๓๔๕๘"}
    rows = [["id", "name_th", "dimension", "held_by", "description"],
            ["H-P0", "มูลนิธิ", "4", "KKPAO", "เลขทะเบียนนิติบุคคล 0-99-4-000-61772-1"]]
    rows += [[f"H-P{i}", f"ทรัพยากร {i}", "2", "KKPAO", f"{how}: {text}"]
             for i, (how, text) in enumerate(disguises.items(), start=1)]
    written["personal-disguised/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["personal-disguised/resources.csv"] = _csv(rows)
    # the same ID in RDF, as the parser sees it only: \u escapes, character references, Thai digits
    escaped = "".join(f"\\u{ord(c):04X}" for c in "3400100123458")
    label = "<http://example.org/r> <http://www.w3.org/2000/01/rdf-schema#label>"
    written["personal-escapes.ttl"] = f'{label} "ID {escaped}" .\n'.encode()
    written["personal-escapes.trig"] = f'<https://w3id.org/abegraph/graph/personal-escapes-trig> {{ {label} "{escaped}" . }}\n'.encode()
    written["personal-escapes.jsonld"] = ('{"@id": "http://example.org/r", "http://www.w3.org/2000/01/rdf-schema#label": "'
                                          + escaped + '"}\n').encode()
    written["personal-charrefs.rdf"] = (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n <rdf:Description rdf:about="http://example.org/r">\n'
        '  <rdfs:label>' + "".join(f"&#{ord(c)};" for c in "3400100123458") + '</rdfs:label>\n'
        ' </rdf:Description>\n</rdf:RDF>\n').encode()
    written["personal-thai-digits.ttl"] = f'{label} "เลขบัตร ๓-๔๐๐๑-๐๐๑๒๓-๔๕-๘" .\n'.encode()
    # the ID in names only: a file name, a CSV folder name, a file name inside a folder
    written["table-3-4001-00123-45-8.xlsx"] = _workbook({"agencies": AGENCIES, "resources": RESOURCES})
    written["folder 3400100123458/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["csv-file-name/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["csv-file-name/resources 3400100123458.csv"] = _csv(RESOURCES)

    # the resources sheet (17 rows) renamed Sheet1, in a workbook and in a CSV folder: read by its headings
    seventeen = [RESOURCES[0]] + [[f"H-S{i}", f"ทรัพยากร {i}", f"Resource {i}", str(1 + i % 4), "other", "KKPAO", ""]
                                  for i in range(1, 18)]
    written["resources-as-sheet1.xlsx"] = _workbook({"agencies": AGENCIES, "Sheet1": seventeen})
    written["csv-sheet1/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["csv-sheet1/Sheet1.csv"] = _csv(seventeen)

    # a sheet that looks like the resources sheet but lacks its dimension column, and a second
    # resources-shaped sheet beside the resources sheet: refused, never left out with a warning
    no_dimension = [["id", "name_th", "held_by", "amount_thb", "description"], ["H-N1", "ทุน", "KKPAO", "100", "x"]]
    written["resources-without-dimension.xlsx"] = _workbook({"agencies": AGENCIES, "Sheet1": no_dimension})
    written["two-resources-sheets.xlsx"] = _workbook({"agencies": AGENCIES, "resources": RESOURCES, "Sheet1": seventeen})
    written["csv-two-resources/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["csv-two-resources/resources.csv"] = _csv(RESOURCES)
    written["csv-two-resources/Sheet1.csv"] = _csv(seventeen)
    # a citizen ID in a sheet name (the sheet is read by its headings, its name kept as provenance)
    written["sheet-name-id.xlsx"] = _workbook({"agencies": AGENCIES, "resources 3400100123458": RESOURCES})

    # amounts that are not amounts: an exponent, 10,000 digits, the European decimal comma, and
    # numeric cells (not text) of 1E+400 and 1E+20 in a workbook; a good amount beside them
    amounts = [RESOURCES[0]] + [[f"H-A{i}", f"ทุน {i}", "Fund", "2", "budget", "KKPAO", text] for i, text in enumerate(
        ["1,500,000.50", "1e400", "9" * 10_000, "1.000,50", "1,50", "1.500.000"], start=1)]
    written["amounts/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["amounts/resources.csv"] = _csv(amounts)
    numbers = [RESOURCES[0]] + [[f"H-X{i}", f"ทุน {i}", "Fund", "2", "budget", "KKPAO", n]
                                for i, n in enumerate([1500000.5, 7.0, 8.0], start=1)]
    written["amounts-numeric.xlsx"] = _patched(_workbook({"agencies": AGENCIES, "resources": numbers}), _sheet(2),
                                               lambda xml: xml.replace("<v>7</v>", "<v>1E+400</v>")
                                               .replace("<v>8</v>", "<v>1E+20</v>"))

    # quad files: one that names a new graph, which a workbook then loads into as its own source
    # (the quad file may not take it back), and two that name the same new graph in one load
    rdfs_label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    written["claims-a-graph.nq"] = f'<http://example.org/c> {rdfs_label} "c" <{graph}claimed-table> .\n'.encode()
    written["claimed-table/agencies.csv"] = written["rejects-control-chars/agencies.csv"]
    written["same-graph-a.nq"] = f'<http://example.org/a> {rdfs_label} "a" <{graph}shared-new> .\n'.encode()
    written["same-graph-b.nq"] = f'<http://example.org/b> {rdfs_label} "b" <{graph}shared-new> .\n'.encode()

    # text that a spreadsheet would run as a formula, in names that come back in the link review and
    # diff workbooks: two rounds naming the same agency under other ids, and renaming one
    hyperlink, dde = '=HYPERLINK("http://evil.example/x","คลิกที่นี่")', "=cmd|' /C calc'!A0"
    round1 = [["id", "name_th", "name_en", "abbreviations"],
              ["F1", hyperlink, dde, "@SUM(1+1)"], ["F2", "+สำนักงานเขตพื้นที่การศึกษา", "-2+3", ""]]
    round2 = [["id", "name_th", "name_en", "abbreviations"],
              ["G1", hyperlink, dde, "@SUM(1+1)"], ["F2", "=1+1", "-2+3", ""]]
    formula_resources = [["id", "name_th", "dimension", "held_by", "description"],
                         ["FR1", "=2*3", "1", "F2", "\tstarts with a tab"]]
    written["formulas-round1/agencies.csv"] = _csv(round1)
    written["formulas-round1/resources.csv"] = _csv(formula_resources)
    written["formulas-round2/agencies.csv"] = _csv(round2)
    written["formulas-round2/resources.csv"] = _csv(formula_resources)

    for name, data in written.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return [out / name for name in written]


if __name__ == "__main__":
    for path in build():
        print(f"{path.relative_to(HERE)}  {path.stat().st_size:,} bytes")
