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
    visible = page.evaluate(  # ids, not labels: labels that would overlap are left off
        "() => window.remitMaps[0].nodes.get({filter: n => !n.hidden}).map(n => n.id.slice(5))")
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


# Label boxes measured independently of map.js: the node's position and size from vis-network, the
# text width from the browser's own canvas text metrics, mapped to the page with canvasToDOM.
# vis-network draws a dot's label centred below the dot, about 11 canvas px under its rim, one line
# of the font size high; the box starts a little higher than that to be safe.
_LABEL_BOXES = """() => {
  const m = window.remitMaps[0], net = m.network;
  const rect = net.body.container.getBoundingClientRect();
  const ctx = document.createElement("canvas").getContext("2d");
  const font = m.data.options.nodes.font;
  ctx.font = font.size + "px " + font.face;
  const pos = net.getPositions();
  return m.nodes.get().filter(n => n.label && !n.hidden).map(n => {
    const p = pos[n.id], w = ctx.measureText(n.label).width;
    const a = net.canvasToDOM({x: p.x - w / 2, y: p.y + n.size + 8});
    const b = net.canvasToDOM({x: p.x + w / 2, y: p.y + n.size + 11 + font.size});
    return {id: n.id, label: n.label, l: rect.left + a.x, t: rect.top + a.y, r: rect.left + b.x,
            b: rect.top + b.y, inView: rect.left + a.x >= rect.left && rect.left + b.x <= rect.right};
  });
}"""


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(a["label"], b["label"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]]


def test_map_labels_do_not_overlap_at_first_view(open_page: Any, map_file: Path, example_graph: Any,
                                                tmp_path: Path) -> None:
    visit = open_page(map_file, viewport=(1280, 800))
    page = visit.page
    page.screenshot(path=str(tmp_path / "map-1280.png"))
    boxes = page.evaluate(_LABEL_BOXES)
    assert _overlaps(boxes) == []
    C = remit.coordination_graph(example_graph)
    # Most units keep their label; only a few small ones give way (before the fix: 51 labels, 1 overlap,
    # 市财政局 / 市文化广电旅游体育局, the pair the issue names).
    assert len(boxes) >= C.number_of_nodes() - 5
    # The ten busiest units are always named (biggest dots are labelled first).
    loads = remit.analyses.workload(example_graph).units["load"]
    busiest = set(loads[loads.index.isin(list(C.nodes))].sort_values(ascending=False).index[:10])
    assert busiest <= {b["label"] for b in boxes}
    # A unit whose label gave way shows it once selected.
    hidden = page.evaluate("() => window.remitMaps[0].nodes.get({filter: n => !n.label}).map(n => n.id)")
    if hidden:
        page.evaluate("id => window.remitMaps[0].select(id)", hidden[0])
        assert page.evaluate("id => window.remitMaps[0].nodes.get(id).label", hidden[0]) == hidden[0][5:]
    assert visit.console_errors == [] and visit.page_errors == []


def test_map_legend_names_each_cluster_by_its_main_domain(open_page: Any, map_file: Path,
                                                          example: remit.TaskList,
                                                          example_graph: Any) -> None:
    # Expected text computed here from the analyses' task → cluster table and the source domains:
    # the domain of most of the tasks a cluster leads, ties to the earlier chapter; a cluster that
    # leads nothing takes the domain where its members hold most assignments.
    cl = remit.analyses.clusters(example_graph)
    tasks = cl.tasks.drop_duplicates("task_id").merge(example.tasks[["task_id", "domain", "domain_ordinal"]],
                                                      on="task_id")
    sizes = cl.membership["cluster"].value_counts()
    expected = []
    for cluster in sorted(sizes.index, key=lambda c: (-sizes[c], c)):
        mine = tasks[tasks["cluster"] == cluster]
        if mine.empty:
            members = cl.membership.loc[cl.membership["cluster"] == cluster, "unit"]
            a = example.assignments[example.assignments["unit"].isin(members)]
            mine = a.merge(example.tasks[["task_id", "domain", "domain_ordinal"]], on="task_id")
        counts = mine.groupby(["domain_ordinal", "domain"]).size().reset_index(name="n")
        top = counts.sort_values(["n", "domain_ordinal"], ascending=[False, True]).iloc[0]["domain"]
        expected.append(f"群组 {cluster} · 主要为 {top} ({sizes[cluster]})")
    # Hand-checked: cluster 1 (21 units, 市中级人民法院, 深圳海关 …) leads 33 tasks of 加强法治保障.
    assert expected[0] == "群组 1 · 主要为 加强法治保障 (21)"
    visit = open_page(map_file)
    items = visit.page.locator(".rm-legend-item").all_inner_texts()
    assert [t.strip() for t in items[:len(expected)]] == expected


def test_map_search_enter_closes_dropdown_and_panel_says_degree_once(open_page: Any, map_file: Path) -> None:
    visit = open_page(map_file)
    page = visit.page
    page.type(".rm-search", "市场监管", delay=20)
    page.wait_for_selector(".rm-hit")
    page.press(".rm-search", "Enter")
    page.wait_for_function(f"() => document.querySelector('[data-remit-map]').dataset.selected === '{UNIT}'")
    page.wait_for_timeout(300)  # the debounced search must not reopen it
    assert page.locator(".rm-results > *").count() == 0
    assert not page.locator(".rm-results").is_visible()
    labels = page.locator(".rm-panel .rm-metrics tr td:first-child").all_inner_texts()
    values = dict(zip(labels, page.locator(".rm-panel .rm-metrics tr td:nth-child(2)").all_inner_texts(),
                      strict=True))
    # 市市场监管局 works with as many units as its degree in the coordination graph: shown once.
    assert "协作单位" in values and "度" not in labels
    assert visit.console_errors == []
