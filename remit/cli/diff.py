"""``remit diff OLD NEW``: compare last year's list with this year's."""

from __future__ import annotations

import argparse
import sys

from remit.cli.common import (
    Subcommands,
    add_collectives,
    add_lang,
    add_reading,
    emit_frame,
    emit_json,
    print_notes,
    read_options,
    scope_of,
)
from remit.errors import RemitError

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
    from remit.service.diffing import compare_lists

    old, new = split_sides(args)
    compared = compare_lists(read_options(args, old), read_options(args, new), scope_of(args),
                             threshold=args.threshold, html=args.html)
    print_notes([f"warning: {line}" for line in compared.warnings])
    if compared.written is not None:
        print(f"wrote {compared.written / 'index.html'}", file=sys.stderr)
    if args.json:
        emit_json(compared.result.as_json())
    elif not args.html or args.table:
        print(compared.summary(args.lang))
        for title, frame in compared.tables(args.lang):
            print(title)
            emit_frame(frame, args)
    return 0


def register(sub: Subcommands) -> None:
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
    add_reading(p)  # each side is read with the same options as every command's inputs
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
    p.set_defaults(handler=_diff)
