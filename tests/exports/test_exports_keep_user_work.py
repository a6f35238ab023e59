"""Issue 11, "Outputs never lose a user's work", and issue 10 #7 (concurrent swaps)."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from remit.atomic import MARKER, STAGING_MARK, STAGING_PREFIX, atomic_dir, read_manifest
from remit.cli import main
from remit.exports.report import FILES

SMALL = ("|序号|改革任务|牵头单位|配合单位|\n|---|---|---|---|\n"
         "|1|甲。|市财政局|市税务局|\n|2|乙。|市税务局||\n")


def remit_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in this process (fast); returns what a subprocess would."""
    err, out = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(list(args))
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


@pytest.fixture
def small_list(tmp_path: Path) -> Path:
    path = tmp_path / "list.md"
    path.write_text(SMALL, encoding="utf-8")
    return path


def hidden_debris(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.name != MARKER)


def test_rerun_keeps_added_files_and_refuses_to_overwrite_an_edit(tmp_path: Path, small_list: Path) -> None:
    rep = tmp_path / "rep"
    assert remit_cli("report", str(small_list), "-o", str(rep)).returncode == 0
    (rep / "批注.txt").write_text("领导批示：重点关注", encoding="utf-8")
    (rep / "sub").mkdir()
    (rep / "sub" / "附件.txt").write_text("附件", encoding="utf-8")
    edited = (rep / "units.csv").read_text(encoding="utf-8-sig") + "我加的一行,,,\n"
    (rep / "units.csv").write_text(edited, encoding="utf-8-sig")
    before = {p.name: p.read_bytes() for p in rep.iterdir() if p.is_file()}

    again = remit_cli("report", str(small_list), "-o", str(rep))
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [again.stderr.strip()]
    assert "units.csv" in again.stderr and "--force" in again.stderr and "Traceback" not in again.stderr
    # Nothing was replaced: every file is byte for byte as before, the user's work included.
    assert {p.name: p.read_bytes() for p in rep.iterdir() if p.is_file()} == before
    assert (rep / "sub" / "附件.txt").read_text(encoding="utf-8") == "附件"
    assert hidden_debris(rep) == []

    forced = remit_cli("report", str(small_list), "-o", str(rep), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "我加的一行" not in (rep / "units.csv").read_text(encoding="utf-8-sig")
    assert (rep / "批注.txt").read_text(encoding="utf-8") == "领导批示：重点关注"
    assert (rep / "sub" / "附件.txt").exists()


def test_rerun_replaces_unchanged_files_and_records_their_hashes(tmp_path: Path, small_list: Path) -> None:
    import hashlib

    rep = tmp_path / "rep"
    assert remit_cli("report", str(small_list), "-o", str(rep)).returncode == 0
    (rep / "批注.txt").write_text("note", encoding="utf-8")
    assert remit_cli("report", str(small_list), "-o", str(rep), "--lang", "en").returncode == 0
    manifest = read_manifest(rep)
    assert sorted(manifest) == sorted(["index.html", *FILES])
    for name, hashes in manifest.items():
        assert hashes == [hashlib.sha256((rep / name).read_bytes()).hexdigest()]
    assert "批注.txt" not in manifest and (rep / "批注.txt").exists()
    assert 'lang="en"' in (rep / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("dot", [".", "./"])
def test_report_into_the_current_folder(tmp_path: Path, small_list: Path, dot: str) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "mine.txt").write_text("mine", encoding="utf-8")
    proc = remit_cli("report", str(small_list), "-o", dot, cwd=here)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in here.iterdir()) == sorted([MARKER, "index.html", "mine.txt", *FILES])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here", "list.md"]  # nothing beside it either


def test_missing_parent_is_one_line_and_creates_nothing(tmp_path: Path, small_list: Path) -> None:
    proc = remit_cli("report", str(small_list), "-o", str(tmp_path / "missing" / "parent" / "rep"))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "does not exist" in proc.stderr
    assert not (tmp_path / "missing").exists()


def test_symlink_to_a_folder_is_written_through(tmp_path: Path, small_list: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "L"
    link.symlink_to(real, target_is_directory=True)
    assert remit_cli("report", str(small_list), "-o", str(link)).returncode == 0
    assert link.is_symlink() and (real / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["L", "list.md", "real"]


def test_failure_leaves_no_staging_and_no_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "rep"
    with pytest.raises(RuntimeError), atomic_dir(target) as work:
        (work / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_leftover_of_a_killed_run_is_removed_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "rep"
    target.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()  # a pid that has exited
    leftover = target / f"{STAGING_PREFIX}abc123-{dead}"
    leftover.mkdir()
    (leftover / STAGING_MARK).write_text(dead, encoding="utf-8")
    (leftover / "index.html").write_text("half", encoding="utf-8")
    lookalike = target / f"{STAGING_PREFIX}mine-{dead}"  # no mark: not remit's, kept
    lookalike.mkdir()
    old_layout = tmp_path / ".rep.x1y2.part"  # what the earlier version left beside the target
    old_layout.mkdir()
    (old_layout / MARKER).write_text("", encoding="utf-8")
    with atomic_dir(target) as work:
        (work / "index.html").write_text("new", encoding="utf-8")
    assert not leftover.exists() and not old_layout.exists()
    assert lookalike.is_dir()


SIGNALLED = textwrap.dedent("""
    import os, signal, sys
    from remit.atomic import atomic_dir
    with atomic_dir(sys.argv[1]) as work:
        (work / "index.html").write_text("half", encoding="utf-8")
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
        raise AssertionError("the signal did not stop the run")
""")


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_signal_leaves_no_temporary_folder(tmp_path: Path, sig: str) -> None:
    target = tmp_path / "rep"
    target.mkdir()
    (target / "mine.txt").write_text("mine", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run([sys.executable, "-c", SIGNALLED, str(target), sig], capture_output=True,
                          text=True, timeout=60, env=env)
    assert proc.returncode != 0 and "AssertionError" not in proc.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["mine.txt", "rep"]


def _finish_together(target: str, barrier: multiprocessing.synchronize.Barrier, n: int,
                     errors: multiprocessing.Queue) -> None:
    try:
        with atomic_dir(target) as work:
            for name in ("index.html", "units.csv", "graph.json"):
                (work / name).write_text(f"run {n}", encoding="utf-8")
            barrier.wait(timeout=30)  # every process reaches the swap at the same moment
    except BaseException as exc:
        errors.put(f"{type(exc).__name__}: {exc}")


def test_concurrent_runs_on_one_target_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    target = tmp_path / "rep"
    for _ in range(3):
        runs = 4
        barrier, errors = ctx.Barrier(runs), ctx.Queue()
        procs = [ctx.Process(target=_finish_together, args=(str(target), barrier, n, errors))
                 for n in range(runs)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * runs
        assert errors.empty(), errors.get()
        texts = {(target / name).read_text(encoding="utf-8") for name in ("index.html", "units.csv",
                                                                          "graph.json")}
        assert len(texts) == 1  # one run's complete set, not a mixture
        assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
            [MARKER, "graph.json", "index.html", "rep", "units.csv"])


def test_interrupted_report_sends_sigterm_cleanly(tmp_path: Path, small_list: Path) -> None:
    # A real `remit report` killed with SIGTERM part-way: no staging folder is left.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    rep = tmp_path / "rep"
    proc = subprocess.Popen([sys.executable, "-m", "remit", "report", str(small_list), "-o", str(rep)],
                            env=env, stderr=subprocess.PIPE, text=True)
    for _ in range(400):  # wait until the staging folder exists, then stop the run
        if rep.is_dir() and any(p.name.startswith(STAGING_PREFIX) for p in rep.iterdir()):
            break
        if proc.poll() is not None:
            break
        import time
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    assert "Traceback" not in proc.stderr.read()
    assert not rep.exists() or [p.name for p in rep.iterdir() if p.name.startswith(".")] in ([], [MARKER])


def test_sigterm_while_writing_a_single_file_leaves_no_part_file(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import os, signal, sys
        from remit.atomic import atomic_file
        with atomic_file(sys.argv[1]) as handle:
            handle.write("half")
            os.kill(os.getpid(), signal.SIGTERM)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    (tmp_path / "map.html").write_text("old", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "map.html")], env=env, timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    assert (tmp_path / "map.html").read_text(encoding="utf-8") == "old"
