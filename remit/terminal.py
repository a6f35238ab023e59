"""Keep document text from driving the terminal.

A unit name such as ``"市\\x1bc局"`` printed raw would reset the terminal; other
escape sequences can retitle the window, move the cursor or hide text. The
loaders already remove control characters from what they read
(:mod:`remit.loaders.clean`), but names also come from alias files, query
results and file names. So everything the CLI prints goes through
:func:`visible`: control characters other than line feed and tab are shown as
``\\x1b``-style escapes instead of being sent to the terminal. Format
characters (Unicode category Cf: the right-to-left override U+202E, the
zero-width space U+200B, the byte-order mark U+FEFF…) are shown as
``\\u202e``-style escapes, since they reorder or hide what is printed.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from remit.control import CONTROL_CHARS

__all__ = ["FORMAT", "SafeStream", "visible"]

#: The format characters (Unicode 14 category Cf): invisible, or reordering the
#: text around them. The loaders remove them from unit names.
FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
                    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
                    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")

# The control characters, and the carriage return, which would let a name overwrite the line printed.
_UNSAFE = re.compile(f"[{CONTROL_CHARS}\r]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control and format character but ``\\n`` and ``\\t`` as an escape.

    Examples
    --------
    >>> visible("市\\x1bc局\\n")
    '市\\\\x1bc局\\n'
    >>> visible("市\\u202e局税")
    '市\\\\u202e局税'
    >>> visible("市财政局")
    '市财政局'
    """
    text = _UNSAFE.sub(_escape_control, text)
    return FORMAT.sub(_escape, text) if not text.isascii() else text


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
