"""Commands that write files: ``map``, ``report`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from remit.cli.common import (
    Subcommands,
    add_collectives,
    add_inputs,
    add_lang,
    print_notes,
    read_options,
    scope_of,
)
from remit.cli.followup import add_followup

if TYPE_CHECKING:
    from remit.service.writing import Written

__all__ = ["register"]

#: The formats of `remit export` (remit.exports.files.FORMATS), named here so that --help stays quick.
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


def _map(args: argparse.Namespace) -> int:
    from remit.service.writing import write_map

    _tell(write_map(read_options(args), args.output, scope_of(args), color_by=args.color_by,
                    tasks=args.tasks, focus=args.focus, depth=args.depth, title=args.title, as_of=args.as_of,
                    status=args.status))
    return 0


def _report(args: argparse.Namespace) -> int:
    from remit.service.writing import write_report_folder

    _tell(write_report_folder(read_options(args), args.output, scope_of(args), title=args.title,
                              force=args.force, as_of=args.as_of, status=args.status))
    return 0


def _export(args: argparse.Namespace) -> int:
    from remit.service.writing import export_graph_file

    _tell(export_graph_file(read_options(args), args.output, args.format))
    return 0


def _tell(written: Written) -> None:
    """Print what a command wrote, and its notes before it, on stderr."""
    print_notes(written.notes)
    print(written.message, file=sys.stderr)


def register(sub: Subcommands) -> None:
    """Add the ``map``, ``report`` and ``export`` commands."""
    p = sub.add_parser("map", help="write an interactive coordination map: one offline HTML file",
                       description="Write one self-contained HTML file (no network requests) showing which "
                                   "units work together. Units are sized by load; click one for its tasks.")
    add_inputs(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument("--color-by", choices=("cluster", "domain", "kind", "overdue"), default="cluster",
                   help="what a unit's colour shows (default: cluster; overdue needs --as-of/--status)")
    p.add_argument("--tasks", action="store_true",
                   help="show task nodes instead of collapsing them into unit-unit links")
    p.add_argument("--focus", metavar="UNIT", help="map only this unit (name or alias) and its neighbours")
    p.add_argument("--depth", type=int, default=1, metavar="K",
                   help="with --focus: how many coordination steps away to go (default: 1)")
    add_collectives(p)
    p.add_argument("--title", help="heading of the page and the Word report (default: the list's own title)")
    add_lang(p, "the page")
    add_followup(p)
    p.set_defaults(handler=_map)

    p = sub.add_parser("report", help="write the shareable report folder (index.html, CSV, Excel, graphs)",
                       description="Write DIR/index.html (summary, the units most likely to hold work "
                                   "up, centrality, clusters, deadlines heat map, embedded map) and "
                                   "report.docx (a briefing for leaders: A4, the conclusions on page 1, "
                                   "then the tables), with units.csv, units.xlsx, tasks.csv, "
                                   "graph.graphml, graph.gexf and graph.json beside it. remit replaces "
                                   "only the files it wrote itself, once everything is written; "
                                   "files you added or changed are kept.")
    add_inputs(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the report folder to write")
    p.add_argument("--title", help="heading of the page and the Word report (default: the list's own title)")
    p.add_argument("--force", action="store_true",
                   help="overwrite report files you changed, and your files of the same names")
    add_collectives(p)
    add_lang(p, "the page")
    add_followup(p)
    p.set_defaults(handler=_report)

    p = sub.add_parser("export", help="write the task graph as GraphML, GEXF, JSON or a CSV edge list",
                       description="Write the full typed graph (units, tasks, domains) to one file. "
                                   "List-valued attributes such as aliases are joined with '|'.")
    add_inputs(p)
    p.add_argument("--format", choices=EXPORT_FORMATS,
                   help="graphml / gexf (Gephi) / json (node-link) / csv (edge list); "
                        "default: from the output file's suffix")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write")
    p.set_defaults(handler=_export)
