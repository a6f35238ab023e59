"""The deadline follow-up: which led tasks are overdue or due soon on a given date.

A task is *done by* a date when a status sheet (:func:`remit.loaders.status.read_status`)
says 已完成 with a 完成时间 on or before that date. Without a sheet nothing
counts as done. *Overdue*: not done by ``as_of`` and due before it. *Due
soon*: not done and due within ``soon_days`` from ``as_of`` (inclusive).
Each lead of a task counts it; supporting units do not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from remit.analyses.summary import UnitSummary
from remit.analyses.textmatch import assign, similarity_matrix
from remit.graph.schema import TASK, UNIT, task_node
from remit.model import Finding, StatusSheet

__all__ = ["FOLLOWUP_COLUMNS", "SOON_DAYS", "FollowUp", "follow_up"]

SOON_DAYS = 30
#: Lowest text similarity for a sheet row without a number to name a task. Lower than the diff's
#: threshold: a sheet row often quotes only the title or the first sentence of a task, so it is
#: scored against the title and the full text, the higher counting (on the example a quoted
#: first sentence scores about 0.4 with its task and under 0.2 with any other).
STATUS_TEXT_THRESHOLD = 0.35
FOLLOWUP_COLUMNS = ["overdue", "due_soon", "done", "open"]


@dataclass(frozen=True)
class FollowUp:
    """The result of :func:`follow_up`.

    Attributes
    ----------
    tasks : pandas.DataFrame
        One row per task: ``task_id``, ``deadline`` (date or None), ``done``
        (done by ``as_of``), ``done_on``, ``state`` (``done``, ``overdue``,
        ``due_soon``, ``open`` or ``no_date``) and ``leads``.
    units : pandas.DataFrame
        Indexed by unit, columns :data:`FOLLOWUP_COLUMNS`: led tasks in each
        state (``open`` = not done and neither overdue nor due soon).
    as_of : datetime.date
    has_status : bool
        Whether a status sheet was given; without one nothing counts as done.
    findings : list of Finding
        Sheet rows naming no task, done dates after ``as_of``, and the sheet's own findings.
    source : str
        The status sheet's file name as given ("" without one).
    """

    tasks: pd.DataFrame
    units: pd.DataFrame
    as_of: dt.date
    has_status: bool
    findings: list[Finding] = field(default_factory=list)
    source: str = ""


def _task_rows(G: nx.MultiDiGraph) -> list[dict[str, object]]:
    rows = []
    for _node, d in G.nodes(data=True):
        if d.get("type") == TASK:
            deadline = d.get("deadline")
            rows.append({"task_id": d["task_id"], "list_id": d.get("list_id"), "number": d.get("number"),
                         "text": d.get("text") or d.get("title") or "", "title": d.get("title") or "",
                         "deadline": dt.date.fromisoformat(deadline) if deadline else None})
    return rows


def _join(tasks: list[dict[str, object]], sheet: StatusSheet) -> tuple[dict[str, dict[str, object]],
                                                                        list[Finding]]:
    """Sheet rows by task id: by number where the row has one, else by text similarity."""
    findings: list[Finding] = []
    lists = sorted({str(t["list_id"]) for t in tasks})
    by_number = {(str(t["list_id"]), t["number"]): str(t["task_id"]) for t in tasks}
    joined: dict[str, dict[str, object]] = {}
    by_text: list[dict[str, object]] = []
    for rec in sheet.rows.to_dict("records"):
        number = rec["number"]
        if number is not None:
            if len(lists) == 1 and (lists[0], number) in by_number:
                task_id = by_number[(lists[0], number)]
            else:
                where = "" if len(lists) == 1 else " (several lists are loaded; give the task text instead)"
                findings.append(Finding("warning", "status-unknown-task", sheet.source, str(rec["row"]),
                                        f"序号 {number} names no task of the list{where}"))
                continue
        elif rec["text"]:
            by_text.append(rec)
            continue
        else:
            continue
        if task_id in joined:
            findings.append(Finding("warning", "status-duplicate", sheet.source, str(rec["row"]),
                                    f"task {task_id} appears twice in the sheet; the later row counts"))
        joined[task_id] = rec
    if by_text:
        quoted = [str(r["text"]) for r in by_text]
        S = similarity_matrix(quoted, [str(t["text"]) for t in tasks]).maximum(
            similarity_matrix(quoted, [str(t["title"]) for t in tasks])).tocsr()
        pairs = {i: j for i, j, _ in assign(S, STATUS_TEXT_THRESHOLD)}
        for i, rec in enumerate(by_text):
            if i in pairs:
                joined[str(tasks[pairs[i]]["task_id"])] = rec
            else:
                findings.append(Finding("warning", "status-unknown-task", sheet.source, str(rec["row"]),
                                        f"no task of the list reads like {str(rec['text'])[:30]!r}"))
    return joined, findings


def follow_up(summary: UnitSummary, as_of: dt.date, status: StatusSheet | None = None, *,
              soon_days: int = SOON_DAYS) -> FollowUp:
    """Count each unit's overdue and due-soon led tasks on ``as_of``.

    Parameters
    ----------
    summary : UnitSummary
        :func:`remit.analyses.unit_summary` of the graph: the units in its
        scope get rows; a task's ``leads`` name every lead.
    as_of : datetime.date
        The day to follow the deadlines up on.
    status : StatusSheet, optional
        A status sheet (督办表); without one no task is done.
    soon_days : int
        The "due soon" window.

    Returns
    -------
    FollowUp

    Examples
    --------
    >>> import datetime, remit
    >>> from remit.analyses import unit_summary
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> p = follow_up(unit_summary(G), datetime.date(2020, 4, 1))
    >>> int((p.tasks["state"] == "overdue").sum())  # 9 due in January, 1 in February, 18 in March
    28
    >>> int(p.units.loc["市市场监管局", "overdue"]) >= 1
    True
    """
    tasks = _task_rows(summary.graph)
    joined: dict[str, dict[str, object]] = {}
    findings: list[Finding] = []
    if status is not None:
        findings.extend(status.findings)
        joined, found = _join(tasks, status)
        findings.extend(found)
    roles = summary.every_role  # every lead counts the task, whatever the scope
    horizon = as_of + dt.timedelta(days=soon_days)
    rows = []
    for t in tasks:
        rec = joined.get(str(t["task_id"]))
        done_on = rec["done_on"] if rec else None
        done = bool(rec and rec["done"])
        if done and isinstance(done_on, dt.date) and done_on > as_of:
            findings.append(Finding("warning", "status-done-later", status.source if status else "",
                                    str(rec["row"] if rec else ""),
                                    f"task {t['task_id']} is marked done on {done_on.isoformat()}, after the "
                                    f"as-of date {as_of.isoformat()}; it counts as not done yet",
                                    task_id=str(t["task_id"])))
            done = False
        deadline = t["deadline"]
        if done:
            state = "done"
        elif not isinstance(deadline, dt.date):
            state = "no_date"
        elif deadline < as_of:
            state = "overdue"
        elif deadline <= horizon:
            state = "due_soon"
        else:
            state = "open"
        leads = sorted(u for u, r in roles.get(task_node(str(t["task_id"])), {}).items() if r == "lead")
        rows.append({"task_id": t["task_id"], "deadline": deadline, "done": done,
                     "done_on": done_on if done else None, "state": state, "leads": leads})
    table = pd.DataFrame(rows, columns=["task_id", "deadline", "done", "done_on", "state", "leads"])
    names = sorted(d["name"] for _, d in summary.graph.nodes(data=True) if d.get("type") == UNIT
                   and summary.in_scope(d.get("kind")))
    exploded = table.explode("leads").dropna(subset=["leads"])
    counts = exploded.groupby(["leads", "state"]).size().unstack(fill_value=0)
    units = pd.DataFrame(index=pd.Index(names, name="unit"))
    for col in FOLLOWUP_COLUMNS:
        source = counts[col] if col in counts.columns else pd.Series(dtype=int)
        if col == "open" and "no_date" in counts.columns:
            source = source.add(counts["no_date"], fill_value=0)
        units[col] = source.reindex(names, fill_value=0).fillna(0).astype(int).to_numpy()
    return FollowUp(table, units, as_of, status is not None, findings, status.source if status else "")
