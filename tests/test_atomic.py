"""Atomic writes: an interrupted run leaves the earlier output and no debris."""

from __future__ import annotations

import os
import stat

import pytest

from remit.atomic import MARKER, atomic_dir, atomic_file, write_text_atomic
from remit.errors import OutputError


def earlier_output(folder):
    """A folder as an earlier remit run left it."""
    with atomic_dir(folder) as work:
        (work / "index.html").write_text("old", encoding="utf-8")


def test_interrupted_file_keeps_the_old_one(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_file(target) as handle:
        handle.write("half")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_interrupted_folder_keeps_the_old_one(tmp_path):
    target = tmp_path / "report"
    earlier_output(target)
    with pytest.raises(RuntimeError), atomic_dir(target) as work:
        (work / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_remits_own_files_are_replaced_and_others_kept(tmp_path):
    target = tmp_path / "report"
    earlier_output(target)
    (target / "stale.csv").write_text("x", encoding="utf-8")
    with atomic_dir(target) as work:
        (work / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == [MARKER, "index.html", "stale.csv"]
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_marker_remit_cannot_read_makes_no_file_remits(tmp_path):
    # A plain-text marker (no manifest) once made every file of the names remit writes its own;
    # that layout is gone, so such a file is the user's and stays, unless --force.
    target = tmp_path / "report"
    target.mkdir()
    (target / MARKER).write_text("", encoding="utf-8")
    (target / "index.html").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not a file remit wrote"), atomic_dir(target) as work:
        (work / "index.html").write_text("new", encoding="utf-8")
    assert (target / "index.html").read_text(encoding="utf-8") == "mine"


def test_outputs_get_ordinary_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "完成")
        with atomic_dir(tmp_path / "out") as work:
            (work / "x").write_text("y", encoding="utf-8")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "完成"


def test_a_folder_of_the_users_keeps_every_file(tmp_path):
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"precious")
    with atomic_dir(mine) as work:
        (work / "index.html").write_text("report", encoding="utf-8")
    assert (mine / "thesis.docx").read_bytes() == b"precious"
    assert sorted(p.name for p in mine.iterdir()) == [MARKER, "index.html", "thesis.docx"]


def test_a_file_of_the_users_with_remits_name_is_not_overwritten(tmp_path):
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "units.csv").write_text("my own table", encoding="utf-8")
    with pytest.raises(OutputError, match=r"units\.csv: is not a file remit wrote"), atomic_dir(mine) as work:
        (work / "index.html").write_text("report", encoding="utf-8")
        (work / "units.csv").write_text("remit's", encoding="utf-8")
    # Nothing moved: not even index.html, which had no conflict.
    assert sorted(p.name for p in mine.iterdir()) == ["units.csv"]
    assert (mine / "units.csv").read_text(encoding="utf-8") == "my own table"


def test_a_file_is_not_replaced_by_a_folder(tmp_path):
    target = tmp_path / "report"
    target.write_text("notes", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"), atomic_dir(target):
        pass
    assert target.read_text(encoding="utf-8") == "notes"


def test_unwritable_places_are_one_line_errors(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_text_atomic(tmp_path, "x")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write here"):
        write_text_atomic(blocker / "inside" / "map.html", "x")
