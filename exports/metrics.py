"""The domains of units and clusters, for the map's legend and the report's tables.

The analyses themselves reach the exports as one
:class:`remit.analyses.UnitSummary`.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from remit.analyses import UnitSummary
from remit.graph.schema import DOMAIN, IN_DOMAIN, ROLE_EDGES

__all__ = ["cluster_domains", "unit_domains"]


def unit_domains(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each unit's domains, most tasks first (document order breaks ties).

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> unit_domains(G)["深圳海关"][0]
    '促进跨境贸易便利化'
    """
    order: dict[str, int] = {}
    for node, data in G.nodes(data=True):
        if data.get("type") == DOMAIN:
            order[node] = len(order)
    counts: dict[str, dict[str, int]] = {}
    for unit, task, key in G.edges(keys=True):
        if key not in ROLE_EDGES:
            continue
        for _, dom, k in G.out_edges(task, keys=True):
            if k == IN_DOMAIN:
                per = counts.setdefault(G.nodes[unit]["name"], {})
                per[dom] = per.get(dom, 0) + 1
    return {unit: [G.nodes[d]["name"] for d in sorted(per, key=lambda d: (-per[d], order[d]))]
            for unit, per in counts.items()}


def cluster_domains(G: nx.MultiDiGraph, summary: UnitSummary) -> dict[int, str]:
    """Each cluster's main domain: the domain of most of the tasks the cluster leads.

    A task belongs to the cluster of its lead (``clusters(G).tasks``). A
    cluster that leads no task takes the domain in which its members hold
    the most assignments. Ties go to the domain that comes first in the
    document.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> from remit.analyses import unit_summary
    >>> cluster_domains(G, unit_summary(G))[1]
    '加强法治保障'
    """
    order: dict[str, int] = {}
    task_domain: dict[str, str] = {}
    for _, data in G.nodes(data=True):
        if data.get("type") == DOMAIN:
            order.setdefault(data["name"], len(order))
    for task, dom, key in G.edges(keys=True):
        if key == IN_DOMAIN:
            task_domain[G.nodes[task]["task_id"]] = G.nodes[dom]["name"]
    counts: dict[int, dict[str, int]] = {}
    tasks = getattr(summary.clusters, "tasks", None)
    if isinstance(tasks, pd.DataFrame) and {"task_id", "cluster"} <= set(tasks.columns):
        pairs = tasks.drop_duplicates("task_id")[["task_id", "cluster"]]
        for task_id, cluster in pairs.itertuples(index=False):
            if not pd.isna(cluster) and task_id in task_domain:  # a task with no cluster is NA
                per = counts.setdefault(int(cluster), {})
                per[task_domain[task_id]] = per.get(task_domain[task_id], 0) + 1
    members = {str(u): int(c) for u, c in summary.membership.items() if not pd.isna(c)}
    fallback: dict[int, dict[str, int]] = {}
    for unit, task, key in G.edges(keys=True):
        if key in ROLE_EDGES:
            cluster = members.get(G.nodes[unit]["name"])
            dom = task_domain.get(G.nodes[task]["task_id"])
            if cluster is not None and cluster not in counts and dom is not None:
                per = fallback.setdefault(cluster, {})
                per[dom] = per.get(dom, 0) + 1
    counts.update(fallback)
    return {c: min(per, key=lambda d: (-per[d], order.get(d, 0))) for c, per in sorted(counts.items())}
