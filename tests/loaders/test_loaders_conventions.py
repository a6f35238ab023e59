"""Conventions of other cities' lists, each read as a person reads it.

Every expectation here is what a reader of the cell would say; none is
copied from remit's output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import remit

Write = Callable[[str, str], Path]

PROVINCE = """# 某省2021年优化营商环境重点任务分工

| 序号 | 重点任务 | 责任单位 | 完成时限 |
|---|---|---|---|
| 一、优化营商环境 | | | |
| 1 | 推进甲。详细说明。 | 省发展改革委牵头，省财政厅按职责分工负责 | 2021年6月底 |
| 2 | 推进乙。 | 省工业和信息化厅、科技厅牵头，省商务厅配合 | 持续推进 |
| 3 | 推进丙。 | 省市场监管局（省知识产权局） | 长期坚持 |
| 二、加强法治保障 | | | |
| 4 | 推进丁。 | 省司法厅、深圳海关、前海管理局 | 无 |
| 5 | 推进戊。 | 各区政府（新区管委会） | 2021年12月 |
| 6 | 推进己。 | 省教育厅、省科技厅 | 2021年9月 |
| 7 | 推进庚。 | 省知识产权局 | 无 |
"""


def _roles(tl: remit.TaskList, task_id: str) -> list[tuple[str, str]]:
    a = tl.assignments[tl.assignments["task_id"] == task_id]
    return list(zip(a["unit"], a["role"], strict=True))


@pytest.fixture
def province(write: Write) -> remit.TaskList:
    return remit.load(write("prov.md", PROVINCE))


def test_lead_marked_in_a_single_responsible_column(province: remit.TaskList) -> None:
    assert _roles(province, "prov#1") == [("省发展改革委", "lead"), ("省财政厅", "support")]


def test_several_leads_before_the_marker(province: remit.TaskList) -> None:
    # "A、B牵头，C配合": A and B lead, C supports (B also borrows A's 省).
    assert _roles(province, "prov#2") == [
        ("省工业和信息化厅", "lead"), ("省科技厅", "lead"), ("省商务厅", "support")]


def test_without_any_marker_the_first_listed_leads(province: remit.TaskList) -> None:
    # One 责任单位 column and no rule: the same convention as prose (first listed leads),
    # with one finding naming the list.
    assert _roles(province, "prov#4") == [
        ("省司法厅", "lead"), ("深圳海关", "support"), ("前海管理局", "support")]
    assert _roles(province, "prov#6") == [("省教育厅", "lead"), ("省科技厅", "support")]
    assert (province.findings["code"] == "lead-from-order").sum() == 1


def test_shared_prefix_is_recorded_in_the_audit(province: remit.TaskList) -> None:
    audit = province.audit
    step = audit[audit["rule"] == "shared-prefix"]
    assert step[["task_id", "before", "after"]].values.tolist() == [["prov#2", "科技厅", "省科技厅"]]
    # One unit, whether written whole (task 6) or with the shared prefix (task 2).
    assert (province.units["unit"] == "省科技厅").sum() == 1
    assert "科技厅" not in set(province.units["unit"])


def test_names_with_a_place_get_no_prefix(province: remit.TaskList) -> None:
    units = set(province.units["unit"])
    assert {"深圳海关", "前海管理局"} <= units
    assert not {"省深圳海关", "省前海管理局"} & units


def test_known_name_gets_no_prefix(write: Write) -> None:
    # 教育局 stands on its own in row 2, so in row 1 it is not 省教育局.
    tl = remit.load(write("k.md", "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n"
                               "| 1 | 甲 | 省财政厅、教育局 |\n| 2 | 乙 | 教育局 |\n"))
    assert _roles(tl, "k#1") == [("省财政厅", "lead"), ("教育局", "lead")]


def test_prefix_is_not_shared_across_clauses(write: Write) -> None:
    tl = remit.load(write("c.md", "| 序号 | 工作任务 | 责任单位 |\n|---|---|---|\n"
                               "| 1 | 甲 | 省财政厅牵头，税务局配合 |\n"))
    assert _roles(tl, "c#1") == [("省财政厅", "lead"), ("税务局", "support")]


def test_bracketed_second_name_is_an_alias(province: remit.TaskList) -> None:
    units = province.units.set_index("unit")
    assert "省知识产权局" in units.at["省市场监管局", "aliases"]
    assert "省知识产权局" not in units.index
    # Written alone (task 7), the second name still means the same body.
    assert _roles(province, "prov#7") == [("省市场监管局", "lead")]
    assert _roles(province, "prov#3") == [("省市场监管局", "lead")]


def test_collective_with_brackets_stays_one_name(province: remit.TaskList) -> None:
    assert _roles(province, "prov#5") == [("各区政府（新区管委会）", "lead")]
    units = province.units.set_index("unit")
    assert units.at["各区政府（新区管委会）", "kind"] == "collective"
    assert "新区管委会" not in units.index


def test_deadlines_that_are_not_dates_are_kept(province: remit.TaskList) -> None:
    tasks = province.tasks.set_index("number")
    assert tasks.at[2, "deadline_kind"] == "ongoing"
    assert tasks.at[2, "deadline_raw"] == "持续推进"
    assert tasks.at[3, "deadline_kind"] == "ongoing"
    assert tasks.at[3, "deadline_raw"] == "长期坚持"
    assert tasks.at[2, "deadline"] is None
    assert tasks.at[1, "deadline"] == dt.date(2021, 6, 30)
    assert tasks.at[4, "deadline_kind"] == "none"  # "无" means empty
    assert len(province.tasks) == 7


def test_section_rows_set_the_domain(province: remit.TaskList) -> None:
    tasks = province.tasks.set_index("number")
    assert tasks.loc[[1, 2, 3], "domain"].unique().tolist() == ["优化营商环境"]
    assert tasks.loc[[4, 5, 6, 7], "domain"].unique().tolist() == ["加强法治保障"]
    assert tasks["domain_ordinal"].tolist() == [1, 1, 1, 2, 2, 2, 2]


def test_section_row_spanning_an_html_row(write: Write) -> None:
    html = ("<table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>"
            "<tr><td colspan='3'>营商环境</td></tr>"
            "<tr><td>1</td><td>推进甲。</td><td>市财政局</td></tr></table>")
    tl = remit.load(write("s.html", html))
    # No ordinal, but merged across the row: a heading, not a task.
    assert tl.tasks[["number", "domain"]].values.tolist() == [[1, "营商环境"]]
    assert pd.isna(tl.tasks.at[0, "domain_ordinal"])


def test_none_marker_means_empty(write: Write) -> None:
    tl = remit.load(write("n.md", "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
                               "| 1 | 甲 | 市财政局 | 无 |\n| 2 | 乙 | 市税务局 | — |\n"))
    assert tl.assignments[["unit", "role"]].values.tolist() == [["市财政局", "lead"],
                                                                 ["市税务局", "lead"]]


def test_number_gap_and_duplicate_number(write: Write) -> None:
    tl = remit.load(write("g.md", "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n"
                               "| 1 | 甲 | 市财政局 |\n| 2 | 乙 | 市税务局 |\n"
                               "| 2 | 丙 | 市商务局 |\n| 5 | 丁 | 市公安局 |\n"))
    assert len(tl.tasks) == 4  # both rows numbered 2 are kept
    assert tl.tasks["title"].tolist() == ["甲", "乙", "丙", "丁"]
    f = tl.findings.set_index("code")
    assert f.at["duplicate-number", "row"] == "line 5"
    assert f.at["number-gap", "message"] == "list g has no task 3–4"
    assert f.at["number-gap", "row"] == "line 6"  # where a reader notices it: at 5


def test_sub_header_under_a_merged_responsible_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "责任单位", None, "完成时限"])
    ws.append([None, None, "牵头单位", "配合单位", None])
    ws.append([1, "推进甲。", "市财政局", "市税务局", "2021年3月"])
    ws.merge_cells("C1:D1")
    for col in "ABE":
        ws.merge_cells(f"{col}1:{col}2")
    wb.save(tmp_path / "two.xlsx")
    tl = remit.load(tmp_path / "two.xlsx")
    assert _roles(tl, "two#1") == [("市财政局", "lead"), ("市税务局", "support")]
    assert tl.tasks.at[0, "deadline"] == dt.date(2021, 3, 31)


def test_several_lists_merge_units_by_canonical_name(write: Write) -> None:
    a = write("a.md", "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 甲 | 市中级法院 |\n")
    b = write("b.md", "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 乙 | 市中级人民法院 |\n")
    tl = remit.load([a, b])
    assert tl.tasks[["task_id", "list_id"]].values.tolist() == [["a#1", "a"], ["b#1", "b"]]
    assert tl.units["unit"].tolist() == ["市中级人民法院"]
    assert tl.units.at[0, "aliases"] == ("市中级法院",)


def test_user_alias_file_merges_and_is_explained(write: Write) -> None:
    lst = write("u.md", "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n"
                        "| 1 | 甲 | 市科创委 |\n| 2 | 乙 | 市科技创新委 |\n")
    aliases = write("mine.csv", "alias,canonical,kind,note\n市科创委,市科技创新委,,short form\n")
    tl = remit.load(lst, aliases=aliases)
    assert tl.units["unit"].tolist() == ["市科技创新委"]
    trail = tl.explain("市科创委")
    assert trail["rule"].tolist() == [f"alias ({aliases})"]
    assert trail["after"].tolist() == ["市科技创新委"]
