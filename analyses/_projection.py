"""Tables and sparse matrices read once from the task graph, shared by every analysis.

The analyses work on plain arrays rather than on networkx objects so that
they scale to lists of 100,000 tasks. Everything here is sorted by name, so
no result depends on the order in which the graph happened to be built or on
Python's hash seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from remit.graph.coordination import in_scope
from remit.graph.schema import IN_DOMAIN, ROLE_EDGES, ROLE_OF, TASK, UNIT

__all__ = ["Frames", "UnitGraph", "frames", "to_networkx", "unit_graph"]


@dataclass(frozen=True)
class Frames:
    """The parts of a task graph that the analyses read.

    Attributes
    ----------
    units : pandas.DataFrame
        ``unit``, ``kind``; sorted by unit. Every unit node of the graph.
    tasks : pandas.DataFrame
        ``task_id``, ``month`` (``"YYYY-MM"`` of the deadline, or None),
        ``domain`` (``"<list_id>/<domain>"``, or None) and ``n_leads`` (lead
        units of any kind); in document order (list, then number).
    roles : pandas.DataFrame
        One row per unit and task: ``unit``, ``kind``, ``task_id``, ``role``
        (``lead`` or ``support``; a unit listed in both roles counts as lead,
        as in :func:`remit.graph.task_roles`) and ``position``; sorted by
        task id, then unit.
    """

    units: pd.DataFrame
    tasks: pd.DataFrame
    roles: pd.DataFrame


def frames(G: nx.MultiDiGraph) -> Frames:
    """Read units, tasks and unit–task roles from a graph of :func:`remit.build_graph`.

    Examples
    --------
    >>> import remit
    >>> f = frames(remit.build_graph(remit.load(remit.example_path())))
    >>> len(f.units), len(f.tasks), int((f.roles["role"] == "lead").sum())
    (62, 210, 268)
    """
    units: list[tuple[str, str]] = []
    tasks: dict[str, tuple[str, str | None]] = {}
    order: dict[str, tuple[str, int, str]] = {}
    unit_of: dict[str, tuple[str, str]] = {}
    for node, data in G.nodes(data=True):
        kind = data.get("type")
        if kind == UNIT:
            unit_of[node] = (data["name"], data.get("kind") or "agency")
        elif kind == TASK:
            deadline = data.get("deadline")
            month = deadline[:7] if isinstance(deadline, str) and len(deadline) >= 7 else None
            tasks[node] = (data["task_id"], month)
            number = data.get("number")
            order[data["task_id"]] = (str(data.get("list_id") or ""),
                                      int(number) if isinstance(number, int) else -1, data["task_id"])
    units = list(unit_of.values())
    domains: dict[str, str] = {}
    rows: dict[tuple[str, str], list[object]] = {}
    # The successor dicts directly: networkx's edge views cost seconds on 100,000 edges.
    for u, targets in G._succ.items():
        unit = unit_of.get(u)
        for v, keyed in targets.items():
            for key, attrs in keyed.items():
                if key == IN_DOMAIN:
                    d = G.nodes[v]
                    domains[u] = f"{d.get('list_id')}/{d.get('name')}"
                elif key in ROLE_EDGES and unit is not None and v in tasks:
                    name, kind = unit
                    role = ROLE_OF[key]
                    task_id = tasks[v][0]
                    position = attrs.get("position")
                    pos = int(position) if position is not None else 0
                    current = rows.get((name, task_id))
                    if current is None:
                        rows[(name, task_id)] = [name, kind, task_id, role, pos]
                    elif role == "lead" and current[3] != "lead":
                        current[3], current[4] = "lead", pos
    unit_frame = pd.DataFrame(sorted(set(units)), columns=["unit", "kind"])
    role_frame = pd.DataFrame(list(rows.values()), columns=["unit", "kind", "task_id", "role", "position"])
    role_frame = role_frame.sort_values(["task_id", "unit"], kind="stable").reset_index(drop=True)
    task_frame = pd.DataFrame(
        [(tid, month, domains.get(node)) for node, (tid, month) in tasks.items()],
        columns=["task_id", "month", "domain"],
    )
    # Document order: by list, then number (task ids sort "#10" before "#2").
    ids = task_frame["task_id"].tolist()
    task_frame = task_frame.iloc[sorted(range(len(ids)), key=lambda i: order[ids[i]])]
    task_frame = task_frame.reset_index(drop=True)
    leads = role_frame[role_frame["role"] == "lead"].groupby("task_id").size()
    task_frame["n_leads"] = task_frame["task_id"].map(leads).fillna(0).astype(int)
    return Frames(unit_frame, task_frame, role_frame)


@dataclass(frozen=True)
class UnitGraph:
    """The unit coordination graph (docs/input.md, "The model") as sparse matrices.

    Attributes
    ----------
    names : list of str
        Included units, sorted; row ``i`` of every matrix is ``names[i]``.
    kinds : list of str
        Their kinds.
    task_ids : list of str
        Tasks with at least one included unit, sorted; column ``t`` of ``B``.
    B : scipy.sparse.csr_array
        Unit × task incidence, 1 where the unit leads or supports the task.
    lead : scipy.sparse.csr_array
        Unit × task incidence of the lead role only.
    W : scipy.sparse.csr_array
        Units × units, tasks shared in any role (``B Bᵀ`` without its diagonal).
    D : scipy.sparse.csr_array
        Units × units, ``D[i, j]`` = tasks that ``i`` leads and ``j`` supports.
    """

    names: list[str]
    kinds: list[str]
    task_ids: list[str]
    B: sp.csr_array
    lead: sp.csr_array
    W: sp.csr_array
    D: sp.csr_array

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.names)


def unit_graph(data: Frames, scope: Callable[[str], bool] = in_scope) -> UnitGraph:
    """Project the task graph onto the units in scope, as sparse matrices.

    ``W`` holds the same weights as :func:`remit.coordination_graph`.

    Parameters
    ----------
    data : Frames
        From :func:`frames`.
    scope : callable
        Unit kind -> whether the unit is included; by default
        :func:`remit.graph.in_scope` (agencies only). The projection carries
        its scope: every analysis of it covers exactly ``names``.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> ug = unit_graph(frames(G))
    >>> i, j = ug.names.index("市税务局"), ug.names.index("市财政局")
    >>> ug.n, int(ug.W[i, j]), int(ug.D[i, j]), int(ug.D[j, i])
    (51, 1, 1, 0)
    """
    f = data
    units = f.units[np.array([bool(scope(kind)) for kind in f.units["kind"]], dtype=bool)]
    names = units["unit"].tolist()
    index = {name: i for i, name in enumerate(names)}
    roles = f.roles[f.roles["unit"].isin(index)]
    task_ids = sorted(roles["task_id"].unique().tolist())
    tindex = {t: j for j, t in enumerate(task_ids)}
    rows = roles["unit"].map(index).to_numpy(dtype=np.int64)
    cols = roles["task_id"].map(tindex).to_numpy(dtype=np.int64)
    is_lead = (roles["role"] == "lead").to_numpy()
    shape = (len(names), len(task_ids))
    B = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=shape)
    lead = sp.csr_array((np.ones(int(is_lead.sum())), (rows[is_lead], cols[is_lead])), shape=shape)
    support = (B - lead).tocsr()
    W = (B @ B.T).tocsr()
    W.setdiag(0)
    W.eliminate_zeros()
    D = (lead @ support.T).tocsr()
    D.eliminate_zeros()
    for m in (B, lead, W, D):
        m.sort_indices()
    return UnitGraph(names, units["kind"].tolist(), task_ids, B, lead, W.tocsr(), D)


def to_networkx(ug: UnitGraph) -> nx.Graph:
    """The coordination graph as an ``nx.Graph`` with ``weight``, nodes and edges in sorted order.

    Inserting in sorted order makes every networkx algorithm that walks the
    adjacency (Louvain, biconnected components) independent of hash seeds.
    """
    C = nx.Graph()
    C.add_nodes_from(ug.names)
    coo = sp.triu(ug.W, k=1).tocoo()
    order = np.lexsort((coo.col, coo.row))
    C.add_weighted_edges_from(
        (ug.names[int(coo.row[k])], ug.names[int(coo.col[k])], float(coo.data[k])) for k in order)
    return C
