"""Graph: the typed task graph and its unit coordination projection (pure networkx)."""

from __future__ import annotations

from remit.graph.build import build_graph
from remit.graph.coordination import coordination_graph, in_scope, task_roles
from remit.graph.schema import IN_DOMAIN, LEADS, SUPPORTS, domain_node, task_node, unit_node

__all__ = [
    "IN_DOMAIN",
    "LEADS",
    "SUPPORTS",
    "build_graph",
    "coordination_graph",
    "domain_node",
    "in_scope",
    "task_node",
    "task_roles",
    "unit_node",
]
