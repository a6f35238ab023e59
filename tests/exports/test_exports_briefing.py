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
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
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
