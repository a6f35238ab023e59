"""Coordination centrality: who sits at the centre of the unit coordination graph, by named metric."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from remit.analyses._brandes import brandes_dependencies
from remit.analyses._projection import UnitGraph, frames, unit_graph

__all__ = [
    "CENTRALITY_COLUMNS",
    "betweenness",
    "bipartite_betweenness",
    "burt",
    "centrality_of",
    "coordination_centrality",
    "eigenvector",
    "pagerank",
]

CENTRALITY_COLUMNS = ["kind", "degree", "weighted_degree", "betweenness", "eigenvector", "pagerank",
                      "effective_size", "efficiency", "constraint", "bipartite_degree",
                      "bipartite_betweenness"]

DEFAULT_SAMPLE_SIZE = 256
_DENSE_EIGEN_MAX = 800


def coordination_centrality(G: nx.MultiDiGraph, *, betweenness_exact_max: int = 5000,
                            sample_size: int = DEFAULT_SAMPLE_SIZE, seed: int = 42,
                            pagerank_alpha: float = 0.85) -> pd.DataFrame:
    """Centrality of every agency in the coordination graph of ``G``; see :func:`centrality_of`.

    With collective placeholders in scope too, read the ``centrality`` of
    :func:`remit.analyses.unit_summary`.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> c = coordination_centrality(G)
    >>> int(c.loc["市市场监管局", "degree"]), c.attrs["betweenness_mode"]
    (31, 'exact')
    >>> c["betweenness"].idxmax()
    '市政务服务数据管理局'
    """
    return centrality_of(unit_graph(frames(G)), betweenness_exact_max=betweenness_exact_max,
                         sample_size=sample_size, seed=seed, pagerank_alpha=pagerank_alpha)


def centrality_of(ug: UnitGraph, *, betweenness_exact_max: int = 5000, sample_size: int = DEFAULT_SAMPLE_SIZE,
                  seed: int = 42, pagerank_alpha: float = 0.85) -> pd.DataFrame:
    """Centrality of every unit in the coordination graph, one column per named metric.

    The coordination graph (docs/input.md, "The model") joins two units when they
    share a task; its edge weight ``w_ij`` is the number of shared tasks.

    - ``degree``: distinct partners; ``weighted_degree``: ``Σ_j w_ij``.
    - ``betweenness``: the share of shortest paths between other pairs of
      units that pass through the unit, paths counted unweighted (one step
      per partner), normalised by ``(n-1)(n-2)/2`` pairs. Exact (Brandes)
      when the graph has at most ``betweenness_exact_max`` units; above that
      estimated from ``sample_size`` source units drawn with ``seed`` and
      scaled by ``n / sample_size`` (Brandes & Pich 2007).
    - ``eigenvector``: the leading eigenvector of the weighted adjacency
      matrix ``W``, scaled to unit Euclidean length.
    - ``pagerank``: PageRank (damping ``pagerank_alpha``) on the directed
      graph with an edge lead → supporter for each task, weighted by the
      number of such tasks. Rank flows from the units that lead to the
      units they rely on, so a high value means: the units the others depend
      on for support, especially units that are themselves depended on.
      Units that lead no supported task spread their rank uniformly.
    - ``effective_size``, ``efficiency``, ``constraint``: Burt's structural
      holes measures with ``p_ij = w_ij / Σ_k w_ik`` and
      ``m_jq = w_jq / max_k w_jk``: effective size ``Σ_j (1 - Σ_q p_iq m_jq)``,
      efficiency = effective size / degree, constraint
      ``Σ_j (p_ij + Σ_q p_iq p_qj)²`` (``q`` ranging over partners other
      than ``i`` and ``j``). NaN for a unit without partners.
    - ``bipartite_degree``: tasks the unit leads or supports;
      ``bipartite_betweenness``: betweenness in the unit–task graph (units
      and the tasks with at least one included unit), normalised by the
      largest value possible for a unit in a bipartite graph of that size
      (Borgatti & Halgin), like ``networkx.bipartite.betweenness_centrality``;
      exact or sampled by the same rule, counting units and tasks as nodes.

    Parameters
    ----------
    ug : UnitGraph
        The coordination graph over the units in scope
        (:func:`remit.analyses._projection.unit_graph`).
    betweenness_exact_max : int
        Largest graph (in nodes) whose betweenness is computed exactly.
    sample_size : int
        Source nodes sampled above that size.
    seed : int
        Seed of the sample.
    pagerank_alpha : float
        PageRank damping factor.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit`` in name order; columns :data:`CENTRALITY_COLUMNS`.
        ``attrs`` records ``betweenness_mode`` (``"exact"`` or
        ``"sampled"``), ``betweenness_sources``, the same two for
        ``bipartite_betweenness``, ``seed``, ``sample_size``,
        ``betweenness_exact_max``, ``pagerank_alpha`` and
        ``pagerank_direction``.

    """
    n = ug.n
    rng_seed = int(seed)
    bet, bet_mode, bet_k = betweenness(ug.W, exact_max=betweenness_exact_max,
                                       sample_size=sample_size, seed=rng_seed)
    bib, bib_mode, bib_k = bipartite_betweenness(ug.B, exact_max=betweenness_exact_max,
                                                 sample_size=sample_size, seed=rng_seed)
    es, eff, con = burt(ug.W)
    frame = pd.DataFrame({
        "kind": pd.Series(ug.kinds, dtype=object).to_numpy(),
        "degree": np.diff(ug.W.indptr).astype(np.int64),
        "weighted_degree": np.asarray(ug.W.sum(axis=1)).ravel().astype(np.int64),
        "betweenness": bet,
        "eigenvector": eigenvector(ug.W),
        "pagerank": pagerank(ug.D, alpha=pagerank_alpha),
        "effective_size": es,
        "efficiency": eff,
        "constraint": con,
        "bipartite_degree": np.diff(ug.B.indptr).astype(np.int64),
        "bipartite_betweenness": bib,
    }, index=pd.Index(ug.names, name="unit"))
    frame["kind"] = pd.Series(ug.kinds, index=frame.index, dtype=object)
    frame.attrs.update({
        "betweenness_mode": bet_mode, "betweenness_sources": bet_k,
        "bipartite_betweenness_mode": bib_mode, "bipartite_betweenness_sources": bib_k,
        "seed": rng_seed, "sample_size": int(sample_size),
        "betweenness_exact_max": int(betweenness_exact_max),
        "pagerank_alpha": float(pagerank_alpha), "pagerank_direction": "lead->support",
        "units": n,
    })
    return frame


def _sources(n: int, exact_max: int, sample_size: int, seed: int) -> tuple[np.ndarray, str]:
    if n <= exact_max or sample_size >= n:
        return np.arange(n), "exact"
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=max(int(sample_size), 1), replace=False)), "sampled"


def betweenness(W: sp.csr_array, *, exact_max: int = 5000, sample_size: int = DEFAULT_SAMPLE_SIZE,
                seed: int = 42) -> tuple[np.ndarray, str, int]:
    """Normalised, unweighted betweenness of every node of a symmetric adjacency matrix.

    ``b(v) = Σ_{s<t, s,t≠v} σ_st(v) / σ_st`` divided by ``(n-1)(n-2)/2``,
    where ``σ_st`` counts shortest paths from ``s`` to ``t`` and
    ``σ_st(v)`` those through ``v``. Sampled above ``exact_max`` nodes.

    Returns
    -------
    (numpy.ndarray, str, int)
        Values, ``"exact"`` or ``"sampled"``, and the number of sources.

    Examples
    --------
    A star with centre 0 and three leaves: the centre lies on all three
    leaf pairs, so its normalised betweenness is 3 / 3 = 1.

    >>> W = sp.csr_array(np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0.]]))
    >>> betweenness(W)[0].tolist()
    [1.0, 0.0, 0.0, 0.0]
    """
    n = W.shape[0]
    sources, mode = _sources(n, exact_max, sample_size, seed)
    if n <= 2:
        return np.zeros(n), mode, len(sources)
    raw = brandes_dependencies(W, sources) * (n / len(sources))
    return raw / ((n - 1) * (n - 2)), mode, len(sources)


def bipartite_betweenness(B: sp.csr_array, *, exact_max: int = 5000,
                          sample_size: int = DEFAULT_SAMPLE_SIZE,
                          seed: int = 42) -> tuple[np.ndarray, str, int]:
    """Betweenness of the row nodes of a bipartite incidence matrix, Borgatti–Halgin normalised.

    The graph has one node per row (unit) and per column (task) and an
    edge per non-zero. A row node's pair betweenness is divided by the
    maximum a node of its side can reach: with ``n`` row nodes, ``m``
    column nodes and ``s, t = divmod(n - 1, m)``, that is
    ``(m²(s+1)² + m(s+1)(2t-s-1) - t(2s-t+3)) / 2``.

    Examples
    --------
    Two units sharing one task: neither lies between anything.

    >>> bipartite_betweenness(sp.csr_array(np.array([[1.0], [1.0]])))[0].tolist()
    [0.0, 0.0]
    """
    n, m = B.shape
    total = n + m
    sources, mode = _sources(total, exact_max, sample_size, seed)
    if n == 0 or m == 0:
        return np.zeros(n), mode, len(sources)
    A = sp.block_array([[None, B], [B.T, None]], format="csr")
    raw = brandes_dependencies(A, sources)[:n] * (total / len(sources)) / 2.0
    s, t = divmod(n - 1, m)
    bet_max = (m ** 2 * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0
    return (raw / bet_max if bet_max > 0 else np.zeros(n)), mode, len(sources)


def eigenvector(W: sp.csr_array) -> np.ndarray:
    """Leading eigenvector of the symmetric weighted adjacency ``W``, non-negative, unit length.

    ``x`` solves ``W x = λ x`` for the largest eigenvalue ``λ``. On a
    disconnected graph it lives on the component with the largest ``λ``;
    the rest get 0. A graph without edges gives all zeros.

    Examples
    --------
    A path a–b–c: ``x = (1, √2, 1) / 2``.

    >>> W = sp.csr_array(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0.]]))
    >>> eigenvector(W).round(6).tolist()
    [0.5, 0.707107, 0.5]
    """
    n = W.shape[0]
    if n == 0 or W.nnz == 0:
        return np.zeros(n)
    if n <= _DENSE_EIGEN_MAX:
        _, vectors = np.linalg.eigh(W.toarray())
        x = vectors[:, -1]
    else:
        # Imported here: scipy.sparse.linalg (and scipy.linalg under it) is about 0.05 s of every
        # process start, and lists of up to 800 units never need it.
        import scipy.sparse.linalg as spla

        # A fixed start vector keeps ARPACK deterministic.
        _, vectors = spla.eigsh(W.astype(float), k=1, which="LA", v0=np.ones(n), tol=0)
        x = vectors[:, 0]
    x = np.abs(x) if x.sum() >= 0 else np.abs(-x)
    x[x < 1e-15] = 0.0
    return x / np.linalg.norm(x)


def pagerank(D: sp.csr_array, *, alpha: float = 0.85, tol: float = 1e-13,
             max_iter: int = 1000) -> np.ndarray:
    """PageRank on the weighted directed graph ``D`` (``D[i, j]`` = weight of edge ``i → j``).

    ``p = (1-α)/n + α (Σ_i p_i D_ij / Σ_k D_ik + dangling/n)``, where
    ``dangling`` is the rank held by nodes without out-edges, iterated from
    the uniform vector until the L1 change is below ``n × tol``.

    Examples
    --------
    A lead L with two supporters A and B (edges L→A, L→B; A and B
    dangling). By symmetry ``p_A = p_B = (1 - p_L) / 2`` and
    ``p_L = 0.05 + 0.85 (p_A + p_B) / 3``, so ``p_L = (1/3) / (1 + 0.85/3)``.

    >>> D = sp.csr_array(np.array([[0, 1, 1], [0, 0, 0], [0, 0, 0.]]))
    >>> pagerank(D).round(6).tolist()
    [0.25974, 0.37013, 0.37013]
    """
    n = D.shape[0]
    if n == 0:
        return np.zeros(0)
    out = np.asarray(D.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.divide(1.0, out, out=np.zeros(n), where=~dangling)
    P = sp.diags_array(inv) @ D
    PT = P.T.tocsr()
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = alpha * (PT @ p + p[dangling].sum() / n) + (1.0 - alpha) / n
        new /= new.sum()
        if np.abs(new - p).sum() < n * tol:
            return new
        p = new
    return p


def burt(W: sp.csr_array, chunk_cells: int = 4_000_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Burt's effective size, efficiency and constraint of every node of a weighted graph.

    With ``p_ij = w_ij / Σ_k w_ik`` (proportional tie strength) and
    ``m_jq = w_jq / max_k w_jk`` (marginal strength):

    - effective size ``ES_i = Σ_{j∈N(i)} (1 - Σ_{q≠i,j} p_iq m_jq)``;
    - efficiency ``ES_i / |N(i)|``;
    - constraint ``C_i = Σ_{j∈N(i)} (p_ij + Σ_{q≠i,j} p_iq p_qj)²``.

    The inner sums are the ``(i, j)`` entries of ``P Mᵀ`` and ``P P``,
    computed in row blocks of at most ``chunk_cells`` cells and kept only
    on edges. Nodes without neighbours get NaN.

    Examples
    --------
    A triangle: every partner is linked to the other, so each node has
    effective size ``2 - 2 × (1/2 × 1) = 1``, efficiency 1/2 and constraint
    ``2 × (1/2 + 1/2 × 1/2)² = 1.125``.

    >>> W = sp.csr_array(np.ones((3, 3)) - np.eye(3))
    >>> [v.tolist() for v in burt(W)]
    [[1.0, 1.0, 1.0], [0.5, 0.5, 0.5], [1.125, 1.125, 1.125]]
    """
    n = W.shape[0]
    W = sp.csr_array(W, dtype=float)
    strength = np.asarray(W.sum(axis=1)).ravel()
    degree = np.diff(W.indptr)
    strongest = np.zeros(n)
    nz = degree > 0
    strongest[nz] = np.maximum.reduceat(W.data, W.indptr[:-1][nz]) if W.nnz else 0.0
    P = (sp.diags_array(np.divide(1.0, strength, out=np.zeros(n), where=strength > 0)) @ W).tocsr()
    MT = (sp.diags_array(np.divide(1.0, strongest, out=np.zeros(n), where=strongest > 0)) @ W).T.tocsr()
    pattern = sp.csr_array((np.ones(W.nnz), W.indices, W.indptr), shape=W.shape)
    # MT and P share W's pattern (W is symmetric), so one complex product does the work of two:
    # its real part is P·Mᵀ, its imaginary part P·P, each the same sum of the same real terms.
    rows = np.repeat(np.arange(n, dtype=np.int64), degree)
    in_p = np.argsort(rows * n + P.indices)
    at = in_p[np.searchsorted((rows * n + P.indices)[in_p], rows * n + MT.indices)]
    both = sp.csr_array((MT.data + 1j * P.data[at], MT.indices, MT.indptr), shape=W.shape)
    redundancy = np.zeros(n)
    constraint = np.zeros(n)
    step = max(1, chunk_cells // max(n, 1))
    for r0 in range(0, n, step):
        r1 = min(n, r0 + step)
        Pr = P[r0:r1]
        mask = pattern[r0:r1]
        product = (Pr @ both).multiply(mask).tocsr()
        redundancy[r0:r1] = np.asarray(product.real.sum(axis=1)).ravel()
        total = (Pr + product.imag).tocsr()
        constraint[r0:r1] = np.asarray(total.multiply(total).sum(axis=1)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        effective = np.where(nz, degree - redundancy, np.nan)
        efficiency = np.where(nz, effective / np.where(nz, degree, 1), np.nan)
        constraint = np.where(nz, constraint, np.nan)
    return effective, efficiency, constraint

