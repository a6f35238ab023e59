"""Commands over the analyses: ``units``, ``clusters``, ``whatif`` and ``synth``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from remit.cli.common import (
    add_collectives,
    add_format,
    add_inputs,
    add_lang,
    emit_frame,
    emit_json,
    load_inputs,
    plural,
)
from remit.cli.progress import add_progress, progress_of
from remit.errors import RemitError

# The analyses (pandas, scipy, networkx) are imported by the commands that run
# them, so that `remit --help` starts at once.
if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["SORT_KEYS", "register", "unit_table"]

# --sort key -> (column, ascending). Constraint sorts ascending: the least
# constrained units, the brokers, come first.
SORT_KEYS = {
    "load": ("load", False), "lead": ("led", False), "support": ("supported", False),
    "partners": ("partners", False), "betweenness": ("betweenness", False),
    "pagerank": ("pagerank", False), "constraint": ("constraint", True), "bottleneck": ("rank", True),
}
_TABLE_COLUMNS = ["rank", "unit", "led", "co_led", "supported", "partners", "domains", "load", "peak_month",
                  "peak_due", "betweenness", "pagerank", "constraint", "score"]


def unit_table(G: nx.MultiDiGraph, *, include_collectives: bool = False, lang: str = "zh",
               sort: str = "load") -> pd.DataFrame:
    """Workload, centrality and bottleneck columns per unit, one row each, sorted by ``sort``.

    Ties go by unit name.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> t = unit_table(G, sort="lead")
    >>> t["unit"].head(2).tolist(), int(t["led"].iloc[0])
    (['市市场监管局', '市中级人民法院'], 40)
    """
    from remit.analyses import unit_summary

    if sort not in SORT_KEYS:
        raise RemitError(f"unknown sort key {sort!r}; choose one of {', '.join(SORT_KEYS)}")
    table = unit_summary(G, include_collectives=include_collectives, lang=lang).table
    column, ascending = SORT_KEYS[sort]
    key = table[column].astype(float).fillna(float("inf") if ascending else float("-inf"))
    values, labels = key.tolist(), list(table.index)
    order = sorted(range(len(table)), key=lambda i: (values[i] if ascending else -values[i], labels[i]))
    return table.iloc[order].reset_index()


def _units(args: argparse.Namespace) -> int:
    from remit.graph import build_graph

    G = build_graph(load_inputs(args))
    table = unit_table(G, include_collectives=args.include_collectives, lang=args.lang, sort=args.sort)
    table = _with_progress(table, progress_of(args, G, include_collectives=args.include_collectives))
    if args.top:
        table = table.head(args.top)
    if args.json or args.csv:
        emit_frame(table, args)
        return 0
    # The column the rows are sorted by comes first, so the table reads top-down (issue 11).
    first = SORT_KEYS[args.sort][0]
    columns = [c for c in (*_TABLE_COLUMNS, "overdue", "due_soon") if c in table.columns]
    shown = table[[first, *(c for c in columns if c != first)]].copy()
    shown["peak_month"] = shown["peak_month"].fillna("-")
    # The table says which rank and score it shows: the bottleneck's.
    emit_frame(shown.rename(columns={"rank": "bottleneck_rank", "score": "bottleneck_score"}), args)
    print()
    # Each reason under the rank the table prints for its unit (the bottleneck rank), not its line number.
    for row in table.itertuples(index=False):
        rank = "-" if row.rank != row.rank else int(row.rank)  # NaN: a unit without a rank
        print(f"{rank:>3}. {row.unit}：{row.reason}" if args.lang == "zh"
              else f"{rank:>3}. {row.unit}: {row.reason}")
    return 0


def _with_progress(table: pd.DataFrame, result: object | None) -> pd.DataFrame:
    """Add ``overdue`` and ``due_soon`` (led tasks, see :mod:`remit.analyses.followup`) per unit."""
    if result is None:
        return table
    counts = result.units[["overdue", "due_soon"]]  # type: ignore[attr-defined]
    out = table.merge(counts, left_on="unit", right_index=True, how="left")
    out[["overdue", "due_soon"]] = out[["overdue", "due_soon"]].fillna(0).astype(int)
    return out


def _clusters(args: argparse.Namespace) -> int:
    from remit.analyses import unit_summary
    from remit.graph import build_graph

    G = build_graph(load_inputs(args))
    result = unit_summary(G, include_collectives=args.include_collectives, resolution=args.resolution,
                          seed=args.seed).clusters
    if args.json:
        emit_json({"summary": result.summary.to_dict("records"),
                   "membership": result.membership.to_dict("records"),
                   "bridges": result.bridges.to_dict("records"),
                   "tasks": result.tasks.to_dict("records"), **result.summary.attrs})
        return 0
    emit_frame(result.summary, args)
    print()
    for cluster, group in result.membership.groupby("cluster", sort=True):
        units = group["unit"].tolist()
        print(f"群组 {cluster}（{len(units)} 个单位）：{'、'.join(units)}" if args.lang == "zh" else
              f"cluster {cluster} ({plural(len(units), 'unit')}): {'、'.join(units)}")
    if not result.bridges.empty:
        print("\n跨群组桥梁单位：" if args.lang == "zh" else "\nbridges between clusters:")
        emit_frame(result.bridges.head(10), args)
    return 0


def _parse_reassign(specs: list[str], task_ids: set[str], lists: list[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for spec in specs:
        parts = spec.rsplit(":", 2)
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise RemitError(f"--reassign {spec!r}: expected TASK:FROM:TO")
        task, source, target = (p.strip() for p in parts)
        # A bare number names a task of the only list loaded.
        if task not in task_ids and task.isdigit() and len(lists) == 1:
            task = f"{lists[0]}#{task}"
        if task not in task_ids:
            raise RemitError(f"unknown task {task!r}: not in the task list")
        out[task] = (source, target)
    return out


def _whatif(args: argparse.Namespace) -> int:
    import pandas as pd

    from remit.analyses import unit_summary, what_if
    from remit.graph import build_graph

    if not args.remove and not args.reassign:
        raise RemitError("whatif needs a change to try: --remove UNIT (a unit drops out) or --reassign "
                         "TASK:FROM:TO (a task changes hands), e.g. remit whatif --remove 市市场监管局")
    tasklist = load_inputs(args)
    G = build_graph(tasklist)
    reassign = _parse_reassign(args.reassign, set(tasklist.tasks["task_id"]), G.graph.get("lists", []))
    result = what_if(unit_summary(G, include_collectives=args.include_collectives, lang=args.lang),
                     remove=args.remove, reassign=reassign)
    if args.json:
        emit_json({"remove": args.remove, "reassign": reassign, "orphaned": result.orphaned,
                   "before": result.before.reset_index().to_dict("records"),
                   "after": result.after.reset_index().to_dict("records"),
                   "delta": result.delta.reset_index().to_dict("records")})
        return 0
    cols = ["led", "supported", "partners", "load", "betweenness", "score", "rank"]
    rows = []
    for unit in result.delta.index:
        row: dict[str, object] = {"unit": unit}
        moved = bool(result.delta.at[unit, "removed"])
        for col in cols:
            before = _fmt(result.before.at[unit, col], col)
            after = _fmt(result.after.at[unit, col], col)
            row[col] = after if before == after else f"{before} → {after}"
            # Scores shift a little everywhere when the largest value moves; they do not count.
            moved |= before != after and col != "score"
        if moved or args.all:
            rows.append(row)
    if args.csv:
        emit_frame(pd.DataFrame(rows, columns=["unit", *cols]), args)
        return 0
    print(plural(len(rows), "unit changes", "units change") if not args.all else plural(len(rows), "unit"))
    emit_frame(pd.DataFrame(rows, columns=["unit", *cols]), args)
    if result.orphaned:
        print(f"\n{plural(len(result.orphaned), 'task', 'tasks')} left without a lead:")
        titles = tasklist.tasks.set_index("task_id")
        one_list = titles["list_id"].nunique() <= 1
        for task_id in _by_number(result.orphaned, titles):
            shown = f"#{titles.at[task_id, 'number']}" if one_list else task_id
            print(f"  {shown} {titles.at[task_id, 'title']}")
    return 0


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


def _synth(args: argparse.Namespace) -> int:
    from remit.synth import write_synthetic

    try:
        path = write_synthetic(args.output, args.tasks, args.units, args.seed, show_progress=None)
    except ValueError as exc:
        raise RemitError(str(exc)) from None
    except OSError as exc:
        raise RemitError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {args.tasks} tasks and {args.units} units to {path}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``units``, ``clusters``, ``whatif`` and ``synth``."""
    p = sub.add_parser("units", help="workload, centrality and bottleneck rank of every unit",
                       description="One row per unit: tasks led and supported, partners, weighted "
                                   "load, peak month, centrality and bottleneck rank, with a "
                                   "one-sentence reason.")
    add_inputs(p)
    p.add_argument("--top", type=int, default=0, metavar="N", help="show the first N units only")
    p.add_argument("--sort", choices=list(SORT_KEYS), default="load",
                   help="order (default load; constraint ascending, bottleneck by rank)")
    add_collectives(p)
    add_lang(p, "the reasons")
    add_progress(p)
    add_format(p)
    p.set_defaults(handler=_units)

    p = sub.add_parser("clusters", help="groups of units that work together, against the chapters",
                       description="Louvain clusters of the coordination graph, a comparison "
                                   "method, agreement with the official domains (NMI, ARI) and the "
                                   "units that bridge clusters.")
    add_inputs(p)
    p.add_argument("--resolution", type=float, default=1.0, help="Louvain resolution (default 1)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    add_collectives(p)
    add_lang(p, "the tables")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=_clusters)

    p = sub.add_parser("whatif", help="what changes if units drop out or hand tasks over",
                       description="Recompute workload, centrality and bottlenecks after removing "
                                   "units or reassigning tasks; show before → after per unit.")
    add_inputs(p)
    p.add_argument("--remove", action="append", default=[], metavar="UNIT",
                   help="a unit that drops out; may repeat")
    p.add_argument("--reassign", action="append", default=[], metavar="TASK:FROM:TO",
                   help="hand TASK (its id, or its number in a single list) from one unit to "
                        "another; may repeat")
    add_collectives(p)
    add_lang(p, "the reasons")
    p.add_argument("--all", action="store_true", help="list every unit, not only those that change")
    add_format(p)
    p.set_defaults(handler=_whatif)

    p = sub.add_parser("synth", help="write a realistic synthetic task list",
                       description="Write a synthetic task list (heavy-tailed lead and support "
                                   "counts, chapters, deadlines, co-leads, collectives) as "
                                   "Markdown that remit reads back.")
    p.add_argument("--tasks", type=int, required=True, metavar="N", help="number of tasks")
    p.add_argument("--units", type=int, required=True, metavar="M", help="number of units")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="Markdown file to write")
    p.set_defaults(handler=_synth)
