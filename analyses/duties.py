"""Workload: how many tasks each unit leads and supports, how heavy that is, and when it falls due."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from remit.analyses._projection import Frames, UnitGraph, frames, unit_graph

__all__ = ["LEAD_WEIGHT", "SUPPORT_WEIGHT", "UNIT_COLUMNS", "Workload", "workload"]

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
    include_collectives : bool
        Whether collective placeholders have rows.
    """

    units: pd.DataFrame
    due: pd.DataFrame
    support_due: pd.DataFrame
    lead_weight: float
    support_weight: float
    include_collectives: bool


def workload(G: nx.MultiDiGraph, *, include_collectives: bool = False, lead_weight: float = LEAD_WEIGHT,
             support_weight: float = SUPPORT_WEIGHT, data: Frames | None = None,
             projection: UnitGraph | None = None) -> Workload:
    """Count each unit's tasks and weigh them into one load figure.

    For each unit:

    - ``led``: tasks it leads; ``co_led``: those of them with more than one
      lead; ``supported``: tasks it supports (a unit listed as both lead and
      support of a task counts as its lead only); ``tasks`` = led + supported;
    - ``partners``: distinct units it shares at least one task with, in any
      role (its degree in the coordination graph, so collectives count only
      when ``include_collectives``);
    - ``domains``: distinct domains of the tasks it leads or supports;
    - ``lead_share``: the sum over its led tasks of ``1 / k``, where ``k`` is
      the number of lead units of that task (of any kind): ``k`` co-leads
      share one lead;
    - ``load`` = ``lead_weight × lead_share + support_weight × supported``;
    - ``peak_month``: the month (``"YYYY-MM"``) in which most of its led
      tasks fall due, the earliest on a tie, None if none has a date;
      ``peak_due``: how many led tasks fall due then (0 if none).

    Lead shares count every lead, collectives included, so that switching
    ``include_collectives`` only adds or removes rows and never changes an
    agency's figures other than ``partners``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`; it is not changed.
    include_collectives : bool
        Give collective placeholders (各有关单位, …) rows too.
    lead_weight, support_weight : float
        Weight of one whole lead and of one support.
    data : Frames, optional
        Tables already read from ``G`` (internal reuse).
    projection : UnitGraph, optional
        ``unit_graph(G, include_collectives, data)`` already built (internal reuse).

    Returns
    -------
    Workload

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
    f = data if data is not None else frames(G)
    units = f.units if include_collectives else f.units[f.units["kind"] != "collective"]
    names = units["unit"].tolist()
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
    ug = projection if projection is not None else unit_graph(G, include_collectives, data=f)
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
        "kind": units["kind"].to_numpy(),
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
    table["kind"] = pd.Series(units["kind"].tolist(), index=table.index, dtype=object)
    table.insert(9, "peak_month", pd.Series(peak_month.tolist(), index=table.index, dtype=object))
    loads = table["load"].tolist()
    order = sorted(range(len(names)), key=lambda i: (-loads[i], names[i]))
    table = table.iloc[order]
    return Workload(table, due.loc[table.index], support_due.loc[table.index], float(lead_weight),
                    float(support_weight), include_collectives)


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
