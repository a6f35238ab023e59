"""The whole example, re-written cell by cell in every other format, reads the same.

The Markdown pipe tables are written out as HTML (one <table> per page table,
the cell markup kept), CSV (markup kept, as exports of converted pages carry
it), xlsx (one sheet, bold as rich text) and docx (one table per page table,
bold runs, breaks as separate paragraphs). The model must not change.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

import remit
from remit.loaders.markdown import read_markdown_text
from remit.loaders.raw import RawTable


@pytest.fixture(scope="module")
def page_tables(example_path: Path) -> list[RawTable]:
    tables = read_markdown_text(example_path.read_text(encoding="utf-8"), "x.md")
    return [t for t in tables if len(t.rows[0].cells) == 6]


def _markup_rows(example_path: Path) -> list[list[list[str]]]:
    """The cells of each page table with their inline markup, as in the source."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in example_path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("|"):
            current = None
            continue
        if set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if current is None:
            current = []
            tables.append(current)
        current.append(cells)
    return [t for t in tables if len(t[0]) == 6]


def _write_html(path: Path, tables: list[list[list[str]]]) -> None:
    parts = ["<html><body>"]
    for table in tables:
        parts.append("<p>附件</p><table>")
        for row in table:
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    path.write_text("".join(parts), encoding="utf-8")


def _write_csv(path: Path, tables: list[list[list[str]]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    for table in tables:
        writer.writerows(table)
    path.write_bytes(buf.getvalue().encode("gb18030"))


def _split_bold(text: str, bold: str) -> tuple[str, str]:
    """(bold head, rest) when the bold part opens the cell, as in the example."""
    if bold and text.startswith(bold):
        return bold, text[len(bold):]
    return "", text


def _write_xlsx(path: Path, tables: list[RawTable]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    ws = wb.active
    for table in tables:
        for row in table.rows:
            values: list[object] = []
            for text, bold in zip(row.cells, row.bold, strict=True):
                head, rest = _split_bold(text, bold)
                values.append(CellRichText(TextBlock(InlineFont(b=True), head), rest) if head
                              else text or None)
            ws.append(values)
    wb.save(path)


def _write_docx(path: Path, tables: list[RawTable]) -> None:
    from docx import Document

    doc = Document()
    for table in tables:
        doc.add_paragraph("附件")
        out = doc.add_table(rows=len(table.rows), cols=6)
        for r, row in enumerate(table.rows):
            for c, (text, bold) in enumerate(zip(row.cells, row.bold, strict=True)):
                head, rest = _split_bold(text, bold)
                lines = rest.split("\n")
                paragraph = out.cell(r, c).paragraphs[0]
                if head:
                    paragraph.add_run(head).bold = True
                paragraph.add_run(lines[0])
                for line in lines[1:]:
                    out.cell(r, c).add_paragraph(line)
    doc.save(str(path))


def test_whole_example_in_every_format(example: remit.TaskList, example_path: Path,
                                       page_tables: list[RawTable], tmp_path: Path) -> None:
    markup = _markup_rows(example_path)
    assert len(markup) == len(page_tables) > 30
    files = {"x.html": tmp_path / "x.html", "x.csv": tmp_path / "x.csv",
             "x.xlsx": tmp_path / "x.xlsx", "x.docx": tmp_path / "x.docx"}
    _write_html(files["x.html"], markup)
    _write_csv(files["x.csv"], markup)
    _write_xlsx(files["x.xlsx"], page_tables)
    _write_docx(files["x.docx"], page_tables)
    reference = example.tasks.drop(columns=["source", "row"]).assign(list_id="x")
    reference["task_id"] = reference["task_id"].str.replace("shenzhen-2020-tasks#", "x#")
    assignments = example.assignments.assign(
        task_id=example.assignments["task_id"].str.replace("shenzhen-2020-tasks#", "x#"))
    for name, path in files.items():
        tl = remit.load(path)
        pd.testing.assert_frame_equal(tl.tasks.drop(columns=["source", "row"]), reference, obj=name)
        pd.testing.assert_frame_equal(tl.assignments, assignments, obj=name)
        pd.testing.assert_frame_equal(tl.units, example.units, obj=name)
