"""The endpoint's query page for people: an editor, the saved questions, results as a table,
and the results to download as CSV or JSON.

The page needs nothing from outside: its script and style are inline (the endpoint's Content
Security Policy allows only those and requests to itself). Every value from the store is
inserted as text, never as HTML. Text is in the page font (the maps' and the atlas's Thai
font stack); only the query editor is monospace. A download asks the endpoint again for the
standard format: JSON is ``application/sparql-results+json`` as the endpoint sends it; CSV is
the SPARQL 1.1 CSV result with a byte-order mark in front, so that Excel on Windows shows
Thai; a CONSTRUCT or DESCRIBE result downloads as Turtle.

Example
-------
>>> from abegraph.graph.questions import questions
>>> from abegraph.server.query_page import page
>>> html = page(questions())
>>> 'value="root-causes"' in html and 'id="download-csv"' in html and "https://" not in html
True
"""
from __future__ import annotations

import html

__all__ = ["page", "FONT"]

#: the page font: the same Thai-first stack as the maps and the atlas
FONT = ('"Sarabun", "Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", "Leelawadee", Tahoma, '
        '"Thonburi", "Loma", "Garuda", "Waree", "Umpush", "Sawasdee", sans-serif')


def page(saved, lang: str = "en") -> str:
    """The query page, offering the saved questions ``saved`` (name -> question), their SPARQL
    and descriptions first in ``lang`` (``en`` or ``th``; the page's language switch).

    >>> 'lang="th"' in page({}, "th") and '<option selected>th</option>' in page({}, "th")
    True
    """
    lang = "th" if lang == "th" else "en"
    options = "\n".join(f'<option value="{html.escape(q.name)}">{html.escape(q.title("en"))} / '
                        f'{html.escape(q.title("th"))}</option>' for q in saved.values())
    languages = "".join(f"<option{' selected' if code == lang else ''}>{code}</option>"
                        for code in ("en", "th"))
    return (_PAGE.replace("{{font}}", FONT).replace("{{options}}", options)
            .replace("{{languages}}", languages).replace("{{lang}}", lang))


_PAGE = """<!DOCTYPE html>
<html lang="{{lang}}"><head><meta charset="utf-8"><title>abegraph SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>
body{font-family:{{font}};margin:1.5rem;max-width:80rem;color:#1a202c;line-height:1.5}
button,select,input{font:inherit}
textarea{width:100%;box-sizing:border-box;height:14rem;font-family:"Tlwg Mono",ui-monospace,monospace;font-size:.9rem}
table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#eef}#status{margin-left:1rem;color:#555}.error{color:#b00}
#downloads{margin-top:.5rem}#downloads[hidden]{display:none}#downloads button{margin-right:.5rem}
pre{white-space:pre-wrap;font-family:"Tlwg Mono",ui-monospace,monospace}
</style></head><body>
<h1>abegraph SPARQL</h1>
<p>ถามคำถามกับกราฟ / Ask the graph. Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol).</p>
<label>คำถามที่บันทึกไว้ / Saved questions
<select id="saved"><option value="">—</option>
{{options}}
</select></label>
<label> ภาษา / language <select id="lang">{{languages}}</select></label>
<p id="about"></p>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<p><button id="run">Run / ค้นหา</button><span id="status"></span></p>
<p id="downloads" hidden>ดาวน์โหลดผลลัพธ์ / Download the results:
<button id="download-csv" type="button">CSV</button><button id="download-json" type="button">JSON</button>
<button id="download-turtle" type="button">Turtle</button></p>
<div id="results"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let questions = [];
let last = null;  // {query, kind: "table" | "graph", json}
async function loadQuestions() {
  const r = await fetch("questions.json?lang=" + encodeURIComponent($("lang").value));
  questions = await r.json();
}
function cell(term) {
  if (!term) return "";
  return term.value;
}
function render(data) {
  const out = $("results");
  out.replaceChildren();
  if (typeof data.boolean === "boolean") { out.textContent = data.boolean ? "yes / ใช่" : "no / ไม่ใช่"; return; }
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }
  out.appendChild(table);
  $("status").textContent = data.results.bindings.length + " rows / แถว";
}
function showDownloads(kind) {
  $("downloads").hidden = !kind;
  $("download-csv").hidden = $("download-json").hidden = kind !== "table";
  $("download-turtle").hidden = kind !== "graph";
}
async function ask(query, accept) {
  const body = new URLSearchParams({query});
  return fetch("sparql", {method: "POST", body, headers: {"Accept": accept}});
}
async function run() {
  $("status").textContent = "…";
  $("status").className = "";
  showDownloads(null);
  const query = $("query").value;
  const r = await ask(query, "application/sparql-results+json, text/turtle;q=0.5");
  const text = await r.text();
  if (!r.ok) { $("status").textContent = text; $("status").className = "error"; $("results").replaceChildren(); return; }
  if ((r.headers.get("content-type") || "").includes("json") && text.startsWith("{")) {
    render(JSON.parse(text));
    last = {query, kind: "table", json: text};
  } else {
    const pre = document.createElement("pre"); pre.textContent = text; $("results").replaceChildren(pre);
    $("status").textContent = "";
    last = {query, kind: "graph", turtle: text};
  }
  showDownloads(last.kind);
}
function fileName(ext) {
  return ($("saved").value || "abegraph-query") + "." + ext;
}
function save(parts, type, ext) {
  const url = URL.createObjectURL(new Blob(parts, {type}));
  const a = document.createElement("a");
  a.href = url; a.download = fileName(ext);
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
$("download-json").addEventListener("click", () => {
  if (last) save([last.json], "application/sparql-results+json", "json");
});
$("download-turtle").addEventListener("click", () => {
  if (last) save([last.turtle], "text/turtle", "ttl");
});
$("download-csv").addEventListener("click", async () => {
  if (!last) return;
  const r = await ask(last.query, "text/csv");
  const text = await r.text();
  if (!r.ok) { $("status").textContent = text; $("status").className = "error"; return; }
  save(["\\ufeff", text], "text/csv;charset=utf-8", "csv");
});
$("run").addEventListener("click", run);
$("saved").addEventListener("change", async () => {
  if (!questions.length) await loadQuestions();
  const q = questions.find((x) => x.name === $("saved").value);
  if (q) { $("query").value = q.sparql; $("about").textContent = q.about; }
});
$("lang").addEventListener("change", async () => { await loadQuestions(); $("saved").dispatchEvent(new Event("change")); });
loadQuestions();
</script>
</body></html>
"""
