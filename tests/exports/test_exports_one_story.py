"""One story across outputs: the HTML page, the workbook and the Word report show the same clusters, ranks
and loads, each read back by its own reader (lxml, openpyxl, python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
import openpyxl
import pytest

from remit.cli import main

TOP = 15  # the rows the page and the Word report show


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("story") / "report"
    assert main(["report", "-o", str(out)]) == 0
    return out


def _rows(header: list[str], body: list[list[str]], wanted: list[str]) -> list[tuple[str, ...]]:
    index = [header.index(w) for w in wanted]
    return [tuple(row[i].strip() for i in index) for row in body]


def _html_tables(report_dir: Path, section: str) -> list[tuple[list[str], list[list[str]]]]:
    page = lxml.html.parse(str(report_dir / "index.html")).getroot()
    out = []
    for table in page.xpath(f'//section[@id="{section}"]//table'):
        header = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
        body = [[td.text_content() for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")]
        out.append((header, body))
    return out


def _word_table(report_dir: Path, first: str) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(str(report_dir / "report.docx"))
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] == first:
            return header, [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table starting with {first} in report.docx")


def _sheet(report_dir: Path, name: str) -> tuple[list[str], list[list[str]]]:
    ws = openpyxl.load_workbook(report_dir / "units.xlsx")[name]
    rows = list(ws.iter_rows())
    header = [str(c.value) for c in rows[0]]

    def shown(cell: openpyxl.cell.Cell) -> str:  # the value as Excel displays it
        if isinstance(cell.value, int | float) and cell.number_format.startswith("0."):
            return f"{cell.value:.{len(cell.number_format) - 2}f}"
        if isinstance(cell.value, int | float) and cell.number_format == "0":
            return f"{cell.value:.0f}"
        return "" if cell.value is None else str(cell.value)

    return header, [[shown(c) for c in row] for row in rows[1:]]


def test_ranks_and_loads_agree(report_dir: Path) -> None:
    wanted = ["排名", "单位", "负荷", "得分"]
    html = _rows(*_html_tables(report_dir, "overloaded")[0], wanted)
    word = _rows(*_word_table(report_dir, "排名"), wanted)
    header, body = _sheet(report_dir, "单位")
    xlsx = _rows(header, body, ["瓶颈排名", "单位", "负荷", "瓶颈得分"])[:TOP]
    assert html == word == xlsx
    assert len(html) == TOP
    # 市市场监管局: lead share 33.45, 8 supported tasks: load 33.45 + 0.5 × 8 = 37.45, shown as 37.5.
    assert next(r for r in html if r[1] == "市市场监管局")[2] == "37.5"


def test_clusters_agree(report_dir: Path) -> None:
    wanted = ["群组", "规模", "主要领域", "成员"]
    html = _rows(*_html_tables(report_dir, "clusters")[1], wanted)
    word = _rows(*_word_table(report_dir, "群组"), wanted)
    xlsx = _rows(*_sheet(report_dir, "群组"), wanted)
    assert html == word == xlsx
    # The defect of issue 19: Word called cluster 1 强化知识产权创造保护和运用, the page 加强法治保障.
    assert dict((c, d) for c, _, d, _ in word)["1"] == "加强法治保障"


def test_centrality_in_the_same_order(report_dir: Path) -> None:
    html = [r[0] for r in _rows(*_html_tables(report_dir, "centrality")[0], ["单位"])]
    word = [r[0] for r in _rows(*_word_table(report_dir, "单位"), ["单位"])]
    xlsx = [r[0] for r in _rows(*_sheet(report_dir, "中心性"), ["单位"])]
    assert html[:len(word)] == word == xlsx[:len(word)]
    assert len(html) == len(xlsx)
    # and each lists the highest betweenness first
    header, body = _sheet(report_dir, "中心性")
    values = [float(row[header.index("中介中心性")]) for row in body]
    assert values == sorted(values, reverse=True)


def test_the_page_names_the_title_the_date_and_the_lead_rule_in_words(report_dir: Path) -> None:
    import datetime as dt

    page = lxml.html.parse(str(report_dir / "index.html")).getroot()
    # The heading above the example's table, spaces between Chinese and digits removed.
    assert page.xpath("//h1")[0].text_content() == "深圳市2020年优化营商环境改革重点任务清单"
    assert f"分析日期 {dt.date.today().isoformat()}" in page.xpath("//header/p")[0].text_content()
    summary = page.xpath('//section[@id="summary"]')[0].text_content()
    assert "未说明时以排在第一位的单位为牵头单位" in summary
    assert "--lead-rule" not in summary and "stated" not in summary


def test_the_page_and_the_word_report_tell_the_same_summary(report_dir: Path) -> None:
    page = lxml.html.parse(str(report_dir / "index.html")).getroot()
    html = [p.text_content() for p in page.xpath('//div[@class="rp-brief"]/p')]
    paragraphs = [p.text for p in docx.Document(str(report_dir / "report.docx")).paragraphs]
    start = paragraphs.index("一、主要结论") + 1
    assert html == paragraphs[start:start + len(html)]
    assert len(html) >= 5 and html[1].startswith("负荷最重的是市市场监管局")
