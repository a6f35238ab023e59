"""Graph: the typed task graph and its unit coordination projection."""

from __future__ import annotations

from remit.graph.build import IN_DOMAIN, LEADS, SUPPORTS, build_graph, domain_node, task_node, unit_node
from remit.graph.coordination import coordination_graph, task_roles

__all__ = [
    "IN_DOMAIN",
    "LEADS",
    "SUPPORTS",
    "build_graph",
    "coordination_graph",
    "domain_node",
    "task_node",
    "task_roles",
    "unit_node",
]
