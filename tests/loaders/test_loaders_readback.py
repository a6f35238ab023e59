"""remit reads its own outputs back: the tasks sheet of units.xlsx and tasks.csv (the correction loop).

The counts 210 tasks, 268 lead and 312 support assignments are hand-verified facts of the bundled
example; the assignments read back are compared with an independent reading, the Markdown's own.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import remit
from remit.exports.report import write_report

ROOT = Path(__file__).resolve().parents[2]
KEY = ["task_id", "unit", "role"]
TASK_FIELDS = ["task_id", "list_id", "number", "domain_ordinal", "domain", "title", "text", "deadline",
               "deadline_kind", "deadline_raw"]
# A collective whose own name holds 、 (task 182 of the example, line 339, names it among its supporters).
COLLECTIVE = "市、区市场监管领域相关部门"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m remit ARGS`` from the checkout, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "remit", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def assignments(tl: remit.TaskList) -> set[tuple[str, str, str]]:
    return set(map(tuple, tl.assignments[KEY].itertuples(index=False, name=None)))


@pytest.fixture(scope="module")
def report_zh(tmp_path_factory: pytest.TempPathFactory, example: remit.TaskList) -> Path:
    return write_report(example, tmp_path_factory.mktemp("readback") / "report", progress=False)


@pytest.mark.parametrize("name", ["units.xlsx", "tasks.csv"])
def test_cli_reads_the_report_back_to_the_example(report_zh: Path, name: str) -> None:
    checked = run("check", str(report_zh / name))
    assert checked.returncode == 0, checked.stderr
    # Before, the workbook's analysis sheets were read as task lists too: 261 tasks, 295 warnings.
    assert checked.stdout.strip().splitlines()[-1] == "210 tasks read; 0 errors, 0 warnings, 0 notes"
    stats = run("stats", "--json", str(report_zh / name))
    assert stats.returncode == 0, stats.stderr
    summary = json.loads(stats.stdout)
    assert (summary["tasks"], summary["lead_edges"], summary["support_edges"]) == (210, 268, 312)
    assert summary["lists"] == ["shenzhen-2020-tasks"]


@pytest.mark.parametrize("name", ["units.xlsx", "tasks.csv"])
def test_same_tasks_and_assignments_as_the_markdown(report_zh: Path, example: remit.TaskList,
                                                    name: str) -> None:
    back = remit.load(report_zh / name)
    markdown = remit.load(remit.example_path())  # an independent reading of the source itself
    assert len(markdown.assignments) == 268 + 312
    # Same units, same tasks, same roles, and the same order within each task.
    pd.testing.assert_frame_equal(back.assignments.reset_index(drop=True),
                                  markdown.assignments.reset_index(drop=True))
    pd.testing.assert_frame_equal(back.tasks[TASK_FIELDS], markdown.tasks[TASK_FIELDS])
    supporters = back.assignments.query("task_id == 'shenzhen-2020-tasks#182' and role == 'support'")
    assert COLLECTIVE in set(supporters["unit"])
    assert not {"市", "区"} & set(back.assignments["unit"])  # the collective was not cut at its 、
    kinds = back.units.set_index("unit")["kind"].to_dict()
    assert kinds == markdown.units.set_index("unit")["kind"].to_dict()
    assert [c[1:3] for c in back.chapters] == [c[1:3] for c in markdown.chapters]
    assert set(back.tasks["source"]) == {name}  # findings name the file the user edits


def test_edited_lead_cell_shows_in_the_reading(report_zh: Path, tmp_path: Path) -> None:
    # Task 9 of the example (line 59 of the list): 市税务局 leads, 市财政局 supports.
    book = openpyxl.load_workbook(report_zh / "units.xlsx")
    sheet = book["任务"]
    header = [c.value for c in sheet[1]]
    number, lead = header.index("序号") + 1, header.index("牵头单位") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, number).value == 9)
    assert sheet.cell(row, lead).value == "市税务局"
    sheet.cell(row, lead).value = "市商务局"
    edited = tmp_path / "units.xlsx"
    book.save(edited)

    before, after = remit.load(report_zh / "units.xlsx"), remit.load(edited)
    task9 = "shenzhen-2020-tasks#9"
    roles = after.assignments[after.assignments["task_id"] == task9].set_index("unit")["role"].to_dict()
    assert roles == {"市商务局": "lead", "市财政局": "support"}
    # Nothing else moved.
    assert assignments(after) - assignments(before) == {(task9, "市商务局", "lead")}
    assert assignments(before) - assignments(after) == {(task9, "市税务局", "lead")}


def test_edited_csv_cells_show_in_the_reading(report_zh: Path, tmp_path: Path) -> None:
    with open(report_zh / "tasks.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(r for r in rows if r["number"] == "9")
    row["support_units"] = "市财政局、市司法局"  # one supporter added, as a user types it
    row["deadline"] = "2021-03-31"  # a date corrected by hand wins over the text as written
    # A task added by hand, with only a number, a title and a lead: it joins the list above.
    rows.append({**dict.fromkeys(rows[0], ""), "number": "211", "title": "新增任务",
                 "lead_units": "市司法局"})
    edited = tmp_path / "tasks.csv"
    with open(edited, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    after = remit.load(edited)
    assert len(after.tasks) == 211 and set(after.tasks["list_id"]) == {"shenzhen-2020-tasks"}
    added = after.tasks.set_index("number").loc[211]
    assert (added["title"], added["domain"]) == ("新增任务", "") and pd.isna(added["domain_ordinal"])
    new_task = after.assignments.query("task_id == 'shenzhen-2020-tasks#211'")
    assert new_task[["unit", "role"]].values.tolist() == [["市司法局", "lead"]]
    task = after.tasks.set_index("number").loc[9]
    assert (str(task["deadline"]), task["deadline_kind"]) == ("2021-03-31", "date")
    supporters = after.assignments.query("task_id == 'shenzhen-2020-tasks#9' and role == 'support'")
    assert list(supporters["unit"]) == ["市财政局", "市司法局"]


def test_english_workbook_reads_back(tmp_path: Path, example: remit.TaskList) -> None:
    out = write_report(example, tmp_path / "report", lang="en", progress=False)
    book = openpyxl.load_workbook(out / "units.xlsx", read_only=True)
    assert "tasks" in book.sheetnames and "任务" not in book.sheetnames
    back = remit.load(out / "units.xlsx")
    assert assignments(back) == assignments(example)
    pd.testing.assert_frame_equal(back.tasks[TASK_FIELDS], example.tasks[TASK_FIELDS])


SECOND_LIST = """\
| 序号 | 所属领域 | 改革措施 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|---|
| 1 | 一、优化服务 | =HYPERLINK("http://x","点我") 升级平台。 | 省财政厅 | 省税务局 | - |
| 2 | | 推行电子证照。 | 省政务服务数据管理局 | 市、区市场监管领域相关部门、省司法厅 | 2020年6月底 |
"""


def test_two_lists_keep_their_ids_through_tasks_csv(tmp_path: Path) -> None:
    second = tmp_path / "second.md"
    second.write_text(SECOND_LIST, encoding="utf-8")
    both = remit.load([f"sz={remit.example_path()}", f"gd={second}"])
    out = write_report(both, tmp_path / "report", progress=False)
    back = remit.load(out / "tasks.csv")
    assert sorted(back.tasks["list_id"].unique()) == ["gd", "sz"]
    assert assignments(back) == assignments(both)
    # The formula-like text and the "-" deadline were quoted in the CSV; they come back as written.
    task = back.tasks.set_index("task_id").loc["gd#1"]
    assert task["text"].startswith('=HYPERLINK("http://x","点我")')
    assert task["deadline_raw"] == "-"
    assert back.assignments.query("task_id == 'gd#2' and role == 'support'")["unit"].tolist() == [
        COLLECTIVE, "省司法厅"]
    # Two files that name one list id are refused, as two lists of one file name are.
    clash = run("check", str(out / "tasks.csv"), f"sz={remit.example_path()}")
    assert clash.returncode == 2 and "share one list id" in clash.stderr


def test_id_names_the_list_read_back(report_zh: Path) -> None:
    renamed = remit.load(f"x={report_zh / 'units.xlsx'}")
    assert set(renamed.tasks["list_id"]) == {"x"} and len(renamed.tasks) == 210
    assert renamed.tasks["task_id"].iloc[0] == "x#1"
    assert {c[0] for c in renamed.chapters} == {"x"}


def test_no_name_borrows_a_prefix_when_read_back(tmp_path: Path) -> None:
    # 粮食储备局 opens a clause of its own in the source, so it keeps its name; in the file
    # read back it follows 省税务局 after a 、, where the shared-prefix rule would make it
    # 省粮食储备局.
    source = tmp_path / "prefix.md"
    source.write_text("| 序号 | 改革措施 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
                      "| 1 | 推行电子证照。 | 省财政厅 | 省税务局，粮食储备局 |\n", encoding="utf-8")
    tl = remit.load(source)
    assert set(tl.assignments["unit"]) == {"省财政厅", "省税务局", "粮食储备局"}
    out = write_report(tl, tmp_path / "report", progress=False)
    for name in ("units.xlsx", "tasks.csv"):
        assert assignments(remit.load(out / name)) == assignments(tl)
