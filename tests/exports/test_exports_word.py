"""report.docx read back with python-docx: the overloaded units, the East Asian font, the map figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import networkx as nx
import pytest
from docx.oxml.ns import qn

import remit
from remit.analyses import unit_summary
from remit.analyses.followup import follow_up
from remit.cli import main
from remit.exports.figure import find_cjk_font
from remit.exports.tables import unit_table
from remit.exports.word import docx_report


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word") / "report"
    assert main(["report", "-o", str(out), "--as-of", "2020-07-15"]) == 0
    return out / "report.docx"


def _overloaded(document: docx.document.Document) -> docx.table.Table:
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if "牵头任务" in header and "逾期" in header:
            return table
    raise AssertionError("no overloaded-units table in report.docx")


def test_overloaded_units_table(report_docx: Path) -> None:
    document = docx.Document(str(report_docx))
    table = _overloaded(document)
    header = [c.text for c in table.rows[0].cells]
    rows = {r.cells[header.index("单位")].text: r for r in table.rows[1:]}
    # 市市场监管局 leads 40 tasks (hand-verified: tests/loaders/test_loaders_example.py).
    row = rows["市市场监管局"]
    assert row.cells[header.index("牵头任务")].text == "40"
    # With --as-of and no sheet, every led task due before 15 July is overdue. Its 40 rows in the
    # example (牵头单位 column): 3 due 2020年1月底, 2 due 3月底, 31 due 6月底, 4 due 12月底 -> 36.
    assert row.cells[header.index("逾期")].text == "36"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "未提供进展情况表" in text  # without a sheet the report says nothing counts as done
    # Page 1 says what is overdue, right after who is loaded, naming 市市场监管局's 36 (above).
    summary = text.split("一、主要结论")[1].split("二、")[0]
    assert "逾期最多的是市市场监管局（36 项）" in summary
    assert summary.index("逾期最多") < summary.index("完成时限最集中")


def test_east_asian_font_is_set(report_docx: Path) -> None:
    # GB/T 9704: the body in 仿宋, first-level headings in 黑体, each with a matching Latin face; no
    # theme font may override them (a w:asciiTheme attribute wins over w:ascii in Word).
    document = docx.Document(str(report_docx))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == ("仿宋", "Times New Roman")
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert (heading.get(qn("w:eastAsia")), heading.get(qn("w:ascii"))) == ("黑体", "Arial")
    assert heading.get(qn("w:asciiTheme")) is None and heading.get(qn("w:eastAsiaTheme")) is None


def test_map_figure_present_with_a_cjk_font(report_docx: Path) -> None:
    # .ci/run installs fonts-noto-cjk; without it this test FAILS rather than skips.
    assert find_cjk_font() is not None, "no CJK font: apt-get install -y fonts-noto-cjk"
    document = docx.Document(str(report_docx))
    assert len(document.inline_shapes) == 1
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[blob].blob.startswith(b"\x89PNG")


def test_without_a_cjk_font_the_figure_is_one_line(example: remit.TaskList, example_graph: nx.MultiDiGraph,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import remit.exports.figure as figure

    monkeypatch.setattr(figure, "find_cjk_font", lambda *a, **k: None)
    summary = unit_summary(example_graph)
    p = follow_up(summary, dt.date(2020, 7, 15))
    document, note = docx_report(example, example_graph, summary, unit_table(example_graph, summary),
                                 followup=p)
    assert note == "未找到中文字体，略去网络图。"
    assert len(document.inline_shapes) == 0
    assert sum(par.text == note for par in document.paragraphs) == 1
