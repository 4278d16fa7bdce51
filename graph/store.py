"""The persistent store: Oxigraph on disk (or in memory), one named graph per source.

Queries see the union of all named graphs as the default graph, so a plain ``SELECT``
finds everything and ``GRAPH ?g`` still selects one source. Replacing graphs is atomic and
writes only what differs: what a replace removes and adds is first copied to staging graphs
named in a journal, so a process killed at any point leaves the old content or the new one
(the next writer to open the store puts the old one back, :meth:`Store._recover`).

Many readers, one writer: a store opened ``shared=True`` (what reading commands and
``abegraph serve`` do) is read-only and shares its folder with other readers; its first
write waits to have the folder alone, then reopens it for writing. A writer waits for the
readers to finish and says so.

The folder records its format and the version of the bundled vocabulary it holds
(``abegraph-store.json``); opening a store whose vocabulary is older than this abegraph's
refreshes it and notes so in :attr:`Store.notes`.

Example
-------
>>> from rdflib import URIRef, Literal
>>> from abegraph.graph.store import Store
>>> store = Store.open(None)                      # in memory
>>> g = URIRef("https://w3id.org/abegraph/graph/demo")
>>> t = (URIRef("http://e/a"), URIRef("http://e/b"), Literal("ค่า", lang="th"))
>>> store.replace_graphs({g: [t]})
>>> [str(r[0]) for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")]
['ค่า']
>>> store.replace_graphs({g: [t, (t[0], t[1], Literal("x"))]})   # replaces, never duplicates
>>> len(store)
2
"""
from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import shutil
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import __version__
from ..exceptions import NotFound, QueryError, RdfSyntaxError, StoreError, StoreLockedError
from ..ontology import VOCABULARY_FILES, vocabulary_quads
from ..ontology.iris import VOCABULARY_IRI
from .sparql_text import declares_dataset
from .terms import from_ox, iri_text, python_value, quads_from_triples, solution_rows, uriref

if TYPE_CHECKING:  # rdflib is the public face: a load of a file of triples never imports it
    from rdflib import Dataset, URIRef

__all__ = ["Store", "FolderLock", "parse_file", "loaded_graph", "default_location", "vocabulary_version",
           "STAGING_PREFIX", "STORE_FORMAT"]


STAGING_PREFIX = "urn:abegraph:staging:"
_JOURNAL = ox.NamedNode("urn:abegraph:journal")
_LOADING = ox.NamedNode("urn:abegraph:loading")
#: journal: a graph being replaced -> the graph holding its removed quads, and the one holding its added quads
_BACKUP = ox.NamedNode("urn:abegraph:backup")
_ADDED = ox.NamedNode("urn:abegraph:added")
#: journal: a graph being replaced -> the graph holding all its old quads (when little of it is kept)
_BACKUP_ALL = ox.NamedNode("urn:abegraph:backup-all")
ENV_STORE = "ABEGRAPH_STORE"
DEFAULT_FOLDER = "abegraph-store"
#: the layout abegraph keeps in a store (graphs, staging, journal); raise it when that changes
STORE_FORMAT = 2  # 2: the journal notes replaces by difference (backup and added graphs)
_META = "abegraph-store.json"
#: a rebuild's way back (a folder inside the store's), and the mark that says it is the content
_CHECKPOINT = "abegraph-checkpoint"
_RESTORE = "abegraph-restore-this"
#: triples of a new graph looked for in the old one, to judge how much of it stays
_SAMPLE = 200


def vocabulary_version() -> str:
    """A short fingerprint of the bundled vocabulary files (changes when they do)."""
    digest = hashlib.sha256()
    for path in VOCABULARY_FILES:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def default_location() -> str:
    """``$ABEGRAPH_STORE``, or ``./abegraph-store`` in the working directory."""
    return os.environ.get(ENV_STORE) or DEFAULT_FOLDER


class FolderLock:
    """A lock on a store folder: shared by readers (reading commands, a running endpoint whose
    query workers read the folder without RocksDB's own lock), exclusive for a writer.

    ``on_wait`` is called once with a message (``{"en": ..., "th": ...}``) when the lock is not free at once.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with FolderLock(folder, wait=0, shared=True), FolderLock(folder, wait=0, shared=True):
    ...     try:
    ...         FolderLock(folder, wait=0).acquire()
    ...     except StoreLockedError:
    ...         print("a writer waits for the readers")
    a writer waits for the readers
    """

    def __init__(self, path: str | Path, wait: float = 10.0, *, shared: bool = False, on_wait=None):
        self.path, self.wait, self.shared, self.on_wait, self._file = Path(path), wait, shared, on_wait, None

    def _flock(self, handle, shared: bool, wait: float) -> None:
        import fcntl

        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"the store at {self.path} is in use by another abegraph process "
                        f"({'a command writing to it' if shared else 'abegraph serve, or another command'}); "
                        "try again when it has finished",
                        thai=f"ฐานข้อมูลที่ {self.path} กำลังถูกใช้งานโดยโปรแกรม abegraph อื่น "
                             "ลองใหม่เมื่อโปรแกรมนั้นทำงานเสร็จ") from None
                if not told and self.on_wait is not None:
                    self.on_wait({"en": f"waiting up to {wait:g} s for the store at {self.path}: another abegraph "
                                        f"process is {'writing to' if shared else 'using'} it",
                                  "th": f"รอฐานข้อมูลที่ {self.path} ไม่เกิน {wait:g} วินาที: โปรแกรม abegraph อื่น"
                                        f"กำลัง{'เขียนข้อมูลลง' if shared else 'ใช้'}อยู่"})
                    told = True
                time.sleep(0.2)

    def acquire(self) -> "FolderLock":
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle = open(self.path / "abegraph.lock", "a+")
        except OSError as err:
            if err.errno in (errno.EROFS, errno.EACCES):
                raise read_only_folder(self.path) from err
            raise StoreError(f"cannot use {self.path} as a store folder: {err.strerror or err}",
                             thai=f"ใช้ {self.path} เป็นโฟลเดอร์ฐานข้อมูลไม่ได้: {err.strerror or err}") from err
        try:
            self._flock(handle, self.shared, self.wait)
        except BaseException:
            handle.close()
            raise
        self._file = handle
        return self

    @contextmanager
    def exclusive(self, wait: float | None = None):
        """Hold the folder alone for a ``with`` block, then share it again (for a reader that
        writes now and then, like an endpoint that accepts updates)."""
        if self._file is None or not self.shared:
            yield self
            return
        self._flock(self._file, False, self.wait if wait is None else wait)
        try:
            yield self
        finally:
            self._flock(self._file, True, 60)

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "FolderLock":
        return self if self._file is not None else self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _damaged(path: Path, err: Exception) -> StoreError:
    return StoreError(
        f"the store at {path} is damaged ({err}); load the files again into a new --store folder, "
        "or restore a backup (abegraph export --format trig) into one",
        thai=f"ฐานข้อมูลที่ {path} เสียหาย ({err}) ให้โหลดไฟล์ใหม่ลงโฟลเดอร์ --store ใหม่ "
             "หรือกู้คืนจากข้อมูลสำรอง (abegraph export --format trig) ลงโฟลเดอร์ใหม่")


def _open_oxigraph(path: Path, wait: float) -> ox.Store:
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store(str(path))
        except RuntimeError as err:  # RocksDB reports a damaged store so
            raise _damaged(path, err) from err
        except OSError as err:
            message = str(err).lower()
            if "lock" not in message and "resource temporarily unavailable" not in message:
                raise StoreError(f"cannot open the store at {path}: {err}") from err
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"the store at {path} is in use by another abegraph process",
                    thai=f"ฐานข้อมูลที่ {path} กำลังถูกใช้งานโดยโปรแกรม abegraph อื่น") from err
            time.sleep(0.2)


def read_only_folder(path: Path) -> StoreError:
    """The error for a write to a store nobody may write to (a read-only mount, another user's folder)."""
    return StoreError(f"the store at {path} is on a read-only folder; nothing can be written to it "
                      "(copy the folder somewhere writable and use that --store)",
                      thai=f"ฐานข้อมูลที่ {path} อยู่ในโฟลเดอร์ที่อ่านได้อย่างเดียว เขียนข้อมูลลงไปไม่ได้ "
                           "(คัดลอกโฟลเดอร์ไปไว้ที่เขียนได้ แล้วใช้ --store นั้น)")


def _open_read_only(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError as err:
        raise _damaged(path, err) from err
    except OSError as err:
        raise StoreError(f"cannot open the store at {path} for reading: {err}") from err


class Store:
    """An Oxigraph store with abegraph's conventions (union default graph, atomic replace)."""

    def __init__(self, oxigraph: ox.Store, location: Path | None = None, lock: FolderLock | None = None,
                 *, shared: bool = False, wait: float = 10.0, read_only: bool = False):
        self._ox = oxigraph
        self.location = location
        self._lock = lock
        self._shared = shared or read_only
        self._wait = wait
        #: True for a store on a folder nobody may write to (a read-only mount): it is read without a lock
        self.read_only = read_only
        #: what opening the store did that the user should hear about (a refreshed vocabulary...)
        self.notes: list[dict[str, str]] = []  # {"en": ..., "th": ...}
        #: a failed write whose old content could not be put back yet: every write tries again first
        self._unrecovered = False
        if not self._shared:
            self._put_back()
        if location is not None:
            self._check_version()

    @classmethod
    def open(cls, location: str | Path | None = None, *, wait: float = 10.0,
             must_exist: bool = False, shared: bool = False, on_wait=None) -> "Store":
        """Open (creating if needed) the store in folder ``location``; ``None`` keeps it in memory.

        Waits up to ``wait`` seconds for another process to release the folder, then raises
        :class:`~abegraph.exceptions.StoreLockedError`; ``on_wait({"en": ..., "th": ...})`` is called when it
        has to wait. With ``must_exist`` a missing store is an error instead of being created
        (for commands that only read). With ``shared`` the store is opened read-only beside
        other readers, and its first write waits to have the folder alone.
        """
        if location is None:
            return cls(ox.Store(), None)
        path = Path(location)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder")
        exists = (path / "CURRENT").exists()
        if must_exist and not exists:
            raise StoreError(f"there is no store at {path}; load something first (abegraph load or abegraph demo)",
                             thai=f"ยังไม่มีฐานข้อมูลที่ {path} ให้โหลดข้อมูลก่อน (abegraph load หรือ abegraph demo)")
        if must_exist and not os.access(path, os.W_OK):  # a read-only mount: nobody can write, reading needs no lock
            return cls(_open_read_only(path), path, None, wait=wait, read_only=True)
        shared = shared and exists
        lock = FolderLock(path, wait, shared=shared, on_wait=on_wait).acquire()
        try:
            if shared:
                reading = _open_read_only(path)
                if _interrupted(path, reading):
                    del reading
                    _finish_interrupted_write(path, lock, wait)
                    reading = _open_read_only(path)
                return cls(reading, path, lock, shared=True, wait=wait)
            return cls(_open_oxigraph(path, wait), path, lock, wait=wait)
        except BaseException:
            lock.release()
            raise

    @property
    def shared(self) -> bool:
        """True while the store is open read-only beside other readers."""
        return self._shared

    def _writable(self, wait: float | None = None) -> None:
        """Before a write: take the folder alone and reopen it for writing (and put back the old
        content of a failed write that could not be put back when it failed)."""
        if not self._shared:
            if self._unrecovered:
                self._put_back()
            return
        if self.read_only:
            raise read_only_folder(self.location)
        self._lock._flock(self._lock._file, False, self._wait if wait is None else wait)
        del self._ox
        self._ox = _open_oxigraph(self.location, self._wait)
        self._shared = False
        self._lock.shared = False
        self._put_back()

    # --- format and vocabulary version ------------------------------------------------

    def _meta(self) -> dict:
        try:
            return json.loads((self.location / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _record_vocabulary(self) -> None:
        meta = {**self._meta(), "format": STORE_FORMAT, "vocabulary": vocabulary_version(), "abegraph": __version__}
        (self.location / _META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    def _check_version(self) -> None:
        meta = self._meta()
        if meta.get("format", STORE_FORMAT) > STORE_FORMAT:
            raise StoreError(f"the store at {self.location} was made by a newer abegraph ({meta.get('abegraph')}); "
                             "upgrade abegraph to use it",
                             thai=f"ฐานข้อมูลที่ {self.location} สร้างด้วย abegraph รุ่นใหม่กว่า ({meta.get('abegraph')}) "
                                  "ให้ปรับรุ่น abegraph ก่อนใช้")
        if meta.get("vocabulary") == vocabulary_version() or \
                not self._ox.contains_named_graph(ox.NamedNode(VOCABULARY_IRI)):
            return
        made_by = meta.get("abegraph", "an earlier version")
        if self.read_only:
            self.notes.append({"en": f"the store's vocabulary is from abegraph {made_by}; the store is on a "
                                     "read-only folder, so it cannot be refreshed",
                               "th": f"คำศัพท์ในฐานข้อมูลมาจาก abegraph {made_by} แต่ฐานข้อมูลอยู่ในโฟลเดอร์ที่อ่านได้"
                                     "อย่างเดียว จึงปรับให้เป็นรุ่นปัจจุบันไม่ได้"})
            return
        if self._shared:
            try:
                self._writable(wait=0)
            except StoreLockedError:
                self.notes.append({"en": f"the store's vocabulary is from abegraph {made_by}; it is refreshed the "
                                         "next time a command writes to the store (or opens it while nothing else "
                                         "does)",
                                   "th": f"คำศัพท์ในฐานข้อมูลมาจาก abegraph {made_by} จะปรับให้เป็นรุ่นปัจจุบันเมื่อมี"
                                         "คำสั่งเขียนลงฐานข้อมูลครั้งถัดไป"})
                return
            self._refresh_vocabulary(made_by)
            self._share_again()
        else:
            self._refresh_vocabulary(made_by)

    def _refresh_vocabulary(self, made_by: str) -> None:
        self.replace_graphs({VOCABULARY_IRI: list(vocabulary_quads())})
        self.notes.append({"en": f"refreshed the store's vocabulary (it was from abegraph {made_by})",
                           "th": f"ปรับคำศัพท์ในฐานข้อมูลเป็นรุ่นปัจจุบันแล้ว (เดิมมาจาก abegraph {made_by})"})

    def _share_again(self) -> None:
        self._ox.flush()
        del self._ox
        self._lock._flock(self._lock._file, True, self._wait)
        self._lock.shared = self._shared = True
        self._ox = _open_read_only(self.location)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for fast paths."""
        return self._ox

    def close(self) -> None:
        """Flush and release the folder (the object is unusable afterwards)."""
        if self.location is not None and not self._shared:
            try:
                self._ox.flush()
            except OSError:
                pass  # a full disk: what was written is safe in the write-ahead log, flushed on a later open
        del self._ox
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        """Triples in the graphs, not counting the journal of an unfinished load."""
        return len(self._ox) - sum(1 for _ in self._ox.quads_for_pattern(None, None, None, _JOURNAL))

    def is_empty(self) -> bool:
        """True when no graph holds a triple (at once: ``len`` counts every quad).

        >>> Store.open(None).is_empty()
        True
        """
        return not any(q.graph_name != _JOURNAL for q in self._ox.quads_for_pattern(None, None, None))

    def dataset(self) -> Dataset:
        """An rdflib Dataset over this store whose default graph is the union of all graphs."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from ..ontology.namespace import bind_prefixes

        dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        bind_prefixes(dataset)
        return dataset

    # --- reading ------------------------------------------------------------------------

    def query(self, sparql: str, **kwargs):
        """Run SPARQL on the union of all graphs (unless it names its dataset with FROM);
        returns pyoxigraph results."""
        kwargs.setdefault("use_default_graph_as_union", not declares_dataset(sparql))
        try:
            return self._ox.query(sparql, **kwargs)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from err

    def select(self, sparql: str, **kwargs) -> list[tuple]:
        """Rows of a SELECT query as tuples of rdflib terms (None where unbound), for Python
        users who work with rdflib; abegraph itself reads :meth:`rows` or :meth:`values`."""
        return solution_rows(self.query(sparql, **kwargs), from_ox)

    def rows(self, sparql: str, **kwargs) -> list[tuple]:
        """Rows of a SELECT query as tuples of pyoxigraph terms (None where unbound).

        >>> demo_store.rows("SELECT DISTINCT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#notation> 'I09' ; "
        ...                 "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(LANG(?l) = 'en') }")
        [(<Literal value=Early childhood developmental delay language=en>,)]
        """
        return solution_rows(self.query(sparql, **kwargs))

    def values(self, sparql: str, **kwargs) -> list[tuple]:
        """Rows of a SELECT query as tuples of plain values (:func:`~abegraph.graph.terms.python_value`:
        IRIs as text, literals as ``int``, ``Decimal``, ``bool``, ``date`` or text; None where
        unbound), for code that computes with them, such as the network.

        >>> demo_store.values("SELECT (COUNT(*) AS ?n) (SAMPLE(?none) AS ?x) WHERE { ?s a <https://w3id.org/abegraph/ns#Agency> }")
        [(33, None)]
        """
        return solution_rows(self.query(sparql, **kwargs), python_value)

    def graph_names(self) -> list[URIRef]:
        """The named graphs, sorted."""
        return sorted(uriref(g) for g in self._ox.named_graphs()
                      if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX) and g != _JOURNAL)

    def has_graph(self, graph) -> bool:
        """Whether the named graph ``graph`` (an IRI as text, rdflib or pyoxigraph node) exists."""
        return self._ox.contains_named_graph(ox.NamedNode(iri_text(graph)))

    def graph_sizes(self) -> dict[URIRef, int]:
        """Number of triples in each named graph."""
        rows = self.values("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {uriref(g): int(n) for g, n in sorted(rows)}

    def graph_size(self, graph) -> int:
        """Number of triples in one named graph (counted alone: 2.5x faster than :meth:`graph_sizes`
        for a graph of 100,000 triples beside the vocabulary).

        >>> demo_store.graph_size("https://w3id.org/abegraph/graph/khonkaen-demo") > 1000, demo_store.graph_size("urn:none")
        (True, 0)
        """
        return int(self.values(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri_text(graph)}> {{ ?s ?p ?o }} }}")[0][0])

    # --- writing ------------------------------------------------------------------------

    def replace_graphs(self, graphs: dict[URIRef, object], *, quads: list | None = None,
                       files: dict[URIRef, tuple] | None = None, before_commit=None) -> None:
        """Replace each named graph by its triples, all together or not at all.

        ``graphs`` maps a graph IRI to rdflib triples or pyoxigraph quads (put in that graph,
        whichever graph they name); ``quads`` adds pyoxigraph quads whose graph names are kept; ``files`` maps a
        graph IRI to ``(path, pyoxigraph RdfFormat)`` of a file of triples, read natively
        into it. Raises :class:`RdfSyntaxError` (nothing changed) for a file that does not parse.
        ``before_commit()`` is called once all is written and before it counts: whatever it
        raises leaves the store as it was (a load checks there what it looked for meanwhile).
        """
        self._writable()
        graphs = {iri_text(g): content for g, content in graphs.items()}
        files = {iri_text(g): file for g, file in (files or {}).items()}
        targets = set(graphs) | set(files) | {
            q.graph_name.value for q in quads or () if isinstance(q.graph_name, ox.NamedNode)}
        existing = {g for g in targets if self._ox.contains_named_graph(ox.NamedNode(g))}
        if not existing:  # (a full disk here reaches the command line as the system's error, told plainly)
            self._load_new(graphs, quads or [], files, targets, before_commit)
            return self._written(targets)
        rebuild = self._rebuilding_is_cheaper(graphs, quads or [], files, existing)
        with ThreadPoolExecutor(1) as reader:  # the engine reads the old graphs while the new ones are written out
            old = {} if rebuild else {  # a rebuild needs no comparison (a million triples: 6.6 s to read)
                g: reader.submit(self._ox.dump, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(g)))
                for g in existing}
            content: dict[str, list[bytes]] = {g: [] for g in targets}  # N-Triples text per graph
            for graph, (path, fmt) in ({} if rebuild else files).items():  # replacing: read here and compare
                content[graph].append(_file_text(path, fmt))
            named: dict[str, list] = {}
            unnamed = []  # default-graph quads: added, never replaced
            for q in quads or ():
                if isinstance(q.graph_name, ox.NamedNode):
                    named.setdefault(q.graph_name.value, []).append(q)
                else:
                    unnamed.append(q)
            for graph, items in [*graphs.items(), *named.items()]:
                content[graph].append(_triples_text(items, graph))
            old = {g: _lines(dump.result()) for g, dump in old.items()}
        try:
            if rebuild:  # the store keeps a triple once: the texts go to it as they are
                self._replace_by_rebuilding(content, unnamed, files, before_commit)
            else:
                self._replace_by_difference({g: _lines(*texts) for g, texts in content.items()}, old, unnamed,
                                            before_commit)
        except BaseException as err:  # a full disk, an interrupt, a refused check: the old content, now
            self._put_back(failed=err)
            if isinstance(err, OSError):
                raise StoreError(f"writing to the store failed, nothing was changed: {err}",
                                 thai=f"เขียนข้อมูลลงฐานข้อมูลไม่สำเร็จ ไม่มีอะไรเปลี่ยนแปลง: {err}") from err
            raise
        self._written(targets)

    def _replace_by_difference(self, content: dict[str, set[bytes]], existing: dict[str, set[bytes]],
                               unnamed: list, before_commit=None) -> None:
        """Make each graph of ``content`` (its triples as N-Triples lines) hold exactly them,
        writing only what changes; ``existing`` holds the lines of the graphs that exist.

        A replace costs what differs, not the size of the graph: loading the same file again
        writes nothing, a corrected workbook writes its few changed triples. The old graph is
        compared as the store's own N-Triples (one native dump), and the new lines that are not
        in it are written once in an in-memory store and read back, so that lexical forms the
        store keeps as values (``"1.50"`` and ``"1.5"`` as ``xsd:decimal``) compare equal.
        Comparing text rather than pyoxigraph quads was 1.6x faster at a million triples
        (``python -m bench.load``), as no Python object is made per quad.

        It is atomic through the journal: first the quads to remove are copied into a backup
        graph and the quads to add into an "added" graph, then a journal entry names both; then
        the graph is changed in place; dropping the journal is the commit point.
        Whatever a crash interrupts, :meth:`_recover` (run by the next writer to open the store)
        puts back ``graph - added + backup``, which is the old content. When less of the old
        graph is kept than is added, the backup holds the whole old graph instead (cheaper than
        noting what is added), and the graph is emptied and written anew. (Staging the new content
        and ``MOVE``-ing it over cost 9-11x a first load: ``python -m bench.load``.)
        """
        # plan: (graph, what to delete first: nothing, "all" or the backup graph's quads, lines to add)
        plan, journal, staged = [], [], []
        for graph, new in content.items():
            node = ox.NamedNode(str(graph))
            if graph not in existing:
                journal.append(ox.Quad(node, _LOADING, ox.Literal("loading"), _JOURNAL))
                plan.append((node, None, new))
                continue
            old = existing[graph]
            removed, added = old - new, new - old
            if added:  # as the store would write them
                canonical = _lines(_canonical(added))
                removed, added = removed - canonical, canonical - old
            if not removed and not added:
                continue
            backup = ox.NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
            if len(old) - len(removed) < len(added):  # little is kept: back the whole graph up, write it anew
                journal.append(ox.Quad(node, _BACKUP_ALL, backup, _JOURNAL))
                staged.append((backup, old))
                plan.append((node, "all", new))
                continue
            adding = ox.NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
            journal += [ox.Quad(node, _BACKUP, backup, _JOURNAL), ox.Quad(node, _ADDED, adding, _JOURNAL)]
            staged += [(backup, removed), (adding, added)]
            plan.append((node, backup if removed else None, added))
        if not plan and not unnamed:
            return before_commit() if before_commit is not None else None
        # the way back is on disk before any change: staging graphs (bulk: a crash leaves only
        # staging graphs, removed on the next open), then the journal naming them (one transaction)
        for graph, lines in staged:
            _bulk_text(self._ox, b"\n".join(lines), ox.RdfFormat.N_TRIPLES, graph)
        self._ox.extend(journal)
        for node, delete, added in plan:
            if delete == "all":
                self._ox.remove_graph(node)
            elif delete is not None:
                self._ox.update(f"DELETE {{ GRAPH <{node.value}> {{ ?s ?p ?o }} }} "
                                f"WHERE {{ GRAPH <{delete.value}> {{ ?s ?p ?o }} }}")
            # under the journal: a crash here is undone by _recover
            _bulk_text(self._ox, b"\n".join(added), ox.RdfFormat.N_TRIPLES, node)
            self._ox.add_graph(node)
        self._ox.extend(unnamed)  # (default-graph quads: a crash may leave them, they are never replaced)
        if before_commit is not None:
            before_commit()
        self._ox.update(f"DROP SILENT GRAPH <{_JOURNAL.value}>")  # the commit point
        self._remove_staging_graphs()

    def _rebuilding_is_cheaper(self, graphs: dict, quads: list, files: dict, existing: set) -> bool:
        """Whether writing the whole store anew costs less than changing the graphs in place,
        judged before the old graphs are read (reading a million triples takes 6.6 s).

        The engine removes a quad at about twice the cost of bulk-loading one, and a crash-safe
        change in place writes what it removes and adds twice more (backup and staging graphs,
        then their removal): about 5 units per quad removed and 4 per quad added, against 1 per
        quad of the new graphs and about 1.2 per quad kept from the rest of the store (read,
        then written). How much of a graph stays is estimated from its first
        :data:`_SAMPLE` new triples: those found in the graph already. Only a store on disk is
        rebuilt (its way back is a checkpoint of the folder).
        """
        if self.location is None or any(g not in files and not isinstance(graphs.get(g, []), list) for g in existing):
            return False  # (content given as a stream is read once, when it is written)
        samples = {g: self._first_triples(g, graphs, quads, files) for g in existing}
        staying = {}
        for graph, triples in samples.items():
            node = ox.NamedNode(str(graph))
            found = sum(not _has_blank_node(t) and next(self._ox.quads_for_pattern(*t, node), None) is not None
                        for t in triples)
            staying[graph] = found / len(triples) if triples else 0.0
        if all(f >= 0.9 for f in staying.values()):  # the common case (the same or a corrected file)
            return False
        in_place = rebuilt = 0.0
        old_total = 0
        for graph, kept_share in staying.items():
            old = self.graph_size(graph)
            new = _known_size(graph, graphs, quads, files, otherwise=old)
            in_place += 5 * max(old - kept_share * new, 0) + 4 * (1 - kept_share) * new
            rebuilt += new
            old_total += old
        return rebuilt + 1.2 * (len(self._ox) - old_total) < in_place

    def _first_triples(self, graph, graphs: dict, quads: list, files: dict) -> list[tuple]:
        """The first :data:`_SAMPLE` triples a replace writes into ``graph``, as pyoxigraph terms."""
        if graph in files:
            path, fmt = files[graph]
            with _syntax_errors_named(path):
                return [(t.subject, t.predicate, t.object) for t in
                        itertools.islice(ox.parse(path=str(path), format=fmt), _SAMPLE)]
        node = ox.NamedNode(str(graph))
        items = graphs.get(graph, [])[:_SAMPLE]
        items += itertools.islice((q for q in quads if q.graph_name == node), _SAMPLE)
        converted = [(q.subject, q.predicate, q.object) for q in items if isinstance(q, ox.Quad)]
        converted += [(q.subject, q.predicate, q.object)
                      for q in quads_from_triples([t for t in items if not isinstance(t, ox.Quad)], None)]
        return converted[:_SAMPLE]

    def _replace_by_rebuilding(self, content: dict[str, list[bytes]], unnamed: list, files: dict,
                               before_commit=None) -> None:
        """Make each graph of ``content`` hold exactly its N-Triples texts (and ``files``, read by the bulk
        loader as a first load reads them) by writing the whole store anew:
        what other graphs hold is read out, the store is cleared (which costs nothing) and all
        is bulk-loaded at once. For a graph whose content is replaced by different content, this
        costs about a first load, where removing its old quads in place costs about 6.

        The way back is a checkpoint of the folder (hard links: it costs nothing either), marked
        as the store's content while the rebuild runs (:data:`_RESTORE`). Whatever a crash
        interrupts, :meth:`_recover` puts the checkpoint's content back; removing the mark is the
        commit point.
        """
        checkpoint = self.location / _CHECKPOINT
        self._restore_checkpoint()  # (a marked one is never thrown away)
        self._ox.backup(str(checkpoint))
        _sync_folder(self.location)  # the checkpoint's name is on disk before it is marked as the content
        _write_synced(checkpoint / _RESTORE, b"the store's content while a rebuild runs; see Store._recover\n")
        targets = {ox.NamedNode(str(g)) for g in content}
        kept = [self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())]
        graphs = [g for g in self._ox.named_graphs() if g not in targets]
        for graph in graphs:
            kept.append(_in_graph(self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph), graph))
        kept += [_in_graph(text, ox.NamedNode(str(g))) for g, texts in content.items() for text in texts]
        self._ox.clear()
        _bulk_text(self._ox, b"".join(kept), ox.RdfFormat.N_QUADS)
        for graph, (path, fmt) in files.items():
            with _syntax_errors_named(path):
                self._ox.bulk_load(path=str(path), format=fmt, to_graph=ox.NamedNode(str(graph)))
        for graph in [*graphs, *targets]:  # empty named graphs too
            self._ox.add_graph(graph)
        self._ox.extend(unnamed)
        if before_commit is not None:
            before_commit()
        self._ox.flush()
        (checkpoint / _RESTORE).unlink()  # the commit point
        _sync_folder(checkpoint)
        _remove_folder(checkpoint)

    def _restore_checkpoint(self) -> None:
        """Put back the content of a rebuild's checkpoint if the rebuild did not commit, then
        remove the checkpoint (and what a checkpoint cut off half way left). Running it again
        changes nothing. The quads are copied straight from the checkpoint (no file: a disk that
        filled up during the rebuild may have no room for one), blank nodes as they are."""
        if self.location is None:
            return
        checkpoint = self.location / _CHECKPOINT
        _remove_folder(self.location / f"{_CHECKPOINT}.tmp")  # RocksDB's, while it makes one
        if (checkpoint / _RESTORE).exists():
            self._ox.clear()
            _copy_store(checkpoint, self._ox)
            self._ox.flush()
            (checkpoint / _RESTORE).unlink()
            _sync_folder(checkpoint)
        _remove_folder(checkpoint)

    def _written(self, targets) -> None:
        if self.location is not None and VOCABULARY_IRI in targets:
            self._record_vocabulary()

    def _load_new(self, graphs, quads, files, targets, before_commit=None) -> None:
        """Graphs that do not exist yet: written in place under a journal entry per graph, so a
        crash or a bad file leaves nothing behind (the next open removes what the journal names).

        Being under the journal, they are written by the bulk loader (no transaction): about 8x
        faster than ``extend`` for a 10,000-row workbook (``python -m bench.load --profile abegraph``).
        The graphs' quads go to it as one N-Quads text, which the loader reads without holding
        Python's lock, so that a load's SHACL validation runs meanwhile (10,000 rows: the two
        took 1.85 s together as quads, 1.7 s as text). Default-graph quads, which no journal
        entry names, go in one transaction."""
        markers = [ox.Quad(ox.NamedNode(str(g)), _LOADING, ox.Literal("loading"), _JOURNAL) for g in targets]
        self._ox.extend(markers)
        try:
            rest = []  # quads that name a graph of their own, and rdflib triples
            texts = []
            for graph, content in graphs.items():
                node = ox.NamedNode(str(graph))
                plain, other = [], []
                for item in content:
                    is_plain = isinstance(item, ox.Quad) and isinstance(item.graph_name, ox.DefaultGraph)
                    (plain if is_plain else other).append(item)
                if plain:
                    texts.append(_in_graph(ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES), node))
                rest += [ox.Quad(q.subject, q.predicate, q.object, node) for q in other if isinstance(q, ox.Quad)]
                rest += quads_from_triples([c for c in other if not isinstance(c, ox.Quad)], graph)
            # as one text, the store reads it without holding Python (a load's shapes run meanwhile),
            # and in one go (each bulk load costs 10 ms more)
            _bulk_text(self._ox, b"".join(texts), ox.RdfFormat.N_QUADS)
            rest += [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
            if rest:
                self._ox.bulk_extend(rest)
            self._ox.extend(q for q in quads if not isinstance(q.graph_name, ox.NamedNode))
            for graph, (path, fmt) in files.items():
                with _syntax_errors_named(path):
                    self._ox.bulk_load(path=str(path), format=fmt, to_graph=ox.NamedNode(str(graph)))
            for target in targets:
                self._ox.add_graph(ox.NamedNode(str(target)))
            if before_commit is not None:
                before_commit()
        except BaseException:
            self._undo(markers)
            raise
        self._ox.update(f"DROP SILENT GRAPH <{_JOURNAL.value}>")  # the commit point: one transaction

    def _undo(self, markers) -> None:
        for marker in markers:
            self._ox.remove_graph(marker.subject)
        if markers:
            self._ox.update(f"DROP SILENT GRAPH <{_JOURNAL.value}>")

    def drop_graphs(self, graphs: list[URIRef]) -> None:
        """Remove named graphs in one update."""
        if graphs:
            self._writable()
            self._ox.update(" ; ".join(f"DROP SILENT GRAPH <{iri_text(g)}>" for g in graphs))

    def _put_back(self, failed: BaseException | None = None) -> None:
        """:meth:`_recover`, telling what stops it: until it succeeds (it is tried again before
        every write, and by the next process to open the store), nothing else is written."""
        try:
            self._recover()
            self._unrecovered = False
            return
        except Exception as err:  # noqa: BLE001 - whatever stops it is told, below (outside: its frames would hold the engine's store open)
            reason = str(err) or type(err).__name__
        self._unrecovered = True
        what = f"writing to the store failed ({failed}), and " if failed is not None else \
            "the store's last write did not finish, and "
        what_th = f"เขียนข้อมูลลงฐานข้อมูลไม่สำเร็จ ({failed}) และ" if failed is not None else \
            "การเขียนข้อมูลครั้งล่าสุดไม่เสร็จ และ"
        raise StoreError(
            f"{what}its old content cannot be put back yet: {reason}. Nothing else is written until it is: "
            "free some disk space, then run the command again",
            thai=f"{what_th}ยังนำข้อมูลเดิมกลับคืนไม่ได้: {reason} จะไม่มีการเขียนข้อมูลอื่นจนกว่าจะนำกลับคืนได้ "
                 "กรุณาเพิ่มพื้นที่ว่างในดิสก์ แล้วสั่งคำสั่งเดิมอีกครั้ง")

    def _recover(self) -> None:
        """Put back the old content of every graph a crashed or failed write was changing (the
        journal names them), then remove staging graphs. Running it again changes nothing."""
        self._restore_checkpoint()
        if not self._ox.contains_named_graph(_JOURNAL):
            return self._remove_staging_graphs()
        for graph, _, backup, _ in list(self._ox.quads_for_pattern(None, _BACKUP_ALL, None, _JOURNAL)):
            self._ox.remove_graph(graph)
            self._ox.update(f"INSERT {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} "
                            f"WHERE {{ GRAPH <{backup.value}> {{ ?s ?p ?o }} }}")
        for graph, _, backup, _ in list(self._ox.quads_for_pattern(None, _BACKUP, None, _JOURNAL)):
            added = next(self._ox.quads_for_pattern(graph, _ADDED, None, _JOURNAL)).object
            self._ox.update(f"DELETE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} "
                            f"WHERE {{ GRAPH <{added.value}> {{ ?s ?p ?o }} }} ; "
                            f"INSERT {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} "
                            f"WHERE {{ GRAPH <{backup.value}> {{ ?s ?p ?o }} }}")
        self._undo(list(self._ox.quads_for_pattern(None, _LOADING, None, _JOURNAL)))
        self._ox.update(f"DROP SILENT GRAPH <{_JOURNAL.value}>")
        self._remove_staging_graphs()

    def _remove_staging_graphs(self) -> None:
        leftovers = [g for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)
                     and g.value.startswith(STAGING_PREFIX)]
        for graph in leftovers:
            self._ox.remove_graph(graph)


def _lines(*texts: bytes) -> set[bytes]:
    """The distinct lines of N-Triples texts (one triple per line, as pyoxigraph writes them)."""
    lines = set()
    for text in texts:
        lines.update(text.splitlines())
    lines.discard(b"")
    return lines


def _triples_text(items, graph) -> bytes:
    """N-Triples for rdflib triples or pyoxigraph quads (their graph names dropped)."""
    items = items if isinstance(items, list) else list(items)
    rdflib_triples = [t for t in items if not isinstance(t, ox.Quad)]
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in items if isinstance(q, ox.Quad)]
    triples += [ox.Triple(q.subject, q.predicate, q.object) for q in quads_from_triples(rdflib_triples, graph)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""


def _file_text(path, fmt: ox.RdfFormat) -> bytes:
    """A file of triples as N-Triples, its blank nodes named anew (as the bulk loader names those
    of a first load: two files' ``_:x`` are two nodes); :class:`RdfSyntaxError` names the line."""
    with _syntax_errors_named(path):
        return ox.serialize(ox.parse(path=str(path), format=fmt, rename_blank_nodes=True),
                            format=ox.RdfFormat.N_TRIPLES)


@contextmanager
def _syntax_errors_named(path):
    """A parser's ``SyntaxError`` as :class:`RdfSyntaxError`, naming the file and the line."""
    try:
        yield
    except SyntaxError as err:
        raise RdfSyntaxError(f"{Path(path).name}: {err}", line=err.lineno) from err


def _has_blank_node(triple) -> bool:
    return any(isinstance(term, ox.BlankNode) for term in triple)


def _known_size(graph, graphs: dict, quads: list, files: dict, otherwise: int) -> int:
    """How many triples a replace writes into ``graph``, when known without reading a file."""
    if graph in files or not isinstance(graphs.get(graph, []), list):
        return otherwise
    node = ox.NamedNode(str(graph))
    return len(graphs.get(graph, [])) + sum(1 for q in quads if q.graph_name == node)


def _in_graph(text: bytes, graph: ox.NamedNode | ox.BlankNode) -> bytes:
    """N-Triples text as N-Quads in ``graph`` (pyoxigraph ends every line with `` .``; a
    literal's line breaks are escaped, so only lines end in it).

    >>> _in_graph(b'<urn:s> <urn:p> "a ." .\\n', ox.NamedNode("urn:g"))
    b'<urn:s> <urn:p> "a ." <urn:g> .\\n'
    """
    return text.replace(b" .\n", f" {graph} .\n".encode())


def _bulk_text(store: ox.Store, text: bytes, fmt: ox.RdfFormat, graph: ox.NamedNode | ox.DefaultGraph | None = None
               ) -> None:
    """Bulk-load N-Triples or N-Quads ``text`` (triples into ``graph``), blank nodes kept as named.

    The store's bulk loader gives a text's blank nodes new names (as loading a file should), so
    when any line may hold one, the text is parsed here and written as quads: a blank node
    removed from a graph must be the very one the graph holds (a replace used to leave the old
    ones behind). The texts here are the store's own dump or a file already named anew.
    """
    if not text:
        return
    if b"_:" not in text:  # no blank node for sure: the native way (a literal's "_:" takes the other)
        store.bulk_load(input=text, format=fmt, **({} if graph is None else {"to_graph": graph}))
        return
    parsed = ox.parse(text, format=fmt, rename_blank_nodes=False)
    store.bulk_extend(parsed if graph is None else (ox.Quad(t.subject, t.predicate, t.object, graph) for t in parsed))


def _copy_store(folder: Path, target: ox.Store) -> None:
    """Bulk-copy every quad and named graph of the store in ``folder`` into ``target``."""
    source = ox.Store.read_only(str(folder))
    target.bulk_extend(source.quads_for_pattern(None, None, None))
    for graph in source.named_graphs():
        target.add_graph(graph)


def _interrupted(path: Path, store: ox.Store) -> bool:
    """Whether the store's last write did not finish: a rebuild's mark, a journal, staging graphs."""
    return (path / _CHECKPOINT / _RESTORE).exists() or any(
        g == _JOURNAL or (isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX))
        for g in store.named_graphs())


def _finish_interrupted_write(path: Path, lock: FolderLock, wait: float) -> None:
    """Put back the old content of a store whose last write did not finish, with the folder held
    alone for a moment, before a reader opens it (readers would otherwise see half of a write).
    Another reader holding the folder leaves it as it is."""
    try:
        with lock.exclusive(wait=min(wait, 2.0)):
            Store(_open_oxigraph(path, wait), path, None, wait=wait).close()
    except StoreLockedError:
        pass


def _write_synced(path: Path, data: bytes) -> None:
    """Write a small file and make it, and its name in the folder, survive a power cut."""
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove_folder(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)


def _canonical(lines: set[bytes]) -> bytes:
    """N-Triples lines as the store writes them back (literals it keeps as values in their
    canonical form; duplicates by value once), through an in-memory store.

    >>> _canonical({b'<urn:s> <urn:p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .'})
    b'<urn:s> <urn:p> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\\n'
    """
    memory = ox.Store()
    _bulk_text(memory, b"\n".join(lines), ox.RdfFormat.N_TRIPLES)
    return memory.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def loaded_graph(store, name: str) -> URIRef:
    """The named graph of the loaded source ``name`` (a name or an IRI), in any store;
    :class:`~abegraph.exceptions.NotFound` names the loaded ones when there is none.

    >>> loaded_graph(Store.open(None), "khonkaen")
    Traceback (most recent call last):
    abegraph.exceptions.NotFound: no source called 'khonkaen' in the store (loaded: none)
    """
    from ..ontology.namespace import source_graph

    iri = source_graph(name)
    graphs = store.graph_names()
    if iri not in graphs:
        loaded = ", ".join(sorted(str(g).rsplit("/", 1)[-1] for g in graphs)) or "none"
        raise NotFound(f"no source called {name!r} in the store (loaded: {loaded})",
                       thai=f"ไม่พบแหล่งข้อมูล {name!r} ในคลังข้อมูล (ที่โหลดไว้: {loaded})")
    return iri


def parse_file(path, fmt, graph) -> list:
    """The quads of an RDF file of triples, in ``graph``; :class:`RdfSyntaxError` names the line.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "one.nt"
    >>> _ = f.write_text('<urn:s> <urn:p> "ค่า" .', encoding="utf-8")
    >>> [q.object.value for q in parse_file(f, ox.RdfFormat.N_TRIPLES, "urn:g")]
    ['ค่า']
    """
    node = ox.NamedNode(str(graph))
    with _syntax_errors_named(path):
        return [ox.Quad(t.subject, t.predicate, t.object, node)
                for t in ox.parse(path=str(path), format=fmt, rename_blank_nodes=True)]
