"""report.docx as a leader's briefing (GB/T 9704), checked in the file and as LibreOffice prints it.

The page-1 facts are hand-verified against the example's rows: 市市场监管局 is named in the 牵头单位
column of 40 rows (tests/loaders/test_loaders_example.py), 31 of them with 完成时限 2020年6月底.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Length

from remit.cli import main
from remit.exports.figure import find_cjk_font
from remit.loaders.office import convert_with_soffice, find_soffice

TITLE = "深圳市2020年优化营商环境改革重点任务清单"  # the heading above the example's table, spaces removed


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("briefing") / "report"
    assert main(["report", "-o", str(out)]) == 0
    return out / "report.docx"


@pytest.fixture(scope="module")
def pages(report_docx: Path) -> list[str]:
    """The text of each page of the PDF LibreOffice prints, white space removed."""
    if find_soffice() is None:
        pytest.fail("LibreOffice (soffice) not found: apt-get install -y libreoffice-writer-nogui")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(convert_with_soffice(str(report_docx), report_docx.read_bytes(), "pdf"))
    return [re.sub(r"\s+", "", page.get_textpage().get_text_range()) for page in pdf]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a4_with_the_gbt_9704_type_area(report_docx: Path) -> None:
    section = docx.Document(str(report_docx)).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    # Type area 156 × 225 mm; top margin 37 mm, left 28 mm.
    assert (round(section.top_margin.cm, 1), round(section.left_margin.cm, 1)) == (3.7, 2.8)
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert (round(Length(width).cm, 1), round(Length(height).cm, 1)) == (15.6, 22.5)


def test_language_is_zh_cn_and_the_title_is_the_documents_own(report_docx: Path) -> None:
    document = docx.Document(str(report_docx))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    # Chinese text is zh-CN; Latin letters and digits keep a Latin language, as in Word's Chinese template.
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")
    assert document.core_properties.language == "zh-CN"
    assert document.core_properties.title == TITLE
    assert _flat(document.paragraphs[0].text) == TITLE  # on two lines, broken after 年
    assert document.paragraphs[0].style.name == "Title"


def test_page_numbers_are_dashed_on_the_outer_side(report_docx: Path) -> None:
    document = docx.Document(str(report_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in xml and paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert str(paragraph.alignment).lower().startswith(align)


def test_every_table_repeats_its_header_and_keeps_rows_whole(report_docx: Path) -> None:
    document = docx.Document(str(report_docx))
    assert len(document.tables) == 5
    for table in document.tables:
        rows = table.rows
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        # Fits the 15.6 cm type area.
        # twips round each width a little
        assert sum(column.width for column in table.columns) <= Cm(15.6 + 0.01)


def test_page_one_is_the_summary_in_sentences(pages: list[str], example) -> None:  # type: ignore[no-untyped-def]
    first = pages[0]
    assert TITLE in first
    assert "负荷最重的是市市场监管局" in first
    assert "牵头40项" in first and "其中31项2020-06到期" in first
    # The deadline month, counted here from the task list's own deadlines.
    months = example.tasks["deadline"].map(lambda d: d.isoformat()[:7]).value_counts()
    assert months.index[0] == "2020-06"
    assert f"完成时限最集中在2020-06：{int(months.iloc[0])}项任务在该月到期" in first
    assert "未说明时以排在第一位的单位为牵头单位" in "".join(pages[:2])
    assert "--lead-rule" not in "".join(pages)
    assert "排名单位得分" not in first  # the tables come after the summary


def test_no_table_row_is_split_across_pages(report_docx: Path, pages: list[str]) -> None:
    document = docx.Document(str(report_docx))
    assert 4 <= len(pages) <= 8, len(pages)
    assert [f"—{n}—" in page for n, page in enumerate(pages, start=1)] == [True] * len(pages)
    checked = 0
    for table in document.tables:
        header = "".join(_flat(c.text) for c in table.rows[0].cells)
        for row in table.rows[1:]:
            text = "".join(_flat(c.text) for c in row.cells)
            # A row printed whole is one run of text on one page; a split row is on none.
            on = [n for n, page in enumerate(pages) if text in page]
            assert len(on) == 1, (text, on)
            assert header in pages[on[0]]  # and its table's header row is on that page too
            checked += 1
    assert checked > 40


def test_the_figure_is_printed_at_the_type_area_width(report_docx: Path) -> None:
    assert find_cjk_font() is not None, "no CJK font: apt-get install -y fonts-noto-cjk"
    document = docx.Document(str(report_docx))
    (shape,) = document.inline_shapes
    assert round(shape.width.cm, 1) == 15.6


# Two editions of a small list, written here so every count can be checked by eye (the rows of
# tests/analyses/test_diff.py): old 2 is new 2 with another lead, old 1 is new 3 reworded, old 3 (深圳海关)
# is dropped, new 1 is new.
HEADER = "| 序号 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
OLD = "# 某市2020年营商环境改革任务清单\n\n" + HEADER + (
    "| 1 | 推进不动产登记全流程网上办理。实现抵押登记全程电子化。 | 市规划和自然资源局 | 市税务局 "
    "| 2020年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市市场监管局 | 市公安局 | 2020年3月 |\n"
    "| 3 | 开展跨境贸易单一窗口建设。压缩进出口通关时间。 | 深圳海关 |  | 2020年12月 |\n")
NEW = "# 某市2021年营商环境改革任务清单\n\n" + HEADER + (
    "| 1 | 建设知识产权快速维权中心。外观设计专利授权周期压缩至十个工作日。 | 市市场监管局 |  | 2021年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市政务服务数据管理局 | 市公安局 | 2021年3月 |\n"
    "| 3 | 推进不动产登记全流程网上办理。进一步实现抵押登记全程电子化。 | 市规划和自然资源局 | 市税务局 "
    "| 2021年6月 |\n")


def test_two_lists_say_what_changed(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    out = tmp_path / "report"
    assert main(["report", "-o", str(out), f"y2020={tmp_path / 'old.md'}",
                 f"y2021={tmp_path / 'new.md'}"]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out / "report.docx")).paragraphs)
    # Carried over 2 (both changed: one lead, one text), 1 new, 1 dropped; 深圳海关 led only the dropped
    # task (load 1 -> 0), 市政务服务数据管理局 leads new #2 (0 -> 1).
    assert ("与《某市2020年营商环境改革任务清单》相比：延续 2 项（其中 2 项内容或分工有调整），"
            "新增 1 项，取消 1 项；负荷增加最多的是市政务服务数据管理局（+1.0），"
            "减少最多的是深圳海关（−1.0）。") in text
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "取消 1 项" in page  # the page tells the same story


def test_a_list_without_a_title_is_named_by_its_file(tmp_path: Path) -> None:
    row = "| 1 | 建立企业开办一窗通平台。 | 市市场监管局 |  | 2020年3月 |\n"
    (tmp_path / "任务表.md").write_text(HEADER + row, encoding="utf-8")
    import remit
    from remit.exports.briefing import document_title

    assert document_title(remit.load(tmp_path / "任务表.md")) == "任务表"


def test_the_workbook_prints_and_sorts(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    out = tmp_path / "report"
    assert main(["report", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out / "units.xlsx")
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1
        assert ws.print_title_rows.replace("$", "") == "1:1"
    tasks = wb["任务"]
    header = [c.value for c in tasks[1]]
    deadline = tasks.cell(row=2, column=header.index("完成时限") + 1)
    # Row 1 of the example: 完成时限 2020年1月底 -> the last day of January, as a real date.
    assert deadline.value == dt.datetime(2020, 1, 31) and deadline.is_date
    units = wb["单位"]
    header = [c.value for c in units[1]]
    load = units.cell(row=2, column=header.index("负荷") + 1)
    assert load.number_format == "0.0" and isinstance(load.value, float)  # the full value, shown rounded
    central = wb["中心性"]
    header = [c.value for c in central[1]]
    values = [r[header.index("中介中心性")] for r in central.iter_rows(min_row=2, values_only=True)]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("name", ["guofa-2018-39-jiuye", "guofa-2018-42-nongji",
                                  "guobanfa-2018-121-tiyu-jingsai", "guobanfa-2018-129-xiaofei-fupin"])
def test_the_title_of_a_published_page(name: str) -> None:
    # The hand-read title of each gov.cn page (tests/fixtures/realworld/*.facts.json); 42-nongji sets
    # it on two lines.
    import json

    import remit

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
    facts = json.loads((folder / f"{name}.facts.json").read_text(encoding="utf-8"))
    assert remit.load(folder / f"{name}.html").titles == {name: facts["title"]}
