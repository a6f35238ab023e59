"""Same content, same model: ten example rows in five formats give one TaskList.

The expected facts are read by hand from remit/data/shenzhen-2020-tasks.md,
lines 93-101, 112-113, 324 and 327 (tasks 29-34, 39, 40, 173, 176).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from loader_samples import ROWS, write_csv

import remit
from remit.loaders.csvfile import read_csv_text
from remit.loaders.docx import read_docx
from remit.loaders.files import read_tables
from remit.loaders.html import read_html_text

LIST = "sample"

# Hand-read from the source rows: task number → (leads, supports), in cell order.
EXPECTED_UNITS: dict[int, tuple[list[str], list[str]]] = {
    29: (["市住房建设局"], []),
    30: (["市住房建设局", "市政务服务数据管理局"],
         ["市发展改革委", "市规划和自然资源局", "市交通运输局", "市水务局", "市建筑工务署"]),
    31: (["市政务服务数据管理局"],
         ["各区政府（新区管委会）", "深汕特别合作区管委会", "前海管理局", "各审批部门"]),
    32: (["市政务服务数据管理局"],
         ["各区政府（新区管委会）", "深汕特别合作区管委会", "前海管理局", "各审批部门"]),
    33: (["市发展改革委"],
         ["市住房建设局", "市规划和自然资源局", "市交通运输局", "市公安局", "市城管和综合执法局", "市水务局",
          "市水务集团", "市燃气集团", "深圳供电局"]),
    34: (["市政务服务数据管理局", "市住房建设局"],
         ["市发展改革委", "市规划和自然资源局", "市交通运输局", "市公安局", "市水务局", "市城管和综合执法局",
          "市水务集团", "市燃气集团", "深圳供电局"]),
    39: (["市政务服务数据管理局", "市水务集团", "市燃气集团", "深圳供电局"],
         ["市工业和信息化局", "市住房建设局", "市水务局"]),
    40: (["深圳供电局"], []),
    173: (["市市场监管局"],
          ["市公安局", "深圳海关", "市司法局", "市中级人民法院", "市检察院", "各区政府（新区管委会）",
           "深圳国际仲裁院"]),
    176: (["市司法局", "市中级人民法院"], ["市市场监管局"]),
}
COLLECTIVES = {"各区政府（新区管委会）", "各审批部门"}


def _load_all(files: dict[str, Path]) -> dict[str, remit.TaskList]:
    return {name: remit.load(f"{LIST}={path}") for name, path in files.items()}


@pytest.fixture
def loaded(sample_files: dict[str, Path]) -> dict[str, remit.TaskList]:
    files = dict(sample_files)
    files["sample-bom.csv"] = write_csv(sample_files["sample.csv"].with_name("bom.csv"),
                                        encoding="utf-8-sig")
    files["sample.tsv"] = write_csv(sample_files["sample.csv"].with_name("sample.tsv"),
                                    encoding="utf-8", delimiter="\t")
    return _load_all(files)


def test_every_format_gives_the_same_model(loaded: dict[str, remit.TaskList]) -> None:
    reference = loaded["sample.md"]
    assert len(loaded) == 7
    for name, tl in loaded.items():
        pd.testing.assert_frame_equal(tl.tasks.drop(columns=["source", "row"]),
                                      reference.tasks.drop(columns=["source", "row"]), obj=name)
        pd.testing.assert_frame_equal(tl.assignments, reference.assignments, obj=name)
        pd.testing.assert_frame_equal(tl.units, reference.units, obj=name)
        pd.testing.assert_frame_equal(tl.findings.drop(columns=["file", "row"]),
                                      reference.findings.drop(columns=["file", "row"]), obj=name)


@pytest.mark.parametrize("name", ["sample.md", "sample.html", "sample.xlsx", "sample.csv",
                                  "sample.docx", "sample-bom.csv", "sample.tsv"])
def test_hand_checked_facts(loaded: dict[str, remit.TaskList], name: str) -> None:
    tl = loaded[name]
    tasks = tl.tasks.set_index("number")
    assert list(tasks.index) == [29, 30, 31, 32, 33, 34, 39, 40, 173, 176]
    # Domains: the spanning cell (<br>-cut in the source) gives every row its domain.
    assert tasks.loc[[29, 30, 31, 32], "domain"].unique().tolist() == ["深化工程建设项目审批制度改革"]
    assert tasks.loc[[33, 34, 39, 40], "domain"].unique().tolist() == ["优化市政设施接入服务"]
    assert tasks.loc[[173, 176], "domain"].unique().tolist() == ["强化知识产权创造保护和运用"]
    assert tasks["domain_ordinal"].tolist() == [2, 2, 2, 2, 3, 3, 3, 3, 12, 12]
    # Titles: bold where the source has <b>, else the first sentence.
    assert tasks.at[29, "title"] == "研究进一步提升监理人员学历要求"
    assert tasks.at[31, "title"] == "全面落实“一个窗口”集成服务机制"
    assert tasks.at[34, "title"] == "实施水电气接入行政审批线上联办"
    assert tasks.at[173, "title"] == "加快知识产权“一站式”协同保护平台建设"
    # Deadlines: month ends, and the typo 2020年6月底底 (line 327).
    assert tasks.at[176, "deadline"] == dt.date(2020, 6, 30)
    assert tasks.at[176, "deadline_raw"] == "2020年6月底底"
    assert tasks.at[33, "deadline"] == dt.date(2020, 3, 31)
    assert tasks.at[34, "deadline"] == dt.date(2020, 12, 31)
    assert set(tasks["deadline_kind"]) == {"date"}
    # Units, hand-read per row: <br> inside names (31, 34), co-leads (30, 34, 39, 176),
    # no support (29, 40), 按职责分工负责 (39), ASCII brackets and trailing 等 (173).
    a = tl.assignments
    for number, (leads, supports) in EXPECTED_UNITS.items():
        rows = a[a["task_id"] == f"{LIST}#{number}"]
        assert rows.loc[rows["role"] == "lead", "unit"].tolist() == leads, number
        assert rows.loc[rows["role"] == "support", "unit"].tolist() == supports, number
    assert (a["role"] == "lead").sum() == 16
    assert (a["role"] == "support").sum() == 42
    everyone = {u for leads, sups in EXPECTED_UNITS.values() for u in leads + sups}
    assert set(tl.units["unit"]) == everyone
    assert set(tl.units.loc[tl.units["kind"] == "collective", "unit"]) == COLLECTIVES
    # Gaps before 29, 35-38, 41-172 and 174-175 are reported.
    gaps = tl.findings.loc[tl.findings["code"] == "number-gap", "message"].tolist()
    assert gaps == [f"list {LIST} has no task {g}" for g in ("1–28", "35–38", "41–172", "174–175")]


def test_locators_point_at_the_row(loaded: dict[str, remit.TaskList]) -> None:
    # Task 33 is the 5th data row. Title and header come first in every layout.
    row = {name: tl.tasks.set_index("number").at[33, "row"] for name, tl in loaded.items()}
    assert row["sample.md"] == "line 9"  # "# title", blank, header, separator, rows 29-32
    assert row["sample.html"] == "table 1, row 7"  # title row, header row, rows 29-32
    assert row["sample.xlsx"] == "sheet 任务清单, row 7"
    assert row["sample.docx"] == "table 1, row 6"  # the title is a paragraph, not a row
    # CSV: title, header, then 29 (domain with 3 breaks: lines 3-6), 30 (7),
    # 31 (8-9: lead has a break), 32 (10-11), so 33 starts on line 12.
    assert row["sample.csv"] == "line 12"


def test_merged_cells_are_expanded_and_flagged(sample_files: dict[str, Path]) -> None:
    for name in ("sample.html", "sample.xlsx", "sample.docx"):
        tables = read_tables(sample_files[name])
        rows = [r for r in tables[0].rows if r.cell(0).isdigit()]
        assert len(rows) == 10, name
        # Task 30 (second row) inherits the domain of 29 from the merge above.
        assert rows[1].cell(1) == "二、深化\n工程建设\n项目审批\n制度改革", name
        assert rows[1].is_spanned(1) and not rows[0].is_spanned(1), name
        assert not rows[1].is_spanned(2), name
        assert rows[4].cell(1).startswith("三、") and not rows[4].is_spanned(1), name
        assert rows[0].bold_of(2) == "研究进一步提升监理人员学历要求。", name


def test_xlsx_values_dates_numbers_and_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本表由市发展改革委汇总"])
    ws = wb.create_sheet("清单")
    ws.append(["序号", "工作任务", "牵头单位", "完成时间"])
    ws.append([1.0, "推进甲", "市财政局", dt.datetime(2021, 6, 30)])
    ws.append([2, "推进乙", "市税务局", "持续推进"])
    wb.save(tmp_path / "t.xlsx")
    tl = remit.load(tmp_path / "t.xlsx")
    assert tl.tasks["number"].tolist() == [1, 2]
    assert tl.tasks["deadline"].tolist() == [dt.date(2021, 6, 30), None]
    assert tl.tasks["deadline_kind"].tolist() == ["date", "ongoing"]
    assert tl.tasks["row"].tolist() == ["sheet 清单, row 2", "sheet 清单, row 3"]


def test_xlsx_merged_number_is_one_task(tmp_path: Path) -> None:
    # One task whose support units run over two rows, 序号 and text merged.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "改革任务", "牵头单位", "配合单位"])
    ws.append([1, "推进甲。", "市财政局", "市税务局"])
    ws.append([None, None, None, "市公安局"])
    ws.append([2, "推进乙。", "市商务局", ""])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:C3")
    wb.save(tmp_path / "m.xlsx")
    tl = remit.load(tmp_path / "m.xlsx")
    assert tl.tasks["number"].tolist() == [1, 2]
    a = tl.assignments[tl.assignments["task_id"] == "m#1"]
    assert a[["unit", "role"]].values.tolist() == [
        ["市财政局", "lead"], ["市税务局", "support"], ["市公安局", "support"]]
    assert tl.tasks.at[0, "text"] == "推进甲。"


def test_html_nested_tables_colspan_and_entities() -> None:
    doc = """<html><body><table><tr><td>导航</td><td>
      <h3>附件</h3>
      <table>
        <thead><tr><th>序号</th><th>改革任务</th><th>牵头单位</th><th>配合单位</th></tr></thead>
        <tbody>
        <tr><td colspan=4>一、优化&nbsp;营商环境</td></tr>
        <tr><td>1</td><td><span>推进<strong>甲</strong></span>&amp;乙。</td>
            <td>市财政局<br/>（市国资委）</td><td></td></tr>
        <tr><td>2</td><td>推进丙。</td><td>市税务局</td>
      </tbody></table>
    </td></tr></table></body></html>"""
    tables = read_html_text(doc, "n.html")
    assert len(tables) == 2
    outer, inner = tables
    assert outer.rows[0].cells == ("导航", "附件")  # the inner table's text stays out
    assert inner.rows[0].locator == "table 2, row 1"
    assert inner.rows[1].cells == ("一、优化 营商环境",) * 4  # &nbsp; is a space
    assert inner.rows[2].cells[1:3] == ("推进甲&乙。", "市财政局\n（市国资委）")
    assert inner.rows[2].bold[1] == "甲"
    assert inner.rows[3].cells == ("2", "推进丙。", "市税务局", "")  # padded like a browser


def test_csv_delimiters_and_multiline_cells() -> None:
    doc = '标题\n序号;改革任务;牵头单位\n1;"推进甲。\n第二行";"市财政局、\n市税务局"\n2;推进乙;市商务局\n'
    rows = read_csv_text(doc, "x.csv")[0].rows
    # Record 1 runs over lines 3-5 (two quoted cells with a break each).
    assert [r.locator for r in rows] == ["line 1", "line 2", "line 3", "line 6"]
    assert rows[2].cells == ("1", "推进甲。\n第二行", "市财政局、\n市税务局")
    tabbed = read_csv_text("序号\t改革任务\t牵头单位\n1\t甲,乙\t市财政局\n", "x.txt")[0].rows
    assert tabbed[1].cells == ("1", "甲,乙", "市财政局")


def test_csv_in_gbk_and_gb18030(tmp_path: Path) -> None:
    text = "序号,改革任务,牵头单位\n1,推进“甲”。,市市场监管局\n"
    for encoding in ("gbk", "gb18030", "utf-8-sig", "utf-8"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        tl = remit.load(path)
        assert tl.tasks.at[0, "title"] == "推进“甲”", encoding
        assert tl.assignments.at[0, "unit"] == "市市场监管局", encoding


def test_docx_horizontal_merge_and_bold(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    for col, name in enumerate(("序号", "改革任务", "牵头单位", "责任单位")):
        table.cell(0, col).text = name
    merged = table.cell(1, 0).merge(table.cell(1, 3))
    merged.text = "一、优化营商环境"
    for col, value in enumerate(("1", "", "市财政局", "无")):
        table.cell(2, col).text = value
    run = table.cell(2, 1).paragraphs[0].add_run("推进甲。")
    run.bold = True
    table.cell(2, 1).add_paragraph("第二段")
    path = tmp_path / "h.docx"
    doc.save(str(path))
    rows = read_docx(str(path), path.read_bytes())[0].rows
    assert rows[1].cells == ("一、优化营商环境",) * 4
    assert rows[2].cells[1] == "推进甲。\n第二段"
    assert rows[2].bold[1] == "推进甲。"
    tl = remit.load(path)
    assert tl.tasks.at[0, "domain"] == "优化营商环境"
    assert tl.tasks.at[0, "title"] == "推进甲"
    assert tl.assignments[["unit", "role"]].values.tolist() == [["市财政局", "lead"]]


def test_office_file_with_the_wrong_suffix_is_read_by_content(sample_files: dict[str, Path]) -> None:
    wrong = sample_files["sample.docx"].with_name("really-a-docx.xlsx")
    wrong.write_bytes(sample_files["sample.docx"].read_bytes())
    assert len(remit.load(wrong).tasks) == len(ROWS)


def test_several_lists_keep_their_ids_and_share_units(
        sample_files: dict[str, Path], write: Callable[[str, str], Path]) -> None:
    other = write("gd.md", "| 序号 | 改革任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
                  "| 1 | 推进甲。 | 市住建局 | 深圳供电局 |\n")
    tl = remit.load([f"sz={sample_files['sample.xlsx']}", other])
    assert tl.tasks["list_id"].value_counts().to_dict() == {"sz": 10, "gd": 1}
    assert tl.tasks["task_id"].iloc[-1] == "gd#1"
    # 市住建局 is the short form of 市住房建设局 (shipped alias): one unit across both lists.
    units = tl.units.set_index("unit")
    assert "市住建局" not in units.index
    assert "市住建局" in units.at["市住房建设局", "aliases"]
    a = tl.assignments
    assert set(a.loc[a["unit"] == "深圳供电局", "task_id"].str.split("#").str[0]) == {"sz", "gd"}
    assert len(tl.units) == len(EXPECTED_UNITS_SET)


EXPECTED_UNITS_SET = {u for leads, sups in EXPECTED_UNITS.values() for u in leads + sups}
