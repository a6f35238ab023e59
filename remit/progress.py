"""A small progress bar on standard error, silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Report progress of ``total`` steps as ``label [#####     ] 50% 5/10``.

    Parameters
    ----------
    total : int
        Number of steps.
    label : str
        What is being done.
    stream : file, optional
        Where to draw; standard error by default.
    enabled : bool, optional
        Draw at all. By default only when ``stream`` is a terminal, so that
        logs and pipes stay clean.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with Progress(2, "loading", stream=out, enabled=True) as bar:
    ...     bar.advance(); bar.advance()
    >>> "2/2" in out.getvalue()
    True
    """

    def __init__(self, total: int, label: str, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total = max(int(total), 0)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last_draw = 0.0

    def advance(self, steps: int = 1) -> None:
        """Mark ``steps`` more steps done and redraw at most ten times a second."""
        self.done = min(self.done + steps, self.total) if self.total else self.done + steps
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.1 or self.done >= self.total):
            self._last_draw = now
            self._draw()

    def _draw(self) -> None:
        width = 30
        frac = self.done / self.total if self.total else 1.0
        filled = int(width * frac)
        self.stream.write(f"\r{self.label} [{'#' * filled}{' ' * (width - filled)}] "
                          f"{frac:4.0%} {self.done}/{self.total}")
        self.stream.flush()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._draw()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

