"""The report folder in a real headless Chromium, offline, opened from file://."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import remit
from remit.atomic import MARKER
from remit.exports.report import FILES, write_report

pytestmark = pytest.mark.browser

UNIT = "市市场监管局"


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory, example: remit.TaskList) -> Path:
    return write_report(example, tmp_path_factory.mktemp("report") / "report")


def test_report_folder_holds_every_file(report_dir: Path) -> None:
    assert sorted(p.name for p in report_dir.iterdir()) == sorted(["index.html", MARKER, *FILES])
    text = (report_dir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert "<link" not in text.lower()


def test_report_offline_map_and_tables(open_page: Any, report_dir: Path, example: remit.TaskList,
                                       example_graph: Any, tmp_path: Path) -> None:
    visit = open_page(report_dir / "index.html")
    page = visit.page
    C = remit.coordination_graph(example_graph)
    counts = page.evaluate("() => [window.remitMaps[0].nodes.length, window.remitMaps[0].edges.length]")
    assert counts == [C.number_of_nodes(), C.number_of_edges()]
    for anchor in ("summary", "overloaded", "centrality", "clusters", "heatmap", "map", "files"):
        assert page.locator(f"section#{anchor} h2").count() == 1
    # Summary counts from the hand-verified facts: 210 tasks, 62 units, 268 lead and 312 support edges.
    cards = page.locator(".rp-card b").all_inner_texts()
    assert cards[:4] == ["210", "62", "268", "312"]

    # The heat map row of 市市场监管局 against a count made here from the loaded table.
    a, t = example.assignments, example.tasks.set_index("task_id")
    led = a.loc[(a["unit"] == UNIT) & (a["role"] == "lead"), "task_id"]
    expected = Counter(d.strftime("%Y-%m") for d in t.loc[led, "deadline"] if d is not None)
    months = page.locator("table.rp-heat thead th").all_inner_texts()[1:]
    row = page.locator("table.rp-heat tr", has=page.locator("th.rp-unit", has_text=UNIT)).first
    cells = row.locator("td").all_inner_texts()
    shown = {m: int(c) for m, c in zip(months, cells, strict=True) if c.strip()}
    assert shown == dict(expected) and sum(shown.values()) == 40

    # Sorting the centrality table by degree puts the rows in numeric order.
    table = page.locator("#centrality table.sortable")
    headers = table.locator("thead th").all_inner_texts()
    col = next(i for i, h in enumerate(headers) if h.strip().startswith(("度", "degree")))
    table.locator("thead th").nth(col).click()
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({col + 1})").all_inner_texts()]
    assert values == sorted(values) and len(values) == C.number_of_nodes()
    table.locator("thead th").nth(col).click()
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({col + 1})").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    assert values[0] == max(d for _, d in C.degree())

    page.locator("#map").scroll_into_view_if_needed()
    page.fill("#map .rm-search", "市场监管")
    page.wait_for_function(
        f"() => document.querySelector('#map [data-remit-map]').dataset.selected === '{UNIT}'")
    assert page.locator("#map .rm-panel tr[data-role='lead']").count() == 40
    page.screenshot(path=str(tmp_path / "report-top.png"))
    page.locator("#map").screenshot(path=str(tmp_path / "report-map.png"))
    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.foreign_requests() == []


def test_report_english(open_page: Any, example: remit.TaskList, tmp_path: Path) -> None:
    out = write_report(example, tmp_path / "en", lang="en")
    visit = open_page(out / "index.html")
    assert visit.page.locator("html").get_attribute("lang") == "en"
    assert visit.page.locator("#summary h2").inner_text() == "Summary"
    assert visit.console_errors == [] and visit.foreign_requests() == []


def _first_row_visible(page: Any) -> str:
    """The text of the cell actually drawn at the middle of the first body row's first cell."""
    return page.evaluate("""() => {
      const box = document.querySelector('#centrality .rp-scroll');
      box.scrollIntoView();
      const td = box.querySelector('tbody tr td');
      const r = td.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
      return hit && hit.closest('td') === td ? td.textContent : 'hidden by ' + (hit && hit.tagName);
    }""")


def test_centrality_table_opens_by_betweenness_first_row_visible(open_page: Any, report_dir: Path,
                                                                  example_graph: Any) -> None:
    visit = open_page(report_dir / "index.html", viewport=(1280, 800))
    page = visit.page
    C = remit.coordination_graph(example_graph)
    import networkx as nx
    bc = nx.betweenness_centrality(C)  # independent of remit.analyses: networkx on the projection
    top = max(bc, key=lambda u: (bc[u], [-ord(ch) for ch in u]))
    table = page.locator("#centrality table.sortable")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    col = headers.index("中介中心性")
    assert table.locator("thead th").nth(col).get_attribute("aria-sort") == "descending"
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({col + 1})").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    assert _first_row_visible(page) == top == "市政务服务数据管理局"
    # The table used to open in code-point name order with 人民银行深圳中心支行 first, under the header.
    page.evaluate("""() => { const body = document.querySelector('#centrality tbody');
        const row = [...body.rows].find(r => r.cells[0].textContent === '人民银行深圳中心支行');
        body.prepend(row); }""")
    assert _first_row_visible(page) == "人民银行深圳中心支行"
    table.locator("thead th").nth(0).click()  # by name (pinyin order in the browser)
    first = table.locator("tbody tr td").first.inner_text()
    assert _first_row_visible(page) == first
    # Scrolled inside the box, the header stays on top of the rows, at the box's top edge.
    gap = page.evaluate("""() => { const box = document.querySelector('#centrality .rp-scroll');
        box.scrollTop = 200; const th = box.querySelector('thead th');
        return th.getBoundingClientRect().top - box.getBoundingClientRect().top; }""")
    assert abs(gap) <= 1
    assert visit.console_errors == [] and visit.page_errors == []


def test_report_explains_its_numbers_in_chinese(open_page: Any, report_dir: Path) -> None:
    visit = open_page(report_dir / "index.html")
    page = visit.page
    lines = page.locator("#overloaded ul.rp-explain li").all_inner_texts()
    assert [line.split("：")[0] for line in lines] == ["得分（瓶颈得分）", "负荷"]
    assert "1/牵头单位数" in lines[1] and "0.5" in lines[1]  # the load formula
    headers = page.locator("#centrality thead th").all_inner_texts()
    explain = page.locator("#centrality ul.rp-explain li").all_inner_texts()
    explained = [line.split("：")[0] for line in explain]
    metrics = [h.replace("⇅", "").strip() for h in headers][2:]  # after 单位 and 群组
    assert explained == metrics and len(metrics) == 10
    # No metric or method is left in English snake_case on the Chinese page.
    text = page.locator("main").inner_text()
    for word in ("bipartite_degree", "bipartite_betweenness", "louvain", "greedy_modularity",
                 "weighted_degree", "agency", "collective"):
        assert word not in text
    assert "domains" not in page.locator("#clusters table").first.inner_text()
    assert "官方领域划分" in page.locator("#clusters table").first.inner_text()
    assert visit.console_errors == []


def test_report_explains_its_numbers_in_english(open_page: Any, example: remit.TaskList,
                                                 tmp_path: Path) -> None:
    out = write_report(example, tmp_path / "en", lang="en")
    visit = open_page(out / "index.html")
    lines = visit.page.locator("#overloaded ul.rp-explain li").all_inner_texts()
    assert [line.split(":")[0] for line in lines] == ["Score (bottleneck score)", "Load"]
    assert len(visit.page.locator("#centrality ul.rp-explain li").all_inner_texts()) == 10
