"""Build the typed task graph: units, tasks and domains with their edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd

from remit.model import TaskList

__all__ = ["build_graph", "domain_node", "plain_value", "task_node", "unit_node"]

LEADS, SUPPORTS, IN_DOMAIN = "LEADS", "SUPPORTS", "IN_DOMAIN"


def unit_node(name: str) -> str:
    """Node key of a unit. Keys are typed so that no unit can collide with a task id.

    Examples
    --------
    >>> unit_node("市财政局")
    'unit:市财政局'
    """
    return f"unit:{name}"


def task_node(task_id: str) -> str:
    """Node key of a task."""
    return f"task:{task_id}"


def domain_node(list_id: str, domain: str) -> str:
    """Node key of a domain within one list."""
    return f"domain:{list_id}/{domain}"


def plain_value(value: Any) -> Any:
    """Turn a pandas cell into a plain Python value: missing → None, date → ISO text.

    Examples
    --------
    >>> import datetime, pandas as pd
    >>> [plain_value(v) for v in (pd.NA, float("nan"), datetime.date(2020, 6, 30), 3)]
    [None, None, '2020-06-30', 3]
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def build_graph(tasklist: TaskList) -> nx.MultiDiGraph:
    """Return the task graph of a :class:`~remit.model.TaskList`.

    Nodes carry ``type`` (``unit``, ``task`` or ``domain``) and every field
    of their row: a unit its ``name``, ``kind`` and ``aliases``; a task all
    of its columns, with ``deadline`` as an ISO date string (or None); a
    domain its ``list_id``, ``ordinal`` and ``name``. Edges are keyed and
    typed ``LEADS`` and ``SUPPORTS`` (unit → task, with ``position``) and
    ``IN_DOMAIN`` (task → domain).

    Parameters
    ----------
    tasklist : TaskList

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> G.nodes["unit:市市场监管局"]["kind"], G.nodes["task:shenzhen-2020-tasks#1"]["deadline"]
    ('agency', '2020-01-31')
    >>> sum(1 for _, _, k in G.out_edges("unit:市市场监管局", keys=True) if k == "LEADS")
    40
    """
    G = nx.MultiDiGraph(name="remit task graph")
    G.graph["lists"] = sorted(tasklist.tasks["list_id"].unique().tolist())
    for row in tasklist.units.itertuples(index=False):
        G.add_node(unit_node(row.unit), type="unit", name=row.unit, label=row.unit,
                   kind=row.kind, aliases=tuple(row.aliases))
    for record in tasklist.tasks.to_dict("records"):
        attrs = {key: plain_value(value) for key, value in record.items()}
        G.add_node(task_node(record["task_id"]), type="task", label=record["title"], **attrs)
        if record["domain"]:
            key = domain_node(record["list_id"], record["domain"])
            if key not in G:
                G.add_node(key, type="domain", label=record["domain"], name=record["domain"],
                           list_id=record["list_id"], ordinal=plain_value(record["domain_ordinal"]))
            G.add_edge(task_node(record["task_id"]), key, key=IN_DOMAIN, type=IN_DOMAIN)
    for row in tasklist.assignments.itertuples(index=False):
        rel = LEADS if row.role == "lead" else SUPPORTS
        G.add_edge(unit_node(row.unit), task_node(row.task_id), key=rel, type=rel,
                   position=int(row.position))
    return G
