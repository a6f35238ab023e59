"""Unit names from real lists: collectives, shared prefixes, 等 forms, did-you-mean.

The pairs are real names of Chinese government bodies, chosen by hand: the
near misses are different bodies (a different key word, level or kind), the
variants are spellings of one body seen in published lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import remit
from remit.loaders.resolve import _did_you_mean
from remit.loaders.units import split_unit_cell

Write = Callable[[str, str], Path]

# Different bodies one character (or one key word) apart: never "did you mean".
NEAR_MISSES = [
    ("市政协办公厅", "市政府办公厅"), ("市商务局", "市税务局"), ("市水务局", "市税务局"),
    ("市商务局", "市水务局"), ("市教育局", "市体育局"), ("市场监管局", "市场监管总局"),
    ("国家税务局", "国家税务总局"), ("市中级人民法院", "市高级人民法院"), ("市公安局", "市公安厅"),
    ("市交通运输局", "市交通运输委"), ("市卫生健康委", "市卫生健康局"),
    ("市规划和自然资源局", "市规划和自然资源委"), ("市国资委", "市国土委"), ("团市委", "市委"),
    ("市妇联", "市侨联"), ("市住房建设局", "市住房保障局"), ("市发展改革委", "区发展改革委"),
    ("市气象局", "市海事局"), ("市应急管理局", "市应急管理办"), ("工业和信息化部", "工业和信息化厅"),
    ("省委宣传部", "市委宣传部"), ("市城管局", "市城管委"), ("市委办公厅", "市委办公室"),
    ("国务院办公厅", "国务院研究室"), ("市委组织部", "市委统战部"),
]
# Spellings of one body: the rarer one is suggested as the commoner one.
VARIANTS = [
    ("市中级法院", "市中级人民法院"), ("市人力资源社会保障局", "市人力资源和社会保障局"),
    ("市住房建设局", "市住房和建设局"), ("市文化旅游广电体育局", "市文化广电旅游体育局"),
    ("市发展改革委", "市发展和改革委"), ("市工业信息化局", "市工业和信息化局"),
    ("市规划自然资源局", "市规划和自然资源局"), ("市政务服务数据管局", "市政务服务数据管理局"),
    ("市卫生健康委", "市卫生和健康委"), ("市交通运局", "市交通运输局"), ("市检察院", "市人民检察院"),
    ("市政府办公厅", "市人民政府办公厅"), ("市生态和环境局", "市生态环境局"),
    ("深圳市政府", "深圳市人民政府"), ("国家发展和改革委员会", "国家发展改革委员会"),
    ("市应急管局", "市应急管理局"), ("市科技创新委员会", "市科技创新委"),
    ("市工业与信息化局", "市工业和信息化局"), ("市城市管理综合执法局", "市城市管理和综合执法局"),
    ("市人力资源与社会保障局", "市人力资源和社会保障局"), ("国家卫生健康委员会", "国家卫生健康委"),
    ("市规划和国土委", "市规划国土委"), ("市地方金融监督管理局", "市地方金融监督管局"),
]


def test_enough_pairs() -> None:
    assert len(NEAR_MISSES) >= 20 and len(VARIANTS) >= 20


@pytest.mark.parametrize(("a", "b"), NEAR_MISSES)
def test_did_you_mean_never_pairs_different_bodies(a: str, b: str) -> None:
    assert _did_you_mean(Counter({a: 1, b: 9})) == {}
    assert _did_you_mean(Counter({a: 9, b: 1})) == {}


@pytest.mark.parametrize(("rare", "common"), VARIANTS)
def test_did_you_mean_pairs_true_variants(rare: str, common: str) -> None:
    assert _did_you_mean(Counter({rare: 1, common: 7})) == {rare: common}


@pytest.mark.parametrize(("cell", "names"), [
    ("各区、县级市政府", ["各区、县级市政府"]),
    ("各有关区、县级市政府、市财政局", ["各有关区、县级市政府", "市财政局"]),
    ("各省、自治区、直辖市人民政府", ["各省、自治区、直辖市人民政府"]),
    ("各区、各相关单位", ["各区", "各相关单位"]),
    ("市、区市场监管领域相关部门", ["市、区市场监管领域相关部门"]),
])
def test_collectives_containing_the_separator_stay_one(cell: str, names: list[str]) -> None:
    assert [p.name for p in split_unit_cell(cell)] == names


@pytest.mark.parametrize(("cell", "names", "rule"), [
    ("人力资源社会保障部等有关部门", ["人力资源社会保障部"], "trailing-deng"),
    ("财政部等部门", ["财政部"], "trailing-deng"),
    ("市财政局等单位", ["市财政局"], "trailing-deng"),
    ("人力资源社会保障部等有关部门和单位", ["人力资源社会保障部"], "trailing-deng"),
    ("商务部等和各有关省级人民政府", ["商务部", "各有关省级人民政府"], "deng-collective"),
])
def test_deng_forms_cleaned_alike_and_recorded(cell: str, names: list[str], rule: str) -> None:
    pieces = split_unit_cell(cell)
    assert [p.name for p in pieces] == names
    assert all(rule in [s.rule for s in p.steps] for p in pieces)


def test_shared_prefix_never_doubles_a_level(write: Write) -> None:
    table = ("| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
             "| 1 | 甲 | 市委办公厅、团市委 |\n| 2 | 乙 | 省委宣传部、省委组织部 |\n"
             "| 3 | 丙 | 市场监管总局、财政部 |\n| 4 | 丁 | 省工业和信息化厅、科技厅 |\n")
    tl = remit.load(write("prefix.md", table))
    units = set(tl.units["unit"])
    assert {"团市委", "市委办公厅", "省委宣传部", "省委组织部", "财政部", "省科技厅"} <= units
    assert not {"市团市委", "省省委组织部", "市财政部"} & units


# One unit a line, as offices type them in Word and Excel cells, against names a
# narrow column wrapped; each expected list was read off the cell by hand.
LINE_CELLS = [
    ("市公安局\n市税务局\n市人力资源社会保障局", ["市公安局", "市税务局", "市人力资源社会保障局"]),
    ("市发展改革委\n市自然资源局", ["市发展改革委", "市自然资源局"]),
    ("市财政局牵头\n市税务局配合", ["市财政局", "市税务局"]),
    ("市政务服务数据\n管理局、市住房建\n设局", ["市政务服务数据管理局", "市住房建设局"]),
    ("深汕特别合作区管委\n会", ["深汕特别合作区管委会"]),
    ("人民银行深圳中心\n支行", ["人民银行深圳中心支行"]),
    ("市人民政府\n办公厅", ["市人民政府办公厅"]),
    ("市市场监管局\n（市知识产权局）", ["市市场监管局"]),
    # A PDF's line width breaks a collective inside 部门 or before it (issue 17).
    ("市人力资源保障局、各行业主管部\n门按职责分工分别负责", ["市人力资源保障局", "各行业主管部门"]),
    ("市交通运输局、各有关\n部门", ["市交通运输局", "各有关部门"]),
    ("各区政府\n（新区管委会）、市财政局", ["各区政府（新区管委会）", "市财政局"]),
    ("市公安局\n各有关部门", ["市公安局", "各有关部门"]),
]


@pytest.mark.parametrize(("cell", "names"), LINE_CELLS)
def test_a_line_break_between_whole_names_separates_them(cell: str, names: list[str]) -> None:
    assert [p.name for p in split_unit_cell(cell)] == names


def test_a_word_table_with_one_unit_a_line(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    rows = [("序号", "改革措施", "牵头单位", "配合单位"),
            ("1", "推行企业开办全程网上办理。", "市市场监管局", "市公安局\n市税务局"),
            ("2", "推行告知承诺制。", "市发展改革委\n市自然资源局", "市水务局")]
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            first, *more = value.split("\n")
            cell.text = first
            for line in more:  # a paragraph a line, as Enter makes in Word
                cell.add_paragraph(line)
    path = tmp_path / "list.docx"
    document.save(str(path))
    a = remit.load(path).assignments
    got = {(int(t.split("#")[-1]), role): sorted(a[(a.task_id == t) & (a.role == role)].unit)
           for t in a.task_id.unique() for role in ("lead", "support")}
    assert got == {(1, "lead"): ["市市场监管局"], (1, "support"): ["市公安局", "市税务局"],
                   (2, "lead"): ["市发展改革委", "市自然资源局"], (2, "support"): ["市水务局"]}
