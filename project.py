"""The front door for Python users: one object per store, with every verb of the command line.

``abegraph.open(location)`` returns a :class:`Project` on a store folder, an ``http(s)://``
SPARQL endpoint, or (``None``) a store in memory. Each call opens the store for as long as it
needs it, so a notebook holding a project does not keep the command line out of the store; an
in-memory project keeps its store for its whole life. The command line is a thin layer over
this class.

Example
-------
>>> import abegraph
>>> from abegraph.demo import DEMO_XLSX
>>> kk = abegraph.open(None)
>>> report = kk.load([DEMO_XLSX], names=["khonkaen-demo"])
>>> kk.stats()["agencies"]
33
>>> rows = kk.query("PREFIX abe: <https://w3id.org/abegraph/ns#> "
...                 "SELECT (COUNT(*) AS ?n) WHERE { ?a a abe:Agency }")
>>> int(rows[0]["n"])
33
>>> gaps = kk.analyze("gaps")
>>> sorted({row["section"] for row in gaps})[:2]
['district', 'issue']
"""
from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable

import pyoxigraph as ox

from abegraph.exceptions import NotFound
from abegraph.graph.export import export as export_store
from abegraph.graph.location import open_store
from abegraph.graph.questions import get_question, questions
from abegraph.graph.remote import is_remote
from abegraph.graph.sparql_output import write_result
from abegraph.graph.stats import summary
from abegraph.graph.store import Store, default_location, loaded_graph
from abegraph.graph.terms import from_ox
from abegraph.loaders.pipeline import Workshop, load_files, validate_files
from abegraph.loaders.problems import Report
from abegraph.progress import Progress

# The analyses, maps, linking and catalogues are imported by the verbs that use them: importing
# them all made every command, ``abegraph load`` too, 0.46 s slower before it began.
if TYPE_CHECKING:
    from abegraph.network.projections import Filters
    from abegraph.visualize import Map

__all__ = ["Project", "open", "Links", "resolve_query"]


def open(location: str | Path | None = "") -> "Project":  # noqa: A001 - the module's front door, like io.open
    """A :class:`Project` on a store folder, a SPARQL endpoint URL, or in memory (``None``).

    The empty string means the default folder (``$ABEGRAPH_STORE`` or ``./abegraph-store``).
    """
    return Project(location)


def resolve_query(text: str, lang: str = "en") -> str:
    """The SPARQL of a saved question's name, of a ``.rq`` file, or the text itself.

    >>> resolve_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    >>> "SELECT" in resolve_query("root-causes")
    True
    """
    if text in questions():
        return get_question(text).sparql_for(lang)
    if text.endswith((".rq", ".sparql")) or (len(text) < 255 and "\n" not in text and Path(text).is_file()):
        path = Path(text)
        if not path.is_file():
            raise NotFound(f"no such file: {text}", thai=f"ไม่พบไฟล์ {text}")
        return path.read_text(encoding="utf-8-sig")
    return text


@dataclass
class Links:
    """What ``propose_links`` found: the proposals, confident ones first, and the review file written."""

    result: object  # linking.linkset.LinkResult
    output: Path
    applied: dict | None  # alias -> canonical, when the confident matches were applied


class Project:
    """A province's graph: load, validate, query, analyze, map, report, link, diff and export.

    Parameters
    ----------
    location
        A store folder, an ``http(s)://`` SPARQL endpoint, or ``None`` for a store in memory;
        ``""`` is the default folder (``$ABEGRAPH_STORE`` or ``./abegraph-store``).
    say
        Called with each note a person should see, as ``{"en": ..., "th": ...}``: waiting for
        another command's write, an older store's vocabulary refreshed (default: nothing is said).
    """

    def __init__(self, location: str | Path | None, *, say: Callable[[dict], None] | None = None):
        self.location = default_location() if location == "" else location
        self.say = say
        self._memory = Store.open(None) if location is None else None

    def __repr__(self) -> str:
        return f"<abegraph.Project {self.location or '(in memory)'}>"

    @contextlib.contextmanager
    def store(self, *, must_exist: bool = True):
        """The store, open for the length of a ``with`` block."""
        if self._memory is not None:
            yield self._memory
            return
        # a store that must exist already is opened shared: read-only until the call writes
        with open_store(self.location, must_exist=must_exist, shared=must_exist, on_wait=self.say) as store:
            for note in getattr(store, "notes", ()) if self.say else ():
                self.say(note)
            yield store

    def exists(self) -> bool:
        """True when the store holds something already (a remote store always does)."""
        return self._memory is not None or is_remote(self.location) or Path(self.location, "CURRENT").exists()

    # --- files in -------------------------------------------------------------------

    def load(self, files: Iterable[str | Path], *, skip_invalid: bool = False, names: list[str] | None = None,
             workshop: Workshop | None = None, rejects: str | Path | None = None, lang: str = "en",
             progress: Progress | None = None) -> Report:
        """Check and load files, each into its own named graph; raises ``LoadError`` (nothing loaded)
        when a file has an error, unless ``skip_invalid``; then ``rejects`` receives the rows left
        out, before anything is written (see :func:`~abegraph.loaders.pipeline.load_files`)."""
        with self.store(must_exist=False) as store:
            return load_files(store, [Path(f) for f in files], skip_invalid=skip_invalid, names=names,
                              workshop=workshop, rejects=rejects, lang=lang, **_given(progress=progress))

    def validate(self, files: Iterable[str | Path], *, progress: Progress | None = None) -> Report:
        """Check files against the store's agencies and vocabulary without loading anything."""
        if not self.exists():
            return validate_files([Path(f) for f in files], None, **_given(progress=progress))
        with self.store() as store:
            return validate_files([Path(f) for f in files], store, **_given(progress=progress))

    # --- questions -------------------------------------------------------------------

    def query(self, sparql: str, lang: str = "en"):
        """Run SPARQL, a saved question's name or a ``.rq`` file. SELECT: a list of dicts of rdflib
        terms; ASK: a bool; CONSTRUCT/DESCRIBE: a list of rdflib triples."""
        with self.store() as store:
            result = store.query(resolve_query(sparql, lang))
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return [{n: from_ox(s[n]) for n in names if s[n] is not None} for s in result]
            return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result]

    def write_query(self, sparql: str, out: BinaryIO, fmt: str, lang: str = "en") -> None:
        """Run a query and write its result to ``out`` in ``fmt`` (a SPARQL results format, a table,
        or an RDF syntax for CONSTRUCT)."""
        headings = get_question(sparql).headings(lang) if sparql in questions() else {}
        with self.store() as store:
            write_result(store.query(resolve_query(sparql, lang)), out, fmt, headings, lang)

    def stats(self, lang: str = "en") -> dict:
        """What the store holds, in the workbook's words (``graph_sizes`` per named graph)."""
        with self.store() as store:
            counts = summary(store, lang)
            counts["graph_sizes"] = {str(g): n for g, n in store.graph_sizes().items()}
            return counts

    def analyze(self, kind: str = "all", *, filters: Filters | None = None, lang: str = "en",
                save: bool = False, progress: Progress | None = None,
                labels: dict[str, str] | None = None) -> list[dict]:
        """Rows of one analysis (``sharing``, ``brokers``, ...), or of every one with ``all``;
        ``labels`` (a dict) gets the name in ``lang`` of every id, as :func:`run_all` fills it."""
        from abegraph.network.analyses import run_all
        from abegraph.network.projections import Filters

        with self.store() as store:
            return run_all(store, filters or Filters(), lang, names=None if kind == "all" else [kind], save=save,
                           labels=labels, **_given(progress=progress))

    # --- pictures ---------------------------------------------------------------------

    def map(self, view: str = "agencies", *, filters: Filters | None = None, lang: str = "en",
            size_by: str = "betweenness", title: str | None = None, progress: Progress | None = None) -> Map:
        """One offline network map (``.html()``, ``.write(path)``, shown inline in a notebook)."""
        from abegraph.network.projections import Filters
        from abegraph.visualize import store_map

        with self.store() as store:
            return store_map(store, view, filters=filters or Filters(), lang=lang, size_by=size_by, title=title,
                             **_given(progress=progress))

    def network_file(self, view: str, target: str | Path, fmt: str, *, filters: Filters | None = None,
                     lang: str = "en", size_by: str = "betweenness", title: str | None = None):
        """Write a map's graph as GEXF, GraphML or Kumu CSV; returns (graph, paths written)."""
        from abegraph.network.projections import Filters
        from abegraph.visualize.network_files import write_network_file

        with self.store() as store:
            return write_network_file(store, view, Path(target), fmt, filters=filters or Filters(), lang=lang,
                                      size_by=size_by, title=title)

    def report(self, output: str | Path, *, lang: str = "en", filters: Filters | None = None,
               title: str | None = None, progress: Progress | None = None) -> Path:
        """Write the atlas (every map with the analysis tables) to ``output``."""
        from abegraph.network.projections import Filters
        from abegraph.visualize import write_report

        with self.store() as store:
            write_report(Path(output), store, lang=lang, filters=filters or Filters(), title=title,
                         **_given(progress=progress))
        return Path(output)

    # --- many sources ---------------------------------------------------------------

    def propose_links(self, output: str | Path, *, lang: str = "en", headings: str = "th",
                      auto: bool = False) -> Links:
        """Propose matches between sources into a review workbook; with ``auto`` apply the confident ones."""
        from abegraph.linking import linkset
        from abegraph.linking.review import write_review

        output = Path(output)
        with self.store() as store:
            result = linkset.propose(store, lang)
            conflicts = result.conflicts if headings == lang else \
                linkset.conflicts(store, None, result.records, headings)
            write_review(output, result.proposals, names=result.names(headings), sources=result.sources,
                         conflicts=conflicts, lang=headings)
            applied = None
            if auto and result.confident:
                decided = [linkset.Decision(p.a, p.b, "accept", p.score, p.reason_text("en"), p.reason_text("th"))
                           for p in result.confident]
                applied = linkset.apply_decisions(store, decided, file_name="(--auto)", order=result.order)
            return Links(result, output, applied)

    def apply_links(self, review: str | Path) -> tuple[list, dict]:
        """Record a reviewed workbook's decisions; returns (decisions, alias -> canonical)."""
        from abegraph.linking import linkset
        from abegraph.linking.review import read_review

        review = Path(review)
        with self.store() as store:
            recs, order = linkset.records(store)
            decided = read_review(review, known={r.key: r.kind for r in recs})
            sha = hashlib.sha256(review.read_bytes()).hexdigest()
            return decided, linkset.apply_decisions(store, decided, file_name=review.name, sha256=sha, order=order)

    def remove_links(self) -> bool:
        """Undo every match; False when there was none."""
        from abegraph.linking import linkset

        with self.store() as store:
            return linkset.remove_links(store)

    def links(self, lang: str = "en") -> list[tuple[str, str]]:
        """The matches in force, as (alias, canonical) display names."""
        from abegraph.linking import linkset

        with self.store() as store:
            recs, _ = linkset.records(store)
            names = {r.key: linkset.display_name(r, lang) for r in recs}
            return [(names.get(a, a), names.get(c, c)) for a, c in sorted(linkset.same_as(store).items())]

    def diff(self, first: str, second: str, *, health: bool = False, lang: str = "en") -> list[dict]:
        """What changed between two loaded sources (or files, read but not loaded); with
        ``health``, also how the network's health figures changed (``kind: "health"`` rows)."""
        from abegraph.linking.diff import diff_sources
        from abegraph.network.health import health_change

        with self.store() as store:
            rows = diff_sources(store, first, second)
            return rows + (health_change(store, first, second, lang=lang) if health else [])

    # --- files out ------------------------------------------------------------------

    def export(self, out=None, fmt: str = "turtle", graph: str | None = None) -> bytes | None:
        """Write the graph (or the datasets as a DCAT catalogue) to ``out`` (a path or binary file);
        without ``out`` return the bytes."""
        with self.store() as store:
            if graph is not None:
                loaded_graph(store, graph)  # a name that is not loaded is refused before a file is made
            if out is None:
                buffer = io.BytesIO()
                self._export(store, buffer, fmt, graph)
                return buffer.getvalue()
            if isinstance(out, (str, Path)):
                Path(out).parent.mkdir(parents=True, exist_ok=True)
                with Path(out).open("wb") as stream:
                    self._export(store, stream, fmt, graph)
            else:
                self._export(store, out, fmt, graph)
            return None

    @staticmethod
    def _export(store, out, fmt: str, graph: str | None) -> None:
        from abegraph.catalog.dcat import CATALOG_FORMATS, write_catalog
        from abegraph.catalog.gdc import write_gdc_workbook

        if fmt == "gdc-xlsx":
            write_gdc_workbook(store, out, graph)
        elif fmt in CATALOG_FORMATS:
            write_catalog(store, out, fmt, graph)
        else:
            export_store(store, out, fmt, graph)


def _given(**options) -> dict:
    """The options that were given (not None), so the callee's defaults apply to the rest."""
    return {key: value for key, value in options.items() if value is not None}
