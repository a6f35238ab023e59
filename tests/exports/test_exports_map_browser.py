"""The map in a real headless Chromium, offline, opened from file://."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import remit
import remit.exports

pytestmark = pytest.mark.browser

UNIT = "市市场监管局"
# Hand-verified in the source list: 市市场监管局 leads 40 tasks (see tests/conftest.py's notes).
LED_BY_UNIT = 40


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    path = tmp_path_factory.mktemp("map") / "map.html"
    remit.exports.map(remit.load(example_path)).save(path)
    return path


def test_map_file_names_no_external_resource(map_file: Path) -> None:
    text = map_file.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert "cdn.jsdelivr" not in text and "cdnjs" not in text
    assert "<link" not in text.lower()


def test_map_offline_counts_search_and_panel(open_page: Any, node_point: Any, map_file: Path,
                                             example: remit.TaskList, example_graph: Any,
                                             tmp_path: Path) -> None:
    visit = open_page(map_file)
    page = visit.page
    C = remit.coordination_graph(example_graph)
    counts = page.evaluate("() => [window.remitMaps[0].nodes.length, window.remitMaps[0].edges.length]")
    assert counts == [C.number_of_nodes(), C.number_of_edges()]
    page.screenshot(path=str(tmp_path / "map-loaded.png"))

    page.fill(".rm-search", "市场监管")
    page.wait_for_function(f"() => document.querySelector('[data-remit-map]').dataset.selected === '{UNIT}'")
    assert page.evaluate("() => window.remitMaps[0].network.getSelectedNodes()") == [f"unit:{UNIT}"]
    hits = page.locator(".rm-hit").all_inner_texts()
    assert hits[0] == UNIT

    # Now click the node itself on the canvas, as a user would.
    page.evaluate("() => window.remitMaps[0].clear()")
    page.wait_for_timeout(400)
    assert page.locator(".rm-panel").is_hidden()
    x, y = node_point(page, f"unit:{UNIT}")
    page.mouse.click(x, y)
    page.wait_for_selector(".rm-panel:not([hidden])")
    assert page.locator(".rm-panel .rm-name").inner_text() == UNIT
    led_rows = page.locator(".rm-panel tr[data-role='lead']")
    assert led_rows.count() == LED_BY_UNIT
    a = example.assignments
    expected = set(a.loc[(a["unit"] == UNIT) & (a["role"] == "lead"), "task_id"])
    listed = {led_rows.nth(i).get_attribute("data-task") for i in range(led_rows.count())}
    assert listed == expected
    # Neighbours stay coloured, the rest is dimmed.
    dimmed = page.evaluate("""() => window.remitMaps[0].nodes.get()
                              .filter(n => String(n.color).startsWith('rgba(200')).length""")
    assert dimmed == C.number_of_nodes() - 1 - C.degree(UNIT)
    page.screenshot(path=str(tmp_path / "map-selected.png"))

    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.foreign_requests() == []


def test_map_filters_hide_by_domain_and_role(open_page: Any, map_file: Path, example: remit.TaskList) -> None:
    visit = open_page(map_file)
    page = visit.page
    domain = "促进跨境贸易便利化"
    index = example.domains().index(domain)
    page.select_option(".rm-domain", str(index))
    visible = page.evaluate(
        "() => window.remitMaps[0].nodes.get({filter: n => !n.hidden}).map(n => n.label)")
    tasks = example.tasks.loc[example.tasks["domain"] == domain, "task_id"]
    agencies = set(example.units.loc[example.units["kind"] == "agency", "unit"])
    a = example.assignments
    expected = set(a.loc[a["task_id"].isin(tasks) & a["unit"].isin(agencies), "unit"])
    assert set(visible) == expected
    page.select_option(".rm-domain", "")
    for role in ("lead_support", "co_lead", "co_support"):
        page.uncheck(f".rm-roles input[data-role='{role}']")
    shown = page.evaluate("() => window.remitMaps[0].edges.get({filter: e => !e.hidden}).length")
    assert shown == 0
    page.check(".rm-roles input[data-role='co_lead']")
    shown = page.evaluate("() => window.remitMaps[0].edges.get({filter: e => !e.hidden}).length")
    C = remit.coordination_graph(remit.build_graph(example))
    assert shown == sum(1 for _, _, d in C.edges(data=True) if d["co_lead"] > 0)
    assert visit.console_errors == [] and visit.foreign_requests() == []


def test_map_with_task_nodes(open_page: Any, example_path: Path, example: remit.TaskList,
                             tmp_path: Path) -> None:
    path = tmp_path / "tasks.html"
    remit.exports.map(remit.load(example_path), tasks=True, lang="en").save(path)
    visit = open_page(path)
    agencies = set(example.units.loc[example.units["kind"] == "agency", "unit"])
    a = example.assignments[example.assignments["unit"].isin(agencies)]
    pairs = a.drop_duplicates(["task_id", "unit"])
    n_nodes, n_edges = visit.page.evaluate(
        "() => [window.remitMaps[0].nodes.length, window.remitMaps[0].edges.length]")
    assert n_nodes == len(agencies) + pairs["task_id"].nunique()
    assert n_edges == len(pairs)
    visit.page.screenshot(path=str(tmp_path / "map-tasks.png"))
    assert visit.console_errors == [] and visit.foreign_requests() == []


def test_big_map_path_precomputes_layout(open_page: Any, example_path: Path, example_graph: Any,
                                         tmp_path: Path) -> None:
    # Force the large-graph path on the example: layout from Python, physics off, strongest links only.
    m = remit.exports.map(remit.load(example_path), layout_threshold=10)
    assert m.model["precomputed"] and all("x" in n and "y" in n for n in m.model["nodes"])
    C = remit.coordination_graph(example_graph)
    assert m.model["edgesTotal"] == C.number_of_edges() > len(m.model["edges"])
    ends = {e["from"] for e in m.model["edges"]} | {e["to"] for e in m.model["edges"]}
    assert ends == {f"unit:{u}" for u in C if C.degree(u) > 0}  # every linked unit keeps a link
    # Each unit's single heaviest link survives.
    kept = {frozenset((e["from"], e["to"])) for e in m.model["edges"]}
    for u in C:
        if C.degree(u):
            top = max(C[u].items(), key=lambda item: item[1]["weight"])[1]["weight"]
            assert any(frozenset((f"unit:{u}", f"unit:{v}")) in kept for v, d in C[u].items()
                       if d["weight"] == top)
    path = m.save(tmp_path / "big.html")
    visit = open_page(path)
    page = visit.page
    assert page.evaluate("() => window.remitMaps[0].network.physics.physicsEnabled") is False
    assert page.evaluate("() => window.remitMaps[0].edges.length") == len(m.model["edges"])
    status = page.locator(".rm-status").inner_text()
    assert f"{len(m.model['edges'])} / {C.number_of_edges()}" in status
    assert visit.console_errors == [] and visit.foreign_requests() == []
