"""The unit coordination graph: who works with whom, and how often.

This is the definition docs/input.md ("The model") gives. Its nodes are the units
of kind ``agency``; two units are joined when they are assigned to at least
one task in common, in any role. ``weight`` counts those tasks.

:func:`in_scope` is the one place that decides which units an analysis
covers: agencies always, collective placeholders (各有关单位, …) only when
asked for.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from remit.graph.schema import ROLE_EDGES, ROLE_OF, UNIT

__all__ = ["coordination_graph", "in_scope", "task_roles"]


def in_scope(kind: str | None, include_collectives: bool = False) -> bool:
    """Whether a unit of this ``kind`` is one the analyses cover: the unit scope, decided here only.

    Agencies always are; collective placeholders only with ``include_collectives``.
    A unit without a kind counts as an agency.

    Examples
    --------
    >>> in_scope("agency"), in_scope(None), in_scope("collective"), in_scope("collective", True)
    (True, True, False, True)
    """
    return include_collectives or kind != "collective"


def task_roles(G: nx.MultiDiGraph, include_collectives: bool = False) -> dict[str, dict[str, str]]:
    """Map each task node to ``{unit name: role}``, over the units :func:`in_scope`.

    A unit that is both lead and support of a task counts as its lead.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> task_roles(G)["task:shenzhen-2020-tasks#9"]
    {'市税务局': 'lead', '市财政局': 'support'}
    """
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    for unit, task, key in G.edges(keys=True):
        if key not in ROLE_EDGES:
            continue
        data = G.nodes[unit]
        if not in_scope(data.get("kind"), include_collectives):
            continue
        name = data["name"]
        role = ROLE_OF[key]
        if roles[task].get(name) != "lead":
            roles[task][name] = role
    return {task: dict(sorted(r.items())) for task, r in roles.items()}


def coordination_graph(G: nx.MultiDiGraph, include_collectives: bool = False) -> nx.Graph:
    """Project the task graph onto units.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`.
    include_collectives : bool
        Keep collective placeholders (各有关单位, …). Off by default: they
        are not bodies, and would appear to coordinate with everyone.

    Returns
    -------
    networkx.Graph
        Nodes are unit names with ``kind``, ``lead`` and ``support`` (task
        counts). Every unit of the included kinds is a node, even one with no
        partner. Edge attributes:

        - ``weight``: tasks shared, in any role;
        - ``lead_support``: shared tasks where one leads and the other supports;
        - ``co_lead`` and ``co_support``: shared tasks where both lead / both support;
        - ``leads``: ``{unit: n}``, for each end, how many of the shared tasks it
          led while the other supported (the direction of ``lead_support``);
        - ``tasks``: the shared task ids, sorted.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> C = coordination_graph(G)
    >>> e = C.edges["市税务局", "市财政局"]
    >>> e["weight"], e["leads"]["市税务局"], e["leads"]["市财政局"]
    (1, 1, 0)
    """
    C = nx.Graph(name="unit coordination graph", include_collectives=include_collectives)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"lead": 0, "support": 0})
    for _node, data in G.nodes(data=True):
        if data.get("type") == UNIT and in_scope(data.get("kind"), include_collectives):
            C.add_node(data["name"], kind=data.get("kind"), lead=0, support=0)
    roles = task_roles(G, include_collectives)
    for task in sorted(roles):
        members = roles[task]
        task_id = G.nodes[task]["task_id"]
        for name, role in members.items():
            counts[name][role] += 1
        for a, b in combinations(sorted(members), 2):
            if not C.has_edge(a, b):
                C.add_edge(a, b, weight=0, lead_support=0, co_lead=0, co_support=0,
                           leads={a: 0, b: 0}, tasks=[])
            edge = C.edges[a, b]
            edge["weight"] += 1
            edge["tasks"].append(task_id)
            ra, rb = members[a], members[b]
            if ra == rb:
                edge["co_lead" if ra == "lead" else "co_support"] += 1
            else:
                edge["lead_support"] += 1
                edge["leads"][a if ra == "lead" else b] += 1
    for name, c in counts.items():
        C.nodes[name].update(lead=c["lead"], support=c["support"])
    for _, _, data in C.edges(data=True):
        data["tasks"] = tuple(sorted(data["tasks"]))
    return C
