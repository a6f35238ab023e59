"""Overdue and due-soon counts against a progress sheet written by hand.

市税务局 leads 13 tasks of the example (checked in remit/data/shenzhen-2020-tasks.md, 牵头单位 column):
#5 and #9 due 2020年1月底; #70 due 2020年3月底; #12 (co-led), #69, #72, #73, #75, #77, #78, #123 due
2020年6月底; #74 and #76 due 2020年12月底.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from remit.analyses import unit_summary
from remit.analyses.followup import follow_up
from remit.cli import main
from remit.errors import InputError
from remit.loaders.status import read_status

UNIT = "市税务局"
# 序号, 完成情况, 完成时间, 备注 — as an office keeps it. One row has no number, only the task text (#73).
SHEET = """序号,工作任务,完成情况,完成时间,备注
5,,已完成,2020-01-20,
9,,已完成,2020-08-01,填报有误
12,,完成,2020年6月,
69,,推进中,,
70,,已完成,,
72,,已完成,六月份,
,落实减税政策。积极宣传下调增值税税率、小微企业普惠性减税等政策,已完成,2020-05-10,按文字对应
74,,已完成,2020-07-01,
999,,已完成,2020-03-01,序号不存在
"""


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("status") / "督办.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_without_a_sheet_nothing_is_done(example_graph: nx.MultiDiGraph) -> None:
    p = follow_up(unit_summary(example_graph), dt.date(2020, 7, 15))
    # Due before 15 July: #5 #9 #70 and the eight June tasks = 11; #74 #76 are due in December.
    assert p.units.loc[UNIT, ["overdue", "due_soon", "done"]].tolist() == [11, 0, 0]
    assert not p.has_status and not p.tasks["done"].any()


def test_overdue_on_15_july(example_graph: nx.MultiDiGraph, sheet: Path) -> None:
    p = follow_up(unit_summary(example_graph), dt.date(2020, 7, 15), read_status(sheet))
    # Done by 15 July: #5 (20 Jan), #12 (June), #70 (no date: done, date unknown), #72 (unreadable date:
    # done, date unknown), #73 (matched by text, 10 May), #74 (1 July). #9 is marked done on 1 August,
    # after the day: not done. Overdue = 11 - {5, 12, 70, 72, 73} = 6: #9 #69 #75 #77 #78 #123.
    assert p.units.loc[UNIT, ["overdue", "due_soon", "done"]].tolist() == [6, 0, 6]
    late = set(p.tasks.loc[(p.tasks["state"] == "overdue") & p.tasks["leads"].map(lambda u: UNIT in u),
                           "task_id"])
    assert late == {f"shenzhen-2020-tasks#{n}" for n in (9, 69, 75, 77, 78, 123)}
    codes = sorted(f.code for f in p.findings)
    # 999 names no task; 六月份 is no date; #70 has none; #9 is done after the as-of day.
    assert codes == ["status-date-missing", "status-date-unreadable", "status-done-later",
                     "status-unknown-task"]


def test_due_soon_on_15_june(example_graph: nx.MultiDiGraph, sheet: Path) -> None:
    p = follow_up(unit_summary(example_graph), dt.date(2020, 6, 15), read_status(sheet))
    # Done by 15 June: #5, #70, #72, #73. #12 (30 June), #9 (1 August) and #74 (1 July) not yet.
    # Overdue: #9 (January) = 1. Due within 30 days (by 15 July), not done: #12 #69 #75 #77 #78 #123 = 6.
    assert p.units.loc[UNIT, ["overdue", "due_soon"]].tolist() == [1, 6]


def test_xlsx_sheet_joined_by_text(example_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["改革任务", "进展情况", "完成时间", "备注"])
    ws.append(["为新办企业免费提供税控设备", "已完成", dt.datetime(2020, 1, 25), ""])  # #9
    ws.append(["申领发票和税控设备即时办结", "推进中", None, ""])  # #5
    path = tmp_path / "progress.xlsx"
    book.save(path)
    p = follow_up(unit_summary(example_graph), dt.date(2020, 2, 1), read_status(path))
    # On 1 Feb, of 市税务局's January tasks #5 and #9, only #9 is done.
    assert p.units.loc[UNIT, ["overdue", "done"]].tolist() == [1, 1]
    assert p.findings == []


def test_cli_units_json_has_overdue(sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--json", "--as-of", "2020-07-15", "--status", str(sheet)]) == 0
    captured = capsys.readouterr()
    rows = {r["unit"]: r for r in json.loads(captured.out)}
    assert (rows[UNIT]["overdue"], rows[UNIT]["due_soon"]) == (6, 0)
    assert "序号 999 names no task" in captured.err


def test_sheet_without_recognisable_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("名称,数量\n甲,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no progress table found"):
        read_status(path)
    assert main(["units", "--status", str(path), "--as-of", "2020-07-15"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "wrong.csv" in err and "Traceback" not in err
