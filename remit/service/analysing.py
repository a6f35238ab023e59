"""What ``remit units``, ``clusters`` and ``whatif`` compute, and the text they show beside their tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remit.errors import RemitError
from remit.service.reading import ReadOptions
from remit.service.scoping import DEFAULT_SCOPE, Scope
from remit.service.text import plural

if TYPE_CHECKING:  # pandas and the analyses only once a command runs: `remit --help` stays quick
    import pandas as pd

    from remit.analyses import Clusters, WhatIf

__all__ = ["ClusterView", "UnitsView", "WhatIfView", "cluster_view", "units_view", "whatif_view"]

#: The columns of ``remit units``' table, in order, after the sort column.
UNIT_TABLE_COLUMNS = ["rank", "unit", "led", "co_led", "supported", "partners", "domains", "load",
                      "peak_month", "peak_due", "betweenness", "pagerank", "constraint", "score", "overdue",
                      "due_soon"]
#: The columns of the what-if table, each shown ``before → after`` where it changes.
WHATIF_COLUMNS = ["led", "supported", "partners", "load", "betweenness", "score", "rank"]


@dataclass(frozen=True)
class UnitsView:
    """The result of :func:`units_view`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per unit (:func:`remit.analyses.ordering.sorted_units`), with ``overdue`` and
        ``due_soon`` when a follow-up was asked for; the first ``top`` rows when ``top`` was given.
    sort : str
        The sort key.
    lang : str
        The language of the reasons.
    notes : list of str
        What the follow-up assumed or found (:class:`remit.service.followup.FollowUpView`).
    """

    table: pd.DataFrame
    sort: str
    lang: str
    notes: list[str] = field(default_factory=list)

    def shown(self) -> pd.DataFrame:
        """The table for people: the sort column first, the bottleneck's rank and score named as such."""
        from remit.analyses.ordering import SORT_KEYS

        first = SORT_KEYS[self.sort][0]  # the rows are sorted by it: it comes first (issue 11)
        columns = [c for c in UNIT_TABLE_COLUMNS if c in self.table.columns]
        shown = self.table[[first, *(c for c in columns if c != first)]].copy()
        shown["peak_month"] = shown["peak_month"].fillna("-")
        return shown.rename(columns={"rank": "bottleneck_rank", "score": "bottleneck_score"})

    def reason_lines(self) -> list[str]:
        """Each unit's one-sentence reason under the bottleneck rank the table shows for it."""
        out = []
        for row in self.table.itertuples(index=False):
            rank = "-" if row.rank != row.rank else int(row.rank)  # NaN: a unit without a rank
            out.append(f"{rank:>3}. {row.unit}：{row.reason}" if self.lang == "zh"
                       else f"{rank:>3}. {row.unit}: {row.reason}")
        return out


def units_view(options: ReadOptions, scope: Scope = DEFAULT_SCOPE, *, sort: str = "load",
               top: int | None = None, as_of: str | dt.date | None = None,
               status: str | Path | None = None) -> UnitsView:
    """Workload, centrality and bottleneck rank of every unit of the lists of ``options`` (``remit units``).

    Parameters
    ----------
    options : ReadOptions
        What to read.
    scope : Scope
        Which units count, and the language of the reasons (:class:`remit.service.scoping.Scope`).
    sort : str
        A key of :data:`remit.analyses.ordering.SORT_KEYS`.
    top : int, optional
        Keep the first ``top`` rows only (0 or None: every row).
    as_of, status : optional
        The follow-up to add (:func:`remit.service.followup.followup_of`).

    Examples
    --------
    Counted from the example's rows: 市市场监管局 leads 40 tasks, five due by the end of March 2020;
    市中级人民法院 32, three of them.

    >>> v = units_view(ReadOptions(), sort="lead", top=2, as_of="2020-04-01")
    >>> v.table[["unit", "led", "overdue"]].values.tolist()
    [['市市场监管局', 40, 5], ['市中级人民法院', 32, 3]]
    """
    from remit.analyses.ordering import sorted_units
    from remit.analyses.overdue import with_overdue
    from remit.graph import build_graph
    from remit.service.followup import followup_of

    summary = scope.summary(build_graph(options.load()))
    table = sorted_units(summary, sort)
    follow = followup_of(summary, as_of, status, max_input_size=options.max_input_size)
    table = with_overdue(table, follow.result)
    return UnitsView(table.head(top) if top else table, sort, scope.lang, follow.notes)


@dataclass(frozen=True)
class ClusterView:
    """The result of :func:`cluster_view`: the :class:`~remit.analyses.Clusters` and their texts."""

    result: Clusters

    def as_json(self) -> dict[str, Any]:
        """``remit clusters --json``: summary, membership, bridges and tasks as records, and the scores."""
        r = self.result
        return {"summary": r.summary.to_dict("records"), "membership": r.membership.to_dict("records"),
                "bridges": r.bridges.to_dict("records"), "tasks": r.tasks.to_dict("records"),
                **r.summary.attrs}

    def lines(self, lang: str = "zh") -> list[str]:
        """Each cluster and its units, one line each."""
        out = []
        for cluster, group in self.result.membership.groupby("cluster", sort=True):
            units = group["unit"].tolist()
            out.append(f"群组 {cluster}（{len(units)} 个单位）：{'、'.join(units)}" if lang == "zh" else
                       f"cluster {cluster} ({plural(len(units), 'unit')}): {'、'.join(units)}")
        return out

    @staticmethod
    def bridges_title(lang: str = "zh") -> str:
        """The heading above the bridges table, after a blank line."""
        return "\n跨群组桥梁单位：" if lang == "zh" else "\nbridges between clusters:"


def cluster_view(options: ReadOptions, scope: Scope = DEFAULT_SCOPE) -> ClusterView:
    """Louvain clusters of the lists of ``options`` (``remit clusters``; :func:`remit.analyses.clusters`).

    Examples
    --------
    >>> v = cluster_view(ReadOptions())
    >>> len(v.lines()) == v.result.membership["cluster"].nunique(), v.lines("en")[0].startswith("cluster ")
    (True, True)
    """
    from remit.graph import build_graph

    return ClusterView(scope.summary(build_graph(options.load())).clusters)


@dataclass(frozen=True)
class WhatIfView:
    """The result of :func:`whatif_view`: the :class:`~remit.analyses.WhatIf`, the change tried and its texts.

    Attributes
    ----------
    result : WhatIf
    remove : list of str
        The units removed.
    reassign : dict
        ``{task_id: (from_unit, to_unit)}`` (:func:`remit.analyses.whatif.parse_reassign`).
    tasks : pandas.DataFrame
        The tasks read, indexed by ``task_id``, for the titles of orphaned tasks.
    """

    result: WhatIf
    remove: list[str]
    reassign: dict[str, tuple[str, str]]
    tasks: pd.DataFrame

    def as_json(self) -> dict[str, Any]:
        """``remit whatif --json``: the change, the orphaned tasks, and before, after and delta as records."""
        r = self.result
        return {"remove": self.remove, "reassign": self.reassign, "orphaned": r.orphaned,
                "before": r.before.reset_index().to_dict("records"),
                "after": r.after.reset_index().to_dict("records"),
                "delta": r.delta.reset_index().to_dict("records")}

    def table(self, every_unit: bool = False) -> pd.DataFrame:
        """One row per unit that changes (every unit with ``every_unit``): each of :data:`WHATIF_COLUMNS`
        as ``before → after`` where it changes, else its value, as every output formats numbers."""
        import pandas as pd

        r = self.result
        rows = []
        for unit in r.delta.index:
            row: dict[str, object] = {"unit": unit}
            moved = bool(r.delta.at[unit, "removed"])
            for col in WHATIF_COLUMNS:
                before, after = _fmt(r.before.at[unit, col], col), _fmt(r.after.at[unit, col], col)
                row[col] = after if before == after else f"{before} → {after}"
                # Scores shift a little everywhere when the largest value moves; they do not count.
                moved |= before != after and col != "score"
            if moved or every_unit:
                rows.append(row)
        return pd.DataFrame(rows, columns=["unit", *WHATIF_COLUMNS])

    @staticmethod
    def heading(table: pd.DataFrame, every_unit: bool = False) -> str:
        """``"3 units change"`` above :meth:`table` (``"51 units"`` with ``every_unit``)."""
        n = len(table)
        return plural(n, "unit") if every_unit else plural(n, "unit changes", "units change")

    def orphan_lines(self) -> list[str]:
        """The tasks left without a lead, after a blank line and a heading; none when there are none."""
        orphaned = self.result.orphaned
        if not orphaned:
            return []
        titles = self.tasks
        one_list = titles["list_id"].nunique() <= 1
        out = [f"\n{plural(len(orphaned), 'task', 'tasks')} left without a lead:"]
        for task_id in _by_number(orphaned, titles):
            shown = f"#{titles.at[task_id, 'number']}" if one_list else task_id
            out.append(f"  {shown} {titles.at[task_id, 'title']}")
        return out


def whatif_view(options: ReadOptions, scope: Scope = DEFAULT_SCOPE, *, remove: Iterable[str] = (),
                reassign: Iterable[str] = ()) -> WhatIfView:
    """What changes when units drop out or hand tasks over (``remit whatif``; :func:`remit.analyses.what_if`).

    Parameters
    ----------
    options : ReadOptions
        What to read.
    remove : iterable of str
        Units that drop out.
    reassign : iterable of str
        ``TASK:FROM:TO`` texts (:func:`remit.analyses.whatif.parse_reassign`).
    scope : Scope
        Which units count, and the language of the reasons (:class:`remit.service.scoping.Scope`).

    Raises
    ------
    RemitError
        When neither a unit to remove nor a task to reassign is given, or for a bad ``TASK:FROM:TO``.

    Examples
    --------
    >>> v = whatif_view(ReadOptions(), reassign=["9:市税务局:市财政局"])
    >>> v.reassign, v.table().set_index("unit").at["市税务局", "led"]
    ({'shenzhen-2020-tasks#9': ('市税务局', '市财政局')}, '13 → 12')
    """
    from remit.analyses import what_if
    from remit.analyses.whatif import parse_reassign
    from remit.graph import build_graph

    remove, specs = list(remove), list(reassign)
    if not remove and not specs:
        raise RemitError("whatif needs a change to try: --remove UNIT (a unit drops out) or --reassign "
                         "TASK:FROM:TO (a task changes hands), e.g. remit whatif --remove 市市场监管局")
    tasklist = options.load()
    G = build_graph(tasklist)
    changes = parse_reassign(specs, set(tasklist.tasks["task_id"]), G.graph.get("lists", []))
    result = what_if(scope.summary(G), remove=remove, reassign=changes)
    return WhatIfView(result, remove, changes, tasklist.tasks.set_index("task_id"))


def _by_number(task_ids: list[str], tasks: pd.DataFrame) -> list[str]:
    """Task ids in list order, then by their number (#2 before #10); ``tasks`` is indexed by task id."""
    def key(task_id: str) -> tuple[str, float, str]:
        number = tasks.at[task_id, "number"] if task_id in tasks.index else None
        try:
            value = float(number)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = float("inf")
        list_id = tasks.at[task_id, "list_id"] if task_id in tasks.index else ""
        return (str(list_id), value, task_id)
    return sorted(task_ids, key=key)


def _fmt(value: object, column: str) -> str:
    """A number as every output shows it (:func:`remit.exports.numbers.format_number`); "-" when missing."""
    from remit.exports.numbers import format_number

    return format_number(value, column) or "-"
