"""The names of the task graph, in one place: node types, key prefixes, edge types, Bolt labels.

Every module that reads or writes the graph, in networkx or on a Bolt
server, takes these names from here instead of retyping ``"LEADS"`` or
``"unit:"``.

Examples
--------
>>> unit_node("市财政局"), task_node("sz#9"), domain_node("sz", "八、法治")
('unit:市财政局', 'task:sz#9', 'domain:sz/八、法治')
>>> ROLE_OF[LEADS], EDGE_OF["support"]
('lead', 'SUPPORTS')
"""

from __future__ import annotations

__all__ = [
    "COORDINATES_WITH",
    "DOMAIN",
    "EDGE_OF",
    "IN_DOMAIN",
    "KEY_OF",
    "LABELS",
    "LABEL_OF",
    "LEADS",
    "RELATIONSHIPS",
    "ROLE_EDGES",
    "ROLE_OF",
    "SUPPORTS",
    "TASK",
    "UNIT",
    "domain_node",
    "task_node",
    "unit_node",
]

# Node types: the ``type`` attribute of every node.
UNIT, TASK, DOMAIN = "unit", "task", "domain"
# Edge types: the key (and ``type`` attribute) of every edge; the relationship types on a Bolt server.
LEADS, SUPPORTS, IN_DOMAIN = "LEADS", "SUPPORTS", "IN_DOMAIN"
#: Derived on a Bolt server only: two agencies share a task.
COORDINATES_WITH = "COORDINATES_WITH"
#: The edges that assign a unit to a task.
ROLE_EDGES = (LEADS, SUPPORTS)
#: Edge type -> role in :class:`remit.model.TaskList` assignments, and back.
ROLE_OF = {LEADS: "lead", SUPPORTS: "support"}
EDGE_OF = {role: edge for edge, role in ROLE_OF.items()}
#: Node type -> label on a Bolt server.
LABEL_OF = {UNIT: "Unit", TASK: "Task", DOMAIN: "Domain"}
LABELS = tuple(LABEL_OF.values())
#: Node type -> the property that identifies a node of that label on a Bolt server (unique).
KEY_OF = {UNIT: "name", TASK: "id", DOMAIN: "key"}
RELATIONSHIPS = (LEADS, SUPPORTS, IN_DOMAIN, COORDINATES_WITH)


def unit_node(name: str) -> str:
    """Node key of a unit. Keys are typed so that no unit can collide with a task id.

    Examples
    --------
    >>> unit_node("市财政局")
    'unit:市财政局'
    """
    return f"{UNIT}:{name}"


def task_node(task_id: str) -> str:
    """Node key of a task."""
    return f"{TASK}:{task_id}"


def domain_node(list_id: str, domain: str) -> str:
    """Node key of a domain within one list."""
    return f"{DOMAIN}:{list_id}/{domain}"
