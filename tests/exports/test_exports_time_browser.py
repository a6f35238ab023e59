"""In Chromium: the diff report, the overdue colouring of the map, the report's past months. Offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import remit
from remit.analyses import unit_summary
from remit.analyses.followup import follow_up
from remit.cli import main
from remit.exports.mapcolor import OVERDUE_BINS
from remit.loaders.status import read_status

pytestmark = pytest.mark.browser

HEADER = "| 序号 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
OLD = HEADER + (
    "| 1 | 推进不动产登记全流程网上办理。实现抵押登记全程电子化。 "
    "| 市规划和自然资源局 | 市税务局 | 2020年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市市场监管局 | 市公安局 | 2020年3月 |\n"
    "| 3 | 开展跨境贸易单一窗口建设。压缩进出口通关时间。 | 深圳海关 | 市商务局 | 2020年12月 |\n")
NEW = HEADER + (
    "| 1 | 建设知识产权快速维权中心。外观设计专利授权周期压缩。 | 市市场监管局 | 市公安局 | 2021年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市政务服务数据管理局 | 市公安局 | 2021年3月 |\n"
    "| 3 | 推进不动产登记全流程网上办理。进一步实现抵押登记全程电子化。 "
    "| 市规划和自然资源局 | 市税务局 | 2021年6月 |\n")


def _color(page: Any, unit: str) -> str:
    return str(page.evaluate("u => window.remitMaps[0].nodes.get('unit:' + u).color", unit))


def test_diff_report_in_chromium(open_page: Any, tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    out = tmp_path / "diff"
    argv = ["diff", f"y2020={tmp_path / 'old.md'}", f"y2021={tmp_path / 'new.md'}", "--html", str(out)]
    assert main(argv) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in html  # no path of this machine in a shared file
    visit = open_page(out / "index.html")
    page = visit.page
    cards = page.locator(".rp-card b").all_inner_texts()
    # carried 2, text changed 1 (old 1 -> new 3), lead changed 1 (old 2 -> new 2), support 0,
    # new 1, dropped 1
    assert cards == ["2", "1", "1", "0", "1", "1"]
    assert page.locator("#dropped tbody tr").all_inner_texts()[0].startswith("y2020#3")
    assert page.locator("#added tbody tr").count() == 1
    dropped = page.locator("#dropped tbody").inner_text().split("\t")
    assert dropped[1:] == ["开展跨境贸易单一窗口建设", "深圳海关"]
    # By hand: 市政务服务数据管理局 appears (purple);
    # 市规划和自然资源局 leads the same task both years (grey);
    # 市市场监管局 leads one task both years (grey); 市公安局 supports one task in 2020 and two in 2021,
    # load 0.5 -> 1.0 (grey: a change under 1).
    assert _color(page, "市政务服务数据管理局") == "#8e6bb8"
    for unit in ("市规划和自然资源局", "市市场监管局", "市公安局"):
        assert _color(page, unit) == "#c8c8c8"
    legend = page.locator(".rm-legend").inner_text()
    assert "新出现" in legend or "负荷" in legend
    page.screenshot(path=str(tmp_path / "diff.png"), full_page=True)
    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.foreign_requests() == []


SHEET = "序号,完成情况,完成时间\n5,已完成,2020-01-20\n12,完成,2020年6月\n70,已完成,2020-03-10\n"


def test_map_coloured_by_overdue(open_page: Any, example_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    sheet = tmp_path / "status.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    p = follow_up(unit_summary(example_graph), dt.date(2020, 7, 15), read_status(sheet))
    path = remit.exports.map(example_graph, color_by="overdue", followup=p).save(tmp_path / "overdue.html")
    visit = open_page(path)
    page = visit.page
    # 市税务局 leads 11 tasks due before 15 July (#5 #9 #70 and eight due 2020年6月底); the sheet marks
    # #5, #12 and #70 done: 8 overdue, in the 6-10 bin. 市残联 leads nothing: 0, the first bin.
    colours = {(low, high): colour for low, high, colour in OVERDUE_BINS}
    assert _color(page, "市税务局") == colours[(6, 10)]
    assert _color(page, "市残联") == colours[(0, 0)]
    assert "逾期" in page.locator(".rm-legend").inner_text()
    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.foreign_requests() == []


def test_report_marks_past_months(open_page: Any, tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert main(["report", "-o", str(out), "--as-of", "2020-07-15"]) == 0
    visit = open_page(out / "index.html")
    page = visit.page
    past = page.locator("#heatmap th[data-past]").all_inner_texts()
    # The example's deadlines span 2020-01 .. 2020-12; January to June are past on 15 July.
    assert [p.split()[0] for p in past] == [f"2020-0{m}" for m in range(1, 7)]
    headers = page.locator("#overloaded thead th").all_inner_texts()
    assert "逾期" in headers and "30天内到期" in headers
    assert "未提供进展情况表" in page.locator("#overloaded").inner_text()
    assert visit.console_errors == [] and visit.foreign_requests() == []
