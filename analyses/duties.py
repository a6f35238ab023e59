"""Workload: how many tasks each unit leads and supports, how heavy that is, and when it falls due."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from remit.analyses._projection import Frames, UnitGraph, frames, unit_graph

__all__ = ["LEAD_WEIGHT", "SUPPORT_WEIGHT", "UNIT_COLUMNS", "Workload", "workload", "workload_of"]

# The default weights of ``load``: a led task counts LEAD_WEIGHT shared among its leads, a supported one
# SUPPORT_WEIGHT. The report's explanation of the load is written from these (exports/i18n.py).
LEAD_WEIGHT = 1.0
SUPPORT_WEIGHT = 0.5

UNIT_COLUMNS = ["kind", "led", "co_led", "supported", "tasks", "partners", "domains",
                "lead_share", "load", "peak_month", "peak_due"]


@dataclass(frozen=True)
class Workload:
    """The result of :func:`workload`.

    Attributes
    ----------
    units : pandas.DataFrame
        One row per unit, indexed by ``unit``; columns :data:`UNIT_COLUMNS`,
        sorted by ``load`` (highest first), then by name.
    due : pandas.DataFrame
        Unit × month (``"YYYY-MM"`` columns, in order): led tasks due that
        month. Same rows and order as ``units``.
    support_due : pandas.DataFrame
        The same for supported tasks.
    lead_weight, support_weight : float
        The weights used in ``load``.
    """

    units: pd.DataFrame
    due: pd.DataFrame
    support_due: pd.DataFrame
    lead_weight: float
    support_weight: float


def workload(G: nx.MultiDiGraph, *, lead_weight: float = LEAD_WEIGHT,
             support_weight: float = SUPPORT_WEIGHT) -> Workload:
    """Count each agency's tasks and weigh them into one load figure; see :func:`workload_of`.

    With collective placeholders in scope too, read the ``workload`` of
    :func:`remit.analyses.unit_summary`.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> w = workload(G)
    >>> row = w.units.loc["市税务局"]
    >>> int(row["led"]), int(row["co_led"]), int(row["supported"]), round(float(row["load"]), 4)
    (13, 1, 6, 15.3333)
    >>> w.units.index[0], int(w.units.loc["市市场监管局", "led"])
    ('市市场监管局', 40)
    """
    f = frames(G)
    return workload_of(f, unit_graph(f), lead_weight=lead_weight, support_weight=support_weight)


def workload_of(data: Frames, ug: UnitGraph, *, lead_weight: float = LEAD_WEIGHT,
                support_weight: float = SUPPORT_WEIGHT) -> Workload:
    """Count each unit's tasks and weigh them into one load figure.

    For each unit:

    - ``led``: tasks it leads; ``co_led``: those of them with more than one
      lead; ``supported``: tasks it supports (a unit listed as both lead and
      support of a task counts as its lead only); ``tasks`` = led + supported;
    - ``partners``: distinct units it shares at least one task with, in any
      role (its degree in the coordination graph ``ug``, so collectives count
      only when they are in its scope);
    - ``domains``: distinct domains of the tasks it leads or supports;
    - ``lead_share``: the sum over its led tasks of ``1 / k``, where ``k`` is
      the number of lead units of that task (of any kind): ``k`` co-leads
      share one lead;
    - ``load`` = ``lead_weight × lead_share + support_weight × supported``;
    - ``peak_month``: the month (``"YYYY-MM"``) in which most of its led
      tasks fall due, the earliest on a tie, None if none has a date;
      ``peak_due``: how many led tasks fall due then (0 if none).

    Lead shares count every lead, collectives included, so that putting
    collectives in scope only adds or removes rows and never changes an
    agency's figures other than ``partners``.

    Parameters
    ----------
    data : Frames
        The tables of the graph (:func:`remit.analyses._projection.frames`).
    ug : UnitGraph
        Its projection onto the units in scope: they, and only they, get rows.
    lead_weight, support_weight : float
        Weight of one whole lead and of one support.

    Returns
    -------
    Workload

    Examples
    --------
    A task co-led by an agency and a collective gives the agency half a lead,
    whether or not the collective has a row:

    >>> import remit
    >>> from remit.analyses._projection import frames, unit_graph
    >>> f = frames(remit.build_graph(remit.load(remit.example_path())))
    >>> every = workload_of(f, unit_graph(f, lambda kind: True)).units
    >>> agencies = workload_of(f, unit_graph(f)).units
    >>> len(every) - len(agencies), bool((every.loc[agencies.index, "load"] == agencies["load"]).all())
    (11, True)
    """
    f = data
    names = list(ug.names)
    roles = f.roles.merge(f.tasks[["task_id", "month", "domain", "n_leads"]], on="task_id", how="left")
    leads = roles[roles["role"] == "lead"]
    supports = roles[roles["role"] == "support"]

    def per_unit(series: pd.Series) -> pd.Series:
        return series.reindex(names, fill_value=0)

    led = per_unit(leads.groupby("unit").size())
    co_led = per_unit(leads[leads["n_leads"] > 1].groupby("unit").size())
    supported = per_unit(supports.groupby("unit").size())
    share = per_unit((1.0 / leads["n_leads"].clip(lower=1)).groupby(leads["unit"]).sum())
    domains = per_unit(roles.dropna(subset=["domain"]).groupby("unit")["domain"].nunique())
    partners = pd.Series(np.diff(ug.W.indptr), index=ug.names).reindex(names, fill_value=0)

    due = _due_table(leads, names)
    support_due = _due_table(supports, names)
    if due.shape[1]:
        peak_due = due.max(axis=1)
        peak_month = due.idxmax(axis=1).astype(object).where(peak_due > 0, None)
    else:
        peak_due = pd.Series(0, index=names)
        peak_month = pd.Series(None, index=names, dtype=object)

    table = pd.DataFrame({
        "kind": np.array(ug.kinds, dtype=object),
        "led": led.to_numpy(dtype=np.int64),
        "co_led": co_led.to_numpy(dtype=np.int64),
        "supported": supported.to_numpy(dtype=np.int64),
        "tasks": (led + supported).to_numpy(dtype=np.int64),
        "partners": partners.to_numpy(dtype=np.int64),
        "domains": domains.to_numpy(dtype=np.int64),
        "lead_share": share.to_numpy(dtype=float),
        "load": lead_weight * share.to_numpy(dtype=float) + support_weight * supported.to_numpy(dtype=float),
        "peak_due": peak_due.to_numpy(dtype=np.int64),
    }, index=pd.Index(names, name="unit"))
    # Plain Python strings and None, not pandas' string dtype with NaN.
    table["kind"] = pd.Series(list(ug.kinds), index=table.index, dtype=object)
    table.insert(9, "peak_month", pd.Series(peak_month.tolist(), index=table.index, dtype=object))
    loads = table["load"].tolist()
    order = sorted(range(len(names)), key=lambda i: (-loads[i], names[i]))
    table = table.iloc[order]
    return Workload(table, due.loc[table.index], support_due.loc[table.index], float(lead_weight),
                    float(support_weight))


def _due_table(rows: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Unit × month counts of ``rows`` with a month, every unit in ``names`` a row."""
    dated = rows.dropna(subset=["month"])
    dated = dated[dated["unit"].isin(set(names))]
    months = sorted(dated["month"].unique().tolist())
    counts = dated.groupby(["unit", "month"]).size()
    table = counts.unstack(fill_value=0) if len(counts) else pd.DataFrame(index=[], columns=months)
    table = table.reindex(index=names, columns=months, fill_value=0).fillna(0).astype(np.int64)
    table.index.name = "unit"
    table.columns = pd.Index(months, dtype=object, name="month")
    return table
