"""Commands about reading lists: ``check``, ``stats`` and ``aliases``."""

from __future__ import annotations

import argparse

from remit.cli.common import (
    Subcommands,
    add_format,
    add_inputs,
    add_lang,
    emit_frame,
    emit_json,
    print_lines,
    read_options,
)

__all__ = ["register"]


def _check(args: argparse.Namespace) -> int:
    from remit.service.overview import check, explain

    if args.explain:
        emit_frame(explain(read_options(args), args.explain), args)
        return 0
    checked = check(read_options(args))
    if args.json or args.csv:
        emit_frame(checked.findings, args)
    else:
        print_lines(checked.lines())
    return 1 if checked.failed else 0


def _stats(args: argparse.Namespace) -> int:
    from remit.service.overview import stats

    result = stats(read_options(args))
    if args.json:
        emit_json(result.summary)
    elif args.csv:  # every unit, one row each, unless --top is given
        emit_frame(result.table if args.top is None else result.table.head(args.top), args)
    else:
        print_lines(result.lines(args.lang))
        emit_frame(result.table.head(20 if args.top is None else args.top), args)
    return 0


def _aliases(args: argparse.Namespace) -> int:
    from remit.service.overview import alias_merges

    emit_frame(alias_merges(read_options(args)), args)
    return 0


def register(sub: Subcommands) -> None:
    """Add ``check``, ``stats`` and ``aliases``."""
    p = sub.add_parser("check", help="read the lists and print data-quality findings",
                       description="Print every data-quality finding; exit 1 if any is an "
                                   "error, 2 if an input cannot be read.")
    add_inputs(p)
    p.add_argument("--explain", metavar="NAME",
                   help="show the audit trail of one unit name instead")
    add_lang(p, "the tables")
    add_format(p)
    p.set_defaults(handler=_check)

    p = sub.add_parser("stats", help="count tasks, domains, units and edges",
                       description="Summarise the lists; --json prints one JSON object, --csv the "
                                   "per-unit counts (unit, kind, lead, support).")
    add_inputs(p)
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="units to list (default 20; with --csv, all)")
    add_lang(p, "the summary")
    add_format(p)
    p.set_defaults(handler=_stats)

    p = sub.add_parser("aliases", help="list every merge the normaliser made",
                       description="List each source spelling that became another name, "
                                   "with the rules applied.")
    add_inputs(p)
    add_lang(p, "the table")
    add_format(p)
    p.set_defaults(handler=_aliases)
