"""The ``--as-of DATE`` and ``--status FILE`` options of ``units``, ``report`` and ``map``.

What they ask for is :func:`remit.service.followup.followup_of`.
"""

from __future__ import annotations

import argparse

__all__ = ["add_followup"]


def add_followup(parser: argparse.ArgumentParser) -> None:
    """Add ``--as-of DATE`` and ``--status FILE``."""
    parser.add_argument("--as-of", metavar="DATE",
                        help="judge progress on this day (YYYY-MM-DD): overdue and due-soon led tasks "
                             "(default with --status: today)")
    parser.add_argument("--status", metavar="FILE",
                        help="progress sheet (xlsx/CSV: 序号 or task text, 完成情况/进展情况/状态, "
                             "完成时间, 备注); without it no task counts as done")
