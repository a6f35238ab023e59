"""``remit diff OLD NEW``: compare last year's list with this year's."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from remit.cli.common import add_collectives, add_lang, emit_frame, emit_json
from remit.errors import RemitError

if TYPE_CHECKING:  # pandas only in the command itself: `remit --help` stays light
    import pandas as pd

__all__ = ["register", "split_sides"]


def split_sides(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The files of each side: ``OLD NEW`` positionally, or ``--old``/``--new`` (repeatable) for several.

    Examples
    --------
    >>> ns = argparse.Namespace(sides=["a.md", "b.md"], old=[], new=[])
    >>> split_sides(ns)
    (['a.md'], ['b.md'])
    >>> split_sides(argparse.Namespace(sides=["b.md"], old=["a1.md", "a2.md"], new=[]))
    (['a1.md', 'a2.md'], ['b.md'])
    """
    old, new, rest = list(args.old), list(args.new), list(args.sides)
    if not old and rest:
        old.append(rest.pop(0))
    if not new and rest:
        new.append(rest.pop(0))
    if rest:
        raise RemitError(f"too many lists: {' '.join(rest)}; give several files of one side with --old FILE "
                         "or --new FILE (repeatable)")
    if not old or not new:
        raise RemitError("remit diff needs an old and a new list: remit diff OLD NEW")
    return old, new


def _diff(args: argparse.Namespace) -> int:
    from remit.analyses import unit_summary
    from remit.analyses.diff import diff_lists
    from remit.graph import build_graph
    from remit.loaders import load, load_successors

    old_files, new_files = split_sides(args)
    if not 0.0 < args.threshold <= 1.0:
        raise RemitError(f"--threshold must be above 0 and at most 1, not {args.threshold}")
    old_list = load(old_files, aliases=args.aliases, place=args.place)
    new_list = load(new_files, aliases=args.aliases, place=args.place)
    G_old, G_new = build_graph(old_list), build_graph(new_list)
    place = new_list.government().place if new_list.government() == old_list.government() else None
    old, new = (unit_summary(G, include_collectives=args.include_collectives) for G in (G_old, G_new))
    result = diff_lists(old, new, threshold=args.threshold, successors=load_successors(args.successors),
                        place=place)
    for line in result.findings:
        print(f"remit: warning: {line}", file=sys.stderr)
    if args.html:
        from remit.exports.diff_report import write_diff_report

        out = write_diff_report(result, G_old, G_new, args.html, lang=args.lang,
                                old_name="、".join(old_files), new_name="、".join(new_files))
        print(f"wrote {out / 'index.html'}", file=sys.stderr)
    if args.json:
        emit_json(result.as_json())
        return 0
    if args.html and not args.table:
        return 0
    m = result.matched
    print(f"carried over {len(m)} (text changed {int(m['text_changed'].sum())}, lead changed "
          f"{int(m['lead_changed'].sum())}, supporting units changed {int(m['support_changed'].sum())}) · "
          f"new {len(result.added)} · dropped {len(result.dropped)} · "
          f"{f'units renamed {len(result.renamed)} · ' if len(result.renamed) else ''}"
          f"similarity threshold {result.threshold}")
    changed = m[m["text_changed"] | m["lead_changed"] | m["support_changed"]].copy()
    changed["similarity"] = changed["similarity"].round(3)
    for title, frame in (
        ("\ncarried over with changes:", changed[["old", "new", "similarity", "text_changed", "lead_changed",
                                                  "support_changed", "old_leads", "new_leads", "new_title"]]),
        ("\nunits renamed (their tasks count as carried over unchanged):", result.renamed),
        ("\nnew tasks:", result.added), ("\ndropped tasks:", result.dropped),
        ("\nunits whose work changed:", _changed_units(result.units)),
    ):
        print(title)
        emit_frame(frame, args)
    return 0


def _changed_units(units: pd.DataFrame) -> pd.DataFrame:
    moved = (units[["led_change", "supported_change", "load_change", "partners_change"]] != 0).any(axis=1)
    return units[moved | (units["status"] != "both")]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``diff``."""
    p = sub.add_parser("diff", help="compare two editions of a task list: carried over, new, dropped",
                       description="Match the tasks of OLD and NEW by their text (TF-IDF over character "
                                   "2- and 3-grams, one-to-one; numbers are never compared) and show which "
                                   "were carried over (and whether their text, lead or supporting units "
                                   "changed), which are new, which were dropped, and each unit's change in "
                                   "tasks led and supported, load and partners. A unit the new list names "
                                   "only by its successor (市工商局 → 市市场监管局, 2019) is reported as "
                                   "renamed, and its tasks do not count as changed leads.")
    p.add_argument("sides", nargs="*", metavar="OLD NEW",
                   help="the old and the new list (ID=PATH names a list)")
    p.add_argument("--old", action="append", default=[], metavar="FILE",
                   help="a file of the old side; repeat for a list in several files")
    p.add_argument("--new", action="append", default=[], metavar="FILE",
                   help="a file of the new side; repeat for a list in several files")
    p.add_argument("--aliases", action="append", default=[], metavar="FILE",
                   help="extra alias CSV (alias,canonical,kind,note); may repeat")
    p.add_argument("--place", metavar="PLACE",
                   help="the government of both lists (深圳市, 山东省, 国务院); "
                        "default: read from each document")
    p.add_argument("--successors", action="append", default=[], metavar="FILE",
                   help="extra successor CSV (old,new,date,level,place,source) of renamed bodies, tried "
                        "before remit's own; may repeat")
    p.add_argument("--threshold", type=float, default=None, metavar="X",
                   help="lowest text similarity (0-1) for two tasks to count as one carried over "
                        "(default 0.5)")
    p.add_argument("--html", metavar="DIR",
                   help="also write DIR/index.html: the diff report with a map coloured by change in load")
    p.add_argument("--table", action="store_true", help="with --html, print the table as well")
    add_collectives(p)
    add_lang(p, "the HTML report")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print JSON")
    group.add_argument("--csv", action="store_true", help="print the tables as CSV")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from remit.analyses.diff import DEFAULT_THRESHOLD

    if args.threshold is None:
        args.threshold = DEFAULT_THRESHOLD
    return _diff(args)
