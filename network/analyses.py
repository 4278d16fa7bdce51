"""The analyses a planner runs, by name: one registry for the CLI, ``all`` and ``--save``.

Each analysis is a pure function of the network read by
:func:`~abegraph.network.projections.read_network`, returning rows (dicts whose first key is
``section``); its module documents the keys of each section.

Example
-------
>>> from abegraph.network.analyses import ANALYSES, run_analysis
>>> sorted(ANALYSES)
['brokers', 'causes', 'coalitions', 'gaps', 'health', 'linkage', 'opportunities', 'sharing']
>>> rows = run_analysis(demo_store, "sharing")
>>> rows[0]["section"]
'pair'
>>> sorted({r["analysis"] for r in run_all(demo_store, names=["sharing", "causes"])})
['causes', 'sharing']
>>> both = analysis_rows(read_network(demo_store), names=["brokers"])
>>> both["th"]["brokers"][0]["agency"], both["en"]["brokers"][0]["agency"]
('องค์การบริหารส่วนจังหวัดขอนแก่น', 'Khon Kaen Provincial Administrative Organization')
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from abegraph.exceptions import NotFound
from abegraph.graph.store import Store
from abegraph.network.findings import save_findings
from abegraph.network.projections import Filters, entity_names, read_network, reuse
from abegraph.progress import Progress, quiet

__all__ = ["Analysis", "ANALYSES", "run_analysis", "run_all", "analysis_rows"]


@dataclass(frozen=True)
class Analysis:
    name: str
    function: str  # "module:function"
    title_en: str
    title_th: str

    def title(self, lang: str = "en") -> str:
        return self.title_th if lang == "th" else self.title_en

    def load(self):
        module, _, function = self.function.partition(":")
        return getattr(importlib.import_module(module), function)


ANALYSES: dict[str, Analysis] = {a.name: a for a in (
    Analysis("sharing", "abegraph.network.sharing:sharing",
             "Who shares which assets", "หน่วยงานใดใช้ทรัพยากรใดร่วมกัน"),
    Analysis("brokers", "abegraph.network.brokers:brokers",
             "Brokers and single points of failure", "หน่วยงานตัวกลางและจุดเปราะบางของเครือข่าย"),
    Analysis("coalitions", "abegraph.network.coalitions:coalitions",
             "Coalitions (communities) and what they work on", "กลุ่มความร่วมมือและประเด็นที่แต่ละกลุ่มทำงาน"),
    Analysis("gaps", "abegraph.network.gaps:gaps",
             "Gaps: issues, causes, groups and districts with nothing behind them",
             "ช่องว่าง: ประเด็น สาเหตุ กลุ่มเป้าหมาย และอำเภอที่ยังไม่มีทรัพยากรรองรับ"),
    Analysis("causes", "abegraph.network.causes:causes",
             "Causes: roots, leverage, vicious circles", "เหตุและผล: สาเหตุราก พลังคานงัด และวงจรปัญหา"),
    Analysis("opportunities", "abegraph.network.opportunities:opportunities",
             "Collaboration opportunities", "โอกาสในการร่วมมือ"),
    Analysis("linkage", "abegraph.network.linkage:linkage",
             "Which datasets can be joined, on what key", "ชุดข้อมูลใดเชื่อมกันได้ ด้วยคีย์ใด"),
    Analysis("health", "abegraph.network.health:health",
             "Network health: density, centralisation, non-redundant ties, relative connectivity",
             "สุขภาพของเครือข่าย: ความหนาแน่น การรวมศูนย์ ความเชื่อมโยงที่ไม่ซ้ำซ้อน และระดับการเชื่อมโยง"),
)}


def _get(name: str) -> Analysis:
    if name not in ANALYSES:
        raise NotFound(f"no analysis called {name!r}; choose one of: {', '.join(ANALYSES)}, all")
    return ANALYSES[name]


def run_analysis(store: Store, name: str, filters: Filters | None = None, lang: str = "en", G=None) -> list[dict]:
    """Read the network (restricted by ``filters``) and run one analysis on it."""
    analysis = _get(name)
    G = read_network(store, filters) if G is None else G
    return analysis.load()(G, lang=lang)


def run_all(store: Store, filters: Filters | None = None, lang: str = "en", *,
            names: list[str] | None = None, save: bool = False, progress: Progress = quiet,
            labels: dict[str, str] | None = None) -> list[dict]:
    """Several analyses (default: all) on one read of the network, each projection built once
    (:func:`~abegraph.network.projections.reuse`); each row gains an ``analysis`` key first.
    With ``save``, each analysis's rows replace its findings graph. ``progress(step, done,
    total)`` is called before each step. ``labels``, a dict, is filled with the name in ``lang``
    of every id of the network read (:func:`~abegraph.network.projections.entity_names`), by
    which people read the ids of the rows (``readable(..., names=labels)``)."""
    names = names or list(ANALYSES)
    for name in names:
        _get(name)
    total = len(names) + 1
    progress("reading the network", 0, total)
    G = read_network(store, filters)
    if labels is not None:
        labels.update({ident: both[lang] for ident, both in entity_names(G).items()})
    rows = []
    with reuse():
        for done, name in enumerate(names, 1):
            progress(f"analysis: {ANALYSES[name].title(lang)}", done, total)
            found = run_analysis(store, name, lang=lang, G=G)
            if save:
                save_findings(store, name, found, G)
            rows += [{"analysis": name, **row} for row in found]
    progress("done", total, total)
    return rows


def analysis_rows(G, names=None, langs=("th", "en"), progress: Progress = quiet) -> dict[str, dict[str, list[dict]]]:
    """``{lang: {analysis: rows}}`` for a network read once: each analysis is computed once,
    only its names are written per language (what the atlas shows in Thai and English)."""
    names = list(names) if names is not None else list(ANALYSES)
    for name in names:
        _get(name)
    found: dict[str, dict[str, list[dict]]] = {lang: {} for lang in langs}
    with reuse():
        for done, name in enumerate(names):
            progress(f"analysis: {ANALYSES[name].title(langs[0])}", done, len(names))
            function = ANALYSES[name].load()
            for lang in langs:
                found[lang][name] = function(G, lang=lang)
    progress("done", len(names), len(names))
    return found
