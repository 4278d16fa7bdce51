"""The ``abegraph`` command line: a thin layer that parses options, calls one function, prints.

Example
-------
>>> from click.testing import CliRunner
>>> from abegraph.cli import main
>>> result = CliRunner().invoke(main, ["query", "--list"])
>>> "root-causes" in result.output
True
"""
from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import click

from . import __version__
from .exceptions import AbegraphError, LoadError
from .progress import step_text

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
LANGS = click.Choice(["en", "th"])


class Settings:
    """Options shared by every command (``--store``, ``--lang``), and the project they name."""

    def __init__(self, store: str | None, lang: str):
        self.store_location = store
        self.lang = lang

    @property
    def th(self) -> bool:
        return self.lang == "th"

    @contextlib.contextmanager
    def progress(self):
        """A :class:`TerminalProgress` in the chosen language for a ``with`` block."""
        bar = TerminalProgress(self.lang)
        try:
            yield bar
        finally:
            bar.finish()

    def project(self):
        """The :class:`~abegraph.project.Project` on ``--store`` (imported here, on first use,
        so that ``abegraph --help`` does not load rdflib, NetworkX and pyoxigraph)."""
        from abegraph.project import Project

        return Project(self.store_location or "", say=self.say)

    def say(self, text: dict) -> None:
        """Say a note given in both languages (``{"en": ..., "th": ...}``) in ``--lang``'s."""
        _say(text.get(self.lang) or text["en"])


class TerminalProgress:
    """click's progress bar on stderr, fed by ``progress(step, done, total)`` callbacks
    (:mod:`abegraph.progress`), with the step in the reader's language.

    Nothing is drawn when stderr is not a terminal (a pipe, a log, a test), nor for work that
    ends within ``delay`` seconds. ``finish()`` ends the line.

    >>> bar = TerminalProgress("th", terminal=False)
    >>> bar("reading the network", 0, 3); bar.finish()
    """

    def __init__(self, lang: str = "en", *, delay: float = 1.0, terminal: bool | None = None, file=None):
        self.lang, self.delay, self.file = lang, delay, file
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._bar = self._started = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.terminal:
            return
        now = time.monotonic()
        self._started = self._started or now
        if self._bar is None:
            if now - self._started < self.delay:
                return
            self._bar = click.progressbar(length=max(total, 1), file=self.file or sys.stderr, width=24,
                                          show_eta=False, show_percent=False, item_show_func=lambda s: s)
            self._bar._is_atty = True  # decided above, by ``terminal``
        self._bar.length = max(total, 1)
        steps = max(done - self._bar.pos, 0)
        self._bar.update(steps, step_text(step, self.lang)[:50])
        if not steps:  # click draws only after a step; the step's words changed
            self._bar.render_progress()

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.render_finish()
        self._bar = self._started = None


def _say(text: str = "", err: bool = True) -> None:
    click.echo(text, err=err)


def _wrote(lang: str, *paths, nodes: int | None = None, links: int | None = None, grouped: bool = False,
           err: bool = True) -> None:
    """Say which files a command wrote, in ``lang``, with the size of a drawn network.

    >>> _wrote("th", "a.html", nodes=33, links=99, err=False)
    เขียน a.html แล้ว (33 จุด 99 เส้นเชื่อม)
    """
    th = lang == "th"
    names = (" และ " if th else " and ").join(str(p) for p in paths)
    size = ""
    if nodes is not None:
        size = (f" ({nodes:,} จุด {links:,} เส้นเชื่อม{' จัดเป็นกลุ่ม' if grouped else ''})" if th else
                f" ({nodes:,} nodes, {links:,} links{', grouped' if grouped else ''})")
    _say(f"เขียน {names} แล้ว{size}" if th else f"Wrote {names}{size}", err=err)


class _Failed(click.ClickException):
    """A command that could not do its work: ``Error: ...`` on stderr, ``ข้อผิดพลาด: ...`` in Thai."""

    def __init__(self, message: str, lang: str = "en"):
        super().__init__(message)
        self.lang = lang

    def show(self, file=None) -> None:
        word = "ข้อผิดพลาด" if self.lang == "th" else "Error"
        click.echo(f"{word}: {self.format_message()}", file=file, err=True)


def _fail(message: str, hint: str = "", lang: str = "en") -> None:
    raise _Failed(message + (f"\n  {hint}" if hint else ""), lang)


def _os_message(err: OSError, lang: str) -> tuple[str, str]:
    """An operating-system error (disk full, read-only, no permission) as a message and a hint."""
    where = err.filename or ""
    known = {
        errno.ENOSPC: ("the disk is full", "free some space (or write to another disk) and run the command again",
                       "ดิสก์เต็ม", "ลบไฟล์ที่ไม่ใช้ให้มีที่ว่าง (หรือเขียนลงดิสก์อื่น) แล้วสั่งใหม่"),
        errno.EROFS: ("the disk is mounted read-only", "write to another folder",
                      "ดิสก์นี้เปิดให้อ่านได้อย่างเดียว", "เขียนลงโฟลเดอร์อื่น"),
        errno.EACCES: ("permission denied", "write to a folder you may write to, or ask its owner",
                       "ไม่มีสิทธิ์เข้าถึง", "เขียนลงโฟลเดอร์ที่มีสิทธิ์ หรือติดต่อเจ้าของโฟลเดอร์"),
        errno.ENOTDIR: ("a part of the path is a file, not a folder", "give a path made of folders",
                        "ส่วนหนึ่งของที่อยู่เป็นไฟล์ ไม่ใช่โฟลเดอร์", "ระบุที่อยู่ที่เป็นโฟลเดอร์"),
        errno.ENOENT: ("there is no such file or folder", "check the name and the folder",
                       "ไม่พบไฟล์หรือโฟลเดอร์นี้", "ตรวจชื่อและโฟลเดอร์"),
    }
    number = err.errno
    if number is None:  # the store's own errors (RocksDB) carry the reason in the text only
        texts = {"No space left on device": errno.ENOSPC, "Read-only file system": errno.EROFS,
                 "Permission denied": errno.EACCES}
        number = next((n for text, n in texts.items() if text in str(err)), None)
    en, hint, th, hint_th = known.get(number, (err.strerror or str(err), "", err.strerror or str(err), ""))
    text = th if lang == "th" else en
    return (f"{where}: {text}" if where else text), (hint_th if lang == "th" else hint)


def _run(action, lang: str = "en", refused: dict | None = None):
    """Turn abegraph's own errors, and the system's (disk full, read-only), into a message and
    exit code 1, never a traceback.

    A :class:`~abegraph.exceptions.LoadError` lists its problems, then ``refused`` (the
    command's own words, by language) says what did not happen."""
    try:
        return action()
    except LoadError as err:
        if refused is None:
            raise
        _print_problems(err.report, lang)
        _fail(refused[lang], lang=lang)
    except AbegraphError as err:
        hint = err.hint_th if lang == "th" and err.hint_th else err.hint
        _fail(err.message(lang), hint, lang)
    except OSError as err:
        _fail(*_os_message(err, lang), lang=lang)


def _writing(output: Path, write, lang: str):
    """``write()`` that makes ``output``; on any failure the partial file is removed (a refused
    export leaves no empty file behind) and the error is a message."""
    existed = output.exists()
    try:
        return _run(write, lang)
    except BaseException:
        if not existed and output.is_dir():  # a folder of CSV files this command made
            shutil.rmtree(output, ignore_errors=True)
        elif not existed:
            with contextlib.suppress(OSError):  # on a read-only or full disk there may be nothing to remove
                output.unlink(missing_ok=True)
        raise



def _print_problems(report, lang: str) -> None:
    if not report.problems:
        return
    errors, warnings = report.errors, report.warnings
    title = {"en": f"{len(errors)} error(s), {len(warnings)} warning(s):",
             "th": f"พบข้อผิดพลาด {len(errors)} รายการ คำเตือน {len(warnings)} รายการ:"}[lang]
    _say(title)
    for problem in errors + warnings:
        mark = "ERROR  " if problem.severity == "error" else "warning"
        if lang == "th":
            mark = "ผิดพลาด" if problem.severity == "error" else "คำเตือน"
        _say(f"  {mark} {problem.describe(lang)}")


class _Commands(click.Group):
    """The command group, with a last guard: an error abegraph did not foresee (a bug) is one
    message in the reader's language and a file with the details, never a traceback on the
    screen. ``ABEGRAPH_DEBUG=1`` shows the traceback instead."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            if os.environ.get("ABEGRAPH_DEBUG"):
                raise
            lang = getattr(ctx.obj, "lang", "en")
            details = _write_crash_report(err)
            where = f"\n  {details}" if details else ""
            raise _Failed({
                "en": f"abegraph met a problem it did not expect ({type(err).__name__}: {str(err)[:200]}). "
                      f"A load that stops this way changes nothing in the store. Please send the details to the "
                      f"abegraph team:{where}",
                "th": f"abegraph พบปัญหาที่ไม่คาดคิด ({type(err).__name__}: {str(err)[:200]}) "
                      f"การโหลดที่หยุดลงเช่นนี้ไม่เปลี่ยนแปลงข้อมูลในฐานข้อมูล กรุณาส่งรายละเอียดให้ทีม abegraph:{where}",
            }[lang], lang) from err


def _write_crash_report(err: BaseException) -> str:
    """Write the traceback of ``err`` to a file in the temporary folder; its path, or ``""``."""
    import tempfile
    import traceback

    try:
        handle, path = tempfile.mkstemp(prefix="abegraph-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"abegraph {__version__}, Python {sys.version.split()[0]}\n{' '.join(sys.argv)}\n\n")
            out.write("".join(traceback.format_exception(err)))
        return path
    except OSError:
        return ""


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="abegraph")
@click.option("--store", envvar="ABEGRAPH_STORE", metavar="FOLDER",
              help="Store folder (default: $ABEGRAPH_STORE or ./abegraph-store).")
@click.option("--lang", type=LANGS, envvar="ABEGRAPH_LANG", default="en", show_default=True,
              help="Language of messages and labels: en or th.")
@click.pass_context
def main(ctx, store, lang):
    """abegraph: one knowledge graph of what a province already has for its children and youth.

    \b
    Example:
      abegraph demo                      # load the Khon Kaen demo and see what it holds
      abegraph template -o workshop.xlsx # a blank workbook to fill in
      abegraph load workshop.xlsx        # check it and load it
      abegraph query root-causes         # ask a saved question
    """
    ctx.obj = Settings(store, lang)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="abegraph-template.xlsx",
              show_default=True, help="Where to write the workbook.")
@click.option("--headings", type=LANGS, default="th", show_default=True,
              help="Sheet names and column headings in Thai or English (both are accepted when loading).")
@click.option("--province", metavar="CODE", help="Offer only this province's districts (DOPA code, e.g. 40).")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@click.pass_obj
def template(settings, output, headings, province, force):
    """Write a blank workbook with instructions, drop-down lists, the issues abegraph knows and an example.

    An existing file is never overwritten without --force.

    \b
    Example:
      abegraph template -o khonkaen-table3.xlsx --province 40
      abegraph template --headings en -o blank-en.xlsx
    """
    from abegraph.thai.gazetteer import lookup_area
    from .loaders.workbook_writer import write_template

    th = settings.lang == "th"
    if province and (len(province) != 2 or lookup_area(province) is None):
        raise click.UsageError(f"--province takes a 2-digit DOPA province code (e.g. 40 for Khon Kaen), not {province!r}")
    try:
        write_template(output, headings, province=province, force=force)
    except FileExistsError:
        _fail(f"มีไฟล์ {output} อยู่แล้ว ไม่ได้เขียนทับ" if th else f"{output} already exists; it was not overwritten.",
              "ใช้ชื่อไฟล์อื่น (-o) หรือเพิ่ม --force เพื่อเขียนทับ" if th else
              "Choose another name with -o, or add --force to overwrite it.", settings.lang)
    _wrote(settings.lang, output, err=False)


def _report_summary(report, lang: str, verb: str) -> None:
    from .loaders.schema import SHEETS

    names = {k: s.name_th for k, s in SHEETS.items()} if lang == "th" else {}
    sheets = ", ".join(f"{names.get(k, k)} {v}" for k, v in report.accepted.items() if v)
    graphs = ", ".join(f"{name} ({n} triples)" for name, n in report.graphs.items())
    if lang == "th":
        graphs = ", ".join(f"{name} ({n} ทริเปิล)" for name, n in report.graphs.items())
        _say(f"{verb}: {graphs or '-'}; แถวที่ผ่าน: {sheets or '-'}", err=False)
    else:
        _say(f"{verb}: {graphs or '-'}; rows accepted: {sheets or '-'}", err=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def validate(settings, files):
    """Check workbooks, CSV folders or RDF files without loading anything.

    Every problem is listed with file, sheet, row and column, what is wrong and how to fix it.
    Exits 1 when there is an error.

    \b
    Example:
      abegraph validate khonkaen-table3.xlsx
      abegraph --lang th validate tables/
    """
    def run():
        with settings.progress() as bar:
            return settings.project().validate(files, progress=bar)

    report = _run(run, settings.lang)
    _print_problems(report, settings.lang)
    if not report.ok:
        raise click.exceptions.Exit(1)
    _report_summary(report, settings.lang, "ตรวจผ่าน" if settings.lang == "th" else "Valid")


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--skip-invalid", is_flag=True, help="Load the good rows; report the bad ones and leave them out.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="With --skip-invalid: write the rows left out, with a reason column (.xlsx or .csv).")
@click.option("--graph", "graph_name", help="Name of the graph to load into (one file only; default: file name).")
@click.option("--workshop", help="The workshop, table or round these files come from.")
@click.option("--workshop-date", help="Its date, YYYY-MM-DD.")
@click.option("--workshop-place", help="Where it was held.")
@click.pass_obj
def load(settings, files, skip_invalid, rejects, graph_name, workshop, workshop_date, workshop_place):
    """Check and load workbooks, CSV folders, RDF files or government data catalogues.

    Each file becomes one named graph; loading the same file again replaces it. With any
    error nothing is loaded (exit 1), unless --skip-invalid is given. A CKAN API answer
    (.json) or a DCAT catalogue (.ttl/.rdf/.jsonld with dcat:Dataset and no abegraph classes)
    loads as rows of the datasets sheet; an http(s):// address is fetched first (30 s, 50 MB).

    \b
    Example:
      abegraph load khonkaen-table1.xlsx khonkaen-table2.xlsx --workshop "ABE Khon Kaen 2023"
      abegraph load tables/ --skip-invalid --rejects rejects.xlsx
      abegraph --store /data/kk load export.trig
      abegraph load data-go-th.json                      # a CKAN package_search answer
      abegraph load https://catalog.example.go.th/catalog.ttl
    """
    import tempfile

    from abegraph.catalog.web import fetch_url, is_url
    from abegraph.loaders.pipeline import Workshop

    if rejects and not skip_invalid:
        raise click.UsageError("--rejects goes with --skip-invalid")
    if graph_name and len(files) > 1:
        raise click.UsageError("--graph names one graph: give one file")
    session = Workshop(workshop, workshop_date, workshop_place) if workshop else None

    def run():
        with tempfile.TemporaryDirectory(prefix="abegraph-fetch-") as folder:
            paths = [fetch_url(f, folder) if is_url(f) else Path(f) for f in files]
            with settings.progress() as bar:
                return settings.project().load(paths, skip_invalid=skip_invalid,
                                               names=[graph_name] if graph_name else None, workshop=session,
                                               rejects=rejects, lang=settings.lang, progress=bar)

    try:
        report = _run(run, settings.lang)
    except LoadError as err:
        _print_problems(err.report, settings.lang)
        if skip_invalid and err.report is not None and err.report.rejected and \
                not any(p.row is None for p in err.report.errors):  # every row rejected: the rejects were written
            if rejects:
                _say_rejects(rejects, err.report.rejected, settings.lang)
            _fail({"en": "Every row was rejected, so nothing was loaded; the store is unchanged.",
                   "th": "ทุกแถวถูกปฏิเสธ จึงไม่ได้นำเข้าข้อมูลใด ๆ ฐานข้อมูลยังเหมือนเดิม"}[settings.lang], lang=settings.lang)
        _fail({"en": "Nothing was loaded; the store is unchanged. Fix the problems above and load again, "
                     "or use --skip-invalid to load the good rows.",
               "th": "ไม่ได้นำเข้าข้อมูลใด ๆ ฐานข้อมูลยังเหมือนเดิม แก้ไขตามรายการข้างต้นแล้วโหลดใหม่ "
                     "หรือใช้ --skip-invalid เพื่อโหลดเฉพาะแถวที่ถูกต้อง"}[settings.lang], lang=settings.lang)
    _print_problems(report, settings.lang)
    if rejects:
        _say_rejects(rejects, report.rejected, settings.lang)
    _report_summary(report, settings.lang, "โหลดแล้ว" if settings.lang == "th" else "Loaded")


def _say_rejects(path: Path, rejected: list, lang: str) -> None:
    _say(f"เขียนแถวที่ไม่ผ่าน {len(rejected)} แถวลงใน {path} แล้ว" if lang == "th" else
         f"{len(rejected)} rejected row(s) written to {path}")


_LINK_REFUSED = {"en": "No match was recorded. Fix the review file as listed above and apply it again.",
                 "th": "ไม่ได้บันทึกการจับคู่ใด ๆ แก้ไฟล์ตามรายการข้างต้นแล้วสั่งใหม่"}
_OUTPUT_OPTION = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                              default="abegraph-links.xlsx", show_default=True, help="The review workbook to write.")
_HEADINGS_OPTION = click.option("--headings", type=LANGS, default="th", show_default=True,
                                help="Language of the review workbook's sheets, headings and reasons "
                                     "(both are read back).")


@main.group(invoke_without_command=True)
@_OUTPUT_OPTION
@click.option("--apply", "apply_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Same as `link apply FILE` (kept for scripts).")
@click.option("--auto", is_flag=True, help="Same as `link propose --auto`.")
@click.option("--remove", is_flag=True, help="Same as `link remove`.")
@click.option("--list", "list_", is_flag=True, help="Same as `link list`.")
@_HEADINGS_OPTION
@click.pass_context
def link(ctx, output, apply_file, auto, remove, list_, headings):
    """Find the agencies, resources, datasets and issues that several sources name differently.

    `link propose` writes the proposals, with scores and reasons, to a review workbook; mark
    each row accept or reject and `link apply` it. Matches are kept as owl:sameAs in their own
    graph: analyses, maps and saved questions then count each matched pair once. Nothing is
    merged without review, except confident matches with --auto. Facts the sources disagree on
    are reported. `abegraph link` alone is `link propose`.

    \b
    Example:
      abegraph load table1.xlsx table2.xlsx table3.xlsx
      abegraph link propose -o review.xlsx  # open review.xlsx, mark accept/reject
      abegraph link apply review.xlsx       # record the decisions
      abegraph link list                    # what is matched now
      abegraph link remove                  # undo every match
    """
    if ctx.invoked_subcommand is not None:
        return
    if sum(map(bool, (apply_file, auto, remove, list_))) > 1:
        raise click.UsageError("use one of --apply, --auto, --remove, --list")
    if apply_file:
        ctx.invoke(link_apply, review=apply_file)
    elif remove:
        ctx.invoke(link_remove)
    elif list_:
        ctx.invoke(link_list)
    else:
        ctx.invoke(link_propose, output=output, auto=auto, headings=headings)


@link.command(name="propose")
@_OUTPUT_OPTION
@click.option("--auto", is_flag=True, help="Also apply the confident matches now; each one is listed.")
@_HEADINGS_OPTION
@click.pass_obj
def link_propose(settings, output, auto, headings):
    """Propose matches into a review workbook (confident ones pre-marked accept).

    \b
    Example:
      abegraph link propose -o review.xlsx
      abegraph link propose --auto          # apply the confident ones now, list each
    """
    found = _run(lambda: settings.project().propose_links(output, lang=settings.lang, headings=headings, auto=auto),
                 settings.lang)
    _print_link_proposals(found.result, found.result.names(settings.lang), found.applied, output=output,
                          lang=settings.lang)


@link.command(name="apply")
@click.argument("review", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def link_apply(settings, review):
    """Record the decisions of a reviewed workbook (accept = the same thing).

    \b
    Example:
      abegraph link apply review.xlsx
    """
    decided, mapping = _run(lambda: settings.project().apply_links(review), settings.lang, refused=_LINK_REFUSED)
    accepted = sum(d.decision == "accept" for d in decided)
    _say((f"บันทึกแล้ว: ยอมรับ {accepted} คู่ ปฏิเสธ {len(decided) - accepted} คู่ "
          f"รวมเป็นสิ่งเดียวกัน {len(mapping)} รายการ") if settings.th else
         (f"Recorded {accepted} accepted and {len(decided) - accepted} rejected pair(s); "
          f"{len(mapping)} entr{'y' if len(mapping) == 1 else 'ies'} now count as another."), err=False)


@link.command(name="list")
@click.pass_obj
def link_list(settings):
    """List the matches in force, as ALIAS = CANONICAL.

    \b
    Example:
      abegraph --lang th link list
    """
    pairs = _run(lambda: settings.project().links(settings.lang), settings.lang)
    for alias, canonical in pairs:
        click.echo(f"{alias}  =  {canonical}")
    if not pairs:
        _say("ยังไม่มีการจับคู่" if settings.th else "No matches yet.")


@link.command(name="remove")
@click.pass_obj
def link_remove(settings):
    """Undo every match (drops the graph abeg:links).

    \b
    Example:
      abegraph link remove
    """
    removed = _run(lambda: settings.project().remove_links(), settings.lang)
    _say(("ยกเลิกการจับคู่ทั้งหมดแล้ว" if settings.th else "Every match was undone.") if removed else
         ("ยังไม่มีการจับคู่" if settings.th else "There were no matches to undo."), err=False)


def _print_link_proposals(result, names: dict, applied, *, output: Path, lang: str) -> None:
    th = lang == "th"
    confident = len(result.confident)
    _say((f"เสนอ {len(result.proposals)} คู่ (มั่นใจ {confident} คู่ ต้องตรวจ {len(result.proposals) - confident} คู่) "
          f"ข้อมูลขัดแย้ง {len(result.conflicts)} รายการ") if th else
         (f"{len(result.proposals)} proposed match(es): {confident} confident, "
          f"{len(result.proposals) - confident} to review; {len(result.conflicts)} conflict(s)."), err=False)
    from abegraph.linking.review import kind_name

    from .formats import display_width

    for p in result.proposals[:20]:
        mark = "✓" if p.confident else "?"
        kind = kind_name(p.kind, lang)  # as the review workbook names it
        click.echo(f"  {mark} {p.score:.2f} {kind}{' ' * max(1, 10 - display_width(kind))}{names[p.a]} ({result.sources[p.a]})  ~  "
                   f"{names[p.b]} ({result.sources[p.b]})")
    if len(result.proposals) > 20:
        click.echo(f"  … อีก {len(result.proposals) - 20} คู่" if th else f"  … {len(result.proposals) - 20} more")
    for c in result.conflicts[:10]:
        click.echo(f"  ! {c.describe(lang)}")
    if applied is not None:
        _say(f"นำคู่ที่มั่นใจ {confident} คู่ไปใช้แล้ว" if th else f"Applied the {confident} confident match(es).")
    _say((f"เขียนสมุดงานตรวจคู่ที่ {output} แล้ว ใส่ ยอมรับ/ปฏิเสธ แล้วสั่ง: abegraph link --apply {output}") if th else
         (f"Review workbook written to {output}: mark accept/reject, then run: abegraph link --apply {output}"))


@main.command()
@click.argument("first")
@click.argument("second")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the differences as a workbook (.xlsx), one sheet per kind.")
@click.option("--headings", type=LANGS, default="th", show_default=True, help="Language of the workbook's sheets and headings.")
@click.option("--health", is_flag=True,
              help="Also compare the health of the sharing network (density, centralisation, each agency's "
                   "partners, relative connectivity, non-redundant ties), each source taken alone.")
@click.pass_obj
def diff(settings, first, second, fmt, output, headings, health):
    """What changed between two sources: agencies, resources, datasets and sharing links
    added, removed or changed.

    FIRST and SECOND are loaded sources (graph names, see `abegraph stats`) or files, which
    are read but not loaded. Entities are the same when they have the same id, or were
    matched with `abegraph link`. Tables, Markdown and CSV are for people (one section per
    kind, fields and values in the --lang language); JSON keeps the rows' keys and codes.

    \b
    Example:
      abegraph diff khonkaen-2566 khonkaen-2567
      abegraph diff khonkaen-2566 round2.xlsx -o changes.xlsx
      abegraph --lang th diff table1 table2 --format md
      abegraph diff khonkaen-2566 khonkaen-2567 --health
    """
    from abegraph.network.columns import write_analysis

    rows = _run(lambda: settings.project().diff(first, second, health=health, lang=settings.lang), settings.lang,
                refused={"en": "The file has errors; nothing was compared.",
                         "th": "ไฟล์มีข้อผิดพลาด เปรียบเทียบไม่ได้"})
    if output:
        _writing(output, lambda: write_analysis(rows, "xlsx", headings, analysis="diff", output=output),
                 settings.lang)
        _say(f"เขียนความแตกต่างลง {output} แล้ว" if settings.lang == "th" else f"Differences written to {output}")
        if fmt is None:  # the workbook was asked for; print rows only when a format is asked too
            return
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if not rows and fmt == "table":
        _say("ไม่มีความแตกต่าง" if settings.lang == "th" else "No differences.", err=False)
        return
    write_analysis(rows, fmt, settings.lang, analysis="diff")


@main.command()
@click.argument("question", required=False)
@click.option("--list", "list_", is_flag=True, help="List the saved questions.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md", "xml",
                                                          "turtle", "nt", "jsonld"]),
              help="Output format (default: table on a terminal, csv otherwise; turtle for CONSTRUCT).")
@click.option("--show", is_flag=True, help="Print the SPARQL of a saved question instead of running it.")
@click.pass_obj
def query(settings, question, list_, fmt, show):
    """Ask a saved question by name, or run SPARQL given as text or in a file.

    The default graph is the union of all loaded graphs; use GRAPH ?g to select one source.

    \b
    Example:
      abegraph query --list
      abegraph query issues-without-resources
      abegraph --lang th query holdings-by-dimension --format md
      abegraph query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
      abegraph query my-question.rq --format json
    """
    from abegraph.graph.questions import questions
    from abegraph.project import resolve_query

    from .formats import write_rows

    lang = settings.lang
    if list_ or not question:
        rows = [{"name": q.name, "question": q.title(lang), "about": q.about(lang)} for q in questions().values()]
        columns = ["name", "question"] if (fmt or "table") == "table" else ["name", "question", "about"]
        words = {"name": "ชื่อ", "question": "คำถาม", "about": "คำอธิบาย"} if lang == "th" else {}
        write_rows(rows, sys.stdout, fmt if fmt in ("csv", "tsv", "json", "md") else "table", columns,
                   [words.get(c, c) for c in columns])
        return
    if question not in questions() and not Path(question).is_file() and \
            (closest := _closest_question(question, questions())) is not None:
        _fail(*{"en": (f"there is no saved question called {question!r}; did you mean {closest}?",
                       f"abegraph query {closest}   (abegraph query --list shows them all)"),
                "th": (f"ไม่มีคำถามที่บันทึกไว้ชื่อ {question!r} หมายถึง {closest} หรือไม่",
                       f"abegraph query {closest}   (abegraph query --list แสดงทั้งหมด)")}[lang], lang=lang)
    if show:
        click.echo(_run(lambda: resolve_query(question, lang), lang))
        return
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    buffer = io.BytesIO()
    _run(lambda: settings.project().write_query(question, buffer, fmt, lang), lang)
    _write_bytes(buffer.getvalue())


def _write_bytes(data: bytes) -> None:
    sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(data.decode())


def _closest_question(text: str, names) -> str | None:
    """The saved question a word that is not SPARQL probably means (``root-cause`` ->
    ``root-causes``), or None when ``text`` looks like a query or matches nothing closely."""
    from rapidfuzz import fuzz, process

    if not re.fullmatch(r"[\w-]{2,80}", text):
        return None
    found = process.extractOne(text, list(names), scorer=fuzz.ratio, score_cutoff=70)
    return found[0] if found else None


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "trig", "nq", "jsonld", "rdfxml",
                                                          "dcat-turtle", "dcat-jsonld", "gdc-xlsx"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@click.option("--graph", "graph_name", help="Export one named graph (a source name or IRI).")
@click.pass_obj
def export(settings, fmt, output, graph_name):
    """Export the graph as Turtle, N-Triples, TriG or N-Quads (named graphs kept), or JSON-LD;
    or the datasets as a DCAT 3 / DCAT-AP 3 catalogue that CKAN (ckanext-dcat) can harvest, or as
    the GD Catalog workbook that ckanext-thai_gdc imports (gdc-xlsx).

    \b
    Example:
      abegraph export -o khonkaen.ttl
      abegraph export --format trig -o backup.trig     # load it back with: abegraph load backup.trig
      abegraph export --graph khonkaen-demo --format nt
      abegraph export --format dcat-turtle -o catalog.ttl   # serve it for ckanext-dcat's harvester
      abegraph export --format dcat-jsonld -o catalog.jsonld
      abegraph export --format gdc-xlsx -o gdc.xlsx     # ckanext-thai_gdc: Admin > Import dataset
    """
    if fmt == "gdc-xlsx" and not output:
        raise click.UsageError("--format gdc-xlsx writes a workbook: give -o FILE.xlsx")
    data = _writing(output, lambda: settings.project().export(output, fmt, graph_name), settings.lang) if output \
        else _run(lambda: settings.project().export(output, fmt, graph_name), settings.lang)
    if data is not None:
        _write_bytes(data)
    else:
        _wrote(settings.lang, output)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(settings, fmt):
    """Show what the store holds: graphs, agencies, resources by dimension, issues, datasets.

    \b
    Example:
      abegraph stats
      abegraph --store /data/kk stats --format json
    """
    counts = _run(lambda: settings.project().stats(settings.lang), settings.lang)
    if fmt == "json":
        click.echo(json.dumps(counts, ensure_ascii=False, indent=2))
        return
    _print_summary(counts, settings.lang)


def _print_summary(counts: dict, lang: str) -> None:
    words = {"en": {"triples": "triples", "graphs": "named graphs", "agencies": "agencies",
                    "resources": "resources (not datasets)", "datasets": "datasets",
                    "issues": "issues and causes", "causal_links": "cause -> effect links", "areas": "areas",
                    "by_dimension": "resources and datasets by dimension", "graph_sizes": "triples in each graph"},
             "th": {"triples": "ทริเปิล", "graphs": "กราฟ", "agencies": "หน่วยงาน",
                    "resources": "ทรัพยากร (ไม่รวมชุดข้อมูล)", "datasets": "ชุดข้อมูล",
                    "issues": "ประเด็นปัญหาและสาเหตุ", "causal_links": "ความสัมพันธ์เหตุ -> ผล", "areas": "พื้นที่",
                    "by_dimension": "ทรัพยากรและชุดข้อมูลแยกตามมิติ", "graph_sizes": "จำนวนทริเปิลในแต่ละกราฟ"}}[lang]
    graphs = counts.get("graph_sizes", {})
    for key, value in counts.items():
        if key == "graph_sizes":
            continue
        if isinstance(value, dict):
            click.echo(f"{words.get(key, key)}:")
            for name, n in value.items():
                click.echo(f"  {n:>7}  {name}")
        else:
            click.echo(f"{value:>9}  {words.get(key, key)}")
    if graphs:
        click.echo(f"{words['graph_sizes']}:")
    for graph, n in graphs.items():
        click.echo(f"  {n:>7}  {graph}")


def filter_options(command):
    """--dimension, --issue, --district and --source, given to the command as ``filters``."""
    import functools

    @click.option("--dimension", help="Only assets of this dimension: data, operations, knowledge, policy (or 1-4).")
    @click.option("--issue", help="Only assets addressing this issue or one of its causes (id or name).")
    @click.option("--district", help="Only assets covering this district (DOPA code or name).")
    @click.option("--source", help="Only assets loaded from this source (graph name).")
    @functools.wraps(command)
    def wrapper(*args, dimension, issue, district, source, **kwargs):
        from abegraph.network.projections import Filters

        if dimension:
            from .loaders.vocabulary import controlled_values

            found = controlled_values().match("dimension", dimension)
            if found is None:
                raise click.UsageError(f"unknown dimension {dimension!r}; use data, operations, knowledge or policy")
            dimension = str(found).rsplit("/", 1)[-1]
        return command(*args, filters=Filters(dimension, issue, district, source), **kwargs)

    return wrapper


@main.command()
@click.argument("kind", type=click.Choice(["sharing", "brokers", "coalitions", "gaps", "causes",
                                           "opportunities", "linkage", "health", "all"]))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "md", "xlsx"]), default=None,
              help="Output format (default: table on a terminal, json otherwise); xlsx needs -o.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of the screen (.xlsx: one sheet per section).")
@filter_options
@click.option("--save", is_flag=True, help="Also write the findings into the graph abeg:analysis-KIND.")
@click.pass_obj
def analyze(settings, kind, fmt, output, filters, save):
    """Analyse the network: sharing, brokers, coalitions, gaps, causes, opportunities, linkage, health, or all.

    Output rows are grouped in sections; the JSON keys of each section are documented in the
    README. Tables, Markdown, CSV and workbooks are for people: headings, codes and reasons in
    the --lang language. CSV starts with a byte-order mark so that Excel shows Thai.
    --save writes the findings as RDF (abe:Finding) for SPARQL users.

    \b
    Example:
      abegraph analyze sharing
      abegraph --lang th analyze opportunities --format md
      abegraph analyze gaps --district 4005 --format csv > gaps.csv
      abegraph --lang th analyze all --format xlsx -o ผลการวิเคราะห์.xlsx
      abegraph analyze all --save --format json > findings.json
    """
    from abegraph.network.columns import write_analysis

    if output and not fmt:
        fmt = {".xlsx": "xlsx", ".csv": "csv", ".md": "md", ".json": "json"}.get(output.suffix.lower())
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx writes a workbook: give its name with -o FILE.xlsx")
    labels: dict[str, str] = {}
    with settings.progress() as bar:
        rows = _run(lambda: settings.project().analyze(kind, filters=filters, lang=settings.lang, save=save,
                                                       progress=bar, labels=labels), settings.lang)
    fmt = fmt or ("table" if sys.stdout.isatty() and not output else "json")
    if not rows and fmt not in ("json", "xlsx"):
        _say("ไม่มีผลลัพธ์" if settings.lang == "th" else "Nothing to show.")
    else:
        write_analysis(rows, fmt, settings.lang, analysis="" if kind == "all" else kind,
                       output=output or sys.stdout, names=labels)
    if output:
        _wrote(settings.lang, output)
    if save and fmt != "json":
        graphs = f"abeg:analysis-{kind if kind != 'all' else '*'}"
        _say(f"บันทึกผลการวิเคราะห์ลงในกราฟ {graphs} แล้ว" if settings.th else
             f"Saved the findings in graph(s) {graphs}")


@main.command(name="map")
@click.argument("view", type=click.Choice(["agencies", "resources", "issues", "datasets", "everything"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: VIEW.html, VIEW.gexf, VIEW.graphml); for csv the stem of "
                   "STEM-nodes.csv and STEM-edges.csv (default: VIEW).")
@click.option("--format", "fmt", type=click.Choice(["html", "gexf", "graphml", "csv"]), default="html",
              show_default=True,
              help="html: the offline map; gexf: Gephi; graphml: Cytoscape, yEd; csv: Kumu node and edge lists.")
@click.option("--size-by", type=click.Choice(["betweenness", "degree", "eigenvector"]), default="betweenness",
              show_default=True, help="What node size shows (and which centrality the graph files carry).")
@click.option("--title", help="Title shown on the map.")
@filter_options
@click.pass_obj
def map_(settings, view, output, fmt, size_by, title, filters):
    """Draw one offline HTML network map (agencies, resources, issues, datasets or everything),
    or write the same graph for Gephi, Cytoscape, yEd or Kumu.

    The file works with no network, in Thai and English (a switch on the page), with a legend,
    search, filters by dimension, issue, district and agency, and a findings panel. Large
    networks are grouped (by coalition, district or agency); click a group to open it.

    --format gexf, graphml or csv writes the map's graph (same filters) with its attributes:
    labels in both languages (label in the --lang language), kind, dimension, areas,
    centrality, layout position and colour; edges with relation and weight. CSV files are
    UTF-8 with a BOM (Excel shows Thai) in Kumu's columns (ID, Label, Type; From, To, Type).

    \b
    Example:
      abegraph --lang th map agencies -o แผนที่หน่วยงาน.html
      abegraph map issues --district 4005 -o chum-phae-issues.html
      abegraph map datasets --size-by degree
      abegraph --lang th map agencies --format gexf -o agencies.gexf
      abegraph map everything --format graphml -o khonkaen.graphml
      abegraph map resources --format csv -o kumu-resources
    """
    if fmt != "html":
        target = output or Path(view if fmt == "csv" else f"{view}.{fmt}")
        graph, paths = _writing(target, lambda: settings.project().network_file(
            view, target, fmt, filters=filters, lang=settings.lang, size_by=size_by, title=title), settings.lang)
        _wrote(settings.lang, *paths, nodes=graph.number_of_nodes(), links=graph.number_of_edges())
        return

    output = output or Path(f"{view}.html")
    with settings.progress() as bar:
        drawn = _run(lambda: settings.project().map(view, filters=filters, lang=settings.lang, size_by=size_by,
                                                    title=title, progress=bar), settings.lang)
    _writing(output, lambda: drawn.write(output), settings.lang)
    _wrote(settings.lang, output, nodes=drawn.number_of_nodes, links=drawn.number_of_edges,
           grouped=drawn.grouped)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="abegraph-atlas.html",
              show_default=True, help="HTML file to write.")
@click.option("--title", help="Title of the atlas.")
@filter_options
@click.pass_obj
def report(settings, output, title, filters):
    """Write the atlas: one offline page with every map and the analysis tables, to open or print.

    \b
    Example:
      abegraph --lang th report -o atlas-khonkaen.html
      abegraph report --district 4005 -o chum-phae.html
    """
    with settings.progress() as bar:
        _run(lambda: settings.project().report(output, lang=settings.lang, filters=filters, title=title,
                                               progress=bar), settings.lang)
    _wrote(settings.lang, output)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run before it is stopped.")
@click.option("--max-result-mb", default=50.0, show_default=True, type=float, help="Largest result, in MB.")
@click.option("--workers", default=None, type=int,
              help="Queries that run at once [default: two per CPU, 2 to 8: a worker waits for its hand-off "
                   "about a third of the time, measured with python -m bench.endpoint].")
@click.option("--queue-wait", default=30.0, show_default=True, type=float,
              help="Seconds a query waits for a free worker before it gets 503.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update with the token from $ABEGRAPH_UPDATE_TOKEN (Authorization: Bearer TOKEN).")
@click.option("--allow-service", "allowed_services", multiple=True, metavar="IRI",
              help="An outside SPARQL endpoint that SERVICE may call (repeatable). None by default; "
                   "with one, query workers are no longer cut off from the network.")
@click.option("--max-memory-mb", default=1000.0, show_default=True, type=float,
              help="Memory one query may use; a query that needs more gets 503.")
@click.option("--allow-host", "hosts", multiple=True, metavar="NAME",
              help="A host name clients may use besides loopback names (repeatable), e.g. behind a proxy.")
@click.option("--cors-origin", "origins", multiple=True, metavar="ORIGIN",
              help="Only pages of this origin may read query answers (repeatable). Default: any origin; "
                   "updates never.")
@click.option("--max-connections", default=200, show_default=True, type=int, help="Open connections at most.")
@click.option("--cache-mb", default=64.0, show_default=True, type=float,
              help="Answers kept to be served again until an update changes the store (0: none).")
@click.option("--client-timeout", default=10.0, show_default=True, type=float,
              help="Seconds a client may take to send a request's headers, and again its body.")
@click.option("--copy-up-to", default=500_000, show_default=True, type=int, metavar="QUADS",
              help="A store of at most this many quads is copied into each query worker's memory, where "
                   "queries run about twice as fast (about 50 MB per 100,000 quads per worker; 0: never).")
@click.pass_obj
def serve(settings, host, port, timeout, max_result_mb, workers, queue_wait, allow_update, allowed_services,
          max_memory_mb, hosts, origins, max_connections, cache_mb, client_timeout, copy_up_to):
    """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Read-only unless --allow-update; every query has a time and a size limit; SERVICE only to
    endpoints you name; LOAD never.

    \b
    Example:
      abegraph serve                                  # http://127.0.0.1:8000/
      abegraph --store /data/kk serve --port 3030 --timeout 10
      ABEGRAPH_UPDATE_TOKEN=s3cret abegraph serve --allow-update
    """
    import uvicorn

    from .graph.store import FolderLock, Store, default_location
    from .server.app import ServerSettings, create_app, default_workers

    location = settings.store_location or default_location()
    token = os.environ.get("ABEGRAPH_UPDATE_TOKEN", "")
    if allow_update and len(token) < 8:
        raise click.UsageError("--allow-update needs a token of 8 or more characters in $ABEGRAPH_UPDATE_TOKEN")
    from .server.http import allowed_hosts, guarded_protocol
    from .server.sandbox import network_block_supported

    def check():  # opening refreshes an older vocabulary when nothing else uses the store
        with Store.open(location, must_exist=True, shared=True, on_wait=settings.say) as store:
            for note in store.notes:
                settings.say(note)

    _run(check, settings.lang)

    app = create_app(location, ServerSettings(timeout=timeout, max_bytes=int(max_result_mb * 1_000_000),
                                              workers=workers or default_workers(), queue_wait=queue_wait,
                                              allow_update=allow_update, update_token=token,
                                              allowed_services=frozenset(allowed_services),
                                              memory_mb=max_memory_mb, hosts=tuple(allowed_hosts(host, hosts)),
                                              cors_origins=tuple(origins) or ("*",), body_seconds=client_timeout,
                                              cache_mb=cache_mb, copy_up_to=copy_up_to,
                                              lang=settings.lang))
    if allowed_services or not network_block_supported():
        why = ("--allow-service", "--allow-service") if allowed_services else \
            ("this system cannot block it", "ระบบนี้ปิดกั้นไม่ได้")
        settings.say({"en": f"warning: query workers can reach the network ({why[0]}); SERVICE is then refused "
                            "only by reading the query text",
                      "th": f"คำเตือน: ตัวตอบคำถามเข้าถึงเครือข่ายได้ ({why[1]}) คำสั่ง SERVICE จึงถูกปฏิเสธด้วยการอ่าน"
                            "ข้อความคำถามเท่านั้น"})
    lock = _run(lambda: FolderLock(location, wait=0, shared=True).acquire(), settings.lang)  # no load meanwhile
    app.state.folder_lock = lock
    with lock:
        settings.say({"en": f"abegraph serves {location} at http://{host}:{port}/ (SPARQL: /sparql). "
                            "Stop with Ctrl+C.",
                      "th": f"abegraph เปิดให้ใช้ {location} ที่ http://{host}:{port}/ (SPARQL: /sparql) "
                            "กด Ctrl+C เพื่อหยุด"})
        # proxy_headers=False: no client may choose, by X-Forwarded-For, the address its limits are kept for
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5, proxy_headers=False,
                    http=guarded_protocol(max_connections, client_timeout))


@main.command()
@click.option("--csv", "from_csv", is_flag=True, help="Load the demo from its CSV folder instead of the workbook.")
@click.pass_obj
def demo(settings, from_csv):
    """Load the bundled Khon Kaen demo province and show what it holds and what to try next.

    \b
    Example:
      abegraph demo
      abegraph --lang th --store /tmp/kk demo
    """
    from abegraph.loaders.pipeline import Workshop

    from .demo import DEMO_CSV, DEMO_GRAPH, DEMO_XLSX

    source = DEMO_CSV if from_csv else DEMO_XLSX
    session = Workshop("ABE Khon Kaen workshop 2023", "2023-02-04", "Bayasita @ KKU, Khon Kaen",
                       label_th="เวทีพัฒนาข้อมูลการจัดการศึกษาเชิงพื้นที่ จังหวัดขอนแก่น 2566",
                       place_th="บายาสิตา มหาวิทยาลัยขอนแก่น จังหวัดขอนแก่น")

    def run():
        project = settings.project()
        report = project.load([source], names=[DEMO_GRAPH], workshop=session)
        return report, project.stats(settings.lang), project.location

    report, counts, location = _run(run, settings.lang)
    _print_problems(report, settings.lang)
    _print_summary(counts, settings.lang)
    store_option = "" if settings.store_location is None else f" --store {settings.store_location}"
    if settings.lang == "th":
        click.echo(f"\nโหลดข้อมูลตัวอย่างจังหวัดขอนแก่นลงใน {location} แล้ว ลองคำสั่งต่อไปนี้:")
    else:
        click.echo(f"\nLoaded the Khon Kaen demo into {location}. Try next:")
    for line in ("query --list", "query issues-without-resources", "analyze opportunities --format md",
                 "map agencies -o agencies.html", "report -o atlas.html", "serve",
                 "template -o my-workshop.xlsx"):
        click.echo(f"  abegraph{store_option} {line}")


def _accept_shared_options_after_the_command(group: click.Group) -> None:
    """Let every command take ``--store`` and ``--lang`` after its name too (``abegraph report
    --lang th``), as people type them; given there, they win over the ones before the name."""

    def setter(attribute):
        def set_value(ctx, param, value):
            if value is not None:
                setattr(ctx.find_object(Settings), attribute, value)
        return set_value

    for command in group.commands.values():
        command.params += [
            click.Option(["--store"], metavar="FOLDER", expose_value=False, is_eager=True,
                         callback=setter("store_location"), help="Store folder (as before the command)."),
            click.Option(["--lang"], type=LANGS, expose_value=False, is_eager=True, callback=setter("lang"),
                         help="Language of messages and labels: en or th (as before the command)."),
        ]
        if isinstance(command, click.Group):
            _accept_shared_options_after_the_command(command)


_accept_shared_options_after_the_command(main)

if __name__ == "__main__":  # pragma: no cover
    main()
