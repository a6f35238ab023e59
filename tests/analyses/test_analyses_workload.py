"""Workload on a hand-made graph and on hand-verified facts of the example."""

from __future__ import annotations

import networkx as nx
import pytest
from analyses_handmade import graph_of

import remit
from remit.analyses import unit_summary, workload

# t1: a leads, b and c support, due 2020-06, D1
# t2: a and b co-lead, due 2020-06, D2
# t3: a leads, b supports, due 2020-12, D1
# t4: c leads, a supports, no deadline, D2
HAND = [(["a"], ["b", "c"], "2020-06-30", "D1"),
        (["a", "b"], [], "2020-06-30", "D2"),
        (["a"], ["b"], "2020-12-31", "D1"),
        (["c"], ["a"], None, "D2")]


@pytest.fixture(scope="module")
def hand() -> nx.MultiDiGraph:
    return graph_of(HAND)


def test_counts_and_load_by_hand(hand: nx.MultiDiGraph) -> None:
    u = workload(hand).units
    # a: leads t1, t2 (shared with b), t3 -> led 3, co_led 1; supports t4.
    #    lead share 1 + 1/2 + 1 = 2.5; load = 2.5 + 0.5 × 1 = 3.0
    # b: co-leads t2 -> share 0.5; supports t1, t3 -> load 0.5 + 1.0 = 1.5
    # c: leads t4 -> 1; supports t1 -> load 1.5
    expected = {"a": (3, 1, 1, 2.5, 3.0), "b": (1, 1, 2, 0.5, 1.5), "c": (1, 0, 1, 1.0, 1.5)}
    for unit, (led, co, sup, share, load) in expected.items():
        row = u.loc[unit]
        assert (row["led"], row["co_led"], row["supported"]) == (led, co, sup)
        assert row["lead_share"] == pytest.approx(share)
        assert row["load"] == pytest.approx(load)
        assert row["tasks"] == led + sup
        assert row["partners"] == 2 and row["domains"] == 2
    # Sorted by load, highest first, then by name: b before c on the 1.5 tie.
    assert list(u.index) == ["a", "b", "c"]
    assert u.index.name == "unit"


def test_peak_month_and_due_table_by_hand(hand: nx.MultiDiGraph) -> None:
    w = workload(hand)
    # a leads t1, t2 (2020-06) and t3 (2020-12); b leads t2 (2020-06); c leads t4 (no date).
    assert (w.units.loc["a", "peak_month"], w.units.loc["a", "peak_due"]) == ("2020-06", 2)
    assert (w.units.loc["b", "peak_month"], w.units.loc["b", "peak_due"]) == ("2020-06", 1)
    assert w.units.loc["c", "peak_month"] is None and w.units.loc["c", "peak_due"] == 0
    assert list(w.due.columns) == ["2020-06", "2020-12"]
    assert w.due.loc["a"].tolist() == [2, 1]
    assert w.due.loc["b"].tolist() == [1, 0]
    assert w.due.loc["c"].tolist() == [0, 0]
    # Supported tasks due: b supports t1 (06) and t3 (12); c supports t1 (06); a supports t4 (none).
    assert w.support_due.loc["b"].tolist() == [1, 1]
    assert w.support_due.loc["c"].tolist() == [1, 0]
    assert w.support_due.loc["a"].tolist() == [0, 0]


def test_weights_are_parameters(hand: nx.MultiDiGraph) -> None:
    u = workload(hand, lead_weight=2.0, support_weight=1.0).units
    # a: 2 × 2.5 + 1 × 1 = 6; b: 2 × 0.5 + 1 × 2 = 3
    assert u.loc["a", "load"] == pytest.approx(6.0)
    assert u.loc["b", "load"] == pytest.approx(3.0)


def test_collectives_only_add_rows() -> None:
    # t1 is co-led by agency a and collective 各有关单位: a's share is 1/2 either way.
    G = graph_of([(["a", "各有关单位"], ["b"], "2020-06-30", "D1")], collectives=["各有关单位"])
    without = workload(G).units
    with_c = unit_summary(G, include_collectives=True).workload.units
    assert "各有关单位" not in without.index and "各有关单位" in with_c.index
    assert without.loc["a", "lead_share"] == pytest.approx(0.5)
    assert with_c.loc["a", "lead_share"] == pytest.approx(0.5)
    # partners follow the coordination graph: the collective counts only when included.
    assert without.loc["a", "partners"] == 1 and with_c.loc["a", "partners"] == 2


def test_example_hand_verified(example_graph: nx.MultiDiGraph) -> None:
    w = unit_summary(example_graph, include_collectives=True).workload
    u = w.units
    # COMMON.md facts, checked against source rows.
    assert u.loc["市市场监管局", "led"] == 40 and u.loc["市市场监管局", "supported"] == 8
    assert u.loc["市税务局", "led"] == 13 and u.loc["市税务局", "supported"] == 6
    assert u.loc["深圳海关", "led"] == 10
    assert u.loc["市中级人民法院", "led"] == 32
    assert len(u) == 62 and (u["kind"] == "collective").sum() == 11
    assert len(workload(example_graph).units) == 51
    assert u["led"].sum() == 268 and u["supported"].sum() == 312
    # 市税务局 leads rows 5, 9 (2020-01), 70 (2020-03), 12, 69, 72, 73, 75, 77, 78, 123
    # (2020-06) and 74, 76 (2020-12); only row 12 is co-led, with 市市场监管局 and 市公安局.
    assert w.due.loc["市税务局", ["2020-01", "2020-03", "2020-06", "2020-12"]].tolist() == [2, 1, 8, 2]
    assert (u.loc["市税务局", "peak_month"], u.loc["市税务局", "peak_due"]) == ("2020-06", 8)
    assert u.loc["市税务局", "co_led"] == 1
    assert u.loc["市税务局", "load"] == pytest.approx(12 + 1 / 3 + 0.5 * 6)
    # 深圳海关 leads rows 79, 80, 81 (with 市商务局), 83, 86, 88 (five leads), 90 (2020-12)
    # and 87, 93, 94 (2020-06): share 8 + 1/2 + 1/5.
    assert (u.loc["深圳海关", "peak_month"], u.loc["深圳海关", "peak_due"]) == ("2020-12", 7)
    assert u.loc["深圳海关", "co_led"] == 2
    assert u.loc["深圳海关", "lead_share"] == pytest.approx(8.7)


def test_partners_equal_coordination_graph_degree(example_graph: nx.MultiDiGraph) -> None:
    # The foundation's networkx projection is an independent implementation.
    C = remit.coordination_graph(example_graph)
    u = workload(example_graph).units
    assert {n: int(u.loc[n, "partners"]) for n in C} == dict(C.degree())
    assert {n: int(u.loc[n, "led"]) for n in C} == {n: C.nodes[n]["lead"] for n in C}
