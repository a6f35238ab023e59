"""The Word tables, written as XML text in one go, equal what python-docx's per-cell API writes.

The reference below is the per-cell code report.docx used before (python-docx's own API, one call
per paragraph property, run and width); the fast writer must give the same elements, attributes and
text, byte for byte, for awkward cell texts too.
"""

from __future__ import annotations

import math

import docx
import pandas as pd
import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from lxml import etree

from remit.exports import word
from remit.exports.numbers import format_number


def _reference_cell(cell: object, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for number, line in enumerate(word._xml(text).split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break(WD_BREAK.LINE)
        run.add_text(line)
        run.font.size = Pt(word.TABLE_PT)
        run.bold = bold
        if bold:
            word._fonts(run._r, word.HEADING_FONT, word.HEADING_LATIN)
            run.bold = False


def _reference_table(doc: object, frame: pd.DataFrame, columns: list[str], labels: dict[str, str],
                     widths: dict[str, float], wide: str | None = None) -> object:
    cols = [c for c in columns if c in frame.columns]
    table = doc.add_table(rows=1, cols=len(cols))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    sizes = {c: widths.get(c, 1.3) for c in cols if c != wide}
    if wide in cols:
        sizes[wide] = max(word.TEXT_W_CM - sum(sizes.values()), 2.0)
    scale = min(1.0, word.TEXT_W_CM / sum(sizes.values()))
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) for c in cols}
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:cantSplit"))
    header.append(OxmlElement("w:tblHeader"))
    for cell, col in zip(table.rows[0].cells, cols, strict=True):
        _reference_cell(cell, str(labels.get(col, col)), bold=True)
    for record in frame[cols].itertuples(index=False, name=None):
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, value, col in zip(row.cells, record, cols, strict=True):
            _reference_cell(cell, format_number(value, col), right=numeric[col])
    for column, col in zip(table.columns, cols, strict=True):
        column.width = Cm(sizes[col] * scale)
    for row in table.rows:
        for cell, col in zip(row.cells, cols, strict=True):
            cell.width = Cm(sizes[col] * scale)
    doc.add_paragraph()  # type: ignore[attr-defined]
    return table


AWKWARD = pd.DataFrame({
    "unit": ["市财政局", " leading and trailing ", "a & b < c > d \"q\" 'q'", "", "第一行\n第二行\n",
             "tab\there", "carriage\rreturn", "\u3000全角空格", "控制\x01\x0b\x0c字符", "\n"],
    "led": [40, 0, 1, 2, 3, 4, 5, 6, 7, 8],
    "score": [0.774, math.nan, 1e-9, 2.5, 3.0, -1.25, 1234567.891, 0.0, 1 / 3, 99.5],
    "reason": ["牵头 40 项（11 项共同牵头）", "x" * 300, "=SUM(A1)", "<w:t>", "&amp;", " ", "\t", "a\nb",
               "2020-\n06", "ok"],
})


@pytest.mark.parametrize(("frame", "columns", "labels", "widths", "wide"), [
    (AWKWARD, ["unit", "led", "score", "reason"], {"unit": "单位", "led": "牵头\n任务", "score": "得 & 分"},
     {"unit": 2.6, "led": 1.2}, "reason"),
    (AWKWARD, ["led", "missing", "unit"], {}, {}, None),
    (AWKWARD.head(0), ["unit", "led"], {"unit": " 单位 "}, {"unit": 20.0}, None),
    (pd.DataFrame({"unit": ["a"], "2020-\n06": [1], "2021-\n01": [0]}), ["unit", "2020-\n06", "2021-\n01"],
     {}, {"2020-\n06": 1.3, "2021-\n01": 1.3}, "unit"),
])
def test_bulk_table_xml_equals_python_docx_per_cell(frame: pd.DataFrame, columns: list[str],
                                                    labels: dict[str, str], widths: dict[str, float],
                                                    wide: str | None) -> None:
    fast, slow = docx.Document(), docx.Document()
    word._styles(fast, "zh")
    word._styles(slow, "zh")
    word._table(fast, frame, columns, labels, widths, wide)
    _reference_table(slow, frame, columns, labels, widths, wide)
    assert etree.tostring(fast.element.body) == etree.tostring(slow.element.body)
    # The saved file says the same, and python-docx reads the texts back (the reference's own reading).
    cells = [c.text for row in fast.tables[0].rows for c in row.cells]
    assert cells == [c.text for row in slow.tables[0].rows for c in row.cells]
    assert len(fast.tables[0].rows) == len(frame) + 1
