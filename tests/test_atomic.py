"""Atomic writes: an interrupted run leaves the earlier output and no debris."""

from __future__ import annotations

import os
import stat

import pytest

from remit.atomic import atomic_dir, atomic_file, write_text_atomic


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
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_dir(target) as work:
        (work / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_folder_is_swapped_in_whole(tmp_path):
    target = tmp_path / "report"
    target.mkdir()
    (target / "stale.csv").write_text("x", encoding="utf-8")
    with atomic_dir(target) as work:
        (work / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


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
