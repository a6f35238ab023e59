"""Keep document text from driving the terminal.

A unit name such as ``"市\\x1bc局"`` printed raw would reset the terminal; other
escape sequences can retitle the window, move the cursor or hide text. The
loaders already remove control characters from what they read
(:mod:`remit.loaders.clean`), but names also come from alias files, query
results and file names. So everything the CLI prints goes through
:func:`visible`: control characters other than line feed and tab are shown as
``\\x1b``-style escapes instead of being sent to the terminal.
"""

from __future__ import annotations

from typing import Any, TextIO

__all__ = ["SafeStream", "visible"]

_TABLE = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}


def visible(text: str) -> str:
    """``text`` with every control character but ``\\n`` and ``\\t`` written as an escape.

    Examples
    --------
    >>> visible("市\\x1bc局\\n")
    '市\\\\x1bc局\\n'
    >>> visible("市财政局")
    '市财政局'
    """
    return text.translate(_TABLE)


class SafeStream:
    """A text stream that passes everything written through :func:`visible`.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> SafeStream(out).write("\\x1b[2J清屏")
    9
    >>> out.getvalue()
    '\\\\x1b[2J清屏'
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
