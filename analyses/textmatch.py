"""Text similarity of task descriptions: TF-IDF over character 2- and 3-grams, one-to-one matching.

Why TF-IDF over character n-grams (and not rapidfuzz's edit ratios):

- Chinese has no spaces, so word tokens need a segmenter; character 2- and
  3-grams need none and still capture words (改革, 营商环境).
- IDF weighs down what every task says (推进, 进一步, 深圳市, 2020) and up what
  only one task says (一窗通, 商事登记), so a reworded task keeps its
  similarity and two tasks of the same boilerplate do not look alike.
- One sparse product gives every pair's cosine at once; edit ratios are one
  call per pair and are thrown off by reordered clauses. Long lists take
  the product a block of rows at a time and keep only the pairs at the
  threshold (:func:`match_texts`).

Digits are folded to ``0`` before the n-grams are cut, so a changed year or
count does not weaken a match; numbers (序号) are never compared.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment

from remit.errors import RemitError

__all__ = ["BLOCK_CELLS", "DENSE_LIMIT", "MAX_PAIRS", "NGRAMS", "TOLERANCE", "TextMatch", "assign",
           "match_texts", "normalise_text", "similarity_matrix"]

NGRAMS = (2, 3)
#: Above this many cells the assignment is greedy over the sparse candidates, not Hungarian.
DENSE_LIMIT = 4_000_000
#: A similarity this little below the threshold counts as at it: identical texts come out as
#: 0.99999999999999 or 1.0 by the rounding of the sums, and ``--threshold 1`` must keep them.
TOLERANCE = 1e-9
#: Most pairs of distinct texts at the threshold the matching of long lists holds (16 bytes each).
MAX_PAIRS = 4_000_000
#: Old texts × new texts compared at once in the matching of long lists.
BLOCK_CELLS = 1_000_000
_DROP = re.compile(r"[\s\u3000，。、；：,.;:！？!?“”\"'‘’（）()《》<>【】\[\]—\-·…]+")
_DIGITS = re.compile(r"\d+")


def normalise_text(text: str) -> str:
    """The text n-grams are cut from: punctuation and white space dropped, digit runs as ``0``.

    Examples
    --------
    >>> normalise_text("2020 年 6 月底前，完成“一窗通”。")
    '0年0月底前完成一窗通'
    """
    return _DIGITS.sub("0", _DROP.sub("", text or ""))


def _gram_keys(texts: Sequence[str]) -> np.ndarray:
    """Every n-gram of ``texts`` (per text its 2-grams, then its 3-grams) as a number, 21 bits a character."""
    chars = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths) - lengths
    counts = [np.maximum(lengths - n + 1, 0) for n in NGRAMS]
    before = np.cumsum(np.sum(counts, axis=0)) - np.sum(counts, axis=0)  # where each text's n-grams go
    keys = np.empty(int(sum(c.sum() for c in counts)), dtype=np.uint64)
    for n, count in zip(NGRAMS, counts, strict=True):
        step = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        at = np.repeat(starts, count) + step
        key = np.zeros(len(at), dtype=np.uint64)
        for k in range(n):
            key = (key << np.uint64(21)) | chars[at + k]
        if n < 3:  # 63 bits hold a 3-gram; the top bit marks the shorter ones
            key |= np.uint64(1 << 63)
        keys[np.repeat(before, count) + step] = key
        before += count
    return keys


def _gram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The n-grams of each text as ids in order of first appearance, and the row pointer.

    ``ids[ptr[k]:ptr[k + 1]]`` are text ``k``'s. The keys are made a slice of
    texts at a time, so that no string is made per n-gram and the scratch
    arrays stay small.
    """
    per_text = np.fromiter((max(len(t) - n + 1, 0) for t in texts for n in NGRAMS), dtype=np.int64,
                           count=len(texts) * len(NGRAMS)).reshape(-1, len(NGRAMS)).sum(axis=1)
    indptr = np.concatenate([[0], np.cumsum(per_text)]).astype(np.int64)
    keys = np.empty(int(indptr[-1]), dtype=np.uint64)
    first = 0
    while first < len(texts):
        last = max(int(np.searchsorted(indptr, indptr[first] + 1_000_000, "right")) - 1, first + 1)
        keys[indptr[first]:indptr[last]] = _gram_keys(texts[first:last])
        first = last
    ids, _ = pd.factorize(keys, sort=False)
    del keys
    return ids.astype(np.int32), indptr


def _tfidf(texts: Sequence[str], counts: np.ndarray | None = None) -> sp.csr_matrix:
    """Unit-length TF-IDF rows of already normalised ``texts``; ``counts[k]`` copies of text ``k``.

    The columns are the n-grams in order of first appearance; a text given
    once with a count stands for that many identical texts in the IDF.
    """
    codes, indptr = _gram_codes(texts)
    # Duplicates add up once summed: the data become raw term counts (exact in float32).
    X = sp.csr_matrix((np.ones(len(codes), dtype=np.float32), codes, indptr),
                      shape=(len(texts), max(int(codes.max(initial=-1)) + 1, 1)))
    del codes
    X.sum_duplicates()
    X.data = 1.0 + np.log(X.data.astype(np.float64))
    row = np.repeat(np.arange(len(texts)), np.diff(X.indptr))
    df = np.bincount(X.indices, weights=None if counts is None else counts[row], minlength=X.shape[1])
    total = len(texts) if counts is None else int(counts.sum())
    # In place, the products and sums of ``X @ diags(idf)`` and ``diags(1 / norms) @ X``.
    X.data *= (np.log((1 + total) / (1 + df)) + 1.0)[X.indices]
    norms = np.ones(len(texts))
    filled = np.diff(X.indptr) > 0
    norms[filled] = np.sqrt(np.add.reduceat(X.data * X.data, X.indptr[:-1][filled]))
    X.data *= (1.0 / norms)[row]
    return X


def similarity_matrix(old: Sequence[str], new: Sequence[str]) -> sp.csr_matrix:
    """Cosine similarity of every old text with every new text, TF-IDF over char 2/3-grams.

    The IDF is fitted on both sides together (a term common in either year is
    common). Term frequencies are sublinear (``1 + log tf``). The matrix has
    a cell for every pair sharing an n-gram: for long lists use
    :func:`match_texts`, which never holds it.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``len(old) × len(new)``, values in [0, 1]; pairs sharing no n-gram are absent.

    Examples
    --------
    >>> S = similarity_matrix(["升级开办企业一窗通平台", "推进电子证照应用"],
    ...                       ["进一步升级开办企业一窗通平台", "完善信用修复机制"])
    >>> S.shape, round(float(S[0, 0]), 2) > 0.8, float(S[1, 1])
    ((2, 2), True, 0.0)
    """
    X = _tfidf([normalise_text(t) for t in [*old, *new]])
    A, B = X[:len(old)], X[len(old):]
    S = (A @ B.T).tocsr()
    S.data = np.clip(S.data, 0.0, 1.0)
    return S


def assign(S: sp.csr_matrix, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(old, new, similarity)`` with similarity >= ``threshold``.

    Hungarian assignment (maximum total similarity) over the pairs at or above
    the threshold; above :data:`DENSE_LIMIT` cells, greedy by similarity over
    the sparse candidates. Ties go to the lower indices, so the result is
    repeatable.

    Examples
    --------
    >>> S = sp.csr_matrix(np.array([[0.9, 0.8], [0.85, 0.1]]))
    >>> assign(S, 0.5)  # Hungarian gives 0.8 + 0.85 over greedy's 0.9 + 0.1
    [(0, 1, 0.8), (1, 0, 0.85)]
    >>> assign(S, 0.95)
    []
    """
    C = S.tocoo()
    keep = C.data >= threshold - TOLERANCE
    r, c, v = C.row[keep], C.col[keep], C.data[keep]
    if not len(v):
        return []
    if S.shape[0] * S.shape[1] > DENSE_LIMIT:
        return _greedy(r, c, v, np.arange(S.shape[0]), np.arange(S.shape[1]))
    rows_used, r_inv = np.unique(r, return_inverse=True)
    cols_used, c_inv = np.unique(c, return_inverse=True)
    # Pairs below the threshold may not be used: give them a large cost, drop them after.
    cost = np.full((len(rows_used), len(cols_used)), 10.0)
    cost[r_inv, c_inv] = 1.0 - v
    ri, ci = linear_sum_assignment(cost)
    pairs = [(int(rows_used[a]), int(cols_used[b]), float(1.0 - cost[a, b]))
             for a, b in zip(ri, ci, strict=True) if cost[a, b] < 10.0]
    return sorted((a, b, round(s, 6)) for a, b, s in pairs)


def _members(group: np.ndarray, groups: int) -> tuple[list[int], list[int]]:
    """Rows of each group, ascending: ``rows[start[g]:start[g + 1]]`` are group ``g``'s."""
    order = np.argsort(group, kind="stable")
    start = np.concatenate([[0], np.cumsum(np.bincount(group, minlength=groups))])
    return order.tolist(), start.tolist()


def _greedy(u: np.ndarray, w: np.ndarray, v: np.ndarray, old_group: np.ndarray,
            new_group: np.ndarray) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by similarity, ties to the lower old then new index.

    ``(u, w, v)`` are the pairs of old group ``u`` and new group ``w`` at the
    threshold; every old row ``i`` is a copy of group ``old_group[i]``, every
    new row of ``new_group[j]``. The result is the one of going through all
    row pairs, most similar first, and keeping each pair of two rows still
    free, without listing the row pairs: each old group keeps one entry in a
    heap (its lowest free row with its best free new row), renewed when that
    new row is taken by another group.
    """
    n_u, n_w = int(old_group.max(initial=-1)) + 1, int(new_group.max(initial=-1)) + 1
    rows, row_at = _members(old_group, n_u)
    cols, col_at = _members(new_group, n_w)
    order = np.lexsort((w, -v, u))
    cand_at = np.searchsorted(u[order], np.arange(n_u + 1)).tolist()
    # memoryviews: Python numbers on indexing, without a Python object per pair in memory
    ww, vv = w[order].data, v[order].data
    del order
    # The ``_at`` lists move on as rows are taken and candidates used up; the ``_end`` lists stay.
    row_end, col_end, cand_end = row_at[1:], col_at[1:], cand_at[1:]

    def best(g: int) -> tuple[float, int, int, int, int] | None:
        p, end = cand_at[g], cand_end[g]
        if row_at[g] == row_end[g]:
            return None
        while p < end and col_at[ww[p]] == col_end[ww[p]]:
            p += 1
        cand_at[g] = p
        if p == end:
            return None
        top, pick = vv[p], ww[p]
        q = p + 1
        while q < end and vv[q] == top:  # equal similarity: the lowest free new row of them
            h = ww[q]
            if col_at[h] < col_end[h] and cols[col_at[h]] < cols[col_at[pick]]:
                pick = h
            q += 1
        return (-top, rows[row_at[g]], cols[col_at[pick]], g, pick)

    heap = [e for e in map(best, range(n_u)) if e is not None]
    heapq.heapify(heap)
    pairs = []
    while heap:
        neg, r, c, g, h = heapq.heappop(heap)
        if col_at[h] < col_end[h] and cols[col_at[h]] == c:
            pairs.append((r, c, round(-neg, 6)))
            row_at[g] += 1
            col_at[h] += 1
            if row_at[g] == row_end[g]:
                continue
        entry = best(g)
        if entry is not None:
            heapq.heappush(heap, entry)
    return sorted(pairs)


class TextMatch(NamedTuple):
    """The result of :func:`match_texts`."""

    #: ``(old, new, similarity)`` one-to-one, sorted, similarity rounded to 6 places.
    pairs: list[tuple[int, int, float]]
    #: The highest similarity of any pair when known; ``None`` for long lists without a pair at the threshold.
    best: float | None


def match_texts(old: Sequence[str], new: Sequence[str], threshold: float) -> TextMatch:
    """Match old texts to new texts one to one, at similarity >= ``threshold``.

    Up to :data:`DENSE_LIMIT` cells (2,000 × 2,000) this is :func:`assign`
    (Hungarian) on :func:`similarity_matrix`. Longer lists are matched
    greedily, as :func:`assign` does, in memory that does not grow with the
    product of the two lengths: identical texts (after
    :func:`normalise_text`) are compared once, a block of
    :data:`BLOCK_CELLS` pairs at a time, and only the pairs at the threshold
    are kept, at most :data:`MAX_PAIRS` of them.

    Raises
    ------
    remit.errors.RemitError
        When more than :data:`MAX_PAIRS` pairs of distinct texts reach the threshold.

    Examples
    --------
    >>> m = match_texts(["升级开办企业一窗通平台", "推进电子证照应用"],
    ...                 ["完善信用修复机制", "进一步升级开办企业一窗通平台"], 0.5)
    >>> [(a, b) for a, b, _ in m.pairs], m.best > 0.8
    ([(0, 1)], True)
    """
    if len(old) * len(new) <= DENSE_LIMIT:
        S = similarity_matrix(old, new)
        return TextMatch(assign(S, threshold), float(S.max()) if S.nnz else 0.0)
    distinct: dict[str, int] = {}
    group = np.fromiter((distinct.setdefault(normalise_text(t), len(distinct)) for t in [*old, *new]),
                        dtype=np.int64, count=len(old) + len(new))
    X = _tfidf(list(distinct), np.bincount(group, minlength=len(distinct)))
    del distinct
    old_ids, old_group = np.unique(group[:len(old)], return_inverse=True)
    new_ids, new_group = np.unique(group[len(old):], return_inverse=True)
    u, w, v = _pairs_at(X[old_ids], X[new_ids], threshold)
    del X
    return TextMatch(_greedy(u, w, v, old_group, new_group), float(v.max()) if len(v) else None)


Pairs = tuple[np.ndarray, np.ndarray, np.ndarray]


def _pairs_at(A: sp.csr_matrix, B: sp.csr_matrix, threshold: float) -> Pairs:
    """All ``(row of A, row of B, cosine)`` at the threshold, computed block by block of A's rows.

    Each block's product is the same sums :func:`similarity_matrix` does, so
    the cosines are its values to the bit; only the pairs at the threshold
    are kept, at most :data:`MAX_PAIRS`.
    """
    Bt = B.T.tocsr()
    found: list[Pairs] = []
    kept = 0
    step = max(1, BLOCK_CELLS // max(B.shape[0], 1))
    for first in range(0, A.shape[0], step):
        C = (A[first:first + step] @ Bt).tocoo()
        at = C.data >= threshold - TOLERANCE
        kept += int(at.sum())
        if kept > MAX_PAIRS:
            raise RemitError(f"more than {MAX_PAIRS:,} pairs of different task texts reach similarity "
                             f"{threshold}: too many to match; raise the threshold")
        found.append(((C.row[at] + first).astype(np.int32), C.col[at].astype(np.int32),
                      np.clip(C.data[at], 0.0, 1.0)))
    if not found:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0)
    u, w, v = (np.concatenate(part) for part in zip(*found, strict=True))
    return u, w, v
