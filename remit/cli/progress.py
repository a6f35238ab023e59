"""The ``--as-of DATE`` and ``--status FILE`` options of ``units``, ``report`` and ``map``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from remit.errors import RemitError

if TYPE_CHECKING:  # the CLI imports networkx only in the commands that use it
    import networkx as nx

__all__ = ["add_progress", "progress_of"]


def add_progress(parser: argparse.ArgumentParser) -> None:
    """Add ``--as-of DATE`` and ``--status FILE``."""
    parser.add_argument("--as-of", metavar="DATE",
                        help="judge progress on this day (YYYY-MM-DD): overdue and due-soon led tasks "
                             "(default with --status: today)")
    parser.add_argument("--status", metavar="FILE",
                        help="progress sheet (xlsx/CSV: 序号 or task text, 完成情况/进展情况/状态, "
                             "完成时间, 备注); without it no task counts as done")


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RemitError(f"--as-of {text!r}: expected a date as YYYY-MM-DD") from None


def progress_of(args: argparse.Namespace, G: nx.MultiDiGraph, *, include_collectives: bool = False,
                quiet: bool = False) -> object | None:
    """The :class:`~remit.analyses.followup.Progress` the options ask for, or None without either.

    Findings about the sheet (unknown numbers, unreadable or later dates) go to stderr, one line each.
    """
    if not getattr(args, "as_of", None) and not getattr(args, "status", None):
        return None
    from remit.analyses import unit_summary
    from remit.analyses.followup import progress
    from remit.loaders.status import read_status

    as_of = _parse_date(args.as_of) if args.as_of else dt.date.today()
    sheet = read_status(args.status) if args.status else None
    result = progress(unit_summary(G, include_collectives=include_collectives), as_of, sheet)
    if not quiet:
        for f in result.findings:
            where = f"{f.file}, {f.row}" if f.row else f.file
            print(f"remit: {f.severity}: {where}: {f.message}", file=sys.stderr)
        if not args.as_of:
            print(f"remit: judging progress as of today, {as_of.isoformat()}", file=sys.stderr)
        if sheet is None:
            print("remit: no --status sheet given: no task counts as done", file=sys.stderr)
    return result
