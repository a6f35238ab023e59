"""The command line's rough edges from issue 11: order, orphans, did-you-mean, plurals, formats."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import remit
from remit.cli import main

# (command, the unknown name, the unit a person meant): the names are hand-checked against the
# example list (市市场监管局 rows 1-4, 深圳海关 rows 81-91; 市住建局 is the short form of 市住房建设局).
UNKNOWN = [
    (["whatif", "--remove", "市场监管"], "市场监管", "市市场监管局"),
    (["check", "--explain", "市场监督管理局"], "市场监督管理局", "市市场监管局"),
    (["map", "-o", "{tmp}/m.html", "--focus", "海关"], "海关", "深圳海关"),
    (["cypher", "unit_tasks", "-p", "unit=市住建局"], "市住建局", "市住房建设局"),
    (["cypher", "shortest_path", "-p", "source=市税务局", "-p", "target=深圳海关总署"],
     "深圳海关总署", "深圳海关"),
]


@pytest.mark.parametrize(("command", "name", "meant"), UNKNOWN, ids=[c[0] for c, _, _ in UNKNOWN])
def test_unknown_unit_gets_did_you_mean_and_exit_2(command: list[str], name: str, meant: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # The cypher cases stop before the embedded engine starts: the name is checked against the input.
    assert main([c.replace("{tmp}", str(tmp_path)) for c in command]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"remit: unknown unit '{name}'")
    assert re.search(f"did you mean {meant}[?,]| or ", err[0])  # the meant unit is the first suggestion
    assert f"did you mean {meant}" in err[0]
    assert not (tmp_path / "m.html").exists()


def test_units_table_reads_in_its_sort_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split()
    assert header[:2] == ["负荷", "瓶颈排名"]  # the sort column comes first, headed in Chinese by default
    loads = [float(line.split()[0]) for line in lines[1:6]]
    assert loads == sorted(loads, reverse=True)
    # Each reason carries the rank its row prints (issue 19: the list said 2. for the unit ranked 3).
    ranks = [int(line.split()[1]) for line in lines[1:6]]
    reasons = [line for line in lines if re.match(r"\s*\d+\. ", line)]
    assert [int(r.split(".")[0]) for r in reasons] == ranks
    assert ranks != sorted(ranks)  # on the example the load order is not the bottleneck order
    assert reasons[0].split(". ")[1].startswith("市市场监管局：")  # load 37.45, the largest


def test_units_sorted_by_bottleneck_reads_1_2_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "4", "--sort", "bottleneck"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[0] == "瓶颈排名"
    assert [int(line.split()[0]) for line in lines[1:5]] == [1, 2, 3, 4]


def test_whatif_orphans_sorted_by_number_with_titles(capsys: pytest.CaptureFixture[str],
                                                     example: remit.TaskList) -> None:
    assert main(["whatif", "--remove", "市市场监管局"]) == 0
    out = capsys.readouterr().out
    block = out.split("left without a lead:")[1].strip().splitlines()
    numbers = [int(line.split()[0].lstrip("#")) for line in block]
    assert numbers == sorted(numbers)
    # Independently: the tasks whose only leads are 市市场监管局, from the assignments table.
    a = example.assignments
    leads = a[a["role"] == "lead"].groupby("task_id")["unit"].agg(set)
    alone = sorted(int(t.split("#")[1]) for t, units in leads.items() if units == {"市市场监管局"})
    assert numbers == alone and "#1 升级“开办企业一窗通”平台" in block[0]  # row 1 of the source list
    assert f"{len(alone)} tasks left without a lead:" in out


def test_plural_wording(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "one.md"
    src.write_text("| 序号 | 改革任务 | 牵头单位 |\n|---|---|---|\n"
                   "| 1 | 任务甲 | 市财政局 |\n| 2 | 任务乙 | |\n", encoding="utf-8")
    assert main(["check", str(src)]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "2 tasks read; 1 error, 0 warnings, 0 notes"
    src.write_text("| 序号 | 改革任务 | 牵头单位 |\n|---|---|---|\n"
                   "| 1 | 任务甲 | 市财政局 |\n| 2 | 任务乙 | 市税务局 |\n", encoding="utf-8")
    assert main(["whatif", "--remove", "市财政局", str(src)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 unit changes") and "1 task left without a lead:" in out


def test_stats_csv_lists_every_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 62  # 51 agencies + 11 collective placeholders
    first = rows[0]
    assert first == {"unit": "市市场监管局", "kind": "agency", "lead": "40", "support": "8"}


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json", "csv"])
def test_export_takes_the_format_from_the_suffix(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"g.{suffix}"
    assert main(["export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if suffix in ("graphml", "gexf"):
        assert ET.fromstring(text.encode("utf-8")).tag.endswith(suffix)
    elif suffix == "json":
        assert text.lstrip().startswith("{")
    else:
        assert text.splitlines()[0].count(",") >= 2


def test_export_without_a_known_suffix_is_one_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-o", str(tmp_path / "g.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--format" in err[0]
    assert not (tmp_path / "g.txt").exists()
