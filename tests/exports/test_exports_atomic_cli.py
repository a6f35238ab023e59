"""An interrupted report leaves the earlier one intact; the CLI commands write what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

import remit
from remit.cli import main
from remit.exports.report import write_report


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_interrupted_report_keeps_the_earlier_one(example: remit.TaskList, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  error: type[BaseException]) -> None:
    out = tmp_path / "report"
    write_report(example, out, title="FIRST")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "FIRST" in before["index.html"].decode("utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise error("disk full")

    # The workbook is written midway: index.html and units.csv are already in the temp folder.
    monkeypatch.setattr("remit.exports.xlsx.write_xlsx", broken)  # imported when the workbook is due
    with pytest.raises(error):
        write_report(example, out, title="SECOND")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []


def test_report_replaces_the_earlier_one(example: remit.TaskList, tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_report(example, out, title="FIRST")
    (out / "stale.txt").write_text("old", encoding="utf-8")
    write_report(example, out, title="SECOND")
    assert (out / "stale.txt").exists()  # not remit's file: kept (issue 11)
    assert "SECOND" in (out / "index.html").read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == []


def test_cli_map_focus_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.html"
    assert main(["map", "-o", str(out), "--focus", "市住建局", "--color-by", "domain", "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "市住房建设局" in text and text.startswith("<!DOCTYPE html>")
    assert main(["map", "-o", str(tmp_path / "x.html"), "--focus", "没有这个单位"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("remit: unknown unit '没有这个单位'") and "Traceback" not in "".join(err)
    assert not (tmp_path / "x.html").exists()


def test_cli_map_focus_depth_zero_is_one_unit(tmp_path: Path) -> None:
    import json
    import re

    out = tmp_path / "m.html"
    assert main(["map", "-o", str(out), "--focus", "深圳海关", "--depth", "0"]) == 0
    island = re.search(r'<script type="application/json" class="remit-map-data">(.*?)</script>',
                       out.read_text(encoding="utf-8"), re.S)
    assert island is not None
    data = json.loads(island.group(1))
    assert [n["label"] for n in data["nodes"]] == ["深圳海关"] and data["edges"] == []
    # Its panel still lists its 10 led tasks (rows 79, 80, 81, 83, 86, 87, 88, 90, 93, 94).
    led = sorted(data["tasks"][i]["n"] for i, role in data["units"][0]["tasks"] if role == "lead")
    assert led == [79, 80, 81, 83, 86, 87, 88, 90, 93, 94]


def test_cli_report(tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert main(["report", "-o", str(out), "--lang", "en"]) == 0
    assert (out / "index.html").read_text(encoding="utf-8").count('<html lang="en">') == 1
    assert (out / "units.xlsx").stat().st_size > 0
