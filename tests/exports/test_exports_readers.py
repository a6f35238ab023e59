"""Exported files read back by independent readers: networkx, python-igraph, xml.etree, openpyxl, csv."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import openpyxl
import pytest

import remit
from remit.cli import main
from remit.exports.files import write_graph
from remit.exports.report import write_report

UNIT = "市市场监管局"
GEXF_NS = {"g": "http://www.gexf.net/1.2draft"}


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory, example: remit.TaskList) -> Path:
    return write_report(example, tmp_path_factory.mktemp("readers") / "report")


def test_graphml_by_networkx_and_igraph(report_dir: Path, example_graph: nx.MultiDiGraph) -> None:
    path = report_dir / "graph.graphml"
    H = nx.read_graphml(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (example_graph.number_of_nodes(),
                                                          example_graph.number_of_edges())
    assert H.nodes[f"unit:{UNIT}"]["kind"] == "agency"
    assert H.nodes["unit:市住房建设局"]["aliases"] == "市住建局"
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (286, 790)  # 62 units + 210 tasks + 14 domains; 268 + 312 + 210 edges
    by_id = {v["id"]: v for v in g.vs}
    unit = by_id[f"unit:{UNIT}"]
    leads = [e for e in g.es.select(_source=unit.index) if e["type"] == "LEADS"]
    assert len(leads) == 40
    task = by_id["task:shenzhen-2020-tasks#1"]
    assert task["deadline"] == "2020-01-31" and task["number"] == 1
    assert sum(1 for e in g.es if e["type"] == "SUPPORTS") == 312


def test_gexf_by_networkx_and_xml(report_dir: Path) -> None:
    path = report_dir / "graph.gexf"
    H = nx.read_gexf(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (286, 790)
    assert H.nodes[f"unit:{UNIT}"]["label"] == UNIT
    # igraph has no GEXF reader: parse the XML itself as the independent reader.
    root = ET.parse(path).getroot()
    graph = root.find("g:graph", GEXF_NS)
    assert graph is not None
    titles = {a.get("id"): a.get("title") for a in graph.iterfind("g:attributes/g:attribute", GEXF_NS)}
    nodes = graph.findall("g:nodes/g:node", GEXF_NS)
    edges = graph.findall("g:edges/g:edge", GEXF_NS)
    assert (len(nodes), len(edges)) == (286, 790)

    def values(el: ET.Element) -> dict[str, str | None]:
        return {titles[v.get("for")]: v.get("value") for v in el.iterfind("g:attvalues/g:attvalue", GEXF_NS)}

    kinds = {n.get("id"): values(n).get("kind") for n in nodes}
    assert kinds[f"unit:{UNIT}"] == "agency"
    assert sum(1 for k in kinds.values() if k == "collective") == 11
    relations = [values(e).get("relation") for e in edges]
    assert relations.count("LEADS") == 268 and relations.count("SUPPORTS") == 312
    led = [e for e in edges if e.get("source") == f"unit:{UNIT}" and values(e).get("relation") == "LEADS"]
    assert len(led) == 40


def test_json_node_link(report_dir: Path) -> None:
    data = json.loads((report_dir / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 286 and len(data["edges"]) == 790
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_multigraph() and H.is_directed()
    assert H.nodes["unit:市住房建设局"]["aliases"] == ["市住建局"]


def test_xlsx_by_openpyxl(report_dir: Path) -> None:
    wb = openpyxl.load_workbook(report_dir / "units.xlsx")
    assert wb.sheetnames == ["单位", "任务", "中心性", "瓶颈", "群组", "每月到期", "数据质量"]
    ws = wb["单位"]
    header = [c.value for c in ws[1]]
    assert header[0] == "单位"
    assert {"牵头任务", "配合任务", "负荷", "中介中心性", "群组", "类型"} <= set(header)
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "B2"
    assert ws.column_dimensions["A"].width >= 10
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == UNIT)
    assert row[header.index("牵头任务")] == 40 and row[header.index("配合任务")] == 8
    assert row[header.index("类型")] == "部门"
    tasks = wb["任务"]
    assert tasks.max_row == 211  # header + 210 tasks
    theader = [c.value for c in tasks[1]]
    nine = next(r for r in tasks.iter_rows(min_row=2, values_only=True) if r[theader.index("序号")] == 9)
    assert nine[theader.index("牵头单位")] == "市税务局"  # row 9: 市税务局 leads, 市财政局 supports


def test_xlsx_reads_in_chinese_throughout(report_dir: Path, example: Any) -> None:
    # No header is a snake_case column name, and kinds read 部门 / 泛指单位 (issue 11).
    wb = openpyxl.load_workbook(report_dir / "units.xlsx")
    for ws in wb:
        for cell in ws[1]:
            assert not re.fullmatch(r"[a-z_]+", str(cell.value)), (ws.title, cell.value)
        header = [c.value for c in ws[1]]
        if "类型" in header:
            kinds = {r[header.index("类型")] for r in ws.iter_rows(min_row=2, values_only=True)}
            assert kinds <= {"部门", "泛指单位"} and "部门" in kinds, (ws.title, kinds)
    # The example's 51 agencies (collective placeholders are left out of the unit metrics by default).
    kinds = [r[1] for r in wb["单位"].iter_rows(min_row=2, values_only=True)]
    assert kinds == ["部门"] * 51
    from remit.exports.i18n import localize
    assert localize(example.units, "zh")["类型"].value_counts().to_dict() == {"部门": 51, "泛指单位": 11}


def test_xlsx_in_english_and_csv_stays_snake_case(report_dir: Path, example: Any, tmp_path: Path) -> None:
    out = write_report(example, tmp_path / "en", lang="en")
    ws = openpyxl.load_workbook(out / "units.xlsx")["units"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["unit", "kind", "led", "co-led"] and "bipartite_degree" not in header
    with (report_dir / "units.csv").open(encoding="utf-8-sig", newline="") as fh:
        columns = next(csv.reader(fh))
    assert all(re.fullmatch(r"[a-z_]+", c) for c in columns) and columns[:3] == ["unit", "kind", "led"]


def test_csv_files(report_dir: Path) -> None:
    with (report_dir / "units.csv").open(encoding="utf-8-sig", newline="") as fh:
        units = {r["unit"]: r for r in csv.DictReader(fh)}
    assert (units[UNIT]["led"], units["市税务局"]["led"], units["深圳海关"]["led"]) == ("40", "13", "10")
    with (report_dir / "tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        tasks = list(csv.DictReader(fh))
    assert len(tasks) == 210
    assert sum(1 for t in tasks if UNIT in t["lead_units"].split("、")) == 40


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_cli_export(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"g.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(out)]) == 0
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == 790
        assert sum(1 for r in rows if r["source"] == UNIT and r["type"] == "LEADS") == 40
    elif fmt == "json":
        assert len(json.loads(out.read_text(encoding="utf-8"))["edges"]) == 790
    else:
        H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert H.number_of_edges() == 790


def test_write_graph_flattens_every_value(tmp_path: Path) -> None:
    G = nx.MultiDiGraph(lists=["a", "b"])
    G.add_node("x", tags=("甲", "乙"), extra={"k": 1}, missing=None, n=3)
    G.add_edge("x", "y", key="K", type="K", weights=[1, 2])
    write_graph(G, tmp_path / "g.graphml", "graphml")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert H.nodes["x"] == {"tags": "甲|乙", "extra": '{"k": 1}', "n": 3}
    assert H.graph["lists"] == "a|b"
    with pytest.raises(ValueError, match="unknown format"):
        write_graph(G, tmp_path / "g.dot", "dot")


def test_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    import pandas as pd

    from remit.exports.xlsx import write_xlsx

    out = write_xlsx({"t": pd.DataFrame({"title": ["=HYPERLINK(\"http://x\")", "普通"], "n": [1, 2]})},
                     tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(out)["t"]
    assert ws["A2"].value == '=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
    assert ws["B3"].value == 2
