"""Every library query, run on a real Bolt server, agrees with networkx on the same question.

The server answers from the graph that ``remit.neo4j.load`` wrote; the
expectations below are computed independently from ``remit.build_graph`` and
``remit.coordination_graph``. Where the example's source rows were checked
by hand (tests/conftest.py), those facts are asserted as well.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations, pairwise
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import remit
from remit.cypher import execute, get, library
from remit.graph import task_roles

pytestmark = pytest.mark.bolt

EXAMPLE = "shenzhen-2020-tasks"


def ask(bolt: Any, name: str, **params: Any) -> pd.DataFrame:
    return execute(bolt.driver, get(name), params, bolt.database)


def units(G: nx.MultiDiGraph, agencies_only: bool = True) -> dict[str, dict[str, Any]]:
    return {d["name"]: d for _, d in G.nodes(data=True)
            if d["type"] == "unit" and (not agencies_only or d["kind"] == "agency")}


def edges_of(G: nx.MultiDiGraph, rel: str) -> list[tuple[str, str]]:
    """(unit name, task id) for every edge of type ``rel``."""
    return [(G.nodes[u]["name"], G.nodes[t]["task_id"]) for u, t, k in G.edges(keys=True) if k == rel]


def test_every_library_query_is_checked_here() -> None:
    checked = {name[len("test_"):] for name in globals() if name.startswith("test_")}
    assert set(library()) <= checked, set(library()) - checked


def test_top_leads(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    leads = Counter(u for u, _ in edges_of(G, "LEADS"))
    supports = Counter(u for u, _ in edges_of(G, "SUPPORTS"))
    expected = sorted(((n, leads[n], supports[n]) for n in units(G) if leads[n]), key=lambda r: (-r[1], r[0]))
    got = ask(bolt, "top_leads", limit=1000)
    assert list(got[["unit", "leads", "supports"]].itertuples(index=False, name=None)) == expected
    # Hand-verified: 市市场监管局 leads 40 and supports 8; 市中级人民法院 leads 32.
    top = ask(bolt, "top_leads", limit=2)
    assert top["unit"].tolist() == ["市市场监管局", "市中级人民法院"]
    assert top["leads"].tolist() == [40, 32] and top.loc[0, "supports"] == 8
    with_collectives = ask(bolt, "top_leads", limit=1000, include_collectives=True)
    assert set(with_collectives["unit"]) == {n for n in units(G, False) if leads[n]}


@pytest.mark.parametrize("unit", ["市税务局", "深圳海关", "市市场监管局", "市住房建设局"])
def test_unit_tasks(bolt: Any, example_graph: nx.MultiDiGraph, unit: str) -> None:
    G = example_graph
    expected = {t: G.nodes[f"task:{t}"]["deadline"] for u, t in edges_of(G, "LEADS") if u == unit}
    got = ask(bolt, "unit_tasks", unit=unit)
    assert dict(zip(got["task_id"], got["deadline"].map(lambda d: d.isoformat()), strict=True)) == expected
    assert list(got["deadline"]) == sorted(got["deadline"])
    if unit == "市税务局":  # source rows 5, 9, 12, 69, 70, 72-78, 123
        assert sorted(got["number"]) == [5, 9, 12, 69, 70, 72, 73, 74, 75, 76, 77, 78, 123]
    if unit == "深圳海关":  # rows 79, 80, 81, 83, 86, 87, 88, 90, 93, 94
        assert sorted(got["number"]) == [79, 80, 81, 83, 86, 87, 88, 90, 93, 94]


def test_unit_tasks_of_unknown_unit_is_empty(bolt: Any) -> None:
    assert ask(bolt, "unit_tasks", unit="no such unit").empty


@pytest.mark.parametrize("unit", ["市税务局", "市市场监管局", "市政务服务数据管理局", "深圳海关"])
def test_unit_partners(bolt: Any, example_graph: nx.MultiDiGraph, unit: str) -> None:
    C = remit.coordination_graph(example_graph)
    got = ask(bolt, "unit_partners", unit=unit).set_index("partner")
    assert set(got.index) == set(C[unit])
    for partner, row in got.iterrows():
        edge = C.edges[unit, partner]
        assert row["shared"] == edge["weight"]
        assert row["unit_leads"] == edge["leads"][unit]
        assert row["partner_leads"] == edge["leads"][partner]
        assert (row["co_lead"], row["co_support"]) == (edge["co_lead"], edge["co_support"])
        assert tuple(sorted(row["tasks"])) == edge["tasks"]
    assert list(got["shared"]) == sorted(got["shared"], reverse=True)


def test_co_led_tasks(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    leads: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for u, t, k, d in G.edges(keys=True, data=True):
        if k == "LEADS":
            leads[G.nodes[t]["task_id"]].append((d["position"], G.nodes[u]["name"]))
    expected = {t: [n for _, n in sorted(v)] for t, v in leads.items() if len(v) > 1}
    got = ask(bolt, "co_led_tasks")
    assert dict(zip(got["task_id"], got["leads"], strict=True)) == expected
    assert (got["n_leads"] == got["leads"].map(len)).all()


def test_unsupported_tasks(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    supported = {t for _, t in edges_of(G, "SUPPORTS")}
    tasks = {d["task_id"] for _, d in G.nodes(data=True) if d["type"] == "task"}
    got = ask(bolt, "unsupported_tasks")
    assert set(got["task_id"]) == tasks - supported
    lead_of = defaultdict(set)
    for u, t in edges_of(G, "LEADS"):
        lead_of[t].add(u)
    for task, names in zip(got["task_id"], got["leads"], strict=True):
        assert set(names) == lead_of[task]


def _months(G: nx.MultiDiGraph) -> Counter[tuple[int, int]]:
    return Counter((int(d["deadline"][:4]), int(d["deadline"][5:7])) for _, d in G.nodes(data=True)
                   if d["type"] == "task" and d["deadline"])


def test_tasks_per_month(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    got = ask(bolt, "tasks_per_month")
    assert {(r.year, r.month): r.tasks for r in got.itertuples()} == dict(_months(example_graph))
    assert got["tasks"].sum() == 210


def test_due_in_month(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    for collectives in (False, True):  # like every library query, it leaves collectives out by default
        roles = task_roles(G, include_collectives=collectives)
        for year, month in _months(G):
            expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for task, members in roles.items():
                deadline = G.nodes[task]["deadline"]
                if deadline and deadline.startswith(f"{year}-{month:02d}"):
                    for unit, role in members.items():
                        expected[unit][0 if role == "lead" else 1] += 1
            params = {"include_collectives": True} if collectives else {}
            got = ask(bolt, "due_in_month", year=year, month=month, **params)
            assert {r.unit: [r.leads, r.supports] for r in got.itertuples()} == dict(expected), (year, month)
            assert (got["due"] == got["tasks"].map(len)).all()
    assert ask(bolt, "due_in_month", year=1999, month=1).empty


def _domains_of(G: nx.MultiDiGraph, agencies_only: bool = True) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for u, t, k in G.edges(keys=True):
        if k in ("LEADS", "SUPPORTS") and (not agencies_only or G.nodes[u]["kind"] == "agency"):
            for _, d, k2 in G.out_edges(t, keys=True):
                if k2 == "IN_DOMAIN":
                    out[G.nodes[u]["name"]].add(G.nodes[d]["name"])
    return out


def test_domain_span(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    spans = _domains_of(example_graph)
    got = ask(bolt, "domain_span", limit=1000)
    assert {r.unit: set(r.domain_names) for r in got.itertuples()} == dict(spans)
    assert (got["domains"] == got["domain_names"].map(len)).all()
    assert list(got["domains"]) == sorted(got["domains"], reverse=True)


def test_bridge_units(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    spans = _domains_of(example_graph)
    linkers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for unit, domains in spans.items():
        for pair in combinations(sorted(domains), 2):
            linkers[pair].append(unit)
    pairs, sole = Counter(), Counter()
    for names in linkers.values():
        for unit in names:
            pairs[unit] += 1
            sole[unit] += len(names) == 1
    got = ask(bolt, "bridge_units")
    assert {r.unit: (r.domain_pairs, r.sole_links) for r in got.itertuples()} == {
        u: (pairs[u], sole[u]) for u in pairs}


def test_shortest_path(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    C = remit.coordination_graph(example_graph)
    names = ["市税务局", "深圳海关", "市中级人民法院", "市市场监管局", "市口岸办", "市财政局"]
    for a, b in combinations(names, 2):
        got = ask(bolt, "shortest_path", source=a, target=b)
        if not nx.has_path(C, a, b):
            assert got.empty
            continue
        hops, path, weights = got.loc[0, "hops"], got.loc[0, "path"], got.loc[0, "shared_tasks"]
        assert hops == nx.shortest_path_length(C, a, b), (a, b)
        assert path[0] == a and path[-1] == b and len(path) == hops + 1
        assert weights == [C.edges[x, y]["weight"] for x, y in pairwise(path)]


def test_support_only(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    leads = Counter(u for u, _ in edges_of(G, "LEADS"))
    supports = Counter(u for u, _ in edges_of(G, "SUPPORTS"))
    got = ask(bolt, "support_only")
    assert {r.unit: r.supports for r in got.itertuples()} == {
        n: supports[n] for n in units(G) if supports[n] and not leads[n]}


def test_collectives(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    roles = task_roles(G, include_collectives=True)
    kinds = {d["name"]: d["kind"] for _, d in G.nodes(data=True) if d["type"] == "unit"}
    expected: dict[str, dict[str, Any]] = {}
    for task, members in roles.items():
        task_id = G.nodes[task]["task_id"]
        agency_lead = any(r == "lead" and kinds[u] == "agency" for u, r in members.items())
        for unit, role in members.items():
            if kinds[unit] != "collective":
                continue
            e = expected.setdefault(unit, {"tasks": set(), "leads": 0, "supports": 0, "alone": set()})
            e["tasks"].add(task_id)
            e["leads" if role == "lead" else "supports"] += 1
            if not agency_lead:
                e["alone"].add(task_id)
    got = ask(bolt, "collectives")
    assert {r.unit: {"tasks": set(r.tasks), "leads": r.leads, "supports": r.supports,
                     "alone": set(r.no_agency_lead)} for r in got.itertuples()} == expected
    assert len(got) == 11  # hand-verified: 11 collective units in the example


def test_graph_summary(bolt: Any, example_graph: nx.MultiDiGraph) -> None:
    G = example_graph
    C = remit.coordination_graph(G)
    nodes = Counter(d["type"].capitalize() for _, d in G.nodes(data=True))
    rels = Counter(k for _, _, k in G.edges(keys=True))
    got = dict(zip(ask(bolt, "graph_summary")["kind"], ask(bolt, "graph_summary")["n"], strict=True))
    assert got == {**nodes, **rels, "COORDINATES_WITH": C.number_of_edges()}
    # Hand-verified: 62 units, 268 lead edges, 312 support edges, 14 domains.
    assert (got["Unit"], got["LEADS"], got["SUPPORTS"], got["Domain"]) == (62, 268, 312, 14)


def test_list_diff(bolt: Any, variant: Any, example: remit.TaskList) -> None:
    both = variant.combined
    G = remit.build_graph(both)
    roles = task_roles(G, include_collectives=True)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for task, members in roles.items():
        list_id = G.nodes[task]["list_id"]
        for unit, role in members.items():
            per[unit][list_id] += 1
            if role == "lead":
                per[unit][list_id + ":lead"] += 1
    old, new = EXAMPLE, variant.list_id
    expected = {u: (c[old], c[new], c[old + ":lead"], c[new + ":lead"]) for u, c in per.items()
                if (c[old], c[old + ":lead"]) != (c[new], c[new + ":lead"])}
    got = ask(bolt, "list_diff", old=old, new=new)
    rows = {r.unit: (r.old_tasks, r.new_tasks, r.old_leads, r.new_leads) for r in got.itertuples()}
    assert rows == expected
    # What the variant changed by construction: 市税务局 dropped from every task, one new unit.
    tax = got.set_index("unit").loc["市税务局"]
    assert (tax["old_tasks"], tax["new_tasks"], tax["status"]) == (19, 0, "gone")
    assert got.set_index("unit").loc[variant.new_unit, "status"] == "new"
    assert ask(bolt, "list_diff", old=old, new=old).empty
