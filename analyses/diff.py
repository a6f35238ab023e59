"""Compare two editions of a task list: carried over, new and dropped tasks, and whose load grew.

Tasks are matched by their text alone (:mod:`remit.analyses.textmatch`),
never by their numbers, since numbering and order change from year to year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from remit.analyses import workload
from remit.analyses.textmatch import match_texts
from remit.graph import task_roles

__all__ = ["DEFAULT_THRESHOLD", "MATCH_COLUMNS", "UNIT_DIFF_COLUMNS", "ListDiff", "diff_lists"]

#: Lowest cosine similarity at which two tasks count as one task carried over.
DEFAULT_THRESHOLD = 0.5
MATCH_COLUMNS = ["old", "new", "similarity", "text_changed", "lead_changed", "support_changed",
                 "old_leads", "new_leads", "old_title", "new_title"]
UNIT_DIFF_COLUMNS = ["unit", "status", "led_old", "led_new", "led_change", "supported_old", "supported_new",
                     "supported_change", "load_old", "load_new", "load_change", "partners_old",
                     "partners_new", "partners_change"]
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
    """

    matched: pd.DataFrame
    dropped: pd.DataFrame
    added: pd.DataFrame
    units: pd.DataFrame
    threshold: float
    findings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The JSON shape of ``remit diff --json``."""
        flags = ["old", "new", "similarity", "text_changed", "lead_changed", "support_changed"]
        return {
            "matched": [{k: (round(v, 4) if k == "similarity" else v) for k, v in r.items()}
                        for r in self.matched[flags].to_dict("records")],
            "dropped": self.dropped["task_id"].tolist(),
            "added": self.added["task_id"].tolist(),
            "units": self.units.to_dict("records"),
            "threshold": self.threshold,
        }


def _task_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    roles = task_roles(G, include_collectives=True)
    rows = []
    for node, d in G.nodes(data=True):
        if d.get("type") != "task":
            continue
        r = roles.get(node, {})
        rows.append({"task_id": d["task_id"], "title": d.get("title") or "",
                     "text": d.get("text") or d.get("title") or "",
                     "leads": frozenset(u for u, role in r.items() if role == "lead"),
                     "supports": frozenset(u for u, role in r.items() if role == "support")})
    return pd.DataFrame(rows, columns=["task_id", "title", "text", "leads", "supports"])


def _names(units: frozenset[str]) -> str:
    return "、".join(sorted(units))


def _unit_changes(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, include_collectives: bool) -> pd.DataFrame:
    cols = ["led", "supported", "load", "partners"]
    a = workload(G_old, include_collectives=include_collectives).units[cols]
    b = workload(G_new, include_collectives=include_collectives).units[cols]
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


def diff_lists(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, *, threshold: float = DEFAULT_THRESHOLD,
               include_collectives: bool = False) -> ListDiff:
    """Match the tasks of two task graphs by text and compare who does what.

    Parameters
    ----------
    G_old, G_new : networkx.MultiDiGraph
        Graphs from :func:`remit.build_graph` of last year's and this year's lists.
    threshold : float
        Lowest TF-IDF cosine similarity (character 2/3-grams) for a match.
    include_collectives : bool
        Give collective placeholders rows in the per-unit table. Lead and
        support changes of a task always count every unit named.

    Returns
    -------
    ListDiff

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> d = diff_lists(G, G)
    >>> len(d.matched), len(d.dropped), len(d.added), bool(d.matched["text_changed"].any())
    (210, 0, 0, False)
    >>> int((d.units["load_change"] != 0).sum())
    0
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    old, new = _task_table(G_old), _task_table(G_new)
    found = match_texts(old["text"].tolist(), new["text"].tolist(), threshold)
    pairs = found.pairs
    rows = []
    for i, j, sim in pairs:
        o, n = old.iloc[i], new.iloc[j]
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
    if not pairs and len(old) and len(new):
        best = "" if found.best is None else f"best similarity {found.best:.2f} < "
        findings.append(f"the two lists have no task in common ({best}threshold {threshold}); "
                        "every task counts as dropped or new")
    return ListDiff(matched, rest(old, used_old), rest(new, used_new),
                    _unit_changes(G_old, G_new, include_collectives), float(threshold), findings)
