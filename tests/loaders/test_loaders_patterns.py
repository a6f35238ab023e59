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


TWO_ROW_HEADER = [
    ["序号", "主要任务", "具体措施", "责任单位", "", "完成时限"],
    ["", "", "", "牵头单位", "配合单位", ""],
    ["1", "优化营商环境", "推行企业开办全程网办", "市市场监管局", "市公安局、市税务局", "2023年6月"],
    ["2", "", "推进工程建设项目审批改革", "市住房城乡建设局", "市自然资源局", "2023年12月"],
]
TWO_ROW_ROLES = {1: {"市市场监管局": "lead", "市公安局": "support", "市税务局": "support"},
                 2: {"市住房城乡建设局": "lead", "市自然资源局": "support"}}


def test_a_header_of_two_rows_names_the_unit_sub_columns_in_csv(write: Write) -> None:
    # 责任单位 merged over 牵头单位 | 配合单位: before, the 配合单位 column was silently dropped.
    text = "\n".join(",".join(row) for row in TWO_ROW_HEADER) + "\n"
    tl = remit.load(write("two-rows.csv", text))
    assert roles_by_number(tl) == TWO_ROW_ROLES


def test_a_header_of_two_rows_with_merged_cells_in_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in TWO_ROW_HEADER:
        sheet.append(row)
    sheet.merge_cells("D1:E1")  # 责任单位 over both unit columns
    for column in "ABCF":
        sheet.merge_cells(f"{column}1:{column}2")
    path = tmp_path / "two-rows.xlsx"
    book.save(path)
    tl = remit.load(path)
    assert roles_by_number(tl) == TWO_ROW_ROLES


def test_collectives_are_told_by_one_vocabulary(write: Write) -> None:
    # "县直各部门", "国务院相关部门和单位" and "各区" stand for many bodies; before, the
    # resolver's own list called the first two agencies.
    from remit.loaders.resolve import classify_kind

    assert [classify_kind(n) for n in ("县直各部门", "国务院相关部门和单位", "各区", "县财政局",
                                       "市直有关单位")] == [
        "collective", "collective", "collective", "agency", "collective"]
    text = "一、任务\n1. 推进预算绩效管理改革。\n   牵头单位：县财政局    参与单位：县直各部门\n"
    tl = remit.load(write("county.txt", text))
    kinds = dict(zip(tl.units["unit"], tl.units["kind"], strict=True))
    assert kinds == {"县财政局": "agency", "县直各部门": "collective"}


DOUBLE_BORDER_ROLES = {
    1: {"市政务服务数据管理局": "lead", "市发展改革委": "support", "各区政府": "support"},
    2: {"市住房城乡建设局": "lead", "市规划和自然资源局": "support", "市生态环境局": "support"},
    3: {"市发展改革委": "lead", "市市场监管局": "support", "人民银行": "support"},
}


def test_a_web_table_with_a_two_row_header_as_html_and_printed_to_pdf(tmp_path: Path) -> None:
    # The HTML (tests/fixtures/make_fixtures.py DOUBLE_BORDER_HTML) read by hand: four tasks,
    # 3 twice (one merged 序号 and 牵头单位 over two measures), 配合单位 from the second header row.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
    from make_fixtures import DOUBLE_BORDER_HTML

    page = tmp_path / "double-border.html"
    page.write_text(DOUBLE_BORDER_HTML, encoding="utf-8")
    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "double-border-chromium.pdf"
    for path in (page, pdf):
        tl = remit.load(path)
        titles = tl.tasks["title"].tolist()
        assert titles == ["推行“一网通办”", "深化工程建设项目审批制度改革", "推进信用监管",
                          "开展信用修复"], path
        by_title = {t: tid for t, tid in zip(tl.tasks["title"], tl.tasks["task_id"], strict=True)}
        roles = {t: dict(zip(group["unit"], group["role"], strict=True))
                 for t, group in tl.assignments.groupby("task_id")}
        assert roles[by_title["推行“一网通办”"]] == DOUBLE_BORDER_ROLES[1], path
        assert roles[by_title["深化工程建设项目审批制度改革"]] == DOUBLE_BORDER_ROLES[2], path
        assert roles[by_title["推进信用监管"]] == {"市发展改革委": "lead", "市市场监管局": "support"}, path
        assert roles[by_title["开展信用修复"]] == {"市发展改革委": "lead", "人民银行": "support"}, path
        assert not tl.has_errors(), path


def test_a_list_in_traditional_characters_is_read_as_simplified(write: Write) -> None:
    # A reprint of 咸阳市2022年深化“放管服”改革工作要点 in traditional characters, items 1 and 2.
    prose = ("咸陽市2022年深化“放管服”改革最佳化營商環境工作要點\n一、堅持系統集成，推動審批全鏈條最佳化\n"
             "1.全面實施行政許可事項清單管理。（市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭，"
             "市級各有關部門及各縣市區政府按職責分工負責）\n"
             "2.持續深化相對集中行政許可權改革。（市政府辦公室、市行政審批服務局牽頭，市司法局、"
             "市市場監管局配合，各縣市區政府負責）\n")
    tl = remit.load(write("trad.txt", prose))
    assert roles_by_number(tl) == {
        1: {"市政府办公室": "lead", "市行政审批制度改革工作领导小组办公室": "lead",
            "市级各有关部门": "support", "各县市区政府": "support"},
        2: {"市政府办公室": "lead", "市行政审批服务局": "lead", "市司法局": "support",
            "市市场监管局": "support", "各县市区政府": "support"},
    }
    assert tl.tasks["title"].tolist() == ["全面实施行政许可事项清单管理", "持续深化相对集中行政许可权改革"]
    assert "traditional-script" in set(tl.findings["code"])
    assert tl.government().place == "咸阳市"
    table = ("| 序號 | 改革任務 | 牽頭單位 | 配合單位 | 完成時限 |\n|---|---|---|---|---|\n"
             "| 1 | 推行企業開辦全程網辦 | 市市場監管局 | 市公安局、市稅務局 | 2023年6月 |\n")
    tl = remit.load(write("trad.md", table))
    assert roles_by_number(tl) == {1: {"市市场监管局": "lead", "市公安局": "support", "市税务局": "support"}}


def test_a_simplified_list_quoting_traditional_names_stays_as_it_is(write: Write) -> None:
    table = ("| 序号 | 改革任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n"
             "| 1 | 深化与臺灣、香港（滙豐）的经贸合作 | 市商务局 | 2023年6月 |\n")
    tl = remit.load(write("simplified.md", table))
    assert tl.tasks["title"].tolist() == ["深化与臺灣、香港（滙豐）的经贸合作"]
    assert "traditional-script" not in set(tl.findings["code"])


def test_a_workbook_of_one_task_sheet_a_domain_takes_the_sheet_names(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "营商环境"
    first.append(["某市2023年改革任务清单"])
    for sheet, rows in ((first, [["1", "推行企业开办一日办结", "市市场监管局", "市税务局", "2023-06-30"]]),
                        (book.create_sheet("民生保障"), [["2", "推进医联体建设", "市卫生健康委", "各区政府",
                                                      "2023年12月"]])):
        sheet.append(["序号", "改革任务", "牵头单位", "配合单位", "完成时限"])
        for row in rows:
            sheet.append(row)
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    tl = remit.load(path)
    assert dict(zip(tl.tasks["number"], tl.tasks["domain"], strict=True)) == {1: "营商环境", 2: "民生保障"}
    # Default sheet names (Sheet1, Sheet2) name no domain.
    book["营商环境"].title, book["民生保障"].title = "Sheet1", "Sheet2"
    book.save(path)
    assert set(remit.load(path).tasks["domain"]) == {""}


def test_responsibilities_written_without_brackets_at_the_end_of_a_measure(write: Write) -> None:
    text = ("某市2024年深化改革工作要点\n一、优化营商环境\n"
            "1. 推进数字政府建设，市政务服务数据管理局牵头，市有关部门按职责分工负责。\n"
            "2. 推进学前教育普惠发展，市教育局负责。\n"
            "3. 推动企业牵头组建创新联合体，加快成果转化。（市科技局牵头）\n")
    tl = remit.load(write("tail.txt", text))
    assert roles_by_number(tl) == {
        1: {"市政务服务数据管理局": "lead", "市有关部门": "support"},
        2: {"市教育局": "lead"},
        # 企业牵头 inside the measure's own words is no assignment; the bracket is.
        3: {"市科技局": "lead"},
    }
    assert tl.tasks["title"].tolist()[:2] == ["推进数字政府建设", "推进学前教育普惠发展"]


def test_quarters_and_half_years_end_on_their_last_day(write: Write) -> None:
    # Before, every one of these was read as 31 December of its year.
    table = ("| 序号 | 改革任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n"
             "| 1 | 做甲 | 市财政局 | 2023年二季度 |\n| 2 | 做乙 | 市财政局 | 2023年第3季度末 |\n"
             "| 3 | 做丙 | 市财政局 | 2023年上半年 |\n"
             "| 4 | 做丁 | 市财政局 | 2023年一季度启动，三季度完成 |\n"
             "| 5 | 做戊 | 市财政局 | 2023年下半年 |\n")
    tl = remit.load(write("quarters.md", table))
    assert [str(d) for d in tl.tasks["deadline"]] == ["2023-06-30", "2023-09-30", "2023-06-30", "2023-09-30",
                                                      "2023-12-31"]
