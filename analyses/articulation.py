"""Fragility: which units hold the coordination graph together, and which partners they alone connect."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from remit.analyses._projection import UnitGraph, frames, unit_graph

__all__ = ["FRAGILITY_COLUMNS", "fragility", "fragility_of"]

FRAGILITY_COLUMNS = ["articulation", "separated_pairs", "pieces", "bridge_a", "bridge_b"]


def fragility(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Articulation points of the agencies' coordination graph of ``G``; see :func:`fragility_of`.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> f = fragility(G)
    >>> f.index[f["articulation"]].tolist()
    ['市人力资源保障局']
    """
    return fragility_of(unit_graph(frames(G)))


def fragility_of(ug: UnitGraph) -> pd.DataFrame:
    """For each unit: does its departure split the graph, and how many partner pairs lose touch.

    A unit is an *articulation point* when removing it disconnects its
    component. Its partners then fall into ``pieces`` groups, one per
    biconnected block of the graph that contains the unit; two partners in
    different groups have no other path between them. ``separated_pairs``
    counts those pairs: with ``n_a`` partners in group ``a`` and ``d`` partners
    in all, ``(d² - Σ_a n_a²) / 2``. ``bridge_a`` and ``bridge_b`` name one
    such pair: the strongest partner (most shared tasks, then name) of each
    of the two largest groups. Non-articulation units get 0 pairs and None.

    Parameters
    ----------
    ug : UnitGraph
        From :func:`remit.analyses._projection.unit_graph`.

    Returns
    -------
    pandas.DataFrame
        Indexed by unit (name order), columns :data:`FRAGILITY_COLUMNS`.

    Examples
    --------
    Two triangles a-b-c and c-d-e joined at c: c separates {a, b} from
    {d, e}, 2 × 2 = 4 pairs.

    >>> import scipy.sparse as sp
    >>> from remit.analyses._projection import UnitGraph
    >>> edges = [(0, 1), (0, 2), (1, 2), (2, 3), (2, 4), (3, 4)]
    >>> W = sp.csr_array((np.ones(12), ([a for a, b in edges] + [b for a, b in edges],
    ...                                  [b for a, b in edges] + [a for a, b in edges])), shape=(5, 5))
    >>> ug = UnitGraph(list("abcde"), ["agency"] * 5, [], sp.csr_array((5, 0)), sp.csr_array((5, 0)),
    ...                W, sp.csr_array((5, 5)))
    >>> c = fragility_of(ug).loc["c"]
    >>> bool(c["articulation"]), int(c["separated_pairs"]), int(c["pieces"]), c["bridge_a"], c["bridge_b"]
    (True, 4, 2, 'a', 'd')
    """
    # Biconnected blocks are unique, so any node order finds the same ones; integer nodes are cheap.
    n = ug.n
    upper = sp.triu(ug.W, k=1).tocoo()
    C = nx.Graph()
    C.add_nodes_from(range(n))
    C.add_edges_from(zip(upper.row.tolist(), upper.col.tolist(), strict=True))
    block_of: dict[tuple[int, int], int] = {}
    for b, edges in enumerate(nx.biconnected_component_edges(C)):
        for u, v in edges:
            block_of[(u, v) if u < v else (v, u)] = b
    indptr, indices, weights = ug.W.indptr, ug.W.indices, ug.W.data
    names = ug.names
    rows = []
    for i in range(n):
        partners = indices[indptr[i]:indptr[i + 1]].tolist()
        weight = dict(zip(partners, weights[indptr[i]:indptr[i + 1]].tolist(), strict=True))
        groups: dict[int, list[int]] = defaultdict(list)
        for j in partners:
            groups[block_of[(i, j) if i < j else (j, i)]].append(j)
        sizes = [len(members) for members in groups.values()]
        d = sum(sizes)
        pairs = (d * d - sum(s * s for s in sizes)) // 2
        bridge: list[str | None] = [None, None]
        if len(groups) >= 2:
            # The two largest groups, ties broken by their first member's name (indices follow names).
            ordered = sorted(groups.values(), key=lambda g: (-len(g), min(g)))
            bridge = [names[min(g, key=lambda o: (-weight[o], o))] for g in ordered[:2]]
        rows.append((len(groups) >= 2, pairs, len(groups), bridge[0], bridge[1]))
    frame = pd.DataFrame(rows, columns=FRAGILITY_COLUMNS, index=pd.Index(ug.names, name="unit"))
    frame["separated_pairs"] = frame["separated_pairs"].astype(np.int64)
    frame["pieces"] = frame["pieces"].astype(np.int64)
    for col in ("bridge_a", "bridge_b"):
        frame[col] = pd.Series([r[3 if col == "bridge_a" else 4] for r in rows], index=frame.index,
                               dtype=object)
    return frame

