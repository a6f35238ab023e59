"""Compare two editions of a task list: carried over, new and dropped tasks, and whose load grew.

Tasks are matched by their text alone (:mod:`remit.analyses.textmatch`),
never by their numbers, since numbering and order change from year to year.
A unit of the old list that the new list names only by its successor
(市工商局 → 市市场监管局, :mod:`remit.loaders.successors`) is read under its new
name: the task it leads is reported under ``renamed``, not as a changed lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from remit.analyses.summary import UnitSummary
from remit.analyses.textmatch import match_texts
from remit.graph import unit_node
from remit.graph.schema import ROLE_EDGES, TASK, UNIT
from remit.loaders.forms import form_key
from remit.loaders.successors import SuccessorMap, load_successors

__all__ = ["DEFAULT_THRESHOLD", "MATCH_COLUMNS", "RENAME_COLUMNS", "UNIT_DIFF_COLUMNS", "ListDiff",
           "diff_lists", "renamed_units"]

#: Lowest cosine similarity at which two tasks count as one task carried over.
DEFAULT_THRESHOLD = 0.5
MATCH_COLUMNS = ["old", "new", "similarity", "text_changed", "lead_changed", "support_changed",
                 "old_leads", "new_leads", "old_title", "new_title"]
UNIT_DIFF_COLUMNS = ["unit", "status", "led_old", "led_new", "led_change", "supported_old", "supported_new",
                     "supported_change", "load_old", "load_new", "load_change", "partners_old",
                     "partners_new", "partners_change"]
RENAME_COLUMNS = ["old", "new", "rule", "tasks"]
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ListDiff:
    """The result of :func:`diff_lists`.

    Attributes
    ----------
    matched : pandas.DataFrame
        One row per carried-over task, columns :data:`MATCH_COLUMNS`, in the
        new list's order. ``old_leads``/``new_leads`` are joined by ``、``.
    dropped : pandas.DataFrame
        Tasks of the old list without a match: ``task_id``, ``title``, ``leads``.
    added : pandas.DataFrame
        Tasks of the new list without a match: ``task_id``, ``title``, ``leads``.
    units : pandas.DataFrame
        Columns :data:`UNIT_DIFF_COLUMNS`; ``status`` is ``both``,
        ``appeared`` or ``disappeared``; sorted by the size of the change in
        load, largest first, then by name.
    threshold : float
        The similarity threshold used.
    findings : list of str
        Plain-language warnings (e.g. the two lists have nothing in common).
    renamed : pandas.DataFrame
        Columns :data:`RENAME_COLUMNS`: each old unit that the new list names
        by its successor, the successor, the successor map's rule, and how
        many old tasks named it. The other tables use the new names.
    """

    matched: pd.DataFrame
    dropped: pd.DataFrame
    added: pd.DataFrame
    units: pd.DataFrame
    threshold: float
    findings: list[str] = field(default_factory=list)
    renamed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RENAME_COLUMNS))

    def as_json(self) -> dict[str, object]:
        """The JSON shape of ``remit diff --json``."""
        flags = ["old", "new", "similarity", "text_changed", "lead_changed", "support_changed"]
        return {
            "matched": [{k: (round(v, 4) if k == "similarity" else v) for k, v in r.items()}
                        for r in self.matched[flags].to_dict("records")],
            "dropped": self.dropped["task_id"].tolist(),
            "added": self.added["task_id"].tolist(),
            "units": self.units.to_dict("records"),
            "renamed": self.renamed.to_dict("records"),
            "threshold": self.threshold,
        }


def _unit_names(G: nx.MultiDiGraph) -> dict[str, str]:
    return {d["name"]: node for node, d in G.nodes(data=True) if d.get("type") == UNIT}


def renamed_units(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, successors: SuccessorMap,
                  place: str | None = None) -> pd.DataFrame:
    """The units of the old list that the new list names only by a successor.

    A unit counts as renamed when the new list does not name it and does
    name one of its successors (in the successor map, at any date), written
    in the same or another known form (市文旅局 for 文化广电旅游局).

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> renamed_units(G, G, load_successors()).empty
    True
    """
    old_units, new_units = _unit_names(G_old), _unit_names(G_new)
    by_form = {key: name for name in new_units if (key := form_key(name)) is not None}
    rows = []
    for name, node in old_units.items():
        if name in new_units:
            continue
        for successor, row in successors.chain(name, place=place):
            key = form_key(successor)
            target = successor if successor in new_units else by_form.get(key) if key else None
            if target is not None:
                tasks = {t for _, t, k in G_old.out_edges(node, keys=True) if k in ROLE_EDGES}
                rows.append({"old": name, "new": target, "rule": row.rule(), "tasks": len(tasks)})
                break
    return pd.DataFrame(rows, columns=RENAME_COLUMNS)


def _relabel(G: nx.MultiDiGraph, renamed: pd.DataFrame) -> nx.MultiDiGraph:
    """A copy of ``G`` with each renamed unit's edges moved to its successor."""
    if renamed.empty:
        return G
    H = G.copy()
    for old, new in zip(renamed["old"], renamed["new"], strict=True):
        source, target = unit_node(old), unit_node(new)
        if target not in H:
            H.add_node(target, **{**H.nodes[source], "name": new, "label": new})
        for _, task, key, data in list(H.out_edges(source, keys=True, data=True)):
            H.add_edge(target, task, key=key, **data)
        H.remove_node(source)
    return H


def _task_table(summary: UnitSummary) -> pd.DataFrame:
    roles = summary.every_role  # every unit named, whatever the scope
    rows = []
    for node, d in summary.graph.nodes(data=True):
        if d.get("type") != TASK:
            continue
        r = roles.get(node, {})
        rows.append({"task_id": d["task_id"], "title": d.get("title") or "",
                     "text": d.get("text") or d.get("title") or "",
                     "leads": frozenset(u for u, role in r.items() if role == "lead"),
                     "supports": frozenset(u for u, role in r.items() if role == "support")})
    return pd.DataFrame(rows, columns=["task_id", "title", "text", "leads", "supports"])


def _names(units: frozenset[str]) -> str:
    return "、".join(sorted(units))


def _unit_changes(before: UnitSummary, after: UnitSummary) -> pd.DataFrame:
    cols = ["led", "supported", "load", "partners"]
    a = before.workload.units[cols]
    b = after.workload.units[cols]
    names = sorted(set(a.index) | set(b.index))
    table = pd.DataFrame({"unit": names})
    table["status"] = ["both" if u in a.index and u in b.index else "appeared" if u in b.index
                       else "disappeared" for u in names]
    for col in cols:
        old = a[col].reindex(names, fill_value=0).to_numpy()
        new = b[col].reindex(names, fill_value=0).to_numpy()
        table[f"{col}_old"], table[f"{col}_new"] = old, new
        table[f"{col}_change"] = new - old
    for col in ("load_old", "load_new", "load_change"):
        table[col] = table[col].astype(float).round(4)
    order = sorted(range(len(names)), key=lambda i: (-abs(float(table["load_change"].iat[i])), names[i]))
    return table.iloc[order][UNIT_DIFF_COLUMNS].reset_index(drop=True)


def diff_lists(old: UnitSummary, new: UnitSummary, *, threshold: float = DEFAULT_THRESHOLD,
               successors: SuccessorMap | None = None, place: str | None = None) -> ListDiff:
    """Match the tasks of two task graphs by text and compare who does what.

    Parameters
    ----------
    old, new : UnitSummary
        :func:`remit.analyses.unit_summary` of last year's and this year's
        lists, with the same scope: the units in it get rows in the per-unit
        table. Lead and support changes of a task always count every unit named.
    threshold : float
        Lowest TF-IDF cosine similarity (character 2/3-grams) for a match.
    successors : SuccessorMap, optional
        The renames to follow (default: remit's shipped map,
        :func:`~remit.loaders.successors.load_successors`); ``SuccessorMap([])``
        follows none.
    place : str, optional
        The government of both lists, for successor rows of one place only.

    Returns
    -------
    ListDiff

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> s = unit_summary(remit.build_graph(remit.load(remit.example_path())))
    >>> d = diff_lists(s, s)
    >>> len(d.matched), len(d.dropped), len(d.added), bool(d.matched["text_changed"].any())
    (210, 0, 0, False)
    >>> int((d.units["load_change"] != 0).sum())
    0
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    renamed = renamed_units(old.graph, new.graph, load_successors() if successors is None else successors,
                            place)
    relabelled = _relabel(old.graph, renamed)
    if relabelled is not old.graph:
        old = old.on(relabelled)
    old_tasks, new_tasks = _task_table(old), _task_table(new)
    found = match_texts(old_tasks["text"].tolist(), new_tasks["text"].tolist(), threshold)
    pairs = found.pairs
    rows = []
    for i, j, sim in pairs:
        o, n = old_tasks.iloc[i], new_tasks.iloc[j]
        rows.append({
            "old": o["task_id"], "new": n["task_id"], "similarity": sim,
            "text_changed": _SPACE.sub("", o["text"]) != _SPACE.sub("", n["text"]),
            "lead_changed": o["leads"] != n["leads"], "support_changed": o["supports"] != n["supports"],
            "old_leads": _names(o["leads"]), "new_leads": _names(n["leads"]),
            "old_title": o["title"], "new_title": n["title"], "_j": j,
        })
    matched = pd.DataFrame(rows, columns=[*MATCH_COLUMNS, "_j"]).sort_values("_j", kind="stable")
    matched = matched.drop(columns="_j").reset_index(drop=True)
    used_old = {i for i, _, _ in pairs}
    used_new = {j for _, j, _ in pairs}

    def rest(table: pd.DataFrame, used: set[int]) -> pd.DataFrame:
        left = table.iloc[[k for k in range(len(table)) if k not in used]]
        return pd.DataFrame({"task_id": left["task_id"].tolist(), "title": left["title"].tolist(),
                             "leads": [_names(x) for x in left["leads"]]},
                            columns=["task_id", "title", "leads"])

    findings = []
    if not pairs and len(old_tasks) and len(new_tasks):
        best = "" if found.best is None else f"best similarity {found.best:.2f} < "
        findings.append(f"the two lists have no task in common ({best}threshold {threshold}); "
                        "every task counts as dropped or new")
    return ListDiff(matched, rest(old_tasks, used_old), rest(new_tasks, used_new),
                    _unit_changes(old, new), float(threshold), findings, renamed)
