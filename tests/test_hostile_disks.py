"""Full disks, read-only mounts and small exits (issue 15): a message in the user's language,
never a traceback, no partial file, and the store as it was.

The full disk is a 3 MB tmpfs and the read-only folder a read-only bind mount, both made in a
private mount namespace (``unshare -m``) so nothing outside the test sees them; the tests are
skipped where the kernel does not allow that.
"""
from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.graph.store import Store

SMALL = Path(__file__).parent / "data" / "table3-utf8"
WORKBOOK = Path(__file__).parent / "data" / "table3.xlsx"


def _namespaces_work() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(not _namespaces_work(), reason="needs unshare -m and mount (root in a namespace)")


def in_namespace(mount: str, *steps, keep: Path) -> list[subprocess.CompletedProcess]:
    """Run ``steps`` after the shell line ``mount``, all in one private mount namespace: a list
    is an abegraph command, whose output and exit code are kept in ``keep`` (outside the
    mounts, made here) and returned; a string is a shell line run between them."""
    keep.mkdir(exist_ok=True)
    lines, commands = [mount + " || exit 9"], []
    for step in steps:
        if isinstance(step, str):
            lines.append(step)
            continue
        number = len(commands)
        commands.append(step)
        words = " ".join(shlex.quote(str(a)) for a in [sys.executable, "-m", "abegraph", *step])
        lines.append(f"{words} > {keep}/{number}.out 2>&1; echo $? > {keep}/{number}.rc")
    done = subprocess.run(["unshare", "-m", "sh", "-c", "\n".join(lines)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return [subprocess.CompletedProcess(command, int((keep / f"{n}.rc").read_text()),
                                        (keep / f"{n}.out").read_text(encoding="utf-8"), "")
            for n, command in enumerate(commands)]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("disks") / "store"
    assert CliRunner().invoke(main, ["--store", str(path), "load", str(SMALL)]).exit_code == 0
    return path


def no_traceback(result) -> str:
    assert "Traceback" not in result.stdout, result.stdout
    return result.stdout


@needs_mounts
def test_a_full_disk_stops_a_load_map_and_export_with_a_message_and_no_half_files(tmp_path, loaded):
    full = tmp_path / "full"
    full.mkdir()
    load, stats, export, th_map = in_namespace(
        f"mount -t tmpfs -o size=1m tmpfs {full}",
        ["--store", full / "store", "demo"],  # fills the 1 MB disk on the way (it fits in 3 MB)
        ["--store", full / "store", "stats"],
        f"dd if=/dev/zero of={full}/filler bs=64k 2>/dev/null; true",  # and whatever the load left free
        ["--store", loaded, "export", "--format", "nq", "-o", full / "all.nq"],
        ["--store", loaded, "--lang", "th", "report", "-o", full / "atlas.html"], keep=tmp_path / "outputs")
    assert load.returncode == 1 and "the disk is full" in no_traceback(load)
    assert "free some space" in load.stdout
    assert "0  triples" in no_traceback(stats) or "is empty" in stats.stdout, stats.stdout
    assert export.returncode == 1 and "the disk is full" in no_traceback(export)
    assert th_map.returncode == 1 and "ดิสก์เต็ม" in no_traceback(th_map), th_map.stdout
    assert "the disk" not in th_map.stdout
    assert not (full / "all.nq").exists() and not (full / "atlas.html").exists()  # nor beside the mount


@needs_mounts
def test_a_store_on_a_read_only_mount_is_read_but_never_written(tmp_path, loaded):
    mount = tmp_path / "ro"
    mount.mkdir()
    stats, question, load, map_ = in_namespace(
        f"mount --bind {loaded} {mount} && mount -o remount,ro,bind {mount}",
        ["--store", mount, "stats"],
        ["--store", mount, "query", "issues-without-resources", "--format", "csv"],
        ["--store", mount, "load", WORKBOOK],
        ["--store", loaded, "map", "agencies", "-o", mount / "map.html"], keep=tmp_path / "outputs")
    assert stats.returncode == 0 and "triples" in no_traceback(stats)
    assert question.returncode == 0 and no_traceback(question).startswith("id,")
    assert load.returncode == 1 and "is on a read-only folder; nothing can be written" in no_traceback(load)
    assert map_.returncode == 1 and "the disk is mounted read-only" in no_traceback(map_)
    assert "write to another folder" in map_.stdout
    with Store.open(loaded, must_exist=True, shared=True) as store:
        assert [str(g).rsplit("/", 1)[-1] for g in store.graph_names()] == ["table3-utf8", "vocabulary"]


def test_exporting_a_graph_that_is_not_loaded_is_refused_and_leaves_no_file(tmp_path, loaded):
    out = tmp_path / "nope.ttl"
    for lang, words in (("en", "no source called 'nope' in the store (loaded: table3-utf8, vocabulary)"),
                        ("th", "ไม่พบแหล่งข้อมูล 'nope' ในคลังข้อมูล")):
        result = CliRunner().invoke(main, ["--store", str(loaded), "--lang", lang, "export", "--graph", "nope",
                                           "-o", str(out)])
        assert result.exit_code == 1 and words in result.output, result.output
        assert not out.exists()
    kept = CliRunner().invoke(main, ["--store", str(loaded), "export", "--graph", "table3-utf8", "-o", str(out)])
    assert kept.exit_code == 0 and out.stat().st_size > 1000


def test_a_mistyped_saved_question_names_the_closest_one(loaded):
    result = CliRunner().invoke(main, ["--store", str(loaded), "query", "root-cause"])
    assert result.exit_code == 1 and "did you mean root-causes?" in result.output
    assert "abegraph query --list" in result.output and "Traceback" not in result.output


def test_diff_to_a_workbook_prints_only_where_it_wrote(tmp_path, loaded):
    out = tmp_path / "changes.xlsx"
    result = CliRunner().invoke(main, ["--store", str(loaded), "diff", "table3-utf8", str(WORKBOOK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Differences written to {out}"
    assert out.read_bytes()[:2] == b"PK"


def test_a_store_path_under_a_file_is_a_message(tmp_path):
    (tmp_path / "afile").write_text("x")
    for command in (["stats"], ["load", str(WORKBOOK)]):
        result = CliRunner().invoke(main, ["--store", str(tmp_path / "afile" / "sub"), *command])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert "afile" in result.output
