"""Text similarity of task descriptions: TF-IDF over character 2- and 3-grams, one-to-one matching.

Why TF-IDF over character n-grams (and not rapidfuzz's edit ratios):

- Chinese has no spaces, so word tokens need a segmenter; character 2- and
  3-grams need none and still capture words (改革, 营商环境).
- IDF weighs down what every task says (推进, 进一步, 深圳市, 2020) and up what
  only one task says (一窗通, 商事登记), so a reworded task keeps its
  similarity and two tasks of the same boilerplate do not look alike.
- One sparse product gives every pair's cosine at once; edit ratios are one
  call per pair and are thrown off by reordered clauses.

Digits are folded to ``0`` before the n-grams are cut, so a changed year or
count does not weaken a match; numbers (序号) are never compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment

__all__ = ["DENSE_LIMIT", "NGRAMS", "assign", "normalise_text", "similarity_matrix"]

NGRAMS = (2, 3)
#: Above this many cells the assignment is greedy over the sparse candidates, not Hungarian.
DENSE_LIMIT = 4_000_000
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


def similarity_matrix(old: Sequence[str], new: Sequence[str]) -> sp.csr_matrix:
    """Cosine similarity of every old text with every new text, TF-IDF over char 2/3-grams.

    The IDF is fitted on both sides together (a term common in either year is
    common). Term frequencies are sublinear (``1 + log tf``).

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
    texts = [normalise_text(t) for t in [*old, *new]]
    grams: list[str] = []
    owner: list[int] = []
    for r, text in enumerate(texts):
        before = len(grams)
        for n in NGRAMS:
            grams.extend(text[i:i + n] for i in range(len(text) - n + 1))
        owner.extend([r] * (len(grams) - before))
    codes, vocab = pd.factorize(pd.Series(grams, dtype=object), sort=False)
    # Duplicates add up in the conversion to CSR: the data become raw term counts.
    X = sp.csr_matrix((np.ones(len(codes)), (np.asarray(owner, dtype=np.int64), codes)),
                      shape=(len(texts), max(len(vocab), 1)))
    X.sum_duplicates()
    X.data = 1.0 + np.log(X.data)
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    X = X @ sp.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    X = sp.diags(1.0 / norms) @ X
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
    keep = C.data >= threshold
    r, c, v = C.row[keep], C.col[keep], C.data[keep]
    if not len(v):
        return []
    if S.shape[0] * S.shape[1] <= DENSE_LIMIT:
        rows_used, r_inv = np.unique(r, return_inverse=True)
        cols_used, c_inv = np.unique(c, return_inverse=True)
        # Pairs below the threshold may not be used: give them a large cost, drop them after.
        cost = np.full((len(rows_used), len(cols_used)), 10.0)
        cost[r_inv, c_inv] = 1.0 - v
        ri, ci = linear_sum_assignment(cost)
        pairs = [(int(rows_used[a]), int(cols_used[b]), float(1.0 - cost[a, b]))
                 for a, b in zip(ri, ci, strict=True) if cost[a, b] < 10.0]
    else:
        order = np.lexsort((c, r, -v))
        seen_r: set[int] = set()
        seen_c: set[int] = set()
        pairs = []
        for k in order:
            a, b = int(r[k]), int(c[k])
            if a in seen_r or b in seen_c:
                continue
            seen_r.add(a)
            seen_c.add(b)
            pairs.append((a, b, float(v[k])))
    return sorted((a, b, round(s, 6)) for a, b, s in pairs)
