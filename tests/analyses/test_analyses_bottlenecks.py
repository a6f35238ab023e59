"""Fragility and the bottleneck composite, on hand-made graphs and the example."""

from __future__ import annotations

import networkx as nx
import pytest
from analyses_handmade import graph_of, pairs

import remit
from remit.analyses import DEFAULT_WEIGHTS, bottlenecks, fragility


def test_fragility_two_triangles_by_hand(two_triangles: nx.MultiDiGraph) -> None:
    f = fragility(two_triangles)
    # c splits {a, b} from {d}: 2 × 1 = 2 pairs; d splits {c} from {e, f}: 2 pairs.
    assert f["articulation"].to_dict() == {"a": False, "b": False, "c": True, "d": True,
                                           "e": False, "f": False}
    assert f["separated_pairs"].to_dict() == {"a": 0, "b": 0, "c": 2, "d": 2, "e": 0, "f": 0}
    # The strongest partner of each side; equal weights, so the first name.
    assert (f.loc["c", "bridge_a"], f.loc["c", "bridge_b"]) == ("a", "d")
    assert (f.loc["d", "bridge_a"], f.loc["d", "bridge_b"]) == ("e", "c")


def test_fragility_star_by_hand() -> None:
    # Centre h with leaves x, y, z: every pair of leaves (3) meets only through h.
    f = fragility(graph_of(pairs("hx", "hy", "hz")))
    assert f.loc["h", "separated_pairs"] == 3 and f.loc["h", "pieces"] == 3
    assert not f.loc["x", "articulation"]


def test_fragility_agrees_with_networkx_on_example(example_graph: nx.MultiDiGraph) -> None:
    C = remit.coordination_graph(example_graph)
    f = fragility(example_graph)
    assert set(f.index[f["articulation"]]) == set(nx.articulation_points(C))
    # Direct count: remove the unit and count partner pairs with no path left.
    for unit in f.index[f["articulation"]]:
        H = C.copy()
        partners = sorted(H[unit])
        H.remove_node(unit)
        comp = {n: k for k, c in enumerate(nx.connected_components(H)) for n in c}
        lost = sum(1 for i, a in enumerate(partners) for b in partners[i + 1:] if comp[a] != comp[b])
        assert f.loc[unit, "separated_pairs"] == lost


def test_score_is_weighted_sum_of_components(two_triangles: nx.MultiDiGraph) -> None:
    b = bottlenecks(two_triangles)
    assert b.attrs["weights"] == dict(DEFAULT_WEIGHTS)
    expected = sum(DEFAULT_WEIGHTS[k] * b[f"{k}_norm"] for k in ("load", "crunch", "brokerage", "fragility"))
    assert (b["score"] - expected).abs().max() < 1e-12
    for col in ("load_norm", "crunch_norm", "brokerage_norm", "fragility_norm"):
        assert b[col].between(0, 1).all()
    assert b["rank"].tolist() == list(range(1, len(b) + 1))
    assert b["score"].is_monotonic_decreasing


def test_two_triangles_ranking_by_hand(two_triangles: nx.MultiDiGraph) -> None:
    # Loads (lead 1, support 0.5): a leads ab, ac -> 2; b leads bc, supports ab -> 1.5;
    # c leads cd, supports bc, ac -> 2; d leads de, df, supports cd -> 2.5;
    # e leads ef, supports de -> 1.5; f supports ef, df -> 1. Max 2.5.
    b = bottlenecks(two_triangles, weights={"load": 1, "crunch": 0, "brokerage": 0, "fragility": 0})
    assert b["load"].to_dict() == pytest.approx({"a": 2, "b": 1.5, "c": 2, "d": 2.5, "e": 1.5, "f": 1})
    assert list(b.index[:3]) == ["d", "a", "c"]
    assert b.loc["d", "score"] == pytest.approx(1.0) and b.loc["f", "score"] == pytest.approx(0.4)
    # Fragility alone: c and d (2 pairs each) first, by name.
    only = bottlenecks(two_triangles, weights={"load": 0, "crunch": 0, "brokerage": 0, "fragility": 1})
    assert list(only.index[:2]) == ["c", "d"] and only.loc["c", "score"] == 1.0


def test_bad_weight_or_language_is_refused(two_triangles: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown bottleneck weight 'speed'"):
        bottlenecks(two_triangles, weights={"speed": 1})
    with pytest.raises(ValueError, match="lang"):
        bottlenecks(two_triangles, lang="fr")


def test_reasons_on_example(example_graph: nx.MultiDiGraph) -> None:
    zh = bottlenecks(example_graph)
    en = bottlenecks(example_graph, lang="en")
    # 市税务局: leads 13 (row 12 co-led), 8 of them due 2020-06, supports 6 (hand-verified rows).
    assert zh.loc["市税务局", "reason"].startswith(
        "牵头 13 项（1 项共同牵头），其中 8 项 2020-06 到期；配合 6 项")
    assert en.loc["市税务局", "reason"].startswith(
        "Leads 13 tasks (1 co-led), 8 of them due in 2020-06; supports 6")
    # The example's one articulation point names the partners it alone connects.
    bridge = zh.loc["市人力资源保障局"]
    assert bridge["articulation"] and f"是 {bridge['bridge_a']} 与 {bridge['bridge_b']}" in bridge["reason"]
    assert "唯一的协同桥梁" in bridge["reason"]
    assert all(r.endswith("。") for r in zh["reason"]) and all(r.endswith(".") for r in en["reason"])
    assert zh.index[0] == "市市场监管局"  # 40 led tasks, the largest load by far
