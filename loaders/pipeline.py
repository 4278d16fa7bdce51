"""The two jobs a coordinator runs: check files (``validate``) and load them (``load``).

A load reads every file, checks every row, validates the assembled graph with SHACL, and
only then writes: all sources in one atomic replace, or nothing when any error was found
(unless ``skip_invalid``, which loads the good rows and returns the rest as rejects).

Example
-------
>>> from abegraph.loaders.pipeline import load_files
>>> from abegraph.graph.store import Store
>>> from abegraph.demo import DEMO_CSV
>>> store = Store.open(None)
>>> report = load_files(store, [DEMO_CSV])
>>> report.ok and len(store) > 1000
True
"""
from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pyoxigraph as ox

from abegraph.exceptions import LoadError, RdfSyntaxError
from abegraph.graph.store import Store
from abegraph.graph.terms import node, uriref
from abegraph.loaders.problems import Converted, Problem, Report
from abegraph.loaders.rdf_files import OX_FORMATS
from abegraph.loaders.references import NameIndex
from abegraph.loaders.sources import Source, read_source, source_name
from abegraph.ontology import vocabulary_quads
from abegraph.ontology.iris import GRAPH_IRI, ID_IRI, LINKS_IRI, VOCABULARY_IRI, graph_text, iri, prefixes
from abegraph.progress import Progress, quiet
from abegraph.thai.personal import find_personal, mask_citizen_id

if TYPE_CHECKING:
    from abegraph.loaders.convert import NameContext

# A load of files of triples alone needs neither the row converter, the shapes nor rdflib
# (0.08 s and 17 MB of a 100,000-triple load): they are imported where rows need them.

__all__ = ["validate_files", "load_files", "read_files", "load_vocabulary", "Workshop", "workshop_problems",
           "VOCABULARY_GRAPH"]  # noqa: F822 - made on first use, by __getattr__


def __getattr__(name: str):
    if name == "VOCABULARY_GRAPH":  # the graph of the bundled vocabulary, as rdflib's URIRef
        return uriref(VOCABULARY_IRI)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: graphs abegraph makes itself (``abeg:vocabulary``, ``abeg:links``, ``abeg:analysis-*``): never a source's
_INTERNAL_NAMES = ("vocabulary", "links")
_INTERNAL_PREFIXES = ("analysis-",)
#: graphs of abegraph's own bookkeeping (journal, staging): a file naming one is refused
_RESERVED_PREFIX = "urn:abegraph:"
_GRAPH_NAME = re.compile(r"^\w[\w.-]*$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_GENERATED_AT = iri("prov:generatedAtTime")


def _internal(graph: str) -> bool:
    """True for a graph abegraph makes itself (vocabulary, links, analyses) or keeps for its
    own bookkeeping (``urn:abegraph:...``)."""
    if graph.startswith(_RESERVED_PREFIX):
        return True
    if not graph.startswith(GRAPH_IRI):
        return False
    local = unquote(graph[len(GRAPH_IRI):])
    return local in _INTERNAL_NAMES or local.startswith(_INTERNAL_PREFIXES)


def _graph_label(graph: str) -> str:
    """A graph as messages name it: a source's name, or the IRI of any other graph."""
    return unquote(graph[len(GRAPH_IRI):]) if graph.startswith(GRAPH_IRI) else graph


def _name_problem(source: Source, given: bool) -> Problem | None:
    """A graph name a source may not load into: one of abegraph's own, or (given with --graph)
    one that is not a plain name (spaces, ``:`` or ``/`` would read as an address elsewhere)."""
    if _internal(graph_text(source.name)):
        return Problem("reserved_graph", file=source.file, value=source.name)
    if given and not _GRAPH_NAME.match(source.name):
        return Problem("bad_graph_name", file=source.file, value=source.name, detail=source_name(source.name))
    return None


def _graph_problems(source: Source, store: Store | None) -> list[Problem]:
    """Check the graphs a quad file (TriG, N-Quads, JSON-LD) names: it may write its own graph,
    graphs the store does not hold yet (restoring a backup) and graphs it wrote itself before;
    never abegraph's bookkeeping (refused), never abegraph's own graphs (their quads are left
    out with a warning: abegraph makes them again), never another source's graph (refused)."""
    own = graph_text(source.name)
    named = {q.graph_name.value for q in source.quads if isinstance(q.graph_name, ox.NamedNode)} - {own}
    if not named:
        return []
    problems = [Problem("reserved_graph", file=source.file, value=g) for g in sorted(named)
                if g.startswith(_RESERVED_PREFIX)]
    skipped = sorted(g for g in named if _internal(g) and not g.startswith(_RESERVED_PREFIX))
    problems += [Problem("skipped_graph", file=source.file, value=g) for g in skipped]
    if skipped:
        source.quads = [q for q in source.quads if not (isinstance(q.graph_name, ox.NamedNode)
                                                        and q.graph_name.value in skipped)]
    others = sorted(g for g in named if not _internal(g))
    if store is not None and others:
        mine = _graphs_written_by(store, own) if store.has_graph(own) else set()
        problems += [Problem("other_graph", file=source.file, value=g, detail=source.name)
                     for g in others if store.has_graph(g) and g not in mine]
    return problems


def _graphs_written_by(store: Store, own: str) -> set[str]:
    """The graphs the quad file loaded as ``own`` wrote (it records them in its own graph) and
    that nothing loaded since: a source that loaded into one of them later made it its own."""
    return {g for (g,) in store.values(f"""
        SELECT ?g WHERE {{
          GRAPH <{own}> {{ ?g <{iri("prov:wasDerivedFrom")}> <{own}> . <{own}> <{_GENERATED_AT}> ?written }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{_GENERATED_AT}> ?later }} FILTER(?later > ?written) }}
        }}""")}


def _named_graphs(source: Source) -> set[str]:
    """The graphs a source writes: its own, and those its quads name."""
    return {graph_text(source.name)} | {q.graph_name.value for q in source.quads
                                            if isinstance(q.graph_name, ox.NamedNode)}


def _personal_in_names(source: Source, given: bool) -> list[Problem]:
    """Citizen IDs in the names a source brings into the graph: its file (or CSV folder) name,
    the names of the files in the folder or of the sheets, and the graph name (``--graph``).
    Each becomes part of a graph IRI, a label or a row's provenance, so it is scanned as
    carefully as a cell."""
    names = [("--graph", source.name, source.file, "")] if given else []  # else made from the file's name
    if source.path is not None:
        folder = source.path.is_dir()
        names.append(("the folder name" if folder else "the file name", source.path.name, source.file, ""))
        names += [("the file name in the folder", Path(t.file).name, t.file, "") if folder else
                  ("the sheet name", t.name, source.file, t.name) for t in source.tables]
    return _personal_names(names)


def _personal_names(names: list[tuple[str, str, str, str]]) -> list[Problem]:
    """``citizen_id_name`` problems for the ``(what, text, file, sheet)`` names holding a citizen ID."""
    found = {}
    for index, kind, digits in find_personal([text for _, text, _, _ in names]):
        what, _, file, sheet = names[index]
        if kind == "citizen_id":
            found.setdefault((what, digits), Problem(
                "citizen_id_name", file=file, sheet=sheet, value=mask_citizen_id(digits), detail=what))
    return list(found.values())


def workshop_problems(workshop: Workshop | None) -> list[Problem]:
    """Citizen IDs in the ``--workshop`` and ``--workshop-place`` texts, which become labels,
    and a ``--workshop-date`` that is not a date (it is stored as an ``xsd:date``).

    >>> workshop_problems(Workshop("โต๊ะ 3400100123458"))[0].describe().split(";")[0]
    '--workshop holds what looks like a Thai citizen ID (3-XXXX-XXXXX-XX-8)'
    >>> [p.code for p in workshop_problems(Workshop("ABE", date="3400100123458"))]
    ['citizen_id_name', 'bad_workshop_date']
    """
    if workshop is None:
        return []
    problems = _personal_names([("--workshop", workshop.label, "", ""), ("--workshop-date", workshop.date or "", "", ""),
                                ("--workshop-place", workshop.place or "", "", ""),
                                ("--workshop", workshop.label_th or "", "", ""),
                                ("--workshop-place", workshop.place_th or "", "", "")])
    if workshop.date and not _is_date(workshop.date):
        problems.append(Problem("bad_workshop_date", value=workshop.date))
    return problems


def _is_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Workshop:
    """The workshop (or table, or round) a batch of files came from, for provenance.

    Its title and place are stored as given (``rdfs:label``, ``prov:atLocation``); with a
    Thai title or place (``label_th``, ``place_th``) the given ones are tagged English and
    the Thai ones Thai, so that each language reads its own.

    >>> w = Workshop("Round 2", place="Khon Kaen", label_th="รอบที่ 2", place_th="ขอนแก่น")
    >>> sorted(f"{q.object.value}@{q.object.language}" for q in w.quads()
    ...        if q.predicate in (node(iri("rdfs:label")), node(iri("prov:atLocation"))))
    ['Khon Kaen@en', 'Round 2@en', 'ขอนแก่น@th', 'รอบที่ 2@th']
    """

    def __init__(self, label: str, date: str | None = None, place: str | None = None, *,
                 label_th: str | None = None, place_th: str | None = None):
        self.label, self.date, self.place = label, date, place
        self.label_th, self.place_th = label_th, place_th

    @property
    def iri(self) -> str:
        slug = re.sub(r"[^\w-]+", "-", self.label.lower(), flags=re.ASCII).strip("-") or "workshop"
        return f"{ID_IRI}workshop/{slug}"

    def quads(self, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
        """The workshop's statements, as pyoxigraph quads in ``graph`` (default: the default graph)."""
        me, a = node(self.iri), node(iri("rdf:type"))
        out = [(me, a, node(iri("abe:Workshop"))), (me, a, node(iri("prov:Activity")))]
        out += _texts(me, node(iri("rdfs:label")), self.label, self.label_th)
        if self.date:
            out.append((me, node(iri("prov:startedAtTime")), ox.Literal(self.date, datatype=node(iri("xsd:date")))))
        out += _texts(me, node(iri("prov:atLocation")), self.place, self.place_th)
        return [ox.Quad(*triple, graph) if graph is not None else ox.Quad(*triple) for triple in out]


def _texts(subject: ox.NamedNode, predicate: ox.NamedNode, text: str | None, thai: str | None) -> list[tuple]:
    """``text`` as given, or tagged English beside ``thai`` tagged Thai when there is one."""
    out = [(subject, predicate, ox.Literal(text, language="en") if thai else ox.Literal(text))] if text else []
    return out + ([(subject, predicate, ox.Literal(thai, language="th"))] if thai else [])


def _store_context(store: Store | None) -> NameContext:
    """Names of agencies, issues and areas already in the store, so new files may refer to them."""
    from abegraph.loaders.convert import default_context

    context = default_context()
    if store is None or store.is_empty():
        return context
    queries = {
        "agencies": "SELECT ?x ?n WHERE { ?x a abe:Agency . { ?x rdfs:label ?n } UNION { ?x skos:altLabel ?n } }",
        "issues": "SELECT ?x ?n WHERE { ?x a abe:Issue . { ?x skos:prefLabel ?n } UNION { ?x skos:notation ?n } }",
        "areas": "SELECT ?x ?n WHERE { ?x a abe:Area ; abe:areaCode ?n }",
    }
    every = prefixes("all")
    known = {name: every[name] for name in ("abe", "rdfs", "skos")}
    # entities that `abegraph link --apply` made one answer to their names as the canonical one
    canonical = dict(store.values(f"SELECT ?a ?c WHERE {{ GRAPH <{LINKS_IRI}> {{ ?a <{iri('owl:sameAs')}> ?c }} }}"))
    for kind, sparql in queries.items():
        index = getattr(context, kind)
        for entity, name in store.values(sparql, prefixes=known):
            index.add(node(canonical.get(entity, entity)), str(name), unquote(entity.rsplit("/", 1)[-1]),
                      tier=NameIndex.STORE)
    return context


def _provenance(source: Source, graph: ox.NamedNode, workshop: Workshop | None) -> list[ox.Quad]:
    """What a source graph says about itself: its file, checksum, time and workshop."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    a = node(iri("rdf:type"))
    out = [(graph, a, node(iri("abe:Source"))), (graph, a, node(iri("prov:Entity"))),
           (graph, node(iri("abe:fileName")), ox.Literal(source.file)),
           (graph, node(iri("abe:sha256")), ox.Literal(source.sha256)),
           (graph, node(_GENERATED_AT), ox.Literal(now.isoformat(), datatype=node(iri("xsd:dateTime")))),
           (graph, node(iri("rdfs:label")), ox.Literal(source.file))]
    if workshop is not None:
        out.append((graph, node(iri("prov:wasGeneratedBy")), node(workshop.iri)))
    return [ox.Quad(*triple, graph) for triple in out] + (workshop.quads(graph) if workshop is not None else [])


def _check(paths, store: Store | None, names: list[str] | None, shacl_rdf: bool, progress: Progress = quiet,
           *, wait: bool = True):
    """Read, check and convert ``paths``: (sources, converted rows, report, the shapes' problems
    still being found). Without ``wait``, the report leaves out what runs in threads, which a
    load waits for before its commit while the store writes (a second core's work): what files
    of triples' scans still look for (``Source.settle``), and the SHACL validation, returned as
    a future (else None)."""
    total = len(paths) + 2
    sources = []
    for done, (path, name) in enumerate(zip(paths, names or [None] * len(paths))):
        progress(f"reading {path.name}", done, total)
        sources.append(read_source(path, name, wait=wait))
    progress("checking rows", len(paths), total)
    seen: dict[str, str] = {}  # graph IRI -> the file that writes it
    duplicate_names = []
    for source in list(sources):
        duplicate_names += _personal_in_names(source, given=bool(names))
        if (problem := _name_problem(source, given=bool(names))) is not None:
            duplicate_names.append(problem)
            sources.remove(source)
            continue
        duplicate_names += _graph_problems(source, store)
        taken = sorted(g for g in _named_graphs(source) if g in seen)
        if taken:  # two files of one load writing one graph: one would silently mix into the other
            duplicate_names.append(Problem("same_graph", file=source.file, value=_graph_label(taken[0]),
                                           detail=seen[taken[0]]))
            sources.remove(source)
        for graph in _named_graphs(source):
            seen.setdefault(graph, source.file)
    converted = Converted()  # (files of triples alone: no rows, and nothing they may refer to)
    if any(s.tables or s.catalog is not None for s in sources):
        from abegraph.loaders.convert import convert_sources

        context = _store_context(store)  # the names new rows may refer to
        for source in sources:
            if source.catalog is not None:  # a CKAN/DCAT catalogue: refer to publishers the store has
                source.catalog.prepare(context)
        converted = convert_sources([s for s in sources if s.tables], context)
    for source in sources:
        if source.catalog is not None and source.tables:  # description, keywords, licence of accepted datasets
            converted.quads[source.name] += source.catalog.extra_quads(set(converted.origin))
    report = converted.report
    report.problems[:0] = [p for s in sources if not s.tables for p in s.problems] + duplicate_names
    data = [q for quads in converted.quads.values() for q in quads]  # the shapes read these, and a load writes them
    for source in sources:
        if shacl_rdf:  # RDF files load as they are; `abegraph validate` checks them against the shapes
            known = len(source.problems)  # a file parsed when it was read has said its syntax error already
            data += [ox.Quad(q.subject, q.predicate, q.object) for q in source.parse()]
            report.problems += [p for p in source.problems[known:] if p.code == "rdf_syntax"]
        report.graphs[source.name] = report.graphs.get(source.name, 0) + len(source.quads)
    new_subjects = {q.subject for q in data}
    if store is not None and data and not store.is_empty():
        data += _referenced_from_store(store, data, new_subjects)
    progress("validating the graph (SHACL)", len(paths) + 1, total)
    shapes_later = None  # (files of triples alone, loaded as they are, have no rows for the shapes)
    if data:
        from abegraph.loaders.validation import shacl_problems

        if wait:
            report.problems += shacl_problems(data, converted.origin, only=new_subjects)
        else:  # the validator is Rust and lets the store's writing go on meanwhile
            shapes_later = _validations().submit(shacl_problems, data, converted.origin, only=new_subjects)
    progress("checked", total, total)
    report.problems.sort(key=_problem_order)
    return sources, converted, report, shapes_later


@cache
def _validations() -> ThreadPoolExecutor:
    """The one thread that runs a load's SHACL validation while the store writes the load."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="abegraph-shacl")


def _problem_order(problem: Problem) -> tuple:
    return problem.file, problem.sheet, problem.row or 0


def _referenced_from_store(store: Store, data: list[ox.Quad], subjects: set) -> list[ox.Quad]:
    """The store's description (default-graph quads) of entities the new data refers to but
    does not describe, so the shapes can see that a referenced agency or issue really is one."""
    wanted = sorted({q.object.value for q in data if isinstance(q.object, ox.NamedNode) and q.object not in subjects
                     and q.object.value.startswith(ID_IRI)})
    found = []
    for start in range(0, len(wanted), 500):
        values = " ".join(f"<{entity}>" for entity in wanted[start:start + 500])
        found += [ox.Quad(t.subject, t.predicate, t.object) for t in store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")]
    return found


def validate_files(paths: list[str | Path], store: Store | None = None,
                   names: list[str] | None = None, progress: Progress = quiet) -> Report:
    """Every problem of these files, as a load would find them; never writes anything.

    ``progress(step, done, total)`` is called as the work goes on.
    """
    return _check([Path(p) for p in paths], store, names, shacl_rdf=True, progress=progress)[2]


def read_files(store: Store | None, paths: list[str | Path], names: list[str] | None = None) -> dict[str, list]:
    """Check and convert files as :func:`load_files` would, references resolved against
    ``store``, without writing anything: graph name -> pyoxigraph quads (in the default
    graph; :meth:`Store.replace_graphs` puts them in the graph it is given). Raises
    :class:`~abegraph.exceptions.LoadError` on any error."""
    sources, converted, report, _ = _check([Path(p) for p in paths], store, names, shacl_rdf=False)
    if report.errors:
        raise LoadError(f"{len(report.errors)} problem(s) found", report)
    out = {}
    for source in sources:
        quads = list(converted.quads.get(source.name, []))
        quads += [ox.Quad(q.subject, q.predicate, q.object) for q in source.parse()] if source.native else []
        out[source.name] = quads
    return out


def load_files(store: Store, paths: list[str | Path], *, skip_invalid: bool = False,
               names: list[str] | None = None, workshop: Workshop | None = None,
               rejects: str | Path | None = None, lang: str = "en", progress: Progress = quiet) -> Report:
    """Load files into ``store``, each into its own named graph, all at once or not at all.

    Raises :class:`~abegraph.exceptions.LoadError` (with the report) when a file has an
    error and ``skip_invalid`` is false; the store is then unchanged. With ``skip_invalid``,
    ``rejects`` names the file (``.xlsx`` or ``.csv``, headings in ``lang``) that receives the
    rows left out; it is written before the store is, so a rejects file that cannot be written
    (a full disk, a folder that does not exist) stops the load with the store unchanged.

    Examples
    --------
    >>> import tempfile
    >>> from abegraph.demo import DEMO_CSV
    >>> rejects = Path(tempfile.mkdtemp()) / "rejects.xlsx"
    >>> load_files(Store.open(None), [DEMO_CSV], skip_invalid=True, rejects=rejects).ok, rejects.exists()
    (True, True)
    """
    paths = [Path(p) for p in paths]
    # files of triples are scanned for personal identifiers, and the rows validated against the
    # shapes, while the store writes them (a second core's work): the commit waits for both, and
    # what they find undoes the write. Skipping invalid rows needs the shapes' word first.
    sources, converted, report, shapes_later = _check(paths, store, names, shacl_rdf=False, progress=progress,
                                                      wait=skip_invalid)
    report.problems[:0] = workshop_problems(workshop)

    def settle(refused: bool = False) -> None:
        """The scans' and shapes' problems join the report; an error among them (or ``refused``)
        stops the load."""
        nonlocal shapes_later
        found = [p for source in sources for p in source.settle()]
        if shapes_later is not None:
            found += shapes_later.result()
            shapes_later = None
        report.problems += found
        report.problems.sort(key=_problem_order)
        if refused or any(p.severity == "error" for p in found):
            raise LoadError(f"{len(report.errors)} problem(s) found; nothing was loaded", report)

    fatal = [p for p in report.errors if p.row is None] if skip_invalid else report.errors
    if fatal:
        settle(refused=True)
    if skip_invalid:
        _drop_rows_failing_shacl(converted, report)
        if rejects is not None:
            from abegraph.loaders.workbook_writer import write_rejects

            write_rejects(Path(rejects), report.rejected, lang)
        if report.rejected and not any(report.accepted.values()) and not any(s.quads or s.native for s in sources):
            raise LoadError(f"every row was rejected ({len(report.rejected)}); nothing was loaded", report)
    graphs: dict[str, list] = {}
    named_quads = []
    files = {}
    for source in sources:
        own = graph_text(source.name)
        graph_node = node(own)
        graphs[own] = list(converted.quads.get(source.name, ()))  # default-graph quads: the store puts them in own
        graphs[own] += _provenance(source, graph_node, workshop)
        if source.native:  # a file of triples: the store reads it itself
            files[own] = (source.path, OX_FORMATS[source.format])
        written = set()
        for q in source.quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                graphs[own].append(ox.Quad(q.subject, q.predicate, q.object, graph_node))
            else:
                named_quads.append(q)
                kept = q.graph_name.value.rsplit("/", 1)[-1]
                report.graphs[kept] = report.graphs.get(kept, 0) + 1
                if q.graph_name.value != own:
                    written.add(q.graph_name.value)
        # the graphs a quad file wrote, so that loading it again may replace them
        graphs[own] += [ox.Quad(ox.NamedNode(g), node(iri("prov:wasDerivedFrom")), graph_node, graph_node)
                        for g in sorted(written)]
        report.graphs[source.name] = len(graphs[own])
    progress("writing to the store", 1, 1)
    if not store.has_graph(VOCABULARY_IRI):
        graphs[VOCABULARY_IRI] = list(vocabulary_quads())
    try:
        store.replace_graphs(graphs, quads=named_quads, files=files, before_commit=settle)
    except RdfSyntaxError as err:
        source = next(s for s in sources if graph_text(s.name) in files and s.path.name in str(err))
        report.add(Problem("rdf_syntax", file=source.file, row=err.line, detail=str(err).split(": ", 1)[-1]))
        raise LoadError("1 problem found; nothing was loaded", report) from err
    for source in sources:  # (counted alone: 2.5x faster than every graph at once)
        if graph_text(source.name) in files:
            report.graphs[source.name] = store.graph_size(graph_text(source.name))
    return report


def _drop_rows_failing_shacl(converted, report: Report) -> None:
    """With --skip-invalid, rows that the shapes refuse are rejected like any other bad row."""
    bad_rows = {(p.file, p.sheet, p.row) for p in report.errors if p.code == "shacl" and p.row is not None}
    if not bad_rows:
        return
    bad_subjects = {entity for entity, origin in converted.origin.items() if origin in bad_rows}
    for name, quads in converted.quads.items():
        converted.quads[name] = [q for q in quads if q.subject not in bad_subjects]
    for key in sorted(bad_rows):
        row = converted.rows.get(key)
        if row is not None:
            report.rejected.append((*key, row.original,
                                    tuple(p for p in report.errors if (p.file, p.sheet, p.row) == key)))


def load_vocabulary(store: Store) -> None:
    """Put (or refresh) the bundled vocabulary in the named graph ``abeg:vocabulary``.

    A load adds it when the store has none; call this after upgrading abegraph.
    """
    store.replace_graphs({VOCABULARY_IRI: list(vocabulary_quads())})
