"""The task graph and the unit coordination graph."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

import remit
from remit.graph import coordination_graph, task_node, unit_node
from tests.conftest import task_id


def test_node_and_edge_types(example, example_graph):
    types = Counter(d["type"] for _, d in example_graph.nodes(data=True))
    assert types == {"unit": 62, "task": 210, "domain": 14}
    keys = Counter(k for _, _, k in example_graph.edges(keys=True))
    assert keys == {"LEADS": 268, "SUPPORTS": 312, "IN_DOMAIN": 210}
    for u, _v, k in example_graph.edges(keys=True):
        assert example_graph.nodes[u]["type"] == ("task" if k == "IN_DOMAIN" else "unit")


def test_fields_ride_on_nodes(example_graph):
    task = example_graph.nodes[task_node(task_id(176))]
    assert task["deadline"] == "2020-06-30" and task["deadline_raw"] == "2020年6月底底"
    assert task["domain_ordinal"] == 12 and task["number"] == 176
    unit = example_graph.nodes[unit_node("市中级人民法院")]
    assert unit["kind"] == "agency" and "市中级法院" in unit["aliases"]
    assert example_graph.has_edge(task_node(task_id(95)), "domain:shenzhen-2020-tasks/加强法治保障")


def test_coordination_edge_read_by_hand(example_graph):
    # 市口岸办 and 深圳海关 share rows 81 (海关 leads, 口岸办 supports), 84 (both support),
    # 85 (口岸办 leads, 海关 supports), 88 (both lead) and 91 (口岸办 leads, 海关 supports).
    C = coordination_graph(example_graph)
    edge = C.edges["市口岸办", "深圳海关"]
    assert edge["weight"] == 5
    assert (edge["lead_support"], edge["co_lead"], edge["co_support"]) == (3, 1, 1)
    assert edge["leads"] == {"市口岸办": 2, "深圳海关": 1}
    assert edge["tasks"] == tuple(sorted(task_id(n) for n in (81, 84, 85, 88, 91)))


def test_collectives_are_left_out_by_default(example, example_graph):
    C = coordination_graph(example_graph)
    assert C.number_of_nodes() == 51
    assert "各相关单位" not in C
    with_all = coordination_graph(example_graph, include_collectives=True)
    assert with_all.number_of_nodes() == 62
    assert with_all.has_edge("市政务服务数据管理局", "各相关单位")


def _pairs_from_table(example, include_collectives: bool) -> Counter:
    """An independent count of shared tasks, straight from the assignments table."""
    kinds = example.units.set_index("unit")["kind"]
    a = example.assignments
    if not include_collectives:
        a = a[a["unit"].map(kinds) == "agency"]
    pairs: Counter = Counter()
    for _, members in a.groupby("task_id")["unit"]:
        for pair in combinations(sorted(set(members)), 2):
            pairs[pair] += 1
    return pairs


def test_weights_agree_with_an_independent_count(example, example_graph):
    for include in (False, True):
        C = coordination_graph(example_graph, include_collectives=include)
        expected = _pairs_from_table(example, include)
        got = Counter({tuple(sorted((u, v))): d["weight"] for u, v, d in C.edges(data=True)})
        assert got == expected


def test_weight_splits_into_roles(example_graph):
    C = coordination_graph(example_graph)
    for _, _, d in C.edges(data=True):
        assert d["weight"] == d["lead_support"] + d["co_lead"] + d["co_support"]
        assert sum(d["leads"].values()) == d["lead_support"]
        assert len(d["tasks"]) == d["weight"]


def test_node_counts_match_assignments(example, example_graph):
    C = coordination_graph(example_graph)
    assert C.nodes["市市场监管局"]["lead"] == 40
    assert C.nodes["市市场监管局"]["support"] == 8


def test_build_graph_does_not_touch_the_tasklist(example):
    before = example.assignments.copy()
    remit.build_graph(example)
    assert example.assignments.equals(before)


def test_unit_in_both_roles_counts_once_as_lead():
    G = nx.MultiDiGraph()
    G.add_node("unit:甲局", type="unit", name="甲局", kind="agency")
    G.add_node("unit:乙局", type="unit", name="乙局", kind="agency")
    G.add_node("task:t#1", type="task", task_id="t#1")
    G.add_edge("unit:甲局", "task:t#1", key="LEADS")
    G.add_edge("unit:甲局", "task:t#1", key="SUPPORTS")
    G.add_edge("unit:乙局", "task:t#1", key="SUPPORTS")
    C = coordination_graph(G)
    assert C.nodes["甲局"]["lead"] == 1 and C.nodes["甲局"]["support"] == 0
    assert C.edges["甲局", "乙局"]["leads"] == {"甲局": 1, "乙局": 0}
