"""Graph: the typed task graph and its unit coordination projection (pure networkx).

The builders load on first use (PEP 562), so that the names of
:mod:`remit.graph.schema` cost no networkx import: the Bolt and native
loaders in ``cypher/`` take their labels and types from there.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from remit.graph.schema import IN_DOMAIN, LEADS, SUPPORTS, domain_node, task_node, unit_node

if TYPE_CHECKING:
    from remit.graph.build import build_graph
    from remit.graph.coordination import coordination_graph, in_scope, task_roles

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

_LAZY = {"build_graph": "remit.graph.build", "coordination_graph": "remit.graph.coordination",
         "task_roles": "remit.graph.coordination", "in_scope": "remit.graph.coordination"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'remit.graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
