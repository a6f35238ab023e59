"""Document text that looks like HTML renders as text in the map and the report; nothing executes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import remit
import remit.exports
from remit.exports.report import write_report

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
HREF = '<a href="javascript:window.__pwned=1">href链接</a>'
# Entities, because the Markdown reader strips real tags and decodes entities: what reaches the
# model, and so the pages, is the raw payload.
ENT_SCRIPT = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
ENT_IMG = '&lt;img src=x onerror="window.__pwned=1"&gt;'
ENT_HREF = '&lt;a href="javascript:window.__pwned=1"&gt;href链接&lt;/a&gt;'
EVIL_UNIT = f"市{SCRIPT}局"
TITLE = f'报告 {SCRIPT} "引号" {IMG}'


@pytest.fixture(scope="module")
def evil_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xss") / "evil.md"
    rows = [
        ["1", f"一、{ENT_SCRIPT}领域",
         f"<b>标题{ENT_IMG}</b> 正文 {ENT_SCRIPT} \"引号\" 'single' {ENT_HREF}",
         f"市{ENT_SCRIPT}局", '市财政局、市"引号"局', "2020年6月"],
        ["2", '二、href="javascript:window.__pwned=1"领域',
         f"任务 &lt;/script&gt;{ENT_SCRIPT} @@MAP_JS@@ {ENT_HREF}",
         "市财政局", f"市{ENT_SCRIPT}局", "2020年12月"],
        ["3", f"三、{ENT_IMG}", "<b>第三项</b> 正文", f"市{ENT_SCRIPT}局", "市税务局", "2020年3月"],
    ]
    table = ["| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |",
             "|----|----|----|----|----|----|"]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    path.write_text("# 测试清单\n\n" + "\n".join(table) + "\n", encoding="utf-8")
    return path


def test_payloads_reach_the_model(evil_list: Path) -> None:
    # Guard: if the reader dropped the payloads, the browser tests below would prove nothing.
    tl = remit.load(evil_list)
    assert EVIL_UNIT in set(tl.units["unit"])
    assert any(SCRIPT in d for d in tl.tasks["domain"])
    assert any(HREF in t for t in tl.tasks["text"])


def _assert_clean(visit: Any) -> None:
    page = visit.page
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.evaluate("() => document.querySelectorAll('img, a[href^=\"javascript\"]').length") == 0
    assert visit.page_errors == [] and visit.console_errors == []
    assert visit.foreign_requests() == []


def _select_evil_unit(page: Any, scope: str = "") -> None:
    page.fill(f"{scope} .rm-search".strip(), "script")
    page.wait_for_selector(f"{scope} .rm-panel:not([hidden])".strip())
    assert page.locator(f"{scope} .rm-panel .rm-name".strip()).inner_text() == EVIL_UNIT


@pytest.mark.parametrize("tasks", [False, True])
def test_map_renders_payloads_as_text(open_page: Any, node_point: Any, evil_list: Path, tmp_path: Path,
                                      tasks: bool) -> None:
    path = remit.exports.map(remit.load(evil_list), tasks=tasks, title=TITLE).save(tmp_path / "evil.html")
    visit = open_page(path)
    page = visit.page
    assert page.title() == TITLE
    assert page.locator("h1").inner_text() == TITLE
    options = page.locator(".rm-domain option").all_inner_texts()
    assert f"{SCRIPT}领域" in options and IMG in options
    _select_evil_unit(page)
    rows = page.locator(".rm-panel .rm-tasks tbody tr td:nth-child(2)").all_inner_texts()
    assert any(IMG in r for r in rows)
    # Hover the node: vis-network's tooltip shows the name as text.
    page.fill(".rm-search", "")
    page.evaluate("() => window.remitMaps[0].clear()")
    page.wait_for_timeout(400)  # let the focus animation finish
    x, y = node_point(page, f"unit:{EVIL_UNIT}")
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert EVIL_UNIT in page.locator("div.vis-tooltip").inner_text()
    page.screenshot(path=str(tmp_path / "xss-map.png"))
    _assert_clean(visit)


def test_report_renders_payloads_as_text(open_page: Any, evil_list: Path, tmp_path: Path) -> None:
    out = write_report(remit.load(evil_list), tmp_path / "report", title=TITLE)
    visit = open_page(out / "index.html")
    page = visit.page
    assert page.title() == TITLE
    assert page.locator("header h1").inner_text() == TITLE
    body = page.locator("main").inner_text()
    assert EVIL_UNIT in body and f"{SCRIPT}领域" in body
    _select_evil_unit(page, "#map")
    page.screenshot(path=str(tmp_path / "xss-report.png"), full_page=True)
    _assert_clean(visit)


def test_notebook_iframe_is_offline_and_safe(open_page: Any, evil_list: Path, tmp_path: Path) -> None:
    m = remit.exports.map(remit.load(evil_list), title=TITLE)
    page_path = tmp_path / "notebook.html"
    page_path.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{m._repr_html_()}</body>",
                         encoding="utf-8")
    visit = open_page(page_path, ready=False)
    frame = visit.page.frames[1]
    frame.wait_for_function("() => window.__remitMapReady === true", timeout=60_000)
    assert frame.evaluate("() => window.remitMaps[0].nodes.length") == len(m.model["nodes"])
    assert frame.evaluate("() => typeof window.__pwned") == "undefined"
    _assert_clean(visit)
