"""Limits that keep a hostile or broken input from exhausting time or memory.

Every reader calls these checks; each one stops with one line, an
:class:`~remit.errors.InputError` naming the file, instead of a
``MemoryError`` minutes later. The limits are generous for real task lists
(the largest published lists have a few thousand rows of under twenty
columns):

- an input file may be at most :data:`DEFAULT_MAX_INPUT_BYTES` (64 MiB);
  override with ``--max-input-size`` or ``REMIT_MAX_INPUT_SIZE`` (``200M``,
  ``1G``, or bytes);
- only regular files are read: a FIFO, a device such as ``/dev/zero`` (also
  through a symlink) or a socket is refused before it is opened for reading;
- a ZIP package (.xlsx, .docx) may inflate to at most
  :data:`MAX_ZIP_MEMBER_BYTES` per part and :data:`MAX_ZIP_TOTAL_BYTES` in
  all, checked from its directory before any part is read;
- one table may hold at most :data:`MAX_TABLE_CELLS` cells once merged and
  spanned cells are expanded (:class:`CellBudget`), and the merged ranges
  of one worksheet may cover at most :data:`MAX_MERGED_CELLS` cells;
- a PDF stream may inflate to at most :data:`MAX_PDF_STREAM_BYTES`, all of
  them to :data:`MAX_PDF_INFLATED_BYTES`, and one page may draw at most
  :data:`MAX_PDF_PAGE_OBJECTS` objects and hold :data:`MAX_PDF_PAGE_CHARS`
  characters (:mod:`remit.loaders.pdfguard` checks before pdfium loads a page).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path

from remit.errors import InputError, UnreadableFileError

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "ENV_MAX_INPUT",
    "MAX_MERGED_CELLS",
    "MAX_PDF_INFLATED_BYTES",
    "MAX_PDF_PAGE_CHARS",
    "MAX_PDF_PAGE_OBJECTS",
    "MAX_PDF_STREAM_BYTES",
    "MAX_TABLE_CELLS",
    "MAX_ZIP_MEMBER_BYTES",
    "MAX_ZIP_TOTAL_BYTES",
    "CellBudget",
    "check_zip",
    "check_zip_bytes",
    "max_input_bytes",
    "parse_size",
    "read_input_bytes",
]

DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
ENV_MAX_INPUT = "REMIT_MAX_INPUT_SIZE"
MAX_ZIP_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 160 * 1024 * 1024
#: Cells in one table after spans and merges are expanded (e.g. 20,000 rows × 50 columns).
MAX_TABLE_CELLS = 1_000_000
#: Cells covered by the merged ranges of one worksheet. openpyxl makes an object for
#: each as it loads (about 1 µs and 300 bytes apiece); a real list merges a column or two.
MAX_MERGED_CELLS = 200_000
#: Inflated bytes of one PDF stream (a page's text, a form, a font), as for a ZIP part.
MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024
#: Inflated bytes of all the streams of one PDF.
MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024
#: Objects one PDF page draws (paths, text runs, images, forms counted as often as drawn).
#: pdfium keeps each in memory as the page loads, a form drawn inside a form about 1 KB a draw;
#: a ruled table page has a few thousand.
MAX_PDF_PAGE_OBJECTS = 200_000
#: Characters of one PDF page; a dense A3 table page has about 10,000.
MAX_PDF_PAGE_CHARS = 200_000

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4}


def parse_size(text: str) -> int:
    """Bytes from ``"64M"``, ``"1.5G"``, ``"200MB"`` or a plain number.

    Examples
    --------
    >>> parse_size("64M"), parse_size("1G"), parse_size("1000")
    (67108864, 1073741824, 1000)
    """
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"not a size: {text!r}; expected e.g. 200M or 1G")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def max_input_bytes(limit: int | str | None = None) -> int:
    """The input size cap: ``limit`` if given, else ``REMIT_MAX_INPUT_SIZE`` if set, else 64 MiB.

    Parameters
    ----------
    limit : int or str, optional
        Bytes, or a size such as ``"200M"`` (:func:`parse_size`).

    Raises
    ------
    InputError
        When ``limit`` or ``REMIT_MAX_INPUT_SIZE`` is not a size.

    Examples
    --------
    >>> max_input_bytes() >= 1
    True
    >>> max_input_bytes("2K"), max_input_bytes(10)
    (2048, 10)
    """
    if limit is not None:
        try:
            return max(limit if isinstance(limit, int) else parse_size(limit), 1)
        except ValueError as exc:
            raise InputError("max_input_size", str(exc)) from None
    raw = os.environ.get(ENV_MAX_INPUT, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_BYTES
    try:
        return max(parse_size(raw), 1)
    except ValueError:
        raise InputError(ENV_MAX_INPUT, f"not a size: {raw!r}; expected e.g. 200M or 1G") from None


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_input_bytes(path: str | Path, limit: int | str | None = None) -> bytes:
    """Read an input file, refusing non-regular files and files over the cap.

    The cap is ``limit`` if given, else :func:`max_input_bytes`'s default.

    The file is examined with ``stat`` (which follows symlinks) before it is
    opened, so a FIFO never blocks and ``/dev/zero`` is never read; the read
    itself stops one byte past the cap, so a file that grows meanwhile
    cannot get round it.

    Raises
    ------
    UnreadableFileError
        When the path is missing, a folder, not a regular file, too large, or
        cannot be read.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFileError(name, "no such file") from None
    except OSError as exc:
        raise UnreadableFileError(name, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(name, "is a folder; expected a task list file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(name, "is not a regular file (a device, FIFO or socket); "
                                  "expected a task list file")
    cap = max_input_bytes(limit)
    if info.st_size > cap:
        raise UnreadableFileError(name, f"the file is {_mib(info.st_size)}, over the limit of "
                                  f"{_mib(cap)}; raise it with --max-input-size or {ENV_MAX_INPUT}")
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since stat, open does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UnreadableFileError(name, "is not a regular file (a device, FIFO or socket)")
            data = handle.read(cap + 1)
    except OSError as exc:
        raise UnreadableFileError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > cap:
        raise UnreadableFileError(name, f"the file is over the limit of {_mib(cap)}; raise it "
                                  f"with --max-input-size or {ENV_MAX_INPUT}")
    return data


def check_zip(path: str, package: zipfile.ZipFile) -> None:
    """Refuse a ZIP package whose parts would inflate past the limits.

    The sizes come from the ZIP directory, before any part is read. Python's
    :mod:`zipfile` never inflates a part beyond the size its directory states,
    so a lying directory cannot get round the check.

    Raises
    ------
    UnreadableFileError
        When one part or all of them together are too large.
    """
    total = 0
    for info in package.infolist():
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            raise UnreadableFileError(path, f"part {info.filename!r} of the package inflates to "
                                      f"{_mib(info.file_size)}, over the limit of "
                                      f"{_mib(MAX_ZIP_MEMBER_BYTES)} (a ZIP bomb?)")
        total += info.file_size
        if total > MAX_ZIP_TOTAL_BYTES:
            raise UnreadableFileError(path, f"the package inflates to more than "
                                      f"{_mib(MAX_ZIP_TOTAL_BYTES)} (a ZIP bomb?)")


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']*)")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper().replace(b"$", b""):
        number = number * 26 + ch - 64
    return number


def merge_area(ref: bytes) -> int:
    """Cells covered by an Excel range reference such as ``b"G2:XFD1048576"``.

    Examples
    --------
    >>> merge_area(b"A1:B3"), merge_area(b"G2:XFD1048576")
    (6, 17173561350)
    """
    match = re.match(rb"\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?", ref)
    if not match:
        return 0
    c1, r1 = _column_number(match.group(1)), int(match.group(2))
    c2 = _column_number(match.group(3)) if match.group(3) else c1
    r2 = int(match.group(4)) if match.group(4) else r1
    return (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)


def _check_sheet(path: str, name: str, xml: bytes) -> None:
    """Refuse a worksheet whose merges or cells would exceed :data:`MAX_TABLE_CELLS`.

    openpyxl creates an object for every cell a merge covers as it loads, so
    this has to be known before the workbook is opened.
    """
    merged = 0
    for match in _MERGE.finditer(xml):
        merged += merge_area(match.group(1))
        if merged > MAX_MERGED_CELLS:
            raise UnreadableFileError(path, f"worksheet {name!r} merges more than "
                                      f"{MAX_MERGED_CELLS:,} cells; is a merged range far too "
                                      "large?")
    cells = len(_CELL.findall(xml))
    if cells > MAX_TABLE_CELLS:
        raise UnreadableFileError(path, f"worksheet {name!r} has {cells:,} cells, more than "
                                  f"{MAX_TABLE_CELLS:,}")


def check_zip_bytes(path: str, data: bytes) -> None:
    """Check a ZIP package (.xlsx, .docx) against the limits before it is read.

    A damaged package passes: its reader reports it in its own words.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with package:
        check_zip(path, package)
        for info in package.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                try:
                    xml = package.read(info)
                except Exception:  # damaged part: the reader says so
                    continue
                _check_sheet(path, info.filename.rsplit("/", 1)[-1], xml)


class CellBudget:
    """Count the cells one table expands to; stop past :data:`MAX_TABLE_CELLS`.

    Parameters
    ----------
    source : str
        The file, for the error.
    limit : int, optional
        The budget (default :data:`MAX_TABLE_CELLS`).

    Examples
    --------
    >>> budget = CellBudget("x.html", limit=10)
    >>> budget.take(8, "table 1, row 2")
    >>> budget.take(8, "table 1, row 3")
    Traceback (most recent call last):
    ...
    remit.errors.InputError: x.html, table 1, row 3: the table has more than 10 cells ...
    """

    def __init__(self, source: str, limit: int | None = None) -> None:
        self.source = source
        self.limit = MAX_TABLE_CELLS if limit is None else limit
        self.used = 0

    def take(self, cells: int, locator: str | None = None) -> None:
        """Account for ``cells`` more cells; raise when the budget is spent."""
        self.used += max(cells, 0)
        if self.used > self.limit:
            raise InputError(self.source, f"the table has more than {self.limit:,} cells (merged "
                             "cells counted in every slot they cover); is a span or merge far "
                             "too large, or is this not a task list?", row=locator)

    def check_grid(self, rows: int, width: int, locator: str | None = None) -> None:
        """Raise if a grid of ``rows`` × ``width`` cells is over the budget."""
        if rows * width > self.limit:
            raise InputError(self.source, f"the table would be {rows:,} rows × {width:,} columns, "
                             f"more than {self.limit:,} cells; is a colspan or merge far too "
                             "large?", row=locator)
