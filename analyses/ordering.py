"""The per-unit table in the order a user asks for (``remit units --sort``)."""

from __future__ import annotations

import pandas as pd

from remit.analyses.summary import UnitSummary
from remit.errors import RemitError

__all__ = ["SORT_KEYS", "sorted_units"]

#: ``--sort`` key -> (column, ascending). Constraint sorts ascending: the least
#: constrained units, the brokers, come first.
SORT_KEYS = {
    "load": ("load", False), "lead": ("led", False), "support": ("supported", False),
    "partners": ("partners", False), "betweenness": ("betweenness", False),
    "pagerank": ("pagerank", False), "constraint": ("constraint", True), "bottleneck": ("rank", True),
}


def sorted_units(summary: UnitSummary, sort: str = "load") -> pd.DataFrame:
    """Workload, centrality and bottleneck columns per unit (:attr:`remit.analyses.UnitSummary.table`),
    one row each with a ``unit`` column, sorted by the :data:`SORT_KEYS` key ``sort``.

    Ties go by unit name; a unit without a value comes last.

    Raises
    ------
    RemitError
        For a ``sort`` that is not a key of :data:`SORT_KEYS`.

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> t = sorted_units(unit_summary(remit.build_graph(remit.load(remit.example_path()))), "lead")
    >>> t["unit"].head(2).tolist(), int(t["led"].iloc[0])
    (['市市场监管局', '市中级人民法院'], 40)
    """
    if sort not in SORT_KEYS:
        raise RemitError(f"unknown sort key {sort!r}; choose one of {', '.join(SORT_KEYS)}")
    table = summary.table
    column, ascending = SORT_KEYS[sort]
    key = table[column].astype(float).fillna(float("inf") if ascending else float("-inf"))
    values, labels = key.tolist(), list(table.index)
    order = sorted(range(len(table)), key=lambda i: (values[i] if ascending else -values[i], labels[i]))
    return table.iloc[order].reset_index()
