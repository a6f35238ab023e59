"""Each unit's overdue and due-soon led tasks added to a per-unit table.

Apart from :mod:`remit.analyses.followup`, whose text matching of progress sheets needs
scipy's assignment solver: a table that only gets the counts (``remit units``, the
report, the map) does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from remit.analyses.followup import FollowUp

__all__ = ["with_overdue"]


def with_overdue(units: pd.DataFrame, result: FollowUp | None) -> pd.DataFrame:
    """``units`` (one row per unit, a ``unit`` column) with ``overdue`` and ``due_soon`` from ``result``
    added once; ``units`` itself when ``result`` is None or the columns are there already.

    A unit that leads no task of ``result`` counts 0 of each. (市市场监管局 leads tasks 1-3, due
    2020-01-31, and 11 and 13, due 2020-03-31: five overdue on 1 April, none due in the next 30 days.)

    Examples
    --------
    >>> import datetime, remit
    >>> from remit.analyses import unit_summary
    >>> from remit.analyses.followup import follow_up
    >>> summary = unit_summary(remit.build_graph(remit.load(remit.example_path())))
    >>> units = pd.DataFrame({"unit": ["市市场监管局", "某某局"]})
    >>> with_overdue(units, follow_up(summary, datetime.date(2020, 4, 1))).values.tolist()
    [['市市场监管局', 5, 0], ['某某局', 0, 0]]
    >>> with_overdue(units, None) is units
    True
    """
    if result is None or "overdue" in units.columns:
        return units
    out = units.merge(result.units[["overdue", "due_soon"]], left_on="unit", right_index=True, how="left")
    out[["overdue", "due_soon"]] = out[["overdue", "due_soon"]].fillna(0).astype(int)
    return out
