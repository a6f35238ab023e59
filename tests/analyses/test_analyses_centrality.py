"""Centrality metrics: hand-computed small graphs, python-igraph, and Burt's formulas written out."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from analyses_handmade import graph_of, pairs

import remit
from remit.analyses import coordination_centrality, unit_summary
from remit.analyses._brandes import brandes_dependencies
from remit.analyses.centrality import betweenness, bipartite_betweenness, pagerank
from remit.graph import task_roles


def test_path_by_hand() -> None:
    # Coordination graph a - b - c (tasks {a,b}, {b,c}).
    c = coordination_centrality(graph_of(pairs("ab", "bc")))
    assert c["degree"].to_dict() == {"a": 1, "b": 2, "c": 1}
    # b lies on the only path of the only other pair (a, c): 1 / C(2, 2) = 1.
    assert c["betweenness"].tolist() == pytest.approx([0.0, 1.0, 0.0])
    # Adjacency [[0,1,0],[1,0,1],[0,1,0]]: λ = √2, x = (1, √2, 1) / 2.
    assert c["eigenvector"].tolist() == pytest.approx([0.5, math.sqrt(2) / 2, 0.5], abs=1e-12)
    # Burt, b: partners a and c are not tied: effective size 2, efficiency 1,
    # constraint 2 × (1/2)² = 1/2. a: one partner, constraint (1)² = 1, size 1.
    assert c.loc["b", ["effective_size", "efficiency", "constraint"]].tolist() == pytest.approx([2, 1, 0.5])
    assert c.loc["a", ["effective_size", "efficiency", "constraint"]].tolist() == pytest.approx([1, 1, 1])
    # Unit-task graph a - t1 - b - t2 - c: b separates {a, t1} from {t2, c}, 4 pairs;
    # Borgatti-Halgin maximum for 3 units and 2 tasks: s, t = divmod(2, 2) = (1, 0),
    # (2²·2² + 2·2·(0 - 1 - 1) - 0) / 2 = (16 - 8) / 2 = 4, so b = 4 / 4 = 1.
    assert c["bipartite_degree"].to_dict() == {"a": 1, "b": 2, "c": 1}
    assert c["bipartite_betweenness"].tolist() == pytest.approx([0.0, 1.0, 0.0])


def test_star_by_hand() -> None:
    # Star: h with x, y, z, each pair on one task, h leading.
    c = coordination_centrality(graph_of(pairs("hx", "hy", "hz")))
    # h is on all 3 leaf pairs: 3 / C(3, 2) = 1.
    assert c.loc["h", "betweenness"] == pytest.approx(1.0)
    # λ = √3: x_h = √3 x_leaf, x_h² + 3 x_leaf² = 1 -> x_h = 1/√2, x_leaf = 1/√6.
    assert c.loc["h", "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-12)
    assert c.loc["x", "eigenvector"] == pytest.approx(1 / math.sqrt(6), abs=1e-12)
    # No tie among h's partners: effective size 3, efficiency 1, constraint 3 × (1/3)² = 1/3.
    assert c.loc["h", ["effective_size", "efficiency", "constraint"]].tolist() == pytest.approx([3, 1, 1 / 3])


def test_two_triangles_by_hand(two_triangles: nx.MultiDiGraph) -> None:
    c = coordination_centrality(two_triangles)
    assert c["degree"].to_dict() == {"a": 2, "b": 2, "c": 3, "d": 3, "e": 2, "f": 2}
    # c carries {a, b} × {d, e, f} = 6 pairs, d carries {a, b, c} × {e, f} = 6; C(5, 2) = 10.
    assert c["betweenness"].tolist() == pytest.approx([0, 0, 0.6, 0.6, 0, 0])
    # Constraint of a: p = 1/2 to b and c; indirect a→b via c: 1/2 · 1/3 = 1/6,
    # a→c via b: 1/2 · 1/2 = 1/4: (1/2 + 1/6)² + (1/2 + 1/4)² = 4/9 + 9/16 = 145/144.
    assert c.loc["a", "constraint"] == pytest.approx(145 / 144)
    # c: p = 1/3 each; c→a via b: 1/3 · 1/2 = 1/6 -> (1/2)² twice; c→d: (1/3)²: 1/2 + 1/9.
    assert c.loc["c", "constraint"] == pytest.approx(11 / 18)
    # Effective size of c: 3 partners with one tie among them (a-b): 3 - 2·1/3 = 7/3.
    assert c.loc["c", "effective_size"] == pytest.approx(7 / 3)
    assert c.loc["c", "efficiency"] == pytest.approx(7 / 9)
    assert c.loc["a", "effective_size"] == pytest.approx(1.0)


def test_pagerank_by_hand() -> None:
    # One task: L leads, A and B support. Edges L→A, L→B; A and B dangling.
    # p_A = p_B = (1 - p_L)/2 and p_L = 0.15/3 + 0.85 (p_A + p_B)/3 -> p_L = 1/3.85.
    c = coordination_centrality(graph_of([(["L"], ["A", "B"], None, "D")]))
    assert c.loc["L", "pagerank"] == pytest.approx(1 / 3.85, abs=1e-10)
    assert c.loc["A", "pagerank"] == pytest.approx(2.85 / 7.7, abs=1e-10)
    assert c.attrs["pagerank_direction"] == "lead->support"


def test_weighted_degree_counts_shared_tasks() -> None:
    # a and b share two tasks, b and c one: weights 2 and 1.
    c = coordination_centrality(graph_of(pairs("ab", "ba", "bc")))
    assert c["weighted_degree"].to_dict() == {"a": 2, "b": 3, "c": 1}
    assert c["degree"].to_dict() == {"a": 1, "b": 2, "c": 1}


def test_isolated_unit_gets_nan_burt_and_zeros() -> None:
    c = coordination_centrality(graph_of([*pairs("ab"), (["z"], [], None, "D1")]))
    assert math.isnan(c.loc["z", "constraint"]) and math.isnan(c.loc["z", "effective_size"])
    assert c.loc["z", "degree"] == 0 and c.loc["z", "betweenness"] == 0


def _igraph_of(C: nx.Graph) -> tuple[ig.Graph, list[str]]:
    names = sorted(C)
    index = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in C.edges()])
    g.es["weight"] = [C.edges[a, b]["weight"] for a, b in C.edges()]
    return g, names


@pytest.mark.parametrize("collectives", [False, True])
def test_example_agrees_with_igraph(example_graph: nx.MultiDiGraph, collectives: bool) -> None:
    c = unit_summary(example_graph, include_collectives=collectives).centrality
    C = remit.coordination_graph(example_graph, include_collectives=collectives)
    g, names = _igraph_of(C)
    n = len(names)
    assert list(c.index) == names
    assert c["degree"].tolist() == g.degree()
    assert c["weighted_degree"].tolist() == g.strength(weights="weight")
    pair_betweenness = np.array(g.betweenness(directed=False))
    assert np.abs(c["betweenness"].to_numpy() - pair_betweenness / ((n - 1) * (n - 2) / 2)).max() < 1e-9
    eig = np.array(g.eigenvector_centrality(weights="weight"))
    eig /= np.linalg.norm(eig)
    assert np.abs(c["eigenvector"].to_numpy() - eig).max() < 1e-9


def _burt_direct(C: nx.Graph) -> tuple[dict[str, float], dict[str, float]]:
    """Burt's constraint and effective size, straight from the formulas."""
    def p(i: str, j: str) -> float:
        return C[i][j]["weight"] / sum(C[i][k]["weight"] for k in C[i]) if C.has_edge(i, j) else 0.0

    def m(j: str, q: str) -> float:
        return C[j][q]["weight"] / max(C[j][k]["weight"] for k in C[j]) if C.has_edge(j, q) else 0.0

    constraint, size = {}, {}
    for i in C:
        if not C[i]:
            continue
        constraint[i] = sum((p(i, j) + sum(p(i, q) * p(q, j) for q in C[i] if q != j)) ** 2 for j in C[i])
        size[i] = sum(1 - sum(p(i, q) * m(j, q) for q in C[i] if q != j) for j in C[i])
    return constraint, size


def test_example_burt_matches_direct_formulas(example_graph: nx.MultiDiGraph) -> None:
    c = coordination_centrality(example_graph)
    constraint, size = _burt_direct(remit.coordination_graph(example_graph))
    assert max(abs(c.loc[u, "constraint"] - v) for u, v in constraint.items()) < 1e-12
    assert max(abs(c.loc[u, "effective_size"] - v) for u, v in size.items()) < 1e-12
    assert max(abs(c.loc[u, "efficiency"] - v / c.loc[u, "degree"]) for u, v in size.items()) < 1e-12


def test_example_pagerank_matches_networkx(example_graph: nx.MultiDiGraph) -> None:
    # Directed lead -> supporter graph, weighted by tasks, built from task_roles.
    D = nx.DiGraph()
    C = remit.coordination_graph(example_graph)
    D.add_nodes_from(sorted(C))
    for members in task_roles(example_graph).values():
        for lead in (u for u, r in members.items() if r == "lead"):
            for sup in (u for u, r in members.items() if r == "support"):
                w = D.edges[lead, sup]["weight"] + 1 if D.has_edge(lead, sup) else 1
                D.add_edge(lead, sup, weight=w)
    expected = nx.pagerank(D, weight="weight", tol=1e-14, max_iter=10_000)
    c = coordination_centrality(example_graph)
    assert max(abs(c.loc[u, "pagerank"] - v) for u, v in expected.items()) < 1e-9


def test_example_bipartite_matches_networkx(example_graph: nx.MultiDiGraph) -> None:
    c = coordination_centrality(example_graph)
    B = nx.Graph()
    B.add_nodes_from(("u", u) for u in c.index)
    for task, members in task_roles(example_graph).items():
        B.add_edges_from((("u", u), ("t", task)) for u in members)
    expected = nx.bipartite.betweenness_centrality(B, [("u", u) for u in c.index])
    assert max(abs(c.loc[u, "bipartite_betweenness"] - expected[("u", u)]) for u in c.index) < 1e-9
    assert c["bipartite_degree"].to_dict() == {u: B.degree(("u", u)) for u in c.index}


def test_sampled_betweenness_is_reported_and_exact_with_all_sources(example_graph: nx.MultiDiGraph) -> None:
    exact = coordination_centrality(example_graph)
    sampled = coordination_centrality(example_graph, betweenness_exact_max=10, sample_size=20, seed=7)
    assert sampled.attrs["betweenness_mode"] == "sampled" and sampled.attrs["betweenness_sources"] == 20
    assert sampled.attrs["seed"] == 7
    assert exact.attrs["betweenness_mode"] == "exact" and exact.attrs["betweenness_sources"] == 51
    assert not np.allclose(sampled["betweenness"], exact["betweenness"])
    # Sampling every node is the exact computation.
    full = coordination_centrality(example_graph, betweenness_exact_max=10, sample_size=51)
    assert np.allclose(full["betweenness"], exact["betweenness"], atol=1e-15)


def test_sampled_estimate_averages_to_exact() -> None:
    # Brandes-Pich: scaling by n/k makes the estimate unbiased, so the mean over
    # all k-subsets equals the exact value. For k = 1 the subsets are single
    # sources; their average is the exact betweenness.
    C = nx.les_miserables_graph()
    W = nx.to_scipy_sparse_array(C, nodelist=sorted(C), weight=None, format="csr")
    exact, _, _ = betweenness(W)
    n = W.shape[0]
    one = betweenness(W, exact_max=0, sample_size=1, seed=3)
    assert one[1:] == ("sampled", 1)
    # Enumerate the single-source estimates directly and average them.
    per_source = [brandes_dependencies(W, np.array([s])) * n / ((n - 1) * (n - 2)) for s in range(n)]
    assert np.abs(np.mean(per_source, axis=0) - exact).max() < 1e-12


def test_bipartite_empty_is_zero() -> None:
    import scipy.sparse as sp

    values, mode, k = bipartite_betweenness(sp.csr_array((0, 0)))
    assert values.size == 0 and mode == "exact" and k == 0
    assert pagerank(sp.csr_array((0, 0))).size == 0
