"""Data-quality findings: what a careful reader would flag in a task list."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["FINDING_COLUMNS", "Finding", "Severity"]

Severity = Literal["error", "warning", "info"]
FINDING_COLUMNS = ["severity", "code", "file", "row", "message", "task_id", "unit"]


@dataclass(frozen=True)
class Finding:
    """One observation about the input.

    ``severity`` is ``error`` (the model is incomplete: a task without a
    lead), ``warning`` (probably a mistake in the source: a numbering gap, a
    near-duplicate name) or ``info`` (a cleaning step worth knowing about).

    Examples
    --------
    >>> f = Finding("warning", "number-gap", "a.md", "line 9", "tasks 4 to 5 are missing")
    >>> f.as_row()["code"]
    'number-gap'
    """

    severity: Severity
    code: str
    file: str
    row: str
    message: str
    task_id: str = ""
    unit: str = ""

    def as_row(self) -> dict[str, str]:
        """Return the finding as a plain dict for a DataFrame row."""
        return asdict(self)
