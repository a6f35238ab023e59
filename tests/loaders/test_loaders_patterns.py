"""Writing habits of published lists that no fixture document showed, each in a small hand-written list.

Every expected unit and role below is read off the text by hand; the lead rule,
where none is stated, is the first listed (a note says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loader_samples import roles_by_number

import remit

Write = Callable[[str, str], Path]


def test_a_long_role_phrase_in_brackets_after_a_name_is_no_part_of_it(write: Write) -> None:
    table = ("| 序号 | 重点任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
             "| 1 | 开展跨部门联合抽查。 | 市市场监管局、市税务局（按职责分工负责） | 持续推进 |\n"
             "| 2 | 推行一网通办。 | 市政务服务数据管理局（牵头）、市发展改革委 | 2023年6月底前 |\n")
    tl = remit.load(write("brackets.md", table))
    assert roles_by_number(tl) == {1: {"市市场监管局": "lead", "市税务局": "support"},
                                   2: {"市政务服务数据管理局": "lead", "市发展改革委": "support"}}


def test_units_separated_by_spaces_in_a_cell_are_several_units(write: Write) -> None:
    # Spreadsheets and PDF tables often separate names by spaces or ideographic spaces.
    text = ("序号,工作任务,牵头单位,配合单位,完成时限\n"
            "1,推进政务数据共享,市政务服务数据管理局,市发展改革委 市财政局　市公安局,2023年底\n"
            "2,开展数据要素改革试点,市发展改革委  市政务服务数据管理局,深圳海关 市财政局,2023年\n"
            "3,建设城市大脑,市大数据局,市发展 改革委,2024年\n")
    tl = remit.load(write("spaces.csv", text))
    assert roles_by_number(tl) == {
        1: {"市政务服务数据管理局": "lead", "市发展改革委": "support", "市财政局": "support",
            "市公安局": "support"},
        2: {"市发展改革委": "lead", "市政务服务数据管理局": "lead", "深圳海关": "support",
            "市财政局": "support"},
        # A space inside one name (a justified cell) joins nothing: 市发展 | 改革委 is one unit.
        3: {"市大数据局": "lead", "市发展改革委": "support"},
    }


def test_a_bracket_of_bare_unit_names_closing_a_measure_assigns_it(write: Write) -> None:
    text = ("某市2023年工作要点\n一、提升政务服务\n"
            "1.推广电子证照应用。（市政务服务数据管理局、市公安局、市市场监管局）\n"
            "2.推进高频事项网上办。（市政务服务数据管理局　市公安局）\n"
            "3.推进企业开办一日办结（市市场监管局，2023年6月底前）。\n"
            "4.建设工程研究中心（实验室）。（市科技局）\n"
            "5.成立专班（以下简称专班），统筹推进。\n")
    tl = remit.load(write("bare.txt", text))
    assert roles_by_number(tl) == {
        1: {"市政务服务数据管理局": "lead", "市公安局": "support", "市市场监管局": "support"},
        2: {"市政务服务数据管理局": "lead", "市公安局": "support"},
        3: {"市市场监管局": "lead"},
        4: {"市科技局": "lead"},
    }
    deadlines = dict(zip(tl.tasks["number"], tl.tasks["deadline"], strict=True))
    assert str(deadlines[3]).startswith("2023-06")
    # The fifth names nobody: a bracket of words is no assignment.
    assert "unassigned-measure" in set(tl.findings["code"])
    assert (tl.findings["code"] == "lead-from-order").sum() == 1


def test_a_word_in_brackets_glued_to_a_sentence_is_no_unit(write: Write) -> None:
    text = ("一、支持创新\n1.对新认定的工程研究中心（实验室）给予奖励。（责任单位：市科技局）\n"
            "2.新认定为国家、省、市工程研究中心（实验室）。\n")
    tl = remit.load(write("glued.txt", text))
    assert roles_by_number(tl) == {1: {"市科技局": "lead"}}
