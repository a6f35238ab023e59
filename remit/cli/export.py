"""Commands that write files: ``map``, ``report`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from remit.cli.common import add_collectives, add_inputs, add_lang, load_inputs
from remit.cli.progress import add_progress, progress_of
from remit.errors import RemitError

__all__ = ["register"]


def _map(args: argparse.Namespace) -> int:
    from remit.analyses import unit_summary
    from remit.exports import map as make_map
    from remit.graph import build_graph

    if args.depth < 0:
        raise RemitError("--depth must be 0 or more")
    tasklist = load_inputs(args)
    G = build_graph(tasklist)
    progress = progress_of(args, G, include_collectives=args.include_collectives)
    summary = unit_summary(G, include_collectives=args.include_collectives, lang=args.lang)
    result = make_map(summary, color_by=args.color_by, tasks=args.tasks, focus=args.focus, depth=args.depth,
                      title=args.title, progress=progress)
    path = result.save(args.output)
    print(f"wrote {path} ({len(result.model['nodes'])} nodes, {len(result.model['edges'])} edges)",
          file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from remit.analyses import unit_summary
    from remit.exports.figure import find_cjk_font
    from remit.exports.report import write_report
    from remit.graph import build_graph

    tasklist = load_inputs(args)
    G = build_graph(tasklist)
    summary = unit_summary(G, include_collectives=args.include_collectives, lang=args.lang)
    follow_up = progress_of(args, G, include_collectives=args.include_collectives)
    if find_cjk_font() is None:
        print("remit: no CJK font found (install fonts-noto-cjk); report.docx has no map figure",
              file=sys.stderr)
    out = write_report(tasklist, args.output, summary=summary, title=args.title, force=args.force,
                       follow_up=follow_up)
    print(f"wrote {out / 'index.html'}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from remit.exports.files import write_graph
    from remit.graph import build_graph

    fmt = args.format or _format_of(args.output)
    G = build_graph(load_inputs(args))
    path = write_graph(G, args.output, fmt)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return 0


EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


def _format_of(output: str) -> str:
    """The export format named by the output file's suffix (``g.graphml`` → graphml)."""
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return suffix
    raise RemitError(f"{output}: cannot tell the format from the suffix; name the file .graphml, .gexf, "
                     f".json or .csv, or give --format")


def register(sub: argparse._SubParsersAction) -> None:
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
    add_progress(p)
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
    add_progress(p)
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
