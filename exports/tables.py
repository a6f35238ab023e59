"""The report's tables as DataFrames: the same rows go to HTML, CSV and Excel."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from remit.analyses import UnitSummary
from remit.analyses.duties import UNIT_COLUMNS
from remit.exports.metrics import unit_domains
from remit.graph.schema import UNIT
from remit.loaders.readback import TASK_TABLE_COLUMNS
from remit.model import TaskList

__all__ = ["cluster_table", "domain_table", "due_table", "task_table", "unit_table"]

CENTRALITY_COLUMNS = ["degree", "weighted_degree", "betweenness", "eigenvector", "pagerank",
                      "effective_size", "efficiency", "constraint", "bipartite_degree",
                      "bipartite_betweenness"]


def unit_table(G: nx.MultiDiGraph, summary: UnitSummary) -> pd.DataFrame:
    """One row per unit: workload, centrality, bottleneck rank and reason, cluster.

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> t = unit_table(G, unit_summary(G))
    >>> int(t.set_index("unit").at["市市场监管局", "led"])
    40
    """
    units = summary.table[[*UNIT_COLUMNS, *CENTRALITY_COLUMNS, "rank", "score", "reason"]].rename(
        columns={"rank": "bottleneck_rank", "score": "bottleneck_score", "reason": "bottleneck_reason"})
    units["cluster"] = summary.membership.reindex(units.index)
    doms = unit_domains(G)
    aliases = {d["name"]: "|".join(d.get("aliases", ()))
               for _, d in G.nodes(data=True) if d.get("type") == UNIT}
    units["main_domain"] = [(doms.get(u) or [""])[0] for u in units.index]
    units["aliases"] = [aliases.get(u, "") for u in units.index]
    former = {d["name"]: "|".join(d["former"]) for _, d in G.nodes(data=True)
              if d.get("type") == UNIT and d.get("former")}
    if former:  # lists read as of a date: the names units had before a restructuring
        units["former_names"] = [former.get(u, "") for u in units.index]
    units.index.name = "unit"
    units = units.reset_index()
    if "bottleneck_rank" in units.columns:
        units = units.sort_values(["bottleneck_rank", "unit"], na_position="last", kind="stable")
    return units.reset_index(drop=True)


def task_table(tasklist: TaskList, summary: UnitSummary | None = None) -> pd.DataFrame:
    """One row per task with its lead and supporting units joined by ``、``.

    Examples
    --------
    >>> import remit
    >>> t = task_table(remit.load(remit.example_path()))
    >>> t.set_index("number").at[9, "lead_units"], t.set_index("number").at[9, "support_units"]
    ('市税务局', '市财政局')
    """
    a = tasklist.assignments.sort_values(["task_id", "role", "position"], kind="stable")
    joined = (a.groupby(["task_id", "role"], sort=False)["unit"].agg("、".join).unstack()
              .reindex(columns=["lead", "support"]))
    tasks = tasklist.tasks.copy()
    tasks["lead_units"] = tasks["task_id"].map(joined["lead"]).astype(object).fillna("")
    tasks["support_units"] = tasks["task_id"].map(joined["support"]).astype(object).fillna("")
    tasks["deadline"] = tasks["deadline"].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else "")
    if summary is not None:
        ct = getattr(summary.clusters, "tasks", None)
        if isinstance(ct, pd.DataFrame) and {"task_id", "cluster"} <= set(ct.columns):
            per_task = ct.drop_duplicates("task_id").set_index("task_id")["cluster"]
            tasks["cluster"] = tasks["task_id"].map(per_task)
    # remit reads this table back (remit.loaders.readback): the columns are defined there.
    return tasks[[c for c in TASK_TABLE_COLUMNS if c in tasks.columns]]


def domain_table(tasklist: TaskList) -> pd.DataFrame:
    """Tasks per domain, in document order."""
    t = tasklist.tasks
    counts = t.groupby(["list_id", "domain"], sort=False).size().reset_index(name="tasks")
    return counts[counts["domain"].astype(str) != ""].reset_index(drop=True)


def due_table(summary: UnitSummary) -> pd.DataFrame:
    """Led tasks due per unit and month, every month of the span present, busiest units first."""
    due = summary.workload.due.copy()
    if due.empty:
        return due
    months = pd.PeriodIndex([str(c) for c in due.columns], freq="M")
    span = pd.period_range(months.min(), months.max(), freq="M")
    if len(span) <= 120:  # a continuous time line reads better; cap it for odd inputs
        due.columns = [str(c) for c in due.columns]
        due = due.reindex(columns=[str(p) for p in span], fill_value=0)
    due = due.loc[due.sum(axis=1) > 0]
    order = due.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return due.loc[order].astype(int)


def cluster_table(units: pd.DataFrame, main_domains: dict[int, str] | None = None) -> pd.DataFrame:
    """One row per cluster: size, members (busiest first) and its main domain.

    ``main_domains`` (cluster → domain, :func:`remit.exports.metrics.cluster_domains`) names each
    cluster's domain; without it, the commonest main domain of its members.
    """
    if "cluster" not in units.columns:
        return pd.DataFrame(columns=["cluster", "size", "members", "main_domain"])
    rows = []
    for cluster, group in units.dropna(subset=["cluster"]).groupby("cluster", sort=True):
        group = group.sort_values("load", ascending=False, kind="stable") if "load" in group else group
        top = group["main_domain"].replace("", pd.NA).dropna().mode()
        rows.append({"cluster": cluster, "size": len(group), "members": "、".join(group["unit"]),
                     "main_domain": (main_domains or {}).get(cluster, top.iloc[0] if len(top) else "")})
    if not rows:  # a list without agencies has no clusters; the table is empty, not missing
        return pd.DataFrame(columns=["cluster", "size", "members", "main_domain"])
    return pd.DataFrame(rows).sort_values(["size", "cluster"], ascending=[False, True]).reset_index(drop=True)
