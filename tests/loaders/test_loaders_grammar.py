"""The clause grammar, one test per pattern seen in real documents (issue: a reader that generalises).

Each document below is built around the example the pattern was quoted with;
the expected units and roles are read off that text by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from loader_samples import roles_by_number

import remit
from remit.loaders.clauses import parse_clause
from remit.loaders.units import split_unit_cell
from remit.model import LeadRule

Write = Callable[[str, str], Path]


_roles = roles_by_number


# 1. Labels remit had not seen, and a deadline before the label in the same bracket.
@pytest.mark.parametrize("label,role", [
    ("牵头单位", "lead"), ("牵头部门", "lead"), ("牵头考核单位", "lead"), ("责任单位", "listed"),
    ("责任部门", "listed"), ("配合单位", "support"), ("参加单位", "support"), ("参与单位", "support"),
    ("协办单位", "support"),
])
def test_any_unit_label_gives_its_role(label: str, role: str) -> None:
    clause = parse_clause(f"6月底完成，{label}：市审批服务局、市财政局")
    assert clause is not None and clause.deadline == "6月底完成"
    assert [(p.name, r) for p, r in clause.pieces] == [("市审批服务局", role), ("市财政局", role)]


def test_a_time_beside_a_name_in_a_cell_keeps_the_name() -> None:
    clause = parse_clause("市财政局（2020年底前），市税务局", default_role="lead")
    assert clause is not None
    assert [p.name for p, _ in clause.pieces] == ["市财政局（2020年底前）", "市税务局"]
    assert parse_clause("市财政局负责，2020年底前完成").deadline == "2020年底前完成"


def test_deadline_and_examiner_label_on_every_item(write: Write) -> None:
    items = "\n".join(f"{n}.做第{n}件事。（6月底完成，牵头考核单位：市审批服务局）" for n in range(1, 4))
    tl = remit.load(write("labels.txt", "一、重点任务\n" + items))
    assert _roles(tl) == {n: {"市审批服务局": "lead"} for n in (1, 2, 3)}
    assert set(tl.tasks["deadline_raw"]) == {"6月底完成"}


def test_labels_naming_people_and_labels_after_a_space() -> None:
    clause = parse_clause("牵头领导：张三；牵头单位：市发展改革委 配合单位：市财政局、市税务局")
    assert clause is not None
    assert [(p.name, r) for p, r in clause.pieces] == [
        ("市发展改革委", "lead"), ("市财政局", "support"), ("市税务局", "support")]


def test_labels_in_square_brackets_and_with_notes(write: Write) -> None:
    text = ("一、任务\n1.做甲。【牵头单位】市发展改革委【配合单位】市财政局\n"
            "2.做乙。\n责任单位（部门）：市税务局、市统计局\n")
    tl = remit.load(write("square.txt", text))
    assert _roles(tl) == {1: {"市发展改革委": "lead", "市财政局": "support"},
                          2: {"市税务局": "lead", "市统计局": "support"}}


def test_labels_one_a_line_in_a_cell() -> None:
    clause = parse_clause("牵头：市发改委\n配合：市财政局、市商务局", default_role="listed")
    assert clause is not None
    assert [(p.name, r) for p, r in clause.pieces] == [
        ("市发改委", "lead"), ("市财政局", "support"), ("市商务局", "support")]


# 2. Role words and connectives are not glued into names.
@pytest.mark.parametrize("text,expected", [
    ("各有关部门分工负责", [("各有关部门", "listed")]),
    ("省贸促会、省商务厅按职责分工配合", [("省贸促会", "support"), ("省商务厅", "support")]),
    ("交通运输部及各地区按职责分工负责", [("交通运输部", "listed"), ("各地区", "listed")]),
    ("市工业和信息化局及专班成员单位负责", [("市工业和信息化局", "listed"), ("专班成员单位", "listed")]),
    ("省有关部门具体实施", [("省有关部门", "listed")]),
    ("市财政局牵头，市税务局协助", [("市财政局", "lead"), ("市税务局", "support")]),
])
def test_role_words_leave_clean_names(text: str, expected: list[tuple[str, str]]) -> None:
    clause = parse_clause(text)
    assert clause is not None
    assert [(p.name, r) for p, r in clause.pieces] == expected


@pytest.mark.parametrize("word,role", [
    ("牵头", "lead"), ("负责", "listed"), ("配合", "support"), ("参与", "support"), ("参加", "support"),
    ("协助", "support"), ("分工负责", "listed"), ("按职责分工负责", "listed"),
    ("按职责分工配合", "support"), ("具体实施", "listed"), ("分头落实", "listed"), ("落实", "listed"),
    ("共同负责", "listed"),
])
def test_every_role_word_is_read(word: str, role: str) -> None:
    clause = parse_clause(f"省发展改革委、省财政厅{word}")
    assert clause is not None
    assert [(p.name, r) for p, r in clause.pieces] == [("省发展改革委", role), ("省财政厅", role)]


@pytest.mark.parametrize("cell", ["市发展改革委〔牵头〕、市财政局", "*市发展改革委、市财政局",
                                  "市发展改革委★、市财政局", "市发展改革委（牵头）、市财政局"])
def test_marked_leads_in_a_responsible_cell(cell: str) -> None:
    clause = parse_clause(cell, default_role="listed")
    assert clause is not None
    assert [(p.name, r) for p, r in clause.pieces] == [("市发展改革委", "lead"), ("市财政局", "listed")]


# 3. Shortened lists.
def test_shared_suffix_and_collectives() -> None:
    assert [p.name for p in split_unit_cell("济南、青岛、烟台市政府")] == [
        "济南市政府", "青岛市政府", "烟台市政府"]
    assert [p.name for p in split_unit_cell("有关区、市政府")] == ["有关区、市政府"]
    assert [p.name for p in split_unit_cell("各区、市政府")] == ["各区、市政府"]


def test_a_list_inside_brackets_is_part_of_a_name() -> None:
    clause = parse_clause("各县（市、区）人民政府、市财政局负责")
    assert clause is not None
    assert [p.name for p, _ in clause.pieces] == ["各县（市、区）人民政府", "市财政局"]


# 4. Numbering: each form starts a measure, none is merged into the one before.
@pytest.mark.parametrize("marks", [
    ["1﹒", "2﹒", "3﹒"], ["１．", "２．", "３．"], ["(1)", "(2)", "(3)"], ["①", "②", "③"],
    ["1.\u200b", "2.\u200b", "3.\u200b"], ["1\ue010", "2\ue010", "3\ue010"],
])
def test_numbering_forms(write: Write, marks: list[str]) -> None:
    lines = [f"{mark}做第{n}件事。（市财政局、市税务局负责）" for n, mark in enumerate(marks, start=1)]
    tl = remit.load(write("numbers.txt", "一、任务\n" + "\n".join(lines)))
    assert list(tl.tasks["number"]) == [1, 2, 3]
    assert [t.startswith(f"做第{n}件事") for n, t in enumerate(tl.tasks["title"], start=1)] == [True] * 3


def test_a_measure_may_open_with_a_year(write: Write) -> None:
    text = ("一、任务\n3.建成平台。（市财政局负责）\n4.2021年底前启动试点。（市税务局负责）\n"
            "5.2022年完成评估。（市统计局负责）\n")
    tl = remit.load(write("years.txt", text))
    assert _roles(tl) == {3: {"市财政局": "lead"}, 4: {"市税务局": "lead"}, 5: {"市统计局": "lead"}}


def test_numbers_glued_into_one_line(write: Write) -> None:
    # A body flattened to one line: chapters, （一） items and 1． measures run together.
    text = ("一、提升便利度（一）优化流程。推行网上办理。"
            "（国家发展改革委牵头，国务院相关部门及各地区按职责分工负责）"
            "具体措施：1．及时总结经验。（财政部牵头，各地区按职责分工负责）2．简化程序，见本意见第（三）项。"
            "（税务总局牵头）二、加强监管（二）完善规则。（市场监管总局负责）")
    tl = remit.load(write("glued.txt", text))
    assert len(tl.tasks) == 4
    assert list(tl.tasks["title"]) == ["优化流程", "及时总结经验", "简化程序，见本意见第（三）项", "完善规则"]
    assert _roles(tl)[1] == {"国家发展改革委": "lead", "国务院相关部门": "support", "各地区": "support"}


# 5. No measure is lost.
def test_unusual_units_are_read(write: Write) -> None:
    text = ("一、任务\n（一）做甲。（专班牵头单位负责）\n（二）做乙。（省有关部门具体实施）\n"
            "（三）做丙。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）\n")
    tl = remit.load(write("unusual.txt", text))
    assert _roles(tl) == {1: {"专班牵头单位": "lead"}, 2: {"省有关部门": "lead"},
                          3: {"税务总局": "lead", "财政部": "support", "海关总署": "support"}}
    stated = tl.findings.loc[tl.findings["code"] == "lead-rule-stated", "message"]
    assert stated.str.endswith("排在第一位的部门为牵头部门").all() and len(stated) == 1


def test_a_clause_without_readable_units_keeps_its_measure(write: Write) -> None:
    text = "一、任务\n（一）做甲。（市财政局负责）\n（二）做乙。（由各地根据实际情况负责）\n"
    tl = remit.load(write("lost.txt", text))
    assert list(tl.tasks["number"]) == [1, 2]
    warning = tl.findings[tl.findings["code"] == "no-units"]
    assert len(warning) == 1 and "由各地根据实际情况负责" in warning["message"].iloc[0]
    assert "no-lead" not in set(tl.findings["code"])  # one warning, not an error as well


# 6. One lead rule for tables and prose where the list states none.
def test_tables_and_prose_apply_the_same_rule(write: Write) -> None:
    table = ("| 序号 | 重点任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
             "| 1 | 做甲 | 省财政厅、省商务厅 | 2021年6月 |\n")
    prose = "一、任务\n1.做甲。（责任单位：省财政厅、省商务厅）\n"
    for name, text in (("t.md", table), ("p.txt", prose)):
        tl = remit.load(write(name, text))
        assert _roles(tl) == {1: {"省财政厅": "lead", "省商务厅": "support"}}, name
        assert (tl.findings["code"] == "lead-from-order").sum() == 1, name
        assert tl.applied_lead_rules() == {name[0]: "first listed (no rule stated)"}
        co = remit.load(write("co-" + name, text), lead_rule=LeadRule.ALL)
        assert _roles(co) == {1: {"省财政厅": "lead", "省商务厅": "lead"}}, name
        assert co.applied_lead_rules() == {"co-" + name[0]: "all"}


def test_a_column_of_leaders_names_no_units(write: Write) -> None:
    table = ("| 序号 | 工作任务 | 牵头市领导 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|---|\n"
             "| 1 | 做甲 | 张三 | 市发展改革委 | 市财政局、各区政府 | 2021年6月 |\n")
    tl = remit.load(write("leaders.md", table))
    assert _roles(tl) == {1: {"市发展改革委": "lead", "市财政局": "support", "各区政府": "support"}}


def test_prose_running_text_form(write: Write) -> None:
    text = ("一、工作组\n（一）污染处置组。由环境保护部牵头，公安部、水利部等参加。\n"
            "主要职责：收集数据。\n（二）事件调查。由环境保护主管部门牵头，可会同监察机关及相关部门，组织开展调查。\n")
    tl = remit.load(write("groups.txt", text))
    # Only a whole sentence of the form is an assignment; the second goes on with other words.
    assert _roles(tl) == {1: {"环境保护部": "lead", "公安部": "support", "水利部": "support"}}


def test_lead_rule_is_validated_once() -> None:
    with pytest.raises(ValueError, match="lead rule must be one of stated, first, all"):
        remit.load(remit.example_path(), lead_rule="co-lead")
