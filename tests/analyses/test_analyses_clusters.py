"""NMI and ARI against hand calculations; clusters on hand-made graphs and the example."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from analyses_handmade import graph_of, pairs

from remit.analyses import adjusted_rand, clusters, normalized_mutual_info


def test_identical_partitions_agree_fully() -> None:
    assert normalized_mutual_info([0, 0, 1, 1], ["x", "x", "y", "y"]) == pytest.approx(1.0)
    assert adjusted_rand([0, 0, 1, 1], ["x", "x", "y", "y"]) == pytest.approx(1.0)


def test_nmi_and_ari_by_hand() -> None:
    a, b = [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]
    # Contingency [[2, 1, 0], [0, 1, 2]], n = 6.
    # ARI: Σ C(n_ij, 2) = 1 + 1 = 2; rows C(3,2)·2 = 6; columns C(2,2)·3 = 3;
    # E = 6·3/15 = 1.2; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3.
    assert adjusted_rand(a, b) == pytest.approx(0.8 / 3.3)
    # I = 2 · (2/6) log(6·2/(3·2)) + 2 · (1/6) log(6·1/(3·2)) = (2/3) log 2;
    # H(a) = log 2, H(b) = log 3: NMI = (2/3 log 2) / ((log 2 + log 3)/2).
    assert normalized_mutual_info(a, b) == pytest.approx((2 / 3 * math.log(2)) / (math.log(6) / 2))
    # [0,0,1,1] against [0,0,0,1]: Σ C(n_ij,2) = 1, rows 2, columns 3, E = 6/6 = 1 -> 0.
    assert adjusted_rand([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx(0.0)


def test_trivial_partitions() -> None:
    # One class against all singletons: no information shared, no pair agreement beyond chance.
    assert normalized_mutual_info([0, 0, 0], [0, 1, 2]) == 0.0
    assert adjusted_rand([0, 0, 0], [0, 1, 2]) == pytest.approx(0.0)
    assert normalized_mutual_info([5, 5], [1, 1]) == 1.0
    with pytest.raises(ValueError, match="differ in length"):
        adjusted_rand([0], [0, 1])


def test_two_triangles_by_hand(two_triangles: nx.MultiDiGraph) -> None:
    cl = clusters(two_triangles)
    m = cl.membership.set_index("unit")
    assert m["cluster"].to_dict() == {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}
    assert m["cluster_compare"].to_dict() == {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}
    # Main domains: a, b, c have their tasks in D1 (c: bc, ac in D1, cd in D2); d, e, f in D2.
    assert m["domain"].tolist() == ["hand/D1"] * 3 + ["hand/D2"] * 3
    # Modularity, m = 7 edges: each triangle has 3 inner edges and degree sum 7:
    # 2 × (3/7 - (7/14)²) = 2 × (3/7 - 1/4) = 5/14.
    s = cl.summary.set_index("method")
    assert s.loc["louvain", "modularity"] == pytest.approx(5 / 14)
    assert s.loc["louvain", "n_clusters"] == 2
    assert s.loc["louvain", ["nmi_domains", "ari_domains"]].tolist() == pytest.approx([1.0, 1.0])
    # Bridges: c and d touch one other cluster through one shared task;
    # participation of c: 1 - ((2/3)² + (1/3)²) = 4/9.
    assert cl.bridges["unit"].tolist() == ["c", "d"]
    assert cl.bridges["other_clusters"].tolist() == [1, 1]
    assert cl.bridges["external_weight"].tolist() == [1, 1]
    assert cl.bridges.loc[0, "participation"] == pytest.approx(4 / 9)
    # Task 7 (c leads, d supports) takes c's cluster.
    t = cl.tasks.set_index("task_id")
    assert t.loc["hand#7", "cluster"] == 1 and t.loc["hand#7", "via"] == "lead"
    assert t.loc["hand#4", "cluster"] == 2


def test_co_led_task_rule() -> None:
    # Triangles as before, but the bridge task is co-led by d (listed first) and c:
    # one lead in each cluster, a tie, so the first-listed lead's cluster (d's) wins.
    G = graph_of(pairs("ab", "bc", "ac") + pairs("de", "ef", "df", domain="D2")
                 + [(["d", "c"], [], None, "D2"), (["各有关单位"], ["a"], None, "D1")],
                 collectives=["各有关单位"])
    cl = clusters(G)
    of = cl.membership.set_index("unit")["cluster"]
    t = cl.tasks.set_index("task_id")
    assert t.loc["hand#7", "cluster"] == of["d"] and bool(t.loc["hand#7", "split"])
    assert t.loc["hand#7", "lead_clusters"] == tuple(sorted({of["c"], of["d"]}))
    # Task 8 is led only by a collective: it takes its supporter's cluster.
    assert t.loc["hand#8", "cluster"] == of["a"] and t.loc["hand#8", "via"] == "support"


def test_example_clusters(example_graph: nx.MultiDiGraph) -> None:
    cl = clusters(example_graph)
    assert len(cl.membership) == 51
    assert cl.summary["method"].tolist() == ["louvain", "greedy_modularity", "domains"]
    s = cl.summary.set_index("method")
    # Modularity of the Louvain partition recomputed independently with networkx.
    from remit.analyses._projection import frames, to_networkx, unit_graph

    C = to_networkx(unit_graph(frames(example_graph)))
    groups = [set(g["unit"]) for _, g in cl.membership.groupby("cluster")]
    expected = nx.community.modularity(C, groups, weight="weight")
    assert s.loc["louvain", "modularity"] == pytest.approx(expected)
    assert s.loc["louvain", "n_clusters"] == len(groups)
    # Louvain optimises modularity; the chapters are not a modularity optimum.
    assert s.loc["louvain", "modularity"] > s.loc["domains", "modularity"]
    assert 0 < s.loc["louvain", "nmi_domains"] < 1
    assert len(cl.tasks) == 210 and cl.tasks["cluster"].notna().all()
    # Higher resolution gives at least as many clusters.
    finer = clusters(example_graph, resolution=2.0).summary.loc[0, "n_clusters"]
    assert finer >= s.loc["louvain", "n_clusters"]
