"""Commands over the analyses: ``units``, ``clusters``, ``whatif`` and ``synth``."""

from __future__ import annotations

import argparse
import sys

from remit.cli.common import (
    Subcommands,
    add_collectives,
    add_format,
    add_inputs,
    add_lang,
    emit_frame,
    emit_json,
    print_lines,
    print_notes,
    read_options,
    scope_of,
)
from remit.cli.followup import add_followup
from remit.errors import RemitError

__all__ = ["register"]

# The --sort keys of `remit units` (remit.analyses.ordering.SORT_KEYS), named here so that --help stays quick.
SORT_CHOICES = ("load", "lead", "support", "partners", "betweenness", "pagerank", "constraint", "bottleneck")


def _units(args: argparse.Namespace) -> int:
    from remit.service.analysing import units_view

    view = units_view(read_options(args), scope_of(args), sort=args.sort, top=args.top, as_of=args.as_of,
                      status=args.status)
    print_notes(view.notes)
    if args.json or args.csv:
        emit_frame(view.table, args)
        return 0
    emit_frame(view.shown(), args)
    print()
    print_lines(view.reason_lines())
    return 0


def _clusters(args: argparse.Namespace) -> int:
    from remit.service.analysing import cluster_view

    view = cluster_view(read_options(args), scope_of(args))
    if args.json:
        emit_json(view.as_json())
        return 0
    emit_frame(view.result.summary, args)
    print()
    print_lines(view.lines(args.lang))
    if not view.result.bridges.empty:
        print(view.bridges_title(args.lang))
        emit_frame(view.result.bridges.head(10), args)
    return 0


def _whatif(args: argparse.Namespace) -> int:
    from remit.service.analysing import whatif_view

    view = whatif_view(read_options(args), scope_of(args), remove=args.remove, reassign=args.reassign)
    if args.json:
        emit_json(view.as_json())
        return 0
    table = view.table(every_unit=args.all)
    if args.csv:
        emit_frame(table, args)
        return 0
    print(view.heading(table, every_unit=args.all))
    emit_frame(table, args)
    print_lines(view.orphan_lines())
    return 0


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


def register(sub: Subcommands) -> None:
    """Add ``units``, ``clusters``, ``whatif`` and ``synth``."""
    p = sub.add_parser("units", help="workload, centrality and bottleneck rank of every unit",
                       description="One row per unit: tasks led and supported, partners, weighted "
                                   "load, peak month, centrality and bottleneck rank, with a "
                                   "one-sentence reason.")
    add_inputs(p)
    p.add_argument("--top", type=int, default=0, metavar="N", help="show the first N units only")
    p.add_argument("--sort", choices=SORT_CHOICES, default="load",
                   help="order (default load; constraint ascending, bottleneck by rank)")
    add_collectives(p)
    add_lang(p, "the reasons")
    add_followup(p)
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
