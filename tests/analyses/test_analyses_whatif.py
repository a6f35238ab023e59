"""what_if: no change means no delta; removal removes exactly the unit's edges; G is never touched."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from remit.analyses import apply_change, unit_summary, what_if, workload
from remit.errors import RemitError
from remit.graph import task_roles

TAX, FIN = "市税务局", "市财政局"


def _edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str, tuple]]:
    return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))


def test_empty_change_gives_zero_deltas(example_graph: nx.MultiDiGraph) -> None:
    r = what_if(unit_summary(example_graph))
    numeric = r.delta.drop(columns=["removed"])
    before = r.before[numeric.columns].astype(float)
    # Zero wherever the figure exists; NaN only where it is undefined before and after.
    assert (numeric[before.notna()].fillna(0) == 0).all().all()
    assert numeric.isna().equals(before.isna())
    assert not r.delta["removed"].any()
    assert _edges(r.graph) == _edges(example_graph)
    assert r.orphaned == []


def test_removing_a_unit_removes_exactly_its_edges(example_graph: nx.MultiDiGraph) -> None:
    before_edges = _edges(example_graph)
    unit = "市人力资源保障局"
    r = what_if(unit_summary(example_graph), remove=[unit])
    node = f"unit:{unit}"
    assert _edges(r.graph) == [e for e in before_edges if node not in (e[0], e[1])]
    assert set(r.graph.nodes) == set(example_graph.nodes) - {node}
    for n in r.graph.nodes:
        assert r.graph.nodes[n] == example_graph.nodes[n]
    # The input graph is unchanged.
    assert _edges(example_graph) == before_edges and node in example_graph
    # The removed unit is marked; everyone else keeps their role counts.
    assert r.delta.loc[unit, "removed"] and r.after.loc[unit].drop(["kind"]).isna().all()
    others = r.delta.drop(index=unit)
    assert (others[["led", "supported", "tasks"]] == 0).all().all()
    # Partners drop by one exactly for the units that shared a task with it.
    roles = task_roles(example_graph)
    shared = {u for members in roles.values() if unit in members for u in members} - {unit}
    expected = {u: -1.0 if u in shared else 0.0 for u in others.index}
    assert others["partners"].to_dict() == expected
    # Loads change only for co-leads of its led tasks, whose shares grow.
    coleads = {u for members in roles.values() if members.get(unit) == "lead"
               for u, role in members.items() if role == "lead"} - {unit}
    changed = set(others.index[others["load"].abs() > 1e-12])
    assert changed == coleads and (others.loc[sorted(changed), "load"] > 0).all()


def test_reassign_moves_the_role(example_graph: nx.MultiDiGraph) -> None:
    # Row 9: 市税务局 leads, 市财政局 supports. Hand the lead to 市财政局.
    r = what_if(unit_summary(example_graph), reassign={"shenzhen-2020-tasks#9": (TAX, FIN)})
    keys = sorted((u, k) for u, _, k in r.graph.in_edges("task:shenzhen-2020-tasks#9", keys=True))
    assert keys == [(f"unit:{FIN}", "LEADS")]
    assert r.delta.loc[TAX, "led"] == -1 and r.delta.loc[FIN, "led"] == 1
    assert r.delta.loc[FIN, "supported"] == -1
    # Task 9 was 市税务局's only task shared with 市财政局 (weight 1): they are no longer partners.
    assert r.delta.loc[TAX, "partners"] == -1
    assert r.orphaned == []
    assert sorted(k for _, _, k in example_graph.in_edges("task:shenzhen-2020-tasks#9", keys=True)) == [
        "LEADS", "SUPPORTS"]


def test_removing_the_only_lead_orphans_tasks(example_graph: nx.MultiDiGraph) -> None:
    r = what_if(unit_summary(example_graph), remove=["深圳海关"])
    # 深圳海关 leads rows 79, 80, 83, 86, 87, 90, 93, 94 alone; rows 81 and 88 have co-leads.
    assert r.orphaned == sorted(f"shenzhen-2020-tasks#{n}" for n in (79, 80, 83, 86, 87, 90, 93, 94))


@pytest.mark.parametrize("change, message", [
    ({"remove": ["不存在的局"]}, "unknown unit '不存在的局'"),
    ({"reassign": {"shenzhen-2020-tasks#999": (TAX, FIN)}}, "unknown task 'shenzhen-2020-tasks#999'"),
    ({"reassign": {"shenzhen-2020-tasks#9": (TAX, "无此单位")}}, "unknown unit '无此单位'"),
    ({"reassign": {"shenzhen-2020-tasks#1": (FIN, TAX)}}, "市财政局 has no part in task"),
])
def test_unknown_names_are_errors(example_graph: nx.MultiDiGraph, change: dict, message: str) -> None:
    with pytest.raises(RemitError, match=message):
        apply_change(example_graph, **change)


def test_after_matches_a_fresh_analysis(example_graph: nx.MultiDiGraph) -> None:
    r = what_if(unit_summary(example_graph), remove=["市市场监管局"])
    fresh = workload(apply_change(example_graph, remove=["市市场监管局"])).units
    got = r.after.drop(index="市市场监管局")
    assert np.allclose(got.loc[fresh.index, "load"], fresh["load"])
