"""Unit tests of the loader's parts, with expectations worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from remit.loaders.deadlines import parse_deadline
from remit.loaders.header import match_header
from remit.loaders.markup import split_markup
from remit.loaders.ordinals import chinese_to_int, parse_number, split_ordinal
from remit.loaders.raw import RawRow
from remit.loaders.units import split_unit_cell

# -- split_unit_cell ---------------------------------------------------------


@pytest.mark.parametrize(("cell", "names"), [
    ("市市场监管局", ["市市场监管局"]),
    ("市政务服务数据\n管理局、市住房建\n设局", ["市政务服务数据管理局", "市住房建设局"]),
    ("市税务局，市财政局,市公安局；市商务局", ["市税务局", "市财政局", "市公安局", "市商务局"]),
    ("市、区市场监管领域相关部门", ["市、区市场监管领域相关部门"]),
    ("深圳国际仲裁院等", ["深圳国际仲裁院"]),
    ("市司法局、市社会组织管理局、各区政府(新区管委会)等",
     ["市司法局", "市社会组织管理局", "各区政府（新区管委会）"]),
    ("深圳供电局按职责分工负责", ["深圳供电局"]),
    ("市水务局等部门按职责分工负责", ["市水务局"]),
    ("市住房建设局按职责分工分别负责", ["市住房建设局"]),
    ("由市发展改革委牵头负责", ["市发展改革委"]),
    ("无", []),
    ("", []),
    (" 、 ", []),
    ("——", []),
])
def test_split_unit_cell_names(cell: str, names: list[str]) -> None:
    assert [p.name for p in split_unit_cell(cell)] == names


def test_split_unit_cell_markers_and_clauses() -> None:
    pieces = split_unit_cell("省甲厅、省乙厅牵头，省丙局配合；省丁局按职责分工负责")
    assert [(p.name, p.marker, p.clause) for p in pieces] == [
        ("省甲厅", "", 0), ("省乙厅", "lead", 0), ("省丙局", "support", 1), ("省丁局", "", 2)]
    bracketed = split_unit_cell("市发展改革委（牵头）、市财政局（配合）")
    assert [(p.name, p.marker) for p in bracketed] == [("市发展改革委", "lead"), ("市财政局", "support")]


def test_split_unit_cell_records_each_step() -> None:
    piece = split_unit_cell("市政务服务数据\n管理局按职责分工负责")[0]
    assert [(s.rule, s.before, s.after) for s in piece.steps] == [
        ("whitespace", "市政务服务数据\n管理局按职责分工负责", "市政务服务数据管理局按职责分工负责"),
        ("responsibility-phrase", "市政务服务数据管理局按职责分工负责", "市政务服务数据管理局"),
    ]
    assert piece.raw == "市政务服务数据\n管理局按职责分工负责"


def test_second_name_only_for_a_same_level_name() -> None:
    piece = split_unit_cell("省市场监管局(省知识产权局)")[0]
    assert (piece.name, piece.second_names) == ("省市场监管局", ["省知识产权局"])
    assert split_unit_cell("各区政府（新区管委会）")[0].second_names == []
    assert split_unit_cell("市委组织部（市委人才办）")[0].name == "市委组织部"


# -- parse_deadline ------------------------------------------------------------


@pytest.mark.parametrize(("raw", "date", "kind"), [
    ("2020 年 1 月底", dt.date(2020, 1, 31), "date"),
    ("2020年6月底底", dt.date(2020, 6, 30), "date"),
    ("2020年2月", dt.date(2020, 2, 29), "date"),  # 2020 is a leap year
    ("2021年2月", dt.date(2021, 2, 28), "date"),
    ("2020年12月", dt.date(2020, 12, 31), "date"),
    ("２０２０年３月底", dt.date(2020, 3, 31), "date"),  # full-width digits
    ("2020年3月启动，6月底完成", dt.date(2020, 6, 30), "date"),  # the last date counts
    ("2020年底", dt.date(2020, 12, 31), "date"),
    ("2020.09", dt.date(2020, 9, 30), "date"),
    ("2020/6/15", dt.date(2020, 6, 15), "date"),
    ("2020-06-15", dt.date(2020, 6, 15), "date"),
    ("持续推进", None, "ongoing"),
    ("长期坚持", None, "ongoing"),
    ("每年12月底前", None, "ongoing"),
    ("尽快", None, "unknown"),
    ("2020年13月", None, "unknown"),
    ("", None, "none"),
    ("无", None, "none"),
])
def test_parse_deadline(raw: str, date: dt.date | None, kind: str) -> None:
    d = parse_deadline(raw)
    assert (d.date, d.kind, d.raw) == (date, kind, raw.strip())


def test_parse_deadline_from_cell_values() -> None:
    assert parse_deadline(dt.datetime(2020, 6, 30, 0, 0)).date == dt.date(2020, 6, 30)
    assert parse_deadline(dt.date(2020, 6, 30)).raw == "2020-06-30"
    assert parse_deadline(None).kind == "none"


# -- ordinals -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十九", 29), ("一百", 100),
    ("一百零五", 105), ("两百", 200), ("〇", 0), ("", None), ("甲", None), ("1", None),
])
def test_chinese_to_int(text: str, value: int | None) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("57", 57), ("５７", 57), ("57.", 57), ("（57）", 57), ("二十一", 21), ("", None),
    ("一、优化营商环境", None), ("合计", None), ("5a", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("heading", "expected"), [
    ("八、加强法治保障", (8, "加强法治保障")),
    ("十四、营造包容普惠创新环境", (14, "营造包容普惠创新环境")),
    ("二、深化工程建设项目审批制度改革", (2, "深化工程建设项目审批制度改革")),
    ("（三）优化服务", (3, "优化服务")),
    ("第四部分 监管", (4, "监管")),
    ("5. 数字政府", (5, "数字政府")),
    ("营商环境", (None, "营商环境")),
    ("一、", (None, "一、")),
])
def test_split_ordinal(heading: str, expected: tuple[int | None, str]) -> None:
    assert split_ordinal(heading) == expected


# -- match_header ---------------------------------------------------------------


def _header(*cells: str) -> RawRow:
    return RawRow("line 1", cells)


def test_header_with_lead_and_responsible() -> None:
    m = match_header(_header("序号", "所属领域", "改革措施", "牵头单位", "责任单位", "完成时限"))
    assert m is not None
    assert (m.number, m.domain, m.task, m.lead, m.support_columns, m.deadline) == (0, 1, 2, 3, (4,), 5)
    assert not m.leads_from_responsible


def test_header_with_only_responsible_column_leads_from_it() -> None:
    m = match_header(_header("编号", "重点任务", "责任单位", "时间节点"))
    assert m is not None
    assert (m.lead_column, m.support_columns, m.leads_from_responsible) == (2, (), True)
    assert m.deadline == 3


def test_header_notes_spaces_and_breaks_are_ignored() -> None:
    m = match_header(_header("序 号", "工作\n任务", "牵头单位（部门）", "配合单位", "完成时限（月）"))
    assert m is not None
    assert (m.number, m.task, m.lead, m.support_columns, m.deadline) == (0, 1, 2, (3,), 4)


def test_header_with_two_support_columns_and_unknown_columns() -> None:
    m = match_header(_header("序号", "具体措施", "牵头部门", "配合部门", "参与单位", "备注"))
    assert m is not None
    assert (m.task, m.lead, m.support_columns, m.width) == (1, 2, (3, 4), 6)


def test_header_without_unit_column_has_no_lead() -> None:
    assert match_header(_header("序号", "改革措施", "完成时限")) is None
    only_support = match_header(_header("改革任务", "配合单位"))
    assert only_support is not None and only_support.lead_column == -1


@pytest.mark.parametrize("cells", [
    ("1", "升级平台", "市市场监管局", "2020年1月"),
    ("深圳市2020年优化营商环境改革重点任务清单",),
    ("牵头单位", "责任单位"),  # no task column
    ("序号", "改革措施的具体内容和工作要求说明", "牵头单位"),  # task cell too long for a header
])
def test_rows_that_are_not_headers(cells: tuple[str, ...]) -> None:
    assert match_header(_header(*cells)) is None


# -- split_markup ---------------------------------------------------------------


def test_split_markup_keeps_a_lone_angle_bracket() -> None:
    assert split_markup("a<b c>d") == ("ad", "")  # a well-formed tag is removed
    assert split_markup("x < y，<b>粗</b>") == ("x < y，粗", "粗")
    assert split_markup("**a**", markdown=False) == ("**a**", "")
