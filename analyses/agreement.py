"""Agreement between two partitions: normalised mutual information and the adjusted Rand index."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["adjusted_rand", "contingency", "normalized_mutual_info"]


def contingency(a: Sequence[Any], b: Sequence[Any]) -> np.ndarray:
    """Table ``n_ij`` of items in class ``i`` of ``a`` and class ``j`` of ``b`` (classes sorted).

    Examples
    --------
    >>> contingency(["x", "x", "y"], [1, 2, 2]).tolist()
    [[1, 1], [0, 1]]
    """
    if len(a) != len(b):
        raise ValueError(f"partitions differ in length: {len(a)} and {len(b)}")
    _, ia = np.unique(np.asarray([str(v) for v in a]), return_inverse=True)
    _, ib = np.unique(np.asarray([str(v) for v in b]), return_inverse=True)
    table = np.zeros((int(ia.max(initial=-1)) + 1, int(ib.max(initial=-1)) + 1), dtype=np.int64)
    np.add.at(table, (ia, ib), 1)
    return table


def _entropy(counts: np.ndarray) -> float:
    n = counts.sum()
    p = counts[counts > 0] / n
    return float(-(p * np.log(p)).sum())


def normalized_mutual_info(a: Sequence[Any], b: Sequence[Any]) -> float:
    """NMI with the arithmetic mean: ``I(A; B) / ((H(A) + H(B)) / 2)``.

    ``I(A; B) = Σ_ij (n_ij / n) log(n n_ij / (a_i b_j))`` with row sums
    ``a_i`` and column sums ``b_j``; ``H`` is the entropy of the class
    sizes. Two partitions that are each a single class agree perfectly
    (1.0); if only one of them is, NMI is 0.

    Examples
    --------
    ``a = [0, 0, 1, 1]``, ``b = [0, 0, 0, 1]``: ``H(A) = log 2``,
    ``H(B) = -(3/4 log 3/4 + 1/4 log 1/4)``,
    ``I = 1/2 log(4·2/(2·3)) + 1/4 log(4·1/(2·3)) + 1/4 log(4·1/(2·1))``.

    >>> round(normalized_mutual_info([0, 0, 1, 1], [0, 0, 0, 1]), 6)
    0.343711
    """
    table = contingency(a, b)
    n = table.sum()
    if n == 0:
        return 1.0
    ha, hb = _entropy(table.sum(axis=1)), _entropy(table.sum(axis=0))
    if ha == 0 and hb == 0:
        return 1.0
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    i, j = np.nonzero(table)
    nij = table[i, j].astype(float)
    mi = float((nij / n * np.log(n * nij / (rows[i] * cols[j]))).sum())
    denom = (ha + hb) / 2.0
    return max(0.0, mi / denom) if denom > 0 else 0.0


def adjusted_rand(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985).

    ``ARI = (Σ C(n_ij, 2) - E) / ((Σ C(a_i, 2) + Σ C(b_j, 2)) / 2 - E)`` with
    ``E = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2)``. Identical partitions give
    1; when the denominator is 0 (both trivial), 1.

    Examples
    --------
    ``a = [0, 0, 1, 1]``, ``b = [0, 0, 0, 1]``: ``Σ C(n_ij, 2) = 1``,
    ``Σ C(a_i, 2) = 2``, ``Σ C(b_j, 2) = 3``, ``E = 6/6 = 1``, so ARI = 0.

    >>> adjusted_rand([0, 0, 1, 1], [0, 0, 0, 1])
    0.0
    """
    table = contingency(a, b)
    n = int(table.sum())

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    sa, sb = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = n * (n - 1) / 2
    expected = sa * sb / total if total else 0.0
    top = (sa + sb) / 2 - expected
    if top == 0:
        return 1.0
    return float((index - expected) / top)
