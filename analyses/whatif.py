"""What-if: remove units or hand tasks over, and see every unit's figures before, after and the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from remit.analyses.summary import UnitSummary
from remit.errors import RemitError
from remit.graph.schema import LEADS, SUPPORTS, TASK, UNIT
from remit.suggest import unknown_unit

__all__ = ["WhatIf", "apply_change", "parse_reassign", "what_if"]

# Columns compared; text columns (kind, months, reasons) stay in before/after only.
_WORKLOAD = ["led", "co_led", "supported", "tasks", "partners", "domains", "lead_share", "load",
             "peak_due"]
_CENTRALITY = ["degree", "weighted_degree", "betweenness", "eigenvector", "pagerank", "effective_size",
               "efficiency", "constraint", "bipartite_degree", "bipartite_betweenness"]
_BOTTLENECK = ["score", "rank", "separated_pairs"]


@dataclass(frozen=True)
class WhatIf:
    """The result of :func:`what_if`.

    Attributes
    ----------
    before, after : pandas.DataFrame
        Per unit, both on the same index ``unit`` (the order of the
        original workload table: load, highest first): the workload,
        centrality and bottleneck columns, plus ``kind``, ``peak_month`` and
        ``reason``. A removed unit's ``after`` row is NaN.
    delta : pandas.DataFrame
        ``after - before`` for the numeric columns; a removed unit's row is
        NaN, and ``removed`` marks it.
    graph : networkx.MultiDiGraph
        The changed copy of the graph.
    orphaned : list of str
        Tasks left without any lead.
    """

    before: pd.DataFrame
    after: pd.DataFrame
    delta: pd.DataFrame
    graph: nx.MultiDiGraph
    orphaned: list[str]


def _unit_nodes(G: nx.MultiDiGraph) -> dict[str, str]:
    return {data["name"]: node for node, data in G.nodes(data=True) if data.get("type") == UNIT}


def _task_nodes(G: nx.MultiDiGraph) -> dict[str, str]:
    return {data["task_id"]: node for node, data in G.nodes(data=True) if data.get("type") == TASK}


def parse_reassign(specs: Iterable[str], task_ids: Iterable[str], lists: Iterable[str] = ()
                   ) -> dict[str, tuple[str, str]]:
    """``{task_id: (from_unit, to_unit)}`` for :func:`what_if` from ``TASK:FROM:TO`` texts.

    A bare number names a task of the only list among ``lists``.

    Raises
    ------
    RemitError
        For a text that is not ``TASK:FROM:TO``, or a task not among ``task_ids``.

    Examples
    --------
    >>> parse_reassign(["9:市税务局:市财政局"], {"sz#9", "sz#10"}, ["sz"])
    {'sz#9': ('市税务局', '市财政局')}
    >>> parse_reassign(["9:市税务局"], {"sz#9"}, ["sz"])
    Traceback (most recent call last):
    ...
    remit.errors.RemitError: --reassign '9:市税务局': expected TASK:FROM:TO
    """
    known, list_ids = set(task_ids), list(lists)
    out: dict[str, tuple[str, str]] = {}
    for spec in specs:
        parts = spec.rsplit(":", 2)
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise RemitError(f"--reassign {spec!r}: expected TASK:FROM:TO")
        task, source, target = (p.strip() for p in parts)
        # A bare number names a task of the only list loaded.
        if task not in known and task.isdigit() and len(list_ids) == 1:
            task = f"{list_ids[0]}#{task}"
        if task not in known:
            raise RemitError(f"unknown task {task!r}: not in the task list")
        out[task] = (source, target)
    return out


def apply_change(G: nx.MultiDiGraph, remove: Iterable[str] = (),
                 reassign: Mapping[str, tuple[str, str]] | None = None) -> nx.MultiDiGraph:
    """Return a copy of ``G`` with units removed and tasks handed over; ``G`` is untouched.

    Removing a unit deletes its node and its ``LEADS``/``SUPPORTS`` edges
    and nothing else. Reassigning ``{task_id: (from_unit, to_unit)}`` moves
    each edge from ``from_unit`` to that task onto ``to_unit``, in the same
    role and position. If ``to_unit`` already has that role, or already
    leads the task, the moved edge is dropped; a supporter that receives
    the lead loses its ``SUPPORTS`` edge. Reassignments apply before
    removals.

    Raises
    ------
    RemitError
        For a unit or task that is not in the graph, or a ``from_unit``
        that has no part in the task.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> H = apply_change(G, reassign={"shenzhen-2020-tasks#9": ("市税务局", "市财政局")})
    >>> [k for _, _, k in H.in_edges("task:shenzhen-2020-tasks#9", keys=True)]
    ['LEADS']
    >>> [k for _, _, k in G.in_edges("task:shenzhen-2020-tasks#9", keys=True)]
    ['LEADS', 'SUPPORTS']
    """
    units = _unit_nodes(G)
    tasks = _task_nodes(G)
    aliases = {data["name"]: data.get("aliases", ()) for _, data in G.nodes(data=True)
               if data.get("type") == UNIT}
    for name in remove:
        if name not in units:
            raise RemitError(unknown_unit(name, units, aliases))
    H = G.copy()
    for task_id, pair in sorted((reassign or {}).items()):
        if task_id not in tasks:
            raise RemitError(f"unknown task {task_id!r}: not in the task list")
        source, target = pair
        for name in (source, target):
            if name not in units:
                raise RemitError(unknown_unit(name, units, aliases))
        t, s, d = tasks[task_id], units[source], units[target]
        moved = [(key, data) for u, _, key, data in H.in_edges(t, keys=True, data=True) if u == s]
        if not moved:
            raise RemitError(f"{source} has no part in task {task_id}")
        for key, data in moved:
            H.remove_edge(s, t, key=key)
            if key == SUPPORTS and H.has_edge(d, t, key=LEADS):
                continue  # the new unit already leads the task
            if key == LEADS and H.has_edge(d, t, key=SUPPORTS):
                H.remove_edge(d, t, key=SUPPORTS)  # a supporter promoted to lead
            if not H.has_edge(d, t, key=key):
                H.add_edge(d, t, key=key, **data)
    for name in remove:
        H.remove_node(units[name])
    return H


def _table(summary: UnitSummary) -> pd.DataFrame:
    return summary.table[["kind", *_WORKLOAD, "peak_month", *_CENTRALITY, *_BOTTLENECK, "reason"]]


def what_if(summary: UnitSummary, remove: Iterable[str] = (),
            reassign: Mapping[str, tuple[str, str]] | None = None) -> WhatIf:
    """Recompute workload, centrality and bottlenecks after a change, for every unit in scope.

    The change is applied to a copy of the summary's graph
    (:func:`apply_change`), which is never modified, and analysed with the
    summary's scope and options (:meth:`UnitSummary.on`). ``delta = after -
    before`` for each numeric column: led, co-led, supported, tasks, partners, domains, lead share, load,
    peak due, every centrality metric, bottleneck score, rank and
    separated pairs. With no change every delta is 0.

    Parameters
    ----------
    summary : UnitSummary
        :func:`remit.analyses.unit_summary` of the graph as it is; its
        ``table`` is ``before``, and its scope and language hold after.
    remove : iterable of str
        Units that drop out.
    reassign : mapping, optional
        ``{task_id: (from_unit, to_unit)}``.

    Returns
    -------
    WhatIf

    Examples
    --------
    What happens to 市政务服务数据管理局 if 市市场监管局 hands over five of its led tasks?

    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> handover = {f"shenzhen-2020-tasks#{n}": ("市市场监管局", "市政务服务数据管理局")
    ...             for n in (1, 3, 4, 10, 11)}
    >>> r = what_if(unit_summary(G), reassign=handover)
    >>> int(r.delta.loc["市政务服务数据管理局", "led"]), int(r.delta.loc["市市场监管局", "led"])
    (5, -5)
    >>> float(r.delta.loc["市政务服务数据管理局", "load"]), float(r.delta.loc["市市场监管局", "load"])
    (3.0, -4.5)
    """
    H = apply_change(summary.graph, remove, reassign)
    before = _table(summary)
    after_raw = _table(summary.on(H))
    known = set(before.index)
    index = pd.Index([*before.index, *(u for u in after_raw.index if u not in known)], name="unit")
    before = before.reindex(index)
    after = after_raw.reindex(index)
    numeric = [*_WORKLOAD, *_CENTRALITY, *_BOTTLENECK]
    delta = after[numeric].astype(float) - before[numeric].astype(float)
    removed = ~pd.Index(index).isin(after_raw.index)
    delta.insert(0, "removed", removed)
    delta = delta.astype({"removed": bool})
    delta.loc[removed, numeric] = np.nan
    task_has_lead = {v for _, v, k in H.edges(keys=True) if k == LEADS}
    orphaned = sorted(data["task_id"] for node, data in H.nodes(data=True)
                      if data.get("type") == TASK and node not in task_has_lead)
    return WhatIf(before, after, delta, H, orphaned)
