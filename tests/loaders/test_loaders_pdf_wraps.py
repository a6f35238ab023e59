"""Names and headings cut by a PDF's line width or by a page break are whole again (issue 17).

A PDF reader hands :func:`remit.loaders.table.read_task_rows` one table a
page; a row cut by the page break goes on in the next page's first row,
below the repeated header. The cells here are typed as the example's rows
were cut when Chromium printed it on other paper (each pair read off the
printed pages); the expected names are the example's own.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from remit.loaders.pdf import read_pdf_tables
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.table import read_task_rows
from remit.loaders.units import split_unit_cell

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
HEADER = ("序号", "所属领域", "改革措施", "牵头单位", "责任单位", "完成时限")


def _pages(before: tuple[str, ...], after: tuple[str, ...], runs_on: tuple[bool, ...] = (),
           then: tuple[str, ...] = ("2", "", "第二项任务。", "市财政局", "", "2020年6月底"),
           ) -> list[RawTable]:
    """Two pages: a row cut at the foot of the first, its rest and one more row on the second."""
    cut = RawRow("page 1, row 2", before, runs_on=runs_on) if runs_on else RawRow("page 1, row 2", before)
    return [RawTable("list.pdf", [RawRow("page 1, row 1", HEADER), cut]),
            RawTable("list.pdf", [RawRow("page 2, row 1", HEADER), RawRow("page 2, row 2", after),
                                  RawRow("page 2, row 3", then)])]


def _support(tables: list[RawTable]) -> list[str]:
    drafts, _ = read_task_rows(tables, "list.pdf")
    return [piece.name for cell in drafts[0].support_cells for piece in split_unit_cell(cell)]


CUT_NAMES = [
    # (the support cell's text above the page break, below it, the names it holds)
    ("市交通运输局、市水务局、各区政府", "（新区管委会）、深汕特别合作区管委会",
     ["市交通运输局", "市水务局", "各区政府（新区管委会）", "深汕特别合作区管委会"]),
    ("市交通运输局、市水务局、各区政府（新区管委", "会）、深汕特别合作区管委会",
     ["市交通运输局", "市水务局", "各区政府（新区管委会）", "深汕特别合作区管委会"]),
    ("市水务局、各有关", "部门", ["市水务局", "各有关部门"]),
    ("市人力资源保障局、各行业主管部", "门按职责分工分别负责", ["市人力资源保障局", "各行业主管部门"]),
    ("市财政局、人民银行深圳中心", "支行", ["市财政局", "人民银行深圳中心支行"]),
    # A break between whole names still parts them.
    ("市财政局、市税务局", "市公安局", ["市财政局", "市税务局", "市公安局"]),
    ("市财政局、各有关部门", "市公安局", ["市财政局", "各有关部门", "市公安局"]),
]


@pytest.mark.parametrize(("above", "below", "names"), CUT_NAMES)
def test_a_unit_name_cut_by_a_page_break_is_one_name(above: str, below: str,
                                                      names: list[str]) -> None:
    tables = _pages(("1", "一、优化审批", "第一项任务，", "市发展改革委", above, "2020年6月底"),
                    ("", "", "未完。", "", below, ""))
    assert _support(tables) == names


def test_a_cell_whose_last_line_fills_it_runs_on_into_the_next_page() -> None:
    # "市司" looks like a whole name (…司), but its line filled the cell: the page
    # break fell inside 市司法局 (row 182 of the example on A5 paper).
    before = ("1", "一、优化审批", "第一项任务，", "市发展改革委", "市发展改革委、市司", "2020年6月底")
    after = ("", "", "未完。", "", "法局，市、区市场监管领域相关部门", "")
    filled = (False, False, True, False, True, False)
    assert _support(_pages(before, after, filled)) == ["市发展改革委", "市司法局",
                                                       "市、区市场监管领域相关部门"]
    # Measured short, the same text is read as two names, as typed one a line.
    assert "市司" in _support(_pages(before, after))


@pytest.mark.parametrize(("above", "below", "names"), [
    ("市中级人民法院", "市司法局、市财政局", ["市中级人民法院", "市司法局", "市财政局"]),
    ("市财政局、各有关部门", "各区政府（新区管委会）", ["市财政局", "各有关部门", "各区政府（新区管委会）"]),
])
def test_a_full_line_ending_a_name_before_another_name_still_parts_them(
        above: str, below: str, names: list[str]) -> None:
    # Names typed one a line, the first exactly as wide as the cell, the page break
    # between them: a whole name closes the page and another opens the next.
    filled = (False, False, True, False, True, False)
    tables = _pages(("1", "一、优化审批", "第一项任务，", "市发展改革委", above, "2020年6月底"),
                    ("", "", "未完。", "", below, ""), filled)
    assert _support(tables) == names


def test_a_heading_cut_alone_by_a_page_break_is_one_heading() -> None:
    # Row 202 of the example on A4 paper: its domain cell runs onto the next page,
    # alone in its row (the task text, units and deadline all fitted above).
    headings: list[str] = []
    tables = _pages(("202", "十四、营造包容普惠", "第一项任务。", "市教育局", "", "2020年6月底"),
                    ("", "创新环境", "", "", "", ""),
                    then=("203", "", "第二项任务。", "市卫生健康委", "", "2020年6月底"))
    drafts, _ = read_task_rows(tables, "list.pdf", headings)
    assert [d.domain for d in drafts] == ["十四、营造包容普惠创新环境"] * 2
    assert headings == ["十四、营造包容普惠创新环境"]


def test_a_repeated_heading_cut_by_a_page_break_is_one_chapter() -> None:
    # The example repeats its heading on some rows; on Letter paper row 136's copy of
    # "九、深化公共资源交易体制改革" is cut after "九、深化公共".
    headings: list[str] = []
    first = RawRow("page 1, row 2", ("135", "九、深化公共资源交易体制改革", "第一项。", "市财政局", "", ""))
    tables = _pages(("136", "九、深化公共", "第二项，", "市财政局", "", ""),
                    ("", "资源交易体制改革", "未完。", "", "", ""),
                    then=("137", "", "第三项。", "市财政局", "", ""))
    tables[0].rows.insert(1, first)
    drafts, _ = read_task_rows(tables, "list.pdf", headings)
    assert [d.domain for d in drafts] == ["九、深化公共资源交易体制改革"] * 3
    assert headings == ["九、深化公共资源交易体制改革"]


def test_a_heading_alone_under_a_row_without_one_is_a_new_heading() -> None:
    # The row above the break stated no heading, so nothing of one can run on.
    headings: list[str] = []
    first = RawRow("page 1, row 2", ("1", "一、优化审批", "第一项。", "市财政局", "", ""))
    tables = _pages(("2", "", "第二项。", "市财政局", "", ""), ("", "加强监管", "", "", "", ""),
                    then=("3", "", "第三项。", "市财政局", "", ""))
    tables[0].rows.insert(1, first)
    drafts, _ = read_task_rows(tables, "list.pdf", headings)
    assert [d.domain for d in drafts] == ["一、优化审批", "一、优化审批", "加强监管"]
    assert headings == ["一、优化审批", "加强监管"]


def test_the_pdf_reader_measures_which_cut_cells_run_on() -> None:
    # Page 42 of the example printed on A5 paper, looked at by eye: row 182 is cut by
    # the page break. The last lines of its 序号 ("182"), 所属领域 ("规范"), 改革措施,
    # 责任单位 ("委、市司") and 完成时限 ("月底", under "2020" and "年6") cells reach their
    # right sides; its 牵头单位 cell ends with "管局" under "市市场监", half a line short.
    with pdfium.PdfDocument(PDF / "example-chromium-a5.pdf") as document:
        assert len(document) == 50
    tables = read_pdf_tables("a5.pdf", (PDF / "example-chromium-a5.pdf").read_bytes())
    page = next(t for t in tables if t.rows[0].locator.startswith("page 42,"))
    cut = page.rows[-1]
    assert cut.cells[0] == "182" and cut.cells[4].endswith("委、市司")
    assert cut.runs_on == (True, True, True, False, True, True)
    # Only the last row of a page can be cut; the rows above say nothing.
    assert all(row.runs_on == () for row in page.rows[:-1])


def test_names_typed_one_a_line_as_wide_as_their_cell_stay_apart(tmp_path: Path) -> None:
    # typed-lines-chromium.pdf, looked at by eye: 市中级人民法院 fills its line in the
    # 配合单位 column; in row 2 the page break falls right after it (市财政局 opens page
    # 2), in row 3 各区政府 follows it on the next line.
    import sys

    import remit

    sys.path.insert(0, str(PDF.parent))
    from make_fixtures import typed_lines_html

    pdf = remit.load(PDF / "typed-lines-chromium.pdf")
    a = pdf.assignments
    read = set(zip(a["task_id"].str.split("#").str[1], a["unit"], a["role"], strict=True))
    assert read == {("1", "市市场监管局", "lead"), ("1", "市公安局", "support"), ("1", "市税务局", "support"),
                    ("2", "市中级人民法院", "lead"), ("2", "市司法局", "support"),
                    ("2", "市中级人民法院", "support"), ("2", "市财政局", "support"),
                    ("3", "市司法局", "lead"), ("3", "市中级人民法院", "support"),
                    ("3", "各区政府", "support")}
    page = tmp_path / "typed.html"  # the page it was printed from, read as HTML
    page.write_text(typed_lines_html(), encoding="utf-8")
    h = remit.load(page).assignments
    assert read == set(zip(h["task_id"].str.split("#").str[1], h["unit"], h["role"], strict=True))
    # The reader measured the cut cell full: the whole names on both sides part it.
    first = read_pdf_tables("typed.pdf", (PDF / "typed-lines-chromium.pdf").read_bytes())[0]
    assert first.rows[-1].cells[3] == "市司法局\n市中级人民法院" and first.rows[-1].runs_on_at(3)
