"""Output paths: one clear line and exit 2, and nothing of the user's is touched."""

from __future__ import annotations

import pytest

from remit.cli import main


def run(args, capsys):
    code = main(args)
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize("command", [["map", "-o"], ["export", "--format", "json", "-o"]])
def test_unwritable_file_path(tmp_path, capsys, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "sub" / "out.html"
    code, err = run([*command, str(target)], capsys)
    assert code == 2
    assert err.startswith(f"remit: {target}: cannot write here") and err.count("\n") == 1
    assert "Traceback" not in err


def test_report_keeps_the_files_of_a_folder_of_the_users(tmp_path, capsys):
    # Issue 11: remit writes its files beside the user's and never replaces one of them.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    (mine / "units.csv").write_text("my own table", encoding="utf-8")
    code, err = run(["report", "-o", str(mine)], capsys)
    assert code == 2 and "units.csv: is not a file remit wrote" in err and err.count("\n") == 1
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt", "units.csv"]
    (mine / "units.csv").unlink()
    assert run(["report", "-o", str(mine)], capsys)[0] == 0
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_report_replaces_its_own_earlier_report(tmp_path, capsys):
    out = tmp_path / "report"
    assert run(["report", "-o", str(out)], capsys)[0] == 0
    (out / "stale.txt").write_text("a note of the user's", encoding="utf-8")
    assert run(["report", "-o", str(out)], capsys)[0] == 0
    assert (out / "stale.txt").exists() and (out / "index.html").exists()  # not remit's: kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
