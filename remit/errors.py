"""One exception hierarchy for everything remit reports to its users.

Every error a user can cause is a :class:`RemitError`. The CLI prints its
``str()`` as one line and exits with :attr:`RemitError.exit_code`; it never
shows a traceback for one of these.
"""

from __future__ import annotations

__all__ = [
    "AliasFileError",
    "GraphStoreError",
    "InputError",
    "MissingColumnError",
    "NoTaskTableError",
    "OutputError",
    "QueryError",
    "RemitError",
    "UnreadableFileError",
]


class RemitError(Exception):
    """Base class of every error remit raises on purpose."""

    exit_code = 2


class InputError(RemitError):
    """A problem with an input file.

    Parameters
    ----------
    path : str
        The file, as the user named it.
    message : str
        What is wrong and what was expected.
    row : str, optional
        Where in the file (``"line 12"``, ``"sheet 1, row 4"``).

    Examples
    --------
    >>> str(InputError("a.md", "no task table found", row="line 3"))
    'a.md, line 3: no task table found'
    """

    def __init__(self, path: str, message: str, row: str | None = None) -> None:
        self.path = str(path)
        self.row = row
        self.message = message
        where = f"{self.path}, {row}" if row else self.path
        super().__init__(f"{where}: {message}")


class UnreadableFileError(InputError):
    """The file is missing, empty, binary, or in an encoding remit cannot read."""


class NoTaskTableError(InputError):
    """The file has no table whose header names a task and its owners."""


class MissingColumnError(InputError):
    """A task table lacks a column every task list must have."""


class AliasFileError(InputError):
    """An alias file is malformed."""


class OutputError(RemitError):
    """An output path cannot be written, or writing it would destroy something.

    Examples
    --------
    >>> str(OutputError("/proc/map.html", "cannot write here (permission denied)"))
    '/proc/map.html: cannot write here (permission denied)'
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class GraphStoreError(RemitError):
    """A graph database could not be reached or refused the request."""


class QueryError(RemitError):
    """A Cypher query is unknown, malformed, or got the wrong parameters."""
