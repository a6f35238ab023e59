"""The follow-up a command's ``--as-of DATE`` and ``--status FILE`` ask for, with what to tell the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from remit.errors import RemitError

if TYPE_CHECKING:  # networkx and pandas only once a follow-up is asked for
    from remit.analyses import UnitSummary
    from remit.analyses.followup import FollowUp

__all__ = ["FollowUpView", "followup_of", "parse_as_of"]


@dataclass(frozen=True)
class FollowUpView:
    """The result of :func:`followup_of`: the follow-up and what to tell the user about it.

    Attributes
    ----------
    result : FollowUp or None
        :func:`remit.analyses.followup.follow_up`, or None when neither a date nor a sheet was given.
    notes : list of str
        One line each: the sheet's findings (``warning: FILE, ROW: message``), and
        which date and sheet the result assumes when they were not given.
    """

    result: FollowUp | None
    notes: list[str] = field(default_factory=list)


def parse_as_of(text: str) -> dt.date:
    """The day of ``--as-of``.

    Examples
    --------
    >>> parse_as_of("2020-09-01")
    datetime.date(2020, 9, 1)
    >>> parse_as_of("1 Sept")
    Traceback (most recent call last):
    ...
    remit.errors.RemitError: --as-of '1 Sept': expected a date as YYYY-MM-DD
    """
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RemitError(f"--as-of {text!r}: expected a date as YYYY-MM-DD") from None


def followup_of(summary: UnitSummary, as_of: str | dt.date | None = None, status: str | Path | None = None,
                *, max_input_size: str | int | None = None) -> FollowUpView:
    """Overdue and due-soon led tasks on ``as_of`` (default today), from the progress sheet ``status``.

    Parameters
    ----------
    summary : UnitSummary
        :func:`remit.analyses.unit_summary` of the lists: its scope decides which units get rows.
    as_of : str or datetime.date, optional
        The day to judge on (``YYYY-MM-DD``); default: today when a sheet is given.
    status : path, optional
        A progress sheet (:func:`remit.loaders.status.read_status`); without it no task is done.
    max_input_size : str or int, optional
        The largest sheet read (as :func:`remit.loaders.load`).

    Returns
    -------
    FollowUpView
        With ``result`` None when neither ``as_of`` nor ``status`` is given.

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> summary = unit_summary(remit.build_graph(remit.load(remit.example_path())))
    >>> f = followup_of(summary, "2020-04-01")
    >>> int((f.result.tasks["state"] == "overdue").sum()), f.notes
    (28, ['no --status sheet given: no task counts as done'])
    >>> followup_of(summary).result is None
    True
    """
    if not as_of and not status:
        return FollowUpView(None)
    from remit.analyses.followup import follow_up
    from remit.loaders.status import read_status
    from remit.model import place_of_finding

    day = (as_of if isinstance(as_of, dt.date) else parse_as_of(as_of)) if as_of else dt.date.today()
    sheet = read_status(status, max_input_size) if status else None
    result = follow_up(summary, day, sheet)
    notes = [f"{f.severity}: {place_of_finding(f.file, f.row)}: {f.message}"
             for f in result.findings]
    if not as_of:
        notes.append(f"judging progress as of today, {day.isoformat()}")
    if sheet is None:
        notes.append("no --status sheet given: no task counts as done")
    return FollowUpView(result, notes)
