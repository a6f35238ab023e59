"""Small hand-made task graphs for the analyses tests.

``graph_of`` builds a real task graph through :func:`remit.build_graph` from
a few hand-written tasks, so the analyses see exactly what they see on a
loaded list. In each task the first unit(s) in ``leads`` lead and those in
``supports`` support.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import networkx as nx
import pandas as pd

import remit
from remit.model import ASSIGNMENT_COLUMNS, AUDIT_COLUMNS, TASK_COLUMNS, UNIT_COLUMNS, TaskList

LIST = "hand"

# (leads, supports, deadline "YYYY-MM-DD" or None, domain)
Task = tuple[Sequence[str], Sequence[str], str | None, str]


def graph_of(tasks: Sequence[Task], collectives: Sequence[str] = ()) -> nx.MultiDiGraph:
    """The task graph of hand-written tasks, numbered 1, 2, … in list ``hand``."""
    domains = list(dict.fromkeys(t[3] for t in tasks))
    task_rows, assignments, units = [], [], {}
    for number, (leads, supports, deadline, domain) in enumerate(tasks, start=1):
        tid = f"{LIST}#{number}"
        task_rows.append({
            "task_id": tid, "list_id": LIST, "number": number,
            "domain_ordinal": domains.index(domain) + 1, "domain": domain, "title": f"task {number}",
            "text": f"task {number}", "deadline": dt.date.fromisoformat(deadline) if deadline else None,
            "deadline_kind": "date" if deadline else "none", "deadline_raw": deadline or "",
            "source": "hand.md", "row": f"line {number}"})
        for pos, unit in enumerate(leads):
            assignments.append({"task_id": tid, "unit": unit, "role": "lead", "position": pos})
            units.setdefault(unit, None)
        for pos, unit in enumerate(supports, start=len(leads)):
            assignments.append({"task_id": tid, "unit": unit, "role": "support", "position": pos})
            units.setdefault(unit, None)
    unit_rows = [{"unit": u, "kind": "collective" if u in collectives else "agency", "aliases": ()}
                 for u in units]
    tl = TaskList(
        tasks=pd.DataFrame(task_rows, columns=TASK_COLUMNS).astype({"number": "Int64",
                                                                    "domain_ordinal": "Int64"}),
        assignments=pd.DataFrame(assignments, columns=ASSIGNMENT_COLUMNS),
        units=pd.DataFrame(unit_rows, columns=UNIT_COLUMNS),
        findings=pd.DataFrame(columns=["severity", "code", "file", "row", "message", "task_id", "unit"]),
        audit=pd.DataFrame(columns=AUDIT_COLUMNS),
    )
    return remit.build_graph(tl)


def pairs(*edges: str, domain: str = "D1") -> list[Task]:
    """One task per "xy" pair: x leads, y supports."""
    return [([e[0]], [e[1]], "2020-06-30", domain) for e in edges]



def two_triangles_graph() -> nx.MultiDiGraph:
    """Triangles a-b-c (domain D1) and d-e-f (D2) joined by the bridge c-d (task in D2)."""
    return graph_of(pairs("ab", "bc", "ac") + pairs("de", "ef", "df", domain="D2")
                    + [(["c"], ["d"], "2020-12-31", "D2")])
