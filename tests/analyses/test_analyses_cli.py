"""The analysis commands: units, clusters, whatif and synth, through remit.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remit.cli import main


def test_units_json_top(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "3", "--sort", "lead", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["unit"] for r in rows][:2] == ["市市场监管局", "市中级人民法院"]
    assert rows[0]["led"] == 40 and rows[1]["led"] == 32 and len(rows) == 3
    assert {"betweenness", "pagerank", "constraint", "rank", "score", "reason"} <= rows[0].keys()


def test_units_table_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "2", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "市市场监管局" in out and "Leads 40 tasks" in out


def test_units_csv_with_collectives(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--include-collectives", "--csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 63  # header + 62 units
    assert any(line.startswith("各区政府（新区管委会）,") for line in lines)


def test_clusters_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clusters", "--json", "--resolution", "1.0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["method"] for s in data["summary"]] == ["louvain", "greedy_modularity", "domains"]
    assert len(data["membership"]) == 51 and len(data["tasks"]) == 210


def test_whatif_reassign_by_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", "--reassign", "9:市税务局:市财政局", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    delta = {row["unit"]: row for row in data["delta"]}
    assert delta["市税务局"]["led"] == -1 and delta["市财政局"]["led"] == 1
    assert data["reassign"] == {"shenzhen-2020-tasks#9": ["市税务局", "市财政局"]}


@pytest.mark.parametrize("argv, message", [
    (["whatif", "--remove", "不存在的局"], "remit: unknown unit '不存在的局': not in the task list"),
    (["whatif", "--reassign", "999:市税务局:市财政局"], "remit: unknown task 'shenzhen-2020-tasks#999'"),
    (["whatif", "--reassign", "9-市税务局"], "expected TASK:FROM:TO"),
    (["synth", "--tasks", "5", "--units", "100", "-o", "x.md"], "n_units must be between"),
])
def test_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_synth_writes_a_loadable_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "list.md"
    assert main(["synth", "--tasks", "80", "--units", "30", "--seed", "3", "-o", str(out)]) == 0
    assert main(["stats", str(out), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["tasks"] == 80 and sum(stats["units"].values()) == 30
    assert not list(out.parent.glob("*.part"))  # atomic write leaves no temporary file


@pytest.mark.parametrize("command", ["units", "clusters", "whatif", "synth"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0 and "usage: remit" in capsys.readouterr().out
